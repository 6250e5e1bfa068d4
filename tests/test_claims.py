"""Every number is traceable: the claims ledger, the marked numbers in the HTML, and the
refusal of statistics typed into a report."""
import csv
import html
import json
import re
import shutil

import jsonschema
import pytest

from briefkit import paths
from briefkit.claims import marked
from briefkit.literals import LiteralStatistic, check_reports, literal_statistics

from .conftest import make
from .test_build import pdf_text

NUM_SPAN = re.compile(r'<span class="num" data-claim="([\w.]+)"(?: data-sources="([^"]*)" title="[^"]*")?>(.*?)</span>')


def ledger(project) -> dict:
    return json.loads((project / "_output" / "claims.json").read_text(encoding="utf-8"))


def csv_row(project, table: str, key: dict) -> dict:
    with open(project / "data" / f"{table}.csv", encoding="utf-8", newline="") as f:
        hits = [row for row in csv.DictReader(f) if all(row[k] == v for k, v in key.items())]
    assert len(hits) == 1, (table, key)
    return hits[0]


def test_a_number_in_the_pdf_traces_to_its_csv_row(built):
    """'261,000 hectares' in the brief -> claim coca_area_unodc.latest -> narcotics.csv, 2024 -> its source."""
    claims = {c["key"]: c for c in ledger(built)["claims"]}
    claim = claims["coca_area_unodc.latest"]
    assert claim["text"] == "261,000 hectares" and claim["text"] in pdf_text(built / "_output" / "brief.pdf")
    page = (built / "_output" / "brief.html").read_text(encoding="utf-8")
    assert '<span class="num" data-claim="coca_area_unodc.latest" data-sources="caracol-com-co-4e6f10" ' \
           'title="Sources: caracol-com-co-4e6f10">261,000 hectares</span>' in page
    assert claim["method"] == "latest" and claim["period"] == "2024"
    assert claim["rows"] == [{"table": "narcotics", "key": {"measure": "coca_area_unodc", "period": "2024"}}]
    row = csv_row(built, "narcotics", claim["rows"][0]["key"])
    assert float(row["value"]) == claim["value"] == 261000
    assert claim["sources"] == [row["source_id"]]
    assert csv_row(built, "sources", {"id": row["source_id"]})["publisher"]
    assert f'id="src-{row["source_id"]}"' in page                   # the Sources list entry the title names


def test_every_claim_names_real_rows_and_their_sources(built):
    book = ledger(built)
    schema = json.loads((paths.ROOT / "docs" / "claims.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(book, schema)
    assert (book["format"], book["version"]) == ("briefkit-claims", 1)
    for claim in book["claims"]:
        for ref in claim["rows"]:
            row = csv_row(built, ref["table"], ref["key"])
            assert row["source_id"] in claim["sources"], claim["key"]
        if claim["rows"]:
            assert set(claim["sources"]) == {csv_row(built, r["table"], r["key"])["source_id"] for r in claim["rows"]}


@pytest.mark.parametrize("edition", ["brief", "summary"])
def test_every_marked_number_is_in_the_ledger_as_printed(built, edition):
    claims = {c["key"]: c for c in ledger(built)["claims"]}
    spans = NUM_SPAN.findall((built / "_output" / f"{edition}.html").read_text(encoding="utf-8"))
    assert len(spans) > 20
    for key, sources, text in spans:
        assert html.unescape(text) == claims[key]["text"], key
        assert sources.split() == claims[key]["sources"], key


def test_table_values_are_claims(built):
    """Numbers only in tables (the glance indicators) are marked and in the ledger."""
    page = (built / "_output" / "brief.html").read_text(encoding="utf-8")
    keys = {key for key, _, _ in NUM_SPAN.findall(page)}
    assert {"coca_area_unodc.latest_short", "us_goods_exports.latest_short"} <= keys
    claim = {c["key"]: c for c in ledger(built)["claims"]}["us_goods_exports.latest_short"]
    assert claim["text"] == "$19.5bn" and claim["weak"]              # Census figures read through a mirror
    assert float(csv_row(built, "trade", claim["rows"][0]["key"])["value"]) == claim["value"]


def test_marked_text_is_escaped_markdown(computed):
    span = marked(computed["trade.balance.latest"])
    assert span.startswith(r"[\$1.6 billion surplus]{.num data-claim=")
    assert marked(computed["edition.data_as_of_iso"]) == "2026-11-25"    # a label, not a number: left plain


@pytest.mark.parametrize("text, found", [
    ("Coca covered 261,000 hectares in 2024.", [(1, "261,000")]),
    ("Output is up 73% since 2022; aid was $722 million.", [(1, "73%"), (1, "$722")]),
    ("Approval rose 3.5 points.", [(1, "3.5")]),
    ("---\ntitle: x\npage-budget: {min: 6, max: 10}\n---\n\nNothing 12 here.", [(6, "12")]),
])
def test_lint_finds_typed_statistics(text, found):
    assert literal_statistics(text) == found


def test_lint_allows_years_dates_and_references():
    text = ("Since 2022, on 7 August 2022 and August 7, 2023, in FY2024 and the 1990s (@fig-coca), "
            "see Section 122, Figure 2, page 3 and Appendix B; {{< var coca.latest >}} [x]{.a data-n=\"5\"}")
    assert literal_statistics(text) == []


def test_lint_names_file_and_line(tmp_path):
    (tmp_path / "reports").mkdir()
    qmd = tmp_path / "reports" / "note.qmd"
    qmd.write_text("---\ntitle: Note\n---\n\nFine in 2024.\nCoca grew 13% last year.\n", encoding="utf-8")
    with pytest.raises(LiteralStatistic, match=r"reports/note.qmd, line 6: the number '13%' is typed in"):
        check_reports([qmd], tmp_path)


def test_build_refuses_a_typed_statistic(built, engine, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(built, project, copy_function=shutil.copy2)
    # the brief keeps its last good pair; the summary may be rebuilt (its colophon now says the
    # tree has uncommitted changes), so only the brief's files are compared
    before = {p.name: p.read_bytes() for p in (project / "_output").glob("brief.*")}
    qmd = project / "reports" / "brief.qmd"
    lines = qmd.read_text(encoding="utf-8").splitlines()
    at = lines.index("## Outlook") + 2
    lines.insert(at, "Coca now covers 261,000 hectares.")
    qmd.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = make(project, "report", engine=engine)
    assert result.returncode != 0
    assert f"reports/brief.qmd, line {at + 1}: the number '261,000' is typed in" in result.stderr
    assert "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in (project / "_output").glob("brief.*")} == before


def test_facts_keep_the_rows_they_were_computed_from(computed):
    # 2025 balance = exports 19,468.0 - imports 17,879.1: both rows of trade.csv, one source.
    balance = computed["trade.balance.latest"]
    assert balance.method == "difference"
    assert [(r.table, dict(r.key)) for r in balance.rows] == [
        ("trade", {"measure": "us_goods_exports", "period": "2025"}),
        ("trade", {"measure": "us_goods_imports", "period": "2025"})]
    change = computed["coca.change_since_inauguration"]                       # 230,000 ha (2022) -> 261,000 ha (2024)
    assert change.method == "change between periods"
    assert [dict(r.key)["period"] for r in change.rows] == ["2022", "2024"]
    assert computed["date.meeting"].rows[0].table == "timeline"
