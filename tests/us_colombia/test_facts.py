"""The US–Colombia brief's numbers against values checked by hand in data/us-colombia/*.csv,
and its words following edited copies of the data (computed directly, not rebuilt)."""
import pytest

from briefkit import validation

from .conftest import fact_book, words


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


def test_coca_record_approximate_and_changes(book):
    # narcotics.csv 2024: 261,000 ha, status 'approximate' (first reported, rounded, from the leak);
    # above every earlier year (2023: 253,000; 2001: 144,807), so the highest since 2001.
    coca = book["coca_area_unodc.latest"]
    assert (coca.text, coca.value, coca.period) == ("261,000 hectares", 261000.0, "2024")
    assert book["coca_area_unodc.latest_status"].text == "approximate"
    assert book["coca_area_unodc.leaked_periods"].text == "none"          # no longer 'leaked'
    assert book["cocaine_production_unodc.leaked_periods"].text == "2024"  # 3,001 t is still the leaked figure
    assert book["coca_area_unodc.record"].text == "the highest since the series began in 2001"
    # Petro took office on 7 August 2022 (timeline.csv, tag petro_inauguration)
    assert book["petro.first_year"].text == "2022"
    assert book["coca.change_since_inauguration"].text == "up 13%"        # 230,000 -> 261,000 (+13.5%)
    assert book["coca.change_since_inauguration"].period == "2022–2024"
    assert book["cocaine.change_since_inauguration"].text == "up 73%"     # 1,738 t -> 3,001 t (+72.7%)
    assert book["cocaine_production_unodc.latest"].text == "3,001 metric tons"
    assert book["coca_area_unodc.low"].text == "48,000 hectares"
    assert book["coca_area_unodc.low_periods"].text == "2012–2013"
    # 130,000 ha (2020) -> 9,403 ha (2024): -92.8%
    assert book["eradication_forced_manual.change_from_peak"].text == "down 93%"
    assert book["eradication_forced_manual.change_from_peak"].period == "2020–2024"


def test_seizures_full_year_and_running_total(book):
    # narcotics.csv: 2024 861.766 t final (Defence Ministry full year) -> '862 metric tons', above
    # 2023's 746.3 t and every earlier year (from 2004: 149.297 t); 2025 820 t 'partial' (to ~10 November).
    seized = book["cocaine_seizures.latest"]
    assert (seized.text, seized.value, seized.period) == ("862 metric tons", 861.766, "2024")
    assert book["cocaine_seizures.record"].text == "the highest since the series began in 2004"
    assert book["cocaine_seizures.change_1y"].text == "up 15%"            # 746.3 -> 861.766 (+15.5%)
    assert (book["cocaine_seizures.partial"].text, book["cocaine_seizures.partial"].value) == ("820 metric tons", 820.0)
    assert book["cocaine_seizures.partial_period"].text == "2025"
    assert book["cocaine_seizures.partials_described"].text == (
        "820 metric tons in 2025 (the source says more than 820 t, to about 10 November 2025)")


def test_aid_latest_full_year_against_the_fy2011_peak(book):
    # assistance.csv: FY2024 722.1 (final); FY2025 247.7 (partial, reporting incomplete); the series
    # now starts in FY2001; its peak is FY2011's 767.9, and 722.1 / 767.9 = 0.940: 6% below.
    aid = book["aid_disbursements.latest"]
    assert (aid.text, aid.value, aid.period) == ("$722 million", 722.1, "FY2024")
    assert book["aid_disbursements.latest_period"].text == "FY2024"
    assert book["aid_disbursements.first_period"].text == "FY2001"
    assert (book["aid_disbursements.peak"].text, book["aid_disbursements.peak"].period) == ("$768 million", "FY2011")
    assert book["aid_disbursements.against_peak"].text == "6% below the FY2011 peak of $768 million"
    assert 1 - 722.1 / 767.9 == pytest.approx(0.06, abs=0.005)
    assert book["aid_disbursements.change_1y"].text == "up 2%"            # 708.6 -> 722.1 (+1.9%)
    assert (book["aid_disbursements.partial"].text, book["aid_disbursements.partial"].value) == ("$248 million", 247.7)


