"""The Board pack page and the chart downloads, run with AppTest in French, German and English.

A tiny warehouse is loaded through the ETL from hand-made exports. The page says what the
pack will cover (the sidebar filters), prepares it on request and offers the PDF; the
Overview offers each of its charts as a PNG image.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from analyst_support import write_csv
from babel.dates import format_skeleton
from streamlit.testing.v1 import AppTest

from app.i18n import LANGUAGES, translate
from etl.load import load_files
from etl.settings import REPO_ROOT

APP = str(REPO_ROOT / "dashboard.py")
PAGE = "pages/board_pack.py"
LOCALES = {"fr": "fr_CH", "de": "de_CH", "en": "en_GB"}
MONTHS = [date(2025, month, 1) for month in range(1, 7)]
USAGE = [
    (month.isoformat(), site, "medicine", "EHR", metric, value + 10 * index)
    for index, month in enumerate(MONTHS)
    for site in ("Sion", "Brig")
    for metric, value in (("nursing_notes_digital", 900), ("nursing_notes_paper", 300))
]
PROJECTS = [
    # report_date, id, name, programme, phase, status, planned_end, percent, comment
    (
        "2025-06-30",
        "DIG-001",
        "Clinical record",
        "Clinical information system",
        "build",
        "red",
        "2026-06-30",
        40,
        "Vendor late; go-live moved",
    ),
    (
        "2025-06-30",
        "DIG-002",
        "Bedside scanning",
        "Medication safety",
        "rollout",
        "amber",
        "2026-03-31",
        70,
        "Training behind",
    ),
    ("2025-06-30", "DIG-003", "Portal", "Patient portal & EPD", "live", "green", "2025-12-31", 100, ""),
]
POSITIONS = [
    ("POS-1", "software developer", "1", "filled", "2025-01-15", "2025-03-01"),
    ("POS-2", "UX designer", "0.6", "open", "2025-05-01", ""),
]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One tiny warehouse for the module, loaded through the ETL, in its own data folder."""
    root = tmp_path_factory.mktemp("boardpack-page")
    data, exports = root / "data", root / "exports"
    exports.mkdir()
    project_header = [
        "report_date",
        "project_id",
        "project_name",
        "programme",
        "phase",
        "status",
        "planned_end",
        "percent_complete",
        "comment",
    ]
    files = [
        write_csv(exports / "usage.csv", ["date", "site", "department", "system", "metric", "value"], USAGE),
        write_csv(exports / "projects.csv", project_header, PROJECTS),
        write_csv(
            exports / "positions.csv",
            ["position_id", "role", "fte", "status", "opened_date", "filled_date"],
            POSITIONS,
        ),
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_DATA_DIR", str(data))
        results = load_files(files, loaded_by="test")
        assert [r.status for r in results] == ["loaded"] * 3, [r.report("en") for r in results]
        st.cache_data.clear()
        st.cache_resource.clear()
        yield data
    st.cache_data.clear()
    st.cache_resource.clear()


def run_app(language: str, page: str | None = PAGE, timeout: float = 60) -> AppTest:
    """The app in a language, on a page, run once without exceptions."""
    app = AppTest.from_file(APP, default_timeout=timeout)
    app.query_params["lang"] = language
    app.run()
    if page:
        app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def download_labels(app: AppTest) -> list[str]:
    """The labels of the download buttons shown."""
    buttons: Any = app.get("download_button")
    return [button.proto.label for button in buttons]


def month(day: date, language: str) -> str:
    """A month with its name, as the locale writes it."""
    return format_skeleton("yMMMM", day, locale=LOCALES[language])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_says_what_the_pack_covers(warehouse: Path, language: str) -> None:
    """Title, contents, the sidebar's period and scope, the language, and the button."""
    app = run_app(language)
    assert app.title[0].value == translate(language, "boardpack.page.title")
    covered = app.info[0].value
    assert month(MONTHS[0], language) in covered and month(MONTHS[-1], language) in covered
    assert translate(language, "filters.all_sites") in covered
    assert {"fr": "Français", "de": "Deutsch", "en": "English"}[language] in covered
    assert app.button[0].label == translate(language, "boardpack.page.generate")
    assert download_labels(app) == []  # nothing to download before it is prepared


def test_preparing_the_pack_offers_the_pdf(warehouse: Path) -> None:
    """A click prepares the pack (its progress shown) and offers it for download as PDF."""
    app = run_app("de", timeout=180)
    app.button[0].click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    assert app.success[0].value.startswith(translate("de", "boardpack.page.ready", seconds="X")[:16])
    assert download_labels(app) == [translate("de", "boardpack.page.download")]
    button: Any = app.get("download_button")[0]
    assert button.proto.url  # the PDF is served by the media file manager


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_overview_chart_offers_a_png(warehouse: Path, language: str) -> None:
    """Under each chart of the Overview, a button downloads it as PNG, labelled in the language."""
    app = run_app(language, page=None)
    charts: Any = app.get("plotly_chart")
    labels = download_labels(app)
    assert len(charts) >= 3
    assert labels.count(translate(language, "exports.png")) == len(charts)
