"""Words written once, in analysis.wording, and said where the data shows them; none written for Kursk's shape.

By hand from the article: with "as high as 50 %" read from 0 % (upto_floor 0), the CSIS rate times its force of
about 11,000 falls below its about 1,000 killed in about 9.1 / 50 = 18 % of the draws ("casualties below killed").
"""

import json

import pytest

from analysis.brief import results
from analysis.brief.compute import compute
from analysis.present import annex
from ledgers import row, write

pytestmark = pytest.mark.integration  # whole briefs computed


@pytest.fixture(scope="module")
def floored():
    return compute(upto_floor=0.0, draws=20_000, sensitivity_draws=1_000, later="")


def test_dropped_draws_are_data_and_said_in_words_once(floored):
    dropped = floored.binned["CSIS"]["casualties"].dropped
    assert set(dropped) == {"wounded"}  # the quantity that shows the breach: wounded = casualties - killed < 0
    assert dropped["wounded"] / 20_000 == pytest.approx(1000 / 11000 / 0.5, abs=0.02)
    figure = next(f for f in results.to_dict(floored)["figures"]
                  if (f["claimant"], f["quantity"]) == ("CSIS", "casualties"))
    assert figure["dropped_draws"] == {"casualties below killed": dropped["wounded"]}
    method = annex.method_section(floored).data
    assert f"CSIS: {dropped['wounded']:,} of 20,000 draws (casualties below killed)" in method


def _method(tmp_path, groups: dict) -> str:
    rows = [row("g-deployed", "deployed", best=5000, claimant="Gamma", quote="5000"),
            row("g-killed", "killed", best=100, claimant="Gamma", quote="100"),
            row("g-wounded", "wounded", best=400, claimant="Gamma", quote="400"),
            row("d-killed", "killed", best=150, claimant="Delta Officials", quote="150"),
            row("d-wounded", "wounded", best=450, claimant="Delta Officials", quote="450")]
    for r in rows:
        r["error_group"] = groups.get(r["claim_id"], "")
    path = write(tmp_path / "claims.csv", rows, extra=("error_group",))
    b = compute(ledger=str(path), draws=2_000, sensitivity_draws=500, later="")
    return annex.method_section(b).data


def test_method__names_the_ledgers_own_briefing_never_kursks(tmp_path):
    html = _method(tmp_path, {"d-killed": "delta-briefing", "d-wounded": "delta-briefing"})
    assert "NIS" not in html
    assert ("claims from one briefing, such as Delta Officials’ killed and wounded, may in fact share their error"
            in html)


def test_method__no_briefing_in_the_ledger__no_example(tmp_path):
    html = _method(tmp_path, {})
    assert "NIS" not in html and "such as" not in html
    assert "claims from one briefing may in fact share their error" in html
