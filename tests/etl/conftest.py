"""Fixtures for the ETL tests: a fresh data folder with a tiny catalogue.

Every test gets its own `DASHBOARD_DATA_DIR` (never the repository's data/) holding its
own metrics.csv, sites.csv and targets.csv, so what others put in data/ cannot change
the outcome. The helpers live in etl_helpers.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from etl_helpers import METRICS_CSV, SITES_CSV, TARGETS_CSV, Etl


@pytest.fixture
def etl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Etl:
    """A fresh data folder with a tiny metric catalogue, named by DASHBOARD_DATA_DIR."""
    root = tmp_path / "data"
    root.mkdir()
    (root / "metrics.csv").write_text(METRICS_CSV, encoding="utf-8")
    (root / "sites.csv").write_text(SITES_CSV, encoding="utf-8")
    (root / "targets.csv").write_text(TARGETS_CSV, encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(root))
    return Etl(root, tmp_path / "exports")
