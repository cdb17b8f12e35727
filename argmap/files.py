"""Reading and writing files safely: one UTF-8 reader for every input, atomic writes for every output.

Every file argmap reads (maps, source documents, abstract frameworks) goes
through :func:`read_text`, which refuses folders, devices, FIFOs and system
files, bounds the size, and reports bytes that are not UTF-8 at their line
and column. Every file argmap writes goes through :func:`write_atomic`: a
reader never sees a half-written file.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from argmap.errors import START, Position

SPECIAL_ROOTS = (Path("/proc"), Path("/sys"), Path("/dev"))
"""Folders of kernel and device files, which may block or never end when read."""


def is_special_path(path: Path) -> bool:
    """True if ``path`` resolves into :data:`SPECIAL_ROOTS` (e.g. ``/proc/kmsg``)."""
    try:
        resolved = path.resolve()
    except (OSError, ValueError, RuntimeError):
        return False
    return any(resolved.is_relative_to(root) for root in SPECIAL_ROOTS)


class UnreadableFile(Exception):
    """A file cannot be read as text; :attr:`reason` says why, as the end of a sentence about the file."""

    def __init__(self, reason: str, position: Position = START) -> None:
        """Take the reason (e.g. ``"is a folder"``) and where in the file the problem is, if anywhere."""
        super().__init__(reason)
        self.reason = reason
        """Why, e.g. ``is a system file``, ``is larger than 16 MiB``, ``is not UTF-8: byte 0xff ...``."""
        self.position = position
        """Where the problem is in the file (the first byte that is not UTF-8), else line 1, column 1."""


def read_text(path: Path, limit: int, how_to_raise: str = "") -> str:
    """Read a regular UTF-8 text file of at most ``limit`` bytes; a leading byte order mark is kept.

    Args:
        path: the file.
        limit: the largest size accepted, in bytes.
        how_to_raise: said after the refusal of a larger file, in brackets (if given).

    Returns:
        The decoded text.

    Raises:
        UnreadableFile: the path is a system file, a folder, a device or
            FIFO, missing, unreadable, larger than ``limit``, or not UTF-8
            (with the line and column of the first bad byte).
    """
    if is_special_path(path):
        raise UnreadableFile("is a system file")
    try:
        if path.exists() and not path.is_file():
            raise UnreadableFile("is a folder" if path.is_dir() else "is not a regular file")
        with path.open("rb") as handle:
            raw = read_at_most(handle, limit + 1)
    except FileNotFoundError:
        raise UnreadableFile("was not found") from None
    except ValueError:  # a NUL byte in the name
        raise UnreadableFile("is not a usable file name") from None
    except OSError as error:
        raise UnreadableFile(f"cannot be read: {error.strerror or error}") from None
    if len(raw) > limit:
        hint = f" ({how_to_raise})" if how_to_raise else ""
        raise UnreadableFile(f"is larger than {_size(limit)}{hint}")
    return decode_utf8(raw)


def read_at_most(stream: BinaryIO, count: int) -> bytes:
    """Up to ``count`` bytes of ``stream``, read a MiB at a time.

    ``stream.read(count)`` would set aside ``count`` bytes at once: a limit
    raised to a terabyte would fail on a file of three hundred bytes.
    """
    chunks: list[bytes] = []
    left = count
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def decode_utf8(raw: bytes) -> str:
    """Decode UTF-8 bytes, or say where the first undecodable byte is.

    Raises:
        UnreadableFile: the bytes are not UTF-8; the position counts lines
            from 1 and columns in characters from 1.
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        reason = f"is not UTF-8: byte 0x{raw[error.start]:02x} cannot be decoded; save the file as UTF-8"
        raise UnreadableFile(reason, Position(line, column)) from None


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit} bytes"


class TargetExists(FileExistsError):
    """The file is there already and the write was asked not to replace anything."""


def resolve_links(path: Path) -> Path:
    """``path`` made absolute with every symbolic link followed; a missing part is kept as written.

    Raises:
        OSError: a symbolic link loop (``errno.ELOOP``), in every Python version.
        ValueError: the path holds a NUL character.
    """
    try:
        return path.resolve(strict=True)
    except RuntimeError:  # Python 3.11 reports a symbolic link loop this way
        raise OSError(errno.ELOOP, "a symbolic link loop", str(path)) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise
    try:
        return path.resolve()
    except RuntimeError:
        raise OSError(errno.ELOOP, "a symbolic link loop", str(path)) from None


