"""Validation on copies of the fixture: each kind of bad input, bad spec and unmet need of an
operation is refused with the file, row (or line) and column it is in."""
import pytest

from briefkit.variables import FactError, compute

from briefkit import spec, validation
from briefkit.datapackage import BriefData

from .helpers import TINY, drop_lines, edit_line, replace_in, tiny_copy


@pytest.fixture()
def brief(tmp_path):
    return tiny_copy(tmp_path)


def problems(brief):
    return [str(p) for p in validation.validate(brief)]


def test_the_fixture_is_valid():
    assert validation.validate(TINY) == []


# --- tables -----------------------------------------------------------------------------
def test_a_word_in_a_number(brief):
    edit_line(brief.data / "yearly.csv", 3, "120", "about 120")
    assert problems(brief) == ["data/tiny/yearly.csv, row 3, column 'value': 'about 120' is not a valid number"]


def test_an_unknown_source(brief):
    edit_line(brief.data / "yearly.csv", 2, ",stat-office", ",no-such-source")
    [problem] = problems(brief)
    assert problem.startswith("data/tiny/yearly.csv, row 2, column 'source_id': unknown reference")
    assert "'no-such-source' is not an id in sources.csv" in problem


def test_an_unknown_measure(brief):
    edit_line(brief.data / "other.csv", 2, "gamma", "gamma_typo")
    [problem] = problems(brief)
    assert problem.startswith("data/tiny/other.csv, row 2, column 'measure': unknown reference")


def test_a_duplicate_row(brief):
    path = brief.data / "yearly.csv"
    path.write_text(path.read_text(encoding="utf-8") + "alpha,2015,100,final,,stat-office\n", encoding="utf-8")
    assert problems(brief) == ["data/tiny/yearly.csv, row 30: duplicate row: same key as row 2; remove one of them"]


def test_an_extra_cell(brief):
    edit_line(brief.data / "other.csv", 4, "\n", ",surplus-cell\n")
    [problem] = problems(brief)
    assert problem.startswith("data/tiny/other.csv, row 4") and "extra cell ('surplus-cell')" in problem


def test_impossible_values(brief):
    edit_line(brief.data / "yearly.csv", 2, ",100,", ",-100,")
    edit_line(brief.data / "other.csv", 2, ",40,", ",140,")
    found = problems(brief)
    assert ("data/tiny/yearly.csv, row 2, column 'value': '-100' breaks the rule for this column: "
            "it must be at least 0 and at most 1,000,000,000") in found
    assert any(p.startswith("data/tiny/other.csv, row 2, column 'value': 140 is above the largest possible "
                            "percent (100)") for p in found), found


@pytest.mark.parametrize("line, old, new, message", [
    (2, "gamma,2024-10", "gamma,2024", "'gamma' is measured by month, so the period must look like YYYY-MM"),
    (7, "delta,2020", "delta,2020-01", "'delta' is measured by fiscal year, so the period must look like YYYY"),
    (3, "gamma,2024-11", "gamma,2024-13", "breaks the rule for this column"),
    (11, "delta,2024,700,final", "delta,2025,700,final", "was not over on the data date (2025-06-01)"),
])
def test_a_bad_period(brief, line, old, new, message):
    edit_line(brief.data / "other.csv", line, old, new)
    found = problems(brief)
    assert any(p.startswith(f"data/tiny/other.csv, row {line}, column 'period': ") and message in p
               for p in found), found


def test_a_missing_file(brief):
    (brief.data / "other.csv").unlink()
    assert problems(brief) == ["data/tiny/other.csv: is declared in datapackage.yaml but missing: restore it "
                               "(git checkout -- data/tiny/other.csv) or remove it from the package"]


def test_a_table_with_a_header_only(brief):
    path = brief.data / "events.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert "data/tiny/events.csv: the table has a header but no rows" in " ".join(problems(brief))


def test_a_line_that_is_not_utf8(brief):
    path = brief.data / "events.csv"
    lines = path.read_bytes().splitlines(keepends=True)
    lines[2] = lines[2].replace(b",", b",\xe9", 1)   # 'é' in Latin-1
    path.write_bytes(b"".join(lines))
    assert problems(brief) == ["data/tiny/events.csv, row 3: is not UTF-8 text (byte 12 of the line): "
                               "save the file as UTF-8"]


def test_an_occurred_event_after_the_data_date(brief):
    edit_line(brief.data / "events.csv", 4, ",scheduled,", ",occurred,")
    [problem] = problems(brief)
    assert problem.startswith("data/tiny/events.csv, row 4, column 'date': an event dated 2025-09-01 is marked "
                              "'occurred', but the data date is 2025-06-01")


def test_a_url_that_is_not_http(brief):
    edit_line(brief.data / "sources.csv", 2, "https://example.org/tiny/stat-office", "javascript:alert(1)")
    [problem] = problems(brief)
    assert problem.startswith("data/tiny/sources.csv, row 2, column 'url': ")
    assert "not an http(s) URL: 'javascript:alert(1)'" in problem


@pytest.mark.parametrize("date, message", [("2025-05-31", "2025-05-31 is before the data date 2025-06-01"),
                                           ("next week", "'next week' is not a date")])
