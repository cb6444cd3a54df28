"""The demonstration hospital: seeded, believable exports in every dialect the contract allows.

It only writes files; the loader loads them through the one path in. The story: a cantonal
hospital on seven sites (French-speaking CHVR, German-speaking SZO) rolls out a clinical
information system and its satellites; each system's go-live milestones drive the usage
statistics, where the digital share rises along an S-curve after the go-live at that site.
Usage is generated in DuckDB (range tables, hash-based noise), never row by row in Python.
"""

from __future__ import annotations

import calendar
import codecs
import csv
import random
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import BinaryIO, NamedTuple

import duckdb
import xlsxwriter

from etl import settings

MONTHS = 30  # usage starts 30 months before the month of as_of
FR_SITES = ("Sion", "Sierre", "Martigny", "Saint-Maurice", "Monthey")
DE_SITES = ("Brig", "Visp")
REST_FR = ("Sierre", "Martigny", "Saint-Maurice", "Monthey")

# fmt: off
# Departments: (site, name in the site's language, kind, beds or bed-equivalents).
DEPARTMENTS: tuple[tuple[str, str, str, int], ...] = (
    ("Sion", "Médecine interne", "ward", 70),
    ("Sion", "Chirurgie", "ward", 55),
    ("Sion", "Urgences", "emergency", 30),
    ("Sion", "Soins intensifs", "icu", 16),
    ("Sion", "Pédiatrie", "ward", 25),
    ("Sion", "Gynécologie-obstétrique", "ward", 30),
    ("Sion", "Cardiologie", "ward", 25),
    ("Sion", "Neurologie", "ward", 20),
    ("Sion", "Oncologie", "ward", 20),
    ("Sion", "Radiologie", "radiology", 25),
    ("Sion", "Bloc opératoire", "theatre", 20),
    ("Sion", "Policlinique", "outpatient", 20),
    ("Sierre", "Médecine interne", "ward", 35),
    ("Sierre", "Gériatrie", "ward", 30),
    ("Sierre", "Orthopédie", "ward", 25),
    ("Sierre", "Urgences", "emergency", 20),
    ("Sierre", "Radiologie", "radiology", 10),
    ("Martigny", "Médecine interne", "ward", 40),
    ("Martigny", "Chirurgie", "ward", 30),
    ("Martigny", "Gériatrie", "ward", 25),
    ("Martigny", "Urgences", "emergency", 25),
    ("Martigny", "Radiologie", "radiology", 12),
    ("Martigny", "Policlinique", "outpatient", 10),
    ("Saint-Maurice", "Réadaptation", "ward", 40),
    ("Saint-Maurice", "Gériatrie", "ward", 25),
    ("Saint-Maurice", "Soins palliatifs", "ward", 12),
    ("Monthey", "Psychiatrie adulte", "psychiatry", 60),
    ("Monthey", "Psychogériatrie", "psychiatry", 20),
    ("Monthey", "Addictologie", "psychiatry", 15),
    ("Monthey", "Policlinique psychiatrique", "outpatient", 15),
    ("Brig", "Innere Medizin", "ward", 30),
    ("Brig", "Chirurgie", "ward", 25),
    ("Brig", "Notfall", "emergency", 15),
    ("Brig", "Gynäkologie und Geburtshilfe", "ward", 18),
    ("Brig", "Radiologie", "radiology", 8),
    ("Visp", "Innere Medizin", "ward", 45),
    ("Visp", "Chirurgie", "ward", 35),
    ("Visp", "Notfall", "emergency", 25),
    ("Visp", "Intensivstation", "icu", 10),
    ("Visp", "Pädiatrie", "ward", 15),
    ("Visp", "Orthopädie", "ward", 20),
    ("Visp", "Radiologie", "radiology", 12),
    ("Visp", "Operationsbereich", "theatre", 12),
)
# fmt: on


@dataclass(frozen=True)
class Family:
    """A digital metric, its paper counterpart and how their volume and share behave."""

    name: str
    digital: str
    paper: str | None
    per_bed: float  # weekday units per bed and day ('stock': the ceiling per bed)
    weekend: float  # weekend volume as a share of a weekday's
    pre: float  # digital share before the go-live
    ceiling: float  # digital share reached in the long run
    mid: int  # days from go-live to half the rise ('stock': days of lead before go-live)
    width: int  # days: steepness of the S-curve ('stock': time constant)
    shape: str = "flow"  # flow: a daily count; stock: a level that only grows


# fmt: off
FAMILIES: tuple[Family, ...] = (
    Family("nursing", "nursing_notes_digital", "nursing_notes_paper", 3.0, 0.95, 0, 0.97, 45, 15),
    Family("users", "ehr_active_users", None, 1.6, 0.55, 0, 1.0, 30, 10),
    Family("trained", "staff_trained", None, 3.0, 1.0, 0, 0.95, -75, 40, "stock"),
    Family("orders", "orders_cpoe", "orders_paper", 1.6, 0.5, 0, 0.93, 60, 20),
    Family("prescriptions", "prescriptions_electronic", "prescriptions_paper",
           1.2, 0.6, 0, 0.9, 60, 20),
    Family("med_admin", "med_admin_scanned", "med_admin_unscanned", 8.0, 0.95, 0, 0.92, 90, 30),
    Family("vitals", "vitals_device_captured", "vitals_manual", 4.0, 1.0, 0, 0.8, 75, 25),
    Family("reports", "reports_dictated_speech", "reports_typed", 0.25, 0.15, 0, 0.72, 90, 35),
    Family("forms", "forms_digital", "forms_paper", 0.5, 0.3, 0.05, 0.85, 120, 40),
    Family("messages", "secure_messages_sent", "fax_sent", 0.35, 0.2, 0.1, 0.85, 150, 50),
    Family("portal", "portal_active_patients", None, 25.0, 1.0, 0, 1.0, 0, 420, "stock"),
    Family("epd", "epd_documents_published", None, 0.03, 0.2, 0, 1.0, 240, 90),
)

