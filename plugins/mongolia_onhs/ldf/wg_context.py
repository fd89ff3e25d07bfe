"""Rows of the soum working group's consolidated ranking: criteria with their levels, the full score table, the
ties and what decided them, and the allocation with a reason code per line.

Everything a reader needs to recompute the result by hand is printed: each criterion's points, its weight as a
share, the products, the weighted score, then the running total and remainder of the allocation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sedp_core.i18n import LocalTerm
from sedp_core.rendering.formatting import format_number, format_percent
from sedp_core.rendering.unconfirmed import Unconfirmed, is_unconfirmed, mark
from sedp_mongolia_onhs import data
from sedp_mongolia_onhs.data_models import RankingRules
from sedp_mongolia_onhs.ldf.allocation import Allocation
from sedp_mongolia_onhs.ldf.models import OnhsProgram, Proposal
from sedp_mongolia_onhs.ldf.ranking import in_competition

__all__ = ["eligibility_rows", "out_of_competition_reason", "ranking_item", "reason_text", "working_group_rows"]

WEIGHT_DIGITS = 2  # weights and products print with two decimals, as a hand calculation would


def reason_text(code: str, language: str, articles: str = "") -> str:
    """The wording of an allocation reason; no official wording was found, so it carries the draft mark while
    reasons.yaml says "to confirm"."""
    from sedp_core.rendering.unconfirmed import mark

    texts = data.reasons().reasons[code]
    return mark(texts.get(language, texts["en"]).format(articles=articles), data.unconfirmed_data(
        "reasons", data.reasons().status, "reasons.yaml"))


def out_of_competition_reason(p: Proposal, language: str, tr: Callable[[Any], str] = str) -> str:
    """Why a proposal is not ranked: the negative list (with its articles) first, then the group's eligibility
    decision, else its status."""
    if p.restricted_uses:
        articles = {item.id: item.article for item in data.eligibility().items}
        return reason_text("ineligible", language, ", ".join(articles.get(u, u) for u in p.restricted_uses))
    if p.eligibility is not None and not p.eligibility.eligible:
        return reason_text("ineligible_decision", language, tr(p.eligibility.reason) if p.eligibility.reason else "")
    return reason_text(p.status if p.status in ("rejected", "withdrawn") else "rejected", language)


def eligibility_rows(program: OnhsProgram, language: str, labels: dict[str, str], tr: Callable[[Any], str],
                     bag_name: dict[str, str]) -> list[dict[str, Any]]:
    """Every proposal with the working group's eligibility decision against the negative list: the recorded
    decision, else the items it names, else that no item applies (and the list's words that still ask for one)."""
    from sedp_mongolia_onhs.ldf.ranking import negative_list_matches

    articles = {item.id: item.article for item in data.eligibility().items}
    rows = []
    for p in program.proposals:
        matches = negative_list_matches(p)
        if p.restricted_uses:
            decision = labels["eligible_no"]
            basis = labels["s_eligibility_articles"].format(
                articles=", ".join(articles.get(u, u) for u in p.restricted_uses))
        elif p.eligibility is not None:
            decision = labels["eligible_yes"] if p.eligibility.eligible else labels["eligible_no"]
            basis = tr(p.eligibility.reason) if p.eligibility.reason else labels["eligible_decided"]
        elif matches:
            decision = labels["eligible_undecided"]
            basis = labels["s_eligibility_match"].format(
                kinds="; ".join(_kind_text(item, kind, language) for item, kind in matches))
        else:
            decision = labels["eligible_yes"]
            basis = labels["eligible_no_item"]
        rows.append({"no": len(rows) + 1, "id": p.id, "bag": bag_name.get(p.bag, p.bag), "title": tr(p.title),
                     "decision": decision, "basis": basis})
    return rows


def working_group_rows(program: OnhsProgram, rules: RankingRules, allocation: Sequence[Allocation],
                       language: str, labels: dict[str, str], tr: Callable[[Any], str],
                       bag_name: dict[str, str]) -> dict[str, Any]:
    weights = rules.weights()
    total_weight = sum(weights.values())
    prefix = labels["criterion_prefix"]

    def num(value: float, digits: int = WEIGHT_DIGITS) -> str:
        return format_number(value, language, digits)

    def points(value: float) -> str:
        return format_number(value, language, 0 if float(value).is_integer() else 1)

    unconfirmed_rules = ranking_item(rules)

    def name(c: Any) -> str:
        return mark(c.mn if language == "mn" else c.en, unconfirmed_rules)

    criteria = [
        {"no": i, "code": f"{prefix}{i}", "name": name(c), "weight_raw": num(c.weight, 2),
         "weight": c.weight / total_weight,
         "levels": "\n".join(f"{points(lv.points)} — {lv.mn if language == 'mn' else lv.en}" for lv in c.levels)}
        for i, c in enumerate(rules.criteria, 1)
    ]
    if rules.bag_rank is not None:
        bag = rules.bag_rank
        criteria.append({"no": len(criteria) + 1, "code": f"{prefix}{len(criteria) + 1}",
                         "name": name(bag),
                         "weight_raw": num(bag.weight, 2), "weight": bag.weight / total_weight,
                         "levels": labels["s_borda"].format(max=points(rules.scale["max"]),
                                                            min=points(rules.scale["min"]))})
    score_rows = []
    for line in allocation:
        item = line.item
        parts = []
        given_points = item.points if item.points is not None else item.proposal.scores
        for i, (cid, weight) in enumerate(weights.items(), 1):
            given = given_points.get(cid)
            share = weight / total_weight
            parts.append(f"{prefix}{i}: {'—' if given is None else points(given)} × {num(share)} = "
                         f"{num(share * (given or 0.0))}")
        score_rows.append({"rank": item.rank, "id": item.proposal.id, "bag": bag_name.get(item.proposal.bag, ""),
                           "title": tr(item.proposal.title), "breakdown": "\n".join(parts), "score": item.score,
                           "bag_rank": item.bag.rank if item.bag else None})
    tie_rows = []
    for line in allocation:
        tie = line.item.tie
        if tie is None:
            continue
        tie_rows.append({"rank": line.item.rank, "above": tie.above, "id": line.item.proposal.id,
                         "score": line.item.score, "key": labels[f"tie_{tie.key}"],
                         "compare": f"{_value(tie.value_above, language)} / {_value(tie.value, language)}"})
    decision_rows = [
        {"rank": a.item.rank, "id": a.item.proposal.id, "bag": bag_name.get(a.item.proposal.bag, ""),
         "title": tr(a.item.proposal.title), "cost": a.item.proposal.cost.amount, "funded": a.funded,
         "decision": reason_text(a.reason, language), "cumulative": a.cumulative, "remaining": a.remaining}
        for a in allocation
    ]
    out_rows = [
        {"id": p.id, "bag": bag_name.get(p.bag, p.bag), "title": tr(p.title), "cost": p.cost.amount,
         "decision": out_of_competition_reason(p, language, tr)}
        for p in program.proposals if not in_competition(p)
    ]
    envelope = program.fund.total
    bag_rows = []
    for b in program.bags:
        lines = [a for a in allocation if a.item.proposal.bag == b.id]
        amount = sum(a.item.proposal.cost.amount for a in lines if a.funded)
        bag_rows.append({"bag": tr(b.name), "ranked": len(lines), "funded": sum(a.funded for a in lines),
                         "amount": amount, "share": amount / envelope if envelope else None})
    rule = rules.allocation
    method = labels[f"method_{rule.method}"]
    if rule.bag_min_share:
        method += " " + labels["s_bag_min_share"].format(share=format_percent(rule.bag_min_share, language))
    if rule.below_quorum == "exclude":
        method += " " + labels["s_below_quorum_excluded"]
    return {
        "criteria_rows": criteria, "score_rows": score_rows, "tie_rows": tie_rows,
        "wg_decision_rows": decision_rows, "wg_out_rows": out_rows, "wg_bag_rows": bag_rows,
        "allocation_method_text": mark(method, unconfirmed_rules),
        "wg_members": [{"no": i, "name": tr(m)} for i, m in enumerate(program.working_group.members, 1)],
        "eligibility_rows": eligibility_rows(program, language, labels, tr, bag_name),
    }


def _kind_text(item: Any, kind: Any, language: str) -> str:
    """«овооны тахилга (60.3.3)»; a kind that is our reading of the law, not its words, carries the draft mark."""
    from sedp_core.rendering.unconfirmed import mark

    text = f"{kind.mn if language == 'mn' else kind.en} ({item.article})"
    return mark(text, data.unconfirmed_data(f"eligibility/kind/{kind.id}", kind.status, "eligibility.yaml",
                                            "eligibility/kind", article=item.article,
                                            kind=LocalTerm({"en": kind.en, "mn": kind.mn})))


def ranking_item(rules: RankingRules | None = None) -> Unconfirmed | None:
    """The ranking rules (criteria, weights, scale, tie-break, allocation) while no source confirms them: the soum
    working group sets them, so a program confirms them (`confirmations`) once the group has adopted them."""
    if not is_unconfirmed((rules or data.ranking()).status):
        return None
    return data.unconfirmed("ranking", "ranking.yaml")


def _value(value: object, language: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, int | float):
        return format_number(value, language, 0)
    return str(value)
