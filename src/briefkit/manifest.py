"""What made each output: `_output/manifest.json` (every input file and output with its
sha256, tool versions, engine, git commit and whether the tree had uncommitted changes),
the colophon printed on the brief's last page, and the published claims ledger.

Nothing here depends on the clock, so the same commit and tools give the same bytes."""
from __future__ import annotations

import hashlib
import json
import os
import platform
import subprocess
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path

import pypandoc

from . import paths

FORMAT = "briefkit-manifest"
VERSION = 1
OUTPUT_FILES = ("*.html", "*.pdf", "claims.json")


@dataclass(frozen=True)
class BuildInfo:
    engine: str
    tools: dict[str, str]
    commit: str | None     # None outside a git checkout
    dirty: bool | None

    @classmethod
    def current(cls, engine: str, root: Path = paths.ROOT) -> BuildInfo:
        return cls(engine, tool_versions(engine), *git_state(root))


def git_state(root: Path) -> tuple[str | None, bool | None]:
    """The checked-out commit and whether tracked or new files differ from it."""
    def git(*args: str) -> str | None:
        try:
            result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
        except FileNotFoundError:
            return None
        return result.stdout.strip() if result.returncode == 0 else None

    top = git("rev-parse", "--show-toplevel")
    if top is None or Path(top).resolve() != root.resolve():
        return None, None
    commit = git("rev-parse", "HEAD")
    return (commit, bool(git("status", "--porcelain"))) if commit else (None, None)


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


def write_colophon(info: BuildInfo, data_as_of: str, edition: str | None = None,
                   folder: Path = paths.PARTIALS) -> None:
    """Rewritten only when its words change: make re-renders the editions when a partial is newer."""
    target, text = folder / "colophon.md", colophon(info, data_as_of, edition).encode("utf-8")
    if not target.exists() or target.read_bytes() != text:
        write_atomically(target, text)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def input_files(root: Path = paths.ROOT) -> list[Path]:
    """The tracked project files a build reads (the same list tests copy)."""
    files = []
    for name in paths.PROJECT_FILES:
        top = root / name
        candidates = top.rglob("*") if top.is_dir() else [top]
        files += [p for p in candidates if p.is_file()
                  and not any(part == "__pycache__" or part.endswith(".egg-info") for part in p.parts)]
    return sorted(files)


def write_atomically(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")   # editions rendered at once (make -j) share the colophon
    tmp.write_bytes(content)
    tmp.replace(path)


def write_manifest(info: BuildInfo, out_dir: Path = paths.OUTPUT, root: Path = paths.ROOT) -> Path:
    """Record what made the outputs. An output whose bytes are unchanged keeps the build details
    recorded when it was made; a new or changed one gets this build's."""
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
                "inputs": {str(p.relative_to(root)): sha256(p) for p in input_files(root)},
                "outputs": outputs}
    write_atomically(target, (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
    return target
