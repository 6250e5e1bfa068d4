"""The brief's figures: each drawn from the data package into figures/<name>.svg.

A `FigureSpec` knows which measures it shows, how to draw them, and how to describe
them in words (caption stating the finding, alt text with the latest value and trend,
source line), so the caption and alt text always match the plotted data.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter

from . import numbers as fmt
from . import style
from .datapackage import BriefData
from .facts import Facts, summarise


@dataclass(frozen=True)
class FigureSpec:
    name: str
    measures: tuple[str, ...]
    draw: Callable[[BriefData, plt.Figure], None]
    caption: Callable[[Facts], str]
    alt: Callable[[Facts], str]
    panels: int = 1
    half: bool = False   # half the text width, floated beside the text

    @property
    def size_in(self) -> tuple[float, float]:
        return (style.HALF_WIDTH_IN, style.HALF_HEIGHT_IN) if self.half else (style.WIDTH_IN, style.HEIGHT_IN)

    @property
    def label(self) -> str:
        return f"fig-{self.name}"

    def source_line(self, data: BriefData) -> str:
        """'Source: <producers>, as published by <publisher> / as reported in N publications ...'."""
        rows = data.observations[data.observations["measure"].isin(self.measures)]
        producers = list(dict.fromkeys(data.measures.loc[list(self.measures), "producer"]))
        ids = sorted(set(rows["source_id"]))
        accessed = fmt.date_label(data.sources.loc[ids, "accessed"].max())
        if len(ids) == 1:
            via = data.sources.loc[ids[0], "publisher"]
            return f"Source: {via}; accessed {accessed}."
        return (f"Source: {'; '.join(producers)}, as published in {len(ids)} documents "
                f"listed under Sources; accessed {accessed}.")


def _thousands(unit_suffix: str = "") -> FuncFormatter:
    return FuncFormatter(lambda v, _: f"{v / 1000:,.0f}{unit_suffix}")


def _plain() -> FuncFormatter:
    return FuncFormatter(lambda v, _: f"{v:,.0f}")


def _years_axis(ax, periods: list[str], step: int = 2) -> None:
    ax.set_xticks([int(p) for p in periods][::step])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{int(v)}"))
    ax.grid(axis="x", visible=False)


def _end_label(ax, x, y, text, color, dy=0.0) -> None:
    """Direct label at the end of a line, instead of a legend."""
    ax.annotate(text, (x, y), xytext=(4, dy), textcoords="offset points", va="center",
                color=color, fontsize=8.5, fontweight="semibold")


def _series_xy(data: BriefData, measure: str):
    """Years and values of a yearly series' complete observations."""
    s = summarise(data, measure)
    return [int(p) for p in s.rows["period"]], s.rows["value"].tolist(), s


def _month_positions(periods) -> list[float]:
    """'2022-12' -> 2022.96: monthly observations placed on a year axis."""
    return [int(p[:4]) + (int(p[5:]) - 0.5) / 12 for p in periods]


def _gapped(x: list[int], y: list[float]) -> tuple[list[float], list[float]]:
    """Break a line where years are missing, so a gap in the data shows as a gap."""
    gx, gy = [], []
    for i, (xi, yi) in enumerate(zip(x, y)):
        if i and xi - x[i - 1] > 1:
            gx.append(xi - 0.5)
            gy.append(float("nan"))
        gx.append(xi)
        gy.append(yi)
    return gx, gy


# --- trade ----------------------------------------------------------------
def draw_trade(data: BriefData, fig) -> None:
    ax = fig.subplots()
    for measure, color, name in (("us_goods_exports", style.DARK, "US exports"),
                                 ("us_goods_imports", style.LIGHT, "US imports")):
        x, y, _ = _series_xy(data, measure)
        ax.plot(x, y, color=color, linewidth=2, marker="o", markersize=2.5,
                linestyle="-" if measure == "us_goods_exports" else (0, (4, 1.5)))
        _end_label(ax, x[-1], y[-1], name, color, dy=6 if measure == "us_goods_exports" else -6)
    ax.set_ylabel("USD billions (nominal)")
    ax.yaxis.set_major_formatter(_thousands())
    ax.set_ylim(0, None)
    _years_axis(ax, [str(v) for v in x])
    ax.set_xlim(x[0] - 0.5, x[-1] + 2.2)


