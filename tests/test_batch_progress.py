"""Progress output of batch runs: log lines off a terminal, a bar on one, silence with --quiet."""
from __future__ import annotations

import io

from pipeline.batch.progress import Progress


def test_plain_log_lines_with_counts_and_eta():
    out = io.StringIO()
    p = Progress(total=10, bar=False, stream=out, interval=0)
    p.update(done=3)
    p.update(failed=1, skipped=1)
    p.close("summary line")
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("press-extract: 3/10 documents (3 written, 0 unchanged, 0 failed)")
    assert "ETA 0:00:0" in lines[0]
    assert "(3 written, 1 unchanged, 1 failed)" in lines[1]
    assert lines[-1] == "summary line"


def test_bar_draws_and_errors_do_not_tear_it():
    out = io.StringIO()
    p = Progress(total=4, bar=True, stream=out)
    p.update(done=2)
    p.error(lambda: out.write("press-extract: error: a.txt: empty input\n"))
    p.update(failed=1)
    p.close()
    text = out.getvalue()
    assert "3/4" in text and "failed=1" in text and "\r" in text
    assert "press-extract: error: a.txt: empty input\n" in text


def test_quiet_prints_nothing_but_errors():
    out = io.StringIO()
    p = Progress(total=None, quiet=True, bar=True, stream=out, interval=0)
    p.update(done=5)
    p.error(lambda: out.write("err\n"))
    p.close("summary")
    assert out.getvalue() == "err\n"
