"""Every number a brief prints, computed from its data as a named, sourced record: a `Fact`.

A fact carries its value, unit, period and the data rows behind it (table and primary key)
with their source ids, so any number in a brief can be traced back to data rows (see
docs/claims.schema.json), and its text as the wording layer (numbers.py, series.py) reads it.

Facts are computed on demand: `FactBook[key]` computes a fact the first time a document,
figure or table asks for it, so the ledger holds exactly what the brief prints. A key is
resolved, in order, from
- the brief's spec (`facts:` in brief.yml): a generic operation (ops.py) or a function of the
  brief's own module, named by `use:`;
- `date.<tag>`: the date of the event carrying that tag;
- `<measure>.<summary>`: a per-series summary (SERIES_SUMMARIES);
- the edition's own facts (`edition.*`, `events.*`, `grades.*`).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace

import pandas as pd

from . import BriefError
from . import numbers as fmt
from .datapackage import BriefData
from .series import SeriesSummary, missing_years, summarise

WEAK_MARK = "†"
GRADES = ("official", "established", "weak")
# How a value's status reads in a sentence ("the 2024 figures were leaked" / "published").
STATUS_WORDS = {"final": "published", "partial": "partial", "leaked": "leaked", "lower_bound": "a lower bound",
                "approximate": "approximate"}
CHANGE_OVER = re.compile(r"change_(\d+)y")
VALUE_IN = re.compile(r"value_(\d{4}(?:_\d\d)?)")   # value_2024, value_2024_06 (a month)


class UnknownFact(BriefError):
    """A document, figure or table asks for a fact no rule computes."""


@dataclass(frozen=True)
class RowRef:
    """One data row: its table and primary-key values, as written in the CSV."""

    table: str
    key: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Fact:
    key: str
    text: str
    value: float | str | None = None
    unit: str = ""
    period: str = ""
    status: str = ""     # the observation's status when the fact is one row's value (final, leaked ...)
    sources: tuple[str, ...] = field(default_factory=tuple)
    method: str = ""
    rows: tuple[RowRef, ...] = field(default_factory=tuple)
    weak: bool = False   # every source behind it is graded weak; printed with WEAK_MARK
    markup: bool = False  # a sentence chosen by the data's state, already Markdown with its facts marked

    @property
    def is_number(self) -> bool:
        """A value read from or computed on data rows (a label such as a period name is not)."""
        return not self.markup and (self.value is not None or bool(self.sources))

    def record(self) -> dict:
        record = asdict(self)
        del record["markup"]   # the ledger holds values; chosen sentences are not in it (ledger())
        record["rows"] = [{"table": r.table, "key": dict(r.key)} for r in self.rows]
        return record


class FactBook:
    """The facts of one brief, computed when first asked for (see the module's docstring)."""

    def __init__(self, data: BriefData, rules: dict[str, Callable[[FactBook, str], Fact]] | None = None,
                 events: str | None = None):
        self.data = data
        self.rules = rules or {}          # key -> function(book, key) from the spec
        self.events = events              # the table of dated events, if the brief has one
        self.facts: dict[str, Fact] = {}
        self._summaries: dict[str, SeriesSummary] = {}

    # --- asking -----------------------------------------------------------------------
    def __getitem__(self, key: str) -> Fact:
        if key not in self.facts:
            self.facts[key] = self.marked_if_weak(self.compute(key))
        return self.facts[key]

    def __contains__(self, key: str) -> bool:
        try:
            self[key]
        except (UnknownFact, KeyError):
            return False
        return True

    def get(self, key: str) -> Fact | None:
        return self[key] if key in self else None

    def summary(self, measure: str) -> SeriesSummary:
        if measure not in self._summaries:
            self._summaries[measure] = summarise(self.data, measure)
        return self._summaries[measure]

    def compute(self, key: str) -> Fact:
        if key in self.rules:
            return self.rules[key](self, key)
        head, _, rest = key.partition(".")
        if head == "date" and self.events:
            return self.event_date(key, rest)
        if head in self.data.measures.index and rest:
            return series_fact(self, key, self.summary(head), rest)
        if head in EDITION_FACTS:
            return EDITION_FACTS[head](self, key, rest)
        raise UnknownFact(f"no fact '{key}': it is not declared under facts: in brief.yml, not "
                          f"'<measure>.<summary>' of a measure in measures.csv, and not a date of a tagged event")

    # --- making -----------------------------------------------------------------------
    def make(self, key: str, text: str, rows=(), sources=(), **details) -> Fact:
        """A fact; `rows` are the data rows (pandas rows with a `table` column) it is computed from,
        whose source ids join `sources` and whose keys are kept for tracing."""
        rows = list(rows)
        details["sources"] = tuple(sorted(set(sources) | {r["source_id"] for r in rows}))
        details["rows"] = tuple(dict.fromkeys(self.ref(r) for r in rows))
        return Fact(key, text, **details)

    def ref(self, row) -> RowRef:
        table = row["table"]
        return RowRef(table, tuple((name, str(row[name])) for name in self.data.primary_keys[table]))

    def marked_if_weak(self, fact: Fact) -> Fact:
        weak = fact.value is not None and self.weak_only(fact.sources)
        return replace(fact, weak=True) if weak else fact

    def weak_only(self, source_ids) -> bool:
        ids = [s for s in source_ids if s]
        return bool(ids) and all(self.data.sources.loc[s, "grade"] == "weak" for s in ids)

    def weak_mark(self, *source_ids: str) -> str:
        """The mark to put after a text whose sources are all weak, else nothing."""
        return WEAK_MARK if self.weak_only(source_ids) else ""

    # --- events -----------------------------------------------------------------------
    def event_table(self) -> pd.DataFrame:
        if not self.events:
            raise UnknownFact("the brief has no table of dated events: name it with `events:` in brief.yml")
        return self.data.table(self.events).assign(table=self.events)

    def event(self, tag: str) -> pd.Series:
        events = self.event_table()
        hit = events[events["tag"] == tag]
        if hit.empty:
            raise UnknownFact(f"no event is tagged '{tag}' in {self.events}.csv")
        return hit.iloc[0]

    def event_date(self, key: str, tag: str) -> Fact:
        event = self.event(tag)
        return self.make(key, fmt.date_label(event["date"]), value=event["date"], rows=[event], method="event date")


# --- per-series summaries ------------------------------------------------------------
def _row_fact(book: FactBook, key: str, s: SeriesSummary, row, method: str, short: bool = False) -> Fact:
    text = fmt.short_quantity(row["value"], s.unit) if short else s.text_of(row)
    return book.make(key, text, value=float(row["value"]), unit=s.unit, period=s.label_of(row), rows=[row],
                     method=method, status=row["status"])


def _period_fact(book: FactBook, key: str, s: SeriesSummary, row, method: str) -> Fact:
    return book.make(key, s.label_of(row), period=s.label_of(row), rows=[row], method=method)


def change(book: FactBook, key: str, s: SeriesSummary, before, after, method: str) -> Fact:
    """The change between two rows of a series, worded by numbers.change."""
    return book.make(key, fmt.change(before["value"], after["value"], s.unit), value=float(after["value"] - before["value"]),
                     unit=s.unit, period=f"{s.label_of(before)}–{s.label_of(after)}", rows=[before, after], method=method)


def _change_over(book: FactBook, key: str, s: SeriesSummary, years: int) -> Fact:
    earlier = s.years_before(s.latest, years)
    if earlier is None:
        return book.make(key, f"no comparable figure for {int(s.latest['period'][:4]) - years}",
                         method=f"change over {years} years")
    return change(book, key, s, earlier, s.latest, f"change over {years} years")


def _last_partial(s: SeriesSummary):
    if s.partial.empty:
        raise UnknownFact(f"'{s.measure}' has no partial value, so it has no partial summary")
    return s.partial.iloc[-1]


def _every(s: SeriesSummary) -> list:
    return [r for _, r in s.rows.iterrows()]


SERIES_SUMMARIES: dict[str, Callable[[FactBook, str, SeriesSummary], Fact]] = {
    "latest": lambda b, k, s: _row_fact(b, k, s, s.latest, "latest"),
    "latest_short": lambda b, k, s: _row_fact(b, k, s, s.latest, "latest", short=True),
    "latest_period": lambda b, k, s: _period_fact(b, k, s, s.latest, "period of latest"),
    "latest_millions": lambda b, k, s: b.make(k, fmt.millions(s.latest["value"]), value=float(s.latest["value"]),
                                              unit=s.unit, period=s.label_of(s.latest), rows=[s.latest], method="latest"),
    "first_period": lambda b, k, s: _period_fact(b, k, s, s.rows.iloc[0], "period of first"),
    "previous": lambda b, k, s: _row_fact(b, k, s, s.rows.iloc[-2], "previous"),
    "previous_period": lambda b, k, s: _period_fact(b, k, s, s.rows.iloc[-2], "period of previous"),
    "change_previous": lambda b, k, s: change(b, k, s, s.rows.iloc[-2], s.latest, "change between periods"),
    "peak": lambda b, k, s: _row_fact(b, k, s, s.peak, "peak"),
    "peak_period": lambda b, k, s: _period_fact(b, k, s, s.peak, "period of peak"),
    "change_from_peak": lambda b, k, s: change(b, k, s, s.peak, s.latest, "change between periods"),
    "low": lambda b, k, s: _row_fact(b, k, s, s.low, "low"),
    "low_period": lambda b, k, s: _period_fact(b, k, s, s.low, "period of low"),
    "low_periods": lambda b, k, s: b.make(k, fmt.year_ranges([int(r["period"][:4]) for r in _every(s)
                                                                if r["value"] == s.low["value"]]),
                                          rows=[r for r in _every(s) if r["value"] == s.low["value"]],
                                          method="periods matching"),
    "times_low": lambda b, k, s: b.make(k, fmt.times(s.latest["value"] / s.low["value"]),
                                        value=float(s.latest["value"] / s.low["value"]), rows=[s.latest, s.low],
                                        method="ratio"),
    "record": lambda b, k, s: b.make(k, s.record_word() or "not a record", rows=_every(s), method="record"),
    "against_peak": lambda b, k, s: b.make(k, s.against_peak(), period=s.label_of(s.latest), rows=_every(s),
                                           method="latest against peak"),
    "level": lambda b, k, s: b.make(k, s.level(), period=s.label_of(s.latest), rows=_every(s), method="level of latest"),
    "since_peak": lambda b, k, s: b.make(k, s.since_peak(), period=f"{s.label_of(s.peak)}–{s.label_of(s.latest)}",
                                         rows=[s.peak, s.latest], method="change since peak"),
    "course": lambda b, k, s: b.make(k, s.course(), period=f"{s.label_of(s.rows.iloc[0])}–{s.label_of(s.latest)}",
                                     rows=[s.peak, s.low, s.latest], method="peak, low and latest in order"),
    "direction": lambda b, k, s: b.make(k, s.direction(), period=f"{s.label_of(s.rows.iloc[-2])}–{s.label_of(s.latest)}",
                                        rows=[s.rows.iloc[-2], s.latest], method="direction"),
    "standing": lambda b, k, s: b.make(k, s.standing(), rows=_every(s), method="standing of latest"),
    "partial": lambda b, k, s: _row_fact(b, k, s, _last_partial(s), "latest partial"),
    "partial_period": lambda b, k, s: _period_fact(b, k, s, _last_partial(s), "period of latest partial"),
    "partial_span": lambda b, k, s: b.make(k, _last_partial(s)["note"].split(";")[0].removesuffix(" only").rstrip("."),
                                           rows=[_last_partial(s)], method="cut-off of latest partial"),
    "partials_described": lambda b, k, s: b.make(
        k, " and ".join(s.described(r) for _, r in s.partial.iterrows()), value=float(_last_partial(s)["value"]),
        unit=s.unit, period=", ".join(s.label_of(r) for _, r in s.partial.iterrows()),
        rows=[r for _, r in s.partial.iterrows()], method="partial values with their cut-offs"),
    "latest_with_partial": lambda b, k, s: b.make(
        k, s.with_partial(), period=s.label_of(s.latest),
        rows=[s.latest] + ([] if s.later_partial() is None else [s.later_partial()]),
        method="latest complete value, and a later partial one with its cut-off"),
    "leaked_periods": lambda b, k, s: _status_periods(b, k, s, "leaked"),
    "latest_status": lambda b, k, s: b.make(k, STATUS_WORDS[s.latest["status"]], period=s.label_of(s.latest),
                                            rows=[s.latest], method="status of latest"),
    "missing_periods": lambda b, k, s: b.make(k, fmt.year_ranges(missing_years(s.rows["period"])) or "none",
                                              rows=_every(s), method="periods missing"),
}


def _status_periods(book: FactBook, key: str, s: SeriesSummary, status: str) -> Fact:
    rows = book.data.series(s.measure).query("status == @status")
    return book.make(key, ", ".join(rows["period"]) or "none", rows=[r for _, r in rows.iterrows()],
                     method="periods matching")


def series_fact(book: FactBook, key: str, s: SeriesSummary, summary: str) -> Fact:
    years = CHANGE_OVER.fullmatch(summary)
    if years:
        return _change_over(book, key, s, int(years.group(1)))
    period = VALUE_IN.fullmatch(summary)
    if period:
        row = s.at(period.group(1).replace("_", "-"))
        if row is None:
            raise UnknownFact(f"no fact '{key}': '{s.measure}' has no complete value for {period.group(1)}")
        return _row_fact(book, key, s, row, "as published", short=True)
    if summary not in SERIES_SUMMARIES:
        raise UnknownFact(f"no fact '{key}': '{summary}' is not a series summary; there are "
                          f"{', '.join(SERIES_SUMMARIES)} and change_<N>y")
    return SERIES_SUMMARIES[summary](book, key, s)


# --- the edition's own facts ---------------------------------------------------------
def edition_fact(book: FactBook, key: str, name: str) -> Fact:
    data = book.data
    if name in ("data_as_of", "data_as_of_iso"):
        accessed = data.sources["accessed"].max()   # a date, not a statistic: left unmarked
        return book.make(key, accessed if name.endswith("_iso") else fmt.date_label(accessed), method="latest access date")
    if name in ("date", "date_iso"):
        edition = str(data.descriptor["edition_date"])
        return book.make(key, edition if name.endswith("_iso") else fmt.date_label(edition),
                         method="edition_date in datapackage.yaml")
    if name == "source_count":
        return book.make(key, str(len(data.sources)), value=len(data.sources), method="count")
    raise UnknownFact(f"no fact '{key}'")


def events_fact(book: FactBook, key: str, name: str) -> Fact:
    """The span and count of the events that occurred (events.first, events.last, events.count)."""
    events = book.event_table()
    occurred = events[events["status"] == "occurred"]
    if name == "count":
        return book.make(key, str(len(occurred)), value=len(occurred), method="count")
    if name in ("first", "last"):
        row = occurred.loc[occurred["date"].idxmin() if name == "first" else occurred["date"].idxmax()]
        return book.make(key, fmt.date_label(row["date"]), rows=[row], method=f"{'earliest' if name == 'first' else 'latest'} date")
    raise UnknownFact(f"no fact '{key}'")


def grades_fact(book: FactBook, key: str, name: str) -> Fact:
    """Sources by grade (grades.official ...), and grades.weak_claims: the printed values that rest
    only on weak sources. Ask for weak_claims last: it counts the facts computed before it."""
    if name == "weak_claims":
        marked = sum(1 for k, f in book.facts.items() if f.weak and k != key)
        return book.make(key, str(marked), value=marked, method="count of values resting only on weak sources")
    if name in GRADES:
        count = int((book.data.sources["grade"] == name).sum())
        return book.make(key, str(count), value=count, method="count of sources")
    raise UnknownFact(f"no fact '{key}'")


EDITION_FACTS = {"edition": edition_fact, "events": events_fact, "grades": grades_fact}
