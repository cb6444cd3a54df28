"""The warehouse is a product of the archive: `rebuild` reproduces every table row by row
after a varied history, and a damaged archived original stops it before anything changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from reliability_support import build_demo, run_etl, snapshot, tables_differ, usage_export

from etl.settings import REPO_ROOT


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo, then a new month, its corrected replacement, a rejected file and a duplicate."""
    root = tmp_path_factory.mktemp("history")
    folder = build_demo(root / "data")
    usage_export(root / "july.csv", "2025-07-01", 20, 3)
    usage_export(root / "july_fixed.csv", "2025-07-01", 20, 3, offset=11)
    (root / "broken.csv").write_text("date;site;value\n2025-07-01;Sion;1\n", encoding="utf-8")
    expected = {"july.csv": 0, "july_fixed.csv": 0, "broken.csv": 1}
    said = {}
    for name, code in [*expected.items(), ("july.csv", 0)]:
        result = run_etl(folder, "load", str(root / name))
        assert result.returncode == code, result.stderr
        said[name] = result.stdout
    assert "(420 replaced)" in said["july_fixed.csv"]
    assert "already loaded" in said["july.csv"] or "duplicate" in said["july.csv"].lower(), said["july.csv"]
    return folder


def test_rebuild_reproduces_every_table_row_by_row(history: Path, tmp_path: Path) -> None:
    """Data, reference, marts and the loads log: the same rows, timestamps included."""
    rebuilt = tmp_path / "rebuilt"
    shutil.copytree(history, rebuilt)
    result = run_etl(rebuilt, "rebuild")
    assert result.returncode == 0, result.stderr
    original, again = history / "warehouse.duckdb", rebuilt / "warehouse.duckdb"
    assert snapshot(original).keys() == snapshot(again).keys()
    assert tables_differ(original, again, volatile=True) == {}
    statuses = run_etl(rebuilt, "status")
    assert statuses.returncode == 0


def _damage(folder: Path, how: str) -> str:
    """Change one byte of (or delete) the archived original of the corrected July file."""
    import duckdb

    con = duckdb.connect()
    con.execute("attach ? as w (read_only)", [str(folder / "warehouse.duckdb")])
    row = con.execute("select sha256 from w.loads where file_name = 'july_fixed.csv'").fetchone()
    con.close()
    assert row is not None
    sha256 = str(row[0])
    original = folder / "archive" / sha256[:2] / sha256
    if how == "deleted":
        original.unlink()
    else:
        data = bytearray(original.read_bytes())
        data[len(data) // 2] ^= 0x01
        original.write_bytes(bytes(data))
    return sha256


@pytest.mark.parametrize("how", ["one byte changed", "deleted"])
def test_damaged_original_is_reported_and_nothing_changes(history: Path, tmp_path: Path, how: str) -> None:
    """Rebuild exits 1 naming the damaged file; the warehouse stays exactly as it was."""
    folder = tmp_path / "data"
    shutil.copytree(history, folder)
    _damage(folder, how)
    before = snapshot(folder / "warehouse.duckdb")
    result = run_etl(folder, "rebuild")
    assert result.returncode == 1
    assert "july_fixed.csv" in result.stderr and "damaged" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(folder / "warehouse.duckdb") == before


def test_the_next_writer_settles_what_a_killed_publish_left(history: Path, tmp_path: Path) -> None:
    """Killed between the warehouse's swap and the manifest's, or before publishing: the
    manifest lags the log and an original no load logged lies in the archive. The next
    writer brings the manifest level with the log and removes that original, nothing else,
    even when its own load is then rejected by a check and publishes nothing."""
    folder = tmp_path / "data"
    shutil.copytree(history, folder)
    manifest = folder / "archive" / "loads.csv"
    con = duckdb.connect()
    logged_loads = len(con.execute("select * from read_csv(?, header = true)", [str(manifest)]).fetchall())
    con.execute(  # two loads behind
        f"copy (select * from read_csv('{manifest}', header = true) order by load_id "
        f"limit {logged_loads - 2}) to '{manifest}.lagging' (header)"
    )
    con.close()
    Path(f"{manifest}.lagging").replace(manifest)
    unlogged = folder / "archive" / "ab" / ("ab" + "0" * 62)
    unlogged.parent.mkdir(exist_ok=True)
    unlogged.write_bytes(b"an original whose load never published")
    half_copy = unlogged.with_suffix(".partial")
    half_copy.write_bytes(b"half")
    logged = sorted(p for p in (folder / "archive").glob("??/*") if p not in (unlogged, half_copy))
    catalogue = (REPO_ROOT / "data" / "metrics.csv").read_text(encoding="utf-8")
    low_above_base = catalogue.replace(",1.0,2.0,4.1,", ",3.0,2.0,4.1,", 1)
    assert low_above_base != catalogue
    (folder / "metrics.csv").write_text(low_above_base, encoding="utf-8")

    usage_export(tmp_path / "august.csv", "2025-08-01", 5, 2)
    result = run_etl(folder, "load", str(tmp_path / "august.csv"))
    assert result.returncode == 1 and "metric_coefficients_ordered" in result.stderr, result.stderr

    assert not unlogged.exists() and not half_copy.exists()
    assert sorted(p for p in (folder / "archive").glob("??/*")) == logged  # august's is not kept
    con = duckdb.connect()
    con.execute("attach ? as w (read_only)", [str(folder / "warehouse.duckdb")])
    in_log = con.execute("select count(*) from w.loads").fetchone()
    in_manifest = con.execute("select count(*) from read_csv(?, header = true)", [str(manifest)]).fetchone()
    con.close()
    assert in_manifest == in_log == (logged_loads,)
