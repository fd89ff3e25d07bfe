"""The root `sedp` group; plugin commands (sedp_register_commands) load only when asked for. `sedp --help` is in
the user's language (LANGUAGE/LANG): its text, the list of commands and click's own words come from the catalog."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import click

from sedp_core.i18n import N_, pick_language, translation

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
CLICK_WORDS = (N_("Usage:"), N_("Options"), N_("Commands"), N_("Show this message and exit."),
               N_("Show the version and exit."))
"""click's own words (it has no catalog of ours): its formatter and help options are given them translated."""


class LocalizedFormatter(click.HelpFormatter):
    """click's formatter with its headings ("Usage:", "Options", "Commands") in the user's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = translation(pick_language(None)).gettext("Usage:") + " "
        super().write_usage(prog, args, prefix)

    def section(self, name: str) -> Any:
        return super().section(translation(pick_language(None)).gettext(name))

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        # --help is made by click for each command as it is shown, so its help is translated here
        t = translation(pick_language(None))
        super().write_dl([(term, t.gettext(text) if text in CLICK_WORDS else text) for term, text in rows],
                         col_max, col_spacing)


class LocalizedContext(click.Context):
    formatter_class = LocalizedFormatter


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
    command.context_class = LocalizedContext
    for sub_name, sub in getattr(command, "commands", {}).items():
        localize(sub, language, sub_name if command is cli else None)


class PluginAwareGroup(click.Group):
    """The root group: plugin commands (sedp_register_commands) load only when a command outside the core's own is
    asked for, so `sedp --help` and core commands start without importing plugins; `sedp plugins` lists them."""

    _plugins_loaded = False

    def _load_plugin_commands(self) -> None:
        if not PluginAwareGroup._plugins_loaded:
            PluginAwareGroup._plugins_loaded = True
            from sedp_core.registry.manager import get_plugin_manager

            get_plugin_manager().hook.sedp_register_commands(cli=self)
            localize(self, pick_language(None))

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        localize(self, pick_language(None))
        return super().make_context(info_name, args, parent, **extra)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None:
            self._load_plugin_commands()
            command = super().get_command(ctx, cmd_name)
        return command


@click.group(cls=PluginAwareGroup, context_settings={"help_option_names": ["-h", "--help"]}, help=HELP,
             epilog=EPILOG)
@click.version_option(package_name="sedp", prog_name="sedp")
def cli() -> None:
    pass
