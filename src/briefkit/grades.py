"""Source grades (official, established, weak) and the mark on claims that rest only on weak sources.

A claim is marked when every source behind it is graded weak; the data notes explain the mark
and count the marked claims, so a reader can weigh them."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .datapackage import BriefData

if TYPE_CHECKING:  # facts imports this module to mark its values
    from .facts import Facts

GRADES = ("official", "established", "weak")
WEAK_MARK = "†"


def weak_only(data: BriefData, source_ids) -> bool:
    ids = [s for s in source_ids if s]
    return bool(ids) and all(data.sources.loc[s, "grade"] == "weak" for s in ids)


def weak_mark(data: BriefData, *source_ids: str) -> str:
    """The mark to put after a text whose sources are all weak, else nothing."""
    return WEAK_MARK if weak_only(data, source_ids) else ""


def mark_weak_claims(facts: Facts, data: BriefData) -> Facts:
    """Flag every value that rests only on weak sources (claims.marked prints the mark after it);
    count sources by grade."""
    marked = 0
    for key, fact in list(facts.items()):
        if fact.value is not None and weak_only(data, fact.sources):
            facts[key] = replace(fact, weak=True)
            marked += 1
    for grade in GRADES:
        count = int((data.sources["grade"] == grade).sum())
        facts.add(f"grades.{grade}", str(count), value=count, method="count of sources")
    facts.add("grades.weak_claims", str(marked), value=marked, method="count of values resting only on weak sources")
    return facts
