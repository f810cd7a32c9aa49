"""Build many cases: only those whose inputs changed, in parallel over the cores.

A built document is determined by its inputs: the case file, its organisation's
profile and template, and the versions of memo and of the libraries that shape
the bytes. Their SHA-256 is recorded beside the output (``build/.<name>.docx.inputs``)
after each build, with the output's own SHA-256 and the organisation's files by name; a case
whose inputs hash the same as recorded, with its outputs as recorded, is not rebuilt (and the
check reads no YAML). Content hashes, never modification times: a file saved unchanged or
copied with a new time stamp is still the same input. Records are not fsynced and a batch
flushes build/ once at its end, not per case: a crash costs a rebuild, never a stale output.

With ``--pdf`` a batch starts LibreOffice once per group of documents, not once per
document: the .docx of every changed case is built and verified first (over the cores),
then each group is converted by one LibreOffice start, each PDF checked and stamped, and
each case's .docx and .pdf published together; a case whose PDF fails fails alone, and only
cases published whole have their inputs recorded.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .errors import MemoError
from .files import file_version
from .versions import library_versions
from .workspace import PROFILE, Workspace

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from .build import Built

# The no-op check of a single build (`make memo` with nothing changed) imports this module:
# what only a build or a batch needs (process pools, file locks) is imported where it is used.

#: Documents per LibreOffice start: a second start in parallel pays off from about 8 documents
#: (a start costs about 2 s, a memo 0.25 s); 50 at most bounds the timeout and what one crash stops.
MIN_PER_START, MAX_PER_START = 8, 50
T = TypeVar("T")


@dataclass(frozen=True)
class Inputs:
    """What a case's document is made from: their digest, and the organisation's files by their place in the project."""

    digest: str
    files: tuple[str, ...]  # the profile and the template, relative to the project


def case_inputs(path: Path, workspace: Workspace) -> Inputs | None:
    """The case's inputs; None where they cannot be told without a build (the case does not read,
    or names no existing organisation)."""
    organisation = _organisation_of(path)
    if not isinstance(organisation, str) or "/" in organisation or "\\" in organisation:
        return None
    folder = workspace.templates / organisation
    try:
        template_name = _template_name(folder / PROFILE, file_version(folder / PROFILE))
    except (OSError, MemoError, AttributeError):
        return None
    files = (folder / PROFILE, folder / str(template_name))
    digest = _digest(path, files)
    if digest is None:
        return None
    return Inputs(digest, tuple(workspace.relative(f) for f in files))


def _organisation_of(path: Path) -> object:
    """The case's organisation: from its ``organisation:`` line where the file has exactly one (as every case
    file written from the scaffold does), else from the whole file read as YAML. Only says which files to hash:
    the digest covers every byte of the case, and the build reads the case properly."""
    try:
        found = [m.group(2) for m in _ORGANISATION_LINE.finditer(path.read_bytes().decode("utf-8"))]
    except (OSError, UnicodeDecodeError):
        return None
    if len(found) == 1:
        return found[0]
    from .loading import load_yaml

    try:
        return load_yaml(path).data.get("organisation")
    except (MemoError, AttributeError):
        return None


_ORGANISATION_LINE = re.compile(r"^organisation:[ \t]*([\"']?)([a-z][a-z0-9_-]*)\1[ \t]*(?:#.*)?$", re.M)


def inputs_digest(path: Path, workspace: Workspace) -> str | None:
    inputs = case_inputs(path, workspace)
    return inputs.digest if inputs else None


def _digest(case: Path, files) -> str | None:
    """The SHA-256 over the shaping versions, the case file and the organisation's files; None if one cannot be read."""
    digest = hashlib.sha256(hashlib.sha256(json.dumps(library_versions(), sort_keys=True).encode()).digest())
    try:
        digest.update(hashlib.sha256(case.read_bytes()).digest())
        for part in files:
            digest.update(_file_digest(Path(part), file_version(Path(part))))
    except OSError:
        return None
    return digest.hexdigest()


