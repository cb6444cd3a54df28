"""Overview: the board's headline figures — time freed, projects, hiring, the five aims
against their targets, then the trends behind them. Follows the sidebar filters."""

from __future__ import annotations

from dataclasses import astuple
from datetime import date
from typing import Literal

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

import app
from app import auth, charts, db, exports, filters, i18n, queries
from app.i18n import t
from etl.contracts import AIMS

# The colour of an aim card's signal and sparkline, by target_status().
SignalColour = Literal["green", "red", "gray"]
STATUS_COLOURS: dict[str, SignalColour] = {
    "met": "green",
    "on_track": "green",
    "off_track": "red",
    "no_target": "gray",
}
AIM_COLUMNS = 3  # aim cards per row


def chart_text(title_key: str, y_key: str, title: str | None = None) -> charts.ChartText:
    """A chart's words and number style in the current language."""
    return charts.ChartText(
        title=title or t(title_key),
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
        else t("freshness.item", source=t(f"source.{row.source}"), date=i18n.fmt_date(row.latest_date))
        for row in freshness.itertuples()
    ]
    return t("freshness.line", items=" · ".join(items))


def show_stale_warnings(freshness: pd.DataFrame, today: date) -> None:
    """A visible warning for each source whose latest date is older than its threshold."""
    for stale in queries.stale_sources(freshness, today):
        st.warning(
            t(
                "overview.stale",
                source=t(f"source.{stale.source}"),
                date=i18n.fmt_date(stale.latest_date),
                days=i18n.fmt_number(stale.age_days),
                limit=i18n.fmt_number(stale.limit_days),
            ),
            icon=":material/history:",
        )


def has_rows(freshness: pd.DataFrame, source: str) -> bool:
    """Whether a source has any data loaded (else its sections say so, not "no match")."""
    rows = freshness.loc[freshness["source"] == source, "row_count"]
    return bool(len(rows)) and int(rows.iloc[0]) > 0


def say_empty(freshness: pd.DataFrame, source: str, none_key: str) -> None:
    """Nothing to show: no data loaded yet (`none_key`), or none in the chosen filters."""
    st.info(t(none_key) if not has_rows(freshness, source) else t("filters.empty"))


def ignored_caption(*names: str) -> None:
    """Say which chosen filters a section does not apply (only those actually set)."""
    chosen = filters.current()
    values = {"programme": chosen.programme, "aim": chosen.aim}
    ignored = [t(f"filters.{name}") for name in names if values[name]]
    if ignored:
        st.caption(t("filters.ignored", filters=", ".join(ignored)))


def scope_caption(chosen: filters.Filters) -> str:
    """`Scope: Brig · all aims`: the place and aim a section covers."""
    aim = t(f"aim.{chosen.aim}") if chosen.aim else t("filters.all_aims")
    return t("overview.scope", scope=i18n.scope_name(chosen.region, chosen.site), aim=aim)


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


def show_hours(version: str, chosen: filters.Filters) -> None:
    """Hours returned to patient care: the period's last month, its year to date, as FTE."""
    st.subheader(t("overview.hours.header"))
    hours = queries.hours_freed_for(version, chosen.end, chosen.region, chosen.site, chosen.aim)
    if hours is None:
        st.info(t("overview.hours.none"))
        return
    st.caption(scope_caption(chosen))
    ignored_caption("programme")
    month, year = i18n.fmt_month(hours.month), str(hours.month.year)
    hours_help = t("overview.hours.help")
    fte_help = t("overview.fte.help", hours=i18n.fmt_number(app.ANNUAL_HOURS_PER_FTE))
    figures = (
        (t("overview.hours.month", month=month), hours.month_hours, "unit.hours", hours_help),
        (t("overview.hours.ytd", year=year), hours.ytd_hours, "unit.hours", hours_help),
        (t("overview.fte.month", month=month), hours.month_fte, "unit.fte", fte_help),
        (t("overview.fte.ytd", year=year), hours.ytd_fte, "unit.fte", fte_help),
    )
    for column, (label, estimate, unit, help_text) in zip(st.columns(4), figures, strict=True):
        estimate_metric(column, label, estimate, unit, help_text)
    target = hours_target(version, chosen, hours.month)
    if target is not None:
        st.caption(
            t(
                "overview.hours.target",
                value=i18n.fmt_hours(target.target),
                due=i18n.fmt_date(target.due_date),
            )
        )


