"""Which fonts the PDF export would replace: fontconfig is asked, as LibreOffice asks it."""

from __future__ import annotations

import functools
import shutil
import subprocess

#: Metric-compatible replacements fontconfig makes (30-metric-aliases.conf): the layout and line
#: breaks stay those of the named font, so they are not reported as substitutions.
METRIC_COMPATIBLE = {
    "arial": "liberation sans", "helvetica": "liberation sans", "arial narrow": "liberation sans narrow",
    "times new roman": "liberation serif", "times": "liberation serif", "courier new": "liberation mono",
    "courier": "liberation mono", "calibri": "carlito", "cambria": "caladea", "georgia": "gelasio",
}


@functools.lru_cache(maxsize=64)
def matched_family(family: str) -> str | None:
    """The family fontconfig gives for ``family``; None when fc-match is not installed."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    result = subprocess.run([fc_match, "--format=%{family[0]}", family], capture_output=True, text=True,
                            timeout=10, check=False)
    return result.stdout.strip() or None


def substitute(family: str) -> str | None:
    """The family the PDF would use instead of ``family``, or None when it is the font itself (or metric-compatible)."""
    found = matched_family(family)
    if found is None or found.lower() in (family.lower(), METRIC_COMPATIBLE.get(family.lower())):
        return None
    return found