# Which families each kind of department records, with a volume multiplier per bed. All
# families of one system go together, so the wide exports have no empty cells.
_CARE = {"nursing": 1.0, "users": 1.0, "trained": 1.0, "orders": 1.0, "prescriptions": 1.0,
         "med_admin": 1.0, "vitals": 1.0, "reports": 1.0, "forms": 1.0, "messages": 1.0}
KIND_MIX: dict[str, dict[str, float]] = {
    "ward": _CARE,
    "icu": _CARE | {"nursing": 2.5, "users": 2.0, "trained": 2.5, "orders": 2.0,
                    "prescriptions": 2.0, "med_admin": 2.5, "vitals": 6.0, "reports": 0.5,
                    "messages": 0.5},
    "emergency": _CARE | {"nursing": 1.5, "users": 1.5, "trained": 1.5, "orders": 3.0,
                          "med_admin": 0.6, "vitals": 1.5, "reports": 2.0, "forms": 1.5},
    "psychiatry": _CARE | {"orders": 0.3, "prescriptions": 0.8, "med_admin": 0.8, "vitals": 0.3,
                           "reports": 0.8, "messages": 0.8},
    "theatre": {"nursing": 1.0, "users": 1.5, "trained": 2.0, "med_admin": 1.0, "vitals": 3.0,
                "reports": 1.5, "forms": 1.5},
    "radiology": {"nursing": 0.1, "users": 0.8, "trained": 0.8, "reports": 10.0, "forms": 1.0,
                  "messages": 1.0},
    "outpatient": {"nursing": 0.3, "users": 1.0, "trained": 1.0, "orders": 1.0,
                   "prescriptions": 1.5, "vitals": 0.5, "reports": 2.0, "forms": 2.0,
                   "messages": 2.5},
    "site": {"portal": 1.0, "epd": 1.0},
}
# fmt: on


@dataclass(frozen=True)
class Milestone:
    """A milestone; months count from the start of usage; sites: where the system goes live."""

    name: str
    planned: int
    actual: int  # the month it was reached, or is now expected
    sites: tuple[str, ...] = ()


@dataclass(frozen=True)
class Project:
    """A project of the portfolio and the story its monthly status reports tell."""

    pid: str
    name: str
    programme: str
    aim: str
    site: str
    owner: str
    start: int
    budget: float
    milestones: tuple[Milestone, ...]
    system: str | None = None
    issues: tuple[tuple[int, int, str, str], ...] = ()  # (from, to, status, comment)
    overrun: float = 0.0  # share spent beyond the budget at completion


# fmt: off
GO_LIVE = {"fr": "Mise en production", "de": "Inbetriebnahme", "en": "Go-live"}
REACHED = {"fr": "Jalon atteint : {}", "de": "Meilenstein erreicht: {}",
           "en": "Milestone reached: {}"}
STATUS_WORDS = {"fr": {"green": "vert", "amber": "orange", "red": "rouge"},
                "de": {"green": "grün", "amber": "gelb", "red": "rot"}}
PHASE_WORDS = {
    "fr": {"idea": "idée", "planning": "planification", "build": "réalisation",
           "rollout": "déploiement", "live": "production", "closed": "clôturé"},
    "de": {"idea": "Idee", "planning": "Planung", "build": "Umsetzung", "rollout": "Einführung",
           "live": "Betrieb", "closed": "abgeschlossen"},
}
POSITION_WORDS = {
    "fr": {"open": "ouvert", "interviewing": "entretiens", "offer": "offre", "filled": "pourvu",
           "cancelled": "annulé"},
    "de": {"open": "offen", "interviewing": "Gespräche", "offer": "Angebot", "filled": "besetzt",
           "cancelled": "storniert"},
}
# fmt: on
LATE = 99  # an issue that lasts until the latest report


def _go(
    lang: str, label: str, planned: int, actual: int | None = None, sites: tuple[str, ...] = ()
) -> Milestone:
    """A go-live milestone at the sites (by default the one site its label names)."""
    done = planned if actual is None else actual
    return Milestone(f"{GO_LIVE[lang]} {label}", planned, done, sites or (label,))


def _ms(name: str, planned: int, actual: int | None = None) -> Milestone:
    """A milestone that is not a go-live."""
    return Milestone(name, planned, planned if actual is None else actual)


CIS, MED, COM = "Clinical information system", "Medication safety", "Secure communication"
PORTAL, INFRA, WORK = "Patient portal & EPD", "Infrastructure & security", "Digital workplace"

