"""`sedp init` and `sedp validate`: starting a program file and checking it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from sedp_core.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_UNUSABLE,
    err,
    error_line,
    handle_errors,
    print_report,
)
from sedp_core.cli.group import cli
from sedp_core.errors import SedpError
from sedp_core.i18n import N_, pick_language, translation


@cli.command(help=N_("Check program files against their methodology: schema and rules, every problem in one run.\n\n"
                     "Exit code 0 when every file is valid, 1 when one has errors, 2 when a file cannot be used at "
                     "all."))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help=N_("Print the report as JSON."))
@click.option("--lang", "language", default=None,
              help=N_("Language of the messages (default: the program's first language, else LANGUAGE/LANG)."))
@handle_errors
def validate(files: tuple[Path, ...], as_json: bool, language: str | None) -> None:
    from sedp_core.cli.batch_report import BatchSummary, invalid_reason
    from sedp_core.validation.validate import validate_file

    worst = EXIT_OK
    summary = BatchSummary(len(files))
    for path in files:
        try:
            result = validate_file(path)
        except SedpError as exc:
            line = error_line(exc, pick_language(language))
            if as_json:
                click.echo(json.dumps({"source": str(path), "valid": False, "unusable": {
                    "code": exc.code, "location": exc.location, "message": exc.message_in(pick_language(language))}},
                    ensure_ascii=False))
            else:
                err(line)
            summary.add(str(path), [line])
            worst = max(worst, EXIT_UNUSABLE)
            continue
        print_report(result.report, as_json, pick_language(language, [result.report.language or ""]))
        if not result.report.valid:
            summary.add(str(path), [invalid_reason(result.report)])
            worst = max(worst, EXIT_INVALID)
    if len(files) > 1 and not as_json:  # after every report: the list to work through
        for line in summary.lines(files=True):
            err(line)
    sys.exit(worst)


@cli.command(help=N_("Write a commented sample program for METHODOLOGY to PATH, to start from."))
@click.argument("methodology")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--version", "version", default=None, help=N_("Methodology version (default: the plugin's default)."))
@click.option("--force", is_flag=True, help=N_("Overwrite PATH if it exists."))
@handle_errors
def init(methodology: str, path: Path, version: str | None, force: bool) -> None:
    from sedp_core.registry.collect import get_registry
    from sedp_core.rendering.fileio import write_atomic

    m = get_registry().methodology(methodology, version)
    if m.sample is None or not Path(m.sample).is_file():
        raise SedpError(N_("methodology {methodology} ships no sample program"), params={"methodology": m.key})
    if path.exists() and not force:
        raise SedpError(N_("{path} already exists (use --force to overwrite it)"), params={"path": path})
    write_atomic(path, Path(m.sample).read_bytes())
    click.echo(translation(pick_language(None)).gettext("wrote {path} ({methodology}); next: sedp validate {path}")
               .format(path=path, methodology=m.key))
