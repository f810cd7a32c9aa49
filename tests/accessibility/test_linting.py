"""`memo lint` on a deliberately bad case (tests/accessibility/bad/case.yaml), on files, and with --strict."""

from __future__ import annotations

import shutil

from memo.accessibility.linting import lint_targets
from memo.cli import main

from ..conftest import ROOT

BAD_CASE = ROOT / "tests" / "accessibility" / "bad" / "case.yaml"
S = "(WCAG 2.1 1.3.1 / EN 301 549 9.1.3.1)"
WHERE = "cases/KFKS-2024-00999.yaml → KFKS-2024-00999.docx"
BAD_CASE_FINDINGS = [
    f"{WHERE}: word/document.xml, tabell 1: tabellen saknar rubrik (w:tblCaption, Words alternativtext) — ge den en "
    f"title i ärendet, eller en rubrik under Tabellegenskaper > Alternativtext i mallen {S}",
    f'{WHERE}: word/document.xml, stycke 15 "Fördelningen i detalj": rubriken har nivå 4 efter nivå 2 — en '
    f"rubriknivå hoppas över; använd nivå 3 (i ett ärende: level: 2) {S}",
]


def _with_bad_case(workspace):
    shutil.copy(BAD_CASE, workspace.cases / "KFKS-2024-00999.yaml")


def test_the_bad_case_gives_exactly_these_findings(workspace):
    _with_bad_case(workspace)
    [linted] = lint_targets(["KFKS-2024-00999"], workspace)
    assert linted.subject == "cases/KFKS-2024-00999.yaml"
    assert [str(f) for f in linted.findings] == BAD_CASE_FINDINGS


def test_lint_without_names_covers_every_case_and_template_and_strict_fails_on_findings(workspace, capsys):
    assert main(["--root", str(workspace.root), "lint", "--strict"]) == 0
    out, err = capsys.readouterr()
    templates = sorted(p.parent.name for p in workspace.templates.glob("*/profile.yaml"))
    assert out.splitlines() == [
        "cases/KFKS-2024-00430.yaml: inga fynd", "cases/KS-2024-00167.yaml: inga fynd", "cases/SN-18-0098.yaml: inga fynd",
        *(f"templates/{name}/memo.docx: inga fynd" for name in templates),
    ]
    assert {"kungsbacka", "nacka", "upplands-bro"} <= set(templates)
    _with_bad_case(workspace)
    assert main(["--root", str(workspace.root), "lint", "KFKS-2024-00999"]) == 0
    assert capsys.readouterr().out.splitlines() == BAD_CASE_FINDINGS
    assert main(["--root", str(workspace.root), "lint", "--strict", "KFKS-2024-00999"]) == 1


def test_build_prints_the_findings_as_notices(workspace, capsys):
    _with_bad_case(workspace)
    assert main(["--root", str(workspace.root), "build", "KFKS-2024-00999"]) == 0
    out, err = capsys.readouterr()
    assert out == "skrev build/KFKS-2024-00999.docx\n"
    built = "build/KFKS-2024-00999.docx"
    assert err.splitlines() == [f"obs: {line.replace(WHERE, built)}" for line in BAD_CASE_FINDINGS]


def test_a_docx_file_is_linted_as_it_is(workspace, fontconfig):
    from .test_lint import BAD_TEMPLATE_FINDINGS, FILE

    bad = ROOT / FILE
    [linted] = lint_targets([str(bad)], workspace)
    assert linted.subject == str(bad)  # outside the project: the path as given
    assert [str(f) for f in linted.findings] == [line.replace(FILE, str(bad), 1) for line in BAD_TEMPLATE_FINDINGS]
