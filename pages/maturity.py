"""Maturity: EMRAM-style criteria measured from the usage data, met or not, the highest
stage reached, and the published benchmarks beside them (shared/reference.md)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app import auth, charts, db, downloads, exports, filters, i18n, queries
from app.i18n import t

# Published benchmarks (shared/reference.md), each shown with its source.
EMRAM_THRESHOLDS = {"p50": 0.50, "p90": 0.90, "p95": 0.95}  # HIMSS EMRAM stages 6 and 7
DIGITALRADAR_2021, DIGITALRADAR_2024, DIGITALRADAR_HOSPITALS = 33.3, 42.4, 1624
EPD_HOSPITALS_CONNECTED, EPD_POPULATION_WITH_RECORD = 0.82, 0.008  # August 2024


def criterion_name(row: Any) -> str:
    """`Stage 4 · Computerised order entry (CPOE)`: unique per criterion, in the language."""
    return t(
        "maturity.criterion.row",
        stage=i18n.fmt_number(row.stage),
        criterion=t(f"maturity.criterion.{row.criterion}"),
    )


def status_text(row: Any) -> str:
    """Met, not met, or no data to judge by."""
    if pd.isna(row.share):
        return t("maturity.no_data")
    return t("maturity.met") if row.met else t("maturity.not_met")


def show_stage(criteria: pd.DataFrame, stage: int | None) -> None:
    """The highest stage reached, and what the next stage still lacks."""
    lowest = int(criteria["stage"].min())
    value = (
        t("maturity.stage.below", stage=i18n.fmt_number(lowest))
        if stage is None
        else t("maturity.stage.value", stage=i18n.fmt_number(stage))
    )
    st.metric(t("maturity.stage.label"), value, help=t("maturity.stage.help"), border=True)
    missing = criteria[~criteria["met"]]
    if missing.empty:
        st.caption(t("maturity.stage.top"))
        return
    next_stage = int(missing["stage"].min())
    names = [t(f"maturity.criterion.{c}") for c in missing.loc[missing["stage"] == next_stage, "criterion"]]
    st.caption(t("maturity.stage.next", stage=i18n.fmt_number(next_stage), criteria=" · ".join(names)))


def show_chart(criteria: pd.DataFrame) -> None:
    """Each criterion as a bar of its current share against its threshold."""
    named = criteria.assign(label=[criterion_name(row) for row in criteria.itertuples()])
    text = charts.ChartText(
        title=t("chart.maturity.title"),
        x_title=t("chart.share.y"),
        y_title=t("chart.maturity.y"),
        separators=i18n.plotly_separators(),
        format_month=i18n.fmt_month_short,
    )
    status = (t("maturity.met"), t("maturity.not_met"))
    figure = charts.maturity_chart(named, text, status, t("chart.maturity.threshold"))
    exports.chart_with_download(figure, key="maturity-1")


def show_table(criteria: pd.DataFrame) -> None:
    """The criteria in words: stage, threshold, current value, met or not."""
    st.subheader(t("maturity.criteria.header"))
    rows = list(criteria.itertuples())
    table = pd.DataFrame(
        {
            t("column.stage"): [i18n.fmt_number(row.stage) for row in rows],
            t("column.criterion"): [t(f"maturity.criterion.{row.criterion}") for row in rows],
            t("column.threshold"): [f"≥ {i18n.fmt_percent(row.threshold)}" for row in rows],
            t("column.value"): ["—" if pd.isna(row.share) else i18n.fmt_percent(row.share) for row in rows],
            t("column.status"): [status_text(row) for row in rows],
        }
    )
    st.table(table, hide_index=True)
    downloads.table_downloads(table, t("nav.maturity"), key="maturity-criteria")


def show_benchmarks() -> None:
    """HIMSS EMRAM stages, DigitalRadar national means and the EPD figures, with sources."""
    st.subheader(t("maturity.benchmarks.header"))
    thresholds = {name: i18n.fmt_percent(value) for name, value in EMRAM_THRESHOLDS.items()}
    st.markdown(t("maturity.bench.emram", **thresholds))
    st.caption(t("maturity.bench.emram.source"))
    st.markdown(
        t(
            "maturity.bench.digitalradar",
            score_2021=i18n.fmt_number(DIGITALRADAR_2021, 1),
            score_2024=i18n.fmt_number(DIGITALRADAR_2024, 1),
            hospitals=i18n.fmt_number(DIGITALRADAR_HOSPITALS),
        )
    )
    st.caption(t("maturity.bench.digitalradar.source"))
    st.markdown(
        t(
            "maturity.bench.epd",
            hospitals=i18n.fmt_percent(EPD_HOSPITALS_CONNECTED),
            population=i18n.fmt_percent(EPD_POPULATION_WITH_RECORD, 1),
        )
    )
    st.caption(t("maturity.bench.epd.source"))
    st.caption(t("maturity.bench.note"))


def main() -> None:
    """Title, the month and scope judged, the stage and its criteria beside the benchmarks."""
    version, language, chosen = db.warehouse_version(), i18n.current_language(), filters.current()
    scope = queries.Scope(chosen.start, chosen.end, chosen.region, chosen.site)
    st.title(t("maturity.title"))
    st.caption(t("maturity.subtitle"))
    criteria = queries.maturity_criteria(version, language, scope)
    if criteria.empty:
        st.info(t("filters.empty"))
        return
    place = i18n.scope_name(chosen.region, chosen.site)
    st.caption(t("scope.caption.month", scope=place, month=i18n.fmt_month(criteria["month"].iloc[0])))
    left, right = st.columns([3, 2], gap="large")
    with left:
        show_stage(criteria, queries.maturity_stage(version, scope))
        show_table(criteria)
    with right:
        show_benchmarks()
    show_chart(criteria)


auth.require()
main()
