"""Match an export to its contract, then read, type and check it in DuckDB SQL.

The file is streamed once by `read_csv` into a typed staging table that keeps the raw
text only of cells that failed to parse; every rule is then one set-based query on it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import duckdb

from etl.contracts import (
    ENUMS,
    KINDS,
    SSN_PATTERN,
    USAGE_WIDE_KEYS,
    Column,
    Kind,
    header_names,
    is_personal_header,
    normalise_header,
)
from etl.mappings import SavedMapping
from etl.messages import Problem, suggestion
from etl.readers import FileRejected, Source

MAX_REPORTED = 50
SQL_TYPES = {"text": "varchar", "date": "date", "number": "double", "enum": "varchar"}
PERCENT_COLUMNS = {"percent_complete", "fte"}


@dataclass
class Mapping:
    """Which file column feeds each contract column, and for wide usage, each metric."""

    kind: Kind
    columns: dict[str, int]
    wide_metrics: dict[str, int] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    saved: SavedMapping | None = None  # the saved mapping the file is read with, if any
    # a column read only in some rows: the file column that decides, and its values
    conditions: dict[str, tuple[int, tuple[str, ...]]] = field(default_factory=dict)

    def provides(self, column: str) -> bool:
        """Whether the file (or a constant of its saved mapping) gives this column."""
        return column in self.columns or (self.saved is not None and column in self.saved.constants)


def sql_text(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def sql_name(value: str) -> str:
    """A SQL identifier."""
    return '"' + value.replace('"', '""') + '"'


def match_contract(
    source: Source, kind_name: str | None, metrics: set[str], saved: SavedMapping | None = None
) -> Mapping:
    """Find the kind (or check the given one) and map the file's columns to it.

    With a saved mapping, its columns are used instead of the contract's header names.
    """
    normalised = [normalise_header(h) for h in source.headers]
    for index, header in enumerate(source.headers):
        if re.search(SSN_PATTERN, header):  # name the column by position: never quote the number
            raise FileRejected(Problem("ssn", source.name, line=1, column=f"#{index + 1}"))
        if is_personal_header(normalised[index]):
            raise FileRejected(Problem("personal_column", source.name, line=1, column=header))
    if saved is not None:
        return _apply_saved(source, saved, normalised)
    candidates = [KINDS[kind_name]] if kind_name else list(KINDS.values())
    mappings = [_map_columns(kind, normalised) for kind in candidates]
    complete = [m for m in mappings if _is_complete(m, normalised)]
    if not complete:
        closest = max(mappings, key=lambda m: len(m.columns))
        missing = ", ".join(c for c in closest.kind.required if c not in closest.columns)
        code = "missing_columns" if kind_name else "unknown_kind"
        params = {"kind": closest.kind.name, "missing": missing}
        raise FileRejected(Problem(code, source.name, params=params))
    mapping = max(complete, key=lambda m: len(m.columns))
    if mapping.kind.name == "usage" and "metric" not in mapping.columns:
        _map_wide_metrics(mapping, source, normalised, metrics)
    else:
        used = set(mapping.columns.values())
        mapping.ignored = [h for i, h in enumerate(source.headers) if i not in used]
    return mapping


def _apply_saved(source: Source, saved: SavedMapping, normalised: list[str]) -> Mapping:
    """Map the file's columns as a saved mapping says; every required column must be given."""
    kind = KINDS[saved.kind]
    position = {h: i for i, h in reversed(list(enumerate(normalised)))}  # a header's first column
    columns: dict[str, int] = {}
    missing: list[str] = []
    for column, header in saved.columns.items():
        index = position.get(normalise_header(header))
        if index is not None:
            columns[column] = index
        elif kind.column(column).required and column not in saved.constants:
            missing.append(header)
    given = saved.columns.keys() | saved.constants.keys()
    missing += [c for c in kind.required if c not in given]
    if missing:
        params = {"mapping": saved.name, "kind": kind.name, "missing": ", ".join(missing)}
        raise FileRejected(Problem("mapping_columns", source.name, params=params))
    conditions = {
        column: (position[normalise_header(header)], values)
        for column, (header, values) in saved.when.items()
        if normalise_header(header) in position
    }
    for column in saved.when.keys() - conditions.keys():  # the deciding column is missing
        columns.pop(column, None)
    used = set(columns.values()) | {index for index, _ in conditions.values()}
    ignored = [h for i, h in enumerate(source.headers) if i not in used]
    return Mapping(kind, columns, ignored=ignored, saved=saved, conditions=conditions)


