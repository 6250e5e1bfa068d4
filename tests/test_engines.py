"""Quarto and pandoc are both first-class: the same pages from either, strict under both, and
`quarto render` on its own gives the HTML that `make report` prints."""
import os
import re
import shutil
import subprocess

import pypdfium2 as pdfium
import pytest

from .conftest import QUARTO_MISSING, VENV, briefkit, git, project_env
from .test_build import pdf_text

EDITIONS = ["brief", "summary"]


def heading_pages(path) -> list[tuple[str, int]]:
    """The PDF's outline: each heading with the page it starts on."""
    document = pdfium.PdfDocument(path)
    return [(item.get_title(), item.get_dest().get_index() + 1) for item in document.get_toc()]


def same_but_engine(text: str) -> str:
    return re.sub(r"\b(?:pandoc|quarto) [\d.]+ engine", "ENGINE engine", text)


@pytest.mark.skipif(not shutil.which("quarto"), reason=QUARTO_MISSING)
@pytest.mark.parametrize("edition", EDITIONS)
def test_engines_give_the_same_pages(builds, edition):
    pandoc, quarto = (builds(e) / "_output" / f"{edition}.pdf" for e in ("pandoc", "quarto"))
    assert len(pdfium.PdfDocument(pandoc)) == len(pdfium.PdfDocument(quarto))
    assert heading_pages(pandoc) == heading_pages(quarto)
    assert len(heading_pages(pandoc)) >= (10 if edition == "brief" else 3)
    # the colophon names the engine that made the edition; everything else reads the same
    assert same_but_engine(pdf_text(pandoc)) == same_but_engine(pdf_text(quarto))


def test_build_leaves_git_status_clean(builds, built, engine):
    assert builds.git_status[engine] == ""


def test_cross_references_never_break(built):
    """'Figure 3' is one unit: a no-break space, and a rule that forbids hyphenating it."""
    html = (built / "_output" / "brief.html").read_text(encoding="utf-8")
    xrefs = re.findall(r'class="quarto-xref">([^<]*)<', html)
    assert xrefs and all(re.fullmatch(r"(Figure|Table)\u00a0\d+", x) for x in xrefs), xrefs
    assert "Fig-" not in pdf_text(built / "_output" / "brief.pdf")


def test_tables_are_not_styled_as_figures(built):
    """Quarto wraps tables in <figure>; the figure rules must name figure floats only."""
    css = (built / "reports" / "style" / "brief.css").read_text(encoding="utf-8")
    for selector in re.findall(r"(?m)^\s*([^@{}/][^{}]*)\{", css):
        for part in selector.split(","):
            assert not re.match(r"\s*figure(\s|$|:)", part), f"rule on every <figure>: {part.strip()}"


@pytest.mark.skipif(not shutil.which("quarto"), reason=QUARTO_MISSING)
def test_quarto_render_gives_the_html_make_report_prints(builds):
    project = builds("quarto")
    env = {**project_env(project, "quarto"), "MAKEFLAGS": f"VENV={VENV}"}  # for its `make prepare`
    result = subprocess.run(["quarto", "render"], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for edition in EDITIONS:
        rendered = project / "_build" / "quarto" / "reports" / f"{edition}.html"
        assert rendered.read_bytes() == (project / "_output" / f"{edition}.html").read_bytes()
    assert git(project, "status", "--porcelain") == ""


BROKEN = {
    "unknown variable": ("Coca: {{< var coca_area_unodc.lastest >}}.", "coca_area_unodc.lastest"),
    "unresolved cross-reference": ("As @fig-nowhere shows.", "fig-nowhere"),
    "missing include": ("{{< include ../_build/partials/nowhere.md >}}", "nowhere.md"),
    "missing figure": ("![A chart](../figures/nowhere.svg){#fig-gone}", "nowhere.svg"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_strict_under_each_engine(built, engine, case):
    body, named = BROKEN[case]
    name = "strict-" + case.replace(" ", "-")
    qmd = built / "reports" / f"{name}.qmd"
    front_matter = (built / "reports" / "summary.qmd").read_text(encoding="utf-8").split("\n---\n")[0]
    qmd.write_text(f"{front_matter}\n---\n\n{body}\n", encoding="utf-8")
    project_file = built / "_quarto.yml"
    listed, listed_mtime = project_file.read_text(encoding="utf-8"), project_file.stat().st_mtime_ns
    project_file.write_text(listed.replace("    - reports/brief.qmd", f"    - reports/{name}.qmd\n    - reports/brief.qmd"),
                            encoding="utf-8")
    colophon = built / "_build" / "partials" / "colophon.md"
    kept = colophon.read_bytes(), colophon.stat().st_mtime_ns
    try:
        result = briefkit(built, "render", name, engine=engine)
    finally:  # leave the shared build as it was (render rewrites the colophon: the tree is dirty now)
        qmd.unlink()
        project_file.write_text(listed, encoding="utf-8")
        os.utime(project_file, ns=(listed_mtime, listed_mtime))
        colophon.write_bytes(kept[0])
        os.utime(colophon, ns=(kept[1], kept[1]))
    assert result.returncode != 0
    assert f"{name}.qmd" in result.stderr and named in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (built / "_output" / f"{name}.html").exists()
