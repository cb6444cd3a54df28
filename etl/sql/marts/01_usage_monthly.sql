-- mart_usage_monthly: system usage per month, site, department, system and metric.
--
-- Grain: one row per (month, site, department, system, metric).
-- Units: `value` keeps the metric's own unit (metrics.unit: counts, hours, users...).
-- Business rules:
--   * the rows of a month combine as the catalogue's `aggregation` says:
--     sum (volumes), max (peaks), mean (levels), last (stocks: the value on the
--     latest date of the month); a metric missing from the catalogue sums.
--   * department null means the whole site; it stays null (never a department).
--   * region is the site's language region (fr, de) from `sites`, 'other' when the
--     site is unknown; site names match case-insensitively.
-- Combining further (over sites, departments, months) is the reader's job and follows
-- the same `aggregation`.
-- Incremental: usage months
-- (after a load, only the months it changed are recomputed: etl/marts.py)
create or replace table mart_usage_monthly as

with

usage_rows as (
    select date, site, department, system, metric, value
    from usage
    where getvariable('changed_from') is null
        or date between getvariable('changed_from') and getvariable('changed_to')
),

metric_catalogue as (
    select metric, aggregation
    from metrics
),

site_regions as (
    select site, region
    from sites
),

monthly as (
    select
        date_trunc('month', usage_rows.date)::date as month,
        usage_rows.site,
        usage_rows.department,
        usage_rows.system,
        usage_rows.metric,
        coalesce(lower(metric_catalogue.aggregation), 'sum') as aggregation,
        sum(usage_rows.value) as value_sum,
        max(usage_rows.value) as value_max,
        avg(usage_rows.value) as value_mean,
        arg_max(usage_rows.value, usage_rows.date) as value_last
    from usage_rows
    left join metric_catalogue on metric_catalogue.metric = usage_rows.metric
    group by all
),

final as (
    select
        monthly.month,
        monthly.site,
        coalesce(site_regions.region, 'other') as region,
        monthly.department,
        monthly.system,
        monthly.metric,
        case monthly.aggregation
            when 'max' then monthly.value_max
            when 'mean' then monthly.value_mean
            when 'last' then monthly.value_last
            else monthly.value_sum
        end as value
    from monthly
    left join site_regions on lower(site_regions.site) = lower(monthly.site)
)

select * from final
order by month, site, department nulls first, system, metric;
