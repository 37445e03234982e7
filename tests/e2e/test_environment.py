"""environment.yml and pyproject.toml name the same packages at the same versions; the lock agrees."""

import re
import tomllib

import yaml

from conftest import ROOT


def _pins(specs):
    out = {}
    for spec in specs:
        name, version = re.split(r"==|=", spec, maxsplit=1)
        out[name.strip().lower()] = version.strip()
    return out


def test_environment_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = list(project["dependencies"]) + [s for extra in project["optional-dependencies"].values() for s in extra]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip"))]
    conda += [d for section in env["dependencies"] if isinstance(section, dict) for d in section.get("pip", [])]
    assert _pins(conda) == _pins(declared)


def test_lock_pins_every_direct_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    core = list(project["dependencies"]) + list(project["optional-dependencies"]["test"])
    lock = [line for line in (ROOT / "requirements.lock").read_text().splitlines() if "==" in line and not line.startswith("#")]
    locked = _pins(lock)
    for name, version in _pins(core).items():
        assert locked.get(name) == version, name


def test_setup_installs_the_browser_and_lab_tools():
    """`make setup` installs JupyterLab, Playwright and axe from the lock, and Debian's chromium for Playwright."""
    lock = (ROOT / "requirements.lock").read_text()
    for pin in ("jupyterlab==4.6.6", "playwright==1.65.2", "axe-playwright-python==0.1.8"):
        assert pin in lock.splitlines(), pin
    assert " chromium" in (ROOT / "scripts" / "install-system-deps.sh").read_text()
