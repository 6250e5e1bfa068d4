"""The pandoc path's refusals: unknown facts, includes from outside the brief's folders, shortcodes
it does not know, and any resource a browser would fetch. In-process on a copy of the fixture."""
import datetime as dt

import pytest

from briefkit import BriefError
from briefkit.render import RenderError, Report, pdf_from_html, resolve_shortcodes

from .helpers import tiny_copy

FACTS = {"alpha": {"latest": "$230 million"}, "edition": {"date": "30 June 2025", "date_iso": "2025-06-30"}}


@pytest.fixture()
def report(tmp_path):
    return Report(tiny_copy(tmp_path / "project"), "brief")


def test_shortcodes_resolve_like_quarto(report):
    (report.brief.reports / "_part.qmd").write_text("Alpha: {{< meta facts.alpha.latest >}}.\n", encoding="utf-8")
    resolved = resolve_shortcodes("{{< include _part.qmd >}}\n{{< pagebreak >}}\n", report, FACTS, "brief.qmd")
    assert resolved.startswith("Alpha: $230 million.") and "page-break-after: always" in resolved


@pytest.mark.parametrize("text, message", [
    ("{{< meta facts.alpha.lastest >}}", "brief.qmd: unknown fact 'alpha.lastest'"),
    ("{{< var alpha.latest >}}", "shortcode 'var' is not supported"),
    ("{{< include _none.qmd >}}", "included file _none.qmd does not exist"),
    ("{{< include /etc/hostname >}}", "is outside"),
    ("{{< include ../../data/tiny/sources.csv >}}", "is outside"),
])
def test_what_the_pandoc_path_refuses(report, text, message):
    with pytest.raises(RenderError, match=message):
        resolve_shortcodes(text, report, FACTS, "brief.qmd")


def test_generated_pieces_are_included_as_they_are(report):
    piece = report.brief.partials / "piece.md"
    piece.parent.mkdir(parents=True)
    piece.write_text("{{< include /etc/hostname >}} {{< meta facts.alpha.latest >}}\n", encoding="utf-8")
    resolved = resolve_shortcodes("{{< include ../../_build/tiny/partials/piece.md >}}", report, FACTS, "brief.qmd")
    assert resolved == "{{< include /etc/hostname >}} {{< meta facts.alpha.latest >}}\n"


def test_weasyprint_refuses_a_fetch_with_a_one_line_error():
    with pytest.raises(BriefError, match=r"^the brief refers to an external resource: http://127.0.0.1:9/x.png$"):
        pdf_from_html('<img src="http://127.0.0.1:9/x.png">', dt.date(2025, 1, 1))


def test_a_number_typed_into_a_document_is_refused_with_file_and_line(report):
    from briefkit.literals import LiteralStatistic, check_reports

    document = report.qmd
    document.write_text(document.read_text(encoding="utf-8") + "\nAlpha grew by 12.5% in all.\n", encoding="utf-8")
    line = len(document.read_text(encoding="utf-8").splitlines())
    with pytest.raises(LiteralStatistic, match=rf"reports/tiny/brief.qmd, line {line}: the number '12.5%' is typed in; "
                                               r"compute it from the data and write \{\{< meta facts.KEY >\}\} instead"):
        check_reports([document], report.brief.root)
