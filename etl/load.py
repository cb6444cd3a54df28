"""Load exports into the warehouse: one file, one transaction; readers never blocked.

A writer takes the lock, copies the warehouse, loads into the copy, rebuilds the marts,
then swaps the copy in with one `os.replace`. Readers keep the file they opened, so
they see the previous data until they reopen, never a half-loaded one.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import duckdb
from filelock import FileLock

from etl import archive, mappings, settings
from etl.checks import ChecksFailed, run_checks
from etl.contracts import KINDS
from etl.mappings import SavedMapping
from etl.marts import ALL, UsageMonths, build_marts
from etl.messages import Problem, render
from etl.readers import FileRejected, Source, open_export
from etl.rules import find_problems
from etl.validate import (
    Mapping,
    define_macros,
    drop_stage,
    field_count_problem,
    match_contract,
    sql_name,
    stage,
    typed_columns,
    typed_relation,
)
from etl.warehouse import connect_read_only

Progress = Callable[[float, str], None]
LOCK_TIMEOUT_S = 600
WRITER_MEMORY = "512MB"
REFERENCE_TABLES = ("metrics", "targets", "sites")
DETAILS = ("mapping", "undoes")  # the columns of load_details beside loads' own
LOG_SQL = (  # the log with its details, as the manifest keeps it
    "select l.*, d.mapping, d.undoes from loads l left join load_details d using (load_id) order by load_id"
)
AUTO: Literal["auto"] = "auto"  # find the saved mapping for the file's headers, if any
Choice = SavedMapping | None | Literal["auto"]


@dataclass
class LoadResult:
    """What happened to one file."""

    file: str
    status: str  # loaded, rejected, duplicate; undo for the log row of an undo
    kind: str | None = None
    rows: int = 0
    replaced: int = 0
    load_id: int | None = None
    duplicate_of: int | None = None
    problems: list[Problem] = field(default_factory=list)
    total_problems: int = 0
    warnings: list[Problem] = field(default_factory=list)
    mapping: SavedMapping | None = None  # the saved mapping the file was read with
    mapping_sha256: str | None = None  # its archived copy, once the file is stored
    undoes: int | None = None  # for an undo: the load it undid

    def report(self, lang: str = "en") -> list[str]:
        """The outcome in sentences: a summary line, then problems and warnings."""
        if self.status == "loaded":
            head = render(
                "loaded", lang, file=self.file, rows=self.rows, kind=self.kind, replaced=self.replaced
            )
        elif self.status == "undo":
            head = render(
                "undo", lang, file=self.file, load_id=self.undoes, removed=self.rows, restored=self.replaced
            )
        elif self.status == "duplicate":
            head = render("duplicate_file", lang, file=self.file, load_id=self.duplicate_of)
        else:
            head = render("rejected", lang, file=self.file, count=self.total_problems)
        lines = [head, *self._mapping_line(lang)] + [p.render(lang) for p in self.problems]
        if self.total_problems > len(self.problems):
            more = self.total_problems - len(self.problems)
            lines.append(render("more_errors", lang, count=more, total=self.total_problems))
        return lines + [w.render(lang) for w in self.warnings]

    def _mapping_line(self, lang: str) -> list[str]:
        """Which saved mapping read the file, and the values it gave every row."""
        if self.mapping is None:
            return []
        values = ", ".join(f"{k} = {v}" for k, v in self.mapping.constants.items())
        constants = render("mapping_constants", lang, values=values) if values else ""
        return [render("mapping_used", lang, file=self.file, mapping=self.mapping.name, constants=constants)]


@dataclass
class Checked:
    """A file read and checked: the outcome so far, how its columns map, and its source."""

    result: LoadResult
    mapping: Mapping | None = None
    source: Source | None = None

    @property
    def clean(self) -> bool:
        return self.result.status == "loaded" and self.mapping is not None


@dataclass(frozen=True)
class Provenance:
    """Who loaded a file and when; kept from the original load when rebuilding."""

    loaded_by: str
    loaded_at: dt.datetime | None = None
    load_id: int | None = None


def load_files(
    paths: Sequence[Path],
    kind: str | None = None,
    loaded_by: str = "cli",
    names: Sequence[str] | None = None,
    progress: Progress | None = None,
    saved_mappings: Sequence[Choice] | None = None,
) -> list[LoadResult]:
    """Load each file in its own transaction, then publish the warehouse once.

    `names` are the names shown and logged (an upload's own name never becomes a path);
    `saved_mappings` gives each file's mapping, else the one saved for its headers is used.
    """
    shown = list(names) if names else [p.name for p in paths]
    chosen = list(saved_mappings) if saved_mappings else [AUTO] * len(paths)
    results = []
    with Writer() as writer:
        for index, (path, name, saved) in enumerate(zip(paths, shown, chosen, strict=True)):
            if progress:
                progress(index / (len(paths) + 1), name)
            results.append(writer.load(path, name, kind, Provenance(loaded_by), saved))
        if progress:
            progress(len(paths) / (len(paths) + 1), "marts")
        try:
            writer.publish()
        except ChecksFailed as failed:  # the warehouse stays as it was: reject the batch
            return [failed.reject(result) for result in results]
    if progress:
        progress(1.0, "done")
    return results


def build_demo(
    progress: Progress | None = None, seed: int = 42, scale: float = 1.0, as_of: dt.date | None = None
) -> list[LoadResult]:
    """Write the demonstration exports into the data folder and load them the ordinary way."""
    from etl.demo import write_demo_exports  # the generator is only needed here

    paths = write_demo_exports(settings.demo_dir(), seed=seed, scale=scale, as_of=as_of)
    return load_files(paths, loaded_by="demo", progress=progress)


class Writer:
    """The one writer: holds the lock and a private copy of the warehouse until publish."""

    def __init__(self, fresh: bool = False) -> None:
        self.fresh = fresh
        self.lock = FileLock(str(settings.lock_path()), timeout=LOCK_TIMEOUT_S)
        self.copy = settings.work_dir() / f"warehouse-{uuid.uuid4().hex}.duckdb"
        self._con: duckdb.DuckDBPyConnection | None = None
        self.archived: list[Path] = []  # originals this writer added to the archive
        self.published = False
        self.marts_whole = True  # else the marts recompute only the usage months changed
        self.usage_months: UsageMonths | None = None
        self.reference: list[tuple[object, ...]] = []  # as the published marts were built with
        self.loaded_after: int | None = None  # the published log's last load_id (None: none)

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise RuntimeError("use the Writer as a context manager")
        return self._con

    def __enter__(self) -> Writer:
        settings.data_dir().mkdir(parents=True, exist_ok=True)
        self.lock.acquire()
        try:
            self._open()
        except BaseException:
            self.lock.release()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self._con is not None:
                self._con.close()
            self.copy.unlink(missing_ok=True)
            if not self.published:  # no published log names them
                for path in self.archived:
                    path.unlink(missing_ok=True)
        finally:
            self.lock.release()

    def _open(self) -> None:
        """Start from a copy of the published warehouse (or an empty one)."""
        shutil.rmtree(settings.work_dir(), ignore_errors=True)  # a killed writer's leftovers
        settings.work_dir().mkdir(parents=True)
        published = settings.warehouse_path()
        copied = published.exists() and not self.fresh
        if copied:
            shutil.copyfile(published, self.copy)
        self._con = duckdb.connect(str(self.copy))
        spill = settings.work_dir() / "spill"
        self.con.execute(f"set memory_limit = '{WRITER_MEMORY}'")
        self.con.execute(f"set temp_directory = '{spill}'")
        self.con.execute((settings.SQL_DIR / "schema.sql").read_text(encoding="utf-8"))
        define_macros(self.con)
        self.reference = reference_fingerprint(self.con)
        refresh_reference(self.con)
        if copied:
            self.marts_whole = False
            self.loaded_after = self._next_load_id() - 1
            self._settle_archive()

    def _settle_archive(self) -> None:
        """Bring the archive in line with the published log, should a writer have died
        between the warehouse's swap and the manifest's, or before its publish."""
        manifest = settings.work_dir() / archive.MANIFEST
        self.con.execute(f"copy ({LOG_SQL}) to '{manifest}' (header)")
        current = archive.manifest_path()
        if not current.exists() or current.read_bytes() != manifest.read_bytes():
            current.parent.mkdir(parents=True, exist_ok=True)
            archive.replace_atomically(manifest, current)
        logged = {row[0] for row in self.con.execute("select distinct sha256 from loads").fetchall()}
        archive.remove_unlogged(logged)

    def load(
        self, path: Path, name: str, kind: str | None, who: Provenance, saved: Choice = AUTO
    ) -> LoadResult:
        """Validate one file and, if it is clean, store it; log the attempt either way."""
        sha256 = archive.sha256_of(path)
        if kind is not None and kind not in KINDS:
            problem = Problem("unknown_kind_name", name, params={"kind": kind})
            return self._log(
                LoadResult(name, "rejected", None, problems=[problem], total_problems=1), sha256, who
            )
        earlier = self.con.execute(
            "select load_id, kind from loads where sha256 = ? and status = 'loaded' order by load_id limit 1",
            [sha256],
        ).fetchone()
        if earlier:
            duplicate = LoadResult(name, "duplicate", earlier[1], duplicate_of=int(earlier[0]))
            return self._log(duplicate, sha256, who)
        with tempfile.TemporaryDirectory(dir=settings.work_dir()) as scratch:
            checked = check_file(self.con, path, name, kind, Path(scratch), self.metric_names(), saved)
            if not checked.clean or checked.mapping is None:
                return self._log(checked.result, sha256, who)
            return self._store(checked.result, checked.mapping, path, sha256, who)

    def _store(
        self, result: LoadResult, mapping: Mapping, path: Path, sha256: str, who: Provenance
    ) -> LoadResult:
        """Replace rows with the same key and insert the file's rows, in one transaction."""
        kind = mapping.kind
        columns = ", ".join(sql_name(c) for c in typed_columns(mapping))
        self.con.execute("begin transaction")
        try:
            result.load_id = who.load_id or self._next_load_id()
            bounds = self._key_bounds(mapping)
            result.replaced = self._delete_same_keys(mapping, bounds)
            inserted = self.con.execute(
                f"insert into {kind.name} ({columns}, load_id) "
                f"select {columns}, {result.load_id} from ({typed_relation(mapping)})"
            ).fetchone()
            result.rows = int(inserted[0]) if inserted else 0
            if kind.name == "usage" and result.rows:
                earliest, latest = bounds[0:2]  # usage's key starts with its date
                if isinstance(earliest, dt.date) and isinstance(latest, dt.date):
                    self.usage_months = UsageMonths.spanning(earliest, latest).widened(self.usage_months)
                else:
                    self.marts_whole = True
            if mapping.saved is not None:
                result.mapping_sha256 = mappings.archive(mapping.saved)
            self._log(result, sha256, who)
            if archive.store_original(path, sha256):
                self.archived.append(archive.original_path(sha256))
            self.con.execute("commit")
        except BaseException:
            self.con.execute("rollback")
            raise
        finally:
            drop_stage(self.con)
        return result

    def _key_bounds(self, mapping: Mapping) -> list[object]:
        """The lowest and highest value of each key column among the file's rows."""
        columns = ", ".join(f"min({sql_name(k)}), max({sql_name(k)})" for k in mapping.kind.key)
        return list(self.con.execute(f"select {columns} from ({typed_relation(mapping)})").fetchone() or ())

    def _delete_same_keys(self, mapping: Mapping, bounds: list[object]) -> int:
        """Remove stored rows that the file's rows replace; return how many.

        The file's range of each key column (`bounds`) bounds the search, so a new month,
        or another system's export, costs a filtered scan, not a join with the whole
        history (DuckDB also skips the row groups outside a date range).
        """
        kind = mapping.kind
        keys = [kind.column(k) for k in kind.key]
        within = " and ".join(
            f"(t.{sql_name(k.name)} between ? and ?"
            + ("" if k.required else f" or t.{sql_name(k.name)} is null")
            + ")"
            for k in keys
        )
        overlap = self.con.execute(f"select 1 from {kind.name} t where {within} limit 1", bounds).fetchone()
        if overlap is None:
            return 0
        same_key = " and ".join(f"t.{sql_name(k)} is not distinct from s.{sql_name(k)}" for k in kind.key)
        deleted = self.con.execute(
            f"delete from {kind.name} t using ({typed_relation(mapping)}) s where {same_key} and {within}",
            bounds,
        ).fetchone()
        return int(deleted[0]) if deleted else 0

    def _next_load_id(self) -> int:
        row = self.con.execute("select coalesce(max(load_id), 0) + 1 from loads").fetchone()
        return int(row[0]) if row else 1

    def _log(self, result: LoadResult, sha256: str, who: Provenance) -> LoadResult:
        """One row in `loads` per attempt; the message is the report in English."""
        if result.load_id is None:
            result.load_id = who.load_id or self._next_load_id()
        message = "\n".join(result.report("en"))
        loaded_at = who.loaded_at or dt.datetime.now().replace(microsecond=0)
        self.con.execute(
            "insert into loads values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                result.load_id,
                result.kind,
                result.file,
                sha256,
                result.rows,
                result.replaced,
                result.status,
                message,
                loaded_at,
                who.loaded_by,
            ],
        )
        if result.mapping_sha256 or result.undoes:
            self.con.execute(
                "insert into load_details values (?, ?, ?)",
                [result.load_id, result.mapping_sha256, result.undoes],
            )
        return result

    def log_undo(self, result: LoadResult, sha256: str, who: Provenance) -> LoadResult:
        """Log an undo as its own row (status undo, `undoes` naming the load undone)."""
        return self._log(result, sha256, who)

    def metric_names(self) -> set[str]:
        return {row[0] for row in self.con.execute("select metric from metrics").fetchall()}

    def publish(self) -> None:
        """Rebuild the marts, check them, then swap the copy in for the published warehouse.

        A failing check (etl/checks.py) raises ChecksFailed: nothing is published.
        """
        whole = self.marts_whole or reference_fingerprint(self.con) != self.reference
        build_marts(self.con, ALL if whole else self.usage_months)
        # the checks of loaded rows then look only at the rows this writer added
        self.con.execute("set variable loaded_after = ?::bigint", [None if whole else self.loaded_after])
        run_checks(self.con)
        manifest = settings.work_dir() / archive.MANIFEST
        self.con.execute(f"copy ({LOG_SQL}) to '{manifest}' (header)")
        self.con.execute("checkpoint")
        self.con.close()
        self._con = None
        archive.replace_atomically(self.copy, settings.warehouse_path())
        self.published = True
        settings.archive_dir().mkdir(parents=True, exist_ok=True)
        archive.replace_atomically(manifest, archive.manifest_path())


