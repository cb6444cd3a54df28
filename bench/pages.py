"""Page benchmark: each board page's full server-side run (AppTest), cold and warm.

    python bench/pages.py --scales 1 14

For each scale it builds the demo warehouse (`etl demo --scale`; scale 14 gives about
10 million usage rows) in a temporary data folder, then runs every board page with
Streamlit's AppTest: cold (caches cleared) and warm (the same page again, the median
of three runs). The pages read the marts, so their time should grow far slower than
the usage table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BOARD_PAGES = ("overview", "portfolio", "adoption", "time_for_patients", "team", "maturity")
WARM_RUNS = 3


def build(data: Path, scale: float) -> int:
    """The demo warehouse at this scale; returns its usage rows."""
    env = {**os.environ, "DASHBOARD_DATA_DIR": str(data)}
    subprocess.run(
        [sys.executable, "-m", "etl", "demo", "--scale", str(scale)],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
    )
    import duckdb

    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    rows = con.execute("select count(*) from usage").fetchone()
    con.close()
    return int(rows[0]) if rows else 0


def time_pages(data: Path) -> dict[str, tuple[float, float]]:
    """Cold and warm seconds per page, run in this process on the warehouse in `data`."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["DASHBOARD_DATA_DIR"] = str(data)
    timings = {}
    for page in BOARD_PAGES:
        st.cache_data.clear()
        st.cache_resource.clear()
        app = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=300)
        app.run()
        app.switch_page(f"pages/{page}.py")
        start = time.perf_counter()
        app.run()
        cold = time.perf_counter() - start
        warm = []
        for _ in range(WARM_RUNS):
            start = time.perf_counter()
            app.run()
            warm.append(time.perf_counter() - start)
        if app.exception:
            raise SystemExit(f"{page} failed: {app.exception[0].message}")
        timings[page] = (cold, statistics.median(warm))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 14.0])
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for scale in args.scales:
            data = Path(folder) / f"scale{scale:g}"
            rows = build(data, scale)
            results[rows] = time_pages(data)
    print(f"{'page':<18}" + "".join(f"{f'{rows:,} rows cold / warm':>30}" for rows in results))
    for page in BOARD_PAGES:
        cells = "".join(f"{results[r][page][0]:>17.2f} s / {results[r][page][1]:.2f} s" for r in results)
        print(f"{page:<18}{cells}")


if __name__ == "__main__":
    main()
