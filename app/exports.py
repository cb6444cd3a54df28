"""Static images of the pages' Plotly figures: PNG through kaleido, which drives a Chromium.

Kaleido 1.x no longer bundles a browser: it starts the one named by `BROWSER_PATH` (or the
`path` given to it), here Debian's /usr/bin/chromium, headless and with `--no-sandbox`
(its defaults, needed when running as root). MathJax is switched off, so no page ever
reaches for a CDN, and plotly.js comes from the installed plotly package.

Starting the browser costs a few seconds, so images are made in batches (the board pack
renders all its charts in one browser session) and, on the pages, only when a reader
clicks "download PNG" (`chart_with_download`): never on every rerun.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import os
import queue
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import kaleido
import plotly.graph_objects as go
import streamlit as st

from app.downloads import file_stem
from app.i18n import t

BROWSER_ENV = "BROWSER_PATH"
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
PNG_MIME = "image/png"
PRINT_FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
DEFAULT_WIDTH = 1100  # layout pixels of a downloaded chart without a width of its own
DEFAULT_HEIGHT = 480  # the height Streamlit gives a chart without a height of its own
DEFAULT_SCALE = 2  # pixels per layout pixel: sharp on screens and in print
TITLE_PAD = 12  # layout pixels between the image's left edge and a left-aligned title
RENDER_TIMEOUT_S = 90  # per image
_browser_lock = threading.Lock()  # one Chromium at a time: the server has few cores


class RenderError(RuntimeError):
    """No image could be made: no browser found, or the browser failed."""


def browser_path() -> str | None:
    """The browser kaleido drives: `BROWSER_PATH`, else Debian's Chromium, else its own search."""
    configured = os.environ.get(BROWSER_ENV)
    if configured:
        return configured
    return str(DEBIAN_CHROMIUM) if DEBIAN_CHROMIUM.is_file() else None


def print_ready(figure: go.Figure) -> go.Figure:
    """A copy of the figure for paper: white background and the document's font.

    Only the look changes; the data, titles and axes are the page's own.
    """
    ready = go.Figure(figure)
    ready.update_layout(template="plotly_white", font={"family": PRINT_FONT}, title_pad_l=TITLE_PAD)
    return ready


def _size(figure: go.Figure, width: int | None, height: int) -> tuple[int, int]:
    """The layout size to render at: the figure's own height, else `height`."""
    return int(width or figure.layout.width or DEFAULT_WIDTH), int(figure.layout.height or height)


async def _render_all(
    figures: Sequence[go.Figure],
    widths: Sequence[int | None],
    scale: float,
    done: Callable[[int], None],
    height: int,
) -> list[bytes]:
    """Render every figure to PNG in one browser session, one after the other."""
    images: list[bytes] = []
    options: dict[str, Any] = {"path": browser_path(), "mathjax": False, "timeout": RENDER_TIMEOUT_S}
    async with kaleido.Kaleido(n=1, **options) as browser:
        for figure, width in zip(figures, widths, strict=True):
            image_width, image_height = _size(figure, width, height)
            opts = {"format": "png", "width": image_width, "height": image_height, "scale": scale}
            images.append(await browser.calc_fig(print_ready(figure), opts=opts))
            done(len(images))
    return images


def render_pngs(
    figures: Sequence[go.Figure],
    widths: Sequence[int | None] | None = None,
    scale: float = DEFAULT_SCALE,
    done: Callable[[int], None] = lambda _count: None,
    height: int = DEFAULT_HEIGHT,
) -> list[bytes]:
    """PNG images of the figures, in order, each at its width in layout pixels (None: its
    own, else DEFAULT_WIDTH) and its own height (else `height`); `done(n)` is called after
    each one, in the caller's thread (a Streamlit progress bar can only be updated there).

    The browser runs in a thread of its own with its own event loop, so this works from a
    Streamlit script, a download callback or the command line alike.
    """
    if not figures:
        return []
    counts: queue.SimpleQueue[int] = queue.SimpleQueue()
    with _browser_lock, concurrent.futures.ThreadPoolExecutor(1) as pool:
        sizes = list(widths) if widths is not None else [None] * len(figures)
        job = pool.submit(asyncio.run, _render_all(figures, sizes, scale, counts.put, height))
        _relay(job, counts, done)
        try:
            return job.result()
        except Exception as error:  # kaleido raises its own errors, or a timeout
            raise RenderError(f"could not render {len(figures)} chart(s): {error}") from error


def _relay(
    job: concurrent.futures.Future[Any], counts: queue.SimpleQueue[int], done: Callable[[int], None]
) -> None:
    """Pass each count the render thread reports on to `done`, until the job ends."""
    while True:
        try:
            done(counts.get(timeout=0.1))
        except queue.Empty:
            if job.done() and counts.empty():
                return


def figure_png(figure: go.Figure, width: int | None = None, scale: float = DEFAULT_SCALE) -> bytes:
    """One figure as a PNG image (a browser is started for it)."""
    return render_pngs([figure], [width], scale)[0]


def chart_with_download(
    figure: go.Figure, name: str | None = None, key: str | None = None, container: Any = None
) -> None:
    """Show a chart, and under it a button that downloads it as PNG.

    The image is made only when the button is clicked (Streamlit calls the function in a
    thread of its own, without rerunning the page); `name` becomes the file name (by
    default the chart's title, in the reader's language); `key` tells apart two charts
    of one name.
    """
    where = container if container is not None else st
    where.plotly_chart(figure, width="stretch")
    stem = file_stem(name or figure.layout.title.text or "chart")
    where.download_button(
        t("exports.png"),
        functools.partial(figure_png, figure),
        file_name=f"{stem}.png",
        mime=PNG_MIME,
        key=f"download_png_{key or stem}",
        on_click="ignore",
        icon=":material/image:",
    )
