"""The judgments engine on small ledgers: every value below is worked out by hand from the rows written here."""

import math

import pandas as pd
import pytest

from analysis.judgments import engine
from analysis.judgments.consistency import flags as compare
from analysis.ledger.validate import validate
from analysis.uncertainty.derive import allowed_figures
from analysis.uncertainty.distributions import Assumptions, read_hedges
from ledgers import row, write

A = Assumptions()  # "about" read as +-10 %


def kursk(tmp_path, later_rows=(), extra=()):
    """The article's six claims, as the ledger has them (NIS's three, Jones's three, his killed figure hedged)."""
    rows = [row("nis-deployed", "deployed", low=10000, high=11000, as_of="2025-01-13"),
            row("nis-killed", "killed", best=300, as_of="2025-01-13"),
            row("nis-wounded", "wounded", best=2700, as_of="2025-01-13"),
            row("csis-rate", "casualty_rate", high=50, claimant="CSIS", as_of="2025-02-04", hedge="could be",
                quote="could be as high as 50"),
            row("csis-killed", "killed", best=1000, claimant="CSIS", as_of="2025-02-04", hedge="potentially",
                quote="potentially 1,000"),
            row("csis-deployed", "deployed", best=11000, claimant="CSIS", as_of="2025-02-04")]
    claims = validate(write(tmp_path / "claims.csv", rows, extra=("hedge", *extra)))
    later = None
    if later_rows:
        later = validate(write(tmp_path / "later.csv", list(later_rows), extra=("hedge", *extra)))
    return claims, later


def judge(claims, later=None, grade_of=None, includes=None, borrow=None):
    """As analysis.brief.compute calls the engine: the flags with the ledger's lineage, the hedges read as ceilings."""
    lineage = dict(zip(claims["claim_id"], claims["lineage"]))
    f = compare(allowed_figures(read_hedges(claims, A.hedge_reading), A, borrow), lineage)
    ceiling = compare(allowed_figures(read_hedges(claims, "upper_bound"), A, borrow), lineage)
    return engine.judge(claims, A, borrow, f, ceiling, later, grade_of, includes)


def by_key(js):
    return {j.key: j for j in js}


def test_between__six_comparisons_two_disagree_merged_into_one(tmp_path):
    # killed: NIS 270-330 against CSIS 900-1,100: disjoint. wounded per killed: NIS 2,430-2,970 / 270-330 =
    # 7.4-11.0 against CSIS at most (50 % x 12,100 - 900) / 900 = 5.7: disjoint, and it rests on both killed
    # claims, so it is the killed disagreement again. deployed overlap; wounded, casualties and rate meet a bound.
    js = [j for j in judge(*kursk(tmp_path)) if j.kind == "between"]
    verdicts = {j.quantity: j.verdict for j in js}
    assert verdicts == {"deployed": "consistent", "killed": "disagree", "wounded": "bound", "casualties": "bound",
                        "casualty_rate": "bound", "wounded_per_killed": "disagree"}
    wpk = by_key(js)["between:wounded_per_killed:NIS:CSIS"]
    assert wpk.merged_into == "between:killed:NIS:CSIS"
    assert by_key(js)["between:killed:NIS:CSIS"].merged_into == ""


def test_between__killed_dispute_rests_on_the_hedge_and_half_the_grid(tmp_path):
    # Read as a ceiling, "potentially 1,000" allows 0-1,000, which meets 270-330: the dispute rests on "potentially".
    # Tolerances 5, 10 and 20 %: 285-315 v 950-1,050, 270-330 v 900-1,100, 240-360 v 800-1,200: all disjoint as
    # stated, all consistent as a ceiling: 3 of the 6 (tolerance, hedge) pairs, 40 cells each of 240: 120.
    j = by_key(judge(*kursk(tmp_path)))["between:killed:NIS:CSIS"]
    assert j.reading == ("potentially",)
    assert (j.grid_holds, j.grid_cells) == (120, 240)
    assert j.factor == pytest.approx(900 / 330)  # 2.72...: the higher's low end over the lower's high end
    assert (j.higher, j.lower) == ("CSIS", "NIS")
    assert j.confidence == "low"  # half the grid: said as resting on a reading, never as fact


