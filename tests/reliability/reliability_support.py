"""Helpers of the reliability tests: a demo warehouse to copy, exports, the CLI, snapshots."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.settings import REPO_ROOT

AS_OF = "2025-06-30"
SITES = ("Sion", "Sierre", "Saint-Maurice", "Monthey", "Brig", "Visp", "Martigny")
VOLATILE = {"loaded_at", "last_loaded_at"}  # when a load ran: differs between two runs


def etl_env(data_dir: Path) -> dict[str, str]:
    """The environment of an ETL subprocess working on `data_dir`."""
    return {**os.environ, "DASHBOARD_DATA_DIR": str(data_dir), "PYTHONPATH": str(REPO_ROOT)}


def etl_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "etl", *args]


def run_etl(data_dir: Path, *args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    """Run `python -m etl ARGS` on `data_dir` and wait for it."""
    return subprocess.run(
        etl_command(*args), cwd=REPO_ROOT, env=etl_env(data_dir), capture_output=True, text=True,
        timeout=timeout, check=False,
    )  # fmt: skip


def start_etl(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    """Start `python -m etl ARGS` on `data_dir` without waiting."""
    return subprocess.Popen(
        etl_command(*args), cwd=REPO_ROOT, env=etl_env(data_dir), text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def build_demo(folder: Path) -> Path:
    """A demo warehouse built through the ETL, as of a fixed date."""
    result = run_etl(folder, "demo", "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    return folder


def usage_export(path: Path, first_day: str, days: int, departments: int, offset: int = 0) -> int:
    """A long usage export of days x 7 sites x departments; return its number of rows."""
    sites = ", ".join(f"('{s}')" for s in SITES)
    con = duckdb.connect()
    con.execute(
        f"""copy (
            select strftime(date '{first_day}' + d.i::integer, '%Y-%m-%d') as date, s.site,
                   'Dept ' || p.i as department, 'EPD' as system,
                   'epd_documents_published' as metric, (d.i * 7 + p.i + {offset}) % 50 as value
            from range({days}) d(i), (values {sites}) s(site), range({departments}) p(i)
        ) to '{path}' (header, delimiter ';')"""
    )
    con.close()
    return days * len(SITES) * departments


@dataclass(frozen=True)
class Table:
    """One table's fingerprint: its row count and an order-free checksum of its rows."""

    rows: int
    checksum: int


def snapshot(warehouse: Path, volatile: bool = True) -> dict[str, Table]:
    """Every table's fingerprint; `volatile=False` leaves out when-loaded timestamps."""
    con = duckdb.connect()
    con.execute("attach ? as w (read_only)", [str(warehouse)])
    try:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from duckdb_tables() where database_name = 'w'"
            ).fetchall()
        ]
        return {name: _fingerprint(con, name, volatile) for name in sorted(tables)}
    finally:
        con.close()


def _fingerprint(con: duckdb.DuckDBPyConnection, table: str, volatile: bool) -> Table:
    columns = [r[0] for r in con.execute(f'describe w."{table}"').fetchall()]
    kept = [f'"{c}"' for c in columns if volatile or c not in VOLATILE]
    row = con.execute(
        f'select count(*), coalesce(sum(hash(row({", ".join(kept)}))::hugeint), 0) from w."{table}"'
    ).fetchone()
    assert row is not None
    return Table(int(row[0]), int(row[1]))


def tables_differ(left: Path, right: Path, volatile: bool = False) -> dict[str, tuple[int, int]]:
    """Tables whose rows differ between two warehouses (rows only in left, only in right)."""
    con = duckdb.connect()
    con.execute("attach ? as l (read_only)", [str(left)])
    con.execute("attach ? as r (read_only)", [str(right)])
    differ = {}
    try:
        names = con.execute(
            "select table_name from duckdb_tables() where database_name = 'l' order by 1"
        ).fetchall()
        for (name,) in names:
            columns = [r[0] for r in con.execute(f'describe l."{name}"').fetchall()]
            kept = ", ".join(f'"{c}"' for c in columns if volatile or c not in VOLATILE)
            only = [
                con.execute(f'select count(*) from (select {kept} from {a}."{name}" except all '
                            f'select {kept} from {b}."{name}")').fetchone()
                for a, b in (("l", "r"), ("r", "l"))
            ]  # fmt: skip
            counts = (int(only[0][0]) if only[0] else 0, int(only[1][0]) if only[1] else 0)
            if counts != (0, 0):
                differ[name] = counts
    finally:
        con.close()
    return differ


def max_rss_of_children_mib() -> float:
    """The largest resident set of any waited-for child process so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def wait_for(condition: object, timeout: float) -> bool:
    """Poll a callable until it returns true or the time is up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.05)
    return False