def check_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    name: str,
    kind: str | None,
    scratch: Path,
    metrics: set[str],
    saved: Choice = AUTO,
) -> Checked:
    """Read and validate a file into the temp table `stage` of `con`; write nothing else.

    The Writer and the Upload page's preview both check files with this one function.
    """
    source: Source | None = None
    mapping: Mapping | None = None
    try:
        source = open_export(path, name, scratch, kind)
        mapping = match_contract(source, kind, metrics, _mapping_for(source, kind, saved))
        try:
            rows = stage(con, source, mapping)
        except duckdb.Error as error:
            raise FileRejected(field_count_problem(error, source)) from error
        if rows == 0:
            raise FileRejected(Problem("header_only", name))
        problems, total = find_problems(con, source, mapping)
    except FileRejected as rejected:
        result = LoadResult(name, "rejected", kind, problems=[rejected.problem], total_problems=1)
        result.mapping = mapping.saved if mapping else None
        return Checked(result, mapping, source)
    warnings = source.warnings
    if mapping.ignored:
        params = {"kind": mapping.kind.name, "columns": ", ".join(mapping.ignored)}
        warnings = [*warnings, Problem("ignored_columns", name, params=params)]
    result = LoadResult(name, "loaded", mapping.kind.name, warnings=warnings, mapping=mapping.saved)
    if total:
        result.status, result.problems, result.total_problems = "rejected", problems, total
    return Checked(result, mapping, source)


