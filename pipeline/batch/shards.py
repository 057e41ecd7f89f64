"""Sharded JSON-lines output: DIR/records/part-NNNNN.jsonl, each file appearing whole.

A shard is written to a hidden temporary file and renamed into place after an
fsync, so readers (and a crash) only ever see complete shards. Records are
streamed to the temporary file as they arrive: memory holds no records.

Protocol with the state store (the order is what makes kill -9 safe):
1. rename the new shard into place;
2. commit its keys to the state store in one transaction (queuing superseded lines);
3. rewrite the older shards without the superseded lines (atomically).
A crash after 1 leaves an unregistered shard: :func:`reconcile` deletes it and
its inputs are redone. A crash after 2 leaves queued drops: reconcile finishes them.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..sinks import FILE_MODE, atomic_open
from .state import StateStore

SHARD_RE = re.compile(r"^part-(\d{5,})\.jsonl$")


def shard_name(n: int) -> str:
    return f"part-{n:05d}.jsonl"


def shard_files(records_dir: Path) -> dict[str, Path]:
    if not records_dir.is_dir():
        return {}
    return {p.name: p for p in records_dir.iterdir() if SHARD_RE.match(p.name)}


def iter_records(records_dir: str | Path) -> Iterator[str]:
    """Every current record line, shard by shard (after :func:`reconcile`, one line per source key)."""
    for name, path in sorted(shard_files(Path(records_dir)).items()):
        with path.open(encoding="utf-8") as fh:
            yield from (line for line in fh if line.strip())


class ShardWriter:
    """Streams record lines into the next shard; :meth:`seal` makes it appear."""

    def __init__(self, records_dir: Path, number: int):
        self.records_dir = records_dir
        self.name = shard_name(number)
        records_dir.mkdir(parents=True, exist_ok=True)
        fd, self._tmp = tempfile.mkstemp(prefix=f".{self.name}.", suffix=".tmp", dir=records_dir)
        os.chmod(self._tmp, FILE_MODE)
        self._fh = os.fdopen(fd, "w", encoding="utf-8")
        self.lines = 0

    def write(self, line: str) -> None:
        self._fh.write(line.rstrip("\n") + "\n")
        self.lines += 1

    def seal(self) -> Path:
        """fsync and rename into place; returns the shard path."""
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        path = self.records_dir / self.name
        os.replace(self._tmp, path)
        _fsync_dir(self.records_dir)
        return path

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self._fh.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._tmp)


def next_number(records_dir: Path, state: StateStore) -> int:
    names = set(shard_files(records_dir)) | state.shard_names()
    return 1 + max((int(SHARD_RE.match(n).group(1)) for n in names), default=0)


def _record_id(line: str) -> str | None:
    try:
        return json.loads(line).get("id")
    except (ValueError, AttributeError):
        return None


def drop_lines(path: Path, record_ids: set[str]) -> int:
    """Rewrite `path` atomically without the lines of `record_ids`; delete it if nothing is left.

    Returns the number of lines kept.
    """
    if not path.exists():
        return 0
    kept = 0
    with path.open(encoding="utf-8") as src, atomic_open(path) as dst:
        for line in src:
            if line.strip() and _record_id(line) not in record_ids:
                dst.write(line)
                kept += 1
    if kept == 0:
        path.unlink()
        _fsync_dir(path.parent)
    return kept


def apply_drops(records_dir: Path, state: StateStore, drops: dict[str, set[str]]) -> None:
    """Remove superseded lines and tell the state store they are gone."""
    for shard, ids in drops.items():
        kept = drop_lines(records_dir / shard, ids)
        state.dropped(shard, ids, removed=kept == 0 and not state.keys_in_shard(shard))


def reconcile(records_dir: Path, state: StateStore) -> dict[str, int]:
    """Make the shard files agree with the state store after any crash.

    - temporary files of an unfinished shard or rewrite are deleted;
    - shards the state does not know (written, never committed) are deleted: their inputs are redone;
    - queued superseded lines are removed;
    - registered shards that vanished are forgotten: their inputs are redone.
    """
    report = {"temp_files": 0, "orphan_shards": 0, "drops": 0, "missing_shards": 0}
    if records_dir.is_dir():
        for p in records_dir.iterdir():
            if p.name.startswith(".") and p.name.endswith(".tmp"):
                p.unlink(missing_ok=True)
                report["temp_files"] += 1
    on_disk = shard_files(records_dir)
    known = state.shard_names()
    for name in set(on_disk) - known:
        on_disk.pop(name).unlink()
        report["orphan_shards"] += 1
    drops = state.pending_drops()
    report["drops"] = sum(len(v) for v in drops.values())
    apply_drops(records_dir, state, drops)
    for name in state.shard_names() - set(shard_files(records_dir)):
        report["missing_shards"] += 1
        state.forget_shard(name)
    return report


def _fsync_dir(path: Path) -> None:
    """Make a rename durable (POSIX); harmless where directories cannot be opened."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def count_lines(paths: Iterable[Path]) -> int:
    return sum(sum(1 for line in p.open(encoding="utf-8") if line.strip()) for p in paths)
