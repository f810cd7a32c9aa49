"""`memo watch`: rebuild a case whenever its file, its template or its profile is saved.

The loop an official lives in while writing: each save gives either the located
errors or "skrev build/… (N ms)". Built on ``watchfiles`` (native file events). A save
is taken once no further event has come for ``STEP_MS`` (an editor's save-by-rename is
a burst of events within a millisecond or two, so it counts once); a stream of events is
cut at ``DEBOUNCE_MS``. A rebuild takes about 20 ms, so these steps are most of the latency
from save to document (about 60 ms; with watchfiles' defaults, 1600 and 50 ms, about 135 ms:
benchmarks/bench_batch.py measures both).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from .batch import build_if_changed
from .build import Workspace
from .errors import MemoError
from .loading import load_yaml

DEBOUNCE_MS = 50
STEP_MS = 20


def watched_paths(path: Path, workspace: Workspace) -> set[Path]:
    """The case file and its organisation's folder (all of templates/ while the organisation is unknown)."""
    try:
        organisation = load_yaml(path).data.get("organisation")
    except (MemoError, AttributeError):
        organisation = None
    folder = workspace.templates / organisation if isinstance(organisation, str) else workspace.templates
    return {path.resolve(), (folder if folder.is_dir() else workspace.templates).resolve()}


def rebuild(path: Path, workspace: Workspace, pdf: bool, say: Callable[[str], None],
            warn: Callable[[str], None] | None = None) -> None:
    """Build if anything changed; results to ``say``, errors and notices to ``warn`` (default: ``say``)."""
    warn = warn or say
    start = time.perf_counter()
    try:
        built = build_if_changed(path, workspace, pdf=pdf)
    except MemoError as exc:
        for line in exc.lines():
            warn(line)
        return
    milliseconds = (time.perf_counter() - start) * 1000
    if built is None:
        say(f"oförändrad: {workspace.relative(path)} (samma innehåll som det senaste bygget)")
        return
    for target in built.paths:
        say(f"skrev {workspace.relative(target)} ({milliseconds:.0f} ms)")
    for notice in built.notices:
        warn(f"obs: {notice}")


def watch(path: Path, workspace: Workspace, say: Callable[[str], None], pdf: bool = False,
          stop: threading.Event | None = None, ready: threading.Event | None = None,
          warn: Callable[[str], None] | None = None) -> None:
    """Build now, then after every saved change until ``stop`` is set (or Ctrl-C)."""
    from watchfiles import watch as file_events

    rebuild(path, workspace, pdf, say, warn)
    case = path.resolve()
    roots = watched_paths(path, workspace)
    folders = sorted({case.parent, *(p for p in roots if p != case)})

    def relevant(_change, changed: str) -> bool:
        changed_path = Path(changed).resolve()
        return changed_path == case or any(folder in changed_path.parents for folder in roots if folder != case)

    if ready is not None:
        ready.set()
    for _changes in file_events(*folders, watch_filter=relevant, stop_event=stop, debounce=DEBOUNCE_MS,
                                step=STEP_MS, rust_timeout=200, yield_on_timeout=False):
        rebuild(path, workspace, pdf, say, warn)
