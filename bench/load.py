"""Load benchmark: the validated load beside DuckDB's bare read and the pandas route, one run.

    python bench/load.py --rows 1000000 5000000 20000000 --xlsx-rows 200000

For each size it writes the demo's usage exports (`etl demo` generator: the French
centre's long Windows-1252 files, the German centre's wide UTF-8 files) at the scale that
gives about that many usage rows, then measures, each in a fresh process (so its peak
memory is that of the work alone):
- floor: `create table as select * from read_csv(file)` per file in a new DuckDB file;
- load: `python -m etl load` of the same files into an empty data folder;
- pandas: the route a generic BI upload takes (Apache Superset's CSV upload):
  `pandas.read_csv` per file (separator and encoding given, no validation), then
  `DataFrame.to_sql` into DuckDB through SQLAlchemy (duckdb-engine); about 100 s per
  million rows, so only up to `--to-sql-max-rows`;
- arrow: the fastest pandas route, the same frames stored by
  `create table as select * from frame` (DuckDB scans the frame's columns).
With `--xlsx-rows` it does the same for one long-form usage workbook: the load against
python-calamine's bare read into DuckDB (DuckDB reads no xlsx offline) and
`pandas.read_excel` stored by DuckDB. Prints wall time, rows per second, peak memory, the ratios and, over
the sizes, seconds per million rows (linear growth keeps it flat).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

FLOOR = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
for i, path in enumerate(sys.argv[2:]):
    try:
        con.execute(f"create table t{i} as select * from read_csv(?)", [path])
    except duckdb.Error:  # the French centre's Windows-1252 export
        con.execute(f"create table t{i} as select * from read_csv(?, encoding = 'latin-1')", [path])
con.close()
"""

READ_FRAME = """
import sys, pandas as pd
def read_frame(path):
    with open(path, 'rb') as file:
        head = file.readline()
    encoding = 'utf-8-sig' if head.startswith(b'\\xef\\xbb\\xbf') else 'cp1252'
    return pd.read_csv(path, sep=';' if b';' in head else ',', encoding=encoding)
"""

# What a generic BI upload does (Apache Superset's CSV upload): read_csv, then to_sql.
PANDAS = (
    READ_FRAME
    + """
import sqlalchemy
engine = sqlalchemy.create_engine(f"duckdb:///{sys.argv[1]}")
for i, path in enumerate(sys.argv[2:]):
    read_frame(path).to_sql(f"t{i}", engine, index=False, chunksize=10_000)
"""
)

# The fastest pandas route: DuckDB scans the frame's columns directly.
PANDAS_ARROW = (
    READ_FRAME
    + """
import duckdb
con = duckdb.connect(sys.argv[1])
for i, path in enumerate(sys.argv[2:]):
    frame = read_frame(path)
    con.execute(f"create table t{i} as select * from frame")
con.close()
"""
)

XLSX_FLOOR = """
import sys, duckdb, pyarrow as pa
from python_calamine import CalamineWorkbook
rows = CalamineWorkbook.from_path(sys.argv[2]).get_sheet_by_index(0).to_python()
sheet = pa.table({name: [r[i] for r in rows[1:]] for i, name in enumerate(rows[0])})
duckdb.connect(sys.argv[1]).execute("create table t as select * from sheet")
"""

XLSX_PANDAS = """
import sys, duckdb, pandas as pd
frame = pd.read_excel(sys.argv[2], engine='calamine')
duckdb.connect(sys.argv[1]).execute("create table t as select * from frame")
"""


def usage_exports(out: Path, rows: int) -> list[Path]:
    """The demo's usage files at the scale that gives about `rows` usage rows.

    Generated in child processes: a child inherits its parent's peak memory as its own
    starting figure, so the parent must stay small for the measurements to be fair.
    """
    probe = _write_usage(out / "probe", 0.1)
    scale = rows / (_stored_rows(probe) * 10)
    return _write_usage(out / "run", scale)


