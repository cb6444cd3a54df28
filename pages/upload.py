"""Upload: a project lead drops the export their tool produced and knows at once whether it
can go in — its kind, the problems to fix line by line, or what loading it would change —
before anything is written. Confirm loads it through the ETL, like `python -m etl load`."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from app import auth, db, i18n
from app.i18n import t, translate
from etl import mappings
from etl.contracts import KINDS
from etl.load import LoadResult
from etl.mappings import MappingError, SavedMapping
from etl.messages import Problem, render
from etl.preview import Preview, load_upload, preview_upload, problem_groups, rejected_csv

MB = 1024 * 1024
AUTO = "auto"
NOT_IN_FILE = ""
HISTORY_PAGE = "pages/history.py"
logger = logging.getLogger(__name__)


def upload_limit_mb() -> int:
    """The largest upload the server accepts, in MB (server.maxUploadSize)."""
    return int(st.get_option("server.maxUploadSize"))


def kind_label(kind: str | None, lang: str | None = None) -> str:
    """A kind's name; widgets pass the run's language, as their labels may be drawn after it."""
    lang = lang or i18n.current_language()
    return translate(lang, f"upload.kind.{kind}") if kind in KINDS else translate(lang, "upload.kind.unknown")


def field_label(column: str) -> str:
    return t(f"upload.field.{column}") if f"upload.field.{column}" in i18n.TRANSLATIONS else column


@contextmanager
def progress_bar(text_key: str, name: str) -> Iterator[Callable[[float, str], None]]:
    """A progress bar while a long step runs (the callback the ETL reports to), then gone."""
    bar = st.progress(0.0, text=t(text_key, file=name, percent=i18n.fmt_percent(0)))

    def report(fraction: float, _step: str) -> None:
        done = min(max(fraction, 0.0), 1.0)
        bar.progress(done, text=t(text_key, file=name, percent=i18n.fmt_percent(done)))

    try:
        yield report
    finally:
        bar.empty()


def session_key(part: str, file_key: str) -> str:
    return f"upload_{part}_{file_key}"


# --- Checking a file -------------------------------------------------------------------------


def current_preview(name: str, data: bytes | memoryview, file_key: str, kind: str | None) -> Preview:
    """The file's preview, computed again only when the kind, a mapping or the data changed."""
    version = db.warehouse_version() if db.warehouse_exists() else ""
    token = (kind, mappings.version(), version)
    cached = st.session_state.get(session_key("preview", file_key))
    if cached and cached[0] == token:
        return cached[1]
    with progress_bar("upload.checking", name) as report:
        preview = preview_upload(name, data, kind, progress=report)
    st.session_state[session_key("preview", file_key)] = (token, preview)
    return preview


def show_kind(preview: Preview, file_key: str) -> None:
    """The kind recognised, with the option to read the file as another kind."""
    detected = preview.result.kind
    lang = i18n.current_language()
    auto = translate(lang, "upload.kind.auto", kind=kind_label(detected, lang))
    st.selectbox(
        t("upload.kind.choose"),
        [AUTO, *KINDS],
        key=session_key("kind", file_key),
        format_func=lambda k: auto if k == AUTO else kind_label(k, lang),
        help=t("upload.kind.help"),
    )


def _closest_kind(preview: Preview) -> str | None:
    """For a file whose headers match no kind: the closest one, as the check named it."""
    params = next((p.params for p in preview.result.problems if "kind" in p.params), {})
    return params.get("kind") or (mappings.guess_kind(preview.headers) if preview.headers else None)


def show_mapping_used(mapping: SavedMapping, file_key: str) -> None:
    """Which saved mapping read the file, and the values it gives every row."""
    used = t("upload.mapping.used", name=mapping.name)
    constants = [
        "- "
        + t("upload.mapping.constant_item", field=field_label(column), value=constant_text(column, value))
        for column, value in mapping.constants.items()
    ]
    if constants:
        st.warning(
            f"{used}\n\n{t('upload.mapping.constants')}\n\n" + "\n".join(constants), icon=":material/rule:"
        )
    else:
        st.info(used, icon=":material/rule:")
    if st.button(t("upload.mapping.edit"), key=session_key("edit_button", file_key)):
        st.session_state[session_key("editing", file_key)] = True


