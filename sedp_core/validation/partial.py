"""The part of a program that passed the schema, so that the rules check it while schema errors remain.

One schema error used to hide every rule error until it was fixed. Instead, each value pydantic refuses is left
out of a copy of the data: an optional field is dropped (its default applies), a required one takes its
enclosing list item or object with it, up to a top-level field, which the model then lets be `None` (a rule
that reads it cannot run, and says so). The copy is validated again until it passes; the rules run on that
partial program, their pointers are mapped back to the file's indices, and a finding that touches a part left
out (at, inside or around it, or naming the id of a dropped item) is not reported: it could come from the
repair rather than from the data.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError, create_model

from sedp_core.input.loader import escape_pointer

__all__ = ["PartialProgram", "RuleNeedsWholeProgram", "build_partial", "data_path"]

Path = tuple[str | int, ...]
_MAX_ROUNDS = 64
"""Each round leaves out at least one more part, and a program nests far less deep than this."""


class RuleNeedsWholeProgram(Exception):
    """Raised by a rule (through `ValidationContext.require_whole_program`) that cannot judge a partial program,
    for example one that renders the documents; the report then says that the rule did not run."""


def _is_branch_tag(part: Any) -> bool:
    # pydantic names union branches in error locations ("str", "dict[constrained-str,str]"); they are not keys.
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "float", "bool", "list", "dict", "none",
                                                              "date"})


def data_path(loc: Iterable[Any], data: Any) -> tuple[Path, bool]:
    """The path into `data` of a pydantic error location, union-branch tags skipped, and whether it reached its
    end (False when a field the location names is missing from the data: the path then ends at its parent)."""
    path: list[str | int] = []
    current = data
    for part in loc:
        in_dict = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_dict or in_list:
            current = current[part]
            path.append(part)
        elif not _is_branch_tag(part):
            return tuple(path), False
    return tuple(path), True


def pointer_of(loc: Iterable[Any], data: Any) -> str:
    """The JSON Pointer of a pydantic error location; a missing field is named although the data lacks it."""
    pointer, current = "", data
    for part in loc:
        in_dict = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_dict or in_list:
            current = current[part]
        elif isinstance(part, str) and not _is_branch_tag(part) and (current is None or isinstance(current, dict)):
            current = None  # a missing field: named in the pointer although the data has nothing there
        else:
            continue
        pointer += f"/{escape_pointer(part)}"
    return pointer


@dataclass
class PartialProgram:
    """The program built from the data without its invalid parts (None when nothing could be built)."""

    program: Any
    left_out: tuple[str, ...]
    """JSON Pointers (the file's indices) of the parts left out, outermost only."""
    dropped_ids: frozenset[str] = frozenset()
    """The ids (and codes) of the list items left out: a finding naming one may be due to its absence."""
    watch: _Watch = field(default_factory=lambda: _Watch())
    """Which lists with items left out a rule read: a finding naming what those items named (a proposal "not
    ranked" when the meeting that ranked it was left out) may be due to their absence."""
    _data: Any = None
    _origins: dict[int, list[int]] = field(default_factory=dict)

    def original_pointer(self, pointer: str) -> str:
        """A pointer into the partial program as a pointer into the file (list indices before items were left
        out)."""
        if not pointer or not self._origins:
            return pointer
        out, current = [], self._data
        for raw in pointer.split("/")[1:]:
            part = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(current, list) and part.isdigit():
                i = int(part)
                origins = self._origins.get(id(current))
                out.append(str(origins[i] if origins is not None and i < len(origins) else i))
                current = current[i] if i < len(current) else None
            else:
                out.append(raw)
                current = current.get(part) if isinstance(current, dict) else None
        return "/" + "/".join(out)

    def touches(self, pointer: str, params: Mapping[str, Any]) -> bool:
        """Whether a finding at `pointer` (the file's indices) may come from a part left out."""
        for left in self.left_out:
            if pointer == left or pointer.startswith(left + "/") or (pointer and left.startswith(pointer + "/")):
                return True
        names = self.dropped_ids | self.watch.names
        return any(isinstance(v, str) and v in names for v in params.values())


class _Watch:
    """The names held by the left-out items of the lists read since `reset` (one rule's run)."""

    def __init__(self) -> None:
        self.names: frozenset[str] = frozenset()
        self.on = False

    def reset(self, on: bool = True) -> None:
        self.names, self.on = frozenset(), on


class _WatchedList(list):  # type: ignore[type-arg]
    """A list of the partial program that had items left out: reading it tells the watch."""

    def __init__(self, items: Iterable[Any], watch: _Watch, names: frozenset[str]) -> None:
        super().__init__(items)
        self._watch, self._names = watch, names

    def _read(self) -> None:
        if self._watch.on:
            self._watch.names |= self._names

    def __iter__(self) -> Iterator[Any]:
        self._read()
        return super().__iter__()

    def __reversed__(self) -> Iterator[Any]:
        self._read()
        return super().__reversed__()

    def __getitem__(self, index: Any) -> Any:
        self._read()
        return super().__getitem__(index)

    def __len__(self) -> int:
        self._read()
        return super().__len__()

    def __contains__(self, value: object) -> bool:
        self._read()
        return super().__contains__(value)


@functools.cache
def _lenient(model: type[BaseModel], fields: frozenset[str]) -> type[BaseModel]:
    """`model` with the given required top-level fields allowed to be absent (None)."""
    overrides: dict[str, Any] = {name: (Any, None) for name in sorted(fields)}
    return create_model(model.__name__, __base__=model, __module__=model.__module__, **overrides)


def _sort_key(path: Path) -> tuple[tuple[int, int, str], ...]:
    return tuple((isinstance(p, str), p if isinstance(p, int) else 0, p if isinstance(p, str) else "") for p in path)


def build_partial(model: type[BaseModel], data: Any, errors: list[dict[str, Any]]) -> PartialProgram:
    """Leave out of a copy of `data` every part `errors` (pydantic's, for `data`) names, until `model` accepts
    the rest. Never raises: a program that cannot be built gives `program=None`."""
    reduced = copy.deepcopy(data)
    origins: dict[int, list[int]] = {}
    left_out: list[str] = []
    dropped_ids: set[str] = set()
    lenient: set[str] = set()
    names: dict[int, set[str]] = {}
    fields = model.model_fields

    def original(path: Path) -> str:
        out, current = [], reduced
        for part in path:
            if isinstance(current, list) and isinstance(part, int):
                known = origins.get(id(current))
                out.append(escape_pointer(known[part] if known is not None else part))
            else:
                out.append(escape_pointer(part))
            current = current[part]
        return "".join(f"/{p}" for p in out)

    for _ in range(_MAX_ROUNDS):
        targets: set[Path] = set()
        for err in errors:
            path, whole = data_path(err["loc"], reduced)
            if (err["type"] == "missing" or not whole) and not path:
                # A required top-level field is missing: the model lets it be None.
                name = next((p for p in err["loc"] if not _is_branch_tag(p)), None)
                if not isinstance(name, str) or name not in fields or name in lenient:
                    return PartialProgram(None, ())
                lenient.add(name)
                left_out.append(f"/{escape_pointer(name)}")
                continue
            if not path:  # the program as a whole is refused (a check across its fields)
                return PartialProgram(None, ())
            targets.add(path)
        # Outermost first would shift list indices under the inner ones: delete the deepest, highest index first.
        for path in sorted(targets, key=_sort_key, reverse=True):
            if any(path[:n] in targets for n in range(1, len(path))):
                continue  # inside a part left out anyway
            parent: Any = reduced
            for part in path[:-1]:
                parent = parent[part]
            left_out.append(original(path))
            key = path[-1]
            if isinstance(parent, list) and isinstance(key, int):
                item = parent[key]
                if isinstance(item, dict):
                    dropped_ids.update(v for k in ("id", "code") if isinstance(v := item.get(k), str))
                names.setdefault(id(parent), set()).update(_names_in(item))
                del origins.setdefault(id(parent), list(range(len(parent))))[key]
                del parent[key]
            else:
                del parent[key]
        try:
            program = (_lenient(model, frozenset(lenient)) if lenient else model).model_validate(reduced)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            continue
        except Exception:  # a model's own check failing on what is left: no partial program
            return PartialProgram(None, ())
        partial = PartialProgram(program, _outermost(left_out), frozenset(dropped_ids), _data=reduced,
                                 _origins=origins)
        _watch_lists(program, reduced, names, partial.watch)
        return partial
    return PartialProgram(None, ())


def _watch_lists(program: BaseModel, data: Any, names: dict[int, set[str]], watch: _Watch) -> None:
    """Replace, in the program, each list that had items left out by a `_WatchedList` of the same items."""
    stack: list[tuple[Path, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, list):
            if id(value) in names and path:
                *parents, key = path
                holder: Any = program
                for part in parents:
                    holder = getattr(holder, part) if isinstance(holder, BaseModel) else holder[part]
                if isinstance(holder, BaseModel) and isinstance(key, str):
                    holder.__dict__[key] = _WatchedList(getattr(holder, key), watch, frozenset(names[id(value)]))
                elif isinstance(holder, dict | list):
                    holder[key] = _WatchedList(holder[key], watch, frozenset(names[id(value)]))
            stack.extend(((*path, i), item) for i, item in enumerate(value) if isinstance(item, list | dict))
        elif isinstance(value, dict):
            stack.extend(((*path, k), item) for k, item in value.items() if isinstance(item, list | dict))


def _names_in(value: Any) -> Iterator[str]:
    """Every string of a value that could be an id or a code (no spaces: not a sentence)."""
    if isinstance(value, str):
        if value and len(value) <= 64 and not any(c.isspace() for c in value):
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _names_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _names_in(item)


def _outermost(pointers: list[str]) -> tuple[str, ...]:
    unique = list(dict.fromkeys(pointers))
    return tuple(p for p in unique if not any(p.startswith(q + "/") for q in unique if q != p))
