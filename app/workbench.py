"""What the analysts' pages share: the editors' columns, the review of an edit, the save
and its outcome, the change log with revert, and tables formatted for the reader.

The rules themselves (validation, diff, save, revert) live in etl.reference; this module
only says them in the reader's language.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd
import streamlit as st

from app import auth, i18n, queries
from app.i18n import t
from etl import reference
from etl.checks import ChecksFailed
from etl.contracts import AIMS

_FLASH = "workbench_flash"  # a message to show after the rerun that follows a save
EMPTY = "—"


def editor_key(snapshot: reference.Snapshot) -> str:
    """The editor's widget key: it changes with the file, so a saved edit starts afresh."""
    return f"{snapshot.table.name}_editor_{snapshot.token}"


def column_label(column: str) -> str:
    """A reference column's (or setting's) name in the reader's language, else its own."""
    for key in (f"workbench.col.{column}", f"settings.label.{column}"):
        if key in i18n.TRANSLATIONS:
            return t(key)
    return column


# The catalogue editor shows the coefficients first, then the rest (the file keeps its order).
METRIC_ORDER = (
    "metric",
    "minutes_saved_low",
    "minutes_saved_base",
    "minutes_saved_high",
    "source",
    "aim",
    "paper_metric",
    "aggregation",
    "unit",
    "system",
    "label_fr",
    "label_de",
    "label_en",
)


def metric_columns() -> dict[str, Any]:
    """The catalogue editor's columns: enums as choices, coefficients as numbers."""
    config: dict[str, Any] = {
        c: st.column_config.TextColumn(column_label(c)) for c in reference.METRICS.columns
    }
    config["metric"] = st.column_config.TextColumn(column_label("metric"), required=True, pinned=True)
    config["aim"] = st.column_config.SelectboxColumn(column_label("aim"), options=list(AIMS))
    config["aggregation"] = st.column_config.SelectboxColumn(
        column_label("aggregation"), options=["sum", "max", "mean", "last"]
    )
    for estimate in ("low", "base", "high"):
        name = f"minutes_saved_{estimate}"
        config[name] = st.column_config.NumberColumn(column_label(name), step=0.1)
    config["source"] = st.column_config.TextColumn(column_label("source"), width="large")
    return config


def target_columns(kpis: Sequence[str], scopes: Sequence[str]) -> dict[str, Any]:
    """The targets editor's columns: KPI and scope as choices, the value, the due date."""
    return {
        "kpi": st.column_config.SelectboxColumn(column_label("kpi"), options=list(kpis), required=True),
        "scope": st.column_config.SelectboxColumn(column_label("scope"), options=list(scopes), required=True),
        "target": st.column_config.NumberColumn(column_label("target"), required=True),
        "due_date": st.column_config.DateColumn(column_label("due_date"), required=True),
        "direction": st.column_config.SelectboxColumn(
            column_label("direction"), options=["at_least", "at_most"], required=True
        ),
        "note": st.column_config.TextColumn(column_label("note"), width="large"),
    }


# --- Reviewing and saving an edit ------------------------------------------------------------


def issue_text(issue: reference.Issue) -> str:
    """A broken rule as a sentence: what, where, and what was found."""
    params = {"found": "", "low": "", "high": "", **issue.params}
    bounds = {name: _bound(params[name]) for name in ("low", "high")}
    column = column_label(issue.column)
    return t(f"issue.{issue.code}", row=issue.key or EMPTY, column=column, **{**params, **bounds})


def _bound(value: str) -> str:
    """A rule's bound (a date or a number) in the reader's style."""
    day = reference.as_date(value) if len(value) == 10 else None
    if day is not None:
        return i18n.fmt_date(day)
    number = reference.as_number(value)
    return value if number is None else i18n.fmt_number(number)


def show_issues(issues: Sequence[reference.Issue]) -> None:
    """The rules an edit breaks, as one error listing them."""
    lines = "\n".join(f"- {issue_text(issue)}" for issue in issues)
    st.error(f"{t('workbench.issues', count=i18n.fmt_number(len(issues)))}\n\n{lines}")


def change_value(change: reference.Change, value: str) -> str:
    """An old or new value as shown: a whole row is named, not dumped."""
    if change.field == reference.ROW:
        return t("workbench.row.present") if value else EMPTY
    return value or EMPTY


