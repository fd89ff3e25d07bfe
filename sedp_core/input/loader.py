"""Reading input files into plain data, with the file location of every value.

Readers are plugins (`sedp_register_readers`); the core's YAML and JSON readers live in
`input/readers.py`. This module holds what every reader shares: the size limit, decoding, the walk
that turns parsed nodes into plain Python while recording locations and stopping alias bombs, and the removal
of characters that XML 1.0 forbids (they would corrupt a Word document).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sedp_core.errors import InputError, os_reason
from sedp_core.findings import Finding
from sedp_core.i18n import N_, Term, messages_for
from sedp_core.input.limits import limits

__all__ = ["LoadedData", "escape_pointer", "load_file", "read_text", "regular_file_size", "sanitize"]

# XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogates and U+FFFE/U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass
class LoadedData:
    """Raw program data as read from a file, before any validation."""

    data: Any
    source: str
    positions: dict[str, str] = field(default_factory=dict)
    """JSON Pointer → "line:column" (1-based) in the source file, where the reader knows it."""
    findings: list[Finding] = field(default_factory=list)
    """Warnings raised while reading (characters removed, ...)."""

    def location(self, pointer: str) -> str | None:
        """The file location of `pointer`, or of its nearest ancestor that has one."""
        while True:
            if pointer in self.positions:
                return f"{self.source}:{self.positions[pointer]}"
            if not pointer:
                return None
            pointer = pointer.rsplit("/", 1)[0]


def escape_pointer(token: object) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def _unreadable(path: Path, exc: OSError) -> InputError:
    return InputError(N_("cannot read the file: {reason}"), params={"reason": os_reason(exc)},
                      location=str(path), code="input.unreadable")


def regular_file_size(path: Path) -> int:
    """The size of `path`, which must be a regular file (a symbolic link to one is fine); `InputError` for a folder,
    a named pipe, a device or a socket, before anything is opened: reading a FIFO waits for a writer forever, and
    a link to /dev/zero never ends."""
    try:
        info = path.stat()
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(N_("is a folder, not a file"), params={}, location=str(path), code="input.unreadable")
    if not stat.S_ISREG(info.st_mode):
        kind = (N_("a named pipe (FIFO)") if stat.S_ISFIFO(info.st_mode) else
                N_("a device") if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else
                N_("a socket") if stat.S_ISSOCK(info.st_mode) else N_("not a regular file"))
        raise InputError(N_("is {kind}, not a file that can be read"), params={"kind": Term(kind)},
                         location=str(path), code="input.not-a-file")
    return info.st_size


_TEXT = Term(N_("YAML or JSON text"))


def read_text(path: Path, kind: str | Term = _TEXT) -> str:
    """Read a text file as UTF-8 (with or without BOM), within the size limit; `InputError` otherwise (`kind`
    names what the file should have been)."""
    size = regular_file_size(path)
    limit = limits().max_input_bytes
    if size > limit:
        raise InputError(
            N_("the file is {size:,} bytes, more than the limit of {limit:,} (set SEDP_MAX_INPUT_BYTES to change it)"),
            params={"size": size, "limit": limit},
            location=str(path),
            code="input.too-large",
        )
    try:
        # O_NONBLOCK: should the file be swapped for a FIFO after the check, opening it does not wait. At most
        # limit + 1 bytes are read, whatever the size was when checked.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            raw = fh.read(limit + 1)
    except (OSError, BlockingIOError) as exc:
        raise _unreadable(path, exc) from None
    if len(raw) > limit:
        raise InputError(N_("the file is more than the limit of {limit:,} bytes "
                            "(set SEDP_MAX_INPUT_BYTES to change it)"), params={"limit": limit},
                         location=str(path), code="input.too-large")
    if b"\x00" in raw[:8192]:
        raise InputError(N_("this is a binary file, not {kind}"), params={"kind": kind}, location=str(path),
                         code="input.binary")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            N_("the file is not UTF-8 text (byte 0x{byte:02x} at line {line}); save it as UTF-8"),
            params={"byte": raw[exc.start], "line": line},
            location=str(path),
            code="input.encoding",
        ) from None


def sanitize(loaded: LoadedData) -> None:
    """Remove characters XML 1.0 forbids from every string, with one warning per value changed."""

    def clean(value: Any, pointer: str) -> Any:
        if isinstance(value, str):
            if _FORBIDDEN.search(value):
                found = sorted({f"U+{ord(c):04X}" for c in _FORBIDDEN.findall(value)})
                loaded.findings.append(
                    Finding(
                        code="text.forbidden-character",
                        severity="warning",
                        path=pointer,
                        messages=messages_for(N_("removed characters that a Word document cannot hold: {characters}"),
                                              characters=", ".join(found)),
                        location=loaded.location(pointer),
                    )
                )
                return _FORBIDDEN.sub("", value)
            return value
        if isinstance(value, dict):
            return {clean(k, pointer): clean(v, f"{pointer}/{escape_pointer(k)}") for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v, f"{pointer}/{i}") for i, v in enumerate(value)]
        return value

    loaded.data = clean(loaded.data, "")


def load_file(path: str | Path) -> LoadedData:
    """Read any supported file into `LoadedData`, choosing the reader by the file's suffix."""
    from sedp_core.registry.collect import get_registry

    path = Path(path)
    readers = get_registry().readers
    reader = readers.get(path.suffix.lower())
    if reader is None:
        from sedp_core.input.formats import format_error

        raise format_error(path, readers)
    loaded = reader(path)
    sanitize(loaded)
    return loaded


class NodeBudget:
    """Counts the values a reader builds, so an alias bomb or absurd nesting fails fast with a clear message."""

    def __init__(self, source: str) -> None:
        lim = limits()
        self.left = lim.max_nodes
        self.max_depth = lim.max_depth
        self.max_rows = lim.max_rows
        self.source = source

    def check_expanded_size(self, root: Any, mapping_type: type, sequence_type: type) -> None:
        """Refuse, before expanding anything, data whose aliases would expand beyond the limit (a 'billion
        laughs' YAML file has few distinct nodes but an enormous expansion: count it per distinct node)."""
        sizes: dict[int, int] = {}

        def size(node: Any, depth: int) -> int:
            if depth > self.max_depth:
                raise self._too_deep()
            if not isinstance(node, mapping_type | sequence_type):
                return 1
            known = sizes.get(id(node))
            if known is None:
                children = node.values() if isinstance(node, mapping_type) else node
                known = sizes[id(node)] = 1 + sum(size(child, depth + 1) for child in children)
            return known

        if size(root, 0) > self.left:
            raise self._too_many()

    def check_rows(self, count: int, where: str) -> None:
        """Refuse a list (or sheet) longer than SEDP_MAX_ROWS."""
        if count > self.max_rows:
            raise InputError(N_("{where} has {count:,} rows, more than the limit of {limit:,} "
                                "(set SEDP_MAX_ROWS to change it)"),
                             params={"where": where, "count": count, "limit": self.max_rows}, location=self.source,
                             code="input.too-many-rows")

    def spend(self, depth: int) -> None:
        self.left -= 1
        if self.left < 0:
            raise self._too_many()
        if depth > self.max_depth:
            raise self._too_deep()

    def _too_many(self) -> InputError:
        return InputError(N_("the data expands to too many values (an alias bomb or a file far too large); "
                             "set SEDP_MAX_NODES to raise the limit"), params={}, location=self.source,
                          code="input.too-many-values")

    def _too_deep(self) -> InputError:
        return InputError(N_("the data is nested more than {depth} levels deep"), params={"depth": self.max_depth},
                          location=self.source,
                          code="input.too-deep")
