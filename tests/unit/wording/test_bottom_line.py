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
        "NIS’s (our attribution) implied 3,000 casualties (Jan 2025) is not tested by later figures: each counts more "
        "(all deployments), and a wider count may well be higher: UK MoD highly likely at least 6,000 (Jun 2025).")


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
        "wounded per killed they imply differ for the same reason (NIS 9.0; CSIS at most 4.5, hedged “potentially”), "
        "but only if “potentially” is read as an estimate rather than an upper end (they disagree in 120 of our 240 "
        "readings).")


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
        "Killed", [("NIS and CSIS give consistent killed, though CSIS’s is a bound, and a bound tests little.",
                    ("nis-killed", "csis-killed"))])


def test_reason__counts_grades_and_caveats():
    j = Judgment("k", "hindsight", "killed", "wider_higher",
                 basis=dict(independent=2, agree=True, grades={"NIS": "B2", "West": "C3"}, rests_on_reading=False,
                            wider_only=True))
    assert bl.reason(j) == "2 independent claimants agree; graded B2 to C3; the later figures count more"
    # claimants left out as possible echoes are counted: 'may echo them'
    j = Judgment("k", "hindsight", "casualties", "low",
                 basis=dict(independent=2, echoes=["HUR", "NIS"], agree=True, grades={"NIS": "E3", "UK": "B2"}))
    assert bl.reason(j) == "2 independent claimants agree (2 more may echo them); graded B2 to E3"
    j = Judgment("k", "between", "deployed", "consistent",
                 basis=dict(independent=1, echoes=["CSIS"], agree=True, grades={}))
    assert bl.reason(j) == "1 independent claimant (1 more may echo it)"
    j = Judgment("k", "between", "killed", "disagree", reading=("potentially",),
                 basis=dict(independent=2, agree=False, grades={"A": "E3", "B": "E3"}, rests_on_reading=True))
    # the item's text says which reading it rests on ("but only if “potentially” is read as an estimate …"): the
    # reason does not say it again at length
    assert bl.reason(j) == "2 independent claimants; graded E3; rests on that reading"
    j = Judgment("k", "hindsight", "killed", "mixed", basis=dict(independent=1, agree=False))
    assert bl.reason(j) == "1 independent claimant; the later figures do not all agree"


def test_items__within_the_word_budget_the_first_always_kept(claims, later):
    j = Judgment("between:killed:NIS:CSIS", "between", "killed", "disagree", claimants=("NIS", "CSIS"),
                 claim_ids=("csis-killed", "nis-killed"), factor=3.0, higher="CSIS", lower="NIS", confidence="low",
                 basis=dict(independent=2, agree=False))
    others = [replace(j, key=f"between:killed:NIS:CSIS{k}") for k in range(19)]
    items = bl.items([j] + others, [j], claims, later, FIGURES)
    assert len(items) == 1  # the other 19 are the same quantity's pairs: one item per quantity
    words = bl.word_count(items)
    assert words == len(("Killed, between claimants. " + items[0].text()).split())
    assert items[0].text().endswith(" Low confidence: 2 independent claimants.")
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


def test_item_text__its_parts_then_its_confidence_and_reason():
    item = bl.Item("k", "Killed", (("NIS’s about 300", ("nis-killed",)), (" looks low.", ())), "low", "1 source")
    assert item.text() == "NIS’s about 300 looks low. Low confidence: 1 source."
    assert bl.Item("also", "Also disputed", (("A", ()), ("B.", ())), "", "").text() == "AB."


@pytest.mark.parametrize("date, words", [("2025-10-02", "Oct 2025"), ("2025-11", "Nov 2025"),
                                         ("2024-12-31", "Dec 2024")])
def test_month__the_last_months(date, words):
    assert bl.month(date) == words


def judged(tmp_path, **cells):
    """NIS's force (10,000-11,000, dated as given) judged against a later about 12,000 of April."""
    claims = validate(write(tmp_path / "c.csv", [row("nis-deployed", "deployed", low=10000, high=11000, **cells)]))
    later = validate(write(tmp_path / "l.csv", [row("ua", "deployed", best=12000, claimant="Ukraine",
                                                    as_of="2025-04-30")]))
    j = Judgment("hindsight:deployed:NIS", "hindsight", "deployed", "borne_out", subject="NIS", claimants=("NIS",),
                 claim_ids=("nis-deployed",), status="stated", evidence=(ev("ua", "Ukraine", "2025-04-30"),))
    return "".join(t for t, _ in bl.hindsight(j, claims, later, {})[1])


