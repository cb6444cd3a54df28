-- No kind holds more rows than its loads accepted, net of the rows they replaced.
-- Per kind: stored rows <= sum(loads.rows - loads.replaced_rows) over successful loads
-- (equal after ordinary loads; fewer once a load has been undone).
with

stored as (
    select 'projects' as kind, count(*) as stored_rows from projects
    union all
    select 'milestones', count(*) from milestones
    union all
    select 'positions', count(*) from positions
    union all
    select 'usage', count(*) from usage
),

accepted as (
    select kind, sum(coalesce(rows, 0) - coalesce(replaced_rows, 0)) as net_rows
    from loads
    where status = 'loaded'
    group by kind
)

select stored.kind, stored.stored_rows, coalesce(accepted.net_rows, 0) as net_rows
from stored
left join accepted on accepted.kind = stored.kind
where stored.stored_rows > coalesce(accepted.net_rows, 0)
order by stored.kind
