"""The batch state store: one SQLite file next to the output (DIR/state.sqlite).

One row per source key says what the output holds for it: the content hash it
was extracted from, the record id, ``done`` (with the shard holding the current
record) or ``failed`` (with the reason). The database is the truth; shard files
are made to agree with it (see :mod:`pipeline.batch.shards`).

Superseded lines are queued in ``drops`` in the same transaction that moves a
key to its new shard, so a crash between that commit and the rewrite of the old
shard is finished on the next start.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

DONE, FAILED = "done", "failed"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    key        TEXT PRIMARY KEY,
    sha256     TEXT,
    record_id  TEXT,
    status     TEXT NOT NULL CHECK (status IN ('done', 'failed')),
    error      TEXT,
    shard      TEXT,
    run        INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sources_shard ON sources (shard);
CREATE INDEX IF NOT EXISTS sources_run ON sources (run, status);
CREATE TABLE IF NOT EXISTS shards (
    name       TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS drops (
    shard     TEXT NOT NULL,
    record_id TEXT NOT NULL,
    PRIMARY KEY (shard, record_id)
);
CREATE TABLE IF NOT EXISTS runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    manifest    TEXT
);
"""


@dataclass(frozen=True)
class Entry:
    """The stored outcome for one source key."""

    key: str
    sha256: str | None
    record_id: str | None
    status: str
    error: str | None
    shard: str | None


@dataclass(frozen=True)
class Outcome:
    """What one input came to in this run, to be committed."""

    key: str
    sha256: str | None
    record_id: str | None = None
    error: str | None = None  # None: a record was written

    @property
    def status(self) -> str:
        return FAILED if self.error is not None else DONE


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class StateStore:
    """SQLite state of one output directory. Not shared between processes: the runner owns it."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None)  # explicit transactions only
        # WAL + NORMAL survives a killed process (not a power cut mid-commit); FULL costs an fsync per commit.
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        self.db.close()

    # --- reading -----------------------------------------------------------
    def get(self, key: str) -> Entry | None:
        row = self.db.execute(
            "SELECT key, sha256, record_id, status, error, shard FROM sources WHERE key = ?", (key,)).fetchone()
        return Entry(*row) if row else None

    def shard_names(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT name FROM shards")}

    def keys_in_shard(self, shard: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT key FROM sources WHERE shard = ?", (shard,))}

    def pending_drops(self) -> dict[str, set[str]]:
        """Superseded lines not yet removed: shard -> record ids."""
        out: dict[str, set[str]] = {}
        for shard, rid in self.db.execute("SELECT shard, record_id FROM drops"):
            out.setdefault(shard, set()).add(rid)
        return out

    def counts(self) -> dict[str, int]:
        rows = dict(self.db.execute("SELECT status, COUNT(*) FROM sources GROUP BY status").fetchall())
        return {"done": rows.get(DONE, 0), "failed": rows.get(FAILED, 0)}

    def failures(self, run: int) -> Iterator[tuple[str, str]]:
        yield from self.db.execute(
            "SELECT key, error FROM sources WHERE run = ? AND status = 'failed' ORDER BY key", (run,))

    # --- writing -----------------------------------------------------------
    def start_run(self) -> int:
        cur = self.db.execute("INSERT INTO runs (started_at) VALUES (?)", (_now(),))
        return int(cur.lastrowid)

    def finish_run(self, run: int, manifest: dict) -> None:
        self.db.execute("UPDATE runs SET finished_at = ?, manifest = ? WHERE id = ?",
                        (_now(), json.dumps(manifest, ensure_ascii=False, default=str), run))

    def commit(self, run: int, outcomes: Iterable[Outcome], shard: str | None) -> dict[str, set[str]]:
        """Record outcomes in one transaction; `shard` holds every successful one.

        Returns the superseded lines (old shard -> record ids) that the caller must now
        remove; they are also queued in ``drops`` until :meth:`dropped` is called.
        """
        now = _now()
        superseded: dict[str, set[str]] = {}
        with self._transaction():
            if shard is not None:
                self.db.execute("INSERT OR IGNORE INTO shards (name, created_at) VALUES (?, ?)", (shard, now))
            for o in outcomes:
                row = self.db.execute("SELECT shard, record_id FROM sources WHERE key = ?", (o.key,)).fetchone()
                if row and row[0] and row[0] != shard:
                    superseded.setdefault(row[0], set()).add(row[1])
                    self.db.execute("INSERT OR IGNORE INTO drops (shard, record_id) VALUES (?, ?)", row)
                self.db.execute(
                    "INSERT INTO sources (key, sha256, record_id, status, error, shard, run, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                    "sha256 = excluded.sha256, record_id = COALESCE(excluded.record_id, sources.record_id), "
                    "status = excluded.status, error = excluded.error, shard = excluded.shard, "
                    "run = excluded.run, updated_at = excluded.updated_at",
                    (o.key, o.sha256, o.record_id, o.status, o.error,
                     shard if o.error is None else None, run, now))
        return superseded

    def dropped(self, shard: str, record_ids: Iterable[str], removed: bool = False) -> None:
        """The superseded lines of `shard` are gone; `removed` if the file itself was deleted (it became empty)."""
        with self._transaction():
            self.db.executemany("DELETE FROM drops WHERE shard = ? AND record_id = ?",
                                [(shard, r) for r in record_ids])
            if removed:
                self.db.execute("DELETE FROM drops WHERE shard = ?", (shard,))
                self.db.execute("DELETE FROM shards WHERE name = ?", (shard,))

    def forget_shard(self, shard: str) -> int:
        """A registered shard file is missing (deleted by hand): its keys must be done again."""
        with self._transaction():
            n = self.db.execute("DELETE FROM sources WHERE shard = ?", (shard,)).rowcount
            self.db.execute("DELETE FROM drops WHERE shard = ?", (shard,))
            self.db.execute("DELETE FROM shards WHERE name = ?", (shard,))
        return n

    def _transaction(self):
        db = self.db

        class _Tx:
            def __enter__(self):
                db.execute("BEGIN IMMEDIATE")

            def __exit__(self, et, ev, tb):
                db.execute("COMMIT" if et is None else "ROLLBACK")

        return _Tx()
