"""The Upload and Load history pages, driven through AppTest: upload, mapping, preview,
confirm, history and undo, asserting what the page says and what the warehouse holds after
each step. Every test has its own data folder with a tiny warehouse loaded through the ETL.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from app import auth
from app.i18n import translate
from etl import mappings
from etl.load import load_files, read_only
from etl.messages import render
from etl.settings import REPO_ROOT

APP = str(REPO_ROOT / "dashboard.py")
UPLOAD, HISTORY = "pages/upload.py", "pages/history.py"
EXPORTS = REPO_ROOT / "tests" / "fixtures" / "exports"
PROJECTS_HEADER = "report_date,project_id,project_name,programme,phase,status,planned_end,percent_complete"
LEAD_HEADERS = "Date du rapport;Code projet;Intitulé;Programme;Étape;Statut;Échéance;Avancement"
LEAD_ROWS = [
    "31.10.2025;P-7;Dossier de soins;Soins;Réalisation;orange;30.06.2026;35 %",
    "31.10.2025;P-8;Portail patients;Accès patients;Planification;vert;31.12.2026;10 %",
]


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


POSITIONS = b"position_id,role,fte,status,opened_date,filled_date\nPOS-1,UX designer,80%,open,15.01.2025,\n"


@pytest.fixture
def warehouse(data_dir: Path) -> Path:
    """A published warehouse holding one position (load 1, by the command line)."""
    path = data_dir.parent / "positions.csv"
    path.write_bytes(POSITIONS)
    (result,) = load_files([path])
    assert result.status == "loaded"
    return data_dir


def sql(query: str) -> list[tuple[Any, ...]]:
    with read_only() as con:
        return con.execute(query).fetchall()


def open_page(page: str, language: str = "fr") -> AppTest:
    """The app on one of the lead's pages, in a language, without exceptions.

    The app starts in French and switches in the sidebar: AppTest re-reads the first page's
    sidebar filters outside the script run, where the language is the default one.
    """
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    app.switch_page(page).run()
    if language != "fr":
        app.sidebar.selectbox(key="language").select(language).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def upload(app: AppTest, name: str, data: bytes) -> AppTest:
    app.file_uploader(key="upload_files").set_value((name, data, "text/csv")).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def widget(widgets: Any, prefix: str) -> Any:
    """The widget whose key starts with `prefix` (keys end with the upload's id)."""
    (found,) = [w for w in widgets if w.key and w.key.startswith(prefix)]
    return found


def texts(app: AppTest, element: str) -> list[str]:
    return [e.value for e in app.get(element)]


def metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def t(language: str, key: str, **params: object) -> str:
    return translate(language, key, **params)


# --- The whole flow -------------------------------------------------------------------------------


def test_a_tool_export_goes_through_preview_confirm_history_and_undo(warehouse: Path) -> None:
    """Jira epics: preview (nothing written), confirm, history, undo — in French."""
    app = upload(open_page(UPLOAD), "jira_projects.csv", (EXPORTS / "jira_projects.csv").read_bytes())
    kind = t("fr", "upload.kind.projects")
    assert texts(app, "success") == [t("fr", "upload.ready", file="jira_projects.csv", rows="4", kind=kind)]
    assert metrics(app) == {
        t("fr", "upload.preview.added"): "4",
        t("fr", "upload.preview.replaced"): "0",
        t("fr", "upload.preview.unchanged"): "0",
    }
    (mapping_note,) = texts(app, "warning")
    assert t("fr", "upload.mapping.used", name="Jira → projects") in mapping_note
    assert t("fr", "upload.mapping.constant_item", field="Statut", value="Vert") in mapping_note
    assert sql("select count(*) from projects") == [(0,)]  # nothing written before confirm

    widget(app.button, "upload_confirm_").click().run()
    assert not app.exception
    assert texts(app, "success") == [
        t("fr", "upload.loaded", file="jira_projects.csv", rows="4", kind=kind, replaced="0", load_id=2)
    ]
    assert sql("select count(*), min(load_id) from projects") == [(4, 2)]
    assert sql("select loaded_by, status from loads where load_id = 2") == [("local", "loaded")]

    app.switch_page(HISTORY).run()
    table = app.dataframe[0].value
    assert table.iloc[0].tolist()[2:] == [
        "local", "jira_projects.csv", kind, "4", "0", t("fr", "history.status.loaded"), "Jira → projects"
    ]  # fmt: skip
    app.button(key="history_undo").click().run()
    assert texts(app, "warning") == [
        t("fr", "history.undo.confirm", load_id=2, file="jira_projects.csv", rows="4", replaced="0")
    ]
    assert sql("select count(*) from projects") == [(4,)]  # asking changes nothing
    app.button(key="history_undo_yes").click().run()
    assert not app.exception
    assert texts(app, "success") == [t("fr", "history.undo.done", load_id=2, removed="4", restored="0")]
    assert sql("select count(*) from projects") == [(0,)]
    assert sql("select load_id, status from loads order by load_id") == [
        (1, "loaded"),
        (2, "undone"),
        (3, "undo"),
    ]
    statuses = app.dataframe[0].value[t("fr", "history.col.status")].tolist()
    assert statuses == [
        t("fr", "history.status.undo", load_id=2),
        t("fr", "history.status.undone"),
        t("fr", "history.status.loaded"),
    ]


def test_the_mapping_step_saves_a_mapping_that_the_command_line_applies_too(warehouse: Path) -> None:
    """A lead's own French headers, in the German interface: guesses, save, preview, load."""
    data = ("\n".join([LEAD_HEADERS, *LEAD_ROWS]) + "\n").encode()
    app = upload(open_page(UPLOAD, "de"), "rapport.csv", data)
    (warning,) = texts(app, "warning")
    assert warning.startswith("rapport.csv: Die Spalten passen zu keinem bekannten Export")
    assert widget(app.selectbox, "upload_map_kind_").value == "projects"
    guessed = {
        c: widget(app.selectbox, f"upload_map_projects_{c}_").value
        for c in ("report_date", "programme", "status", "percent_complete", "project_id")
    }
    assert guessed == {
        "report_date": "Date du rapport",
        "programme": "Programme",
        "status": "Statut",
        "percent_complete": "Avancement",
        "project_id": "Code projet",  # a close spelling of "ID projet"
    }
    for column, header in {
        "project_name": "Intitulé",
        "phase": "Étape",
        "planned_end": "Échéance",
    }.items():
        widget(app.selectbox, f"upload_map_projects_{column}_").select(header)
    widget(app.text_input, "upload_map_name_").input("Rapport mensuel")
    app.button[[b.label for b in app.button].index(t("de", "upload.mapping.save"))].click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert t("de", "upload.mapping.saved", name="Rapport mensuel") in texts(app, "success")
    assert metrics(app)[t("de", "upload.preview.added")] == "2"
    assert [p.name for p in (warehouse / "mappings").glob("*.toml")] != []

    widget(app.button, "upload_confirm_").click().run()
    assert sql("select project_id, phase, status, percent_complete from projects order by 1") == [
        ("P-7", "build", "amber", 35.0),
        ("P-8", "planning", "green", 10.0),
    ]
    later = warehouse.parent / "rapport-novembre.csv"
    later.write_text("\n".join([LEAD_HEADERS, LEAD_ROWS[0].replace("35 %", "45 %")]) + "\n", encoding="utf-8")
    env = {**os.environ, "DASHBOARD_DATA_DIR": str(warehouse), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "etl", "load", str(later)],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "read with the mapping “Rapport mensuel”" in done.stdout
    assert sql("select percent_complete from projects where project_id = 'P-7'") == [(45.0,)]


def test_a_corrected_file_shows_the_rows_it_replaces_before_and_after(
    warehouse: Path, tmp_path: Path
) -> None:
    first = tmp_path / "october.csv"
    first.write_text(
        f"{PROJECTS_HEADER}\n2025-10-31,A,Alpha,CIS,build,green,2026-06-30,40\n"
        "2025-10-31,B,Beta,CIS,build,green,2026-06-30,40\n",
        encoding="utf-8",
    )
    assert load_files([first])[0].status == "loaded"
    corrected = (
        f"{PROJECTS_HEADER}\n2025-10-31,A,Alpha,CIS,build,green,2026-06-30,40\n"
        "2025-10-31,B,Beta,CIS,rollout,red,2026-06-30,55\n2025-10-31,C,Gamma,CIS,idea,green,2027-01-31,0\n"
    )
    app = upload(open_page(UPLOAD, "en"), "october-corrected.csv", corrected.encode())
    assert metrics(app) == {"New rows": "1", "Rows replacing stored ones": "1", "Unchanged rows": "1"}
    changes = app.dataframe[0].value
    assert changes.values.tolist() == [
        [3, "B / 31 Oct 2025", "Phase", "build", "rollout"],
        [3, "B / 31 Oct 2025", "Status", "green", "red"],
        [3, "B / 31 Oct 2025", "Percent complete (%)", "40", "55"],
    ]
    widget(app.button, "upload_confirm_").click().run()
    assert sql("select replaced_rows from loads order by load_id desc limit 1") == [(2,)]
    assert sql("select project_id, status from projects order by 1") == [
        ("A", "green"),
        ("B", "red"),
        ("C", "green"),
    ]


def test_errors_are_grouped_with_line_column_found_and_expected(warehouse: Path) -> None:
    """Problems by kind, each with its line; the rejected lines to download; nothing written."""
    bad = (
        f"{PROJECTS_HEADER}\n2025-10-31,A,Alpha,CIS,build,green,2026-06-30,forty\n"
        "2025-10-31,B,Beta,CIS,build,purple,2026-06-30,40\n"
        "10/31/2025,C,Gamma,CIS,build,green,2026-06-30,lots\n"
    )
    app = upload(open_page(UPLOAD, "de"), "bad.csv", bad.encode())
    assert texts(app, "error") == [t("de", "upload.rejected", file="bad.csv", count="4")]
    groups = [e.label for e in app.expander]
    assert groups == [
        t("de", "upload.group.count", title=t("de", "upload.group.number"), count=2),
        t("de", "upload.group.count", title=t("de", "upload.group.enum"), count=1),
        t("de", "upload.group.count", title=t("de", "upload.group.month_first"), count=1),
    ]
    numbers = app.dataframe[0].value
    assert list(numbers.columns) == ["Zeile", "Spalte", "Gefunden", "Erwartet"]
    assert numbers.values.tolist() == [
        [2, "percent_complete", "forty", render("number", "de")],
        [4, "percent_complete", "lots", render("number", "de")],
    ]
    assert app.dataframe[1].value.values.tolist()[0][:3] == [3, "status", "purple"]
    assert [b.label for b in app.get("download_button")] == [t("de", "upload.download")]
    assert not [b for b in app.button if b.key and b.key.startswith("upload_confirm_")]
    assert sql("select count(*) from projects") == [(0,)]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_file"),
        (b"%PDF-1.7\x00\x01 not an export", "binary_file"),
        (f"{PROJECTS_HEADER},email\n".encode(), "personal_column"),
    ],
)
def test_bad_input_ends_in_a_sentence_in_the_leads_language(warehouse: Path, data: bytes, code: str) -> None:
    app = upload(open_page(UPLOAD, "de"), "export.csv", data)
    sentences = texts(app, "error") + texts(app, "warning")
    assert len(sentences) == 1 and sentences[0].startswith("export.csv")
    assert render(code, "de", file="export.csv", line=1, column="email") == sentences[0]
    assert sql("select count(*) from loads") == [(1,)]


