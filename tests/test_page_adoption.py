"""The Digital adoption page shows the right shares, targets and go-lives, in three languages.

One tiny warehouse per module is loaded through the ETL from hand-made exports (three
monthly usage exports at two sites, a few projects with their milestones), with its own
catalogue, sites and targets, in a temporary data folder. The expected figures are
worked out here from those rows, independently of the marts and queries, and formatted
with Babel directly. The chart builders are tested as plain functions at the end.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pytest
import streamlit as st
from analyst_support import write_csv
from babel.dates import format_date, format_skeleton
from babel.numbers import format_percent
from streamlit.testing.v1 import AppTest

from app import charts
from app.i18n import LANGUAGES, translate
from etl.load import load_files
from etl.settings import REPO_ROOT

APP = str(REPO_ROOT / "dashboard.py")
PAGE = "pages/adoption.py"
LOCALES = {"fr": "fr_CH", "de": "de_CH", "en": "en_GB"}
MONTHS = [date(2025, 4, 1), date(2025, 5, 1), date(2025, 6, 1)]
REGION = {"Sion": "fr", "Sierre": "fr", "Brig": "de"}
EVERYWHERE = ("Sion", "Sierre", "Brig")

CATALOGUE = [
    # metric, system, aim, unit, aggregation, label_en, label_fr, label_de, paper_metric
    ("nursing_notes_digital", "EHR", "time_for_patients", "notes", "sum", "Nursing notes e",
     "Notes de soins e", "Pflegeberichte e", "nursing_notes_paper"),
    ("nursing_notes_paper", "EHR", "time_for_patients", "notes", "sum", "Nursing notes p",
     "Notes de soins p", "Pflegeberichte p", ""),
    ("orders_cpoe", "CPOE", "prevent_errors", "orders", "sum", "CPOE orders", "Demandes CPOE",
     "CPOE-Aufträge", "orders_paper"),
    ("orders_paper", "CPOE", "prevent_errors", "orders", "sum", "Paper orders", "Demandes papier",
     "Papieraufträge", ""),
    ("med_admin_scanned", "closed-loop medication", "prevent_errors", "administrations", "sum",
     "Scanned doses", "Doses scannées", "Gescannte Gaben", "med_admin_unscanned"),
    ("med_admin_unscanned", "closed-loop medication", "prevent_errors", "administrations", "sum",
     "Unscanned doses", "Doses non scannées", "Ungescannte Gaben", ""),
    ("ehr_active_users", "EHR", "simplify_processes", "users", "mean", "Active users",
     "Utilisateurs actifs", "Aktive Nutzende", ""),
    ("portal_active_patients", "patient portal", "patient_access", "patients", "last",
     "Portal accounts", "Comptes portail", "Portalkonten", ""),
]  # fmt: skip


def usage_rows(i: int, month: date) -> list[tuple[object, ...]]:
    """A month of usage: (date, site, department, system, metric, value); i counts months."""
    day = month.isoformat()
    rows = [
        ("Sion", "Médecine", "nursing_notes_digital", 600 + 100 * i),
        ("Sion", "Médecine", "nursing_notes_paper", 400 - 100 * i),
        ("Sion", "Chirurgie", "nursing_notes_digital", 300),
        ("Sion", "Chirurgie", "nursing_notes_paper", 100),
        ("Sion", "Chirurgie", "orders_cpoe", 500 + 50 * i),
        ("Sion", "Chirurgie", "orders_paper", 500 - 50 * i),
        ("Brig", "Innere Medizin", "nursing_notes_digital", 100 + 50 * i),
        ("Brig", "Innere Medizin", "nursing_notes_paper", 300),
        ("Brig", "Innere Medizin", "orders_cpoe", 50),
        ("Brig", "Innere Medizin", "orders_paper", 150),
        ("Brig", "Innere Medizin", "med_admin_unscanned", 400),
        ("Sion", "", "med_admin_scanned", 800),
        ("Sion", "", "med_admin_unscanned", 200),
        ("Sion", "Médecine", "ehr_active_users", 40 + i),
        ("Brig", "Innere Medizin", "ehr_active_users", 10),
        ("Sion", "", "portal_active_patients", 100 * (i + 1)),
    ]
    systems = {row[0]: row[1] for row in CATALOGUE}
    return [(day, site, dept, systems[metric], metric, value) for site, dept, metric, value in rows]


USAGE = [row for i, month in enumerate(MONTHS) for row in usage_rows(i, month)] + [
    ("2025-04-01", "Sierre", "Gériatrie", "EHR", "nursing_notes_digital", 90),  # April only
    ("2025-04-01", "Sierre", "Gériatrie", "EHR", "nursing_notes_paper", 10),
]

PROJECTS = [
    # project_id, name, programme, aim, site
    ("P-1", "Dossier de soins CHVR", "Clinical information system", "time_for_patients", "Sion"),
    ("P-2", "Pflegedokumentation SZO", "Clinical information system", "time_for_patients", "Brig"),
    ("P-3", "CPOE rollout", "Medication safety", "prevent_errors", "all"),
]

MILESTONES = [
    # project_id, milestone_id, milestone, planned_date, actual_date
    ("P-1", "M1", "Paramétrage validé", "2025-04-01", "2025-04-01"),
    ("P-1", "M2", "Mise en production Sion", "2025-05-06", "2025-05-06"),
    ("P-1", "M3", "Mise en production Sierre", "2024-01-09", "2024-01-09"),
    ("P-2", "M1", "Inbetriebnahme Brig", "2025-06-03", "2025-06-03"),
    ("P-3", "M1", "Go-live CPOE Sion", "2025-04-08", "2025-04-08"),
    ("P-3", "M2", "Go-live CPOE Brig", "2025-09-02", ""),
    ("P-3", "M3", "Einführung Pilot (Sion und Brig)", "2025-01-07", "2025-01-07"),
    ("P-3", "M4", "Go live review", "2025-02-04", "2025-02-04"),
]

TARGETS = [
    # kpi, scope, target, due_date
    ("nursing_notes_digital", "all", 0.9, "2026-12-31"),
    ("nursing_notes_digital", "Brig", 0.6, "2026-06-30"),
    ("orders_cpoe", "de", 0.7, "2026-12-31"),
    ("orders_cpoe", "all", 0.8, "2027-12-31"),
    ("med_admin_scanned", "all", 0.5, "2025-03-31"),
    ("med_admin_scanned", "all", 0.95, "2028-12-31"),
]


def write_reference(data: Path) -> None:
    """The data folder's own catalogue, sites and targets."""
    catalogue_header = [
        "metric", "system", "aim", "unit", "aggregation", "label_en", "label_fr", "label_de",
        "paper_metric", "minutes_saved_low", "minutes_saved_base", "minutes_saved_high", "source",
    ]  # fmt: skip
    write_csv(data / "metrics.csv", catalogue_header, [(*row, 0, 0, 0, "") for row in CATALOGUE])
    write_csv(data / "sites.csv", ["site", "region", "centre"], [(s, r, r) for s, r in REGION.items()])
    write_csv(
        data / "targets.csv",
        ["kpi", "scope", "target", "due_date", "direction", "note"],
        [(*row, "at_least", "test") for row in TARGETS],
    )


