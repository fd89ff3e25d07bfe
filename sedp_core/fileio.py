"""Writing files so that a failure or an interrupt never leaves a partial file behind."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

__all__ = ["deterministic_zip", "write_atomic"]


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
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
