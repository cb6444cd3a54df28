"""The Overview's aim cards, portfolio health, hiring and stale-data warnings, with filters.

One tiny warehouse per module is loaded through the ETL from hand-made exports (twelve
monthly usage exports at two sites, a few projects, positions and milestones) in a
temporary data folder. The expected figures are worked out here from those rows and the
tracked metric catalogue, independently of the marts and queries (the on-track rule with
numpy's least squares), and formatted with Babel directly.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import streamlit as st
from analyst_support import write_csv
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, format_percent
from streamlit.testing.v1 import AppTest

from app import STALE_AFTER_DAYS
from app.i18n import LANGUAGES, translate
from app.queries import Target, stale_sources, target_status
from etl.load import load_files
from etl.settings import REPO_DATA_DIR, REPO_ROOT

APP = str(REPO_ROOT / "dashboard.py")
LOCALES = {"fr": "fr_CH", "de": "de_CH", "en": "en_GB"}
MONTHS = [d.date() for d in pd.date_range("2024-07-01", periods=12, freq="MS")]
LATEST = MONTHS[-1]  # June 2025: the default period's last month
SITES = ("Sion", "Brig")
HOSPITAL = {"Sion": "fr", "Brig": "de"}  # site -> language region (data/sites.csv)
HOSTILE = "'; drop table projects; --"


def catalogue() -> dict[str, dict[str, str]]:
    """The tracked metric catalogue, by metric."""
    with (REPO_DATA_DIR / "metrics.csv").open(encoding="utf-8") as handle:
        return {row["metric"]: row for row in csv.DictReader(handle)}


def usage_rows(index: int, month: date) -> list[tuple[object, ...]]:
    """The month's usage at Sion and Brig: figures that move by a fixed step each month."""
    i, day = index, month.isoformat()
    volumes = {
        "Sion": {
            "forms_digital": 600 + 20 * i,
            "forms_paper": 400 - 20 * i,
            "secure_messages_sent": 800,
            "fax_sent": 200,
            "med_admin_scanned": 100 * i,
            "med_admin_unscanned": 1000 - 50 * i,
            "nursing_notes_digital": 10000 + 500 * i,
            "portal_active_patients": 1000 + 100 * i,
        },
        "Brig": {
            "forms_digital": 100 + 10 * i,
            "forms_paper": 300,
            "secure_messages_sent": 300 + 10 * i,
            "fax_sent": 300 - 10 * i,
            "med_admin_scanned": 0,
            "med_admin_unscanned": 500,
            "nursing_notes_digital": 3000,
            "portal_active_patients": 200 + 50 * i,
        },
    }
    return [
        (day, site, "", catalogue()[metric]["system"], metric, value)
        for site, metrics in volumes.items()
        for metric, value in metrics.items()
    ]


USAGE = [row for index, month in enumerate(MONTHS) for row in usage_rows(index, month)]

PROJECTS = [
    # report_date, id, name, programme, aim, site, phase, status, planned_end, forecast_end,
    # budget, spent, percent
    (
        "2025-05-31",
        "P-1",
        "EHR rollout",
        "Clinical information system",
        "time_for_patients",
        "Sion",
        "build",
        "green",
        "2025-12-31",
        "2026-02-28",
        1_000_000,
        400_000,
        40,
    ),
    (
        "2025-06-30",
        "P-1",
        "EHR rollout",
        "Clinical information system",
        "time_for_patients",
        "Sion",
        "build",
        "amber",
        "2025-12-31",
        "2026-02-28",
        1_000_000,
        500_000,
        50,
    ),
    (
        "2025-06-30",
        "P-2",
        "Patient portal",
        "Patient portal & EPD",
        "patient_access",
        "all",
        "rollout",
        "green",
        "2025-09-30",
        "",
        500_000,
        450_000,
        90,
    ),
    (
        "2025-06-30",
        "P-3",
        "Closed loop Brig",
        "Medication safety",
        "prevent_errors",
        "Brig",
        "build",
        "red",
        "2025-10-31",
        "2026-01-31",
        800_000,
        300_000,
        30,
    ),
    (
        "2025-04-30",
        "P-4",
        "Old network",
        "Infrastructure & security",
        "secure_communication",
        "all",
        "closed",
        "green",
        "2025-03-31",
        "2025-03-31",
        200_000,
        210_000,
        100,
    ),
]

