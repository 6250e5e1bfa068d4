"""Every number the prose uses, computed from the data as a named, sourced record.

A `Fact` carries its formatted text (what the reader sees), its raw value, its period and
the ids of the sources behind it, so later steps can trace any number in the brief back
to data rows. `compute_facts` is a pure function of the data package.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

import pandas as pd

from . import numbers as fmt
from .datapackage import BriefData


@dataclass(frozen=True)
class Fact:
    key: str
    text: str
    value: float | str | None = None
    unit: str = ""
    period: str = ""
    sources: tuple[str, ...] = field(default_factory=tuple)

    def record(self) -> dict:
        return asdict(self)


class Facts(dict):
    """Facts by key; `add` refuses to overwrite, so no two computations share a name."""

    def add(self, key: str, text: str, **details) -> None:
        if key in self:
            raise KeyError(f"fact {key!r} defined twice")
        details["sources"] = tuple(sorted(set(details.get("sources", ()))))
        self[key] = Fact(key, text, **details)


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


def summarise(data: BriefData, measure: str) -> SeriesSummary:
    info = data.measures.loc[measure]
    rows = data.series(measure)
    return SeriesSummary(measure, info["label"], info["unit"], info["period_kind"],
                         rows[rows["status"] != "partial"].reset_index(drop=True),
                         rows[rows["status"] == "partial"].reset_index(drop=True))


def add_series_facts(facts: Facts, s: SeriesSummary) -> None:
    """The standard facts every measure gets: latest, its period, changes over 1/5/10 years, peak."""
    key, latest = s.measure, s.latest
    src = lambda *rows: [r["source_id"] for r in rows]  # noqa: E731
    facts.add(f"{key}.latest", s.text_of(latest), value=float(latest["value"]), unit=s.unit,
              period=s.label_of(latest), sources=src(latest))
    facts.add(f"{key}.latest_period", s.label_of(latest), period=s.label_of(latest))
    facts.add(f"{key}.first_period", s.label_of(s.rows.iloc[0]))
    for years in (1, 5, 10):
        earlier = s.years_before(latest, years)
        if earlier is None:
            facts.add(f"{key}.change_{years}y", f"no comparable figure for {int(latest['period'][:4]) - years}")
        else:
            facts.add(f"{key}.change_{years}y", fmt.change(earlier["value"], latest["value"], s.unit),
                      value=float(latest["value"] - earlier["value"]), unit=s.unit,
                      period=f"{s.label_of(earlier)}–{s.label_of(latest)}", sources=src(earlier, latest))
    if len(s.rows) > 1:
        before = s.rows.iloc[-2]
        facts.add(f"{key}.previous", s.text_of(before), value=float(before["value"]), unit=s.unit,
                  period=s.label_of(before), sources=src(before))
        facts.add(f"{key}.previous_period", s.label_of(before))
    peak = s.rows.loc[s.rows["value"].idxmax()]
    facts.add(f"{key}.peak", s.text_of(peak), value=float(peak["value"]), unit=s.unit,
              period=s.label_of(peak), sources=src(peak))
    facts.add(f"{key}.peak_period", s.label_of(peak))
    facts.add(f"{key}.record", s.record_word() or "not a record", sources=src(*s.rows.to_dict("records")))
    if not s.partial.empty:
        part = s.partial.iloc[-1]
        facts.add(f"{key}.partial", s.text_of(part), value=float(part["value"]), unit=s.unit,
                  period=s.label_of(part), sources=src(part))
        facts.add(f"{key}.partial_period", s.label_of(part))


def _between(facts: Facts, key: str, s: SeriesSummary, start: str, end: str) -> None:
    """Change of one series between two named periods (both must exist in the data)."""
    a, b = s.at(start), s.at(end)
    if a is None or b is None:
        raise ValueError(f"{s.measure}: no data for {start if a is None else end}")
    facts.add(key, fmt.change(a["value"], b["value"], s.unit), value=float(b["value"] - a["value"]),
              unit=s.unit, period=f"{s.label_of(a)}–{s.label_of(b)}", sources=[a["source_id"], b["source_id"]])


def trade_facts(facts: Facts, data: BriefData) -> None:
    exports, imports = summarise(data, "us_goods_exports"), summarise(data, "us_goods_imports")
    both = exports.rows.merge(imports.rows, on="period", suffixes=("_x", "_m"))
    both["balance"] = both["value_x"] - both["value_m"]
    latest = both.iloc[-1]
    sources = [latest["source_id_x"], latest["source_id_m"]]
    word = "surplus" if latest["balance"] > 0 else "deficit"
    facts.add("trade.balance.latest", f"{fmt.usd_millions(abs(latest['balance']))} {word}",
              value=float(latest["balance"]), unit="USD millions", period=latest["period"], sources=sources)
    facts.add("trade.total.latest", fmt.usd_millions(latest["value_x"] + latest["value_m"]),
              value=float(latest["value_x"] + latest["value_m"]), unit="USD millions",
              period=latest["period"], sources=sources)
    # The current unbroken run of years with the same sign of balance.
    sign = both["balance"] > 0
    run_start = both["period"].iloc[-1]
    for period, positive in zip(reversed(both["period"].tolist()), reversed(sign.tolist())):
        if positive != sign.iloc[-1]:
            break
        run_start = period
    facts.add("trade.balance.run_since", run_start, period=f"{run_start}–{latest['period']}", sources=sources)
    deficit_years = [int(p) for p in both.loc[~sign, "period"]]
    facts.add("trade.balance.deficit_years", fmt.year_ranges(deficit_years) or "none", sources=sources)


def narcotics_facts(facts: Facts, data: BriefData) -> None:
    coca = summarise(data, "coca_area_unodc")
    cocaine = summarise(data, "cocaine_production_unodc")
    eradication = summarise(data, "eradication_forced_manual")
    # Petro took office in August 2022: compare his first survey year with the latest.
    _between(facts, "coca.change_since_2022", coca, "2022", coca.latest["period"])
    _between(facts, "cocaine.change_since_2022", cocaine, "2022", cocaine.latest["period"])
    low = coca.rows.loc[coca.rows["value"].idxmin()]
    facts.add("coca.low", coca.text_of(low), value=float(low["value"]), unit=coca.unit,
              period=low["period"], sources=[low["source_id"]])
    facts.add("coca.low_years", fmt.year_ranges([int(p) for p in coca.rows.loc[coca.rows["value"] == low["value"], "period"]]))
    facts.add("coca.times_low", fmt.times(coca.latest["value"] / low["value"]),
              value=float(coca.latest["value"] / low["value"]),
              sources=[low["source_id"], coca.latest["source_id"]])
    peak = eradication.rows.loc[eradication.rows["value"].idxmax()]
    _between(facts, "eradication.change_from_peak", eradication, peak["period"], eradication.latest["period"])
    leaked = data.series("coca_area_unodc").query("status == 'leaked'")
    facts.add("coca.leaked_period", ", ".join(leaked["period"]) or "none")


def rural_facts(facts: Facts, data: BriefData) -> None:
    rural, urban = summarise(data, "mpi_poverty_rural"), summarise(data, "mpi_poverty_urban")
    r, u = rural.latest, urban.at(rural.latest["period"])
    facts.add("poverty.rural_urban_ratio", fmt.times(r["value"] / u["value"]), value=float(r["value"] / u["value"]),
              period=r["period"], sources=[r["source_id"], u["source_id"]])
    missing = sorted(set(range(int(rural.rows["period"].min()), int(r["period"]) + 1))
                     - {int(p) for p in rural.rows["period"]})
    facts.add("poverty.missing_years", fmt.year_ranges(missing) or "none")


def venezuela_facts(facts: Facts, data: BriefData) -> None:
    trade = summarise(data, "colombia_venezuela_trade")
    low = trade.rows.loc[trade.rows["value"].idxmin()]
    facts.add("venezuela_trade.low", trade.text_of(low), value=float(low["value"]), unit=trade.unit,
              period=low["period"], sources=[low["source_id"]])
    facts.add("venezuela_trade.low_period", low["period"])
    facts.add("venezuela_trade.times_low", fmt.times(trade.latest["value"] / low["value"]),
              value=float(trade.latest["value"] / low["value"]),
              sources=[low["source_id"], trade.latest["source_id"]])


def people_facts(facts: Facts, data: BriefData) -> None:
    venezuelans = summarise(data, "venezuelans_in_colombia")
    latest = venezuelans.latest
    facts.add("venezuelans_in_colombia.latest_millions", fmt.millions(latest["value"]), value=float(latest["value"]),
              unit="persons", period=venezuelans.label_of(latest), sources=[latest["source_id"]])
    approval = summarise(data, "petro_approval")
    before, now = approval.rows.iloc[-2], approval.rows.iloc[-1]
    facts.add("petro_approval.direction", "rose" if now["value"] > before["value"] else "fell",
              period=f"{approval.label_of(before)}–{approval.label_of(now)}",
              sources=[before["source_id"], now["source_id"]])
    higher = approval.rows[(approval.rows["value"] >= now["value"]) & (approval.rows["period"] < now["period"])]
    standing = (f"the highest since {approval.label_of(higher.iloc[-1])}" if not higher.empty
                else f"the highest since the series began in {approval.label_of(approval.rows.iloc[0])}")
    facts.add("petro_approval.standing", standing, sources=approval.rows["source_id"].tolist())


def edition_facts(facts: Facts, data: BriefData) -> None:
    accessed = data.sources["accessed"].max()
    facts.add("edition.data_as_of", fmt.date_label(accessed), value=accessed)
    facts.add("edition.data_as_of_iso", accessed)
    facts.add("edition.source_count", str(len(data.sources)), value=len(data.sources))
    timeline = data.table("timeline")
    occurred = timeline[timeline["status"] == "occurred"]
    facts.add("timeline.first", fmt.date_label(occurred["date"].min()))
    facts.add("timeline.last", fmt.date_label(occurred["date"].max()))
    facts.add("timeline.count", str(len(occurred)), value=len(occurred))
    for _, event in timeline[timeline["tag"] != ""].iterrows():
        facts.add(f"date.{event['tag']}", fmt.date_label(event["date"]), value=event["date"],
                  sources=[event["source_id"]])


def compute_facts(data: BriefData) -> Facts:
    facts = Facts()
    for measure in data.measures.index:
        add_series_facts(facts, summarise(data, measure))
    trade_facts(facts, data)
    narcotics_facts(facts, data)
    rural_facts(facts, data)
    venezuela_facts(facts, data)
    people_facts(facts, data)
    edition_facts(facts, data)
    return facts
