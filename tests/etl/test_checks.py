"""The warehouse checks (etl/checks.py, etl/sql/checks/*.sql) catch what they promise.

Every check passes on a clean warehouse loaded through the ETL, and fails, by its name,
on a copy of it spoilt in exactly the way the check is about; a check that fails stops
the load, which changes nothing.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Literal

import duckdb
import pytest
from analyst_support import LATEST, build_hospital, data_folder, write_csv

from etl import archive, checks, warehouse
from etl.__main__ import main as cli
from etl.load import load_files, rebuild
from etl.marts import ALL, UsageMonths, build_marts

# How to spoil a warehouse so that each hand-written check (a file of etl/sql/checks/) fails.
SPOILERS = {
    "usage_metrics_in_catalogue": "delete from metrics where metric = 'med_admin_unscanned'",
    "metric_coefficients_ordered": (
        "update metrics set minutes_saved_low = 99 where metric = 'nursing_notes_digital'"
    ),
    "metric_coefficients_have_a_source": "update metrics set source = '' where metric = 'med_admin_scanned'",
    "metric_paper_counterparts_exist": (
        "update metrics set paper_metric = 'nothing' where metric = 'vitals_manual'"
    ),
    "target_kpis_known": "insert into targets values ('no_such_kpi', 'all', 1, '2030-01-01', 'at_least', '')",
    "target_scopes_known": "update targets set scope = 'Atlantis' where kpi = 'hours_freed'",
    "target_shares_between_0_and_1": "update targets set target = 90 where kpi = 'nursing_notes_digital'",
    "row_counts_after_load": "update loads set rows = 1 where kind = 'usage'",
    "rows_come_from_loads": "update usage set load_id = 999 where rowid = (select min(rowid) from usage)",
    "marts_not_empty": "delete from mart_positions",
    "mart_usage_adds_up": (
        "update mart_usage_monthly set value = value + 1 where metric = 'nursing_notes_digital'"
        " and month = (select min(month) from mart_usage_monthly)"
    ),
}


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the tiny hospital loaded: every kind, every mart filled."""
    base = tmp_path_factory.mktemp("checks")
    results = build_hospital(base / "data", base / "exports")
    assert [r.status for r in results] == ["loaded"] * 4 + ["rejected"]
    return base / "data"


@pytest.fixture(scope="module")
def copy_of_clean(
    clean: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A writable connection to a copy of the clean warehouse, shared by the module."""
    copy = tmp_path_factory.mktemp("spoilable") / "warehouse.duckdb"
    shutil.copyfile(clean / "warehouse.duckdb", copy)
    con = duckdb.connect(str(copy))
    yield con
    con.close()


@pytest.fixture
def spoilable(copy_of_clean: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """The copy inside a transaction that is rolled back after the test: spoil it freely."""
    copy_of_clean.execute("begin transaction")
    yield copy_of_clean
    copy_of_clean.execute("rollback")


@pytest.fixture
def hospital(clean: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the clean data folder, named by DASHBOARD_DATA_DIR."""
    root = tmp_path / "data"
    shutil.copytree(clean, root, ignore=shutil.ignore_patterns("work", "*.lock"))
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(root))
    return root


def failed(con: duckdb.DuckDBPyConnection, check: checks.Check) -> checks.Failure | None:
    """The check's failure on this connection, if it fails."""
    found = checks.find_failures(con, [check])
    return found[0] if found else None


def spoil_generic(con: duckdb.DuckDBPyConnection, check: checks.Check) -> None:
    """Break a declared check's rule on one row: a copied row, an emptied or odd value."""
    table = check.table
    con.execute(f"create or replace table {table} as select * from {table}")  # no key constraint
    first = f"rowid = (select min(rowid) from {table})"
    if check.rule == "unique":
        con.execute(f"insert into {table} select * from {table} where {first}")
    elif check.rule == "not_null":
        con.execute(f"update {table} set {check.columns[0]} = null where {first}")
    else:
        con.execute(f"update {table} set {check.columns[0]} = 'not-an-accepted-value' where {first}")


def test_every_check_passes_on_a_clean_warehouse(spoilable: duckdb.DuckDBPyConnection) -> None:
    """It finds nothing wrong in a warehouse the ETL loaded from valid exports."""
    assert checks.find_failures(spoilable) == []


