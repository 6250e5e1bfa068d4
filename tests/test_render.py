"""The renderer's refusals: unknown variables and cross-references, editions over budget,
includes from outside the project's folders and any resource that is not embedded."""
import datetime as dt

import pytest

from briefkit import BriefError, paths
from briefkit.render import RenderError, Report, build, pdf_from_html, resolve_shortcodes

VARIABLES = {"coca": {"latest": "261,000 hectares"},
             "edition": {"data_as_of_iso": "2026-11-25", "data_as_of": "25 November 2026",
                         "date_iso": "2026-11-26", "date": "26 November 2026"}}


def test_shortcodes_resolve_like_quarto(tmp_path):
    (tmp_path / "part.md").write_text("Coca: {{< var coca.latest >}}.\n", encoding="utf-8")
    text = "{{< include part.md >}}\n{{< pagebreak >}}\n"
    resolved = resolve_shortcodes(text, tmp_path, VARIABLES, "test.qmd")
    assert resolved.startswith("Coca: 261,000 hectares.")
    assert 'page-break-after: always' in resolved


def test_unknown_variable_fails(tmp_path):
    with pytest.raises(RenderError, match="unknown variable 'coca.lastest'"):
        resolve_shortcodes("{{< var coca.lastest >}}", tmp_path, VARIABLES, "test.qmd")


def report(tmp_path, body: str, budget: str = "{min: 1, max: 2}", extra: str = "") -> Report:
    qmd = tmp_path / "note.qmd"
    described = "document-metadata: {edition: Note, author: Tests, description: A note., keywords: [test]}"
    qmd.write_text(f"---\ntitle: Note\nlang: en-US\n{described}\npage-budget: {budget}\n{extra}---\n\n{body}\n",
                   encoding="utf-8")
    return Report(qmd)


def test_unresolved_cross_reference_fails(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEF_ENGINE", "pandoc")
    with pytest.raises(RenderError, match="unresolved cross-reference @fig-missing"):
        build(report(tmp_path, "See @fig-missing."), VARIABLES, tmp_path / "out")


def test_over_budget_keeps_the_previous_outputs(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEF_ENGINE", "pandoc")
    out = tmp_path / "out"
    out.mkdir()
    (out / "note.pdf").write_bytes(b"last good pdf")
    with pytest.raises(RenderError, match="note.pdf has 1 pages; its budget is 2–3"):
        build(report(tmp_path, "Short.", "{min: 2, max: 3}"), VARIABLES, out)
    assert (out / "note.pdf").read_bytes() == b"last good pdf"
    assert not (out / "note.html").exists()


def test_within_budget_writes_both_files(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEF_ENGINE", "pandoc")
    html, pdf, pages = build(report(tmp_path, "Coca: {{< var coca.latest >}}."), VARIABLES, tmp_path / "out")
    assert pages == 1 and pdf.read_bytes().startswith(b"%PDF")
    assert "261,000 hectares" in html.read_text(encoding="utf-8")


def test_pandoc_html_has_the_reports_header_includes(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEF_ENGINE", "pandoc")
    (tmp_path / "policy.html").write_text('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'" />\n',
                                          encoding="utf-8")
    note = report(tmp_path, "Text.", extra="format:\n  html:\n    include-in-header: policy.html\n")
    html, _, _ = build(note, VARIABLES, tmp_path / "out")
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'" />' in html.read_text(encoding="utf-8")


def test_includes_stay_inside_the_report_folder_and_the_build_folder(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (tmp_path / "secret.md").write_text("secret\n", encoding="utf-8")
    for target in ("../secret.md", str(tmp_path / "secret.md"), "/etc/hostname"):
        with pytest.raises(RenderError, match="is outside"):
            resolve_shortcodes(f"{{{{< include {target} >}}}}", reports, VARIABLES, "test.qmd")


def test_generated_pieces_are_included_as_they_are(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "BUILD", tmp_path / "_build")
    paths.BUILD.mkdir()
    (paths.BUILD / "piece.md").write_text("{{< include /etc/hostname >}} {{< var coca.latest >}}\n", encoding="utf-8")
    resolved = resolve_shortcodes("{{< include ../_build/piece.md >}}", tmp_path / "reports", VARIABLES, "test.qmd")
    assert resolved == "{{< include /etc/hostname >}} {{< var coca.latest >}}\n"


def test_pandoc_html_embeds_only_files_from_the_project_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEF_ENGINE", "pandoc")
    (tmp_path / "elsewhere.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    for image in ("../elsewhere.svg", "http://127.0.0.1:9/x.png"):
        with pytest.raises(BriefError, match=f"note.qmd: an image refers to {image}"):
            build(report(folder, f"![x]({image})"), VARIABLES, tmp_path / "out")


def test_weasyprint_refuses_a_fetch_with_a_one_line_error():
    with pytest.raises(BriefError, match=r"^the brief refers to an external resource: http://127.0.0.1:9/x.png$"):
        pdf_from_html('<img src="http://127.0.0.1:9/x.png">', dt.date(2026, 1, 1))
