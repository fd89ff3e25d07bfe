"""Plugin data files are read by libyaml but must give exactly what ruamel (YAML 1.2) gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from sedp_core.input import datafiles
from sedp_core.input.datafiles import load_data_yaml
from tests.conftest import EXAMPLES, ROOT

DATA_FILES = sorted((ROOT / "plugins").glob("*/data/**/*.yaml"))


def _ruamel(text: str) -> object:
    return YAML(typ="safe").load(text)


def test_there_are_data_files_to_compare() -> None:
    assert len(DATA_FILES) >= 15 and datafiles._fast_loader() is not None


@pytest.mark.parametrize("path", [*DATA_FILES, *EXAMPLES], ids=lambda p: p.relative_to(ROOT).as_posix())
def test_bundled_yaml_reads_the_same_with_both_parsers(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert load_data_yaml(text) == _ruamel(text)


@pytest.mark.parametrize("text", [
    "no: No\nyes: y\non: off\n",          # YAML 1.1 booleans: strings in 1.2
    "mode: 0755\ntime: 1:20\n",            # 1.1 octal and sexagesimal: a number and a string in 1.2
    "a: 0o17\nb: 0x1F\nc: -12\nd: +3\n",
    "a: .5\nb: 1e3\nc: -.inf\nd: 2.\n",
    "a: true\nb: False\nc: ~\nd: null\n",
    "when: 2025-03-05\nyear: 2018\nversion: '2018'\n",
])
def test_yaml_1_1_traps_read_as_yaml_1_2(text: str) -> None:
    assert load_data_yaml(text) == _ruamel(text)


def test_without_libyaml_ruamel_reads_the_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datafiles, "_fast_loader", lambda: None)
    assert load_data_yaml("no: 0755\n") == {"no": 755}
