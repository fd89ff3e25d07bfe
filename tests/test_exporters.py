"""Exporters declare the methodologies they serve; `sedp export` refuses the others in one line, and no exporter
ends in a traceback on a valid program (issue 19 point 9)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sedp_core.hookspecs import hookimpl
from sedp_core.registry.collect import get_registry
from sedp_core.registry.manager import get_plugin_manager
from tests.conftest import run_cli

SAMPLES = ["kg.aa", "mn.onhs", "mn.bag-program"]


@pytest.mark.parametrize("methodology_id", SAMPLES)
def test_every_exporter_on_every_bundled_sample_writes_or_refuses_in_one_line(methodology_id: str,
                                                                             tmp_path: Path) -> None:
    registry = get_registry()
    sample = registry.methodology(methodology_id).sample
    for name, exporter in registry.exporters.items():
        out = tmp_path / name / ("out" if name == "opendata" else f"out.{name}")
        out.parent.mkdir()
        code, output = run_cli("export", str(sample), "--format", name, "--out", str(out))
        assert "Traceback" not in output, output
        if exporter.applies_to(methodology_id):
            assert code == 0, (name, output)
        else:
            assert code == 2, (name, output)
            [line] = set(output.strip().splitlines())  # run_cli gives stderr twice (mixed in, and on its own)
            assert line.startswith(f"error [export.not-for-methodology]: format {name!r} is for ")
            assert f"follows {methodology_id}" in line and "json" in line
            assert not out.exists()


def test_pabulib_serves_the_fund_procedure_only() -> None:
    assert get_registry().exporters["pabulib"].methodologies == ("mn.onhs",)
    assert get_registry().exporters["json"].methodologies is None


def test_an_exporter_that_crashes_is_one_line_naming_its_plugin(demo_plugin: Any, demo_sample: Path,
                                                               tmp_path: Path) -> None:
    class Broken:
        @hookimpl
        def sedp_register_exporters(self, register: Any) -> None:
            def crash(program: Any, methodology: Any, out: Path) -> list[Path]:
                raise ZeroDivisionError("division by zero")

            register("broken", crash, "Always fails", methodologies="demo")  # one id without a tuple

    get_plugin_manager().register(Broken(), name="broken")
    assert get_registry().exporters["broken"].methodologies == ("demo",)
    code, output = run_cli("export", str(demo_sample), "--format", "broken", "--out", str(tmp_path / "x"))
    assert code == 2 and "Traceback" not in output
    expected = (f"error [plugin.export-failed]: exporter 'broken' of plugin 'broken' failed on {demo_sample}: "
                "ZeroDivisionError: division by zero")
    assert set(output.strip().splitlines()) == {expected}
