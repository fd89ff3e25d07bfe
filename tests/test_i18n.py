"""The core's message catalog: every msgid of the code translated into ky, ru and mn, placeholders kept."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from sedp_core import i18n
from sedp_core.i18n import CATALOG_LANGUAGES, N_, Term, messages_for, pick_language, translation

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "sedp_core" / "locale"


def _extracted() -> dict[str | tuple[str, ...], str]:
    """The msgids in the code as `pybabel extract -F babel.cfg` finds them (msgid → where)."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {**DEFAULT_KEYWORDS, **i18n.EXTRACT_KEYWORDS}
    found: dict[str | tuple[str, ...], str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            ROOT, method_map, options_map, keywords=keywords):
        found.setdefault(message, f"{filename}:{lineno}")
    return found


def _catalog(language: str):
    with open(LOCALE / language / "LC_MESSAGES" / "sedp.po", "rb") as po:
        return read_po(po, locale=language)


def _fields(text: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.fixture(scope="module")
def extracted() -> dict[str | tuple[str, ...], str]:
    found = _extracted()
    assert len(found) > 20  # the extraction saw the core's messages
    return found


def test_the_template_holds_every_msgid_of_the_code(extracted: dict) -> None:
    with open(LOCALE / "sedp.pot", "rb") as pot:
        template = {m.id for m in read_po(pot) if m.id}
    missing = {str(m) for m in extracted if m not in template}
    stale = {str(m) for m in template if m not in extracted}
    assert not missing and not stale, (
        f"sedp_core/locale/sedp.pot is out of date (run the extract and update commands of docs/translating.md); "
        f"new: {sorted(missing)}; gone: {sorted(stale)}")


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_every_msgid_is_translated_with_the_same_placeholders(extracted: dict, language: str) -> None:
    catalog = _catalog(language)
    problems = []
    for msgid, where in extracted.items():
        message = catalog.get(msgid)
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        strings = (message.string if isinstance(message.string, tuple) else (message.string,)) if message else ()
        if message is None or message.fuzzy or not all(strings):
            problems.append(f"{where}: no {language} translation of {msgid!r}")
            continue
        expected = set().union(*(_fields(i) for i in ids))
        for text in strings:
            if _fields(text) != expected:
                problems.append(f"{where}: {language} {text!r} has placeholders {sorted(_fields(text))}, "
                                f"the msgid {sorted(expected)}")
    assert not problems, "\n".join(problems)


def test_a_translation_is_compiled_from_the_po_file_without_a_build_step() -> None:
    msgid = "year {year} is outside the program period {first}-{last}"
    assert translation("ru").gettext(msgid) == _catalog("ru")[msgid].string
    assert translation("ru_RU.UTF-8") is translation("ru")
    for plain in ("en", None, "de"):
        assert translation(plain).gettext(msgid) == msgid


def test_a_core_message_in_every_catalog_language() -> None:
    messages = messages_for(N_("the {what} id '{id}' is used more than once"), what=Term(N_("goal")), id="G1")
    assert messages["en"] == "the goal id 'G1' is used more than once"
    assert set(messages) == {"en", *CATALOG_LANGUAGES}
    assert "«G1»" in messages["ky"] and "стратегиялык максат" in messages["ky"]
    assert "стратегическая цель" in messages["ru"]
    assert "зорилго" in messages["mn"]


def test_the_language_comes_from_the_option_then_the_program_then_the_environment(
        monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert pick_language(None) == "en"
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert pick_language(None) == "ru"
    monkeypatch.setenv("LANGUAGE", "de:mn")  # the first language the core has words for
    assert pick_language(None) == "mn"
    assert pick_language(None, ["ky", "ru"]) == "ky"
    assert pick_language("ru", ["ky"]) == "ru"
    monkeypatch.setenv("LANGUAGE", "")
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert pick_language(None) == "en"


def test_an_amount_in_a_message_is_written_the_way_its_language_writes_numbers() -> None:
    msgid = N_("activity '{activity}' is financed {financed:,.2f} of its cost {cost:,.2f}")
    messages = messages_for(msgid, activity="A1", financed=1000, cost=1234.565)
    assert "1,000.00" in messages["en"] and "1,234.57" in messages["en"]  # halves away from zero, as in documents
    assert "1\u00a0234,57" in messages["ru"] and "1\u00a0000,00" in messages["ru"]
    assert "1\u00a0234,57" in messages["ky"]
    # a year, a line number and a hex byte are not amounts: they stay as they are
    assert "2025" in messages_for(N_("source '{source}' gives {planned:,.2f} in {year}, but activities use "
                                     "{used:,.2f}"), source="S", planned=1, year=2025, used=2)["ru"]
    assert "0x0a" in Term(N_("the file is not UTF-8 text (byte 0x{byte:02x} at line {line}); save it as UTF-8"),
                          byte=10, line=1234).in_language("ru")
    assert Term("{a!r} {b!s}", a=2.5, b=3).in_language("ru") == "2.5 3"  # conversions see the number itself


def test_a_limit_in_an_error_is_written_in_the_user_s_language() -> None:
    from sedp_core.errors import InputError

    exc = InputError(N_("the file is {size:,} bytes, more than the limit of {limit:,} (set SEDP_MAX_INPUT_BYTES to "
                        "change it)"), params={"size": 12_345_678, "limit": 10_000_000})
    assert "12,345,678 bytes" in str(exc)
    assert "12\u00a0345\u00a0678 байт" in exc.in_language("ru")
