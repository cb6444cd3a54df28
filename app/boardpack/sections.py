"""What the board pack says, section by section, from the pages' own queries and charts.

Each section calls the same app.queries functions and app.charts builders, with the same
arguments, as the page it summarises (named in its docstring), so the pack shows the
figures a reader sees on screen. Words come from app.i18n in the current language;
numbers and dates through its formatters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import astuple, dataclass
from datetime import date
from typing import Any

import pandas as pd

import app
from app import charts, i18n, queries
from app.boardpack.document import Cell, Chart, Figure, Figures, Section, Table, Text
from app.filters import ALL, Filters
from app.i18n import t
from etl.contracts import AIMS

# The tone of an aim's signal, as the Overview colours it (target_status()).
SIGNAL_TONES = {"met": "green", "on_track": "green", "off_track": "red", "no_target": "grey"}
RAG = ("green", "amber", "red")
HEATMAP_WIDTH = 1100  # layout pixels: room for a column per process, names wrapped over it


@dataclass(frozen=True)
class Context:
    """What every section needs: the warehouse version, the filters, and today's date."""

    version: str
    language: str
    chosen: Filters
    today: date
    freshness: pd.DataFrame

    @property
    def scope(self) -> queries.Scope:
        """The filters as the board views' queries take them."""
        chosen = self.chosen
        return queries.Scope(chosen.start, chosen.end, chosen.region, chosen.site, chosen.aim)

    @property
    def place(self) -> str:
        """The site, language region or whole hospital the pack covers, in words."""
        return i18n.scope_name(self.chosen.region, self.chosen.site)


def chart_text(title: str, y_key: str, x_key: str = "chart.month") -> charts.ChartText:
    """A chart's words and number style in the current language (as the pages build it)."""
    return charts.ChartText(
        title=title,
        x_title=t(x_key),
        y_title=t(y_key),
        separators=i18n.plotly_separators(),
        format_month=i18n.fmt_month_short,
    )


def has_rows(ctx: Context, source: str) -> bool:
    """Whether a source has any data loaded (else a section says so, not "no match")."""
    rows = ctx.freshness.loc[ctx.freshness["source"] == source, "row_count"]
    return bool(len(rows)) and int(rows.iloc[0]) > 0


def nothing(ctx: Context, source: str, none_key: str) -> Text:
    """The friendly sentence for an empty result: nothing loaded, or nothing in the filters."""
    return Text(t(none_key) if not has_rows(ctx, source) else t("filters.empty"))


def estimate(label: str, value: queries.Estimate, unit: str, decimals: int = 0) -> Figure:
    """A headline estimate: its base value in `unit`, and the low-high range under it."""
    low, base, high = (i18n.fmt_number(v, decimals) for v in astuple(value))
    return Figure(label, t(unit, value=base), t("range", low=low, high=t(unit, value=high)))


def chf_millions(value: float) -> str:
    """An amount of CHF in millions, with one decimal."""
    return t("unit.chf_m", value=i18n.fmt_number(value / 1e6, 1))


def maybe_date(value: object) -> str:
    """A date, or a dash when there is none."""
    return "—" if value is None or pd.isna(value) else i18n.fmt_date(pd.Timestamp(value).date())


# --- Overview (pages/overview.py) ---------------------------------------------------------


def overview_section(ctx: Context) -> Section:
    """Headline figures and the five aims against their targets (the Overview)."""
    aim = t(f"aim.{ctx.chosen.aim}") if ctx.chosen.aim else t("filters.all_aims")
    blocks: list[Text | Figures | Table] = [
        Text(t("overview.subtitle"), "caption"),
        Text(t("overview.scope", scope=ctx.place, aim=aim), "caption"),
    ]
    headline = headline_figures(ctx)
    if headline.items:
        blocks.append(headline)
    blocks += [
        Text(t("overview.aims.header"), "heading"),
        Text(t("boardpack.aims.caption", scope=ctx.place), "caption"),
        aims_table(ctx),
    ]
    return Section(t("overview.title"), tuple(blocks))


