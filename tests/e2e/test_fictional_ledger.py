"""A ledger written for another report works with no code change: fictional claimants, dated and superseded claims.

Expected values worked out by hand from tests/fixtures/fictional_ledger.csv (every row there is invented).
"""

import json

import pytest

from analysis.publish.cli import main
from analysis.brief.compute import compute
from conftest import FIXTURES

LEDGER = str(FIXTURES / "fictional_ledger.csv")
A, B = "Ministry A (fictional)", "Monitor B (fictional)"
FAST = dict(draws=5_000, sensitivity_draws=1_000)

pytestmark = pytest.mark.integration  # whole briefs computed: left out of the mutation run (tests/MUTATION.md)


def test_latest_claims_replace_superseded():
    b = compute(ledger=LEDGER, **FAST)
    assert set(b.claims["claim_id"]) == {"f-a-deployed", "f-a-killed-2", "f-a-casualties-2", "f-b-deployed",
                                         "f-b-rate", "f-b-killed"}
    a = b.stated[A]
    # wounded = 900 - (150..200) = 700..750; wounded per killed = 700/200 .. 750/150 = 3.5 .. 5.0
    assert (a["wounded"].value.low, a["wounded"].value.high) == (700, 750)
    assert a["wounded_per_killed"].value.low == pytest.approx(3.5)
    assert a["wounded_per_killed"].value.high == pytest.approx(5.0)
    assert a["casualty_rate"].value.point == pytest.approx(18.0)  # 900 / 5,000
    # B: "could reach 30 %" of 4,000..6,000 is a ceiling: at most 30 % of 6,000 = 1,800, no low end stated
    c = b.stated[B]["casualties"].value
    assert (c.open_low, c.point, c.high) == (True, None, pytest.approx(1800))
    assert b.evidence_date() == "as of 2025-04"


def test_as_of_builds_the_past():
    b = compute(ledger=LEDGER, as_of="2025-02", **FAST)
    assert set(b.claims["claim_id"]) == {"f-a-deployed", "f-a-killed-1", "f-a-casualties-1", "f-b-deployed",
                                         "f-b-rate"}
    a = b.stated[A]
    # "at least 400 casualties" is a floor with no point: with about 100 killed, at least 400 − 100 = 300 wounded,
    # at least 3.0 wounded per killed and a casualty rate of at least 400 / 5,000 = 8 %
    w, r, rate = a["wounded"].value, a["wounded_per_killed"].value, a["casualty_rate"].value
    assert (w.low, w.point, w.open_high) == (300, None, True)
    assert (r.low, r.open_high) == (pytest.approx(3.0), True)
    assert (rate.low, rate.open_high) == (pytest.approx(8.0), True)
    assert "killed" not in b.stated[B]  # B's killed claim is dated 2025-04
    assert b.evidence_date() == "as of 2025-02"


@pytest.mark.slow
def test_build_since_and_diff(tmp_path, capsys):
    old, new = tmp_path / "old", tmp_path / "new"
    fast = ["-p", "draws", "5000", "-p", "sensitivity_draws", "1000", "-p", "ledger", LEDGER]
    assert main(["build", "--out", str(old), "--quiet", *fast, "-p", "as_of", "2025-02"]) == 0
    assert main(["build", "--out", str(new), "--quiet", *fast, "--since", str(old)]) == 0
    html = (new / "briefing.html").read_text(encoding="utf-8")
    assert "Changes since the earlier brief" in html
    assert "claim f-a-killed-2" in html and "Ministry A (fictional)" in html
    assert "Figure 1. What each claimant’s claims state and imply" in html
    capsys.readouterr()
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert "[claim] claim f-b-killed: added to the brief" in out
    # each figure with the dates of the claims it rests on: f-a-killed-1 (2025-01) → f-a-killed-2 (2025-03)
    assert "[figure] Ministry A (fictional) killed: 100 (2025-01) → 150–200 (2025-03)" in out
    assert ("[figure] Ministry A (fictional) casualty rate (casualties / deployed): at least 8.0% (2025-01) → "
            "18.0% (2025-01, 2025-03)") in out
    assert "[flag] Killed: Ministry A (fictional) vs Monitor B (fictional): added disagreement" in out
    assert main(["diff", str(new / "results.json"), str(new)]) == 0
    data = json.loads((new / "results.json").read_text())
    assert data["evidence"] == "as of 2025-04" and "f-a-killed-1" not in data["claims"]


def test_a_claim_with_only_a_published_date_counts_as_dated(tmp_path):
    import pandas as pd

    ledger = pd.read_csv(LEDGER, dtype=str, keep_default_na=False)
    ledger.loc[ledger["claim_id"] == "f-b-killed", "as_of"] = ""  # published 2025-04-02 remains
    path = tmp_path / "published_only.csv"
    ledger.to_csv(path, index=False)
    b = compute(ledger=str(path), **FAST)
    # 6 claims used, every one dated by the source (five by as_of, one by its published date): no note
    assert b.evidence_date() == "as of 2025-04-02"