def constant_text(column: str, value: str) -> str:
    """A constant as the lead reads it: a traffic light in words, the load's date said as such."""
    if column == "status" and f"status.{value}" in i18n.TRANSLATIONS:
        return t(f"status.{value}")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return value
    return (
        t("upload.mapping.today", date=i18n.fmt_date(day)) if day == dt.date.today() else i18n.fmt_date(day)
    )


# --- The mapping step -------------------------------------------------------------------------


def mapping_editor(preview: Preview, file_key: str) -> None:
    """Let the lead say which column holds what, with guesses, and save that as a mapping."""
    headers, base = preview.headers, preview.mapping
    st.subheader(t("upload.mapping.header"))
    st.caption(t("upload.mapping.intro"))
    kinds = list(KINDS)
    start = base.kind if base else (preview.result.kind or _closest_kind(preview) or kinds[0])
    kind_name = st.selectbox(
        t("upload.mapping.kind"),
        kinds,
        index=kinds.index(start),
        format_func=partial(kind_label, lang=i18n.current_language()),
        key=session_key("map_kind", file_key),
    )
    kind = KINDS[kind_name]
    same = base is not None and base.kind == kind_name
    guesses = dict(base.columns) if base and same else mappings.guess_columns(kind, headers)
    constants = dict(base.constants) if base and same else {}
    error = st.session_state.pop(session_key("map_error", file_key), None)
    with st.form(session_key("map_form", file_key)):
        for column in kind.columns:
            if column.required:
                column_choice(kind_name, column.name, True, headers, guesses, constants, file_key)
        with st.expander(t("upload.mapping.optional")):
            for column in kind.columns:
                if not column.required:
                    column_choice(kind_name, column.name, False, headers, guesses, constants, file_key)
        default_name = t("upload.mapping.default_name", file=preview.result.file, kind=kind_label(kind_name))
        st.text_input(
            t("upload.mapping.name"),
            value=base.name if base and not base.preset else default_name,
            key=session_key("map_name", file_key),
        )
        if error:
            st.error(error)
        st.form_submit_button(
            t("upload.mapping.save"), type="primary", on_click=save_mapping, args=(preview, file_key)
        )
    if not preview.needs_mapping:  # changing a mapping that works: the lead may keep it after all
        st.button(
            t("upload.mapping.cancel"),
            key=session_key("map_cancel", file_key),
            on_click=stop_editing,
            args=(file_key,),
        )


def stop_editing(file_key: str) -> None:
    st.session_state[session_key("editing", file_key)] = False


def column_choice(
    kind: str,
    column: str,
    required: bool,
    headers: list[str],
    guesses: dict[str, str],
    constants: dict[str, str],
    file_key: str,
) -> None:
    """One contract column: the file column that feeds it and, if required, a constant."""
    label = t("upload.mapping.required", label=field_label(column)) if required else field_label(column)
    options = [NOT_IN_FILE, *headers]
    none = t("upload.mapping.none")
    guess = guesses.get(column, NOT_IN_FILE)
    left, right = st.columns([3, 2])
    left.selectbox(
        label,
        options,
        index=options.index(guess) if guess in options else 0,
        key=session_key(f"map_{kind}_{column}", file_key),
        format_func=lambda h: none if h == NOT_IN_FILE else h,
    )
    if required:
        right.text_input(
            t("upload.mapping.constant"),
            value=constants.get(column, ""),
            key=session_key(f"const_{kind}_{column}", file_key),
        )


def save_mapping(preview: Preview, file_key: str) -> None:
    """On submit: save the lead's mapping (every required column given), then the page
    checks the file again with it."""
    state = st.session_state
    kind = KINDS[state[session_key("map_kind", file_key)]]
    columns, constants = {}, {}
    for column in kind.columns:
        header = state.get(session_key(f"map_{kind.name}_{column.name}", file_key), NOT_IN_FILE)
        constant = str(state.get(session_key(f"const_{kind.name}_{column.name}", file_key), "")).strip()
        if header:
            columns[column.name] = header
        elif constant:
            constants[column.name] = constant
    missing = [field_label(c) for c in kind.required if c not in columns and c not in constants]
    if missing:
        state[session_key("map_error", file_key)] = t("upload.mapping.incomplete", fields=", ".join(missing))
        return
    name = str(state.get(session_key("map_name", file_key), ""))
    try:
        draft = mappings.new_mapping(name, kind.name, preview.headers, columns, constants, preview.mapping)
        mapping = mappings.save(draft)
    except MappingError as error:
        state[session_key("map_error", file_key)] = t("upload.mapping.invalid", detail=str(error))
        return
    state[session_key("editing", file_key)] = False
    state[session_key("kind", file_key)] = AUTO
    state[session_key("flash", file_key)] = t("upload.mapping.saved", name=mapping.name)


