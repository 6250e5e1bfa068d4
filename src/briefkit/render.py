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
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pypandoc
import yaml

from . import BriefError, paths
from .describe import EditionMetadata, describe
from .pdf import data_files, pdf_from_html

SHORTCODE = re.compile(r"\{\{<\s*(\w+)\s*(.*?)\s*>\}\}")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
LUA_FILTER = paths.REPORTS / "filters" / "quarto-compat.lua"
# Elements that would make a reader's browser fetch something (links to sources are fine).
EXTERNAL_RESOURCE = re.compile(
    r'<(?:img|script|link|iframe|source|video|audio|object)\b[^>]*?(?:src|href|data)="(?:https?:)?//[^"]*"'
    r'|url\(\s*["\']?(?:https?:)?//[^)]*\)', re.I)
QUARTO_PAGEBREAK = '<div style="page-break-after: always;"></div>'


class RenderError(BriefError):
    """The report cannot be built; the message says why."""


@dataclass(frozen=True)
class Report:
    qmd: Path

    @property
    def name(self) -> str:
        return self.qmd.stem

    @property
    def front_matter(self) -> dict:
        match = FRONT_MATTER.match(self.qmd.read_text(encoding="utf-8"))
        return yaml.safe_load(match.group(1)) if match else {}

    @property
    def page_budget(self) -> tuple[int, int]:
        budget = self.front_matter.get("page-budget", {})
        return budget.get("min", 1), budget.get("max", 999)

    @property
    def stylesheets(self) -> list[str]:
        css = self.front_matter.get("format", {}).get("html", {}).get("css", [])
        return [css] if isinstance(css, str) else list(css)


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
def lookup(variables: dict, key: str):
    node = variables
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(key)
        node = node[part]
    return node


def shown(path: Path) -> str:
    """A path as messages show it: relative to the project where possible."""
    return str(path.relative_to(paths.ROOT)) if path.is_relative_to(paths.ROOT) else str(path)


def resolve_shortcodes(text: str, base: Path, variables: dict, origin: str) -> str:
    """Do what Quarto does with {{< var >}}, {{< include >}} and {{< pagebreak >}}; fail on anything else."""
    def replace(match: re.Match) -> str:
        name, arg = match.group(1), match.group(2)
        if name == "var":
            try:
                return str(lookup(variables, arg))
            except KeyError:
                raise RenderError(f"{origin}: unknown variable '{arg}' (not in _variables.yml)") from None
        if name == "include":
            path = (base / arg).resolve()
            if not path.exists():
                raise RenderError(f"{origin}: included file {arg} does not exist")
            body = FRONT_MATTER.sub("", path.read_text(encoding="utf-8"))
            return resolve_shortcodes(body, base, variables, shown(path))
        if name == "pagebreak":
            return QUARTO_PAGEBREAK
        raise RenderError(f"{origin}: shortcode '{name}' is not supported by the pandoc engine")
    return SHORTCODE.sub(replace, text)


def pandoc_html(report: Report, variables: dict) -> str:
    source = resolve_shortcodes(report.qmd.read_text(encoding="utf-8"), report.qmd.parent, variables,
                                shown(report.qmd))
    args = [pypandoc.get_pandoc_path(), "--from=markdown", "--to=html5", "--standalone",
            "--embed-resources", f"--lua-filter={LUA_FILTER}", "--wrap=none",
            *[f"--css={css}" for css in report.stylesheets]]
    result = subprocess.run(args, input=source, capture_output=True, text=True, cwd=report.qmd.parent,
                            env={**os.environ, "SOURCE_DATE_EPOCH": "0"})
    if result.returncode != 0:
        raise RenderError(f"pandoc failed on {report.qmd.name}:\n{result.stderr.strip()}")
    if "[WARNING]" in result.stderr:
        raise RenderError(f"pandoc warned on {report.qmd.name} (treated as an error):\n{result.stderr.strip()}")
    return result.stdout


# --- quarto path ------------------------------------------------------------------
def quarto_html(report: Report) -> str:
    with tempfile.TemporaryDirectory(dir=paths.BUILD) as out:
        result = subprocess.run(["quarto", "render", str(report.qmd.relative_to(paths.ROOT)), "--to", "html",
                                 "--output-dir", out], capture_output=True, text=True, cwd=paths.ROOT)
        if result.returncode != 0:
            raise RenderError(f"quarto failed on {report.qmd.name}:\n{result.stderr.strip()}")
        unresolved = re.findall(r"\?(?:var:|@)[\w.-]+", result.stdout + result.stderr)
        if unresolved:
            raise RenderError(f"quarto left unresolved references in {report.qmd.name}: {sorted(set(unresolved))}")
        produced = sorted(Path(out).rglob(f"{report.name}.html"))
        if not produced:
            raise RenderError(f"quarto wrote no {report.name}.html")
        return produced[0].read_text(encoding="utf-8")


def build(report: Report, variables: dict, out_dir: Path = paths.OUTPUT) -> tuple[Path, Path, int]:
    """Render one report to <out_dir>/<name>.html and .pdf; returns their paths and the page count."""
    html = quarto_html(report) if engine() == "quarto" else pandoc_html(report, variables)
    external = EXTERNAL_RESOURCE.findall(html)
    if external:
        raise RenderError(f"{report.name}.html would load external resources: {external[:3]}")
    edition = dt.date.fromisoformat(str(lookup(variables, "edition.data_as_of_iso")))
    html = describe(html, EditionMetadata.of(report.front_matter, shown(report.qmd), edition,
                                             str(lookup(variables, "edition.data_as_of"))))
    pdf, pages = pdf_from_html(html, edition, attachments=data_files())
    low, high = report.page_budget
    if not low <= pages <= high:
        raise RenderError(f"{report.name}.pdf has {pages} pages; its budget is {low}–{high}. "
                          f"Nothing in {out_dir.name}/ was replaced.")
    out_dir.mkdir(parents=True, exist_ok=True)
    html_path, pdf_path = out_dir / f"{report.name}.html", out_dir / f"{report.name}.pdf"
    for path, content in ((html_path, html.encode("utf-8")), (pdf_path, pdf)):
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(content)
    for path in (html_path, pdf_path):
        path.with_name(f".{path.name}.tmp").replace(path)
    return html_path, pdf_path, pages
