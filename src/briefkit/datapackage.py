"""Load the data package's tables with pandas (validation is `validation.py`'s job)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd
import yaml

from . import paths

OBSERVATION_TABLES = ("trade", "narcotics", "assistance", "migration", "rural")


@dataclass(frozen=True)
class BriefData:
    """The validated tables, read with pandas."""

    root: Path

    def table(self, name: str) -> pd.DataFrame:
        return self._tables[name]

    @cached_property
    def descriptor(self) -> dict:
        return yaml.safe_load((self.root / "datapackage.yaml").read_text(encoding="utf-8"))

    @cached_property
    def _tables(self) -> dict[str, pd.DataFrame]:
        text_columns = {"period": str, "hs_code": str, "note": str}
        tables = {}
        for resource in self.descriptor["resources"]:
            frame = pd.read_csv(self.root / resource["path"], dtype=text_columns, keep_default_na=False,
                                na_values={"value": [""], "maximum": [""]})
            tables[resource["name"]] = frame
        return tables

    @cached_property
    def observations(self) -> pd.DataFrame:
        """All observation tables stacked, with each row's table name."""
        return pd.concat([self.table(t).assign(table=t) for t in OBSERVATION_TABLES], ignore_index=True)

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

    def tables_of(self, measures: list[str]) -> list[str]:
        """The data files a set of measures lives in (for build dependencies)."""
        rows = self.observations[self.observations["measure"].isin(measures)]
        return sorted(set(rows["table"]))


def load(root: Path = paths.DATA) -> BriefData:
    return BriefData(root)
