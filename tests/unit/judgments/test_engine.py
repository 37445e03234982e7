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
    """The article's six claims, as the ledger has them (NIS's three, Jones's three, his killed figure hedged, his
    force perhaps NIS's: its lineage)."""
    rows = [row("nis-deployed", "deployed", low=10000, high=11000, as_of="2025-01-13"),
            row("nis-killed", "killed", best=300, as_of="2025-01-13"),
            row("nis-wounded", "wounded", best=2700, as_of="2025-01-13"),
            row("csis-rate", "casualty_rate", high=50, claimant="CSIS", as_of="2025-02-04", hedge="could be",
                quote="could be as high as 50"),
            row("csis-killed", "killed", best=1000, claimant="CSIS", as_of="2025-02-04", hedge="potentially",
                quote="potentially 1,000"),
            row("csis-deployed", "deployed", best=11000, claimant="CSIS", as_of="2025-02-04", lineage="nis-deployed")]
    claims = validate(write(tmp_path / "claims.csv", rows, extra=("hedge", "lineage", *extra)))
    later = None
    if later_rows:
        later = validate(write(tmp_path / "later.csv", list(later_rows), extra=("hedge", "lineage", *extra)))
    return claims, later


def ledger(path, rows):
    """A ledger of these rows, validated."""
    return validate(write(path, rows, extra=("hedge", "lineage", "scope")))


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
    later = [row("a", "casualties", low=4500, claimant="NIS", as_of="2025-03", source_url="https://a.org/"),
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
    # (validate gives every ledger a blank scope column: the column is dropped here, as a ledger without it is read.)
    later = [row("nis-2025-04-killed", "killed", best=600, as_of="2025-04-30", scope="all deployments")]
    claims, lat = kursk(tmp_path)
    claims = claims.drop(columns="scope")
    lat = validate(write(tmp_path / "later.csv", later, extra=("scope",)))
    js = by_key(judge(claims, lat))
    j = js["revision:killed:NIS"]
    assert [(e.claim_id, e.scope) for e in j.evidence] == [("nis-killed", ""),
                                                           ("nis-2025-04-killed", "all deployments")]
    # the article's figure has no scope, so the later one may count the same: compared, its relation unknown
    assert [(e.claim_id, e.relation) for e in js["hindsight:killed:NIS"].evidence] == [("nis-2025-04-killed",
                                                                                        "unknown")]


def test_hindsight__a_later_ledger_without_scope_column__like_for_like(tmp_path):
    # Neither ledger states a scope (the later one has no scope column at all): like for like, not unknown.
    claims, lat = kursk(tmp_path, [row("nis-2025-04-killed", "killed", best=600, as_of="2025-04-30")])
    j = by_key(judge(claims, lat.drop(columns="scope")))["hindsight:killed:NIS"]
    assert [(e.claim_id, e.scope, e.relation, e.direction) for e in j.evidence] == [
        ("nis-2025-04-killed", "", "like", "higher")]
    # and with neither ledger having one, NIS's 300 then 600 is a revision within one (blank) scope: up
    j = by_key(judge(claims.drop(columns="scope"), lat.drop(columns="scope")))["revision:killed:NIS"]
    assert [(e.claim_id, e.scope, e.direction) for e in j.evidence] == [("nis-killed", "", ""),
                                                                      ("nis-2025-04-killed", "", "up")]


def test_revisions__no_later_ledger__none():
    assert engine.revisions(None, A) == []
    assert engine.revisions(pd.DataFrame(columns=["claim_id", "claimant", "metric", "as_of", "published"]), A) == []


def test_hindsight__a_bound_that_only_later_bounds_speak_to__a_bound_that_holds(tmp_path):
    # Jones's casualties: at most 50 % of 9,900-12,100, 0-6,050, a ceiling (its low end open). A later "at least
    # 4,000" (4,000 up) allows it and tests little: nothing speaks against the bound, and nothing bears it out.
    later = [row("floor", "casualties", low=4000, claimant="UK", as_of="2025-03-28")]
    js = by_key(judge(*kursk(tmp_path, later)))
    j = js["hindsight:casualties:CSIS"]
    assert ([e.direction for e in j.evidence], j.verdict, j.disputed) == (["consistent"], "bound_holds", False)
    # the floor is what the bound holds against: one source, which agrees; low confidence
    assert (j.basis["claimants"], j.basis["agree"], j.confidence) == (["UK"], True, "low")
    # NIS's implied 2,700-3,300 lies under the floor: low
    assert js["hindsight:casualties:NIS"].verdict == "low"


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
        row("c-casualties", "casualties", best=9000, claimant="C", as_of="2025-04-30"),
        row("c-rate", "casualty_rate", best=60, claimant="C", as_of="2025-04-30")]))
    js = by_key(j for j in judge(claims, later, borrow={"deployed": "A"}) if j.kind == "hindsight")
    # B's own rate, after its borrowed force, is judged too: 45-55 % meets 54-66 %.
    assert sorted(js) == ["hindsight:casualties:B", "hindsight:casualty_rate:B", "hindsight:deployed:A"]
    assert js["hindsight:casualty_rate:B"].verdict == "borne_out"
    assert js["hindsight:casualties:B"].verdict == js["hindsight:deployed:A"].verdict == "low"
    assert js["hindsight:casualties:B"].status == "borrowed"


# --- between claimants -------------------------------------------------------------------------------------------


