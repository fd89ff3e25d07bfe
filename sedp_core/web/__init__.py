"""Stage: the web application, `sedp serve` — upload a program, see what is wrong, download the documents.

`create_app(settings)` gives the Starlette application (docs/web.md); the work itself is the other stages', run
in worker processes. Nothing in the core imports this package but the command line.
"""

from sedp_core.web.app import create_app
from sedp_core.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
