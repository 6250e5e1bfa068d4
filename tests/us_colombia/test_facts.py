"""The US–Colombia brief's numbers against values checked by hand in data/us-colombia/*.csv,
and its words following edited copies of the data (computed directly, not rebuilt)."""
import pytest

from briefkit import validation

from .conftest import fact_book


# --- the numbers as published ---------------------------------------------------------------
def test_trade_balance_and_surplus_run(book):
    # trade.csv 2025: exports 19,468.0 - imports 17,879.1 = +1,588.9 ($ millions); exports above
    # imports every year 2018-2025 (2022 and 2023 included), below them 2010-2013 and 2016-2017.
    balance = book["trade.balance.latest"]
    assert balance.value == pytest.approx(19468.0 - 17879.1)
    assert (balance.text, balance.period) == ("$1.6 billion surplus", "2025")
    assert book["trade.balance.run_since"].text == "2018"
    assert book["trade.balance.run"].text == "a surplus every year since 2018"
    assert book["trade.balance.deficit_years"].text == "2010–2013 and 2016–2017"
    assert book["trade.total.latest"].value == pytest.approx(19468.0 + 17879.1)
    assert book["trade.total.latest"].text == "$37.3 billion"
    # 2026 is partial (January-August) in both series: the shared full year is 2025
    assert (book["trade.period"].text, book["trade.exports"].text, book["trade.imports"].text) == (
        "2025", "$19.5 billion", "$17.9 billion")


def test_coca_record_leaked_and_changes(book):
    coca = book["coca_area_unodc.latest"]
    assert (coca.text, coca.value, coca.period) == ("261,000 hectares", 261000.0, "2024")
    assert book["coca_area_unodc.leaked_periods"].text == "2024"          # status 'leaked' in narcotics.csv
    assert book["coca_area_unodc.record"].text == "the highest since the series began in 2001"
    # Petro took office on 7 August 2022 (timeline.csv, tag petro_inauguration)
    assert book["petro.first_year"].text == "2022"
    assert book["coca.change_since_inauguration"].text == "up 13%"        # 230,000 -> 261,000 (+13.5%)
    assert book["coca.change_since_inauguration"].period == "2022–2024"
    assert book["cocaine.change_since_inauguration"].text == "up 73%"     # 1,738 t -> 3,001 t
    assert book["cocaine_production_unodc.latest"].text == "3,001 metric tons"
    assert book["coca_area_unodc.low"].text == "48,000 hectares"
    assert book["coca_area_unodc.low_periods"].text == "2012–2013"
    # 130,000 ha (2020) -> 9,403 ha (2024): -92.8%
    assert book["eradication_forced_manual.change_from_peak"].text == "down 93%"
    assert book["eradication_forced_manual.change_from_peak"].period == "2020–2024"


def test_partial_years_are_not_the_latest(book):
    # Seizures for 2024 run only to 26 December and 2025 has no stated cut-off; aid for FY2025 was incomplete.
    assert book["cocaine_seizures.latest_period"].text == "2023"
    assert book["cocaine_seizures.partial_period"].text == "2025"
    assert book["cocaine_seizures.partials_described"].text == (
        "849 metric tons in 2024 (through 26 December 2024) and 928 metric tons in 2025 (cut-off date not stated)")
    assert (book["aid_disbursements.latest"].text, book["aid_disbursements.latest"].value) == ("$722 million", 722.1)
    assert book["aid_disbursements.latest_period"].text == "FY2024"
    assert (book["aid_disbursements.partial"].text, book["aid_disbursements.partial"].value) == ("$248 million", 247.7)
    assert book["aid_disbursements.against_peak"].text == "just below the FY2021 peak of $755 million"


def test_aid_and_trade_read_through_mirrors_are_weak(book):
    # ForeignAssistance.gov and Census files read through GitHub copies: graded weak in sources.csv
    for key in ("aid_disbursements.latest", "trade.balance.latest", "us_goods_exports.latest_short"):
        assert book[key].weak, key
    assert not book["coca_area_unodc.latest"].weak                        # Caracol Radio: established


