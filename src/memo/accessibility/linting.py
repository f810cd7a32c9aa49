"""`memo lint`: the accessibility lint run on cases (as built), Word files and organisations' templates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..build import Workspace, prepare, render_verified, resolve_case
from ..checking import organisation_ids
from ..dnr import file_stem
from ..errors import UsageError
from ..organisation import load_organisation
from .lint import Finding, lint_docx


@dataclass(frozen=True)
class Linted:
    subject: str
    findings: list[Finding]


def lint_case(path: Path, workspace: Workspace) -> Linted:
    """The case built in memory (nothing is written) and its document linted."""
    prepared = prepare(path, workspace)
    built = f"{workspace.relative(path)} → {file_stem(prepared.case.dnr)}.docx"
    return Linted(workspace.relative(path), lint_docx(render_verified(prepared), built))


def lint_file(path: Path, workspace: Workspace) -> Linted:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: filen går inte att läsa ({exc.strerror})") from None
    name = workspace.relative(path)
    return Linted(name, lint_docx(data, name))


def lint_template(workspace: Workspace, organisation_id: str) -> Linted:
    template = load_organisation(workspace.templates, organisation_id).template
    return lint_file(template, workspace)


def lint_targets(names: list[str], workspace: Workspace) -> list[Linted]:
    """Each named case (Dnr or file in cases/) or .docx file; none named: every case and every template."""
    if not names:
        return ([lint_case(path, workspace) for path in sorted(workspace.cases.glob("*.yaml"))]
                + [lint_template(workspace, o) for o in organisation_ids(workspace)])
    return [lint_file(Path(name), workspace) if name.lower().endswith(".docx") else
            lint_case(resolve_case(workspace, name), workspace) for name in names]
