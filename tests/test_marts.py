"""The marts (etl/sql/marts/*.sql) compute exactly the monthly figures the pages show.

Each test builds a tiny warehouse in a temporary data folder from hand-made rows, runs
`build_marts`, and checks values worked out by hand.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.checks import created_table
from etl.marts import build_marts, mart_files
from etl.settings import SQL_DIR, warehouse_path

METRICS = [
    # metric, system, aim, unit, aggregation, paper_metric, minutes low/base/high
    ("e_prescriptions", "CPOE", "prevent_errors", "count", "sum", "paper_prescriptions", 6, 10, 15),
    ("paper_prescriptions", "paper", "prevent_errors", "count", "sum", None, None, None, None),
    ("portal_accounts", "portal", "patient_access", "count", "last", None, 0, 0, 0),
    ("peak_users", "EHR", "simplify_processes", "users", "max", None, None, None, None),
    ("response_seconds", "EHR", "simplify_processes", "s", "mean", None, None, None, None),
    ("ambulatory_e_rx", "CPOE", "prevent_errors", "count", "sum", None, -0.3, -0.2, 0),
]

SITES = [("Sion", "fr", "CHVR"), ("Brig", "de", "SZO")]

USAGE = [
    # date, site, department, system, metric, value
    ("2025-01-05", "Sion", "medicine", "CPOE", "e_prescriptions", 100),
    ("2025-01-20", "Sion", "medicine", "CPOE", "e_prescriptions", 50),
    ("2025-02-03", "Sion", "medicine", "CPOE", "e_prescriptions", 80),
    ("2025-01-07", "Sion", "medicine", "paper", "paper_prescriptions", 50),
    ("2025-01-10", "Sion", None, "CPOE", "e_prescriptions", 30),
    ("2025-01-11", "Sion", None, "paper", "paper_prescriptions", 70),
    ("2025-03-01", "Sion", None, "paper", "paper_prescriptions", 20),
    ("2025-01-09", "Brig", "surgery", "CPOE", "e_prescriptions", 0),
    ("2025-01-09", "Brig", "surgery", "paper", "paper_prescriptions", 0),
    ("2025-01-03", "Sion", None, "portal", "portal_accounts", 10),
    ("2025-01-15", "Sion", None, "portal", "portal_accounts", 40),
    ("2025-01-31", "Sion", None, "portal", "portal_accounts", 25),
    ("2025-01-02", "Brig", "icu", "EHR", "peak_users", 5),
    ("2025-01-12", "Brig", "icu", "EHR", "peak_users", 9),
    ("2025-01-22", "Brig", "icu", "EHR", "peak_users", 7),
    ("2025-01-02", "Brig", "icu", "EHR", "response_seconds", 1),
    ("2025-01-12", "Brig", "icu", "EHR", "response_seconds", 2),
    ("2025-01-22", "Brig", "icu", "EHR", "response_seconds", 6),
    ("2025-01-15", "Zermatt", None, "CPOE", "ambulatory_e_rx", 600),
]

PROJECTS = [
    # report_date, project_id, programme, phase, status, planned_end, forecast_end, budget
    ("2025-01-15", "P1", "CIS", "build", "green", "2025-06-30", None, 100.0),
    ("2025-01-31", "P1", "CIS", "build", "amber", "2025-06-30", "2025-07-10", 100.0),
    ("2025-02-28", "P1", "CIS", "rollout", "red", "2025-06-30", "2025-08-29", 120.0),
    ("2025-01-31", "P2", "Portal", "planning", "green", "2025-12-31", "2025-12-31", 50.0),
    ("2025-02-28", "P2", "Portal", "build", "green", "2025-12-31", None, 50.0),
    ("2025-02-15", "P3", "Network", "idea", "amber", "2026-03-31", "2026-03-01", None),
]

POSITIONS = [
    # position_id, role, team, fte, status, opened_date, filled_date
    ("A", "software developer", "apps", 1.0, "filled", "2025-01-10", "2025-03-05"),
    ("B", "software developer", "apps", 0.8, "open", "2025-02-01", None),
    ("C", "software developer", "apps", 1.0, "cancelled", "2025-01-05", None),
    ("D", "UX designer", None, 0.5, "offer", "2025-03-20", None),
    ("E", "network engineer", "infra", 1.0, "interviewing", "2025-01-15", None),
]


def insert(con: duckdb.DuckDBPyConnection, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """Insert hand-made rows with bound parameters."""
    con.executemany(sql, [list(row) for row in rows])


def fill_warehouse(con: duckdb.DuckDBPyConnection) -> None:
    """Create the warehouse tables and insert the hand-made rows above."""
    con.execute((SQL_DIR / "schema.sql").read_text(encoding="utf-8"))
    insert(
        con,
        "insert into metrics (metric, system, aim, unit, aggregation, label_en, label_fr,"
        " label_de, paper_metric, minutes_saved_low, minutes_saved_base, minutes_saved_high)"
        " values (?, ?, ?, ?, ?, ?1, ?1, ?1, ?, ?, ?, ?)",
        METRICS,
    )
    insert(con, "insert into sites values (?, ?, ?)", SITES)
    insert(
        con,
        "insert into usage (date, site, department, system, metric, value) values (?, ?, ?, ?, ?, ?)",
        USAGE,
    )
    insert(
        con,
        "insert into projects (report_date, project_id, project_name, programme, phase,"
        " status, planned_end, forecast_end, budget_chf, percent_complete)"
        " values (?, ?2, ?2, ?, ?, ?, ?, ?, ?, 50)",
        PROJECTS,
    )
    insert(
        con,
        "insert into positions (position_id, role, team, fte, status, opened_date,"
        " filled_date) values (?, ?, ?, ?, ?, ?, ?)",
        POSITIONS,
    )
    insert(
        con,
        "insert into milestones (project_id, milestone_id, milestone, planned_date,"
        " actual_date) values (?, ?, ?, ?, ?)",
        [
            ("P1", "M1", "go-live", "2025-02-01", "2025-02-10"),
            ("P1", "M2", "training", "2025-05-01", None),
        ],
    )
    insert(
        con,
        "insert into loads (load_id, kind, status, loaded_at) values (?, ?, ?, ?)",
        [(1, "usage", "loaded", "2025-03-02 08:00"), (2, "usage", "rejected", "2025-03-03 09:00")],
    )


@pytest.fixture
def con(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[duckdb.DuckDBPyConnection]:
    """A warehouse in a temporary data folder, filled by hand, with its marts built."""
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path))
    connection = duckdb.connect(str(warehouse_path()))
    fill_warehouse(connection)
    build_marts(connection)
    yield connection
    connection.close()


def usage_value(con: duckdb.DuckDBPyConnection, metric: str, month: str, site: str) -> float:
    """The single mart_usage_monthly value of a metric, month and site."""
    rows = con.execute(
        "select value from mart_usage_monthly where metric = ? and month = ? and site = ?",
        [metric, month, site],
    ).fetchall()
    assert len(rows) == 1, rows
    return rows[0][0]


def test_marts_are_numbered_models_run_in_order() -> None:
    """It finds the mart models by their NN_ prefix, in order."""
    names = [path.name for path in mart_files()]
    assert names == sorted(names)
    assert names[0].startswith("01_")
    assert "05_staffing_monthly.sql" in names


def test_usage_sums_volumes_over_the_days_of_a_month(con: duckdb.DuckDBPyConnection) -> None:
    """It sums a `sum` metric over the days of a month, per department."""
    rows = con.execute(
        "select month, department, value from mart_usage_monthly"
        " where metric = 'e_prescriptions' and site = 'Sion' order by month, department"
    ).fetchall()
    assert rows == [
        (date(2025, 1, 1), "medicine", 150.0),
        (date(2025, 1, 1), None, 30.0),
        (date(2025, 2, 1), "medicine", 80.0),
    ]


def test_usage_takes_max_mean_and_last_as_the_catalogue_says(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """It keeps the peak for `max`, the average for `mean`, the month-end value for `last`."""
    assert usage_value(con, "peak_users", "2025-01-01", "Brig") == 9
    assert usage_value(con, "response_seconds", "2025-01-01", "Brig") == 3
    assert usage_value(con, "portal_accounts", "2025-01-01", "Sion") == 25


def test_usage_region_comes_from_sites_and_unknown_sites_are_other(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """It labels each site with its language region, and an unknown site 'other'."""
    rows = con.execute("select distinct site, region from mart_usage_monthly order by site").fetchall()
    assert rows == [("Brig", "de"), ("Sion", "fr"), ("Zermatt", "other")]


def test_adoption_share_is_digital_over_digital_plus_paper(con: duckdb.DuckDBPyConnection) -> None:
    """It pairs each digital metric with its paper counterpart, NULL departments included."""
    rows = con.execute(
        "select month, site, department, digital, paper, share from mart_adoption_monthly"
        " where metric = 'e_prescriptions' order by month, site, department nulls first"
    ).fetchall()
    assert rows == [
        (date(2025, 1, 1), "Brig", "surgery", 0.0, 0.0, None),
        (date(2025, 1, 1), "Sion", None, 30.0, 70.0, 0.3),
        (date(2025, 1, 1), "Sion", "medicine", 150.0, 50.0, 0.75),
        (date(2025, 2, 1), "Sion", "medicine", 80.0, 0.0, 1.0),
        (date(2025, 3, 1), "Sion", None, 0.0, 20.0, 0.0),
    ]


def test_adoption_lists_only_metrics_with_a_paper_counterpart(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """It has rows for e-prescriptions only, with the paper metric named."""
    pairs = con.execute("select distinct metric, paper_metric from mart_adoption_monthly").fetchall()
    assert pairs == [("e_prescriptions", "paper_prescriptions")]


def test_time_saved_is_volume_times_minutes_over_sixty(con: duckdb.DuckDBPyConnection) -> None:
    """It turns volumes into staff hours with the low, base and high coefficients."""
    rows = con.execute(
        "select month, site, department, aim, volume, hours_low, hours_base, hours_high"
        " from mart_time_saved_monthly order by month, site, department nulls first"
    ).fetchall()
    assert rows == [
        (date(2025, 1, 1), "Brig", "surgery", "prevent_errors", 0.0, 0.0, 0.0, 0.0),
        (date(2025, 1, 1), "Sion", None, "prevent_errors", 30.0, 3.0, 5.0, 7.5),
        (date(2025, 1, 1), "Sion", "medicine", "prevent_errors", 150.0, 15.0, 25.0, 37.5),
        (date(2025, 1, 1), "Zermatt", None, "prevent_errors", 600.0, -3.0, -2.0, 0.0),
        (date(2025, 2, 1), "Sion", "medicine", "prevent_errors", 80.0, 8.0, 80 / 6, 20.0),
    ]


def test_time_saved_skips_metrics_without_coefficients(con: duckdb.DuckDBPyConnection) -> None:
    """It leaves out metrics whose coefficients are all zero or missing."""
    metrics = con.execute("select distinct metric from mart_time_saved_monthly order by 1").fetchall()
    assert metrics == [("ambulatory_e_rx",), ("e_prescriptions",)]


def test_portfolio_keeps_the_latest_report_of_each_month(con: duckdb.DuckDBPyConnection) -> None:
    """It counts RAG per report month from each project's last report in that month."""
    counts = con.execute(
        "select report_month, status, count(*) from mart_portfolio_status group by all order by 1, 2"
    ).fetchall()
    assert counts == [
        (date(2025, 1, 1), "amber", 1),
        (date(2025, 1, 1), "green", 1),
        (date(2025, 2, 1), "amber", 1),
        (date(2025, 2, 1), "green", 1),
        (date(2025, 2, 1), "red", 1),
    ]


