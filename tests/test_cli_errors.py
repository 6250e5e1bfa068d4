"""Environment problems end in a message and exit status 1, never a traceback, and leave _output/ alone."""
import os
import shutil
import subprocess
import sys

from .conftest import briefkit as run_in
from .conftest import copy_project


def briefkit(project, *args):
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    env.pop("BRIEFKIT_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "briefkit", *args], cwd=project, env=env,
                          capture_output=True, text=True)


def test_an_unwritable_output_folder_is_reported(built, engine, tmp_path):
    project = copy_project(tmp_path / "project")
    for generated in ("_build", "figures"):
        shutil.copytree(built / generated, project / generated)
    shutil.copy2(built / "_variables.yml", project / "_variables.yml")
    (project / "_output").write_text("not a folder\n")   # writing into it fails, as a read-only folder would
    result = run_in(project, "publish", "brief", "summary", engine=engine)
    assert result.returncode == 1
    assert "error: cannot write _output" in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert (project / "_output").read_text() == "not a folder\n"


def test_rendering_before_computing_says_what_is_missing(tmp_path):
    project = copy_project(tmp_path / "project")
    result = briefkit(project, "render", "brief")
    assert result.returncode == 1
    assert "_variables.yml" in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_a_latin1_timeline_stops_every_data_step(tmp_path):
    project = copy_project(tmp_path / "project")
    timeline = project / "data" / "timeline.csv"
    text = timeline.read_text(encoding="utf-8")
    first_non_ascii = next(n for n, line in enumerate(text.splitlines(), start=1) if not line.isascii())
    timeline.write_bytes(text.encode("latin-1", "replace"))
    for step in (["check"], ["variables"], ["figure", "trade"]):
        result = briefkit(project, *step)
        assert result.returncode == 1, step
        assert f"data/timeline.csv, row {first_non_ascii}: is not UTF-8 text" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