def hours_target(version: str, chosen: filters.Filters, month: date) -> queries.Target | None:
    """The monthly hours target of the scope; a target over all aims says nothing of one."""
    return None if chosen.aim else queries.kpi_target(version, "hours_freed", chosen.scope, month)


def show_hours_chart(version: str, chosen: filters.Filters, freshness: pd.DataFrame) -> None:
    """Hours freed per month of the period, with the low-high range and the monthly goal."""
    if not has_rows(freshness, "usage"):
        return  # the headline already says no usage data is loaded
    monthly = queries.hours_freed_monthly_for(
        version, chosen.start, chosen.end, chosen.region, chosen.site, chosen.aim
    )
    if monthly.empty:
        st.info(t("filters.empty"))
        return
    target = hours_target(version, chosen, pd.Timestamp(monthly["month"].iloc[-1]).date())
    goal = None
    if target is not None:
        goal_text = t(
            "chart.goal",
            value=i18n.fmt_hours(target.target),
            due=i18n.fmt_month_short(target.due_date),
        )
        goal = charts.Goal(target.target, goal_text)
    figure = charts.hours_freed_chart(
        monthly, chart_text("chart.hours.title", "chart.hours.y"), t("chart.hours.series"), goal
    )
    exports.chart_with_download(figure, t("chart.hours.series"))


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


def share_goals(version: str, language: str, chosen: filters.Filters, as_of: date) -> dict[str, charts.Goal]:
    """Each process's share target for the scope, as a goal line keyed by its label."""
    targets = queries.share_targets_for(version, language, as_of, chosen.region, chosen.site)
    return {
        row.label: charts.Goal(
            row.target,
            t(
                "chart.goal",
                value=i18n.fmt_percent(row.target),
                due=i18n.fmt_month_short(row.due_date),
            ),
        )
        for row in targets.itertuples()
    }


def show_shares(version: str, language: str, chosen: filters.Filters, freshness: pd.DataFrame) -> None:
    """Digital share of the key processes: the period's last month vs a year before, and the
    trend over the period."""
    st.subheader(t("overview.share.header"))
    shares = queries.key_process_shares_for(
        version, language, chosen.end, chosen.region, chosen.site, chosen.aim
    )
    if shares.empty:
        say_empty(freshness, "usage", "overview.share.none")
        return
    latest = shares["month"].iloc[0]
    scope = i18n.scope_name(chosen.region, chosen.site)
    st.caption(t("overview.share.caption_scope", scope=scope, month=i18n.fmt_month(latest)))
    ignored_caption("programme")
    columns = [column for _ in range(0, len(shares), 2) for column in st.columns(2)]
    for column, (_, row) in zip(columns, shares.iterrows(), strict=False):
        share_metric(column, row)
    trend = queries.process_share_trend_for(
        version, language, tuple(shares["metric"]), chosen.start, chosen.end, chosen.region, chosen.site
    )
    title = None if chosen.scope == filters.ALL else t("chart.share.title_scope", scope=scope)
    goals = share_goals(version, language, chosen, latest.date())
    figure = charts.share_trend_chart(trend, chart_text("chart.share.title", "chart.share.y", title), goals)
    exports.chart_with_download(figure, t("overview.share.header"))


