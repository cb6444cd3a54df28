"""Incremental load benchmark: one new month into warehouses of growing history, one run.

    python bench/incremental.py --months 3 12 36 --scale 1

Loading one month's export into a warehouse that holds three years should cost what
the new month costs, not what the warehouse holds. For each history length it builds a
demo warehouse whose usage covers that many months up to `--as-of` (the demo's
exports, loaded with `python -m etl load`), then loads the same new month's usage
export (the month after `--as-of`, all its files) into a fresh copy of each warehouse
with `python -m etl load`, in a fresh process, best of `--repeat` runs, sizes taken in
turn. It prints seconds per warehouse size and the ratio largest / smallest.

As many more runs per size time the load's phases (timers around the Writer's steps,
in the CLI's own process; the fastest such run is shown): copying the published
warehouse at open, the rest of opening (schema, reference data), checking and storing
the files, the marts (the slowest models named), the checks, the rest of publishing
(checkpoint, swap), and the interpreter with its imports.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
MIB = 1 << 20

# Writes the demo's exports: out folder, as_of, usage months before as_of's month, scale.
WRITE = """
import sys, datetime as dt
from pathlib import Path
from typing import Any
from etl.demo import write_demo_exports
paths = write_demo_exports(Path(sys.argv[1]), scale=float(sys.argv[4]),
    as_of=dt.date.fromisoformat(sys.argv[2]), usage_months=int(sys.argv[3]))
print("\\n".join(str(p) for p in paths))
"""

# `python -m etl load` (its main(), in a fresh process) with timers around the Writer's
# steps, and around each statement the marts run, named by the table it writes; prints
# the seconds as JSON last.
PHASED = """
import json, re, shutil, sys, time, types
import etl.load as load
from etl.__main__ import main
spent = {}
def timed(name, fn):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - start
    return wrapper
WRITES = re.compile(r"(?:create or replace table|delete from|insert into)\\s+(\\w+)", re.IGNORECASE)
class TimedConnection:
    def __init__(self, con):
        self.con = con
    def execute(self, sql, *args):
        table = WRITES.search(sql)
        return timed("mart " + (table.group(1) if table else "other"), self.con.execute)(sql, *args)
    def __getattr__(self, name):
        return getattr(self.con, name)
build_marts = load.build_marts
load.build_marts = timed("marts", lambda con, *args: build_marts(TimedConnection(con), *args))
load.shutil = types.SimpleNamespace(copyfile=timed("copy", shutil.copyfile), rmtree=shutil.rmtree)
load.run_checks = timed("checks", load.run_checks)
load.Writer._open = timed("open", load.Writer._open)
load.Writer.load = timed("files", load.Writer.load)
load.Writer.publish = timed("publish", load.Writer.publish)
status = main(["load", *sys.argv[1:]])
print(json.dumps(spent))
sys.exit(status)
"""


def write_exports(folder: Path, as_of: dt.date, months_before: int, scale: float) -> list[Path]:
    """The demo's exports into `folder`, written in a child process (the parent stays small)."""
    out = subprocess.run(
        [sys.executable, "-c", WRITE, str(folder), as_of.isoformat(), str(months_before), str(scale)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return [Path(line) for line in out.stdout.split()]


def etl_load(data: Path, files: list[Path], code: str | None = None) -> tuple[float, str]:
    """Wall seconds of one `python -m etl load` (or of `code`) into `data`, and its stdout."""
    env = {**os.environ, "DASHBOARD_DATA_DIR": str(data)}
    command = [sys.executable, *(["-c", code] if code else ["-m", "etl", "load"]), *map(str, files)]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"load into {data} failed:\n{done.stdout}\n{done.stderr}")
    return seconds, done.stdout


def build(data: Path, exports: Path, months: int, as_of: dt.date, scale: float) -> dict[str, Any]:
    """A warehouse with `months` months of usage up to as_of; its usage rows and size."""
    load_seconds, _ = etl_load(data, write_exports(exports, as_of, months - 1, scale))
    import duckdb

    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    row = con.execute("select count(*), min(date), max(date) from usage").fetchone()
    con.close()
    rows, first, last = row if row else (0, None, None)
    size = (data / "warehouse.duckdb").stat().st_size
    print(f"built {months:>3} months ({first} to {last}): {rows:,} usage rows, {size / MIB:.1f} MiB")
    return {"months": months, "rows": rows, "mib": size / MIB, "build_s": load_seconds}


def fresh_copy(base: Path, run: Path) -> Path:
    """A copy of a built data folder (warehouse and archive) to load into once."""
    shutil.rmtree(run, ignore_errors=True)
    shutil.copytree(base, run, ignore=shutil.ignore_patterns("work", "*.lock"))
    return run


def month_before_last(today: dt.date) -> dt.date:
    """The last day of the month before last."""
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1) - dt.timedelta(days=1)


