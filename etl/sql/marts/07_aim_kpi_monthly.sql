-- mart_aim_kpi_monthly: the headline KPI of each of the programme's five aims, per month
-- and site, for the aim cards of the Overview.
--
-- Grain: one row per (month, site, aim); `kpi` names the aim's headline KPI, as the
-- metric catalogue and data/targets.csv name it (targets.kpi).
-- The headline KPI of each aim (change it here, in `headline_kpis`, and nowhere else):
--   simplify_processes    forms_digital           share of forms completed digitally
--   secure_communication  secure_messages_sent    share of messages sent securely, not by fax
--   prevent_errors        med_admin_scanned       share of medication administrations
--                                                 scanned at the bedside (closed loop)
--   time_for_patients     hours_freed             staff hours freed, base estimate
--   patient_access        portal_active_patients  patients with an active portal account
-- Units, by kind:
--   * share: numerator = digital volume, denominator = digital + paper volume (same unit,
--     per month); the KPI is numerator / denominator, a fraction 0-1;
--   * hours: numerator = staff hours freed in the month (mart_time_saved_monthly,
--     hours_base, all processes together); denominator is null;
--   * level: numerator = the metric's monthly value (mart_usage_monthly: a stock such as
--     patients with an account takes the month's last value); denominator is null.
-- Combining over sites: shares sum numerator and denominator, then divide (never average
-- the shares); hours and levels sum the numerator. Months are never summed here.
create or replace table mart_aim_kpi_monthly as

with

headline_kpis as (
    select *
    from (
        values
            ('simplify_processes', 'forms_digital', 'share'),
            ('secure_communication', 'secure_messages_sent', 'share'),
            ('prevent_errors', 'med_admin_scanned', 'share'),
            ('time_for_patients', 'hours_freed', 'hours'),
            ('patient_access', 'portal_active_patients', 'level')
    ) as kpis (aim, kpi, kind)
),

adoption as (
    select month, site, region, metric as kpi, digital, digital + paper as volume
    from mart_adoption_monthly
),

time_saved as (
    select month, site, region, 'hours_freed' as kpi, hours_base
    from mart_time_saved_monthly
),

usage_monthly as (
    select month, site, region, metric as kpi, value
    from mart_usage_monthly
),

shares as (
    select adoption.month, adoption.site, adoption.region, headline_kpis.aim,
        headline_kpis.kpi, headline_kpis.kind,
        sum(adoption.digital) as numerator, sum(adoption.volume) as denominator
    from adoption
    inner join headline_kpis on headline_kpis.kpi = adoption.kpi and headline_kpis.kind = 'share'
    group by all
),

hours as (
    select time_saved.month, time_saved.site, time_saved.region, headline_kpis.aim,
        headline_kpis.kpi, headline_kpis.kind,
        sum(time_saved.hours_base) as numerator, null::double as denominator
    from time_saved
    inner join headline_kpis on headline_kpis.kpi = time_saved.kpi and headline_kpis.kind = 'hours'
    group by all
),

levels as (
    select usage_monthly.month, usage_monthly.site, usage_monthly.region, headline_kpis.aim,
        headline_kpis.kpi, headline_kpis.kind,
        sum(usage_monthly.value) as numerator, null::double as denominator
    from usage_monthly
    inner join headline_kpis on headline_kpis.kpi = usage_monthly.kpi and headline_kpis.kind = 'level'
    group by all
),

final as (
    select * from shares
    union all
    select * from hours
    union all
    select * from levels
)

select * from final
order by month, site, aim;
