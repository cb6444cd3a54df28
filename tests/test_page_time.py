"""The Time for patients page shows the right hours, FTE and coefficients, in three languages.

One tiny warehouse per module is loaded through the ETL from hand-made exports (four
monthly usage exports at two sites) with its own catalogue of time-saved coefficients,
sites and targets, in a temporary data folder. The expected figures are worked out here
from those rows (hours = volume x minutes / 60), independently of the marts and queries,
and formatted with Babel directly. The chart builders are tested as plain functions.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import streamlit as st
from analyst_support import write_csv
from babel.dates import format_skeleton
from babel.numbers import format_decimal
from streamlit.testing.v1 import AppTest

from app import ANNUAL_HOURS_PER_FTE, charts
from app.i18n import LANGUAGES, translate
from etl.load import load_files
from etl.settings import REPO_ROOT

APP = str(REPO_ROOT / "dashboard.py")
PAGE = "pages/time_for_patients.py"
LOCALES = {"fr": "fr_CH", "de": "de_CH", "en": "en_GB"}
MONTHS = [date(2025, 3, 1), date(2025, 4, 1), date(2025, 5, 1), date(2025, 6, 1)]
PERIOD = MONTHS[2:]  # the period the tests choose: May and June 2025
REGION = {"Sion": "fr", "Brig": "de"}
ESTIMATES = ("low", "base", "high")

CATALOGUE = [
    # metric, system, aim, unit, label_en, label_fr, label_de, paper, minutes low/base/high, source
    ("nursing_notes_digital", "EHR", "time_for_patients", "notes", "Notes e", "Notes f", "Notes d",
     "nursing_notes_paper", 1, 2, 4, "Study A"),
    ("nursing_notes_paper", "EHR", "time_for_patients", "notes", "Paper notes e", "Paper notes f",
     "Paper notes d", "", 0, 0, 0, ""),
    ("vitals_device_captured", "vital signs", "time_for_patients", "readings", "Vitals e",
     "Vitals f", "Vitals d", "", 1, 1.5, 2, "Study B"),
    ("prescriptions_electronic", "e-prescribing", "prevent_errors", "prescriptions", "Rx e",
     "Rx f", "Rx d", "", 0, 3, 9, "Study C"),
    ("med_admin_scanned", "closed-loop medication", "prevent_errors", "administrations",
     "Scans e", "Scans f", "Scans d", "", 0, 0.5, 1, "Study E"),
    ("orders_cpoe", "CPOE", "prevent_errors", "orders", "Orders e", "Orders f", "Orders d", "",
     0, 0, 0, "Study D: about neutral"),
    ("forms_digital", "digital forms", "simplify_processes", "forms", "Forms e", "Forms f",
     "Forms d", "", 0, 0, 0, ""),
    ("portal_active_patients", "patient portal", "patient_access", "patients", "Portal e",
     "Portal f", "Portal d", "", 0, 0, 0, ""),
]  # fmt: skip
COEFFICIENT = {row[0]: dict(zip(ESTIMATES, row[8:11], strict=True)) for row in CATALOGUE}
SYSTEM = {row[0]: row[1] for row in CATALOGUE}
AIM = {row[0]: row[2] for row in CATALOGUE}


def usage_rows(i: int, month: date) -> list[tuple[object, ...]]:
    """A month of usage: (date, site, department, system, metric, value); i counts months."""
    rows = [
        ("Sion", "Médecine", "nursing_notes_digital", 1000 + 100 * i),
        ("Sion", "Médecine", "nursing_notes_paper", 200),
        ("Brig", "Innere Medizin", "nursing_notes_digital", 300),
        ("Brig", "Innere Medizin", "vitals_device_captured", 600 + 60 * i),
        ("Sion", "", "prescriptions_electronic", 200),
        ("Sion", "Chirurgie", "med_admin_scanned", 400),
        ("Brig", "Innere Medizin", "med_admin_scanned", 100 * i),
        ("Sion", "Chirurgie", "orders_cpoe", 500),
        ("Sion", "Chirurgie", "forms_digital", 50),
        ("Sion", "", "portal_active_patients", 10 * i),
    ]
    return [(month.isoformat(), site, dept, SYSTEM[m], m, value) for site, dept, m, value in rows]


USAGE = [row for i, month in enumerate(MONTHS) for row in usage_rows(i, month)]
TARGETS = [("hours_freed", "all", 1500, "2026-12-31"), ("hours_freed", "Brig", 200, "2026-12-31")]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One warehouse for the module, loaded through the ETL, in its own data folder."""
    root = tmp_path_factory.mktemp("time_for_patients")
    data = root / "data"
    data.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_DATA_DIR", str(data))
        header = [
            "metric", "system", "aim", "unit", "label_en", "label_fr", "label_de", "paper_metric",
            "minutes_saved_low", "minutes_saved_base", "minutes_saved_high", "source", "aggregation",
        ]  # fmt: skip
        aggregation = {"portal_active_patients": "last"}
        rows = [(*row, aggregation.get(row[0], "sum")) for row in CATALOGUE]
        write_csv(data / "metrics.csv", header, rows)
        write_csv(data / "sites.csv", ["site", "region", "centre"], [(s, r, r) for s, r in REGION.items()])
        write_csv(
            data / "targets.csv",
            ["kpi", "scope", "target", "due_date", "direction", "note"],
            [(*row, "at_least", "test") for row in TARGETS],
        )
        usage = write_csv(
            root / "usage.csv", ["date", "site", "department", "system", "metric", "value"], USAGE
        )
        results = load_files([usage], loaded_by="test")
        assert [r.status for r in results] == ["loaded"], [r.report("en") for r in results]
        st.cache_data.clear()
        st.cache_resource.clear()
        yield data
    st.cache_data.clear()
    st.cache_resource.clear()


