"""Room for the next data update: users regenerate the brief after adding events and sources,
so the brief must not sit at its page limit with no slack. Four more events and four more
sources (test-only rows, shaped like the real ones: an event sentence of ordinary length, a
news URL of ordinary length) must still fit the budget, with the changes they cause in
Appendix B ("Changes since the edition of ...")."""
import csv

from tests.conftest import copy_project, make, publish_on
from tests.test_build import pages
from tests.test_editions import NEXT_EDITION
from briefkit.render import Report

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
     "2026-11-25", "established"],
    ["test-example-news-000002", "Example Trade Daily (test)", "Colombia asks for exclusions from Section 301 tariffs",
     "https://www.example-trade-daily.org/news/2026/11/18/colombia-files-comments-section-301-exclusions-coffee-flowers/",
     "2026-11-25", "established"],
]


# Four of each: the room the layout keeps (before it was won back, three of each gave 11 pages).
EVENTS += [[date.replace("-11-", "-10-"), category, event, status, tag, label, source.replace("0000", "0001")]
           for date, category, event, status, tag, label, source in EVENTS]
SOURCES += [[sid.replace("0000", "0001"), publisher, title, url.replace("/2026/11/", "/2026/10/"), accessed, grade]
            for sid, publisher, title, url, accessed, grade in SOURCES]


def append(path, rows):
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def test_brief_has_room_for_four_more_events_and_sources(tmp_path):
    project = copy_project(tmp_path / "project")
    append(project / "data" / "timeline.csv", EVENTS)
    append(project / "data" / "sources.csv", SOURCES)
    publish_on(project / "data", NEXT_EDITION)
    result = make(project, "report")
    assert result.returncode == 0, result.stdout + result.stderr
    text = (project / "_output" / "brief.html").read_text(encoding="utf-8")
    assert "cut flowers and bananas be excluded" in text and "example-trade-daily.org" in text
    low, high = Report(project / "reports" / "brief.qmd").page_budget
    assert low <= pages(project / "_output" / "brief.pdf") <= high