TRADE = FigureSpec(
    "trade", ("us_goods_exports", "us_goods_imports"), draw_trade,
    caption=lambda f: (f"US goods exports to Colombia have exceeded imports every year since "
                       f"{f['trade.balance.run_since'].text}"),
    alt=lambda f: (f"Line chart of annual US goods exports to and imports from Colombia, "
                   f"{f['us_goods_exports.first_period'].text}–{f['us_goods_exports.latest_period'].text}. "
                   f"In {f['us_goods_exports.latest_period'].text} exports were {f['us_goods_exports.latest'].text} "
                   f"and imports {f['us_goods_imports.latest'].text}, a US {f['trade.balance.latest'].text}. "
                   f"Imports exceeded exports in {f['trade.balance.deficit_years'].text}."),
)


# --- counter-narcotics --------------------------------------------------------
def draw_coca(data: BriefData, fig) -> None:
    left, right = fig.subplots(1, 2)
    x, y, s = _series_xy(data, "coca_area_unodc")
    leaked = set(data.series("coca_area_unodc").query("status == 'leaked'")["period"].astype(int))
    colors = [style.MUTED if xi in leaked else style.DARK for xi in x]
    left.bar(x, y, color=colors, width=0.75)
    left.set_title("Coca cultivation, thousand hectares")
    left.yaxis.set_major_formatter(_thousands())
    _years_axis(left, [str(v) for v in range(x[0], x[-1] + 1)], step=4)
    x2, y2, _ = _series_xy(data, "cocaine_production_unodc")
    right.plot(*_gapped(x2, y2), color=style.DARK, linewidth=2, marker="o", markersize=2.5)
    for xi, yi in zip(x2, y2):
        if xi in leaked:
            right.plot([xi], [yi], marker="o", markersize=5, color=style.MUTED)
    right.set_title("Potential cocaine production, metric tons")
    right.yaxis.set_major_formatter(_plain())
    right.set_ylim(0, None)
    _years_axis(right, [str(v) for v in range(x[0], x[-1] + 1)], step=4)
    if leaked:
        left.annotate("grey: leaked,\nnot yet published", (max(leaked), y[-1]), xytext=(-62, -4),
                      textcoords="offset points", fontsize=7.5, color=style.INK, ha="right", va="top")


COCA = FigureSpec(
    "coca", ("coca_area_unodc", "cocaine_production_unodc"), draw_coca, panels=2,
    caption=lambda f: (f"Coca cultivation and potential cocaine output reached record highs in "
                       f"{f['coca_area_unodc.latest_period'].text}"),
    alt=lambda f: (f"Two charts. Left: coca cultivation in Colombia by year since {f['coca_area_unodc.first_period'].text}, "
                   f"falling to a low of {f['coca.low'].text} in {f['coca.low_years'].text} and rising to "
                   f"{f['coca_area_unodc.latest'].text} in {f['coca_area_unodc.latest_period'].text}, "
                   f"{f['coca_area_unodc.record'].text}. Right: potential cocaine production, "
                   f"{f['cocaine_production_unodc.latest'].text} in {f['cocaine_production_unodc.latest_period'].text}, "
                   f"{f['cocaine.change_since_2022'].text} since 2022. The {f['coca.leaked_period'].text} values were leaked, "
                   f"not officially published."),
)


