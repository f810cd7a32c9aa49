"""memo log: one line per version with what changed in short."""

from __future__ import annotations

import hashlib

from memo.archive.log import log_lines

from .conftest import CASE, case_archive, memo_command


def test_log_shows_each_version_with_the_changed_amount_and_the_docx_digest(archived):
    v1, v2 = case_archive(archived).versions()
    digest = [hashlib.sha256((v.data / f"{CASE}.docx").read_bytes()).hexdigest()[:12] for v in (v1, v2)]
    assert log_lines(case_archive(archived)) == [
        f"v1  {v1.metadata['archived_at']}  Trygghetspaketet 2024  första versionen  docx {digest[0]}",
        f"v2  {v2.metadata['archived_at']}  Trygghetspaketet 2024  "
        f"fordelning.sspf.utfall_2023 1,6 → 1,7\u00a0mkr; texten ändrad  docx {digest[1]}",
    ]
    result = memo_command(archived, "log", CASE)
    assert (result.returncode, result.stdout.splitlines()) == (0, log_lines(case_archive(archived)))


def test_log_of_a_case_never_archived_says_how_to_archive(archived):
    result = memo_command(archived, "log", "SN-18-0098")
    assert result.returncode == 2
    assert result.stderr == f"SN-18-0098: inget arkiverat i {archived.root / 'archive'} — arkivera med memo archive SN-18-0098\n"
