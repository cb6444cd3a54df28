"""One test per rule of the public contract (shared/contracts.md, sections 1, 3, 4 and 5).

Each test writes a tiny export made for its rule into a temporary folder, loads it into a
fresh warehouse (DASHBOARD_DATA_DIR), and asserts either the stored values or the exact
problem: its code, the line as a spreadsheet shows it (the header is line 1), the column
as the file names it, and what was found.

Tests marked xfail(strict=True) document ETL bugs found while writing this suite.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from etl_helpers import DATA_TABLES, VALID, Etl, csv_text, export_text, xlsx_bytes

from etl import archive, settings
from etl.archive import DamagedArchive
from etl.load import LoadResult, load_files, rebuild
from etl.messages import LANGUAGES, Problem

AVS = "756.1234.5678.97"


def loaded(result: LoadResult) -> LoadResult:
    """The result, after checking the file loaded cleanly."""
    assert result.status == "loaded", "\n".join(result.report())
    assert result.problems == [] and result.total_problems == 0
    return result


def only_problem(result: LoadResult) -> Problem:
    """The one problem of a rejected file, after checking it reads well in every language."""
    assert result.status == "rejected", "\n".join(result.report())
    assert result.total_problems == 1 and len(result.problems) == 1, "\n".join(result.report())
    problem = result.problems[0]
    for lang in LANGUAGES:
        text = problem.render(lang)
        if problem.code != "unknown_kind_name":  # a wrong argument, not a file's problem
            assert text.startswith(problem.file), text
        if problem.line is not None:
            assert f" {problem.line}" in text, text
        if problem.column is not None:
            assert f" {problem.column}" in text, text
        assert "{" not in text and "@suggestion" not in text, text
    return problem


def where(problem: Problem) -> tuple[str, int | None, str | None, str | None]:
    return problem.code, problem.line, problem.column, problem.found


def nothing_stored(etl: Etl) -> None:
    for table in DATA_TABLES:
        assert etl.count(table) == 0, table


# --------------------------------------------------------------------------------------
# Section 1: headers and kinds
# --------------------------------------------------------------------------------------


def test_it_matches_headers_ignoring_case_surrounding_spaces_and_hyphens(etl: Etl) -> None:
    """`Project ID`, ` REPORT DATE `, `percent-complete` all name contract columns."""
    text = (
        " Report Date ;Project ID;PROJECT-NAME;Programme;Phase;STATUS;Planned End;"
        "Percent-Complete;Budget CHF\n"
        "2025-01-31;DIG-014;Portal;Patient access;build;green;2025-12-31;40;1000\n"
    )
    result = loaded(etl.load(text))
    assert result.kind == "projects" and result.rows == 1
    assert result.warnings == []
    assert etl.rows(
        "select report_date, project_id, project_name, programme, phase, status, planned_end,"
        " percent_complete, budget_chf from projects"
    ) == [(dt.date(2025, 1, 31), "DIG-014", "Portal", "Patient access", "build", "green",
           dt.date(2025, 12, 31), 40.0, 1000.0)]


@pytest.mark.parametrize("kind", ["projects", "milestones", "positions", "usage"])
def test_it_detects_the_kind_from_the_headers(etl: Etl, kind: str) -> None:
    """Each of the four kinds is recognised from its columns alone."""
    result = loaded(etl.load(export_text(kind)))
    assert result.kind == kind and result.rows == 1
    assert etl.count(kind) == 1


@pytest.mark.parametrize("kind", ["projects", "milestones", "positions", "usage"])
def test_it_detects_the_kind_from_the_required_columns_only(etl: Etl, kind: str) -> None:
    """A file with only the required columns of a kind is that kind."""
    required = {
        "projects": ["report_date", "project_id", "project_name", "programme", "phase",
                     "status", "planned_end", "percent_complete"],
        "milestones": ["project_id", "milestone_id", "milestone", "planned_date"],
        "positions": ["position_id", "role", "fte", "status", "opened_date"],
        "usage": ["date", "site", "system", "metric", "value"],
    }[kind]
    text = export_text(kind, drop=[c for c in VALID[kind] if c not in required])
    assert loaded(etl.load(text)).kind == kind


def test_it_loads_a_file_as_the_kind_given_explicitly(etl: Etl) -> None:
    """`--kind milestones` on a milestones file loads it as milestones."""
    result = loaded(etl.load(export_text("milestones"), kind="milestones"))
    assert result.kind == "milestones"
    assert etl.count("milestones") == 1


def test_it_rejects_a_file_missing_columns_of_the_kind_given(etl: Etl) -> None:
    """With `--kind projects`, a usage file is rejected naming the missing columns."""
    problem = only_problem(etl.load(export_text("usage"), kind="projects"))
    assert problem.code == "missing_columns"
    assert problem.params["kind"] == "projects"
    missing = [m.strip() for m in problem.params["missing"].split(",")]
    assert set(missing) == {"report_date", "project_id", "project_name", "programme", "phase",
                            "status", "planned_end", "percent_complete"}
    assert "report_date" in problem.render("en")
    nothing_stored(etl)


def test_it_rejects_a_file_missing_one_required_column_of_the_kind_given(etl: Etl) -> None:
    """`--kind positions` without an fte column names exactly that column."""
    problem = only_problem(etl.load(export_text("positions", drop=["fte"]), kind="positions"))
    assert problem.code == "missing_columns"
    assert problem.params["missing"] == "fte"


def test_it_rejects_an_unknown_kind_name(etl: Etl) -> None:
    """A kind that is not one of the four is refused, not guessed."""
    problem = only_problem(etl.load(export_text("usage"), kind="budget"))
    assert problem.code == "unknown_kind_name"
    nothing_stored(etl)


def test_it_ignores_unknown_columns_with_a_warning(etl: Etl) -> None:
    """Columns outside the contract are not stored and are named in a warning."""
    text = export_text("milestones").splitlines()
    text = [text[0] + ",Notes,Colour", text[1] + ",call the vendor,blue"]
    result = loaded(etl.load("\n".join(text) + "\n"))
    assert [w.code for w in result.warnings] == ["ignored_columns"]
    assert result.warnings[0].params["columns"] == "Notes, Colour"
    assert "Notes, Colour" in result.warnings[0].render("en")
    columns = [r[0] for r in etl.rows(
        "select column_name from information_schema.columns where table_name = 'milestones'")]
    assert "notes" not in columns and "Notes" not in columns
    assert "Notes" in etl.value("select message from loads")


def test_it_accepts_the_project_owner_as_a_named_person(etl: Etl) -> None:
    """`owner` names a person but is part of the contract, not personal data."""
    loaded(etl.load(export_text("projects", [{"owner": "Marie Dubois"}])))
    assert etl.value("select owner from projects") == "Marie Dubois"


# --------------------------------------------------------------------------------------
# Required values
# --------------------------------------------------------------------------------------

REQUIRED = [
    (kind, column)
    for kind, columns in {
        "projects": ["report_date", "project_id", "project_name", "programme", "phase",
                     "status", "planned_end", "percent_complete"],
        "milestones": ["project_id", "milestone_id", "milestone", "planned_date"],
        "positions": ["position_id", "role", "fte", "status", "opened_date"],
        "usage": ["date", "site", "system", "metric", "value"],
    }.items()
    for column in columns
]


@pytest.mark.parametrize(("kind", "column"), REQUIRED)
def test_it_rejects_a_row_missing_a_required_value(etl: Etl, kind: str, column: str) -> None:
    """An empty required cell is an error on its line and column, found empty."""
    text = export_text(kind, [{}, {column: ""}, {}])
    problem = only_problem(etl.load(text))
    assert where(problem) == ("required", 3, column, "")
    nothing_stored(etl)


def test_it_counts_a_blank_cell_as_missing(etl: Etl) -> None:
    """Spaces only are no value."""
    problem = only_problem(etl.load(export_text("milestones", [{"milestone": "   "}])))
    assert where(problem) == ("required", 2, "milestone", "")


def test_it_reads_cells_without_their_surrounding_spaces(etl: Etl) -> None:
    """Spaces around a text, a date or a number are not part of the value."""
    row = {"date": " 31.01.2025 ", "site": "  Sion", "department": "medicine  ", "value": " 12 "}
    loaded(etl.load(export_text("usage", [row], sep=";")))
    stored = etl.rows("select date, site, department, value from usage")
    assert stored == [(dt.date(2025, 1, 31), "Sion", "medicine", 12.0)]


def test_it_names_the_column_as_the_file_names_it(etl: Etl) -> None:
    """The problem's column is the file's own header (`Project Name`), not the contract's."""
    text = export_text("projects", [{"project_name": ""}], headers={"project_name": "Project Name"})
    problem = only_problem(etl.load(text))
    assert where(problem) == ("required", 2, "Project Name", "")
    assert "line 2, column Project Name" in problem.render("en")