def draw_enforcement(data: BriefData, fig) -> None:
    left, right = fig.subplots(1, 2)
    x, y, _ = _series_xy(data, "eradication_forced_manual")
    left.bar(x, y, color=style.DARK, width=0.75)
    left.set_title("Forced manual eradication, thousand hectares")
    left.yaxis.set_major_formatter(_thousands())
    _years_axis(left, [str(v) for v in range(x[0], x[-1] + 1)], step=4)
    x2, y2, s2 = _series_xy(data, "cocaine_seizures")
    right.bar(x2, y2, color=style.LIGHT, width=0.75)
    for _, row in s2.partial.iterrows():
        right.bar([int(row["period"])], [row["value"]], color="white", edgecolor=style.LIGHT, hatch="////", width=0.75)
    right.set_title("Cocaine seized in Colombia, metric tons")
    right.yaxis.set_major_formatter(_plain())
    _years_axis(right, [str(v) for v in range(x2[0], x2[-1] + 2)], step=4)
    if not s2.partial.empty:
        right.annotate("hatched: year\nnot complete", (int(s2.partial.iloc[-1]["period"]), s2.partial.iloc[-1]["value"]),
                       xytext=(-50, 0), textcoords="offset points", fontsize=7.5, ha="right", va="top")


ENFORCEMENT = FigureSpec(
    "enforcement", ("eradication_forced_manual", "cocaine_seizures"), draw_enforcement, panels=2,
    caption=lambda f: (f"Forced eradication has fallen {f['eradication.change_from_peak'].text.split(' ', 1)[1]} from its "
                       f"{f['eradication_forced_manual.peak_period'].text} peak while seizures keep rising"),
    alt=lambda f: (f"Two bar charts. Left: hectares of coca eradicated by force, peaking at "
                   f"{f['eradication_forced_manual.peak'].text} in {f['eradication_forced_manual.peak_period'].text} and "
                   f"falling to {f['eradication_forced_manual.latest'].text} in {f['eradication_forced_manual.latest_period'].text}; "
                   f"years without a published figure are blank. Right: cocaine seized, "
                   f"{f['cocaine_seizures.latest'].text} in {f['cocaine_seizures.latest_period'].text}, "
                   f"{f['cocaine_seizures.record'].text}, and {f['cocaine_seizures.partial'].text} in "
                   f"{f['cocaine_seizures.partial_period'].text} up to late December."),
)


# --- assistance -------------------------------------------------------------
def draw_aid(data: BriefData, fig) -> None:
    ax = fig.subplots()
    width = 0.38
    for offset, measure, color, name in ((-width / 2, "aid_disbursements", style.DARK, "Disbursed"),
                                         (width / 2, "aid_obligations", style.LIGHT, "Obligated")):
        s = summarise(data, measure)
        x = [int(p) for p in s.rows["period"]]
        ax.bar([xi + offset for xi in x], s.rows["value"], width=width, color=color, label=name)
        for _, row in s.partial.iterrows():
            ax.bar([int(row["period"]) + offset], [row["value"]], width=width, color="white",
                   edgecolor=color, hatch="////")
    ax.legend(loc="upper left", ncols=2, fontsize=8, bbox_to_anchor=(0, 1.12))
    ax.set_ylim(0, 950)
    ax.set_ylabel("USD millions (current)")
    ax.yaxis.set_major_formatter(_plain())
    periods = sorted(set(data.series("aid_disbursements")["period"]))
    ax.set_xticks([int(p) for p in periods])
    ax.set_xticklabels([f"FY{p[2:]}" for p in periods])
    ax.grid(axis="x", visible=False)
    ax.annotate("reporting\nincomplete", (int(periods[-1]), 300), ha="center", fontsize=7.5)


