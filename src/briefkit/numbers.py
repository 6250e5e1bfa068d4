"""How numbers and periods read in the brief. One place, so prose, tables and figures agree."""
from __future__ import annotations

import datetime as dt

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def period_label(period: str, kind: str) -> str:
    """'2024' -> '2024', fiscal '2024' -> 'FY2024', '2022-12' -> 'December 2022'."""
    if kind == "fiscal_year":
        return f"FY{period}"
    if kind == "month":
        year, month = period.split("-")
        return f"{MONTHS[int(month) - 1]} {year}"
    return period


def date_label(day: str | dt.date) -> str:
    """'2026-02-03' -> '3 February 2026'."""
    d = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def grouped(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}"


def percent(value: float) -> str:
    """29.6 -> '29.6%', 27 -> '27%', 0.141 -> '0.14%'."""
    decimals = 2 if abs(value) < 1 else 1
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return f"{text}%"


def usd_millions(value: float) -> str:
    """19468.0 -> '$19.5 billion', 722.1 -> '$722 million'."""
    if abs(value) >= 1000:
        return f"${value / 1000:,.1f} billion"
    return f"${value:,.0f} million"


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
    return f"{value / 1e6:.1f} million"


def short_quantity(value: float, unit: str) -> str:
    """Compact form for tables and figure labels: '$19.5bn', '261,000 ha', '3,001 t'."""
    if unit == "USD millions":
        return f"${value / 1000:,.1f}bn" if abs(value) >= 1000 else f"${value:,.0f}m"
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
        return f"{direction} {points:.1f}".rstrip("0").rstrip(".") + " points"
    if new / old >= 3:
        return f"{times(new / old)} as high"
    pct = abs(new - old) / old * 100
    return f"{direction} {pct:.1f}%" if pct < 1 else f"{direction} {pct:.0f}%"


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
    """3.1 -> 'about 3 times', 5.4 -> 'more than 5 times'."""
    whole = int(ratio)
    if ratio - whole < 0.25:
        return f"about {whole} times"
    if ratio - whole > 0.75:
        return f"nearly {whole + 1} times"
    return f"more than {whole} times"
