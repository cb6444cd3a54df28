"""Open an export: detect its format, encoding, separator and sheet, and find its headers.

The result is always a UTF-8 delimited text file that DuckDB's `read_csv` streams; files
that already are UTF-8 are read in place, others are transcoded once, chunk by chunk.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
import shutil
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import CalamineWorkbook

from etl.contracts import KINDS, SSN_PATTERN, is_personal_header, normalise_header
from etl.messages import Problem

CHUNK = 1 << 20
SNIFF_BYTES = 1 << 16
DELIMITERS = (";", ",", "\t")
XLSX_MAGIC = b"PK\x03\x04"
MAX_HEADER_CHARS = 1 << 16  # a header line longer than this is not a line of column names
MAX_COLUMNS = 1000  # the widest contract (a wide usage file) has a few dozen
MAX_XLSX_UNPACKED = 256 << 20  # beyond this an .xlsx is read as CSV or not at all (zip bombs)
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class FileRejected(Exception):
    """A whole-file problem: nothing of the file is loaded."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.render())
        self.problem = problem


@dataclass
class Source:
    """An export ready for DuckDB: a UTF-8 text file, its separator and its headers."""

    name: str
    text_path: Path
    delimiter: str
    headers: list[str]
    decimal_comma: bool
    warnings: list[Problem] = field(default_factory=list)


def open_export(path: Path, name: str, scratch: Path, kind: str | None = None) -> Source:
    """Sniff `path` and return it as a UTF-8 delimited file (converted into `scratch`)."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if not head.strip():
        raise FileRejected(Problem("empty_file", name))
    if head.startswith(XLSX_MAGIC):
        return _open_xlsx(path, name, scratch, kind)
    encoding = _detect_encoding(path, head, name)
    text_path = path
    if encoding not in ("utf-8", "utf-8-sig"):
        text_path = scratch / "export.csv"
        _transcode(path, encoding, text_path)
    delimiter, headers = _read_header(text_path, name)
    return Source(name, text_path, delimiter, headers, decimal_comma=delimiter != ",")


def _detect_encoding(path: Path, head: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding
    if b"\x00" in head:
        raise FileRejected(Problem("binary_file", name))
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _transcode(path: Path, encoding: str, target: Path) -> None:
    """Re-encode to UTF-8 in chunks; bytes cp1252 leaves undefined are read as Latin-1."""
    errors = "strict" if encoding == "utf-16" else "latin1_fallback"
    with (
        path.open("r", encoding=encoding, errors=errors, newline="") as src,
        target.open("w", encoding="utf-8", newline="") as dst,
    ):
        shutil.copyfileobj(src, dst, CHUNK)


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("latin-1"), error.end


codecs.register_error("latin1_fallback", _latin1_fallback)


def _read_header(text_path: Path, name: str) -> tuple[str, list[str]]:
    """The separator that splits the header line best, and the header names."""
    with text_path.open("r", encoding="utf-8-sig", newline="") as handle:
        first = handle.readline(MAX_HEADER_CHARS + 1)
    if not first.strip():
        raise FileRejected(Problem("empty_file", name))
    if "\x00" in first or _looks_binary(first):
        raise FileRejected(Problem("binary_file", name))
    line = first.rstrip("\r\n")
    if len(line) > MAX_HEADER_CHARS:
        raise FileRejected(Problem("header_too_long", name, params={"limit": str(MAX_HEADER_CHARS)}))
    delimiter = max(DELIMITERS, key=lambda d: len(next(csv.reader([line], delimiter=d))))
    headers = next(csv.reader([line], delimiter=delimiter))
    if len(headers) > MAX_COLUMNS:
        params = {"count": str(len(headers)), "limit": str(MAX_COLUMNS)}
        raise FileRejected(Problem("too_many_columns", name, params=params))
    return delimiter, [h.strip() for h in headers]


def _looks_binary(text: str) -> bool:
    """Control characters other than tab and line breaks mean this is not a text export."""
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n")
    return control > 0


def _open_xlsx(path: Path, name: str, scratch: Path, kind: str | None) -> Source:
    """Write the chosen sheet of a workbook as UTF-8 CSV, dates as ISO, numbers exact."""
    _refuse_zip_bomb(path, name)
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheet_name = _choose_sheet(book.sheet_names, kind)
        rows = book.get_sheet_by_name(sheet_name).iter_rows()
        target = scratch / "export.csv"
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            for row in rows:
                writer.writerow([_cell_text(v) for v in row])
        for other in book.sheet_names:
            if other != sheet_name:
                _refuse_personal_data(book.get_sheet_by_name(other).iter_rows(), name, other)
    except FileRejected:
        raise
    except Exception as error:  # calamine raises its own types for damaged workbooks
        raise FileRejected(
            Problem("unreadable_file", name, params={"detail": type(error).__name__})
        ) from error
    delimiter, headers = _read_header(target, name)
    warnings = []
    others = [s for s in book.sheet_names if s != sheet_name]
    if others:
        warnings.append(
            Problem("other_sheets", name, params={"sheet": sheet_name, "others": ", ".join(others)})
        )
    return Source(name, target, delimiter, headers, decimal_comma=False, warnings=warnings)


def _refuse_zip_bomb(path: Path, name: str) -> None:
    """Refuse a workbook whose parts unpack to more than MAX_XLSX_UNPACKED, before any is read.

    Checked on the sizes the zip declares, which is what the reader trusts when it inflates.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        detail = type(error).__name__
        raise FileRejected(Problem("unreadable_file", name, params={"detail": detail})) from error
    if unpacked > MAX_XLSX_UNPACKED:
        params = {"size": str(unpacked >> 20), "limit": str(MAX_XLSX_UNPACKED >> 20)}
        raise FileRejected(Problem("workbook_too_large", name, params=params))


def _refuse_personal_data(rows: Iterable[Sequence[object]], name: str, sheet: str) -> None:
    """A sheet that is not loaded is still archived: it may hold no personal data either."""
    for number, row in enumerate(rows, start=1):
        for index, value in enumerate(row):
            text = _cell_text(value)
            where = f"{sheet} #{index + 1}"
            if re.search(SSN_PATTERN, text):
                raise FileRejected(Problem("ssn", name, line=number, column=where))
            if number == 1 and is_personal_header(normalise_header(text)):
                raise FileRejected(Problem("personal_column", name, line=1, column=f"{sheet}: {text}"))


def _choose_sheet(sheet_names: list[str], kind: str | None) -> str:
    """The sheet named after the kind (or any kind), else the first."""
    wanted = [kind] if kind else list(KINDS)
    for sheet in sheet_names:
        if sheet.strip().lower() in wanted:
            return sheet
    return sheet_names[0]


def _cell_text(value: object) -> str:
    """An Excel cell as the text the contract reads: ISO dates, plain numbers."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)
