"""Editions: `make edition` records one; later builds say what changed since it (terminal,
Appendix B, and page 1 when page 1 changed); every build step reports a line with its time."""
import json
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from briefkit import editions, paths
from tests.conftest import copy_project, make, publish_on
from tests.test_build import pdf_text

COMMITTED = paths.ROOT / "editions" / "2026-11-26.json"
STEP_LINE = r"^{step} +\S.* \(\d+\.\d s\)$"
MAKE_MESSAGE = re.compile(r"make(\[\d+\])?: ")     # "Nothing to be done", "Entering directory" under `make test`


NEXT_EDITION = "2026-12-01"   # a later edition, compared with the recorded one of 26 November 2026


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / "data" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def page_one(pdf: Path) -> str:
    return re.sub(r"\s+", " ", pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range())


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """A copy where a value page 1 shows changed since the edition."""
    project = copy_project(tmp_path_factory.mktemp("changed"))
    edit(project, "narcotics.csv", "coca_area_unodc,2024,261000,", "coca_area_unodc,2024,262000,")
    publish_on(project / "data", NEXT_EDITION)
    return project, make(project, "report")


def test_make_edition_records_the_build_and_refuses_to_overwrite(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "editions" / COMMITTED.name).unlink()
    first = make(project, "edition")
    assert first.returncode == 0, first.stderr
    assert "recorded editions/2026-11-26.json" in first.stdout
    recorded = project / "editions" / "2026-11-26.json"
    assert recorded.read_bytes() == COMMITTED.read_bytes()     # the same data gives the same file
    edition = json.loads(recorded.read_text(encoding="utf-8"))
    coca = next(c for c in edition["claims"] if c["key"] == "coca_area_unodc.latest")
    assert coca == {"key": "coca_area_unodc.latest", "text": "261,000 hectares", "value": 261000.0,
                    "period": "2024", "sources": ["caracol-com-co-4e6f10"]}
    timeline_rows = (project / "data" / "timeline.csv").read_text(encoding="utf-8").count("\n") - 1
    assert len(edition["events"]) == timeline_rows
    assert {"id": "aljazeera-com-abba6b", "publisher": "Al Jazeera",
            "url": "https://www.aljazeera.com/news/2022/8/29/venezuela-colombia-restore-full-diplomatic-ties"} \
        in edition["sources"]

    again = make(project, "edition")
    assert again.returncode != 0 and "Traceback" not in again.stderr
    assert "editions/2026-11-26.json already exists" in again.stderr and "EDITION_FORCE=1" in again.stderr
    forced = make(project, "edition", "EDITION_FORCE=1")
    assert forced.returncode == 0 and recorded.read_bytes() == COMMITTED.read_bytes()


def test_the_first_recorded_edition_has_nothing_to_compare_with(built):
    """The committed edition is this one: a brief compares only with editions recorded before it."""
    text = pdf_text(built / "_output" / "brief.pdf")
    assert "Changes since the edition" not in text
    for edition in ("brief", "summary"):
        assert "Updated since the edition" not in page_one(built / "_output" / f"{edition}.pdf")


def test_a_later_edition_with_unchanged_data_says_so(tmp_path):
    project = copy_project(tmp_path / "project")
    publish_on(project / "data", NEXT_EDITION)
    result = make(project, "report")
    assert result.returncode == 0, result.stdout + result.stderr
    text = pdf_text(project / "_output" / "brief.pdf")
    assert "since the edition of 26 November 2026" in result.stdout
    assert ("Changes since the edition of 26 November 2026: none; every figure, claim, event and source is "
            "as recorded in editions/2026-11-26.json") in text
    for edition in ("brief", "summary"):
        assert "Updated since the edition" not in page_one(project / "_output" / f"{edition}.pdf")


def test_deleting_the_recorded_editions_drops_the_comparison(tmp_path):
    project = copy_project(tmp_path / "project")
    publish_on(project / "data", NEXT_EDITION)
    assert make(project, "report").returncode == 0
    assert "Changes since the edition" in (project / "_output" / "brief.html").read_text(encoding="utf-8")
    for path in (project / "editions").iterdir():
        path.unlink()
    (project / "editions").rmdir()
    result = make(project, "report")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no edition recorded before this one" in result.stdout
    assert "Changes since the edition" not in (project / "_output" / "brief.html").read_text(encoding="utf-8")


def test_a_changed_value_is_printed_and_listed_in_the_brief(changed):
    project, result = changed
    assert result.returncode == 0, result.stdout + result.stderr
    assert "since the edition of 26 November 2026 (editions/2026-11-26.json):" in result.stdout
    assert "Coca area, 2024: 261,000 hectares -> 262,000 hectares" in result.stdout
    text = pdf_text(project / "_output" / "brief.pdf")
    assert "Changes since the edition of 26 November 2026 (as recorded in editions/2026-11-26.json)" in text
    assert "Coca area, 2024: 261,000 hectares \u2192 262,000 hectares" in text


