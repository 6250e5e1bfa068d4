"""The generated pieces a brief's documents include with `{{< include >}}`: figure blocks with
their captions and alt text, and the generic table kinds a spec names (`tables:` in brief.yml):

    glance       one row per item of a table (an issue, a country ...), its columns and a key indicator
    stances      per item: each actor's stance with its cited source, one piece per row
    per_row      per item: one column as a labelled box ("What to watch"), one piece per row
    key_dates    the labelled events, one line each
    other_events the events key_dates does not show, each with its source
    events_after the events in the days after a tagged event (what was reported from it)
    values       measures by period: each measure's values in its latest periods, one row each
    unsettled    what the brief could not establish, or what to watch: rows of a table (id, list, issue,
                 text, settled_by), one list or one piece per issue; an item the data settle leaves it
    data_notes   every value flagged in the data (status other than final, or a note)
    sources      every source with publisher, title, grade and URL

Every number in them is a fact from the brief's FactBook, printed as a claim."""
from __future__ import annotations

import re

import pandas as pd

from . import markdown as md
from . import numbers as fmt
from .assumptions import settles
from .claims import Printed, marked, plain
from .facts import GRADES, WEAK_MARK, FactBook
from .spec import Spec

FIGURE_DIR_FROM_REPORTS = "../../figures"


def pipe_table(header: list[str], rows: list[list[str]], widths: list[int], caption: str, label: str) -> str:
    """A pipe table; dash counts set relative column widths in both Quarto and pandoc."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("-" * w for w in widths) + "|"]
    lines += ["| " + " | ".join(md.text(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + f"\n\n: {md.text(caption)} {{#{label}}}\n"


def source_note(text: str) -> str:
    return f"\n[{md.text(text)}]{{.source}}\n"


def filled(template: str, book: FactBook, row: pd.Series | None = None) -> md.Markdown:
    """Markdown: a spec's text (the brief's own words, as written) with {fact.key} (a fact's words)
    and, for a row, {column} (a cell) filled in as text."""
    def value(match: re.Match) -> str:
        name = match.group(1)
        if row is not None and name in row.index:
            return md.text(row[name])
        return md.text(book[name].text)
    return md.Markdown(re.sub(r"\{([\w.]+)\}", value, template))


def anchor(template: str, row: pd.Series) -> str:
    """A section's id from a spec's template and a row: 'issue-{id}' -> 'issue-counter-narcotics'."""
    text = re.sub(r"\{(\w+)\}", lambda m: str(row[m.group(1)]), template)
    return re.sub(r"[^a-z0-9-]+", "-", text.lower())


def cite(book: FactBook, source_id: str) -> str:
    """A short citation: the publisher, linked to its entry in the Sources list, which gives the
    title, grade and URL (a footnote per stance would cost the brief a page)."""
    s = book.data.sources.loc[source_id]
    return f" [({md.text(s['publisher'])})](#src-{source_id}){{.cite}}"


# --- figures --------------------------------------------------------------------------
def figure_block(spec: Spec, name: str, book: FactBook) -> str:
    """The figure with its caption (numbers as claims) and alt text, and its source line, in one box."""
    figure = spec.figures[name]
    caption = spec.words(figure["caption"], f"figures.{name}.caption")(Printed(book))
    alt = spec.words(figure["alt"], f"figures.{name}.alt")(Printed(book, plain))
    image = (f"![{caption}]({FIGURE_DIR_FROM_REPORTS}/{spec.brief.name}/{name}.svg)"
             f"{{#fig-{name} fig-alt={md.attribute(alt)}}}\n")
    box = "figure-half" if figure.get("half") else "figure-full"
    return f"::: {{.{box}}}\n{image}\n[{source_line(book, name, figure)}]{{.source}}\n:::\n"


def source_line(book: FactBook, name: str, figure: dict) -> md.Markdown:
    """'Source: <publisher>; accessed …', or the producers and how many documents the data came from
    (a count of sources, so a claim like any other number)."""
    from .spec import figure_measures

    data, measures = book.data, figure_measures(figure)
    rows = data.observations[data.observations["measure"].isin(measures)]
    producers = list(dict.fromkeys(data.measures.loc[measures, "producer"]))
    ids = sorted(set(rows["source_id"]))
    accessed = fmt.date_label(data.sources.loc[ids, "accessed"].max())
    if len(ids) == 1:
        return md.Markdown(md.text(f"Source: {data.sources.loc[ids[0], 'publisher']}; accessed {accessed}."))
    key = f"figures.{name}.documents"
    book.facts[key] = book.make(key, str(len(ids)), value=len(ids), rows=[r for _, r in rows.iterrows()],
                                method="count of sources")
    return md.Markdown(f"{md.text('Source: ' + '; '.join(producers))}, as published in {marked(book[key])} "
                       f"documents listed in the brief's sources; accessed {md.text(accessed)}.")


# --- tables of items ---------------------------------------------------------------------
def items(book: FactBook, table: dict) -> pd.DataFrame:
    frame = book.data.table(table["table"])
    return frame.sort_values(table["order"]) if table.get("order") else frame


def trend_word(book: FactBook, measure: str) -> str:
    """Short trend for tables: a record with the year its series starts, else the change on a year
    earlier, else no trend at all: a change between two nearby counts (say, two months) is not one."""
    record = book[f"{measure}.record"].text
    if record != "not a record":   # "highest since 2001": the reader sees where the series starts
        return f"{'highest' if 'highest' in record else 'lowest'} since {book[f'{measure}.first_period'].text}"
    change = book[f"{measure}.change_1y"]
    if not change.text.startswith("no comparable"):
        return md.Markdown(marked(change))
    return "latest count found"


def indicator(book: FactBook, measure: str) -> md.Markdown:
    status = book.summary(measure).latest["status"]
    qualifier = f", {status.replace('_', ' ')}" if status in ("leaked", "lower_bound") else ""
    return md.Markdown(f"{md.text(book.data.measures.loc[measure, 'short_label'])}: "
                       f"{marked(book[f'{measure}.latest_short'])} ({marked(book[f'{measure}.latest_period'])}"
                       f"{md.text(qualifier)}); {md.text(trend_word(book, measure))}")


def glance(book: FactBook, table: dict) -> str:
    """One row per item: its name (linked to its section when `link` is given), the columns the
    spec lists, and the item's key indicator."""
    links = book.data.table(table["indicators"]["table"])
    ind = table["indicators"]
    key_measure = links[links[ind["key"]]].set_index(ind["item"])[ind["measure"]]
    rows = []
    for _, item in items(book, table).iterrows():
        name = md.strong(item[table["name"]])
        if table.get("link"):
            name = md.Markdown(f"[{name}](#{anchor(table['link'], item)})")
        cells = [item[c] for c in table["columns"]]
        if table.get("capitalise"):
            cells = [c.capitalize() if col in table["capitalise"] else c for c, col in zip(cells, table["columns"])]
        rows.append([name, *cells, indicator(book, key_measure[item[table["key"]]])])
    return pipe_table(table["header"], rows, table["widths"], table["caption"], table["label"]) + \
        source_note(table["note"])


def stances(book: FactBook, table: dict, item: pd.Series) -> str:
    """Each actor's stance on one item, with the weak-source mark and a citation."""
    parts = []
    for actor in table["actors"]:
        source = item[actor["source"]]
        parts.append(f"**{filled(actor['heading'], book, item)}** {md.text(item[actor['stance']])}"
                     f"{book.weak_mark(source)}{cite(book, source)}")
    closing = f" *{filled(table['closing'], book, item)}*" if table.get("closing") else ""
    return "\n\n".join(parts) + closing + "\n"


def per_row(book: FactBook, table: dict, item: pd.Series) -> str:
    return f"::: {{.{table.get('class', 'box')}}}\n**{table['label']}** {md.text(item[table['column']])}\n:::\n"


def values(book: FactBook, table: dict) -> str:
    """One row per measure, one column per period (the latest `periods` any of them has); a period a
    measure lacks is marked as missing, never filled in."""
    measures = table["measures"]
    summaries = [book.summary(m) for m in measures]
    periods = sorted({p for s in summaries for p in s.rows["period"]})[-table.get("periods", 5):]
    rows = []
    for s in summaries:
        cells = [md.Markdown(marked(book[f"{s.measure}.value_{p.replace('-', '_')}"])) if s.at(p) is not None
                 else "–" for p in periods]
        rows.append([book.data.measures.loc[s.measure, "label"], *cells])
    header = ["", *(summaries[0].label_of(pd.Series({"period": p})) for p in periods)]
    widths = [30, *[10] * len(periods)]
    return pipe_table(header, rows, widths, table["caption"], table["label"]) + (
        source_note(filled(table["note"], book)) if table.get("note") else "")


# --- events ------------------------------------------------------------------------------
def schedule_note(book: FactBook, event: pd.Series) -> str:
    """Scheduled events are marked; once their date has passed without a sourced outcome, the brief says so."""
    if event["status"] != "scheduled":
        return ""
    return " (scheduled; no outcome found)" if event["date"] <= book.data.sources["accessed"].max() else " (scheduled)"


def other_events(book: FactBook, table: dict) -> str:
    """The events the key-dates table does not show (those without a label), each with its source."""
    events = book.event_table()
    events = events[events["label"] == ""].sort_values("date", kind="stable")
    rows = [[fmt.date_label(e["date"]) + schedule_note(book, e),
             md.Markdown(md.text(e["event"]) + book.weak_mark(e["source_id"]))]
            for _, e in events.iterrows()]
    span = f"{fmt.date_label(events['date'].iloc[0])} to {fmt.date_label(events['date'].iloc[-1])}"
    caption = table["caption"].replace("{span}", span)
    publishers = len(set(events["source_id"]))
    return pipe_table(["Date", "Event"], rows, table.get("widths", [12, 88]), caption, table["label"]) + source_note(
        f"Source: {publishers} press and official reports listed under Sources, one per event; "
        f"{WEAK_MARK} marks an event reported only by a weak source.")


def events_after(book: FactBook, table: dict) -> str:
    """What was reported from a tagged event: the events dated on it or in the `days` after, each cited."""
    events = book.event_table()
    day = pd.Timestamp(book.event(table["event"])["date"])
    dates = pd.to_datetime(events["date"])
    after = events[(dates >= day) & (dates <= day + pd.Timedelta(days=table.get("days", 7)))
                   & (events["tag"] != table["event"])]
    prefix = re.compile(table.get("strip", r"^$"))
    lines = [f"- {md.text(prefix.sub('', e['event']))}{book.weak_mark(e['source_id'])}{cite(book, e['source_id'])}"
             for _, e in after.iterrows()]
    return "\n".join(lines) + "\n"


def key_dates(book: FactBook, table: dict) -> str:
    """The labelled events, one line each: the story at a glance."""
    events = book.event_table()
    events = events[events["label"] != ""].sort_values("date", kind="stable")
    rows = [[fmt.date_label(e["date"]), e["label"] + book.weak_mark(e["source_id"]) + schedule_note(book, e)]
            for _, e in events.iterrows()]
    body = pipe_table(["Date", "Event"], rows, table.get("widths", [15, 27]), table["caption"], table["label"])
    return ("::: {.table-half}\n" + body
            + source_note(f"Source: one dated report per event, listed under Sources; {WEAK_MARK} weak sources only.")
            + ":::\n")


# --- data notes and sources -------------------------------------------------------------
def data_notes(book: FactBook, table: dict) -> str:
    """Every value whose status is not final or that carries a note; values sharing a status and a
    note are listed once ("Aid disbursed and Aid obligated, FY2025: partial. ...")."""
    obs = book.data.observations
    flagged = obs[(obs["status"] != "final") | (obs["note"] != "")].sort_values(["measure", "period"])
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for _, row in flagged.iterrows():
        m = book.data.measures.loc[row["measure"]]
        groups.setdefault((row["status"], row["note"]), []).append(
            (m["short_label"], fmt.period_label(row["period"], m["period_kind"])))
    lines = []
    for (status, note), values in groups.items():
        text = _which_values(values)
        if status != "final":
            text += f": {status.replace('_', ' ')}"
        if note:
            text += f"{'.' if status != 'final' else ':'} {note}"
        lines.append(f"- {md.text(text if text.endswith(('.', ')')) else text + '.')}")
    return "::: {.caveats}\n" + "\n".join(lines) + "\n:::\n"


def _which_values(values: list[tuple[str, str]]) -> str:
    """'Aid disbursed and Aid obligated, FY2025', 'Venezuelans in Colombia, December 2019 and
    February 2020', or 'A, 2020; B, 2021'."""
    labels, periods = list(dict.fromkeys(v[0] for v in values)), list(dict.fromkeys(v[1] for v in values))
    if len(periods) == 1:
        return f"{' and '.join(labels)}, {periods[0]}"
    if len(labels) == 1:
        return f"{labels[0]}, {' and '.join(periods)}"
    return "; ".join(f"{label}, {period}" for label, period in values)


def display_url(url: str) -> str:
    """The URL as printed: without its scheme, which print readers do not need, otherwise intact."""
    return re.sub(r"^https?://(www\.)?", "", url)


GRADE_DEFINITIONS = {"official": "government or UN publication",
                     "established": "recognised news organisation or research body, or its wire copy",
                     "weak": "aggregator, reprint, mirror or unknown site"}


def grade_marker(grade: str) -> md.Markdown:
    """A grade as a one-letter marker (O, E, W) that the list's legend explains."""
    return md.Markdown(f"[{grade[0].upper()}]{{.grade title={md.attribute(grade)}}}")


def sources(book: FactBook, table: dict) -> str:
    """Every source with its publisher, title, grade and URL (intact), grouped by publisher; the
    access date is given once when all sources share it, and grades are one-letter markers."""
    listed = book.data.sources.sort_values(["publisher", "title", "url"], key=lambda column: column.str.lower())
    # The date most sources were read on is given once; only a source read on another day shows its
    # own, so one source read anew adds a date to one entry, not to all of them.
    usual = listed["accessed"].value_counts().sort_index(ascending=False).idxmax()
    one_date = (listed["accessed"] == usual).all()
    entries = []
    for publisher, group in listed.groupby("publisher", sort=False):
        one_grade = group["grade"].nunique() == 1
        links = [md.text(s["title"]) + ("" if one_grade else " " + grade_marker(s["grade"])) + " "
                 + md.link(display_url(s["url"]), s["url"]) + f"{{#src-{s.name}}}"
                 + ("" if s["accessed"] == usual else f" (read {md.text(fmt.date_label(s['accessed']))})")
                 for _, s in group.iterrows()]
        head = md.strong(publisher) + (" " + grade_marker(group["grade"].iloc[0]) if one_grade else "")
        entries.append(f"- {head}: " + "; ".join(links) + ".")
    legend = "; ".join(f"{grade_marker(g)} {g} ({GRADE_DEFINITIONS[g]}): {marked(book[f'grades.{g}'])}" for g in GRADES)
    count = marked(book["edition.source_count"])
    if len(listed) == 1:
        intro = f"The one source was read on {fmt.date_label(usual)}. "
    elif one_date:
        intro = f"All {count} sources were read on {fmt.date_label(usual)}. "
    else:
        intro = f"The {count} sources were read on {fmt.date_label(usual)} unless another date is shown. "
    intro += f"Grades: {legend}. The data package gives, for each source, the rows it supports.\n\n"
    return intro + "::: {.sources}\n" + "\n".join(entries) + "\n:::\n"


def unsettled(book: FactBook, table: dict) -> pd.DataFrame:
    """The rows of one list (`list:` in the spec) that the data do not yet settle."""
    rows = book.data.table(table["table"])
    rows = rows[rows["list"] == table["list"]]
    return rows[[not settles(c, book.data, book.events) for c in rows["settled_by"]]]


def open_list(book: FactBook, table: dict) -> str:
    items = [f"- {md.text(text)}" for text in unsettled(book, table)["text"]]
    return f"::: {{.{table.get('class', table['list'] + 's')}}}\n" + "\n".join(items) + "\n:::\n" if items else ""


def open_pieces(book: FactBook, name: str, table: dict) -> dict[str, str]:
    """One piece per value of the `per` column (say, per issue): its open items as one box."""
    items = unsettled(book, table)
    groups = book.data.table(table["table"])
    pieces = {}
    for key in sorted(set(groups[groups["list"] == table["list"]][table["per"]])):
        texts = items[items[table["per"]] == key]["text"]
        pieces[f"{name}-{key}.md"] = (f"::: {{.{table.get('class', table['list'])}}}\n**{table['label']}** "
                                      + " ".join(md.text(t) for t in texts) + "\n:::\n") if len(texts) else ""
    return pieces


# What each table kind needs in its spec entry (brief.yml, tables:), checked before anything is built.
REQUIRED_KEYS = {"glance": ("table", "key", "name", "columns", "header", "widths", "indicators", "caption", "label",
                            "note"),
                 "stances": ("table", "key", "actors"), "per_row": ("table", "key", "column", "label"),
                 "values": ("measures", "caption", "label"), "key_dates": ("caption", "label"),
                 "other_events": ("caption", "label"), "events_after": ("event",), "data_notes": (), "sources": (),
                 "unsettled": ("table", "list")}
NEEDS_EVENTS = ("key_dates", "other_events", "events_after")


def table_problems(spec: Spec) -> list[str]:
    """Each table's kind is one the engine has, and its entry has the keys that kind needs."""
    found = []
    for name, table in spec.tables.items():
        kind = table.get("kind")
        if kind not in REQUIRED_KEYS:
            found.append(f"{spec.file}, key 'tables.{name}.kind': unknown table kind {kind!r}; there are "
                         f"{', '.join(REQUIRED_KEYS)}")
            continue
        missing = [key for key in REQUIRED_KEYS[kind] if key not in table]
        if missing:
            found.append(f"{spec.file}, key 'tables.{name}': a {kind} table needs {', '.join(missing)}")
        if kind in NEEDS_EVENTS and not spec.events:
            found.append(f"{spec.file}, key 'tables.{name}': a {kind} table lists events: name the events table "
                         f"with `events:`")
    return found


WHOLE_TABLES = {"glance": glance, "values": values, "key_dates": key_dates, "other_events": other_events, "events_after": events_after,
                "data_notes": data_notes, "sources": sources}
ROW_TABLES = {"stances": stances, "per_row": per_row}


def build_pieces(spec: Spec, book: FactBook) -> dict[str, str]:
    """Every generated piece, by file name: fig-NAME.md per figure, NAME.md per table, and
    NAME-ITEM.md per row for the kinds that make one piece per row."""
    pieces = {f"fig-{name}.md": figure_block(spec, name, book) for name in spec.figures}
    for name, table in spec.tables.items():
        kind = table["kind"]
        if kind == "unsettled" and table.get("per"):
            pieces.update(open_pieces(book, name, table))
        elif kind == "unsettled":
            pieces[f"{name}.md"] = open_list(book, table)
        elif kind in ROW_TABLES:
            for _, item in items(book, table).iterrows():
                pieces[f"{name}-{item[table['key']]}.md"] = ROW_TABLES[kind](book, table, item)
        else:
            pieces[f"{name}.md"] = WHOLE_TABLES[kind](book, table)
    return pieces
