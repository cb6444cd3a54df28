"""The board pack: a PDF in French, German and English, from the figures the pages show.

One small demonstration warehouse is built for the module through the ETL. The French and
German packs are built in this process, the English one by `python -m etl boardpack`; all
three are read back with pypdf. Expected figures are queried from the marts directly and
formatted with Babel here, independently of the pack's code.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from babel.numbers import format_decimal
from PIL import Image, ImageStat
from pypdf import PdfReader

from app import db, exports, i18n
from app.boardpack import build_document, build_pack, cli
from app.boardpack.document import Chart, Figures, Section, Table, Text
from app.filters import Filters
from app.i18n import LANGUAGES, TRANSLATIONS, translate
from etl import warehouse as warehouse_access
from etl.__main__ import main as etl_main
from etl.load import build_demo
from etl.settings import REPO_ROOT

AS_OF = date(2026, 6, 30)  # the demo's last day of data
START, END = date(2025, 7, 1), date(2026, 6, 1)  # the period of the packs
PERIOD = "2025-07..2026-06"
LOCALES = {"fr": "fr_CH", "de": "de_CH", "en": "en_GB"}
CHARTS = 6  # hours by system, RAG per month, share trend, share by site, hiring plan, time to fill
# The first part of every key in the translation table: such a word followed by a dot and
# a name is a key that escaped translation.
KEY_PREFIXES = sorted({key.split(".")[0] for key in TRANSLATIONS})
KEY_PATTERN = re.compile(rf"\b(?:{'|'.join(KEY_PREFIXES)})\.[a-z_]+(?:\.[a-z_]+)*\b")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A small demonstration warehouse, loaded through the ETL into its own data folder."""
    data = tmp_path_factory.mktemp("boardpack") / "data"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_DATA_DIR", str(data))
        results = build_demo(scale=0.05, as_of=AS_OF)
        assert {r.status for r in results} == {"loaded"}, [r.report("en") for r in results]
        st.cache_data.clear()
        st.cache_resource.clear()
        yield data
    st.cache_data.clear()
    st.cache_resource.clear()


def whole_hospital() -> Filters:
    """The packs' filters: the period, the whole hospital, every programme and aim."""
    return Filters(start=START, end=END, region=None, site=None, programme=None, aim=None)


@dataclass(frozen=True)
class Packs:
    """The pack in each language, and what the command line said while making the English one."""

    pdf: dict[str, bytes]
    cli_stderr: str


@pytest.fixture(scope="module")
def packs(warehouse: Path) -> Packs:
    """The pack in each language: French and German built here, English by the CLI."""
    built = {}
    for language in ("fr", "de"):
        with i18n.speaking(language):
            built[language] = build_pack(db.warehouse_version(), whole_hospital(), today=AS_OF)
    out = warehouse.parent / "pack-en.pdf"
    result = run_cli("--lang", "en", "--period", PERIOD, "--out", str(out), data=warehouse)
    assert result.returncode == 0, result.stderr
    built["en"] = out.read_bytes()
    return Packs(built, result.stderr)


