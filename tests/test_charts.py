"""Charts: a plugin puts a BarChart in its context and the document shows it as a picture with its caption."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from sedp_core.authoring.build import add_chart, add_paragraph, new_document, save_template
from sedp_core.rendering.charts import BarChart, draw
from sedp_core.rendering.render import render_to_bytes
from sedp_core.validation.validate import validate_file
from tests.conftest import EXAMPLES, docx_text

PNG = b"\x89PNG\r\n\x1a\n"
CHART = BarChart(categories=("2026", "2027"), series=(("Бюджет", (1200.0, 3400.0)), ("Донор", (0.0, 800.5))),
                 language="ky", value_axis="миң сом", stacked=True)


def _pictures(data: bytes) -> list[bytes]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]


def test_a_chart_is_a_png_and_the_same_chart_gives_the_same_bytes() -> None:
    first = draw.__wrapped__(CHART)  # past the cache: drawn twice for real
    second = draw.__wrapped__(CHART)
    assert first.startswith(PNG)
    assert hashlib.sha256(first).digest() == hashlib.sha256(second).digest()
    other = dataclasses.replace(CHART, series=(("Бюджет", (1200.0, 3401.0)), ("Донор", (0.0, 800.5))))
    assert draw.__wrapped__(other) != first


def test_a_chart_is_an_8_bit_grey_png_at_print_resolution() -> None:
    """Grey: a quarter of the RGBA data to compress, the same pixels; this holds only while every colour is grey."""
    from PIL import Image

    from sedp_core.rendering import charts

    image = Image.open(io.BytesIO(draw.__wrapped__(CHART)))
    assert image.mode == "L"
    assert round(image.info["dpi"][0]) == charts._DPI == 200
    assert image.size == (int(160 / 25.4 * 200), int(80 / 25.4 * 200))  # as wide as before, not rescaled
    for colour in charts._FILLS:
        assert colour[1:3] == colour[3:5] == colour[5:7], f"{colour} is not a grey: drop the grey PNG"


def test_series_must_match_the_categories() -> None:
    with pytest.raises(ValueError, match="1 values for 2 categories"):
        BarChart(categories=("a", "b"), series=(("s", (1.0,)),))
    with pytest.raises(ValueError, match="one flag per category"):
        BarChart(categories=("a", "b"), series=(("s", (1.0, 2.0)),), highlight=(True,))


@pytest.mark.parametrize("kind", [{}, {"horizontal": True}, {"upright_labels": True, "value_labels": False}])
def test_every_layout_draws(kind: dict[str, Any]) -> None:
    chart = BarChart(categories=tuple(f"Төсөл {i} — инженерийн хийцтэй гүний худаг" for i in range(8)),
                     series=(("Оноо", tuple(float(i) for i in range(8))),), language="mn",
                     highlight=tuple(i % 2 == 0 for i in range(8)), highlight_legend=("санхүүжүүлэх", "үгүй"), **kind)
    assert draw(chart).startswith(PNG)


def _chart_document(tmp_path: Path, demo_sample: Path, chart: BarChart) -> bytes:
    from sedp_core.hookspecs import hookimpl
    from sedp_core.registry.manager import get_plugin_manager

    class Charting:
        @hookimpl
        def sedp_document_context(self) -> dict[str, Any]:
            return {"chart": chart}

    get_plugin_manager().register(Charting(), name="charting")
    doc = new_document()
    add_paragraph(doc, "before")
    add_chart(doc, "chart", "Chart 1. Money by year")
    add_paragraph(doc, "after")
    template = tmp_path / "chart.docx"
    save_template(doc, template)
    result = validate_file(demo_sample)
    assert result.program is not None
    spec = dataclasses.replace(result.methodology.documents[0], template=template)
    return render_to_bytes(result.program, result.methodology, spec, "en")


def test_a_chart_in_the_context_is_inserted_with_its_caption(demo_plugin: object, demo_sample: Path,
                                                             tmp_path: Path) -> None:
    data = _chart_document(tmp_path, demo_sample, CHART)
    assert _pictures(data) == [draw(CHART)]
    text = docx_text(data)
    assert "Chart 1. Money by year" in text and "before" in text and "after" in text


def test_an_empty_chart_leaves_out_its_picture_and_caption(demo_plugin: object, demo_sample: Path,
                                                          tmp_path: Path) -> None:
    empty = dataclasses.replace(CHART, series=(("Бюджет", (0.0, 0.0)),))
    data = _chart_document(tmp_path, demo_sample, empty)
    assert _pictures(data) == []
    assert "Chart 1" not in docx_text(data)


@pytest.fixture(scope="module")
def kg_program() -> Any:
    result = validate_file(next(p for p in EXAMPLES if p.name.startswith("ak_kyya")))
    assert result.program is not None
    return result


def test_kyrgyz_financing_chart_adds_up_to_the_financing_table(kg_program: Any) -> None:
    from sedp_core.rendering.context import build_context

    doc = next(d for d in kg_program.methodology.documents if d.id == "program")
    aa = build_context(kg_program.program, kg_program.methodology, doc, "ky")["aa"]
    by_year: BarChart = aa["chart_by_year"]
    # Every year's stacked bar is that year's total of the sources × years matrix (in thousands).
    matrix = aa["sources_by_year"]
    totals = dict(zip(matrix.columns, matrix.total.cells, strict=True))
    for i, year in enumerate(by_year.categories):
        assert sum(values[i] for _, values in by_year.series) * 1000 == pytest.approx(totals[year])
    by_sector: BarChart = aa["chart_by_sector"]
    assert sum(by_sector.series[0][1]) * 1000 == pytest.approx(aa["sector_total"])
    assert aa["sector_total"] == pytest.approx(sum(a.cost.amount for a in kg_program.program.activities))
    data = render_to_bytes(kg_program.program, kg_program.methodology, doc, "ky")
    assert len(_pictures(data)) == 3  # by year, by sector, baseline against target


def test_mongolian_sector_table_and_chart_count_only_funded_money() -> None:
    from sedp_core.rendering.context import build_context

    result = validate_file(next(p for p in EXAMPLES if p.name.startswith("tariat")))
    assert result.program is not None
    doc = next(d for d in result.methodology.documents if d.id == "ldf_plan")
    context = build_context(result.program, result.methodology, doc, "mn")
    assert sum(r["amount"] for r in context["sector_rows"]) == pytest.approx(context["funded_total"])
    assert sum(r["count"] for r in context["sector_rows"]) == context["funded_count"]
    scores: BarChart = context["chart_scores"]
    assert scores.highlight.count(True) == context["funded_count"]
    assert list(scores.series[0][1]) == sorted(scores.series[0][1], reverse=True)  # rank order


def test_a_character_the_font_lacks_does_not_fail_the_chart() -> None:
    import warnings

    chart = BarChart(categories=("\u07f6 NKo", "ok"), series=(("s", (1.0, 2.0)),))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert draw.__wrapped__(chart).startswith(PNG)


def test_kyrgyz_baseline_chart_puts_each_indicator_against_its_final_target(kg_program: Any) -> None:
    from sedp_core.rendering.context import build_context
    from sedp_kyrgyz_aa.monitoring import iter_indicators

    doc = next(d for d in kg_program.methodology.documents if d.id == "program")
    chart: BarChart = build_context(kg_program.program, kg_program.methodology, doc, "ru")["aa"]["chart_baseline"]
    expected = {}
    for ind in iter_indicators(kg_program.program):
        base, target = ind.baseline.value, ind.targets[-1].value
        expected[ind.name["ru"]] = round(100 * (target / base if ind.direction == "decrease" else base / target), 1)
    assert dict(zip(chart.categories, chart.series[0][1], strict=True)) == expected


def test_the_numbers_of_a_value_axis_never_run_into_each_other() -> None:
    """A regional summary's sector chart: amounts up to 1.4 billion grouped in full ("1,400,000") on the axis of a
    horizontal chart with long labels ran into each other; fewer numbers are shown until each stands apart."""
    from sedp_core.rendering.charts import _painted, _touching

    sectors = ("Боловсрол", "Эрүүл мэнд", "Соёл, спорт", "Зам, гүүр", "Ус хангамж", "Гэрэлтүүлэг, эрчим хүч",
               "Нийтийн эзэмшлийн талбай, тохижилт", "Байгаль орчин, хог хаягдал", "Мал аж ахуй, хөдөө аж ахуй")
    chart = BarChart(categories=sectors, language="mn", horizontal=True, value_axis="мянган ₮",
                     series=(("Санхүүжих", (257500.0, 54000.0, 0.0, 0.0, 353500.0, 111000.0, 0.0, 0.0, 114000.0)),
                             ("Санхүүжихгүй", (190500.0, 254000.0, 144500.0, 1431800.0, 84800.0, 164600.0,
                                               212550.0, 116500.0, 214500.0))))
    canvas = _painted(chart)
    axis = canvas.figure.axes[0].xaxis
    assert not _touching(axis, canvas.get_renderer(), along_x=True)
    assert len([t for t in axis.get_ticklabels() if t.get_text()]) >= 2
