-- Every stored row comes from a successful load of its kind, which accepted at least as
-- many rows as are stored under its load_id. After a load only the usage rows it added
-- are counted (load_id above `loaded_after`; unset, all): a later load can only remove
-- an earlier load's rows.
with

stored as (
    select 'projects' as kind, load_id, count(*) as stored_rows from projects group by load_id
    union all
    select 'milestones', load_id, count(*) from milestones group by load_id
    union all
    select 'positions', load_id, count(*) from positions group by load_id
    union all
    select 'usage', load_id, count(*) from usage
    where getvariable('loaded_after') is null or load_id > getvariable('loaded_after')
    group by load_id
)

select stored.kind, stored.load_id, stored.stored_rows, loads.status, loads.rows as accepted_rows
from stored
left join loads on loads.load_id = stored.load_id
where loads.load_id is null
    or loads.status <> 'loaded'
    or loads.kind <> stored.kind
    or stored.stored_rows > loads.rows
order by stored.kind, stored.load_id
