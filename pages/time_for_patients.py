"""Time for patients: staff hours freed by the digital processes, by system, aim and site,
with the low-base-high range, since the programme started, as FTE, and the coefficients
behind the number."""

from __future__ import annotations

from dataclasses import astuple, replace
from datetime import date

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

import app
from app import auth, charts, db, downloads, exports, filters, i18n, queries
from app.i18n import t
from etl.contracts import AIMS


def chart_text(title_key: str, y_key: str) -> charts.ChartText:
    """A chart's words and number style in the current language."""
    return charts.ChartText(
        title=t(title_key),
        x_title=t("chart.month"),
        y_title=t(y_key),
        separators=i18n.plotly_separators(),
        format_month=i18n.fmt_month_short,
    )


def estimate_metric(
    column: DeltaGenerator, label: str, estimate: queries.Estimate, unit: str, help_text: str
) -> None:
    """One figure: the base estimate in its unit, and the low-high range under it."""
    decimals = 0 if unit == "unit.hours" else 1
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


def show_figures(summary: queries.HoursSummary) -> None:
    """Hours and FTE over the period, and hours and full-time years since the start."""
    period = {"start": i18n.fmt_month(summary.start), "end": i18n.fmt_month(summary.end)}
    since = i18n.fmt_month_short(summary.programme_start)
    annual = i18n.fmt_number(app.ANNUAL_HOURS_PER_FTE)
    cumulative_help = t(
        "time.cumulative.help",
        start=i18n.fmt_month(summary.programme_start),
        end=i18n.fmt_month(summary.end),
    )
    figures = (
        (
            t("time.period.hours"),
            summary.period_hours,
            "unit.hours",
            t("time.period.help", details=t("overview.hours.help"), **period),
        ),
        (
            t("time.period.fte"),
            summary.period_fte,
            "unit.fte",
            t("time.period.help", details=t("overview.fte.help", hours=annual), **period),
        ),
        (t("time.cumulative.hours", start=since), summary.cumulative_hours, "unit.hours", cumulative_help),
        (
            t("time.cumulative.years", start=since),
            summary.cumulative_fte_years,
            "unit.fte_years",
            t("time.years.help", hours=annual),
        ),
    )
    for column, (label, estimate, unit, help_text) in zip(st.columns(4), figures, strict=True):
        estimate_metric(column, label, estimate, unit, help_text)


def hours_goal(version: str, chosen: filters.Filters, as_of: date) -> charts.Goal | None:
    """The monthly hours target of the scope, when all aims are counted."""
    target = None if chosen.aim else queries.kpi_target(version, "hours_freed", chosen.scope, as_of)
    if target is None:
        return None
    text = t("chart.goal", value=i18n.fmt_hours(target.target), due=i18n.fmt_month_short(target.due_date))
    return charts.Goal(target.target, text)


def group_labels(dimension: str, groups: pd.Series) -> dict[str, str]:
    """Each group's name in the reader's language: systems and aims translated, sites as named."""
    if dimension == "aim":
        return {aim: t(f"aim.{aim}") for aim in AIMS}
    if dimension == "system":
        return {str(system): i18n.system_name(str(system)) for system in groups.unique()}
    return {}


def show_breakdowns(
    version: str, scope: queries.Scope, totals: pd.DataFrame, goal: charts.Goal | None
) -> None:
    """Monthly hours by system, by aim and by site, one tab each, with the total's range."""
    st.subheader(t("time.chart.header"))
    dimensions = tuple(queries.HOURS_DIMENSIONS)
    for tab, dimension in zip(st.tabs([t(f"time.by.{d}") for d in dimensions]), dimensions, strict=True):
        by_group = queries.hours_freed_by(version, scope, dimension)
        text = chart_text(f"chart.time.{dimension}.title", "chart.hours.y")
        labels = group_labels(dimension, by_group["group"])
        figure = charts.hours_breakdown_chart(
            by_group, totals, text, labels, t("chart.time.total_range"), goal
        )
        exports.chart_with_download(figure, key=f"time-{dimension}", container=tab)


def minutes_text(minutes: float) -> str:
    """Minutes per unit, with one decimal."""
    return i18n.fmt_number(minutes, 1)


def show_coefficients(version: str, language: str, aim: str | None) -> None:
    """The minutes saved per unit behind the hours, beside the charts, each with its source
    as a numbered note under the table."""
    st.subheader(t("time.coefficients.header"))
    st.caption(t("time.coefficients.caption"))
    rows = list(queries.time_saved_coefficients(version, language, aim).itertuples())
    sources = list(dict.fromkeys(row.source for row in rows if row.source))
    table = pd.DataFrame(
        {
            t("column.process"): [
                t("footnote", label=row.label, number=sources.index(row.source) + 1)
                if row.source
                else row.label
                for row in rows
            ],
            t("column.unit"): [i18n.unit_name(row.unit) for row in rows],
            t("column.minutes"): [
                t(
                    "minutes.estimates",
                    base=minutes_text(row.minutes_base),
                    low=minutes_text(row.minutes_low),
                    high=minutes_text(row.minutes_high),
                )
                for row in rows
            ],
        }
    )
    st.table(table, hide_index=True)
    downloads.table_downloads(table, t("time.coefficients.sources"), key="time-coefficients")
    notes = "  \n".join(f"[{number}] {source}" for number, source in enumerate(sources, start=1))
    st.caption(f"**{t('time.coefficients.sources')}**  \n{notes}")


def main() -> None:
    """Title, scope, the headline figures, then the charts beside their coefficients."""
    version, language, chosen = db.warehouse_version(), i18n.current_language(), filters.current()
    scope = queries.Scope(chosen.start, chosen.end, chosen.region, chosen.site, chosen.aim)
    st.title(t("time.title"))
    st.caption(t("time.subtitle"))
    summary = queries.hours_freed_summary(version, scope)
    totals = queries.hours_freed_totals(version, scope)
    if summary is None or totals.empty:
        st.info(t("filters.empty"))
        return
    place = i18n.scope_name(chosen.region, chosen.site)
    st.caption(
        t("scope.caption", scope=place, start=i18n.fmt_month(summary.start), end=i18n.fmt_month(summary.end))
    )
    show_figures(summary)
    charts_column, coefficients_column = st.columns([5, 4], gap="large")
    with charts_column:
        show_breakdowns(version, scope, totals, hours_goal(version, chosen, summary.end))
        since_start = queries.hours_freed_totals(version, replace(scope, start=summary.programme_start))
        band = (t("chart.time.band"), t("chart.time.total"))
        figure = charts.cumulative_hours_chart(
            since_start, chart_text("chart.cumulative.title", "chart.cumulative.y"), band
        )
        exports.chart_with_download(figure, key="time-cumulative")
    with coefficients_column:
        show_coefficients(version, language, chosen.aim)


auth.require()
main()