# --------------------------------------------------------------------------------------
# Section 3: dates
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["2025-01-31", "31.01.2025", "31/01/2025", "2025-01-31 14:30:00", "2025-01-31T14:30:00",
     "31.01.2025 14:30", "31/01/2025 08:00:59"],
)
def test_it_reads_each_accepted_date_style(etl: Etl, text: str) -> None:
    """ISO, day-first with dots or slashes, and timestamps (the date part is kept)."""
    loaded(etl.load(export_text("milestones", [{"planned_date": text}])))
    assert etl.value("select planned_date from milestones") == dt.date(2025, 1, 31)


def test_it_rejects_a_month_first_date(etl: Etl) -> None:
    """`01/31/2025` is month first: code month_first, never read as a guess."""
    problem = only_problem(etl.load(export_text("milestones", [{"planned_date": "01/31/2025"}])))
    assert where(problem) == ("month_first", 2, "planned_date", "01/31/2025")
    assert "day first" in problem.render("en")
    nothing_stored(etl)


@pytest.mark.parametrize("text", ["31.02.2025", "2025-13-01", "tomorrow", "2025-01-31abc"])
def test_it_rejects_a_value_that_is_not_a_date(etl: Etl, text: str) -> None:
    """Impossible or unreadable dates are errors with code date."""
    problem = only_problem(etl.load(export_text("milestones", [{"planned_date": text}])))
    assert where(problem) == ("date", 2, "planned_date", text)


@pytest.mark.parametrize("text", ["31.01.25", "31.1.202", "31/01/25"])
def test_it_rejects_a_date_without_a_four_digit_year(etl: Etl, text: str) -> None:
    """`31.01.25` is not an accepted style; it must not become the year 25."""
    problem = only_problem(etl.load(export_text("milestones", [{"planned_date": text}])))
    assert where(problem) == ("date", 2, "planned_date", text)


def test_it_leaves_an_empty_optional_date_empty(etl: Etl) -> None:
    """An empty actual_date is stored as null (not reached yet)."""
    loaded(etl.load(export_text("milestones", [{"actual_date": ""}])))
    assert etl.value("select actual_date from milestones") is None


# --------------------------------------------------------------------------------------
# Section 3: numbers
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sep", "text"),
    [
        (",", "1250000.5"),
        (",", "1'250'000.50"),
        (",", "1’250’000.50"),
        (";", "1 250 000,50"),
        (";", "1\u00a0250\u00a0000,50"),
        (";", "1\u202f250\u202f000,50"),
        (";", "1250000,5"),
        (";", "1'250'000.50"),
        ("\t", "1 250 000,50"),
    ],
    ids=["plain", "apostrophe", "right-quote", "space-comma", "nbsp", "narrow-nbsp",
         "comma-decimal", "apostrophe-in-semicolon-file", "space-comma-tab-file"],
)
def test_it_reads_each_accepted_number_style(etl: Etl, sep: str, text: str) -> None:
    """Swiss thousands separators and a comma decimal where the separator is not a comma."""
    loaded(etl.load(export_text("projects", [{"budget_chf": text}], sep=sep)))
    assert etl.value("select budget_chf from projects") == 1250000.5


def test_it_rejects_a_comma_decimal_in_a_comma_separated_file(etl: Etl) -> None:
    """In a `,` file, `"1,5"` is not read as 1.5 (nor as 15)."""
    problem = only_problem(etl.load(export_text("projects", [{"budget_chf": "1,5"}])))
    assert where(problem) == ("number", 2, "budget_chf", "1,5")


@pytest.mark.parametrize("text", ["abc", "12 CHF", "1.2.3", "--5", "NaN"])
def test_it_rejects_text_in_a_number_column(etl: Etl, text: str) -> None:
    """A cell that is not a number is an error saying what was found."""
    problem = only_problem(etl.load(export_text("projects", [{"spent_chf": text}])))
    assert where(problem) == ("number", 2, "spent_chf", text)
    assert f'found "{text}"' in problem.render("en")


@pytest.mark.parametrize(("text", "stored"), [("45%", 45.0), ("45 %", 45.0), ("45", 45.0),
                                             ("0", 0.0), ("100%", 100.0), ("12.5%", 12.5)])
def test_it_reads_percent_complete_with_or_without_a_trailing_percent_sign(
    etl: Etl, text: str, stored: float
) -> None:
    """`45%` and `45` are both 45 (percent_complete is stored 0 to 100)."""
    loaded(etl.load(export_text("projects", [{"percent_complete": text}])))
    assert etl.value("select percent_complete from projects") == stored


def test_it_reads_a_percent_with_comma_decimal_in_a_semicolon_file(etl: Etl) -> None:
    loaded(etl.load(export_text("projects", [{"percent_complete": "12,5 %"}], sep=";")))
    assert etl.value("select percent_complete from projects") == 12.5


@pytest.mark.parametrize(("text", "found"), [("101", "101"), ("-1", "-1"), ("120%", "120")])
def test_it_rejects_percent_complete_out_of_range(etl: Etl, text: str, found: str) -> None:
    """percent_complete must lie from 0 to 100."""
    problem = only_problem(etl.load(export_text("projects", [{"percent_complete": text}])))
    assert where(problem) == ("percent_range", 2, "percent_complete", found)


@pytest.mark.parametrize(("text", "stored"), [("80%", 0.8), ("80", 0.8), ("0.8", 0.8),
                                             ("80 %", 0.8), ("1", 1.0), ("100%", 1.0),
                                             ("100", 1.0), ("0.5", 0.5)])
def test_it_reads_fte_as_a_fraction_or_a_percentage(etl: Etl, text: str, stored: float) -> None:
    """`80%` and `80` both mean 0.8."""
    loaded(etl.load(export_text("positions", [{"fte": text}])))
    assert etl.value("select fte from positions") == pytest.approx(stored)


@pytest.mark.parametrize("text", ["0", "0%", "120%", "-0.5"])
def test_it_rejects_an_fte_outside_zero_to_one(etl: Etl, text: str) -> None:
    """fte must be above 0 and at most 1."""
    problem = only_problem(etl.load(export_text("positions", [{"fte": text}])))
    assert (problem.code, problem.line, problem.column) == ("fte_range", 2, "fte")


