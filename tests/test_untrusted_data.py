"""Text in the data is text: markup, links, images, raw HTML and shortcodes put into data
fields reach the brief as literal text under each engine, and nothing is fetched or read.

The end-to-end test injects the strings of issue 8 into four kinds of text field, builds
both editions with make in a copy of the project while a local web server records every
request, and checks the HTML and PDF."""
from __future__ import annotations

import csv
import re
import secrets
import shutil
import subprocess
import threading
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pypandoc
import pytest

from briefkit import markdown as md
from briefkit import validation

from .conftest import QUARTO_MISSING, copy_project, make
from .test_build import pdf_text

POLICY = ("default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; "
          "base-uri 'none'; form-action 'none'")
ENGINES = ["pandoc", pytest.param("quarto", marks=pytest.mark.skipif(shutil.which("quarto") is None,
                                                                    reason=QUARTO_MISSING))]


def probes(port: int, marker: str) -> list[str]:
    return [f'<img src="http://127.0.0.1:{port}/probe.png">', f"![x](http://127.0.0.1:{port}/md.png)",
            f'<link rel=stylesheet href="http://127.0.0.1:{port}/x.css">', f"![y](file://{marker})",
            f"{{{{< include {marker} >}}}}", "<script>alert(1)</script>", "[click](javascript:alert(1))"]


# --- the escaping itself ------------------------------------------------------------------
def pandoc_plain(markdown_text: str) -> str:
    result = subprocess.run([pypandoc.get_pandoc_path(), "--sandbox", "--from=markdown", "--to=plain",
                             "--wrap=none"], input=markdown_text, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_every_ascii_character_reads_as_itself():
    printable = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) != "'")  # pandoc curls apostrophes
    for text in [printable, "# heading", "- item", "1. first", "> quote", "| a | b |", "ends in \\", "***"]:
        assert pandoc_plain(md.text(text)) == text


def test_injected_strings_read_as_themselves():
    for text in probes(8765, "/etc/hostname"):
        assert pandoc_plain(md.text(text)) == text
        assert pandoc_plain(f"- {md.text(text)}") == f"- {text}"


def test_attribute_values_stay_inside_their_quotes():
    value = 'say "hi" \\ {{< var x >}}'
    html = subprocess.run([pypandoc.get_pandoc_path(), "--sandbox", "--from=markdown", "--to=html5"],
                          input=f"![c](a.svg){{fig-alt={md.attribute(value)}}}", capture_output=True, text=True,
                          check=True).stdout
    # the shortcode opener is split with a zero-width space, so Quarto cannot expand it
    assert 'data-fig-alt="say &quot;hi&quot; \\ {\u200b{&lt; var x &gt;}}"' in html


def test_data_can_only_link_to_web_pages():
    assert md.link("a (b)", "https://example.org/x_(y)?a=1&b=2") == r"[a \(b\)](https\:\/\/example\.org\/x\_\(y\)\?a\=1\&b\=2)"
    for url in ["javascript:alert(1)", "file:///etc/hostname", "data:text/html,x", "//example.org/x",
                'https://example.org/"><script>', "https://example.org/a b", "https://example.org/{{<x>}}"]:
        with pytest.raises(md.UnsafeURL):
            md.web_url(url)


def test_validation_refuses_a_url_that_is_not_http(tmp_path):
    data = shutil.copytree(validation.paths.DATA, tmp_path / "data")
    sources = data / "sources.csv"
    lines = sources.read_text(encoding="utf-8").splitlines(keepends=True)
    url = lines[1].split(",")[3]
    lines[1] = lines[1].replace(url, "javascript:alert(1)")
    sources.write_text("".join(lines), encoding="utf-8")
    [problem] = [str(p) for p in validation.validate(data / "datapackage.yaml")]
    assert problem.startswith(f"{sources}, row 2, column 'url': ")
    assert "not an http(s) URL: 'javascript:alert(1)'" in problem


