"""Whether this tree renders the two example programs' documents byte for byte as before.

Usage: .venv/bin/python bench/same_output.py record FILE [TREE]  (write each document's part digests to FILE)
       .venv/bin/python bench/same_output.py compare FILE  (render again, compare with FILE; exit 1 on a difference)

TREE: a checkout of the commit before the change (`git worktree add --detach DIR COMMIT`), rendered with its own
core and plugins and its own examples (by default this tree).

Every document of every example program (every language, DOCX only) is rendered in one process and the SHA-256 of
each part of each docx (word/document.xml, headers, media...) is recorded. A performance change must leave every
digest as it was: run `record` on the commit before the change and `compare` after it.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def digests(tree: Path = ROOT) -> dict[str, dict[str, str]]:
    if tree != ROOT:
        import importlib.util

        # the editable install maps the plugins to this checkout whatever sys.path says: charts.py's finder
        # imports them from `tree` (and its core comes first on sys.path)
        sys.path.insert(0, str(tree))
        spec = importlib.util.spec_from_file_location("bench_charts", ROOT / "bench" / "charts.py")
        assert spec is not None and spec.loader is not None
        charts = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(charts)
        charts._own_plugins(tree)
    from sedp_core.cli.render import render_program_file

    found: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for path in sorted((tree / "examples").glob("*/*.yaml")):
            outcome = render_program_file(path, Path(folder) / path.stem, (), ())
            if outcome.failures:
                raise SystemExit(f"{path}: {outcome.reasons}")
            for written in outcome.written:
                with zipfile.ZipFile(written) as docx:
                    found[f"{path.stem}/{Path(written).name}"] = {
                        name: hashlib.sha256(docx.read(name)).hexdigest() for name in docx.namelist()}
    return found


def main() -> None:
    if len(sys.argv) not in (3, 4) or sys.argv[1] not in ("record", "compare") or (
            len(sys.argv) == 4 and sys.argv[1] != "record"):
        raise SystemExit(__doc__)
    mode, file = sys.argv[1], Path(sys.argv[2])
    now = digests(Path(sys.argv[3]).resolve() if len(sys.argv) == 4 else ROOT)
    if mode == "record":
        file.write_text(json.dumps(now, indent=1, sort_keys=True), encoding="utf-8")
        print(f"{len(now)} documents recorded")
        return
    before = json.loads(file.read_text(encoding="utf-8"))
    differ = [f"{doc}: {part}" for doc in sorted(set(before) | set(now))
              for part in sorted(set(before.get(doc, {})) | set(now.get(doc, {})))
              if before.get(doc, {}).get(part) != now.get(doc, {}).get(part)]
    print("\n".join(differ) or f"{len(now)} documents, every part identical")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
