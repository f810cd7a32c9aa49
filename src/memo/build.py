"""The pipeline as a library: case file -> Memo -> .docx, callable from tests and the CLI.

    load (YAML with positions) -> validate (Case) -> compute (tables)
    -> compose (Memo) -> write (docx bytes) -> verify -> atomic write
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .accessibility.lint import Finding, lint_docx
from .compose import compose_memo
from .compute import compute_tables
from .dnr import file_stem
from .errors import CaseError, OutputError, PathProblem, Problem, UnknownOrganisation, UsageError
from .loading import load_yaml
from .memo import Memo
from .model import Case
from .organisation import Organisation, load_organisation
from .validation import validate
from .verify import verify_docx
from .writers.docx import render_docx, template_text
from .writers.pdf import convert_to_pdf
from .files import write_atomic


@dataclass(frozen=True)
class Workspace:
    """The folders memo works in: cases/ to read, templates/ for organisations, build/ to write."""

    root: Path

    @property
    def cases(self) -> Path:
        return self.root / "cases"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def build(self) -> Path:
        return self.root / "build"

    def relative(self, path: Path) -> str:
        """A path as messages show it: relative to the project where it lies inside it."""
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)


def resolve_case(workspace: Workspace, name: str) -> Path:
    """A Dnr as it is written ("AB 24/0001") or a path to a case file, refused if it points outside cases/."""
    cases = workspace.cases.resolve()
    if not name.strip():
        raise UsageError("inget ärende angivet — ange ett Dnr: memo build <Dnr>")
    if len(name) > MAX_NAME:
        raise UsageError(f"{name[:40]}…: namnet är för långt ({len(name)} tecken) — ange ett Dnr eller en fil i cases/")
    if name.endswith((".yaml", ".yml")) or _is_file(Path(name)):
        path = Path(name)
        path = (path if path.is_absolute() else Path.cwd() / path).resolve()
    else:
        path = (cases / f"{file_stem(name)}.yaml").resolve()
    if path.parent != cases:
        raise UsageError(f"{name}: ärendefiler läses bara från {workspace.cases} — ange ett Dnr eller en fil i cases/")
    if not _is_file(path):
        raise UsageError(f"{name}: ärendet finns inte ({path.name} saknas i cases/) — skapa det med memo new \"{name}\"")
    return path


MAX_NAME = 200  # a Dnr or path longer than this is no case file name


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


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
    """Read and check a case file and form its memo; raise CaseError with every problem."""
    loaded = load_yaml(path, workspace.relative(path))
    case = validate(Case, loaded)
    try:
        organisation = load_organisation(workspace.templates, case.organisation)
    except UnknownOrganisation as exc:
        raise CaseError([loaded.locate(PathProblem(("organisation",), str(exc)))]) from None
    problems = check_identity(case, organisation, path)
    tables, found = compute_tables(case)
    problems += found
    memo, found = compose_memo(case, organisation, tables)
    problems += found
    if problems:
        raise CaseError([loaded.locate(p) for p in problems])
    notices = tuple(loaded.locate(n) for table in tables.values() for n in table.notices)
    return Prepared(path, case, organisation, memo, notices)


def check_identity(case: Case, organisation: Organisation, path: Path) -> list[PathProblem]:
    problems = []
    pattern = organisation.profile.dnr_pattern
    if not re.fullmatch(pattern, case.dnr):
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
    data = render_docx(prepared.memo, template)
    try:
        verify_docx(data, prepared.memo, template_text(template))
    except OutputError as exc:
        raise OutputError(f"{exc} — kontrollera Word-mallen {template}") from None
    return data


def build(path: Path, workspace: Workspace, pdf: bool = False, progress: Callable[[str], None] | None = None) -> Built:
    """Build ``build/<Dnr>.docx`` (and ``.pdf``) from a case file; nothing is written unless all is well.

    ``progress`` hears what takes time (the PDF conversion), for a line on the terminal.
    """
    prepared = prepare(path, workspace)
    data = render_verified(prepared)
    target = workspace.build / f"{file_stem(prepared.case.dnr)}.docx"
    write_atomic(target, data)
    findings = tuple(lint_docx(data, workspace.relative(target)))
    paths = [target]
    if pdf:
        if progress:
            progress(f"gör {workspace.relative(target.with_suffix('.pdf'))} med LibreOffice …")
        paths.append(convert_to_pdf(target, target.with_suffix(".pdf")))
    return Built(paths, prepared.notices, findings)


__all__ = ["Workspace", "Prepared", "Built", "build", "prepare", "render_verified", "resolve_case", "file_stem"]
