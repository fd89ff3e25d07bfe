"""Reading a plugin's own YAML data files (labels, codelists, catalogs, rules) quickly.

Every `sedp` command builds the registry, which reads the installed plugins' data files; with the pure-Python
parser that took most of a command's start-up. These files are trusted package data that need no line numbers
(those matter for a user's program, which `yaml_reader.py` reads), so they are parsed by libyaml through
PyYAML when it is there, with YAML 1.2's plain scalars as ruamel reads them: only `true`/`false` are booleans
(a key `no:` stays a string), no octal `0755` or sexagesimal `1:20` numbers. Without libyaml, ruamel reads them.
A test checks that both parsers give the same data for every bundled data file.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

__all__ = ["load_data_yaml", "read_data_yaml"]

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), as ruamel's safe loader applies it.
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
                    r"|\.(?:nan|NaN|NAN))$")


@functools.cache
def _fast_loader() -> type | None:
    """A libyaml SafeLoader with YAML 1.2 booleans and numbers, or None without libyaml."""
    try:
        import yaml
        from yaml import CSafeLoader
    except ImportError:
        return None

    class Loader(CSafeLoader):  # type: ignore[misc,valid-type]
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers
                if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
        for first, resolvers in CSafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))
    Loader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
    Loader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+.0123456789"))

    def construct_int(loader: Any, node: Any) -> int:
        text = loader.construct_scalar(node)
        return int(text, 0) if text[:2] in ("0o", "0x") else int(text)

    Loader.add_constructor("tag:yaml.org,2002:int", construct_int)
    del yaml
    return Loader


def load_data_yaml(text: str) -> Any:
    """Parse trusted YAML data text (see the module's docstring)."""
    loader = _fast_loader()
    if loader is None:
        from ruamel.yaml import YAML

        return YAML(typ="safe").load(text)
    import yaml

    return yaml.load(text, Loader=loader)  # a SafeLoader subclass


def read_data_yaml(path: Path) -> Any:
    """Parse one of a plugin's own YAML data files."""
    return load_data_yaml(path.read_text(encoding="utf-8"))
