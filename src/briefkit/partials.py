"""Markdown pieces generated from the data, which the .qmd files pull in with
`{{< include >}}`: tables, figure blocks with computed captions and alt text, stances,
the timeline and the list of sources. Numbers in them come from the same `facts`."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from . import markdown as md
from . import numbers as fmt
from .datapackage import BriefData
from .claims import marked
from .facts import Facts, summarise
from .figures import FIGURES, FigureSpec
from .grades import GRADES, WEAK_MARK, weak_mark

FIGURE_DIR_FROM_REPORTS = "../figures"


def _cell(text: str) -> str:
    return md.text(text)


def pipe_table(header: list[str], rows: list[list[str]], widths: list[int], caption: str, label: str) -> str:
    """A pipe table; dash counts set relative column widths in both Quarto and pandoc."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("-" * w for w in widths) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + f"\n\n: {md.text(caption)} {{#{label}}}\n"


def source_note(text: str) -> str:
    return f"\n[{md.text(text)}]{{.source}}\n"


def cite(data: BriefData, source_id: str) -> str:
    """A short citation: the publisher, linked to its entry in the Sources list, which gives the
    title, grade and URL (a footnote per stance would cost the brief a page)."""
    s = data.sources.loc[source_id]
    return f" [({md.text(s['publisher'])})](#src-{source_id}){{.cite}}"


def figure_block(spec: FigureSpec, data: BriefData, facts: Facts) -> str:
    """The figure with its caption and alt text, and the source line under it, in one box."""
    figure = (f"![{md.text(spec.caption(facts))}]({FIGURE_DIR_FROM_REPORTS}/{spec.name}.svg)"
              f"{{#{spec.label} fig-alt={md.attribute(spec.alt(facts))}}}\n")
    box = "figure-half" if spec.half else "figure-full"
    return f"::: {{.{box}}}\n{figure}{source_note(spec.source_line(data))}:::\n"


def trend_word(data: BriefData, measure: str, facts: Facts) -> str:
    """Short trend for tables: a record with the year its series starts, else the change on a year
    earlier, else no trend at all: a change between two nearby counts (say, two months) is not one."""
    record = facts[f"{measure}.record"].text
    if record != "not a record":   # "highest since 2001": the reader sees where the series starts
        return f"{'highest' if 'highest' in record else 'lowest'} since {facts[f'{measure}.first_period'].text}"
    change = facts[f"{measure}.change_1y"]
    if not change.text.startswith("no comparable"):
        return md.Markdown(marked(change))
    return "latest count found"


def section_id(issue_id: str) -> str:
    """The anchor of an issue's section in the brief (brief.qmd sets it on the heading)."""
    return "issue-" + issue_id.replace("_", "-")


def glance_table(data: BriefData, facts: Facts, linked: bool = False) -> str:
    """The issues at a glance; `linked` makes each issue name a link to its section (the brief
    has the sections, the summary does not)."""
    issues = data.table("issues").sort_values("order")
    links = data.table("issue_indicators")
    key = links[links["key"]].set_index("issue_id")["measure_id"]
    rows = []
    for _, issue in issues.iterrows():
        measure = key[issue["id"]]
        status = summarise(data, measure).latest["status"]
        qualifier = f", {status.replace('_', ' ')}" if status in ("leaked", "lower_bound") else ""
        indicator = md.Markdown(f"{md.text(data.measures.loc[measure, 'short_label'])}: "
                                f"{marked(facts[f'{measure}.latest_short'])} ({marked(facts[f'{measure}.latest_period'])}"
                                f"{md.text(qualifier)}); {md.text(trend_word(data, measure, facts))}")
        title = md.strong(issue["title"])
        if linked:
            title = md.Markdown(f"[{title}](#{section_id(issue['id'])})")
        rows.append([title, issue["us_priority"], issue["colombia_priority"],
                     issue["alignment"].capitalize(), indicator])
    table = pipe_table(["Issue", "US priority", "Colombia's priority (Petro government)", "Alignment", "Key indicator"], rows,
                       [14, 22, 22, 10, 22], "The issues at a glance", "tbl-glance")
    return table + source_note(
        "Source: priorities summarise the stances cited in each section; indicators come from this brief's "
        f"data package ({WEAK_MARK} rests only on weak sources). Alignment is the authors' judgement.")


def stances(data: BriefData, issue_id: str) -> str:
    """Each side's stance, named for the government that held it (the Petro government until the handover)."""
    issue = data.table("issues").set_index("id").loc[issue_id]
    handover = data.table("timeline").set_index("tag").loc["handover", "date"]
    us, co = issue["us_source_id"], issue["colombia_source_id"]
    return (f"**Washington (Trump administration).** {md.text(issue['us_stance'])}{weak_mark(data, us)}{cite(data, us)}\n\n"
            f"**Bogotá (Petro government, to {fmt.date_label(handover)}).** {md.text(issue['colombia_stance'])}"
            f"{weak_mark(data, co)}{cite(data, co)} *Alignment: {md.text(issue['alignment'])}.*\n")


def watch(data: BriefData, issue_id: str) -> str:
    issue = data.table("issues").set_index("id").loc[issue_id]
    return f"::: {{.watch}}\n**What to watch.** {md.text(issue['watch'])}\n:::\n"


def schedule_note(data: BriefData, event: pd.Series) -> str:
    """Scheduled events are marked; once their date has passed without a sourced outcome, the brief says so."""
    if event["status"] != "scheduled":
        return ""
    return " (scheduled; no outcome found)" if event["date"] <= data.sources["accessed"].max() else " (scheduled)"


def timeline_table(data: BriefData) -> str:
    """The events the key-dates table does not show (those without a label), each with its source."""
    events = data.table("timeline")
    events = events[events["label"] == ""].sort_values("date", kind="stable")
    rows = [[fmt.date_label(e["date"]) + schedule_note(data, e),
             md.Markdown(md.text(e["event"]) + weak_mark(data, e["source_id"]))]
            for _, e in events.iterrows()]
    span = f"{fmt.date_label(events['date'].iloc[0])} to {fmt.date_label(events['date'].iloc[-1])}"
    table = pipe_table(["Date", "Event"], rows, [12, 88],
                       f"Other events, {span} (key dates are tabled under Context)", "tbl-timeline")
    publishers = len(set(events["source_id"]))
    return table + source_note(f"Source: {publishers} press and official reports listed under Sources, one per event; "
                               f"{WEAK_MARK} marks an event reported only by a weak source.")


def meeting_outcomes(data: BriefData) -> str:
    """What was reported from the meeting: the events dated on it or in the week after, each cited."""
    events = data.table("timeline")
    meeting = events.loc[events["tag"] == "meeting"].iloc[0]
    day = pd.Timestamp(meeting["date"])
    after = events[(pd.to_datetime(events["date"]) >= day) & (pd.to_datetime(events["date"]) <= day + pd.Timedelta(days=7))
                   & (events["tag"] != "meeting")]
    outcome_prefix = re.compile(r"^Meeting outcome \([^)]*\):\s*")
    lines = [f"- {md.text(outcome_prefix.sub('', e['event']))}{weak_mark(data, e['source_id'])}{cite(data, e['source_id'])}"
             for _, e in after.iterrows()]
    return "\n".join(lines) + "\n"


def key_dates_table(data: BriefData) -> str:
    """The labelled events, one line each: the relationship at a glance."""
    events = data.table("timeline")
    events = events[events["label"] != ""].sort_values("date", kind="stable")
    rows = [[fmt.date_label(e["date"]), e["label"] + weak_mark(data, e["source_id"]) + schedule_note(data, e)]
            for _, e in events.iterrows()]
    table = pipe_table(["Date", "Event"], rows, [15, 27], "Key dates", "tbl-keydates")
    return ("::: {.table-half}\n" + table
            + source_note(f"Source: one dated report per event, listed under Sources; {WEAK_MARK} weak sources only.")
            + ":::\n")


def products_table(data: BriefData, facts: Facts) -> str:
    """Imports and exports side by side, largest first, for the latest year with a full breakdown."""
    products = data.table("trade_products")
    base = products[(products["year"] == products["year"].min()) & (products["hs_code"] != "")]
    sides = []
    for flow in ("us_imports", "us_exports"):
        part = base[base["flow"] == flow].sort_values("value_usd_millions", ascending=False)
        sides.append([f"{p['product']} (HS {p['hs_code']})" for _, p in part.iterrows()])
        sides.append([md.Markdown(marked(facts[f"products.{p['year']}.{flow}.hs{p['hs_code']}"])) for _, p in part.iterrows()])
    depth = max(len(col) for col in sides)
    rows = [[col[i] if i < len(col) else "" for col in sides] for i in range(depth)]
    year = int(base["year"].iloc[0])
    table = pipe_table(["US imports from Colombia", "Value", "US exports to Colombia", "Value"], rows,
                       [34, 8, 34, 8], f"Main goods traded, {year}: the latest complete official breakdown found",
                       "tbl-products")
    sources = sorted(set(base["source_id"]))
    return table + source_note(f"Source: {'; '.join(data.sources.loc[sources, 'publisher'])}; "
                               f"accessed {fmt.date_label(data.sources.loc[sources, 'accessed'].max())}. "
                               f"Values over $1 billion were rounded by the source.")


def caveats_list(data: BriefData) -> str:
    """Every value whose status is not final or that carries a note; values sharing a status and a
    note are listed once ("Aid disbursed and Aid obligated, FY2025: partial. ...")."""
    obs = data.observations
    flagged = obs[(obs["status"] != "final") | (obs["note"] != "")].sort_values(["measure", "period"])
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for _, row in flagged.iterrows():
        m = data.measures.loc[row["measure"]]
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


def sources_list(data: BriefData) -> str:
    """Every source with its publisher, title, grade and URL (intact), grouped by publisher; the
    access date is given once when all sources share it, and grades are one-letter markers."""
    items = data.sources.sort_values(["publisher", "title", "url"], key=lambda column: column.str.lower())
    dates = items["accessed"].unique()
    one_date = len(dates) == 1
    entries = []
    for publisher, group in items.groupby("publisher", sort=False):
        one_grade = group["grade"].nunique() == 1
        links = [md.text(s["title"]) + ("" if one_grade else " " + grade_marker(s["grade"])) + " "
                 + md.link(display_url(s["url"]), s["url"]) + f"{{#src-{s.name}}}"
                 + ("" if one_date else f" (read {md.text(fmt.date_label(s['accessed']))})") for _, s in group.iterrows()]
        head = md.strong(publisher) + (" " + grade_marker(group["grade"].iloc[0]) if one_grade else "")
        entries.append(f"- {head}: " + "; ".join(links) + ".")
    counts = items["grade"].value_counts()
    legend = "; ".join(f"{grade_marker(g)} {g} ({GRADE_DEFINITIONS[g]}): {counts.get(g, 0)}" for g in GRADES)
    intro = (f"All {len(items)} sources were read on {fmt.date_label(dates[0])}. " if one_date
             else f"The {len(items)} sources were read on the dates shown. ")
    intro += f"Grades: {legend}. The data package gives, for each source, the rows it supports.\n\n"
    return intro + "::: {.sources}\n" + "\n".join(entries) + "\n:::\n"


def build_partials(data: BriefData, facts: Facts) -> dict[str, str]:
    """Every generated piece, by file name."""
    parts = {f"fig-{name}.md": figure_block(spec, data, facts) for name, spec in FIGURES.items()}
    parts["glance.md"] = glance_table(data, facts)
    parts["glance-linked.md"] = glance_table(data, facts, linked=True)
    for issue_id in data.table("issues")["id"]:
        parts[f"stances-{issue_id}.md"] = stances(data, issue_id)
        parts[f"watch-{issue_id}.md"] = watch(data, issue_id)
    parts["timeline.md"] = timeline_table(data)
    parts["products.md"] = products_table(data, facts)
    parts["meeting.md"] = meeting_outcomes(data)
    parts["key-dates.md"] = key_dates_table(data)
    parts["caveats.md"] = caveats_list(data)
    parts["sources.md"] = sources_list(data)
    return parts


def write_partials(parts: dict[str, str], folder: Path) -> None:
    """Write only files whose content changed, so make sees unchanged inputs as unchanged."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in parts.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
