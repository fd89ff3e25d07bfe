"""Writing files so that a failure or an interrupt never leaves a partial file behind."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import threading
from pathlib import Path

__all__ = ["deterministic_zip", "write_atomic"]


_UMASK_LOCK = threading.Lock()


def _umask() -> int:
    """The process's umask (reading it means setting it: done under a lock, restored at once)."""
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); a document or workbook is an ordinary file the user shares: give
        # it the mode `open()` would (0666 less the umask).
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def deterministic_zip(data: bytes) -> bytes:
    """The zip (a .docx) rewritten with fixed member timestamps and modes: zip stores the time of writing
    otherwise, and the same content should give the same bytes (documents to compare and sign, templates that
    show in git only when they change)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info))
    return out.getvalue()
