"""Property: whatever breaks in a data table, `briefkit check` exits non-zero with a message that
names the file, row and column, and never shows a traceback."""
import contextlib
import csv
import io
import shutil
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefkit import paths
from briefkit.__main__ import main

OBSERVATION_FILES = ["trade.csv", "narcotics.csv", "assistance.csv", "migration.csv", "rural.csv"]
# For each column, values that no valid row can hold.
BAD_CELLS = {
    "value": st.sampled_from(["inf", "-inf", "nan", "1e308", "-5", "about 100", ""]),
    "period": st.sampled_from(["2099", "2099-01", "20x1", "2024-13", "2024-00", "0000", "9999-12", ""]),
    "status": st.sampled_from(["done", "", "FINAL"]),
    "source_id": st.one_of(st.sampled_from(["no-such-source", ""]), st.integers(70, 5000).map(lambda n: "s" * n)),
    "measure": st.sampled_from(["no_such_measure", ""]),
}
# derandomize: every run (CI included) tries the same cases, so a red build is reproducible.
SETTINGS = settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def data_lines(name: str) -> int:
    return len((paths.DATA / name).read_text(encoding="utf-8").splitlines()) - 1


@contextlib.contextmanager
def data_copy():
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "data"
        shutil.copytree(paths.DATA, target)
        yield target


def run_check(data: Path) -> tuple[int, str]:
    """`python -m briefkit check` in-process on a copy of data/: its exit status and what it printed."""
    err = io.StringIO()
    with mock.patch.object(paths, "DATAPACKAGE", data / "datapackage.yaml"), contextlib.redirect_stderr(err):
        try:
            main(["check"])
            status = 0
        except SystemExit as exc:  # any other exception fails the test: it would be a traceback
            status = exc.code
    return status, err.getvalue()


def assert_reported(status: int, message: str, where: str) -> None:
    assert status == 1, message
    assert where in message, message
    assert "Traceback" not in message


@SETTINGS
@given(file=st.sampled_from(OBSERVATION_FILES), data=st.data())
def test_a_bad_cell_is_reported_with_file_row_and_column(file, data):
    line = data.draw(st.integers(2, data_lines(file) + 1), label="line")
    column = data.draw(st.sampled_from(sorted(BAD_CELLS)), label="column")
    bad = data.draw(BAD_CELLS[column], label="bad value")
    with data_copy() as folder:
        path = folder / file
        rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
        rows[line - 1][rows[0].index(column)] = bad
        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)
        status, message = run_check(folder)
    assert_reported(status, message, f"{file}, row {line}, column '{column}'")


ALL_FILES = sorted(p.name for p in paths.DATA.glob("*.csv"))


@SETTINGS
@given(file=st.sampled_from(ALL_FILES), data=st.data())
def test_a_non_utf8_line_is_reported_with_file_and_line(file, data):
    line = data.draw(st.integers(2, data_lines(file) + 1), label="line")
    with data_copy() as folder:
        path = folder / file
        lines = path.read_bytes().splitlines(keepends=True)
        lines[line - 1] = lines[line - 1].replace(b",", b",\xe9", 1)   # 'é' in Latin-1
        path.write_bytes(b"".join(lines))
        status, message = run_check(folder)
    assert_reported(status, message, f"{file}, row {line}: is not UTF-8 text")


@SETTINGS
@given(file=st.sampled_from(ALL_FILES), how=st.sampled_from(["header only", "deleted"]))
def test_an_empty_or_missing_table_is_reported_by_name(file, how):
    with data_copy() as folder:
        path = folder / file
        if how == "deleted":
            path.unlink()
        else:
            path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
        status, message = run_check(folder)
    expected = "is declared in datapackage.yaml but missing" if how == "deleted" else "the table has a header but no rows"
    assert_reported(status, message, f"{file}: {expected}")
