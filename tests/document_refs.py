"""The rendered sample documents and their committed references (tests/documents/): shared by the test suite and
scripts/update_document_references.py, which rewrites the references.

- `tests/documents/expected.yaml`: the page count each sample document may have, `[min, max]`, by file stem.
- `tests/documents/reference/<stem>.page<N>.png`: page N of that document as LibreOffice and poppler draw it at
  `DPI`; the test compares a fresh drawing with it (`visible_difference`).
"""

from __future__ import annotations

import math
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = Path(__file__).parent / "documents"
EXPECTED = DOCUMENTS / "expected.yaml"
REFERENCE = DOCUMENTS / "reference"
EXAMPLES = sorted(p for p in (ROOT / "examples").rglob("*") if p.suffix in {".yaml", ".yml", ".json"})
"""Every bundled sample program."""

DPI = 40
"""Resolution of the reference images: enough to see layout (a line moved by 1.3 mm), small files."""
BLUR = 2.0
"""Both images are blurred this much (pixels) first, so antialiasing and sub-pixel shifts do not count."""
LEVELS = 32
"""A pixel differs visibly when the blurred images differ by more than this many grey levels (of 255)."""
TOLERANCE = 2.0
"""How much of what is drawn on the page may differ visibly, in percent. Measured on the title pages: a shift of
one pixel (0.6 mm) changes 0-0.3 %, another municipality's name 8-10 %, a lost line of the title block 10-25 %,
the whole page two pixels (1.3 mm) lower 22 %; a lost one-word mark (a small "draft") only about 1 %: the
comparison is for layout, the text checks are for words."""


@dataclass(frozen=True)
class RenderedDocument:
    path: Path
    methodology: Any
    document: Any
    language: str


def render_examples(out: Path, examples: list[Path] = EXAMPLES) -> list[RenderedDocument]:
    """Render every document of every sample program, in each of its languages, into `out`."""
    from sedp_core.rendering.render import planned_documents, render_document
    from sedp_core.validation.validate import validate_file

    done = []
    for example in examples:
        result = validate_file(example)
        assert result.program is not None, result.report.to_json()
        for job in planned_documents(result.program, result.methodology):
            path = render_document(result.program, result.methodology, job.document, job.language, out,
                                   item=job.item, item_no=job.item_no)
            done.append(RenderedDocument(path, result.methodology, job.document, job.language))
    return done


def poppler(tool: str) -> str | None:
    return shutil.which(tool)


def page_count(pdf: Path) -> int:
    info = subprocess.run([poppler("pdfinfo") or "pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return next(int(line.split()[-1]) for line in info.stdout.splitlines() if line.startswith("Pages:"))


def page_image(pdf: Path, page: int, png: Path) -> Path:
    """Draw one page of the PDF as a PNG at `DPI` (poppler's pdftoppm)."""
    png.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([poppler("pdftoppm") or "pdftoppm", "-png", "-r", str(DPI), "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(png.with_suffix(""))], check=True, capture_output=True)
    return png


def visible_difference(a: Any, b: Any) -> float:
    """How much of what is drawn on either page differs visibly between two images (paths or PIL images), in
    percent of the drawn area; 100 when the sizes differ (another page size or orientation)."""
    from PIL import Image, ImageChops, ImageFilter

    first, second = (Image.open(x) if isinstance(x, str | Path) else x for x in (a, b))
    if first.size != second.size:
        return 100.0
    first, second = (im.convert("L").filter(ImageFilter.GaussianBlur(BLUR)) for im in (first, second))
    changed = ImageChops.difference(first, second).histogram()[LEVELS + 1:]
    drawn = ImageChops.darker(first, second).histogram()[:255 - LEVELS]
    return 100 * sum(changed) / max(sum(drawn), 1)


def page_bounds(pages: int) -> list[int]:
    """The page counts accepted around today's: 30 % either way, and one page more for short documents."""
    return [max(1, math.floor(pages * 0.7)), math.ceil(pages * 1.3) + 1]


def load_expected() -> dict[str, list[int]]:
    from ruamel.yaml import YAML

    if not EXPECTED.is_file():
        return {}
    data = YAML(typ="safe").load(EXPECTED.read_text(encoding="utf-8")) or {}
    return {str(k): [int(v[0]), int(v[1])] for k, v in (data.get("pages") or {}).items()}


def write_expected(bounds: dict[str, list[int]]) -> None:
    lines = [
        "# Page counts each rendered sample document may have (LibreOffice PDF), [min, max], by file name without",
        "# extension. Written by scripts/update_document_references.py, 30 % either side of the count then (one",
        "# page more for short documents), so added content (charts, longer samples) does not trip them; a count",
        "# outside shows a layout fault such as a table that no longer fits its page. A document without an entry",
        "# is not checked (the test says which).",
        "pages:",
        *(f"  {stem}: [{lo}, {hi}]" for stem, (lo, hi) in sorted(bounds.items())),
    ]
    EXPECTED.parent.mkdir(parents=True, exist_ok=True)
    EXPECTED.write_text("\n".join(lines) + "\n", encoding="utf-8")


def reference_images() -> list[tuple[str, int, Path]]:
    """(document stem, page, reference PNG) of every committed reference image."""
    out = []
    for png in sorted(REFERENCE.glob("*.png")):
        stem, _, page = png.stem.rpartition(".page")
        if stem and page.isdigit():
            out.append((stem, int(page), png))
    return out


def reference_path(stem: str, page: int = 1) -> Path:
    return REFERENCE / f"{stem}.page{page}.png"
