"""The pipeline as a library: case file -> Memo -> .docx, callable from tests and the CLI.

    load (YAML with positions) -> validate (Case) -> compute (tables)
    -> compose (Memo) -> write (docx bytes) -> verify -> atomic write
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .accessibility.lint import Finding, lint_docx
from .compose import check_texts, compose_memo
from .compute import compute_tables
from .dnr import file_stem, matches
from .errors import CaseError, OutputError, PathProblem, Problem, UnknownOrganisation
from .inspection import check_template, template_names
from .loading import load_yaml
from .memo import Memo
from .model import Case
from .organisation import Organisation, load_organisation
from .validation import check, salvage
from .verify import verify_docx
from .writers.docx import render_docx, template_text
from .writers.pdf import pdf_from_docx
from .files import write_together
from .workspace import Workspace, resolve_case


LAST_YEAR = 2107  # zip time stamps in a .docx end with 2107


@dataclass(frozen=True)
class Prepared:
    """A case read, checked and formed into its memo, ready for any writer."""

    path: Path
    case: Case
    organisation: Organisation
    memo: Memo
    notices: tuple[Problem, ...] = ()  # accepted, but worth saying (e.g. a stated sum within tolerance)


@dataclass(frozen=True)
class Built:
    paths: list[Path]
    notices: tuple[Problem, ...]
    findings: tuple[Finding, ...] = ()  # the accessibility lint's, on the document as written


def prepare(path: Path, workspace: Workspace) -> Prepared:
    """Read and check a case file and form its memo; raise CaseError with every problem.

    When the file does not validate, the checks that can still run do so on the
    parts that did validate (organisation, Dnr, tables, texts), so that one run
    lists everything; what an earlier error makes meaningless is not judged.
    """
    loaded = load_yaml(path, workspace.relative(path))
    valid, problems = check(Case, loaded)
    case = valid if valid is not None else salvage(Case, loaded.data)
    found: list[PathProblem] = []
    organisation = None
    if case.organisation is not None:
        try:
            organisation = load_organisation(workspace.templates, case.organisation)
        except UnknownOrganisation as exc:
            found.append(PathProblem(("organisation",), str(exc)))
    if organisation is not None and case.dnr is not None:
        found += check_identity(case, organisation, path)
    if case.date is not None and case.date.year > LAST_YEAR:
        found.append(PathProblem(("date",), f"{case.date.isoformat()} ligger efter år {LAST_YEAR}, det sista "
                                            "en Word-fil kan bära — kontrollera årtalet"))
    specs = case.tables if case.tables is not None else {}
    unchecked = frozenset(table_id for table_id, spec in specs.items() if spec is None)
    tables, more = compute_tables(case.model_copy(update={"tables": {k: v for k, v in specs.items() if v is not None}}))
    found += more
    if organisation is not None and valid is not None:
        memo, more = compose_memo(valid, organisation, tables)
        found += more
    elif organisation is not None and case.tables is not None:  # texts name tables: not judged without them
        found += check_texts(case, organisation, tables, unchecked)
    problems += [loaded.locate(p) for p in found]
    if problems:
        raise CaseError(problems)
    notices = [loaded.locate(n) for table in tables.values() for n in table.notices]
    notices += [loaded.locate(n) for n in unshown_fields(valid, organisation)]
    notices.sort(key=lambda p: (p.location.line, p.location.column) if p.location else (0, 0))
    return Prepared(path, valid, organisation, memo, tuple(notices))


#: Case fields the organisation's template may or may not show, and the name a template shows them by.
SHOWN_BY = {"case_officer": "header.officer", "recipient": "header.recipient"}


def unshown_fields(case: Case, organisation: Organisation) -> list[PathProblem]:
    """Fields the case fills in but the template never prints: worth a notice, since they vanish silently.
    The case officer's details too, where the template shows the officer but not that detail (neither by its
    own name nor in ``header.officer.line`` through the profile's ``officer_line``)."""
    names = template_names(organisation.template)
    profile = organisation.profile

    def unshown(path: tuple, shown: str) -> PathProblem:
        field = ".".join(path)
        return PathProblem(path, f"{profile.name}s mall visar inte {field} — uppgiften syns inte i dokumentet; "
                                 f"ta bort den, eller låt mallen visa {shown}")

    found = [unshown((field,), shown) for field, shown in SHOWN_BY.items()
             if getattr(case, field) and not any(n == shown or n.startswith(shown + ".") for n in names)]
    officer = SHOWN_BY["case_officer"]
    if case.case_officer and not any(p.path == ("case_officer",) for p in found):
        in_line = set(profile.officer_line) if f"{officer}.line" in names else set()
        found += [unshown(("case_officer", detail), f"{officer}.{detail}") for detail in OFFICER_DETAILS
                  if getattr(case.case_officer, detail) and f"{officer}.{detail}" not in names and detail not in in_line]
    return found


#: The case officer's details a template may show one by one or in the profile's officer line.
OFFICER_DETAILS = ("name", "title", "unit", "phone", "email")


def check_identity(case: Case, organisation: Organisation, path: Path) -> list[PathProblem]:
    problems = []
    pattern = organisation.profile.dnr_pattern
    if not matches(pattern, case.dnr):
        problems.append(PathProblem(
            ("dnr",),
            f'"{case.dnr}" är inget diarienummer i {organisation.profile.name}s form {organisation.profile.dnr_format}'
            f" (dnr_pattern i templates/{organisation.id}/profile.yaml) — rätta dnr, eller mönstret om det är fel",
        ))
    elif path.stem != file_stem(case.dnr):
        problems.append(PathProblem(("dnr",), f"filen heter {path.name} men dnr är {case.dnr} — döp om filen till {file_stem(case.dnr)}.yaml eller rätta dnr"))
    return problems


def render_verified(prepared: Prepared) -> bytes:
    """The memo's .docx bytes, read back and checked; nothing is written."""
    template = prepared.organisation.template
    check_template(template)  # the names memo check enforces, before any tag runs
    try:
        data = render_docx(prepared.memo, template)
        verify_docx(data, prepared.memo, template_text(template))
    except OutputError as exc:  # what the template made: say which file to change
        raise OutputError(f"{exc} — kontrollera Word-mallen {template}") from None
    return data


def build(path: Path, workspace: Workspace, pdf: bool = False, progress: Callable[[str], None] | None = None,
          sync_folder: bool = True) -> Built:
    """Build ``build/<Dnr>.docx`` (and ``.pdf``) from a case file; nothing is written unless all is well.

    ``progress`` hears what takes time (the PDF conversion), for a line on the terminal.
    ``sync_folder=False``: the caller flushes build/ itself (a batch, once at its end).
    """
    prepared = prepare(path, workspace)
    data = render_verified(prepared)
    target = workspace.build / f"{file_stem(prepared.case.dnr)}.docx"
    files = [(target, data)]
    if pdf:
        if progress:
            progress(f"gör {workspace.relative(target.with_suffix('.pdf'))} med LibreOffice …")
        files.append((target.with_suffix(".pdf"), pdf_from_docx(data, target.name)))
    write_together(files, sync_folder=sync_folder)  # the .docx and its .pdf together, or neither
    findings = tuple(lint_docx(data, workspace.relative(target)))
    return Built([written for written, _ in files], prepared.notices, findings)


__all__ = ["Workspace", "Prepared", "Built", "build", "prepare", "render_verified", "resolve_case", "file_stem"]
