"""The Team page: the hiring pipeline at the period's end, positions filled against the plan,
time to fill by role and FTE by team, in French, German and English, with the filters.

One tiny warehouse per module is loaded through the ETL from a hand-made staffing export
(and a little usage, which gives the sidebar its months and sites); expected figures are
worked out here from those rows, formatted with Babel.
"""

from __future__ import annotations

import base64
import json
import statistics
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import streamlit as st
from analyst_support import write_csv
from babel.dates import format_skeleton
from babel.numbers import format_decimal
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.testing.v1 import AppTest

from app import charts, i18n
from app.i18n import LANGUAGES, translate
from etl.load import load_files
from etl.settings import REPO_ROOT

APP = str(REPO_ROOT / "dashboard.py")
PAGE = "pages/team.py"
LOCALES = {"fr": "fr_CH", "de": "de_CH", "en": "en_GB"}
FTE_UNIT = {"fr": "EPT", "de": "VZÄ", "en": "FTE"}
HOSTILE = "'; drop table projects; --"
CIS, MEDS, NET, PORTAL = (
    "Clinical information system",
    "Medication safety",
    "Infrastructure & security",
    "Patient portal & EPD",
)
REGIONS = {"Sion": "fr", "Brig": "de", "Visp": "de"}
END = date(2025, 6, 30)  # the default period's end: the last month with usage
MONTHS = [date(2025, month, 1) for month in range(1, 7)]

POSITIONS = [
    # id, role, team, site, programme, fte, status, opened, filled
    ("A", "software developer", "Dev", "Sion", CIS, 1.0, "filled", "2024-10-01", "2025-01-15"),
    ("B", "software developer", "Dev", "Brig", CIS, 0.8, "filled", "2025-01-10", "2025-04-30"),
    ("C", "network engineer", "Infra", "Brig", NET, 1.0, "filled", "2025-02-01", "2025-08-01"),
    ("D", "UX designer", "", "Sion", PORTAL, 0.5, "interviewing", "2025-03-01", ""),
    ("E", "application owner", "Apps", "Visp", MEDS, 1.0, "offer", "2025-04-15", ""),
    ("F", "application owner", "Apps", "Sion", MEDS, 0.9, "open", "2025-06-10", ""),
    ("G", "security & system administrator", "Security", "Sion", NET, 1.0, "cancelled", "2025-02-01", ""),
    ("H", "software developer", "Dev", "Sion", CIS, 1.0, "filled", "2025-03-01", "2025-05-20"),
    ("I", "IT programme manager", "PMO", "Sion", CIS, 1.0, "open", "2025-08-01", ""),
]

