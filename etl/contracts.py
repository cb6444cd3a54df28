"""The export contracts (shared/contracts.md, section 1) as one declarative table.

Everything that reads, validates or stores an export takes its columns, types, keys and
rules from here; nothing else spells them out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

ColumnType = Literal["text", "date", "number", "enum"]


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    required: bool
    enum: str | None = None
    # French and German header names a tool may write (a widening of the contract).
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """A row rule: `violation` is a SQL condition on the typed columns, true when broken."""

    name: str
    column: str
    violation: str
    expected: str  # message key in etl.messages


@dataclass(frozen=True)
class Kind:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    rules: tuple[Rule, ...] = field(default=())

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


AIMS = (
    "simplify_processes",
    "secure_communication",
    "prevent_errors",
    "time_for_patients",
    "patient_access",
)

# Accepted spellings per enum, keyed by the stored English value. Matching is on the
# lower-cased, accent-stripped form, so "Grün", "grun" and "GRUEN" all count.
ENUMS: dict[str, dict[str, tuple[str, ...]]] = {
    "status": {
        "green": ("green", "vert", "grun", "gruen"),
        "amber": ("amber", "orange", "gelb"),
        "red": ("red", "rouge", "rot"),
    },
    "phase": {
        "idea": ("idea", "idee"),
        "planning": ("planning", "planification", "planung"),
        "build": ("build", "realisation", "umsetzung"),
        "rollout": ("rollout", "deploiement", "einfuhrung", "einfuehrung"),
        "live": ("live", "production", "betrieb"),
        "closed": ("closed", "cloture", "abgeschlossen"),
    },
    "position_status": {
        "open": ("open", "ouvert", "offen"),
        "interviewing": ("interviewing", "entretiens", "gesprache", "gespraeche"),
        "offer": ("offer", "offre", "angebot"),
        "filled": ("filled", "pourvu", "besetzt"),
        "cancelled": ("cancelled", "annule", "storniert"),
    },
    "aim": {aim: (aim, aim.replace("_", " ")) for aim in AIMS},
}

PROJECTS = Kind(
    name="projects",
    columns=(
        Column("report_date", "date", True, aliases=("date du rapport", "berichtsdatum", "stichtag")),
        Column("project_id", "text", True, aliases=("id projet", "projekt id", "projekt-id")),
        Column("project_name", "text", True, aliases=("nom du projet", "projektname")),
        Column("programme", "text", True, aliases=("programme", "programm", "program")),
        Column("aim", "enum", False, enum="aim", aliases=("objectif", "ziel")),
        Column("site", "text", False, aliases=("standort",)),
        Column("owner", "text", False, aliases=("responsable", "verantwortlich")),
        Column("phase", "enum", True, enum="phase"),
        Column("status", "enum", True, enum="status", aliases=("statut",)),
        Column("start_date", "date", False, aliases=("date de debut", "startdatum", "beginn")),
        Column("planned_end", "date", True, aliases=("fin prevue", "geplantes ende")),
        Column("forecast_end", "date", False, aliases=("fin prevue actualisee", "prognose ende")),
        Column("budget_chf", "number", False, aliases=("budget chf", "budget")),
        Column("spent_chf", "number", False, aliases=("depense chf", "ausgaben chf", "kosten chf")),
        Column("percent_complete", "number", True, aliases=("avancement", "fortschritt")),
        Column("comment", "text", False, aliases=("commentaire", "kommentar", "bemerkung")),
    ),
    key=("project_id", "report_date"),
    rules=(
        Rule("planned_end_after_start", "planned_end", "planned_end < start_date", "not_before_start"),
        Rule("forecast_end_after_start", "forecast_end", "forecast_end < start_date", "not_before_start"),
        Rule("budget_not_negative", "budget_chf", "budget_chf < 0", "not_negative"),
        Rule("spent_not_negative", "spent_chf", "spent_chf < 0", "not_negative"),
        Rule(
            "percent_in_range",
            "percent_complete",
            "percent_complete < 0 or percent_complete > 100",
            "percent_range",
        ),
    ),
)

MILESTONES = Kind(
    name="milestones",
    columns=(
        Column("project_id", "text", True, aliases=("id projet", "projekt id")),
        Column("milestone_id", "text", True, aliases=("id jalon", "meilenstein id")),
        Column("milestone", "text", True, aliases=("jalon", "meilenstein")),
        Column("planned_date", "date", True, aliases=("date prevue", "geplantes datum")),
        Column("actual_date", "date", False, aliases=("date effective", "ist datum")),
    ),
    key=("project_id", "milestone_id"),
)

POSITIONS = Kind(
    name="positions",
    columns=(
        Column("position_id", "text", True, aliases=("id poste", "stellen id")),
        Column("role", "text", True, aliases=("fonction", "rolle", "funktion")),
        Column("team", "text", False, aliases=("equipe",)),
        Column("site", "text", False, aliases=("standort",)),
        Column("fte", "number", True, aliases=("etp", "taux", "pensum", "vza")),
        Column("status", "enum", True, enum="position_status", aliases=("statut",)),
        Column("opened_date", "date", True, aliases=("date d'ouverture", "eroffnet am")),
        Column("filled_date", "date", False, aliases=("date de repourvue", "besetzt am")),
        Column("programme", "text", False, aliases=("programm",)),
        Column("annual_cost_chf", "number", False, aliases=("cout annuel chf", "jahreskosten chf")),
    ),
    key=("position_id",),
    rules=(
        Rule("fte_in_range", "fte", "fte <= 0 or fte > 1", "fte_range"),
        Rule(
            "filled_date_when_filled",
            "filled_date",
            "status = 'filled' and filled_date is null",
            "filled_needs_date",
        ),
        Rule("filled_after_opened", "filled_date", "filled_date < opened_date", "not_before_opened"),
        Rule("cost_not_negative", "annual_cost_chf", "annual_cost_chf < 0", "not_negative"),
    ),
)

USAGE = Kind(
    name="usage",
    columns=(
        Column("date", "date", True, aliases=("datum", "jour", "tag", "mois", "monat")),
        Column("site", "text", True, aliases=("standort",)),
        Column("department", "text", False, aliases=("service", "departement", "abteilung", "station")),
        Column("system", "text", True, aliases=("systeme", "system")),
        Column("metric", "text", True, aliases=("metrique", "indicateur", "kennzahl")),
        Column("value", "number", True, aliases=("valeur", "wert")),
    ),
    key=("date", "site", "department", "system", "metric"),
    rules=(
        Rule("date_not_future", "date", "date > current_date", "not_future"),
        Rule("value_not_negative", "value", "value < 0", "not_negative"),
    ),
)

KINDS: dict[str, Kind] = {k.name: k for k in (PROJECTS, MILESTONES, POSITIONS, USAGE)}

# The key columns of a wide usage file; every other column must be a catalogue metric.
USAGE_WIDE_KEYS = ("date", "site", "department", "system")

# Headers that identify a person (section 3), in English, French and German.
PERSONAL_HEADERS = frozenset(
    {
        "user",
        "user_id",
        "userid",
        "username",
        "user_name",
        "login",
        "email",
        "e_mail",
        "mail",
        "employee_id",
        "employee",
        "patient_id",
        "patient",
        "avs",
        "ahv",
        "date_of_birth",
        "dob",
        "birth_date",
        "utilisateur",
        "nom_d_utilisateur",
        "courriel",
        "adresse_e_mail",
        "id_employe",
        "collaborateur",
        "id_patient",
        "date_de_naissance",
        "no_avs",
        "numero_avs",
        "benutzer",
        "benutzername",
        "benutzer_id",
        "mitarbeiter",
        "mitarbeiter_id",
        "personalnummer",
        "patienten_id",
        "geburtsdatum",
        "ahv_nummer",
        "ahv_nr",
        "sozialversicherungsnummer",
    }
)

# Words that identify a person wherever they stand in a header ("Email address",
# "E-Mail-Adresse", "No AVS patient").
PERSONAL_WORDS = (
    "email",
    "e_mail",
    "mail",
    "courriel",
    "username",
    "user_name",
    "user_id",
    "avs",
    "ahv",
    "date_of_birth",
    "birth_date",
    "dob",
    "date_de_naissance",
    "geburtsdatum",
    "employee_id",
    "id_employe",
    "mitarbeiter_id",
    "personalnummer",
    "patient_id",
    "id_patient",
    "patienten_id",
    "benutzername",
    "benutzer_id",
)

# A Swiss social-security number anywhere in a cell (756.xxxx.xxxx.xx).
SSN_PATTERN = r"756\.\d{4}\.\d{4}\.\d{2}"


def normalise_header(header: str) -> str:
    """`Project ID` -> `project_id`: case, accents, spaces, hyphens and quotes ignored."""
    text = unicodedata.normalize("NFKD", header.replace("\ufeff", ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\s\-'’./]+", "_", text.strip().lower())
    return text.strip("_")


def is_personal_header(normalised: str) -> bool:
    """Whether a normalised header names a personal identifier (section 3)."""
    if normalised in PERSONAL_HEADERS:
        return True
    return any(re.search(rf"(^|_){word}($|_)", normalised) for word in PERSONAL_WORDS)


def header_names(column: Column) -> set[str]:
    """Every normalised header that means this column."""
    return {normalise_header(column.name)} | {normalise_header(a) for a in column.aliases}
