"""`memo check`: everything a build does except writing, so that check ok means build ok.

A case is read, validated, composed, rendered and verified in memory. An
organisation is checked before any case meets it: its template's tags, its
letterhead rendered with a case holding only the required fields, one with a
case officer of only a name, and one holding every field (no "None", no empty separators, no label without its
value), and its skeleton for new cases filled in with an awkward title. Each
case and organisation is checked on its own: a bug met in one is reported as a
bug for that one, and the others are still checked. A template's accessibility findings
(accessibility.lint) are notices: they do not fail the check.
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
import traceback
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lxml import etree

from .accessibility.lint import lint_docx
from .build import Prepared, Workspace, prepare, render_verified
from .compose import compose_memo
from .compute import compute_tables
from .dnr import example_dnr, file_stem, matches
from .errors import MemoError
from .inspection import inspect_template
from .memo import Memo
from .model import Case
from .organisation import PROFILE, Organisation, load_organisation
from .scaffold import skeleton_text
from .verify import W, paragraph_text


@dataclass
class Report:
    """What checking one case or organisation found; ``bug`` holds a traceback when memo itself failed."""

    subject: str
    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    bug: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def check_case(path: Path, workspace: Workspace) -> Report:
    report = Report(workspace.relative(path))
    with _guarded(report):
        prepared = prepare(path, workspace)
        render_verified(prepared)
        report.notices = [str(n) for n in prepared.notices]
    return report


def organisation_ids(workspace: Workspace) -> list[str]:
    return sorted(p.parent.name for p in workspace.templates.glob(f"*/{PROFILE}"))


def check_organisation(workspace: Workspace, organisation_id: str) -> Report:
    report = Report(f"templates/{organisation_id}")
    with _guarded(report):
        organisation = load_organisation(workspace.templates, organisation_id)
        template = workspace.relative(organisation.template)
        report.problems += inspect_template(organisation.template)
        if report.problems:
            return report
        dnr = example_dnr(organisation.profile.dnr_pattern)
        if dnr is None:
            report.problems.append(f"templates/{organisation_id}/{PROFILE}: dnr_pattern: memo kan inte skapa ett "
                                   "exempel på ett diarienummer ur mönstret — förenkla mönstret")
            return report
        for name, sample in (("bara de obligatoriska fälten", _minimal(organisation_id, dnr)),
                             ("handläggare utan valfria fält", _officer_only(organisation_id, dnr)),
                             ("alla fält", full_sample(organisation_id, dnr))):
            report.problems += [f"{template}: med ett ärende med {name}: {p}" for p in _letterhead(organisation, sample)]
        report.problems += _skeleton(workspace, organisation, dnr)
        report.notices += [str(f) for f in lint_docx(organisation.template.read_bytes(), template)]
    return report


def overlapping_patterns(workspace: Workspace) -> list[str]:
    """Organisations whose Dnr patterns accept the same Dnr: memo new could not tell them apart."""
    organisations = []
    for organisation_id in organisation_ids(workspace):
        try:
            organisations.append(load_organisation(workspace.templates, organisation_id))
        except MemoError:
            continue  # reported by check_organisation
    found = []
    for first in organisations:
        dnr = example_dnr(first.profile.dnr_pattern)
        for other in organisations:
            if other.id > first.id and dnr and matches(other.profile.dnr_pattern, dnr):
                found.append(f"templates/{first.id}/{PROFILE} och templates/{other.id}/{PROFILE}: båda dnr_pattern "
                             f"godtar {dnr} — gör mönstren så olika att varje diarienummer hör till en organisation")
    return found


class _guarded:
    """Turn a MemoError into the report's problems and any other exception into a reported bug."""

    def __init__(self, report: Report):
        self.report = report

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if exc is None:
            return False
        if isinstance(exc, MemoError):
            self.report.problems += exc.lines()
        elif isinstance(exc, Exception):
            self.report.problems.append(f"fel i memo, inte i filen ({kind.__name__}) — rapportera det till utvecklarna")
            self.report.bug = "".join(traceback.format_exception(kind, exc, tb))
        else:
            return False
        return True


def _minimal(organisation_id: str, dnr: str) -> dict:
    return {"organisation": organisation_id, "dnr": dnr, "date": "2024-01-31", "title": "Exempel",
            "decision": {"body": "Nämnden beslutar enligt förslaget."},
            "signatories": [{"name": "Anna Andersson", "title": "Ekonom"}]}


