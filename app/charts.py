"""Pure Plotly builders: a DataFrame and the words to show in, a figure out.

Every figure has a title and axis titles with units (given by the caller, already
translated), the fixed RAG colours for statuses, the Okabe-Ito colour-blind-safe
palette otherwise, and dashed goal lines for targets. Nothing here reads data or state.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
RAG_COLOURS = {"green": "#2E7D32", "amber": "#F2A900", "red": "#C62828"}
GOAL_COLOUR = "#555555"
MAX_MONTH_TICKS = 6  # enough to read a trend, few enough for a half-width chart


@dataclass(frozen=True)
class ChartText:
    """The words and number style of one chart, in the reader's language."""

    title: str
    x_title: str
    y_title: str
    separators: str  # Plotly's decimal mark then thousands mark, e.g. ",\u00a0" or ".’"
    format_month: Callable[[date], str]  # a month for ticks and hovers, e.g. "sept. 2025"


@dataclass(frozen=True)
class Goal:
    """A target drawn as a dashed line, with its text (value and due date) already written."""

    value: float
    text: str


def _layout(figure: go.Figure, text: ChartText) -> go.Figure:
    """Apply the house layout: title, axis titles, locale separators, legend on top."""
    figure.update_layout(
        title={"text": text.title, "x": 0, "xanchor": "left", "y": 0.97, "yanchor": "top"},
        xaxis_title=text.x_title,
        yaxis_title=text.y_title,
        separators=text.separators,
        colorway=list(PALETTE),
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "xanchor": "left"},
        margin={"l": 60, "r": 20, "t": 110, "b": 50},
        hovermode="x unified",
    )
    return figure


def _month_axis(figure: go.Figure, months: Sequence[pd.Timestamp], text: ChartText) -> None:
    """Label the month axis in the reader's language, with a few evenly spaced ticks."""
    unique = sorted(set(months))
    step = max(1, math.ceil(len(unique) / MAX_MONTH_TICKS))
    ticks = unique[::step]
    figure.update_xaxes(tickvals=ticks, ticktext=[text.format_month(m) for m in ticks], tickangle=0)


def _goal_line(
    figure: go.Figure, goal: Goal, colour: str = GOAL_COLOUR, left: bool = False
) -> None:
    """A dashed horizontal goal line with its text above one end."""
    figure.add_hline(
        y=goal.value,
        line={"dash": "dash", "color": colour, "width": 1.5},
        # Chart fonts draw the French narrow no-break space with no width: widen it.
        annotation={"text": goal.text.replace("\u202f", "\u00a0"), "font": {"color": colour}},
        annotation_position="top left" if left else "top right",
    )


def hours_freed_chart(
    monthly: pd.DataFrame, text: ChartText, series_label: str, goal: Goal | None = None
) -> go.Figure:
    """Bars of base hours freed per month with low-high error bars and the monthly goal.

    `monthly` has columns month, hours_low, hours_base, hours_high.
    """
    figure = go.Figure(
        go.Bar(
            x=monthly["month"],
            y=monthly["hours_base"],
            name=series_label,
            marker_color=PALETTE[0],
            customdata=[text.format_month(m) for m in monthly["month"]],
            error_y={
                "type": "data",
                "array": monthly["hours_high"] - monthly["hours_base"],
                "arrayminus": monthly["hours_base"] - monthly["hours_low"],
                "color": "#333333",
                "thickness": 1,
            },
            hovertemplate="%{customdata}: %{y:,.0f} h<extra></extra>",
        )
    )
    _layout(figure, text)
    _month_axis(figure, list(monthly["month"]), text)
    if goal is not None:
        _goal_line(figure, goal)
    figure.update_layout(showlegend=False, margin={"t": 70})  # one series: the axis names it
    figure.update_yaxes(rangemode="tozero", tickformat=",.0f", separatethousands=True)
    return figure