def test_between__kursk__each_comparison_its_claims_bound_reading_grid_and_echo(tmp_path):
    # With "about" read as +-10 %: NIS 10,000-11,000 deployed, 270-330 killed, 2,430-2,970 wounded; CSIS at most
    # 50 %, 900-1,100 killed, 9,900-12,100 deployed. CSIS's casualties (50 % x its force), wounded (those less its
    # killed), rate and wounded per killed all rest on the open 0 under "as high as 50 %": its figure is the bound.
    # Wounded per killed: NIS 2,430/330 = 7.36 at least; CSIS (6,050 - 900)/900 = 5.72 at most: disjoint.
    # Its reading: read as ceilings, "potentially" and "could be" let CSIS's killed reach 0 and its ratio any height.
    # Grid (tolerance 5, 10, 20 % x hedge as stated / as a ceiling, 40 cells each): deployed, wounded, casualties and
    # the rate are consistent in all 6 columns (240); killed and the ratio disagree in the 3 read as stated (120).
    # Jones's force may echo NIS's (its lineage): the deployed comparison is an echo.
    js = by_key(j for j in judge(*kursk(tmp_path)) if j.kind == "between")
    got = {k: (j.claimants, j.claim_ids, j.bound_of, j.reading, j.grid_holds, j.grid_cells, j.echo, j.merged_into)
           for k, j in js.items()}
    assert got == {
        "between:deployed:NIS:CSIS": (("NIS", "CSIS"), ("csis-deployed", "nis-deployed"), "", (), 240, 240, True, ""),
        "between:killed:NIS:CSIS": (("NIS", "CSIS"), ("csis-killed", "nis-killed"), "", ("potentially",), 120, 240,
                                    False, ""),
        "between:wounded:NIS:CSIS": (("NIS", "CSIS"), ("csis-deployed", "csis-killed", "csis-rate", "nis-wounded"),
                                     "CSIS", (), 240, 240, False, ""),
        "between:casualties:NIS:CSIS": (("NIS", "CSIS"), ("csis-deployed", "csis-rate", "nis-killed", "nis-wounded"),
                                        "CSIS", (), 240, 240, False, ""),
        "between:casualty_rate:NIS:CSIS": (("NIS", "CSIS"), ("csis-rate", "nis-deployed", "nis-killed",
                                                             "nis-wounded"), "CSIS", (), 240, 240, False, ""),
        "between:wounded_per_killed:NIS:CSIS": (("NIS", "CSIS"), ("csis-deployed", "csis-killed", "csis-rate",
                                                                  "nis-killed", "nis-wounded"), "CSIS",
                                                ("potentially", "could be"), 120, 240, False,
                                                "between:killed:NIS:CSIS")}
    assert all(type(j.grid_holds) is int for j in js.values())  # results.json writes 120, not 120.0
    wpk = js["between:wounded_per_killed:NIS:CSIS"]
    assert (wpk.higher, wpk.lower) == ("NIS", "CSIS")
    assert wpk.factor == pytest.approx((2430 / 330) / (5150 / 900))  # 7.36 / 5.72 = 1.29
    assert all(math.isnan(js[k].factor) and js[k].higher == js[k].lower == js[k].outside == js[k].inside == ""
               for k in ("between:deployed:NIS:CSIS", "between:wounded:NIS:CSIS"))
    # The echo leaves one independent source for the force; the bounds are two sources that agree.
    assert {k.split(":")[1]: j.confidence for k, j in js.items()} == {
        "deployed": "low", "killed": "low", "wounded": "moderate", "casualties": "moderate",
        "casualty_rate": "moderate", "wounded_per_killed": "low"}
    assert js["between:deployed:NIS:CSIS"].basis["claimants"] == ["NIS"]


def shapes(tmp_path):
    """Four claimants whose figures make every kind of comparison (all "about", read +-10 %):
    A: 10,000 deployed, 300 killed, 3,000 casualties (so 2,700 wounded, 2,370-3,030);
    B: 11,000 deployed, 310 killed, 6,000 casualties (5,690 wounded, 5,059-6,321);
    C: 1,000 killed, 3,000 casualties (2,000 wounded, 1,600-2,400); D: 5,000 wounded (4,500-5,500)."""
    rows = [row("a-deployed", "deployed", best=10000, claimant="A", as_of="2025-01-13"),
            row("a-killed", "killed", best=300, claimant="A", as_of="2025-01-13"),
            row("a-casualties", "casualties", best=3000, claimant="A", as_of="2025-01-13"),
            row("b-deployed", "deployed", best=11000, claimant="B", as_of="2025-01-13"),
            row("b-killed", "killed", best=310, claimant="B", as_of="2025-01-13"),
            row("b-casualties", "casualties", best=6000, claimant="B", as_of="2025-01-13"),
            row("c-killed", "killed", best=1000, claimant="C", as_of="2025-01-13"),
            row("c-casualties", "casualties", best=3000, claimant="C", as_of="2025-01-13"),
            row("d-wounded", "wounded", best=5000, claimant="D", as_of="2025-01-13")]
    return by_key(j for j in judge(ledger(tmp_path / "shapes.csv", rows)) if j.kind == "between")


def test_between__a_derived_dispute_merges_only_into_a_disputed_base_it_rests_on(tmp_path):
    js = shapes(tmp_path)
    v = {k: (j.verdict, j.merged_into) for k, j in js.items() if k.split(":")[2:] == ["A", "B"]}
    # A v B: the forces overlap (9,000-11,000 and 9,900-12,100, each point inside the other), so do the killed
    # (270-330 and 279-341). Wounded 2,370-3,030 v 5,059-6,321, casualties 2,700-3,300 v 5,400-6,600, the rate
    # 2,700/11,000-3,300/9,000 = 24.5-36.7 % v 5,400/12,100-6,600/9,900 = 44.6-66.7 %, and wounded per killed
    # 2,370/330-3,030/270 = 7.2-11.2 v 5,059/341-6,321/279 = 14.8-22.7: all disjoint.
    # The ratio rests on the same four claims as the wounded (both sides' killed and casualties): one dispute.
    # Casualties and the rate rest on no disputed base (the forces and the killed agree): their own disputes.
    assert v == {"between:deployed:A:B": ("consistent", ""), "between:killed:A:B": ("consistent", ""),
                 "between:wounded:A:B": ("disagree", ""), "between:casualties:A:B": ("disagree", ""),
                 "between:casualty_rate:A:B": ("disagree", ""),
                 "between:wounded_per_killed:A:B": ("disagree", "between:wounded:A:B")}
    # A v C: killed 270-330 v 900-1,100, disjoint; wounded 2,370-3,030 v 1,600-2,400 overlap, but A's 2,700 lies
    # outside C's range: a tension, which rests on the killed claims yet is a base figure: not merged. The ratio
    # (7.2-11.2 v 1,600/1,100-2,400/900 = 1.5-2.7) merges into the killed.
    ac = {k.split(":")[1]: j for k, j in js.items() if k.endswith(":A:C")}
    assert {q: (j.verdict, j.merged_into) for q, j in ac.items()} == {
        "killed": ("disagree", ""), "casualties": ("consistent", ""), "wounded": ("tension", ""),
        "wounded_per_killed": ("disagree", "between:killed:A:C")}
    assert (ac["wounded"].outside, ac["wounded"].inside) == ("A", "C")
    # The tension holds in every column: at 5 % the wounded are disjoint (2,535-2,865 v 1,800-2,200), at 20 % C's
    # 2,000 lies outside A's 2,040-3,360. The forces of A and B meet at 10 and 20 % only (at 5 %, A's 10,000
    # lies outside B's 10,450-11,550): consistent in 4 of the 6 columns, 160 of 240, short of firm.
    assert (ac["wounded"].grid_holds, js["between:deployed:A:B"].grid_holds) == (240, 160)
    assert js["between:deployed:A:B"].confidence == "low"
    assert js["between:deployed:A:B"].basis["rests_on_reading"] is True
    # A v D: A's implied 2,370-3,030 wounded against D's stated 4,500-5,500: a contradiction, said as a disagreement.
    ad = js["between:wounded:A:D"]
    assert (ad.verdict, ad.higher, ad.lower) == ("disagree", "D", "A")
    assert ad.factor == pytest.approx(4500 / 3030)


