"""Writes a new plugin package from the files in `files/`, filling in its names, languages and sample data."""

from __future__ import annotations

import re
import runpy
from importlib.resources import files
from pathlib import Path

from ruamel.yaml import YAML

from .. import __version__
from ..errors import InputError

__all__ = ["generate_plugin"]

# Document wording the generated template uses; other languages start as copies marked for translation.
LABELS_EN = {
    "vision": "Vision", "settlements": "Settlements", "name": "Name", "population": "Population",
    "goals": "Goals, objectives and tasks", "goal": "Goal", "objective": "Objective", "task": "Task",
    "activities": "Activities", "activity": "Activity", "years": "Years", "cost": "Cost", "total": "Total",
    "page": "Page", "of": "of",
}


def _core_range() -> str:
    major, minor = (int(p) for p in __version__.split(".")[:2])
    return f">={major}.{minor},<{major}.{minor + 1}" if major == 0 else f">={major}.{minor},<{major + 1}"


def _text(value: str, languages: list[str]) -> dict[str, str]:
    return {lang: value if lang == "en" else f"{value} [{lang}: to translate]" for lang in languages}


def _sample(mid: str, languages: list[str], country: str) -> dict:
    def t(en: str) -> dict[str, str] | str:
        return _text(en, languages) if len(languages) > 1 else en

    return {
        "id": "sample-town",
        "title": t("Sample Town development program 2026-2028"),
        "methodology": {"id": mid},
        "languages": languages,
        "municipality": {"name": t("Sample Town"), "kind": "municipality", "population": 8200, "households": 2100},
        "period": {"start_year": 2026, "end_year": 2028},
        "settlements": [{"id": "S1", "name": t("North village"), "population": 5200},
                        {"id": "S2", "name": t("South village"), "population": 3000}],
        "vision": t("A clean, prosperous town where every village has safe water."),
        "goals": [{"id": "G1", "title": t("Safe water for every household"),
                   "alignment": [{"catalog": f"{mid}.national", "code": "N1"}],
                   "objectives": [{"id": "G1.1", "title": t("Extend the water network"),
                                   "tasks": [{"id": "T1", "title": t("Build the South village pipeline"),
                                              "indicators": [{"code": "IND1", "name": t("Households connected"),
                                                              "unit": t("households"),
                                                              "baseline": {"value": 900, "year": 2025},
                                                              "targets": [{"year": 2028, "value": 2100}]}]}]}]}],
        "activities": [{"id": "A1", "title": t("South village pipeline, 4 km"), "task": "T1",
                        "cost": {"amount": 120000, "currency": "USD"}, "schedule": [2026, 2027],
                        "financing": [{"source": "LB", "year": 2026, "amount": 60000},
                                      {"source": "LB", "year": 2027, "amount": 60000}]}],
        "financing": {"currency": "USD", "sources": [
            {"id": "LB", "kind": "local_budget", "name": t("Local budget"),
             "amounts": [{"year": 2026, "amount": 60000}, {"year": 2027, "amount": 60000}]}]},
        "_country": country,
    }


def generate_plugin(name: str, country: str, languages: list[str], out_dir: Path, *,
                    methodology_id: str | None = None, documentation: str = "https://example.org/docs") -> Path:
    """Create the plugin package `sedp-<name>` in `out_dir` and build its Word template; return its folder."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise InputError(f"plugin name {name!r}: use lower-case letters, digits and '_' (e.g. tz_village)",
                         code="input.bad-name")
    if not re.fullmatch(r"[A-Za-z]{2}", country):
        raise InputError(f"country {country!r}: give the ISO 3166-1 two-letter code (e.g. TZ)", code="input.bad-name")
    languages = list(dict.fromkeys(languages or ["en"]))
    if "en" not in languages:
        languages.append("en")  # English wording is kept for donors and as the reference for translators
    country = country.upper()
    mid = methodology_id or f"{country.lower()}.{name}"
    package = f"sedp_{name}"
    target = out_dir / f"sedp-{name.replace('_', '-')}"
    if target.exists():
        raise InputError(f"{target} already exists", code="input.exists")
    title_en = f"{country} {name.replace('_', ' ')} development program"
    tokens = {
        "__DIST__": f"sedp-{name.replace('_', '-')}", "__PKG__": package, "__NAME__": name, "__MID__": mid,
        "__COUNTRY__": country, "__LANGS__": repr(tuple(languages)), "__LANGS_TEXT__": ", ".join(languages),
        "__CLASS__": "".join(p.capitalize() for p in name.split("_")) + "Program", "__TITLE_EN__": title_en,
        "__CORE_RANGE__": _core_range(), "__CORE_DEP__": _core_range(), "__DOCS__": documentation,
    }
    source = Path(str(files("sedp_core.scaffold") / "files"))
    for template in sorted(source.rglob("*.tmpl")):
        rel = template.relative_to(source).with_suffix("")
        rel = Path(str(rel).replace("pkg", f"src/{package}", 1)) if rel.parts[0] == "pkg" else rel
        text = template.read_text(encoding="utf-8")
        for token, value in tokens.items():
            text = text.replace(token, value)
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_text(text, encoding="utf-8")
    data = target / "src" / package / "data"
    data.mkdir(parents=True, exist_ok=True)
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.dump({key: _text(value, languages) for key, value in LABELS_EN.items()}, data / "labels.yaml")
    yaml.dump({f"{name}.unit_kind": {"municipality": _text("Municipality", languages),
                                     "village": _text("Village", languages)}}, data / "codelists.yaml")
    yaml.dump({"id": f"{mid}.national", "version": "1", "title": _text("National development strategy", languages),
               "source": "to confirm: the official text of the national strategy",
               "entries": [{"code": "N1", "title": _text("Basic services", languages), "level": "goal",
                            "status": "to confirm"},
                           {"code": "N2", "title": _text("Economic growth", languages), "level": "goal",
                            "status": "to confirm"}]}, data / "catalog.yaml")
    sample = _sample(mid, languages, country)
    sample.pop("_country")
    with (data / "sample.yaml").open("w", encoding="utf-8") as fh:
        fh.write(f"# A sample program under {mid}: copy it with `sedp init {mid} FILE` and replace every value.\n")
        yaml.dump(sample, fh)
    (target / "src" / package / "templates").mkdir(parents=True, exist_ok=True)
    runpy.run_path(str(target / "build_templates.py"), run_name="__main__")
    return target
