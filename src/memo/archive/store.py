"""Archiving a case: build with every check, then publish a new version only if something changed.

Under the case's lock: the latest version is compared by content (SHA-256 of the .docx, the case
file, the profile and the template); if all are equal nothing is written. Otherwise the version is
assembled in ``.v<N>.<random>.tmp`` beside the versions (documents, inputs, metadata, bag), sealed
read-only and fsynced, and published by one ``os.rename``: a crash leaves no version or a whole one.
A temp folder found under the lock was left by a killed archiver and is removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pikepdf

from ..build import Prepared, Workspace, file_stem, prepare, render_verified
from ..errors import ArchiveError, MemoError, OutputError, Problem
from ..files import fsync_path
from ..organisation import PROFILE
from ..versions import library_versions
from ..writers.pdf import convert_to_pdf
from . import bag
from .amounts import memo_amounts
from .content import TEXT, decision_text, memo_units
from .versions import METADATA, CaseArchive, Version

#: Test hook: seconds to pause between assembling a version and publishing it (kill tests).
PAUSE_HOOK = "MEMO_ARCHIVE_TEST_PAUSE"
FORMAT = "memo-archive/1"
#: Libraries beside those that shape the .docx (versions.SHAPING) whose versions an archive records.
ARCHIVE_LIBRARIES = ("pikepdf", "bagit")
IDENTITY = ("docx", "case", "profile", "template")


@dataclass(frozen=True)
class Archived:
    version: Version
    new: bool  # False: identical to the latest version, nothing written
    notices: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class _Inputs:
    prepared: Prepared
    docx: bytes
    files: dict[str, tuple[str, bytes]]  # role -> (path in the payload, bytes)

    @property
    def sha256(self) -> dict[str, str]:
        return {role: hashlib.sha256(data).hexdigest() for role, (_, data) in self.files.items()}


def archive_case(path: Path, workspace: Workspace, root: Path) -> Archived:
    """Archive one case file; CaseError (nothing written) when the case has errors."""
    inputs = _build(path, workspace)
    archive = CaseArchive(root, file_stem(inputs.prepared.case.dnr))
    try:
        with archive.lock():
            archived = _archive_locked(archive, inputs)
        return replace(archived, notices=inputs.prepared.notices)
    except OSError as exc:
        raise OutputError(f"{archive.folder}: kan inte skrivas ({exc.strerror or exc}) — kontrollera mappen och behörigheten") from None


def _build(path: Path, workspace: Workspace) -> _Inputs:
    """Build and verify the .docx; the inputs are read around it, so what is archived is what was built."""
    case_before = path.read_bytes()
    prepared = prepare(path, workspace)
    organisation = prepared.organisation
    template_before = organisation.template.read_bytes()
    docx = render_verified(prepared)  # the same checks as memo build, template inspection included
    stem = file_stem(prepared.case.dnr)
    files = {
        "docx": (f"{stem}.docx", docx),
        "case": (f"cases/{stem}.yaml", path.read_bytes()),
        "profile": (f"templates/{organisation.id}/{PROFILE}", (organisation.folder / PROFILE).read_bytes()),
        "template": (f"templates/{organisation.id}/{organisation.profile.template}", organisation.template.read_bytes()),
    }
    for role, changed, before in (("case", path, case_before), ("template", organisation.template, template_before)):
        if files[role][1] != before:
            raise ArchiveError(f"{workspace.relative(changed)}: ändrades medan ärendet arkiverades — arkivera igen")
    return _Inputs(prepared, docx, files)


def _archive_locked(archive: CaseArchive, inputs: _Inputs) -> Archived:
    archive.folder.mkdir(parents=True, exist_ok=True)
    for stale in archive.folder.glob(".v*.tmp"):
        bag.remove(stale)
    latest = archive.latest()
    if latest is not None and _same(latest, inputs):
        return Archived(latest, new=False)
    number = latest.number + 1 if latest else 1
    target = archive.folder / f"v{number}"
    temp = Path(tempfile.mkdtemp(prefix=f".v{number}.", suffix=".tmp", dir=archive.folder))
    try:
        _assemble(temp, number, inputs, latest)
        _pause_for_tests(temp)
    except BaseException:
        bag.remove(temp)
        raise
    try:
        os.rename(temp, target)
    except OSError:
        bag.remove(temp)
        if target.is_dir():  # written by someone who did not take the lock
            raced = Version(number, target)
            if _same(raced, inputs):
                return Archived(raced, new=False)
            raise ArchiveError(f"{archive.stem}: v{number} skrevs av någon annan under arkiveringen — arkivera igen") from None
        raise
    fsync_path(archive.folder)
    return Archived(Version(number, target), new=True)


def _same(version: Version, inputs: _Inputs) -> bool:
    try:
        recorded = version.metadata.get("sha256", {})
    except ArchiveError:
        return False
    current = inputs.sha256
    return all(recorded.get(role) == current[role] for role in IDENTITY)


def _assemble(folder: Path, number: int, inputs: _Inputs, previous: Version | None) -> None:
    for relative, data in inputs.files.values():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    docx = folder / inputs.files["docx"][0]
    pdf = convert_to_pdf(docx, docx.with_suffix(".pdf"))
    files = {role: relative for role, (relative, _) in inputs.files.items()}
    files["pdf"] = pdf.name
    sha256 = {**inputs.sha256, "pdf": bag.sha256_file(pdf)}
    metadata = _metadata(number, inputs.prepared, files, sha256, previous, pdf)
    (folder / METADATA).write_text(json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    case = inputs.prepared.case
    bag.make_bag(folder, {
        "Source-Organization": inputs.prepared.organisation.profile.name,
        "External-Identifier": case.dnr,
        "External-Description": case.title,
        "Bag-Group-Identifier": case.dnr,
        "Internal-Sender-Identifier": f"{file_stem(case.dnr)}/v{number}",
        "Dnr": case.dnr,
        "Title": case.title,
        "Date": case.date.isoformat(),
        "Bagging-Date": metadata["archived_at"][:10],
        "Bag-Software-Agent": f"memo {metadata['software']['memo']} (bagit {metadata['software']['bagit']})",
    })
    bag.seal(folder)


def _metadata(number: int, prepared: Prepared, files: dict[str, str], sha256: dict[str, str],
              previous: Version | None, pdf: Path) -> dict[str, Any]:
    case, memo, profile = prepared.case, prepared.memo, prepared.organisation.profile
    units = memo_units(memo)
    return {
        "format": FORMAT,
        "version": number,
        "dnr": case.dnr,
        "title": case.title,
        "date": case.date.isoformat(),
        "organisation": {"id": prepared.organisation.id, "name": profile.name},
        "document_type": profile.document_type,
        "signatories": [{"name": s.name, "title": s.title, "unit": s.unit} for s in memo.signatories],
        "decision": decision_text(memo),
        "text_sha256": hashlib.sha256("\n".join(f"{u.section}\t{u.text}" for u in units if u.part == TEXT).encode()).hexdigest(),
        "amounts": [a.to_json() for a in memo_amounts(prepared).values()],
        "files": files,
        "sha256": sha256,
        "software": {**library_versions(*ARCHIVE_LIBRARIES), "python": sys.version.split()[0], "pdf": _producer(pdf)},
        "archived_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "previous_manifest_sha256": bag.manifest_sha256(previous.path) if previous else None,
    }


def _producer(pdf: Path) -> str:
    with pikepdf.open(pdf) as document:
        return str(document.docinfo.get("/Producer", ""))


def _pause_for_tests(folder: Path) -> None:
    seconds = os.environ.get(PAUSE_HOOK)
    if seconds:
        print(f"{PAUSE_HOOK}: {folder}", file=sys.stderr, flush=True)
        time.sleep(float(seconds))


def archive_all(workspace: Workspace, root: Path) -> list[tuple[Path, Archived | Exception]]:
    """Every case in cases/, each on its own: one with errors does not stop the others."""
    results: list[tuple[Path, Archived | Exception]] = []
    for path in workspace.case_files():
        try:
            results.append((path, archive_case(path, workspace, root)))
        except MemoError as exc:
            results.append((path, exc))
    return results


__all__ = ["Archived", "archive_case", "archive_all", "PAUSE_HOOK"]