def test_hindsight__later_figures_all_higher__low(tmp_path):
    later = [row("nis-2025-04-killed", "killed", best=600, as_of="2025-04-30"),
             row("nis-2025-09-killed", "killed", best=2000, as_of="2025-09-02"),
             row("west-killed", "killed", best=1000, claimant="Western officials", as_of="2025-01-22")]
    j = by_key(judge(*kursk(tmp_path, later)))["hindsight:killed:NIS"]
    # 540-660 and 1,800-2,200 lie above 270-330; Western officials' 900-1,100 is 9 days after 13 January: same time.
    assert j.verdict == "low"
    assert [(e.claim_id, e.when, e.direction) for e in j.evidence] == [
        ("nis-2025-04-killed", "later", "higher"), ("nis-2025-09-killed", "later", "higher"),
        ("west-killed", "same_time", "higher")]
    assert j.confidence == "moderate"  # two independent claimants (NIS, Western officials), no grades
    assert j.basis["independent"] == 2


def test_hindsight__scope__wider_count_only_gives_a_direction_and_other_scopes_are_set_aside(tmp_path):
    later = [row("nis-2025-04-killed", "killed", best=600, as_of="2025-04-30", scope="all"),
             row("nk-killed", "killed", best=9, claimant="North Korea", as_of="2025-12", scope="engineers")]
    claims, lat = kursk(tmp_path, later, extra=("scope",))
    claims = claims.assign(scope="first")
    j = by_key(judge(claims, lat, includes={"all": ("first", "engineers")}))["hindsight:killed:NIS"]
    assert j.verdict == "wider_higher"  # 600 of all deployments above 300 of the first: a direction, not "low"
    assert [(e.claim_id, e.relation) for e in j.evidence] == [("nis-2025-04-killed", "wider"),
                                                             ("nk-killed", "other")]


def test_hindsight__a_bound_later_figures_meet_is_not_borne_out(tmp_path):
    # Jones's rate "as high as 50 %" and his 11,000 imply casualties of at most 5,500 (6,050 with +-10 %);
    # a later "about 4,000" (3,600-4,400) lies under it: the bound holds, which tests little.
    later = [row("jcs-casualties", "casualties", best=4000, claimant="JCS", as_of="2025-03-27")]
    j = by_key(judge(*kursk(tmp_path, later)))["hindsight:casualties:CSIS"]
    assert j.verdict == "bound_holds"
    assert not j.disputed


def test_confidence__grades__a_weak_source_does_not_count_towards_high(tmp_path):
    later = [row("a", "casualties", low=4000, claimant="NIS", as_of="2025-03", source_url="https://a.org/"),
             row("b", "casualties", low=5000, claimant="UK", as_of="2025-03", source_url="https://b.org/"),
             row("c", "casualties", low=4000, claimant="Ukraine", as_of="2025-02-20", source_url="https://c.org/")]
    grades = {"a": ("B", "2"), "b": ("B", "2"), "c": ("D", "3")}
    j = by_key(judge(*kursk(tmp_path, later), grade_of=grades.get))["hindsight:casualties:NIS"]
    # 3,000 implied (2,700-3,300): all three later floors lie above it. Three independent claimants, but Ukraine's
    # D3 is weak: two strong ones make moderate, not high.
    assert j.verdict == "low"
    assert j.basis["weak"] == ["Ukraine"]
    assert j.confidence == "moderate"
    grades["c"] = ("B", "2")
    assert by_key(judge(*kursk(tmp_path, later), grade_of=grades.get))["hindsight:casualties:NIS"].confidence == "high"


