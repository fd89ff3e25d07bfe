"""The `sedp` command line, one module per command group, their shared helpers in `common`.

Heavy libraries (docxtpl, pydantic models, babel) load only inside commands. `sedp_core.cli:main`
is the console script.
"""

from sedp_core.cli.main import cli, main

__all__ = ["cli", "main"]
