"""Inclusion figures of the needs assessment: participants by sex and age group, and the shares of women and youth.

Computed from the session counts, never typed in, so that the shares in the document always match the data.
"""

from __future__ import annotations

from dataclasses import dataclass

from sedp_kyrgyz_aa.models import ParticipantCount, Person, Session

__all__ = ["Inclusion", "attendances_of", "by_age_group", "inclusion_of", "session_counts"]

WOMEN, MEN, YOUTH = "female", "male", "youth"


@dataclass(frozen=True)
class Inclusion:
    """Participant counts and shares (0..1; None when nobody took part)."""

    total: int
    women: int
    men: int
    youth: int

    @property
    def women_share(self) -> float | None:
        return self.women / self.total if self.total else None

    @property
    def youth_share(self) -> float | None:
        return self.youth / self.total if self.total else None


def session_counts(session: Session, people: list[Person]) -> list[ParticipantCount]:
    """A session's participants by sex and age: from the attendance register when it names who came."""
    if not session.attendees:
        return list(session.participants)
    register = {p.id: p for p in people}
    found = [register[a] for a in dict.fromkeys(session.attendees) if a in register]
    return [ParticipantCount(sex=p.sex, age_group=p.age_group, count=1) for p in found]


def inclusion_of(sessions: list[Session], people: list[Person] | None = None) -> Inclusion:
    """The people who took part in `sessions` (one session or all of them). A person the register names at
    several sessions is counted once; sessions without a register add their counts (attendances)."""
    register = {p.id: p for p in people or []}
    seen: dict[str, Person] = {}
    counts: list[ParticipantCount] = []
    for s in sessions:
        if s.attendees:
            seen.update((a, register[a]) for a in s.attendees if a in register)
        else:
            counts += s.participants
    counts += [ParticipantCount(sex=p.sex, age_group=p.age_group, count=1) for p in seen.values()]
    return _sum(counts)


def attendances_of(sessions: list[Session], people: list[Person] | None = None) -> int:
    """Every attendance of every session: a person at two sessions counts twice."""
    return sum(c.count for s in sessions for c in session_counts(s, people or []))


def _sum(counts: list[ParticipantCount]) -> Inclusion:
    return Inclusion(
        total=sum(c.count for c in counts),
        women=sum(c.count for c in counts if c.sex == WOMEN),
        men=sum(c.count for c in counts if c.sex == MEN),
        youth=sum(c.count for c in counts if c.age_group == YOUTH),
    )


def by_age_group(sessions: list[Session], people: list[Person] | None = None) -> dict[str, Inclusion]:
    """The counts of `sessions` per age group code (the gathering minutes list participants by sex and age)."""
    groups: dict[str, list[ParticipantCount]] = {}
    for c in (c for s in sessions for c in session_counts(s, people or [])):
        groups.setdefault(c.age_group, []).append(c)
    return {age: _sum(counts) for age, counts in groups.items()}
