"""The libyaml reader (sedp_core/input/yaml_reader.py): the same data and locations as ruamel.yaml's round-trip loader
gave
for every bundled file, and hostile input refused before it is built."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sedp_core.errors import InputError
from sedp_core.input.yaml_reader import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted(p for pattern in ("examples/**/*.yaml", "plugins/**/*.yaml", "tests/**/*.yaml")
                 for p in ROOT.glob(pattern))


def ruamel_reading(text: str) -> tuple[Any, dict[str, str]]:
    """What the reader did before: ruamel's round-trip loader (dates as text), values and key/item locations."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.constructor import RoundTripConstructor

    class TextTimestamps(RoundTripConstructor):  # type: ignore[misc]
        pass

    TextTimestamps.add_constructor("tag:yaml.org,2002:timestamp", TextTimestamps.construct_yaml_str)
    yaml = YAML(typ="rt")
    yaml.Constructor = TextTimestamps
    positions: dict[str, str] = {"": "1:1"}

    def plain(value: Any, pointer: str) -> Any:
        if isinstance(value, CommentedMap):
            out = {}
            for key, item in value.items():
                child = f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}"
                line, column = value.lc.key(key)
                positions[child] = f"{line + 1}:{column + 1}"
                out[str(key)] = plain(item, child)
            return out
        if isinstance(value, CommentedSeq):
            for i in range(len(value)):
                line, column = value.lc.item(i)
                positions[f"{pointer}/{i}"] = f"{line + 1}:{column + 1}"
            return [plain(item, f"{pointer}/{i}") for i, item in enumerate(value)]
        if isinstance(value, bool) or value is None:
            return value
        return int(value) if isinstance(value, int) else float(value) if isinstance(value, float) else str(value)

    return plain(yaml.load(text), ""), positions


def test_every_bundled_file_reads_as_before() -> None:
    assert len(BUNDLED) > 30
    compared = 0
    for path in BUNDLED:
        try:
            text = path.read_text(encoding="utf-8-sig")
            expected = ruamel_reading(text)
        except Exception:
            continue
        if expected[0] is None:
            continue
        data, positions = parse_yaml(text, str(path))
        assert repr(data) == repr(expected[0]), path  # repr: NaN equals itself there
        assert positions == expected[1], path
        compared += 1
    assert compared > 30


def test_scalars_follow_yaml_1_2_as_before() -> None:
    text = "a: [1, 0x1F, 0o17, 1_000, 017, -.5, .inf, 1e3, yes, no, on, ~, Null, '1', 2024-02-30, !!str 5, true]\n"
    data, _ = parse_yaml(text, "x")
    assert data["a"] == [1, 31, 15, 1000, 17, -0.5, float("inf"), 1000.0, "yes", "no", "on", None, None, "1",
                         "2024-02-30", "5", True]
    assert data == ruamel_reading(text)[0]


def test_an_alias_is_located_where_it_is_used_and_its_content_where_it_was_written() -> None:
    data, positions = parse_yaml("a: &x {p: 1, q: [1, 2]}\nc: [*x, *x]\n", "x")
    assert data["c"] == [{"p": 1, "q": [1, 2]}] * 2
    assert positions["/c/1"] == "2:9" and positions["/c/1/q/1"] == "1:21"


def test_merge_keys_give_way_to_the_mapping_own_keys() -> None:
    data, positions = parse_yaml("base: &b {p: 1, q: 2}\nm:\n  <<: *b\n  q: 3\n", "x")
    assert data["m"] == {"p": 1, "q": 3}
    assert positions["/m/p"] == "3:3" and positions["/m/q"] == "4:3"


@pytest.mark.parametrize(("text", "code", "location"), [
    ("a: 1\nb: 2\na: 3\n", "input.duplicate-key", "x:3:1"),
    ("'1': a\n1: b\n", "input.duplicate-key", "x:2:1"),
    ("a: &r [*r]\n", "input.yaml-syntax", "x:1:8"),
    ("a: b\n---\nc: d\n", "input.yaml-syntax", "x:2:1"),
    ("a: !!python/object:os.system {}\n", "input.yaml-syntax", "x:1:4"),
    ("a: !!binary aGVsbG8=\n", "input.yaml-syntax", "x:1:4"),
    ("? [a]\n: b\n", "input.yaml-syntax", "x:1:3"),
    ("a: !!int x\n", "input.yaml-syntax", "x:1:4"),
])
def test_what_a_program_cannot_hold_is_refused_where_it_is(text: str, code: str, location: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_yaml(text, "x")
    assert (caught.value.code, caught.value.location) == (code, location)


@pytest.mark.parametrize("opening", ["[", "{a: ", "- "])
def test_a_million_levels_are_refused_before_they_are_built(opening: str) -> None:
    # The C composer would recurse once per level (and crash the process); the reader stops at the depth limit.
    text = "a: " + opening * 1_000_000 + "x"
    with pytest.raises(InputError) as caught:
        parse_yaml(text, "deep")
    assert caught.value.code in {"input.too-deep", "input.yaml-syntax"}


def test_an_alias_bomb_stops_at_the_node_limit_without_expanding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEDP_MAX_NODES", "100000")
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 12):  # 10**12 values once expanded
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    with pytest.raises(InputError) as caught:
        parse_yaml("\n".join(lines), "bomb")
    assert caught.value.code == "input.too-many-values"


def test_an_aliased_subtree_counts_towards_the_depth_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEDP_MAX_DEPTH", "10")
    deep = "[" * 8 + "]" * 8
    parse_yaml(f"a: &d {deep}\n", "x")
    with pytest.raises(InputError) as caught:
        parse_yaml(f"a: &d {deep}\nb: [[[[*d]]]]\n", "x")
    assert caught.value.code == "input.too-deep"
