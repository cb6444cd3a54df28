"""Builds the monthly marts the dashboard reads, from the SQL models in etl/sql/marts/.

Each `NN_name.sql` file is one model (`create or replace table mart_name as ...`); they
run in name order, so a model may read the marts numbered before it. The loader calls
`build_marts` inside its transaction, so readers only ever see marts that match the data.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.settings import SQL_DIR

MARTS_DIR = SQL_DIR / "marts"


def mart_files() -> list[Path]:
    """The mart models in the order they must run (their `NN_` prefix)."""
    return sorted(MARTS_DIR.glob("[0-9][0-9]_*.sql"))


def build_marts(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)build every mart from the warehouse tables on this connection."""
    for path in mart_files():
        try:
            con.execute(path.read_text(encoding="utf-8"))
        except duckdb.Error as error:
            error.add_note(f"while building the mart model {path.name}")
            raise