# --- The outcome: problems, or what loading would change ----------------------------------------


def show_problems(preview: Preview, lang: str) -> None:
    """The problems of a file, grouped by kind of problem, and the rejected lines to download."""
    result = preview.result
    whole = [p for p in result.problems if p.whole_file]
    cells = [p for p in result.problems if not p.whole_file]
    if whole and not cells:
        for problem in whole:
            (st.warning if preview.needs_mapping else st.error)(problem.render(lang), icon=":material/error:")
        return
    st.error(t("upload.rejected", file=result.file, count=i18n.fmt_number(result.total_problems)))
    for code, problems in problem_groups(cells).items():
        title = (
            t(f"upload.group.{code}")
            if f"upload.group.{code}" in i18n.TRANSLATIONS
            else t("upload.group.other")
        )
        with st.expander(t("upload.group.count", title=title, count=len(problems)), expanded=True):
            st.dataframe(problem_table(problems, lang), hide_index=True, width="stretch")
    if result.total_problems > len(result.problems):
        more = result.total_problems - len(result.problems)
        st.caption(render("more_errors", lang, count=more, total=result.total_problems))
    if preview.rejected:
        st.download_button(
            t("upload.download"),
            data=rejected_csv(preview, lang),
            help=t("upload.download.help"),
            file_name=f"{mappings.slug(result.file)}-rejected.csv",
            mime="text/csv",
            icon=":material/download:",
        )


def problem_table(problems: list[Problem], lang: str) -> pd.DataFrame:
    """Line, column, found, expected: one row per problem."""
    return pd.DataFrame(
        {
            t("upload.col.line"): [p.line for p in problems],
            t("upload.col.column"): [p.column or "" for p in problems],
            t("upload.col.found"): [p.found or "" for p in problems],
            t("upload.col.expected"): [p.expected(lang) for p in problems],
        }
    )


def show_preview(preview: Preview, lang: str) -> None:
    """What loading the file would change: counts, changed values, first new rows."""
    result = preview.result
    kind = KINDS[result.kind or "projects"]
    st.success(
        t("upload.ready", file=result.file, rows=i18n.fmt_number(preview.rows), kind=kind_label(kind.name))
    )
    key_help = t("upload.preview.help", columns=", ".join(field_label(k) for k in kind.key))
    figures = (("added", preview.added), ("replaced", preview.replaced), ("unchanged", preview.unchanged))
    for column, (name, count) in zip(st.columns(3), figures, strict=True):
        column.metric(t(f"upload.preview.{name}"), i18n.fmt_number(count), help=key_help, border=True)
    for warning in result.warnings:  # columns left aside are normal in a tool's export
        show = st.info if warning.code == "ignored_columns" else st.warning
        show(warning.render(lang), icon=":material/info:")
    if preview.changes:
        st.markdown(f"**{t('upload.changes.title')}**")
        st.dataframe(changes_table(preview), hide_index=True, width="stretch")
        if preview.replaced > len({c.line for c in preview.changes}):
            st.caption(
                t("upload.changes.more", count=i18n.fmt_number(len({c.line for c in preview.changes})))
            )
    if preview.sample:
        with st.expander(t("upload.sample.title")):
            st.dataframe(sample_table(preview.sample), hide_index=True, width="stretch")


def changes_table(preview: Preview) -> pd.DataFrame:
    """Line, key, column, before, after: one row per changed value."""
    return pd.DataFrame(
        {
            t("upload.col.line"): [c.line for c in preview.changes],
            t("upload.col.key"): [" / ".join(cell_text(v) for v in c.key) for c in preview.changes],
            t("upload.col.column"): [field_label(c.column) for c in preview.changes],
            t("upload.col.before"): [cell_text(c.before) for c in preview.changes],
            t("upload.col.after"): [cell_text(c.after) for c in preview.changes],
        }
    )


def sample_table(sample: list[dict[str, Any]]) -> pd.DataFrame:
    """The first new rows, their values written the reader's way, columns named in their language."""
    frame = pd.DataFrame([{field_label(k): cell_text(v) for k, v in row.items()} for row in sample])
    return frame.dropna(axis="columns", how="all")