def test_revision__up_and_down(tmp_path):
    later = [row("nis-2025-04-killed", "killed", best=600, as_of="2025-04-30"),
             row("nis-2025-09-killed", "killed", best=500, as_of="2025-09-02")]
    j = by_key(judge(*kursk(tmp_path, later)))["revision:killed:NIS"]
    assert [e.direction for e in j.evidence] == ["", "up", "down"]  # 300 -> 600 -> 500, read as stated
    assert j.verdict == "both"


def test_bottom_line__disputes_first_at_most_five(tmp_path):
    js = judge(*kursk(tmp_path))
    chosen = engine.bottom_line(js)
    assert [j.key for j in chosen] == ["between:killed:NIS:CSIS"]  # merged and consistent ones stay in the body
    assert len(engine.bottom_line(js * 10)) == 10  # every dispute goes to the wording, which keeps five items


def test_one_claimant__no_comparison_no_crash(tmp_path):
    claims = validate(write(tmp_path / "c.csv", [row("k", "killed", best=10)]))
    assert judge(claims) == []
    assert math.isnan(engine.Judgment("k", "between", "killed", "consistent").share)


def test_comparisons__counted_with_the_merged_one_said(tmp_path):
    # issue 20, finding 1: not "2 comparisons between claimants find 2 disagreements"
    from analysis.wording import bottom_line
    assert bottom_line.comparisons(judge(*kursk(tmp_path))) == (
        "6 comparisons between claimants: 2 disagree, 4 are consistent (3 only against a bound); the 2 disputes are "
        "1 (wounded per killed follows from the killed figures).")
    assert bottom_line.comparisons([]) == ""


def test_revision__article_ledger_without_scope_column__scope_blank_not_nan(tmp_path):
    # The article's ledger has no scope column, the later one has: the two are concatenated for revisions, and the
    # article's rows must carry a blank scope, not NaN (results.json refused NaN: the build failed at its last cell).
    later = [row("nis-2025-04-killed", "killed", best=600, as_of="2025-04-30", scope="all deployments")]
    claims, lat = kursk(tmp_path)
    lat = validate(write(tmp_path / "later.csv", later, extra=("scope",)))
    j = by_key(judge(claims, lat))["revision:killed:NIS"]
    assert [(e.claim_id, e.scope) for e in j.evidence] == [("nis-killed", ""),
                                                           ("nis-2025-04-killed", "all deployments")]


def test_hindsight__borrowed__a_figure_wholly_borrowed_is_the_lenders_and_judged_once(tmp_path):
    # B states only a casualty rate, about 50 %, and borrows A's force (about 10,000). B's casualties rest on its own
    # rate: 45-55 % of 9,000-11,000 = 4,050-6,050, under C's later about 9,000 (8,100-9,900): low. B's force is A's
    # claim, not B's: A's own judgment says it (A's 9,000-11,000 under C's 13,500-16,500), once.
    claims = validate(write(tmp_path / "c.csv", [
        row("a-deployed", "deployed", best=10000, claimant="A", as_of="2025-01-10"),
        row("a-killed", "killed", best=300, claimant="A", as_of="2025-01-10"),
        row("b-rate", "casualty_rate", best=50, claimant="B", as_of="2025-01-12")]))
    later = validate(write(tmp_path / "l.csv", [
        row("c-deployed", "deployed", best=15000, claimant="C", as_of="2025-04-30"),
        row("c-casualties", "casualties", best=9000, claimant="C", as_of="2025-04-30")]))
    js = by_key(j for j in judge(claims, later, borrow={"deployed": "A"}) if j.kind == "hindsight")
    assert sorted(js) == ["hindsight:casualties:B", "hindsight:deployed:A"]
    assert js["hindsight:casualties:B"].verdict == js["hindsight:deployed:A"].verdict == "low"
    assert js["hindsight:casualties:B"].status == "borrowed"
