"""The PDF editions as readers' tools and archives see them (opened with pikepdf): described,
tagged, carrying their data byte for byte, within what PDF/A-3 and PDF/UA-1 allow; and the
HTML editions checked with axe-core when a Chromium is available.

No PDF/A or PDF/UA validator (veraPDF) is on PyPI, Debian or npm, so the rules a validator
would check first are checked here directly."""
import datetime as dt
import re
import shutil
from html.parser import HTMLParser

import pikepdf
import pypdfium2 as pdfium
import pytest

from briefkit.describe import EditionMetadata, MetadataError, describe
from briefkit.pdf import PdfError, data_files
from briefkit.render import Report

from .conftest import CHROMIUM_MISSING

EDITIONS = ["brief", "summary"]
EDITION_DATE = "26 November 2026"        # edition_date in data/datapackage.yaml
STANDARD_BLEND_MODES = {"/Normal", "/Compatible", "/Multiply", "/Screen", "/Overlay", "/Darken", "/Lighten",
                        "/ColorDodge", "/ColorBurn", "/HardLight", "/SoftLight", "/Difference", "/Exclusion",
                        "/Hue", "/Saturation", "/Color", "/Luminosity"}


class Head(HTMLParser):
    """<title>, <meta name=...>, <main>, and the h1/h2 and img alt texts in document order."""

    def __init__(self):
        super().__init__()
        self.meta, self.title, self.mains, self.order, self._text = {}, "", 0, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "name" in attrs:
            self.meta[attrs["name"]] = attrs["content"]
        if tag in ("title", "h1", "h2"):
            self._text = [tag, ""]
        if tag == "main":
            self.mains += 1
        if tag == "img":
            self.order.append(("Figure", attrs.get("alt", "")))

    def handle_data(self, data):
        if self._text:
            self._text[1] += data

    def handle_endtag(self, tag):
        if self._text and tag == self._text[0]:
            if tag == "title":
                self.title = self._text[1]
            else:
                self.order.append((tag.upper(), self._text[1].strip()))
            self._text = None


def head(built, edition) -> Head:
    parser = Head()
    parser.feed((built / "_output" / f"{edition}.html").read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="session")
def pdfs(built):
    return {edition: pikepdf.open(built / "_output" / f"{edition}.pdf") for edition in EDITIONS}


def described(built, edition) -> dict:
    report = Report(built / "reports" / f"{edition}.qmd")
    return {"title": report.front_matter["title"], **report.front_matter["document-metadata"]}


def structure(node, found):
    """Structure elements in reading order (depth first), as (type, element)."""
    if isinstance(node, pikepdf.Dictionary) and "/S" in node:
        found.append((str(node.S)[1:], node))
    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
        structure(kid, found)
    return found


# --- 1. Described ---------------------------------------------------------------------------
@pytest.mark.parametrize("edition", EDITIONS)
def test_document_info_names_the_edition_and_its_date(built, pdfs, edition):
    info, expected = pdfs[edition].docinfo, described(built, edition)
    assert str(info.Title) == f"{expected['title']}. {expected['edition']}, {EDITION_DATE}"
    assert str(info.Author) == expected["author"]
    assert str(info.Subject) == expected["description"]
    assert str(info.Keywords) == ", ".join(expected["keywords"])
    assert str(info.CreationDate) == str(info.ModDate) == "D:20261126"      # the edition date, not today
    assert str(pdfs[edition].Root.Lang) == "en-US"


@pytest.mark.parametrize("edition", EDITIONS)
def test_xmp_agrees_with_the_document_info_and_declares_pdfa3a_and_pdfua1(pdfs, edition):
    info, xmp = pdfs[edition].docinfo, pdfs[edition].open_metadata()
    assert xmp["dc:title"] == str(info.Title)
    assert xmp["dc:creator"] == [str(info.Author)]
    assert xmp["dc:description"] == str(info.Subject)
    assert xmp["pdf:Keywords"] == str(info.Keywords)
    assert xmp["pdf:Producer"] == str(info.Producer)
    assert xmp["xmp:CreateDate"] == xmp["xmp:ModifyDate"] == "2026-11-26"
    assert xmp.pdfa_status == "3A"
    assert xmp["pdfuaid:part"] == "1"


@pytest.mark.parametrize("edition", EDITIONS)
def test_html_carries_the_same_description(built, pdfs, edition):
    html, info = head(built, edition), pdfs[edition].docinfo
    assert html.title == str(info.Title)
    assert html.meta["author"] == str(info.Author)
    assert html.meta["description"] == str(info.Subject)
    assert html.meta["keywords"] == str(info.Keywords)
    assert html.meta["dcterms.created"] == html.meta["dcterms.modified"] == "2026-11-26"
    assert html.mains == 1


def test_front_matter_must_describe_the_edition():
    with pytest.raises(MetadataError, match="note.qmd: .*author, keywords"):
        EditionMetadata.of({"title": "Note", "document-metadata": {"edition": "Note", "description": "A note."}},
                           "note.qmd", dt.date(2026, 11, 25), EDITION_DATE)


