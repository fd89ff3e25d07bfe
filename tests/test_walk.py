"""The program walks the rules share (`sedp_core/validation/walk.py`)."""

from __future__ import annotations

from pydantic import BaseModel

from sedp_core.validation.validate import validate_file
from sedp_core.validation.walk import iter_nodes, iter_values, select
from tests.conftest import ROOT


def test_iter_nodes_is_iter_values_without_scalars_and_lists_in_the_same_order() -> None:
    program = validate_file(ROOT / "examples" / "kyrgyz_aa" / "ak_kyya_2025_2027.yaml").program
    assert program is not None
    nodes = [(pointer, id(value)) for pointer, value in iter_nodes(program)]
    expected = [(pointer, id(value)) for pointer, value in iter_values(program) if isinstance(value, BaseModel | dict)]
    assert len(nodes) > 100 and nodes == expected


def test_select_follows_a_pattern_through_lists() -> None:
    program = validate_file(ROOT / "examples" / "kyrgyz_aa" / "ak_kyya_2025_2027.yaml").program
    assert program is not None
    found = list(select(program, "/activities/*/id"))
    assert [value for _, value in found] == [a.id for a in program.activities]
    assert [pointer for pointer, _ in found] == [f"/activities/{i}/id" for i in range(len(program.activities))]
