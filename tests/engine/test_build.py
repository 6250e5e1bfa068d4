"""The fixture built through make: its outputs, their manifest, a no-op second make, and a failed
or interrupted build that leaves the last good outputs."""
import hashlib
import json
import os
import re
import signal
import subprocess
import time

import pytest

from ..conftest import ENGINES, VENV, commit_all, copy_built, copy_project, git, make, outputs, project_env
from .helpers import edit_line, pdf_text

OUTPUTS = ["brief.html", "brief.pdf", "claims.json", "manifest.json"]


@pytest.fixture(scope="session")
def built(request, tiny_built, tmp_path_factory):
    """The fixture built by each engine available (pandoc: the shared build)."""
    engine = request.param
    if engine == "pandoc":
        return tiny_built, engine
    project = copy_project(tmp_path_factory.mktemp(f"tiny-{engine}"))
    commit_all(project, "tiny")
    result = make(project, "report", engine=engine)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, engine


pytestmark = pytest.mark.parametrize("built", ENGINES, indirect=True)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_outputs_and_hand_checked_numbers(built):
    project, engine = built
    assert sorted(outputs(project)) == OUTPUTS
    text = pdf_text(project / "_output" / "tiny" / "brief.pdf")
    for expected in ["Alpha was $230 million in 2024, down 4% on the year before and 8% below the 2022 peak",
                     "Beta was $200 million†", "$30 million surplus", "in deficit in 2017, 2019–2020 and 2022",
                     "$90 million in 2025 (January–March 2025 only)", "Edition of 30 June 2025", "Page 1 of"]:
        assert expected in text, expected
    head = git(project, "rev-parse", "HEAD").strip()
    assert f"Built from commit {head[:12]}; {engine}" in text


def test_manifest_checksums_and_what_made_the_outputs(built):
    project, engine = built
    manifest = json.loads((project / "_output" / "tiny" / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["format"], manifest["engine"], manifest["dirty"]) == ("briefkit-manifest", engine, False)
    assert manifest["commit"] == git(project, "rev-parse", "HEAD").strip()
    inputs = manifest["inputs"]
    for name in ("data/tiny/yearly.csv", "data/tiny/datapackage.yaml", "reports/tiny/brief.yml",
                 "reports/tiny/brief.qmd", "reports/style/brief.css", "src/briefkit/facts.py", "Makefile"):
        assert name in inputs, name
    assert "_quarto.yml" not in inputs and "reports/tiny/_metadata.yml" not in inputs
    for name, digest in inputs.items():
        assert sha256((project / name).read_bytes()) == digest, name
    assert sorted(manifest["outputs"]) == ["brief.html", "brief.pdf", "claims.json"]
    for name, record in manifest["outputs"].items():
        assert sha256((project / "_output" / "tiny" / name).read_bytes()) == record["sha256"], name
    assert (project / "_output" / "tiny" / "claims.json").read_bytes() == (project / "_build/tiny/claims.json").read_bytes()


def test_a_second_make_does_nothing(built):
    project, engine = built
    before = {p.name: p.stat().st_mtime_ns for p in (project / "_output" / "tiny").iterdir()}
    result = make(project, "report", engine=engine)
    assert result.returncode == 0, result.stderr
    assert all(re.match(r"make(\[\d+\])?: ", line) for line in result.stdout.splitlines()), result.stdout
    assert {p.name: p.stat().st_mtime_ns for p in (project / "_output" / "tiny").iterdir()} == before


def test_bad_data_stops_the_build_and_keeps_the_outputs(built, tmp_path):
    project = copy_built(built[0], tmp_path / "project")
    before = outputs(project)
    edit_line(project / "data" / "tiny" / "yearly.csv", 10, "230", "lots")
    result = make(project, "report", engine=built[1])
    assert result.returncode != 0
    assert "data/tiny/yearly.csv, row 10, column 'value': 'lots' is not a valid number" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert outputs(project) == before


def test_a_render_that_fails_publishes_nothing(built, tmp_path):
    """The report breaks its page budget: _output/tiny/ keeps every file of the last good build."""
    project = copy_built(built[0], tmp_path / "project")
    before = outputs(project)
    document = project / "reports" / "tiny" / "brief.qmd"
    document.write_text(document.read_text(encoding="utf-8").replace("{min: 1, max: 3}", "{min: 9, max: 9}"),
                        encoding="utf-8")
    result = make(project, "report", engine=built[1])
    assert result.returncode != 0 and "under its budget of 9–9" in result.stderr, result.stderr
    assert outputs(project) == before


def test_sigterm_while_rendering_leaves_a_matching_pair(built, tmp_path):
    project = copy_built(built[0], tmp_path / "project")
    edit_line(project / "data" / "tiny" / "yearly.csv", 10, "230", "231")
    started = subprocess.Popen(["make", f"VENV={VENV}", f"ENGINE={built[1]}", "report"], cwd=project,
                               env=project_env(project, built[1]), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    rendering = project / "_build" / "tiny" / "variables.ok"
    mark = rendering.stat().st_mtime_ns
    while started.poll() is None and rendering.stat().st_mtime_ns == mark:   # until the render starts
        time.sleep(0.01)
    time.sleep(0.3)
    if started.poll() is None:
        os.killpg(started.pid, signal.SIGTERM)
    started.wait(timeout=60)
    names = sorted(outputs(project))
    assert names == OUTPUTS, names                                    # no temporary file among them
    html = (project / "_output" / "tiny" / "brief.html").read_text(encoding="utf-8")
    text = pdf_text(project / "_output" / "tiny" / "brief.pdf")
    claims = (project / "_output" / "tiny" / "claims.json").read_text(encoding="utf-8")
    old, new = "$230 million", "$231 million"
    assert all(old in t for t in (html, text, claims)) or all(new in t for t in (html, text, claims))
