"""Every table download in the app: CSV and Excel with spreadsheet formulas neutralised.

A cell that starts with = + - @ (or a tab or carriage return, or their full-width forms)
would run as a formula when a spreadsheet opens the file ("CSV injection"): an export
line such as `=HYPERLINK("http://...")` could leak data or mislead the reader. Such text
cells, and column names, get a leading apostrophe, so spreadsheets show them as text.
Numbers stay numbers. The Excel writer also stores no string as a formula or link.

Pages call `table_downloads(frame, "portfolio")`; the byte builders are plain functions.
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from typing import Any

import pandas as pd
import streamlit as st

from app import i18n
from app.i18n import t
from etl import preview

CSV_MIME = "text/csv"
EXCEL_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, prefixed with an apostrophe."""
    return preview.neutralise(value) if isinstance(value, str) else value


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of the table with every text cell and column name neutralised."""
    safe = frame.copy()
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    for column in safe.columns:
        values = safe[column]
        if not (pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values)):
            safe[column] = values.astype(object).map(neutralise)
    return safe


def csv_separator(language: str) -> str:
    """The list separator a spreadsheet expects: `;` in Swiss French and German, `,` in English."""
    return "," if language == "en" else ";"


def to_csv_bytes(frame: pd.DataFrame, separator: str = ";") -> bytes:
    """The table as CSV, UTF-8 with a byte-order mark (so Excel reads the accents)."""
    return neutralised(frame).to_csv(index=False, sep=separator, lineterminator="\r\n").encode("utf-8-sig")


def to_excel_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """The table as an .xlsx workbook; no text is ever stored as a formula or a link."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        neutralised(frame).to_excel(writer, sheet_name=sheet_name(sheet), index=False)
    return buffer.getvalue()


def sheet_name(name: str) -> str:
    """A valid worksheet name: no [ ] : * ? / \\ and at most 31 characters."""
    cleaned = _SHEET_FORBIDDEN.sub(" ", name).strip().strip("'")
    return (cleaned or "data")[:31]


def file_stem(name: str) -> str:
    """A safe download file name stem: ASCII letters, digits, dot, dash and underscore."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _UNSAFE_NAME.sub("-", ascii_name).strip(".-_")[:80] or "table"


def table_downloads(frame: pd.DataFrame, name: str, key: str | None = None) -> None:
    """Two buttons side by side: the table as CSV and as Excel, built only when clicked."""
    stem, key = file_stem(name), key or file_stem(name)
    separator = csv_separator(i18n.current_language())
    row = st.container(horizontal=True)
    row.download_button(
        t("downloads.csv"),
        functools.partial(to_csv_bytes, frame, separator),
        file_name=f"{stem}.csv",
        mime=CSV_MIME,
        key=f"download_csv_{key}",
        on_click="ignore",
        icon=":material/download:",
    )
    row.download_button(
        t("downloads.excel"),
        functools.partial(to_excel_bytes, frame, stem),
        file_name=f"{stem}.xlsx",
        mime=EXCEL_MIME,
        key=f"download_xlsx_{key}",
        on_click="ignore",
        icon=":material/download:",
    )
