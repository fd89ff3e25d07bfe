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

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sedp_core.findings import Report

__all__ = ["InputError", "InvalidProgram", "OutputError", "PluginError", "RenderError", "SedpError", "TemplateProblem"]


class SedpError(Exception):
    """Base of every error sedp reports to a user. `code` is stable (docs/validation.md lists them)."""

    exit_code = 2
    default_code = "sedp.error"

    def __init__(self, message: str, *, location: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.code = code or self.default_code

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


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
