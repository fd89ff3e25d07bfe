"""`sedp serve`: uvicorn started in process, and what it says about who can reach the page."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner

from sedp_core.cli.group import cli


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> dict[str, Any]:
    import uvicorn

    seen: dict[str, Any] = {}

    def run(app: Any, **options: Any) -> None:
        seen.update(options, app=app)

    monkeypatch.setattr(uvicorn, "run", run)
    monkeypatch.setenv("LANGUAGE", "en")
    monkeypatch.setenv("SEDP_WEB_WORKSPACES", str(tmp_path))  # no temporary folder left behind by the app
    return seen


def test_serve_binds_to_this_computer_by_default(started: dict[str, Any]) -> None:
    result = CliRunner().invoke(cli, ["serve", "--ttl", "600", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert started["host"] == "127.0.0.1" and started["port"] == 8000
    assert "http://127.0.0.1:8000/" in result.output and "Only this computer can open it" in result.output
    assert "Warning" not in result.output
    pages = started["app"].state.pages
    assert pages.settings.ttl_seconds == 600 and pages.settings.workers == 1


def test_serve_on_the_network_warns(started: dict[str, Any]) -> None:
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--port", "8080"])
    assert result.exit_code == 0
    assert started["host"] == "0.0.0.0" and started["port"] == 8080
    assert "Warning: every computer that can reach this one" in result.output


def test_serve_speaks_the_users_language(started: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "ky")
    result = CliRunner().invoke(cli, ["serve"])
    assert "sedp веб-баракчасы: http://127.0.0.1:8000/" in result.output