@pytest.mark.parametrize(("kind", "column"), [("projects", "budget_chf"),
                                              ("projects", "spent_chf"),
                                              ("positions", "annual_cost_chf")])
def test_it_rejects_a_negative_amount(etl: Etl, kind: str, column: str) -> None:
    """Amounts in CHF are 0 or more."""
    problem = only_problem(etl.load(export_text(kind, [{column: "-5"}])))
    assert where(problem) == ("not_negative", 2, column, "-5")


# --------------------------------------------------------------------------------------
# Section 3: enums in English, French and German
# --------------------------------------------------------------------------------------

STATUS_SPELLINGS = {
    "green": ["green", "Green", "GREEN", "vert", "Vert", "grün", "Grün", "GRÜN", "grun", "gruen",
              "Gruen"],
    "amber": ["amber", "AMBER", "orange", "Orange", "gelb", "Gelb"],
    "red": ["red", "Red", "rouge", "ROUGE", "rot", "Rot"],
}
PHASE_SPELLINGS = {
    "idea": ["idea", "Idea", "idée", "Idée", "idee", "Idee", "IDEE"],
    "planning": ["planning", "planification", "Planification", "Planung", "PLANUNG"],
    "build": ["build", "Build", "réalisation", "Réalisation", "realisation", "Umsetzung"],
    "rollout": ["rollout", "Rollout", "déploiement", "Déploiement", "deploiement",
                "Einführung", "einführung", "Einfuehrung", "Einfuhrung"],
    "live": ["live", "LIVE", "production", "Production", "Betrieb", "betrieb"],
    "closed": ["closed", "Closed", "clôturé", "Clôturé", "cloture", "CLOTURE", "abgeschlossen",
               "Abgeschlossen"],
}
POSITION_STATUS_SPELLINGS = {
    "open": ["open", "Open", "ouvert", "Ouvert", "offen", "OFFEN"],
    "interviewing": ["interviewing", "entretiens", "Entretiens", "Gespräche", "gespräche",
                     "Gespraeche", "Gesprache"],
    "offer": ["offer", "Offer", "offre", "Offre", "Angebot", "angebot"],
    "filled": ["filled", "FILLED", "pourvu", "Pourvu", "besetzt", "Besetzt"],
    "cancelled": ["cancelled", "Cancelled", "annulé", "Annulé", "annule", "ANNULE", "storniert",
                  "Storniert"],
}


def _spellings(table: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(spelling, english) for english, spellings in table.items() for spelling in spellings]


def test_it_stores_every_status_spelling_in_english(etl: Etl) -> None:
    """green/vert/grün(gruen), amber/orange/gelb, red/rouge/rot, any case, accents optional."""
    pairs = _spellings(STATUS_SPELLINGS)
    rows = [{"project_id": f"P{i:02d}", "status": s} for i, (s, _) in enumerate(pairs)]
    loaded(etl.load(export_text("projects", rows, sep=";"), name="status.csv"))
    stored = dict(etl.rows("select project_id, status from projects"))
    assert {spelling: stored[f"P{i:02d}"] for i, (spelling, _) in enumerate(pairs)} == dict(pairs)


def test_it_stores_every_phase_spelling_in_english(etl: Etl) -> None:
    """idea/idée/Idee … closed/clôturé/abgeschlossen, any case, accents optional."""
    pairs = _spellings(PHASE_SPELLINGS)
    rows = [{"project_id": f"P{i:02d}", "phase": spelling} for i, (spelling, _) in enumerate(pairs)]
    loaded(etl.load(export_text("projects", rows, sep=";"), name="phase.csv"))
    stored = dict(etl.rows("select project_id, phase from projects"))
    assert {spelling: stored[f"P{i:02d}"] for i, (spelling, _) in enumerate(pairs)} == dict(pairs)


def test_it_stores_every_position_status_spelling_in_english(etl: Etl) -> None:
    """open/ouvert/offen … cancelled/annulé/storniert, any case, accents optional."""
    pairs = _spellings(POSITION_STATUS_SPELLINGS)
    rows = [
        {"position_id": f"POS{i:02d}", "status": spelling,
         "filled_date": "2025-02-01" if english == "filled" else ""}
        for i, (spelling, english) in enumerate(pairs)
    ]
    loaded(etl.load(export_text("positions", rows, sep=";"), name="positions.csv"))
    stored = dict(etl.rows("select position_id, status from positions"))
    assert {s: stored[f"POS{i:02d}"] for i, (s, _) in enumerate(pairs)} == dict(pairs)


def test_it_reads_enums_from_a_windows_1252_file(etl: Etl) -> None:
    """Accented spellings survive the Windows-1252 decoding (Clôturé, Grün)."""
    text = export_text("projects", [{"phase": "Clôturé", "status": "Grün"}], sep=";")
    loaded(etl.load(text, encoding="cp1252"))
    assert etl.rows("select phase, status from projects") == [("closed", "green")]


@pytest.mark.parametrize(
    ("kind", "column", "allowed"),
    [
        ("projects", "status", "green, amber, red"),
        ("projects", "phase", "idea, planning, build, rollout, live, closed"),
        ("positions", "status", "open, interviewing, offer, filled, cancelled"),
    ],
)
def test_it_rejects_a_value_outside_the_enum_naming_the_allowed_ones(
    etl: Etl, kind: str, column: str, allowed: str
) -> None:
    """`purple` is no status: code enum, with the English values listed."""
    problem = only_problem(etl.load(export_text(kind, [{}, {column: "purple"}])))
    assert where(problem) == ("enum", 3, column, "purple")
    assert problem.params["allowed"] == allowed
    assert allowed in problem.render("en")


# --------------------------------------------------------------------------------------
# Row rules
# --------------------------------------------------------------------------------------


def test_it_rejects_a_planned_end_before_the_start_date(etl: Etl) -> None:
    text = export_text("projects", [{"start_date": "01.03.2025", "planned_end": "28.02.2025",
                                     "forecast_end": ""}])
    problem = only_problem(etl.load(text))
    assert where(problem) == ("not_before_start", 2, "planned_end", "28.02.2025")


def test_it_rejects_a_forecast_end_before_the_start_date(etl: Etl) -> None:
    text = export_text("projects", [{"start_date": "01.03.2025", "forecast_end": "28.02.2025"}])
    problem = only_problem(etl.load(text))
    assert where(problem) == ("not_before_start", 2, "forecast_end", "28.02.2025")


def test_it_accepts_an_end_on_the_start_date(etl: Etl) -> None:
    """`not before` allows the same day."""
    text = export_text("projects", [{"start_date": "2025-03-01", "planned_end": "2025-03-01",
                                     "forecast_end": "2025-03-01"}])
    loaded(etl.load(text))


def test_it_rejects_a_filled_position_without_a_filled_date(etl: Etl) -> None:
    problem = only_problem(etl.load(export_text("positions", [{"status": "besetzt"}])))
    assert (problem.code, problem.line, problem.column) == ("filled_needs_date", 2, "filled_date")


def test_it_rejects_a_filled_date_before_the_opened_date(etl: Etl) -> None:
    text = export_text("positions", [{"status": "filled", "opened_date": "15.01.2025",
                                      "filled_date": "14.01.2025"}])
    problem = only_problem(etl.load(text))
    assert where(problem) == ("not_before_opened", 2, "filled_date", "14.01.2025")


