"""The bottom line's words (analysis.wording.bottom_line) from hand-made judgments; every expected text is written
out here from the rows and the rules, never copied from the code's output."""

import math
from dataclasses import replace

import pytest

from analysis.judgments.engine import Evidence, Judgment
from analysis.ledger.validate import validate
from analysis.uncertainty.derive import Quantity
from analysis.uncertainty.intervals import Interval
from analysis.wording import bottom_line as bl
from ledgers import row, write


@pytest.fixture
def claims(tmp_path):
    rows = [row("nis-killed", "killed", best=300, as_of="2025-01-13", attribution="inferred",
                attributed_by="https://cna.example/", quote="approximately 300"),
            row("nis-wounded", "wounded", best=2700, as_of="2025-01-13", attribution="inferred",
                attributed_by="https://cna.example/"),
            row("csis-killed", "killed", best=1000, claimant="CSIS", spokesperson="Seth Jones", as_of="2025-02-04",
                hedge="potentially", quote="potentially 1,000")]
    return validate(write(tmp_path / "c.csv", rows, extra=("hedge", "attribution", "attributed_by")))


@pytest.fixture
def later(tmp_path):
    rows = [row("nis-04", "killed", best=600, as_of="2025-04-30",
                conduit="Lee Seong-kweun (Intelligence Committee); The Korea Herald"),
            row("nis-09", "killed", best=2000, as_of="2025-09-02", reading="“war dead” read by us as killed"),
            row("west", "killed", best=1000, claimant="Western officials", as_of="2025-01"),
            row("uk", "casualties", low=6000, claimant="UK MoD", as_of="2025-06-15", hedge="highly likely",
                quote="highly likely more than 6,000")]
    return validate(write(tmp_path / "l.csv", rows, extra=("hedge", "reading")))


def ev(claim_id, claimant, date, when="later", relation="like", direction="higher", scope=""):
    return Evidence(claimant, claim_id, date, 0, 0, False, False, scope, relation, when, direction)


FIGURES = {"NIS": {"killed": Quantity(Interval(300, 300, 300), ("nis-killed",), "stated"),
                   "casualties": Quantity(Interval(3000, 3000, 3000), ("nis-killed", "nis-wounded"), "implied"),
                   "wounded_per_killed": Quantity(Interval(9, 9, 9), ("nis-killed", "nis-wounded"), "implied")},
           "CSIS": {"killed": Quantity(Interval(1000, 1000, 1000), ("csis-killed",), "stated"),
                    "wounded_per_killed": Quantity(Interval(0, 4.5, None, open_low=True), ("csis-killed",),
                                                   "implied")}}


@pytest.mark.parametrize("date, words", [("2025-04-30", "Apr 2025"), ("2025-09", "Sep 2025"), ("2025", "2025"),
                                         ("", "")])
def test_month(date, words):
    assert bl.month(date) == words


@pytest.mark.parametrize("name, words", [("NIS", "NIS’s"), ("Western officials", "Western officials’"),
                                         ("Gamma Officials", "Gamma Officials’"), ("UK MoD", "UK MoD’s"),
                                         ("Seth Jones (CSIS)", "Seth Jones (CSIS)’s"), ("HUR", "HUR’s")])
def test_possessive(name, words):
    assert bl.possessive(name) == words


def test_plural():
    assert (bl.plural(1, "source"), bl.plural(2, "source"), bl.plural(0, "pair")) == ("1 source", "2 sources",
                                                                                       "0 pairs")


def test_hindsight__low__evidence_together_by_claimant_and_same_time_apart(claims, later):
    j = Judgment("hindsight:killed:NIS", "hindsight", "killed", "low", subject="NIS", claimants=("NIS",),
                 claim_ids=("nis-killed",), status="stated",
                 evidence=(ev("nis-04", "NIS", "2025-04-30"), ev("nis-09", "NIS", "2025-09-02"),
                           ev("west", "Western officials", "2025-01", when="same_time")))
    heading, parts = bl.hindsight(j, claims, later, FIGURES)
    assert heading == "Killed"
    # the relay is the conduit's first link, its name only: "via Lee Seong-kweun"
    assert "".join(t for t, _ in parts) == (
        "NIS’s (our attribution) about 300 killed (Jan 2025) looks low: every later figure for the same count is "
        "higher: NIS about 600 (Apr 2025; via Lee Seong-kweun) and about 2,000 (Sep 2025; “war dead” read by us as "
        "killed). At the same time: Western officials about 1,000 (Jan 2025).")
    assert [ids for _, ids in parts if ids] == [("nis-killed",), ("nis-04",), ("nis-09",), ("west",)]


