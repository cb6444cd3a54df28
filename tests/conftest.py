"""Shared fixtures: every test gets its own data folder, never the repository's data/."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty data folder named by DASHBOARD_DATA_DIR for this test."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))
    return folder
