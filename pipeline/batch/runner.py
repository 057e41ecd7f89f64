"""The batch runner: incremental, resumable, parallel extraction into DIR.

    DIR/records/part-NNNNN.jsonl   the records, one line per source key across all shards
    DIR/state.sqlite               per source key: sha256, record id, done/failed, error, shard
    DIR/manifest.json              the last run: counts, failures with reasons, timing

Inputs are streamed from :func:`pipeline.acquire.acquire`; an input whose
content hash matches a ``done`` entry is skipped (unless ``force``); the rest go
to the executor in small chunks with a bounded number in flight, so memory does
not grow with the archive. Results are streamed into the open shard, which is
sealed and committed every ``shard_size`` records or ``shard_seconds``.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..acquire import DEFAULT_MAX_BYTES, acquire, is_archive, is_url, source_key
from ..sinks import write_json
from ..types import InputError, RawDocument
from . import shards
from .progress import Progress
from .state import DONE, FAILED, Outcome, StateStore

# (key, sha256, record id, JSON line, error source, error reason): small, picklable, no pydantic objects.
Result = tuple[str, str | None, str | None, str | None, str | None, str | None]


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


@dataclass
class BatchOptions:
    out: Path
    workers: int = field(default_factory=default_workers)
    executor: str = "local"              # "local" (process pool) or "dask"
    scheduler: str | None = None         # dask scheduler address; None: a LocalCluster
    force: bool = False                  # redo every input, changed or not
    shard_size: int = 1000               # records per shard (also the most work a crash can lose)
    shard_seconds: float = 60.0          # seal a shard at least this often
    chunk_size: int = 8                  # documents per task: amortises inter-process overhead
    inflight_per_worker: int = 3         # bounded queue: chunks in flight per worker
    max_bytes: int = DEFAULT_MAX_BYTES
    overrides: dict | None = None
    published: dt.date | None = None
    fetch_settings: Any = None
    sinks: list[str] = field(default_factory=list)  # databases to upsert records into (pipeline.sinks.sql)
    quiet: bool = False
    progress: bool | None = None         # None: a bar on a terminal, log lines otherwise


@dataclass
class RunStats:
    seen: int = 0
    written: int = 0      # records written this run
    new: int = 0          # ... of them for keys never done before
    changed: int = 0      # ... for keys whose content changed
    retried: int = 0      # ... for keys that had failed before
    unchanged: int = 0    # skipped: same content already done
    failed: int = 0
    duplicates: int = 0   # the same key twice in one run: the first wins


# --- worker side ---------------------------------------------------------------

def warm(overrides: dict | None) -> None:
    """Build the spaCy pipeline once per worker process (pipeline.nlp caches it per process),
    load every data file with one small release, then freeze what is loaded."""
    import gc

    from ..api import extract_text

    extract_text("Land fördert Radwege\nHannover, 1. März 2026. Ministerin Anna Beispiel gibt "
                 "2 Millionen Euro aus dem EFRE für den Landkreis Celle.", overrides=overrides)
    # Lexicons, gazetteer and patterns live as long as the process: the garbage collector
    # need not walk them again at every full collection.
    gc.freeze()


def _init_pool_worker(overrides: dict | None, parent: int) -> None:
    # A worker whose parent was killed (kill -9) would wait on its queue forever: exit instead.
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()
    warm(overrides)


def extract_chunk(raws: list[RawDocument], overrides: dict | None, published: dt.date | None) -> list[Result]:
    """Extract a chunk of documents; every document gives exactly one result."""
    from ..api import extract
    from ..sinks import record_json

    out: list[Result] = []
    for raw in raws:
        try:
            rec = extract(raw, overrides, published)
            out.append((raw.key, raw.sha256, rec.id, record_json(rec), None, None))
        except InputError as e:
            out.append((raw.key, raw.sha256, None, None, e.source, e.reason))
        except Exception as e:  # noqa: BLE001 — one broken input must not end a batch
            out.append((raw.key, raw.sha256, None, None, raw.path or raw.url or raw.key,
                        f"internal error: {type(e).__name__}: {e}"))
    return out


# --- executors -------------------------------------------------------------------

Chunk = list[RawDocument]


def _inline(chunks: Iterable[Chunk], opts: BatchOptions) -> Iterator[list[Result]]:
    warm(opts.overrides)
    for chunk in chunks:
        yield extract_chunk(chunk, opts.overrides, opts.published)


def _process_pool(chunks: Iterable[Chunk], opts: BatchOptions) -> Iterator[list[Result]]:
    limit = max(1, opts.workers * opts.inflight_per_worker)
    with ProcessPoolExecutor(max_workers=opts.workers, initializer=_init_pool_worker,
                             initargs=(opts.overrides, os.getpid())) as pool:
        try:
            yield from bounded(lambda c: pool.submit(extract_chunk, c, opts.overrides, opts.published),
                               chunks, limit)
        except BrokenProcessPool as e:
            raise RunAborted("a worker process died (out of memory?); committed work is kept: "
                             "run the same command again to go on") from e


class RunAborted(RuntimeError):
    """The run could not go on; what was committed stays, a re-run continues."""


def bounded(submit: Callable[[Chunk], Future], chunks: Iterable[Chunk], limit: int) -> Iterator[list[Result]]:
    """Keep at most `limit` chunks in flight; yield results as they complete."""
    pending: set[Future] = set()
    for chunk in chunks:
        pending.add(submit(chunk))
        if len(pending) >= limit:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                yield f.result()
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        for f in done:
            yield f.result()


def executor_for(opts: BatchOptions) -> Callable[[Iterable[Chunk], BatchOptions], Iterator[list[Result]]]:
    if opts.executor == "dask":
        from .dask import run_on_dask

        return run_on_dask
    if opts.executor != "local":
        raise ValueError(f"unknown executor {opts.executor!r} (local, dask)")
    return _inline if opts.workers <= 1 else _process_pool


# --- the run ---------------------------------------------------------------------

class BatchRun:
    """One run over inputs into an output directory."""

    def __init__(self, opts: BatchOptions, report_error: Callable[[str, str], None] | None = None):
        self.opts = opts
        self.out = Path(opts.out)
        self.records_dir = self.out / "records"
        self.stats = RunStats()
        self._report_error = report_error
        self._window: dict[str, str] = {}     # keys in flight or in the open shard -> their previous status
        self._outcomes: list[Outcome] = []    # not yet committed
        self._writer: shards.ShardWriter | None = None
        self._sealed_at = time.monotonic()

    def run(self, inputs: list[str]) -> dict:
        self.out.mkdir(parents=True, exist_ok=True)
        with _exclusive(self.out / "state.lock"):
            return self._run(inputs)

    def _run(self, inputs: list[str]) -> dict:
        started = time.time()
        self._cpu_start = time.process_time()
        self._t0 = time.monotonic()
        self._first_result: float | None = None
        self.state = StateStore(self.out / "state.sqlite")
        self._dbs = []
        try:
            self._dbs = [_open_sink(url) for url in self.opts.sinks]
            recovered = shards.reconcile(self.records_dir, self.state)
            self.run_id = self.state.start_run()
            total = _count_inputs(inputs) if self._show_bar() else None
            self.progress = Progress(total=total, quiet=self.opts.quiet, bar=self.opts.progress)
            try:
                execute = executor_for(self.opts)
                for results in execute(self._chunks(inputs), self.opts):
                    self._collect(results)
                self._commit()
            finally:
                if self._writer is not None:  # an exception (or Ctrl-C) left a shard open: drop it
                    self._writer.discard()
            manifest = self._manifest(inputs, started, recovered)
            self.state.finish_run(self.run_id, manifest)
            write_json(self.out / "manifest.json", manifest)
            self.progress.close(_summary(manifest))
            return manifest
        finally:
            self.state.close()
            for db in self._dbs:
                db.close()

    def _show_bar(self) -> bool:
        import sys

        return not self.opts.quiet and (self.opts.progress if self.opts.progress is not None else sys.stderr.isatty())

    # Producer: decide per input whether it needs work; runs between result batches, same thread.
    def _chunks(self, inputs: list[str]) -> Iterator[Chunk]:
        chunk: Chunk = []
        for item in acquire(inputs, self.opts.max_bytes, self.opts.fetch_settings):
            self.stats.seen += 1
            key = _error_key(item.source) if isinstance(item, InputError) else item.key
            if key in self._window:  # one outcome per key and commit, or the state and shards could disagree
                self.stats.duplicates += 1
                self.progress.update(skipped=1)
                continue
            if isinstance(item, InputError):
                self._window[key] = "failed"
                self._fail(key, None, item.source, item.reason)
                continue
            entry = self.state.get(item.key)
            if entry and entry.status == DONE and entry.sha256 == item.sha256 and not self.opts.force:
                self.stats.unchanged += 1
                self.progress.update(skipped=1)
                continue
            self._window[item.key] = "new" if entry is None else (
                "retried" if entry.status == FAILED else "changed" if entry.sha256 != item.sha256 else "forced")
            chunk.append(item)
            if len(chunk) >= self.opts.chunk_size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    # Consumer: stream results into the open shard; commit when it is full or old.
    def _collect(self, results: list[Result]) -> None:
        if self._first_result is None:
            self._first_result = time.monotonic() - self._t0
        for key, sha, rid, line, err_source, reason in results:
            if line is None:
                self._fail(key, sha, err_source or key, reason or "unknown error")
                continue
            if self._writer is None:
                self._writer = shards.ShardWriter(self.records_dir, shards.next_number(self.records_dir, self.state))
            self._writer.write(line)
            if self._dbs:
                from schemas import Release

                rec = Release.model_validate_json(line)
                for db in self._dbs:
                    db.write(rec)
            self._outcomes.append(Outcome(key, sha, rid))
            self.stats.written += 1
            kind = self._window.get(key, "new")
            if kind in ("new", "changed", "retried"):
                setattr(self.stats, kind, getattr(self.stats, kind) + 1)
            self.progress.update(done=1)
            if self._writer.lines >= self.opts.shard_size:
                self._commit()
        # Commit failures too, and seal a slow shard: a crash loses at most `shard_seconds` of work.
        if len(self._outcomes) >= self.opts.shard_size or (
                self._outcomes and time.monotonic() - self._sealed_at >= self.opts.shard_seconds):
            self._commit()

    def _fail(self, key: str, sha: str | None, source: str, reason: str) -> None:
        self._outcomes.append(Outcome(key, sha, None, reason))
        self.stats.failed += 1
        self.progress.update(failed=1)
        if self._report_error:
            self.progress.error(lambda: self._report_error(source, reason))

    def _commit(self) -> None:
        """Seal the open shard, then record its keys and the failures in one transaction."""
        name = None
        if self._writer is not None:
            self._writer.seal()
            name = self._writer.name
            self._writer = None
        for db in self._dbs:  # before the state commit: a crash then means a redo, and upserts repeat safely
            db.commit()
        if self._outcomes or name:
            superseded = self.state.commit(self.run_id, self._outcomes, name)
            shards.apply_drops(self.records_dir, self.state, superseded)
        for o in self._outcomes:
            self._window.pop(o.key, None)
        self._outcomes = []
        self._sealed_at = time.monotonic()

    def _manifest(self, inputs: list[str], started: float, recovered: dict) -> dict:
        elapsed = time.time() - started
        s = self.stats
        failures = [{"input": k, "reason": r} for k, r in self.state.failures(self.run_id)]
        totals = self.state.counts()
        return {
            "tool": f"press-extract {__version__}",
            "run": self.run_id,
            "started_at": dt.datetime.fromtimestamp(started, dt.timezone.utc).isoformat(timespec="seconds"),
            "seconds": round(elapsed, 3),
            "inputs": list(inputs),
            "executor": self.opts.executor,
            "workers": self.opts.workers,
            "force": self.opts.force,
            **asdict(s),
            "records": s.written,
            "docs_per_second": round(s.written / elapsed, 1) if elapsed > 0 else None,
            # Until the first chunk came back: starting workers and building their pipelines, mostly.
            "first_result_seconds": round(self._first_result, 3) if self._first_result is not None else None,
            # CPU of this (coordinating) process: reading, hashing, writing; the rest is in the workers.
            "coordinator_cpu_seconds": round(time.process_time() - self._cpu_start, 3),
            "records_total": totals["done"],
            "failed_total": totals["failed"],
            "recovered": recovered,
            "failures": failures,
            "output": str(self.records_dir),
            "state": str(self.out / "state.sqlite"),
        }


class OutputBusy(Exception):
    """Another run is writing to the same output directory."""


@contextlib.contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    """One run per output directory at a time. The OS drops the lock when the process dies (even kill -9)."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here; documented as one run at a time
        yield
        return
    with open(lock_path, "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputBusy(f"{lock_path.parent}: another press-extract run is writing there") from None
        yield


def _open_sink(url: str):
    from ..sinks.sql import SqlSink

    try:
        return SqlSink(url)
    except Exception as e:  # noqa: BLE001 — any connection problem is a usage problem here
        raise SinkError(f"--sink: cannot open database: {e}") from e


class SinkError(Exception):
    """A --sink database cannot be opened."""


def _error_key(source: str) -> str:
    """The state key of an input that failed before it was read: as acquire would have keyed it."""
    if source == "-" or is_url(source) or "://" in source:
        return source
    return source_key(Path(source))


def _count_inputs(inputs: list[str]) -> int | None:
    """How many documents, for an ETA; unknown when URLs or archives are among the inputs."""
    from ..acquire import expand

    n = 0
    for item in expand(inputs):
        if isinstance(item, str) or (isinstance(item, Path) and is_archive(item)):
            return None
        n += 1
    return n


def _summary(m: dict) -> str:
    return (f"press-extract: {m['records']} records written ({m['new']} new, {m['changed']} changed, "
            f"{m['retried']} retried), {m['unchanged']} unchanged, {m['failed']} failed, {m['seconds']:.1f} s "
            f"-> {m['output']}/ ({m['records_total']} records in all)")


def run_batch(inputs: list[str], opts: BatchOptions, report_error: Callable[[str, str], None] | None = None) -> dict:
    """Run a batch; returns the manifest (also written to OUT/manifest.json)."""
    return BatchRun(opts, report_error).run(inputs)
