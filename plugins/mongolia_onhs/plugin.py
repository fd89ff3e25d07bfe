"""Mongolia: the Local Development Fund (ОНХС) procedure of Minister of Finance order No. 86 of 24 May 2021.

The hook implementations only: the model, rules, ranking, context and data live in their own modules, imported
by the hooks that need them, so that loading the plugin (every `sedp` command does) reads only its wording,
codelists and catalogs.
"""

from __future__ import annotations

from typing import Any

from sedp_core import CodelistUse, DocumentSpec, Methodology, hookimpl
from sedp_mongolia_onhs import data
from sedp_mongolia_onhs.bag import methodology as bag

METHODOLOGY_ID = "mn.onhs"
CODELIST_USES = (
    CodelistUse("/municipality/kind", "mn.admin_unit"),
    CodelistUse("/municipality/parent_units/*/kind", "mn.admin_unit"),
    CodelistUse("/bags/*/type", "mn.bag_type"),
    CodelistUse("/fund/lines/*/source", "mn.ldf_source"),
    CodelistUse("/proposals/*/channel", "mn.proposal_channel"),
    CodelistUse("/proposals/*/type", "mn.proposal_type"),
    CodelistUse("/proposals/*/sector", "mn.sector"),
    CodelistUse("/proposals/*/status", "mn.proposal_status"),
    CodelistUse("/activities/*/sector", "mn.sector"),
    CodelistUse("/proposals/*/implementation/procurement", "mn.procurement_method"),
    CodelistUse("/meetings/*/voting_method", "mn.voting_method"),
)


def _headings(*keys: str) -> tuple[dict[str, str], ...]:
    """The texts of the section headings a document must have (labels.yaml), checked by `sedp templates check`."""
    labels = data.labels()
    return tuple(labels[key] for key in keys)


def _documents() -> tuple[DocumentSpec, ...]:
    templates = data.templates_dir()
    # The templates take every word from the labels, so each renders in Mongolian and in English (for donors).
    return (
        DocumentSpec(
            "ldf_plan",
            {"mn": "ОНХС-ийн жилийн төлөвлөгөө", "en": "Annual Local Development Fund plan"},
            templates / "ldf_plan.docx",
            description={"mn": "Сумын ОНХС-ийн жилийн төлөвлөгөө: нөхцөл байдал, зорилго, эрэмбэ, хөрөнгө",
                         "en": "The soum's LDF annual plan: situation, goals, ranked list, envelope, allocation"},
            headings=_headings("h_general", "h_situation", "h_goals", "h_proposals", "h_ranking", "h_envelope",
                               "h_allocation", "h_alignment", "h_monitoring"),
        ),
        DocumentSpec(
            "inh_minutes",
            {"mn": "Багийн ИНХ-ын хуралдааны тэмдэглэл", "en": "Minutes of a bag Citizens' Public Meeting"},
            templates / "inh_minutes.docx",
            description={"mn": "Нэг багийн ИНХ-ын хуралдааны ирц, саналын эрэмбэ, шийдвэр, гарын үсэг",
                         "en": "Attendance, ranked proposals, decisions and signatures of one bag meeting"},
            per="/meetings",  # each bag's meeting keeps its own signed minutes
            headings=_headings("h_m_attendance", "h_m_votes", "h_m_decisions"),
        ),
        DocumentSpec(
            "wg_ranking",
            {"mn": "Сумын ажлын хэсгийн нэгтгэсэн эрэмбэ, хуваарилалт",
             "en": "Soum working group: consolidated ranking and allocation"},
            templates / "wg_ranking.docx",
            description={"mn": "Шалгуур, жин, онооны бүрэн хүснэгт, тэнцсэн санал, хуваарилалтын шийдвэр, шалтгаан",
                         "en": "Criteria, weights, full score table, ties, allocation decisions with reasons"},
            headings=_headings("h_wg_meetings", "h_wg_criteria", "h_wg_scores", "h_wg_ties", "h_wg_allocation",
                               "h_wg_signatures"),
        ),
        DocumentSpec(
            "apa_report",
            {"mn": "Жилийн гүйцэтгэлийн үнэлгээ: өөрийн үнэлгээ",
             "en": "Annual Performance Assessment: self-assessment"},
            templates / "apa_report.docx",
            description={"mn": "Зургаан чиглэлийн үзүүлэлт, оноо, нотлох баримт, нийт оноо",
                         "en": "Indicators, points and evidence in the six areas, and the total score"},
            per="/assessments",  # a soum without a self-assessment gets no report
            headings=_headings("h_apa_summary", "h_apa_sign", "h_apa_detail"),
        ),
        DocumentSpec(
            "results_notice",
            {"mn": "Иргэдэд мэдээлэх: багийн саналын үр дүн", "en": "Notice to citizens: outcome of a bag's proposals"},
            templates / "results_notice.docx",
            description={"mn": "Нэг багийн санал тус бүр санхүүжсэн эсэх, санхүүжээгүй бол шалтгаан",
                         "en": "For one bag: which proposals were funded and why each other one was not"},
            per="/bags",  # one notice per bag, for its notice board
        ),
        DocumentSpec(
            "itk_resolution",
            {"mn": "Сумын ИТХ-ын тогтоолын төсөл",
             "en": "Draft resolution of the soum Citizens' Representatives Khural"},
            templates / "itk_resolution.docx",
            description={"mn": "ОНХС-аар хэрэгжүүлэх төсөл, арга хэмжээний жагсаалт батлах тухай тогтоолын төсөл",
                         "en": "Draft resolution approving the list of LDF projects"},
        ),
    )