def share_trend_chart(
    trend: pd.DataFrame, text: ChartText, goals: Mapping[str, Goal] | None = None
) -> go.Figure:
    """Lines of digital share per month, one per process, with each process's goal line.

    `trend` has columns month, label, share (0-1); `goals` maps a process label to its goal
    (0-1), drawn in the process's colour.
    """
    figure = go.Figure()
    colours: dict[str, str] = {}
    for index, (label, rows) in enumerate(trend.groupby("label", sort=True)):
        colours[str(label)] = PALETTE[index % len(PALETTE)]
        figure.add_trace(
            go.Scatter(
                x=rows["month"],
                y=rows["share"],
                name=str(label),
                mode="lines+markers",
                line={"color": colours[str(label)], "width": 2},
                hovertemplate="%{y:.0%}",
            )
        )
    _layout(figure, text)
    _month_axis(figure, list(trend["month"]), text)
    shown_goals = [(label, goal) for label, goal in (goals or {}).items() if label in colours]
    for index, (label, goal) in enumerate(shown_goals):
        _goal_line(figure, goal, colours[label], left=index % 2 == 1)
    figure.update_yaxes(range=[0, 1.05], tickformat=".0%")
    return figure


def rag_chart(rag: pd.DataFrame, text: ChartText, status_labels: dict[str, str]) -> go.Figure:
    """Stacked bars of project counts by RAG status per report month, in the RAG colours.

    `rag` has columns report_month, green, amber, red; `status_labels` names each status.
    """
    figure = go.Figure()
    for status in ("green", "amber", "red"):
        figure.add_trace(
            go.Bar(
                x=rag["report_month"],
                y=rag[status],
                name=status_labels[status],
                marker_color=RAG_COLOURS[status],
                hovertemplate="%{y}",
            )
        )
    _layout(figure, text)
    _month_axis(figure, list(rag["report_month"]), text)
    figure.update_layout(barmode="stack")
    figure.update_yaxes(rangemode="tozero", tickformat=",d")
    return figure


def staffing_chart(
    monthly: pd.DataFrame, text: ChartText, planned_label: str, filled_label: str
) -> go.Figure:
    """Positions planned and filled at each month end, as two step lines.

    `monthly` has columns month, planned, filled.
    """
    figure = go.Figure()
    for column, label, colour, dash in (
        ("planned", planned_label, PALETTE[6], "dash"),
        ("filled", filled_label, PALETTE[0], "solid"),
    ):
        figure.add_trace(
            go.Scatter(
                x=monthly["month"],
                y=monthly[column],
                name=label,
                mode="lines",
                line={"shape": "hv", "color": colour, "dash": dash, "width": 2},
                hovertemplate="%{y}",
            )
        )
    _layout(figure, text)
    _month_axis(figure, list(monthly["month"]), text)
    figure.update_yaxes(rangemode="tozero", tickformat=",d")
    return figure


# --- Board views: Portfolio and Team (issue 3) ---------------------------------------------

_DAY_MS = 86_400_000  # a horizontal bar on a date axis is as long as its milliseconds
SLIPPAGE_COLOUR = RAG_COLOURS["red"]
_ROW_PX = 26  # height of one project or team row in horizontal charts


def _category_height(rows: int) -> int:
    """A chart tall enough to read one horizontal bar per row."""
    return max(320, _ROW_PX * rows + 170)


def _month_range(first: pd.Timestamp, last: pd.Timestamp) -> list[pd.Timestamp]:
    """The first days of every month from `first` to `last`, for month ticks on a date axis."""
    return list(pd.date_range(first.to_period("M").to_timestamp(), last, freq="MS"))