# The portfolio. Months count from the first month of usage (as_of falls in month 30);
# each system's go-live milestones set when usage turns digital at those sites.
# fmt: off
PROJECTS: tuple[Project, ...] = (
    Project("DIG-001", "CIS selection and contract", CIS, "simplify_processes", "all",
            "CIS programme office", -26, 850_000, (
                _ms("Requirements catalogue approved", -22), _ms("Tender published", -19),
                _ms("Vendor selected", -14, -13), _ms("Contract signed", -12, -11)),
            issues=((-15, -13, "amber",
                     "Vendor evaluation extended: a second demonstration round was requested"),)),
    Project("DIG-002", "Dossier de soins informatisé (CHVR)", CIS, "time_for_patients", "Sion",
            "Applications cliniques", -16, 6_800_000, (
                _ms("Paramétrage validé", -10), _go("fr", "Sion", -6), _go("fr", "Sierre", 2),
                _go("fr", "Martigny", 4, 5), _go("fr", "Saint-Maurice", 7, 8),
                _go("fr", "Monthey", 9, 11)), "EHR",
            issues=((8, 11, "amber", "Migration des dossiers de psychiatrie plus complexe que "
                     "prévu ; mise en production de Monthey décalée de deux mois"),)),
    Project("DIG-003", "Pflegedokumentation (SZO)", CIS, "time_for_patients", "Visp",
            "Klinische Applikationen", 2, 2_450_000, (
                _ms("Schulungskonzept freigegeben", 8), _go("de", "Visp", 13),
                _go("de", "Brig", 14, 16)), "EHR",
            issues=((12, 16, "amber", "Schnittstelle zum Laborsystem verzögert; Inbetriebnahme "
                     "Brig um zwei Monate verschoben"),)),
    Project("DIG-004", "Signes vitaux connectés (CHVR)", CIS, "time_for_patients", "Sion",
            "Applications cliniques", 0, 1_250_000.50, (
                _ms("Appareils livrés", 5), _go("fr", "Sion", 7), _go("fr", "Sierre", 10),
                _go("fr", "Martigny", 12), _go("fr", "Saint-Maurice", 14),
                _go("fr", "Monthey", 15, 16)), "vital signs"),
    Project("DIG-005", "Vitalparameter vom Gerät (SZO)", CIS, "time_for_patients", "Visp",
            "Medizintechnik", 9, 540_000, (
                _ms("Geräte geliefert", 14), _go("de", "Visp", 17), _go("de", "Brig", 19)),
            "vital signs"),
    Project("DIG-006", "Reconnaissance vocale (CHVR)", CIS, "simplify_processes", "Sion",
            "Applications cliniques", 1, 920_000, (
                _go("fr", "Sion", 6), _go("fr", "Sierre", 8), _go("fr", "Martigny", 9),
                _go("fr", "Monthey et Saint-Maurice", 12, sites=("Monthey", "Saint-Maurice"))),
            "speech recognition"),
    Project("DIG-007", "Spracherkennung (SZO)", CIS, "simplify_processes", "Visp",
            "Klinische Applikationen", -6, 380_000, (
                _ms("Pilot Radiologie abgeschlossen", 1), _go("de", "Visp", 3),
                _go("de", "Brig", 4)), "speech recognition"),
    Project("DIG-008", "Demandes d'examens informatisées – CPOE (CHVR)", MED, "prevent_errors",
            "Sion", "Applications cliniques", 0, 5_600_000, (
                _ms("Catalogue des prestations validé", 5), _go("fr", "Sion", 9),
                _go("fr", "Sierre", 12), _go("fr", "Martigny", 14),
                _go("fr", "Saint-Maurice", 16, 17), _go("fr", "Monthey", 17, 18)), "CPOE",
            issues=((15, 18, "amber", "Ressources médicales insuffisantes pour la formation ; "
                     "Saint-Maurice et Monthey décalés d'un mois"),)),
    Project("DIG-009", "Elektronische Auftragserfassung – CPOE (SZO)", MED, "prevent_errors",
            "Visp", "Klinische Applikationen", 12, 1_950_000, (
                _ms("Leistungskatalog freigegeben", 16), _go("de", "Visp", 19),
                _go("de", "Brig", 21, 22)), "CPOE",
            issues=((20, 22, "amber", "Ärztliche Ressourcen für Schulungen knapp; Brig um einen "
                     "Monat verschoben"),)),
    Project("DIG-010", "Prescription médicamenteuse électronique (CHVR)", MED, "prevent_errors",
            "Sion", "Pharmacie et sécurité médicamenteuse", 2, 3_150_000, (
                _ms("Base de données des médicaments intégrée", 8), _go("fr", "Sion", 11),
                _go("fr", "Sierre", 13), _go("fr", "Martigny", 15),
                _go("fr", "Saint-Maurice", 17, 18), _go("fr", "Monthey", 19, 20)),
            "e-prescribing"),
    Project("DIG-011", "Elektronische Medikamentenverordnung (SZO)", MED, "prevent_errors", "Visp",
            "Spitalpharmazie", 14, 1_100_000, (
                _go("de", "Visp", 21), _go("de", "Brig", 22, 24),
                _ms("Hypercare abgeschlossen", 24, 26)), "e-prescribing",
            issues=((22, 26, "amber", "Stammdaten der Medikamente unvollständig; Inbetriebnahme "
                     "Brig verschoben"),)),
    Project("DIG-012", "Circuit fermé du médicament (CHVR)", MED, "prevent_errors", "Sion",
            "Pharmacie et sécurité médicamenteuse", 8, 4_750_000, (
                _ms("Lecteurs de codes-barres livrés", 14, 15), _go("fr", "Sion", 17),
                _go("fr", "Sierre", 20, 21), _go("fr", "Martigny", 23, 25),
                _go("fr", "Monthey", 29, 33), _go("fr", "Saint-Maurice", 31, 35)),
            "closed-loop medication",
            issues=((15, 21, "amber", "Livraison des lecteurs de codes-barres retardée ; pilote "
                     "de Sion maintenu"),
                    (22, 24, "amber", "Étiquetage unitaire des médicaments en retard à la "
                     "pharmacie"),
                    (25, LATE, "red", "Étiquetage unitaire insuffisant : Monthey et "
                     "Saint-Maurice reportés de quatre mois, renfort de personnel demandé")),
            overrun=0.12),
    Project("DIG-013", "Closed Loop Medikation (SZO)", MED, "prevent_errors", "Visp",
            "Spitalpharmazie", 18, 1_600_000, (
                _ms("Barcode-Scanner geliefert", 23), _go("de", "Visp", 27),
                _go("de", "Brig", 31, 32)), "closed-loop medication",
            issues=((29, LATE, "amber", "Einzeldosen-Etikettierung der Spitalpharmazie noch "
                     "nicht bereit; Brig um einen Monat verschoben"),)),
    Project("DIG-014", "Secure messaging with GPs and nursing homes", COM,
            "secure_communication", "all", "Integration & interfaces", -3, 640_000, (
                _ms("Messaging provider contract signed", 1),
                _go("en", "CHVR", 5, sites=FR_SITES), _go("en", "SZO", 6, sites=DE_SITES),
                _ms("Ward fax machines removed", 24, 32)), "secure messaging",
            issues=((23, LATE, "amber", "Many GP practices still rely on fax; removal of ward "
                     "fax machines postponed"),)),
    Project("DIG-015", "Referral e-service for GPs", COM, "secure_communication", "all",
            "Integration & interfaces", 10, 450_000, (
                _ms("Specifications approved", 14), _ms("Pilot with 20 GP practices", 20, 21),
                _ms("Open to all GP practices", 26, 27))),
    Project("DIG-016", "Patient portal", PORTAL, "patient_access", "all",
            "Patient services & EPD", 6, 2_750_000, (
                _ms("Security audit passed", 18, 19), _go("en", "Sion", 19, 20),
                _go("en", "other CHVR sites", 21, 22, REST_FR),
                _go("en", "SZO", 23, 24, DE_SITES)), "patient portal",
            issues=((18, 21, "amber", "Security audit findings on identity verification; "
                     "go-lives postponed by one month"),)),
    Project("DIG-017", "EPD connection", PORTAL, "patient_access", "all",
            "Patient services & EPD", 2, 1_080_000, (
                _ms("Reference community contract signed", 5),
                _ms("Certification audit passed", 10, 13),
                _go("en", "all sites", 11, 14, FR_SITES + DE_SITES),
                _ms("1,000 documents published", 20, 23)), "EPD",
            issues=((10, 14, "red", "Certification audit of the reference community delayed; "
                     "connection postponed by three months"),
                    (20, 23, "amber", "Few patients have opened an EPD; document volume below "
                     "plan"))),
    Project("DIG-018", "Network renewal", INFRA, "secure_communication", "all",
            "Infrastructure & network", -8, 7_400_000, (
                _ms("Core switches replaced in Sion", 2), _ms("Site networks CHVR", 10, 12),
                _ms("Site networks SZO", 16, 19),
                _ms("Medical devices on segmented network", 26, 34)),
            issues=((16, 23, "amber", "Access switches delivered late"),
                    (24, LATE, "red", "Supplier delays on access switches; segmentation of "
                     "medical devices postponed; cabling costs above budget")),
            overrun=0.18),
    Project("DIG-019", "Wi-Fi for bedside care", INFRA, "time_for_patients", "all",
            "Infrastructure & network", 0, 2_150_000, (
                _ms("Site survey completed", 3), _ms("Wi-Fi in Sion", 8),
                _ms("Wi-Fi on other CHVR sites", 13, 14), _ms("Wi-Fi in SZO", 15))),
    Project("DIG-020", "Multi-factor authentication and identity management", INFRA,
            "secure_communication", "all", "IT security", 4, 920_000, (
                _ms("Identity directory consolidated", 10, 11), _ms("MFA for remote access", 13),
                _ms("MFA for all staff", 22, 24), _ms("Privileged access management", 30, 32)),
            issues=((22, 26, "amber", "Token distribution to night-shift staff slower than "
                     "planned"),)),
    Project("DIG-021", "Backup and disaster recovery", INFRA, "prevent_errors", "all",
            "IT security", 12, 3_350_000, (
                _ms("Second server room ready", 18, 21),
                _ms("Immutable backup in production", 21, 24),
                _ms("Disaster recovery test passed", 27, 33)),
            issues=((18, 23, "amber", "Cooling upgrade of the second server room was not in "
                     "the original scope"),
                    (24, LATE, "red", "Failover test failed for the laboratory system; new test "
                     "date pending; budget overrun of about 15%")),
            overrun=0.15),
    Project("DIG-022", "Formulaires numériques (CHVR)", WORK, "simplify_processes", "Sion",
            "Poste de travail numérique", -2, 690_000, (
                _go("fr", "Sion", 4), _go("fr", "Sierre", 6), _go("fr", "Martigny", 7),
                _go("fr", "Saint-Maurice", 9), _go("fr", "Monthey", 10)), "digital forms"),
    Project("DIG-023", "Digitale Formulare (SZO)", WORK, "simplify_processes", "Visp",
            "Digitaler Arbeitsplatz", 1, 280_000, (
                _ms("Formularkatalog bereinigt", 5), _go("de", "Visp", 8),
                _go("de", "Brig", 9)), "digital forms"),
    Project("DIG-024", "Mobile devices for nurses", WORK, "time_for_patients", "all",
            "Digital workplace team", 5, 1_750_000, (
                _ms("Device model selected", 8), _ms("Rollout CHVR", 14, 16),
                _ms("Rollout SZO", 18, 21), _ms("Mobile barcode scanning enabled", 24, 27)),
            issues=((14, 21, "amber", "Battery life of the first device model too short for "
                     "night shifts; replacement model ordered"),)),
    Project("DIG-025", "Digital transformation dashboard", WORK, "simplify_processes", "all",
            "Data & analytics", 22, 540_000, (
                _ms("Data contracts agreed", 24), _ms("First board pack", 27, 28),
                _ms("Self-service upload for project leads", 31))),
)

