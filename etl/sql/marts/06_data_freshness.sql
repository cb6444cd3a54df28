-- mart_data_freshness: how recent each source is, for the "data as of" lines.
--
-- Grain: one row per source (projects, milestones, positions, usage).
-- Units: latest_date is the latest date the data speaks about (projects: report_date;
-- milestones: the latest milestone reached; positions: the latest opening or filling;
-- usage: the latest usage date); row_count in rows; last_loaded_at is the time of the
-- latest successful load of that kind (null when none is logged).
create or replace table mart_data_freshness as

with

successful_loads as (
    select kind, max(loaded_at) as last_loaded_at
    from loads
    where status = 'loaded'
    group by kind
),

source_dates as (
    select 'projects' as source, max(report_date) as latest_date, count(*) as row_count
    from projects
    union all
    select 'milestones', max(actual_date), count(*)
    from milestones
    union all
    select 'positions', max(greatest(opened_date, coalesce(filled_date, opened_date))), count(*)
    from positions
    union all
    select 'usage', max(date), count(*)
    from usage
),

final as (
    select
        source_dates.source,
        source_dates.latest_date,
        source_dates.row_count,
        successful_loads.last_loaded_at
    from source_dates
    left join successful_loads on successful_loads.kind = source_dates.source
)

select * from final
order by source;
