"""`weights: by_grade` (issue 19): the pool weighted by each claimant's source grades (analysis.ledger.grades).
Weights worked out by hand from data/sources.csv: reliability A 5 … E 1 times credibility 1 5 … 5 1, over 25."""

import pytest

from analysis import params as P
from analysis.errors import ParameterError

from conftest import ROOT


def test_by_grade_is_accepted_everywhere_a_weight_is():
    assert P.check({"weights": "by_grade"}) == {"weights": "by_grade"}
    assert P.check({"weights": "by_grade"}, ["NIS", "CSIS"]) == {"weights": "by_grade"}  # names no claimant
    assert P.BriefParams.from_values({"weights": "by_grade"}).weights == "by_grade"
    assert P.parse_cli([("weights", "by_grade")]) == {"weights": "by_grade"}
    assert P.checked({"ledger": str(ROOT / "data" / "claims.csv"), "weights": "by_grade"})["weights"] == "by_grade"


@pytest.mark.parametrize("value", ["by_claimant", "", "BY_GRADE"])
def test_other_text_is_refused(value):
    with pytest.raises(ParameterError) as e:
        P.check({"weights": value})
    assert str(e.value) == ("parameter 'weights' must be a mapping of claimant to weight, or by_grade (weights by "
                            f"source grade), got {value!r}")


def test_help_names_by_grade():
    assert "or by_grade: by each claimant's source grades" in P.help_text()


@pytest.mark.integration  # computes two briefs
def test_by_grade_weights_of_the_real_ledgers():
    from analysis.brief.compute import compute
    from analysis.present.quantities import weights_text as _weights_text

    fast = dict(draws=2_000, sensitivity_draws=500, weights="by_grade")
    article = compute(**fast)
    assert article.pool_weights == pytest.approx({"NIS": 0.12, "CSIS": 0.12})  # every claim read at the Express, E3
    assert _weights_text(article) == "weights by source grade (NIS 0.12, CSIS 0.12)"
    both = compute(ledger=["data/claims.csv", "data/later-reports.csv"], **fast)
    # the latest claim per claimant and metric: NIS's are all from April and September 2025 (B2: 4 × 4 / 25)
    assert both.pool_weights == pytest.approx({
        "NIS": 0.64, "CSIS": 0.12, "Western officials": 0.36, "Ukraine": 0.24, "South Korea JCS": 0.64,
        "UK MoD": 0.64, "HUR": 0.24, "Russia": 0.32, "North Korea": 0.12})
    # nine claimants, eight shown: the lightest (CSIS and North Korea at 0.12) gives way; ties keep ledger order
    assert "North Korea" not in both.stated and "CSIS" in both.stated