def test_missing_comparisons_are_said_not_guessed(book):
    assert book["aid_disbursements.change_10y"].text == "no comparable figure for 2014"
    assert book["mpi_poverty_rural.missing_periods"].text == "2021"


def test_rural_urban_poverty_ratio(book):
    # rural.csv 2024: rural 24.3%, urban 7.8% -> 3.12
    ratio = book["poverty.rural_urban_ratio"]
    assert ratio.value == pytest.approx(24.3 / 7.8)
    assert (ratio.text, ratio.period) == ("about 3 times", "2024")
    assert ratio.weak                                                     # Prensa Latina is graded weak
    assert book["poverty.urban"].text == "7.8%"
    assert book["mpi_poverty_rural.since_peak"].text == "fell from a peak of 38.6% in 2018 to 24.3% in 2024"


def test_every_value_names_its_rows_and_sources(book):
    keys = ["trade.balance.latest", "coca_area_unodc.latest", "poverty.rural_urban_ratio", "aid_disbursements.latest",
            "cocaine.change_since_inauguration", "venezuelans_in_colombia.against_peak"]
    for key in keys:
        fact = book[key]
        assert fact.rows and fact.sources, key
        assert set(fact.sources) <= set(book.data.sources.index), key
    assert [(r.table, dict(r.key)) for r in book["trade.balance.latest"].rows] == [
        ("trade", {"measure": "us_goods_exports", "period": "2025"}),
        ("trade", {"measure": "us_goods_imports", "period": "2025"})]
    assert [dict(r.key)["period"] for r in book["coca.change_since_inauguration"].rows] == ["2022", "2024"]


def test_dates_come_from_the_timeline_and_the_sources(book):
    assert book["date.meeting"].text == "3 February 2026"
    assert book["date.meeting"].rows[0].table == "timeline"
    assert book["edition.data_as_of"].text == "25 November 2026"          # the latest 'accessed'
    assert book["edition.date"].text == "26 November 2026"                # edition_date


def test_peaks_and_standings_as_published(book):
    assert book["venezuelans_in_colombia.against_peak"].text == "just below the December 2022 peak of 2,896,748"
    assert book["social_leaders_killed.against_peak"].text == "40% below the 2020 peak of 310"   # 187 vs 310
    # February 2026: 49.1%; the last reading at or above it was 50% in November 2022
    assert book["petro_approval.direction"].text == "rose"
    assert book["petro_approval.standing"].text == "the highest since November 2022"
    assert book["trade.exports_change_5y"].text == "up 63% over five years, measured from a dip in 2020"
    assert book["trac_removals_to_colombia.latest_with_partial"].text == (
        "23,045 in 2025 (year to date as reported on 21 August 2025), already more than the 21,056 in all of 2024")


# --- the words follow the data: edited copies -------------------------------------------------
def test_peak_words_follow_the_data(edited):
    latest = {"measure": "venezuelans_in_colombia", "period": "2024-02"}
    edited.edit("migration.csv", latest, "value", "3000000")         # a new maximum
    new = edited.book()
    assert new["venezuelans_in_colombia.against_peak"].text == "the highest since the series began in December 2018"
    assert new["venezuelans_in_colombia.level"].text == "at a record high"
    edited.edit("migration.csv", latest, "value", "1000")            # a new minimum
    new = edited.book()
    assert new["venezuelans_in_colombia.against_peak"].text == "the lowest since the series began in December 2018"
    assert new["venezuelans_in_colombia.level"].text == "at a record low"
    edited.edit("migration.csv", latest, "value", "1448374")         # half the peak: far below, not "just"
    assert edited.book()["venezuelans_in_colombia.against_peak"].text == "50% below the December 2022 peak of 2,896,748"


def test_since_peak_says_fell_only_when_it_fell(edited):
    edited.edit("rural.csv", {"measure": "mpi_poverty_rural", "period": "2024"}, "value", "40")
    new = edited.book()
    assert new["mpi_poverty_rural.since_peak"].text == "reached 40% in 2024, the highest since the series began in 2018"
    assert new["poverty.rural_urban_ratio"].text == "about 5 times"   # 40 / 7.8 = 5.1


