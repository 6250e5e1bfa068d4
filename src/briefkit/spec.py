"""A brief's spec, `reports/<brief>/brief.yml`: what the engine computes, draws and tables for
the brief's documents. It names measures, event tags and columns of the brief's data package and
the generic operations, chart kinds and table kinds the engine offers; editorial logic it cannot
express lives in the brief's own module (`module: brief.py`), whose functions it names by `use:`.

`problems` checks a spec against its data package, naming the spec file and key, so a spec that
names a measure, tag or column the data lack is refused before anything is computed."""
from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from types import ModuleType

import yaml

from . import BriefError
from .datapackage import BriefData
from .ops import EVENT_KEYS, MEASURE_KEYS, OPS
from .paths import Brief

TEMPLATE_KEY = re.compile(r"\{([\w.]+)\}")   # "{measure.latest}" in a caption template


class SpecError(BriefError):
    """The spec cannot be read or names what the data package lacks; the message says where."""


@dataclass(frozen=True)
class Spec:
    brief: Brief
    document: dict

    @property
    def file(self) -> str:
        return self.brief.shown(self.brief.spec)

    @property
    def lang(self) -> str:
        return self.document.get("lang", "en-US")

    @property
    def events(self) -> str | None:
        """The table of dated events (date, event, status, tag, label, source_id), if any."""
        return self.document.get("events")

    @property
    def facts(self) -> dict[str, dict]:
        return self.document.get("facts") or {}

    @property
    def figures(self) -> dict[str, dict]:
        return self.document.get("figures") or {}

    @property
    def tables(self) -> dict[str, dict]:
        return self.document.get("tables") or {}

    @cached_property
    def module(self) -> ModuleType | None:
        """The brief's own module, loaded from its file (never imported by name, so two briefs'
        modules cannot shadow each other)."""
        name = self.document.get("module")
        if not name:
            return None
        path = (self.brief.reports / name).resolve()
        if not path.is_relative_to(self.brief.reports.resolve()) or not path.is_file():
            raise SpecError(f"{self.file}, key 'module': {name} is not a file in {self.brief.shown(self.brief.reports)}/")
        loader = importlib.util.spec_from_file_location(f"briefkit_brief_{self.brief.name.replace('-', '_')}", path)
        module = importlib.util.module_from_spec(loader)
        loader.loader.exec_module(module)
        return module

    def function(self, name: str, where: str) -> Callable:
        """A function of the brief's module, named in the spec at `where`."""
        found = getattr(self.module, name, None) if self.module else None
        if not callable(found):
            raise SpecError(f"{self.file}, key '{where}': no function '{name}' in the brief's module "
                            f"({self.document.get('module') or 'none declared: add module: brief.py'})")
        return found

    def fact_rules(self) -> dict[str, Callable]:
        """key -> function(book, key) for every fact the spec declares."""
        rules = {}
        for key, entry in self.facts.items():
            if "use" in entry:
                rules[key] = self.function(entry["use"], f"facts.{key}.use")
            else:
                compute = OPS[entry["op"]][0]
                rules[key] = lambda book, k, compute=compute, entry=entry: compute(book, k, entry)
        return rules

    def words(self, entry, where: str) -> Callable:
        """A caption or alt text: a function of the module ({use: name}), or a template whose
        {fact.key} placeholders are filled with the facts' text."""
        if isinstance(entry, dict) and "use" in entry:
            return self.function(entry["use"], where)
        if isinstance(entry, str):
            return lambda f: TEMPLATE_KEY.sub(lambda m: f[m.group(1)].text, entry)
        raise SpecError(f"{self.file}, key '{where}': write a template string or {{use: function}}")


def load(brief: Brief) -> Spec:
    try:
        document = yaml.safe_load(brief.spec.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise SpecError(f"{brief.shown(brief.spec)} cannot be read ({exc})") from None
    if not isinstance(document, dict):
        raise SpecError(f"{brief.shown(brief.spec)} must be a mapping of keys (lang, events, facts, figures, tables)")
    return Spec(brief, document)


# --- checking a spec against its data ------------------------------------------------
def problems(spec: Spec, data: BriefData) -> list[str]:
    """Every name in the spec that the data package lacks, as 'brief.yml, key '…': …'."""
    found: list[str] = []
    measures, tables = set(data.measures.index), {r["name"] for r in data.descriptor["resources"]}
    tags = set(data.table(spec.events)["tag"]) - {""} if spec.events in tables else set()

    def at(where: str, message: str) -> None:
        found.append(f"{spec.file}, key '{where}': {message}")

    if spec.events and spec.events not in tables:
        at("events", f"no table '{spec.events}' in the data package")
    for key, entry in spec.facts.items():
        where = f"facts.{key}"
        if not isinstance(entry, dict) or not ({"op", "use"} & entry.keys()):
            at(where, "needs op: (one of " + ", ".join(OPS) + ") or use: (a function of the brief's module)")
            continue
        if "op" in entry and entry["op"] not in OPS:
            at(f"{where}.op", f"unknown operation '{entry['op']}'; there are {', '.join(OPS)}")
        for name in MEASURE_KEYS:
            for measure in _names(entry.get(name)):
                if measure not in measures:
                    at(f"{where}.{name}", f"no measure '{measure}' in measures.csv")
        for name in EVENT_KEYS:
            if name in entry and entry[name] not in tags:
                at(f"{where}.{name}", f"no event is tagged '{entry[name]}' in {spec.events}.csv")
        for number, case in enumerate(entry.get("cases") or []):
            for part in str(case.get("when", "")).split(";"):
                words = part.split()
                if words and words[0] == "event" and (len(words) != 3 or words[1] not in tags):
                    at(f"{where}.cases[{number}].when", f"'{part.strip()}': write 'event <tag> occurred|scheduled' "
                                                        f"with a tag of {spec.events}.csv")
                elif words and words[0] != "event" and (len(words) != 3 or words[0] not in measures):
                    at(f"{where}.cases[{number}].when", f"'{part.strip()}': write '<measure> <period> <status>', "
                                                        f"'<measure> latest <period>', '<measure> has <status>' or "
                                                        f"'<measure> latest_is <status>' with a measure of measures.csv")
    for name, figure in spec.figures.items():
        for measure in figure_measures(figure):
            if measure not in measures:
                at(f"figures.{name}", f"no measure '{measure}' in measures.csv")
    for name, table in spec.tables.items():
        for measure in _names(table.get("measures")):
            if measure not in measures:
                at(f"tables.{name}.measures", f"no measure '{measure}' in measures.csv")
        for column_key in ("columns",):
            source = table.get("table")
            if source and source not in tables:
                at(f"tables.{name}.table", f"no table '{source}' in the data package")
            elif source:
                columns = set(data.table(source).columns)
                for column in _names(table.get(column_key)):
                    if column not in columns:
                        at(f"tables.{name}.{column_key}", f"no column '{column}' in {source}.csv")
    return found


def _names(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [v for v in value.values() if isinstance(v, str)]
    return [v for v in value if isinstance(v, str)]


def figure_measures(figure: dict) -> list[str]:
    """Every measure a figure's chart (or its panels) draws."""
    charts = figure.get("panels") or [figure]
    return [series["measure"] for chart in charts for series in chart.get("series", [])]
