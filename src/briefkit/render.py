"""Turn a report (.qmd) into a self-contained HTML file and a PDF.

HTML comes from `quarto render` when Quarto is installed, otherwise from pandoc (from
pypandoc-binary) after this module resolves the Quarto shortcodes the brief uses and a
Lua filter supplies Quarto's numbering and cross-references. `BRIEF_ENGINE=quarto|pandoc`
forces one. Both engines' HTML then gets the same <title>, <meta> and <main> (describe.py),
and the PDF is WeasyPrint's rendering of it with the data attached (pdf.py). Outputs are
replaced only when both files were produced and the PDF fits the report's page budget, so a
failed build leaves the last good pair in place.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pypandoc
import yaml

from . import BriefError, paths
from .describe import EditionMetadata, describe
from .embed import self_contained
from .paths import Brief
from .pdf import data_files, pdf_from_html

SHORTCODE = re.compile(r"\{\{<\s*(\w+)\s*(.*?)\s*>\}\}")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
LUA_FILTER = paths.FILTERS / "quarto-compat.lua"
# Anything a reader's browser (or WeasyPrint) would fetch: every resource must be embedded
# as a data: URL (links to sources are <a href>, which is fine).
EXTERNAL_RESOURCE = re.compile(
    r'<(?:img|script|link|iframe|source|video|audio|object|embed)\b[^>]*?\b(?:src|href|data)="(?!data:)([^"]*)"'
    r"|url\(\s*[\"']?(?!data:)([^)\"']+)", re.I)
QUARTO_PAGEBREAK = '<div style="page-break-after: always;"></div>'


class RenderError(BriefError):
    """The report cannot be built; the message says why."""


@dataclass(frozen=True)
class Report:
    """One document of a brief (brief, summary ...): reports/<brief>/<name>.qmd."""

    brief: Brief
    name: str

    @property
    def qmd(self) -> Path:
        return self.brief.reports / f"{self.name}.qmd"

    @property
    def front_matter(self) -> dict:
        match = FRONT_MATTER.match(self.qmd.read_text(encoding="utf-8"))
        return yaml.safe_load(match.group(1)) if match else {}

    @property
    def page_budget(self) -> dict:
        """`page-budget` in the front matter: min and max pages of the body (everything before the
        element with id `appendix`, or the whole report without one), and appendix-max for the rest."""
        return {"min": 1, "max": 999, "appendix-max": 999, **self.front_matter.get("page-budget", {})}

    def html_option(self, key: str) -> list[str]:
        """A file-list option of the report's HTML format (css, include-in-header), as a list."""
        value = self.front_matter.get("format", {}).get("html", {}).get(key, [])
        return [value] if isinstance(value, str) else list(value)

    @property
    def stylesheets(self) -> list[str]:
        return self.html_option("css")


def engine() -> str:
    choice = os.environ.get("BRIEF_ENGINE", "auto")
    if choice == "auto":
        return "quarto" if shutil.which("quarto") else "pandoc"
    if choice not in ("quarto", "pandoc"):
        raise RenderError(f"BRIEF_ENGINE must be quarto, pandoc or auto, not {choice!r}")
    if choice == "quarto" and not shutil.which("quarto"):
        raise RenderError("BRIEF_ENGINE=quarto but `quarto` is not on PATH")
    return choice


# --- pandoc path ------------------------------------------------------------------
def lookup(tree: dict, key: str):
    node = tree
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(key)
        node = node[part]
    return node


def shown(path: Path) -> str:
    """A path as messages show it: relative to the project where possible."""
    return str(path.relative_to(paths.ROOT)) if path.is_relative_to(paths.ROOT) else str(path)


def read_facts(brief: Brief) -> dict:
    """The computed facts as the documents read them (`facts:` in the brief's _metadata.yml)."""
    try:
        return yaml.safe_load(brief.facts_file.read_text(encoding="utf-8"))["facts"]
    except (OSError, TypeError, KeyError):
        raise RenderError(f"{brief.shown(brief.facts_file)} is missing or unreadable: run `make report BRIEF="
                          f"{brief.name}`, which computes it first") from None