def run_cli(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    """`python -m etl boardpack ARGS` on the test's data folder."""
    env = {**os.environ, "DASHBOARD_DATA_DIR": str(data)}
    return subprocess.run(
        [sys.executable, "-m", "etl", "boardpack", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def exit_code(argv: list[str]) -> int:
    """`python -m etl ARGV` in this process: its exit code, argparse's refusals included."""
    try:
        return etl_main(argv)
    except SystemExit as stop:
        return int(stop.code or 0)


def pdf_text(pack: bytes) -> str:
    """All the pack's text, each run of spaces (narrow, no-break or line breaks) as one space."""
    reader = PdfReader(io.BytesIO(pack))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"[\s\u202f\u00a0]+", " ", text)


def spaced(text: str) -> str:
    """Text with its spaces normalised as pdf_text does."""
    return re.sub(r"[\s\u202f\u00a0]+", " ", text)


def number(value: float, language: str, decimals: int = 0) -> str:
    """A number as the locale writes it, spaces normalised."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return spaced(format_decimal(value, format=pattern, locale=LOCALES[language]))


def mart_row(sql: str, params: list[object]) -> tuple[object, ...]:
    """One row straight from the warehouse (not through app.queries)."""
    con = warehouse_access.connect_read_only()
    try:
        row = con.execute(sql, params).fetchone()
    finally:
        con.close()
    assert row is not None
    return row


# --- The document ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pack_numbers_its_pages_and_opens_on_a_cover(packs: Packs, language: str) -> None:
    """It has a cover and a page per section at least, each page numbered "n of N"."""
    reader = PdfReader(io.BytesIO(packs.pdf[language]))
    pages = len(reader.pages)
    assert 7 <= pages <= 12
    for index, page in enumerate(reader.pages, start=1):
        label = translate(language, "boardpack.page_number", page=index, pages=pages)
        assert label in page.extract_text()
    cover = spaced(reader.pages[0].extract_text())
    assert translate(language, "boardpack.title") in cover
    assert translate(language, "boardpack.hospital.default") in cover
    assert translate(language, "boardpack.data_as_of") in cover


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_titles_are_in_the_chosen_language(packs: Packs, language: str) -> None:
    """Every section title is there in the pack's language, and in no other."""
    text = pdf_text(packs.pdf[language])
    titles = (
        "overview.title",
        "overview.hours.header",
        "overview.portfolio.header",
        "nav.adoption",
        "overview.staffing.header",
        "boardpack.quality.title",
        "boardpack.attention.header",
    )
    for key in titles:
        assert translate(language, key) in text, key
        for other in LANGUAGES:
            if other != language and translate(other, key) != translate(language, key):
                assert translate(other, key) not in text, (key, other)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translation_key_or_placeholder_is_left(packs: Packs, language: str) -> None:
    """No text reads like `overview.title` or `{month}`: every word went through i18n."""
    text = pdf_text(packs.pdf[language])
    assert KEY_PATTERN.findall(text) == []
    assert re.findall(r"\{[a-z_]+\}", text) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_accented_letters_survive(packs: Packs, language: str) -> None:
    """é, ü and the like come back out of the PDF as written (a Unicode font is embedded)."""
    text = pdf_text(packs.pdf[language])
    expected = {
        "fr": ["Données", "numérique", "Période"],
        "de": ["Übersicht", "Datenqualität", "für"],
        "en": ["Data quality", "Board pack"],
    }
    for word in expected[language]:
        assert word in text


# --- The headline numbers equal the marts' values ---------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_hours_freed_over_the_period_are_the_marts(packs: Packs, language: str) -> None:
    """The period's base hours, and their low-high range, are mart_time_saved_monthly's sums."""
    low, base, high = mart_row(
        """
        select sum(hours_low), sum(hours_base), sum(hours_high)
        from mart_time_saved_monthly
        where month between ? and least(?, (select complete_month from mart_data_freshness
                                             where source = 'usage'))
        """,
        [START, END],
    )
    text = pdf_text(packs.pdf[language])
    assert translate(language, "unit.hours", value=number(float(base), language)) in text
    assert number(float(low), language) in text and number(float(high), language) in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_project_statuses_are_the_marts(packs: Packs, language: str) -> None:
    """Green, amber and red counts of the latest report, and each red or amber project."""
    latest = "(select max(report_month) from mart_portfolio_status where report_month <= ?)"
    green, amber, red = mart_row(
        f"""
        select count(*) filter (where status = 'green'), count(*) filter (where status = 'amber'),
            count(*) filter (where status = 'red')
        from mart_portfolio_status where phase <> 'closed' and report_month = {latest}
        """,
        [END],
    )
    text = pdf_text(packs.pdf[language])
    assert f"{green} · {amber} · {red}" in text
    con = warehouse_access.connect_read_only()
    try:
        flagged = con.execute(
            f"""select project_id from mart_portfolio_status where phase <> 'closed'
                and status in ('red', 'amber') and report_month = {latest}""",
            [END],
        ).fetchall()
    finally:
        con.close()
    assert len(flagged) == int(str(red)) + int(str(amber)) > 0
    for (project_id,) in flagged:
        assert project_id in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_positions_filled_are_the_marts(packs: Packs, language: str) -> None:
    """Positions filled and planned at the end of the period, from mart_positions."""
    planned, filled = mart_row(
        """
        select count(*), count(*) filter (where filled_date <= last_day(?::date))
        from mart_positions where is_planned and opened_date <= last_day(?::date)
        """,
        [END, END],
    )
    text = pdf_text(packs.pdf[language])
    label = translate(language, "overview.staffing.filled")
    of_planned = translate(language, "overview.staffing.of_planned", planned=planned)
    assert f"{label} {filled} {of_planned}" in text


# --- Charts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_charts_are_images_with_something_drawn(packs: Packs, language: str) -> None:
    """Each chart is embedded as a high-resolution image that is not blank."""
    reader = PdfReader(io.BytesIO(packs.pdf[language]))
    images = [image.image for page in reader.pages for image in page.images]
    assert len(images) == CHARTS
    for image in images:
        assert image is not None and image.width >= 2000  # about 300 dpi over 180 mm
        grey = image.convert("L")
        assert ImageStat.Stat(grey).stddev[0] > 15
        assert len(grey.resize((200, 100)).getcolors(maxcolors=20_000) or ()) > 20


def test_a_chart_renders_to_png_for_download(warehouse: Path) -> None:
    """The PNG behind every chart's download button is an image of the figure."""
    with i18n.speaking("de"):
        document = build_document(db.warehouse_version(), whole_hospital(), AS_OF)
    chart = document.all_charts()[0]
    png = exports.figure_png(chart.figure)
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG" and image.width == exports.DEFAULT_WIDTH * exports.DEFAULT_SCALE
    assert isinstance(chart, Chart) and chart.name == translate("de", "chart.time.system.title")


# --- Filters ------------------------------------------------------------------------------------


def section(document_sections: tuple[Section, ...], title: str) -> Section:
    """The section with this title."""
    return next(s for s in document_sections if s.title == title)


def test_a_site_filter_applies_to_the_pack(warehouse: Path) -> None:
    """For one site the cover names it, the hiring figures are the site's, and the share by
    site (a whole-hospital view) is left out."""
    site = "Sion"
    chosen = Filters(start=START, end=END, region=None, site=site, programme=None, aim=None)
    with i18n.speaking("en"):
        document = build_document(db.warehouse_version(), chosen, AS_OF)
    assert any(site in line for line in document.cover.lines)
    planned, filled = mart_row(
        """
        select count(*), count(*) filter (where filled_date <= last_day(?::date))
        from mart_positions where is_planned and opened_date <= last_day(?::date)
            and lower(site) = lower(?)
        """,
        [END, END, site],
    )
    hiring = section(document.sections, translate("en", "overview.staffing.header"))
    figures = next(b for b in hiring.blocks if isinstance(b, Figures))
    assert figures.items[0].value == str(filled)
    assert figures.items[0].note == translate("en", "overview.staffing.of_planned", planned=planned)
    adoption = section(document.sections, translate("en", "nav.adoption"))
    assert sum(isinstance(b, Chart) for b in adoption.blocks) == 1  # the trend, no heatmap


def test_a_programme_filter_keeps_only_its_projects(warehouse: Path) -> None:
    """The red and amber projects listed all belong to the programme chosen."""
    con = warehouse_access.connect_read_only()
    try:
        programmes = dict(con.execute("select project_id, programme from mart_portfolio_status").fetchall())
    finally:
        con.close()
    programme = sorted(set(programmes.values()))[0]
    chosen = Filters(start=START, end=END, region=None, site=None, programme=programme, aim=None)
    with i18n.speaking("fr"):
        document = build_document(db.warehouse_version(), chosen, AS_OF)
    portfolio = section(document.sections, translate("fr", "overview.portfolio.header"))
    tables = [b for b in portfolio.blocks if isinstance(b, Table)]
    listed = [row[0].text.split(" · ")[0] for table in tables for row in table.rows]
    assert all(programmes[project] == programme for project in listed)
    assert any(programme in line for line in document.cover.lines)


def test_the_hospital_is_named_by_its_setting(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """DASHBOARD_HOSPITAL_NAME names the hospital on the cover and in every page's footer."""
    monkeypatch.setenv("DASHBOARD_HOSPITAL_NAME", "Hôpital du Lac · Seespital")
    with i18n.speaking("fr"):
        document = build_document(db.warehouse_version(), whole_hospital(), AS_OF)
    assert document.cover.hospital == "Hôpital du Lac · Seespital"
    assert document.footer.startswith("Hôpital du Lac · Seespital · ")


def test_stale_sources_are_warned_about(warehouse: Path) -> None:
    """Data dated months before the day the pack is made shows as stale, with a warning."""
    with i18n.speaking("en"):
        document = build_document(db.warehouse_version(), whole_hospital(), date(2027, 6, 30))
    quality = section(document.sections, translate("en", "boardpack.quality.title"))
    warnings = [b.text for b in quality.blocks if isinstance(b, Text) and b.style == "warning"]
    assert warnings and all("Stale data" in w for w in warnings)


# --- The command line -------------------------------------------------------------------------


def test_the_cli_reports_each_step_without_streamlit_warnings(packs: Packs) -> None:
    """A line per section on stderr, and none of Streamlit's warnings about a missing server."""
    for step in ("overview", "hours", "portfolio", "adoption", "hiring", "quality"):
        section_name = translate("en", f"boardpack.step.{step}")
        assert translate("en", "boardpack.progress.section", section=section_name) in packs.cli_stderr
    assert translate("en", "boardpack.progress.done") in packs.cli_stderr
    assert "ScriptRunContext" not in packs.cli_stderr and "WARNING" not in packs.cli_stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--period", "2026-13..2026-06"), "does not exist"),
        (("--period", "2026-06..2026-01"), "ends before it starts"),
        (("--period", "last year"), "is not a period"),
        (("--lang", "it"), "invalid choice"),
        (("--site", "Zermatt"), "not on record"),
        (("--site", "Sion", "--region", "fr"), "not both"),
    ],
)
def test_the_cli_refuses_bad_usage_with_exit_2(
    warehouse: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    """A bad period, language or place: exit code 2, a clear message, no file written."""
    out = tmp_path / "pack.pdf"
    assert exit_code(["boardpack", *args, "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_the_cli_without_a_warehouse_exits_1(tmp_path: Path) -> None:
    """No warehouse yet: exit code 1 and how to make one."""
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("--out", str(tmp_path / "pack.pdf"), data=empty)
    assert result.returncode == 1 and "python -m etl demo" in result.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-11..2026-10", (date(2025, 11, 1), date(2026, 10, 1))),
        (" 2026-03 ", (date(2026, 3, 1), date(2026, 3, 1))),
    ],
)
def test_periods_read_as_first_days_of_months(text: str, expected: tuple[date, date]) -> None:
    """A period is read as its first and last months."""
    assert cli.parse_period(text) == expected


def test_building_a_pack_only_reads(warehouse: Path) -> None:
    """The warehouse file is still the one the load published, and the language of the
    session is restored after the command line's block."""
    before = warehouse_access.version()
    with i18n.speaking("fr"):
        build_document(db.warehouse_version(), whole_hospital(), AS_OF)
    assert warehouse_access.version() == before
    assert "language" not in st.session_state
