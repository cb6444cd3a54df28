"""The Overview page shows the right figures, in French, German and English.

A tiny warehouse is loaded through the ETL from hand-made exports in a temporary data
folder; the expected figures are worked out here from those rows and the tracked metric
catalogue, independently of the marts and queries, and formatted with Babel directly.
"""

from __future__ import annotations

import csv
import json
import re
import string
import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
import streamlit as st
from analyst_support import write_csv
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from streamlit.testing.v1 import AppTest

from app import db
from app.i18n import LANGUAGES, TRANSLATIONS, translate
from etl.load import load_files
from etl.settings import REPO_DATA_DIR, REPO_ROOT

LOCALES = {"fr": "fr_CH", "de": "de_CH", "en": "en_GB"}
MONTHS = {
    "2025-06": {"fr": "juin 2025", "de": "Juni 2025", "en": "June 2025"},
    "2024-06": {"fr": "juin 2024", "de": "Juni 2024", "en": "June 2024"},
}
APP = str(REPO_ROOT / "dashboard.py")

USAGE = [
    # date, site, department, system, metric, value
    ("2025-06-01", "Sion", "medicine", "EHR", "nursing_notes_digital", 30000),
    ("2025-06-01", "Brig", "", "EHR", "nursing_notes_digital", 10000),
    ("2025-06-01", "Sion", "medicine", "EHR", "nursing_notes_paper", 10000),
    ("2025-03-01", "Sion", "medicine", "EHR", "nursing_notes_digital", 20000),
    ("2024-06-01", "Sion", "medicine", "EHR", "nursing_notes_digital", 10000),
    ("2024-06-01", "Sion", "medicine", "EHR", "nursing_notes_paper", 30000),
    ("2025-06-01", "Sion", "", "e-prescribing", "prescriptions_electronic", 6000),
    ("2025-06-01", "Sion", "", "e-prescribing", "prescriptions_paper", 5000),
    ("2024-06-01", "Sion", "", "e-prescribing", "prescriptions_electronic", 3000),
    ("2024-06-01", "Sion", "", "e-prescribing", "prescriptions_paper", 7000),
    ("2025-06-10", "Sion", "surgery", "closed-loop medication", "med_admin_scanned", 5000),
    ("2025-06-30", "Sion", "surgery", "closed-loop medication", "med_admin_scanned", 5000),
    ("2025-06-30", "Sion", "surgery", "closed-loop medication", "med_admin_unscanned", 2000),
    ("2025-06-01", "Visp", "icu", "vital signs", "vitals_device_captured", 12000),
    ("2025-06-01", "Visp", "icu", "vital signs", "vitals_manual", 8000),
    ("2025-01-01", "Sion", "radiology", "speech recognition", "reports_dictated_speech", 1000),
    ("2025-06-01", "Sion", "", "CPOE", "orders_cpoe", 9000),
    ("2025-06-01", "Sion", "", "CPOE", "orders_paper", 1000),
]

PROJECTS = [
    # report_date, project_id, phase, status
    ("2025-05-31", "DIG-001", "build", "green"),
    ("2025-05-31", "DIG-002", "build", "green"),
    ("2025-06-30", "DIG-001", "build", "amber"),
    ("2025-06-30", "DIG-002", "rollout", "green"),
    ("2025-06-30", "DIG-003", "planning", "red"),
    ("2025-06-30", "DIG-004", "live", "green"),
    ("2025-06-30", "DIG-005", "closed", "green"),
]

POSITIONS = [
    # position_id, role, fte, status, opened_date, filled_date
    ("POS-01", "software developer", "1", "filled", "2025-01-15", "2025-03-01"),
    ("POS-02", "software developer", "0.8", "filled", "2025-01-15", "2025-04-20"),
    ("POS-03", "network engineer", "1", "filled", "2025-02-01", "2025-06-02"),
    ("POS-04", "UX designer", "0.6", "open", "2025-05-01", ""),
    ("POS-05", "application owner", "1", "cancelled", "2025-02-01", ""),
]

TARGETS = (
    "kpi,scope,target,due_date,direction,note\n"
    "hours_freed,all,2500,2026-12-31,at_least,test\n"
    "nursing_notes_digital,all,0.9,2026-12-31,at_least,test\n"
)


