"""Validate the data package before anything is computed from it.

Three passes, each run only when the one before found nothing, so a broken file is
reported once, plainly, instead of as a cascade:

1. files: every file the package declares exists and is UTF-8 text;
2. tables: structure, types, constraints (declared in `data/<brief>/datapackage.yaml`), primary
   and foreign keys, at least one row per table -- checked by `frictionless` -- plus the
   rules a field constraint cannot express, written as frictionless Checks: each value
   fits *its* measure, and no period or "occurred" event lies after the data date;
3. the brief: its spec (brief.yml) names only measures, tags, tables and columns the package
   has; what its operations need holds (a period two series share, a non-zero divisor, a value
   in a tagged event's year); the documents' declared assumptions and the open items hold.
   (Whether every fact the documents print can be computed is the facts step's check.)

Every problem names its file, row (line of the file, header = row 1) and column, says
what is wrong and what to do.
"""
from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml
from frictionless import Check, Checklist, Package, checks, errors

from . import BriefError
from .datapackage import BriefData
from .assumptions import SETTLED_BY, broken, declared, settles
from .ops import OPS, Need
from .paths import Brief
from .spec import Spec, load as load_spec, problems as spec_problems
from .textrules import WebURLs

YEAR = r"[1-9]\d{3}"
PERIOD_PATTERNS = {"year": YEAR, "fiscal_year": YEAR, "month": YEAR + r"-(0[1-9]|1[0-2])"}
SHOWN_CHARS = 40  # how much of a bad cell a message quotes


class DataError(BriefError):
    """The data package is invalid; the message lists every problem found."""


@dataclass(frozen=True)
class Problem:
    """One validation error. `row` counts lines of the CSV file, the header being row 1."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", {'line' if where.endswith('.qmd') else 'row'} {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


def _shown(cell) -> str:
    text = str(cell)
    return text if len(text) <= SHOWN_CHARS else f"{text[:SHOWN_CHARS]}… ({len(text):,} characters)"


# --- dates ------------------------------------------------------------------
def data_date(sources_csv: Path) -> dt.date | None:
    """The data date: the latest day a source was read. None if sources.csv gives none."""
    try:
        accessed = pd.to_datetime(pd.read_csv(sources_csv, dtype=str)["accessed"], errors="coerce",
                                  format="%Y-%m-%d")
    except (OSError, ValueError, KeyError, UnicodeDecodeError):
        return None
    return None if accessed.isna().all() else accessed.max().date()


def period_span(period: str, kind: str) -> tuple[dt.date, dt.date]:
    """First and last day of a period. A US fiscal year Y runs from 1 October Y-1 to 30 September Y."""
    year = int(period[:4])
    if kind == "fiscal_year":
        return dt.date(year - 1, 10, 1), dt.date(year, 9, 30)
    if kind == "month":
        month = int(period[5:7])
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _timing(label: str, span: tuple[dt.date, dt.date], partial: bool, as_of: dt.date) -> str | None:
    """Why a period cannot be shown as of the data date, or None if it can."""
    start, end = span
    if start > as_of:
        return (f"{label} starts after the data date ({as_of}, the latest 'accessed' date in sources.csv): "
                f"correct the period, or add the source that reports it")
    if end >= as_of and not partial:
        return (f"{label} was not over on the data date ({as_of}), so its value cannot be complete: "
                f"set status to 'partial'")
    return None


# --- table rules that a field constraint cannot express ---------------------
class MeasureRules(Check):
    """Each observation stays within its measure's maximum, has a finite value, a period of the
    measure's form, and a period that is over (or marked partial) by the data date."""

    Errors = [errors.CellError]

    def __init__(self, measures: pd.DataFrame, as_of: dt.date | None):
        super().__init__()
        self.measures = measures.set_index("id")
        self.as_of = as_of

    def validate_row(self, row):
        if "measure" not in row.field_names or row["measure"] not in self.measures.index:
            return  # not an observation table, or an unknown measure (a foreign-key error)
        measure = self.measures.loc[row["measure"]]
        value = None if row["value"] is None else float(row["value"])  # frictionless gives Decimal
        period, kind = row["period"], measure["period_kind"]
        if value is not None and math.isfinite(value) and pd.notna(measure["maximum"]) and value > measure["maximum"]:
            yield errors.CellError.from_row(
                row, field_name="value",
                note=f"{value:g} is above the largest possible {measure['unit']} ({measure['maximum']:g}): "
                     f"check the unit and the source")
        if period is None:
            return
        if not re.fullmatch(PERIOD_PATTERNS[kind], period):
            yield errors.CellError.from_row(
                row, field_name="period",
                note=f"'{row['measure']}' is measured by {kind.replace('_', ' ')}, so the period "
                     f"must look like {'YYYY-MM (month 01 to 12)' if kind == 'month' else 'YYYY'}")
        elif self.as_of is not None:
            label = f"period {period}" + (" (a US fiscal year)" if kind == "fiscal_year" else "")
            why = _timing(label, period_span(period, kind), row["status"] == "partial", self.as_of)
            if why:
                yield errors.CellError.from_row(row, field_name="period", note=why)


