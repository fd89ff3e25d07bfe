"""`sedp plugin new`: generate a standalone, pip-installable country plugin that passes its own tests."""

from sedp_core.authoring.scaffold.generate import generate_plugin

__all__ = ["generate_plugin"]
