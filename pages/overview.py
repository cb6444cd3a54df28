"""Overview: the board's headline figures — time freed, digital adoption, projects, hiring."""

from __future__ import annotations

from dataclasses import astuple

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from app import ANNUAL_HOURS_PER_FTE, charts, db, i18n, queries
from app.i18n import t


def chart_text(title_key: str, y_key: str) -> charts.ChartText:
    """A chart's words and number style in the current language."""
    return charts.ChartText(
        title=t(title_key),
        x_title=t("chart.month"),
        y_title=t(y_key),
        separators=i18n.plotly_separators(),
        format_month=i18n.fmt_month_short,
    )


def freshness_line(freshness: pd.DataFrame) -> str:
    """`Data as of: projects 30 Jun 2025 · usage ...`, one item per source."""
    items = [
        t("freshness.missing", source=t(f"source.{row.source}"))
        if pd.isna(row.latest_date)
        else t(
            "freshness.item", source=t(f"source.{row.source}"), date=i18n.fmt_date(row.latest_date)
        )
        for row in freshness.itertuples()
    ]
    return t("freshness.line", items=" · ".join(items))


def estimate_metric(
    column: DeltaGenerator, label: str, estimate: queries.Estimate, unit: str, help_text: str
) -> None:
    """One figure: the base estimate in hours (`unit.hours`) or FTE (`unit.fte`), and the
    low-high range under it."""
    decimals = 1 if unit == "unit.fte" else 0
    low, base, high = (i18n.fmt_number(v, decimals) for v in astuple(estimate))
    column.metric(
        label,
        t(unit, value=base),
        delta=t("range", low=low, high=t(unit, value=high)),
        delta_color="off",
        delta_arrow="off",
        help=help_text,
        border=True,
    )


def show_hours(version: str) -> None:
    """Hours returned to patient care: latest month, year to date, FTE, monthly chart."""
    st.subheader(t("overview.hours.header"))
    hours = queries.hours_freed(version)
    if hours is None:
        st.info(t("overview.hours.none"))
        return
    month, year = i18n.fmt_month(hours.month), str(hours.month.year)
    hours_help = t("overview.hours.help")
    fte_help = t("overview.fte.help", hours=i18n.fmt_number(ANNUAL_HOURS_PER_FTE))
    figures = (
        (t("overview.hours.month", month=month), hours.month_hours, "unit.hours", hours_help),
        (t("overview.hours.ytd", year=year), hours.ytd_hours, "unit.hours", hours_help),
        (t("overview.fte.month", month=month), hours.month_fte, "unit.fte", fte_help),
        (t("overview.fte.ytd", year=year), hours.ytd_fte, "unit.fte", fte_help),
    )
    for column, (label, estimate, unit, help_text) in zip(st.columns(4), figures, strict=True):
        estimate_metric(column, label, estimate, unit, help_text)
    target = queries.kpi_target(version, "hours_freed", "all", hours.month)
    if target is not None:
        st.caption(
            t(
                "overview.hours.target",
                value=i18n.fmt_hours(target.target),
                due=i18n.fmt_date(target.due_date),
            )
        )
    goal = None
    if target is not None:
        goal_text = t(
            "chart.goal",
            value=i18n.fmt_hours(target.target),
            due=i18n.fmt_month_short(target.due_date),
        )
        goal = charts.Goal(target.target, goal_text)
    figure = charts.hours_freed_chart(
        queries.hours_freed_monthly(version),
        chart_text("chart.hours.title", "chart.hours.y"),
        t("chart.hours.series"),
        goal,
    )
    st.plotly_chart(figure, width="stretch")


def share_metric(column: DeltaGenerator, row: pd.Series) -> None:
    """A process's share, with its change in points against the same month a year before."""
    value = "—" if pd.isna(row["share"]) else i18n.fmt_percent(row["share"])
    delta, points = None, 0
    if not pd.isna(row["share"]) and not pd.isna(row["previous_share"]):
        points = round((row["share"] - row["previous_share"]) * 100)
        previous = i18n.fmt_month(row["previous_month"])
        delta = t("overview.share.delta", points=i18n.fmt_points(points), month=previous)
    column.metric(
        row["label"],
        value,
        delta=delta,
        delta_color="normal" if points else "off",
        delta_arrow="auto" if points else "off",
        help=t("overview.share.help", label=row["label"]),
        border=True,
    )