def next_month_end(day: dt.date) -> dt.date:
    """The last day of the month after day's month."""
    first = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def new_month(work: Path, as_of: dt.date, scale: float) -> tuple[list[Path], float]:
    """The usage files of the month after as_of, and their size in MiB."""
    last = next_month_end(as_of)
    files = [p for p in write_exports(work / "new", last, 0, scale) if "usage" in p.name]
    mib = sum(p.stat().st_size for p in files) / MIB
    print(f"new month: {len(files)} usage files, {mib:.1f} MiB, {last.replace(day=1)} to {last}")
    return files, mib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--months", type=int, nargs="+", default=[3, 12, 36], help="history lengths")
    parser.add_argument("--scale", type=float, default=1.0, help="the demo's scale (1: ~22,000 rows a month)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best is kept")
    parser.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        default=month_before_last(dt.date.today()),
        help="the warehouse's last day (default: the end of the month before last, so the new month "
        "is the last complete one: dates in the future are refused)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        files, new_mib = new_month(work, args.as_of, args.scale)
        sizes = {m: build(work / f"base{m}", work / f"ex{m}", m, args.as_of, args.scale) for m in args.months}
        for size in sizes.values():
            size["runs"], size["phased"] = [], []
        for _ in range(args.repeat):  # sizes in turn, so that a busy moment does not favour one
            for months, size in sizes.items():
                size["runs"].append(etl_load(fresh_copy(work / f"base{months}", work / "run"), files)[0])
                seconds, out = etl_load(fresh_copy(work / f"base{months}", work / "run"), files, PHASED)
                size["phased"].append({"process": seconds, **json.loads(out.strip().splitlines()[-1])})
        for size in sizes.values():
            size["best_s"] = min(size["runs"])
            size["phases"] = min(size.pop("phased"), key=lambda phases: phases["process"])
        report(list(sizes.values()), new_mib)


def report(sizes: list[dict[str, Any]], new_mib: float) -> None:
    """Seconds per warehouse size, the phases, and the ratio largest / smallest."""
    print(
        f"\n{'history':>8} {'usage rows':>11} {'warehouse':>10} {'load (best)':>12}  "
        "phases (fastest timed run): "
        "copy | open rest | files | marts | checks | publish rest | interpreter & imports"
    )
    for s in sizes:
        p = s["phases"]
        cells = (
            p["copy"],
            p["open"] - p["copy"],
            p["files"],
            p["marts"],
            p["checks"],
            p["publish"] - p["marts"] - p["checks"],
            p["process"] - p["open"] - p["files"] - p["publish"],
        )
        print(
            f"{s['months']:>5} mo {s['rows']:>11,} {s['mib']:>6.1f} MiB {s['best_s']:>10.2f} s  "
            + " | ".join(f"{c:.2f}" for c in cells)
        )
    smallest, largest = sizes[0], sizes[-1]
    ratio = largest["best_s"] / smallest["best_s"]
    growth = {
        name: largest["phases"][name] - smallest["phases"][name]
        for name in ("copy", "files", "marts", "checks", "process")
    }
    print(f"ratio load time, {largest['months']} / {smallest['months']} months: {ratio:.2f} (target: near 1)")
    print(
        f"growth from {smallest['months']} to {largest['months']} months, in seconds: "
        + ", ".join(f"{name} {value:+.2f}" for name, value in growth.items())
    )
    marts = sorted(((v, k[5:]) for k, v in largest["phases"].items() if k.startswith("mart ")), reverse=True)
    print(
        f"slowest marts at {largest['months']} months: " + ", ".join(f"{n} {v:.2f} s" for v, n in marts[:4])
    )
    print(json.dumps({"new_month_mib": new_mib, "sizes": sizes, "ratio": ratio}))


if __name__ == "__main__":
    main()
