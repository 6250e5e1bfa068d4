"""Command line: each build step on its own, as the Makefile calls them.

    python -m briefkit check              validate data/ against its data package
    python -m briefkit figure NAME...     draw figures/NAME.svg
    python -m briefkit variables          write _variables.yml, _build/claims.json, partials, fonts
    python -m briefkit render REPORT...   reports/REPORT.qmd -> _output/REPORT.{html,pdf}, claims.json, manifest.json
    python -m briefkit deps               print the Makefile rules for the figures
    python -m briefkit doctor             check that WeasyPrint's system libraries are present
"""
from __future__ import annotations

import sys

from . import BriefError, paths


def check() -> None:
    from .validation import check as check_package

    check_package()
    print("data package valid: data/datapackage.yaml")


def figure(names: list[str]) -> None:
    from .datapackage import load
    from .figures import FIGURES, render

    data = load()
    for name in names:
        if name not in FIGURES:
            raise SystemExit(f"unknown figure {name!r}; known: {', '.join(FIGURES)}")
        render(FIGURES[name], data, paths.FIGURES / f"{name}.svg")
        print(f"wrote figures/{name}.svg")


def variables() -> None:
    from .datapackage import load
    from .facts import compute_facts
    from .fonts import write_fonts
    from .partials import build_partials, write_partials
    from .variables import write_variables

    data = load()
    facts = compute_facts(data)
    write_variables(facts, paths.VARIABLES, paths.CLAIMS)
    write_partials(build_partials(data, facts), paths.PARTIALS)
    write_fonts(paths.BUILD / "fonts")
    print(f"wrote {len(facts)} facts to _variables.yml and the partials to _build/partials/")


def render(names: list[str]) -> None:
    import yaml

    from .literals import check_reports
    from .manifest import BuildInfo, write_colophon, write_manifest
    from .render import Report, build, engine, lookup

    check_reports([paths.REPORTS / f"{name}.qmd" for name in names] + sorted(paths.REPORTS.glob("_*.qmd")), paths.ROOT)
    variables = yaml.safe_load(paths.VARIABLES.read_text(encoding="utf-8"))
    info = BuildInfo.current(engine())
    write_colophon(info, lookup(variables, "edition.data_as_of"))
    for name in names:
        html, pdf, pages = build(Report(paths.REPORTS / f"{name}.qmd"), variables)
        print(f"wrote {html.relative_to(paths.ROOT)} and {pdf.relative_to(paths.ROOT)} "
              f"({pages} pages, {engine()} engine)")
    write_manifest(info, names)


def deps() -> None:
    """Each figure depends on the data files its measures live in (and the code that draws it)."""
    from .datapackage import load
    from .figures import FIGURES

    data = load()
    for name, spec in FIGURES.items():
        files = " ".join(f"data/{t}.csv" for t in data.tables_of(list(spec.measures)))
        print(f"figures/{name}.svg: {files} data/measures.csv $(FIGURE_CODE) | _build/check.ok")
    print(f"FIGURE_FILES := {' '.join(f'figures/{n}.svg' for n in FIGURES)}")


def doctor() -> None:
    try:
        import weasyprint  # noqa: F401  (loads Pango through cffi)
    except OSError as exc:
        raise SystemExit(
            f"WeasyPrint cannot load its system libraries ({exc}).\n"
            "Install them with:\n  sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0\n"
            "(macOS: brew install pango)") from None
    print("WeasyPrint and its system libraries are available")


def main(argv: list[str]) -> None:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return
    command, args = argv[0], argv[1:]
    commands = {"check": lambda: check(), "figure": lambda: figure(args), "variables": lambda: variables(),
                "render": lambda: render(args), "deps": lambda: deps(), "doctor": lambda: doctor()}
    if command not in commands:
        raise SystemExit(f"unknown command {command!r}\n{__doc__}")
    try:
        commands[command]()
    except BriefError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(1) from None


if __name__ == "__main__":
    main(sys.argv[1:])