def headline_figures(ctx: Context) -> Figures:
    """Hours freed in the latest month, projects by status, positions filled (the Overview)."""
    chosen, items = ctx.chosen, []
    hours = queries.hours_freed_for(ctx.version, chosen.end, chosen.region, chosen.site, chosen.aim)
    if hours is not None:
        month = i18n.fmt_month(hours.month)
        items.append(estimate(t("overview.hours.month", month=month), hours.month_hours, "unit.hours"))
        items.append(estimate(t("overview.fte.month", month=month), hours.month_fte, "unit.fte", 1))
    health = queries.portfolio_health(
        ctx.version, chosen.end, chosen.programme, chosen.aim, chosen.region, chosen.site
    )
    if health is not None:
        counts = " · ".join(i18n.fmt_number(getattr(health, status)) for status in RAG)
        legend = " · ".join(t(f"status.{status}") for status in RAG)
        items.append(Figure(t("boardpack.projects.rag"), counts, legend))
    hiring = queries.hiring_as_of(ctx.version, chosen.end, chosen.programme, chosen.region, chosen.site)
    if hiring is not None:
        planned = t("overview.staffing.of_planned", planned=i18n.fmt_number(hiring.planned))
        items.append(Figure(t("overview.staffing.filled"), i18n.fmt_number(hiring.filled), planned))
    return Figures(tuple(items))


def kpi_text(kind: str, value: float) -> str:
    """An aim KPI's value as the Overview writes it: 81%, 7,809 h or 11,218."""
    if kind == "share":
        return i18n.fmt_percent(value)
    return i18n.fmt_hours(value) if kind == "hours" else i18n.fmt_number(value)


def target_text(card: queries.AimCard, scope: str) -> str:
    """`80% by 31 Dec 2026`, naming the scope the target was set for if wider."""
    if card.target is None:
        return t("boardpack.aims.no_target")
    text = t(
        "boardpack.aims.target",
        value=kpi_text(card.kind, card.target.target),
        due=i18n.fmt_date(card.target.due_date),
    )
    if card.target_scope in (None, scope):
        return text
    region = card.target_scope if card.target_scope in ("fr", "de") else None
    site = None if card.target_scope in ("all", "fr", "de") else card.target_scope
    return t("boardpack.aims.wider", target=text, scope=i18n.scope_name(region, site))


def aim_row(aim: str, card: queries.AimCard | None, scope: str) -> tuple[Cell, ...]:
    """One aim: its headline KPI, latest value and month, target and on-track signal."""
    kpi = t(f"kpi.{card.kpi}") if card and f"kpi.{card.kpi}" in i18n.TRANSLATIONS else "—"
    if card is None or card.value is None or card.month is None:
        return (Cell(t(f"aim.{aim}")), Cell(kpi), Cell(t("aim.no_data")), Cell("—"), Cell("—"))
    latest = t(
        "boardpack.aims.latest", value=kpi_text(card.kind, card.value), month=i18n.fmt_month(card.month)
    )
    return (
        Cell(t(f"aim.{aim}")),
        Cell(kpi),
        Cell(latest),
        Cell(target_text(card, scope)),
        Cell(t(f"aim.status.{card.status}"), SIGNAL_TONES[card.status]),
    )


def aims_table(ctx: Context) -> Table:
    """The five aims (or the one chosen) against their targets, as the aim cards show them."""
    chosen = ctx.chosen
    cards = {c.aim: c for c in queries.aim_cards(ctx.version, chosen.end, chosen.region, chosen.site)}
    aims = [chosen.aim] if chosen.aim else list(AIMS)
    header = tuple(t(f"boardpack.column.{name}") for name in ("aim", "kpi", "latest", "target", "signal"))
    rows = tuple(aim_row(aim, cards.get(aim), chosen.scope) for aim in aims)
    return Table(header, rows, (2.2, 3.2, 2.0, 2.6, 1.6))


# --- Time returned to patient care (pages/time_for_patients.py) ---------------------------


