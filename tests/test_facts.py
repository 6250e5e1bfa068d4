"""Computed values against figures checked by hand in data/ (and ../shared/sources)."""


def test_trade_balance_and_surplus_run(computed):
    # 2025: exports 19,468.0 - imports 17,879.1 = +1,588.9 ($M); surpluses every year 2018-2025.
    assert computed["trade.balance.latest"].value == 19468.0 - 17879.1
    assert computed["trade.balance.latest"].text == "$1.6 billion surplus"
    assert computed["trade.balance.run_since"].text == "2018"
    assert computed["trade.balance.deficit_years"].text == "2010–2013 and 2016–2017"
    assert computed["trade.total.latest"].text == "$37.3 billion"


def test_coca_record_and_changes(computed):
    assert computed["coca_area_unodc.latest"].text == "261,000 hectares"
    assert computed["coca_area_unodc.latest_period"].text == "2024"
    assert computed["coca_area_unodc.record"].text == "the highest since the series began in 2001"
    # Petro took office on 7 August 2022 (the timeline's 'petro_inauguration' event).
    assert computed["petro.first_year"].text == "2022"
    assert computed["coca.change_since_inauguration"].text == "up 13%"     # 230,000 -> 261,000
    assert computed["coca.change_since_inauguration"].period == "2022–2024"
    assert computed["cocaine.change_since_inauguration"].text == "up 73%"  # 1,738 t -> 3,001 t
    assert computed["coca.low"].text == "48,000 hectares"
    assert computed["coca.low_years"].text == "2012–2013"
    assert computed["eradication.change_from_peak"].text == "down 93%"  # 130,000 ha (2020) -> 9,403 ha


def test_partial_years_are_not_the_latest(computed):
    # Seizures for 2024 run only to 26 December and 2025 has no stated cut-off; aid for FY2025 was incomplete.
    assert computed["cocaine_seizures.latest_period"].text == "2023"
    assert computed["cocaine_seizures.partial_period"].text == "2025"
    assert computed["cocaine_seizures.partials_described"].text == (
        "849 metric tons in 2024 (through 26 December 2024) and 928 metric tons in 2025 (cut-off date not stated)")
    assert computed["aid_disbursements.latest"].text == "$722 million"
    assert computed["aid_disbursements.latest_period"].text == "FY2024"
    assert computed["aid_disbursements.partial"].text == "$248 million"


def test_missing_comparisons_are_said_not_guessed(computed):
    assert computed["aid_disbursements.change_10y"].text == "no comparable figure for 2014"
    assert computed["poverty.missing_years"].text == "2021"


def test_rural_urban_gap(computed):
    assert computed["poverty.rural_urban_ratio"].value == 24.3 / 7.8
    assert computed["poverty.rural_urban_ratio"].text == "about 3 times"


def test_every_fact_with_a_value_names_its_sources(computed, data):
    for fact in computed.values():
        if isinstance(fact.value, float) and fact.unit:
            assert fact.sources, fact.key
            assert set(fact.sources) <= set(data.sources.index), fact.key


def test_dates_come_from_the_timeline(computed):
    assert computed["date.meeting"].text == "3 February 2026"
    assert computed["edition.data_as_of"].text == "25 November 2026"


def test_approval_standing_is_decided_by_the_data(computed):
    # Feb 2026: 49.1%; the last reading at or above it was 50% in November 2022.
    assert computed["petro_approval.direction"].text == "rose"
    assert computed["petro_approval.standing"].text == "the highest since November 2022"


# --- the words follow the data: perturbed copies of data/ -----------------------------------------
import csv  # noqa: E402
import shutil  # noqa: E402

import pytest  # noqa: E402

from briefkit import datapackage, facts, paths, validation  # noqa: E402

from .conftest import publish_on  # noqa: E402


