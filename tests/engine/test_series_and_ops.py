"""Series summaries and the spec's operations, against values checked by hand on the synthetic
fixture (tests/fixtures/tiny/README.md gives the shape of its data)."""
import pytest

from briefkit.facts import RowRef, UnknownFact

from .helpers import book


@pytest.fixture()
def facts():
    return book()


SUMMARIES = {
    # alpha: 100, 120 (leaked), 150, -, 200, 180, 200, 250 (peak), 240, 230; 2025 partial 90
    "alpha.latest": "$230 million",
    "alpha.latest_period": "2024",
    "alpha.change_1y": "down 4%",
    "alpha.change_5y": "up 15%",
    "alpha.change_6y": "no comparable figure for 2018",     # the gap
    "alpha.peak": "$250 million",
    "alpha.peak_period": "2022",
    "alpha.low": "$100 million",
    "alpha.low_period": "2015",
    "alpha.record": "not a record",
    "alpha.against_peak": "8% below the 2022 peak of $250 million",
    "alpha.since_peak": "fell from a peak of $250 million in 2022 to $230 million in 2024",
    "alpha.level": "below its 2022 peak",
    "alpha.direction": "fell",
    "alpha.partial": "$90 million",
    "alpha.partial_period": "2025",
    "alpha.partials_described": "$90 million in 2025 (January–March 2025 only)",
    "alpha.latest_with_partial": "$230 million in 2024, and $90 million in 2025 (January–March 2025 only)",
    "alpha.missing_periods": "2018",
    "alpha.leaked_periods": "2016",
    "alpha.value_2016": "$120m",
    "beta.missing_periods": "none",
    # zeta: 0, 5, 10, 20, 25
    "zeta.latest": "25",
    "zeta.change_4y": "up from zero",
    "zeta.record": "the highest since the series began in 2020",
    "zeta.standing": "the highest since the series began in 2020",
    # gamma: monthly percent, October 2024 to February 2025
    "gamma.latest": "43.5%",
    "gamma.latest_period": "February 2025",
    "gamma.change_previous": "down 1.5 points",
    "gamma.change_1y": "no comparable figure for 2024",
    "gamma.value_2025_01": "45%",
    # delta: US fiscal years 2020-2024, FY2025 partial
    "delta.latest": "$700 million",
    "delta.latest_period": "FY2024",
    "delta.change_1y": "up 15%",
    "delta.partial_period": "FY2025",
    "delta.latest_with_partial": "$700 million in FY2024, and $300 million in FY2025 (October 2024–March 2025 only)",
}

OPS = {
    "pair.period": "2024",                       # shared_period
    "pair.alpha": "$230 million",                # at_shared
    "pair.total": "$430 million",                # sum: 230 + 200
    "pair.balance": "$30 million surplus",       # difference with words
    "pair.run_since": "2023",                    # 2022 was a deficit (250 < 260)
    "pair.deficit_years": "2017, 2019–2020 and 2022",   # periods_where negative (2018: alpha has none)
    "pair.latest_together": "2024",              # same_period
    "eps.ratio": "about 3 times",                # ratio: 230 / 75
    "eps.share": "32.6%",                        # share: 75 / 230
    "treaty.year": "2021",                       # event_year
    "alpha.since_treaty": "up 15%",              # change_since: 200 (2021) to 230
    "date.treaty": "15 March 2021",
}


@pytest.mark.parametrize("key, text", {**SUMMARIES, **OPS}.items())
def test_hand_checked_text(facts, key, text):
    assert facts[key].text == text


def test_values_units_and_periods(facts):
    assert (facts["alpha.latest"].value, facts["alpha.latest"].unit, facts["alpha.latest"].period) == \
        (230.0, "USD millions", "2024")
    assert facts["alpha.change_1y"].value == -10.0 and facts["alpha.change_1y"].period == "2023–2024"
    assert facts["eps.ratio"].value == pytest.approx(230 / 75)
    assert facts["eps.share"].value == pytest.approx(75 / 230 * 100) and facts["eps.share"].unit == "percent"
    assert facts["pair.balance"].value == 30.0
    assert facts["alpha.since_treaty"].period == "2021–2024"


def test_a_fact_names_its_rows_and_sources(facts):
    assert facts["alpha.latest"].rows == (RowRef("yearly", (("measure", "alpha"), ("period", "2024"))),)
    assert facts["alpha.latest"].sources == ("stat-office",)
    assert facts["pair.total"].sources == ("mirror-site", "stat-office")
    assert facts["date.treaty"].rows == (RowRef("events", (("date", "2021-03-15"),
                                                           ("event", "A synthetic treaty is signed (test event)."))),)


def test_only_values_resting_on_weak_sources_are_weak(facts):
    assert facts["beta.latest"].weak                      # every beta row is from the weak mirror
    assert not facts["pair.total"].weak                   # alpha's official source joins it
    assert not facts["alpha.latest"].weak
    assert not facts["beta.latest_period"].weak            # a period is not a value


@pytest.mark.parametrize("key, message", [
    ("alpha.nosuch", "'nosuch' is not a series summary"),
    ("alpha.value_2018", "'alpha' has no complete value for 2018"),
    ("beta.partial", "'beta' has no partial value"),
    ("nosuch.latest", "no fact 'nosuch.latest'"),
    ("date.nosuch", "no event is tagged 'nosuch'"),
])
def test_an_unknown_fact_says_why(facts, key, message):
    with pytest.raises(UnknownFact, match=message):
        facts[key]
    assert key not in facts


def test_runs_and_matching_periods_name_their_rows(facts):
    run = facts["pair.run_since"].rows
    assert [dict(r.key)["period"] for r in run] == ["2023", "2023", "2024", "2024"]
    deficits = {dict(r.key)["period"] for r in facts["pair.deficit_years"].rows}
    assert deficits == {"2017", "2019", "2020", "2022"}
