"""Assumptions: the metric catalogue and its time-saved coefficients, edited, previewed,
saved (metrics.csv, then the marts rebuilt and checked), logged and revertible."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import app
from app import auth, charts, db, i18n, queries, workbench
from app.i18n import t
from etl import reference

ESTIMATES = ("low", "base", "high")


def chart_text() -> charts.ChartText:
    """The before/after chart's words in the current language."""
    return charts.ChartText(
        title=t("assumptions.chart.title"),
        x_title=t("chart.month"),
        y_title=t("chart.hours.y"),
        separators=i18n.plotly_separators(),
        format_month=i18n.fmt_month_short,
    )


def headline(preview: reference.HoursPreview) -> None:
    """Hours freed in the latest complete month, low, base and high: after, and before."""
    if preview.month is None:
        return
    latest = preview.monthly.iloc[-1]
    month = i18n.fmt_month(preview.month)
    for column, estimate in zip(st.columns(3), ESTIMATES, strict=True):
        before, after = float(latest[f"before_{estimate}"]), float(latest[f"after_{estimate}"])
        column.metric(
            t(f"assumptions.preview.{estimate}", month=month),
            i18n.fmt_hours(after),
            delta=t(
                "assumptions.preview.delta",
                change=t("unit.hours", value=i18n.fmt_number(after - before, signed=True)),
                before=i18n.fmt_hours(before),
            ),
            delta_color="off",
            delta_arrow="off" if after == before else "auto",
            border=True,
        )
    hours_per_fte = app.ANNUAL_HOURS_PER_FTE / 12  # read now: the Settings page may change it
    st.caption(
        t(
            "assumptions.preview.fte",
            before=i18n.fmt_fte(float(latest["before_base"]) / hours_per_fte),
            after=i18n.fmt_fte(float(latest["after_base"]) / hours_per_fte),
        )
    )


def by_metric_table(preview: reference.HoursPreview, language: str) -> pd.DataFrame:
    """The metrics whose hours change, base estimate, before and after."""
    labels = workbench.metric_labels(language)
    return pd.DataFrame(
        {
            t("workbench.col.metric"): [labels.get(m, m) for m in preview.by_metric["metric"]],
            t("assumptions.preview.before"): [i18n.fmt_hours(v) for v in preview.by_metric["before_base"]],
            t("assumptions.preview.after"): [i18n.fmt_hours(v) for v in preview.by_metric["after_base"]],
        }
    )


def show_preview(version: str, rows: list[dict[str, str]], language: str) -> None:
    """The effect of the edit on the headline hours freed, before it is saved."""
    st.subheader(t("assumptions.preview.header"))
    preview = queries.hours_preview(version, rows)
    if preview.month is None:
        st.info(t("assumptions.preview.none"))
        return
    headline(preview)
    figure = charts.before_after_chart(
        preview.monthly, chart_text(), t("assumptions.preview.before"), t("assumptions.preview.after")
    )
    st.plotly_chart(figure, width="stretch")
    if not preview.by_metric.empty:
        st.dataframe(by_metric_table(preview, language), hide_index=True, width="stretch")


auth.require(auth.ANALYST)
version = db.warehouse_version()
language = i18n.current_language()
st.title(t("assumptions.title"))
st.caption(t("assumptions.intro"))
workbench.show_flash()
snapshot = reference.read(reference.METRICS)
in_use = queries.metrics_with_usage(version)
edited = st.data_editor(
    snapshot.frame(),
    key=workbench.editor_key(snapshot),
    num_rows="dynamic",
    hide_index=True,
    column_config=workbench.metric_columns(),
    column_order=workbench.METRIC_ORDER,
    width="stretch",
    height="content",
)
rows = reference.edited_rows(reference.METRICS, edited)
changes = reference.diff(snapshot, rows)
if workbench.review(changes, reference.validate(reference.METRICS, rows, in_use)):
    show_preview(version, rows, language)
    if st.button(t("workbench.save"), type="primary", key="metrics_save"):
        workbench.save(lambda: reference.save(snapshot, rows, auth.current_user(), in_use))
workbench.show_change_log(reference.METRICS.name, in_use)
