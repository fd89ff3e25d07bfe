"""`sedp excel template|export|import`, `sedp survey form|import`, `sedp export`: data in and out.

Libraries (openpyxl, pydantic models) load inside the commands, so `sedp --help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sedp_core.cli.common import EXIT_INVALID, err, handle_errors, print_report, progress, refuse_overwrite
from sedp_core.errors import InputError, PluginError, SedpError
from sedp_core.i18n import N_, pick_language, translation

if TYPE_CHECKING:
    from sedp_core.registry.types import Methodology


@click.group(help=N_("Excel workbooks: a template to fill in, a program as a workbook, and a workbook read back."))
def excel() -> None:
    pass


@excel.command("template", help=N_("Write an empty workbook for METHODOLOGY: one sheet per list of its program, "
                                   "drop-downs for codes."))
@click.argument("methodology")
@click.option("--version", default=None, help=N_("Methodology version (default: the plugin's default)."))
@click.option("--lang", "language", default=None, help=N_("Language of headings and instructions (default: the "
              "methodology's first language)."))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help=N_("The .xlsx file to write."))
@click.option("--force", is_flag=True, help=N_("Replace OUTPUT if it exists."))
@handle_errors
def excel_template(methodology: str, version: str | None, language: str | None, output: Path, force: bool) -> None:
    from sedp_core.exchange.excel import workbook_bytes
    from sedp_core.registry.collect import get_registry
    from sedp_core.rendering.fileio import write_atomic

    m = get_registry().methodology(methodology, version)
    language = language or m.languages[0]
    what = refuse_overwrite(output, force)
    write_atomic(output, workbook_bytes(m, language, progress=progress(translation(language).gettext("sheet"))))
    said = (N_("wrote new file {path} ({methodology}, headings in {language}); fill it in, then: sedp validate {path}")
            if what == "wrote new" else
            N_("replaced existing file {path} ({methodology}, headings in {language}); fill it in, then: sedp "
               "validate {path}"))
    click.echo(translation(language).gettext(said).format(path=output, methodology=m.key, language=language))


@excel.command("export", help=N_("Write PROGRAM (which must be valid) as a workbook that `sedp excel import` reads "
                                 "back unchanged."))
@click.argument("program", type=click.Path(path_type=Path))
@click.option("--lang", "language", default=None, help=N_("Language of headings (default: the program's main one)."))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help=N_("The .xlsx file to write."))
@click.option("--force", is_flag=True, help=N_("Replace OUTPUT if it exists."))
@handle_errors
def excel_export(program: Path, language: str | None, output: Path, force: bool) -> None:
    from sedp_core.exchange.excel import workbook_bytes
    from sedp_core.rendering.fileio import write_atomic
    from sedp_core.validation.validate import load_program

    prog, m, _ = load_program(program)
    what = refuse_overwrite(output, force)
    language = language or prog.main_language
    write_atomic(output, workbook_bytes(m, language, prog, progress=progress(translation(language).gettext("sheet"))))
    said = N_("wrote new file {path} from {source}") if what == "wrote new" else N_(
        "replaced existing file {path} from {source}")
    click.echo(translation(language).gettext(said).format(path=output, source=program))


def _yaml_text(data: Any, header: str) -> str:
    import io

    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    out = io.StringIO()
    out.write(header)
    yaml.dump(data, out)
    return out.getvalue()


@excel.command("import", help=N_("Read WORKBOOK into a program file. Every problem is reported with its sheet, cell "
                                 "and field; nothing is written unless the program is valid. Refuses to replace "
                                 "OUTPUT without --force."))
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help=N_("The program file to write "
              "(.yaml or .json)."))
@click.option("--force", is_flag=True, help=N_("Replace OUTPUT if it exists."))
@handle_errors
def excel_import(workbook: Path, output: Path, force: bool) -> None:
    import json

    from sedp_core.exchange.excel import read_workbook
    from sedp_core.rendering.fileio import write_atomic
    from sedp_core.validation.validate import validate_data

    if output.suffix.lower() not in (".yaml", ".yml", ".json"):
        raise InputError(N_("the output must be a .yaml or .json file"), params={}, location=str(output),
                         code="output.bad-suffix")
    what = refuse_overwrite(output, force)
    loaded = read_workbook(workbook, progress=progress(translation(pick_language(None)).gettext("reading sheet")))
    result = validate_data(loaded)
    if result.report.findings or result.program is None:
        print_report(result.report, as_json=False)
    if result.program is None:
        err(translation(pick_language(None)).gettext("nothing was written to {path}: correct the workbook and import "
                                                     "again").format(path=output))
        sys.exit(EXIT_INVALID)
    data = result.program.model_dump(mode="json", exclude_defaults=True)
    if output.suffix.lower() == ".json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = _yaml_text(data, f"# Imported from {workbook.name} by sedp excel import.\n")
    write_atomic(output, text.encode("utf-8"))
    said = N_("wrote new file {path} from {source}") if what == "wrote new" else N_(
        "replaced existing file {path} from {source}")
    click.echo(translation(pick_language(None)).gettext(said).format(path=output, source=workbook))


@click.command("export", help=N_("Write PROGRAM (which must be valid) in another format."))
@click.argument("program", type=click.Path(path_type=Path))
@click.option("--format", "fmt", required=True, help=N_("Output format: json, opendata, xlsx, or one a plugin adds "
              "(see the list in the error for an unknown name)."))
@click.option("--out", "out", type=click.Path(path_type=Path), required=True, help=N_("File (json, xlsx) or folder "
              "(opendata) to write."))
@click.option("--force", is_flag=True, help=N_("Replace OUT if it exists."))
@handle_errors
def export(program: Path, fmt: str, out: Path, force: bool) -> None:
    from sedp_core.registry.collect import get_registry
    from sedp_core.validation.validate import load_program

    exporters = get_registry().exporters
    if fmt not in exporters:
        known = "; ".join(f"{e.name}: {e.description}" for e in exporters.values())
        raise InputError(N_("unknown format {format!r} (known: {known})"), params={"format": fmt, "known": known},
                         code="export.unknown-format")
    prog, m, _ = load_program(program)
    exporter = exporters[fmt]
    if not exporter.applies_to(m.id):
        usable = ", ".join(e.name for e in exporters.values() if e.applies_to(m.id))
        raise InputError(N_("format {format!r} is for {methodologies} programs; {program} follows {methodology} (its "
                            "formats: {usable})"),
                         params={"format": fmt, "methodologies": ", ".join(exporter.methodologies or ()),
                                 "program": str(program), "methodology": m.id, "usable": usable},
                         code="export.not-for-methodology")
    what = refuse_overwrite(out, force)
    try:
        written = exporter.function(prog, m, out) or [out]
    except (SedpError, KeyboardInterrupt):
        raise
    except Exception as exc:  # a plugin's bug: one line naming the exporter and its plugin, never a traceback
        detail = " ".join(str(exc).split())[:300]
        raise PluginError(N_("exporter {format!r} of plugin {plugin!r} failed on {program}: {error}"),
                          params={"format": fmt, "plugin": exporter.plugin, "program": program,
                                  "error": f"{type(exc).__name__}: {detail}"}, code="plugin.export-failed") from exc
    for path in written:
        click.echo(str(path))
    said = N_("wrote new {format} output {path}") if what == "wrote new" else N_(
        "replaced existing {format} output {path}")
    click.echo(translation(pick_language(None)).gettext(said).format(format=fmt, path=out), err=True)


@click.group(help=N_("Surveys (KoboToolbox, ODK): a form to collect one list of the program, and its export read "
                     "back."))
def survey() -> None:
    pass


@survey.command("form", help=N_("Write an XLSForm for METHODOLOGY to upload to KoboToolbox or ODK Central."))
@click.argument("methodology")
@click.option("--version", default=None, help=N_("Methodology version (default: the plugin's default)."))
@click.option("--field", "pointer", default=None, help=N_("The list collected, e.g. /activities (default: the one the "
              "methodology declares)."))
@click.option("--lang", "languages", multiple=True, help=N_("Form language (repeatable; default: the methodology's)."))
@click.option("--program", "program_path", type=click.Path(path_type=Path), default=None,
              help=N_("A program whose ids (tasks, sources, units...) become choices."))
@click.option("--questions", default=None, help=N_("Only these fields, comma-separated (e.g. "
                                                   "title,cost.amount,sector)."))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help=N_("The XLSForm .xlsx to write."))
@click.option("--force", is_flag=True, help=N_("Replace OUTPUT if it exists."))
@handle_errors
def survey_form(methodology: str, version: str | None, pointer: str | None, languages: tuple[str, ...],
                program_path: Path | None, questions: str | None, output: Path, force: bool) -> None:
    from sedp_core.exchange.survey import form_bytes
    from sedp_core.registry.collect import get_registry
    from sedp_core.rendering.fileio import write_atomic

    m = get_registry().methodology(methodology, version)
    program = None
    if program_path is not None:
        from sedp_core.validation.validate import load_program

        program, pm, _ = load_program(program_path)
        if pm.id != m.id:
            raise InputError(N_("the program follows {methodology}, not {expected}"),
                             params={"methodology": pm.key, "expected": m.key}, location=str(program_path),
                             code="survey.wrong-methodology")
    what = refuse_overwrite(output, force)
    only = [q.strip() for q in questions.split(",") if q.strip()] if questions else None
    write_atomic(output, form_bytes(m, pointer, list(languages) or None, program, questions=only))
    said = (N_("wrote new file {path}; upload it to KoboToolbox or ODK Central as an XLSForm") if what == "wrote new"
            else N_("replaced existing file {path}; upload it to KoboToolbox or ODK Central as an XLSForm"))
    click.echo(translation(pick_language(languages[0] if languages else None)).gettext(said).format(path=output))


@survey.command("import", help=N_("Read a KoboToolbox/ODK export (CSV or XLSX, with XML values and headers) into "
                                   "items of the list: a YAML file of items (-o), or added to a program file (--into), "
                                   "saying which were added and which replaced."))
@click.argument("export_file", type=click.Path(path_type=Path))
@click.option("--methodology", required=True, help=N_("Methodology the form was made for."))
@click.option("--version", default=None, help=N_("Methodology version (default: the plugin's default)."))
@click.option("--field", "pointer", default=None, help=N_("The list the form collected, e.g. /activities."))
@click.option("--lang", "language", default=None, help=N_("Store texts as this language's text (default: single "
                                                          "text)."))
@click.option("--id-prefix", default="S", show_default=True, help=N_("Prefix of the ids given to the items."))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help=N_("The YAML file of items (or use --into)."))
@click.option("--into", "program_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help=N_("A program file (YAML or JSON) or an .xlsx workbook to add the items to, in place; ids are "
                      "kept."))
@click.option("--replace", is_flag=True, help=N_("With --into: an item whose id the program has replaces it "
              "(without it, such an item is refused and the program keeps its own)."))
@click.option("--force", is_flag=True, help=N_("Replace OUTPUT if it exists."))
@handle_errors
def survey_import(export_file: Path, methodology: str, version: str | None, pointer: str | None,
                  language: str | None, id_prefix: str, output: Path | None, program_file: Path | None,
                  replace: bool, force: bool) -> None:
    from sedp_core.exchange.survey import items_yaml, read_submissions, survey_table
    from sedp_core.registry.collect import get_registry
    from sedp_core.rendering.fileio import write_atomic

    if (output is None) == (program_file is None):
        raise SedpError(N_("give either -o ITEMS.yaml (a file of items to review) or --into PROGRAM (add them to a "
                           "program file)"), params={}, code="usage.output")
    m = get_registry().methodology(methodology, version)
    _, table = survey_table(m, pointer)
    target = pointer or "/" + "/".join(table.slots[0].path)
    what = refuse_overwrite(output, force) if output is not None else ""
    taken: set[str] = set()
    if program_file is not None:
        from sedp_core.exchange.excel_merge import is_workbook, workbook_ids
        from sedp_core.exchange.survey_merge import existing_ids

        taken = (workbook_ids if is_workbook(program_file) else existing_ids)(program_file, target, table.key)
    result = read_submissions(export_file, m, pointer, id_prefix, language, taken=taken)
    speak = pick_language(language)
    t = translation(speak)
    for f in result.findings:
        click.secho(f"{f.location}: {f.severity} [{f.code}] {f.message(speak)}",
                    fg="red" if f.severity == "error" else "yellow", err=True)
    errors = sum(1 for f in result.findings if f.severity == "error")
    if program_file is not None:
        _merge_survey(program_file, m, target, result.items, table.key, replace, errors, speak)
        return
    assert output is not None
    write_atomic(output, items_yaml(result.items, target).encode("utf-8"))
    n = len(result.items)
    said = (t.ngettext("wrote new file {path}: {n} item for {target}", "wrote new file {path}: {n} items for {target}",
                       n) if what == "wrote new" else
            t.ngettext("replaced existing file {path}: {n} item for {target}",
                       "replaced existing file {path}: {n} items for {target}", n))
    click.echo(said.format(path=output, n=n, target=target)
               + (t.ngettext("; {n} problem to correct before adding them to the program",
                             "; {n} problems to correct before adding them to the program", errors).format(n=errors)
                  if errors else ""))
    sys.exit(EXIT_INVALID if errors else 0)


def _shown(ids: list[str], language: str) -> str:
    if len(ids) <= 10:
        return ", ".join(ids)
    return translation(language).gettext("{documents} and {n} more").format(documents=", ".join(ids[:10]),
                                                                             n=len(ids) - 10)


def _merge_survey(program_file: Path, methodology: Methodology, target: str, items: list[dict[str, Any]],
                  key: str | None, replace: bool, errors: int, language: str) -> None:
    """Add the items to the program file or workbook (only when every item was read without error: a half-read
    item in a signed program is worse than none), and say what was added, replaced and refused."""
    from sedp_core.exchange.excel_merge import is_workbook, merge_into_workbook
    from sedp_core.exchange.survey_merge import merge_into_program
    from sedp_core.rendering.fileio import write_atomic

    t = translation(language)
    if errors:
        click.echo(t.ngettext("{path} was not changed: {n} problem to correct in the export first",
                              "{path} was not changed: {n} problems to correct in the export first", errors)
                   .format(path=program_file, n=errors), err=True)
        sys.exit(EXIT_INVALID)
    if is_workbook(program_file):
        text, merged = merge_into_workbook(program_file, methodology, target, items, key, replace)
    else:
        text, merged = merge_into_program(program_file, target, items, key, replace)
    if merged.added or merged.replaced:
        write_atomic(program_file, text)
    added, replaced = len(merged.added), len(merged.replaced)
    # TRANSLATORS: {ids} is empty or the ids added, in brackets: " (S002, S003)"
    click.echo(t.ngettext("{path} {target}: added {n} item{ids}", "{path} {target}: added {n} items{ids}", added)
               .format(path=program_file, target=target, n=added,
                       ids=f" ({_shown(merged.added, language)})" if merged.added else "")
               # TRANSLATORS: {ids} is empty or the ids replaced, in brackets
               + t.gettext(", replaced {n}{ids}").format(
                   n=replaced, ids=f" ({_shown(merged.replaced, language)})" if merged.replaced else ""))
    if merged.refused:
        click.echo(t.gettext("not added, the program has these ids already (use --replace to replace them, or "
                             "--id-prefix for new ids): {ids}").format(ids=_shown(merged.refused, language)), err=True)
    click.echo(t.gettext("next: sedp validate {path}").format(path=program_file), err=True)
    sys.exit(EXIT_INVALID if merged.refused else 0)
