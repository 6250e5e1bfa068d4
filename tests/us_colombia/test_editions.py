"""Editions of the US–Colombia brief: `briefkit edition us-colombia` records one in
editions/us-colombia/; a later edition says what changed since it (terminal, Appendix B, and
page 1 when page 1 changed). Changes are computed directly on edited data; one end-to-end
build (test_room_for_updates.py) checks them in the PDF."""
import json

from briefkit import editions, numbers
from briefkit.claims import ledger
from briefkit.datapackage import BriefData
from briefkit.paths import Brief
from briefkit.spec import load
from briefkit.variables import compute

from .conftest import EDITION, NAME, NEXT_EDITION, ROOT, briefkit, output, pdf_pages, pdf_text, publish_on

COMMITTED = ROOT / "editions" / NAME / f"{EDITION}.json"


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
    coca = next(c for c in edition["claims"] if c["key"] == "coca_area_unodc.latest")
    assert coca == {"key": "coca_area_unodc.latest", "text": "261,000 hectares", "value": 261000.0,
                    "period": "2024", "sources": ["caracol-com-co-4e6f10"]}
    timeline = (ROOT / "data" / NAME / "timeline.csv").read_text(encoding="utf-8").count("\n") - 1
    assert len(edition["events"]) == timeline
    assert {"id": "aljazeera-com-abba6b", "publisher": "Al Jazeera",
            "url": "https://www.aljazeera.com/news/2022/8/29/venezuela-colombia-restore-full-diplomatic-ties"} \
        in edition["sources"]


def test_the_recorded_edition_has_nothing_to_compare_with(built, builds):
    """The committed edition is this one: a brief compares only with editions recorded before it."""
    assert "no edition recorded before this one" in builds.results["pandoc"].stdout
    assert "Changes since the edition" not in pdf_text(output(built, "brief.pdf"))
    for report in ("brief", "summary"):
        assert "Updated since the edition" not in pdf_pages(output(built, f"{report}.pdf"))[0]


def changes_in(edited):
    """What the brief would list, on the edited copy with the committed edition beside it."""
    (edited.root / "editions" / NAME).mkdir(parents=True)
    (edited.root / "editions" / NAME / COMMITTED.name).write_bytes(COMMITTED.read_bytes())
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
        f"nothing changed since the edition of 26 November 2026 (editions/{NAME}/{EDITION}.json)")
    assert "none; every figure, claim, event and source is as recorded" in editions.changes_section(changes, names)
    assert editions.page_one_line(changes, first, names) == ""


def test_a_changed_page_one_value_is_listed_and_flagged_on_page_one(edited):
    edited.edit("narcotics.csv", {"measure": "coca_area_unodc", "period": "2024"}, "value", "262000")
    changes, first, names = changes_in(edited)
    summary = editions.terminal_summary(changes, names)
    assert "Coca area, 2024: 261,000 hectares -> 262,000 hectares" in summary
    section = editions.changes_section(changes, names)      # Markdown: punctuation escaped
    assert "*Values changed (2):* Coca area\\, 2024\\: 261\\,000 hectares \u2192 262\\,000 hectares" in section
    line = editions.page_one_line(changes, first, names)
    assert "on this page \\(Coca area\\)" in line and "Appendix B" in line


def test_a_new_record_is_a_wording_change_off_page_one(edited):
    edited.edit("rural.csv", {"measure": "social_leaders_killed", "period": "2025"}, "value", "320")
    changes, first, names = changes_in(edited)
    assert [n["key"] for _, n in changes.wording] == ["social_leaders_killed.against_peak"]
    summary = editions.terminal_summary(changes, names)
    assert "Social leaders killed, 2025: 187 -> 320" in summary
    assert ("Social leaders killed (against peak), 2025: 40% below the 2020 peak of 310 -> "
            "the highest since the series began in 2020") in summary.split("Wording changed:")[1]
    assert editions.page_one_line(changes, first, names) == ""          # social leaders are not on page 1


def test_added_and_dropped_events_and_sources_are_listed(edited):
    edited.edit("timeline.csv", {"source_id": "aljazeera-com-abba6b"}, "source_id", "aljazeera-com-000001")
    edited.edit("sources.csv", {"id": "aljazeera-com-abba6b"}, "id", "aljazeera-com-000001")
    edited.edit("timeline.csv", {"date": "2022-08-28"}, "event", "Colombia and Venezuela restore relations.")
    changes, _, names = changes_in(edited)
    assert [e["event"] for e in changes.events_added] == ["Colombia and Venezuela restore relations."]
    assert [s["id"] for s in changes.sources_added] == ["aljazeera-com-000001"]
    assert [s["id"] for s in changes.sources_dropped] == ["aljazeera-com-abba6b"]
    section = editions.changes_section(changes, names)
    assert "*Events added (1):* 28 August 2022\\: Colombia and Venezuela restore relations" in section
    assert "*Sources added (1):* Al Jazeera \\(aljazeera\\.com\\)." in section
