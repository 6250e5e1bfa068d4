"""Make pandoc's HTML self-contained ourselves, so that pandoc can run with `--sandbox`
(where it reads only its input and fetches nothing, so its own `--embed-resources` cannot
read our stylesheet, fonts or figures). The stylesheets go into a <style> element with
their fonts as data: URLs, and each figure becomes a data: URL. Only files inside the
folders we allow are read; any other reference is a build error."""
from __future__ import annotations

import base64
import html as html_text
import re
from pathlib import Path

from . import BriefError

MEDIA_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")')


class EmbedError(BriefError):
    """A reference that cannot be embedded."""


def local_file(reference: str, base: Path, allowed: tuple[Path, ...], origin: str) -> Path:
    """The file `reference` names relative to `base`, if it lies inside an allowed folder."""
    path = (base / reference).resolve()
    if not any(path.is_relative_to(folder.resolve()) for folder in allowed):
        raise EmbedError(f"{origin} refers to {reference}, outside the folders the brief may read")
    if path.suffix not in MEDIA_TYPES or not path.is_file():
        raise EmbedError(f"{origin} refers to {reference}, which is not an existing "
                         f"{'/'.join(MEDIA_TYPES)} file")
    return path


def data_url(path: Path) -> str:
    return f"data:{MEDIA_TYPES[path.suffix]};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def embed_reference(reference: str, base: Path, allowed: tuple[Path, ...], origin: str) -> str:
    if reference.startswith("data:"):
        return reference
    return data_url(local_file(reference, base, allowed, origin))


def inline_stylesheet(css: Path, allowed: tuple[Path, ...], origin: str) -> str:
    """The stylesheet's text with each url(...) (the fonts) as a data: URL."""
    if not any(css.resolve().is_relative_to(folder.resolve()) for folder in allowed):
        raise EmbedError(f"{origin}: stylesheet {css} is outside the folders the brief may read")
    return CSS_URL.sub(lambda m: f"url({embed_reference(m[2], css.parent, allowed, f'{origin}: {css.name}')})",
                       css.read_text(encoding="utf-8"))


def self_contained(html: str, base: Path, stylesheets: list[Path], allowed: tuple[Path, ...], origin: str) -> str:
    """`html` (made from `origin`) with the stylesheets appended to its head and every image as a data: URL."""
    styles = "".join(f"<style>\n{inline_stylesheet(css, allowed, origin)}</style>\n" for css in stylesheets)
    html = html.replace("</head>", styles + "</head>", 1)
    return IMG_SRC.sub(lambda m: m[1] + embed_reference(html_text.unescape(m[2]), base, allowed, f"{origin}: an image")
                       + m[3], html)
