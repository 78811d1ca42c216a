"""Import packages into a fresh collection with the real Anki library (test-only, AGPL)."""

from __future__ import annotations

from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest


def fresh_collection(folder: Path) -> Collection:
    folder.mkdir(parents=True, exist_ok=True)
    return Collection(str(folder / "collection.anki2"))


def import_package(collection: Collection, package: Path):
    """The importer's log: `new`, `updated`, `duplicate`, `conflicting`, ... (default options)."""
    request = ImportAnkiPackageRequest(package_path=str(package),
                                       options=ImportAnkiPackageOptions())
    return collection.import_anki_package(request).log