def timeline_chart(
    projects: pd.DataFrame,
    text: ChartText,
    labels: Mapping[str, str],
    as_of: date | None = None,
) -> go.Figure:
    """A Gantt chart: each project from start to planned end in its RAG colour, and its
    slippage (planned end to a later forecast end) hatched in red.

    `projects` has columns label, status, start_date, planned_end, forecast_end, hover (a
    line of text per project); `labels` names each status and "slippage" and "as_of";
    `as_of` draws a dotted line at the date of the report.
    """
    data = projects.assign(
        start=pd.to_datetime(projects["start_date"]).fillna(pd.to_datetime(projects["planned_end"])),
        planned=pd.to_datetime(projects["planned_end"]),
        forecast=pd.to_datetime(projects["forecast_end"]),
    )
    figure = go.Figure()
    for status in ("green", "amber", "red"):
        rows = data[data["status"] == status]
        figure.add_trace(
            _span_bars(rows, rows["start"], rows["planned"], labels[status], {"color": RAG_COLOURS[status]})
        )
    late = data[data["forecast"] > data["planned"]]
    figure.add_trace(
        _span_bars(
            late,
            late["planned"],
            late["forecast"],
            labels["slippage"],
            {
                "color": "rgba(198, 40, 40, 0.25)",
                "line": {"color": SLIPPAGE_COLOUR, "width": 1},
                "pattern": {"shape": "/", "fgcolor": SLIPPAGE_COLOUR},
            },
        )
    )
    _layout(figure, text)
    dates = pd.concat([data["start"], data["planned"], data["forecast"]]).dropna()
    if not dates.empty:
        _month_axis(figure, _month_range(dates.min(), dates.max()), text)
    if as_of is not None:
        _date_line(figure, as_of, labels["as_of"])
    figure.update_layout(barmode="overlay", hovermode="closest", height=_category_height(len(data)))
    figure.update_yaxes(
        autorange="reversed", categoryorder="array", categoryarray=list(data["label"]), type="category"
    )
    figure.update_xaxes(type="date")
    return figure


def _span_bars(
    rows: pd.DataFrame, starts: pd.Series, ends: pd.Series, name: str, marker: dict[str, object]
) -> go.Bar:
    """Horizontal bars from `starts` to `ends` on a date axis, one per row."""
    return go.Bar(
        y=rows["label"],
        base=[d.strftime("%Y-%m-%d") for d in starts],
        x=[(e - s).days * _DAY_MS for s, e in zip(starts, ends, strict=True)],
        orientation="h",
        name=name,
        marker=marker,
        customdata=rows["hover"],
        hovertemplate="%{customdata}<extra></extra>",
    )


def _date_line(figure: go.Figure, day: date, label: str) -> None:
    """A dotted vertical line at a date across the plot, labelled at its top."""
    x = day.strftime("%Y-%m-%d")
    figure.add_shape(
        type="line",
        x0=x,
        x1=x,
        y0=0,
        y1=1,
        yref="paper",
        line={"dash": "dot", "color": GOAL_COLOUR, "width": 1.5},
    )
    figure.add_annotation(
        x=x,
        y=1,
        yref="paper",
        text=label,
        showarrow=False,
        xanchor="left",
        yanchor="bottom",
        font={"color": GOAL_COLOUR},
    )


def budget_chart(budget: pd.DataFrame, text: ChartText, budget_label: str, spent_label: str) -> go.Figure:
    """Budget and spending per programme as paired horizontal bars, in millions of CHF.

    `budget` has columns programme, budget_chf, spent_chf (in CHF; the x title must say
    millions of CHF); the largest budget on top.
    """
    figure = go.Figure()
    for column, label, colour in (
        ("budget_chf", budget_label, PALETTE[6]),
        ("spent_chf", spent_label, PALETTE[0]),
    ):
        figure.add_trace(
            go.Bar(
                y=budget["programme"],
                x=budget[column] / 1e6,
                name=label,
                orientation="h",
                marker_color=colour,
                hovertemplate=f"{label}: %{{x:,.2f}}<extra>%{{y}}</extra>",
            )
        )
    _layout(figure, text)
    figure.update_layout(barmode="group", hovermode="closest", height=_category_height(2 * len(budget)))
    figure.update_yaxes(autorange="reversed", type="category")
    figure.update_xaxes(rangemode="tozero", tickformat=",.0f")
    return figure


def milestones_chart(
    monthly: pd.DataFrame, text: ChartText, planned_label: str, reached_label: str
) -> go.Figure:
    """Milestones due and reached per month, as paired bars.

    `monthly` has columns month, planned, reached.
    """
    figure = go.Figure()
    for column, label, colour in (
        ("planned", planned_label, PALETTE[6]),
        ("reached", reached_label, PALETTE[2]),
    ):
        figure.add_trace(
            go.Bar(
                x=monthly["month"],
                y=monthly[column],
                name=label,
                marker_color=colour,
                hovertemplate="%{y}",
            )
        )
    _layout(figure, text)
    _month_axis(figure, list(monthly["month"]), text)
    figure.update_layout(barmode="group")
    figure.update_yaxes(rangemode="tozero", tickformat=",d")
    return whole_counts(figure)


