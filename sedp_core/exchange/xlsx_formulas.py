"""Finding formula cells that a workbook stores without their value.

Workbooks are read with openpyxl's `data_only=True`, which gives the value a spreadsheet saved with each formula.
A workbook written by a program that does not calculate (a script, some exporters) stores the formula alone, and
openpyxl then reads the cell as empty: a cost of `=B2*3` would silently become "no cost". Such cells are found
here, straight from the sheets' XML, so that the reader can refuse them by name.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path

__all__ = ["uncached_formulas"]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """Member name of each worksheet → its title, from the workbook and its relationships."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    workbook = etree.fromstring(archive.read("xl/workbook.xml"), parser)
    try:
        rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), parser)
    except KeyError:
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{{{_PACKAGE_REL}}}Relationship")}
    titles = {}
    for sheet in workbook.iter(f"{{{_MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{_REL}}}id"), "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        titles[member] = sheet.get("name", member)
    return titles


def uncached_formulas(path: Path, limit: int = 20) -> list[str]:
    """`Sheet!A1` of each formula cell with no saved value, at most `limit` of them. The workbook must have passed
    `check_workbook_file` (its size and expansion are checked there)."""
    from lxml import etree

    found: list[str] = []
    with zipfile.ZipFile(path) as archive:
        titles = _sheet_titles(archive)
        for member, title in titles.items():
            try:
                data = archive.read(member)
            except KeyError:
                continue
            if not _FORMULA.search(data):  # most workbooks have no formula: skip the parse
                continue
            for _, cell in etree.iterparse(io.BytesIO(data), tag=f"{{{_MAIN}}}c",
                                           resolve_entities=False, no_network=True):
                value = cell.find(f"{{{_MAIN}}}v")
                # An empty <v/> is a saved empty text only in a text cell (t="str"); openpyxl writes it empty for
                # every formula it cannot calculate.
                missing = value is None or (not value.text and cell.get("t") != "str")
                if cell.find(f"{{{_MAIN}}}f") is not None and missing:
                    found.append(f"{title}!{cell.get('r', '?')}")
                    if len(found) >= limit:
                        return found
                cell.clear()
    return found
