"""Time each build step from a clean build directory, then a no-op rebuild (`make bench`).

Runs in a temporary copy of the project so the working tree's outputs are left alone."""
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from briefkit.paths import PROJECT_FILES, ROOT


def main() -> None:
    venv = Path(sys.executable).parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        for name in PROJECT_FILES:
            src = ROOT / name
            (shutil.copytree(src, project / name, copy_function=shutil.copy2) if src.is_dir()
             else shutil.copy2(src, project / name))
        env = {**os.environ, "PYTHONPATH": str(project / "src"), "BRIEF_ENGINE": os.environ.get("BRIEF_ENGINE", "pandoc")}
        py = [sys.executable, "-m", "briefkit"]
        steps = [("check", py + ["check"]), ("variables + partials + fonts", py + ["variables"])]
        steps += [(f"figure {n}", py + ["figure", n]) for n in
                  ("trade", "coca", "enforcement", "aid", "migration", "poverty", "venezuela-trade", "approval")]
        steps += [("render brief (HTML + PDF)", py + ["render", "brief"]),
                  ("render summary (HTML + PDF)", py + ["render", "summary"])]
        (project / "_build").mkdir()
        subprocess.run(["make", f"VENV={venv}", "_build/check.ok"], cwd=project, env=env, check=True,
                       capture_output=True)
        total = 0.0
        print(f"{'step':34} seconds")
        for name, command in steps:
            start = time.perf_counter()
            subprocess.run(command, cwd=project, env=env, check=True, capture_output=True)
            elapsed = time.perf_counter() - start
            total += elapsed
            print(f"{name:34} {elapsed:7.2f}")
        print(f"{'total (one clean build)':34} {total:7.2f}")
        make = ["make", f"VENV={venv}", "report"]
        subprocess.run(make, cwd=project, env=env, check=True, capture_output=True)  # records make's stamps
        start = time.perf_counter()
        subprocess.run(make, cwd=project, env=env, check=True, capture_output=True)
        print(f"{'make report, nothing changed':34} {time.perf_counter() - start:7.2f}")


if __name__ == "__main__":
    main()
