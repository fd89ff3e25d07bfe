"""Inclusion figures of the needs assessment: participants by sex and age group, and the shares of women and youth.

Computed from the session counts, never typed in, so that the shares in the document always match the data.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import ParticipantCount, Session

__all__ = ["Inclusion", "by_age_group", "inclusion_of"]

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


def inclusion_of(sessions: list[Session]) -> Inclusion:
    """Sum the participant counts of `sessions` (one session or all of them)."""
    return _sum([c for s in sessions for c in s.participants])


def _sum(counts: list[ParticipantCount]) -> Inclusion:
    return Inclusion(
        total=sum(c.count for c in counts),
        women=sum(c.count for c in counts if c.sex == WOMEN),
        men=sum(c.count for c in counts if c.sex == MEN),
        youth=sum(c.count for c in counts if c.age_group == YOUTH),
    )


def by_age_group(sessions: list[Session]) -> dict[str, Inclusion]:
    """The counts of `sessions` per age group code (the gathering minutes list participants by sex and age)."""
    groups: dict[str, list[ParticipantCount]] = {}
    for c in (c for s in sessions for c in s.participants):
        groups.setdefault(c.age_group, []).append(c)
    return {age: _sum(counts) for age, counts in groups.items()}
