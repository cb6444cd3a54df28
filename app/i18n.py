"""Everything a person reads, in French, German and English, and locale-aware formatting.

One table holds every text with the three languages side by side; `t(key, **params)`
returns it in the current language. The language is chosen in the sidebar and kept in
the URL (`?lang=fr|de|en`, French by default). Numbers and dates go through Babel with
the Swiss and British locales (fr_CH, de_CH, en_GB).
"""

from __future__ import annotations

from datetime import date, datetime

import streamlit as st
from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import get_decimal_symbol, get_group_symbol, parse_pattern

LANGUAGES = ("fr", "de", "en")
DEFAULT_LANGUAGE = "fr"
LOCALES = {"fr": "fr_CH", "de": "de_CH", "en": "en_GB"}
LANGUAGE_NAMES = {"fr": "Français", "de": "Deutsch", "en": "English"}
QUERY_PARAM = "lang"
_CHOICE = "language"  # the sidebar picker's key in st.session_state

TRANSLATIONS: dict[str, dict[str, str]] = {
    # Sidebar filters, shared by every board page (app/filters.py).
    "filters.period": {"fr": "Période", "de": "Zeitraum", "en": "Period"},
    "filters.scope": {"fr": "Région ou site", "de": "Region oder Standort", "en": "Region or site"},
    "filters.all_sites": {"fr": "Tout l'hôpital", "de": "Ganzes Spital", "en": "Whole hospital"},
    "filters.region.fr": {
        "fr": "Valais romand (CHVR)",
        "de": "Unterwallis (CHVR)",
        "en": "French-speaking Valais (CHVR)",
    },
    "filters.region.de": {
        "fr": "Haut-Valais (SZO)",
        "de": "Oberwallis (SZO)",
        "en": "German-speaking Valais (SZO)",
    },
    "filters.region.other": {"fr": "Autres sites", "de": "Andere Standorte", "en": "Other sites"},
    "filters.programme": {"fr": "Programme", "de": "Programm", "en": "Programme"},
    "filters.all_programmes": {
        "fr": "Tous les programmes",
        "de": "Alle Programme",
        "en": "All programmes",
    },
    "filters.aim": {"fr": "Objectif", "de": "Ziel", "en": "Aim"},
    "filters.all_aims": {"fr": "Tous les objectifs", "de": "Alle Ziele", "en": "All aims"},
    "filters.empty": {
        "fr": "Aucune donnée pour ces filtres. Élargissez la période ou choisissez tout l'hôpital.",
        "de": "Keine Daten für diese Filter. Erweitern Sie den Zeitraum oder wählen Sie das ganze Spital.",
        "en": "No data for these filters. Widen the period or choose the whole hospital.",
    },
    # The five aims of the programme (etl.contracts.AIMS).
    "aim.simplify_processes": {
        "fr": "Simplifier les processus",
        "de": "Prozesse vereinfachen",
        "en": "Simplify processes",
    },
    "aim.secure_communication": {
        "fr": "Sécuriser la communication",
        "de": "Kommunikation sichern",
        "en": "Secure communication",
    },
    "aim.prevent_errors": {"fr": "Prévenir les erreurs", "de": "Fehler vermeiden", "en": "Prevent errors"},
    "aim.time_for_patients": {
        "fr": "Du temps pour les patients",
        "de": "Zeit für Patientinnen und Patienten",
        "en": "Time for patients",
    },
    "aim.patient_access": {
        "fr": "Accès des patients à leurs données",
        "de": "Zugang der Patienten zu ihren Daten",
        "en": "Patients' access to their data",
    },
    # The shell: title, navigation, language, first start, errors.
    "app.title": {
        "fr": "Transformation numérique",
        "de": "Digitale Transformation",
        "en": "Digital transformation",
    },
    "nav.overview": {"fr": "Vue d'ensemble", "de": "Übersicht", "en": "Overview"},
    "nav.section.board": {"fr": "Conseil", "de": "Verwaltungsrat", "en": "Board"},
    "nav.section.lead": {"fr": "Chefs de projet", "de": "Projektleitung", "en": "Project leads"},
    "nav.section.analyst": {"fr": "Analyse", "de": "Analyse", "en": "Analysts"},
    # The same in every language: whoever opens the app must find the picker, and a
    # widget whose label changed would forget the choice just made.
    "sidebar.language": {
        "fr": "Langue · Sprache · Language",
        "de": "Langue · Sprache · Language",
        "en": "Langue · Sprache · Language",
    },
    "first_start.title": {
        "fr": "Premier démarrage : préparation des données de démonstration",
        "de": "Erster Start: Demonstrationsdaten werden vorbereitet",
        "en": "First start: preparing the demonstration data",
    },
    "first_start.progress": {
        "fr": "Préparation des données… {percent}",
        "de": "Daten werden vorbereitet… {percent}",
        "en": "Preparing the data… {percent}",
    },
    "first_start.waiting": {
        "fr": "Les données de démonstration sont en préparation, un instant…",
        "de": "Die Demonstrationsdaten werden vorbereitet, einen Moment…",
        "en": "The demonstration data is being prepared, one moment…",
    },
    "first_start.done": {
        "fr": "Données de démonstration prêtes",
        "de": "Demonstrationsdaten bereit",
        "en": "Demonstration data ready",
    },
    "first_start.failed": {
        "fr": "Les données de démonstration n'ont pas pu être préparées. "
        "Contactez l'équipe d'analyse.",
        "de": "Die Demonstrationsdaten konnten nicht vorbereitet werden. "
        "Wenden Sie sich an das Analyseteam.",
        "en": "The demonstration data could not be prepared. Please contact the analytics team.",
    },
    "error.data_unavailable": {
        "fr": "Les données ne peuvent pas être affichées pour le moment. Réessayez dans un "
        "instant ; si le problème persiste, contactez l'équipe d'analyse.",
        "de": "Die Daten können im Moment nicht angezeigt werden. Versuchen Sie es gleich "
        "noch einmal; besteht das Problem weiter, wenden Sie sich an das Analyseteam.",
        "en": "The data cannot be shown right now. Try again in a moment; if the problem "
        "persists, please contact the analytics team.",
    },
    # Units and small words.
    "unit.hours": {"fr": "{value} h", "de": "{value} h", "en": "{value} h"},
    "unit.fte": {"fr": "{value} EPT", "de": "{value} VZÄ", "en": "{value} FTE"},
    "unit.points": {"fr": "{value} pts", "de": "{value} Pp.", "en": "{value} pts"},
    "range": {
        "fr": "fourchette {low}–{high}",
        "de": "Spanne {low}–{high}",
        "en": "range {low}–{high}",
    },
    # The Overview page.
    "overview.title": {
        "fr": "Vue d'ensemble du programme numérique",
        "de": "Übersicht über das Digitalisierungsprogramm",
        "en": "Digital programme overview",
    },
    "overview.subtitle": {
        "fr": "Les chiffres clés pour le conseil : temps rendu aux soins, adoption des outils "
        "numériques, portefeuille de projets et recrutement.",
        "de": "Die Kennzahlen für den Verwaltungsrat: für die Pflege gewonnene Zeit, Nutzung "
        "der digitalen Werkzeuge, Projektportfolio und Rekrutierung.",
        "en": "The headline figures for the board: time returned to patient care, adoption "
        "of digital tools, project portfolio and hiring.",
    },
    "overview.hours.header": {
        "fr": "Temps rendu aux soins",
        "de": "Für die Patientenbetreuung gewonnene Zeit",
        "en": "Time returned to patient care",
    },
    "overview.hours.month": {
        "fr": "Heures en {month}",
        "de": "Stunden im {month}",
        "en": "Hours in {month}",
    },
    "overview.hours.ytd": {
        "fr": "Heures, cumul {year}",
        "de": "Stunden, kumuliert {year}",
        "en": "Hours, {year} to date",
    },
    "overview.fte.month": {
        "fr": "EPT en {month}",
        "de": "VZÄ im {month}",
        "en": "FTE in {month}",
    },
    "overview.fte.ytd": {
        "fr": "EPT, moyenne {year}",
        "de": "VZÄ, Durchschnitt {year}",
        "en": "FTE, {year} average",
    },
    "overview.hours.help": {
        "fr": "Heures de travail du personnel libérées, estimation de base : volume numérique × "
        "minutes économisées par unité (catalogue des indicateurs). La fourchette va de "
        "l'estimation basse à la haute.",
        "de": "Gewonnene Arbeitsstunden des Personals, Basisschätzung: digitales Volumen × "
        "eingesparte Minuten pro Einheit (Kennzahlenkatalog). Die Bandbreite reicht von der "
        "tiefen zur hohen Schätzung.",
        "en": "Staff working hours freed, base estimate: digital volume × minutes saved per "
        "unit (metric catalogue). The range runs from the low to the high estimate.",
    },
    "overview.fte.help": {
        "fr": "Équivalents plein temps (EPT) : heures libérées divisées par les heures d'un "
        "plein temps sur la période (1 EPT = {hours} heures par an).",
        "de": "Vollzeitäquivalente (VZÄ): gewonnene Stunden geteilt durch die Stunden einer "
        "Vollzeitstelle im Zeitraum (1 VZÄ = {hours} Stunden pro Jahr).",
        "en": "Full-time equivalents (FTE): hours freed divided by the hours of one full-time "
        "post over the period (1 FTE = {hours} hours a year).",
    },
    "overview.hours.target": {
        "fr": "Objectif : {value} par mois d'ici au {due}.",
        "de": "Ziel: {value} pro Monat bis {due}.",
        "en": "Target: {value} a month by {due}.",
    },
    "overview.hours.none": {
        "fr": "Aucune donnée d'utilisation n'est encore chargée.",
        "de": "Es sind noch keine Nutzungsdaten geladen.",
        "en": "No usage data has been loaded yet.",
    },
    "overview.share.header": {
        "fr": "Part numérique des processus clés",
        "de": "Digitaler Anteil der Schlüsselprozesse",
        "en": "Digital share of key processes",
    },
    "overview.share.caption": {
        "fr": "Part des actes saisis numériquement plutôt que sur papier, tout l'hôpital, "
        "en {month}.",
        "de": "Anteil der digital statt auf Papier erfassten Vorgänge, ganzes Spital, im {month}.",
        "en": "Share of acts recorded digitally rather than on paper, whole hospital, in {month}.",
    },
    "overview.share.help": {
        "fr": "{label} — part numérique = numérique / (numérique + papier), tous sites ; "
        "comparée au même mois un an plus tôt, en points de pourcentage.",
        "de": "{label} — digitaler Anteil = digital / (digital + Papier), alle Standorte; "
        "verglichen mit dem gleichen Monat ein Jahr zuvor, in Prozentpunkten.",
        "en": "{label} — digital share = digital / (digital + paper), all sites; compared "
        "with the same month a year earlier, in percentage points.",
    },
    "overview.share.delta": {
        "fr": "{points} vs {month}",
        "de": "{points} ggü. {month}",
        "en": "{points} vs {month}",
    },
    "overview.share.none": {
        "fr": "Aucune donnée d'adoption n'est encore chargée.",
        "de": "Es sind noch keine Nutzungsdaten zu digitalen Prozessen geladen.",
        "en": "No adoption data has been loaded yet.",
    },
    "overview.portfolio.header": {
        "fr": "Portefeuille de projets",
        "de": "Projektportfolio",
        "en": "Project portfolio",
    },
    "overview.portfolio.caption": {
        "fr": "Projets en cours (hors clôturés) selon le rapport de {month} : {total}.",
        "de": "Laufende Projekte (ohne abgeschlossene) gemäss Bericht {month}: {total}.",
        "en": "Active projects (closed ones excluded) in the {month} report: {total}.",
    },
    "overview.portfolio.none": {
        "fr": "Aucun rapport de projet n'est encore chargé.",
        "de": "Es ist noch kein Projektbericht geladen.",
        "en": "No project status report has been loaded yet.",
    },
    "overview.staffing.header": {
        "fr": "Recrutement des spécialistes IT",
        "de": "Rekrutierung der IT-Fachleute",
        "en": "Hiring of IT specialists",
    },
    "overview.staffing.filled": {
        "fr": "Postes pourvus",
        "de": "Besetzte Stellen",
        "en": "Positions filled",
    },
    "overview.staffing.of_planned": {
        "fr": "sur {planned} prévus",
        "de": "von {planned} geplant",
        "en": "of {planned} planned",
    },
    "overview.staffing.fte": {
        "fr": "EPT pourvus",
        "de": "Besetzte VZÄ",
        "en": "FTE filled",
    },
    "overview.staffing.help": {
        "fr": "Postes du plan de recrutement (hors annulés) ouverts d'ici à fin {month}, et "
        "ceux pourvus à cette date ; en équivalents plein temps (EPT) à droite.",
        "de": "Stellen des Rekrutierungsplans (ohne stornierte), die bis Ende {month} eröffnet "
        "wurden, und die bis dahin besetzten; rechts in Vollzeitäquivalenten (VZÄ).",
        "en": "Positions of the hiring plan (cancelled ones excluded) opened by the end of "
        "{month}, and those filled by then; in full-time equivalents (FTE) on the right.",
    },
    "overview.staffing.pipeline": {
        "fr": "Postes non pourvus fin {month} : ouverts {open} · en entretiens "
        "{interviewing} · offre faite {offer}.",
        "de": "Unbesetzte Stellen Ende {month}: offen {open} · in Gesprächen "
        "{interviewing} · Angebot gemacht {offer}.",
        "en": "Positions not yet filled at the end of {month}: open {open} · interviewing "
        "{interviewing} · offer made {offer}.",
    },
    "overview.staffing.none": {
        "fr": "Aucune liste de postes n'est encore chargée.",
        "de": "Es ist noch keine Stellenliste geladen.",
        "en": "No staffing list has been loaded yet.",
    },
    "status.green": {"fr": "Vert", "de": "Grün", "en": "Green"},
    "status.amber": {"fr": "Orange", "de": "Gelb", "en": "Amber"},
    "status.red": {"fr": "Rouge", "de": "Rot", "en": "Red"},
    # Data freshness.
    "freshness.line": {
        "fr": "Données au : {items}",
        "de": "Datenstand: {items}",
        "en": "Data as of: {items}",
    },
    "freshness.item": {"fr": "{source} {date}", "de": "{source} {date}", "en": "{source} {date}"},
    "freshness.missing": {
        "fr": "{source} (aucune donnée)",
        "de": "{source} (keine Daten)",
        "en": "{source} (no data)",
    },
    "source.projects": {"fr": "projets", "de": "Projekte", "en": "projects"},
    "source.milestones": {"fr": "jalons", "de": "Meilensteine", "en": "milestones"},
    "source.positions": {"fr": "postes", "de": "Stellen", "en": "positions"},
    "source.usage": {"fr": "utilisation", "de": "Nutzung", "en": "usage"},
    # Charts.
    "chart.month": {"fr": "Mois", "de": "Monat", "en": "Month"},
    "chart.goal": {
        "fr": "Objectif {value} · {due}",
        "de": "Ziel {value} · {due}",
        "en": "Target {value} · {due}",
    },
    "chart.hours.title": {
        "fr": "Heures libérées par mois (estimation de base, fourchette basse–haute)",
        "de": "Gewonnene Stunden pro Monat (Basisschätzung, Bandbreite tief–hoch)",
        "en": "Hours freed per month (base estimate, low–high range)",
    },
    "chart.hours.y": {
        "fr": "Heures par mois (h)",
        "de": "Stunden pro Monat (h)",
        "en": "Hours per month (h)",
    },
    "chart.hours.series": {"fr": "Heures libérées", "de": "Gewonnene Stunden", "en": "Hours freed"},
    "chart.share.title": {
        "fr": "Part numérique par mois, tout l'hôpital",
        "de": "Digitaler Anteil pro Monat, ganzes Spital",
        "en": "Digital share per month, whole hospital",
    },
    "chart.share.y": {
        "fr": "Part numérique (%)",
        "de": "Digitaler Anteil (%)",
        "en": "Digital share (%)",
    },
    "chart.rag.title": {
        "fr": "Statut des projets en cours par rapport mensuel",
        "de": "Status der laufenden Projekte pro Monatsbericht",
        "en": "Status of active projects per monthly report",
    },
    "chart.staffing.title": {
        "fr": "Postes prévus et pourvus en fin de mois",
        "de": "Geplante und besetzte Stellen am Monatsende",
        "en": "Positions planned and filled at month end",
    },
    "chart.staffing.y": {
        "fr": "Postes (nombre)",
        "de": "Stellen (Anzahl)",
        "en": "Positions (count)",
    },
    "chart.staffing.planned": {"fr": "Prévus", "de": "Geplant", "en": "Planned"},
    "chart.staffing.filled": {"fr": "Pourvus", "de": "Besetzt", "en": "Filled"},
    "chart.rag.y": {
        "fr": "Projets (nombre)",
        "de": "Projekte (Anzahl)",
        "en": "Projects (count)",
    },
}


