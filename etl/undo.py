"""Undo a load: its rows leave the warehouse and the rows it replaced come back.

An undo is a rebuild from the archive without that load: under the writers' lock, every
logged load is replayed in order into a fresh warehouse, the undone one marked `undone`
and skipped. The rows it replaced come back by construction, later loads keep replacing
what they replaced, and `python -m etl rebuild` keeps the load undone (it replays only
`loaded` entries). The undo is logged as its own row (status `undo`).
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from etl import settings
from etl.contracts import KINDS
from etl.load import LoadResult, Progress, Provenance, Writer, recorded_loads, refuse_damaged, replay
from etl.messages import render
from etl.validate import sql_name, sql_text

PUBLISHED = "published"


class UndoRefused(Exception):
    """The load cannot be undone (unknown, or not a stored load); nothing changed."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(render(code, "en", **params))
        self.code = code
        self.params = params

    def render(self, lang: str = "en") -> str:
        return render(self.code, lang, **self.params)


def undoable(entry: dict[str, object]) -> bool:
    """Whether a log entry is a stored load that an undo can take back."""
    return entry.get("status") == "loaded"


def undo_load(load_id: int, undone_by: str, progress: Progress | None = None) -> LoadResult:
    """Take load `load_id` back out of the warehouse; return the undo's own log entry."""
    with Writer(fresh=True) as writer:
        entries = recorded_loads()
        target = _target(entries, load_id)
        refuse_damaged([e for e in entries if e is not target])
        marked = [{**e, "status": "undone"} if e is target else e for e in entries]
        replay(writer, marked, progress)
        removed, restored = _counts(writer.con, str(target["kind"]), load_id)
        result = LoadResult(
            str(target["file_name"]),
            "undo",
            str(target["kind"]),
            rows=removed,
            replaced=restored,
            undoes=load_id,
        )
        writer.log_undo(result, str(target["sha256"]), Provenance(undone_by))
        writer.publish()
    return result


def _target(entries: Sequence[dict[str, object]], load_id: int) -> dict[str, object]:
    """The log entry of the load to undo; refused unless it is a stored load."""
    target = next((e for e in entries if int(str(e["load_id"])) == load_id), None)
    if target is None:
        raise UndoRefused("undo_unknown", load_id=load_id)
    if not undoable(target):
        raise UndoRefused("undo_not_loaded", load_id=load_id, status=target["status"])
    return target


def _counts(con: duckdb.DuckDBPyConnection, kind_name: str, load_id: int) -> tuple[int, int]:
    """Rows of the load still published (removed now), and rows now stored under its keys
    (the earlier rows it had replaced, restored)."""
    kind = KINDS[kind_name]
    table = sql_name(kind.name)
    if not settings.warehouse_path().exists():  # rebuilt from the archive alone
        return 0, 0
    con.execute(f"attach {sql_text(str(settings.warehouse_path()))} as {PUBLISHED} (read_only)")
    try:
        removed = con.execute(
            f"select count(*) from {PUBLISHED}.{table} where load_id = ?", [load_id]
        ).fetchone()
        same_key = " and ".join(f"n.{sql_name(k)} is not distinct from o.{sql_name(k)}" for k in kind.key)
        restored = con.execute(
            f"select count(*) from {table} n where exists (select 1 from {PUBLISHED}.{table} o "
            f"where o.load_id = ? and {same_key})",
            [load_id],
        ).fetchone()
    finally:
        con.execute(f"detach {PUBLISHED}")
    return int(removed[0]) if removed else 0, int(restored[0]) if restored else 0
