"""results.json traces every figure the brief prints: readings, sensitivity swings, the robustness grid, counts and
the hash of every input file (issue 21). Expected values worked out by hand from the article's claims."""

import hashlib

import pytest

from analysis.brief import results
from analysis.brief.compute import compute
from conftest import ROOT

pytestmark = pytest.mark.integration  # a whole brief computed: left out of the mutation run (tests/MUTATION.md)


@pytest.fixture(scope="module")
def data():
    return results.to_dict(compute(draws=5_000, sensitivity_draws=1_000))


def _figure(data, claimant, quantity):
    return next(f for f in data["figures"] if (f["claimant"], f["quantity"]) == (claimant, quantity))


def test_each_figure_carries_our_reading_of_it(data):
    # "about 300" read as ±10%: 270–330; NIS's 10,000–11,000 as itself; "as high as 50%" keeps no low end
    assert _figure(data, "NIS", "killed")["read"] == {"low": 270.0, "high": 330.0}
    assert _figure(data, "NIS", "deployed")["read"] == {"low": 10000.0, "high": 11000.0}
    assert _figure(data, "CSIS", "casualty_rate")["read"] == {"low": None, "high": 50.0}
    # 300 ± 10% and 2,700 ± 10%: 2,430 / 330 = 7.36 to 2,970 / 270 = 11.0 wounded per killed
    read = _figure(data, "NIS", "wounded_per_killed")["read"]
    assert read["low"] == pytest.approx(2430 / 330, rel=1e-5) and read["high"] == pytest.approx(11.0, rel=1e-5)


def test_sensitivity_swings(data):
    s = data["sensitivity"]
    assert [r["claim_id"] for r in s][:1] == ["nis-wounded"]  # the input that moves the rate most
    top = s[0]
    assert (top["claimant"], top["metric"], top["watched"]) == ("NIS", "wounded", "NIS")
    assert (top["input_low"], top["input_high"]) == (2430.0, pytest.approx(2970.0))  # 2,700 ± 10%
    assert top["swing"] == pytest.approx(abs(top["p50_at_high"] - top["p50_at_low"]), abs=1e-4)


def test_robustness_grid(data):
    grid = data["robustness_grid"]
    assert grid["upto_floor"] == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert grid["hedge_reading"] == ["as_stated", "upper_bound"]
    cells = 1
    for values in grid.values():
        cells *= len(values)
    assert cells == 240 == data["robustness"][0]["cells"]  # 5 × 3 × 2 × 2 × 2 × 2


def test_counts_the_brief_prints(data):
    # the article dates none of its six figures: five are dated by us from other reports (CNA, Korea JoongAng
    # Daily), NIS's force size has no date
    assert data["counts"] == {"claims_used": 6, "claims_in_ledger": 6, "claimants": 2, "sources": 1,
                              "claims_dated_by_us": 5, "claims_undated": 1, "later_claims": 17, "later_reports": 12}


def test_every_input_file_hashed(data):
    names = {f["path"]: f["sha256"] for f in data["inputs"]}
    for name in ("data/claims.csv", "data/later-reports.csv", "data/sources.csv", "data/reference_ratios.csv",
                 "data/scopes.csv", "notebooks/briefing.ipynb"):
        assert names[name] == hashlib.sha256((ROOT / name).read_bytes()).hexdigest(), name


def test_results_stay_strict_json(data):
    text = results.dumps(data)
    assert "NaN" not in text and "Infinity" not in text
