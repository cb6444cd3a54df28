"""Every contract rule as one set-based query on the staged file.

Each query yields (line, column, found, code, detail); together they are the file's
problems, of which the first 50 are reported with the total count.
"""

from __future__ import annotations

import duckdb

from etl.contracts import ENUMS, Kind
from etl.messages import Problem, suggestion
from etl.readers import Source
from etl.validate import MAX_REPORTED, Mapping, sql_name, sql_text, typed_relation

SUGGEST_SIMILARITY = 0.8


def find_problems(
    con: duckdb.DuckDBPyConnection, source: Source, mapping: Mapping
) -> tuple[list[Problem], int]:
    """The first problems of the staged file (in line order) and their total count."""
    ssn = _ssn_problems(con, source)
    if ssn[1]:
        return ssn  # say nothing else: other messages would quote the cells
    queries = [*_cell_queries(mapping), *_rule_queries(mapping), *_metric_queries(mapping)]
    if _may_repeat_keys(con, mapping):
        queries.append(_duplicate_query(mapping))
    union = " union all ".join(f"select * from ({query})" for query in queries)
    con.execute("create or replace temp table problems as " + union)
    total_row = con.execute("select count(*) from problems").fetchone()
    total = int(total_row[0]) if total_row else 0
    return stored_problems(con, source, mapping, MAX_REPORTED), total


def stored_problems(
    con: duckdb.DuckDBPyConnection, source: Source, mapping: Mapping, limit: int
) -> list[Problem]:
    """The first `limit` rows of the `problems` table, in line order, as Problems."""
    rows = con.execute(f"select * from problems order by line, column_name limit {int(limit)}").fetchall()
    return [_problem(source, mapping, *row) for row in rows]


def _ssn_problems(con: duckdb.DuckDBPyConnection, source: Source) -> tuple[list[Problem], int]:
    rows = con.execute(
        "select line, unnest(string_split(ssn_cells, ',')) from stage where ssn_cells is not null"
    ).fetchall()
    problems = [
        Problem("ssn", source.name, line=int(line), column=source.headers[int(cell)])
        for line, cell in rows[:MAX_REPORTED]
    ]
    return problems, len(rows)


def _select(line: str, column: str, found: str, code: str, detail: str = "null", column_sql: str = "") -> str:
    return (
        f"select {line} as line, {column_sql or sql_text(column)} as column_name, "
        f"cast({found} as varchar) as found, {sql_text(code)} as code, "
        f"cast({detail} as varchar) as detail"
    )


def _cell_queries(mapping: Mapping) -> list[str]:
    """Missing required values and cells that did not parse as their type."""
    queries = []
    for column in mapping.kind.columns:
        if not mapping.provides(column.name):
            continue
        name = sql_name(column.name)
        raw = sql_name("raw_" + column.name)
        if column.required:
            empty = f"{name} is null" + ("" if column.type == "text" else f" and {raw} is null")
            queries.append(_select("line", column.name, "''", "required") + f" from stage where {empty}")
        if column.type != "text":
            code = _type_code(column.type, raw)
            queries.append(
                _select("line", column.name, raw, "type", code) + f" from stage where {raw} is not null"
            )
    for metric in mapping.wide_metrics:
        raw = sql_name("raw_" + metric)
        queries.append(
            _select("line", metric, raw, "type", "'number'") + f" from stage where {raw} is not null"
        )
    return queries


def _type_code(column_type: str, raw: str) -> str:
    if column_type == "date":
        month_first = r"^\d{1,2}[./](1[3-9]|2\d|3[01])[./]\d{4}"
        return f"case when regexp_matches({raw}, {sql_text(month_first)}) then 'month_first' else 'date' end"
    return sql_text(column_type)


def _rule_queries(mapping: Mapping) -> list[str]:
    """Row rules on the typed values; in wide usage a value's column is its metric's."""
    queries = []
    for rule in mapping.kind.rules:
        shown = _shown(mapping.kind, rule.column)
        if mapping.wide_metrics and rule.column == "value":
            select = _select("line", rule.column, shown, rule.expected, column_sql="metric")
            queries.append(f"{select} from ({typed_relation(mapping)}) where {rule.violation}")
        else:
            queries.append(
                _select("line", rule.column, shown, rule.expected) + f" from stage where {rule.violation}"
            )
    return queries


