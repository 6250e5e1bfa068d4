"""Every number the prose uses, computed from the data as a named, sourced record.

A `Fact` carries its formatted text (what the reader sees), its raw value, its period,
how it was computed, the data rows behind it (table and primary key) and their source ids,
so any number in the brief can be traced back to data rows (see docs/claims.schema.json).
`compute_facts` is a pure function of the data package.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

import pandas as pd
import yaml

from . import numbers as fmt
from .datapackage import BriefData
from .grades import mark_weak_claims

# What the computation assumes about the data. `validation.need_problems` checks each of these
# before anything is computed, so a gap is reported with its file and row, not as a traceback.
INAUGURATION_TAG = "petro_inauguration"   # timeline tag whose year is the "since Petro took office" baseline
SINCE_INAUGURATION = ("coca_area_unodc", "cocaine_production_unodc")  # need a complete value for that year
PAIRED = (("us_goods_exports", "us_goods_imports"), ("mpi_poverty_rural", "mpi_poverty_urban"))  # compared per period
DIVISORS = ("coca_area_unodc", "colombia_venezuela_trade", "mpi_poverty_urban")  # "N times" divides by their values
PARTIAL_MEASURES = ("cocaine_seizures", "us_goods_exports", "us_goods_imports")  # partial values shown in prose
WITH_PARTIAL = ("trac_removals_to_colombia",)  # prose gives the latest complete value and any later partial one
MINIMUM_OBSERVATIONS = {"petro_approval": 2}  # the direction compares the last two readings
# Measures the prose quotes as one survey ("In Invamer's survey of <month>, ..."): their latest
# complete periods must be the same.
SAME_SURVEY = {"opinion.colombia": ("colombians_oppose_boat_strikes", "colombians_value_us_ties",
                                    "colombians_blame_petro", "colombians_blame_trump", "colombians_blame_both")}
# Every measure that this module or figures.py reads by name: `make check` refuses a package
# that lacks one (tests/test_validation.py checks this list against both modules' source).
NAMED_MEASURES = (
    "aid_disbursements", "aid_obligations", "coca_area_unodc", "cocaine_production_unodc", "cocaine_seizures",
    "colombia_venezuela_trade", "colombians_blame_both", "colombians_blame_petro", "colombians_blame_trump",
    "colombians_oppose_boat_strikes", "colombians_value_us_ties", "eradication_forced_manual",
    "mpi_poverty_rural", "mpi_poverty_urban", "petro_approval", "trac_removals_to_colombia",
    "us_goods_exports", "us_goods_imports", "usbp_encounters_colombians", "venezuelans_in_colombia")
NEAR_PEAK = 0.05  # within 5% of the peak reads "just below" it
UNUSUAL = 0.15   # a value 15% off the mean of both neighbours, and beyond both, is a dip or a spike


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
    sources: tuple[str, ...] = field(default_factory=tuple)
    method: str = ""
    rows: tuple[RowRef, ...] = field(default_factory=tuple)
    weak: bool = False   # every source behind it is graded weak (grades.mark_weak_claims); printed with a mark

    def record(self) -> dict:
        record = asdict(self)
        record["rows"] = [{"table": r.table, "key": dict(r.key)} for r in self.rows]
        return record


def primary_keys(data: BriefData) -> dict[str, list[str]]:
    """Each table's primary-key fields, from the data package descriptor."""
    keys = {}
    for resource in data.descriptor["resources"]:
        schema = resource["schema"]
        if isinstance(schema, str):
            schema = yaml.safe_load((data.root / schema).read_text(encoding="utf-8"))
        keys[resource["name"]] = schema["primaryKey"]
    return keys


class Facts(dict):
    """Facts by key; `add` refuses to overwrite, so no two computations share a name.

    `rows=` takes the data rows (pandas rows with a `table` column) a fact is computed from;
    their source ids are added to the fact's sources and their keys kept for tracing."""

    def __init__(self, primary_keys: dict[str, list[str]] | None = None):
        super().__init__()
        self.primary_keys = primary_keys or {}

    def add(self, key: str, text: str, rows=(), **details) -> None:
        if key in self:
            raise KeyError(f"fact {key!r} defined twice")
        rows = list(rows)
        details["sources"] = tuple(sorted(set(details.get("sources", ())) | {r["source_id"] for r in rows}))
        details["rows"] = tuple(dict.fromkeys(self.ref(r) for r in rows))
        self[key] = Fact(key, text, **details)

    def ref(self, row) -> RowRef:
        table = row["table"]
        return RowRef(table, tuple((name, str(row[name])) for name in self.primary_keys[table]))


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


