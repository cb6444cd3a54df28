"""Writers started at the same time (two CLI loads, one in-process as the Upload page does)
all end correctly, one after the other, and every load is logged; none is lost."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
from reliability_support import start_etl, usage_export

from etl.load import load_files


def _count(warehouse: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect()
    con.execute("attach ? as w (read_only)", [str(warehouse)])
    try:
        return con.execute(sql.replace("from ", "from w.")).fetchall()
    finally:
        con.close()


def test_two_cli_loads_and_an_upload_at_once_are_serialised_and_logged(
    warehouse_dir: Path, tmp_path: Path
) -> None:
    """Three writers at once: three loaded log rows, consecutive ids, every row present."""
    warehouse = warehouse_dir / "warehouse.duckdb"
    base_rows = _count(warehouse, "select count(*) from usage")[0][0]
    base_loads = _count(warehouse, "select max(load_id) from loads")[0][0]
    months = {"cli_a.csv": "2025-03-01", "cli_b.csv": "2025-05-01", "upload.csv": "2025-08-01"}
    rows = {name: usage_export(tmp_path / name, first, 28, 60) for name, first in months.items()}
    processes = [start_etl(warehouse_dir, "load", str(tmp_path / n)) for n in ("cli_a.csv", "cli_b.csv")]
    time.sleep(0.2)  # both CLI writers are starting up while the upload asks for the lock
    uploaded = load_files([tmp_path / "upload.csv"], loaded_by="upload-page", names=["upload.csv"])
    outputs = [p.communicate(timeout=240) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], [err for _, err in outputs]
    assert uploaded[0].status == "loaded", uploaded[0].report()
    logged = _count(
        warehouse, "select load_id, file_name, status, loaded_by, rows from loads order by load_id"
    )
    new = [row for row in logged if int(str(row[0])) > int(str(base_loads))]
    assert sorted(r[1] for r in new) == sorted(months)
    assert [r[0] for r in new] == [base_loads + 1, base_loads + 2, base_loads + 3]
    assert all(r[2] == "loaded" for r in new)
    assert {r[1]: r[3] for r in new}["upload.csv"] == "upload-page"
    assert {r[1]: r[4] for r in new} == rows
    assert _count(warehouse, "select count(*) from usage")[0][0] == base_rows + sum(rows.values())