class DatedRows(Check):
    """Events (rows with a date and a status) marked 'occurred', and rows of a yearly table (a `year`
    column), are not after the data date."""

    Errors = [errors.CellError]

    def __init__(self, as_of: dt.date | None):
        super().__init__()
        self.as_of = as_of

    def validate_row(self, row):
        if self.as_of is None:
            return
        names = row.field_names
        if "date" in names and "status" in names and row["status"] == "occurred" and row["date"] is not None \
                and row["date"] > self.as_of:
            yield errors.CellError.from_row(
                row, field_name="date",
                note=f"an event dated {row['date']} is marked 'occurred', but the data date is {self.as_of} "
                     f"(the latest 'accessed' date in sources.csv): mark it 'scheduled' or correct the date")
        if "year" in names and row["year"] is not None:
            why = _timing(f"year {row['year']}", period_span(str(row["year"]), "year"), False, self.as_of)
            if why:
                yield errors.CellError.from_row(row, field_name="year", note=why.split(": set status")[0])


# --- frictionless errors in plain words --------------------------------------
def _rule_text(field) -> str:
    """A field's declared constraints, as a sentence fragment."""
    c = field.constraints
    parts = []
    if "minimum" in c:
        parts.append(f"at least {c['minimum']:,}")
    if "maximum" in c:
        parts.append(f"at most {c['maximum']:,}")
    if "enum" in c:
        parts.append("one of " + ", ".join(f"'{v}'" for v in c["enum"]))
    if "pattern" in c:
        parts.append(f"of the form {c['pattern']}")
    if "maxLength" in c:
        parts.append(f"at most {c['maxLength']:,} characters")
    return " and ".join(parts) or "as declared in the brief's datapackage.yaml"


def _non_finite(cell: str) -> bool:
    try:
        return not math.isfinite(float(cell))
    except ValueError:
        return False


def _problem(file: str, error, schema) -> Problem:
    """One frictionless error as a Problem, read from the error's fields."""
    row = getattr(error, "row_number", None)
    if isinstance(error, errors.ForeignKeyError):
        column = ", ".join(error.field_names)
        return Problem(file, row, column,
                       f"unknown reference: '{', '.join(error.field_cells)}' is not an "
                       f"{'/'.join(error.reference_field_names)} in {error.reference_name}.csv: "
                       f"correct it, or add that row to {error.reference_name}.csv")
    if isinstance(error, errors.PrimaryKeyError):
        # frictionless gives the first row only in its note ('... at position N')
        first = re.search(r"position (\d+)", error.note)
        return Problem(file, row, None, f"duplicate row: same key as row {first.group(1) if first else '?'}; "
                                        f"remove one of them")
    if isinstance(error, errors.CellError):
        column, cell = error.field_name, error.cell
        field = schema.get_field(column) if schema and schema.has_field(column) else None
        if field is not None and field.type == "number" and _non_finite(cell):
            return Problem(file, row, column, f"'{cell}' is not a finite number: write the value in digits "
                                              f"as the source gives it, or leave the row out")
        if isinstance(error, errors.ExtraCellError):
            return Problem(file, row, None, f"has an extra cell ('{_shown(cell)}') beyond the header's columns: "
                                            f"remove it, or quote a value that contains a comma")
        if isinstance(error, errors.MissingCellError):
            return Problem(file, row, column, "is missing: the row has fewer cells than the header")
        if isinstance(error, errors.ConstraintError) and cell == "":
            return Problem(file, row, column, "is empty but required: fill it in")
        if isinstance(error, errors.ConstraintError) and field is not None:
            if "maxLength" in field.constraints and len(cell) > field.constraints["maxLength"]:
                return Problem(file, row, column, f"'{_shown(cell)}' is longer than the "
                                                  f"{field.constraints['maxLength']:,} characters allowed: shorten it")
            if field.type == "number" and "maximum" in field.constraints and float(cell) > field.constraints["maximum"]:
                return Problem(file, row, column, f"'{cell}' is larger than any plausible value (at most "
                                                  f"{field.constraints['maximum']:,}): check the unit and the source")
            return Problem(file, row, column, f"'{_shown(cell)}' breaks the rule for this column: "
                                              f"it must be {_rule_text(field)}")
        if isinstance(error, errors.TypeError) and field is not None:
            return Problem(file, row, column, f"'{_shown(cell)}' is not a valid {field.type}")
        return Problem(file, row, column, error.note or error.message)
    if isinstance(error, errors.TableDimensionsError):
        return Problem(file, None, None, "the table has a header but no rows: restore its rows, "
                                         "or remove the table from the brief's datapackage.yaml")
    return Problem(file, row, None, error.note or error.message)


