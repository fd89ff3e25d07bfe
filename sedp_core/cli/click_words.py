"""click's own words (`Usage:`, `Options`, `[required]`, `[default: out]`, "Missing argument", "No such option")
in the user's language, from sedp's catalog.

click marks its strings for gettext: each of its modules does ``from gettext import gettext as _`` (and
``ngettext``), the standard library's global functions, which read compiled ``.mo`` files of the default domain
("messages") found on disk, in the language of LANGUAGE/LANG. Binding that domain cannot give sedp's words: sedp
has no .mo files (its .po files are compiled in memory, `sedp_core.i18n`) and its language may come from `--lang`.
click offers no other hook, so `install()` points those two names of click's modules at sedp's catalog, in the
language the current invocation speaks (`speak`); a test fails when a click module keeps the standard ones.

The msgids below are click's own English, exactly (what an officer can meet), so that babel extracts them into
sedp.pot; a click message not listed stays English. A plural pair is two msgids, chosen by click's English rule
(one, else many): a translation words the plural so that it reads right for any number.
"""

from __future__ import annotations

import gettext
import importlib
import sys

from sedp_core.i18n import N_, translation

__all__ = ["CLICK_MESSAGES", "METAVARS", "install", "speak", "spoken"]

CLICK_MESSAGES = (
    N_("Usage:"), N_("Options"), N_("Commands"), N_("Positional arguments"), N_("Show this message and exit."),
    N_("Show the version and exit."), N_("%(prog)s, version %(version)s"), N_("required"),
    N_("default: {default}"), N_("env var: {var}"), N_("(dynamic)"), N_("deprecated"), N_("Aborted!"),
    N_("Error: {message}"), N_("Try '{command} {option}' for help."), N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"), N_("Missing argument"), N_("Missing option"),
    N_("Missing parameter"), N_("Missing {param_type}"), N_("Missing parameter: {param_name}"),
    N_("Missing command."), N_("No such option {name!r}."), N_("No such command {name!r}."),
    N_("Option {name!r} does not take a value."), N_("Argument {name!r} takes {nargs} values."),
    N_("Could not open file {filename!r}: {message}"), N_("unknown error"),
    N_("{value!r} is not a valid {number_type}."), N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("{name} {filename!r} does not exist."), N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."), N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."), N_("Do you want to continue?"), N_("Repeat for confirmation"),
    N_("Error: The two entered values do not match."), N_("Error: invalid input"),
    # plural pairs (see the module's docstring)
    N_("Got unexpected extra argument ({args})"), N_("Got unexpected extra arguments ({args})"),
    N_("Option {name!r} requires an argument."), N_("Option {name!r} requires {nargs} arguments."),
    N_("Did you mean {possibility}?"), N_("(Did you mean one of: {possibilities}?)"),
    N_("{value!r} is not {choice}."), N_("{value!r} is not one of {choices}."),
)

METAVARS: dict[str, str] = {
    # What `--help` shows after an option for the kind of value it takes (click's type names, upper-cased by
    # click itself and not marked for translation), and the placeholders of the usage line.
    "text": N_("TEXT"), "integer": N_("INTEGER"), "integer range": N_("INTEGER"), "float": N_("NUMBER"),
    "path": N_("PATH"), "file": N_("FILE"), "directory": N_("FOLDER"),
    "[OPTIONS]": N_("[OPTIONS]"), "COMMAND [ARGS]...": N_("COMMAND [ARGS]..."),
}
"""click's word (a type name, a usage placeholder) → its msgid. A metavar a command names itself (`DIR`) is kept:
its help text uses it."""

_CLICK_MODULES = ("click.core", "click.decorators", "click.exceptions", "click.formatting", "click.parser",
                  "click.shell_completion", "click.termui", "click.types", "click.utils")
"""click's modules that use gettext and load with click (`_termui_impl`, which prompts and progress bars load
when first used, is patched by the next `install`)."""

_spoken = "en"


def speak(language: str) -> None:
    """The language click's words are shown in from now on (the root group sets it for each invocation)."""
    global _spoken
    _spoken = language


def spoken() -> str:
    """The language of the current invocation's help and click's words."""
    return _spoken


def _gettext(message: str) -> str:
    return translation(_spoken).gettext(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def install() -> None:
    """Point `_` and `ngettext` of every click module at sedp's catalog (idempotent)."""
    for name in _CLICK_MODULES:  # imported, so that each is patched (click imports some only when used)
        importlib.import_module(name)
    for name, module in list(sys.modules.items()):
        if name == "click" or name.startswith("click."):
            if getattr(module, "_", None) is gettext.gettext:
                module._ = _gettext  # type: ignore[attr-defined]
            if getattr(module, "ngettext", None) is gettext.ngettext:
                module.ngettext = _ngettext  # type: ignore[attr-defined]
