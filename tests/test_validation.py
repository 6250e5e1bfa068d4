"""Each kind of bad input is reported with its file, row and column."""
import ast
import csv
import shutil
from pathlib import Path

import pytest

from briefkit import facts, paths, validation


@pytest.fixture()
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(paths.DATA, target)
    return target


def edit_line(path, line_number, old, new):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line_number - 1], lines[line_number - 1]
    lines[line_number - 1] = lines[line_number - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


def problems(data_copy):
    return [str(p) for p in validation.validate(data_copy / "datapackage.yaml")]


def test_real_data_is_valid():
    assert validation.validate() == []


def test_wrong_type(data_copy):
    edit_line(data_copy / "narcotics.csv", 3, "102000", "about 100k")
    assert problems(data_copy) == [
        f"{data_copy / 'narcotics.csv'}, row 3, column 'value': 'about 100k' is not a valid number"]


def test_unknown_source(data_copy):
    edit_line(data_copy / "trade.csv", 2, ",elespectador-com-", ",no-such-source-")
    [problem] = problems(data_copy)
    assert "trade.csv, row 2, column 'source_id': unknown reference" in problem
    assert "no-such-source-" in problem


def test_unknown_measure(data_copy):
    edit_line(data_copy / "migration.csv", 2, "ice_removals_to_colombia", "ice_removalz")
    [problem] = problems(data_copy)
    assert "migration.csv, row 2, column 'measure': unknown reference" in problem


def test_duplicate_row(data_copy):
    path = data_copy / "assistance.csv"
    second = path.read_text(encoding="utf-8").splitlines()[1]
    with path.open("a", encoding="utf-8") as fh:
        fh.write(second + "\n")
    rows = len(path.read_text(encoding="utf-8").splitlines())
    assert problems(data_copy) == [f"{path}, row {rows}: duplicate row: same key as row 2; remove one of them"]


def test_impossible_values(data_copy):
    edit_line(data_copy / "narcotics.csv", 2, "144807", "-144807")
    edit_line(data_copy / "rural.csv", 32, "49.1", "149.1")
    found = problems(data_copy)
    assert f"{data_copy / 'narcotics.csv'}, row 2, column 'value': '-144807' breaks the rule for this column: " \
           "it must be at least 0 and at most 1,000,000,000" in found
    assert any("rural.csv, row 32, column 'value': 149.1 is above the largest possible percent (100)" in p
               for p in found), found


def test_period_must_match_the_measure(data_copy):
    edit_line(data_copy / "rural.csv", 32, "petro_approval,2026-02", "petro_approval,2026")
    assert problems(data_copy) == [
        f"{data_copy / 'rural.csv'}, row 32, column 'period': 'petro_approval' is measured by month, "
        "so the period must look like YYYY-MM (month 01 to 12)"]


def test_malformed_csv(data_copy):
    edit_line(data_copy / "trade.csv", 4, "\n", ",surplus-cell\n")
    [problem] = problems(data_copy)
    assert problem.startswith(f"{data_copy / 'trade.csv'}, row 4")
    assert "extra cell ('surplus-cell')" in problem


@pytest.mark.parametrize("date, message", [
    ("2026-11-24", "2026-11-24 is before the data date 2026-11-25"),
    ("next week", "'next week' is not a date"),
])
def test_edition_date_is_a_date_on_or_after_the_data_date(data_copy, date, message):
    descriptor = data_copy / "datapackage.yaml"
    descriptor.write_text(descriptor.read_text(encoding="utf-8").replace('edition_date: "2026-11-26"',
                                                                          f'edition_date: "{date}"'), encoding="utf-8")
    found = problems(data_copy)
    assert len(found) == 1 and "column 'edition_date'" in found[0] and message in found[0], found


def test_every_measure_the_code_names_is_required():
    """NAMED_MEASURES lists each measure id facts.py or figures.py spells out (so `make check` can
    refuse a package without it, rather than the computation failing)."""
    declared = {row["id"] for row in csv.DictReader((paths.DATA / "measures.csv").open(encoding="utf-8"))}
    named = set()
    for module in ("facts.py", "figures.py"):
        tree = ast.parse((Path(facts.__file__).parent / module).read_text(encoding="utf-8"))
        named |= {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and node.value in declared}
    assert named == set(facts.NAMED_MEASURES)


def test_a_measure_the_brief_computes_from_cannot_be_removed(data_copy):
    for name in ("measures.csv", "migration.csv"):
        path = data_copy / name
        path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                                if "trac_removals_to_colombia" not in line), encoding="utf-8")
    assert problems(data_copy) == [f"{data_copy / 'measures.csv'}, column 'id': no measure 'trac_removals_to_colombia': "
                                   "the brief computes from it by name; restore its row and its observations"]


def test_an_event_whose_date_the_prose_prints_cannot_lose_its_tag(data_copy):
    edit_line(data_copy / "timeline.csv", 2, ",nato_partner,", ",,")
    assert problems(data_copy) == [f"{data_copy / 'timeline.csv'}, column 'tag': no event is tagged 'nato_partner', "
                                   "whose date reports/brief.qmd states: tag the event, or edit the sentence"]
