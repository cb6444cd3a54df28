"""The tracked metric catalogue and the marts agree: every catalogue metric is used by the
marts as the catalogue says, and every metric a mart names is in the catalogue.

The data folder is empty of reference files, so the ETL reads the tracked catalogue (the
point of this test); one usage export gives every catalogue metric two readings a month
(10 on the 1st, 30 on the 20th), so each aggregation gives a different monthly value.
"""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest
from analyst_support import data_folder, write_csv

from etl import reference, warehouse
from etl.contracts import AIMS
from etl.load import load_files

SITES = ("Sion", "Brig")
MONTHLY = {"sum": 40.0, "max": 30.0, "mean": 20.0, "last": 30.0}  # from 10 then 30
METRIC_COLUMNS = ("metric", "kpi", "paper_metric")


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, str]]]:
    """The tracked catalogue, by metric, read the way the ETL reads it."""
    root = tmp_path_factory.mktemp("catalogue") / "data"
    root.mkdir()
    with data_folder(root):
        yield {row["metric"]: dict(row) for row in reference.read(reference.METRICS).rows}


@pytest.fixture(scope="module")
def con(
    catalogue: dict[str, dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A warehouse with two readings a month of every catalogue metric at two sites."""
    base = tmp_path_factory.mktemp("marts")
    rows = [
        (day, site, "ward", row["system"], metric, value)
        for metric, row in catalogue.items()
        for site in SITES
        for day, value in (("2025-01-01", 10), ("2025-01-20", 30), ("2025-02-01", 10), ("2025-02-20", 30))
    ]
    header = ["date", "site", "department", "system", "metric", "value"]
    export = write_csv(base / "usage.csv", header, rows)
    (base / "data").mkdir()
    with data_folder(base / "data"):
        [result] = load_files([export], loaded_by="test")
        assert result.status == "loaded", result.report("en")
        connection = warehouse.connect_read_only()
    yield connection
    connection.close()


def coefficients(row: dict[str, str]) -> tuple[float, float, float]:
    """A metric's minutes saved, low, base and high (missing = 0)."""
    return tuple(reference.as_number(row[f"minutes_saved_{e}"]) or 0.0 for e in ("low", "base", "high"))  # type: ignore[return-value]


def test_every_catalogue_metric_reaches_the_usage_mart_as_its_aggregation_says(
    con: duckdb.DuckDBPyConnection, catalogue: dict[str, dict[str, str]]
) -> None:
    """Each metric has one monthly value per site, combined by its catalogue aggregation."""
    values = dict(
        con.execute(
            "select metric, list_distinct(list(value)) from mart_usage_monthly group by metric"
        ).fetchall()
    )
    assert set(values) == set(catalogue)
    for metric, row in catalogue.items():
        assert values[metric] == [MONTHLY[row["aggregation"]]], metric


def test_every_metric_with_a_coefficient_frees_time_and_no_other(
    con: duckdb.DuckDBPyConnection, catalogue: dict[str, dict[str, str]]
) -> None:
    """mart_time_saved_monthly holds exactly the metrics with a non-zero coefficient, at
    volume x minutes / 60."""
    rows = con.execute(
        "select metric, sum(volume), sum(hours_low), sum(hours_base), sum(hours_high)"
        " from mart_time_saved_monthly group by metric"
    ).fetchall()
    saving = {m for m, row in catalogue.items() if any(coefficients(row))}
    assert {row[0] for row in rows} == saving
    for metric, volume, *hours in rows:
        expected = [volume * minutes / 60 for minutes in coefficients(catalogue[metric])]
        assert hours == pytest.approx(expected), metric


def test_every_paper_counterpart_is_paired_in_the_adoption_mart(
    con: duckdb.DuckDBPyConnection, catalogue: dict[str, dict[str, str]]
) -> None:
    """mart_adoption_monthly pairs each digital metric with the paper one the catalogue names."""
    pairs = set(con.execute("select distinct metric, paper_metric from mart_adoption_monthly").fetchall())
    assert pairs == {(m, row["paper_metric"]) for m, row in catalogue.items() if row["paper_metric"]}
    shares = con.execute("select distinct share from mart_adoption_monthly").fetchall()
    assert shares == [(0.5,)]  # as much digital as paper: every side reached the mart


def test_every_aim_has_its_headline_kpi(con: duckdb.DuckDBPyConnection) -> None:
    """Each of the five aims gets a monthly KPI: the KPI the mart names exists."""
    aims = {row[0] for row in con.execute("select distinct aim from mart_aim_kpi_monthly").fetchall()}
    assert aims == set(AIMS)


def test_every_metric_a_mart_names_is_in_the_catalogue(
    con: duckdb.DuckDBPyConnection, catalogue: dict[str, dict[str, str]]
) -> None:
    """Every value of a metric, kpi or paper_metric column of any mart is a catalogue metric
    (or a KPI a mart derives, like hours_freed) — hard-coded ones included."""
    columns = con.execute(
        "select table_name, column_name from information_schema.columns"
        " where table_name like 'mart_%' and list_contains(?, column_name)",
        [list(METRIC_COLUMNS)],
    ).fetchall()
    assert ("mart_maturity_criteria", "metric") in columns
    named = {
        value
        for table, column in columns
        for (value,) in con.execute(
            f"select distinct {column} from {table} where {column} is not null"
        ).fetchall()
    }
    assert named - set(catalogue) - set(reference.DERIVED_KPIS) == set()
    assert "hours_freed" in named
