"""The dashboard's shared code: warehouse access, queries, charts and translations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping

from etl import settings_file

# The settings that drive figures live in the tracked settings file data/settings.toml
# (or the data folder's own copy), edited on the analysts' Settings page:
#   ANNUAL_HOURS_PER_FTE: a full-time year in hours (a Swiss one is about 1,900); hours
#     freed are shown as FTE equivalents with this divisor (shared/reference.md).
#   STALE_AFTER_DAYS: per source, a source is stale when its latest date
#     (mart_data_freshness) is more than this many days old: pages then show a warning.
#   PROGRAMME_START: the day the digital programme started.
# `app.ANNUAL_HOURS_PER_FTE` and `app.PROGRAMME_START` are read from the file whenever
# they are looked up; STALE_AFTER_DAYS is a mapping that reads it on every lookup, so an
# analyst's change applies without a restart even where the name was imported.
ANNUAL_HOURS_PER_FTE: float
PROGRAMME_START: dt.date


class _StaleAfterDays(Mapping[str, int]):
    """source -> days, as the settings file in force says at the moment of the lookup."""

    def __getitem__(self, source: str) -> int:
        return settings_file.load().stale_after_days[source]

    def __iter__(self) -> Iterator[str]:
        return iter(settings_file.load().stale_after_days)

    def __len__(self) -> int:
        return len(settings_file.load().stale_after_days)

    def __repr__(self) -> str:
        return repr(dict(self))


STALE_AFTER_DAYS: Mapping[str, int] = _StaleAfterDays()

_SETTINGS: dict[str, Callable[[settings_file.FigureSettings], object]] = {
    "ANNUAL_HOURS_PER_FTE": lambda s: s.annual_hours_per_fte,
    "PROGRAMME_START": lambda s: s.programme_start,
}


def __getattr__(name: str) -> object:
    """ANNUAL_HOURS_PER_FTE and PROGRAMME_START, from the settings file in force (PEP 562)."""
    if name in _SETTINGS:
        return _SETTINGS[name](settings_file.load())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
