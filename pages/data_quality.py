"""Data quality: per source its rows, coverage and freshness (stale sources highlighted),
usage series with gaps, values far from their history, rejected loads, and the warehouse
checks."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from app import auth, db, i18n, queries, workbench
from app.i18n import t

STALE_STYLE = "background-color: #FDECEA"  # a light red: the row of a stale source


def sources_table(sources: pd.DataFrame, stale: dict[str, queries.StaleSource]) -> pd.DataFrame:
    """One row per source, every value in the reader's style."""
    today = date.today()
    return pd.DataFrame(
        {
            t("quality.col.source"): [t(f"quality.source.{s}") for s in sources["source"]],
            t("quality.col.rows"): [workbench.number_or_empty(v) for v in sources["row_count"]],
            t("quality.col.covers"): [
                t("quality.covers", first=workbench.date_or_empty(a), last=workbench.date_or_empty(b))
                for a, b in zip(sources["first_date"], sources["last_date"], strict=True)
            ],
            t("quality.col.latest"): [workbench.date_or_empty(v) for v in sources["latest_date"]],
            t("quality.col.age"): [_age(v, today) for v in sources["latest_date"]],
            t("quality.col.status"): [_status(s, stale) for s in sources["source"]],
            t("quality.col.missing"): [workbench.months_list(m) for m in sources["missing_months"]],
            t("quality.col.loaded"): [workbench.date_or_empty(v) for v in sources["last_loaded_at"]],
            t("quality.col.load_age"): [_age(v, today) for v in sources["last_loaded_at"]],
            t("quality.col.rejected"): [workbench.number_or_empty(v) for v in sources["loads_rejected"]],
        }
    )


def _age(day: object, today: date) -> str:
    """Days from `day` to today, with the unit."""
    if workbench.missing(day):
        return workbench.EMPTY
    days = (today - pd.Timestamp(day).date()).days
    return t("quality.days", days=i18n.fmt_number(days))


def _status(source: str, stale: dict[str, queries.StaleSource]) -> str:
    if source in stale:
        return t("quality.stale", limit=i18n.fmt_number(stale[source].limit_days))
    return t("quality.fresh")


def show_sources(version: str) -> None:
    """Per source: rows, coverage, latest date and load with their age; stale ones in red."""
    st.subheader(t("quality.sources.header"))
    sources = queries.quality_sources(version)
    stale = workbench.stale_map(version, date.today())
    for source in stale.values():
        st.warning(
            t(
                "quality.stale.warning",
                source=t(f"quality.source.{source.source}"),
                date=i18n.fmt_date(source.latest_date),
                days=i18n.fmt_number(source.age_days),
                limit=i18n.fmt_number(source.limit_days),
            )
        )
    table = sources_table(sources, stale)
    flags = [s in stale for s in sources["source"]]
    styled = table.style.apply(lambda row: [STALE_STYLE if flags[row.name] else ""] * len(row), axis=1)
    st.dataframe(styled, hide_index=True, width="stretch")
    st.caption(t("quality.sources.caption"))


def gaps_table(gaps: pd.DataFrame) -> pd.DataFrame:
    """Series with gaps, for the reader."""
    return pd.DataFrame(
        {
            t("quality.col.metric"): gaps["label"],
            t("quality.col.site"): gaps["site"],
            t("quality.col.department"): gaps["department"].fillna(t("quality.whole_site")),
            t("quality.col.last_month"): [workbench.month_or_empty(m) for m in gaps["last_month"]],
            t("quality.col.silent"): [
                t("quality.months", months=i18n.fmt_number(m)) if m else workbench.EMPTY
                for m in gaps["months_silent"]
            ],
            t("quality.col.missing"): [workbench.months_list(m) for m in gaps["missing_months"]],
        }
    )