def changes_frame(changes: Sequence[reference.Change]) -> pd.DataFrame:
    """Changes as a table to read: key, field, before, after."""
    return pd.DataFrame(
        {
            t("workbench.change.key"): [c.key for c in changes],
            t("workbench.change.field"): [_field_label(c) for c in changes],
            t("workbench.change.old"): [change_value(c, c.old) for c in changes],
            t("workbench.change.new"): [change_value(c, c.new) for c in changes],
        }
    )


def _field_label(change: reference.Change) -> str:
    if change.field == reference.ROW:
        return t("workbench.row.added") if change.new else t("workbench.row.removed")
    if change.table == reference.SETTINGS:
        return t(f"settings.label.{change.key}")
    return column_label(change.field)


def review(
    changes: Sequence[reference.Change],
    issues: Sequence[reference.Issue],
    no_changes_key: str = "workbench.no_changes",
) -> bool:
    """Show what the edit changes and what it breaks; True when it may be saved."""
    if issues:
        show_issues(issues)
    if not changes:
        st.caption(t(no_changes_key))
        return False
    st.markdown(f"**{t('workbench.changes', count=i18n.fmt_number(len(changes)))}**")
    st.dataframe(changes_frame(changes), hide_index=True, width="stretch")
    return not issues


def flash(message: str) -> None:
    """Keep a message for the next run (a save reruns the page)."""
    st.session_state[_FLASH] = message


def show_flash() -> None:
    """Show the message a save left, once."""
    message = st.session_state.pop(_FLASH, None)
    if message:
        st.success(message)


def save(action: Callable[[], Sequence[reference.Change]]) -> None:
    """Run a save or a revert and say how it went; on success, rerun with the new data."""
    try:
        saved = action()
    except reference.Invalid as invalid:
        show_issues(invalid.issues)
        return
    except reference.Conflict:
        st.warning(t("workbench.conflict"))
        return
    except ChecksFailed as failed:
        names = ", ".join(f.check.name for f in failed.failures)
        st.error(t("workbench.checks_failed", checks=names))
        return
    flash(t("workbench.saved", count=i18n.fmt_number(len(saved))))
    st.rerun()


# --- The change log ----------------------------------------------------------------------------


def _when(text: str) -> str:
    """A logged time (`2026-11-28 14:07:57`) in the reader's style."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    return f"{i18n.fmt_date(moment)} {moment:%H:%M}"


def log_frame(changes: Sequence[reference.Change], reverted: dict[int, int]) -> pd.DataFrame:
    """The logged changes, newest first: number, when, who, key, field, before, after, state."""
    newest = list(reversed(changes))
    frame = changes_frame(newest)
    frame.insert(0, t("workbench.log.who"), [c.changed_by for c in newest])
    frame.insert(0, t("workbench.log.when"), [_when(c.changed_at) for c in newest])
    frame.insert(0, t("workbench.log.id"), [f"#{c.change_id}" for c in newest])
    frame[t("workbench.log.state")] = [_state(c, reverted) for c in newest]
    return frame


def _state(change: reference.Change, reverted: dict[int, int]) -> str:
    if change.change_id in reverted:
        return t("workbench.log.reverted_by", id=reverted[change.change_id])
    if change.reverts:
        return t("workbench.log.reverts", id=change.reverts)
    return ""


def _choice_label(change: reference.Change) -> str:
    old, new = change_value(change, change.old), change_value(change, change.new)
    return f"#{change.change_id} · {change.key} · {_field_label(change)}: {old} → {new}"


def show_change_log(table: str, in_use: Collection[str] = ()) -> None:
    """The table's logged changes, and a way to revert one of them."""
    st.subheader(t("workbench.log.header"))
    changes = reference.read_changes(table)
    if not changes:
        st.caption(t("workbench.log.empty"))
        return
    reverted = reference.reverted_ids()
    st.dataframe(log_frame(changes, reverted), hide_index=True, width="stretch")
    # The options are the labels themselves: a translated format_func would be re-run
    # outside the session (in tests) in the default language.
    open_changes = {_choice_label(c): c.change_id for c in reversed(changes) if c.change_id not in reverted}
    chosen = st.selectbox(
        t("workbench.revert.choose"),
        list(open_changes),
        index=None,
        key=f"{table}_revert_choice",
        placeholder=t("workbench.revert.placeholder"),
    )
    if st.button(t("workbench.revert.button"), disabled=chosen is None, key=f"{table}_revert"):
        change_id = open_changes.get(str(chosen))
        if change_id is not None:
            save(lambda: reference.revert(change_id, auth.current_user(), in_use))


