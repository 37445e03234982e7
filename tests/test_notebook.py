"""The notebook is committed without outputs and declares typed parameters."""

import json

from analysis import params as P
from conftest import ROOT


def test_notebooks_have_no_outputs():
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, path


def test_parameters_cell_declares_typed_defaults():
    declared = P.declared()
    assert declared["seed"] == 20250101 and isinstance(declared["draws"], int)
    assert declared["approx_tolerance"] == 0.10 and declared["claimants"] == [] and declared["weights"] == {}
    assert {"ledger", "distribution", "title", "as_of", "since"} <= set(declared)


def test_parameter_checking():
    declared = P.declared()
    assert P.check({"approx_tolerance": 0}, declared) == {"approx_tolerance": 0.0}
    typed = P.parse_cli([("claimants", "[NIS]"), ("title", "2025"), ("seed", "7")], declared)
    assert typed == {"claimants": ["NIS"], "title": "2025", "seed": 7}
    for bad, message in [({"sede": 1}, "unknown parameter 'sede'"), ({"seed": "x"}, "'seed' must be integer"),
                         ({"draws": True}, "'draws' must be integer"), ({"results_path": "x"}, "set by the build")]:
        try:
            P.check(bad, declared)
        except P.ParameterError as e:
            assert message in str(e)
        else:
            raise AssertionError(bad)
