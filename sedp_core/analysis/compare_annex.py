"""The change summary of `sedp compare` as a document in one language: the annex of an amending decision.

Every word is the reader's: the core's words come from the message catalog, field names from the workbook's
headings (`sedp_core.exchange.excel_texts.heading`: the methodology's labels first), items are named by the
documents' own numbers and titles (or a plugin's wording, hook `sedp_compare_lists`), references by the item
they name, codes by their codelist titles, numbers by the core's formatter. No internal id is printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from sedp_core.analysis.compare import Change, ComparedList, Comparison, MoneyLine, is_choice, iter_items
from sedp_core.analysis.report_docx import Cell, Column, ReportDocument
from sedp_core.exchange.excel_texts import choice_title, heading
from sedp_core.i18n import N_, translation
from sedp_core.models import Money
from sedp_core.registry.collect import Registry, get_registry
from sedp_core.rendering.context import labels_for, program_text
from sedp_core.rendering.context_helpers import DocumentHelpers
from sedp_core.rendering.context_rows import build_matrix
from sedp_core.rendering.formatting import DASH, currency_symbol, first_upper, format_date, format_money, format_number
from sedp_core.rendering.numbering import reader_numbers
from sedp_core.rendering.unconfirmed import DocumentMarks, codelist_title

__all__ = ["annex"]

KIND_WORDS = {"added": N_("added"), "removed": N_("removed"), "changed": N_("changed"),
              "renamed": N_("renumbered, content unchanged")}


class _Names:
    """How one program's items are named in the document, and what a reference to one of them prints."""

    def __init__(self, program: Any, language: str, lists: Mapping[str, ComparedList]) -> None:
        numbers = reader_numbers(program)
        self.items: dict[tuple[str, str], str] = {}
        self.references: dict[str, str] = {}
        for pattern, key, position, item, _ in iter_items(program):
            wording = lists.get(pattern.rsplit("/", 1)[-1])
            if wording is not None and wording.name is not None:
                name = wording.name(item)
            else:
                title = next((program_text(getattr(item, f), language) for f in ("title", "name")
                              if getattr(item, f, None) is not None), "")
                number = numbers.get(id(item)) or ("" if title else str(position))
                name = f"{number} {title}".strip()
            self.items[(pattern, key)] = name
            self.references.setdefault(key, name)