POSITIONS = [
    # id, role, team, site, programme, fte, status, opened, filled
    (
        "A",
        "software developer",
        "Dev",
        "Sion",
        "Clinical information system",
        "1",
        "filled",
        "2024-08-01",
        "2024-11-15",
    ),
    (
        "B",
        "network engineer",
        "Infra",
        "Brig",
        "Infrastructure & security",
        "0.8",
        "filled",
        "2024-09-01",
        "2025-07-20",
    ),
    ("C", "UX designer", "Digital", "Sion", "Patient portal & EPD", "0.5", "interviewing", "2025-02-01", ""),
    ("D", "application owner", "Apps", "Brig", "Medication safety", "1", "open", "2025-05-10", ""),
    (
        "E",
        "security & system administrator",
        "Security",
        "Sion",
        "Clinical information system",
        "1",
        "cancelled",
        "2025-01-10",
        "",
    ),
    ("F", "software developer", "Dev", "Visp", "Clinical information system", "1", "offer", "2025-07-05", ""),
]

MILESTONES = [
    ("P-1", "M1", "Go-live Sion", "2025-03-01", "2025-03-15"),
    ("P-3", "M1", "Go-live Brig", "2025-06-01", ""),
]

# kpi, scope, target, due_date, direction
TARGETS = [
    ("forms_digital", "fr", 0.9, "2026-12-31", "at_least"),
    ("secure_messages_sent", "all", 0.75, "2026-06-30", "at_least"),
    ("med_admin_scanned", "all", 0.9, "2025-12-31", "at_least"),
    ("hours_freed", "all", 900, "2026-12-31", "at_least"),
    ("portal_active_patients", "all", 2500, "2026-12-31", "at_least"),
]

# The headline KPI of each aim (etl/sql/marts/07_aim_kpi_monthly.sql), restated here.
HEADLINES = {
    "simplify_processes": ("forms_digital", "share"),
    "secure_communication": ("secure_messages_sent", "share"),
    "prevent_errors": ("med_admin_scanned", "share"),
    "time_for_patients": ("hours_freed", "hours"),
    "patient_access": ("portal_active_patients", "level"),
}


def write_exports(folder: Path) -> list[Path]:
    """The usage, projects, positions and milestones exports of the tiny hospital."""
    folder.mkdir()
    project_header = [
        "report_date",
        "project_id",
        "project_name",
        "programme",
        "aim",
        "site",
        "phase",
        "status",
        "planned_end",
        "forecast_end",
        "budget_chf",
        "spent_chf",
        "percent_complete",
    ]
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
    return [
        write_csv(folder / "usage.csv", ["date", "site", "department", "system", "metric", "value"], USAGE),
        write_csv(folder / "projects.csv", project_header, PROJECTS),
        write_csv(folder / "positions.csv", position_header, POSITIONS),
        write_csv(
            folder / "milestones.csv",
            ["project_id", "milestone_id", "milestone", "planned_date", "actual_date"],
            MILESTONES,
        ),
    ]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One warehouse for the module, loaded through the ETL, in its own data folder."""
    root = tmp_path_factory.mktemp("overview_aims")
    data = root / "data"
    data.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_DATA_DIR", str(data))
        write_csv(
            data / "targets.csv",
            ["kpi", "scope", "target", "due_date", "direction", "note"],
            [(*row, "test") for row in TARGETS],
        )
        results = load_files(write_exports(root / "exports"), loaded_by="test")
        assert [r.status for r in results] == ["loaded"] * 4, [r.report("en") for r in results]
        st.cache_data.clear()
        st.cache_resource.clear()
        yield data
    st.cache_data.clear()
    st.cache_resource.clear()


# --- Expected figures, from the rows above -------------------------------------------------


def volume(metric: str, month: date, sites: tuple[str, ...]) -> float:
    """A metric's volume over the given sites in a month."""
    day = month.isoformat()
    return sum(v for d, s, _, _, m, v in USAGE if m == metric and d == day and s in sites)


