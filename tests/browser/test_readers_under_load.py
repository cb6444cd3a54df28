"""Readers under load: while `python -m etl load` runs in a loop, four browser sessions on a
running `streamlit run dashboard.py` never see an error, nor a half-loaded warehouse.

The loads cycle through three complete states (A, B, C, A, ...): each load is one command
with a usage export and a staffing export whose rows have the same keys in every state and
other values (more nursing notes, more positions filled), so each load replaces the rows of
the one before. After each load, with no other writer about, the figures of the state just
published are read from its marts (and must be the same every time that state returns).
Meanwhile four Playwright browser contexts (four Streamlit sessions) keep opening the
Overview and the Team page. On every view: no exception, no error alert, no "Page not
found", and the figures are those of one complete state; on the Overview, the hours freed
(usage) and the positions filled (staffing) come from two queries and must belong to the
same state, never a mix. Screenshots go to test-artifacts/readers-under-load/ (ignored by
git).
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from app import i18n
from app.i18n import translate
from etl.settings import REPO_ROOT
from etl.warehouse import connect_read_only

LANG = "en"
ARTIFACTS = REPO_ROOT / "test-artifacts" / "readers-under-load"
SESSIONS = 4  # browser contexts, each its own Streamlit session
VIEWPORT = {"width": 1280, "height": 900}  # a laptop; the browser's drawing is most of a view's cost
PAGES = {"overview": "", "team": "hiring"}  # URL paths; the Overview is the default page, at "/"
READ_FOR_S = 30.0  # how long the sessions keep reading while the loads run...
MIN_VIEWS = 2 * SESSIONS  # ... or longer, until this many views were read...
MIN_LOADS = 5  # ... and this many loads published...
READ_AT_MOST_S = 60.0  # ... but no longer than this
VIEW_TIMEOUT_S = 90.0  # one page view on a busy two-core machine (views of 45 s were seen)
POLL_S = 0.25  # how often a session's pending page is looked at
PAUSE_S = 1.0  # between two loads, so that on two cores they do not starve the server
LOAD_TIMEOUT_S = 120
STATES = ("A", "B", "C")  # the loads cycle through them
SITES = ("Sion", "Sierre", "Martigny", "Saint-Maurice", "Monthey", "Brig", "Visp")
POSITIONS = 120
DEPARTMENT = "Load test ward"  # keys of their own: the demo's rows are never replaced

# Done when the script has run to its end and shows a figure, an exception or an error.
RENDERED_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app !== null && app.getAttribute('data-test-script-state') === 'notRunning'
        && document.querySelector('[data-testid="stMain"] [data-testid="stMetricValue"],'
            + ' [data-testid="stException"], [data-testid="stAlertContentError"]') !== null;
}"""
# Everything a view is judged on, read in one go.
SNAPSHOT_JS = """() => {
    const texts = (selector) => Array.from(document.querySelectorAll(selector), (e) => e.innerText);
    const text = (root, id) => (root.querySelector(`[data-testid="${id}"]`)?.innerText ?? '').trim();
    return {
        exceptions: texts('[data-testid="stException"]'),
        errors: texts('[data-testid="stAlertContentError"]'),
        notFound: document.body.innerText.includes('Page not found'),
        metrics: Array.from(document.querySelectorAll('[data-testid="stMain"] [data-testid="stMetric"]'),
            (m) => [text(m, 'stMetricLabel'), text(m, 'stMetricValue')]),
    };
}"""


def _rotated(rows: list[list[object]], by: int) -> list[list[object]]:
    """The same rows in another order: the same data, but a file with another SHA-256
    (loading an identical file again is a duplicate, which changes nothing)."""
    shift = by % len(rows)
    return rows[shift:] + rows[:shift]


