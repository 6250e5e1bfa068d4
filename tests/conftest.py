import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefkit import datapackage, facts, paths

# Optional checks: skipped when their tool is missing, each with the one command that enables it;
# a run ends with one line per optional check it skipped (pytest_terminal_summary below).
QUARTO_MISSING = ("quarto is not on PATH: `make quarto` installs it into .venv (it downloads Quarto); offline, "
                  "build one with ../shared/tools/build-quarto.sh and put its bin/ on PATH")
CHROMIUM_MISSING = "no Chromium on PATH (Debian: apt-get install chromium); axe-core needs a browser"
OPTIONAL_CHECKS = {QUARTO_MISSING: ("Quarto engine", "`make quarto` (or put a Quarto 1.11 on PATH)"),
                   CHROMIUM_MISSING: ("axe-core in Chromium", "`apt-get install chromium`")}
ENGINES = [pytest.param("pandoc"),
           pytest.param("quarto", marks=pytest.mark.skipif(not shutil.which("quarto"), reason=QUARTO_MISSING))]


@pytest.fixture(scope="session")
def data():
    return datapackage.load()


@pytest.fixture(scope="session")
def computed(data):
    return facts.compute_facts(data)


def publish_on(data_folder: Path, date: str) -> None:
    """Move the edition date of a data package copy to `date` if that is later (an edit that moves
    the data date past the edition needs a later edition)."""
    descriptor = data_folder / "datapackage.yaml"
    text = descriptor.read_text(encoding="utf-8")
    current = re.search(r'(?m)^edition_date: "(.*)"$', text).group(1)
    later = max(current, date)
    descriptor.write_text(text.replace(f'edition_date: "{current}"', f'edition_date: "{later}"'), encoding="utf-8")


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


VENV = Path(sys.executable).parent.parent


def project_env(project: Path, engine: str) -> dict[str, str]:
    """Run the copy's own code with this test run's virtualenv."""
    return {**os.environ, "PYTHONPATH": str(project / "src"), "BRIEF_ENGINE": engine}


def make(project: Path, *targets: str, engine: str = "pandoc") -> subprocess.CompletedProcess:
    return subprocess.run(["make", f"VENV={VENV}", f"ENGINE={engine}", *targets], cwd=project,
                          env=project_env(project, engine), capture_output=True, text=True)


def briefkit(project: Path, *args: str, engine: str = "pandoc") -> subprocess.CompletedProcess:
    """One briefkit command, as make runs it (MAKEFLAGS carries VENV to the `make prepare`
    that Quarto runs as its pre-render step)."""
    env = {**project_env(project, engine), "MAKEFLAGS": f"VENV={VENV}"}
    return subprocess.run([sys.executable, "-m", "briefkit", *args], cwd=project, env=env,
                          capture_output=True, text=True)


def git(project: Path, *args: str) -> str:
    # fixed names and dates: the same files give the same commit in every copy
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "GIT_AUTHOR_DATE": "2026-11-26T00:00:00Z",
           "GIT_COMMITTER_DATE": "2026-11-26T00:00:00Z"}
    return subprocess.run(["git", *args], cwd=project, env=env, capture_output=True, text=True, check=True).stdout


class Build:
    """The whole pipeline run once through make, per engine, in a temporary git clone-like copy."""

    def __init__(self, factory):
        self.factory, self.projects, self.git_status = factory, {}, {}

    def __call__(self, engine: str) -> Path:
        if not hasattr(self, "template"):   # one snapshot of the tree, so every engine builds the same files
            self.template = copy_project(self.factory.mktemp("template"))
        if engine not in self.projects:
            project = self.factory.mktemp(f"project-{engine}")
            shutil.copytree(self.template, project, dirs_exist_ok=True, copy_function=shutil.copy2)
            git(project, "init", "-q")
            git(project, "add", "-A")
            git(project, "commit", "-q", "-m", "copy")
            result = make(project, "report", engine=engine)
            assert result.returncode == 0, result.stdout + result.stderr
            self.git_status[engine] = git(project, "status", "--porcelain")
            self.projects[engine] = project
        return self.projects[engine]


@pytest.fixture(scope="session")
def builds(tmp_path_factory):
    return Build(tmp_path_factory)


@pytest.fixture(scope="session", params=ENGINES)
def engine(request):
    return request.param


@pytest.fixture(scope="session")
def built(builds, engine):
    return builds(engine)


def skipped_optional_checks(reports) -> dict[str, int]:
    """How many tests each optional check skipped, by the reason they were skipped with."""
    tests: dict[str, set[str]] = {}
    for report in reports:
        if isinstance(report.longrepr, tuple):   # (file, line, "Skipped: reason")
            reason = str(report.longrepr[2]).removeprefix("Skipped: ")
            if reason in OPTIONAL_CHECKS:
                tests.setdefault(reason, set()).add(report.nodeid)
    return {reason: len(tests[reason]) for reason in OPTIONAL_CHECKS if reason in tests}


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter):
    """After pytest's own summary, one line per optional check skipped, with what enables it."""
    result = yield
    for reason, count in skipped_optional_checks(terminalreporter.stats.get("skipped", [])).items():
        check, command = OPTIONAL_CHECKS[reason]
        terminalreporter.write_line(f"{check}: skipped {count} test{'s' * (count != 1)}; enable with {command}")
    return result