def kpi_value(aim: str, month: date, sites: tuple[str, ...]) -> float:
    """An aim's headline value in a month over the given sites."""
    kpi, kind = HEADLINES[aim]
    if kind == "share":
        digital = volume(kpi, month, sites)
        return digital / (digital + volume(catalogue()[kpi]["paper_metric"], month, sites))
    if kind == "hours":
        minutes = {m: float(row["minutes_saved_base"]) for m, row in catalogue().items()}
        return sum(volume(m, month, sites) * minutes[m] / 60 for m in minutes)
    return volume(kpi, month, sites)


def expected_status(values: list[float], target: float | None, due: date | None) -> str:
    """The on-track rule, restated with numpy: met, on_track, off_track or no_target."""
    if target is None or due is None:
        return "no_target"
    if values[-1] >= target:
        return "met"
    recent = MONTHS[-6:]  # the last six months, all of them with data here
    if due <= LATEST:
        return "off_track"
    x = [(m - recent[0]).days for m in recent]
    slope, intercept = np.polyfit(x, values[-6:], 1)
    return "on_track" if slope * (due - recent[0]).days + intercept >= target else "off_track"


def target_for(aim: str, scope: str) -> tuple[float, date, str] | None:
    """The target of an aim's KPI for a scope: its own, else (shares only) region then all."""
    kpi, kind = HEADLINES[aim]
    region = HOSPITAL.get(scope)
    scopes = [scope] + ([s for s in (region, "all") if s] if kind == "share" else [])
    for wanted in scopes:
        for k, s, value, due, _ in TARGETS:
            if k == kpi and s == wanted:
                return value, date.fromisoformat(due), s
    return None


def number(value: float, language: str, decimals: int = 0) -> str:
    """A number as the locale writes it."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALES[language])


def kpi_text(aim: str, value: float, language: str) -> str:
    """A headline value as the card writes it."""
    kind = HEADLINES[aim][1]
    if kind == "share":
        return format_percent(value, locale=LOCALES[language])
    return f"{number(value, language)} h" if kind == "hours" else number(value, language)


def scope_words(scope: str, language: str) -> str:
    """How the page names a scope: a site, a region or the whole hospital."""
    if scope == "all":
        return translate(language, "filters.all_sites")
    return translate(language, f"filters.region.{scope}") if scope in ("fr", "de") else scope


# --- Running the app ------------------------------------------------------------------------


def run_app(language: str, **params: str) -> AppTest:
    """The app's home page, run once with these URL parameters, without exceptions."""
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["lang"] = language
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def metrics_by_label(app: AppTest) -> dict[str, tuple[str, str]]:
    """Every st.metric shown: label -> (value, delta)."""
    return {m.label: (m.value, m.proto.delta) for m in app.metric}


def aim_metrics(app: AppTest, language: str) -> dict[str, object]:
    """The aim cards shown: aim -> the st.metric element."""
    labels = {translate(language, f"aim.{aim}"): aim for aim in HEADLINES}
    return {labels[m.label]: m for m in app.metric if m.label in labels}


def captions(app: AppTest) -> list[str]:
    """Every caption's text."""
    return [c.value for c in app.caption]


# --- The on-track rule and staleness, as plain functions ------------------------------------


def monthly(values: list[float]) -> tuple[tuple[date, float], ...]:
    """Values for the last len(values) months up to June 2025."""
    return tuple(zip(MONTHS[-len(values) :], values, strict=True))


def test_target_status_says_met_when_the_latest_value_meets_the_target() -> None:
    """It says met as soon as the latest month reaches the target, whatever the trend."""
    target = Target("k", 0.8, date(2026, 12, 31), "at_least")
    assert target_status(monthly([0.9, 0.85, 0.8]), target) == "met"


