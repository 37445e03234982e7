"""Many claimants: the brief shows report.MAX_SHOWN of them; results.json and the pool hold every one."""

import pytest

from analysis.brief import results
from analysis.brief.compute import MAX_SHOWN, compute

HEADER = "claim_id,metric,low,best,high,unit,bound,claimant,spokesperson,conduit,published,as_of,source_url,quote,notes\n"

pytestmark = pytest.mark.integration  # whole briefs computed: left out of the mutation run (tests/MUTATION.md)


def test_twelve_claimants__eight_shown__all_in_results(tmp_path):
    rows = [f"c{i}-k,killed,,{100 * (i + 1)},,persons,exact,C{i:02d},,,,,https://e.org/{i},{100 * (i + 1)} killed,\n"
            for i in range(12)]
    path = tmp_path / "twelve.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    b = compute(ledger=str(path), draws=2_000, sensitivity_draws=500)
    assert list(b.stated) == [f"C{i:02d}" for i in range(MAX_SHOWN)]  # ledger order without weights
    data = results.to_dict(b)
    killed = {f["claimant"]: f for f in data["figures"] if f["quantity"] == "killed"}
    assert set(killed) == {f"C{i:02d}" for i in range(12)} | {"Pooled"}
    assert killed["C11"]["stated"]["point"] == 1200 and killed["C11"]["band"]["p50"] == 1200  # exact: 12 × 100
    # twelve exact, different figures leave gaps: the pool (of all twelve) has no meaningful middle
    assert killed["Pooled"]["split"] and killed["Pooled"]["band"]["p50"] is None
    assert sorted(killed["Pooled"]["claim_ids"]) == sorted(f"c{i}-k" for i in range(12))


def test_weights_pick_the_claimants_shown(tmp_path):
    rows = [f"c{i}-k,killed,,{100 * (i + 1)},,persons,exact,C{i:02d},,,,,https://e.org/{i},{100 * (i + 1)} killed,\n"
            for i in range(10)]
    path = tmp_path / "ten.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    b = compute(ledger=str(path), draws=2_000, sensitivity_draws=500, weights={"C09": 3, "C08": 2, "C00": 1})
    assert set(b.stated) >= {"C09", "C08", "C00"} and len(b.stated) == MAX_SHOWN
