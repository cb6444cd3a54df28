"""A load killed with SIGKILL at any moment leaves the published warehouse as it was.

The kill points are fractions of a measured, unkilled run of the same load (seeded), so
they fall during start-up and reading, validation, the write and the publish.
"""

from __future__ import annotations

import random
import shutil
import signal
import time
from pathlib import Path

import pytest
from filelock import FileLock
from reliability_support import Table, run_etl, snapshot, start_etl, usage_export

FIXED_FRACTIONS = (0.15, 0.4, 0.6, 0.8, 0.95)
RANDOM_KILLS = 2
SEED = 9


@pytest.fixture(scope="module")
def big_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 301,000-row usage export, made with DuckDB's COPY."""
    path = tmp_path_factory.mktemp("crash") / "usage_big.csv"
    usage_export(path, "2025-07-01", 200, 215)
    return path


def _measured_run(template: Path, export: Path, folder: Path) -> tuple[float, dict[str, Table]]:
    """How long an unkilled load takes, and the warehouse it publishes."""
    shutil.copytree(template, folder)
    started = time.monotonic()
    result = run_etl(folder, "load", str(export))
    assert result.returncode == 0, result.stderr
    return time.monotonic() - started, snapshot(folder / "warehouse.duckdb", volatile=False)


def _kill_at(folder: Path, export: Path, delay: float) -> int | None:
    """Start the load, SIGKILL it after `delay` seconds; its exit code (-9 when killed)."""
    process = start_etl(folder, "load", str(export))
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    return process.returncode


def test_sigkill_at_any_point_keeps_the_warehouse_whole(
    small_template: Path, big_export: Path, tmp_path: Path
) -> None:
    """Before or after, never between; the lock is free; the next load and rebuild succeed."""
    before = snapshot(small_template / "warehouse.duckdb", volatile=False)
    duration, after = _measured_run(small_template, big_export, tmp_path / "measured")
    rng = random.Random(SEED)
    fractions = [*FIXED_FRACTIONS, *(rng.uniform(0.05, 0.98) for _ in range(RANDOM_KILLS))]
    killed = 0
    for index, fraction in enumerate(fractions):
        folder = tmp_path / f"kill-{index}"
        shutil.copytree(small_template, folder)
        code = _kill_at(folder, big_export, fraction * duration)
        killed += code == -signal.SIGKILL
        state = snapshot(folder / "warehouse.duckdb", volatile=False)
        assert state in (before, after), f"half-published warehouse after a kill at {fraction:.2f}"
        with FileLock(str(folder / "warehouse.lock"), timeout=5):
            pass  # a second writer gets the lock at once
    assert killed >= len(FIXED_FRACTIONS) - 2, "the load ended before most kills: measure again"
    _next_load_and_rebuild(tmp_path / "kill-2", big_export, before, after)


def _next_load_and_rebuild(
    folder: Path, export: Path, before: dict[str, Table], after: dict[str, Table]
) -> None:
    """After a kill, loading the file again and rebuilding give what an unkilled run gives."""
    if snapshot(folder / "warehouse.duckdb", volatile=False) == before:
        result = run_etl(folder, "load", str(export))
        assert result.returncode == 0, result.stderr
        assert "loaded 301000 rows" in result.stdout
    assert snapshot(folder / "warehouse.duckdb", volatile=False) == after
    rebuilt = run_etl(folder, "rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert snapshot(folder / "warehouse.duckdb", volatile=False) == after
