"""The pipeline as a library: case file -> Memo -> .docx, callable from tests and the CLI.

    load (YAML with positions) -> validate (Case) -> compute (tables)
    -> compose (Memo) -> write (docx bytes) -> verify -> atomic write
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .compose import check_texts, compose_memo
from .compute import compute_tables
from .dnr import file_stem, matches
from .errors import CaseError, OutputError, PathProblem, Problem, UnknownOrganisation, UsageError
from .inspection import check_template
from .loading import load_yaml
from .memo import Memo
from .model import Case
from .organisation import Organisation, load_organisation
from .validation import check, salvage
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

    def case_files(self) -> list[Path]:
        """The case files: regular files in cases/ (not a FIFO, not a link to a file elsewhere)."""
        cases = self.cases.resolve()
        return sorted(p for p in self.cases.glob("*.yaml") if _is_file(p) and p.resolve().parent == cases)

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
    if not _is_file(path):
        raise UsageError(f"{name}: ärendet finns inte ({path.name} saknas i cases/) — skapa det med memo new \"{name}\"")
    if path.parent != cases:
        raise UsageError(f"{name}: ärendefiler läses bara från {workspace.cases} — ange ett Dnr eller en fil i cases/")
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
    notices = tuple(loaded.locate(n) for table in tables.values() for n in table.notices)
    return Prepared(path, valid, organisation, memo, notices)


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
    paths = [target]
    if pdf:
        if progress:
            progress(f"gör {workspace.relative(target.with_suffix('.pdf'))} med LibreOffice …")
        paths.append(convert_to_pdf(target, target.with_suffix(".pdf")))
    return Built(paths, prepared.notices)


__all__ = ["Workspace", "Prepared", "Built", "build", "prepare", "render_verified", "resolve_case", "file_stem"]
