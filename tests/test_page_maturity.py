"""The Maturity page judges the EMRAM-style criteria right, in French, German and English.

One tiny warehouse per module is loaded through the ETL from hand-made monthly usage
exports at four sites, with its own catalogue and sites, in a temporary data folder. The
criteria and their thresholds are restated here and judged from those rows, independently
of the mart and queries; figures are formatted with Babel directly.
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
from babel.numbers import format_decimal, format_percent
from streamlit.testing.v1 import AppTest

from app import charts
from app.i18n import LANGUAGES, translate
from etl.load import load_files
from etl.settings import REPO_ROOT

APP = str(REPO_ROOT / "dashboard.py")
PAGE = "pages/maturity.py"
LOCALES = {"fr": "fr_CH", "de": "de_CH", "en": "en_GB"}
MAY, JUNE = date(2025, 5, 1), date(2025, 6, 1)
REGION = {"Sion": "fr", "Sierre": "fr", "Brig": "de", "Visp": "de"}
PAIRS = {
    "nursing_notes_digital": "nursing_notes_paper",
    "orders_cpoe": "orders_paper",
    "prescriptions_electronic": "prescriptions_paper",
    "forms_digital": "forms_paper",
    "med_admin_scanned": "med_admin_unscanned",
}
# The criteria, restated: (stage, criterion, metric, threshold).
CRITERIA = [
    (3, "nursing_documentation", "nursing_notes_digital", 0.50),
    (4, "cpoe", "orders_cpoe", 0.50),
    (4, "e_prescribing", "prescriptions_electronic", 0.50),
    (5, "structured_documentation", "forms_digital", 0.50),
    (6, "closed_loop", "med_admin_scanned", 0.50),
    (7, "cpoe_complete", "orders_cpoe", 0.90),
    (7, "e_prescribing_complete", "prescriptions_electronic", 0.90),
    (7, "closed_loop_complete", "med_admin_scanned", 0.95),
    (7, "paperless_forms", "forms_digital", 0.95),
    (7, "paperless_nursing", "nursing_notes_digital", 0.95),
]
# June's (digital, paper) per site and process; May has 10% less digital everywhere.
JUNE_VOLUMES = {
    "Sion": {
        "nursing_notes_digital": (1100, 300),
        "orders_cpoe": (600, 400),
        "prescriptions_electronic": (880, 120),
        "forms_digital": (96, 4),
        "med_admin_scanned": (800, 200),
    },
    "Brig": {
        "nursing_notes_digital": (200, 300),
        "orders_cpoe": (50, 150),
        "prescriptions_electronic": (50, 50),
        "forms_digital": (40, 60),
        "med_admin_scanned": (0, 400),
    },
    "Visp": {
        "nursing_notes_digital": (990, 10),
        "orders_cpoe": (95, 5),
        "prescriptions_electronic": (95, 5),
        "forms_digital": (99, 1),
        "med_admin_scanned": (98, 2),
    },
}


def usage_rows() -> list[tuple[object, ...]]:
    """April to June at Sion, Brig and Visp; Sierre reports forms in April only."""
    rows: list[tuple[object, ...]] = [("2025-04-01", "Sierre", "", "forms", "forms_digital", 10)]
    for month, factor in ((date(2025, 4, 1), 0.8), (MAY, 0.9), (JUNE, 1.0)):
        for site, processes in JUNE_VOLUMES.items():
            for metric, (digital, paper) in processes.items():
                rows.append((month.isoformat(), site, "Station", "system", metric, round(digital * factor)))
                rows.append((month.isoformat(), site, "Station", "system", PAIRS[metric], paper))
    return rows


USAGE = usage_rows()


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One warehouse for the module, loaded through the ETL, in its own data folder."""
    root = tmp_path_factory.mktemp("maturity")
    data = root / "data"
    data.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_DATA_DIR", str(data))
        header = [
            "metric", "system", "aim", "unit", "aggregation", "label_en", "label_fr", "label_de",
            "paper_metric",
        ]  # fmt: skip
        catalogue = [
            (metric, "system", "prevent_errors", "acts", "sum", metric, metric, metric, PAIRS.get(metric, ""))
            for metric in [*PAIRS, *PAIRS.values()]
        ]
        write_csv(data / "metrics.csv", header, catalogue)
        write_csv(data / "sites.csv", ["site", "region", "centre"], [(s, r, r) for s, r in REGION.items()])
        write_csv(data / "targets.csv", ["kpi", "scope", "target", "due_date", "direction", "note"], [])
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


def share(metric: str, month: date, sites: tuple[str, ...]) -> float:
    """Digital / (digital + paper), both summed over the sites first."""

    def total(name: str) -> float:
        return sum(v for d, s, _, _, m, v in USAGE if m == name and d == month.isoformat() and s in sites)

    digital = total(metric)
    return digital / (digital + total(PAIRS[metric]))