def _write_usage(folder: Path, scale: float) -> list[Path]:
    code = (
        "import sys; from pathlib import Path; from etl.demo import write_demo_exports;"
        "print('\\n'.join(str(p) for p in write_demo_exports(Path(sys.argv[1]), scale=float(sys.argv[2]))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(folder), str(scale)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return [Path(line) for line in out.stdout.split() if "usage" in Path(line).name]


def _stored_rows(files: list[Path]) -> int:
    """Usage rows the loader stores from the files (wide files unpivoted)."""
    with tempfile.TemporaryDirectory() as folder:
        measure([sys.executable, "-m", "etl", "load", *map(str, files)], _env(Path(folder)))
        return usage_rows(Path(folder))


def usage_rows(data: Path) -> int:
    import duckdb

    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    try:
        row = con.execute("select count(*) from usage").fetchone()
    finally:
        con.close()
    return int(row[0]) if row else 0


def xlsx_export(folder: Path, csv_file: Path, rows: int) -> Path:
    """One long-form usage workbook of `rows` rows, cut from a generated French export."""
    code = """
import csv, sys, datetime, xlsxwriter
book = xlsxwriter.Workbook(sys.argv[2], {'constant_memory': True})
sheet, day = book.add_worksheet('usage'), book.add_format({'num_format': 'dd.mm.yyyy'})
with open(sys.argv[1], encoding='cp1252', newline='') as file:
    for r, row in enumerate(csv.reader(file, delimiter=';')):
        if r > int(sys.argv[3]):
            break
        if r == 0:
            sheet.write_row(0, 0, row)
            continue
        sheet.write_datetime(r, 0, datetime.datetime.strptime(row[0], '%d.%m.%Y'), day)
        sheet.write_row(r, 1, row[1:5])
        sheet.write_number(r, 5, float(row[5].replace("'", '').replace(',', '.')))
book.close()
"""
    target = folder / "usage_fr.xlsx"
    subprocess.run([sys.executable, "-c", code, str(csv_file), str(target), str(rows)], check=True)
    return target


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{command[:3]} failed with status {status}")
    return seconds, usage.ru_maxrss / 1024


def _env(data: Path) -> dict[str, str]:
    return {**os.environ, "DASHBOARD_DATA_DIR": str(data)}


def compare(
    work: Path, files: list[Path], routes: dict[str, str], repeat: int
) -> dict[str, tuple[float, float]]:
    """Best seconds and highest peak MiB of each route (and of the load) over `repeat` runs."""
    work.mkdir(parents=True, exist_ok=True)
    names = [str(f) for f in files]
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in [*routes, "load"]}
    for run in range(repeat):
        for name, code in routes.items():
            target = work / f"{name}{run}.duckdb"
            runs[name].append(measure([sys.executable, "-c", code, str(target), *names], _env(work)))
            target.unlink()
        data = work / f"data{run}"
        runs["load"].append(measure([sys.executable, "-m", "etl", "load", *names], _env(data)))
    return {name: (min(s for s, _ in r), max(m for _, m in r)) for name, r in runs.items()}


def report(label: str, rows: int, best: dict[str, tuple[float, float]], floor: str) -> None:
    print(f"\n{label}: {rows:,} usage rows")
    for name, (seconds, peak) in best.items():
        print(f"  {name:<7} {seconds:7.2f} s  {rows / seconds:12,.0f} rows/s  peak {peak:6.0f} MiB")
    load = best["load"][0]
    ratios = [f"load / {floor}: {load / best[floor][0]:.2f}"]
    ratios += [f"{name} / load: {best[name][0] / load:.2f}" for name in ("pandas", "arrow") if name in best]
    print("  " + "   ".join(ratios))


@dataclasses.dataclass
class Result:
    format: str
    rows: int
    best: dict[str, tuple[float, float]]  # route: best seconds, highest peak MiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 5_000_000])
    parser.add_argument("--xlsx-rows", type=int, default=0, help="rows of the workbook (0: none)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best is kept")
    parser.add_argument(
        "--to-sql-max-rows",
        type=int,
        default=1_000_000,
        help="run the to_sql route (about 100 s per million rows) only up to this size",
    )
    args = parser.parse_args()
    results: list[Result] = []
    for size in args.rows:
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            files = usage_exports(work / "exports", size)
            routes = {"floor": FLOOR, "arrow": PANDAS_ARROW}
            if size <= args.to_sql_max_rows:
                routes["pandas"] = PANDAS
            best = compare(work, files, routes, args.repeat)
            rows = usage_rows(work / "data0")
            report("CSV", rows, best, "floor")
            results.append(Result("csv", rows, best))
            if args.xlsx_rows and size == args.rows[0]:
                french = next(f for f in files if "_fr_" in f.name)
                workbook = xlsx_export(work, french, args.xlsx_rows)
                routes = {"calamine": XLSX_FLOOR, "arrow": XLSX_PANDAS}
                best = compare(work / "xlsx", [workbook], routes, args.repeat)
                xlsx_rows = usage_rows(work / "xlsx" / "data0")
                report("xlsx", xlsx_rows, best, "calamine")
                results.append(Result("xlsx", xlsx_rows, best))
    print("\nseconds per million rows (flat = linear):")
    for result in results:
        per_million = {k: round(v[0] / result.rows * 1e6, 2) for k, v in result.best.items()}
        print(f"  {result.format:<5} {result.rows:>12,}  {per_million}")
    print(json.dumps([dataclasses.asdict(result) for result in results]))


if __name__ == "__main__":
    main()
