"""Text from the data into Markdown that reads as exactly that text, under pandoc and Quarto.

Data is text: nothing in a CSV cell may become markup, a link, an image, raw HTML, a
cross-reference or a Quarto shortcode. Pandoc's Markdown lets a backslash escape any ASCII
punctuation character, so every one is escaped (a double quote then stays straight, as typed)
except the apostrophe, which is never syntax outside attributes and which pandoc's smart
punctuation should still curl (country's -> country’s). Escaping `{` also breaks
Quarto's `{{<` shortcode opener, which Quarto would otherwise expand even in an included file.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from . import BriefError

# ASCII punctuation except the apostrophe: ! " # $ % & ( ) * + , - . / : ; < = > ? @ [ \ ] ^ _ ` { | } ~
PUNCTUATION = re.compile(r"""([!-&(-/:-@\[-`{-~])""")
LINE_BREAKS = re.compile(r"[ \t]*[\r\n]+[ \t]*")
# Characters RFC 3986 never allows in a URL; with them refused, a URL cannot leave its link.
NOT_IN_URLS = re.compile(r"""[\s<>"{}|\\^`]""")


class UnsafeURL(BriefError):
    """A source URL that is not a plain http(s) address."""


class Markdown(str):
    """Markdown written by our own code, which `text` passes through unchanged."""


def text(value) -> str:
    """Markdown that reads exactly `value` (line breaks become spaces, as Markdown would show them)."""
    if isinstance(value, Markdown):
        return value
    return PUNCTUATION.sub(r"\\\1", LINE_BREAKS.sub(" ", str(value)))


def strong(value) -> Markdown:
    return Markdown(f"**{text(value)}**")


def attribute(value) -> str:
    """A quoted attribute value ({key="..."}) that reads as `value`. Quarto expands shortcodes
    inside attribute values after pandoc has undone any escaping, so an opener `{{` is split
    with a zero-width space; such text can only come from a data mistake."""
    value = LINE_BREAKS.sub(" ", str(value)).replace("{{", "{\u200b{")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def web_url(url: str) -> str:
    """The URL if it is an http(s) URL a Markdown link can hold; UnsafeURL says why not."""
    url = str(url)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UnsafeURL(f"not an http(s) URL: {url!r}")
    if NOT_IN_URLS.search(url):
        raise UnsafeURL(f"a character no URL may hold (space, quote, <, >, braces...) in {url!r}")
    return url


def link(label, url: str) -> Markdown:
    """A link to a source's web page: the only kind of link the data can give."""
    return Markdown(f"[{text(label)}]({text(web_url(url))})")
