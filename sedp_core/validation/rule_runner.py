"""Running the rules of a methodology (core rules and plugins' validators) on a whole or a partial program.

A rule never stops validation: on a whole program a crash is the error `rule.crashed` naming the rule; on a
partial program (some parts left out for their schema errors, see `partial.py`) a rule that crashes, or asks for
the whole program, is the warning `rule.not-run`, and one `rules.partial` warning says what the rules did not
see. Nothing here is country-specific: plugins' rules run through the same loop.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

from sedp_core.errors import SedpError
from sedp_core.findings import Finding
from sedp_core.i18n import N_, Term, messages_for, plural_messages_for
from sedp_core.validation.context import ValidationContext
from sedp_core.validation.partial import PartialProgram, RuleNeedsWholeProgram

__all__ = ["rules_not_run", "run_rules"]


def _shown(pointers: Iterable[str], most: int = 5) -> str | Term:
    pointers = list(pointers)
    text = ", ".join(p or "/" for p in pointers[:most])
    return Term(N_("{documents} and {n} more"), documents=text, n=len(pointers) - most) if len(pointers) > most \
        else text


def run_rules(program: Any, ctx: ValidationContext, rules: Iterable[Any], locate: Callable[[str], str | None],
              partial: PartialProgram | None = None) -> list[Finding]:
    """Every rule's findings, located; `partial` when `program` is what passed the schema of a program with
    errors (its pointers are mapped back to the file, and findings touching a part left out are dropped)."""
    findings: list[Finding] = []
    not_run: list[str] = []
    held_back = 0
    if partial is not None:  # walked before the watch is on: a rule that only walks reads no list as a whole
        ctx.nodes(program)
        ctx.values(program)
    for rule in rules:
        if partial is not None:
            partial.watch.reset()
        try:
            found = list(rule.function(program, ctx))
        except RuleNeedsWholeProgram:
            not_run.append(rule.rule_id)
            continue
        except Exception as exc:  # a broken rule must not hide the others' findings
            if partial is not None:  # most likely it met a part left out: not the rule's fault, nor a finding
                not_run.append(rule.rule_id)
                continue
            if isinstance(exc, SedpError):
                raise  # a plugin's broken data or template: the command's own message and exit code
            found = [Finding("rule.crashed", "error", "", messages_for(N_("rule {rule} failed: {error}"),
                                                                         rule=rule.rule_id, error=repr(exc)),
                             params={"rule": rule.rule_id, "error": repr(exc)})]
        for f in found:
            if partial is not None:
                path = partial.original_pointer(f.path)
                if partial.touches(path, f.params):
                    held_back += 1
                    continue
                f = dataclasses.replace(f, path=path)
            findings.append(dataclasses.replace(f, rule=rule.rule_id, location=f.location or locate(f.path)))
    if partial is not None:
        partial.watch.reset(on=False)
        left = _shown(partial.left_out)
        if not_run:
            rules = ", ".join(not_run)
            findings.append(Finding("rule.not-run", "warning", "", plural_messages_for(
                "rule {rules} could not run because of the schema errors at {left_out}; it will run once they are "
                "fixed",
                "rules {rules} could not run because of the schema errors at {left_out}; they will run once those "
                "are fixed", len(not_run), rules=rules, left_out=left),
                location=locate(""), rule="schema", params={"rules": rules, "left_out": str(left)}))
        if held_back:
            messages = plural_messages_for(
                "the rules checked this program without {left_out}, which hold the schema errors above ({n} "
                "finding that may come only from leaving them out is not shown); validate again once they are "
                "fixed, to check those parts too",
                "the rules checked this program without {left_out}, which hold the schema errors above ({n} "
                "findings that may come only from leaving them out are not shown); validate again once they are "
                "fixed, to check those parts too", held_back, left_out=left)
        else:
            messages = messages_for(N_("the rules checked this program without {left_out}, which hold the schema "
                                       "errors above; validate again once they are fixed, to check those parts too"),
                                    left_out=left)
        findings.append(Finding("rules.partial", "warning", "", messages, location=locate(""), rule="schema",
                                params={"left_out": str(left), "held_back": held_back}))
    return findings


def rules_not_run(rules: Iterable[Any], locate: Callable[[str], str | None]) -> Finding:
    """The one note when no part of the program could be built: no rule ran."""
    ids = [rule.rule_id for rule in rules]
    return Finding("rule.not-run", "warning", "", plural_messages_for(
        "no rule could check this program because of the schema errors above ({n} rule not run); fix them and "
        "validate again",
        "no rule could check this program because of the schema errors above ({n} rules not run); fix them and "
        "validate again", len(ids)),
        location=locate(""), rule="schema", params={"rules": ", ".join(ids), "left_out": "/"})
