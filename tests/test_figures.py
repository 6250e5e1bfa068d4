"""Figures follow the data: on a copy of data/ with a later period appended to every series a
figure shows (a new maximum, then a new minimum), nothing drawn is clipped, the new period has a
tick label, and the caption and alt text name the new latest value. Checked on the matplotlib
objects, not on pixels."""
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from matplotlib.text import Text

from briefkit import datapackage, facts, figures, paths, validation

from .conftest import publish_on


def later_period(period: str) -> str:
    """The same period a year on: '2024' -> '2025', '2026-02' -> '2027-02'."""
    return f"{int(period[:4]) + 1}{period[4:]}"


def tick_label(period: str, kind: str) -> str:
    """The x tick label the new period must get (a monthly series is labelled by year)."""
    return f"FY{period[2:4]}" if kind == "fiscal_year" else period[:4]


def position(period: str) -> float:
    return figures._month_positions([period])[0] if "-" in period else int(period)


def extend(tmp_path, spec: figures.FigureSpec, extreme: str) -> tuple[datapackage.BriefData, dict[str, str]]:
    """A copy of data/ where each of the figure's series gets one more period, a year after its last,
    with a value above its maximum (or below its minimum), sourced like its last row. The data date
    (latest `accessed`) moves past the new periods so the rows are legitimate."""
    root = tmp_path / "data"
    shutil.copytree(paths.DATA, root)
    data = datapackage.load(root)
    new_periods = {}
    for measure in spec.measures:
        rows = data.series(measure)
        last = rows.iloc[-1]
        period = later_period(last["period"])
        value = rows["value"].max() * 1.25 if extreme == "max" else rows["value"].min() * 0.5
        with open(root / f"{last['table']}.csv", "a", encoding="utf-8") as out:
            out.write(f"{measure},{period},{value:.1f},final,,{last['source_id']}\n")
        new_periods[measure] = period
    sources = pd.read_csv(root / "sources.csv", dtype=str, keep_default_na=False)
    sources["accessed"] = f"{max(int(p[:4]) for p in new_periods.values()) + 1}-12-31"
    sources.to_csv(root / "sources.csv", index=False)
    publish_on(root, sources["accessed"].max())
    assert validation.validate(root / "datapackage.yaml") == []
    return datapackage.load(root), new_periods


def plotted_points(ax):
    """Every (x, y) the axes draw: line vertices and the corners of bars."""
    for line in ax.lines:
        for x, y in line.get_xydata():
            if pd.notna(x) and pd.notna(y):
                yield float(x), float(y)
    for bar in ax.patches:
        x0, y0, w, h = bar.get_x(), bar.get_y(), bar.get_width(), bar.get_height()
        yield from ((x0, y0), (x0 + w, y0 + h))


def drawn_texts(fig):
    """Every piece of text the figure draws (tick labels only for ticks inside the view)."""
    off_view = set()
    for ax in fig.axes:
        for axis, (lo, hi) in ((ax.xaxis, sorted(ax.get_xlim())), (ax.yaxis, sorted(ax.get_ylim()))):
            off_view |= {id(t.label1) for t in axis.get_major_ticks() if not lo - 1e-9 <= t.get_loc() <= hi + 1e-9}
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and id(t) not in off_view]


def panels(fig, spec):
    """Each axes with the measures it shows: one panel per measure, or all measures on one axes."""
    if len(fig.axes) == len(spec.measures):
        return [(ax, (m,)) for ax, m in zip(fig.axes, spec.measures)]
    assert len(fig.axes) == 1
    return [(fig.axes[0], spec.measures)]


