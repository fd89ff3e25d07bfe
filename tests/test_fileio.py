"""An interrupted write (exception or Ctrl-C) leaves neither a partial file nor a temporary file behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sedp_core.errors import OutputError
from sedp_core.rendering.fileio import write_atomic


@pytest.mark.parametrize(("interruption", "raised"), [(KeyboardInterrupt, KeyboardInterrupt), (OSError, OutputError)])
def test_interrupted_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          interruption: type[BaseException], raised: type[BaseException]) -> None:
    target = tmp_path / "program.docx"

    def fail(*args: object) -> None:
        raise interruption()

    monkeypatch.setattr(os, "fsync", fail)  # the interrupt arrives after some bytes were written
    with pytest.raises(raised):  # an OSError (a full disk) becomes one message naming the file
        write_atomic(target, b"x" * 100_000)
    assert list(tmp_path.iterdir()) == []


def test_interrupted_write_keeps_the_previous_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "program.docx"
    write_atomic(target, b"version 1")
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"version 2")
    assert target.read_bytes() == b"version 1"
    assert [p.name for p in tmp_path.iterdir()] == ["program.docx"]


def test_render_interrupted_by_ctrl_c_writes_nothing(
    demo_plugin: object, demo_sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sedp_core.rendering import render as render_module
    from sedp_core.validation.validate import validate_file

    result = validate_file(demo_sample)
    assert result.program is not None

    def interrupted(*args: object, **kwargs: object) -> bytes:
        raise KeyboardInterrupt()

    monkeypatch.setattr(render_module, "deterministic_zip", interrupted)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        render_module.render_document(result.program, result.methodology, result.methodology.documents[0], "en", out)
    assert not out.exists() or list(out.iterdir()) == []
