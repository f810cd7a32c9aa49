import shutil

import pytest

from memo.errors import TemplateError
from memo.organisation import load_organisation

from .conftest import ROOT


def test_profile_and_sandbox_are_prepared_once(project):
    first = load_organisation(project.templates, "nacka")
    assert first is load_organisation(project.templates, "nacka")
    assert first.profile.name == "Nacka kommun"
    assert first.template.is_file()
    assert first.environment.filters["mkr"]


def test_unknown_organisation_names_the_known_ones(project):
    with pytest.raises(TemplateError, match="organisationen finns-inte finns inte .*organisationerna är: .*nacka"):
        load_organisation(project.templates, "finns-inte")


def test_broken_profile_is_a_template_error(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "profile.yaml").write_text("name: X\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="dnr_pattern: fältet saknas"):
        load_organisation(tmp_path, "x")


def test_a_dnr_pattern_that_is_no_regular_expression_is_located(tmp_path):
    shutil.copytree(ROOT / "templates" / "nacka", tmp_path / "x")
    profile = tmp_path / "x" / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("dnr_pattern: 'KFKS-\\d{4}-\\d{5}'", "dnr_pattern: 'KFKS-(\\d{4}'"), encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_organisation(tmp_path, "x")
    assert str(caught.value) == (
        f"{profile}:5:14: dnr_pattern: \"KFKS-(\\d{{4}}\" är inget giltigt reguljärt uttryck "
        "(felet vid tecken 6) — rätta mönstret, t.ex. ABC-\\d{4}-\\d{5}"
    )


def test_a_changed_profile_is_read_again_in_the_same_process(workspace):
    """memo watch lives long: a profile saved while it runs must shape the next build."""
    import os

    from memo.organisation import load_organisation

    first = load_organisation(workspace.templates, "nacka")
    assert load_organisation(workspace.templates, "nacka") is first
    profile = workspace.templates / "nacka" / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("  mkr: mkr", "  mkr: miljoner kronor"),
                       encoding="utf-8")
    os.utime(profile, ns=(1, 1))
    assert load_organisation(workspace.templates, "nacka").profile.unit_labels != first.profile.unit_labels
