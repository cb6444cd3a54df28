"""The archive: accepted originals addressed by SHA-256, and the manifest of every load.

The warehouse is a product of this archive plus the reference data (`rebuild`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from etl import settings

CHUNK = 1 << 20
MANIFEST = "loads.csv"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def original_path(sha256: str) -> Path:
    return settings.archive_dir() / sha256[:2] / sha256


def store_original(path: Path, sha256: str) -> bool:
    """Copy an accepted file into the archive, once, atomically; True if it was not there."""
    target = original_path(sha256)
    if target.exists():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    try:
        shutil.copyfile(path, partial)
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except BaseException:  # a full disk: leave no half-copied original behind
        partial.unlink(missing_ok=True)
        raise
    return True


def remove_unlogged(logged: set[str]) -> list[Path]:
    """Remove the originals no logged load names, and half-copies: what a writer whose
    publish failed or was killed left behind. Returns what was removed."""
    removed = []
    for path in settings.archive_dir().glob("[0-9a-f][0-9a-f]/*"):
        if path.suffix == ".partial" or (len(path.name) == 64 and path.name not in logged):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def manifest_path() -> Path:
    return settings.archive_dir() / MANIFEST


def replace_atomically(source: Path, target: Path) -> None:
    """Make `source` durable, then put it in place of `target` in one step."""
    with source.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(source, target)
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


class DamagedArchive(Exception):
    """An archived original is missing or no longer matches its hash."""
