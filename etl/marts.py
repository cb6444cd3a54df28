"""Builds the monthly marts the dashboard reads, from the SQL models in etl/sql/marts/.

Each `NN_name.sql` file is one model (`create or replace table mart_name as ...`); they
run in name order, so a model may read the marts numbered before it. The loader calls
`build_marts` inside its transaction, so readers only ever see marts that match the data.

A model whose header says `-- Incremental: usage months` reads `usage` only through the
months between the variables `changed_from` and `changed_to` when they are set. After a
load that changed some months of usage, such a model recomputes only those months: its
rows for them are deleted and its query inserts them again.

A model whose header says `-- Incremental: months from judged_from` judges each month by
the months around it (mart_quality_outliers). Its statements before `create` set the
variable `judged_from` from `changed_from` and `usage_complete_before` (the latest
complete usage month before this build); after a load its rows from that month on are
deleted and its query inserts them again.

Every other model, and every model after a rebuild, a change of the reference data or an
edit of any model (the table `marts_built` keeps the hash of the models last built), is
rebuilt whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import duckdb

from etl.settings import SQL_DIR

MARTS_DIR = SQL_DIR / "marts"
INCREMENTAL = re.compile(r"^--\s*Incremental:\s*usage months\s*$", re.IGNORECASE | re.MULTILINE)
_FROM_JUDGED = re.compile(r"^--\s*Incremental:\s*months from judged_from\s*$", re.IGNORECASE | re.MULTILINE)
_CREATES = re.compile(r"create\s+or\s+replace\s+table\s+(\w+)\s+as\s", re.IGNORECASE)


@dataclass(frozen=True)
class UsageMonths:
    """The months of usage a batch of loads changed (first day of the first, last day of
    the last); None stands for a batch that changed no usage."""

    first: dt.date
    last: dt.date

    @classmethod
    def spanning(cls, earliest: dt.date, latest: dt.date) -> UsageMonths:
        first = earliest.replace(day=1)
        after = (latest.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return cls(first, after - dt.timedelta(days=1))

    def widened(self, other: UsageMonths | None) -> UsageMonths:
        if other is None:
            return self
        return UsageMonths(min(self.first, other.first), max(self.last, other.last))


ALL: Literal["all"] = "all"  # rebuild every mart whole


def mart_files() -> list[Path]:
    """The mart models in the order they must run (their `NN_` prefix)."""
    return sorted(MARTS_DIR.glob("[0-9][0-9]_*.sql"))


def build_marts(con: duckdb.DuckDBPyConnection, changed: UsageMonths | Literal["all"] | None = ALL) -> None:
    """(Re)build the marts from the warehouse tables on this connection.

    `changed` is ALL (every model whole), the usage months a batch changed (incremental
    models recompute only those), or None (no usage changed: incremental models stay).
    The variables `changed_from` and `changed_to` stay set for the checks that follow
    (etl/checks.py): unset for ALL, an empty range for None.
    """
    files = mart_files()
    models = hashlib.sha256(b"".join(path.read_bytes() for path in files)).hexdigest()
    if changed != ALL and models != _built_models(con):  # an edited model: its old months too
        changed = ALL
    months = changed if isinstance(changed, UsageMonths) else None
    if changed == ALL:
        first, last = None, None
    else:
        first, last = (months.first, months.last) if months else (dt.date.max, dt.date.min)
    con.execute("set variable changed_from = ?::date", [first])
    con.execute("set variable changed_to = ?::date", [last])
    con.execute("set variable usage_complete_before = ?::date", [None if changed == ALL else _complete(con)])
    for path in files:
        sql = path.read_text(encoding="utf-8")
        created = _CREATES.search(sql)
        try:
            if created is None or changed == ALL:
                con.execute(sql)
                continue
            table, query = created.group(1), sql[created.end() :].strip().rstrip(";")
            if INCREMENTAL.search(sql):
                if months is not None:
                    con.execute(f"delete from {table} where month between ? and ?", [first, last])
                    con.execute(f"insert into {table} {query}")
            elif _FROM_JUDGED.search(sql):
                con.execute(sql[: created.start()])  # sets judged_from
                con.execute(f"delete from {table} where month >= getvariable('judged_from')")
                con.execute(f"insert into {table} {query}")
            else:
                con.execute(sql)
        except duckdb.Error as error:
            error.add_note(f"while building the mart model {path.name}")
            raise
    con.execute("create or replace table marts_built as select ? as models_sha256", [models])


def _complete(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    """The latest complete month of usage as the marts last said (None: not known)."""
    try:
        row = con.execute("select complete_month from mart_data_freshness where source = 'usage'").fetchone()
    except duckdb.CatalogException:
        return None
    return row[0] if row else None


def _built_models(con: duckdb.DuckDBPyConnection) -> str | None:
    """The hash of the models the marts were last built with (None: not recorded)."""
    try:
        row = con.execute("select models_sha256 from marts_built").fetchone()
    except duckdb.CatalogException:
        return None
    return str(row[0]) if row else None
