"""`make bench`: how long each build stage takes, against the floor of WeasyPrint alone.

Everything runs in a temporary copy of the project (the working tree's outputs are left
alone), RUNS times; each line gives the median with min and max, wall clock and CPU of the
child processes. The floor is what printing the final HTML of both editions costs: one
process per edition that imports WeasyPrint and writes the PDF, measured in the same run.
Targets (issue 10): cold build <= 1.8 x floor, one-CSV rebuild <= 1.3 x floor, no-op < 0.05 s."""
from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from briefkit.builddeps import report_names
from briefkit.paths import PROJECT_FILES, ROOT

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
EDITIONS = tuple(report_names())
FLOOR = ("import sys, weasyprint; weasyprint.HTML(filename=sys.argv[1], base_url='reports')"
         ".write_pdf(sys.argv[2]{variant})")
TAGGED = ", pdf_variant='pdf/a-3a'"   # what the editions are: archival and tagged (issue 10)


def copy_project(target: Path) -> None:
    for name in PROJECT_FILES:
        src = ROOT / name
        (shutil.copytree(src, target / name, copy_function=shutil.copy2) if src.is_dir()
         else shutil.copy2(src, target / name))


def timed(commands: list[list[str]], cwd: Path, env: dict) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, child processes) of running the commands in turn."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    for command in commands:
        subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - start, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def report(name: str, samples: list[tuple[float, float]]) -> float:
    wall = [s[0] for s in samples]
    cpu = statistics.median(s[1] for s in samples)
    median = statistics.median(wall)
    print(f"{name:36} {median:7.2f} {min(wall):7.2f} {max(wall):7.2f} {cpu:9.2f}")
    return median


def main() -> None:
    venv = Path(sys.executable).parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        copy_project(project)
        env = {**os.environ, "PYTHONPATH": str(project / "src"), "MAKEFLAGS": f"VENV={venv}",
               "BRIEF_ENGINE": os.environ.get("BRIEF_ENGINE", "pandoc")}
        make = ["make", f"VENV={venv}", f"ENGINE={env['BRIEF_ENGINE']}"]
        py = [sys.executable, "-m", "briefkit"]
        clean = make + ["clean"]
        stages = {
            "check": [py + ["check"]],
            "deps": [py + ["deps"]],
            "figures (all, one process)": [py + ["figure", *figure_names(project, env)]],
            "variables + partials + fonts": [py + ["variables"]],
            "render brief (HTML + PDF)": [py + ["render", "brief"]],
            "render summary (HTML + PDF)": [py + ["render", "summary"]],
        }
        print(f"{RUNS} runs, engine {env['BRIEF_ENGINE']}, {os.cpu_count()} CPUs")
        print(f"{'stage':36} {'median':>7} {'min':>7} {'max':>7} {'CPU med':>9}   (seconds)")
        samples: dict[str, list] = {name: [] for name in stages}
        for _ in range(RUNS):
            subprocess.run(clean, cwd=project, env=env, check=True, capture_output=True)
            (project / "_build").mkdir()
            for name, commands in stages.items():
                samples[name].append(timed(commands, project, env))
        for name, runs in samples.items():
            report(name, runs)
        cold = []
        for _ in range(RUNS):
            subprocess.run(clean, cwd=project, env=env, check=True, capture_output=True)
            shutil.rmtree(project / "_output", ignore_errors=True)
            cold.append(timed([make + ["report"]], project, env))
        cold_s = report("cold build (make report)", cold)
        noop_s = report("no-op (make report)", [timed([make + ["report"]], project, env) for _ in range(RUNS)])
        rebuild = []
        for _ in range(RUNS):
            os.utime(project / "data" / "trade.csv")
            rebuild.append(timed([make + ["report"]], project, env))
        rebuild_s = report("one CSV touched (make report)", rebuild)
        def floor(variant: str) -> list:
            code = FLOOR.format(variant=variant)
            return [timed([[sys.executable, "-c", code, f"_output/{e}.html", f"{tmp}/floor-{e}.pdf"]
                           for e in EDITIONS], project, env) for _ in range(RUNS)]
        floor_s = report("floor: WeasyPrint alone, both editions", floor(""))
        tagged_s = report("  the same, tagged PDF/A-3a", floor(TAGGED))
        print(f"\ncold / floor    {cold_s / floor_s:5.2f}  (target <= 1.8; {cold_s / tagged_s:4.2f} against the tagged floor)")
        print(f"rebuild / floor {rebuild_s / floor_s:5.2f}  (target <= 1.3)")
        print(f"no-op           {noop_s:5.3f} s (target < 0.05)")
        for e in EDITIONS:
            print(f"{e}.pdf          {(project / '_output' / f'{e}.pdf').stat().st_size / 1e6:5.2f} MB (target <= 1)")


def figure_names(project: Path, env: dict) -> list[str]:
    """The figures the copy's registry declares."""
    out = subprocess.run([sys.executable, "-m", "briefkit", "deps"], cwd=project, env=env, check=True,
                         capture_output=True, text=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("FIGURE_FILES"))
    return [Path(f).stem for f in line.split(":=", 1)[1].split()]


if __name__ == "__main__":
    main()
