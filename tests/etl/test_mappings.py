"""Saved column mappings: presets for Jira, OpenProject and Microsoft Project, a lead's own
mappings in the data folder, applied by `python -m etl load` as by the Upload page, and
archived with each load so a rebuild reads the file as it was read.

The tool fixtures in tests/fixtures/exports/ are small files in the formats those tools
write: Jira's "Issue key" and dd/MMM/yy dates, OpenProject's lowercase "id", month-first
dates and "40% · Σ 55%", Microsoft Project's "Mon 03.02.25" dates, NA and Windows-1252.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from etl_helpers import Etl, export_text
from hypothesis import given, settings
from hypothesis import strategies as st

from etl import load, mappings
from etl.contracts import KINDS
from etl.load import load_files, rebuild
from etl.mappings import MappingError, SavedMapping
from etl.settings import REPO_ROOT

EXPORTS = REPO_ROOT / "tests" / "fixtures" / "exports"
TOOLS = {
    "jira_projects.csv": "Jira → projects",
    "jira_milestones.csv": "Jira → milestones",
    "openproject_projects.csv": "OpenProject → projects",
    "openproject_milestones.csv": "OpenProject → milestones",
    "msproject_projects.csv": "Microsoft Project → projects",
    "msproject_milestones.csv": "Microsoft Project → milestones",
}
LEAD_HEADERS = [
    "Date du rapport",
    "Code projet",
    "Intitulé",
    "Programme",
    "Étape",
    "Statut",
    "Échéance",
    "Avancement",
]
LEAD_ROW = ["31.10.2025", "P-7", "Dossier de soins", "Soins", "Réalisation", "orange", "30.06.2026", "35 %"]


def cli(etl: Etl, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DASHBOARD_DATA_DIR": str(etl.root), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "etl", *map(str, args)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def lead_file(etl: Etl, rows: list[list[str]] | None = None, name: str = "rapport.csv") -> Path:
    lines = [";".join(LEAD_HEADERS), *(";".join(r) for r in rows or [LEAD_ROW])]
    return etl.write("\n".join(lines) + "\n", name=name)


def lead_mapping() -> SavedMapping:
    columns = {
        "report_date": "Date du rapport",
        "project_id": "Code projet",
        "project_name": "Intitulé",
        "programme": "Programme",
        "phase": "Étape",
        "status": "Statut",
        "planned_end": "Échéance",
        "percent_complete": "Avancement",
    }
    return mappings.new_mapping("Rapport mensuel", "projects", LEAD_HEADERS, columns, {})


# --- The presets -------------------------------------------------------------------------


def test_every_preset_is_a_valid_mapping_that_reads_back_the_same() -> None:
    """It ships a projects and a milestones preset per tool; each survives its own TOML."""
    presets = [m for m in mappings.all_mappings() if m.preset]
    assert sorted(m.name for m in presets) == sorted(TOOLS.values())
    for preset in presets:
        again = mappings.parse(mappings.to_toml(preset))
        assert again.sha256 == preset.sha256
        assert set(preset.columns) | set(preset.constants) >= set(KINDS[preset.kind].required), preset.name


@pytest.mark.parametrize(("file", "preset"), TOOLS.items())
def test_each_tool_export_finds_its_own_preset(file: str, preset: str) -> None:
    """It picks the preset of the right tool and kind from the headers alone."""
    headers = (EXPORTS / file).read_bytes().decode("latin-1").splitlines()[0]
    separator = ";" if ";" in headers else ","
    found = mappings.find([h.strip() for h in headers.split(separator)])
    assert found is not None and found.name == preset


def test_the_cli_loads_every_tool_export_through_its_preset(etl: Etl) -> None:
    """`python -m etl load` reads each tool's export with its preset, values as meant."""
    done = cli(etl, "load", *(EXPORTS / f for f in TOOLS))
    assert done.returncode == 0, done.stderr
    for file, preset in TOOLS.items():
        assert f"{file}: read with the mapping “{preset}”" in done.stdout
    assert etl.rows(
        "select project_id, report_date, phase, status, start_date, planned_end, percent_complete, programme "
        "from projects where project_id in ('DIG-14', '1201', 'DIG-032') order by project_id"
    ) == [
        ("1201", dt.date(2025, 10, 28), "build", "green", dt.date(2025, 2, 3), dt.date(2026, 12, 18), 55.0,
         "Clinical information system"),
        ("DIG-032", dt.date.today(), "build", "red", dt.date(2025, 4, 1), dt.date(2026, 3, 30), 30.0,
         "Unassigned programme"),
        ("DIG-14", dt.date(2025, 10, 28), "build", "green", dt.date(2025, 3, 1), dt.date(2026, 6, 30), 50.0,
         "Patient access"),
    ]  # fmt: skip
    assert sorted(etl.rows("select project_id, milestone_id, planned_date, actual_date from milestones")) == [
        ("1201", "1310", dt.date(2025, 5, 12), dt.date(2025, 5, 12)),
        ("1201", "1311", dt.date(2026, 3, 2), None),
        ("1202", "1320", dt.date(2025, 12, 1), None),
        ("DIG-031", "18", dt.date(2025, 11, 28), None),
        ("DIG-032", "9", dt.date(2025, 6, 2), dt.date(2025, 6, 3)),
        ("DIG-033", "26", dt.date(2025, 5, 12), dt.date(2025, 5, 12)),
        ("DIG-14", "DIG-101", dt.date(2025, 6, 15), dt.date(2025, 6, 14)),
        ("DIG-14", "DIG-102", dt.date(2026, 6, 30), None),
        ("DIG-21", "DIG-115", dt.date(2025, 8, 31), dt.date(2025, 9, 2)),
        ("DIG-21", "DIG-116", dt.date(2025, 12, 31), None),
    ]


