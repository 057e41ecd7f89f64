"""The batch state store and shard protocol: crash points recovered by reconcile()."""
from __future__ import annotations

import json

from pipeline.batch import shards
from pipeline.batch.state import DONE, FAILED, Outcome, StateStore


def _line(rid: str, text: str = "x") -> str:
    return json.dumps({"id": rid, "text": text})


def _write_shard(records, state, lines):
    w = shards.ShardWriter(records, shards.next_number(records, state))
    for line in lines:
        w.write(line)
    w.seal()
    return w.name


def _ids(records) -> list[str]:
    return sorted(json.loads(line)["id"] for line in shards.iter_records(records))


def test_commit_records_status_and_shard(tmp_path):
    state = StateStore(tmp_path / "state.sqlite")
    run = state.start_run()
    name = _write_shard(tmp_path / "records", state, [_line("pr-a")])
    state.commit(run, [Outcome("a.txt", "sha-a", "pr-a"), Outcome("b.txt", "sha-b", None, "empty input")], name)
    a, b = state.get("a.txt"), state.get("b.txt")
    assert (a.status, a.shard, a.record_id, a.sha256) == (DONE, name, "pr-a", "sha-a")
    assert (b.status, b.shard, b.error) == (FAILED, None, "empty input")
    assert state.get("c.txt") is None
    assert list(state.failures(run)) == [("b.txt", "empty input")]
    assert state.counts() == {"done": 1, "failed": 1}


def test_reextraction_supersedes_old_line_and_keeps_id(tmp_path):
    records = tmp_path / "records"
    state = StateStore(tmp_path / "state.sqlite")
    run = state.start_run()
    first = _write_shard(records, state, [_line("pr-a", "old"), _line("pr-b")])
    state.commit(run, [Outcome("a", "1", "pr-a"), Outcome("b", "1", "pr-b")], first)
    second = _write_shard(records, state, [_line("pr-a", "new")])
    superseded = state.commit(run, [Outcome("a", "2", "pr-a")], second)
    assert superseded == {first: {"pr-a"}}
    shards.apply_drops(records, state, superseded)
    assert _ids(records) == ["pr-a", "pr-b"]
    texts = {json.loads(line)["id"]: json.loads(line)["text"] for line in shards.iter_records(records)}
    assert texts["pr-a"] == "new"
    assert state.pending_drops() == {}


def test_shard_emptied_by_drops_is_removed(tmp_path):
    records = tmp_path / "records"
    state = StateStore(tmp_path / "state.sqlite")
    run = state.start_run()
    first = _write_shard(records, state, [_line("pr-a")])
    state.commit(run, [Outcome("a", "1", "pr-a")], first)
    # The input now fails: its old record must go too (one record OR one error per input).
    shards.apply_drops(records, state, state.commit(run, [Outcome("a", "2", None, "broken")], None))
    assert not (records / first).exists()
    assert first not in state.shard_names()
    assert state.get("a").status == FAILED


def test_reconcile_deletes_uncommitted_shard_and_temp_files(tmp_path):
    """Crash after the shard was renamed into place but before its state commit."""
    records = tmp_path / "records"
    state = StateStore(tmp_path / "state.sqlite")
    run = state.start_run()
    kept = _write_shard(records, state, [_line("pr-a")])
    state.commit(run, [Outcome("a", "1", "pr-a")], kept)
    orphan = _write_shard(records, state, [_line("pr-b")])
    (records / ".part-00009.jsonl.abc.tmp").write_text('{"id": "pr-c", "te')  # half a line, never renamed
    report = shards.reconcile(records, state)
    assert report["orphan_shards"] == 1 and report["temp_files"] == 1
    assert not (records / orphan).exists()
    assert _ids(records) == ["pr-a"]
    assert state.get("b") is None  # so the next run extracts it again


def test_reconcile_finishes_queued_drops(tmp_path):
    """Crash after the state commit but before the old shard was rewritten."""
    records = tmp_path / "records"
    state = StateStore(tmp_path / "state.sqlite")
    run = state.start_run()
    first = _write_shard(records, state, [_line("pr-a", "old"), _line("pr-b")])
    state.commit(run, [Outcome("a", "1", "pr-a"), Outcome("b", "1", "pr-b")], first)
    second = _write_shard(records, state, [_line("pr-a", "new")])
    state.commit(run, [Outcome("a", "2", "pr-a")], second)  # ...and the process dies here
    assert _ids(records) == ["pr-a", "pr-a", "pr-b"]
    state.close()
    state = StateStore(tmp_path / "state.sqlite")
    assert shards.reconcile(records, state)["drops"] == 1
    assert _ids(records) == ["pr-a", "pr-b"]


def test_reconcile_forgets_a_deleted_shard(tmp_path):
    records = tmp_path / "records"
    state = StateStore(tmp_path / "state.sqlite")
    run = state.start_run()
    name = _write_shard(records, state, [_line("pr-a")])
    state.commit(run, [Outcome("a", "1", "pr-a")], name)
    (records / name).unlink()
    assert shards.reconcile(records, state)["missing_shards"] == 1
    assert state.get("a") is None


def test_next_number_counts_files_and_state(tmp_path):
    records = tmp_path / "records"
    state = StateStore(tmp_path / "state.sqlite")
    assert shards.next_number(records, state) == 1
    records.mkdir()
    (records / "part-00041.jsonl").write_text("")
    (records / "notes.txt").write_text("")
    assert shards.next_number(records, state) == 42