def test_between__borrowed_figures_are_compared_in_every_reading(tmp_path):
    # B's casualties rest on its rate (about 50 %) and A's force, borrowed (about 10,000); C's are about 10,000.
    # At 5 %: 47.5-52.5 % of 9,500-10,500 = 4,512-5,512 v 9,500-10,500; at 10 %: 4,050-6,050 v 9,000-11,000;
    # at 20 %: 3,200-7,200 v 8,000-12,000: disjoint in every column (no hedges: both readings alike), 240 of 240.
    claims = ledger(tmp_path / "c.csv", [
        row("a-deployed", "deployed", best=10000, claimant="A", as_of="2025-01-10"),
        row("b-rate", "casualty_rate", best=50, claimant="B", as_of="2025-01-12"),
        row("c-casualties", "casualties", best=10000, claimant="C", as_of="2025-01-20")])
    j = by_key(judge(claims, borrow={"deployed": "A"}))["between:casualties:B:C"]
    assert (j.verdict, j.grid_holds, j.grid_cells, j.higher, j.lower) == ("disagree", 240, 240, "C", "B")
    assert j.claim_ids == ("a-deployed", "b-rate", "c-casualties")
    assert j.factor == pytest.approx(9000 / 6050)


def test_between__without_a_grid__no_share_is_claimed(tmp_path):
    claims, _ = kursk(tmp_path)
    read = read_hedges(claims, "as_stated")
    f = compare(allowed_figures(read, A), {})
    js = engine.between(f, f, {}, lambda ids: [])
    assert [(j.grid_holds, j.grid_cells) for j in js] == [(0, 0)] * 6
    assert all(math.isnan(j.share) for j in js)


def test_between__a_dispute_that_holds_read_as_a_ceiling_rests_on_no_hedge(tmp_path):
    # NIS about 300 (270-330) against CSIS "potentially 100" (90-110; read as a ceiling 0-110): disjoint either way,
    # so the dispute rests on no reading of the hedge. Without lineage and hedge columns the same comparison is made.
    claims = ledger(tmp_path / "c.csv", [
        row("nis-killed", "killed", best=300, as_of="2025-01-13"),
        row("csis-killed", "killed", best=100, claimant="CSIS", hedge="potentially", quote="potentially 100")])
    j = by_key(judge(claims))["between:killed:NIS:CSIS"]
    assert (j.verdict, j.reading, j.grid_holds, j.higher) == ("disagree", (), 240, "NIS")
    bare = claims.drop(columns=["lineage", "hedge"])
    f = compare(allowed_figures(bare, A), {})
    j = by_key(engine.judge(bare, A, None, f, f))["between:killed:NIS:CSIS"]
    assert (j.verdict, j.reading, j.echo) == ("disagree", (), False)


# --- hindsight ---------------------------------------------------------------------------------------------------


def test_hindsight__within_14_days_is_the_same_time_and_a_publication_date_stands_in(tmp_path):
    # The article's latest dated claim is Jones's, 4 February 2025: 18 February is 14 days on, the same time as the
    # article; 19 February, 15 days on, is later. A row with no as_of is dated by its publication. Each about 600:
    # 540-660, above NIS's 270-330; no scope on either side: like for like.
    later = [row("d14", "killed", best=600, as_of="2025-02-18"), row("d15", "killed", best=600, as_of="2025-02-19"),
             row("pub", "killed", best=600, published="2025-09-02")]
    j = by_key(judge(*kursk(tmp_path, later)))["hindsight:killed:NIS"]
    assert [(e.claim_id, e.date, e.when) for e in j.evidence] == [
        ("d14", "2025-02-18", "same_time"), ("d15", "2025-02-19", "later"), ("pub", "2025-09-02", "later")]
    assert [(e.claimant, e.low, e.high, e.open_low, e.open_high, e.scope, e.relation, e.direction)
            for e in j.evidence] == [("NIS", pytest.approx(540), pytest.approx(660), False, False, "", "like",
                                      "higher")] * 3
    assert (j.verdict, j.subject, j.claimants, j.claim_ids, j.status, j.quantity) == (
        "low", "NIS", ("NIS",), ("nis-killed",), "stated", "killed")


def test_hindsight__a_lower_ceiling__high(tmp_path):
    # "As high as 2,000" wounded allows 0-2,000 (its low end open): under NIS's 2,430-2,970.
    j = by_key(judge(*kursk(tmp_path, [row("w", "wounded", high=2000, as_of="2025-04-30")])))["hindsight:wounded:NIS"]
    assert [(e.low, e.high, e.open_low, e.open_high, e.direction) for e in j.evidence] == [(0, 2000, True, False,
                                                                                            "lower")]
    assert j.verdict == "high"


def test_hindsight__figures_that_meet_the_range_end_are_consistent(tmp_path):
    # Exactly 330 and exactly 270 meet the ends of NIS's 270-330: consistent, and so borne out.
    later = [row("k330", "killed", best=330, bound="exact", as_of="2025-04-30"),
             row("k270", "killed", best=270, bound="exact", as_of="2025-05-30")]
    j = by_key(judge(*kursk(tmp_path, later)))["hindsight:killed:NIS"]
    assert [e.direction for e in j.evidence] == ["consistent", "consistent"]
    assert j.verdict == "borne_out"


def test_hindsight__none_confirmed_by_none(tmp_path):
    # A claim of none (exactly 0 killed) and a later exactly 0: consistent, neither higher nor lower.
    claims = ledger(tmp_path / "c.csv", [row("z", "killed", best=0, bound="exact", as_of="2025-01-13")])
    later = ledger(tmp_path / "l.csv", [row("z2", "killed", best=0, bound="exact", as_of="2025-04-30")])
    j = by_key(judge(claims, later))["hindsight:killed:NIS"]
    assert ([e.direction for e in j.evidence], j.verdict) == (["consistent"], "borne_out")


def test_hindsight__one_higher_one_consistent__mixed(tmp_path):
    # NIS's implied casualties: 270-330 + 2,430-2,970 = 2,700-3,300. Later "at least 4,000" lies above it, "about
    # 3,000" (2,700-3,300) meets it: mixed, and low confidence (the later figures do not agree).
    later = [row("floor", "casualties", low=4000, claimant="UK", as_of="2025-03-28"),
             row("about", "casualties", best=3000, claimant="JCS", as_of="2025-03-27")]
    j = by_key(judge(*kursk(tmp_path, later)))["hindsight:casualties:NIS"]
    assert ([e.direction for e in j.evidence], j.verdict, j.status) == (["higher", "consistent"], "mixed",
                                                                       "implied")
    assert j.claim_ids == ("nis-killed", "nis-wounded")
    assert (j.confidence, j.basis["agree"], j.basis["independent"]) == ("low", False, 1)


