"""The brief's typefaces, Source Serif Pro (text) and Source Sans Pro (headings, tables,
figures), both under the SIL Open Font License. They come from pinned PyPI packages,
not from whatever the machine has, and are subset to the characters the brief can use
and written as WOFF2, so the self-contained HTML stays small."""
from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import font_source_sans_pro
import font_source_serif_pro
import fontTools
from fontTools import subset

from .files import write_if_changed

# Latin-1, general punctuation (dashes, quotes, ellipsis), the euro sign and arithmetic signs.
UNICODES = [*range(0x20, 0x7F), *range(0xA0, 0x100), *range(0x2010, 0x2027), 0x20AC, 0x2212, 0x2192]
LAYOUT_FEATURES = ["kern", "liga", "lnum", "tnum", "onum", "pnum"]

FACES = {  # output name -> (package, file)
    "serif-regular": (font_source_serif_pro, "SourceSerifPro-Regular.ttf"),
    "serif-italic": (font_source_serif_pro, "SourceSerifPro-It.ttf"),
    "serif-bold": (font_source_serif_pro, "SourceSerifPro-Bold.ttf"),
    "sans-regular": (font_source_sans_pro, "SourceSansPro-Regular.ttf"),
    "sans-italic": (font_source_sans_pro, "SourceSansPro-It.ttf"),
    "sans-semibold": (font_source_sans_pro, "SourceSansPro-Semibold.ttf"),
    "sans-bold": (font_source_sans_pro, "SourceSansPro-Bold.ttf"),
}


def source_file(package, name: str) -> Path:
    return Path(package.__file__).parent / "files" / name


def cache_folder() -> Path:
    """Subsets are cached across builds (subsetting takes most of a second per face)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "briefkit" / "fonts"


def cache_key(source: Path) -> str:
    """Everything the subset depends on: the font's bytes, the characters, the options, fontTools."""
    digest = hashlib.sha256(source.read_bytes())
    digest.update(repr((UNICODES, LAYOUT_FEATURES, fontTools.version)).encode())
    return digest.hexdigest()[:24]


def subset_woff2(source: Path) -> bytes:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = LAYOUT_FEATURES
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def write_fonts(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for out_name, (package, name) in FACES.items():
        target = folder / f"{out_name}.woff2"
        if not target.exists():
            source = source_file(package, name)
            cached = cache_folder() / f"{cache_key(source)}.woff2"
            try:
                content = cached.read_bytes()
            except OSError:
                content = subset_woff2(source)
                try:
                    cached.parent.mkdir(parents=True, exist_ok=True)
                    cached.write_bytes(content)
                except OSError:
                    pass  # no writable cache: subset again next time
            write_if_changed(target, content)
        written.append(target)
    return written
