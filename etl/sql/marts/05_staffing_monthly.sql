-- mart_staffing_monthly: the hiring plan and its progress, month by month.
--
-- Grain: one row per (month, role, team) from the month the first position opened to
-- the month of the latest opening or filling; team null stays null.
-- Units: planned, filled, vacant, open, interviewing and offer are numbers of positions
-- at month end; fte_planned and fte_filled are full-time equivalents (0 < fte <= 1 per
-- position).
-- Business rules:
--   * planned = positions not cancelled whose opened_date is on or before month end
--     (the export does not say when a position was cancelled, so cancelled ones never
--     count);
--   * filled = positions with status filled and filled_date on or before month end;
--   * vacant = planned - filled;
--   * open, interviewing and offer are the positions' current status, known only for
--     the latest month: null in earlier months.
create or replace table mart_staffing_monthly as

with

position_rows as (
    select position_id, role, team, fte, status, opened_date, filled_date
    from positions
),

planned_positions as (
    select *
    from position_rows
    where status <> 'cancelled'
),

month_bounds as (
    select
        date_trunc('month', min(opened_date))::date as first_month,
        date_trunc(
            'month', greatest(max(opened_date), coalesce(max(filled_date), max(opened_date)))
        )::date as last_month
    from planned_positions
),

month_spine as (
    select unnest(generate_series(first_month, last_month, interval 1 month))::date as month
    from month_bounds
    where first_month is not null
),

positions_by_month as (
    select
        month_spine.month,
        last_day(month_spine.month) as month_end,
        month_spine.month = (select last_month from month_bounds) as is_latest_month,
        planned_positions.*,
        planned_positions.status = 'filled'
            and planned_positions.filled_date <= last_day(month_spine.month) as is_filled
    from month_spine
    inner join planned_positions
        on planned_positions.opened_date <= last_day(month_spine.month)
),

final as (
    select
        month,
        role,
        team,
        count(*) as planned,
        count(*) filter (where is_filled) as filled,
        count(*) filter (where not is_filled) as vacant,
        case when is_latest_month then count(*) filter (where status = 'open') end as open,
        case when is_latest_month
            then count(*) filter (where status = 'interviewing') end as interviewing,
        case when is_latest_month then count(*) filter (where status = 'offer') end as offer,
        sum(fte) as fte_planned,
        coalesce(sum(fte) filter (where is_filled), 0) as fte_filled
    from positions_by_month
    group by month, role, team, is_latest_month
)

select * from final
order by month, role, team nulls first;
