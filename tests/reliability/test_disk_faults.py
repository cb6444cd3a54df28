"""A full disk or a read-only data folder: the load fails with exit code 1, the published
warehouse stays exactly as it was, no half-copied original is left and the lock is free.

Root ignores chmod, so the faults are real file systems: a tmpfs of a tiny size (full
disk) and a read-only bind mount. Where mounting is not permitted, these tests skip.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from filelock import FileLock
from reliability_support import run_etl, snapshot, usage_export

# Sizes at which the load runs out of space while copying the warehouse, while archiving
# the original, and while DuckDB checkpoints the new warehouse (a 3.4 MB template).
TMPFS_SIZES_MB = (6, 14, 26)


@pytest.fixture(scope="module")
def big_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("disk") / "usage_big.csv"
    usage_export(path, "2025-07-01", 200, 215)
    return path


@contextmanager
def mounted(*arguments: str) -> Iterator[None]:
    """Mount for the duration of the block (skip when the sandbox forbids mounting)."""
    target = arguments[-1]
    done = subprocess.run(["mount", *arguments], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"mount is not permitted here: {done.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", target], capture_output=True, check=False)


def _assert_failed_cleanly(result: subprocess.CompletedProcess[str], folder: Path, before: object) -> None:
    """Exit 1, an explanation on stderr, the same warehouse, no partial file, a free lock."""
    assert result.returncode == 1, result.stdout
    assert result.stderr.strip()
    assert snapshot(folder / "warehouse.duckdb") == before
    assert not list((folder / "archive").rglob("*.partial"))
    with FileLock(str(folder / "warehouse.lock"), timeout=5):
        pass


@pytest.mark.parametrize("size_mb", TMPFS_SIZES_MB)
def test_full_disk_keeps_the_previous_warehouse(
    small_template: Path, big_export: Path, tmp_path: Path, size_mb: int
) -> None:
    """Out of space at any stage of a load: exit 1 and the warehouse as it was."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    with mounted("-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", str(folder)):
        shutil.copytree(small_template, folder, dirs_exist_ok=True)
        before = snapshot(folder / "warehouse.duckdb")
        result = run_etl(folder, "load", str(big_export))
        _assert_failed_cleanly(result, folder, before)


def test_read_only_data_folder_keeps_the_previous_warehouse(
    small_template: Path, big_export: Path, tmp_path: Path
) -> None:
    """A data folder mounted read-only: exit 1 and the warehouse as it was."""
    source = tmp_path / "data"
    shutil.copytree(small_template, source)
    folder = tmp_path / "read-only"
    folder.mkdir()
    before = snapshot(source / "warehouse.duckdb")
    with mounted("-o", "bind,ro", str(source), str(folder)):
        result = run_etl(folder, "load", str(big_export))
        assert result.returncode == 1
        assert snapshot(folder / "warehouse.duckdb") == before
    assert snapshot(source / "warehouse.duckdb") == before


def test_full_disk_is_explained_in_one_sentence(
    small_template: Path, big_export: Path, tmp_path: Path
) -> None:
    """The person loading reads a sentence saying the disk is full, not a traceback."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    with mounted("-t", "tmpfs", "-o", "size=14m", "tmpfs", str(folder)):
        shutil.copytree(small_template, folder, dirs_exist_ok=True)
        result = run_etl(folder, "load", str(big_export))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
