"""Portfolio: every project's latest status, its timeline and slippage, RAG counts over the
reports, budget by programme, milestones planned vs reached, and one project's history."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from app import auth, charts, db, downloads, exports, filters, i18n, queries
from app.i18n import t

PROJECT_KEY = "portfolio_project"  # the selected project, in st.session_state and the URL
PROJECT_PARAM = "project"
NAME_CHARACTERS = 38  # a project's name on the timeline's axis, cut to fit
PROJECT_WIDTH = 220  # pixels: the project column of the status table
TEXT_ON = {"green": "#FFFFFF", "amber": "#000000", "red": "#FFFFFF"}  # readable on each RAG colour


def chart_text(title_key: str, x_key: str, y_key: str) -> charts.ChartText:
    """A chart's words and number style in the current language."""
    return charts.ChartText(
        title=t(title_key),
        x_title=t(x_key),
        y_title=t(y_key),
        separators=i18n.plotly_separators(),
        format_month=i18n.fmt_month_short,
    )


def maybe(format_value: Callable[[Any], str]) -> Callable[[Any], str]:
    """A cell formatter that writes a dash for a missing value."""
    return lambda value: "—" if value is None or pd.isna(value) else format_value(value)


def days_text(days: float) -> str:
    """A number of days, signed: `+45 j`, `0 j`, `-10 j`."""
    return t("unit.days", value=i18n.fmt_number(days, signed=True))


def site_text(site: Any) -> str:
    """A project's site, `all` written as the whole hospital."""
    return t("filters.all_sites") if pd.isna(site) or str(site).lower() == "all" else str(site)


def status_style(labels: Mapping[str, str]) -> Callable[[Any], str]:
    """CSS painting a translated status label in its RAG colour."""
    colours = {label: status for status, label in labels.items()}

    def style(label: Any) -> str:
        status = colours.get(str(label))
        if status is None:
            return ""
        return f"background-color: {charts.RAG_COLOURS[status]}; color: {TEXT_ON[status]}"

    return style


def styled_table(frame: pd.DataFrame, formats: Mapping[str, Callable[[Any], str]]) -> Styler:
    """A table with translated headers, locale-formatted cells and RAG-coloured statuses."""
    labels = {status: t(f"status.{status}") for status in charts.RAG_COLOURS}
    renamed = frame.rename(columns={column: t(f"column.{column}") for column in frame.columns})
    if "status" in frame.columns:
        renamed[t("column.status")] = frame["status"].map(lambda s: labels.get(s, s)).to_numpy()
    if "phase" in frame.columns:
        renamed[t("column.phase")] = frame["phase"].map(lambda p: t(f"phase.{p}")).to_numpy()
    styler = renamed.style.format({t(f"column.{c}"): f for c, f in formats.items()})
    if "status" in frame.columns:
        styler = styler.map(status_style(labels), subset=[t("column.status")])
    return styler.hide(axis="index")


TABLE_COLUMNS = [
    "project",
    "phase",
    "status",
    "percent_complete",
    "planned_end",
    "forecast_end",
    "slippage",
    "budget",
    "spent_share",
]


def show_table(latest: pd.DataFrame) -> None:
    """Every project's latest status, RAG-coloured, with money in CHF."""
    st.subheader(t("portfolio.table.header"))
    shown = latest.assign(
        project=latest["project_id"] + " · " + latest["project_name"],
        slippage=latest["slippage_days"],
        budget=latest["budget_chf"],
    )[TABLE_COLUMNS]
    formats = {
        "percent_complete": maybe(lambda v: i18n.fmt_percent(v / 100)),
        "planned_end": maybe(i18n.fmt_date),
        "forecast_end": maybe(i18n.fmt_date),
        "slippage": maybe(days_text),
        "budget": maybe(lambda v: i18n.fmt_number(v / 1e6, 1)),
        "spent_share": maybe(i18n.fmt_percent),
    }
    widths = {t("column.project"): PROJECT_WIDTH}
    styled = styled_table(shown, formats)
    st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        height="content",
        placeholder="—",
        column_config={name: st.column_config.TextColumn(width=px) for name, px in widths.items()},
    )
    downloads.table_downloads(styled.data, t("nav.portfolio"), key="portfolio-status")


