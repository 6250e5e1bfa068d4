"""The engine names no brief: no measure id, event tag or table name of any brief's data package
occurs as a word in src/briefkit/. A brief's names belong in its spec (reports/<brief>/brief.yml)
or its own module. `sources` and `measures` are the engine's own tables (datapackage.py)."""
import re

import pandas as pd
import yaml

from briefkit import paths

ENGINE_TABLES = {"sources", "measures"}


def brief_names_in(brief: paths.Brief) -> set[str]:
    descriptor = yaml.safe_load(brief.datapackage.read_text(encoding="utf-8"))
    tables = {r["name"] for r in descriptor["resources"]} - ENGINE_TABLES
    names = set(tables) | set(pd.read_csv(brief.data / "measures.csv")["id"])
    for resource in descriptor["resources"]:
        frame = pd.read_csv(brief.data / resource["path"], dtype=str, keep_default_na=False)
        if "tag" in frame.columns:
            names |= set(frame["tag"]) - {""}
    return names


def names_found(texts: dict[str, str], names: set[str]) -> list[str]:
    return [f"{file}: {name}" for name in sorted(names) for file, text in texts.items()
            if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)]


def engine_texts() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted((paths.ROOT / "src" / "briefkit").glob("*.py"))}


def every_briefs_names() -> set[str]:
    return set().union(*(brief_names_in(paths.Brief(b)) for b in paths.brief_names()))


def test_no_name_of_any_brief_occurs_in_the_engine():
    names = every_briefs_names()
    assert {"coca_area_unodc", "meeting", "timeline"} <= names   # the check reads the real briefs' names
    assert names_found(engine_texts(), names) == []


def test_a_planted_name_is_found():
    """The search is not blind: a measure id and a tag planted in a module are named."""
    texts = engine_texts()
    texts["facts.py"] += "\nINAUGURATION = 'petro_inauguration'  # the meeting\n"
    assert names_found(texts, every_briefs_names()) == ["facts.py: meeting", "facts.py: petro_inauguration"]