def test_a_jira_status_is_read_as_the_contracts_phase_and_progress(etl: Etl) -> None:
    """Jira's "Done" is the phase closed and 100% complete, by the preset's value maps."""
    (result,) = load_files([EXPORTS / "jira_projects.csv"])
    assert result.status == "loaded", result.report()
    assert etl.rows("select phase, percent_complete from projects where project_id = 'DIG-9'") == [
        ("closed", 100.0)
    ]


def test_a_preset_names_the_columns_the_tools_export_lacks(etl: Etl) -> None:
    """A Jira export without its due dates is refused, naming the missing column."""
    text = (EXPORTS / "jira_projects.csv").read_text(encoding="utf-8").replace("Due date", "Deadline")
    headers = text.splitlines()[0].split(",")
    preset = next(m for m in mappings.all_mappings() if m.name == "Jira → projects")
    result = etl.load(text, name="jira.csv", kind="projects")
    assert not preset.applies_to(headers)
    assert result.status == "rejected"
    forced = load_files([etl.write(text, name="jira.csv")], saved_mappings=[preset])[0]
    assert forced.problems[0].code == "mapping_columns"
    assert "Due date" in forced.problems[0].render("en")
    assert etl.count("projects") == 0


# --- A lead's own mappings ---------------------------------------------------------------------


def test_a_saved_mapping_is_applied_by_the_cli_to_a_file_with_the_same_headers(etl: Etl) -> None:
    """Saved once (as the Upload page does), it reads every later file with these headers."""
    saved = mappings.save(lead_mapping())
    assert saved.path is not None and saved.path.parent == etl.root / "mappings"
    done = cli(etl, "load", lead_file(etl))
    assert done.returncode == 0, done.stderr
    assert "read with the mapping “Rapport mensuel”" in done.stdout
    assert etl.rows("select project_id, phase, status, percent_complete from projects") == [
        ("P-7", "build", "amber", 35.0)
    ]


def test_a_saved_mapping_is_not_applied_to_a_file_with_other_headers(etl: Etl) -> None:
    mappings.save(lead_mapping())
    other = [*LEAD_HEADERS, "Commentaire"]
    assert mappings.find(other) is None
    assert mappings.find(list(reversed(LEAD_HEADERS))) is not None  # the order does not matter


def test_saving_again_for_the_same_headers_replaces_the_earlier_mapping(etl: Etl) -> None:
    mappings.save(lead_mapping())
    mappings.save(mappings.new_mapping("Second", "projects", LEAD_HEADERS, lead_mapping().columns, {}))
    assert [m.name for m in mappings.all_mappings() if not m.preset] == ["Second"]


def test_a_mapping_name_never_becomes_a_path(etl: Etl) -> None:
    mapping = mappings.new_mapping("../../etc/passwd", "projects", LEAD_HEADERS, lead_mapping().columns, {})
    saved = mappings.save(mapping)
    assert saved.path is not None and saved.path.parent == etl.root / "mappings"
    assert saved.path.name.startswith("etc-passwd-")


def test_a_mapping_to_an_unknown_value_is_refused() -> None:
    text = 'name = "x"\nkind = "projects"\n[columns]\nphase = "Step"\n[values.phase]\n"Done" = "finished"\n'
    with pytest.raises(MappingError, match="unknown values"):
        mappings.parse(text)


def test_a_constant_feeds_a_required_column_the_file_lacks(etl: Etl) -> None:
    headers = [h for h in LEAD_HEADERS if h != "Programme"]
    columns = {k: v for k, v in lead_mapping().columns.items() if k != "programme"}
    mappings.save(
        mappings.new_mapping("Sans programme", "projects", headers, columns, {"programme": "Soins"})
    )
    row = [v for h, v in zip(LEAD_HEADERS, LEAD_ROW, strict=True) if h != "Programme"]
    text = ";".join(headers) + "\n" + ";".join(row) + "\n"
    assert etl.load(text).status == "loaded"
    assert etl.rows("select programme from projects") == [("Soins",)]