def _mapping_for(source: Source, kind: str | None, saved: Choice) -> SavedMapping | None:
    """The saved mapping to read the file with (the one for its headers when AUTO), its
    "today" constants fixed to the date of this load."""
    chosen = mappings.find(source.headers, kind) if saved == AUTO else saved
    return mappings.resolved(chosen, dt.date.today()) if isinstance(chosen, SavedMapping) else None


def reference_fingerprint(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    """The reference tables' row counts and content hashes: the marts read them."""
    return [
        con.execute(f"select count(*), sum(hash({table})) from {table}").fetchone() or ()
        for table in REFERENCE_TABLES
    ]


def refresh_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Reload the analysts' reference tables from their CSV files."""
    for table in REFERENCE_TABLES:
        path = settings.reference_file(f"{table}.csv")
        con.execute(f"delete from {table}")
        if path.exists():
            con.execute(
                f"insert into {table} by name select * from read_csv(?, header = true, all_varchar = true)",
                [str(path)],
            )


def publish_reference(edit: Callable[[], Callable[[], None]] | None = None) -> None:
    """Reload the reference files, rebuild and check the marts, publish: an analyst's save.

    Under the writers' lock, `edit` first writes the edited reference file and returns how
    to undo that; if anything fails (a check: ChecksFailed), the file is put back and the
    published warehouse stays as it was.
    """
    with Writer() as writer:
        undo = edit() if edit else None
        try:
            refresh_reference(writer.con)
            writer.publish()
        except BaseException:
            if undo:
                undo()
            raise


@contextmanager
def read_only() -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the published warehouse (for the CLI and tests)."""
    con = connect_read_only()
    try:
        yield con
    finally:
        con.close()


def recorded_loads() -> list[dict[str, object]]:
    """Every load attempt, from the published warehouse, else from the archive's manifest."""
    if settings.warehouse_path().exists():
        try:
            with read_only() as con:
                has_details = con.execute(
                    "select count(*) from information_schema.tables where table_name = 'load_details'"
                ).fetchone()
                return _as_dicts(
                    con, LOG_SQL if has_details and has_details[0] else "select * from loads order by load_id"
                )
        except duckdb.Error:
            pass  # a damaged warehouse is what rebuild is for
    manifest = archive.manifest_path()
    if not manifest.exists():
        return []
    con = duckdb.connect()
    try:
        return _as_dicts(con, "select * from read_csv(?, header = true) order by load_id", [str(manifest)])
    finally:
        con.close()


def _as_dicts(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None
) -> list[dict[str, object]]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def rebuild(progress: Progress | None = None) -> list[LoadResult]:
    """Replay every accepted original, in load order, into a fresh warehouse.

    The log is read once the writer's lock is held, so no load can slip in between.
    Undone loads stay undone: only loads whose status is `loaded` are replayed.
    """
    with Writer(fresh=True) as writer:
        entries = recorded_loads()
        refuse_damaged(entries)
        results = replay(writer, entries, progress)
        writer.publish()
    return results


def refuse_damaged(entries: Sequence[dict[str, object]]) -> None:
    """Stop before anything changes if an original (or its mapping) to replay is not intact."""
    damaged = [e for e in entries if e["status"] == "loaded" and not _intact(e)]
    if damaged:
        names = ", ".join(f"{e['file_name']} (load {e['load_id']})" for e in damaged)
        raise archive.DamagedArchive(f"archived originals missing or damaged: {names}")


def replay(
    writer: Writer, entries: Sequence[dict[str, object]], progress: Progress | None = None
) -> list[LoadResult]:
    """Replay log entries in order into the writer's warehouse."""
    results = []
    for index, entry in enumerate(entries):
        if progress:
            progress(index / (len(entries) + 1), str(entry["file_name"]))
        results.append(_replay(writer, entry))
    return results


def _intact(entry: dict[str, object]) -> bool:
    path = archive.original_path(str(entry["sha256"]))
    if not (path.exists() and archive.sha256_of(path) == str(entry["sha256"])):
        return False
    mapping = entry.get("mapping")
    return not mapping or mappings.intact(str(mapping))


def _replay(writer: Writer, entry: dict[str, object]) -> LoadResult:
    """Load an archived original again, or copy a rejected/duplicate log row as it was."""
    who = Provenance(str(entry["loaded_by"]), entry["loaded_at"], int(str(entry["load_id"])))  # type: ignore[arg-type]
    if entry["status"] == "loaded":
        path = archive.original_path(str(entry["sha256"]))
        mapping = entry.get("mapping")
        saved = mappings.archived(str(mapping)) if mapping else None
        return writer.load(path, str(entry["file_name"]), str(entry["kind"]), who, saved)
    columns = [c for c in entry if c not in DETAILS]
    writer.con.execute(
        f"insert into loads ({', '.join(columns)}) values ({', '.join('?' for _ in columns)})",
        [entry[c] for c in columns],
    )
    if entry.get("mapping") or entry.get("undoes") is not None:
        writer.con.execute(
            "insert into load_details values (?, ?, ?)",
            [entry["load_id"], entry.get("mapping") or None, entry.get("undoes")],
        )
    return LoadResult(str(entry["file_name"]), str(entry["status"]), load_id=int(str(entry["load_id"])))
