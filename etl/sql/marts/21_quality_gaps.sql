-- mart_quality_gaps: usage series that stopped reporting or skipped months.
--
-- Grain: one row per (site, department, system, metric) series with a gap; a series is
-- the monthly values of one metric at one site and department (mart_usage_monthly);
-- department null = the whole site.
-- Business rules:
--   * stopped: the series' last month is before the latest month of all usage data;
--     months_silent counts the months from its last month to that latest month;
--   * missing months: months between the series' first and last month with no row;
--     missing_months lists them, months_missing counts them.
-- Units: months; first_month, last_month and latest_month are first days of months.
create or replace table mart_quality_gaps as

with

usage_monthly as (
    select month, site, region, department, system, metric
    from mart_usage_monthly
),

latest as (
    select max(month) as latest_month
    from usage_monthly
),

series as (
    select
        site,
        region,
        department,
        system,
        metric,
        min(month) as first_month,
        max(month) as last_month,
        list(month order by month) as months
    from usage_monthly
    group by site, region, department, system, metric
),

judged as (
    select
        series.*,
        latest.latest_month,
        datediff('month', series.last_month, latest.latest_month) as months_silent,
        list_filter(
            list_transform(
                generate_series(series.first_month, series.last_month, interval 1 month),
                lambda m: m::date
            ),
            lambda m: not list_contains(series.months, m)
        ) as missing_months
    from series
    cross join latest
),

final as (
    select
        site,
        region,
        department,
        system,
        metric,
        first_month,
        last_month,
        latest_month,
        months_silent,
        months_silent > 0 as stopped,
        len(missing_months) as months_missing,
        missing_months
    from judged
    where months_silent > 0 or len(missing_months) > 0
)

select * from final
order by stopped desc, months_silent desc, months_missing desc, metric, site, department nulls first;
