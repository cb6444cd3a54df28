"""Lay the board pack out as an A4 PDF with fpdf2: cover and contents, one section per page.

Text is set in DejaVu Sans (a Unicode TrueType font, so é, ü, ß, the Swiss apostrophe and the narrow
no-break space of French numbers print as they should), charts are the pages' figures as
high-resolution PNG at the full text width, and every page carries the hospital, the
pack's title, the date and its number.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace
from fpdf.outline import OutlineSection
from PIL import Image

from app.boardpack.document import (
    TONES,
    Block,
    Chart,
    Cover,
    Document,
    Figure,
    Figures,
    Section,
    Table,
    Text,
)

FONT_FAMILY = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian and Ubuntu: fonts-dejavu-core
    Path("/usr/share/fonts/dejavu-sans-fonts"),  # Fedora
    Path("/usr/share/fonts/TTF"),  # Arch
)
MARGIN = 15.0  # mm, left, right and top
BOTTOM = 18.0  # mm kept free for the footer
INK = (33, 33, 33)
MUTED = (95, 95, 95)
ACCENT = (0, 76, 140)  # headings and the cover band
RULE = (200, 205, 210)
HEADER_FILL = (232, 238, 244)
WARNING_FILL = (253, 243, 224)
TILE_GAP = 4.0  # mm between headline figures
VALUE_SIZES = (15.0, 13.0, 11.0)  # pt: a headline value shrinks to fit its tile


class FontMissing(FileNotFoundError):
    """The Unicode font the pack is set in is not installed."""


def font_dir() -> Path:
    """The folder holding DejaVu Sans (Debian's fonts-dejavu-core)."""
    for folder in FONT_DIRS:
        if (folder / FONT_FILES[""]).is_file():
            return folder
    raise FontMissing("DejaVu Sans not found: install Debian's fonts-dejavu-core")


class PackPDF(FPDF):
    """An A4 page with the pack's footer: hospital, title and date left, page number right."""

    def __init__(self, footer_text: str, page_label: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_text, self.page_label = footer_text, page_label
        folder = font_dir()
        for style, name in FONT_FILES.items():
            self.add_font(FONT_FAMILY, style, str(folder / name))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, BOTTOM)
        self.alias_nb_pages("{nb}")

    def footer(self) -> None:
        """The footer line of every page."""
        self.set_y(-12)
        self.set_draw_color(*RULE)
        self.line(MARGIN, self.get_y() - 1.5, self.w - MARGIN, self.get_y() - 1.5)
        self.set_font(FONT_FAMILY, "", 7.5)
        self.set_text_color(*MUTED)
        self.cell(self.epw * 0.75, 5, self.footer_text, align="L")
        label = self.page_label.format(page=self.page_no(), pages="{nb}")
        self.cell(self.epw * 0.25, 5, label, align="R")

    def style(self, size: float, emphasis: str = "", colour: tuple[int, int, int] = INK) -> None:
        """Set the font size, emphasis (B, I) and colour in one call."""
        self.set_font(FONT_FAMILY, emphasis, size)
        self.set_text_color(*colour)

    def paragraph(self, height: float, text: str, **options: Any) -> None:
        """Text across the whole width, wrapped, the next line starting at the left margin."""
        self.multi_cell(self.epw, height, text, align="L", new_x="LMARGIN", new_y="NEXT", **options)

    def fresh_page(self) -> bool:
        """Whether nothing has been written on this page yet."""
        return self.page > 0 and self.get_y() <= self.t_margin + 0.01

    def room(self) -> float:
        """The height left on this page above the footer."""
        return self.page_break_trigger - self.get_y()


# --- The cover ----------------------------------------------------------------------------


def write_cover(pdf: PackPDF, cover: Cover) -> None:
    """Hospital band, title, period and scope, the "data as of" dates, then the contents."""
    pdf.add_page()
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, pdf.w, 38, style="F")
    pdf.set_xy(MARGIN, 14)
    pdf.style(15, "B", (255, 255, 255))
    pdf.paragraph(7, cover.hospital)
    pdf.set_y(52)
    pdf.style(24, "B", ACCENT)
    pdf.paragraph(11, cover.title)
    pdf.style(13, "", INK)
    pdf.paragraph(7, cover.subtitle)
    pdf.ln(6)
    pdf.style(11, "", INK)
    for line in cover.lines:
        pdf.paragraph(6, line)
    pdf.ln(2)
    pdf.style(9.5, "I", MUTED)
    pdf.paragraph(5, cover.generated)
    pdf.ln(6)
    write_as_of(pdf, cover)
    pdf.ln(8)
    pdf.style(13, "B", ACCENT)
    pdf.paragraph(7, cover.contents_title)
    pdf.insert_toc_placeholder(write_contents, pages=1)