# --- Proposals -----------------------------------------------------------------------------------


def test_it_proposes_columns_from_french_and_german_names() -> None:
    """It recognises "Date du rapport", "Berichtsdatum", "Statut", "Budget CHF" and the like."""
    french = mappings.guess_columns(
        KINDS["projects"], ["Date du rapport", "Statut", "Budget CHF", "Avancement"]
    )
    assert french == {
        "report_date": "Date du rapport",
        "status": "Statut",
        "budget_chf": "Budget CHF",
        "percent_complete": "Avancement",
    }
    german = mappings.guess_columns(
        KINDS["projects"], ["Berichtsdatum", "Projekt-ID", "Fortschritt", "Phase"]
    )
    assert german == {
        "report_date": "Berichtsdatum",
        "project_id": "Projekt-ID",
        "percent_complete": "Fortschritt",
        "phase": "Phase",
    }


def test_it_proposes_close_spellings_and_each_column_once() -> None:
    guesses = mappings.guess_columns(
        KINDS["milestones"], ["Project Id.", "Milestone name", "Milestone", "Planned"]
    )
    assert guesses["project_id"] == "Project Id."
    assert guesses["milestone"] == "Milestone"
    assert len(set(guesses.values())) == len(guesses)


def test_it_guesses_the_kind_from_the_headers() -> None:
    assert (
        mappings.guess_kind(["Stellen-ID", "Funktion", "Pensum", "Statut", "Date d'ouverture"]) == "positions"
    )
    assert mappings.guess_kind(LEAD_HEADERS) == "projects"


# --- The archive: rebuilds read files as they were read -----------------------------------------


def test_a_rebuild_reads_a_file_with_the_mapping_archived_with_it(etl: Etl) -> None:
    """Deleting or changing the saved mapping later does not change what a rebuild gives."""
    saved = mappings.save(lead_mapping())
    assert load_files([lead_file(etl)])[0].status == "loaded"
    before = etl.dump()
    assert saved.path is not None
    saved.path.unlink()
    rebuild()
    assert etl.dump() == before
    (sha,) = etl.rows("select mapping from load_details")[0]
    assert mappings.archived(sha).name == "Rapport mensuel"


def test_a_today_constant_keeps_the_day_of_the_load_through_a_rebuild(
    etl: Etl, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Microsoft Project's report date is the day it was loaded, not the day of a rebuild."""

    class LoadDay(dt.date):
        @classmethod
        def today(cls) -> LoadDay:
            return cls(2025, 11, 3)

    with monkeypatch.context() as patch:
        patch.setattr(load, "dt", types.SimpleNamespace(date=LoadDay, datetime=dt.datetime))
        assert load_files([EXPORTS / "msproject_projects.csv"])[0].status == "loaded"
    rebuild()
    assert etl.rows("select distinct report_date from projects") == [(dt.date(2025, 11, 3),)]


def test_a_file_that_matches_the_contract_needs_no_mapping(etl: Etl) -> None:
    result = etl.load(export_text("projects"))
    assert result.status == "loaded" and result.mapping is None
    assert etl.rows("select * from load_details") == []


# --- The TOML the mappings are kept in -------------------------------------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=60, deadline=None)
@given(
    name=TEXT,
    headers=st.lists(TEXT.filter(str.strip), min_size=1, max_size=4),
    words=st.dictionaries(TEXT, st.sampled_from(["idea", "build", "closed", ""]), max_size=3),
    constant=TEXT,
)
def test_any_mapping_reads_back_from_its_toml_unchanged(
    name: str, headers: list[str], words: dict[str, str], constant: str
) -> None:
    """Quotes, backslashes, accents and line breaks in names and values survive the file."""
    mapping = SavedMapping(
        name=name,
        kind="projects",
        match=tuple(headers),
        exact=True,
        columns={"phase": headers[0]},
        constants={"comment": constant},
        values={"phase": words} if words else {},
        formats={"report_date": ("%d/%b/%y",)},
        patterns={"project_id": r"#(\d+)"},
        when={"planned_end": (headers[-1], ("Closed", "Fermé"))},
    )
    again = mappings.parse(mappings.to_toml(mapping))
    assert (again.name, again.match, again.columns, again.constants) == (
        mapping.name or "mapping",
        mapping.match,
        mapping.columns,
        mapping.constants,
    )
    assert (again.values, again.formats, again.patterns, again.when) == (
        mapping.values,
        mapping.formats,
        mapping.patterns,
        mapping.when,
    )
