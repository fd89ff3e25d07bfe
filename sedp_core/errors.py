"""The one exception tree of sedp. Every error a user can cause is a `SedpError` with a clear message.

    SedpError                  base; `exit_code` tells the CLI what to return
    ├── InputError             the input cannot be used at all (unreadable, YAML syntax, unknown methodology): exit 2
    ├── InvalidProgram         the input was read but breaks schema or rules; carries the `Report`: exit 1
    ├── PluginError            a plugin is broken or registers something inconsistent: exit 2
    ├── TemplateProblem        a Word template is broken or uses a name its context does not have: exit 2
    ├── RenderError            rendering produced a document that would be damaged: exit 2
    └── OutputError            a file could not be written (a full disk, no permission): exit 2
"""

from __future__ import annotations

import errno
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sedp_core.i18n import N_

if TYPE_CHECKING:
    from sedp_core.findings import Report

__all__ = ["InputError", "InvalidProgram", "OutputError", "PluginError", "RenderError", "SedpError", "TemplateProblem",
           "os_reason"]


class SedpError(Exception):
    """Base of every error sedp reports to a user. `code` is stable (docs/validation.md lists them).

    `message` is a msgid of the core's catalog (`sedp_core.i18n`, marked with `N_`) whose ``{placeholders}`` are
    filled from `params`; `str(exc)` stays English (logs, Python users), `in_language(lang)` is what the CLI shows
    an officer. A message without params is shown as it is when the catalog has no translation of it."""

    exit_code = 2
    default_code = "sedp.error"

    def __init__(self, message: str, *, location: str | None = None, code: str | None = None,
                 params: Mapping[str, Any] | None = None) -> None:
        self.msgid = message
        self.params = dict(params) if params is not None else None
        text = message.format(**self.params) if self.params is not None else message
        super().__init__(text)
        self.message = text
        self.location = location
        self.code = code or self.default_code

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message

    def message_in(self, language: str | None) -> str:
        """The message alone in `language` (English where the catalog has no translation), without the location."""
        from sedp_core.i18n import Term, translation

        if self.params is None:  # an English sentence built in place, or a msgid without placeholders
            return translation(language).gettext(self.msgid)
        return Term(self.msgid, **self.params).in_language(language)

    def in_language(self, language: str | None) -> str:
        """`str(self)` with the message in `language` (English where the catalog has no translation)."""
        message = self.message_in(language)
        return f"{self.location}: {message}" if self.location else message


_OS_REASONS = {
    errno.ENOENT: N_("there is no such file or folder"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EISDIR: N_("it is a folder, not a file"),
    errno.ENOTDIR: N_("a part of the path is a file, not a folder"),
    errno.EEXIST: N_("a file or folder of that name is already there"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk quota is used up"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EBUSY: N_("the file is in use by another program"),
    errno.ETXTBSY: N_("the file is in use by another program"),
    errno.EIO: N_("the disk could not be read or written (input/output error)"),
    errno.EMFILE: N_("too many files are open"),
    errno.ELOOP: N_("too many symbolic links"),
}


def os_reason(exc: OSError) -> Any:
    """Why the system refused a file, for a message's ``{reason}``: a `Term` of the catalog for the common errno
    values (the system's own words, `strerror`, are English whatever the user's language), else those words."""
    from sedp_core.i18n import Term

    msgid = _OS_REASONS.get(exc.errno or 0)
    return Term(msgid) if msgid else (exc.strerror or str(exc) or type(exc).__name__)


class InputError(SedpError):
    """The input cannot be used at all: unreadable, not YAML/JSON, no methodology, ..."""

    default_code = "input.unusable"


class InvalidProgram(SedpError):
    """The program was read but has errors; `report` lists every one of them."""

    exit_code = 1
    default_code = "program.invalid"

    def __init__(self, report: Report) -> None:
        super().__init__(f"{report.source}: {report.error_count} error(s); the program is not valid")
        self.report = report


class PluginError(SedpError):
    """A plugin is broken or registers something inconsistent."""

    default_code = "plugin.error"


class TemplateProblem(SedpError):
    """A Word template is broken, or uses a name that its context does not provide."""

    default_code = "template.error"


class RenderError(SedpError):
    """Rendering would produce a damaged document, so nothing was written."""

    default_code = "render.error"


class OutputError(SedpError):
    """A file could not be written (a full disk, a read-only folder); nothing partial was left. A batch stops at
    the first one: every further file would fail the same way."""

    default_code = "output.write-failed"
