"""Bar charts for documents: a plugin describes one in its context, the renderer draws and inserts it.

A plugin puts a :class:`BarChart` anywhere in the context it returns; the template shows it with
``{{ name }}`` in a paragraph of its own. The renderer (render.py) draws every chart with matplotlib and inserts
it as a docxtpl ``InlineImage``, so a plugin needs neither matplotlib nor docxtpl's internals. Charts are
drawn in grey tones with hatching (they are printed on office printers), with the bundled DejaVu Sans font
(complete Cyrillic, including ң ө ү, and the same on every machine, so the same data gives the same bytes), and
with numbers grouped in the document's language. The numbers of a chart belong in a table next to it too:
a chart is read at a glance, the table is what is signed.
"""

from __future__ import annotations

import functools
import io
import itertools
import textwrap
import warnings
from dataclasses import dataclass, field
from typing import Any

from sedp_core.rendering.formatting import format_number

__all__ = ["BarChart", "draw", "with_pictures"]

# Grey tones and hatches that stay distinct on a black-and-white printout, series after series.
_FILLS = ("#4d4d4d", "#a6a6a6", "#d9d9d9", "#ffffff", "#7f7f7f", "#f2f2f2")
_HATCHES = ("", "", "", "//", "..", "xx")
_DPI = 200
_LABEL_WIDTH = 28  # characters per line of a category label before it wraps


@dataclass(frozen=True)
class BarChart:
    """A bar chart: values per category, in one or more series.

    ``series`` holds (legend text, one value per category) pairs. With several series the bars are side by side,
    or stacked when ``stacked`` is true (parts of a whole, such as sources of one year's money). ``horizontal``
    suits long category names (proposal titles, sectors). Texts are already in the document's language;
    ``language`` only chooses how numbers are grouped ("1 234" or "1,234").
    """

    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]
    language: str = "en"
    value_axis: str = ""
    horizontal: bool = False
    stacked: bool = False
    value_labels: bool = True
    upright_labels: bool = False
    """Category labels written upwards (many short labels under vertical bars, such as proposal numbers)."""
    digits: int = 0
    width_mm: float = 160.0
    height_mm: float | None = None
    highlight: tuple[bool, ...] = field(default=())
    """Per category: true draws the bar dark, false light (one series only): funded vs not funded, say."""
    highlight_legend: tuple[str, str] = ("", "")
    """The legend texts of the dark and the light bars when ``highlight`` is given."""

    def __post_init__(self) -> None:
        for name, values in self.series:
            if len(values) != len(self.categories):
                raise ValueError(f"series {name!r} has {len(values)} values for {len(self.categories)} categories")
        if self.highlight and len(self.highlight) != len(self.categories):
            raise ValueError("highlight needs one flag per category")

    @property
    def is_empty(self) -> bool:
        """No category or every value zero: nothing worth a picture."""
        return not self.categories or not any(v for _, values in self.series for v in values)

    def height(self) -> float:
        """The height in millimetres: given, or enough for the bars and their labels."""
        if self.height_mm is not None:
            return self.height_mm
        if self.horizontal:
            lines = sum(len(_wrap(c).splitlines()) for c in self.categories)
            return min(230.0, 25.0 + 5.0 * max(lines, len(self.categories) * (1 if self.stacked else len(self.series))))
        return 80.0


def _wrap(text: str) -> str:
    return "\n".join(textwrap.wrap(text, _LABEL_WIDTH, break_long_words=True)) or text


# A small cache: a chart recurs within one program's documents at most, and PNGs are large to keep.
@functools.lru_cache(maxsize=16)
def draw(chart: BarChart) -> bytes:
    """The chart as a PNG; the same chart always gives the same bytes (no timestamp or version inside)."""
    from PIL import Image

    canvas = _painted(chart)
    # Every colour of a chart is a grey (fills, hatches, text, grid), so an 8-bit grey PNG holds exactly the pixels
    # of the RGBA one (R = G = B, opaque) in a quarter of the data: faster to compress, smaller in the document.
    # zlib level 3 instead of PIL's 6: half the encoding time for a file about 1 % larger. No timestamp, no version.
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="png", dpi=(_DPI, _DPI), compress_level=3)
    return buffer.getvalue()


