"""Every path the project uses, anchored at the repository and overridable by environment."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = REPO_ROOT / "etl" / "sql"
REPO_DATA_DIR = REPO_ROOT / "data"


def data_dir() -> Path:
    """The data folder: `DASHBOARD_DATA_DIR`, or the repository's `data/`."""
    configured = os.environ.get("DASHBOARD_DATA_DIR")
    return Path(configured).resolve() if configured else REPO_DATA_DIR


def warehouse_path() -> Path:
    return data_dir() / "warehouse.duckdb"


def archive_dir() -> Path:
    """Accepted originals, addressed by SHA-256, and the load manifest."""
    return data_dir() / "archive"


def work_dir() -> Path:
    """Scratch space for a load in progress (the copy being built, spill files)."""
    return data_dir() / "work"


def demo_dir() -> Path:
    """Where `python -m etl demo` writes the demonstration exports."""
    return data_dir() / "demo"


def lock_path() -> Path:
    """The lock file that serialises writers."""
    return data_dir() / "warehouse.lock"


def reference_file(name: str) -> Path:
    """A reference file (metrics.csv, targets.csv, sites.csv): the data folder's copy wins.

    Analysts edit the tracked copy in the repository; a data folder may carry its own.
    """
    local = data_dir() / name
    return local if local.exists() else REPO_DATA_DIR / name