AID = FigureSpec(
    "aid", ("aid_disbursements", "aid_obligations"), draw_aid,
    caption=lambda f: (f"US assistance disbursed to Colombia was {f['aid_disbursements.latest'].text} in "
                       f"{f['aid_disbursements.latest_period'].text}; reporting for {f['aid_disbursements.partial_period'].text} "
                       f"is incomplete"),
    alt=lambda f: (f"Bar chart of US assistance to Colombia by fiscal year, all agencies. Disbursements were "
                   f"{f['aid_disbursements.latest'].text} in {f['aid_disbursements.latest_period'].text} "
                   f"({f['aid_disbursements.change_1y'].text} on the year before) and obligations "
                   f"{f['aid_obligations.latest'].text}. Figures reported so far for {f['aid_disbursements.partial_period'].text} "
                   f"({f['aid_disbursements.partial'].text} disbursed) are incomplete."),
)


# --- migration -------------------------------------------------------------
def draw_migration(data: BriefData, fig) -> None:
    left, right = fig.subplots(1, 2)
    s = summarise(data, "venezuelans_in_colombia")
    x = _month_positions(s.rows["period"])
    left.plot(x, s.rows["value"] / 1e6, color=style.DARK, linewidth=2, marker="o", markersize=3)
    left.set_title("Venezuelans living in Colombia, millions")
    left.set_ylim(0, 3.2)
    left.set_xticks(range(2019, 2025))
    left.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{int(v)}"))
    left.grid(axis="x", visible=False)
    enc = summarise(data, "usbp_encounters_colombians")
    x2 = [int(p) for p in enc.rows["period"]]
    right.bar(x2, enc.rows["value"], color=style.LIGHT, width=0.7)
    right.set_title("Border Patrol encounters with Colombians, thousands")
    right.yaxis.set_major_formatter(_thousands())
    right.set_xticks(x2)
    right.set_xticklabels([f"FY{p % 100}" for p in x2])
    right.grid(axis="x", visible=False)


MIGRATION = FigureSpec(
    "migration", ("venezuelans_in_colombia", "usbp_encounters_colombians"), draw_migration, panels=2,
    caption=lambda f: (f"Colombia counted {f['venezuelans_in_colombia.latest_millions'].text} Venezuelan residents in "
                       f"{f['venezuelans_in_colombia.latest_period'].text}; Border Patrol encounters with Colombians "
                       f"peaked in {f['usbp_encounters_colombians.peak_period'].text}"),
    alt=lambda f: (f"Left: line chart of Venezuelans living in Colombia, peaking at {f['venezuelans_in_colombia.peak'].text} "
                   f"in {f['venezuelans_in_colombia.peak_period'].text}; the latest official count is "
                   f"{f['venezuelans_in_colombia.latest'].text} in {f['venezuelans_in_colombia.latest_period'].text}. "
                   f"Right: bar chart of US Border Patrol encounters with Colombian nationals by fiscal year, peaking at "
                   f"{f['usbp_encounters_colombians.peak'].text} in {f['usbp_encounters_colombians.peak_period'].text} and "
                   f"{f['usbp_encounters_colombians.latest'].text} in {f['usbp_encounters_colombians.latest_period'].text}."),
)


# --- rural development --------------------------------------------------------
def draw_poverty(data: BriefData, fig) -> None:
    ax = fig.subplots()
    for measure, color, name, ls in (("mpi_poverty_rural", style.DARK, "Rural areas", "-"),
                                     ("mpi_poverty_urban", style.LIGHT, "Towns and cities", (0, (4, 1.5)))):
        x, y, _ = _series_xy(data, measure)
        ax.plot(*_gapped(x, y), color=color, linewidth=2, marker="o", markersize=3, linestyle=ls)
        ax.annotate(name, (x[-1], y[-1]), xytext=(0, 7), textcoords="offset points", ha="right",
                    color=color, fontsize=8.5, fontweight="semibold")
    ax.set_ylabel("% of people in poverty")
    ax.set_ylim(0, 42)
    _years_axis(ax, [str(v) for v in range(x[0], x[-1] + 1)], step=2)
    ax.annotate("no split\nfor 2021", (2021, 24), ha="center", fontsize=7.5, color=style.INK)


