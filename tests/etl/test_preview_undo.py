"""The Upload page's ETL side: a preview that writes nothing, the download of rejected
lines, bad input that ends in a plain sentence, and undo (with rebuild keeping it undone).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from etl_helpers import VALID, Etl, export_text, xlsx_bytes

from etl import settings
from etl.load import load_files, rebuild
from etl.messages import LANGUAGES
from etl.preview import neutralise, preview_file, preview_upload, rejected_csv
from etl.undo import UndoRefused, undo_load

TOMORROW = (dt.date.today() + dt.timedelta(days=1)).isoformat()


def untouched(etl: Etl) -> tuple[bytes, int]:
    """The published warehouse's bytes and the number of loads logged."""
    path = settings.warehouse_path()
    return (path.read_bytes() if path.exists() else b"", etl.count("loads") if path.exists() else 0)


def projects(*overrides: dict[str, str]) -> str:
    return export_text("projects", list(overrides) or [{}])


# --- The preview ---------------------------------------------------------------------------------


def test_the_preview_counts_rows_to_add_replace_and_keep_and_writes_nothing(etl: Etl) -> None:
    """Against the stored rows: one new, one changed (before/after), one the same."""
    etl.load(projects({"project_id": "A"}, {"project_id": "B"}))
    before = untouched(etl)
    corrected = projects(
        {"project_id": "A"},
        {"project_id": "B", "status": "red", "percent_complete": "55"},
        {"project_id": "C"},
    )
    preview = preview_file(etl.write(corrected), "corrected.csv")
    assert preview.ready
    assert (preview.rows, preview.added, preview.replaced, preview.unchanged) == (3, 1, 1, 1)
    changes = {(c.line, c.key, c.column): (c.before, c.after) for c in preview.changes}
    assert changes == {
        (3, ("B", dt.date(2025, 1, 31)), "status"): ("green", "red"),
        (3, ("B", dt.date(2025, 1, 31)), "percent_complete"): (40.0, 55.0),
    }
    assert [row["project_id"] for row in preview.sample] == ["C"]
    assert untouched(etl) == before
    assert list((etl.root / "work").glob("*")) == []


def test_the_preview_of_an_empty_warehouse_has_only_rows_to_add(etl: Etl) -> None:
    preview = preview_file(etl.write(projects({"project_id": "A"}, {"project_id": "B"})), "p.csv")
    assert (preview.added, preview.replaced, preview.unchanged) == (2, 0, 0)
    assert not settings.warehouse_path().exists()


def test_the_preview_recognises_a_file_already_loaded_by_its_hash(etl: Etl) -> None:
    first = etl.load(projects(), name="march.csv")
    preview = preview_upload("march (copy).csv", projects().encode())
    assert preview.result.status == "duplicate"
    assert preview.result.duplicate_of == first.load_id
    assert preview.duplicate_loaded_at is not None


def test_the_preview_and_the_load_agree(etl: Etl) -> None:
    """What the preview announces is what the load then does."""
    etl.load(projects({"project_id": "A"}, {"project_id": "B"}))
    text = projects({"project_id": "A", "status": "red"}, {"project_id": "C"})
    preview = preview_upload("next.csv", text.encode())
    result = etl.load(text, name="next.csv")
    assert (result.rows, result.replaced) == (preview.rows, preview.replaced + preview.unchanged)


# --- Rejected lines --------------------------------------------------------------------------------


