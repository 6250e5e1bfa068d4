"""The one end-to-end edit: the next data update, rebuilt from the session's build by make.
Four more events and four more sources (test-only rows shaped like the real ones), in a later
edition: the brief must still fit its page budget (the body, before #appendix, 6-10 pages; the
appendix at most 5), list the changes in Appendix B and flag page 1 of both reports (its edition
line names the latest event). A revised value is tested directly (test_editions.py)."""
import csv
import re
import shutil

import pypdfium2 as pdfium
import pytest

from briefkit.paths import Brief
from briefkit.render import APPENDIX, Report

from .conftest import NAME, NEXT_EDITION, make, output, pdf_pages, pdf_text, publish_on

EVENTS = [   # date, category, event, status, tag, label, source_id
    ["2026-11-10", "diplomacy", "Colombia's foreign minister and the US secretary of state meet in Washington to "
     "review counter-narcotics cooperation and the Section 301 tariffs ahead of the new government's first budget.",
     "occurred", "", "", "test-example-news-000001"],
    ["2026-11-18", "trade", "Colombia's trade ministry files comments in the Section 301 proceeding asking that "
     "coffee, cut flowers and bananas be excluded from the new tariffs.", "occurred", "", "", "test-example-news-000002"],
]
SOURCES = [   # id, publisher, title, url, accessed, grade
    ["test-example-news-000001", "Example News Agency (test)", "Foreign minister meets the secretary of state",
     "https://www.example-news.org/world/americas/2026/11/10/colombia-foreign-minister-meets-us-secretary-of-state-washington/",
     "2026-12-04", "established"],
    ["test-example-news-000002", "Example Trade Daily (test)", "Colombia asks for exclusions from Section 301 tariffs",
     "https://www.example-trade-daily.org/news/2026/11/18/colombia-files-comments-section-301-exclusions-coffee-flowers/",
     "2026-12-04", "established"],
]
EVENTS += [[date.replace("-11-", "-10-"), category, event, status, tag, label, source.replace("0000", "0001")]
           for date, category, event, status, tag, label, source in EVENTS]
SOURCES += [[sid.replace("0000", "0001"), publisher, title, url.replace("/2026/11/", "/2026/10/"), accessed, grade]
            for sid, publisher, title, url, accessed, grade in SOURCES]
STEP_LINE = r"^{step} +us-colombia: .* \(\d+\.\d s\)$"


def append(path, rows):
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


@pytest.fixture(scope="module")
def updated(built, tmp_path_factory):
    project = tmp_path_factory.mktemp("updated") / "project"
    shutil.copytree(built, project, symlinks=True, copy_function=shutil.copy2)
    data = project / "data" / NAME
    append(data / "timeline.csv", EVENTS)
    append(data / "sources.csv", SOURCES)
    publish_on(data, NEXT_EDITION)
    result = make(project, "report")
    assert result.returncode == 0, result.stdout + result.stderr
    return project, result


def body_and_appendix(pdf) -> tuple[int, int]:
    """Pages of the body (to the page where the appendix starts, which counts for both) and of the
    appendix, as the build's budget check counts them."""
    document = pdfium.PdfDocument(pdf)
    # the first heading inside #appendix is "Appendix A. Other events" (a bookmark, with its page)
    start = next(item.get_dest().get_index() + 1 for item in document.get_toc() if item.get_title().startswith("Appendix"))
    pages = range(len(document))
    return start, len(pages) - start + 1


def test_the_brief_has_room_for_four_more_events_and_sources(updated, built):
    project, _ = updated
    html = output(project, "brief.html").read_text(encoding="utf-8")
    assert "cut flowers and bananas be excluded" in html and "example-trade-daily.org" in html
    assert f'id="{APPENDIX}"' in html
    budget = Report(Brief(NAME, project), "brief").page_budget   # the build refuses a body or appendix beyond it
    assert budget == {"min": 6, "max": 10, "appendix-max": 7}
    for folder in (built, project):
        body, appendix = body_and_appendix(output(folder, "brief.pdf"))
        assert budget["min"] <= body <= budget["max"] and 1 <= appendix <= budget["appendix-max"], (folder, body, appendix)
    summary = Report(Brief(NAME, project), "summary").page_budget
    assert summary["max"] == 2 == len(pdfium.PdfDocument(output(project, "summary.pdf")))


def test_the_update_is_printed_and_listed(updated):
    project, result = updated
    assert f"since the edition of 4 December 2026 (editions/{NAME}/2026-12-04.json):" in result.stdout
    assert "last event shown: 7 August 2026 -> 18 November 2026" in result.stdout
    assert "edition     the edition of 11 December 2026 is not recorded yet" in result.stdout
    text = pdf_text(output(project, "brief.pdf"))
    assert f"Changes since the edition of 4 December 2026 (as recorded in editions/{NAME}/2026-12-04.json)" in text
    # no data value changed: only the edition's own counts (99 established sources + 4 = 103)
    assert ("Values changed (2): last event shown: 7 August 2026 \u2192 18 November 2026; sources graded "
            "established: 99 \u2192 103.") in text
    assert "Events added (4):" in text and "Sources added (4):" in text
    assert "Example Trade Daily (test) (example-trade-daily.org)" in text
    for name in ("brief", "summary"):
        first = pdf_pages(output(project, f"{name}.pdf"))[0]
        assert "Events from 25 May 2018 to 18 November 2026" in first, name
        assert re.search(r"Updated since the edition of 4 December 2026: \d+ figures? or claims? on this page; "
                         r"every change is listed in Appendix B", first), (name, first)


def test_each_step_prints_a_timed_line_and_the_build_ends_with_outputs(updated):
    _, result = updated
    lines = [line for line in result.stdout.splitlines() if not re.match(r"make(\[\d+\])?: ", line)]
    for step in ("check", "figure", "variables", "render"):
        assert any(re.match(STEP_LINE.format(step=step), line) for line in lines), (step, result.stdout)
    assert re.fullmatch(r"report +_output/us-colombia/brief\.pdf \(\d+ pages\), _output/us-colombia/summary\.pdf "
                        r"\(2 pages\) and their HTML, built in \d+\.\d s", lines[-1]), lines[-1]