def test_hindsight__a_ceiling_a_later_figure_breaches__low(tmp_path):
    # Jones's casualties are at most 50 % of 12,100 = 6,050; a later about 7,000 (6,300-7,700) lies above the bound.
    later = [row("above", "casualties", best=7000, claimant="UK", as_of="2025-03-28")]
    j = by_key(judge(*kursk(tmp_path, later)))["hindsight:casualties:CSIS"]
    assert (j.evidence[0].direction, j.verdict) == ("higher", "low")


def test_hindsight__scope__same_unstated_wider_and_other(tmp_path):
    # The article counts the first deployment; scopes.csv says "all" deployments include it.
    later = [row("same", "killed", best=600, as_of="2025-04-30", scope="first"),
             row("blank", "killed", best=600, as_of="2025-04-30", scope=""),
             row("unstated", "killed", best=600, as_of="2025-04-30", scope="not stated"),
             row("eng", "killed", best=9, as_of="2025-04-30", scope="engineers"),
             row("all", "killed", best=100, as_of="2025-04-30", scope="all")]
    claims, lat = kursk(tmp_path, later, extra=("scope",))
    claims = claims.assign(scope="first")
    j = by_key(judge(claims, lat, includes={"all": ("first",)}))["hindsight:killed:NIS"]
    # like for like or unstated: all 540-660, above 270-330: low. The wider count (90-110, lower) and the other
    # scope are set aside; the other is listed last.
    assert [(e.claim_id, e.relation, e.direction) for e in j.evidence] == [
        ("same", "like", "higher"), ("blank", "unknown", "higher"), ("unstated", "unknown", "higher"),
        ("all", "wider", "lower"), ("eng", "other", "lower")]
    assert j.verdict == "low"
    # With only the wider count, a direction: 90-110 below 270-330.
    lat = lat[lat["claim_id"] == "all"]
    assert by_key(judge(claims, lat, includes={"all": ("first",)}))["hindsight:killed:NIS"].verdict == "wider_lower"
    # Only a count of another scope: nothing to say.
    lat = ledger(tmp_path / "eng.csv", later[3:4])
    assert by_key(judge(claims, lat, includes={"all": ("first",)}))["hindsight:killed:NIS"].verdict == "none"


def test_hindsight__scope__a_figure_of_two_scopes_has_none_stated(tmp_path):
    # NIS's casualties add killed of the first deployment to wounded of all: no one scope, so a later figure of the
    # first deployment is compared, its scope unknown.
    claims, lat = kursk(tmp_path, [row("c", "casualties", best=4000, as_of="2025-04-30", scope="first")],
                        extra=("scope",))
    claims = claims.assign(scope=["first", "first", "all", "", "", ""])
    j = by_key(judge(claims, lat))["hindsight:casualties:NIS"]
    assert [(e.relation, e.direction) for e in j.evidence] == [("unknown", "higher")]  # 3,600-4,400 v 2,700-3,300
    assert j.verdict == "low"  # a figure whose scope is unknown is compared: it may count the same


def test_hindsight__an_undated_figure_is_dated_by_the_article(tmp_path):
    # NIS's force is undated; the article's latest claim is dated 13 January 2025. About 12,000 (10,800-13,200) on
    # 20 January is the same time (7 days); on 30 April it is later, and meets 10,000-11,000: borne out.
    claims = ledger(tmp_path / "c.csv", [row("nis-deployed", "deployed", low=10000, high=11000),
                                         row("nis-killed", "killed", best=300, as_of="2025-01-13")])
    later = ledger(tmp_path / "l.csv", [row("jan", "deployed", best=12000, claimant="UA", as_of="2025-01-20"),
                                        row("apr", "deployed", best=12000, claimant="UA", as_of="2025-04-30")])
    j = by_key(judge(claims, later))["hindsight:deployed:NIS"]
    assert ([e.when for e in j.evidence], j.verdict) == (["same_time", "later"], "borne_out")


def test_hindsight__an_undated_article__every_later_figure_is_later(tmp_path):
    # Nothing in the article is dated: the later ledger holds reports published after it, so its about 600
    # (540-660) is later, and above the undated about 300 (270-330).
    claims = ledger(tmp_path / "c.csv", [row("k", "killed", best=300)])
    later = ledger(tmp_path / "l.csv", [row("k2", "killed", best=600, as_of="2025-04-30")])
    j = by_key(judge(claims, later))["hindsight:killed:NIS"]
    assert ([e.when for e in j.evidence], j.verdict) == (["later"], "low")


def test_hindsight__what_is_judged__a_floor_yes_an_unbounded_figure_or_a_missing_one_no(tmp_path):
    # Z states at least 4,000 casualties and a rate of exactly 0 %: its force (casualties / 0 %) is not bounded, and
    # it has no killed figure. Its floor is judged: about 5,000 later (4,500-5,500) meets it, a bound that holds.
    claims = ledger(tmp_path / "c.csv", [row("z-casualties", "casualties", low=4000, claimant="Z", as_of="2025-01-10"),
                                         row("z-rate", "casualty_rate", best=0, bound="exact", claimant="Z",
                                             as_of="2025-01-12")])
    later = ledger(tmp_path / "l.csv", [row("k", "killed", best=600, claimant="UA", as_of="2025-04-30"),
                                        row("c", "casualties", best=5000, claimant="UA", as_of="2025-04-30"),
                                        row("d", "deployed", best=12000, claimant="UA", as_of="2025-04-30")])
    js = [j for j in judge(claims, later) if j.kind == "hindsight"]
    assert [(j.key, j.verdict) for j in js] == [("hindsight:casualties:Z", "bound_holds")]


def test_hindsight__a_later_echo_is_not_an_independent_source(tmp_path):
    # Western officials' 1,000 may echo NIS's April 600 (its lineage): one independent source, low confidence.
    later = [row("nis-04", "killed", best=600, as_of="2025-04-30"),
             row("west", "killed", best=1000, claimant="Western officials", as_of="2025-05-30", lineage="nis-04")]
    j = by_key(judge(*kursk(tmp_path, later)))["hindsight:killed:NIS"]
    assert (j.verdict, j.basis["independent"], j.basis["claimants"], j.confidence) == ("low", 1, ["NIS"], "low")


# --- revisions ---------------------------------------------------------------------------------------------------


def test_revision__two_figures_one_step_up(tmp_path):
    # Read as stated (no tolerance): 300 on 13 January, 600 on 30 April.
    j = by_key(judge(*kursk(tmp_path, [row("nis-04", "killed", best=600, as_of="2025-04-30")])))["revision:killed:NIS"]
    assert j.evidence == (engine.Evidence("NIS", "nis-killed", "2025-01-13", 300, 300, False, False, ""),
                          engine.Evidence("NIS", "nis-04", "2025-04-30", 600, 600, False, False, "", direction="up"))
    assert (j.verdict, j.kind, j.quantity, j.subject, j.claimants, j.claim_ids, j.status) == (
        "up", "revision", "killed", "NIS", ("NIS",), ("nis-killed", "nis-04"), "stated")