def write_exports(folder: Path) -> list[Path]:
    """The usage, projects and milestones exports."""
    folder.mkdir()
    projects = [
        ("2025-06-30", pid, name, programme, aim, site, "rollout", "green", "2025-12-31", "50")
        for pid, name, programme, aim, site in PROJECTS
    ]
    project_header = [
        "report_date", "project_id", "project_name", "programme", "aim", "site", "phase",
        "status", "planned_end", "percent_complete",
    ]  # fmt: skip
    return [
        write_csv(folder / "usage.csv", ["date", "site", "department", "system", "metric", "value"], USAGE),
        write_csv(folder / "projects.csv", project_header, projects),
        write_csv(
            folder / "milestones.csv",
            ["project_id", "milestone_id", "milestone", "planned_date", "actual_date"],
            MILESTONES,
        ),
    ]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One warehouse for the module, loaded through the ETL, in its own data folder."""
    root = tmp_path_factory.mktemp("adoption")
    data = root / "data"
    data.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_DATA_DIR", str(data))
        write_reference(data)
        results = load_files(write_exports(root / "exports"), loaded_by="test")
        assert [r.status for r in results] == ["loaded"] * 3, [r.report("en") for r in results]
        st.cache_data.clear()
        st.cache_resource.clear()
        yield data
    st.cache_data.clear()
    st.cache_resource.clear()


# --- Expected figures, from the rows above -------------------------------------------------


def volume(metric: str, month: date, sites: tuple[str, ...], department: str | None = None) -> float:
    """A metric's volume in a month over sites (and one department, if given)."""
    return sum(
        v
        for d, s, dept, _, m, v in USAGE
        if m == metric and d == month.isoformat() and s in sites and department in (None, dept)
    )


