"""Property tests for the readers: any valid table, in any accepted dialect, reads the same.

Hypothesis draws a valid projects table (and a valid usage table), writes it once in the
canonical form (UTF-8, comma, LF, ISO dates, plain numbers, English enums, contract
headers and order) and once in a drawn dialect: separator `,` `;` or tab; encoding
UTF-8, UTF-8 with BOM, UTF-16 or Windows-1252; LF or CRLF; dates ISO, dd.mm.yyyy,
dd/mm/yyyy or timestamps; numbers plain, with apostrophe, right-quote or space
thousands (comma decimal only when the separator is not a comma); headers in any case
with spaces or hyphens, in any order; enums in English, French or German in any case;
minimal or full quoting; or an .xlsx workbook with real date and number cells. Both
must store the same values, and those must be the values drawn.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from etl_helpers import METRICS, METRICS_CSV, SITES_CSV, TARGETS_CSV, xlsx_bytes
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from etl.contracts import AIMS
from etl.load import LoadResult, load_files, read_only

# Letters with accents, the Swiss apostrophes, quotes and every separator: the values
# that make quoting and decoding matter. No digits, so no cell can look like a number,
# a date or an AVS number; no line breaks (tested on their own in test_contract_rules).
SAFE_TEXT = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüßàÉÜäöè ’'\",;\t&()-/",
    min_size=1, max_size=12,
).filter(lambda s: s == s.strip())

SPELLINGS = {
    "status": {
        "green": ["green", "vert", "grün", "grun", "gruen"],
        "amber": ["amber", "orange", "gelb"],
        "red": ["red", "rouge", "rot"],
    },
    "phase": {
        "idea": ["idea", "idée", "Idee"],
        "planning": ["planning", "planification", "Planung"],
        "build": ["build", "réalisation", "Umsetzung"],
        "rollout": ["rollout", "déploiement", "Einführung", "Einfuehrung"],
        "live": ["live", "production", "Betrieb"],
        "closed": ["closed", "clôturé", "cloture", "abgeschlossen"],
    },
}

PROJECT_COLUMNS = ["report_date", "project_id", "project_name", "programme", "aim", "site",
                   "owner", "phase", "status", "start_date", "planned_end", "forecast_end",
                   "budget_chf", "spent_chf", "percent_complete", "comment"]
PROJECT_TYPES = {"report_date": "date", "start_date": "date", "planned_end": "date",
                 "forecast_end": "date", "budget_chf": "money", "spent_chf": "money",
                 "percent_complete": "percent", "phase": "phase", "status": "status",
                 "aim": "aim"}
USAGE_COLUMNS = ["date", "site", "department", "system", "metric", "value"]
USAGE_TYPES = {"date": "date", "value": "money"}


@dataclass(frozen=True)
class Dialect:
    """How one file is written."""

    form: str = "csv"  # csv or xlsx
    sep: str = ","
    encoding: str = "utf-8"
    newline: str = "\n"
    dates: str = "iso"  # iso, dots, slashes, timestamp
    numbers: str = "plain"  # plain, apostrophe, quote, space, nbsp, nnbsp
    percent_sign: bool = False
    quoting: int = csv.QUOTE_MINIMAL
    headers: str = "exact"  # exact, title, upper, padded
    enums: tuple[int, int] = (0, 0)  # which spelling, which case
    order: tuple[int, ...] | None = None


CANONICAL = Dialect()


@st.composite
def dialects(draw: st.DrawFn) -> Dialect:
    form = draw(st.sampled_from(["csv", "csv", "csv", "xlsx"]))
    sep = draw(st.sampled_from([",", ";", "\t"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    styles = ["plain", "apostrophe", "quote"]
    if sep != "," and form == "csv":
        styles += ["space", "nbsp"] + ([] if encoding == "cp1252" else ["nnbsp"])
    return Dialect(
        form=form, sep=sep, encoding=encoding,
        newline=draw(st.sampled_from(["\n", "\r\n"])),
        dates=draw(st.sampled_from(["iso", "dots", "slashes", "timestamp"])),
        numbers=draw(st.sampled_from(styles)),
        percent_sign=draw(st.booleans()),
        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])),
        headers=draw(st.sampled_from(["exact", "title", "upper", "padded"])),
        enums=(draw(st.integers(0, 4)), draw(st.integers(0, 3))),
        order=tuple(draw(st.permutations(range(16)))),
    )


# ---------------------------------------------------------------------------------------
# Writing a value in a dialect
# ---------------------------------------------------------------------------------------


def _group(digits: str, mark: str) -> str:
    parts = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    return mark.join([digits, *parts])


def write_number(cents: int, dialect: Dialect, decimals: int = 2) -> str:
    """An exact decimal (cents or tenths) in the dialect's number style."""
    whole, fraction = divmod(cents, 10**decimals)
    fraction_text = f"{fraction:0{decimals}d}"
    marks = {"plain": ("", "."), "apostrophe": ("'", "."), "quote": ("’", "."),
             "space": (" ", ","), "nbsp": ("\u00a0", ","), "nnbsp": ("\u202f", ",")}
    thousands, decimal = marks[dialect.numbers]
    return f"{_group(str(whole), thousands)}{decimal}{fraction_text}"


