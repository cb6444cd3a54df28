-- mart_go_lives: the go-lives the projects have reached, for marking them on time axes.
--
-- Grain: one row per (project_id, milestone_id, site); site null means hospital-wide or
-- a place the name does not spell out (e.g. "Go-live SZO").
-- Units: go_live_date is the milestone's actual date; month is its first day of month.
-- Business rules:
--   * a go-live is a milestone with an actual date (reached) whose name says so, in any
--     of the hospital's languages: go-live / go live, mise en production / mise en
--     service, Inbetriebnahme / Einführung (Einfuehrung) / Produktivstart;
--   * its site is every known site (sites.csv) its name mentions as a whole word
--     ("Mise en production Monthey et Saint-Maurice" goes live at both); else the
--     project's site when that is a known site; else null (hospital-wide);
--   * programme and aim are those of the project's latest status report.
create or replace table mart_go_lives as

with

reached_milestones as (
    select project_id, milestone_id, milestone, actual_date
    from milestones
    where actual_date is not null
),

go_live_milestones as (
    select *
    from reached_milestones
    where regexp_matches(
        lower(milestone),
        'go[- ]?live|mise en (production|service)|inbetriebnahme|einf(ü|ue)hrung|produktivstart'
    )
),

known_sites as (
    select site, region
    from sites
),

latest_projects as (
    select project_id, project_name, programme, aim, site as project_site
    from mart_portfolio_status
    where is_latest
),

named_sites as (
    select go_live_milestones.project_id, go_live_milestones.milestone_id, known_sites.site
    from go_live_milestones
    inner join known_sites
        on regexp_matches(
            lower(go_live_milestones.milestone),
            '(^|[^[:alnum:]])' || regexp_escape(lower(known_sites.site)) || '($|[^[:alnum:]])'
        )
),

placed as (
    select
        go_live_milestones.*,
        coalesce(
            named_sites.site,
            case when exists (
                select 1 from known_sites
                where lower(known_sites.site) = lower(latest_projects.project_site)
            ) then latest_projects.project_site end
        ) as site
    from go_live_milestones
    left join named_sites
        on named_sites.project_id = go_live_milestones.project_id
        and named_sites.milestone_id = go_live_milestones.milestone_id
    left join latest_projects on latest_projects.project_id = go_live_milestones.project_id
),

final as (
    select
        placed.project_id,
        placed.milestone_id,
        latest_projects.project_name,
        latest_projects.programme,
        latest_projects.aim,
        placed.milestone,
        placed.actual_date as go_live_date,
        date_trunc('month', placed.actual_date)::date as month,
        known_sites.site,
        known_sites.region
    from placed
    left join latest_projects on latest_projects.project_id = placed.project_id
    left join known_sites on lower(known_sites.site) = lower(placed.site)
)

select * from final
order by go_live_date, project_id, milestone_id, site nulls first;
