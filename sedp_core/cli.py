"""The `sedp` command line. Heavy libraries (docxtpl, pydantic models, babel) load only inside commands."""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from sedp_core.errors import InputError, InvalidProgram, OutputError, SedpError

EXIT_OK, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2


def _err(message: str) -> None:
    click.secho(message, fg="red", err=True)


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn every sedp error into one clear message and its exit code; never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InvalidProgram as exc:
            _print_report(exc.report, as_json=False)
            sys.exit(EXIT_INVALID)
        except SedpError as exc:
            _err(f"error [{exc.code}]: {exc}")
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            _err("interrupted; no partial file was left behind")
            sys.exit(130)

    return wrapper


class PluginAwareGroup(click.Group):
    """The root group: plugin commands (sedp_register_commands) load only when a command outside the core's own is
    asked for, so `sedp --help` and core commands start without importing plugins; `sedp plugins` lists them."""

    _plugins_loaded = False

    def _load_plugin_commands(self) -> None:
        if not PluginAwareGroup._plugins_loaded:
            PluginAwareGroup._plugins_loaded = True
            from sedp_core.registry.manager import get_plugin_manager

            get_plugin_manager().hook.sedp_register_commands(cli=self)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None:
            self._load_plugin_commands()
            command = super().get_command(ctx, cmd_name)
        return command



@click.group(cls=PluginAwareGroup, context_settings={"help_option_names": ["-h", "--help"]},
             epilog="Plugins may add commands of their own: `sedp plugins` lists them.")
@click.version_option(package_name="sedp", prog_name="sedp")
def cli() -> None:
    """sedp: socio-economic development programs, from data to official Word documents.

    Typical use: `sedp init METHODOLOGY my.yaml`, edit it, `sedp validate my.yaml`, `sedp render my.yaml`.
    """


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for tools.")
@handle_errors
def plugins(as_json: bool) -> None:
    """List installed plugins, their methodologies, documents and catalogs."""
    from sedp_core.registry.collect import get_registry
    from sedp_core.registry.manager import failures, get_plugin_manager, plugin_distribution, plugin_info

    pm = get_plugin_manager()
    registry = get_registry()
    out = []
    for name, plugin in pm.list_name_plugin():
        if name.startswith("sedp_core."):
            continue
        module = getattr(plugin, "__name__", "")
        dist, version = plugin_distribution(name)
        methodologies = [m for m in registry.methodologies.values() if registry.origins.get(m.key) == name]
        info = plugin_info(plugin)
        commands = click.Group()
        if hasattr(plugin, "sedp_register_commands"):
            plugin.sedp_register_commands(cli=commands)
        out.append({
            "commands": sorted(commands.commands),
            "name": name, "distribution": dist, "version": version, "module": module,
            "title": dict(info.name) if info else {}, "description": dict(info.description) if info else {},
            "core": info.core if info else "", "country": info.country if info else None,
            "documentation": info.documentation if info else None,
            "methodologies": [
                {"id": m.id, "version": m.version, "default": m.default, "title": dict(m.title),
                 "languages": list(m.languages), "documents": [d.id for d in m.documents],
                 "catalogs": list(m.catalogs)}
                for m in methodologies
            ],
            "catalogs": sorted({c for m in methodologies for c in m.catalogs}),
        })
    broken = [{"name": f.name, "error": f.error} for f in failures]
    # Two plugins naming one code of a shared codelist differently: each methodology still prints its own
    # plugin's title, but the disagreement on an official name is for a reviewer to settle.
    clashes = [{"codelist": c.codelist, "code": c.code, "language": c.language,
                "titles": [{"plugin": p, "title": t} for p, t in c.titles]} for c in registry.codelist_clashes()]
    if as_json:
        click.echo(json.dumps({"plugins": out, "failed": broken, "codelist_clashes": clashes}, ensure_ascii=False,
                              indent=2))
        return
    # Plain lines, not a table: a table squeezed into 80 columns cut the document ids short, and rich would add
    # a tenth of a second to a command officers run to see what is installed.
    for p in out:
        click.echo(f"{p['name']} {p['version']}".rstrip()
                   + (f"  (package {p['distribution']})" if p["distribution"] not in ("", p["name"]) else ""))
        for m in p["methodologies"]:
            click.echo(f"  {m['id']} {m['version']}" + (" (default)" if m["default"] else "")
                       + f"  languages: {', '.join(m['languages'])}")
            click.echo(f"    documents: {', '.join(m['documents']) or '-'}")
            click.echo(f"    catalogs:  {', '.join(m['catalogs']) or '-'}")
        if p["commands"]:
            click.echo(f"  commands: {', '.join(p['commands'])}")
    for f in broken:
        _err(f"plugin {f['name']} failed to load and was skipped: {f['error']}")
    for clash in registry.codelist_clashes():
        _err(f"codelist titles differ between plugins (each methodology prints its own plugin's): {clash}")