def _map_columns(kind: Kind, normalised: list[str]) -> Mapping:
    columns: dict[str, int] = {}
    for column in kind.columns:
        names = header_names(column)
        index = next((i for i, h in enumerate(normalised) if h in names), None)
        if index is not None and index not in columns.values():
            columns[column.name] = index
    return Mapping(kind, columns)


def _is_complete(mapping: Mapping, normalised: list[str]) -> bool:
    """All required columns present; usage may instead be wide (metrics as columns)."""
    required = set(mapping.kind.required)
    if mapping.kind.name == "usage" and not {"metric", "value"} & mapping.columns.keys():
        required -= {"metric", "value"}
        return required <= mapping.columns.keys() and len(normalised) > len(mapping.columns)
    return required <= mapping.columns.keys()


def _map_wide_metrics(mapping: Mapping, source: Source, normalised: list[str], metrics: set[str]) -> None:
    """In wide usage every column but the keys must be a catalogue metric."""
    mapping.columns = {k: v for k, v in mapping.columns.items() if k in USAGE_WIDE_KEYS}
    used = set(mapping.columns.values())
    for index, header in enumerate(normalised):
        if index in used:
            continue
        if header not in metrics:
            near = difflib.get_close_matches(header, sorted(metrics), n=1, cutoff=0.6)
            params = {"suggestion": suggestion(near[0] if near else None)}
            raise FileRejected(
                Problem(
                    "unknown_wide_metric", source.name, line=1, column=source.headers[index], params=params
                )
            )
        mapping.wide_metrics[header] = index


def stage(con: duckdb.DuckDBPyConnection, source: Source, mapping: Mapping) -> int:
    """Stream the file into the typed temp table `staged`; return its row count.

    Three steps in one query: the raw cells, their typed values, and the raw text kept
    only where a value failed to parse (what error messages quote). The view `stage`
    adds each row's line: DuckDB stores the rows in file order, so a row's `rowid` is
    its place in the file (numbering them in the query, `row_number() over ()`, would
    cost a second pass on one thread).
    """
    width = len(source.headers)
    raw = ", ".join(f"{_trimmed(f'c{i}')} as r{i}" for i in range(width))
    typed, kept = [], []
    for column, index in _staged_columns(mapping):
        name = sql_name(column.name)
        raw_value = _raw_value(mapping, column.name, index)
        if raw_value is None or column.type == "text":
            value = f"null::{SQL_TYPES[column.type]}" if raw_value is None else raw_value
            typed.append(f"{value} as {name}")
            kept.append(name)
            continue
        failed = sql_name("raw_" + column.name)
        formats = mapping.saved.formats.get(column.name, ()) if mapping.saved else ()
        typed += [
            f"{_typed_expr(column, raw_value, source.decimal_comma, formats)} as {name}",
            f"{raw_value} as {failed}",
        ]
        kept += [name, f"case when {name} is null then {failed} end as {failed}"]
    sql = f"""
        create or replace temp table staged as
        select {", ".join(kept)}, ssn_cells from (
            select {", ".join(typed)}, ssn_cells from (
                select {raw}, {_ssn_expr(width)}
                from {_read_csv(source)}))
    """
    _execute_reading(con, sql)
    con.execute("create or replace temp view stage as select rowid + 2 as line, * from staged")
    row = con.execute("select count(*) from staged").fetchone()
    return int(row[0]) if row else 0


def _trimmed(cell: str) -> str:
    """A cell without its outer spaces, null when empty. Most cells have none: testing the
    ends first spares copying every string (`trim` removes spaces only, like the test)."""
    spaced = f"{cell} = '' or prefix({cell}, ' ') or suffix({cell}, ' ')"
    return f"case when {spaced} then nullif(trim({cell}), '') else {cell} end"


def drop_stage(con: duckdb.DuckDBPyConnection) -> None:
    """Forget the staged file and its problems."""
    con.execute("drop view if exists stage; drop table if exists staged; drop table if exists problems")