def write_date(value: dt.date, dialect: Dialect) -> str:
    return {
        "iso": value.isoformat(),
        "dots": value.strftime("%d.%m.%Y"),
        "slashes": value.strftime("%d/%m/%Y"),
        "timestamp": f"{value.isoformat()} 13:45:09",
    }[dialect.dates]


def write_enum(kind: str, value: str, dialect: Dialect) -> str:
    aims = [value, value.replace("_", " ")]
    spellings = aims if kind == "aim" else SPELLINGS[kind][value]
    spelling = spellings[dialect.enums[0] % len(spellings)]
    return [str, str.upper, str.lower, str.title][dialect.enums[1]](spelling)


def write_header(name: str, dialect: Dialect) -> str:
    return {
        "exact": name,
        "title": name.replace("_", " ").title(),
        "upper": name.upper().replace("_", "-"),
        "padded": f"  {name} ",
    }[dialect.headers]


def cell(value: Any, kind: str | None, dialect: Dialect) -> Any:
    """A model value as the dialect writes it (a date or float for real Excel cells)."""
    if value is None:
        return None if dialect.form == "xlsx" else ""
    if kind == "date":
        if dialect.form == "xlsx":
            if dialect.dates == "timestamp":
                return dt.datetime.combine(value, dt.time(13, 45))
            return value
        return write_date(value, dialect)
    if kind in ("money", "percent"):
        decimals = 2 if kind == "money" else 1
        if dialect.form == "xlsx":
            return value / 10**decimals
        text = write_number(value, dialect, decimals)
        return text + " %" if kind == "percent" and dialect.percent_sign else text
    if kind in ("phase", "status", "aim"):
        return write_enum(kind, value, dialect)
    return value


def render(columns: list[str], types: dict[str, str], rows: list[dict[str, Any]],
           dialect: Dialect) -> tuple[bytes, str]:
    """The file's bytes and name."""
    order = list(dialect.order or range(len(columns)))
    order = [i for i in order if i < len(columns)]
    names = [columns[i] for i in order]
    header = [write_header(n, dialect) for n in names]
    body = [[cell(row[n], types.get(n), dialect) for n in names] for row in rows]
    if dialect.form == "xlsx":
        return xlsx_bytes([("Sheet1", [header, *body])]), "export.xlsx"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=dialect.sep, quoting=dialect.quoting,
                        lineterminator=dialect.newline)
    writer.writerow(header)
    writer.writerows(body)
    text = buffer.getvalue()
    content = text.encode(dialect.encoding)
    if dialect.encoding == "cp1252" and not text.isascii():
        # Windows-1252 is detected as "not UTF-8"; bytes that happen to be valid UTF-8
        # (e.g. "ß’" is DF 92) cannot be told apart by any reader, so they are not drawn.
        assume(not _valid_utf8(content))
    return content, "export.tsv" if dialect.sep == "\t" else "export.csv"


