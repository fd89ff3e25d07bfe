"""Draws the sample maps of invented Kyrgyz municipalities (PNG, drawn here: no copyrighted image).

`python scripts/draw_sample_map.py` rewrites `examples/kyrgyz_aa/ton_bulak_map.png` and
`tests/fixtures/kyrgyz_aa/jer_kazy_map.png`. Each is a schematic map: the boundary, the settlements (the centre
larger), a river, the main road, a north arrow and a scale bar. Names are those of the sample programs (Kyrgyz).
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent

Point = tuple[float, float]


def draw(boundary: list[Point], places: list[tuple[str, Point, bool]], river: list[Point], road: list[Point],
         lake: list[Point] | None, out: Path, km: float) -> None:
    """One map: `places` are (name, position, is the centre); `km` is the length of the scale bar."""
    fig = Figure(figsize=(6.4, 4.4), dpi=100)
    ax = fig.add_axes((0.02, 0.02, 0.96, 0.96))
    ax.set_aspect("equal")
    ax.axis("off")
    xs, ys = zip(*boundary, strict=True)
    ax.fill(xs, ys, facecolor="#eef3e8", edgecolor="#444444", linewidth=1.6, linestyle=(0, (6, 3)))
    if lake:
        lx, ly = zip(*lake, strict=True)
        ax.fill(lx, ly, facecolor="#c9dff0", edgecolor="#5b8db8", linewidth=1.0)
    rx, ry = zip(*river, strict=True)
    ax.plot(rx, ry, color="#4f86c6", linewidth=2.2, solid_capstyle="round")
    dx, dy = zip(*road, strict=True)
    ax.plot(dx, dy, color="#7a4b2a", linewidth=2.0)
    ax.plot(dx, dy, color="#f2c46d", linewidth=0.8)
    for name, (x, y), centre in places:
        ax.plot(x, y, marker="s" if centre else "o", markersize=11 if centre else 7, color="#b22222" if centre
                else "#333333", markeredgecolor="white", markeredgewidth=1.0)
        ax.annotate(name, (x, y), xytext=(7, 6), textcoords="offset points", fontsize=11 if centre else 9,
                    fontweight="bold" if centre else "normal", family="DejaVu Sans")
    xmin, xmax, ymin, ymax = min(xs), max(xs), min(ys), max(ys)
    # North arrow, top right; scale bar, bottom left.
    ax.annotate("", xy=(xmax + 0.6, ymax), xytext=(xmax + 0.6, ymax - 1.2),
                arrowprops={"arrowstyle": "-|>", "color": "black", "linewidth": 1.4})
    ax.text(xmax + 0.6, ymax + 0.25, "Т", ha="center", fontsize=11, fontweight="bold", family="DejaVu Sans")
    ax.plot([xmin, xmin + 2], [ymin - 0.6, ymin - 0.6], color="black", linewidth=3)
    ax.text(xmin + 1, ymin - 1.1, f"{km:g} км", ha="center", fontsize=8, family="DejaVu Sans")
    ax.set_xlim(xmin - 0.6, xmax + 1.2)
    ax.set_ylim(ymin - 1.4, ymax + 0.8)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    # A palette of 64 colours keeps the file a few tens of KB.
    image = Image.open(buffer).convert("RGB").quantize(64)
    image.save(out, optimize=True)
    print(out, out.stat().st_size, "bytes")


def main() -> None:
    draw(boundary=[(0, 0), (3, -0.6), (7, 0.2), (9.5, 2), (9, 5), (6, 6.4), (2.5, 6), (0.4, 4)],
         places=[("Тоң-Булак", (4.2, 3.0), True), ("Жаңы-Конуш", (6.8, 4.6), False), ("Көл-Жээк", (2.0, 1.0), False)],
         river=[(0.8, 5.8), (2.5, 4.2), (4.0, 2.6), (5.6, 1.2), (6.5, -0.2)],
         road=[(-0.3, 2.4), (2.0, 2.8), (4.2, 3.0), (6.8, 4.6), (9.6, 5.2)],
         lake=[(0.6, -0.2), (2.6, -0.5), (3.6, 0.2), (1.6, 0.5)],
         out=ROOT / "examples" / "kyrgyz_aa" / "ton_bulak_map.png", km=2)
    draw(boundary=[(0, 0.5), (4, -0.4), (8.5, 0.4), (10, 3), (8.2, 6.2), (4.5, 6.8), (1.2, 5.8), (-0.4, 3)],
         places=[("Жер-Казы", (4.6, 3.4), True), ("Ак-Дөбө", (7.6, 1.6), False), ("Кара-Таш", (1.8, 4.8), False),
                 ("Бел-Суу", (8.0, 5.0), False)],
         river=[(0.2, 1.2), (2.4, 2.2), (4.6, 3.0), (6.8, 3.8), (9.4, 4.4)],
         road=[(4.4, -0.6), (4.6, 3.4), (1.8, 4.8)] , lake=None,
         out=ROOT / "tests" / "fixtures" / "kyrgyz_aa" / "jer_kazy_map.png", km=5)


if __name__ == "__main__":
    main()
