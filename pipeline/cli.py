"""The ``press-extract`` command line.

Exit codes: 0 every input done; 1 some inputs failed (the rest written); 2 usage error.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import sys
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
    p.add_argument("--since", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                   help="web inputs: skip feed items and archive pages older than this date")
    p.add_argument("--delay", type=float, metavar="SECONDS", help="web inputs: pause between requests to one host (default 1)")
    p.add_argument("--contact", metavar="URL|MAIL", help="web inputs: contact named in the User-Agent")
    p.add_argument("--sink", action="append", default=[], metavar="DB",
                   help="also upsert records into a database: sqlite:///PATH or postgresql://... (repeatable)")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="press-extract", description="Extract people, roles, money, dates, "
                                 "programmes and regions from government press releases into JSON records.")
    ap.add_argument("--version", action="version", version=f"press-extract {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="one record per input as JSON lines (stdout or -o FILE)")
    _common(ex)
    ex.add_argument("-o", "--output", metavar="FILE", help="write JSON lines to FILE (atomically) instead of stdout")
    ex.add_argument("--pretty", action="store_true", help="indent the JSON")

    run = sub.add_parser("run", help="batch: incremental, resumable, parallel; records under DIR/records/")
    _common(run)
    run.add_argument("--out", default="output", metavar="DIR", help="output directory (default: output/)")
    run.add_argument("--workers", type=int, metavar="N", help="worker processes (default: all cores)")
    run.add_argument("--executor", choices=("local", "dask"), default="local",
                     help="local process pool (default) or a Dask cluster")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a LocalCluster)")
    run.add_argument("--force", action="store_true", help="redo every input, even unchanged ones")
    run.add_argument("--shard-size", type=int, default=1000, metavar="N",
                     help="records per output shard (default 1000)")

    sub.add_parser("schema", help="print the JSON Schema of the record")

    srv = sub.add_parser("serve", help="web page and JSON API for one release at a time")
    srv.add_argument("--host", default="127.0.0.1")
    srv.add_argument("--port", type=int, default=8000)
    srv.add_argument("--allow-private-urls", action="store_true",
                     help="let the server fetch loopback/private-network URLs (off: protects internal services)")
    srv.add_argument("--max-request-bytes", type=int, default=5_000_000)

    exp = sub.add_parser("export", help="write each table of a registry database as CSV")
    exp.add_argument("db", metavar="DB", help="sqlite:///PATH, a .db path, or postgresql://...")
    exp.add_argument("--csv", required=True, metavar="DIR", help="directory for TABLE.csv files")
    return ap


def _overrides(args) -> dict:
    try:
        ov = load_overrides(args.config, args.set)
    except (OSError, ValueError) as e:
        raise UsageError(str(e)) from e
    if args.model:
        ov.setdefault("press_people", {})["ner_model"] = args.model
    return ov


def fetch_settings(args) -> dict:
    """Fetch settings from the command line (see pipeline.fetch.FetchSettings)."""
    out = {"since": args.since}
    if args.delay is not None:
        out["delay"] = args.delay
    if args.contact:
        out["contact"] = args.contact
    return out


def _report(err: InputError) -> None:
    print(f"press-extract: error: {err.source}: {err.reason}", file=sys.stderr)


def cmd_extract(args) -> int:
    from .api import iter_extract
    from .sinks import JsonlSink

    overrides = _overrides(args)
    failed = 0
    target = args.output if args.output else sys.stdout
    with JsonlSink(target, pretty=args.pretty) as sink, open_db_sinks(args.sink) as dbs:
        for item in iter_extract(args.inputs, overrides, args.max_bytes, fetch_settings(args), args.published):
            if isinstance(item, InputError):
                failed += 1
                _report(item)
            else:
                sink.write(item)
                for db in dbs:
                    db.write(item)
    return EXIT_SOME_FAILED if failed else EXIT_OK


@contextlib.contextmanager
def open_db_sinks(urls: list[str]):
    """Open every --sink database; commit all on success, roll back on failure."""
    from .sinks.sql import SqlSink

    with contextlib.ExitStack() as stack:
        try:
            dbs = [stack.enter_context(SqlSink(u)) for u in urls]
        except Exception as e:  # noqa: BLE001 — any connection problem is a usage problem here
            raise UsageError(f"--sink: cannot open database: {e}") from e
        yield dbs


def cmd_serve(args) -> int:
    try:
        from .web.app import ServeSettings, serve
    except ImportError as e:
        raise UsageError(f"serve needs the web extra: pip install 'press-extract[web]' ({e})") from e
    serve(args.host, args.port, ServeSettings(allow_private_urls=args.allow_private_urls,
                                              max_request_bytes=args.max_request_bytes))
    return EXIT_OK


def cmd_export(args) -> int:
    from .sinks.sql import SqlSink

    try:
        sink = SqlSink(args.db)
    except Exception as e:  # noqa: BLE001
        raise UsageError(f"cannot open database {args.db}: {e}") from e
    with sink:
        files = sink.export_csv(args.csv)
    print("\n".join(str(f) for f in files))
    return EXIT_OK


def cmd_run(args) -> int:
    """Batch run into DIR (see docs/batch.md): DIR/records/part-*.jsonl, DIR/state.sqlite, DIR/manifest.json."""
    from .batch import BatchOptions, run_batch
    from .batch.runner import OutputBusy, RunAborted, SinkError, default_workers

    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.shard_size < 1:
        raise UsageError("--shard-size must be at least 1")
    if args.scheduler and args.executor != "dask":
        raise UsageError("--scheduler needs --executor dask")
    opts = BatchOptions(
        out=Path(args.out), workers=args.workers or default_workers(), executor=args.executor,
        scheduler=args.scheduler, force=args.force, shard_size=args.shard_size, max_bytes=args.max_bytes,
        overrides=_overrides(args), published=args.published, quiet=args.quiet,
        fetch_settings=fetch_settings(args), sinks=args.sink,
    )
    try:
        manifest = run_batch(args.inputs, opts, report_error=lambda src, reason: _report(InputError(src, reason)))
    except (OutputBusy, SinkError) as e:
        raise UsageError(str(e)) from e
    except RunAborted as e:
        print(f"press-extract: error: {e}", file=sys.stderr)
        return EXIT_SOME_FAILED
    return EXIT_SOME_FAILED if manifest["failed"] else EXIT_OK


def cmd_schema(_args) -> int:
    from schemas import Release

    print(json.dumps(Release.model_json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = {"extract": cmd_extract, "run": cmd_run, "schema": cmd_schema, "export": cmd_export,
               "serve": cmd_serve}[args.command]
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
