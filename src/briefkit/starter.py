"""`briefkit new NAME` (`make new BRIEF=NAME`): a one-page starter brief that builds at once.

It has everything a brief has, at its smallest (templates/new-brief/): a data package with two
measures and one source, a spec with computed facts, one figure and one table, and a document
whose numbers all come from the data. Its values are samples, marked as such on the page and in
its source, so nobody mistakes them for real figures: replace them, and the source, with real ones."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from . import BriefError, paths
from .files import write_if_changed
from .paths import NAME, Brief

TEMPLATE = Path(__file__).parent / "templates" / "new-brief"


def create(name: str, root: Path = paths.ROOT, today: str | None = None) -> str:
    if not NAME.fullmatch(name):
        raise BriefError(f"{name!r} cannot name a brief: use lower case letters, digits and hyphens")
    brief = Brief(name, root)
    taken = [f for f in (brief.data, brief.reports) if f.exists()]
    if taken:
        raise BriefError(f"{brief.shown(taken[0])} exists already: choose another name, or remove it first")
    today = today or dt.date.today().isoformat()
    for folder, target in (("data", brief.data), ("reports", brief.reports)):
        for template in sorted((TEMPLATE / folder).iterdir()):
            text = template.read_text(encoding="utf-8").replace("{{BRIEF}}", name).replace("{{TODAY}}", today)
            write_if_changed(target / template.name, text)
    add_to_project(root / "_quarto.yml", f"reports/{name}/brief.qmd")
    return (f"made brief '{name}': {brief.shown(brief.data)}/ and {brief.shown(brief.reports)}/ (sample values to "
            f"replace); build it with `make report BRIEF={name}`")


def add_to_project(project: Path, document: str) -> None:
    """List the new document under project: render: in _quarto.yml (one list for both engines),
    keeping the file's comments: the entry is added after the last one."""
    text = project.read_text(encoding="utf-8")
    entries = yaml.safe_load(text)["project"]["render"]
    if document in entries:
        return
    last = f"    - {entries[-1]}\n"
    if last not in text:
        raise BriefError(f"{project.name}: add `    - {document}` under project: render: yourself")
    write_if_changed(project, text.replace(last, last + f"    - {document}\n", 1))