def time_to_fill_chart(roles: pd.DataFrame, text: ChartText, hover: str) -> go.Figure:
    """Median days to fill a position per role, as horizontal bars with the min-max range.

    `roles` has columns role, positions, median_days, min_days, max_days; `hover` is a
    Plotly hover template that may use %{y} (role), %{x} (median), %{customdata[0]} (min),
    %{customdata[1]} (max) and %{customdata[2]} (positions).
    """
    figure = go.Figure(
        go.Bar(
            y=roles["role"],
            x=roles["median_days"],
            orientation="h",
            marker_color=PALETTE[0],
            customdata=roles[["min_days", "max_days", "positions"]].to_numpy(),
            error_x={
                "type": "data",
                "array": roles["max_days"] - roles["median_days"],
                "arrayminus": roles["median_days"] - roles["min_days"],
                "color": "#333333",
                "thickness": 1,
            },
            hovertemplate=hover + "<extra></extra>",
        )
    )
    _layout(figure, text)
    figure.update_layout(
        showlegend=False, hovermode="closest", margin={"t": 70}, height=_category_height(len(roles))
    )
    figure.update_yaxes(autorange="reversed", type="category")
    figure.update_xaxes(rangemode="tozero", tickformat=",d")
    return figure


def fte_by_team_chart(
    teams: pd.DataFrame, text: ChartText, filled_label: str, vacant_label: str
) -> go.Figure:
    """FTE filled and still vacant per team, as stacked horizontal bars (planned = the sum).

    `teams` has columns team (already labelled), fte_planned, fte_filled; the largest on top.
    """
    figure = go.Figure()
    for values, label, colour in (
        (teams["fte_filled"], filled_label, PALETTE[0]),
        (teams["fte_planned"] - teams["fte_filled"], vacant_label, PALETTE[1]),
    ):
        figure.add_trace(
            go.Bar(
                y=teams["team"],
                x=values,
                name=label,
                orientation="h",
                marker_color=colour,
                hovertemplate=f"{label}: %{{x:,.1f}}<extra>%{{y}}</extra>",
            )
        )
    _layout(figure, text)
    figure.update_layout(
        barmode="stack",
        hovermode="closest",
        height=_category_height(len(teams)),
        legend={"traceorder": "normal"},
    )
    figure.update_yaxes(autorange="reversed", type="category")
    figure.update_xaxes(rangemode="tozero", tickformat=",.1~f")
    return figure


SMALL_COUNTS = ((5, 1), (10, 2))  # up to this top value, a count axis ticks every n


def whole_counts(figure: go.Figure) -> go.Figure:
    """Tick a count axis at whole numbers only: over a small range Plotly would tick at
    0.2 steps, printed 0, 0, 1, 1 with a whole-number format. Stacked bars count summed."""
    series = [pd.Series(list(trace.y), index=list(trace.x)) for trace in figure.data if trace.y is not None]
    if not series:
        return figure
    values = pd.concat(series)
    top = values.groupby(level=0).sum().max() if figure.layout.barmode == "stack" else values.max()
    step = next((step for limit, step in SMALL_COUNTS if top <= limit), None)
    if step is not None:
        figure.update_yaxes(tick0=0, dtick=step)
    return figure

# --- Board views: digital adoption, time for patients, maturity --------------------------

GO_LIVE_COLOUR = "#6B6B6B"
BAND_COLOUR = "rgba(0, 114, 178, 0.18)"  # PALETTE[0], light: the low-high range
TOTAL_COLOUR = "#000000"
# A sequential scale from near-white to the palette's blue: readable with the common
# colour-vision deficiencies, and dark text stays legible on its light end.
SHARE_SCALE = ((0.0, "#F1F6FB"), (0.5, "#7FB3D9"), (1.0, "#08519C"))
HEATMAP_ROW_PX = 26
WRAP_AT = 14  # characters per line of a process name over a heatmap column
LEGEND_ROW_PX = 21  # one legend entry per row: series names are long
LEGEND_MIN_ROWS = 4  # charts side by side keep the same height up to this many series
PLOT_PX = 360  # the plotting area of a line chart, under its title and legend