def test_sources_are_graded_by_the_producer_of_the_statistic(book):
    # sources.csv: ForeignAssistance.gov and Census files read through GitHub copies are now graded
    # official (the producer), so the values they carry have no weak mark; Prensa Latina stays weak.
    for key in ("aid_disbursements.latest", "trade.balance.latest", "us_goods_exports.latest_short"):
        assert not book[key].weak, key
    assert not book["coca_area_unodc.latest"].weak                        # Caracol Radio: established
    assert book["poverty.rural_urban_ratio"].weak and book["poverty.urban"].weak   # Prensa Latina: weak
    # 152 sources: 25 official, 99 established, 28 weak
    assert [book[k].value for k in ("edition.source_count", "grades.official", "grades.established", "grades.weak")] \
        == [152, 25, 99, 28]


def test_missing_comparisons_are_said_not_guessed(book):
    # seizures: no 2014 row, so no 10-year change to 2024 (aid now has FY2014: 451.1 -> 722.1, up 60%)
    assert book["cocaine_seizures.change_10y"].text == "no comparable figure for 2014"
    assert book["aid_disbursements.change_10y"].text == "up 60%"
    # cocaine production has no 2003 or 2006 row; rural poverty now has every year 2018-2024 (2021 added)
    assert book["cocaine_production_unodc.missing_periods"].text == "2003 and 2006"
    assert book["mpi_poverty_rural.missing_periods"].text == "none"


def test_rural_urban_poverty_ratio(book):
    # rural.csv 2024: rural 24.3%, urban 7.8% -> 3.12
    ratio = book["poverty.rural_urban_ratio"]
    assert ratio.value == pytest.approx(24.3 / 7.8)
    assert (ratio.text, ratio.period) == ("about 3 times", "2024")
    assert ratio.weak                                                     # Prensa Latina is graded weak
    assert book["poverty.urban"].text == "7.8%"
    assert book["mpi_poverty_rural.since_peak"].text == "fell from a peak of 38.6% in 2018 to 24.3% in 2024"


def test_poverty_2021_by_area(book, edited):
    # rural.csv 2021 (DANE, new rows): rural 31.1% (Valora Analitik), urban 11.5% (Portafolio): ratio 2.70
    assert (book["mpi_poverty_rural.value_2021"].text, book["mpi_poverty_urban.value_2021"].text) == ("31.1%", "11.5%")
    assert book["mpi_poverty_rural.value_2021"].sources == ("valoraanalitik-com-9a41e7",)
    assert not book["mpi_poverty_rural.value_2021"].weak                  # established, unlike 2023-2024
    # with 2022-2024 taken out, 2021 is the latest year both areas share: 31.1 / 11.5 = 2.70, "more than 2 times"
    rows = [r for r in edited.rows("rural.csv")
            if not (r["measure"].startswith("mpi_poverty_") and r["period"] in ("2022", "2023", "2024"))]
    edited.write("rural.csv", rows)
    ratio = edited.book()["poverty.rural_urban_ratio"]
    assert ratio.value == pytest.approx(31.1 / 11.5) and (ratio.text, ratio.period) == ("more than 2 times", "2021")


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
    assert book["edition.data_as_of"].text == "4 December 2026"           # the latest 'accessed' (sources.csv)
    assert book["edition.date"].text == "4 December 2026"                 # edition_date
    assert book["edition.date_iso"].text == "2026-12-04"


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


# --- sentences chosen by the data's state (op: choose in brief.yml) ---------------------------
COCA_2024 = {"measure": "coca_area_unodc", "period": "2024"}


def test_removals_as_published(book):
    # migration.csv: ICE FY2024 14,268 against FY2023 9,866; TRAC 2025 23,045 to 21 August > 2024's 21,056
    assert (book["ice_removals_to_colombia.latest"].text, book["ice_removals_to_colombia.latest_period"].text) == (
        "14,268", "FY2024")
    assert book["ice_removals_to_colombia.previous"].text == "9,866"
    assert 23045 > 21056 and book["trac_removals_to_colombia.latest_with_partial"].text.endswith(
        "already more than the 21,056 in all of 2024")


