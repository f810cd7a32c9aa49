import pytest

from memo.errors import TemplateError
from memo.organisation import load_organisation


def test_profile_and_sandbox_are_prepared_once(project):
    first = load_organisation(project.templates, "nacka")
    assert first is load_organisation(project.templates, "nacka")
    assert first.profile.name == "Nacka kommun"
    assert first.template.is_file()
    assert first.environment.filters["mkr"]


def test_unknown_organisation_names_the_known_ones(project):
    with pytest.raises(TemplateError, match="organisationen solna finns inte .*organisationerna är: .*nacka"):
        load_organisation(project.templates, "solna")


def test_broken_profile_is_a_template_error(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "profile.yaml").write_text("name: X\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="dnr_pattern: fältet saknas"):
        load_organisation(tmp_path, "x")