def test_hindsight__the_judged_figures_date__as_of_else_published_else_none(tmp_path):
    tail = " is borne out: later figures for the same count are consistent with it: Ukraine about 12,000 (Apr 2025)."
    assert judged(tmp_path, as_of="2025-01-13", published="2025-03-01") == "NIS’s 10,000–11,000 troops deployed " \
        "(Jan 2025)" + tail
    assert judged(tmp_path, published="2025-03-01") == "NIS’s 10,000–11,000 troops deployed (Mar 2025)" + tail
    assert judged(tmp_path) == "NIS’s 10,000–11,000 troops deployed" + tail


def test_hindsight__high__like_for_like_figures_shown_the_other_scope_left_out(claims, later):
    j = Judgment("hindsight:killed:CSIS", "hindsight", "killed", "high", subject="CSIS", claimants=("CSIS",),
                 claim_ids=("csis-killed",), status="stated",
                 evidence=(ev("nis-04", "NIS", "2025-04-30", direction="lower", relation="unknown"),
                           ev("west", "Western officials", "2025-01", when="same_time", relation="other"),
                           ev("nis-09", "NIS", "2025-09-02", relation="other")))
    heading, parts = bl.hindsight(j, claims, later, FIGURES)
    assert heading == "Killed"
    assert "".join(t for t, _ in parts) == (
        "Seth Jones (CSIS)’s potentially 1,000 killed (Feb 2025) looks high: every later figure whose scope is not "
        "stated is lower: NIS about 600 (Apr 2025; via Lee Seong-kweun).")  # no figure of the same scope: not "same"


def test_hindsight__mixed(claims, later):
    j = Judgment("h", "hindsight", "killed", "mixed", subject="NIS", claim_ids=("nis-killed",), status="stated",
                 evidence=(ev("nis-04", "NIS", "2025-04-30"), ev("west", "Western officials", "2025-01",
                                                                  direction="consistent")))
    assert "".join(t for t, _ in bl.hindsight(j, claims, later, FIGURES)[1]) == (
        "NIS’s (our attribution) about 300 killed (Jan 2025) is neither confirmed nor refuted: later figures for the "
        "same count differ: NIS about 600 (Apr 2025; via Lee Seong-kweun); Western officials about 1,000 (Jan 2025).")


def test_hindsight__a_wider_count_lower__its_scopes_named(claims, later):
    j = Judgment("h", "hindsight", "killed", "wider_lower", subject="CSIS", claim_ids=("csis-killed",),
                 status="stated", evidence=(ev("nis-04", "NIS", "2025-04-30", "later", "wider", "lower",
                                               "second deployment"),
                                            ev("west", "Western officials", "2025-01", "later", "wider", "lower",
                                               "all deployments")))
    assert "".join(t for t, _ in bl.hindsight(j, claims, later, FIGURES)[1]) == (
        "Seth Jones (CSIS)’s potentially 1,000 killed (Feb 2025) looks high: every later figure is lower, although "
        "each counts more (all deployments and second deployment): NIS about 600 (Apr 2025; via Lee Seong-kweun); "
        "Western officials about 1,000 (Jan 2025).")


@pytest.mark.parametrize("verdict, said", [
    ("bound_holds", "is a bound later figures do not breach: a bound tests little"),
    # allowed only by later bounds (analysis.judgments.engine._weak): not contradicted, never borne out
    ("allowed", "is not contradicted: later figures for the same count are bounds that allow it, and a bound tests "
                "little")])
def test_hindsight__a_bound__the_figures_that_meet_it_shown(claims, later, verdict, said):
    j = Judgment("h", "hindsight", "killed", verdict, subject="NIS", claim_ids=("nis-killed",),
                 status="stated", evidence=(ev("nis-04", "NIS", "2025-04-30", direction="consistent"),))
    assert "".join(t for t, _ in bl.hindsight(j, claims, later, FIGURES)[1]) == (
        f"NIS’s (our attribution) about 300 killed (Jan 2025) {said}: NIS about 600 (Apr 2025; via Lee Seong-kweun).")


RATES = {"NIS": {"casualty_rate": Quantity(Interval(24.5, 36.7, 30.0), ("nis-killed", "nis-wounded"), "implied")},
         "CSIS": {"casualty_rate": Quantity(Interval(40.0, 50.0, 45.0), ("csis-killed",), "implied"),
                  "killed": Quantity(Interval(1000, 1000, 1000), ("csis-killed",), "stated")}}


