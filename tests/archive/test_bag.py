"""Bags: made by bagit, sealed read-only, every problem found with its file."""

from __future__ import annotations

import stat

import bagit

from memo.archive.bag import BagProblem, check_bag, make_bag, manifest_sha256, remove, seal, sha256_file


def _bag(tmp_path):
    folder = tmp_path / "v1"
    (folder / "mapp").mkdir(parents=True)
    (folder / "a.txt").write_text("a\n")
    (folder / "mapp" / "b.txt").write_text("b\n")
    make_bag(folder, {"Dnr": "KS-2024-00167"})
    return folder


def test_a_made_bag_is_valid_to_bagit_and_to_the_check(tmp_path):
    folder = _bag(tmp_path)
    assert bagit.Bag(str(folder)).is_valid()
    assert check_bag(folder) == []
    assert "Dnr: KS-2024-00167\n" in (folder / "bag-info.txt").read_text()
    assert manifest_sha256(folder) == sha256_file(folder / "manifest-sha256.txt")


def test_sealed_bags_are_read_only_and_can_still_be_removed(tmp_path):
    folder = _bag(tmp_path)
    seal(folder)
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.rglob("*") if p.is_file()} == {0o444}
    assert {stat.S_IMODE(p.stat().st_mode) for p in [folder, *folder.rglob("*")] if p.is_dir()} == {0o555}
    assert check_bag(folder) == []
    remove(folder)
    assert not folder.exists()


def test_changed_tag_file_and_missing_bagit_txt(tmp_path):
    folder = _bag(tmp_path)
    with (folder / "bag-info.txt").open("a") as handle:
        handle.write("Extra: rad\n")
    assert check_bag(folder) == [BagProblem("bag-info.txt", check_bag(folder)[0].message)]
    assert check_bag(folder)[0].message.startswith("kontrollsumman stämmer inte")
    (folder / "bagit.txt").unlink()
    assert [p.file for p in check_bag(folder)] == ["bagit.txt"]
