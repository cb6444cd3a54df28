"""`python -m etl boardpack`: the board pack from the command line, without a Streamlit server.

The same `build_pack` as the Board pack page, in the language asked for, for a period of
months and optionally one site or language region and one programme. A line per step
goes to stderr; exit 0 when the PDF is written, 1 when it could not be made (no
warehouse, no browser), 2 on wrong usage (a bad period, site, region or programme).
"""

from __future__ import annotations

import logging
import re
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from streamlit import logger as streamlit_logger

from app import db, i18n, queries
from app.boardpack import build_pack
from app.boardpack.pdf import FontMissing
from app.exports import RenderError
from app.filters import DEFAULT_MONTHS, Filters

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
REPLACED_ATTEMPTS = 3  # a load publishing while the pack is made: start over on the new data
PERIOD = re.compile(r"^(\d{4})-(\d{2})(?:\.\.(\d{4})-(\d{2}))?$")
PERIOD_HELP = "first month..last month, e.g. 2025-11..2026-10 (or one month, 2026-10)"


class UsageError(ValueError):
    """A command-line value that cannot be used; the message says what is expected."""


@dataclass(frozen=True)
class Request:
    """What `python -m etl boardpack` was asked for."""

    language: str
    period: str | None  # YYYY-MM..YYYY-MM; None: the latest months on record
    out: Path
    site: str | None = None
    region: str | None = None
    programme: str | None = None


def parse_period(text: str) -> tuple[date, date]:
    """`2025-11..2026-10` as the first days of its first and last months."""
    match = PERIOD.match(text.strip())
    if match is None:
        raise UsageError(f"--period {text!r} is not a period: expected {PERIOD_HELP}")
    start_year, start_month, end_year, end_month = match.groups()
    try:
        start = date(int(start_year), int(start_month), 1)
        end = date(int(end_year), int(end_month), 1) if end_year else start
    except ValueError as error:
        raise UsageError(f"--period {text!r} names a month that does not exist: {error}") from None
    if end < start:
        raise UsageError(f"--period {text!r} ends before it starts: expected {PERIOD_HELP}")
    return start, end


def _known(value: str | None, options: tuple[str, ...], flag: str) -> str | None:
    """The option as the warehouse spells it (case aside), or a usage error listing them."""
    if value is None:
        return None
    match = next((option for option in options if option.lower() == value.strip().lower()), None)
    if match is None:
        listed = ", ".join(options) or "none on record"
        raise UsageError(f"{flag} {value!r} is not on record; known: {listed}")
    return match


def filters_for(request: Request, options: queries.FilterOptions) -> Filters:
    """The request as the pages' filters, checked against what the warehouse holds."""
    if request.period is not None:
        start, end = parse_period(request.period)
    elif options.months:
        start, end = options.months[max(0, len(options.months) - DEFAULT_MONTHS)], options.months[-1]
    else:
        raise UsageError(f"--period is needed: the warehouse has no months on record ({PERIOD_HELP})")
    if request.site and request.region:
        raise UsageError("give --site or --region, not both")
    return Filters(
        start=start,
        end=end,
        region=_known(request.region, options.regions, "--region"),
        site=_known(request.site, options.sites, "--site"),
        programme=_known(request.programme, options.programmes, "--programme"),
        aim=None,
    )


def report(fraction: float, step: str) -> None:
    """One progress line on stderr: `[ 40%] Charts: 2 of 6…`."""
    print(f"[{fraction:4.0%}] {step}", file=sys.stderr, flush=True)


def run(request: Request) -> int:
    """Write the board pack for the request; the exit code of `python -m etl boardpack`."""
    streamlit_logger.set_log_level("error")  # no "missing ScriptRunContext" outside a server
    # The browser driver logs, then ignores, a message it cannot decode; real failures raise.
    logging.getLogger("choreographer").setLevel(logging.CRITICAL)
    if request.language not in i18n.LANGUAGES:
        print(
            f"--lang {request.language!r} is not offered; choose one of {', '.join(i18n.LANGUAGES)}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if not request.out.parent.is_dir():
        print(f"--out {request.out}: no such folder {request.out.parent}", file=sys.stderr)
        return EXIT_USAGE
    if not db.warehouse_exists():
        print(
            "No warehouse yet: run `python -m etl demo` or `python -m etl load FILE...` first.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    for attempt in range(REPLACED_ATTEMPTS):
        version = db.warehouse_version()
        try:
            chosen = filters_for(request, queries.filter_options(version))
            return _write(request, version, chosen)
        except UsageError as error:
            print(error, file=sys.stderr)
            return EXIT_USAGE
        except db.WarehouseReplaced:
            if attempt == REPLACED_ATTEMPTS - 1:
                print("The warehouse kept changing (loads running): try again later.", file=sys.stderr)
                return EXIT_FAILED
            print("A load published new data meanwhile: starting again on it.", file=sys.stderr)
    return EXIT_FAILED


def _write(request: Request, version: str, chosen: Filters) -> int:
    """Build the pack in the request's language and write it to the output file."""
    began = time.perf_counter()
    try:
        with i18n.speaking(request.language):
            pack = build_pack(version, chosen, progress=report)
    except (RenderError, FontMissing) as error:
        print(f"The board pack could not be made: {error}", file=sys.stderr)
        print(
            "Charts need Chromium (set BROWSER_PATH) and text needs DejaVu Sans (fonts-dejavu-core).",
            file=sys.stderr,
        )
        return EXIT_FAILED
    request.out.write_bytes(pack)
    seconds = time.perf_counter() - began
    print(f"Wrote {request.out} ({len(pack) / 1e6:.1f} MB) in {seconds:.1f} s.")
    return EXIT_OK
