"""How numbers, changes and periods read (numbers.py, with Babel's locale data)."""
import pytest

from briefkit import numbers as fmt


@pytest.fixture(autouse=True)
def english():
    fmt.use_locale("en-US")
    yield
    fmt.use_locale("en-US")


def test_quantities_in_their_units():
    assert fmt.quantity(19468.0, "USD millions") == "$19.5 billion"
    assert fmt.quantity(722.084923, "USD millions") == "$722 million"
    assert fmt.quantity(261386, "hectares") == "261,386 hectares"
    assert fmt.quantity(1234567, "persons") == "1,234,567"
    assert fmt.short_quantity(19468.0, "USD millions") == "$19.5bn"
    assert fmt.short_quantity(722, "USD millions") == "$722m"
    assert fmt.short_quantity(261000, "hectares") == "261,000 ha"
    assert fmt.short_quantity(2845706, "persons") == "2.8 million"
    assert fmt.millions(2845706) == "2.8 million"


def test_percent_keeps_small_rates_visible():
    assert fmt.percent(29.6) == "29.6%"
    assert fmt.percent(27.0) == "27%"
    assert fmt.percent(0.141) == "0.14%"
    assert fmt.quantity(43.5, "percent") == "43.5%"


@pytest.mark.parametrize("old, new, unit, text", [
    (1738, 3001, "metric tons", "up 73%"),
    (130000, 9403, "hectares", "down 93%"),
    (17856.8, 17879.1, "USD millions", "up 0.1%"),
    (25.1, 24.3, "percent", "down 0.8 points"),
    (25.0, 24.0, "percent", "down 1 point"),
    (222, 1170, "USD millions", "more than 5 times as high"),
    (0, 25, "persons", "up from zero"),
    (40, 40, "persons", "unchanged"),
])
def test_changes_in_percent_points_and_multiples(old, new, unit, text):
    assert fmt.change(old, new, unit) == text


@pytest.mark.parametrize("years, text", [
    ([2010, 2011, 2012, 2013, 2016, 2017], "2010–2013 and 2016–2017"),
    ([2012, 2013], "2012–2013"),
    ([2017, 2019, 2020, 2022], "2017, 2019–2020 and 2022"),
    ([2019], "2019"),
    ([], ""),
])
def test_year_ranges(years, text):
    assert fmt.year_ranges(years) == text


@pytest.mark.parametrize("ratio, text", [(3.1, "about 3 times"), (3.5, "more than 3 times"),
                                         (3.8, "nearly 4 times"), (5.4, "more than 5 times"),
                                         (1.1, "about as high as"), (0.6, "0.6 times")])
def test_times(ratio, text):
    assert fmt.times(ratio) == text


def test_periods_and_dates():
    assert fmt.period_label("2024", "year") == "2024"
    assert fmt.period_label("2024", "fiscal_year") == "FY2024"
    assert fmt.period_label("2022-12", "month") == "December 2022"
    assert fmt.date_label("2026-02-03") == "3 February 2026"


def test_another_locale_words_months_and_digits_its_way():
    fmt.use_locale("fr-FR")
    assert fmt.period_label("2022-12", "month") == "décembre 2022"
    assert fmt.grouped(19.468, 1) == "19,5"
    assert fmt.date_label("2026-02-03") == "3 février 2026"
