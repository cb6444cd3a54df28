"""The board pack: a PDF of the dashboard's headline figures, in French, German or English.

The "Board pack" page and `python -m etl boardpack` both call `build_pack`: the sections
are written from the pages' own queries and chart builders (app.boardpack.sections), the
charts rendered by kaleido in one browser session (app.exports), and the whole laid out
on A4 with fpdf2 (app.boardpack.pdf). It speaks the current language (app.i18n) and
follows the filters it is given: period, site or region, programme and aim.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date

from app import exports, i18n, queries
from app.boardpack.document import Cover, Document, Section
from app.boardpack.pdf import write_pdf
from app.boardpack.sections import SECTIONS, Context, data_as_of
from app.filters import Filters
from app.i18n import t

HOSPITAL_ENV = "DASHBOARD_HOSPITAL_NAME"  # the hospital's name on the cover, if set
CHART_WIDTH = 900  # layout pixels of a chart across the text width (180 mm): ~7 pt text
CHART_HEIGHT = 400  # layout pixels of a chart without a height of its own: 80 mm on paper
CHART_SCALE = 2.5  # image pixels per layout pixel: 2,250 px over 180 mm, about 320 dpi
# Shares of the progress bar: writing the sections, rendering the charts, laying out.
SECTIONS_SHARE, CHARTS_SHARE = 0.25, 0.65

Progress = Callable[[float, str], None]  # (fraction done 0-1, what is being done)


def hospital_name() -> str:
    """The hospital named on the cover: `DASHBOARD_HOSPITAL_NAME`, else the demo's name."""
    return os.environ.get(HOSPITAL_ENV, "").strip() or t("boardpack.hospital.default")


def _ignore(_fraction: float, _step: str) -> None:
    """A progress report nobody listens to."""


def build_document(
    version: str, chosen: Filters, today: date | None = None, progress: Progress = _ignore
) -> Document:
    """The pack's content in the current language, section by section, for the filters."""
    today = today or date.today()
    ctx = Context(version, i18n.current_language(), chosen, today, queries.data_freshness(version))
    sections: list[Section] = []
    for index, (step, build) in enumerate(SECTIONS):
        progress(
            SECTIONS_SHARE * index / len(SECTIONS),
            t("boardpack.progress.section", section=t(f"boardpack.step.{step}")),
        )
        sections.append(build(ctx))
    return Document(
        cover=cover(ctx),
        sections=tuple(sections),
        footer=t(
            "boardpack.footer",
            hospital=hospital_name(),
            title=t("boardpack.title"),
            date=i18n.fmt_date(today),
        ),
        page_label=t("boardpack.page_number", page="{page}", pages="{pages}"),
        language=ctx.language,
    )


def cover(ctx: Context) -> Cover:
    """The first page: hospital, title, period, scope and filters, and data freshness."""
    chosen = ctx.chosen
    programme = chosen.programme or t("filters.all_programmes")
    aim = t(f"aim.{chosen.aim}") if chosen.aim else t("filters.all_aims")
    return Cover(
        hospital=hospital_name(),
        title=t("boardpack.title"),
        subtitle=t("boardpack.subtitle"),
        lines=(
            t("boardpack.period", start=i18n.fmt_month(chosen.start), end=i18n.fmt_month(chosen.end)),
            t("boardpack.scope", scope=ctx.place, programme=programme, aim=aim),
        ),
        data_as_of_title=t("boardpack.data_as_of"),
        data_as_of=data_as_of(ctx),
        generated=t("boardpack.generated", date=i18n.fmt_date(ctx.today)),
        contents_title=t("boardpack.contents"),
    )


def build_pack(
    version: str, chosen: Filters, today: date | None = None, progress: Progress = _ignore
) -> bytes:
    """The board pack as PDF bytes, for the filters, in the current language."""
    document = build_document(version, chosen, today, progress)
    charts = document.all_charts()
    figures = [chart.figure for chart in charts]
    widths = [chart.width or CHART_WIDTH for chart in charts]
    progress(SECTIONS_SHARE, t("boardpack.progress.browser"))

    def rendered(count: int) -> None:
        done = SECTIONS_SHARE + CHARTS_SHARE * count / len(figures)
        progress(done, t("boardpack.progress.charts", done=count, total=len(figures)))

    images = exports.render_pngs(figures, widths, CHART_SCALE, rendered, CHART_HEIGHT)
    progress(SECTIONS_SHARE + CHARTS_SHARE, t("boardpack.progress.pdf"))
    pack = write_pdf(document, images)
    progress(1.0, t("boardpack.progress.done"))
    return pack
