"""The claims ledger: every computed value a brief shows, how it reads, how it was computed and
the data rows and sources behind it (`_output/<brief>/claims.json`, described by
docs/claims.schema.json), and the markup that ties each printed number to its entry, wherever it
is printed: prose, table cells, figure captions (a marked span) and alt text (the text with the
weak-source mark; an attribute cannot hold markup)."""
from __future__ import annotations

import json
import re
from dataclasses import replace

from .facts import WEAK_MARK, Fact, FactBook

FORMAT = "briefkit-claims"
VERSION = 1
# Only the characters that can start Markdown, HTML or a shortcode, not all punctuation as
# markdown.text escapes: the facts file is also read by tools (an ISO date must stay one).
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~^$@])")


def marked(fact: Fact) -> str:
    """Markdown for a fact as printed: a number becomes <span class="num" data-claim=KEY ...>,
    whose title and data-sources name its source ids (entries `src-ID` in the Sources list);
    a value resting only on weak sources is followed by the weak-source mark."""
    if fact.markup:
        return fact.text
    text = MARKDOWN_SPECIAL.sub(r"\\\1", fact.text)
    mark = WEAK_MARK if fact.weak else ""   # after the span, so the span holds the ledger's text
    if not fact.is_number:
        return text + mark
    attributes = f'.num data-claim="{fact.key}"'
    if fact.sources:
        attributes += f' data-sources="{" ".join(fact.sources)}" title="Sources: {", ".join(fact.sources)}"'
    return f"[{text}]{{{attributes}}}{mark}"


def plain(fact: Fact) -> str:
    """A fact as alt text prints it: its words, with the weak-source mark."""
    return fact.text + (WEAK_MARK if fact.weak else "")


class Printed:
    """The facts as one kind of printed text sees them: `view[key].text` is the fact as printed
    there (marked Markdown in captions, plain text with its mark in alt text), while value, period
    and `plain_text` stay the fact's own for comparisons. Every fact asked for enters the ledger."""

    def __init__(self, book: FactBook, shown=marked):
        self.book, self.shown = book, shown

    def __getitem__(self, key: str) -> Fact:
        fact = self.book[key]
        return replace(fact, text=self.shown(fact))

    def __contains__(self, key: str) -> bool:
        return key in self.book

    def get(self, key: str) -> Fact | None:
        return self[key] if key in self else None

    def plain_text(self, key: str) -> str:
        return self.book[key].text


def ledger(book: FactBook) -> dict:
    return {"format": FORMAT, "version": VERSION, "schema": "docs/claims.schema.json",
            "claims": [book.facts[key].record() for key in sorted(book.facts) if not book.facts[key].markup]}


def ledger_json(book: FactBook) -> str:
    return json.dumps(ledger(book), indent=1, ensure_ascii=False) + "\n"
