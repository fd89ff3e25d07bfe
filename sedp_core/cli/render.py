"""`sedp render`: program files to documents, in this process or in a pool of workers."""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from sedp_core.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    err,
    error_line,
    handle_errors,
    program_files,
    report_lines,
    stderr_console,
)
from sedp_core.cli.group import cli
from sedp_core.errors import InputError, OutputError, SedpError
from sedp_core.i18n import N_, pick_language, translation


@dataclass
class RenderOutcome:
    """What rendering one program file gave: the documents written and the messages to show."""

    source: str
    written: list[str] = field(default_factory=list)
    messages: list[tuple[str, str | None]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    """Why it failed, one line each, for the batch's summary at the end."""
    failures: int = 0
    exit_code: int = EXIT_OK
    """2 when the file could not be used at all, 1 when it was invalid or a document failed."""

    def fail(self, message: str, exit_code: int = EXIT_INVALID) -> None:
        self.messages.append((message, "red"))
        self.reasons.append(message.removeprefix(f"{self.source}: "))
        self.failures += 1
        self.exit_code = max(self.exit_code, exit_code)


def render_program_file(path: Path, out_dir: Path, document_ids: tuple[str, ...],
                        languages: tuple[str, ...], template_dir: Path | None = None) -> RenderOutcome:
    """Validate one program file and render its documents; every problem becomes a message, never an exception.

    `template_dir`, else the program's own `templates` folder, replaces the templates it has a file for."""
    from sedp_core.validation.memo import memo_scope

    # One scope: what validation's rendering of an approved program built is shared with the documents written.
    with memo_scope():
        outcome = _render_program_file(path, out_dir, document_ids, languages, template_dir)
    # A rendered document leaves cyclic garbage (python-docx parts point back at their package) that holds its XML
    # trees; the generational collector seldom reaches it, and a batch worker grew by a third. Collect per program.
    gc.collect()
    return outcome


def _render_program_file(path: Path, out_dir: Path, document_ids: tuple[str, ...],
                         languages: tuple[str, ...], template_dir: Path | None) -> RenderOutcome:
    from sedp_core.rendering.render import planned_documents, render_document
    from sedp_core.rendering.templates import override_templates
    from sedp_core.validation.validate import validate_file

    outcome = RenderOutcome(str(path))
    speak = pick_language(languages[0] if languages else None)  # the language of the error lines
    try:
        result = validate_file(path)
    except SedpError as exc:
        outcome.fail(error_line(exc, speak), exc.exit_code)
        return outcome
    if result.program is None:
        from sedp_core.cli.batch_report import invalid_reason

        outcome.messages += report_lines(result.report, pick_language(None, [result.report.language or ""]))
        outcome.reasons.append(invalid_reason(result.report))
        outcome.failures += 1
        outcome.exit_code = EXIT_INVALID
        return outcome
    program, methodology = result.program, result.methodology
    own = template_dir or (Path(path).parent / program.templates if program.templates else None)
    try:
        methodology = override_templates(methodology, own)
    except SedpError as exc:
        outcome.fail(f"{path}: {error_line(exc, speak)}", exc.exit_code)
        return outcome
    # The warnings `sedp validate` shows (a misspelled field left out, a character removed) are shown here too:
    # the documents are written without what they name, and the officer must know it.
    outcome.messages += report_lines(result.report, pick_language(None, [result.report.language or ""]))[:-1]
    unknown = set(document_ids) - {d.id for d in methodology.documents}
    if unknown:
        # In a batch of several methodologies a document belongs to some of them: a note, not a failure; the
        # render command fails when no program has any of the documents asked for.
        outcome.messages.append((f"{path}: methodology {methodology.key} has no document "
                                 f"{', '.join(sorted(unknown))} (it has: "
                                 f"{', '.join(d.id for d in methodology.documents)})", "yellow"))
        if unknown == set(document_ids):
            return outcome
    try:
        jobs = planned_documents(program, methodology, document_ids, languages)
    except SedpError as exc:
        outcome.fail(f"{path}: {error_line(exc, speak)}", exc.exit_code)
        return outcome
    for job in jobs:
        try:
            outcome.written.append(str(render_document(program, methodology, job.document, job.language, out_dir,
                                                       item=job.item, item_no=job.item_no)))
        except OutputError:
            raise  # a full disk fails every further document too: the batch stops with one message
        except SedpError as exc:
            where = f"{job.document.id}" + (f" #{job.item_no}" if job.item_no else "")
            outcome.fail(f"{path}: {where} [{job.language}]: {error_line(exc, speak)}", exc.exit_code)
    return outcome


@cli.command(help=N_(
    "Render every document of each program (files or folders of files) into OUT.\n\n"
    "Programs are spread over the machine's cores. An invalid program is reported and skipped; the others still "
    "render. Prints the paths of the documents written. Exit code 0 when all rendered, 1 when a program was invalid "
    "or a document failed, 2 when a file could not be used at all.\n\n"
    "With --templates DIR (or `templates: DIR` in the program file, relative to it), a `<document>.docx` in DIR "
    "replaces the methodology's template of that document: a municipality's own letterhead, kept outside the "
    "installed package so that no upgrade writes over it."))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help=N_("Folder the documents are written to."))
