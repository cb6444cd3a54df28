-- mart_usage_monthly keeps every volume: for each metric that sums (catalogue aggregation
-- sum), its monthly values add up to the total of its usage rows (to a millionth). After
-- a load only the usage months it changed are compared (`changed_from` to `changed_to`;
-- unset, every month): the mart recomputes only those.
with

usage_totals as (
    select usage.metric, sum(usage.value) as usage_total
    from usage
    inner join metrics on metrics.metric = usage.metric
    where lower(metrics.aggregation) = 'sum'
        and (getvariable('changed_from') is null
            or usage.date between getvariable('changed_from') and getvariable('changed_to'))
    group by usage.metric
),

mart_totals as (
    select metric, sum(value) as mart_total
    from mart_usage_monthly
    where getvariable('changed_from') is null
        or month between getvariable('changed_from') and getvariable('changed_to')
    group by metric
)

select usage_totals.metric, usage_totals.usage_total, coalesce(mart_totals.mart_total, 0) as mart_total
from usage_totals
left join mart_totals on mart_totals.metric = usage_totals.metric
where abs(usage_totals.usage_total - coalesce(mart_totals.mart_total, 0))
    > 1e-6 * greatest(1, abs(usage_totals.usage_total))
order by usage_totals.metric
