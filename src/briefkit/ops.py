"""The generic operations a brief's spec can name for a derived fact (`facts:` in brief.yml),
and what each needs of the data, so `make check` refuses data an operation cannot use before
anything is computed.

    KEY: {op: ratio, of: [A, B]}               A / B at the latest period both have ("about 3 times")
    KEY: {op: share, of: [A, B]}               A as a percentage of B, same period
    KEY: {op: sum, of: [A, B]}                 A + B, same period
    KEY: {op: difference, of: [A, B], words: {positive: surplus, negative: deficit}}
    KEY: {op: shared_period, of: [A, B]}       the latest period A and B both have
    KEY: {op: at_shared, of: [A, B]}           A's value in that period
    KEY: {op: run_since, of: [A, B]}           first period of the unbroken run in which A - B kept its sign
    KEY: {op: periods_where, of: [A, B], sign: negative}   periods in which A - B had that sign
    KEY: {op: change_since, measure: A, event: TAG}        A's change from the year of the tagged event
    KEY: {op: event_year, event: TAG}          the year of the tagged event
    KEY: {op: same_period, of: [A, B, ...]}    the latest period the measures share (they must all have it)
    KEY: {op: choose, cases: [{when: CONDITION, text: "... {fact.key} ..."}, ..., {text: ...}]}
                                               the first case whose condition the data meet, its facts filled in
                                               (a sentence that follows the data's state; see below)

A `choose` condition is an assumption (assumptions.py: '<measure> <period> <status>',
'<measure> latest <period>', 'event <tag> <occurred|scheduled>'), '<measure> has <status>' (some
observation has it), '<measure> has later_partial' (a partial period after the latest complete one)
or '<measure> latest_is <status>'; several joined by ';' must all hold. A case without `when` always
applies; no case applying prints nothing.
Only the chosen case's facts are computed, so a fact that no longer exists (a partial value once the
year is complete) is never asked for.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import re

from . import numbers as fmt
from .assumptions import state
from .facts import Fact, FactBook, change
from .series import SeriesSummary, latest_shared


@dataclass(frozen=True)
class Need:
    """What an operation needs of the data, checked by validation before computing."""

    kind: str            # shared_period | non_zero | value_in_event_year | same_latest
    measures: tuple[str, ...]
    event: str = ""


def _pair(book: FactBook, entry: dict) -> tuple[SeriesSummary, SeriesSummary]:
    a, b = entry["of"]
    return book.summary(a), book.summary(b)


def _shared(book: FactBook, key: str, entry: dict, method: str, compute) -> Fact:
    a, b = _pair(book, entry)
    x, y = latest_shared(a, b)
    value, text = compute(a, x, y)
    return book.make(key, text, value=value, period=a.label_of(x), rows=[x, y], method=method,
                     unit=entry.get("unit", a.unit))


def ratio(book: FactBook, key: str, entry: dict) -> Fact:
    return _shared(book, key, entry, "ratio",
                   lambda a, x, y: (float(x["value"] / y["value"]), fmt.times(x["value"] / y["value"])))


def share(book: FactBook, key: str, entry: dict) -> Fact:
    return _shared(book, key, {**entry, "unit": "percent"}, "share",
                   lambda a, x, y: (float(x["value"] / y["value"] * 100), fmt.percent(x["value"] / y["value"] * 100)))


def total(book: FactBook, key: str, entry: dict) -> Fact:
    return _shared(book, key, entry, "sum",
                   lambda a, x, y: (float(x["value"] + y["value"]), fmt.quantity(x["value"] + y["value"], a.unit)))


def difference(book: FactBook, key: str, entry: dict) -> Fact:
    """A - B; with `words`, the size followed by the word for its sign ('$2.1 billion surplus')."""
    words = entry.get("words")

    def compute(a, x, y):
        gap = float(x["value"] - y["value"])
        if not words:
            return gap, fmt.quantity(gap, a.unit)
        if gap == 0:
            return gap, words.get("zero", "no difference")
        return gap, f"{fmt.quantity(abs(gap), a.unit)} {words['positive' if gap > 0 else 'negative']}"
    return _shared(book, key, entry, "difference", compute)


def shared_period(book: FactBook, key: str, entry: dict) -> Fact:
    a, b = _pair(book, entry)
    x, y = latest_shared(a, b)
    return book.make(key, a.label_of(x), period=a.label_of(x), rows=[x, y], method="latest shared period")


def at_shared(book: FactBook, key: str, entry: dict) -> Fact:
    a, b = _pair(book, entry)
    x, _ = latest_shared(a, b)
    return book.make(key, a.text_of(x), value=float(x["value"]), unit=a.unit, period=a.label_of(x), rows=[x],
                     method="value in the latest shared period")


def _signs(book: FactBook, entry: dict):
    """Periods both series have, up to the latest shared one, with whether A exceeded B."""
    a, b = _pair(book, entry)
    both = a.rows.merge(b.rows, on="period", suffixes=("_a", "_b"))
    rows = [(r["period"], r["value_a"] > r["value_b"]) for _, r in both.iterrows()]
    return a, b, rows


def run_since(book: FactBook, key: str, entry: dict) -> Fact:
    """The first period of the current run of the same sign; a run never bridges a missing year."""
    a, b, rows = _signs(book, entry)
    period, sign = rows[-1]
    start = period
    for year, positive in reversed(rows[:-1]):
        if positive != sign or int(year) != int(start) - 1:
            break
        start = year
    run = [p for p, _ in rows if start <= p <= period]
    return book.make(key, start, period=f"{start}–{period}", rows=_rows_at(a, b, run), sources=_sources(a, b),
                     method="run of the same sign")


def periods_where(book: FactBook, key: str, entry: dict) -> Fact:
    a, b, rows = _signs(book, entry)
    wanted = entry.get("sign", "negative") == "positive"
    periods = [p for p, positive in rows if positive == wanted]
    return book.make(key, fmt.year_ranges([int(p) for p in periods]) or "none", rows=_rows_at(a, b, periods),
                     sources=_sources(a, b), method="periods matching")


def _sources(*series: SeriesSummary) -> list[str]:
    return sorted({s for x in series for s in x.rows["source_id"]})


def _rows_at(a: SeriesSummary, b: SeriesSummary, periods: list[str]) -> list:
    """Both series' rows for each of `periods`, so the claim names the data rows it reads."""
    return [row for p in periods for row in (a.at(p), b.at(p))]


