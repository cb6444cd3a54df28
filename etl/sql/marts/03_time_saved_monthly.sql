-- mart_time_saved_monthly: staff time freed by digital processes, per month.
--
-- Grain: one row per (month, site, department, system, metric) for every metric whose
-- catalogue coefficients are not all zero.
-- Units: `volume` in the metric's unit (digital units per month); hours_low,
-- hours_base and hours_high in staff hours per month:
--     hours_x = volume * minutes_saved_x / 60
-- where minutes_saved_x are the catalogue's staff minutes freed per unit (low, base
-- and high estimates; a negative coefficient is time the digital process costs).
-- A missing coefficient counts as 0. department null = the whole site.
-- Incremental: usage months
-- (a month's rows read only that month of mart_usage_monthly: etl/marts.py)
create or replace table mart_time_saved_monthly as

with

usage_monthly as (
    select month, site, region, department, system, metric, value
    from mart_usage_monthly
    where getvariable('changed_from') is null
        or month between getvariable('changed_from') and getvariable('changed_to')
),

coefficients as (
    select
        metric,
        aim,
        coalesce(minutes_saved_low, 0) as minutes_low,
        coalesce(minutes_saved_base, 0) as minutes_base,
        coalesce(minutes_saved_high, 0) as minutes_high
    from metrics
),

non_zero_coefficients as (
    select *
    from coefficients
    where minutes_low <> 0 or minutes_base <> 0 or minutes_high <> 0
),

final as (
    select
        usage_monthly.month,
        usage_monthly.site,
        usage_monthly.region,
        usage_monthly.department,
        usage_monthly.system,
        non_zero_coefficients.aim,
        usage_monthly.metric,
        usage_monthly.value as volume,
        usage_monthly.value * non_zero_coefficients.minutes_low / 60 as hours_low,
        usage_monthly.value * non_zero_coefficients.minutes_base / 60 as hours_base,
        usage_monthly.value * non_zero_coefficients.minutes_high / 60 as hours_high
    from usage_monthly
    inner join non_zero_coefficients on non_zero_coefficients.metric = usage_monthly.metric
)

select * from final
order by month, site, department nulls first, system, metric;
