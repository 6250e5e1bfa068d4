"""briefkit's command line: each build step on its own, as the Makefile calls them.

A data or environment problem ends with a message saying what is wrong, where, and what to do,
and exit status 1; set BRIEFKIT_DEBUG=1 to see the traceback of an unexpected error.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

from . import BriefError, paths
from .paths import Brief


# Each step returns what it did; main prints it as one line with the step's time, e.g.
# "check       us-colombia: data package and spec valid (0.8 s)"; further lines follow as they are.
def check(brief: Brief) -> str:
    from .datapackage import load
    from .spec import load as load_spec
    from .validation import check as check_brief, settled_items

    check_brief(brief)
    settled = settled_items(load_spec(brief), load(brief.data))
    return "\n".join([f"{brief.name}: data package and spec valid ({brief.shown(brief.datapackage)}, "
                      f"{brief.shown(brief.spec)})", *(f"{'note':<11} {line}" for line in settled)])


def figure(brief: Brief, names: list[str]) -> str:
    from .datapackage import load
    from .figures import render
    from .spec import load as load_spec

    spec = load_spec(brief)
    unknown = [name for name in names if name not in spec.figures]
    if unknown:
        raise BriefError(f"no figure {unknown[0]!r} in {spec.file}; figures: {', '.join(spec.figures) or 'none'}")
    from .spec import SpecError

    data = load(brief.data)
    for name in names or list(spec.figures):
        try:
            render(spec.figures[name], data, brief.figures / f"{name}.svg")
        except UnicodeError:
            raise   # a data file that is not UTF-8: the error handler lets validation name it
        except ValueError as exc:   # a chart option the chart kinds do not know (charts.Chart.parse)
            raise SpecError(f"{spec.file}, key 'figures.{name}': {exc}") from None
    return f"{brief.name}: drew {len(names or spec.figures)} figures in {brief.shown(brief.figures)}/"


def variables(brief: Brief) -> str:
    from . import numbers
    from .datapackage import load
    from .fonts import write_fonts
    from .manifest import BuildInfo, write_colophon
    from .render import engine
    from .spec import load as load_spec
    from .variables import compute, write

    spec = load_spec(brief)
    numbers.use_locale(spec.lang)
    data = load(brief.data)
    book, pieces = compute(spec, data)
    draft = mark_draft(brief, spec, data, book)
    changed = write(spec, book, pieces)
    write_fonts(paths.BUILD / "fonts")
    colophon_changed = write_colophon(BuildInfo.current(engine(), brief), book["edition.data_as_of"].text,
                                      book["edition.date"].text, brief.partials)
    changes, changes_written = write_changes(brief, spec, data, book, pieces)
    if changed or colophon_changed or changes_written or not brief.content_stamp.exists():
        brief.content_stamp.parent.mkdir(parents=True, exist_ok=True)
        brief.content_stamp.touch()  # make re-renders the reports only when what they include changed
    return (f"{brief.name}: {len(book.facts)} facts in {brief.shown(brief.facts_file)}, "
            f"pieces in {brief.shown(brief.partials)}/\n{'edition':<11} {draft}\n{'changes':<11} {changes}")


DRAFT = " (draft: differs from the recorded edition)"


def mark_draft(brief: Brief, spec, data, book) -> str:
    """An edition date names one content. When an edition of this date is recorded and this build
    differs from it, the edition's date reads as a draft on every page and in the PDF metadata; the
    line returned says so and how to move on."""
    from dataclasses import replace

    from . import editions
    from .claims import ledger

    date = book["edition.date_iso"].text
    record = editions.recorded(date, brief)
    if record is None:
        return (f"the edition of {book['edition.date'].text} is not recorded yet (`make edition BRIEF={brief.name}` "
                f"records it once published)")
    current = editions.snapshot(ledger(book), data, spec.events)
    was, now = {c["key"] for c in record["claims"]}, {c["key"] for c in current["claims"]}
    changes = editions.compare(record, current)
    if not (changes or was != now):   # same values, and the same values printed
        return f"matches the recorded edition of {book['edition.date'].text} ({record['file']})"
    book.facts["edition.date"] = replace(book["edition.date"], text=book["edition.date"].text + DRAFT)
    names = data.measures["label"].to_dict()
    differs = [line for _, lines, _ in editions.sections(changes, names, "->") for line in lines]
    differs += [f"{editions.label(key, names)}: now printed" for key in sorted(now - was)]
    differs += [f"{editions.label(key, names)}: no longer printed" for key in sorted(was - now)]
    shown, more = editions.capped(differs, record["file"])
    return "\n".join([f"DRAFT: this build differs from the edition recorded for its date ({record['file']}), so "
                      f"every page and the PDF metadata say draft. To publish, set a new edition_date in "
                      f"{brief.shown(brief.datapackage)}, or replace the record: make edition BRIEF={brief.name} "
                      f"EDITION_FORCE=1. What differs:", *(f"  {line}" for line in shown),
                      *([f"  ({more})"] if more else [])]).replace("\n", "\n" + " " * 12)


def write_changes(brief: Brief, spec, data, book, pieces: dict[str, str]) -> tuple[str, bool]:
    """What changed since the latest recorded edition: two pieces, and the terminal's summary."""
    from . import editions
    from .claims import ledger
    from .files import write_if_changed

    edition = editions.latest(before=book["edition.date_iso"].text, brief=brief)
    page_one = spec.document.get("page_one", {})
    first = editions.page_one_keys(brief, page_one.get("documents", []),
                                   {name: pieces[name] for name in page_one.get("pieces", [])})
    first |= {claim for key in first if key in book.facts and book.facts[key].markup   # a chosen sentence's claims
              for claim in editions.CLAIM.findall(book.facts[key].text)}
    changes = (editions.compare(edition, editions.snapshot(ledger(book), data, spec.events), first)
               if edition else None)
    if changes is not None:
        changes.events_file = brief.shown(brief.data / f"{spec.events}.csv") if spec.events else changes.file
        changes.sources_file = brief.shown(brief.data / "sources.csv")
    names = {**data.measures["label"].to_dict(),
             **{key: entry["label"] for key, entry in spec.facts.items() if entry.get("label")},
             **({f"date.{e['tag']}": f"date: {e['label'] or editions.shortened(e['event'], 50)}"
                 for _, e in data.table(spec.events).iterrows() if e["tag"]} if spec.events else {})}
    written = write_if_changed(brief.partials / "changes.md", editions.changes_section(changes, names))
    written |= write_if_changed(brief.partials / "changes-page1.md", editions.page_one_line(
        changes, first, names, *([page_one["changes_listed"]] if "changes_listed" in page_one else [])))
    return editions.terminal_summary(changes, names).replace("\n", "\n" + " " * 12), written


