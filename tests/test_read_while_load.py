"""Readers are never blocked: a reading process keeps working while other processes load."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from etl.load import load_files
from etl.settings import REPO_ROOT

CATALOGUE = (
    "metric,system,aim,unit,aggregation,label_en,label_fr,label_de,paper_metric,"
    "minutes_saved_low,minutes_saved_base,minutes_saved_high,source\n"
    "orders_cpoe,CPOE,prevent_errors,orders,sum,Electronic orders,Ordres électroniques,"
    "Elektronische Verordnungen,orders_paper,1,2,3,test\n"
    "orders_paper,CPOE,prevent_errors,orders,sum,Paper orders,Ordres papier,Papierverordnungen,,0,0,0,\n"
)

# Polls the warehouse like the dashboard does: reopen when the published file changes,
# and record what each query saw. Stops when told to, or after 120 s.
READER = """
import json, sys, time
from pathlib import Path
from etl.warehouse import connect_read_only, version
stop = Path(sys.argv[1])
seen, errors, con, current = [], [], None, None
deadline = time.monotonic() + 120
while not stop.exists() and time.monotonic() < deadline:
    try:
        if version() != current:
            current, con = version(), connect_read_only()
        rows, loaded = con.execute(
            "select (select count(*) from usage), "
            "(select coalesce(sum(rows), 0) from loads where status = 'loaded')").fetchone()
        seen.append([rows, loaded])
    except Exception as error:
        errors.append(repr(error))
print(json.dumps({"seen": seen, "errors": errors}))
"""


def _usage_export(path: Path, first_day: str, days: int, departments: int) -> int:
    """Write a long usage export of days x 7 sites x departments x 2 metrics; return its rows."""
    con = duckdb.connect()
    con.execute(
        f"""copy (
            select strftime(date '{first_day}' + d.i::integer, '%d.%m.%Y') as date,
                   'Site ' || s.i as site, 'Dept ' || p.i as department, 'CPOE' as system,
                   m.metric, (d.i * 7 + s.i + p.i) % 50 as value
            from range({days}) d(i), range(7) s(i), range({departments}) p(i),
                 (values ('orders_cpoe'), ('orders_paper')) m(metric)
        ) to '{path}' (header, delimiter ';')"""
    )
    con.close()
    return days * 7 * departments * 2


def _load_process(path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "etl", "load", str(path)],
        cwd=REPO_ROOT, env=os.environ.copy(), text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def test_reader_keeps_working_on_previous_data_while_two_writers_load(data_dir: Path, tmp_path: Path) -> None:
    """It serves the previous data during loads, never a partial file, and serialises writers."""
    (data_dir / "metrics.csv").write_text(CATALOGUE, encoding="utf-8")
    first = _usage_export(tmp_path / "first.csv", "2024-01-01", 60, 20)
    assert load_files([tmp_path / "first.csv"])[0].status == "loaded"
    second = _usage_export(tmp_path / "second.csv", "2024-03-01", 150, 40)
    third = _usage_export(tmp_path / "third.csv", "2024-08-01", 150, 40)

    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(stop)], cwd=REPO_ROOT, env=os.environ.copy(),
        text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    time.sleep(1.0)  # the reader is polling the first warehouse
    writers = [_load_process(tmp_path / "second.csv"), _load_process(tmp_path / "third.csv")]
    outcomes = [w.communicate(timeout=300) for w in writers]
    time.sleep(1.0)
    stop.touch()
    out, err = reader.communicate(timeout=60)

    assert [w.returncode for w in writers] == [0, 0], outcomes
    report = json.loads(out)
    assert report["errors"] == [], err
    allowed = {first, first + second, first + third, first + second + third}
    observed = {rows for rows, _ in report["seen"]}
    assert observed <= allowed
    assert all(rows == loaded for rows, loaded in report["seen"]), "a half-loaded state was visible"
    assert first in observed and first + second + third in observed
    assert len(report["seen"]) > 20, "the reader was not answering during the loads"

    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    statuses = con.execute("select file_name, status from loads order by load_id").fetchall()
    con.close()
    assert sorted(statuses[1:]) == [("second.csv", "loaded"), ("third.csv", "loaded")]