POVERTY = FigureSpec(
    "poverty", ("mpi_poverty_rural", "mpi_poverty_urban"), draw_poverty, half=True,
    caption=lambda f: (f"Rural poverty remains {f['poverty.rural_urban_ratio'].text} the urban rate"),
    alt=lambda f: (f"Line chart of multidimensional poverty in Colombia, {f['mpi_poverty_rural.first_period'].text}–"
                   f"{f['mpi_poverty_rural.latest_period'].text}. Rural poverty fell from {f['mpi_poverty_rural.peak'].text} to "
                   f"{f['mpi_poverty_rural.latest'].text}; urban poverty from {f['mpi_poverty_urban.peak'].text} to "
                   f"{f['mpi_poverty_urban.latest'].text}. No split by area was found for {f['poverty.missing_years'].text}."),
)


def draw_venezuela_trade(data: BriefData, fig) -> None:
    ax = fig.subplots()
    x, y, _ = _series_xy(data, "colombia_venezuela_trade")
    ax.bar(x, y, color=style.DARK, width=0.7)
    ax.set_ylabel("USD millions")
    ax.yaxis.set_major_formatter(_plain())
    _years_axis(ax, [str(v) for v in range(x[0], x[-1] + 1)], step=3)
    ax.annotate("blank: no\npublished total", (2018.5, 650), ha="center", fontsize=7.5)


VENEZUELA = FigureSpec(
    "venezuela-trade", ("colombia_venezuela_trade",), draw_venezuela_trade, half=True,
    caption=lambda f: (f"Colombia–Venezuela trade in {f['colombia_venezuela_trade.latest_period'].text} was "
                       f"{f['venezuela_trade.times_low'].text} its {f['venezuela_trade.low_period'].text} low"),
    alt=lambda f: (f"Bar chart of goods trade between Colombia and Venezuela. It fell to {f['venezuela_trade.low'].text} in "
                   f"{f['venezuela_trade.low_period'].text} and reached {f['colombia_venezuela_trade.latest'].text} in "
                   f"{f['colombia_venezuela_trade.latest_period'].text}, {f['colombia_venezuela_trade.record'].text}."),
)


def draw_approval(data: BriefData, fig) -> None:
    ax = fig.subplots()
    s = summarise(data, "petro_approval")
    x = _month_positions(s.rows["period"])
    ax.plot(x, s.rows["value"], color=style.DARK, linewidth=2, marker="o", markersize=3)
    ax.set_ylim(0, 60)
    ax.set_xticks(range(2023, 2027))
    ax.set_title("% of Colombians approving of the president", loc="left")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{int(v)}"))
    ax.grid(axis="x", visible=False)
    _end_label(ax, x[-1], s.rows["value"].iloc[-1], f"{fmt.percent(s.rows['value'].iloc[-1])}", style.DARK)
    ax.set_xlim(x[0] - 0.2, x[-1] + 0.5)


APPROVAL = FigureSpec(
    "approval", ("petro_approval",), draw_approval, half=True,
    caption=lambda f: (f"Petro's approval {f['petro_approval.direction'].text} to {f['petro_approval.latest'].text} in "
                       f"{f['petro_approval.latest_period'].text}, the month of the White House meeting"),
    alt=lambda f: (f"Line chart of President Petro's approval in Invamer's national survey, from "
                   f"{f['petro_approval.peak'].text} in {f['petro_approval.peak_period'].text} to "
                   f"{f['petro_approval.latest'].text} in {f['petro_approval.latest_period'].text}."),
)

FIGURES = {spec.name: spec for spec in (TRADE, COCA, ENFORCEMENT, AID, MIGRATION, POVERTY, VENEZUELA, APPROVAL)}


def render(spec: FigureSpec, data: BriefData, target: Path) -> None:
    """Draw one figure and write it atomically (a failed draw leaves the old SVG)."""
    style.apply()
    fig = plt.figure(figsize=spec.size_in, layout="constrained")
    spec.draw(data, fig)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".svg.tmp")
    fig.savefig(tmp, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    tmp.replace(target)