def timeline_rows(latest: pd.DataFrame) -> pd.DataFrame:
    """The projects not closed, with their axis label and hover text for the timeline."""
    active = latest[latest["phase"] != "closed"].sort_values(["start_date", "project_id"])
    dash = maybe(i18n.fmt_date)
    hover = [
        t(
            "chart.timeline.hover",
            project=f"{row.project_id} · {row.project_name}",
            status=t(f"status.{row.status}"),
            phase=t(f"phase.{row.phase}"),
            percent=maybe(lambda v: i18n.fmt_percent(v / 100))(row.percent_complete),
            start=dash(row.start_date),
            planned=dash(row.planned_end),
            forecast=dash(row.forecast_end),
            slippage=maybe(days_text)(row.slippage_days),
        )
        for row in active.itertuples()
    ]
    labels = [
        f"{row.project_id} {row.project_name[:NAME_CHARACTERS]}"
        + ("…" if len(row.project_name) > NAME_CHARACTERS else "")
        for row in active.itertuples()
    ]
    return active.assign(label=labels, hover=hover)


def show_timeline(latest: pd.DataFrame, as_of: date) -> None:
    """A Gantt chart of the projects not closed, slippage hatched in red."""
    st.subheader(t("portfolio.timeline.header"))
    rows = timeline_rows(latest)
    if rows.empty:
        st.info(t("filters.empty"))
        return
    labels = {status: t(f"status.{status}") for status in charts.RAG_COLOURS}
    labels |= {
        "slippage": t("chart.timeline.slippage"),
        "as_of": t("chart.timeline.as_of", month=i18n.fmt_month_short(as_of)),
    }
    figure = charts.timeline_chart(
        rows, chart_text("chart.timeline.title", "chart.date", "chart.timeline.y"), labels, as_of
    )
    exports.chart_with_download(figure, key="portfolio-1")


def show_rag(version: str, chosen: filters.Filters) -> None:
    """Active projects by RAG status per report month of the period."""
    st.subheader(t("portfolio.rag.header"))
    rag = queries.portfolio_rag_monthly_for(
        version, chosen.start, chosen.end, chosen.programme, chosen.aim, chosen.region, chosen.site
    )
    if rag.empty:
        st.info(t("filters.empty"))
        return
    labels = {status: t(f"status.{status}") for status in charts.RAG_COLOURS}
    text = chart_text("chart.rag.title", "chart.month", "chart.rag.y")
    figure = charts.whole_counts(charts.rag_chart(rag, text, labels))
    exports.chart_with_download(figure, key="portfolio-2")


def show_budget(version: str, chosen: filters.Filters) -> None:
    """Planned budget and spending per programme, as last reported."""
    st.subheader(t("portfolio.budget.header"))
    budget = queries.budget_by_programme(
        version, chosen.end, chosen.programme, chosen.aim, chosen.region, chosen.site
    )
    figure = charts.budget_chart(
        budget,
        chart_text("chart.budget.title", "chart.budget.x", "chart.budget.y"),
        t("chart.budget.budget"),
        t("chart.budget.spent"),
    )
    exports.chart_with_download(figure, key="portfolio-3")


def show_milestones(version: str, chosen: filters.Filters) -> None:
    """Milestones due and reached per month of the period."""
    st.subheader(t("portfolio.milestones.header"))
    monthly = queries.milestones_monthly(
        version, chosen.start, chosen.end, chosen.programme, chosen.aim, chosen.region, chosen.site
    )
    if int(monthly["planned"].sum()) + int(monthly["reached"].sum()) == 0:
        st.info(t("filters.empty"))
        return
    st.caption(
        t(
            "portfolio.milestones.caption",
            planned=i18n.fmt_number(monthly["planned"].sum()),
            on_time=i18n.fmt_number(monthly["reached_on_time"].sum()),
            reached=i18n.fmt_number(monthly["reached"].sum()),
        )
    )
    figure = charts.milestones_chart(
        monthly,
        chart_text("chart.milestones.title", "chart.month", "chart.milestones.y"),
        t("chart.milestones.planned"),
        t("chart.milestones.reached"),
    )
    exports.chart_with_download(figure, key="portfolio-4")