@functools.lru_cache(maxsize=64)
def _file_digest(path: Path, version: tuple) -> bytes:
    """An organisation's file hashed once per version per process (a batch hashes its template once, not per case)."""
    return hashlib.sha256(path.read_bytes()).digest()


@functools.lru_cache(maxsize=64)
def _template_name(profile: Path, version: tuple) -> str:
    from .loading import load_yaml

    return str(load_yaml(profile).data.get("template", "memo.docx"))


def _record(output: Path) -> Path:
    return output.with_name(f".{output.name}.inputs")


def outputs(path: Path, workspace: Workspace, pdf: bool) -> list[Path]:
    docx = workspace.build / f"{path.stem}.docx"
    return [docx, docx.with_suffix(".pdf")] if pdf else [docx]


def is_current(path: Path, workspace: Workspace, pdf: bool = False) -> bool:
    """Were the outputs built from exactly these inputs? Told from the records beside them, which name the
    organisation's files (the case file need not be read as YAML for a build that has nothing to do) and
    the hash of the output itself (a record is written without fsync: after a crash it may not match)."""
    inputs = set()
    for output in outputs(path, workspace, pdf):
        try:
            digest, output_hash, *files = _record(output).read_text(encoding="utf-8").splitlines()
            if hashlib.sha256(output.read_bytes()).hexdigest() != output_hash:
                return False
        except (OSError, UnicodeDecodeError, ValueError):
            return False
        inputs.add((digest, tuple(files)))
    if len(inputs) != 1:
        return False
    digest, files = inputs.pop()
    return bool(files) and _digest(path, [workspace.root / f for f in files]) == digest


def build_if_changed(path: Path, workspace: Workspace, pdf: bool = False, force: bool = False,
                     progress=None, sync_folder: bool = True) -> Built | None:
    """Build the case unless its outputs are current; None when nothing needed doing."""
    if not force and is_current(path, workspace, pdf):
        return None
    from .build import build  # the pipeline, only when something is to be built

    inputs = case_inputs(path, workspace)
    built = build(path, workspace, pdf=pdf, progress=progress, sync_folder=sync_folder)
    _remember(built.paths, inputs)
    return built


def _remember(paths: list[Path], inputs: Inputs | None) -> None:
    """Record the inputs beside outputs that were written whole, with each output's own hash.

    Not fsynced: a record lost or left stale by a crash costs one rebuild, never a wrong "unchanged",
    since is_current compares the output's hash too."""
    from .files import write_atomic

    if inputs is not None:
        for output in paths:
            output_hash = hashlib.sha256(output.read_bytes()).hexdigest()
            lines = (inputs.digest, output_hash, *inputs.files)
            write_atomic(_record(output), "".join(f"{line}\n" for line in lines).encode("utf-8"), durable=False)


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

    def built() -> Outcome:
        done = build_if_changed(case, workspace, pdf=pdf, force=force, sync_folder=False)
        if done is None:
            return Outcome(case, "unchanged")
        return _built(case, workspace, done.paths, [str(n) for n in done.notices])

    return _guarded(case, built)


@dataclass
class Rendered:
    """A changed case's verified .docx, not yet published: it waits for its PDF."""

    path: Path
    data: bytes
    notices: list[str]
    inputs: Inputs | None


def render_one(root: str, path: str, force: bool) -> Outcome | Rendered:
    """The first half of a PDF batch in a worker process: the verified .docx of a changed case."""
    from .build import prepare, render_verified

    workspace = Workspace(Path(root))
    case = Path(path)

    def rendered() -> Outcome | Rendered:
        if not force and is_current(case, workspace, True):
            return Outcome(case, "unchanged")
        inputs = case_inputs(case, workspace)
        prepared = prepare(case, workspace)
        return Rendered(case, render_verified(prepared), [str(n) for n in prepared.notices], inputs)

    return _guarded(case, rendered)