def _report_lines(report: Any, language: str | None = None) -> list[tuple[str, str | None]]:
    """A report as (line, colour) pairs: one line per finding, then the verdict."""
    lines: list[tuple[str, str | None]] = []
    for f in report.findings:
        where = f.location or report.source
        colour = "red" if f.severity == "error" else "yellow"
        lines.append((f"{where}: {f.severity} [{f.code}] {f.path or '/'}: {f.message('en')}", colour))
        if language and language != "en" and f.messages.get(language):
            lines.append((f"    {f.messages[language]}", None))
    status = "valid" if report.valid else "NOT valid"
    lines.append((f"{report.source}: {status} ({len(report.errors)} error(s), {len(report.warnings)} warning(s))",
                   None))
    return lines


def _print_report(report: Any, as_json: bool, language: str | None = None) -> None:
    if as_json:
        click.echo(report.to_json())
        return
    for line, colour in _report_lines(report, language):
        click.secho(line, fg=colour, err=True)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@handle_errors
def validate(files: tuple[Path, ...], as_json: bool) -> None:
    """Check program files against their methodology: schema and rules, every problem in one run.

    Exit code 0 when every file is valid, 1 when one has errors, 2 when a file cannot be used at all.
    """
    from sedp_core.validation.validate import validate_file

    worst = EXIT_OK
    for path in files:
        try:
            result = validate_file(path)
        except SedpError as exc:
            if as_json:
                click.echo(json.dumps({"source": str(path), "valid": False, "unusable": {
                    "code": exc.code, "location": exc.location, "message": exc.message}}, ensure_ascii=False))
            else:
                _err(f"error [{exc.code}]: {exc}")
            worst = max(worst, EXIT_UNUSABLE)
            continue
        _print_report(result.report, as_json, result.report.language)
        if not result.report.valid:
            worst = max(worst, EXIT_INVALID)
    sys.exit(worst)


def _program_files(paths: tuple[Path, ...]) -> list[Path]:
    from sedp_core.registry.collect import get_registry

    suffixes = set(get_registry().readers)
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
        else:
            files.append(path)
    return files


@dataclass
class RenderOutcome:
    """What rendering one program file gave: the documents written and the messages to show."""

    source: str
    written: list[str] = field(default_factory=list)
    messages: list[tuple[str, str | None]] = field(default_factory=list)
    failures: int = 0
    exit_code: int = EXIT_OK
    """2 when the file could not be used at all, 1 when it was invalid or a document failed."""

    def fail(self, message: str, exit_code: int = EXIT_INVALID) -> None:
        self.messages.append((message, "red"))
        self.failures += 1
        self.exit_code = max(self.exit_code, exit_code)


