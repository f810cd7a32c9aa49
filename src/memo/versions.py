"""The versions that shape a document's bytes: memo's own and the libraries it writes with.

Recorded in every .docx (docProps/app.xml) so that a document says what made it;
``constraints.txt`` pins the same libraries for installs.
"""

from __future__ import annotations

import os
import re
import sys
from functools import lru_cache

from . import __version__

#: The distributions whose versions can change a built document's bytes.
SHAPING = ("docxtpl", "python-docx", "lxml", "Jinja2", "MarkupSafe", "babel", "markdown-it-py", "mdit-py-plugins",
           "PyYAML", "pydantic")


def _version(name: str) -> str:
    """The installed version of a distribution, read from its .dist-info folder's name where there is one.

    importlib.metadata gives the same answer but costs more to import than a no-op build may take
    (measured: ~25 ms of a ~60 ms start); it remains the way for other kinds of install."""
    found = _installed().get(_normal(name))
    if found:
        return found
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "okänd"


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()  # as wheel names its .dist-info folders (PEP 503, PEP 427)


@lru_cache(maxsize=1)
def _installed() -> dict[str, str]:
    """Normalised name -> version of every .dist-info folder on sys.path; the first one found wins, as on import."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in names:
            match = _DIST_INFO.fullmatch(folder)
            if match:
                found.setdefault(_normal(match.group(1)), match.group(2))
    return found


_DIST_INFO = re.compile(r"([A-Za-z0-9][A-Za-z0-9._]*?)-([^-]+)\.dist-info")


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
