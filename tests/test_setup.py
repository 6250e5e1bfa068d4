"""The optional set-up. `make quarto`: PyPI's quarto-cli into .venv, whose quarto make (and so
briefkit and the tests) finds from then on; when the install fails (offline: quarto-cli downloads
the Quarto release), one line says so and points to a build. pip is a stand-in here (the real
install needs the internet): a venv whose pip records its arguments and either fails or installs
a `quarto` that prints a version.

And the optional checks a run skipped: one line each, with the command that enables it."""
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from .conftest import CHROMIUM_MISSING, QUARTO_MISSING, copy_project, skipped_optional_checks


def without_quarto(path: str) -> str:
    """PATH less the folders that hold a quarto, so the test decides whether there is one."""
    return os.pathsep.join(p for p in path.split(os.pathsep) if p and not (Path(p) / "quarto").exists())


def stand_in_venv(folder: Path, pip_body: str) -> Path:
    """A venv for make: its python runs this test run's, its pip is `pip_body`, and it is set up."""
    (folder / "bin").mkdir(parents=True)
    (folder / "bin" / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    (folder / "bin" / "pip").write_text(f'#!/bin/sh\necho "pip $*" >> "{folder}/pip-calls"\n{pip_body}\n')
    for name in ("python", "pip"):
        (folder / "bin" / name).chmod(0o755)
    (folder / ".ready").touch()        # newer than the copy's lock and pyproject.toml
    return folder


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("project"))


def make(project: Path, venv: Path, *targets: str) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items() if name not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    env.update(PATH=without_quarto(os.environ["PATH"]), PYTHONPATH=str(project / "src"))   # as a user types it
    return subprocess.run(["make", "--no-print-directory", f"VENV={venv}", *targets], cwd=project, env=env,
                          capture_output=True, text=True)


def test_a_failed_download_is_one_line_that_points_to_a_build(project, tmp_path):
    venv = stand_in_venv(tmp_path / "venv", 'echo "Error downloading Quarto: <urlopen error>"; exit 1')
    result = make(project, venv, "quarto")
    assert result.returncode != 0
    ours = [line for line in result.stderr.splitlines() if not re.match(r"make(\[\d+\])?: ", line)]
    assert ours == [f"quarto      could not install quarto-cli==1.10.19: it downloads Quarto from the quarto-cli "
                    f"release on GitHub, and that download failed (offline?); build one instead with "
                    f"../shared/tools/build-quarto.sh and put its bin/ on PATH (pip's log: {venv}/quarto-install.log)"]
    assert "Error downloading Quarto" in (venv / "quarto-install.log").read_text()
    assert not (venv / "quarto-bin").exists()
    assert make(project, venv, "_build/engine").returncode == 0
    assert (project / "_build" / "engine").read_text() == "pandoc\n"


def test_the_installed_quarto_is_the_one_make_uses(project, tmp_path):
    installs_quarto = (f'printf \'#!/bin/sh\\necho 1.10.19\\n\' > "{tmp_path}/venv/bin/quarto"\n'
                       f'chmod +x "{tmp_path}/venv/bin/quarto"')
    venv = stand_in_venv(tmp_path / "venv", installs_quarto)
    result = make(project, venv, "quarto")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"quarto      installed Quarto 1.10.19 in {venv}; make report now renders with it\n"
    assert (venv / "pip-calls").read_text() == ("pip install --quiet --disable-pip-version-check --no-deps "
                                                "quarto-cli==1.10.19\n")
    assert make(project, venv, "_build/engine").returncode == 0
    assert (project / "_build" / "engine").read_text() == "quarto\n"   # the engine make chose (ENGINE=auto)


def test_skips_are_counted_per_optional_check():
    def skipped(nodeid, reason):
        return SimpleNamespace(nodeid=nodeid, longrepr=("tests/x.py", 1, f"Skipped: {reason}"))
    reports = [skipped("a[quarto]", QUARTO_MISSING), skipped("b[quarto]", QUARTO_MISSING),
               skipped("a[quarto]", QUARTO_MISSING), skipped("c", CHROMIUM_MISSING),
               skipped("d", "some other reason"), SimpleNamespace(nodeid="e", longrepr=None)]
    assert skipped_optional_checks(reports) == {QUARTO_MISSING: 2, CHROMIUM_MISSING: 1}
    assert skipped_optional_checks(reports[3:]) == {CHROMIUM_MISSING: 1}
