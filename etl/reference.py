"""The analysts' reference data: the metric catalogue, targets and settings, edited safely.

An edit is diffed against the file it started from, validated, saved (the file in the
data folder, then the marts rebuilt and checked through the loader's writer, so the
warehouse always matches the files), and every change is appended to the audit log
`audit/changes.csv` in the data folder: who, when, which table, key and field, the old
and the new value. Any change can be reverted, which is itself a logged change.
A failing warehouse check puts the previous file back: nothing changes.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import os
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd
from filelock import FileLock

from etl import checks, settings, settings_file, warehouse
from etl.checks import AGGREGATIONS, DIRECTIONS, created_table
from etl.contracts import AIMS
from etl.load import publish_reference
from etl.marts import mart_files

ROW = "*"  # the field of a change that adds or removes a whole row
DERIVED_KPIS = ("hours_freed",)  # KPIs a mart derives (07_aim_kpi_monthly), not catalogue metrics
AUDIT_COLUMNS = (
    "change_id",
    "changed_at",
    "changed_by",
    "table_name",
    "key",
    "field",
    "old_value",
    "new_value",
    "reverts",
)
_METRIC_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Table:
    """A reference table kept as a CSV file: its columns, key, and typed columns."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    numbers: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"


METRICS = Table(
    "metrics",
    (
        "metric",
        "system",
        "aim",
        "unit",
        "aggregation",
        "label_en",
        "label_fr",
        "label_de",
        "paper_metric",
        "minutes_saved_low",
        "minutes_saved_base",
        "minutes_saved_high",
        "source",
    ),
    key=("metric",),
    numbers=("minutes_saved_low", "minutes_saved_base", "minutes_saved_high"),
)
TARGETS = Table(
    "targets",
    ("kpi", "scope", "target", "due_date", "direction", "note"),
    key=("kpi", "scope", "due_date"),
    numbers=("target",),
    dates=("due_date",),
)
TABLES = {table.name: table for table in (METRICS, TARGETS)}
SETTINGS = "settings"  # the table name of settings.toml in the audit log


@dataclass(frozen=True)
class Change:
    """One logged change: a field of a row (old -> new), or a whole row added or removed."""

    table: str
    key: str
    field: str  # a column, `*` for a whole row, `value` for a setting
    old: str  # "" when a row was added
    new: str  # "" when a row was removed
    change_id: int | None = None
    changed_at: str = ""
    changed_by: str = ""
    reverts: int | None = None


@dataclass(frozen=True)
class Issue:
    """Why an edit cannot be saved: a rule (`code`), where, and the values involved."""

    code: str
    key: str = ""
    column: str = ""
    params: Mapping[str, str] = field(default_factory=dict)


class Invalid(ValueError):
    """The edited table breaks a rule; nothing was saved."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        super().__init__("; ".join(f"{i.code} {i.key} {i.column}".strip() for i in issues))
        self.issues = list(issues)


class Conflict(RuntimeError):
    """The file changed since the edit started (another analyst saved): nothing was saved."""


@dataclass(frozen=True)
class Snapshot:
    """A reference file as read: its header, its rows as text, and a token of its content."""

    table: Table
    header: tuple[str, ...]
    rows: tuple[Mapping[str, str], ...]
    token: str

    def frame(self) -> pd.DataFrame:
        """The rows typed for an editor: numbers as floats, dates as dates."""
        data = pd.DataFrame([dict(r) for r in self.rows], columns=list(self.header), dtype=object)
        for column in self.table.numbers:
            data[column] = pd.to_numeric(data[column], errors="coerce").astype("float64")
        for column in self.table.dates:
            data[column] = pd.to_datetime(data[column], errors="coerce").dt.date
        return data


# --- Reading and writing the files -----------------------------------------------------


def token_of(text: str) -> str:
    """A short fingerprint of a file's content: an edit saves only onto what it started from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def read(table: Table) -> Snapshot:
    """The table's file in force (the data folder's copy, else the repository's)."""
    text = settings.reference_file(table.file_name).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    header = tuple(reader.fieldnames or table.columns)
    rows = tuple({c: (row.get(c) or "") for c in header} for row in reader)
    return Snapshot(table, header, rows, token_of(text))