@pytest.fixture()
def edited(tmp_path):
    """A copy of data/; `edit(file, key_column_values, column, value)` changes one cell, `append` adds
    a row, and `facts()` validates the copy and computes its facts."""
    folder = tmp_path / "data"
    shutil.copytree(paths.DATA, folder)

    class Copy:
        path = folder

        def rows(self, file):
            return list(csv.DictReader((folder / file).open(encoding="utf-8", newline="")))

        def write(self, file, rows):
            with (folder / file).open("w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows)

        def edit(self, file, match: dict, column, value):
            rows = self.rows(file)
            hits = [r for r in rows if all(r[k] == v for k, v in match.items())]
            assert hits, match
            for row in hits:
                row[column] = value
            self.write(file, rows)

        def append(self, file, row: dict):
            self.write(file, self.rows(file) + [row])

        def facts(self):
            publish_on(folder, max(r["accessed"] for r in self.rows("sources.csv")))
            assert validation.validate(folder / "datapackage.yaml") == []
            return facts.compute_facts(datapackage.BriefData(folder))

    return Copy()


def test_peak_words_follow_the_data(edited, computed):
    assert computed["venezuelans_in_colombia.against_peak"].text == "just below the December 2022 peak of 2,896,748"
    assert computed["aid_disbursements.against_peak"].text == "just below the FY2021 peak of $755 million"
    assert computed["social_leaders_killed.against_peak"].text == "40% below the 2020 peak of 310"
    latest = {"measure": "venezuelans_in_colombia", "period": "2024-02"}
    edited.edit("migration.csv", latest, "value", "3000000")         # a new maximum
    new = edited.facts()
    assert new["venezuelans_in_colombia.against_peak"].text == "the highest since the series began in December 2018"
    assert new["venezuelans_in_colombia.level"].text == "at a record high"
    edited.edit("migration.csv", latest, "value", "1000")            # a new minimum
    new = edited.facts()
    assert new["venezuelans_in_colombia.against_peak"].text == "the lowest since the series began in December 2018"
    assert new["venezuelans_in_colombia.level"].text == "at a record low"
    edited.edit("migration.csv", latest, "value", "1448374")         # half the peak: far below, not "just"
    assert edited.facts()["venezuelans_in_colombia.against_peak"].text == "50% below the December 2022 peak of 2,896,748"
    edited.edit("migration.csv", {"measure": "venezuelans_in_colombia"}, "value", "2000000")   # flat
    new = edited.facts()
    assert new["venezuelans_in_colombia.against_peak"].text == "level with the December 2018 peak"
    assert new["venezuelans_in_colombia.level"].text == "at its peak"


def test_since_peak_says_fell_only_when_it_fell(edited, computed):
    assert computed["mpi_poverty_rural.since_peak"].text == "fell from a peak of 38.6% in 2018 to 24.3% in 2024"
    edited.edit("rural.csv", {"measure": "mpi_poverty_rural", "period": "2024"}, "value", "40")
    assert edited.facts()["mpi_poverty_rural.since_peak"].text == (
        "reached 40% in 2024, the highest since the series began in 2018")


def test_approval_direction_and_standing_follow_the_data(edited):
    latest = {"measure": "petro_approval", "period": "2026-02"}
    edited.edit("rural.csv", latest, "value", "70")
    new = edited.facts()
    assert (new["petro_approval.direction"].text, new["petro_approval.standing"].text) == (
        "rose", "the highest since the series began in November 2022")
    edited.edit("rural.csv", latest, "value", "10")
    new = edited.facts()
    assert (new["petro_approval.direction"].text, new["petro_approval.movement"].text,
            new["petro_approval.standing"].text) == ("fell", "fell to 10%", "the lowest since the series began in November 2022")
    edited.edit("rural.csv", latest, "value", "36")     # below November 2025's 37.7, above March 2025's 35
    assert edited.facts()["petro_approval.standing"].text == "the lowest since March 2025"
    edited.edit("rural.csv", latest, "value", "37.7")   # as in November 2025
    new = edited.facts()
    assert (new["petro_approval.direction"].text, new["petro_approval.movement"].text,
            new["petro_approval.standing"].text) == ("held steady", "held at 37.7%", "level with November 2025")


def test_since_petro_took_office_comes_from_the_timeline(edited):
    edited.edit("timeline.csv", {"tag": "petro_inauguration"}, "date", "2018-08-07")
    new = edited.facts()
    assert new["petro.first_year"].text == "2018"
    assert new["coca.change_since_inauguration"].period == "2018–2024"


def test_trade_totals_use_the_latest_period_both_series_have(edited):
    # A later source date makes 2026 a complete year; only exports have it (imports stay partial).
    edited.append("sources.csv", {"id": "test-later-source", "publisher": "Test", "title": "Test",
                                  "url": "https://example.org/", "accessed": "2027-03-01",
                                  "grade": "official"})
    exports_2026 = {"measure": "us_goods_exports", "period": "2026"}
    for column, value in (("value", "25000"), ("status", "final"), ("note", ""), ("source_id", "test-later-source")):
        edited.edit("trade.csv", exports_2026, column, value)
    new = edited.facts()
    assert new["us_goods_exports.latest_period"].text == "2026"
    assert (new["trade.period"].text, new["trade.total.latest"].text, new["trade.total.latest"].period,
            new["trade.exports"].text, new["trade.balance.latest"].text) == (
        "2025", "$37.3 billion", "2025", "$19.5 billion", "$1.6 billion surplus")


def test_a_reversed_balance_changes_the_words(edited):
    edited.edit("trade.csv", {"measure": "us_goods_imports", "period": "2025"}, "value", "20468.0")
    new = edited.facts()
    assert new["trade.balance.latest"].text == "$1.0 billion deficit"
    assert new["trade.balance.run"].text == "a deficit in 2025"


def test_a_change_from_an_unusual_year_says_so(computed, edited):
    # Exports: 2019 14,762.2; 2020 11,932.4; 2021 16,765.7. 2020 is 24% below the mean of its neighbours
    # (15,764.0) and below both, so the five-year change 2020->2025 (11,932.4 -> 19,468.0, +63%) names it.
    assert computed["trade.exports_change_5y"].text == "up 63% over five years, measured from a dip in 2020"
    edited.edit("trade.csv", {"measure": "us_goods_exports", "period": "2020"}, "value", "15000")
    assert edited.facts()["trade.exports_change_5y"].text == "up 30% over five years"   # 15,000 -> 19,468.0


def test_removals_show_a_later_partial_year_only_as_a_lower_bound(computed, edited):
    # TRAC: 21,056 in 2024 (full year); 23,045 in 2025 to 21 August, already above it.
    assert computed["trac_removals_to_colombia.latest_with_partial"].text == (
        "23,045 in 2025 (year to date as reported on 21 August 2025), already more than the 21,056 in all of 2024")
    edited.edit("migration.csv", {"measure": "trac_removals_to_colombia", "period": "2025"}, "value", "9000")
    assert edited.facts()["trac_removals_to_colombia.latest_with_partial"].text == (
        "21,056 in 2024, and 9,000 in 2025 (year to date as reported on 21 August 2025)")


def test_opinion_quoted_as_one_survey_must_share_its_period(edited):
    edited.edit("rural.csv", {"measure": "colombians_blame_trump"}, "period", "2025-10")
    [problem] = validation.validate(edited.path / "datapackage.yaml")
    assert str(problem).startswith(f"{edited.path / 'rural.csv'}, column 'period': the brief quotes "), problem
    assert "'colombians_blame_trump' 2025-10" in str(problem) and "update them together" in str(problem)


def test_a_surplus_run_stops_at_a_missing_year(edited):
    # Without a 2020 export figure, the run of surpluses that began in 2018 cannot be said to continue.
    rows = [r for r in edited.rows("trade.csv") if (r["measure"], r["period"]) != ("us_goods_exports", "2020")]
    edited.write("trade.csv", rows)
    new = edited.facts()
    assert new["trade.balance.run_since"].text == "2021"
    assert new["trade.balance.run"].text == "a surplus every year since 2021"
