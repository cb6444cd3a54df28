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
-- progress is not an outlier. The month before (after) is the series' previous (next)
-- month with a value within those 6 months; a month with none before is not judged, one
-- with none after is compared with the one before.
-- Units: value, previous_value, expected and spread in the metric's unit (metrics.unit);
-- z has none.
-- Incremental: months from judged_from
-- A month's judgement depends only on the 6 months either side and on the latest
-- complete month, so after a load only the months from judged_from on are judged again
-- (etl/marts.py): 7 months before the first month the load changed, or before the
-- latest complete month as it was, whichever is earlier. Null: every month.
set variable judged_from = (
    least(getvariable('changed_from')::date, getvariable('usage_complete_before')::date)
        - interval 7 month
)::date;

create or replace table mart_quality_outliers as

with

usage_monthly as (
    select month, site, region, department, system, metric, value
    from mart_usage_monthly
    where month <= (select complete_month from mart_data_freshness where source = 'usage')
        and value <> 0
        and (getvariable('judged_from') is null
            or month >= getvariable('judged_from')::date - interval 6 month)
),

windowed as (
    select
        *,
        case
            when lag(month) over series >= month - interval 6 month then lag(value) over series
        end as previous_value,
        case
            when lead(month) over series <= month + interval 6 month then lead(value) over series
        end as next_value,
        list(value) over around as neighbour_values
    from usage_monthly
    window
        series as (partition by site, department, system, metric order by month),
        around as (
            partition by site, department, system, metric order by month
            range between interval 6 month preceding and interval 6 month following
            exclude current row
        )
),

extremes as (
    select *, list_median(neighbour_values) as expected
    from windowed
    where (getvariable('judged_from') is null or month >= getvariable('judged_from')::date)
        and len(neighbour_values) >= 4
        and ((value > previous_value and value > coalesce(next_value, previous_value))
            or (value < previous_value and value < coalesce(next_value, previous_value)))
),

spreads as (
    select
        *,
        greatest(
            1.4826 * list_median(list_transform(neighbour_values, lambda v: abs(v - expected))),
            0.05 * abs(expected),
            1.0
        ) as spread
    from extremes
),

final as (
    select
        month, site, region, department, system, metric, value, previous_value, expected,
        spread, (value - expected) / spread as z, len(neighbour_values) as neighbour_months
    from spreads
    where abs(value - expected) / spread > 3.5
)

select * from final
order by abs(z) desc, month, metric, site, department nulls first;
