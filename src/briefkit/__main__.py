"""Command line: each build step on its own, as the Makefile calls them.

    python -m briefkit check              validate data/ against its data package
    python -m briefkit figure NAME...     draw figures/NAME.svg
    python -m briefkit variables          write _variables.yml, _build/claims.json, partials, fonts
    python -m briefkit render REPORT...   reports/REPORT.qmd -> _build/out/REPORT.{html,pdf}
    python -m briefkit describe [HTML...] give Quarto-rendered HTML the edition's title, meta and <main>
    python -m briefkit publish REPORT...  copy every edition, claims.json and manifest.json into _output/ at once
    python -m briefkit edition            record the current build as editions/<data date>.json
    python -m briefkit deps               print what each step reads, for make (_build/deps.mk)
    python -m briefkit doctor             check WeasyPrint's system libraries; install missing ones if allowed

A data or environment problem ends with a message saying what is wrong, where, and what to do,
and exit status 1; set BRIEFKIT_DEBUG=1 to see the traceback of an unexpected error.
"""
from __future__ import annotations

import os
import sys
import time

from . import BriefError, paths


# Each step returns what it did; main prints it as one line with the step's time, e.g.
# "check       data package valid (0.8 s)"; further lines of the result follow as they are.
def check() -> str:
    from .validation import check as check_package

    check_package()
    return "data package valid: data/datapackage.yaml"


def figure(names: list[str]) -> str:
    from .datapackage import load
    from .figures import FIGURES, render

    unknown = [name for name in names if name not in FIGURES]
    if unknown:
        raise SystemExit(f"unknown figure {unknown[0]!r}; known: {', '.join(FIGURES)}")
    data = load()
    for name in names:
        render(FIGURES[name], data, paths.FIGURES / f"{name}.svg")
    return f"drew {len(names)} figures in figures/"


def variables() -> str:
    from .datapackage import load
    from .facts import compute_facts
    from .fonts import write_fonts
    from .partials import build_partials, write_partials
    from .claims import ledger
    from .manifest import BuildInfo, write_colophon
    from .render import engine
    from .variables import write_variables

    before = content_fingerprint()
    data = load()
    facts = compute_facts(data)
    write_variables(facts, paths.VARIABLES, paths.CLAIMS)
    write_partials(build_partials(data, facts), paths.PARTIALS)
    write_fonts(paths.BUILD / "fonts")
    write_colophon(BuildInfo.current(engine()), facts["edition.data_as_of"].text, facts["edition.date"].text)  # `quarto render` includes it too
    changes = write_changes(data, ledger(facts), facts["edition.date_iso"].text)
    if content_fingerprint() != before or not paths.CONTENT_STAMP.exists():
        paths.CONTENT_STAMP.touch()  # make re-renders the editions only when what they include changed
    return f"wrote {len(facts)} facts to _variables.yml and the partials to _build/partials/\n{'changes':<11} {changes}"


def write_changes(data, current: dict, current_date: str) -> str:
    """What changed since the latest recorded edition: the brief's partials, and the terminal's summary."""
    from . import editions
    from .variables import write_if_changed

    edition = editions.latest(before=current_date)
    first = editions.page_one_keys()
    changes = editions.compare(edition, editions.snapshot(current, data), first) if edition else None
    names = data.measures["short_label"].to_dict()
    write_if_changed(paths.PARTIALS / "changes.md", editions.changes_section(changes, names))
    write_if_changed(paths.PARTIALS / "changes-page1.md", editions.page_one_line(changes, first, names))
    return editions.terminal_summary(changes, names).replace("\n", "\n" + " " * 12)


def edition() -> str:
    """Record the current build (_build/claims.json, the timeline, the sources) as an edition."""
    import json

    from . import editions
    from .datapackage import load

    if not paths.CLAIMS.exists():
        raise editions.EditionError("_build/claims.json is missing: run `make edition`, which builds it first.")
    edition = editions.record(json.loads(paths.CLAIMS.read_text(encoding="utf-8")), load(),
                              force=os.environ.get("EDITION_FORCE") == "1")
    return f"recorded {edition.relative_to(paths.ROOT)}: commit it to publish the edition"


def publish(names: list[str]) -> str:
    """Every edition into _output/ at once, then the manifest; the build's last line gives the
    outputs, their page counts and the time since make started."""
    import pypdfium2

    from .manifest import BuildInfo, write_manifest
    from .render import engine, publish as publish_editions

    publish_editions(names)
    write_manifest(BuildInfo.current(engine()))
    outputs = []
    for name in names:
        pdf = paths.OUTPUT / f"{name}.pdf"
        outputs.append(f"{pdf.relative_to(paths.ROOT)} ({len(pypdfium2.PdfDocument(pdf))} pages)")
    started = os.environ.get("BRIEF_BUILD_START", "").rstrip("N").rstrip(".")  # `date +%s.%N`; BSD date has no %N
    total = f" in {time.time() - float(started):.1f} s" if started.replace(".", "").isdigit() else ""
    return f"{', '.join(outputs)} and their HTML, built{total}"


