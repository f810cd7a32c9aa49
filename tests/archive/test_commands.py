"""The archive's commands in-process: exact output and exit codes."""

from __future__ import annotations

import json
import shutil

from memo.cli import main

from ..conftest import edit_case
from .conftest import CASE, make_writable


def run(workspace, *args):
    return main(["--root", str(workspace.root), *args])


def test_archive_needs_a_case_or_all(archived, capsys):
    assert run(archived, "archive") == 2
    assert capsys.readouterr().err == "ange ett ärende eller --all\n"


def test_archive_all_goes_on_past_a_case_with_errors(archived, capsys):
    (archived.cases / "KS-2024-00167.yaml").unlink()
    edit_case(archived, "date: 2018-", "date: 2018-13-", case="SN-18-0098")
    assert run(archived, "archive", "--all") == 2
    out, err = capsys.readouterr()
    assert out == f"{CASE}: redan arkiverad som v2 — inget skrevs\n"
    assert err.startswith("cases/SN-18-0098.yaml: arkiverades inte, 1 fel\n  cases/SN-18-0098.yaml:")
    assert not (archived.root / "archive" / "SN-18-0098").exists()


def test_the_archive_option_names_another_root(archived, capsys, tmp_path):
    elsewhere = tmp_path / "arkiv"
    shutil.copytree(archived.root / "archive", elsewhere)
    make_writable(archived.root / "archive")
    shutil.rmtree(archived.root / "archive")
    assert run(archived, "verify") == 2
    assert capsys.readouterr().err == f"{archived.root / 'archive'}: arkivet är tomt — arkivera med memo archive ÄRENDE\n"
    assert run(archived, "verify", "--archive", str(elsewhere)) == 0
    assert capsys.readouterr().out == f"{CASE}: 2 versioner, allt stämmer (kontrollsummor, filer, kedjan)\n"


def test_diff_of_the_first_version_alone_asks_for_from(archived, capsys):
    assert run(archived, "diff", CASE, "--to", "v1") == 2
    assert capsys.readouterr().err == f"{CASE}/v1 är den första versionen — ange --from\n"
    assert run(archived, "diff", CASE, "--from", "v9") == 2
    assert capsys.readouterr().err == f"{CASE}: versionen v9 finns inte i arkivet — versionerna är: v1, v2\n"



def test_verify_of_a_case_never_archived_is_a_user_error(archived, capsys):
    assert run(archived, "verify", "SN-18-0098") == 2
    assert capsys.readouterr().err == (
        f"SN-18-0098: inget arkiverat i {archived.root / 'archive'} — arkivera med memo archive SN-18-0098\n")


def test_diff_without_differences_exits_0_also_as_json(archived, capsys):
    assert run(archived, "diff", CASE, "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == {
        "case": CASE, "from": "v2", "to": f"cases/{CASE}.yaml", "differs": False,
        "fields": [], "amounts": [], "sums": [], "decision": [], "text": []}
