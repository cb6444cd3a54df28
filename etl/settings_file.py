"""The tracked settings that drive figures (data/settings.toml): read, checked and written.

Annual hours per FTE, the programme's start date and the stale-data threshold of each
source live in one TOML file beside metrics.csv; the data folder's copy wins, as for
every reference file (etl.settings.reference_file). The Settings page edits them through
etl.reference, which validates with `parse_value` and logs every change.
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from etl import settings

FILE_NAME = "settings.toml"
SOURCES = ("projects", "milestones", "positions", "usage")
HOURS_KEY = "annual_hours_per_fte"
START_KEY = "programme_start"
STALE_PREFIX = "stale_after_days."
# Plausible bounds: a full-time year is 1,600-2,100 hours in Europe; a source silent for
# more than a year is not "stale", it is gone.
HOURS_RANGE = (1000.0, 2600.0)
STALE_RANGE = (1, 366)
EARLIEST_START = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class FigureSettings:
    """The values of settings.toml, typed."""

    annual_hours_per_fte: float  # hours one FTE works in a year
    programme_start: dt.date  # the day the digital programme started
    stale_after_days: Mapping[str, int]  # per source: age in days of its latest date when stale


class SettingsError(ValueError):
    """A setting that is missing or out of its range; `code` names the rule broken."""

    def __init__(self, key: str, code: str, **params: object) -> None:
        super().__init__(f"{FILE_NAME}: {key}: {code} {params or ''}".strip())
        self.key, self.code, self.params = key, code, params


def path() -> Path:
    """The settings file in force: the data folder's copy, else the repository's."""
    return settings.reference_file(FILE_NAME)


def setting_keys() -> tuple[str, ...]:
    """Every setting, flattened: `annual_hours_per_fte`, `stale_after_days.usage`, ..."""
    return (HOURS_KEY, START_KEY, *(STALE_PREFIX + source for source in SOURCES))


def load() -> FigureSettings:
    """The settings in force (re-read only when the file changes)."""
    file = path()
    stat = file.stat()
    return _load_cached(str(file), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _load_cached(file: str, _mtime_ns: int, _size: int) -> FigureSettings:
    """Parse the file; the modification time and size only key the cache."""
    return from_values(flatten(tomllib.loads(Path(file).read_text(encoding="utf-8"))))


def read_values() -> dict[str, str]:
    """The settings in force as `key -> text` (not validated: the Settings page shows them)."""
    return flatten(tomllib.loads(path().read_text(encoding="utf-8")))


def flatten(document: Mapping[str, object]) -> dict[str, str]:
    """The TOML document as `key -> text`, the form the change log and the page use."""
    values = {HOURS_KEY: document.get(HOURS_KEY), START_KEY: document.get(START_KEY)}
    stale = document.get("stale_after_days")
    for source in SOURCES:
        values[STALE_PREFIX + source] = stale.get(source) if isinstance(stale, Mapping) else None
    return {key: "" if value is None else str(value) for key, value in values.items()}


def from_values(values: Mapping[str, str]) -> FigureSettings:
    """Typed settings from `key -> text`; raises SettingsError on the first bad value."""
    return FigureSettings(
        annual_hours_per_fte=annual_hours(values.get(HOURS_KEY, "")),
        programme_start=programme_start(values.get(START_KEY, "")),
        stale_after_days={s: stale_days(s, values.get(STALE_PREFIX + s, "")) for s in SOURCES},
    )


def parse_value(key: str, text: str) -> object:
    """One setting's value from its text, checked against its rule (SettingsError if not)."""
    if key == HOURS_KEY:
        return annual_hours(text)
    if key == START_KEY:
        return programme_start(text)
    if key.startswith(STALE_PREFIX) and key.removeprefix(STALE_PREFIX) in SOURCES:
        return stale_days(key.removeprefix(STALE_PREFIX), text)
    raise SettingsError(key, "unknown_setting")


def annual_hours(text: str) -> float:
    """Hours per FTE and year, within HOURS_RANGE."""
    return _number_in(HOURS_KEY, _required(HOURS_KEY, text), HOURS_RANGE)


def programme_start(text: str) -> dt.date:
    """The programme's start: an ISO date between 2000 and today."""
    day_text = _required(START_KEY, text)
    try:
        day = dt.date.fromisoformat(day_text[:10])
    except ValueError:
        raise SettingsError(START_KEY, "not_a_date", found=day_text) from None
    if not EARLIEST_START <= day <= dt.date.today():
        raise SettingsError(
            START_KEY, "date_out_of_range", found=day_text, low=EARLIEST_START, high=dt.date.today()
        )
    return day


def stale_days(source: str, text: str) -> int:
    """A source's stale threshold: whole days within STALE_RANGE."""
    key = STALE_PREFIX + source
    value = _number_in(key, _required(key, text), (float(STALE_RANGE[0]), float(STALE_RANGE[1])))
    if value != int(value):
        raise SettingsError(key, "not_whole", found=text)
    return int(value)


def _required(key: str, text: object) -> str:
    cleaned = str(text).strip()
    if not cleaned:
        raise SettingsError(key, "required")
    return cleaned


def _number_in(key: str, text: str, bounds: tuple[float, float]) -> float:
    try:
        value = float(text.replace("'", "").replace("’", ""))
    except ValueError:
        raise SettingsError(key, "not_a_number", found=text) from None
    if not bounds[0] <= value <= bounds[1]:
        raise SettingsError(key, "out_of_range", found=text, low=bounds[0], high=bounds[1])
    return value


def render(values: FigureSettings) -> str:
    """The settings as the TOML file analysts read, with its comments."""
    stale = "\n".join(f"{source} = {values.stale_after_days[source]}" for source in SOURCES)
    return _TEMPLATE.format(
        hours=values.annual_hours_per_fte, start=values.programme_start.isoformat(), stale=stale
    )


_TEMPLATE = """\
# Settings that drive the dashboard's figures. Tracked in git like metrics.csv; a data
# folder (DASHBOARD_DATA_DIR) may carry its own copy, which then wins. Analysts change
# them on the Settings page, which validates each value and logs every change.

# Hours one full-time equivalent (FTE) works in a year: FTE freed = hours freed / this.
# A Swiss full-time year is about 1,900 hours (shared/reference.md).
annual_hours_per_fte = {hours!r}

# The day the digital programme started: cumulative figures ("since the programme
# started") count from its month.
programme_start = {start}

# Per source, a source is stale when the latest date its data speaks about
# (mart_data_freshness.latest_date) is more than this many days old: the Data quality
# page highlights it and board pages flag the figures built on it.
[stale_after_days]
{stale}
"""
