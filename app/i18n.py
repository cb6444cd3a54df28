"""Everything a person reads, in French, German and English, and locale-aware formatting.

One table holds every text with the three languages side by side; `t(key, **params)`
returns it in the current language. The language is chosen in the sidebar and kept in
the URL (`?lang=fr|de|en`, French by default). Numbers and dates go through Babel with
the Swiss and British locales (fr_CH, de_CH, en_GB).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
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
    # Sign-in, roles and local mode (app/auth.py, docs/sign-in.md).
    "auth.role.board": {"fr": "Membre du conseil", "de": "Verwaltungsrat", "en": "Board member"},
    "auth.role.lead": {"fr": "Cheffe ou chef de projet", "de": "Projektleitung", "en": "Project lead"},
    "auth.role.analyst": {"fr": "Analyste", "de": "Analystin oder Analyst", "en": "Analyst"},
    "auth.sign_in": {"fr": "Se connecter", "de": "Anmelden", "en": "Sign in"},
    "auth.sign_in_with": {
        "fr": "Se connecter avec {provider}",
        "de": "Mit {provider} anmelden",
        "en": "Sign in with {provider}",
    },
    "auth.sign_out": {"fr": "Se déconnecter", "de": "Abmelden", "en": "Sign out"},
    "auth.sign_in.intro": {
        "fr": "Connectez-vous avec votre compte de l'hôpital pour ouvrir le tableau de bord.",
        "de": "Melden Sie sich mit Ihrem Spitalkonto an, um das Dashboard zu öffnen.",
        "en": "Sign in with your hospital account to open the dashboard.",
    },
    "auth.signed_in_as": {
        "fr": "Connecté·e : {user} · {role}",
        "de": "Angemeldet: {user} · {role}",
        "en": "Signed in: {user} · {role}",
    },
    "auth.local_mode": {
        "fr": ":orange-badge[:material/computer: Mode local] Sans connexion, pour une seule "
        "personne sur cet ordinateur, avec tous les droits (analyste).",
        "de": ":orange-badge[:material/computer: Lokaler Modus] Ohne Anmeldung, für eine "
        "einzelne Person an diesem Computer, mit allen Rechten (Analyse).",
        "en": ":orange-badge[:material/computer: Local mode] No sign-in, for one person on "
        "this computer, with every right (analyst).",
    },
    "auth.no_role": {
        "fr": "Vous êtes connecté·e en tant que {user}, mais aucun rôle ne vous est attribué "
        "dans ce tableau de bord. Demandez l'accès à {contact}.",
        "de": "Sie sind als {user} angemeldet, haben in diesem Dashboard aber keine Rolle. "
        "Bitten Sie {contact} um Zugang.",
        "en": "You are signed in as {user}, but you have no role in this dashboard. "
        "Ask {contact} for access.",
    },
    "auth.contact.default": {
        "fr": "l'équipe d'analyse du tableau de bord",
        "de": "das Analyseteam des Dashboards",
        "en": "the dashboard's analytics team",
    },
    "auth.unknown_user": {
        "fr": "une personne sans adresse e-mail",
        "de": "eine Person ohne E-Mail-Adresse",
        "en": "someone without an e-mail address",
    },
    "auth.refused": {
        "fr": "Cette page n'est pas accessible avec votre rôle ({role}). "
        "Choisissez une page dans la navigation.",
        "de": "Diese Seite ist mit Ihrer Rolle ({role}) nicht zugänglich. "
        "Wählen Sie eine Seite in der Navigation.",
        "en": "This page is not available to your role ({role}). Choose a page in the navigation.",
    },
    "auth.local_on_network": {
        "fr": "Aucune connexion n'est configurée : ce tableau de bord fonctionne donc en mode "
        "local, pour une seule personne sur son propre ordinateur. Or il est joignable depuis "
        "le réseau ({exposure}) ; il refuse donc de démarrer. Configurez la connexion "
        "(docs/sign-in.md) ou démarrez-le avec `--server.address localhost`.",
        "de": "Es ist keine Anmeldung eingerichtet: Dieses Dashboard läuft daher im lokalen "
        "Modus, für eine einzelne Person an ihrem eigenen Computer. Es ist aber aus dem Netzwerk "
        "erreichbar ({exposure}) und startet deshalb nicht. Richten Sie die Anmeldung ein "
        "(docs/sign-in.md) oder starten Sie es mit `--server.address localhost`.",
        "en": "No sign-in is configured, so this dashboard runs in local mode, for one person "
        "on their own computer. But it can be reached from the network ({exposure}), so it "
        "refuses to start. Configure sign-in (docs/sign-in.md) or start it with "
        "`--server.address localhost`.",
    },
    "auth.exposed.all_interfaces": {
        "fr": "il écoute sur toutes les interfaces réseau",
        "de": "es hört auf allen Netzwerkschnittstellen",
        "en": "it listens on every network interface",
    },
    "auth.exposed.client": {
        "fr": "ouvert depuis l'adresse {address}",
        "de": "geöffnet von der Adresse {address}",
        "en": "opened from the address {address}",
    },
    "auth.exposed.proxy": {
        "fr": "ouvert à travers un proxy",
        "de": "über einen Proxy geöffnet",
        "en": "opened through a proxy",
    },
    "auth.misconfigured": {
        "fr": "La connexion est mal configurée : le tableau de bord reste fermé. Contactez "
        "l'équipe d'analyse (le détail figure dans le journal du serveur).",
        "de": "Die Anmeldung ist fehlerhaft eingerichtet: Das Dashboard bleibt geschlossen. "
        "Wenden Sie sich an das Analyseteam (Einzelheiten im Serverprotokoll).",
        "en": "Sign-in is misconfigured, so the dashboard stays closed. Please contact the "
        "analytics team (the details are in the server log).",
    },
    # Table downloads (app/downloads.py).
    "downloads.csv": {"fr": "Télécharger (CSV)", "de": "Herunterladen (CSV)", "en": "Download (CSV)"},
    "downloads.excel": {
        "fr": "Télécharger (Excel)",
        "de": "Herunterladen (Excel)",
        "en": "Download (Excel)",
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
    # Board pack and chart images (app/boardpack/, pages/board_pack.py, app/exports.py).
    "nav.board_pack": {"fr": "Dossier du conseil", "de": "VR-Unterlagen", "en": "Board pack"},
    "exports.png": {"fr": "Image (PNG)", "de": "Bild (PNG)", "en": "Image (PNG)"},
    "boardpack.title": {
        "fr": "Dossier du conseil d'administration",
        "de": "Unterlagen für den Verwaltungsrat",
        "en": "Board pack",
    },
    "boardpack.subtitle": {
        "fr": "Programme de transformation numérique : où en sommes-nous ?",
        "de": "Programm zur digitalen Transformation: Wo stehen wir?",
        "en": "Digital transformation programme: where do we stand?",
    },
    "boardpack.hospital.default": {
        "fr": "Hôpital cantonal (données de démonstration)",
        "de": "Kantonsspital (Demonstrationsdaten)",
        "en": "Cantonal hospital (demonstration data)",
    },
    "boardpack.period": {
        "fr": "Période : de {start} à {end}",
        "de": "Zeitraum: {start} bis {end}",
        "en": "Period: {start} to {end}",
    },
    "boardpack.scope": {
        "fr": "Périmètre : {scope} · {programme} · {aim}",
        "de": "Bereich: {scope} · {programme} · {aim}",
        "en": "Scope: {scope} · {programme} · {aim}",
    },
    "boardpack.data_as_of": {"fr": "Données au", "de": "Datenstand", "en": "Data as of"},
    "boardpack.as_of_item": {"fr": "{source} : {date}", "de": "{source}: {date}", "en": "{source}: {date}"},
    "boardpack.generated": {
        "fr": "Document établi le {date} à partir de l'entrepôt de données du tableau de bord.",
        "de": "Dokument erstellt am {date} aus dem Datenbestand des Dashboards.",
        "en": "Document generated on {date} from the dashboard's data warehouse.",
    },
    "boardpack.contents": {"fr": "Sommaire", "de": "Inhalt", "en": "Contents"},
    "boardpack.footer": {
        "fr": "{hospital} · {title} · {date}",
        "de": "{hospital} · {title} · {date}",
        "en": "{hospital} · {title} · {date}",
    },
    "boardpack.page_number": {
        "fr": "Page {page} sur {pages}",
        "de": "Seite {page} von {pages}",
        "en": "Page {page} of {pages}",
    },
    "boardpack.step.overview": {"fr": "vue d'ensemble", "de": "Übersicht", "en": "overview"},
    "boardpack.step.hours": {
        "fr": "temps rendu aux soins",
        "de": "gewonnene Zeit",
        "en": "time returned to care",
    },
    "boardpack.step.portfolio": {"fr": "portefeuille", "de": "Portfolio", "en": "portfolio"},
    "boardpack.step.adoption": {
        "fr": "adoption numérique",
        "de": "digitale Nutzung",
        "en": "digital adoption",
    },
    "boardpack.step.hiring": {"fr": "recrutement", "de": "Rekrutierung", "en": "hiring"},
    "boardpack.step.quality": {"fr": "qualité des données", "de": "Datenqualität", "en": "data quality"},
    "boardpack.progress.section": {
        "fr": "Rédaction : {section}…",
        "de": "Abschnitt: {section}…",
        "en": "Writing: {section}…",
    },
    "boardpack.progress.browser": {
        "fr": "Démarrage du moteur de rendu des graphiques…",
        "de": "Grafik-Renderer wird gestartet…",
        "en": "Starting the chart renderer…",
    },
    "boardpack.progress.charts": {
        "fr": "Graphiques : {done} sur {total}…",
        "de": "Grafiken: {done} von {total}…",
        "en": "Charts: {done} of {total}…",
    },
    "boardpack.progress.pdf": {
        "fr": "Mise en page du PDF…",
        "de": "PDF wird gesetzt…",
        "en": "Laying out the PDF…",
    },
    "boardpack.progress.done": {"fr": "Dossier prêt.", "de": "Unterlagen bereit.", "en": "Board pack ready."},
    "boardpack.aims.caption": {
        "fr": "Indicateur principal de chaque objectif : dernière valeur mensuelle, objectif et "
        "signal (atteint, en bonne voie selon la tendance des 6 derniers mois, ou en retard). "
        "Périmètre : {scope}.",
        "de": "Hauptkennzahl jedes Ziels: letzter Monatswert, Zielwert und Signal (erreicht, auf "
        "Kurs gemäss Trend der letzten 6 Monate, oder nicht auf Kurs). Bereich: {scope}.",
        "en": "Each aim's headline figure: latest monthly value, target and signal (met, on track "
        "by the trend of the last 6 months, or off track). Scope: {scope}.",
    },
    "boardpack.aims.latest": {
        "fr": "{value} ({month})",
        "de": "{value} ({month})",
        "en": "{value} ({month})",
    },
    "boardpack.aims.target": {
        "fr": "{value} au {due}",
        "de": "{value} bis {due}",
        "en": "{value} by {due}",
    },
    "boardpack.aims.wider": {
        "fr": "{target} (fixé pour {scope})",
        "de": "{target} (festgelegt für {scope})",
        "en": "{target} (set for {scope})",
    },
    "boardpack.aims.no_target": {"fr": "aucun", "de": "keiner", "en": "none"},
    "boardpack.projects.rag": {
        "fr": "Projets en cours par statut",
        "de": "Laufende Projekte nach Status",
        "en": "Active projects by status",
    },
    "boardpack.column.aim": {"fr": "Objectif", "de": "Ziel", "en": "Aim"},
    "boardpack.column.kpi": {"fr": "Indicateur principal", "de": "Hauptkennzahl", "en": "Headline figure"},
    "boardpack.column.latest": {"fr": "Dernière valeur", "de": "Letzter Wert", "en": "Latest value"},
    "boardpack.column.target": {"fr": "Cible", "de": "Zielwert", "en": "Target"},
    "boardpack.column.signal": {"fr": "Signal", "de": "Signal", "en": "Signal"},
    "boardpack.column.process": {"fr": "Processus", "de": "Prozess", "en": "Process"},
    "boardpack.column.share": {"fr": "Part numérique", "de": "Digitaler Anteil", "en": "Digital share"},
    "boardpack.column.before": {"fr": "Un an plus tôt", "de": "Ein Jahr zuvor", "en": "A year before"},
    "boardpack.column.change": {"fr": "Évolution", "de": "Veränderung", "en": "Change"},
    "boardpack.column.source": {"fr": "Source", "de": "Quelle", "en": "Source"},
    "boardpack.column.unit": {"fr": "Unité", "de": "Einheit", "en": "Unit"},
    "boardpack.column.minutes_low": {"fr": "Bas (min)", "de": "Tief (Min.)", "en": "Low (min)"},
    "boardpack.column.minutes_base": {"fr": "Base (min)", "de": "Basis (Min.)", "en": "Base (min)"},
    "boardpack.column.minutes_high": {"fr": "Haut (min)", "de": "Hoch (Min.)", "en": "High (min)"},
    "boardpack.column.latest_date": {"fr": "Dernière date", "de": "Letztes Datum", "en": "Latest date"},
    "boardpack.column.rows": {"fr": "Lignes", "de": "Zeilen", "en": "Rows"},
    "boardpack.column.last_load": {"fr": "Dernier chargement", "de": "Letzter Import", "en": "Last load"},
    "boardpack.column.state": {"fr": "État", "de": "Zustand", "en": "State"},
    "boardpack.column.forecast": {"fr": "Fin estimée", "de": "Prognose", "en": "Forecast end"},
    "boardpack.share.before": {
        "fr": "{share} ({month})",
        "de": "{share} ({month})",
        "en": "{share} ({month})",
    },
    "boardpack.attention.header": {
        "fr": "Projets en rouge ou en orange",
        "de": "Projekte auf Rot oder Gelb",
        "en": "Projects at red or amber",
    },
    "boardpack.attention.caption": {
        "fr": "Selon le rapport de {month}, les rouges d'abord, avec le commentaire de la "
        "cheffe ou du chef de projet.",
        "de": "Gemäss Bericht {month}, rote zuerst, mit dem Kommentar der Projektleitung.",
        "en": "From the {month} report, red first, with the project lead's comment.",
    },
    "boardpack.attention.none": {
        "fr": "Aucun projet en rouge ni en orange dans le rapport de {month}.",
        "de": "Kein Projekt auf Rot oder Gelb im Bericht {month}.",
        "en": "No project at red or amber in the {month} report.",
    },
    "boardpack.quality.title": {"fr": "Qualité des données", "de": "Datenqualität", "en": "Data quality"},
    "boardpack.quality.caption": {
        "fr": "Fraîcheur de chaque source : la dernière date dont parlent ses données, le nombre "
        "de lignes chargées et le dernier chargement réussi.",
        "de": "Aktualität jeder Quelle: das letzte Datum, auf das sich ihre Daten beziehen, die "
        "Anzahl geladener Zeilen und der letzte erfolgreiche Import.",
        "en": "How recent each source is: the latest date its data speaks about, the rows loaded "
        "and the last successful load.",
    },
    "boardpack.quality.fresh": {
        "fr": "Toutes les sources sont à jour.",
        "de": "Alle Quellen sind aktuell.",
        "en": "Every source is up to date.",
    },
    "boardpack.state.ok": {"fr": "À jour", "de": "Aktuell", "en": "Up to date"},
    "boardpack.state.stale": {"fr": "Ancienne", "de": "Veraltet", "en": "Stale"},
    "boardpack.state.missing": {"fr": "Aucune donnée", "de": "Keine Daten", "en": "No data"},
    "boardpack.page.title": {
        "fr": "Dossier du conseil (PDF)",
        "de": "Unterlagen für den Verwaltungsrat (PDF)",
        "en": "Board pack (PDF)",
    },
    "boardpack.page.intro": {
        "fr": "Un document A4 à emporter en séance, tiré des mêmes chiffres et graphiques que ces "
        "pages : la vue d'ensemble et les cinq objectifs, le temps rendu aux soins, le "
        "portefeuille et les projets en rouge ou en orange, l'adoption numérique, le "
        "recrutement et la qualité des données.",
        "de": "Ein A4-Dokument für die Sitzung, aus denselben Zahlen und Grafiken wie diese "
        "Seiten: Übersicht und die fünf Ziele, gewonnene Zeit, Portfolio mit den Projekten auf "
        "Rot oder Gelb, digitale Nutzung, Rekrutierung und Datenqualität.",
        "en": "An A4 document to take into the meeting, made from the same figures and charts "
        "as these pages: the overview and the five aims, time returned to patient care, the "
        "portfolio with the projects at red or amber, digital adoption, hiring and data quality.",
    },
    "boardpack.page.filters": {
        "fr": "Le dossier suit les filtres de la barre latérale : {period} · {scope} · "
        "{programme} · {aim}. Langue : {language_name}.",
        "de": "Die Unterlagen folgen den Filtern der Seitenleiste: {period} · {scope} · "
        "{programme} · {aim}. Sprache: {language_name}.",
        "en": "The pack follows the sidebar filters: {period} · {scope} · {programme} · {aim}. "
        "Language: {language_name}.",
    },
    "boardpack.page.period": {"fr": "{start} – {end}", "de": "{start} – {end}", "en": "{start} – {end}"},
    "boardpack.page.generate": {
        "fr": "Préparer le dossier",
        "de": "Unterlagen erstellen",
        "en": "Prepare the board pack",
    },
    "boardpack.page.download": {
        "fr": "Télécharger le dossier (PDF)",
        "de": "Unterlagen herunterladen (PDF)",
        "en": "Download the board pack (PDF)",
    },
    "boardpack.page.ready": {
        "fr": "Dossier prêt, préparé en {seconds} s.",
        "de": "Unterlagen bereit, erstellt in {seconds} s.",
        "en": "Board pack ready, prepared in {seconds} s.",
    },
    "boardpack.page.failed": {
        "fr": "Le dossier n'a pas pu être préparé. Réessayez dans un instant ; si le problème "
        "persiste, contactez l'équipe d'analyse.",
        "de": "Die Unterlagen konnten nicht erstellt werden. Versuchen Sie es gleich noch "
        "einmal; besteht das Problem weiter, wenden Sie sich an das Analyseteam.",
        "en": "The board pack could not be prepared. Try again in a moment; if the problem "
        "persists, please contact the analytics team.",
    },
    "boardpack.page.slow": {
        "fr": "La préparation prend une quinzaine de secondes : les graphiques sont rendus en "
        "haute résolution.",
        "de": "Die Erstellung dauert etwa fünfzehn Sekunden: Die Grafiken werden in hoher "
        "Auflösung gerendert.",
        "en": "Preparing it takes about fifteen seconds: the charts are rendered at high "
        "resolution.",
    },
    "boardpack.file_name": {"fr": "dossier-conseil", "de": "vr-unterlagen", "en": "board-pack"},
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
    # Board views: Digital adoption, Time for patients, Maturity (pages/adoption.py,
    # pages/time_for_patients.py, pages/maturity.py).
    "nav.adoption": {"fr": "Adoption numérique", "de": "Digitale Nutzung", "en": "Digital adoption"},
    "nav.time": {"fr": "Temps pour les patients", "de": "Zeit für Patienten", "en": "Time for patients"},
    "nav.maturity": {"fr": "Maturité numérique", "de": "Digitaler Reifegrad", "en": "Digital maturity"},
    "scope.caption": {
        "fr": "Périmètre : {scope}, de {start} à {end}.",
        "de": "Bereich: {scope}, {start} bis {end}.",
        "en": "Scope: {scope}, {start} to {end}.",
    },
    "scope.caption.month": {
        "fr": "Périmètre : {scope}, {month}.",
        "de": "Bereich: {scope}, {month}.",
        "en": "Scope: {scope}, {month}.",
    },
    "system.EHR": {"fr": "Dossier patient informatisé", "de": "KIS", "en": "EHR"},
    "system.CPOE": {"fr": "CPOE", "de": "CPOE", "en": "CPOE"},
    "system.e-prescribing": {
        "fr": "Prescription électronique",
        "de": "E-Verordnung",
        "en": "E-prescribing",
    },
    "system.closed-loop medication": {
        "fr": "Circuit fermé du médicament",
        "de": "Closed Loop Medikation",
        "en": "Closed-loop medication",
    },
    "system.vital signs": {"fr": "Signes vitaux", "de": "Vitalparameter", "en": "Vital signs"},
    "system.speech recognition": {
        "fr": "Reconnaissance vocale",
        "de": "Spracherkennung",
        "en": "Speech recognition",
    },
    "system.digital forms": {
        "fr": "Formulaires numériques",
        "de": "Digitale Formulare",
        "en": "Digital forms",
    },
    "system.secure messaging": {
        "fr": "Messagerie sécurisée",
        "de": "Gesicherte Nachrichten",
        "en": "Secure messaging",
    },
    "system.patient portal": {"fr": "Portail patients", "de": "Patientenportal", "en": "Patient portal"},
    "system.EPD": {"fr": "DEP", "de": "EPD", "en": "EPR (EPD)"},
    "unit.name.notes": {"fr": "notes", "de": "Berichte", "en": "notes"},
    "unit.name.users": {"fr": "utilisateurs", "de": "Nutzende", "en": "users"},
    "unit.name.staff": {"fr": "collaborateurs", "de": "Mitarbeitende", "en": "staff"},
    "unit.name.orders": {"fr": "demandes", "de": "Aufträge", "en": "orders"},
    "unit.name.prescriptions": {"fr": "prescriptions", "de": "Verordnungen", "en": "prescriptions"},
    "unit.name.administrations": {
        "fr": "administrations",
        "de": "Medikamentengaben",
        "en": "administrations",
    },
    "unit.name.readings": {"fr": "mesures", "de": "Messungen", "en": "readings"},
    "unit.name.reports": {"fr": "rapports", "de": "Berichte", "en": "reports"},
    "unit.name.forms": {"fr": "formulaires", "de": "Formulare", "en": "forms"},
    "unit.name.messages": {"fr": "messages", "de": "Nachrichten", "en": "messages"},
    "unit.name.patients": {"fr": "patients", "de": "Patienten", "en": "patients"},
    "unit.name.documents": {"fr": "documents", "de": "Dokumente", "en": "documents"},
    "unit.fte_years": {"fr": "{value} ans", "de": "{value} Jahre", "en": "{value} years"},
    # Digital adoption.
    "adoption.title": {
        "fr": "Adoption des outils numériques",
        "de": "Nutzung der digitalen Werkzeuge",
        "en": "Adoption of digital tools",
    },
    "adoption.subtitle": {
        "fr": "Part des actes saisis numériquement plutôt que sur papier : numérique ÷ (numérique "
        "+ papier), additionnés sur les sites et services avant la division. Objectifs en "
        "tirets ; mises en production atteintes marquées ▲ sur l'axe du temps.",
        "de": "Anteil der digital statt auf Papier erfassten Vorgänge: digital ÷ (digital + "
        "Papier), über Standorte und Abteilungen summiert vor der Division. Ziele gestrichelt; "
        "erreichte Inbetriebnahmen mit ▲ auf der Zeitachse markiert.",
        "en": "Share of acts recorded digitally rather than on paper: digital ÷ (digital + "
        "paper), summed over sites and departments before dividing. Targets dashed; go-lives "
        "reached marked ▲ on the time axis.",
    },
    "adoption.trend.header": {
        "fr": "Part numérique par processus",
        "de": "Digitaler Anteil pro Prozess",
        "en": "Digital share by process",
    },
    "chart.adoption.title": {
        "fr": "Part numérique par mois — {aim}",
        "de": "Digitaler Anteil pro Monat — {aim}",
        "en": "Digital share per month — {aim}",
    },
    "chart.adoption.go_lives": {"fr": "Mises en production", "de": "Inbetriebnahmen", "en": "Go-lives"},
    "adoption.go_lives.expander": {
        "fr": "Mises en production atteintes dans la période ({count})",
        "de": "Erreichte Inbetriebnahmen im Zeitraum ({count})",
        "en": "Go-lives reached in the period ({count})",
    },
    "adoption.go_lives.item": {
        "fr": "{date} — {milestone} ({project})",
        "de": "{date} — {milestone} ({project})",
        "en": "{date} — {milestone} ({project})",
    },
    "adoption.places.header": {
        "fr": "Par site et par service",
        "de": "Nach Standort und Abteilung",
        "en": "By site and department",
    },
    "adoption.places.caption": {
        "fr": "Part numérique en {month} ; case vide : processus sans activité à cet endroit.",
        "de": "Digitaler Anteil im {month}; leeres Feld: an diesem Ort keine Vorgänge.",
        "en": "Digital share in {month}; an empty cell: no activity of that process there.",
    },
    "chart.heatmap.site.title": {
        "fr": "Part numérique par site et processus",
        "de": "Digitaler Anteil nach Standort und Prozess",
        "en": "Digital share by site and process",
    },
    "chart.heatmap.department.title": {
        "fr": "Part numérique par service et processus",
        "de": "Digitaler Anteil nach Abteilung und Prozess",
        "en": "Digital share by department and process",
    },
    "chart.heatmap.x": {"fr": "Processus", "de": "Prozess", "en": "Process"},
    "chart.heatmap.site.y": {"fr": "Site", "de": "Standort", "en": "Site"},
    "chart.heatmap.department.y": {
        "fr": "Site · service",
        "de": "Standort · Abteilung",
        "en": "Site · department",
    },
    "adoption.whole_site": {"fr": "ensemble du site", "de": "ganzer Standort", "en": "whole site"},
    "adoption.usage.header": {
        "fr": "Utilisateurs et volumes par système",
        "de": "Nutzende und Volumen pro System",
        "en": "Users and volumes per system",
    },
    "adoption.usage.caption": {
        "fr": "Utilisateurs actifs : moyenne journalière du mois ; collaborateurs formés et "
        "comptes patients : niveau en fin de mois ; volumes : actes numériques du mois.",
        "de": "Aktive Nutzende: Tagesdurchschnitt des Monats; Geschulte und Patientenkonten: "
        "Stand am Monatsende; Volumen: digitale Vorgänge im Monat.",
        "en": "Active users: daily average over the month; staff trained and patient accounts: "
        "level at month end; volumes: digital acts in the month.",
    },
    "chart.users.title": {
        "fr": "Utilisateurs actifs, collaborateurs formés, comptes patients",
        "de": "Aktive Nutzende, Geschulte, Patientenkonten",
        "en": "Active users, staff trained, patient accounts",
    },
    "chart.users.y": {"fr": "Personnes (nombre)", "de": "Personen (Anzahl)", "en": "People (count)"},
    "chart.volumes.title": {
        "fr": "Volumes numériques par mois et système",
        "de": "Digitale Volumen pro Monat und System",
        "en": "Digital volumes per month and system",
    },
    "chart.volumes.y": {
        "fr": "Actes numériques par mois (nombre)",
        "de": "Digitale Vorgänge pro Monat (Anzahl)",
        "en": "Digital acts per month (count)",
    },
    # Time for patients.
    "time.title": {
        "fr": "Du temps rendu aux patients",
        "de": "Zeit für Patientinnen und Patienten",
        "en": "Time given back to patients",
    },
    "time.subtitle": {
        "fr": "Heures de travail du personnel libérées par les processus numériques : volume "
        "numérique × minutes économisées par unité, en estimation basse, de base et haute.",
        "de": "Durch digitale Prozesse gewonnene Arbeitsstunden des Personals: digitales "
        "Volumen × eingesparte Minuten pro Einheit, als tiefe, Basis- und hohe Schätzung.",
        "en": "Staff working hours freed by digital processes: digital volume × minutes saved "
        "per unit, as a low, base and high estimate.",
    },
    "time.period.hours": {
        "fr": "Heures libérées (période)",
        "de": "Stunden (Zeitraum)",
        "en": "Hours freed (period)",
    },
    "time.period.fte": {
        "fr": "EPT en moyenne (période)",
        "de": "VZÄ im Schnitt (Zeitraum)",
        "en": "Average FTE (period)",
    },
    "time.period.help": {
        "fr": "De {start} à {end}. {details}",
        "de": "{start} bis {end}. {details}",
        "en": "{start} to {end}. {details}",
    },
    "time.cumulative.hours": {
        "fr": "Heures depuis {start}",
        "de": "Stunden seit {start}",
        "en": "Hours since {start}",
    },
    "time.cumulative.years": {
        "fr": "Années EPT depuis {start}",
        "de": "VZÄ-Jahre seit {start}",
        "en": "FTE-years since {start}",
    },
    "time.cumulative.help": {
        "fr": "Cumul depuis le premier mois de données ({start}), début du programme, jusqu'à "
        "{end}.",
        "de": "Kumuliert seit dem ersten Datenmonat ({start}), dem Programmstart, bis {end}.",
        "en": "Cumulated from the first month of data ({start}), the programme's start, to {end}.",
    },
    "time.years.help": {
        "fr": "Heures cumulées divisées par les heures d'un plein temps par an ({hours} h).",
        "de": "Kumulierte Stunden geteilt durch die Jahresstunden einer Vollzeitstelle ({hours} h).",
        "en": "Cumulated hours divided by the hours of one full-time post a year ({hours} h).",
    },
    "time.chart.header": {
        "fr": "Heures libérées par mois",
        "de": "Gewonnene Stunden pro Monat",
        "en": "Hours freed per month",
    },
    "time.by.system": {"fr": "Par système", "de": "Nach System", "en": "By system"},
    "time.by.aim": {"fr": "Par objectif", "de": "Nach Ziel", "en": "By aim"},
    "time.by.site": {"fr": "Par site", "de": "Nach Standort", "en": "By site"},
    "chart.time.system.title": {
        "fr": "Heures libérées par mois et système (base, fourchette du total)",
        "de": "Gewonnene Stunden pro Monat und System (Basis, Spanne des Totals)",
        "en": "Hours freed per month by system (base, range of the total)",
    },
    "chart.time.aim.title": {
        "fr": "Heures libérées par mois et objectif (base, fourchette du total)",
        "de": "Gewonnene Stunden pro Monat und Ziel (Basis, Spanne des Totals)",
        "en": "Hours freed per month by aim (base, range of the total)",
    },
    "chart.time.site.title": {
        "fr": "Heures libérées par mois et site (base, fourchette du total)",
        "de": "Gewonnene Stunden pro Monat und Standort (Basis, Spanne des Totals)",
        "en": "Hours freed per month by site (base, range of the total)",
    },
    "chart.time.total": {
        "fr": "Total (estimation de base)",
        "de": "Total (Basisschätzung)",
        "en": "Total (base estimate)",
    },
    "chart.time.total_range": {
        "fr": "Total, base et fourchette basse–haute",
        "de": "Total, Basis und Spanne tief–hoch",
        "en": "Total, base and low–high range",
    },
    "chart.time.band": {"fr": "Fourchette basse–haute", "de": "Bandbreite tief–hoch", "en": "Low–high range"},
    "chart.cumulative.title": {
        "fr": "Heures libérées cumulées depuis le début du programme",
        "de": "Kumulierte gewonnene Stunden seit Programmstart",
        "en": "Cumulative hours freed since the programme started",
    },
    "chart.cumulative.y": {
        "fr": "Heures cumulées (h)",
        "de": "Kumulierte Stunden (h)",
        "en": "Cumulative hours (h)",
    },
    "time.coefficients.header": {
        "fr": "D'où vient ce chiffre",
        "de": "Woher diese Zahl kommt",
        "en": "Where this number comes from",
    },
    "time.coefficients.caption": {
        "fr": "Minutes de travail libérées par unité numérique, selon le catalogue des "
        "indicateurs. Heures = volume × minutes ÷ 60 ; un coefficient négatif serait du temps "
        "que le processus numérique coûte.",
        "de": "Eingesparte Arbeitsminuten pro digitaler Einheit gemäss Kennzahlenkatalog. "
        "Stunden = Volumen × Minuten ÷ 60; ein negativer Koeffizient wäre Zeit, die der "
        "digitale Prozess kostet.",
        "en": "Working minutes freed per digital unit, from the metric catalogue. Hours = "
        "volume × minutes ÷ 60; a negative coefficient would be time the digital process costs.",
    },
    "column.process": {"fr": "Processus", "de": "Prozess", "en": "Process"},
    "column.unit": {"fr": "Unité", "de": "Einheit", "en": "Unit"},
    "column.minutes": {
        "fr": "Minutes par unité : base (basse–haute)",
        "de": "Minuten pro Einheit: Basis (tief–hoch)",
        "en": "Minutes per unit: base (low–high)",
    },
    "minutes.estimates": {
        "fr": "{base} ({low}–{high})",
        "de": "{base} ({low}–{high})",
        "en": "{base} ({low}–{high})",
    },
    "column.source": {"fr": "Source", "de": "Quelle", "en": "Source"},
    "time.coefficients.sources": {"fr": "Sources", "de": "Quellen", "en": "Sources"},
    "footnote": {"fr": "{label} [{number}]", "de": "{label} [{number}]", "en": "{label} [{number}]"},
    # Maturity.
    "maturity.title": {
        "fr": "Maturité numérique",
        "de": "Digitaler Reifegrad",
        "en": "Digital maturity",
    },
    "maturity.subtitle": {
        "fr": "Critères de type HIMSS EMRAM calculés à partir des données d'utilisation : un "
        "critère est rempli quand la part numérique atteint son seuil.",
        "de": "EMRAM-ähnliche Kriterien (HIMSS), berechnet aus den Nutzungsdaten: Ein "
        "Kriterium ist erfüllt, wenn der digitale Anteil seine Schwelle erreicht.",
        "en": "HIMSS EMRAM-style criteria computed from the usage data: a criterion is met "
        "when the digital share reaches its threshold.",
    },
    "maturity.stage.label": {
        "fr": "Stade atteint (type EMRAM)",
        "de": "Erreichte Stufe (EMRAM-ähnlich)",
        "en": "Stage reached (EMRAM-style)",
    },
    "maturity.stage.value": {"fr": "Stade {stage}", "de": "Stufe {stage}", "en": "Stage {stage}"},
    "maturity.stage.below": {
        "fr": "Avant le stade {stage}",
        "de": "Unter Stufe {stage}",
        "en": "Below stage {stage}",
    },
    "maturity.stage.help": {
        "fr": "Le plus haut stade dont tous les critères, et ceux de tous les stades inférieurs, "
        "sont remplis. Les stades 0 à 2 (systèmes médico-techniques, dossier clinique) ainsi que "
        "l'entrepôt de données et la reprise après sinistre du stade 7 ne se mesurent pas dans "
        "les données d'utilisation.",
        "de": "Die höchste Stufe, deren Kriterien und die aller tieferen Stufen erfüllt sind. "
        "Die Stufen 0 bis 2 (Labor-, Apotheken- und Radiologiesysteme, klinisches Datenarchiv) "
        "sowie Data Warehouse und Notfallwiederherstellung der Stufe 7 lassen sich nicht aus "
        "den Nutzungsdaten messen.",
        "en": "The highest stage whose criteria, and those of every lower stage, are all met. "
        "Stages 0 to 2 (ancillary systems, clinical data repository) and stage 7's data "
        "warehouse and disaster recovery cannot be measured from the usage data.",
    },
    "maturity.stage.next": {
        "fr": "Encore à remplir pour le stade {stage} : {criteria}.",
        "de": "Für Stufe {stage} noch zu erfüllen: {criteria}.",
        "en": "Still to meet for stage {stage}: {criteria}.",
    },
    "maturity.stage.top": {
        "fr": "Tous les critères mesurés sont remplis.",
        "de": "Alle gemessenen Kriterien sind erfüllt.",
        "en": "Every measured criterion is met.",
    },
    "maturity.criteria.header": {"fr": "Critères", "de": "Kriterien", "en": "Criteria"},
    "maturity.criterion.row": {
        "fr": "Stade {stage} · {criterion}",
        "de": "Stufe {stage} · {criterion}",
        "en": "Stage {stage} · {criterion}",
    },
    "maturity.criterion.nursing_documentation": {
        "fr": "Documentation de soins numérique",
        "de": "Digitale Pflegedokumentation",
        "en": "Digital nursing documentation",
    },
    "maturity.criterion.cpoe": {
        "fr": "Demandes d'examens informatisées (CPOE)",
        "de": "Elektronische Auftragserfassung (CPOE)",
        "en": "Computerised order entry (CPOE)",
    },
    "maturity.criterion.e_prescribing": {
        "fr": "Prescription médicamenteuse électronique",
        "de": "Elektronische Medikamentenverordnung",
        "en": "Electronic prescribing",
    },
    "maturity.criterion.structured_documentation": {
        "fr": "Documentation structurée (formulaires numériques)",
        "de": "Strukturierte Dokumentation (digitale Formulare)",
        "en": "Structured documentation (digital forms)",
    },
    "maturity.criterion.closed_loop": {
        "fr": "Circuit fermé du médicament (scan au lit)",
        "de": "Closed Loop Medikation (Scan am Bett)",
        "en": "Closed-loop medication (bedside scan)",
    },
    "maturity.criterion.cpoe_complete": {
        "fr": "Demandes d'examens informatisées (CPOE)",
        "de": "Elektronische Auftragserfassung (CPOE)",
        "en": "Computerised order entry (CPOE)",
    },
    "maturity.criterion.e_prescribing_complete": {
        "fr": "Prescription médicamenteuse électronique",
        "de": "Elektronische Medikamentenverordnung",
        "en": "Electronic prescribing",
    },
    "maturity.criterion.closed_loop_complete": {
        "fr": "Circuit fermé du médicament (scan au lit)",
        "de": "Closed Loop Medikation (Scan am Bett)",
        "en": "Closed-loop medication (bedside scan)",
    },
    "maturity.criterion.paperless_nursing": {
        "fr": "Sans papier : notes de soins",
        "de": "Papierlos: Pflegeberichte",
        "en": "Paperless: nursing notes",
    },
    "maturity.criterion.paperless_forms": {
        "fr": "Sans papier : formulaires",
        "de": "Papierlos: Formulare",
        "en": "Paperless: forms",
    },
    "maturity.met": {"fr": "✓ rempli", "de": "✓ erfüllt", "en": "✓ met"},
    "maturity.not_met": {"fr": "✗ non rempli", "de": "✗ nicht erfüllt", "en": "✗ not met"},
    "maturity.no_data": {"fr": "pas de données", "de": "keine Daten", "en": "no data"},
    "chart.maturity.title": {
        "fr": "Critères : part numérique actuelle et seuil",
        "de": "Kriterien: aktueller digitaler Anteil und Schwelle",
        "en": "Criteria: current digital share and threshold",
    },
    "chart.maturity.y": {"fr": "Critère", "de": "Kriterium", "en": "Criterion"},
    "chart.maturity.threshold": {"fr": "Seuil", "de": "Schwelle", "en": "Threshold"},
    "column.stage": {"fr": "Stade", "de": "Stufe", "en": "Stage"},
    "column.criterion": {"fr": "Critère", "de": "Kriterium", "en": "Criterion"},
    "column.threshold": {"fr": "Seuil", "de": "Schwelle", "en": "Threshold"},
    "column.value": {"fr": "Valeur actuelle", "de": "Aktueller Wert", "en": "Current value"},
    "column.status": {"fr": "Statut", "de": "Status", "en": "Status"},
    "maturity.benchmarks.header": {
        "fr": "Repères publiés",
        "de": "Veröffentlichte Vergleichswerte",
        "en": "Published benchmarks",
    },
    "maturity.bench.emram": {
        "fr": "**HIMSS EMRAM**, stades 0 à 7 :\n\n"
        "1. laboratoire, pharmacie, radiologie et PACS informatisés\n"
        "2. entrepôt de données cliniques\n"
        "3. documentation de soins, administration des médicaments (eMAR)\n"
        "4. prescription informatisée (CPOE) avec aide à la décision\n"
        "5. documentation médicale structurée\n"
        "6. circuit fermé du médicament ≥ {p50}\n"
        "7. sans papier, CPOE ≥ {p90}, circuit fermé ≥ {p95}, entrepôt de données, reprise "
        "après sinistre",
        "de": "**HIMSS EMRAM**, Stufen 0 bis 7:\n\n"
        "1. Labor-, Apotheken-, Radiologiesysteme und PACS\n"
        "2. klinisches Datenarchiv (CDR)\n"
        "3. Pflegedokumentation, elektronische Medikationsdokumentation (eMAR)\n"
        "4. elektronische Auftragserfassung (CPOE) mit Entscheidungsunterstützung\n"
        "5. strukturierte ärztliche Dokumentation\n"
        "6. Closed Loop Medikation ≥ {p50}\n"
        "7. papierlos, CPOE ≥ {p90}, Closed Loop ≥ {p95}, Data Warehouse, "
        "Notfallwiederherstellung",
        "en": "**HIMSS EMRAM**, stages 0 to 7:\n\n"
        "1. laboratory, pharmacy and radiology systems with PACS\n"
        "2. clinical data repository\n"
        "3. nursing documentation, electronic medication administration record (eMAR)\n"
        "4. computerised order entry (CPOE) with decision support\n"
        "5. structured physician documentation\n"
        "6. closed-loop medication ≥ {p50}\n"
        "7. paperless, CPOE ≥ {p90}, closed loop ≥ {p95}, data warehouse, disaster recovery",
    },
    "maturity.bench.emram.source": {
        "fr": "Source : HIMSS, Electronic Medical Record Adoption Model (EMRAM).",
        "de": "Quelle: HIMSS, Electronic Medical Record Adoption Model (EMRAM).",
        "en": "Source: HIMSS, Electronic Medical Record Adoption Model (EMRAM).",
    },
    "maturity.bench.digitalradar": {
        "fr": "**DigitalRadar** (hôpitaux allemands, score de 0 à 100 sur 7 dimensions) : "
        "moyenne nationale {score_2021} en 2021 ({hospitals} hôpitaux), {score_2024} en 2024.",
        "de": "**DigitalRadar** (deutsche Krankenhäuser, Punktwert 0 bis 100 in 7 Dimensionen): "
        "nationaler Durchschnitt {score_2021} im Jahr 2021 ({hospitals} Krankenhäuser), "
        "{score_2024} im Jahr 2024.",
        "en": "**DigitalRadar** (German hospitals, score 0 to 100 over 7 dimensions): national "
        "mean {score_2021} in 2021 ({hospitals} hospitals), {score_2024} in 2024.",
    },
    "maturity.bench.digitalradar.source": {
        "fr": "Source : DigitalRadar Krankenhaus, évaluations nationales 2021 et 2024.",
        "de": "Quelle: DigitalRadar Krankenhaus, nationale Erhebungen 2021 und 2024.",
        "en": "Source: DigitalRadar Krankenhaus, national assessments 2021 and 2024.",
    },
    "maturity.bench.epd": {
        "fr": "**Dossier électronique du patient (DEP)** : en août 2024, {hospitals} des hôpitaux "
        "suisses y étaient raccordés, et environ {population} de la population avait un dossier.",
        "de": "**Elektronisches Patientendossier (EPD)**: Im August 2024 waren {hospitals} der "
        "Schweizer Spitäler angeschlossen, und rund {population} der Bevölkerung hatte ein "
        "Dossier.",
        "en": "**Electronic patient record (EPD)**: in August 2024, {hospitals} of Swiss "
        "hospitals were connected to it, and about {population} of the population had a record.",
    },
    "maturity.bench.epd.source": {
        "fr": "Source : argoviatoday.ch (chiffres d'août 2024).",
        "de": "Quelle: argoviatoday.ch (Zahlen vom August 2024).",
        "en": "Source: argoviatoday.ch (August 2024 figures).",
    },
    "maturity.bench.note": {
        "fr": "Les critères de cette page sont une lecture « de type EMRAM » des données "
        "d'utilisation, pas une certification HIMSS.",
        "de": "Die Kriterien dieser Seite sind eine EMRAM-ähnliche Auswertung der Nutzungsdaten, "
        "keine HIMSS-Zertifizierung.",
        "en": "The criteria on this page are an EMRAM-style reading of the usage data, not a "
        "HIMSS certification.",
    },
    # --- Board views: Overview aims, Portfolio, Team (issue 3) ---------------------------
    "nav.portfolio": {"fr": "Portefeuille", "de": "Portfolio", "en": "Portfolio"},
    "nav.team": {"fr": "Équipe IT", "de": "IT-Team", "en": "IT team"},
    "filters.ignored": {
        "fr": "Filtre sans effet sur ces chiffres : {filters}.",
        "de": "Dieser Filter gilt hier nicht: {filters}.",
        "en": "This filter does not apply here: {filters}.",
    },
    "filters.scope_note": {
        "fr": "Un site ou une région garde aussi les projets de tout l'hôpital.",
        "de": "Ein Standort oder eine Region umfasst auch die spitalweiten Projekte.",
        "en": "A site or region also keeps the hospital-wide projects.",
    },
    "unit.chf_m": {"fr": "{value} mio CHF", "de": "CHF {value} Mio.", "en": "CHF {value}m"},
    "unit.days": {"fr": "{value} j", "de": "{value} T.", "en": "{value} d"},
    "overview.scope": {
        "fr": "Périmètre : {scope} · {aim}.",
        "de": "Bereich: {scope} · {aim}.",
        "en": "Scope: {scope} · {aim}.",
    },
    "overview.trends.header": {
        "fr": "Évolution sur la période",
        "de": "Entwicklung im Zeitraum",
        "en": "Trends over the period",
    },
    "overview.stale": {
        "fr": "Données anciennes ({source}) : dernière date le {date}, il y a {days} jours "
        "(attendu : au plus {limit} jours). Les chiffres qui en dépendent peuvent être dépassés.",
        "de": "Veraltete Daten ({source}): letzter Stand {date}, vor {days} Tagen (erwartet: "
        "höchstens {limit} Tage). Die Zahlen daraus sind womöglich nicht aktuell.",
        "en": "Stale data ({source}): latest date {date}, {days} days ago (expected within "
        "{limit} days). The figures based on it may be out of date.",
    },
    "overview.aims.header": {
        "fr": "Les cinq objectifs du programme",
        "de": "Die fünf Ziele des Programms",
        "en": "The programme's five aims",
    },
    "overview.aims.caption": {
        "fr": "L'indicateur principal de chaque objectif et sa courbe sur les 12 mois jusqu'à la "
        "dernière valeur. Périmètre : {scope}.",
        "de": "Die Hauptkennzahl jedes Ziels und ihre Kurve über die 12 Monate bis zum letzten "
        "Wert. Bereich: {scope}.",
        "en": "Each aim's headline figure and its line over the 12 months up to the latest "
        "value. Scope: {scope}.",
    },
    "aim.status.met": {"fr": "Objectif atteint", "de": "Ziel erreicht", "en": "Target met"},
    "aim.status.on_track": {"fr": "En bonne voie", "de": "Auf Kurs", "en": "On track"},
    "aim.status.off_track": {
        "fr": "En retard sur l'objectif",
        "de": "Nicht auf Kurs",
        "en": "Off track",
    },
    "aim.status.no_target": {"fr": "Sans objectif", "de": "Ohne Ziel", "en": "No target"},
    "aim.no_data": {
        "fr": "Pas de données pour ce périmètre.",
        "de": "Keine Daten für diesen Bereich.",
        "en": "No data for this scope.",
    },
    "aim.value_month": {"fr": "{kpi}, {month}.", "de": "{kpi}, {month}.", "en": "{kpi}, {month}."},
    "aim.target": {
        "fr": "Objectif : {value} au {due}.",
        "de": "Ziel: {value} bis {due}.",
        "en": "Target: {value} by {due}.",
    },
    "aim.target.wider": {
        "fr": "Objectif : {value} au {due} (fixé pour {scope}).",
        "de": "Ziel: {value} bis {due} (festgelegt für {scope}).",
        "en": "Target: {value} by {due} (set for {scope}).",
    },
    "aim.target.none": {
        "fr": "Aucun objectif n'est fixé pour ce périmètre.",
        "de": "Für diesen Bereich ist kein Ziel festgelegt.",
        "en": "No target is set for this scope.",
    },
    "aim.help": {
        "fr": "{kpi}. Signal : « objectif atteint » si la dernière valeur mensuelle atteint "
        "l'objectif ; « en bonne voie » si la droite de tendance des 6 derniers mois (au moins "
        "3 valeurs), prolongée jusqu'à l'échéance, l'atteint ; sinon « en retard ». Un objectif "
        "en pourcentage fixé pour l'hôpital ou une région vaut aussi pour chacun de ses sites.",
        "de": "{kpi}. Signal: «Ziel erreicht», wenn der letzte Monatswert das Ziel erreicht; "
        "«auf Kurs», wenn die Trendgerade der letzten 6 Monate (mindestens 3 Werte), bis zum "
        "Termin verlängert, es erreicht; sonst «nicht auf Kurs». Ein Prozentziel für das Spital "
        "oder eine Region gilt auch für jeden ihrer Standorte.",
        "en": "{kpi}. Signal: 'target met' when the latest monthly value meets the target; 'on "
        "track' when the trend line of the last 6 months (at least 3 values), extended to the "
        "due date, meets it; otherwise 'off track'. A percentage target set for the hospital or "
        "a region also holds for each of its sites.",
    },
    "kpi.forms_digital": {
        "fr": "Part des formulaires remplis numériquement plutôt que sur papier",
        "de": "Anteil der digital statt auf Papier ausgefüllten Formulare",
        "en": "Share of forms completed digitally rather than on paper",
    },
    "kpi.secure_messages_sent": {
        "fr": "Part des messages envoyés par messagerie sécurisée plutôt que par fax",
        "de": "Anteil der gesichert statt per Fax versandten Nachrichten",
        "en": "Share of messages sent securely rather than by fax",
    },
    "kpi.med_admin_scanned": {
        "fr": "Part des administrations de médicaments scannées au lit du patient",
        "de": "Anteil der am Patientenbett gescannten Medikamentengaben",
        "en": "Share of medication administrations scanned at the bedside",
    },
    "kpi.hours_freed": {
        "fr": "Heures de travail libérées par mois, estimation de base",
        "de": "Gewonnene Arbeitsstunden pro Monat, Basisschätzung",
        "en": "Staff hours freed per month, base estimate",
    },
    "kpi.portal_active_patients": {
        "fr": "Patients avec un compte actif sur le portail, en fin de mois",
        "de": "Patientinnen und Patienten mit aktivem Portalkonto am Monatsende",
        "en": "Patients with an active portal account at month end",
    },
    "overview.share.caption_scope": {
        "fr": "Part des actes saisis numériquement plutôt que sur papier, en {month}. "
        "Périmètre : {scope}.",
        "de": "Anteil der digital statt auf Papier erfassten Vorgänge im {month}. Bereich: {scope}.",
        "en": "Share of acts recorded digitally rather than on paper, in {month}. Scope: {scope}.",
    },
    "chart.share.title_scope": {
        "fr": "Part numérique par mois, {scope}",
        "de": "Digitaler Anteil pro Monat, {scope}",
        "en": "Digital share per month, {scope}",
    },
    "overview.portfolio.budget": {
        "fr": "Budget dépensé",
        "de": "Verbrauchtes Budget",
        "en": "Budget spent",
    },
    "overview.portfolio.budget_delta": {
        "fr": "{share} des {budget} prévus",
        "de": "{share} der geplanten {budget}",
        "en": "{share} of {budget} planned",
    },
    "overview.portfolio.budget_help": {
        "fr": "Dépenses et budgets de tous les projets, clôturés compris, selon le dernier "
        "rapport de chacun jusqu'en {month}.",
        "de": "Ausgaben und Budgets aller Projekte, abgeschlossene inbegriffen, gemäss dem "
        "letzten Bericht jedes Projekts bis {month}.",
        "en": "Spending and budgets of every project, closed ones included, as each last "
        "reported up to {month}.",
    },
    "overview.staffing.earlier": {
        "fr": "Pourvus depuis (étape d'alors non enregistrée) : {count}.",
        "de": "Seither besetzt (damalige Phase nicht erfasst): {count}.",
        "en": "Filled since (stage at the time not recorded): {count}.",
    },
    # Portfolio page.
    "portfolio.title": {
        "fr": "Portefeuille de projets",
        "de": "Projektportfolio",
        "en": "Project portfolio",
    },
    "portfolio.subtitle": {
        "fr": "Le dernier statut de chaque projet, les retards, le budget et les jalons.",
        "de": "Der letzte Status jedes Projekts, Verzögerungen, Budget und Meilensteine.",
        "en": "Every project's latest status, slippage, budget and milestones.",
    },
    "portfolio.as_of": {
        "fr": "Dernier rapport de chaque projet jusqu'en {month} · {count} projets · {scope}.",
        "de": "Letzter Bericht jedes Projekts bis {month} · {count} Projekte · {scope}.",
        "en": "Each project's latest report up to {month} · {count} projects · {scope}.",
    },
    "portfolio.table.header": {
        "fr": "Statut des projets",
        "de": "Projektstatus",
        "en": "Project status",
    },
    "portfolio.timeline.header": {
        "fr": "Calendrier et retards",
        "de": "Zeitplan und Verzögerungen",
        "en": "Timeline and slippage",
    },
    "portfolio.rag.header": {
        "fr": "Statut au fil des rapports",
        "de": "Status im Verlauf der Berichte",
        "en": "Status over the reports",
    },
    "portfolio.budget.header": {
        "fr": "Budget par programme",
        "de": "Budget pro Programm",
        "en": "Budget by programme",
    },
    "portfolio.milestones.header": {
        "fr": "Jalons prévus et atteints",
        "de": "Geplante und erreichte Meilensteine",
        "en": "Milestones planned and reached",
    },
    "portfolio.milestones.caption": {
        "fr": "Sur la période : {planned} jalons prévus, dont {on_time} atteints à temps ; "
        "{reached} jalons atteints en tout.",
        "de": "Im Zeitraum: {planned} Meilensteine geplant, davon {on_time} termingerecht "
        "erreicht; insgesamt {reached} Meilensteine erreicht.",
        "en": "In the period: {planned} milestones due, {on_time} of them reached on time; "
        "{reached} milestones reached in all.",
    },
    "portfolio.project.header": {
        "fr": "Détail d'un projet",
        "de": "Projektdetails",
        "en": "Project details",
    },
    "portfolio.project.select": {"fr": "Projet", "de": "Projekt", "en": "Project"},
    "portfolio.project.summary": {
        "fr": "{programme} · {site} · responsable : {owner}",
        "de": "{programme} · {site} · verantwortlich: {owner}",
        "en": "{programme} · {site} · owner: {owner}",
    },
    "portfolio.project.history": {
        "fr": "Rapports de statut",
        "de": "Statusberichte",
        "en": "Status reports",
    },
    "portfolio.project.milestones": {"fr": "Jalons", "de": "Meilensteine", "en": "Milestones"},
    "portfolio.project.no_milestones": {
        "fr": "Aucun jalon n'est enregistré pour ce projet.",
        "de": "Für dieses Projekt sind keine Meilensteine erfasst.",
        "en": "No milestones are recorded for this project.",
    },
    "column.project": {"fr": "Projet", "de": "Projekt", "en": "Project"},
    "column.programme": {"fr": "Programme", "de": "Programm", "en": "Programme"},
    "column.site": {"fr": "Site", "de": "Standort", "en": "Site"},
    "column.phase": {"fr": "Phase", "de": "Phase", "en": "Phase"},
    "column.percent_complete": {"fr": "Avancement", "de": "Fortschritt", "en": "Complete"},
    "column.planned_end": {"fr": "Fin prévue", "de": "Geplantes Ende", "en": "Planned end"},
    "column.forecast_end": {"fr": "Fin prévisionnelle", "de": "Prognose Ende", "en": "Forecast end"},
    "column.slippage": {"fr": "Retard", "de": "Verzug", "en": "Slippage"},
    "column.budget": {"fr": "Budget (mio CHF)", "de": "Budget (Mio. CHF)", "en": "Budget (CHF m)"},
    "column.spent": {"fr": "Dépensé (CHF)", "de": "Ausgegeben (CHF)", "en": "Spent (CHF)"},
    "column.spent_share": {"fr": "Budget consommé", "de": "Budget verbraucht", "en": "Budget used"},
    "column.report_date": {"fr": "Date du rapport", "de": "Berichtsdatum", "en": "Report date"},
    "column.comment": {"fr": "Commentaire", "de": "Kommentar", "en": "Comment"},
    "column.milestone": {"fr": "Jalon", "de": "Meilenstein", "en": "Milestone"},
    "column.planned_date": {"fr": "Date prévue", "de": "Geplant am", "en": "Planned date"},
    "column.actual_date": {"fr": "Atteint le", "de": "Erreicht am", "en": "Reached on"},
    "column.delay": {"fr": "Écart", "de": "Abweichung", "en": "Delay"},
    "phase.idea": {"fr": "Idée", "de": "Idee", "en": "Idea"},
    "phase.planning": {"fr": "Planification", "de": "Planung", "en": "Planning"},
    "phase.build": {"fr": "Réalisation", "de": "Umsetzung", "en": "Build"},
    "phase.rollout": {"fr": "Déploiement", "de": "Einführung", "en": "Rollout"},
    "phase.live": {"fr": "Production", "de": "Betrieb", "en": "Live"},
    "phase.closed": {"fr": "Clôturé", "de": "Abgeschlossen", "en": "Closed"},
    "chart.date": {"fr": "Date", "de": "Datum", "en": "Date"},
    "chart.timeline.title": {
        "fr": "Calendrier des projets : du début à la fin prévue, puis le retard prévu",
        "de": "Zeitplan der Projekte: vom Start bis zum geplanten Ende, dann der erwartete Verzug",
        "en": "Project timeline: start to planned end, then the forecast slippage",
    },
    "chart.timeline.y": {"fr": "Projet", "de": "Projekt", "en": "Project"},
    "chart.timeline.slippage": {
        "fr": "Retard prévu",
        "de": "Erwarteter Verzug",
        "en": "Forecast slippage",
    },
    "chart.timeline.as_of": {
        "fr": "Rapport {month}",
        "de": "Bericht {month}",
        "en": "Report {month}",
    },
    "chart.timeline.hover": {
        "fr": "{project}<br>Statut : {status} · {phase} · {percent}<br>Début {start} · fin prévue "
        "{planned} · prévision {forecast}<br>Retard : {slippage}",
        "de": "{project}<br>Status: {status} · {phase} · {percent}<br>Start {start} · geplantes "
        "Ende {planned} · Prognose {forecast}<br>Verzug: {slippage}",
        "en": "{project}<br>Status: {status} · {phase} · {percent}<br>Start {start} · planned end "
        "{planned} · forecast {forecast}<br>Slippage: {slippage}",
    },
    "chart.budget.title": {
        "fr": "Budget et dépenses par programme",
        "de": "Budget und Ausgaben pro Programm",
        "en": "Budget and spending by programme",
    },
    "chart.budget.x": {"fr": "Millions de CHF", "de": "Millionen CHF", "en": "CHF million"},
    "chart.budget.y": {"fr": "Programme", "de": "Programm", "en": "Programme"},
    "chart.budget.budget": {"fr": "Budget prévu", "de": "Geplantes Budget", "en": "Planned budget"},
    "chart.budget.spent": {"fr": "Dépensé", "de": "Ausgegeben", "en": "Spent"},
    "chart.milestones.title": {
        "fr": "Jalons prévus et atteints par mois",
        "de": "Geplante und erreichte Meilensteine pro Monat",
        "en": "Milestones due and reached per month",
    },
    "chart.milestones.y": {
        "fr": "Jalons (nombre)",
        "de": "Meilensteine (Anzahl)",
        "en": "Milestones (count)",
    },
    "chart.milestones.planned": {
        "fr": "Prévus ce mois",
        "de": "In diesem Monat geplant",
        "en": "Due that month",
    },
    "chart.milestones.reached": {
        "fr": "Atteints ce mois",
        "de": "In diesem Monat erreicht",
        "en": "Reached that month",
    },
    # Team page.
    "team.title": {
        "fr": "Recrutement de l'équipe IT",
        "de": "Rekrutierung des IT-Teams",
        "en": "Hiring the IT team",
    },
    "team.subtitle": {
        "fr": "Les postes de spécialistes IT du programme : où en est chaque recrutement, au "
        "regard du plan.",
        "de": "Die IT-Fachstellen des Programms: wo jede Rekrutierung steht, gemessen am Plan.",
        "en": "The programme's IT specialist positions: where each hire stands against the plan.",
    },
    "team.as_of": {
        "fr": "Situation à fin {month} · {scope} · {programme}.",
        "de": "Stand Ende {month} · {scope} · {programme}.",
        "en": "As of the end of {month} · {scope} · {programme}.",
    },
    "team.pipeline.header": {
        "fr": "Postes par étape du recrutement",
        "de": "Stellen nach Rekrutierungsphase",
        "en": "Positions by hiring stage",
    },
    "team.pipeline.help": {
        "fr": "Postes du plan ouverts d'ici à fin {month}, hors annulés. Pourvus : engagés d'ici "
        "là. Ouverts, en entretiens, offre faite : l'étape actuelle des postes encore vacants "
        "(l'export ne donne que l'étape actuelle).",
        "de": "Bis Ende {month} eröffnete Stellen des Plans, ohne stornierte. Besetzt: bis dahin "
        "besetzt. Offen, in Gesprächen, Angebot gemacht: die aktuelle Phase der noch offenen "
        "Stellen (der Export enthält nur die aktuelle Phase).",
        "en": "Positions of the plan opened by the end of {month}, cancelled ones excluded. "
        "Filled: filled by then. Open, interviewing, offer made: the current stage of positions "
        "still vacant (the export gives only the current stage).",
    },
    "stage.open": {"fr": "Ouverts", "de": "Offen", "en": "Open"},
    "stage.interviewing": {"fr": "En entretiens", "de": "In Gesprächen", "en": "Interviewing"},
    "stage.offer": {"fr": "Offre faite", "de": "Angebot gemacht", "en": "Offer made"},
    "stage.filled": {"fr": "Pourvus", "de": "Besetzt", "en": "Filled"},
    "stage.earlier_stage": {
        "fr": "Pourvus plus tard",
        "de": "Später besetzt",
        "en": "Filled later",
    },
    "team.planned": {
        "fr": "Plan : {count} postes, soit {fte}, dont {filled} pourvus.",
        "de": "Plan: {count} Stellen, also {fte}, davon {filled} besetzt.",
        "en": "Plan: {count} positions, that is {fte}, of which {filled} filled.",
    },
    "team.plan.header": {
        "fr": "Postes pourvus au regard du plan",
        "de": "Besetzte Stellen im Vergleich zum Plan",
        "en": "Positions filled against the plan",
    },
    "team.fill.header": {
        "fr": "Délai de recrutement",
        "de": "Rekrutierungsdauer",
        "en": "Time to fill",
    },
    "team.fte.header": {"fr": "EPT par équipe", "de": "VZÄ pro Team", "en": "FTE by team"},
    "team.no_team": {"fr": "(sans équipe)", "de": "(ohne Team)", "en": "(no team)"},
    "team.fill.none": {
        "fr": "Aucun poste n'a encore été pourvu dans ce périmètre.",
        "de": "In diesem Bereich wurde noch keine Stelle besetzt.",
        "en": "No position has been filled in this scope yet.",
    },
    "chart.fill.title": {
        "fr": "Délai de recrutement par rôle (médiane, min–max)",
        "de": "Tage bis zur Besetzung pro Rolle (Median, Min–Max)",
        "en": "Days to fill by role (median, min–max)",
    },
    "chart.fill.x": {"fr": "Jours (nombre)", "de": "Tage (Anzahl)", "en": "Days (count)"},
    "chart.fill.y": {"fr": "Rôle", "de": "Rolle", "en": "Role"},
    "chart.fill.hover": {
        "fr": "%{y}<br>médiane %{x:,.0f} jours · de %{customdata[0]:,.0f} à "
        "%{customdata[1]:,.0f} jours · %{customdata[2]} postes",
        "de": "%{y}<br>Median %{x:,.0f} Tage · von %{customdata[0]:,.0f} bis "
        "%{customdata[1]:,.0f} Tagen · %{customdata[2]} Stellen",
        "en": "%{y}<br>median %{x:,.0f} days · from %{customdata[0]:,.0f} to "
        "%{customdata[1]:,.0f} days · %{customdata[2]} positions",
    },
    "chart.fte.title": {
        "fr": "Équivalents plein temps par équipe : pourvus et vacants",
        "de": "Vollzeitäquivalente pro Team: besetzt und offen",
        "en": "Full-time equivalents by team: filled and vacant",
    },
    "chart.fte.x": {"fr": "EPT", "de": "VZÄ", "en": "FTE"},
    "chart.fte.y": {"fr": "Équipe", "de": "Team", "en": "Team"},
    "chart.fte.filled": {"fr": "Pourvus", "de": "Besetzt", "en": "Filled"},
    "chart.fte.vacant": {"fr": "Vacants", "de": "Offen", "en": "Vacant"},
    # The Upload and Load history pages (project leads).
    "nav.upload": {"fr": "Déposer un export", "de": "Export hochladen", "en": "Upload an export"},
    "nav.history": {"fr": "Historique des chargements", "de": "Ladeverlauf", "en": "Load history"},
    "upload.title": {
        "fr": "Déposer l'export de votre outil",
        "de": "Export Ihres Werkzeugs hochladen",
        "en": "Upload the export of your tool",
    },
    "upload.intro": {
        "fr": "Déposez un fichier CSV ou Excel tel que votre outil l'a produit. Il est vérifié et "
        "vous voyez ce qu'il changerait avant que quoi que ce soit ne soit enregistré.",
        "de": "Laden Sie eine CSV- oder Excel-Datei hoch, so wie Ihr Werkzeug sie erzeugt hat. Sie "
        "wird geprüft, und Sie sehen, was sie ändern würde, bevor etwas gespeichert wird.",
        "en": "Drop a CSV or Excel file as your tool produced it. It is checked, and you see what "
        "it would change before anything is saved.",
    },
    "upload.uploader": {
        "fr": "Fichiers à charger (glisser-déposer, plusieurs à la fois)",
        "de": "Dateien zum Laden (hineinziehen, mehrere auf einmal)",
        "en": "Files to load (drag and drop, several at once)",
    },
    "upload.limit": {
        "fr": "Fichiers CSV, TXT, TSV ou Excel (.xlsx), jusqu'à {size} Mo par fichier.",
        "de": "CSV-, TXT-, TSV- oder Excel-Dateien (.xlsx), bis {size} MB pro Datei.",
        "en": "CSV, TXT, TSV or Excel (.xlsx) files, up to {size} MB each.",
    },
    "upload.too_big": {
        "fr": "{file} : le fichier fait {size} Mo, la limite est de {limit} Mo. Exportez une période "
        "plus courte ou divisez le fichier. Rien n'a été enregistré.",
        "de": "{file}: Die Datei ist {size} MB gross, die Grenze liegt bei {limit} MB. Exportieren "
        "Sie einen kürzeren Zeitraum oder teilen Sie die Datei. Nichts wurde gespeichert.",
        "en": "{file}: the file is {size} MB, the limit is {limit} MB. Export a shorter period or "
        "split the file. Nothing was saved.",
    },
    "upload.checking": {
        "fr": "Vérification de {file}… {percent}",
        "de": "{file} wird geprüft… {percent}",
        "en": "Checking {file}… {percent}",
    },
    "upload.kind.choose": {"fr": "Type d'export", "de": "Art des Exports", "en": "Kind of export"},
    "upload.kind.auto": {
        "fr": "Détection automatique : {kind}",
        "de": "Automatische Erkennung: {kind}",
        "en": "Automatic: {kind}",
    },
    "upload.mapping.optional": {
        "fr": "Informations facultatives",
        "de": "Freiwillige Angaben",
        "en": "Optional items",
    },
    "upload.kind.unknown": {"fr": "non reconnu", "de": "nicht erkannt", "en": "not recognised"},
    "upload.kind.help": {
        "fr": "Le type est reconnu d'après les noms de colonnes. Choisissez-en un autre si la "
        "reconnaissance s'est trompée.",
        "de": "Die Art wird an den Spaltennamen erkannt. Wählen Sie eine andere, wenn die "
        "Erkennung falsch liegt.",
        "en": "The kind is recognised from the column names. Choose another one if that went wrong.",
    },
    "upload.kind.projects": {
        "fr": "Rapport d'état des projets",
        "de": "Projektstatusbericht",
        "en": "Project status report",
    },
    "upload.kind.milestones": {
        "fr": "Jalons des projets",
        "de": "Projektmeilensteine",
        "en": "Project milestones",
    },
    "upload.kind.positions": {
        "fr": "Postes et recrutement",
        "de": "Stellen und Rekrutierung",
        "en": "Positions and hiring",
    },
    "upload.kind.usage": {
        "fr": "Utilisation des systèmes",
        "de": "Nutzung der Systeme",
        "en": "System usage",
    },
    "upload.mapping.used": {
        "fr": "Lu avec la correspondance de colonnes « {name} ».",
        "de": "Mit der Spaltenzuordnung «{name}» gelesen.",
        "en": "Read with the column mapping “{name}”.",
    },
    "upload.mapping.constants": {
        "fr": "Votre outil n'a pas ces colonnes ; chaque ligne reçoit la même valeur. Vérifiez-les "
        "avant de charger :",
        "de": "Ihr Werkzeug hat diese Spalten nicht; jede Zeile erhält denselben Wert. Prüfen Sie "
        "sie vor dem Laden:",
        "en": "Your tool has no such columns; every row gets the same value. Check them before "
        "loading:",
    },
    "upload.mapping.constant_item": {
        "fr": "{field} : {value}",
        "de": "{field}: {value}",
        "en": "{field}: {value}",
    },
    "upload.mapping.today": {
        "fr": "{date} (le jour du chargement)",
        "de": "{date} (der Tag des Ladens)",
        "en": "{date} (the day of the load)",
    },
    "upload.mapping.edit": {
        "fr": "Modifier la correspondance des colonnes",
        "de": "Spaltenzuordnung ändern",
        "en": "Change the column mapping",
    },
    "upload.mapping.header": {
        "fr": "Quelle colonne contient quoi ?",
        "de": "Welche Spalte enthält was?",
        "en": "Which column holds what?",
    },
    "upload.mapping.intro": {
        "fr": "Indiquez pour chaque information la colonne de votre fichier qui la contient (une "
        "proposition est déjà faite). Les informations marquées * sont obligatoires : si votre "
        "fichier ne les a pas, donnez une valeur pour toutes les lignes. La correspondance est "
        "enregistrée sous un nom et réutilisée automatiquement pour tout fichier avec les mêmes "
        "colonnes, ici comme en ligne de commande.",
        "de": "Geben Sie für jede Angabe die Spalte Ihrer Datei an, die sie enthält (ein Vorschlag "
        "ist bereits eingetragen). Mit * markierte Angaben sind Pflicht: Hat Ihre Datei sie nicht, "
        "geben Sie einen Wert für alle Zeilen an. Die Zuordnung wird unter einem Namen gespeichert "
        "und für jede Datei mit denselben Spalten automatisch wiederverwendet, hier wie auf der "
        "Kommandozeile.",
        "en": "For each item, name the column of your file that holds it (a proposal is already "
        "filled in). Items marked * are required: if your file lacks one, give a value for every "
        "row. The mapping is saved under a name and used again automatically for any file with "
        "the same columns, here and on the command line.",
    },
    "upload.mapping.kind": {
        "fr": "Ce fichier contient",
        "de": "Diese Datei enthält",
        "en": "This file holds",
    },
    "upload.mapping.none": {
        "fr": "— pas dans le fichier —",
        "de": "— nicht in der Datei —",
        "en": "— not in the file —",
    },
    "upload.mapping.required": {"fr": "{label} *", "de": "{label} *", "en": "{label} *"},
    "upload.mapping.constant": {
        "fr": "… ou même valeur pour chaque ligne",
        "de": "… oder derselbe Wert in jeder Zeile",
        "en": "… or the same value in every row",
    },
    "upload.mapping.name": {
        "fr": "Nom de cette correspondance",
        "de": "Name dieser Zuordnung",
        "en": "Name of this mapping",
    },
    "upload.mapping.default_name": {
        "fr": "{file} ({kind})",
        "de": "{file} ({kind})",
        "en": "{file} ({kind})",
    },
    "upload.mapping.save": {
        "fr": "Enregistrer la correspondance et vérifier à nouveau",
        "de": "Zuordnung speichern und erneut prüfen",
        "en": "Save the mapping and check again",
    },
    "upload.mapping.cancel": {"fr": "Annuler", "de": "Abbrechen", "en": "Cancel"},
    "upload.mapping.incomplete": {
        "fr": "Indiquez une colonne ou une valeur pour : {fields}.",
        "de": "Geben Sie eine Spalte oder einen Wert an für: {fields}.",
        "en": "Name a column or give a value for: {fields}.",
    },
    "upload.mapping.saved": {
        "fr": "Correspondance « {name} » enregistrée : elle servira pour chaque fichier avec ces colonnes.",
        "de": "Zuordnung «{name}» gespeichert: Sie gilt für jede Datei mit diesen Spalten.",
        "en": "Mapping “{name}” saved: it will be used for every file with these columns.",
    },
    "upload.mapping.invalid": {
        "fr": "Cette correspondance ne peut pas être enregistrée : {detail}",
        "de": "Diese Zuordnung kann nicht gespeichert werden: {detail}",
        "en": "This mapping cannot be saved: {detail}",
    },
    "upload.field.report_date": {"fr": "Date du rapport", "de": "Berichtsdatum", "en": "Report date"},
    "upload.field.project_id": {"fr": "ID du projet", "de": "Projekt-ID", "en": "Project ID"},
    "upload.field.project_name": {"fr": "Nom du projet", "de": "Projektname", "en": "Project name"},
    "upload.field.programme": {"fr": "Programme", "de": "Programm", "en": "Programme"},
    "upload.field.aim": {"fr": "Objectif", "de": "Ziel", "en": "Aim"},
    "upload.field.site": {"fr": "Site", "de": "Standort", "en": "Site"},
    "upload.field.owner": {"fr": "Responsable", "de": "Verantwortlich", "en": "Owner"},
    "upload.field.phase": {"fr": "Phase", "de": "Phase", "en": "Phase"},
    "upload.field.status": {"fr": "Statut", "de": "Status", "en": "Status"},
    "upload.field.start_date": {"fr": "Date de début", "de": "Startdatum", "en": "Start date"},
    "upload.field.planned_end": {"fr": "Fin prévue", "de": "Geplantes Ende", "en": "Planned end"},
    "upload.field.forecast_end": {"fr": "Fin prévue actualisée", "de": "Prognose Ende", "en": "Forecast end"},
    "upload.field.budget_chf": {"fr": "Budget (CHF)", "de": "Budget (CHF)", "en": "Budget (CHF)"},
    "upload.field.spent_chf": {"fr": "Dépensé (CHF)", "de": "Ausgaben (CHF)", "en": "Spent (CHF)"},
    "upload.field.percent_complete": {
        "fr": "Avancement (%)",
        "de": "Fortschritt (%)",
        "en": "Percent complete (%)",
    },
    "upload.field.comment": {"fr": "Commentaire", "de": "Kommentar", "en": "Comment"},
    "upload.field.milestone_id": {"fr": "ID du jalon", "de": "Meilenstein-ID", "en": "Milestone ID"},
    "upload.field.milestone": {"fr": "Jalon", "de": "Meilenstein", "en": "Milestone"},
    "upload.field.planned_date": {"fr": "Date prévue", "de": "Geplantes Datum", "en": "Planned date"},
    "upload.field.actual_date": {"fr": "Date effective", "de": "Ist-Datum", "en": "Actual date"},
    "upload.field.position_id": {"fr": "ID du poste", "de": "Stellen-ID", "en": "Position ID"},
    "upload.field.role": {"fr": "Fonction", "de": "Funktion", "en": "Role"},
    "upload.field.team": {"fr": "Équipe", "de": "Team", "en": "Team"},
    "upload.field.fte": {"fr": "Taux (EPT)", "de": "Pensum (VZÄ)", "en": "FTE"},
    "upload.field.opened_date": {"fr": "Date d'ouverture", "de": "Eröffnet am", "en": "Opened on"},
    "upload.field.filled_date": {"fr": "Pourvu le", "de": "Besetzt am", "en": "Filled on"},
    "upload.field.annual_cost_chf": {
        "fr": "Coût annuel (CHF)",
        "de": "Jahreskosten (CHF)",
        "en": "Annual cost (CHF)",
    },
    "upload.field.date": {"fr": "Date", "de": "Datum", "en": "Date"},
    "upload.field.department": {"fr": "Service", "de": "Abteilung", "en": "Department"},
    "upload.field.system": {"fr": "Système", "de": "System", "en": "System"},
    "upload.field.metric": {"fr": "Indicateur", "de": "Kennzahl", "en": "Metric"},
    "upload.field.value": {"fr": "Valeur", "de": "Wert", "en": "Value"},
    "upload.group.required": {"fr": "Valeurs manquantes", "de": "Fehlende Werte", "en": "Missing values"},
    "upload.group.date": {
        "fr": "Dates non reconnues",
        "de": "Nicht erkannte Daten",
        "en": "Dates not understood",
    },
    "upload.group.month_first": {
        "fr": "Dates écrites avec le mois en premier",
        "de": "Daten mit dem Monat zuerst",
        "en": "Dates written month first",
    },
    "upload.group.number": {
        "fr": "Texte dans une colonne de nombres",
        "de": "Text in einer Zahlenspalte",
        "en": "Text in a number column",
    },
    "upload.group.enum": {
        "fr": "Valeurs hors de la liste",
        "de": "Werte ausserhalb der Liste",
        "en": "Values outside the list",
    },
    "upload.group.unknown_metric": {
        "fr": "Indicateurs inconnus",
        "de": "Unbekannte Kennzahlen",
        "en": "Unknown metrics",
    },
    "upload.group.duplicate_key": {"fr": "Lignes en double", "de": "Doppelte Zeilen", "en": "Duplicate rows"},
    "upload.group.not_before_start": {
        "fr": "Fin avant le début",
        "de": "Ende vor dem Beginn",
        "en": "End before the start",
    },
    "upload.group.not_before_opened": {
        "fr": "Poste pourvu avant son ouverture",
        "de": "Stelle vor ihrer Eröffnung besetzt",
        "en": "Position filled before it opened",
    },
    "upload.group.not_negative": {
        "fr": "Nombres négatifs",
        "de": "Negative Zahlen",
        "en": "Negative numbers",
    },
    "upload.group.percent_range": {
        "fr": "Pourcentages hors de 0 à 100",
        "de": "Prozentsätze ausserhalb von 0 bis 100",
        "en": "Percentages outside 0 to 100",
    },
    "upload.group.fte_range": {
        "fr": "Taux hors de 0 à 1",
        "de": "Pensum ausserhalb von 0 bis 1",
        "en": "FTE outside 0 to 1",
    },
    "upload.group.filled_needs_date": {
        "fr": "Date de repourvue manquante",
        "de": "Fehlendes Besetzungsdatum",
        "en": "Missing filled date",
    },
    "upload.group.not_future": {
        "fr": "Dates dans le futur",
        "de": "Daten in der Zukunft",
        "en": "Dates in the future",
    },
    "upload.group.ssn": {
        "fr": "Numéros AVS (données personnelles)",
        "de": "AHV-Nummern (Personendaten)",
        "en": "AVS/AHV numbers (personal data)",
    },
    "upload.group.other": {"fr": "Autres problèmes", "de": "Weitere Probleme", "en": "Other problems"},
    "upload.col.line": {"fr": "Ligne", "de": "Zeile", "en": "Line"},
    "upload.col.column": {"fr": "Colonne", "de": "Spalte", "en": "Column"},
    "upload.col.found": {"fr": "Trouvé", "de": "Gefunden", "en": "Found"},
    "upload.col.expected": {"fr": "Attendu", "de": "Erwartet", "en": "Expected"},
    "upload.col.key": {"fr": "Clé", "de": "Schlüssel", "en": "Key"},
    "upload.col.before": {"fr": "Avant", "de": "Vorher", "en": "Before"},
    "upload.col.after": {"fr": "Après", "de": "Nachher", "en": "After"},
    "upload.rejected": {
        "fr": "{file} ne peut pas être chargé : {count} problème(s) à corriger dans le fichier. "
        "Rien n'a été enregistré.",
        "de": "{file} kann nicht geladen werden: {count} Problem(e) in der Datei zu beheben. "
        "Nichts wurde gespeichert.",
        "en": "{file} cannot be loaded: {count} problem(s) to fix in the file. Nothing was saved.",
    },
    "upload.group.count": {"fr": "{title} ({count})", "de": "{title} ({count})", "en": "{title} ({count})"},
    "upload.download": {
        "fr": "Télécharger les lignes refusées (CSV)",
        "de": "Abgelehnte Zeilen herunterladen (CSV)",
        "en": "Download the rejected lines (CSV)",
    },
    "upload.download.help": {
        "fr": "Les lignes du fichier qui posent problème, avec leur numéro et une colonne « erreur » "
        "qui dit quoi corriger.",
        "de": "Die Zeilen der Datei mit Problemen, mit ihrer Nummer und einer Spalte «Fehler», die "
        "sagt, was zu korrigieren ist.",
        "en": "The lines of the file with problems, with their number and an “error” column saying "
        "what to fix.",
    },
    "upload.duplicate": {
        "fr": "{file} : ce fichier exact a déjà été chargé le {date} (chargement {load_id}). Il n'y a "
        "rien à faire.",
        "de": "{file}: Genau diese Datei wurde bereits am {date} geladen (Ladung {load_id}). Es ist "
        "nichts zu tun.",
        "en": "{file}: this exact file was already loaded on {date} (load {load_id}). There is "
        "nothing to do.",
    },
    "upload.ready": {
        "fr": "{file} est valide : {rows} lignes ({kind}). Voici ce que le chargement changerait.",
        "de": "{file} ist gültig: {rows} Zeilen ({kind}). Das würde das Laden ändern.",
        "en": "{file} is valid: {rows} rows ({kind}). This is what loading it would change.",
    },
    "upload.preview.added": {"fr": "Lignes nouvelles", "de": "Neue Zeilen", "en": "New rows"},
    "upload.preview.replaced": {
        "fr": "Lignes qui en remplacent",
        "de": "Zeilen, die bestehende ersetzen",
        "en": "Rows replacing stored ones",
    },
    "upload.preview.unchanged": {
        "fr": "Lignes inchangées",
        "de": "Unveränderte Zeilen",
        "en": "Unchanged rows",
    },
    "upload.preview.help": {
        "fr": "Une ligne remplace celle déjà enregistrée avec la même clé ({columns}).",
        "de": "Eine Zeile ersetzt die bereits gespeicherte mit demselben Schlüssel ({columns}).",
        "en": "A row replaces the stored one with the same key ({columns}).",
    },
    "upload.changes.title": {
        "fr": "Valeurs qui changent",
        "de": "Werte, die sich ändern",
        "en": "Values that change",
    },
    "upload.changes.more": {
        "fr": "Les valeurs des {count} premières lignes remplacées sont montrées.",
        "de": "Gezeigt sind die Werte der ersten {count} ersetzten Zeilen.",
        "en": "The values of the first {count} replaced rows are shown.",
    },
    "upload.sample.title": {
        "fr": "Premières lignes nouvelles",
        "de": "Erste neue Zeilen",
        "en": "First new rows",
    },
    "upload.confirm": {"fr": "Charger {file}", "de": "{file} laden", "en": "Load {file}"},
    "upload.confirm.note": {
        "fr": "Rien n'est enregistré avant ce clic. Un chargement peut être annulé dans l'historique.",
        "de": "Vor diesem Klick wird nichts gespeichert. Eine Ladung lässt sich im Ladeverlauf "
        "rückgängig machen.",
        "en": "Nothing is saved before this click. A load can be undone in the load history.",
    },
    "upload.loading": {
        "fr": "Chargement de {file}… {percent}",
        "de": "{file} wird geladen… {percent}",
        "en": "Loading {file}… {percent}",
    },
    "upload.loaded": {
        "fr": "{file} est chargé : {rows} lignes ({kind}), dont {replaced} remplacent des lignes "
        "déjà enregistrées (chargement {load_id}).",
        "de": "{file} ist geladen: {rows} Zeilen ({kind}), davon ersetzen {replaced} bereits "
        "gespeicherte Zeilen (Ladung {load_id}).",
        "en": "{file} is loaded: {rows} rows ({kind}), {replaced} of them replacing stored rows "
        "(load {load_id}).",
    },
    "upload.failed": {
        "fr": "Le chargement n'a pas abouti ; les données enregistrées n'ont pas changé. Réessayez "
        "dans un instant ; si le problème persiste, contactez l'équipe d'analyse.",
        "de": "Das Laden ist nicht gelungen; die gespeicherten Daten sind unverändert. Versuchen "
        "Sie es gleich noch einmal; besteht das Problem weiter, wenden Sie sich an das Analyseteam.",
        "en": "The load did not go through; the stored data has not changed. Try again in a "
        "moment; if the problem persists, please contact the analytics team.",
    },
    "upload.to_history": {
        "fr": "Voir l'historique des chargements",
        "de": "Zum Ladeverlauf",
        "en": "See the load history",
    },
    "history.title": {"fr": "Historique des chargements", "de": "Ladeverlauf", "en": "Load history"},
    "history.intro": {
        "fr": "Chaque fichier chargé, par qui, quand et avec quel résultat. Un chargement peut être "
        "annulé : ses lignes sont retirées et les lignes qu'il avait remplacées reviennent.",
        "de": "Jede geladene Datei: von wem, wann und mit welchem Ergebnis. Eine Ladung lässt sich "
        "rückgängig machen: Ihre Zeilen werden entfernt, die von ihr ersetzten kehren zurück.",
        "en": "Every file loaded: by whom, when and with what result. A load can be undone: its "
        "rows are removed and the rows it replaced come back.",
    },
    "history.empty": {
        "fr": "Aucun fichier n'a encore été chargé.",
        "de": "Es wurde noch keine Datei geladen.",
        "en": "No file has been loaded yet.",
    },
    "history.col.load": {"fr": "N°", "de": "Nr.", "en": "No."},
    "history.col.when": {"fr": "Quand", "de": "Wann", "en": "When"},
    "history.col.who": {"fr": "Qui", "de": "Wer", "en": "Who"},
    "history.col.file": {"fr": "Fichier", "de": "Datei", "en": "File"},
    "history.col.kind": {"fr": "Type", "de": "Art", "en": "Kind"},
    "history.col.rows": {"fr": "Lignes", "de": "Zeilen", "en": "Rows"},
    "history.col.replaced": {"fr": "Remplacées", "de": "Ersetzt", "en": "Replaced"},
    "history.col.status": {"fr": "Statut", "de": "Status", "en": "Status"},
    "history.col.mapping": {"fr": "Correspondance", "de": "Zuordnung", "en": "Mapping"},
    "history.status.loaded": {"fr": "Chargé", "de": "Geladen", "en": "Loaded"},
    "history.status.rejected": {"fr": "Refusé", "de": "Abgelehnt", "en": "Rejected"},
    "history.status.duplicate": {"fr": "Déjà chargé", "de": "Bereits geladen", "en": "Already loaded"},
    "history.status.undone": {"fr": "Annulé", "de": "Rückgängig gemacht", "en": "Undone"},
    "history.status.undo": {
        "fr": "Annulation du n° {load_id}",
        "de": "Rücknahme von Nr. {load_id}",
        "en": "Undo of no. {load_id}",
    },
    "history.undo.header": {
        "fr": "Annuler un chargement",
        "de": "Ladung rückgängig machen",
        "en": "Undo a load",
    },
    "history.undo.choose": {"fr": "Chargement", "de": "Ladung", "en": "Load"},
    "history.undo.option": {
        "fr": "N° {load_id} · {file} · {when} · {who}",
        "de": "Nr. {load_id} · {file} · {when} · {who}",
        "en": "No. {load_id} · {file} · {when} · {who}",
    },
    "history.undo.none": {
        "fr": "Aucun chargement que vous puissiez annuler.",
        "de": "Keine Ladung, die Sie rückgängig machen können.",
        "en": "No load you can undo.",
    },
    "history.undo.own": {
        "fr": "Vous pouvez annuler vos propres chargements.",
        "de": "Sie können Ihre eigenen Ladungen rückgängig machen.",
        "en": "You can undo your own loads.",
    },
    "history.undo.button": {
        "fr": "Annuler ce chargement…",
        "de": "Diese Ladung rückgängig machen…",
        "en": "Undo this load…",
    },
    "history.undo.confirm": {
        "fr": "Annuler le chargement n° {load_id} ({file}) ? Ses lignes sont retirées ({rows} au "
        "chargement) et les lignes qu'il avait remplacées reviennent ({replaced}). L'annulation "
        "est inscrite dans l'historique.",
        "de": "Ladung Nr. {load_id} ({file}) rückgängig machen? Ihre Zeilen werden entfernt ({rows} "
        "beim Laden), die von ihr ersetzten kehren zurück ({replaced}). Die Rücknahme wird im "
        "Ladeverlauf vermerkt.",
        "en": "Undo load no. {load_id} ({file})? Its rows are removed ({rows} when loaded) and the "
        "rows it replaced come back ({replaced}). The undo is recorded in the history.",
    },
    "history.undo.yes": {
        "fr": "Oui, annuler le chargement n° {load_id}",
        "de": "Ja, Ladung Nr. {load_id} rückgängig machen",
        "en": "Yes, undo load no. {load_id}",
    },
    "history.undo.no": {"fr": "Non, garder", "de": "Nein, behalten", "en": "No, keep it"},
    "history.undo.progress": {
        "fr": "Annulation en cours… {percent}",
        "de": "Rücknahme läuft… {percent}",
        "en": "Undoing… {percent}",
    },
    "history.undo.done": {
        "fr": "Chargement n° {load_id} annulé : {removed} lignes retirées, {restored} lignes "
        "antérieures rétablies.",
        "de": "Ladung Nr. {load_id} rückgängig gemacht: {removed} Zeilen entfernt, {restored} "
        "frühere Zeilen wiederhergestellt.",
        "en": "Load no. {load_id} undone: {removed} rows removed, {restored} earlier rows restored.",
    },
    "history.undo.damaged": {
        "fr": "L'annulation est impossible : une copie archivée d'un fichier manque ou a changé. "
        "Rien n'a été modifié ; contactez l'équipe d'analyse.",
        "de": "Die Rücknahme ist nicht möglich: Eine archivierte Kopie einer Datei fehlt oder hat "
        "sich verändert. Nichts wurde geändert; wenden Sie sich an das Analyseteam.",
        "en": "The undo is not possible: an archived copy of a file is missing or has changed. "
        "Nothing was changed; please contact the analytics team.",
    },
    # --- Analysts' workbench (issue 5): pages/data_quality.py, assumptions.py,
    # sensitivity.py, targets.py, settings.py and app/workbench.py -------------------------
    "nav.data_quality": {"fr": "Qualité des données", "de": "Datenqualität", "en": "Data quality"},
    "nav.assumptions": {"fr": "Hypothèses", "de": "Annahmen", "en": "Assumptions"},
    "nav.sensitivity": {"fr": "Sensibilité", "de": "Sensitivität", "en": "Sensitivity"},
    "nav.targets": {"fr": "Objectifs chiffrés", "de": "Zielwerte", "en": "Targets"},
    "nav.settings": {"fr": "Paramètres", "de": "Einstellungen", "en": "Settings"},
    # Shared by the editing pages: columns, the review of an edit, saving, the change log.
    "workbench.col.metric": {"fr": "Indicateur", "de": "Kennzahl", "en": "Metric"},
    "workbench.col.system": {"fr": "Système", "de": "System", "en": "System"},
    "workbench.col.aim": {"fr": "Objectif du programme", "de": "Programmziel", "en": "Programme aim"},
    "workbench.col.unit": {"fr": "Unité", "de": "Einheit", "en": "Unit"},
    "workbench.col.aggregation": {"fr": "Agrégation", "de": "Aggregation", "en": "Aggregation"},
    "workbench.col.label_fr": {"fr": "Libellé (fr)", "de": "Bezeichnung (fr)", "en": "Label (fr)"},
    "workbench.col.label_de": {"fr": "Libellé (de)", "de": "Bezeichnung (de)", "en": "Label (de)"},
    "workbench.col.label_en": {"fr": "Libellé (en)", "de": "Bezeichnung (en)", "en": "Label (en)"},
    "workbench.col.paper_metric": {
        "fr": "Équivalent papier",
        "de": "Papier-Gegenstück",
        "en": "Paper counterpart",
    },
    "workbench.col.minutes_saved_low": {
        "fr": "Minutes gagnées, basse",
        "de": "Eingesparte Minuten, tief",
        "en": "Minutes saved, low",
    },
    "workbench.col.minutes_saved_base": {
        "fr": "Minutes gagnées, base",
        "de": "Eingesparte Minuten, Basis",
        "en": "Minutes saved, base",
    },
    "workbench.col.minutes_saved_high": {
        "fr": "Minutes gagnées, haute",
        "de": "Eingesparte Minuten, hoch",
        "en": "Minutes saved, high",
    },
    "workbench.col.source": {"fr": "Source", "de": "Quelle", "en": "Source"},
    "workbench.col.kpi": {"fr": "Indicateur clé", "de": "Kennzahl", "en": "KPI"},
    "workbench.col.scope": {"fr": "Périmètre", "de": "Bereich", "en": "Scope"},
    "workbench.col.target": {"fr": "Valeur cible", "de": "Zielwert", "en": "Target value"},
    "workbench.col.due_date": {"fr": "Échéance", "de": "Termin", "en": "Due date"},
    "workbench.col.direction": {"fr": "Sens", "de": "Richtung", "en": "Direction"},
    "workbench.col.note": {"fr": "Remarque", "de": "Bemerkung", "en": "Note"},
    "workbench.no_changes": {
        "fr": "Aucune modification pour l'instant : modifiez une cellule, ajoutez ou supprimez une "
        "ligne dans le tableau ci-dessus.",
        "de": "Noch keine Änderung: Bearbeiten Sie eine Zelle oder fügen Sie in der Tabelle oben "
        "eine Zeile hinzu bzw. löschen Sie eine.",
        "en": "No change yet: edit a cell, or add or delete a row in the table above.",
    },
    "workbench.changes": {
        "fr": "Modifications à enregistrer : {count}",
        "de": "Zu speichernde Änderungen: {count}",
        "en": "Changes to save: {count}",
    },
    "workbench.issues": {
        "fr": "Ces modifications ne peuvent pas être enregistrées ({count} problèmes) :",
        "de": "Diese Änderungen können nicht gespeichert werden ({count} Probleme):",
        "en": "These changes cannot be saved ({count} problems):",
    },
    "workbench.change.key": {"fr": "Ligne", "de": "Zeile", "en": "Row"},
    "workbench.change.field": {"fr": "Champ", "de": "Feld", "en": "Field"},
    "workbench.change.old": {"fr": "Avant", "de": "Vorher", "en": "Before"},
    "workbench.change.new": {"fr": "Après", "de": "Nachher", "en": "After"},
    "workbench.row.added": {"fr": "ligne ajoutée", "de": "Zeile hinzugefügt", "en": "row added"},
    "workbench.row.removed": {"fr": "ligne supprimée", "de": "Zeile gelöscht", "en": "row removed"},
    "workbench.row.present": {"fr": "(ligne entière)", "de": "(ganze Zeile)", "en": "(whole row)"},
    "workbench.save": {
        "fr": "Enregistrer et recalculer",
        "de": "Speichern und neu berechnen",
        "en": "Save and recalculate",
    },
    "workbench.saved": {
        "fr": "Modifications enregistrées : {count}. Les indicateurs ont été recalculés et contrôlés.",
        "de": "Gespeicherte Änderungen: {count}. Die Kennzahlen wurden neu berechnet und geprüft.",
        "en": "Changes saved: {count}. The figures were recalculated and checked.",
    },
    "workbench.conflict": {
        "fr": "Quelqu'un d'autre a enregistré ce fichier entre-temps : rien n'a été enregistré. "
        "Rechargez la page et refaites vos modifications.",
        "de": "Jemand anderes hat diese Datei inzwischen gespeichert: Es wurde nichts gespeichert. "
        "Laden Sie die Seite neu und wiederholen Sie Ihre Änderungen.",
        "en": "Someone else saved this file meanwhile: nothing was saved. Reload the page and make "
        "your changes again.",
    },
    "workbench.checks_failed": {
        "fr": "Rien n'a été enregistré : après recalcul, ces contrôles de l'entrepôt ont échoué : "
        "{checks}. Voir la page Qualité des données.",
        "de": "Es wurde nichts gespeichert: Nach der Neuberechnung schlugen diese Prüfungen des "
        "Warehouse fehl: {checks}. Siehe Seite Datenqualität.",
        "en": "Nothing was saved: after recalculating, these warehouse checks failed: {checks}. "
        "See the Data quality page.",
    },
    "workbench.log.header": {
        "fr": "Journal des modifications",
        "de": "Änderungsprotokoll",
        "en": "Change log",
    },
    "workbench.log.empty": {
        "fr": "Aucune modification enregistrée pour l'instant.",
        "de": "Noch keine Änderung gespeichert.",
        "en": "No change saved yet.",
    },
    "workbench.log.id": {"fr": "N°", "de": "Nr.", "en": "No."},
    "workbench.log.when": {"fr": "Quand", "de": "Wann", "en": "When"},
    "workbench.log.who": {"fr": "Qui", "de": "Wer", "en": "Who"},
    "workbench.log.state": {"fr": "Annulation", "de": "Rückgängig", "en": "Reverted"},
    "workbench.log.reverted_by": {
        "fr": "annulée par #{id}",
        "de": "rückgängig gemacht durch #{id}",
        "en": "reverted by #{id}",
    },
    "workbench.log.reverts": {"fr": "annule #{id}", "de": "macht #{id} rückgängig", "en": "reverts #{id}"},
    "workbench.revert.choose": {
        "fr": "Modification à annuler",
        "de": "Rückgängig zu machende Änderung",
        "en": "Change to revert",
    },
    "workbench.revert.placeholder": {
        "fr": "Choisissez une modification",
        "de": "Änderung wählen",
        "en": "Choose a change",
    },
    "workbench.revert.button": {
        "fr": "Annuler cette modification",
        "de": "Diese Änderung rückgängig machen",
        "en": "Revert this change",
    },
    "workbench.and_more": {"fr": "et {count} autres", "de": "und {count} weitere", "en": "and {count} more"},
    # Why an edit cannot be saved (etl/reference.py): {row} is the row's key.
    "issue.duplicate_key": {
        "fr": "{row} : cette ligne existe deux fois.",
        "de": "{row}: Diese Zeile kommt zweimal vor.",
        "en": "{row}: this row appears twice.",
    },
    "issue.required": {
        "fr": "{row} : « {column} » est obligatoire.",
        "de": "{row}: «{column}» ist erforderlich.",
        "en": "{row}: “{column}” is required.",
    },
    "issue.not_a_number": {
        "fr": "{row} : « {column} » doit être un nombre (trouvé : {found}).",
        "de": "{row}: «{column}» muss eine Zahl sein (gefunden: {found}).",
        "en": "{row}: “{column}” must be a number (found: {found}).",
    },
    "issue.not_a_date": {
        "fr": "{row} : « {column} » doit être une date AAAA-MM-JJ (trouvé : {found}).",
        "de": "{row}: «{column}» muss ein Datum JJJJ-MM-TT sein (gefunden: {found}).",
        "en": "{row}: “{column}” must be a date YYYY-MM-DD (found: {found}).",
    },
    "issue.metric_name": {
        "fr": "{row} : un nom d'indicateur s'écrit en minuscules, chiffres et « _ » "
        "(ex. forms_digital).",
        "de": "{row}: Ein Kennzahlname besteht aus Kleinbuchstaben, Ziffern und «_» "
        "(z. B. forms_digital).",
        "en": "{row}: a metric name is lower-case letters, digits and “_” (e.g. forms_digital).",
    },
    "issue.aim": {
        "fr": "{row} : objectif inconnu « {found} » ; choisissez l'un des cinq objectifs du programme.",
        "de": "{row}: unbekanntes Ziel «{found}»; wählen Sie eines der fünf Programmziele.",
        "en": "{row}: unknown aim “{found}”; choose one of the programme's five aims.",
    },
    "issue.aggregation": {
        "fr": "{row} : agrégation « {found} » inconnue ; utilisez sum, max, mean ou last.",
        "de": "{row}: unbekannte Aggregation «{found}»; verwenden Sie sum, max, mean oder last.",
        "en": "{row}: unknown aggregation “{found}”; use sum, max, mean or last.",
    },
    "issue.paper_metric": {
        "fr": "{row} : l'équivalent papier « {found} » doit être un autre indicateur du catalogue.",
        "de": "{row}: Das Papier-Gegenstück «{found}» muss eine andere Kennzahl des Katalogs sein.",
        "en": "{row}: the paper counterpart “{found}” must be another metric of the catalogue.",
    },
    "issue.coefficients_order": {
        "fr": "{row} : les minutes gagnées doivent respecter basse ≤ base ≤ haute.",
        "de": "{row}: Die eingesparten Minuten müssen tief ≤ Basis ≤ hoch erfüllen.",
        "en": "{row}: minutes saved must be low ≤ base ≤ high.",
    },
    "issue.source_required": {
        "fr": "{row} : un coefficient non nul demande sa source (étude, mesure interne…).",
        "de": "{row}: Ein Koeffizient ungleich null braucht eine Quelle (Studie, eigene Messung…).",
        "en": "{row}: a non-zero coefficient needs its source (a study, an internal measurement…).",
    },
    "issue.metric_in_use": {
        "fr": "{row} : cet indicateur a des données d'utilisation ; il ne peut pas quitter le catalogue.",
        "de": "{row}: Diese Kennzahl hat Nutzungsdaten; sie kann nicht aus dem Katalog entfernt werden.",
        "en": "{row}: this metric has usage data; it cannot leave the catalogue.",
    },
    "issue.metric_has_targets": {
        "fr": "{row} : des objectifs chiffrés portent sur cet indicateur ; retirez-les d'abord.",
        "de": "{row}: Für diese Kennzahl gibt es Zielwerte; entfernen Sie diese zuerst.",
        "en": "{row}: targets refer to this metric; remove them first.",
    },
    "issue.kpi_unknown": {
        "fr": "{row} : « {found} » n'est ni un indicateur du catalogue ni hours_freed.",
        "de": "{row}: «{found}» ist weder eine Kennzahl des Katalogs noch hours_freed.",
        "en": "{row}: “{found}” is neither a catalogue metric nor hours_freed.",
    },
    "issue.scope_unknown": {
        "fr": "{row} : périmètre « {found} » inconnu ; utilisez all, une région (fr, de) ou un site.",
        "de": "{row}: unbekannter Bereich «{found}»; verwenden Sie all, eine Region (fr, de) oder "
        "einen Standort.",
        "en": "{row}: unknown scope “{found}”; use all, a region (fr, de) or a site.",
    },
    "issue.direction": {
        "fr": "{row} : sens « {found} » inconnu ; utilisez at_least ou at_most.",
        "de": "{row}: unbekannte Richtung «{found}»; verwenden Sie at_least oder at_most.",
        "en": "{row}: unknown direction “{found}”; use at_least or at_most.",
    },
    "issue.negative": {
        "fr": "{row} : la valeur cible ne peut pas être négative (trouvé : {found}).",
        "de": "{row}: Der Zielwert darf nicht negativ sein (gefunden: {found}).",
        "en": "{row}: the target value cannot be negative (found: {found}).",
    },
    "issue.share_range": {
        "fr": "{row} : cet indicateur a un équivalent papier, sa cible est une part entre 0 et 1 "
        "(0,8 = 80 %) ; trouvé : {found}.",
        "de": "{row}: Diese Kennzahl hat ein Papier-Gegenstück, ihr Ziel ist ein Anteil zwischen 0 "
        "und 1 (0.8 = 80 %); gefunden: {found}.",
        "en": "{row}: this metric has a paper counterpart, so its target is a share between 0 and 1 "
        "(0.8 = 80%); found: {found}.",
    },
    "issue.unknown_change": {
        "fr": "La modification #{row} n'existe pas dans le journal.",
        "de": "Die Änderung #{row} steht nicht im Protokoll.",
        "en": "Change #{row} is not in the log.",
    },
    "issue.already_reverted": {
        "fr": "La modification #{row} a déjà été annulée.",
        "de": "Die Änderung #{row} wurde bereits rückgängig gemacht.",
        "en": "Change #{row} has already been reverted.",
    },
    "issue.revert_conflict": {
        "fr": "{row} : « {column} » a changé depuis cette modification ; annulez d'abord les "
        "modifications plus récentes.",
        "de": "{row}: «{column}» hat sich seit dieser Änderung verändert; machen Sie zuerst die "
        "neueren Änderungen rückgängig.",
        "en": "{row}: “{column}” has changed since; revert the later changes first.",
    },
    "issue.out_of_range": {
        "fr": "« {column} » doit être entre {low} et {high} (trouvé : {found}).",
        "de": "«{column}» muss zwischen {low} und {high} liegen (gefunden: {found}).",
        "en": "“{column}” must be between {low} and {high} (found: {found}).",
    },
    "issue.not_whole": {
        "fr": "« {column} » doit être un nombre entier de jours (trouvé : {found}).",
        "de": "«{column}» muss eine ganze Zahl von Tagen sein (gefunden: {found}).",
        "en": "“{column}” must be a whole number of days (found: {found}).",
    },
    "issue.date_out_of_range": {
        "fr": "« {column} » doit être entre le {low} et le {high} (trouvé : {found}).",
        "de": "«{column}» muss zwischen {low} und {high} liegen (gefunden: {found}).",
        "en": "“{column}” must be between {low} and {high} (found: {found}).",
    },
    "issue.unknown_setting": {
        "fr": "« {column} » n'est pas un paramètre connu.",
        "de": "«{column}» ist keine bekannte Einstellung.",
        "en": "“{column}” is not a known setting.",
    },
    # Assumptions: the metric catalogue and the time-saved model.
    "assumptions.title": {
        "fr": "Hypothèses : catalogue des indicateurs et temps gagné",
        "de": "Annahmen: Kennzahlenkatalog und Zeitgewinn",
        "en": "Assumptions: the metric catalogue and time saved",
    },
    "assumptions.intro": {
        "fr": "Chaque indicateur, ses libellés, son objectif, son équivalent papier et les minutes "
        "de travail gagnées par unité (basse, base, haute, avec leur source). Modifiez le tableau : "
        "l'effet sur les heures libérées s'affiche avant l'enregistrement, qui réécrit metrics.csv, "
        "recalcule les indicateurs et journalise chaque changement.",
        "de": "Jede Kennzahl mit Bezeichnungen, Ziel, Papier-Gegenstück und den pro Einheit "
        "eingesparten Arbeitsminuten (tief, Basis, hoch, mit Quelle). Bearbeiten Sie die Tabelle: "
        "Die Wirkung auf die gewonnenen Stunden erscheint vor dem Speichern; Speichern schreibt "
        "metrics.csv neu, berechnet die Kennzahlen neu und protokolliert jede Änderung.",
        "en": "Each metric, its labels, aim, paper counterpart and the staff minutes saved per unit "
        "(low, base, high, with their source). Edit the table: the effect on the hours freed shows "
        "before you save; saving rewrites metrics.csv, recalculates the figures and logs each change.",
    },
    "assumptions.preview.header": {
        "fr": "Effet sur les heures libérées",
        "de": "Wirkung auf die gewonnenen Stunden",
        "en": "Effect on the hours freed",
    },
    "assumptions.preview.none": {
        "fr": "Aucune donnée d'utilisation complète n'est encore chargée : pas d'effet à montrer.",
        "de": "Noch keine vollständigen Nutzungsdaten geladen: keine Wirkung zu zeigen.",
        "en": "No complete month of usage data is loaded yet: no effect to show.",
    },
    "assumptions.preview.low": {
        "fr": "Estimation basse, {month}",
        "de": "Tiefe Schätzung, {month}",
        "en": "Low estimate, {month}",
    },
    "assumptions.preview.base": {
        "fr": "Estimation de base, {month}",
        "de": "Basisschätzung, {month}",
        "en": "Base estimate, {month}",
    },
    "assumptions.preview.high": {
        "fr": "Estimation haute, {month}",
        "de": "Hohe Schätzung, {month}",
        "en": "High estimate, {month}",
    },
    "assumptions.preview.delta": {
        "fr": "{change} (avant : {before})",
        "de": "{change} (vorher: {before})",
        "en": "{change} (before: {before})",
    },
    "assumptions.preview.fte": {
        "fr": "Estimation de base en équivalents plein temps : {before} avant, {after} après.",
        "de": "Basisschätzung in Vollzeitäquivalenten: vorher {before}, nachher {after}.",
        "en": "Base estimate in full-time equivalents: {before} before, {after} after.",
    },
    "assumptions.preview.before": {"fr": "Avant", "de": "Vorher", "en": "Before"},
    "assumptions.preview.after": {"fr": "Après", "de": "Nachher", "en": "After"},
    "assumptions.chart.title": {
        "fr": "Heures libérées par mois, avant et après la modification (base ; zone : "
        "basse–haute après)",
        "de": "Gewonnene Stunden pro Monat vor und nach der Änderung (Basis; Fläche: tief–hoch nachher)",
        "en": "Hours freed per month, before and after the change (base; band: low–high after)",
    },
    # Targets.
    "targets.title": {
        "fr": "Objectifs chiffrés des indicateurs",
        "de": "Zielwerte der Kennzahlen",
        "en": "KPI targets",
    },
    "targets.intro": {
        "fr": "Ce que chaque indicateur doit atteindre, où (tout l'hôpital, une région, un site) et "
        "d'ici quand. Une part s'écrit entre 0 et 1 (0,8 = 80 %). L'enregistrement réécrit "
        "targets.csv, recalcule et journalise chaque changement.",
        "de": "Was jede Kennzahl wo (ganzes Spital, Region, Standort) bis wann erreichen soll. Ein "
        "Anteil wird zwischen 0 und 1 geschrieben (0.8 = 80 %). Speichern schreibt targets.csv "
        "neu, berechnet neu und protokolliert jede Änderung.",
        "en": "What each KPI should reach, where (the whole hospital, a region, a site) and by when. "
        "A share is written between 0 and 1 (0.8 = 80%). Saving rewrites targets.csv, "
        "recalculates and logs each change.",
    },
    "targets.preview.header": {
        "fr": "Objectifs modifiés face aux dernières valeurs",
        "de": "Geänderte Ziele und aktuelle Werte",
        "en": "Changed targets against the latest values",
    },
    "targets.preview.caption": {
        "fr": "Dernière valeur de chaque indicateur dans son périmètre, en {month}.",
        "de": "Letzter Wert jeder Kennzahl in ihrem Bereich, im {month}.",
        "en": "Each KPI's latest value in its scope, in {month}.",
    },
    "targets.preview.removed_only": {
        "fr": "Seules des lignes sont supprimées : rien à comparer.",
        "de": "Es werden nur Zeilen gelöscht: nichts zu vergleichen.",
        "en": "Rows are only removed: nothing to compare.",
    },
    "targets.latest": {"fr": "Dernière valeur", "de": "Aktueller Wert", "en": "Latest value"},
    "targets.met": {"fr": "Déjà atteint ?", "de": "Schon erreicht?", "en": "Already met?"},
    "targets.met.yes": {"fr": "oui", "de": "ja", "en": "yes"},
    "targets.met.no": {"fr": "non", "de": "nein", "en": "no"},
    "targets.kpi.hours_freed": {
        "fr": "Heures libérées par mois",
        "de": "Gewonnene Stunden pro Monat",
        "en": "Hours freed per month",
    },
    # Settings.
    "settings.title": {
        "fr": "Paramètres des indicateurs",
        "de": "Einstellungen der Kennzahlen",
        "en": "Settings behind the figures",
    },
    "settings.intro": {
        "fr": "Les valeurs qui entrent dans les calculs, conservées dans settings.toml. Chaque "
        "changement est contrôlé, journalisé et peut être annulé.",
        "de": "Die Werte, die in die Berechnungen eingehen, gespeichert in settings.toml. Jede "
        "Änderung wird geprüft, protokolliert und kann rückgängig gemacht werden.",
        "en": "The values the figures are computed with, kept in settings.toml. Every change is "
        "checked, logged and can be reverted.",
    },
    "settings.label.annual_hours_per_fte": {
        "fr": "Heures annuelles d'un plein temps (h)",
        "de": "Jahresstunden einer Vollzeitstelle (h)",
        "en": "Annual hours of one full-time post (h)",
    },
    "settings.help.annual_hours_per_fte": {
        "fr": "Heures libérées ÷ cette valeur = équivalents plein temps (EPT). Une année à plein "
        "temps en Suisse compte environ 1 900 heures.",
        "de": "Gewonnene Stunden ÷ dieser Wert = Vollzeitäquivalente (VZÄ). Ein Schweizer "
        "Vollzeitjahr hat rund 1'900 Stunden.",
        "en": "Hours freed ÷ this value = full-time equivalents (FTE). A Swiss full-time year is "
        "about 1,900 hours.",
    },
    "settings.label.programme_start": {
        "fr": "Début du programme",
        "de": "Programmbeginn",
        "en": "Programme start",
    },
    "settings.help.programme_start": {
        "fr": "Les cumuls « depuis le début du programme » partent de ce mois.",
        "de": "Kumulierte Werte «seit Programmbeginn» zählen ab diesem Monat.",
        "en": "Totals “since the programme started” count from this month.",
    },
    "settings.stale.header": {
        "fr": "Données périmées après (jours depuis la dernière date des données)",
        "de": "Daten veraltet nach (Tage seit dem letzten Datum der Daten)",
        "en": "Data is stale after (days since the latest date of the data)",
    },
    "settings.label.stale_after_days.usage": {"fr": "Utilisation", "de": "Nutzung", "en": "Usage"},
    "settings.label.stale_after_days.projects": {"fr": "Projets", "de": "Projekte", "en": "Projects"},
    "settings.label.stale_after_days.milestones": {
        "fr": "Jalons",
        "de": "Meilensteine",
        "en": "Milestones",
    },
    "settings.label.stale_after_days.positions": {"fr": "Postes", "de": "Stellen", "en": "Positions"},
    "settings.help.stale_after_days.usage": {
        "fr": "Jours au-delà desquels les données d'utilisation sont signalées comme périmées.",
        "de": "Tage, nach denen die Nutzungsdaten als veraltet markiert werden.",
        "en": "Days after which usage data is flagged as stale.",
    },
    "settings.help.stale_after_days.projects": {
        "fr": "Jours au-delà desquels les rapports de projet sont signalés comme périmés.",
        "de": "Tage, nach denen die Projektberichte als veraltet markiert werden.",
        "en": "Days after which project status reports are flagged as stale.",
    },
    "settings.help.stale_after_days.milestones": {
        "fr": "Jours depuis le dernier jalon atteint au-delà desquels les jalons sont signalés.",
        "de": "Tage seit dem letzten erreichten Meilenstein, nach denen die Meilensteine markiert "
        "werden.",
        "en": "Days since the latest milestone reached after which milestones are flagged.",
    },
    "settings.help.stale_after_days.positions": {
        "fr": "Jours au-delà desquels la liste des postes est signalée comme périmée.",
        "de": "Tage, nach denen die Stellenliste als veraltet markiert wird.",
        "en": "Days after which the staffing list is flagged as stale.",
    },
    "settings.no_changes": {
        "fr": "Aucune modification pour l'instant : changez une valeur ci-dessus.",
        "de": "Noch keine Änderung: Ändern Sie oben einen Wert.",
        "en": "No change yet: change a value above.",
    },
    "settings.preview.header": {
        "fr": "Effet sur les chiffres",
        "de": "Wirkung auf die Zahlen",
        "en": "Effect on the figures",
    },
    "settings.preview.fte": {
        "fr": "Heures libérées en {month} : {hours}, soit {before} aujourd'hui et {after} avec la "
        "nouvelle valeur.",
        "de": "Gewonnene Stunden im {month}: {hours}, also {before} heute und {after} mit dem neuen "
        "Wert.",
        "en": "Hours freed in {month}: {hours}, that is {before} today and {after} with the new value.",
    },
    "settings.preview.since": {
        "fr": "Heures libérées depuis le début du programme (base) : {before} aujourd'hui, {after} "
        "en comptant depuis {start}.",
        "de": "Seit Programmbeginn gewonnene Stunden (Basis): {before} heute, {after} ab {start} "
        "gezählt.",
        "en": "Hours freed since the programme started (base): {before} today, {after} counting "
        "from {start}.",
    },
    # Data quality.
    "quality.title": {"fr": "Qualité des données", "de": "Datenqualität", "en": "Data quality"},
    "quality.intro": {
        "fr": "Ce que contient chaque source, son âge, les séries interrompues ou lacunaires, les "
        "valeurs inhabituelles, les chargements refusés et les contrôles de l'entrepôt.",
        "de": "Was jede Quelle enthält und wie alt sie ist, unterbrochene oder lückenhafte Reihen, "
        "ungewöhnliche Werte, abgelehnte Ladungen und die Prüfungen des Warehouse.",
        "en": "What each source holds and how old it is, series that stopped or have gaps, unusual "
        "values, rejected loads and the warehouse checks.",
    },
    "quality.source.usage": {"fr": "Utilisation", "de": "Nutzung", "en": "Usage"},
    "quality.source.projects": {"fr": "Projets", "de": "Projekte", "en": "Projects"},
    "quality.source.milestones": {"fr": "Jalons", "de": "Meilensteine", "en": "Milestones"},
    "quality.source.positions": {"fr": "Postes", "de": "Stellen", "en": "Positions"},
    "quality.sources.header": {"fr": "Sources", "de": "Quellen", "en": "Sources"},
    "quality.sources.caption": {
        "fr": "Âge : jours depuis la dernière date dont parlent les données (pour les jalons, le "
        "dernier jalon atteint) ; une source est périmée au-delà du seuil des Paramètres. Mois "
        "manquants : mois sans aucune ligne entre la première et la dernière date (sources "
        "mensuelles).",
        "de": "Alter: Tage seit dem letzten Datum, von dem die Daten sprechen (bei Meilensteinen "
        "der letzte erreichte); eine Quelle ist über dem Schwellenwert der Einstellungen veraltet. "
        "Fehlende Monate: Monate ohne Zeile zwischen erstem und letztem Datum (monatliche Quellen).",
        "en": "Age: days since the latest date the data speaks about (for milestones, the latest one "
        "reached); a source is stale beyond its threshold in Settings. Missing months: months "
        "with no row between the first and the latest date (monthly sources).",
    },
    "quality.col.source": {"fr": "Source", "de": "Quelle", "en": "Source"},
    "quality.col.rows": {"fr": "Lignes", "de": "Zeilen", "en": "Rows"},
    "quality.col.covers": {"fr": "Période couverte", "de": "Zeitraum", "en": "Dates covered"},
    "quality.covers": {"fr": "{first} – {last}", "de": "{first} – {last}", "en": "{first} – {last}"},
    "quality.col.latest": {"fr": "Dernière date", "de": "Letztes Datum", "en": "Latest date"},
    "quality.col.age": {"fr": "Âge", "de": "Alter", "en": "Age"},
    "quality.col.status": {"fr": "État", "de": "Status", "en": "Status"},
    "quality.col.missing": {"fr": "Mois manquants", "de": "Fehlende Monate", "en": "Missing months"},
    "quality.col.loaded": {"fr": "Dernier chargement", "de": "Letzte Ladung", "en": "Latest load"},
    "quality.col.load_age": {
        "fr": "Chargé il y a",
        "de": "Geladen vor",
        "en": "Loaded ago",
    },
    "quality.col.rejected": {"fr": "Refusés", "de": "Abgelehnt", "en": "Rejected"},
    "quality.days": {"fr": "{days} j", "de": "{days} T.", "en": "{days} d"},
    "quality.months": {"fr": "{months} mois", "de": "{months} Mt.", "en": "{months} mo"},
    "quality.fresh": {"fr": "à jour", "de": "aktuell", "en": "up to date"},
    "quality.stale": {
        "fr": "périmée (> {limit} j)",
        "de": "veraltet (> {limit} T.)",
        "en": "stale (> {limit} d)",
    },
    "quality.stale.warning": {
        "fr": "{source} : données périmées, la dernière date est le {date} (il y a {days} jours ; "
        "seuil : {limit} jours).",
        "de": "{source}: Daten veraltet, letztes Datum {date} (vor {days} Tagen; Schwelle: "
        "{limit} Tage).",
        "en": "{source}: stale data, the latest date is {date} ({days} days ago; threshold: "
        "{limit} days).",
    },
    "quality.gaps.header": {
        "fr": "Séries interrompues ou lacunaires",
        "de": "Unterbrochene oder lückenhafte Reihen",
        "en": "Series that stopped or have gaps",
    },
    "quality.gaps.none": {
        "fr": "Chaque site et service rapporte chaque indicateur sans interruption.",
        "de": "Jeder Standort und jede Abteilung meldet jede Kennzahl ohne Unterbruch.",
        "en": "Every site and department reports each metric without a break.",
    },
    "quality.gaps.caption": {
        "fr": "Séries d'utilisation (indicateur, site, service) : {stopped} ne rapportent plus, "
        "{gaps} ont des mois manquants.",
        "de": "Nutzungsreihen (Kennzahl, Standort, Abteilung): {stopped} melden nicht mehr, "
        "{gaps} haben fehlende Monate.",
        "en": "Usage series (metric, site, department): {stopped} stopped reporting, {gaps} have "
        "missing months.",
    },
    "quality.col.metric": {"fr": "Indicateur", "de": "Kennzahl", "en": "Metric"},
    "quality.col.site": {"fr": "Site", "de": "Standort", "en": "Site"},
    "quality.col.department": {"fr": "Service", "de": "Abteilung", "en": "Department"},
    "quality.whole_site": {"fr": "(tout le site)", "de": "(ganzer Standort)", "en": "(whole site)"},
    "quality.col.last_month": {
        "fr": "Dernier mois rapporté",
        "de": "Letzter gemeldeter Monat",
        "en": "Last month reported",
    },
    "quality.col.silent": {"fr": "Silencieuse depuis", "de": "Stumm seit", "en": "Silent for"},
    "quality.outliers.header": {
        "fr": "Valeurs inhabituelles",
        "de": "Ungewöhnliche Werte",
        "en": "Unusual values",
    },
    "quality.outliers.caption": {
        "fr": "Un mois plus haut (ou plus bas) que le précédent et le suivant, et loin du niveau de "
        "sa série sur les 6 mois autour (score z robuste > 3,5) : un pic, une chute, un export "
        "en double ou incomplet. Une montée en charge après une mise en production n'est pas signalée.",
        "de": "Ein Monat höher (oder tiefer) als der vorherige und der nächste und weit vom Niveau "
        "seiner Reihe in den 6 Monaten davor und danach (robuster z-Wert > 3.5): eine Spitze, "
        "ein Einbruch, ein doppelter oder unvollständiger Export. Ein Anstieg nach einer "
        "Einführung wird nicht gemeldet.",
        "en": "A month above (or below) both the one before and the one after, and far from its "
        "series' level in the 6 months around it (robust z-score > 3.5): a spike, a drop, an "
        "export sent twice or half. The ramp-up after a go-live is not flagged.",
    },
    "quality.outliers.none": {
        "fr": "Aucune valeur inhabituelle.",
        "de": "Keine ungewöhnlichen Werte.",
        "en": "No unusual value.",
    },
    "quality.col.month": {"fr": "Mois", "de": "Monat", "en": "Month"},
    "quality.col.value": {"fr": "Valeur", "de": "Wert", "en": "Value"},
    "quality.col.expected": {"fr": "Niveau habituel", "de": "Übliches Niveau", "en": "Usual level"},
    "quality.col.previous": {"fr": "Mois précédent", "de": "Vormonat", "en": "Month before"},
    "quality.col.z": {"fr": "Score z robuste", "de": "Robuster z-Wert", "en": "Robust z-score"},
    "quality.rejected.header": {
        "fr": "Chargements refusés",
        "de": "Abgelehnte Ladungen",
        "en": "Rejected loads",
    },
    "quality.rejected.none": {
        "fr": "Aucun chargement refusé.",
        "de": "Keine abgelehnte Ladung.",
        "en": "No rejected load.",
    },
    "quality.rejected.caption": {
        "fr": "Les messages sont ceux du journal des chargements (en anglais) ; la page de "
        "chargement les donne dans votre langue.",
        "de": "Die Meldungen stammen aus dem Ladeprotokoll (auf Englisch); die Upload-Seite zeigt "
        "sie in Ihrer Sprache.",
        "en": "The messages are those of the load log; the upload page gives them in your language.",
    },
    "quality.col.when": {"fr": "Date", "de": "Datum", "en": "Date"},
    "quality.col.file": {"fr": "Fichier", "de": "Datei", "en": "File"},
    "quality.col.kind": {"fr": "Type", "de": "Typ", "en": "Kind"},
    "quality.col.who": {"fr": "Par", "de": "Von", "en": "By"},
    "quality.col.message": {"fr": "Message", "de": "Meldung", "en": "Message"},
    "quality.checks.header": {
        "fr": "Contrôles de l'entrepôt",
        "de": "Prüfungen des Warehouse",
        "en": "Warehouse checks",
    },
    "quality.checks.passed": {
        "fr": "Les {count} contrôles passent : ils tournent après chaque chargement et recalcul, et "
        "un contrôle en échec bloque le chargement.",
        "de": "Alle {count} Prüfungen bestehen: Sie laufen nach jeder Ladung und Neuberechnung, und "
        "eine fehlschlagende Prüfung stoppt die Ladung.",
        "en": "All {count} checks pass: they run after every load and recalculation, and a failing "
        "check stops the load.",
    },
    "quality.checks.warnings": {
        "fr": "{count} contrôles signalent des lignes (avertissements, sans bloquer le chargement).",
        "de": "{count} Prüfungen melden Zeilen (Warnungen, die die Ladung nicht stoppen).",
        "en": "{count} checks report rows (warnings, which do not stop a load).",
    },
    "quality.checks.list": {
        "fr": "Les {count} contrôles",
        "de": "Die {count} Prüfungen",
        "en": "The {count} checks",
    },
    "quality.col.check": {"fr": "Contrôle", "de": "Prüfung", "en": "Check"},
    "quality.col.severity": {"fr": "Gravité", "de": "Schwere", "en": "Severity"},
    "quality.col.result": {"fr": "Résultat", "de": "Ergebnis", "en": "Result"},
    "quality.col.description": {"fr": "Ce qu'il garantit", "de": "Was sie sichert", "en": "What it ensures"},
    "quality.severity.error": {"fr": "bloquant", "de": "blockierend", "en": "blocking"},
    "quality.severity.warning": {"fr": "avertissement", "de": "Warnung", "en": "warning"},
    "quality.check.ok": {"fr": "réussi", "de": "bestanden", "en": "passed"},
    "quality.check.failing": {
        "fr": "{rows} lignes, p. ex. {example}",
        "de": "{rows} Zeilen, z. B. {example}",
        "en": "{rows} rows, e.g. {example}",
    },
    # What each check ensures (etl/checks.py and etl/sql/checks/*.sql).
    "check.unique": {
        "fr": "{table} : une seule ligne par ({columns})",
        "de": "{table}: eine Zeile pro ({columns})",
        "en": "{table}: one row per ({columns})",
    },
    "check.not_null": {
        "fr": "{table}.{columns} n'est jamais vide",
        "de": "{table}.{columns} ist nie leer",
        "en": "{table}.{columns} is never empty",
    },
    "check.accepted_values": {
        "fr": "{table}.{columns} ne contient que les valeurs admises",
        "de": "{table}.{columns} enthält nur zulässige Werte",
        "en": "{table}.{columns} holds only accepted values",
    },
    "check.usage_metrics_in_catalogue": {
        "fr": "Chaque indicateur des données d'utilisation est au catalogue",
        "de": "Jede Kennzahl der Nutzungsdaten steht im Katalog",
        "en": "Every usage metric is in the catalogue",
    },
    "check.metric_coefficients_ordered": {
        "fr": "Minutes gagnées : basse ≤ base ≤ haute",
        "de": "Eingesparte Minuten: tief ≤ Basis ≤ hoch",
        "en": "Minutes saved: low ≤ base ≤ high",
    },
    "check.metric_coefficients_have_a_source": {
        "fr": "Tout coefficient non nul a sa source",
        "de": "Jeder Koeffizient ungleich null hat eine Quelle",
        "en": "Every non-zero coefficient has its source",
    },
    "check.metric_paper_counterparts_exist": {
        "fr": "Chaque équivalent papier est un autre indicateur du catalogue",
        "de": "Jedes Papier-Gegenstück ist eine andere Kennzahl des Katalogs",
        "en": "Every paper counterpart is another catalogue metric",
    },
    "check.target_kpis_known": {
        "fr": "Chaque objectif porte sur un indicateur du catalogue ou sur hours_freed",
        "de": "Jedes Ziel betrifft eine Kennzahl des Katalogs oder hours_freed",
        "en": "Every target names a catalogue metric or hours_freed",
    },
    "check.target_scopes_known": {
        "fr": "Chaque objectif vise all, une région ou un site connu",
        "de": "Jedes Ziel gilt für all, eine Region oder einen bekannten Standort",
        "en": "Every target's scope is all, a region or a known site",
    },
    "check.target_shares_between_0_and_1": {
        "fr": "Les objectifs de part numérique sont entre 0 et 1",
        "de": "Ziele für digitale Anteile liegen zwischen 0 und 1",
        "en": "Digital-share targets are between 0 and 1",
    },
    "check.row_counts_after_load": {
        "fr": "Aucune table ne contient plus de lignes que ses chargements n'en ont accepté",
        "de": "Keine Tabelle enthält mehr Zeilen, als ihre Ladungen angenommen haben",
        "en": "No table holds more rows than its loads accepted",
    },
    "check.rows_come_from_loads": {
        "fr": "Chaque ligne stockée vient d'un chargement réussi de son type",
        "de": "Jede gespeicherte Zeile stammt aus einer erfolgreichen Ladung ihres Typs",
        "en": "Every stored row comes from a successful load of its kind",
    },
    "check.marts_not_empty": {
        "fr": "Aucun agrégat n'est vide quand sa source a des lignes",
        "de": "Kein Aggregat ist leer, wenn seine Quelle Zeilen hat",
        "en": "No mart is empty while its source has rows",
    },
    "check.mart_usage_adds_up": {
        "fr": "Les volumes mensuels égalent la somme des lignes d'utilisation",
        "de": "Die Monatsvolumen ergeben die Summe der Nutzungszeilen",
        "en": "Monthly volumes add up to the usage rows",
    },
    # Sensitivity.
    "sensitivity.title": {
        "fr": "Sensibilité des heures libérées",
        "de": "Sensitivität der gewonnenen Stunden",
        "en": "Sensitivity of the hours freed",
    },
    "sensitivity.intro": {
        "fr": "Les heures libérées selon les coefficients bas, de base et hauts du catalogue, et les "
        "coefficients qui les font le plus varier.",
        "de": "Die gewonnenen Stunden mit den tiefen, Basis- und hohen Koeffizienten des Katalogs, "
        "und welche Koeffizienten sie am stärksten verändern.",
        "en": "The hours freed under the catalogue's low, base and high coefficients, and which "
        "coefficients move them most.",
    },
    "sensitivity.none": {
        "fr": "Aucune heure libérée à analyser : pas de données d'utilisation complètes ou aucun "
        "coefficient non nul.",
        "de": "Keine gewonnenen Stunden zu analysieren: keine vollständigen Nutzungsdaten oder "
        "kein Koeffizient ungleich null.",
        "en": "No hours freed to analyse: no complete usage month, or no non-zero coefficient.",
    },
    "sensitivity.stale": {
        "fr": "Les données d'utilisation sont périmées (dernière date : {date}, il y a {days} "
        "jours) : ces chiffres ne sont pas à jour.",
        "de": "Die Nutzungsdaten sind veraltet (letztes Datum: {date}, vor {days} Tagen): Diese "
        "Zahlen sind nicht aktuell.",
        "en": "The usage data is stale (latest date {date}, {days} days ago): these figures are "
        "out of date.",
    },
    "sensitivity.estimate.low": {"fr": "basse", "de": "tief", "en": "Low"},
    "sensitivity.estimate.base": {"fr": "de base", "de": "Basis", "en": "Base"},
    "sensitivity.estimate.high": {"fr": "haute", "de": "hoch", "en": "High"},
    "sensitivity.month.header": {
        "fr": "Heures libérées en {month}",
        "de": "Gewonnene Stunden im {month}",
        "en": "Hours freed in {month}",
    },
    "sensitivity.month.figure": {
        "fr": "Estimation {estimate}",
        "de": "Schätzung {estimate}",
        "en": "{estimate} estimate",
    },
    "sensitivity.month.caption": {
        "fr": "Tout l'hôpital ; sous chaque chiffre, son équivalent plein temps (1 EPT = {hours} "
        "heures par an).",
        "de": "Ganzes Spital; unter jeder Zahl ihr Vollzeitäquivalent (1 VZÄ = {hours} Stunden "
        "pro Jahr).",
        "en": "Whole hospital; under each figure, its full-time equivalent (1 FTE = {hours} hours "
        "a year).",
    },
    "sensitivity.since.header": {
        "fr": "Heures libérées depuis {start}",
        "de": "Gewonnene Stunden seit {start}",
        "en": "Hours freed since {start}",
    },
    "sensitivity.since.figure": {
        "fr": "Cumul, estimation {estimate}",
        "de": "Kumuliert, Schätzung {estimate}",
        "en": "{estimate} estimate, total",
    },
    "sensitivity.since.caption": {
        "fr": "De {start} à {end} ({months} mois), depuis le début du programme fixé dans les "
        "Paramètres ; sous chaque chiffre, les années de travail à plein temps.",
        "de": "Von {start} bis {end} ({months} Monate), ab dem in den Einstellungen festgelegten "
        "Programmbeginn; unter jeder Zahl die Vollzeit-Arbeitsjahre.",
        "en": "From {start} to {end} ({months} months), since the programme start set in Settings; "
        "under each figure, the full-time working years.",
    },
    "sensitivity.tornado.header": {
        "fr": "Quels coefficients pèsent le plus",
        "de": "Welche Koeffizienten am meisten zählen",
        "en": "Which coefficients matter most",
    },
    "sensitivity.tornado.title": {
        "fr": "Heures libérées en {month} quand un seul coefficient passe de la base à bas ou haut",
        "de": "Gewonnene Stunden im {month}, wenn ein Koeffizient allein von Basis auf tief oder "
        "hoch geht",
        "en": "Hours freed in {month} when one coefficient alone moves from base to low or high",
    },
    "sensitivity.tornado.x": {
        "fr": "Heures libérées par mois (h)",
        "de": "Gewonnene Stunden pro Monat (h)",
        "en": "Hours freed per month (h)",
    },
    "sensitivity.tornado.low": {"fr": "Coefficient bas", "de": "Koeffizient tief", "en": "Low coefficient"},
    "sensitivity.tornado.high": {
        "fr": "Coefficient haut",
        "de": "Koeffizient hoch",
        "en": "High coefficient",
    },
    "sensitivity.tornado.caption": {
        "fr": "Le trait vertical marque l'estimation de base ({base}) ; chaque barre va du total "
        "avec ce coefficient bas au total avec ce coefficient haut, les autres restant à la base.",
        "de": "Die senkrechte Linie zeigt die Basisschätzung ({base}); jeder Balken reicht vom "
        "Total mit diesem Koeffizienten tief bis zum Total mit ihm hoch, die anderen bleiben auf "
        "Basis.",
        "en": "The vertical line marks the base estimate ({base}); each bar runs from the total with "
        "that coefficient low to the total with it high, the others staying at base.",
    },
    "sensitivity.table.header": {
        "fr": "Coefficients et heures par indicateur",
        "de": "Koeffizienten und Stunden pro Kennzahl",
        "en": "Coefficients and hours per metric",
    },
    "sensitivity.col.volume": {"fr": "Volume du mois", "de": "Monatsvolumen", "en": "Month's volume"},
    "sensitivity.col.minutes": {
        "fr": "Minutes par unité (basse · base · haute)",
        "de": "Minuten pro Einheit (tief · Basis · hoch)",
        "en": "Minutes per unit (low · base · high)",
    },
    "sensitivity.col.hours_low": {"fr": "Heures, basse", "de": "Stunden, tief", "en": "Hours, low"},
    "sensitivity.col.hours_base": {"fr": "Heures, base", "de": "Stunden, Basis", "en": "Hours, base"},
    "sensitivity.col.hours_high": {"fr": "Heures, haute", "de": "Stunden, hoch", "en": "Hours, high"},
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


def _known_or(key: str, fallback: str) -> str:
    """The text `key` in the current language, or `fallback` when the table lacks it."""
    return t(key) if key in TRANSLATIONS else fallback


def system_name(system: str) -> str:
    """A system's name in the current language (`system.<name>`), else as exported."""
    return _known_or(f"system.{system}", system)


def unit_name(unit: str) -> str:
    """A catalogue unit (notes, orders...) in the current language, else as written."""
    return _known_or(f"unit.name.{unit}", unit)


def scope_name(region: str | None, site: str | None) -> str:
    """The place a view covers: a site, a language region or the whole hospital."""
    if site:
        return site
    if region:
        return _known_or(f"filters.region.{region}", region)
    return t("filters.all_sites")


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Make `language` the current one within the block, then restore the choice before.

    For code that runs without the sidebar's picker (the board pack's command line, tests);
    a page never needs it, and may not use it once the picker is drawn.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    state = st.session_state
    previous = state.get(_CHOICE)
    state[_CHOICE] = language
    try:
        yield
    finally:
        if previous is None:
            del state[_CHOICE]
        else:
            state[_CHOICE] = previous