def test_between__implied_percentages_every_reading_two_hedges(claims):
    # Implied on both sides, in percent with their points; disjoint in every reading (no "in N of M"); the verdict
    # would turn on two hedges.
    j = Judgment("between:casualty_rate:NIS:CSIS", "between", "casualty_rate", "disagree", claimants=("NIS", "CSIS"),
                 claim_ids=("csis-killed", "nis-killed", "nis-wounded"), factor=40 / 36.7, higher="CSIS",
                 lower="NIS", grid_holds=240, grid_cells=240)
    heading, parts = bl.between(j, [], claims, RATES)
    assert heading == "Casualty rate, between claimants"
    # 40 / 36.7 = 1.089..., which floors to 1.0: said as less than 1.1 times apart
    assert "".join(t for t, _ in parts) == (
        "Seth Jones (CSIS): 45.0% (range 40.0–50.0%) (implied); NIS (our attribution): 30.0% (range 24.5–36.7%) "
        "(implied): they cannot both be true, though less than 1.1 times apart.")
    assert [ids for _, ids in parts] == [("csis-killed",), ("nis-killed", "nis-wounded"), (), ()]
    j = replace(j, reading=("potentially", "could be"), grid_holds=120)
    assert "".join(t for t, _ in bl.between(j, [], claims, RATES)[1]).endswith(
        ": they cannot both be true, though less than 1.1 times apart, but only if “potentially” and “could be” are "
        "read as estimates rather than "
        "upper ends (they disagree in 120 of our 240 readings).")


def test_between__a_merged_percentage_is_said_as_its_range(claims):
    j = Judgment("between:killed:NIS:CSIS", "between", "killed", "disagree", claimants=("NIS", "CSIS"),
                 claim_ids=("csis-killed", "nis-killed"), factor=3.0, higher="CSIS", lower="NIS")
    merged = Judgment("between:casualty_rate:NIS:CSIS", "between", "casualty_rate", "disagree",
                      claimants=("NIS", "CSIS"), merged_into=j.key)
    figures = {c: {**FIGURES[c], **RATES[c]} for c in FIGURES}
    assert "".join(t for t, _ in bl.between(j, [merged], claims, figures)[1]) == (
        "Seth Jones (CSIS): potentially 1,000; NIS (our attribution): about 300: at least 3.0 times apart; the "
        "casualty rate they imply differ for the same reason (NIS 24.5–36.7%; CSIS 40.0–50.0%, hedged “potentially”).")


def test_between__consistent__said_plainly(claims):
    j = Judgment("b", "between", "killed", "consistent", claimants=("NIS", "CSIS"), claim_ids=("nis-killed",))
    assert bl.between(j, [], claims, FIGURES) == ("Killed", [("NIS and CSIS give consistent killed.",
                                                              ("nis-killed",))])


def test_between__a_wholly_borrowed_figure_is_the_borrowers_from_the_lenders_claim(tmp_path):
    # B states no force and borrows A's about 10,000; C's is about 20,000.
    claims = validate(write(tmp_path / "c.csv", [
        row("a-deployed", "deployed", best=10000, claimant="A", as_of="2025-01-10"),
        row("b-rate", "casualty_rate", best=50, claimant="B", as_of="2025-01-12"),
        row("c-deployed", "deployed", best=20000, claimant="C", as_of="2025-01-20")]))
    figures = {"B": {"deployed": Quantity(Interval(10000, 10000, 10000), ("a-deployed",), "borrowed")},
               "C": {"deployed": Quantity(Interval(20000, 20000, 20000), ("c-deployed",), "stated")}}
    j = Judgment("between:deployed:B:C", "between", "deployed", "disagree", claimants=("B", "C"),
                 claim_ids=("a-deployed", "c-deployed"), factor=2.0, higher="C", lower="B")
    assert "".join(t for t, _ in bl.between(j, [], claims, figures)[1]) == (
        "C: about 20,000; B: 10,000 (A’s troops deployed borrowed): at least 2.0 times apart.")


def test_reason__one_source_does_not_agree_with_itself_and_the_grade_range_is_its_ends():
    j = Judgment("k", "hindsight", "killed", "low", basis=dict(independent=1, agree=True))
    assert bl.reason(j) == "1 independent claimant"
    j = Judgment("k", "hindsight", "killed", "borne_out",
                 basis=dict(independent=3, agree=True, grades={"A": "C3", "B": "A2", "C": "B2"}))
    assert bl.reason(j) == "3 independent claimants agree; graded A2 to C3"
    j = Judgment("k", "between", "deployed", "consistent", basis=dict(independent=2, agree=True,
                                                                        rests_on_reading=True))
    assert bl.reason(j) == "2 independent claimants agree; fails under some of our readings"


def test_items__a_hindsight_item_with_its_confidence_and_reason(claims, later):
    j = Judgment("hindsight:casualties:NIS", "hindsight", "casualties", "low", subject="NIS", claimants=("NIS",),
                 claim_ids=("nis-killed", "nis-wounded"), status="implied", evidence=(ev("uk", "UK MoD", "2025-06"),),
                 confidence="moderate", basis=dict(independent=2, agree=True))
    [item] = bl.items([j], [j], claims, later, FIGURES)
    assert (item.key, item.heading, item.confidence, item.reason) == ("hindsight:casualties:NIS", "Casualties",
                                                                      "moderate", "2 independent claimants agree")
    assert item.text() == ("NIS’s (our attribution) implied 3,000 casualties (Jan 2025) looks low: every later figure "
                           "for the same count is higher: UK MoD highly likely at least 6,000 (Jun 2025). Moderate "
                           "confidence: 2 independent claimants agree.")


