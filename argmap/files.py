"""Atomic file writes: a reader never sees a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    The temporary file is flushed, synced and renamed over ``path``
    (:func:`os.replace` is atomic on POSIX and Windows), so an interrupted
    write leaves the old file intact. Parent folders are created.

    Raises:
        OSError: the folder cannot be created or written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
    return error.strerror or str(error)
