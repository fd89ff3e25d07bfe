"""What changed between two versions of one program: pure data, for every methodology, without plugin code.

The two validated programs are walked side by side through their models (the same class, since both follow the
same methodology):

- a list of models whose class has an identifier field (``id``, or else ``code``, typed as the core's
  `Identifier`: goals, tasks, activities, indicators, funding sources, a plugin's proposals...) is a list of
  **items**. Items are matched by that key within the same parent; an item only in the old version is *removed*,
  only in the new one *added*; a removed and an added item with the same content but for the key are one item
  *renamed*. Changes inside a matched item are reported on the innermost item.
- a list of other models whose fields are plain values (targets per year, amounts per year, an activity's
  financing by source and year, alignment links) is a list of **entries**, each known by its plain key fields
  (whole numbers and strings that are no text): an entry added, removed or changed is one change with its `part`
  (``{"year": 2027}``).
- anything else (texts, numbers, codes, dates, lists of texts or years, a `Money`) is a **value**, compared whole.

Fields no document prints (`CORE_NOT_PRINTED`, the methodology's `not_printed`) are left out: the comparison is
of what the program's documents say. Besides the changes, a `Comparison` holds the money totals (every `Money`
field, per list, before and after), the targets that changed, and the financing by source and year before and
after. `report.py` turns it into the annex document; `Comparison.to_json` is the machine-readable summary.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Callable, Iterator
from typing import Any, Literal

from pydantic import BaseModel

from sedp_core.errors import InputError
from sedp_core.i18n import N_
from sedp_core.models import Money, Program, YearValue
from sedp_core.models.program import CORE_NOT_PRINTED
from sedp_core.registry.types import Methodology
from sedp_core.validation.walk import match_pointer

__all__ = ["Change", "ComparedList", "Comparison", "MoneyLine", "SourceYears", "compare_programs", "is_choice",
           "iter_items", "key_field"]

ChangeKind = Literal["added", "removed", "renamed", "changed"]


@dataclasses.dataclass(frozen=True)
class ComparedList:
    """A plugin's wording and order for one of its lists in the change summary (hook `sedp_compare_lists`)."""

    field: str
    """The list's field name (``proposals``, ``activities``, ``indicators``): every list of that name."""
    order: int = 100
    """Lists print in increasing order; the core's lists without an entry have 100, in the model's order."""
    heading: str | None = None
    """The section's heading in the document's language; the workbook heading of the field otherwise."""
    name: Callable[[Any], str] | None = None
    """How the document names an item of the list, given the item (``"Б1-03 Худгийн засвар"``): its
    registration number or the document's own number with its title, never an internal id alone. The core's
    name otherwise: the documents' number (goals, tasks, activities, indicators) and the item's title or name."""


@dataclasses.dataclass(frozen=True)
class Change:
    """One change from the old version to the new one."""

    kind: ChangeKind
    """``added``, ``removed``, ``renamed`` (an item) or ``changed`` (a value or entry of an item)."""
    list: str
    """The item's list as a pointer pattern (``/activities``, ``/goals/*/objectives/*/tasks``); ``""`` for a
    field of the program itself."""
    key: str | None
    """The item's id (the new one of a renamed item); None for a field of the program itself."""
    old_key: str | None = None
    """A renamed item's old id."""
    field: str | None = None
    """For ``changed``: the field inside the item, dotted (``cost``, ``beneficiaries.total``, ``targets``)."""
    part: dict[str, Any] | None = None
    """For a changed entry of a list of entries: its key fields (``{"year": 2027}``)."""
    old: Any = None
    """The old value (an entry's or item's fields as JSON data; None where there was none)."""
    new: Any = None
    """The new value."""
    old_pointer: str | None = None
    """Where the item (or value) is in the old program."""
    new_pointer: str | None = None
    """Where it is in the new program."""
    value_kind: str | None = dataclasses.field(default=None, compare=False)
    """How the value prints: ``choice`` (a fixed choice of the model), ``codelist:<id>``, or None."""
    old_value: Any = dataclasses.field(default=None, compare=False, repr=False)
    """The old value as the model holds it (a `Money`, a date...), for printing."""
    new_value: Any = dataclasses.field(default=None, compare=False, repr=False)
    field_kinds: dict[str, str] = dataclasses.field(default_factory=dict, compare=False, repr=False)
    """For an entry: how each of its fields prints (``choice``, ``codelist:<id>``), by field name."""

    def to_json(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)
                if f.name not in ("old_value", "new_value", "field_kinds")}
        return {k: v for k, v in data.items() if v is not None}


