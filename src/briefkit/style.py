"""The one look every figure shares: fonts, palette, sizes. Colour-blind safe (Okabe-Ito)
and readable in grayscale: the two main colours differ strongly in lightness."""
from __future__ import annotations

from pathlib import Path

import font_source_sans_pro

DARK = "#0b4f8a"      # deep blue: the series the figure is about
LIGHT = "#e69f00"     # orange: the comparison series (much lighter in grayscale)
ACCENT = "#d55e00"    # vermillion: highlights, sparingly
MUTED = "#8c8c8c"     # leaked values: estimates not yet officially published
INK = "#222222"
GRID = "#d9d9d9"
HATCH = "////"        # bars for periods not yet complete
# What the series of a chart look like, in order: colour, and line style where drawn as lines.
# Unlike colour alone, the line style still tells the series apart in grayscale.
SERIES_LOOKS = ((DARK, "-"), (LIGHT, (0, (4, 1.5))), (ACCENT, (0, (1, 1.5))))
COLORS = {"dark": DARK, "light": LIGHT, "accent": ACCENT}   # the names a spec may give a series' colour
STYLE_FILE = Path(__file__).with_name("brief.mplstyle")  # the rcParams every figure shares

WIDTH_IN = 7.1        # text width of a US Letter page with 0.7in margins
HEIGHT_IN = 1.95
HALF_WIDTH_IN = 3.4
HALF_HEIGHT_IN = 2.0
NOTE_SIZE = 7.5       # notes and legends inside a chart
LABEL_SIZE = 8.5      # direct labels at the end of a line
KEY_SIZE = 8          # a legend naming the series, above the chart


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
    plt.style.use(STYLE_FILE)