# --- Expected figures, from the rows above -------------------------------------------------


def hours(months: list[date], estimate: str, sites: tuple[str, ...] = ("Sion", "Brig"), **only: str) -> float:
    """Staff hours freed: volume x minutes saved per unit / 60, over months and sites, and
    optionally one system or aim (`system=`, `aim=`)."""
    days = {m.isoformat() for m in months}
    return sum(
        value * COEFFICIENT[metric][estimate] / 60
        for day, site, _, system, metric, value in USAGE
        if day in days
        and site in sites
        and only.get("system", system) == system
        and only.get("aim", AIM[metric]) == AIM[metric]
    )


def number(value: float, language: str, decimals: int = 0) -> str:
    """A number as the locale writes it."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALES[language])


def figure_text(
    language: str, unit: str, low: float, base: float, high: float, decimals: int
) -> tuple[str, str]:
    """An estimate as its st.metric shows it: the base value, and the low-high range."""
    with_unit = translate(language, unit, value=number(high, language, decimals))
    return (
        translate(language, unit, value=number(base, language, decimals)),
        translate(language, "range", low=number(low, language, decimals), high=with_unit),
    )


def short_month(month: date, language: str) -> str:
    """`mars 2025`, `März 2025`, `Mar 2025`."""
    return format_skeleton("yMMM", month, locale=LOCALES[language])


def plain(value: Any) -> Any:
    """A figure JSON value as a list: Plotly writes number arrays as typed base64 blocks."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        if "shape" in value:
            array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
        return array.tolist()
    return value


# --- Running the page -----------------------------------------------------------------------


def open_page(language: str, **params: str) -> AppTest:
    """The page opened on May-June 2025 in a language, with more URL parameters.

    The app first runs in French, then switches page and language: AppTest formats the
    sidebar's options for its widget states outside the app's session, so in French.
    Later sidebar choices in a test are therefore made on a French page.
    """
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params.update({"from": "2025-05", "to": "2025-06", **params})
    app.run()
    app.session_state["language"] = language
    app.query_params["lang"] = language
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def shown(app: AppTest) -> dict[str, tuple[str, str]]:
    """Every st.metric shown: label -> (value, delta)."""
    return {m.label: (m.value, m.proto.delta) for m in app.metric}


def figures(app: AppTest) -> dict[str, dict[str, Any]]:
    """Every Plotly figure shown, as JSON, by title."""
    specs = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    return {spec["layout"]["title"]["text"]: spec for spec in specs}


def bars(figure: dict[str, Any]) -> dict[str, list[float]]:
    """Each bar trace's y values, by name."""
    return {t["name"]: plain(t["y"]) for t in figure["data"] if t["type"] == "bar"}


def goal_lines(figure: dict[str, Any]) -> list[float]:
    """The y of every dashed horizontal line."""
    return [s["y0"] for s in figure["layout"].get("shapes", []) if s["line"].get("dash") == "dash"]


