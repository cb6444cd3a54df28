-- mart_quality_outliers: monthly usage values far from their own series' history.
--
-- Grain: one row per (month, site, department, system, metric) judged an outlier; a
-- series is one metric at one site and department (mart_usage_monthly).
-- Rule: a month is an outlier when it is a peak or a trough (above, or below, both the
-- month before and the month after; the latest month is compared with the one before)
-- and far from the series' level around it, by a robust z-score over the same series
-- in the 6 months before and the 6 after (the month itself left out; at least 4 such
-- months needed):
--     z = (value - expected) / spread,   expected = median of those months,
--     spread = greatest(1.4826 * MAD, 5% of |expected|, 1 unit)
-- where MAD is their median absolute deviation from `expected` (1.4826 * MAD estimates a
-- standard deviation); the floors keep a flat series from flagging tiny changes.
-- |z| > 3.5 is an outlier (Iglewicz and Hoaglin's rule for the modified z-score).
-- So a spike, a drop or a month exported twice or half is flagged, while a go-live's
-- ramp-up or step (each month beyond the one before) is not. Months with value 0 (a
-- process not live yet) are neither judged nor used as neighbours, and months after the
-- latest complete month of usage (mart_data_freshness) are not judged: a month in
-- progress is not an outlier.
-- Units: value, previous_value, expected and spread in the metric's unit (metrics.unit);
-- z has none.
create or replace table mart_quality_outliers as

with

usage_monthly as (
    select
        month, site, region, department, system, metric, value,
        lag(value) over series as previous_value,
        lead(value) over series as next_value
    from mart_usage_monthly
    where month <= (select complete_month from mart_data_freshness where source = 'usage')
        and value <> 0
    window series as (partition by site, department, system, metric order by month)
),

extremes as (
    select *
    from usage_monthly
    where (value > previous_value and value > coalesce(next_value, previous_value))
        or (value < previous_value and value < coalesce(next_value, previous_value))
),

neighbours as (
    select
        extremes.month, extremes.site, extremes.region, extremes.department, extremes.system,
        extremes.metric, extremes.value, extremes.previous_value,
        around.value as neighbour_value
    from extremes
    inner join usage_monthly as around
        on around.site = extremes.site
        and around.department is not distinct from extremes.department
        and around.system = extremes.system
        and around.metric = extremes.metric
        and around.month between extremes.month - interval 6 month
            and extremes.month + interval 6 month
        and around.month <> extremes.month
),

centres as (
    select month, site, region, department, system, metric, value, previous_value,
        count(*) as neighbour_months, median(neighbour_value) as expected
    from neighbours
    group by all
    having count(*) >= 4
),

deviations as (
    select
        centres.month, centres.site, centres.region, centres.department, centres.system,
        centres.metric, centres.value, centres.previous_value, centres.neighbour_months,
        centres.expected,
        median(abs(neighbours.neighbour_value - centres.expected)) as mad
    from centres
    inner join neighbours
        on neighbours.month = centres.month
        and neighbours.site = centres.site
        and neighbours.department is not distinct from centres.department
        and neighbours.system = centres.system
        and neighbours.metric = centres.metric
    group by all
),

spreads as (
    select *, greatest(1.4826 * mad, 0.05 * abs(expected), 1.0) as spread
    from deviations
),

final as (
    select
        month, site, region, department, system, metric, value, previous_value, expected,
        spread, (value - expected) / spread as z, neighbour_months
    from spreads
    where abs(value - expected) / spread > 3.5
)

select * from final
order by abs(z) desc, month, metric, site, department nulls first;
