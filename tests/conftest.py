"""Shared test helpers."""

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis profiles: `ci` (the default) draws the same examples every run (derandomize), so a failure in CI is a
# failure at the desk; `deep` (HYPOTHESIS_PROFILE=deep) draws ten times as many, at random, to look for new ones.
# A test's own @settings(max_examples=...) still rules its count; tests/property/test_any_ledger.py scales by these.
settings.register_profile("ci", derandomize=True, deadline=None, max_examples=100)
settings.register_profile("deep", deadline=None, max_examples=1_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def ledger():
    """The real ledger, validated."""
    from analysis.ledger.validate import validate

    return validate(ROOT / "data" / "claims.csv")


@pytest.fixture(scope="session")
def built_brief(tmp_path_factory):
    """One brief built from the real ledger for the whole session (the browser and print tests share it)."""
    from analysis.publish.cli import main

    out = tmp_path_factory.mktemp("brief")
    assert main(["build", "--out", str(out), "--quiet"]) == 0
    return out


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium driven by Playwright, one for the session. Fails, saying what is missing, when it cannot start."""
    from browser import launch

    with launch() as browser:
        yield browser


def pytest_collection_modifyitems(config, items):
    """Unit tests first, end-to-end tests (browser, JupyterLab, whole builds) last: a quick failure shows early, and
    the batch tests, whose worker pool forks, never fork a process the browser tests have left with threads (a forked
    child of a threaded parent can deadlock: that hung the suite when tests/e2e/ sorted before tests/unit/)."""
    items.sort(key=lambda item: "/tests/e2e/" in str(item.path).replace("\\", "/"))