USAGE = [
    (month.isoformat(), site, "", "EHR", "nursing_notes_digital", 100) for month in MONTHS for site in REGIONS
]
# One project report per programme: the sidebar offers the programmes of the portfolio.
PROJECTS = [
    ("2025-06-30", f"P-{index}", f"Project {index}", programme, "build", "green", "2026-06-30", 50)
    for index, programme in enumerate((CIS, MEDS, NET, PORTAL), start=1)
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


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One warehouse for the module, loaded through the ETL, in its own data folder."""
    root = tmp_path_factory.mktemp("team")
    data, exports = root / "data", root / "exports"
    data.mkdir()
    exports.mkdir()
    position_header = [
        "position_id",
        "role",
        "team",
        "site",
        "programme",
        "fte",
        "status",
        "opened_date",
        "filled_date",
    ]
    project_header = [
        "report_date",
        "project_id",
        "project_name",
        "programme",
        "phase",
        "status",
        "planned_end",
        "percent_complete",
    ]
    files = [
        write_csv(exports / "projects.csv", project_header, PROJECTS),
        write_csv(exports / "positions.csv", position_header, POSITIONS),
        write_csv(exports / "usage.csv", ["date", "site", "department", "system", "metric", "value"], USAGE),
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


def opened(p: tuple[Any, ...]) -> date:
    """The day a position opened."""
    return date.fromisoformat(p[7])


def filled_on(p: tuple[Any, ...]) -> date | None:
    """The day a position was filled, if it was."""
    return date.fromisoformat(p[8]) if p[6] == "filled" else None


def planned(
    end: date, sites: tuple[str, ...] = tuple(REGIONS), programme: str | None = None
) -> list[tuple[Any, ...]]:
    """Positions of the plan opened by `end`, not cancelled, in the filters."""
    return [
        p
        for p in POSITIONS
        if p[6] != "cancelled" and opened(p) <= end and p[3] in sites and programme in (None, p[4])
    ]


def stage(p: tuple[Any, ...], end: date) -> str:
    """Where a position stood at `end`: filled by then, else its current stage."""
    day = filled_on(p)
    if day is not None:
        return "filled" if day <= end else "earlier_stage"
    return str(p[6])


def month_end(month: date) -> date:
    """The last day of a month."""
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def number(value: float, language: str, decimals: int = 0) -> str:
    """A number as the locale writes it."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALES[language])


def fte(value: float, language: str) -> str:
    """Full-time equivalents as the page writes them."""
    return f"{number(value, language, 1)} {FTE_UNIT[language]}"


def values(array: Any) -> list[Any]:
    """A Plotly JSON array as a list, decoding Plotly's base64 typed arrays."""
    if isinstance(array, dict) and "bdata" in array:
        raw = np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"]))
        shape = [int(n) for n in str(array.get("shape", len(raw))).split(",")]
        return raw.reshape(shape).tolist()
    return list(array)


def run_page(language: str, **params: str) -> AppTest:
    """The Team page, opened with these URL parameters, without exceptions."""
    _TEST_THREAD_LANGUAGE["value"] = language
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["lang"] = language
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def pipeline(app: AppTest, language: str) -> dict[str, str]:
    """The stage metrics shown: stage -> value."""
    labels = {
        translate(language, f"stage.{s}"): s
        for s in ("open", "interviewing", "offer", "filled", "earlier_stage")
    }
    return {labels[m.label]: m.value for m in app.metric if m.label in labels}


def charts_by_title(app: AppTest) -> dict[str, dict[str, Any]]:
    """Every Plotly chart's spec, by its title."""
    specs = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    return {spec["layout"]["title"]["text"]: spec for spec in specs}


# --- The page ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pipeline_counts_positions_by_stage_at_the_period_end(warehouse: Path, language: str) -> None:
    """It counts, at 30 June 2025, positions filled by then and the current stage of the
    others; one filled later shows apart, and one opened later not at all."""
    app = run_page(language)
    rows = planned(END)
    expected = {s: 0 for s in ("open", "interviewing", "offer", "filled", "earlier_stage")}
    for p in rows:
        expected[stage(p, END)] += 1
    assert expected == {"open": 1, "interviewing": 1, "offer": 1, "filled": 3, "earlier_stage": 1}
    assert pipeline(app, language) == {s: number(n, language) for s, n in expected.items()}
    filled = [p for p in rows if stage(p, END) == "filled"]
    caption = translate(
        language,
        "team.planned",
        count=number(len(rows), language),
        fte=fte(sum(p[5] for p in rows), language),
        filled=fte(sum(p[5] for p in filled), language),
    )
    captions = [c.value for c in app.caption]
    assert caption in captions
    month = format_skeleton("yMMMM", END, locale=LOCALES[language])
    assert (
        translate(
            language,
            "team.as_of",
            month=month,
            scope=translate(language, "filters.all_sites"),
            programme=translate(language, "filters.all_programmes"),
        )
        in captions
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_charts_show_the_plan_time_to_fill_and_fte_by_team(warehouse: Path, language: str) -> None:
    """It draws planned and filled positions at each month end, the median days to fill
    per role with its range, and FTE filled and vacant per team, titled in the language."""
    shown = charts_by_title(run_page(language))

    def title(key: str) -> str:
        return translate(language, key)

    plan = {t["name"]: values(t["y"]) for t in shown[title("chart.staffing.title")]["data"]}
    assert plan[title("chart.staffing.planned")] == [len(planned(month_end(m))) for m in MONTHS]
    assert plan[title("chart.staffing.filled")] == [
        sum(1 for p in planned(month_end(m)) if stage(p, month_end(m)) == "filled") for m in MONTHS
    ]

    fill = shown[title("chart.fill.title")]["data"][0]
    days: dict[str, list[int]] = {}
    for p in planned(END):
        if stage(p, END) == "filled":
            days.setdefault(p[1], []).append((filled_on(p) - opened(p)).days)  # type: ignore[operator]
    assert dict(zip(values(fill["y"]), values(fill["x"]), strict=True)) == {
        role: statistics.median(d) for role, d in days.items()
    }
    spans = {role: [min(d), max(d), len(d)] for role, d in days.items()}
    assert values(fill["customdata"]) == [spans[r] for r in values(fill["y"])]
    layout = shown[title("chart.fill.title")]["layout"]
    assert (layout["xaxis"]["title"]["text"], layout["yaxis"]["title"]["text"]) == (
        title("chart.fill.x"),
        title("chart.fill.y"),
    )

    teams = {t["name"]: t for t in shown[title("chart.fte.title")]["data"]}
    filled_bars = teams[title("chart.fte.filled")]
    vacant_bars = teams[title("chart.fte.vacant")]
    by_team: dict[str, list[float]] = {}
    for p in planned(END):
        name = p[2] or translate(language, "team.no_team")
        totals = by_team.setdefault(name, [0.0, 0.0])
        totals[0] += p[5]
        totals[1] += p[5] if stage(p, END) == "filled" else 0.0
    got = {
        team: (round(filled, 6), round(vacant, 6))
        for team, filled, vacant in zip(
            values(filled_bars["y"]), values(filled_bars["x"]), values(vacant_bars["x"]), strict=True
        )
    }
    assert got == {t: (round(f, 6), round(p - f, 6)) for t, (p, f) in by_team.items()}


def test_choosing_a_programme_in_the_sidebar_shrinks_the_figures(warehouse: Path) -> None:
    """It counts only the Clinical information system's positions once it is picked."""
    app = run_page("de")
    app.selectbox(key="filter_programme").select(CIS).run()
    assert not app.exception
    rows = planned(END, programme=CIS)
    filled = sum(1 for p in rows if stage(p, END) == "filled")
    assert pipeline(app, "de")["filled"] == number(filled, "de")
    assert sum(int(v) for v in pipeline(app, "de").values()) == len(rows)
    assert app.query_params["programme"] == CIS


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_url_with_a_region_and_period_reopens_the_same_view(warehouse: Path, language: str) -> None:
    """It reads the region and the period from the URL: the Oberwallis' positions at the
    end of March 2025."""
    app = run_page(language, scope="region:de", **{"from": "2025-01", "to": "2025-03"})
    march = date(2025, 3, 31)
    rows = planned(march, sites=("Brig", "Visp"))
    expected = {s: 0 for s in ("open", "interviewing", "offer", "filled", "earlier_stage")}
    for p in rows:
        expected[stage(p, march)] += 1
    shown = pipeline(app, language)
    assert shown == {s: number(n, language) for s, n in expected.items() if n or s != "earlier_stage"}
    assert (app.query_params["scope"], app.query_params["to"]) == ("region:de", "2025-03")


def test_hostile_query_strings_fall_back_to_the_defaults(warehouse: Path) -> None:
    """It ignores an injection attempt and an unknown site: the whole plan, no error."""
    app = run_page("en", scope=HOSTILE, programme="site:Atlantis", to=HOSTILE, aim=HOSTILE)
    assert not app.error
    assert sum(int(v) for v in pipeline(app, "en").values()) == len(planned(END))
    assert app.query_params["scope"] == "all" and app.query_params["programme"] == "all"


def test_a_filter_with_no_position_says_so(warehouse: Path) -> None:
    """It shows the friendly sentence, not an empty chart, when nothing matches."""
    app = run_page("fr", scope="site:Visp", programme=CIS)
    assert [i.value for i in app.info] == [translate("fr", "filters.empty")]
    assert not app.get("plotly_chart")


def test_the_aim_filter_is_said_not_to_apply(warehouse: Path) -> None:
    """It names the aim filter in a caption: positions have no aim."""
    app = run_page("de", aim="patient_access")
    ignored = translate("de", "filters.ignored", filters=translate("de", "filters.aim"))
    assert ignored in [c.value for c in app.caption]
    assert sum(int(v) for v in pipeline(app, "de").values()) == len(planned(END))


# --- The chart builders, as plain functions -------------------------------------------------


def text(title: str) -> charts.ChartText:
    """The words of a test chart."""
    return charts.ChartText(title, "Days", "Role", ".,", lambda d: d.strftime("%Y-%m"))


def test_time_to_fill_chart_draws_medians_with_their_range() -> None:
    """It draws one bar per role at the median, error bars to the fastest and slowest hire."""
    roles = pd.DataFrame(
        {
            "role": ["slow", "fast"],
            "positions": [3, 1],
            "median_days": [120.0, 60.0],
            "min_days": [90, 60],
            "max_days": [200, 60],
        }
    )
    figure = charts.time_to_fill_chart(roles, text("Time to fill"), "%{y}: %{x} days")
    bar = figure.data[0]
    assert list(bar.y) == ["slow", "fast"] and list(bar.x) == [120.0, 60.0]
    assert list(bar.error_x.array) == [80.0, 0.0] and list(bar.error_x.arrayminus) == [30.0, 0.0]
    assert bar.hovertemplate == "%{y}: %{x} days<extra></extra>"
    assert figure.layout.title.text == "Time to fill"
    assert (figure.layout.xaxis.title.text, figure.layout.yaxis.title.text) == ("Days", "Role")


def test_fte_by_team_chart_stacks_filled_and_vacant() -> None:
    """It stacks the FTE filled and still vacant per team, so the bar is the plan."""
    teams = pd.DataFrame({"team": ["Dev", "Apps"], "fte_planned": [2.8, 1.9], "fte_filled": [2.0, 0.0]})
    figure = charts.fte_by_team_chart(teams, text("FTE"), "Filled", "Vacant")
    assert [t.name for t in figure.data] == ["Filled", "Vacant"]
    assert list(figure.data[0].x) == [2.0, 0.0]
    assert list(figure.data[1].x) == pytest.approx([0.8, 1.9])
    assert figure.layout.barmode == "stack"


def test_whole_counts_ticks_small_count_axes_at_whole_numbers() -> None:
    """It ticks every position when there are few, and leaves larger axes to Plotly."""
    small = pd.DataFrame(
        {"month": pd.to_datetime(["2025-05-01", "2025-06-01"]), "planned": [1, 2], "filled": [0, 1]}
    )
    figure = charts.whole_counts(charts.staffing_chart(small, text("Plan"), "Planned", "Filled"))
    assert (figure.layout.yaxis.tick0, figure.layout.yaxis.dtick) == (0, 1)
    large = small.assign(planned=[10, 40])
    figure = charts.whole_counts(charts.staffing_chart(large, text("Plan"), "Planned", "Filled"))
    assert figure.layout.yaxis.dtick is None
