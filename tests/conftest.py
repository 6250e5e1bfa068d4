"""Shared helpers: a project copy (the engine's files and chosen briefs) in a temporary folder, make
and briefkit run there with this test run's virtualenv, and git with fixed names and dates.

The engine's tests (tests/engine/) build the synthetic fixture brief tests/fixtures/tiny/; a brief
of the project itself (reports/<name>/) can be copied the same way."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefkit import paths

FIXTURES = Path(__file__).parent / "fixtures"
# What every project has besides its briefs (paths.PROJECT_FILES without the briefs' own folders).
ENGINE_FILES = (".gitignore", "Makefile", "pyproject.toml", "requirements.lock", "src", "reports/style",
                "reports/filters")
IGNORED = shutil.ignore_patterns("__pycache__", "*.egg-info", "_metadata.yml")
VENV = Path(sys.executable).parent.parent
# Optional checks: skipped when their tool is missing, each with the one command that enables it;
# a run ends with one line per optional check it skipped (pytest_terminal_summary below).
QUARTO_MISSING = ("quarto is not on PATH: `make quarto` installs it into .venv (it downloads Quarto); offline, "
                  "build one with ../shared/tools/build-quarto.sh and put its bin/ on PATH")
CHROMIUM_MISSING = "no Chromium on PATH (Debian: apt-get install chromium); axe-core needs a browser"
OPTIONAL_CHECKS = {QUARTO_MISSING: ("Quarto engine", "`make quarto` (or put a Quarto 1.11 on PATH)"),
                   CHROMIUM_MISSING: ("axe-core in Chromium", "`apt-get install chromium`")}
ENGINES = [pytest.param("pandoc"),
           pytest.param("quarto", marks=pytest.mark.skipif(not shutil.which("quarto"), reason=QUARTO_MISSING))]


def brief_home(name: str) -> Path:
    """The project root that holds a brief: a fixture's own folder, else this project."""
    return FIXTURES / name if (FIXTURES / name / "reports" / name).is_dir() else paths.ROOT


def _copy(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, copy_function=shutil.copy2, ignore=IGNORED, dirs_exist_ok=True)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def documents(project: Path, name: str) -> list[str]:
    """A brief's documents as _quarto.yml lists them: its .qmd files, less the included `_*.qmd`."""
    return sorted(f"reports/{name}/{p.name}" for p in (project / "reports" / name).glob("*.qmd")
                  if not p.name.startswith("_"))


def write_quarto_project(project: Path) -> None:
    """The project's _quarto.yml, listing under render: the documents of the briefs in the copy."""
    entries = [doc for name in paths.brief_names(project) for doc in documents(project, name)]
    text = (paths.ROOT / "_quarto.yml").read_text(encoding="utf-8")
    listing = "".join(f"    - {entry}\n" for entry in entries)
    text = re.sub(r"(?m)^  render:\n(?:    - .*\n?)+", lambda m: "  render:\n" + listing, text)
    (project / "_quarto.yml").write_text(text, encoding="utf-8")


def copy_project(target: Path, *briefs: str) -> Path:
    """A project in `target`: the engine's files and the briefs named (default: the fixture `tiny`),
    each with its data, reports and editions, and a _quarto.yml that lists their documents."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ENGINE_FILES:
        _copy(paths.ROOT / name, target / name)
    for brief in briefs or ("tiny",):
        home = brief_home(brief)
        for folder in ("data", "reports", "editions"):
            if (home / folder / brief).exists():
                _copy(home / folder / brief, target / folder / brief)
    write_quarto_project(target)
    return target


def project_env(project: Path, engine: str = "pandoc") -> dict[str, str]:
    """Run the copy's own code with this test run's virtualenv."""
    env = {**os.environ, "PYTHONPATH": str(project / "src"), "BRIEF_ENGINE": engine}
    env.pop("BRIEFKIT_DEBUG", None)
    env.pop("MAKEFLAGS", None)
    return env


def make(project: Path, *targets: str, engine: str = "pandoc") -> subprocess.CompletedProcess:
    return subprocess.run(["make", f"VENV={VENV}", f"ENGINE={engine}", *targets], cwd=project,
                          env=project_env(project, engine), capture_output=True, text=True)


def briefkit(project: Path, *args: str, engine: str = "pandoc") -> subprocess.CompletedProcess:
    """One briefkit command in the copy, as make runs it (MAKEFLAGS carries VENV to the `make prepare`
    that Quarto runs as its pre-render step)."""
    env = {**project_env(project, engine), "MAKEFLAGS": f"VENV={VENV}"}
    return subprocess.run([sys.executable, "-m", "briefkit", *args], cwd=project, env=env,
                          capture_output=True, text=True)


GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(project: Path, *args: str, date: str = "2025-06-30T00:00:00Z") -> str:
    """git with fixed names and dates: the same files give the same commit in every copy."""
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(["git", *args], cwd=project, env=env, capture_output=True, text=True, check=True).stdout


def commit_all(project: Path, message: str, date: str = "2025-06-30T00:00:00Z") -> str:
    """Commit every file of the copy (git init first if needed); the new commit's hash."""
    if not (project / ".git").exists():
        git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "--allow-empty", "-m", message, date=date)
    return git(project, "rev-parse", "HEAD").strip()


def outputs(project: Path, brief: str = "tiny") -> dict[str, bytes]:
    """Every file in _output/<brief>/ with its bytes."""
    folder = project / "_output" / brief
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


@pytest.fixture(scope="session")
def tiny_built(tmp_path_factory) -> Path:
    """The fixture brief built once by `make report` (pandoc engine) in a committed git copy.
    Tests that change this project must work on a copy of it (copy_built)."""
    project = copy_project(tmp_path_factory.mktemp("tiny-built"))
    commit_all(project, "tiny")
    result = make(project, "report")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def copy_built(built: Path, target: Path) -> Path:
    """A copy of a built project, timestamps and git history included."""
    shutil.copytree(built, target, copy_function=shutil.copy2, symlinks=True)
    return target


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