@pytest.mark.parametrize("extreme", ["max", "min"])
@pytest.mark.parametrize("name", list(figures.FIGURES))
def test_a_new_period_and_extreme_is_drawn_labelled_and_described(tmp_path, name, extreme):
    spec = figures.FIGURES[name]
    data, new_periods = extend(tmp_path, spec, extreme)
    fig = figures.draw(spec, data)
    try:
        fig.draw_without_rendering()   # runs the layout and the tick locators
        for ax, measures in panels(fig, spec):
            (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
            points = list(plotted_points(ax))
            for x, y in points:
                assert x0 <= x <= x1 and y0 <= y <= y1, f"{name}: ({x}, {y}) outside {ax.get_xlim()} x {ax.get_ylim()}"
            ticks = {label.get_text() for loc, label in zip(ax.get_xticks(), ax.get_xticklabels()) if x0 <= loc <= x1}
            for measure in measures:
                period = new_periods[measure]
                kind = data.measures.loc[measure, "period_kind"]
                assert tick_label(period, kind) in ticks, f"{name}: no tick for {period} among {sorted(ticks)}"
                assert max(x for x, _ in points) >= position(period) - 0.5, f"{name}: {period} not drawn"
        page = fig.bbox
        for text in drawn_texts(fig):
                box = text.get_window_extent()
                assert (box.x0 >= page.x0 - 1 and box.x1 <= page.x1 + 1 and box.y0 >= page.y0 - 1
                        and box.y1 <= page.y1 + 1), f"{name}: text {text.get_text()!r} runs off the figure"
    finally:
        fig.clf()

    computed = facts.compute_facts(data)
    words = spec.caption(computed) + " " + spec.alt(computed)
    for measure, period in new_periods.items():
        label = computed[f"{measure}.latest_period"].text
        assert label.endswith(period[:4]), f"{measure}: latest period {label}, expected {period}"
        assert label in words, f"{name}: {label!r} not in {words!r}"
        assert computed[f"{measure}.latest"].text in words, f"{name}: {computed[f'{measure}.latest'].text!r} not in {words!r}"


def test_a_record_high_is_called_one_and_a_new_low_is_not(tmp_path):
    high, _ = extend(tmp_path / "high", figures.COCA, "max")
    low, _ = extend(tmp_path / "low", figures.COCA, "min")
    assert figures.COCA.caption(facts.compute_facts(high)) == \
        "Coca cultivation and potential cocaine output reached record highs in 2025"
    caption = figures.COCA.caption(facts.compute_facts(low))
    assert "record high" not in caption
    assert caption.startswith("Coca cultivation was 24,000 hectares in 2025, the lowest since the series began in 2001")


def test_gaps_are_noted_where_they_are(data):
    # Colombia–Venezuela trade has no published total for 2009–2015, 2018–2019 and 2022; poverty no split for 2021.
    assert figures._missing_years([2016, 2017, 2020, 2021, 2023, 2024, 2025]) == [[2018, 2019], [2022]]
    fig = figures.draw(figures.VENEZUELA, data)
    notes = [t for t in fig.axes[0].texts if t.get_text() == "no published total"]
    assert sorted(t.xy[0] for t in notes) == [2012, 2018.5, 2022]
    fig.clf()


def test_legends_for_flagged_values_only_when_there_are_any(tmp_path, data):
    fig = figures.draw(figures.COCA, data)
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["leaked, not yet published"]
    fig.clf()
    root = tmp_path / "data"
    shutil.copytree(paths.DATA, root)
    narcotics = (root / "narcotics.csv").read_text(encoding="utf-8")
    (root / "narcotics.csv").write_text(narcotics.replace(",leaked,", ",final,"), encoding="utf-8")
    fig = figures.draw(figures.COCA, datapackage.load(root))
    assert all(ax.get_legend() is None for ax in fig.axes)
    fig.clf()


def test_same_data_same_bytes_and_unchanged_files_are_not_rewritten(tmp_path, data):
    for spec in figures.FIGURES.values():
        assert figures.svg_bytes(spec, data) == figures.svg_bytes(spec, data), spec.name
    target = tmp_path / "trade.svg"
    assert figures.render(figures.TRADE, data, target) is True
    before = target.stat().st_mtime_ns
    assert figures.render(figures.TRADE, data, target) is False
    assert target.stat().st_mtime_ns == before
    target.write_bytes(b"stale")
    assert figures.render(figures.TRADE, data, target) is True
    assert target.read_bytes() == figures.svg_bytes(figures.TRADE, data)


def test_reading_the_figure_registry_does_not_load_pyplot():
    code = "import sys, briefkit.figures; assert 'matplotlib.pyplot' not in sys.modules"
    env = {**os.environ, "PYTHONPATH": str(paths.ROOT / "src")}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def test_make_reads_the_same_figure_names_as_the_registry():
    from briefkit.builddeps import figure_names

    assert figure_names() == list(figures.FIGURES)