def _officer_only(organisation_id: str, dnr: str) -> dict:
    return {**_minimal(organisation_id, dnr), "case_officer": {"name": "Bo Berg"}}


def full_sample(organisation_id: str, dnr: str) -> dict:
    """memo's sample case with every field a template can show (also the README's examples of template names)."""
    case = _minimal(organisation_id, dnr)
    case.update(
        recipient="Kommunstyrelsen",
        case_officer={"name": "Bo Berg", "title": "Utredare", "unit": "Ekonomienheten", "phone": "08-123 456",
                      "email": "bo.berg@example.se"},
        decision={"heading": "Beslutsförslag", "intro": "Förvaltningen föreslår följande.",
                  "body": "Nämnden beslutar enligt förslaget."},
        sections=[{"heading": "Avsnitt", "body": "Text."}],
        signatories=[{"name": "Anna Andersson", "title": "Ekonom", "unit": "Staben"},
                     {"name": "Cecilia Ceder", "title": "Direktör"}],
        after_signatures=[{"heading": "Sändlista", "body": "- Diariet"}],
    )
    return case


#: What a letterhead must never show: a missing value as text, separators around nothing, a label without value.
DEFECTS = (
    (re.compile(r"\bNone\b"), "visar texten None där ett värde saknas"),
    (re.compile(r",\s*,|,\s*$|^\s*,"), "har ett skiljetecken utan värde (, ,)"),
    (re.compile(r"\(\s*\)"), "har tomma parenteser ()"),
    (re.compile(r":\s*(\t|$)"), "har en etikett utan värde (text som slutar med :)"),
)


def sample_memo(organisation: Organisation, data: dict) -> tuple[Case, Memo]:
    """One of memo's own sample cases, composed: a problem with it is a bug, not the template's."""
    case = Case.model_validate(data)
    tables, found = compute_tables(case)
    memo, more = compose_memo(case, organisation, tables)
    if found or more:
        raise RuntimeError(f"memo's sample case does not compose: {[p.message for p in found + more]}")
    return case, memo


def _letterhead(organisation: Organisation, data: dict) -> list[str]:
    case, memo = sample_memo(organisation, data)
    try:
        document = render_verified(Prepared(organisation.template, case, organisation, memo))
    except MemoError as exc:
        return exc.lines()
    problems = []
    archive = zipfile.ZipFile(io.BytesIO(document))
    for part in sorted(n for n in archive.namelist() if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)):
        for paragraph in etree.fromstring(archive.read(part)).iter(W + "p"):
            text = paragraph_text(paragraph)
            for pattern, what in DEFECTS:
                if pattern.search(text):
                    problems.append(f"{part}, stycket \"{text.strip()[:80]}\" {what} — använd färdiga fält "
                                    "(t.ex. header.officer.line) eller omge taggen med {%p if … %}")
    return problems


AWKWARD_TITLE = 'Taxor: "avgifter" för 2025/2026 — del 1'


def _skeleton(workspace: Workspace, organisation: Organisation, dnr: str) -> list[str]:
    """The skeleton filled in as memo new would, then checked as a case: it must pass as written."""
    skeleton = f"templates/{organisation.id}/{organisation.profile.skeleton}"
    try:
        text = skeleton_text(organisation, dnr, AWKWARD_TITLE, date(2024, 1, 31))
    except (MemoError, KeyError, ValueError) as exc:
        return [f"{skeleton}: kan inte fyllas i ({exc}) — skriv $dnr, $title, $date och $organisation utan citattecken"]
    with tempfile.TemporaryDirectory() as folder:
        trial = Workspace(Path(folder))
        trial.cases.mkdir()
        shutil.copytree(organisation.folder, trial.templates / organisation.id)
        path = trial.cases / f"{file_stem(dnr)}.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            prepared = prepare(path, trial)
            render_verified(prepared)
        except MemoError as exc:
            return [f"{skeleton}: ett nytt ärende ({dnr}, rubrik {AWKWARD_TITLE}) klarar inte kontrollen: {line}"
                    for line in exc.lines()]
    if prepared.case.title != AWKWARD_TITLE or prepared.case.dnr != dnr:
        return [f"{skeleton}: rubrik eller dnr läses inte tillbaka som de skrevs — skriv $dnr och $title utan citattecken"]
    return []
