"""Published editions of a brief and what changed since the last one.

`make edition` records the current build as `editions/<brief>/<edition date>.json`: every computed value
as it reads (key, text, value, period, sources), the dated events and the sources. Each
later build compares its facts with the latest recorded edition, prints the differences and
writes them into the brief: a piece `changes.md` for the data notes and, only when a figure or
claim page 1 shows has changed, a line `changes-page1.md` under the edition line (page 1 is what
`page_one:` in brief.yml lists). Edition files are small, deterministic and committed.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import BriefError
from . import markdown as md
from . import numbers as fmt
from .datapackage import BriefData
from .facts import STATUS_WORDS
from .files import write_if_changed
from .paths import Brief
from .variables import SHORTCODE

FORMAT = "briefkit-edition"
VERSION = 1
EDITION_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")
CLAIM_FIELDS = ("key", "text", "value", "period", "status", "sources")
# Claims that are words, not numbers: a new record or a reversed direction changes these.
WORDING = ("record", "against_peak", "level", "direction", "movement", "since_peak", "standing")
LIST_CAP = 5          # items per list in the brief and on the terminal; the rest are counted
CLAIM = re.compile(r'data-claim="([\w.-]+)"')   # a figure's name may have hyphens (figures.<name>.documents)
NUMBER = re.compile(r"\d[\d,.]*")


class EditionError(BriefError):
    """An edition file cannot be written or read; the message says why."""


# --- recording an edition -----------------------------------------------------------
def snapshot(ledger: dict, data: BriefData, events_table: str | None) -> dict:
    """What an edition records: the claims as printed, the dated events and the sources."""
    claims = [{name: claim[name] for name in CLAIM_FIELDS if claim.get(name, "") != "" or name != "status"}
              for claim in ledger["claims"]]
    events = [] if not events_table else [
        {"date": e["date"], "event": e["event"], "source_id": e["source_id"]}
        for _, e in data.table(events_table).sort_values(["date", "event"], kind="stable").iterrows()]
    sources = data.sources.sort_index()
    return {"format": FORMAT, "version": VERSION, "edition": edition_date(claims),
            "claims": sorted(claims, key=lambda c: c["key"]),
            "events": events,
            "sources": [{"id": sid, "publisher": s["publisher"], "url": s["url"]} for sid, s in sources.iterrows()]}


def edition_date(claims: list[dict]) -> str:
    return next(c["text"] for c in claims if c["key"] == "edition.date_iso")


def edition_json(edition: dict) -> str:
    """One claim, event or source per line: small diffs in git, the same bytes for the same data."""
    def items(name: str) -> str:
        return ",\n".join(f"  {json.dumps(item, ensure_ascii=False, sort_keys=True)}" for item in edition[name])
    head = ", ".join(f"{json.dumps(k)}: {json.dumps(edition[k])}" for k in ("format", "version", "edition"))
    return "{" + head + ",\n" + ",\n".join(f' "{name}": [\n{items(name)}\n ]' for name in ("claims", "events", "sources")) + "\n}\n"


def record(ledger: dict, data: BriefData, brief: Brief, events_table: str | None, force: bool = False) -> Path:
    edition = snapshot(ledger, data, events_table)
    target = brief.editions / f"{edition['edition']}.json"
    if target.exists() and not force:
        raise EditionError(f"{brief.shown(target)} already exists: the edition of "
                           f"{fmt.date_label(edition['edition'])} was recorded before. To replace it with "
                           f"the current build, run `make edition BRIEF={brief.name} EDITION_FORCE=1`.")
    write_if_changed(target, edition_json(edition))
    return target


def latest(before: str, brief: Brief) -> dict | None:
    """The most recent edition recorded before the edition date `before` (ISO), or None. Recording
    the current edition (`make edition`) does not change what the current brief compares with."""
    folder = brief.editions
    files = sorted(f for f in folder.glob("*.json") if EDITION_FILE.match(f.name) and f.stem < before) \
        if folder.is_dir() else []
    return _read(files[-1], brief) if files else None


def recorded(date: str, brief: Brief) -> dict | None:
    """The edition recorded for exactly this edition date, if any."""
    target = brief.editions / f"{date}.json"
    return _read(target, brief) if target.is_file() else None


def _read(path: Path, brief: Brief) -> dict:
    try:
        edition = json.loads(path.read_text(encoding="utf-8"))
        if edition.get("format") != FORMAT or not all(isinstance(edition.get(n), list) for n in ("claims", "events", "sources")):
            raise ValueError(f"not a {FORMAT} file")
    except (ValueError, UnicodeDecodeError, AttributeError) as exc:
        raise EditionError(f"{brief.shown(path)} is not a readable edition ({exc}). Restore it "
                           f"from git (`git checkout -- {brief.shown(path)}`).") from None
    edition["file"] = brief.shown(path)
    return edition


# --- comparing ----------------------------------------------------------------------
@dataclass
class Changes:
    edition: str                      # ISO date of the edition compared with
    file: str
    events_file: str = ""             # where the current events and sources are (the data package)
    sources_file: str = ""
    values: list[tuple[dict | None, dict | None]] = field(default_factory=list)   # (old, new) claims
    wording: list[tuple[dict, dict]] = field(default_factory=list)
    events_added: list[dict] = field(default_factory=list)
    events_dropped: list[dict] = field(default_factory=list)
    sources_added: list[dict] = field(default_factory=list)
    sources_dropped: list[dict] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any((self.values, self.wording, self.events_added, self.events_dropped,
                    self.sources_added, self.sources_dropped))

    @property
    def claim_keys(self) -> set[str]:
        return {(new or old)["key"] for old, new in self.values + self.wording}


def compare(old: dict, new: dict, first: set[str] = frozenset()) -> Changes:
    """What differs between two editions; claims on page 1 (`first`) are listed first. A claim
    in words (a record, a direction) counts as reworded when its words change, not just its numbers."""
    changes = Changes(old["edition"], old.get("file", f"editions/{old['edition']}.json"))
    before = {c["key"]: c for c in old["claims"]}
    after = {c["key"]: c for c in new["claims"]}
    # Values both editions print: a value only one prints is a change of the brief's text, not of
    # the data (an edition records what it prints).
    for key in sorted(before.keys() & after.keys(), key=lambda k: (k not in first, k)):
        if key.startswith("edition."):
            continue  # the edition's own date: different in every edition, not a change in the data
        was, now = before[key], after[key]
        if was["text"] == now["text"] and was["value"] == now["value"] and (
                was["period"] == now["period"] or not (was["period"] and now["period"])) and (
                was.get("status", "") == now.get("status", "") or not (was.get("status") and now.get("status"))):
            continue   # (an edition that recorded no period or status for a fact is not a change of either)
        reworded = (was is not None and now is not None and key.rsplit(".", 1)[-1] in WORDING
                    and NUMBER.sub("#", was["text"]) != NUMBER.sub("#", now["text"]))
        (changes.wording if reworded else changes.values).append((was, now))
    changes.events_added, changes.events_dropped = added_and_dropped(old["events"], new["events"], ("date", "event"))
    changes.sources_added, changes.sources_dropped = added_and_dropped(old["sources"], new["sources"], ("id",))
    return changes


def added_and_dropped(old: list[dict], new: list[dict], identity: tuple[str, ...]) -> tuple[list[dict], list[dict]]:
    def ident(item: dict) -> tuple:
        return tuple(item[f] for f in identity)
    was, now = {ident(i) for i in old}, {ident(i) for i in new}
    return [i for i in new if ident(i) not in was], [i for i in old if ident(i) not in now]


def page_one_keys(brief: Brief, documents: list[str], pieces: dict[str, str]) -> set[str]:
    """The facts page 1 shows: the facts printed by the documents it includes (`page_one:` in
    brief.yml) and the numbers of the pieces it includes, with their trend words (the record
    claim of each measure shown)."""
    keys = {k for name in documents for k in SHORTCODE.findall((brief.reports / name).read_text(encoding="utf-8"))}
    for name, piece in pieces.items():
        shown = CLAIM.findall(piece)
        keys |= set(shown) | {f"{k.split('.')[0]}.record" for k in shown}
    return keys


# --- reading the changes --------------------------------------------------------------
def measure_of(key: str) -> str:
    return key.split(".")[0]


ENGINE_LABELS = {"grades.official": "sources graded official", "grades.established": "sources graded established",
                 "grades.weak": "sources graded weak", "grades.weak_claims": "values resting only on weak sources",
                 "events.first": "first event shown", "events.last": "last event shown",
                 "events.count": "events shown", "edition.source_count": "sources"}


def label(key: str, names: dict[str, str]) -> str:
    """'exports.latest' -> 'Exports'; '...change_5y' -> 'Exports (change 5y)';
    a key of no measure in words ('flows.balance' -> 'flows balance')."""
    if key in names or key in ENGINE_LABELS:
        return names.get(key) or ENGINE_LABELS[key]
    if key.startswith("figures.") and key.endswith(".documents"):
        return f"sources behind the {key.split('.')[1].replace('-', ' ')} figure"
    measure, _, rest = key.partition(".")
    if measure not in names:
        return key.replace("_", " ").replace(".", " ")
    return names[measure] if rest == "latest" else f"{names[measure]} ({rest.replace('_', ' ').replace('.', ', ')})"


def reads(claim: dict | None, with_period: bool, with_status: bool = False) -> str:
    """'261,000 hectares', with its period ('(2024)') and its status ('approximate') when they changed."""
    if claim is None:
        return "(none)"
    notes = ([claim["period"]] if with_period and claim["period"] else []) + \
        ([STATUS_WORDS.get(claim["status"], claim["status"])] if with_status and claim.get("status") else [])
    return f"{claim['text']} ({', '.join(notes)})" if notes else claim["text"]


def change_line(old: dict | None, new: dict | None, names: dict[str, str], arrow: str) -> str:
    """'Coca area, 2024: 261,000 hectares -> 300,000 hectares'; periods after each value when they differ."""
    both = old is not None and new is not None
    same_period = both and old["period"] == new["period"]
    # an edition that recorded no period for a value: neither side names one ('FY2015 -> FY2001')
    unknown = both and not (old["period"] and new["period"])
    where = f", {new['period']}" if same_period and new["period"] else ""
    status = both and bool(old.get("status")) and bool(new.get("status")) and old["status"] != new["status"]
    return (f"{label((new or old)['key'], names)}{where}: {reads(old, not (same_period or unknown), status)} "
            f"{arrow} {reads(new, not (same_period or unknown), status)}")


def grouped_lines(pairs: list[tuple[dict | None, dict | None]], preferred: tuple[str, ...],
                  names: dict[str, str], arrow: str) -> list[str]:
    """One line per measure: one new value changes the figures and words computed from it too,
    so the line shows the most telling change (the first `preferred` leaf found) and counts the others."""
    groups: dict[str, list] = {}
    for pair in pairs:
        key = (pair[1] or pair[0])["key"]
        # the engine's own counts (grades.official, grades.weak_claims) are separate things, not one measure's claims
        groups.setdefault(key if key in ENGINE_LABELS else measure_of(key), []).append(pair)
    lines = []
    for measure, found in groups.items():
        rank = {f"{measure}.{leaf}": i for i, leaf in enumerate(preferred)}
        shown = min(found, key=lambda p: rank.get((p[1] or p[0])["key"], len(rank)))
        related = len(found) - 1
        lines.append(change_line(*shown, names, arrow)
                     + (f" (and {related} related {'claim' if related == 1 else 'claims'})" if related else ""))
    return lines


def shortened(text: str, limit: int = 70) -> str:
    """The first words of a long text, for a compact list (the full text is in the edition file)."""
    text = text.rstrip(".")
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "\u2026"


def event_line(event: dict) -> str:
    return f"{fmt.date_label(event['date'])}: {shortened(event['event'])}"


def source_line(source: dict) -> str:
    return f"{source['publisher']} ({urlsplit(source['url']).netloc.removeprefix('www.')})"


def sections(changes: Changes, names: dict[str, str], arrow: str) -> list[tuple[str, list[str], str]]:
    """(heading, lines, where the full list is) for each kind of change that occurred: the edition
    file holds the old claims, events and sources; claims.json the new claims; the data the rest."""
    claims = f"{changes.file} (then) and claims.json (now)"
    found = [("Values changed", grouped_lines(changes.values, ("latest",), names, arrow), claims),
             ("Wording changed", grouped_lines(changes.wording, WORDING, names, arrow), claims),
             ("Events added", [event_line(e) for e in changes.events_added], changes.events_file),
             ("Events dropped", [event_line(e) for e in changes.events_dropped], changes.file),
             ("Sources added", [source_line(s) for s in changes.sources_added], changes.sources_file),
             ("Sources dropped", [source_line(s) for s in changes.sources_dropped], changes.file)]
    return [(heading, lines, where) for heading, lines, where in found if lines]


def capped(lines: list[str], where: str) -> tuple[list[str], str]:
    """At most LIST_CAP lines, and a note saying how many more there are and where."""
    if len(lines) <= LIST_CAP:
        return lines, ""
    return lines[:LIST_CAP], f"and {len(lines) - LIST_CAP} more; see {where}"


def terminal_summary(changes: Changes | None, names: dict[str, str]) -> str:
    if changes is None:
        return "no edition was recorded before this one's date: nothing to compare with"
    since = f"since the edition of {fmt.date_label(changes.edition)} ({changes.file})"
    if not changes:
        return f"nothing changed {since}"
    lines = [f"{since}:"]
    for heading, items, where in sections(changes, names, "->"):
        shown, more = capped(items, where)
        lines += [f"  {heading}:"] + [f"    {item}" for item in shown] + ([f"    ({more})"] if more else [])
    return "\n".join(lines)


def changes_section(changes: Changes | None, names: dict[str, str]) -> str:
    """The data notes' account of what changed, one compact paragraph in the small sans of the data
    notes; nothing when no edition has been recorded (a first edition has nothing to compare
    with, and its readers need no note saying so)."""
    if changes is None:
        return ""
    since = md.text(fmt.date_label(changes.edition))
    lead = f"**Changes since the edition of {since}**"
    if not changes:
        body = f"{lead}: none; every figure, claim, event and source is as recorded in {md.text(changes.file)}."
    else:
        kinds = []
        for title, items, where in sections(changes, names, "\u2192"):
            shown, more = capped(items, where)
            kinds.append(f"*{title} ({len(items)}):* " + "; ".join(md.text(i) for i in shown + ([more] if more else [])) + ".")
        body = f"{lead} (as recorded in {md.text(changes.file)}). " + " ".join(kinds)
    return f"[{body}]{{.closing}}\n"


def page_one_line(changes: Changes | None, first: set[str], names: dict[str, str],
                  where: str = "in the brief's data notes") -> str:
    """A line under the edition line when a figure or claim on page 1 changed; else nothing. `where`
    says where the brief lists every change (`page_one: changes_listed:` in brief.yml)."""
    if not changes:
        return ""
    shown = sorted(changes.claim_keys & first)
    if not shown:
        return ""
    measures = sorted({names[k.split('.')[0]] for k in shown if k.split('.')[0] in names})
    what = f" ({', '.join(measures)})" if measures else ""
    return (f"\n**Updated since the edition of {md.text(fmt.date_label(changes.edition))}:** {len(shown)} "
            f"{'figure or claim' if len(shown) == 1 else 'figures or claims'} on this page{md.text(what)}; "
            f"every change is listed {md.text(where)}.\n")
