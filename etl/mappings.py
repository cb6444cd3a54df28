"""Saved column mappings: how an export whose headers are not the contract's feeds a kind.

A mapping is a small TOML file naming, for each contract column, the file's column that
feeds it, or a value for every row (a constant), plus optional value maps (a tool's word
-> the contract's word), date formats and extraction patterns. Presets for the tools the
hospital uses (Jira, OpenProject, Microsoft Project) ship in etl/mappings/; the mappings
project leads save on the Upload page live in the data folder (DASHBOARD_DATA_DIR/mappings/).

Whenever a file arrives, on the Upload page or by `python -m etl load`, the most specific
mapping whose headers the file has is applied. The mapping a load used is archived with
it (archive/mappings/<sha256>.toml), so a rebuild reads the file exactly as it was read.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import json
import logging
import os
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from etl import settings
from etl.contracts import ENUMS, KINDS, Column, Kind, header_names, normalise_header

PRESETS_DIR = Path(__file__).resolve().parent / "mappings"
TODAY = "today"  # a date constant meaning "the day the file is loaded"
GUESS_CUTOFF = 0.75
_TABLES = ("columns", "constants", "values", "formats", "patterns", "when")

logger = logging.getLogger(__name__)


class MappingError(ValueError):
    """A mapping file that cannot be used: it names an unknown kind, column or value."""


@dataclass(frozen=True)
class SavedMapping:
    """How the columns of one tool's export feed one contract kind."""

    name: str
    kind: str
    match: tuple[str, ...]  # headers a file must have for the mapping to apply
    exact: bool = False  # the file's headers must be exactly `match` (a lead's own file)
    columns: Mapping[str, str] = field(default_factory=dict)  # contract column -> file header
    constants: Mapping[str, str] = field(default_factory=dict)  # contract column -> every row's value
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # tool word -> contract word
    formats: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # strptime formats, tried first
    patterns: Mapping[str, str] = field(default_factory=dict)  # regex whose first group is the value
    # contract column -> (file header, its values): the column is only read in such rows
    when: Mapping[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    description: str = ""
    preset: bool = False
    path: Path | None = None

    def applies_to(self, headers: Sequence[str]) -> bool:
        """Whether a file with these headers is read with this mapping."""
        have = {normalise_header(h) for h in headers}
        wanted = {normalise_header(h) for h in self.match}
        return wanted == have if self.exact else wanted <= have

    @property
    def sha256(self) -> str:
        """The mapping's identity: the hash of its canonical TOML text."""
        return hashlib.sha256(to_toml(self).encode("utf-8")).hexdigest()


# --- Reading and writing --------------------------------------------------------------------


def parse(text: str, path: Path | None = None, preset: bool = False) -> SavedMapping:
    """A mapping from its TOML text, checked against the contract."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise MappingError(f"{path or 'mapping'}: not valid TOML ({error})") from error
    kind = KINDS.get(str(data.get("kind", "")))
    if kind is None:
        raise MappingError(f"{path or 'mapping'}: kind must be one of {', '.join(KINDS)}")
    tables = {name: _table(data, name, path) for name in _TABLES}
    mapping = SavedMapping(
        name=str(data.get("name") or (path.stem if path else "mapping")),
        kind=kind.name,
        match=tuple(str(h) for h in data.get("match") or tables["columns"].values()),
        exact=bool(data.get("exact", False)),
        columns={k: str(v) for k, v in tables["columns"].items()},
        constants={k: str(v) for k, v in tables["constants"].items()},
        values={
            k: {str(w): str(x) for w, x in _table(tables["values"], k, path).items()}
            for k in tables["values"]
        },
        formats={k: _strings(v) for k, v in tables["formats"].items()},
        patterns={k: str(v) for k, v in tables["patterns"].items()},
        when={k: _condition(tables["when"], k, path) for k in tables["when"]},
        description=str(data.get("description", "")),
        preset=preset,
        path=path,
    )
    check(mapping)
    return mapping


def _table(data: Mapping[str, Any], name: str, path: Path | None) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise MappingError(f"{path or 'mapping'}: [{name}] must be a table")
    return value


def _condition(table: Mapping[str, Any], column: str, path: Path | None) -> tuple[str, tuple[str, ...]]:
    entry = _table(table, column, path)
    if not isinstance(entry.get("column"), str):
        raise MappingError(f'{path or "mapping"}: [when.{column}] needs column = "<header>"')
    return entry["column"], _strings(entry.get("values", ()))


def _strings(value: object) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(str(v) for v in value or ())  # type: ignore[attr-defined]


def check(mapping: SavedMapping) -> None:
    """Every column a mapping names belongs to its kind; enum values map to known words."""
    kind = KINDS[mapping.kind]
    known = {c.name for c in kind.columns}
    for table in _TABLES:
        unknown = set(getattr(mapping, table)) - known
        if unknown:
            raise MappingError(f"{mapping.name}: [{table}] names unknown columns {sorted(unknown)}")
    for column, words in mapping.values.items():
        enum = kind.column(column).enum
        allowed = {alias for aliases in ENUMS[enum].values() for alias in aliases} if enum else None
        wrong = [w for w in words.values() if allowed is not None and w and _plain(w) not in allowed]
        if wrong:
            raise MappingError(f"{mapping.name}: [values.{column}] maps to unknown values {wrong}")
    for column, (_header, values) in mapping.when.items():
        if not values:
            raise MappingError(f"{mapping.name}: [when.{column}] needs values = [...]")
    for column, pattern in mapping.patterns.items():
        try:
            if re.compile(pattern).groups < 1:
                raise MappingError(f"{mapping.name}: [patterns] {column} needs one (group)")
        except re.error as error:
            raise MappingError(f"{mapping.name}: [patterns] {column}: {error}") from error


def _plain(word: str) -> str:
    """An enum word as matched: lower case, accents dropped."""
    text = unicodedata.normalize("NFKD", word.strip().lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def to_toml(mapping: SavedMapping) -> str:
    """The mapping as TOML (strings written as JSON strings, which TOML reads alike)."""
    lines = [
        f"name = {_quote(mapping.name)}",
        f"kind = {_quote(mapping.kind)}",
        f"description = {_quote(mapping.description)}",
        f"exact = {'true' if mapping.exact else 'false'}",
        f"match = [{', '.join(_quote(h) for h in mapping.match)}]",
    ]
    for table in ("columns", "constants", "patterns"):
        lines += _section(table, getattr(mapping, table))
    for column, words in sorted(mapping.values.items()):
        lines += _section(f"values.{column}", words, sort=False)
    if mapping.formats:
        formats = sorted((k, _list(v)) for k, v in mapping.formats.items())
        lines += ["", "[formats]", *(f"{k} = {v}" for k, v in formats)]
    for column, (header, values) in sorted(mapping.when.items()):
        lines += ["", f"[when.{column}]", f"column = {_quote(header)}", f"values = {_list(values)}"]
    return "\n".join(lines) + "\n"


def _list(values: Sequence[str]) -> str:
    return f"[{', '.join(_quote(v) for v in values)}]"


def _section(title: str, entries: Mapping[str, str], sort: bool = True) -> list[str]:
    if not entries:
        return []
    items = sorted(entries.items()) if sort else list(entries.items())
    return ["", f"[{title}]", *(f"{_quote(k)} = {_quote(v)}" for k, v in items)]


def _quote(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, bar DEL, which TOML wants escaped too."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def read(path: Path, preset: bool = False) -> SavedMapping:
    return parse(path.read_text(encoding="utf-8"), path, preset)


# --- Where mappings live ----------------------------------------------------------------------


def saved_dir() -> Path:
    """The mappings project leads saved: DASHBOARD_DATA_DIR/mappings/."""
    return settings.data_dir() / "mappings"


def all_mappings() -> list[SavedMapping]:
    """The leads' saved mappings, then the presets; a broken file is skipped and logged."""
    return list(_read_all(saved_dir(), version()))


@functools.lru_cache(maxsize=8)
def _read_all(saved: Path, stamp: str) -> tuple[SavedMapping, ...]:
    """The mappings as of `stamp` (see version): parsed once, not once per file loaded."""
    found = []
    for folder, preset in ((saved, False), (PRESETS_DIR, True)):
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
            try:
                found.append(read(path, preset))
            except (OSError, MappingError) as error:
                logger.warning("mapping %s skipped: %s", path, error)
    return tuple(found)


def version() -> str:
    """A token that changes whenever a mapping file is added, changed or removed."""
    stamps = [
        f"{p.name}:{p.stat().st_mtime_ns}:{p.stat().st_size}"
        for folder in (saved_dir(), PRESETS_DIR)
        if folder.is_dir()
        for p in sorted(folder.glob("*.toml"))
    ]
    return hashlib.sha256("|".join(stamps).encode()).hexdigest()[:16]


def candidates(headers: Sequence[str], kind: str | None = None) -> list[SavedMapping]:
    """The mappings that apply to a file with these headers, most specific first."""
    fitting = [m for m in all_mappings() if m.applies_to(headers) and kind in (None, m.kind)]
    return sorted(fitting, key=lambda m: (not m.exact, -len(m.match), m.preset, m.name))


def find(headers: Sequence[str], kind: str | None = None) -> SavedMapping | None:
    """The mapping a file with these headers is read with, if any."""
    found = candidates(headers, kind)
    return found[0] if found else None


def save(mapping: SavedMapping) -> SavedMapping:
    """Write a lead's mapping into the data folder, replacing one for the same headers."""
    folder = saved_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for other in all_mappings():
        same_file = set(map(normalise_header, other.match)) == set(map(normalise_header, mapping.match))
        if not other.preset and other.exact and other.kind == mapping.kind and same_file and other.path:
            other.path.unlink(missing_ok=True)
    check(mapping)
    target = folder / f"{slug(mapping.name)}-{mapping.sha256[:8]}.toml"
    _write_atomically(target, to_toml(mapping))
    return replace(mapping, path=target, preset=False)


def slug(name: str) -> str:
    """A file-name-safe form of a mapping's name (the name itself never becomes a path)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60] or "mapping"


def _write_atomically(target: Path, text: str) -> None:
    partial = target.with_name(target.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)


# --- The archive: the mapping each load used ----------------------------------------------------


def archived_path(sha256: str) -> Path:
    return settings.archive_dir() / "mappings" / f"{sha256}.toml"


def archive(mapping: SavedMapping) -> str:
    """Keep the mapping a load used, addressed by its hash; return the hash."""
    sha256 = mapping.sha256
    target = archived_path(sha256)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(target, to_toml(mapping))
    return sha256


def archived(sha256: str) -> SavedMapping:
    """The mapping an archived load was read with."""
    return read(archived_path(sha256))


def archived_name(sha256: str | None) -> str | None:
    """The name of an archived mapping, or None when there is none (or it is unreadable)."""
    if not sha256:
        return None
    try:
        return archived(sha256).name
    except (OSError, MappingError):
        return None


def intact(sha256: str) -> bool:
    """Whether an archived mapping is present and unchanged."""
    try:
        return archived(sha256).sha256 == sha256
    except (OSError, MappingError):
        return False


# --- Applying and proposing mappings ------------------------------------------------------------


def resolved(mapping: SavedMapping, today: dt.date) -> SavedMapping:
    """The mapping with `today` constants replaced by the date, as it is archived."""
    if TODAY not in (v.strip().lower() for v in mapping.constants.values()):
        return mapping
    constants = {
        k: today.isoformat() if v.strip().lower() == TODAY else v for k, v in mapping.constants.items()
    }
    return replace(mapping, constants=constants)


def guess_columns(kind: Kind, headers: Sequence[str]) -> dict[str, str]:
    """For each contract column, the file column that most likely feeds it.

    Exact names and their French and German aliases first, then close spellings; each file
    column is proposed once.
    """
    normalised = [normalise_header(h) for h in headers]
    guesses: dict[str, str] = {}
    for exact in (True, False):
        for column in kind.columns:
            if column.name in guesses:
                continue
            index = _best_header(column, normalised, set(guesses.values()), headers, exact)
            if index is not None:
                guesses[column.name] = headers[index]
    return guesses


def _best_header(
    column: Column, normalised: list[str], taken: set[str], headers: Sequence[str], exact: bool
) -> int | None:
    names = header_names(column)
    free = [i for i in range(len(headers)) if headers[i] not in taken]
    if exact:
        return next((i for i in free if normalised[i] in names), None)
    scored = [(max(difflib.SequenceMatcher(None, normalised[i], n).ratio() for n in names), i) for i in free]
    best = max(scored, default=(0.0, -1))
    return best[1] if best[0] >= GUESS_CUTOFF else None


def guess_kind(headers: Sequence[str]) -> str:
    """The kind whose required columns the headers cover best."""

    def covered(kind: Kind) -> tuple[float, int]:
        found = guess_columns(kind, headers)
        return sum(1 for c in kind.required if c in found) / len(kind.required), -len(kind.required)

    return max(KINDS.values(), key=covered).name


def new_mapping(
    name: str,
    kind: str,
    headers: Iterable[str],
    columns: Mapping[str, str],
    constants: Mapping[str, str],
    base: SavedMapping | None = None,
) -> SavedMapping:
    """A lead's mapping for exactly these headers; value maps and formats kept from `base`."""
    keep = base if base is not None and base.kind == kind else None
    used = set(columns)
    return SavedMapping(
        name=name.strip() or "mapping",
        kind=kind,
        match=tuple(headers),
        exact=True,
        columns={k: v for k, v in columns.items() if v},
        constants={k: v.strip() for k, v in constants.items() if v.strip() and k not in used},
        values={k: v for k, v in (keep.values if keep else {}).items() if k in used},
        formats={k: v for k, v in (keep.formats if keep else {}).items() if k in used},
        patterns={k: v for k, v in (keep.patterns if keep else {}).items() if k in used},
        when={k: v for k, v in (keep.when if keep else {}).items() if k in used},
        description=keep.description if keep else "",
    )
