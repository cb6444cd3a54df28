"""Load history: every load with who, when, file, kind, rows, replaced rows and status; a
load can be undone (its rows removed, the rows it replaced restored), after a confirmation,
and the undo is itself logged. Leads undo their own loads, analysts any."""

from __future__ import annotations

import logging
from typing import Any

import pandas as pd
import streamlit as st

from app import auth, db, i18n, queries
from app.i18n import t
from etl import mappings
from etl.archive import DamagedArchive
from etl.contracts import KINDS
from etl.undo import UndoRefused, undo_load

PENDING = "history_pending_undo"  # the load whose undo awaits confirmation
CHOICE = "history_undo_choice"
logger = logging.getLogger(__name__)


def when_text(value: Any) -> str:
    """A load's time: the locale's date and the hour."""
    if value is None or pd.isna(value):
        return "—"
    stamp = pd.Timestamp(value).to_pydatetime()
    return f"{i18n.fmt_date(stamp)} {stamp:%H:%M}"


def kind_text(kind: Any) -> str:
    return t(f"upload.kind.{kind}") if kind in KINDS else "—"


def status_text(row: pd.Series) -> str:
    """A load's status in words; an undo names the load it undid."""
    if row["status"] == "undo":
        return t("history.status.undo", load_id=_integer(row["undoes"]))
    key = f"history.status.{row['status']}"
    return t(key) if key in i18n.TRANSLATIONS else str(row["status"])


def _integer(value: Any) -> str:
    return "—" if value is None or pd.isna(value) else str(int(value))


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """The log as the reader sees it: their language, their number and date style."""
    return pd.DataFrame(
        {
            t("history.col.load"): history["load_id"].astype(int),
            t("history.col.when"): history["loaded_at"].map(when_text),
            t("history.col.who"): history["loaded_by"].fillna("—"),
            t("history.col.file"): history["file_name"].fillna("—"),
            t("history.col.kind"): history["kind"].map(kind_text),
            t("history.col.rows"): history["rows"].map(lambda n: i18n.fmt_number(n or 0)),
            t("history.col.replaced"): history["replaced_rows"].map(lambda n: i18n.fmt_number(n or 0)),
            t("history.col.status"): history.apply(status_text, axis="columns"),
            t("history.col.mapping"): history["mapping"].map(lambda sha: mappings.archived_name(sha) or ""),
        }
    )


def undoable(history: pd.DataFrame, access: auth.Access) -> pd.DataFrame:
    """The loads this person may undo: stored ones; a lead's own only."""
    loaded = history[history["status"] == "loaded"]
    if access.role == auth.ANALYST:
        return loaded
    return loaded[loaded["loaded_by"] == access.user]


def option_text(row: pd.Series) -> str:
    return t(
        "history.undo.option",
        load_id=int(row["load_id"]),
        file=row["file_name"],
        when=when_text(row["loaded_at"]),
        who=row["loaded_by"],
    )


def undo_section(history: pd.DataFrame, access: auth.Access) -> None:
    """Choose a load, ask for confirmation, then undo it."""
    st.subheader(t("history.undo.header"))
    if access.role != auth.ANALYST:
        st.caption(t("history.undo.own"))
    candidates = undoable(history, access)
    if candidates.empty:
        st.info(t("history.undo.none"))
        return
    rows = {int(r["load_id"]): r for _, r in candidates.iterrows()}
    options = {load_id: option_text(row) for load_id, row in rows.items()}
    choice = st.selectbox(t("history.undo.choose"), list(rows), key=CHOICE, format_func=options.__getitem__)
    if st.session_state.get(PENDING) == choice:
        confirm_undo(rows[choice])
    else:
        st.button(
            t("history.undo.button"), icon=":material/undo:", key="history_undo", on_click=ask, args=(choice,)
        )


def ask(load_id: int) -> None:
    st.session_state[PENDING] = load_id


def forget() -> None:
    st.session_state.pop(PENDING, None)


def confirm_undo(row: pd.Series) -> None:
    """The confirmation: what an undo will do, yes or no."""
    load_id = int(row["load_id"])
    st.warning(
        t(
            "history.undo.confirm",
            load_id=load_id,
            file=row["file_name"],
            rows=i18n.fmt_number(row["rows"] or 0),
            replaced=i18n.fmt_number(row["replaced_rows"] or 0),
        ),
        icon=":material/warning:",
    )
    yes, no = st.columns(2)
    yes.button(
        t("history.undo.yes", load_id=load_id), type="primary", key="history_undo_yes", width="stretch"
    )
    no.button(t("history.undo.no"), key="history_undo_no", width="stretch", on_click=forget)


def undo_confirmed() -> None:
    """Undo the load confirmed in the last run, with a progress bar, and say the outcome."""
    load_id = st.session_state.pop(PENDING, None)
    if load_id is None:
        return
    bar = st.progress(0.0, text=t("history.undo.progress", percent=i18n.fmt_percent(0)))

    def report(fraction: float, _step: str) -> None:
        done = min(max(fraction, 0.0), 1.0)
        bar.progress(done, text=t("history.undo.progress", percent=i18n.fmt_percent(done)))

    try:
        result = undo_load(int(load_id), auth.current_user(), progress=report)
    except UndoRefused as refused:
        st.error(refused.render(i18n.current_language()))
    except DamagedArchive:
        logger.exception("Undo of load %s stopped: damaged archive", load_id)
        st.error(t("history.undo.damaged"))
    except Exception:  # the warehouse is unchanged whatever failed; say so, log the detail
        logger.exception("Undo of load %s failed", load_id)
        st.error(t("upload.failed"))
    else:
        removed, restored = i18n.fmt_number(result.rows), i18n.fmt_number(result.replaced)
        st.success(t("history.undo.done", load_id=load_id, removed=removed, restored=restored))
    bar.empty()


def main() -> None:
    access = auth.require(auth.LEAD, auth.ANALYST)
    st.title(t("history.title"))
    st.caption(t("history.intro"))
    if st.session_state.get("history_undo_yes"):  # confirmed in the last run
        undo_confirmed()
    history = queries.load_history(db.warehouse_version())
    if history.empty:
        st.info(t("history.empty"))
        return
    narrow = {
        t(f"history.col.{c}"): st.column_config.Column(width="small") for c in ("load", "rows", "replaced")
    }
    st.dataframe(history_table(history), hide_index=True, width="stretch", column_config=narrow)
    undo_section(history, access)


main()
