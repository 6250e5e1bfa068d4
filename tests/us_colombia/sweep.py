"""The update sweep's machinery: realistic updates to a copy of data/us-colombia/ (an analyst's next
reading of the sources), the build's steps at function level (check, facts and pieces, the documents'
shortcodes resolved to the Markdown a reader sees) and the oracles the resolved text must satisfy.

Every oracle recomputes from the CSV rows with plain Python, not through the engine's summaries, so a
wrong engine word cannot agree with itself. Used by test_update_sweep.py (hypothesis) and by hand."""
from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from briefkit import BriefError, numbers, render, validation, variables
from briefkit import spec as briefspec
from briefkit.assumptions import settles
from briefkit.datapackage import BriefData
from briefkit.files import write_if_changed
from briefkit.paths import Brief
from briefkit.variables import SHORTCODE

from .conftest import NAME, ROOT, publish_on

BASE = ROOT / "data" / NAME
DATA_DATE = dt.date(2026, 11, 25)          # the latest 'accessed' in sources.csv as committed
OBSERVATION_FIELDS = ["measure", "period", "value", "status", "note", "source_id"]


def read(file: Path) -> list[dict]:
    with file.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def observation_tables(folder: Path = BASE) -> list[str]:
    return sorted(p.name for p in folder.glob("*.csv") if open(p, encoding="utf-8").readline().strip()
                  == ",".join(OBSERVATION_FIELDS))


MEASURES = {m["id"]: m for m in read(BASE / "measures.csv")}
SPEC = briefspec.load(Brief(NAME, ROOT))
PLAUSIBLE = SPEC.document.get("plausible") or {}
# measures the spec quotes as one survey (same_period): a new round updates them together
SURVEYS = [tuple(e["of"]) for e in SPEC.facts.values() if e.get("op") == "same_period"]
OPEN_TABLES = sorted({t["table"] for t in SPEC.tables.values() if t.get("kind") == "unsettled"})


def can_be_zero(measure: str) -> bool:
    """A measure whose count can really fall to nothing (eradication suspended, a border closed): its
    plausible range starts at 0, or it has no range and counts things rather than shares."""
    rule = PLAUSIBLE.get(measure)
    if rule:
        return rule.get("range", [1])[0] == 0
    return MEASURES[measure]["unit"] not in ("percent",)


# --- periods ------------------------------------------------------------------------------
def period_end(period: str, kind: str) -> dt.date:
    return validation.period_span(period, kind)[1]


def period_start(period: str, kind: str) -> dt.date:
    return validation.period_span(period, kind)[0]


def next_period(period: str, kind: str, step: int = 1) -> str:
    if kind == "month":
        year, month = int(period[:4]), int(period[5:7]) + step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        return f"{year}-{month:02d}"
    return str(int(period) + step)


# --- one copy of the brief ----------------------------------------------------------------
@dataclass
class Copy:
    """data/, reports/ and editions/ of the brief under `root`, edited as an analyst would."""

    root: Path
    date: dt.date = DATA_DATE         # the data date: the latest day a source was read
    applied: list[str] = field(default_factory=list)
    sources_added: int = 0

    def __post_init__(self):
        for part in ("data", "reports", "editions"):
            if (ROOT / part / NAME).exists():
                shutil.copytree(ROOT / part / NAME, self.root / part / NAME,
                                ignore=shutil.ignore_patterns("__pycache__", "_metadata.yml"))
        self.brief = Brief(NAME, self.root)
        self.data = self.root / "data" / NAME

    # rows
    def rows(self, file: str) -> list[dict]:
        return read(self.data / file)

    def write(self, file: str, rows: list[dict], fields: list[str] | None = None) -> None:
        fields = fields or list(read_header(self.data / file))
        with (self.data / file).open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)

    def observations(self) -> list[tuple[str, dict]]:
        return [(t, r) for t in observation_tables(self.data) for r in self.rows(t)]

    def series(self, measure: str) -> list[dict]:
        rows = [r for _, r in self.observations() if r["measure"] == measure]
        return sorted(rows, key=lambda r: r["period"])

    def table_of(self, measure: str) -> str:
        return next(t for t, r in self.observations() if r["measure"] == measure)

    def update_row(self, measure: str, period: str, **cells) -> bool:
        table = self.table_of(measure)
        rows = self.rows(table)
        hit = [r for r in rows if r["measure"] == measure and r["period"] == period]
        for r in hit:
            r.update(cells)
        self.write(table, rows)
        return bool(hit)

    def append(self, file: str, row: dict) -> None:
        self.write(file, self.rows(file) + [row])

    def delete(self, measure: str, period: str) -> None:
        table = self.table_of(measure)
        self.write(table, [r for r in self.rows(table) if not (r["measure"] == measure and r["period"] == period)])

    def new_source(self, what: str, day: dt.date | None = None, grade: str = "official") -> str:
        """A source read on `day` (default the copy's data date), as every new value needs one."""
        day = max(day or self.date, DATA_DATE)
        self.date = max(self.date, day)
        self.sources_added += 1
        sid = f"sweep-{self.sources_added:03d}"
        self.append("sources.csv", {"id": sid, "publisher": "Sweep Statistics Office (test)",
                                    "title": f"Test source: {what}"[:300],
                                    "url": f"https://example.org/sweep/{sid}", "accessed": day.isoformat(),
                                    "grade": grade})
        return sid

    def publish(self) -> None:
        """The edition date follows the data date (an edition cannot predate its data)."""
        publish_on(self.data, self.date.isoformat())


