"""`briefkit doctor` (run by make when it sets up .venv) installs WeasyPrint's missing system
libraries with the platform's package manager when this user may, printing one line, and
otherwise stops with the command to run.

No library is removed from the machine: BRIEFKIT_PRETEND_MISSING makes the first check report
libraries missing, and a stand-in package manager first on PATH records what it is asked."""
import os
import subprocess
import sys

import pytest

from briefkit import doctor, paths

ALL_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
WHY = ("WeasyPrint needs Pango to lay out the PDFs, and HarfBuzz-Subset so that the PDF bytes do not "
       "depend on the machine")


def tool(folder, name: str, body: str = "exit 0") -> None:
    """A stand-in command that appends its name and arguments to folder/calls, then runs body."""
    script = folder / name
    script.write_text(f'#!/bin/sh\necho "{name} $*" >> "{folder}/calls"\n{body}\n')
    script.chmod(0o755)


def calls(folder) -> list[str]:
    log = folder / "calls"
    return log.read_text().splitlines() if log.exists() else []


# Passwordless sudo: runs the command (as this user: the stand-ins need no root).
SUDO_ALLOWED = '[ "$1" = "-n" ] && shift\nexec "$@"'


@pytest.fixture
def fake_bin(tmp_path):
    folder = tmp_path / "bin"
    folder.mkdir()
    tool(folder, "sudo", SUDO_ALLOWED)
    return folder


def run_doctor(fake_bin, pretend: str | None, path_rest: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{fake_bin}{os.pathsep + os.environ['PATH'] if path_rest else ''}",
           "PYTHONPATH": str(paths.ROOT / "src")}
    env.pop("BRIEFKIT_PRETEND_MISSING", None)
    if pretend is not None:
        env["BRIEFKIT_PRETEND_MISSING"] = pretend
    return subprocess.run([sys.executable, "-m", "briefkit", "doctor"], env=env, capture_output=True, text=True)


def via() -> str:
    """How the install runs in this test run: as root directly, else through (stand-in) sudo."""
    return "apt-get as root" if os.geteuid() == 0 else "sudo apt-get"


def test_missing_libraries_are_installed_with_one_line(fake_bin):
    tool(fake_bin, "apt-get")
    result = run_doctor(fake_bin, "all")
    assert result.returncode == 0, result.stderr
    installing, available = result.stdout.splitlines()
    assert installing == (f"doctor      installing {ALL_PACKAGES} with {via()} "
                          f"(Pango, PangoFT2, HarfBuzz-Subset are missing): {WHY}")
    assert available.startswith("doctor      WeasyPrint and its system libraries (Pango, HarfBuzz-Subset) are available")
    assert [c for c in calls(fake_bin) if c.startswith("apt-get")] == [
        "apt-get update -qq", f"apt-get install -y -qq {ALL_PACKAGES}"]
    assert any(c.startswith("sudo") for c in calls(fake_bin)) == (os.geteuid() != 0)


def test_only_the_missing_library_is_installed(fake_bin):
    tool(fake_bin, "apt-get")
    result = run_doctor(fake_bin, "harfbuzz-subset")
    assert result.returncode == 0, result.stderr
    assert f"installing libharfbuzz-subset0 with {via()} (HarfBuzz-Subset is missing)" in result.stdout
    assert calls(fake_bin)[-1] == "apt-get install -y -qq libharfbuzz-subset0"


def test_nothing_is_installed_when_the_libraries_are_there(fake_bin):
    tool(fake_bin, "apt-get", "exit 1")
    result = run_doctor(fake_bin, None)
    assert result.returncode == 0, result.stderr
    assert "installing" not in result.stdout
    assert calls(fake_bin) == []


def test_a_failed_install_stops_with_the_command_and_the_managers_words(fake_bin):
    tool(fake_bin, "apt-get", 'case "$1" in install) echo "E: Unable to locate package libharfbuzz-subset0" >&2; '
                              'exit 100;; esac')
    result = run_doctor(fake_bin, "harfbuzz-subset")
    assert result.returncode == 1
    assert "E: Unable to locate package libharfbuzz-subset0" in result.stderr
    assert "Install them yourself with:\n  sudo apt-get install -y libharfbuzz-subset0\n" in result.stderr


def test_dnf_when_there_is_no_apt_get(fake_bin):
    tool(fake_bin, "dnf")
    result = run_doctor(fake_bin, "pangoft2-1.0,harfbuzz-subset", path_rest=False)   # only the stand-ins on PATH
    assert result.returncode == 0, result.stderr
    assert "installing pango harfbuzz with" in result.stdout
    assert calls(fake_bin)[-1] == "dnf install -y -q pango harfbuzz"