def _month_labels(months: Sequence[pd.Timestamp], text: ChartText) -> list[str]:
    """Each month as the reader writes it, for hover texts (Plotly's own are in English)."""
    return [text.format_month(m) for m in months]


def _wrapped(label: str, width: int = WRAP_AT) -> str:
    """A long label broken onto lines for a narrow column."""
    return "<br>".join(textwrap.wrap(label, width, break_long_words=False)) or label


def _room_for_legend(figure: go.Figure, per_row: int = 1) -> None:
    """Make the top margin tall enough for the legend under the title (`per_row` entries a
    row: one for long series names), so it never runs into the title."""
    entries = sum(1 for trace in figure.data if trace.showlegend is not False)
    top = 60 + LEGEND_ROW_PX * max(LEGEND_MIN_ROWS, math.ceil(entries / per_row))
    figure.update_layout(margin={"t": top}, height=PLOT_PX + top + 60)


def _series_style(index: int) -> dict[str, object]:
    """The colour of the index-th series; past the palette, the same colours dotted."""
    return {"color": PALETTE[index % len(PALETTE)], "dash": "solid" if index < len(PALETTE) else "dot"}


def _go_live_markers(
    figure: go.Figure, go_lives: Sequence[tuple[pd.Timestamp, str]], label: str, text: ChartText
) -> None:
    """Mark each month with go-lives by a dotted line and a ▲ on the time axis.

    `go_lives` holds (month, text) pairs, one per go-live; hovering the ▲ lists them.
    """
    by_month: dict[pd.Timestamp, list[str]] = {}
    for month, item in go_lives:
        by_month.setdefault(pd.Timestamp(month), []).append(item)
    months = sorted(by_month)
    dotted = [
        {
            "type": "line", "x0": month, "x1": month, "xref": "x", "y0": 0, "y1": 1, "yref": "paper",
            "line": {"color": GO_LIVE_COLOUR, "dash": "dot", "width": 1}, "layer": "below",
        }
        for month in months
    ]
    figure.update_layout(shapes=[*figure.layout.shapes, *dotted])  # at once: add_shape is slow
    if months:
        figure.add_trace(
            go.Scatter(
                x=months,
                y=[0] * len(months),
                name=label,
                mode="markers",
                marker={"symbol": "triangle-up", "size": 12, "color": GO_LIVE_COLOUR},
                customdata=[
                    [month_label, "<br>".join(by_month[month])]
                    for month_label, month in zip(_month_labels(months, text), months, strict=True)
                ],
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
                cliponaxis=False,
            )
        )


def process_share_chart(
    trend: pd.DataFrame,
    text: ChartText,
    goals: Mapping[str, Goal] | None = None,
    go_lives: Sequence[tuple[pd.Timestamp, str]] = (),
    go_live_label: str = "",
) -> go.Figure:
    """Lines of digital share per month, one per process, each with its goal line in its
    colour, and the go-lives marked ▲ on the time axis.

    `trend` has columns month, label, share (0-1); `goals` maps a label to its goal;
    `go_lives` holds (month, text) pairs, one per go-live.
    """
    figure = go.Figure()
    colours: dict[str, str] = {}
    for index, (label, rows) in enumerate(trend.groupby("label", sort=True)):
        style = _series_style(index)
        colours[str(label)] = str(style["color"])
        figure.add_trace(
            go.Scatter(
                x=rows["month"], y=rows["share"], name=str(label), mode="lines+markers",
                line={**style, "width": 2},
                customdata=_month_labels(list(rows["month"]), text),
                hovertemplate=f"{label}<br>%{{customdata}}: %{{y:.0%}}<extra></extra>",
            )
        )
    _layout(figure, text)
    figure.update_layout(hovermode="closest")
    _month_axis(figure, list(trend["month"]), text)
    shown = [(label, goal) for label, goal in (goals or {}).items() if label in colours]
    for index, (label, goal) in enumerate(shown):
        _goal_line(figure, goal, colours[label], left=index % 2 == 1)
    _go_live_markers(figure, go_lives, go_live_label, text)
    _room_for_legend(figure)
    figure.update_yaxes(range=[0, 1.05], tickformat=".0%")
    return figure


