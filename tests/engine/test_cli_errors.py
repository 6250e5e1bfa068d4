"""briefkit's commands end a problem with a message and exit status 1, never a traceback, and
leave _output/ alone."""
import shutil

from ..conftest import briefkit, copy_built, copy_project


def assert_refused(result, *words):
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def test_an_unknown_brief_lists_the_briefs(tiny_built):
    assert_refused(briefkit(tiny_built, "check", "nosuch"), "no brief named 'nosuch'", "briefs: tiny")


def test_rendering_before_computing_says_what_is_missing(tmp_path):
    project = copy_project(tmp_path / "project")
    assert_refused(briefkit(project, "render", "tiny", "brief"), "reports/tiny/_metadata.yml is missing")


def test_a_latin1_file_stops_every_data_step(tmp_path):
    project = copy_project(tmp_path / "project")
    events = project / "data" / "tiny" / "events.csv"
    events.write_bytes(events.read_bytes().replace(b"synthetic port", b"synth\xe9tic port"))
    for step in (["variables", "tiny"], ["figure", "tiny", "flows"]):   # `check`: test_validation.py
        assert_refused(briefkit(project, *step), "data/tiny/events.csv, row 3: is not UTF-8 text")


def test_an_unwritable_output_folder_is_reported(tiny_built, tmp_path):
    project = copy_built(tiny_built, tmp_path / "project")
    shutil.rmtree(project / "_output" / "tiny")
    (project / "_output" / "tiny").write_text("not a folder\n")   # writing into it fails, as a read-only folder would
    assert_refused(briefkit(project, "publish", "tiny", "brief"), "cannot write _output")
    assert (project / "_output" / "tiny").read_text() == "not a folder\n"