def test_after_a_load_the_usage_key_is_checked_in_the_months_it_changed(
    spoilable: duckdb.DuckDBPyConnection,
) -> None:
    """After a load, a copied usage row is found in the months the load changed; a rebuild
    (ALL) compares every month; a load that changed no usage compares none."""
    key_check = next(
        c for c in checks.all_checks() if c.name == "unique_usage_date_site_department_system_metric"
    )
    first = spoilable.execute("select min(date) from usage").fetchone()
    assert first is not None
    spoilable.execute("insert into usage select * from usage where date = ? limit 1", [first[0]])
    old_month = UsageMonths.spanning(first[0], first[0])
    later = UsageMonths(old_month.last + timedelta(days=1), old_month.last + timedelta(days=31))

    def copies(changed: UsageMonths | Literal["all"] | None) -> int:
        build_marts(spoilable, changed)
        return sum(f.count for f in checks.find_failures(spoilable, [key_check]))

    assert copies(old_month) == 1
    assert copies(later) == 0  # those rows were unique when they were loaded
    assert copies(None) == 0
    assert copies(ALL) == 1  # last: it leaves the shared connection's variables unset


def test_after_a_load_the_loaded_rows_are_checked_from_its_first_load(
    spoilable: duckdb.DuckDBPyConnection,
) -> None:
    """Rows of earlier loads passed when they were loaded: with `loaded_after` set (the
    published log's last load_id), the checks of loaded rows read only the rows above it;
    unset, every row."""
    row = spoilable.execute("select max(load_id) from usage").fetchone()
    assert row is not None
    last = int(row[0])
    spoilable.execute(
        "update usage set metric = 'no_such_metric', site = null"
        " where rowid = (select min(rowid) from usage where load_id = ?)",
        [last],
    )
    spoiled = {"usage_metrics_in_catalogue", "not_null_usage_site"}

    def failing() -> set[str]:
        return {f.check.name for f in checks.find_failures(spoilable)} & spoiled

    assert failing() == spoiled  # unset: every row
    spoilable.execute("set variable loaded_after = ?", [last - 1])
    assert failing() == spoiled  # the spoiled row is the last load's
    spoilable.execute("set variable loaded_after = ?", [last])
    assert failing() == set()  # an earlier load's row
    spoilable.execute("reset variable loaded_after")


def test_checks_come_from_the_contracts_the_marts_and_the_sql_files() -> None:
    """It declares a key, required and enum check per contract, a grain per mart, a check per file."""
    names = {check.name for check in checks.all_checks()}
    assert "unique_usage_date_site_department_system_metric" in names
    assert "not_null_positions_fte" in names
    assert "accepted_values_projects_status" in names
    assert "unique_mart_usage_monthly_month_site_department_system_metric" in names
    assert "unique_mart_data_freshness_source" in names
    assert {path.stem for path in checks.CHECKS_DIR.glob("*.sql")} <= names
    assert len(names) == len(checks.all_checks())  # no two checks share a name


@pytest.mark.parametrize("check", [c for c in checks.all_checks() if c.rule != "sql"], ids=lambda c: c.name)
def test_each_declared_check_fails_on_a_row_that_breaks_it(
    spoilable: duckdb.DuckDBPyConnection, check: checks.Check
) -> None:
    """It names the check and counts the offending row once its rule is broken."""
    assert failed(spoilable, check) is None
    spoil_generic(spoilable, check)
    failure = failed(spoilable, check)
    assert failure is not None and failure.check.name == check.name
    assert failure.count >= 1


def test_every_sql_check_has_a_spoiler() -> None:
    """Each file of etl/sql/checks/ comes with a way to make it fail (in SPOILERS)."""
    assert {path.stem for path in checks.CHECKS_DIR.glob("*.sql")} == set(SPOILERS)


@pytest.mark.parametrize("name", sorted(SPOILERS))
def test_each_sql_check_fails_on_bad_data(spoilable: duckdb.DuckDBPyConnection, name: str) -> None:
    """It returns the offending rows of a warehouse spoilt the way the check is about."""
    check = next(c for c in checks.sql_checks() if c.name == name)
    assert failed(spoilable, check) is None
    spoilable.execute("create or replace table metrics as select * from metrics")  # no primary key
    spoilable.execute(SPOILERS[name])
    failure = failed(spoilable, check)
    assert failure is not None and failure.count >= 1 and failure.example() != "-"


def test_a_check_that_cannot_run_fails_saying_why(spoilable: duckdb.DuckDBPyConnection) -> None:
    """A check whose table is gone is a failure, with the database's reason as its example."""
    spoilable.execute("drop table mart_positions")
    check = next(c for c in checks.all_checks() if c.name == "unique_mart_positions_position_id")
    failure = failed(spoilable, check)
    assert failure is not None and "mart_positions" in failure.example()