def test_a_file_already_loaded_is_recognised_by_its_hash(warehouse: Path) -> None:
    app = upload(open_page(UPLOAD), "copie.csv", POSITIONS)
    (info,) = texts(app, "info")
    assert info.startswith(t("fr", "upload.duplicate", file="copie.csv", load_id=1, date="").split(" le ")[0])
    assert not app.metric


def test_the_kind_shown_can_be_changed(warehouse: Path) -> None:
    """Read as milestones, the Jira epics lack columns: the sentence says which."""
    app = upload(open_page(UPLOAD, "en"), "jira_projects.csv", (EXPORTS / "jira_projects.csv").read_bytes())
    kind = widget(app.selectbox, "upload_kind_")
    assert kind.options[0] == t("en", "upload.kind.auto", kind=t("en", "upload.kind.projects"))
    kind.select("milestones").run()
    (warning,) = texts(app, "warning")
    assert warning.startswith("jira_projects.csv: a milestones export needs the columns")
    assert widget(app.selectbox, "upload_map_kind_").value == "milestones"


def test_a_file_over_the_size_limit_is_refused_in_plain_words(warehouse: Path) -> None:
    previous = st.get_option("server.maxUploadSize")
    st.config.set_option("server.maxUploadSize", 1)
    try:
        app = open_page(UPLOAD)
        assert t("fr", "upload.limit", size="1") in texts(app, "caption")
        upload(app, "big.csv", b"x" * (1024 * 1024 + 1))
    finally:
        st.config.set_option("server.maxUploadSize", previous)
    assert texts(app, "error") == [t("fr", "upload.too_big", file="big.csv", size="1,0", limit="1")]


