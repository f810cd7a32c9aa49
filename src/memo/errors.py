"""Errors a user can act on. The CLI prints them; anything else is a bug."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where in which file a value was written (1-based line and column)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One located mistake: where, which field, what is wrong and what to do."""

    location: Location | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"


@dataclass(frozen=True)
class PathProblem:
    """A mistake found after loading, at a path of the case file (located later).

    ``line_in_text`` is the 0-based line inside a text value, where known.
    """

    path: tuple[str | int, ...]
    message: str
    line_in_text: int | None = None


class MemoError(Exception):
    """Base of every error caused by input rather than by a bug in memo."""

    exit_code = 1

    def lines(self) -> list[str]:
        return [str(self)]


class CaseError(MemoError):
    """Raised when a case file cannot be read, is invalid or inconsistent.

    Carries every problem found in the file, in file order.
    """

    exit_code = 2

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(
            problems,
            key=lambda p: (p.location.line, p.location.column) if p.location else (0, 0),
        )
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class UsageError(MemoError):
    """Raised when the command line names something that does not exist or is not allowed."""

    exit_code = 2


class TemplateError(MemoError):
    """Raised when an organisation's template or profile is missing or broken."""


class UnknownOrganisation(TemplateError):
    """Raised when a case names an organisation that has no folder under templates/."""


class OutputError(MemoError):
    """Raised when a built document fails verification or cannot be written."""


class ConversionError(MemoError):
    """Raised when LibreOffice is missing or fails to convert a document."""


class ArchiveError(MemoError):
    """Raised when the archive holds nothing for what was asked (a case, a version), or cannot be written."""

    exit_code = 2
