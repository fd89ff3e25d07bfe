"""Writes a new plugin package from the files in `files/`, filling in its names, languages and sample data."""

from __future__ import annotations

import json
import re
import runpy
from importlib.resources import files
from pathlib import Path

from ruamel.yaml import YAML

from sedp_core._version import __version__
from sedp_core.errors import InputError

__all__ = ["generate_plugin"]

# Document wording the generated template uses; other languages start as copies marked for translation.
LABELS_EN = {
    "vision": "Vision", "settlements": "Settlements", "name": "Name", "population": "Population",
    "goals": "Goals, objectives and tasks", "goal": "Goal", "objective": "Objective", "task": "Task",
    "activities": "Activities", "activity": "Activity", "years": "Years", "cost": "Cost", "total": "Total",
    "page": "Page", "of": "of", "share": "Share", "financing": "Financing by year", "source": "Source",
    "sheet_title": "Settlement sheet",
    # Sentences: {placeholders} are filled by context.py; every language must keep the same ones.
    "settlements_line": "{count} settlements with {population} residents.",
    "share_line": "{share} of the municipality's population",
}

# Finding messages in the other languages, with the params of the finding (English comes from rules.py).
MESSAGES_EN = {
    "no-settlements": "no settlement is listed",
    "population-sum": "the settlements' populations add up to {summed}, more than the municipality's {total}",
}


def _core_range() -> str:
    major, minor = (int(p) for p in __version__.split(".")[:2])
    return f">={major}.{minor},<{major}.{minor + 1}" if major == 0 else f">={major}.{minor},<{major + 1}"


def _text(value: str, languages: list[str]) -> dict[str, str]:
    return {lang: value if lang == "en" else f"{value} [{lang}: to translate]" for lang in languages}


def _default_title(name: str, country: str) -> str:
    """"Jamoat development program" for tj_jamoat in TJ: the name without the country prefix."""
    words = name.split("_")
    if len(words) > 1 and words[0] == country.lower():
        words = words[1:]
    return " ".join(words).capitalize() + " development program"


def _sample(mid: str, languages: list[str], country: str) -> dict:
    def t(en: str) -> dict[str, str] | str:
        return en if languages == ["en"] else _text(en, languages)

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
                    methodology_id: str | None = None, documentation: str = "https://example.org/docs",
                    title: str | None = None, version: str | None = None) -> Path:
    """Create the plugin package `sedp-<name>` in `out_dir` and build its Word templates; return its folder.

    `languages` are the documents' languages, the first the main one (English only if listed); `title` is the
    methodology's title as the expert writes it (in the main language; the others are marked to translate);
    `version` is the official methodology's version, e.g. its year (default: this year)."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise InputError(f"plugin name {name!r}: use lower-case letters, digits and '_' (e.g. tz_village)",
                         code="input.bad-name")
    if not re.fullmatch(r"[A-Za-z]{2}", country):
        raise InputError(f"country {country!r}: give the ISO 3166-1 two-letter code (e.g. TZ)", code="input.bad-name")
    languages = list(dict.fromkeys(lang.strip() for lang in languages if lang.strip())) or ["en"]
    for lang in languages:
        if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)?", lang):
            raise InputError(f"language {lang!r}: give an ISO 639-1 code such as tg, ru, en", code="input.bad-name")
    if version is None:
        import datetime as dt

        version = str(dt.date.today().year)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", version):
        raise InputError(f"version {version!r}: use letters, digits, '.', '_' or '-' (e.g. 2025)",
                         code="input.bad-name")
    country = country.upper()
    short = name[len(country) + 1:] if name.startswith(f"{country.lower()}_") and len(name) > len(country) + 1 else name
    mid = methodology_id or f"{country.lower()}.{short}"  # tj_jamoat in TJ: tj.jamoat
    package = f"sedp_{name}"
    target = out_dir / f"sedp-{name.replace('_', '-')}"
    if target.exists():
        raise InputError(f"{target} already exists", code="input.exists")
    title_text = (title or "").strip() or _default_title(name, country)
    main = languages[0]
    # The title as given belongs to the main language; the others start as copies marked for translation.
    titles = {lang: title_text if lang == main else f"{title_text} [{lang}: to translate]" for lang in languages}
    title_en = titles.get("en", title_text)
    tokens = {
        "__DIST__": f"sedp-{name.replace('_', '-')}", "__PKG__": package, "__NAME__": name, "__MID__": mid,
        "__COUNTRY__": country, "__LANGS__": repr(tuple(languages)), "__LANGS_TEXT__": ", ".join(languages),
        "__CLASS__": "".join(p.capitalize() for p in name.split("_")) + "Program",
        "__TITLE_EN__": title_en.replace('"', "'").replace("\\", "/"),
        "__DESCRIPTION__": json.dumps(f"sedp plugin: {title_en}", ensure_ascii=False),
        "__CORE_RANGE__": _core_range(), "__CORE_DEP__": _core_range(), "__DOCS__": documentation,
        "__TITLE__": repr(titles), "__VERSION__": version,
    }
    source = Path(str(files("sedp_core.authoring.scaffold") / "files"))
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
    yaml.dump({"title": titles,
               "description": _text("to confirm: the official text this methodology follows (its name, number, "
                                    "date and approving body), for reviewers", languages),
               "documents": {"program": _text("Development program", languages),
                             "settlement_sheet": _text("Settlement sheet", languages)}}, data / "methodology.yaml")
    yaml.dump({f"{name}.{code}": {lang: text for lang, text in _text(message, languages).items() if lang != "en"}
               for code, message in MESSAGES_EN.items()}, data / "messages.yaml")
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
