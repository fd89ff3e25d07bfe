"""What is computed once per validated program and shared by every document rendered from it.

Rendering a program's documents (and `sedp validate` of an approved program, which renders them all in memory to
find unconfirmed values) asks the same questions of it for every document: its reader numbers, its context rows
in one language, a plugin's tables. `per_program` answers each once per program object within a `memo_scope`.

Where the answers live, and for how long:

* On the program object itself (`Program._memo`), never in a module-level table: the answers refer to the
  program, so a table keyed by it would keep every program alive (a summary of 330 programs would grow without
  bound). Program → memo → answers → program is a cycle the collector frees, and the scope breaks it anyway.
* Only while a `memo_scope` is open: one command's validation and rendering of one program
  (`render_program_file`, `validate_data`, `render_to_bytes`, `build_context` open one). When the outermost scope
  closes, every memo filled in it is dropped, so a program changed afterwards (a test, a caller that edits a
  validated program and renders it again) is never answered from its old state. Outside a scope `per_program`
  simply builds.
* A copy is another program: `model_copy` (shallow or deep), `copy.copy`, `pickle` never carry the answers over;
  a memo answers only for the object it was made for, so a copy changed by `model_copy(update=...)` is built
  afresh.

Within a scope the program must not change (the context hook's contract: the program and shared values are
read-only).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

__all__ = ["memo_scope", "per_program"]

T = TypeVar("T")


class _Memo:
    """The answers kept for one program object (the value of its `_memo` private attribute)."""

    __slots__ = ("owner", "values")

    def __init__(self, owner: Any) -> None:
        self.owner = weakref.ref(owner)  # weak: a copy that shares this object can tell it is not the owner
        self.values: dict[Hashable, tuple[Any, tuple[Any, ...]]] = {}

    # pydantic's model_copy copies the private attributes (deep=True deep-copies them), pickle keeps them: a copy
    # starts with no answers. (A shallow model_copy shares this very object: `owner` tells them apart.)
    def __copy__(self) -> None:
        return None

    def __deepcopy__(self, memo: dict[int, Any]) -> None:
        return None

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(None), ())

    # pydantic compares private attributes too: an answer kept must not make a program unequal to its copy.
    def __eq__(self, other: object) -> bool:
        return other is None or isinstance(other, _Memo)

    __hash__ = None  # type: ignore[assignment]


_scope: ContextVar[list[Any] | None] = ContextVar("sedp_memo_scope", default=None)
"""The programs whose memo the open scope filled (None: no scope open). A context variable, so that threads (the
web server's) and asyncio tasks each have their own."""


@contextmanager
def memo_scope() -> Iterator[None]:
    """Within it, `per_program` answers each question once per program; when the outermost scope closes, the
    answers it kept are dropped. Nested scopes belong to the outermost one."""
    if _scope.get() is not None:
        yield
        return
    filled: list[Any] = []
    token = _scope.set(filled)
    try:
        yield
    finally:
        _scope.reset(token)
        for program in filled:
            object.__getattribute__(program, "__pydantic_private__")["_memo"] = None


def per_program(program: Any, key: Hashable, build: Callable[[], T], on: tuple[Any, ...] = ()) -> T:
    """``build()``, called once per `program` object, `key` and `on` within a `memo_scope`; later calls with the
    same program object, key and objects return the same object. Outside a scope (or for an object that is not a
    `sedp_core.models.Program`) it is ``build()`` every time.

    `key` names what the value depends on besides the program, for example ``("my_plugin.context", language)``:
    start it with your plugin's name. `on`: objects it depends on by identity (the methodology, the registry),
    kept with the value so that no other object can take their place. The value is shared by every document of
    the program and by validation's rendering of them: treat it as read-only, never change it or the program."""
    filled = _scope.get()
    private = getattr(program, "__pydantic_private__", None)
    if filled is None or private is None or "_memo" not in private:
        return build()
    memo = private["_memo"]
    if memo is None or memo.owner() is not program:  # none yet, or a copy's inherited one
        memo = private["_memo"] = _Memo(program)
        filled.append(program)
    full = (key, tuple(id(obj) for obj in on))
    found = memo.values.get(full)
    if found is None:
        found = memo.values[full] = (build(), on)  # `on` held: their ids stay theirs while the value lives
    return found[0]  # type: ignore[no-any-return]
