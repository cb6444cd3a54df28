"""Analysts' edits of the catalogue, targets and settings (etl/reference.py): validated,
saved into the data folder with the marts rebuilt, logged, and revertible.

Each test works on a private copy of the tiny hospital (tests/analyst_support.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from analyst_support import (
    COEFFICIENTS,
    LATEST,
    METRICS_CSV,
    TARGETS_CSV,
    build_hospital,
    hours,
)

import app
from etl import checks, reference, settings_file, warehouse
from etl.settings import REPO_DATA_DIR

Rows = list[dict[str, str]]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny hospital, built once for the module."""
    base = tmp_path_factory.mktemp("reference")
    build_hospital(base / "data", base / "exports")
    return base / "data"


@pytest.fixture
def hospital(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the tiny hospital, named by DASHBOARD_DATA_DIR."""
    root = tmp_path / "data"
    shutil.copytree(template, root, ignore=shutil.ignore_patterns("work", "*.lock"))
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(root))
    return root


def metric_rows() -> Rows:
    """The catalogue in force, as editable text rows."""
    snapshot = reference.read(reference.METRICS)
    return reference.edited_rows(reference.METRICS, snapshot.frame())


def row_of(rows: Rows, **key: str) -> dict[str, str]:
    """The row whose columns hold these values."""
    return next(r for r in rows if all(r[c] == v for c, v in key.items()))


def published_hours(month: dt.date) -> tuple[float, float, float]:
    """Hours freed in a month, low, base and high, from the published mart."""
    con = warehouse.connect_read_only()
    try:
        row = con.execute(
            "select sum(hours_low), sum(hours_base), sum(hours_high) from mart_time_saved_monthly"
            " where month = ?",
            [month],
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    return row


def audit_rows(root: Path) -> list[dict[str, str]]:
    """The audit log as the file holds it."""
    with (root / "audit" / "changes.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- Reading, diffing and writing ------------------------------------------------------------


def test_files_read_and_write_back_byte_for_byte(hospital: Path) -> None:
    """It keeps quotes, separators and number forms: an edit that changes nothing changes no byte."""
    for table, text in ((reference.METRICS, METRICS_CSV), (reference.TARGETS, TARGETS_CSV)):
        snapshot = reference.read(table)
        rows = reference.edited_rows(table, snapshot.frame())
        assert reference.diff(snapshot, rows) == []
        assert reference.render_csv(snapshot.header, reference.merged(snapshot, rows)) == text


def test_an_edit_changes_only_its_own_cell_in_the_file(hospital: Path) -> None:
    """It rewrites the edited cell; every other line stays as it was."""
    snapshot = reference.read(reference.METRICS)
    rows = metric_rows()
    row_of(rows, metric="med_admin_scanned")["minutes_saved_base"] = "0.75"
    text = reference.render_csv(snapshot.header, reference.merged(snapshot, rows))
    changed = [(a, b) for a, b in zip(METRICS_CSV.splitlines(), text.splitlines(), strict=True) if a != b]
    assert len(changed) == 1 and changed[0][1].endswith(",0,0.75,1.0,Study B")


def test_a_diff_lists_fields_and_whole_rows(hospital: Path) -> None:
    """It reports a changed field with old and new values, and rows added or removed by key."""
    snapshot = reference.read(reference.METRICS)
    rows = [r for r in metric_rows() if r["metric"] != "portal_active_patients"]
    row_of(rows, metric="nursing_notes_digital")["minutes_saved_base"] = "3"
    rows.append({**row_of(rows, metric="vitals_manual"), "metric": "vitals_new", "paper_metric": ""})
    changes = {(c.key, c.field, c.old, c.new != "") for c in reference.diff(snapshot, rows)}
    assert changes == {
        ("portal_active_patients", reference.ROW, changes_old(snapshot, "portal_active_patients"), False),
        ("vitals_new", reference.ROW, "", True),
        ("nursing_notes_digital", "minutes_saved_base", "2.0", True),
    }
    field = next(c for c in reference.diff(snapshot, rows) if c.field == "minutes_saved_base")
    assert field.new == "3.0"  # 3 and 3.0 are the same number, written one way


def changes_old(snapshot: reference.Snapshot, metric: str) -> str:
    """The JSON a removed row is logged with."""
    [change] = [c for c in reference.diff(snapshot, []) if c.key == metric]
    return change.old


# --- Validation -----------------------------------------------------------------------------

METRIC_EDITS: list[tuple[str, Callable[[Rows], None]]] = [
    (
        "coefficients_order",
        lambda rows: row_of(rows, metric="nursing_notes_digital").update(minutes_saved_low="9"),
    ),
    ("source_required", lambda rows: row_of(rows, metric="med_admin_scanned").update(source="")),
    ("required", lambda rows: row_of(rows, metric="vitals_manual").update(label_de="")),
    ("aim", lambda rows: row_of(rows, metric="vitals_manual").update(aim="world_peace")),
    ("aggregation", lambda rows: row_of(rows, metric="vitals_manual").update(aggregation="median")),
    ("paper_metric", lambda rows: row_of(rows, metric="vitals_device_captured").update(paper_metric="fax")),
    ("not_a_number", lambda rows: row_of(rows, metric="vitals_manual").update(minutes_saved_high="lots")),
    ("metric_name", lambda rows: row_of(rows, metric="vitals_manual").update(metric="Vitals Manual!")),
    ("duplicate_key", lambda rows: rows.append(dict(rows[0]))),
    ("metric_in_use", lambda rows: rows.remove(row_of(rows, metric="vitals_manual"))),
]


@pytest.mark.parametrize(("code", "edit"), METRIC_EDITS, ids=[code for code, _ in METRIC_EDITS])
def test_the_catalogue_rules_refuse_a_bad_edit(
    hospital: Path, code: str, edit: Callable[[Rows], None]
) -> None:
    """It names the rule a catalogue edit breaks, and saving it raises Invalid."""
    rows = metric_rows()
    assert reference.validate(reference.METRICS, rows) == []
    edit(rows)
    in_use = {"vitals_manual"}
    assert code in {issue.code for issue in reference.validate(reference.METRICS, rows, in_use)}
    with pytest.raises(reference.Invalid):
        reference.save(reference.read(reference.METRICS), rows, "tester", in_use)


def test_a_metric_with_targets_cannot_leave_the_catalogue(hospital: Path) -> None:
    """It refuses to remove a metric a target still names."""
    rows = [r for r in metric_rows() if r["metric"] != "nursing_notes_digital"]
    rows = [{**r, "paper_metric": ""} if r["paper_metric"] == "nursing_notes_digital" else r for r in rows]
    codes = {(i.code, i.key) for i in reference.validate(reference.METRICS, rows)}
    assert ("metric_has_targets", "nursing_notes_digital") in codes


TARGET_EDITS: list[tuple[str, Callable[[Rows], None]]] = [
    ("kpi_unknown", lambda rows: rows[0].update(kpi="happiness")),
    ("scope_unknown", lambda rows: rows[0].update(scope="Atlantis")),
    ("share_range", lambda rows: rows[0].update(target="90")),
    ("negative", lambda rows: rows[1].update(target="-5")),
    ("direction", lambda rows: rows[1].update(direction="sideways")),
    ("not_a_date", lambda rows: rows[1].update(due_date="soon")),
    ("required", lambda rows: rows[1].update(scope="")),
]


@pytest.mark.parametrize(("code", "edit"), TARGET_EDITS, ids=[code for code, _ in TARGET_EDITS])
def test_the_target_rules_refuse_a_bad_edit(hospital: Path, code: str, edit: Callable[[Rows], None]) -> None:
    """It names the rule a target edit breaks."""
    snapshot = reference.read(reference.TARGETS)
    rows = reference.edited_rows(reference.TARGETS, snapshot.frame())
    assert reference.validate(reference.TARGETS, rows) == []
    edit(rows)
    assert code in {issue.code for issue in reference.validate(reference.TARGETS, rows)}


def test_a_target_may_name_a_region_or_a_site(hospital: Path) -> None:
    """It accepts all, a language region and a site of sites.csv as scopes."""
    snapshot = reference.read(reference.TARGETS)
    rows = reference.edited_rows(reference.TARGETS, snapshot.frame())
    extra = [{**rows[0], "scope": scope} for scope in ("fr", "Brig")]
    assert reference.validate(reference.TARGETS, rows + extra) == []


# --- Saving, logging, reverting -----------------------------------------------------------------


def test_saving_writes_the_data_folder_rebuilds_the_marts_and_logs(hospital: Path) -> None:
    """It writes metrics.csv in the data folder (never the repository's), recomputes the hours
    freed, and logs who changed what, when, from what to what."""
    repository_file = (REPO_DATA_DIR / "metrics.csv").stat()
    assert published_hours(LATEST) == pytest.approx([hours(LATEST, e) for e in ("low", "base", "high")])
    rows = metric_rows()
    row_of(rows, metric="nursing_notes_digital")["minutes_saved_base"] = "3.0"
    [change] = reference.save(reference.read(reference.METRICS), rows, "ana.lyst")
    edited = {**COEFFICIENTS, "nursing_notes_digital": (1.0, 3.0, 4.0)}
    assert published_hours(LATEST)[1] == pytest.approx(hours(LATEST, "base", edited))
    assert ",1.0,3.0,4.0," in (hospital / "metrics.csv").read_text(encoding="utf-8")
    assert (REPO_DATA_DIR / "metrics.csv").stat().st_mtime_ns == repository_file.st_mtime_ns
    [logged] = audit_rows(hospital)
    assert (logged["change_id"], logged["changed_by"], logged["table_name"], logged["key"]) == (
        "1",
        "ana.lyst",
        "metrics",
        "nursing_notes_digital",
    )
    assert (logged["field"], logged["old_value"], logged["new_value"], logged["reverts"]) == (
        "minutes_saved_base",
        "2.0",
        "3.0",
        "",
    )
    assert dt.datetime.fromisoformat(logged["changed_at"]).date() == dt.date.today()
    assert change.change_id == 1


def test_the_preview_is_what_the_mart_gives_after_saving(hospital: Path) -> None:
    """It previews the hours with the mart's own SQL: the figures after saving are the same."""
    rows = metric_rows()
    row_of(rows, metric="med_admin_scanned")["minutes_saved_high"] = "2.5"
    row_of(rows, metric="vitals_device_captured")["minutes_saved_low"] = "0.5"
    preview = reference.preview_hours(rows)
    assert preview.month == LATEST
    before = preview.monthly[["before_low", "before_base", "before_high"]].to_numpy()
    reference.save(reference.read(reference.METRICS), rows, "tester")
    after = reference.preview_hours(metric_rows())  # the published mart, now
    assert after.monthly[["before_low", "before_base", "before_high"]].to_numpy() == pytest.approx(
        preview.monthly[["after_low", "after_base", "after_high"]].to_numpy()
    )
    assert before[-1] == pytest.approx([hours(LATEST, e) for e in ("low", "base", "high")])
    assert set(preview.by_metric["metric"]) == {"med_admin_scanned"}  # vitals has no row in August


def test_a_field_change_is_reverted_as_a_logged_change(hospital: Path) -> None:
    """It puts the old value back, logs the revert pointing at the change, and refuses twice."""
    rows = metric_rows()
    row_of(rows, metric="nursing_notes_digital")["minutes_saved_base"] = "3.0"
    [change] = reference.save(reference.read(reference.METRICS), rows, "ana")
    [undo] = reference.revert(change.change_id or 0, "bea")
    assert (undo.old, undo.new, undo.reverts, undo.changed_by) == ("3.0", "2.0", 1, "bea")
    assert (hospital / "metrics.csv").read_text(encoding="utf-8") == METRICS_CSV
    assert published_hours(LATEST)[1] == pytest.approx(hours(LATEST, "base"))
    assert reference.reverted_ids() == {1: 2}
    with pytest.raises(reference.Invalid) as refused:
        reference.revert(1, "bea")
    assert refused.value.issues[0].code == "already_reverted"


def test_rows_added_and_removed_are_reverted(hospital: Path) -> None:
    """It removes a row that was added and puts back a row that was removed."""
    snapshot = reference.read(reference.TARGETS)
    rows = reference.edited_rows(reference.TARGETS, snapshot.frame())
    added = {**rows[1], "scope": "Sion", "target": "40"}
    saved = reference.save(snapshot, [rows[0], added], "ana")
    assert {(c.key, c.new != "") for c in saved} == {
        ("hours_freed|all|2027-12-31", False),
        ("hours_freed|Sion|2027-12-31", True),
    }
    for change in saved:
        reference.revert(change.change_id or 0, "ana")
    assert (hospital / "targets.csv").read_text(encoding="utf-8").splitlines()[1:] == [
        TARGETS_CSV.splitlines()[1],
        TARGETS_CSV.splitlines()[2],
    ]


def test_a_revert_is_refused_when_the_value_changed_since(hospital: Path) -> None:
    """It will not undo a change whose cell was edited again afterwards."""
    rows = metric_rows()
    row_of(rows, metric="nursing_notes_digital")["minutes_saved_base"] = "3.0"
    [first] = reference.save(reference.read(reference.METRICS), rows, "ana")
    row_of(rows, metric="nursing_notes_digital")["minutes_saved_base"] = "3.5"
    reference.save(reference.read(reference.METRICS), rows, "ana")
    with pytest.raises(reference.Invalid) as refused:
        reference.revert(first.change_id or 0, "ana")
    assert refused.value.issues[0].code == "revert_conflict"


def test_a_save_onto_a_file_changed_meanwhile_is_refused(hospital: Path) -> None:
    """It refuses to overwrite another analyst's save made since the edit started."""
    snapshot = reference.read(reference.METRICS)
    theirs = metric_rows()
    row_of(theirs, metric="med_admin_scanned")["minutes_saved_base"] = "0.6"
    reference.save(snapshot, theirs, "other")
    mine = metric_rows()
    row_of(mine, metric="nursing_notes_digital")["minutes_saved_base"] = "3.0"
    with pytest.raises(reference.Conflict):
        reference.save(snapshot, mine, "me")
    assert ",0,0.6,1.0," in (hospital / "metrics.csv").read_text(encoding="utf-8")


def test_a_failing_check_puts_the_file_back_and_logs_nothing(hospital: Path) -> None:
    """When the rebuilt warehouse fails a check, the old file, log and warehouse stay."""
    before = warehouse.version()
    rows = [r for r in metric_rows() if r["metric"] != "portal_active_patients"]
    with pytest.raises(checks.ChecksFailed, match="usage_metrics_in_catalogue"):
        reference.save(reference.read(reference.METRICS), rows, "ana", in_use=())  # a stale in_use
    assert (hospital / "metrics.csv").read_text(encoding="utf-8") == METRICS_CSV
    assert not (hospital / "audit" / "changes.csv").exists()
    assert warehouse.version() == before


# --- Settings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value", "code"),
    [
        ("annual_hours_per_fte", "500", "out_of_range"),
        ("annual_hours_per_fte", "lots", "not_a_number"),
        ("programme_start", "2999-01-01", "date_out_of_range"),
        ("programme_start", "01/02/2025", "not_a_date"),
        ("stale_after_days.usage", "2.5", "not_whole"),
        ("stale_after_days.projects", "", "required"),
    ],
)
def test_the_settings_rules_refuse_a_bad_value(hospital: Path, key: str, value: str, code: str) -> None:
    """It names the setting and the rule its new value breaks."""
    values = {**reference.settings_values(), key: value}
    assert [(i.key, i.code) for i in reference.validate_settings(values)] == [(key, code)]


def test_a_saved_setting_drives_the_figures_and_can_be_reverted(hospital: Path) -> None:
    """It writes settings.toml in the data folder, the app reads the new values at once, and a
    revert brings the old ones back."""
    assert app.ANNUAL_HOURS_PER_FTE == 1900.0 and app.STALE_AFTER_DAYS["usage"] == 7
    values = {**reference.settings_values(), "annual_hours_per_fte": "1800", "stale_after_days.usage": "30"}
    saved = reference.save_settings(values, "ana", reference.settings_token())
    assert {(c.key, c.old, c.new) for c in saved} == {
        ("annual_hours_per_fte", "1900.0", "1800.0"),
        ("stale_after_days.usage", "7", "30"),
    }
    assert app.ANNUAL_HOURS_PER_FTE == 1800.0 and app.STALE_AFTER_DAYS["usage"] == 30
    assert settings_file.load().annual_hours_per_fte == 1800.0
    assert "annual_hours_per_fte = 1800.0" in (hospital / "settings.toml").read_text(encoding="utf-8")
    reference.revert(next(c.change_id for c in saved if c.key == "annual_hours_per_fte") or 0, "ana")
    assert app.ANNUAL_HOURS_PER_FTE == 1900.0 and app.STALE_AFTER_DAYS["usage"] == 30


def test_a_settings_file_with_a_bad_value_says_which(hospital: Path) -> None:
    """Reading a hand-edited settings.toml with an impossible value names the key."""
    path = hospital / "settings.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("usage = 7", "usage = 0"), encoding="utf-8")
    with pytest.raises(settings_file.SettingsError, match=r"stale_after_days\.usage"):
        settings_file.load()


def test_the_tracked_settings_file_is_valid() -> None:
    """The repository's data/settings.toml parses, and rendering it gives it back unchanged."""
    text = (REPO_DATA_DIR / settings_file.FILE_NAME).read_text(encoding="utf-8")
    values = settings_file.from_values(settings_file.flatten(__import__("tomllib").loads(text)))
    assert settings_file.render(values) == text
