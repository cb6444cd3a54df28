"""Settings: the values that drive figures (data/settings.toml) — annual hours per FTE, the
programme's start, the stale-data threshold per source — shown, edited, previewed, saved
and logged, with revert."""

from __future__ import annotations

from datetime import date

import streamlit as st

from app import auth, db, i18n, queries, workbench
from app.i18n import t
from etl import reference, settings_file

DATE_FORMATS = {"fr": "DD.MM.YYYY", "de": "DD.MM.YYYY", "en": "DD/MM/YYYY"}


def number_input(key: str, current: str, token: str, step: float) -> str:
    """One numeric setting's input; its value as the settings file writes it."""
    start = reference.as_number(current) or 0.0
    value = st.number_input(
        t(f"settings.label.{key}"),
        value=start,
        step=step,
        format="%.0f",
        help=t(f"settings.help.{key}"),
        key=f"setting_{key}_{token}",
    )
    return repr(float(value)) if key == settings_file.HOURS_KEY else str(int(value))


def inputs(current: dict[str, str], token: str) -> dict[str, str]:
    """Draw the settings' inputs, seeded with the file's values; return what they hold."""
    values = {
        settings_file.HOURS_KEY: number_input(
            settings_file.HOURS_KEY, current[settings_file.HOURS_KEY], token, 10.0
        )
    }
    start = st.date_input(
        t(f"settings.label.{settings_file.START_KEY}"),
        value=reference.as_date(current[settings_file.START_KEY]) or date.today(),
        min_value=settings_file.EARLIEST_START,
        max_value=date.today(),
        format=DATE_FORMATS[i18n.current_language()],
        help=t(f"settings.help.{settings_file.START_KEY}"),
        key=f"setting_{settings_file.START_KEY}_{token}",
    )
    values[settings_file.START_KEY] = start.isoformat() if isinstance(start, date) else ""
    st.markdown(f"**{t('settings.stale.header')}**")
    for column, source in zip(st.columns(len(settings_file.SOURCES)), settings_file.SOURCES, strict=True):
        key = settings_file.STALE_PREFIX + source
        with column:
            values[key] = number_input(key, current[key], token, 1.0)
    return values


def show_preview(version: str, current: dict[str, str], values: dict[str, str]) -> None:
    """What the new values change: FTE freed in the latest month, hours since the start."""
    st.subheader(t("settings.preview.header"))
    hours = queries.hours_freed(version)
    old, new = (reference.as_number(v[settings_file.HOURS_KEY]) for v in (current, values))
    if hours is not None and old and new:
        base = hours.month_hours.base
        st.markdown(
            t(
                "settings.preview.fte",
                month=i18n.fmt_month(hours.month),
                hours=i18n.fmt_hours(base),
                before=i18n.fmt_fte(base / (old / 12)),
                after=i18n.fmt_fte(base / (new / 12)),
            )
        )
    starts = [reference.as_date(v[settings_file.START_KEY]) for v in (current, values)]
    since = [queries.hours_since(version, s) if s else None for s in starts]
    if since[0] and since[1]:
        st.markdown(
            t(
                "settings.preview.since",
                before=i18n.fmt_hours(since[0].hours.base),
                after=i18n.fmt_hours(since[1].hours.base),
                start=i18n.fmt_month(since[1].start),
            )
        )


auth.require(auth.ANALYST)
version = db.warehouse_version()
st.title(t("settings.title"))
st.caption(t("settings.intro"))
workbench.show_flash()
current, token = reference.settings_values(), reference.settings_token()
values = inputs(current, token)
changes = reference.settings_changes(values)
if workbench.review(changes, reference.validate_settings(values), "settings.no_changes"):
    show_preview(version, current, values)
    if st.button(t("workbench.save"), type="primary", key="settings_save"):
        workbench.save(lambda: reference.save_settings(values, auth.current_user(), token))
workbench.show_change_log(reference.SETTINGS)
