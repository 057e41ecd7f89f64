"""The ``press-extract`` command line.

Exit codes: 0 every input done; 1 some inputs failed (the rest written); 2 usage error.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

from . import __version__
from .acquire import DEFAULT_MAX_BYTES
from .config import load_overrides
from .types import InputError

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments or settings: exit code 2."""


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, directories, globs, URLs, or - for stdin")
    p.add_argument("--config", metavar="FILE", help="TOML file with [components.NAME] settings")
    p.add_argument("--set", action="append", default=[], metavar="COMPONENT.KEY=VALUE",
                   help="override one component setting, e.g. press_people.ner_model=de_core_news_lg")
    p.add_argument("--model", metavar="NAME", help="merge PER entities of an installed spaCy pipeline (optional)")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse larger inputs (default 20 MB)")
    p.add_argument("--published", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                   help="publication date for inputs that state none (resolves 'heute', 'am Montag')")
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="press-extract", description="Extract people, roles, money, dates, "
                                 "programmes and regions from government press releases into JSON records.")
    ap.add_argument("--version", action="version", version=f"press-extract {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="one record per input as JSON lines (stdout or -o FILE)")
    _common(ex)
    ex.add_argument("-o", "--output", metavar="FILE", help="write JSON lines to FILE (atomically) instead of stdout")
    ex.add_argument("--pretty", action="store_true", help="indent the JSON")

    run = sub.add_parser("run", help="batch: records as JSON lines under DIR plus a run manifest")
    _common(run)
    run.add_argument("--out", default="output", metavar="DIR", help="output directory (default: output/)")

    sub.add_parser("schema", help="print the JSON Schema of the record")
    return ap


def _overrides(args) -> dict:
    try:
        ov = load_overrides(args.config, args.set)
    except (OSError, ValueError) as e:
        raise UsageError(str(e)) from e
    if args.model:
        ov.setdefault("press_people", {})["ner_model"] = args.model
    return ov


def _report(err: InputError) -> None:
    print(f"press-extract: error: {err.source}: {err.reason}", file=sys.stderr)


def cmd_extract(args) -> int:
    from .api import iter_extract
    from .sinks import JsonlSink

    overrides = _overrides(args)
    failed = 0
    target = args.output if args.output else sys.stdout
    with JsonlSink(target, pretty=args.pretty) as sink:
        for item in iter_extract(args.inputs, overrides, args.max_bytes, published=args.published):
            if isinstance(item, InputError):
                failed += 1
                _report(item)
            else:
                sink.write(item)
    return EXIT_SOME_FAILED if failed else EXIT_OK


def cmd_run(args) -> int:
    from .api import iter_extract
    from .sinks import JsonlSink, write_json

    overrides = _overrides(args)
    out = Path(args.out)
    started = time.time()
    failures: list[dict] = []
    with JsonlSink(out / "records.jsonl") as sink:
        for item in iter_extract(args.inputs, overrides, args.max_bytes, published=args.published):
            if isinstance(item, InputError):
                failures.append({"input": item.source, "reason": item.reason})
                _report(item)
            else:
                sink.write(item)
        written = sink.count
    elapsed = time.time() - started
    manifest = {
        "tool": f"press-extract {__version__}",
        "started_at": dt.datetime.fromtimestamp(started, dt.timezone.utc).isoformat(timespec="seconds"),
        "seconds": round(elapsed, 3),
        "inputs": args.inputs,
        "records": written,
        "failed": len(failures),
        "failures": failures,
        "output": str(out / "records.jsonl"),
    }
    write_json(out / "manifest.json", manifest)
    if not args.quiet:
        print(f"press-extract: {written} records, {len(failures)} failed, {elapsed:.1f} s -> {out}/records.jsonl",
              file=sys.stderr)
    return EXIT_SOME_FAILED if failures else EXIT_OK


def cmd_schema(_args) -> int:
    from schemas import Release

    print(json.dumps(Release.model_json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = {"extract": cmd_extract, "run": cmd_run, "schema": cmd_schema}[args.command]
    try:
        return handler(args)
    except UsageError as e:
        print(f"press-extract: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `press-extract extract ... | head` is normal use
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