def dispute(quantity, key=None, **kw):
    """A disagreement between NIS and CSIS (figures: FIGURES, each quantity read as the killed figures)."""
    return Judgment(key or f"between:{quantity}:NIS:CSIS", "between", quantity, "disagree", claimants=("NIS", "CSIS"),
                    claim_ids=("csis-killed", "nis-killed"), factor=3.0, higher="CSIS", lower="NIS", confidence="low",
                    basis=dict(independent=2, agree=False), **kw)


AS_KILLED = {c: {**FIGURES[c], **{q: FIGURES[c]["killed"] for q in ("wounded", "deployed", "casualties")}}
             for c in FIGURES}
KILLED_TEXT = "Seth Jones (CSIS): potentially 1,000; NIS (our attribution): about 300: at least 3.0 times apart"


def test_items__one_item_a_quantity_the_other_pair_counted_the_next_quantity_said(claims, later):
    killed, other = dispute("killed"), dispute("killed", "between:killed:NIS:West")
    ratio = replace(dispute("wounded_per_killed"), factor=2.0, higher="NIS", lower="CSIS")  # 9.0 over at most 4.5
    unrelated = replace(dispute("casualties"), merged_into="between:casualties:X:Y")
    items = bl.items([killed, other, ratio], [killed, other, ratio, unrelated], claims, later, FIGURES)
    assert [i.text() for i in items] == [
        KILLED_TEXT + "; 1 other pair differs too (NIS and CSIS; annex). Low confidence: 2 independent claimants.",
        "NIS (our attribution): 9.0 (implied); Seth Jones (CSIS): at most 4.5 (implied): at least 2.0 times apart. Low "
        "confidence: 2 independent claimants."]


def test_items__the_word_budget__an_item_that_reaches_it_exactly_is_kept(claims, later, monkeypatch):
    # "Killed. NIS and CSIS give consistent killed. Moderate confidence: 2 independent claimants agree.": 13 words;
    # the wounded the same, 13: 26 together.
    def agree(q, claimants=("NIS", "CSIS")):
        return Judgment(f"between:{q}:NIS:CSIS", "between", q, "consistent", claimants=claimants, confidence="moderate",
                        basis=dict(independent=2, agree=True))
    chosen = [agree("killed"), agree("deployed", ("NIS",) * 30), agree("wounded")]
    monkeypatch.setattr(bl, "MAX_WORDS", 26)
    assert [i.key for i in bl.items(chosen, chosen, claims, later, FIGURES)] == ["between:killed:NIS:CSIS",
                                                                                "between:wounded:NIS:CSIS"]
    monkeypatch.setattr(bl, "MAX_WORDS", 25)
    assert [i.key for i in bl.items(chosen, chosen, claims, later, FIGURES)] == ["between:killed:NIS:CSIS"]


def test_items__disputes_past_the_budget__named_in_one_last_item(claims, later, monkeypatch):
    # Each dispute item: 23 words ("Killed, between claimants." 3, the figures and factor 15, "Low confidence: 2
    # independent claimants." 5), 24 with the heading "Troops deployed, between claimants.".
    killed, wounded, deployed, casualties = (dispute(q) for q in ("killed", "wounded", "deployed", "casualties"))
    monkeypatch.setattr(bl, "MAX_WORDS", 30)  # room for the first alone
    items = bl.items([killed, wounded], [killed, wounded], claims, later, AS_KILLED)
    assert [(i.key, i.heading, i.confidence, i.reason) for i in items] == [
        ("between:killed:NIS:CSIS", "Killed, between claimants", "low", "2 independent claimants"),
        ("also", "Also disputed", "", "")]
    assert items[1].text() == "The claimants’ figures differ too on wounded (NIS and CSIS); the annex compares them."
    chosen = [killed, wounded, deployed, casualties]
    items = bl.items(chosen, chosen, claims, later, AS_KILLED)
    assert items[1].text() == ("The claimants’ figures differ too on wounded (NIS and CSIS), troops deployed (NIS and "
                               "CSIS) and casualties (NIS and CSIS); the annex compares them.")
    # Room for two (46 words), not three: the deployed left out, named in the last item (17 words: "Also disputed.
    # The claimants’ figures differ too on troops deployed (NIS and CSIS); the annex compares them."), which with the
    # two is 63, over 50: the wounded make room and join it (22 words; 45 in all).
    monkeypatch.setattr(bl, "MAX_WORDS", 50)
    items = bl.items([killed, wounded, deployed], [killed, wounded, deployed], claims, later, AS_KILLED)
    assert [i.key for i in items] == ["between:killed:NIS:CSIS", "also"]
    assert items[1].text() == ("The claimants’ figures differ too on wounded (NIS and CSIS) and troops deployed (NIS "
                               "and CSIS); the annex compares them.")
    assert bl.word_count(items) == 45
    # With a budget of exactly 63, the two and the last item fit.
    monkeypatch.setattr(bl, "MAX_WORDS", 63)
    items = bl.items([killed, wounded, deployed], [killed, wounded, deployed], claims, later, AS_KILLED)
    assert [i.key for i in items] == ["between:killed:NIS:CSIS", "between:wounded:NIS:CSIS", "also"]
    # Three fit (70 words), the casualties (23) do not; the last item naming them (16 words) would make 86, over 75:
    # the third, the deployed, makes room and joins it (22 words: 68 in all).
    monkeypatch.setattr(bl, "MAX_WORDS", 75)
    chosen = [killed, wounded, deployed, casualties]
    items = bl.items(chosen, chosen, claims, later, AS_KILLED)
    assert [i.key for i in items] == ["between:killed:NIS:CSIS", "between:wounded:NIS:CSIS", "also"]
    assert items[2].text() == ("The claimants’ figures differ too on troops deployed (NIS and CSIS) and casualties "
                               "(NIS and CSIS); the annex compares them.")
    assert bl.word_count(items) == 68