def test_portfolio_slippage_and_latest_flag(con: duckdb.DuckDBPyConnection) -> None:
    """It gives slippage in days (null without forecast) and flags each latest report."""
    rows = con.execute(
        "select project_id, report_date, slippage_days, budget_chf from mart_portfolio_status"
        " where is_latest order by project_id"
    ).fetchall()
    assert rows == [
        ("P1", date(2025, 2, 28), 60, 120.0),
        ("P2", date(2025, 2, 28), None, 50.0),
        ("P3", date(2025, 2, 15), -30, None),
    ]
    january_p1 = con.execute(
        "select slippage_days from mart_portfolio_status where project_id = 'P1'"
        " and report_month = '2025-01-01'"
    ).fetchone()
    assert january_p1 == (10,)


def test_staffing_counts_planned_and_filled_at_month_end(con: duckdb.DuckDBPyConnection) -> None:
    """It counts positions opened (not cancelled) and filled by each month end."""
    rows = con.execute(
        "select month, role, team, planned, filled, vacant, open, interviewing, offer,"
        " fte_planned, fte_filled from mart_staffing_monthly order by month, role, team"
    ).fetchall()
    assert rows == [
        (date(2025, 1, 1), "network engineer", "infra", 1, 0, 1, None, None, None, 1.0, 0.0),
        (date(2025, 1, 1), "software developer", "apps", 1, 0, 1, None, None, None, 1.0, 0.0),
        (date(2025, 2, 1), "network engineer", "infra", 1, 0, 1, None, None, None, 1.0, 0.0),
        (date(2025, 2, 1), "software developer", "apps", 2, 0, 2, None, None, None, 1.8, 0.0),
        (date(2025, 3, 1), "UX designer", None, 1, 0, 1, 0, 0, 1, 0.5, 0.0),
        (date(2025, 3, 1), "network engineer", "infra", 1, 0, 1, 0, 1, 0, 1.0, 0.0),
        (date(2025, 3, 1), "software developer", "apps", 2, 1, 1, 1, 0, 0, 1.8, 1.0),
    ]