def judged(month: date, sites: tuple[str, ...]) -> list[tuple[int, str, float, float, bool]]:
    """Each criterion: (stage, criterion, threshold, share, met), by stage then threshold."""
    rows = [(stage, c, t, share(m, month, sites)) for stage, c, m, t in CRITERIA]
    return sorted(((stage, c, t, s, s >= t) for stage, c, t, s in rows), key=lambda r: (r[0], r[2], r[1]))


def stage_reached(month: date, sites: tuple[str, ...]) -> int | None:
    """The highest stage whose criteria, and all lower stages' criteria, are met."""
    reached = None
    for stage in sorted({row[0] for row in judged(month, sites)}):
        if not all(met for s, _, _, _, met in judged(month, sites) if s == stage):
            break
        reached = stage
    return reached


def percent(value: float, language: str) -> str:
    """A share as the locale writes a percentage."""
    return format_percent(value, locale=LOCALES[language])


# --- Running the page -----------------------------------------------------------------------


def open_page(language: str, **params: str) -> AppTest:
    """The maturity page, opened in a language with these URL parameters, without errors.

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


def stage_shown(app: AppTest, language: str) -> str:
    """The value of the stage figure."""
    return next(m.value for m in app.metric if m.label == translate(language, "maturity.stage.label"))


def stage_text(stage: int | None, language: str) -> str:
    """How the page writes a stage reached, or the lowest one missed."""
    if stage is None:
        return translate(language, "maturity.stage.below", stage="3")
    return translate(language, "maturity.stage.value", stage=str(stage))


def plain(value: Any) -> Any:
    """A figure JSON value as a list: Plotly writes number arrays as typed base64 blocks."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return value


# --- The page ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_judges_each_criterion_and_names_the_stage_reached(warehouse: Path, language: str) -> None:
    """It shows every criterion's June share against its threshold, met or not, and stage 6
    for the hospital (its stage 7 criteria are not all met)."""
    app = open_page(language)
    everywhere = ("Sion", "Brig", "Visp", "Sierre")
    assert stage_reached(JUNE, everywhere) == 6
    assert stage_shown(app, language) == stage_text(6, language)
    table = app.table[0].value
    expected = [
        [
            format_decimal(stage, locale=LOCALES[language]),
            translate(language, f"maturity.criterion.{criterion}"),
            f"≥ {percent(threshold, language)}",
            percent(value, language),
            translate(language, "maturity.met" if met else "maturity.not_met"),
        ]
        for stage, criterion, threshold, value, met in judged(JUNE, everywhere)
    ]
    assert table.values.tolist() == expected
    assert list(table.columns) == [
        translate(language, key)
        for key in ("column.stage", "column.criterion", "column.threshold", "column.value", "column.status")
    ]
    month = format_skeleton("yMMMM", JUNE, locale=LOCALES[language])
    scope = translate(
        language, "scope.caption.month", scope=translate(language, "filters.all_sites"), month=month
    )
    assert scope in [c.value for c in app.caption]
    missing = [
        translate(language, f"maturity.criterion.{c}") for s, c, _, _, met in expected_rows(7) if not met
    ]
    assert translate(language, "maturity.stage.next", stage="7", criteria=" · ".join(missing)) in [
        c.value for c in app.caption
    ]


def expected_rows(stage: int) -> list[tuple[int, str, float, float, bool]]:
    """The hospital's June criteria of one stage."""
    return [row for row in judged(JUNE, ("Sion", "Brig", "Visp", "Sierre")) if row[0] == stage]


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_draws_each_share_against_its_threshold(warehouse: Path, language: str) -> None:
    """It draws a bar per criterion (green when met, red when not) and its threshold tick."""
    app = open_page(language)
    figure = json.loads(app.get("plotly_chart")[0].proto.spec)
    assert figure["layout"]["title"]["text"] == translate(language, "chart.maturity.title")
    assert figure["layout"]["xaxis"]["title"]["text"] == translate(language, "chart.share.y")
    bars, ticks = figure["data"]
    rows = judged(JUNE, ("Sion", "Brig", "Visp", "Sierre"))
    assert plain(bars["x"]) == pytest.approx([value for _, _, _, value, _ in rows])
    assert bars["marker"]["color"] == [charts.RAG_COLOURS["green" if met else "red"] for *_, met in rows]
    assert plain(ticks["x"]) == pytest.approx([threshold for _, _, threshold, _, _ in rows])
    assert ticks["name"] == translate(language, "chart.maturity.threshold")
    first = translate(
        language,
        "maturity.criterion.row",
        stage="3",
        criterion=translate(language, "maturity.criterion.nursing_documentation"),
    )
    assert bars["y"][0] == first


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_shows_the_published_benchmarks_with_their_sources(warehouse: Path, language: str) -> None:
    """It sets the HIMSS EMRAM stages, DigitalRadar means and EPD figures beside the stage."""
    app = open_page(language)
    texts = " ".join(m.value for m in app.markdown)
    locale = LOCALES[language]
    radar = translate(
        language,
        "maturity.bench.digitalradar",
        score_2021=format_decimal(33.3, format="#,##0.0", locale=locale),
        score_2024=format_decimal(42.4, format="#,##0.0", locale=locale),
        hospitals=format_decimal(1624, locale=locale),
    )
    assert radar in texts
    epd = translate(
        language,
        "maturity.bench.epd",
        hospitals=percent(0.82, language),
        population=format_percent(0.008, locale=locale, decimal_quantization=False),
    )
    assert epd in texts
    emram = translate(
        language, "maturity.bench.emram", p50=percent(0.5, language), p90=percent(0.9, language),
        p95=percent(0.95, language),
    )  # fmt: skip
    assert emram in texts
    captions = [c.value for c in app.caption]
    for key in (
        "maturity.bench.emram.source",
        "maturity.bench.digitalradar.source",
        "maturity.bench.epd.source",
    ):
        assert translate(language, key) in captions