def test_it_stores_a_filled_position_with_its_date(etl: Etl) -> None:
    text = export_text("positions", [{"status": "pourvu", "filled_date": "31.03.2025"}])
    loaded(etl.load(text))
    assert etl.rows("select status, filled_date from positions") == [
        ("filled", dt.date(2025, 3, 31))]


def test_it_rejects_a_usage_date_in_the_future(etl: Etl) -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    problem = only_problem(etl.load(export_text("usage", [{"date": tomorrow.isoformat()}])))
    assert where(problem) == ("not_future", 2, "date", tomorrow.strftime("%d.%m.%Y"))


def test_it_accepts_a_usage_date_of_today(etl: Etl) -> None:
    loaded(etl.load(export_text("usage", [{"date": dt.date.today().isoformat()}])))


def test_it_rejects_a_negative_usage_value(etl: Etl) -> None:
    problem = only_problem(etl.load(export_text("usage", [{"value": "-3"}])))
    assert where(problem) == ("not_negative", 2, "value", "-3")


def test_it_rejects_a_usage_metric_not_in_the_catalogue_suggesting_the_nearest(etl: Etl) -> None:
    """`e_prescription` is not catalogued; `e_prescriptions` is suggested."""
    problem = only_problem(etl.load(export_text("usage", [{"metric": "e_prescription"}])))
    assert where(problem) == ("unknown_metric", 2, "metric", "e_prescription")
    assert "did you mean e_prescriptions?" in problem.render("en")
    assert "vouliez-vous dire e_prescriptions" in problem.render("fr")


def test_it_suggests_nothing_for_a_metric_unlike_any_in_the_catalogue(etl: Etl) -> None:
    problem = only_problem(etl.load(export_text("usage", [{"metric": "zzz"}])))
    assert where(problem) == ("unknown_metric", 2, "metric", "zzz")
    assert "did you mean" not in problem.render("en")


def test_it_rejects_every_metric_when_the_catalogue_is_empty(etl: Etl) -> None:
    """A usage metric must exist in the catalogue, even when the catalogue is empty."""
    (etl.root / "metrics.csv").write_text(
        "metric,system,aim,unit,aggregation,label_en,label_fr,label_de,paper_metric,"
        "minutes_saved_low,minutes_saved_base,minutes_saved_high,source\n", encoding="utf-8")
    problem = only_problem(etl.load(export_text("usage")))
    assert where(problem) == ("unknown_metric", 2, "metric", "e_prescriptions")


# --------------------------------------------------------------------------------------
# Wide usage
# --------------------------------------------------------------------------------------

LONG_USAGE = csv_text(
    ["date", "site", "department", "system", "metric", "value"],
    [
        ["2025-01-01", "Sion", "medicine", "CPOE", "e_prescriptions", "120"],
        ["2025-01-01", "Sion", "medicine", "CPOE", "paper_prescriptions", "30"],
        ["2025-01-01", "Brig", "", "CPOE", "e_prescriptions", "7.5"],
        ["2025-02-01", "Sion", "medicine", "CPOE", "paper_prescriptions", "0"],
    ],
)
WIDE_USAGE = csv_text(
    ["date", "site", "department", "system", "e_prescriptions", "paper_prescriptions"],
    [
        ["2025-01-01", "Sion", "medicine", "CPOE", "120", "30"],
        ["2025-01-01", "Brig", "", "CPOE", "7.5", ""],
        ["2025-02-01", "Sion", "medicine", "CPOE", "", "0"],
    ],
)


def test_it_unpivots_wide_usage_to_the_same_rows_as_long_usage(etl: Etl) -> None:
    """Wide and long forms of one export store the same rows; empty wide cells are skipped."""
    loaded(etl.load(LONG_USAGE, name="long.csv"))
    query = "select date, site, department, system, metric, value from usage order by all"
    long_rows = etl.rows(query)
    result = loaded(etl.load(WIDE_USAGE, name="wide.csv"))
    assert result.kind == "usage"
    assert result.rows == 4 and result.replaced == 4
    assert etl.rows(query) == long_rows


def test_it_skips_empty_cells_of_wide_usage(etl: Etl) -> None:
    text = csv_text(["date", "site", "system", "e_prescriptions", "portal_logins"],
                    [["2025-01-01", "Sion", "CPOE", "5", ""],
                     ["2025-01-02", "Sion", "CPOE", "", ""]])
    result = loaded(etl.load(text))
    assert result.rows == 1
    assert etl.rows("select date, site, department, system, metric, value from usage") == [
        (dt.date(2025, 1, 1), "Sion", None, "CPOE", "e_prescriptions", 5.0)]


def test_it_rejects_a_negative_value_in_wide_usage(etl: Etl) -> None:
    text = csv_text(["date", "site", "system", "e_prescriptions"],
                    [["2025-01-01", "Sion", "CPOE", "-1"]])
    problem = only_problem(etl.load(text))
    assert (problem.code, problem.line, problem.column) == ("not_negative", 2, "e_prescriptions")


def test_it_rejects_a_wide_usage_column_that_is_not_a_catalogue_metric(etl: Etl) -> None:
    """In wide form every other column must be a metric; the nearest name is suggested."""
    text = csv_text(["date", "site", "system", "e_prescriptions", "Portal Login"],
                    [["2025-01-01", "Sion", "portal", "1", "5"]])
    problem = only_problem(etl.load(text))
    assert (problem.code, problem.column) == ("unknown_wide_metric", "Portal Login")
    message = problem.render("en")
    assert "line 1, column Portal Login" in message
    assert "did you mean portal_logins?" in message
    nothing_stored(etl)


# --------------------------------------------------------------------------------------
# Section 3: personal data never enters
# --------------------------------------------------------------------------------------

PERSONAL_HEADERS = ["user", "User ID", "username", "login", "email", "E-Mail", "employee_id",
                    "patient_id", "Patient ID", "patient", "AVS", "AHV", "AHV-Nr.",
                    "date_of_birth", "Date of birth", "courriel", "Adresse e-mail",
                    "Utilisateur", "date de naissance", "Numéro AVS", "Geburtsdatum",
                    "Benutzername", "Mitarbeiter-ID", "Patienten-ID"]