def test_revision__the_same_figure_again__unchanged(tmp_path):
    j = by_key(judge(*kursk(tmp_path, [row("nis-04", "killed", best=300, as_of="2025-04-30")])))["revision:killed:NIS"]
    assert ([e.direction for e in j.evidence], j.verdict, j.basis["agree"]) == (["", "unchanged"], "unchanged", True)
    # 300, 300, then 600: unchanged, then up: revised up
    later = [row("nis-04", "killed", best=300, as_of="2025-04-30"), row("nis-09", "killed", best=600, as_of="2025-09")]
    j = by_key(judge(*kursk(tmp_path, later)))["revision:killed:NIS"]
    assert ([e.direction for e in j.evidence], j.verdict) == (["", "unchanged", "up"], "up")


def test_revision__figures_of_one_date_keep_the_ledgers_order(tmp_path):
    # Eighteen later figures, alternately of 30 April and 31 March: the March ones first, each date's in ledger order.
    later = [row(f"k{n:02}", "killed", best=400 + n, as_of="2025-04-30" if n % 2 else "2025-03-31") for n in range(18)]
    j = by_key(judge(*kursk(tmp_path, later)))["revision:killed:NIS"]
    assert [e.claim_id for e in j.evidence] == ["nis-killed"] + [f"k{n:02}" for n in range(0, 18, 2)] + \
        [f"k{n:02}" for n in range(1, 18, 2)]


def test_revision__in_date_order_whatever_the_ledgers_order_undated_left_out(tmp_path):
    # The later ledger lists September before April; the article's force is undated and has no place in time.
    later = [row("nis-09", "killed", best=2000, as_of="2025-09-02"), row("nis-04", "killed", best=600, as_of="2025-04"),
             row("dep-09", "deployed", best=15000, as_of="2025-09-02"),
             row("dep-04", "deployed", best=14000, as_of="2025-04-30")]
    claims, lat = kursk(tmp_path, later)
    claims = claims.assign(as_of=["", "2025-01-13", "2025-01-13", "2025-02-04", "2025-02-04", "2025-02-04"])
    js = by_key(judge(claims, lat))
    assert [(e.claim_id, e.date, e.direction) for e in js["revision:killed:NIS"].evidence] == [
        ("nis-killed", "2025-01-13", ""), ("nis-04", "2025-04", "up"), ("nis-09", "2025-09-02", "up")]
    assert js["revision:killed:NIS"].verdict == "up"
    assert [e.claim_id for e in js["revision:deployed:NIS"].evidence] == ["dep-04", "dep-09"]
    assert "revision:killed:CSIS" not in js  # one figure: nothing revised


def test_revision__down_and_an_open_end(tmp_path):
    # "At least 4,000" casualties (4,000 up, its high end open), then "about 3,000": lower, down.
    later = [row("c1", "casualties", low=4000, as_of="2025-03"), row("c2", "casualties", best=3000, as_of="2025-06")]
    j = by_key(judge(*kursk(tmp_path, later)))["revision:casualties:NIS"]
    assert [(e.low, e.high, e.open_low, e.open_high, e.direction) for e in j.evidence] == [
        (4000, math.inf, False, True, ""), (3000, 3000, False, False, "down")]
    assert (j.verdict, j.basis["agree"]) == ("down", True)


# --- confidence --------------------------------------------------------------------------------------------------


def ev(claim_id, claimant, direction="higher", when="later", relation="like"):
    return engine.Evidence(claimant, claim_id, "2025-04-30", 0, 0, False, False, "", relation, when, direction)


def confidence(j, lineage=None, grades=None, claimant_of=None):
    claimant_of = claimant_of or {e.claim_id: e.claimant for e in j.evidence}
    return engine.confidence(j, lineage or {}, claimant_of, (grades or {}).get)


def hindsight(verdict, *evidence):
    return engine.Judgment("h", "hindsight", "killed", verdict, subject="NIS", evidence=evidence)


def test_confidence__hindsight__only_figures_in_the_verdicts_direction_and_scope_count():
    # Looks low: NIS and UK later, higher; Ukraine at the same time, higher too (it supports the verdict); JCS at
    # the same time, consistent, and X of another scope, higher: neither counts. Three sources, none graded:
    # moderate (high needs three graded strong).
    j = hindsight("low", ev("a", "NIS"), ev("b", "UK"), ev("c", "Ukraine", when="same_time"),
                  ev("d", "JCS", "consistent", "same_time"), ev("e", "X", relation="other"))
    level, basis = confidence(j)
    assert (level, basis) == ("moderate", dict(independent=3, claimants=["NIS", "UK", "Ukraine"], echoes=[], agree=True,
                                               weak=[], grades={}, grid_share=None, rests_on_reading=False,
                                               wider_only=False))


def test_confidence__hindsight__high_counts_the_lower_figures():
    j = hindsight("high", ev("a", "NIS", "lower"), ev("b", "UK", "lower"), ev("c", "Ukraine", "higher", "same_time"))
    assert confidence(j)[1]["claimants"] == ["NIS", "UK"]


def test_confidence__hindsight__three_strong_graded_sources_that_bear_it_out__high():
    j = hindsight("borne_out", ev("a", "NIS", "consistent"), ev("b", "UK", "consistent"),
                  ev("c", "Ukraine", "consistent"), ev("d", "JCS", "higher", "same_time"))
    level, basis = confidence(j, grades={"a": ("A", "2"), "b": ("B", "2"), "c": ("B", "3"), "d": ("A", "1")})
    assert (level, basis["claimants"], basis["grades"]) == ("high", ["NIS", "UK", "Ukraine"],
                                                            {"NIS": "A2", "UK": "B2", "Ukraine": "B3"})


@pytest.mark.parametrize("verdict, direction", [("wider_higher", "higher"), ("wider_lower", "lower")])
def test_confidence__hindsight__a_wider_count_is_never_high(verdict, direction):
    # Three strong sources agree, but each counts more than the article's figure did: moderate at most.
    j = hindsight(verdict, *(ev(i, c, direction, relation="wider") for i, c in (("a", "NIS"), ("b", "UK"),
                                                                                  ("c", "Ukraine"))))
    level, basis = confidence(j, grades={"a": ("B", "2"), "b": ("B", "2"), "c": ("B", "2")})
    assert (level, basis["independent"], basis["wider_only"], basis["agree"]) == ("moderate", 3, True, True)


@pytest.mark.parametrize("verdict", ["mixed", "none"])
def test_confidence__hindsight__mixed_or_nothing_later__the_figures_do_not_agree(verdict):
    j = hindsight(verdict, ev("a", "NIS", "consistent"), ev("b", "UK", "consistent", "same_time"))
    level, basis = confidence(j)
    assert (level, basis["agree"], basis["independent"]) == ("low", False, 2)