def test_target_status_extends_the_six_month_trend_to_the_due_date() -> None:
    """It says on track when the least-squares line of the last 6 months reaches the target
    by the due date, off track when it does not."""
    rising = [0.40, 0.44, 0.48, 0.52, 0.56, 0.60]  # +0.04 a month
    assert target_status(monthly(rising), Target("k", 0.8, date(2025, 12, 31), "at_least")) == ("on_track")
    assert target_status(monthly(rising), Target("k", 0.9, date(2025, 12, 31), "at_least")) == ("off_track")
    noisy_old_history = [0.0] * 6 + rising  # months older than six do not weigh
    assert (
        target_status(monthly(noisy_old_history), Target("k", 0.8, date(2025, 12, 31), "at_least"))
        == "on_track"
    )


def test_target_status_is_off_track_past_the_due_date_or_without_a_trend() -> None:
    """It says off track once the due date has passed, or with fewer than three values."""
    rising = monthly([0.40, 0.50, 0.60])
    assert target_status(rising, Target("k", 0.8, date(2025, 6, 30), "at_least")) == "off_track"
    assert target_status(monthly([0.5, 0.6]), Target("k", 0.8, date(2030, 1, 1), "at_least")) == ("off_track")


def test_target_status_reads_at_most_targets_downwards() -> None:
    """It treats an at_most target as met below it, and a falling trend as on track."""
    faxes = monthly([2000, 1800, 1600, 1400, 1200, 1100])
    assert target_status(faxes, Target("fax", 1000, date(2025, 12, 31), "at_most")) == "on_track"
    assert target_status(faxes, Target("fax", 1200, date(2025, 12, 31), "at_most")) == "met"
    assert target_status(faxes, None) == "no_target"
    assert target_status((), Target("fax", 1200, date(2025, 12, 31), "at_most")) == "no_target"


def test_stale_sources_compares_each_source_with_its_own_threshold() -> None:
    """It flags a source whose latest date is older than its threshold, not one on it."""
    today = date(2026, 3, 31)
    limits = STALE_AFTER_DAYS
    freshness = pd.DataFrame(
        {
            "source": ["usage", "projects", "milestones", "positions"],
            "latest_date": [
                today - timedelta(days=limits["usage"] + 1),
                today - timedelta(days=limits["projects"]),
                None,
                today - timedelta(days=limits["positions"] + 30),
            ],
        }
    )
    stale = stale_sources(freshness, today)
    assert [(s.source, s.age_days, s.limit_days) for s in stale] == [
        ("usage", limits["usage"] + 1, limits["usage"]),
        ("positions", limits["positions"] + 30, limits["positions"]),
    ]
    assert limits == {"usage": 7, "projects": 45, "positions": 45, "milestones": 90}


# --- The page ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_aim_shows_its_headline_value_trend_target_and_signal(warehouse: Path, language: str) -> None:
    """It shows each aim's June 2025 value for the whole hospital, its 12-month sparkline,
    its target and the on-track signal, all worked out from the fixture rows."""
    app = run_app(language)
    cards = aim_metrics(app, language)
    assert list(cards) == list(HEADLINES)
    for aim, card in cards.items():
        values = [kpi_value(aim, month, SITES) for month in MONTHS]
        target = target_for(aim, "all")
        status = expected_status(values, *(target[:2] if target else (None, None)))
        assert card.value == kpi_text(aim, values[-1], language), aim
        assert card.proto.delta == translate(language, f"aim.status.{status}"), aim
        kind = HEADLINES[aim][1]
        spark = [round(v * 100, 1) if kind == "share" else round(v) for v in values]
        assert list(card.proto.chart_data) == pytest.approx(spark), aim
    month = format_skeleton("yMMMM", LATEST, locale=LOCALES[language])
    kpi = translate(language, "kpi.portal_active_patients")
    assert translate(language, "aim.value_month", kpi=kpi, month=month) in captions(app)
    due = format_date(date(2026, 12, 31), "medium", locale=LOCALES[language])
    portal = translate(language, "aim.target", value=number(2500, language), due=due)
    assert portal in captions(app)
    assert translate(language, "aim.target.none") in captions(app)  # forms: only a fr target


