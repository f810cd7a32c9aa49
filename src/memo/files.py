"""Atomic writes: a reader sees the old file or the new one, never half of one.

The data goes to a temp file beside the target, is fsynced and renamed over
it. Writers into one folder take turns (a lock file ``.memo.lock`` in it, through
the portable ``filelock`` library, so memo also runs on Windows), so under the
lock a temp file of the same target can only be left over from a writer that
was killed; it is removed then.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from filelock import FileLock

from .errors import OutputError

LOCK_NAME = ".memo.lock"  # one per output folder; left in place, as lock files are


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to a temp file beside ``target``, fsync, then rename over it.

    Raises OutputError (with the reason in Swedish) when the folder cannot be written.
    """
    try:
        _write(target, data)
    except OSError as exc:
        raise OutputError(f"{target}: kan inte skrivas ({exc.strerror or exc}) — kontrollera mappen och behörigheten") from None


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(target.parent / LOCK_NAME):
        for stale in target.parent.glob(f".{target.name}.*.tmp"):
            stale.unlink(missing_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, 0o644)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable; Windows cannot open a folder, and its rename is already journaled."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
