"""`sedp compare OLD NEW`: what changed between two versions of one program, as an annex and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import click

from sedp_core.cli.common import handle_errors
from sedp_core.cli.group import cli
from sedp_core.errors import InputError
from sedp_core.i18n import N_, pick_language, translation


@cli.command(help=N_("Compare two versions of one program (any file format the commands read): write the change "
                     "summary, an annex for the amending decision, in each of the program's languages, and the "
                     "same summary as JSON beside it."))
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help=N_("Folder the summary is written to."))
@click.option("--lang", "languages", multiple=True,
              help=N_("Write the summary only in this language (repeatable); default: the program's languages."))
@click.option("--json", "as_json", is_flag=True, help=N_("Also print the JSON summary on standard output."))
@handle_errors
def compare(old: Path, new: Path, out_dir: Path, languages: tuple[str, ...], as_json: bool) -> None:
    from sedp_core.analysis.compare import compare_programs
    from sedp_core.analysis.compare_annex import annex
    from sedp_core.rendering.fileio import write_atomic
    from sedp_core.validation.validate import load_program

    old_program, old_methodology, _ = load_program(old)
    new_program, new_methodology, _ = load_program(new)
    comparison = compare_programs(old_program, new_program, old_methodology, new_methodology)
    unknown = [lang for lang in languages if lang not in new_program.languages]
    if unknown:
        raise InputError(N_("the program has no texts in {languages} (its languages: {known})"),
                         params={"languages": ", ".join(unknown), "known": ", ".join(new_program.languages)},
                         code="compare.unknown-language")
    speak = pick_language(languages[0] if languages else None, [new_program.main_language])
    t = translation(speak)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = out_dir / f"{new_program.id}_changes"
    summary = comparison.to_json(str(old), str(new))
    text = json.dumps(summary, ensure_ascii=False, indent=2) + "\n"
    written = [stem.with_suffix(".json")]
    write_atomic(written[0], text.encode("utf-8"))
    for language in languages or tuple(new_program.languages):
        document, marks = annex(comparison, language)
        written.append(document.save(Path(f"{stem}_{language}.docx"), marks))
    if as_json:
        click.echo(text, nl=False)
    counts = summary["counts"]
    message = t.gettext(N_("{changes} change(s): {added} added, {removed} removed, {changed} changed, {renamed} "
                           "renumbered")).format(changes=len(comparison.changes), **counts)
    for path in written:  # with --json, standard output holds the JSON only
        click.echo(str(path), err=as_json)
    click.echo(message, err=as_json)
