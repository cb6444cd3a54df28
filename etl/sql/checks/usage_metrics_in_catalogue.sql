-- Every usage row's metric is in the metric catalogue: a metric with data cannot leave it.
-- Offending rows: one per unknown metric, with the usage rows that name it. After a load
-- only its new rows are compared (load_id above `loaded_after`): earlier rows passed
-- against the same catalogue, and a change of the catalogue unsets the variable.
select metric, count(*) as usage_rows
from usage
where (getvariable('loaded_after') is null or load_id > getvariable('loaded_after'))
    and metric not in (select metric from metrics)
group by metric
order by metric
