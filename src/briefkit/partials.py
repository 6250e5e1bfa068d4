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
from .facts import Facts
from .figures import FIGURES, FigureSpec

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
    """A footnote naming one source, linked; the Sources list gives the full URL and access date."""
    s = data.sources.loc[source_id]
    title = md.link(f"\u201c{s['title']}\u201d", s["url"])
    return f"[{md.text(s['publisher'])}, {title}.]{{.footnote}}"


def figure_block(spec: FigureSpec, data: BriefData, facts: Facts) -> str:
    """The figure with its caption and alt text, and the source line under it, in one box."""
    figure = (f"![{md.text(spec.caption(facts))}]({FIGURE_DIR_FROM_REPORTS}/{spec.name}.svg)"
              f"{{#{spec.label} fig-alt={md.attribute(spec.alt(facts))}}}\n")
    box = "figure-half" if spec.half else "figure-full"
    return f"::: {{.{box}}}\n{figure}{source_note(spec.source_line(data))}:::\n"


def trend_word(data: BriefData, measure: str, facts: Facts) -> str:
    """Short trend for tables: the record word if there is one, else the change on a year
    earlier, else the change on the previous observation."""
    record = facts[f"{measure}.record"].text
    if record != "not a record":
        return "record high" if "highest" in record else "record low"
    change = facts[f"{measure}.change_1y"]
    if not change.text.startswith("no comparable"):
        return md.Markdown(marked(change))
    return md.Markdown(f"{marked(facts[f'{measure}.change_previous'])} on {marked(facts[f'{measure}.previous_period'])}")


def glance_table(data: BriefData, facts: Facts) -> str:
    issues = data.table("issues").sort_values("order")
    links = data.table("issue_indicators")
    key = links[links["key"]].set_index("issue_id")["measure_id"]
    rows = []
    for _, issue in issues.iterrows():
        measure = key[issue["id"]]
        indicator = md.Markdown(f"{md.text(data.measures.loc[measure, 'short_label'])}: "
                                f"{marked(facts[f'{measure}.latest_short'])} ({marked(facts[f'{measure}.latest_period'])}); "
                                f"{md.text(trend_word(data, measure, facts))}")
        rows.append([md.strong(issue["title"]), issue["us_priority"], issue["colombia_priority"],
                     issue["alignment"].capitalize(), indicator])
    table = pipe_table(["Issue", "US priority", "Colombia's priority", "Alignment", "Key indicator"], rows,
                       [14, 22, 22, 10, 22], "The issues at a glance", "tbl-glance")
    return table + source_note(
        "Source: issue registry and indicators in this brief's data package; stances are the authors' "
        "summary of the sources cited in each section.")


def stances(data: BriefData, issue_id: str) -> str:
    issue = data.table("issues").set_index("id").loc[issue_id]
    return (f"**Washington.** {md.text(issue['us_stance'])}{cite(data, issue['us_source_id'])}\n\n"
            f"**Bogotá.** {md.text(issue['colombia_stance'])}{cite(data, issue['colombia_source_id'])} "
            f"*Alignment: {md.text(issue['alignment'])}.*\n")


def watch(data: BriefData, issue_id: str) -> str:
    issue = data.table("issues").set_index("id").loc[issue_id]
    return f"::: {{.watch}}\n**What to watch.** {md.text(issue['watch'])}\n:::\n"


def schedule_note(data: BriefData, event: pd.Series) -> str:
    """Scheduled events are marked; once their date has passed, the sources still only give the schedule."""
    if event["status"] != "scheduled":
        return ""
    return " (as scheduled)" if event["date"] <= data.sources["accessed"].max() else " (scheduled)"


def timeline_table(data: BriefData) -> str:
    events = data.table("timeline").sort_values("date", kind="stable")
    rows = [[fmt.date_label(e["date"]) + schedule_note(data, e), e["event"]] for _, e in events.iterrows()]
    table = pipe_table(["Date", "Event"], rows, [12, 88], "The relationship since August 2022", "tbl-timeline")
    publishers = len(set(events["source_id"]))
    return table + source_note(f"Source: {publishers} press and official reports listed under Sources; "
                               f"one report per event.")


