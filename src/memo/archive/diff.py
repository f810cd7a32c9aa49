"""What changed between two memos: amounts (and the sums that moved), the decision, the text.

Both sides are Memos formed from case files and templates (an archived version's own, or the case
as it is now), compared unit by unit; a changed paragraph is shown with its changed words marked
``[-old-]{+new+}`` (as ``git diff --word-diff`` does).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Literal

from ..build import Prepared, Workspace, prepare, resolve_case
from ..errors import ArchiveError, MemoError, UsageError
from .amounts import AmountChange, amount_changes, memo_amounts
from .content import DECISION, TEXT, Unit, memo_units
from .versions import CaseArchive, prepare_version

PAIRING_RATIO = 0.5  # paragraphs at least this alike (by words) are one paragraph changed
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
LABELS = {"changed": "ändrat", "added": "nytt", "removed": "borttaget"}


@dataclass(frozen=True)
class TextChange:
    change: Literal["changed", "added", "removed"]
    section: str
    old: str | None
    new: str | None
    words: tuple[tuple[str, str], ...] = ()  # ("=", "kept"), ("-", "removed"), ("+", "added")

    def marked(self) -> str:
        if self.change != "changed":
            return self.new if self.change == "added" else self.old  # type: ignore[return-value]
        marks = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
        return "".join(marks[op].format(text) for op, text in self.words)

    def to_json(self) -> dict[str, Any]:
        return {"change": self.change, "section": self.section, "old": self.old, "new": self.new,
                "words": [list(w) for w in self.words]}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class MemoDiff:
    case: str
    old: str  # what the sides are called: v1, v2, cases/<Dnr>.yaml
    new: str
    fields: list[FieldChange] = field(default_factory=list)
    amounts: list[AmountChange] = field(default_factory=list)
    sums: list[AmountChange] = field(default_factory=list)
    decision: list[TextChange] = field(default_factory=list)
    text: list[TextChange] = field(default_factory=list)

    @property
    def differs(self) -> bool:
        return bool(self.fields or self.amounts or self.sums or self.decision or self.text)


def diff_case(archive: CaseArchive, workspace: Workspace, case: str, old: str | None = None, new: str | None = None) -> MemoDiff:
    """Version ``old`` against ``new``; without ``new``, ``old`` (or the latest) against the case file as it is now.

    With only ``new``, against the version before it.
    """
    versions = archive.require_versions()
    if new:
        newer = archive.version(new)
        if old:
            older = archive.version(old)
        elif newer.number > versions[0].number:
            older = [v for v in versions if v.number < newer.number][-1]
        else:
            raise UsageError(f"{newer.label} är den första versionen — ange --from")
        new_label, new_memo = newer.name, prepare_version(newer)
    else:
        older = archive.version(old) if old else versions[-1]
        path = resolve_case(workspace, case)
        new_label, new_memo = workspace.relative(path), prepare(path, workspace)
    try:
        old_memo = prepare_version(older)
    except MemoError as exc:
        raise ArchiveError(f"{older.label}: går inte att läsa med denna version av memo: {exc}") from None
    return diff_memos(archive.stem, older.name, old_memo, new_label, new_memo)


def diff_memos(case: str, old_label: str, old: Prepared, new_label: str, new: Prepared) -> MemoDiff:
    changes = amount_changes(memo_amounts(old), memo_amounts(new))
    old_units, new_units = memo_units(old.memo), memo_units(new.memo)
    return MemoDiff(
        case, old_label, new_label,
        fields=_fields(old, new),
        amounts=[c for c in changes if not c.amount.total],
        sums=[c for c in changes if c.amount.total],
        decision=diff_units([u for u in old_units if u.part == DECISION], [u for u in new_units if u.part == DECISION]),
        text=diff_units([u for u in old_units if u.part == TEXT], [u for u in new_units if u.part == TEXT]),
    )


def _fields(old: Prepared, new: Prepared) -> list[FieldChange]:
    def facts(p: Prepared) -> dict[str, str]:
        return {"rubrik": p.memo.title, "datum": p.memo.header.date,
                "undertecknare": "; ".join(f"{s.name}, {s.title}" for s in p.memo.signatories)}
    a, b = facts(old), facts(new)
    return [FieldChange(name, a[name], b[name]) for name in a if a[name] != b[name]]


def diff_units(old: list[Unit], new: list[Unit]) -> list[TextChange]:
    """Paragraphs removed, added and changed, in reading order."""
    found: list[TextChange] = []
    matcher = SequenceMatcher(None, [u.text for u in old], [u.text for u in new], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        gone, came = old[i1:i2], new[j1:j2]
        while gone and came and _alike(gone[0].text, came[0].text):
            a, b = gone.pop(0), came.pop(0)
            found.append(TextChange("changed", b.section, a.text, b.text, word_changes(a.text, b.text)))
        found += [TextChange("removed", u.section, u.text, None) for u in gone]
        found += [TextChange("added", u.section, None, u.text) for u in came]
    return found


def _alike(a: str, b: str) -> bool:
    return SequenceMatcher(None, _TOKEN.findall(a), _TOKEN.findall(b), autojunk=False).ratio() >= PAIRING_RATIO


def word_changes(old: str, new: str) -> tuple[tuple[str, str], ...]:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", "".join(b[j1:j2])))
    return tuple(out)


def render_diff(diff: MemoDiff) -> str:
    """The terminal view."""
    if not diff.differs:
        return f"{diff.case}: inga skillnader mellan {diff.old} och {diff.new}\n"
    lines = [f"{diff.case}: {diff.old} → {diff.new}"]
    if diff.fields:
        lines += ["Uppgifter"] + [f"  {f.field}: {f.old} → {f.new}" for f in diff.fields]
    if diff.amounts:
        lines += ["Belopp"] + [f"  {c.long()}" for c in diff.amounts]
    if diff.sums:
        lines += ["Summor"] + [f"  {c.long()}" for c in diff.sums]
    for title, changes in (("Beslutstext", diff.decision), ("Text", diff.text)):
        if not changes:
            continue
        lines.append(title)
        section = None
        for change in changes:
            if change.section != section:
                section = change.section
                lines.append(f"  {section}")
            lines.append(f"    {LABELS[change.change]}: {change.marked()}")
    return "\n".join(lines) + "\n"


def diff_json(diff: MemoDiff) -> str:
    """For tools: the same findings as data."""
    data = {
        "case": diff.case, "from": diff.old, "to": diff.new, "differs": diff.differs,
        "fields": [vars(f) for f in diff.fields],
        "amounts": [c.to_json() for c in diff.amounts],
        "sums": [c.to_json() for c in diff.sums],
        "decision": [c.to_json() for c in diff.decision],
        "text": [c.to_json() for c in diff.text],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