def cell_text(value: Any) -> str:
    """A stored value as the reader writes it: dates and numbers in the locale, a dash for none."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "—"
    if isinstance(value, dt.date):
        return i18n.fmt_date(value)
    if isinstance(value, float):
        return i18n.fmt_number(value, 0 if value.is_integer() else 2)
    return str(value)


# --- Loading ----------------------------------------------------------------------------------


def confirm_button(name: str, file_key: str) -> None:
    """The confirm button; its click is acted on at the top of the next run (load_confirmed)."""
    st.caption(t("upload.confirm.note"))
    st.button(t("upload.confirm", file=name), type="primary", key=session_key("confirm", file_key))


def load_confirmed(name: str, data: bytes | memoryview, file_key: str) -> None:
    """Load the file as previewed (its kind and mapping) the ordinary way, with progress."""
    cached = st.session_state.get(session_key("preview", file_key))
    if not cached or not cached[1].ready:
        return
    preview: Preview = cached[1]
    try:
        with progress_bar("upload.loading", name) as report:
            result = load_upload(
                name,
                data,
                auth.current_user(),
                kind=preview.result.kind,
                saved=preview.mapping,
                progress=report,
            )
    except Exception:  # the warehouse is unchanged whatever failed; say so, log the detail
        logger.exception("The upload of %s could not be loaded", name)
        st.error(t("upload.failed"))
        return
    st.session_state[session_key("done", file_key)] = result


def show_loaded(result: LoadResult, lang: str) -> None:
    """After confirm: the outcome in plain words, and the way to the history."""
    if result.status != "loaded":
        st.error("\n\n".join(result.report(lang)))
        return
    st.success(
        t(
            "upload.loaded",
            file=result.file,
            rows=i18n.fmt_number(result.rows),
            kind=kind_label(result.kind),
            replaced=i18n.fmt_number(result.replaced),
            load_id=result.load_id,
        ),
        icon=":material/check_circle:",
    )
    st.page_link(HISTORY_PAGE, label=t("upload.to_history"), icon=":material/history:")


def show_duplicate(preview: Preview) -> None:
    when = preview.duplicate_loaded_at
    st.info(
        t(
            "upload.duplicate",
            file=preview.result.file,
            load_id=preview.result.duplicate_of,
            date=i18n.fmt_date(when) if when else "—",
        ),
        icon=":material/content_copy:",
    )


# --- The page -----------------------------------------------------------------------------------


def handle_file(name: str, data: bytes | memoryview, file_key: str) -> None:
    """The whole flow for one uploaded file: check, map, preview, confirm."""
    st.subheader(name)
    lang = i18n.current_language()
    limit = upload_limit_mb()
    if len(data) > limit * MB:
        size = i18n.fmt_number(len(data) / MB, 1)
        st.error(t("upload.too_big", file=name, size=size, limit=i18n.fmt_number(limit)))
        return
    if st.session_state.get(session_key("confirm", file_key)):  # clicked in the last run
        load_confirmed(name, data, file_key)
    done = st.session_state.get(session_key("done", file_key))
    if isinstance(done, LoadResult):
        show_loaded(done, lang)
        return
    flash = st.session_state.pop(session_key("flash", file_key), None)
    if flash:
        st.success(flash, icon=":material/save:")
    chosen = st.session_state.get(session_key("kind", file_key), AUTO)
    preview = current_preview(name, data, file_key, None if chosen == AUTO else chosen)
    if preview.result.status == "duplicate":
        show_duplicate(preview)
        return
    show_kind(preview, file_key)
    if preview.ready:
        show_preview(preview, lang)
    else:
        show_problems(preview, lang)
    if preview.mapping is not None:
        show_mapping_used(preview.mapping, file_key)
    if preview.needs_mapping or st.session_state.get(session_key("editing", file_key)):
        mapping_editor(preview, file_key)
    elif preview.ready:
        confirm_button(name, file_key)


def main() -> None:
    auth.require(auth.LEAD, auth.ANALYST)
    st.title(t("upload.title"))
    st.caption(t("upload.intro"))
    limit = t("upload.limit", size=i18n.fmt_number(upload_limit_mb()))
    files = st.file_uploader(t("upload.uploader"), accept_multiple_files=True, key="upload_files", help=limit)
    st.caption(limit)
    for file in files or []:
        with st.container(border=True):
            handle_file(file.name, file.getbuffer(), file.file_id)


main()