def test_added_and_dropped_events_and_sources_are_listed(tmp_path):
    # `make prepare` writes what the brief includes; the brief has too little room left on its
    # last page for a longer timeline and source list (its page budget), which is not this test's subject.
    project = copy_project(tmp_path / "project")
    publish_on(project / "data", NEXT_EDITION)
    edit(project, "timeline.csv", "as ambassadors arrive in each other's capitals.", "as new *ambassadors* arrive.")
    for name in ("sources.csv", "timeline.csv"):      # the same source under a new id: one dropped, one added
        edit(project, name, "aljazeera-com-abba6b", "aljazeera-com-000001")
    result = make(project, "prepare")
    assert result.returncode == 0, result.stdout + result.stderr
    assert ("Events added:\n                28 August 2022: Colombia and Venezuela restore full diplomatic "
            "relations (severed\u2026\n              Events dropped:\n") in result.stdout
    assert "Sources added:\n                Al Jazeera (aljazeera.com)\n              Sources dropped:" in result.stdout
    section = (project / "_build" / "partials" / "changes.md").read_text(encoding="utf-8")
    assert "*Events added (1):* 28 August 2022\\: Colombia and Venezuela restore full diplomatic" in section
    assert "*Sources added (1):* Al Jazeera \\(aljazeera\\.com\\)." in section
    assert (project / "_build" / "partials" / "changes-page1.md").read_text(encoding="utf-8") == ""


def test_page_one_says_when_a_page_one_value_changed(changed):
    project, _ = changed
    for edition in ("brief", "summary"):
        assert ("Updated since the edition of 26 November 2026: 2 figures or claims on this page (Coca area); "
                "every change is listed in Appendix B of the full brief.") in page_one(project / "_output" / f"{edition}.pdf")


def test_each_step_prints_a_timed_line_and_the_build_ends_with_outputs_and_total(changed):
    project, result = changed
    lines = [line for line in result.stdout.splitlines() if not MAKE_MESSAGE.match(line)]
    for step in ("check", "figure", "variables", "render"):
        assert any(re.match(STEP_LINE.format(step=step), line) for line in lines), (step, result.stdout)
    assert re.fullmatch(r"report +_output/brief\.pdf \(\d+ pages\), _output/summary\.pdf \(2 pages\) "
                        r"and their HTML, built in \d+\.\d s", lines[-1]), lines[-1]
    again = make(project, "report")
    assert all(MAKE_MESSAGE.match(line) for line in again.stdout.splitlines())   # only make's own words


def test_a_new_record_is_a_wording_change_and_off_page_one(tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project, "rural.csv", "social_leaders_killed,2025,187,", "social_leaders_killed,2025,320,")
    publish_on(project / "data", NEXT_EDITION)
    result = make(project, "report")
    assert result.returncode == 0, result.stdout + result.stderr
    wording = result.stdout.split("Wording changed:")[1]
    assert "Social leaders killed (record): not a record -> " in wording
    assert "Social leaders killed, 2025: 187 -> 320" in result.stdout
    assert "Social leaders killed (record): not a record \u2192 " in pdf_text(project / "_output" / "brief.pdf")
    for edition in ("brief", "summary"):    # social leaders are not on page 1
        assert "Updated since the edition" not in page_one(project / "_output" / f"{edition}.pdf")


def test_compare_classifies_numbers_and_words():
    def claim(key, text, value=None, period="2025"):
        return {"key": key, "text": text, "value": value, "period": period, "sources": []}
    old = {"edition": "2026-11-25", "events": [], "sources": [],
           "claims": [claim("m.latest", "10", 10.0), claim("m.direction", "rose 5% to 10"),
                      claim("m.since_peak", "fell from 12 to 10"), claim("m.record", "not a record")]}
    new = {**old, "claims": [claim("m.latest", "11", 11.0), claim("m.direction", "fell 5% to 11"),
                             claim("m.since_peak", "fell from 12 to 11"), claim("m.record", "not a record")]}
    changes = editions.compare(old, new, first={"m.latest"})
    assert [n["key"] for _, n in changes.values] == ["m.latest", "m.since_peak"]   # numbers only
    assert [n["key"] for _, n in changes.wording] == ["m.direction"]               # reversed direction
    assert editions.page_one_line(changes, {"m.record"}, {"m": "M"}) == ""
    assert "1 figure or claim on this page \\(M\\)" in editions.page_one_line(changes, {"m.latest"}, {"m": "M"})
    assert not editions.compare(old, old)


def test_the_changes_list_is_capped():
    old = {"edition": "2026-11-25", "claims": [], "sources": [],
           "events": [{"date": f"2026-01-{d:02}", "event": f"E{d}", "source_id": "s"} for d in range(1, 11)]}
    section = editions.changes_section(editions.compare(old, {**old, "events": []}), {})
    assert "*Events dropped (10):*" in section and "E5" in section and "E6" not in section
    assert "and 5 more\\; see editions\\/2026\\-11\\-25\\.json and claims\\.json" in section
