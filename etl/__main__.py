"""The command line: `python -m etl load|demo|rebuild|status` (shared/contracts.md, section 6)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import duckdb

from etl import settings
from etl.archive import DamagedArchive
from etl.checks import ChecksFailed
from etl.contracts import KINDS
from etl.load import LoadResult, build_demo, load_files, read_only, rebuild

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
LATEST_DATE = {
    "projects": "report_date",
    "milestones": "planned_date",
    "positions": "opened_date",
    "usage": "date",
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except ChecksFailed as failed:  # the warehouse would break a declared check
        print(f"Nothing was changed: {failed}", file=sys.stderr)
        return EXIT_REJECTED
    except (OSError, duckdb.IOException) as error:  # a full disk, a read-only data folder
        reason = getattr(error, "strerror", None) or str(error).splitlines()[0]
        print(
            f"The data folder {settings.data_dir()} could not be written ({reason}). "
            "Nothing was changed: the previous warehouse is intact. Free some space or "
            "check the folder's permissions, then run the command again.",
            file=sys.stderr,
        )
        return EXIT_REJECTED


def _run(args: argparse.Namespace) -> int:
    command: str = args.command
    if command == "load":
        return _load(args.files, args.kind)
    if command == "demo":
        return _demo(args.seed, args.scale, args.as_of)
    if command == "rebuild":
        return _rebuild()
    if command == "undo":
        return _undo(args.load_id)
    if command == "boardpack":
        return _boardpack(args)
    return _status()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Hospital digitisation dashboard ETL.")
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("load", help="load export files into the warehouse")
    load.add_argument("--kind", choices=sorted(KINDS), help="the kind of export (detected when omitted)")
    load.add_argument("files", nargs="+", type=Path, metavar="FILE")
    demo = commands.add_parser("demo", help="write the demonstration exports and load them")
    demo.add_argument("--seed", type=int, default=42)
    demo.add_argument("--scale", type=float, default=1.0, help="multiplies the usage volume")
    demo.add_argument(
        "--as-of", type=dt.date.fromisoformat, default=None, help="last day of data (YYYY-MM-DD)"
    )
    commands.add_parser("rebuild", help="rebuild the warehouse from the archived originals")
    undo = commands.add_parser("undo", help="take a load back out and restore the rows it replaced")
    undo.add_argument("load_id", type=int, metavar="LOAD_ID")
    commands.add_parser("status", help="what is loaded, per kind")
    _boardpack_parser(commands)
    return parser


def _load(files: list[Path], kind: str | None) -> int:
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        print(f"No such file: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    return _report(load_files(files, kind=kind, loaded_by="cli"))


def _report(results: list[LoadResult]) -> int:
    """Successes on stdout, rejections on stderr; exit 1 if any file was rejected."""
    for result in results:
        stream = sys.stderr if result.status == "rejected" else sys.stdout
        print("\n".join(result.report("en")), file=stream)
    return EXIT_REJECTED if any(r.status == "rejected" for r in results) else EXIT_OK


def _demo(seed: int, scale: float, as_of: dt.date | None) -> int:
    if scale <= 0:
        print("--scale must be above 0", file=sys.stderr)
        return EXIT_USAGE
    return _report(build_demo(seed=seed, scale=scale, as_of=as_of))


def _rebuild() -> int:
    try:
        results = rebuild()
    except DamagedArchive as error:
        print(f"Rebuild stopped, the warehouse is unchanged: {error}", file=sys.stderr)
        return EXIT_REJECTED
    loaded = sum(1 for r in results if r.status == "loaded")
    print(f"Rebuilt the warehouse from {loaded} archived files ({len(results)} log entries).")
    return EXIT_REJECTED if any(r.status == "rejected" and r.kind for r in results) else EXIT_OK


def _undo(load_id: int) -> int:
    from etl.undo import UndoRefused, undo_load

    try:
        result = undo_load(load_id, undone_by="cli")
    except (UndoRefused, DamagedArchive) as error:
        print(f"Nothing was changed: {error}", file=sys.stderr)
        return EXIT_REJECTED
    print("\n".join(result.report("en")))
    return EXIT_OK


def _status() -> int:
    if not settings.warehouse_path().exists():
        print(f"No warehouse yet at {settings.warehouse_path()}; run `python -m etl demo` or `load`.")
        return EXIT_OK
    with read_only() as con:
        print(f"{'kind':<11} {'rows':>12}  {'latest date':<11}  latest load")
        for kind, date_column in LATEST_DATE.items():
            row = con.execute(
                f"select count(*), max({date_column}) from {kind}"
            ).fetchone()
            last = con.execute(
                "select max(loaded_at) from loads where kind = ? and status = 'loaded'", [kind]
            ).fetchone()
            count, latest = row if row else (0, None)
            print(
                f"{kind:<11} {count:>12,}  {latest or '-'!s:<11}  {last[0] if last and last[0] else '-'}"
            )
    return EXIT_OK


def _boardpack_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`boardpack --lang fr|de|en --period YYYY-MM..YYYY-MM --out FILE.pdf [--site|--region]
    [--programme]`: the board pack, as the dashboard's Board pack page writes it."""
    pack = commands.add_parser("boardpack", help="write the board pack (PDF) in a language")
    pack.add_argument("--lang", choices=("fr", "de", "en"), default="fr", help="language (default fr)")
    pack.add_argument(
        "--period", metavar="YYYY-MM..YYYY-MM", help="first and last month (default: the last 12 on record)"
    )
    pack.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    pack.add_argument("--site", help="one site (default: the whole hospital)")
    pack.add_argument("--region", help="one language region: fr or de")
    pack.add_argument("--programme", help="one programme (default: all)")


def _boardpack(args: argparse.Namespace) -> int:
    """Write the board pack; the app is imported only for this command."""
    from streamlit import logger  # the app is heavy for the ETL: imported only here

    logger.set_log_level("error")  # its cached queries warn when no server runs: not for users
    from app.boardpack.cli import Request, run

    return run(Request(args.lang, args.period, args.out, args.site, args.region, args.programme))


if __name__ == "__main__":
    sys.exit(main())