def edition(brief: Brief) -> str:
    """Record the current build (the claims ledger, the events, the sources) as an edition."""
    import json

    from . import editions
    from .datapackage import load
    from .spec import load as load_spec

    if not brief.claims.exists():
        raise editions.EditionError(f"{brief.shown(brief.claims)} is missing: run `make edition BRIEF={brief.name}`, "
                                    "which builds it first.")
    ledger = json.loads(brief.claims.read_text(encoding="utf-8"))
    for claim in ledger["claims"]:   # a draft built under this date is what gets recorded, as the edition
        if claim["key"] == "edition.date":
            claim["text"] = claim["text"].removesuffix(DRAFT)
    recorded = editions.record(ledger, load(brief.data), brief, load_spec(brief).events,
                               force=os.environ.get("EDITION_FORCE") == "1")
    return f"recorded {brief.shown(recorded)}: commit it to publish the edition"


def publish(brief: Brief, names: list[str]) -> str:
    """Every report into _output/<brief>/ at once, then the manifest; the build's last line gives
    the outputs, their page counts and the time since make started."""
    import pypdfium2

    from .manifest import BuildInfo, write_manifest
    from .render import engine, publish as publish_reports

    publish_reports(brief, names)
    write_manifest(BuildInfo.current(engine(), brief), brief)
    outputs = []
    for name in names:
        pdf = brief.output / f"{name}.pdf"
        outputs.append(f"{brief.shown(pdf)} ({len(pypdfium2.PdfDocument(pdf))} pages)")
    started = os.environ.get("BRIEF_BUILD_START", "").rstrip("N").rstrip(".")  # `date +%s.%N`; BSD date has no %N
    total = f" in {time.time() - float(started):.1f} s" if started.replace(".", "").isdigit() else ""
    return f"{', '.join(outputs)} and their HTML, built{total}"


def render(brief: Brief, names: list[str]) -> str:
    from .literals import check_reports
    from .manifest import BuildInfo, write_colophon
    from .render import Report, build, engine, lookup, read_facts

    check_reports(sorted(brief.reports.glob("*.qmd")), brief.root)
    facts = read_facts(brief)
    write_colophon(BuildInfo.current(engine(), brief), lookup(facts, "edition.data_as_of"),
                   lookup(facts, "edition.date"), brief.partials)
    done = []
    for name in names:
        html, pdf, pages = build(Report(brief, name), facts)
        done.append(f"{html.name} and {pdf.name} ({pages} pages)")
    return f"{brief.name}: rendered {'; '.join(done)} with the {engine()} engine"


def describe(files: list[str]) -> None:
    """Quarto's post-render step: give the HTML that `quarto render` wrote the same <title>,
    <meta> and <main> that `make report` gives it (files from QUARTO_PROJECT_OUTPUT_FILES)."""
    from pathlib import Path

    from .render import Report, described, read_facts

    listed = files or os.environ.get("QUARTO_PROJECT_OUTPUT_FILES", "").split()
    for name in listed:
        html = Path(name) if Path(name).is_absolute() else paths.ROOT / name
        brief_name = html.parent.name
        if html.suffix != ".html" or not (paths.REPORTS / brief_name / f"{html.stem}.qmd").exists():
            continue
        brief = paths.brief(brief_name)
        text = html.read_text(encoding="utf-8")
        html.write_text(described(text, Report(brief, html.stem), read_facts(brief)), encoding="utf-8")