def hours_section(ctx: Context) -> Section:
    """Hours freed with their low-high range, the monthly chart and the coefficients."""
    title = t("overview.hours.header")
    summary = queries.hours_freed_summary(ctx.version, ctx.scope)
    totals = queries.hours_freed_totals(ctx.version, ctx.scope)
    if summary is None or totals.empty:
        return Section(title, (nothing(ctx, "usage", "overview.hours.none"), *coefficients(ctx)))
    caption = t(
        "scope.caption", scope=ctx.place, start=i18n.fmt_month(summary.start), end=i18n.fmt_month(summary.end)
    )
    blocks: list[Text | Figures | Table | Chart] = [
        Text(caption, "caption"),
        hours_figures(summary),
        Text(t("overview.hours.help"), "caption"),
        Text(annual_hours_note(), "caption"),
    ]
    blocks.append(hours_chart(ctx, totals, summary.end))
    target = hours_target(ctx, summary.end)
    if target is not None:
        due = i18n.fmt_date(target.due_date)
        blocks.append(
            Text(t("overview.hours.target", value=i18n.fmt_hours(target.target), due=due), "caption")
        )
    if ctx.chosen.programme:
        blocks.append(Text(t("filters.ignored", filters=t("filters.programme")), "caption"))
    return Section(title, (*blocks, *coefficients(ctx)))


def hours_figures(summary: queries.HoursSummary) -> Figures:
    """Hours and FTE over the period, and since the programme started (the Time page)."""
    start, end = i18n.fmt_month_short(summary.start), i18n.fmt_month_short(summary.end)
    since = i18n.fmt_month_short(summary.programme_start)
    return Figures(
        (
            estimate(t("time.period.hours", start=start, end=end), summary.period_hours, "unit.hours"),
            estimate(t("time.period.fte", start=start, end=end), summary.period_fte, "unit.fte", 1),
            estimate(t("time.cumulative.hours", start=since), summary.cumulative_hours, "unit.hours"),
            estimate(
                t("time.cumulative.years", start=since), summary.cumulative_fte_years, "unit.fte_years", 1
            ),
        )
    )


def hours_target(ctx: Context, as_of: date) -> queries.Target | None:
    """The monthly hours target of the scope; a target over all aims says nothing of one."""
    if ctx.chosen.aim:
        return None
    return queries.kpi_target(ctx.version, "hours_freed", ctx.chosen.scope, as_of)


def hours_chart(ctx: Context, totals: pd.DataFrame, as_of: date) -> Chart:
    """Monthly hours by system with the total's range and the goal (the Time page's first tab)."""
    target = hours_target(ctx, as_of)
    goal = None
    if target is not None:
        due = i18n.fmt_month_short(target.due_date)
        goal = charts.Goal(target.target, t("chart.goal", value=i18n.fmt_hours(target.target), due=due))
    by_system = queries.hours_freed_by(ctx.version, ctx.scope, "system")
    labels = {str(s): i18n.system_name(str(s)) for s in by_system["group"].unique()}
    text = chart_text(t("chart.time.system.title"), "chart.hours.y")
    figure = charts.hours_breakdown_chart(by_system, totals, text, labels, t("chart.time.total_range"), goal)
    return Chart(figure, text.title)


def coefficients(ctx: Context) -> tuple[Text | Table, ...]:
    """The minutes saved per unit behind the hours, with their sources (the Time page)."""
    rows = queries.time_saved_coefficients(ctx.version, ctx.language, ctx.chosen.aim)
    if rows.empty:
        return ()
    minutes = [
        (
            Cell(str(row.label)),
            Cell(i18n.unit_name(str(row.unit))),
            *(Cell(i18n.fmt_number(v, 1)) for v in (row.minutes_low, row.minutes_base, row.minutes_high)),
            Cell("—" if row.source is None or pd.isna(row.source) else str(row.source)),
        )
        for row in rows.itertuples()
    ]
    header = tuple(
        t(f"boardpack.column.{name}")
        for name in ("process", "unit", "minutes_low", "minutes_base", "minutes_high", "source")
    )
    return (
        Text(t("time.coefficients.header"), "heading"),
        Text(t("time.coefficients.caption"), "caption"),
        Table(header, tuple(minutes), (2.9, 1.8, 0.9, 0.9, 0.9, 3.6), numeric=(2, 3, 4)),
    )


# --- Portfolio (pages/portfolio.py, the Overview's portfolio tiles) ----------------------


