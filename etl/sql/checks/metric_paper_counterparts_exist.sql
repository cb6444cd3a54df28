-- A metric's paper counterpart (paper_metric) is another metric of the catalogue.
select metric, paper_metric
from metrics
where nullif(trim(paper_metric), '') is not null
    and (paper_metric = metric or paper_metric not in (select metric from metrics))
order by metric