def write_as_of(pdf: PackPDF, cover: Cover) -> None:
    """A shaded box listing how recent each source's data is."""
    lines = (cover.data_as_of_title, *cover.data_as_of)
    height = 6.5 * len(lines) + 5
    top = pdf.get_y()
    pdf.set_fill_color(*HEADER_FILL)
    pdf.rect(MARGIN, top, pdf.epw, height, style="F")
    pdf.set_xy(MARGIN + 4, top + 3)
    pdf.style(10, "B", INK)
    pdf.cell(pdf.epw - 8, 6.5, cover.data_as_of_title, new_x="LMARGIN", new_y="NEXT")
    pdf.style(10, "", INK)
    for line in cover.data_as_of:
        pdf.set_x(MARGIN + 4)
        pdf.cell(pdf.epw - 8, 6.5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(top + height)


def write_contents(pdf: FPDF, outline: list[OutlineSection]) -> None:
    """The contents on the cover: each section and the page it starts on."""
    pdf.set_font(FONT_FAMILY, "", 11)
    pdf.set_text_color(*INK)
    pdf.set_x(MARGIN)
    for section in outline:
        page = str(section.page_number)
        pdf.cell(pdf.epw - 15, 7, section.name, link=pdf.add_link(page=section.page_number))
        pdf.cell(15, 7, page, align="R", new_x="LMARGIN", new_y="NEXT")


# --- Sections and their blocks ------------------------------------------------------------


def write_section(pdf: PackPDF, section: Section, images: Iterator[bytes]) -> None:
    """A section from the top of a new page: its title, then each block in turn."""
    if not pdf.fresh_page():
        pdf.add_page()
    pdf.start_section(section.title)
    pdf.style(17, "B", ACCENT)
    pdf.paragraph(8.5, section.title)
    pdf.set_draw_color(*ACCENT)
    pdf.line(MARGIN, pdf.get_y() + 1, pdf.w - MARGIN, pdf.get_y() + 1)
    pdf.ln(4)
    for index, block in enumerate(section.blocks):
        needed = keep_together(pdf, section.blocks[index:])
        if pdf.room() < needed <= pdf.page_break_trigger - MARGIN:
            pdf.add_page()
        if isinstance(block, Text):
            write_text(pdf, block)
        elif isinstance(block, Figures):
            write_figures(pdf, block)
        elif isinstance(block, Table):
            write_table(pdf, block)
        else:
            write_chart(pdf, block, next(images))


def write_text(pdf: PackPDF, block: Text) -> None:
    """A paragraph in its style (keep_together has already kept a heading off the foot of a
    page); a warning on a shaded band."""
    style = TEXT_STYLES[block.style]
    pdf.ln(style.before)
    pdf.style(style.size, style.emphasis, style.colour)
    if block.style == "warning":
        pdf.set_fill_color(*WARNING_FILL)
        pdf.paragraph(style.line, block.text, fill=True, padding=2.5)
    else:
        pdf.paragraph(style.line, block.text)
    pdf.ln(style.after)


@dataclass(frozen=True)
class TextStyle:
    """How a paragraph style is set: font size (pt), emphasis, colour, line height and the
    space before and after (mm)."""

    size: float
    emphasis: str
    colour: tuple[int, int, int]
    line: float
    before: float
    after: float


TEXT_STYLES = {
    "heading": TextStyle(12, "B", ACCENT, 6.5, 3.0, 1.0),
    "caption": TextStyle(8.5, "I", MUTED, 4.3, 0.0, 1.2),
    "warning": TextStyle(9.5, "", (122, 62, 0), 5.0, 0.0, 2.0),
    "body": TextStyle(10, "", INK, 5.2, 0.0, 1.5),
}
TABLE_FONT, TABLE_LINE, TABLE_PADDING = 8.2, 4.2, (1.2, 1.5)  # pt, mm, (vertical, horizontal) mm


def lines_of(pdf: PackPDF, text: str, width: float, size: float, emphasis: str = "") -> int:
    """How many lines `text` takes, wrapped at `width` in the given font."""
    if not text:
        return 0
    pdf.style(size, emphasis)
    lines = pdf.multi_cell(width, 4, text, align="L", dry_run=True, output="LINES")
    return len(lines) if isinstance(lines, list) else 1


def row_height(pdf: PackPDF, texts: Sequence[str], widths: Sequence[float], emphasis: str = "") -> float:
    """The height of a table row: its tallest cell, wrapped in its column."""
    vertical, horizontal = TABLE_PADDING
    lines = max(
        lines_of(pdf, text, w - 2 * horizontal, TABLE_FONT, emphasis)
        for text, w in zip(texts, widths, strict=True)
    )
    return lines * TABLE_LINE + 2 * vertical


def table_height(pdf: PackPDF, block: Table, rows: int | None = None) -> float:
    """The height of the table's header and its first `rows` rows (all by default)."""
    total = sum(block.widths)
    widths = [pdf.epw * w / total for w in block.widths]
    body = [[cell.text for cell in cells] for cells in block.rows[:rows]]
    return row_height(pdf, block.header, widths, "B") + sum(row_height(pdf, cells, widths) for cells in body)


def needed_height(pdf: PackPDF, block: Block) -> float:
    """The height a block must find on the page not to be cut or left alone: a whole table if
    it fits on a page (else its header and three rows), a paragraph, a row of figures."""
    if isinstance(block, Table):
        whole = table_height(pdf, block)
        return whole if whole <= pdf.page_break_trigger - MARGIN else table_height(pdf, block, 3)
    if isinstance(block, Text):
        style = TEXT_STYLES[block.style]
        lines = lines_of(pdf, block.text, pdf.epw, style.size, style.emphasis)
        return style.before + lines * style.line + style.after
    if isinstance(block, Figures):
        return 20.0
    return 30.0  # a chart moves to the next page by itself when it does not fit


def is_caption(block: Block) -> bool:
    """Whether the block is a caption (it stays with the heading before it)."""
    return isinstance(block, Text) and block.style == "caption"


def keep_together(pdf: PackPDF, blocks: Sequence[Block]) -> float:
    """The room the next blocks need on this page: a heading with its captions and what
    follows them, or a table whole; 0 when any break will do."""
    first = blocks[0]
    if isinstance(first, Table):
        return needed_height(pdf, first)
    if not (isinstance(first, Text) and first.style == "heading"):
        return 0.0
    needed, index = needed_height(pdf, first), 1
    while index < len(blocks) and is_caption(blocks[index]):
        needed, index = needed + needed_height(pdf, blocks[index]), index + 1
    return needed + (needed_height(pdf, blocks[index]) if index < len(blocks) else 0.0)


def tile_height(pdf: PackPDF, item: Figure, width: float) -> float:
    """The height a headline figure needs: label, value and note, each wrapped."""

    inner = width - 4
    value = lines_of(pdf, item.value, inner, value_size(pdf, item.value, width), "B")
    return (
        4 + 4 * lines_of(pdf, item.label, inner, 8) + 9 * value + 4 * lines_of(pdf, item.note, inner, 8) + 2
    )


def value_size(pdf: PackPDF, value: str, width: float) -> float:
    """The largest font size, 15 pt down to 11 pt, at which a figure's value fits its tile."""
    for size in VALUE_SIZES:
        pdf.style(size, "B")
        if pdf.get_string_width(value) <= width - 5:
            return size
    return VALUE_SIZES[-1]


def write_figures(pdf: PackPDF, block: Figures) -> None:
    """Headline figures as bordered tiles side by side, all as tall as the tallest."""
    count = len(block.items)
    width = (pdf.epw - TILE_GAP * (count - 1)) / count
    height = max(tile_height(pdf, item, width) for item in block.items)
    if pdf.room() < height + 2:
        pdf.add_page()
    top = pdf.get_y()
    for index, item in enumerate(block.items):
        write_tile(pdf, item, MARGIN + index * (width + TILE_GAP), top, width, height)
    pdf.set_y(top + height + 4)


def write_tile(pdf: PackPDF, item: Figure, left: float, top: float, width: float, height: float) -> None:
    """One headline figure in its box: label, value (in its tone) and note."""
    pdf.set_draw_color(*RULE)
    pdf.rect(left, top, width, height)
    if item.tone:
        pdf.set_fill_color(*TONES[item.tone])
        pdf.rect(left, top, 1.6, height, style="F")
    pdf.set_xy(left + 2.5, top + 2)
    pdf.style(8, "", MUTED)
    pdf.multi_cell(width - 4, 4, item.label, align="L", new_x="LEFT")
    pdf.set_x(left + 2.5)
    pdf.style(value_size(pdf, item.value, width), "B", TONES[item.tone] if item.tone else INK)
    pdf.multi_cell(width - 4, 9, item.value, align="L", new_x="LEFT")
    if item.note:
        pdf.set_x(left + 2.5)
        pdf.style(8, "", MUTED)
        pdf.multi_cell(width - 4, 4, item.note, align="L", new_x="LEFT")


def cell_style(tone: str | None) -> FontFace:
    """A plain cell, or a status cell in its RAG colour with its text readable on it.

    Every cell states its style: fpdf2 would otherwise carry a coloured cell's fill on.
    """
    if tone is None:
        return FontFace(emphasis="", color=INK, fill_color=(255, 255, 255))
    text = (0, 0, 0) if tone == "amber" else (255, 255, 255)
    return FontFace(emphasis="B", color=text, fill_color=TONES[tone])


def write_table(pdf: PackPDF, block: Table) -> None:
    """A table at the full text width, its header repeated on each page it spans."""
    pdf.style(TABLE_FONT, "", INK)
    pdf.set_draw_color(*RULE)
    heading = FontFace(emphasis="B", color=INK, fill_color=HEADER_FILL)
    with pdf.table(
        col_widths=block.widths,
        width=pdf.epw,
        text_align="LEFT",
        line_height=TABLE_LINE,
        padding=TABLE_PADDING,
        headings_style=heading,
        v_align="TOP",
    ) as table:
        header = table.row()
        for index, title in enumerate(block.header):
            header.cell(title, align="RIGHT" if index in block.numeric else "LEFT")
        for cells in block.rows:
            row = table.row()
            for index, cell in enumerate(cells):
                align = "RIGHT" if index in block.numeric else "LEFT"
                row.cell(cell.text, align=align, style=cell_style(cell.tone))
    pdf.ln(4)


def write_chart(pdf: PackPDF, block: Chart, png: bytes) -> None:
    """A chart at the full text width (smaller if it would not fit on one page)."""
    with Image.open(io.BytesIO(png)) as image:
        width_px, height_px = image.size
    width = pdf.epw
    height = width * height_px / width_px
    full_page = pdf.page_break_trigger - MARGIN
    if height > full_page:
        width, height = width * full_page / height, full_page
    if pdf.room() < height:
        pdf.add_page()
    pdf.image(io.BytesIO(png), x=MARGIN + (pdf.epw - width) / 2, w=width, h=height, alt_text=block.name)
    pdf.ln(4)


def write_pdf(document: Document, images: Sequence[bytes]) -> bytes:
    """The whole pack as PDF bytes; `images` are the charts' PNGs in reading order."""
    pdf = PackPDF(document.footer, document.page_label)
    pdf.set_title(f"{document.cover.title} · {document.cover.hospital}")
    pdf.set_lang(document.language)
    pdf.set_creator(document.cover.hospital)
    write_cover(pdf, document.cover)
    pngs = iter(images)
    for section in document.sections:
        write_section(pdf, section, pngs)
    return bytes(pdf.output())