def _read_csv(source: Source) -> str:
    """The `read_csv` call that streams a source's cells as text columns c0, c1, ..."""
    columns = "{" + ", ".join(f"'c{i}': 'varchar'" for i in range(len(source.headers))) + "}"
    return f"""read_csv({sql_text(str(source.text_path))}, delim={sql_text(source.delimiter)},
                    header = false, skip = 1, columns = {columns}, quote = '"', escape = '"',
                    null_padding = true, auto_detect = false, parallel = @parallel@)"""


def _execute_reading(
    con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, object] | None = None
) -> duckdb.DuckDBPyConnection:
    """Run a statement that reads a source, in parallel where DuckDB can."""
    try:
        return con.execute(sql.replace("@parallel@", "true"), params)
    except duckdb.Error as error:
        if "quoted new lines" not in str(error):
            raise
        # DuckDB's parallel reader cannot pad short rows in files with quoted line breaks.
        return con.execute(sql.replace("@parallel@", "false"), params)


def source_lines(
    con: duckdb.DuckDBPyConnection, source: Source, lines: list[int]
) -> dict[int, list[str | None]]:
    """The cells of some lines of a source, as the file holds them (for a download)."""
    if not lines:
        return {}
    cells = ", ".join(f"c{i}" for i in range(len(source.headers)))
    sql = f"""
        select line, {cells} from (select row_number() over () + 1 as line, {cells} from {_read_csv(source)})
        where line in (select unnest($lines))
        order by line
    """
    rows = _execute_reading(con, sql, {"lines": lines}).fetchall()
    return {int(row[0]): list(row[1:]) for row in rows}


def _staged_columns(mapping: Mapping) -> list[tuple[Column, int | None]]:
    """The contract columns (for wide usage: the keys and each metric) and their file index."""
    if not mapping.wide_metrics:
        return [(c, mapping.columns.get(c.name)) for c in mapping.kind.columns]
    keys = [(c, mapping.columns.get(c.name)) for c in mapping.kind.columns if c.name in USAGE_WIDE_KEYS]
    return keys + [(Column(m, "number", False), i) for m, i in mapping.wide_metrics.items()]


def _raw_value(mapping: Mapping, column: str, index: int | None) -> str | None:
    """SQL for a column's text before typing: the file's cell, or a saved mapping's constant,
    with the mapping's pattern and value map applied (a tool's "Done" read as "closed")."""
    saved = mapping.saved
    if saved is not None and column in saved.constants:
        return sql_text(saved.constants[column])
    if index is None:
        return None
    raw = f"r{index}"
    if saved is None:
        return raw
    if column in saved.patterns:
        raw = f"coalesce(nullif(regexp_extract({raw}, {sql_text(saved.patterns[column])}, 1), ''), {raw})"
    words = saved.values.get(column)
    if words:
        cases = " ".join(f"when {sql_text(k.strip().lower())} then {sql_text(v)}" for k, v in words.items())
        raw = f"nullif(trim(case lower(coalesce({raw}, '')) {cases} else {raw} end), '')"
    if column in mapping.conditions:
        index, values = mapping.conditions[column]
        listed = ", ".join(sql_text(v.strip().lower()) for v in values)
        raw = f"(case when lower(coalesce(r{index}, '')) in ({listed}) then {raw} end)"
    return raw


def _typed_expr(column: Column, raw: str, decimal_comma: bool, formats: tuple[str, ...] = ()) -> str:
    if column.type == "date" and formats:
        listed = ", ".join(sql_text(f) for f in formats)
        return f"coalesce(try_strptime({raw}, [{listed}])::date, swiss_date({raw}))"
    if column.type == "date":
        return f"swiss_date({raw})"
    if column.type == "enum" and column.enum:
        cases = " ".join(
            f"when {sql_text(alias)} then {sql_text(value)}"
            for value, aliases in ENUMS[column.enum].items()
            for alias in aliases
        )
        return f"(case lower(strip_accents({raw})) {cases} end)"
    percent = column.name in PERCENT_COLUMNS
    number = f"swiss_number({raw}, {str(decimal_comma).lower()}, {str(percent).lower()})"
    if column.name == "fte":  # 80% or 80 means 0.8; 1.5 is a mistake, not 1.5%
        return f"(case when contains({raw}, '%') or {number} >= 10 then {number} / 100 else {number} end)"
    return number


