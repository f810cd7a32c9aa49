import shutil
from datetime import date

import pytest

from memo.build import build, prepare
from memo.errors import UsageError
from memo.scaffold import new_case


def test_new_case_passes_check_and_builds(workspace):
    path = new_case(workspace, "KFKS-2024-00999", "Ny rubrik: med kolon # och tecken", on=date(2024, 5, 2))
    assert path == workspace.cases / "KFKS-2024-00999.yaml"
    prepared = prepare(path, workspace)
    assert prepared.case.title == "Ny rubrik: med kolon # och tecken"
    assert prepared.case.date == date(2024, 5, 2)
    assert prepared.organisation.id == "nacka"
    [docx] = build(path, workspace).paths
    assert docx.is_file()
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schema/case.schema.json\n")


def test_new_case_refuses_to_overwrite(workspace):
    before = (workspace.cases / "KFKS-2024-00430.yaml").read_bytes()
    with pytest.raises(UsageError, match="finns redan"):
        new_case(workspace, "KFKS-2024-00430", "x")
    assert (workspace.cases / "KFKS-2024-00430.yaml").read_bytes() == before


def test_a_dnr_no_organisation_recognises_needs_organisation(workspace):
    with pytest.raises(UsageError, match="ange --organisation"):
        new_case(workspace, "XYZ-1", "x")
    with pytest.raises(UsageError, match="inget diarienummer i Nacka kommuns form KFKS-ÅÅÅÅ-NNNNN"):
        new_case(workspace, "XYZ-1", "x", organisation_id="nacka")


@pytest.mark.parametrize("dnr, organisation", [("KS-2024-00999", "kungsbacka"), ("SN 24/0099", "upplands-bro")])
def test_every_organisation_has_a_skeleton_that_builds(workspace, dnr, organisation):
    path = new_case(workspace, dnr, "Ett nytt ärende")
    prepared = prepare(path, workspace)
    assert prepared.organisation.id == organisation
    [docx] = build(path, workspace).paths
    assert docx.name == dnr.replace(" ", "-").replace("/", "-") + ".docx"


def test_a_dnr_two_organisations_accept_is_not_given_to_the_first(workspace):
    shutil.copytree(workspace.templates / "nacka", workspace.templates / "nacka-kopia")
    with pytest.raises(UsageError) as caught:
        new_case(workspace, "KFKS-2024-00998", "x")
    assert str(caught.value) == (
        "KFKS-2024-00998: kan inte avgöra organisationen av diarienumret (passar: nacka, nacka-kopia) "
        "— ange --organisation, en av: kungsbacka, nacka, nacka-kopia, upplands-bro")
    assert not (workspace.cases / "KFKS-2024-00998.yaml").exists()