def render_program_file(path: Path, out_dir: Path, document_ids: tuple[str, ...],
                        languages: tuple[str, ...], template_dir: Path | None = None) -> RenderOutcome:
    """Validate one program file and render its documents; every problem becomes a message, never an exception.

    `template_dir`, else the program's own `templates` folder, replaces the templates it has a file for."""
    from sedp_core.rendering.render import planned_documents, render_document
    from sedp_core.rendering.templates import override_templates
    from sedp_core.validation.validate import validate_file

    outcome = RenderOutcome(str(path))
    try:
        result = validate_file(path)
    except SedpError as exc:
        outcome.fail(f"error [{exc.code}]: {exc}", exc.exit_code)
        return outcome
    if result.program is None:
        outcome.messages += _report_lines(result.report, result.report.language)
        outcome.failures += 1
        outcome.exit_code = EXIT_INVALID
        return outcome
    program, methodology = result.program, result.methodology
    own = template_dir or (Path(path).parent / program.templates if program.templates else None)
    try:
        methodology = override_templates(methodology, own)
    except SedpError as exc:
        outcome.fail(f"{path}: error [{exc.code}]: {exc}", exc.exit_code)
        return outcome
    # The warnings `sedp validate` shows (a misspelled field left out, a character removed) are shown here too:
    # the documents are written without what they name, and the officer must know it.
    outcome.messages += _report_lines(result.report, result.report.language)[:-1]
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
        outcome.fail(f"{path}: error [{exc.code}]: {exc}", exc.exit_code)
        return outcome
    for job in jobs:
        try:
            outcome.written.append(str(render_document(program, methodology, job.document, job.language, out_dir,
                                                       item=job.item, item_no=job.item_no)))
        except OutputError:
            raise  # a full disk fails every further document too: the batch stops with one message
        except SedpError as exc:
            where = f"{job.document.id}" + (f" #{job.item_no}" if job.item_no else "")
            outcome.fail(f"{path}: {where} [{job.language}]: error [{exc.code}]: {exc}", exc.exit_code)
    # A rendered document leaves cyclic garbage (python-docx parts point back at their package) that holds its XML
    # trees; the generational collector seldom reaches it, and a batch worker grew by a third. Collect per program.
    gc.collect()
    return outcome


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help="Folder the documents are written to.")
@click.option("--document", "document_ids", multiple=True, help="Render only this document id (repeatable).")
@click.option("--lang", "languages", multiple=True, help="Render only in this language (repeatable).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes; 0 uses every core.")
@click.option("--pdf", is_flag=True, help="Also write a PDF of each document (LibreOffice, contents updated).")
@click.option("--templates", "template_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="A folder of your own templates: its <document>.docx replaces the methodology's template.")
@handle_errors
def render(paths: tuple[Path, ...], out_dir: Path, document_ids: tuple[str, ...], languages: tuple[str, ...],
           jobs: int, pdf: bool, template_dir: Path | None) -> None:
    """Render every document of each program (files or folders of files) into OUT.

    Programs are spread over the machine's cores. An invalid program is reported and skipped; the others still
    render. Prints the paths of the documents written. Exit code 0 when all rendered, 1 when a program was invalid
    or a document failed, 2 when a file could not be used at all.

    With --templates DIR (or `templates: DIR` in the program file, relative to it), a `<document>.docx` in DIR
    replaces the methodology's template of that document: a municipality's own letterhead, kept outside the
    installed package so that no upgrade writes over it.
    """
    import os

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    files = _program_files(paths)
    if not files:
        raise SedpError("no program files found in " + ", ".join(map(str, paths)))
    if template_dir is not None and not template_dir.is_dir():
        raise InputError(f"the templates folder {template_dir} does not exist", code="input.no-templates-dir")
    workers = min(jobs or os.cpu_count() or 1, len(files))
    outcomes: list[RenderOutcome] = []
    pdfs: list[str] = []
    pdf_failures = 0
    with contextlib.ExitStack() as stack:
        converter = None
        if pdf:
            from sedp_core.rendering.pdf import PdfConverter

            try:  # PDFs are made while the other programs render; leaving the block ends every LibreOffice
                converter = stack.enter_context(PdfConverter(out_dir))
            except SedpError as exc:
                _err(f"error [{exc.code}]: {exc}")
                pdf_failures += 1
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      transient=True, console=_stderr_console()) as progress:
            task = progress.add_task("rendering", total=len(files))
            for outcome in _render_all(files, out_dir, document_ids, languages, workers, template_dir):
                outcomes.append(outcome)
                for line, colour in outcome.messages:
                    # soft_wrap: a message is one line, as `validate` prints it (rich would cut it at 80 columns).
                    progress.console.print(line, style=colour, markup=False, highlight=False, soft_wrap=True)
                progress.update(task, advance=1, description=f"rendering {Path(outcome.source).name}")
                for written_path in outcome.written if converter is not None else ():
                    converter.submit(Path(written_path))
            if converter is not None:
                progress.update(task, description="making PDFs")
                for result in converter.results():
                    if result.error is not None:
                        progress.console.print(f"error [{result.error.code}]: {result.error}", style="red",
                                               markup=False, highlight=False, soft_wrap=True)
                        pdf_failures += 1
                    elif result.pdf is not None:
                        pdfs.append(str(result.pdf))
    written = [p for o in outcomes for p in o.written]
    failed = sum(o.failures for o in outcomes)
    by_path: dict[str, list[str]] = {}
    for o in outcomes:
        for p in o.written:
            by_path.setdefault(p, []).append(o.source)
    for p, sources in sorted(by_path.items()):
        if len(sources) > 1:  # two programs with one id: nothing may be lost silently
            _err(f"error: {', '.join(sources)} have the same program id, so {p} holds only one of them; "
                 "give each program its own id")
            failed += 1
    written = sorted(set(written))
    if document_ids and not written and not failed:
        _err(f"error: no program has the document(s) {', '.join(document_ids)}")
        failed += 1
    written += sorted(pdfs)
    failed += pdf_failures
    for p in written:
        click.echo(p)
    click.echo(f"{len(written)} document(s) from {len(files)} program(s) written to {out_dir}"
               + (f"; {failed} failure(s)" if failed else ""), err=True)
    worst = max((o.exit_code for o in outcomes), default=EXIT_OK)
    sys.exit(max(worst, EXIT_INVALID if failed else EXIT_OK))


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
        futures = [pool.submit(_render_in_worker, p, out_dir, document_ids, languages, template_dir)
                   for p in files]
        for future in as_completed(futures):
            yield future.result()
    except BaseException:
        # Ctrl-C, a full disk, or any failure: the programs not started are cancelled and the workers stopped
        # now (each removes the temporary file it was writing), instead of the pool rendering the whole batch.
        _stop_pool(pool)
        raise
    pool.shutdown()