def read_header(file: Path) -> list[str]:
    with file.open(encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


# --- the build at function level ------------------------------------------------------------
@dataclass
class Outcome:
    refused: list[str] = field(default_factory=list)      # each problem, one line
    texts: dict[str, str] = field(default_factory=dict)   # report name -> resolved Markdown
    book: object = None
    pieces: dict[str, str] = field(default_factory=dict)


LOCATED = re.compile(r"^(data|reports)/[\w.-]+/[\w./-]+(, (row|line) \d+|:\d+:)")
# a missing row cannot be pointed at: then the message names the row of what needs it (an event's row)
LOCATED_ELSEWHERE = re.compile(r"^(data|reports)/[\w.-]+/[\w./-]+, column '\w+': .*\b[\w-]+\.csv, row \d+")


def build(copy: Copy) -> Outcome:
    """`make check`, the facts step and the documents' shortcodes, as the build runs them; a refusal
    is any BriefError (nothing else is caught: a traceback fails the sweep)."""
    brief = copy.brief
    problems = validation.validate(brief)
    if problems:
        return Outcome(refused=[str(p) for p in problems])
    spec = briefspec.load(brief)
    numbers.use_locale(spec.lang)
    data = BriefData(brief.data)
    try:
        book, pieces = variables.compute(spec, data)
    except BriefError as exc:
        return Outcome(refused=[line for line in str(exc).splitlines() if line.strip()])
    from briefkit.__main__ import mark_draft, write_changes
    mark_draft(brief, spec, data, book)
    variables.write(spec, book, pieces)
    write_changes(brief, spec, data, book, pieces)
    write_if_changed(brief.partials / "colophon.md", "")
    facts = variables.nested(book)
    texts = {}
    for qmd in sorted(brief.reports.glob("*.qmd")):
        if qmd.name.startswith("_"):
            continue
        report = render.Report(brief, qmd.stem)
        texts[qmd.stem] = render.resolve_shortcodes(qmd.read_text(encoding="utf-8"), report, facts, str(qmd))
    return Outcome(texts=texts, book=book, pieces=pieces)


# --- oracles ----------------------------------------------------------------------------------
SPAN = re.compile(r'\[((?:[^\[\]\\]|\\.)*)\]\{\.num data-claim="([\w.]+)"[^}]*\}')
SENTENCE_END = re.compile(r"(?<=[.!?])(?:\*{1,2})?\s+(?=[A-Z*\[(])|\n\s*\n|\n- |\n\|")


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text) if s.strip()]


def claims_in(sentence: str) -> list[str]:
    return [m.group(2) for m in SPAN.finditer(sentence)]


def plain(sentence: str) -> str:
    return re.sub(r"\s+", " ", SPAN.sub(lambda m: m.group(1), sentence)).strip()


def status_of(copy: Copy) -> dict[tuple[str, str], str]:
    return {(r["measure"], r["period"]): r["status"] for _, r in copy.observations()}