def test_approval_direction_and_standing_follow_the_data(edited):
    latest = {"measure": "petro_approval", "period": "2026-02"}
    edited.edit("rural.csv", latest, "value", "10")
    new = edited.book()
    assert (new["petro_approval.direction"].text, new["petro_approval.standing"].text) == (
        "fell", "the lowest since the series began in November 2022")
    edited.edit("rural.csv", latest, "value", "36")     # below November 2025's 37.7, above March 2025's 35
    assert edited.book()["petro_approval.standing"].text == "the lowest since March 2025"


def test_since_petro_took_office_comes_from_the_timeline(edited):
    edited.edit("timeline.csv", {"tag": "petro_inauguration"}, "date", "2018-08-07")
    new = edited.book()
    assert new["petro.first_year"].text == "2018"
    assert new["coca.change_since_inauguration"].period == "2018–2024"
    assert new["coca.change_since_inauguration"].text == "up 54%"     # 169,000 -> 261,000


def test_trade_totals_use_the_latest_period_both_series_have(edited):
    # A later source date makes 2026 a complete year; only exports have it (imports stay partial).
    edited.append("sources.csv", {"id": "test-later-source", "publisher": "Test", "title": "Test",
                                  "url": "https://example.org/", "accessed": "2027-03-01", "grade": "official"})
    exports_2026 = {"measure": "us_goods_exports", "period": "2026"}
    for column, value in (("value", "25000"), ("status", "final"), ("note", ""), ("source_id", "test-later-source")):
        edited.edit("trade.csv", exports_2026, column, value)
    new = edited.book()
    assert new["us_goods_exports.latest_period"].text == "2026"
    assert (new["trade.period"].text, new["trade.total.latest"].text, new["trade.total.latest"].period,
            new["trade.exports"].text, new["trade.balance.latest"].text) == (
        "2025", "$37.3 billion", "2025", "$19.5 billion", "$1.6 billion surplus")


def test_a_reversed_balance_changes_the_words(edited):
    edited.edit("trade.csv", {"measure": "us_goods_imports", "period": "2025"}, "value", "20468.0")
    new = edited.book()
    assert new["trade.balance.latest"].text == "$1.0 billion deficit"
    assert new["trade.balance.run"].text == "a deficit in 2025"


def test_a_change_from_an_unusual_year_says_so(edited):
    # Exports 2019 14,762.2; 2020 11,932.4; 2021 16,765.7: 2020 is a dip, so the change from it names it.
    edited.edit("trade.csv", {"measure": "us_goods_exports", "period": "2020"}, "value", "15000")
    assert edited.book()["trade.exports_change_5y"].text == "up 30% over five years"   # 15,000 -> 19,468.0


def test_removals_show_a_later_partial_year_only_as_a_lower_bound(edited):
    edited.edit("migration.csv", {"measure": "trac_removals_to_colombia", "period": "2025"}, "value", "9000")
    assert edited.book()["trac_removals_to_colombia.latest_with_partial"].text == (
        "21,056 in 2024, and 9,000 in 2025 (year to date as reported on 21 August 2025)")


def test_a_surplus_run_stops_at_a_missing_year(edited):
    rows = [r for r in edited.rows("trade.csv") if (r["measure"], r["period"]) != ("us_goods_exports", "2020")]
    edited.write("trade.csv", rows)
    new = edited.book()
    assert new["trade.balance.run_since"].text == "2021"
    assert new["trade.balance.run"].text == "a surplus every year since 2021"


def test_opinion_quoted_as_one_survey_must_share_its_period(edited):
    edited.edit("rural.csv", {"measure": "colombians_blame_trump"}, "period", "2025-10")
    [problem] = validation.validate(edited.brief)
    assert "rural.csv" in str(problem) and "the brief quotes " in str(problem), problem
    assert "'colombians_blame_trump' 2025-10" in str(problem) and "update them together" in str(problem)


def test_the_copy_computes_what_the_project_does(edited, book):
    """The edited-copy helper itself: an unedited copy gives the project's facts."""
    assert edited.book()["trade.balance.latest"] == book["trade.balance.latest"]
    assert fact_book(edited.root)["coca_area_unodc.record"].text == book["coca_area_unodc.record"].text
