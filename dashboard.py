"""The dashboard's entry point: page config, language, first start and navigation.

Run with `streamlit run dashboard.py`. On an empty data folder the first visit builds
the demonstration warehouse through the ETL (the one path in), showing its progress.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

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
        PageSpec("portfolio.py", "nav.portfolio", ":material/view_timeline:", "projects"),
        PageSpec("adoption.py", "nav.adoption", ":material/touch_app:", "digital-adoption"),
        PageSpec("time_for_patients.py", "nav.time", ":material/schedule:", "time"),
        PageSpec("team.py", "nav.team", ":material/groups:", "hiring"),
        PageSpec("maturity.py", "nav.maturity", ":material/stairs:", "digital-maturity"),
        PageSpec("board_pack.py", "nav.board_pack", ":material/picture_as_pdf:", "board-pack"),
    ],
    "nav.section.lead": [
        PageSpec("upload.py", "nav.upload", ":material/upload_file:", "upload-export",
                 (LEAD, ANALYST), filtered=False),
        PageSpec("history.py", "nav.history", ":material/history:", "load-history",
                 (LEAD, ANALYST), filtered=False),
    ],
    "nav.section.analyst": [
        PageSpec("data_quality.py", "nav.data_quality", ":material/fact_check:", "data-quality",
                 (ANALYST,), filtered=False),
        PageSpec("assumptions.py", "nav.assumptions", ":material/calculate:", "time-saved-model",
                 (ANALYST,), filtered=False),
        PageSpec("sensitivity.py", "nav.sensitivity", ":material/ssid_chart:", "hours-sensitivity",
                 (ANALYST,), filtered=False),
        PageSpec("targets.py", "nav.targets", ":material/flag:", "kpi-targets", (ANALYST,), filtered=False),
        PageSpec("settings.py", "nav.settings", ":material/settings:", "figure-settings",
                 (ANALYST,), filtered=False),
    ],
}
logger = logging.getLogger(__name__)


def navigation_pages(role: str) -> dict[str, list[st.Page]]:
    """The pages this role may use, titled in the current language, by section.

    The other pages are registered hidden (absent from the menu), so that a URL to one
    reaches main(), which refuses it in plain words instead of silently showing home.
    """
    allowed = [spec for specs in PAGES.values() for spec in specs if role in spec.roles]
    default = allowed[0] if allowed else None
    sections = {
        t(section): [_page(spec, spec is default) for spec in specs if role in spec.roles]
        for section, specs in PAGES.items()
    }
    visible = {section: pages for section, pages in sections.items() if pages}
    hidden = [_page(s, False, "hidden") for specs in PAGES.values() for s in specs if role not in s.roles]
    if visible:
        next(iter(visible.values())).extend(hidden)
    return visible


def _page(spec: PageSpec, default: bool, visibility: Literal["visible", "hidden"] = "visible") -> st.Page:
    """The st.Page of a PageSpec, titled in the current language."""
    return st.Page(
        PAGES_DIR / spec.file, title=t(spec.title_key), icon=spec.icon,
        url_path=spec.url, default=default, visibility=visibility,
    )


def gate_pages() -> list[st.Page]:
    """The sign-in (or no-access) screen at home and at every page's URL, so that a shared
    link opened signed out shows it, not Streamlit's English "page not found"."""
    title = t("app.title")
    return [
        st.Page(auth.show_gate, title=title, default=True),
        *(
            st.Page(auth.show_gate, title=title, url_path=spec.url, visibility="hidden")
            for specs in PAGES.values()
            for spec in specs
        ),
    ]


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
    access = auth.access()
    if not access.granted:  # signed out, no role, or local mode reachable from the network
        st.navigation(gate_pages(), position="hidden").run()
        return
    auth.sidebar_identity(access)
    # Expanded: a collapsed long menu would say "View N more" in English whatever the language.
    page = st.navigation(navigation_pages(access.role or ""), expanded=True)
    if not db.warehouse_exists():
        first_start()
    spec = spec_of(page)
    if spec is not None and access.role not in spec.roles:  # reached by a URL
        auth.refuse(access)
        return
    try:
        if spec is None or spec.filtered:
            st.session_state["filters"] = filters.sidebar_filters(db.warehouse_version())
        page.run()
    except db.WarehouseReplaced:  # a load published mid-run: read the new data from the top
        st.rerun()
    except duckdb.Error:
        logger.exception("A page could not read the warehouse")
        st.error(t("error.data_unavailable"))


main()
