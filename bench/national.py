"""Synthetic but realistic national data sets, seeded so runs repeat.

- Mongolia: 21 aimags, 330 soums and 1,613 bags (293 soums of 5 bags, 37 of 4), each soum with its proposals and
  bag meetings, cloned from the bundled Zag example with new names, ids and costs.
- Kyrgyzstan: 260 ayil aimaks and towns cloned from the bundled Ak-Kyya example with new names and sizes.
All names and figures are invented. `generate(folder)` writes the programs as JSON and returns their paths.
"""

from __future__ import annotations

import copy
import json
import random
import time
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
MN_EXAMPLE = ROOT / "examples" / "mongolia_onhs" / "zag_2026.yaml"
KG_EXAMPLE = ROOT / "examples" / "kyrgyz_aa" / "ak_kyya_2025_2027.yaml"
AIMAGS = ["Архангай", "Баян-Өлгий", "Баянхонгор", "Булган", "Говь-Алтай", "Говьсүмбэр", "Дархан-Уул", "Дорноговь",
          "Дорнод", "Дундговь", "Завхан", "Орхон", "Өвөрхангай", "Өмнөговь", "Сүхбаатар", "Сэлэнгэ", "Төв", "Увс",
          "Ховд", "Хөвсгөл", "Хэнтий"]
MN_SYLLABLES = ["Баян", "Цагаан", "Хар", "Улаан", "Их", "Бага", "Өлзий", "Дэлгэр", "Түмэн", "Жаргалант", "Хүрээ",
                "мандал", "булаг", "нуур", "тал", "өндөр", "цогт", "хайрхан", "уул", "бүрд", "гол", "хошуу"]
KG_SYLLABLES = ["Ак", "Кара", "Көк", "Сары", "Жаңы", "Эски", "Чоң", "Кичи", "Таш", "Кум", "Суу", "Булак", "Тал",
                "Арык", "Дөбө", "Саз", "Кайың", "Терек", "Жар", "Кол"]


def _name(rng: random.Random, syllables: list[str]) -> str:
    first = rng.choice(syllables[: len(syllables) // 2])
    return first + rng.choice(syllables[len(syllables) // 2:]).lower()


def _load(path: Path) -> dict[str, Any]:
    return json.loads(json.dumps(YAML(typ="safe").load(path.read_text(encoding="utf-8")), default=str))


def _copy_bag(data: dict[str, Any], source: dict[str, Any], new_id: str, rng: random.Random) -> None:
    """Add a bag like `source`, with its proposals and meeting, under new ids."""
    old_id = source["id"]
    bag = copy.deepcopy(source)
    bag["id"] = new_id
    data["bags"].append(bag)
    renamed = {}
    for proposal in [p for p in data["proposals"] if p["bag"] == old_id]:
        clone = copy.deepcopy(proposal)
        clone["id"] = renamed[proposal["id"]] = proposal["id"].replace(old_id, new_id, 1) + "x"
        clone["bag"] = new_id
        clone["cost"]["amount"] = round(proposal["cost"]["amount"] * rng.uniform(0.6, 1.4), -5)
        data["proposals"].append(clone)
    for meeting in [m for m in data.get("meetings", []) if m["bag"] == old_id]:
        clone = copy.deepcopy(meeting)
        clone["id"] = f"{meeting['id']}-{new_id}"
        clone["bag"] = new_id
        for vote in clone.get("votes", []):
            vote["proposal"] = renamed.get(vote["proposal"], vote["proposal"])
        # the proposals the meeting discussed without ranking them are the bag's too
        clone["discussed"] = [renamed.get(pid, pid) for pid in clone.get("discussed", [])]
        data["meetings"].append(clone)


def mongolia(folder: Path, soums: int = 330, bags: int = 1613, seed: int = 2050) -> list[Path]:
    rng = random.Random(seed)
    base = _load(MN_EXAMPLE)
    per_soum = len(base["bags"])
    extra = bags - soums * per_soum  # soums that get one more bag
    paths = []
    for i in range(soums):
        data = copy.deepcopy(base)
        aimag = AIMAGS[i % len(AIMAGS)]
        soum = _name(rng, MN_SYLLABLES)
        data["id"] = f"mn-{i:03d}-{data['id']}"
        data["municipality"]["name"] = {"mn": soum, "en": soum}
        if data["municipality"].get("parent_units"):
            data["municipality"]["parent_units"][0]["name"] = {"mn": f"{aimag} аймаг", "en": f"{aimag} aimag"}
        if i < extra:
            _copy_bag(data, rng.choice(base["bags"]), f"B{per_soum + 1}", rng)
        path = folder / f"{data['id']}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def kyrgyzstan(folder: Path, count: int = 260, seed: int = 2040) -> list[Path]:
    rng = random.Random(seed)
    base = _load(KG_EXAMPLE)
    paths = []
    for i in range(count):
        data = copy.deepcopy(base)
        data["id"] = f"kg-{i:03d}-{data['id']}"
        factor = rng.uniform(0.5, 3.0)
        for village in data["municipality"].get("villages", []):
            village["population"] = int(village["population"] * factor)
        data["municipality"]["population"] = sum(v["population"] for v in data["municipality"].get("villages", []))
        path = folder / f"{data['id']}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def generate(folder: Path, quick: bool = False) -> list[Path]:
    """Both national sets (a small slice of each when `quick`)."""
    folder.mkdir(parents=True, exist_ok=True)
    if quick:
        return mongolia(folder, soums=6, bags=28) + kyrgyzstan(folder, count=4)
    return mongolia(folder) + kyrgyzstan(folder)


def with_proposals(data: dict[str, Any], proposals: int) -> dict[str, Any]:
    """`data` (a soum's program) with `proposals` proposals in all: copies of its own, each with a new id and a
    cost varied by a fixed seed, so every run and both sides of a comparison see the same program."""
    rng = random.Random(10_000)
    originals = list(data["proposals"])
    data["proposals"] = []
    for i in range(proposals):
        clone = copy.deepcopy(originals[i % len(originals)])
        clone["id"] = f"{clone['id']}-{i}"
        clone["cost"]["amount"] = round(clone["cost"]["amount"] * rng.uniform(0.5, 1.5), -5)
        data["proposals"].append(clone)
    return data


def bench_validate(folder: Path, proposals: int) -> dict[str, float]:
    """Validating one soum whose bags hold `proposals` proposals in all (the plan's 10,000-proposal target)."""
    from sedp_core.input.loader import LoadedData
    from sedp_core.validation.validate import validate_data

    data = with_proposals(_load(MN_EXAMPLE), proposals)
    best = float("inf")
    for _ in range(3):
        loaded = LoadedData(data=copy.deepcopy(data), source="national-10k")
        start = time.perf_counter()
        validate_data(loaded)
        best = min(best, time.perf_counter() - start)
    return {"proposals": proposals, "seconds": best}