_in_task = False
"""In a worker: whether it is rendering (a stop request then unwinds the render, so temporary files go)."""


class _Stopped(BaseException):
    """Raised in a worker told to stop while it renders."""


def _worker_signals() -> None:
    """Workers leave Ctrl-C to the parent (an interrupt of the whole process group reaches them too, and pool
    workers would report it as a result and go on) and stop on SIGTERM, cleaning up what they were writing."""
    import os
    import signal
    import sys

    def stop(*_: Any) -> None:
        if _in_task:
            raise _Stopped
        os._exit(130)

    def swallowed(unraisable: Any) -> None:
        # A signal handler's exception raised inside a garbage-collection callback is printed and dropped, and
        # the render would go on: ask again, so that the stop lands when ordinary code runs. The signal is sent
        # from another thread: sent from here, its handler would run inside this hook and raise in it.
        if isinstance(unraisable.exc_value, _Stopped):
            import threading

            threading.Timer(0.01, os.kill, (os.getpid(), signal.SIGTERM)).start()
        else:
            sys.__unraisablehook__(unraisable)

    sys.unraisablehook = swallowed
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, stop)


def _render_in_worker(path: Path, out_dir: Path, document_ids: tuple[str, ...],
                      languages: tuple[str, ...], template_dir: Path | None = None) -> RenderOutcome:
    import os

    global _in_task
    _in_task = True
    try:
        return render_program_file(path, out_dir, document_ids, languages, template_dir)
    except _Stopped:
        os._exit(130)  # write_atomic has removed its temporary file while the exception passed through it
    finally:
        _in_task = False


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


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


@cli.command()
@click.argument("methodology")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--version", "version", default=None, help="Methodology version (default: the plugin's default).")
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@handle_errors
def init(methodology: str, path: Path, version: str | None, force: bool) -> None:
    """Write a commented sample program for METHODOLOGY to PATH, to start from."""
    from sedp_core.registry.collect import get_registry
    from sedp_core.rendering.fileio import write_atomic

    m = get_registry().methodology(methodology, version)
    if m.sample is None or not Path(m.sample).is_file():
        raise SedpError(f"methodology {m.key} ships no sample program")
    if path.exists() and not force:
        raise SedpError(f"{path} already exists (use --force to overwrite it)")
    write_atomic(path, Path(m.sample).read_bytes())
    click.echo(f"wrote {path} ({m.key}); next: sedp validate {path}")


@cli.group()
def schema() -> None:
    """JSON Schemas of the core program and of each methodology."""


DEFAULT_SCHEMA_DIR = Path("schemas")


@schema.command("export")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_SCHEMA_DIR, show_default=True)
@handle_errors
def schema_export(out_dir: Path) -> None:
    """Write the schemas (Draft 2020-12) into OUT."""
    from sedp_core.schema.export import export_schemas

    for path in export_schemas(out_dir):
        click.echo(str(path))


@schema.command("check")
@click.option("--dir", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_SCHEMA_DIR, show_default=True)
@handle_errors
def schema_check(out_dir: Path) -> None:
    """Fail when the committed schemas differ from the models (run `sedp schema export` to update them)."""
    from sedp_core.schema.export import check_schemas

    problems = check_schemas(out_dir)
    for p in problems:
        _err(p)
    if problems:
        _err("schemas differ from the models: run `sedp schema export` and commit the result")
        sys.exit(EXIT_INVALID)
    click.echo("schemas are in step with the models")


