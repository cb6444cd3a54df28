"""Team: the hiring of the IT positions — the pipeline at the period's end, positions filled
against the plan month by month, time to fill by role, and FTE by team."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import auth, charts, db, exports, filters, i18n, queries
from app.i18n import t

STAGES = ("open", "interviewing", "offer", "filled")


def chart_text(title_key: str, x_key: str, y_key: str) -> charts.ChartText:
    """A chart's words and number style in the current language."""
    return charts.ChartText(
        title=t(title_key),
        x_title=t(x_key),
        y_title=t(y_key),
        separators=i18n.plotly_separators(),
        format_month=i18n.fmt_month_short,
    )


def show_pipeline(hiring: queries.Hiring) -> None:
    """Positions by hiring stage at the end of the period, and the plan they belong to."""
    st.subheader(t("team.pipeline.header"))
    stages = [*STAGES, "earlier_stage"] if hiring.earlier_stage else list(STAGES)
    help_text = t("team.pipeline.help", month=i18n.fmt_month(hiring.month))
    for column, stage in zip(st.columns(len(stages)), stages, strict=True):
        column.metric(
            t(f"stage.{stage}"), i18n.fmt_number(getattr(hiring, stage)), help=help_text, border=True
        )
    st.caption(
        t(
            "team.planned",
            count=i18n.fmt_number(hiring.planned),
            fte=i18n.fmt_fte(hiring.fte_planned),
            filled=i18n.fmt_fte(hiring.fte_filled),
        )
    )


def show_plan(version: str, chosen: filters.Filters) -> None:
    """Positions planned and filled at each month end of the period."""
    st.subheader(t("team.plan.header"))
    monthly = queries.positions_monthly_for(
        version, chosen.start, chosen.end, chosen.programme, chosen.region, chosen.site
    )
    if monthly.empty:
        st.info(t("filters.empty"))
        return
    figure = charts.whole_counts(
        charts.staffing_chart(
            monthly,
            chart_text("chart.staffing.title", "chart.month", "chart.staffing.y"),
            t("chart.staffing.planned"),
            t("chart.staffing.filled"),
        )
    )
    exports.chart_with_download(figure, key="team-1")


def show_time_to_fill(version: str, chosen: filters.Filters) -> None:
    """Median days from opening to filling per role, with the fastest and slowest hire."""
    st.subheader(t("team.fill.header"))
    roles = queries.time_to_fill_by_role(version, chosen.end, chosen.programme, chosen.region, chosen.site)
    if roles.empty:
        st.info(t("team.fill.none"))
        return
    figure = charts.time_to_fill_chart(
        roles, chart_text("chart.fill.title", "chart.fill.x", "chart.fill.y"), t("chart.fill.hover")
    )
    exports.chart_with_download(figure, key="team-2")


def show_fte_by_team(version: str, chosen: filters.Filters) -> None:
    """FTE filled and vacant per team at the end of the period."""
    st.subheader(t("team.fte.header"))
    teams = queries.fte_by_team(version, chosen.end, chosen.programme, chosen.region, chosen.site)
    named = teams.assign(team=teams["team"].map(lambda team: t("team.no_team") if pd.isna(team) else team))
    figure = charts.fte_by_team_chart(
        named,
        chart_text("chart.fte.title", "chart.fte.x", "chart.fte.y"),
        t("chart.fte.filled"),
        t("chart.fte.vacant"),
    )
    exports.chart_with_download(figure, key="team-3")


def main() -> None:
    """Title, filters, then the hiring as of the end of the period."""
    version, chosen = db.warehouse_version(), filters.current()
    st.title(t("team.title"))
    st.caption(t("team.subtitle"))
    hiring = queries.hiring_as_of(version, chosen.end, chosen.programme, chosen.region, chosen.site)
    if hiring is None:
        freshness = queries.data_freshness(version)
        loaded = int(freshness.loc[freshness["source"] == "positions", "row_count"].sum()) > 0
        st.info(t("filters.empty") if loaded else t("overview.staffing.none"))
        return
    programme = chosen.programme or t("filters.all_programmes")
    scope = i18n.scope_name(chosen.region, chosen.site)
    st.caption(t("team.as_of", month=i18n.fmt_month(hiring.month), scope=scope, programme=programme))
    if chosen.aim:
        st.caption(t("filters.ignored", filters=t("filters.aim")))
    show_pipeline(hiring)
    show_plan(version, chosen)
    left, right = st.columns(2, gap="large")
    with left:
        show_time_to_fill(version, chosen)
    with right:
        show_fte_by_team(version, chosen)


auth.require()
main()
