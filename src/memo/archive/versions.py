"""The archive on disk: a folder per case, a read-only bag per version, a lock per case.

Versions are ``v1``, ``v2``, … and nothing else counts as one: a folder being assembled is
``.v<N>.<random>.tmp`` beside them and becomes a version only by one atomic rename.
"""

from __future__ import annotations

import json
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Iterator

from filelock import FileLock, Timeout

from ..build import Prepared, Workspace, prepare
from ..errors import ArchiveError
from .bag import PAYLOAD

ENVIRONMENT = "MEMO_ARCHIVE_DIR"
METADATA = "metadata.json"
LOCK_TIMEOUT_SECONDS = 600  # longer than a PDF conversion may take (writers/pdf.TIMEOUT_SECONDS)
REQUIRED = ("version", "dnr", "title", "date", "archived_at", "files", "sha256", "amounts", "decision",
            "text_sha256", "signatories", "previous_manifest_sha256")
_VERSION = re.compile(r"v([1-9][0-9]*)")


def archive_root(workspace: Workspace, override: Path | None = None) -> Path:
    """``--archive DIR``, else ``$MEMO_ARCHIVE_DIR``, else ``archive/`` in the project."""
    if override is not None:
        return override
    configured = os.environ.get(ENVIRONMENT)
    return Path(configured) if configured else workspace.root / "archive"


@dataclass(frozen=True)
class Version:
    """One archived version: a BagIt bag whose payload is ``data/``."""

    number: int
    path: Path

    @property
    def name(self) -> str:
        return f"v{self.number}"

    @property
    def label(self) -> str:
        """How messages name it: ``<Dnr>/v2``."""
        return f"{self.path.parent.name}/{self.name}"

    @property
    def data(self) -> Path:
        return self.path / PAYLOAD

    @cached_property
    def metadata(self) -> dict[str, Any]:
        """``data/metadata.json``; ArchiveError when it is missing or not JSON."""
        path = self.data / METADATA
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise MetadataError(self, "filen saknas") from None
        except OSError as exc:
            raise MetadataError(self, exc.strerror or "filen kan inte läsas") from None
        except ValueError:
            raise MetadataError(self, "filen är inte giltig JSON") from None
        missing = [key for key in REQUIRED if not isinstance(data, dict) or key not in data]
        if missing:
            raise MetadataError(self, f"saknar {', '.join(missing)}")
        return data

    def payload_file(self, role: str) -> Path:
        """The archived file with a role of metadata ``files``: docx, pdf, case, profile, template."""
        return self.data / self.metadata["files"][role]


class MetadataError(ArchiveError):
    """Raised when a version's metadata.json is missing, not JSON, or lacks a field memo wrote:
    a damaged archive, not a mistake on the command line (exit 1)."""

    exit_code = 1

    def __init__(self, version: Version, reason: str):
        self.reason = reason
        super().__init__(f"{version.label}: {PAYLOAD}/{METADATA} går inte att läsa ({reason})")


@dataclass(frozen=True)
class CaseArchive:
    """The versions of one case, in ``<root>/<file name of the Dnr>/``."""

    root: Path
    stem: str

    @property
    def folder(self) -> Path:
        return self.root / self.stem

    def versions(self) -> list[Version]:
        if not self.folder.is_dir():
            return []
        found = [Version(int(m.group(1)), p) for p in self.folder.iterdir()
                 if p.is_dir() and (m := _VERSION.fullmatch(p.name))]
        return sorted(found, key=lambda v: v.number)

    def latest(self) -> Version | None:
        versions = self.versions()
        return versions[-1] if versions else None

    def version(self, name: str) -> Version:
        """``v2`` (or ``2``) of this case; ArchiveError naming the versions there are."""
        wanted = name if name.startswith("v") else f"v{name}"
        versions = self.versions()
        for version in versions:
            if version.name == wanted:
                return version
        there = ", ".join(v.name for v in versions) or "inga"
        raise ArchiveError(f"{self.stem}: versionen {name} finns inte i arkivet — versionerna är: {there}")

    def require_versions(self) -> list[Version]:
        versions = self.versions()
        if not versions:
            raise ArchiveError(f"{self.stem}: inget arkiverat i {self.root} — arkivera med memo archive {self.stem}")
        return versions

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Archivers of one case take turns; other cases are not blocked."""
        self.root.mkdir(parents=True, exist_ok=True)
        lock = FileLock(self.root / f".{self.stem}.lock", timeout=LOCK_TIMEOUT_SECONDS)
        try:
            with lock:
                yield
        except Timeout:
            raise ArchiveError(
                f"{self.stem}: arkivet är låst av en annan arkivering sedan {LOCK_TIMEOUT_SECONDS} s — försök igen senare"
            ) from None


def archived_cases(root: Path) -> list[CaseArchive]:
    """Every case with at least one version, by file name."""
    if not root.is_dir():
        return []
    cases = [CaseArchive(root, p.name) for p in sorted(root.iterdir()) if p.is_dir() and not p.name.startswith(".")]
    return [c for c in cases if c.versions()]


def prepare_version(version: Version) -> Prepared:
    """The memo of an archived version, formed from its own case file and template folder.

    The payload is a workspace (``cases/``, ``templates/``), so the version needs nothing outside it.
    """
    return prepare(version.payload_file("case"), Workspace(version.data))
