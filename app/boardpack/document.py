"""The board pack as plain content: sections of headline figures, text, tables and charts.

The section builders (app.boardpack.sections) fill these with words already translated
and numbers already formatted; the PDF writer (app.boardpack.pdf) only lays them out. So
what the pack says is decided in one place and how it looks in another.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

# The colours a table cell or a headline figure may carry (RAG and neutral), as RGB.
TONES: dict[str, tuple[int, int, int]] = {
    "green": (46, 125, 50),
    "amber": (242, 169, 0),
    "red": (198, 40, 40),
    "grey": (110, 110, 110),
}


@dataclass(frozen=True)
class Figure:
    """A headline number: its label, the value as written, and a note under it."""

    label: str
    value: str
    note: str = ""
    tone: str | None = None  # a key of TONES, for a status figure


@dataclass(frozen=True)
class Figures:
    """A row of headline numbers side by side."""

    items: tuple[Figure, ...]


@dataclass(frozen=True)
class Text:
    """A paragraph: body text, a small caption, a sub-heading or a warning."""

    text: str
    style: str = "body"  # body, caption, heading or warning


@dataclass(frozen=True)
class Cell:
    """A table cell: its text, and a tone for a status."""

    text: str
    tone: str | None = None


@dataclass(frozen=True)
class Table:
    """A table with a header row; `widths` are relative column widths."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]
    numeric: tuple[int, ...] = ()  # columns aligned right


@dataclass(frozen=True)
class Chart:
    """One of the pages' Plotly figures; the writer receives it rendered as PNG."""

    figure: go.Figure
    name: str  # what it shows, for the image's alternative text
    width: int | None = None  # layout pixels across the text width; None: the pack's default


Block = Figures | Text | Table | Chart


@dataclass(frozen=True)
class Section:
    """A titled part of the pack, starting on a new page."""

    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Cover:
    """The first page: who, what, for which period and scope, and how fresh the data is."""

    hospital: str
    title: str
    subtitle: str
    lines: tuple[str, ...]  # period, scope, filters
    data_as_of_title: str
    data_as_of: tuple[str, ...]  # one line per source
    generated: str  # "Generated on 28 Nov 2026"
    contents_title: str


@dataclass(frozen=True)
class Document:
    """The whole pack, ready to be laid out."""

    cover: Cover
    sections: tuple[Section, ...]
    footer: str  # hospital, title and date, on every page
    page_label: str  # "Page {page} of {pages}", placeholders kept
    language: str

    def all_charts(self) -> tuple[Chart, ...]:
        """Every chart of the pack, in reading order."""
        return tuple(b for s in self.sections for b in s.blocks if isinstance(b, Chart))