def test_chosen_sentences_as_published(book):
    # coca 2024 is 'approximate' (first case); seizures and aid have a later partial year (2025, FY2025);
    # trade 2026 is partial in both series (January-August: exports 14,621.7, imports 12,099.4); ICE's
    # latest year is FY2024.
    assert words(book["coca.survey_sentence"].text) == (
        "Coca covered about 261,000 hectares in 2024, as first reported, rounded, from the then unpublished "
        "survey; two independent weak sources that cannot be linked report that the government and UNODC "
        "published it in June 2026 with a slightly higher exact figure.")
    assert words(book["seizures.sentence"].text) == (
        "Colombian authorities counted 862 metric tons of cocaine seized in 2024, the highest since the series "
        "began in 2004 in this data; for 2025 only a running total, 820 metric tons, was found.")
    assert words(book["trade.partial_sentence"].text) == (
        "For January–August 2026, a partial year, exports were $14.6 billion and imports $12.1 billion.")
    assert words(book["aid.partial_sentence"].text) == (
        "Reporting for FY2025 was incomplete when the file was published ($248 million so far), so the effect "
        "of the 2025 aid cuts cannot yet be measured.")
    assert words(book["removals.ice_sentence"].text) == (
        "ICE removed 14,268 people to Colombia in FY2024, against 9,866 a year earlier; no ICE figure for a "
        "later year was found.")
    # the numbers in them are marked claims with their sources
    assert '[261,000 hectares]{.num data-claim="coca_area_unodc.latest" data-sources="caracol-com-co-4e6f10"' \
        in book["coca.survey_sentence"].text


def test_a_published_coca_survey_changes_its_sentences(edited):
    edited.edit("narcotics.csv", COCA_2024, "status", "final")
    new = edited.book()
    assert words(new["coca.survey_sentence"].text) == "Coca covered 261,000 hectares in 2024 by the published UNODC survey."
    assert words(new["coca.survey_headline"].text) == (
        "Coca covered 261,000 hectares in 2024 (the highest since the series began in 2001) by UNODC's published survey.")
    edited.edit("narcotics.csv", COCA_2024, "status", "leaked")
    assert words(edited.book()["coca.survey_sentence"].text) == (
        "Coca covered 261,000 hectares in 2024 by leaked UNODC figures; no official release was found.")


def test_a_complete_seizures_year_changes_its_sentence(edited):
    # 2025 final at 820 t: the latest year, below 2024's 861.766 t (95%), so 'just below' the peak, no running total
    edited.edit("narcotics.csv", {"measure": "cocaine_seizures", "period": "2025"}, "status", "final")
    new = edited.book()
    assert words(new["seizures.sentence"].text) == (
        "Colombian authorities counted 820 metric tons of cocaine seized in 2025, just below the 2024 peak of "
        "862 metric tons in this data.")
    assert new["cocaine_seizures.record"].text == "not a record"


def test_a_complete_aid_year_changes_its_sentences(edited):
    # FY2025 final at 247.7: the latest year, and below FY2001's 275.6, the lowest in the series
    edited.edit("assistance.csv", {"measure": "aid_disbursements", "period": "2025"}, "status", "final")
    new = edited.book()
    assert (new["aid_disbursements.latest"].text, new["aid_disbursements.latest_period"].text) == ("$248 million", "FY2025")
    assert new["aid_disbursements.against_peak"].text == "the lowest since the series began in FY2001"
    assert new["aid.partial_sentence"].text == "" and new["aid.partial_clause"].text == ""


def test_complete_trade_and_a_later_ice_year_change_their_sentences(edited):
    for measure in ("us_goods_exports", "us_goods_imports"):
        edited.edit("trade.csv", {"measure": measure, "period": "2026"}, "status", "final")
    edited.append("migration.csv", {"measure": "ice_removals_to_colombia", "period": "2025", "value": "17000",
                                    "status": "final", "note": "", "source_id": "cronista-com-dd3e7f"})
    new = edited.book()
    assert new["trade.partial_sentence"].text == ""
    assert words(new["removals.ice_sentence"].text) == "ICE removed 17,000 people to Colombia in FY2025, against 14,268 in FY2024."


def test_a_seizures_year_below_the_peak_is_not_called_a_record(edited):
    """While a later year is partial, the sentence places the latest full year against the peak."""
    edited.edit("narcotics.csv", {"measure": "cocaine_seizures", "period": "2024"}, "value", "700")   # < 746.3 (2023)
    text = words(edited.book()["seizures.sentence"].text)
    assert "not a record" not in text and "700 metric tons of cocaine seized in 2024, 6% below the 2023 peak" in text