def _painted(chart: BarChart) -> Any:
    """The chart laid out and painted on an Agg canvas (`canvas.figure` is the figure)."""
    import dataclasses

    import matplotlib

    from sedp_core.rendering.unconfirmed import plain

    # A picture cannot be highlighted: the marks of unconfirmed texts are dropped (the table beside it shows them).
    chart = dataclasses.replace(
        chart, categories=tuple(plain(c) for c in chart.categories),
        series=tuple((plain(n), v) for n, v in chart.series), value_axis=plain(chart.value_axis),
        highlight_legend=(plain(chart.highlight_legend[0]), plain(chart.highlight_legend[1])))

    matplotlib.use("Agg")  # no screen: draw into memory
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    mm = 1 / 25.4
    style = {"font.family": "DejaVu Sans", "font.size": 8, "hatch.linewidth": 0.6}
    with warnings.catch_warnings(), matplotlib.rc_context(style):
        # A character the font lacks (a citizen may type any) is drawn as a box; the table beside the chart
        # shows the exact text, so this is no reason to fail a document.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from", category=UserWarning)
        fig = Figure(figsize=(chart.width_mm * mm, chart.height() * mm), dpi=_DPI, layout="constrained")
        ax = fig.add_subplot()
        positions = list(range(len(chart.categories)))
        count = len(chart.series)
        thickness = 0.7 if chart.stacked or count == 1 else 0.8 / count
        base = [0.0] * len(positions)
        for index, (name, values) in enumerate(chart.series):
            offset = 0.0 if chart.stacked or count == 1 else (index - (count - 1) / 2) * thickness
            where = [p + offset for p in positions]
            fills = [_FILLS[index % len(_FILLS)]] * len(values)
            if chart.highlight and count == 1:
                fills = [_FILLS[0] if flag else _FILLS[2] for flag in chart.highlight]
            style = {"color": fills, "edgecolor": "black", "linewidth": 0.5,
                     "hatch": _HATCHES[index % len(_HATCHES)], "label": name}
            bars = (ax.barh(where, values, thickness, left=base, **style) if chart.horizontal
                    else ax.bar(where, values, thickness, bottom=base, **style))
            if chart.value_labels and not chart.stacked:
                ax.bar_label(bars, labels=[format_number(v, chart.language, chart.digits) for v in values],
                             padding=2, fontsize=7)
            if chart.stacked:
                base = [b + v for b, v in zip(base, values, strict=True)]
        if chart.value_labels and chart.stacked:
            for position, total in zip(positions, base, strict=True):
                text = format_number(total, chart.language, chart.digits)
                if chart.horizontal:
                    ax.annotate(text, (total, position), xytext=(3, 0), textcoords="offset points",
                                va="center", fontsize=7)
                else:
                    ax.annotate(text, (position, total), xytext=(0, 3), textcoords="offset points",
                                ha="center", fontsize=7)
        labels = [_wrap(c) for c in chart.categories]
        numbers = FuncFormatter(lambda v, _: format_number(v, chart.language, 0))
        if chart.horizontal:
            ax.set_yticks(positions, labels)
            ax.invert_yaxis()  # the first category on top, as in the table
            ax.xaxis.set_major_formatter(numbers)
            ax.set_xlabel(chart.value_axis)
            ax.grid(axis="x", color="#cccccc", linewidth=0.5)
            ax.margins(x=0.12)  # room for the value labels at the bar ends
        else:
            ax.set_xticks(positions, labels, rotation=90 if chart.upright_labels else 0)
            ax.yaxis.set_major_formatter(numbers)
            ax.set_ylabel(chart.value_axis)
            ax.grid(axis="y", color="#cccccc", linewidth=0.5)
            ax.margins(y=0.12)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        if chart.highlight and count == 1 and any(chart.highlight_legend):
            from matplotlib.patches import Patch

            handles = [Patch(facecolor=fill, edgecolor="black", linewidth=0.5, label=text)
                       for fill, text in zip((_FILLS[0], _FILLS[2]), chart.highlight_legend, strict=True) if text]
            fig.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False, fontsize=7)
        if count > 1:
            fig.legend(loc="outside lower center", ncols=min(count, 3), frameon=False, fontsize=7)
        # savefig with a layout engine draws the figure twice and lays it out in each draw (every text measured
        # again each time): 45 % of a chart. The constrained layout is run here once, then frozen, and the figure
        # painted once: the same pixels as savefig's (checked on the example programs' charts), at 0.8 × the CPU.
        # The canvas comes first, so that the layout and the painting share its renderer and with it the size of
        # every text, measured once.
        canvas = FigureCanvasAgg(fig)
        engine = fig.get_layout_engine()
        engine.execute(fig)
        _fewer_ticks_until_apart(ax.xaxis if chart.horizontal else ax.yaxis, canvas.get_renderer(),
                                 along_x=chart.horizontal)
        fig.set_layout_engine("none")
        canvas.draw()
    return canvas


