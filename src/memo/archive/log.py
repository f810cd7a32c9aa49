"""The history of a case, one line per version, read from the versions' metadata alone."""

from __future__ import annotations

from typing import Any

from .amounts import Amount, amount_changes
from .versions import CaseArchive

DIGEST_CHARS = 12


def log_lines(archive: CaseArchive) -> list[str]:
    """``v2  2026-11-30T01:50:12Z  Titel  fordelning.sspf.forslag_2024 1,5 → 1,6 mkr  docx 3f9a1c2b4e5d``."""
    lines = []
    previous: dict[str, Any] | None = None
    for version in archive.require_versions():
        metadata = version.metadata
        fields = [version.name, metadata["archived_at"], metadata["title"], _changes(previous, metadata),
                  f"docx {metadata['sha256']['docx'][:DIGEST_CHARS]}"]
        lines.append("  ".join(fields))
        previous = metadata
    return lines


def _changes(previous: dict[str, Any] | None, current: dict[str, Any]) -> str:
    """The amounts that changed, in short; else what else did."""
    if previous is None:
        return "första versionen"
    changes = [c for c in amount_changes(_amounts(previous), _amounts(current)) if not c.amount.total]
    said = [c.short() for c in changes]
    if previous["decision"] != current["decision"]:
        said.append("beslutstexten ändrad")
    if previous["text_sha256"] != current["text_sha256"]:
        said.append("texten ändrad")
    for field, label in (("title", "rubriken ändrad"), ("date", "datumet ändrat"), ("signatories", "undertecknarna ändrade")):
        if previous[field] != current[field]:
            said.append(label)
    if any(previous["sha256"][role] != current["sha256"][role] for role in ("profile", "template")):
        said.append("mallen ändrad")
    return "; ".join(said) or "samma innehåll"


def _amounts(metadata: dict[str, Any]) -> dict[str, Amount]:
    return {(a := Amount.from_json(item)).key: a for item in metadata["amounts"]}