def summarise(data: BriefData, measure: str) -> SeriesSummary:
    info = data.measures.loc[measure]
    rows = data.series(measure)
    return SeriesSummary(measure, info["label"], info["unit"], info["period_kind"],
                         rows[rows["status"] != "partial"].reset_index(drop=True),
                         rows[rows["status"] == "partial"].reset_index(drop=True))


def add_series_facts(facts: Facts, s: SeriesSummary) -> None:
    """The standard facts every measure gets: latest, its period, changes over 1/5/10 years, peak."""
    key, latest = s.measure, s.latest
    facts.add(f"{key}.latest", s.text_of(latest), value=float(latest["value"]), unit=s.unit,
              period=s.label_of(latest), rows=[latest], method="latest")
    facts.add(f"{key}.latest_short", fmt.short_quantity(latest["value"], s.unit), value=float(latest["value"]),
              unit=s.unit, period=s.label_of(latest), rows=[latest], method="latest")
    facts.add(f"{key}.latest_period", s.label_of(latest), period=s.label_of(latest), rows=[latest],
              method="period of latest")
    facts.add(f"{key}.first_period", s.label_of(s.rows.iloc[0]), rows=[s.rows.iloc[0]], method="period of first")
    for years in (1, 5, 10):
        earlier = s.years_before(latest, years)
        if earlier is None:
            facts.add(f"{key}.change_{years}y", f"no comparable figure for {int(latest['period'][:4]) - years}",
                      method=f"change over {years} years")
        else:
            facts.add(f"{key}.change_{years}y", fmt.change(earlier["value"], latest["value"], s.unit),
                      value=float(latest["value"] - earlier["value"]), unit=s.unit,
                      period=f"{s.label_of(earlier)}–{s.label_of(latest)}", rows=[earlier, latest],
                      method=f"change over {years} years")
    if len(s.rows) > 1:
        before = s.rows.iloc[-2]
        facts.add(f"{key}.previous", s.text_of(before), value=float(before["value"]), unit=s.unit,
                  period=s.label_of(before), rows=[before], method="previous")
        facts.add(f"{key}.previous_period", s.label_of(before), rows=[before], method="period of previous")
        facts.add(f"{key}.change_previous", fmt.change(before["value"], latest["value"], s.unit),
                  value=float(latest["value"] - before["value"]), unit=s.unit,
                  period=f"{s.label_of(before)}–{s.label_of(latest)}", rows=[before, latest],
                  method="change between periods")
    peak = s.peak
    facts.add(f"{key}.peak", s.text_of(peak), value=float(peak["value"]), unit=s.unit,
              period=s.label_of(peak), rows=[peak], method="peak")
    facts.add(f"{key}.peak_period", s.label_of(peak), rows=[peak], method="period of peak")
    every_row = [r for _, r in s.rows.iterrows()]
    facts.add(f"{key}.record", s.record_word() or "not a record", rows=every_row, method="record")
    facts.add(f"{key}.against_peak", s.against_peak(), period=s.label_of(latest), rows=every_row,
              method="latest against peak")
    facts.add(f"{key}.level", s.level(), period=s.label_of(latest), rows=every_row, method="level of latest")
    facts.add(f"{key}.since_peak", s.since_peak(), period=f"{s.label_of(peak)}–{s.label_of(latest)}",
              rows=[peak, latest], method="change since peak")
    if not s.partial.empty:
        part = s.partial.iloc[-1]
        facts.add(f"{key}.partial", s.text_of(part), value=float(part["value"]), unit=s.unit,
                  period=s.label_of(part), rows=[part], method="latest partial")
        facts.add(f"{key}.partial_period", s.label_of(part), rows=[part], method="period of latest partial")


def _with_partial(s: SeriesSummary) -> str:
    """The latest complete value, then any later partial one. A partial value is compared with a full
    period only when it already exceeds it, the one comparison its incompleteness cannot overturn."""
    latest, part = s.latest, s.later_partial()
    complete = f"{s.text_of(latest)} in {s.label_of(latest)}"
    if part is None:
        return complete
    if part["value"] > latest["value"]:
        return f"{_described(s, part)}, already more than the {s.text_of(latest)} in all of {s.label_of(latest)}"
    return f"{complete}, and {_described(s, part)}"


