"""What the analysts' workbench tests share: a tiny hospital loaded through the ETL.

It carries its own metric catalogue, targets, sites and settings in its data folder, so
that what analysts put in the repository's data/ never changes an outcome, and its usage
holds one of each thing the Data quality page looks for: a spike (an outlier), a series
that stopped reporting, a series with missing months, and a rejected file.
"""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from etl import settings_file
from etl.load import LoadResult, load_files

METRICS_CSV = (
    "metric,system,aim,unit,aggregation,label_en,label_fr,label_de,paper_metric,"
    "minutes_saved_low,minutes_saved_base,minutes_saved_high,source\n"
    "nursing_notes_digital,EHR,time_for_patients,notes,sum,Nursing notes in the EHR,"
    "Notes de soins informatisées,Pflegeberichte im KIS,nursing_notes_paper,1.0,2.0,4.0,"
    '"Study A, Geneva; one note per hour"\n'
    "nursing_notes_paper,EHR,time_for_patients,notes,sum,Nursing notes on paper,"
    "Notes de soins sur papier,Pflegeberichte auf Papier,,0,0,0,\n"
    "med_admin_scanned,closed-loop medication,prevent_errors,administrations,sum,"
    "Administrations scanned,Administrations scannées,Gescannte Gaben,med_admin_unscanned,0,0.5,1.0,"
    "Study B\n"
    "med_admin_unscanned,closed-loop medication,prevent_errors,administrations,sum,"
    "Administrations not scanned,Administrations non scannées,Gaben ohne Scan,,0,0,0,\n"
    "vitals_device_captured,vital signs,time_for_patients,readings,sum,Vital signs from the device,"
    "Signes vitaux transmis,Übertragene Vitalparameter,vitals_manual,1.0,1.5,2.0,Study C\n"
    "vitals_manual,vital signs,time_for_patients,readings,sum,Vital signs by hand,"
    "Signes vitaux saisis,Manuell erfasste Vitalparameter,,0,0,0,\n"
    "portal_active_patients,patient portal,patient_access,patients,last,Patients on the portal,"
    "Patients sur le portail,Patienten im Portal,,0,0,0,\n"
)
COEFFICIENTS = {  # minutes saved per unit (low, base, high), as in METRICS_CSV
    "nursing_notes_digital": (1.0, 2.0, 4.0),
    "med_admin_scanned": (0.0, 0.5, 1.0),
    "vitals_device_captured": (1.0, 1.5, 2.0),
}
SITES_CSV = "site,region,centre\nSion,fr,CHVR\nBrig,de,SZO\n"
TARGETS_CSV = (
    "kpi,scope,target,due_date,direction,note\n"
    'nursing_notes_digital,all,0.9,2027-06-30,at_least,"Paperless notes; every ward"\n'
    "hours_freed,all,100,2027-12-31,at_least,test\n"
)
SETTINGS = settings_file.FigureSettings(
    annual_hours_per_fte=1900.0,
    programme_start=date(2025, 3, 1),
    stale_after_days={"projects": 45, "milestones": 90, "positions": 45, "usage": 7},
)

MONTHS = [date(2025, m, 1) for m in range(1, 9)]  # January to August 2025, monthly exports
LATEST = MONTHS[-1]
NOTES = [1000, 1010, 990, 1005, 3000, 995, 1000, 1002]  # May is a spike
SPIKE = (date(2025, 5, 1), 3000)
GAP_MONTHS = (date(2025, 3, 1), date(2025, 4, 1))  # med_admin_* at Sion surgery skip them
STOPPED_AFTER = date(2025, 4, 1)  # vitals at Brig icu stop reporting after April


def usage_rows() -> list[tuple[str, str, str, str, str, float]]:
    """date, site, department, system, metric, value of the tiny hospital."""
    rows: list[tuple[str, str, str, str, str, float]] = []
    for index, month in enumerate(MONTHS):
        day = month.isoformat()
        rows += [
            (day, "Sion", "medicine", "EHR", "nursing_notes_digital", NOTES[index]),
            (day, "Sion", "medicine", "EHR", "nursing_notes_paper", 500),
            (day, "Sion", "", "patient portal", "portal_active_patients", 100 + 20 * index),
        ]
        if month not in GAP_MONTHS:
            rows += [
                (day, "Sion", "surgery", "closed-loop medication", "med_admin_scanned", 400),
                (day, "Sion", "surgery", "closed-loop medication", "med_admin_unscanned", 100),
            ]
        if month <= STOPPED_AFTER:
            rows += [
                (day, "Brig", "icu", "vital signs", "vitals_device_captured", 300),
                (day, "Brig", "icu", "vital signs", "vitals_manual", 200),
            ]
    return rows