def test_confidence__an_echo_counts_once_a_claimants_own_lineage_does_not_matter():
    # UK's figure may echo NIS's (its lineage names NIS's claim): one source. NIS's second figure names its own
    # first: still NIS, and Ukraine stays.
    j = hindsight("low", ev("a", "NIS"), ev("b", "UK"))
    assert confidence(j, lineage={"b": "a"})[1]["claimants"] == ["NIS"]
    j = hindsight("low", ev("a", "NIS"), ev("a2", "NIS"), ev("c", "Ukraine"))
    assert confidence(j, lineage={"a2": "a"})[1]["claimants"] == ["NIS", "Ukraine"]
    # between claimants too: the claim ids and their claimants
    j = engine.Judgment("b", "between", "deployed", "consistent", claimants=("NIS", "CSIS"),
                        claim_ids=("csis-deployed", "nis-deployed"))
    assert confidence(j, lineage={"csis-deployed": "nis-deployed"},
                      claimant_of={"csis-deployed": "CSIS", "nis-deployed": "NIS"})[1]["claimants"] == ["NIS"]


def between_j(verdict, **kw):
    return engine.Judgment("b", "between", "killed", verdict, claimants=("NIS", "UK"), claim_ids=("n", "u"), **kw)


IDS = {"n": "NIS", "u": "UK"}


@pytest.mark.parametrize("verdict, kind, agree", [
    ("consistent", "between", True), ("bound", "between", True), ("disagree", "between", False),
    ("tension", "between", False), ("unchanged", "revision", True), ("up", "revision", True),
    ("down", "revision", True), ("both", "revision", False)])
def test_confidence__which_verdicts_agree(verdict, kind, agree):
    j = engine.Judgment("k", kind, "killed", verdict, claimants=("NIS", "UK"), claim_ids=("n", "u"))
    assert confidence(j, claimant_of=IDS)[1]["agree"] is agree


@pytest.mark.parametrize("grades, level, weak", [
    ({}, "moderate", []),                                           # two agree, none graded
    ({"n": ("B", "2"), "u": ("D", "3")}, "moderate", ["UK"]),        # one strong is enough for moderate
    ({"n": ("E", "2"), "u": ("B", "5")}, "low", ["NIS", "UK"]),      # reliability E, credibility 5: both weak
    ({"n": ("F", "6")}, "low", ["NIS"])])                           # graded, and none strong
def test_confidence__two_sources_that_agree__moderate_only_with_a_strong_or_no_grade(grades, level, weak):
    j = between_j("consistent", grid_holds=240, grid_cells=240)
    got = confidence(j, grades=grades, claimant_of=IDS)
    assert (got[0], got[1]["weak"]) == (level, weak)


def test_confidence__one_source__low():
    assert confidence(hindsight("low", ev("a", "NIS")))[0] == "low"


@pytest.mark.parametrize("holds, level, rests", [(3, "moderate", False), (2, "low", True)])
def test_confidence__the_grid__three_quarters_of_its_cells_are_firm(holds, level, rests):
    # 3 of 4 cells is 75 %: firm; 2 of 4 is not, and the judgment rests on our readings.
    level_, basis = confidence(between_j("consistent", grid_holds=holds, grid_cells=4), claimant_of=IDS)
    assert (level_, basis["grid_share"], basis["rests_on_reading"]) == (level, holds / 4, rests)


def test_confidence__a_hedge_the_verdict_rests_on_is_said_even_in_a_firm_grid():
    j = between_j("disagree", reading=("potentially",), grid_holds=4, grid_cells=4)
    assert confidence(j, claimant_of=IDS)[1]["rests_on_reading"] is True
    j = between_j("disagree", grid_holds=4, grid_cells=4)
    assert confidence(j, claimant_of=IDS)[1]["rests_on_reading"] is False


@pytest.mark.parametrize("verdict", ["disagree", "tension"])
@pytest.mark.parametrize("holds, cells, grades, reading, level", [
    (9, 10, {}, (), "high"),                                       # 90 % of the grid, no hedge, no grade: high
    (0, 0, {}, (), "high"),                                        # no grid: nothing it fails under
    (89, 100, {}, (), "moderate"),                                 # 89 %: short of high
    (3, 4, {}, (), "moderate"),                                    # 75 %: firm
    (74, 100, {}, (), "low"),                                      # 74 %: rests on our readings
    (10, 10, {"n": ("B", "2"), "u": ("D", "3")}, (), "moderate"),  # a weak source: never high
    (10, 10, {"n": ("B", "2"), "u": ("B", "2")}, (), "high"),      # two strong sources: high
    (10, 10, {}, ("potentially",), "low")])                        # it turns on a hedge: low
def test_confidence__a_dispute_between_claimants__the_grid_the_hedge_and_the_grades(verdict, holds, cells, grades,
                                                                                   reading, level):
    j = between_j(verdict, reading=reading, grid_holds=holds, grid_cells=cells)
    assert confidence(j, grades=grades, claimant_of=IDS)[0] == level


def test_confidence__a_dispute_between_claimants__its_basis():
    # NIS B2 and UK D3 disagree in 9 of 10 readings: 90 %, but UK's D is weak: moderate; the two never "agree".
    j = between_j("disagree", grid_holds=9, grid_cells=10)
    level, basis = confidence(j, grades={"n": ("B", "2"), "u": ("D", "3")}, claimant_of=IDS)
    assert (level, basis) == ("moderate", dict(independent=2, claimants=["NIS", "UK"], echoes=[], agree=False,
                                               weak=["UK"], grades={"NIS": "B2", "UK": "D3"}, grid_share=0.9,
                                               rests_on_reading=False, wider_only=False))
    # 3 of 4 (75 %): firm, resting on no reading
    level, basis = confidence(between_j("disagree", grid_holds=3, grid_cells=4), claimant_of=IDS)
    assert (level, basis["grid_share"], basis["rests_on_reading"]) == ("moderate", 0.75, False)
    # 7 of 10 (70 %): it rests on our readings; credibility 5 alone makes NIS weak
    j = between_j("tension", grid_holds=7, grid_cells=10)
    level, basis = confidence(j, grades={"n": ("A", "5")}, claimant_of=IDS)
    assert (level, basis["weak"], basis["grades"], basis["grid_share"], basis["rests_on_reading"]) == (
        "low", ["NIS"], {"NIS": "A5"}, 0.7, True)
    # without a grid: no share is claimed, nothing rests on a reading; an echo leaves one independent claimant
    j = between_j("disagree")
    level, basis = engine.confidence(j, {"u": "n"}, IDS, {}.get)
    assert (level, basis["grid_share"], basis["rests_on_reading"], basis["independent"], basis["claimants"]) == (
        "high", None, False, 1, ["NIS"])


# --- ranking and the bottom line's choice ------------------------------------------------------------------------


