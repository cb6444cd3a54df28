"""The Portfolio page: status table, timeline, RAG counts, budget, milestones and a project's
history, in French, German and English, with the sidebar filters and the URL.

One tiny warehouse per module is loaded through the ETL from hand-made project reports and
milestones; expected figures are worked out here from those rows, formatted with Babel.
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
from babel.dates import format_date, format_skeleton
from streamlit import dataframe_util
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.testing.v1 import AppTest

from app import charts, i18n
from app.i18n import LANGUAGES, translate
from etl.load import load_files
from etl.settings import REPO_ROOT

APP = str(REPO_ROOT / "dashboard.py")
PAGE = "pages/portfolio.py"
LOCALES = {"fr": "fr_CH", "de": "de_CH", "en": "en_GB"}
HOSTILE = "'; drop table projects; --"
CIS, MEDS, NET = "Clinical information system", "Medication safety", "Infrastructure & security"

PROJECTS = [
    # report_date, id, name, programme, aim, site, owner, phase, status, start, planned_end,
    # forecast_end, budget, spent, percent, comment
    (
        "2025-04-30",
        "P-1",
        "EHR rollout",
        CIS,
        "time_for_patients",
        "Sion",
        "CIS office",
        "build",
        "green",
        "2024-01-01",
        "2025-12-31",
        "2025-12-31",
        1_000_000,
        300_000,
        30,
        "",
    ),
    (
        "2025-05-31",
        "P-1",
        "EHR rollout",
        CIS,
        "time_for_patients",
        "Sion",
        "CIS office",
        "build",
        "amber",
        "2024-01-01",
        "2025-12-31",
        "2026-02-28",
        1_000_000,
        400_000,
        40,
        "Vendor late",
    ),
    (
        "2025-06-30",
        "P-1",
        "EHR rollout",
        CIS,
        "time_for_patients",
        "Sion",
        "CIS office",
        "rollout",
        "amber",
        "2024-01-01",
        "2025-12-31",
        "2026-03-31",
        1_000_000,
        520_000,
        55,
        "Vendor late; training moved",
    ),
    (
        "2025-05-31",
        "P-2",
        "Closed loop Brig",
        MEDS,
        "prevent_errors",
        "Brig",
        "Pharmacy",
        "build",
        "green",
        "2024-06-01",
        "2025-10-31",
        "2025-10-31",
        800_000,
        200_000,
        25,
        "",
    ),
    (
        "2025-06-30",
        "P-2",
        "Closed loop Brig",
        MEDS,
        "prevent_errors",
        "Brig",
        "Pharmacy",
        "build",
        "red",
        "2024-06-01",
        "2025-10-31",
        "2026-01-31",
        800_000,
        300_000,
        30,
        "Labels not ready",
    ),
    (
        "2025-06-30",
        "P-3",
        "Closed loop Sion",
        MEDS,
        "prevent_errors",
        "Sion",
        "Pharmacy",
        "planning",
        "green",
        "2025-03-01",
        "2026-06-30",
        "",
        600_000,
        50_000,
        10,
        "",
    ),
    (
        "2025-06-30",
        "P-4",
        "Network renewal",
        NET,
        "secure_communication",
        "all",
        "",
        "build",
        "green",
        "2024-09-01",
        "2025-09-30",
        "2025-09-15",
        400_000,
        390_000,
        90,
        "",
    ),
    (
        "2025-04-30",
        "P-5",
        "Old firewall",
        NET,
        "secure_communication",
        "all",
        "Security",
        "closed",
        "green",
        "2023-01-01",
        "2025-03-31",
        "2025-03-31",
        200_000,
        210_000,
        100,
        "",
    ),
]

MILESTONES = [
    # project, id, name, planned, actual
    ("P-1", "M1", "Go-live Sion ward A", "2025-04-01", "2025-04-10"),
    ("P-1", "M2", "Go-live Sion ward B", "2025-06-01", ""),
    ("P-2", "M1", "Scanners delivered", "2025-05-01", "2025-05-01"),
    ("P-2", "M2", "Go-live Brig", "2025-06-15", ""),
    ("P-4", "M1", "Core switches", "2025-05-15", "2025-06-02"),
]


# Sites with usage data: the sidebar offers only those (a tiny export per month).
USAGE = [
    (f"2025-0{month}-01", site, "", "EHR", "nursing_notes_digital", 100)
    for month in (4, 5, 6)
    for site in ("Sion", "Brig")
]
_TEST_THREAD_LANGUAGE = {"value": "fr"}


@pytest.fixture(autouse=True)
def widget_labels_in_the_page_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let AppTest format the sidebar's options in the language of the page under test.

    AppTest calls a selectbox's format_func in the test's own thread, with no session,
    where the language would be the default one: as a browser shows the labels of the
    run, the test thread answers with the language the page was opened in.
    """
    original = i18n.current_language

    def current_language() -> str:
        return original() if get_script_run_ctx() else _TEST_THREAD_LANGUAGE["value"]

    monkeypatch.setattr(i18n, "current_language", current_language)