def test_hindsight__implied_figure_and_a_wider_count(claims, later):
    j = Judgment("hindsight:casualties:NIS", "hindsight", "casualties", "wider_higher", subject="NIS",
                 claimants=("NIS",), claim_ids=("nis-killed", "nis-wounded"), status="implied",
                 evidence=(ev("uk", "UK MoD", "2025-06-15", relation="wider", scope="all deployments"),
                           ev("west", "Western officials", "2025-01", relation="other")))
    _, parts = bl.hindsight(j, claims, later, FIGURES)
    assert "".join(t for t, _ in parts) == (
        "NIS’s (our attribution) implied 3,000 casualties (Jan 2025) looks low: every later figure is higher, "
        "though each counts more (all deployments): UK MoD highly likely at least 6,000 (Jun 2025).")


def test_hindsight__more_than_two_figures_are_counted(claims, later):
    e = tuple(ev(i, c, d) for i, c, d in (("nis-04", "NIS", "2025-04-30"), ("west", "Western officials", "2025-01"),
                                           ("nis-09", "NIS", "2025-09-02")))
    j = Judgment("h", "hindsight", "killed", "borne_out", subject="NIS", claim_ids=("nis-killed",),
                 status="stated", evidence=e)
    text = "".join(t for t, _ in bl.hindsight(j, claims, later, FIGURES)[1])
    assert text.endswith("is borne out: later figures for the same count are consistent with it: NIS about 600 "
                         "(Apr 2025; via Lee Seong-kweun); Western officials about 1,000 (Jan 2025); 1 more.")


def test_between__disagreement_resting_on_a_hedge_with_its_merged_ratio(claims):
    j = Judgment("between:killed:NIS:CSIS", "between", "killed", "disagree", claimants=("NIS", "CSIS"),
                 claim_ids=("csis-killed", "nis-killed"), factor=900 / 330, higher="CSIS", lower="NIS",
                 reading=("potentially",), grid_holds=120, grid_cells=240)
    merged = Judgment("between:wounded_per_killed:NIS:CSIS", "between", "wounded_per_killed", "disagree",
                      claimants=("NIS", "CSIS"), merged_into=j.key)
    heading, parts = bl.between(j, [merged], claims, FIGURES)
    assert heading == "Killed, between claimants"
    # 900 / 330 = 2.727..., floored to 2.7 (a lower bound is never rounded up)
    assert "".join(t for t, _ in parts) == (
        "Seth Jones (CSIS): potentially 1,000; NIS (our attribution): about 300: at least 2.7 times apart; the "
        "wounded per killed they imply differ for the same reason (NIS 9.0; CSIS at most 4.5), but only if "
        "“potentially” is read as an estimate rather than an upper end (120 of 240 of our readings).")


def test_between__the_gap_in_the_words_of_the_flags_and_robustness(claims, monkeypatch):
    monkeypatch.setattr(bl.words, "at_least_times", lambda factor, held=True: f"<{factor:.3f}>")
    j = Judgment("between:killed:NIS:CSIS", "between", "killed", "disagree", claimants=("NIS", "CSIS"),
                 claim_ids=("csis-killed", "nis-killed"), factor=900 / 330, higher="CSIS", lower="NIS")
    assert ": <2.727> apart." in "".join(t for t, _ in bl.between(j, [], claims, FIGURES)[1])


def test_between__tension_and_part_of_the_grid(claims):
    j = Judgment("b", "between", "killed", "tension", claimants=("NIS", "CSIS"), factor=math.nan,
                 grid_holds=200, grid_cells=240, outside="CSIS", inside="NIS")
    heading, parts = bl.between(j, [], claims, FIGURES)
    text = "".join(t for t, _ in parts)
    assert text == ("NIS (our attribution): about 300; Seth Jones (CSIS): potentially 1,000: the ranges overlap, but "
                    "CSIS’s figure lies outside NIS’s range (in 200 of 240 of our readings).")


