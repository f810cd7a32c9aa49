"""Build many cases: only those whose inputs changed, in parallel over the cores.

A built document is determined by its inputs: the case file, its organisation's
profile and template, and the versions of memo and of the libraries that shape
the bytes. Their SHA-256 is recorded beside the output (``build/.<name>.docx.inputs``)
after each build; a case whose inputs hash the same as recorded, with its outputs
present, is not rebuilt. Content hashes, never modification times: a file saved
unchanged or copied with a new time stamp is still the same input.
"""

from __future__ import annotations

import hashlib
import json
import os
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from .errors import MemoError
from .files import write_atomic
from .loading import load_yaml
from .versions import library_versions
from .workspace import PROFILE, Workspace

if TYPE_CHECKING:
    from .build import Built



def inputs_digest(path: Path, workspace: Workspace) -> str | None:
    """The SHA-256 of everything the case's document is made from; None where it cannot be told
    without a build (the case does not read, or names no existing organisation)."""
    try:
        organisation = load_yaml(path).data.get("organisation")
    except MemoError:
        return None
    if not isinstance(organisation, str) or "/" in organisation or "\\" in organisation:
        return None
    folder = workspace.templates / organisation
    try:
        profile = (folder / PROFILE).read_bytes()
        template_name = load_yaml(folder / PROFILE).data.get("template", "memo.docx")
        template = (folder / str(template_name)).read_bytes()
        case = path.read_bytes()
    except (OSError, MemoError, AttributeError):
        return None
    digest = hashlib.sha256()
    versions = json.dumps(library_versions(), sort_keys=True).encode()
    for part in (versions, case, profile, template):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def _record(output: Path) -> Path:
    return output.with_name(f".{output.name}.inputs")


def outputs(path: Path, workspace: Workspace, pdf: bool) -> list[Path]:
    docx = workspace.build / f"{path.stem}.docx"
    return [docx, docx.with_suffix(".pdf")] if pdf else [docx]


def is_current(path: Path, workspace: Workspace, pdf: bool = False, digest: str | None = None) -> bool:
    """Were the outputs built from exactly these inputs?"""
    digest = digest or inputs_digest(path, workspace)
    if digest is None:
        return False
    for output in outputs(path, workspace, pdf):
        try:
            if _record(output).read_text(encoding="ascii").strip() != digest or not output.is_file():
                return False
        except OSError:
            return False
    return True


def build_if_changed(path: Path, workspace: Workspace, pdf: bool = False, force: bool = False,
                     progress=None) -> Built | None:
    """Build the case unless its outputs are current; None when nothing needed doing."""
    digest = inputs_digest(path, workspace)
    if not force and is_current(path, workspace, pdf, digest):
        return None
    from .build import build  # the pipeline, only when something is to be built

    built = build(path, workspace, pdf=pdf, progress=progress)
    if digest is not None:
        for output in built.paths:
            write_atomic(_record(output), f"{digest}\n".encode("ascii"))
    return built


@dataclass
class Outcome:
    """One case of a batch: built, unchanged or failed, with what to print."""

    path: Path
    status: str  # "built" | "unchanged" | "failed"
    lines: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


@dataclass
class Summary:
    outcomes: list[Outcome]

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> bool:
        return self.count("failed") > 0

    def line(self) -> str:
        return f"byggda {self.count('built')} / oförändrade {self.count('unchanged')} / fel {self.count('failed')}"


def build_one(root: str, path: str, pdf: bool, force: bool) -> Outcome:
    """Build one case in a worker process; every failure becomes the outcome of that case only."""
    workspace = Workspace(Path(root))
    case = Path(path)
    try:
        built = build_if_changed(case, workspace, pdf=pdf, force=force)
    except MemoError as exc:
        return Outcome(case, "failed", exc.lines())
    except Exception:  # a bug: reported for this case, the others go on
        return Outcome(case, "failed", ["fel i memo, inte i ärendet — rapportera det till utvecklarna",
                                        traceback.format_exc()])
    if built is None:
        return Outcome(case, "unchanged")
    return Outcome(case, "built", [f"skrev {workspace.relative(p)}" for p in built.paths],
                   [str(n) for n in built.notices])


def build_all(workspace: Workspace, pdf: bool = False, force: bool = False, jobs: int | None = None,
              on_outcome=None) -> Summary:
    """Every case under cases/ that changed, over ``jobs`` processes (default: the cores)."""
    paths = workspace.case_files()
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths) or 1))
    outcomes: list[Outcome] = []
    if jobs == 1:
        for path in paths:
            outcomes.append(build_one(str(workspace.root), str(path), pdf, force))
            if on_outcome:
                on_outcome(outcomes[-1])
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(build_one, str(workspace.root), str(p), pdf, force) for p in paths]
            for future in as_completed(futures):
                outcomes.append(future.result())
                if on_outcome:
                    on_outcome(outcomes[-1])
    outcomes.sort(key=lambda o: o.path.name)
    return Summary(outcomes)
