"""Writing files so that a failure or an interrupt never leaves a partial file behind."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from sedp_core.errors import OutputError, os_reason
from sedp_core.i18n import N_

__all__ = ["deterministic_zip", "remove_pending", "write_atomic", "write_atomic_many"]

_UMASK_LOCK = threading.Lock()


def _umask() -> int:
    """The process's umask (reading it means setting it: done under a lock, restored at once)."""
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def _output_error(path: Path, exc: OSError) -> OutputError:
    code = "output.disk-full" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else "output.write-failed"
    return OutputError(N_("cannot write the file: {reason}; nothing was written"), params={"reason": os_reason(exc)},
                       location=str(path), code=code)


# The temporary files this process is writing: a render worker told to stop removes them and exits at once
# (`remove_pending`), instead of raising an exception that may land where Python can only print it.
_PENDING: set[str] = set()
_STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}


def remove_pending() -> None:
    """Remove every temporary file this process is still writing. Safe in a signal handler."""
    for tmp in list(_PENDING):
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _mkstemp(path: Path) -> tuple[int, str]:
    """A new temporary file beside `path`, already in `_PENDING` when a stop signal's handler can next run."""
    blocked = hasattr(signal, "pthread_sigmask")
    if blocked:
        signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        _PENDING.add(tmp)
    finally:
        if blocked:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    return fd, tmp


def _write_temporary(path: Path, data: bytes) -> str:
    """`data` in a new temporary file beside `path`, flushed to disk; its name. Removed again on any failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _mkstemp(path)
    try:
        # mkstemp makes the file private (0600); a document or workbook is an ordinary file the user shares: give
        # it the mode `open()` would (0666 less the umask).
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        _PENDING.discard(tmp)
        raise
    return tmp


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename it into place. A full disk
    or any other write failure is an `OutputError` naming the file, and leaves no partial file."""
    write_atomic_many({path: data})


def write_atomic_many(files: Mapping[Path, bytes]) -> None:
    """Write several files all or nothing, as far as a file system allows: every file goes to a temporary file
    first, and only when all are on disk are they renamed into place (a data package whose tables are half new,
    half old would be worse than the old one)."""
    temporary: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            try:
                temporary.append((_write_temporary(path, data), path))
            except OSError as exc:
                raise _output_error(path, exc) from None
        for tmp, path in temporary:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise _output_error(path, exc) from None
    except BaseException:
        for tmp, _ in temporary:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    finally:
        _PENDING.difference_update(tmp for tmp, _ in temporary)


_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def deterministic_zip(data: bytes, replace: Mapping[str, BinaryIO] | None = None) -> bytes:
    """The zip (a .docx) rewritten with fixed member timestamps and modes: zip stores the time of writing
    otherwise, and the same content should give the same bytes (documents to compare and sign, templates that
    show in git only when they change). Members named in `replace` take the content of the file given, copied
    in blocks (a rendered document part can be far larger than its compressed form)."""
    import shutil
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            if replace and info.filename in replace:
                with target.open(fixed, "w", force_zip64=True) as member:
                    shutil.copyfileobj(replace[info.filename], member, 1 << 20)
            else:
                target.writestr(fixed, source.read(info))
    return out.getvalue()