def publish_with_pdfs(root: str, cases: list[Rendered]) -> list[Outcome]:
    """The second half: one LibreOffice start for all of ``cases``, then each case's .docx and .pdf
    published together; a case whose PDF failed is failed alone and nothing of it is written."""
    from .files import write_together
    from .writers.pdf import pdfs_from_docx

    workspace = Workspace(Path(root))
    names = {case.path: outputs(case.path, workspace, pdf=True) for case in cases}
    try:
        pdfs = pdfs_from_docx({names[case.path][0].name: case.data for case in cases})
    except Exception as exc:  # no LibreOffice at all (or a bug): every case of the group fails
        return [Outcome(case.path, "failed", _failure(exc)) for case in cases]

    def published(case: Rendered) -> Outcome:
        docx, pdf = names[case.path]
        made = pdfs[docx.name]
        if isinstance(made, MemoError):
            raise made
        write_together([(docx, case.data), (pdf, made)], sync_folder=False)
        _remember([docx, pdf], case.inputs)
        return _built(case.path, workspace, [docx, pdf], case.notices)

    return [_guarded(case.path, lambda case=case: published(case)) for case in cases]


def _built(case: Path, workspace: Workspace, paths: list[Path], notices: list[str]) -> Outcome:
    return Outcome(case, "built", [f"skrev {workspace.relative(p)}" for p in paths], notices)


def _guarded(case: Path, work: Callable[[], T]) -> T | Outcome:
    """Whatever goes wrong becomes the failed outcome of this case; the batch goes on."""
    try:
        return work()
    except Exception as exc:
        return Outcome(case, "failed", _failure(exc))


def _failure(exc: Exception) -> list[str]:
    """What to print of a failure: a MemoError's lines; anything else is a bug, with its traceback."""
    import traceback

    if isinstance(exc, MemoError):
        return exc.lines()
    return ["fel i memo, inte i ärendet — rapportera det till utvecklarna",
            "".join(traceback.format_exception(exc))]


def groups(cases: list, jobs: int) -> list[list]:
    """``cases`` split in order into as many groups as LibreOffice starts pay off (at most ``jobs`` at a time)."""
    if not cases:
        return []
    count = max(-(-len(cases) // MAX_PER_START), min(jobs, -(-len(cases) // MIN_PER_START)))
    return [cases[i * len(cases) // count:(i + 1) * len(cases) // count] for i in range(count)]


def build_all(workspace: Workspace, pdf: bool = False, force: bool = False, jobs: int | None = None,
              on_outcome=None) -> Summary:
    """Every case under cases/ that changed, over ``jobs`` processes (default: the cores)."""
    from concurrent.futures import ProcessPoolExecutor

    paths = workspace.case_files()
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths) or 1))
    root = str(workspace.root)
    outcomes: list[Outcome] = []

    def report(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    with ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else nullcontext() as pool:
        if not pdf:
            for outcome in _each(pool, build_one, [(root, str(p), False, force) for p in paths]):
                report(outcome)
        else:
            waiting: list[Rendered] = []
            for result in _each(pool, render_one, [(root, str(p), force) for p in paths]):
                if isinstance(result, Rendered):
                    waiting.append(result)
                else:
                    report(result)
            waiting.sort(key=lambda case: case.path.name)
            for group in _each(pool, publish_with_pdfs, [(root, group) for group in groups(waiting, jobs)]):
                for outcome in group:
                    report(outcome)
    if any(o.status == "built" for o in outcomes):
        from .files import fsync_path

        fsync_path(workspace.build)  # the renames of every case, flushed once (each costs milliseconds)
    outcomes.sort(key=lambda o: o.path.name)
    return Summary(outcomes)


def _each(pool: ProcessPoolExecutor | None, function: Callable, calls: list[tuple]) -> Iterator:
    """``function`` over ``calls``, in the pool's processes if there is one; results as they come."""
    from concurrent.futures import as_completed

    if pool is None:
        for args in calls:
            yield function(*args)
        return
    for future in as_completed([pool.submit(function, *args) for args in calls]):
        yield future.result()