def meeting_outcomes(data: BriefData) -> str:
    """What was reported from the meeting: the events dated on it or in the week after, each cited."""
    events = data.table("timeline")
    meeting = events.loc[events["tag"] == "meeting"].iloc[0]
    day = pd.Timestamp(meeting["date"])
    after = events[(pd.to_datetime(events["date"]) >= day) & (pd.to_datetime(events["date"]) <= day + pd.Timedelta(days=7))
                   & (events["tag"] != "meeting")]
    outcome_prefix = re.compile(r"^Meeting outcome \([^)]*\):\s*")
    lines = [f"- {md.text(outcome_prefix.sub('', e['event']))}{cite(data, e['source_id'])}" for _, e in after.iterrows()]
    return "\n".join(lines) + "\n"


def key_dates_table(data: BriefData) -> str:
    """The labelled events, one line each: the relationship at a glance."""
    events = data.table("timeline")
    events = events[events["label"] != ""].sort_values("date", kind="stable")
    rows = [[fmt.date_label(e["date"]), e["label"] + schedule_note(data, e)] for _, e in events.iterrows()]
    table = pipe_table(["Date", "Event"], rows, [15, 27], "Key dates", "tbl-keydates")
    return ("::: {.table-half}\n" + table
            + source_note("Source: dated reports cited for each event in Appendix A.") + ":::\n")


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


def measures_table(data: BriefData) -> str:
    obs = data.observations
    rows = []
    for mid, m in data.measures.iterrows():
        periods = obs.loc[obs["measure"] == mid, "period"]
        span = f"{fmt.period_label(periods.min(), m['period_kind'])}–{fmt.period_label(periods.max(), m['period_kind'])}"
        rows.append([m["label"], m["unit"], span, m["definition"]])
    return pipe_table(["Measure", "Unit", "Periods", "Definition"], rows, [20, 8, 14, 58],
                      "Measures used in this brief (from the data package; producers are named under each figure)",
                      "tbl-measures")


def caveats_list(data: BriefData) -> str:
    """Every value whose status is not final or that carries a note."""
    obs = data.observations
    flagged = obs[(obs["status"] != "final") | (obs["note"] != "")].sort_values(["measure", "period"])
    lines = []
    for _, row in flagged.iterrows():
        m = data.measures.loc[row["measure"]]
        text = f"{m['short_label']}, {fmt.period_label(row['period'], m['period_kind'])}: {row['status'].replace('_', ' ')}"
        if row["note"]:
            text += f". {row['note']}"
        lines.append(f"- {md.text(text)}")
    return "::: {.caveats}\n" + "\n".join(lines) + "\n:::\n"


def display_url(url: str) -> str:
    """The URL without its scheme, which print readers do not need."""
    return re.sub(r"^https?://(www\.)?", "", url)


def sources_list(data: BriefData) -> str:
    """Every source, grouped by publisher (titles and per-row use are in the data package)."""
    items = data.sources.sort_values(["publisher", "url"], key=lambda column: column.str.lower())
    dates = items["accessed"].unique()
    one_date = len(dates) == 1
    entries = []
    for publisher, group in items.groupby("publisher", sort=False):
        links = [md.link(display_url(s['url']), s['url']) + f"{{#src-{s.name}}}"
                 + ("" if one_date else f" (accessed {fmt.date_label(s['accessed'])})") for _, s in group.iterrows()]
        entries.append(f"- {md.strong(publisher)}: " + "; ".join(links) + ".")
    intro = (f"All {len(items)} sources were read on {fmt.date_label(dates[0])}. " if one_date
             else f"The {len(items)} sources were read on the dates shown. ")
    intro += "The data package gives, for each, a description and the rows it supports.\n\n"
    return intro + "::: {.sources}\n" + "\n".join(entries) + "\n:::\n"


def build_partials(data: BriefData, facts: Facts) -> dict[str, str]:
    """Every generated piece, by file name."""
    parts = {f"fig-{name}.md": figure_block(spec, data, facts) for name, spec in FIGURES.items()}
    parts["glance.md"] = glance_table(data, facts)
    for issue_id in data.table("issues")["id"]:
        parts[f"stances-{issue_id}.md"] = stances(data, issue_id)
        parts[f"watch-{issue_id}.md"] = watch(data, issue_id)
    parts["timeline.md"] = timeline_table(data)
    parts["products.md"] = products_table(data, facts)
    parts["meeting.md"] = meeting_outcomes(data)
    parts["key-dates.md"] = key_dates_table(data)
    parts["measures.md"] = measures_table(data)
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