def row_statuses(book, key: str, statuses: dict) -> list[str]:
    fact = book.facts.get(key)
    if fact is None:
        return []
    found = []
    for row in fact.rows:
        cells = dict(row.key)
        if "measure" in cells and "period" in cells:
            found.append(statuses.get((cells["measure"], cells["period"]), "missing"))
    return found


def complete_values(copy: Copy, measure: str) -> list[tuple[str, float]]:
    return [(r["period"], float(r["value"])) for r in copy.series(measure) if r["status"] != "partial"]


def label(measure: str, period: str) -> str:
    return numbers.period_label(period, MEASURES[measure]["period_kind"])


def record_problem(copy: Copy, measure: str, text: str) -> str | None:
    """Whether a highest/lowest/record wording matches the series, recomputed from the CSV rows."""
    rows = complete_values(copy, measure)
    values = [v for _, v in rows]
    latest = values[-1]
    unique_max = latest == max(values) and values.count(max(values)) == 1
    unique_min = latest == min(values) and values.count(min(values)) == 1
    record = len(values) >= 3 and (unique_max or unique_min)
    began = re.search(r"the (highest|lowest) since the series began in (.+?)(?:[,;.)]|$)", text)
    since = re.search(r"the (highest|lowest) since (?!the series)(.+?)(?:[,;.)]|$)", text)
    if began:
        word, first = began.groups()
        if not (unique_max if word == "highest" else unique_min) or first != label(measure, rows[0][0]):
            return f"says '{began.group(0)}' but the latest ({latest:g}) is not the unique {word} since {rows[0][0]}"
    elif since:
        word, when = since.groups()
        earlier = rows[:-1]
        beaten = [p for p, v in earlier if (v >= latest if word == "highest" else v <= latest)]
        moved = latest > values[-2] if word == "highest" else latest < values[-2]
        if not moved or not beaten or label(measure, beaten[-1]) != when:
            return f"says '{since.group(0)}' but the series' last earlier reading that far is {beaten[-1:] or 'none'}"
    if re.search(r"record (high|low)", text):
        high = "record high" in text
        if not (len(values) >= 3 and (unique_max if high else unique_min)):
            return f"says '{text}' but the latest ({latest:g}) is not a record"
    if text == "not a record" and record:
        return f"says 'not a record' but the latest ({latest:g}) is a record"
    return None


def settled_texts(copy: Copy) -> list[str]:
    data = BriefData(copy.data)
    found = []
    for table in OPEN_TABLES:
        for row in copy.rows(f"{table}.csv"):
            if settles(row["settled_by"], data, SPEC.events):
                found.append(row["text"])
    return found


