-- mart_maturity_criteria: EMRAM-style maturity criteria measured from the usage data.
--
-- Grain: one row per (month, site, criterion) for every month and site with usage data;
-- a criterion whose process has no rows there has digital = paper = 0 (no data).
-- Units: digital and paper in the process's unit per month (mart_adoption_monthly, all
-- departments summed); threshold is the digital share 0-1 the criterion asks for.
-- Business rules:
--   * a criterion is met when digital / (digital + paper) >= threshold, computed over the
--     scope read (sum digital and paper over sites first, never average shares);
--   * a stage is reached when its criteria and those of every lower measured stage are
--     met. HIMSS EMRAM stages 0-2 (ancillary systems, clinical data repository) and the
--     parts of stage 7 outside the usage data (data warehouse, disaster recovery) are
--     not measured here.
create or replace table mart_maturity_criteria as

with

criteria as (
    select *
    from (values
        -- stage 3, nursing documentation: most nursing notes are written in the EHR
        -- (HIMSS asks for nursing documentation in use; 50% = the majority of notes)
        (3, 'nursing_documentation', 'nursing_notes_digital', 0.50),
        -- stage 4, CPOE: most orders (examinations, imaging) are entered electronically
        (4, 'cpoe', 'orders_cpoe', 0.50),
        -- stage 4, CPOE for medication: most prescriptions are electronic
        (4, 'e_prescribing', 'prescriptions_electronic', 0.50),
        -- stage 5, structured documentation: most forms are digital, structured data
        -- (a proxy: the usage data has no physician-note metric)
        (5, 'structured_documentation', 'forms_digital', 0.50),
        -- stage 6, closed-loop medication: at least half the administrations scanned
        -- at the bedside (HIMSS EMRAM stage 6)
        (6, 'closed_loop', 'med_admin_scanned', 0.50),
        -- stage 7: CPOE for at least 90% of orders (HIMSS EMRAM stage 7)
        (7, 'cpoe_complete', 'orders_cpoe', 0.90),
        -- stage 7: electronic prescribing at the same level as other orders
        (7, 'e_prescribing_complete', 'prescriptions_electronic', 0.90),
        -- stage 7: closed loop for at least 95% of administrations (HIMSS EMRAM stage 7)
        (7, 'closed_loop_complete', 'med_admin_scanned', 0.95),
        -- stage 7, paperless: nursing notes and forms at least 95% digital (paper only
        -- as a downtime fallback)
        (7, 'paperless_nursing', 'nursing_notes_digital', 0.95),
        (7, 'paperless_forms', 'forms_digital', 0.95)
    ) as definitions (stage, criterion, metric, threshold)
),

months_and_sites as (
    select distinct month, site, region
    from mart_usage_monthly
),

adoption as (
    select month, site, metric, sum(digital) as digital, sum(paper) as paper
    from mart_adoption_monthly
    group by month, site, metric
),

final as (
    select
        months_and_sites.month,
        months_and_sites.site,
        months_and_sites.region,
        criteria.stage,
        criteria.criterion,
        criteria.metric,
        criteria.threshold::double as threshold,
        coalesce(adoption.digital, 0) as digital,
        coalesce(adoption.paper, 0) as paper
    from months_and_sites
    cross join criteria
    left join adoption
        on adoption.month = months_and_sites.month
        and adoption.site = months_and_sites.site
        and adoption.metric = criteria.metric
)

select * from final
order by month, site, stage, criterion;
