"""Board pack: the dashboard's headline figures as an A4 PDF, in the reader's language and
for the sidebar filters, made on request with a progress bar, then offered for download."""

from __future__ import annotations

import logging
import time

import streamlit as st

from app import auth, boardpack, db, filters, i18n
from app.i18n import t

PDF_MIME = "application/pdf"
logger = logging.getLogger(__name__)


def filters_line(chosen: filters.Filters) -> str:
    """What the pack will cover: period, place, programme, aim and language, in words."""
    period = t("boardpack.page.period", start=i18n.fmt_month(chosen.start), end=i18n.fmt_month(chosen.end))
    return t(
        "boardpack.page.filters",
        period=period,
        scope=i18n.scope_name(chosen.region, chosen.site),
        programme=chosen.programme or t("filters.all_programmes"),
        aim=t(f"aim.{chosen.aim}") if chosen.aim else t("filters.all_aims"),
        language_name=i18n.LANGUAGE_NAMES[i18n.current_language()],
    )


def generate(version: str, chosen: filters.Filters) -> bytes | None:
    """Build the pack while a progress bar follows each step; None (and a message) on failure."""
    bar = st.progress(0.0, text=t("boardpack.page.slow"))

    def report(fraction: float, step: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=step)

    try:
        pack = boardpack.build_pack(version, chosen, progress=report)
    except Exception:  # no browser or font, a query failing: the reader gets a plain sentence
        logger.exception("The board pack could not be built")
        bar.empty()
        st.error(t("boardpack.page.failed"))
        return None
    bar.empty()
    return pack


def file_name(chosen: filters.Filters) -> str:
    """`board-pack-2025-11-2026-10-en.pdf`: what, which months, which language."""
    months = f"{chosen.start:%Y-%m}-{chosen.end:%Y-%m}"
    return f"{t('boardpack.file_name')}-{months}-{i18n.current_language()}.pdf"


def offer(pack: bytes, chosen: filters.Filters, seconds: float) -> None:
    """Say the pack is ready and offer it; downloading does not rerun the page."""
    st.success(t("boardpack.page.ready", seconds=i18n.fmt_number(seconds, 1)), icon=":material/task_alt:")
    st.download_button(
        t("boardpack.page.download"),
        pack,
        file_name=file_name(chosen),
        mime=PDF_MIME,
        on_click="ignore",
        type="primary",
        icon=":material/download:",
    )


def main() -> None:
    """Title, what the pack holds and covers, then the button that prepares it."""
    version, chosen = db.warehouse_version(), filters.current()
    st.title(t("boardpack.page.title"))
    st.caption(t("boardpack.page.intro"))
    st.info(filters_line(chosen), icon=":material/filter_alt:")
    if st.button(t("boardpack.page.generate"), icon=":material/picture_as_pdf:"):
        began = time.perf_counter()
        pack = generate(version, chosen)
        if pack is not None:
            offer(pack, chosen, time.perf_counter() - began)


auth.require()
main()
