"""An interrupted build never leaves _output/ without a matching HTML+PDF pair, nor a temporary file."""
import os
import shutil
import signal
import subprocess
import time

import pytest

from .conftest import VENV, copy_project, project_env
from .test_build import pdf_text

OLD, NEW = "261,000 hectares", "262,000 hectares"


def started_make(project):
    return subprocess.Popen(["make", f"VENV={VENV}", "ENGINE=pandoc", "report"], cwd=project,
                            env=project_env(project, "pandoc"), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)


def wait_for(condition, timeout=180.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the build never reached the point to interrupt"
        time.sleep(0.005)


@pytest.mark.parametrize("moment", ["while rendering", "just after the brief is replaced"])
def test_sigterm_leaves_a_matching_pair(builds, tmp_path, moment):
    project = copy_project(tmp_path / "project")
    for generated in ("_build", "figures", "_output"):
        shutil.copytree(builds("pandoc") / generated, project / generated, copy_function=shutil.copy2)
    shutil.copy2(builds("pandoc") / "_variables.yml", project / "_variables.yml")
    csv = project / "data" / "narcotics.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("2024,261000", "2024,262000", 1), encoding="utf-8")
    brief = project / "_output" / "brief.pdf"
    before = brief.stat().st_mtime_ns
    make = started_make(project)
    if moment == "while rendering":
        wait_for(lambda: any(p.name.startswith(".brief") for p in (project / "_build").iterdir())
                 or (project / "_build" / "quarto").exists() or brief.stat().st_mtime_ns != before
                 or make.poll() is not None)
        time.sleep(0.5)
    else:
        wait_for(lambda: brief.stat().st_mtime_ns != before)
    os.killpg(make.pid, signal.SIGTERM)
    make.wait(timeout=60)
    output = sorted(p.name for p in (project / "_output").iterdir())
    assert not [name for name in output if name.startswith(".") or name.endswith(".tmp")], output
    for edition in ("brief", "summary"):
        html = (project / "_output" / f"{edition}.html").read_text(encoding="utf-8")
        text = pdf_text(project / "_output" / f"{edition}.pdf")
        if edition == "brief":
            assert (OLD in html and OLD in text) or (NEW in html and NEW in text), edition


def test_an_edition_that_fails_publishes_nothing(builds, tmp_path):
    """The summary renders with the new data but the brief fails (here an unknown variable): _output/
    keeps every file of the last good build, not a new summary beside an old brief."""
    project = copy_project(tmp_path / "project")
    for generated in ("_build", "figures", "_output"):
        shutil.copytree(builds("pandoc") / generated, project / generated, copy_function=shutil.copy2)
    shutil.copy2(builds("pandoc") / "_variables.yml", project / "_variables.yml")
    before = {p.name: p.read_bytes() for p in (project / "_output").iterdir()}
    csv = project / "data" / "narcotics.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("2024,261000", "2024,262000", 1), encoding="utf-8")
    brief = project / "reports" / "brief.qmd"
    brief.write_text(brief.read_text(encoding="utf-8").replace("## Outlook\n", "## Outlook\n\n{{< var no.such >}}\n"),
                     encoding="utf-8")
    result = subprocess.run(["make", f"VENV={VENV}", "ENGINE=pandoc", "report"], cwd=project,
                            env=project_env(project, "pandoc"), capture_output=True, text=True)
    assert result.returncode != 0 and "unknown variable 'no.such'" in result.stderr, result.stderr
    assert NEW in pdf_text(project / "_build" / "out" / "summary.pdf")    # the summary did render
    assert {p.name: p.read_bytes() for p in (project / "_output").iterdir()} == before
