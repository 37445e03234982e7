"""The key judgments are data (a heading and a sentence each), computed before any markup is written; the
alternative reading of a hedge that the deaths judgment mentions is computed in `report.compute`."""

import pytest
from markupsafe import Markup

from analysis.present import sections as present
from analysis.brief.compute import compute

pytestmark = pytest.mark.integration  # a whole brief computed: left out of the mutation run (tests/MUTATION.md)


@pytest.fixture(scope="module")
def brief():
    return compute(draws=5_000, sensitivity_draws=1_000)


def test_key_judgments__headings_in_order(brief):
    # Killed: NIS about 300 (270-330 read +-10 %) against CSIS potentially 1,000 (900-1,100): disjoint, disputed.
    # Deployed: NIS 10,000-11,000 and CSIS about 11,000 overlap; the ledger's lineage says one may echo the other.
    assert [j.heading for j in present.key_judgments(brief)] == [
        "Deaths are disputed", "Share of the force killed or wounded", "Wounded per killed",
        "Force size: the claimants agree, but one figure may echo the other", "Confidence is low"]


def test_key_judgments__texts_are_markup_that_never_start_in_lower_case(brief):
    for j in present.key_judgments(brief):
        assert isinstance(j.text, Markup) and not j.text[:1].islower() and j.points == ()  # "About 300", "10,000"


def test_key_judgments__later_reports_are_points_of_their_own(brief):
    view = {"sentences": [Markup("NIS later said about 2,000 killed."), "A <b>plain</b> sentence."]}
    last = present.key_judgments(brief, view)[-1]
    assert (last.heading, last.text, last.points) == ("What later reports said", "",
                                                      (Markup("NIS later said about 2,000 killed."),
                                                       "A <b>plain</b> sentence."))
    html = present.key_judgments_section(brief, view).data
    assert html.endswith('<li><strong>What later reports said.</strong><ul class="later-bluf">'
                         '<li>NIS later said about 2,000 killed.</li><li>A &lt;b&gt;plain&lt;/b&gt; sentence.</li>'
                         '</ul></li></ol></section>')


def test_compute__flags_with_hedges_read_as_ceilings(brief):
    # CSIS's "potentially 1,000" killed read as "as high as 1,000" allows 0-1,000, which NIS's 270-330 meets.
    f = brief.flags_as_ceiling
    killed = f[f["quantity"] == "killed"].iloc[0]
    assert (killed["claimant_a"], killed["claimant_b"], killed["verdict"]) == ("NIS", "CSIS", "consistent")
    deaths = present.key_judgments(brief)[0].text
    assert ("Read instead as a ceiling (“as many as”: hedge reading “upper_bound”), the hedged figure is consistent "
            "with the other") in deaths