@dataclasses.dataclass(frozen=True)
class MoneyLine:
    """One item whose amount (a `Money` field) differs, or a list's total."""

    list: str
    field: str
    key: str | None
    """The item's id (the new one); None for the total of the list."""
    old: float | None
    new: float | None
    old_pointer: str | None = None
    new_pointer: str | None = None

    @property
    def difference(self) -> float:
        return (self.new or 0) - (self.old or 0)


@dataclasses.dataclass(frozen=True)
class SourceYears:
    """One funding source's amounts per year, before and after (``{year: amount}``)."""

    key: str
    old: dict[int, float] | None
    """None when the source is new."""
    new: dict[int, float] | None
    """None when the source was removed."""
    old_pointer: str | None = None
    new_pointer: str | None = None


@dataclasses.dataclass
class Comparison:
    """Everything that changed from `old` to `new`."""

    old: Program
    new: Program
    methodology: Methodology
    changes: list[Change]
    money: list[MoneyLine]
    """Per list and `Money` field: the items whose amount differs, then the list's total (key None)."""
    financing: list[SourceYears]
    """Every funding source of either version (renamed ones matched)."""
    years: list[int]
    """The years of both periods, in order."""

    @property
    def targets(self) -> list[Change]:
        """The targets that changed: entries of lists of `YearValue` (an indicator's targets per year)."""
        return [c for c in self.changes if c.kind == "changed" and c.part is not None
                and isinstance(c.old_value or c.new_value, YearValue)]

    def to_json(self, old_source: str = "", new_source: str = "") -> dict[str, Any]:
        """The machine-readable summary: plain JSON data (ids, pointers, values as the program files hold them)."""
        return {
            "methodology": {"id": self.methodology.id, "version": self.methodology.version},
            "old": {"file": old_source, "id": self.old.id, "period": [self.old.period.start_year,
                                                                      self.old.period.end_year]},
            "new": {"file": new_source, "id": self.new.id, "period": [self.new.period.start_year,
                                                                      self.new.period.end_year]},
            "currency": self.new.financing.currency,
            "counts": {kind: sum(1 for c in self.changes if c.kind == kind)
                       for kind in ("added", "removed", "renamed", "changed")},
            "changes": [c.to_json() for c in self.changes],
            "money": [{**dataclasses.asdict(m), "difference": m.difference} for m in self.money],
            "financing": {"years": self.years, "sources": [
                {"key": s.key, "old": _year_keys(s.old), "new": _year_keys(s.new)} for s in self.financing]},
        }


def _year_keys(amounts: dict[int, float] | None) -> dict[str, float] | None:
    return None if amounts is None else {str(y): a for y, a in sorted(amounts.items())}


# --- how a model's lists are seen -----------------------------------------------------------------------------

@functools.cache
def key_field(cls: type[BaseModel]) -> str | None:
    """The field that identifies an item of `cls` (``id``, else ``code``, typed as the core's `Identifier`), or
    None: a class without one is no item."""
    for name in ("id", "code"):
        info = cls.model_fields.get(name)
        if info is not None and any(getattr(m, "pattern", None) == _IDENTIFIER_PATTERN for m in info.metadata):
            return name
    return None


def _identifier_pattern() -> str:
    from sedp_core.models import Identifier

    return next(m.pattern for m in typing.get_args(Identifier)[1:] if getattr(m, "pattern", None))


_IDENTIFIER_PATTERN = _identifier_pattern()


@functools.cache
def _entry_keys(cls: type[BaseModel]) -> tuple[str, ...]:
    """The key fields of an entry class: its references to items (`Identifier` strings) and years, or its plain
    strings where it has no reference (no text per language, no choice). Every other field (a number, a text, a
    code, a fixed choice, a list) is a value of the entry."""
    ids: list[str] = []
    strings: list[str] = []
    years: list[str] = []
    for name, info in cls.model_fields.items():
        kinds = {_base(a) for a in (typing.get_args(info.annotation) if _is_union(info.annotation)
                                    else (info.annotation,))} - {type(None)}
        if kinds == {str}:
            identifier = any(getattr(m, "pattern", None) == _IDENTIFIER_PATTERN for m in info.metadata)
            (ids if identifier else strings).append(name)
        elif kinds == {int} and (name == "year" or name.endswith("_year")):
            years.append(name)
    # The references to items (a source, a proposal) with the years; plain strings only where there is none
    # (an alignment link's catalog and code), so that a status code stays a value of its entry.
    keys = [n for n in cls.model_fields if n in (ids or strings) or n in years]
    return tuple(keys)