def test_describe_replaces_the_engine_head_and_adds_a_main_landmark():
    html = ('<html><head><meta name="author" content="old" /><title>Old</title></head>\n<body>\n'
            '<header id="title-block-header">\n<h1 class="title">T &amp; U</h1>\n</header>\n<p>Text</p>\n</body></html>')
    metadata = EditionMetadata("T & U. Brief, 1 May 2026", "A <b>", "D", ("x", "y"), dt.date(2026, 5, 1))
    out = describe(html, metadata)
    assert '<meta name="author" content="old"' not in out
    assert "<title>T &amp; U. Brief, 1 May 2026</title>" in out
    assert '<meta name="author" content="A &lt;b&gt;" />' in out
    assert '<meta name="keywords" content="x, y" />' in out
    assert "</header>\n<main>\n<p>Text</p>\n</main>\n</body>" in out


# --- 2. Accessible ---------------------------------------------------------------------------
@pytest.mark.parametrize("edition", EDITIONS)
def test_tagged_with_headings_alt_text_and_header_cells_in_reading_order(built, pdfs, edition):
    pdf = pdfs[edition]
    assert pdf.Root.MarkInfo.Marked is True and pdf.Root.ViewerPreferences.DisplayDocTitle is True
    elements = structure(pdf.Root.StructTreeRoot, [])
    html = head(built, edition)
    # headings and figures (with the HTML's alt text) come in the document's order:
    # no figure is read before the heading of its section
    tagged = [(kind, str(e.get("/Alt", ""))) for kind, e in elements if kind in ("H1", "H2", "Figure")]
    assert [kind for kind, _ in tagged] == [kind for kind, _ in html.order]
    assert [alt for kind, alt in tagged if kind == "Figure"] == [alt for kind, alt in html.order if kind == "Figure"]
    assert all(len(alt) > 80 for kind, alt in tagged if kind == "Figure")
    tables = [e for kind, e in elements if kind == "Table"]
    assert tables and all(any(k == "TH" for k, _ in structure(t, [])) for t in tables)
    # the outline (bookmarks) is the headings
    outline = pdf.open_outline().root
    titles = [str(item.title) for item in outline] + [str(c.title) for item in outline for c in item.children]
    assert titles == [text for kind, text in html.order if kind in ("H1", "H2")]


@pytest.mark.parametrize("edition", EDITIONS)
def test_html_passes_axe_core(built, edition):
    """No serious or critical axe-core violation, in headless Chromium (skipped without one)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip(CHROMIUM_MISSING)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        page = browser.new_page()
        page.goto((built / "_output" / f"{edition}.html").as_uri())
        violations = axe.Axe().run(page).response["violations"]
        browser.close()
    serious = [f"{v['id']} ({v['impact']}): {v['help']} {v['nodes'][0]['target']}"
               for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []


# --- 3. Carries its data ---------------------------------------------------------------------
@pytest.mark.parametrize("edition", EDITIONS)
def test_attachments_are_the_data_files_byte_for_byte(built, pdfs, edition):
    pdf = pdfs[edition]
    expected = {p.name: p for p in (built / "data").glob("*.csv")}
    expected |= {"datapackage.yaml": built / "data" / "datapackage.yaml",
                 "schemas/observations.yaml": built / "data" / "schemas" / "observations.yaml",
                 "claims.json": built / "_build" / "claims.json"}
    assert set(pdf.attachments) == set(expected)
    for name, path in expected.items():
        attached = pdf.attachments[name]
        assert attached.get_file().read_bytes() == path.read_bytes(), name
        assert attached.get_file().mime_type == {".csv": "text/csv", ".yaml": "application/yaml",
                                                 ".json": "application/json"}[path.suffix]
        assert attached.obj.AFRelationship == ("/Supplement" if name == "claims.json" else "/Data")
    # each is an associated file of the document, once
    associated = [spec.objgen for spec in pdf.Root.AF]
    assert sorted(associated) == sorted(pdf.attachments[name].obj.objgen for name in expected)


def test_descriptor_cannot_attach_files_outside_data(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "datapackage.yaml").write_text(
        "title: T\nresources:\n  - {name: secret, path: ../../etc/passwd}\n", encoding="utf-8")
    with pytest.raises(PdfError, match="names '../../etc/passwd', outside data/"):
        data_files(tmp_path)


# --- 4. Checked as a standard (what a validator would check first) ---------------------------
@pytest.mark.parametrize("edition", EDITIONS)
def test_fonts_embedded_and_nothing_pdfa3_forbids(pdfs, edition):
    pdf = pdfs[edition]
    fonts = {font.objgen: font for page in pdf.pages for font in page.Resources.Font.values()}
    assert fonts
    for font in fonts.values():
        descriptor = (font.DescendantFonts[0] if font.Subtype == "/Type0" else font).FontDescriptor
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font.BaseFont
    intent = pdf.Root.OutputIntents[0]
    assert intent.S == "/GTS_PDFA1" and "/DestOutputProfile" in intent
    assert "/Encrypt" not in pdf.trailer
    assert "/JavaScript" not in pdf.Root.get("/Names", {})
    for page in pdf.pages:
        for state in page.Resources.get("/ExtGState", {}).values():
            assert str(state.get("/BM", "/Normal")) in STANDARD_BLEND_MODES
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
            assert obj.get("/Interpolate", False) is False


# --- 5. Links that work on paper -------------------------------------------------------------
def test_cross_references_name_the_page_they_point_to(built):
    document = pdfium.PdfDocument(built / "_output" / "brief.pdf")
    pages = [re.sub(r"\s+", " ", document[i].get_textpage().get_text_range()) for i in range(len(document))]
    references = re.findall(r"(Figure|Table) (\d+), page (\d+)", " ".join(pages))
    assert len(references) >= 8
    for kind, number, page in references:
        assert f"{kind} {number}:" in pages[int(page) - 1], (kind, number, page)
