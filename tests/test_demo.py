"""The demonstration hospital (etl/demo.py) and the reference data it builds on (data/*.csv)."""

from __future__ import annotations

import csv
import re
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from etl import settings
from etl.contracts import (
    AIMS,
    ENUMS,
    KINDS,
    PERSONAL_HEADERS,
    SSN_PATTERN,
    USAGE_WIDE_KEYS,
    header_names,
)
from etl.contracts import normalise_header as norm
from etl.demo import write_demo_exports

AS_OF = date(2025, 6, 18)
AGGREGATIONS = {"sum", "max", "mean", "last"}
ROLES = {
    "software developer", "application owner", "network engineer",
    "security & system administrator", "IT programme manager", "UX designer",
}  # fmt: skip


def read_reference(name: str) -> list[dict[str, str]]:
    """A tracked reference file of the repository (read only)."""
    with (settings.REPO_DATA_DIR / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


CATALOGUE = {row["metric"]: row for row in read_reference("metrics.csv")}
SITES = read_reference("sites.csv")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The exports at scale 1, as of a fixed day."""
    return write_demo_exports(tmp_path_factory.mktemp("demo"), seed=42, as_of=AS_OF)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A small run, for comparisons between runs."""
    return write_demo_exports(tmp_path_factory.mktemp("small"), seed=42, scale=0.3, as_of=AS_OF)


@pytest.fixture(scope="module")
def usage(demo: list[Path]) -> duckdb.DuckDBPyConnection:
    """The demo's usage in long form, read once."""
    return load_usage(demo)


def named(paths: list[Path], prefix: str) -> list[Path]:
    """The exports whose file name starts with prefix."""
    return [p for p in paths if p.name.startswith(prefix)]


def english(enum: str, word: str) -> str:
    """The stored English value of an enum word written in any accepted language."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return next(k for k, spellings in ENUMS[enum].items() if plain.lower() in spellings)


FR_COLUMNS = {"Date": "DATE", "Site": "VARCHAR", "Service": "VARCHAR", "Système": "VARCHAR",
              "Indicateur": "VARCHAR", "Valeur": "DOUBLE"}  # fmt: skip


def read_fr(paths: list[Path]) -> str:
    """SQL reading the French centre's usage files (semicolons, Windows-1252, day first)."""
    files = ", ".join(f"'{p}'" for p in named(paths, "usage_fr"))
    return (f"read_csv([{files}], delim = ';', encoding = 'latin-1', header = true, "
            f"dateformat = '%d.%m.%Y', columns = {FR_COLUMNS})")  # fmt: skip


def load_usage(paths: list[Path]) -> duckdb.DuckDBPyConnection:
    """A connection with a table `usage` (day, site, department, system, metric, value)."""
    con = duckdb.connect()
    de = ", ".join(f"'{p}'" for p in named(paths, "usage_de"))
    con.execute(f"""
        create table usage as
        select "Date" as day, "Site" as site, "Service" as department, "Système" as system,
            "Indicateur" as metric, "Valeur" as value
        from {read_fr(paths)}
        union all
        select Datum, Standort, Abteilung, System, metric, value
        from (unpivot (select * from read_csv([{de}], union_by_name = true))
            on columns(* exclude (Datum, Standort, Abteilung, System))
            into name metric value value)
    """)  # fmt: skip
    return con


def one(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> Any:
    """The single row a query returns."""
    row = con.execute(sql, params or []).fetchone()
    assert row is not None
    return row


def usage_values(paths: list[Path]) -> int:
    """How many usage values the exports hold: long rows, plus wide rows times their metrics."""
    con = duckdb.connect()
    total = int(one(con, f"select count(*) from {read_fr(paths)}")[0])
    for path in named(paths, "usage_de"):
        metrics = len(path.open(encoding="utf-8-sig").readline().split(",")) - len(USAGE_WIDE_KEYS)
        total += one(con, f"select count(*) from read_csv('{path}')")[0] * metrics
    return total


def read_positions(paths: list[Path]) -> pd.DataFrame:
    """The staffing list, from its sheet named `positions`."""
    return pd.read_excel(named(paths, "positions")[0], sheet_name="positions", engine="calamine")


def project_rows(paths: list[Path]) -> list[dict[str, str]]:
    """The status reports, as written (Swiss numbers and dates, local words)."""
    with named(paths, "projects")[0].open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def swiss_date(text: str) -> date:
    """31.01.2025 -> date(2025, 1, 31)"""
    return datetime.strptime(text, "%d.%m.%Y").date()


def swiss_number(text: str) -> float:
    """1'250'000.50 -> 1250000.5"""
    return float(text.replace("'", ""))


# --- the reference data ---------------------------------------------------------------


def test_the_catalogue_has_a_sound_row_per_metric() -> None:
    """Each metric: a valid aim and aggregation, three labels, low <= base <= high."""
    assert 15 <= len(CATALOGUE) <= 25
    for metric, row in CATALOGUE.items():
        assert row["aim"] in AIMS, metric
        assert row["aggregation"] in AGGREGATIONS, metric
        assert all(row[f"label_{lang}"].strip() for lang in ("en", "fr", "de")), metric
        assert row["unit"] and row["system"], metric
        low, base, high = (float(row[f"minutes_saved_{k}"]) for k in ("low", "base", "high"))
        assert low <= base <= high, metric


def test_a_time_saved_coefficient_always_has_a_source() -> None:
    """Non-zero minutes need the citation behind them."""
    for metric, row in CATALOGUE.items():
        minutes = [float(row[f"minutes_saved_{k}"]) for k in ("low", "base", "high")]
        if any(minutes):
            assert row["source"].strip(), metric


def test_paper_counterparts_are_catalogue_rows_without_minutes() -> None:
    """adoption = digital / (digital + paper) needs the paper metric in the catalogue."""
    papers = {row["paper_metric"]: metric for metric, row in CATALOGUE.items() if row["paper_metric"]}
    assert len(papers) >= 8
    for paper, digital in papers.items():
        row = CATALOGUE[paper]
        assert row["paper_metric"] == "", paper
        assert row["system"] == CATALOGUE[digital]["system"], paper
        assert [float(row[f"minutes_saved_{k}"]) for k in ("low", "base", "high")] == [0, 0, 0]


def test_the_labels_are_written_in_french_and_german() -> None:
    """Real translations, accents included, not copies of the English label."""
    fr = " ".join(row["label_fr"] for row in CATALOGUE.values())
    de = " ".join(row["label_de"] for row in CATALOGUE.values())
    assert re.search("[éèàç]", fr) and re.search("[äöü]", de)
    assert all(row["label_fr"] != row["label_en"] for row in CATALOGUE.values())


def test_the_sites_are_seven_in_two_language_regions() -> None:
    """Five French-speaking sites of the CHVR, two German-speaking ones of the SZO."""
    regions = {row["site"]: row["region"] for row in SITES}
    assert regions == {
        "Sion": "fr", "Sierre": "fr", "Martigny": "fr", "Saint-Maurice": "fr", "Monthey": "fr",
        "Brig": "de", "Visp": "de",
    }  # fmt: skip
    assert {row["centre"] for row in SITES} == {
        "Centre Hospitalier du Valais Romand", "Spitalzentrum Oberwallis",
    }  # fmt: skip


def test_targets_name_known_kpis_scopes_and_directions() -> None:
    """A share (0-1) for metrics with a paper counterpart; every aim has a target."""
    targets = read_reference("targets.csv")
    scopes = {"all", "fr", "de"} | {row["site"] for row in SITES}
    assert 8 <= len(targets) <= 14
    for row in targets:
        assert row["kpi"] == "hours_freed" or row["kpi"] in CATALOGUE, row
        assert row["scope"] in scopes and row["direction"] in {"at_least", "at_most"}, row
        date.fromisoformat(row["due_date"])
        if CATALOGUE.get(row["kpi"], {}).get("paper_metric"):
            assert 0 < float(row["target"]) <= 1, row
    aims = {CATALOGUE[row["kpi"]]["aim"] for row in targets if row["kpi"] in CATALOGUE}
    assert aims == set(AIMS)


# --- determinism and size -------------------------------------------------------------


def test_the_same_seed_writes_the_same_bytes(small: list[Path], tmp_path: Path) -> None:
    """The demo is reproducible: same seed, same files, byte for byte."""
    again = write_demo_exports(tmp_path, seed=42, scale=0.3, as_of=AS_OF)
    assert [p.name for p in again] == [p.name for p in small]
    for first, second in zip(small, again, strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_another_seed_writes_other_figures(small: list[Path], tmp_path: Path) -> None:
    """The seed changes the figures of usage, projects and positions."""
    other = {p.name: p for p in write_demo_exports(tmp_path, seed=7, scale=0.3, as_of=AS_OF)}
    for path in small:
        if path.name.startswith(("usage", "projects", "positions")):
            assert path.read_bytes() != other[path.name].read_bytes(), path.name


def test_scale_one_gives_half_a_million_to_a_million_usage_values(
    demo: list[Path], usage: duckdb.DuckDBPyConnection
) -> None:
    """About 43 departments x 18 metrics x 2.5 years of days; counted two ways."""
    assert 500_000 <= usage_values(demo) <= 1_000_000
    assert usage_values(demo) == one(usage, "select count(*) from usage")[0]


def test_scale_two_gives_about_twice_the_usage(demo: list[Path], tmp_path: Path) -> None:
    """Scale adds units per site (site-level metrics stay as they are)."""
    double = write_demo_exports(tmp_path, seed=42, scale=2, as_of=AS_OF)
    assert 1.9 <= usage_values(double) / usage_values(demo) <= 2.1


def test_the_files_come_in_loading_order(demo: list[Path]) -> None:
    """Projects before their milestones; usage last; a reasonable number of usage files."""
    names = [p.name for p in demo]
    assert names[:3] == ["projects.csv", "milestones.csv", "positions.xlsx"]
    assert all(name.startswith("usage_") for name in names[3:])
    assert 2 <= len(names[3:]) <= 16


# --- usage ----------------------------------------------------------------------------


def test_nothing_is_dated_after_as_of(demo: list[Path], usage: duckdb.DuckDBPyConnection) -> None:
    """Usage days, status reports, reached milestones and hiring dates are all in the past."""
    first, last = one(usage, "select min(day), max(day) from usage")
    assert last == AS_OF and (AS_OF - first).days >= 2 * 365
    assert max(swiss_date(r["Report date"]) for r in project_rows(demo)) <= AS_OF
    milestones = pd.read_csv(named(demo, "milestones")[0])
    assert pd.to_datetime(milestones["actual_date"]).max().date() <= AS_OF
    positions = read_positions(demo)
    assert positions[["opened_date", "filled_date"]].max().max().date() <= AS_OF


def test_usage_names_only_catalogue_metrics_under_their_system(
    usage: duckdb.DuckDBPyConnection,
) -> None:
    """Every catalogue metric appears, each under its own system, and no value is negative."""
    pairs = usage.execute("select distinct metric, system from usage").fetchall()
    assert {metric for metric, _ in pairs} == set(CATALOGUE)
    assert all(CATALOGUE[metric]["system"] == system for metric, system in pairs)
    assert one(usage, "select min(value) from usage") == (0,)


def test_the_french_centre_exports_long_windows_1252_with_day_first_dates(
    demo: list[Path],
) -> None:
    """Semicolons, CRLF, French headers, dd.mm.yyyy and accents that are not UTF-8."""
    data = named(demo, "usage_fr")[0].read_bytes()
    header, first = data.split(b"\r\n")[:2]
    assert header.decode("cp1252") == "Date;Site;Service;Système;Indicateur;Valeur"
    assert re.match(rb"\d\d\.\d\d\.\d{4};", first)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_the_german_centre_exports_one_wide_utf8_file_per_system(demo: list[Path]) -> None:
    """UTF-8 with BOM; each file one system, its metrics as columns, no empty cell."""
    for path in named(demo, "usage_de"):
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
        table = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
        keys = [norm(c) for c in table.columns[:4]]
        assert keys == ["datum", "standort", "abteilung", "system"], path.name
        assert table["System"].nunique() == 1
        metrics = table.columns[4:]
        assert all(CATALOGUE[m]["system"] == table["System"][0] for m in metrics)
        assert not (table[metrics] == "").any().any(), path.name


def test_adoption_rises_after_the_go_live_at_that_site(
    demo: list[Path], usage: duckdb.DuckDBPyConnection
) -> None:
    """Nursing notes in Sierre turn digital after the EHR's go-live there."""
    milestones = pd.read_csv(named(demo, "milestones")[0])
    go_live = milestones.loc[milestones["milestone"] == "Mise en production Sierre"]
    day = date.fromisoformat(go_live.loc[go_live["project_id"] == "DIG-002", "actual_date"].item())
    share = """
        select sum(value) filter (where metric = 'nursing_notes_digital') / sum(value)
        from usage where site = 'Sierre' and system = 'EHR'
            and metric like 'nursing_notes_%' and day between ? and ?"""
    before = one(usage, share, [day - timedelta(days=30), day - timedelta(days=1)])[0]
    after = one(usage, share, [AS_OF - timedelta(days=30), AS_OF])[0]
    assert before < 0.1 < 0.8 < after


# --- projects, milestones, positions --------------------------------------------------


def test_the_portfolio_has_20_to_30_projects_some_amber_and_red(demo: list[Path]) -> None:
    """Six programmes, tens of millions of francs, status words in French and German too."""
    rows = project_rows(demo)
    latest = {row["Project ID"]: row for row in rows}
    assert 20 <= len(latest) <= 30
    assert len({row["Programme"] for row in rows}) == 6
    statuses = {english("status", row["Status"]) for row in latest.values()}
    assert {"amber", "red"} <= statuses
    assert any(row["Status"] in {"vert", "orange", "rouge"} for row in rows)
    assert any(row["Status"] in {"grün", "gelb", "rot"} for row in rows)
    budget = sum(swiss_number(row["Budget CHF"]) for row in latest.values())
    assert 20_000_000 <= budget <= 100_000_000


def test_each_project_only_moves_forward(demo: list[Path]) -> None:
    """Phases, percent complete and spending never go back from one report to the next."""
    phases = list(ENUMS["phase"])
    by_project: dict[str, list[dict[str, str]]] = {}
    for row in project_rows(demo):
        by_project.setdefault(row["Project ID"], []).append(row)
    for pid, rows in by_project.items():
        steps = [
            (phases.index(english("phase", r["Phase"])), float(r["Percent complete"].rstrip("%")),
             swiss_number(r["Spent CHF"]))
            for r in rows
        ]  # fmt: skip
        assert steps == sorted(steps), pid
        assert all(re.fullmatch(r"\d{1,3}('\d{3})*\.\d\d", r["Budget CHF"]) for r in rows)


def test_milestones_are_reached_after_they_are_planned_or_not_yet(demo: list[Path]) -> None:
    """3 to 6 milestones per project; late ones are reached after their planned date."""
    milestones = pd.read_csv(named(demo, "milestones")[0], keep_default_na=False)
    projects = {row["Project ID"] for row in project_rows(demo)}
    assert set(milestones["project_id"]) == projects
    assert milestones.groupby("project_id").size().between(3, 6).all()
    reached = milestones[milestones["actual_date"] != ""]
    assert (reached["actual_date"] >= reached["planned_date"]).all()
    assert not milestones.duplicated(["project_id", "milestone_id"]).any()


def test_twenty_positions_with_consistent_hiring_dates(demo: list[Path]) -> None:
    """A filled date exactly when filled, after the opening, within 18 months of hiring."""
    positions = read_positions(demo)
    assert len(positions) == 20 and positions["position_id"].is_unique
    assert set(positions["role"]) == ROLES
    status = positions["status"].map(lambda word: english("position_status", word))
    assert {"filled", "open", "cancelled"} <= set(status)
    filled = status == "filled"
    assert positions.loc[filled, "filled_date"].notna().all()
    assert positions.loc[~filled, "filled_date"].isna().all()
    assert (positions.loc[filled, "filled_date"] > positions.loc[filled, "opened_date"]).all()
    assert positions["fte"].between(0.8, 1.0).all()
    assert (AS_OF - positions["opened_date"].min().date()).days <= 18 * 31


def test_every_header_is_a_contract_name_or_alias(demo: list[Path]) -> None:
    """The loader maps each header by name (French and German aliases included)."""
    for path in demo:
        kind = KINDS[path.stem.split("_")[0]]
        names = set().union(*(header_names(c) for c in kind.columns)) | set(CATALOGUE)
        if path.suffix == ".xlsx":
            headers = list(read_positions([path]).columns)
        else:
            first = path.read_bytes().splitlines()[0]
            headers = first.decode("cp1252" if "usage_fr" in path.name else "utf-8-sig")
            headers = headers.split(";" if "usage_fr" in path.name else ",")
        assert {norm(h) for h in headers} <= names, path.name


def test_no_personal_data_in_any_export(demo: list[Path]) -> None:
    """No header that identifies a person, no social-security number."""
    for path in demo:
        if path.suffix == ".xlsx":
            text = read_positions([path]).to_csv(index=False)
        else:
            text = path.read_bytes().decode("cp1252" if "usage_fr" in path.name else "utf-8-sig")
        header = text.splitlines()[0].split(";" if "usage_fr" in path.name else ",")
        assert not {norm(h) for h in header} & PERSONAL_HEADERS, path.name
        assert not re.search(SSN_PATTERN, text), path.name