def portfolio_section(ctx: Context) -> Section:
    """Projects by status, the monthly RAG chart, and the red and amber projects' comments."""
    title, chosen = t("overview.portfolio.header"), ctx.chosen
    health = queries.portfolio_health(
        ctx.version, chosen.end, chosen.programme, chosen.aim, chosen.region, chosen.site
    )
    if health is None:
        return Section(title, (nothing(ctx, "projects", "overview.portfolio.none"),))
    month = i18n.fmt_month(health.report_month)
    blocks: list[Text | Figures | Table | Chart] = [
        Text(t("overview.portfolio.caption", month=month, total=i18n.fmt_number(health.active)), "caption"),
        portfolio_figures(health),
    ]
    rag = queries.portfolio_rag_monthly_for(
        ctx.version, chosen.start, chosen.end, chosen.programme, chosen.aim, chosen.region, chosen.site
    )
    if not rag.empty:
        labels = {status: t(f"status.{status}") for status in RAG}
        text = chart_text(t("chart.rag.title"), "chart.rag.y")
        blocks.append(Chart(charts.rag_chart(rag, text, labels), text.title))
    blocks += attention(ctx, month)
    if chosen.scope != ALL:
        blocks.append(Text(t("filters.scope_note"), "caption"))
    return Section(title, tuple(blocks))


def portfolio_figures(health: queries.PortfolioHealth) -> Figures:
    """Active projects per status, and budget spent of planned (the Overview's tiles)."""
    share = health.spent_chf / health.budget_chf if health.budget_chf else 0.0
    budget = t(
        "overview.portfolio.budget_delta",
        share=i18n.fmt_percent(share),
        budget=chf_millions(health.budget_chf),
    )
    statuses = tuple(
        Figure(t(f"status.{status}"), i18n.fmt_number(getattr(health, status)), tone=status) for status in RAG
    )
    return Figures(
        (*statuses, Figure(t("overview.portfolio.budget"), chf_millions(health.spent_chf), budget))
    )


def attention(ctx: Context, month: str) -> tuple[Text | Table, ...]:
    """The red and amber projects of the latest report, red first, with their comments."""
    chosen = ctx.chosen
    projects = queries.projects_needing_attention(
        ctx.version, chosen.end, chosen.programme, chosen.aim, chosen.region, chosen.site
    )
    heading = Text(t("boardpack.attention.header"), "heading")
    if projects.empty:
        return heading, Text(t("boardpack.attention.none", month=month))
    rows = tuple(attention_row(row) for row in projects.itertuples())
    header = tuple(t(f"column.{name}") for name in ("project", "status", "phase"))
    header += (t("boardpack.column.forecast"), t("column.slippage"), t("column.comment"))
    table = Table(header, rows, (2.35, 1.1, 1.55, 1.4, 1.2, 3.5), numeric=(4,))
    return heading, Text(t("boardpack.attention.caption", month=month), "caption"), table


def attention_row(row: Any) -> tuple[Cell, ...]:
    """A project at red or amber: name, status, phase, forecast end, slippage, comment."""
    slippage, comment = row.slippage_days, row.comment
    days = "—" if pd.isna(slippage) else t("unit.days", value=i18n.fmt_number(slippage, signed=True))
    return (
        Cell(f"{row.project_id} · {row.project_name}"),
        Cell(t(f"status.{row.status}"), str(row.status)),
        Cell(t(f"phase.{row.phase}")),
        Cell(maybe_date(row.forecast_end)),
        Cell(days),
        Cell("—" if comment is None or pd.isna(comment) else str(comment)),
    )


# --- Digital adoption (the Overview's key processes, pages/adoption.py's heatmap) --------


def adoption_section(ctx: Context) -> Section:
    """The key processes' digital share against a year before and their targets, the trend,
    and the share by site."""
    title, chosen = t("nav.adoption"), ctx.chosen
    shares = queries.key_process_shares_for(
        ctx.version, ctx.language, chosen.end, chosen.region, chosen.site, chosen.aim
    )
    if shares.empty:
        return Section(title, (nothing(ctx, "usage", "overview.share.none"),))
    latest = pd.Timestamp(shares["month"].iloc[0]).date()
    targets = queries.share_targets_for(ctx.version, ctx.language, latest, chosen.region, chosen.site)
    goals = {
        str(row.label): charts.Goal(
            row.target,
            t("chart.goal", value=i18n.fmt_percent(row.target), due=i18n.fmt_month_short(row.due_date)),
        )
        for row in targets.itertuples()
    }
    blocks: list[Text | Table | Chart] = [
        Text(t("overview.share.caption_scope", scope=ctx.place, month=i18n.fmt_month(latest)), "caption"),
        shares_table(shares, targets),
        share_trend(ctx, shares, goals),
    ]
    if chosen.site is None:
        blocks.append(site_heatmap(ctx))
    if chosen.programme:
        blocks.append(Text(t("filters.ignored", filters=t("filters.programme")), "caption"))
    return Section(title, tuple(blocks))


