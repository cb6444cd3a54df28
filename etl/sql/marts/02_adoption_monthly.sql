-- mart_adoption_monthly: digital adoption of each process with a paper counterpart.
--
-- Grain: one row per (month, site, department, metric), where `metric` is the digital
-- metric and `paper_metric` its paper or legacy counterpart from the catalogue.
-- Units: `digital` and `paper` in the metrics' unit (usually counts per month, summed
-- over systems); `share` is a fraction 0-1 = digital / (digital + paper), null when
-- both are 0.
-- Business rules:
--   * a side with no row in a month counts as 0 when the other side has one;
--   * department null (the whole site) only pairs with department null;
--   * to combine over sites or months, sum digital and paper, then divide: never
--     average the shares.
-- Incremental: usage months
-- (a month's rows read only that month of mart_usage_monthly: etl/marts.py)
create or replace table mart_adoption_monthly as

with

usage_monthly as (
    select month, site, region, department, metric, value
    from mart_usage_monthly
    where getvariable('changed_from') is null
        or month between getvariable('changed_from') and getvariable('changed_to')
),

digital_paper_pairs as (
    select metric, paper_metric
    from metrics
    where nullif(trim(paper_metric), '') is not null
),

digital_volumes as (
    select
        usage_monthly.month,
        usage_monthly.site,
        usage_monthly.region,
        usage_monthly.department,
        digital_paper_pairs.metric,
        digital_paper_pairs.paper_metric,
        sum(usage_monthly.value) as digital
    from usage_monthly
    inner join digital_paper_pairs on digital_paper_pairs.metric = usage_monthly.metric
    group by all
),

paper_volumes as (
    select
        usage_monthly.month,
        usage_monthly.site,
        usage_monthly.region,
        usage_monthly.department,
        digital_paper_pairs.metric,
        digital_paper_pairs.paper_metric,
        sum(usage_monthly.value) as paper
    from usage_monthly
    inner join digital_paper_pairs on digital_paper_pairs.paper_metric = usage_monthly.metric
    group by all
),

paired as (
    select
        coalesce(digital_volumes.month, paper_volumes.month) as month,
        coalesce(digital_volumes.site, paper_volumes.site) as site,
        coalesce(digital_volumes.region, paper_volumes.region) as region,
        coalesce(digital_volumes.department, paper_volumes.department) as department,
        coalesce(digital_volumes.metric, paper_volumes.metric) as metric,
        coalesce(digital_volumes.paper_metric, paper_volumes.paper_metric) as paper_metric,
        coalesce(digital_volumes.digital, 0) as digital,
        coalesce(paper_volumes.paper, 0) as paper
    from digital_volumes
    full outer join paper_volumes
        on paper_volumes.month = digital_volumes.month
        and paper_volumes.site = digital_volumes.site
        and paper_volumes.department is not distinct from digital_volumes.department
        and paper_volumes.metric = digital_volumes.metric
),

final as (
    select
        month,
        site,
        region,
        department,
        metric,
        paper_metric,
        digital,
        paper,
        case when digital + paper > 0 then digital / (digital + paper) end as share
    from paired
)

select * from final
order by month, site, department nulls first, metric;