def test_comparisons__each_count_in_the_singular_or_plural():
    def b(verdict, q="killed", **kw):
        return Judgment(f"between:{q}:{verdict}", "between", q, verdict, **kw)
    h = Judgment("hindsight:killed:NIS", "hindsight", "killed", "low")
    assert bl.comparisons([b("disagree"), b("tension"), b("consistent"), h]) == (
        "3 comparisons between claimants: 1 disagrees, 1 overlaps only in part, 1 is consistent.")
    assert bl.comparisons([b("tension"), b("tension", "wounded"), b("consistent"), b("consistent", "wounded")]) == (
        "4 comparisons between claimants: 2 overlap only in part, 2 are consistent.")
    assert bl.comparisons([b("disagree"), b("disagree", "wounded_per_killed", merged_into="between:killed:A:B"),
                           b("disagree", "killed_share_casualties", merged_into="between:killed:A:B")]) == (
        "3 comparisons between claimants: 3 disagree; the 3 disputes are 1 (wounded per killed follows from the killed "
        "figures; killed as a share of casualties follows from the killed figures).")


def test_borrowed__two_borrowed_claims_each_said(tmp_path):
    # B's wounded: its rate (about 50 %) of A's force (about 10,000) less A's killed (about 300): 4,700.
    claims = validate(write(tmp_path / "c.csv", [
        row("a-deployed", "deployed", best=10000, claimant="A", as_of="2025-01-10"),
        row("a-killed", "killed", best=300, claimant="A", as_of="2025-01-10"),
        row("b-rate", "casualty_rate", best=50, claimant="B", as_of="2025-01-12")]))
    later = validate(write(tmp_path / "l.csv", [row("c", "wounded", best=9000, claimant="C", as_of="2025-04-30")]))
    figures = {"B": {"wounded": Quantity(Interval(4700, 4700, 4700), ("a-deployed", "a-killed", "b-rate"),
                                         "borrowed")}}
    j = Judgment("hindsight:wounded:B", "hindsight", "wounded", "low", subject="B", claimants=("B",),
                 claim_ids=("a-deployed", "a-killed", "b-rate"), status="borrowed",
                 evidence=(ev("c", "C", "2025-04-30"),))
    assert "".join(t for t, _ in bl.hindsight(j, claims, later, figures)[1]) == (
        "B’s implied 4,700 wounded (Jan 2025; A’s troops deployed borrowed; A’s killed borrowed) looks low: every "
        "later figure for the same count is higher: C about 9,000 (Apr 2025).")


def test_between__a_disagreement_less_than_1_1_times_apart_is_not_called_1_0_times_apart(claims):
    # 400,000 against 370,000, each exact: 400,000 / 370,000 = 1.08, floored "at least 1.0 times apart", which says
    # nothing; the item says they cannot both be true, and how close they are.
    j = Judgment("between:killed:NIS:CSIS", "between", "killed", "disagree", claimants=("NIS", "CSIS"),
                 claim_ids=("csis-killed", "nis-killed"), factor=400_000 / 370_000, higher="CSIS", lower="NIS")
    text = "".join(t for t, _ in bl.between(j, [], claims, FIGURES)[1])
    assert text.endswith(": they cannot both be true, though less than 1.1 times apart.")
    j = replace(j, factor=1.1)  # 1.1 floors to 1.1: said as a multiple
    assert "".join(t for t, _ in bl.between(j, [], claims, FIGURES)[1]).endswith(": at least 1.1 times apart.")