@pytest.mark.parametrize(
    ("file", "table", "rows"),
    [
        ("jira_projects.csv", "projects", 4),
        ("jira_milestones.csv", "milestones", 4),
        ("openproject_projects.csv", "projects", 4),
        ("openproject_milestones.csv", "milestones", 3),
        ("msproject_projects.csv", "projects", 4),
        ("msproject_milestones.csv", "milestones", 3),
    ],
)
def test_each_tool_export_loads_through_its_preset_on_the_page(
    warehouse: Path, file: str, table: str, rows: int
) -> None:
    app = upload(open_page(UPLOAD, "en"), file, (EXPORTS / file).read_bytes())
    widget(app.button, "upload_confirm_").click().run()
    assert not app.exception
    assert sql(f"select count(*) from {table} where load_id = 2") == [(rows,)]
    (sha,) = sql("select mapping from load_details where load_id = 2")[0]
    preset = mappings.find([h.strip() for h in _header(EXPORTS / file)])
    assert preset is not None and mappings.archived_name(sha) == preset.name


def _header(path: Path) -> list[str]:
    line = path.read_bytes().decode("latin-1").splitlines()[0]
    return line.split(";" if ";" in line else ",")


def test_a_lead_may_undo_only_their_own_loads(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lead = auth.Access(auth.GRANTED, user="lea@hospital.test", role=auth.LEAD)
    monkeypatch.setattr(auth, "access", lambda: lead)
    load_files([EXPORTS / "jira_projects.csv"], loaded_by="lea@hospital.test")
    app = open_page(HISTORY)
    assert app.selectbox(key="history_undo_choice").options == [
        t(
            "fr",
            "history.undo.option",
            load_id=2,
            file="jira_projects.csv",
            when=_when(2),
            who="lea@hospital.test",
        )
    ]
    assert t("fr", "history.undo.own") in texts(app, "caption")


def _when(load_id: int) -> str:
    from babel.dates import format_date

    ((stamp,),) = sql(f"select loaded_at from loads where load_id = {load_id}")
    return f"{format_date(stamp, 'medium', locale='fr_CH')} {stamp:%H:%M}"


def test_a_lead_changes_a_presets_constant_and_keeps_it_as_their_own_mapping(warehouse: Path) -> None:
    """Jira has no traffic light: the lead sets amber instead of the preset's green."""
    app = upload(open_page(UPLOAD, "en"), "jira_projects.csv", (EXPORTS / "jira_projects.csv").read_bytes())
    widget(app.button, "upload_edit_button_").click().run()
    constant = widget(app.text_input, "upload_const_projects_status_")
    assert constant.value == "green"
    assert widget(app.selectbox, "upload_map_projects_phase_").value == "Status"
    constant.input("amber")
    widget(app.text_input, "upload_map_name_").input("Jira epics, amber")
    app.button[[b.label for b in app.button].index(t("en", "upload.mapping.save"))].click().run()
    assert not app.exception, [e.value for e in app.exception]
    (note,) = texts(app, "warning")
    assert t("en", "upload.mapping.used", name="Jira epics, amber") in note
    assert t("en", "upload.mapping.constant_item", field="Status", value="Amber") in note
    widget(app.button, "upload_confirm_").click().run()
    assert sql("select distinct status, phase from projects where project_id = 'DIG-9'") == [
        ("amber", "closed")
    ]
