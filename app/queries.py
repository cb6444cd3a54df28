"""All the dashboard's data access: small cached queries on the marts.

Every function takes the warehouse `version` (app.db.warehouse_version) as its first
argument, so its cache moves on as soon as a load swaps a new warehouse in; values are
always bound as parameters. Results are pandas DataFrames or small frozen dataclasses,
never mutated by the pages. The KPIs themselves are defined in etl/sql/marts/*.sql;
queries only combine them over sites and months, following each mart's rule (shares:
sum digital and paper, then divide).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from app import ANNUAL_HOURS_PER_FTE, db

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


@dataclass(frozen=True)
class Staffing:
    """Positions planned and filled at the end of the latest month, hospital-wide."""

    month: date
    planned: int
    filled: int
    open: int | None
    interviewing: int | None
    offer: int | None
    fte_planned: float
    fte_filled: float


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
    month_divisor = ANNUAL_HOURS_PER_FTE / 12
    ytd_divisor = ANNUAL_HOURS_PER_FTE * months_elapsed / 12
    return HoursFreed(
        month=month,
        months_elapsed=months_elapsed,
        month_hours=month_hours,
        ytd_hours=ytd_hours,
        month_fte=Estimate(*(h / month_divisor for h in hours[:3])),
        ytd_fte=Estimate(*(h / ytd_divisor for h in hours[3:])),
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def hours_freed_monthly(version: str) -> pd.DataFrame:
    """Hours freed per complete month, hospital-wide: month, hours_low, hours_base, hours_high."""
    return db.query_df(
        version,
        "select month, sum(hours_low) as hours_low, sum(hours_base) as hours_base,"
        " sum(hours_high) as hours_high from mart_time_saved_monthly"
        f" where month <= {_COMPLETE_MONTH} group by month order by month",
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


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def key_process_shares(version: str, language: str, limit: int = KEY_PROCESSES) -> pd.DataFrame:
    """The busiest processes' digital share, hospital-wide: latest complete month vs a year
    before.

    Columns: metric, label, month, share, previous_month, previous_share, volume.
    """
    return db.query_df(
        version,
        f"""
        with
        hospital as (
            select month, metric, sum(digital) as digital, sum(paper) as paper
            from mart_adoption_monthly
            group by month, metric
        ),
        latest as (select {_COMPLETE_MONTH} as month),
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
            from hospital as current_month
            inner join latest on latest.month = current_month.month
            left join hospital as year_before
                on year_before.metric = current_month.metric
                and year_before.month = current_month.month - interval 12 month
        )
        select compared.metric, {_LABEL} as label, compared.month, compared.share,
            compared.previous_month, compared.previous_share, compared.volume
        from compared
        inner join metrics on metrics.metric = compared.metric
        order by compared.volume desc, compared.metric
        limit $limit
        """,
        {"language": language, "limit": limit},
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def process_share_trend(version: str, language: str, metrics: tuple[str, ...]) -> pd.DataFrame:
    """Digital share per complete month, hospital-wide, of the given processes: month, metric,
    label, share."""
    return db.query_df(
        version,
        f"""
        select adoption.month, adoption.metric, {_LABEL} as label,
            sum(adoption.digital)
                / nullif(sum(adoption.digital) + sum(adoption.paper), 0) as share
        from mart_adoption_monthly as adoption
        inner join metrics on metrics.metric = adoption.metric
        where list_contains($metrics, adoption.metric) and adoption.month <= {_COMPLETE_MONTH}
        group by all
        order by adoption.month, label
        """,
        {"language": language, "metrics": list(metrics)},
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def share_targets(version: str, language: str, as_of: date) -> pd.DataFrame:
    """Hospital-wide share targets of processes with a paper counterpart, next due first.

    Columns: metric, label, target (0-1), due_date.
    """
    return db.query_df(
        version,
        f"""
        select targets.kpi as metric, {_LABEL} as label, targets.target, targets.due_date
        from targets
        inner join metrics on metrics.metric = targets.kpi
        where targets.scope = 'all' and nullif(trim(metrics.paper_metric), '') is not null
        qualify row_number() over (
            partition by targets.kpi
            order by targets.due_date < $as_of, abs(datediff('day', $as_of, targets.due_date))
        ) = 1
        order by label
        """,
        {"language": language, "as_of": as_of},
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def portfolio_rag_monthly(version: str) -> pd.DataFrame:
    """Active (not closed) projects by RAG status per report month: report_month, green,
    amber, red, total."""
    return db.query_df(
        version,
        """
        select
            report_month,
            count(*) filter (where status = 'green') as green,
            count(*) filter (where status = 'amber') as amber,
            count(*) filter (where status = 'red') as red,
            count(*) as total
        from mart_portfolio_status
        where phase <> 'closed'
        group by report_month
        order by report_month
        """,
    )


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def staffing_latest(version: str) -> Staffing | None:
    """Hospital-wide hiring at the end of the latest month of the staffing mart."""
    row = db.query_one(
        version,
        """
        select month, sum(planned), sum(filled), sum(open), sum(interviewing), sum(offer),
            sum(fte_planned), sum(fte_filled)
        from mart_staffing_monthly
        where month = (select max(month) from mart_staffing_monthly)
        group by month
        """,
    )
    return None if row is None else Staffing(*row)


@st.cache_data(ttl=_TTL, max_entries=_ENTRIES, show_spinner=False)
def staffing_monthly(version: str) -> pd.DataFrame:
    """Hospital-wide positions planned and filled at each month end: month, planned, filled."""
    return db.query_df(
        version,
        "select month, sum(planned) as planned, sum(filled) as filled"
        " from mart_staffing_monthly group by month order by month",
    )


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
