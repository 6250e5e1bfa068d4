"""How numbers and periods read in a brief: the one wording layer for values, so prose, tables,
captions and figures agree. Digits, grouping and month names come from Babel's locale data, so a
brief in another language needs a locale (`lang` in brief.yml), not new formatting code."""
from __future__ import annotations

import datetime as dt

from babel.dates import format_date, get_month_names
from babel.numbers import format_decimal

LOCALE = "en_US"   # set per brief by `use_locale`


def use_locale(lang: str) -> None:
    """Word numbers and dates in the brief's language ('en-US' -> Babel's 'en_US')."""
    global LOCALE
    LOCALE = lang.replace("-", "_")


def month_names() -> list[str]:
    return [get_month_names("wide", locale=LOCALE)[m] for m in range(1, 13)]


def period_label(period: str, kind: str) -> str:
    """'2024' -> '2024', fiscal '2024' -> 'FY2024', '2022-12' -> 'December 2022'."""
    if kind == "fiscal_year":
        return f"FY{period}"
    if kind == "month":
        year, month = period.split("-")
        return f"{month_names()[int(month) - 1]} {year}"
    return period


def date_label(day: str | dt.date) -> str:
    """'2026-02-03' -> '3 February 2026'."""
    d = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return format_date(d, "d MMMM y", locale=LOCALE)


def grouped(value: float, decimals: int = 0) -> str:
    """261386 -> '261,386'; 19.468 with 1 decimal -> '19.5' (digits grouped as the locale does)."""
    return format_decimal(value, format="#,##0" + ("." + "0" * decimals if decimals else ""), locale=LOCALE)


def percent(value: float) -> str:
    """29.6 -> '29.6%', 27 -> '27%', 0.141 -> '0.14%'."""
    return f"{trimmed(value, 2 if abs(value) < 1 else 1)}%"


def trimmed(value: float, decimals: int) -> str:
    """At most `decimals` decimals, without trailing zeros: 29.60 -> '29.6', 27.0 -> '27'."""
    return format_decimal(value, format="#,##0." + "#" * decimals, locale=LOCALE)


def usd_millions(value: float) -> str:
    """19468.0 -> '$19.5 billion', 722.1 -> '$722 million'."""
    if abs(value) >= 1000:
        return f"${grouped(value / 1000, 1)} billion"
    return f"${grouped(value)} million"


def quantity(value: float, unit: str) -> str:
    """A value with its unit, as the prose writes it."""
    if unit == "USD millions":
        return usd_millions(value)
    if unit == "percent":
        return percent(value)
    if unit in ("hectares", "metric tons"):
        return f"{grouped(value)} {unit}"
    return grouped(value)


def millions(value: float) -> str:
    """2845706 -> '2.8 million'."""
    return f"{grouped(value / 1e6, 1)} million"


def short_quantity(value: float, unit: str) -> str:
    """Compact form for tables and figure labels: '$19.5bn', '261,000 ha', '3,001 t'."""
    if unit == "USD millions":
        return f"${grouped(value / 1000, 1)}bn" if abs(value) >= 1000 else f"${grouped(value)}m"
    if unit == "percent":
        return percent(value)
    if value >= 1e6:
        return millions(value)
    suffix = {"hectares": " ha", "metric tons": " t"}.get(unit, "")
    return f"{grouped(value)}{suffix}"


def change(old: float, new: float, unit: str) -> str:
    """'up 13.2%', 'down 2.8 points' (for percentages), or 'unchanged'."""
    if new == old:
        return "unchanged"
    direction = "up" if new > old else "down"
    if old == 0 and unit != "percent":
        return "up from zero"  # no percentage or multiple of zero
    if unit == "percent":
        points = abs(new - old)
        return f"{direction} {trimmed(points, 1)} point{'' if points == 1 else 's'}"
    if new / old >= 3:
        return f"{times(new / old)} as high"
    pct = abs(new - old) / old * 100
    return f"{direction} {grouped(pct, 1 if pct < 1 else 0)}%"


def year_ranges(years: list[int]) -> str:
    """[2010, 2011, 2012, 2016, 2017] -> '2010–2012 and 2016–2017'."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    parts = [f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs]
    return " and ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else "".join(parts)


def times(ratio: float) -> str:
    """3.1 -> 'about 3 times', 5.4 -> 'more than 5 times', 1.1 -> 'about as high as', 0.6 -> '0.6 times'."""
    if ratio < 1:
        return f"{trimmed(ratio, 1)} times"
    whole = int(ratio)
    if ratio - whole < 0.25:
        return "about as high as" if whole == 1 else f"about {whole} times"
    if ratio - whole > 0.75:
        return f"nearly {whole + 1} times"
    return f"more than {whole} times"
