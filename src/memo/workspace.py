"""The workspace: where cases, templates and outputs live, and which file a Dnr names.

One concept used by build, check, batch, watch and archive; light to import, so the
command line can find its project before it loads the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .dnr import file_stem
from .errors import UsageError

PROFILE = "profile.yaml"  # an organisation is a folder templates/<id>/ holding this file


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
    outside = UsageError(f"{name}: ärendefiler läses bara från {workspace.cases} — ange ett Dnr eller en fil i cases/")
    if _is_path(name):
        path = Path(name)
        path = (path if path.is_absolute() else Path.cwd() / path).resolve()
        if path.parent != cases:
            raise outside
    else:
        path = (cases / f"{file_stem(name)}.yaml").resolve()
    if not _is_file(path):
        raise UsageError(f"{name}: ärendet finns inte ({path.name} saknas i cases/) — skapa det med memo new \"{name}\"")
    if path.parent != cases:  # a link in cases/ to a file elsewhere
        raise outside
    return path


def _is_path(name: str) -> bool:
    """Whether a name is a path rather than a Dnr: a case file's suffix, an absolute path, a step up, or an existing file.

    Decided before looking at the disk where possible, so a path out of cases/ is refused as such
    whether or not its target exists (a Dnr may hold "/" but never "..")."""
    path = Path(name)
    return (name.endswith((".yaml", ".yml")) or path.is_absolute() or ".." in path.parts
            or name.startswith("./") or _is_file(path))


MAX_NAME = 200  # a Dnr or path longer than this is no case file name


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


