"""Sentences of the documents: the labels' `s_*` patterns filled with the program's values.

Word order differs between Mongolian and English, so a sentence with values is one pattern per language (data),
filled here with values already formatted for the document's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sedp_core.rendering.formatting import DASH, format_money, format_number, format_percent
from sedp_core.rendering.unconfirmed import field_or_default, is_unconfirmed, mark
from sedp_mongolia_onhs import data
from sedp_mongolia_onhs.grammar import day_text, ordinal
from sedp_mongolia_onhs.ldf.models import OnhsProgram

__all__ = ["sentences"]


def sentences(program: OnhsProgram, language: str, labels: dict[str, str], tr: Callable[[Any], str],
              symbol: str, rows: dict[str, Any]) -> dict[str, Any]:
    """Sentence names for the context; `rows` is the plugin context built so far (totals, coverage...)."""

    def money(value: float) -> str:
        return format_money(value, language, symbol)

    def legal_money(value: float) -> str:
        # The legal text of a resolution names the currency in words («төгрөг»), never by its sign.
        return labels["s_legal_money"].format(amount=format_number(value, language))

    def date(value: dt.date | None) -> str:
        """The date without its «өдөр»: the patterns add the word where the sentence needs it."""
        return day_text(value, language, labels, day_word=False)

    def number(value: str | None) -> str:
        if not value:
            return labels["blank"] + (f" {labels['ordinal_back']}" if language == "mn" else "")
        if language != "mn":
            return value
        core = value.strip()
        spoken = ordinal(core, labels)
        # The number as the officer typed it (spaces included), then its ordinal ending.
        return value + spoken[len(core):] if spoken.startswith(core) else spoken

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
    legal_fund = {"envelope": legal_money(rows["envelope_total"]), "funded": legal_money(rows["funded_total"]),
                  "balance": legal_money(rows["balance"]), "count": rows["funded_count"]}
    coverage = rows["v2050_coverage"]
    r = program.resolution
    res_date, res_number = date(r.date if r else None), number(r.number if r else None)
    quorum = rows["quorum"]
    # The quorum rule and its basis are plugin data no source confirms: the core marks them as drafts.
    quorum_item = data.unconfirmed_data("quorum", data.quorum().status, "quorum.yaml")
    quorum_line = labels["s_quorum"].format(
        min_share=mark(format_percent(quorum["min_share"], language), quorum_item),
        basis=mark(quorum["legal_basis"], quorum_item))
    consequence = mark(quorum["consequence"], data.unconfirmed_data(
        "quorum/consequence", data.quorum().consequence_status, "quorum.yaml"))
    meeting = rows["meeting"]
    meeting_lines = {}
    if meeting:
        details = [labels["s_minutes_place"].format(date=date(meeting["date"]), place=meeting["place"])]
        if meeting["time"]:
            details.append(labels["s_minutes_time"].format(time=meeting["time"]))
        meeting_lines = {
            "attendance_line": labels["s_minutes_attendance"].format(
                registered=format_number(meeting["registered"], language),
                attendance=format_number(meeting["attendance"], language),
                # compared with the quorum: one decimal, so 49.7 % never reads as the 50 % it falls short of
                share=format_percent(meeting["share"], language, 1)),
            "place_line": ", ".join(details),
            "number_line": labels["s_minutes_number"].format(number=meeting["number"] or labels["blank"]),
            "voting_line": labels["s_minutes_voting"].format(method=meeting["voting_method"])
            if meeting["voting_method"] else "",
            "outcome_line": "" if meeting["quorate"] else consequence,
        }
    notice = rows["notice"]
    notice_lines = {}
    if notice:
        r0 = program.resolution
        notice_lines = {
            "title": labels["s_notice_title"].format(**common, bag=notice["bag"]),
            "summary": labels["s_notice_summary"].format(
                **common, bag=notice["bag"], count=notice["count"], funded_count=notice["funded_count"],
                funded=money(notice["funded_total"])),
            "basis": labels["s_notice_basis"].format(**common, date=date(r0.date if r0 else None),
                                                     number=number(r0.number if r0 else None)),
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
            "incentive": mark(_incentive_line(apa["incentive"], labels, language, money), data.unconfirmed_data(
                "apa/incentive", data.apa().incentive.status if data.apa().incentive else "", "apa.yaml")),
        }
    wg = program.working_group
    order = (labels["s_wg_order"].format(date=date(wg.order_date), number=number(wg.order_number))
             if wg.order_number else labels["s_wg_order_missing"])
    # What the Khural decides about the remainder is the municipality's to confirm: a program field, the plugin's
    # wording as the draft value.
    remainder = field_or_default(tr(r.remainder_article) if r and r.remainder_article else None,
                                 labels["s_res_article_remainder"], "/resolution/remainder_article",
                                 data.review_note("field/remainder_article"), data.LABELS_SOURCE)
    publication = (tr(r.publication_article) if r and r.publication_article else labels["s_res_article_publish"])
    articles = [
        labels["s_res_article_1"].format(**common, **legal_fund),
        labels["s_res_article_2"].format(implementer=rows["resolution"]["implementer"]),
    ]
    if rows["balance"] > 0.005:
        articles.append(remainder.format(**common, **legal_fund))
    articles.append(publication.format(**common, implementer=rows["resolution"]["implementer"]))
    articles.append(labels["s_res_article_oversight"].format(overseer=rows["resolution"]["overseer"]))
    session = labels["s_res_session"].format(session=number(r.session if r else None))
    return {
        "apa_lines": apa_lines,
        "meeting_lines": meeting_lines,
        "notice_lines": notice_lines,
        "place_year_line": labels["s_place_year"].format(
            **{**common, "year": approval.date.year if approval and approval.date else year - 1}),
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
            date=date(program.working_group.date), order=order,
            members=", ".join(tr(x) for x in program.working_group.members) or DASH),
        "quorum_line": quorum_line,
        "resolution": {
            **rows["resolution"],
            "header": labels["s_res_header"].format(**common),
            "date_text": labels["s_res_date"].format(date=res_date),
            "number_text": res_number,
            "number": r.number if r and r.number else labels["blank"],
            "title": labels["s_res_title"].format(**common),
            "preamble": labels["s_res_preamble"].format(**common, session=session, legal_basis=field_or_default(
                tr(approval.legal_basis) if approval and approval.legal_basis else None,
                labels["res_legal_basis_default"], "/approval/legal_basis",
                data.review_note("field/legal_basis"), data.LABELS_SOURCE)),
            "articles": [{"text": labels["s_res_article_no"].format(no=i, text=text)}
                         for i, text in enumerate(articles, 1)],
            "annex_mark": labels["s_approval_annex"].format(**common, date=res_date, number=res_number,
                                                            number_ord=res_number),
            "annex_title": labels["s_res_annex_title"].format(**common),
            "allocation_line": labels["s_res_allocation"].format(**common, **legal_fund),
        },
    }


def _incentive_line(incentive: dict[str, Any] | None, labels: dict[str, str], language: str,
                    money: Callable[[Any], str]) -> str:
    """The incentive estimate in words, with every figure needed to recompute it (empty without a rule); marked
    while the rule is the plugin's sample (no official formula found)."""
    if incentive is None:
        return ""
    rule = data.apa().incentive
    item = data.unconfirmed("apa/incentive", "apa.yaml") if rule is not None and is_unconfirmed(rule.status) else None
    if incentive["rate"] is None:
        return mark(labels["s_apa_incentive_fixed"].format(
            tier=format_percent(incentive["min_share"] or 0, language), amount=money(incentive["amount"])), item)
    return mark(labels["s_apa_incentive_rate"].format(
        tier=format_percent(incentive["min_share"], language), rate=format_percent(incentive["rate"], language),
        base=money(incentive["base"]), amount=money(incentive["amount"]),
        base_name=incentive["base_name"].get(language, incentive["base_name"].get("en", ""))), item)
