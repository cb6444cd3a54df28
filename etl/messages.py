"""What the ETL says to people, in English, French and German.

Problems are structured (a code and its parameters) so the CLI, the loads log and the
Upload page can each say them in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LANGUAGES = ("en", "fr", "de")

# One sentence per problem, the three languages side by side.
MESSAGES: dict[str, dict[str, str]] = {
    # Whole-file problems.
    "empty_file": {
        "en": "{file}: the file is empty. Export it again from your tool.",
        "fr": "{file} : le fichier est vide. Exportez-le à nouveau depuis votre outil.",
        "de": "{file}: Die Datei ist leer. Exportieren Sie sie erneut aus Ihrem Werkzeug.",
    },
    "binary_file": {
        "en": "{file}: this is not a CSV or Excel (.xlsx) file. Save it as CSV or .xlsx.",
        "fr": "{file} : ce n'est pas un fichier CSV ou Excel (.xlsx). Enregistrez-le en CSV ou en .xlsx.",
        "de": "{file}: Dies ist keine CSV- oder Excel-Datei (.xlsx). Speichern Sie sie als CSV oder .xlsx.",
    },
    "unreadable_file": {
        "en": "{file}: the file could not be read ({detail}). Export it again as CSV or .xlsx.",
        "fr": "{file} : le fichier n'a pas pu être lu ({detail}). Exportez-le à nouveau en CSV ou en .xlsx.",
        "de": "{file}: Die Datei konnte nicht gelesen werden ({detail}). Exportieren Sie sie "
        "erneut als CSV oder .xlsx.",
    },
    "field_count": {
        "en": "{file}, line {line}: this line has {found} fields where the header has "
        "{expected}. Check for a separator inside an unquoted value.",
        "fr": "{file}, ligne {line} : cette ligne a {found} champs alors que l'en-tête en a "
        "{expected}. Vérifiez s'il y a un séparateur dans une valeur sans guillemets.",
        "de": "{file}, Zeile {line}: Diese Zeile hat {found} Felder, die Kopfzeile "
        "{expected}. Prüfen Sie auf ein Trennzeichen in einem Wert ohne Anführungszeichen.",
    },
    "line_too_long": {
        "en": "{file}, line {line}: this line is {size} MB long; a line may have at most {limit} MB. "
        'Look for a quote (") that is opened and never closed, or a cell holding far more than one value.',
        "fr": "{file}, ligne {line} : cette ligne fait {size} Mo ; une ligne peut en avoir {limit} au plus. "
        'Cherchez un guillemet (") ouvert mais jamais fermé, ou une cellule qui contient bien plus '
        "qu'une valeur.",
        "de": "{file}, Zeile {line}: Diese Zeile ist {size} MB lang; erlaubt sind höchstens {limit} MB. "
        'Suchen Sie ein Anführungszeichen ("), das geöffnet und nie geschlossen wird, oder eine Zelle, '
        "die weit mehr als einen Wert enthält.",
    },
    "workbook_too_large": {
        "en": "{file}: the workbook unpacks to {size} MB, more than the {limit} MB accepted. "
        "Export it as CSV instead.",
        "fr": "{file} : le classeur décompressé fait {size} Mo, plus que les {limit} Mo acceptés. "
        "Exportez-le plutôt en CSV.",
        "de": "{file}: Die Arbeitsmappe ist entpackt {size} MB gross, mehr als die zulässigen "
        "{limit} MB. Exportieren Sie sie stattdessen als CSV.",
    },
    "header_too_long": {
        "en": "{file}: the first line is longer than {limit} characters, so it is not a line of "
        "column names. Check that the file is an export with one header line.",
        "fr": "{file} : la première ligne dépasse {limit} caractères ; ce n'est donc pas une ligne "
        "de noms de colonnes. Vérifiez que le fichier est un export avec une ligne d'en-tête.",
        "de": "{file}: Die erste Zeile ist länger als {limit} Zeichen und ist daher keine Zeile mit "
        "Spaltennamen. Prüfen Sie, ob die Datei ein Export mit einer Kopfzeile ist.",
    },
    "too_many_columns": {
        "en": "{file}: the header has {count} columns; at most {limit} are accepted. "
        "Export only the columns of the export's contract.",
        "fr": "{file} : l'en-tête a {count} colonnes ; {limit} au plus sont acceptées. "
        "N'exportez que les colonnes prévues par le contrat de l'export.",
        "de": "{file}: Die Kopfzeile hat {count} Spalten; höchstens {limit} werden angenommen. "
        "Exportieren Sie nur die Spalten, die der Exportvertrag vorsieht.",
    },
    "header_only": {
        "en": "{file}: the file has column names but no rows of data.",
        "fr": "{file} : le fichier contient les noms de colonnes mais aucune ligne de données.",
        "de": "{file}: Die Datei enthält Spaltennamen, aber keine Datenzeilen.",
    },
    "unknown_kind": {
        "en": "{file}: the columns do not match any known export (projects, milestones, "
        "positions, usage). Closest: {kind}, which also needs the columns {missing}.",
        "fr": "{file} : les colonnes ne correspondent à aucun export connu (projects, "
        "milestones, positions, usage). Le plus proche : {kind}, qui demande aussi les "
        "colonnes {missing}.",
        "de": "{file}: Die Spalten passen zu keinem bekannten Export (projects, milestones, "
        "positions, usage). Am nächsten: {kind}, dafür fehlen die Spalten {missing}.",
    },
    "missing_columns": {
        "en": "{file}: a {kind} export needs the columns {missing}, which are missing.",
        "fr": "{file} : un export {kind} demande les colonnes {missing}, qui manquent.",
        "de": "{file}: Ein {kind}-Export braucht die Spalten {missing}; sie fehlen.",
    },
    "mapping_columns": {
        "en": "{file}: the mapping “{mapping}” reads this file as {kind}, but the file lacks "
        "the columns {missing}. Add them to your export, or map the columns again.",
        "fr": "{file} : le modèle de correspondance « {mapping} » lit ce fichier comme {kind}, "
        "mais il manque les colonnes {missing}. Ajoutez-les à votre export ou refaites la "
        "correspondance des colonnes.",
        "de": "{file}: Die Zuordnung «{mapping}» liest diese Datei als {kind}, aber es fehlen "
        "die Spalten {missing}. Ergänzen Sie sie im Export oder ordnen Sie die Spalten neu zu.",
    },
    "unknown_kind_name": {
        "en": "Unknown kind {kind}: use projects, milestones, positions or usage.",
        "fr": "Type inconnu {kind} : utilisez projects, milestones, positions ou usage.",
        "de": "Unbekannter Typ {kind}: verwenden Sie projects, milestones, positions oder usage.",
    },
    "personal_column": {
        "en": "{file}, line 1, column {column}: this column identifies a person. Personal data "
        "is not accepted; remove the column and export again. Nothing was kept.",
        "fr": "{file}, ligne 1, colonne {column} : cette colonne identifie une personne. Les "
        "données personnelles ne sont pas acceptées ; supprimez la colonne et exportez à "
        "nouveau. Rien n'a été conservé.",
        "de": "{file}, Zeile 1, Spalte {column}: Diese Spalte identifiziert eine Person. "
        "Personendaten werden nicht angenommen; entfernen Sie die Spalte und exportieren Sie "
        "erneut. Nichts wurde gespeichert.",
    },
    "unknown_wide_metric": {
        "en": "{file}, line 1, column {column}: not a metric of the catalogue{suggestion}.",
        "fr": "{file}, ligne 1, colonne {column} : ce n'est pas un indicateur du catalogue{suggestion}.",
        "de": "{file}, Zeile 1, Spalte {column}: keine Kennzahl des Katalogs{suggestion}.",
    },
    "suggestion": {
        "en": " (did you mean {name}?)",
        "fr": " (vouliez-vous dire {name} ?)",
        "de": " (meinten Sie {name}?)",
    },
    # Cell problems: "<where>: found <x>, expected <y>."
    "cell": {
        "en": '{file}, line {line}, column {column}: found "{found}", expected {expected}.',
        "fr": "{file}, ligne {line}, colonne {column} : trouvé « {found} », attendu {expected}.",
        "de": "{file}, Zeile {line}, Spalte {column}: gefunden «{found}», erwartet {expected}.",
    },
    "cell_short": {
        "en": '{column}: found "{found}", expected {expected}',
        "fr": "{column} : trouvé « {found} », attendu {expected}",
        "de": "{column}: gefunden «{found}», erwartet {expected}",
    },
    "cell_hidden": {
        "en": "{file}, line {line}, column {column}: {expected}.",
        "fr": "{file}, ligne {line}, colonne {column} : {expected}.",
        "de": "{file}, Zeile {line}, Spalte {column}: {expected}.",
    },
    "more_errors": {
        "en": "… and {count} more errors ({total} in all).",
        "fr": "… et {count} autres erreurs ({total} au total).",
        "de": "… und {count} weitere Fehler ({total} insgesamt).",
    },
    # What was expected, per rule.
    "required": {
        "en": "a value (this column is required)",
        "fr": "une valeur (cette colonne est obligatoire)",
        "de": "einen Wert (Pflichtspalte)",
    },
    "date": {
        "en": "a date, day first, such as 31.01.2025, 31/01/2025 or 2025-01-31",
        "fr": "une date, jour en premier, comme 31.01.2025, 31/01/2025 ou 2025-01-31",
        "de": "ein Datum, Tag zuerst, wie 31.01.2025, 31/01/2025 oder 2025-01-31",
    },
    "month_first": {
        "en": "a date with the day first (31/01/2025); this looks month first",
        "fr": "une date avec le jour en premier (31/01/2025) ; celle-ci semble commencer par le mois",
        "de": "ein Datum mit dem Tag zuerst (31/01/2025); dieses beginnt offenbar mit dem Monat",
    },
    "number": {
        "en": "a number such as 1250000.50, 1'250'000.50 or 1 250 000,50",
        "fr": "un nombre comme 1250000.50, 1'250'000.50 ou 1 250 000,50",
        "de": "eine Zahl wie 1250000.50, 1'250'000.50 oder 1 250 000,50",
    },
    "enum": {
        "en": "one of {allowed}",
        "fr": "l'une des valeurs {allowed}",
        "de": "einen der Werte {allowed}",
    },
    "unknown_metric": {
        "en": "a metric of the catalogue{suggestion}",
        "fr": "un indicateur du catalogue{suggestion}",
        "de": "eine Kennzahl des Katalogs{suggestion}",
    },
    "duplicate_key": {
        "en": "a key not already used on line {other}",
        "fr": "une clé pas déjà utilisée à la ligne {other}",
        "de": "einen Schlüssel, der nicht schon in Zeile {other} steht",
    },
    "not_before_start": {
        "en": "a date not before start_date",
        "fr": "une date qui ne précède pas start_date",
        "de": "ein Datum nicht vor start_date",
    },
    "not_before_opened": {
        "en": "a date not before opened_date",
        "fr": "une date qui ne précède pas opened_date",
        "de": "ein Datum nicht vor opened_date",
    },
    "not_negative": {
        "en": "a number of 0 or more",
        "fr": "un nombre supérieur ou égal à 0",
        "de": "eine Zahl von 0 oder mehr",
    },
    "percent_range": {
        "en": "a percentage from 0 to 100",
        "fr": "un pourcentage de 0 à 100",
        "de": "einen Prozentsatz von 0 bis 100",
    },
    "fte_range": {
        "en": "an FTE above 0 and at most 1 (80% or 80 means 0.8)",
        "fr": "un taux supérieur à 0 et au plus 1 (80% ou 80 signifie 0,8)",
        "de": "ein Pensum über 0 und höchstens 1 (80% oder 80 bedeutet 0,8)",
    },
    "filled_needs_date": {
        "en": "a filled_date, because the status is filled",
        "fr": "une filled_date, car le statut est pourvu",
        "de": "ein filled_date, weil der Status besetzt ist",
    },
    "not_future": {
        "en": "a date not in the future",
        "fr": "une date qui n'est pas dans le futur",
        "de": "ein Datum, das nicht in der Zukunft liegt",
    },
    "ssn": {
        "en": "this cell holds a Swiss social-security number (AVS/AHV); personal data is not "
        "accepted and nothing was kept",
        "fr": "cette cellule contient un numéro AVS ; les données personnelles ne sont pas "
        "acceptées et rien n'a été conservé",
        "de": "diese Zelle enthält eine AHV-Nummer; Personendaten werden nicht angenommen und "
        "nichts wurde gespeichert",
    },
    # Outcomes and warnings.
    "loaded": {
        "en": "{file}: loaded {rows} rows as {kind} ({replaced} replaced).",
        "fr": "{file} : {rows} lignes chargées comme {kind} ({replaced} remplacées).",
        "de": "{file}: {rows} Zeilen als {kind} geladen ({replaced} ersetzt).",
    },
    "duplicate_file": {
        "en": "{file}: this exact file was already loaded (load {load_id}); nothing changed.",
        "fr": "{file} : ce fichier exact a déjà été chargé (chargement {load_id}) ; rien n'a changé.",
        "de": "{file}: Genau diese Datei wurde bereits geladen (Ladung {load_id}); nichts wurde geändert.",
    },
    "rejected": {
        "en": "{file}: rejected, nothing was loaded. {count} problem(s):",
        "fr": "{file} : refusé, rien n'a été chargé. {count} problème(s) :",
        "de": "{file}: abgelehnt, nichts wurde geladen. {count} Problem(e):",
    },
    "mapping_used": {
        "en": "{file}: read with the mapping “{mapping}”{constants}.",
        "fr": "{file} : lu avec le modèle de correspondance « {mapping} »{constants}.",
        "de": "{file}: mit der Zuordnung «{mapping}» gelesen{constants}.",
    },
    "mapping_constants": {
        "en": "; the same value in every row: {values}",
        "fr": " ; même valeur dans chaque ligne : {values}",
        "de": "; in jeder Zeile derselbe Wert: {values}",
    },
    "undo": {
        "en": "{file}: load {load_id} undone; {removed} rows removed, {restored} earlier rows restored.",
        "fr": "{file} : chargement {load_id} annulé ; {removed} lignes retirées, {restored} lignes "
        "antérieures rétablies.",
        "de": "{file}: Ladung {load_id} rückgängig gemacht; {removed} Zeilen entfernt, {restored} "
        "frühere Zeilen wiederhergestellt.",
    },
    "undo_unknown": {
        "en": "There is no load {load_id}.",
        "fr": "Il n'y a pas de chargement {load_id}.",
        "de": "Es gibt keine Ladung {load_id}.",
    },
    "undo_not_loaded": {
        "en": "Load {load_id} cannot be undone: its status is {status}; only loaded files can be undone.",
        "fr": "Le chargement {load_id} ne peut pas être annulé : son statut est {status} ; seuls "
        "les fichiers chargés peuvent l'être.",
        "de": "Ladung {load_id} kann nicht rückgängig gemacht werden: Ihr Status ist {status}; nur "
        "geladene Dateien lassen sich rückgängig machen.",
    },
    "download_line": {"en": "line", "fr": "ligne", "de": "Zeile"},
    "download_error": {"en": "error", "fr": "erreur", "de": "Fehler"},
    "ignored_columns": {
        "en": "{file}: columns ignored (not part of a {kind} export): {columns}.",
        "fr": "{file} : colonnes ignorées (ne font pas partie d'un export {kind}) : {columns}.",
        "de": "{file}: ignorierte Spalten (nicht Teil eines {kind}-Exports): {columns}.",
    },
    "other_sheets": {
        "en": "{file}: read the sheet {sheet}; the other sheets ({others}) were not read.",
        "fr": "{file} : feuille {sheet} lue ; les autres feuilles ({others}) n'ont pas été lues.",
        "de": "{file}: Blatt {sheet} gelesen; die anderen Blätter ({others}) wurden nicht gelesen.",
    },
}


@dataclass(frozen=True)
class Problem:
    """One problem with a file: a message code, where it is, and what was found."""

    code: str
    file: str
    line: int | None = None
    column: str | None = None
    found: str | None = None
    params: dict[str, str] = field(default_factory=dict)

    def render(self, lang: str = "en") -> str:
        """The sentence a project lead reads, in their language."""
        params = {k: _say(v, lang) for k, v in self.params.items()}
        template = MESSAGES[self.code][lang]
        if "{file}" in template:  # a sentence of its own, not a cell's "found ..., expected ..."
            return template.format(file=self.file, line=self.line, column=self.column, **params)
        expected = template.format(**params)
        template = "cell_hidden" if self.found is None else "cell"
        return MESSAGES[template][lang].format(
            file=self.file,
            line=self.line,
            column=self.column,
            found=self.found,
            expected=expected,
        )

    @property
    def whole_file(self) -> bool:
        """A problem with the file as a whole (no line to fix), such as a missing column."""
        return "{file}" in MESSAGES[self.code]["en"]

    def expected(self, lang: str = "en") -> str:
        """What a cell problem expected, in the reader's language ("" for whole-file problems)."""
        if self.whole_file:
            return ""
        return MESSAGES[self.code][lang].format(**{k: _say(v, lang) for k, v in self.params.items()})

    def short(self, lang: str = "en") -> str:
        """A cell problem without the file and line: "column: found x, expected y"."""
        if self.whole_file or self.found is None:
            return self.render(lang)
        return MESSAGES["cell_short"][lang].format(
            column=self.column, found=self.found, expected=self.expected(lang)
        )


def _say(value: str, lang: str) -> str:
    """Parameters may themselves be message codes (a suggestion); render those too."""
    if value.startswith("@suggestion:"):
        return MESSAGES["suggestion"][lang].format(name=value.removeprefix("@suggestion:"))
    return value


def suggestion(name: str | None) -> str:
    """A parameter that renders as ' (did you mean X?)', or nothing."""
    return f"@suggestion:{name}" if name else ""


def render(code: str, lang: str = "en", **params: object) -> str:
    """A whole-file or outcome sentence."""
    return MESSAGES[code][lang].format(**params)
