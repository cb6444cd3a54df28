-- mart_portfolio_status: each project's status as reported in each month.
--
-- Grain: one row per (report_month, project_id): the project's latest report dated in
-- that month (a project reporting twice in a month keeps the later report).
-- Units: money in CHF; percent_complete 0-100; slippage_days in calendar days,
-- forecast_end - planned_end (positive = late, null when no forecast is given).
-- is_latest marks the project's most recent report of all, for "status today".
-- RAG counts per report month: count rows by (report_month, status).
create or replace table mart_portfolio_status as

with

project_reports as (
    select
        report_date,
        project_id,
        project_name,
        programme,
        aim,
        site,
        owner,
        phase,
        status,
        start_date,
        planned_end,
        forecast_end,
        budget_chf,
        spent_chf,
        percent_complete
    from projects
),

ranked_reports as (
    select
        *,
        date_trunc('month', report_date)::date as report_month,
        row_number() over (
            partition by project_id, date_trunc('month', report_date)
            order by report_date desc
        ) as rank_in_month,
        row_number() over (
            partition by project_id
            order by report_date desc
        ) as rank_overall
    from project_reports
),

final as (
    select
        report_month,
        report_date,
        project_id,
        project_name,
        programme,
        aim,
        site,
        owner,
        phase,
        status,
        percent_complete,
        start_date,
        planned_end,
        forecast_end,
        datediff('day', planned_end, forecast_end) as slippage_days,
        budget_chf,
        spent_chf,
        rank_overall = 1 as is_latest
    from ranked_reports
    where rank_in_month = 1
)

select * from final
order by report_month, project_id;