@click.option("--document", "document_ids", multiple=True, help=N_("Render only this document id (repeatable)."))
@click.option("--lang", "languages", multiple=True, help=N_("Render only in this language (repeatable)."))
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help=N_("Worker processes; 0 uses every core."))
@click.option("--pdf", is_flag=True, help=N_("Also write a PDF of each document (LibreOffice, contents updated)."))
@click.option("--templates", "template_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help=N_("A folder of your own templates: its <document>.docx replaces the methodology's template."))
@handle_errors
def render(paths: tuple[Path, ...], out_dir: Path, document_ids: tuple[str, ...], languages: tuple[str, ...],
           jobs: int, pdf: bool, template_dir: Path | None) -> None:
    import os

    from sedp_core.cli.batch_report import BatchProgress, BatchSummary

    files = program_files(paths)
    if not files:
        raise SedpError(N_("no program files found in {paths}"), params={"paths": ", ".join(map(str, paths))})
    if template_dir is not None and not template_dir.is_dir():
        raise InputError(N_("the templates folder {folder} does not exist"), params={"folder": template_dir},
                         code="input.no-templates-dir")
    workers = min(jobs or os.cpu_count() or 1, len(files))
    outcomes: list[RenderOutcome] = []
    pdfs: list[str] = []
    pdf_failures = 0
    summary = BatchSummary(len(files))
    with contextlib.ExitStack() as stack:
        converter = None
        if pdf:
            from sedp_core.rendering.pdf import PdfConverter

            try:  # PDFs are made while the other programs render; leaving the block ends every LibreOffice
                converter = stack.enter_context(PdfConverter(out_dir))
            except SedpError as exc:
                line = error_line(exc, pick_language(languages[0] if languages else None))
                err(line)
                summary.add("PDF", [line])
                pdf_failures += 1
        bar_words = translation(pick_language(languages[0] if languages else None))  # the progress bar's words
        with BatchProgress(files, workers, bar_words.gettext("rendering"), stderr_console()) as progress:
            submitted = 0
            for outcome in _render_all(files, out_dir, document_ids, languages, workers, template_dir):
                outcomes.append(outcome)
                for line, colour in outcome.messages:
                    progress.print(line, colour)  # one line each, as `validate` prints it
                if outcome.reasons:
                    summary.add(outcome.source, outcome.reasons)
                progress.done(outcome.source)
                for written_path in outcome.written if converter is not None else ():
                    converter.submit(Path(written_path))
                    submitted += 1
            if converter is not None:
                progress.phase(bar_words.gettext("making PDFs"), total=submitted)
                for result in converter.results():
                    if result.error is not None:
                        line = error_line(result.error, pick_language(languages[0] if languages else None))
                        progress.print(line, "red")
                        summary.add(str(result.document), [f"PDF: {line}"])
                        pdf_failures += 1
                    elif result.pdf is not None:
                        pdfs.append(str(result.pdf))
                    progress.done("")
    written = [p for o in outcomes for p in o.written]
    failed = sum(o.failures for o in outcomes)
    t = translation(pick_language(languages[0] if languages else None))
    by_path: dict[str, list[str]] = {}
    for o in outcomes:
        for p in o.written:
            by_path.setdefault(p, []).append(o.source)
    for p, sources in sorted(by_path.items()):
        if len(sources) > 1:  # two programs with one id: nothing may be lost silently
            clash = "error: " + t.gettext("{programs} have the same program id, so {path} holds only one of them; "
                                          "give each program its own id").format(programs=", ".join(sources), path=p)
            err(clash)
            for source in sources:
                summary.add(source, [clash])
            failed += 1
    written = sorted(set(written))
    if document_ids and not written and not failed:
        err("error: " + t.ngettext("no program has the document {documents}",
                                   "no program has the documents {documents}",
                                   len(document_ids)).format(documents=", ".join(document_ids)))
        failed += 1
    written += sorted(pdfs)
    failed += pdf_failures
    for p in written:
        click.echo(p)
    for line in summary.lines():  # last, where the officer looks: which programs to fix, and why
        err(line)
    click.echo(_summary(len(written), len(files), out_dir, failed, pick_language(languages[0] if languages else None)),
               err=True)
    worst = max((o.exit_code for o in outcomes), default=EXIT_OK)
    sys.exit(max(worst, EXIT_INVALID if failed else EXIT_OK))


def _summary(documents: int, programs: int, out_dir: Path, failed: int, language: str) -> str:
    """The last line of `sedp render`, in `language`: how many documents from how many programs, and failures."""
    t = translation(language)
    # TRANSLATORS: {from_programs} is the message "from {n} program(s)"
    line = t.ngettext("{n} document {from_programs} written to {folder}", "{n} documents {from_programs} written to "
                      "{folder}", documents).format(n=documents, folder=out_dir, from_programs=t.ngettext(
                          "from {n} program", "from {n} programs", programs).format(n=programs))
    return line + (t.ngettext("; {n} failure", "; {n} failures", failed).format(n=failed) if failed else "")


def _render_all(files: list[Path], out_dir: Path, document_ids: tuple[str, ...], languages: tuple[str, ...],
                workers: int, template_dir: Path | None = None) -> Iterator[RenderOutcome]:
    """Outcomes as programs finish: in this process for one worker, else in a pool of processes."""
    if workers <= 1:
        for path in files:
            yield render_program_file(path, out_dir, document_ids, languages, template_dir)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # fork shares the loaded plugins, models and libraries with the workers where the platform has it.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    if "fork" in methods:
        from sedp_core.rendering.render import prepare_for_workers

        prepare_for_workers()
        gc.freeze()  # the workers' collections then skip (and do not write to) the pages they share with us
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_signals)
    try:
        futures = [pool.submit(render_program_file, p, out_dir, document_ids, languages, template_dir)
                   for p in files]
        for future in as_completed(futures):
            yield future.result()
    except BaseException:
        # Ctrl-C, a full disk, or any failure: the programs not started are cancelled and the workers stopped
        # now (each removes the temporary file it was writing), instead of the pool rendering the whole batch.
        _stop_pool(pool)
        raise
    pool.shutdown()


def _worker_signals() -> None:
    """Workers leave Ctrl-C to the parent (an interrupt of the whole process group reaches them too, and pool
    workers would report it as a result and go on) and stop at once on SIGTERM, removing the temporary file they
    were writing. An exception raised from the handler would unwind more politely, but it can land inside a
    garbage-collection callback or `sys.unraisablehook`, where Python prints a traceback and goes on rendering."""
    import os
    import signal

    from sedp_core.rendering.fileio import remove_pending

    def stop(*_: Any) -> None:
        remove_pending()
        os._exit(130)

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, stop)


def _stop_pool(pool: Any) -> None:
    """Cancel what has not started and stop the workers: SIGTERM (they clean up), then SIGKILL after 10 s."""
    processes = list(getattr(pool, "_processes", {}).values())  # the executor has no public way to stop workers
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(10)
        if process.is_alive():
            process.kill()
            process.join()
