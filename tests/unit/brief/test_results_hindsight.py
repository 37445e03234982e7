"""results.json carries the hindsight comparisons, revisions and echoes (issue 19) when the later view is given."""

import json

import pytest

from analysis.brief import results
from analysis.brief.compute import compute
from analysis.present import later_section

pytestmark = pytest.mark.integration  # computes a brief


@pytest.fixture(scope="module")
def data():
    b = compute(draws=2_000, sensitivity_draws=500)
    view = later_section.view(b, "data/later-reports.csv")
    return json.loads(results.dumps(results.to_dict(b, view["hindsight"])))  # strict JSON: no NaN, no Infinity


def test_without_the_later_view_no_hindsight():
    b = compute(draws=1_000, sensitivity_draws=500)
    assert "hindsight" not in results.to_dict(b)


def test_the_closest_test_of_the_implied_3000(data):
    h = data["hindsight"]
    assert h["same_time_until"] == "2025-02-18"
    (c,) = [c for c in h["comparisons"] if c["metric"] == "casualties" and c["article"]["claimant"] == "NIS"
            and c["other"]["claim_ids"] == ["nis-2025-03-casualties"]]
    assert (c["group"], c["like"], c["pick"], c["verdict"]) == ("later", True, "nearest in date and latest", "lower")
    assert c["article"]["stated"] == {"low": 3000, "point": 3000, "high": 3000}      # 300 + 2,700
    assert c["other"]["stated"] == {"low": 4000, "point": None, "high": None}        # "more than 4,000": no top
    assert c["ratio"] == {"low": None, "point": None, "high": 0.75}                   # at most 3,000 / 4,000
    assert c["article"]["scope"] == c["other"]["scope"] == "first deployment (Kursk)"


def test_unlike_scopes_are_marked(data):
    (c,) = [c for c in data["hindsight"]["comparisons"] if c["metric"] == "killed" and c["article"]["claimant"] == "NIS"
            and c["other"]["claimant"] == "NIS"]
    assert (c["like"], c["pick"], c["other"]["scope"]) == (False, "other scope", "all deployments")


def test_revisions_and_echoes(data):
    (killed,) = [r for r in data["hindsight"]["revisions"] if (r["claimant"], r["metric"]) == ("NIS", "killed")]
    assert [s["stated"]["point"] for s in killed["steps"]] == [300, 600, 2000]
    assert [s.get("ratio", {}).get("point") for s in killed["steps"]] == [None, 2.0, 3.33333]  # 600/300, 2,000/600
    assert [s.get("direction") for s in killed["steps"]] == [None, "higher", "higher"]
    assert len(data["hindsight"]["echoes"]) == 9
    assert data["hindsight"]["echoes"][0] == {"claim_id": "csis-killed", "claimant": "CSIS",
                                             "echoes": "west-2025-01-killed", "echoes_claimant": "Western officials",
                                             "kind": "earlier"}
