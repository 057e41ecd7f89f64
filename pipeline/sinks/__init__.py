"""Stage 5 — sinks: write records so that a crash never leaves a half-written file."""
from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from schemas import Release


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Outputs get the mode of any new file (mkstemp alone would make them 0600).
FILE_MODE = 0o666 & ~_current_umask()


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "w") -> Iterator[IO]:
    """Write to a temporary file beside `path`, fsync, then rename over it.

    Readers see the old file or the complete new one, never a part.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.chmod(tmp, FILE_MODE)
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def record_json(rec: Release, pretty: bool = False) -> str:
    """One record as JSON (offsets and ids included, nulls kept so the shape is stable)."""
    return rec.model_dump_json(indent=2 if pretty else None)


def write_json(path: str | Path, obj) -> None:
    with atomic_open(path) as fh:
        json.dump(obj, fh, ensure_ascii=False, indent=2, default=str)
        fh.write("\n")


class JsonlSink:
    """JSON lines to a file (atomically, on close) or to a stream such as stdout."""

    def __init__(self, target: str | Path | IO[str], pretty: bool = False):
        self.pretty = pretty
        self._ctx = None
        if isinstance(target, (str, Path)):
            self._ctx = atomic_open(target)
            self._fh = self._ctx.__enter__()
        else:
            self._fh = target
        self.count = 0

    def write(self, rec: Release) -> None:
        self._fh.write(record_json(rec, self.pretty) + "\n")
        self.count += 1
        if self._ctx is None:
            self._fh.flush()  # a journalist piping to jq sees each record at once

    def close(self, ok: bool = True) -> None:
        if self._ctx is not None:
            exc = (None, None, None) if ok else (RuntimeError, RuntimeError("aborted"), None)
            with contextlib.suppress(RuntimeError):
                self._ctx.__exit__(*exc)
            self._ctx = None

    def __enter__(self) -> "JsonlSink":
        return self

    def __exit__(self, et, ev, tb) -> None:
        self.close(ok=et is None)