def resolve_shortcodes(text: str, report: Report, facts: dict, origin: str) -> str:
    """Do what Quarto does with {{< meta facts.KEY >}}, {{< include >}} and {{< pagebreak >}}; fail on
    anything else. Includes resolve only inside the brief's folder and its build folder; generated
    pieces from the build folder are included as they are, since text from the data is never a shortcode."""
    base, build = report.qmd.parent, report.brief.build

    def replace(match: re.Match) -> str:
        name, arg = match.group(1), match.group(2)
        if name == "meta":
            try:
                return str(lookup({"facts": facts}, arg))
            except KeyError:
                raise RenderError(f"{origin}: unknown fact '{arg.removeprefix('facts.')}' (not in "
                                  f"{report.brief.shown(report.brief.facts_file)})") from None
        if name == "include":
            path = (base / arg).resolve()
            generated = path.is_relative_to(build.resolve())
            if not (generated or path.is_relative_to(base.resolve())):
                raise RenderError(f"{origin}: included file {arg} is outside {shown(base)}/ and {shown(build)}/")
            if not path.is_file():
                raise RenderError(f"{origin}: included file {arg} does not exist")
            body = FRONT_MATTER.sub("", path.read_text(encoding="utf-8"))
            return body if generated else resolve_shortcodes(body, report, facts, shown(path))
        if name == "pagebreak":
            return QUARTO_PAGEBREAK
        raise RenderError(f"{origin}: shortcode '{name}' is not supported by the pandoc engine")
    return SHORTCODE.sub(replace, text)


def pandoc_html(report: Report, facts: dict) -> str:
    source = resolve_shortcodes(report.qmd.read_text(encoding="utf-8"), report, facts, shown(report.qmd))
    # --sandbox: pandoc reads nothing but its input and fetches nothing; we embed what the brief needs.
    args = [pypandoc.get_pandoc_path(), "--sandbox", "--from=markdown", "--to=html5", "--standalone",
            "--metadata=document-css:false", f"--lua-filter={LUA_FILTER}", "--wrap=none",
            *[f"--include-in-header={report.qmd.parent / part}" for part in report.html_option("include-in-header")]]
    result = subprocess.run(args, input=source, capture_output=True, text=True, cwd=report.qmd.parent,
                            env={**os.environ, "SOURCE_DATE_EPOCH": "0"})
    if result.returncode != 0:
        raise RenderError(f"pandoc failed on {report.qmd.name}:\n{result.stderr.strip()}")
    if "[WARNING]" in result.stderr:
        raise RenderError(f"pandoc warned on {report.qmd.name} (treated as an error):\n{result.stderr.strip()}")
    folder = report.qmd.parent
    return self_contained(result.stdout, folder, [folder / css for css in report.stylesheets],
                          allowed=(paths.REPORTS, report.brief.build, paths.BUILD / "fonts", report.brief.figures),
                          origin=shown(report.qmd))


# --- quarto path ------------------------------------------------------------------
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Quarto logs "WARNING (<lua file>:<line>) message" for unknown variables and unresolved
# cross-references, pandoc's "[WARNING] message" for missing images, and "ERROR: ..." (then a
# stack trace) for a missing include. It exits 0 on warnings; we treat them as errors.
QUARTO_WARNING = re.compile(r"^(?:\[WARNING\]|WARN(?:ING)?)\s*(?:\([^)]*\))?\s*(.+)$", re.M)
QUARTO_ERROR = re.compile(r"^ERROR:\s*(.*?)(?:\n\s*\n|Stack trace:|\Z)", re.M | re.S)
UNRESOLVED = re.compile(r"\?(?:var:|meta:|@)[\w.-]+")


def quarto_problems(log: str) -> list[str]:
    """Quarto's errors and warnings, one line each, without colours or stack traces."""
    log = ANSI.sub("", log)
    found = [" ".join(m.group(1).split()) for m in QUARTO_ERROR.finditer(log)]
    return found + [m.group(1).strip() for m in QUARTO_WARNING.finditer(log)]