def share(metric: str, month: date, sites: tuple[str, ...], department: str | None = None) -> float:
    """Digital / (digital + paper), both summed over the sites first."""
    paper = {row[0]: row[8] for row in CATALOGUE}[metric]
    digital = volume(metric, month, sites, department)
    return digital / (digital + volume(paper, month, sites, department))


def label(metric: str, language: str) -> str:
    """A process's catalogue label in the language."""
    column = {"en": 5, "fr": 6, "de": 7}[language]
    return str(next(row[column] for row in CATALOGUE if row[0] == metric))


def month_name(month: date, language: str) -> str:
    """`juin 2025`, `Juni 2025`, `June 2025`."""
    return format_skeleton("yMMMM", month, locale=LOCALES[language])


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
    """The adoption page, opened in a language with these URL parameters, without errors.

    The app first runs in French, then switches page and language: AppTest formats the
    sidebar's options for its widget states outside the app's session, so in French.
    Later sidebar choices in a test are therefore made on a French page.
    """
    app = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    app.session_state["language"] = language
    app.query_params["lang"] = language
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def figures(app: AppTest) -> list[dict[str, Any]]:
    """Every Plotly figure shown, as its JSON."""
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def figure_titled(app: AppTest, title: str) -> dict[str, Any]:
    """The one figure with this title."""
    found = [f for f in figures(app) if f["layout"]["title"]["text"] == title]
    assert len(found) == 1, [f["layout"]["title"]["text"] for f in figures(app)]
    return found[0]


def trend_title(aim: str, language: str) -> str:
    """The title of an aim's share chart."""
    return translate(language, "chart.adoption.title", aim=translate(language, f"aim.{aim}"))


def line(figure: dict[str, Any], name: str) -> list[float]:
    """The y values of the trace with this name."""
    return plain(next(trace["y"] for trace in figure["data"] if trace["name"] == name))


def goal_lines(figure: dict[str, Any]) -> list[float]:
    """The y of every dashed horizontal line."""
    return sorted(s["y0"] for s in figure["layout"].get("shapes", []) if s["line"].get("dash") == "dash")


def go_live_months(figure: dict[str, Any], language: str) -> list[str]:
    """The months (YYYY-MM) marked as go-lives."""
    name = translate(language, "chart.adoption.go_lives")
    marks = [trace for trace in figure["data"] if trace["name"] == name]
    return [str(x)[:7] for trace in marks for x in trace["x"]]


