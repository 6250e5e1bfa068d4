"""The brief's figures: each drawn from the data package into figures/<name>.svg.

A `FigureSpec` knows which measures it shows, how to draw them, and how to describe
them in words (caption stating the finding, alt text with the latest value and trend,
source line), so the caption and alt text always match the plotted data. Nothing in the
drawing assumes today's values: limits come from matplotlib's autoscaling, year ticks
are counted back from the latest period, labels and notes are anchored to the data
they describe, and legends for leaked or incomplete values appear only when there are any.
"""
from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, Locator, MaxNLocator

from . import numbers as fmt
from . import style
from .datapackage import BriefData
from .facts import Facts, summarise

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class FigureSpec:
    name: str
    measures: tuple[str, ...]
    draw: Callable[[BriefData, Figure], None]
    caption: Callable[[Facts], str]
    alt: Callable[[Facts], str]
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
                f"listed in the brief's sources; accessed {accessed}.")


# --- axes -------------------------------------------------------------------
class YearLocator(Locator):
    """Whole years at a round step that fits the axis (MaxNLocator decides the step), counted
    back from the latest year so the newest period is always labelled."""

    def __init__(self, latest: int):
        self.latest = latest

    def __call__(self):
        vmin, vmax = self.axis.get_view_interval()
        return self.tick_values(vmin, vmax)

    def tick_values(self, vmin, vmax):
        first, last = math.ceil(vmin), math.floor(vmax)
        # get_tick_space allows 3 font sizes per label; a year ('2024', 'FY24') needs about 4.
        room = max(1, self.axis.get_tick_space() * 3 // 4) if self.axis else 6
        ticks = MaxNLocator(nbins=room, integer=True, steps=[1, 2, 5, 10]).tick_values(first, last)
        step = max(1, round(ticks[1] - ticks[0])) if len(ticks) > 1 else 1
        return list(range(self.latest, first - 1, -step))[::-1]


def _year_axis(ax: Axes, latest: int, fiscal: bool = False) -> None:
    """Year ticks ending on `latest`; fiscal years read 'FY24'."""
    label = (lambda v, _: f"FY{int(v) % 100:02d}") if fiscal else (lambda v, _: f"{int(v)}")
    ax.xaxis.set_major_locator(YearLocator(latest))
    ax.xaxis.set_major_formatter(FuncFormatter(label))
    ax.grid(axis="x", visible=False)


def _thousands() -> FuncFormatter:
    return FuncFormatter(lambda v, _: f"{v / 1000:,.0f}")


def _plain() -> FuncFormatter:
    return FuncFormatter(lambda v, _: f"{v:,.0f}")


def _from_zero(*axes: Axes) -> None:
    """Start the value axis at zero; the top stays matplotlib's autoscaled limit over all drawn data."""
    for ax in axes:
        ax.set_ylim(bottom=0)


# --- series -----------------------------------------------------------------
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


def _missing_years(*years: list[int]) -> list[list[int]]:
    """Runs of years with no value inside the span the series cover."""
    have = set().union(*map(set, years))
    missing = sorted(set(range(min(have), max(have) + 1)) - have)
    runs: list[list[int]] = []
    for year in missing:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return runs


def _mark_gaps(ax: Axes, runs: list[list[int]], text: str) -> None:
    """A short upright note at the foot of each gap, so a blank reads as 'no data', not zero."""
    for run in runs:
        ax.annotate(text, ((run[0] + run[-1]) / 2, 0), xycoords=ax.get_xaxis_transform(),
                    xytext=(0, 3), textcoords="offset points", rotation=90, ha="center", va="bottom",
                    fontsize=style.NOTE_SIZE, color=style.INK)


def _end_labels(ax: Axes, ends: list[tuple[float, float, str, str]]) -> None:
    """Direct labels just right of the ends of lines, instead of a legend. With two lines the higher
    one's label moves up and the lower one's down, so they part whichever way the values lie;
    constrained layout makes room for them beside the axes."""
    ranked = sorted(ends, key=lambda e: e[1], reverse=True)
    for i, (x, y, text, color) in enumerate(ranked):
        dy = 0 if len(ranked) == 1 else (6 if i == 0 else -6)
        ax.annotate(text, (x, y), xytext=(4, dy), textcoords="offset points", va="center",
                    color=color, fontsize=style.LABEL_SIZE, fontweight="semibold")


def _status_legend(ax: Axes, entries: list[tuple[bool, Patch]]) -> None:
    """Legend for flagged values (leaked, incomplete), drawn only for the flags the data have, where
    matplotlib finds the least overlap with the data."""
    handles = [patch for present, patch in entries if present]
    if handles:
        ax.legend(handles=handles, loc="best", fontsize=style.NOTE_SIZE, handlelength=1.2)


def _hatched(label: str, color: str = style.INK) -> Patch:
    return Patch(facecolor="white", edgecolor=color, hatch=style.HATCH, label=label)


def _leaked_years(data: BriefData, measure: str) -> set[int]:
    return set(data.series(measure).query("status == 'leaked'")["period"].astype(int))


# --- words decided by the data -------------------------------------------------
def _record(f: Facts, measure: str) -> str:
    """', the highest since the series began in 2001', or nothing when the latest value is no record."""
    text = f[f"{measure}.record"].text
    return "" if text == "not a record" else f", {text}"


def _course(f: Facts, measure: str) -> str:
    """'peaked at X in P and was Y in Q', or 'reached Y in Q, the highest ...' when the latest is the peak."""
    latest, peak = f[f"{measure}.latest"], f[f"{measure}.peak"]
    if peak.period == latest.period:
        return f"reached {latest.text} in {latest.period}{_record(f, measure)}"
    return f"peaked at {peak.text} in {peak.period} and was {latest.text} in {latest.period}{_record(f, measure)}"


def _partial(f: Facts, measure: str, template: str) -> str:
    """`template` filled with the incomplete period's value and period, or nothing if there is none."""
    if f"{measure}.partial" not in f:
        return ""
    return template.format(value=f[f"{measure}.partial"].text, period=f[f"{measure}.partial_period"].text)


# --- trade ----------------------------------------------------------------
def draw_trade(data: BriefData, fig: Figure) -> None:
    ax = fig.subplots()
    ends, latest = [], 0
    for measure, color, name, line in (("us_goods_exports", style.DARK, "US exports", "-"),
                                       ("us_goods_imports", style.LIGHT, "US imports", (0, (4, 1.5)))):
        x, y, _ = _series_xy(data, measure)
        ax.plot(*_gapped(x, y), color=color, linewidth=2, marker="o", markersize=2.5, linestyle=line)
        ends.append((x[-1], y[-1], name, color))
        latest = max(latest, x[-1])
    _end_labels(ax, ends)
    ax.set_ylabel("USD billions (nominal)")
    ax.yaxis.set_major_formatter(_thousands())
    _from_zero(ax)
    _year_axis(ax, latest)


def _trade_caption(f: Facts) -> str:
    balance, since = f["trade.balance.latest"], f["trade.balance.run_since"].text
    more, less = ("exports to", "imports") if balance.value > 0 else ("imports from", "exports")
    if since == balance.period:
        return f"US goods {more} Colombia exceeded {less} in {since}"
    return f"US goods {more} Colombia have exceeded {less} every year since {since}"


def _trade_alt(f: Facts) -> str:
    deficits = f["trade.balance.deficit_years"].text
    return (f"Line chart of annual US goods exports to and imports from Colombia, "
            f"{f['us_goods_exports.first_period'].text}–{f['us_goods_exports.latest_period'].text}. "
            f"In {f['us_goods_exports.latest_period'].text} exports were {f['us_goods_exports.latest'].text} "
            f"and imports {f['us_goods_imports.latest'].text}, a US {f['trade.balance.latest'].text}. "
            + ("Exports exceeded imports in every year shown." if deficits == "none"
               else f"Imports exceeded exports in {deficits}."))


TRADE = FigureSpec("trade", ("us_goods_exports", "us_goods_imports"), draw_trade, _trade_caption, _trade_alt)


# --- counter-narcotics --------------------------------------------------------
LEAKED = Patch(facecolor=style.MUTED, label="leaked, not yet published")


def draw_coca(data: BriefData, fig: Figure) -> None:
    left, right = fig.subplots(1, 2)
    x, y, _ = _series_xy(data, "coca_area_unodc")
    leaked = _leaked_years(data, "coca_area_unodc")
    left.bar(x, y, color=[style.MUTED if xi in leaked else style.DARK for xi in x], width=0.75)
    left.set_title("Coca cultivation, thousand hectares")
    left.yaxis.set_major_formatter(_thousands())
    x2, y2, _ = _series_xy(data, "cocaine_production_unodc")
    leaked2 = _leaked_years(data, "cocaine_production_unodc")
    right.plot(*_gapped(x2, y2), color=style.DARK, linewidth=2, marker="o", markersize=2.5)
    flagged = [(xi, yi) for xi, yi in zip(x2, y2) if xi in leaked2]
    if flagged:
        right.plot(*zip(*flagged), linestyle="none", marker="o", markersize=5, color=style.MUTED)
    right.set_title("Potential cocaine production, metric tons")
    right.yaxis.set_major_formatter(_plain())
    _from_zero(left, right)
    for ax, years in ((left, x), (right, x2)):
        _year_axis(ax, years[-1])
    _status_legend(left, [(bool(leaked or leaked2), LEAKED)])


def _coca_caption(f: Facts) -> str:
    coca, cocaine = "coca_area_unodc", "cocaine_production_unodc"
    highs = [f[f"{m}.record"].text.startswith("the highest") for m in (coca, cocaine)]
    same = f[f"{coca}.latest_period"].text == f[f"{cocaine}.latest_period"].text
    # A record that rests on a leaked, unpublished estimate says so where it is stated.
    leaked = " (leaked estimates)" if f["coca.leaked_period"].text == f[f"{coca}.latest_period"].text else ""
    if all(highs) and same:
        return f"Coca cultivation and potential cocaine output reached record highs in {f[f'{coca}.latest_period'].text}{leaked}"
    return (f"Coca cultivation was {f[f'{coca}.latest'].text} in {f[f'{coca}.latest_period'].text}{_record(f, coca)}{leaked}; "
            f"potential cocaine output {f[f'{cocaine}.latest'].text} in {f[f'{cocaine}.latest_period'].text}")


def _coca_alt(f: Facts) -> str:
    latest, low, period = f["coca_area_unodc.latest"], f["coca.low"], f["coca_area_unodc.latest_period"].text
    course = (f"at {latest.text} in {period}" if latest.value == low.value else
              f"falling to a low of {low.text} in {f['coca.low_years'].text} and rising to {latest.text} in {period}")
    leaked = f["coca.leaked_period"].text
    return (f"Two charts. Left: coca cultivation in Colombia by year since {f['coca_area_unodc.first_period'].text}, "
            f"{course}{_record(f, 'coca_area_unodc')}. Right: potential cocaine production, "
            f"{f['cocaine_production_unodc.latest'].text} in {f['cocaine_production_unodc.latest_period'].text}, "
            f"{f['cocaine.change_since_inauguration'].text} since {f['petro.first_year'].text}."
            + ("" if leaked == "none" else f" The {leaked} values were leaked, not officially published."))


COCA = FigureSpec("coca", ("coca_area_unodc", "cocaine_production_unodc"), draw_coca, _coca_caption, _coca_alt)


def draw_enforcement(data: BriefData, fig: Figure) -> None:
    left, right = fig.subplots(1, 2)
    x, y, _ = _series_xy(data, "eradication_forced_manual")
    left.bar(x, y, color=style.DARK, width=0.75)
    left.set_title("Forced manual eradication, thousand hectares")
    left.yaxis.set_major_formatter(_thousands())
    x2, y2, s2 = _series_xy(data, "cocaine_seizures")
    right.bar(x2, y2, color=style.LIGHT, width=0.75)
    partial = [int(p) for p in s2.partial["period"]]
    right.bar(partial, s2.partial["value"], color="white", edgecolor=style.LIGHT, hatch=style.HATCH, width=0.75)
    right.set_title("Cocaine seized in Colombia, metric tons")
    right.yaxis.set_major_formatter(_plain())
    _from_zero(left, right)
    _year_axis(left, x[-1])
    _year_axis(right, max(x2 + partial))
    _status_legend(right, [(bool(partial), _hatched("year not complete", style.LIGHT))])


def _enforcement_caption(f: Facts) -> str:
    peak, latest = f["eradication_forced_manual.peak"], f["eradication_forced_manual.latest"]
    if peak.period == latest.period:
        eradication = f"Forced eradication reached a record {latest.text} in {latest.period}"
    elif latest.value == peak.value:
        eradication = f"Forced eradication is level with its {peak.period} peak"
    else:
        fall = f["eradication.change_from_peak"].text.removeprefix("down ")
        eradication = f"Forced eradication has fallen {fall} from its {peak.period} peak"
    seized, before = f["cocaine_seizures.latest"], f["cocaine_seizures.previous"]
    partial = f.get("cocaine_seizures.partial")
    if partial is not None and partial.value > seized.value:  # a record year must not hide higher partial counts
        seizures = f"seizures kept rising into {partial.period} (partial counts)"
    elif f["cocaine_seizures.record"].text.startswith("the highest"):
        seizures = f"seizures reached a record in {seized.period}"
    else:
        seizures = f"seizures {'rose' if seized.value > before.value else 'fell'} in {seized.period}"
    return f"{eradication} while {seizures}"


def _enforcement_alt(f: Facts) -> str:
    return (f"Two bar charts. Left: hectares of coca eradicated by force, which {_course(f, 'eradication_forced_manual')}; "
            f"years without a published figure are blank. Right: cocaine seized, "
            f"{f['cocaine_seizures.latest'].text} in {f['cocaine_seizures.latest_period'].text}"
            f"{_record(f, 'cocaine_seizures')}"
            + (f" among complete years; then {f['cocaine_seizures.partials_described'].text}, years not complete (hatched)"
               if "cocaine_seizures.partials_described" in f else "") + ".")


ENFORCEMENT = FigureSpec("enforcement", ("eradication_forced_manual", "cocaine_seizures"), draw_enforcement,
                         _enforcement_caption, _enforcement_alt)


# --- assistance -------------------------------------------------------------
def draw_aid(data: BriefData, fig: Figure) -> None:
    ax = fig.subplots()
    width, latest, incomplete = 0.38, 0, False
    for offset, measure, color, name in ((-width / 2, "aid_disbursements", style.DARK, "Disbursed"),
                                         (width / 2, "aid_obligations", style.LIGHT, "Obligated")):
        x, y, s = _series_xy(data, measure)
        ax.bar([xi + offset for xi in x], y, width=width, color=color, label=name)
        partial = [int(p) for p in s.partial["period"]]
        ax.bar([p + offset for p in partial], s.partial["value"], width=width, color="white",
               edgecolor=color, hatch=style.HATCH)
        latest, incomplete = max([latest, *x, *partial]), incomplete or bool(partial)
    handles = ax.get_legend_handles_labels()[0] + ([_hatched("reporting incomplete")] if incomplete else [])
    ax.legend(handles=handles, loc="lower left", ncols=len(handles), fontsize=8, bbox_to_anchor=(0, 1.0))
    ax.set_ylabel("USD millions (current)")
    ax.yaxis.set_major_formatter(_plain())
    _from_zero(ax)
    _year_axis(ax, latest, fiscal=True)


AID = FigureSpec(
    "aid", ("aid_disbursements", "aid_obligations"), draw_aid,
    caption=lambda f: (f"US assistance disbursed to Colombia was {f['aid_disbursements.latest'].text} in "
                       f"{f['aid_disbursements.latest_period'].text}"
                       + _partial(f, "aid_disbursements", "; reporting for {period} is incomplete")),
    alt=lambda f: (f"Bar chart of US assistance to Colombia by fiscal year, all agencies. Disbursements were "
                   f"{f['aid_disbursements.latest'].text} in {f['aid_disbursements.latest_period'].text}"
                   + ("" if f["aid_disbursements.change_1y"].value is None
                      else f" ({f['aid_disbursements.change_1y'].text} on the year before)")
                   + f" and obligations {f['aid_obligations.latest'].text}."
                   + _partial(f, "aid_disbursements", " Figures reported so far for {period} ({value} disbursed) "
                                                      "are incomplete and drawn hatched.")),
)


# --- migration -------------------------------------------------------------
def draw_migration(data: BriefData, fig: Figure) -> None:
    left, right = fig.subplots(1, 2)
    s = summarise(data, "venezuelans_in_colombia")
    left.plot(_month_positions(s.rows["period"]), s.rows["value"] / 1e6, color=style.DARK, linewidth=2,
              marker="o", markersize=3)
    left.set_title("Venezuelans living in Colombia, millions")
    _year_axis(left, int(s.latest["period"][:4]))
    x2, y2, _ = _series_xy(data, "usbp_encounters_colombians")
    right.bar(x2, y2, color=style.LIGHT, width=0.7)
    right.set_title("Border Patrol encounters with Colombians, thousands")
    right.yaxis.set_major_formatter(_thousands())
    _from_zero(left, right)
    _year_axis(right, x2[-1], fiscal=True)


MIGRATION = FigureSpec(
    "migration", ("venezuelans_in_colombia", "usbp_encounters_colombians"), draw_migration,
    caption=lambda f: (f"Colombia counted {f['venezuelans_in_colombia.latest_millions'].text} Venezuelan residents in "
                       f"{f['venezuelans_in_colombia.latest_period'].text}; Border Patrol encounters with Colombians "
                       f"were highest in {f['usbp_encounters_colombians.peak_period'].text}"),
    alt=lambda f: (f"Left: line chart of Venezuelans living in Colombia by official count, which "
                   f"{_course(f, 'venezuelans_in_colombia')}. Right: bar chart of US Border Patrol encounters with "
                   f"Colombian nationals by fiscal year, which {_course(f, 'usbp_encounters_colombians')}."),
)


# --- rural development --------------------------------------------------------
def draw_poverty(data: BriefData, fig: Figure) -> None:
    ax = fig.subplots()
    ends, years = [], []
    for measure, color, name, line in (("mpi_poverty_rural", style.DARK, "Rural areas", "-"),
                                       ("mpi_poverty_urban", style.LIGHT, "Towns and cities", (0, (4, 1.5)))):
        x, y, _ = _series_xy(data, measure)
        ax.plot(*_gapped(x, y), color=color, linewidth=2, marker="o", markersize=3, linestyle=line)
        ends.append((x[-1], y[-1], name, color))
        years.append(x)
    _end_labels(ax, ends)
    _mark_gaps(ax, _missing_years(*years), "no split by area")
    ax.set_ylabel("% of people in poverty")
    _from_zero(ax)
    _year_axis(ax, max(map(max, years)))


POVERTY = FigureSpec(
    "poverty", ("mpi_poverty_rural", "mpi_poverty_urban"), draw_poverty, half=True,
    caption=lambda f: f"Rural poverty remains {f['poverty.rural_urban_ratio'].text} the urban rate",
    alt=lambda f: (f"Line chart of multidimensional poverty in Colombia, {f['mpi_poverty_rural.first_period'].text}–"
                   f"{f['mpi_poverty_rural.latest_period'].text}. Rural poverty {_course(f, 'mpi_poverty_rural')}; "
                   f"urban poverty {_course(f, 'mpi_poverty_urban')}."
                   + ("" if f["poverty.missing_years"].text == "none"
                      else f" No split by area was found for {f['poverty.missing_years'].text}.")),
)


def draw_venezuela_trade(data: BriefData, fig: Figure) -> None:
    ax = fig.subplots()
    x, y, _ = _series_xy(data, "colombia_venezuela_trade")
    ax.bar(x, y, color=style.DARK, width=0.7)
    _mark_gaps(ax, _missing_years(x), "no published total")
    ax.set_ylabel("USD millions")
    ax.yaxis.set_major_formatter(_plain())
    _from_zero(ax)
    _year_axis(ax, x[-1])


def _venezuela_caption(f: Facts) -> str:
    period = f["colombia_venezuela_trade.latest_period"].text
    if f["venezuela_trade.low_period"].text == period:
        return (f"Colombia–Venezuela trade fell to {f['colombia_venezuela_trade.latest'].text} in {period}"
                f"{_record(f, 'colombia_venezuela_trade')}")
    return (f"Colombia–Venezuela trade in {period} was {f['venezuela_trade.times_low'].text} its "
            f"{f['venezuela_trade.low_period'].text} low")


def _venezuela_alt(f: Facts) -> str:
    period, latest = f["colombia_venezuela_trade.latest_period"].text, f["colombia_venezuela_trade.latest"].text
    low_period = f["venezuela_trade.low_period"].text
    low = "" if low_period == period else f"It fell to {f['venezuela_trade.low'].text} in {low_period}; "
    return (f"Bar chart of goods trade between Colombia and Venezuela. {low}{'it' if low else 'It'} was {latest} "
            f"in {period}{_record(f, 'colombia_venezuela_trade')}; years without a published total are blank.")


VENEZUELA = FigureSpec("venezuela-trade", ("colombia_venezuela_trade",), draw_venezuela_trade,
                       _venezuela_caption, _venezuela_alt, half=True)


def draw_approval(data: BriefData, fig: Figure) -> None:
    ax = fig.subplots()
    s = summarise(data, "petro_approval")
    x, y = _month_positions(s.rows["period"]), s.rows["value"].tolist()
    ax.plot(x, y, color=style.DARK, linewidth=2, marker="o", markersize=3)
    ax.set_title("% of Colombians approving of the president", loc="left")
    _end_labels(ax, [(x[-1], y[-1], fmt.percent(y[-1]), style.DARK)])
    _from_zero(ax)
    _year_axis(ax, int(s.latest["period"][:4]))


def _approval_caption(f: Facts) -> str:
    period = f["petro_approval.latest_period"].text
    meeting = f["date.meeting"].value
    at_meeting = fmt.period_label(meeting[:7], "month") == period
    return (f"Petro's approval {f['petro_approval.direction'].text} to {f['petro_approval.latest'].text} in {period}"
            + (", the month of the White House meeting" if at_meeting else ""))


APPROVAL = FigureSpec(
    "approval", ("petro_approval",), draw_approval, _approval_caption, half=True,
    alt=lambda f: (f"Line chart of President Petro's approval in Invamer's national survey, which "
                   f"{_course(f, 'petro_approval')}."),
)

FIGURES = {spec.name: spec for spec in (TRADE, COCA, ENFORCEMENT, AID, MIGRATION, POVERTY, VENEZUELA, APPROVAL)}


def draw(spec: FigureSpec, data: BriefData) -> Figure:
    """The figure as a matplotlib Figure (the caller closes it)."""
    style.apply()
    import matplotlib.pyplot as plt  # here, not at the top: reading FIGURES should not load pyplot

    fig = plt.figure(figsize=spec.size_in, layout="constrained")
    spec.draw(data, fig)
    return fig


def svg_bytes(spec: FigureSpec, data: BriefData) -> bytes:
    import matplotlib.pyplot as plt

    fig = draw(spec, data)
    try:
        out = io.BytesIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        return out.getvalue()
    finally:
        plt.close(fig)


def render(spec: FigureSpec, data: BriefData, target: Path) -> bool:
    """Draw one figure; write it (atomically) only if its bytes changed, so an unchanged figure keeps
    its timestamp and make does not rebuild what depends on it. True if the file was written."""
    svg = svg_bytes(spec, data)
    if target.exists() and target.read_bytes() == svg:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".svg.tmp")
    tmp.write_bytes(svg)
    tmp.replace(target)
    return True