def test_reason__a_comparison_between_claimants_says_in_how_many_of_our_readings_it_holds():
    # the grid: 5 floors x 3 tolerances x 2 families x 2 weights x 2 correlations x 2 hedge readings = 240 cells;
    # a disagreement that holds in 180 of them says so
    j = Judgment("k", "between", "killed", "disagree", grid_holds=180, grid_cells=240,
                 basis=dict(independent=2, agree=False))
    assert bl.reason(j) == "2 independent claimants; holds in 180 of 240 of our readings"
    # one that rests on a hedge says that instead (the hedge, not the grid, is what it turns on)
    j = Judgment("k", "between", "killed", "disagree", grid_holds=120, grid_cells=240, reading=("potentially",),
                 basis=dict(independent=2, agree=False, rests_on_reading=True))
    assert bl.reason(j) == "2 independent claimants; rests on that reading"
    # a hindsight judgment has no grid, whatever its fields hold
    j = Judgment("k", "hindsight", "killed", "low", grid_holds=1, grid_cells=2, basis=dict(independent=1, agree=True))
    assert bl.reason(j) == "1 independent claimant"


def test_hindsight__a_relay_that_is_the_outlet_read_is_not_named_again(claims, later):
    # NIS's 600 came through Lee Seong-kweun; read at his own outlet, its footnote names him, so the sentence does
    # not add "via Lee Seong-kweun" (the outlet's description after " (" is not part of the name compared)
    j = Judgment("hindsight:killed:NIS", "hindsight", "killed", "low", subject="NIS", claimants=("NIS",),
                 claim_ids=("nis-killed",), status="stated",
                 evidence=(ev("nis-04", "NIS", "2025-04-30"), ev("nis-09", "NIS", "2025-09-02")))
    outlets = {"https://example.org/": "Lee Seong-kweun (member of the National Assembly)"}
    text = "".join(t for t, _ in bl.hindsight(j, claims, later, FIGURES, outlets)[1])
    assert "NIS about 600 (Apr 2025) and about 2,000 (Sep 2025; “war dead” read by us as killed)" in text
    assert "via" not in text


@pytest.mark.parametrize("quantities, words", [
    (("wounded_per_killed", "casualties"), "the wounded per killed and casualties they imply"),
    (("wounded_per_killed", "casualties", "casualty_rate"),
     "the wounded per killed, casualties and casualty rate they imply"),
])
def test_between__several_derived_disputes_are_named_together(claims, quantities, words):
    # killed 1,000 against 300 (900 / 330 = 2.7 times at least); every figure derived from both killed claims differs
    # for that reason, and the sentence names them all, in the engine's order, without their ranges
    j = Judgment("between:killed:NIS:CSIS", "between", "killed", "disagree", claimants=("NIS", "CSIS"),
                 claim_ids=("csis-killed", "nis-killed"), factor=900 / 330, higher="CSIS", lower="NIS")
    merged = [Judgment(f"between:{q}:NIS:CSIS", "between", q, "disagree", claimants=("NIS", "CSIS"),
                       merged_into=j.key) for q in quantities]
    assert "".join(t for t, _ in bl.between(j, merged, claims, FIGURES)[1]) == (
        f"Seth Jones (CSIS): potentially 1,000; NIS (our attribution): about 300: at least 2.7 times apart; {words} "
        "differ for the same reason.")


def test_via__a_relay_is_named_up_to_its_first_comma():
    # The UK's June figure came through "The Independent, quoting the MoD's intelligence update of 15 June 2025"
    # (data/later-reports.csv): the relay is The Independent.
    conduit = "The Independent, quoting the MoD's intelligence update of 15 June 2025"
    assert bl._via({"conduit": conduit, "source_url": "https://example.org/"}, {}) == "via The Independent"


@pytest.fixture
def relayed(tmp_path):
    """Every claim relayed by the outlet it was read in (its conduit names that outlet), but the MoD's figure, which
    the BBC relayed and The Independent printed; two figures of the article's time."""
    claims = validate(write(tmp_path / "c.csv", [
        row("nis-killed", "killed", best=300, as_of="2025-01-13", conduit="Yonhap", source_url="https://yna.example/"),
        row("csis-killed", "killed", best=1000, claimant="CSIS", spokesperson="Seth Jones", as_of="2025-02-04",
            hedge="potentially", quote="potentially 1,000", conduit="CSIS", source_url="https://csis.example/")],
        extra=("hedge",)))
    later = validate(write(tmp_path / "l.csv", [
        row("nis-04", "killed", best=600, as_of="2025-04-30", conduit="The Korea Herald",
            source_url="https://kh.example/"),
        row("west", "killed", best=1000, claimant="Western officials", as_of="2025-01-20", conduit="Reuters",
            source_url="https://reuters.example/"),
        row("mod", "killed", best=900, claimant="UK MoD", as_of="2025-01-21", conduit="BBC",
            source_url="https://independent.example/")]))
    outlets = {"https://yna.example/": "Yonhap (South Korea's news agency)", "https://csis.example/": "CSIS",
               "https://kh.example/": "The Korea Herald", "https://reuters.example/": "Reuters",
               "https://independent.example/": "The Independent"}
    return claims, later, outlets


