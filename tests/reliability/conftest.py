"""Fixtures of the reliability tests: a small published warehouse to copy for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reliability_support import run_etl, usage_export


@pytest.fixture(scope="session")
def small_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with one usage file loaded through the CLI (built once per session)."""
    root = tmp_path_factory.mktemp("reliability-template")
    export = root / "base.csv"
    usage_export(export, "2025-01-01", 31, 4)
    folder = root / "data"
    result = run_etl(folder, "load", str(export))
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture
def warehouse_dir(small_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the template data folder, named by DASHBOARD_DATA_DIR."""
    folder = tmp_path / "data"
    shutil.copytree(small_template, folder)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))
    return folder
