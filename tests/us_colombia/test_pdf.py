"""The US–Colombia PDFs as archives and readers' tools see them (pikepdf): PDF/A-3a and PDF/UA-1
declared, described with the edition date, tagged with the HTML's alt texts, fonts embedded, and
carrying data/us-colombia/* and claims.json byte for byte. axe-core runs when Chromium is there."""
import re
import shutil

import pikepdf
import pytest

from briefkit.paths import Brief
from briefkit.render import Report

from .conftest import CHROMIUM_MISSING, NAME, output

REPORTS = ["brief", "summary"]


@pytest.fixture(scope="module")
def pdfs(built):
    opened = {name: pikepdf.open(output(built, f"{name}.pdf")) for name in REPORTS}
    yield opened
    for pdf in opened.values():
        pdf.close()


def figures_alt(node, found):
    if isinstance(node, pikepdf.Dictionary) and node.get("/S") == "/Figure":
        found.append(str(node.get("/Alt", "")))
    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
        figures_alt(kid, found)
    return found


@pytest.mark.parametrize("name", REPORTS)
def test_declares_pdfa3a_and_pdfua1_with_the_edition_date(built, pdfs, name):
    pdf = pdfs[name]
    meta = pdf.open_metadata()
    assert meta.pdfa_status == "3A"
    assert meta["pdfuaid:part"] == "1"
    assert meta["xmp:CreateDate"] == meta["xmp:ModifyDate"] == "2026-12-04"
    front = Report(Brief(NAME, built), name).front_matter
    assert str(pdf.docinfo.Title) == f"{front['title']}. {front['document-metadata']['edition']}, 4 December 2026"
    assert meta["dc:title"] == str(pdf.docinfo.Title)
    assert "draft" not in str(pdf.docinfo.Title)                        # the build matches its recorded edition
    assert str(pdf.Root.Lang) == "en-US" and pdf.Root.MarkInfo.Marked is True
    intent = pdf.Root.OutputIntents[0]
    assert intent.S == "/GTS_PDFA1" and "/DestOutputProfile" in intent
    assert "/Encrypt" not in pdf.trailer


@pytest.mark.parametrize("name", REPORTS)
def test_attachments_are_the_data_package_and_ledger_byte_for_byte(built, pdfs, name):
    pdf = pdfs[name]
    data = built / "data" / NAME
    expected = {str(p.relative_to(data)): p for p in data.rglob("*") if p.is_file()}
    expected["claims.json"] = output(built, "claims.json")
    assert len(expected) >= 13 and "schemas/observations.yaml" in expected
    assert set(pdf.attachments) == set(expected)
    for attached_name, path in expected.items():
        attached = pdf.attachments[attached_name]
        assert attached.get_file().read_bytes() == path.read_bytes(), attached_name
        assert attached.obj.AFRelationship == ("/Supplement" if attached_name == "claims.json" else "/Data")
    assert sorted(spec.objgen for spec in pdf.Root.AF) == sorted(pdf.attachments[n].obj.objgen for n in expected)


@pytest.mark.parametrize("name", REPORTS)
def test_fonts_are_embedded(pdfs, name):
    fonts = {font.objgen: font for page in pdfs[name].pages for font in page.Resources.Font.values()}
    assert fonts
    for font in fonts.values():
        descriptor = (font.DescendantFonts[0] if font.Subtype == "/Type0" else font).FontDescriptor
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font.BaseFont


def test_figures_are_tagged_with_the_html_alt_texts(built, pdfs):
    import html as htmllib
    page = output(built, "brief.html").read_text(encoding="utf-8")
    alts = [htmllib.unescape(a) for a in re.findall(r'<img[^>]*?\balt="([^"]*)"', page)]
    tagged = figures_alt(pdfs["brief"].Root.StructTreeRoot, [])
    assert tagged == alts and len(tagged) == 7
    assert any("7.8%† in 2024" in alt for alt in tagged)                 # weak marks survive into the PDF


@pytest.mark.parametrize("name", REPORTS)
def test_html_passes_axe_core(built, name):
    """No serious or critical axe-core violation, in headless Chromium (skipped without one)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip(CHROMIUM_MISSING)
    sync_api = pytest.importorskip("playwright.sync_api")
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        page = browser.new_page()
        page.goto(output(built, f"{name}.html").as_uri())
        violations = axe.Axe().run(page).response["violations"]
        browser.close()
    serious = [f"{v['id']} ({v['impact']}): {v['help']}" for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []
