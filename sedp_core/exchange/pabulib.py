"""Writing participatory-budgeting instances in the Pabulib `.pb` format (pabulib.org/format).

A `.pb` file is UTF-8 text in three `;`-separated sections, each a title line then a header line: META (key;value),
PROJECTS (project_id;cost;...), VOTES (voter_id;vote;...). The core knows nothing of fund envelopes or proposals: a
plugin that has them builds `PbProject`/`PbVote` lists and calls `write_pabulib` from an exporter it registers
through `sedp_register_exporters` (see docs/data-exchange.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sedp_core.errors import InputError
from sedp_core.exchange.csvtext import delimited_text
from sedp_core.rendering.fileio import write_atomic

__all__ = ["REQUIRED_META", "PbProject", "PbVote", "pabulib_text", "write_pabulib"]

REQUIRED_META = ("description", "country", "unit", "instance", "budget", "vote_type", "rule")
"""META keys every instance states; num_projects and num_votes are counted, not given."""
VOTE_TYPES = ("approval", "ordinal", "cumulative", "scoring", "choose-1")


@dataclass(frozen=True)
class PbProject:
    """A project of one instance: its id, cost, and what is known of its outcome."""

    project_id: str
    cost: float
    name: str = ""
    votes: int | None = None
    selected: bool | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Further columns: category, target, district, latitude, longitude, score..."""


@dataclass(frozen=True)
class PbVote:
    """One ballot: an anonymous voter id and the projects voted for (in order for ordinal votes)."""

    voter_id: str
    vote: Sequence[str]
    points: Sequence[int] = ()
    """For cumulative and scoring votes: points per project, in the order of `vote`."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Further columns: age, sex, voting_method..."""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _section(title: str, header: list[str], rows: Iterable[list[Any]]) -> str:
    return delimited_text([[title], header, *rows], _cell, delimiter=";", one_line=True)


def _columns(items: Sequence[Any], fixed: list[str], optional: list[str]) -> list[str]:
    used = [name for name in optional if any(getattr(i, name) not in (None, "", ()) for i in items)]
    extra = list(dict.fromkeys(k for i in items for k in i.extra))
    return fixed + used + [k for k in extra if k not in fixed and k not in used]


def pabulib_text(meta: Mapping[str, Any], projects: Sequence[PbProject], votes: Sequence[PbVote] = ()) -> str:
    """The `.pb` text of one instance; `InputError` when META lacks a required key or a vote names an unknown
    project."""
    missing = [k for k in REQUIRED_META if meta.get(k) in (None, "")]
    if missing:
        raise InputError(f"the Pabulib META section needs: {', '.join(missing)}", code="pabulib.incomplete")
    if meta["vote_type"] not in VOTE_TYPES:
        raise InputError(f"vote_type {meta['vote_type']!r} is not one of {', '.join(VOTE_TYPES)}",
                         code="pabulib.incomplete")
    ids = [p.project_id for p in projects]
    if len(set(ids)) != len(ids):
        raise InputError("two projects share a project_id", code="pabulib.incomplete")
    known = set(ids)
    for v in votes:
        unknown = [p for p in v.vote if p not in known]
        if unknown:
            raise InputError(f"voter {v.voter_id} votes for unknown project(s) {', '.join(unknown)}",
                             code="pabulib.incomplete")
    counted = {**meta, "num_projects": len(projects), "num_votes": len(votes)}
    order = ["description", "country", "unit", "subunit", "instance", "district", "num_projects", "num_votes",
             "budget", "vote_type", "rule", "date_begin", "date_end"]
    keys = [k for k in order if k in counted] + [k for k in counted if k not in order]
    text = _section("META", ["key", "value"], ([k, counted[k]] for k in keys))
    columns = _columns(projects, ["project_id", "cost"], ["name", "votes", "selected"])
    text += _section("PROJECTS", columns,
                     ([getattr(p, c) if hasattr(p, c) and c != "extra" else p.extra.get(c) for c in columns]
                      for p in projects))
    if votes:
        vote_columns = ["voter_id", "vote"] + (["points"] if any(v.points for v in votes) else [])
        extra = list(dict.fromkeys(k for v in votes for k in v.extra))
        text += _section("VOTES", vote_columns + extra,
                         ([v.voter_id, ",".join(v.vote)] + ([",".join(map(str, v.points))] if "points" in vote_columns
                                                            else []) + [v.extra.get(k) for k in extra]
                          for v in votes))
    return text


def write_pabulib(path: Path, meta: Mapping[str, Any], projects: Sequence[PbProject],
                  votes: Sequence[PbVote] = ()) -> Path:
    """Write one instance to `path` atomically."""
    write_atomic(path, pabulib_text(meta, projects, votes).encode("utf-8"))
    return path
