"""Shared test helpers."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def ledger():
    """The real ledger, validated."""
    from analysis.ledger import validate

    return validate(ROOT / "data" / "claims.csv")
