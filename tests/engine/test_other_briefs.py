"""`make new` gives a starter brief that builds at once; and adding, changing and removing another
brief, each committed, leaves every output of the fixture brief byte for byte as it was (its commit
is the last one that touched its own inputs). Rebuilt from nothing at the end, it is the same again."""
import shutil

from ..conftest import commit_all, copy_built, make, outputs
from .helpers import pdf_text, replace_in


def test_other_briefs_come_and_go_without_touching_this_one(tiny_built, tmp_path):
    project = copy_built(tiny_built, tmp_path / "project")
    before = outputs(project)
    assert sorted(before) == ["brief.html", "brief.pdf", "claims.json", "manifest.json"]

    # added: the starter builds at once, and says its values are samples
    result = make(project, "new", "BRIEF=other")
    assert result.returncode == 0, result.stderr
    assert "reports/other/brief.qmd" in (project / "_quarto.yml").read_text(encoding="utf-8")
    commit_all(project, "add other", date="2025-07-01T00:00:00Z")
    result = make(project, "report")
    assert result.returncode == 0, result.stdout + result.stderr
    starter = outputs(project, "other")
    assert {"brief.pdf", "brief.html", "claims.json", "manifest.json"} <= set(starter)
    assert "every value below is a SAMPLE" in pdf_text(project / "_output" / "other" / "brief.pdf")
    assert outputs(project) == before

    # changed
    replace_in(project / "data" / "other" / "series.csv", "sample_exports,2023,150", "sample_exports,2023,155")
    commit_all(project, "change other", date="2025-07-02T00:00:00Z")
    result = make(project, "report")
    assert result.returncode == 0, result.stdout + result.stderr
    assert outputs(project, "other")["claims.json"] != starter["claims.json"]
    assert outputs(project) == before

    # removed
    shutil.rmtree(project / "data" / "other")
    shutil.rmtree(project / "reports" / "other")
    replace_in(project / "_quarto.yml", "    - reports/other/brief.qmd\n", "")
    commit_all(project, "remove other", date="2025-07-03T00:00:00Z")
    result = make(project, "report")
    assert result.returncode == 0, result.stdout + result.stderr
    assert outputs(project) == before

    # and from nothing: the same bytes again
    for generated in ("_build", "figures", "_output"):
        shutil.rmtree(project / generated)
    (project / "reports" / "tiny" / "_metadata.yml").unlink()
    result = make(project, "report")
    assert result.returncode == 0, result.stdout + result.stderr
    assert outputs(project) == before


def test_a_new_brief_needs_a_free_name(tiny_built, tmp_path):
    from ..conftest import briefkit

    project = tiny_built
    for name, message in (("tiny", "data/tiny exists already"), ("Bad_Name", "cannot name a brief")):
        result = briefkit(project, "new", name)
        assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr
    assert not (project / "reports" / "Bad_Name").exists()
