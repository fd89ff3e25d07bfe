"""What every command group shares: exit codes, error handling, printing a report, the stderr console."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from sedp_core.errors import InvalidProgram, SedpError
from sedp_core.i18n import N_, translation

__all__ = [
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_UNUSABLE",
    "err",
    "error_line",
    "handle_errors",
    "print_report",
    "program_files",
    "progress",
    "refuse_overwrite",
    "report_lines",
    "stderr_console",
]


EXIT_OK, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2


def err(message: str) -> None:
    click.secho(message, fg="red", err=True)


def error_line(exc: SedpError, language: str | None) -> str:
    """The line that reports an error which stopped a command: the code stays as it is (tools read it), the
    message is in `language` (see `SedpError.in_language`)."""
    return f"error [{exc.code}]: {exc.in_language(language)}"


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn every sedp error into one clear message and its exit code; never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InvalidProgram as exc:
            print_report(exc.report, as_json=False)
            sys.exit(EXIT_INVALID)
        except SedpError as exc:
            err(error_line(exc, _language(kwargs)))
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            err(translation(_language(kwargs)).gettext("interrupted; no partial file was left behind"))
            sys.exit(130)

    return wrapper


def _language(options: dict[str, Any]) -> str:
    """The language of a command's messages: its --lang (`language`, or the first of `languages`), else the
    environment's (`i18n.pick_language`)."""
    from sedp_core.i18n import pick_language

    languages = options.get("languages") or ()
    return pick_language(options.get("language") or (languages[0] if languages else None))


def report_lines(report: Any, language: str | None = None) -> list[tuple[str, str | None]]:
    """A report as (line, colour) pairs: one line per finding, then the verdict, in `language` (see
    `i18n.pick_language`). `error`/`warning`, the code and the path stay as they are: tools and editors read them."""
    from sedp_core.i18n import N_, translation

    t = translation(language)
    lines: list[tuple[str, str | None]] = []
    for f in report.findings:
        where = f.location or report.source
        colour = "red" if f.severity == "error" else "yellow"
        lines.append((f"{where}: {f.severity} [{f.code}] {f.path or '/'}: {f.message(language or 'en')}", colour))
    status = t.gettext(N_("valid")) if report.valid else t.gettext(N_("NOT valid"))
    errors = t.ngettext("{n} error", "{n} errors", len(report.errors)).format(n=len(report.errors))
    warnings = t.ngettext("{n} warning", "{n} warnings", len(report.warnings)).format(n=len(report.warnings))
    lines.append((f"{report.source}: {status} ({errors}, {warnings})", None))
    return lines


def print_report(report: Any, as_json: bool, language: str | None = None) -> None:
    if as_json:
        click.echo(report.to_json())
        return
    for line, colour in report_lines(report, language):
        click.secho(line, fg=colour, err=True)


def program_files(paths: tuple[Path, ...]) -> list[Path]:
    from sedp_core.registry.collect import get_registry

    suffixes = set(get_registry().readers)
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
        else:
            files.append(path)
    return files


def stderr_console() -> Any:
    from sedp_core.cli.batch_report import stderr_console

    return stderr_console()


def refuse_overwrite(path: Path, force: bool) -> str:
    """'new file' or 'replaced'; raises when `path` exists (a non-empty folder counts) and `force` is not set."""
    exists = path.is_file() or (path.is_dir() and any(path.iterdir()))
    if exists and not force:
        raise SedpError(N_("{path} already exists; nothing was written (use --force to replace it)"),
                        params={"path": path}, code="output.exists")
    return "replaced existing" if exists else "wrote new"


def progress(label: str) -> Any:
    """A callback that shows which table is being written, on stderr (long workbooks take a few seconds)."""
    console = stderr_console()

    def show(name: str, *_: Any) -> None:
        console.print(f"[dim]{label} {name}[/dim]", highlight=False)

    return show if console.is_terminal else None