def test_the_fixture_covers_every_signal(warehouse: Path) -> None:
    """It meets, tracks, misses and lacks targets in the default view (a check on the data)."""
    app = run_app("en")
    deltas = {aim: card.proto.delta for aim, card in aim_metrics(app, "en").items()}
    assert deltas == {
        "simplify_processes": "No target",
        "secure_communication": "Target met",
        "prevent_errors": "Off track",
        "time_for_patients": "On track",
        "patient_access": "Target met",
    }


def test_choosing_a_site_in_the_sidebar_recomputes_the_cards(warehouse: Path) -> None:
    """It shows Brig's figures once Brig is picked in the sidebar, and puts it in the URL.

    (In French: AppTest calls a selectbox's format_func in the test's own thread, where
    the page's language is the default one.)
    """
    app = run_app("fr")
    app.selectbox(key="filter_scope").select("site:Brig").run()
    assert not app.exception
    forms = kpi_value("simplify_processes", LATEST, ("Brig",))
    assert aim_metrics(app, "fr")["simplify_processes"].value == kpi_text("simplify_processes", forms, "fr")
    assert app.query_params["scope"] == "site:Brig"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_site_shows_its_figures_and_the_wider_share_targets(warehouse: Path, language: str) -> None:
    """It recomputes every card for Brig; a hospital-wide share target holds for Brig, an
    hours target does not, and the card says which scope the target was set for."""
    app = run_app(language, scope="site:Brig")
    cards = aim_metrics(app, language)
    for aim, card in cards.items():
        values = [kpi_value(aim, month, ("Brig",)) for month in MONTHS]
        target = target_for(aim, "Brig")
        status = expected_status(values, *(target[:2] if target else (None, None)))
        assert card.value == kpi_text(aim, values[-1], language), aim
        assert card.proto.delta == translate(language, f"aim.status.{status}"), aim
    assert cards["time_for_patients"].proto.delta == translate(language, "aim.status.no_target")
    due = format_date(date(2026, 6, 30), "medium", locale=LOCALES[language])
    wider = translate(
        language,
        "aim.target.wider",
        value=format_percent(0.75, locale=LOCALES[language]),
        due=due,
        scope=scope_words("all", language),
    )
    assert wider in captions(app)
    hours = metrics_by_label(app)
    month = format_skeleton("yMMMM", LATEST, locale=LOCALES[language])
    label = translate(language, "overview.hours.month", month=month)
    brig_hours = kpi_value("time_for_patients", LATEST, ("Brig",))
    assert hours[label][0] == f"{number(brig_hours, language)} h"
    assert app.query_params["scope"] == "site:Brig"


def test_a_site_in_a_region_takes_the_region_share_target(warehouse: Path) -> None:
    """It gives Sion the French-speaking region's forms target, and its signal."""
    app = run_app("fr", scope="site:Sion")
    forms = aim_metrics(app, "fr")["simplify_processes"]
    values = [kpi_value("simplify_processes", month, ("Sion",)) for month in MONTHS]
    assert forms.value == kpi_text("simplify_processes", values[-1], "fr")
    status = expected_status(values, 0.9, date(2026, 12, 31))
    assert status == "on_track"
    assert forms.proto.delta == translate("fr", f"aim.status.{status}")
    due = format_date(date(2026, 12, 31), "medium", locale="fr_CH")
    wider = translate(
        "fr",
        "aim.target.wider",
        value=format_percent(0.9, locale="fr_CH"),
        due=due,
        scope=scope_words("fr", "fr"),
    )
    assert wider in captions(app)


