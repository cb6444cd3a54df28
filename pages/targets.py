"""Targets: what each KPI should reach, where and by when (targets.csv), edited, previewed
against the latest values, saved (the marts rebuilt and checked), logged and revertible."""

from __future__ import annotations

import streamlit as st

from app import auth, db, i18n, queries, workbench
from app.i18n import t
from etl import reference


def choices() -> tuple[list[str], list[str]]:
    """The KPIs a target may name (catalogue metrics, hours freed) and its scopes."""
    kpis = [row["metric"] for row in reference.read(reference.METRICS).rows]
    sites = reference.read_sites()
    regions = sorted({region for region in sites.values() if region})
    return [*kpis, *reference.DERIVED_KPIS], ["all", *regions, *sites]


def show_preview(version: str, rows: list[dict[str, str]], changes: list[reference.Change]) -> None:
    """The edited and added targets beside each KPI's latest value: met already, or not."""
    st.subheader(t("targets.preview.header"))
    touched = {change.key for change in changes}
    edited = [row for row in rows if reference.key_of(reference.TARGETS, row) in touched]
    if not edited:
        st.caption(t("targets.preview.removed_only"))
        return
    values = queries.kpi_values(version)
    month = values["month"].iloc[0] if not values.empty else None
    st.caption(t("targets.preview.caption", month=workbench.month_or_empty(month)))
    table = workbench.targets_with_values(edited, values, i18n.current_language())
    st.dataframe(table, hide_index=True, width="stretch")


auth.require(auth.ANALYST)
version = db.warehouse_version()
st.title(t("targets.title"))
st.caption(t("targets.intro"))
workbench.show_flash()
snapshot = reference.read(reference.TARGETS)
kpis, scopes = choices()
edited = st.data_editor(
    snapshot.frame(),
    key=workbench.editor_key(snapshot),
    num_rows="dynamic",
    hide_index=True,
    column_config=workbench.target_columns(kpis, scopes),
    width="stretch",
    height="content",
)
rows = reference.edited_rows(reference.TARGETS, edited)
changes = reference.diff(snapshot, rows)
if workbench.review(changes, reference.validate(reference.TARGETS, rows)):
    show_preview(version, rows, changes)
    if st.button(t("workbench.save"), type="primary", key="targets_save"):
        workbench.save(lambda: reference.save(snapshot, rows, auth.current_user()))
workbench.show_change_log(reference.TARGETS.name)
