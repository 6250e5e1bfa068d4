"""Generic charts, drawn from a plain description: a figure's entry in a brief's spec file.

    kind: lines | bars | grouped_bars | panels
    series: [{measure: <id>, label: <text>, color: dark | light | accent}, ...]
    title, ylabel, scale (none | plain | thousands | millions), from_zero, marker_size,
    bar_width, gap_note, leaked_label, partial_label
    panels: [<chart>, ...]   (kind: panels only: a row of charts, each with its own kind)

Flagged values look the same in every kind: leaked values are muted (a muted bar, a larger
muted dot on a line) and partial values (a period not yet complete) are hatched bars; a line
leaves a partial value off, since a part-period total joined to full-period totals reads as
a fall. Missing years break a line and leave a blank among bars, with an optional upright
note. A legend names each flag only if the figure shows it. Nothing assumes the values:
limits come from autoscaling, and year ticks are counted back from the latest period.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, fields
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from matplotlib.patches import Patch
from matplotlib.ticker import Formatter, FuncFormatter, Locator, MaxNLocator

from . import style
from .datapackage import BriefData
from .series import summarise

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

SCALES = {"plain": 1, "thousands": 1e3, "millions": 1e6}   # "none": matplotlib's own tick labels
BAR_SPACE = 0.75   # of a year, shared by the bars of one period unless the spec sets bar_width


# --- the description ----------------------------------------------------------
@dataclass(frozen=True)
class Series:
    measure: str
    label: str | None = None   # the line's end label, or its name in a grouped-bar legend
    color: str | None = None   # a name in style.COLORS; by default the next of style.SERIES_LOOKS


@dataclass(frozen=True)
class Chart:
    kind: str
    series: tuple[Series, ...] = ()
    panels: tuple[Chart, ...] = ()
    title: str | None = None
    ylabel: str | None = None
    scale: str = "none"
    from_zero: bool = True
    marker_size: float = 3
    bar_width: float | None = None
    gap_note: str | None = None        # written upright in each run of missing years
    leaked_label: str = "leaked, not yet published"
    partial_label: str = "period not complete"

    @classmethod
    def parse(cls, spec: dict) -> Chart:
        """The chart a spec entry describes; a ValueError says what is wrong with it."""
        if not isinstance(spec, dict):
            raise ValueError(f"a chart is a mapping of options, not {spec!r}")
        options = [f.name for f in fields(cls)]
        unknown = sorted(set(spec) - set(options))
        if unknown:
            raise ValueError(f"chart option {unknown[0]!r} is not one of {options}")
        try:
            series = tuple(Series(**s) for s in spec.get("series", ()))
            panels = tuple(cls.parse(p) for p in spec.get("panels", ()))
            chart = cls(**{**spec, "series": series, "panels": panels})
        except TypeError as error:   # no kind; a series without a measure, or with an unknown option
            raise ValueError(f"chart {spec!r}: {error}") from None
        chart.check()
        return chart

    def check(self) -> None:
        if self.kind == "panels":
            given = [f.name for f in fields(self)
                     if f.name not in ("kind", "panels") and getattr(self, f.name) != f.default]
            if given:
                raise ValueError(f"a panels chart takes only 'panels': move {given[0]!r} into the panels")
            if not self.panels or any(p.kind == "panels" for p in self.panels):
                raise ValueError("a panels chart lists its charts (not panels) under 'panels'")
            return
        if self.kind not in KINDS:
            raise ValueError(f"chart kind {self.kind!r} is not one of {[*KINDS, 'panels']}")
        most = 1 if self.kind == "bars" else len(style.SERIES_LOOKS)
        if not 1 <= len(self.series) <= most:
            allowed = "one series" if most == 1 else f"1 to {most} series"
            raise ValueError(f"a {self.kind} chart draws {allowed}, not {len(self.series)}")
        if self.scale not in ("none", *SCALES):
            raise ValueError(f"scale {self.scale!r} is not one of {['none', *SCALES]}")
        for series in self.series:
            if series.color not in (None, *style.COLORS):
                raise ValueError(f"color {series.color!r} is not one of {list(style.COLORS)}")
            if self.kind == "grouped_bars" and not series.label:
                raise ValueError(f"{series.measure}: a series of grouped bars needs a label (its legend entry)")


# --- the data ------------------------------------------------------------------
@dataclass(frozen=True)
class Points:
    """Values of one series placed on a year axis, and which of them were leaked."""
    x: list[float]
    y: list[float]
    leaked: list[bool]
    period_kind: str   # year | fiscal_year | month


@dataclass(frozen=True)
class Values:
    """One series' values: complete periods (final, leaked, ...) and partial ones."""
    complete: Points
    partial: Points   # periods not yet complete


def _values(data: BriefData, measure: str) -> Values:
    s = summarise(data, measure)
    kind = data.measures.loc[measure, "period_kind"]

    def points(rows) -> Points:
        x = _month_positions(rows["period"]) if kind == "month" else [int(p) for p in rows["period"]]
        return Points(x, rows["value"].tolist(), (rows["status"] == "leaked").tolist(), kind)

    return Values(points(s.rows), points(s.partial))


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


# --- flags ---------------------------------------------------------------------
@dataclass(frozen=True)
class Flags:
    """The flagged values a chart drew, by their legend text (None: there were none)."""
    leaked: str | None = None
    partial: str | None = None
    partial_colors: frozenset[str] = frozenset()   # of the hatched bars

    def __or__(self, other: Flags) -> Flags:
        return Flags(self.leaked or other.leaked, self.partial or other.partial,
                     self.partial_colors | other.partial_colors)

    def __bool__(self) -> bool:
        return bool(self.leaked or self.partial)

    def handles(self) -> list[Patch]:
        handles = []
        if self.leaked:
            handles.append(Patch(facecolor=style.MUTED, label=self.leaked))
        if self.partial:
            # The hatch takes the colour of the hatched bars when they share one.
            color = next(iter(self.partial_colors)) if len(self.partial_colors) == 1 else style.INK
            handles.append(Patch(facecolor="white", edgecolor=color, hatch=style.HATCH, label=self.partial))
        return handles


def _flag_legend(axes: list[Axes], flags: list[Flags]) -> None:
    """One legend for every flag the figure shows, in the first panel that shows one (a second
    legend would repeat it), where matplotlib finds the least overlap with the data."""
    shown = [ax for ax, f in zip(axes, flags) if f]
    if shown:
        shown[0].legend(handles=reduce(or_, flags).handles(), loc="best", fontsize=style.NOTE_SIZE,
                        handlelength=1.2)


# --- axes ----------------------------------------------------------------------
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


class ScaledFormatter(Formatter):
    """Values divided by `divisor` ('150' for 150,000 in thousands), with thousands separators
    and as many decimals as the tick step needs (a step of 0.5 million reads 0.5, 1.0, ...)."""

    def __init__(self, divisor: float):
        self.divisor, self.decimals = divisor, 0

    def set_locs(self, locs) -> None:
        super().set_locs(locs)
        self.decimals = _decimals([abs(b - a) / self.divisor for a, b in zip(locs, locs[1:])])

    def __call__(self, value, pos=None) -> str:
        return f"{value / self.divisor:,.{self.decimals}f}"


def _decimals(steps: list[float]) -> int:
    """The fewest decimals (at most 6) that write each step exactly: 0.5 needs 1, 0.25 needs 2."""
    for decimals in range(6):
        if all(abs(step * 10**decimals - round(step * 10**decimals)) < 1e-6 for step in steps):
            return decimals
    return 6


def _year_axis(ax: Axes, latest: int, fiscal: bool = False) -> None:
    """Year ticks ending on `latest`; fiscal years read 'FY24'."""
    label = (lambda v, _: f"FY{int(v) % 100:02d}") if fiscal else (lambda v, _: f"{int(v)}")
    ax.xaxis.set_major_locator(YearLocator(latest))
    ax.xaxis.set_major_formatter(FuncFormatter(label))
    ax.grid(axis="x", visible=False)


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


def _finish(ax: Axes, chart: Chart, drawn: list[Points]) -> None:
    """What every kind does once its data are drawn: gap notes, titles, the value axis, the year axis."""
    kinds = {p.period_kind for p in drawn}
    if len(kinds) > 1:
        raise ValueError(f"one chart cannot mix period kinds {sorted(kinds)}")
    if chart.gap_note:
        if kinds == {"month"}:
            raise ValueError("gap_note marks missing years; this chart's periods are months")
        _mark_gaps(ax, _missing_years(*(p.x for p in drawn)), chart.gap_note)
    if chart.title:
        ax.set_title(chart.title)
    if chart.ylabel:
        ax.set_ylabel(chart.ylabel)
    if chart.scale != "none":
        ax.yaxis.set_major_formatter(ScaledFormatter(SCALES[chart.scale]))
    if chart.from_zero:
        ax.set_ylim(bottom=0)   # the top stays autoscaled over all the data drawn
    _year_axis(ax, int(max(x for p in drawn for x in p.x)), fiscal=kinds == {"fiscal_year"})