def test_a_url_with_filters_reopens_the_same_view(warehouse: Path) -> None:
    """It reads site, aim and period from the URL: only that aim's card, for that site, at
    the end of that period."""
    app = run_app("de", scope="site:Brig", aim="secure_communication", **{"from": "2024-07", "to": "2025-03"})
    cards = aim_metrics(app, "de")
    assert list(cards) == ["secure_communication"]
    march = MONTHS[8]
    values = [kpi_value("secure_communication", m, ("Brig",)) for m in MONTHS[:9]]
    assert cards["secure_communication"].value == kpi_text("secure_communication", values[-1], "de")
    assert list(cards["secure_communication"].proto.chart_data) == pytest.approx(
        [round(v * 100, 1) for v in values]
    )
    assert (app.query_params["scope"], app.query_params["aim"]) == ("site:Brig", "secure_communication")
    assert (app.query_params["from"], app.query_params["to"]) == ("2024-07", "2025-03")
    month = format_skeleton("yMMMM", march, locale="de_CH")
    label = translate("de", "overview.hours.month", month=month)
    assert label in metrics_by_label(app)


def test_hostile_query_strings_fall_back_to_the_defaults(warehouse: Path) -> None:
    """It ignores an injection attempt, an unknown site and malformed months, and shows the
    whole hospital's figures without an error."""
    app = run_app(
        "en",
        scope=HOSTILE,
        programme=HOSTILE,
        aim="site:Atlantis",
        **{"from": "2024-13", "to": HOSTILE},
    )
    assert not app.error
    cards = aim_metrics(app, "en")
    assert list(cards) == list(HEADLINES)
    forms = kpi_value("simplify_processes", LATEST, SITES)
    assert cards["simplify_processes"].value == kpi_text("simplify_processes", forms, "en")
    assert app.query_params["scope"] == "all"
    assert app.query_params["programme"] == "all"
    unknown = run_app("en", scope="site:Atlantis")
    assert unknown.query_params["scope"] == "all" and not unknown.error


@pytest.mark.parametrize("language", LANGUAGES)
def test_portfolio_health_counts_statuses_and_budget(warehouse: Path, language: str) -> None:
    """It counts active projects by status in the June report, and adds up budget and
    spending of every project as last reported."""
    shown = metrics_by_label(run_app(language))
    latest = {}
    for row in sorted(PROJECTS):
        latest[row[1]] = row
    june = [r for r in latest.values() if r[0].startswith("2025-06") and r[6] != "closed"]
    for status in ("green", "amber", "red"):
        count = sum(1 for r in june if r[7] == status)
        assert shown[translate(language, f"status.{status}")][0] == number(count, language)
    budget = sum(r[10] for r in latest.values())
    spent = sum(r[11] for r in latest.values())
    millions = {
        v: translate(language, "unit.chf_m", value=number(v / 1e6, language, 1)) for v in (budget, spent)
    }
    delta = translate(
        language,
        "overview.portfolio.budget_delta",
        share=format_percent(spent / budget, locale=LOCALES[language]),
        budget=millions[budget],
    )
    assert shown[translate(language, "overview.portfolio.budget")] == (millions[spent], delta)


def test_portfolio_health_and_hiring_follow_the_programme_filter(warehouse: Path) -> None:
    """It keeps only Medication safety's projects and positions when the URL names it."""
    shown = metrics_by_label(run_app("en", programme="Medication safety"))
    assert [shown[s][0] for s in ("Green", "Amber", "Red")] == ["0", "0", "1"]
    budget = translate("en", "unit.chf_m", value="0.8")
    assert shown["Budget spent"][1].endswith(budget + " planned")
    assert shown["Positions filled"] == ("0", "of 1 planned")  # D, still open


