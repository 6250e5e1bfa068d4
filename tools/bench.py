"""`make bench`: how long each build stage takes, per brief and for all briefs, against the floor
of WeasyPrint alone.

Everything runs in a temporary copy of the project (the working tree's outputs are left
alone), RUNS times; each line gives the median with min and max, wall clock and CPU of the
child processes. The floor is what printing a brief's final HTML costs: one process per report
that imports WeasyPrint and writes the PDF, measured in the same run. Ratios are given on wall
and CPU medians (CPU is the steadier on a shared machine).
Targets (issue 13): cold build <= 1.35 x floor, one-CSV rebuild <= 0.5 x floor, no-op < 0.05 s."""
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

import yaml

from briefkit.builddeps import report_names
from briefkit.paths import PROJECT_FILES, ROOT, Brief, brief_names

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
FLOOR = ("import sys, weasyprint; weasyprint.HTML(filename=sys.argv[1], base_url='reports')"
         ".write_pdf(sys.argv[2]{variant})")
TAGGED = ", pdf_variant='pdf/a-3a'"   # what the reports are: archival and tagged


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


def report(name: str, samples: list[tuple[float, float]]) -> tuple[float, float]:
    wall = [s[0] for s in samples]
    cpu = statistics.median(s[1] for s in samples)
    median = statistics.median(wall)
    print(f"{name:40} {median:7.2f} {min(wall):7.2f} {max(wall):7.2f} {cpu:9.2f}")
    return median, cpu


def first_table(project: Path, name: str) -> Path:
    """The first data file the brief's data package lists after its sources and measures."""
    descriptor = yaml.safe_load((project / "data" / name / "datapackage.yaml").read_text(encoding="utf-8"))
    paths = [r["path"] for r in descriptor["resources"] if r["name"] not in ("sources", "measures")]
    return project / "data" / name / paths[0]


def bench_brief(name: str, project: Path, env: dict, make: list[str], tmp: str) -> None:
    py = [sys.executable, "-m", "briefkit"]
    reports = report_names(Brief(name, project))
    stages = {"check": [py + ["check", name]], "deps": [py + ["deps"]],
              "figures (all, one process)": [py + ["figure", name]],
              "facts + pieces + fonts": [py + ["variables", name]],
              **{f"render {r} (HTML + PDF)": [py + ["render", name, r]] for r in reports}}
    print(f"\n{name}: {', '.join(reports)}")
    samples: dict[str, list] = {stage: [] for stage in stages}
    for _ in range(RUNS):
        subprocess.run(make + ["clean"], cwd=project, env=env, check=True, capture_output=True)
        (project / "_build").mkdir()
        for stage, commands in stages.items():
            samples[stage].append(timed(commands, project, env))
    for stage, runs in samples.items():
        report(stage, runs)
    one = make + ["report", f"BRIEF={name}"]
    cold = []
    for _ in range(RUNS):
        subprocess.run(make + ["clean"], cwd=project, env=env, check=True, capture_output=True)
        shutil.rmtree(project / "_output", ignore_errors=True)
        cold.append(timed([one], project, env))
    cold_s = report("cold build (make report BRIEF=…)", cold)
    noop_s = report("no-op", [timed([one], project, env) for _ in range(RUNS)])
    rebuild = []
    for _ in range(RUNS):
        os.utime(first_table(project, name))
        rebuild.append(timed([one], project, env))
    rebuild_s = report(f"one CSV touched ({first_table(project, name).name})", rebuild)

    def floor(variant: str) -> list:
        code = FLOOR.format(variant=variant)
        return [timed([[sys.executable, "-c", code, f"_output/{name}/{r}.html", f"{tmp}/floor-{r}.pdf"]
                       for r in reports], project, env) for _ in range(RUNS)]
    floor_s = report("floor: WeasyPrint alone, every report", floor(""))
    tagged_s = report("  the same, tagged PDF/A-3a", floor(TAGGED))
    for label, index in (("wall", 0), ("CPU", 1)):
        print(f"{label:5} cold / floor {cold_s[index] / floor_s[index]:5.2f} (target <= 1.35; "
              f"{cold_s[index] / tagged_s[index]:4.2f} against the tagged floor)   "
              f"rebuild / floor {rebuild_s[index] / floor_s[index]:5.2f} (target <= 0.5)")
    print(f"no-op {noop_s[0]:5.3f} s (target < 0.05)")
    for r in reports:
        print(f"{r}.pdf {(project / '_output' / name / f'{r}.pdf').stat().st_size / 1e6:5.2f} MB (target <= 1)")


def main() -> None:
    venv = Path(sys.executable).parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        copy_project(project)
        env = {**os.environ, "PYTHONPATH": str(project / "src"), "MAKEFLAGS": f"VENV={venv}",
               "BRIEF_ENGINE": os.environ.get("BRIEF_ENGINE", "pandoc")}
        make = ["make", f"VENV={venv}", f"ENGINE={env['BRIEF_ENGINE']}"]
        print(f"{RUNS} runs, engine {env['BRIEF_ENGINE']}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
        print(f"{'stage':40} {'median':>7} {'min':>7} {'max':>7} {'CPU med':>9}   (seconds)")
        names = brief_names(project)
        for name in names:
            bench_brief(name, project, env, make, tmp)
        if len(names) > 1:
            cold = []
            for _ in range(RUNS):
                subprocess.run(make + ["clean"], cwd=project, env=env, check=True, capture_output=True)
                shutil.rmtree(project / "_output", ignore_errors=True)
                cold.append(timed([make + ["report"]], project, env))
            print()
            report(f"all {len(names)} briefs, cold build", cold)


if __name__ == "__main__":
    main()
