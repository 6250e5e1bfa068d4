"""Where things live in a project checkout. Everything is relative to the project root."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
DATAPACKAGE = DATA / "datapackage.yaml"
REPORTS = ROOT / "reports"
FIGURES = ROOT / "figures"
BUILD = ROOT / "_build"          # generated intermediates (git-ignored)
PARTIALS = BUILD / "partials"    # markdown pieces the .qmd files include
OUTPUT = ROOT / "_output"        # what users send around
STAGED = BUILD / "out"           # each edition as last rendered; `briefkit publish` copies them all to OUTPUT
VARIABLES = ROOT / "_variables.yml"
CLAIMS = BUILD / "claims.json"
QUARTO_OUTPUT = BUILD / "quarto"  # output-dir in _quarto.yml
CONTENT_STAMP = BUILD / "content.stamp"  # touched when _variables.yml or a partial changes

# The tracked files a build needs (tests and the benchmark build in copies of these).
PROJECT_FILES = (".gitignore", "Makefile", "pyproject.toml", "requirements.lock", "_quarto.yml", "data", "editions", "reports", "src")