def _write(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    """A CSV as Swiss tools write it: semicolons, day-first dates."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_exports(folder: Path, state: str, month: dt.date, rotation: int) -> list[Path]:
    """A state's usage export (every day of `month`, 7 sites, nursing notes digital and on
    paper: about 420 rows) and staffing export (120 positions): the same keys in every state."""
    folder.mkdir(parents=True)
    level = STATES.index(state) + 1
    days = [day for day in (month + dt.timedelta(days=d) for d in range(31)) if day.month == month.month]
    usage: list[list[object]] = []
    for day in days:
        for number, site in enumerate(SITES):
            date = day.strftime("%d.%m.%Y")
            digital, paper = 100 * level + day.day + number, 40 * (4 - level) + number
            usage.append([date, site, DEPARTMENT, "EHR", "nursing_notes_digital", digital])
            usage.append([date, site, DEPARTMENT, "EHR", "nursing_notes_paper", paper])
    positions: list[list[object]] = [
        [f"LT-{p:03d}", "software developer", "Load test team", SITES[p % len(SITES)], "100%",
         "filled" if p < 30 * level else "open", "15.01.2025", "01.06.2025" if p < 30 * level else "",
         "Clinical information system"]
        for p in range(POSITIONS)
    ]  # fmt: skip
    usage_header = ["date", "site", "department", "system", "metric", "value"]
    positions_header = ["position_id", "role", "team", "site", "fte", "status", "opened_date", "filled_date",
                        "programme"]  # fmt: skip
    return [
        _write(folder / f"usage_{state}.csv", usage_header, _rotated(usage, rotation)),
        _write(folder / f"positions_{state}.csv", positions_header, _rotated(positions, rotation)),
    ]


@dataclass(frozen=True)
class Figures:
    """What the two pages show of one complete state, formatted as the app formats them."""

    overview: tuple[str, str]  # hours freed in the month (usage), positions filled (staffing)
    team: tuple[str, str]  # positions filled, open

    def of(self, page: str) -> tuple[str, str]:
        return self.team if page == "team" else self.overview


def figures(warehouse: Path, month: dt.date) -> Figures:
    """The figures of a published warehouse, from its marts."""
    con = connect_read_only(warehouse)
    try:
        row = con.execute(
            "select (select sum(hours_base) from mart_time_saved_monthly where month = $month), "
            "(select sum(filled) from mart_staffing_monthly where month = $month), "
            "(select count(*) from mart_positions where is_planned and status = 'open' "
            "and opened_date <= last_day($month))",
            {"month": month},
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    hours, filled, still_open = float(row[0]), int(row[1]), int(row[2])
    with i18n.speaking(LANG):
        hours_text = translate(LANG, "unit.hours", value=i18n.fmt_number(hours))
        filled_text, open_text = i18n.fmt_number(filled), i18n.fmt_number(still_open)
    return Figures((hours_text, filled_text), (filled_text, open_text))


def labels(month: dt.date) -> dict[str, tuple[str, str]]:
    """The labels of the two metrics read on each page."""
    with i18n.speaking(LANG):
        hours = translate(LANG, "overview.hours.month", month=i18n.fmt_month(month))
    return {
        "overview": (hours, translate(LANG, "overview.staffing.filled")),
        "team": (translate(LANG, "stage.filled"), translate(LANG, "stage.open")),
    }


def report_month(warehouse: Path) -> dt.date:
    """The month before the demo's latest complete usage month: wholly inside the demo data."""
    con = connect_read_only(warehouse)
    try:
        row = con.execute(
            "select (complete_month - interval 1 month)::date from mart_data_freshness where source = 'usage'"
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    return row[0]


@dataclass(frozen=True)
class Publish:
    """One load: the state it published, how long it took, and when its swap happened:
    after the new file's last write (its mtime), before the command ended (wall clock)."""

    state: str
    seconds: float
    earliest: float
    latest: float


@dataclass
class LoadLoop:
    """Loads the states A, B, C, A, ... into a data folder with `python -m etl load` until
    stopped; after each load, reads the figures of the state it published."""

    data_dir: Path
    exports: Path
    month: dt.date
    stop: threading.Event = field(default_factory=threading.Event)
    states: dict[str, Figures] = field(default_factory=dict)
    published: list[Publish] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    thread: threading.Thread | None = None

    def start(self) -> None:
        self.thread = threading.Thread(target=self.run, name="load-loop", daemon=True)
        self.thread.start()

    def finish(self) -> bool:
        """Stop after the load in progress; whether the loop has ended."""
        self.stop.set()
        if self.thread is not None:
            self.thread.join(timeout=LOAD_TIMEOUT_S)
        return self.thread is None or not self.thread.is_alive()

    def run(self) -> None:
        try:
            number = 0
            while not self.stop.is_set() and not self.failures:
                self.load(number, STATES[number % len(STATES)])
                number += 1
                self.stop.wait(PAUSE_S)
        except Exception as error:  # reported by the test, not lost in the thread
            self.failures.append(repr(error))

    def load(self, number: int, state: str) -> None:
        """One load of a state's two exports (one command: one publish), then its figures."""
        paths = write_exports(self.exports / f"load-{number}", state, self.month, rotation=number + 1)
        environment = {**os.environ, "DASHBOARD_DATA_DIR": str(self.data_dir)}
        started = time.time()
        result = subprocess.run(
            [sys.executable, "-m", "etl", "load", *map(str, paths)],
            cwd=REPO_ROOT, env=environment, capture_output=True, text=True, timeout=LOAD_TIMEOUT_S,
        )  # fmt: skip
        done = time.time()
        outcome = result.stdout + result.stderr
        if result.returncode != 0 or outcome.count(": loaded ") != len(paths):
            self.failures.append(f"load {number} ({state}), exit {result.returncode}: {outcome}")
            return
        warehouse = self.data_dir / "warehouse.duckdb"
        self.published.append(Publish(state, done - started, warehouse.stat().st_mtime, done))
        now = figures(warehouse, self.month)
        if self.states.setdefault(state, now) != now:
            self.failures.append(f"state {state} came back as {now}, was {self.states[state]}")


@dataclass
class View:
    """One page view by one session: what it showed, and anything wrong with it."""

    session: int
    page: str
    started: float  # wall clock: when the page was asked for
    ended: float  # when its script had run to the end and it was read
    shown: tuple[str, ...] = ()  # the two metrics' values
    problems: list[str] = field(default_factory=list)

    def state(self, states: dict[str, Figures]) -> str | None:
        """The complete state whose figures the view shows; None: none of them."""
        return next((name for name, known in states.items() if known.of(self.page) == self.shown), None)


def current_during(view: View, publishes: list[Publish]) -> set[str]:
    """The states the warehouse was in, or may have been in, at some moment of the view."""
    since = [(-math.inf, "initial")] + [(publish.earliest, publish.state) for publish in publishes]
    until = [publish.latest for publish in publishes] + [math.inf]
    return {
        state
        for (start, state), end in zip(since, until, strict=True)
        if start <= view.ended and end >= view.started
    }


def problems(view: View, states: dict[str, Figures], publishes: list[Publish]) -> list[str]:
    """What is wrong with a view: errors on the page, figures of no complete state (a mix or
    a half-loaded warehouse), or a state that was not current at any moment of the view."""
    state = view.state(states)
    if view.problems or state is None:
        return view.problems or [f"figures {view.shown} are those of no complete state"]
    current = current_during(view, publishes)
    return [] if state in current else [f"state {state} shown while the warehouse was in {sorted(current)}"]


@dataclass
class Readers:
    """Browser sessions that open the pages and read them; a session asks for its next page
    (the other one) as soon as it has read the last."""

    tabs: list[Any]
    urls: dict[str, str]
    wanted: dict[str, tuple[str, str]]  # the two metrics' labels, per page

    def read(
        self, first: dict[int, str], seconds: float = 0.0, enough: Callable[[list[View]], bool] = bool
    ) -> list[View]:
        """Views by the sessions, each starting with its `first` page: for `seconds`, or longer
        until there are `enough`, but never past READ_AT_MOST_S; at least one per session."""
        started = time.monotonic()
        waiting = {session: self.open(session, page) for session, page in first.items()}
        views: list[View] = []
        while waiting:
            time.sleep(POLL_S)
            for session, pending in list(waiting.items()):
                if not self.finished(pending):
                    continue
                views.append(pending)
                del waiting[session]
                elapsed = time.monotonic() - started
                if elapsed < seconds or (not enough(views) and elapsed < READ_AT_MOST_S):
                    waiting[session] = self.open(session, next(p for p in PAGES if p != pending.page))
        return views

    def open(self, session: int, page: str) -> View:
        """Ask for a page in a session, without waiting for it."""
        view = View(session, page, time.time(), 0.0)
        self.tabs[session].goto(self.urls[page], wait_until="commit")
        return view

    def finished(self, view: View) -> bool:
        """Read the view if its script has run to the end (or it timed out); else False."""
        tab = self.tabs[view.session]
        if not tab.evaluate(RENDERED_JS):
            if time.time() - view.started < VIEW_TIMEOUT_S:
                return False
            view.problems.append(f"not shown within {VIEW_TIMEOUT_S:.0f} s")
        else:
            snapshot = tab.evaluate(SNAPSHOT_JS)
            view.problems += [f"exception: {text[:500]}" for text in snapshot["exceptions"]]
            view.problems += [f"error alert: {text}" for text in snapshot["errors"]]
            view.problems += ["Page not found"] if snapshot["notFound"] else []
            metrics = dict(map(tuple, snapshot["metrics"]))
            view.shown = tuple(metrics.get(label, f"no metric {label!r}") for label in self.wanted[view.page])
        view.ended = time.time()
        return True


@pytest.fixture
def load_loop(app_server: Callable[..., Any], tmp_path: Path) -> Iterator[tuple[Any, LoadLoop]]:
    """A local-mode dashboard, and a load loop on its data folder (the test starts it)."""
    server = app_server()
    warehouse = server.data_dir / "warehouse.duckdb"
    month = report_month(warehouse)
    loop = LoadLoop(
        server.data_dir, tmp_path / "exports", month, states={"initial": figures(warehouse, month)}
    )
    yield server, loop
    loop.finish()


@pytest.mark.timeout(180)
def test_sessions_see_one_complete_state_and_no_error_while_loads_run(
    load_loop: tuple[Any, LoadLoop], browser: Any
) -> None:
    """Four sessions keep reading while loads publish: every view is whole and error-free."""
    server, loop = load_loop
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    month = loop.month
    query = f"lang={LANG}&from={month.year}-01&to={month:%Y-%m}&scope=all&programme=all&aim=all"
    urls = {page: f"{server.url}/{path}?{query}" for page, path in PAGES.items()}
    contexts = [browser.new_context(viewport=VIEWPORT, reduced_motion="reduce") for _ in range(SESSIONS)]
    readers = Readers([context.new_page() for context in contexts], urls, labels(month))
    try:
        before = readers.read({0: "overview"})  # one session first: the server's first run is over
        loop.start()

        def enough(views: list[View]) -> bool:
            return (len(views) >= MIN_VIEWS and len(loop.published) >= MIN_LOADS) or bool(loop.failures)

        first = {session: list(PAGES)[session % len(PAGES)] for session in range(SESSIONS)}
        views = readers.read(first, READ_FOR_S, enough)
        ended = loop.finish()
        on_screen = {view.session: view.page for view in views}  # each session's last view
        for page, session in {page: session for session, page in on_screen.items()}.items():
            readers.tabs[session].screenshot(path=str(ARTIFACTS / f"{page}-during-loads.png"))
        after = readers.read({0: "overview", 1: "team"})
    finally:
        for context in contexts:
            context.close()

    states, published = loop.states, loop.published
    seen = Counter(view.state(states) for view in views)
    last_read = max(view.ended for view in views)
    reading_s = last_read - min(view.started for view in views)
    during = [publish for publish in published if publish.latest < last_read]
    spanning = [view for view in views if any(view.started < p.latest < view.ended for p in during)]
    print(f"{len(during)} loads, {len(views)} views ({len(spanning)} spanning a publish) in "
          f"{reading_s:.1f} s; states seen: {dict(seen)}")  # fmt: skip
    print(f"seconds per load: {[round(publish.seconds, 1) for publish in published]}")
    print(f"seconds per view: {sorted(round(view.ended - view.started, 1) for view in views)}")
    assert ended, "the last load did not end"
    assert loop.failures == []
    assert len(set(states.values())) == len(STATES) + 1, f"each state must show other figures: {states}"
    wrong = [
        f"session {view.session}, {view.page}: {problem}"
        for view in before + views + after
        for problem in problems(view, states, published)
    ]
    assert wrong == [], "\n".join(wrong[:20])
    assert len(during) >= MIN_LOADS, "too few loads published while the sessions read"
    assert len(views) >= MIN_VIEWS, "too few views were read while the loads ran"
    assert len(spanning) >= SESSIONS, "too few views were on screen while a load published"
    assert len(seen) >= 2, "the sessions never saw a load's data"
    assert {view.state(states) for view in after} == {published[-1].state}, "the last load not shown"
    assert "Traceback" not in server.log.read_text(encoding="utf-8", errors="replace")