# --- the kinds -----------------------------------------------------------------
def _looks(chart: Chart):
    """Each series with its colour (the spec's, or the next in order) and line style."""
    for series, (color, linestyle) in zip(chart.series, style.SERIES_LOOKS):
        yield series, style.COLORS.get(series.color, color), linestyle


def _leaked_dots(ax: Axes, points: Points, chart: Chart) -> Flags:
    """Leaked values on a line: a larger muted dot over the line's own marker."""
    leaked = [(x, y) for x, y, flagged in zip(points.x, points.y, points.leaked) if flagged]
    if not leaked:
        return Flags()
    ax.plot(*zip(*leaked), linestyle="none", marker="o", markersize=2 * chart.marker_size, color=style.MUTED)
    return Flags(leaked=chart.leaked_label)


def draw_lines(ax: Axes, chart: Chart, data: BriefData) -> Flags:
    """Each series as a line with dots, broken at missing years, labelled at its end if it has a label."""
    flags, ends, drawn = Flags(), [], []
    for series, color, linestyle in _looks(chart):
        points = _values(data, series.measure).complete   # partial values stay off a line (see above)
        xy = (points.x, points.y) if points.period_kind == "month" else _gapped(points.x, points.y)
        ax.plot(*xy, color=color, linewidth=2, marker="o", markersize=chart.marker_size, linestyle=linestyle)
        flags |= _leaked_dots(ax, points, chart)
        if series.label:
            ends.append((points.x[-1], points.y[-1], series.label, color))
        drawn.append(points)
    if ends:
        _end_labels(ax, ends)
    _finish(ax, chart, drawn)
    return flags


def _bars(ax: Axes, values: Values, color: str, offset: float, width: float, chart: Chart) -> Flags:
    """Complete values as bars (leaked ones muted), partial ones hatched in the series' colour."""
    done, partial = values.complete, values.partial
    ax.bar([x + offset for x in done.x], done.y, width=width,
           color=[style.MUTED if flagged else color for flagged in done.leaked])
    if partial.x:
        ax.bar([x + offset for x in partial.x], partial.y, width=width, color="white", edgecolor=color,
               hatch=style.HATCH)
    return Flags(leaked=chart.leaked_label if any(done.leaked) else None,
                 partial=chart.partial_label if partial.x else None,
                 partial_colors=frozenset([color] if partial.x else []))


def draw_bars(ax: Axes, chart: Chart, data: BriefData) -> Flags:
    """One series as bars."""
    return _bar_groups(ax, chart, data, width=chart.bar_width or BAR_SPACE)


def draw_grouped_bars(ax: Axes, chart: Chart, data: BriefData) -> Flags:
    """Series side by side in each period, named in a legend above the chart that also names the flags."""
    width = chart.bar_width or BAR_SPACE / len(chart.series)
    flags = _bar_groups(ax, chart, data, width)
    key = [Patch(facecolor=color, label=series.label) for series, color, _ in _looks(chart)] + flags.handles()
    ax.legend(handles=key, loc="lower left", ncols=len(key), fontsize=style.KEY_SIZE, bbox_to_anchor=(0, 1.0))
    return Flags()   # named in its own legend


def _bar_groups(ax: Axes, chart: Chart, data: BriefData, width: float) -> Flags:
    """Each series' bars, side by side around the period, `width` wide; then the axes finished."""
    flags, drawn, n = Flags(), [], len(chart.series)
    for i, (series, color, _) in enumerate(_looks(chart)):
        values = _values(data, series.measure)
        if values.complete.period_kind == "month":
            raise ValueError(f"{series.measure}: bars stand for years; draw a monthly series as lines")
        flags |= _bars(ax, values, color, (i - (n - 1) / 2) * width, width, chart)
        drawn += [values.complete, values.partial]
    _finish(ax, chart, drawn)
    return flags


KINDS = {"lines": draw_lines, "bars": draw_bars, "grouped_bars": draw_grouped_bars}


def draw(spec: dict, data: BriefData, fig: Figure) -> None:
    """Draw the chart `spec` describes (a row of panels, or one chart) on `fig`."""
    chart = Chart.parse(spec)
    row = chart.panels or (chart,)
    axes = list(fig.subplots(1, len(row), squeeze=False)[0])
    _flag_legend(axes, [KINDS[c.kind](ax, c, data) for ax, c in zip(axes, row)])
