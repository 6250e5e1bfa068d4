"""A brief's figures: each drawn from its data into `figures/<brief>/<name>.svg` with the chart
kind its spec names (charts.py). Captions and alt texts are the brief's words (tables.figure_block)."""
from __future__ import annotations

import io
from pathlib import Path

from . import charts, style
from .datapackage import BriefData
from .files import write_if_changed

WORDS = ("caption", "alt", "half")   # a figure's words and width; the rest of its entry is the chart


def chart_of(figure: dict) -> dict:
    return {key: value for key, value in figure.items() if key not in WORDS}


def size_in(figure: dict) -> tuple[float, float]:
    return (style.HALF_WIDTH_IN, style.HALF_HEIGHT_IN) if figure.get("half") else (style.WIDTH_IN, style.HEIGHT_IN)


def svg_bytes(figure: dict, data: BriefData) -> bytes:
    style.apply()
    import matplotlib.pyplot as plt  # here, not at the top: reading a spec should not load pyplot

    fig = plt.figure(figsize=size_in(figure), layout="constrained")
    try:
        charts.draw(chart_of(figure), data, fig)
        out = io.BytesIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        return out.getvalue()
    finally:
        plt.close(fig)


def render(figure: dict, data: BriefData, target: Path) -> bool:
    """Draw one figure; write it only if its bytes changed, so an unchanged figure keeps its
    timestamp and make does not rebuild what depends on it. True if the file was written."""
    return write_if_changed(target, svg_bytes(figure, data))