def quarto_html(report: Report) -> str:
    """`quarto render` of one report, as a Quarto user runs it; the HTML as Quarto wrote it
    (to _build/quarto/, the project's output-dir, so `quarto render` gives the same file).

    Quarto keeps project state in .quarto/, so renders of the same project take turns
    (`make -j` renders both editions at once). Its pre-render step (`make prepare`, see
    _quarto.yml) finds everything up to date when make has already built it."""
    import fcntl

    produced = paths.QUARTO_OUTPUT / report.qmd.relative_to(paths.ROOT).with_suffix(".html")
    paths.BUILD.mkdir(parents=True, exist_ok=True)
    with open(paths.BUILD / ".quarto.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        produced.unlink(missing_ok=True)
        result = subprocess.run(["quarto", "render", shown(report.qmd), "--to", "html"],
                                capture_output=True, text=True, cwd=paths.ROOT)
        log = result.stdout + result.stderr
        problems = quarto_problems(log)
        if result.returncode != 0 or problems:
            detail = "\n".join(f"  {p}" for p in problems) or ANSI.sub("", log).strip()[-2000:]
            raise RenderError(f"quarto could not render {shown(report.qmd)} (warnings count as errors):\n{detail}")
        if not produced.exists():
            raise RenderError(f"quarto wrote no {shown(produced)}: is {shown(report.qmd)} listed under "
                              f"project: render: in _quarto.yml?")
        html = produced.read_text(encoding="utf-8")
    unresolved = sorted(set(UNRESOLVED.findall(html)))
    if unresolved:
        raise RenderError(f"quarto left unresolved references in {shown(report.qmd)}: {', '.join(unresolved)}")
    return html


def edition_day(facts: dict) -> dt.date:
    return dt.date.fromisoformat(str(lookup(facts, "edition.date_iso")))


def described(html: str, report: Report, facts: dict) -> str:
    """The report's own <title>, <meta> and <main> (describe.py); the same whichever engine
    wrote the HTML, and a no-op on HTML that is already described (Quarto's post-render)."""
    return describe(html, EditionMetadata.of(report.front_matter, shown(report.qmd), edition_day(facts),
                                             str(lookup(facts, "edition.date"))))


def build(report: Report, facts: dict) -> tuple[Path, Path, int]:
    """Render one report to the brief's staging folder (<name>.html and .pdf); returns their paths and
    the page count. The outputs users see change only when `publish` copies every report at once."""
    out_dir = report.brief.staged
    html = quarto_html(report) if engine() == "quarto" else pandoc_html(report, facts)
    external = sorted({a or b for a, b in EXTERNAL_RESOURCE.findall(html)})
    if external:
        raise RenderError(f"{shown(report.qmd)}: the HTML refers to resources that are not embedded "
                          f"(missing file, or no `embed-resources: true`): {', '.join(external[:5])}")
    html = described(html, report, facts)
    pdf, anchors = pdf_from_html(html, edition_day(facts), attachments=data_files(report.brief))
    pages = len(anchors)
    over = over_budget(report, anchors)
    if over:
        raise RenderError(f"{over} Nothing in {report.brief.shown(report.brief.output)}/ was replaced.")
    targets = {out_dir / f"{report.name}.html": html.encode("utf-8"), out_dir / f"{report.name}.pdf": pdf}
    replace_together(targets, scratch=out_dir)
    html_path, pdf_path = targets
    return html_path, pdf_path, pages


APPENDIX = "appendix"   # the id of the element where a report's appendix starts


def over_budget(report: Report, anchors: list[set[str]]) -> str:
    """Which part of the report is beyond its page budget, by how much, and what can be cut; ''
    if it fits. The page where the appendix starts counts for both parts."""
    budget, total = report.page_budget, len(anchors)
    start = next((i + 1 for i, ids in enumerate(anchors) if APPENDIX in ids), None)
    body, appendix = (start, total - start + 1) if start else (total, 0)
    name = f"{report.name}.pdf"
    if body > budget["max"]:
        return (f"{name}: the body runs to {body} pages, {body - budget['max']} over its budget of "
                f"{budget['min']}–{budget['max']} (page-budget in {shown(report.qmd)}); the appendix takes "
                f"{appendix}. Cut the body: shorten a section, or make a figure half-width.")
    if body < budget["min"]:
        return (f"{name}: the body runs to {body} pages, {budget['min'] - body} under its budget of "
                f"{budget['min']}–{budget['max']} (page-budget in {shown(report.qmd)}).")
    if appendix > budget["appendix-max"]:
        return (f"{name}: the appendix runs to {appendix} pages, {appendix - budget['appendix-max']} over its limit "
                f"of {budget['appendix-max']} (appendix-max in {shown(report.qmd)}); the body ({body} pages) fits. "
                f"Cut the appendix: fewer events in the other-events table, or shorter source titles.")
    return ""


def publish(brief: Brief, names: list[str]) -> None:
    """Copy every report's HTML and PDF, and the claims ledger, into the brief's outputs at once:
    after a failed or interrupted build the outputs are all from the last good one, never a mix."""
    out_dir = brief.output
    files = {out_dir / "claims.json": brief.claims.read_bytes()}
    for name in names:
        for suffix in (".html", ".pdf"):
            files[out_dir / f"{name}{suffix}"] = (brief.staged / f"{name}{suffix}").read_bytes()
    changed = {path: content for path, content in files.items() if not path.exists() or path.read_bytes() != content}
    replace_together(changed, scratch=brief.build)


def replace_together(files: dict[Path, bytes], scratch: Path) -> None:
    """Write the files into scratch (on the same disk) first, then move them all into place with
    termination signals held, so the targets are all old or all new and no temporary file is left
    among them."""
    staged: dict[Path, Path] = {}
    try:
        scratch.mkdir(parents=True, exist_ok=True)
        for target, content in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            staged[target] = scratch / f".{target.name}.{os.getpid()}.tmp"
            staged[target].write_bytes(content)
        held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
        try:
            for target, tmp in staged.items():
                tmp.replace(target)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    except OSError as exc:
        folders = sorted({shown(t.parent) for t in files})
        raise RenderError(f"cannot write {', '.join(folders)}: {exc.strerror or exc}. "
                          f"Check that the folder is writable.") from None
    finally:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