def choose_project(latest: pd.DataFrame) -> pd.Series:
    """A selectbox of the projects shown, seeded from and written to the URL (`?project=`)."""
    names = dict(
        zip(latest["project_id"], latest["project_id"] + " · " + latest["project_name"], strict=True)
    )
    options = list(names)
    if st.session_state.get(PROJECT_KEY) not in options:
        wanted = st.query_params.get(PROJECT_PARAM)
        st.session_state[PROJECT_KEY] = wanted if wanted in options else options[0]
    chosen = st.selectbox(
        t("portfolio.project.select"), options, key=PROJECT_KEY, format_func=names.__getitem__
    )
    if st.query_params.get(PROJECT_PARAM) != chosen:
        st.query_params[PROJECT_PARAM] = chosen
    return latest[latest["project_id"] == chosen].iloc[0]


def show_project(version: str, latest: pd.DataFrame) -> None:
    """The chosen project's status reports, newest first, and its milestones."""
    st.subheader(t("portfolio.project.header"))
    project = choose_project(latest)
    owner = "—" if pd.isna(project["owner"]) else project["owner"]
    st.caption(
        t(
            "portfolio.project.summary",
            programme=project["programme"],
            site=site_text(project["site"]),
            owner=owner,
        )
    )
    history = milestones = st.container()
    history.markdown(f"**{t('portfolio.project.history')}**")
    reports = queries.project_history(version, project["project_id"]).rename(columns={"spent_chf": "spent"})
    history.dataframe(
        styled_table(
            reports,
            {
                "report_date": maybe(i18n.fmt_date),
                "percent_complete": maybe(lambda v: i18n.fmt_percent(v / 100)),
                "forecast_end": maybe(i18n.fmt_date),
                "spent": maybe(i18n.fmt_number),
                "comment": maybe(str),
            },
        ),
        hide_index=True,
        width="stretch",
        placeholder="—",
    )
    milestones.markdown(f"**{t('portfolio.project.milestones')}**")
    steps = queries.project_milestones(version, project["project_id"])
    if steps.empty:
        milestones.info(t("portfolio.project.no_milestones"))
        return
    milestones.dataframe(
        styled_table(
            steps.rename(columns={"delay_days": "delay"}),
            {
                "planned_date": maybe(i18n.fmt_date),
                "actual_date": maybe(i18n.fmt_date),
                "delay": maybe(days_text),
            },
        ),
        hide_index=True,
        width="stretch",
        placeholder="—",
    )


def main() -> None:
    """Title, filters, then the portfolio as of the period's last report month."""
    version, chosen = db.warehouse_version(), filters.current()
    st.title(t("portfolio.title"))
    st.caption(t("portfolio.subtitle"))
    latest = queries.portfolio_latest(
        version, chosen.end, chosen.programme, chosen.aim, chosen.region, chosen.site
    )
    if latest.empty:
        freshness = queries.data_freshness(version)
        loaded = int(freshness.loc[freshness["source"] == "projects", "row_count"].sum()) > 0
        st.info(t("filters.empty") if loaded else t("overview.portfolio.none"))
        return
    as_of = pd.Timestamp(latest["report_date"].max()).date()
    scope = i18n.scope_name(chosen.region, chosen.site)
    st.caption(
        t("portfolio.as_of", month=i18n.fmt_month(as_of), count=i18n.fmt_number(len(latest)), scope=scope)
    )
    if chosen.scope != filters.ALL:
        st.caption(t("filters.scope_note"))
    show_table(latest)
    show_timeline(latest, as_of)
    left, right = st.columns(2, gap="large")
    with left:
        show_rag(version, chosen)
    with right:
        show_budget(version, chosen)
    show_milestones(version, chosen)
    show_project(version, latest)


auth.require()
main()