def share_heatmap(shares: pd.DataFrame, text: ChartText, colour_title: str) -> go.Figure:
    """A place-by-process heatmap of digital shares, the value written in each cell.

    `shares` has columns place, label (the process), share (0-1); a missing pair is an
    empty cell; `colour_title` names the colour scale, with its unit.
    """
    grid = shares.pivot_table(index="place", columns="label", values="share", aggfunc="first")
    grid = grid.sort_index().sort_index(axis=1)
    labels = [str(c) for c in grid.columns]
    wrapped = [_wrapped(label) for label in labels]
    figure = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=wrapped,
            y=[str(place) for place in grid.index],
            zmin=0, zmax=1, colorscale=[list(stop) for stop in SHARE_SCALE],
            texttemplate="%{z:.0%}", hoverongaps=False,
            customdata=[labels for _ in grid.index],
            hovertemplate="%{y}<br>%{customdata}: %{z:.0%}<extra></extra>",
            colorbar={"title": {"text": colour_title}, "tickformat": ".0%"},
        )
    )
    _layout(figure, text)
    label_lines = max((label.count("<br>") + 1 for label in wrapped), default=1)
    top = 90 + 15 * label_lines
    figure.update_layout(
        xaxis_title=text.x_title, yaxis_title=text.y_title, hovermode="closest",
        height=top + 60 + HEATMAP_ROW_PX * len(grid.index), margin={"t": top, "b": 20},
    )
    figure.update_xaxes(side="top", title_standoff=4, tickangle=0, tickfont={"size": 10})
    figure.update_yaxes(autorange="reversed")
    return figure


def usage_lines_chart(usage: pd.DataFrame, text: ChartText) -> go.Figure:
    """Lines of a count per month, one per series (a system's metric).

    `usage` has columns month, label, value.
    """
    figure = go.Figure()
    for index, (label, rows) in enumerate(usage.groupby("label", sort=True)):
        figure.add_trace(
            go.Scatter(
                x=rows["month"], y=rows["value"], name=str(label), mode="lines+markers",
                line={**_series_style(index), "width": 2},
                customdata=_month_labels(list(rows["month"]), text),
                hovertemplate=f"{label}<br>%{{customdata}}: %{{y:,.0f}}<extra></extra>",
            )
        )
    _layout(figure, text)
    figure.update_layout(hovermode="closest")
    _month_axis(figure, list(usage["month"]), text)
    _room_for_legend(figure)
    figure.update_yaxes(rangemode="tozero", tickformat=",.0f")
    return figure


def _hours_band(figure: go.Figure, totals: pd.DataFrame, columns: tuple[str, str, str],
                labels: tuple[str, str], text: ChartText) -> None:
    """The base line of `totals` with its low-high range shaded around it."""
    low, base, high = columns
    band_label, total_label = labels
    months = _month_labels(list(totals["month"]), text)
    figure.add_trace(go.Scatter(
        x=totals["month"], y=totals[high], mode="lines", line={"width": 0},
        showlegend=False, hoverinfo="skip",
    ))
    figure.add_trace(go.Scatter(
        x=totals["month"], y=totals[low], mode="lines", line={"width": 0}, fill="tonexty",
        fillcolor=BAND_COLOUR, name=band_label, hoverinfo="skip",
    ))
    figure.add_trace(go.Scatter(
        x=totals["month"], y=totals[base], name=total_label, mode="lines+markers",
        line={"color": TOTAL_COLOUR, "width": 2},
        customdata=list(zip(months, totals[low], totals[high], strict=True)),
        hovertemplate=(
            f"{total_label}<br>%{{customdata[0]}}: %{{y:,.0f}} h"
            " (%{customdata[1]:,.0f}–%{customdata[2]:,.0f} h)<extra></extra>"
        ),
    ))


