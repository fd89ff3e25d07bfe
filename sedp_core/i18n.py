"""The core's own words in the user's language, from one gettext message catalog.

Every sentence the core itself says (findings, workbook words, CLI summaries) is an English msgid in the code and
a translation in ``sedp_core/locale/<lang>/LC_MESSAGES/sedp.po`` (ky, ru, mn); babel extracts the msgids into
``sedp_core/locale/sedp.pot`` (see docs/translating.md). Methodology words (field titles, codelist titles) are not
here: they are the plugins' labels.

Usage::

    t = translation(lang)
    t.gettext("the {kind} id '{id}' is used more than once").format(kind=kind, id=ident)
    t.ngettext("{n} error", "{n} errors", n).format(n=n)

Placeholders are ``{name}`` fields, filled with ``.format(**params)`` *after* translation, so a translator may
move them. A message defined away from where it is translated is marked with `N_` so that babel extracts it.

The .po files are compiled in memory by babel when a language is first used (a few milliseconds), not committed
as .mo files: a fresh clone works with ``pip install -e .`` and no build step, and there is no binary that can
drift from its source.
"""

from __future__ import annotations

import functools
import gettext
import os
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from io import BytesIO
from typing import Any

__all__ = [
    "CATALOG_LANGUAGES",
    "DOMAIN",
    "EXTRACT_KEYWORDS",
    "N_",
    "LocalTerm",
    "Sentence",
    "Term",
    "catalog_languages",
    "messages_for",
    "pick_language",
    "plural_messages_for",
    "set_session_language",
    "translation",
]

DOMAIN = "sedp"
SOURCE_LANGUAGE = "en"
"""The language of the msgids; it needs no catalog."""

CATALOG_LANGUAGES: tuple[str, ...] = ("ky", "ru", "mn")
"""The languages the catalog is complete in (a test fails when one msgid lacks a translation in any of them)."""

EXTRACT_KEYWORDS = {"plural_messages_for": (1, 2)}
"""What babel extracts besides its default keywords (``_``, ``gettext``, ``ngettext``, ``N_``...): ``pybabel extract
-k plural_messages_for:1,2`` (docs/translating.md)."""

_ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # gettext's own order of precedence

_session_language: str | None = None


def set_session_language(language: str | None) -> None:
    """The language of `sedp --lang L COMMAND`: taken as LANGUAGE=L is (`pick_language`) for this process,
    without changing the environment that files and programs started from here see; None to forget it."""
    global _session_language
    _session_language = language


def N_(message: str) -> str:  # the gettext convention babel extracts by default
    """Mark a message for extraction without translating it here (it is translated where it is shown)."""
    return message


def _code(language: str) -> str:
    """``ru_RU.UTF-8`` / ``ru-RU`` / ``RU`` → ``ru``."""
    return re.split(r"[-_.@]", language.strip(), maxsplit=1)[0].lower()


def _po_file(language: str) -> Traversable:
    return resources.files(__package__).joinpath("locale", language, "LC_MESSAGES", f"{DOMAIN}.po")


def catalog_languages() -> tuple[str, ...]:
    """Every language there is a catalog for, English first."""
    return (SOURCE_LANGUAGE, *CATALOG_LANGUAGES)


def translation(language: str | None) -> gettext.NullTranslations:
    """The core's translations into `language` (``ru``, ``ru_RU.UTF-8``...), compiled once per process; English,
    None or a language without a catalog give the msgids themselves."""
    return _translation(_code(language) if language else SOURCE_LANGUAGE)


@functools.cache
def _translation(code: str) -> gettext.NullTranslations:
    if code not in CATALOG_LANGUAGES:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with _po_file(code).open("rb") as po:
        catalog = read_po(po, locale=code, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)  # a fuzzy (unchecked) translation is not shown
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def pick_language(explicit: str | None, program_languages: Sequence[str] = ()) -> str:
    """The language to speak to the user in: `--lang`, else the program's first language, else the environment's
    (`sedp --lang`, see `set_session_language`, then LANGUAGE, LC_ALL, LC_MESSAGES, LANG; the first code the core
    has words for), else English."""
    if explicit:
        return _code(explicit)
    for language in program_languages:
        if language:
            return _code(language)
    for value in (_session_language or "", *(os.environ.get(name, "") for name in _ENVIRONMENT)):
        for part in value.split(":"):  # LANGUAGE may list several, in order of preference
            code = _code(part) if part else ""
            if code in catalog_languages():
                return code
    return SOURCE_LANGUAGE