class _Annex:
    def __init__(self, comparison: Comparison, language: str, registry: Registry) -> None:
        self.c = comparison
        self.language = language
        self.registry = registry
        self.t = translation(language)
        methodology = comparison.methodology
        self.marked_labels = labels_for(methodology, language)
        # Workbook headings look labels up as key → language → text: the document's language only, marked where
        # the wording is unconfirmed.
        self.labels = {key: {language: text} for key, text in self.marked_labels.items()}
        self.symbol = currency_symbol(comparison.new.financing.currency, language,
                                      dict(methodology.currency_symbols))
        # Each version names its items by its own numbers: the plugin is asked once per program.
        self.lists = self._lists(comparison.new)
        self.old_names = _Names(comparison.old, language, self._lists(comparison.old))
        self.new_names = _Names(comparison.new, language, self.lists)

    def _lists(self, program: Any) -> dict[str, ComparedList]:
        from sedp_core.registry.manager import get_plugin_manager

        found: dict[str, ComparedList] = {}
        helpers = DocumentHelpers(program, self.c.methodology, self.language, self.registry, self.symbol,
                                  self.marked_labels)
        for answer in get_plugin_manager().hook.sedp_compare_lists(
                program=program, methodology=self.c.methodology, language=self.language, helpers=helpers):
            for entry in answer or ():
                found.setdefault(entry.field, entry)
        return found

    # --- words -----------------------------------------------------------------------------------------------

    def say(self, msgid: str, **params: Any) -> str:
        text = self.t.gettext(msgid)
        return text.format(**params) if params else text

    def label(self, key: str, msgid: str) -> str:
        """The methodology's label `key` where it has one, else the catalog's word."""
        return self.marked_labels.get(key) or self.say(msgid)

    def field_heading(self, field: str) -> str:
        return heading(field, self.language, self.labels)

    def list_heading(self, pattern: str) -> str:
        if not pattern:
            return self.field_heading("program")
        name = pattern.rsplit("/", 1)[-1]
        wording = self.lists.get(name)
        return wording.heading if wording is not None and wording.heading else self.field_heading(name)

    def item_name(self, change: Change | MoneyLine, old: bool = False) -> str:
        if not change.list:
            return ""
        if old or change.key is None:
            key = change.old_key if isinstance(change, Change) and change.old_key else change.key
            return self.old_names.items.get((change.list, key or ""), "") or self.new_names.items.get(
                (change.list, change.key or ""), "")
        return self.new_names.items.get((change.list, change.key), "") or self.old_names.items.get(
            (change.list, change.key), "")

    def show(self, value: Any, names: _Names, kind: str | None = None, field: str = "",
             kinds: Mapping[str, str] | None = None) -> str:
        """A value as the document prints it; `kinds` says how the fields of an entry print."""
        if value is None or value == [] or value == "":
            return DASH
        if isinstance(value, bool):
            return choice_title("true" if value else "false", self.language, self.labels)
        if isinstance(value, Money):
            return format_money(value.amount, self.language, self.symbol)
        if isinstance(value, int) and ("year" in field or field.endswith("schedule")):
            return str(value)
        if isinstance(value, int | float):
            digits = 0 if float(value).is_integer() else 2
            return format_number(value, self.language, digits)
        if isinstance(value, dt.date):
            return format_date(value, self.language)
        if isinstance(value, dict):
            return program_text(value, self.language) or DASH
        if isinstance(value, str):
            if kind == "choice":
                return choice_title(value, self.language, self.labels)
            if kind and kind.startswith("codelist:"):
                codelist = self.registry.codelists_for(self.c.methodology).get(kind.split(":", 1)[1])
                if codelist is not None and value in codelist.codes:
                    return codelist_title(codelist, value, self.language)
            return names.references.get(value, value)
        if isinstance(value, list):
            return "; ".join(self.show(v, names, kind, field) for v in value) or DASH
        if isinstance(value, BaseModel):
            parts = [self.show(getattr(value, f), names, (kinds or {}).get(f) or (
                "choice" if is_choice(type(value), f) else None), f)
                     for f in type(value).model_fields if getattr(value, f, None) not in (None, [], "")]
            return ", ".join(parts) or DASH
        return str(value)

    # --- the document ----------------------------------------------------------------------------------------

    def build(self) -> ReportDocument:
        c = self.c
        new = c.new
        title = program_text(new.title, self.language)
        report = ReportDocument(self.language, self.say(N_("Changes to the program")), subtitle=title,
                                page_words=(self.label("page", N_("Page")), self.label("of", N_("of"))),
                                header=title)
        start, end = new.period.start_year, new.period.end_year
        period = str(start) if start == end else f"{start}\u2011{end}"
        report.paragraph(f"{program_text(new.municipality.name, self.language)}, {period}")
        approval = c.old.approval
        if approval is not None and approval.date is not None:
            report.paragraph(self.say(N_("The program as approved on {date} compared with its new version."),
                                      date=format_date(approval.date, self.language)))
        else:
            report.paragraph(self.say(N_("The previous version of the program compared with its new version.")))
        section = 0

        def chapter(text: str) -> None:
            nonlocal section
            section += 1
            report.heading(f"{section}. {text}")

        chapter(self.say(N_("Summary")))
        if not c.changes:
            report.paragraph(self.say(N_("The two versions do not differ.")))
            return report
        counts = {kind: sum(1 for ch in c.changes if ch.kind == kind) for kind in KIND_WORDS}
        report.table([Column(self.say(N_("Change"))), Column(self.say(N_("Number")), "number", width_mm=35)],
                     [[first_upper(self.say(KIND_WORDS[k])), n] for k, n in counts.items() if n],
                     total=[self.label("total", N_("Total")), len(c.changes)])

        chapter(self.say(N_("What changed")))
        for pattern, changes in self._by_list():
            report.heading(self.list_heading(pattern), 2)
            report.table([Column(self.say(N_("Part of the program")), width_mm=55), Column(self.say(N_("Change"))),
                          Column(self.say(N_("Before"))), Column(self.say(N_("After")))],
                         [self._row(ch) for ch in changes])

        money = [m for m in c.money if m.key is not None]
        if money:
            chapter(self.say(N_("Money")))
            currency = f", {self.symbol}" if self.symbol else ""
            for (pattern, field), lines in _groups(c.money):
                items = [m for m in lines if m.key is not None]
                if not items:
                    continue
                total = next(m for m in lines if m.key is None)
                report.heading(f"{self.list_heading(pattern)}: {self.field_heading(field)}", 2)
                report.table(self._money_columns(self.say(N_("Part of the program")), currency),
                             [[self.item_name(m, old=m.new is None), m.old, m.new, m.difference] for m in items],
                             total=[self.say(N_("Whole program")), total.old, total.new, total.difference])

        if c.targets:
            chapter(self.say(N_("Targets")))
            report.table([Column(self.say(N_("Part of the program")), width_mm=60),
                          Column(self.field_heading("year"), width_mm=17), *self._money_columns("", "")[1:]],
                         [[self.item_name(t), str((t.part or {}).get("year", "")),
                           _number(t.old_value), _number(t.new_value),
                           (_number(t.new_value) or 0) - (_number(t.old_value) or 0)] for t in c.targets])

        chapter(self.say(N_("Financing by source and year")))
        for caption, side in ((N_("Before"), "old"), (N_("After"), "new"), (N_("Difference"), "difference")):
            report.heading(self.say(caption), 2)
            report.table_of_matrix(self._financing(side), self.field_heading("source"),
                                   total_heading=self.label("total", N_("Total")))
        return report

    def _by_list(self) -> list[tuple[str, list[Change]]]:
        groups: dict[str, list[Change]] = {}
        for ch in self.c.changes:
            groups.setdefault(ch.list, []).append(ch)
        order = {name: i for i, name in enumerate(groups)}

        def place(pattern: str) -> tuple[int, int]:
            wording = self.lists.get(pattern.rsplit("/", 1)[-1]) if pattern else None
            # the program's own fields (its title, monitoring...) after its lists: the lists are what an
            # amendment is mostly about
            return (wording.order if wording is not None else (1000 if not pattern else 100), order[pattern])

        return [(p, groups[p]) for p in sorted(groups, key=place)]

    def _row(self, ch: Change) -> list[Cell]:
        old_names, new_names = self.old_names, self.new_names
        if ch.kind == "added":
            return [self.item_name(ch), self.say(KIND_WORDS["added"]), DASH, DASH]
        if ch.kind == "removed":
            return [self.item_name(ch, old=True), self.say(KIND_WORDS["removed"]), DASH, DASH]
        if ch.kind == "renamed":
            return [self.item_name(ch), self.say(KIND_WORDS["renamed"]), self.item_name(ch, old=True),
                    self.item_name(ch)]
        what = self.field_heading(ch.field or "")
        if ch.part:
            keys = ", ".join(self.show(v, new_names if ch.new_value is not None else old_names, None, k)
                             for k, v in ch.part.items() if v is not None)
            what = f"{what}: {keys}"
        before, after = ch.old_value, ch.new_value
        kind = ch.value_kind
        if ch.part:  # an entry prints its values, not its key fields again
            rest = [f for f in type(before if before is not None else after).model_fields if f not in ch.part]
            kind = ch.field_kinds.get(rest[0]) if len(rest) == 1 else None
            before, after = (_entry_values(v, ch.part) for v in (before, after))
        return [self.item_name(ch), what, self.show(before, old_names, kind, ch.field or "", ch.field_kinds),
                self.show(after, new_names, kind, ch.field or "", ch.field_kinds)]

    def _money_columns(self, first: str, currency: str) -> list[Column]:
        return [Column(first), Column(self.say(N_("Before")) + currency, "number"),
                Column(self.say(N_("After")) + currency, "number"),
                Column(self.say(N_("Difference")) + currency, "number")]

    def _financing(self, side: str) -> Any:
        sources = self.c.financing
        names = []
        for s in sources:
            names_of = self.new_names if s.new is not None else self.old_names
            names.append((s.key, names_of.items.get(("/financing/sources", s.key), "")
                          or self.old_names.references.get(s.key, "")))
        values = []
        for s in sources:
            for year in self.c.years:
                old, new = (s.old or {}).get(year), (s.new or {}).get(year)
                value = old if side == "old" else new if side == "new" else (
                    None if old is None and new is None else (new or 0) - (old or 0))
                values.append((s.key, year, value))
        return build_matrix(names, [(y, str(y)) for y in self.c.years], values,
                            total_label=self.label("total", N_("Total")))