def render_csv(header: Sequence[str], rows: Iterable[Mapping[str, str]]) -> str:
    """Rows as the CSV analysts keep in git: comma-separated, a field quoted when it holds a
    comma, a semicolon (Swiss spreadsheets split on it), a quote or a line break."""
    lines = [",".join(_csv_field(c) for c in header)]
    lines += [",".join(_csv_field(row.get(c, "")) for c in header) for row in rows]
    return "\n".join(lines) + "\n"


def _csv_field(value: str) -> str:
    if any(mark in value for mark in ',;"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def write_atomically(path: Path, text: str) -> None:
    """Replace a file in one step, so readers see the old or the new file, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


# --- Canonical values and diffs ----------------------------------------------------------


def canonical(table: Table, column: str, value: object) -> str:
    """A cell as comparable text: `2` and `2.0` are the same number, dates are ISO."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if column in table.numbers:
        number = as_number(value)
        return str(value).strip() if number is None else repr(number)
    if column in table.dates:
        day = as_date(value)
        return str(value).strip() if day is None else day.isoformat()
    return str(value).strip()


def as_number(value: object) -> float | None:
    """A cell as a finite number, or None."""
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def as_date(value: object) -> dt.date | None:
    """A cell as a date (ISO text, a date or a timestamp), or None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def edited_rows(table: Table, edited: pd.DataFrame) -> list[dict[str, str]]:
    """An editor's table as canonical text, one dict per row; wholly empty rows dropped."""
    rows = []
    for record in edited.to_dict("records"):
        row = {column: canonical(table, column, record.get(column)) for column in edited.columns}
        if any(row.values()):
            rows.append(row)
    return rows


def key_of(table: Table, row: Mapping[str, str]) -> str:
    """The row's key as one text (`kpi|scope|due_date` for targets)."""
    return "|".join(canonical(table, column, row.get(column, "")) for column in table.key)


def diff(snapshot: Snapshot, rows: Sequence[Mapping[str, str]]) -> list[Change]:
    """What changed from the file to the edited rows: fields, rows added, rows removed."""
    table = snapshot.table
    before = {key_of(table, r): r for r in snapshot.rows}
    after = {key_of(table, r): r for r in rows}
    changes = [
        Change(table.name, k, ROW, _row_json(table, r), "") for k, r in before.items() if k not in after
    ]
    for key, row in after.items():
        if key not in before:
            changes.append(Change(table.name, key, ROW, "", _row_json(table, row)))
            continue
        for column in snapshot.header:
            old, new = (
                canonical(table, column, before[key].get(column)),
                canonical(table, column, row.get(column)),
            )
            if old != new:
                changes.append(Change(table.name, key, column, old, new))
    return changes


def _row_json(table: Table, row: Mapping[str, str]) -> str:
    """A whole row, as the audit log keeps it: its text as written, to put it back on revert."""
    return json.dumps({c: str(v or "").strip() for c, v in row.items()}, ensure_ascii=False)


def merged(snapshot: Snapshot, rows: Sequence[Mapping[str, str]]) -> list[dict[str, str]]:
    """The rows to write: unchanged cells keep their text as the file had it (clean diffs)."""
    table = snapshot.table
    before = {key_of(table, r): r for r in snapshot.rows}
    out = []
    for row in rows:
        original = before.get(key_of(table, row), {})
        cells = {}
        for column in snapshot.header:
            new = canonical(table, column, row.get(column))
            kept = column in original and canonical(table, column, original[column]) == new
            cells[column] = original[column] if kept else str(row.get(column) or "").strip()
        out.append(cells)
    return out


# --- Validation ----------------------------------------------------------------------------


def validate(table: Table, rows: Sequence[Mapping[str, str]], in_use: Collection[str] = ()) -> list[Issue]:
    """Every rule the edited table breaks (none: it may be saved)."""
    if table is METRICS:
        return validate_metrics(rows, in_use)
    return validate_targets(rows)


def _common_issues(table: Table, rows: Sequence[Mapping[str, str]], required: Sequence[str]) -> list[Issue]:
    """Keys given and unique, required cells filled, numbers and dates readable."""
    issues, seen = [], set()
    for row in rows:
        key = key_of(table, row)
        if key in seen:
            issues.append(Issue("duplicate_key", key))
        seen.add(key)
        issues += [Issue("required", key, c) for c in required if not row.get(c)]
        issues += [
            Issue("not_a_number", key, c, {"found": row[c]})
            for c in table.numbers
            if row.get(c) and as_number(row[c]) is None
        ]
        issues += [
            Issue("not_a_date", key, c, {"found": row[c]})
            for c in table.dates
            if row.get(c) and as_date(row[c]) is None
        ]
    return issues


def validate_metrics(rows: Sequence[Mapping[str, str]], in_use: Collection[str] = ()) -> list[Issue]:
    """The catalogue's rules; `in_use` are metrics with usage data (they cannot be removed)."""
    required = ("metric", "system", "aim", "unit", "aggregation", "label_fr", "label_de", "label_en")
    issues = _common_issues(METRICS, rows, required)
    names = {row.get("metric", "") for row in rows}
    for row in rows:
        issues += _metric_issues(row, names)
    issues += [Issue("metric_in_use", metric) for metric in sorted(set(in_use) - names)]
    targets = {row["kpi"] for row in read(TARGETS).rows if row.get("kpi")}
    issues += [
        Issue("metric_has_targets", kpi) for kpi in sorted(targets - names - set(DERIVED_KPIS) - set(in_use))
    ]
    return issues


def _metric_issues(row: Mapping[str, str], names: Collection[str]) -> list[Issue]:
    """One metric's own rules: name, enums, paper counterpart, coefficients and source."""
    key, issues = row.get("metric", ""), []
    if key and not _METRIC_NAME.match(key):
        issues.append(Issue("metric_name", key, "metric", {"found": key}))
    if row.get("aim") and row["aim"] not in AIMS:
        issues.append(Issue("aim", key, "aim", {"found": row["aim"]}))
    if row.get("aggregation") and row["aggregation"] not in AGGREGATIONS:
        issues.append(Issue("aggregation", key, "aggregation", {"found": row["aggregation"]}))
    paper = row.get("paper_metric", "")
    if paper and (paper == key or paper not in names):
        issues.append(Issue("paper_metric", key, "paper_metric", {"found": paper}))
    low, base, high = (as_number(row.get(f"minutes_saved_{e}") or "0") for e in ("low", "base", "high"))
    if None not in (low, base, high):
        if not (low or 0) <= (base or 0) <= (high or 0):
            issues.append(Issue("coefficients_order", key, "minutes_saved_base"))
        if any((low, base, high)) and not row.get("source"):
            issues.append(Issue("source_required", key, "source"))
    return issues


def validate_targets(rows: Sequence[Mapping[str, str]]) -> list[Issue]:
    """The targets' rules: known KPI and scope, direction, value range."""
    issues = _common_issues(TARGETS, rows, ("kpi", "scope", "target", "due_date", "direction"))
    catalogue = {row["metric"]: row for row in read(METRICS).rows}
    sites = read_sites()
    scopes = {"all", *sites.values(), *sites}
    for row in rows:
        key = key_of(TARGETS, row)
        kpi, target = row.get("kpi", ""), as_number(row.get("target", ""))
        if kpi and kpi not in catalogue and kpi not in DERIVED_KPIS:
            issues.append(Issue("kpi_unknown", key, "kpi", {"found": kpi}))
        if row.get("scope") and row["scope"] not in scopes:
            issues.append(Issue("scope_unknown", key, "scope", {"found": row["scope"]}))
        if row.get("direction") and row["direction"] not in DIRECTIONS:
            issues.append(Issue("direction", key, "direction", {"found": row["direction"]}))
        if target is not None and target < 0:
            issues.append(Issue("negative", key, "target", {"found": row["target"]}))
        elif target is not None and target > 1 and catalogue.get(kpi, {}).get("paper_metric"):
            issues.append(Issue("share_range", key, "target", {"found": row["target"]}))
    return issues


def read_sites() -> dict[str, str]:
    """site -> language region, from sites.csv."""
    with settings.reference_file("sites.csv").open(encoding="utf-8", newline="") as handle:
        return {row["site"]: row.get("region") or "" for row in csv.DictReader(handle)}


# --- Saving, logging, reverting ------------------------------------------------------------


def save(
    snapshot: Snapshot,
    rows: Sequence[Mapping[str, str]],
    who: str,
    in_use: Collection[str] = (),
    reverts: int | None = None,
) -> list[Change]:
    """Validate the edited rows, write the file, rebuild and check the marts, log the changes.

    Raises Invalid (a rule broken), Conflict (the file changed since `snapshot` was read)
    or etl.checks.ChecksFailed (a warehouse check failed; the old file is put back).
    """
    issues = validate(snapshot.table, rows, in_use)
    if issues:
        raise Invalid(issues)
    changes = diff(snapshot, rows)
    if not changes:
        return []
    text = render_csv(snapshot.header, merged(snapshot, rows))
    target = settings.data_dir() / snapshot.table.file_name
    publish_reference(_replacing(target, text, lambda: read(snapshot.table).token, snapshot.token))
    return append_changes(changes, who, reverts)


def _replacing(
    target: Path, text: str, current_token: Callable[[], str], expected_token: str
) -> Callable[[], Callable[[], None]]:
    """An edit for publish_reference: check the file is unchanged, write it, and say how to undo."""

    def edit() -> Callable[[], None]:
        if current_token() != expected_token:
            raise Conflict(str(target))
        previous = target.read_text(encoding="utf-8") if target.exists() else None
        write_atomically(target, text)

        def undo() -> None:
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                write_atomically(target, previous)

        return undo

    return edit


def audit_path() -> Path:
    """The append-only log of every change analysts made, in the data folder."""
    return settings.data_dir() / "audit" / "changes.csv"


def read_changes(table: str | None = None) -> list[Change]:
    """The logged changes, oldest first (of one table, if given)."""
    path = audit_path()
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        changes = [_change(row) for row in csv.DictReader(handle)]
    return [c for c in changes if table is None or c.table == table]


def _change(row: Mapping[str, str]) -> Change:
    return Change(
        row["table_name"],
        row["key"],
        row["field"],
        row["old_value"],
        row["new_value"],
        int(row["change_id"]),
        row["changed_at"],
        row["changed_by"],
        int(row["reverts"]) if row.get("reverts") else None,
    )


def append_changes(changes: Sequence[Change], who: str, reverts: int | None = None) -> list[Change]:
    """Append changes to the audit log with the next ids, who and when; return them so."""
    path = audit_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path.with_suffix(".lock"))):
        existing = read_changes()
        next_id = max((c.change_id or 0 for c in existing), default=0) + 1
        now = dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")
        logged = [
            replace(c, change_id=next_id + i, changed_at=now, changed_by=who, reverts=reverts)
            for i, c in enumerate(changes)
        ]
        new_file = not path.exists()
        with path.open("a", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            if new_file:
                writer.writerow(AUDIT_COLUMNS)
            writer.writerows(_audit_row(c) for c in logged)
    return logged


def _audit_row(change: Change) -> tuple[Any, ...]:
    return (
        change.change_id,
        change.changed_at,
        change.changed_by,
        change.table,
        change.key,
        change.field,
        change.old,
        change.new,
        "" if change.reverts is None else change.reverts,
    )


def reverted_ids() -> dict[int, int]:
    """change_id -> the id of the change that reverted it."""
    return {c.reverts: c.change_id for c in read_changes() if c.reverts and c.change_id}


def revert(change_id: int, who: str, in_use: Collection[str] = ()) -> list[Change]:
    """Undo one logged change (as a new logged change); Invalid if it no longer applies."""
    change = next((c for c in read_changes() if c.change_id == change_id), None)
    if change is None:
        raise Invalid([Issue("unknown_change", str(change_id))])
    if change_id in reverted_ids():
        raise Invalid([Issue("already_reverted", str(change_id))])
    if change.table == SETTINGS:
        return save_settings(_reverted_settings(change), who, settings_token(), reverts=change_id)
    snapshot = read(TABLES[change.table])
    rows = _reverted_rows(snapshot, change)
    return save(snapshot, rows, who, in_use, reverts=change_id)


def _reverted_rows(snapshot: Snapshot, change: Change) -> list[dict[str, str]]:
    """The table's rows with `change` undone; Invalid if the row has changed since."""
    table = snapshot.table
    rows = [{c: canonical(table, c, v) for c, v in r.items()} for r in snapshot.rows]
    index = next((i for i, r in enumerate(rows) if key_of(table, r) == change.key), None)
    conflict = Invalid([Issue("revert_conflict", change.key, change.field)])
    if change.field == ROW and change.new:  # a row was added: remove it
        if index is None:
            raise conflict
        return rows[:index] + rows[index + 1 :]
    if change.field == ROW:  # a row was removed: put it back
        if index is not None:
            raise conflict
        restored = json.loads(change.old)
        return [*rows, {c: restored.get(c, "") for c in snapshot.header}]
    if index is None or rows[index].get(change.field, "") != change.new:
        raise conflict
    rows[index] = {**rows[index], change.field: change.old}
    return rows


# --- Settings ------------------------------------------------------------------------------


def settings_values() -> dict[str, str]:
    """The settings in force as `key -> text`."""
    return settings_file.read_values()


def settings_token() -> str:
    """A fingerprint of the settings file in force."""
    return token_of(settings_file.path().read_text(encoding="utf-8"))


def validate_settings(values: Mapping[str, str]) -> list[Issue]:
    """Every setting that is missing or out of its range."""
    issues = []
    for key in settings_file.setting_keys():
        try:
            settings_file.parse_value(key, values.get(key, ""))
        except settings_file.SettingsError as error:
            issues.append(Issue(error.code, key, key, {k: str(v) for k, v in error.params.items()}))
    return issues


def settings_changes(values: Mapping[str, str]) -> list[Change]:
    """What differs between the settings in force and `values` (1900 and 1900.0 are equal)."""
    current = {key: setting_text(key, value) for key, value in settings_values().items()}
    wanted = {key: setting_text(key, values.get(key, "")) for key in settings_file.setting_keys()}
    return [
        Change(SETTINGS, key, "value", current.get(key, ""), wanted[key])
        for key in settings_file.setting_keys()
        if current.get(key, "") != wanted[key]
    ]


def setting_text(key: str, value: object) -> str:
    """A setting's value as the file writes it (`1900.0`, `2024-01-01`, `45`), else as given."""
    text = str(value).strip()
    try:
        parsed = settings_file.parse_value(key, text)
    except settings_file.SettingsError:
        return text
    return repr(parsed) if isinstance(parsed, float) else str(parsed)


def save_settings(
    values: Mapping[str, str], who: str, expected_token: str, reverts: int | None = None
) -> list[Change]:
    """Validate and write settings.toml, republish (every cached figure moves on), log."""
    changes = settings_changes(values)
    if not changes:
        return []
    issues = validate_settings(values)
    if issues:
        raise Invalid(issues)
    text = settings_file.render(settings_file.from_values(values))
    target = settings.data_dir() / settings_file.FILE_NAME
    publish_reference(_replacing(target, text, settings_token, expected_token))
    return append_changes(changes, who, reverts)


def _reverted_settings(change: Change) -> dict[str, str]:
    """The settings in force with `change` undone; Invalid if the setting changed since."""
    values = settings_values()
    if values.get(change.key, "") != change.new:
        raise Invalid([Issue("revert_conflict", change.key, change.field)])
    return {**values, change.key: change.old}


# --- Preview: the headline hours under an edited catalogue ---------------------------------


@dataclass(frozen=True)
class HoursPreview:
    """Staff hours freed per month before (published) and after an edit of the catalogue.

    `monthly`: month, before_low, before_base, before_high, after_low, after_base,
    after_high (complete months of usage). `by_metric`: in `month`, the metrics whose hours
    change: metric, before_low ... after_high. Hours are staff hours per month.
    """

    month: dt.date | None
    monthly: pd.DataFrame
    by_metric: pd.DataFrame


_HOURS = "sum(hours_low) as low, sum(hours_base) as base, sum(hours_high) as high"
_BEFORE_AFTER = """
    coalesce(before.low, 0) as before_low, coalesce(before.base, 0) as before_base,
    coalesce(before.high, 0) as before_high, coalesce(after.low, 0) as after_low,
    coalesce(after.base, 0) as after_base, coalesce(after.high, 0) as after_high
"""
_MONTHLY = f"""
    with
    before as (select month, {_HOURS} from warehouse.main.mart_time_saved_monthly group by month),
    after as (select month, {_HOURS} from memory.main.mart_time_saved_monthly group by month)
    select coalesce(before.month, after.month) as month, {_BEFORE_AFTER}
    from before
    full outer join after on after.month = before.month
    where coalesce(before.month, after.month) <= (
        select complete_month from warehouse.main.mart_data_freshness where source = 'usage'
    )
    order by month
"""
_BY_METRIC = f"""
    with
    before as (
        select metric, {_HOURS} from warehouse.main.mart_time_saved_monthly
        where month = $month group by metric
    ),
    after as (
        select metric, {_HOURS} from memory.main.mart_time_saved_monthly
        where month = $month group by metric
    ),
    compared as (
        select coalesce(before.metric, after.metric) as metric, {_BEFORE_AFTER}
        from before
        full outer join after on after.metric = before.metric
    )
    select * from compared
    where before_low <> after_low or before_base <> after_base or before_high <> after_high
    order by abs(after_base - before_base) desc, metric
"""


def preview_hours(rows: Sequence[Mapping[str, str]], warehouse_path: Path | None = None) -> HoursPreview:
    """Re-run the time-saved model (the mart's own SQL file) on the edited catalogue, in a
    private in-memory database beside the published warehouse, and compare."""
    con = warehouse.connect_read_only(warehouse_path)
    try:
        con.execute("use memory")
        _load_catalogue(con, rows)
        con.execute("set search_path = 'memory.main,warehouse.main'")
        for model in _preview_models(con):
            con.execute(model.read_text(encoding="utf-8"))
        monthly = con.execute(_MONTHLY).df()
        month = None if monthly.empty else pd.Timestamp(monthly["month"].iloc[-1]).date()
        by_metric = con.execute(_BY_METRIC, {"month": month}).df()
        return HoursPreview(month, monthly, by_metric)
    finally:
        con.close()


def _load_catalogue(con: Any, rows: Sequence[Mapping[str, str]]) -> None:
    """The edited catalogue as the table `metrics` of the in-memory database."""
    con.execute("create table metrics as select * from warehouse.main.metrics limit 0")
    frame = pd.DataFrame(
        [{c: row.get(c, "") for c in METRICS.columns} for row in rows], columns=list(METRICS.columns)
    )
    con.register("edited_catalogue", frame.astype("string"))
    values = ", ".join(
        f"nullif(trim({c}), '')::double as {c}" if c in METRICS.numbers else f"nullif(trim({c}), '') as {c}"
        for c in METRICS.columns
    )
    con.execute(f"insert into metrics by name select {values} from edited_catalogue")
    con.unregister("edited_catalogue")


def _preview_models(con: Any) -> list[Path]:
    """The mart models the hours depend on: time saved, and usage if an aggregation changed."""
    changed = con.execute(
        """select count(*) from metrics as edited
           inner join warehouse.main.metrics as published on published.metric = edited.metric
           where lower(edited.aggregation) is distinct from lower(published.aggregation)"""
    ).fetchone()
    wanted = {"mart_time_saved_monthly"} | ({"mart_usage_monthly"} if changed and changed[0] else set())
    return [path for path in mart_files() if created_table(path.read_text(encoding="utf-8")) in wanted]


# --- Command line: `python -m etl.reference refresh|check` ---------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """`refresh`: reload metrics.csv, targets.csv and sites.csv after a hand edit, rebuild the
    marts, check and publish; `check`: run every check on the published warehouse. Exit 0 when
    all is well, 1 when a check fails."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m etl.reference", description=main.__doc__)
    parser.add_argument("command", choices=("refresh", "check"))
    command = parser.parse_args(argv).command
    try:
        if command == "refresh":
            publish_reference()
            print("Reference files reloaded; marts rebuilt, checked and published.")
            return 0
        con = warehouse.connect_read_only()
        try:
            failures = checks.find_failures(con)
        finally:
            con.close()
    except checks.ChecksFailed as failed:
        failures = failed.failures
        print("Nothing was published.", file=sys.stderr)
    for failure in failures:
        print(f"{failure.check.severity}: {failure}", file=sys.stderr)
    if not failures:
        print(f"All {len(checks.all_checks())} checks pass.")
    return 1 if any(f.check.severity == checks.ERROR for f in failures) else 0


if __name__ == "__main__":
    raise SystemExit(main())