def write_atomic(path: Path, data: bytes, *, create_folder: bool = False, replace: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    The temporary file is flushed, synced and renamed over the target
    (:func:`os.replace` is atomic on POSIX and Windows), and the folder synced,
    so an interrupted write (a signal, a full disk, a power cut) leaves the
    old file intact and no temporary file behind. The folder is created (with its
    parents) only if ``create_folder``; otherwise it must exist. A symbolic
    link is followed (its target is replaced, the link kept); an existing
    file keeps its permissions. A read-only file, anything that is not a
    regular file (a device, a FIFO, a folder) and anything under
    :data:`SPECIAL_ROOTS` is refused. With ``replace`` false, nothing that
    exists at ``path`` (a file or a link, even a broken one) is replaced:
    the temporary file is linked to the name, which fails if it is taken.

    Raises:
        TargetExists: ``replace`` is false and ``path`` exists.
        PermissionError: the target is read-only, special or a system file.
        IsADirectoryError: the target is a folder.
        FileNotFoundError: the folder, or one above it, is a broken link or a
            link loop, or it does not exist and ``create_folder`` is false.
        OSError: the folder cannot be created or written, or a link loops.
    """
    if not replace and os.path.lexists(path):
        raise TargetExists(errno.EEXIST, "it already exists", str(path))
    target = _link_target(path)
    _refuse_broken_folder(path, target.parent)
    if is_special_path(target):
        raise PermissionError(errno.EPERM, "it is a system file", str(path))
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
    if target.exists() and not target.is_file():
        raise PermissionError(errno.EPERM, "it is not a regular file", str(path))
    mode = _mode_for(target)
    _make_folder(path, target.parent, create_folder)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        _keep_owner(temporary, target)
        _put_in_place(temporary, target, replace)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry for a renamed file to disk, so that the new name survives a power cut.

    POSIX makes a rename durable only when the folder is synced too; where a
    folder cannot be opened or synced (some file systems, Windows), the file
    itself is already synced and nothing more is done.
    """
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _link_target(path: Path) -> Path:
    """The file a write to ``path`` replaces: ``path``, or the target of the link it is.

    Raises:
        OSError: a symbolic link loop.
    """
    return resolve_links(path) if path.is_symlink() else path


def _refuse_broken_folder(path: Path, folder: Path) -> None:
    """Refuse to write ``path`` when its ``folder``, or one above it, is a link that leads nowhere.

    Raises:
        FileNotFoundError: the link is broken or loops; the message names it.
    """
    for above in (folder, *folder.parents):
        if above.is_symlink() and not above.exists():
            raise FileNotFoundError(errno.ENOENT, f"its folder {above} {_why_broken(above)}", str(path))


def _make_folder(path: Path, folder: Path, create: bool) -> None:
    """Make sure ``folder`` (where ``path`` goes) exists, creating it if ``create``.

    Raises:
        FileNotFoundError: the folder is missing and ``create`` is false.
        OSError: the folder cannot be created.
    """
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    elif not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, f"its folder {folder} does not exist", str(path))


def _why_broken(link: Path) -> str:
    """Why a symbolic link leads nowhere: it loops, or its target is missing."""
    try:
        resolve_links(link)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "is a symbolic link loop"
    return "is a broken symbolic link (its target is missing)"


def _put_in_place(temporary: str, target: Path, replace: bool) -> None:
    """Rename the written temporary file to ``target``; without ``replace``, only if the name is free.

    Raises:
        TargetExists: ``replace`` is false and ``target`` exists.
        OSError: the rename or link failed.
    """
    if replace:
        os.replace(temporary, target)
        return
    try:
        _link_or_claim(temporary, target)
    except FileExistsError:
        raise TargetExists(errno.EEXIST, "it already exists", str(target)) from None


def _link_or_claim(temporary: str, target: Path) -> None:
    """Give the temporary file the name ``target`` only if no file has it.

    A hard link does it atomically; on a file system without hard links the
    name is claimed with an exclusive create, then the file renamed over it.

    Raises:
        FileExistsError: ``target`` exists.
        OSError: the link, create or rename failed.
    """
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.replace(temporary, target)
    else:
        os.unlink(temporary)


def _keep_owner(temporary: str, target: Path) -> None:
    """Give the new file the old one's owner and group where the user may (root may; others keep theirs)."""
    try:
        old = target.stat()
        if (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
            os.chown(temporary, old.st_uid, old.st_gid)
    except (OSError, AttributeError):  # no old file, not allowed, or no chown on this system
        pass


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
    if isinstance(error, TargetExists):
        return "it already exists"
    if isinstance(error, FileExistsError | NotADirectoryError):
        return "a parent of it is a file, not a folder"
    if error.errno == errno.ELOOP:
        return "a symbolic link loop"
    return error.strerror or str(error)
