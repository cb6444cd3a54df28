"""Declarative checks on the warehouse, run after every load and rebuild, before publishing.

A check is a query that returns the offending rows: it passes when it returns none. They
come from three places, so that each rule is written once:
  * the export contracts (etl.contracts): each kind's key is unique, its required columns
    are not null, its enum columns hold only the stored English values;
  * the reference tables and the marts: the catalogue's keys and enums below, and each
    mart's grain as its header comment states it (`-- Grain: one row per (a, b)`);
  * etl/sql/checks/*.sql: one query per file, named after the file; its first comment
    line says what it guarantees. `-- severity: warning` reports without failing.
A failing check of severity `error` raises ChecksFailed, naming the check: the load stops
and the published warehouse stays as it was.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from etl.contracts import AIMS, ENUMS, KINDS
from etl.marts import INCREMENTAL, mart_files
from etl.messages import MESSAGES, Problem
from etl.settings import SQL_DIR

CHECKS_DIR = SQL_DIR / "checks"
AGGREGATIONS = ("sum", "max", "mean", "last")
DIRECTIONS = ("at_least", "at_most")
REGIONS = ("fr", "de")
EXAMPLES = 3  # offending rows quoted in a failure message
ERROR, WARNING = "error", "warning"
_Result = TypeVar("_Result")

# After a load, the rows of the loaded tables it added: their load_id is above the variable
# `loaded_after` (etl/load.py sets it; unset, every row). Earlier rows passed when loaded.
NEW_ROWS = "(getvariable('loaded_after') is null or load_id > getvariable('loaded_after'))"

_GRAIN = re.compile(r"grain:\s*one row per\s*(?:\(([^)]*)\)|(\w+))", re.IGNORECASE)
_CREATES = re.compile(r"create\s+or\s+replace\s+table\s+(\w+)", re.IGNORECASE)
_SEVERITY = re.compile(r"^--\s*severity:\s*(error|warning)\s*$", re.IGNORECASE | re.MULTILINE)

MESSAGES["check_failed"] = {
    "en": "{file}: not loaded: after loading it, the warehouse check {check} failed "
    "({count} offending rows, e.g. {example}). Nothing was changed.",
    "fr": "{file} : non chargé : après son chargement, le contrôle {check} de l'entrepôt a "
    "échoué ({count} lignes en défaut, p. ex. {example}). Rien n'a été modifié.",
    "de": "{file}: nicht geladen: nach dem Laden schlug die Prüfung {check} des Warehouse "
    "fehl ({count} fehlerhafte Zeilen, z. B. {example}). Es wurde nichts geändert.",
}


@dataclass(frozen=True)
class Check:
    """A named query returning offending rows; it passes when it returns none."""

    name: str
    description: str
    sql: str
    params: tuple[Any, ...] = ()
    severity: str = ERROR
    rule: str = "sql"  # unique, not_null, accepted_values, or sql (a file of etl/sql/checks)
    table: str = ""
    columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Failure:
    """A check that returned rows (or could not run): how many, and a few examples."""

    check: Check
    count: int
    examples: tuple[tuple[Any, ...], ...]
    columns: tuple[str, ...]

    def example(self) -> str:
        """The first offending row as `column=value, ...`."""
        if not self.examples:
            return "-"
        return ", ".join(f"{c}={v}" for c, v in zip(self.columns, self.examples[0], strict=False))

    def __str__(self) -> str:
        return f"{self.check.name} ({self.check.description}): {self.count} rows, e.g. {self.example()}"


class ChecksFailed(Exception):
    """One or more checks of severity `error` failed: the warehouse must not be published."""

    def __init__(self, failures: Sequence[Failure]) -> None:
        super().__init__("warehouse checks failed: " + "; ".join(str(f) for f in failures))
        self.failures = list(failures)

    def problem(self, file: str) -> Problem:
        """The failure as the load problem of a file."""
        first = self.failures[0]
        params = {"check": first.check.name, "count": str(first.count), "example": first.example()}
        return Problem("check_failed", file, params=params)

    def reject(self, result: _Result) -> _Result:
        """A load result turned into a rejection by this failure (duplicates stay as they are)."""
        if getattr(result, "status", None) != "loaded":
            return result
        problem = self.problem(str(getattr(result, "file", "")))
        return dataclasses.replace(  # type: ignore[type-var]
            result, status="rejected", rows=0, replaced=0, problems=[problem], total_problems=1
        )


def unique(table: str, columns: Sequence[str], severity: str = ERROR, changed_date: str = "") -> Check:
    """No two rows of `table` share the values of `columns` (nulls count as equal).

    With `changed_date`, a date column of the key, only the rows within the usage months
    a load changed are compared (etl/marts.py sets them): rows elsewhere were unique when
    they were loaded, and a copy must share their date.
    """
    listed = ", ".join(columns)
    rows = table
    if changed_date:
        rows = (
            f"(select * from {table} where getvariable('changed_from') is null"
            f" or {changed_date} between getvariable('changed_from') and getvariable('changed_to'))"
        )
    # Grouping by the key's hash first is twice as fast on large tables; the rows whose
    # hash repeats are then grouped by the key itself (a hash collision is not a copy).
    return Check(
        f"unique_{table}_{'_'.join(columns)}",
        f"{table} has one row per ({listed})",
        f"select {listed}, count(*) as copies from {rows}"
        f" where hash({listed}) in"
        f" (select hash({listed}) from {rows} group by 1 having count(*) > 1)"
        f" group by all having count(*) > 1",
        severity=severity,
        rule="unique",
        table=table,
        columns=tuple(columns),
    )


def not_null(
    table: str, column: str, text: bool = True, severity: str = ERROR, loaded: bool = False
) -> Check:
    """Every row of `table` has a value in `column` (for a text, an empty one is missing).

    `loaded`: a table of loaded rows, of which only the new ones are checked after a load.
    """
    missing = f"nullif(trim({column}), '') is null" if text else f"{column} is null"
    return Check(
        f"not_null_{table}_{column}",
        f"{table}.{column} is never empty",
        f"select * from {table} where {NEW_ROWS if loaded else 'true'} and {missing}",
        severity=severity,
        rule="not_null",
        table=table,
        columns=(column,),
    )


def accepted_values(
    table: str, column: str, values: Sequence[str], severity: str = ERROR, loaded: bool = False
) -> Check:
    """`column` holds only `values` (or nothing); `loaded` as for not_null."""
    return Check(
        f"accepted_values_{table}_{column}",
        f"{table}.{column} is one of {', '.join(values)}",
        f"select {column} as value, count(*) as rows from {table}"
        f" where {NEW_ROWS if loaded else 'true'} and {column} is not null"
        f" and not list_contains(?, {column}) group by 1",
        (list(values),),
        severity,
        rule="accepted_values",
        table=table,
        columns=(column,),
    )


def contract_checks() -> list[Check]:
    """From the export contracts: unique keys, required columns, enum values."""
    checks = []
    for kind in KINDS.values():
        checks.append(unique(kind.name, kind.key, changed_date="date" if kind.name == "usage" else ""))
        checks += [
            not_null(kind.name, c.name, text=c.type in ("text", "enum"), loaded=True)
            for c in kind.columns
            if c.required
        ]
        checks += [
            accepted_values(kind.name, c.name, tuple(ENUMS[c.enum]), loaded=True)
            for c in kind.columns
            if c.type == "enum" and c.enum
        ]
    return checks


def reference_checks() -> list[Check]:
    """The metric catalogue, targets and sites: keys, required values, enums."""
    metric_columns = ("system", "aim", "unit", "aggregation", "label_en", "label_fr", "label_de")
    return [
        unique("metrics", ("metric",)),
        not_null("metrics", "metric"),
        *(not_null("metrics", column) for column in metric_columns),
        accepted_values("metrics", "aim", AIMS),
        accepted_values("metrics", "aggregation", AGGREGATIONS),
        unique("targets", ("kpi", "scope", "due_date"), WARNING),
        *(not_null("targets", c, severity=WARNING) for c in ("kpi", "scope", "direction")),
        *(not_null("targets", c, text=False, severity=WARNING) for c in ("target", "due_date")),
        accepted_values("targets", "direction", DIRECTIONS, WARNING),
        unique("sites", ("site",)),
        accepted_values("sites", "region", REGIONS, WARNING),
    ]


def created_table(sql: str) -> str | None:
    """The table a mart model creates (`create or replace table NAME as ...`)."""
    created = _CREATES.search(sql)
    return created.group(1).lower() if created else None


def mart_checks() -> list[Check]:
    """Each mart has one row per its grain, as the header comment of its model states."""
    checks = []
    for path in mart_files():
        text = path.read_text(encoding="utf-8")
        table, grain = created_table(text), _grain(text)
        if table and grain:  # a model incremental by usage month changes only those months
            by_month = "month" if "month" in grain and INCREMENTAL.search(text) else ""
            checks.append(unique(table, grain, changed_date=by_month))
    return checks


def _grain(sql: str) -> tuple[str, ...]:
    """The grain columns a model's header comment names (`-- Grain: one row per (a, b)`)."""
    header = " ".join(
        line.strip().removeprefix("--").strip() for line in sql.splitlines() if line.strip().startswith("--")
    )
    match = _GRAIN.search(header)
    if not match:
        return ()
    listed = match.group(1) if match.group(1) is not None else match.group(2)
    return tuple(column.strip() for column in listed.split(",") if column.strip())


