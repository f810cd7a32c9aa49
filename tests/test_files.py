import os

import pytest

from memo import files
from memo.errors import OutputError
from memo.files import write_atomic

from .conftest import output_names as _names


def test_write_replaces_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out" / "a.docx"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert _names(target.parent) == ["a.docx"]


def test_a_failure_before_rename_keeps_the_old_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")

    def broken_fsync(fd):
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "fsync", broken_fsync)
    with pytest.raises(OutputError, match="a.docx: kan inte skrivas \\(disk full\\)"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert _names(tmp_path) == ["a.docx"]
    assert os.stat(target).st_size == 3


KILLED_WRITER = """
import os, sys, time
from pathlib import Path
from memo import files
def stall(src, dst):
    print("temp written", flush=True)
    time.sleep(60)
files.os.replace = stall
files.write_atomic(Path(sys.argv[1]), b"new")
"""


def test_a_killed_writer_leaves_the_old_file_and_its_temp_is_swept(tmp_path):
    import signal
    import subprocess
    import sys

    target = tmp_path / "a.docx"
    target.write_bytes(b"old")
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(target)], stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "temp written"
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert target.read_bytes() == b"old"
    assert len(list(tmp_path.glob(".a.docx.*.tmp"))) == 1  # a kill cannot clean up after itself …
    write_atomic(target, b"next")
    assert target.read_bytes() == b"next"
    assert _names(tmp_path) == ["a.docx"]  # … the next write of the file does


NO_FCNTL = """
import sys
sys.modules["fcntl"] = None  # as on Windows: importing it fails
import memo.cli, memo.files, memo.build
print("imported")
"""


def test_memo_starts_without_posix_only_modules():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", NO_FCNTL], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "imported"


def test_what_is_flushed_is_the_callers_choice(tmp_path, monkeypatch):
    """Outputs: each file and the folder (unless a batch flushes the folder once); a record: nothing."""
    import os

    from memo import files

    flushed: list[str] = []
    real = os.fsync
    monkeypatch.setattr(files.os, "fsync", lambda fd: (flushed.append("fsync"), real(fd)))
    files.write_together([(tmp_path / "a.docx", b"a"), (tmp_path / "a.pdf", b"b")])
    assert len(flushed) == 3
    flushed.clear()
    files.write_together([(tmp_path / "a.docx", b"c")], sync_folder=False)
    assert len(flushed) == 1
    flushed.clear()
    files.write_atomic(tmp_path / ".a.docx.inputs", b"d", durable=False)
    assert flushed == [] and (tmp_path / ".a.docx.inputs").read_bytes() == b"d"
