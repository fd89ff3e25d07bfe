"""Personal data: which fields of a methodology's program name or contact a person, as a reviewed list.

Open data must never publish a citizen's name. Marking fields one by one in the models (`json_schema_extra=
{"personal": True}`) left nine fields of one plugin unmarked (meeting chairs and secretaries, local governors, meeting
chairs, the working-group chair, the assessor) while another plugin marked the same roles. So each methodology
keeps a reviewed list, a YAML file its `Methodology.personal_data` names, that a reviewer reads without Python:

    personal:                       # left out of open data: pointer pattern (`*` for list items) → what it holds
      /meetings/*/chair: the citizen who chaired a meeting
    public:                         # names published on purpose: pointer pattern → why
      /resolution/chair: the chair of the local council signs the resolution, a public act

`unreviewed_person_fields` finds every text field whose name or description speaks of a person (who, chair,
secretary, governor, head, member, assessor...) that the list neither marks personal nor declares public; a test
requires it to be empty for every installed methodology, so a new field of that kind cannot slip into open data.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sedp_core.errors import PluginError
from sedp_core.i18n import N_
from sedp_core.validation.walk import match_pointer

if TYPE_CHECKING:
    from sedp_core.registry.types import Methodology

__all__ = ["CORE_PUBLIC", "PERSON_WORDS", "PersonalData", "listed_patterns_without_field", "personal_data",
           "unreviewed_person_fields"]

PERSON_WORDS = re.compile(r"\b(who|whom|chair|chaired|secretary|governor|head|full name|assessor|assessed|proposer|"
                          r"citizens?|members?|facilitator|person|contact|phone|e-?mail|signs?|signatory)\b", re.I)
"""Words in a field's name or description that say it may hold a person's name or contact."""

CORE_PUBLIC: Mapping[str, str] = {
    "/monitoring/responsible": "the body responsible for monitoring (an office, not a private person)",
    "/goals/*/indicators/*/responsible": "the office that measures and reports an indicator",
    "/goals/*/objectives/*/indicators/*/responsible": "the office that measures and reports an indicator",
    "/goals/*/objectives/*/tasks/*/indicators/*/responsible": "the office that measures and reports an indicator",
    "/activities/*/responsible": "the office or organisation responsible for an activity of the official plan",
    "/monitoring/steps/*/who": "the office that carries out a monitoring step",
    "/monitoring/steps/*/to_whom": "the body that receives a monitoring result",
}
"""Fields of the core program that name a role or an office, published in every methodology."""


@dataclass(frozen=True)
class PersonalData:
    """A methodology's reviewed list: pointer pattern → what it holds (personal) or why it is published (public)."""

    personal: Mapping[str, str]
    public: Mapping[str, str]

    def is_personal(self, pattern: str) -> bool:
        """Whether values at `pattern` (a column's or list's pointer pattern) are personal."""
        return any(match_pointer(pattern, p) for p in self.personal)

    def is_public(self, pattern: str) -> bool:
        return any(match_pointer(pattern, p) for p in self.public)


@functools.cache
def _read(path: Path) -> PersonalData:
    from ruamel.yaml import YAML

    try:
        raw = YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}
    except Exception as exc:  # a plugin's data file: its author must see which one and why
        raise PluginError(N_("the personal-data list cannot be read: {error}"), params={"error": str(exc)},
                          location=str(path),
                          code="plugin.personal-data") from None
    sections = {k: raw.get(k) or {} for k in ("personal", "public")}
    for name, section in sections.items():
        if not isinstance(section, dict) or not all(isinstance(v, str) and v.strip() for v in section.values()):
            raise PluginError(N_("'{name}' must map each pointer pattern to a reason"), params={"name": name},
                              location=str(path),
                              code="plugin.personal-data")
    return PersonalData(personal=dict(sections["personal"]), public=dict(sections["public"]))


def personal_data(methodology: Methodology) -> PersonalData:
    """The methodology's reviewed list (`Methodology.personal_data`), with the core's public fields."""
    path = getattr(methodology, "personal_data", None)
    own = _read(Path(path)) if path else PersonalData({}, {})
    return PersonalData(personal=own.personal, public={**CORE_PUBLIC, **own.public})


def unreviewed_person_fields(methodology: Methodology) -> list[str]:
    """Pointer patterns of text fields that look like a person's name (see PERSON_WORDS) and that the list neither
    marks personal (nor the model, with `json_schema_extra`) nor declares public."""
    from sedp_core.exchange.tabular import STR, TEXT, build_layout, iter_columns

    reviewed = personal_data(methodology)
    found = []
    layout = build_layout(methodology.model)
    for table, column, patterns in iter_columns(layout):
        if column.kind not in (TEXT, STR) or column.personal or table.personal:
            continue
        name = " ".join((*column.path, *([table.name] if not column.path else [])))
        if not PERSON_WORDS.search(f"{name.replace('_', ' ')} {column.description}"):
            continue
        found += [p for p in patterns if not (reviewed.is_personal(p) or reviewed.is_public(p))]
    return found


def listed_patterns_without_field(methodology: Methodology) -> list[str]:
    """Patterns of the list that match no field of the program (a renamed field would leave its mark behind)."""
    from sedp_core.exchange.tabular import build_layout, iter_columns

    layout = build_layout(methodology.model)
    known = [p for _, _, patterns in iter_columns(layout) for p in patterns]
    known += [p for table in layout.tables for p in layout.patterns(table)]
    reviewed = personal_data(methodology)
    own: dict[str, Any] = {**reviewed.personal, **{k: v for k, v in reviewed.public.items() if k not in CORE_PUBLIC}}
    return [p for p in own if not any(match_pointer(k, p) for k in known)]