# --- end to end ---------------------------------------------------------------------------------
class RecordingServer(ThreadingHTTPServer):
    """A local web server that answers 404 and remembers every request it saw."""

    def __init__(self):
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(f"{self.command} {self.path}")
                self.send_error(404)

            do_HEAD = do_POST = do_GET

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)


@pytest.fixture()
def server():
    with RecordingServer() as httpd:
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        yield httpd
        httpd.shutdown()


def edit_csv(path, key: dict, column: str, value: str) -> None:
    """Set `column` to `value` in the row matching every key column."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    matches = [r for r in rows if all(r[k] == v for k, v in key.items())]
    assert len(matches) == 1, (path, key)
    matches[0][column] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


class Elements(HTMLParser):
    """Every start tag and its attributes."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def squeeze(text: str) -> str:
    """Text without what line breaking changes: spaces, and hyphens (pdfium reads the hyphen of a
    word broken across lines, WeasyPrint's or the text's own, as U+FFFE)."""
    return re.sub(r"[\s\ufffe-]+", "", text)


@pytest.mark.parametrize("engine", ENGINES)
def test_injected_markup_stays_text(tmp_path, server, engine):
    token = secrets.token_hex(16)
    marker = tmp_path / "outside" / "marker.txt"
    marker.parent.mkdir()
    marker.write_text(token, encoding="utf-8")
    every = probes(server.server_address[1], str(marker))
    web, local, active = every[:3], every[3:5], every[5:]   # fetches, local files, script and link
    project = copy_project(tmp_path / "project")
    data = project / "data"
    # where the text goes, and which probes: all of them in the long fields; titles and notes are
    # limited to 300 characters, so one takes the web probes and the other the local files
    fields = {
        "timeline event": (data / "timeline.csv", {"date": "2022-08-28"}, "event", every),  # in Appendix A
        "stance": (data / "issues.csv", {"id": "counter_narcotics"}, "us_stance", every),
        "source title": (data / "sources.csv", {"id": "latimes-com-e576fd"}, "title", web + active),
        "observation note": (data / "narcotics.csv", {"measure": "coca_area_unodc", "period": "2001"}, "note",
                             local + active),
    }
    injected = {name: f"Probe in {name}: " + " ".join(strings) for name, (*_, strings) in fields.items()}
    for name, (path, key, column, _) in fields.items():
        edit_csv(path, key, column, injected[name])
    brief = project / "reports" / "brief.qmd"  # the probes lengthen the brief past its page budget
    brief.write_text(re.sub(r"page-budget: \{[^}]*\}", "page-budget: {min: 1, max: 40}",
                            brief.read_text(encoding="utf-8")), encoding="utf-8")

    result = make(project, "report", engine=engine)
    assert result.returncode == 0, result.stdout + result.stderr

    assert server.requests == []
    for name in ("brief", "summary"):
        html = (project / "_output" / f"{name}.html").read_text(encoding="utf-8")
        text = pdf_text(project / "_output" / f"{name}.pdf")
        assert token not in html and token not in text
        tags = Elements(html).tags
        assert [a.get("content") for t, a in tags if a.get("http-equiv") == "Content-Security-Policy"] == [POLICY]
        for tag, attrs in tags:
            assert tag not in ("script", "iframe", "object", "embed", "base"), tag
            assert tag != "link" or attrs.get("rel") != "stylesheet", attrs
            for attribute, value in attrs.items():
                assert "javascript:" not in (value or "").lower(), (tag, attribute)
            if "src" in attrs:
                assert attrs["src"].startswith("data:"), (tag, attrs["src"][:80])
            if tag == "a":
                assert re.match(r"https?://|#", attrs.get("href", "")), attrs
    text = squeeze(pdf_text(project / "_output" / "brief.pdf"))
    for name, value in injected.items():
        assert squeeze(value) in text, name
