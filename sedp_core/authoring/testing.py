"""Helpers for plugin authors' tests: what the core guarantees, checked on your plugin.

```python
from sedp_core.authoring.testing import assert_no_codelist_clashes, draft_marked_texts

def test_my_plugin_changes_no_other_plugins_titles():
    assert_no_codelist_clashes("my_plugin")

def test_unconfirmed_wording_is_marked_in_a_draft():
    data = render_to_bytes(draft_program, methodology, document, "ru")
    assert "Формулировка" in draft_marked_texts(data)
```
"""

from __future__ import annotations

import io
import zipfile

from sedp_core.registry.collect import CodelistClash, Registry, get_registry

__all__ = ["assert_no_codelist_clashes", "codelist_clashes", "draft_marked_texts"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def codelist_clashes(plugin: str | None = None, registry: Registry | None = None) -> list[CodelistClash]:
    """Code titles that two plugins registered differently (those involving `plugin`, when given)."""
    clashes = (registry or get_registry()).codelist_clashes()
    return [c for c in clashes if plugin is None or any(p == plugin for p, _ in c.titles)]


def assert_no_codelist_clashes(plugin: str | None = None, registry: Registry | None = None) -> None:
    """Fail when `plugin` (or any plugin) gives a code of a shared codelist a title another plugin gives
    differently. Each methodology prints its own plugin's titles whatever the others say, so a clash changes no
    document; it still means two plugins disagree on an official name, which a reviewer should settle."""
    clashes = codelist_clashes(plugin, registry)
    assert not clashes, "codelist titles clash:\n" + "\n".join(str(c) for c in clashes)


def draft_marked_texts(docx: bytes) -> list[str]:
    """The texts a rendered document prints with the draft mark (values not yet confirmed), in order; runs
    next to each other are joined."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        parts = [n for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")]
        roots = [etree.fromstring(z.read(n)) for n in sorted(parts)]
    found: list[str] = []
    for root in roots:
        previous = None
        for run in root.iter(f"{_W}r"):
            marked = run.find(f"{_W}rPr/{_W}highlight") is not None
            text = "".join(t.text or "" for t in run.iter(f"{_W}t"))
            if marked and text:
                if previous is not None and run.getprevious() is previous:
                    found[-1] += text
                else:
                    found.append(text)
                previous = run
            else:
                previous = None
    return found
