"""Editions of the US–Colombia brief: `briefkit edition us-colombia` records one in
editions/us-colombia/; a later edition says what changed since it (terminal, Appendix B, and
page 1 when page 1 changed). Changes are computed directly on edited data; one end-to-end
build (test_room_for_updates.py) checks them in the PDF."""
import json
import shutil

import pikepdf

from briefkit import editions, numbers
from briefkit.__main__ import mark_draft
from briefkit.claims import ledger
from briefkit.datapackage import BriefData
from briefkit.paths import Brief
from briefkit.spec import load
from briefkit.variables import compute

from .conftest import (EDITION, NAME, NEXT_EDITION, PREVIOUS, ROOT, briefkit, output, pdf_pages, pdf_text,
                       publish_on)

COMMITTED = ROOT / "editions" / NAME / f"{EDITION}.json"
PREVIOUS_FILE = f"editions/{NAME}/{PREVIOUS}.json"


def test_the_build_records_an_edition_byte_for_byte_and_refuses_to_overwrite(built):
    recorded = built / "editions" / NAME / f"{EDITION}.json"
    kept = recorded.read_bytes()
    assert kept == COMMITTED.read_bytes()
    recorded.unlink()
    try:
        first = briefkit(built, "edition", NAME)
        assert first.returncode == 0, first.stderr
        assert f"recorded editions/{NAME}/{EDITION}.json" in first.stdout
        assert recorded.read_bytes() == kept                       # the same data give the same file
        again = briefkit(built, "edition", NAME)
        assert again.returncode == 1 and "Traceback" not in again.stderr
        assert f"editions/{NAME}/{EDITION}.json already exists" in again.stderr
        assert f"make edition BRIEF={NAME} EDITION_FORCE=1" in again.stderr
        forced = briefkit(built, "edition", NAME, EDITION_FORCE="1")
        assert forced.returncode == 0 and recorded.read_bytes() == kept
    finally:
        recorded.write_bytes(kept)


def test_the_committed_edition_holds_the_claims_events_and_sources():
    edition = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert (edition["format"], edition["edition"]) == ("briefkit-edition", EDITION)
    claims = {c["key"]: c for c in edition["claims"]}
    assert len(claims) == 159                                   # what this edition prints (the old engine's had 582)
    assert claims["coca_area_unodc.latest"] == {"key": "coca_area_unodc.latest", "text": "261,000 hectares",
                                                "value": 261000.0, "period": "2024", "status": "approximate",
                                                "sources": ["caracol-com-co-4e6f10"]}
    assert (claims["cocaine_seizures.latest"]["text"], claims["cocaine_seizures.partial"]["text"]) == (
        "862 metric tons", "820 metric tons")
    # a figure's source line counts its documents: venezuela-trade reads 4 (rural.csv colombia_venezuela_trade
    # rows come from el-nacional, swissinfo, eltiempo and economiahoy)
    assert (claims["figures.venezuela-trade.documents"]["value"], len(claims["figures.venezuela-trade.documents"]["sources"])) == (4, 4)
    timeline = (ROOT / "data" / NAME / "timeline.csv").read_text(encoding="utf-8").count("\n") - 1
    assert len(edition["events"]) == timeline == 50
    sources = (ROOT / "data" / NAME / "sources.csv").read_text(encoding="utf-8").count("\n") - 1
    assert len(edition["sources"]) == sources == 152
    assert {"id": "aljazeera-com-b2fd50", "publisher": "Al Jazeera",
            "url": "https://www.aljazeera.com/news/2025/11/12/colombias-petro-halts-intelligence-sharing-with-us-over-caribbean-strikes?traffic_source=rss"} \
        in edition["sources"]


