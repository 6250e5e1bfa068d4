"""Pandoc and Quarto give the US–Colombia brief the same pages and text (apart from the colophon's
engine name). The Quarto build is skipped when `quarto` is not on PATH."""
import re
import shutil

import pypdfium2 as pdfium
import pytest

from .conftest import QUARTO_MISSING, output, pdf_text

ENGINES = [pytest.param("pandoc"),
           pytest.param("quarto", marks=pytest.mark.skipif(not shutil.which("quarto"), reason=QUARTO_MISSING))]


def heading_pages(path) -> list[tuple[str, int]]:
    document = pdfium.PdfDocument(path)
    return [(item.get_title(), item.get_dest().get_index() + 1) for item in document.get_toc()]


def same_but_engine(text: str) -> str:
    return re.sub(r"\b(?:pandoc|quarto) [\d.]+ engine", "ENGINE engine", text)


@pytest.mark.parametrize("engine", ENGINES)
def test_each_engine_builds_cleanly(builds, engine):
    project = builds(engine)
    assert builds.status[engine] == ""                                  # nothing tracked changed
    assert f"with the {engine} engine" in builds.results[engine].stdout
    assert "261,000 hectares" in pdf_text(output(project, "brief.pdf"))


@pytest.mark.skipif(not shutil.which("quarto"), reason=QUARTO_MISSING)
@pytest.mark.parametrize("name", ["brief", "summary"])
def test_engines_give_the_same_pages_and_text(builds, name):
    pandoc, quarto = (output(builds(e), f"{name}.pdf") for e in ("pandoc", "quarto"))
    assert len(pdfium.PdfDocument(pandoc)) == len(pdfium.PdfDocument(quarto))
    assert heading_pages(pandoc) == heading_pages(quarto)
    assert len(heading_pages(pandoc)) >= (10 if name == "brief" else 3)
    assert same_but_engine(pdf_text(pandoc)) == same_but_engine(pdf_text(quarto))
