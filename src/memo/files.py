"""Atomic writes: a reader sees the old file or the new one, never half of one.

The data goes to a temp file beside the target, is fsynced and renamed over
it. Writers into one folder take turns (a lock file per folder, kept in the
system's temp folder so that no output folder or archive package gets one, through
the portable ``filelock`` library, so memo also runs on Windows), so under the
lock a temp file of the same target can only be left over from a writer that
was killed; it is removed then.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from filelock import FileLock

from .errors import OutputError

LOCK_FOLDER = Path(tempfile.gettempdir()) / "memo-locks"


def folder_lock(folder: Path) -> FileLock:
    """The lock writers into ``folder`` take turns with; its file lives outside the folder."""
    LOCK_FOLDER.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:32]
    return FileLock(LOCK_FOLDER / f"{name}.lock")


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
    with folder_lock(target.parent):
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
        fsync_path(target.parent)


def fsync_path(path: Path) -> None:
    """Flush a file or a folder (its entries: a rename in it) to disk; Windows cannot open a folder,
    and its rename is already journaled."""
    if os.name == "nt" and path.is_dir():
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
