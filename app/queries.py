"""All the dashboard's data access: small cached queries on the marts.

Every function takes the warehouse `version` (app.db.warehouse_version) as its first
argument, so its cache moves on as soon as a load swaps a new warehouse in; values are
always bound as parameters. Results are pandas DataFrames or small frozen dataclasses,
never mutated by the pages. The KPIs themselves are defined in etl/sql/marts/*.sql;
queries only combine them over sites and months, following each mart's rule (shares:
sum digital and paper, then divide).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd
import streamlit as st

import app
from app import STALE_AFTER_DAYS, db
from etl import checks as etl_checks
from etl import reference
from etl import warehouse as etl_warehouse
from etl.settings import warehouse_path

# The latest month whose usage data is complete (see 06_data_freshness.sql): usage KPIs
# report on it and stop there, so a month in progress never shows as a drop.
_COMPLETE_MONTH = "(select complete_month from mart_data_freshness where source = 'usage')"

_TTL = timedelta(minutes=10)
_ENTRIES = 32
KEY_PROCESSES = 4  # how many processes the Overview shows, the busiest first

# The catalogue label in the reader's language; the language is a bound parameter.
_LABEL = (
    "case $language when 'de' then metrics.label_de when 'en' then metrics.label_en"
    " else metrics.label_fr end"
)


@dataclass(frozen=True)
class Estimate:
    """A low, base and high estimate of the same quantity."""

    low: float
    base: float
    high: float


@dataclass(frozen=True)
class HoursFreed:
    """Staff hours freed in the latest month and the year to date, and as FTE."""

    month: date
    months_elapsed: int  # months of the year up to and including `month`
    month_hours: Estimate
    ytd_hours: Estimate
    month_fte: Estimate  # hours / (annual hours per FTE / 12)
    ytd_fte: Estimate  # hours / (annual hours per FTE * months_elapsed / 12)


@dataclass(frozen=True)
class Target:
    """A target value for a KPI, due by a date."""

    kpi: str
    target: float
    due_date: date
    direction: str



@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def data_freshness(version: str) -> pd.DataFrame:
    """Per source: the latest date its data speaks about, rows and last load."""
    return db.query_df(
        version,
        "select source, latest_date, row_count, last_loaded_at from mart_data_freshness"
        " order by list_position(['usage', 'projects', 'milestones', 'positions'], source)",
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def hours_freed(version: str) -> HoursFreed | None:
    """Hours freed in the latest complete month of usage data and since January of its year."""
    row = db.query_one(
        version,
        f"""
        with
        monthly as (
            select month, sum(hours_low) as low, sum(hours_base) as base,
                sum(hours_high) as high
            from mart_time_saved_monthly
            group by month
        ),
        latest as (select {_COMPLETE_MONTH} as month),
        final as (
            select
                latest.month,
                month(latest.month) as months_elapsed,
                coalesce(sum(low) filter (where monthly.month = latest.month), 0)
                    as month_low,
                coalesce(sum(base) filter (where monthly.month = latest.month), 0)
                    as month_base,
                coalesce(sum(high) filter (where monthly.month = latest.month), 0)
                    as month_high,
                coalesce(sum(low) filter (where year(monthly.month) = year(latest.month)), 0)
                    as ytd_low,
                coalesce(sum(base) filter (where year(monthly.month) = year(latest.month)), 0)
                    as ytd_base,
                coalesce(sum(high) filter (where year(monthly.month) = year(latest.month)), 0)
                    as ytd_high
            from monthly
            cross join latest
            where monthly.month <= latest.month
            group by latest.month
        )
        select * from final
        """,
    )
    return None if row is None else _hours_freed(row)


def _hours_freed(row: tuple[Any, ...]) -> HoursFreed:
    """Turn the hours row into HoursFreed, with the FTE equivalents of each period."""
    month, months_elapsed, *hours = row
    month_hours, ytd_hours = Estimate(*hours[:3]), Estimate(*hours[3:])
    month_divisor = app.ANNUAL_HOURS_PER_FTE / 12
    ytd_divisor = app.ANNUAL_HOURS_PER_FTE * months_elapsed / 12
    return HoursFreed(
        month=month,
        months_elapsed=months_elapsed,
        month_hours=month_hours,
        ytd_hours=ytd_hours,
        month_fte=Estimate(*(h / month_divisor for h in hours[:3])),
        ytd_fte=Estimate(*(h / ytd_divisor for h in hours[3:])),
    )



@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def kpi_target(version: str, kpi: str, scope: str, as_of: date) -> Target | None:
    """The target of a KPI for a scope: the next one due after `as_of`, else the last one."""
    row = db.query_one(
        version,
        """
        select kpi, target, due_date, direction
        from targets
        where kpi = $kpi and scope = $scope
        order by due_date < $as_of, abs(datediff('day', $as_of, due_date))
        limit 1
        """,
        {"kpi": kpi, "scope": scope, "as_of": as_of},
    )
    return None if row is None else Target(*row)








@dataclass(frozen=True)
class FilterOptions:
    """What the sidebar filters offer: months with data, regions, sites, programmes."""

    months: tuple[date, ...]
    regions: tuple[str, ...]
    sites: tuple[str, ...]
    programmes: tuple[str, ...]


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def filter_options(version: str) -> FilterOptions:
    """The months (usage or portfolio), language regions, sites and programmes on record."""
    months = db.query_df(
        version,
        f"""select distinct month from (
                select month from mart_usage_monthly where month <= {_COMPLETE_MONTH}
                union select report_month from mart_portfolio_status)
            order by month""",
    )
    places = db.query_df(
        version, "select distinct site, region from mart_usage_monthly order by region, site"
    )
    programmes = db.query_df(
        version, "select distinct programme from mart_portfolio_status order by programme"
    )
    return FilterOptions(
        months=tuple(pd.Timestamp(m).date() for m in months["month"]),
        regions=tuple(sorted(set(places["region"]))),
        sites=tuple(places["site"]),
        programmes=tuple(programmes["programme"].dropna()),
    )


# --- Board views: digital adoption, time for patients, maturity --------------------------

# The reader's scope, bound as parameters: a site, or a language region, or neither. The
# alias of the table filtered is fixed where the fragment is used.
_SCOPE = "($site is null or {alias}.site = $site) and ($region is null or {alias}.region = $region)"
# The last month a page reports on: the period's end, never beyond the latest complete
# month of usage data.
_REPORT_MONTH = f"least($end, {_COMPLETE_MONTH})"
_PAPER_METRICS = "(select paper_metric from metrics where nullif(trim(paper_metric), '') is not null)"
_PARAMETER = re.compile(r"\$(\w+)")


def _bound(sql: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters the statement names (DuckDB refuses any it does not use)."""
    named = set(_PARAMETER.findall(sql))
    return {name: value for name, value in params.items() if name in named}


def _scoped_df(version: str, sql: str, params: Mapping[str, Any]) -> pd.DataFrame:
    """query_df with only the parameters the statement names."""
    return db.query_df(version, sql, _bound(sql, params))


