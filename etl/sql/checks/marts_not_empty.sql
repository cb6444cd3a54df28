-- No mart is empty while its source holds rows (row counts after every rebuild).
with

counts as (
    select 'usage' as source, (select count(*) from usage) as source_rows,
        'mart_usage_monthly' as mart, (select count(*) from mart_usage_monthly) as mart_rows
    union all
    select 'usage', (select count(*) from usage),
        'mart_data_freshness', (select count(*) from mart_data_freshness)
    union all
    select 'projects', (select count(*) from projects),
        'mart_portfolio_status', (select count(*) from mart_portfolio_status)
    union all
    select 'milestones', (select count(*) from milestones),
        'mart_milestones', (select count(*) from mart_milestones)
    union all
    select 'positions', (select count(*) from positions),
        'mart_positions', (select count(*) from mart_positions)
)

select source, source_rows, mart, mart_rows
from counts
where source_rows > 0 and mart_rows = 0
