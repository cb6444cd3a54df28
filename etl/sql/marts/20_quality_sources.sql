-- mart_quality_sources: how complete each source is, for the analysts' Data quality page.
--
-- Grain: one row per source (projects, milestones, positions, usage).
-- Units: row_count in rows; first_date and last_date bound the dates the rows speak
-- about (projects: report_date; milestones: planned_date; positions: opened_date; usage:
-- date); months_expected, months_reported and months_missing count calendar months from
-- the first to the latest month, for the sources that report every month (projects,
-- usage; null for milestones and positions, which are events); missing_months lists the
-- months with no row. last_loaded_at is the latest successful load of the source,
-- loads_rejected the rejected attempts and last_rejected_at the latest of them.
-- Staleness is judged when read, on mart_data_freshness.latest_date, against the
-- thresholds of data/settings.toml.
create or replace table mart_quality_sources as

with

coverage as (
    select 'projects' as source, count(*) as row_count, min(report_date) as first_date,
        max(report_date) as last_date
    from projects
    union all
    select 'milestones', count(*), min(planned_date), max(planned_date)
    from milestones
    union all
    select 'positions', count(*), min(opened_date), max(opened_date)
    from positions
    union all
    select 'usage', coalesce(sum(usage_rows), 0)::bigint, min(first_date), max(latest_date)
    from mart_usage_coverage
),

reported_months as (
    select distinct 'projects' as source, report_month as month
    from mart_portfolio_status
    union all
    select distinct 'usage', month
    from mart_usage_monthly
),

expected_months as (
    select
        source,
        unnest(generate_series(
            date_trunc('month', first_date)::date,
            date_trunc('month', last_date)::date,
            interval 1 month
        ))::date as month
    from coverage
    where source in ('projects', 'usage') and first_date is not null
),

month_counts as (
    select
        expected_months.source,
        count(*) as months_expected,
        count(reported_months.month) as months_reported,
        coalesce(
            list(expected_months.month order by expected_months.month)
                filter (where reported_months.month is null),
            []
        ) as missing_months
    from expected_months
    left join reported_months
        on reported_months.source = expected_months.source
        and reported_months.month = expected_months.month
    group by expected_months.source
),

load_log as (
    select
        kind as source,
        max(loaded_at) filter (where status = 'loaded') as last_loaded_at,
        count(*) filter (where status = 'rejected') as loads_rejected,
        max(loaded_at) filter (where status = 'rejected') as last_rejected_at
    from loads
    where kind is not null
    group by kind
),

final as (
    select
        coverage.source,
        coverage.row_count,
        coverage.first_date,
        coverage.last_date,
        month_counts.months_expected,
        month_counts.months_reported,
        month_counts.months_expected - month_counts.months_reported as months_missing,
        month_counts.missing_months,
        load_log.last_loaded_at,
        coalesce(load_log.loads_rejected, 0) as loads_rejected,
        load_log.last_rejected_at
    from coverage
    left join month_counts on month_counts.source = coverage.source
    left join load_log on load_log.source = coverage.source
)

select * from final
order by list_position(['usage', 'projects', 'milestones', 'positions'], source);