def show_portfolio_health(version: str, chosen: filters.Filters, freshness: pd.DataFrame) -> bool:
    """Active projects by RAG status in the latest report, and budget spent of planned; says
    whether there were any (with no report loaded at all, the trends below say so)."""
    health = queries.portfolio_health(
        version, chosen.end, chosen.programme, chosen.aim, chosen.region, chosen.site
    )
    if health is None:
        if has_rows(freshness, "projects"):
            st.info(t("filters.empty"))
        return False
    for column, status in zip(st.columns(3), ("green", "amber", "red"), strict=True):
        column.metric(t(f"status.{status}"), i18n.fmt_number(getattr(health, status)), border=True)
    share = health.spent_chf / health.budget_chf if health.budget_chf else 0.0
    st.metric(
        t("overview.portfolio.budget"),
        t("unit.chf_m", value=i18n.fmt_number(health.spent_chf / 1e6, 1)),
        delta=t(
            "overview.portfolio.budget_delta",
            share=i18n.fmt_percent(share),
            budget=t("unit.chf_m", value=i18n.fmt_number(health.budget_chf / 1e6, 1)),
        ),
        delta_color="off",
        delta_arrow="off",
        help=t("overview.portfolio.budget_help", month=i18n.fmt_month(health.report_month)),
        border=True,
    )
    st.caption(
        t(
            "overview.portfolio.caption",
            month=i18n.fmt_month(health.report_month),
            total=i18n.fmt_number(health.active),
        )
    )
    return True


def show_rag_chart(
    version: str, chosen: filters.Filters, freshness: pd.DataFrame, health_shown: bool
) -> None:
    """Active projects by RAG status per report month of the period."""
    rag = queries.portfolio_rag_monthly_for(
        version, chosen.start, chosen.end, chosen.programme, chosen.aim, chosen.region, chosen.site
    )
    if rag.empty:
        if health_shown or not has_rows(freshness, "projects"):  # else the headline said so
            say_empty(freshness, "projects", "overview.portfolio.none")
        return
    labels = {status: t(f"status.{status}") for status in ("green", "amber", "red")}
    figure = charts.whole_counts(charts.rag_chart(rag, chart_text("chart.rag.title", "chart.rag.y"), labels))
    exports.chart_with_download(figure, t("overview.portfolio.header"))


