"""What each build step reads, for make: the data files the data package declares, and the
source files behind each step, found by following its imports within briefkit."""
from __future__ import annotations

import ast
from pathlib import Path

import yaml

from . import paths

PACKAGE = Path(__file__).parent

# The module each make step runs; everything it imports (within briefkit) counts too.
STEP_MODULES = {
    "CHECK_CODE": ["validation"],
    "FIGURE_CODE": ["figures"],
    "VARIABLES_CODE": ["facts", "partials", "variables", "fonts", "editions"],
    "RENDER_CODE": ["render"],
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


def figure_names() -> list[str]:
    """The figure registry's names, read from figures.py's source: make needs the names, and
    importing the module (matplotlib, pandas) would cost most of this step's time."""
    tree = ast.parse((PACKAGE / "figures.py").read_text(encoding="utf-8"))
    specs, registry = {}, None
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            continue
        name, value = node.targets[0].id, node.value
        if isinstance(value, ast.Call) and getattr(value.func, "id", "") == "FigureSpec":
            specs[name] = ast.literal_eval(value.args[0])
        elif name == "FIGURES" and isinstance(value, ast.DictComp):
            registry = [element.id for element in value.generators[0].iter.elts]
    if registry is None:
        raise RuntimeError("figures.py: FIGURES must be built from a tuple of FigureSpec constants")
    return [specs[name] for name in registry]


def data_files(descriptor: Path = paths.DATAPACKAGE) -> list[str]:
    """The descriptor, every resource's file and every schema file it names."""
    package = yaml.safe_load(descriptor.read_text(encoding="utf-8"))
    files = [descriptor]
    for resource in package.get("resources", []):
        files.append(descriptor.parent / resource["path"])
        if isinstance(resource.get("schema"), str):
            files.append(descriptor.parent / resource["schema"])
    return sorted({str(f.relative_to(paths.ROOT)) for f in files})


def report_names(project: Path = paths.ROOT / "_quarto.yml") -> list[str]:
    """The editions, as `_quarto.yml` lists them for `quarto render` (one list for both engines)."""
    render = yaml.safe_load(project.read_text(encoding="utf-8"))["project"]["render"]
    return [Path(entry).stem for entry in render]


def makefile_rules(figure_names: list[str]) -> str:
    code_dir = PACKAGE.relative_to(paths.ROOT)
    lines = [f"REPORTS := {' '.join(report_names())}",
             f"DATA_FILES := {' '.join(data_files())}",
             f"FIGURE_NAMES := {' '.join(figure_names)}",
             f"FIGURE_FILES := {' '.join(f'figures/{n}.svg' for n in figure_names)}"]
    for variable, modules in STEP_MODULES.items():
        sources = sorted(set().union(*(local_imports(m) for m in modules)))
        lines.append(f"{variable} := {' '.join(f'{code_dir}/{m}.py' for m in sources)}")
    return "\n".join(lines) + "\n"
