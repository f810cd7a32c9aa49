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
from typing import TYPE_CHECKING

from .errors import OutputError

if TYPE_CHECKING:
    from filelock import FileLock

LOCK_FOLDER = Path(tempfile.gettempdir()) / "memo-locks"


def file_version(path: Path) -> tuple:
    """A file's version as the file system tells it (where it resolves to, modification time, size, inode):
    what the per-process caches of templates and profiles are keyed by, so that a saved file is read again."""
    stat = path.stat()
    return (str(path.resolve()), stat.st_mtime_ns, stat.st_size, stat.st_ino)


def folder_lock(folder: Path) -> FileLock:
    """The lock writers into ``folder`` take turns with; its file lives outside the folder."""
    from filelock import FileLock  # imported where a write happens: a no-op build takes no lock

    LOCK_FOLDER.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:32]
    return FileLock(LOCK_FOLDER / f"{name}.lock")


def write_atomic(target: Path, data: bytes, durable: bool = True) -> None:
    """Write ``data`` to a temp file beside ``target``, fsync, then rename over it.

    ``durable=False``: no fsync at all, for a file whose loss costs only work (a batch's record of
    its inputs); the rename still makes it all or nothing for a reader.
    Raises OutputError (with the reason in Swedish) when the folder cannot be written.
    """
    write_together([(target, data)], sync_folder=durable, sync_files=durable)


def write_together(files: list[tuple[Path, bytes]], sync_folder: bool = True, sync_files: bool = True) -> None:
    """Publish files of one folder as a set: all written and fsynced first, then renamed under one lock.

    Two writers of the same set never interleave, so a reader never finds a .docx
    and a .pdf of different builds; if any write fails, none of the files is replaced.
    ``sync_folder=False`` leaves flushing the renames to the caller (a batch flushes its folder
    once, at the end, instead of once per case: each flush costs milliseconds).
    """
    folders = {target.parent for target, _ in files}
    assert len(folders) == 1, "files published together share a folder"
    try:
        _write(files, sync_folder, sync_files)
    except OSError as exc:
        target = files[0][0]
        raise OutputError(f"{target}: kan inte skrivas ({exc.strerror or exc}) — kontrollera mappen och behörigheten") from None


def _write(files: list[tuple[Path, bytes]], sync_folder: bool, sync_files: bool) -> None:
    folder = files[0][0].parent
    folder.mkdir(parents=True, exist_ok=True)
    with folder_lock(folder):
        for target, _ in files:
            for stale in folder.glob(f".{target.name}.*.tmp"):
                stale.unlink(missing_ok=True)
        temps: list[str] = []
        try:
            for target, data in files:
                fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
                temps.append(temp)
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    if sync_files:
                        os.fsync(handle.fileno())
                os.chmod(temp, 0o644)
            for (target, _), temp in zip(files, temps):
                os.replace(temp, target)
        except BaseException:
            for temp in temps:
                Path(temp).unlink(missing_ok=True)
            raise
        if sync_folder:
            fsync_path(folder)


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
