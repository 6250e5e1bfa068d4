"""Load a brief's data package with pandas (validation is `validation.py`'s job).

The engine's data model: every package has a `sources` table (id, publisher, title, url,
accessed, grade) and a `measures` table (id, label, short_label, producer, unit, period_kind);
any table whose schema has the observation fields (measure, period, value, status, note,
source_id) holds observations. Every other table is the brief's own, named by its spec."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd
import yaml

OBSERVATION_FIELDS = {"measure", "period", "value", "status", "note", "source_id"}


@dataclass(frozen=True)
class BriefData:
    """The validated tables, read with pandas."""

    root: Path

    def table(self, name: str) -> pd.DataFrame:
        return self._tables[name]

    @cached_property
    def descriptor(self) -> dict:
        return yaml.safe_load((self.root / "datapackage.yaml").read_text(encoding="utf-8"))

    def schema(self, resource: dict) -> dict:
        schema = resource["schema"]
        return yaml.safe_load((self.root / schema).read_text(encoding="utf-8")) if isinstance(schema, str) else schema

    @cached_property
    def observation_tables(self) -> list[str]:
        """The tables of observations, in the order the package lists them."""
        return [r["name"] for r in self.descriptor["resources"]
                if OBSERVATION_FIELDS <= {f["name"] for f in self.schema(r)["fields"]}]

    @cached_property
    def primary_keys(self) -> dict[str, list[str]]:
        """Each table's primary-key fields, from the descriptor."""
        return {r["name"]: self.schema(r)["primaryKey"] for r in self.descriptor["resources"]}

    @cached_property
    def _tables(self) -> dict[str, pd.DataFrame]:
        tables = {}
        for resource in self.descriptor["resources"]:
            fields = self.schema(resource)["fields"]
            # Text stays text ('2024' is a period, '0901' an HS code); an empty number is missing.
            text = {f["name"]: str for f in fields if f.get("type", "string") == "string"}
            numbers = {f["name"]: [""] for f in fields if f.get("type") in ("number", "integer")}
            # Blank lines are read as rows of empty cells and dropped below, so the index keeps counting the
            # file's lines (pandas would skip them and number every later row one line too early).
            frame = pd.read_csv(self.root / resource["path"], dtype=text, keep_default_na=False, na_values=numbers,
                                skip_blank_lines=False)
            # A row of empty cells is not a row (validation skips it too).
            blank = frame.apply(lambda column: column.isna() | column.astype(str).str.strip().eq(""))
            frame = frame[~blank.all(axis=1)]   # the index still counts file rows (validation names them)
            tables[resource["name"]] = frame
        return tables

    @cached_property
    def observations(self) -> pd.DataFrame:
        """All observation tables stacked, with each row's table name."""
        return pd.concat([self.table(t).assign(table=t) for t in self.observation_tables], ignore_index=True)

    @cached_property
    def measures(self) -> pd.DataFrame:
        return self.table("measures").set_index("id")

    @cached_property
    def sources(self) -> pd.DataFrame:
        return self.table("sources").set_index("id")

    def series(self, measure: str) -> pd.DataFrame:
        """One measure's observations in period order."""
        rows = self.observations[self.observations["measure"] == measure]
        return rows.sort_values("period").reset_index(drop=True)


def load(root: Path) -> BriefData:
    return BriefData(root)
