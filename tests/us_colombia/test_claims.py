"""Every number the US–Colombia brief prints is traceable: each marked span in the HTML has a
ledger entry (claims.json) with the same text, data rows and source ids; numbers in figure
captions are marked spans; values resting only on weak sources carry † in prose, captions and
alt text."""
import csv
import html
import json
import re

import jsonschema
import pytest

from briefkit import spec as briefspec
from briefkit.claims import Printed, plain
from briefkit.facts import WEAK_MARK
from briefkit.paths import Brief

from .conftest import ROOT, fact_book, output, pdf_text

NUM_SPAN = re.compile(r'<span class="num" data-claim="([\w.]+)"(?: data-sources="([^"]*)" title="([^"]*)")?>(.*?)</span>(†?)')
REPORTS = ["brief", "summary"]


def ledger(project) -> dict:
    return json.loads(output(project, "claims.json").read_text(encoding="utf-8"))


def claims(project) -> dict[str, dict]:
    return {c["key"]: c for c in ledger(project)["claims"]}


def csv_rows(project, table: str, key: dict) -> list[dict]:
    with open(project / "data" / "us-colombia" / f"{table}.csv", encoding="utf-8", newline="") as f:
        return [row for row in csv.DictReader(f) if all(row[k] == v for k, v in key.items())]


def page(project, report: str) -> str:
    return output(project, f"{report}.html").read_text(encoding="utf-8")