def staffing_figures(hiring: queries.Hiring) -> None:
    """Positions and FTE filled of planned, and where the unfilled ones stand."""
    help_text = t("overview.staffing.help", month=i18n.fmt_month(hiring.month))
    figures = (
        ("overview.staffing.filled", i18n.fmt_number(hiring.filled), i18n.fmt_number(hiring.planned)),
        ("overview.staffing.fte", i18n.fmt_fte(hiring.fte_filled), i18n.fmt_fte(hiring.fte_planned)),
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
    counts = {name: i18n.fmt_number(getattr(hiring, name)) for name in ("open", "interviewing", "offer")}
    pipeline = t("overview.staffing.pipeline", month=i18n.fmt_month(hiring.month), **counts)
    if hiring.earlier_stage:
        pipeline += " " + t("overview.staffing.earlier", count=i18n.fmt_number(hiring.earlier_stage))
    st.caption(pipeline)


def show_staffing(version: str, chosen: filters.Filters, freshness: pd.DataFrame) -> None:
    """Hiring at the end of the period: positions and FTE filled of planned."""
    st.subheader(t("overview.staffing.header"))
    hiring = queries.hiring_as_of(version, chosen.end, chosen.programme, chosen.region, chosen.site)
    if hiring is None:
        say_empty(freshness, "positions", "overview.staffing.none")
        return
    staffing_figures(hiring)
    ignored_caption("aim")


def show_staffing_chart(version: str, chosen: filters.Filters) -> None:
    """Positions planned and filled at each month end of the period."""
    monthly = queries.positions_monthly_for(
        version, chosen.start, chosen.end, chosen.programme, chosen.region, chosen.site
    )
    if monthly.empty:
        return  # the headline already says why
    figure = charts.whole_counts(
        charts.staffing_chart(
            monthly,
            chart_text("chart.staffing.title", "chart.staffing.y"),
            t("chart.staffing.planned"),
            t("chart.staffing.filled"),
        )
    )
    exports.chart_with_download(figure, t("overview.staffing.header"))


def kpi_text(kind: str, value: float) -> str:
    """An aim KPI's value as the reader's locale writes it: 81%, 7,809 h or 11,218."""
    if kind == "share":
        return i18n.fmt_percent(value)
    return i18n.fmt_hours(value) if kind == "hours" else i18n.fmt_number(value)


def target_text(card: queries.AimCard, scope: str) -> str:
    """`Target: 80% by 31 Dec 2026`, naming the scope the target was set for if wider."""
    if card.target is None:
        return t("aim.target.none")
    value, due = kpi_text(card.kind, card.target.target), i18n.fmt_date(card.target.due_date)
    if card.target_scope in (None, scope):
        return t("aim.target", value=value, due=due)
    region = card.target_scope if card.target_scope in ("fr", "de") else None
    site = None if card.target_scope in ("all", "fr", "de") else card.target_scope
    return t("aim.target.wider", value=value, due=due, scope=i18n.scope_name(region, site))


def aim_card(column: DeltaGenerator, aim: str, card: queries.AimCard | None, scope: str) -> None:
    """One aim: its headline KPI, the 12-month sparkline, the target and the on-track signal."""
    kpi = t(f"kpi.{card.kpi}") if card and f"kpi.{card.kpi}" in i18n.TRANSLATIONS else ""
    box = column.container(border=True)
    if card is None or card.value is None or card.month is None:
        box.metric(t(f"aim.{aim}"), None, help=t("aim.help", kpi=kpi) if kpi else None)
        box.caption(t("aim.no_data"))
        return
    sparkline = [round(v * 100, 1) if card.kind == "share" else round(v) for _, v in card.trend]
    box.metric(
        t(f"aim.{aim}"),
        kpi_text(card.kind, card.value),
        delta=t(f"aim.status.{card.status}"),
        delta_color=STATUS_COLOURS[card.status],
        delta_arrow="off",
        chart_data=sparkline,
        chart_type="area",
        help=t("aim.help", kpi=kpi),
    )
    box.caption(t("aim.value_month", kpi=kpi, month=i18n.fmt_month(card.month)))
    box.caption(target_text(card, scope))


def show_aims(version: str, chosen: filters.Filters) -> None:
    """One card per aim of the programme (only the chosen aim when the filter names one)."""
    st.subheader(t("overview.aims.header"))
    st.caption(t("overview.aims.caption", scope=i18n.scope_name(chosen.region, chosen.site)))
    ignored_caption("programme")
    cards = {card.aim: card for card in queries.aim_cards(version, chosen.end, chosen.region, chosen.site)}
    aims = [chosen.aim] if chosen.aim else list(AIMS)
    rows = [st.columns(AIM_COLUMNS) for _ in range(0, len(aims), AIM_COLUMNS)]
    columns = [column for row in rows for column in row]
    for column, aim in zip(columns, aims, strict=False):
        aim_card(column, aim, cards.get(aim), chosen.scope)


auth.require()
version = db.warehouse_version()
chosen = filters.current()
freshness = queries.data_freshness(version)
st.title(t("overview.title"))
st.caption(t("overview.subtitle"))
st.caption(freshness_line(freshness))
show_stale_warnings(freshness, date.today())
show_hours(version, chosen)
left, right = st.columns(2, gap="large")
with left:
    st.subheader(t("overview.portfolio.header"))
    health_shown = show_portfolio_health(version, chosen, freshness)
with right:
    show_staffing(version, chosen, freshness)
show_aims(version, chosen)
st.subheader(t("overview.trends.header"))
show_hours_chart(version, chosen, freshness)
show_shares(version, i18n.current_language(), chosen, freshness)
left, right = st.columns(2, gap="large")
with left:
    show_rag_chart(version, chosen, freshness, health_shown)
with right:
    show_staffing_chart(version, chosen)