# Positions: (role, team, site, programme, fte, annual cost at 100%, days open before
# as_of, days to fill; 0 = cancelled).
POSITIONS: tuple[tuple[str, str, str, str, float, int, int, int], ...] = (
    ("IT programme manager", "CIS programme office", "Sion", CIS, 1.0, 175_000, 540, 120),
    ("application owner", "Clinical applications", "Sion", CIS, 1.0, 150_000, 520, 110),
    ("software developer", "Development & integration", "Sion", CIS, 1.0, 140_000, 500, 95),
    ("network engineer", "Infrastructure & network", "Sion", INFRA, 1.0, 135_000, 480, 150),
    ("security & system administrator", "IT security", "Sion", INFRA, 1.0, 145_000, 470, 160),
    ("application owner", "Clinical applications", "Visp", MED, 0.8, 150_000, 450, 130),
    ("software developer", "Development & integration", "Sion", PORTAL, 1.0, 140_000, 420, 100),
    ("UX designer", "Digital workplace", "Sion", PORTAL, 0.8, 125_000, 400, 140),
    ("security & system administrator", "IT security", "Visp", INFRA, 1.0, 145_000, 380, 200),
    ("software developer", "Development & integration", "Sion", COM, 0.9, 140_000, 350, 110),
    ("application owner", "Clinical applications", "Martigny", MED, 1.0, 150_000, 330, 90),
    ("network engineer", "Infrastructure & network", "Visp", INFRA, 1.0, 135_000, 300, 0),
    ("software developer", "Development & integration", "Sion", CIS, 1.0, 140_000, 270, 120),
    ("security & system administrator", "IT security", "Sion", COM, 1.0, 145_000, 240, 265),
    ("application owner", "Clinical applications", "Sion", CIS, 0.9, 150_000, 200, 150),
    ("UX designer", "Digital workplace", "Sion", WORK, 0.8, 125_000, 160, 180),
    ("software developer", "Development & integration", "Brig", WORK, 1.0, 140_000, 120, 160),
    ("application owner", "Clinical applications", "Brig", MED, 1.0, 150_000, 90, 150),
    ("security & system administrator", "IT security", "Sion", INFRA, 1.0, 145_000, 60, 150),
    ("software developer", "Development & integration", "Sion", PORTAL, 1.0, 140_000, 15, 140),
)
# fmt: on


