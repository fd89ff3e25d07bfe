"""The version of sedp core (pyproject.toml has the same); a plugin's SEDP_PLUGIN_INFO.core
range is checked against it.
"""

__version__ = "0.1.0"
