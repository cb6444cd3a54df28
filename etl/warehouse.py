"""Read-only access to the published warehouse, for the dashboard, the CLI and tests.

The warehouse is attached to a private in-memory database rather than opened directly:
DuckDB caches opened files by path within a process, so a direct connection could keep
serving the file a load has already replaced.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from etl import settings

ALIAS = "warehouse"


def connect_read_only(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A connection that sees the warehouse as it was when it was opened."""
    target = path or settings.warehouse_path()
    con = duckdb.connect()
    con.execute("attach ? as warehouse (read_only)", [str(target)])
    con.execute(f"use {ALIAS}")
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor for one thread, on the attached warehouse."""
    cur = con.cursor()
    cur.execute(f"use {ALIAS}")
    return cur


def version(path: Path | None = None) -> tuple[int, int] | None:
    """The published file's identity; it changes with every load (None: no warehouse yet)."""
    try:
        stat = os.stat(path or settings.warehouse_path())
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns
