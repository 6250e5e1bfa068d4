"""Real data updates on the fixture brief (issue 14), one test per kind of failure: each sentence follows
the data, or the check names it for rewriting. Function level: no render."""
from __future__ import annotations

import textwrap

import pytest

from briefkit import __main__ as cli
from briefkit import editions, numbers, render, spec, validation
from briefkit.claims import ledger
from briefkit.datapackage import BriefData
from briefkit.tables import build_pieces, sources as sources_table
from briefkit.variables import book_for, compute

from .helpers import edit_line, replace_in, tiny_copy


@pytest.fixture()
def brief(tmp_path):
    numbers.use_locale("en-US")
    return tiny_copy(tmp_path)


def problems(brief):
    return [str(p) for p in validation.validate(brief)]


def facts(brief, *keys):
    book, pieces = compute(spec.load(brief), BriefData(brief.data))
    return book, pieces


def add_to_spec(brief, text: str) -> None:
    """Add entries under facts: or tables: of the copy's brief.yml (text indented as under them)."""
    path = brief.spec
    head, body = text.split("\n", 1)
    replace_in(path, f"{head}\n", f"{head}\n{textwrap.indent(textwrap.dedent(body), '  ')}")


# --- blank rows -------------------------------------------------------------------------------
def test_blank_lines_and_rows_of_empty_cells_are_ignored_and_later_rows_keep_their_numbers(brief):
    path = brief.data / "yearly.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3:3] = ["\n", ",,,,,\n"]                        # after row 3: a blank line and a row of empty cells
    path.write_text("".join(lines) + "\n", encoding="utf-8")   # and a trailing blank line
    assert problems(brief) == []
    # a value out of range below them is named by its own line of the file (line 6: alpha 2017)
    replace_in(brief.spec, "facts:\n", "plausible:\n  alpha: {range: [50, 1000]}\nfacts:\n")
    edit_line(path, 6, "alpha,2017,150", "alpha,2017,150000")
    [problem] = problems(brief)
    assert problem.startswith("data/tiny/yearly.csv, row 6, column 'value': 150000 is outside the plausible range")


# --- a source read again ----------------------------------------------------------------------
def test_a_source_read_on_a_new_day_adds_its_date_to_that_source_only(brief):
    edit_line(brief.data / "sources.csv", 3, "2025-06-01", "2025-06-20")   # news-wire read again
    book = book_for(spec.load(brief), BriefData(brief.data))
    listing = sources_table(book, {})
    assert listing.count("(read ") == 1
    entry = next(line for line in listing.splitlines() if "news-wire" in line)
    assert "(read 20 June 2025)" in entry
    assert "read on 1 June 2025 unless another date is shown" in listing


# --- editions -----------------------------------------------------------------------------------
def recorded_then_changed(brief):
    """Record the copy's edition as built now, then change one value under the same edition date."""
    spec_ = spec.load(brief)
    book, _ = compute(spec_, BriefData(brief.data))
    editions.record(ledger(book), BriefData(brief.data), brief, spec_.events)
    edit_line(brief.data / "yearly.csv", 10, "alpha,2024,230", "alpha,2024,235")   # a revision
    data = BriefData(brief.data)
    book, pieces = compute(spec_, data)
    return spec_, data, book, pieces


def test_changed_data_under_a_recorded_edition_date_is_a_draft_and_the_console_says_how_to_move_on(brief):
    spec_, data, book, pieces = recorded_then_changed(brief)
    line = cli.mark_draft(brief, spec_, data, book)
    assert "draft" in book["edition.date"].text
    assert line.startswith("DRAFT:") and "editions/tiny/2025-06-30.json" in line
    assert "set a new edition_date in data/tiny/datapackage.yaml" in line and "EDITION_FORCE=1" in line
    changes, _ = cli.write_changes(brief, spec_, data, book, pieces)
    for said in (line, changes):   # an edition is recorded: no line may say none is
        assert "not recorded" not in said and "no edition is recorded" not in said


def test_change_lists_print_labels_and_name_only_files_that_hold_what_they_list(brief):
    spec_, _, _, _ = recorded_then_changed(brief)
    with (brief.data / "events.csv").open("a", encoding="utf-8") as f:
        f.write("2025-06-10,A synthetic port reopens (test event).,occurred,,,stat-office\n")
    replace_in(brief.datapackage, 'edition_date: "2025-06-30"', 'edition_date: "2025-07-31"')
    data = BriefData(brief.data)
    book, pieces = compute(spec_, data)
    old = editions.latest(before="2025-07-31", brief=brief)
    changes = editions.compare(old, editions.snapshot(ledger(book), data, spec_.events))
    changes.events_file, changes.sources_file = "data/tiny/events.csv", "data/tiny/sources.csv"
    names = data.measures["label"].to_dict()
    found = {heading: (lines, where) for heading, lines, where in editions.sections(changes, names, "->")}
    values, where = found["Values changed"]
    assert any(line.startswith("Alpha flow (synthetic)") for line in values), values
    assert not any(line.startswith("alpha.") for line in values)
    assert where == "editions/tiny/2025-06-30.json (then) and claims.json (now)"
    events, where = found["Events added"]
    assert events == ["10 June 2025: A synthetic port reopens (test event)"]
    assert "A synthetic port reopens" in (brief.root / where).read_text(encoding="utf-8")
    old_text = (brief.root / old["file"]).read_text(encoding="utf-8")
    assert '"text": "230' in old_text or "230" in old_text   # the edition file holds the old value listed


# --- open items ---------------------------------------------------------------------------------
OPEN_ITEMS = """id,list,text,settled_by
beta_2025,unknown,Whether beta grew in 2025.,measure beta 2025
summit,unknown,Whether the synthetic summit takes place.,event summit occurred
judgement,unknown,What the synthetic minister intends.,
"""
OPEN_RESOURCE = """  - name: open_items
    path: open_items.csv
    title: Open items (synthetic)
    schema:
      fields:
        - {name: id, type: string, constraints: {required: true, unique: true}}
        - {name: list, type: string, constraints: {required: true}}
        - {name: text, type: string, constraints: {required: true}}
        - {name: settled_by, type: string}
      primaryKey: [id]
"""


def with_open_items(brief):
    (brief.data / "open_items.csv").write_text(OPEN_ITEMS, encoding="utf-8")
    with brief.datapackage.open("a", encoding="utf-8") as f:
        f.write(OPEN_RESOURCE)
    add_to_spec(brief, "tables:\n  unknowns: {kind: unsettled, table: open_items, list: unknown}\n")


def test_an_open_item_settled_by_new_data_leaves_the_list_and_check_names_its_row(brief):
    with_open_items(brief)
    assert "settled" not in cli.check(brief)
    _, pieces = facts(brief)
    assert "Whether beta grew in 2025" in pieces["unknowns.md"]
    edit_line(brief.data / "events.csv", 4, ",scheduled,summit,", ",occurred,summit,")   # the summit was held
    replace_in(brief.data / "sources.csv", "tests,https://example.org/tiny/news-wire,2025-06-01",
               "tests,https://example.org/tiny/news-wire,2025-09-05")
    replace_in(brief.datapackage, 'edition_date: "2025-06-30"', 'edition_date: "2025-09-30"')
    _, pieces = facts(brief)
    assert "Whether the synthetic summit takes place" not in pieces["unknowns.md"]
    assert "Whether beta grew in 2025" in pieces["unknowns.md"]
    notes = [line for line in cli.check(brief).splitlines() if line.startswith("note")]
    assert len(notes) == 1 and "data/tiny/open_items.csv, row 3: 'summit' is settled" in notes[0]


# --- assumptions and chosen sentences -------------------------------------------------------------
def test_an_assumption_that_no_longer_holds_stops_the_check_naming_file_and_line(brief):
    qmd = brief.reports / "brief.qmd"
    text = qmd.read_text(encoding="utf-8")
    qmd.write_text(text + '\n[The 2016 alpha figure was leaked.]{assume="alpha 2016 leaked"}\n', encoding="utf-8")
    line = len(text.splitlines()) + 2
    assert problems(brief) == []
    edit_line(brief.data / "yearly.csv", 3, "leaked,Leaked figure; not officially published.", "final,")
    assert problems(brief) == [f"reports/tiny/brief.qmd, line {line}: assumes alpha 2016 leaked; now alpha 2016 is "
                               f"final: rewrite this sentence for the new data (and its assume=\"…\")"]


CHOOSE = """facts:
  alpha.status_sentence:
    op: choose
    cases:
      - {when: alpha 2016 leaked, text: "Alpha's {alpha.leaked_periods} figure was leaked."}
      - {text: "Every alpha figure is published."}
  alpha.partial_sentence:
    op: choose
    cases:
      - {when: alpha has partial, text: "So far in {alpha.partial_period}: {alpha.partial}."}
      - {text: "{alpha.latest_period} is complete: {alpha.latest}."}
"""


def test_a_chosen_sentence_follows_leaked_to_final_and_partial_to_complete_without_an_edit(brief):
    add_to_spec(brief, CHOOSE)
    qmd = brief.reports / "brief.qmd"
    replace_in(qmd, " Partial: {{< meta facts.alpha.partials_described >}}.", "")   # the chosen sentence says it
    qmd.write_text(qmd.read_text(encoding="utf-8") + "\n{{< meta facts.alpha.status_sentence >}} "
                   "{{< meta facts.alpha.partial_sentence >}}\n", encoding="utf-8")

    def said():
        book, _ = facts(brief)
        return re_plain(book["alpha.status_sentence"].text), re_plain(book["alpha.partial_sentence"].text)
    assert said() == ("Alpha's 2016 figure was leaked.", "So far in 2025: $90 million.")
    edit_line(brief.data / "yearly.csv", 3, "leaked,Leaked figure; not officially published.", "final,")
    edit_line(brief.data / "yearly.csv", 11, "alpha,2025,90,partial,January–March 2025 only.",
              "alpha,2025,260,final,")
    with (brief.data / "yearly.csv").open("a", encoding="utf-8") as f:   # beta's 2025 with alpha's (same_period)
        f.write("beta,2025,210,final,,mirror-site\n")
    replace_in(brief.data / "sources.csv", "tests,https://example.org/tiny/stat-office,2025-06-01",
               "tests,https://example.org/tiny/stat-office,2026-01-15")
    replace_in(brief.datapackage, 'edition_date: "2025-06-30"', 'edition_date: "2026-01-31"')
    assert problems(brief) == []
    status, partial = said()
    assert status == "Every alpha figure is published."
    assert partial.startswith("2025 is complete: ") and "260" in partial


def re_plain(text: str) -> str:
    import re
    return re.sub(r"\[([^\]]*)\]\{[^}]*\}", r"\1", text).replace("\\", "")


# --- page budgets ---------------------------------------------------------------------------------
def test_a_body_over_budget_names_the_part_by_how_much_and_what_to_cut(brief):
    report = render.Report(brief, "brief")          # page-budget {min: 1, max: 3}
    pages = [set(), set(), set(), set(), {"appendix"}, set()]
    message = render.over_budget(report, pages)
    assert message.startswith("brief.pdf: the body runs to 5 pages, 2 over its budget of 1–3")
    assert "page-budget in" in message and "Cut the body" in message
    assert render.over_budget(report, [set(), {"appendix"}, set()]) == ""