def test_the_rejected_lines_come_with_their_line_and_an_error_column(etl: Etl) -> None:
    text = projects(
        {"project_id": "A"},
        {"project_id": "=HYPERLINK(1)", "percent_complete": "much"},
        {"project_id": "C", "report_date": "02/13/2025"},
    )
    preview = preview_file(etl.write(text, name="bad.csv"), "bad.csv")
    assert preview.result.status == "rejected"
    assert [r.line for r in preview.rejected] == [3, 4]
    rows = list(csv.reader(io.StringIO(rejected_csv(preview, "de").decode("utf-8-sig"))))
    assert rows[0] == [*VALID["projects"], "Zeile", "Fehler"]
    assert rows[1][1] == "'=HYPERLINK(1)"  # a formula is neutralised
    assert rows[1][-2:] == ["3", 'percent_complete: gefunden «much», erwartet eine Zahl wie 1250000.50, '
                            "1'250'000.50 oder 1 250 000,50"]  # fmt: skip
    assert "beginnt offenbar mit dem Monat" in rows[2][-1]
    assert not settings.warehouse_path().exists()


@pytest.mark.parametrize("cell", ["=1+1", "+41 79", "-2", "@SUM(A1)", "\tx"])
def test_a_cell_a_spreadsheet_would_run_is_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert neutralise("plain") == "plain"


def test_a_file_with_a_social_security_number_offers_no_line_to_download(etl: Etl) -> None:
    preview = preview_file(etl.write(projects({"comment": "756.1234.5678.97"})), "ssn.csv")
    assert preview.result.problems[0].code == "ssn"
    assert preview.rejected == []


# --- Bad input: a sentence in the lead's language, and nothing changed -------------------------------

BAD_INPUT = {
    "wrong kind": (export_text("usage"), "positions"),
    "missing columns": (export_text("projects", drop=["phase", "status"]), None),
    "month-first dates": (projects({"report_date": "02/13/2025"}), None),
    "text in a number column": (projects({"budget_chf": "about a million"}), None),
    "enum outside the list": (projects({"status": "purple"}), None),
    "duplicate keys": (projects({"project_id": "A"}, {"project_id": "A"}), None),
    "future usage date": (export_text("usage", [{"date": TOMORROW}]), None),
    "personal identifier": (projects({}).replace("owner", "email", 1), None),
    "empty file": ("", None),
    "binary file": (b"%PDF-1.7\x00\x01\x02 binary", None),
}


def stored(etl: Etl) -> list[list[tuple[object, ...]]]:
    """Every row of the four tables exports feed."""
    return [
        sorted(etl.rows(f"select * from {t}"), key=repr)
        for t in ("projects", "milestones", "positions", "usage")
    ]


@pytest.mark.parametrize("case", BAD_INPUT)
def test_bad_input_ends_in_a_sentence_in_each_language_and_changes_nothing(etl: Etl, case: str) -> None:
    """The preview writes nothing at all; the load logs the attempt and stores no row."""
    etl.load(export_text("milestones"))
    published, rows = untouched(etl)[0], stored(etl)
    content, kind = BAD_INPUT[case]
    data = content.encode() if isinstance(content, str) else content
    preview = preview_upload("export.csv", data, kind)
    assert untouched(etl)[0] == published
    result = load_files([etl.write(data)], kind=kind, names=["export.csv"])[0]
    assert preview.result.status == result.status == "rejected"
    assert [p.code for p in preview.result.problems] == [p.code for p in result.problems]
    for lang in LANGUAGES:
        sentence = preview.result.problems[0].render(lang)
        assert "export.csv" in sentence and "{" not in sentence and "Traceback" not in sentence
    assert stored(etl) == rows


def test_an_excel_file_with_several_sheets_says_which_sheet_was_read(etl: Etl) -> None:
    header = list(VALID["milestones"])
    rows = [header, [VALID["milestones"][c] for c in header]]
    data = xlsx_bytes([("Plan", rows), ("Notes", [["anything"]])])
    preview = preview_upload("plan.xlsx", data)
    assert preview.ready
    (warning,) = [w for w in preview.result.warnings if w.code == "other_sheets"]
    assert "Plan" in warning.render("fr") and "Notes" in warning.render("fr")
    assert not settings.warehouse_path().exists()


# --- Undo ---------------------------------------------------------------------------------------------