def values(array: Any) -> list[Any]:
    """A Plotly JSON array as a list, decoding Plotly's base64 typed arrays."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"])).tolist()
    return list(array)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One warehouse for the module, loaded through the ETL, in its own data folder."""
    root = tmp_path_factory.mktemp("portfolio")
    data, exports = root / "data", root / "exports"
    data.mkdir()
    exports.mkdir()
    project_header = [
        "report_date",
        "project_id",
        "project_name",
        "programme",
        "aim",
        "site",
        "owner",
        "phase",
        "status",
        "start_date",
        "planned_end",
        "forecast_end",
        "budget_chf",
        "spent_chf",
        "percent_complete",
        "comment",
    ]
    milestone_header = ["project_id", "milestone_id", "milestone", "planned_date", "actual_date"]
    usage_header = ["date", "site", "department", "system", "metric", "value"]
    files = [
        write_csv(exports / "projects.csv", project_header, PROJECTS),
        write_csv(exports / "milestones.csv", milestone_header, MILESTONES),
        write_csv(exports / "usage.csv", usage_header, USAGE),
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


# --- Expected figures ------------------------------------------------------------------------


def latest_reports(
    programme: str | None = None, sites: tuple[str, ...] | None = None
) -> dict[str, tuple[Any, ...]]:
    """Each project's latest report, in the filters (a site keeps hospital-wide projects)."""
    latest: dict[str, tuple[Any, ...]] = {}
    for row in sorted(PROJECTS):
        if programme and row[3] != programme:
            continue
        if sites and row[5] not in (*sites, "all"):
            continue
        latest[row[1]] = row
    return latest


def slippage_days(row: tuple[Any, ...]) -> int | None:
    """Forecast end minus planned end, in days."""
    return (date.fromisoformat(row[11]) - date.fromisoformat(row[10])).days if row[11] else None


def table_order(rows: dict[str, tuple[Any, ...]]) -> list[str]:
    """Active projects first, red then amber then green, the most late first."""
    rank = {"red": 0, "amber": 1, "green": 2}

    def key(row: tuple[Any, ...]) -> tuple[Any, ...]:
        slip = slippage_days(row)
        return (row[7] == "closed", rank[row[8]], -(slip if slip is not None else -(10**6)), row[1])

    return [row[1] for row in sorted(rows.values(), key=key)]


def run_page(language: str, **params: str) -> AppTest:
    """The Portfolio page, opened with these URL parameters, without exceptions."""
    _TEST_THREAD_LANGUAGE["value"] = language
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["lang"] = language
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def status_table(app: AppTest) -> pd.DataFrame:
    """The first table of the page: every project's latest status."""
    return app.dataframe[0].value


def charts_by_title(app: AppTest) -> dict[str, dict[str, Any]]:
    """Every Plotly chart's spec, by its title."""
    specs = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    return {spec["layout"]["title"]["text"]: spec for spec in specs}


# --- The page ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_table_shows_every_projects_latest_status(warehouse: Path, language: str) -> None:
    """It lists each project's latest report (red first), with its phase and status in the
    language, percent complete, planned and forecast ends, slippage and budget."""
    app = run_page(language)
    table = status_table(app)
    latest = latest_reports()
    column = {
        name: translate(language, f"column.{name}")
        for name in (
            "project",
            "phase",
            "status",
            "percent_complete",
            "planned_end",
            "forecast_end",
            "slippage",
            "budget",
            "spent_share",
        )
    }
    assert list(table.columns) == list(column.values())
    order = table_order(latest)
    assert list(table[column["project"]]) == [f"{p} · {latest[p][2]}" for p in order]
    assert list(table[column["status"]]) == [translate(language, f"status.{latest[p][8]}") for p in order]
    assert list(table[column["phase"]]) == [translate(language, f"phase.{latest[p][7]}") for p in order]
    assert list(table[column["percent_complete"]]) == [latest[p][14] for p in order]
    assert list(table[column["slippage"]].fillna(-1)) == [
        -1 if slippage_days(latest[p]) is None else slippage_days(latest[p]) for p in order
    ]
    assert list(table[column["budget"]]) == [latest[p][12] for p in order]
    assert list(table[column["spent_share"]]) == pytest.approx([latest[p][13] / latest[p][12] for p in order])
    month = format_skeleton("yMMMM", date(2025, 6, 1), locale=LOCALES[language])
    caption = translate(
        language,
        "portfolio.as_of",
        month=month,
        count=str(len(latest)),
        scope=translate(language, "filters.all_sites"),
    )
    assert caption in [c.value for c in app.caption]


def test_the_table_paints_each_status_in_its_rag_colour(warehouse: Path) -> None:
    """It colours the status cells green, amber and red, and writes numbers and dates for
    the locale (display values; the underlying values stay numbers and dates to sort)."""
    app = run_page("de")
    styler = app.dataframe[0].proto.arrow_data.styler
    assert all(colour in styler.styles for colour in charts.RAG_COLOURS.values())
    shown = dataframe_util.convert_arrow_bytes_to_pandas_df(styler.display_values)
    latest = latest_reports()
    first = latest[table_order(latest)[0]]  # P-2, red: forecast 31.01.2026, 30 of 800'000
    row = shown.iloc[0]
    assert format_date(date.fromisoformat(first[11]), "medium", locale="de_CH") in set(row)
    assert {"+92 T.", "0.8", "38%"} <= set(row)


def test_choosing_a_programme_in_the_sidebar_shrinks_the_table(warehouse: Path) -> None:
    """It keeps only Medication safety's projects once the programme is picked.

    (In French: AppTest calls a selectbox's format_func in the test's own thread, where
    the page's language is the default one.)
    """
    app = run_page("fr")
    app.selectbox(key="filter_programme").select(MEDS).run()
    assert not app.exception
    projects = list(status_table(app)[translate("fr", "column.project")])
    assert sorted(projects) == sorted(f"{p} · {r[2]}" for p, r in latest_reports(MEDS).items())
    assert app.query_params["programme"] == MEDS


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_url_with_filters_reopens_the_same_view(warehouse: Path, language: str) -> None:
    """It reads the site, programme and project from the URL: Brig keeps its own and the
    hospital-wide projects, and the chosen project's history is shown."""
    app = run_page(language, scope="site:Brig", project="P-4")
    expected = latest_reports(sites=("Brig",))
    table = status_table(app)
    assert sorted(table[translate(language, "column.project")]) == sorted(
        f"{p} · {r[2]}" for p, r in expected.items()
    )
    assert translate(language, "filters.scope_note") in [c.value for c in app.caption]
    assert app.selectbox(key="portfolio_project").value == "P-4"
    history = app.dataframe[1].value
    assert len(history) == sum(1 for r in PROJECTS if r[1] == "P-4")
    assert app.query_params["project"] == "P-4"
    assert app.query_params["scope"] == "site:Brig"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_project_shows_its_reports_and_milestones(warehouse: Path, language: str) -> None:
    """It lists the chosen project's status reports, newest first, with comments, and its
    milestones with the delay of those reached."""
    app = run_page(language, project="P-1")
    history, milestones = app.dataframe[1].value, app.dataframe[2].value
    reports = sorted((r for r in PROJECTS if r[1] == "P-1"), reverse=True)
    assert list(history[translate(language, "column.percent_complete")]) == [r[14] for r in reports]
    assert list(history[translate(language, "column.status")]) == [
        translate(language, f"status.{r[8]}") for r in reports
    ]
    comments = list(history[translate(language, "column.comment")].fillna(""))
    assert comments == [r[15] for r in reports]
    steps = [m for m in MILESTONES if m[0] == "P-1"]
    assert list(milestones[translate(language, "column.milestone")]) == [m[2] for m in steps]
    delays = [(date.fromisoformat(m[4]) - date.fromisoformat(m[3])).days if m[4] else -1 for m in steps]
    assert list(milestones[translate(language, "column.delay")].fillna(-1)) == delays


def test_hostile_query_strings_fall_back_to_the_defaults(warehouse: Path) -> None:
    """It ignores an injection attempt, an unknown site and an unknown project: every
    project is listed and the first one is shown, without an error."""
    app = run_page("en", programme=HOSTILE, scope="site:Atlantis", project=HOSTILE, aim=HOSTILE)
    assert not app.error
    assert len(status_table(app)) == len(latest_reports())
    first = table_order(latest_reports())[0]
    assert app.selectbox(key="portfolio_project").value == first
    assert app.query_params["programme"] == "all" and app.query_params["scope"] == "all"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_charts_show_timeline_rag_budget_and_milestones(warehouse: Path, language: str) -> None:
    """It draws the timeline with each late project's slippage, RAG counts per report month,
    budget and spending per programme, and milestones due and reached per month."""
    shown = charts_by_title(run_page(language))

    def title(key: str) -> str:
        return translate(language, key)

    timeline = shown[title("chart.timeline.title")]
    late = {t["name"]: t for t in timeline["data"]}[title("chart.timeline.slippage")]
    active = {p: r for p, r in latest_reports().items() if r[7] != "closed"}
    slips = {p: slippage_days(r) for p, r in active.items() if (slippage_days(r) or 0) > 0}
    late_ids = [y.split(" ")[0] for y in values(late["y"])]
    assert late_ids == sorted(slips, key=lambda p: active[p][9])
    assert values(late["x"]) == [slips[p] * charts._DAY_MS for p in late_ids]
    assert timeline["layout"]["yaxis"]["title"]["text"] == title("chart.timeline.y")

    rag = shown[title("chart.rag.title")]
    counts = {t["name"]: values(t["y"]) for t in rag["data"]}
    june = [r for r in latest_reports().values() if r[0].startswith("2025-06") and r[7] != "closed"]
    assert counts[title("status.red")][-1] == sum(1 for r in june if r[8] == "red")
    assert counts[title("status.amber")][-1] == sum(1 for r in june if r[8] == "amber")
    assert counts[title("status.green")][-1] == sum(1 for r in june if r[8] == "green")

    budget = shown[title("chart.budget.title")]
    bars = {t["name"]: dict(zip(values(t["y"]), values(t["x"]), strict=True)) for t in budget["data"]}
    for programme in (CIS, MEDS, NET):
        rows = [r for r in latest_reports(programme).values()]
        assert bars[title("chart.budget.budget")][programme] == pytest.approx(sum(r[12] for r in rows) / 1e6)
        assert bars[title("chart.budget.spent")][programme] == pytest.approx(sum(r[13] for r in rows) / 1e6)
    assert budget["layout"]["xaxis"]["title"]["text"] == title("chart.budget.x")

    milestones = shown[title("chart.milestones.title")]
    series = {
        t["name"]: {str(x)[:10]: y for x, y in zip(values(t["x"]), values(t["y"]), strict=True)}
        for t in milestones["data"]
    }
    for month in ("2025-04", "2025-05", "2025-06"):
        x = f"{month}-01"
        assert series[title("chart.milestones.planned")][x] == sum(
            1 for m in MILESTONES if m[3].startswith(month)
        )
        assert series[title("chart.milestones.reached")][x] == sum(
            1 for m in MILESTONES if m[4].startswith(month)
        )


# --- The chart builders, as plain functions -------------------------------------------------


def text(title: str) -> charts.ChartText:
    """The words of a test chart."""
    return charts.ChartText(title, "Date", "Project", ".,", lambda d: d.strftime("%Y-%m"))


def test_timeline_chart_draws_plans_in_rag_colours_and_slippage_hatched() -> None:
    """It draws one bar per project from start to planned end in its status colour, a
    hatched red bar from planned to forecast end for late ones, and the report date."""
    projects = pd.DataFrame(
        {
            "label": ["A", "B", "C"],
            "status": ["green", "red", "amber"],
            "start_date": [date(2025, 1, 1), None, date(2025, 3, 1)],
            "planned_end": [date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31)],
            "forecast_end": [date(2025, 8, 29), None, date(2025, 11, 30)],
            "hover": ["a", "b", "c"],
        }
    )
    labels = {"green": "G", "amber": "A", "red": "R", "slippage": "Late", "as_of": "Report"}
    figure = charts.timeline_chart(projects, text("Timeline"), labels, date(2025, 6, 30))
    traces = {trace.name: trace for trace in figure.data}
    assert list(traces) == ["G", "A", "R", "Late"]
    assert traces["G"].base == ("2025-01-01",)
    assert traces["G"].x == ((date(2025, 6, 30) - date(2025, 1, 1)).days * charts._DAY_MS,)
    assert traces["G"].marker.color == charts.RAG_COLOURS["green"]
    assert traces["R"].x == (0,)  # no start date: a mark at the planned end
    assert traces["Late"].y == ("A",)  # C's forecast is early: no slippage bar
    assert traces["Late"].x == (60 * charts._DAY_MS,)
    assert traces["Late"].marker.pattern.shape == "/"
    assert figure.layout.title.text == "Timeline"
    assert (figure.layout.xaxis.title.text, figure.layout.yaxis.title.text) == ("Date", "Project")
    assert [a.text for a in figure.layout.annotations] == ["Report"]
    assert figure.layout.shapes[0].line.dash == "dot"


