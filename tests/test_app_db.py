"""The app's read-only connections (app/db.py) never mix two versions of the warehouse.

Connections are cached per version and opened by path: once a version's connection is
evicted and the file replaced, asking for that version again must fail with
WarehouseReplaced (the page reruns), never answer from the newer file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st

from app import db
from etl.load import load_files


def _load_usage(folder: Path, name: str, days: int) -> str:
    """Load a usage export of `days` rows (replacing the earlier ones); the new version."""
    lines = ["date;site;department;system;metric;value"]
    lines += [f"2025-01-{d:02d};Sion;medicine;EHR;nursing_notes_digital;{d}" for d in range(1, days + 1)]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [result] = load_files([path], loaded_by="test")
    assert result.status == "loaded", result.report("en")
    return db.warehouse_version()


def _rows(version: str) -> int:
    row = db.query_one(version, "select count(*) from usage")
    assert row is not None
    return int(row[0])


def test_an_evicted_version_is_never_answered_from_a_newer_file(data_dir: Path, tmp_path: Path) -> None:
    st.cache_resource.clear()
    first = _load_usage(tmp_path, "a.csv", 5)
    assert _rows(first) == 5
    second = _load_usage(tmp_path, "b.csv", 9)
    assert _rows(second) == 9
    third = _load_usage(tmp_path, "c.csv", 12)
    assert _rows(third) == 12  # two newer versions opened: the first one's connection is evicted
    with pytest.raises(db.WarehouseReplaced):
        _rows(first)
    assert _rows(third) == 12