# --- pass 1: files ------------------------------------------------------------
def _declared(descriptor: Path) -> dict[str, str]:
    """Resource name -> path, as the descriptor declares them."""
    document = yaml.safe_load(descriptor.read_text(encoding="utf-8"))
    return {r["name"]: r["path"] for r in document["resources"]}


def _first_non_utf8_line(path: Path) -> tuple[int, int] | None:
    """(line, column) of the first byte that is not UTF-8, or None."""
    for number, line in enumerate(path.read_bytes().splitlines(), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            return number, exc.start + 1
    return None


def file_problems(folder: str, root: Path, declared: dict[str, str]) -> list[Problem]:
    problems = []
    for path in declared.values():
        target = root / path
        if not target.is_file():
            problems.append(Problem(f"{folder}/{path}", None, None,
                                    "is declared in datapackage.yaml but missing: restore it "
                                    "(git checkout -- " f"{folder}/{path}) or remove it from the package"))
            continue
        bad = _first_non_utf8_line(target)
        if bad:
            problems.append(Problem(f"{folder}/{path}", bad[0], None,
                                    f"is not UTF-8 text (byte {bad[1]} of the line): save the file as UTF-8"))
    return problems


# --- pass 2: tables -----------------------------------------------------------
def table_problems(folder: str, descriptor: Path) -> list[Problem]:
    package = Package(str(descriptor))
    for resource in package.resources:   # a blank line, or a row of empty cells, is not a row
        resource.dialect.skip_blank_rows = True
    measures = pd.read_csv(descriptor.parent / "measures.csv")
    as_of = data_date(descriptor.parent / "sources.csv")
    checklist = Checklist(checks=[MeasureRules(measures, as_of), DatedRows(as_of), WebURLs(),
                                  checks.table_dimensions(min_rows=1)])
    report = package.validate(checklist=checklist)
    problems = [Problem(f"{folder}/datapackage.yaml", None, None, e.message) for e in report.errors]
    for task in report.tasks:
        schema = package.get_resource(task.name).schema if package.has_resource(task.name) else None
        problems += [_problem(f"{folder}/{task.place}", error, schema) for error in task.errors]
    return list(dict.fromkeys(problems))  # a cell breaking two constraints (nan: minimum and maximum) once


# --- pass 3: what the brief needs ---------------------------------------------------------
def _row_of(frame: pd.DataFrame, mask) -> int | None:
    """The file row (header = 1) of the first row where mask holds."""
    hits = frame.index[mask]
    return None if len(hits) == 0 else int(hits[0]) + 2


def need_problems(folder: str, spec: Spec, data: BriefData) -> list[Problem]:
    """What the operations the spec names need of the data (ops.OPS), each naming the data file."""
    problems: list[Problem] = []
    where = {m: t for t in data.observation_tables for m in data.table(t)["measure"]}

    def complete(measure: str) -> pd.DataFrame:
        rows = data.series(measure)
        return rows[rows["status"] != "partial"]

    def at(measure: str, row=None, column=None, message=""):
        problems.append(Problem(f"{folder}/{where.get(measure, 'measures')}.csv", row, column, message))

    for index, measure in data.table("measures")["id"].items():
        if complete(measure).empty:
            problems.append(Problem(f"{folder}/measures.csv", int(index) + 2, "id",
                                    f"'{measure}' has no complete (not partial) observation: add one, or remove the measure"))
    problems += plausibility_problems(folder, spec, data, where)
    needs = {need for key, entry in spec.facts.items() if "op" in entry for need in OPS[entry["op"]][1](entry)}
    for need in sorted(needs, key=lambda n: (n.kind, n.measures, n.event)):
        problems += _unmet(need, spec, data, complete, at)
    return problems


CONFIRMED = "confirmed"   # a note starting with this word waives the plausibility check for its row


def plausibility_problems(folder: str, spec: Spec, data: BriefData, where: dict[str, str]) -> list[Problem]:
    """Values outside a measure's plausible range, or further than `step` times from the previous
    period's value (`plausible:` in brief.yml), unless the row's note says the value was confirmed."""
    problems = []
    for measure, rule in (spec.document.get("plausible") or {}).items():
        if measure not in where:
            continue
        table = data.table(where[measure])
        low, high = rule.get("range", [None, None])
        previous = None
        for index, row in table[table["measure"] == measure].sort_values("period").iterrows():
            value, file_row = float(row["value"]), int(index) + 2
            confirmed = row["note"].strip().lower().startswith(CONFIRMED)
            hint = (" (a thousand times too large: kilograms typed as tons, or a thousands separator read as "
                    "a decimal point?)" if high is not None and value > high and low <= value / 1000 <= high else
                    " (a thousand times too small: a thousands separator read as a decimal point, 1.350 for 1,350?)"
                    if low is not None and 0 < value < low and low <= value * 1000 <= high else "")
            # a partial period (a month of a year) can fall below a full period's range, never above it
            outside = (low is not None and value < low and row["status"] != "partial") or \
                (high is not None and value > high)
            if not confirmed and outside:
                problems.append(Problem(f"{folder}/{where[measure]}.csv", file_row, "value",
                                        f"{value:g} is outside the plausible range of '{measure}' ({low:g} to {high:g}, "
                                        f"plausible: in {spec.file}){hint}: correct it, or start the row's note with "
                                        f"'Confirmed' if the source says so"))
            elif not confirmed and previous and rule.get("step") and value and row["status"] != "partial" and \
                    max(value / previous, previous / value) > rule["step"]:
                problems.append(Problem(f"{folder}/{where[measure]}.csv", file_row, "value",
                                        f"{value:g} is more than {rule['step']:g} times the previous period's "
                                        f"{previous:g} ('{measure}', plausible: in {spec.file}): check the unit and "
                                        f"the source, or start the row's note with 'Confirmed'"))
            if row["status"] != "partial" and (confirmed or not outside):
                previous = value   # a partial or refused value is no baseline for the next step
    return problems


def _unmet(need: Need, spec: Spec, data: BriefData, complete, at) -> list[Problem]:
    found: list[Problem] = []
    if need.kind == "shared_period":
        first, second = need.measures
        if not set(complete(first)["period"]) & set(complete(second)["period"]):
            at(second, None, "period", f"'{first}' and '{second}' share no complete period; the brief compares "
                                       f"them in the same period: add a row for a period both have")
    elif need.kind == "non_zero":
        (measure,) = need.measures
        table = data.table(data.series(measure)["table"].iloc[0])
        zero = (table["measure"] == measure) & (table["value"] == 0) & (table["status"] != "partial")
        if zero.any():
            at(measure, _row_of(table, zero), "value", f"'{measure}' is 0; the brief divides by this series' values "
                                                       f"('N times ...'): check the source (a zero cannot be compared as a multiple)")
    elif need.kind == "value_in_event_year":
        (measure,) = need.measures
        events = data.table(spec.events)
        tagged = events[events["tag"] == need.event]
        if not tagged.empty:
            year = str(tagged["date"].iloc[0])[:4]
            if year not in set(complete(measure)["period"]):
                at(measure, None, "period", f"'{measure}' has no complete value for {year}, the year of the event tagged "
                                            f"'{need.event}' ({spec.events}.csv, row {_row_of(events, events['tag'] == need.event)}); "
                                            f"the brief compares the latest value with it: restore the {year} row")
    elif need.kind == "same_latest":
        latest = {m: complete(m)["period"].max() for m in need.measures if len(complete(m))}
        if len(set(latest.values())) > 1:
            shown = ", ".join(f"'{m}' {p}" for m, p in latest.items())
            periods = list(latest.values())
            usual = max(periods, key=lambda p: (periods.count(p), p))
            for measure, period in latest.items():
                if period == usual:
                    continue   # the row of each measure out of step is named, so the reader finds it
                table = data.table(data.series(measure)["table"].iloc[0])
                row = _row_of(table, (table["measure"] == measure) & (table["period"] == period))
                at(measure, row, "period", f"the brief quotes {', '.join(need.measures)} as one set, but their "
                                           f"latest periods differ ({shown}): update them together")
    return found


def brief_problems(folder: str, spec: Spec, data: BriefData) -> list[Problem]:
    """The spec against the data, what its operations need, and the documents' declared assumptions
    and open items. (Whether every fact the documents print can be computed is the next step's
    check: `briefkit variables` names each one that cannot, by file and line.)"""
    from .tables import table_problems   # the table kinds are the tables module's; it needs the whole engine

    problems = [Problem(*_split_spec(p)) for p in spec_problems(spec, data) + table_problems(spec)]
    if problems:
        return problems
    problems = need_problems(folder, spec, data)
    if problems:
        return problems
    problems = [_located(p) for p in broken(declared(sorted(spec.brief.reports.glob("*.qmd")), spec.brief.shown),
                                            data, spec.events)]
    problems += open_item_problems(folder, spec, data)
    return problems


def open_item_problems(folder: str, spec: Spec, data: BriefData) -> list[Problem]:
    """Each open item's `settled_by` must be a condition the check can read (or empty: judgement)."""
    problems = []
    for name in sorted({t["table"] for t in spec.tables.values() if t.get("kind") == "unsettled"}):
        rows = data.table(name)
        for index, condition in rows["settled_by"].items():
            number = int(index) + 2
            if not SETTLED_BY.fullmatch(condition.strip()):
                problems.append(Problem(f"{folder}/{name}.csv", number, "settled_by",
                                        f"'{condition}' is not a condition the check can read: write 'event <tag> "
                                        f"occurred', 'event <tag>', 'measure <measure> <period>', "
                                        f"'measure <measure> <period> final' or 'measure <measure> after <period>' "
                                        f"(or leave it empty)"))
    return problems


def settled_items(spec: Spec, data: BriefData) -> list[str]:
    """Open items the data now settle: they leave the brief's lists; the check names them so the row
    can be removed or reworded."""
    found = []
    for name in sorted({t["table"] for t in spec.tables.values() if t.get("kind") == "unsettled"}):
        rows = data.table(name)
        for index, row in rows.iterrows():
            number = int(index) + 2
            if settles(row["settled_by"], data, spec.events):
                found.append(f"{spec.brief.shown(spec.brief.data)}/{name}.csv, row {number}: '{row['id']}' is settled by "
                             f"the data ({row['settled_by']}), so the brief no longer lists it: remove the row, or "
                             f"write what is now known")
    return found


def _located(line: str) -> Problem:
    """'reports/b/brief.qmd:44: message' as a Problem naming file and line."""
    where = re.match(r"^(\S+?):(\d+): (.*)$", line)
    return Problem(where.group(1), int(where.group(2)), None, where.group(3)) if where else Problem("", None, None, line)


def _split_spec(message: str) -> tuple[str, None, None, str]:
    file, _, rest = message.partition(", ")
    return file, None, None, rest


def validate(brief: Brief) -> list[Problem]:
    """Every problem in the brief's data package and spec, each naming file, row and column."""
    descriptor = brief.datapackage
    root = descriptor.parent
    folder = brief.shown(root)
    try:
        declared = _declared(descriptor)
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        return [Problem(f"{folder}/{descriptor.name}", None, None, f"cannot be read as a data package ({exc})")]
    problems = file_problems(folder, root, declared)
    if not problems:
        try:
            problems = table_problems(folder, descriptor)
        except Exception as exc:  # frictionless gives up on a file it cannot parse at all
            return [Problem(f"{folder}/{descriptor.name}", None, None, f"a table cannot be read ({exc})")]
    if not problems:
        problems = edition_problems(folder, descriptor, BriefData(root))
    if not problems:
        try:
            spec = load_spec(brief)
        except BriefError as exc:
            return [Problem(brief.shown(brief.spec), None, None, str(exc).split(": ", 1)[-1])]
        problems = brief_problems(folder, spec, BriefData(root))
    return problems


def edition_problems(folder: str, descriptor: Path, data: BriefData) -> list[Problem]:
    """`edition_date` in the descriptor: an ISO date, on or after the data date."""
    where = f"{folder}/{descriptor.name}"
    raw = data.descriptor.get("edition_date")
    if raw is None:
        return [Problem(where, None, "edition_date", "no edition date: add `edition_date: YYYY-MM-DD` (the day the "
                        "brief is published)")]
    try:
        edition = dt.date.fromisoformat(str(raw))
    except ValueError:
        return [Problem(where, None, "edition_date", f"{raw!r} is not a date: write the publication date as YYYY-MM-DD")]
    as_of = dt.date.fromisoformat(str(data.sources["accessed"].max()))
    if edition < as_of:
        return [Problem(where, None, "edition_date", f"{edition} is before the data date {as_of} (the latest "
                        f"'accessed' in sources.csv): an edition cannot predate its data")]
    return []


def check(brief: Brief) -> None:
    problems = validate(brief)
    if problems:
        listing = "\n".join(f"  {p}" for p in problems)
        raise DataError(f"{len(problems)} problem(s) in brief '{brief.name}':\n{listing}\n"
                        f"Nothing was computed or written. Fix the rows above and run `make check BRIEF={brief.name}` again.")
