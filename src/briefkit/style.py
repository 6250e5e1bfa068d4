"""The one look every figure shares: fonts, palette, sizes. Colour-blind safe (Okabe-Ito)
and readable in grayscale: the two main colours differ strongly in lightness."""
from __future__ import annotations

from pathlib import Path

import font_source_sans_pro

DARK = "#0b4f8a"      # deep blue: the series the figure is about
LIGHT = "#e69f00"     # orange: the comparison series (much lighter in grayscale)
ACCENT = "#d55e00"    # vermillion: highlights, sparingly
MUTED = "#8c8c8c"     # partial or secondary values
INK = "#222222"
GRID = "#d9d9d9"
HATCH = "////"        # bars for periods not yet complete

WIDTH_IN = 7.1        # text width of a US Letter page with 0.7in margins
HEIGHT_IN = 1.95
HALF_WIDTH_IN = 3.4
HALF_HEIGHT_IN = 2.0
NOTE_SIZE = 7.5       # notes and legends inside a chart
LABEL_SIZE = 8.5      # direct labels at the end of a line


def font_files() -> list[Path]:
    folder = Path(font_source_sans_pro.__file__).parent / "files"
    return sorted(folder.glob("SourceSansPro-*.ttf"))


def apply() -> None:
    """Set the shared look; pyplot is imported here, so reading the figure registry does not load it."""
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    for path in font_files():
        font_manager.fontManager.addfont(str(path))
    plt.rcParams.update({
        "font.family": "Source Sans Pro",
        "font.size": 8.5,
        "axes.titlesize": 9,
        "axes.titleweight": "semibold",
        "axes.titlelocation": "left",
        "axes.edgecolor": INK,
        "axes.labelcolor": INK,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.grid.axis": "y",
        "grid.color": GRID,
        "grid.linewidth": 0.6,
        "xtick.color": INK,
        "ytick.color": INK,
        "legend.frameon": False,
        "svg.fonttype": "path",        # text as outlines: the SVG looks the same everywhere
        "svg.hashsalt": "briefkit",    # stable element ids, so identical data give identical files
        "figure.dpi": 100,
    })
