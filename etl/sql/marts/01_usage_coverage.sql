-- mart_usage_coverage: how far each month of usage reaches, for mart_data_freshness and
-- mart_quality_sources (so that neither reads every usage row after a load).
--
-- Grain: one row per month.
-- Units: usage_rows in rows; first_date and latest_date are the month's earliest and
-- latest usage dates; first_day_only is true when every row of the month is dated its
-- first day (the mark of a monthly export).
-- Incremental: usage months
-- (after a load, only the months it changed are recomputed: etl/marts.py)
create or replace table mart_usage_coverage as

with

usage_rows as (
    select date
    from usage
    where getvariable('changed_from') is null
        or date between getvariable('changed_from') and getvariable('changed_to')
),

final as (
    select
        date_trunc('month', date)::date as month,
        count(*) as usage_rows,
        min(date) as first_date,
        max(date) as latest_date,
        bool_and(day(date) = 1) as first_day_only
    from usage_rows
    group by 1
)

select * from final
order by month;