@schema.command("doc")
@click.argument("methodology")
@click.option("--version", "version", default=None)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write to a file.")
@handle_errors
def schema_doc(methodology: str, version: str | None, output: Path | None) -> None:
    """Describe every field of METHODOLOGY's program in Markdown, for reviewers."""
    from sedp_core.registry.collect import get_registry
    from sedp_core.schema.doc import schema_markdown

    text = schema_markdown(get_registry().methodology(methodology, version))
    if output:
        from sedp_core.rendering.fileio import write_atomic

        write_atomic(output, text.encode("utf-8"))
    else:
        click.echo(text)


@schema.command("diff")
@click.argument("old")
@click.argument("new")
@handle_errors
def schema_diff(old: str, new: str) -> None:
    """List what changed from OLD to NEW: each is METHODOLOGY@VERSION or a schema file.

    Shows fields added, removed, made required or optional, retyped, and codes added or removed.
    Exit code 0 whether or not there are changes.
    """
    from sedp_core.schema.diff import diff_schemas, load_schema

    changes = diff_schemas(load_schema(old), load_schema(new))
    for change in changes:
        click.echo(str(change))
    click.echo(f"{len(changes)} change(s) from {old} to {new}", err=True)


@cli.group()
def plugin() -> None:
    """Create plugins for new countries."""


@plugin.command("new")
@click.argument("name")
@click.option("--country", required=True, help="ISO 3166-1 two-letter country code, e.g. TZ.")
@click.option("--title", default=None, help="The methodology's title, in the main language (e.g. \"Jamoat "
              "development plan\"); the other languages are marked to translate.")
@click.option("--languages", "language_list", default=None,
              help="The documents' languages, comma-separated, the main one first (e.g. tg,ru); default en.")
@click.option("--lang", "languages", multiple=True, help="A document language (repeatable; or use --languages).")
@click.option("--version", "version", default=None,
              help="The official methodology's version, e.g. the year it was approved (default: this year).")
@click.option("--methodology-id", default=None, help="Methodology id (default: COUNTRY.NAME in lower case).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("."), show_default=True)
@handle_errors
def plugin_new(name: str, country: str, title: str | None, language_list: str | None, languages: tuple[str, ...],
               version: str | None, methodology_id: str | None, out_dir: Path) -> None:
    """Generate a pip-installable plugin package NAME that passes its own tests as generated.

    Example: sedp plugin new tj_jamoat --country TJ --title "Jamoat development plan" --languages tg,ru
    --version 2025. Next: `pip install -e "sedp-NAME[test]"`, then `pytest` inside it; docs/writing-plugins.md
    goes on from there.
    """
    from sedp_core.authoring.scaffold import generate_plugin

    chosen = [*(language_list or "").split(","), *languages]
    target = generate_plugin(name, country, [lang for lang in chosen if lang.strip()], out_dir,
                             methodology_id=methodology_id, title=title, version=version)
    click.echo(f"created {target}")
    click.echo(f"next: pip install -e \"{target}[test]\" && (cd {target} && pytest)")


@cli.group()
def templates() -> None:
    """Word templates of the installed methodologies."""


@templates.command("check")
@click.option("--templates", "template_dir", type=click.Path(path_type=Path, file_okay=False, exists=True),
              default=None, help="Check a folder of your own templates (as `sedp render --templates` uses them).")
@handle_errors
def templates_check(template_dir: Path | None) -> None:
    """Check that every template renders with its methodology's sample and uses only names its context has.

    With --templates DIR, check the templates of DIR instead, each against the document it replaces."""
    from sedp_core.authoring.template_check import check_all_templates

    problems, checked = check_all_templates(template_dir=template_dir)
    for p in problems:
        _err(p)
    click.echo(f"{checked} template/language pair(s) checked, {len(problems)} problem(s)")
    sys.exit(EXIT_INVALID if problems else EXIT_OK)


from sedp_core.exchange_cli import excel, export, survey  # noqa: E402  (after the helpers it imports from here)

cli.add_command(excel)
cli.add_command(survey)
cli.add_command(export)


def main() -> None:
    try:
        cli.main(prog_name="sedp")
    except SedpError as exc:  # raised while loading plugins, outside any command
        _err(f"error [{exc.code}]: {exc}")
        sys.exit(exc.exit_code)
