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


def test_bottom_line__the_firmest_judgment_first_each_item_with_its_confidence(brief):
    # The default brief reads data/later-reports.csv. NIS's 300 + 2,700 = 3,000 casualties (2,700-3,300 with "about"
    # as +/-10 %) of the first deployment lie below every later figure of that count: NIS's own "more than 4,000"
    # (mid-March), the UK's "more than 5,000" and "more than 6,000" (South Korea's JCS about 4,000 states no scope:
    # not the same count, so it neither bears it out nor counts). NIS's floor repeats Ukraine's earlier "more than
    # 4,000" and HUR's cites it: possible echoes, so two independent claimants (Ukraine D3, UK MoD B2), graded B2
    # (UK) to E3 (NIS's, read in Newsloup): moderate. NIS's later killed figures count all deployments: wider
    # counts, which may well be higher, test nothing. The second is the dispute between NIS and Jones, which rests on
    # "potentially" (it holds in the 120 of 240 readings that read hedges as stated).
    items = present.key_judgments(brief)
    assert [j.heading for j in items] == ["Casualties", "Killed, between claimants"]
    assert all(" confidence:</em> " in j.text for j in items)
    first = brief.bottom_line[0]
    assert first.text() == (
        "NIS’s (our attribution) implied 3,000 casualties (Jan 2025) looks low: every later figure for the same count "
        "is higher: NIS at least 4,000 (Mar 2025; via Lee Seong-kweun); Defence Intelligence (UK MoD) highly likely at "
        "least 5,000 (Mar 2025); 1 more. At the same time: Volodymyr Zelensky (Ukraine) at least 4,000 (Feb 2025; via "
        "Associated Press interview; \"had been lost\" read by us as casualties); 1 more. Moderate confidence: 2 "
        "independent claimants agree (2 more may echo them); graded B2 to E3.")
    assert first.confidence == "moderate"
    assert ("but only if “potentially” is read as an estimate rather than an upper end (they disagree in 120 of our "
            "240 readings)") in brief.bottom_line[1].text()
    assert brief.bottom_line[1].confidence == "low"


def test_bottom_line__at_most_150_words_and_five_items(brief):
    from analysis.wording import bottom_line
    assert 1 <= len(brief.bottom_line) <= 5
    assert bottom_line.word_count(list(brief.bottom_line)) <= 155  # "at most about 150"


def test_key_judgments__texts_are_markup_that_never_start_in_lower_case(brief):
    for j in present.key_judgments(brief):
        assert isinstance(j.text, Markup) and not j.text[:1].islower() and j.points == ()  # "About 300", "10,000"


def test_compute__flags_with_hedges_read_as_ceilings(brief):
    # CSIS's "potentially 1,000" killed read as "as high as 1,000" allows 0-1,000, which NIS's 270-330 meets.
    f = brief.flags_as_ceiling
    killed = f[f["quantity"] == "killed"].iloc[0]
    assert (killed["claimant_a"], killed["claimant_b"], killed["verdict"]) == ("NIS", "CSIS", "consistent")