def methodology() -> Methodology:
    return Methodology(
        id=METHODOLOGY_ID,
        version="2021",
        title={"mn": "Орон нутгийн хөгжлийн сангийн үйл ажиллагааны журам (Сангийн сайдын 2021 оны 86 дугаар тушаал)",
               "en": "Local Development Fund operating procedure (Minister of Finance order No. 86 of 2021)"},
        languages=("mn", "en"),
        program_model="sedp_mongolia_onhs.ldf.models:OnhsProgram",
        documents=_documents(),
        catalogs=(data.catalog().id,),
        codelist_uses=CODELIST_USES,
        labels=data.labels(),
        unconfirmed_labels=data.unconfirmed_labels(),
        labels_source=data.LABELS_SOURCE,
        default=True,
        currency_symbols={"MNT": "₮"},
        sample=data.data_path("sample.yaml"),
        description={"mn": "Сумын ОНХС-ийн жилийн төлөвлөлт: иргэдийн санал, багийн ИНХ, эрэмбэлэлт, ИТХ-ын батлалт",
                     "en": "A soum's annual Local Development Fund planning: citizens' proposals, bag ИНХ meetings, "
                           "ranking by the soum working group, approval by the soum ИТХ."},
        messages=data.messages(),
        field_descriptions=data.field_descriptions(),
        personal_data=data.data_path("personal_data.yaml"),
        surveys=("/proposals",),  # citizens' proposals are collected by questionnaire, also on phones
        # Program fields no document prints, with the reason (tests/test_fields_printed.py checks every other
        # field of the schema).
        not_printed={
            "/activities": "an LDF year's projects are the citizens' proposals (/proposals), ranked and funded; "
                           "the LDF documents have no list of the core's activities",
            "/priorities": "the LDF plan's chapter 3 sets out goals, objectives and tasks; it has no priority areas",
            "/values": "the LDF plan states the vision only; shared values belong to a multi-year program",
            "/financing/notes": "the LDF plan shows the fund envelope by source (fund.lines), not the core's "
                                "financing",
            "/goals/*/alignment/*/note": "the alignment chapter lists each Vision 2050 entry with the plan parts "
                                         "linked to it; the note on a link is for the reviewer",
            "/goals/*/objectives/*/alignment/*/note": "as for goals: the note on a Vision 2050 link is for the "
                                                      "reviewer",
            "/goals/*/objectives/*/tasks/*/alignment/*/note": "as for goals: the note on a Vision 2050 link is "
                                                              "for the reviewer",
            "/goals/*/indicators/*/means_of_verification": "the indicator table shows baseline, target and who "
                                                          "is responsible; how a value is verified is the "
                                                          "monitoring officer's working detail",
            "/goals/*/objectives/*/indicators/*/means_of_verification": "as for goals' indicators",
            "/goals/*/objectives/*/tasks/*/indicators/*/means_of_verification": "as for goals' indicators",
            "/goals/*/indicators/*/baseline/source": "the indicator table shows the baseline's value and year; "
                                                    "its source is kept for the reviewer",
            "/goals/*/objectives/*/indicators/*/baseline/source": "as for goals' indicators",
            "/goals/*/objectives/*/tasks/*/indicators/*/baseline/source": "as for goals' indicators",
            "/proposals/*/beneficiaries/men": "the proposal table prints beneficiaries and households; the split "
                                              "by sex is kept for reporting",
            "/proposals/*/beneficiaries/women": "the proposal table prints beneficiaries and households; the split "
                                                "by sex is kept for reporting",
            "/approval/body": "the resolution's header names the soum Khural from the soum's name",
            "/assessments/*/results/*/note": "the assessor's working note; the report prints the evidence given",
            "/financing/sources/*/name": "the LDF plan shows the fund envelope by source (fund.lines), not the "
                                         "core's financing sources",
            "/monitoring/responsible": "the monitoring table names who does each step (monitoring.steps/*/who)",
        },
    )


