"""Registry sinks: idempotent upserts into SQLite and PostgreSQL, CSV export.

PostgreSQL tests run when PRESS_EXTRACT_PG_URL names a database (CI starts one);
otherwise they are skipped and say so.
"""
from __future__ import annotations

import csv
import os
import uuid

import pytest

from pipeline.sinks.sql import SqlSink
from schemas import Amount, Mention, Person, Region, Release, Role, Source

PG_URL = os.environ.get("PRESS_EXTRACT_PG_URL")


def make_record(i: int, value: float = 1000.0) -> Release:
    text = f"Landrat Jens Grote gibt {value:.0f} Euro an Celle (Nr. {i})."
    amount_text = f"{value:.0f} Euro"
    a = text.index(amount_text)
    c = text.index("Celle")
    return Release(
        id=f"pr-{i:04d}", source=Source(path=f"r{i}.txt", sha256="a" * 64), language="de", text=text,
        people=[Person(id="person-1", name="Jens Grote", roles=[Role(title="Landrat")],
                       mentions=[Mention(text="Jens Grote", start=8, end=18)])],
        amounts=[Amount(text=amount_text, start=a, end=a + len(amount_text), value=value, currency="EUR")],
        regions=[Region(id="region-03351", name="Celle", kind="district", code="03351",
                        mentions=[Mention(text="Celle", start=c, end=c + 5)])],
    )


def count(sink: SqlSink, table: str) -> int:
    return sink._exec(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'releases.db'}"
        return
    if not PG_URL:
        pytest.skip("PostgreSQL sink not tested: set PRESS_EXTRACT_PG_URL (CI starts a server)")
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:8]  # one schema per test keeps runs independent
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def test_upserting_twice_never_duplicates(db_url):
    for _ in range(2):
        with SqlSink(db_url) as sink:
            for i in range(100):
                sink.write(make_record(i))
    with SqlSink(db_url) as sink:
        assert count(sink, "releases") == 100
        assert count(sink, "people") == 100
        assert count(sink, "roles") == 100
        assert count(sink, "amounts") == 100
        assert count(sink, "mentions") == 200


def test_changed_release_updates_its_rows(db_url):
    with SqlSink(db_url) as sink:
        for i in range(10):
            sink.write(make_record(i))
    with SqlSink(db_url) as sink:
        sink.write(make_record(3, value=2500))
        assert count(sink, "releases") == 10
        values = sink._exec(sink._sql("SELECT value FROM amounts WHERE release_id = ?"), ("pr-0003",)).fetchall()
        assert [v[0] for v in values] == [2500]
        assert count(sink, "amounts") == 10


def test_migrations_apply_once(db_url):
    with SqlSink(db_url) as sink:
        assert sink.migrate() == []  # the constructor already applied them
        versions = [r[0] for r in sink._exec("SELECT version FROM schema_migrations").fetchall()]
    assert versions == ["001_init"]


def test_csv_export_has_every_table(tmp_path):
    with SqlSink(str(tmp_path / "r.db")) as sink:
        sink.write(make_record(1))
        files = sink.export_csv(tmp_path / "csv")
    names = {f.stem for f in files}
    assert {"releases", "people", "roles", "amounts", "regions"} <= names
    with (tmp_path / "csv" / "regions.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["code"] == "03351" and rows[0]["name"] == "Celle"
