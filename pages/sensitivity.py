"""Sensitivity: the hours freed under the low, base and high coefficients, and which
coefficients move the figure most (a tornado chart)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

import app
from app import auth, charts, db, i18n, queries, workbench
from app.i18n import t

ESTIMATES = ("low", "base", "high")


def estimate_figures(label_key: str, hours: queries.Estimate, fte_divisor: float, **params: str) -> None:
    """Three figures, low, base and high: hours, with their FTE equivalent under them."""
    for column, estimate in zip(st.columns(3), ESTIMATES, strict=True):
        value = float(getattr(hours, estimate))
        column.metric(
            t(label_key, estimate=t(f"sensitivity.estimate.{estimate}"), **params),
            i18n.fmt_hours(value),
            delta=i18n.fmt_fte(value / fte_divisor),
            delta_color="off",
            delta_arrow="off",
            border=True,
        )


def show_month(by_metric: pd.DataFrame) -> None:
    """The latest complete month's hours freed, hospital-wide, under each estimate."""
    month = pd.Timestamp(by_metric["month"].iloc[0]).date()
    totals = queries.Estimate(*(float(by_metric[f"hours_{e}"].sum()) for e in ESTIMATES))
    st.subheader(t("sensitivity.month.header", month=i18n.fmt_month(month)))
    estimate_figures("sensitivity.month.figure", totals, app.ANNUAL_HOURS_PER_FTE / 12)
    st.caption(t("sensitivity.month.caption", hours=i18n.fmt_number(app.ANNUAL_HOURS_PER_FTE)))


def show_since_start(version: str) -> None:
    """The hours freed since the programme started (settings), under each estimate."""
    since = queries.hours_since(version, app.PROGRAMME_START)
    if since is None:
        return
    st.subheader(t("sensitivity.since.header", start=i18n.fmt_month(since.start)))
    estimate_figures("sensitivity.since.figure", since.hours, app.ANNUAL_HOURS_PER_FTE)
    st.caption(
        t(
            "sensitivity.since.caption",
            start=i18n.fmt_month(since.start),
            end=i18n.fmt_month(since.end),
            months=i18n.fmt_number(since.months),
        )
    )


def show_tornado(by_metric: pd.DataFrame) -> None:
    """Which coefficients move the month's hours most: each alone at low and at high."""
    st.subheader(t("sensitivity.tornado.header"))
    base_total = float(by_metric["hours_base"].sum())
    text = charts.ChartText(
        title=t("sensitivity.tornado.title", month=i18n.fmt_month(pd.Timestamp(by_metric["month"].iloc[0]))),
        x_title=t("sensitivity.tornado.x"),
        y_title="",
        separators=i18n.plotly_separators(),
        format_month=i18n.fmt_month_short,
    )
    figure = charts.tornado_chart(
        by_metric, base_total, text, t("sensitivity.tornado.low"), t("sensitivity.tornado.high")
    )
    st.plotly_chart(figure, width="stretch")
    st.caption(t("sensitivity.tornado.caption", base=i18n.fmt_hours(base_total)))


def coefficients_table(by_metric: pd.DataFrame) -> pd.DataFrame:
    """Per metric: volume, minutes saved and hours freed under each estimate."""
    table = {
        t("workbench.col.metric"): by_metric["label"],
        t("sensitivity.col.volume"): [
            f"{i18n.fmt_number(v)} {i18n.unit_name(u)}"
            for v, u in zip(by_metric["volume"], by_metric["unit"], strict=True)
        ],
    }
    table[t("sensitivity.col.minutes")] = [
        " · ".join(i18n.fmt_number(row[f"minutes_{e}"], 1) for e in ESTIMATES)
        for _, row in by_metric.iterrows()
    ]
    for estimate in ESTIMATES:
        table[t(f"sensitivity.col.hours_{estimate}")] = [
            i18n.fmt_hours(h) for h in by_metric[f"hours_{estimate}"]
        ]
    return pd.DataFrame(table)


auth.require(auth.ANALYST)
version = db.warehouse_version()
st.title(t("sensitivity.title"))
st.caption(t("sensitivity.intro"))
usage_stale = workbench.stale_map(version, date.today()).get("usage")
if usage_stale is not None:
    st.warning(
        t(
            "sensitivity.stale",
            date=i18n.fmt_date(usage_stale.latest_date),
            days=i18n.fmt_number(usage_stale.age_days),
        )
    )
by_metric = queries.hours_by_metric(version, i18n.current_language())
if by_metric.empty:
    st.info(t("sensitivity.none"))
else:
    show_month(by_metric)
    show_since_start(version)
    show_tornado(by_metric)
    st.subheader(t("sensitivity.table.header"))
    st.dataframe(coefficients_table(by_metric), hide_index=True, width="stretch")