def _ssn_expr(width: int) -> str:
    """The indexes of the cells of a row holding a social-security number, or null."""
    hits = ", ".join(
        f"case when contains(c{i}, '756') and regexp_matches(c{i}, {sql_text(SSN_PATTERN)}) then '{i}' end"
        for i in range(width)
    )
    return f"nullif(concat_ws(',', {hits}), '') as ssn_cells"


def define_macros(con: duckdb.DuckDBPyConnection) -> None:
    """Swiss dates and numbers as SQL macros, so every column is parsed the same way.

    The common forms are tried first with cheap casts; the general patterns (timestamps,
    thousands separators, a decimal comma) only run for the cells that need them.
    """
    con.execute(r"""
        create or replace temp macro swiss_date_general(s) as try_strptime(
            regexp_extract(s,
                '^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}/\d{1,2}/\d{4})([ T].*)?$', 1),
            ['%Y-%m-%d', '%d.%m.%Y', '%d/%m/%Y']);
        create or replace temp macro swiss_date_any(s) as coalesce(
            try_strptime(s, '%d.%m.%Y'), try_strptime(s, '%Y-%m-%d'),
            try_strptime(s, '%d/%m/%Y'), swiss_date_general(s))::date;
        create or replace temp macro swiss_date(s) as
            case when year(swiss_date_any(s)) between 1900 and 2999 then swiss_date_any(s) end;
        create or replace temp macro swiss_number_text(s, decimal_comma, percent) as
            replace(
                regexp_replace(
                    case when percent then regexp_replace(s, '\s*%$', '') else s end,
                    '[''’\s\x{00A0}\x{202F}]', '', 'g'),
                ',', case when decimal_comma then '.' else ',' end);
        create or replace temp macro swiss_number_general(s, decimal_comma, percent) as (
            case when regexp_full_match(swiss_number_text(s, decimal_comma, percent),
                                        '[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?')
                 and isfinite(try_cast(swiss_number_text(s, decimal_comma, percent) as double))
                 then try_cast(swiss_number_text(s, decimal_comma, percent) as double) end);
        create or replace temp macro swiss_number(s, decimal_comma, percent) as coalesce(
            case when isfinite(try_cast(s as double)) then try_cast(s as double) end,
            swiss_number_general(s, decimal_comma, percent));
    """)


def typed_columns(mapping: Mapping) -> list[str]:
    """The stored columns of the kind, in contract order."""
    return [c.name for c in mapping.kind.columns]


def typed_relation(mapping: Mapping) -> str:
    """SQL for the rows to store (with their line), long form even for wide usage."""
    names = ", ".join(sql_name(c) for c in typed_columns(mapping))
    if not mapping.wide_metrics:
        return f"select line, {names} from stage"
    keys = ", ".join(sql_name(k) for k in USAGE_WIDE_KEYS)
    metrics = ", ".join(sql_name(m) for m in mapping.wide_metrics)
    return f"""
        select line, {names} from (
            unpivot (select line, {keys}, {metrics} from stage)
            on {metrics} into name metric value value)
    """


def field_count_problem(error: duckdb.Error, source: Source) -> Problem:
    """Turn DuckDB's CSV error into a sentence with the line and what to fix."""
    text = str(error)
    line = re.search(r"Line: (\d+)", text)
    counts = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", text)
    if line and counts:
        return Problem(
            "field_count",
            source.name,
            line=int(line.group(1)),
            params={"found": counts.group(2), "expected": counts.group(1)},
        )
    size = re.search(r"Maximum line size of (\d+) bytes exceeded\. Actual Size:\s*(\d+)", text)
    if line and size:
        limit, actual = (max(1, round(int(size.group(i)) / 1e6)) for i in (1, 2))  # whole MB
        params = {"size": str(actual), "limit": str(limit)}
        return Problem("line_too_long", source.name, line=int(line.group(1)), params=params)
    first_line = text.strip().splitlines()[0] if text.strip() else type(error).__name__
    return Problem("unreadable_file", source.name, params={"detail": first_line[:200]})