def test_between__disagreement_with_no_finite_factor(claims):
    j = Judgment("b", "between", "killed", "disagree", claimants=("NIS", "CSIS"), factor=math.inf,
                 higher="CSIS", lower="NIS")
    text = "".join(t for t, _ in bl.between(j, [], claims, FIGURES)[1])
    assert text == ("Seth Jones (CSIS): potentially 1,000; NIS (our attribution): about 300: CSIS’s is above NIS’s "
                    "figure of 0 (no ratio to 0 can be given).")
    j = replace(j, factor=math.nan)
    assert "".join(t for t, _ in bl.between(j, [], claims, FIGURES)[1]).endswith(": they cannot both be true.")


def test_between__consistent_against_a_bound(claims):
    j = Judgment("b", "between", "killed", "bound", claimants=("NIS", "CSIS"), bound_of="CSIS",
                 claim_ids=("nis-killed", "csis-killed"))
    assert bl.between(j, [], claims, FIGURES) == (
        "Killed", [("NIS and CSIS give consistent killed, though CSIS’s is a bound, which tests little.",
                    ("nis-killed", "csis-killed"))])


def test_reason__counts_grades_and_caveats():
    j = Judgment("k", "hindsight", "killed", "wider_higher",
                 basis=dict(independent=2, agree=True, grades={"NIS": "B2", "West": "C3"}, rests_on_reading=False,
                            wider_only=True))
    assert bl.reason(j) == "2 independent sources agree; graded B2 to C3; the later figures count more"
    j = Judgment("k", "between", "killed", "disagree", reading=("potentially",),
                 basis=dict(independent=2, agree=False, grades={"A": "E3", "B": "E3"}, rests_on_reading=True))
    assert bl.reason(j) == "2 independent sources; graded E3; rests on our reading of a hedge"
    j = Judgment("k", "hindsight", "killed", "mixed", basis=dict(independent=1, agree=False))
    assert bl.reason(j) == "1 independent source; the later figures do not all agree"


def test_items__within_the_word_budget_the_first_always_kept(claims, later):
    j = Judgment("between:killed:NIS:CSIS", "between", "killed", "disagree", claimants=("NIS", "CSIS"),
                 claim_ids=("csis-killed", "nis-killed"), factor=3.0, higher="CSIS", lower="NIS", confidence="low",
                 basis=dict(independent=2, agree=False))
    others = [replace(j, key=f"between:killed:NIS:CSIS{k}") for k in range(19)]
    items = bl.items([j] + others, [j], claims, later, FIGURES)
    assert len(items) == 1  # the other 19 are the same quantity's pairs: one item per quantity
    words = bl.word_count(items)
    assert words == len(("Killed, between claimants. " + items[0].text()).split())
    assert items[0].text().endswith(" Low confidence: 2 independent sources.")
    assert "19 other pairs differ too (NIS and CSIS; " in items[0].text()


def test_items__disputes_past_the_budget_are_named_in_a_last_item(claims, later):
    base = dict(kind="between", verdict="disagree", claimants=("NIS", "CSIS"), claim_ids=("csis-killed",),
                factor=3.0, higher="CSIS", lower="NIS", confidence="low", basis=dict(independent=2, agree=False))
    # one long item per quantity: killed, then wounded and deployed whose words do not fit after it
    long = Judgment("between:killed:NIS:CSIS", quantity="killed", reading=("potentially",) * 60, grid_holds=1,
                    grid_cells=2, **base)
    wounded = Judgment("between:wounded:NIS:CSIS", quantity="killed", **base)
    wounded = replace(wounded, key="between:wounded:NIS:CSIS", quantity="wounded")
    deployed = replace(wounded, key="between:deployed:NIS:CSIS", quantity="deployed")
    figs = dict(FIGURES)
    figs["NIS"] = dict(FIGURES["NIS"], wounded=FIGURES["NIS"]["killed"], deployed=FIGURES["NIS"]["killed"])
    figs["CSIS"] = dict(FIGURES["CSIS"], wounded=FIGURES["CSIS"]["killed"], deployed=FIGURES["CSIS"]["killed"])
    items = bl.items([long, wounded, deployed], [long, wounded, deployed], claims, later, figs)
    assert [i.key for i in items][0] == "between:killed:NIS:CSIS"
    assert items[-1].heading == "Also disputed"
    assert items[-1].text().startswith("The claimants’ figures differ too on ")
    assert "wounded (NIS and CSIS)" in items[-1].text()
    assert items[-1].text().endswith("; the annex compares them.")
    assert bl.word_count(items) <= bl.MAX_WORDS or len(items) == 2