def shares_table(shares: pd.DataFrame, targets: pd.DataFrame) -> Table:
    """Each key process: its share, the same month a year before, the change and the target."""
    due = {str(row.label): row for row in targets.itertuples()}
    rows = []
    for row in shares.itertuples():
        share = "—" if pd.isna(row.share) else i18n.fmt_percent(row.share)
        before, change = "—", "—"
        if not pd.isna(row.previous_share):
            before = t(
                "boardpack.share.before",
                share=i18n.fmt_percent(row.previous_share),
                month=i18n.fmt_month(row.previous_month),
            )
            if not pd.isna(row.share):
                change = i18n.fmt_points((row.share - row.previous_share) * 100)
        target = due.get(str(row.label))
        goal = (
            "—"
            if target is None
            else t(
                "boardpack.aims.target",
                value=i18n.fmt_percent(target.target),
                due=i18n.fmt_date(target.due_date),
            )
        )
        rows.append((Cell(str(row.label)), Cell(share), Cell(before), Cell(change), Cell(goal)))
    header = tuple(
        t(f"boardpack.column.{name}") for name in ("process", "share", "before", "change", "target")
    )
    return Table(header, tuple(rows), (3.0, 1.3, 2.3, 1.5, 2.5), numeric=(1, 3))


def share_trend(ctx: Context, shares: pd.DataFrame, goals: dict[str, charts.Goal]) -> Chart:
    """The key processes' share per month of the period, with their goals (the Overview)."""
    chosen = ctx.chosen
    trend = queries.process_share_trend_for(
        ctx.version,
        ctx.language,
        tuple(shares["metric"]),
        chosen.start,
        chosen.end,
        chosen.region,
        chosen.site,
    )
    title = t("chart.share.title") if chosen.scope == ALL else t("chart.share.title_scope", scope=ctx.place)
    text = chart_text(title, "chart.share.y")
    return Chart(charts.share_trend_chart(trend, text, goals), title)


def site_heatmap(ctx: Context) -> Chart:
    """The digital share by site and process in the period's last month (the Adoption page)."""
    by_site = queries.adoption_by_site(ctx.version, ctx.language, ctx.scope)
    text = chart_text(t("chart.heatmap.site.title"), "chart.heatmap.site.y", "chart.heatmap.x")
    figure = charts.share_heatmap(by_site, text, t("chart.share.y"))
    return Chart(figure, text.title, width=HEATMAP_WIDTH)


# --- Hiring (pages/team.py, the Overview's staffing tiles) --------------------------------


def hiring_section(ctx: Context) -> Section:
    """Positions and FTE filled of planned, the pipeline, the plan month by month, time to fill."""
    title, chosen = t("overview.staffing.header"), ctx.chosen
    hiring = queries.hiring_as_of(ctx.version, chosen.end, chosen.programme, chosen.region, chosen.site)
    if hiring is None:
        return Section(title, (nothing(ctx, "positions", "overview.staffing.none"),))
    programme = chosen.programme or t("filters.all_programmes")
    month = i18n.fmt_month(hiring.month)
    blocks: list[Text | Figures | Chart] = [
        Text(t("team.as_of", month=month, scope=ctx.place, programme=programme), "caption"),
        *hiring_figures(hiring),
    ]
    monthly = queries.positions_monthly_for(
        ctx.version, chosen.start, chosen.end, chosen.programme, chosen.region, chosen.site
    )
    if not monthly.empty:
        text = chart_text(t("chart.staffing.title"), "chart.staffing.y")
        figure = charts.staffing_chart(monthly, text, t("chart.staffing.planned"), t("chart.staffing.filled"))
        blocks.append(Chart(figure, text.title))
    roles = queries.time_to_fill_by_role(
        ctx.version, chosen.end, chosen.programme, chosen.region, chosen.site
    )
    if not roles.empty:
        text = chart_text(t("chart.fill.title"), "chart.fill.y", "chart.fill.x")
        blocks.append(Chart(charts.time_to_fill_chart(roles, text, t("chart.fill.hover")), text.title))
    if chosen.aim:
        blocks.append(Text(t("filters.ignored", filters=t("filters.aim")), "caption"))
    return Section(title, tuple(blocks))