def _between(facts: Facts, key: str, s: SeriesSummary, start: str, end: str) -> None:
    """Change of one series between two named periods (both must exist in the data)."""
    a, b = s.at(start), s.at(end)
    if a is None or b is None:
        raise KeyError(f"{s.measure}: no complete value for {start if a is None else end} "
                       "(validation.need_problems should have reported this)")
    facts.add(key, fmt.change(a["value"], b["value"], s.unit), value=float(b["value"] - a["value"]),
              unit=s.unit, period=f"{s.label_of(a)}–{s.label_of(b)}", rows=[a, b], method="change between periods")


def latest_shared(a: SeriesSummary, b: SeriesSummary) -> tuple[pd.Series, pd.Series]:
    """Both series' rows for the latest period they both have, so a total or a ratio is of one period."""
    period = max(set(a.rows["period"]) & set(b.rows["period"]))
    return a.at(period), b.at(period)


def trade_facts(facts: Facts, data: BriefData) -> None:
    exports, imports = summarise(data, "us_goods_exports"), summarise(data, "us_goods_imports")
    x, m = latest_shared(exports, imports)
    period, sources = x["period"], [x["source_id"], m["source_id"]]
    balance = float(x["value"] - m["value"])
    word = "surplus" if balance > 0 else "deficit"
    balance_text = f"{fmt.usd_millions(abs(balance))} {word}" if balance else "balance (exports equal to imports)"
    facts.add("trade.period", period, period=period, sources=sources)
    facts.add("trade.exports", exports.text_of(x), value=float(x["value"]), unit=exports.unit, period=period,
              sources=[x["source_id"]])
    facts.add("trade.imports", imports.text_of(m), value=float(m["value"]), unit=imports.unit, period=period,
              sources=[m["source_id"]])
    facts.add("trade.balance.latest", balance_text,
              value=balance, unit="USD millions", period=period, rows=[x, m], method="difference")
    facts.add("trade.total.latest", fmt.usd_millions(x["value"] + m["value"]),
              value=float(x["value"] + m["value"]), unit="USD millions", period=period, rows=[x, m], method="sum")
    five_before = exports.years_before(x, 5)
    if five_before is None:
        change_5y = f"no figure for {int(period) - 5} to compare with"
    else:
        outlier = exports.unusual(five_before)
        change_5y = (f"{fmt.change(five_before['value'], x['value'], exports.unit)} over five years"
                     + (f", measured from {outlier}" if outlier else ""))
    facts.add("trade.exports_change_5y", change_5y, period=period,
              rows=[x] if five_before is None else [five_before, x], method="change over 5 years")
    # The current unbroken run of shared years with the same sign of balance.
    both = exports.rows.merge(imports.rows, on="period", suffixes=("_x", "_m"))
    both = both[both["period"] <= period]
    sign = both["value_x"] > both["value_m"]
    run_start = period
    for year, positive in zip(reversed(both["period"].tolist()), reversed(sign.tolist())):
        if positive != sign.iloc[-1] or (year != period and int(year) != int(run_start) - 1):
            break   # the sign changed, or a year is missing (a run never bridges a gap)
        run_start = year
    facts.add("trade.balance.run_since", run_start, period=f"{run_start}–{period}", sources=sources)
    facts.add("trade.balance.run", f"a {word} every year since {run_start}" if run_start != period
              else f"a {word} in {period}", period=f"{run_start}–{period}", sources=sources)
    deficit_years = [int(p) for p in both.loc[~sign, "period"]]
    facts.add("trade.balance.deficit_years", fmt.year_ranges(deficit_years) or "none", sources=sources,
              method="periods matching")


def inauguration_year(data: BriefData) -> str:
    """The year Petro took office, from the timeline event tagged for it."""
    timeline = data.table("timeline")
    return str(timeline.loc[timeline["tag"] == INAUGURATION_TAG, "date"].iloc[0])[:4]


