from briefkit import numbers as fmt


def test_money_reads_in_millions_or_billions():
    assert fmt.usd_millions(19468.0) == "$19.5 billion"
    assert fmt.usd_millions(722.084923) == "$722 million"
    assert fmt.short_quantity(19468.0, "USD millions") == "$19.5bn"


def test_percent_keeps_small_rates_visible():
    assert fmt.percent(29.6) == "29.6%"
    assert fmt.percent(27.0) == "27%"
    assert fmt.percent(0.141) == "0.14%"


def test_changes_in_percent_points_and_multiples():
    assert fmt.change(1738, 3001, "metric tons") == "up 73%"
    assert fmt.change(130000, 9403, "hectares") == "down 93%"
    assert fmt.change(17856.8, 17879.1, "USD millions") == "up 0.1%"
    assert fmt.change(25.1, 24.3, "percent") == "down 0.8 points"
    assert fmt.change(222, 1170, "USD millions") == "more than 5 times as high"


def test_periods_and_year_ranges():
    assert fmt.period_label("2024", "fiscal_year") == "FY2024"
    assert fmt.period_label("2022-12", "month") == "December 2022"
    assert fmt.date_label("2026-02-03") == "3 February 2026"
    assert fmt.year_ranges([2010, 2011, 2012, 2013, 2016, 2017]) == "2010–2013 and 2016–2017"
    assert fmt.year_ranges([2012, 2013]) == "2012–2013"
