"""Concurrency benchmark: twenty sessions read the board pages while loads publish, one run.

    python bench/concurrency.py --sessions 20 --rounds 3

Builds the demo warehouse (`python -m etl demo`) in a temporary data folder, then runs,
each time in a fresh process, `--sessions` threads, each one session of Streamlit's
AppTest going `--rounds` times through the board pages (as bench/pages.py switches
them). Twice, side by side:
- quiet: nothing else running;
- loading: meanwhile a second process loads the latest month's usage export again and
  again (`python -m etl load`, a new seed each time, so every load replaces that month's
  rows and publishes a new warehouse, which moves every cached query on), with `--pause`
  seconds between loads (none by default: a stress far beyond a hospital's few loads a day).
It prints p50 / p95 / max page times, runs, loads published while the sessions ran, and
errors: an exception shown by a page, an error box, a run that raised or showed no
title. Errors must be 0. Also: the slowest runs and how many loads published during
each, the warehouse connections the dashboard opened (none may read a newer file than
its version key), and how many page runs started over because their warehouse was
replaced mid-run (app/db.py's WarehouseReplaced; one measured run includes its restarts).

AppTest is made for one test at a time; here the sessions share one Runtime and one
script cache, as the sessions of a server do (see `share_one_runtime`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BOARD_PAGES = ("overview", "portfolio", "adoption", "time_for_patients", "team", "maturity")
RUN_TIMEOUT_S = 300


# --- the sessions (a child process) ------------------------------------------------------


def share_one_runtime() -> None:
    """Let AppTest run in threads as the sessions of one server: one Runtime, one script cache.

    AppTest is made for one test at a time. Each run installs its own mock Runtime in a
    class attribute and clears it at the end, resets the legacy pages-folder flag, patches
    `config.get_option` for `global.appTest` and restores it, and compiles every script
    again in a new script cache. Twenty threads pull the first three from under each other
    (a run seeing `global.appTest` off keeps no format functions, and the session's next
    run raises KeyError), and compile in parallel, which Python 3.11's parser does not
    survive ("AST constructor recursion depth mismatch"); a server compiles each script
    once, under its cache's lock. So here the first run's mock Runtime stays for all (one
    cache storage, as in a server), the flag stays as that run's `st.navigation` left it,
    `global.appTest` is set once for the process, and all runs share one script cache.
    """
    from streamlit import config
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.runtime import Runtime
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    class Pinned(type):
        def __setattr__(cls, name: str, value: object) -> None:
            if name == "_instance":
                if value is not None and Runtime._instance is None:
                    Runtime._instance = value  # type: ignore[assignment]
            elif name != "uses_pages_directory":
                super().__setattr__(name, value)

    shared_cache = ScriptCache()
    app_test.Runtime = Pinned("SharedRuntime", (Runtime,), {})  # type: ignore[assignment,misc]
    app_test.PagesManager = Pinned("SharedPagesManager", (PagesManager,), {})  # type: ignore[assignment,misc]
    app_test.ScriptCache = lambda: shared_cache  # type: ignore[assignment,misc]
    local_script_runner.ScriptCache = lambda: shared_cache  # type: ignore[assignment,misc]
    config.set_option("global.appTest", True)  # each run's own patch of it would race


def problems_of(app: Any) -> list[str]:
    """What went wrong in a run, as the page showed it."""
    found = [f"exception: {e.message} at {' | '.join(e.stack_trace[-2:])}" for e in app.exception]
    found += [f"error box: {e.value}" for e in app.error]
    if not app.title:
        shown = [f"{node.type}: {getattr(node, 'value', '')!s:.80}" for node in app.main]
        found.append(f"no title; the page showed: {shown[:6]}")
    return found


def session(rounds: int, gate: threading.Barrier, runs: list[list[Any]]) -> None:
    """One board member: the first visit (Overview), then every board page, `rounds` times."""
    from streamlit.testing.v1 import AppTest

    from etl.warehouse import version

    app = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=RUN_TIMEOUT_S)
    gate.wait()
    for index, page in enumerate(("overview", *BOARD_PAGES * rounds)):
        if index:  # the first run is the entry point's default page, the Overview
            app.switch_page(f"pages/{page}.py")
        seen, began = str(version()), time.time()
        start = time.perf_counter()
        try:
            app.run()
            problems = [f"{page}: {problem}" for problem in problems_of(app)]
        except Exception as error:  # a timeout or an error AppTest raised
            where = " | ".join(line.strip() for line in traceback.format_tb(error.__traceback__)[-3:])
            problems = [f"{page}: raised {error!r} at {where}"]
        runs.append([page, time.perf_counter() - start, problems, seen, began])


def run_sessions(sessions: int, rounds: int) -> None:
    """All sessions in threads of this process; prints every run as JSON."""
    from streamlit.testing.v1 import AppTest

    share_one_runtime()
    connections = watch_connections()
    first = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=RUN_TIMEOUT_S)
    first.run()  # imports, and the pages flag set once, in one thread
    if problems_of(first):
        raise SystemExit(f"the first run failed: {problems_of(first)}")
    gate = threading.Barrier(sessions + 1)
    runs: list[list[list[Any]]] = [[] for _ in range(sessions)]
    threads = [threading.Thread(target=session, args=(rounds, gate, r), daemon=True) for r in runs]
    for thread in threads:
        thread.start()
    gate.wait()
    started, start = time.time(), time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    every = [run for r in runs for run in r]
    ended = time.time()
    print(json.dumps({"runs": every, "started": started, "ended": ended, "wall": wall, **connections}))


def watch_connections() -> dict[str, int]:
    """Count the dashboard's warehouse connections; those opened for a version key that is
    no longer the published file's (the file is opened by path: app/db.py must not keep
    them); and the page runs restarted because their version was replaced mid-run.

    The second count is exact only when the file did not change while the connection was
    opened; those cases are left out.
    """
    from app import db
    from etl import warehouse

    counts = {"connections": 0, "connections_newer_than_key": 0, "restarts": 0}
    lock = threading.Lock()
    original = warehouse.connect_read_only

    def connect(path: Path | None = None) -> Any:
        key = sys._getframe(1).f_locals.get("version")  # app.db._connection's argument
        before = warehouse.version(path)
        opened = original(path)
        after = warehouse.version(path)
        newer = key is not None and before == after and after is not None and key != f"{after[0]}-{after[1]}"
        with lock:
            counts["connections"] += 1
            counts["connections_newer_than_key"] += newer
        return opened

    warehouse.connect_read_only = connect
    replaced = getattr(db, "WarehouseReplaced", None)  # raised to start a page run over
    if replaced is not None:
        first_init = replaced.__init__

        def counting_init(self: Exception, *args: object) -> None:
            with lock:
                counts["restarts"] += 1
            first_init(self, *args)

        replaced.__init__ = counting_init
    return counts


# --- the loader (a child process) --------------------------------------------------------


def run_loader(stop: Path, work: Path, as_of: dt.date, scale: float, pause: float) -> None:
    """Load the as_of month's usage again and again, a new seed each time, until `stop`,
    waiting `pause` seconds after each load."""
    from etl.demo import write_demo_exports

    loads: list[dict[str, Any]] = []
    while not stop.exists():
        folder = work / f"export{len(loads)}"
        paths = write_demo_exports(folder, seed=1000 + len(loads), scale=scale, as_of=as_of, usage_months=0)
        files = [str(p) for p in paths if "usage" in p.name]
        start = time.time()
        done = subprocess.run(
            [sys.executable, "-m", "etl", "load", *files], cwd=REPO, capture_output=True, text=True
        )
        loads.append(
            {"started": start, "ended": time.time(), "status": done.returncode, "stderr": done.stderr[-2000:]}
        )
        shutil.rmtree(folder)
        time.sleep(pause)
    print(json.dumps(loads))


# --- the parent --------------------------------------------------------------------------


def child(role: str, data: Path, *extra: str) -> subprocess.Popen[str]:
    """This script in another role, on the data folder `data`."""
    env = {**os.environ, "DASHBOARD_DATA_DIR": str(data)}
    command = [sys.executable, __file__, "--role", role, *extra]
    return subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish(process: subprocess.Popen[str], what: str) -> Any:
    """The JSON a child printed last; stops the benchmark with its output if it failed."""
    out, err = process.communicate(timeout=3600)
    if process.returncode != 0:
        raise SystemExit(f"{what} failed:\n{out[-3000:]}\n{err[-3000:]}")
    return json.loads(out.strip().splitlines()[-1])


def phase(data: Path, args: argparse.Namespace, loading: bool) -> dict[str, Any]:
    """One side: the sessions alone, or with the loader running beside them."""
    stop = data.parent / "stop"
    stop.unlink(missing_ok=True)
    scratch = data.parent / "loader"
    scratch.mkdir(exist_ok=True)
    loader = None
    if loading:
        extra = (str(stop), str(scratch), args.as_of.isoformat(), str(args.scale), str(args.pause))
        loader = child("loader", data, *extra)
    sessions = child("sessions", data, str(args.sessions), str(args.rounds))
    try:
        result = finish(sessions, "the sessions")
    finally:
        stop.touch()
        loads = finish(loader, "the loader") if loader else []
    inside = [x for x in loads if result["started"] <= x["ended"] <= result["ended"]]
    result["loads_published"] = sum(1 for x in inside if x["status"] == 0)
    result["loads_failed"] = [x["stderr"] for x in loads if x["status"] != 0]
    result["load_seconds"] = [x["ended"] - x["started"] for x in loads if x["status"] == 0]
    result["publish_times"] = [x["ended"] for x in loads if x["status"] == 0]
    return result


def build(data: Path, as_of: dt.date, scale: float) -> None:
    """The demo warehouse in `data`."""
    env = {**os.environ, "DASHBOARD_DATA_DIR": str(data)}
    command = [sys.executable, "-m", "etl", "demo", "--scale", str(scale), "--as-of", as_of.isoformat()]
    subprocess.run(command, cwd=REPO, env=env, check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3, help="times each session goes through the pages")
    parser.add_argument("--scale", type=float, default=1.0, help="the demo's scale")
    parser.add_argument("--pause", type=float, default=0.0, help="seconds between two loads (0: none)")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument(
        "--role", choices=("main", "sessions", "loader"), default="main", help=argparse.SUPPRESS
    )
    parser.add_argument("extra", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    # Run as a script, only this folder is on the path: the repository's packages come first.
    sys.path[:] = [str(REPO), *(p for p in sys.path if Path(p or ".").resolve() != REPO / "bench")]
    if args.role == "sessions":
        return run_sessions(int(args.extra[0]), int(args.extra[1]))
    if args.role == "loader":
        stop, work, as_of, scale, pause = args.extra
        return run_loader(Path(stop), Path(work), dt.date.fromisoformat(as_of), float(scale), float(pause))
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        build(data, args.as_of, args.scale)
        results = {"quiet": phase(data, args, False), "loading": phase(data, args, True)}
    report(results, args)


def percentiles(times: list[float]) -> tuple[float, float, float]:
    """p50, p95 and max."""
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return cuts[49], cuts[94], max(times)


def report(results: dict[str, dict[str, Any]], args: argparse.Namespace) -> None:
    """Per side: page times, runs, loads and errors; then the ratios loading / quiet."""
    print(
        f"{args.sessions} sessions x {args.rounds} rounds of {len(BOARD_PAGES)} pages, "
        f"demo scale {args.scale:g}"
    )
    summary: dict[str, dict[str, Any]] = {}
    for name, result in results.items():
        runs = result["runs"]
        errors = [problem for run in runs for problem in run[2]]
        p50, p95, top = percentiles([run[1] for run in runs])
        summary[name] = {
            "runs": len(runs),
            "p50": p50,
            "p95": p95,
            "max": top,
            "wall": result["wall"],
            "errors": len(errors),
            "loads_published": result["loads_published"],
            "loads_failed": len(result["loads_failed"]),
            "versions_seen": len({run[3] for run in runs}),
            "connections": result["connections"],
            "connections_newer_than_key": result["connections_newer_than_key"],
            "restarts": result["restarts"],
        }
        loads = result["load_seconds"]
        mean_load = f", {statistics.mean(loads):.2f} s each on average" if loads else ""
        print(
            f"{name:<8} {len(runs)} runs in {result['wall']:.0f} s: p50 {p50:.2f} s, p95 {p95:.2f} s, "
            f"max {top:.2f} s; errors {len(errors)}; loads published {result['loads_published']}"
            f"{mean_load}, failed {len(result['loads_failed'])}; warehouse versions seen "
            f"{summary[name]['versions_seen']}"
        )
        for problem in sorted(set(errors))[:10]:
            print(f"    {errors.count(problem)} x {problem[:300]}")
        for failure in result["loads_failed"][:3]:
            print(f"    load failed: {failure[-300:]}")
        print("    p50 / p95 per page: " + per_page(runs))
        print("    slowest runs: " + slowest(runs, result["publish_times"]))
        print(
            f"    warehouse connections opened: {result['connections']}, of which on a file newer "
            f"than their version key: {result['connections_newer_than_key']}; page runs started "
            f"over on a newer warehouse: {result['restarts']}"
        )
    quiet, loading = summary["quiet"], summary["loading"]
    print(
        f"ratio loading / quiet: p50 {loading['p50'] / quiet['p50']:.2f}, "
        f"p95 {loading['p95'] / quiet['p95']:.2f}"
    )
    print(json.dumps(summary))


def slowest(runs: list[list[Any]], published: list[float]) -> str:
    """The five slowest runs: page, seconds, and loads published while each ran."""
    cells = []
    for page, seconds, _, _, began in sorted(runs, key=lambda run: -run[1])[:5]:
        during = sum(1 for t in published if began <= t <= began + seconds)
        cells.append(f"{page} {seconds:.1f} s ({during} loads meanwhile)")
    return ", ".join(cells)


def per_page(runs: list[list[Any]]) -> str:
    cells = []
    for page in BOARD_PAGES:
        times = [run[1] for run in runs if run[0] == page]
        if len(times) > 1:
            p50, p95, _ = percentiles(times)
            cells.append(f"{page} {p50:.2f} / {p95:.2f}")
    return ", ".join(cells)


if __name__ == "__main__":
    main()