def write_demo_exports(
    out_dir: Path,
    seed: int = 42,
    scale: float = 1.0,
    as_of: date | None = None,
    usage_months: int = MONTHS,
) -> list[Path]:
    """Write the demo exports into out_dir and return their paths, in the order to load them.

    Usage covers the `usage_months` months before as_of's month, then that month up to
    as_of (0: that month alone). The story keeps its place: usage before it is pre-go-live.
    """
    if scale <= 0:
        raise ValueError("scale must be positive")
    if usage_months < 0:
        raise ValueError("usage_months must not be negative")
    as_of = as_of or date.today()
    out_dir.mkdir(parents=True, exist_ok=True)
    t0 = _month(as_of.replace(day=1), -MONTHS)
    regions = _site_regions()
    paths = [
        _write_projects(out_dir / "projects.csv", t0, as_of, seed, regions),
        _write_milestones(out_dir / "milestones.csv", t0, as_of),
        _write_positions(out_dir / "positions.xlsx", as_of, seed, regions),
    ]
    first_day = _month(as_of.replace(day=1), -usage_months)
    return paths + _write_usage(out_dir, t0, (first_day, as_of), seed, scale, regions)


# --- calendar ---------------------------------------------------------------------------


def _month(t0: date, m: int) -> date:
    """The first day of the month m months after t0's month."""
    index = t0.year * 12 + t0.month - 1 + m
    return date(index // 12, index % 12 + 1, 1)


def _month_end(first: date) -> date:
    """The last day of first's month."""
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _event_day(t0: date, m: int) -> date:
    """The day a milestone of month m happens: the month's first Tuesday."""
    first = _month(t0, m)
    return first + timedelta(days=(1 - first.weekday()) % 7)


def _swiss_date(day: date) -> str:
    """31.01.2025"""
    return day.strftime("%d.%m.%Y")


def _swiss_number(value: float) -> str:
    """1250000.5 -> 1'250'000.50"""
    return f"{value:,.2f}".replace(",", "'")


# --- reference data ---------------------------------------------------------------------


def _site_regions() -> dict[str, str]:
    """site -> language region, from sites.csv; the demo's departments must match it."""
    with settings.reference_file("sites.csv").open(encoding="utf-8", newline="") as f:
        regions = {row["site"]: row["region"] for row in csv.DictReader(f)}
    missing = {site for site, *_ in DEPARTMENTS} - set(regions)
    if missing:
        raise ValueError(f"sites.csv lacks the demo sites {sorted(missing)}")
    return regions


def _metric_systems() -> dict[str, str]:
    """metric -> system, from the catalogue; every metric the demo writes must be in it."""
    with settings.reference_file("metrics.csv").open(encoding="utf-8", newline="") as f:
        systems = {row["metric"]: row["system"] for row in csv.DictReader(f)}
    used = {m for fam in FAMILIES for m in (fam.digital, fam.paper) if m}
    if used - set(systems):
        raise ValueError(f"metrics.csv lacks the demo metrics {sorted(used - set(systems))}")
    return systems


def _lang(site: str, regions: dict[str, str]) -> str:
    """The language a site's people write in; hospital-wide projects report in English."""
    return regions.get(site, "en")


# --- projects and milestones ------------------------------------------------------------

PROJECT_HEADER = [
    "Report date",
    "Project ID",
    "Project name",
    "Programme",
    "Aim",
    "Site",
    "Owner",
    "Phase",
    "Status",
    "Start date",
    "Planned end",
    "Forecast end",
    "Budget CHF",
    "Spent CHF",
    "Percent complete",
    "Comment",
]
PHASES = ("idea", "planning", "build", "rollout", "live", "closed")


def _write_projects(path: Path, t0: date, as_of: date, seed: int, regions: dict[str, str]) -> Path:
    """Monthly status reports with Swiss numbers and dates, in the site's language."""
    rng = random.Random(seed)  # noqa: S311 (demo figures, not security)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(PROJECT_HEADER)
        for project in PROJECTS:
            writer.writerows(_project_rows(project, t0, as_of, rng, regions))
    return path


def _project_rows(
    p: Project, t0: date, as_of: date, rng: random.Random, regions: dict[str, str]
) -> list[list[str]]:
    """One report per month from the project's start until it closes or as_of."""
    lang = _lang(p.site, regions)
    rows: list[list[str]] = []
    phase_index, percent, spent = 0, 0.0, 0.0
    for m in range(p.start, MONTHS + 1):
        if _month_end(_month(t0, m)) > as_of:
            break
        end = _forecast_month(p, m)
        phase, progress = _progress(p, m, end)
        phase_index = max(phase_index, PHASES.index(phase))  # reports never go backwards
        percent = max(percent, progress)
        burn = p.budget * percent / 100 * (1 + p.overrun * percent / 100)
        spent = max(spent, round(burn * (0.97 + 0.04 * rng.random()), 2))
        rows.append(_report_row(p, t0, m, end, PHASES[phase_index], percent, spent, lang))
        if PHASES[phase_index] == "closed":
            break
    return rows


def _report_row(
    p: Project, t0: date, m: int, end: int, phase: str, percent: float, spent: float, lang: str
) -> list[str]:
    """A status report as the portfolio tool exports it: Swiss dates and numbers, local words."""
    status, comment = _status(p, m, lang)
    planned_end = max(ms.planned for ms in p.milestones) + 1
    # fmt: off
    return [
        _swiss_date(_month_end(_month(t0, m))), p.pid, p.name, p.programme, p.aim, p.site,
        p.owner, PHASE_WORDS.get(lang, {}).get(phase, phase),
        STATUS_WORDS.get(lang, {}).get(status, status), _swiss_date(_month(t0, p.start)),
        _swiss_date(_month_end(_month(t0, planned_end))), _swiss_date(_month_end(_month(t0, end))),
        _swiss_number(p.budget), _swiss_number(spent), f"{percent:.0f}%", comment,
    ]
    # fmt: on


def _forecast_month(p: Project, m: int) -> int:
    """The end month forecast at month m: a delay shows as many months ahead as it is long."""
    known = [
        ms.actual if m >= ms.planned - max(1, ms.actual - ms.planned) else ms.planned for ms in p.milestones
    ]
    return max(known) + 1


def _progress(p: Project, m: int, end: int) -> tuple[str, float]:
    """Phase and percent complete at month m; go-lives mark the rollout of a system."""
    golives = sorted(ms.actual for ms in p.milestones if ms.sites)
    first, last = (golives[0], golives[-1]) if golives else (end, end)
    if m >= end + 2:
        return "closed", 100.0
    if m >= last:
        return "live", 95.0
    if m >= first:
        return "rollout", 60 + 35 * sum(g <= m for g in golives) / len(golives)
    x = (m - p.start) / max(1, first - p.start)
    phase = "idea" if x < 0.15 else "planning" if x < 0.4 else "build"
    if not golives and x >= 0.8:
        phase = "rollout"
    return phase, (60 if golives else 95) * x


def _status(p: Project, m: int, lang: str) -> tuple[str, str]:
    """Status and comment at month m: an open issue wins, else the milestones just reached."""
    for start, stop, status, comment in p.issues:
        if start <= m <= stop:
            return status, comment
    reached = [ms.name for ms in p.milestones if ms.actual == m]
    return "green", REACHED[lang].format(", ".join(reached)) if reached else ""


def _write_milestones(path: Path, t0: date, as_of: date) -> Path:
    """Plain UTF-8 CSV, ISO dates; actual_date empty until the milestone is reached."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["project_id", "milestone_id", "milestone", "planned_date", "actual_date"])
        for p in PROJECTS:
            ordered = sorted(p.milestones, key=lambda ms: (ms.planned, ms.actual))
            for number, ms in enumerate(ordered, start=1):
                actual = _event_day(t0, ms.actual)
                writer.writerow(
                    [
                        p.pid,
                        f"M{number}",
                        ms.name,
                        _event_day(t0, ms.planned).isoformat(),
                        actual.isoformat() if actual <= as_of else "",
                    ]
                )
    return path


# --- positions --------------------------------------------------------------------------


class Position(NamedTuple):
    """A row of the staffing export, in the contract's column order."""

    position_id: str
    role: str
    team: str
    site: str
    fte: float
    status: str
    opened_date: date
    filled_date: date | None
    programme: str
    annual_cost_chf: float


def _position_rows(as_of: date, seed: int) -> list[Position]:
    """The 20 positions; status follows from when each was opened and how long it takes."""
    rng = random.Random(seed + 1)  # noqa: S311 (demo figures, not security)
    rows: list[Position] = []
    for number, (role, team, site, prog, fte, cost, age, fill) in enumerate(POSITIONS, 1):
        opened = as_of - timedelta(days=age + rng.randint(-7, 7))
        fill = fill + rng.randint(-15, 15) if fill else 0
        days_open = (as_of - opened).days
        filled = opened + timedelta(days=fill) if 0 < fill <= days_open else None
        status = _position_status(fill, days_open)
        pid, chf = f"POS-{number:02d}", round(cost * fte, -2)
        rows.append(Position(pid, role, team, site, fte, status, opened, filled, prog, chf))
    return rows


def _position_status(fill: int, days_open: int) -> str:
    """Where the hiring stands after days_open days, when filling takes fill days (0: never)."""
    if fill <= 0:
        return "cancelled"
    if fill <= days_open:
        return "filled"
    if days_open >= fill - 30:
        return "offer"
    return "interviewing" if days_open >= 25 else "open"


def _write_positions(path: Path, as_of: date, seed: int, regions: dict[str, str]) -> Path:
    """An Excel staffing list: sheet 'positions', real date cells, fte shown as a percentage."""
    book = xlsxwriter.Workbook(str(path))
    book.set_properties({"created": datetime(as_of.year, as_of.month, as_of.day)})
    sheet = book.add_worksheet("positions")
    day = book.add_format({"num_format": "dd.mm.yyyy"})
    pct = book.add_format({"num_format": "0%"})
    chf = book.add_format({"num_format": "#,##0"})
    sheet.write_row(0, 0, Position._fields)
    for r, row in enumerate(_position_rows(as_of, seed), start=1):
        words = POSITION_WORDS.get(_lang(row.site, regions), {})
        sheet.write_row(r, 0, [row.position_id, row.role, row.team, row.site])
        sheet.write_number(r, 4, row.fte, pct)
        sheet.write_string(r, 5, words.get(row.status, row.status))
        sheet.write_datetime(r, 6, row.opened_date, day)
        if row.filled_date:
            sheet.write_datetime(r, 7, row.filled_date, day)
        sheet.write_string(r, 8, row.programme)
        sheet.write_number(r, 9, row.annual_cost_chf, chf)
    book.close()
    return path


# --- usage ------------------------------------------------------------------------------

USAGE_SQL = """
create macro uniform(h) as (h % 1000003)::double / 1000003;

create table usage_daily as
with
days as (
    -- weekends are quieter for most activities; winter (flu season) busier than summer
    select d::date as day, isodow(d) >= 6 as weekend,
        1 + 0.06 * cos(2 * pi() * (dayofyear(d) - 20) / 365.25) as season
    from range(date '{start}', date '{stop}', interval 1 day) as t(d)
),
series as (
    -- one series per unit and family it records, with the unit's own ceiling and pace
    select
        u.unit_id, f.family_id, f.shape, f.pre, f.width, f.weekend as weekend_factor,
        g.go_live,
        u.beds * k.mult * f.per_bed as base_volume,
        f.ceiling * (0.9 + 0.1 * uniform(hash({seed}, u.unit_id, f.family_id, 1))) as ceiling,
        f.mid * (0.6 + 0.8 * uniform(hash({seed}, u.unit_id, f.family_id, 2))) as mid
    from units as u
    join kind_mix as k on k.kind = u.kind
    join families as f on f.family = k.family
    left join go_lives as g on g.site = u.site and g.system = f.system
),
daily as (
    select
        s.*, d.day, d.day - s.go_live as since,
        s.base_volume * d.season * (case when d.weekend then s.weekend_factor else 1 end)
            * (0.8 + 0.4 * uniform(hash({seed}, s.unit_id, s.family_id, d.day))) as volume
    from series as s cross join days as d
),
shared as (
    -- digital share: flat before the go-live at this site, then an S-curve to the ceiling
    select *,
        case when since is null or since < 0 then pre
            else pre + (ceiling - pre) / (1 + exp(-(since - mid) / width)) end as share
    from daily
)
select
    day, unit_id, family_id,
    case when shape = 'stock'  -- a level (staff trained, accounts) that only grows
        then round(base_volume * ceiling
            * (1 - exp(-greatest(0, coalesce(since - mid, 0)) / width)))
        else round(volume * share) end::bigint as digital,
    round(volume * (1 - share))::bigint as paper
from shared;

create view usage_long as
select v.day, v.unit_id, u.region, u.site, u.department, f.system,
    f.digital as metric, v.digital as value, 2 * f.family_id as metric_order
from usage_daily as v join units as u using (unit_id) join families as f using (family_id)
union all
select v.day, v.unit_id, u.region, u.site, u.department, f.system,
    f.paper as metric, v.paper as value, 2 * f.family_id + 1 as metric_order
from usage_daily as v join units as u using (unit_id) join families as f using (family_id)
where f.paper is not null;
"""

INPUT_TABLES = {
    "units": "unit_id integer, site varchar, region varchar, department varchar, kind varchar, beds double",
    "kind_mix": "kind varchar, family varchar, mult double",
    "families": "family_id integer, system varchar, family varchar, digital varchar, "
    "paper varchar, per_bed double, weekend double, pre double, ceiling double, mid double, "
    "width double, shape varchar",
    "go_lives": "site varchar, system varchar, go_live date",
}


def _write_usage(
    out_dir: Path,
    t0: date,
    days: tuple[date, date],
    seed: int,
    scale: float,
    regions: dict[str, str],
) -> list[Path]:
    """Daily usage over `days` (first, last), the story starting at t0: the FR centre's long
    files per year, the DE centre's wide files per system."""
    first, last = days
    systems = _metric_systems()
    con = duckdb.connect()
    con.execute("set enable_progress_bar = false")
    try:
        _usage_inputs(con, t0, scale, regions, systems)
        con.execute(USAGE_SQL.format(start=first, stop=last + timedelta(days=1), seed=int(seed)))
        with tempfile.TemporaryDirectory(dir=out_dir) as tmp:
            years = range(first.year, last.year + 1)
            paths = [_write_fr_year(con, out_dir, Path(tmp), year) for year in years]
            for system in dict.fromkeys(systems[f.digital] for f in FAMILIES):
                metrics = [m for f in FAMILIES for m in (f.digital, f.paper) if m and systems[m] == system]
                paths.append(_write_de_system(con, out_dir, Path(tmp), system, metrics))
    finally:
        con.close()
    return [path for path in paths if path]


def _usage_inputs(
    con: duckdb.DuckDBPyConnection,
    t0: date,
    scale: float,
    regions: dict[str, str],
    systems: dict[str, str],
) -> None:
    """The small tables the usage query expands: units, families, kinds and go-lives."""
    rows: dict[str, Sequence[tuple[object, ...]]] = {
        "units": _units(scale, regions),
        "kind_mix": [(k, fam, mult) for k, mix in KIND_MIX.items() for fam, mult in mix.items()],
        "families": [(i, systems[f.digital], *astuple(f)) for i, f in enumerate(FAMILIES)],
        "go_lives": _go_lives(t0),
    }
    for table, columns in INPUT_TABLES.items():
        con.execute(f"create table {table} ({columns})")
        marks = ", ".join("?" * len(rows[table][0]))
        con.executemany(f"insert into {table} values ({marks})", rows[table])


def _units(scale: float, regions: dict[str, str]) -> list[tuple[object, ...]]:
    """Departments (copied into more units when scale > 1) and one site-level unit per site.

    Units are taken round-robin over the sites, so that a small scale still covers each site.
    """
    sites = list(regions)
    rank = [sum(o[0] == d[0] for o in DEPARTMENTS[:i]) for i, d in enumerate(DEPARTMENTS)]
    wanted = max(1, round(scale * len(DEPARTMENTS)))
    copies = -(-wanted // len(DEPARTMENTS))
    picked = sorted(
        (copy, rank[i], sites.index(DEPARTMENTS[i][0]), i)
        for copy in range(copies)
        for i in range(len(DEPARTMENTS))
    )[:wanted]
    units: list[tuple[str, str | None, str, int]] = []
    for copy, _, _, i in sorted(picked, key=lambda pick: (pick[3], pick[0])):
        site, name, kind, beds = DEPARTMENTS[i]
        units.append((site, f"{name} {copy + 1}" if copy else name, kind, beds))
    for site in dict.fromkeys(d[0] for d in DEPARTMENTS):
        units.append((site, None, "site", sum(d[3] for d in DEPARTMENTS if d[0] == site)))
    return [(i, site, regions[site], dept, kind, beds) for i, (site, dept, kind, beds) in enumerate(units)]


def _go_lives(t0: date) -> list[tuple[str, str, date]]:
    """(site, system, day): when each system went live, or is expected to, at each site."""
    found: dict[tuple[str, str], date] = {}
    for p in PROJECTS:
        golives = [(site, ms) for ms in p.milestones for site in ms.sites] if p.system else []
        for site, ms in golives:
            if (site, str(p.system)) in found:
                raise ValueError(f"two go-lives of {p.system} at {site}")
            found[(site, str(p.system))] = _event_day(t0, ms.actual)
    return [(site, system, day) for (site, system), day in found.items()]


def _write_fr_year(con: duckdb.DuckDBPyConnection, out_dir: Path, tmp: Path, year: int) -> Path | None:
    """The FR centre's export: long form, French headers, ';', dd.mm.yyyy, Windows-1252."""
    query = f"""
        select strftime(day, '%d.%m.%Y') as "Date", site as "Site", department as "Service",
            system as "Système", metric as "Indicateur", value as "Valeur"
        from usage_long where region = 'fr' and year(day) = {int(year)}
        order by day, unit_id, metric_order"""
    return _export(con, query, out_dir / f"usage_fr_{year}.csv", tmp, ";", "cp1252", r"\r\n")


def _write_de_system(
    con: duckdb.DuckDBPyConnection, out_dir: Path, tmp: Path, system: str, metrics: list[str]
) -> Path | None:
    """The DE centre's export of one system: wide form, German headers, UTF-8 with BOM."""
    columns = ", ".join(f'max(value) filter (where metric = {_sql(m)}) as "{m}"' for m in metrics)
    query = f"""
        select day as "Datum", site as "Standort", department as "Abteilung",
            system as "System", {columns}
        from usage_long where region = 'de' and system = {_sql(system)}
        group by day, unit_id, site, department, system
        order by day, unit_id"""
    name = re.sub(r"[^a-z0-9]+", "_", system.lower()).strip("_")
    return _export(con, query, out_dir / f"usage_de_{name}.csv", tmp, ",", "utf-8-sig", r"\n")


def _export(
    con: duckdb.DuckDBPyConnection,
    query: str,
    path: Path,
    tmp: Path,
    sep: str,
    encoding: str,
    newline: str,
) -> Path | None:
    """COPY a query to a staged UTF-8 CSV, then write it in the export's encoding.

    None when the query has no rows (a small scale may leave a region without a system).
    """
    staged = tmp / path.name
    options = f"header, delimiter {_sql(sep)}, new_line {_sql(newline)}"
    copied = con.execute(f"copy ({query}) to {_sql(str(staged))} ({options})").fetchone()
    if not copied or not copied[0]:
        return None
    with staged.open("rb") as src, path.open("wb") as dst:
        if encoding == "utf-8-sig":
            dst.write(codecs.BOM_UTF8)
            shutil.copyfileobj(src, dst, 1 << 24)
        else:
            _recode(src, dst, encoding)
    staged.unlink()
    return path


def _recode(src: BinaryIO, dst: BinaryIO, encoding: str) -> None:
    """Re-encode UTF-8 text block by block, cutting blocks at line breaks."""
    rest = b""
    while block := src.read(1 << 24):
        block = rest + block
        cut = block.rfind(b"\n") + 1
        dst.write(block[:cut].decode("utf-8").encode(encoding))
        rest = block[cut:]
    dst.write(rest.decode("utf-8").encode(encoding))


def _sql(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"