def deps() -> None:
    """Make's view of the build: each brief's data files, figures and reports, and the code each step reads."""
    from .builddeps import makefile_rules

    print(makefile_rules(), end="")


def new(name: str) -> str:
    from .starter import create

    return create(name)


def doctor() -> str:
    """WeasyPrint's system libraries: installed if missing and this user may (see doctor.py)."""
    from .doctor import doctor as check_and_install

    return check_and_install()


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="briefkit", description="Reproducible policy briefs: validated data in, "
                                  "sourced PDF and HTML briefs out. Each command is one build step; `make` runs them.")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str, reports: str = "", with_brief: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        if with_brief:
            sub.add_argument("brief", help="the brief's name (its folders: data/BRIEF/, reports/BRIEF/)")
        if reports:
            sub.add_argument("names", nargs="*", metavar="NAME", help=reports)
        return sub

    command("check", "validate the brief's data package, its spec, the documents' declared assumptions and open items")
    command("figure", "draw the brief's figures into figures/BRIEF/", "figures to draw (default: all in brief.yml)")
    command("variables", "compute the facts, generated pieces and claims ledger the documents include (naming, by "
                         "file and line, any fact a document asks for that cannot be computed)")
    command("render", "render reports/BRIEF/NAME.qmd to _build/BRIEF/out/NAME.{html,pdf}", "reports to render")
    command("publish", "copy every report, claims.json and manifest.json into _output/BRIEF/ at once", "reports")
    command("edition", "record the current build as editions/BRIEF/<edition date>.json")
    sub = command("describe", "give Quarto-rendered HTML the report's title, meta and <main> (Quarto's post-render)",
                  with_brief=False)
    sub.add_argument("names", nargs="*", metavar="HTML")
    command("deps", "print what each build step reads, for make (_build/deps.mk)", with_brief=False)
    command("doctor", "check that WeasyPrint's system libraries are present", with_brief=False)
    sub = command("new", "create a one-page starter brief that builds at once", with_brief=False)
    sub.add_argument("name", help="the new brief's name (lower case letters, digits and hyphens)")
    return top


STEPS = {"check": check, "variables": variables, "edition": edition}
WITH_NAMES = {"figure": figure, "render": render, "publish": publish}


def run(args: argparse.Namespace):
    if args.command in ("deps", "doctor"):
        return {"deps": deps, "doctor": doctor}[args.command]()
    if args.command == "describe":
        return describe(args.names)
    if args.command == "new":
        return new(args.name)
    brief = paths.brief(args.brief)
    if args.command in STEPS:
        return STEPS[args.command](brief)
    return WITH_NAMES[args.command](brief, args.names)


def main(argv: list[str]) -> None:
    args = parser().parse_args(argv)
    try:
        started = time.perf_counter()
        result = run(args)
        if result is not None:
            first, *more = result.split("\n")
            label = "report" if args.command == "publish" else args.command
            timing = "" if args.command == "publish" else f" ({time.perf_counter() - started:.1f} s)"
            print("\n".join([f"{label:<11} {first}{timing}", *more]), flush=True)
    except BriefError as exc:
        fail(str(exc))
    except OSError as exc:  # PermissionError, a missing file, a full disk ...
        fail(os_problem(exc))
    except Exception as exc:
        if os.environ.get("BRIEFKIT_DEBUG"):
            raise
        fail(unexpected(exc, getattr(args, "brief", None)))


def fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(1)


def os_problem(exc: OSError) -> str:
    where = f" {exc.filename}" if exc.filename else ""
    return (f"cannot use{where}: {exc.strerror or exc}. Check that the file exists and that you may read it "
            f"and write its folder (for _output/: `ls -ld _output`), then run the command again. "
            f"Files already in _output/ were left as they were.")


def unexpected(exc: Exception, brief_name: str | None) -> str:
    """A failure the checks did not foresee: blame the data if validation finds a problem, else briefkit."""
    if brief_name and brief_name in paths.brief_names():
        from .validation import validate

        try:
            problems = validate(paths.brief(brief_name))
        except Exception:   # the data break the checks themselves: say so, without a traceback
            return (f"internal error ({type(exc).__name__}: {exc}), and validating brief '{brief_name}' could not "
                    f"finish either: check its data package and brief.yml, then run again with BRIEFKIT_DEBUG=1 "
                    f"for the traceback and report it.")
        if problems:
            listing = "\n".join(f"  {p}" for p in problems)
            return f"{len(problems)} problem(s) in brief '{brief_name}':\n{listing}"
    return (f"internal error ({type(exc).__name__}: {exc}). The data passed validation, so this is a bug in "
            f"briefkit: run again with BRIEFKIT_DEBUG=1 for the traceback and report it.")


if __name__ == "__main__":
    main(sys.argv[1:])
