"""Sentences of the documents: the labels' `s_*` patterns filled with the program's values.

Word order differs between Mongolian and English, so a sentence with values is one pattern per language (data),
filled here with values already formatted for the document's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sedp_core.formatting import DASH, format_date, format_money, format_number, format_percent
from sedp_core.unconfirmed import field_or_default, is_unconfirmed, mark

from . import data
from .grammar import official_date, ordinal
from .models import OnhsProgram

__all__ = ["sentences"]


def sentences(program: OnhsProgram, language: str, labels: dict[str, str], tr: Callable[[Any], str],
              symbol: str, rows: dict[str, Any]) -> dict[str, Any]:
    """Sentence names for the context; `rows` is the plugin context built so far (totals, coverage...)."""

    def money(value: float) -> str:
        return format_money(value, language, symbol)

    def date(value: dt.date | None) -> str:
        if value is None:
            return labels["blank_date"]
        return official_date(value, labels) if language == "mn" else format_date(value, language)

    def number(value: str | None) -> str:
        if not value:
            return labels["blank"] + (f" {labels['ordinal_back']}" if language == "mn" else "")
        return ordinal(value, labels) if language == "mn" else value

    m = program.municipality
    soum, aimag, year = tr(m.name), rows["aimag_name"], program.fund.year
    common = {"soum": soum, "soum_upper": soum.upper(), "aimag": aimag, "year": year}
    approval = program.approval
    if approval and approval.decision_number and approval.date:
        approval_text = labels["s_approval_annex"].format(
            **common, date=date(approval.date), number=approval.decision_number,
            number_ord=number(approval.decision_number))
    else:
        approval_text = labels["draft_mark"]
    fund = {"envelope": money(rows["envelope_total"]), "funded": money(rows["funded_total"]),
            "balance": money(rows["balance"]), "count": rows["funded_count"]}
    coverage = rows["v2050_coverage"]
    r = program.resolution
    res_date, res_number = date(r.date if r else None), number(r.number if r else None)
    quorum = rows["quorum"]
    quorum_line = labels["s_quorum"].format(min_share=format_percent(quorum["min_share"], language),
                                            basis=quorum["legal_basis"])
    meeting = rows["meeting"]
    meeting_lines = {}
    if meeting:
        meeting_lines = {
            "attendance_line": labels["s_minutes_attendance"].format(
                registered=format_number(meeting["registered"], language),
                attendance=format_number(meeting["attendance"], language),
                # compared with the quorum: one decimal, so 49.7 % never reads as the 50 % it falls short of
                share=format_percent(meeting["share"], language, 1)),
            "place_line": labels["s_minutes_place"].format(date=date(meeting["date"]), place=meeting["place"]),
        }
    apa = rows["apa"]
    apa_lines = {}
    if apa:
        points_digits = 0 if float(apa["points"]).is_integer() else 1
        apa_lines = {
            "subtitle": labels["s_apa_subtitle"].format(**common, apa_year=apa["year"]),
            "total": labels["s_apa_total"].format(
                **common, apa_year=apa["year"], points=format_number(apa["points"], language, points_digits),
                max=format_number(apa["max"], language, 0),
                share=format_percent(apa["share"], language, 1)),  # compared with the incentive tiers
            "date": labels["s_res_date"].format(date=date(apa["date"])),
            "incentive": _incentive_line(apa["incentive"], labels, language, money),
        }
    return {
        "apa_lines": apa_lines,
        "meeting_lines": meeting_lines,
        "minutes_agenda": labels["s_minutes_agenda"].format(**common),
        "wg_subtitle": labels["s_wg_subtitle"].format(**common),
        "wg_envelope_line": labels["s_wg_envelope"].format(**common, **fund),
        "unit_line": labels["s_unit_line"].format(**common),
        "approval_text": approval_text,
        "issue_year": approval.date.year if approval and approval.date else year - 1,
        "municipality_line": labels["s_municipality"].format(
            **common, bags=len(program.bags), population=format_number(m.population, language),
            households=format_number(m.households, language), area=format_number(m.area_km2, language),
            population_year=m.population_year or DASH),
        "proposals_line": labels["s_proposals"].format(
            **common, count=len(program.proposals), bags=len({p.bag for p in program.proposals}),
            cost=money(rows["proposal_total_cost"])),
        "allocation_line": labels["s_allocation"].format(**common, **fund),
        "alignment_line": labels["s_alignment"].format(
            goals_covered=coverage["goals_covered"], goals_total=coverage["goals_total"],
            uncovered=coverage["uncovered_goals"] or DASH),
        "working_group_line": labels["s_working_group"].format(
            date=date(program.working_group.date), members=", ".join(tr(x) for x in program.working_group.members)
            or DASH),
        "quorum_line": quorum_line,
        "resolution": {
            **rows["resolution"],
            "header": labels["s_res_header"].format(**common),
            "date_text": labels["s_res_date"].format(date=res_date),
            "number_text": res_number,
            "number": r.number if r and r.number else labels["blank"],
            "title": labels["s_res_title"].format(**common),
            "preamble": labels["s_res_preamble"].format(**common, legal_basis=field_or_default(
                tr(approval.legal_basis) if approval and approval.legal_basis else None,
                labels["res_legal_basis_default"], "/approval/legal_basis",
                "the laws and articles the Khural resolution cites", "sedp_mongolia_onhs: data/labels.yaml")),
            "article_1": labels["s_res_article_1"].format(**common, **fund),
            "article_2": labels["s_res_article_2"].format(implementer=rows["resolution"]["implementer"]),
            "article_3": labels["s_res_article_3"].format(overseer=rows["resolution"]["overseer"]),
            "annex_mark": labels["s_approval_annex"].format(**common, date=res_date, number=res_number,
                                                            number_ord=res_number),
            "annex_title": labels["s_res_annex_title"].format(**common),
        },
    }


def _incentive_line(incentive: dict[str, Any] | None, labels: dict[str, str], language: str,
                    money: Callable[[Any], str]) -> str:
    """The incentive estimate in words, with every figure needed to recompute it (empty without a rule); marked
    while the rule is the plugin's sample (no official formula found)."""
    if incentive is None:
        return ""
    rule = data.apa().incentive
    item = data.unconfirmed("apa/incentive", "the rule estimating the APA incentive (a sample rule)", "apa.yaml",
                            "replace it by the official formula in data/apa.yaml and set its status: confirmed"
                            ) if rule is not None and is_unconfirmed(rule.status) else None
    if incentive["rate"] is None:
        return mark(labels["s_apa_incentive_fixed"].format(
            tier=format_percent(incentive["min_share"] or 0, language), amount=money(incentive["amount"])), item)
    return mark(labels["s_apa_incentive_rate"].format(
        tier=format_percent(incentive["min_share"], language), rate=format_percent(incentive["rate"], language),
        base=money(incentive["base"]), amount=money(incentive["amount"]),
        base_name=incentive["base_name"].get(language, incentive["base_name"].get("en", ""))), item)