def current_language() -> str:
    """The language of this run: the sidebar's choice, else the URL's `lang`, else French."""
    chosen = st.session_state.get(_CHOICE)
    if chosen in LANGUAGES:
        return str(chosen)
    requested = st.query_params.get(QUERY_PARAM)
    return str(requested) if requested in LANGUAGES else DEFAULT_LANGUAGE


def choose_language() -> str:
    """Show the language picker in the sidebar and keep the choice in the URL.

    A new session starts from the URL (`?lang=de`); after that the picker's own state leads,
    so the whole run, page title included, already speaks the language just picked.
    """
    if st.session_state.get(_CHOICE) not in LANGUAGES:
        st.session_state[_CHOICE] = current_language()
    chosen = st.sidebar.selectbox(
        translate(current_language(), "sidebar.language"),
        LANGUAGES,
        key=_CHOICE,
        format_func=LANGUAGE_NAMES.__getitem__,
    )
    if st.query_params.get(QUERY_PARAM) != chosen:
        st.query_params[QUERY_PARAM] = chosen
    return str(chosen)


def translate(language: str, key: str, **params: object) -> str:
    """The text `key` in `language`, with `{name}` placeholders filled from params."""
    text = TRANSLATIONS[key][language]
    return text.format(**params) if params else text


def t(key: str, **params: object) -> str:
    """The text `key` in the current language (see `translate`)."""
    return translate(current_language(), key, **params)


