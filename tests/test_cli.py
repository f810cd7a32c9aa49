"""The command line: exact output and exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from memo.cli import main

from .conftest import ROOT


def run(workspace, *args):
    return main(["--root", str(workspace.root), *args])


def test_build_prints_what_it_wrote(workspace, capsys):
    assert run(workspace, "build", "KFKS-2024-00430") == 0
    out, err = capsys.readouterr()
    assert (out, err) == ("skrev build/KFKS-2024-00430.docx\n", "")


def test_check_all_cases(workspace, capsys):
    assert run(workspace, "check") == 0
    out, _ = capsys.readouterr()
    assert "cases/KFKS-2024-00430.yaml: ok\n" in out


def test_invalid_case_exits_2_with_located_lines_and_no_traceback(workspace, capsys):
    path = workspace.cases / "KFKS-2024-00430.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2024-03-25", "date: 2024-13-25"), encoding="utf-8")
    assert run(workspace, "build", "KFKS-2024-00430") == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == 'cases/KFKS-2024-00430.yaml:4:7: date: "2024-13-25" är inget datum — skriv t.ex. 2024-03-25\n'
    assert not (workspace.build / "KFKS-2024-00430.docx").exists()


def test_check_lists_each_failing_case(workspace, capsys):
    path = workspace.cases / "KFKS-2024-00430.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("dnr: KFKS-2024-00430", "dnr: KFKS-24-430"), encoding="utf-8")
    assert run(workspace, "check") == 2
    _, err = capsys.readouterr()
    assert err.splitlines()[0] == "cases/KFKS-2024-00430.yaml: 1 fel"
    assert err.splitlines()[1] == (
        '  cases/KFKS-2024-00430.yaml:3:6: dnr: "KFKS-24-430" är inget diarienummer i Nacka kommuns form KFKS-ÅÅÅÅ-NNNNN'
        ' (dnr_pattern i templates/nacka/profile.yaml) — rätta dnr, eller mönstret om det är fel'
    )


@pytest.mark.parametrize("name", ["../../etc/passwd", "../../no-such-folder/x", "/no-such-folder/x.yaml"])
def test_path_outside_cases_is_refused_whether_or_not_it_exists(workspace, capsys, name):
    assert run(workspace, "build", name) == 2
    _, err = capsys.readouterr()
    assert err.startswith(f"{name}: ärendefiler läses bara från")


def test_unknown_case(workspace, capsys):
    assert run(workspace, "build", "KFKS-2099-00001") == 2
    _, err = capsys.readouterr()
    assert err == "KFKS-2099-00001: ärendet finns inte (KFKS-2099-00001.yaml saknas i cases/) — skapa det med memo new \"KFKS-2099-00001\"\n"


def test_show_prints_the_memo_text(workspace, capsys):
    assert run(workspace, "show", "KFKS-2024-00430") == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[:6] == ["Nacka kommun", "2024-03-25", "TJÄNSTESKRIVELSE", "Dnr: KFKS-2024-00430", "", "Trygghetspaketet 2024"]


def test_installed_console_script_runs(workspace):
    result = subprocess.run([sys.executable, "-m", "memo.cli", "--root", str(workspace.root), "check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_new_then_check_then_build(workspace, capsys):
    assert run(workspace, "new", "KFKS-2024-00777", "--title", "Nytt ärende") == 0
    assert run(workspace, "check", "KFKS-2024-00777") == 0
    assert run(workspace, "build", "KFKS-2024-00777") == 0
    out, err = capsys.readouterr()
    assert out == ("skrev cases/KFKS-2024-00777.yaml\ncases/KFKS-2024-00777.yaml: ok\n"
                   "skrev build/KFKS-2024-00777.docx\n")
    assert run(workspace, "new", "KFKS-2024-00777", "--title", "Igen") == 2


def test_schema_writes_the_editor_schema(workspace, capsys):
    assert run(workspace, "schema") == 0
    assert capsys.readouterr().out == "skrev schema/case.schema.json\n"
    assert (workspace.root / "schema" / "case.schema.json").read_text(encoding="utf-8") == (ROOT / "schema" / "case.schema.json").read_text(encoding="utf-8")


def test_build_says_when_it_accepts_a_stated_sum(workspace, capsys):
    assert run(workspace, "build", "KS-2024-00167") == 0
    out, err = capsys.readouterr()
    assert out == "skrev build/KS-2024-00167.docx\n"
    lines = err.splitlines()
    assert lines[0].startswith("obs: cases/KS-2024-00167.yaml:129:20: tables.resultatfonder.stated_sum.values.ib: IB 2023: "
                               "angiven summa 548\u00a0349\u00a0tkr, raderna summerar till 548\u00a0350\u00a0tkr")
    assert len(lines) == 2


def test_verify_docx_with_and_without_schemas(workspace, capsys, tmp_path):
    from .test_ooxml import XSD

    assert run(workspace, "build", "SN-18-0098") == 0
    capsys.readouterr()
    target = workspace.build / "SN-18-0098.docx"
    assert run(workspace, "verify-docx", str(target)) == 0
    assert capsys.readouterr().out == f"{target}: ok\n"
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    assert run(workspace, "verify-docx", str(broken)) == 1
    assert capsys.readouterr().err == "dokumentet är ingen giltig zip-fil\n"
    if (XSD / "wml.xsd").is_file():
        assert run(workspace, "verify-docx", str(target), "--schemas", str(XSD)) == 0


def test_a_dnr_as_it_is_written_works_for_every_command(workspace, capsys):
    assert run(workspace, "check", "SN 18/0098") == 0
    assert run(workspace, "show", "SN 18/0098") == 0
    assert run(workspace, "build", "SN 18/0098") == 0
    out, err = capsys.readouterr()
    assert "cases/SN-18-0098.yaml: ok\n" in out and "skrev build/SN-18-0098.docx\n" in out and err == ""


def test_a_very_long_argument_is_a_message_not_a_traceback(workspace, capsys):
    assert run(workspace, "build", "K" * 300) == 2
    assert capsys.readouterr().err == f"{'K' * 40}…: namnet är för långt (300 tecken) — ange ett Dnr eller en fil i cases/\n"


def test_version(capsys):
    from importlib.metadata import version

    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"memo {version('memo')}\n"


def test_the_argparse_frame_is_swedish(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["new"])
    assert caught.value.code == 2
    assert capsys.readouterr().err == ("användning: memo new [-h] --title TITLE [--organisation ORGANISATION] DNR\n"
                                       "memo new: fel: de här argumenten saknas: DNR, --title\n")
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("användning: memo") and "flaggor:" in out and "show this help" not in out


def test_the_project_is_found_upward_from_a_subfolder(workspace, monkeypatch, capsys):
    monkeypatch.chdir(workspace.cases)
    assert main(["check", "KFKS-2024-00430"]) == 0
    assert capsys.readouterr().out == "cases/KFKS-2024-00430.yaml: ok\n"


def test_outside_a_project_check_refuses_instead_of_passing(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert capsys.readouterr().err == (f"{tmp_path.resolve()}: ingen projektmapp med cases/ och templates/ här eller ovanför "
                                       "— gå till projektmappen eller ange --root\n")


def test_ctrl_c_ends_quietly_with_130(workspace, monkeypatch, capsys):
    import memo.batch

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(memo.batch, "build_if_changed", interrupted)
    assert run(workspace, "build", "KFKS-2024-00430") == 130
    assert capsys.readouterr() == ("", "avbrutet\n")


def test_a_line_says_what_happens_while_libreoffice_works(workspace, monkeypatch, capsys):
    import memo.build

    monkeypatch.setattr(memo.build, "pdf_from_docx", lambda data, name: b"%PDF")
    assert run(workspace, "build", "--pdf", "KFKS-2024-00430") == 0
    out, err = capsys.readouterr()
    assert err == "gör build/KFKS-2024-00430.pdf med LibreOffice …\n"
    assert out == "skrev build/KFKS-2024-00430.docx\nskrev build/KFKS-2024-00430.pdf\n"


@pytest.mark.parametrize("case", ["x; touch {marker}", "$$(touch {marker})", "`touch {marker}`"])
def test_make_passes_case_as_one_argument_never_as_shell_code(tmp_path, case):
    import shutil

    if shutil.which("make") is None or not (ROOT / ".venv" / "bin" / "memo").exists():
        pytest.skip("make or the project's .venv is missing (make test creates it)")
    marker = tmp_path / "F"
    result = subprocess.run(["make", "-s", "-C", str(ROOT), "memo", f"CASE={case.format(marker=marker)}"],
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "ärendet finns inte" in result.stderr
    assert not marker.exists()