def test_rank__disputes_first_by_quantity_then_what_holds_merged_last():
    def j(key, verdict, quantity="killed", **kw):  # hindsight on two independent sources unless said
        basis = {"independent": 2} if key.startswith("hindsight") and key != "hindsight:killed:S" else {}
        return engine.Judgment(key, key.split(":")[0], quantity, verdict, basis=basis, **kw)
    given = [j("hindsight:killed:Z", "none"), j("revision:killed:A", "unchanged"),
             j("between:killed:A:B", "consistent"), j("between:killed:A:C", "bound"),
             j("hindsight:killed:Y", "bound_holds"), j("revision:killed:C", "both"),
             j("revision:killed:B", "down"), j("revision:killed:A2", "up"), j("hindsight:killed:X", "borne_out"),
             j("between:killed:B:C", "tension"), j("hindsight:killed:W", "mixed"), j("between:killed:C:D", "disagree"),
             j("hindsight:killed:V", "wider_lower"), j("hindsight:killed:U", "wider_higher"),
             j("hindsight:killed:T", "high"), j("hindsight:killed:S", "low"),
             j("between:wounded_per_killed:A:B", "disagree", "wounded_per_killed", merged_into="between:killed:C:D"),
             j("between:casualties:A:B", "disagree", "casualties"), j("hindsight:casualties:A", "borne_out",
                                                                      "casualties"),
             j("between:killed_share_force:A:B", "tension", "killed_share_force"),
             j("between:deployed:A:B", "consistent", "deployed")]
    ranked = engine.rank(given)
    # Disputed: killed (the hindsight verdicts that say a figure looks low or high, by key; the disagreement; mixed;
    # the tension), then casualties, then the killed share of the force (last of the quantities). A wider count that
    # is higher (U) disputes nothing: it may well be higher. Then what holds: killed (U; borne out; the revisions, by
    # key; a bound that holds; consistent only against a bound; consistent; unchanged; no later figure), casualties,
    # deployed. The merged ratio comes last. S's low figure rests on one source's later figure alone: it comes after
    # every other dispute.
    assert [x.key for x in ranked] == [
        "hindsight:killed:T", "hindsight:killed:V", "between:killed:C:D",
        "hindsight:killed:W", "between:killed:B:C", "between:casualties:A:B", "between:killed_share_force:A:B",
        "hindsight:killed:S", "hindsight:killed:U", "hindsight:killed:X", "revision:killed:A2", "revision:killed:B",
        "revision:killed:C", "hindsight:killed:Y", "between:killed:A:C", "between:killed:A:B", "revision:killed:A",
        "hindsight:killed:Z", "hindsight:casualties:A", "between:deployed:A:B", "between:wounded_per_killed:A:B"]
    assert [x.rank for x in ranked] == list(range(1, 22))


@pytest.mark.parametrize("first, then", [
    # a figure later reports contradict before a disagreement between claimants (whose key sorts first)
    (("hindsight:killed:B", "low"), ("between:killed:A:C", "disagree")),
    # looks low, looks high and a lower wider count rank alike: by key
    (("hindsight:killed:A", "low"), ("hindsight:killed:B", "high")),
    (("hindsight:killed:A", "wider_lower"), ("hindsight:killed:B", "low")),
    # a figure only later bounds allow before a consistent comparison, and alike with a bound that holds: by key
    (("hindsight:killed:B", "allowed"), ("between:killed:A:C", "consistent")),
    (("hindsight:killed:A", "allowed"), ("hindsight:killed:B", "bound_holds")),
    # of two disagreements of one quantity, the wider apart first: 5 times before 2 times
    (("between:killed:C:D", "disagree", 5.0), ("between:killed:A:B", "disagree", 2.0))])
def test_rank__two_judgments_of_one_quantity_in_order(first, then):
    def j(key, verdict, factor=math.nan):  # two independent sources each: no hindsight ranks as lone
        return engine.Judgment(key, key.split(":")[0], "killed", verdict, factor=factor, basis={"independent": 2})
    a, b = j(*first), j(*then)
    assert [x.key for x in engine.rank([b, a])] == [a.key, b.key]
    assert [x.key for x in engine.rank([a, b])] == [a.key, b.key]


def test_bottom_line__disputes_then_what_was_borne_out_no_revisions_no_merged():
    def j(key, verdict, **kw):
        return engine.Judgment(key, key.split(":")[0], "killed", verdict, **kw)
    js = [j("hindsight:killed:A", "low"), j("revision:killed:A", "up"), j("between:killed:A:B", "consistent"),
          j("hindsight:killed:B", "borne_out"), j("between:killed:A:C", "disagree"),
          j("between:wounded_per_killed:A:C", "disagree", merged_into="between:killed:A:C"),
          j("hindsight:killed:C", "bound_holds")]
    assert [x.key for x in engine.bottom_line(js)] == ["hindsight:killed:A", "between:killed:A:C",
                                                        "hindsight:killed:B"]


def test_hindsight__a_later_bound_that_allows_a_figure_does_not_bear_it_out(tmp_path):
    # NIS's about 300 killed (270-330), 13 January 2025. Later, "at least 200" (April) allows it and "up to 500"
    # (May) allows it: both are open bounds, which test little. They neither bear the figure out nor contradict it.
    floor = row("floor", "killed", low=200, bound="at_least", as_of="2025-04-30")
    ceiling = row("ceiling", "killed", high=500, bound="up_to", as_of="2025-05-30")
    j = by_key(judge(*kursk(tmp_path, [floor, ceiling])))["hindsight:killed:NIS"]
    assert [e.direction for e in j.evidence] == ["consistent", "consistent"]
    assert j.verdict == "allowed" and not j.disputed
    assert j.basis["independent"] == 1 and j.basis["agree"]   # the later NIS bounds, one source


def test_hindsight__a_later_bound_does_not_count_for_or_against_a_firmer_figure(tmp_path):
    # Beside the floor "at least 200" (allowing 270-330), "about 600" (540-660) is higher: the figure looks low, and
    # the floor does not make it mixed, nor count among the sources that agree.
    floor = row("floor", "killed", low=200, bound="at_least", as_of="2025-04-30")
    higher = row("higher", "killed", best=600, claimant="UA", as_of="2025-05-30")
    j = by_key(judge(*kursk(tmp_path, [floor, higher])))["hindsight:killed:NIS"]
    assert j.verdict == "low"
    assert j.basis["claimants"] == ["UA"] and j.basis["agree"]
    # and with a later figure of about 310 (279-341) that meets it, it is borne out by that figure alone
    meets = row("meets", "killed", best=310, claimant="UA", as_of="2025-05-30")
    j = by_key(judge(*kursk(tmp_path, [floor, meets])))["hindsight:killed:NIS"]
    assert j.verdict == "borne_out" and j.basis["claimants"] == ["UA"]


