"""`sedp summary`: many programs of one methodology → a regional summary document (.docx) and workbook (.xlsx)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sedp_core.cli.common import EXIT_INVALID, EXIT_OK, err, error_line, handle_errors, program_files
from sedp_core.cli.group import cli
from sedp_core.errors import SedpError
from sedp_core.i18n import N_, pick_language, translation


@cli.command(help=N_(
    "Summarize many programs of one methodology (files or folders of files) for a region: a Word document and an "
    "Excel workbook in OUT.\n\n"
    "Per municipality and in total: financing by source and year, activities by sector, the national strategy's "
    "entries each is aligned with and those none is, indicators several programs share, and the methodology's "
    "own sections. Each program is validated as it is read; an invalid one is reported, left out, and named in "
    "the summary. Exit code 0 when every file was summarized, 1 when a file was left out, 2 when nothing could be "
    "summarized (no valid program, or programs of different methodologies)."))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help=N_("Folder the summary is written to."))
@click.option("--lang", "language", default=None,
              help=N_("Language of the summary (default: the first program's main language)."))
@click.option("--name", "name", default="summary", show_default=True,
              help=N_("File name of the summary, without extension."))
@handle_errors
def summary(paths: tuple[Path, ...], out_dir: Path, language: str | None, name: str) -> None:
    from sedp_core.analysis.summary import Outcome, read_programs, summarize
    from sedp_core.analysis.summary_document import all_sections, summary_marks, write_document
    from sedp_core.analysis.summary_workbook import write_workbook
    from sedp_core.cli.batch_report import BatchProgress, BatchSummary, invalid_reason, stderr_console

    files = program_files(paths)
    if not files:
        raise SedpError(N_("no program files found in {paths}"), params={"paths": ", ".join(map(str, paths))})
    failures = BatchSummary(len(files))
    with BatchProgress(files, 1, translation(pick_language(language)).gettext("reading"), stderr_console()) as progress:

        def done(outcome: Outcome) -> None:
            if outcome.error is not None:
                line = error_line(outcome.error, pick_language(language))
                progress.print(line, "red")
                failures.add(outcome.source, [line])
            elif outcome.report is not None:
                reason = invalid_reason(outcome.report, language)
                progress.print(f"{outcome.source}: {reason}", "red")
                failures.add(outcome.source, [reason])
            progress.done(outcome.source)

        result = summarize(read_programs(files, done))
        chosen = pick_language(language, [result.programs[0].main_language])
        progress.phase(translation(chosen).gettext("writing the summary"))
        sections = all_sections(result, chosen)
        out_dir.mkdir(parents=True, exist_ok=True)
        docx = write_document(result, chosen, out_dir / f"{name}_{chosen}.docx", sections)
        xlsx = write_workbook(sections, out_dir / f"{name}_{chosen}.xlsx", summary_marks(result))
    click.echo(str(docx))
    click.echo(str(xlsx))
    for line in failures.lines(files=True, language=chosen):
        err(line)
    t = translation(chosen)
    err(t.ngettext("{n} program summarized, {left} left out", "{n} programs summarized, {left} left out",
                   len(result.programs)).format(n=len(result.programs), left=len(result.left_out)))
    sys.exit(EXIT_INVALID if result.left_out else EXIT_OK)
