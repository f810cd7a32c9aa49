"""Batches: only what changed is rebuilt, in parallel; one failure does not stop the rest."""

from __future__ import annotations

import pytest

from memo.batch import build_all, build_if_changed, groups, inputs_digest, is_current
from memo.build import build
from memo.cli import main

from .conftest import edit_case, output_names

CASES = ["KFKS-2024-00430", "KS-2024-00167", "SN-18-0098"]


def test_an_unchanged_case_is_not_rebuilt(workspace):
    path = workspace.cases / "KFKS-2024-00430.yaml"
    assert build_if_changed(path, workspace) is not None
    docx = workspace.build / "KFKS-2024-00430.docx"
    stamp = docx.stat().st_mtime_ns
    assert is_current(path, workspace)
    assert build_if_changed(path, workspace) is None
    assert docx.stat().st_mtime_ns == stamp
    path.write_bytes(path.read_bytes())  # saved again, unchanged: a new time stamp, the same content
    assert build_if_changed(path, workspace) is None
    edit_case(workspace, "forslag_2024: 1.5", "forslag_2024: 1.5\n")  # a changed byte is a changed input
    assert build_if_changed(path, workspace) is not None


def test_a_template_or_profile_change_rebuilds_exactly_that_organisations_cases(workspace):
    assert build_all(workspace, jobs=2).line() == "byggda 3 / oförändrade 0 / fel 0"
    assert build_all(workspace, jobs=2).line() == "byggda 0 / oförändrade 3 / fel 0"
    profile = workspace.templates / "kungsbacka" / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "# en kommentar\n", encoding="utf-8")
    summary = build_all(workspace, jobs=2)
    assert [(o.path.stem, o.status) for o in summary.outcomes] == [
        ("KFKS-2024-00430", "unchanged"), ("KS-2024-00167", "built"), ("SN-18-0098", "unchanged")]
    template = workspace.templates / "nacka" / "memo.docx"
    template.write_bytes(template.read_bytes() + b"\0")  # trailing bytes a zip reader ignores: still new content
    summary = build_all(workspace, jobs=2)
    assert [o.status for o in summary.outcomes] == ["built", "unchanged", "unchanged"]


def test_a_failing_case_does_not_stop_the_batch_and_the_exit_is_non_zero(workspace, capsys):
    edit_case(workspace, "date: 2018-08-28", "date: 2018-13-28", case="SN-18-0098")
    assert main(["--root", str(workspace.root), "build", "--all", "--jobs", "2"]) == 1
    out, err = capsys.readouterr()
    assert "skrev build/KFKS-2024-00430.docx\n" in out and "skrev build/KS-2024-00167.docx\n" in out
    assert out.endswith("byggda 2 / oförändrade 0 / fel 1\n")
    assert "cases/SN-18-0098.yaml: 1 fel\n" in err and "SN-18-0098: fel\n" in err
    assert not (workspace.build / "SN-18-0098.docx").exists()


def test_a_batch_build_is_byte_identical_to_a_single_build(workspace, tmp_path):
    build_all(workspace, jobs=2)
    batch = {c: (workspace.build / f"{c}.docx").read_bytes() for c in CASES}
    for case in CASES:
        [single] = build(workspace.cases / f"{case}.yaml", workspace).paths
        assert single.read_bytes() == batch[case]


def test_memo_build_says_when_nothing_changed(workspace, capsys):
    root = ["--root", str(workspace.root)]
    assert main([*root, "build", "KFKS-2024-00430"]) == 0
    assert main([*root, "build", "KFKS-2024-00430"]) == 0
    assert main([*root, "build", "--force", "KFKS-2024-00430"]) == 0
    assert capsys.readouterr().out == (
        "skrev build/KFKS-2024-00430.docx\n"
        "oförändrad: build/KFKS-2024-00430.docx (ärendet, mallen och profilen är desamma; --force bygger ändå)\n"
        "skrev build/KFKS-2024-00430.docx\n")


def test_an_unreadable_case_has_no_digest_and_is_always_built(workspace):
    path = workspace.cases / "KFKS-2024-00430.yaml"
    path.write_text("organisation: [\n", encoding="utf-8")
    assert inputs_digest(path, workspace) is None
    assert not is_current(path, workspace)


@pytest.mark.parametrize("args", [[], ["KFKS-2024-00430", "--all"]])
def test_build_needs_one_case_or_all(workspace, capsys, args):
    assert main(["--root", str(workspace.root), "build", *args]) == 2
    assert capsys.readouterr().err == "ange ett ärende, eller --all för alla ärenden i cases/\n"


