"""Registry sinks: normalised tables in SQLite (embedded default) or PostgreSQL.

Upserts are idempotent by record id: a re-run or a changed release replaces the
release row and all its child rows in one transaction, so rows never duplicate.
Migrations are numbered SQL files in ``migrations/``, applied once each and
recorded in ``schema_migrations``.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from schemas import Release

MIGRATIONS = Path(__file__).parent / "migrations"
# Child tables in delete order (roles reference people).
CHILD_TABLES = ("roles", "mentions", "people", "amounts", "dates", "programmes", "regions", "quotes")
TABLES = ("releases",) + CHILD_TABLES


def release_rows(rec: Release) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table for one record."""
    rid = rec.id
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    rows["releases"].append({
        "id": rid, "schema_version": rec.schema_version, "source_path": rec.source.path,
        "source_url": rec.source.url, "canonical_url": rec.source.canonical_url, "sha256": rec.source.sha256,
        "fetched_at": rec.source.fetched_at.isoformat() if rec.source.fetched_at else None,
        "language": rec.language, "title": rec.title,
        "published": rec.published.isoformat() if rec.published else None,
        "issuer": rec.issuer.name if rec.issuer else None, "text": rec.text,
        "updated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    })

    def mentions(kind: str, entity_id: str, ms) -> None:
        for i, m in enumerate(ms):
            rows["mentions"].append({"release_id": rid, "kind": kind, "entity_id": entity_id, "position": i,
                                     "text": m.text, "start_char": m.start, "end_char": m.end, "sentence": m.sentence})

    for p in rec.people:
        rows["people"].append({"release_id": rid, "person_id": p.id, "name": p.name,
                               "honorifics": " ".join(p.honorifics) or None})
        for i, r in enumerate(p.roles):
            rows["roles"].append({"release_id": rid, "person_id": p.id, "position": i, "title": r.title,
                                  "organisation": r.organisation, "region": r.region})
        mentions("person", p.id, p.mentions)
    for i, a in enumerate(rec.amounts):
        rows["amounts"].append({"release_id": rid, "position": i, "text": a.text, "value": a.value,
                                "currency": a.currency, "qualifier": a.qualifier, "range_id": a.range_id,
                                "range_part": a.range_part, "start_char": a.start, "end_char": a.end,
                                "sentence": a.sentence})
    for i, d in enumerate(rec.dates):
        rows["dates"].append({"release_id": rid, "position": i, "text": d.text, "value": d.value,
                              "granularity": d.granularity, "relative": d.relative, "range_id": d.range_id,
                              "range_part": d.range_part, "start_char": d.start, "end_char": d.end,
                              "sentence": d.sentence})
    for p in rec.programs:
        rows["programmes"].append({"release_id": rid, "program_id": p.id, "name": p.name, "kind": p.kind,
                                   "aliases": json.dumps(p.aliases, ensure_ascii=False) if p.aliases else None})
        mentions("program", p.id, p.mentions)
    for r in rec.regions:
        rows["regions"].append({"release_id": rid, "region_id": r.id, "name": r.name, "kind": r.kind,
                                "code": r.code, "nuts": r.nuts})
        mentions("region", r.id, r.mentions)
    for i, q in enumerate(rec.quotes):
        rows["quotes"].append({"release_id": rid, "position": i, "text": q.text, "speaker_id": q.speaker,
                               "start_char": q.start, "end_char": q.end, "sentence": q.sentence})
    return rows


class SqlSink:
    """Upsert records into a database given as ``sqlite:///PATH``, a ``.db``/``.sqlite`` path, or ``postgresql://…``."""

    def __init__(self, url: str, commit_every: int = 200):
        self.url = url
        self.commit_every = commit_every
        self._pending = 0
        self.count = 0
        if url.startswith(("postgresql://", "postgres://")):
            try:
                import psycopg
            except ImportError:
                raise RuntimeError("PostgreSQL sink needs psycopg: pip install 'press-extract[postgres]'") from None
            self.dialect = "postgresql"
            self.conn = psycopg.connect(url)
        else:
            path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.dialect = "sqlite"
            self.conn = sqlite3.connect(path)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
        self.migrate()

    # -- plumbing -------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    def _exec(self, sql: str, params=()) -> Any:
        cur = self.conn.cursor()
        cur.execute(self._sql(sql), params)
        return cur

    def migrate(self) -> list[str]:
        """Apply migrations not yet recorded; return the versions applied now."""
        self._exec("CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = {r[0] for r in self._exec("SELECT version FROM schema_migrations").fetchall()}
        applied = []
        for f in sorted(MIGRATIONS.glob("*.sql")):
            if f.stem in done:
                continue
            for stmt in _statements(f.read_text(encoding="utf-8")):
                self._exec(stmt)
            self._exec("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                       (f.stem, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
            applied.append(f.stem)
        self.conn.commit()
        return applied

    # -- writing --------------------------------------------------------------
    def write(self, rec: Release) -> None:
        """Upsert one record and replace its child rows."""
        rows = release_rows(rec)
        rel = rows["releases"][0]
        cols = list(rel)
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "id")
        self._exec(f"INSERT INTO releases ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
                   f"ON CONFLICT (id) DO UPDATE SET {updates}", tuple(rel.values()))
        for table in CHILD_TABLES:
            self._exec(f"DELETE FROM {table} WHERE release_id = ?", (rec.id,))
        for table in ("people", "roles", "amounts", "dates", "programmes", "regions", "quotes", "mentions"):
            if rows[table]:
                cols = list(rows[table][0])
                sql = self._sql(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})")
                self.conn.cursor().executemany(sql, [tuple(r.values()) for r in rows[table]])
        self.count += 1
        self._pending += 1
        if self._pending >= self.commit_every:
            self.commit()

    def commit(self) -> None:
        self.conn.commit()
        self._pending = 0

    def close(self, ok: bool = True) -> None:
        if ok:
            self.commit()
        else:
            self.conn.rollback()
        self.conn.close()

    def __enter__(self) -> "SqlSink":
        return self

    def __exit__(self, et, ev, tb) -> None:
        self.close(ok=et is None)

    # -- reading --------------------------------------------------------------
    def rows(self, table: str) -> Iterator[tuple]:
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}; tables: {', '.join(TABLES)}")
        cur = self._exec(f"SELECT * FROM {table}")
        yield tuple(d[0] for d in cur.description)
        yield from cur

    def export_csv(self, directory: str | Path) -> list[Path]:
        """Write one CSV file per table (UTF-8 with header) for spreadsheet users."""
        from . import atomic_open

        out = []
        for table in TABLES:
            path = Path(directory) / f"{table}.csv"
            with atomic_open(path) as fh:
                csv.writer(fh).writerows(self.rows(table))
            out.append(path)
        return out


def _statements(script: str) -> list[str]:
    """Split a migration into statements (no semicolons inside our SQL literals)."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
