"""Digital adoption: the digital share of each process over time, by site and department,
with the go-lives that drive it, and the users and volumes of each system."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from app import auth, charts, db, exports, filters, i18n, queries
from app.i18n import t
from etl.contracts import AIMS


def chart_text(title: str, x_key: str, y_key: str) -> charts.ChartText:
    """A chart's words and number style in the current language."""
    return charts.ChartText(
        title=title,
        x_title=t(x_key),
        y_title=t(y_key),
        separators=i18n.plotly_separators(),
        format_month=i18n.fmt_month_short,
    )


def goals_of(targets: pd.DataFrame) -> dict[str, charts.Goal]:
    """Each process's target as a goal line, its value and due month written out."""
    return {
        row.label: charts.Goal(
            row.target,
            t("chart.goal", value=i18n.fmt_percent(row.target), due=i18n.fmt_month_short(row.due_date)),
        )
        for row in targets.itertuples()
    }


def go_live_marks(go_lives: pd.DataFrame) -> list[tuple[pd.Timestamp, str]]:
    """The go-lives as the chart marks them: (month, `date — milestone (project)`)."""
    return [(row.month, go_live_text(row)) for row in go_lives.itertuples()]


def go_live_text(row: Any) -> str:
    """One go-live in words: its date, milestone and project."""
    return t(
        "adoption.go_lives.item",
        date=i18n.fmt_date(row.go_live_date),
        milestone=row.milestone,
        project=row.project_name or "—",
    )


def show_trend(
    version: str, language: str, scope: queries.Scope, aims: list[str], programme: str | None
) -> None:
    """One chart per aim: its processes' digital share per month, targets and go-lives (of
    the programme's projects, when one is chosen)."""
    st.subheader(t("adoption.trend.header"))
    columns = st.columns(2 if len(aims) > 1 else 1, gap="large")
    for index, aim in enumerate(aims):
        aim_scope = replace(scope, aim=aim)
        go_lives = queries.go_lives(version, aim_scope, programme)
        figure = charts.process_share_chart(
            queries.adoption_trend(version, language, aim_scope),
            chart_text(t("chart.adoption.title", aim=t(f"aim.{aim}")), "chart.month", "chart.share.y"),
            goals_of(queries.adoption_targets(version, language, aim_scope)),
            go_live_marks(go_lives),
            t("chart.adoption.go_lives"),
        )
        exports.chart_with_download(
            figure, key=f"adoption-share-{aim}", container=columns[index % len(columns)]
        )
    list_go_lives(queries.go_lives(version, scope, programme))


def list_go_lives(go_lives: pd.DataFrame) -> None:
    """The go-lives of the period, in words, folded away under the charts."""
    if go_lives.empty:
        return
    with st.expander(t("adoption.go_lives.expander", count=i18n.fmt_number(len(go_lives)))):
        st.markdown("\n".join(f"- {go_live_text(row)}" for row in go_lives.itertuples()))


def show_heatmap(shares: pd.DataFrame, title_key: str, y_key: str) -> None:
    """A place-by-process heatmap of digital shares, unless there is nothing to map."""
    if not shares.empty:
        text = chart_text(t(title_key), "chart.heatmap.x", y_key)
        exports.chart_with_download(
            charts.share_heatmap(shares, text, t("chart.share.y")), key=f"adoption-heatmap-{title_key}"
        )


def show_places(version: str, language: str, scope: queries.Scope, month: pd.Timestamp) -> None:
    """Heatmaps of the digital share by site and by department, in the last month the scope
    has data for."""
    st.subheader(t("adoption.places.header"))
    st.caption(t("adoption.places.caption", month=i18n.fmt_month(month)))
    scope = replace(scope, end=month.date())
    if scope.site is None:
        by_site = queries.adoption_by_site(version, language, scope)
        show_heatmap(by_site, "chart.heatmap.site.title", "chart.heatmap.site.y")
    by_department = queries.adoption_by_department(version, language, scope, t("adoption.whole_site"))
    show_heatmap(by_department, "chart.heatmap.department.title", "chart.heatmap.department.y")


def show_usage(version: str, language: str, scope: queries.Scope) -> None:
    """Active users (and other people counts) and digital volumes per system, per month."""
    st.subheader(t("adoption.usage.header"))
    st.caption(t("adoption.usage.caption"))
    left, right = st.columns(2, gap="large")
    for column, levels, title, y_key in (
        (left, True, "chart.users.title", "chart.users.y"),
        (right, False, "chart.volumes.title", "chart.volumes.y"),
    ):
        usage = queries.system_usage(version, language, scope, levels)
        if not usage.empty:
            text = chart_text(t(title), "chart.month", y_key)
            exports.chart_with_download(
                charts.usage_lines_chart(usage, text), key=f"adoption-usage-{title}", container=column
            )


def main() -> None:
    """Title, scope, then the share per process, per place, and the systems' usage."""
    version, language, chosen = db.warehouse_version(), i18n.current_language(), filters.current()
    scope = queries.Scope(chosen.start, chosen.end, chosen.region, chosen.site, chosen.aim)
    st.title(t("adoption.title"))
    st.caption(t("adoption.subtitle"))
    trend = queries.adoption_trend(version, language, scope)
    if trend.empty:
        st.info(t("filters.empty"))
        return
    first, last = trend["month"].min(), trend["month"].max()
    place = i18n.scope_name(chosen.region, chosen.site)
    st.caption(t("scope.caption", scope=place, start=i18n.fmt_month(first), end=i18n.fmt_month(last)))
    aims = [aim for aim in AIMS if aim in set(trend["aim"])]
    show_trend(version, language, scope, aims, chosen.programme)
    show_places(version, language, scope, last)
    show_usage(version, language, scope)


auth.require()
main()
