"""The dashboard's read-only view of the warehouse.

A load never writes the live file: it builds a copy and swaps it in with `os.replace`.
So the app opens the file read-only, keyed on the file's identity (inode and mtime):
a newly swapped-in warehouse gets a new connection, while queries already running
finish on the old file, which stays readable until its last connection closes.

The connection comes from etl.warehouse: the file ATTACHed read-only to a private
in-memory database, because `duckdb.connect(path)` would hand back DuckDB's cached
instance of the old, replaced file. Each query gets its own cursor (Streamlit runs every
session in its own thread); no write lock is ever taken.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from etl import warehouse
from etl.settings import warehouse_path

Params = Sequence[Any] | Mapping[str, Any]

_OPEN_ATTEMPTS = 5  # a writer outside the loader may briefly hold the file
_cursor_lock = threading.Lock()


def warehouse_exists() -> bool:
    """Whether a warehouse has been built in the data folder."""
    return warehouse_path().is_file()


def warehouse_version() -> str:
    """A token that changes whenever a new warehouse is swapped in (inode and mtime).

    Pass it to every cached query so their caches move on after a load.
    """
    identity = warehouse.version()
    if identity is None:
        raise FileNotFoundError(warehouse_path())
    inode, mtime_ns = identity
    return f"{inode}-{mtime_ns}"


class WarehouseReplaced(Exception):
    """The version a page run started on was replaced before it could be opened (again):
    the run must start over on the new one, never mix the two (dashboard.py reruns)."""


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(path: str, version: str) -> duckdb.DuckDBPyConnection:
    """A private in-memory database with the warehouse of `version` attached read-only.

    The file is opened by path, so it is kept only if the file there was that version
    before and after opening it. Evicted connections are not closed here: queries in
    other threads may still be reading them; they close when no longer referenced.
    """
    for attempt in range(_OPEN_ATTEMPTS):
        if warehouse_version() != version:
            raise WarehouseReplaced(version)
        try:
            connection = warehouse.connect_read_only(Path(path))
        except duckdb.IOException:
            if attempt == _OPEN_ATTEMPTS - 1:
                raise
            time.sleep(0.1 * 2**attempt)
            continue
        if warehouse_version() == version:
            return connection
        connection.close()
        raise WarehouseReplaced(version)
    raise AssertionError("unreachable")


def _cursor(version: str) -> duckdb.DuckDBPyConnection:
    """A fresh cursor on the warehouse of this version, its default catalog set."""
    connection = _connection(str(warehouse_path()), version)
    with _cursor_lock:
        return warehouse.cursor(connection)


def query_df(version: str, sql: str, params: Params = ()) -> pd.DataFrame:
    """Run a read-only query with bound parameters and return a pandas DataFrame."""
    cursor = _cursor(version)
    try:
        return cursor.execute(sql, params).df()
    finally:
        cursor.close()


def query_one(version: str, sql: str, params: Params = ()) -> tuple[Any, ...] | None:
    """Run a read-only query with bound parameters and return its first row, if any."""
    cursor = _cursor(version)
    try:
        return cursor.execute(sql, params).fetchone()
    finally:
        cursor.close()