# --- The page ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_shows_each_process_share_per_month_summed_over_sites(warehouse: Path, language: str) -> None:
    """It draws one line per process, share = Σdigital / Σ(digital + paper) over every site."""
    app = open_page(language)
    assert app.title[0].value == translate(language, "adoption.title")
    both = EVERYWHERE
    notes = figure_titled(app, trend_title("time_for_patients", language))
    expected = [share("nursing_notes_digital", m, both) for m in MONTHS]
    assert line(notes, label("nursing_notes_digital", language)) == pytest.approx(expected)
    errors = figure_titled(app, trend_title("prevent_errors", language))
    for metric in ("orders_cpoe", "med_admin_scanned"):
        expected = [share(metric, m, both) for m in MONTHS]
        assert line(errors, label(metric, language)) == pytest.approx(expected)
    assert notes["layout"]["yaxis"]["title"]["text"] == translate(language, "chart.share.y")
    assert notes["layout"]["xaxis"]["title"]["text"] == translate(language, "chart.month")
    scope = translate(
        language,
        "scope.caption",
        scope=translate(language, "filters.all_sites"),
        start=month_name(MONTHS[0], language),
        end=month_name(MONTHS[-1], language),
    )
    assert scope in [c.value for c in app.caption]


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_draws_the_targets_and_marks_the_go_lives(warehouse: Path, language: str) -> None:
    """It draws each process's hospital target as a goal line and marks the go-lives reached
    in the period on the time axis of their aim's chart, listing them in words."""
    app = open_page(language)
    notes = figure_titled(app, trend_title("time_for_patients", language))
    assert goal_lines(notes) == [0.9]
    assert go_live_months(notes, language) == ["2025-05", "2025-06"]
    errors = figure_titled(app, trend_title("prevent_errors", language))
    assert goal_lines(errors) == [0.8, 0.95]  # the next target due, not the past one
    assert go_live_months(errors, language) == ["2025-04"]
    annotations = [a["text"] for a in errors["layout"]["annotations"]]
    goal = translate(
        language,
        "chart.goal",
        value=format_percent(0.8, locale=LOCALES[language]),
        due=format_skeleton("yMMM", date(2027, 12, 31), locale=LOCALES[language]),
    )
    assert goal.replace("\u202f", "\u00a0") in annotations
    listed = app.expander[0]
    assert listed.label == translate(language, "adoption.go_lives.expander", count="3")
    day = format_date(date(2025, 5, 6), "medium", locale=LOCALES[language])
    item = translate(
        language,
        "adoption.go_lives.item",
        date=day,
        milestone="Mise en production Sion",
        project="Dossier de soins CHVR",
    )
    assert item in listed.markdown[0].value


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_shows_heatmaps_by_site_and_department_for_the_last_month(warehouse: Path, language: str) -> None:
    """It fills a site-by-process and a department-by-process heatmap for June 2025."""
    app = open_page(language)
    june = MONTHS[-1]
    by_site = figure_titled(app, translate(language, "chart.heatmap.site.title"))["data"][0]
    by_site["z"] = plain(by_site["z"])
    assert by_site["y"] == ["Brig", "Sion"]
    columns = [x.replace("<br>", " ") for x in by_site["x"]]
    for row, site in enumerate(by_site["y"]):
        for column, name in enumerate(columns):
            metric = next(
                m
                for m in ("nursing_notes_digital", "orders_cpoe", "med_admin_scanned")
                if label(m, language) == name
            )
            assert by_site["z"][row][column] == pytest.approx(share(metric, june, (site,)))
    by_department = figure_titled(app, translate(language, "chart.heatmap.department.title"))
    places = by_department["data"][0]["y"]
    whole = f"Sion · {translate(language, 'adoption.whole_site')}"
    assert places == sorted(["Brig · Innere Medizin", "Sion · Chirurgie", "Sion · Médecine", whole])
    grid = pd.DataFrame(
        plain(by_department["data"][0]["z"]),
        index=places,
        columns=[x.replace("<br>", " ") for x in by_department["data"][0]["x"]],
    )
    notes = label("nursing_notes_digital", language)
    assert grid.loc["Sion · Médecine", notes] == pytest.approx(
        share("nursing_notes_digital", june, ("Sion",), "Médecine")
    )
    assert pd.isna(grid.loc["Sion · Médecine", label("orders_cpoe", language)])  # no orders there
    assert grid.loc[whole, label("med_admin_scanned", language)] == pytest.approx(0.8)
    caption = translate(language, "adoption.places.caption", month=month_name(june, language))
    assert caption in [c.value for c in app.caption]


def test_it_shows_active_users_and_volumes_per_system(warehouse: Path) -> None:
    """It sums the departments' daily active users and each system's digital volume."""
    app = open_page("en")
    users = figure_titled(app, translate("en", "chart.users.title"))
    both = EVERYWHERE
    assert line(users, "Active users") == pytest.approx([volume("ehr_active_users", m, both) for m in MONTHS])
    assert line(users, "Portal accounts") == [100, 200, 300]
    volumes = figure_titled(app, translate("en", "chart.volumes.title"))
    assert {trace["name"] for trace in volumes["data"]} == {
        "Nursing notes e", "CPOE orders", "Scanned doses",
    }  # fmt: skip
    assert line(volumes, "CPOE orders") == [volume("orders_cpoe", m, both) for m in MONTHS]
    assert volumes["layout"]["yaxis"]["title"]["text"] == translate("en", "chart.volumes.y")


def test_choosing_a_site_in_the_sidebar_shows_that_sites_figures(warehouse: Path) -> None:
    """It recomputes the shares, targets and go-lives for Brig once Brig is chosen."""
    app = open_page("fr")
    app.selectbox(key="filter_scope").select("site:Brig").run()
    assert not app.exception
    notes = figure_titled(app, trend_title("time_for_patients", "fr"))
    expected = [share("nursing_notes_digital", m, ("Brig",)) for m in MONTHS]
    assert line(notes, label("nursing_notes_digital", "fr")) == pytest.approx(expected)
    assert goal_lines(notes) == [0.6]  # Brig's own target wins over the hospital's
    assert go_live_months(notes, "fr") == ["2025-06"]  # Sion's go-live is not Brig's
    errors = figure_titled(app, trend_title("prevent_errors", "fr"))
    assert goal_lines(errors) == [0.7, 0.95]  # the German-speaking region's CPOE target
    assert go_live_months(errors, "fr") == []
    titles = [f["layout"]["title"]["text"] for f in figures(app)]
    assert translate("fr", "chart.heatmap.site.title") not in titles  # one site: no site map
    scope = translate(
        "fr",
        "scope.caption",
        scope="Brig",
        start=month_name(MONTHS[0], "fr"),
        end=month_name(MONTHS[-1], "fr"),
    )
    assert scope in [c.value for c in app.caption]


def test_the_programme_filter_keeps_its_own_go_lives(warehouse: Path) -> None:
    """It marks only the go-lives of the programme chosen."""
    app = open_page("en", programme="Medication safety")
    notes = figure_titled(app, trend_title("time_for_patients", "en"))
    assert go_live_months(notes, "en") == []
    errors = figure_titled(app, trend_title("prevent_errors", "en"))
    assert go_live_months(errors, "en") == ["2025-04"]


def test_a_site_whose_data_stops_early_is_mapped_in_its_own_last_month(warehouse: Path) -> None:
    """It shows Sierre's April (its last month with data), in the trend and the heatmap."""
    app = open_page("en", scope="site:Sierre")
    notes = figure_titled(app, trend_title("time_for_patients", "en"))
    assert line(notes, "Nursing notes e") == [0.9]
    by_department = figure_titled(app, translate("en", "chart.heatmap.department.title"))["data"][0]
    assert by_department["y"] == ["Sierre · Gériatrie"] and plain(by_department["z"]) == [[0.9]]
    caption = translate("en", "adoption.places.caption", month="April 2025")
    assert caption in [c.value for c in app.caption]


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_says_so_in_a_sentence_when_the_filters_leave_nothing(warehouse: Path, language: str) -> None:
    """It shows the friendly sentence, and no chart, for an aim with no paper counterpart."""
    app = open_page(language, aim="patient_access")
    assert [i.value for i in app.info] == [translate(language, "filters.empty")]
    assert figures(app) == []


def test_go_lives_are_recognised_in_each_language_with_the_sites_their_names_give(warehouse: Path) -> None:
    """It keeps reached milestones named go-live / mise en production / Inbetriebnahme /
    Einführung, at each site their name mentions, else the project's site, else none."""
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute(
            "select project_id, milestone, site, region, aim from mart_go_lives"
            " where go_live_date >= date '2025-01-01' order by go_live_date, site"
        ).fetchall()
    assert rows == [
        ("P-3", "Einführung Pilot (Sion und Brig)", "Brig", "de", "prevent_errors"),
        ("P-3", "Einführung Pilot (Sion und Brig)", "Sion", "fr", "prevent_errors"),
        ("P-3", "Go live review", None, None, "prevent_errors"),
        ("P-3", "Go-live CPOE Sion", "Sion", "fr", "prevent_errors"),
        ("P-1", "Mise en production Sion", "Sion", "fr", "time_for_patients"),
        ("P-2", "Inbetriebnahme Brig", "Brig", "de", "time_for_patients"),
    ]


# --- The chart builders, as plain functions -------------------------------------------------


def text(title: str = "Share", y: str = "Share (%)") -> charts.ChartText:
    """Chart words for the builder tests."""
    return charts.ChartText(title, "Month", y, ".,", lambda m: f"M{m.month}")


