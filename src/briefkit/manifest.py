"""What made each output: `_output/<brief>/manifest.json` (every input file and output with its
sha256, tool versions, engine, git commit and whether the tree had uncommitted changes),
the colophon printed on the brief's last page, and the published claims ledger.

Nothing here depends on the clock, so the same commit and tools give the same bytes."""
from __future__ import annotations

import hashlib
import json
import platform
import subprocess
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path

import pypandoc

from . import paths
from .files import write_if_changed
from .paths import Brief

FORMAT = "briefkit-manifest"
VERSION = 1
OUTPUT_FILES = ("*.html", "*.pdf", "claims.json")
# Project entries that hold every brief's files: a brief reads only its own part of them, so another
# brief's change there leaves this brief's manifest and colophon as they were. (_quarto.yml lists
# every brief's documents; the brief's own are in its folder.)
BRIEF_OWN = ("data", "reports", "editions", "_quarto.yml")


@dataclass(frozen=True)
class BuildInfo:
    engine: str
    tools: dict[str, str]
    commit: str | None     # None outside a git checkout
    dirty: bool | None

    @classmethod
    def current(cls, engine: str, brief: Brief) -> BuildInfo:
        return cls(engine, tool_versions(engine), *git_state(brief))


def input_folders(brief: Brief) -> list[str]:
    """What a brief's build reads, as paths relative to the project: the engine and project files
    and the brief's own folders. Its commit is the last one that changed any of them, so another
    brief's commit does not change this brief's colophon."""
    return [name for name in paths.PROJECT_FILES if name not in BRIEF_OWN] + [
        "reports/style", "reports/filters", *(brief.shown(p) for p in (brief.data, brief.reports, brief.editions))]


def git_state(brief: Brief) -> tuple[str | None, bool | None]:
    """The last commit that changed the brief's inputs and whether they differ from it now."""
    root = brief.root
    def git(*args: str) -> str | None:
        try:
            result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
        except FileNotFoundError:
            return None
        return result.stdout.strip() if result.returncode == 0 else None

    top = git("rev-parse", "--show-toplevel")
    if top is None or Path(top).resolve() != root.resolve():
        return None, None
    folders = input_folders(brief)
    commit = git("log", "-1", "--format=%H", "--", *folders)
    return (commit, bool(git("status", "--porcelain", "--", *folders))) if commit else (None, None)


def tool_versions(engine: str) -> dict[str, str]:
    tools = {"python": platform.python_version(),
             **{name: version(name) for name in ("pandas", "matplotlib", "weasyprint", "frictionless")}}
    if engine == "quarto":
        tools["quarto"] = subprocess.run(["quarto", "--version"], capture_output=True, text=True).stdout.strip()
    else:
        tools["pandoc"] = pypandoc.get_pandoc_version()
    return tools


def colophon(info: BuildInfo, data_as_of: str, edition: str | None = None) -> str:
    """Markdown for the last page: edition, data date, commit (flagged when dirty), engine."""
    if info.commit is None:
        origin = "outside a git checkout, so no commit is recorded"
    else:
        origin = f"from commit `{info.commit[:12]}`" + (" with uncommitted changes" if info.dirty else "")
    engine = f"{info.engine} {info.tools[info.engine]}"
    return ("::: {.colophon}\n"
            f"**Colophon.** Edition of {edition or data_as_of}, data as of {data_as_of}. Built {origin}; "
            f"{engine} engine, WeasyPrint {info.tools['weasyprint']}. Each number's data rows and sources: "
            "`claims.json`; checksums of every input and output: `manifest.json`.\n:::\n")


def write_colophon(info: BuildInfo, data_as_of: str, edition: str, folder: Path) -> bool:
    """Rewritten only when its words change (True then): make re-renders the reports when a piece is newer."""
    return write_if_changed(folder / "colophon.md", colophon(info, data_as_of, edition))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def input_files(brief: Brief) -> list[Path]:
    """The tracked files a brief's build reads: the engine and project files, and this brief's own
    data, documents and editions (not another brief's)."""
    root, files = brief.root, []
    own = [brief.data, brief.reports, brief.editions]
    shared = [root / name for name in paths.PROJECT_FILES if name not in BRIEF_OWN] + [root / "reports" / "style",
                                                                                       root / "reports" / "filters"]
    for top in shared + own:
        candidates = top.rglob("*") if top.is_dir() else [top]
        files += [p for p in candidates if p.is_file() and p != brief.facts_file
                  and not any(part == "__pycache__" or part.endswith(".egg-info") for part in p.parts)]
    return sorted(files)


def write_manifest(info: BuildInfo, brief: Brief) -> Path:
    """Record what made a brief's outputs. An output whose bytes are unchanged keeps the build details
    recorded when it was made; a new or changed one gets this build's."""
    out_dir, root = brief.output, brief.root
    target = out_dir / "manifest.json"
    earlier = json.loads(target.read_text(encoding="utf-8"))["outputs"] if target.exists() else {}
    build = {"engine": info.engine, "commit": info.commit, "dirty": info.dirty}
    outputs = {}
    for path in sorted(p for pattern in OUTPUT_FILES for p in out_dir.glob(pattern)):
        digest = sha256(path)
        before = earlier.get(path.name, {})
        made_by = {k: before.get(k) for k in build} if before.get("sha256") == digest else build
        outputs[path.name] = {"sha256": digest, **made_by}
    manifest = {"format": FORMAT, "version": VERSION, **asdict(info),
                "inputs": {str(p.relative_to(root)): sha256(p) for p in input_files(brief)},
                "outputs": outputs}
    write_if_changed(target, (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
    return target