def _groups(lines: list[MoneyLine]) -> list[tuple[tuple[str, str], list[MoneyLine]]]:
    groups: dict[tuple[str, str], list[MoneyLine]] = {}
    for m in lines:
        groups.setdefault((m.list, m.field), []).append(m)
    return list(groups.items())


def _number(value: Any) -> float | None:
    """The value of an entry (a target's `value`), None when there is none."""
    if value is None:
        return None
    return next((getattr(value, f) for f in ("value", "amount") if hasattr(value, f)), None)


def _entry_values(value: Any, part: Mapping[str, Any]) -> Any:
    if not isinstance(value, BaseModel):
        return value
    rest = [f for f in type(value).model_fields if f not in part]
    if len(rest) == 1:
        return getattr(value, rest[0])
    # the entry without its key fields, so that each value prints with its own field's kind
    return type(value).model_construct(**{f: getattr(value, f) for f in rest})


def annex(comparison: Comparison, language: str, registry: Registry | None = None) -> tuple[ReportDocument,
                                                                                            DocumentMarks]:
    """The change summary in `language`, and the marks of unconfirmed wording it prints (highlighted: an annex
    is a draft until the council adopts it; what the new program confirms prints plain)."""
    document = _Annex(comparison, language, registry or get_registry()).build()
    marks = DocumentMarks((c.item for c in comparison.new.confirmations), highlight=True)
    return document, marks
