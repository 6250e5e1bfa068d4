"""Validate the data package against its Frictionless descriptor.

Structure, types, constraints, primary and foreign keys are checked by `frictionless`
from `data/datapackage.yaml`. The one rule a field constraint cannot express -- each
observation must fit the range and period kind of *its* measure -- is a frictionless
Check, so its errors come out in the same form as the library's own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from frictionless import Check, Checklist, Package, errors

from . import BriefError, paths

PERIOD_PATTERNS = {"year": r"\d{4}", "fiscal_year": r"\d{4}", "month": r"\d{4}-\d{2}"}


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
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class MeasureRules(Check):
    """Each observation stays within its measure's maximum; its period has the measure's form."""

    Errors = [errors.CellError]

    def __init__(self, measures: pd.DataFrame):
        super().__init__()
        self.measures = measures.set_index("id")

    def validate_row(self, row):
        if "measure" not in row.field_names or row["measure"] not in self.measures.index:
            return  # not an observation table, or an unknown measure (a foreign-key error)
        measure = self.measures.loc[row["measure"]]
        value = None if row["value"] is None else float(row["value"])  # frictionless gives Decimal
        period = row["period"]
        if value is not None and pd.notna(measure["maximum"]) and value > measure["maximum"]:
            yield errors.CellError.from_row(
                row, field_name="value",
                note=f"{value:g} is above the largest possible {measure['unit']} ({measure['maximum']:g})")
        kind = measure["period_kind"]
        if period is not None and not re.fullmatch(PERIOD_PATTERNS[kind], period):
            yield errors.CellError.from_row(
                row, field_name="period",
                note=f"'{row['measure']}' is measured by {kind.replace('_', ' ')}, so the period "
                     f"must look like {'YYYY-MM' if kind == 'month' else 'YYYY'}")


def _problem(file: str, error) -> Problem:
    column = getattr(error, "field_name", None)
    if column is None and isinstance(error, errors.ForeignKeyError):
        match = re.search(r'for "([^"]+)"', error.note)
        column = match.group(1) if match else None
    if isinstance(error, errors.PrimaryKeyError):
        first = re.search(r"position (\d+)", error.note)
        return Problem(file, error.row_number, None,
                       f"duplicate row: same key as row {first.group(1) if first else '?'}")
    if isinstance(error, errors.ConstraintError):
        return Problem(file, error.row_number, column, f"'{error.cell}' breaks the rule: {error.note}")
    if isinstance(error, errors.ForeignKeyError):
        return Problem(file, error.row_number, column, f"unknown reference: {error.note.split(': ', 1)[-1]}")
    if isinstance(error, errors.TypeError):
        expected = re.search(r'type is "(\w+)', error.note)
        return Problem(file, error.row_number, column,
                       f"'{error.cell}' is not a valid {expected.group(1) if expected else 'value'}")
    return Problem(file, getattr(error, "row_number", None), column, error.message if not error.note else error.note)


def validate(descriptor: Path = paths.DATAPACKAGE) -> list[Problem]:
    """Every problem in the package, each naming file, row and column."""
    try:
        package = Package(str(descriptor))
        measures = pd.read_csv(descriptor.parent / "measures.csv")
        report = package.validate(checklist=Checklist(checks=[MeasureRules(measures)]))
    except Exception as exc:  # unreadable descriptor or measures table
        return [Problem(descriptor.name, None, None, str(exc))]
    rel = descriptor.parent.relative_to(paths.ROOT) if descriptor.is_relative_to(paths.ROOT) else descriptor.parent
    problems = [Problem(str(rel / "datapackage.yaml"), None, None, e.message) for e in report.errors]
    for task in report.tasks:
        problems += [_problem(str(rel / task.place), error) for error in task.errors]
    return problems


def check(descriptor: Path = paths.DATAPACKAGE) -> None:
    problems = validate(descriptor)
    if problems:
        listing = "\n".join(f"  {p}" for p in problems)
        raise DataError(f"{len(problems)} problem(s) in the data package:\n{listing}")
