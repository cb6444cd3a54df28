-- mart_positions: one row per IT position of the hiring plan, for the Team page and the
-- hiring figures of the Overview, filterable by site, region and programme.
--
-- Grain: one row per position_id (cancelled positions included, flagged by status).
-- Units: fte in full-time equivalents (0 < fte <= 1); days_to_fill in calendar days from
-- opened_date to filled_date (null until filled).
-- Business rules (the same as mart_staffing_monthly, per position):
--   * a position counts as planned from the end of the month it opened in, unless it is
--     cancelled (the export does not say when, so a cancelled one never counts);
--   * it counts as filled from the end of the month of its filled_date, if its status is
--     filled;
--   * the export holds each position's current status only: as of an earlier date, a
--     position filled later was somewhere in the pipeline, but where is not recorded.
-- region is the site's language region (fr, de) from `sites`, 'other' for an unknown
-- site, null when no site is given.
create or replace table mart_positions as

with

position_rows as (
    select position_id, role, team, site, programme, fte, status, opened_date, filled_date,
        annual_cost_chf
    from positions
),

site_regions as (
    select site, region
    from sites
),

final as (
    select
        position_rows.position_id,
        position_rows.role,
        position_rows.team,
        position_rows.site,
        case
            when position_rows.site is null then null
            else coalesce(site_regions.region, 'other')
        end as region,
        position_rows.programme,
        position_rows.fte,
        position_rows.status,
        position_rows.status <> 'cancelled' as is_planned,
        position_rows.opened_date,
        case when position_rows.status = 'filled' then position_rows.filled_date end
            as filled_date,
        case
            when position_rows.status = 'filled'
                then datediff('day', position_rows.opened_date, position_rows.filled_date)
        end as days_to_fill,
        position_rows.annual_cost_chf
    from position_rows
    left join site_regions on lower(site_regions.site) = lower(position_rows.site)
)

select * from final
order by position_id;
