"""`memo watch` rebuilds after a saved change (driven here with a timeout, not timed)."""

from __future__ import annotations

import queue
import threading

from memo.watch import watch

from .conftest import edit_case


def test_watch_rebuilds_after_a_change_and_reports_errors(workspace):
    lines: queue.Queue[str] = queue.Queue()
    stop, ready = threading.Event(), threading.Event()
    path = workspace.cases / "KFKS-2024-00430.yaml"
    thread = threading.Thread(target=watch, args=(path, workspace, lines.put),
                              kwargs={"stop": stop, "ready": ready}, daemon=True)
    thread.start()
    try:
        assert lines.get(timeout=60).startswith("skrev build/KFKS-2024-00430.docx (")
        assert ready.wait(timeout=30)
        edit_case(workspace, "title: Trygghetspaketet 2024", "title: Trygghetspaketet 2024 rev")
        changed = lines.get(timeout=60)
        assert changed.startswith("skrev build/KFKS-2024-00430.docx (") and changed.endswith(" ms)")
        edit_case(workspace, "date: 2024-03-25", "date: 2024-13-25")
        error = lines.get(timeout=60)
        assert error == 'cases/KFKS-2024-00430.yaml:4:7: date: "2024-13-25" är inget datum — skriv t.ex. 2024-03-25'
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()
