"""`sedp schema export|check|doc|diff`: the JSON Schemas and the reviewers' views of them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sedp_core.cli.common import EXIT_INVALID, err, handle_errors
from sedp_core.cli.group import cli


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
        err(p)
    if problems:
        err("schemas differ from the models: run `sedp schema export` and commit the result")
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