def test_a_pdf_batch_converts_only_what_rendered_and_records_only_cases_published_whole(workspace, monkeypatch):
    from memo.errors import ConversionError
    from memo.writers import pdf as pdf_writer

    conversions = []

    def convert(documents):  # the second half of the batch, in this process (jobs=1)
        conversions.append(sorted(documents))
        return {name: ConversionError(f"LibreOffice kunde inte göra PDF av {name} (kod 1)")
                if name.startswith("KS-") else b"%PDF " + data[:2] for name, data in documents.items()}

    monkeypatch.setattr(pdf_writer, "pdfs_from_docx", convert)
    edit_case(workspace, "date: 2018-08-28", "date: 2018-13-28", case="SN-18-0098")
    summary = build_all(workspace, pdf=True, jobs=1)
    assert conversions == [["KFKS-2024-00430.docx", "KS-2024-00167.docx"]], "a failed case never reaches LibreOffice"
    assert [(o.path.stem, o.status) for o in summary.outcomes] == [
        ("KFKS-2024-00430", "built"), ("KS-2024-00167", "failed"), ("SN-18-0098", "failed")]
    assert summary.outcomes[1].lines == ["LibreOffice kunde inte göra PDF av KS-2024-00167.docx (kod 1)"]
    assert summary.outcomes[0].lines == ["skrev build/KFKS-2024-00430.docx", "skrev build/KFKS-2024-00430.pdf"]
    assert (workspace.build / "KFKS-2024-00430.pdf").read_bytes() == b"%PDF PK"
    assert output_names(workspace.build) == [".KFKS-2024-00430.docx.inputs", ".KFKS-2024-00430.pdf.inputs",
                                             "KFKS-2024-00430.docx", "KFKS-2024-00430.pdf"]
    assert build_all(workspace, pdf=True, jobs=1).line() == "byggda 0 / oförändrade 1 / fel 2"
    assert conversions[1:] == [["KS-2024-00167.docx"]]


def test_a_pdf_batch_without_libreoffice_fails_each_case_with_the_install_hint(workspace, monkeypatch):
    from memo.writers import pdf as pdf_writer

    monkeypatch.setattr(pdf_writer.shutil, "which", lambda name: None)
    summary = build_all(workspace, pdf=True, jobs=1)
    assert [o.status for o in summary.outcomes] == ["failed"] * 3
    assert {tuple(o.lines) for o in summary.outcomes} == {
        ("LibreOffice (soffice) finns inte — installera LibreOffice, t.ex. apt-get install libreoffice-writer-nogui",)}
    assert not workspace.build.exists()


@pytest.mark.parametrize("count, jobs, sizes", [
    (3, 2, [3]),            # a second LibreOffice start would cost more than it saves
    (20, 2, [10, 10]),      # enough for each core
    (20, 1, [20]),
    (120, 2, [40, 40, 40]),  # at most 50 documents a start
    (0, 2, []),
])
def test_pdf_groups_keep_the_order_and_pay_for_their_starts(count, jobs, sizes):
    found = groups(list(range(count)), jobs)
    assert [len(group) for group in found] == sizes
    assert [case for group in found for case in group] == list(range(count))


def test_a_build_with_nothing_to_do_reads_no_yaml_and_the_record_names_the_organisations_files(workspace, monkeypatch):
    import memo.loading

    path = workspace.cases / "KFKS-2024-00430.yaml"
    assert build_if_changed(path, workspace) is not None
    record = (workspace.build / ".KFKS-2024-00430.docx.inputs").read_text(encoding="utf-8").splitlines()
    assert record[2:] == ["templates/nacka/profile.yaml", "templates/nacka/memo.docx"]
    monkeypatch.setattr(memo.loading, "load_yaml", lambda *a, **k: pytest.fail("the no-op check parsed YAML"))
    assert build_if_changed(path, workspace) is None
    template = workspace.templates / "nacka" / "memo.docx"
    template.write_bytes(template.read_bytes() + b"\0")  # a changed input named by the record
    assert not is_current(path, workspace)


def test_a_record_from_before_it_named_the_files_means_one_rebuild(workspace):
    path = workspace.cases / "KFKS-2024-00430.yaml"
    build_if_changed(path, workspace)
    record = workspace.build / ".KFKS-2024-00430.docx.inputs"
    record.write_text("".join(line + "\n" for line in record.read_text(encoding="utf-8").splitlines()[:2]),
                      encoding="utf-8")
    assert not is_current(path, workspace)
    assert build_if_changed(path, workspace) is not None
    assert is_current(path, workspace)


def test_an_output_that_is_not_what_its_record_says_is_rebuilt(workspace):
    """A record is written without fsync: after a crash it may describe another build's output."""
    path = workspace.cases / "KFKS-2024-00430.yaml"
    build_if_changed(path, workspace)
    docx = workspace.build / "KFKS-2024-00430.docx"
    docx.write_bytes(docx.read_bytes()[:-1])
    assert not is_current(path, workspace)
    assert build_if_changed(path, workspace) is not None
    assert is_current(path, workspace)


@pytest.mark.parametrize("text, organisation", [
    ("organisation: nacka\ndnr: X\n", "nacka"),
    ("dnr: X\norganisation: 'kungsbacka'   # kommunen\n", "kungsbacka"),
    ("{organisation: upplands-bro, dnr: X}\n", "upplands-bro"),  # no such line: read as YAML
    ("organisation: nacka\norganisation: kungsbacka\n", "nacka"),  # twice: as the loader reads it (the build refuses it)
])
def test_the_organisation_that_names_the_files_to_hash(tmp_path, text, organisation):
    from memo.batch import _organisation_of

    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    assert _organisation_of(path) == organisation