def _scoped_one(version: str, sql: str, params: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """query_one with only the parameters the statement names."""
    return db.query_one(version, sql, _bound(sql, params))


@dataclass(frozen=True)
class Scope:
    """Where and what a board view looks at: the sidebar filters as query parameters."""

    start: date
    end: date
    region: str | None = None
    site: str | None = None
    aim: str | None = None

    def params(self, **more: Any) -> dict[str, Any]:
        """The scope as named query parameters, with more added."""
        return {
            "start": self.start, "end": self.end, "region": self.region, "site": self.site,
            "aim": self.aim, **more,
        }


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def adoption_trend(version: str, language: str, scope: Scope) -> pd.DataFrame:
    """Digital share per month and process over the scope: month, metric, label, aim, digital,
    paper, share (sum digital and paper over places, then divide)."""
    return _scoped_df(
        version,
        f"""
        select adoption.month, adoption.metric, {_LABEL} as label, metrics.aim,
            sum(adoption.digital) as digital, sum(adoption.paper) as paper,
            sum(adoption.digital)
                / nullif(sum(adoption.digital) + sum(adoption.paper), 0) as share
        from mart_adoption_monthly as adoption
        inner join metrics on metrics.metric = adoption.metric
        where adoption.month between $start and {_REPORT_MONTH}
            and {_SCOPE.format(alias="adoption")}
            and ($aim is null or metrics.aim = $aim)
        group by all
        order by adoption.month, label
        """,
        scope.params(language=language),
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def adoption_targets(version: str, language: str, scope: Scope) -> pd.DataFrame:
    """Each process's share target for the scope: its site's, else its region's, else the
    hospital's; the next due after the period's end, else the last one.

    Columns: metric, label, target (0-1), due_date, scope.
    """
    return _scoped_df(
        version,
        f"""
        with
        scopes as (
            select [$site, (select region from sites where lower(site) = lower($site)),
                $region, 'all'] as ranked
        ),
        final as (
            select targets.kpi as metric, {_LABEL} as label, targets.target,
                targets.due_date, targets.scope
            from targets
            inner join metrics on metrics.metric = targets.kpi
            cross join scopes
            where nullif(trim(metrics.paper_metric), '') is not null
                and list_position(scopes.ranked, targets.scope) is not null
                and ($aim is null or metrics.aim = $aim)
            qualify row_number() over (
                partition by targets.kpi
                order by list_position(scopes.ranked, targets.scope),
                    targets.due_date < $end, abs(datediff('day', $end, targets.due_date))
            ) = 1
        )
        select * from final order by label
        """,
        scope.params(language=language),
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def go_lives(version: str, scope: Scope, programme: str | None) -> pd.DataFrame:
    """Go-lives reached in the period, at the scope's places or hospital-wide, of projects of
    the programme and aim chosen: month, go_live_date, project_name, milestone, site."""
    return _scoped_df(
        version,
        f"""
        select distinct month, go_live_date, project_name, milestone, site
        from mart_go_lives as go_live
        where go_live_date between $start and last_day($end)
            and (go_live.site is null or ({_SCOPE.format(alias="go_live")}))
            and ($aim is null or go_live.aim = $aim)
            and ($programme is null or go_live.programme = $programme)
        order by go_live_date, project_name, milestone
        """,
        scope.params(programme=programme),
    )


def _adoption_by(
    version: str, language: str, scope: Scope, place: str, whole_site: str = ""
) -> pd.DataFrame:
    """Digital share per place and process in the report month; `place` is a fixed SQL
    expression of this module, never a reader's value."""
    return _scoped_df(
        version,
        f"""
        select adoption.month, {place} as place, adoption.metric, {_LABEL} as label,
            sum(adoption.digital) as digital, sum(adoption.paper) as paper,
            sum(adoption.digital)
                / nullif(sum(adoption.digital) + sum(adoption.paper), 0) as share
        from mart_adoption_monthly as adoption
        inner join metrics on metrics.metric = adoption.metric
        where adoption.month = {_REPORT_MONTH}
            and {_SCOPE.format(alias="adoption")}
            and ($aim is null or metrics.aim = $aim)
        group by all
        having sum(adoption.digital) + sum(adoption.paper) > 0
        order by place, label
        """,
        scope.params(language=language, whole_site=whole_site),
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def adoption_by_site(version: str, language: str, scope: Scope) -> pd.DataFrame:
    """Digital share per site and process in the report month: month, place (the site),
    metric, label, digital, paper, share."""
    return _adoption_by(version, language, scope, "adoption.site")


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def adoption_by_department(
    version: str, language: str, scope: Scope, whole_site: str
) -> pd.DataFrame:
    """Digital share per department and process in the report month: month, place
    (`site · department`, `whole_site` naming site-level rows), metric, label, digital,
    paper, share."""
    place = "adoption.site || ' · ' || coalesce(adoption.department, $whole_site)"
    return _adoption_by(version, language, scope, place, whole_site)


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def system_usage(version: str, language: str, scope: Scope, levels: bool) -> pd.DataFrame:
    """Per month, digital metric (not a paper counterpart) and system over the scope: levels
    (people: `mean` and `last` metrics, summed over places) or volumes (`sum` metrics).

    Columns: month, system, metric, label, unit, value.
    """
    return _scoped_df(
        version,
        f"""
        select usage.month, usage.system, usage.metric, {_LABEL} as label, metrics.unit,
            case when lower(metrics.aggregation) = 'max' then max(usage.value)
                else sum(usage.value) end as value
        from mart_usage_monthly as usage
        inner join metrics on metrics.metric = usage.metric
        where usage.month between $start and {_REPORT_MONTH}
            and {_SCOPE.format(alias="usage")}
            and ($aim is null or metrics.aim = $aim)
            and usage.metric not in {_PAPER_METRICS}
            and (lower(metrics.aggregation) in ('mean', 'last')) = $levels
        group by usage.month, usage.system, usage.metric, label, metrics.unit,
            metrics.aggregation
        order by usage.month, label
        """,
        scope.params(language=language, levels=levels),
    )


# Hours freed can be broken down by these mart columns (a reader's choice picks one).
HOURS_DIMENSIONS = {"system": "saved.system", "aim": "saved.aim", "site": "saved.site"}


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def hours_freed_by(version: str, scope: Scope, dimension: str) -> pd.DataFrame:
    """Hours freed per month and system, aim or site over the scope: month, group, hours_low,
    hours_base, hours_high (staff hours per month)."""
    column = HOURS_DIMENSIONS[dimension]
    return _scoped_df(
        version,
        f"""
        select saved.month, {column} as "group", sum(saved.hours_low) as hours_low,
            sum(saved.hours_base) as hours_base, sum(saved.hours_high) as hours_high
        from mart_time_saved_monthly as saved
        where saved.month between $start and {_REPORT_MONTH}
            and {_SCOPE.format(alias="saved")}
            and ($aim is null or saved.aim = $aim)
        group by all
        order by saved.month, "group"
        """,
        scope.params(),
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def hours_freed_totals(version: str, scope: Scope) -> pd.DataFrame:
    """Hours freed per month over the scope, and cumulated since the programme started.

    Columns: month, hours_low, hours_base, hours_high (per month), cumulative_low,
    cumulative_base, cumulative_high (since the first month of data, up to the month).
    """
    return _scoped_df(
        version,
        f"""
        with
        monthly as (
            select saved.month, sum(saved.hours_low) as hours_low,
                sum(saved.hours_base) as hours_base, sum(saved.hours_high) as hours_high
            from mart_time_saved_monthly as saved
            where saved.month <= {_REPORT_MONTH}
                and {_SCOPE.format(alias="saved")}
                and ($aim is null or saved.aim = $aim)
            group by saved.month
        ),
        cumulated as (
            select *,
                sum(hours_low) over (order by month) as cumulative_low,
                sum(hours_base) over (order by month) as cumulative_base,
                sum(hours_high) over (order by month) as cumulative_high
            from monthly
        )
        select * from cumulated where month >= $start order by month
        """,
        scope.params(),
    )


@dataclass(frozen=True)
class HoursSummary:
    """Hours freed over a period and since the programme started, with FTE equivalents."""

    programme_start: date  # the first month of data: the programme's start
    start: date
    end: date  # the last month counted: the period's end or the latest complete month
    months: int  # calendar months from start to end
    period_hours: Estimate
    period_fte: Estimate  # period hours / (annual hours per FTE * months / 12)
    cumulative_hours: Estimate  # since programme_start, up to end
    cumulative_fte_years: Estimate  # cumulative hours / annual hours per FTE


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def hours_freed_summary(version: str, scope: Scope) -> HoursSummary | None:
    """Hours freed in the period and since the programme started, over the scope."""
    row = _scoped_one(
        version,
        f"""
        with
        bounds as (
            select (select min(month) from mart_time_saved_monthly) as programme_start,
                greatest($start, (select min(month) from mart_time_saved_monthly)) as start,
                {_REPORT_MONTH} as "end"
        ),
        scoped as (
            select saved.*
            from mart_time_saved_monthly as saved
            where {_SCOPE.format(alias="saved")} and ($aim is null or saved.aim = $aim)
        )
        select bounds.programme_start, bounds.start, bounds."end",
            datediff('month', bounds.start, bounds."end") + 1 as months,
            coalesce(sum(hours_low) filter (where month >= bounds.start), 0),
            coalesce(sum(hours_base) filter (where month >= bounds.start), 0),
            coalesce(sum(hours_high) filter (where month >= bounds.start), 0),
            coalesce(sum(hours_low), 0), coalesce(sum(hours_base), 0),
            coalesce(sum(hours_high), 0)
        from bounds
        left join scoped on scoped.month <= bounds."end"
        where bounds.programme_start is not null and bounds.start <= bounds."end"
        group by all
        """,
        scope.params(),
    )
    return None if row is None else _hours_summary(row)


def _hours_summary(row: tuple[Any, ...]) -> HoursSummary:
    """Turn the summary row into HoursSummary, with FTE over the period's months."""
    programme_start, start, end, months, *hours = row
    period_divisor = app.ANNUAL_HOURS_PER_FTE * months / 12
    return HoursSummary(
        programme_start=programme_start,
        start=start,
        end=end,
        months=months,
        period_hours=Estimate(*hours[:3]),
        period_fte=Estimate(*(h / period_divisor for h in hours[:3])),
        cumulative_hours=Estimate(*hours[3:]),
        cumulative_fte_years=Estimate(*(h / app.ANNUAL_HOURS_PER_FTE for h in hours[3:])),
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def time_saved_coefficients(version: str, language: str, aim: str | None) -> pd.DataFrame:
    """The catalogue's minutes saved per unit behind the hours freed, with their source.

    Columns: metric, label, unit, minutes_low, minutes_base, minutes_high, source; the
    metrics with a coefficient or a source, of the aim chosen.
    """
    return _scoped_df(
        version,
        f"""
        select metric, {_LABEL} as label, unit,
            coalesce(minutes_saved_low, 0) as minutes_low,
            coalesce(minutes_saved_base, 0) as minutes_base,
            coalesce(minutes_saved_high, 0) as minutes_high,
            nullif(trim(source), '') as source
        from metrics
        where ($aim is null or aim = $aim)
            and (coalesce(minutes_saved_low, 0) <> 0 or coalesce(minutes_saved_base, 0) <> 0
                or coalesce(minutes_saved_high, 0) <> 0 or nullif(trim(source), '') is not null)
        order by minutes_base desc, label
        """,
        {"language": language, "aim": aim},
    )


# Each criterion of mart_maturity_criteria over the scope, in the report month: the share
# is summed over places first; a criterion is met when the share reaches its threshold.
_MATURITY = f"""
    criteria as (
        select month, stage, criterion, metric, threshold,
            sum(digital) as digital, sum(paper) as paper,
            sum(digital) / nullif(sum(digital) + sum(paper), 0) as share
        from mart_maturity_criteria as maturity
        where month = {_REPORT_MONTH} and {_SCOPE.format(alias="maturity")}
        group by month, stage, criterion, metric, threshold
    ),
    judged as (
        select *, coalesce(share >= threshold, false) as met from criteria
    )
"""


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def maturity_criteria(version: str, language: str, scope: Scope) -> pd.DataFrame:
    """The EMRAM-style criteria in the report month over the scope: month, stage, criterion,
    metric, label, threshold, digital, paper, share (null: no data), met."""
    return _scoped_df(
        version,
        f"""
        with {_MATURITY}
        select judged.month, judged.stage, judged.criterion, judged.metric,
            {_LABEL} as label, judged.threshold, judged.digital, judged.paper,
            judged.share, judged.met
        from judged
        left join metrics on metrics.metric = judged.metric
        order by judged.stage, judged.threshold, judged.criterion
        """,
        scope.params(language=language),
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def maturity_stage(version: str, scope: Scope) -> int | None:
    """The highest measured stage whose criteria, and all lower stages' criteria, are met;
    None when not even the lowest measured stage is reached (or there is no data)."""
    row = _scoped_one(
        version,
        f"""
        with {_MATURITY},
        stages as (
            select stage, bool_and(met) as all_met from judged group by stage
        )
        select max(stage)
        from stages
        where all_met
            and not exists (
                select 1 from stages as lower_stage
                where lower_stage.stage < stages.stage and not lower_stage.all_met
            )
        """,
        scope.params(),
    )
    return None if row is None or row[0] is None else int(row[0])


# ---------------------------------------------------------------------------------------
# Board views with the sidebar filters: Overview aim cards, Portfolio, Team (issue 3).
# Every function takes the filters as plain values: `end` (and `start`) are first days of
# months, the scope is a `site` or a language `region` (both None: the whole hospital),
# `programme` and `aim` None for all. A month's figures are "as of" its last day.
# ---------------------------------------------------------------------------------------

# Usage marts (mart_usage_monthly, _adoption_, _time_saved_, _aim_kpi_) and mart_positions
# carry site and region: keep the chosen site or region.
_PLACE_FILTER = "($site is null or lower(site) = lower($site)) and ($region is null or region = $region)"

# Projects and milestones carry a site or `all`: a site or region keeps its own projects
# and the hospital-wide ones (they concern every site).
_PROJECT_FILTER = """
    ($programme is null or programme = $programme)
    and ($aim is null or aim = $aim)
    and (
        ($site is null and $region is null)
        or coalesce(lower(site), 'all') = 'all'
        or lower(site) = lower($site)
        or lower(site) in (select lower(site) from sites where region = $region)
    )"""

# The month usage figures report on: the period's last month, but never one whose usage
# data is still coming in (see _COMPLETE_MONTH).
# (Null when no usage is loaded: DuckDB's least() skips nulls, hence the case.)
_USAGE_END = (
    "(select case when complete_month is not null then least("
    "date_trunc('month', $end::date)::date, complete_month) end"
    " from mart_data_freshness where source = 'usage')"
)

TREND_MONTHS = 12  # months of history on an aim card
ON_TRACK_MONTHS = 6  # months of history the on-track rule extrapolates
ON_TRACK_MIN_POINTS = 3  # fewer monthly values than this are no trend


@dataclass(frozen=True)
class AimCard:
    """An aim's headline KPI in a scope: latest value, 12-month trend, target and signal."""

    aim: str
    kpi: str
    kind: str  # share (0-1), hours (per month) or level (a count at month end)
    month: date | None  # the month of `value`; None when the scope has no data
    value: float | None
    trend: tuple[tuple[date, float], ...]  # (month, value), oldest first
    target: Target | None
    target_scope: str | None  # the scope the target was set for: a site, fr/de or all
    status: str  # met, on_track, off_track or no_target (see target_status)


def _meets(value: float, target: Target) -> bool:
    """Whether a value reaches the target in its direction (at_least or at_most)."""
    return value <= target.target if target.direction == "at_most" else value >= target.target


def _months_before(month: date, count: int) -> date:
    """The first day of the month `count` months before `month`."""
    year, index = divmod(month.year * 12 + month.month - 1 - count, 12)
    return date(year, index + 1, 1)


def target_status(trend: tuple[tuple[date, float], ...], target: Target | None) -> str:
    """The on-track signal of a KPI against its target; the one definition of "on track".

    met: the latest monthly value already meets the target. on_track: the least-squares
    line through the values of the last ON_TRACK_MONTHS months (at least
    ON_TRACK_MIN_POINTS of them), extended to the due date, meets it. off_track: neither,
    or the due date has passed. no_target: no target, or no value yet.
    """
    if target is None or not trend:
        return "no_target"
    latest_month, latest = trend[-1]
    if _meets(latest, target):
        return "met"
    recent = [(m, v) for m, v in trend if m > _months_before(latest_month, ON_TRACK_MONTHS)]
    if len(recent) < ON_TRACK_MIN_POINTS or target.due_date <= latest_month:
        return "off_track"
    days = [float((month - recent[0][0]).days) for month, _ in recent]
    values = [value for _, value in recent]
    mean_x, mean_y = sum(days) / len(days), sum(values) / len(values)
    spread = sum((x - mean_x) ** 2 for x in days)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(days, values, strict=True)) / spread
    projected = mean_y + slope * ((target.due_date - recent[0][0]).days - mean_x)
    return "on_track" if _meets(projected, target) else "off_track"


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def aim_cards(version: str, end: date, region: str | None, site: str | None) -> tuple[AimCard, ...]:
    """Each aim's headline KPI (mart_aim_kpi_monthly) in the scope, up to the period's end."""
    trend = db.query_df(
        version,
        f"""
        with
        kpis as (select distinct aim, kpi, kind from mart_aim_kpi_monthly),
        latest as (select {_USAGE_END} as month),
        monthly as (
            select aim, month,
                case when any_value(kind) = 'share'
                    then sum(numerator) / nullif(sum(denominator), 0)
                    else sum(numerator) end as value
            from mart_aim_kpi_monthly
            where {_PLACE_FILTER}
                and month <= (select month from latest)
                and month > (select month from latest) - interval {TREND_MONTHS} month
            group by aim, month
        )
        select kpis.aim, kpis.kpi, kpis.kind, monthly.month, monthly.value
        from kpis
        left join monthly on monthly.aim = kpis.aim and monthly.value is not null
        order by kpis.aim, monthly.month
        """,
        {"end": end, "region": region, "site": site},
    )
    targets = _aim_targets(version, end, region, site)
    return tuple(_aim_card(aim, rows, targets.get(str(aim))) for aim, rows in trend.groupby("aim"))


def _aim_card(aim: object, rows: pd.DataFrame, target: tuple[Target, str] | None) -> AimCard:
    """One aim card from its monthly rows (month null when the scope has none)."""
    points = tuple(
        (pd.Timestamp(month).date(), float(value))
        for month, value in zip(rows["month"], rows["value"], strict=True)
        if not pd.isna(month)
    )
    first = rows.iloc[0]
    return AimCard(
        aim=str(aim),
        kpi=str(first["kpi"]),
        kind=str(first["kind"]),
        month=points[-1][0] if points else None,
        value=points[-1][1] if points else None,
        trend=points,
        target=None if target is None else target[0],
        target_scope=None if target is None else target[1],
        status=target_status(points, None if target is None else target[0]),
    )


def _aim_targets(
    version: str, end: date, region: str | None, site: str | None
) -> dict[str, tuple[Target, str]]:
    """Per aim, the target of its KPI for the scope, the next one due first.

    A share target set for a wider scope also holds for a narrower one (a hospital-wide
    80% is each site's goal too): site, then its region, then the whole hospital. A
    target in hours or patients holds only for its own scope.
    """
    scope = site or region or "all"
    targets = db.query_df(
        version,
        """
        with
        kpis as (select distinct aim, kpi, kind from mart_aim_kpi_monthly),
        scopes as (
            select $scope as scope, 0 as distance, true as for_every_kind
            union all
            select region, 1, false from sites where lower(site) = lower($site)
            union all
            select $region, 1, false where $region is not null
            union all
            select 'all', 2, false where $scope <> 'all'
        )
        select kpis.aim, targets.kpi, targets.target, targets.due_date, targets.direction,
            targets.scope
        from kpis
        inner join targets on targets.kpi = kpis.kpi
        inner join scopes on scopes.scope = targets.scope
            and (scopes.for_every_kind or kpis.kind = 'share')
        qualify row_number() over (
            partition by kpis.aim
            order by scopes.distance, targets.due_date < last_day($end::date),
                abs(datediff('day', last_day($end::date), targets.due_date))
        ) = 1
        """,
        {"scope": scope, "site": site, "region": region, "end": end},
    )
    return {
        str(row.aim): (
            Target(str(row.kpi), float(row.target), pd.Timestamp(row.due_date).date(), str(row.direction)),
            str(row.scope),
        )
        for row in targets.itertuples()
    }


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def hours_freed_for(
    version: str, end: date, region: str | None, site: str | None, aim: str | None
) -> HoursFreed | None:
    """Hours freed in the scope and aim: the period's last complete month and its year to date."""
    row = db.query_one(
        version,
        f"""
        with
        latest as (select {_USAGE_END} as month),
        monthly as (
            select month, sum(hours_low) as low, sum(hours_base) as base, sum(hours_high) as high
            from mart_time_saved_monthly
            where {_PLACE_FILTER} and ($aim is null or aim = $aim)
            group by month
        )
        select
            latest.month,
            month(latest.month) as months_elapsed,
            coalesce(sum(low) filter (where monthly.month = latest.month), 0),
            coalesce(sum(base) filter (where monthly.month = latest.month), 0),
            coalesce(sum(high) filter (where monthly.month = latest.month), 0),
            coalesce(sum(low), 0),
            coalesce(sum(base), 0),
            coalesce(sum(high), 0)
        from latest
        left join monthly
            on monthly.month <= latest.month and year(monthly.month) = year(latest.month)
        where latest.month is not null
        group by latest.month
        """,
        {"end": end, "region": region, "site": site, "aim": aim},
    )
    return None if row is None else _hours_freed(row)


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def hours_freed_monthly_for(
    version: str, start: date, end: date, region: str | None, site: str | None, aim: str | None
) -> pd.DataFrame:
    """Hours freed per complete month of the period in the scope and aim: month, hours_low,
    hours_base, hours_high."""
    return db.query_df(
        version,
        f"""
        select month, sum(hours_low) as hours_low, sum(hours_base) as hours_base,
            sum(hours_high) as hours_high
        from mart_time_saved_monthly
        where {_PLACE_FILTER} and ($aim is null or aim = $aim)
            and month >= $start and month <= {_USAGE_END}
        group by month
        order by month
        """,
        {"start": start, "end": end, "region": region, "site": site, "aim": aim},
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def key_process_shares_for(
    version: str,
    language: str,
    end: date,
    region: str | None,
    site: str | None,
    aim: str | None,
    limit: int = KEY_PROCESSES,
) -> pd.DataFrame:
    """The busiest processes' digital share in the scope (and aim): the period's last complete
    month vs a year before.

    Columns: metric, label, month, share, previous_month, previous_share, volume.
    """
    return db.query_df(
        version,
        f"""
        with
        scoped as (
            select adoption.month, adoption.metric, sum(adoption.digital) as digital,
                sum(adoption.paper) as paper
            from mart_adoption_monthly as adoption
            inner join metrics on metrics.metric = adoption.metric
            where {_PLACE_FILTER} and ($aim is null or metrics.aim = $aim)
            group by adoption.month, adoption.metric
        ),
        compared as (
            select
                current_month.metric,
                current_month.month,
                current_month.digital
                    / nullif(current_month.digital + current_month.paper, 0) as share,
                year_before.month as previous_month,
                year_before.digital
                    / nullif(year_before.digital + year_before.paper, 0) as previous_share,
                current_month.digital + current_month.paper as volume
            from scoped as current_month
            left join scoped as year_before
                on year_before.metric = current_month.metric
                and year_before.month = current_month.month - interval 12 month
            where current_month.month = {_USAGE_END}
        )
        select compared.metric, {_LABEL} as label, compared.month, compared.share,
            compared.previous_month, compared.previous_share, compared.volume
        from compared
        inner join metrics on metrics.metric = compared.metric
        order by compared.volume desc, compared.metric
        limit $limit
        """,
        {
            "language": language,
            "end": end,
            "region": region,
            "site": site,
            "aim": aim,
            "limit": limit,
        },
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def process_share_trend_for(
    version: str,
    language: str,
    metrics: tuple[str, ...],
    start: date,
    end: date,
    region: str | None,
    site: str | None,
) -> pd.DataFrame:
    """Digital share per complete month of the period in the scope, of the given processes:
    month, metric, label, share."""
    return db.query_df(
        version,
        f"""
        select adoption.month, adoption.metric, {_LABEL} as label,
            sum(adoption.digital)
                / nullif(sum(adoption.digital) + sum(adoption.paper), 0) as share
        from mart_adoption_monthly as adoption
        inner join metrics on metrics.metric = adoption.metric
        where list_contains($metrics, adoption.metric) and {_PLACE_FILTER}
            and adoption.month >= $start and adoption.month <= {_USAGE_END}
        group by all
        order by adoption.month, label
        """,
        {
            "language": language,
            "metrics": list(metrics),
            "start": start,
            "end": end,
            "region": region,
            "site": site,
        },
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def share_targets_for(
    version: str, language: str, as_of: date, region: str | None, site: str | None
) -> pd.DataFrame:
    """Share targets of processes with a paper counterpart for the scope, next due first:
    the scope's own, else its region's, else the hospital's (a share holds for every part).

    Columns: metric, label, target (0-1), due_date.
    """
    return db.query_df(
        version,
        f"""
        with scopes as (
            select coalesce($site, $region, 'all') as scope, 0 as distance
            union all
            select region, 1 from sites where lower(site) = lower($site)
            union all
            select 'all', 2
        )
        select targets.kpi as metric, {_LABEL} as label, targets.target, targets.due_date
        from targets
        inner join metrics on metrics.metric = targets.kpi
        inner join scopes on scopes.scope = targets.scope
        where nullif(trim(metrics.paper_metric), '') is not null
        qualify row_number() over (
            partition by targets.kpi
            order by scopes.distance, targets.due_date < $as_of,
                abs(datediff('day', $as_of, targets.due_date))
        ) = 1
        order by label
        """,
        {"language": language, "as_of": as_of, "region": region, "site": site},
    )


@dataclass(frozen=True)
class PortfolioHealth:
    """Projects at the latest report of a period: RAG counts of active ones, and money."""

    report_month: date
    green: int
    amber: int
    red: int
    active: int  # not closed
    projects: int  # closed ones included
    budget_chf: float  # planned budget of all projects
    spent_chf: float


def _portfolio_params(
    end: date, programme: str | None, aim: str | None, region: str | None, site: str | None
) -> dict[str, Any]:
    """The bound values of _PROJECT_FILTER and the period's end."""
    return {"end": end, "programme": programme, "aim": aim, "region": region, "site": site}


# Each project's latest report in a month up to the period's end, in the filters.
_LATEST_REPORTS = f"""
    select *
    from mart_portfolio_status
    where report_month <= date_trunc('month', $end::date) and {_PROJECT_FILTER}
    qualify row_number() over (partition by project_id order by report_month desc) = 1
"""


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def portfolio_health(
    version: str,
    end: date,
    programme: str | None,
    aim: str | None,
    region: str | None,
    site: str | None,
) -> PortfolioHealth | None:
    """RAG counts of active projects in the period's latest report month, and budget vs spent
    of every project as last reported."""
    row = db.query_one(
        version,
        f"""
        with latest as ({_LATEST_REPORTS}),
        report as (select max(report_month) as month from latest)
        select
            (select month from report),
            count(*) filter (where phase <> 'closed' and status = 'green'
                and report_month = (select month from report)),
            count(*) filter (where phase <> 'closed' and status = 'amber'
                and report_month = (select month from report)),
            count(*) filter (where phase <> 'closed' and status = 'red'
                and report_month = (select month from report)),
            count(*) filter (where phase <> 'closed' and report_month = (select month from report)),
            count(*),
            coalesce(sum(budget_chf), 0),
            coalesce(sum(spent_chf), 0)
        from latest
        having count(*) > 0
        """,
        _portfolio_params(end, programme, aim, region, site),
    )
    return None if row is None else PortfolioHealth(*row)


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def portfolio_rag_monthly_for(
    version: str,
    start: date,
    end: date,
    programme: str | None,
    aim: str | None,
    region: str | None,
    site: str | None,
) -> pd.DataFrame:
    """Active projects by RAG status per report month of the period, in the filters:
    report_month, green, amber, red, total."""
    return db.query_df(
        version,
        f"""
        select
            report_month,
            count(*) filter (where status = 'green') as green,
            count(*) filter (where status = 'amber') as amber,
            count(*) filter (where status = 'red') as red,
            count(*) as total
        from mart_portfolio_status
        where phase <> 'closed' and report_month >= $start
            and report_month <= date_trunc('month', $end::date) and {_PROJECT_FILTER}
        group by report_month
        order by report_month
        """,
        {"start": start, **_portfolio_params(end, programme, aim, region, site)},
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def portfolio_latest(
    version: str,
    end: date,
    programme: str | None,
    aim: str | None,
    region: str | None,
    site: str | None,
) -> pd.DataFrame:
    """Every project's latest status report up to the period's end, in the filters.

    Columns: project_id, project_name, programme, aim, site, owner, phase, status,
    percent_complete (0-100), start_date, planned_end, forecast_end, slippage_days,
    budget_chf, spent_chf, spent_share (spent / budget, null without a budget),
    report_date; the active projects first, red then amber then green, the latest first.
    """
    return db.query_df(
        version,
        f"""
        select project_id, project_name, programme, aim, site, owner, phase, status,
            percent_complete, start_date, planned_end, forecast_end, slippage_days,
            budget_chf, spent_chf, spent_chf / nullif(budget_chf, 0) as spent_share, report_date
        from ({_LATEST_REPORTS})
        order by phase = 'closed', list_position(['red', 'amber', 'green'], status),
            slippage_days desc nulls last, project_id
        """,
        _portfolio_params(end, programme, aim, region, site),
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def budget_by_programme(
    version: str,
    end: date,
    programme: str | None,
    aim: str | None,
    region: str | None,
    site: str | None,
) -> pd.DataFrame:
    """Budget and spending per programme, as each project last reported up to the period's
    end: programme, budget_chf, spent_chf (CHF)."""
    return db.query_df(
        version,
        f"""
        select programme, coalesce(sum(budget_chf), 0) as budget_chf,
            coalesce(sum(spent_chf), 0) as spent_chf
        from ({_LATEST_REPORTS})
        group by programme
        order by budget_chf desc, programme
        """,
        _portfolio_params(end, programme, aim, region, site),
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def milestones_monthly(
    version: str,
    start: date,
    end: date,
    programme: str | None,
    aim: str | None,
    region: str | None,
    site: str | None,
) -> pd.DataFrame:
    """Milestones planned and reached per month of the period, in the filters (mart_milestones):
    month, planned (due that month), reached (reached that month), reached_on_time (of the
    planned ones, reached by their planned date)."""
    return db.query_df(
        version,
        f"""
        with
        months as (
            select unnest(generate_series($start::date, $end::date, interval 1 month))::date
                as month
        ),
        scoped as (select * from mart_milestones where {_PROJECT_FILTER})
        select
            months.month,
            (select count(*) from scoped where planned_month = months.month) as planned,
            (select count(*) from scoped where reached_month = months.month) as reached,
            (select count(*) from scoped where planned_month = months.month
                and actual_date <= planned_date) as reached_on_time
        from months
        order by months.month
        """,
        {"start": start, **_portfolio_params(end, programme, aim, region, site)},
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def project_history(version: str, project_id: str) -> pd.DataFrame:
    """A project's status reports, newest first: report_date, phase, status, percent_complete,
    forecast_end, spent_chf, comment."""
    return db.query_df(
        version,
        """
        select report_date, phase, status, percent_complete, forecast_end, spent_chf, comment
        from projects
        where project_id = $project_id
        order by report_date desc
        """,
        {"project_id": project_id},
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def project_milestones(version: str, project_id: str) -> pd.DataFrame:
    """A project's milestones in planned order: milestone, planned_date, actual_date,
    delay_days (reached - planned, null until reached)."""
    return db.query_df(
        version,
        """
        select milestone, planned_date, actual_date, delay_days
        from mart_milestones
        where project_id = $project_id
        order by planned_date, milestone_id
        """,
        {"project_id": project_id},
    )


@dataclass(frozen=True)
class Hiring:
    """The hiring plan at a month end (mart_positions), in the scope and programme.

    planned: positions opened by then, cancelled ones excluded; filled: filled by then.
    open, interviewing, offer: the stage the export gives today for positions still not
    filled today; earlier_stage: positions filled since, whose stage then is not recorded.
    """

    month: date  # first day of the month; the figures hold at its last day
    planned: int
    filled: int
    open: int
    interviewing: int
    offer: int
    earlier_stage: int
    fte_planned: float
    fte_filled: float


# Positions in the scope and programme, with their state at the end of the $end month.
_POSITIONS_AS_OF = f"""
    select *,
        filled_date is not null and filled_date <= last_day($end::date) as filled_then,
        case
            when filled_date is not null and filled_date <= last_day($end::date) then 'filled'
            when status = 'filled' then 'earlier_stage'
            else status
        end as stage
    from mart_positions
    where is_planned and opened_date <= last_day($end::date)
        and {_PLACE_FILTER} and ($programme is null or programme = $programme)
"""


def _positions_params(
    end: date, programme: str | None, region: str | None, site: str | None
) -> dict[str, Any]:
    """The bound values of _POSITIONS_AS_OF."""
    return {"end": end, "programme": programme, "region": region, "site": site}


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def hiring_as_of(
    version: str, end: date, programme: str | None, region: str | None, site: str | None
) -> Hiring | None:
    """The hiring plan and pipeline at the end of the period's last month, in the filters."""
    row = db.query_one(
        version,
        f"""
        select
            date_trunc('month', $end::date)::date,
            count(*),
            count(*) filter (where stage = 'filled'),
            count(*) filter (where stage = 'open'),
            count(*) filter (where stage = 'interviewing'),
            count(*) filter (where stage = 'offer'),
            count(*) filter (where stage = 'earlier_stage'),
            coalesce(sum(fte), 0),
            coalesce(sum(fte) filter (where stage = 'filled'), 0)
        from ({_POSITIONS_AS_OF})
        having count(*) > 0
        """,
        _positions_params(end, programme, region, site),
    )
    return None if row is None else Hiring(*row)


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def positions_monthly_for(
    version: str,
    start: date,
    end: date,
    programme: str | None,
    region: str | None,
    site: str | None,
) -> pd.DataFrame:
    """Positions planned and filled at each month end of the period, in the filters:
    month, planned, filled (mart_positions; the rules of mart_staffing_monthly)."""
    return db.query_df(
        version,
        f"""
        with
        months as (
            select unnest(generate_series($start::date, $end::date, interval 1 month))::date
                as month
        ),
        scoped as (
            select * from mart_positions
            where is_planned and {_PLACE_FILTER} and ($programme is null or programme = $programme)
        )
        select
            months.month,
            count(scoped.position_id) as planned,
            count(scoped.position_id) filter (where scoped.filled_date <= last_day(months.month))
                as filled
        from months
        left join scoped on scoped.opened_date <= last_day(months.month)
        group by months.month
        having count(scoped.position_id) > 0
        order by months.month
        """,
        {"start": start, **_positions_params(end, programme, region, site)},
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def time_to_fill_by_role(
    version: str, end: date, programme: str | None, region: str | None, site: str | None
) -> pd.DataFrame:
    """Days from opening to filling, per role, of the positions filled by the period's end:
    role, positions, median_days, min_days, max_days; the slowest role first."""
    return db.query_df(
        version,
        f"""
        select role, count(*) as positions, median(days_to_fill) as median_days,
            min(days_to_fill) as min_days, max(days_to_fill) as max_days
        from ({_POSITIONS_AS_OF})
        where stage = 'filled'
        group by role
        order by median_days desc, role
        """,
        _positions_params(end, programme, region, site),
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def fte_by_team(
    version: str, end: date, programme: str | None, region: str | None, site: str | None
) -> pd.DataFrame:
    """FTE planned and filled per team at the end of the period's last month: team (null when
    the export gives none), fte_planned, fte_filled, positions; the largest team first."""
    return db.query_df(
        version,
        f"""
        select team, sum(fte) as fte_planned,
            coalesce(sum(fte) filter (where stage = 'filled'), 0) as fte_filled,
            count(*) as positions
        from ({_POSITIONS_AS_OF})
        group by team
        order by fte_planned desc, team nulls last
        """,
        _positions_params(end, programme, region, site),
    )


@dataclass(frozen=True)
class StaleSource:
    """A source whose latest date is older than STALE_AFTER_DAYS allows."""

    source: str
    latest_date: date
    age_days: int
    limit_days: int


def stale_sources(freshness: pd.DataFrame, today: date) -> tuple[StaleSource, ...]:
    """The sources of data_freshness() whose latest date is too old on `today`; the one rule
    of staleness (thresholds in app.STALE_AFTER_DAYS). A source with no data is not stale:
    the "data as of" line says it is missing."""
    stale = []
    for row in freshness.itertuples():
        limit = STALE_AFTER_DAYS.get(str(row.source))
        if limit is None or pd.isna(row.latest_date):
            continue
        latest = pd.Timestamp(row.latest_date).date()
        if (today - latest).days > limit:
            stale.append(StaleSource(str(row.source), latest, (today - latest).days, limit))
    return tuple(stale)


# --- Board pack (issue 7) ----------------------------------------------------------------


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def projects_needing_attention(
    version: str, end: date, programme: str | None, aim: str | None,
    region: str | None, site: str | None,
) -> pd.DataFrame:
    """The active projects at red or amber in the period's latest report month (those
    portfolio_health counts), with that report's comment; red first, the latest first.

    Columns: project_id, project_name, programme, site, phase, status, percent_complete,
    planned_end, forecast_end, slippage_days, report_date, comment.
    """
    return db.query_df(
        version,
        f"""
        with latest as ({_LATEST_REPORTS})
        select latest.project_id, latest.project_name, latest.programme, latest.site,
            latest.phase, latest.status, latest.percent_complete, latest.planned_end,
            latest.forecast_end, latest.slippage_days, latest.report_date, projects.comment
        from latest
        left join projects
            on projects.project_id = latest.project_id
            and projects.report_date = latest.report_date
        where latest.phase <> 'closed' and latest.status in ('red', 'amber')
            and latest.report_month = (select max(report_month) from latest)
        order by latest.status = 'amber', latest.slippage_days desc nulls last, latest.project_id
        """,
        _portfolio_params(end, programme, aim, region, site),
    )


# --- Analysts' workbench: assumptions, targets, settings, data quality, sensitivity ------


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def metrics_with_usage(version: str) -> tuple[str, ...]:
    """The catalogue metrics that have usage data (they cannot leave the catalogue)."""
    frame = db.query_df(version, "select distinct metric from mart_usage_monthly order by metric")
    return tuple(frame["metric"])


@st.cache_data(ttl=_TTL, max_entries=8, show_spinner=False)
def hours_preview(version: str, rows: list[dict[str, str]]) -> reference.HoursPreview:
    """Hours freed per month before and after an edit of the catalogue (`rows`, as text): the
    time-saved mart's own SQL re-run on the edited coefficients (etl.reference)."""
    return reference.preview_hours(rows, warehouse_path())


@dataclass(frozen=True)
class HoursSince:
    """Staff hours freed from a start month to the latest complete month of usage."""

    start: date  # first day of the first month counted
    end: date  # first day of the last month counted
    months: int
    hours: Estimate


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def hours_since(version: str, start: date) -> HoursSince | None:
    """Hours freed (low, base, high) since `start` (the programme's start, or the first month
    of data if later), up to the latest complete month, hospital-wide."""
    row = db.query_one(
        version,
        f"""
        with bounds as (
            select greatest(date_trunc('month', $start::date)::date,
                    (select min(month) from mart_time_saved_monthly)) as first_month,
                {_COMPLETE_MONTH} as last_month
        )
        select bounds.first_month, bounds.last_month,
            datediff('month', bounds.first_month, bounds.last_month) + 1,
            coalesce(sum(saved.hours_low), 0), coalesce(sum(saved.hours_base), 0),
            coalesce(sum(saved.hours_high), 0)
        from bounds
        left join mart_time_saved_monthly as saved
            on saved.month between bounds.first_month and bounds.last_month
        where bounds.first_month <= bounds.last_month
        group by all
        """,
        {"start": start},
    )
    if row is None:
        return None
    first, last, months, *hours = row
    return HoursSince(first, last, int(months), Estimate(*hours))


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def hours_by_metric(version: str, language: str) -> pd.DataFrame:
    """Per metric with a time-saved coefficient, hospital-wide, in the latest complete month:
    month, metric, label, unit, volume (the metric's unit), minutes_low/base/high (per unit),
    hours_low/base/high (staff hours), and low_total/high_total: the hours of all metrics
    with this one's coefficient at low (high) and every other at base; the widest swing
    first."""
    return db.query_df(
        version,
        f"""
        with by_metric as (
            select saved.month, saved.metric, {_LABEL} as label, metrics.unit,
                sum(saved.volume) as volume,
                coalesce(any_value(metrics.minutes_saved_low), 0) as minutes_low,
                coalesce(any_value(metrics.minutes_saved_base), 0) as minutes_base,
                coalesce(any_value(metrics.minutes_saved_high), 0) as minutes_high,
                sum(saved.hours_low) as hours_low, sum(saved.hours_base) as hours_base,
                sum(saved.hours_high) as hours_high
            from mart_time_saved_monthly as saved
            inner join metrics on metrics.metric = saved.metric
            where saved.month = {_COMPLETE_MONTH}
            group by saved.month, saved.metric, label, metrics.unit
        )
        select *,
            sum(hours_base) over () - hours_base + hours_low as low_total,
            sum(hours_base) over () - hours_base + hours_high as high_total
        from by_metric
        order by hours_high - hours_low desc, metric
        """,
        {"language": language},
    )


# Metrics with a paper counterpart: their KPI is a share.
_PAPER_PAIRED = "(select metric from metrics where nullif(trim(paper_metric), '') is not null)"


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def kpi_values(version: str) -> pd.DataFrame:
    """Each KPI in the latest complete month of usage, per scope (all, a region, a site):
    kpi, scope, month, value. A metric with a paper counterpart gives its digital share
    (0-1: digital and paper summed over the scope, then divided); hours_freed the staff
    hours freed (base estimate); any other metric its monthly value summed over the scope."""
    return db.query_df(
        version,
        f"""
        with
        latest as (select {_COMPLETE_MONTH} as month),
        places as (select distinct site, region from mart_usage_monthly),
        scopes as (
            select 'all' as scope, site from places
            union all select region, site from places
            union all select site, site from places
        ),
        shares as (
            select adoption.metric as kpi, scopes.scope,
                sum(adoption.digital) / nullif(sum(adoption.digital) + sum(adoption.paper), 0)
                    as value
            from mart_adoption_monthly as adoption
            inner join scopes on scopes.site = adoption.site
            where adoption.month = (select month from latest)
            group by all
        ),
        hours as (
            select 'hours_freed' as kpi, scopes.scope, sum(saved.hours_base) as value
            from mart_time_saved_monthly as saved
            inner join scopes on scopes.site = saved.site
            where saved.month = (select month from latest)
            group by all
        ),
        levels as (
            select usage_monthly.metric as kpi, scopes.scope, sum(usage_monthly.value) as value
            from mart_usage_monthly as usage_monthly
            inner join scopes on scopes.site = usage_monthly.site
            where usage_monthly.month = (select month from latest)
                and usage_monthly.metric not in {_PAPER_PAIRED}
            group by all
        )
        select kpi, scope, (select month from latest) as month, value from shares
        union all select kpi, scope, (select month from latest), value from hours
        union all select kpi, scope, (select month from latest), value from levels
        order by kpi, scope
        """,
    )



@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def quality_sources(version: str) -> pd.DataFrame:
    """Per source (mart_quality_sources): source, row_count, first_date, last_date (the dates
    its rows cover), latest_date (mart_data_freshness: what staleness is judged on),
    months_expected, months_missing, missing_months, last_loaded_at, loads_rejected,
    last_rejected_at."""
    return db.query_df(
        version,
        """
        select quality.source, quality.row_count, quality.first_date, quality.last_date,
            freshness.latest_date, quality.months_expected, quality.months_missing,
            quality.missing_months, quality.last_loaded_at, quality.loads_rejected,
            quality.last_rejected_at
        from mart_quality_sources as quality
        left join mart_data_freshness as freshness on freshness.source = quality.source
        order by list_position(['usage', 'projects', 'milestones', 'positions'], quality.source)
        """,
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def quality_gaps(version: str, language: str) -> pd.DataFrame:
    """Usage series that stopped reporting or skipped months (mart_quality_gaps), with the
    metric's label: site, department, system, metric, label, first_month, last_month,
    latest_month, months_silent, stopped, months_missing, missing_months."""
    return db.query_df(
        version,
        f"""
        select gaps.site, gaps.department, gaps.system, gaps.metric,
            coalesce({_LABEL}, gaps.metric) as label, gaps.first_month, gaps.last_month,
            gaps.latest_month, gaps.months_silent, gaps.stopped, gaps.months_missing,
            gaps.missing_months
        from mart_quality_gaps as gaps
        left join metrics on metrics.metric = gaps.metric
        order by gaps.stopped desc, gaps.months_silent desc, gaps.months_missing desc, label,
            gaps.site, gaps.department nulls first
        """,
        {"language": language},
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def quality_outliers(version: str, language: str) -> pd.DataFrame:
    """Monthly values far from their series' history (mart_quality_outliers), with the
    metric's label and unit: month, site, department, metric, label, unit, value,
    previous_value, expected, z; the farthest first."""
    return db.query_df(
        version,
        f"""
        select outliers.month, outliers.site, outliers.department, outliers.metric,
            coalesce({_LABEL}, outliers.metric) as label, metrics.unit, outliers.value,
            outliers.previous_value, outliers.expected, outliers.z
        from mart_quality_outliers as outliers
        left join metrics on metrics.metric = outliers.metric
        order by abs(outliers.z) desc, outliers.month desc, label
        """,
        {"language": language},
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def rejected_loads(version: str, limit: int = 100) -> pd.DataFrame:
    """The latest rejected load attempts: load_id, loaded_at, kind, file_name, loaded_by,
    message (the errors, in English); the newest first."""
    return db.query_df(
        version,
        """
        select load_id, loaded_at, kind, file_name, loaded_by, message
        from loads
        where status = 'rejected'
        order by loaded_at desc, load_id desc
        limit $limit
        """,
        {"limit": limit},
    )


@dataclass(frozen=True)
class CheckResult:
    """A warehouse check (etl/checks.py) as it stands on the published warehouse."""

    name: str
    description: str  # in English, as written beside the check
    severity: str  # error (fails a load) or warning
    failing_rows: int  # 0: the check passes
    example: str  # the first offending row, as `column=value, ...`
    rule: str  # unique, not_null, accepted_values or sql
    table: str
    columns: tuple[str, ...]


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def check_results(version: str) -> tuple[CheckResult, ...]:
    """Every declared check run on the published warehouse (read-only): they all passed at
    its last load, except warnings, which never stop one."""
    con = etl_warehouse.connect_read_only(warehouse_path())
    try:
        failures = {f.check.name: f for f in etl_checks.find_failures(con)}
    finally:
        con.close()
    return tuple(
        CheckResult(
            check.name, check.description, check.severity,
            failures[check.name].count if check.name in failures else 0,
            failures[check.name].example() if check.name in failures else "",
            check.rule, check.table, check.columns,
        )
        for check in etl_checks.all_checks()
    )


# --- Load history (project leads: the Load history page) ----------------------------------


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def load_history(version: str) -> pd.DataFrame:
    """Every load attempt, newest first: who, when, file, kind, rows, replaced rows, status,
    the saved mapping it was read with (its archived hash) and, for an undo, the load undone."""
    details = db.query_one(
        version, "select count(*) from information_schema.tables where table_name = 'load_details'"
    )
    joined = (
        "load_details"
        if details and details[0]
        else "(select null::integer as load_id, null::varchar as mapping, null::integer as undoes)"
    )
    return db.query_df(
        version,
        "select l.load_id, l.loaded_at, l.loaded_by, l.file_name, l.kind, l.rows, l.replaced_rows,"
        " l.status, d.mapping, d.undoes"
        f" from loads l left join {joined} d using (load_id)"
        " order by l.load_id desc",
    )
