"""`sedp schema export|check|doc|diff`: the JSON Schemas and the reviewers' views of them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sedp_core.cli.common import EXIT_INVALID, err, handle_errors
from sedp_core.cli.group import cli
from sedp_core.i18n import N_, pick_language, translation


@cli.group(help=N_("JSON Schemas of the core program and of each methodology."))
def schema() -> None:
    pass


DEFAULT_SCHEMA_DIR = Path("schemas")


@schema.command("export", help=N_("Write the schemas (JSON Schema Draft 2020-12) into the folder OUT."))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_SCHEMA_DIR, show_default=True,
              help=N_("Folder the schemas are written to."))
@handle_errors
def schema_export(out_dir: Path) -> None:
    from sedp_core.schema.export import export_schemas

    for path in export_schemas(out_dir):
        click.echo(str(path))


@schema.command("check", help=N_("Fail when the committed schemas differ from the models (run `sedp schema export` "
                                   "to update them)."))
@click.option("--dir", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_SCHEMA_DIR, show_default=True,
              help=N_("Folder of the committed schemas."))
@handle_errors
def schema_check(out_dir: Path) -> None:
    from sedp_core.schema.export import check_schemas

    problems = check_schemas(out_dir)
    t = translation(pick_language(None))
    for p in problems:
        err(p)
    if problems:
        err(t.gettext("schemas differ from the models: run `sedp schema export` and commit the result"))
        sys.exit(EXIT_INVALID)
    click.echo(t.gettext("schemas are in step with the models"))


@schema.command("doc", help=N_("Describe every field of METHODOLOGY's program in Markdown, for reviewers."))
@click.argument("methodology")
@click.option("--version", "version", default=None, help=N_("Methodology version (default: the plugin's default)."))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help=N_("Write to this file (default: print it)."))
@click.option("--lang", "language", default=None,
              help=N_("Language of the description (default: English, which reviewers share; ky, ru, mn...)."))
@handle_errors
def schema_doc(methodology: str, version: str | None, output: Path | None, language: str | None) -> None:
    from sedp_core.registry.collect import get_registry
    from sedp_core.schema.doc import schema_markdown

    text = schema_markdown(get_registry().methodology(methodology, version), language=language or "en")
    if output:
        from sedp_core.rendering.fileio import write_atomic

        write_atomic(output, text.encode("utf-8"))
    else:
        click.echo(text)


@schema.command("diff", help=N_("List what changed from OLD to NEW: each is METHODOLOGY@VERSION or a schema file.\n\n"
                                  "Shows fields added, removed, made required or optional, retyped, and codes added "
                                  "or removed. Exit code 0 whether or not there are changes."))
@click.argument("old")
@click.argument("new")
@handle_errors
def schema_diff(old: str, new: str) -> None:
    from sedp_core.schema.diff import diff_schemas, load_schema

    changes = diff_schemas(load_schema(old), load_schema(new))
    for change in changes:
        click.echo(str(change))
    t = translation(pick_language(None))
    said = t.ngettext("{n} change from {old} to {new}", "{n} changes from {old} to {new}", len(changes))
    click.echo(said.format(n=len(changes), old=old, new=new), err=True)
