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
    # Seizures for 2024 run only to 26 December; aid for FY2025 was incomplete.
    assert computed["cocaine_seizures.latest_period"].text == "2023"
    assert computed["cocaine_seizures.partial_period"].text == "2024"
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