def _valid_utf8(content: bytes) -> bool:
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# ---------------------------------------------------------------------------------------
# Valid tables
# ---------------------------------------------------------------------------------------

DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))
PAST_DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date.today())
MONEY = st.integers(min_value=0, max_value=10**11)  # cents, up to a billion francs


@st.composite
def project_tables(draw: st.DrawFn) -> list[dict[str, Any]]:
    keys = draw(st.lists(st.tuples(st.sampled_from(["DIG-001", "DIG-014", "ERP-7", "X"]), DATES),
                         min_size=1, max_size=5, unique=True))
    rows = []
    for project_id, report_date in keys:
        start = draw(st.none() | DATES)
        after_start = st.dates(min_value=start or dt.date(2000, 1, 1),
                               max_value=dt.date(2031, 12, 31))
        rows.append({
            "report_date": report_date,
            "project_id": project_id,
            "project_name": draw(SAFE_TEXT),
            "programme": draw(SAFE_TEXT),
            "aim": draw(st.none() | st.sampled_from(AIMS)),
            "site": draw(st.none() | SAFE_TEXT),
            "owner": draw(st.none() | SAFE_TEXT),
            "phase": draw(st.sampled_from(sorted(SPELLINGS["phase"]))),
            "status": draw(st.sampled_from(sorted(SPELLINGS["status"]))),
            "start_date": start,
            "planned_end": draw(after_start),
            "forecast_end": draw(st.none() | after_start),
            "budget_chf": draw(st.none() | MONEY),
            "spent_chf": draw(st.none() | MONEY),
            "percent_complete": draw(st.integers(min_value=0, max_value=1000)),  # tenths
            "comment": draw(st.none() | SAFE_TEXT),
        })
    return rows


@st.composite
def usage_tables(draw: st.DrawFn) -> list[dict[str, Any]]:
    keys = draw(st.lists(
        st.tuples(PAST_DATES, st.sampled_from(["Sion", "Brig", "Saint-Maurice"]),
                  st.none() | st.sampled_from(["médecine", "Chirurgie; Süd", "a, b"]),
                  st.sampled_from(["EHR", "CPOE", "patient portal"]), st.sampled_from(METRICS)),
        min_size=1, max_size=8, unique=True))
    return [
        {"date": d, "site": s, "department": dep, "system": sy, "metric": m,
         "value": draw(MONEY)}
        for d, s, dep, sy, m in keys
    ]