def write_exports(folder: Path) -> list[Path]:
    """The usage, projects and positions exports of the tiny warehouse."""
    project_rows = [
        (
            day,
            pid,
            f"Project {pid}",
            "Clinical information system",
            phase,
            status,
            "2026-06-30",
            "50",
        )
        for day, pid, phase, status in PROJECTS
    ]
    return [
        write_csv(
            folder / "usage.csv", ["date", "site", "department", "system", "metric", "value"], USAGE
        ),
        write_csv(
            folder / "projects.csv",
            [
                "report_date",
                "project_id",
                "project_name",
                "programme",
                "phase",
                "status",
                "planned_end",
                "percent_complete",
            ],
            project_rows,
        ),
        write_csv(
            folder / "positions.csv",
            ["position_id", "role", "fte", "status", "opened_date", "filled_date"],
            POSITIONS,
        ),
    ]


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    """No cached connection or query result leaks from one test into another."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def warehouse(data_dir: Path, tmp_path: Path) -> Path:
    """A warehouse loaded through the ETL from the hand-made exports."""
    (data_dir / "targets.csv").write_text(TARGETS, encoding="utf-8")
    exports = tmp_path / "exports"
    exports.mkdir()
    results = load_files(write_exports(exports), loaded_by="test")
    assert [r.status for r in results] == ["loaded"] * 3, [r.report("en") for r in results]
    return data_dir


def catalogue() -> dict[str, dict[str, str]]:
    """The tracked metric catalogue, by metric."""
    with (REPO_DATA_DIR / "metrics.csv").open(encoding="utf-8") as handle:
        return {row["metric"]: row for row in csv.DictReader(handle)}


def hours(month_prefix: str, estimate: str) -> float:
    """Staff hours freed by the usage rows whose date starts with `month_prefix`."""
    minutes = {m: float(row[f"minutes_saved_{estimate}"]) for m, row in catalogue().items()}
    return sum(v * minutes[m] / 60 for d, _, _, _, m, v in USAGE if d.startswith(month_prefix))


def volume(metric: str, month_prefix: str) -> float:
    """A metric's volume over all sites in a month."""
    return sum(v for d, _, _, _, m, v in USAGE if m == metric and d.startswith(month_prefix))


def share(metric: str, month_prefix: str) -> float:
    """Digital share of a process, hospital-wide, in a month."""
    digital = volume(metric, month_prefix)
    return digital / (digital + volume(catalogue()[metric]["paper_metric"], month_prefix))


def number(value: float, language: str, decimals: int = 0) -> str:
    """A number as the locale writes it."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALES[language])


def run_app(language: str) -> AppTest:
    """The app, run once in a language, without exceptions."""
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["lang"] = language
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def metrics_by_label(app: AppTest) -> dict[str, tuple[str, str]]:
    """Every st.metric shown: label -> (value, delta)."""
    return {m.label: (m.value, m.proto.delta) for m in app.metric}


@pytest.mark.parametrize("language", LANGUAGES)
def test_overview_shows_hours_freed_and_fte(warehouse: Path, language: str) -> None:
    """It shows June 2025's and 2025's hours freed (base, low-high) and their FTE."""
    shown = metrics_by_label(run_app(language))
    june, fte_month = MONTHS["2025-06"][language], 1900 / 12
    h = {e: hours("2025-06", e) for e in ("low", "base", "high")}
    ytd = {e: hours("2025", e) for e in ("low", "base", "high")}
    unit = {"fr": "EPT", "de": "VZÄ", "en": "FTE"}[language]

    def hours_text(value: float) -> str:
        return f"{number(value, language)} h"

    def fte_text(value: float) -> str:
        return f"{number(value, language, 1)} {unit}"

    month_label = translate(language, "overview.hours.month", month=june)
    assert shown[month_label] == (
        hours_text(h["base"]),
        translate(language, "range", low=number(h["low"], language), high=hours_text(h["high"])),
    )
    ytd_label = translate(language, "overview.hours.ytd", year="2025")
    assert shown[ytd_label][0] == hours_text(ytd["base"])
    fte_label = translate(language, "overview.fte.month", month=june)
    assert shown[fte_label][0] == fte_text(h["base"] / fte_month)
    fte_ytd_label = translate(language, "overview.fte.ytd", year="2025")
    assert shown[fte_ytd_label][0] == fte_text(ytd["base"] / (1900 * 6 / 12))


def test_overview_formats_numbers_per_locale(warehouse: Path) -> None:
    """It groups thousands with a narrow space (fr), an apostrophe (de) or a comma (en)."""
    assert round(hours("2025-06", "base")) == 1877
    expected = {"fr": "1\u202f877 h", "de": "1’877 h", "en": "1,877 h"}
    for language in LANGUAGES:
        shown = metrics_by_label(run_app(language))
        label = translate(language, "overview.hours.month", month=MONTHS["2025-06"][language])
        assert shown[label][0] == expected[language]


def test_overview_reports_on_the_latest_complete_month(warehouse: Path, tmp_path: Path) -> None:
    """It keeps showing June while July's daily data is still coming in."""
    header = ["date", "site", "department", "system", "metric", "value"]
    july = [("2025-07-05", "Sion", "medicine", "EHR", "nursing_notes_digital", 600)]
    assert load_files([write_csv(tmp_path / "july.csv", header, july)])[0].status == "loaded"
    app = run_app("en")
    shown = metrics_by_label(app)
    label = translate("en", "overview.hours.month", month="June 2025")
    assert shown[label][0] == f"{number(hours('2025-06', 'base'), 'en')} h"
    usage = translate("en", "freshness.item", source="usage", date="5 Jul 2025")
    assert usage in " ".join(c.value for c in app.caption)


