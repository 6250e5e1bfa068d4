"""Where things live in a project checkout: the engine's shared files, and each brief's folders.

A brief is a name with a folder of data (`data/<brief>/`, its data package) and a folder of
documents (`reports/<brief>/`, its Quarto documents and `brief.yml`); everything built from
them goes into folders of the same name under `_build/`, `figures/`, `_output/` and
`editions/`, so one brief's build never touches another's."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import BriefError

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "reports"
FILTERS = REPORTS / "filters"      # the Lua filter that gives pandoc Quarto's markup
BUILD = ROOT / "_build"            # generated intermediates (git-ignored)
QUARTO_OUTPUT = BUILD / "quarto"   # output-dir in _quarto.yml
SPEC_NAME = "brief.yml"
NAME = re.compile(r"[a-z0-9][a-z0-9-]*")

# The tracked files a build needs (tests and the benchmark build in copies of these).
PROJECT_FILES = (".gitignore", "Makefile", "pyproject.toml", "requirements.lock", "_quarto.yml", "data", "editions",
                 "reports", "src")


class UnknownBrief(BriefError):
    """No brief of that name; the message lists the briefs there are."""


@dataclass(frozen=True)
class Brief:
    """One brief's folders, under a project root (a test's copy of the project has its own)."""

    name: str
    root: Path = ROOT

    @property
    def data(self) -> Path:
        return self.root / "data" / self.name

    @property
    def datapackage(self) -> Path:
        return self.data / "datapackage.yaml"

    @property
    def reports(self) -> Path:
        return self.root / "reports" / self.name

    @property
    def spec(self) -> Path:
        return self.reports / SPEC_NAME

    @property
    def facts_file(self) -> Path:
        """Quarto reads a folder's `_metadata.yml` into every document in it: the computed facts
        reach the documents as `{{< meta facts.KEY >}}` without colliding with another brief's."""
        return self.reports / "_metadata.yml"

    @property
    def figures(self) -> Path:
        return self.root / "figures" / self.name

    @property
    def build(self) -> Path:
        return self.root / "_build" / self.name

    @property
    def partials(self) -> Path:
        return self.build / "partials"

    @property
    def staged(self) -> Path:
        """Each report as last rendered; `briefkit publish` copies them all to `output` at once."""
        return self.build / "out"

    @property
    def claims(self) -> Path:
        return self.build / "claims.json"

    @property
    def content_stamp(self) -> Path:
        """Touched when the facts or a generated piece changed, so make re-renders the reports."""
        return self.build / "content.stamp"

    @property
    def output(self) -> Path:
        return self.root / "_output" / self.name

    @property
    def editions(self) -> Path:
        return self.root / "editions" / self.name

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the project where possible."""
        return str(path.relative_to(self.root)) if path.is_relative_to(self.root) else str(path)


def brief_names(root: Path = ROOT) -> list[str]:
    """Every brief in the project: each folder of reports/ with a spec file."""
    return sorted(spec.parent.name for spec in (root / "reports").glob(f"*/{SPEC_NAME}"))


def brief(name: str, root: Path = ROOT) -> Brief:
    names = brief_names(root)
    if name not in names:
        known = ", ".join(names) or "none yet (`make new BRIEF=<name>` makes one)"
        raise UnknownBrief(f"no brief named {name!r} (no reports/{name}/{SPEC_NAME}); briefs: {known}")
    return Brief(name, root)
