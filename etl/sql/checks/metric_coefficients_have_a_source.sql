-- A metric with a non-zero time-saved coefficient names the source behind it.
select metric, minutes_saved_low, minutes_saved_base, minutes_saved_high
from metrics
where (
        coalesce(minutes_saved_low, 0) <> 0
        or coalesce(minutes_saved_base, 0) <> 0
        or coalesce(minutes_saved_high, 0) <> 0
    )
    and nullif(trim(source), '') is null
order by metric
