"""Typography a renderer applies to every rendered document: hyphens that must not end a line.

A year range ("2025-2027"), a number with its suffix ("2025-жылы", "20-августу"), a hyphenated place name
("Кок-Сай", "Жаңы-Жол", "Улаан-Уул") and an abbreviation with its case ending ("ОНХС-ийн") are read as one
word: broken at the hyphen, the second half would start the next line (or the next line of a table cell) on its
own. Such hyphens become Word's non-breaking hyphen
(`<w:noBreakHyphen/>`), which Word and LibreOffice draw with the hyphen of the text's own font — unlike the
character U+2011, which Liberation Serif 2 lacks, so it would come from a fallback font. Other hyphens (a
compound such as "социально-экономический") may still break, as typesetting allows.

Likewise the numero sign keeps its number: the space in "№ 4" becomes a no-break space (U+00A0, which every font
has), so a line never ends with "№" and the next one starts with the number.

And no page is left blank by an empty paragraph that only carries a break: the paragraph holding a section break,
and the one Word needs after a table that ends the document, take a line of the text's size; when the table above
fills its page, that line alone would start a new page (a page with nothing but the running header). They are set
to a 1-point line with no spacing, and the empty paragraphs just before a section break are dropped
(`shrink_break_paragraphs`).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["keep_hyphens", "keep_hyphens_in_xml", "keep_numero", "language_tag", "protected_hyphens", "set_language",
           "shrink_break_paragraphs"]

LANGUAGE_TAGS = {"mn": "mn-MN", "ky": "ky-KG", "ru": "ru-RU", "tg": "tg-TJ", "en": "en-GB", "kk": "kk-KZ",
                 "uz": "uz-UZ"}
"""The language tag a document's text carries (Word's and LibreOffice's spelling and hyphenation pick their
dictionaries by it)."""

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_WORD_START = re.compile(r"\w+$")


def protected_hyphens(text: str) -> list[int]:
    """Positions of the hyphens in `text` that must not break a line: after a digit (ranges, numbered suffixes),
    between two capitalised parts of a name, or between an abbreviation and its case ending ("ОНХС-ийн",
    "ИТХ-ын": the ending alone would start the next line)."""
    found = []
    for match in _HYPHEN.finditer(text):
        i = match.start()
        before, after = text[i - 1], text[i + 1]
        head = _WORD_START.search(text, 0, i)
        part = head.group(0) if head else ""
        if before.isdigit() or (part[:1].isupper() and after.isupper()) or (len(part) > 1 and part.isupper()):
            found.append(i)
    return found


def _split_text(t: Any, positions: list[int]) -> None:
    """Replace the hyphens at `positions` of the `w:t` element by `w:noBreakHyphen` siblings."""
    from lxml import etree

    text = t.text or ""
    pieces, start = [], 0
    for i in positions:
        pieces.append(text[start:i])
        start = i + 1
    pieces.append(text[start:])
    t.text = pieces[0]
    anchor = t
    for piece in pieces[1:]:
        hyphen = etree.Element(f"{W}noBreakHyphen")
        anchor.addnext(hyphen)
        anchor = hyphen
        if piece:
            rest = etree.Element(f"{W}t")
            rest.set(XML_SPACE, "preserve")
            rest.text = piece
            anchor.addnext(rest)
            anchor = rest
    if not pieces[0]:
        t.getparent().remove(t)


NUMERO = re.compile(r"№ (?=\S)")


def keep_numero(text: str) -> str:
    """"№ 4" → "№\u00a04": the number stays on the line of its sign."""
    return NUMERO.sub("№\u00a0", text) if "№" in text else text


def keep_hyphens(root: Any) -> int:
    """Make the protected hyphens of every text run under `root` (an lxml element of a part) non-breaking, and
    the space after a numero sign (`keep_numero`); return how many hyphens were changed."""
    changed = 0
    for t in list(root.iter(f"{W}t")):
        if t.text and "№" in t.text:
            t.text = keep_numero(t.text)
        positions = protected_hyphens(t.text or "")
        if positions:
            _split_text(t, positions)
            changed += len(positions)
    return changed


_TEXT_RUN = re.compile(r"<w:t(\s[^>]*)?>([^<]*)</w:t>")


def keep_hyphens_in_xml(xml: str) -> str:
    """`keep_hyphens` on serialized WordprocessingML (the renderer streams the document part as text): each
    protected hyphen of a `<w:t>` ends that text and is followed by `<w:noBreakHyphen/>` and the rest."""

    def split(match: re.Match[str]) -> str:
        attrs, text = match.group(1) or "", match.group(2)
        positions = protected_hyphens(text)
        if not positions:
            return match.group(0)
        pieces, start = [], 0
        for i in positions:
            pieces.append(text[start:i])
            start = i + 1
        pieces.append(text[start:])
        runs = [f"<w:t{attrs}>{pieces[0]}</w:t>" if pieces[0] else ""]
        runs += ["<w:noBreakHyphen/>" + (f'<w:t xml:space="preserve">{p}</w:t>' if p else "") for p in pieces[1:]]
        return "".join(runs)

    xml = keep_numero(xml)  # "№ " occurs in text only: markup has no such characters
    return _TEXT_RUN.sub(split, xml) if "-" in xml else xml


# A 1-point line with no spacing: `w:spacing` and the paragraph mark's `w:rPr` come before `w:sectPr` in `w:pPr`.
_TINY = ('<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
         '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>')
_SECTION_BREAK = re.compile(r"<w:p><w:pPr>(<w:sectPr[ >](?:(?!</w:sectPr>).)*</w:sectPr>)</w:pPr></w:p>", re.S)
# Empty paragraphs (a template's blank line, or what a removed `{%p %}` tag leaves) just before a section break or
# the body's own section properties: nothing follows them on their page, and each would take a line there.
_EMPTY_BEFORE_SECTION = re.compile(r"(?:<w:p/>)+(?=<w:p><w:pPr>" + re.escape(_TINY) + r"<w:sectPr[ >])")
_EMPTY_AT_END = re.compile(r"(?:<w:p/>)+(?=<w:sectPr[ >])")


def shrink_break_paragraphs(xml: str) -> str:
    """Serialized WordprocessingML with each empty paragraph that only carries a section break made a 1-point line
    without spacing, the empty paragraphs just before it dropped, and those that end the body made one such line
    (Word wants a paragraph, not a table, last)."""
    if "<w:sectPr" not in xml:
        return xml
    xml = _SECTION_BREAK.sub(lambda m: f"<w:p><w:pPr>{_TINY}{m.group(1)}</w:pPr></w:p>", xml)
    xml = _EMPTY_BEFORE_SECTION.sub("", xml)
    return _EMPTY_AT_END.sub(f"<w:p><w:pPr>{_TINY}</w:pPr></w:p>", xml)


def language_tag(language: str) -> str:
    """`ru` → 'ru-RU': the tag for a document in `language` (a tag given whole is kept)."""
    return language if "-" in language else LANGUAGE_TAGS.get(language, language)


def set_language(styles: Any, language: str) -> None:
    """Tag the default paragraph style (and the document defaults) with the rendered document's language: one
    template serves several languages, and hyphenation and spelling follow this tag."""
    tag = language_tag(language)
    for lang in styles.iter(f"{W}lang"):
        lang.set(f"{W}val", tag)
