"""One error root: every error the brief raises on bad input is a BriefError; the kernel's errors map by class name."""

import pytest

from analysis import errors
from analysis.errors import (BriefError, BuildError, DataError, LedgerError, NotResults, ParameterError, Problem,
                             SelectionError)


def test_error_classes__share_one_root():
    from analysis.brief import results

    for cls in (LedgerError, ParameterError, SelectionError, BuildError, DataError, NotResults, results.NotResults):
        assert issubclass(cls, BriefError), cls


def test_error_classes__old_import_paths_still_work():
    from analysis import params
    from analysis.publish import build
    from analysis.ledger.validate import LedgerError as FromLedger

    assert params.ParameterError is ParameterError and build.BuildError is BuildError and FromLedger is LedgerError


def test_ledger_error__lists_problems_sorted():
    e = LedgerError([Problem("x.csv", 3, "low", "b"), Problem("x.csv", 2, "", "a")])
    assert str(e) == "2 problem(s) in the ledger:\nx.csv:2: a\nx.csv:3: column 'low': b"


@pytest.mark.parametrize("ename, cls", [("LedgerError", LedgerError), ("ParameterError", ParameterError),
                                        ("SelectionError", SelectionError), ("DataError", DataError),
                                        ("NotResults", NotResults)])
def test_from_kernel__maps_our_classes_by_name_and_keeps_the_message(ename, cls):
    e = errors.from_kernel(ename, "no claims known by 2024", cell=2, source="brief = compute(...)")
    assert type(e) is cls and str(e) == "no claims known by 2024"


def test_from_kernel__anything_else_names_the_cell():
    e = errors.from_kernel("ZeroDivisionError", "division by zero", cell=2, source="x = 1 / 0\ny = 2")
    assert type(e) is BuildError
    assert str(e) == "notebook cell 2 ('x = 1 / 0') failed: ZeroDivisionError: division by zero"