def test_via__not_the_outlet_the_claim_was_read_in(later):
    row = later[later["claim_id"] == "nis-04"].iloc[0]
    assert bl._via(row, {}) == "via Lee Seong-kweun"
    assert bl._via(row.copy().set_axis(row.index).replace("Lee Seong-kweun (Intelligence Committee); The Korea Herald",
                                                          "The Korea Herald"), {row["source_url"]: "The Korea Herald"}) == ""


def test_hindsight__a_column_only_the_article_ledger_has__no_crash_no_nan(tmp_path):
    # The article's ledger has a `reading` column, the later one has none: the later figure is worded from its own
    # row, with no reading (the two ledgers' rows were joined, which gave the later row a NaN reading: a crash).
    claims = validate(write(tmp_path / "c.csv", [row("nis-killed", "killed", best=300, as_of="2025-01-13",
                                                     reading="“dead” read by us as killed")], extra=("reading",)))
    later = validate(write(tmp_path / "l.csv", [row("nis-04", "killed", best=600, as_of="2025-04-30")]))
    j = Judgment("hindsight:killed:NIS", "hindsight", "killed", "low", subject="NIS", claimants=("NIS",),
                 claim_ids=("nis-killed",), status="stated", evidence=(ev("nis-04", "NIS", "2025-04-30"),))
    assert "".join(t for t, _ in bl.hindsight(j, claims, later, FIGURES)[1]) == (
        "NIS’s about 300 (“dead” read by us as killed) killed (Jan 2025) looks low: every later figure for the same "
        "count is higher: NIS about 600 (Apr 2025).")


def test_borrowed__the_figure_is_the_borrowers_and_says_whose_claim_it_borrows(tmp_path):
    # B states a casualty rate of about 50 % and borrows A's force of about 10,000: the 5,000 casualties they imply
    # (50 % of 10,000) are B's, resting on A's claim. They were worded as A's ("A’s implied 5,000 casualties"),
    # from the first claim's claimant.
    claims = validate(write(tmp_path / "c.csv", [
        row("a-deployed", "deployed", best=10000, claimant="A", as_of="2025-01-10"),
        row("b-rate", "casualty_rate", best=50, claimant="B", as_of="2025-01-12"),
        row("c-casualties", "casualties", best=9000, claimant="C", as_of="2025-01-20")]))
    later = validate(write(tmp_path / "l.csv", [row("c-04", "casualties", best=9000, claimant="C",
                                                    as_of="2025-04-30")]))
    figures = {"B": {"casualties": Quantity(Interval(5000, 5000, 5000), ("a-deployed", "b-rate"), "borrowed")},
               "C": {"casualties": Quantity(Interval(9000, 9000, 9000), ("c-casualties",), "stated")}}
    j = Judgment("hindsight:casualties:B", "hindsight", "casualties", "low", subject="B", claimants=("B",),
                 claim_ids=("a-deployed", "b-rate"), status="borrowed", evidence=(ev("c-04", "C", "2025-04-30"),))
    _, parts = bl.hindsight(j, claims, later, figures)
    assert "".join(t for t, _ in parts) == (
        "B’s implied 5,000 casualties (Jan 2025; A’s troops deployed borrowed) looks low: every later figure for the "
        "same count is higher: C about 9,000 (Apr 2025).")
    assert parts[0][1] == ("a-deployed", "b-rate")  # the footnote cites both claims
    j = Judgment("between:casualties:B:C", "between", "casualties", "disagree", claimants=("B", "C"),
                 claim_ids=("a-deployed", "b-rate", "c-casualties"), factor=9000 / 5000, higher="C", lower="B")
    # 9,000 / 5,000 = 1.8
    assert "".join(t for t, _ in bl.between(j, [], claims, figures)[1]) == (
        "C: about 9,000; B: 5,000 (implied; A’s troops deployed borrowed): at least 1.8 times apart.")