def test_a_mart_grain_is_read_from_its_header_comment() -> None:
    """It reads `one row per (a, b)` and `one row per source` from a model's comment."""
    assert checks._grain("-- Grain: one row per (month, site,\n-- metric), where x") == (
        "month",
        "site",
        "metric",
    )
    assert checks._grain("-- Grain: one row per source (projects, usage).") == ("source",)
    assert checks._grain("-- no grain here") == ()


def broken_catalogue(root: Path) -> None:
    """The data folder's catalogue with a low coefficient above its base one."""
    path = root / "metrics.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",1.0,2.0,4.0,", ",3.0,2.0,4.0,"), encoding="utf-8"
    )


def more_usage(folder: Path) -> Path:
    """A valid usage export for September."""
    header = ["date", "site", "department", "system", "metric", "value"]
    return write_csv(
        folder / "september.csv",
        header,
        [("2025-09-01", "Sion", "medicine", "EHR", "nursing_notes_digital", 990)],
    )


def test_a_failing_check_fails_the_load_by_name_and_changes_nothing(hospital: Path, tmp_path: Path) -> None:
    """A load after the catalogue broke a rule is rejected, naming the check; the warehouse stays."""
    before = warehouse.version()
    broken_catalogue(hospital)
    [result] = load_files([more_usage(tmp_path)], loaded_by="test")
    assert result.status == "rejected"
    assert [p.params["check"] for p in result.problems] == ["metric_coefficients_ordered"]
    assert "metric_coefficients_ordered" in result.report("en")[1]
    assert "metric_coefficients_ordered" in result.report("de")[1]
    assert warehouse.version() == before
    con = warehouse.connect_read_only()
    try:
        assert con.execute("select max(date) from usage").fetchone() == (LATEST,)
    finally:
        con.close()


def test_a_load_rejected_by_its_checks_leaves_no_original_in_the_archive(
    hospital: Path, tmp_path: Path
) -> None:
    """The original was archived during the load; the failed publish takes it away again."""
    archived_before = sorted(p.name for p in (hospital / "archive").glob("??/*"))
    broken_catalogue(hospital)
    export = more_usage(tmp_path)
    [result] = load_files([export], loaded_by="test")
    assert result.status == "rejected"
    assert sorted(p.name for p in (hospital / "archive").glob("??/*")) == archived_before
    assert not archive.original_path(archive.sha256_of(export)).exists()


def test_the_command_line_reports_a_failing_check_and_exits_1(
    hospital: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`python -m etl load` says which check failed on stderr and exits 1."""
    broken_catalogue(hospital)
    assert cli(["load", str(more_usage(tmp_path))]) == 1
    assert "metric_coefficients_ordered" in capsys.readouterr().err


def test_a_warning_check_does_not_stop_a_load(hospital: Path, tmp_path: Path) -> None:
    """A target naming an unknown site is reported, yet the load goes in."""
    targets = hospital / "targets.csv"
    targets.write_text(targets.read_text(encoding="utf-8") + "hours_freed,Atlantis,5,2030-01-01,at_least,\n")
    [result] = load_files([more_usage(tmp_path)], loaded_by="test")
    assert result.status == "loaded"
    con = warehouse.connect_read_only()
    try:
        names = [f.check.name for f in checks.find_failures(con)]
    finally:
        con.close()
    assert names == ["target_scopes_known"]


def test_a_rebuild_runs_the_checks_too(hospital: Path) -> None:
    """Rebuilding from the archive with a broken catalogue stops, and the warehouse stays."""
    before = warehouse.version()
    broken_catalogue(hospital)
    with pytest.raises(checks.ChecksFailed, match="metric_coefficients_ordered"):
        rebuild()
    assert warehouse.version() == before


def test_a_clean_rebuild_passes_its_checks(hospital: Path) -> None:
    """Rebuilding the unchanged data folder from its archive publishes a new warehouse."""
    before = warehouse.version()
    results = rebuild()
    assert [r.status for r in results].count("loaded") == 4
    assert warehouse.version() != before


def test_data_folder_helper_restores_the_environment(tmp_path: Path) -> None:
    """The support module's data_folder() leaves DASHBOARD_DATA_DIR as it found it."""
    import os

    previous = os.environ.get("DASHBOARD_DATA_DIR")
    with data_folder(tmp_path):
        assert os.environ["DASHBOARD_DATA_DIR"] == str(tmp_path)
    assert os.environ.get("DASHBOARD_DATA_DIR") == previous