def test_budget_chart_pairs_budget_and_spending_in_millions() -> None:
    """It draws budget and spending per programme in millions of CHF, the largest on top."""
    budget = pd.DataFrame(
        {
            "programme": ["X", "Y"],
            "budget_chf": [2_500_000.0, 1_000_000.0],
            "spent_chf": [1_000_000.0, 1_200_000.0],
        }
    )
    figure = charts.budget_chart(budget, text("Budget"), "Planned", "Spent")
    assert [t.name for t in figure.data] == ["Planned", "Spent"]
    assert list(figure.data[0].x) == [2.5, 1.0] and list(figure.data[1].x) == [1.0, 1.2]
    assert figure.layout.yaxis.autorange == "reversed"
    assert figure.layout.title.text == "Budget"


def test_milestones_chart_pairs_due_and_reached_per_month() -> None:
    """It draws milestones due and reached as paired bars per month, counts on the y axis."""
    monthly = pd.DataFrame(
        {"month": pd.to_datetime(["2025-05-01", "2025-06-01"]), "planned": [2, 1], "reached": [1, 3]}
    )
    figure = charts.milestones_chart(monthly, text("Milestones"), "Due", "Reached")
    assert [(t.name, list(t.y)) for t in figure.data] == [("Due", [2, 1]), ("Reached", [1, 3])]
    assert figure.layout.barmode == "group"
    assert list(figure.layout.xaxis.ticktext) == ["2025-05", "2025-06"]
