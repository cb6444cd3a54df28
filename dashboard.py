"""The dashboard's entry point: page config, language, first start and navigation.

Run with `streamlit run dashboard.py`. On an empty data folder the first visit builds
the demonstration warehouse through the ETL (the one path in), showing its progress.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import duckdb
import streamlit as st

from app import db, i18n
from app.i18n import t
from etl.load import build_demo

PAGES_DIR = Path(__file__).resolve().parent / "pages"

# One line per page: file in pages/, title key in app.i18n, icon, URL path. First = default.
# A URL path must differ from its file's name: while a server's first run still follows
# Streamlit's legacy pages/ folder, a deep link to /<file name> would run that file alone,
# without this entry point (no language, no first start).
PAGES: list[tuple[str, str, str, str]] = [
    ("overview.py", "nav.overview", ":material/dashboard:", "home"),
]

logger = logging.getLogger(__name__)


def navigation_pages() -> list[st.Page]:
    """The pages of the navigation, titled in the current language."""
    return [
        st.Page(PAGES_DIR / file, title=t(title_key), icon=icon, url_path=url, default=index == 0)
        for index, (file, title_key, icon, url) in enumerate(PAGES)
    ]


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
    page = st.navigation(navigation_pages())
    if not db.warehouse_exists():
        first_start()
    try:
        page.run()
    except duckdb.Error:
        logger.exception("A page could not read the warehouse")
        st.error(t("error.data_unavailable"))


main()
