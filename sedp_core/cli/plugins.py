"""`sedp plugins`, `sedp plugin new` and `sedp templates check`: what plugin authors run."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from sedp_core.cli.common import EXIT_INVALID, EXIT_OK, err, handle_errors
from sedp_core.cli.group import cli
from sedp_core.i18n import N_, Sentence, pick_language, translation


@cli.command(help=N_("List installed plugins, their methodologies, documents and catalogs."))
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON for tools."))
@handle_errors
def plugins(as_json: bool) -> None:
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
    t = translation(pick_language(None))
    for p in out:
        package = (" " + t.gettext("(package {name})").format(name=p["distribution"])
                   if p["distribution"] not in ("", p["name"]) else "")
        click.echo(f"{p['name']} {p['version']}".rstrip() + package)
        for m in p["methodologies"]:
            default = " " + t.gettext("(default)") if m["default"] else ""
            click.echo(f"  {m['id']} {m['version']}{default}  "
                       + t.gettext("languages: {list}").format(list=", ".join(m["languages"])))
            click.echo("    " + t.gettext("documents: {list}").format(list=", ".join(m["documents"]) or "-"))
            click.echo("    " + t.gettext("catalogs: {list}").format(list=", ".join(m["catalogs"]) or "-"))
        if p["commands"]:
            click.echo("  " + t.gettext("commands: {list}").format(list=", ".join(p["commands"])))
    for f in broken:
        err(t.gettext("plugin {name} failed to load and was skipped: {error}").format(name=f["name"], error=f["error"]))
    for clash in registry.codelist_clashes():
        err(t.gettext("codelist titles differ between plugins (each methodology prints its own plugin's): {clash}")
            .format(clash=clash))


@cli.group(help=N_("Create plugins for new countries."))
def plugin() -> None:
    pass


@plugin.command("new", help=N_(
    "Generate a pip-installable plugin package NAME that passes its own tests as generated.\n\n"
    "Example: `sedp plugin new tj_jamoat --country TJ --title \"Jamoat development plan\" --languages tg,ru "
    "--version 2025`. Next: `pip install -e \"sedp-NAME[test]\"`, then `pytest` inside it; docs/writing-plugins.md "
    "goes on from there."))
@click.argument("name")
@click.option("--country", required=True, help=N_("ISO 3166-1 two-letter country code, e.g. TZ."))
@click.option("--title", default=None, help=N_("The methodology's title, in the main language (e.g. \"Jamoat "
                                                "development plan\"); the other languages are marked to translate."))
@click.option("--languages", "language_list", default=None,
              help=N_("The documents' languages, comma-separated, the main one first (e.g. tg,ru); default en."))
@click.option("--lang", "languages", multiple=True, help=N_("A document language (repeatable; or use --languages)."))
@click.option("--version", "version", default=None,
              help=N_("The official methodology's version, e.g. the year it was approved (default: this year)."))
@click.option("--methodology-id", default=None, help=N_("Methodology id (default: COUNTRY.NAME in lower case)."))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("."), show_default=True,
              help=N_("Folder the plugin package is written in."))
@handle_errors
def plugin_new(name: str, country: str, title: str | None, language_list: str | None, languages: tuple[str, ...],
               version: str | None, methodology_id: str | None, out_dir: Path) -> None:
    from sedp_core.authoring.scaffold import generate_plugin

    chosen = [*(language_list or "").split(","), *languages]
    target = generate_plugin(name, country, [lang for lang in chosen if lang.strip()], out_dir,
                             methodology_id=methodology_id, title=title, version=version)
    t = translation(pick_language(None))
    click.echo(t.gettext("created {path}").format(path=target))
    command = f"pip install -e \"{target}[test]\" && (cd {target} && pytest)"
    click.echo(t.gettext("next: {command}").format(command=command))


@cli.group(help=N_("Word templates of the installed methodologies."))
def templates() -> None:
    pass


@templates.command("check", help=N_(
    "Check that every template renders with its methodology's sample and uses only names its context has.\n\n"
    "With --templates DIR, check the templates of DIR instead, each against the document it replaces."))
# No `exists=True`: click's message calls the folder "Directory" in English; override_templates says it all in the
# user's language.
@click.option("--templates", "template_dir", type=click.Path(path_type=Path), metavar="DIR", default=None,
              help=N_("Check a folder of your own templates (as `sedp render --templates` uses them)."))
@handle_errors
def templates_check(template_dir: Path | None) -> None:
    from sedp_core.authoring.template_check import check_all_templates

    problems, checked = check_all_templates(template_dir=template_dir)
    language = pick_language(None)
    for p in problems:
        err(p.in_language(language) if isinstance(p, Sentence) else p)
    t = translation(language)
    click.echo(t.ngettext("{n} template/language pair checked", "{n} template/language pairs checked", checked)
               .format(n=checked) + ", "
               + t.ngettext("{n} problem", "{n} problems", len(problems)).format(n=len(problems)))
    sys.exit(EXIT_INVALID if problems else EXIT_OK)