def _base(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    origin = typing.get_origin(annotation)
    if _is_union(annotation):
        return dict  # a Text (str | per-language dict): a value, never a key
    return origin or annotation


def _is_union(annotation: Any) -> bool:
    import types

    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


def is_choice(cls: type[BaseModel], name: str) -> bool:
    """Whether field `name` of `cls` holds one of a fixed set of choices (a `Literal`)."""
    annotation = cls.model_fields[name].annotation
    options = typing.get_args(annotation) if _is_union(annotation) else (annotation,)
    return any(typing.get_origin(_strip(a)) is Literal for a in options)


def _strip(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _dump(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_dump(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


# --- the walk ---------------------------------------------------------------------------------------------------

class _Walk:
    def __init__(self, methodology: Methodology, codelist_uses: list[tuple[str, str]]) -> None:
        self.skipped = (*CORE_NOT_PRINTED, *methodology.not_printed)
        self.codelist_uses = codelist_uses
        self.changes: list[Change] = []
        self.renames: dict[str, str] = {}
        """Old id → new id of the renamed items (found by a first walk): a reference that follows a rename (an
        activity's task, a vote's proposal, once it has a new number) is no change of its own."""

    def followed(self, value: Any) -> Any:
        """A dumped old value with every reference to a renamed item as the new version writes it."""
        if not self.renames:
            return value
        if isinstance(value, str):
            return self.renames.get(value, value)
        if isinstance(value, list):
            return [self.followed(v) for v in value]
        if isinstance(value, dict):
            return {k: self.followed(v) for k, v in value.items()}
        return value

    def is_skipped(self, pointer: str) -> bool:
        return any(match_pointer(pointer, pattern) for pattern in self.skipped)

    def value_kind(self, pointer: str, cls: type[BaseModel], name: str) -> str | None:
        if is_choice(cls, name):
            return "choice"
        for pattern, codelist in self.codelist_uses:
            if match_pointer(pointer, pattern) or match_pointer(pointer, f"{pattern}/*"):
                return f"codelist:{codelist}"
        return None

    def model(self, old: BaseModel, new: BaseModel, item: tuple[str, str | None], prefix: str, old_ptr: str,
              new_ptr: str, pattern: str) -> None:
        """Compare two versions of one model; `item` is the innermost item (list pattern, key) it belongs to,
        `prefix` its dotted path inside that item, `pattern` its own pointer pattern."""
        cls = type(new)
        for name in cls.model_fields:
            o, n = getattr(old, name), getattr(new, name)
            op, np = f"{old_ptr}/{name}", f"{new_ptr}/{name}"
            if self.is_skipped(np) or self.is_skipped(op):
                continue
            path = f"{prefix}{name}"
            sample = (o or n)[0] if isinstance(o or n, list) and (o or n) else None
            if isinstance(sample, BaseModel) and key_field(type(sample)):
                self.items(o, n, f"{pattern}/{name}", op, np)
            elif isinstance(sample, BaseModel) and (keys := _entry_keys(type(sample))) and \
                    _unique(o, keys) and _unique(n, keys):
                self.entries(o, n, keys, item, path, op, np)
            elif isinstance(o, BaseModel) and isinstance(n, BaseModel) and not isinstance(n, Money):
                self.model(o, n, item, f"{path}.", op, np, f"{pattern}/{name}")
            elif self.followed(_dump(o)) != _dump(n):
                self.changes.append(Change(
                    "changed", item[0], item[1], field=path, old=_dump(o), new=_dump(n), old_pointer=op,
                    new_pointer=np, value_kind=self.value_kind(np, cls, name), old_value=o, new_value=n))

    def items(self, olds: list[BaseModel], news: list[BaseModel], pattern: str, old_ptr: str, new_ptr: str) -> None:
        key = key_field(type((olds or news)[0]))
        assert key is not None
        old_by = {getattr(item, key): (i, item) for i, item in reversed(list(enumerate(olds)))}
        new_by = {getattr(item, key): (i, item) for i, item in reversed(list(enumerate(news)))}
        removed = [k for k in old_by if k not in new_by]
        added = [k for k in new_by if k not in old_by]
        renamed: dict[str, str] = {}  # new key -> old key
        free = list(removed)
        for k in added:
            content = new_by[k][1].model_dump(mode="json", exclude={key})
            match = next((r for r in free if old_by[r][1].model_dump(mode="json", exclude={key}) == content), None)
            if match is not None:
                renamed[k] = match
                free.remove(match)
        item_pattern = f"{pattern}/*"
        for k, (i, item) in sorted(new_by.items(), key=lambda kv: kv[1][0]):
            np = f"{new_ptr}/{i}"
            if k in old_by:
                j, before = old_by[k]
                self.model(before, item, (pattern, k), "", f"{old_ptr}/{j}", np, item_pattern)
            elif k in renamed:
                j = old_by[renamed[k]][0]
                self.changes.append(Change("renamed", pattern, k, old_key=renamed[k], old_pointer=f"{old_ptr}/{j}",
                                           new_pointer=np))
            else:
                self.changes.append(Change("added", pattern, k, new=_dump(item), new_pointer=np, new_value=item))
        for k in free:
            j, before = old_by[k]
            self.changes.append(Change("removed", pattern, k, old=_dump(before), old_pointer=f"{old_ptr}/{j}",
                                       old_value=before))

    def entries(self, olds: list[BaseModel], news: list[BaseModel], keys: tuple[str, ...],
                item: tuple[str, str | None], path: str, old_ptr: str, new_ptr: str) -> None:
        def by_key(entries: list[BaseModel], follow: bool) -> dict[tuple[Any, ...], tuple[int, BaseModel]]:
            return {tuple(self.followed(getattr(e, k)) if follow else getattr(e, k) for k in keys): (i, e)
                    for i, e in enumerate(entries)}

        old_by, new_by = by_key(olds, True), by_key(news, False)
        for k in [*new_by, *(k for k in old_by if k not in new_by)]:
            o, n = old_by.get(k), new_by.get(k)
            if o is not None and n is not None and self.followed(_dump(o[1])) == _dump(n[1]):
                continue
            self.changes.append(Change(
                "changed", item[0], item[1], field=path, part=dict(zip(keys, k, strict=True)),
                old=_dump(o[1]) if o else None, new=_dump(n[1]) if n else None,
                old_pointer=f"{old_ptr}/{o[0]}" if o else None, new_pointer=f"{new_ptr}/{n[0]}" if n else None,
                old_value=o[1] if o else None, new_value=n[1] if n else None,
                field_kinds=self.field_kinds(type((n or o)[1]), f"{new_ptr if n else old_ptr}/{(n or o)[0]}")))

    def field_kinds(self, cls: type[BaseModel], pointer: str) -> dict[str, str]:
        kinds = {name: self.value_kind(f"{pointer}/{name}", cls, name) for name in cls.model_fields}
        return {name: kind for name, kind in kinds.items() if kind}


def _unique(entries: list[BaseModel], keys: tuple[str, ...]) -> bool:
    seen = {tuple(getattr(e, k) for k in keys) for e in entries}
    return len(seen) == len(entries)


# --- money and financing ----------------------------------------------------------------------------------------

_Amounts = dict[tuple[str, str], dict[Any, tuple[float, str]]]


def _money(program: Program, renamed: dict[tuple[str, str], str]) -> _Amounts:
    """(list pattern, field) → item chain → (amount, pointer) for every `Money` of `program` inside an item."""
    found: _Amounts = {}

    def walk(value: Any, pointer: str, pattern: str, chain: tuple[str, ...], field: str) -> None:
        if isinstance(value, Money):
            if chain:
                found.setdefault((pattern.rsplit("/*", 1)[0], field), {})[chain] = (value.amount, pointer)
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name), f"{pointer}/{name}", f"{pattern}/{name}", chain,
                     f"{field}.{name}" if field else name)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel) and (key := key_field(type(item))):
                    k = getattr(item, key)
                    k = renamed.get((pattern, k), k)
                    walk(item, f"{pointer}/{i}", f"{pattern}/*", (*chain, k), "")

    walk(program, "", "", (), "")
    return found


def _money_lines(old: Program, new: Program, renamed: dict[tuple[str, str], str]) -> list[MoneyLine]:
    before, after = _money(old, renamed), _money(new, {})
    lines: list[MoneyLine] = []
    for where in [*after, *(w for w in before if w not in after)]:
        o, n = before.get(where, {}), after.get(where, {})
        for chain in [*n, *(c for c in o if c not in n)]:
            a, b = o.get(chain), n.get(chain)
            if (a and a[0]) != (b and b[0]):
                lines.append(MoneyLine(where[0], where[1], chain[-1], a[0] if a else None, b[0] if b else None,
                                       a[1] if a else None, b[1] if b else None))
        lines.append(MoneyLine(where[0], where[1], None, sum(v for v, _ in o.values()), sum(v for v, _ in n.values())))
    return lines


def _financing(old: Program, new: Program, renamed: dict[tuple[str, str], str]) -> list[SourceYears]:
    def years(source: Any) -> dict[int, float]:
        amounts: dict[int, float] = {}
        for entry in source.amounts:
            amounts[entry.year] = amounts.get(entry.year, 0) + entry.amount
        return amounts

    before = {renamed.get(("/financing/sources", s.id), s.id): (i, s) for i, s in enumerate(old.financing.sources)}
    after = {s.id: (i, s) for i, s in enumerate(new.financing.sources)}
    rows = []
    for key in [*after, *(k for k in before if k not in after)]:
        o, n = before.get(key), after.get(key)
        rows.append(SourceYears(key, years(o[1]) if o else None, years(n[1]) if n else None,
                                f"/financing/sources/{o[0]}" if o else None,
                                f"/financing/sources/{n[0]}" if n else None))
    return rows


# --- the comparison ---------------------------------------------------------------------------------------------

def compare_programs(old: Program, new: Program, methodology: Methodology,
                     new_methodology: Methodology | None = None) -> Comparison:
    """What changed from `old` to `new`, two validated programs of `methodology`. A `new_methodology` other than
    `methodology` (another methodology, or another version of it) is an `InputError`: the two are not versions
    of one program."""
    if new_methodology is not None and new_methodology.key != methodology.key:
        raise InputError(N_("the two programs follow different methodologies ({old} and {new}): only two versions "
                            "of one program, under the same methodology, can be compared"),
                         params={"old": methodology.key, "new": new_methodology.key},
                         code="compare.different-methodologies")
    from sedp_core.validation.core_rules import CORE_CODELIST_USES

    uses = [(u.pointer, u.codelist) for u in (*CORE_CODELIST_USES, *methodology.codelist_uses)]
    first = _Walk(methodology, uses)
    first.model(old, new, ("", None), "", "", "", "")
    renames = {(c.list, c.old_key): c.key for c in first.changes if c.kind == "renamed" and c.old_key and c.key}
    walk = _Walk(methodology, uses)
    walk.renames = {old_key: new_key for (_, old_key), new_key in renames.items()}
    if walk.renames:
        walk.model(old, new, ("", None), "", "", "", "")
    else:
        walk = first
    changes = walk.changes
    years = sorted(set(old.period.years) | set(new.period.years))
    renamed_by_pattern = {(pattern, old_key): new_key for (pattern, old_key), new_key in renames.items()}
    return Comparison(old, new, methodology, changes, _money_lines(old, new, renamed_by_pattern),
                      _financing(old, new, renamed_by_pattern), years)


def iter_items(program: Program) -> Iterator[tuple[str, str, int, BaseModel, str]]:
    """Every item of `program`: (list pattern, key, position in its list from 1, item, pointer)."""
    def walk(value: Any, pointer: str, pattern: str) -> Iterator[tuple[str, str, int, BaseModel, str]]:
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                yield from walk(getattr(value, name), f"{pointer}/{name}", f"{pattern}/{name}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    key = key_field(type(item))
                    if key:
                        yield pattern, getattr(item, key), i + 1, item, f"{pointer}/{i}"
                    yield from walk(item, f"{pointer}/{i}", f"{pattern}/*")

    yield from walk(program, "", "")
