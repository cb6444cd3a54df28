"""The command line (shared/contracts.md, section 6): `python -m etl load|rebuild|status`.

Each test runs the real CLI in a subprocess from the repository root, with
DASHBOARD_DATA_DIR naming the test's own data folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from etl_helpers import Etl, export_text

from etl import archive, settings


def run(etl: Etl, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DASHBOARD_DATA_DIR": str(etl.root), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "etl", *map(str, args)],
        cwd=settings.REPO_ROOT, env=env, capture_output=True, text=True, timeout=120,
        check=False,
    )


def test_load_exits_0_when_every_file_loaded(etl: Etl) -> None:
    usage = etl.write(export_text("usage", [{}, {}]), name="usage.csv")
    positions = etl.write(export_text("positions"), name="positions.csv")
    done = run(etl, "load", usage, positions)
    assert done.returncode == 0, done.stderr
    assert "usage.csv: loaded 2 rows as usage" in done.stdout
    assert "positions.csv: loaded 1 rows as positions" in done.stdout
    assert done.stderr == ""
    assert (etl.count("usage"), etl.count("positions")) == (2, 1)
    assert etl.rows("select distinct loaded_by from loads") == [("cli",)]


def test_load_exits_0_when_a_file_was_already_loaded(etl: Etl) -> None:
    usage = etl.write(export_text("usage"), name="usage.csv")
    assert run(etl, "load", usage).returncode == 0
    again = run(etl, "load", usage)
    assert again.returncode == 0, again.stderr
    assert "already loaded" in again.stdout


def test_load_exits_1_when_a_file_is_rejected_with_errors_on_stderr(etl: Etl) -> None:
    """The errors name the file, the line and the column; the good file still loads."""
    good = etl.write(export_text("usage"), name="good.csv")
    bad = etl.write(export_text("projects", [{}, {"percent_complete": "much"}]), name="bad.csv")
    done = run(etl, "load", good, bad)
    assert done.returncode == 1
    assert "bad.csv: rejected" in done.stderr
    assert 'bad.csv, line 3, column percent_complete: found "much"' in done.stderr
    assert "good.csv: loaded 1 rows" in done.stdout
    assert "bad.csv" not in done.stdout
    assert (etl.count("usage"), etl.count("projects")) == (1, 0)


def test_load_uses_the_kind_given(etl: Etl) -> None:
    milestones = etl.write(export_text("milestones"), name="m.csv")
    done = run(etl, "load", "--kind", "milestones", milestones)
    assert done.returncode == 0, done.stderr
    assert etl.count("milestones") == 1


def test_load_exits_1_when_the_kind_given_does_not_fit(etl: Etl) -> None:
    milestones = etl.write(export_text("milestones"), name="m.csv")
    done = run(etl, "load", "--kind", "positions", milestones)
    assert done.returncode == 1
    assert "m.csv" in done.stderr and "position_id" in done.stderr


@pytest.mark.parametrize(
    "args",
    [["frobnicate"], [], ["load"], ["load", "--kind", "budget", "FILE"],
     ["load", "does-not-exist.csv"], ["load", "FILE", "does-not-exist.csv"]],
    ids=["unknown-command", "no-command", "no-file", "bad-kind", "missing-file",
         "one-missing-file"],
)
def test_wrong_usage_exits_2_and_changes_nothing(etl: Etl, args: list[str]) -> None:
    real = etl.write(export_text("usage"), name="usage.csv")
    done = run(etl, *[str(real) if a == "FILE" else a for a in args])
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stderr != ""
    assert not settings.warehouse_path().exists()


def test_status_prints_rows_per_kind(etl: Etl) -> None:
    etl.load(export_text("usage", [{}, {}, {"date": "2025-03-01"}]))
    etl.load(export_text("projects", [{}, {}]))
    done = run(etl, "status")
    assert done.returncode == 0, done.stderr
    lines = {line.split()[0]: line.split() for line in done.stdout.splitlines() if line.strip()}
    assert lines["usage"][1:3] == ["3", "2025-03-01"]
    assert lines["projects"][1:3] == ["2", "2025-01-31"]
    assert lines["milestones"][1:] == ["0", "-", "-"]
    assert lines["positions"][1:] == ["0", "-", "-"]
    assert lines["usage"][3] != "-"  # the time of the latest load


def test_status_without_a_warehouse_says_so(etl: Etl) -> None:
    done = run(etl, "status")
    assert done.returncode == 0
    assert "No warehouse yet" in done.stdout


def test_rebuild_reproduces_the_warehouse(etl: Etl) -> None:
    etl.load(export_text("usage", [{}, {}]))
    etl.load(export_text("positions", [{"fte": "80%"}]))
    etl.load(export_text("positions", [{"fte": "0"}]))
    before = etl.dump()
    done = run(etl, "rebuild")
    assert done.returncode == 0, done.stderr
    assert "2 archived files" in done.stdout
    assert etl.dump() == before


def test_rebuild_exits_1_and_changes_nothing_when_the_archive_is_damaged(etl: Etl) -> None:
    etl.load(export_text("usage", [{}, {}]), name="usage.csv")
    before = etl.dump()
    digest = etl.value("select sha256 from loads")
    original = archive.original_path(digest)
    original.write_bytes(original.read_bytes() + b"2025-01-02,Sion,,CPOE,e_prescriptions,1\n")
    done = run(etl, "rebuild")
    assert done.returncode == 1
    assert "usage.csv" in done.stderr and "unchanged" in done.stderr
    assert etl.dump() == before