def show_gaps(version: str, language: str) -> None:
    """Usage series that stopped reporting or skipped months."""
    st.subheader(t("quality.gaps.header"))
    gaps = queries.quality_gaps(version, language)
    if gaps.empty:
        st.success(t("quality.gaps.none"))
        return
    stopped = int(gaps["stopped"].sum())
    st.caption(
        t("quality.gaps.caption", stopped=i18n.fmt_number(stopped), gaps=i18n.fmt_number(len(gaps) - stopped))
    )
    st.dataframe(gaps_table(gaps), hide_index=True, width="stretch")


def outliers_table(outliers: pd.DataFrame) -> pd.DataFrame:
    """Outlying monthly values, for the reader."""
    return pd.DataFrame(
        {
            t("quality.col.month"): [workbench.month_or_empty(m) for m in outliers["month"]],
            t("quality.col.metric"): outliers["label"],
            t("quality.col.site"): outliers["site"],
            t("quality.col.department"): outliers["department"].fillna(t("quality.whole_site")),
            t("quality.col.value"): [
                f"{workbench.number_or_empty(v)} {i18n.unit_name(u)}"
                for v, u in zip(outliers["value"], outliers["unit"], strict=True)
            ],
            t("quality.col.expected"): [workbench.number_or_empty(v) for v in outliers["expected"]],
            t("quality.col.z"): [i18n.fmt_number(z, 1, signed=True) for z in outliers["z"]],
        }
    )


def show_outliers(version: str, language: str) -> None:
    """Monthly values far from their series' history."""
    st.subheader(t("quality.outliers.header"))
    outliers = queries.quality_outliers(version, language)
    st.caption(t("quality.outliers.caption"))
    if outliers.empty:
        st.success(t("quality.outliers.none"))
        return
    st.dataframe(outliers_table(outliers), hide_index=True, width="stretch")


def show_rejected(version: str) -> None:
    """The latest rejected loads and why."""
    st.subheader(t("quality.rejected.header"))
    rejected = queries.rejected_loads(version)
    if rejected.empty:
        st.success(t("quality.rejected.none"))
        return
    table = pd.DataFrame(
        {
            t("quality.col.when"): [workbench.date_or_empty(v) for v in rejected["loaded_at"]],
            t("quality.col.file"): rejected["file_name"],
            t("quality.col.kind"): [
                t(f"quality.source.{k}") if isinstance(k, str) else workbench.EMPTY for k in rejected["kind"]
            ],
            t("quality.col.who"): rejected["loaded_by"],
            t("quality.col.message"): rejected["message"],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption(t("quality.rejected.caption"))


def check_description(result: queries.CheckResult) -> str:
    """What a check guarantees, in the reader's language (a new SQL check: as written)."""
    if result.rule != "sql":
        return t(f"check.{result.rule}", table=result.table, columns=", ".join(result.columns))
    key = f"check.{result.name}"
    return t(key) if key in i18n.TRANSLATIONS else result.description


def show_checks(version: str) -> None:
    """The warehouse checks run after every load and rebuild, as they stand."""
    st.subheader(t("quality.checks.header"))
    results = queries.check_results(version)
    failing = [r for r in results if r.failing_rows]
    if failing:
        st.warning(t("quality.checks.warnings", count=i18n.fmt_number(len(failing))))
    else:
        st.success(t("quality.checks.passed", count=i18n.fmt_number(len(results))))
    with st.expander(t("quality.checks.list", count=i18n.fmt_number(len(results))), expanded=bool(failing)):
        table = pd.DataFrame(
            {
                t("quality.col.check"): [r.name for r in results],
                t("quality.col.severity"): [t(f"quality.severity.{r.severity}") for r in results],
                t("quality.col.result"): [
                    t("quality.check.failing", rows=i18n.fmt_number(r.failing_rows), example=r.example)
                    if r.failing_rows
                    else t("quality.check.ok")
                    for r in results
                ],
                t("quality.col.description"): [check_description(r) for r in results],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch")


auth.require(auth.ANALYST)
version = db.warehouse_version()
language = i18n.current_language()
st.title(t("quality.title"))
st.caption(t("quality.intro"))
show_sources(version)
show_gaps(version, language)
show_outliers(version, language)
show_rejected(version)
show_checks(version)
