"""Real data updates to the US–Colombia brief (issue 14) that the check must catch on this brief's
own data: a value typed in the wrong unit. (The engine's update behaviour is tested on the fixture
brief in tests/engine/test_updates.py; the sweep of realistic updates is test_update_sweep.py.)"""
from briefkit import validation

from .conftest import NAME


def test_kilos_typed_as_tons_are_refused_naming_file_row_column_and_the_plausible_range(edited):
    # 961.400 metric tons typed with a thousands point, read as 961400 (kilos as tons)
    rows = edited.rows("narcotics.csv")
    line = next(i for i, r in enumerate(rows, start=2) if r["measure"] == "cocaine_seizures" and r["period"] == "2023")
    edited.edit("narcotics.csv", {"measure": "cocaine_seizures", "period": "2023"}, "value", "961400")
    problems = [str(p) for p in validation.validate(edited.brief)]
    assert len(problems) == 1, problems
    [problem] = problems
    assert problem.startswith(f"data/{NAME}/narcotics.csv, row {line}, column 'value': 961400 is outside the "
                              f"plausible range of 'cocaine_seizures' (10 to 5000, plausible: in reports/{NAME}/brief.yml)")
    assert "a thousand times too large" in problem and "'Confirmed'" in problem


def test_a_later_count_of_venezuelans_settles_the_unknown_and_the_watch_lists_follow(edited):
    """An open item settled by 'measure venezuelans_in_colombia after 2024-02' leaves the list once a
    later complete count is in the data (a test value, never published); ICE FY2025 leaves its own."""
    from briefkit import spec, tables

    def unknowns(book):
        return tables.unsettled(book, spec.load(edited.brief).tables["unknowns"])["id"].tolist()

    before = unknowns(edited.book())
    assert {"unknown_venezuelans_count", "unknown_ice_fy2025"} <= set(before)
    edited.append("migration.csv", {"measure": "venezuelans_in_colombia", "period": "2026-06", "value": "2791235",
                                    "status": "final", "note": "", "source_id": "noticierod1g1tal-com-496b9a"})
    after = unknowns(edited.book())
    assert "unknown_venezuelans_count" not in after and "unknown_ice_fy2025" in after
    assert len(after) == len(before) - 1