def test_choosing_a_site_in_the_sidebar_judges_that_site(warehouse: Path) -> None:
    """It judges Brig alone (below stage 3), then Visp (stage 7, everything met)."""
    app = open_page("fr")
    app.selectbox(key="filter_scope").select("site:Brig").run()
    assert not app.exception
    assert stage_reached(JUNE, ("Brig",)) is None
    assert stage_shown(app, "fr") == stage_text(None, "fr")
    values = app.table[0].value[translate("fr", "column.value")].tolist()
    assert values == [percent(value, "fr") for _, _, _, value, _ in judged(JUNE, ("Brig",))]
    app.selectbox(key="filter_scope").select("site:Visp").run()
    assert stage_reached(JUNE, ("Visp",)) == 7
    assert stage_shown(app, "fr") == stage_text(7, "fr")
    assert translate("fr", "maturity.stage.top") in [c.value for c in app.caption]


def test_a_region_is_judged_on_its_summed_volumes_not_averaged_shares(warehouse: Path) -> None:
    """It sums Brig's and Visp's orders before dividing: 48% (CPOE not met), where the mean
    of their two shares (62.5%) would pass."""
    app = open_page("en", scope="region:de")
    german = ("Brig", "Visp")
    assert share("orders_cpoe", JUNE, german) < 0.5
    assert (share("orders_cpoe", JUNE, ("Brig",)) + share("orders_cpoe", JUNE, ("Visp",))) / 2 > 0.5
    assert stage_reached(JUNE, german) == 3
    assert stage_shown(app, "en") == stage_text(3, "en")


def test_the_period_end_chooses_the_month_judged(warehouse: Path) -> None:
    """It judges May when the period ends in May."""
    app = open_page("de", to="2025-05")
    values = app.table[0].value[translate("de", "column.value")].tolist()
    everywhere = ("Sion", "Brig", "Visp", "Sierre")
    assert values == [percent(value, "de") for _, _, _, value, _ in judged(MAY, everywhere)]
    month = format_skeleton("yMMMM", MAY, locale="de_CH")
    assert translate("de", "scope.caption.month", scope="Ganzes Spital", month=month) in [
        c.value for c in app.caption
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_says_so_in_a_sentence_when_the_filters_leave_nothing(warehouse: Path, language: str) -> None:
    """It shows the friendly sentence for a site with no usage in the month judged."""
    app = open_page(language, scope="site:Sierre")
    assert [i.value for i in app.info] == [translate(language, "filters.empty")]
    assert not app.get("plotly_chart") and not app.metric


# --- The chart builder, as a plain function --------------------------------------------------


def test_maturity_chart_colours_met_criteria_and_ticks_thresholds() -> None:
    """It draws a bar per criterion, green with ✓ when met and red with ✗ when not (— when
    no data), and a tick at each threshold."""
    criteria = pd.DataFrame(
        {
            "label": ["Stage 3 · A", "Stage 7 · B", "Stage 7 · C"],
            "share": [0.8, 0.5, None],
            "threshold": [0.5, 0.9, 0.95],
            "met": [True, False, False],
        }
    )
    text = charts.ChartText("Criteria", "Share (%)", "Criterion", ".,", lambda m: str(m))
    figure = charts.maturity_chart(criteria, text, ("met", "not met"), "Threshold")
    bars, ticks = figure.data
    assert list(bars.x) == [0.8, 0.5, 0.0]
    assert list(bars.marker.color) == [
        charts.RAG_COLOURS["green"],
        charts.RAG_COLOURS["red"],
        charts.RAG_COLOURS["red"],
    ]
    assert list(bars.text) == ["✓ 80%", "✗ 50%", "✗ —"]
    assert list(bars.customdata) == ["met", "not met", "not met"]
    assert (ticks.name, list(ticks.x)) == ("Threshold", [0.5, 0.9, 0.95])
    assert figure.layout.yaxis.autorange == "reversed"  # the lowest stage on top
    assert (figure.layout.title.text, figure.layout.xaxis.title.text) == ("Criteria", "Share (%)")
