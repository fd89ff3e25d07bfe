"""The root `sedp` group; plugin commands (sedp_register_commands) load only when asked for. Every `--help` is in
the user's language (the command line's `--lang`, else LANGUAGE/LANG): its text, the list of commands and click's
own words (`click_words`) come from the catalog."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import click

from sedp_core.cli import click_words
from sedp_core.i18n import N_, pick_language, set_session_language, translation

SHORT_HELP: dict[str, str] = {
    "compare": N_("Compare two versions of a program: the changes, as an annex and as JSON."),
    "excel": N_("Excel workbooks: a template, a program as one, read back."),
    "export": N_("Write a valid program in another format."),
    "init": N_("Write a commented sample program to start from."),
    "plugin": N_("Create plugins for new countries."),
    "plugins": N_("List installed plugins, methodologies, documents, catalogs."),
    "render": N_("Render the documents of each program (Word, and PDF with --pdf)."),
    "schema": N_("JSON Schemas of the core program and of each methodology."),
    "serve": N_("The web page: upload a file, see what to correct, download the documents."),
    "summary": N_("Summarize many programs of one methodology for a region (Word and Excel)."),
    "survey": N_("Surveys (KoboToolbox, ODK): a form, and its export read back."),
    "templates": N_("Word templates of the installed methodologies."),
    "validate": N_("Check program files: schema and rules, every problem in one run."),
}
"""The line each core command has in `sedp --help` (a msgid; a command's own help is its docstring)."""

HELP = N_("sedp: socio-economic development programs, from data to official Word documents.\n\n"
          "Typical use: `sedp init METHODOLOGY my.yaml`, edit it, `sedp validate my.yaml`, `sedp render my.yaml`.")
EPILOG = N_("Plugins may add commands of their own: `sedp plugins` lists them.")
def _texts(command: click.Command) -> Iterator[tuple[Any, str]]:
    """(object, attribute) of every help text of `command` and of its options."""
    yield from ((command, name) for name in ("help", "short_help", "epilog"))
    yield from ((param, "help") for param in command.params if isinstance(param, click.Option))


def localize(command: click.Command, language: str, name: str | None = None) -> None:
    """Put `command`'s help texts (and its subcommands') in `language`: each English text is kept, and its
    translation shown where the catalog has one. Run for every invocation, so one process may change language."""
    t = translation(language)
    if name in SHORT_HELP and not getattr(command, "_sedp_english", None):
        command.short_help = SHORT_HELP[name]
    english: dict[tuple[int, str], str | None] = command.__dict__.setdefault("_sedp_english", {})
    for owner, attribute in _texts(command):
        key = (id(owner), attribute)
        if key not in english:
            english[key] = getattr(owner, attribute)
        text = english[key]
        setattr(owner, attribute, t.gettext(inspect.cleandoc(text)) if text and language != "en" else text)
    _localize_metavars(command, language)
    command._help_option = None  # click keeps its --help option, and the help of it, from the last invocation
    for sub_name, sub in getattr(command, "commands", {}).items():
        localize(sub, language, sub_name if command is cli else None)


def _localize_metavars(command: click.Command, language: str) -> None:
    """The words `--help` shows for what an option takes (`--out FOLDER`, `TEXT`, `INTEGER`) and the usage line's
    `[OPTIONS]` in `language`; arguments keep their names (PATHS, METHODOLOGY), which the help texts use."""
    t = translation(language)

    def word(english: str | None) -> str | None:
        msgid = click_words.METAVARS.get(english or "")
        return t.gettext(msgid) if msgid and language != "en" else english

    original: dict[str, Any] = command.__dict__.setdefault("_sedp_metavars", {})
    original.setdefault("options", command.options_metavar)
    command.options_metavar = word(original["options"])
    if isinstance(command, click.Group):
        original.setdefault("subcommands", command.subcommand_metavar)
        command.subcommand_metavar = word(original["subcommands"])
    for param in command.params:
        if not isinstance(param, click.Option) or param.is_flag or param.count:
            continue
        key = f"param:{id(param)}"
        original.setdefault(key, param.metavar)
        if original[key] is None and not isinstance(param.type, click.Choice):  # a choice shows its values
            param.metavar = word(param.type.name) if language != "en" else None


def language_asked(args: list[str]) -> str | None:
    """The value of the first `--lang X` or `--lang=X` of a command line (before a `--`), or None. Every command
    of the core that has a language option calls it --lang, whatever it chooses (messages, workbook, documents):
    the help and the errors of that command line are in that language."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            return arg.removeprefix("--lang=") or None
        if arg == "--lang" and i + 1 < len(args) and not args[i + 1].startswith("-"):
            return args[i + 1]
    return None


def _print_version(ctx: click.Context) -> None:
    """`sedp --version`, in the user's language (click's version_option fixes its sentence, in English, when the
    module is imported)."""
    from importlib.metadata import version

    said = translation(click_words.spoken()).gettext("%(prog)s, version %(version)s")
    click.echo(said % {"prog": "sedp", "version": version("sedp")})
    ctx.exit()


class PluginAwareGroup(click.Group):
    """The root group: plugin commands (sedp_register_commands) load only when a command outside the core's own is
    asked for, so `sedp --help` and core commands start without importing plugins; `sedp plugins` lists them."""

    _plugins_loaded = False

    def _load_plugin_commands(self) -> None:
        if not PluginAwareGroup._plugins_loaded:
            PluginAwareGroup._plugins_loaded = True
            from sedp_core.registry.manager import get_plugin_manager

            get_plugin_manager().hook.sedp_register_commands(cli=self)
            localize(self, click_words.spoken())

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        # The language is chosen here, before click parses anything: click acts on --help (an eager option) and
        # reports a usage error while parsing, before any command's --lang could be read, so --lang is looked
        # for in the command line itself.
        set_session_language(None)  # the root's --lang option of this invocation sets it again
        language = pick_language(language_asked(args))
        click_words.install()
        click_words.speak(language)
        localize(self, language)
        return super().make_context(info_name, args, parent, **extra)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None:
            self._load_plugin_commands()
            command = super().get_command(ctx, cmd_name)
        return command


@click.group(cls=PluginAwareGroup, context_settings={"help_option_names": ["-h", "--help"]}, help=HELP,
             epilog=EPILOG)
# `sedp --lang L COMMAND`: the help is already in L (`language_asked`); the command's messages follow it as LANGUAGE
@click.option("--lang", "language", default=None, expose_value=False, is_eager=True,
              callback=lambda _ctx, _param, value: set_session_language(value),
              help=N_("Language of sedp's help and messages for this one command, as with LANGUAGE=L (ky, ru, mn, "
                      "en)."))
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=lambda ctx, _param, value:
              _print_version(ctx) if value else None, help=N_("Show the version and exit."))
def cli() -> None:
    pass
