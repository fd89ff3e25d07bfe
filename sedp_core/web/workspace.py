"""One upload's workspace: a folder named by an unguessable token, holding everything the pages show.

All state is on disk (the uploaded file, its report, the render's status and documents), so several server
processes behind one proxy share it and no user's state lives in a process's memory. A workspace older than the
time to live is deleted by the sweep; a token that does not name a live workspace is simply not found.
"""

from __future__ import annotations

import contextlib
import json
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Workspace", "WorkspaceStore"]

_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32): 32 random bytes, 43 characters
_STAMP = "created"


@dataclass(frozen=True)
class Workspace:
    """The folder of one upload. Only `program.<ext>` (the upload, renamed) and files sedp writes live in it."""

    token: str
    folder: Path

    @property
    def documents(self) -> Path:
        return self.folder / "documents"

    @property
    def previews(self) -> Path:
        return self.folder / "previews"

    def read_json(self, name: str) -> Any:
        try:
            return json.loads((self.folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def write_json(self, name: str, value: Any) -> None:
        """Written to a temporary name and renamed, so a page never reads half a file."""
        target = self.folder / name
        temporary = target.with_name(f".{name}.{secrets.token_hex(4)}.tmp")
        temporary.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        temporary.replace(target)

    def program_file(self) -> Path | None:
        meta = self.read_json("upload.json") or {}
        name = meta.get("stored")
        return self.folder / name if isinstance(name, str) and "/" not in name else None


class WorkspaceStore:
    """Creates, finds and sweeps the workspaces under `root`."""

    def __init__(self, root: Path, ttl_seconds: int) -> None:
        self.root = Path(root)
        self.ttl_seconds = ttl_seconds
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)

    def create(self) -> Workspace:
        token = secrets.token_urlsafe(32)
        folder = self.root / token
        folder.mkdir(mode=0o700)
        (folder / _STAMP).write_text(str(time.time()), encoding="ascii")
        return Workspace(token, folder)

    def _created(self, folder: Path) -> float | None:
        try:
            return float((folder / _STAMP).read_text(encoding="ascii"))
        except (OSError, ValueError):
            return None

    def find(self, token: str) -> Workspace | None:
        """The live workspace of `token`; None for a malformed, unknown or expired one (an expired one is deleted
        now rather than at the next sweep)."""
        if not _TOKEN.fullmatch(token):
            return None
        folder = self.root / token
        created = self._created(folder)
        if created is None:
            return None
        if time.time() - created > self.ttl_seconds:
            self.delete(folder)
            return None
        return Workspace(token, folder)

    def delete(self, folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)

    def sweep(self) -> int:
        """Delete every workspace past its time to live (and any folder that is not a workspace); return how many."""
        removed = 0
        now = time.time()
        with contextlib.suppress(OSError):
            for folder in self.root.iterdir():
                if not folder.is_dir() or not _TOKEN.fullmatch(folder.name):
                    continue
                created = self._created(folder)
                if created is None:
                    # being created right now, or left half-made: give it one time to live by its folder's age
                    with contextlib.suppress(OSError):
                        created = folder.stat().st_mtime
                if created is None or now - created > self.ttl_seconds:
                    self.delete(folder)
                    removed += 1
        return removed

    def delete_all(self) -> None:
        with contextlib.suppress(OSError):
            for folder in self.root.iterdir():
                if folder.is_dir() and _TOKEN.fullmatch(folder.name):
                    self.delete(folder)
