-- Every usage row's metric is in the metric catalogue: a metric with data cannot leave it.
-- Offending rows: one per unknown metric, with the usage rows that name it.
select metric, count(*) as usage_rows
from usage
where metric not in (select metric from metrics)
group by metric
order by metric
