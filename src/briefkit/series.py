"""What the data say about one measure: its complete and partial observations in period order,
and the generic summaries a brief's spec can name (latest, changes, peak, low, record, run).

Values only, with the few words that describe a series' shape ("the highest since ...");
how a number itself reads is numbers.py's job."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from . import numbers as fmt
from .datapackage import BriefData

NEAR_PEAK = 0.05  # within 5% of the peak reads "just below" it
UNUSUAL = 0.15   # a value 15% off the mean of both neighbours, and beyond both, is a dip or a spike


@dataclass(frozen=True)
class SeriesSummary:
    """What the data say about one measure: latest complete value, changes, records."""

    measure: str
    label: str
    unit: str
    kind: str
    rows: pd.DataFrame        # complete observations (not partial), in period order
    partial: pd.DataFrame     # observations for periods not yet complete

    @property
    def latest(self) -> pd.Series:
        return self.rows.iloc[-1]

    def at(self, period: str) -> pd.Series | None:
        hit = self.rows[self.rows["period"] == period]
        return None if hit.empty else hit.iloc[0]

    def years_before(self, row: pd.Series, years: int) -> pd.Series | None:
        period = row["period"]
        earlier = f"{int(period[:4]) - years}{period[4:]}"
        return self.at(earlier)

    def label_of(self, row: pd.Series) -> str:
        return fmt.period_label(row["period"], self.kind)

    def text_of(self, row: pd.Series) -> str:
        text = fmt.quantity(row["value"], self.unit)
        return f"more than {text}" if row["status"] == "lower_bound" else text

    def record_word(self) -> str:
        """'highest on record' when the latest value is the series maximum (likewise lowest)."""
        values = self.rows["value"]
        if len(values) < 3:
            return ""
        first = self.label_of(self.rows.iloc[0])
        if self.latest["value"] == values.max() and (values == values.max()).sum() == 1:
            return f"the highest since the series began in {first}"
        if self.latest["value"] == values.min() and (values == values.min()).sum() == 1:
            return f"the lowest since the series began in {first}"
        return ""

    def later_partial(self) -> pd.Series | None:
        """The last partial observation after the latest complete one, if any."""
        later = self.partial[self.partial["period"] > self.latest["period"]]
        return None if later.empty else later.iloc[-1]

    def unusual(self, row: pd.Series) -> str:
        """'a dip in 2020' when a row stands out from both neighbouring periods (a change measured
        from it would mislead without saying so), else ''."""
        before, after = self.years_before(row, 1), self.years_before(row, -1)
        if before is None or after is None:
            return ""
        value, around = row["value"], (before["value"] + after["value"]) / 2
        if around and abs(value - around) / around > UNUSUAL and (value - before["value"]) * (value - after["value"]) > 0:
            return f"{'a dip' if value < around else 'a spike'} in {self.label_of(row)}"
        return ""

    @property
    def peak(self) -> pd.Series:
        """The highest complete observation (the first, if the highest value recurs)."""
        return self.rows.loc[self.rows["value"].idxmax()]

    def is_peak(self) -> bool:
        return self.latest["value"] == self.peak["value"]

    def against_peak(self) -> str:
        """Where the latest value stands: a record, at or just below the peak, or how far below it."""
        record = self.record_word()
        if record:
            return record
        peak = self.peak
        if self.is_peak():
            return ("the highest in this data" if peak["period"] == self.latest["period"]
                    else f"level with the {self.label_of(peak)} peak")
        of_peak = f"the {self.label_of(peak)} peak of {self.text_of(peak)}"
        if (peak["value"] - self.latest["value"]) / peak["value"] <= NEAR_PEAK:
            return f"just below {of_peak}"
        below = fmt.change(peak['value'], self.latest['value'], self.unit).removeprefix('down ')
        # A peak known only as a lower bound ("more than $7 billion") makes the fall a lower bound too.
        return f"{'more than ' if peak['status'] == 'lower_bound' else ''}{below} below {of_peak}"

    def level(self) -> str:
        """A headline's few words: 'at a record high', 'near its 2023 peak', 'below its 2023 peak'."""
        record = self.record_word()
        if record:
            return "at a record high" if "highest" in record else "at a record low"
        if self.is_peak():
            return "at its peak"
        peak = self.peak
        near = (peak["value"] - self.latest["value"]) / peak["value"] <= NEAR_PEAK
        return f"{'near' if near else 'below'} its {self.label_of(peak)} peak"

    def since_peak(self) -> str:
        """'fell from a peak of A in P to B in Q', or, when the latest is the peak, 'reached B in Q, ...'."""
        latest = f"{self.text_of(self.latest)} in {self.label_of(self.latest)}"
        if self.is_peak():
            return f"reached {latest}, {self.against_peak()}"
        return f"fell from a peak of {self.text_of(self.peak)} in {self.label_of(self.peak)} to {latest}"


    def course(self) -> str:
        """The series' path through its peak, its low and its latest value, in the order they came:
        'was A in P, fell to B in Q and recovered to C in R', 'fell from a peak of A in P to a low of
        C in R' (the latest is the low), 'rose from B in Q to a peak of C in R' (the latest is the peak)."""
        def at(row) -> str:
            return f"{self.text_of(row)} in {self.label_of(row)}"
        peak, low, latest = self.peak, self.low, self.latest
        if latest["period"] == peak["period"]:
            return f"rose from {at(low)} to a peak of {at(latest)}" if low["period"] < peak["period"] \
                else f"reached a peak of {at(latest)}"
        if latest["period"] == low["period"]:
            return f"fell from a peak of {at(peak)} to a low of {at(latest)}" if peak["period"] < low["period"] \
                else f"fell to a low of {at(latest)}"
        if peak["period"] < low["period"]:
            return f"was {at(peak)}, fell to {at(low)} and recovered to {at(latest)}"
        return f"rose from {at(low)} to a peak of {at(peak)} and was {at(latest)}"

    @property
    def low(self) -> pd.Series:
        """The lowest complete observation (the first, if the lowest value recurs)."""
        return self.rows.loc[self.rows["value"].idxmin()]

    def direction(self) -> str:
        """'rose', 'fell' or 'held steady' between the last two complete observations."""
        before, now = self.rows.iloc[-2]["value"], self.latest["value"]
        return "rose" if now > before else "fell" if now < before else "held steady"

    def standing(self) -> str:
        """'the highest since <the last earlier reading at least as high>' after a rise (likewise 'lowest'
        after a fall), or 'level with <previous>' when unchanged."""
        rows, now, before = self.rows, self.latest, self.rows.iloc[-2]
        earlier = rows[rows["period"] < now["period"]]
        if now["value"] == before["value"]:
            return f"level with {self.label_of(before)}"
        word, beaten = (("highest", earlier[earlier["value"] >= now["value"]]) if now["value"] > before["value"]
                        else ("lowest", earlier[earlier["value"] <= now["value"]]))
        if beaten.empty:
            return f"the {word} since the series began in {self.label_of(rows.iloc[0])}"
        return f"the {word} since {self.label_of(beaten.iloc[-1])}"

    def described(self, row: pd.Series) -> str:
        """'849 metric tons in 2024 (through 26 December 2024)': a partial value with its cut-off."""
        note = row["note"].rstrip(".")
        if note and re.split(r"[–\s-]", note)[0] not in fmt.month_names():
            note = note[0].lower() + note[1:]
        return f"{self.text_of(row)} in {self.label_of(row)}" + (f" ({note})" if note else "")

    def with_partial(self) -> str:
        """The latest complete value, then any later partial one. A partial value is compared with a full
        period only when it already exceeds it, the one comparison its incompleteness cannot overturn."""
        latest, part = self.latest, self.later_partial()
        complete = f"{self.text_of(latest)} in {self.label_of(latest)}"
        if part is None:
            return complete
        if part["value"] > latest["value"]:
            return f"{self.described(part)}, already more than the {self.text_of(latest)} in all of {self.label_of(latest)}"
        return f"{complete}, and {self.described(part)}"


def summarise(data: BriefData, measure: str) -> SeriesSummary:
    info = data.measures.loc[measure]
    rows = data.series(measure)
    return SeriesSummary(measure, info["label"], info["unit"], info["period_kind"],
                         rows[rows["status"] != "partial"].reset_index(drop=True),
                         rows[rows["status"] == "partial"].reset_index(drop=True))


def latest_shared(a: SeriesSummary, b: SeriesSummary) -> tuple[pd.Series, pd.Series]:
    """Both series' rows for the latest period they both have, so a total or a ratio is of one period."""
    period = max(set(a.rows["period"]) & set(b.rows["period"]))
    return a.at(period), b.at(period)


def missing_years(periods) -> list[int]:
    """Years inside the span of yearly `periods` that have no observation."""
    years = {int(p[:4]) for p in periods}
    return sorted(set(range(min(years), max(years) + 1)) - years) if years else []
