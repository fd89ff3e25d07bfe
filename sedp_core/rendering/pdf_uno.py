"""Runs under LibreOffice's Python (the system python3 with the `uno` module), never imported by sedp itself.

Usage: python3 pdf_uno.py PIPE_NAME OUT_DIR FILE.docx...   (or "-" instead of the files: one path per line on stdin)

Connects to a headless LibreOffice listening on PIPE_NAME, and for each document: opens it hidden, updates every
index (the table of contents) and field (page X of Y), and exports OUT_DIR/<name>.pdf. Prints one line per file:
"ok <pdf path>" or "error <docx path>: <reason>".
"""

import contextlib
import os
import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def prop(name, value):  # type: ignore[no-untyped-def]
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe):  # type: ignore[no-untyped-def]
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 60
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:
            if time.time() > deadline:
                raise
            time.sleep(0.2)


def convert(desktop, path, out_dir):  # type: ignore[no-untyped-def]
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True), prop("ReadOnly", True)))
    try:
        indexes = doc.getDocumentIndexes()
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        doc.getTextFields().refresh()
        # A second pass: the contents' own length may have moved the headings to other pages.
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        name = os.path.splitext(os.path.basename(path))[0] + ".pdf"
        target = os.path.join(out_dir, name)
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), (prop("FilterName", "writer_pdf_Export"),))
        return target
    finally:
        doc.close(True)


def main():  # type: ignore[no-untyped-def]
    pipe, out_dir, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    desktop = connect(pipe)
    if files == ["-"]:  # sedp's converter sends documents as they are rendered
        files = (line.rstrip("\n") for line in sys.stdin)
    for path in files:
        try:
            print("ok " + convert(desktop, path, out_dir), flush=True)
        except Exception as exc:  # one bad document must not stop the others
            print(f"error {path}: {exc}", flush=True)
    with contextlib.suppress(Exception):  # LibreOffice may already be closing
        desktop.terminate()


if __name__ == "__main__":
    main()
