"""The analysts' pages show the right things, and a change goes end to end: edit a
coefficient in the table, preview its effect, save, revert — figures and log checked.

Each test opens one page of dashboard.py (AppTest) on a private copy of the tiny hospital
(tests/analyst_support.py); expected figures are worked out here from its rows.
"""

from __future__ import annotations

import base64
import csv
import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
import streamlit as st
from analyst_support import (
    LATEST,
    METRICS_CSV,
    MONTHS,
    SETTINGS,
    SPIKE,
    build_hospital,
    hours,
    write_csv,
)
from auth_support import DASHBOARD, page_specs
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, format_percent
from streamlit.testing.v1 import AppTest

from app import auth
from app.i18n import TRANSLATIONS, translate
from etl import checks, reference
from etl.load import load_files

LOCALES = {"fr": "fr_CH", "de": "de_CH", "en": "en_GB"}
ANALYST_PAGES = ("data_quality.py", "assumptions.py", "sensitivity.py", "targets.py", "settings.py")


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    """No cached connection or query result leaks from one test into another."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny hospital, built once for the module."""
    base = tmp_path_factory.mktemp("pages")
    build_hospital(base / "data", base / "exports")
    return base / "data"


@pytest.fixture
def hospital(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the tiny hospital, named by DASHBOARD_DATA_DIR."""
    root = tmp_path / "data"
    shutil.copytree(template, root, ignore=shutil.ignore_patterns("work", "*.lock"))
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(root))
    return root


def open_page(page: str, language: str, edits: dict[str, Any] | None = None) -> AppTest:
    """An analyst page of the dashboard, opened in a language (with editor state seeded)."""
    app = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    app.query_params["lang"] = language
    app.switch_page(f"pages/{page}")
    for key, state in (edits or {}).items():
        app.session_state[key] = state
    app.run()
    assert_clean(app)
    return app


def assert_clean(app: AppTest) -> None:
    """No exception reached the page."""
    assert not app.exception, [e.value for e in app.exception]


def edit_state(rows: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """A data editor's state with these cells edited (row position -> column -> value)."""
    return {"edited_rows": rows, "added_rows": [], "deleted_rows": []}


def number(value: float, language: str, decimals: int = 0) -> str:
    """A number as the locale writes it."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALES[language])


def hours_text(value: float, language: str) -> str:
    return translate(language, "unit.hours", value=number(value, language))


def fte_text(value: float, language: str) -> str:
    return translate(language, "unit.fte", value=number(value, language, 1))


def month_name(month: date, language: str) -> str:
    return format_skeleton("yMMMM", month, locale=LOCALES[language])


def figures(app: AppTest) -> list[go.Figure]:
    """Every Plotly chart shown, as a figure with its typed arrays decoded."""
    return [go.Figure(decoded(json.loads(chart.proto.spec))) for chart in app.get("plotly_chart")]


def decoded(value: Any) -> Any:
    """Plotly's JSON with each typed array (`{"dtype", "bdata"}`) turned back into a list."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        return array.reshape(value["shape"]).tolist() if "shape" in value else array.tolist()
    if isinstance(value, dict):
        return {k: decoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decoded(v) for v in value]
    return value


def metrics_by_label(app: AppTest) -> dict[str, tuple[str, str]]:
    """Every st.metric shown: label -> (value, delta)."""
    return {m.label: (m.value, m.proto.delta) for m in app.metric}


def button(app: AppTest, label_key: str, language: str) -> Any:
    """The button with this text."""
    return next(b for b in app.button if b.label == translate(language, label_key))


def audit(root: Path) -> list[dict[str, str]]:
    with (root / "audit" / "changes.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- Navigation ---------------------------------------------------------------------------------


def test_the_analyst_pages_form_their_own_section_for_analysts_only() -> None:
    """dashboard.py lists the five pages under nav.section.analyst, for analysts, unfiltered."""
    source = DASHBOARD.read_text(encoding="utf-8")
    section = source[source.index('"nav.section.analyst"') :]
    specs = {spec.file: spec for spec in page_specs() if f'"{spec.file}"' in section}
    assert set(specs) == set(ANALYST_PAGES)
    for spec in specs.values():
        assert spec.roles == ("analyst",) and not spec.filtered, spec
        assert spec.title_key in TRANSLATIONS


# --- Data quality -------------------------------------------------------------------------------


def test_data_quality_shows_sources_gaps_outliers_rejections_and_checks(hospital: Path) -> None:
    """It highlights stale sources, lists the stopped and gappy series, the spike, the rejected
    file and its message, and says every check passed (in German)."""
    app = open_page("data_quality.py", "de")
    today = date.today()
    usage_age = (today - LATEST).days
    warning = translate(
        "de",
        "quality.stale.warning",
        source="Nutzung",
        date=format_date(LATEST, "medium", locale="de_CH"),
        days=number(usage_age, "de"),
        limit="7",
    )
    assert warning in [w.value for w in app.warning]
    sources, gaps, outliers, rejected, checks_table = (frame.value for frame in app.dataframe)
    usage = sources.iloc[0]
    assert usage[translate("de", "quality.col.rows")] == "44"
    assert usage[translate("de", "quality.col.status")] == translate("de", "quality.stale", limit="7")
    assert usage[translate("de", "quality.col.age")] == translate(
        "de", "quality.days", days=number(usage_age, "de")
    )
    metric, silent, missing = (translate("de", f"quality.col.{c}") for c in ("metric", "silent", "missing"))
    stopped = gaps[gaps[metric] == "Übertragene Vitalparameter"].iloc[0]
    assert stopped[silent] == translate("de", "quality.months", months="4")
    gappy = gaps[gaps[metric] == "Gescannte Gaben"].iloc[0]
    march, april = (format_skeleton("yMMM", date(2025, m, 1), locale="de_CH") for m in (3, 4))
    assert gappy[missing] == f"{march}, {april}"
    [spike] = outliers.to_dict("records")
    assert spike[translate("de", "quality.col.month")] == month_name(SPIKE[0], "de")
    assert spike[translate("de", "quality.col.value")] == f"{number(SPIKE[1], 'de')} Berichte"
    assert spike[translate("de", "quality.col.expected")] == number(1000, "de")
    assert list(rejected[translate("de", "quality.col.file")]) == ["bad_usage.csv"]
    assert "no_such_metric" in rejected[translate("de", "quality.col.message")].iloc[0]
    count = number(len(checks.all_checks()), "de")
    assert translate("de", "quality.checks.passed", count=count) in [s.value for s in app.success]
    assert len(checks_table) == len(checks.all_checks())


# --- Assumptions: a change end to end -------------------------------------------------------------


def editor_key(table: reference.Table) -> str:
    """The key of a table's editor, as the page builds it from the file in force."""
    return f"{table.name}_editor_{reference.read(table).token}"


def test_a_coefficient_change_is_previewed_saved_logged_and_reverted(hospital: Path) -> None:
    """Edit nursing notes' base coefficient 2 -> 3: the preview shows August's hours before and
    after; saving rewrites the data folder's metrics.csv, recalculates and logs the change; the
    revert brings file, figures and log back in order."""
    edited = {"nursing_notes_digital": (1.0, 3.0, 4.0), "med_admin_scanned": (0.0, 0.5, 1.0)}
    before, after = hours(LATEST, "base"), hours(LATEST, "base", edited)
    app = open_page(
        "assumptions.py", "en", {editor_key(reference.METRICS): edit_state({0: {"minutes_saved_base": 3.0}})}
    )
    shown = metrics_by_label(app)
    label = translate("en", "assumptions.preview.base", month="August 2025")
    change = translate("en", "unit.hours", value=number(after - before, "en").join(["+", ""]))
    assert shown[label] == (
        hours_text(after, "en"),
        translate("en", "assumptions.preview.delta", change=change, before=hours_text(before, "en")),
    )
    low = translate("en", "assumptions.preview.low", month="August 2025")
    assert shown[low][0] == hours_text(hours(LATEST, "low"), "en")  # the low coefficient did not move
    [chart] = figures(app)
    assert chart.layout.title.text == translate("en", "assumptions.chart.title")
    assert chart.data[-1].y[-1] == pytest.approx(after)  # the "after" line, in August

    button(app, "workbench.save", "en").click()
    app.run()
    assert_clean(app)
    assert [s.value for s in app.success] == [translate("en", "workbench.saved", count="1")]
    assert ",1.0,3.0,4.0," in (hospital / "metrics.csv").read_text(encoding="utf-8")
    [logged] = audit(hospital)
    assert {k: logged[k] for k in ("changed_by", "table_name", "key", "field", "old_value", "new_value")} == {
        "changed_by": auth.current_user(),
        "table_name": "metrics",
        "key": "nursing_notes_digital",
        "field": "minutes_saved_base",
        "old_value": "2.0",
        "new_value": "3.0",
    }
    assert sensitivity_base() == hours_text(after, "en")

    choice = f"#1 · nursing_notes_digital · {translate('en', 'workbench.col.minutes_saved_base')}: 2.0 → 3.0"
    app.selectbox(key="metrics_revert_choice").select(choice).run()
    app.button(key="metrics_revert").click().run()
    assert_clean(app)
    assert (hospital / "metrics.csv").read_text(encoding="utf-8") == METRICS_CSV
    assert [(row["change_id"], row["new_value"], row["reverts"]) for row in audit(hospital)] == [
        ("1", "3.0", ""),
        ("2", "2.0", "1"),
    ]
    log = app.dataframe[-1].value
    assert list(log[translate("en", "workbench.log.state")]) == [
        translate("en", "workbench.log.reverts", id=1),
        translate("en", "workbench.log.reverted_by", id=2),
    ]
    assert sensitivity_base() == hours_text(before, "en")


def sensitivity_base() -> str:
    """The base estimate the Sensitivity page shows for the latest month (a fresh session)."""
    st.cache_data.clear()
    app = open_page("sensitivity.py", "en")
    label = translate("en", "sensitivity.month.figure", estimate=translate("en", "sensitivity.estimate.base"))
    return metrics_by_label(app)[label][0]


def test_an_invalid_coefficient_is_explained_and_cannot_be_saved(hospital: Path) -> None:
    """A low coefficient above the base one, and a removed source, are refused in plain words."""
    state = edit_state({0: {"minutes_saved_low": 9.0}, 2: {"source": None}})
    app = open_page("assumptions.py", "fr", {editor_key(reference.METRICS): state})
    [error] = [e.value for e in app.error]
    assert translate("fr", "issue.coefficients_order", row="nursing_notes_digital") in error
    column = translate("fr", "workbench.col.source")
    assert translate("fr", "issue.source_required", row="med_admin_scanned", column=column) in error
    assert translate("fr", "workbench.save") not in [b.label for b in app.button]
    assert not (hospital / "audit").exists()


# --- Targets --------------------------------------------------------------------------------------


def test_a_target_change_is_compared_with_the_latest_value_and_saved(hospital: Path) -> None:
    """Lowering the nursing-notes target to 60%: the preview shows August's share and that it is
    already met; saving writes the data folder's targets.csv and logs the change."""
    state = edit_state({0: {"target": 0.6}})
    app = open_page("targets.py", "de", {editor_key(reference.TARGETS): state})
    [preview] = [f.value.iloc[0] for f in app.dataframe if translate("de", "targets.latest") in f.value]
    share = 1002 / (1002 + 500)
    assert preview[translate("de", "workbench.col.kpi")] == "Pflegeberichte im KIS"
    assert preview[translate("de", "targets.latest")] == format_percent(share, locale="de_CH")
    assert preview[translate("de", "workbench.col.target")] == format_percent(0.6, locale="de_CH")
    assert preview[translate("de", "targets.met")] == translate("de", "targets.met.yes")
    button(app, "workbench.save", "de").click()
    app.run()
    assert_clean(app)
    assert "nursing_notes_digital,all,0.6,2027-06-30" in (hospital / "targets.csv").read_text(
        encoding="utf-8"
    )
    [logged] = audit(hospital)
    assert (logged["table_name"], logged["key"], logged["old_value"], logged["new_value"]) == (
        "targets",
        "nursing_notes_digital|all|2027-06-30",
        "0.9",
        "0.6",
    )


# --- Settings -------------------------------------------------------------------------------------


def test_a_setting_is_previewed_saved_and_reverted(hospital: Path) -> None:
    """1,800 hours a year instead of 1,900: the preview converts August's hours both ways; the
    save writes settings.toml and the app uses it; the revert restores 1,900."""
    import app as dashboard_app

    page = open_page("settings.py", "fr")
    label = translate("fr", "settings.label.annual_hours_per_fte")
    next(n for n in page.number_input if n.label == label).set_value(1800.0)
    page.run()
    assert_clean(page)
    base = hours(LATEST, "base")
    expected = translate(
        "fr",
        "settings.preview.fte",
        month=month_name(LATEST, "fr"),
        hours=hours_text(base, "fr"),
        before=fte_text(base / (1900 / 12), "fr"),
        after=fte_text(base / (1800 / 12), "fr"),
    )
    assert expected in [m.value for m in page.markdown]
    button(page, "workbench.save", "fr").click()
    page.run()
    assert_clean(page)
    assert "annual_hours_per_fte = 1800.0" in (hospital / "settings.toml").read_text(encoding="utf-8")
    assert dashboard_app.ANNUAL_HOURS_PER_FTE == 1800.0
    [logged] = audit(hospital)
    assert (logged["table_name"], logged["key"], logged["old_value"], logged["new_value"]) == (
        "settings",
        "annual_hours_per_fte",
        "1900.0",
        "1800.0",
    )
    choice = f"#1 · annual_hours_per_fte · {label}: 1900.0 → 1800.0"
    page.selectbox(key="settings_revert_choice").select(choice).run()
    page.button(key="settings_revert").click().run()
    assert_clean(page)
    assert dashboard_app.ANNUAL_HOURS_PER_FTE == 1900.0


# --- Sensitivity ----------------------------------------------------------------------------------


def test_sensitivity_shows_each_estimate_and_what_moves_it_most(hospital: Path) -> None:
    """It shows August's hours under low, base and high with their FTE, the total since the
    programme started (settings), and a tornado of each coefficient's swing (in French)."""
    app = open_page("sensitivity.py", "fr")
    shown = metrics_by_label(app)
    for estimate in ("low", "base", "high"):
        name = translate("fr", f"sensitivity.estimate.{estimate}")
        value = hours(LATEST, estimate)
        label = translate("fr", "sensitivity.month.figure", estimate=name)
        assert shown[label] == (hours_text(value, "fr"), fte_text(value / (1900 / 12), "fr"))
        since = sum(hours(m, estimate) for m in MONTHS if m >= SETTINGS.programme_start)
        total = translate("fr", "sensitivity.since.figure", estimate=name)
        assert shown[total] == (hours_text(since, "fr"), fte_text(since / 1900, "fr"))
    [tornado] = figures(app)
    assert tornado.layout.xaxis.title.text == translate("fr", "sensitivity.tornado.x")
    low, high = tornado.data
    assert low.y[-1] == "Notes de soins informatisées"  # the widest swing is drawn on top
    notes = 1002 / 60  # August's nursing notes in hours per minute saved
    assert low.base == pytest.approx(hours(LATEST, "base"))
    assert low.x[-1] == pytest.approx(notes * (1.0 - 2.0))
    assert high.x[-1] == pytest.approx(notes * (4.0 - 2.0))
    table = app.dataframe[0].value
    assert list(table[translate("fr", "workbench.col.metric")]) == [
        "Notes de soins informatisées",
        "Administrations scannées",
    ]


def test_pages_say_so_in_plain_words_when_there_is_no_usage_yet(data_dir: Path, tmp_path: Path) -> None:
    """With only a staffing list loaded, the pages show friendly notices, never an error."""
    header = ["position_id", "role", "fte", "status", "opened_date", "filled_date"]
    rows = [("POS-1", "software developer", "1", "open", "2025-06-01", "")]
    assert load_files([write_csv(tmp_path / "positions.csv", header, rows)])[0].status == "loaded"
    app = open_page("sensitivity.py", "en")
    assert [i.value for i in app.info] == [translate("en", "sensitivity.none")]
    app = open_page("data_quality.py", "en")
    assert not app.error
    assert translate("en", "quality.outliers.none") in [s.value for s in app.success]
    sources = app.dataframe[0].value
    assert isinstance(sources, pd.DataFrame) and len(sources) == 4
