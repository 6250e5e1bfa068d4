"""Each chart kind draws from the fixture; flags get a legend entry only when drawn; missing years
get a note where they are; limits and ticks follow the data; the same data give the same bytes."""
import os
import shutil
import subprocess
import sys

import matplotlib
import pandas as pd
import pytest

from briefkit import builddeps, charts, datapackage, figures, paths, spec, style

from .helpers import TINY, replace_in, tiny_copy

SPEC = spec.load(TINY)
DATA = datapackage.load(TINY.data)


def drawn(figure: dict, data=DATA):
    style.apply()
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=figures.size_in(figure), layout="constrained")
    charts.draw(figures.chart_of(figure), data, fig)
    fig.draw_without_rendering()
    return fig


@pytest.fixture()
def draw():
    made = []

    def _draw(figure, data=DATA):
        made.append(drawn(figure, data))
        return made[-1]
    yield _draw
    import matplotlib.pyplot as plt

    for fig in made:
        plt.close(fig)


def legend_texts(ax) -> list[str]:
    legend = ax.get_legend()
    return [t.get_text() for t in legend.get_texts()] if legend else []


def test_the_fixture_has_every_chart_kind():
    assert {f["kind"] for f in SPEC.figures.values()} == {"lines", "bars", "grouped_bars", "panels"}


@pytest.mark.parametrize("name", list(SPEC.figures))
def test_each_kind_draws_the_same_bytes_twice(name):
    first = figures.svg_bytes(SPEC.figures[name], DATA)
    assert first.startswith(b"<?xml") and b"<svg" in first
    assert figures.svg_bytes(SPEC.figures[name], DATA) == first


def test_lines_break_at_a_gap_and_leave_partial_values_off(draw):
    fig = draw(SPEC.figures["flows"])
    alpha = fig.axes[0].lines[0]
    xs = list(alpha.get_xdata())
    assert 2025 not in xs                                   # the partial year is not on the line
    assert any(pd.isna(y) for y in alpha.get_ydata())       # broken at 2018
    assert legend_texts(fig.axes[0]) == ["leaked, not yet published"]
    assert {t.get_text() for t in fig.axes[0].texts} == {"Alpha", "Beta"}   # end labels, no legend for series


def test_bars_mark_leaked_partial_and_missing_years(draw):
    fig = draw(SPEC.figures["alpha-bars"])
    ax = fig.axes[0]
    assert legend_texts(ax) == ["leaked, not yet published", "year not complete"]
    notes = [t for t in ax.texts if t.get_text() == "no data"]
    assert [t.xy[0] for t in notes] == [2018]
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert [round(p.get_x() + p.get_width() / 2) for p in hatched] == [2025]


def test_grouped_bars_name_each_series_and_only_the_flags_drawn(draw):
    fig = draw(SPEC.figures["pair-bars"])
    assert legend_texts(fig.axes[0]) == ["Alpha", "Beta", "leaked, not yet published", "period not complete"]


def test_panels_draw_months_and_fiscal_years_side_by_side(draw):
    fig = draw(SPEC.figures["panels"])
    gamma, delta = fig.axes
    assert [t.get_text() for t in delta.get_xticklabels() if t.get_text()][-1] == "FY25"
    # one legend, in the first panel that shows a flag (a line leaves partial values off)
    assert legend_texts(gamma) == [] and legend_texts(delta) == ["period not complete"]


def test_no_legend_when_no_value_is_flagged(tmp_path, draw):
    brief = tiny_copy(tmp_path)
    path = brief.data / "yearly.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",leaked,", ",final,"), encoding="utf-8")
    fig = draw(SPEC.figures["flows"], datapackage.load(brief.data))
    assert fig.axes[0].get_legend() is None


def plotted_points(ax):
    for line in ax.lines:
        for x, y in line.get_xydata():
            if pd.notna(x) and pd.notna(y):
                yield float(x), float(y)
    for bar in ax.patches:
        yield bar.get_x(), bar.get_y()
        yield bar.get_x() + bar.get_width(), bar.get_y() + bar.get_height()


@pytest.mark.parametrize("factor", [10, 0.1])
@pytest.mark.parametrize("name", list(SPEC.figures))
def test_limits_and_ticks_follow_the_data(tmp_path, draw, name, factor):
    """Every series gets one more (complete) year with a new extreme: nothing is clipped and the new
    year has a tick label."""
    brief = tiny_copy(tmp_path)
    rows = []
    for measure in spec.figure_measures(SPEC.figures[name]):
        series = DATA.series(measure)
        last = series.iloc[-1]
        period = f"{int(last['period'][:4]) + 1}{last['period'][4:]}"
        rows.append((last["table"], f"{measure},{period},{series['value'].max() * factor:.1f},final,,stat-office\n"))
    for table, row in rows:
        with open(brief.data / f"{table}.csv", "a", encoding="utf-8") as out:
            out.write(row)
    fig = draw(SPEC.figures[name], datapackage.load(brief.data))
    for ax in fig.axes:
        (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
        for x, y in plotted_points(ax):
            assert x0 <= x <= x1 and y0 <= y <= y1, (name, x, y)
    labels = {t.get_text() for ax in fig.axes for t in ax.get_xticklabels()}
    assert labels & {"2026", "FY26"}, labels


def test_a_figure_is_written_only_when_its_bytes_change(tmp_path):
    figure, target = SPEC.figures["alpha-bars"], tmp_path / "alpha-bars.svg"
    assert figures.render(figure, DATA, target) is True
    before = target.stat().st_mtime_ns
    assert figures.render(figure, DATA, target) is False
    assert target.stat().st_mtime_ns == before
    target.write_bytes(b"stale")
    assert figures.render(figure, DATA, target) is True


@pytest.mark.parametrize("chart, message", [
    ({"kind": "bars", "series": [{"measure": "gamma"}]}, "bars stand for years"),
    ({"kind": "lines", "gap_note": "x", "series": [{"measure": "gamma"}]}, "this chart's periods are months"),
    ({"kind": "lines", "series": [{"measure": "gamma"}, {"measure": "alpha"}]}, "cannot mix period kinds"),
    ({"kind": "pie", "series": [{"measure": "alpha"}]}, "chart kind 'pie'"),
    ({"kind": "bars", "series": [{"measure": "alpha"}, {"measure": "beta"}]}, "draws one series"),
    ({"kind": "grouped_bars", "series": [{"measure": "alpha"}, {"measure": "beta"}]}, "needs a label"),
    ({"kind": "panels", "title": "x", "panels": [{"kind": "lines", "series": [{"measure": "alpha"}]}]},
     "takes only 'panels'"),
])
def test_a_chart_that_cannot_be_drawn_says_why(draw, chart, message):
    with pytest.raises(ValueError, match=message):
        draw(chart)


def test_reading_the_figures_module_does_not_load_pyplot():
    code = "import sys, briefkit.figures, briefkit.charts; assert 'matplotlib.pyplot' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONPATH": str(paths.ROOT / "src")})


def test_make_reads_the_same_figure_names_as_the_spec():
    """make's list of figures (builddeps reads the spec as plain YAML, without the engine) is the spec's."""
    assert list(builddeps.spec_of(TINY)["figures"]) == list(SPEC.figures) == ["flows", "alpha-bars", "pair-bars", "panels"]
