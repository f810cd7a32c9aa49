"""The versions that shape a document's bytes: memo's own and the libraries it writes with.

Recorded in every .docx (docProps/app.xml) so that a document says what made it;
``constraints.txt`` pins the same libraries for installs.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

from . import __version__

#: The distributions whose versions can change a built document's bytes.
SHAPING = ("docxtpl", "python-docx", "lxml", "Jinja2", "MarkupSafe", "babel", "markdown-it-py", "mdit-py-plugins",
           "PyYAML", "pydantic")


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "okänd"


def tool_version() -> str:
    return __version__


@lru_cache(maxsize=1)
def shaping_versions() -> dict[str, str]:
    """Distribution name -> installed version, for every library in SHAPING."""
    return {name: _version(name) for name in SHAPING}


def library_versions(*extra: str) -> dict[str, str]:
    """memo's version, the shaping libraries', and those of ``extra`` distributions (e.g. the archive's)."""
    return {"memo": tool_version(), **shaping_versions(), **{name: _version(name) for name in extra}}


def application_name() -> str:
    """What the document's Application property says: memo and the libraries behind the bytes."""
    libraries = ", ".join(f"{name} {v}" for name, v in shaping_versions().items())
    return f"memo {tool_version()} ({libraries})"
