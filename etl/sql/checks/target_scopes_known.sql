-- Each target's scope is all, a language region (fr, de) or a site of sites.csv.
-- severity: warning
select kpi, scope, due_date
from targets
where scope <> 'all'
    and scope not in (select region from sites where region is not null)
    and scope not in (select site from sites)
order by kpi, scope, due_date