@pytest.mark.parametrize("language", LANGUAGES)
def test_overview_shows_digital_share_vs_a_year_before(warehouse: Path, language: str) -> None:
    """It shows the four busiest processes' share in June 2025, against June 2024."""
    shown = metrics_by_label(run_app(language))
    labels = {m: row[f"label_{language}"] for m, row in catalogue().items()}
    notes = share("nursing_notes_digital", "2025-06")
    before = share("nursing_notes_digital", "2024-06")
    points = format_decimal(
        round((notes - before) * 100), format="+#,##0;-#,##0", locale=LOCALES[language]
    )
    delta = translate(
        language,
        "overview.share.delta",
        points=translate(language, "unit.points", value=points),
        month=MONTHS["2024-06"][language],
    )
    percent = format_percent(notes, locale=LOCALES[language])
    assert shown[labels["nursing_notes_digital"]] == (percent, delta)
    vitals = format_percent(share("vitals_device_captured", "2025-06"), locale=LOCALES[language])
    assert shown[labels["vitals_device_captured"]] == (vitals, "")
    assert labels["med_admin_scanned"] in shown
    assert labels["prescriptions_electronic"] in shown
    assert labels["orders_cpoe"] not in shown  # the fifth busiest is left out


@pytest.mark.parametrize("language", LANGUAGES)
def test_overview_shows_rag_counts_and_positions(warehouse: Path, language: str) -> None:
    """It counts active projects by status in the June report, and positions filled."""
    shown = metrics_by_label(run_app(language))
    june = [(s, p) for d, _, p, s in PROJECTS if d == "2025-06-30" and p != "closed"]
    for status in ("green", "amber", "red"):
        count = sum(1 for s, _ in june if s == status)
        assert shown[translate(language, f"status.{status}")][0] == number(count, language)
    planned = [p for p in POSITIONS if p[3] != "cancelled"]
    filled = [p for p in planned if p[3] == "filled"]
    assert shown[translate(language, "overview.staffing.filled")] == (
        number(len(filled), language),
        translate(language, "overview.staffing.of_planned", planned=number(len(planned), language)),
    )
    unit = {"fr": "EPT", "de": "VZÄ", "en": "FTE"}[language]
    fte_filled = f"{number(sum(float(p[2]) for p in filled), language, 1)} {unit}"
    fte_planned = f"{number(sum(float(p[2]) for p in planned), language, 1)} {unit}"
    assert shown[translate(language, "overview.staffing.fte")] == (
        fte_filled,
        translate(language, "overview.staffing.of_planned", planned=fte_planned),
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_overview_says_how_recent_each_source_is(warehouse: Path, language: str) -> None:
    """It gives the latest date of each source in a 'data as of' line."""
    app = run_app(language)
    captions = " ".join(c.value for c in app.caption)
    expected_usage = {"fr": "30 juin 2025", "de": "30.06.2025", "en": "30 Jun 2025"}[language]
    source = translate(language, "source.usage")
    assert translate(language, "freshness.item", source=source, date=expected_usage) in captions
    assert translate(language, "freshness.line", items="").strip() in captions


@pytest.mark.parametrize("language", LANGUAGES)
def test_overview_titles_its_charts_in_the_language(warehouse: Path, language: str) -> None:
    """It titles every chart, and its axes, in the reader's language."""
    app = run_app(language)
    layouts = [json.loads(chart.proto.spec)["layout"] for chart in app.get("plotly_chart")]
    titles = [
        (
            layout["title"]["text"],
            layout["xaxis"]["title"]["text"],
            layout["yaxis"]["title"]["text"],
        )
        for layout in layouts
    ]
    month = translate(language, "chart.month")
    assert titles == [
        (translate(language, "chart.hours.title"), month, translate(language, "chart.hours.y")),
        (translate(language, "chart.share.title"), month, translate(language, "chart.share.y")),
        (translate(language, "chart.rag.title"), month, translate(language, "chart.rag.y")),
        (
            translate(language, "chart.staffing.title"),
            month,
            translate(language, "chart.staffing.y"),
        ),
    ]


def test_every_text_has_french_german_and_english() -> None:
    """It has each i18n key in fr, de and en, non-empty, with the same placeholders."""
    for key, texts in TRANSLATIONS.items():
        assert set(texts) == set(LANGUAGES), key
        fields = {
            language: {name for _, name, _, _ in string.Formatter().parse(text) if name}
            for language, text in texts.items()
        }
        assert all(text.strip() for text in texts.values()), key
        assert fields["fr"] == fields["de"] == fields["en"], key


def test_the_app_code_has_no_sql_outside_queries() -> None:
    """It keeps every SQL statement in app/queries.py."""
    files = [
        REPO_ROOT / "dashboard.py",
        *(REPO_ROOT / "pages").glob("*.py"),
        *(REPO_ROOT / "app").glob("*.py"),
    ]
    pattern = re.compile(r"\bselect\b[\s\S]{0,200}?\bfrom\b", re.IGNORECASE)
    offenders = [f.name for f in files if f.name != "queries.py" and pattern.search(f.read_text())]
    assert offenders == []


def demo_expectations(data_dir: Path) -> tuple[date, float, dict[str, int]]:
    """From the demo's base tables, in Python: the latest complete month, its base hours
    freed, and the RAG counts of active projects in the latest report month."""
    minutes = {m: float(row["minutes_saved_base"]) for m, row in catalogue().items()}
    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as con:
        usage = con.execute("select date, metric, value from usage").fetchall()
        reports = con.execute(
            "select report_date, project_id, phase, status from projects"
        ).fetchall()
    saving = [(d.replace(day=1), v * minutes[m] / 60) for d, m, v in usage if minutes.get(m)]
    last_day = max(d for d, _, _ in usage)  # daily data: the month must reach its last day
    complete = (last_day + timedelta(days=1)).month != last_day.month
    month = last_day.replace(day=1) if complete else (last_day.replace(day=1) - timedelta(days=1))
    month = month.replace(day=1)
    latest_month = max(r[0] for r in reports).replace(day=1)
    latest: dict[str, tuple[date, str, str]] = {}
    for day, project, phase, status in reports:
        if day.replace(day=1) == latest_month and (
            project not in latest or day > latest[project][0]
        ):
            latest[project] = (day, phase, status)
    active = [status for _, phase, status in latest.values() if phase != "closed"]
    counts = {s: active.count(s) for s in ("green", "amber", "red")}
    return month, sum(h for d, h in saving if d == month), counts


def test_app_builds_the_demo_on_an_empty_data_folder(data_dir: Path) -> None:
    """On an empty data folder it builds the demo through the ETL, then shows the Overview."""
    app = AppTest.from_file(APP, default_timeout=300)
    app.query_params["lang"] = "en"
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert (data_dir / "warehouse.duckdb").is_file()
    month, base_hours, counts = demo_expectations(data_dir)
    shown = metrics_by_label(app)
    label = translate(
        "en", "overview.hours.month", month=format_date(month, "MMMM y", locale="en_GB")
    )
    assert shown[label][0] == f"{number(base_hours, 'en')} h"
    for status, count in counts.items():
        assert shown[translate("en", f"status.{status}")][0] == number(count, "en")


def test_app_says_so_in_plain_words_when_the_demo_cannot_be_built(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It shows a translated error, never a stack trace, when the first build fails."""

    def broken_build(progress: object = None) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("etl.load.build_demo", broken_build)
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["lang"] = "de"
    app.run()
    assert not app.exception
    assert [e.value for e in app.error] == [translate("de", "first_start.failed")]
    assert not (data_dir / "warehouse.duckdb").exists()


def test_readers_see_no_error_and_then_the_new_data_while_a_load_swaps_the_file(
    warehouse: Path, tmp_path: Path
) -> None:
    """It keeps answering during an in-process load, then moves to the swapped-in file."""
    count = "select count(*) as n from usage"
    before = db.warehouse_version()
    rows_before = int(db.query_df(before, count)["n"][0])
    errors: list[str] = []
    seen: set[int] = set()
    stop = threading.Event()

    def read_continuously() -> None:
        while not stop.is_set():
            try:
                seen.add(int(db.query_df(db.warehouse_version(), count)["n"][0]))
            except Exception as error:  # any error at all is what this test looks for
                errors.append(repr(error))

    reader = threading.Thread(target=read_continuously)
    reader.start()
    extra = [("2025-05-01", "Sierre", "", "EHR", "nursing_notes_digital", 5)]
    header = ["date", "site", "department", "system", "metric", "value"]
    result = load_files([write_csv(tmp_path / "more.csv", header, extra)], loaded_by="test")
    time.sleep(0.5)
    stop.set()
    reader.join()

    assert result[0].status == "loaded"
    assert errors == []
    assert seen <= {rows_before, rows_before + 1} and rows_before + 1 in seen
    after = db.warehouse_version()
    assert after != before
    assert int(db.query_df(before, count)["n"][0]) == rows_before  # the old file, still readable


def test_language_is_chosen_in_the_sidebar_and_kept_in_the_url(warehouse: Path) -> None:
    """It starts in French, switches to German from the sidebar and writes ?lang=de."""
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert app.title[0].value == translate("fr", "overview.title")
    assert app.query_params["lang"] == "fr"
    app.sidebar.selectbox[0].select("de").run()
    assert not app.exception
    assert app.title[0].value == translate("de", "overview.title")
    assert app.query_params["lang"] == "de"


def test_charts_use_rag_colours_and_draw_targets_as_goal_lines(warehouse: Path) -> None:
    """It paints statuses green, amber and red, and draws each target as a dashed line."""
    app = run_app("en")
    hours_chart, share_chart, rag_chart, _ = (
        json.loads(chart.proto.spec) for chart in app.get("plotly_chart")
    )
    colours = [trace["marker"]["color"] for trace in rag_chart["data"]]
    assert colours == ["#2E7D32", "#F2A900", "#C62828"]
    hours_goals = [(s["y0"], s["line"]["dash"]) for s in hours_chart["layout"]["shapes"]]
    assert hours_goals == [(2500, "dash")]  # targets.csv: hours_freed, all, 2500
    share_goals = [(s["y0"], s["line"]["dash"]) for s in share_chart["layout"]["shapes"]]
    assert share_goals == [(0.9, "dash")]  # targets.csv: nursing_notes_digital, all, 0.9
    annotations = [a["text"] for a in share_chart["layout"]["annotations"]]
    assert annotations == ["Target 90% · Dec 2026"]


def test_overview_says_what_is_missing_when_a_source_is_not_loaded_yet(
    data_dir: Path, tmp_path: Path
) -> None:
    """It shows plain notices, not errors, for sources with no data yet."""
    header = ["position_id", "role", "fte", "status", "opened_date", "filled_date"]
    positions = write_csv(tmp_path / "positions.csv", header, POSITIONS)
    assert load_files([positions])[0].status == "loaded"
    app = run_app("de")
    notices = [info.value for info in app.info]
    assert notices == [
        translate("de", "overview.hours.none"),
        translate("de", "overview.share.none"),
        translate("de", "overview.portfolio.none"),
    ]
    assert not app.error
    assert translate("de", "freshness.missing", source="Nutzung") in app.caption[1].value