def test_the_build_matches_its_recorded_edition_and_lists_changes_since_the_previous(built, builds):
    """The committed edition is this build; the brief compares with the one recorded before it
    (26 November, by the old engine), listing only values both editions print."""
    stdout = builds.results["pandoc"].stdout
    assert (f"edition     matches the recorded edition of 4 December 2026 (editions/{NAME}/{EDITION}.json)"
            in stdout)
    assert "DRAFT" not in stdout and "draft" not in pdf_text(output(built, "brief.pdf"))
    changes = stdout.split("changes     ", 1)[1]
    assert changes.startswith(f"since the edition of 26 November 2026 ({PREVIOUS_FILE}):")
    # seizures: 746.3 t (2023) was the latest full year then; 861.766 t (2024) now
    assert "Cocaine seized by Colombian authorities: 746 metric tons (2023) -> 862 metric tons (2024)" in changes
    # aid: the FY2021 peak of 755.0 then; FY2001-FY2025 now has FY2011's 767.9 (722.1 / 767.9 = 94%)
    assert ("US assistance to Colombia: disbursements (against peak), FY2024: just below the FY2021 peak of "
            "$755 million -> 6% below the FY2011 peak of $768 million") in changes.split("Wording changed:")[1]
    # the old edition recorded no period for first_period: neither side names one
    assert "US assistance to Colombia: disbursements (first period): FY2015 -> FY2001\n" in changes
    # values only one edition prints are not changes: the old edition printed the aid's 10-year change
    # ('no comparable figure for 2014'), this one does not print it; nor the 2025 seizures' cut-off
    old = {c["key"] for c in json.loads((ROOT / PREVIOUS_FILE).read_text(encoding="utf-8"))["claims"]}
    new = {c["key"] for c in json.loads(COMMITTED.read_text(encoding="utf-8"))["claims"]}
    assert "aid_disbursements.change_10y" in old - new and "change 10y" not in changes
    assert "cocaine_seizures.partial_span" in old - new and "partial span" not in changes
    text = pdf_text(output(built, "brief.pdf"))
    assert f"Changes since the edition of 26 November 2026 (as recorded in {PREVIOUS_FILE})" in text
    # seizures, aid's first period, the ally date and the four source counts (official 18 -> 25,
    # established 93 -> 99, weak 42 -> 28, values resting only on weak sources): each on a line of its own
    assert "Values changed (7):" in text and "Wording changed (1):" in text
    # page 1 prints five values that changed since 26 November: seizures (latest, its year, and where it
    # stands against the peak) and aid (where it stands against the peak, and the year its data begin)
    for report in ("brief", "summary"):
        first = pdf_pages(output(built, f"{report}.pdf"))[0]
        assert ("Updated since the edition of 26 November 2026: 5 figures or claims on this page (Cocaine seized by "
                "Colombian authorities, US assistance to Colombia: disbursements)") in first, report


def changes_in(edited):
    """What the brief would list, on the edited copy with the committed edition beside it."""
    (edited.root / "editions" / NAME).mkdir(parents=True)
    for recorded in (COMMITTED.parent / f"{PREVIOUS}.json", COMMITTED):
        (edited.root / "editions" / NAME / recorded.name).write_bytes(recorded.read_bytes())
    publish_on(edited.path, NEXT_EDITION)
    spec = load(Brief(NAME, edited.root))
    numbers.use_locale(spec.lang)
    book, pieces = compute(spec, BriefData(edited.path))
    page_one = spec.document["page_one"]
    first = editions.page_one_keys(spec.brief, page_one["documents"], {n: pieces[n] for n in page_one["pieces"]})
    latest = editions.latest(before=book["edition.date_iso"].text, brief=spec.brief)
    changes = editions.compare(latest, editions.snapshot(ledger(book), book.data, spec.events), first)
    names = book.data.measures["short_label"].to_dict()
    return changes, first, names


def test_unchanged_data_in_a_later_edition_say_so(edited):
    changes, first, names = changes_in(edited)
    assert not changes
    assert editions.terminal_summary(changes, names) == (
        f"nothing changed since the edition of 4 December 2026 (editions/{NAME}/{EDITION}.json)")
    assert "none; every figure, claim, event and source is as recorded" in editions.changes_section(changes, names)
    assert editions.page_one_line(changes, first, names) == ""


def test_a_changed_page_one_value_is_listed_and_flagged_on_page_one(edited):
    edited.edit("narcotics.csv", {"measure": "coca_area_unodc", "period": "2024"}, "value", "262000")
    changes, first, names = changes_in(edited)
    summary = editions.terminal_summary(changes, names)
    assert "Coca area, 2024: 261,000 hectares -> 262,000 hectares" in summary
    section = editions.changes_section(changes, names)      # Markdown: punctuation escaped
    # one line per measure: coca_area_unodc.latest_short and coca.change_since_inauguration move with it
    assert ("*Values changed (1):* Coca area\\, 2024\\: 261\\,000 hectares \u2192 262\\,000 hectares "
            "\\(and 2 related claims\\)") in section
    line = editions.page_one_line(changes, first, names, load(edited.brief).document["page_one"]["changes_listed"])
    assert "on this page \\(Coca area\\)" in line and "Appendix B" in line


def test_a_new_record_is_a_wording_change_off_page_one(edited):
    # Border Patrol encounters FY2024 112,170 -> 200,000: above FY2023's 154,270, a new high (series from FY2019)
    edited.edit("migration.csv", {"measure": "usbp_encounters_colombians", "period": "2024"}, "value", "200000")
    changes, first, names = changes_in(edited)
    assert [n["key"] for _, n in changes.wording] == ["usbp_encounters_colombians.record",
                                                      "usbp_encounters_colombians.since_peak"]
    summary = editions.terminal_summary(changes, names)
    assert "Border Patrol encounters, FY2024: 112,170 -> 200,000" in summary
    assert ("Border Patrol encounters (record): not a record -> the highest since the series began in FY2019 "
            "(and 1 related claim)") in summary.split("Wording changed:")[1]
    assert editions.page_one_line(changes, first, names) == ""          # encounters are not on page 1


