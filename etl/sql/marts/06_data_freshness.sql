-- mart_data_freshness: how recent and how complete each source is, for the "data as of"
-- lines and for choosing the month the headline figures report on.
--
-- Grain: one row per source (projects, milestones, positions, usage).
-- Units: latest_date is the latest date the data speaks about (projects: report_date;
-- milestones: the latest milestone reached; positions: the latest opening or filling;
-- usage: the latest usage date); row_count in rows; last_loaded_at is the time of the
-- latest successful load of that kind (null when none is logged).
-- complete_month (first day of a month) is the latest month whose data is complete:
--   * usage: a month is complete when the usage data reaches its last day, or when it
--     comes from a monthly export (every row dated the 1st, as in the month before);
--     so a month still in progress never shows as a drop in the headline figures
--     (read from mart_usage_coverage, which keeps each month's latest date);
--   * projects: the month of the latest report; milestones, positions: null.
create or replace table mart_data_freshness as

with

successful_loads as (
    select kind, max(loaded_at) as last_loaded_at
    from loads
    where status = 'loaded'
    group by kind
),

usage_months as (
    select
        month,
        first_day_only
            and coalesce(lag(first_day_only) over (order by month), true) as monthly_export
    from mart_usage_coverage
),

usage_complete as (
    select max(month) as complete_month
    from usage_months
    where monthly_export or last_day(month) <= (select max(latest_date) from mart_usage_coverage)
),

source_dates as (
    select
        'projects' as source,
        max(report_date) as latest_date,
        count(*) as row_count,
        date_trunc('month', max(report_date))::date as complete_month
    from projects
    union all
    select 'milestones', max(actual_date), count(*), null
    from milestones
    union all
    select
        'positions',
        max(greatest(opened_date, coalesce(filled_date, opened_date))),
        count(*),
        null
    from positions
    union all
    select
        'usage',
        max(latest_date),
        coalesce(sum(usage_rows), 0)::bigint,
        (select complete_month from usage_complete)
    from mart_usage_coverage
),

final as (
    select
        source_dates.source,
        source_dates.latest_date,
        source_dates.row_count,
        source_dates.complete_month,
        successful_loads.last_loaded_at
    from source_dates
    left join successful_loads on successful_loads.kind = source_dates.source
)

select * from final
order by source;