def wrong(copy: Copy, outcome: Outcome) -> list[str]:
    """What the reader would see that the data contradict, one line each."""
    problems = []
    book = outcome.book
    statuses = status_of(copy)
    partial_labels = {label(m, p) for (m, p), s in statuses.items() if s == "partial"}
    everything = "\n".join(outcome.texts.values())
    # What the reader sees: the facts the documents print and every claim span in the pieces (a fact
    # computed only for a caption's comparison, such as "no leaked periods", is not printed).
    printed = {key for path in SPEC.brief.reports.glob("*.qmd")
               for key in SHORTCODE.findall(path.read_text(encoding="utf-8"))} | set(claims_in(everything))
    for key, fact in book.facts.items():
        text = fact.text.strip()
        if key in printed and (text.lower() in ("none", "nan", "inf") or re.search(r"\b(nan|NaN|inf)\b", text)):
            problems.append(f"fact {key} reads '{text}'")
        head = key.split(".")[0]
        if head in MEASURES and re.search(r"highest|lowest|record", text):
            why = record_problem(copy, head, text)
            if why:
                problems.append(f"fact {key} {why}")
    for name, text in outcome.texts.items():
        for sentence in sentences(text):
            keys = claims_in(sentence)
            if re.search(r"\b(none|nan|NaN)\b", " ".join(m.group(1) for m in SPAN.finditer(sentence))):
                problems.append(f"{name}: a value prints none/nan: {plain(sentence)[:200]}")
            if not keys:
                continue
            cited = [s for k in keys for s in row_statuses(book, k, statuses)]
            # a value the sentence states (one or two rows), not a word on the whole series' shape
            stated = [s for k in keys if len(book.facts[k].rows) <= 2 for s in row_statuses(book, k, statuses)]
            if re.search(r"\bleak", sentence, re.I) and (stated or cited) and "leaked" not in (stated or cited):
                problems.append(f"{name}: calls a value leaked, but every row it cites is published: "
                                f"{plain(sentence)[:200]}")
            named = any(re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", plain(sentence)) for p in partial_labels)
            if re.search(r"\bpartial\b|\bincomplete\b|not complete", sentence, re.I) and cited \
                    and "partial" not in cited and not named:
                problems.append(f"{name}: calls a period partial, but every row it cites is complete: "
                                f"{plain(sentence)[:200]}")
    for measure in MEASURES:
        short = re.escape(MEASURES[measure]["short_label"])
        for hit in re.finditer(rf"{short}: [^|\n]*?; (highest|lowest) since ([^|\n]+?)\s*(?:\||$)", everything):
            rows = complete_values(copy, measure)
            values = [v for _, v in rows]
            word, first = hit.groups()
            ok = values[-1] == (max(values) if word == "highest" else min(values)) and \
                values.count(values[-1]) == 1 and first == label(measure, rows[0][0])
            if not ok:
                problems.append(f"glance: '{MEASURES[measure]['short_label']}: … {word} since {first}' does not match "
                                f"{measure}")
    for item in settled_texts(copy):
        if item.rstrip(".") in everything.replace("\\", ""):
            problems.append(f"a settled open item is still listed: {item[:120]}")
    return problems


def unlocated(outcome: Outcome) -> list[str]:
    """Refusal lines that name no file with a row or line."""
    return [line for line in outcome.refused
            if not (LOCATED.match(line.strip()) or LOCATED_ELSEWHERE.match(line.strip()))]


# --- the updates an analyst makes -----------------------------------------------------------------
BASE_COPY_ROWS = [(t, r) for t in observation_tables() for r in read(BASE / t)]
LEAKED = sorted((r["measure"], r["period"]) for _, r in BASE_COPY_ROWS if r["status"] == "leaked")
PARTIAL = sorted((r["measure"], r["period"]) for _, r in BASE_COPY_ROWS if r["status"] == "partial")
FINAL = sorted((r["measure"], r["period"]) for _, r in BASE_COPY_ROWS if r["status"] == "final")
SERIES = sorted({r["measure"] for _, r in BASE_COPY_ROWS})
ZERO_CAN = [m for m in SERIES if can_be_zero(m)]
YEARLY = [m for m in SERIES if MEASURES[m]["period_kind"] != "month"
          and sum(1 for _, r in BASE_COPY_ROWS if r["measure"] == m and r["status"] != "partial") >= 4]
EVENTS = read(BASE / f"{SPEC.events}.csv") if SPEC.events else []
SCHEDULED = [e["tag"] or e["event"] for e in EVENTS if e["status"] == "scheduled"]
SOURCE_IDS = [s["id"] for s in read(BASE / "sources.csv")]
CATEGORIES = sorted({e["category"] for e in EVENTS if "category" in e}) or ["other"]


def _clear_note(note: str) -> str:
    """A leaked or partial value's note says so; once published or complete, that note goes."""
    return "" if re.search(r"leak|unpublished|only|through|to date|incomplete|cut-off|not stated", note, re.I) else note


def leaked_to_final(copy: Copy, measure: str, period: str, factor: float) -> str:
    row = next((r for r in copy.series(measure) if r["period"] == period and r["status"] == "leaked"), None)
    if row is None:
        return ""
    value = round(float(row["value"]) * factor, 3)   # the official figure may differ a little from the leak
    copy.update_row(measure, period, status="final", value=f"{value:g}", note=_clear_note(row["note"]),
                    source_id=copy.new_source(f"{measure} {period} published"))
    return f"{measure} {period}: leaked -> final ({value:g})"


def partial_to_final(copy: Copy, measure: str, period: str, factor: float, days: int) -> str:
    row = next((r for r in copy.series(measure) if r["period"] == period and r["status"] == "partial"), None)
    if row is None:
        return ""
    end = period_end(period, MEASURES[measure]["period_kind"])
    day = max(copy.date, end + dt.timedelta(days=days))
    value = round(float(row["value"]) * factor, 3)    # a full period has at least what its part had
    copy.update_row(measure, period, status="final", value=f"{value:g}", note=_clear_note(row["note"]),
                    source_id=copy.new_source(f"{measure} {period} complete", day))
    return f"{measure} {period}: partial -> final ({value:g})"


def new_period(copy: Copy, measure: str, factor: float, step: int, days: int) -> str:
    """The next period after any the series has, at a plausible value (within ±30% of the latest)."""
    kind = MEASURES[measure]["period_kind"]
    series = copy.series(measure)
    complete = [r for r in series if r["status"] != "partial"]
    if not complete:
        return ""
    period = next_period(series[-1]["period"], kind, step)
    end = period_end(period, kind)
    day = max(copy.date, period_start(period, kind) + dt.timedelta(days=days))
    partial = end >= day
    value = round(float(complete[-1]["value"]) * factor, 3)
    if partial:
        value = round(value * max(0.05, min(1, (day - period_start(period, kind)).days / 365)), 3)
    if "unit" in MEASURES[measure] and MEASURES[measure]["unit"] == "percent":
        value = min(value, 99.0)
    source = copy.new_source(f"{measure} {period}", day)
    copy.append(copy.table_of(measure), {
        "measure": measure, "period": period, "value": f"{value:g}", "status": "partial" if partial else "final",
        "note": f"Through {numbers.date_label(day.isoformat())}." if partial else "", "source_id": source})
    return f"{measure} {period}: new {'partial' if partial else 'final'} value {value:g}"


def survey_round(copy: Copy, measures: tuple[str, ...], step: int, shift: float) -> str:
    """A new round of a survey the brief quotes as one: every question at the same month."""
    latest = max(copy.series(m)[-1]["period"] for m in measures)
    period = next_period(latest, "month", step)
    day = max(copy.date, period_end(period, "month") + dt.timedelta(days=3))
    source = copy.new_source(f"survey of {period}", day)
    for m in measures:
        value = max(1.0, min(99.0, float(copy.series(m)[-1]["value"]) + shift))
        copy.append(copy.table_of(m), {"measure": m, "period": period, "value": f"{value:g}", "status": "final",
                                       "note": "", "source_id": source})
    return f"survey round {period} of {', '.join(measures)}"


def revise(copy: Copy, measure: str, period: str, factor: float) -> str:
    row = next((r for r in copy.series(measure) if r["period"] == period), None)
    if row is None or row == copy.series(measure)[-1]:
        return ""
    value = round(float(row["value"]) * factor, 3)
    copy.update_row(measure, period, value=f"{value:g}", source_id=copy.new_source(f"{measure} {period} revised"))
    return f"{measure} {period}: revised to {value:g}"


def gap(copy: Copy, measure: str, where: float) -> str:
    """A middle period withdrawn (the source no longer gives it)."""
    complete = [r for r in copy.series(measure) if r["status"] != "partial"]
    if len(complete) < 4:
        return ""
    row = complete[1 + int(where * (len(complete) - 2)) % (len(complete) - 2)]
    copy.delete(measure, row["period"])
    return f"{measure} {row['period']}: deleted (a gap)"


def zero(copy: Copy, measure: str, days: int) -> str:
    """The latest period of a measure that can be zero, reported as zero (a new period)."""
    kind = MEASURES[measure]["period_kind"]
    series = copy.series(measure)
    period = next_period(series[-1]["period"], kind)
    day = max(copy.date, period_end(period, kind) + dt.timedelta(days=days))
    copy.append(copy.table_of(measure), {"measure": measure, "period": period, "value": "0", "status": "final",
                                         "note": "", "source_id": copy.new_source(f"{measure} {period} zero", day)})
    return f"{measure} {period}: zero"


def new_event(copy: Copy, days: int, category: str, labelled: bool) -> str:
    """An event that happened (before the data date) or one scheduled (after it)."""
    source = copy.new_source("a new event")
    day = copy.date + dt.timedelta(days=days)
    status = "occurred" if day <= copy.date else "scheduled"
    n = copy.sources_added
    text = f"A test event number {n}: the two governments meet to review cooperation ({status})."
    row = {"date": day.isoformat(), "category": category, "event": text, "status": status, "tag": "",
           "label": f"Test meeting {n}" if labelled else "", "source_id": source}
    copy.append(f"{SPEC.events}.csv", {k: row.get(k, "") for k in read_header(copy.data / f"{SPEC.events}.csv")})
    return f"new {status} event on {day}"


def held(copy: Copy, which: str) -> str:
    """A scheduled event reported as held (its date has passed by the data date)."""
    rows = copy.rows(f"{SPEC.events}.csv")
    hit = [r for r in rows if (r["tag"] or r["event"]) == which and r["status"] == "scheduled"]
    if not hit:
        return ""
    day = dt.date.fromisoformat(hit[0]["date"])
    source = copy.new_source(f"{which} held", max(copy.date, day + dt.timedelta(days=2)))
    for r in hit:
        r.update(status="occurred", source_id=source)
    copy.write(f"{SPEC.events}.csv", rows)
    return f"event {which}: scheduled -> occurred"


def reread(copy: Copy, source_id: str, days: int) -> str:
    """A source read again on a later day (its figures unchanged)."""
    rows = copy.rows("sources.csv")
    day = copy.date + dt.timedelta(days=days)
    copy.date = max(copy.date, day)
    for r in rows:
        if r["id"] == source_id:
            r["accessed"] = day.isoformat()
    copy.write("sources.csv", rows)
    return f"source {source_id} read again on {day}"


def settle(copy: Copy, table: str, index: int) -> str:
    """An open item settled: the data its settled_by names are added."""
    rows = [r for r in copy.rows(f"{table}.csv") if r["settled_by"].strip()]
    if not rows:
        return ""
    words = rows[index % len(rows)]["settled_by"].split()
    if words[0] == "event":
        tag = words[1]
        return held(copy, tag) or new_tagged_event(copy, tag)
    if words[0] == "measure":
        measure, period = words[1], words[2]
        kind = MEASURES[measure]["period_kind"]
        day = max(copy.date, period_end(period, kind) + dt.timedelta(days=20))
        if copy.update_row(measure, period, status="final", note="",
                           source_id=copy.new_source(f"{measure} {period}", day)):
            return f"open item settled: {measure} {period} final"
        latest = copy.series(measure)[-1]["value"]
        copy.append(copy.table_of(measure), {"measure": measure, "period": period, "value": latest, "status": "final",
                                             "note": "", "source_id": copy.new_source(f"{measure} {period}", day)})
        return f"open item settled: {measure} {period} added"
    return ""


def new_tagged_event(copy: Copy, tag: str) -> str:
    source = copy.new_source(f"event {tag}")
    row = {"date": copy.date.isoformat(), "category": CATEGORIES[0], "event": f"The event tagged {tag} happens (test).",
           "status": "occurred", "tag": tag, "label": "", "source_id": source}
    copy.append(f"{SPEC.events}.csv", {k: row.get(k, "") for k in read_header(copy.data / f"{SPEC.events}.csv")})
    return f"open item settled: event {tag} added"


UPDATES = {"leaked_to_final": leaked_to_final, "partial_to_final": partial_to_final, "new_period": new_period,
           "survey_round": survey_round, "revise": revise, "gap": gap, "zero": zero, "new_event": new_event,
           "held": held, "reread": reread, "settle": settle}


def apply(copy: Copy, updates: list[tuple]) -> None:
    for kind, *args in updates:
        done = UPDATES[kind](copy, *args)
        if done:
            copy.applied.append(done)
    copy.publish()


# --- sentences of the current prose that an update breaks, passed to the brief's editor ----------
# Each: a fragment of the violation as the sweep words it -> the sentence and the update that breaks it.
# The sweep counts these apart from `wrong` (they are the editor's to rewrite with choose/assume);
# remove an entry once the documents no longer print that sentence.
# Sentences known to break under an update, until the editor rewrites them (none at present: the
# December edition words these from the data's state with `choose`).
PROSE_PENDING: dict[str, str] = {}


def pending(problem: str) -> str | None:
    return next((why for fragment, why in PROSE_PENDING.items() if fragment in problem), None)
