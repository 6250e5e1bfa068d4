"""Text in the data is text: markup, links, images, raw HTML and shortcodes put into data fields
reach the brief as literal text, and nothing is fetched or read. One build, pandoc engine, while a
local web server records every request."""
from __future__ import annotations

import csv
import re
import secrets
import subprocess
import threading
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pypandoc
import pytest

from briefkit import markdown as md

from ..conftest import copy_project, make
from .helpers import pdf_text, replace_in

POLICY = ("default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; "
          "base-uri 'none'; form-action 'none'")


def probes(port: int, marker: str) -> list[str]:
    return [f'<img src="http://127.0.0.1:{port}/probe.png">', f"![x](http://127.0.0.1:{port}/md.png)",
            f'<link rel=stylesheet href="http://127.0.0.1:{port}/x.css">', f"![y](file://{marker})",
            f"{{{{< include {marker} >}}}}", "{{< meta facts.edition.date >}}", "<script>alert(1)</script>",
            "[click](javascript:alert(1))"]


def pandoc_plain(markdown_text: str) -> str:
    result = subprocess.run([pypandoc.get_pandoc_path(), "--sandbox", "--from=markdown", "--to=plain",
                             "--wrap=none"], input=markdown_text, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_every_ascii_character_and_probe_reads_as_itself():
    printable = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) != "'")  # pandoc curls apostrophes
    for text in [printable, "# heading", "- item", "1. first", "> quote", "| a | b |", "ends in \\", "***",
                 *probes(8765, "/etc/hostname")]:
        assert pandoc_plain(md.text(text)) == text
        assert pandoc_plain(f"- {md.text(text)}") == f"- {text}"


def test_attribute_values_stay_inside_their_quotes():
    value = 'say "hi" \\ {{< meta x >}}'
    html = subprocess.run([pypandoc.get_pandoc_path(), "--sandbox", "--from=markdown", "--to=html5"],
                          input=f"![c](a.svg){{fig-alt={md.attribute(value)}}}", capture_output=True, text=True,
                          check=True).stdout
    # the shortcode opener is split with a zero-width space, so Quarto cannot expand it
    assert 'data-fig-alt="say &quot;hi&quot; \\ {\u200b{&lt; meta x &gt;}}"' in html


def test_data_can_only_link_to_web_pages():
    assert md.link("a (b)", "https://example.org/x_(y)?a=1&b=2") == \
        r"[a \(b\)](https\:\/\/example\.org\/x\_\(y\)\?a\=1\&b\=2)"
    for url in ["javascript:alert(1)", "file:///etc/hostname", "data:text/html,x", "//example.org/x",
                'https://example.org/"><script>', "https://example.org/a b", "https://example.org/{{<x>}}"]:
        with pytest.raises(md.UnsafeURL):
            md.web_url(url)


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
    """Set `column` to `value` in the one row matching every key column."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    [match] = [r for r in rows if all(r[k] == v for k, v in key.items())]
    match[column] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


class Elements(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def squeeze(text: str) -> str:
    return re.sub(r"[\s\ufffe-]+", "", text)


def test_injected_markup_prints_as_typed(tmp_path, server):
    token = secrets.token_hex(16)
    marker = tmp_path / "outside" / "marker.txt"
    marker.parent.mkdir()
    marker.write_text(token, encoding="utf-8")
    every = probes(server.server_address[1], str(marker))
    web, local, shortcode, active = every[:3], every[3:5], every[5], every[6:]
    project = copy_project(tmp_path / "project")
    data = project / "data" / "tiny"
    fields = {   # titles and notes are limited to 300 characters: each takes some of the probes
        "event": (data / "events.csv", {"tag": ""}, "event", every),
        "source title": (data / "sources.csv", {"id": "mirror-site"}, "title", [*web, shortcode, *active]),
        "observation note": (data / "yearly.csv", {"measure": "alpha", "period": "2016"}, "note", [*local, active[0]]),
    }
    injected = {name: f"Probe in {name}: " + " ".join(strings) for name, (*_, strings) in fields.items()}
    for name, (path, key, column, _) in fields.items():
        edit_csv(path, key, column, injected[name])
    replace_in(project / "reports" / "tiny" / "brief.qmd", "{min: 1, max: 3}", "{min: 1, max: 20}")

    result = make(project, "report")
    assert result.returncode == 0, result.stdout + result.stderr

    assert server.requests == []
    html = (project / "_output" / "tiny" / "brief.html").read_text(encoding="utf-8")
    text = pdf_text(project / "_output" / "tiny" / "brief.pdf")
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
    for name, value in injected.items():
        assert squeeze(value) in squeeze(text), name
