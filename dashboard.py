"""The dashboard's entry point: page config, language, first start and navigation.

Run with `streamlit run dashboard.py`. On an empty data folder the first visit builds
the demonstration warehouse through the ETL (the one path in), showing its progress.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import streamlit as st
from streamlit.navigation.page import StreamlitPage

from app import auth, db, filters, i18n
from app.i18n import t
from etl.load import build_demo

PAGES_DIR = Path(__file__).resolve().parent / "pages"
BOARD, LEAD, ANALYST = "board", "lead", "analyst"
EVERYONE = (BOARD, LEAD, ANALYST)


@dataclass(frozen=True)
class PageSpec:
    """A page of the navigation: its file in pages/, title key, icon, URL and who sees it.

    A URL path must differ from its file's name: while a server's first run still follows
    Streamlit's legacy pages/ folder, a deep link to /<file name> would run that file
    alone, without this entry point (no language, no first start).
    """

    file: str
    title_key: str
    icon: str
    url: str
    roles: tuple[str, ...] = EVERYONE
    filtered: bool = True  # shows the shared sidebar filters


# One line per page; the first is the default. Sections group them in the navigation.
PAGES: dict[str, list[PageSpec]] = {
    "nav.section.board": [
        PageSpec("overview.py", "nav.overview", ":material/dashboard:", "home"),
    ],
}
logger = logging.getLogger(__name__)


def navigation_pages(role: str) -> dict[str, list[st.Page]]:
    """The pages this role may use, titled in the current language, by section."""
    first = PAGES[next(iter(PAGES))][0]
    sections = {
        t(section): [
            st.Page(
                PAGES_DIR / spec.file, title=t(spec.title_key), icon=spec.icon,
                url_path=spec.url, default=spec is first,
            )
            for spec in specs
            if role in spec.roles
        ]
        for section, specs in PAGES.items()
    }
    return {section: pages for section, pages in sections.items() if pages}


def spec_of(page: StreamlitPage) -> PageSpec | None:
    """The PageSpec behind the page st.navigation chose."""
    return next((s for specs in PAGES.values() for s in specs if s.url == page.url_path), None)


@st.cache_resource(show_spinner=False)
def _first_start_lock() -> threading.Lock:
    """One lock per server process, so two first visitors do not build the demo twice."""
    return threading.Lock()


def build_demo_with_progress() -> None:
    """Build the demonstration warehouse through the ETL, showing its progress."""
    with st.status(t("first_start.title"), expanded=True) as status:
        bar = st.progress(0.0, text=t("first_start.progress", percent=i18n.fmt_percent(0)))

        def report(fraction: float, _step: str) -> None:
            done = min(max(fraction, 0.0), 1.0)
            bar.progress(done, text=t("first_start.progress", percent=i18n.fmt_percent(done)))

        try:
            build_demo(progress=report)
        except Exception:
            logger.exception("The demonstration warehouse could not be built")
            status.update(state="error")
            st.error(t("first_start.failed"))
            st.stop()
        status.update(label=t("first_start.done"), state="complete")


def first_start() -> None:
    """On an empty data folder, build the demo once (other visitors wait), then rerun."""
    lock = _first_start_lock()
    if not lock.acquire(blocking=False):
        with st.spinner(t("first_start.waiting")):
            lock.acquire()
    try:
        if not db.warehouse_exists():
            build_demo_with_progress()
    finally:
        lock.release()
    st.rerun()


def main() -> None:
    """Configure the page, pick the language, make sure data exists, run the chosen page."""
    st.set_page_config(page_title=t("app.title"), page_icon=":material/monitoring:", layout="wide")
    i18n.choose_language()
    page = st.navigation(navigation_pages(auth.current_role()))
    if not db.warehouse_exists():
        first_start()
    try:
        spec = spec_of(page)
        if spec is None or spec.filtered:
            st.session_state["filters"] = filters.sidebar_filters(db.warehouse_version())
        page.run()
    except duckdb.Error:
        logger.exception("A page could not read the warehouse")
        st.error(t("error.data_unavailable"))


main()