@hookimpl
def sedp_register_methodologies(register: Any) -> None:
    register(methodology())
    register(bag.bag_methodology())  # the bag development program (bag*.py)


@hookimpl
def sedp_register_catalogs(register: Any) -> None:
    register(data.catalog())
    for catalog in bag.bag_catalogs():
        register(catalog)


@hookimpl
def sedp_register_codelists(register: Any) -> None:
    for codelist in data.codelists():
        register(codelist)


@hookimpl
def sedp_register_validators(register: Any) -> None:
    from sedp_mongolia_onhs.ldf.rules import RULES

    for rule in RULES:
        register(f"onhs.{rule.__name__}", rule, methodologies=(METHODOLOGY_ID,))
    for rule_id, rule in bag.bag_rule_ids():
        register(rule_id, rule, methodologies=(bag.BAG_PROGRAM_ID,))


@hookimpl
def sedp_register_template_filters(register: Any) -> None:
    from sedp_mongolia_onhs.filters import onhs_num

    register("onhs_num", onhs_num)


@hookimpl
def sedp_document_context(
    program: Any, methodology: Any, document: Any, language: str, item: Any, helpers: Any
) -> dict[str, Any] | None:
    if methodology.id == bag.BAG_PROGRAM_ID:
        return bag.bag_context(program, methodology, language, helpers)
    if methodology.id != METHODOLOGY_ID:
        return None
    from sedp_mongolia_onhs.ldf.context import document_context

    return document_context(program, methodology, language, item)


@hookimpl
def sedp_compare_lists(program: Any, methodology: Any, helpers: Any) -> list[Any] | None:
    """`sedp compare`: the citizens' proposals first, each under its registration number (printed in every
    document of the fund) and title, then the bag meetings that ranked them."""
    if methodology.id != METHODOLOGY_ID:
        return None
    from sedp_core.analysis.compare import ComparedList

    bags = {bag.id: helpers.text(bag.name) for bag in getattr(program, "bags", ())}
    return [ComparedList("proposals", order=10, heading=helpers.label("compare_proposals"),
                         name=lambda proposal: f"{proposal.id} {helpers.text(proposal.title)}"),
            # a bag meeting by its bag and date, as its minutes are headed
            ComparedList("meetings", order=20, name=lambda meeting: f"{bags.get(meeting.bag, '')}, "
                                                                     f"{helpers.date(meeting.date)}")]


@hookimpl
def sedp_summary_facts(program: Any, methodology: Any) -> dict[str, Any] | None:
    if methodology.id != METHODOLOGY_ID:
        return None
    from sedp_mongolia_onhs.ldf.summary import summary_facts

    return summary_facts(program)


@hookimpl
def sedp_summary_sections(summary: Any, language: str) -> list[Any] | None:
    if summary.methodology.id != METHODOLOGY_ID:
        return None
    from sedp_mongolia_onhs.ldf.summary import summary_sections

    return summary_sections(summary, language)


@hookimpl
def sedp_register_exporters(register: Any) -> None:
    from sedp_mongolia_onhs.ldf.pabulib_export import export_pabulib

    register("pabulib", export_pabulib, "The fund allocation as a Pabulib .pb instance (mn.onhs programs)",
             methodologies=(METHODOLOGY_ID,))
