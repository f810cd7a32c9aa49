"""BagIt bags (RFC 8493) with the Library of Congress's ``bagit`` library: making, sealing, checking.

A bag is what an e-archive takes in: ``bagit.txt``, ``bag-info.txt``, a SHA-256 manifest of the
payload under ``data/`` and a tag manifest of the rest. The checks here report every problem with
the file it concerns; ``bagit.Bag(path).validate()`` is run as well, so the library's own verdict
always counts.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

import bagit

from ..files import fsync_path

ALGORITHM = "sha256"
MANIFEST = f"manifest-{ALGORITHM}.txt"
TAG_FILES = frozenset({"bagit.txt", "bag-info.txt", MANIFEST, f"tagmanifest-{ALGORITHM}.txt"})
PAYLOAD = "data"


@dataclass(frozen=True)
class BagProblem:
    file: str  # relative to the bag, '/' separated; "" for the bag as a whole
    message: str


def make_bag(folder: Path, info: dict[str, str]) -> None:
    """Turn ``folder`` into a bag in place: its contents move to ``data/``, manifests are written."""
    bagit.make_bag(str(folder), dict(info), checksums=[ALGORITHM])


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def manifest_sha256(bag: Path) -> str:
    """What the next version records as its predecessor: the SHA-256 of this payload manifest."""
    return sha256_file(bag / MANIFEST)


def seal(folder: Path) -> None:
    """Make a bag read-only (files 0o444, folders 0o555) and flush it to disk."""
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True) + [folder]:
        fsync_path(path)
        os.chmod(path, 0o555 if path.is_dir() else 0o444)


def remove(folder: Path) -> None:
    """Remove a (possibly sealed) folder: an unfinished version left by a killed archiver."""
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            os.chmod(path, stat.S_IRWXU)
    shutil.rmtree(folder)


def check_bag(path: Path) -> list[BagProblem]:
    """Every problem of a bag: tag files, missing and extra files, checksums, the library's verdict."""
    try:
        bag = bagit.Bag(str(path))
    except bagit.BagError as exc:
        return [BagProblem("bagit.txt", f"ingen giltig bag ({exc})")]
    problems = [BagProblem(name, "saknas") for name in sorted(TAG_FILES - _names(path))]
    problems += [BagProblem(name, "hör inte till versionen (en fil som lagts till)")
                 for name in sorted(_names(path) - TAG_FILES - {PAYLOAD})]
    missing, extra = bag.compare_manifests_with_fs()
    problems += [BagProblem(_slash(name), "saknas (finns i manifestet)") for name in sorted(missing)]
    problems += [BagProblem(_slash(name), "finns inte i manifestet (en fil som lagts till)") for name in sorted(extra)]
    absent = set(missing)
    for name, hashes in sorted(bag.entries.items()):
        file = path / name
        if name in absent or not file.is_file():
            if not name.startswith(PAYLOAD + os.sep):
                problems.append(BagProblem(_slash(name), "saknas (finns i tagmanifestet)"))
            continue
        expected = hashes.get(ALGORITHM)
        if expected is None:
            problems.append(BagProblem(_slash(name), f"ingen {ALGORITHM}-summa i manifestet"))
        elif sha256_file(file) != expected.lower():
            problems.append(BagProblem(_slash(name), f"kontrollsumman stämmer inte (SHA-256 i manifestet {expected[:12]}…) — filen är ändrad"))
    if not problems:
        try:
            bag.validate()
        except bagit.BagError as exc:
            problems.append(BagProblem("", f"bagit underkänner versionen: {exc}"))
    return problems


def _names(path: Path) -> set[str]:
    return {p.name for p in path.iterdir()}


def _slash(name: str) -> str:
    return name.replace(os.sep, "/")