def sql_checks(folder: Path = CHECKS_DIR) -> list[Check]:
    """The hand-written checks: one query per .sql file, named after the file."""
    checks = []
    for path in sorted(folder.glob("*.sql")):
        text = path.read_text(encoding="utf-8")
        first = next((line for line in text.splitlines() if line.startswith("--")), "-- ")
        severity = _SEVERITY.search(text)
        checks.append(
            Check(
                path.stem,
                first.removeprefix("--").strip(),
                text.strip().rstrip(";"),
                severity=severity.group(1).lower() if severity else ERROR,
            )
        )
    return checks


def all_checks() -> list[Check]:
    """Every check, in a stable order: contracts, reference data, marts, SQL files."""
    return [*contract_checks(), *reference_checks(), *mart_checks(), *sql_checks()]


def find_failures(con: duckdb.DuckDBPyConnection, checks: Sequence[Check] | None = None) -> list[Failure]:
    """Run the checks; return those that failed, with their offending rows counted.

    One query asks every check at once whether it returns any row (a load pays one round
    trip, not one per check); only the checks that do are run again for their examples.
    """
    chosen = all_checks() if checks is None else list(checks)
    suspects = _suspects(con, chosen)
    return [failure for check in suspects if (failure := _run(con, check)) is not None]


def _suspects(con: duckdb.DuckDBPyConnection, checks: Sequence[Check]) -> list[Check]:
    """The checks that return rows (all of them, if the combined query cannot run)."""
    if not checks:
        return []
    probes = " union all ".join(
        f"select {index} as check_index from (select 1 from ({check.sql}) limit 1)"
        for index, check in enumerate(checks)
    )
    params = [value for check in checks for value in check.params]
    try:
        found = {row[0] for row in con.execute(probes, params).fetchall()}
    except duckdb.Error:  # a check cannot run: let each one say so on its own
        return list(checks)
    return [check for index, check in enumerate(checks) if index in found]


def _run(con: duckdb.DuckDBPyConnection, check: Check) -> Failure | None:
    """One check: None when it returns no rows."""
    try:
        cursor = con.execute(
            f"select *, count(*) over () as offending_rows from ({check.sql}) limit {EXAMPLES}",
            list(check.params),
        )
        rows = cursor.fetchall()
        columns = tuple(d[0] for d in cursor.description)
    except duckdb.Error as error:  # a check that cannot run fails, saying why
        return Failure(check, 1, ((str(error).splitlines()[0],),), ("error",))
    if not rows:
        return None
    return Failure(check, int(rows[0][-1]), tuple(row[:-1] for row in rows), columns[:-1])


def run_checks(con: duckdb.DuckDBPyConnection) -> list[Failure]:
    """Run every check; raise ChecksFailed if a check of severity `error` fails.

    Returns the failed warnings, which do not stop a load.
    """
    failures = find_failures(con)
    errors = [f for f in failures if f.check.severity == ERROR]
    if errors:
        raise ChecksFailed(errors)
    return failures
