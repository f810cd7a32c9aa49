import os

import pytest

from memo import files
from memo.files import write_atomic


def test_write_replaces_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out" / "a.docx"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["a.docx"]


def test_a_failure_before_rename_keeps_the_old_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")

    def broken_fsync(fd):
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]
    assert os.stat(target).st_size == 3
