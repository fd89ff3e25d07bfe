"""Reading YAML at libyaml's speed while keeping the line and column of every value.

libyaml (through PyYAML's C extension) scans and parses the text; this module builds plain Python values from its
event stream, recording where each one starts. Why events and not PyYAML's C composer: the composer recurses in C
once per nesting level, so a hostile file nested a million levels deep would overflow the C stack before any
Python check ran. libyaml's parser itself keeps its state in heap stacks, and here nesting is an explicit stack
whose depth is checked at every opening event, before anything deeper is built. The same loop counts every value
built and charges an alias the full size of what it repeats, so an alias bomb stops at the node limit without
being expanded.

Values follow YAML 1.2's core schema as ruamel.yaml's round-trip loader read them before (`yes` and `no` stay text,
`0x1F` and `1_000` are numbers), dates stay text (the model parses them, so an impossible date is a located schema
error), duplicate keys are refused, and `<<` merge keys are honoured.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from sedp_core.errors import InputError
from sedp_core.i18n import N_
from sedp_core.input.loader import NodeBudget, escape_pointer

__all__ = ["parse_yaml"]

_PREFIX = "tag:yaml.org,2002:"

# YAML 1.2 core schema, as ruamel.yaml resolves it (its regular expressions, first characters included).
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_FLOAT = re.compile(r"""^(?:
     [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""", re.X)
_INT = re.compile(r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+)$""", re.X)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_NUMBER_START = frozenset("-+0123456789.")
_INT_START = frozenset("-+0123456789")


def _to_int(text: str) -> int:
    digits = text.replace("_", "")
    sign = -1 if digits[0] == "-" else 1
    digits = digits.lstrip("+-")
    for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if digits.startswith(prefix):
            return sign * int(digits[2:], base)
    return sign * int(digits, 10)  # "017" is seventeen in YAML 1.2


def _to_float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return -math.inf if lowered[0] == "-" else math.inf
    if lowered.endswith(".nan"):
        return math.nan
    return float(text.replace("_", ""))


def _plain(text: str) -> Any:
    """A plain (unquoted, untagged) scalar as YAML 1.2's core schema reads it; dates stay text."""
    first = text[:1]
    if first in _NUMBER_START and first:
        if first in _INT_START and _INT.match(text):
            return _to_int(text)
        if _FLOAT.match(text):
            return _to_float(text)
        return text
    if first in "tTfF" and first and _BOOL.match(text):
        return text[0] in "tT"
    if first in "~nN" and _NULL.match(text):
        return None
    return text


def _explicit(tag: str, text: str, mark: Any, source: str) -> Any:
    """A scalar with an explicit core tag (`!!int 5`); any other tag is refused (no Python objects from data)."""
    name = tag[len(_PREFIX):] if tag.startswith(_PREFIX) else None
    try:
        if name in ("str", "timestamp"):
            return text
        if name == "int":
            return _to_int(text)
        if name == "float":
            return _to_float(text)
        if name == "bool" and _BOOL.match(text):
            return text[0] in "tT"
        if name == "null" and _NULL.match(text):
            return None
    except (ValueError, IndexError):
        pass
    if name in ("int", "float", "bool", "null"):
        raise _error(f"{text!r} is not a valid !!{name}", mark, source)
    raise _error(f"the tag {tag} is not allowed in program data", mark, source)


def _error(problem: str, mark: Any, source: str, code: str = "input.yaml-syntax") -> InputError:
    where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark is not None else source
    # the problem itself is libyaml's English; the line and column locate it in any language
    return InputError(N_("YAML error: {problem}"), params={"problem": problem}, location=where, code=code)


class _Frame:
    """An open mapping or sequence: what is being built, where, and what its children may still need."""

    __slots__ = ("anchor", "depth", "height", "is_map", "key", "key_mark", "merges", "nodes_at_start", "pointer",
                 "positions_at_start", "value")

    def __init__(self, value: Any, pointer: str, depth: int, anchor: str | None, nodes: int, positions: int) -> None:
        self.value = value
        self.is_map = isinstance(value, dict)
        self.pointer = pointer
        self.depth = depth
        self.height = 0
        self.anchor = anchor
        self.key: Any = _NO_KEY
        self.key_mark: Any = None
        self.merges: list[tuple[dict[str, Any], Any]] | None = None
        self.nodes_at_start = nodes
        self.positions_at_start = positions


_NO_KEY = object()
_MERGE = object()


class _Anchor:
    """What an anchor names, so that an alias can repeat it: the value, its size, its depth and its positions."""

    __slots__ = ("height", "pointer", "positions", "size", "value")

    def __init__(self, value: Any, pointer: str, size: int, height: int, positions: list[tuple[str, str]]) -> None:
        self.value, self.pointer, self.size, self.height, self.positions = value, pointer, size, height, positions


def parse_yaml(text: str, source: str) -> tuple[Any, dict[str, str]]:
    """`text` as plain Python data (dict, list, str, int, float, bool, None) and JSON Pointer → "line:column".

    Raises `InputError` (located where libyaml knows the place) for syntax errors, duplicate keys, disallowed
    tags, undefined or recursive aliases, several documents, too deep nesting, too many values or too long lists.
    """
    import yaml
    from yaml import events as ev
    from yaml._yaml import CParser  # libyaml; a clear error below when PyYAML was built without it

    budget = NodeBudget(source)
    max_depth, max_rows = budget.max_depth, budget.max_rows
    located: list[tuple[str, str]] = []  # (pointer, "line:column") in reading order: an anchor's are a slice
    anchors: dict[str, _Anchor | None] = {}  # None while the anchored collection is still open
    stack: list[_Frame] = []
    result: list[Any] = []
    nodes = 0
    documents = 0
    parser = CParser(text)

    scalar_t, alias_t = ev.ScalarEvent, ev.AliasEvent
    map_t, seq_t = ev.MappingStartEvent, ev.SequenceStartEvent
    map_end_t, seq_end_t = ev.MappingEndEvent, ev.SequenceEndEvent
    locate: Callable[[tuple[str, str]], None] = located.append

    def place(event: Any) -> tuple[str, int] | None:
        """The pointer and depth of the value `event` starts; records its location. None for a mapping key."""
        if not stack:
            return "", 0
        frame = stack[-1]
        if frame.is_map:
            if frame.key is _NO_KEY:
                return None
            key = frame.key
            pointer = f"{frame.pointer}/{escape_pointer(key)}" if key is not _MERGE else frame.pointer
        else:
            pointer = f"{frame.pointer}/{len(frame.value)}"
            mark = event.start_mark
            locate((pointer, f"{mark.line + 1}:{mark.column + 1}"))
        return pointer, frame.depth + 1

    def attach(value: Any, height: int) -> None:
        """Put a finished value into the open collection (or make it the document)."""
        if not stack:
            result.append(value)
            return
        frame = stack[-1]
        frame.height = max(frame.height, height + 1)
        if not frame.is_map:
            if len(frame.value) >= max_rows:
                budget.check_rows(len(frame.value) + 1, frame.pointer or "the top level")
            frame.value.append(value)
            return
        key = frame.key
        frame.key = _NO_KEY
        if key is _MERGE:
            sources = value if isinstance(value, list) else [value]
            if not all(isinstance(s, dict) for s in sources):
                raise _error("a << merge key needs a mapping or a list of mappings", frame.key_mark, source)
            frame.merges = (frame.merges or []) + [(s, frame.key_mark) for s in sources]
            return
        frame.value[key] = value

    def take_key(frame: _Frame, event: Any) -> None:
        if type(event) is not scalar_t:
            raise _error("a key must be a single value, not a list or mapping", event.start_mark, source)
        if event.tag is None and event.implicit[0] and event.value == "<<":
            frame.key, frame.key_mark = _MERGE, event.start_mark
            return
        key = scalar_value(event)
        key = key if isinstance(key, str) else str(key)  # as before: `2025:` is the key "2025"
        if key in frame.value:
            raise _error(f"duplicate key: {key!r}", event.start_mark, source, "input.duplicate-key")
        frame.key, frame.key_mark = key, event.start_mark
        mark = event.start_mark
        locate((f"{frame.pointer}/{escape_pointer(key)}", f"{mark.line + 1}:{mark.column + 1}"))

    def scalar_value(event: Any) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            return _plain(event.value) if event.implicit[0] and tag is None else event.value
        return _explicit(tag, event.value, event.start_mark, source)

    def remember(anchor: str | None, value: Any, pointer: str, size: int, height: int, first: int) -> None:
        if anchor is not None:
            anchors[anchor] = _Anchor(value, pointer, size, height, located[first:])

    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is scalar_t or kind is map_t or kind is seq_t:
                where = place(event)
                if where is None:
                    take_key(stack[-1], event)  # a scalar key; raises for a collection as a key
                    continue
                pointer, depth = where
                nodes += 1
                if nodes > budget.left:
                    raise budget._too_many()
                if depth > max_depth:
                    raise budget._too_deep()  # before anything deeper is read
                if kind is scalar_t:
                    value = scalar_value(event)
                    remember(event.anchor, value, pointer, 1, 0, len(located))
                    attach(value, 0)
                    continue
                tag = event.tag
                if tag is not None and tag != "!" and tag != _PREFIX + ("map" if kind is map_t else "seq"):
                    raise _error(f"the tag {tag} is not allowed in program data", event.start_mark, source)
                if event.anchor is not None:
                    anchors[event.anchor] = None
                stack.append(_Frame({} if kind is map_t else [], pointer, depth, event.anchor, nodes, len(located)))
            elif kind is map_end_t or kind is seq_end_t:
                frame = stack.pop()
                if frame.merges:
                    # Keys given in the mapping win over merged ones, and earlier merged mappings over later.
                    for merged, mark in frame.merges:
                        for key, value in merged.items():
                            if key not in frame.value:
                                frame.value[key] = value
                                locate((f"{frame.pointer}/{escape_pointer(key)}",
                                        f"{mark.line + 1}:{mark.column + 1}"))
                remember(frame.anchor, frame.value, frame.pointer, nodes - frame.nodes_at_start + 1, frame.height,
                         frame.positions_at_start)
                attach(frame.value, frame.height)
            elif kind is alias_t:
                where = place(event)
                if where is None:
                    raise _error("a key must be a single value, not an alias", event.start_mark, source)
                pointer, depth = where
                if event.anchor not in anchors:
                    raise _error(f"found undefined alias {event.anchor!r}", event.start_mark, source)
                target = anchors[event.anchor]
                if target is None:
                    raise _error(f"the alias {event.anchor!r} refers to a list or mapping that contains it",
                                 event.start_mark, source)
                nodes += target.size  # an alias costs what it repeats: an alias bomb stops here
                if nodes > budget.left:
                    raise budget._too_many()
                if depth + target.height > max_depth:
                    raise budget._too_deep()
                if not (stack and stack[-1].is_map and stack[-1].key is _MERGE):  # merged keys: located below
                    cut = len(target.pointer)
                    located.extend((pointer + p[cut:], pos) for p, pos in target.positions)
                attach(target.value, target.height)
            elif kind is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _error("the file holds several YAML documents (---); a program is one",
                                 event.start_mark, source)
            elif kind is ev.StreamEndEvent:
                break
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise _error(exc.problem or exc.context or "syntax error", mark, source) from None
    except yaml.YAMLError as exc:
        raise InputError(N_("YAML error: {problem}"), params={"problem": str(exc)}, location=source,
                         code="input.yaml-syntax") from None
    finally:
        parser.dispose()
    positions = dict(located)
    positions.setdefault("", "1:1")
    return (result[0] if result else None), positions
