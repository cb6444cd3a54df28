"""What a file would change, before anything is written: the Upload page's preview.

The file is checked by the function a load uses (etl.load.check_file), in a private
in-memory DuckDB database with the published warehouse attached read-only beside it. Its
rows are then compared with the stored ones by key: rows to add, rows that would replace
stored ones (with the values that change), rows unchanged. Nothing is written, no lock is
taken; the upload itself only lives in a temporary file with a generated name.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from etl import archive, settings
from etl.load import AUTO, Checked, Choice, LoadResult, Progress, check_file, load_files, refresh_reference
from etl.mappings import SavedMapping
from etl.messages import LANGUAGES, Problem, render
from etl.rules import stored_problems
from etl.validate import Mapping, define_macros, source_lines, sql_name, sql_text, typed_relation
from etl.warehouse import ALIAS, connect_read_only

CHUNK = 8 << 20
PREVIEW_MEMORY = "512MB"
MAX_CHANGES = 200  # replaced rows shown with their before/after values
MAX_SAMPLE = 20  # rows to add shown
MAX_REJECTED_LINES = 10_000  # lines in the download of rejected lines
MAX_PROBLEMS = 50_000
MAPPING_CODES = frozenset({"unknown_kind", "missing_columns", "mapping_columns"})
HIDDEN_CODES = frozenset({"ssn", "personal_column"})  # never quote the file's lines
# A cell starting with one of these runs as a formula in a spreadsheet (full-width forms too).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


@dataclass(frozen=True)
class Change:
    """One value a replacing row changes: its line, the row's key, the column, before/after."""

    line: int
    key: tuple[Any, ...]
    column: str
    before: Any
    after: Any


@dataclass(frozen=True)
class RejectedLine:
    """A line of the file with problems: its cells as written, and what is wrong with it."""

    line: int
    cells: list[str | None]
    problems: list[Problem]


@dataclass
class Preview:
    """The outcome of checking a file, and what loading it would change."""

    result: LoadResult  # status: loaded (ready to load), rejected or duplicate
    sha256: str
    headers: list[str] = field(default_factory=list)
    delimiter: str = ","
    rows: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    changes: list[Change] = field(default_factory=list)
    sample: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[RejectedLine] = field(default_factory=list)
    duplicate_loaded_at: dt.datetime | None = None

    @property
    def ready(self) -> bool:
        return self.result.status == "loaded"

    @property
    def needs_mapping(self) -> bool:
        """The headers do not say which contract column is which: a mapping is needed."""
        return self.result.status == "rejected" and any(p.code in MAPPING_CODES for p in self.result.problems)

    @property
    def mapping(self) -> SavedMapping | None:
        return self.result.mapping