def test_items__a_relay_that_is_the_outlet_read_is_named_nowhere_in_an_item(relayed):
    # The footnotes name the outlets; so the judged figure, the later figure, the figure of the article's time and
    # both sides of a disagreement carry no "via". Of the two figures of the article's time the first is named, the
    # other counted. 1,000 against 300 read +-10 %: 900 / 330 = 2.72, at least 2.7 times apart.
    claims, later, outlets = relayed
    low = Judgment("hindsight:killed:NIS", "hindsight", "killed", "low", subject="NIS", claimants=("NIS",),
                   claim_ids=("nis-killed",), status="stated", confidence="low",
                   basis=dict(independent=1, agree=True),
                   evidence=(ev("nis-04", "NIS", "2025-04-30"),
                             ev("west", "Western officials", "2025-01-20", when="same_time"),
                             ev("mod", "UK MoD", "2025-01-21", when="same_time")))
    apart = Judgment("between:killed:NIS:CSIS", "between", "killed", "disagree", claimants=("NIS", "CSIS"),
                     claim_ids=("csis-killed", "nis-killed"), factor=900 / 330, higher="CSIS", lower="NIS",
                     confidence="low", basis=dict(independent=2, agree=False))
    items = bl.items([low, apart], [low, apart], claims, later, FIGURES, outlets)
    assert [i.text() for i in items] == [
        "NIS’s about 300 killed (Jan 2025) looks low: every later figure for the same count is higher: NIS about 600 "
        "(Apr 2025). At the same time: Western officials about 1,000 (Jan 2025); 1 more. Low confidence: 1 "
        "independent claimant.",
        "Seth Jones (CSIS): potentially 1,000; NIS: about 300: at least 2.7 times apart. Low confidence: 2 "
        "independent claimants."]
    # The MoD's figure, first of the article's time, was relayed by the BBC, not by the outlet it was read in.
    low = replace(low, evidence=low.evidence[2:])
    assert "".join(t for t, _ in bl.hindsight(low, claims, later, FIGURES, outlets)[1]).endswith(
        "At the same time: UK MoD about 900 (Jan 2025; via BBC).")


def test_between__a_merged_figure_keeps_every_hedge_it_rests_on(tmp_path):
    # CSIS's wounded per killed rest on its hedged killed ("potentially 1,000") and its hedged rate ("could be as
    # high as 50"): both hedges are said, in ledger order.
    claims = validate(write(tmp_path / "c.csv", [
        row("nis-killed", "killed", best=300, as_of="2025-01-13"),
        row("csis-killed", "killed", best=1000, claimant="CSIS", spokesperson="Seth Jones", as_of="2025-02-04",
            hedge="potentially", quote="potentially 1,000"),
        row("csis-rate", "casualty_rate", high=50, claimant="CSIS", spokesperson="Seth Jones", as_of="2025-02-04",
            hedge="could be", quote="could be as high as 50")], extra=("hedge",)))
    figures = {c: dict(FIGURES[c]) for c in FIGURES}
    figures["CSIS"]["wounded_per_killed"] = replace(FIGURES["CSIS"]["wounded_per_killed"],
                                                    claim_ids=("csis-killed", "csis-rate"))
    j = Judgment("between:killed:NIS:CSIS", "between", "killed", "disagree", claimants=("NIS", "CSIS"),
                 claim_ids=("csis-killed", "nis-killed"), factor=900 / 330, higher="CSIS", lower="NIS")
    merged = Judgment("between:wounded_per_killed:NIS:CSIS", "between", "wounded_per_killed", "disagree",
                      claimants=("NIS", "CSIS"), merged_into=j.key)
    assert "".join(t for t, _ in bl.between(j, [merged], claims, figures)[1]) == (
        "Seth Jones (CSIS): potentially 1,000; NIS: about 300: at least 2.7 times apart; the wounded per killed they "
        "imply differ for the same reason (NIS 9.0; CSIS at most 4.5, hedged “potentially”, “could be”).")


def test_items__another_pair_is_named_with_the_derived_disputes_merged_into_it(claims, later):
    # NIS and West disagree on the killed too, and the wounded per killed and casualty rate they imply differ for
    # that reason: the other pair is named with both.
    killed, other = dispute("killed"), dispute("killed", "between:killed:NIS:West")
    other = replace(other, claimants=("NIS", "West"))
    merged = [replace(dispute(q, f"between:{q}:NIS:West"), claimants=("NIS", "West"), merged_into=other.key)
              for q in ("wounded_per_killed", "casualty_rate")]
    items = bl.items([killed, other], [killed, other, *merged], claims, later, FIGURES)
    assert [i.text() for i in items] == [
        KILLED_TEXT + "; 1 other pair differs too (NIS and West, with the wounded per killed and casualty rate they "
        "imply; annex). Low confidence: 2 independent claimants."]


