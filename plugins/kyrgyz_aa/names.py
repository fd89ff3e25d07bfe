"""Forms of names and numbers the documents need that are not inflection: a signature's initials and the
Kyrgyz possessive of a number written in digits."""

from __future__ import annotations

from typing import Any

__all__ = ["initials", "possessive_number"]

# Kyrgyz patronymics are written "Асан уулу" / "Асан кызы": the patronymic is the word before.
_PATRONYMIC_MARKERS = ("уулу", "кызы")


def initials(full_name: str) -> str:
    """'Сапаров Бакыт Асанович' → 'Б.А. Сапаров' (surname first, as the programs list people); a name of one
    word, or one already written with initials, is returned exactly as typed (spaces too: nothing the officer
    typed changes without a reason)."""
    words = full_name.split()
    if len(words) < 2 or any("." in w for w in words):
        return full_name
    surname, given = words[0], words[1:]
    if given[-1].lower() in _PATRONYMIC_MARKERS and len(given) >= 2:
        given = given[:-1]
    return "".join(f"{w[0]}." for w in given) + " " + surname


def possessive_number(value: int, spec: dict[str, Any]) -> str:
    """The number in digits with the possessive suffix of its last spoken word (Kyrgyz: 8 → '8и', 2 → '2си',
    10 → '10у'); `spec` is numbers.yaml's entry for the language; without one the number is returned bare."""
    if not spec:
        return str(value)
    n = abs(int(value))
    if n == 0:
        suffix = spec["zero"]
    elif n % 10:
        suffix = spec["units"][str(n % 10)]
    elif n % 100:
        suffix = spec["tens"][str(n % 100 // 10)]
    elif n % 1000:
        suffix = spec["hundred"]
    else:
        suffix = spec["thousand"]
    return f"{value}{suffix}"