def test_process_share_chart_draws_lines_goals_and_go_live_markers() -> None:
    """It draws a line per process, a dashed goal line in the process's colour, and a ▲ per
    month with go-lives, with a dotted line and every go-live listed in the hover."""
    months = [pd.Timestamp("2025-04-01"), pd.Timestamp("2025-05-01")]
    trend = pd.DataFrame({"month": months * 2, "label": ["A", "A", "B", "B"], "share": [0.1, 0.2, 0.5, 0.6]})
    go_lives = [
        (months[1], "Go-live Sion"), (months[1], "Go-live Brig"), (months[0], "Go-live X"),
    ]  # fmt: skip
    figure = charts.process_share_chart(
        trend, text("Digital share"), {"B": charts.Goal(0.8, "Target 80%")}, go_lives, "Go-lives"
    )
    lines = [t for t in figure.data if t.mode == "lines+markers"]
    assert [(t.name, list(t.y)) for t in lines] == [("A", [0.1, 0.2]), ("B", [0.5, 0.6])]
    assert figure.layout.title.text == "Digital share"
    assert (figure.layout.xaxis.title.text, figure.layout.yaxis.title.text) == ("Month", "Share (%)")
    assert figure.layout.yaxis.tickformat == ".0%"
    goals = [s for s in figure.layout.shapes if s.line.dash == "dash"]
    assert [(s.y0, s.line.color) for s in goals] == [(0.8, lines[1].line.color)]
    marks = next(t for t in figure.data if t.name == "Go-lives")
    assert list(marks.x) == months and marks.marker.symbol == "triangle-up"
    assert marks.customdata[1][1] == "Go-live Sion<br>Go-live Brig"
    dotted = [s for s in figure.layout.shapes if s.line.dash == "dot"]
    assert [pd.Timestamp(s.x0) for s in dotted] == months
    assert [a.text for a in figure.layout.annotations] == ["Target 80%"]


def test_process_share_chart_without_go_lives_has_no_markers() -> None:
    """It adds no marker trace and no dotted line when no go-live falls in the period."""
    trend = pd.DataFrame({"month": [pd.Timestamp("2025-04-01")], "label": ["A"], "share": [0.5]})
    figure = charts.process_share_chart(trend, text(), None, [], "Go-lives")
    assert [t.name for t in figure.data] == ["A"]
    assert not [s for s in figure.layout.shapes if s.line.dash == "dot"]


def test_share_heatmap_writes_each_cell_and_leaves_missing_pairs_empty() -> None:
    """It lays places on rows and processes on columns, with a titled 0-100% colour scale."""
    shares = pd.DataFrame(
        {
            "place": ["Sion", "Sion", "Brig"],
            "label": ["Orders", "A very long process name", "Orders"],
            "share": [0.9, 0.5, 0.25],
        }
    )
    figure = charts.share_heatmap(shares, text("By site", "Site"), "Digital share (%)")
    heat = figure.data[0]
    assert list(heat.y) == ["Brig", "Sion"]
    assert [x.replace("<br>", " ") for x in heat.x] == ["A very long process name", "Orders"]
    assert "<br>" in heat.x[0]
    assert pd.isna(heat.z[0][0]) and heat.z[0][1] == 0.25
    assert list(heat.z[1]) == [0.5, 0.9]
    assert (heat.zmin, heat.zmax, heat.texttemplate) == (0, 1, "%{z:.0%}")
    assert heat.colorbar.title.text == "Digital share (%)"
    assert figure.layout.title.text == "By site"
    assert figure.layout.yaxis.title.text == "Site"


def test_usage_lines_chart_draws_one_line_per_series_past_the_palette() -> None:
    """It draws a line per series; series beyond the palette repeat its colours dotted."""
    n = len(charts.PALETTE) + 1
    usage = pd.DataFrame(
        {
            "month": [pd.Timestamp("2025-04-01")] * n,
            "label": [f"S{i:02d}" for i in range(n)],
            "value": range(n),
        }
    )
    figure = charts.usage_lines_chart(usage, text("Volumes", "Acts (count)"))
    assert [t.name for t in figure.data] == [f"S{i:02d}" for i in range(n)]
    assert figure.data[0].line.dash == "solid" and figure.data[-1].line.dash == "dot"
    assert figure.data[-1].line.color == figure.data[0].line.color
    assert figure.layout.yaxis.title.text == "Acts (count)"