def hours_breakdown_chart(
    by_group: pd.DataFrame,
    totals: pd.DataFrame,
    text: ChartText,
    group_labels: Mapping[str, str],
    total_label: str,
    goal: Goal | None = None,
) -> go.Figure:
    """Stacked bars of base hours freed per month and group, the total with its low-high
    range as error bars, and the monthly goal.

    `by_group` has columns month, group, hours_base; `totals` month, hours_low, hours_base,
    hours_high; `group_labels` names each group (else its own name shows).
    """
    figure = go.Figure()
    for index, (group, rows) in enumerate(by_group.groupby("group", sort=True)):
        name = group_labels.get(str(group), str(group))
        figure.add_trace(go.Bar(
            x=rows["month"], y=rows["hours_base"], name=name,
            marker_color=PALETTE[index % (len(PALETTE) - 1)],  # black is the total's
            customdata=_month_labels(list(rows["month"]), text),
            hovertemplate=f"{name}<br>%{{customdata}}: %{{y:,.0f}} h<extra></extra>",
        ))
    figure.add_trace(go.Scatter(
        x=totals["month"], y=totals["hours_base"], name=total_label, mode="markers",
        marker={"color": TOTAL_COLOUR, "size": 7, "symbol": "diamond"},
        error_y={
            "type": "data", "array": totals["hours_high"] - totals["hours_base"],
            "arrayminus": totals["hours_base"] - totals["hours_low"],
            "color": TOTAL_COLOUR, "thickness": 1.2, "width": 5,
        },
        customdata=list(zip(_month_labels(list(totals["month"]), text), totals["hours_low"],
                            totals["hours_high"], strict=True)),
        hovertemplate=(
            f"{total_label}<br>%{{customdata[0]}}: %{{y:,.0f}} h"
            " (%{customdata[1]:,.0f}–%{customdata[2]:,.0f} h)<extra></extra>"
        ),
    ))
    _layout(figure, text)
    figure.update_layout(barmode="stack", hovermode="closest")
    _month_axis(figure, list(totals["month"]), text)
    if goal is not None:
        _goal_line(figure, goal)
    _room_for_legend(figure)
    figure.update_yaxes(rangemode="tozero", tickformat=",.0f")
    return figure


def cumulative_hours_chart(
    totals: pd.DataFrame, text: ChartText, band_labels: tuple[str, str]
) -> go.Figure:
    """The hours freed cumulated month by month (base line, low-high band).

    `totals` has columns month, cumulative_low, cumulative_base, cumulative_high.
    """
    figure = go.Figure()
    columns = ("cumulative_low", "cumulative_base", "cumulative_high")
    _hours_band(figure, totals, columns, band_labels, text)
    _layout(figure, text)
    figure.update_layout(hovermode="closest", margin={"t": 90})
    _month_axis(figure, list(totals["month"]), text)
    figure.update_yaxes(rangemode="tozero", tickformat=",.0f")
    return figure


def maturity_chart(
    criteria: pd.DataFrame, text: ChartText, status_texts: tuple[str, str], threshold_label: str
) -> go.Figure:
    """Horizontal bars of each criterion's current share, green when met and red when not
    (with ✓/✗ written), and its threshold as a tick.

    `criteria` has columns label (unique), share (0-1, null: no data), threshold, met;
    `status_texts` is (met, not met).
    """
    shares = criteria["share"].fillna(0)
    texts = [
        f"{'✓' if met else '✗'} " + ("—" if pd.isna(share) else f"{share:.0%}")
        for share, met in zip(criteria["share"], criteria["met"], strict=True)
    ]
    figure = go.Figure(go.Bar(
        x=shares, y=criteria["label"], orientation="h", showlegend=False,
        marker_color=[RAG_COLOURS["green" if met else "red"] for met in criteria["met"]],
        # written at the bar's start, away from the threshold ticks; outside when too short
        text=texts, textposition=["inside" if s >= 0.2 else "outside" for s in shares],
        insidetextanchor="start", insidetextfont={"color": "#FFFFFF"}, cliponaxis=False,
        customdata=[status_texts[0] if met else status_texts[1] for met in criteria["met"]],
        hovertemplate="%{y}<br>%{x:.0%} · %{customdata}<extra></extra>",
    ))
    figure.add_trace(go.Scatter(
        x=criteria["threshold"], y=criteria["label"], mode="markers", name=threshold_label,
        marker={"symbol": "line-ns-open", "size": 22, "color": TOTAL_COLOUR,
                "line": {"width": 3, "color": TOTAL_COLOUR}},
        hovertemplate=f"%{{y}}<br>{threshold_label}: %{{x:.0%}}<extra></extra>",
    ))
    _layout(figure, text)
    figure.update_layout(
        hovermode="closest", height=max(300, 140 + 34 * len(criteria)),
        margin={"l": 20, "r": 60, "t": 90, "b": 50},
    )
    figure.update_xaxes(range=[0, 1.12], tickformat=".0%")
    figure.update_yaxes(autorange="reversed", automargin=True)
    return figure