@contextmanager
def upload_on_disk(data: bytes | memoryview, progress: Progress | None = None) -> Iterator[Path]:
    """The uploaded bytes in a temporary file with a generated name, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="dashboard-upload-") as folder:
        path = Path(folder) / "upload"
        view = memoryview(data)
        with path.open("wb") as handle:
            for start in range(0, len(view), CHUNK):
                handle.write(view[start : start + CHUNK])
                if progress:
                    progress(min(1.0, (start + CHUNK) / max(len(view), 1)), "copy")
        yield path


def preview_upload(
    name: str,
    data: bytes | memoryview,
    kind: str | None = None,
    saved: Choice = AUTO,
    progress: Progress | None = None,
) -> Preview:
    """Check uploaded bytes and say what loading them would change; write nothing."""
    with upload_on_disk(data, _part(progress, 0.0, 0.2)) as path:
        return preview_file(path, name, kind, saved, _part(progress, 0.2, 1.0))


def load_upload(
    name: str,
    data: bytes | memoryview,
    loaded_by: str,
    kind: str | None = None,
    saved: Choice = AUTO,
    progress: Progress | None = None,
) -> LoadResult:
    """Load uploaded bytes through the ordinary path (etl.load.load_files)."""
    with upload_on_disk(data) as path:
        (result,) = load_files(
            [path], kind=kind, loaded_by=loaded_by, names=[name], progress=progress, saved_mappings=[saved]
        )
    return result


def _part(progress: Progress | None, start: float, end: float) -> Progress | None:
    """A progress callback reporting into [start, end] of an outer one."""
    if progress is None:
        return None
    outer = progress
    return lambda fraction, step: outer(start + (end - start) * fraction, step)


def preview_file(
    path: Path, name: str, kind: str | None = None, saved: Choice = AUTO, progress: Progress | None = None
) -> Preview:
    """Check a file as a load would, and compare its rows with the published warehouse."""
    report = progress or (lambda _fraction, _step: None)
    report(0.0, "hash")
    sha256 = archive.sha256_of(path)
    with (
        tempfile.TemporaryDirectory(prefix="dashboard-preview-") as scratch,
        _private_db(Path(scratch)) as db,
    ):
        con, published = db
        earlier = _earlier_load(con, sha256) if published else None
        if earlier is not None:
            report(1.0, "done")
            result = LoadResult(name, "duplicate", earlier[1], duplicate_of=int(earlier[0]))
            return Preview(result, sha256, duplicate_loaded_at=earlier[2])
        report(0.2, "check")
        checked = check_file(con, path, name, kind, Path(scratch), _metrics(con), saved)
        preview = _outline(checked, sha256)
        report(0.7, "compare")
        if checked.clean and checked.mapping is not None:
            _compare(con, checked.mapping, preview, published)
        elif checked.mapping is not None and checked.source is not None:
            preview.rejected = _rejected_lines(con, checked)
        report(1.0, "done")
        return preview


@contextmanager
def _private_db(scratch: Path) -> Iterator[tuple[duckdb.DuckDBPyConnection, bool]]:
    """An in-memory database with the warehouse's schema and the reference data, and the
    published warehouse (if any) attached read-only as `warehouse`."""
    published = settings.warehouse_path().exists()
    con = connect_read_only() if published else duckdb.connect()
    try:
        con.execute("use memory")
        con.execute(f"set memory_limit = '{PREVIEW_MEMORY}'")
        con.execute(f"set temp_directory = {sql_text(str(scratch / 'spill'))}")
        con.execute((settings.SQL_DIR / "schema.sql").read_text(encoding="utf-8"))
        define_macros(con)
        refresh_reference(con)
        yield con, published
    finally:
        con.close()


def _earlier_load(con: duckdb.DuckDBPyConnection, sha256: str) -> tuple[Any, ...] | None:
    """The stored load of these exact bytes, if any: (load_id, kind, loaded_at)."""
    return con.execute(
        f"select load_id, kind, loaded_at from {ALIAS}.loads where sha256 = ? and status = 'loaded' "
        "order by load_id limit 1",
        [sha256],
    ).fetchone()


def _metrics(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute("select metric from metrics").fetchall()}


def _outline(checked: Checked, sha256: str) -> Preview:
    source = checked.source
    preview = Preview(checked.result, sha256)
    if source is not None:
        preview.headers, preview.delimiter = list(source.headers), source.delimiter
    return preview


def _compare(con: duckdb.DuckDBPyConnection, mapping: Mapping, preview: Preview, published: bool) -> None:
    """Count the file's rows to add, to replace and unchanged; keep examples of each."""
    kind = mapping.kind
    con.execute(f"create or replace temp table incoming as {typed_relation(mapping)}")
    preview.rows = _count(con, "select count(*) from incoming")
    stored = f"(select *, true as is_stored from {ALIAS}.{sql_name(kind.name)})" if published else None
    if stored is None:
        preview.added = preview.rows
        preview.sample = _dicts(
            con, f"select * exclude (line) from incoming order by line limit {MAX_SAMPLE}"
        )
        return
    on = " and ".join(f"i.{sql_name(k)} is not distinct from w.{sql_name(k)}" for k in kind.key)
    others = [c.name for c in kind.columns if c.name not in kind.key]
    differs = " or ".join(f"i.{sql_name(c)} is distinct from w.{sql_name(c)}" for c in others) or "false"
    con.execute(f"""
        create or replace temp table compared as
        select i.line, case when w.is_stored is null then 'added' when {differs} then 'replaced'
                            else 'unchanged' end as outcome
        from incoming i left join {stored} w on {on}
    """)
    counts = dict(con.execute("select outcome, count(*) from compared group by outcome").fetchall())
    preview.added, preview.replaced = int(counts.get("added", 0)), int(counts.get("replaced", 0))
    preview.unchanged = int(counts.get("unchanged", 0))
    preview.sample = _dicts(
        con,
        f"select i.* exclude (line) from incoming i left join {stored} w on {on} "
        f"where w.is_stored is null order by i.line limit {MAX_SAMPLE}",
    )
    preview.changes = _changes(con, mapping, stored, on, differs, others)


