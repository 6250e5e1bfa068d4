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

NUM_SPAN = re.compile(r'<span class="num" data-claim="([\w.-]+)"(?: data-sources="([^"]*)" title="([^"]*)")?>(.*?)</span>(†?)')
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
    """'261,000 hectares' in the brief -> claim coca_area_unodc.latest -> narcotics.csv 2024 (approximate) -> its source."""
    claim = claims(built)["coca_area_unodc.latest"]
    assert claim["text"] == "261,000 hectares" and claim["text"] in pdf_text(output(built, "brief.pdf"))
    assert '<span class="num" data-claim="coca_area_unodc.latest" data-sources="caracol-com-co-4e6f10" ' \
           'title="Sources: caracol-com-co-4e6f10">261,000 hectares</span>' in page(built, "brief")
    assert claim["rows"] == [{"table": "narcotics", "key": {"measure": "coca_area_unodc", "period": "2024"}}]
    [row] = csv_rows(built, "narcotics", claim["rows"][0]["key"])
    assert float(row["value"]) == claim["value"] == 261000 and row["status"] == "approximate"
    assert claim["sources"] == [row["source_id"]]
    assert f'id="src-{row["source_id"]}"' in page(built, "brief")       # the Sources entry the title names


@pytest.mark.parametrize("report, expected", [
    ("brief", ["261,000 hectares", "$1.6 billion surplus", "$722 million", "about 3 times†", "3,001 metric tons",
               "3 February 2026", "$37.3 billion", "862 metric tons", "820 metric tons", "$248 million",
               "6% below the FY2011 peak of $768 million"]),
    ("summary", ["261,000 hectares", "$722 million", "862 metric tons", "$37.3 billion",
                 "6% below the FY2011 peak of $768 million"]),
])
def test_the_pdf_text_has_the_numbers(built, report, expected):
    text = pdf_text(output(built, f"{report}.pdf"))
    for number in expected:
        assert number in text, number
    # Census and ForeignAssistance.gov are graded official (by producer) now: no weak mark after them
    for official in ("$1.6 billion surplus†", "$722 million†", "$37.3 billion†"):
        assert official not in text, official


def test_table_values_are_claims(built):
    """Numbers only in tables (the glance indicators) are marked and in the ledger."""
    keys = {key for key, *_ in NUM_SPAN.findall(page(built, "brief"))}
    assert {"coca_area_unodc.latest_short", "us_goods_exports.latest_short"} <= keys
    claim = claims(built)["us_goods_exports.latest_short"]
    assert claim["text"] == "$19.5bn" and not claim["weak"]          # Census figures (a mirror, graded by producer)
    [row] = csv_rows(built, "trade", claim["rows"][0]["key"])
    assert float(row["value"]) == claim["value"]


def figure_captions(text: str) -> dict[str, str]:
    return dict(re.findall(r'<figcaption[^>]*id="fig-([\w-]+)-caption">\s*(.*?)\s*</figcaption>', text, re.S))


def test_numbers_in_figure_captions_are_claims(built):
    captions = figure_captions(page(built, "brief"))
    assert list(captions) == ["coca", "enforcement", "trade", "aid", "migration", "venezuela-trade", "poverty"]
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
    assert marked >= 8
    assert "about 3 times</span>†" in captions["poverty"]               # a weak value in a caption is marked


# Weak-only values in the brief's alt texts: Venezuelans in Colombia, February 2024 (2,845,706, a weak
# source) in the migration figure; rural 24.3% and urban 7.8% in 2024 (Prensa Latina, weak) in poverty.
WEAK_IN_ALT_TEXTS = 3
FIGURE_SOURCES = {   # distinct source_id of each figure's rows, counted by hand in data/us-colombia/*.csv
    # narcotics.csv coca_area_unodc + cocaine_production_unodc rows, 2001-2024
    "coca": 24,
    # narcotics.csv eradication_forced_manual + cocaine_seizures rows
    "enforcement": 21,
    # migration.csv venezuelans_in_colombia + usbp_encounters_colombians rows
    "migration": 10,
    # trade.csv: github-corbett-hobbs-156546 (2010-2025) and -ada6e8 (2026, partial)
    "trade": 2,
    # rural.csv colombia_venezuela_trade: el-nacional (2016-17), swissinfo (2008, 2020, 2024-25), eltiempo (2021),
    # economiahoy (2023)
    "venezuela-trade": 4,
    # rural.csv mpi_poverty_*: semana (2018-19), elespectador (2020), valoraanalitik and portafolio (2021),
    # elnuevosiglo (2022), prensa-latina (2023-24)
    "poverty": 6,
}


def test_figure_source_lines_count_documents_as_claims(built):
    """'as published in 24 documents': the count is a claim (figures.<name>.documents) with the
    rows it counts and their sources; a figure from one source names it instead (aid)."""
    ledger_claims, text = claims(built), page(built, "brief")
    spans = {key: (sources, shown) for key, sources, _, shown, _ in NUM_SPAN.findall(text)
             if key.startswith("figures.")}
    assert spans == {f"figures.{name}.documents": (" ".join(ledger_claims[f"figures.{name}.documents"]["sources"]),
                                                   str(count)) for name, count in FIGURE_SOURCES.items()}
    for name, count in FIGURE_SOURCES.items():
        claim = ledger_claims[f"figures.{name}.documents"]
        assert claim["value"] == count == len(claim["sources"]), name
        assert claim["method"] == "count of sources"
        found = {csv_rows(built, r["table"], r["key"])[0]["source_id"] for r in claim["rows"]}
        assert found == set(claim["sources"]), name
    assert "figures.aid.documents" not in ledger_claims                 # FY2001-FY2025: one file
    assert "Source: US State Department (ForeignAssistance.gov); accessed 4 December 2026." in text


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
    text = page(built, "brief")
    shown = alt_texts(text)
    in_brief = figure_captions(text)
    expected, weak_seen = [], 0
    for name, figure in spec.figures.items():
        if name not in in_brief:
            continue
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
    assert len(shown) == 7 and weak_seen == WEAK_IN_ALT_TEXTS
    trade = next(a for a in shown if a.startswith("Line chart of annual US goods"))
    assert "exports were $19.5 billion and imports $17.9 billion, a US $1.6 billion surplus." in trade
    poverty = next(a for a in shown if a.startswith("Line chart of multidimensional poverty"))
    assert "7.8%† in 2024" in poverty
    assert not any(re.search(r"<|\{\.num", a) for a in shown)           # plain text, no markup
