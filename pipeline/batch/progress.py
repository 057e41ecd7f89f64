"""Progress of a batch run: a bar on a terminal, plain log lines otherwise, nothing with --quiet.

Errors are always printed (by the caller's function, run through :meth:`Progress.error`
so that a bar is not torn by them).
"""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import IO


class Progress:
    def __init__(self, total: int | None = None, quiet: bool = False, bar: bool | None = None,
                 stream: IO[str] | None = None, interval: float = 10.0):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.total = total
        self.interval = interval
        self.done = self.failed = self.skipped = 0
        self._start = self._last_log = time.monotonic()
        self._bar = None
        if not quiet and (bar if bar is not None else _isatty(self.stream)):
            import shutil

            from tqdm import tqdm

            # Some pseudo-terminals report a 0 x 0 size; tqdm would then draw nothing.
            cols, rows = shutil.get_terminal_size()
            self._bar = tqdm(total=total, unit="doc", file=self.stream, smoothing=0.1, ncols=cols, nrows=rows)

    @property
    def count(self) -> int:
        return self.done + self.failed + self.skipped

    def update(self, done: int = 0, failed: int = 0, skipped: int = 0) -> None:
        self.done += done
        self.failed += failed
        self.skipped += skipped
        if self._bar is not None:
            self._bar.update(done + failed + skipped)
            if failed or skipped:
                self._bar.set_postfix(failed=self.failed, unchanged=self.skipped, refresh=False)
        elif not self.quiet and time.monotonic() - self._last_log >= self.interval:
            self._last_log = time.monotonic()
            print(self.line(), file=self.stream, flush=True)

    def line(self) -> str:
        elapsed = max(time.monotonic() - self._start, 1e-9)
        rate = self.count / elapsed
        of = f"/{self.total}" if self.total else ""
        eta = ""
        if self.total and rate > 0:
            eta = f", ETA {_hms((self.total - self.count) / rate)}"
        return (f"press-extract: {self.count}{of} documents ({self.done} written, {self.skipped} unchanged, "
                f"{self.failed} failed), {rate:.1f} docs/s{eta}")

    def error(self, emit: Callable[[], None]) -> None:
        if self._bar is not None:
            from tqdm import tqdm

            with tqdm.external_write_mode(file=self.stream):
                emit()
        else:
            emit()

    def close(self, summary: str | None = None) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        if summary and not self.quiet:
            print(summary, file=self.stream, flush=True)


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _hms(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