def history(etl: Etl) -> list[tuple[object, ...]]:
    return etl.rows(
        "select l.load_id, status, rows, replaced_rows, d.undoes from loads l "
        "left join load_details d using (load_id) order by l.load_id"
    )


def test_undo_removes_a_loads_rows_and_restores_the_rows_it_replaced(etl: Etl) -> None:
    first = etl.load(projects({"project_id": "A"}, {"project_id": "B"}), name="march.csv")
    second = etl.load(projects({"project_id": "B", "status": "red"}, {"project_id": "C"}), name="fix.csv")
    assert (second.rows, second.replaced) == (2, 1)
    undone = undo_load(int(second.load_id or 0), "lea")
    assert (undone.rows, undone.replaced) == (2, 1)
    assert etl.rows("select project_id, status, load_id from projects order by project_id") == [
        ("A", "green", first.load_id),
        ("B", "green", first.load_id),
    ]
    assert history(etl) == [(1, "loaded", 2, 0, None), (2, "undone", 2, 1, None), (3, "undo", 2, 1, 2)]
    assert etl.rows("select loaded_by, file_name from loads where load_id = 3") == [("lea", "fix.csv")]


def test_a_rebuild_keeps_an_undone_load_undone(etl: Etl) -> None:
    etl.load(projects({"project_id": "A"}), name="march.csv")
    second = etl.load(projects({"project_id": "A", "status": "red"}), name="fix.csv")
    undo_load(int(second.load_id or 0), "lea")
    before = etl.dump()
    rebuild()
    assert etl.dump() == before
    settings.warehouse_path().unlink()
    rebuild()  # from the archive's manifest alone
    assert etl.dump() == before


def test_a_file_undone_can_be_loaded_again(etl: Etl) -> None:
    text = projects({"project_id": "A"})
    first = etl.load(text)
    undo_load(int(first.load_id or 0), "lea")
    again = etl.load(text)
    assert again.status == "loaded"
    assert etl.count("projects") == 1


def test_undo_refuses_what_is_not_a_stored_load_and_changes_nothing(etl: Etl) -> None:
    first = etl.load(projects())
    duplicate = etl.load(projects())
    before = untouched(etl)
    with pytest.raises(UndoRefused) as unknown:
        undo_load(99, "lea")
    with pytest.raises(UndoRefused) as not_loaded:
        undo_load(int(duplicate.load_id or 0), "lea")
    assert unknown.value.code == "undo_unknown"
    assert "duplicate" in not_loaded.value.render("en")
    assert "ne peut pas être annulé" in not_loaded.value.render("fr")
    undo_load(int(first.load_id or 0), "lea")
    with pytest.raises(UndoRefused, match="status is undone"):
        undo_load(int(first.load_id or 0), "lea")
    assert untouched(etl) != before  # the one real undo changed it


def test_undo_keeps_later_loads_replacing_what_they_replaced(etl: Etl) -> None:
    """Undoing a middle load: the later correction still wins over the first file."""
    etl.load(projects({"project_id": "A", "status": "green"}), name="1.csv")
    middle = etl.load(projects({"project_id": "B"}), name="2.csv")
    etl.load(projects({"project_id": "A", "status": "red"}), name="3.csv")
    undo_load(int(middle.load_id or 0), "lea")
    assert etl.rows("select project_id, status from projects order by project_id") == [("A", "red")]


def test_undo_of_a_mapped_load_keeps_the_other_mapped_loads(etl: Etl) -> None:
    exports = Path(settings.REPO_ROOT) / "tests" / "fixtures" / "exports"
    loaded = load_files([exports / "jira_projects.csv", exports / "jira_milestones.csv"])
    undo_load(int(loaded[0].load_id or 0), "lea")
    assert (etl.count("projects"), etl.count("milestones")) == (0, 4)
    assert etl.rows("select count(*) from load_details where mapping is not null") == [(2,)]