# --- Analysts' workbench: the effect of an edit, and sensitivity (issue 5) -----------------

BEFORE_COLOUR = "#888888"


def before_after_chart(
    monthly: pd.DataFrame, text: ChartText, before_label: str, after_label: str
) -> go.Figure:
    """Base hours freed per month before (dashed grey) and after an edit (blue), with the
    edited low-high range shaded.

    `monthly` has columns month, before_base, after_low, after_base, after_high.
    """
    figure = go.Figure()
    months = [text.format_month(m) for m in monthly["month"]]
    figure.add_trace(go.Scatter(
        x=monthly["month"], y=monthly["after_high"], mode="lines", line={"width": 0},
        showlegend=False, hoverinfo="skip",
    ))
    figure.add_trace(go.Scatter(
        x=monthly["month"], y=monthly["after_low"], mode="lines", line={"width": 0},
        fill="tonexty", fillcolor="rgba(0, 114, 178, 0.15)", showlegend=False, hoverinfo="skip",
    ))
    for column, label, colour, dash in (
        ("before_base", before_label, BEFORE_COLOUR, "dash"),
        ("after_base", after_label, PALETTE[0], "solid"),
    ):
        figure.add_trace(go.Scatter(
            x=monthly["month"], y=monthly[column], name=label, mode="lines",
            line={"color": colour, "dash": dash, "width": 2}, customdata=months,
            hovertemplate=f"{label}<br>%{{customdata}}: %{{y:,.0f}} h<extra></extra>",
        ))
    _layout(figure, text)
    figure.update_layout(hovermode="closest", margin={"t": 90})
    _month_axis(figure, list(monthly["month"]), text)
    figure.update_yaxes(rangemode="tozero", tickformat=",.0f")
    return figure


def tornado_chart(
    swings: pd.DataFrame, base_total: float, text: ChartText, low_label: str, high_label: str
) -> go.Figure:
    """How far each coefficient alone moves the total hours freed: one bar per metric from
    the total with its low coefficient to the total with its high one, around the base
    total (a vertical line); the widest swing on top.

    `swings` has columns label, low_total, high_total (hours with that coefficient at low,
    resp. high, every other at base).
    """
    ordered = swings.assign(swing=swings["high_total"] - swings["low_total"]).sort_values("swing")
    figure = go.Figure()
    for column, label, colour in (
        ("low_total", low_label, PALETTE[5]),
        ("high_total", high_label, PALETTE[2]),
    ):
        figure.add_trace(go.Bar(
            y=ordered["label"], x=ordered[column] - base_total, base=base_total, orientation="h",
            name=label, marker_color=colour, customdata=ordered[column],
            hovertemplate=f"%{{y}}<br>{label}: %{{customdata:,.0f}} h<extra></extra>",
        ))
    figure.add_vline(x=base_total, line={"color": TOTAL_COLOUR, "width": 1.5})
    _layout(figure, text)
    figure.update_layout(
        barmode="overlay", hovermode="closest", height=_category_height(len(ordered)),
        margin={"l": 20, "r": 30, "t": 90, "b": 60},
    )
    figure.update_xaxes(tickformat=",.0f")
    figure.update_yaxes(automargin=True)
    return figure
