-- mart_milestones: every project milestone with the project's programme, aim and site
-- (from the project's latest status report), for the Portfolio page and its filters.
--
-- Grain: one row per (project_id, milestone_id).
-- Units: delay_days in calendar days, actual_date - planned_date (positive = reached
-- late), null until the milestone is reached.
-- Business rules:
--   * planned_month and reached_month are the first days of the months of planned_date
--     and actual_date: "milestones planned vs reached" counts them per month;
--   * a milestone of a project with no status report keeps null programme, aim and site.
create or replace table mart_milestones as

with

milestone_rows as (
    select project_id, milestone_id, milestone, planned_date, actual_date
    from milestones
),

latest_reports as (
    select project_id, project_name, programme, aim, site
    from mart_portfolio_status
    where is_latest
),

final as (
    select
        milestone_rows.project_id,
        latest_reports.project_name,
        latest_reports.programme,
        latest_reports.aim,
        latest_reports.site,
        milestone_rows.milestone_id,
        milestone_rows.milestone,
        milestone_rows.planned_date,
        milestone_rows.actual_date,
        date_trunc('month', milestone_rows.planned_date)::date as planned_month,
        date_trunc('month', milestone_rows.actual_date)::date as reached_month,
        datediff('day', milestone_rows.planned_date, milestone_rows.actual_date) as delay_days
    from milestone_rows
    left join latest_reports on latest_reports.project_id = milestone_rows.project_id
)

select * from final
order by project_id, planned_date, milestone_id;