def show_shares(version: str, language: str) -> None:
    """Digital share of the key processes: latest month vs a year before, and the trend."""
    st.subheader(t("overview.share.header"))
    shares = queries.key_process_shares(version, language)
    if shares.empty:
        st.info(t("overview.share.none"))
        return
    latest = shares["month"].iloc[0]
    st.caption(t("overview.share.caption", month=i18n.fmt_month(latest)))
    columns = [column for _ in range(0, len(shares), 2) for column in st.columns(2)]
    for column, (_, row) in zip(columns, shares.iterrows(), strict=False):
        share_metric(column, row)
    trend = queries.process_share_trend(version, language, tuple(shares["metric"]))
    goals = {
        row.label: charts.Goal(
            row.target,
            t(
                "chart.goal",
                value=i18n.fmt_percent(row.target),
                due=i18n.fmt_month_short(row.due_date),
            ),
        )
        for row in queries.share_targets(version, language, latest.date()).itertuples()
    }
    figure = charts.share_trend_chart(
        trend, chart_text("chart.share.title", "chart.share.y"), goals
    )
    st.plotly_chart(figure, width="stretch")


def show_portfolio(version: str) -> None:
    """Active projects by RAG status at the latest report, and per month."""
    st.subheader(t("overview.portfolio.header"))
    rag = queries.portfolio_rag_monthly(version)
    if rag.empty:
        st.info(t("overview.portfolio.none"))
        return
    latest = rag.iloc[-1]
    columns = st.columns(3)
    for column, status in zip(columns, ("green", "amber", "red"), strict=True):
        column.metric(t(f"status.{status}"), i18n.fmt_number(latest[status]), border=True)
    st.caption(
        t(
            "overview.portfolio.caption",
            month=i18n.fmt_month(latest["report_month"]),
            total=i18n.fmt_number(latest["total"]),
        )
    )
    labels = {status: t(f"status.{status}") for status in ("green", "amber", "red")}
    st.plotly_chart(
        charts.rag_chart(rag, chart_text("chart.rag.title", "chart.rag.y"), labels), width="stretch"
    )


def staffing_figures(staffing: queries.Staffing) -> None:
    """Positions and FTE filled of planned, and where the unfilled ones stand."""
    help_text = t("overview.staffing.help", month=i18n.fmt_month(staffing.month))
    figures = (
        (
            "overview.staffing.filled",
            i18n.fmt_number(staffing.filled),
            i18n.fmt_number(staffing.planned),
        ),
        (
            "overview.staffing.fte",
            i18n.fmt_fte(staffing.fte_filled),
            i18n.fmt_fte(staffing.fte_planned),
        ),
    )
    for column, (label_key, filled, planned) in zip(st.columns(2), figures, strict=True):
        column.metric(
            t(label_key),
            filled,
            delta=t("overview.staffing.of_planned", planned=planned),
            delta_color="off",
            delta_arrow="off",
            help=help_text,
            border=True,
        )
    if staffing.open is not None:
        pipeline = {
            "open": staffing.open,
            "interviewing": staffing.interviewing or 0,
            "offer": staffing.offer or 0,
        }
        counts = {name: i18n.fmt_number(count) for name, count in pipeline.items()}
        month = i18n.fmt_month(staffing.month)
        st.caption(t("overview.staffing.pipeline", month=month, **counts))


def show_staffing(version: str) -> None:
    """Hiring at the end of the latest month, and planned vs filled month by month."""
    st.subheader(t("overview.staffing.header"))
    staffing = queries.staffing_latest(version)
    if staffing is None:
        st.info(t("overview.staffing.none"))
        return
    staffing_figures(staffing)
    figure = charts.staffing_chart(
        queries.staffing_monthly(version),
        chart_text("chart.staffing.title", "chart.staffing.y"),
        t("chart.staffing.planned"),
        t("chart.staffing.filled"),
    )
    st.plotly_chart(figure, width="stretch")


version = db.warehouse_version()
st.title(t("overview.title"))
st.caption(t("overview.subtitle"))
st.caption(freshness_line(queries.data_freshness(version)))
show_hours(version)
show_shares(version, i18n.current_language())
left, right = st.columns(2, gap="large")
with left:
    show_portfolio(version)
with right:
    show_staffing(version)
