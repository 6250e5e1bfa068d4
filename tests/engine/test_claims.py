"""Every number the fixture's HTML prints is a claim with a ledger entry, its rows and sources;
figure captions print numbers only as claims; a value resting only on weak sources carries †
in prose, caption and alt text."""
import json
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from briefkit.facts import WEAK_MARK


class Claims(HTMLParser):
    """Each data-claim span (key, its text and the text right after it), figcaptions, image alt texts."""

    def __init__(self, html: str):
        super().__init__()
        self.claims, self.captions, self.alts, self._open = [], [], [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.alts.append(attrs.get("alt", ""))
        if tag == "figcaption":
            self._open.append(["caption", ""])
        elif "data-claim" in attrs:
            self._open.append([attrs["data-claim"], ""])
        elif self._open:
            self._open.append(None)

    def handle_data(self, data):
        for item in self._open:
            if item:
                item[1] += data

    def handle_endtag(self, tag):
        if not self._open:
            return
        item = self._open.pop()
        if item and item[0] == "caption":
            self.captions.append(item[1])
        elif item:
            self.claims.append(tuple(item))


@pytest.fixture(scope="module")
def html(tiny_built):
    return (tiny_built / "_output" / "tiny" / "brief.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def ledger(tiny_built):
    claims = json.loads((tiny_built / "_output" / "tiny" / "claims.json").read_text(encoding="utf-8"))["claims"]
    return {c["key"]: c for c in claims}


def test_every_claim_span_has_a_ledger_entry_with_rows_and_sources(tiny_built, html, ledger):
    spans = Claims(html).claims
    assert len({key for key, _ in spans}) >= 30
    for key, text in spans:
        assert key in ledger, key
        assert text == ledger[key]["text"], key
        if not key.startswith(("edition.", "grades.")):     # counts of the package's own sources
            assert ledger[key]["rows"] and ledger[key]["sources"], key


def test_every_ledger_row_is_a_row_of_the_data(tiny_built, ledger):
    data = tiny_built / "data" / "tiny"
    for claim in ledger.values():
        for row in claim["rows"]:
            table = pd.read_csv(data / f"{row['table']}.csv", dtype=str, keep_default_na=False)
            hit = table
            for column, value in row["key"].items():
                hit = hit[hit[column] == value]
            assert len(hit) == 1, (claim["key"], row)
            assert set(hit["source_id"]) <= set(claim["sources"]), claim["key"]


def test_numbers_in_figure_captions_are_claims(html):
    parsed = Claims(html)
    figures = [c for c in parsed.captions if c.strip().startswith("Figure")]
    assert len(figures) == 4
    claimed = {text for _, text in parsed.claims}
    for caption in figures:
        rest = caption
        for text in sorted(claimed, key=len, reverse=True):
            rest = rest.replace(text, "")
        rest = re.sub(r"^\s*Figure\s\d+:", "", rest)
        assert not re.search(r"\d", rest), caption


def test_a_weak_only_value_carries_the_mark_in_prose_caption_and_alt(html, ledger):
    assert ledger["beta.latest"]["weak"] and ledger["beta.latest"]["text"] == "$200 million"
    weak = re.escape('data-claim="beta.latest"')
    marked = re.findall(rf'<span [^>]*{weak}[^>]*>\$200 million</span>{WEAK_MARK}', html)
    parsed = Claims(html)
    assert len(marked) >= 2                                        # the prose and Figure 1's caption
    assert any("$200 million" + WEAK_MARK in caption for caption in parsed.captions)
    assert any("beta was $200 million" + WEAK_MARK in alt for alt in parsed.alts), parsed.alts
    assert not re.search(rf'{weak}[^>]*>\$200 million</span>(?!{WEAK_MARK})', html)
    assert "$230 million" + WEAK_MARK not in html                 # alpha's sources are not weak