# --- Tables for the reader ----------------------------------------------------------------------


def missing(value: object) -> bool:
    """No value: None, NaN, NaT or pandas' NA."""
    return value is None or (not pd.api.types.is_list_like(value) and bool(pd.isna(value)))


def number_or_empty(value: object, decimals: int = 0) -> str:
    """A number in the locale's style, or a dash when there is none."""
    return EMPTY if missing(value) else i18n.fmt_number(float(value), decimals)  # type: ignore[arg-type]


def date_or_empty(value: object) -> str:
    """A date in the locale's style, or a dash."""
    return EMPTY if missing(value) else i18n.fmt_date(pd.Timestamp(value).date())


def month_or_empty(value: object) -> str:
    """A month in the locale's style, or a dash."""
    return EMPTY if missing(value) else i18n.fmt_month(pd.Timestamp(value).date())


def months_list(months: object, limit: int = 6) -> str:
    """A few months, abbreviated, and how many more."""
    listed = [pd.Timestamp(m).date() for m in months] if pd.api.types.is_list_like(months) else []  # type: ignore[attr-defined]
    shown = ", ".join(i18n.fmt_month_short(m) for m in listed[:limit])
    if len(listed) > limit:
        shown += " " + t("workbench.and_more", count=i18n.fmt_number(len(listed) - limit))
    return shown or EMPTY


def targets_with_values(rows: Sequence[dict[str, str]], values: pd.DataFrame, language: str) -> pd.DataFrame:
    """The edited targets beside each KPI's latest value in its scope (queries.kpi_values),
    and whether that value already meets the target."""
    latest = {(r.kpi, r.scope): r.value for r in values.itertuples()}
    labels = metric_labels(language)
    shares = {r["metric"] for r in reference.read(reference.METRICS).rows if r.get("paper_metric")}
    shown = []
    for row in rows:
        kpi, target = row.get("kpi", ""), reference.as_number(row.get("target", ""))
        value = latest.get((kpi, row.get("scope", "")))
        shown.append(
            {
                t("workbench.col.kpi"): labels.get(kpi, kpi),
                t("workbench.col.scope"): row.get("scope", ""),
                t("workbench.col.due_date"): date_or_empty(reference.as_date(row.get("due_date", ""))),
                t("workbench.col.target"): _kpi_value(kpi, target, shares),
                t("targets.latest"): _kpi_value(kpi, value, shares),
                t("targets.met"): _met(value, target, row.get("direction", "")),
            }
        )
    return pd.DataFrame(shown)


def metric_labels(language: str) -> dict[str, str]:
    """Metric (or derived KPI) -> its label in `language`, from the catalogue in force."""
    catalogue = reference.read(reference.METRICS).rows
    labels = {r["metric"]: r.get(f"label_{language}") or r["metric"] for r in catalogue}
    return {**labels, "hours_freed": t("targets.kpi.hours_freed")}


def _kpi_value(kpi: str, value: float | None, shares: Collection[str]) -> str:
    """A KPI's value as read: a share in percent, hours with their unit, else a number."""
    if value is None or pd.isna(value):
        return EMPTY
    if kpi in shares:
        return i18n.fmt_percent(value)
    return i18n.fmt_hours(value) if kpi == "hours_freed" else i18n.fmt_number(value)


def _met(value: float | None, target: float | None, direction: str) -> str:
    if value is None or target is None or pd.isna(value):
        return EMPTY
    met = value >= target if direction == "at_least" else value <= target
    return t("targets.met.yes") if met else t("targets.met.no")


def stale_map(version: str, today: date) -> dict[str, queries.StaleSource]:
    """source -> how stale it is, for the sources that are (queries.stale_sources)."""
    return {s.source: s for s in queries.stale_sources(queries.data_freshness(version), today)}