SIX = ("killed", "wounded", "deployed", "casualties", "casualty_rate", "wounded_per_killed")
AS_KILLED_ALL = {c: {q: FIGURES[c]["killed"] for q in SIX + ("killed_share_force",)} for c in FIGURES}


def test_items__at_most_five_items__the_fifth_makes_room_for_the_last(claims, later):
    # Six disputes of 23 to 25 words each: "Killed, between claimants." (3), KILLED_TEXT and "." (15) and "Low
    # confidence: 2 independent claimants." (5); the headings of troops deployed and casualty rate have 4 words,
    # wounded per killed 5: 142 words in all, within 150, but five items at most. The sixth, a dispute, is named in a
    # last item, and the fifth (casualty rate) makes room for it: four items (93 words) and the last (24 words:
    # "Also disputed. The claimants’ figures differ too on casualty rate (NIS and CSIS) and wounded per killed (NIS
    # and CSIS); the annex compares them.").
    chosen = [dispute(q) for q in SIX]
    items = bl.items(chosen, chosen, claims, later, AS_KILLED_ALL)
    assert [i.key for i in items] == ["between:killed:NIS:CSIS", "between:wounded:NIS:CSIS",
                                      "between:deployed:NIS:CSIS", "between:casualties:NIS:CSIS", "also"]
    assert items[-1].text() == ("The claimants’ figures differ too on casualty rate (NIS and CSIS) and wounded per "
                                "killed (NIS and CSIS); the annex compares them.")
    assert bl.word_count(items) == 117


def test_items__left_out_pairs_of_one_quantity_named_together_with_what_they_imply(claims, later, monkeypatch):
    # Room for the wounded (23 words) alone: NIS and CSIS's killed dispute does not fit, NIS and West's is the same
    # quantity's second pair; the wounded per killed merged into the first is named with them.
    wounded, killed = dispute("wounded"), dispute("killed")
    west = replace(dispute("killed", "between:killed:NIS:West"), claimants=("NIS", "West"))
    ratio = replace(dispute("wounded_per_killed"), merged_into=killed.key)
    monkeypatch.setattr(bl, "MAX_WORDS", 30)
    items = bl.items([wounded, killed, west], [wounded, killed, west, ratio], claims, later, AS_KILLED_ALL)
    assert [i.key for i in items] == ["between:wounded:NIS:CSIS", "also"]
    assert items[1].text() == ("The claimants’ figures differ too on killed (NIS and CSIS; NIS and West) and wounded "
                               "per killed (NIS and CSIS); the annex compares them.")


def test_items__the_item_that_makes_room__what_is_merged_into_the_left_out_still_named(claims, later, monkeypatch):
    # Room for 50 words: the killed (23) and the wounded (23) fit; the troops deployed, with the killed as a share of
    # the force merged into it, do not. Naming those two in a last item (25 words) would make 71: the wounded make
    # room and join them, in the order the disputes were chosen, what is merged into them after.
    killed, wounded, deployed = dispute("killed"), dispute("wounded"), dispute("deployed")
    share = replace(dispute("killed_share_force"), merged_into=deployed.key)
    monkeypatch.setattr(bl, "MAX_WORDS", 50)
    items = bl.items([killed, wounded, deployed], [killed, wounded, share, deployed], claims, later, AS_KILLED_ALL)
    assert [i.key for i in items] == ["between:killed:NIS:CSIS", "also"]
    assert items[1].text() == ("The claimants’ figures differ too on wounded (NIS and CSIS), troops deployed (NIS and "
                               "CSIS) and killed as a share of the force (NIS and CSIS); the annex compares them.")


def test_hindsight__figures_of_the_same_scope_speak_before_those_whose_scope_is_not_stated(claims, later):
    # a later figure of the article's scope and one whose scope is not stated: only the first is listed, "for the
    # same count"
    j = Judgment("hindsight:killed:NIS", "hindsight", "killed", "low", subject="NIS", claimants=("NIS",),
                 claim_ids=("nis-killed",), status="stated",
                 evidence=(ev("nis-09", "NIS", "2025-09-02", relation="unknown"), ev("nis-04", "NIS", "2025-04-30")))
    text = "".join(t for t, _ in bl.hindsight(j, claims, later, FIGURES)[1])
    assert text == ("NIS’s (our attribution) about 300 killed (Jan 2025) looks low: every later figure for the same "
                    "count is higher: NIS about 600 (Apr 2025; via Lee Seong-kweun).")