def narcotics_facts(facts: Facts, data: BriefData) -> None:
    coca = summarise(data, "coca_area_unodc")
    cocaine = summarise(data, "cocaine_production_unodc")
    eradication = summarise(data, "eradication_forced_manual")
    # Petro took office in the year of the tagged timeline event: compare his first survey year with the latest.
    first_year = inauguration_year(data)
    facts.add("petro.first_year", first_year, period=first_year)
    _between(facts, "coca.change_since_inauguration", coca, first_year, coca.latest["period"])
    _between(facts, "cocaine.change_since_inauguration", cocaine, first_year, cocaine.latest["period"])
    low = coca.rows.loc[coca.rows["value"].idxmin()]
    facts.add("coca.low", coca.text_of(low), value=float(low["value"]), unit=coca.unit,
              period=low["period"], rows=[low], method="low")
    lows = coca.rows[coca.rows["value"] == low["value"]]
    facts.add("coca.low_years", fmt.year_ranges([int(p) for p in lows["period"]]),
              rows=[r for _, r in lows.iterrows()], method="periods matching")
    facts.add("coca.times_low", fmt.times(coca.latest["value"] / low["value"]),
              value=float(coca.latest["value"] / low["value"]),
              sources=[low["source_id"], coca.latest["source_id"]])
    peak = eradication.peak
    _between(facts, "eradication.change_from_peak", eradication, peak["period"], eradication.latest["period"])
    leaked = data.series("coca_area_unodc").query("status == 'leaked'")
    facts.add("coca.leaked_period", ", ".join(leaked["period"]) or "none", rows=[r for _, r in leaked.iterrows()],
              method="periods matching")


def rural_facts(facts: Facts, data: BriefData) -> None:
    rural, urban = summarise(data, "mpi_poverty_rural"), summarise(data, "mpi_poverty_urban")
    r, u = latest_shared(rural, urban)
    facts.add("poverty.period", r["period"], period=r["period"])
    facts.add("poverty.urban", urban.text_of(u), value=float(u["value"]), unit=urban.unit, period=u["period"],
              sources=[u["source_id"]])
    facts.add("poverty.rural_urban_ratio", fmt.times(r["value"] / u["value"]), value=float(r["value"] / u["value"]),
              period=r["period"], sources=[r["source_id"], u["source_id"]])
    latest = rural.latest
    missing = sorted(set(range(int(rural.rows["period"].min()), int(latest["period"]) + 1))
                     - {int(p) for p in rural.rows["period"]})
    facts.add("poverty.missing_years", fmt.year_ranges(missing) or "none", rows=[r for _, r in rural.rows.iterrows()],
              method="periods missing")


def venezuela_facts(facts: Facts, data: BriefData) -> None:
    trade = summarise(data, "colombia_venezuela_trade")
    low = trade.rows.loc[trade.rows["value"].idxmin()]
    facts.add("venezuela_trade.low", trade.text_of(low), value=float(low["value"]), unit=trade.unit,
              period=low["period"], rows=[low], method="low")
    facts.add("venezuela_trade.low_period", low["period"], rows=[low], method="period of low")
    facts.add("venezuela_trade.times_low", fmt.times(trade.latest["value"] / low["value"]),
              value=float(trade.latest["value"] / low["value"]), rows=[trade.latest, low], method="ratio")


def people_facts(facts: Facts, data: BriefData) -> None:
    venezuelans = summarise(data, "venezuelans_in_colombia")
    latest = venezuelans.latest
    facts.add("venezuelans_in_colombia.latest_millions", fmt.millions(latest["value"]), value=float(latest["value"]),
              unit="persons", period=venezuelans.label_of(latest), rows=[latest], method="latest")
    approval = summarise(data, "petro_approval")
    before, now = approval.rows.iloc[-2], approval.rows.iloc[-1]
    sources = [before["source_id"], now["source_id"]]
    span = f"{approval.label_of(before)}–{approval.label_of(now)}"
    direction = ("rose" if now["value"] > before["value"] else "fell" if now["value"] < before["value"]
                 else "held steady")
    facts.add("petro_approval.direction", direction, period=span, sources=sources)
    movement = {"rose": "rose to", "fell": "fell to", "held steady": "held at"}[direction]
    facts.add("petro_approval.movement", f"{movement} {approval.text_of(now)}", period=span, sources=sources)
    facts.add("petro_approval.standing", standing(approval), sources=approval.rows["source_id"].tolist())


def standing(s: SeriesSummary) -> str:
    """'the highest since <the last earlier reading at least as high>' after a rise (likewise 'lowest'
    after a fall), or 'level with <previous>' when unchanged."""
    rows, now, before = s.rows, s.latest, s.rows.iloc[-2]
    earlier = rows[rows["period"] < now["period"]]
    if now["value"] == before["value"]:
        return f"level with {s.label_of(before)}"
    word, beaten = (("highest", earlier[earlier["value"] >= now["value"]]) if now["value"] > before["value"]
                    else ("lowest", earlier[earlier["value"] <= now["value"]]))
    if beaten.empty:
        return f"the {word} since the series began in {s.label_of(rows.iloc[0])}"
    return f"the {word} since {s.label_of(beaten.iloc[-1])}"


