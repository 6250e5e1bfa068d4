"""Each output says what made it: the manifest's checksums and the colophon."""
import hashlib
import json
import subprocess

import pypdfium2 as pdfium
import pytest

from briefkit.manifest import BuildInfo, colophon, git_state

from .conftest import git
from .test_build import pdf_text


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def manifest(built):
    return json.loads((built / "_output" / "manifest.json").read_text(encoding="utf-8"))


def test_manifest_hashes_equal_the_files(built, engine, manifest):
    assert (manifest["format"], manifest["version"], manifest["engine"]) == ("briefkit-manifest", 1, engine)
    inputs = manifest["inputs"]
    for name in ("data/narcotics.csv", "data/datapackage.yaml", "reports/brief.qmd", "reports/style/brief.css",
                 "src/briefkit/facts.py", "_quarto.yml", "requirements.lock"):
        assert name in inputs, name
    tracked = {str(p.relative_to(built)) for folder in ("data", "reports") for p in (built / folder).rglob("*")
               if p.is_file()}
    assert tracked <= set(inputs)
    for name, digest in inputs.items():
        assert sha256(built / name) == digest, name
    assert set(manifest["outputs"]) == {"brief.html", "brief.pdf", "summary.html", "summary.pdf", "claims.json"}
    for name, record in manifest["outputs"].items():
        assert sha256(built / "_output" / name) == record["sha256"], name
        assert record["engine"] == manifest["engine"]


def test_manifest_names_the_tools(manifest, built, engine):
    assert set(manifest["tools"]) >= {"python", "pandas", "matplotlib", "weasyprint", engine}
    assert all(manifest["tools"].values())
    head = git(built, "rev-parse", "HEAD").strip()                   # the test copy is a git checkout
    assert manifest["commit"] == head and manifest["dirty"] is False


def test_colophon_is_on_the_last_page_only(built):
    path = built / "_output" / "brief.pdf"
    document = pdfium.PdfDocument(path)
    last = len(document) - 1
    pages = ["Colophon." in document[i].get_textpage().get_text_range() for i in range(len(document))]
    assert pages == [i == last for i in range(len(document))]
    text = pdf_text(path)
    head = git(built, "rev-parse", "HEAD").strip()
    assert f"Colophon. Edition of 26 November 2026, data as of 25 November 2026. Built from commit {head[:12]};" in text


def test_colophon_flags_a_dirty_tree(tmp_path):
    project = tmp_path / "repo"
    project.mkdir()
    git = lambda *args: subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True)  # noqa: E731
    git("init", "-q")
    (project / "a.txt").write_text("a", encoding="utf-8")
    git("add", "a.txt")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "first")
    commit, dirty = git_state(project)
    assert len(commit) == 40 and dirty is False
    assert git_state(project / "sub" if (project / "sub").mkdir() else project / "sub") == (None, None)
    (project / "a.txt").write_text("b", encoding="utf-8")
    assert git_state(project) == (commit, True)
    info = BuildInfo("pandoc", {"pandoc": "3.9", "weasyprint": "70.0"}, commit, True)
    text = colophon(info, "25 November 2026")
    assert f"Built from commit `{commit[:12]}` with uncommitted changes; pandoc 3.9 engine" in text
    assert text == colophon(BuildInfo("pandoc", {"pandoc": "3.9", "weasyprint": "70.0"}, commit, True),
                            "25 November 2026")                     # nothing in it depends on the clock