def expected_projects(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    def money(v: int | None) -> float | None:
        return None if v is None else v / 100
    return sorted(
        (r["report_date"], r["project_id"], r["project_name"], r["programme"], r["aim"],
         r["site"], r["owner"], r["phase"], r["status"], r["start_date"], r["planned_end"],
         r["forecast_end"], money(r["budget_chf"]), money(r["spent_chf"]),
         r["percent_complete"] / 10, r["comment"])
        for r in rows
    )


def expected_usage(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted(
        ((r["date"], r["site"], r["department"], r["system"], r["metric"], r["value"] / 100)
         for r in rows),
        key=repr,
    )


# ---------------------------------------------------------------------------------------
# Loading into a private data folder (hypothesis runs many examples per test)
# ---------------------------------------------------------------------------------------


@contextmanager
def data_folder() -> Iterator[Path]:
    """A fresh data folder named by DASHBOARD_DATA_DIR for one example."""
    previous = os.environ.get("DASHBOARD_DATA_DIR")
    with tempfile.TemporaryDirectory(prefix="etl-property-") as tmp:
        root = Path(tmp) / "data"
        root.mkdir()
        (root / "metrics.csv").write_text(METRICS_CSV, encoding="utf-8")
        (root / "sites.csv").write_text(SITES_CSV, encoding="utf-8")
        (root / "targets.csv").write_text(TARGETS_CSV, encoding="utf-8")
        os.environ["DASHBOARD_DATA_DIR"] = str(root)
        try:
            yield root
        finally:
            if previous is None:
                os.environ.pop("DASHBOARD_DATA_DIR", None)
            else:
                os.environ["DASHBOARD_DATA_DIR"] = previous


def load_and_read(content: bytes, name: str,
                  query: str) -> tuple[LoadResult, list[tuple[Any, ...]]]:
    with data_folder() as root:
        path = root.parent / name
        path.write_bytes(content)
        (result,) = load_files([path])
        if result.status != "loaded":
            return result, []
        with read_only() as con:
            return result, con.execute(query).fetchall()


def assert_same_as_canonical(content: bytes, name: str, canonical: tuple[bytes, str],
                             query: str, expected: list[tuple[Any, ...]], key: Any = None,
                             dialect: Dialect | None = None) -> None:
    base_result, base_rows = load_and_read(*canonical, query)
    assert base_result.status == "loaded", base_result.report()
    result, rows = load_and_read(content, name, query)
    assert result.status == "loaded", (dialect, content[:400], result.report())
    assert result.rows == len(expected)
    assert sorted(rows, key=key) == sorted(base_rows, key=key) == expected


PROPERTY = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@PROPERTY
@given(rows=project_tables(), dialect=dialects())
def test_a_projects_table_reads_the_same_in_every_dialect(
    rows: list[dict[str, Any]], dialect: Dialect
) -> None:
    """Any valid projects table, written in any accepted dialect, stores the drawn values."""
    content, name = render(PROJECT_COLUMNS, PROJECT_TYPES, rows, dialect)
    canonical = render(PROJECT_COLUMNS, PROJECT_TYPES, rows, CANONICAL)
    assert_same_as_canonical(
        content, name, canonical,
        "select * exclude (load_id) from projects order by project_id, report_date",
        expected_projects(rows), dialect=dialect,
    )


@PROPERTY
@given(rows=usage_tables(), dialect=dialects())
def test_a_usage_table_reads_the_same_in_every_dialect(
    rows: list[dict[str, Any]], dialect: Dialect
) -> None:
    """Any valid long usage table, written in any accepted dialect, stores the drawn values."""
    content, name = render(USAGE_COLUMNS, USAGE_TYPES, rows, dialect)
    canonical = render(USAGE_COLUMNS, USAGE_TYPES, rows, CANONICAL)
    assert_same_as_canonical(
        content, name, canonical, "select * exclude (load_id) from usage",
        expected_usage(rows), key=repr, dialect=dialect,
    )


def wide(rows: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """The same usage in wide form: one column per metric, empty where there is no value."""
    metrics = sorted({r["metric"] for r in rows})
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in rows:
        key = (r["date"], r["site"], r["department"], r["system"])
        group = groups.setdefault(key, dict(zip(("date", "site", "department", "system"),
                                                key, strict=True)) | dict.fromkeys(metrics))
        group[r["metric"]] = r["value"]
    return ["date", "site", "department", "system", *metrics], list(groups.values())


@PROPERTY
@given(rows=usage_tables(), dialect=dialects())
def test_a_wide_usage_table_stores_the_same_rows_as_its_long_form(
    rows: list[dict[str, Any]], dialect: Dialect
) -> None:
    """Wide usage in any dialect unpivots to exactly the rows of the long form."""
    dialect = Dialect(**{**dialect.__dict__, "order": None})  # keys first, as the contract
    columns, wide_rows = wide(rows)
    types = {"date": "date", **{m: "money" for m in METRICS}}
    content, name = render(columns, types, wide_rows, dialect)
    canonical = render(USAGE_COLUMNS, USAGE_TYPES, rows, CANONICAL)
    assert_same_as_canonical(
        content, name, canonical, "select * exclude (load_id) from usage",
        expected_usage(rows), key=repr, dialect=dialect,
    )