@pytest.mark.parametrize("language", LANGUAGES)
def test_hiring_counts_positions_at_the_end_of_the_period(warehouse: Path, language: str) -> None:
    """It counts positions opened by 30 June 2025 (not cancelled) and those filled by then;
    one filled later is shown as filled since, its stage then unknown."""
    app = run_app(language)
    shown = metrics_by_label(app)
    end = date(2025, 6, 30)
    planned = [p for p in POSITIONS if p[6] != "cancelled" and date.fromisoformat(p[7]) <= end]
    filled = [p for p in planned if p[8] and date.fromisoformat(p[8]) <= end]
    of = translate(language, "overview.staffing.of_planned", planned=number(len(planned), language))
    assert shown[translate(language, "overview.staffing.filled")] == (number(len(filled), language), of)
    unit = {"fr": "EPT", "de": "VZÄ", "en": "FTE"}[language]
    fte = f"{number(sum(float(p[5]) for p in filled), language, 1)} {unit}"
    assert shown[translate(language, "overview.staffing.fte")][0] == fte
    earlier = translate(language, "overview.staffing.earlier", count=number(1, language))
    assert any(earlier in caption for caption in captions(app))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_warning_names_each_stale_source(warehouse: Path, language: str) -> None:
    """It warns for every source whose latest date is older than its threshold (all of
    them here: the fixture speaks of 2025), with the date and the age in days."""
    app = run_app(language)
    latest = {
        "usage": max(date.fromisoformat(r[0]) for r in USAGE),
        "projects": max(date.fromisoformat(r[0]) for r in PROJECTS),
        "milestones": max(date.fromisoformat(m[4]) for m in MILESTONES if m[4]),
        "positions": max(date.fromisoformat(d) for p in POSITIONS for d in (p[7], p[8]) if d),
    }
    today = date.today()
    expected = [
        translate(
            language,
            "overview.stale",
            source=translate(language, f"source.{source}"),
            date=format_date(day, "medium", locale=LOCALES[language]),
            days=number((today - day).days, language),
            limit=number(STALE_AFTER_DAYS[source], language),
        )
        for source, day in latest.items()
        if (today - day).days > STALE_AFTER_DAYS[source]
    ]
    assert len(expected) == 4
    assert sorted(w.value for w in app.warning) == sorted(expected)


def test_no_warning_for_a_fresh_source(data_dir: Path, tmp_path: Path) -> None:
    """It stays quiet about usage data dated today, and warns about old project reports."""
    header = ["date", "site", "department", "system", "metric", "value"]
    today = [(date.today().isoformat(), "Sion", "", "EHR", "nursing_notes_digital", 5)]
    project_header = [
        "report_date",
        "project_id",
        "project_name",
        "programme",
        "aim",
        "site",
        "phase",
        "status",
        "planned_end",
        "forecast_end",
        "budget_chf",
        "spent_chf",
        "percent_complete",
    ]
    files = [
        write_csv(tmp_path / "today.csv", header, today),
        write_csv(tmp_path / "projects.csv", project_header, PROJECTS),
    ]
    assert [r.status for r in load_files(files, loaded_by="test")] == ["loaded", "loaded"]
    app = run_app("en")
    source = translate("en", "source.projects")
    assert [w.value.startswith(f"Stale data ({source})") for w in app.warning] == [True]


@pytest.mark.parametrize("language", LANGUAGES)
def test_filters_a_section_ignores_are_named_in_a_caption(warehouse: Path, language: str) -> None:
    """It says that the programme filter does not apply to usage figures, and the aim
    filter not to hiring."""
    app = run_app(language, programme="Medication safety", aim="prevent_errors")
    texts = captions(app)
    programme = translate(language, "filters.ignored", filters=translate(language, "filters.programme"))
    aim = translate(language, "filters.ignored", filters=translate(language, "filters.aim"))
    assert programme in texts and aim in texts
    assert list(aim_metrics(app, language)) == ["prevent_errors"]


def test_filters_that_match_no_project_say_so_in_plain_words(warehouse: Path) -> None:
    """It says no project matches (not an empty block) when the aim and site leave none."""
    app = run_app("de", scope="site:Sion", aim="prevent_errors")
    assert translate("de", "filters.empty") in [i.value for i in app.info]
    assert translate("de", "status.red") not in metrics_by_label(app)
    assert not app.error