class Term:
    """A part of a message that is itself translated: a word (``Term(N_("goal"))``) or a clause with its own
    params, put into the message in the same language."""

    def __init__(self, msgid: str, /, **params: Any) -> None:
        self.msgid, self.params = msgid, params

    def in_language(self, language: str | None) -> str:
        return translation(language).gettext(self.msgid).format(**_in_language(self.params, language))

    def __str__(self) -> str:
        return self.in_language(SOURCE_LANGUAGE)

    def __repr__(self) -> str:
        return f"Term({self.msgid!r})"

    def _key(self) -> tuple[str, str]:
        return self.msgid, repr(sorted(self.params.items()))

    def __eq__(self, other: object) -> bool:  # equal terms say the same, so they can key a dict (`Unconfirmed`)
        return isinstance(other, Term) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())


class LocalTerm(Term):
    """A plugin's own words where a `Term` goes, per language from its data (``{"en": "the quorum of a meeting",
    "mn": "хурлын ирц"}``), with ``{params}``: shown in the message's language, else in English (a validation
    message, not a document: a missing translation of a plugin's note does not stop the officer)."""

    def __init__(self, texts: Mapping[str, str], /, **params: Any) -> None:
        super().__init__(str(texts.get(SOURCE_LANGUAGE) or next(iter(texts.values()), "")), **params)
        self.texts = dict(texts)

    def in_language(self, language: str | None) -> str:
        text = self.texts.get(_code(language) if language else SOURCE_LANGUAGE) or self.msgid
        return text.format(**_in_language(self.params, language)) if self.params else text

    def _key(self) -> tuple[str, str]:
        return repr(sorted(self.texts.items())), repr(sorted(self.params.items()))


class Sentence(str):
    """An English sentence that can be said again in another language: a `str` (callers compare, join and print it
    as before), made from a msgid and its params, with `in_language`. For lists of problems that are strings
    (`sedp templates check`); a param with an `in_language` (a `Term`, a `Sentence`, an error) is said in the same
    language."""

    msgid: str
    params: dict[str, Any]

    def __new__(cls, msgid: str, /, **params: Any) -> Sentence:
        self = super().__new__(cls, msgid.format(**_in_language(params, SOURCE_LANGUAGE)))
        self.msgid, self.params = msgid, params
        return self

    def in_language(self, language: str | None) -> str:
        return translation(language).gettext(self.msgid).format(**_in_language(self.params, language))

    def __reduce__(self) -> tuple[Any, ...]:  # pickled with its msgid and params, not as the English text alone
        return _sentence, (self.msgid, self.params)


def _sentence(msgid: str, params: dict[str, Any]) -> Sentence:
    return Sentence(msgid, **params)


class _Amount:
    """A number in a message, formatted in the message's language when its placeholder asks for grouping or a
    fixed number of decimals: ``{cost:,.2f}`` gives 1,234.50 in English and 1 234,50 in Russian (babel, see
    `sedp_core.number_format`). ``{year}``, ``{line}`` and other specs (``{byte:02x}``) are left as Python writes
    them: a year is not an amount."""

    _SPEC = re.compile(r"(,)?(?:\.(\d+)f)?")

    def __init__(self, value: int | float, language: str) -> None:
        self.value, self.language = value, language

    def __format__(self, spec: str) -> str:
        match = self._SPEC.fullmatch(spec)
        if not spec or match is None:
            return format(self.value, spec)
        from sedp_core.number_format import format_number

        return format_number(self.value, self.language, int(match.group(2) or 0), grouped=bool(match.group(1)))

    def __str__(self) -> str:
        return str(self.value)

    def __repr__(self) -> str:  # a "{x!r}" placeholder still shows the number
        return repr(self.value)


def _in_language(params: dict[str, Any], language: str | None) -> dict[str, Any]:
    code = _code(language) if language else SOURCE_LANGUAGE
    return {k: v.in_language(language) if hasattr(v, "in_language") else  # a Term, a Sentence, an error
            _Amount(v, code) if isinstance(v, int | float) and not isinstance(v, bool) else v
            for k, v in params.items()}


def messages_for(msgid: str, /, **params: Any) -> dict[str, str]:
    """A finding's `messages`: `msgid` in every catalog language, its ``{placeholders}`` filled from `params`
    (a `Term` among them in the same language)."""
    return {lang: translation(lang).gettext(msgid).format(**_in_language(params, lang)) for lang in catalog_languages()}


def plural_messages_for(singular: str, plural: str, n: int, /, **params: Any) -> dict[str, str]:
    """`messages_for` for a message whose wording depends on the number `n` (given to the placeholders as ``n``
    unless `params` has it)."""
    values = {"n": n, **params}
    return {lang: translation(lang).ngettext(singular, plural, n).format(**_in_language(values, lang))
            for lang in catalog_languages()}
