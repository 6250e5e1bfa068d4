"""What each build step reads, for make (`_build/deps.mk`): per brief, the data files its data
package declares, its spec and module, its figures and reports; and the engine's source files
behind each step, found by following its imports within briefkit. Nothing here imports pandas or
matplotlib: make asks for this on every build."""
from __future__ import annotations

import ast
from pathlib import Path

import yaml

from . import BriefError, paths
from .paths import Brief

PACKAGE = Path(__file__).parent

# The module each make step runs; everything it imports (within briefkit) counts too.
STEP_MODULES = {
    "CHECK_CODE": ["validation", "variables"],
    "FIGURE_CODE": ["figures"],
    "VARIABLES_CODE": ["variables", "fonts", "editions", "manifest"],
    "RENDER_CODE": ["render", "literals", "manifest"],
}


def local_imports(module: str) -> set[str]:
    """briefkit modules that `module` imports, directly or not (itself included)."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen or not (PACKAGE / f"{name}.py").exists():
            continue
        seen.add(name)
        tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                todo += [node.module.split(".")[0]] if node.module else [a.name for a in node.names]
    return seen | {"__init__", "__main__"}


def data_files(brief: Brief) -> list[str]:
    """The descriptor, every resource's file and every schema file it names."""
    package = yaml.safe_load(brief.datapackage.read_text(encoding="utf-8"))
    files = [brief.datapackage]
    for resource in package.get("resources", []):
        files.append(brief.data / resource["path"])
        if isinstance(resource.get("schema"), str):
            files.append(brief.data / resource["schema"])
    return sorted({brief.shown(f) for f in files})


def spec_of(brief: Brief) -> dict:
    """The brief's spec as YAML; a spec that is not a mapping is named, not a traceback."""
    try:
        spec = yaml.safe_load(brief.spec.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise BriefError(f"{brief.shown(brief.spec)} cannot be read ({exc})") from None
    if not isinstance(spec, dict):
        raise BriefError(f"{brief.shown(brief.spec)} must be a mapping of keys (lang, events, facts, figures, tables)")
    return spec


def spec_files(brief: Brief, spec: dict) -> list[str]:
    """The spec and the brief's module, if it names one."""
    module = [brief.reports / spec["module"]] if spec.get("module") else []
    return [brief.shown(f) for f in [brief.spec, *module]]


def report_names(brief: Brief, project: Path | None = None) -> list[str]:
    """The brief's reports, as `_quarto.yml` lists them for `quarto render` (one list for both engines)."""
    project = project or brief.root / "_quarto.yml"
    render = yaml.safe_load(project.read_text(encoding="utf-8"))["project"]["render"]
    return [Path(entry).stem for entry in render if Path(entry).parent == Path("reports") / brief.name]


def makefile_rules(root: Path = paths.ROOT) -> str:
    names = paths.brief_names(root)
    lines = [f"BRIEFS := {' '.join(names)}"]
    for name in names:
        brief = Brief(name, root)
        spec = spec_of(brief)
        lines += [f"{name}_REPORTS := {' '.join(report_names(brief))}",
                  f"{name}_DATA := {' '.join(data_files(brief))}",
                  f"{name}_SPEC := {' '.join(spec_files(brief, spec))}",
                  f"{name}_FIGURES := {' '.join(spec.get('figures') or {})}"]
    code_dir = PACKAGE.relative_to(root) if PACKAGE.is_relative_to(root) else PACKAGE
    for variable, modules in STEP_MODULES.items():
        sources = sorted(set().union(*(local_imports(m) for m in modules)))
        lines.append(f"{variable} := {' '.join(f'{code_dir}/{m}.py' for m in sources)}")
    return "\n".join(lines) + "\n"
