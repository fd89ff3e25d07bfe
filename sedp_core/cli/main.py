"""`main()`, the `sedp` console script: the root group with every command group attached."""

from __future__ import annotations

import sys

from sedp_core.cli import (
    compare,  # noqa: F401  (its command attaches to the root group)
    plugins,  # noqa: F401  (its commands attach to the root group)
    program,  # noqa: F401  (its commands attach to the root group)
    render,  # noqa: F401  (its commands attach to the root group)
    schema,  # noqa: F401  (its commands attach to the root group)
    serve,  # noqa: F401  (its commands attach to the root group)
    summary,  # noqa: F401  (its commands attach to the root group)
)
from sedp_core.cli.common import err, error_line
from sedp_core.cli.exchange import excel, export, survey
from sedp_core.cli.group import cli
from sedp_core.errors import SedpError
from sedp_core.i18n import pick_language

cli.add_command(excel)


cli.add_command(survey)


cli.add_command(export)


def main() -> None:
    try:
        cli.main(prog_name="sedp")
    except SedpError as exc:  # raised while loading plugins, outside any command
        err(error_line(exc, pick_language(None)))
        sys.exit(exc.exit_code)
