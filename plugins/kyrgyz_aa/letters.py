"""Kyrgyz texts normalised on load: look-alike characters typed for ң ө ү (and Latin letters typed inside
Cyrillic words) are replaced, and every field changed is recorded so that a rule can report it.

The mappings are data (data/letters.yaml); this module applies them. Only Kyrgyz texts are touched: the `ky`
text of a per-language text, and plain texts of a program whose main language is Kyrgyz.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sedp_kyrgyz_aa.datafiles import DATA_DIR, read_yaml

__all__ = ["LetterChange", "normalise_kyrgyz", "normalise_program_data"]

KYRGYZ = "ky"
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LANGUAGE = re.compile(r"[a-z]{2,3}")  # the core's LanguageCode


@dataclass(frozen=True)
class LetterChange:
    """One field whose text was changed: its JSON Pointer and how often each character was replaced."""

    path: str
    replaced: tuple[tuple[str, str, int], ...]

    def summary(self) -> str:
        """'ӊ→ң ×2, ɵ→ө' (for the warning's message)."""
        return ", ".join(f"{a}→{b}" + (f" ×{n}" if n > 1 else "") for a, b, n in self.replaced)


@functools.cache
def _maps() -> tuple[dict[str, str], dict[str, str]]:
    """(replaced anywhere, replaced only inside a Cyrillic word), from data/letters.yaml."""
    anywhere: dict[str, str] = {}
    in_word: dict[str, str] = {}
    for group in read_yaml(DATA_DIR / "letters.yaml")["groups"]:
        (anywhere if group["scope"] == "anywhere" else in_word).update(group["map"])
    return anywhere, in_word


def normalise_kyrgyz(text: str) -> tuple[str, Counter[tuple[str, str]]]:
    """The text with look-alikes replaced, and how often each (from, to) pair was replaced."""
    anywhere, in_word = _maps()
    counts: Counter[tuple[str, str]] = Counter()
    chars = []
    for ch in text:
        if ch in anywhere:
            counts[(ch, anywhere[ch])] += 1
            ch = anywhere[ch]
        chars.append(ch)
    text = "".join(chars)

    def fix_word(match: re.Match[str]) -> str:
        word = match.group()
        # A word of Latin letters only ('LED', 'PRA') is a Latin word: left alone.
        if not _CYRILLIC.search(word):
            return word
        out = []
        for ch in word:
            if ch in in_word:
                counts[(ch, in_word[ch])] += 1
                ch = in_word[ch]
            out.append(ch)
        return "".join(out)

    return _WORD.sub(fix_word, text), counts


def _is_per_language(node: Any) -> bool:
    """{ky: ..., ru: ...}: every key a language code, every value a string (the core's per-language Text)."""
    return (isinstance(node, dict) and bool(node)
            and all(isinstance(k, str) and _LANGUAGE.fullmatch(k) and isinstance(v, str) for k, v in node.items()))


def normalise_program_data(data: Any) -> tuple[Any, list[LetterChange]]:
    """A copy of raw program data with its Kyrgyz texts normalised, and the fields changed.

    Raw data may be anything (the schema has not checked it yet): only mappings, lists and strings are walked.
    """
    if not isinstance(data, dict):
        return data, []
    languages = data.get("languages")
    plain_is_kyrgyz = isinstance(languages, list) and bool(languages) and languages[0] == KYRGYZ
    changes: list[LetterChange] = []

    def fix(text: str, path: str) -> str:
        new, counts = normalise_kyrgyz(text)
        if counts:
            changes.append(LetterChange(path, tuple((a, b, n) for (a, b), n in counts.items())))
        return new

    def walk(node: Any, path: str) -> Any:
        if _is_per_language(node):
            # A text per language: only its Kyrgyz text is Kyrgyz, whatever the main language.
            return {key: fix(value, f"{path}/{key}") if key == KYRGYZ else value for key, value in node.items()}
        if isinstance(node, dict):
            return {key: walk(value, f"{path}/{key}") for key, value in node.items()}
        if isinstance(node, list):
            return [walk(value, f"{path}/{i}") for i, value in enumerate(node)]
        if isinstance(node, str) and plain_is_kyrgyz:
            return fix(node, path)
        return node

    return walk(data, ""), changes
