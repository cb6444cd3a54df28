"""Load benchmark: the full validated load beside DuckDB's bare read, same files, one run.

    python bench/etl.py --rows 5000000

Writes the demo's usage exports at the scale that gives about `--rows` usage rows, then
measures, each in a fresh process (so peak memory is that of the work alone):
- floor: `create table as select * from read_csv(...)` per file in a new DuckDB file;
- load: `python -m etl load` of the same files into an empty data folder.
Prints wall time, rows per second, peak memory and the ratio load / floor.
"""

from __future__ import annotations

import argparse
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


def usage_exports(out: Path, rows: int) -> tuple[list[Path], int]:
    """The demo's usage files at the scale that gives about `rows` rows, and their row count.

    Generated in child processes: a child inherits its parent's peak memory as its own
    starting figure, so the parent must stay small for the measurements to be fair.
    """
    probe = _write_usage(out / "probe", 0.1)
    scale = rows / (_count(probe) * 10)
    files = _write_usage(out / "run", scale)
    return files, _count(files)


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


def _count(files: list[Path]) -> int:
    """Usage rows in the files, counted the way the loader stores them (wide files unpivoted)."""
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DASHBOARD_DATA_DIR": folder}
        code = (
            "import sys; from pathlib import Path; from etl.load import load_files;"
            "print(sum(r.rows for r in load_files([Path(p) for p in sys.argv[1:]])))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code, *map(str, files)],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    return int(out.stdout.strip().splitlines()[-1])


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{command[:3]} failed with status {status}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the best is kept")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        files, rows = usage_exports(work / "exports", args.rows)
        names = [str(f) for f in files]
        results: dict[str, list[tuple[float, float]]] = {"floor": [], "load": []}
        for run in range(args.repeat):
            data = work / f"data{run}"
            env = {**os.environ, "DASHBOARD_DATA_DIR": str(data)}
            results["floor"].append(
                measure([sys.executable, "-c", FLOOR, str(work / f"floor{run}.duckdb"), *names], env)
            )
            results["load"].append(measure([sys.executable, "-m", "etl", "load", *names], env))
        report(rows, results)


def report(rows: int, results: dict[str, list[tuple[float, float]]]) -> None:
    best = {name: min(runs) for name, runs in results.items()}
    peak = {name: max(m for _, m in runs) for name, runs in results.items()}
    print(f"usage rows: {rows:,}")
    for name, (seconds, _) in best.items():
        print(f"{name:<6} {seconds:7.2f} s  {rows / seconds:12,.0f} rows/s  peak {peak[name]:6.0f} MiB")
    print(f"ratio load / floor: {best['load'][0] / best['floor'][0]:.2f}")
    print(json.dumps({"rows": rows, "best": best, "peak_mib": peak}))


if __name__ == "__main__":
    main()
