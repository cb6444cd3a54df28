-- A target of a metric with a paper counterpart is a digital share, between 0 and 1.
-- severity: warning
select targets.kpi, targets.scope, targets.due_date, targets.target
from targets
inner join metrics on metrics.metric = targets.kpi
where nullif(trim(metrics.paper_metric), '') is not null
    and (targets.target < 0 or targets.target > 1)
order by targets.kpi, targets.scope, targets.due_date
