-- The time-saved coefficients of each metric are ordered: low <= base <= high.
-- Units: staff minutes freed per unit (a missing coefficient counts as 0, as in the mart).
select metric, minutes_saved_low, minutes_saved_base, minutes_saved_high
from metrics
where coalesce(minutes_saved_low, 0) > coalesce(minutes_saved_base, 0)
    or coalesce(minutes_saved_base, 0) > coalesce(minutes_saved_high, 0)
order by metric
