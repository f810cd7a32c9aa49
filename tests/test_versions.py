"""The versions that shape the bytes: pinned, installed, and recorded in every document."""

from __future__ import annotations

from .conftest import ROOT


def test_the_pinned_versions_are_the_installed_ones():
    """constraints.txt is what make installs from; a drift would change bytes unnoticed."""
    from importlib.metadata import version

    pins = [line.split("==") for line in (ROOT / "constraints.txt").read_text().splitlines()
            if line and not line.startswith("#")]
    assert {name for name, _ in pins} >= {"docxtpl", "python-docx", "lxml", "Jinja2"}
    assert {name: version(name) for name, _ in pins} == dict(pins)


def test_docxcompose_is_not_a_dependency():
    assert "docxcompose" not in (ROOT / "pyproject.toml").read_text()


def test_versions_read_from_dist_info_folders_are_those_importlib_metadata_reads():
    from importlib.metadata import version

    from memo.versions import SHAPING, library_versions

    recorded = library_versions("bagit", "filelock")
    assert {name: recorded[name] for name in (*SHAPING, "bagit", "filelock")} == {
        name: version(name) for name in (*SHAPING, "bagit", "filelock")}


def test_a_distribution_that_is_not_installed_is_unknown():
    from memo.versions import library_versions

    assert library_versions("no-such-distribution-xyz")["no-such-distribution-xyz"] == "okänd"
