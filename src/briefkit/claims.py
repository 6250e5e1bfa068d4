"""The claims ledger: every computed value the editions show, how it reads, how it was
computed and the data rows and sources behind it (`_output/claims.json`, described by
docs/claims.schema.json), and the markup that ties each number in the HTML to its entry."""
from __future__ import annotations

import json
import re

from .facts import Fact, Facts
from .grades import WEAK_MARK

FORMAT = "briefkit-claims"
VERSION = 1
# Only the characters that can start Markdown, HTML or a shortcode, not all punctuation as
# markdown.text escapes: _variables.yml is also read by tools (an ISO date must stay one).
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~^$@])")


def is_number(fact: Fact) -> bool:
    """A value read from or computed on data rows (labels such as a period name are not)."""
    return fact.value is not None or bool(fact.sources)


def marked(fact: Fact) -> str:
    """Markdown for a fact as printed: a number becomes <span class="num" data-claim=KEY ...>,
    whose title and data-sources name its source ids (entries `src-ID` in the Sources list);
    a value resting only on weak sources is followed by the weak-source mark."""
    text = MARKDOWN_SPECIAL.sub(r"\\\1", fact.text)
    mark = WEAK_MARK if fact.weak else ""   # after the span, so the span holds the ledger's text
    if not is_number(fact):
        return text + mark
    attributes = f'.num data-claim="{fact.key}"'
    if fact.sources:
        attributes += f' data-sources="{" ".join(fact.sources)}" title="Sources: {", ".join(fact.sources)}"'
    return f"[{text}]{{{attributes}}}{mark}"


def ledger(facts: Facts) -> dict:
    return {"format": FORMAT, "version": VERSION, "schema": "docs/claims.schema.json",
            "claims": [facts[key].record() for key in sorted(facts)]}


def ledger_json(facts: Facts) -> str:
    return json.dumps(ledger(facts), indent=1, ensure_ascii=False) + "\n"