def test_the_edition_date_is_a_date_on_or_after_the_data_date(brief, date, message):
    replace_in(brief.datapackage, 'edition_date: "2025-06-30"', f'edition_date: "{date}"')
    [problem] = problems(brief)
    assert problem.startswith("data/tiny/datapackage.yaml, column 'edition_date': ") and message in problem


# --- what the operations need -----------------------------------------------------------------
def test_a_zero_divisor_is_refused(brief):
    replace_in(brief.spec, "eps.ratio: {op: ratio, of: [alpha, eps]}", "eps.ratio: {op: ratio, of: [alpha, zeta]}")
    assert problems(brief) == [
        "data/tiny/yearly.csv, row 22, column 'value': 'zeta' is 0; the brief divides by this series' values "
        "('N times ...'): check the source (a zero cannot be compared as a multiple)"]


def test_two_series_with_no_shared_period_are_refused(brief):
    replace_in(brief.spec, "pair.period: {op: shared_period, of: [alpha, beta]}",
               "pair.period: {op: shared_period, of: [eps, gamma]}")
    [problem] = problems(brief)
    assert problem.startswith("data/tiny/other.csv, column 'period': 'eps' and 'gamma' share no complete period")


def test_a_missing_value_in_the_event_year_is_refused(brief):
    drop_lines(brief.data / "yearly.csv", "alpha,2021,")
    [problem] = problems(brief)
    assert problem.startswith("data/tiny/yearly.csv, column 'period': 'alpha' has no complete value for 2021, "
                              "the year of the event tagged 'treaty' (events.csv, row 2)")


def test_series_quoted_as_one_set_must_end_together(brief):
    drop_lines(brief.data / "yearly.csv", "beta,2024,")
    found = problems(brief)
    assert any("their latest periods differ ('alpha' 2024, 'beta' 2023)" in p and p.startswith("data/tiny/yearly.csv")
               for p in found), found


def test_a_measure_with_only_partial_values_is_refused(brief):
    path = brief.data / "yearly.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",final,", ",partial,").replace(",leaked,", ",partial,"),
                    encoding="utf-8")
    found = problems(brief)
    assert any(p.startswith("data/tiny/measures.csv, row 2, column 'id': 'alpha' has no complete") for p in found), found


# --- the spec and the documents -----------------------------------------------------------------
SPEC = "reports/tiny/brief.yml"


@pytest.mark.parametrize("old, new, expected", [
    ("- {measure: beta, label: Beta}\n    ylabel", "- {measure: nosuch, label: Beta}\n    ylabel",
     "key 'figures.flows': no measure 'nosuch' in measures.csv"),
    ("measure: alpha, event: treaty}", "measure: alpha, event: nosuch}",
     "key 'facts.alpha.since_treaty.event': no event is tagged 'nosuch' in events.csv"),
    ("events: events", "events: nosuch", "key 'events': no table 'nosuch' in the data package"),
    ("measures: [alpha, beta, delta]", "measures: [alpha, nosuch, delta]",
     "key 'tables.values.measures': no measure 'nosuch' in measures.csv"),
    ("sources: {kind: sources}", "sources: {kind: sources}\n  watch: {kind: per_row, table: events, key: tag, "
     "column: nosuch, label: Watch, columns: [nosuch]}", "key 'tables.watch.columns': no column 'nosuch' in events.csv"),
    ("sources: {kind: sources}", "sources: {kind: sources}\n  items: {kind: glance, table: nosuch}",
     "key 'tables.items.table': no table 'nosuch' in the data package"),
    ("{op: shared_period, of: [alpha, beta]}", "{op: nope, of: [alpha, beta]}",
     "key 'facts.pair.period.op': unknown operation 'nope'"),
])
def test_a_spec_naming_what_the_data_lack_is_refused(brief, old, new, expected):
    replace_in(brief.spec, old, new)
    found = spec.problems(spec.load(brief), BriefData(brief.data))
    assert f"{SPEC}, {expected}" in [p.split(";")[0] if "unknown operation" in p else p for p in found], found
    assert any(SPEC in p and expected in p for p in problems(brief))


def test_a_document_asking_for_an_unknown_fact_is_refused_with_file_and_line(brief):
    document = brief.reports / "brief.qmd"
    lines = document.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines, start=1) if line.startswith("Alpha was"))
    lines.insert(at, "And {{< meta facts.alpha.lastest >}}.\n")
    document.write_text("".join(lines), encoding="utf-8")
    assert problems(brief) == []   # the data and spec are fine: the facts step names the document's line
    with pytest.raises(FactError) as refused:
        compute(spec.load(brief), BriefData(brief.data))
    assert str(refused.value).startswith(f"reports/tiny/brief.qmd:{at + 1}: no fact 'alpha.lastest': "
                                         f"'lastest' is not a series summary")


def test_an_unreadable_spec_is_refused(brief):
    brief.spec.write_text("facts: [unclosed\n", encoding="utf-8")
    [problem] = problems(brief)
    assert problem.startswith("reports/tiny/brief.yml")