def _changes(
    con: duckdb.DuckDBPyConnection, mapping: Mapping, stored: str, on: str, differs: str, others: list[str]
) -> list[Change]:
    """Before and after of each value the first replacing rows change."""
    keys = mapping.kind.key
    selected = [*(f"i.{sql_name(k)}" for k in keys)]
    selected += [f"w.{sql_name(c)}, i.{sql_name(c)}" for c in others]
    rows = con.execute(
        f"select i.line, {', '.join(selected)} from incoming i join {stored} w on {on} "
        f"where {differs} order by i.line limit {MAX_CHANGES}"
    ).fetchall()
    changes = []
    for row in rows:
        line, key, values = int(row[0]), tuple(row[1 : 1 + len(keys)]), row[1 + len(keys) :]
        for index, column in enumerate(others):
            before, after = values[2 * index], values[2 * index + 1]
            if before != after:
                changes.append(Change(line, key, column, before, after))
    return changes


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def _dicts(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _rejected_lines(con: duckdb.DuckDBPyConnection, checked: Checked) -> list[RejectedLine]:
    """The lines with problems, as written in the file, each with its problems.

    Never for personal data: those lines must not be repeated anywhere.
    """
    problems = checked.result.problems
    if not problems or any(p.code in HIDDEN_CODES for p in problems) or all(p.whole_file for p in problems):
        return []
    source, mapping = checked.source, checked.mapping
    if source is None or mapping is None:
        return []
    by_line: dict[int, list[Problem]] = {}
    for problem in stored_problems(con, source, mapping, MAX_PROBLEMS):
        if problem.line is not None:
            by_line.setdefault(problem.line, []).append(problem)
    lines = sorted(by_line)[:MAX_REJECTED_LINES]
    cells = source_lines(con, source, lines)
    return [RejectedLine(line, cells.get(line, []), by_line[line]) for line in lines]


def rejected_csv(preview: Preview, lang: str = "en") -> bytes:
    """The rejected lines as CSV (UTF-8 with BOM, the file's separator) with the line and
    an error column; cells that a spreadsheet would run as a formula are neutralised."""
    if lang not in LANGUAGES:
        lang = "en"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=preview.delimiter, lineterminator="\r\n")
    header = [*preview.headers, render("download_line", lang), render("download_error", lang)]
    writer.writerow([neutralise(h) for h in header])
    for rejected in preview.rejected:
        cells = [c or "" for c in rejected.cells] + [""] * (len(preview.headers) - len(rejected.cells))
        error = " | ".join(p.short(lang) for p in rejected.problems)
        writer.writerow([neutralise(c) for c in [*cells, str(rejected.line), error]])
    return buffer.getvalue().encode("utf-8-sig")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs: a leading = + - @ gets a quote."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def problem_groups(problems: Sequence[Problem]) -> dict[str, list[Problem]]:
    """Problems grouped by kind of problem, in order of first appearance."""
    groups: dict[str, list[Problem]] = {}
    for problem in problems:
        groups.setdefault(problem.code, []).append(problem)
    return groups