def _shown(kind: Kind, column: str) -> str:
    """A parsed value written back the Swiss way, as the lead typed it (31.01.2025, 120)."""
    name = sql_name(column)
    if kind.column(column).type == "date":
        return f"coalesce(strftime({name}, '%d.%m.%Y'), '')"
    return f"coalesce(regexp_replace(cast({name} as varchar), '\\.0$', ''), '')"


def _metric_queries(mapping: Mapping) -> list[str]:
    """Long usage: every metric must be in the catalogue (nearest name suggested)."""
    if mapping.kind.name != "usage" or mapping.wide_metrics:
        return []
    return [
        f"""
        with unknown as (
            select distinct metric from stage
            where metric is not null and metric not in (select metric from metrics)),
        nearest as (
            select u.metric, arg_max(m.metric, jaro_winkler_similarity(lower(u.metric), m.metric)) as near,
                   max(jaro_winkler_similarity(lower(u.metric), m.metric)) as similarity
            from unknown u cross join metrics m group by u.metric)
        {
            _select(
                "s.line",
                "metric",
                "s.metric",
                "unknown_metric",
                f"case when n.similarity >= {SUGGEST_SIMILARITY} then n.near end",
            )
        }
        from stage s join unknown u on s.metric = u.metric left join nearest n on s.metric = n.metric
    """
    ]


def _may_repeat_keys(con: duckdb.DuckDBPyConnection, mapping: Mapping) -> bool:
    """Whether two rows may share a key: equal keys have equal 64-bit hashes, so one pass
    grouping the hashes clears almost every file; the exact query runs for the rest."""
    names = ", ".join(sql_name(k) for k in mapping.kind.key)
    repeated = con.execute(
        f"select 1 from ({typed_relation(mapping)}) group by hash({names}) having count(*) > 1 limit 1"
    ).fetchone()
    return repeated is not None


def _duplicate_query(mapping: Mapping) -> str:
    """Two rows with the same key in one file: each later one is an error."""
    keys = mapping.kind.key
    names = ", ".join(sql_name(k) for k in keys)
    same = " and ".join(f"t.{sql_name(k)} is not distinct from d.{sql_name(k)}" for k in keys)
    shown = " || ' / ' || ".join(f"coalesce(cast(t.{sql_name(k)} as varchar), '')" for k in keys)
    # Grouping on one 64-bit hash of the key is far cheaper than on the key's text;
    # the exact comparison then runs only on the few rows whose hashes collide.
    return f"""
        with typed as ({typed_relation(mapping)}),
        colliding as (
            select hash({names}) as key_hash from typed
            group by key_hash having count(*) > 1),
        candidates as (
            select * from typed where hash({names}) in (select key_hash from colliding)),
        repeated as (
            select {names}, min(line) as first_line from candidates
            group by {names} having count(*) > 1)
        {_select("t.line", keys[0], shown, "duplicate_key", "d.first_line")}
        from candidates t join repeated d on {same}
        where t.line <> d.first_line
    """


def _problem(
    source: Source, mapping: Mapping, line: int, column: str, found: str | None, code: str, detail: str | None
) -> Problem:
    """A row of the problems table as a Problem with its message parameters."""
    params: dict[str, str] = {}
    header = _file_header(source, mapping, column)
    if code == "type":
        code = detail or "number"
        if code == "enum":
            enum = mapping.kind.column(column).enum or ""
            params["allowed"] = ", ".join(ENUMS[enum])
    elif code == "unknown_metric":
        params["suggestion"] = suggestion(detail)
    elif code == "duplicate_key":
        params["other"] = detail or ""
    return Problem(code, source.name, line=line, column=header, found=found or "", params=params)


def _file_header(source: Source, mapping: Mapping, column: str) -> str:
    """The column as the file names it, so the lead finds it in their own export."""
    index = mapping.columns.get(column, mapping.wide_metrics.get(column))
    return source.headers[index] if index is not None else column