def hours(
    month: date, estimate: str, coefficients: dict[str, tuple[float, float, float]] | None = None
) -> float:
    """Staff hours freed in a month, worked out from the rows and the coefficients."""
    minutes = coefficients or COEFFICIENTS
    column = ("low", "base", "high").index(estimate)
    return sum(
        value * minutes[metric][column] / 60
        for day, _, _, _, metric, value in usage_rows()
        if day == month.isoformat() and metric in minutes
    )


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    """A plain comma-separated export."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def exports(folder: Path) -> list[Path]:
    """The tiny hospital's exports of every kind, and one file that is rejected."""
    folder.mkdir(parents=True, exist_ok=True)
    usage = ["date", "site", "department", "system", "metric", "value"]
    return [
        write_csv(folder / "usage.csv", usage, usage_rows()),
        write_csv(
            folder / "projects.csv",
            [
                "report_date",
                "project_id",
                "project_name",
                "programme",
                "phase",
                "status",
                "planned_end",
                "percent_complete",
                "site",
            ],
            [
                (
                    "2025-07-31",
                    "DIG-001",
                    "Bedside documentation",
                    "Clinical information system",
                    "rollout",
                    "green",
                    "2026-06-30",
                    "60",
                    "Sion",
                ),
                (
                    "2025-08-31",
                    "DIG-001",
                    "Bedside documentation",
                    "Clinical information system",
                    "rollout",
                    "amber",
                    "2026-06-30",
                    "70",
                    "Sion",
                ),
                (
                    "2025-08-31",
                    "DIG-002",
                    "Closed loop",
                    "Medication safety",
                    "build",
                    "green",
                    "2026-12-31",
                    "30",
                    "Brig",
                ),
            ],
        ),
        write_csv(
            folder / "milestones.csv",
            ["project_id", "milestone_id", "milestone", "planned_date", "actual_date"],
            [
                ("DIG-001", "M1", "Go-live Sion", "2025-06-01", "2025-06-15"),
                ("DIG-002", "M1", "Design approved", "2025-09-30", ""),
            ],
        ),
        write_csv(
            folder / "positions.csv",
            ["position_id", "role", "team", "fte", "status", "opened_date", "filled_date"],
            [
                ("POS-1", "software developer", "apps", "1", "filled", "2025-02-01", "2025-05-01"),
                ("POS-2", "UX designer", "apps", "0.8", "open", "2025-06-01", ""),
            ],
        ),
        write_csv(
            folder / "bad_usage.csv", usage, [(LATEST.isoformat(), "Sion", "", "EHR", "no_such_metric", 1)]
        ),
    ]


def write_reference(root: Path) -> None:
    """The data folder's own catalogue, sites, targets and settings."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "metrics.csv").write_text(METRICS_CSV, encoding="utf-8")
    (root / "sites.csv").write_text(SITES_CSV, encoding="utf-8")
    (root / "targets.csv").write_text(TARGETS_CSV, encoding="utf-8")
    (root / "settings.toml").write_text(settings_file.render(SETTINGS), encoding="utf-8")


@contextmanager
def data_folder(root: Path) -> Iterator[Path]:
    """DASHBOARD_DATA_DIR set to `root` for the duration."""
    previous = os.environ.get("DASHBOARD_DATA_DIR")
    os.environ["DASHBOARD_DATA_DIR"] = str(root)
    try:
        yield root
    finally:
        if previous is None:
            os.environ.pop("DASHBOARD_DATA_DIR", None)
        else:
            os.environ["DASHBOARD_DATA_DIR"] = previous


def build_hospital(root: Path, exports_dir: Path) -> list[LoadResult]:
    """Write the reference files into `root` and load the exports through the ETL."""
    write_reference(root)
    with data_folder(root):
        return load_files(exports(exports_dir), loaded_by="test")


def copy_hospital(template: Path, target: Path) -> Path:
    """A private copy of a built data folder (warehouse, archive, reference files)."""
    shutil.copytree(template, target, ignore=shutil.ignore_patterns("work", "*.lock"))
    return target
