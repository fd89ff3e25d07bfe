"""The second methodology of the Mongolian plugin: the bag development program (`mn.bag-program`).

A multi-year program of one bag in phases, after the Bag Development Program the Selenge aimag ИТХ Presidium
approved on 5 June 2018 (two phases, 2018-2020 and 2021-2023; seed 003). plugin.py registers it next to
`mn.onhs`; this module builds the registration objects. The model, rules and context are imported when first
used (`Methodology.model`, validation, rendering), so that listing the plugin stays quick.
"""

from __future__ import annotations

from typing import Any

from sedp_core import Catalog, CodelistUse, DocumentSpec, Methodology
from sedp_mongolia_onhs import data
from sedp_mongolia_onhs.bag import data as bag_data

__all__ = ["BAG_CODELIST_USES", "BAG_PROGRAM_ID", "bag_catalogs", "bag_context", "bag_methodology", "bag_rule_ids"]

BAG_PROGRAM_ID = "mn.bag-program"
HEADINGS = ("h_general", "h_situation", "h_vision", "h_goals", "h_action_plan", "h_financing", "h_alignment",
            "h_monitoring")
"""The sections every bag program document must have (checked on each render of the tests and templates check)."""

BAG_CODELIST_USES = (
    CodelistUse("/municipality/kind", "mn.admin_unit"),
    CodelistUse("/municipality/parent_units/*/kind", "mn.admin_unit"),
    CodelistUse("/bag/type", "mn.bag_type"),
    CodelistUse("/activities/*/sector", "mn.sector"),
)


def bag_methodology() -> Methodology:
    return Methodology(
        id=BAG_PROGRAM_ID,
        version="2018",
        title={"mn": "Багийн хөгжлийн хөтөлбөр (үе шаттай, олон жилийн)",
               "en": "Bag development program (multi-year, in phases)"},
        languages=("mn", "en"),
        program_model="sedp_mongolia_onhs.bag.models:BagProgram",
        documents=(
            DocumentSpec(
                "bag_program",
                {"mn": "Багийн хөгжлийн хөтөлбөр", "en": "Bag development program"},
                data.templates_dir() / "bag_program.docx",
                description={"mn": "Нөхцөл байдал, SWOT, алсын хараа, зорилго, зорилт, шалгуур үзүүлэлт, "
                                   "арга хэмжээний төлөвлөгөө, санхүүжилт, уялдаа, хяналт-шинжилгээ",
                             "en": "Situation, SWOT, vision, goals, objectives, indicators, action plan, "
                                   "financing, alignment, monitoring"},
                headings=tuple(bag_data.labels()[key] for key in HEADINGS),
            ),
        ),
        catalogs=(data.catalog().id, *(c.id for c in bag_data.catalogs())),
        codelist_uses=BAG_CODELIST_USES,
        labels=bag_data.labels(),
        unconfirmed_labels=bag_data.unconfirmed_labels(),
        labels_source="sedp_mongolia_onhs: data/bag_program/labels.yaml",
        currency_symbols={"MNT": "₮"},
        sample=bag_data.path("sample.yaml"),
        description={"mn": "Засаг захиргааны анхан шатны нэгж болох багийн үе шаттай хөгжлийн хөтөлбөр; "
                           "«Алсын хараа-2050», Засаг даргын үйл ажиллагааны хөтөлбөр, жилийн төлөвлөгөөтэй уялдана",
                     "en": "A multi-year development program of a bag, the primary administrative unit, in phases; "
                           "aligned with Vision 2050, the governor's action program and the annual plan."},
        messages=bag_data.messages(),
        field_descriptions=data.field_descriptions(),
        personal_data=data.data_path("bag_program_personal_data.yaml"),
        # Program fields no document prints, with the reason (tests/test_fields_printed.py checks every other
        # field of the schema).
        not_printed={
            "/approval/body": "the approval block is approval_line, or is built from the plugin's approving body",
            "/approval/legal_basis": "the approval block names the approving body and its decision; the law it "
                                     "acts under is cited in that decision, not in the program",
            "/priorities": "the bag program sets out goals, objectives and tasks (chapter 4); it has no priority "
                           "areas",
            "/goals/*/alignment/*/note": "the alignment table shows each linked entry with the plan parts linked "
                                         "to it; the note on a link is for the reviewer",
            "/goals/*/objectives/*/alignment/*/note": "as for goals: the note on a link is for the reviewer",
            "/goals/*/objectives/*/tasks/*/alignment/*/note": "as for goals: the note on a link is for the reviewer",
            "/activities/*/alignment/*/note": "as for goals: the note on a link is for the reviewer",
            "/goals/*/indicators/*/baseline/source": "the indicator table shows the baseline's value and year and "
                                                    "the indicator's data source; the baseline's own source is "
                                                    "kept for the reviewer",
            "/goals/*/objectives/*/tasks/*/indicators/*/baseline/source": "as for goals' indicators",
            "/activities/*/description": "the action plan is one line per activity (title, period, indicator, "
                                         "cost, funding, responsible); the details go to the annual plan",
            "/activities/*/expected_result": "the action plan shows the indicator target the activity works "
                                             "towards, not a separate expected result",
            "/activities/*/location": "a bag program's activities are in the bag itself; the place is detailed "
                                      "in the annual plan",
            "/activities/*/partners": "the action plan names the responsible only; partners are kept for "
                                      "monitoring",
            "/activities/*/beneficiaries": "the action plan has no beneficiaries column; counts are kept for "
                                           "reporting",
        },
        default=True,
    )


def bag_catalogs() -> tuple[Catalog, ...]:
    return bag_data.catalogs()


def bag_rule_ids() -> list[tuple[str, Any]]:
    from sedp_mongolia_onhs.bag.rules import BAG_RULES

    return [(f"bagp.{rule.__name__}", rule) for rule in BAG_RULES]


def bag_context(program: Any, methodology: Methodology, language: str, helpers: Any) -> dict[str, Any]:
    """The bag program document's context (`bag/context.py`)."""
    from sedp_mongolia_onhs.bag.context import bag_context as build

    return build(program, methodology, language, helpers)
