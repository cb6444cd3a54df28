"""Board pack benchmark: how long the PDF takes at demo scale, stage by stage, in one run.

    python bench/boardpack.py                 # a fresh demo warehouse at scale 1
    python bench/boardpack.py --scale 3       # more usage rows
    DASHBOARD_DATA_DIR=/path python bench/boardpack.py --reuse   # an existing warehouse

Builds the demonstration warehouse in a temporary data folder (through the ETL), then
makes the pack in each language as the Board pack page does (`build_pack`, the query
caches cold for the first language only), and once more stage by stage: the sections
(queries and chart builders), the charts (kaleido, browser start included) and the PDF
layout (fpdf2). Prints each figure, its share of the total and the ratio to the 20 s
target of issue 7. Not a test: run it by hand.

Recorded (2 cores, other jobs running; load average about 7):
    2026-11-28, scale 1 (687,660 usage rows): pack 12.4-19.2 s, of which charts 60-75 %.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGET_S = 20.0
T = TypeVar("T")


def timed(work: Callable[[], T]) -> tuple[T, float]:
    """The result of `work` and the seconds it took."""
    began = time.perf_counter()
    result = work()
    return result, time.perf_counter() - began


def prepare(scale: float, scratch: Path | None) -> None:
    """Point DASHBOARD_DATA_DIR at a warehouse: a fresh demo in `scratch`, else the one set."""
    if scratch is None:
        if "DASHBOARD_DATA_DIR" not in os.environ:
            sys.exit("--reuse needs DASHBOARD_DATA_DIR")
        return
    folder = scratch / "data"
    os.environ["DASHBOARD_DATA_DIR"] = str(folder)
    from etl.load import build_demo

    _, seconds = timed(lambda: build_demo(scale=scale))
    print(f"demo warehouse (scale {scale}) built in {seconds:.1f} s")


def filters_of_last_year() -> tuple[str, object]:
    """The warehouse version and the sidebar's default filters: the last 12 months on record."""
    from app import db, queries
    from app.filters import DEFAULT_MONTHS, Filters

    version = db.warehouse_version()
    months = queries.filter_options(version).months
    start = months[max(0, len(months) - DEFAULT_MONTHS)]
    return version, Filters(start=start, end=months[-1], region=None, site=None, programme=None, aim=None)


def whole_packs(version: str, chosen: object, languages: list[str]) -> None:
    """The pack as the page makes it, in each language; the first with cold query caches."""
    from app import i18n
    from app.boardpack import build_pack

    print(f"\n{'language':<10}{'pack':>9}{'size':>10}{'vs target':>11}")
    for language in languages:
        with i18n.speaking(language):
            pack, seconds = timed(lambda: build_pack(version, chosen, date.today()))  # type: ignore[arg-type]
        print(f"{language:<10}{seconds:>8.1f}s{len(pack) / 1e6:>8.2f}MB{seconds / TARGET_S:>10.2f}x")


def stages(version: str, chosen: object, language: str) -> None:
    """The same pack stage by stage: sections, charts, layout, each with its share."""
    from app import exports, i18n
    from app.boardpack import CHART_HEIGHT, CHART_SCALE, CHART_WIDTH, build_document
    from app.boardpack.pdf import write_pdf

    with i18n.speaking(language):
        document, sections_s = timed(lambda: build_document(version, chosen, date.today()))  # type: ignore[arg-type]
        charts = document.all_charts()
        figures = [chart.figure for chart in charts]
        widths = [chart.width or CHART_WIDTH for chart in charts]
        images, charts_s = timed(
            lambda: exports.render_pngs(figures, widths, CHART_SCALE, lambda _n: None, CHART_HEIGHT)
        )
        _, one_s = timed(lambda: exports.render_pngs(figures[:1], widths[:1], CHART_SCALE))  # mostly start-up
        _, layout_s = timed(lambda: write_pdf(document, images))
    total = sections_s + charts_s + layout_s
    print(f"\nstages ({language}, query caches warm), {len(figures)} charts")
    for name, seconds in (("sections", sections_s), ("charts", charts_s), ("layout", layout_s)):
        print(f"  {name:<10}{seconds:>7.2f}s {seconds / total:>6.0%}")
    print(f"  {'total':<10}{total:>7.2f}s  {total / TARGET_S:.2f}x the {TARGET_S:.0f} s target")
    print(
        f"  one chart alone (mostly the browser's start): {one_s:.2f}s, {one_s / charts_s:.0%} of all charts"
    )


def main() -> None:
    """Build (or reuse) a warehouse, then time the pack whole and stage by stage."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="demo usage volume multiplier")
    parser.add_argument("--reuse", action="store_true", help="use the warehouse of DASHBOARD_DATA_DIR")
    parser.add_argument("--languages", nargs="+", default=["fr", "de", "en"])
    args = parser.parse_args()
    from streamlit import logger

    logger.set_log_level("error")
    with tempfile.TemporaryDirectory(prefix="bench-boardpack-") as scratch:
        prepare(args.scale, None if args.reuse else Path(scratch))
        version, chosen = filters_of_last_year()
        whole_packs(version, chosen, args.languages)
        stages(version, chosen, args.languages[0])


if __name__ == "__main__":
    main()
