"""`press-extract run` as a batch: incremental, resumable, parallel, crash-safe, on Dask."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from pipeline.batch import iter_records
from pipeline.batch.state import StateStore

TOWNS = ["Hannover", "Celle", "Lüneburg", "Stade", "Goslar", "Emden", "Verden", "Nienburg"]


def release(i: int) -> str:
    """An invented release; `i` varies town, amount and date."""
    town = TOWNS[i % len(TOWNS)]
    return (f"Land fördert Radwege in {town} ({i})\n"
            f"{town}, {1 + i % 28:02d}.03.2026 – Das Land Niedersachsen stellt rund {i % 90 + 2} Millionen Euro "
            f"für neue Radwege bereit. Minister Jonas Wegener übergab den Bescheid am Montag.\n")


def make_inputs(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"r{i:04d}.txt").write_text(release(i), encoding="utf-8")
    return folder


def records(out: Path) -> list[dict]:
    return [json.loads(line) for line in iter_records(out / "records")]


def by_path(out: Path) -> dict[str, dict]:
    return {Path(r["source"]["path"]).name: r for r in records(out)}


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_rerun_skips_unchanged_and_reextracts_changed_with_same_id(cli, tmp_path):
    src = make_inputs(tmp_path / "in", 5)
    out = tmp_path / "out"
    assert cli("run", str(src), "--out", str(out), "--workers", "1", "--shard-size", "2", "-q")[0] == 0
    first = by_path(out)
    assert len(first) == 5 and len(list((out / "records").glob("part-*.jsonl"))) == 3

    assert cli("run", str(src), "--out", str(out), "--workers", "1", "-q")[0] == 0
    m = manifest(out)
    assert (m["unchanged"], m["written"], m["records_total"]) == (5, 0, 5)

    (src / "r0002.txt").write_text(release(2).replace("Millionen", "Milliarden"), encoding="utf-8")
    assert cli("run", str(src), "--out", str(out), "--workers", "1", "-q")[0] == 0
    m = manifest(out)
    assert (m["changed"], m["written"], m["unchanged"]) == (1, 1, 4)
    after = by_path(out)
    assert len(records(out)) == 5  # the old line of r0002 is gone
    assert after["r0002.txt"]["id"] == first["r0002.txt"]["id"]
    assert "Milliarden" in after["r0002.txt"]["text"] and "Milliarden" not in first["r0002.txt"]["text"]
    assert after["r0001.txt"] == first["r0001.txt"]


def test_failed_inputs_are_retried_and_force_redoes_all(cli, tmp_path):
    src = make_inputs(tmp_path / "in", 3)
    (src / "bad.txt").write_bytes(b"")
    out = tmp_path / "out"
    code, _, err = cli("run", str(src), "--out", str(out), "--workers", "1", "-q")
    assert code == 1
    assert f"press-extract: error: {src / 'bad.txt'}" in err or "bad.txt: empty input" in err
    m = manifest(out)
    assert m["failed"] == 1 and m["failures"][0]["reason"].startswith("empty input")
    assert StateStore(out / "state.sqlite").get(m["failures"][0]["input"]).status == "failed"

    (src / "bad.txt").write_text(release(7), encoding="utf-8")
    assert cli("run", str(src), "--out", str(out), "--workers", "1", "-q")[0] == 0
    m = manifest(out)
    assert (m["retried"], m["unchanged"], m["failed"]) == (1, 3, 0)
    assert len(records(out)) == 4

    assert cli("run", str(src), "--out", str(out), "--workers", "1", "--force", "-q")[0] == 0
    m = manifest(out)
    assert (m["written"], m["unchanged"]) == (4, 0)
    ids = [r["id"] for r in records(out)]
    assert len(ids) == 4 == len(set(ids))


def test_input_that_starts_failing_loses_its_old_record(cli, tmp_path):
    src = make_inputs(tmp_path / "in", 2)
    out = tmp_path / "out"
    cli("run", str(src), "--out", str(out), "--workers", "1", "-q")
    (src / "r0001.txt").write_bytes(b"")
    assert cli("run", str(src), "--out", str(out), "--workers", "1", "-q")[0] == 1
    assert list(by_path(out)) == ["r0000.txt"]  # one record OR one error per input, never both


def test_process_pool_gives_same_records_as_one_worker(cli, tmp_path):
    src = make_inputs(tmp_path / "in", 12)
    one, two = tmp_path / "one", tmp_path / "two"
    assert cli("run", str(src), "--out", str(one), "--workers", "1", "-q")[0] == 0
    assert cli("run", str(src), "--out", str(two), "--workers", "2", "--shard-size", "5", "-q")[0] == 0
    assert by_path(one) == by_path(two)
    assert manifest(two)["workers"] == 2


def test_same_input_twice_in_one_run_gives_one_record(cli, tmp_path):
    src = make_inputs(tmp_path / "in", 2)
    out = tmp_path / "out"
    assert cli("run", str(src), str(src / "r0000.txt"), "--out", str(out), "--workers", "1", "-q")[0] == 0
    assert len(records(out)) == 2 and manifest(out)["duplicates"] == 1


def test_plain_log_lines_and_summary_when_not_a_terminal(cli, tmp_path):
    src = make_inputs(tmp_path / "in", 2)
    code, out, err = cli("run", str(src), "--out", str(tmp_path / "out"), "--workers", "1")
    assert code == 0 and out == ""
    assert "2 records written (2 new" in err and "\r" not in err
    code, _, err = cli("run", str(src), "--out", str(tmp_path / "out"), "--workers", "1", "--quiet")
    assert code == 0 and err == ""


def test_records_also_go_to_a_database_sink(cli, tmp_path):
    import sqlite3

    src = make_inputs(tmp_path / "in", 3)
    db = tmp_path / "reg.db"
    assert cli("run", str(src), "--out", str(tmp_path / "out"), "--workers", "1", "--sink", str(db), "-q")[0] == 0
    ids = {r["id"] for r in records(tmp_path / "out")}
    assert {r[0] for r in sqlite3.connect(db).execute("SELECT id FROM releases")} == ids


def test_usage_errors(cli, tmp_path):
    code, _, err = cli("run", str(tmp_path), "--workers", "0")
    assert code == 2 and "--workers" in err
    code, _, err = cli("run", str(tmp_path), "--scheduler", "tcp://127.0.0.1:1")
    assert code == 2 and "--executor dask" in err


def test_one_run_per_output_directory(cli, tmp_path):
    import fcntl

    src = make_inputs(tmp_path / "in", 1)
    out = tmp_path / "out"
    out.mkdir()
    with open(out / "state.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running press-extract would
        code, _, err = cli("run", str(src), "--out", str(out), "--workers", "1")
        assert code == 2 and "another press-extract run" in err
    assert cli("run", str(src), "--out", str(out), "--workers", "1", "-q")[0] == 0


def test_kill_9_mid_run_then_rerun_gives_each_input_exactly_once(tmp_path):
    n = 300
    src = make_inputs(tmp_path / "in", n)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline.cli", "run", str(src), "--out", str(out),
           "--workers", "2", "--shard-size", "7", "-q"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Kill once some shards are committed and more are being written.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if (out / "records").is_dir() and len(list((out / "records").glob("part-*.jsonl"))) >= 3:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    committed = StateStore(out / "state.sqlite").counts()["done"]
    assert 0 < committed < n

    rerun = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr.decode()
    lines = [line for p in sorted((out / "records").glob("part-*.jsonl"))
             for line in p.read_text(encoding="utf-8").splitlines()]
    recs = [json.loads(line) for line in lines]  # every line is valid JSON
    assert len(recs) == n
    assert len({r["id"] for r in recs}) == n
    assert {Path(r["source"]["path"]).name for r in recs} == {f"r{i:04d}.txt" for i in range(n)}
    assert not [p for p in (out / "records").iterdir() if p.name.endswith(".tmp")]
    assert manifest(out)["unchanged"] == committed  # committed work is not redone


def test_dask_local_cluster(cli, tmp_path):
    distributed = pytest.importorskip("distributed")
    src = make_inputs(tmp_path / "in", 6)
    (src / "bad.txt").write_bytes(b"")
    out = tmp_path / "out"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        code, _, err = cli("run", str(src), "--out", str(out), "--executor", "dask",
                           "--scheduler", cluster.scheduler_address, "-q")
    assert code == 1 and "bad.txt: empty input" in err
    m = manifest(out)
    assert (m["executor"], m["written"], m["failed"]) == ("dask", 6, 1)
    local = tmp_path / "local"
    cli("run", str(src), "--out", str(local), "--workers", "1", "-q")
    assert by_path(out) == by_path(local)


def test_directory_walk_streams_in_sorted_order(tmp_path):
    from pipeline.acquire import walk_sorted

    for name in ["b/2.txt", "a.txt", "b/1.txt", "a0/x.txt", "c.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    walk = walk_sorted(tmp_path)
    assert iter(walk) is walk  # a generator: the archive's file list is never held whole
    assert list(walk) == sorted(p for p in tmp_path.rglob("*") if p.is_file())
