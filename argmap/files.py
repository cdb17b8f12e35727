"""Atomic file writes: a reader never sees a half-written file."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

SPECIAL_ROOTS = (Path("/proc"), Path("/sys"), Path("/dev"))
"""Folders of kernel and device files, which may block or never end when read."""


def is_special_path(path: Path) -> bool:
    """True if ``path`` resolves into :data:`SPECIAL_ROOTS` (e.g. ``/proc/kmsg``)."""
    try:
        resolved = path.resolve()
    except (OSError, ValueError, RuntimeError):
        return False
    return any(resolved.is_relative_to(root) for root in SPECIAL_ROOTS)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    The temporary file is flushed, synced and renamed over the target
    (:func:`os.replace` is atomic on POSIX and Windows), so an interrupted
    write leaves the old file intact. Parent folders are created. A symbolic
    link is followed (its target is replaced, the link kept); an existing
    file keeps its permissions. A read-only file, anything that is not a
    regular file (a device, a FIFO, a folder) and anything under
    :data:`SPECIAL_ROOTS` is refused.

    Raises:
        PermissionError: the target is read-only, special or a system file.
        IsADirectoryError: the target is a folder.
        OSError: the folder cannot be created or written, or a link loops.
    """
    try:
        target = path.resolve() if path.is_symlink() else path
    except RuntimeError:  # Python 3.11 reports a symbolic link loop this way
        raise OSError(errno.ELOOP, "a symbolic link loop", str(path)) from None
    if is_special_path(target):
        raise PermissionError(errno.EPERM, "it is a system file", str(path))
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
    if target.exists() and not target.is_file():
        raise PermissionError(errno.EPERM, "it is not a regular file", str(path))
    mode = _mode_for(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """Permissions for the new file: the old file's, or 0o666 less the umask."""
    try:
        current = target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
    if not current & 0o200:
        raise PermissionError(errno.EACCES, "it is read-only", str(target))
    return current


def describe_os_error(error: OSError) -> str:
    """A short reason for a failed write, phrased for the user.

    Args:
        error: the error raised while writing a file.

    Returns:
        e.g. ``"it is a folder"`` or ``"a parent of it is a file, not a folder"``.
    """
    if isinstance(error, IsADirectoryError):
        return "it is a folder"
    if isinstance(error, FileExistsError | NotADirectoryError):
        return "a parent of it is a file, not a folder"
    if error.errno == errno.ELOOP:
        return "a symbolic link loop"
    return error.strerror or str(error)
