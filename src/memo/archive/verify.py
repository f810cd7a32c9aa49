"""Checking the archive: every bag whole and unaltered, the chain of versions unbroken, and
(with ``rebuild``) every .docx exactly what its archived case file, profile and template produce.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..errors import MemoError
from ..build import render_verified
from . import bag
from .versions import METADATA, CaseArchive, MetadataError, Version, prepare_version


@dataclass(frozen=True)
class Finding:
    version: str  # <Dnr>/v2
    file: str  # in the bag: data/<Dnr>.docx; "" for the version as a whole
    message: str

    def __str__(self) -> str:
        return f"{self.version}: {self.file}: {self.message}" if self.file else f"{self.version}: {self.message}"


def verify_case(archive: CaseArchive, rebuild: bool = False) -> list[Finding]:
    """Every finding for every version of one case; an empty list when everything holds."""
    findings: list[Finding] = []
    previous: Version | None = None
    for version in archive.require_versions():
        found = [Finding(version.label, p.file, p.message) for p in bag.check_bag(version.path)]
        findings += found
        try:
            version.metadata
        except MetadataError as exc:
            where = f"{bag.PAYLOAD}/{METADATA}"
            if not any(f.file == where and f.message.startswith("saknas") for f in found):  # said by the bag check
                findings.append(Finding(version.label, where, f"går inte att läsa ({exc.reason})"))
        else:
            findings += _check_chain(version, previous)
            if rebuild:
                findings += _check_rebuild(version)
        previous = version
    return findings


def _check_chain(version: Version, previous: Version | None) -> list[Finding]:
    where = f"{bag.PAYLOAD}/{METADATA}"
    metadata = version.metadata
    found = []
    if metadata["version"] != version.number:
        found.append(Finding(version.label, where, f"anger version {metadata['version']}, mappen heter {version.name}"))
    if previous is None and version.number != 1:
        found.append(Finding(version.label, "", f"versionerna före {version.name} saknas"))
    if previous is not None and previous.number != version.number - 1:
        found.append(Finding(version.label, "", f"v{version.number - 1} saknas mellan {previous.name} och {version.name}"))
    expected = bag.manifest_sha256(previous.path) if previous is not None and (previous.path / bag.MANIFEST).is_file() else None
    recorded = metadata["previous_manifest_sha256"]
    if previous is None and recorded is not None:
        found.append(Finding(version.label, where, "anger en föregående version, men det finns ingen"))
    elif previous is not None and recorded != expected:
        found.append(Finding(
            version.label, where,
            f"kedjan är bruten: previous_manifest_sha256 {str(recorded)[:12]}… är inte SHA-256 av "
            f"{previous.name}/{bag.MANIFEST} ({str(expected)[:12]}…) — {previous.name} eller {version.name} är ändrad",
        ))
    return found


def _check_rebuild(version: Version) -> list[Finding]:
    files = version.metadata["files"]
    if not isinstance(files, dict) or not {"docx", "case"} <= files.keys():
        return [Finding(version.label, f"{bag.PAYLOAD}/{METADATA}", "anger inte vilka filer som är dokumentet och ärendet")]
    docx = version.payload_file("docx")
    where = f"{bag.PAYLOAD}/{files['docx']}"
    try:
        prepared = prepare_version(version)
        data = render_verified(prepared)
        archived = bag.sha256_file(docx)
    except MemoError as exc:
        return [Finding(version.label, where, f"går inte att bygga om ur arkiverat ärende och mall: {line}") for line in exc.lines()]
    except OSError as exc:
        return [Finding(version.label, where, f"går inte att läsa ({exc.strerror})")]
    rebuilt = hashlib.sha256(data).hexdigest()
    if rebuilt == archived:
        return []
    return [Finding(
        version.label, where,
        f"ombyggd ur arkiverat ärende, profil och mall ger SHA-256 {rebuilt[:12]}…, arkiverad är {archived[:12]}… "
        f"(arkiverad med memo {version.metadata.get('software', {}).get('memo', '?')})",
    )]