def test_freshness_gives_the_latest_date_and_load_per_source(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """It reports each source's latest date, rows and last successful load."""
    rows = con.execute(
        "select source, latest_date, row_count, last_loaded_at from mart_data_freshness order by source"
    ).fetchall()
    assert rows == [
        ("milestones", date(2025, 2, 10), 2, None),
        ("positions", date(2025, 3, 20), 5, None),
        ("projects", date(2025, 2, 28), 6, None),
        ("usage", date(2025, 3, 1), len(USAGE), datetime(2025, 3, 2, 8, 0)),
    ]


def test_freshness_reports_on_the_latest_complete_month(con: duckdb.DuckDBPyConnection) -> None:
    """It takes a daily month as complete only once the data reaches its last day."""
    rows = con.execute("select source, complete_month from mart_data_freshness order by source").fetchall()
    # Usage: March has only one day (the 1st) after a daily February: still in progress.
    assert rows == [
        ("milestones", None),
        ("positions", None),
        ("projects", date(2025, 2, 1)),
        ("usage", date(2025, 2, 1)),
    ]


@pytest.mark.parametrize(
    ("dates", "complete"),
    [
        (["2025-01-01", "2025-02-01", "2025-03-01"], date(2025, 3, 1)),  # monthly exports
        (["2025-01-01", "2025-01-31", "2025-02-01"], date(2025, 1, 1)),  # daily, 1 Feb only
        (["2025-01-05", "2025-01-31", "2025-02-28"], date(2025, 2, 1)),  # daily, to month end
        (["2025-01-05", "2025-01-20"], None),  # daily, first month in progress
    ],
)
def test_complete_month_of_daily_and_monthly_usage(
    tmp_path: Path, dates: list[str], complete: date | None
) -> None:
    """It tells monthly exports (dated the 1st) from daily data stopping mid-month."""
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    connection.execute((SQL_DIR / "schema.sql").read_text(encoding="utf-8"))
    insert(
        connection,
        "insert into usage (date, site, system, metric, value) values (?, 'Sion', 'EHR', 'x', 1)",
        [(day,) for day in dates],
    )
    build_marts(connection)
    row = connection.execute(
        "select complete_month from mart_data_freshness where source = 'usage'"
    ).fetchone()
    assert row == (complete,)


def test_marts_build_on_an_empty_warehouse(tmp_path: Path) -> None:
    """It builds every mart, empty, before any export is loaded."""
    connection = duckdb.connect(str(tmp_path / "empty.duckdb"))
    connection.execute((SQL_DIR / "schema.sql").read_text(encoding="utf-8"))
    build_marts(connection)
    assert connection.execute("select count(*) from mart_staffing_monthly").fetchone() == (0,)
    assert connection.execute("select count(*) from mart_usage_monthly").fetchone() == (0,)


def _usage_csv(path: Path, rows: Sequence[tuple[str, str, str, str, float]]) -> Path:
    lines = ["date;site;department;system;metric;value"]
    lines += [f"{day};Sion;{department};EHR;{metric};{value}" for day, department, metric, value, _ in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _assert_marts_equal_a_whole_build(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    """Every mart of the published warehouse equals the marts built whole from its tables;
    returns the whole build's connection, with the published warehouse attached as `loaded`."""
    marts = {created_table(m.read_text(encoding="utf-8")) for m in mart_files()}
    whole = tmp_path / "whole.duckdb"
    whole.write_bytes(warehouse_path().read_bytes())
    rebuilt = duckdb.connect(str(whole))
    build_marts(rebuilt)
    rebuilt.execute("attach ? as loaded (read_only)", [str(warehouse_path())])
    for name in marts:
        for left, right in ((name, f"loaded.{name}"), (f"loaded.{name}", name)):
            extra = rebuilt.execute(f"select count(*) from (from {left} except all from {right})").fetchone()
            assert extra == (0,), f"{left} has rows {right} lacks"
    return rebuilt


def test_marts_after_loads_equal_marts_built_whole(data_dir: Path, tmp_path: Path) -> None:
    """Each load recomputes only the usage months it changed; the marts must equal a whole
    build: a first load, a new month, a correction across two older months, a projects-only load."""
    from etl.load import load_files

    def month(first: str, days: int, offset: int) -> list[tuple[str, str, str, float, None]]:
        start = date.fromisoformat(first)
        return [
            (date.fromordinal(start.toordinal() + d).isoformat(), dept, metric, (d * 7 + offset) % 40, None)
            for d in range(days)
            for dept in ("medicine", "surgery")
            for metric in ("nursing_notes_digital", "nursing_notes_paper")
        ]

    exports = [
        _usage_csv(tmp_path / "jan_feb.csv", month("2025-01-01", 59, 0)),
        _usage_csv(tmp_path / "march.csv", month("2025-03-01", 31, 3)),
        _usage_csv(tmp_path / "feb_march_fixed.csv", month("2025-02-25", 9, 11)),
    ]
    for export in exports:
        [result] = load_files([export], loaded_by="test")
        assert result.status == "loaded", result.report("en")
    assert result.replaced == 36  # 9 days x 2 departments x 2 metrics
    projects = tmp_path / "projects.csv"
    projects.write_text(
        "project_id;project_name;programme;site;phase;status;planned_end;percent_complete;report_date\n"
        "P1;EHR;CIS;Sion;build;green;2026-06-30;40;2025-03-31\n",
        encoding="utf-8",
    )
    [result] = load_files([projects], loaded_by="test")
    assert result.status == "loaded", result.report("en")

    rebuilt = _assert_marts_equal_a_whole_build(tmp_path)
    counts = {
        name: rebuilt.execute(f"select count(*) from loaded.{name}").fetchone()
        for name in ("mart_usage_monthly", "mart_adoption_monthly", "mart_time_saved_monthly")
    }
    # 3 months x 2 departments x 2 metrics; the pair as one adoption row; the digital metric's time
    assert counts == {
        "mart_usage_monthly": (12,),
        "mart_adoption_monthly": (6,),
        "mart_time_saved_monthly": (6,),
    }


def test_an_edited_model_rebuilds_every_month(data_dir: Path, tmp_path: Path) -> None:
    """A load recomputes only its months while the models are the ones the marts were built
    with; after an edit of any model (another hash in marts_built) every month is rebuilt."""
    from etl.load import load_files
    from etl.marts import UsageMonths

    rows = [
        (f"2025-0{m}-0{d}", "medicine", "nursing_notes_digital", 10 * m + d, None)
        for m in (1, 3)
        for d in (1, 2)
    ]
    [result] = load_files([_usage_csv(tmp_path / "usage.csv", rows)], loaded_by="test")
    assert result.status == "loaded", result.report("en")
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(warehouse_path().read_bytes())
    con = duckdb.connect(str(copy))
    january = "select value from mart_usage_monthly where month = date '2025-01-01'"
    assert con.execute(january).fetchone() == (23.0,)
    con.execute("update mart_usage_monthly set value = -1 where month = date '2025-01-01'")
    march = UsageMonths.spanning(date(2025, 3, 1), date(2025, 3, 31))

    build_marts(con, march)
    assert con.execute(january).fetchone() == (-1.0,)  # same models: January left as it was
    con.execute("update marts_built set models_sha256 = 'the models before an edit'")
    build_marts(con, march)
    assert con.execute(january).fetchone() == (23.0,)  # an edited model: January rebuilt too


def test_outliers_judged_again_only_around_a_load_equal_a_whole_build(data_dir: Path, tmp_path: Path) -> None:
    """mart_quality_outliers judges again only the months a load can change (the 6 around
    its months and the latest complete month): after an appended month, a month in
    progress, a jump of eight months ahead that completes it, a corrected spike, the gap
    filled, and a month in progress then completed, it equals a whole build each time.
    October's medicine spike (900) stops being a peak once November (30 x 40 = 1,200) is
    complete, and November is then judged: not while it is in progress."""
    from etl.load import load_files

    def monthly(
        year: int, months: range, spike: int | None = None
    ) -> list[tuple[str, str, str, float, None]]:
        return [
            (f"{year}-{m:02d}-01", dept, "nursing_notes_digital", (900 if m == spike else 100 + m), None)
            for m in months
            for dept in ("medicine", "surgery")
        ]

    def daily(first: str, days: int) -> list[tuple[str, str, str, float, None]]:
        start = date.fromisoformat(first).toordinal()
        return [
            (date.fromordinal(start + d).isoformat(), "medicine", "nursing_notes_digital", 40, None)
            for d in range(days)
        ]

    outliers = "select month, department from loaded.mart_quality_outliers order by all"
    june, feb, october = (date(2023, 6, 1), date(2024, 2, 1), date(2024, 10, 1))
    steps = [
        ("2023.csv", monthly(2023, range(1, 13), spike=6), [(june, "medicine"), (june, "surgery")]),
        ("2024-01.csv", monthly(2024, range(1, 2)), [(june, "medicine"), (june, "surgery")]),
        ("2024-02-first-half.csv", daily("2024-02-01", 15), [(june, "medicine"), (june, "surgery")]),
        # eight months ahead: February (600) is complete now, beyond 7 months before October
        (
            "2024-10.csv",
            monthly(2024, range(10, 11), spike=10),
            [(june, "medicine"), (june, "surgery"), (feb, "medicine")],
        ),
        ("2023-06-fixed.csv", monthly(2023, range(6, 7)), [(feb, "medicine")]),
        (
            "2024-03-09.csv",
            monthly(2024, range(3, 10)),
            [(feb, "medicine"), (october, "medicine"), (october, "surgery")],
        ),
        (
            "2024-11-first-half.csv",
            daily("2024-11-01", 15),
            [(feb, "medicine"), (october, "medicine"), (october, "surgery")],
        ),
        (
            "2024-11-second-half.csv",
            daily("2024-11-16", 15),
            [(feb, "medicine"), (october, "surgery"), (date(2024, 11, 1), "medicine")],
        ),
    ]
    for name, rows, flagged in steps:
        [result] = load_files([_usage_csv(tmp_path / name, rows)], loaded_by="test")
        assert result.status == "loaded", result.report("en")
        rebuilt = _assert_marts_equal_a_whole_build(tmp_path)
        assert rebuilt.execute(outliers).fetchall() == flagged, name
        rebuilt.close()


# One usage export: its first month (from January 2023), how many months, daily rows or
# one row a month dated the 1st, the last day of its last month (a month in progress
# when below the month's end), the month of a spike (none beyond the count), a seed.
EXPORTS = st.tuples(
    st.integers(0, 24),
    st.integers(1, 4),
    st.booleans(),
    st.integers(1, 28),
    st.integers(0, 5),
    st.integers(0, 10**6),
)


def _history(
    first: int, count: int, daily: bool, last_day: int, spike: int, seed: int
) -> list[tuple[str, str, str, float, None]]:
    """Rows of one export for two departments; now and then a department skips a month."""
    rng = random.Random(seed)
    rows = []
    for offset in range(count):
        year, month = 2023 + (first + offset) // 12, (first + offset) % 12 + 1
        level = (100 + rng.randint(-20, 20)) * (8 if offset == spike else 1)
        days = range(1, (last_day if offset == count - 1 else 28) + 1) if daily else range(1, 2)
        for department in ("medicine", "surgery"):
            if rng.random() < 0.15:
                continue
            rows += [
                (f"{year}-{month:02d}-{day:02d}", department, "nursing_notes_digital", level, None)
                for day in days
            ]
    return rows


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(exports=st.lists(EXPORTS, min_size=2, max_size=4))
def test_marts_after_any_loads_equal_a_whole_build(
    exports: list[tuple[int, int, bool, int, int, int]],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whatever months a series of usage exports covers, in whatever order, with gaps,
    spikes, months in progress and corrections of earlier months, the marts after each
    load equal a whole build."""
    from etl.load import load_files

    folder = tmp_path_factory.mktemp("history")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder / "data"))
    for index, export in enumerate(exports):
        rows = _history(*export)
        if not rows:
            continue
        [result] = load_files([_usage_csv(folder / f"{index}.csv", rows)], loaded_by="test")
        assert result.status in ("loaded", "duplicate"), result.report("en")  # the same export again
        _assert_marts_equal_a_whole_build(folder).close()
