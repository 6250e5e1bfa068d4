"""The US–Colombia brief's suite: one pandoc build per session in a temporary copy of the project
(a git repository with a fixed commit), which every test reads; facts on edited data are computed
directly (FactBook on a copy of data/us-colombia/), not rebuilt.

Self-contained on purpose: the engine suite's conftest (tests/conftest.py) is not used here."""
from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from briefkit import numbers, paths
from briefkit import spec as briefspec
from briefkit.datapackage import BriefData
from briefkit.paths import Brief
from briefkit.variables import book_for

NAME = "us-colombia"
ROOT = paths.ROOT
VENV = Path(sys.executable).parent.parent
EDITION = "2026-12-04"            # edition_date in data/us-colombia/datapackage.yaml, recorded in editions/us-colombia/
PREVIOUS = "2026-11-26"           # the edition recorded before it (by the old engine, under its old keys)
NEXT_EDITION = "2026-12-11"       # a later edition, compared with the recorded one
from ..conftest import CHROMIUM_MISSING, QUARTO_MISSING  # noqa: F401  (skip reasons the run's summary counts)


# --- copies of the project ----------------------------------------------------------------
def copy_project(target: Path) -> Path:
    """The tracked project files, with their timestamps, in `target` (caches left out)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in paths.PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, copy_function=shutil.copy2, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "_metadata.yml"))
        else:
            shutil.copy2(source, target / name)
    return target


def git(project: Path, *args: str) -> str:
    """git with fixed names and dates: the same files give the same commit in every copy."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "GIT_AUTHOR_DATE": "2026-12-04T00:00:00Z",
           "GIT_COMMITTER_DATE": "2026-12-04T00:00:00Z"}
    return subprocess.run(["git", *args], cwd=project, env=env, capture_output=True, text=True, check=True).stdout


def committed_copy(target: Path) -> Path:
    project = copy_project(target)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "copy")
    return project


def env_for(project: Path, engine: str) -> dict[str, str]:
    """The copy's own code, this run's virtualenv (MAKEFLAGS carries VENV to Quarto's `make prepare`)."""
    return {**os.environ, "PYTHONPATH": str(project / "src"), "BRIEF_ENGINE": engine, "MAKEFLAGS": f"VENV={VENV}"}


def make(project: Path, *targets: str, engine: str = "pandoc") -> subprocess.CompletedProcess:
    env = {k: v for k, v in env_for(project, engine).items() if k not in ("MAKEFLAGS", "BRIEF_BUILD_START")}
    return subprocess.run(["make", f"VENV={VENV}", f"ENGINE={engine}", *targets], cwd=project, env=env,
                          capture_output=True, text=True)


def briefkit(project: Path, *args: str, engine: str = "pandoc", **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefkit", *args], cwd=project,
                          env={**env_for(project, engine), **extra}, capture_output=True, text=True)


# --- reading outputs ----------------------------------------------------------------------
def output(project: Path, name: str) -> Path:
    return project / "_output" / NAME / name


def pdf_pages(path: Path) -> list[str]:
    """Each page's text, whitespace collapsed."""
    document = pdfium.PdfDocument(path)
    try:
        return [re.sub(r"\s+", " ", document[i].get_textpage().get_text_range()) for i in range(len(document))]
    finally:
        document.close()


def pdf_text(path: Path) -> str:
    return " ".join(pdf_pages(path))


def words(markdown: str) -> str:
    """A sentence of marked facts ('[261,000 hectares]{.num ...}') as the reader sees it."""
    return re.sub(r"\\([\\`*_{}\[\]<>#|~^$@])", r"\1", re.sub(r"\[([^\]]*)\]\{\.num[^}]*\}", r"\1", markdown))


# --- facts on the brief's data, and on edited copies ---------------------------------------
def fact_book(root: Path = ROOT):
    brief = Brief(NAME, root)
    spec = briefspec.load(brief)
    numbers.use_locale(spec.lang)
    return book_for(spec, BriefData(brief.data))


def publish_on(data_folder: Path, date: str) -> None:
    """Move a data copy's edition date to `date` if that is later."""
    descriptor = data_folder / "datapackage.yaml"
    text = descriptor.read_text(encoding="utf-8")
    current = re.search(r'(?m)^edition_date: "(.*)"$', text).group(1)
    descriptor.write_text(text.replace(f'edition_date: "{current}"', f'edition_date: "{max(current, date)}"'),
                          encoding="utf-8")


class EditedCopy:
    """data/us-colombia/ and reports/us-colombia/ copied under `root`; `edit` changes cells,
    `append` adds rows, `book()` computes facts on the copy as it is now."""

    def __init__(self, root: Path):
        self.root = root
        for part in ("data", "reports"):
            shutil.copytree(ROOT / part / NAME, root / part / NAME,
                            ignore=shutil.ignore_patterns("__pycache__", "_metadata.yml"))
        self.path = root / "data" / NAME
        self.brief = Brief(NAME, root)

    def rows(self, file: str) -> list[dict]:
        with (self.path / file).open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    def write(self, file: str, rows: list[dict]) -> None:
        with (self.path / file).open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)

    def edit(self, file: str, match: dict, column: str, value: str) -> None:
        rows = self.rows(file)
        hits = [r for r in rows if all(r[k] == v for k, v in match.items())]
        assert hits, (file, match)
        for row in hits:
            row[column] = value
        self.write(file, rows)

    def append(self, file: str, row: dict) -> None:
        self.write(file, self.rows(file) + [row])

    def book(self):
        publish_on(self.path, max(r["accessed"] for r in self.rows("sources.csv")))
        return fact_book(self.root)


@pytest.fixture()
def edited(tmp_path):
    return EditedCopy(tmp_path)


@pytest.fixture(scope="session")
def book():
    """The brief's facts on the project's own data, computed directly."""
    return fact_book()


# --- the build ------------------------------------------------------------------------------
class Builds:
    """The brief built once per engine, in a committed copy of the project."""

    def __init__(self, factory):
        self.factory, self.projects, self.results, self.status = factory, {}, {}, {}

    def __call__(self, engine: str) -> Path:
        if engine not in self.projects:
            project = committed_copy(self.factory.mktemp(f"us-colombia-{engine}"))
            result = make(project, "report", f"BRIEF={NAME}", engine=engine)
            assert result.returncode == 0, result.stdout + result.stderr
            self.results[engine] = result
            self.status[engine] = git(project, "status", "--porcelain")
            self.projects[engine] = project
        return self.projects[engine]


@pytest.fixture(scope="session")
def builds(tmp_path_factory):
    return Builds(tmp_path_factory)


@pytest.fixture(scope="session")
def built(builds):
    """The pandoc build every test reads (never modified by a test)."""
    return builds("pandoc")


@pytest.fixture(scope="session")
def built_brief(built):
    return Brief(NAME, built)