def test_rank__among_disputes_those_held_with_low_confidence_last():
    # Disputes of the same rank but for their confidence: the low one after the others, whatever its quantity; the
    # others by quantity (killed before casualties before wounded), whatever their level.
    low = engine.Judgment("between:killed:A:B", "between", "killed", "disagree", confidence="low")
    high = engine.Judgment("hindsight:casualties:A", "hindsight", "casualties", "low", confidence="high",
                           basis={"independent": 3})
    moderate = engine.Judgment("between:wounded:A:B", "between", "wounded", "disagree", confidence="moderate")
    assert [j.key for j in engine.rank([low, moderate, high])] == [
        "hindsight:casualties:A", "between:wounded:A:B", "between:killed:A:B"]
    killed = engine.Judgment("between:killed:A:C", "between", "killed", "disagree", confidence="moderate")
    assert [j.key for j in engine.rank([high, killed])] == ["between:killed:A:C", "hindsight:casualties:A"]


def test_revisions__a_figure_of_another_scope_is_no_revision(tmp_path):
    # NIS: about 300 killed of the first deployment (January), about 600 of all deployments (April), about 2,000 of
    # all deployments (September). 300 -> 600 changes what is counted: no direction. 600 (540-660) -> 2,000
    # (1,800-2,200) is a revision of one count: up.
    rows = [row("k1", "killed", best=300, as_of="2025-01-13", scope="first deployment"),
            row("k2", "killed", best=600, as_of="2025-04-30", scope="all deployments"),
            row("k3", "killed", best=2000, as_of="2025-09-02", scope="all deployments")]
    j = by_key(engine.revisions(ledger(tmp_path / "r.csv", rows), Assumptions()))["revision:killed:NIS"]
    assert [e.direction for e in j.evidence] == ["", "other_scope", "up"] and j.verdict == "up"
    # with the third left out, no step stays within one scope: no revision to judge
    j = by_key(engine.revisions(ledger(tmp_path / "r2.csv", rows[:2]), Assumptions()))["revision:killed:NIS"]
    assert j.verdict == "none"


def test_confidence__hindsight__a_wider_count_does_not_bear_out_a_like_for_like_verdict():
    # Looks low on like-for-like figures: NIS's E3 floor and UK's B2 one. NIS's B2 figure of all deployments is
    # higher too, but a wider count may well be higher: it neither supports the verdict nor lends NIS its grade.
    j = hindsight("low", ev("a", "NIS"), ev("b", "UK"), ev("w", "NIS", relation="wider"))
    level, basis = confidence(j, grades={"a": ("E", "3"), "b": ("B", "2"), "w": ("B", "2")})
    assert (basis["claimants"], basis["grades"], basis["weak"]) == (["NIS", "UK"], {"NIS": "E3", "UK": "B2"}, ["NIS"])
    assert level == "moderate"


def test_hindsight__a_figure_of_a_scope_not_stated_counts_only_where_no_like_for_like_figure_does(tmp_path):
    # NIS's 300 killed (270-330) of the first deployment; a later 600 of that scope is higher, a later 100 whose
    # scope is not stated lower: the like-for-like figure decides (low), and only it supports the verdict.
    later = [row("same", "killed", best=600, as_of="2025-04-30", scope="first", claimant="UK"),
             row("unstated", "killed", best=100, as_of="2025-04-30", scope="not stated", claimant="JCS")]
    claims, lat = kursk(tmp_path, later, extra=("scope",))
    claims = claims.assign(scope="first")
    j = by_key(judge(claims, lat))["hindsight:killed:NIS"]
    assert (j.verdict, j.basis["claimants"], j.basis["agree"]) == ("low", ["UK"], True)
    # with no like-for-like figure, the figures whose scope is not stated speak: 100 is below 270: high
    lat = ledger(tmp_path / "unstated.csv", later[1:])
    j = by_key(judge(claims, lat))["hindsight:killed:NIS"]
    assert (j.verdict, j.basis["claimants"]) == ("high", ["JCS"])


def test_hindsight__an_identical_earlier_figure_of_another_claimant_is_not_independent(tmp_path):
    # Kursk's casualties: Ukraine "more than 4,000" (2 February), NIS "more than 4,000" (March), UK MoD "over 5,000"
    # (March), HUR "about 4,000" citing Ukraine (its lineage). All lie above NIS's implied 3,000 (2,700-3,300). NIS's
    # floor is Ukraine's, given earlier: it may echo it; HUR's names Ukraine's. Two independent claimants, two
    # possible echoes: moderate (UK's B2 is strong; Ukraine's D3 is not), not high.
    later = [row("ukr", "casualties", low=4000, claimant="Ukraine", as_of="2025-02-02"),
             row("hur", "casualties", best=4000, claimant="HUR", as_of="2025-02-04", lineage="ukr"),
             row("nis-03", "casualties", low=4000, claimant="NIS", as_of="2025-03"),
             row("uk-03", "casualties", low=5000, claimant="UK MoD", as_of="2025-03")]
    grades = {"ukr": ("D", "3"), "hur": ("D", "3"), "nis-03": ("E", "3"), "uk-03": ("B", "2")}
    j = by_key(judge(*kursk(tmp_path, later), grade_of=grades.get))["hindsight:casualties:NIS"]
    assert j.verdict == "low"
    assert (j.basis["independent"], j.basis["claimants"], j.basis["echoes"]) == (2, ["Ukraine", "UK MoD"],
                                                                                  ["HUR", "NIS"])
    assert j.basis["grades"] == {"Ukraine": "D3", "HUR": "D3", "NIS": "E3", "UK MoD": "B2"}
    assert j.confidence == "moderate"


def test_same_count__a_scope_not_stated_speaks_only_without_a_later_figure_of_the_same_scope():
    assert engine.same_count([ev("a", "A", relation="unknown")]) == "unknown"
    assert engine.same_count([ev("a", "A", relation="unknown"), ev("b", "B")]) == "like"
    assert engine.same_count([ev("a", "A", relation="unknown", when="same_time")]) == "like"  # not later
    assert engine.same_count([ev("a", "A", relation="wider")]) == "like"
    assert engine.same_count([]) == "like"


def test_confidence__a_claimant_with_several_claims_takes_its_best_grade():
    # NIS's B2 figure and its E3 one both bear the verdict out: NIS counts as B2 (strong), in either order, and an
    # ungraded claim of it does not wipe the grade of another
    j = hindsight("low", ev("a", "NIS"), ev("b", "NIS"), ev("c", "UK"))
    assert confidence(j, grades={"a": ("B", "2"), "b": ("E", "3"), "c": ("B", "2")})[1]["grades"] == {
        "NIS": "B2", "UK": "B2"}
    assert confidence(j, grades={"a": ("E", "3"), "b": ("B", "2")})[1]["grades"] == {"NIS": "B2"}
    assert confidence(j, grades={"a": ("B", "2")})[1]["grades"] == {"NIS": "B2"}