def product_facts(facts: Facts, data: BriefData) -> None:
    """Each product's trade value as the products table shows it."""
    products = data.table("trade_products").assign(table="trade_products")
    for _, row in products[products["hs_code"] != ""].iterrows():
        facts.add(f"products.{row['year']}.{row['flow']}.hs{row['hs_code']}",
                  fmt.short_quantity(row["value_usd_millions"], "USD millions"), value=float(row["value_usd_millions"]),
                  unit="USD millions", period=str(row["year"]), rows=[row], method="as published")


def _described(s: SeriesSummary, row) -> str:
    """'849 metric tons in 2024 (through 26 December 2024)': a partial value with its cut-off."""
    note = row["note"].rstrip(".")
    if note and re.split(r"[–\s-]", note)[0] not in fmt.MONTHS:
        note = note[0].lower() + note[1:]
    return f"{s.text_of(row)} in {s.label_of(row)}" + (f" ({note})" if note else "")


def partial_facts(facts: Facts, data: BriefData) -> None:
    """Every partial value of a measure, each with its cut-off, so prose can show the latest
    figures without comparing them with full years."""
    for measure in WITH_PARTIAL:
        s = summarise(data, measure)
        part = s.later_partial()
        facts.add(f"{measure}.latest_with_partial", _with_partial(s), period=s.label_of(s.latest),
                  rows=[s.latest] + ([] if part is None else [part]),
                  method="latest complete value, and a later partial one with its cut-off")
    for measure in PARTIAL_MEASURES:
        s = summarise(data, measure)
        if s.partial.empty:
            continue
        rows = [r for _, r in s.partial.iterrows()]
        facts.add(f"{measure}.partials_described", " and ".join(_described(s, r) for r in rows),
                  value=float(rows[-1]["value"]), unit=s.unit, period=", ".join(s.label_of(r) for r in rows),
                  rows=rows, method="partial values with their cut-offs")
        facts.add(f"{measure}.partial_span", rows[-1]["note"].split(";")[0].removesuffix(" only").rstrip("."),
                  rows=rows[-1:], method="cut-off of latest partial")


def survey_facts(facts: Facts, data: BriefData) -> None:
    """The period of each survey the prose quotes as one (validation checks that its measures share it)."""
    for key, measures in SAME_SURVEY.items():
        latest = [summarise(data, m).latest for m in measures]
        facts.add(f"{key}_period", fmt.period_label(latest[0]["period"], "month"), rows=latest,
                  method="period shared by the survey's measures")


def edition_facts(facts: Facts, data: BriefData) -> None:
    accessed = data.sources["accessed"].max()
    facts.add("edition.data_as_of", fmt.date_label(accessed), method="latest access date")  # a date, not a statistic: left unmarked
    facts.add("edition.data_as_of_iso", accessed, method="latest access date")
    edition = str(data.descriptor["edition_date"])
    facts.add("edition.date", fmt.date_label(edition), method="edition_date in datapackage.yaml")
    facts.add("edition.date_iso", edition, method="edition_date in datapackage.yaml")
    facts.add("edition.source_count", str(len(data.sources)), value=len(data.sources), method="count")
    timeline = data.table("timeline").assign(table="timeline")
    occurred = timeline[timeline["status"] == "occurred"]
    first, last = occurred.loc[occurred["date"].idxmin()], occurred.loc[occurred["date"].idxmax()]
    facts.add("timeline.first", fmt.date_label(first["date"]), rows=[first], method="earliest date")
    facts.add("timeline.last", fmt.date_label(last["date"]), rows=[last], method="latest date")
    facts.add("timeline.count", str(len(occurred)), value=len(occurred), method="count")
    for _, event in timeline[timeline["tag"] != ""].iterrows():
        facts.add(f"date.{event['tag']}", fmt.date_label(event["date"]), value=event["date"], rows=[event],
                  method="event date")


def compute_facts(data: BriefData) -> Facts:
    facts = Facts(primary_keys(data))
    for measure in data.measures.index:
        add_series_facts(facts, summarise(data, measure))
    trade_facts(facts, data)
    narcotics_facts(facts, data)
    rural_facts(facts, data)
    venezuela_facts(facts, data)
    people_facts(facts, data)
    product_facts(facts, data)
    edition_facts(facts, data)
    partial_facts(facts, data)
    survey_facts(facts, data)
    return mark_weak_claims(facts, data)