def event_year(book: FactBook, key: str, entry: dict) -> Fact:
    year = str(book.event(entry["event"])["date"])[:4]
    return book.make(key, year, period=year, rows=[book.event(entry["event"])], method="year of event")


def change_since(book: FactBook, key: str, entry: dict) -> Fact:
    s = book.summary(entry["measure"])
    start = s.at(str(book.event(entry["event"])["date"])[:4])
    return change(book, key, s, start, s.latest, "change since event")


def same_period(book: FactBook, key: str, entry: dict) -> Fact:
    latest = [book.summary(m).latest for m in entry["of"]]
    first = book.summary(entry["of"][0])
    return book.make(key, first.label_of(latest[0]), rows=latest, method="period shared by the measures")


def holds(condition: str, book: FactBook) -> bool:
    """Whether the data meet a `choose` condition; several joined by ';' must all hold."""
    return all(_holds(part.strip(), book) for part in condition.split(";"))


def _holds(condition: str, book: FactBook) -> bool:
    words = condition.split()
    if len(words) == 3 and words[1] == "has" and words[2] == "later_partial":
        return book.summary(words[0]).later_partial() is not None
    if len(words) == 3 and words[1] == "has":
        return bool((book.data.series(words[0])["status"] == words[2]).any())
    if len(words) == 3 and words[1] == "latest_is":
        return book.summary(words[0]).latest["status"] == words[2]
    return state(condition, book.data, book.events)[0]


def choose(book: FactBook, key: str, entry: dict) -> Fact:
    from .claims import marked   # claims words facts; ops only computes them

    case = next((c for c in entry["cases"] if "when" not in c or holds(c["when"], book)), {"text": ""})
    text = re.sub(r"\{([\w.]+)\}", lambda m: marked(book[m.group(1)]), case["text"])
    return Fact(key, text, method=f"sentence for: {case.get('when', 'otherwise')}", markup=True)


# name -> (compute, what it needs of the data)
OPS: dict[str, tuple[Callable[[FactBook, str, dict], Fact], Callable[[dict], list[Need]]]] = {
    "ratio": (ratio, lambda e: [Need("shared_period", tuple(e["of"])), Need("non_zero", (e["of"][1],))]),
    "share": (share, lambda e: [Need("shared_period", tuple(e["of"])), Need("non_zero", (e["of"][1],))]),
    "sum": (total, lambda e: [Need("shared_period", tuple(e["of"]))]),
    "difference": (difference, lambda e: [Need("shared_period", tuple(e["of"]))]),
    "shared_period": (shared_period, lambda e: [Need("shared_period", tuple(e["of"]))]),
    "at_shared": (at_shared, lambda e: [Need("shared_period", tuple(e["of"]))]),
    "run_since": (run_since, lambda e: [Need("shared_period", tuple(e["of"]))]),
    "periods_where": (periods_where, lambda e: [Need("shared_period", tuple(e["of"]))]),
    "event_year": (event_year, lambda e: []),
    "change_since": (change_since, lambda e: [Need("value_in_event_year", (e["measure"],), e["event"])]),
    "same_period": (same_period, lambda e: [Need("same_latest", tuple(e["of"]))]),
    "choose": (choose, lambda e: []),
}
# What each op's entry must name (checked against the data package with the spec).
MEASURE_KEYS = ("of", "measure")
EVENT_KEYS = ("event",)