def hiring_figures(hiring: queries.Hiring) -> tuple[Figures, Figures]:
    """Filled of planned (positions, FTE), then the stage of every position (the Team page)."""
    filled = Figures(
        (
            Figure(
                t("overview.staffing.filled"),
                i18n.fmt_number(hiring.filled),
                t("overview.staffing.of_planned", planned=i18n.fmt_number(hiring.planned)),
            ),
            Figure(
                t("overview.staffing.fte"),
                i18n.fmt_fte(hiring.fte_filled),
                t("overview.staffing.of_planned", planned=i18n.fmt_fte(hiring.fte_planned)),
            ),
        )
    )
    stages = ["open", "interviewing", "offer", *(["earlier_stage"] if hiring.earlier_stage else [])]
    return filled, Figures(
        tuple(Figure(t(f"stage.{stage}"), i18n.fmt_number(getattr(hiring, stage))) for stage in stages)
    )


# --- Data quality (the Overview's freshness line and stale warnings) ---------------------


def quality_section(ctx: Context) -> Section:
    """Per source: latest date, rows and last load, and a warning for each stale one."""
    stale = {s.source: s for s in queries.stale_sources(ctx.freshness, ctx.today)}
    rows = tuple(freshness_row(row, stale) for row in ctx.freshness.itertuples())
    header = tuple(
        t(f"boardpack.column.{name}") for name in ("source", "latest_date", "rows", "last_load", "state")
    )
    blocks: list[Text | Table] = [
        Text(t("boardpack.quality.caption"), "caption"),
        Table(header, rows, (1.6, 1.6, 1.2, 2.0, 1.4), numeric=(2,)),
    ]
    for item in stale.values():
        warning = t(
            "overview.stale",
            source=t(f"source.{item.source}"),
            date=i18n.fmt_date(item.latest_date),
            days=i18n.fmt_number(item.age_days),
            limit=i18n.fmt_number(item.limit_days),
        )
        blocks.append(Text(warning, "warning"))
    if not stale:
        blocks.append(Text(t("boardpack.quality.fresh")))
    return Section(t("boardpack.quality.title"), tuple(blocks))


def freshness_row(row: Any, stale: dict[str, queries.StaleSource]) -> tuple[Cell, ...]:
    """One source: its latest date, rows, last load and whether it is up to date."""
    source, latest, loaded = str(row.source), row.latest_date, row.last_loaded_at
    if pd.isna(latest):
        state = Cell(t("boardpack.state.missing"), "grey")
    else:
        state = (
            Cell(t("boardpack.state.stale"), "red")
            if source in stale
            else Cell(t("boardpack.state.ok"), "green")
        )
    return (
        Cell(capitalised(t(f"source.{source}"))),
        Cell(maybe_date(latest)),
        Cell(i18n.fmt_number(row.row_count)),
        Cell(maybe_date(loaded)),
        state,
    )


def capitalised(text: str) -> str:
    """The text with its first letter in capitals (a label at the start of a line)."""
    return text[:1].upper() + text[1:]


def data_as_of(ctx: Context) -> tuple[str, ...]:
    """`Usage: 28 Nov 2026`, one line per source, for the cover."""
    return tuple(
        t(
            "boardpack.as_of_item",
            source=capitalised(t(f"source.{row.source}")),
            date=t("boardpack.state.missing") if pd.isna(row.latest_date) else maybe_date(row.latest_date),
        )
        for row in ctx.freshness.itertuples()
    )


def annual_hours_note() -> str:
    """How hours become FTE, for the hours section's reader."""
    return t("overview.fte.help", hours=i18n.fmt_number(app.ANNUAL_HOURS_PER_FTE))


SectionBuilder = Callable[[Context], Section]
# The sections in the order of the pack; the key names the step in progress reports.
SECTIONS: tuple[tuple[str, SectionBuilder], ...] = (
    ("overview", overview_section),
    ("hours", hours_section),
    ("portfolio", portfolio_section),
    ("adoption", adoption_section),
    ("hiring", hiring_section),
    ("quality", quality_section),
)