def _fewer_ticks_until_apart(axis: Any, renderer: Any, along_x: bool) -> None:
    """Fewer numbers on the value axis until no two of them touch: grouped amounts in millions ("1,400,000")
    on a narrow axis ran into each other. A chart whose numbers are apart keeps its ticks (and its pixels)."""
    from matplotlib.ticker import MaxNLocator

    for bins in (6, 5, 4, 3, 2, 1):
        if not _touching(axis, renderer, along_x):
            return
        axis.set_major_locator(MaxNLocator(nbins=bins, steps=[1, 2, 2.5, 5, 10]))


def _touching(axis: Any, renderer: Any, along_x: bool) -> bool:
    """Whether two tick labels of `axis` overlap or stand closer than a space."""
    boxes = sorted((box.x0, box.x1) if along_x else (box.y0, box.y1)
                   for label in axis.get_ticklabels() if label.get_visible() and label.get_text()
                   for box in [label.get_window_extent(renderer)])
    gap = _DPI / 25.4  # 1 mm, in pixels
    return any(after[0] - before[1] < gap for before, after in itertools.pairwise(boxes))


def with_pictures(value: Any, tpl: Any) -> Any:
    """A context with every chart in it drawn and made an image of the docxtpl template ``tpl``.

    An empty chart becomes an empty string, so that ``{%p if chart %}`` leaves out its paragraph and caption.
    A program's picture (`pictures.PictureRef`) becomes its image too, read when the template prints it."""
    from sedp_core.validation.pictures import PictureRef

    if isinstance(value, PictureRef):
        return value.image(tpl)
    if isinstance(value, BarChart):
        if value.is_empty:
            return ""
        return _lazy_image_class()(tpl, value)
    if isinstance(value, dict):
        return {key: item if type(item) in _PLAIN else with_pictures(item, tpl) for key, item in value.items()}
    if isinstance(value, list):
        return [item if type(item) in _PLAIN else with_pictures(item, tpl) for item in value]
    return value


# A context is mostly texts and numbers (190,000 values in the two example programs' documents): they are passed
# over without a call, which halves the walk.
_PLAIN = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _lazy_image_class() -> type:
    from docx.shared import Mm
    from docxtpl import InlineImage

    class LazyChartImage(InlineImage):  # type: ignore[misc]
        """An InlineImage drawn only when the template shows it: a context holds every chart of a methodology's
        documents, and each document shows few of them (drawing is most of a document's rendering time)."""

        def __init__(self, tpl: Any, chart: BarChart) -> None:
            super().__init__(tpl, None, width=Mm(chart.width_mm))
            self.chart = chart

        def _insert_image(self) -> str:
            self.image_descriptor = io.BytesIO(draw(self.chart))
            return str(super()._insert_image())

    return LazyChartImage
