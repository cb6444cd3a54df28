"""Helpers for the ETL tests: a tiny catalogue, valid rows per kind, and the `Etl` handle.

Export files are written by each test into their own folders; the warehouse is read
through `etl.load.read_only`, never opened for writing.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from etl import settings
from etl.load import LoadResult, load_files, read_only

METRICS_CSV = (
    "metric,system,aim,unit,aggregation,label_en,label_fr,label_de,paper_metric,"
    "minutes_saved_low,minutes_saved_base,minutes_saved_high,source\n"
    "e_prescriptions,CPOE,prevent_errors,prescriptions,sum,Electronic prescriptions,"
    "Prescriptions électroniques,Elektronische Verordnungen,paper_prescriptions,6,10,15,test\n"
    "paper_prescriptions,CPOE,prevent_errors,prescriptions,sum,Paper prescriptions,"
    "Prescriptions papier,Papierverordnungen,,0,0,0,test\n"
    "portal_logins,portal,patient_access,logins,sum,Portal logins,Connexions au portail,"
    "Portal-Anmeldungen,,0,0,0,test\n"
    "ehr_active_users,EHR,simplify_processes,users,mean,Active EHR users,"
    "Utilisateurs actifs,Aktive Nutzende,,0,0,0,test\n"
)
METRICS = ("e_prescriptions", "paper_prescriptions", "portal_logins", "ehr_active_users")
SITES_CSV = "site,region,centre\nSion,fr,CHVR\nBrig,de,SZO\n"
TARGETS_CSV = (
    "kpi,scope,target,due_date,direction,note\n"
    "e_prescriptions,all,0.9,2026-12-31,at_least,test\n"
)

# One valid row per kind, every contract column filled (empty where the value is optional
# and a value would trigger a rule). Tests override single cells.
VALID: dict[str, dict[str, str]] = {
    "projects": {
        "report_date": "2025-01-31",
        "project_id": "DIG-014",
        "project_name": "Patient portal",
        "programme": "Patient access",
        "aim": "patient_access",
        "site": "Sion",
        "owner": "PMO",
        "phase": "build",
        "status": "green",
        "start_date": "2024-03-01",
        "planned_end": "2025-12-31",
        "forecast_end": "2026-01-31",
        "budget_chf": "1000000",
        "spent_chf": "250000",
        "percent_complete": "40",
        "comment": "on track",
    },
    "milestones": {
        "project_id": "DIG-014",
        "milestone_id": "M1",
        "milestone": "Go-live",
        "planned_date": "2025-06-30",
        "actual_date": "",
    },
    "positions": {
        "position_id": "POS-001",
        "role": "software developer",
        "team": "Applications",
        "site": "Sion",
        "fte": "1",
        "status": "open",
        "opened_date": "2025-01-15",
        "filled_date": "",
        "programme": "Clinical information system",
        "annual_cost_chf": "150000",
    },
    "usage": {
        "date": "2025-01-01",
        "site": "Sion",
        "department": "medicine",
        "system": "CPOE",
        "metric": "e_prescriptions",
        "value": "120",
    },
}

# The column that makes each row's key unique when a test writes several rows.
ROW_KEY = {"projects": "project_id", "milestones": "milestone_id", "positions": "position_id",
           "usage": "department"}

DATA_TABLES = ("projects", "milestones", "positions", "usage")


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], sep: str = ",",
             newline: str = "\n") -> str:
    """A delimited text with minimal quoting (fields holding the separator are quoted)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def export_text(kind: str, rows: Sequence[Mapping[str, str]] = ({},), sep: str = ",",
                drop: Sequence[str] = (), headers: Mapping[str, str] | None = None) -> str:
    """A file of `kind` with every contract column; each row is the valid row plus overrides.

    When several rows are given, each gets a distinct key unless the override sets it.
    `drop` leaves columns out; `headers` renames columns as the file should name them.
    """
    columns = [c for c in VALID[kind] if c not in drop]
    shown = [(headers or {}).get(c, c) for c in columns]
    body = []
    for index, override in enumerate(rows):
        row = dict(VALID[kind])
        if len(rows) > 1:
            row[ROW_KEY[kind]] = f"{row[ROW_KEY[kind]]}-{index + 1}"
        row.update(override)
        body.append([row[c] for c in columns])
    return csv_text(shown, body, sep=sep)


class Etl:
    """One test's data folder, and the few things the tests do with it."""

    def __init__(self, root: Path, exports: Path) -> None:
        self.root = root
        self.exports = exports
        self._counter = itertools.count(1)

    def write(self, content: str | bytes, name: str = "export.csv",
              encoding: str = "utf-8") -> Path:
        """Write an export into its own folder (so two exports may share a name)."""
        folder = self.exports / f"{next(self._counter):03d}"
        folder.mkdir(parents=True)
        path = folder / name
        path.write_bytes(content.encode(encoding) if isinstance(content, str) else content)
        return path

    def load(self, content: str | bytes, name: str = "export.csv", encoding: str = "utf-8",
             kind: str | None = None, loaded_by: str = "cli") -> LoadResult:
        """Write and load one export; return its result."""
        path = self.write(content, name, encoding)
        (result,) = load_files([path], kind=kind, loaded_by=loaded_by)
        return result

    def rows(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        with read_only() as con:
            return con.execute(sql, list(params or [])).fetchall()

    def value(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        (row,) = self.rows(sql, params)
        (value,) = row
        return value

    def count(self, table: str) -> int:
        return int(self.value(f'select count(*) from "{table}"'))

    def dump(self, exclude: Sequence[str] = ()) -> dict[str, list[tuple[Any, ...]]]:
        """Every base table of the warehouse, all columns, rows sorted; with column types."""
        with read_only() as con:
            tables = [r[0] for r in con.execute(
                "select table_name from information_schema.tables "
                "where table_type = 'BASE TABLE' order by table_name").fetchall()]
            out: dict[str, list[tuple[Any, ...]]] = {}
            for table in tables:
                if table in exclude:
                    continue
                types = con.execute(
                    "select column_name, data_type from information_schema.columns "
                    "where table_name = ? order by ordinal_position", [table]).fetchall()
                rows = con.execute(f'select * from "{table}"').fetchall()
                out[table] = [("columns", *types), *sorted(rows, key=repr)]
            return out

    def archived(self) -> list[Path]:
        """The originals kept in the archive (not the manifest)."""
        folder = settings.archive_dir()
        if not folder.exists():
            return []
        return sorted(p for p in folder.glob("*/*") if p.is_file())


def xlsx_bytes(sheets: Sequence[tuple[str, Sequence[Sequence[object]]]]) -> bytes:
    """A workbook written with xlsxwriter: dates as real date cells, numbers as numbers."""
    import datetime as dt

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    date_format = book.add_format({"num_format": "dd.mm.yyyy"})
    stamp_format = book.add_format({"num_format": "dd.mm.yyyy hh:mm"})
    for name, rows in sheets:
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, dt.datetime):
                    sheet.write_datetime(r, c, value, stamp_format)
                elif isinstance(value, dt.date):
                    sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_format)
                elif isinstance(value, int | float):
                    sheet.write_number(r, c, value)
                else:
                    sheet.write_string(r, c, str(value))
    book.close()
    return buffer.getvalue()
