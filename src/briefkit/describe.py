"""What an HTML edition says about itself, the same under Quarto and pandoc: a <title> naming
the edition, <meta> author, description, keywords and dates (WeasyPrint copies them into the
PDF's document info and XMP), and a <main> landmark around everything after the title block.

The words come from the report's front matter (`document-metadata`), the date from the data:
creation and modification are the edition date, never the build time, so a rebuild of the
same edition describes itself the same way.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html import escape

from . import BriefError

MANAGED_META = re.compile(r'\s*<meta name="(?:author|description|keywords|dcterms\.[a-z]+)"[^>]*>')
TITLE = re.compile(r"<title>.*?</title>", re.S)
TITLE_BLOCK = re.compile(r"<header id=\"title-block-header\"[^>]*>.*?</header>\n?", re.S)


class MetadataError(BriefError):
    """The report's front matter does not describe the edition; the message says what is missing."""


@dataclass(frozen=True)
class EditionMetadata:
    title: str
    author: str
    description: str
    keywords: tuple[str, ...]
    date: dt.date
    running_title: str = ""   # the page header's words from page 2 on (document-metadata: running-title)

    @classmethod
    def of(cls, front_matter: dict, origin: str, date: dt.date, date_text: str) -> EditionMetadata:
        """From a report's front matter; `date_text` is the edition date as the brief writes it."""
        described = front_matter.get("document-metadata") or {}
        missing = [k for k in ("edition", "author", "description", "keywords") if not described.get(k)]
        if "title" not in front_matter or missing:
            raise MetadataError(f"{origin}: front matter needs title and document-metadata with "
                                f"{', '.join(missing or ['title'])}")
        return cls(title=f"{front_matter['title']}. {described['edition']}, {date_text}",
                   author=described["author"], description=described["description"],
                   keywords=tuple(described["keywords"]), date=date,
                   running_title=described.get("running-title") or front_matter["title"])

    def head(self) -> str:
        meta = {"author": self.author, "description": self.description, "keywords": ", ".join(self.keywords),
                "dcterms.created": self.date.isoformat(), "dcterms.modified": self.date.isoformat()}
        return f"<title>{escape(self.title)}</title>\n" + "".join(
            f'<meta name="{name}" content="{escape(value)}" />\n' for name, value in meta.items())


def describe(html: str, metadata: EditionMetadata) -> str:
    """The HTML with our <title>/<meta> in place of the engine's and a <main> landmark, which carries
    the running title the page header prints (brief.css: string-set from its attribute)."""
    html = MANAGED_META.sub("", html)
    html, titles = TITLE.subn(lambda _: metadata.head().rstrip("\n"), html, count=1)
    if titles != 1:
        raise MetadataError("the HTML has no <title> to replace")
    if "<main" not in html:
        body = html.index(">", html.index("<body")) + 1
        header = TITLE_BLOCK.search(html, body)
        start = header.end() if header and not html[body:header.start()].strip() else body
        end = html.rindex("</body>")
        html = (f'{html[:start]}<main data-running-title="{escape(metadata.running_title)}">\n'
                f"{html[start:end]}</main>\n{html[end:]}")
    return html