def test_added_and_dropped_events_and_sources_are_listed(edited):
    edited.edit("timeline.csv", {"source_id": "aljazeera-com-b2fd50"}, "source_id", "aljazeera-com-000001")
    edited.edit("sources.csv", {"id": "aljazeera-com-b2fd50"}, "id", "aljazeera-com-000001")
    edited.edit("timeline.csv", {"date": "2025-11-11"}, "event", "Petro suspends intelligence sharing with US agencies.")
    changes, _, names = changes_in(edited)
    assert [e["event"] for e in changes.events_added] == ["Petro suspends intelligence sharing with US agencies."]
    assert [e["date"] for e in changes.events_dropped] == ["2025-11-11"]
    assert [s["id"] for s in changes.sources_added] == ["aljazeera-com-000001"]
    assert [s["id"] for s in changes.sources_dropped] == ["aljazeera-com-b2fd50"]
    section = editions.changes_section(changes, names)
    assert "*Events added (1):* 11 November 2025\\: Petro suspends intelligence sharing with US agencies" in section
    assert "*Sources added (1):* Al Jazeera \\(aljazeera\\.com\\)." in section


# --- an edition date names one content: other data under the same date are a draft -----------------
DRAFT_DATE = "4 December 2026 (draft: differs from the recorded edition)"


def draft_line(edited):
    """mark_draft on the copy as it is, with the committed editions beside it (same edition date)."""
    (edited.root / "editions" / NAME).mkdir(parents=True, exist_ok=True)
    (edited.root / "editions" / NAME / COMMITTED.name).write_bytes(COMMITTED.read_bytes())
    brief = Brief(NAME, edited.root)
    spec = load(brief)
    numbers.use_locale(spec.lang)
    data = BriefData(edited.path)
    book, _ = compute(spec, data)
    assert book["edition.date_iso"].text == EDITION
    return mark_draft(brief, spec, data, book), book


def test_the_same_data_match_the_recorded_edition(edited):
    line, book = draft_line(edited)
    assert line == f"matches the recorded edition of 4 December 2026 (editions/{NAME}/{EDITION}.json)"
    assert book["edition.date"].text == "4 December 2026"


def test_one_changed_value_under_the_same_edition_date_is_a_draft(edited):
    edited.edit("narcotics.csv", {"measure": "coca_area_unodc", "period": "2024"}, "value", "262000")
    line, book = draft_line(edited)
    assert line.startswith(f"DRAFT: this build differs from the edition recorded for its date (editions/{NAME}/{EDITION}.json)")
    assert f"make edition BRIEF={NAME} EDITION_FORCE=1" in line
    assert "What differs:" in line and "Coca cultivation in Colombia (UNODC), 2024: 261,000 hectares -> 262,000 hectares" in line
    assert book["edition.date"].text == DRAFT_DATE and "draft" in book["edition.date"].text


def test_a_draft_says_so_in_the_page_footer_and_the_pdf_title(built, tmp_path):
    """The variables step on changed data, then the two-page summary rendered alone (not published)."""
    project = tmp_path / "draft"
    shutil.copytree(built, project, symlinks=True, copy_function=shutil.copy2)
    path = project / "data" / NAME / "narcotics.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("coca_area_unodc,2024,261000,", "coca_area_unodc,2024,262000,"),
                    encoding="utf-8")
    facts = briefkit(project, "variables", NAME)
    assert facts.returncode == 0, facts.stderr
    assert f"edition     DRAFT: this build differs from the edition recorded for its date (editions/{NAME}/{EDITION}.json)" \
        in facts.stdout
    rendered = briefkit(project, "render", NAME, "summary")
    assert rendered.returncode == 0, rendered.stderr
    pdf = project / "_build" / NAME / "out" / "summary.pdf"
    pages = pdf_pages(pdf)
    assert len(pages) == 2     # the running footer reads the edition line's date (the last page has the colophon)
    assert f"Two-page summary · {DRAFT_DATE} Page 1 of 2" in pages[0], pages[0][-200:]
    assert f"Edition of {DRAFT_DATE}" in pages[0]
    with pikepdf.open(pdf) as document:
        assert str(document.docinfo.Title).endswith(f", {DRAFT_DATE}")
        assert document.open_metadata()["dc:title"] == str(document.docinfo.Title)