def no_trace_of_file(etl: Etl, path: Path) -> None:
    """Neither the original nor any copy of it is kept in the data folder."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert not archive.original_path(digest).exists()
    assert etl.archived() == []
    leftovers = [p for p in settings.work_dir().rglob("*") if p.is_file()] \
        if settings.work_dir().exists() else []
    assert leftovers == []


@pytest.mark.parametrize("header", PERSONAL_HEADERS)
def test_it_rejects_a_column_that_identifies_a_person(etl: Etl, header: str) -> None:
    """The file is rejected naming line 1 and the column; nothing of it is kept."""
    text = export_text("usage").splitlines()
    text = [f"{text[0]},{header}", f"{text[1]},someone"]
    path = etl.write("\n".join(text) + "\n")
    (result,) = load_files([path])
    problem = only_problem(result)
    assert (problem.code, problem.column) == ("personal_column", header)
    assert f"line 1, column {header}" in problem.render("en")
    assert "someone" not in "\n".join(result.report("en"))
    nothing_stored(etl)
    no_trace_of_file(etl, path)
    assert etl.rows("select status, rows from loads") == [("rejected", 0)]


@pytest.mark.parametrize("header", ["E-Mail-Adresse", "Email address"])
def test_it_rejects_other_common_forms_of_an_email_column(etl: Etl, header: str) -> None:
    text = export_text("usage").splitlines()
    text = [f"{text[0]},{header}", f"{text[1]},a.b@hopital.ch"]
    problem = only_problem(etl.load("\n".join(text) + "\n"))
    assert (problem.code, problem.column) == ("personal_column", header)


def assert_number_never_kept(etl: Etl, result: LoadResult) -> None:
    """The AVS number is in no message, no loads row and no file of the data folder."""
    for lang in ("en", "fr", "de"):
        assert AVS not in "\n".join(result.report(lang))
    for problem in result.problems:
        assert AVS not in (problem.found or "")
        assert all(AVS not in str(v) for v in problem.params.values())
    assert all(AVS not in str(cell) for row in etl.rows("select * from loads") for cell in row)
    needles = [AVS.encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be")]
    for path in etl.root.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert not any(n in content for n in needles), path
    nothing_stored(etl)


@pytest.mark.parametrize(
    ("kind", "column"),
    [("usage", "site"), ("projects", "comment"), ("projects", "project_name"),
     ("positions", "role"), ("milestones", "actual_date")],
)
def test_it_rejects_an_avs_number_in_any_cell_without_repeating_it(
    etl: Etl, kind: str, column: str
) -> None:
    """An AVS number anywhere: the line and column are named, the number never is."""
    text = export_text(kind, [{}, {}, {column: f"see {AVS} (call)"}])
    path = etl.write(text)
    (result,) = load_files([path])
    problem = only_problem(result)
    assert where(problem) == ("ssn", 4, column, None)
    assert f"line 4, column {column}" in problem.render("en")
    assert_number_never_kept(etl, result)
    no_trace_of_file(etl, path)


def test_it_rejects_an_avs_number_in_an_ignored_column(etl: Etl) -> None:
    """Columns outside the contract are checked for AVS numbers too."""
    lines = export_text("milestones").splitlines()
    text = f"{lines[0]};Note\n".replace(",", ";") + f"{lines[1]};{AVS}\n".replace(",", ";")
    path = etl.write(text, encoding="utf-16")
    (result,) = load_files([path])
    problem = only_problem(result)
    assert where(problem) == ("ssn", 2, "Note", None)
    assert_number_never_kept(etl, result)
    no_trace_of_file(etl, path)


def test_it_reports_only_the_avs_cells_of_a_file_that_holds_one(etl: Etl) -> None:
    """Other problems would quote cells, so an AVS file reports its AVS cells alone."""
    text = export_text("usage", [{"value": "abc"}, {"site": AVS}, {"department": f"x{AVS}"}])
    result = etl.load(text)
    assert result.status == "rejected"
    assert [where(p) for p in result.problems] == [("ssn", 3, "site", None),
                                                   ("ssn", 4, "department", None)]
    assert result.total_problems == 2
    assert_number_never_kept(etl, result)


def test_it_rejects_an_avs_number_in_a_workbook_cell(etl: Etl) -> None:
    header = list(VALID["usage"])
    row = [VALID["usage"][c] for c in header]
    row[header.index("department")] = AVS
    path = etl.write(xlsx_bytes([("usage", [header, row])]), name="usage.xlsx")
    (result,) = load_files([path])
    problem = only_problem(result)
    assert where(problem) == ("ssn", 2, "department", None)
    assert_number_never_kept(etl, result)
    no_trace_of_file(etl, path)


def test_it_rejects_an_avs_number_in_the_header_line(etl: Etl) -> None:
    lines = export_text("usage").splitlines()
    path = etl.write(f"{lines[0]},{AVS}\n{lines[1]},x\n")
    (result,) = load_files([path])
    assert result.status == "rejected"
    assert [p.code for p in result.problems] in (["ssn"], ["personal_column"])
    assert_number_never_kept(etl, result)
    no_trace_of_file(etl, path)


def test_it_rejects_a_workbook_with_an_avs_number_on_another_sheet(etl: Etl) -> None:
    header = list(VALID["usage"])
    path = etl.write(xlsx_bytes([
        ("usage", [header, [VALID["usage"][c] for c in header]]),
        ("Notes", [["Patient", "AVS"], ["Muster", AVS]]),
    ]), name="usage.xlsx")
    (result,) = load_files([path])
    assert result.status == "rejected"
    assert_number_never_kept(etl, result)
    no_trace_of_file(etl, path)


# --------------------------------------------------------------------------------------
# Section 3: files, encodings, separators, line endings, quoting
# --------------------------------------------------------------------------------------

TEXT_NAME = "Café ’Süd’ Straße"


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "cp1252"])
def test_it_detects_each_accepted_encoding_and_line_ending(
    etl: Etl, encoding: str, newline: str
) -> None:
    """UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252; LF or CRLF."""
    rows = [{"project_name": TEXT_NAME, "phase": "Déploiement", "project_id": "DIG-1"},
            {"project_name": "Zürich", "status": "grün", "project_id": "DIG-2"}]
    text = export_text("projects", rows, sep=";").replace("\n", newline)
    big_endian = encoding == "utf-16-be-bom"
    content = b"\xfe\xff" + text.encode("utf-16-be") if big_endian else text.encode(encoding)
    result = loaded(etl.load(content))
    assert result.rows == 2
    assert etl.rows("select project_id, project_name, phase, status, comment from projects "
                    "order by project_id") == [
        ("DIG-1", TEXT_NAME, "rollout", "green", "on track"),
        ("DIG-2", "Zürich", "build", "green", "on track"),
    ]


def test_it_reads_quoted_fields_holding_separators_and_quotes(etl: Etl) -> None:
    text = export_text("projects", [{"comment": 'late; "vendor", again\tstill'}], sep=";")
    assert '"late; ""vendor"", again\tstill"' in text
    loaded(etl.load(text))
    assert etl.value("select comment from projects") == 'late; "vendor", again\tstill'


QUOTED_NEWLINE_BUG = ("BUG: read_csv with null_padding=true on DuckDB's parallel scanner refuses "
                      "quoted line breaks ('The parallel scanner does not support null_padding in "
                      "conjunction with quoted new lines'), so the file is rejected as "
                      "unreadable_file")



@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_it_reads_quoted_fields_holding_line_breaks(etl: Etl, newline: str) -> None:
    comment = f"first line{newline}second; line, too"
    text = csv_text(list(VALID["projects"]),
                    [list({**VALID["projects"], "comment": comment}.values())],
                    sep=";", newline=newline)
    loaded(etl.load(text))
    assert etl.value("select comment from projects") == comment



def test_it_counts_a_multi_line_row_as_one_spreadsheet_line(etl: Etl) -> None:
    """The row after a quoted line break is line 3, as a spreadsheet shows it."""
    text = export_text("projects", [{"comment": "two\nlines"}, {"percent_complete": "x"}])
    problem = only_problem(etl.load(text))
    assert where(problem) == ("number", 3, "percent_complete", "x")



def test_it_names_the_spreadsheet_line_of_a_long_row_after_a_multi_line_row(etl: Etl) -> None:
    """Header line 1, a two-line quoted row is line 2, the row with an extra field line 3."""
    lines = export_text("usage", [{"department": "two\nlines"}, {}]).split("\n")
    lines[3] += ",extra"
    problem = only_problem(etl.load("\n".join(lines)))
    assert problem.code == "field_count"
    assert problem.line == 3
    assert problem.params == {"found": "7", "expected": "6"}


@pytest.mark.parametrize("name", ["positions.tsv", "positions.txt"])
def test_it_reads_tab_separated_files(etl: Etl, name: str) -> None:
    text = export_text("positions", [{"annual_cost_chf": "150 000,50", "role": "UX, designer"}],
                       sep="\t")
    loaded(etl.load(text, name=name))
    assert etl.rows("select role, annual_cost_chf from positions") == [("UX, designer", 150000.5)]


def _sheet(kind: str, **override: object) -> list[list[object]]:
    header = list(VALID[kind])
    values = {**VALID[kind], **override}
    return [header, [values[c] if values[c] != "" else None for c in header]]


def test_it_reads_the_first_sheet_of_a_workbook(etl: Etl) -> None:
    content = xlsx_bytes([("Export 2025", _sheet("milestones")),
                          ("Notes", [["anything"], ["else"]])])
    result = loaded(etl.load(content, name="milestones.xlsx"))
    assert result.kind == "milestones"
    assert [w.code for w in result.warnings] == ["other_sheets"]
    assert etl.rows("select project_id, milestone_id, planned_date from milestones") == [
        ("DIG-014", "M1", dt.date(2025, 6, 30))]


def test_it_reads_the_sheet_named_after_the_kind_among_several(etl: Etl) -> None:
    content = xlsx_bytes([("Summary", [["Portfolio summary"], ["nothing to load"]]),
                          ("Positions", _sheet("positions")),
                          ("Notes", [["x"]])])
    result = loaded(etl.load(content, name="export.xlsx"))
    assert result.kind == "positions"
    assert etl.count("positions") == 1


def test_it_reads_the_sheet_of_the_kind_given_explicitly(etl: Etl) -> None:
    content = xlsx_bytes([("projects", _sheet("projects")), ("milestones", _sheet("milestones"))])
    result = loaded(etl.load(content, name="both.xlsx", kind="milestones"))
    assert result.kind == "milestones"
    assert etl.count("milestones") == 1 and etl.count("projects") == 0


def test_it_reads_excel_date_and_number_cells(etl: Etl) -> None:
    """Date cells (with or without time) and numeric cells keep their values exactly."""
    sheet = _sheet("projects", report_date=dt.datetime(2025, 1, 31, 17, 45),
                   start_date=dt.date(2024, 3, 1), planned_end=dt.date(2025, 12, 31),
                   forecast_end=None, budget_chf=1250000.5, spent_chf=1 / 3,
                   percent_complete=40, project_id=14)
    loaded(etl.load(xlsx_bytes([("projects", sheet)]), name="projects.xlsx"))
    assert etl.rows(
        "select report_date, project_id, start_date, planned_end, forecast_end, budget_chf,"
        " spent_chf, percent_complete from projects"
    ) == [(dt.date(2025, 1, 31), "14", dt.date(2024, 3, 1), dt.date(2025, 12, 31), None,
           1250000.5, 1 / 3, 40.0)]


def test_it_reads_text_cells_of_a_workbook_like_csv_cells(etl: Etl) -> None:
    """Dates and numbers typed as text in a workbook follow the same rules."""
    sheet = _sheet("projects", report_date="31.01.2025", budget_chf="1'250'000.50",
                   percent_complete="40%", status="Grün")
    loaded(etl.load(xlsx_bytes([("projects", sheet)]), name="projects.xlsx"))
    assert etl.rows("select report_date, budget_chf, percent_complete, status from projects") == [
        (dt.date(2025, 1, 31), 1250000.5, 40.0, "green")]


def test_it_reports_excel_problems_with_spreadsheet_lines(etl: Etl) -> None:
    header, row = _sheet("usage")
    bad = list(row)
    bad[header.index("value")] = "lots"
    other = list(row)
    other[header.index("department")] = "surgery"
    problem = only_problem(etl.load(xlsx_bytes([("usage", [header, other, bad])]), name="u.xlsx"))
    assert where(problem) == ("number", 3, "value", "lots")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (bytes(range(256)) * 8, "binary_file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary_file"),
        (b"", "empty_file"),
        (b" \r\n\n  \n", "empty_file"),
        (b"\xef\xbb\xbf", "empty_file"),
        (b"date,site,system,metric,value\n", "header_only"),
        (b"date,site,system,metric,value", "header_only"),
        (b"date,site,system,metric,value\r\n\r\n", "header_only"),
        (b"name,colour,size\nbox,red,3\n", "unknown_kind"),
        (b"project_id,milestone_id,planned_date\nP1,M1,2025-01-01\n", "unknown_kind"),
    ],
    ids=["binary", "png", "empty", "blank", "bom-only", "header-only", "header-no-newline",
         "header-blank-line", "wrong-kind", "almost-milestones"],
)
def test_it_rejects_an_unusable_file_with_exactly_one_problem(
    etl: Etl, content: bytes, code: str
) -> None:
    path = etl.write(content, name="export.csv")
    (result,) = load_files([path])
    problem = only_problem(result)
    assert problem.code == code
    assert problem.file == "export.csv"
    assert problem.render("en").startswith("export.csv")
    nothing_stored(etl)
    assert etl.archived() == []


def test_it_names_the_closest_kind_for_a_wrong_kind_file(etl: Etl) -> None:
    problem = only_problem(etl.load("project_id,milestone_id,planned_date\nP1,M1,2025-01-01\n"))
    assert problem.params == {"kind": "milestones", "missing": "milestone"}


def test_it_rejects_a_line_with_more_fields_than_the_header(etl: Etl) -> None:
    lines = export_text("usage", [{}, {}, {}]).splitlines()
    lines[2] += ",extra"
    problem = only_problem(etl.load("\n".join(lines) + "\n"))
    assert problem.code == "field_count"
    assert problem.line == 3
    assert problem.params == {"found": "7", "expected": "6"}
    assert "line 3" in problem.render("en")
    nothing_stored(etl)


@pytest.mark.xfail(strict=True, reason="BUG: a blank line is not counted, so every line after it "
                   "is reported one too low (lines are numbered over the rows DuckDB kept)")
def test_it_counts_a_blank_line_as_a_spreadsheet_line(etl: Etl) -> None:
    """A spreadsheet shows a blank line as an empty row; the bad row below is line 4."""
    lines = export_text("usage", [{}, {"value": "x"}]).splitlines()
    text = "\n".join([lines[0], lines[1], "", lines[2]]) + "\n"
    result = etl.load(text)
    assert [where(p) for p in result.problems] == [("number", 4, "value", "x")]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_it_ignores_trailing_blank_lines(etl: Etl, newline: str) -> None:
    """Blank lines at the end of an export are not rows."""
    text = (export_text("usage") + "\n\n").replace("\n", newline)
    result = loaded(etl.load(text))
    assert result.rows == 1


def test_it_reports_the_spreadsheet_line_deep_in_a_large_file(etl: Etl) -> None:
    """Lines stay in file order however DuckDB splits the reading (250 000 rows)."""
    count = 250_000
    lines = ["date,site,department,system,metric,value"]
    lines += [f"2025-01-01,Sion,d{i},CPOE,e_prescriptions,{i}" for i in range(count)]
    for bad in (123_457, count - 3):
        lines[bad - 1] = lines[bad - 1].rsplit(",", 1)[0] + ",bad"
    result = etl.load("\n".join(lines) + "\n", name="big.csv")
    assert [where(p) for p in result.problems] == [("number", 123_457, "value", "bad"),
                                                   ("number", count - 3, "value", "bad")]


# --------------------------------------------------------------------------------------
# Section 4: what a load promises
# --------------------------------------------------------------------------------------


def test_it_stores_nothing_of_a_file_with_one_bad_row(etl: Etl) -> None:
    """All or nothing: three good rows and one bad row store nothing."""
    text = export_text("positions", [{}, {}, {"fte": "lots"}, {}])
    result = etl.load(text)
    assert where(only_problem(result)) == ("number", 4, "fte", "lots")
    assert result.rows == 0
    nothing_stored(etl)
    assert etl.archived() == []


def test_it_reports_the_first_fifty_of_all_errors_in_line_order_with_the_total(etl: Etl) -> None:
    """60 bad rows: 50 problems reported in line order, total 60, and the count said."""
    rows = [{"value": f"v{i}"} if i % 2 else {"date": f"32.01.{2000 + i}"} for i in range(60)]
    result = etl.load(export_text("usage", [{}, *rows]))
    assert result.status == "rejected"
    assert result.total_problems == 60
    assert len(result.problems) == 50
    assert [p.line for p in result.problems] == list(range(3, 53))
    assert [p.column for p in result.problems[:2]] == ["date", "value"]
    report = result.report("en")
    assert report[0] == "export.csv: rejected, nothing was loaded. 60 problem(s):"
    assert report[-1] == "… and 10 more errors (60 in all)."
    assert etl.value("select message from loads").endswith("… and 10 more errors (60 in all).")


def test_it_reports_every_problem_of_one_row_together(etl: Etl) -> None:
    text = export_text("projects",
                       [{"status": "blue", "percent_complete": "x", "budget_chf": "-1"}])
    result = etl.load(text)
    assert sorted(where(p) for p in result.problems) == [
        ("enum", 2, "status", "blue"),
        ("not_negative", 2, "budget_chf", "-1"),
        ("number", 2, "percent_complete", "x"),
    ]
    assert result.total_problems == 3


def test_it_rejects_two_rows_with_the_same_key_naming_the_earlier_line(etl: Etl) -> None:
    text = export_text("projects", [{"project_id": "A"}, {"project_id": "B"}, {"project_id": "A"}])
    problem = only_problem(etl.load(text))
    assert (problem.code, problem.line, problem.column) == ("duplicate_key", 4, "project_id")
    assert problem.params["other"] == "2"
    assert "line 2" in problem.render("en")
    nothing_stored(etl)


def test_it_compares_keys_after_reading_the_values(etl: Etl) -> None:
    """`2025-01-31` and `31.01.2025` are the same report date: a duplicate key."""
    text = export_text("projects", [{"project_id": "A", "report_date": "2025-01-31"},
                                    {"project_id": "A", "report_date": "31.01.2025"}])
    problem = only_problem(etl.load(text))
    assert (problem.code, problem.line) == ("duplicate_key", 3)


def test_it_treats_an_empty_department_as_part_of_the_usage_key(etl: Etl) -> None:
    text = export_text("usage", [{"department": ""}, {"department": ""}])
    problem = only_problem(etl.load(text))
    assert (problem.code, problem.line, problem.params["other"]) == ("duplicate_key", 3, "2")


def test_it_changes_nothing_when_the_same_file_is_loaded_again(etl: Etl) -> None:
    """Idempotent: the same bytes again (even renamed) are a duplicate; tables unchanged."""
    text = export_text("usage", [{}, {}, {}])
    first = loaded(etl.load(text, name="usage-jan.csv"))
    before = etl.dump(exclude=["loads"])
    again = etl.load(text, name="usage-jan (1).csv")
    assert again.status == "duplicate"
    assert again.duplicate_of == first.load_id
    assert again.rows == 0 and again.replaced == 0 and again.problems == []
    assert etl.dump(exclude=["loads"]) == before
    assert etl.rows("select status, rows, replaced_rows from loads order by load_id") == [
        ("loaded", 3, 0), ("duplicate", 0, 0)]


def test_it_replaces_stored_rows_with_the_same_key_and_counts_them(etl: Etl) -> None:
    """A corrected export replaces rows by key; replaced rows are counted in the log."""
    first = loaded(etl.load(export_text("projects", [
        {"project_id": "A", "status": "green"}, {"project_id": "B", "status": "green"}])))
    second = loaded(etl.load(export_text("projects", [
        {"project_id": "A", "status": "red"}, {"project_id": "C", "status": "amber"}])))
    assert (second.rows, second.replaced) == (2, 1)
    assert etl.rows("select project_id, status, load_id from projects order by project_id") == [
        ("A", "red", second.load_id), ("B", "green", first.load_id), ("C", "amber", second.load_id)]
    assert etl.value("select replaced_rows from loads where load_id = ?", [second.load_id]) == 1
    assert "(1 replaced)" in second.report("en")[0]


def test_it_keeps_rows_with_another_report_date(etl: Etl) -> None:
    """The projects key is (project_id, report_date): a new report date adds a row."""
    loaded(etl.load(export_text("projects", [{"report_date": "2025-01-31"}])))
    result = loaded(etl.load(export_text("projects", [{"report_date": "2025-02-28"}])))
    assert result.replaced == 0
    assert etl.count("projects") == 2


def test_it_logs_one_row_per_load_attempt(etl: Etl) -> None:
    """loads: load_id, kind, file_name, sha256, rows, replaced_rows, status, message,
    loaded_at, loaded_by for loaded, rejected and duplicate attempts alike."""
    good = export_text("milestones", [{}, {}])
    bad = export_text("milestones", [{"planned_date": "soon"}])
    corrected = export_text("milestones", [{"milestone": "Go-live (moved)"}, {}])
    results = [etl.load(good, name="m1.csv", loaded_by="alice"),
               etl.load(bad, name="m2.csv", loaded_by="bob"),
               etl.load(good, name="m3.csv", loaded_by="carol"),
               etl.load(corrected, name="m4.csv", loaded_by="dan")]
    assert [r.status for r in results] == ["loaded", "rejected", "duplicate", "loaded"]
    rows = etl.rows("select load_id, kind, file_name, sha256, rows, replaced_rows, status, "
                    "loaded_by from loads order by load_id")
    sha = [hashlib.sha256(t.encode()).hexdigest() for t in (good, bad, good, corrected)]
    assert rows == [
        (results[0].load_id, "milestones", "m1.csv", sha[0], 2, 0, "loaded", "alice"),
        (results[1].load_id, "milestones", "m2.csv", sha[1], 0, 0, "rejected", "bob"),
        (results[2].load_id, "milestones", "m3.csv", sha[2], 0, 0, "duplicate", "carol"),
        (results[3].load_id, "milestones", "m4.csv", sha[3], 2, 2, "loaded", "dan"),
    ]
    assert len({r[0] for r in rows}) == 4
    messages = [r[0] for r in etl.rows("select message from loads order by load_id")]
    assert 'm2.csv, line 2, column planned_date: found "soon"' in messages[1]
    stamps = [r[0] for r in etl.rows("select loaded_at from loads order by load_id")]
    assert all(isinstance(s, dt.datetime) for s in stamps)


def test_it_points_every_stored_row_at_its_load(etl: Etl) -> None:
    result = loaded(etl.load(export_text("usage", [{}, {}])))
    assert etl.rows("select distinct load_id from usage") == [(result.load_id,)]


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("usage.csv", "utf-8"), ("usage.csv", "utf-16"), ("usage.csv", "cp1252"),
     ("usage.xlsx", None)],
)
def test_it_archives_the_original_unchanged_under_its_sha256(
    etl: Etl, name: str, encoding: str | None
) -> None:
    """archive/<sha[:2]>/<sha> holds the original, byte for byte, whatever its format."""
    if encoding is None:
        content = xlsx_bytes([("usage", _sheet("usage", department="Médecine"))])
    else:
        content = export_text("usage", [{"department": "Médecine"}], sep=";").encode(encoding)
    path = etl.write(content, name=name)
    loaded(load_files([path])[0])
    digest = hashlib.sha256(content).hexdigest()
    target = settings.archive_dir() / digest[:2] / digest
    assert target.read_bytes() == content
    assert etl.archived() == [target]
    assert etl.value("select sha256 from loads") == digest


def test_it_archives_nothing_of_a_rejected_file(etl: Etl) -> None:
    etl.load(export_text("usage", [{"value": "x"}]))
    assert etl.archived() == []


def test_it_loads_each_file_in_its_own_transaction(etl: Etl) -> None:
    """A good file beside a bad one still loads; the bad one changes nothing."""
    good = etl.write(export_text("usage", [{}, {}]), name="good.csv")
    bad = etl.write(export_text("positions", [{"fte": "0"}]), name="bad.csv")
    also_good = etl.write(export_text("milestones"), name="also-good.csv")
    results = load_files([good, bad, also_good])
    assert [(r.file, r.status) for r in results] == [
        ("good.csv", "loaded"), ("bad.csv", "rejected"), ("also-good.csv", "loaded")]
    assert (etl.count("usage"), etl.count("positions"), etl.count("milestones")) == (2, 0, 1)


def test_it_shows_given_names_instead_of_the_paths(etl: Etl) -> None:
    """An upload keeps the name the person gave it, not the temporary path."""
    path = etl.write(export_text("usage"), name="tmp123.csv")
    (result,) = load_files([path], names=["Usage January.csv"], loaded_by="upload")
    assert result.file == "Usage January.csv"
    assert etl.rows("select file_name, loaded_by from loads") == [("Usage January.csv", "upload")]


# --------------------------------------------------------------------------------------
# Rebuild from the archive
# --------------------------------------------------------------------------------------


def _history(etl: Etl) -> None:
    """A realistic history: every kind, formats, a correction, a rejection, a duplicate."""
    etl.load(export_text("projects", [{"project_id": "A"}, {"project_id": "B"}], sep=";"),
             name="projects.csv", encoding="cp1252", loaded_by="alice")
    etl.load(export_text("projects", [{"project_id": "A", "status": "rot"}]), name="fix.csv")
    etl.load(export_text("projects", [{"project_id": "A", "status": "rot"}]), name="fix2.csv")
    etl.load(export_text("usage", [{"value": "-1"}]), name="bad.csv")
    etl.load(xlsx_bytes([("positions", _sheet("positions", fte=0.8))]), name="positions.xlsx")
    etl.load(export_text("milestones", [{}, {}], sep="\t"), name="milestones.tsv",
             encoding="utf-16")
    etl.load(LONG_USAGE, name="usage.csv", loaded_by="bob")
    etl.load(b"", name="empty.csv")


def test_it_rebuilds_every_table_row_by_row_from_the_archive(etl: Etl) -> None:
    _history(etl)
    before = etl.dump()
    assert len(before["loads"]) == 1 + 8
    results = rebuild()
    assert len(results) == 8
    assert etl.dump() == before


def test_it_rebuilds_from_the_archive_when_the_warehouse_is_lost(etl: Etl) -> None:
    """The archive (originals and manifest) alone reproduces the warehouse."""
    _history(etl)
    before = etl.dump()
    settings.warehouse_path().unlink()
    rebuild()
    assert etl.dump() == before


@pytest.mark.parametrize("damage", ["changed", "missing"])
def test_it_refuses_to_rebuild_from_a_damaged_archive(etl: Etl, damage: str) -> None:
    """A changed or missing original stops the rebuild; the warehouse stays as it was."""
    _history(etl)
    before = etl.dump()
    published = settings.warehouse_path().read_bytes()
    digest = etl.value("select sha256 from loads where file_name = 'fix.csv'")
    original = archive.original_path(digest)
    if damage == "changed":
        original.write_bytes(original.read_bytes().replace(b"rot", b"red"))
    else:
        original.unlink()
    with pytest.raises(DamagedArchive, match=r"fix\.csv"):
        rebuild()
    assert settings.warehouse_path().read_bytes() == published
    assert etl.dump() == before


# --------------------------------------------------------------------------------------
# Section 5: the warehouse
# --------------------------------------------------------------------------------------

TABLE_TYPES = {
    "projects": {"report_date": "DATE", "project_id": "VARCHAR", "project_name": "VARCHAR",
                 "programme": "VARCHAR", "aim": "VARCHAR", "site": "VARCHAR", "owner": "VARCHAR",
                 "phase": "VARCHAR", "status": "VARCHAR", "start_date": "DATE",
                 "planned_end": "DATE", "forecast_end": "DATE", "budget_chf": "DOUBLE",
                 "spent_chf": "DOUBLE", "percent_complete": "DOUBLE", "comment": "VARCHAR"},
    "milestones": {"project_id": "VARCHAR", "milestone_id": "VARCHAR", "milestone": "VARCHAR",
                   "planned_date": "DATE", "actual_date": "DATE"},
    "positions": {"position_id": "VARCHAR", "role": "VARCHAR", "team": "VARCHAR",
                  "site": "VARCHAR", "fte": "DOUBLE", "status": "VARCHAR",
                  "opened_date": "DATE", "filled_date": "DATE", "programme": "VARCHAR",
                  "annual_cost_chf": "DOUBLE"},
    "usage": {"date": "DATE", "site": "VARCHAR", "department": "VARCHAR", "system": "VARCHAR",
              "metric": "VARCHAR", "value": "DOUBLE"},
}


@pytest.mark.parametrize("table", sorted(TABLE_TYPES))
def test_it_stores_the_contract_columns_with_proper_types_and_load_id(etl: Etl, table: str) -> None:
    loaded(etl.load(export_text(table)))
    types = dict(etl.rows("select column_name, data_type from information_schema.columns "
                          "where table_name = ?", [table]))
    load_id = types.pop("load_id")
    assert load_id in ("INTEGER", "BIGINT")
    assert types == TABLE_TYPES[table]


def test_it_stores_every_value_of_a_full_projects_row(etl: Etl) -> None:
    loaded(etl.load(export_text("projects")))
    assert etl.rows("select * exclude (load_id) from projects") == [(
        dt.date(2025, 1, 31), "DIG-014", "Patient portal", "Patient access", "patient_access",
        "Sion", "PMO", "build", "green", dt.date(2024, 3, 1), dt.date(2025, 12, 31),
        dt.date(2026, 1, 31), 1000000.0, 250000.0, 40.0, "on track")]


def test_it_keeps_the_loads_table_columns_of_the_contract(etl: Etl) -> None:
    loaded(etl.load(export_text("usage")))
    columns = [r[0] for r in etl.rows("select column_name from information_schema.columns "
                                      "where table_name = 'loads' order by ordinal_position")]
    assert columns == ["load_id", "kind", "file_name", "sha256", "rows", "replaced_rows",
                       "status", "message", "loaded_at", "loaded_by"]


def test_it_keeps_the_warehouse_in_the_data_folder(etl: Etl) -> None:
    loaded(etl.load(export_text("usage")))
    assert (etl.root / "warehouse.duckdb").is_file()
    assert etl.rows("select metric from metrics order by metric") == [
        ("e_prescriptions",), ("ehr_active_users",), ("paper_prescriptions",), ("portal_logins",)]