def locale() -> str:
    """The Babel locale of the current language: fr_CH, de_CH or en_GB."""
    return LOCALES[current_language()]


def _format(value: float, kind: str, decimals: int, signed: bool = False) -> str:
    """Format with the locale's own decimal or percent pattern and a fixed number of decimals."""
    babel_locale = Locale.parse(locale())
    formats = babel_locale.percent_formats if kind == "percent" else babel_locale.decimal_formats
    pattern = parse_pattern(formats[None].pattern)
    pattern.frac_prec = (decimals, decimals)
    text = pattern.apply(value, babel_locale)
    return f"+{text}" if signed and value > 0 else text


def fmt_number(value: float, decimals: int = 0, signed: bool = False) -> str:
    """A number with the locale's marks: 1 234,5 (fr), 1'234.5 (de, typographic), 1,234.5 (en)."""
    return _format(value, "decimal", decimals, signed)


def fmt_percent(share: float, decimals: int = 0) -> str:
    """A share 0-1 as a percentage in the locale's style (`75%`)."""
    return _format(share, "percent", decimals)


def fmt_hours(hours: float) -> str:
    """Hours, rounded to the hour, with the unit."""
    return t("unit.hours", value=fmt_number(hours))


def fmt_fte(fte: float) -> str:
    """Full-time equivalents with one decimal and the unit (EPT, VZÄ, FTE)."""
    return t("unit.fte", value=fmt_number(fte, 1))


def fmt_points(points: float) -> str:
    """A difference of percentages in whole points, signed (`+12 pts`, `-3 pts`, `0 pts`)."""
    rounded = round(points)
    return t("unit.points", value=fmt_number(rounded, 0, signed=True) if rounded else "0")


def fmt_date(day: date | datetime) -> str:
    """A day in the locale's medium style: `30 juin 2025`, `30.06.2025`, `30 Jun 2025`."""
    return format_date(day, "medium", locale=locale())


def fmt_month(day: date | datetime) -> str:
    """A month with its name: `juin 2025`, `Juni 2025`, `June 2025`."""
    return format_skeleton("yMMMM", day, locale=locale())


def fmt_month_short(day: date | datetime) -> str:
    """A month, abbreviated, for chart ticks: `sept. 2025`, `Sept. 2025`, `Sep 2025`."""
    return format_skeleton("yMMM", day, locale=locale())


def plotly_separators() -> str:
    """Plotly's `separators` (decimal mark then thousands mark) for the locale.

    The French narrow no-break space is drawn with no width in chart fonts: a no-break
    space stands in for it.
    """
    group = get_group_symbol(locale()).replace("\u202f", "\u00a0")
    return get_decimal_symbol(locale()) + group
