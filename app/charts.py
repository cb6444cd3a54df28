"""Pure Plotly builders: a DataFrame and the words to show in, a figure out.

Every figure has a title and axis titles with units (given by the caller, already
translated), the fixed RAG colours for statuses, the Okabe-Ito colour-blind-safe
palette otherwise, and dashed goal lines for targets. Nothing here reads data or state.
"""

from __future__ import annotations

import math
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