# --- The page ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_shows_hours_and_fte_for_the_period_and_since_the_start(warehouse: Path, language: str) -> None:
    """It shows May-June's hours and average FTE, and the hours and FTE-years since March."""
    metrics = shown(open_page(language))
    period = [hours(PERIOD, e) for e in ESTIMATES]
    since = [hours(MONTHS, e) for e in ESTIMATES]
    fte = [h / (ANNUAL_HOURS_PER_FTE * len(PERIOD) / 12) for h in period]
    years = [h / ANNUAL_HOURS_PER_FTE for h in since]
    start = short_month(MONTHS[0], language)
    assert metrics[translate(language, "time.period.hours")] == figure_text(
        language, "unit.hours", *period, 0
    )
    assert metrics[translate(language, "time.period.fte")] == figure_text(language, "unit.fte", *fte, 1)
    assert metrics[translate(language, "time.cumulative.hours", start=start)] == figure_text(
        language, "unit.hours", *since, 0
    )
    assert metrics[translate(language, "time.cumulative.years", start=start)] == figure_text(
        language, "unit.fte_years", *years, 1
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_breaks_the_hours_down_by_system_aim_and_site(warehouse: Path, language: str) -> None:
    """It stacks each month's base hours by system, aim and site, with the total's low-high
    range as error bars and the hospital's monthly goal."""
    charts_shown = figures(open_page(language))
    by_system = charts_shown[translate(language, "chart.time.system.title")]
    for system in ("EHR", "vital signs", "e-prescribing", "closed-loop medication"):
        name = translate(language, f"system.{system}")
        assert bars(by_system)[name] == pytest.approx([hours([m], "base", system=system) for m in PERIOD])
    assert translate(language, "system.CPOE") not in bars(by_system)  # no time saved by CPOE
    total = next(t for t in by_system["data"] if t["name"] == translate(language, "chart.time.total_range"))
    assert plain(total["y"]) == pytest.approx([hours([m], "base") for m in PERIOD])
    assert plain(total["error_y"]["array"]) == pytest.approx(
        [hours([m], "high") - hours([m], "base") for m in PERIOD]
    )
    assert plain(total["error_y"]["arrayminus"]) == pytest.approx(
        [hours([m], "base") - hours([m], "low") for m in PERIOD]
    )
    assert goal_lines(by_system) == [1500]
    assert by_system["layout"]["yaxis"]["title"]["text"] == translate(language, "chart.hours.y")
    by_aim = charts_shown[translate(language, "chart.time.aim.title")]
    for aim in ("time_for_patients", "prevent_errors"):
        expected = [hours([m], "base", aim=aim) for m in PERIOD]
        assert bars(by_aim)[translate(language, f"aim.{aim}")] == pytest.approx(expected)
    by_site = charts_shown[translate(language, "chart.time.site.title")]
    for site in REGION:
        assert bars(by_site)[site] == pytest.approx([hours([m], "base", (site,)) for m in PERIOD])


def test_it_cumulates_the_hours_since_the_programme_started(warehouse: Path) -> None:
    """It draws the running total from March (the first month of data), with its range."""
    figure = figures(open_page("en"))[translate("en", "chart.cumulative.title")]
    base = next(t for t in figure["data"] if t.get("name") == translate("en", "chart.time.total"))
    assert [x[:7] for x in base["x"]] == [m.isoformat()[:7] for m in MONTHS]
    assert plain(base["y"]) == pytest.approx([hours(MONTHS[: i + 1], "base") for i in range(len(MONTHS))])
    band = next(t for t in figure["data"] if t.get("name") == translate("en", "chart.time.band"))
    assert band["fill"] == "tonexty"
    assert plain(band["y"]) == pytest.approx([hours(MONTHS[: i + 1], "low") for i in range(len(MONTHS))])
    assert figure["layout"]["yaxis"]["title"]["text"] == translate("en", "chart.cumulative.y")


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_shows_the_coefficients_and_their_sources_beside_the_figure(
    warehouse: Path, language: str
) -> None:
    """It lists each coefficient behind the hours (label in the language, unit, minutes base
    and low-high) with its source as a numbered note, most minutes first."""
    app = open_page(language)
    table = app.table[0].value
    column = {"en": 4, "fr": 5, "de": 6}[language]
    shown_rows = [
        ("prescriptions_electronic", "Study C"),
        ("nursing_notes_digital", "Study A"),
        ("vitals_device_captured", "Study B"),
        ("med_admin_scanned", "Study E"),
        ("orders_cpoe", "Study D: about neutral"),
    ]
    sources = [source for _, source in shown_rows if source]
    rows = {row[0]: row for row in CATALOGUE}

    def minutes(value: float) -> str:
        return number(value, language, 1)

    expected = [
        [
            translate(language, "footnote", label=rows[m][column], number=sources.index(s) + 1)
            if s
            else rows[m][column],
            translate(language, f"unit.name.{rows[m][3]}"),
            translate(
                language,
                "minutes.estimates",
                base=minutes(rows[m][9]),
                low=minutes(rows[m][8]),
                high=minutes(rows[m][10]),
            ),
        ]
        for m, s in shown_rows
    ]
    assert table.values.tolist() == expected
    assert list(table.columns) == [
        translate(language, "column.process"),
        translate(language, "column.unit"),
        translate(language, "column.minutes"),
    ]
    notes = " ".join(c.value for c in app.caption)
    assert all(f"[{i}] {source}" in notes for i, source in enumerate(sources, start=1))


def test_choosing_a_site_in_the_sidebar_shows_that_sites_hours(warehouse: Path) -> None:
    """It recomputes the figures, and uses Brig's own goal, once Brig is chosen."""
    app = open_page("fr")
    app.selectbox(key="filter_scope").select("site:Brig").run()
    assert not app.exception
    period = [hours(PERIOD, e, ("Brig",)) for e in ESTIMATES]
    assert shown(app)[translate("fr", "time.period.hours")] == figure_text("fr", "unit.hours", *period, 0)
    by_site = figures(app)[translate("fr", "chart.time.site.title")]
    assert list(bars(by_site)) == ["Brig"]
    assert goal_lines(by_site) == [200]


def test_an_aim_filter_narrows_the_figures_and_drops_the_hospital_goal(warehouse: Path) -> None:
    """It counts only the aim's metrics, lists only their coefficients, and draws no goal
    (the hours target covers every aim)."""
    app = open_page("en", aim="prevent_errors")
    period = [hours(PERIOD, e, aim="prevent_errors") for e in ESTIMATES]
    assert shown(app)[translate("en", "time.period.hours")] == figure_text("en", "unit.hours", *period, 0)
    assert [row[0] for row in app.table[0].value.values.tolist()] == [
        "Rx e [1]",
        "Scans e [2]",
        "Orders e [3]",
    ]
    assert goal_lines(figures(app)[translate("en", "chart.time.system.title")]) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_says_so_in_a_sentence_when_the_filters_leave_nothing(warehouse: Path, language: str) -> None:
    """It shows the friendly sentence, and no figure, for an aim that frees no time."""
    app = open_page(language, aim="patient_access")
    assert [i.value for i in app.info] == [translate(language, "filters.empty")]
    assert not app.get("plotly_chart") and not app.metric


# --- The chart builders, as plain functions -------------------------------------------------

MONTH_STAMPS = [pd.Timestamp("2025-05-01"), pd.Timestamp("2025-06-01")]
TEXT = charts.ChartText("Hours freed", "Month", "Hours per month (h)", ".,", lambda m: f"M{m.month}")
TOTALS = pd.DataFrame(
    {"month": MONTH_STAMPS, "hours_low": [5.0, 6.0], "hours_base": [10.0, 12.0], "hours_high": [20.0, 25.0]}
)


def test_hours_breakdown_chart_stacks_groups_under_the_total_and_its_range() -> None:
    """It stacks a bar per group, named in the reader's words, and marks the total with its
    low-high range as error bars and the goal as a dashed line."""
    by_group = pd.DataFrame(
        {"month": MONTH_STAMPS * 2, "group": ["a", "a", "b", "b"], "hours_base": [4.0, 5.0, 6.0, 7.0]}
    )
    figure = charts.hours_breakdown_chart(
        by_group, TOTALS, TEXT, {"a": "Group A"}, "Total", charts.Goal(15, "Target 15 h")
    )
    assert figure.layout.barmode == "stack"
    assert [(t.name, list(t.y)) for t in figure.data if t.type == "bar"] == [
        ("Group A", [4.0, 5.0]),
        ("b", [6.0, 7.0]),
    ]
    total = next(t for t in figure.data if t.name == "Total")
    assert list(total.y) == [10.0, 12.0]
    assert list(total.error_y.array) == [10.0, 13.0]
    assert list(total.error_y.arrayminus) == [5.0, 6.0]
    assert [(s.y0, s.line.dash) for s in figure.layout.shapes] == [(15, "dash")]
    assert (figure.layout.title.text, figure.layout.yaxis.title.text) == (
        "Hours freed",
        "Hours per month (h)",
    )
    assert "M5" in total.customdata[0][0]  # the month as the reader writes it


def test_cumulative_hours_chart_draws_the_base_line_inside_its_band() -> None:
    """It draws the high and low cumulated hours as a shaded band and the base as a line."""
    totals = TOTALS.assign(
        cumulative_low=[5.0, 11.0], cumulative_base=[10.0, 22.0], cumulative_high=[20.0, 45.0]
    )
    figure = charts.cumulative_hours_chart(totals, TEXT, ("Range", "Base"))
    high, low, base = figure.data
    assert list(high.y) == [20.0, 45.0] and high.showlegend is False
    assert (low.name, low.fill, list(low.y)) == ("Range", "tonexty", [5.0, 11.0])
    assert (base.name, list(base.y)) == ("Base", [10.0, 22.0])
    assert figure.layout.xaxis.title.text == "Month"
