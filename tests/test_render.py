"""The renderer's refusals: unknown variables and cross-references, and editions over budget."""
import pytest

from briefkit.render import RenderError, Report, build, resolve_shortcodes

VARIABLES = {"coca": {"latest": "261,000 hectares"},
             "edition": {"data_as_of_iso": "2026-11-25", "data_as_of": "25 November 2026"}}


def test_shortcodes_resolve_like_quarto(tmp_path):
    (tmp_path / "part.md").write_text("Coca: {{< var coca.latest >}}.\n", encoding="utf-8")
    text = "{{< include part.md >}}\n{{< pagebreak >}}\n"
    resolved = resolve_shortcodes(text, tmp_path, VARIABLES, "test.qmd")
    assert resolved.startswith("Coca: 261,000 hectares.")
    assert 'page-break-after: always' in resolved


def test_unknown_variable_fails(tmp_path):
    with pytest.raises(RenderError, match="unknown variable 'coca.lastest'"):
        resolve_shortcodes("{{< var coca.lastest >}}", tmp_path, VARIABLES, "test.qmd")


def report(tmp_path, body: str, budget: str = "{min: 1, max: 2}") -> Report:
    qmd = tmp_path / "note.qmd"
    described = "document-metadata: {edition: Note, author: Tests, description: A note., keywords: [test]}"
    qmd.write_text(f"---\ntitle: Note\nlang: en-US\n{described}\npage-budget: {budget}\n---\n\n{body}\n",
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
