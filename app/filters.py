"""The sidebar filters every board page shares: period, region or site, programme, aim.

The widgets live in the entry point, so their state carries across pages; the choice is
mirrored in the URL (`?from=2025-11&to=2026-10&scope=site:Sion&programme=...&aim=...`),
so a shared link reopens the same view. Anything unreadable in a URL falls back to the
default: a link can never break a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import streamlit as st

from app import i18n, queries
from app.i18n import t
from etl.contracts import AIMS

ALL = "all"
DEFAULT_MONTHS = 12
_KEYS = {
    "period": "filter_period",
    "scope": "filter_scope",
    "programme": "filter_programme",
    "aim": "filter_aim",
}


@dataclass(frozen=True)
class Filters:
    """What the reader chose; pages pass these values to the queries as parameters."""

    start: date  # first day of the first month shown
    end: date  # first day of the last month shown
    region: str | None  # fr or de: a language region
    site: str | None
    programme: str | None
    aim: str | None

    @property
    def scope(self) -> str:
        """The scope as targets name it: a site, a region or `all`."""
        return self.site or self.region or ALL


def sidebar_filters(version: str) -> Filters:
    """Draw the filters in the sidebar, seeded from the URL, and write the choice back."""
    options = queries.filter_options(version)
    months = list(options.months) or [date.today().replace(day=1)]
    _seed_from_url(months, options)
    sidebar = st.sidebar
    # Labels are made now, in this run's language: Streamlit may call format_func later,
    # outside the session (AppTest does), where the language is unknown.
    month_labels = {month: i18n.fmt_month_short(month) for month in months}
    scopes = [ALL, *(f"region:{r}" for r in options.regions), *(f"site:{s}" for s in options.sites)]
    scope_labels = {scope: _scope_label(scope) for scope in scopes}
    programme_labels = {ALL: t("filters.all_programmes"), **{p: p for p in options.programmes}}
    aim_labels = {ALL: t("filters.all_aims"), **{a: t(f"aim.{a}") for a in AIMS}}
    period: Any = sidebar.select_slider(  # a range: the key holds a (start, end) pair
        t("filters.period"), options=months, key=_KEYS["period"], format_func=month_labels.__getitem__
    )
    start, end = period
    scope = sidebar.selectbox(
        t("filters.scope"), scopes, key=_KEYS["scope"], format_func=scope_labels.__getitem__
    )
    programme = sidebar.selectbox(
        t("filters.programme"),
        list(programme_labels),
        key=_KEYS["programme"],
        format_func=programme_labels.__getitem__,
    )
    aim = sidebar.selectbox(
        t("filters.aim"), list(aim_labels), key=_KEYS["aim"], format_func=aim_labels.__getitem__
    )
    chosen = _filters(start, end, scope, programme, aim)
    _write_to_url(chosen, scope)
    return chosen


def _filters(start: date, end: date, scope: str, programme: str, aim: str) -> Filters:
    kind, _, name = scope.partition(":")
    return Filters(
        start=start,
        end=end,
        region=name if kind == "region" else None,
        site=name if kind == "site" else None,
        programme=None if programme == ALL else programme,
        aim=None if aim == ALL else aim,
    )


def _scope_label(scope: str) -> str:
    kind, _, name = scope.partition(":")
    if kind == "region":
        return t(f"filters.region.{name}") if f"filters.region.{name}" in i18n.TRANSLATIONS else name
    return name if kind == "site" else t("filters.all_sites")


def _seed_from_url(months: list[date], options: queries.FilterOptions) -> None:
    """Give each widget a valid value: its own, else the URL's, else the default.

    A widget whose label changed language may come back without its value; the URL,
    written on every run, still holds it.
    """
    params, state = st.query_params, st.session_state
    period = state.get(_KEYS["period"])
    if not (isinstance(period, tuple) and len(period) == 2 and set(period) <= set(months)):
        default = (months[max(0, len(months) - DEFAULT_MONTHS)], months[-1])
        start = _month(params.get("from"), months) or default[0]
        end = _month(params.get("to"), months) or default[1]
        state[_KEYS["period"]] = (start, end) if start <= end else default
    known = {
        "scope": {ALL, *(f"region:{r}" for r in options.regions), *(f"site:{s}" for s in options.sites)},
        "programme": {ALL, *options.programmes},
        "aim": {ALL, *AIMS},
    }
    for name, allowed in known.items():
        if state.get(_KEYS[name]) not in allowed:
            wanted = params.get(name, ALL)
            state[_KEYS[name]] = wanted if wanted in allowed else ALL


def _month(text: str | None, months: list[date]) -> date | None:
    """`2025-11` as the first of that month, if it is one of the months on offer."""
    try:
        month = date.fromisoformat(f"{text}-01") if text else None
    except ValueError:
        return None
    return month if month in months else None


def _write_to_url(chosen: Filters, scope: str) -> None:
    wanted = {
        "from": chosen.start.strftime("%Y-%m"),
        "to": chosen.end.strftime("%Y-%m"),
        "scope": scope,
        "programme": chosen.programme or ALL,
        "aim": chosen.aim or ALL,
    }
    for name, value in wanted.items():
        if st.query_params.get(name) != value:
            st.query_params[name] = value


def current() -> Filters:
    """The filters chosen in this run (drawn by the entry point before the page runs)."""
    chosen = st.session_state.get("filters")
    if not isinstance(chosen, Filters):
        raise RuntimeError("the entry point draws the filters before running a page")
    return chosen
