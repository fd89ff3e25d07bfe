"""What is computed once per validated program and shared by every document rendered from it.

A program is not changed once validated, and rendering its documents (and `sedp validate` of an approved
program, which renders them all in memory to find unconfirmed values) asks the same questions of it for every
document: its reader numbers, its context rows in one language, a plugin's tables. `per_program` answers each
once per program object; the answers live as long as the program does.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

__all__ = ["per_program"]

T = TypeVar("T")

_memos: dict[int, tuple[weakref.ref[Any], dict[Hashable, Any]]] = {}
"""id(program) -> (a weak reference to it, key -> value); an entry goes when its program does."""


def per_program(program: Any, key: Hashable, build: Callable[[], T], on: tuple[Any, ...] = ()) -> T:
    """``build()``, called once per validated `program`, `key` and `on`; later calls with the same program
    object, key and objects return the same object.

    `key` names what the value depends on besides the program, for example ``("mn.onhs.context", language)``:
    start it with your plugin's name. `on`: objects it depends on by identity (the methodology, the registry),
    kept with the value so that no other object can take their place. The value is shared by every document of
    the program and by validation's rendering of them: treat it as read-only, never change it or the program."""
    entry = _memos.get(id(program))
    if entry is None or entry[0]() is not program:
        number = id(program)

        def forget(ref: weakref.ref[Any]) -> None:
            if _memos.get(number, (None,))[0] is ref:
                del _memos[number]

        entry = _memos[number] = (weakref.ref(program, forget), {})
    memo = entry[1]
    full = (key, tuple(id(obj) for obj in on))
    if full not in memo:
        memo[full] = (build(), on)  # `on` held: their ids stay theirs while the value lives
    return memo[full][0]  # type: ignore[no-any-return]
