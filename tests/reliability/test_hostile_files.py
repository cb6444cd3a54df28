"""Hostile files end in a clear rejection (or a clean load), in bounded memory and time,
and a rejected file leaves the warehouse's data as it was.

The big cases run `python -m etl load` in a subprocess whose peak memory (ru_maxrss) is
read with wait4; the fuzz cases (hypothesis, bounded) run in-process on small inputs.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_support import Table, etl_command, etl_env, snapshot

from app.downloads import to_csv_bytes
from etl.load import load_files
from etl.settings import REPO_ROOT

DATA_TABLES = ("usage", "projects", "milestones", "positions", "mart_usage_monthly")
MAX_RSS_MIB = 1024
MAX_SECONDS = 60
HEADER = "date;site;department;system;metric;value\n"
ROW = "2025-02-{day:02d};Sion;Dept {day};EPD;epd_documents_published;{day}\n"
PAYLOADS = ("=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", '+HYPERLINK("http://x")', "-2+3")
NAMES = ("../../etc/passwd", "a\x00b.csv", "con.csv", "..\\..\\boot.ini", "line\nbreak\x1b[31m.csv")


def valid_csv(days: int = 20, department: str | None = None) -> str:
    rows = (ROW.format(day=d) for d in range(1, days + 1))
    text = HEADER + "".join(rows)
    return text.replace("Dept 1;", f'"{department}";', 1) if department else text


def xlsx_of(text: str) -> bytes:
    """The same export as a real workbook (openpyxl)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "usage"
    for line in text.strip().splitlines():
        sheet.append(line.split(";"))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zip_bomb(path: Path, gib: int = 1) -> None:
    """An .xlsx-looking zip of a few MB whose shared strings inflate to `gib` GiB."""
    chunk = b"A" * (1 << 24)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        book.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        book.writestr("xl/workbook.xml", '<workbook><sheets><sheet name="usage"/></sheets></workbook>')
        with book.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
            strings.write(b"<sst><si><t>")
            for _ in range((gib << 30) // len(chunk)):
                strings.write(chunk)
            strings.write(b"</t></si></sst>")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The big hostile files, written once."""
    folder = tmp_path_factory.mktemp("hostile")
    files = {
        "million_columns.csv": ";".join(f"c{i}" for i in range(1_000_000)) + "\n1\n",
        "ten_mb_cell.csv": HEADER
        + "2025-01-01;Sion;"
        + "x" * 10_000_000
        + ";EPD;epd_documents_published;1\n",
        "deep_quotes.csv": HEADER
        + '2025-01-01;Sion;"'
        + '""' * 2_000_000
        + '";EPD;epd_documents_published;1\n',
        "long_quoted_header.csv": '"' + "a" * 300_000 + '";b\n1;2\n',
    }
    paths = {name: folder / name for name in files}
    for name, text in files.items():
        paths[name].write_text(text, encoding="utf-8")
    paths["zip_bomb.xlsx"] = folder / "zip_bomb.xlsx"
    zip_bomb(paths["zip_bomb.xlsx"])
    return paths


def data_tables(folder: Path) -> dict[str, Table]:
    return {k: v for k, v in snapshot(folder / "warehouse.duckdb").items() if k in DATA_TABLES}


def run_measured(folder: Path, path: Path) -> tuple[int, str, float, float]:
    """`python -m etl load PATH`: exit code, stderr, peak memory in MiB, seconds."""
    errors = folder.parent / "stderr.txt"
    started = time.monotonic()
    with errors.open("w") as stderr:
        process = subprocess.Popen(
            etl_command("load", str(path)), cwd=REPO_ROOT, env=etl_env(folder),
            stdout=subprocess.DEVNULL, stderr=stderr,
        )  # fmt: skip
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, errors.read_text(), usage.ru_maxrss / 1024, time.monotonic() - started


@pytest.mark.parametrize(
    "name",
    ["million_columns.csv", "ten_mb_cell.csv", "deep_quotes.csv", "long_quoted_header.csv", "zip_bomb.xlsx"],
)
def test_big_hostile_file_is_rejected_in_bounded_memory(
    warehouse_dir: Path, hostile: dict[str, Path], name: str
) -> None:
    """A clear sentence naming the file, exit 1, < 1 GiB, < 60 s, data unchanged."""
    before = data_tables(warehouse_dir)
    code, stderr, rss_mib, seconds = run_measured(warehouse_dir, hostile[name])
    assert code == 1, stderr
    assert "Traceback" not in stderr and stderr.startswith(f"{name}: rejected"), stderr
    assert rss_mib < MAX_RSS_MIB, f"{name}: {rss_mib:.0f} MiB"
    assert seconds < MAX_SECONDS
    assert data_tables(warehouse_dir) == before


def test_ten_mb_cell_is_refused_naming_its_line_and_the_limit(
    warehouse_dir: Path, hostile: dict[str, Path]
) -> None:
    """Not DuckDB's own words: the line, its size and what to look for."""
    code, stderr, _, _ = run_measured(warehouse_dir, hostile["ten_mb_cell.csv"])
    assert code == 1
    assert "ten_mb_cell.csv, line 2: this line is 10 MB long; a line may have at most 2 MB." in stderr
    assert "CSV Error" not in stderr


@contextmanager
def fresh_copy(template: Path) -> Iterator[Path]:
    """A private copy of the template data folder, named by DASHBOARD_DATA_DIR meanwhile."""
    previous = os.environ.get("DASHBOARD_DATA_DIR")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "data"
        shutil.copytree(template, folder)
        os.environ["DASHBOARD_DATA_DIR"] = str(folder)
        try:
            yield folder
        finally:
            if previous is None:
                os.environ.pop("DASHBOARD_DATA_DIR", None)
            else:
                os.environ["DASHBOARD_DATA_DIR"] = previous


def truncated(data: bytes) -> st.SearchStrategy[bytes]:
    return st.integers(0, len(data) - 1).map(lambda end: data[:end])


CSV_BYTES = valid_csv().encode("utf-8")
XLSX_BYTES = xlsx_of(valid_csv())
HOSTILE_BYTES = st.one_of(
    st.binary(max_size=4096),
    truncated(CSV_BYTES),
    truncated(XLSX_BYTES),
    st.builds(
        lambda junk, at: CSV_BYTES[:at] + junk + CSV_BYTES[at:],
        st.binary(max_size=64),
        st.integers(0, len(CSV_BYTES)),
    ),
    st.integers(1, 5000).map(
        lambda depth: (HEADER + "2025-01-01;Sion;" + '"' * depth + ";EPD;x;1\n").encode()
    ),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=HOSTILE_BYTES, suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_fuzzed_file_ends_in_a_clean_load_or_a_clear_rejection(
    small_template: Path, data: bytes, suffix: str
) -> None:
    """Random bytes, truncated CSV and .xlsx, junk inside, runaway quotes: never a crash."""
    with fresh_copy(small_template) as folder, tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / f"fuzz{suffix}"
        path.write_bytes(data)
        before = data_tables(folder)
        result = load_files([path])[0]
        assert result.status in ("loaded", "rejected", "duplicate")
        assert result.report("fr") and result.report("de")
        if result.status == "rejected":
            assert result.problems and data_tables(folder) == before


def test_formula_payloads_are_stored_as_text_and_neutralised_in_downloads(
    warehouse_dir: Path, tmp_path: Path
) -> None:
    """=cmd|... is kept verbatim as text, never evaluated; a download prefixes an apostrophe."""
    for index, payload in enumerate(PAYLOADS):
        path = tmp_path / f"formula_{index}.csv"
        path.write_text(valid_csv(department=payload.replace('"', '""')), encoding="utf-8")
        assert load_files([path])[0].status == "loaded"
    con = duckdb.connect()
    con.execute("attach ? as w (read_only)", [str(warehouse_dir / "warehouse.duckdb")])
    stored = [
        r[0]
        for r in con.execute(
            "select distinct department from w.usage where department not like 'Dept%'"
        ).fetchall()
    ]
    con.close()
    assert sorted(stored) == sorted(PAYLOADS)
    download = to_csv_bytes(pd.DataFrame({"department": stored})).decode("utf-8-sig")
    for payload in PAYLOADS:
        assert f"'{payload}" in download.replace('""', '"')


@pytest.mark.parametrize("shown", NAMES)
def test_path_like_and_control_character_names_are_only_labels(
    warehouse_dir: Path, tmp_path: Path, shown: str
) -> None:
    """An upload's name is logged as given and never becomes a path."""
    path = tmp_path / "export.csv"
    path.write_text(valid_csv(days=NAMES.index(shown) + 3), encoding="utf-8")
    outside = sorted(p.name for p in tmp_path.parent.iterdir())
    result = load_files([path], names=[shown])[0]
    assert result.status == "loaded", result.report()
    con = duckdb.connect()
    con.execute("attach ? as w (read_only)", [str(warehouse_dir / "warehouse.duckdb")])
    logged = con.execute("select file_name from w.loads order by load_id desc limit 1").fetchone()
    con.close()
    assert logged == (shown,)
    assert sorted(p.name for p in tmp_path.parent.iterdir()) == outside
    archived = [p for p in (warehouse_dir / "archive").rglob("*") if p.is_file() and p.name != "loads.csv"]
    assert all(len(p.name) == 64 for p in archived)
