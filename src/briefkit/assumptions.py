"""Sentences that declare the data state they assume, and the check that they still hold.

A sentence whose truth depends on a state the data can leave (leaked or published, partial or
complete, scheduled or held) is written as a span that says so, invisible in the output:

    [The 2024 figures were leaked from an unpublished survey.]{assume="coca 2024 leaked"}

`make check` evaluates every assumption against the data and, when one no longer holds, stops
naming the document, the line and what changed. An assumption is one of (several joined by ';'):

    <measure> <period> <status>     the observation's status: final, partial, leaked, lower_bound,
                                    approximate, or missing (no row for that period)
    <measure> latest <period>       the latest complete (not partial) period is this one
    event <tag> <state>             the tagged event is occurred or scheduled (or missing)

The same grammar says what settles an unsettled item (its `settled_by`), so a listed
unknown leaves the list once the data hold what would settle it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .datapackage import BriefData

SPAN = re.compile(r'\{[^{}]*\bassume="([^"]*)"[^{}]*\}')
STATUSES = ("final", "partial", "leaked", "lower_bound", "approximate", "missing")


@dataclass(frozen=True)
class Assumption:
    file: str
    line: int
    text: str


def declared(files: list[Path], shown) -> list[Assumption]:
    """Every assumption the documents declare, with file and line."""
    found = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for group in SPAN.findall(line):
                found += [Assumption(shown(path), number, part.strip()) for part in group.split(";") if part.strip()]
    return found


def state(text: str, data: BriefData, events: str | None) -> tuple[bool, str]:
    """Whether the assumption holds, and the state the data show (for the message). A malformed
    assumption does not hold, and the message says how to write one."""
    words = text.split()
    if len(words) == 3 and words[0] == "event":
        _, tag, wanted = words
        if not events:
            return False, "the brief has no events table (events: in brief.yml)"
        rows = data.table(events)
        hit = rows[rows["tag"] == tag]
        now = "missing" if hit.empty else str(hit["status"].iloc[0])
        return now == wanted, f"event '{tag}' is {now}"
    if len(words) == 3 and words[0] in data.measures.index:
        measure, period, wanted = words
        series = data.series(measure)
        if period == "latest":
            complete = series[series["status"] != "partial"]["period"]
            now = complete.max() if len(complete) else "none"
            return now == wanted, f"the latest complete period of {measure} is {now}"
        row = series[series["period"] == period]
        now = "missing" if row.empty else str(row["status"].iloc[0])
        return now == wanted, f"{measure} {period} is {now}"
    return False, (f"'{text}' is not an assumption this check can read: write '<measure> <period> <status>', "
                   f"'<measure> latest <period>' or 'event <tag> <occurred|scheduled>'")


def broken(assumptions: list[Assumption], data: BriefData, events: str | None) -> list[str]:
    """'reports/b/brief.qmd:44: assumes coca 2024 leaked; now coca 2024 is final: rewrite …'"""
    problems = []
    for a in assumptions:
        holds, now = state(a.text, data, events)
        if not holds:
            problems.append(f"{a.file}:{a.line}: assumes {a.text}; now {now}: rewrite this sentence for the new data "
                            f"(and its assume=\"…\")")
    return problems


SETTLED_BY = re.compile(rf"(event \S+( (occurred|scheduled))?|measure \S+ (after )?\S+( ({'|'.join(STATUSES)}))?)?")


def settles(condition: str, data: BriefData, events: str | None) -> bool:
    """Whether the data now hold what would settle an open item: an assumption as above, or
    'event <tag>' (the event is in the data), 'measure <measure> <period>' (a complete value exists) or
    'measure <measure> after <period>' (a complete value for a later period exists)."""
    words = condition.split()
    if not words:
        return False   # only judgement settles it
    if words[0] == "measure":
        words = words[1:]
        if len(words) == 3 and words[1] == "after":   # a complete value for a later period than this one
            series = data.series(words[0]) if words[0] in data.measures.index else None
            return series is not None and bool(((series["period"] > words[2]) & (series["status"] != "partial")).any())
        if len(words) == 2:
            series = data.series(words[0]) if words[0] in data.measures.index else None
            return series is not None and bool(((series["period"] == words[1]) & (series["status"] != "partial")).any())
    if words[0] == "event" and len(words) == 2:
        return state(f"event {words[1]} occurred", data, events)[0] or state(f"event {words[1]} scheduled", data, events)[0]
    return state(" ".join(words), data, events)[0]
