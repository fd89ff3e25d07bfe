#!/usr/bin/env python3
"""Rewrite the references the document tests compare with (tests/documents/, see docs/documents.md).

    .venv/bin/python scripts/update_document_references.py            add page bounds for new sample documents
    .venv/bin/python scripts/update_document_references.py --pages    recompute every document's page bounds
    .venv/bin/python scripts/update_document_references.py --images   redraw every reference image
    .venv/bin/python scripts/update_document_references.py --add-image STEM [--page N]
                                                                       a reference image for one more document

Renders every sample under examples/ and converts it to PDF with LibreOffice, as the tests do. Look at the
images it writes (and `git diff --stat tests/documents/`) before committing them.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["SEDP_LOAD_PLUGINS"] = "mongolia_onhs,kyrgyz_aa"  # as the tests: the bundled plugins only
os.environ.pop("SEDP_DISABLE_PLUGINS", None)

from sedp_core.rendering.pdf import convert_to_pdf  # noqa: E402
from tests.document_refs import (  # noqa: E402
    load_expected,
    page_bounds,
    page_count,
    page_image,
    reference_images,
    reference_path,
    render_examples,
    write_expected,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", action="store_true", help="recompute the page bounds of every document")
    parser.add_argument("--images", action="store_true", help="redraw every existing reference image")
    parser.add_argument("--add-image", metavar="STEM", action="append", default=[],
                        help="draw a reference image for this rendered document (file name without extension)")
    parser.add_argument("--page", type=int, default=1, help="the page --add-image draws (default: 1)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="sedp-refs-") as tmp:
        docs = render_examples(Path(tmp) / "docx")
        pdfs = {p.stem: p for p in convert_to_pdf([d.path for d in docs], Path(tmp) / "pdf")}

        old = load_expected()
        bounds = {stem: (page_bounds(page_count(pdf)) if args.pages or stem not in old else old[stem])
                  for stem, pdf in pdfs.items()}
        for stem in sorted(set(bounds) - set(old)):
            print(f"page bounds added: {stem} {bounds[stem]}")
        for stem in sorted(set(old) - set(bounds)):
            print(f"page bounds dropped (no sample renders it): {stem}")
        for stem in sorted(set(old) & set(bounds)):
            if old[stem] != bounds[stem]:
                print(f"page bounds changed: {stem} {old[stem]} -> {bounds[stem]}")
        write_expected(bounds)

        wanted = [(stem, page) for stem, page, _ in reference_images()] if args.images else []
        wanted += [(stem, args.page) for stem in args.add_image]
        for stem, page in wanted:
            if stem not in pdfs:
                sys.exit(f"no sample renders {stem}: one of {', '.join(sorted(pdfs))}")
            print(f"reference image written: {page_image(pdfs[stem], page, reference_path(stem, page))}")


if __name__ == "__main__":
    main()