def test_the_ledger_is_valid_and_published_as_built(built, built_brief):
    book = ledger(built)
    schema = json.loads((ROOT / "docs" / "claims.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(book, schema)
    assert (book["format"], book["version"]) == ("briefkit-claims", 1)
    assert output(built, "claims.json").read_bytes() == built_brief.claims.read_bytes()


def test_every_claim_names_real_rows_and_their_sources(built):
    with open(built / "data" / "us-colombia" / "sources.csv", encoding="utf-8", newline="") as f:
        source_ids = {row["id"] for row in csv.DictReader(f)}
    with_rows = 0
    for claim in ledger(built)["claims"]:
        assert set(claim["sources"]) <= source_ids, claim["key"]
        row_sources = set()
        for ref in claim["rows"]:
            [row] = csv_rows(built, ref["table"], ref["key"])            # exactly one row per reference
            row_sources.add(row["source_id"])
        if claim["rows"]:
            with_rows += 1
            assert set(claim["sources"]) == row_sources, claim["key"]
    assert with_rows > 100


@pytest.mark.parametrize("report", REPORTS)
def test_every_marked_number_is_in_the_ledger_as_printed(built, report):
    ledger_claims = claims(built)
    spans = NUM_SPAN.findall(page(built, report))
    assert len(spans) > 20
    for key, sources, title, text, mark in spans:
        claim = ledger_claims[key]
        assert html.unescape(text) == claim["text"], key
        assert sources.split() == claim["sources"], key
        assert title == ("Sources: " + ", ".join(claim["sources"]) if claim["sources"] else ""), key
        # weak-only values carry the mark right after the span; nothing else does
        assert (mark == WEAK_MARK) == claim["weak"], key


@pytest.mark.parametrize("report", REPORTS)
def test_every_data_claim_with_a_value_is_marked_with_sources(built, report):
    """A span with no data-sources would be a number nobody can trace."""
    for key, sources, _, _, _ in NUM_SPAN.findall(page(built, report)):
        claim = claims(built)[key]
        if claim["value"] is not None and not key.startswith(("edition.", "grades.", "events.")):
            assert sources, key


def test_a_number_in_the_pdf_traces_to_its_csv_row(built):
    """'261,000 hectares' in the brief -> claim coca_area_unodc.latest -> narcotics.csv 2024 -> its source."""
    claim = claims(built)["coca_area_unodc.latest"]
    assert claim["text"] == "261,000 hectares" and claim["text"] in pdf_text(output(built, "brief.pdf"))
    assert '<span class="num" data-claim="coca_area_unodc.latest" data-sources="caracol-com-co-4e6f10" ' \
           'title="Sources: caracol-com-co-4e6f10">261,000 hectares</span>' in page(built, "brief")
    assert claim["rows"] == [{"table": "narcotics", "key": {"measure": "coca_area_unodc", "period": "2024"}}]
    [row] = csv_rows(built, "narcotics", claim["rows"][0]["key"])
    assert float(row["value"]) == claim["value"] == 261000 and row["status"] == "leaked"
    assert claim["sources"] == [row["source_id"]]
    assert f'id="src-{row["source_id"]}"' in page(built, "brief")       # the Sources entry the title names


@pytest.mark.parametrize("report, expected", [
    ("brief", ["261,000 hectares", "$1.6 billion surplus†", "$722 million†", "about 3 times†", "up 73%",
               "3 February 2026", "$37.3 billion†"]),
    ("summary", ["261,000 hectares", "$722 million†"]),
])
def test_the_pdf_text_has_the_numbers(built, report, expected):
    text = pdf_text(output(built, f"{report}.pdf"))
    for number in expected:
        assert number in text, number


def test_table_values_are_claims(built):
    """Numbers only in tables (the glance indicators) are marked and in the ledger."""
    keys = {key for key, *_ in NUM_SPAN.findall(page(built, "brief"))}
    assert {"coca_area_unodc.latest_short", "us_goods_exports.latest_short"} <= keys
    claim = claims(built)["us_goods_exports.latest_short"]
    assert claim["text"] == "$19.5bn" and claim["weak"]              # Census figures read through a mirror
    [row] = csv_rows(built, "trade", claim["rows"][0]["key"])
    assert float(row["value"]) == claim["value"]


def figure_captions(text: str) -> dict[str, str]:
    return dict(re.findall(r'<figcaption[^>]*id="fig-([\w-]+)-caption">\s*(.*?)\s*</figcaption>', text, re.S))


def test_numbers_in_figure_captions_are_claims(built):
    captions = figure_captions(page(built, "brief"))
    assert len(captions) == 7
    ledger_claims = claims(built)
    marked = 0
    for name, caption in captions.items():
        spans = NUM_SPAN.findall(caption)
        marked += len(spans)
        for key, _, _, text, mark in spans:
            assert html.unescape(text) == ledger_claims[key]["text"], (name, key)
        # outside the spans, only the figure's number and years naming periods
        rest = re.sub(r"^Figure\s+\d+:", "", NUM_SPAN.sub("", caption))
        assert re.findall(r"\d[\d,.%]*", re.sub(r"\b(?:FY)?(?:19|20)\d\d\b", "", rest)) == [], (name, rest)
    assert marked >= 10
    assert "about 3 times</span>†" in captions["poverty"]               # a weak value in a caption is marked


def alt_texts(text: str) -> list[str]:
    return [html.unescape(alt) for alt in re.findall(r'<img[^>]*?\balt="([^"]*)"', text)]


class Recorded(Printed):
    """Alt text's view of the facts, remembering which it was asked for."""

    def __init__(self, book):
        super().__init__(book, plain)
        self.asked = []

    def __getitem__(self, key):
        self.asked.append(key)
        return super().__getitem__(key)


def test_alt_texts_are_the_figures_words_with_weak_marks(built):
    book = fact_book(built)
    spec = briefspec.load(Brief("us-colombia", built))
    shown = alt_texts(page(built, "brief"))
    expected, weak_seen = [], 0
    for name, figure in spec.figures.items():
        view = Recorded(book)
        alt = spec.words(figure["alt"], f"figures.{name}.alt")(view)
        expected.append(alt)
        for key in view.asked:
            fact = book[key]
            if fact.weak:
                weak_seen += 1
                assert fact.text + WEAK_MARK in alt, (name, key)
            elif fact.is_number:
                assert fact.text + WEAK_MARK not in alt, (name, key)
    assert sorted(shown) == sorted(expected)
    assert weak_seen >= 5
    trade = next(a for a in shown if a.startswith("Line chart of annual US goods"))
    assert "exports were $19.5 billion† and imports $17.9 billion†, a US $1.6 billion surplus†" in trade
    assert not any(re.search(r"<|\{\.num", a) for a in shown)           # plain text, no markup