def content_fingerprint() -> dict[str, int]:
    """Modification times of what the documents include (files are rewritten only on change)."""
    files = [paths.VARIABLES, *paths.PARTIALS.glob("*.md")]
    return {str(f): f.stat().st_mtime_ns for f in files if f.exists()}


def render(names: list[str]) -> str:
    import yaml

    from .literals import check_reports
    from .manifest import BuildInfo, write_colophon
    from .render import Report, build, engine, lookup

    check_reports([paths.REPORTS / f"{name}.qmd" for name in names] + sorted(paths.REPORTS.glob("_*.qmd")), paths.ROOT)
    variables = yaml.safe_load(paths.VARIABLES.read_text(encoding="utf-8"))
    write_colophon(BuildInfo.current(engine()), lookup(variables, "edition.data_as_of"), lookup(variables, "edition.date"))
    done = []
    for name in names:
        html, pdf, pages = build(Report(paths.REPORTS / f"{name}.qmd"), variables)
        done.append(f"{html.name} and {pdf.name} ({pages} pages)")
    return f"rendered {'; '.join(done)} with the {engine()} engine"


def describe(files: list[str]) -> None:
    """Quarto's post-render step: give the HTML that `quarto render` wrote the same <title>,
    <meta> and <main> that `make report` gives it (files from QUARTO_PROJECT_OUTPUT_FILES)."""
    import os
    from pathlib import Path

    import yaml

    from .render import Report, described

    variables = yaml.safe_load(paths.VARIABLES.read_text(encoding="utf-8"))
    listed = files or os.environ.get("QUARTO_PROJECT_OUTPUT_FILES", "").split()
    for name in listed:
        html = Path(name) if Path(name).is_absolute() else paths.ROOT / name
        if html.suffix != ".html" or not (paths.REPORTS / f"{html.stem}.qmd").exists():
            continue
        text = html.read_text(encoding="utf-8")
        html.write_text(described(text, Report(paths.REPORTS / f"{html.stem}.qmd"), variables), encoding="utf-8")


def deps() -> None:
    """Make's view of the build: data files from the data package, code from imports."""
    from .builddeps import figure_names, makefile_rules

    print(makefile_rules(figure_names()), end="")


def doctor() -> str:
    """WeasyPrint's system libraries: installed if missing and this user may (see doctor.py)."""
    from .doctor import doctor as check_and_install

    return check_and_install()


def main(argv: list[str]) -> None:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return
    command, args = argv[0], argv[1:]
    commands = {"check": lambda: check(), "figure": lambda: figure(args), "variables": lambda: variables(),
                "render": lambda: render(args), "describe": lambda: describe(args), "publish": lambda: publish(args),
                "edition": lambda: edition(), "deps": lambda: deps(), "doctor": lambda: doctor()}
    if command not in commands:
        raise SystemExit(f"unknown command {command!r}\n{__doc__}")
    try:
        started = time.perf_counter()
        result = commands[command]()
        if result is not None:
            first, *more = result.split("\n")
            timing = "" if command == "publish" else f" ({time.perf_counter() - started:.1f} s)"
            print("\n".join([f"{'report' if command == 'publish' else command:<11} {first}{timing}", *more]), flush=True)
    except BriefError as exc:
        fail(str(exc))
    except OSError as exc:  # PermissionError, a missing file, a full disk ...
        fail(os_problem(exc))
    except Exception as exc:
        if os.environ.get("BRIEFKIT_DEBUG"):
            raise
        fail(unexpected(exc))


def fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(1)


def os_problem(exc: OSError) -> str:
    where = f" {exc.filename}" if exc.filename else ""
    return (f"cannot use{where}: {exc.strerror or exc}. Check that the file exists and that you may read it "
            f"and write its folder (for _output/: `ls -ld _output`), then run the command again. "
            f"Files already in _output/ were left as they were.")


def unexpected(exc: Exception) -> str:
    """A failure the checks did not foresee: blame the data if validation finds a problem, else briefkit."""
    from .validation import validate

    problems = validate()
    if problems:
        listing = "\n".join(f"  {p}" for p in problems)
        return f"{len(problems)} problem(s) in the data package:\n{listing}"
    return (f"internal error ({type(exc).__name__}: {exc}). The data passed validation, so this is a bug in "
            f"briefkit: run again with BRIEFKIT_DEBUG=1 for the traceback and report it.")


if __name__ == "__main__":
    main(sys.argv[1:])