def test_an_unknown_pretend_name_is_refused(fake_bin):
    result = run_doctor(fake_bin, "harfbuzz")
    assert result.returncode == 1
    assert "BRIEFKIT_PRETEND_MISSING names harfbuzz; known: pango-1.0, pangoft2-1.0, harfbuzz-subset or all" in result.stderr


# Not root: what decides between installing through sudo and stopping with the command.

def test_not_root_without_sudo_stops_with_the_exact_command(fake_bin, monkeypatch):
    tool(fake_bin, "apt-get")
    tool(fake_bin, "sudo", "echo 'sudo: a password is required' >&2; exit 1")
    monkeypatch.setenv("PATH", str(fake_bin))
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    with pytest.raises(doctor.DoctorError) as error:
        doctor.install(["pango-1.0", "pangoft2-1.0", "harfbuzz-subset"])
    assert str(error.value).endswith(f"this user is not root and may not use sudo without a password. "
                                     f"Install them with:\n  sudo apt-get install -y {ALL_PACKAGES}\n"
                                     f"then run make again.")
    assert calls(fake_bin) == ["sudo -n true"]


def test_not_root_with_passwordless_sudo_installs_through_it(fake_bin, monkeypatch, capsys):
    tool(fake_bin, "apt-get")
    monkeypatch.setenv("PATH", f"{fake_bin}{os.pathsep}{os.environ['PATH']}")   # sudo runs `true`
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    doctor.install(["harfbuzz-subset"])
    assert capsys.readouterr().out == (f"doctor      installing libharfbuzz-subset0 with sudo apt-get "
                                       f"(HarfBuzz-Subset is missing): {WHY}\n")
    assert calls(fake_bin) == ["sudo -n true", "sudo -n apt-get update -qq", "apt-get update -qq",
                               "sudo -n apt-get install -y -qq libharfbuzz-subset0",
                               "apt-get install -y -qq libharfbuzz-subset0"]


def test_no_known_package_manager_stops_with_the_commands_for_each(fake_bin, monkeypatch):
    monkeypatch.setenv("PATH", str(fake_bin))     # sudo only
    with pytest.raises(doctor.DoctorError) as error:
        doctor.install(["harfbuzz-subset"])
    assert "no package manager doctor knows (apt-get, dnf, brew) is on PATH" in str(error.value)
    assert ("sudo apt-get install -y libharfbuzz-subset0\n(Fedora: sudo dnf install -y harfbuzz; "
            "macOS: brew install harfbuzz)") in str(error.value)


def test_homebrew_on_macos_installs_as_the_user(fake_bin, monkeypatch, capsys):
    tool(fake_bin, "brew")
    tool(fake_bin, "apt-get")
    monkeypatch.setenv("PATH", str(fake_bin))
    monkeypatch.setattr(os, "geteuid", lambda: 501)
    assert doctor.package_manager("darwin") == "brew"
    assert doctor.package_manager("linux") == "apt-get"
    assert doctor.package_manager("win32") is None
    monkeypatch.setattr(doctor, "package_manager", lambda: "brew")
    doctor.install(["pango-1.0", "pangoft2-1.0", "harfbuzz-subset"])
    assert capsys.readouterr().out.startswith("doctor      installing pango harfbuzz with brew (")
    assert calls(fake_bin) == ["brew install --quiet pango harfbuzz"]


@pytest.mark.parametrize("status, not_found, missing", [
    (0, set(), []),
    (2, set(), ["harfbuzz-subset"]),                                    # WeasyPrint loaded, without HarfBuzz-Subset
    (1, {"pango-1.0", "pangoft2-1.0"}, ["pango-1.0", "pangoft2-1.0"]),  # WeasyPrint could not load Pango
    (1, set(), list(doctor.LIBRARIES)),                                 # ... nor say which: all three
])
def test_what_is_missing_follows_weasyprint(monkeypatch, status, not_found, missing):
    monkeypatch.delenv("BRIEFKIT_PRETEND_MISSING", raising=False)
    monkeypatch.setattr(doctor, "weasyprint_check", lambda: (status, "cannot load library 'pango-1.0'"))
    monkeypatch.setattr(doctor.ctypes.util, "find_library", lambda name: None if name in not_found else f"lib{name}.so")
    assert doctor.missing_libraries() == missing
