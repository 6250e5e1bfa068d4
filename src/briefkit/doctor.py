"""`briefkit doctor`: WeasyPrint's system libraries, installed when they are missing.

Pango lays out the pages. HarfBuzz-Subset subsets the embedded fonts: without it WeasyPrint
subsets them with fontTools instead, and the same inputs give different PDF bytes on different
machines. `make` runs this step once, when it sets up .venv (after pip: the check imports
WeasyPrint).

When a library is missing, the step installs it with the platform's package manager (apt-get
on Debian/Ubuntu, dnf on Fedora, brew on macOS) if it runs as root or may use sudo without a
password (Homebrew installs as the user), and prints one line saying what it installs and why.
Otherwise it stops with the command to run.

BRIEFKIT_PRETEND_MISSING="harfbuzz-subset" (names from LIBRARIES, or "all") makes the first
check report those libraries missing, so the install path can be exercised on a machine that
has them, with a stand-in package manager first on PATH (tests/test_doctor.py).
"""
from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
import sys

from . import BriefError

LIBRARIES = ("pango-1.0", "pangoft2-1.0", "harfbuzz-subset")
# The package that brings each library, for each package manager doctor can drive.
PACKAGES = {
    "apt-get": {"pango-1.0": "libpango-1.0-0", "pangoft2-1.0": "libpangoft2-1.0-0",
                "harfbuzz-subset": "libharfbuzz-subset0"},
    "dnf": {"pango-1.0": "pango", "pangoft2-1.0": "pango", "harfbuzz-subset": "harfbuzz"},
    "brew": {"pango-1.0": "pango", "pangoft2-1.0": "pango", "harfbuzz-subset": "harfbuzz"},
}
WHY = ("WeasyPrint needs Pango to lay out the PDFs, and HarfBuzz-Subset so that the PDF bytes "
       "do not depend on the machine")
# Run in a fresh interpreter: a failed load prints WeasyPrint's own banner, and a library
# installed meanwhile is found only by a new process. Exit 2: only HarfBuzz-Subset is missing.
CHECK = """import sys
try:
    from weasyprint.text.ffi import harfbuzz_subset
except OSError as exc:
    print(exc, file=sys.stderr)
    sys.exit(1)
sys.exit(0 if harfbuzz_subset is not None else 2)
"""


class DoctorError(BriefError):
    pass


def weasyprint_check() -> tuple[int, str]:
    """WeasyPrint's own verdict: 0 (all there), 1 (a library it needs failed to load, with the
    loader's message) or 2 (HarfBuzz-Subset missing)."""
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True)
    return result.returncode, (result.stderr.strip().splitlines() or [""])[-1]


def missing_libraries() -> list[str]:
    """The libraries of LIBRARIES that WeasyPrint cannot load here (or is told to pretend so)."""
    pretend = os.environ.get("BRIEFKIT_PRETEND_MISSING", "").replace(",", " ").split()
    if "all" in pretend:
        pretend = list(LIBRARIES)
    unknown = sorted(set(pretend) - set(LIBRARIES))
    if unknown:
        raise DoctorError(f"BRIEFKIT_PRETEND_MISSING names {', '.join(unknown)}; "
                          f"known: {', '.join(LIBRARIES)} or all")
    status, _ = weasyprint_check()
    if status == 2:
        real = ["harfbuzz-subset"]
    elif status != 0:
        real = [lib for lib in LIBRARIES if not ctypes.util.find_library(lib)] or list(LIBRARIES)
    else:
        real = []
    return [lib for lib in LIBRARIES if lib in real or lib in pretend]


def package_manager(platform: str = sys.platform) -> str | None:
    """brew on macOS; apt-get, else dnf, on Linux (the first found on PATH); None elsewhere."""
    candidates = ("brew",) if platform == "darwin" else ("apt-get", "dnf") if platform.startswith("linux") else ()
    return next((name for name in candidates if shutil.which(name)), None)


def packages(manager: str, libraries: list[str]) -> list[str]:
    return list(dict.fromkeys(PACKAGES[manager][lib] for lib in libraries))


def privilege(manager: str) -> list[str] | None:
    """The prefix that lets this user install: [] (root, or Homebrew, which installs as the
    user), ["sudo", "-n"] (passwordless sudo), or None (neither)."""
    if manager == "brew" or os.geteuid() == 0:
        return []
    if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        return ["sudo", "-n"]
    return None


def install_commands(manager: str, names: list[str]) -> list[list[str]]:
    if manager == "apt-get":   # a fresh machine has no package lists yet
        return [["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *names]]
    if manager == "dnf":
        return [["dnf", "install", "-y", "-q", *names]]
    return [["brew", "install", "--quiet", *names]]


def by_hand(manager: str | None, libraries: list[str]) -> str:
    """The command a user with the right to install runs."""
    if manager == "brew":
        return f"brew install {' '.join(packages('brew', libraries))}"
    if manager is not None:
        return f"sudo {manager} install -y {' '.join(packages(manager, libraries))}"
    return (f"sudo apt-get install -y {' '.join(packages('apt-get', libraries))}\n"
            f"(Fedora: sudo dnf install -y {' '.join(packages('dnf', libraries))}; "
            f"macOS: brew install {' '.join(packages('brew', libraries))})")


def doctor() -> str:
    missing = missing_libraries()
    if missing:
        install(missing)
        status, detail = weasyprint_check()
        if status != 0:
            still = "HarfBuzz-Subset" if status == 2 else f"a library ({detail})"
            raise DoctorError(f"the system libraries were installed, but WeasyPrint still cannot load {still}. "
                              f"Check that the package manager's library folder is one the dynamic loader "
                              f"searches (macOS: DYLD_FALLBACK_LIBRARY_PATH=$(brew --prefix)/lib).")
    return "WeasyPrint and its system libraries (Pango, HarfBuzz-Subset) are available"


def install(missing: list[str]) -> None:
    """Install the packages that bring `missing`, or stop with the command that would."""
    names = {"pango-1.0": "Pango", "pangoft2-1.0": "PangoFT2", "harfbuzz-subset": "HarfBuzz-Subset"}
    what = f"{', '.join(names[lib] for lib in missing)} {'is' if len(missing) == 1 else 'are'} missing"
    manager = package_manager()
    prefix = privilege(manager) if manager else None
    if manager is None or prefix is None:
        reason = ("no package manager doctor knows (apt-get, dnf, brew) is on PATH" if manager is None
                  else "this user is not root and may not use sudo without a password")
        raise DoctorError(f"{what} ({WHY}); {reason}. Install them with:\n  {by_hand(manager, missing)}\n"
                          f"then run make again.")
    wanted = packages(manager, missing)
    how = " ".join([*prefix[:1], manager]) + (" as root" if not prefix and manager != "brew" else "")
    print(f"{'doctor':<11} installing {' '.join(wanted)} with {how} ({what}): {WHY}", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in install_commands(manager, wanted):
        result = subprocess.run([*prefix, *command], capture_output=True, text=True, env=env)
        if result.returncode != 0:
            output = "\n".join(f"  {line}" for line in (result.stdout + result.stderr).strip().splitlines()[-10:])
            raise DoctorError(f"`{' '.join([*prefix, *command])}` failed (exit {result.returncode}):\n{output}\n"
                              f"Install them yourself with:\n  {by_hand(manager, missing)}\nthen run make again.")
