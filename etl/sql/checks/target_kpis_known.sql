-- Each target names a catalogue metric or hours_freed (the derived KPI of 07_aim_kpi_monthly).
-- severity: warning
select kpi, scope, due_date
from targets
where kpi <> 'hours_freed' and kpi not in (select metric from metrics)
order by kpi, scope, due_date
