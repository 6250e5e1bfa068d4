import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefkit import datapackage, facts, paths



@pytest.fixture(scope="session")
def data():
    return datapackage.load()


@pytest.fixture(scope="session")
def computed(data):
    return facts.compute_facts(data)


def copy_project(target: Path) -> Path:
    """A copy of the tracked project files, with their timestamps, in `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in paths.PROJECT_FILES:
        source = paths.ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, copy_function=shutil.copy2,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, target / name)
    return target


def make(project: Path, *targets: str, engine: str = "pandoc") -> subprocess.CompletedProcess:
    """Run make in a project copy with this test run's virtualenv and the copy's own code."""
    venv = Path(sys.executable).parent.parent
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    return subprocess.run(["make", f"VENV={venv}", f"ENGINE={engine}", *targets], cwd=project, env=env,
                          capture_output=True, text=True)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The whole pipeline run once through make (pandoc engine) in a temporary copy of the project."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = make(project, "report")
    assert result.returncode == 0, result.stdout + result.stderr
    return project
