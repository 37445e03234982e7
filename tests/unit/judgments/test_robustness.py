"""analysis.judgments.robustness on hand-made claims and a small grid: every expected value is worked out by hand
from the rows written here.

The article's killed figures, with our ±10 % on "about" (the default readings): NIS about 300 → 270–330; CSIS
"potentially 1,000" → 900–1,100, so CSIS's is at least 900 / 330 = 2.727… times NIS's: "at least 2.7 times". At
±5 %: 950 / 315 = 3.02 (holds); at ±20 %: 800 / 360 = 2.22 (fails); read as "as high as 1,000" CSIS's figure has no
low end, 0 / 330 = 0 (fails).
"""

import math
from types import SimpleNamespace

import numpy as np
import pytest

from analysis.judgments import robustness
from analysis.judgments.robustness import COLUMNS, Cell, cells
from analysis.ledger.validate import validate
from analysis.uncertainty.derive import allowed_figures
from analysis.uncertainty.distributions import Assumptions
from ledgers import row, write

A = Assumptions()  # uniform, "about" ±10 %, "as high as" floor 0.5, hedges as stated, claims independent
SMALL = dict(upto_floor=(0.5,), approx_tolerance=(0.05, 0.2), distribution=("uniform",), weights=("equal", "unequal"),
             correlation=(0.0,), hedge_reading=("as_stated", "upper_bound"))  # 1 × 2 × 1 × 2 × 1 × 2 = 8 cells
DRAWS = 64  # a power of two: each of a claimant's draws weighs exactly 1/64 of its share of the pool


def ledger(tmp_path, rows, name="claims.csv"):
    """A ledger of these rows, validated (the hedge and error_group columns where a row sets them)."""
    return validate(write(tmp_path / name, rows, extra=("hedge", "error_group")))


def kursk_killed(tmp_path):
    return ledger(tmp_path, [row("nis-killed", "killed", best=300),
                             row("csis-killed", "killed", best=1000, claimant="CSIS", hedge="potentially",
                                 quote="potentially 1,000")])


def rates(tmp_path, a: dict, b: dict):
    """A's and B's casualty rates (percent), as the cells given."""
    return ledger(tmp_path, [row("a-rate", "casualty_rate", claimant="A", **a),
                             row("b-rate", "casualty_rate", claimant="B", **b)])


def specs(claims, base=A, borrow=None):
    return [spec for spec, _ in robustness.judgments(claims, base, borrow)]


def checks_of(claims, base=A, borrow=None):
    return {spec["kind"]: test for spec, test in robustness.judgments(claims, base, borrow)}


def holds(test, figures, cell=None, samples=None):
    """A judgment's test in one cell: a truth value (numpy's or Python's), never None or a number."""
    out = test(cell, figures, {} if samples is None else samples)
    assert isinstance(out, (bool, np.bool_))
    return bool(out)


def draws(**per_claimant):
    """Hand-made samples: {claimant: {"casualty_rate": object with the draws as .value}}."""
    return {c: {"casualty_rate": SimpleNamespace(value=np.array(v, dtype=float))} for c, v in per_claimant.items()}


# cells --------------------------------------------------------------------------------------------------------------

def test_cells__every_combination_of_the_readings_once_in_the_grids_order():
    grid = cells(A, ["A", "B"])
    assert len(grid) == 5 * 3 * 2 * 2 * 2 * 2 == 240
    labels = [tuple(c.label.values()) for c in grid]
    assert len(set(labels)) == 240
    assert list(grid[0].label.items()) == [("upto_floor", 0.0), ("approx_tolerance", 0.05),
                                           ("distribution", "uniform"), ("weights", "equal"), ("correlation", 0.0),
                                           ("hedge_reading", "as_stated")]
    assert grid[1].label["hedge_reading"] == "upper_bound"  # the last reading turns fastest
    assert grid[-1].label == dict(upto_floor=1.0, approx_tolerance=0.2, distribution="lognormal", weights="unequal",
                                  correlation=1.0, hedge_reading="upper_bound")
    assert sum(c.label["upto_floor"] == 0.25 for c in grid) == 240 / 5


def test_cells__each_cell_reads_as_its_label_says_and_keeps_the_other_readings():
    base = Assumptions(distribution="lognormal", approx_tolerance=0.3, upto_floor=0.9, atleast_ceiling=3.0,
                       hedge_reading="exclude", correlation=0.5)
    grid = cells(base, ["A", "B"])
    for c in grid:
        lab = c.label
        assert c.assumptions == Assumptions(distribution=lab["distribution"], approx_tolerance=lab["approx_tolerance"],
                                            upto_floor=lab["upto_floor"], atleast_ceiling=3.0,
                                            hedge_reading=lab["hedge_reading"], correlation=lab["correlation"])
    assert len({c.assumptions for c in grid}) == 240 / 2  # the weights are not a reading of the claims


def test_cells__unequal_weights_double_the_first_claimant_equal_weights_are_none():
    grid = cells(A, ["B", "A"])  # the second claimant given first: it is the one doubled
    assert {c.label["weights"] for c in grid} == {"equal", "unequal"}
    for c in grid:
        assert c.weights == (None if c.label["weights"] == "equal" else {"B": 2.0, "A": 1.0})


# _pooled_percentile -------------------------------------------------------------------------------------------------

def test_pooled_percentile__equal_weights_each_claimant_half_the_mass():
    # A's four draws weigh 1/8 each, B's two 1/4 each. Sorted: 1, 2, 3, 4, 10, 20 with cumulative mass
    # 1/8, 2/8, 3/8, 4/8, 6/8, 1: the q-th percentile is the first value whose cumulative mass reaches q.
    s = {"A": {"x": SimpleNamespace(value=np.array([4.0, 2.0, 3.0, 1.0]))},
         "B": {"x": SimpleNamespace(value=np.array([20.0, 10.0]))}}
    pct = robustness._pooled_percentile
    assert [pct(s, "x", None, q) for q in (0.1, 0.3, 0.5, 0.6, 0.75, 0.95, 1.0)] == [1, 3, 4, 10, 10, 20, 20]
    assert pct(s, "x", {}, 0.5) == 4.0  # no weights: equal


def test_pooled_percentile__weights_share_the_mass():
    # A 3/4, B 1/4: A's draws 3/16 each (cumulative 3/16, 6/16, 9/16, 12/16), B's 1/8 each (14/16, 1)
    s = {"A": {"x": SimpleNamespace(value=np.array([1.0, 2.0, 3.0, 4.0]))},
         "B": {"x": SimpleNamespace(value=np.array([10.0, 20.0]))}}
    pct = robustness._pooled_percentile
    assert [pct(s, "x", {"A": 3.0, "B": 1.0}, q) for q in (0.5, 0.8, 0.9)] == [3, 10, 20]
    # a claimant the weights leave out weighs nothing: A's draws alone
    assert [pct(s, "x", {"A": 1.0}, q) for q in (0.5, 0.95)] == [2, 4]
    assert isinstance(pct(s, "x", None, 0.5), float)


def test_pooled_percentile__a_claimant_without_the_quantity_or_draws_is_left_out():
    s = {"A": {"x": SimpleNamespace(value=np.array([1.0, 2.0]))},
         "B": {"y": SimpleNamespace(value=np.array([50.0]))},   # no x
         "C": {"x": SimpleNamespace(value=np.array([]))}}        # every draw dropped
    pct = robustness._pooled_percentile
    assert pct(s, "x", None, 0.95) == 2.0  # A's alone
    assert pct(s, "x", {"A": 1.0, "C": 1.0}, 0.95) == 2.0
    assert math.isnan(pct(s, "z", None, 0.5))  # no one has z
    assert math.isnan(pct({"C": s["C"]}, "x", None, 0.5))  # no draws at all


def test_pooled_percentile__the_100th_is_the_largest_draw_that_carries_weight():
    # A's ten draws weigh 1/10 each, and ten tenths add up to 0.9999999999999999, not 1: B, weighted 0, has the
    # largest draw, which must not be the pool's top for want of that last bit
    s = {"A": {"x": SimpleNamespace(value=np.arange(1.0, 11.0))}, "B": {"x": SimpleNamespace(value=np.array([99.0]))}}
    assert robustness._pooled_percentile(s, "x", {"A": 1.0, "B": 0.0}, 1.0) == 10.0


# _ratio -------------------------------------------------------------------------------------------------------------

def test_ratio__a_over_b_infinite_over_zero_undefined_for_zero_over_zero():
    assert robustness._ratio(2700, 300) == 9.0
    assert robustness._ratio(0, 300) == 0.0
    assert robustness._ratio(5, 0) == math.inf
    assert robustness._ratio(0.5, 0) == math.inf  # any figure above 0
    assert math.isnan(robustness._ratio(0, 0))


# judgments ----------------------------------------------------------------------------------------------------------

def test_judgments__killed_times__the_higher_at_least_k_times_the_lower(tmp_path):
    claims = kursk_killed(tmp_path)
    assert specs(claims) == [dict(kind="killed_times", hi="CSIS", lo="NIS", k=2.7, hedges=["potentially"])]
    test = checks_of(claims)["killed_times"]
    assert holds(test, allowed_figures(claims, A)) is True  # 900 / 330 = 2.73
    assert holds(test, allowed_figures(claims, Assumptions(approx_tolerance=0.05))) is True  # 950 / 315 = 3.02
    assert holds(test, allowed_figures(claims, Assumptions(approx_tolerance=0.2))) is False  # 800 / 360 = 2.22


def test_judgments__killed_times__same_either_way_round(tmp_path):
    # the higher listed first: still CSIS over NIS, its factor 2.7 rounded down (2.727…, not 2.8)
    claims = ledger(tmp_path, [row("csis-killed", "killed", best=1000, claimant="CSIS"),
                               row("nis-killed", "killed", best=300)])
    assert specs(claims) == [dict(kind="killed_times", hi="CSIS", lo="NIS", k=2.7, hedges=[])]


def test_judgments__killed_times__exactly_k_times_holds(tmp_path):
    # 200 / 100 = 2.0 exactly: "at least 2.0 times" holds at the figures it was read from
    claims = ledger(tmp_path, [row("a", "killed", best=100, bound="exact", claimant="A"),
                               row("b", "killed", best=200, bound="exact", claimant="B")])
    assert specs(claims) == [dict(kind="killed_times", hi="B", lo="A", k=2.0, hedges=[])]
    assert holds(checks_of(claims)["killed_times"], allowed_figures(claims, A)) is True


@pytest.mark.parametrize("low, high, k", [(100, 105, None),   # 1.05 → 1.0: not more than once the other
                                          (100, 150, 1.5),    # 1.5: the least factor said
                                          (0, 5, None),       # 5 / 0: any number of times, no ratio to hold
                                          (0, 0, None)])      # 0 / 0: no ratio
def test_judgments__killed_times__only_a_finite_factor_above_1(tmp_path, low, high, k):
    claims = ledger(tmp_path, [row("a", "killed", best=low, bound="exact", claimant="A"),
                               row("b", "killed", best=high, bound="exact", claimant="B")])
    assert specs(claims) == ([] if k is None else [dict(kind="killed_times", hi="B", lo="A", k=k, hedges=[])])


def test_judgments__killed_times__hedges_of_the_higher_figures_claims_in_ledger_order(tmp_path):
    # B's killed is implied: 2,000 casualties − 1,000 wounded = 1,000, ten times A's 100. Its hedges are those of
    # the two claims it rests on, blank ones left out, each once; A's hedge is not the higher figure's.
    claims = ledger(tmp_path, [
        row("a-killed", "killed", best=100, bound="exact", claimant="A", hedge="reportedly", quote="reportedly 100"),
        row("b-casualties", "casualties", best=2000, bound="exact", claimant="B", hedge="potentially",
            quote="potentially 2,000"),
        row("b-wounded", "wounded", best=1000, bound="exact", claimant="B", hedge="may have",
            quote="may have 1,000")])
    assert specs(claims) == [dict(kind="killed_times", hi="B", lo="A", k=10.0, hedges=["potentially", "may have"])]
    claims.loc[claims["claim_id"] == "b-wounded", "hedge"] = "potentially"
    assert specs(claims)[0]["hedges"] == ["potentially"]
    claims.loc[claims["claim_id"] == "b-wounded", "hedge"] = ""
    assert specs(claims)[0]["hedges"] == ["potentially"]


def test_judgments__killed_times__claims_without_a_hedge_column(tmp_path):
    # a validated ledger always has the column (blank where unhedged); claims built otherwise may not
    claims = ledger(tmp_path, [row("a", "killed", best=100, bound="exact", claimant="A"),
                               row("b", "killed", best=300, bound="exact", claimant="B")]).drop(columns="hedge")
    assert specs(claims) == [dict(kind="killed_times", hi="B", lo="A", k=3.0, hedges=[])]


def test_judgments__rate_within_ceiling__a_closed_rate_against_an_as_high_as(tmp_path):
    # A's 30 % (exact) against B's "as high as 50 %": 30 ≤ 50. Both rates known, A's closed: the pool's median
    # and 95th percentile are judged against A's rate.
    claims = rates(tmp_path, dict(best=30, bound="exact"), dict(high=50))
    assert specs(claims) == [dict(kind="rate_within_ceiling", x="A", y="B"),
                             dict(kind="pooled_median_within", c="A"), dict(kind="pooled_band_above", c="A")]
    assert holds(checks_of(claims)["rate_within_ceiling"], allowed_figures(claims, A)) is True
    # the other way round: B's closed rate within A's ceiling
    claims = rates(tmp_path, dict(high=50), dict(best=30, bound="exact"))
    assert specs(claims) == [dict(kind="rate_within_ceiling", x="B", y="A"),
                             dict(kind="pooled_median_within", c="B"), dict(kind="pooled_band_above", c="B")]


@pytest.mark.parametrize("rate, held", [(50, True), (60, False)])  # 50 ≤ 50 holds; 60 lies above the ceiling
def test_judgments__rate_within_ceiling__at_and_above_the_ceiling(tmp_path, rate, held):
    claims = rates(tmp_path, dict(best=rate, bound="exact"), dict(high=50))
    assert holds(checks_of(claims)["rate_within_ceiling"], allowed_figures(claims, A)) is held


def test_judgments__two_ceilings__nothing_to_judge(tmp_path):
    # "as high as 40 %" against "as high as 50 %": neither puts a rate forward; no closed rate to pool against
    assert specs(rates(tmp_path, dict(high=40), dict(high=50))) == []


def test_judgments__two_closed_rates__the_pool_judged_against_the_first(tmp_path):
    claims = rates(tmp_path, dict(low=20, high=40), dict(best=30, bound="exact"))
    assert specs(claims) == [dict(kind="pooled_median_within", c="A"), dict(kind="pooled_band_above", c="A")]


def test_judgments__pool_only_where_every_claimant_has_a_rate(tmp_path):
    claims = ledger(tmp_path, [row("a-rate", "casualty_rate", best=30, bound="exact", claimant="A"),
                               row("b-killed", "killed", best=300, bound="exact", claimant="B")])
    assert specs(claims) == []


def test_judgments__one_claimant__no_judgment(tmp_path):
    claims = ledger(tmp_path, [row("a-rate", "casualty_rate", best=30, bound="exact", claimant="A"),
                               row("a-killed", "killed", best=300, bound="exact", claimant="A")])
    assert specs(claims) == []


def test_judgments__pooled__median_within_and_band_above_the_closed_rate(tmp_path):
    claims = rates(tmp_path, dict(low=20, high=40), dict(high=50))
    t, f = checks_of(claims), allowed_figures(claims, A)

    def within(cell, s):
        return holds(t["pooled_median_within"], f, cell, s)

    def above(cell, s):
        return holds(t["pooled_band_above"], f, cell, s)

    equal, a_only, b_heavy = Cell(A, None, {}), Cell(A, {"A": 1.0, "B": 0.0}, {}), Cell(A, {"A": 1.0, "B": 3.0}, {})
    s = draws(A=[30, 30, 30, 30], B=[10, 20, 44, 48])
    # equal: 10, 20 (1/8, 2/8), 30 × 4 (3/8 … 6/8), 44 (7/8), 48 (1): median 30 within 20–40; 95th 48 above 40
    assert (within(equal, s), above(equal, s)) == (True, True)
    # A alone: median and 95th percentile 30
    assert (within(a_only, s), above(a_only, s)) == (True, False)
    # B 3/4: 10, 20 (3/16, 6/16), 30 × 4 (7/16 … 10/16), 44, 48: median 30, 95th 48
    assert above(b_heavy, s) is True
    s = draws(A=[30, 30, 30, 30], B=[44, 44, 48, 48])
    # B 3/4: A's 30s reach 4/16, then 44 (7/16, 10/16): median 44, outside 20–40
    assert within(b_heavy, s) is False
    # exactly at A's top, 40, is within and not above it
    s = draws(A=[40, 40], B=[40, 40])
    assert (within(equal, s), above(equal, s)) == (True, False)


def test_judgments__ratios_conflict__disjoint_wounded_per_killed(tmp_path):
    # A: 900 / 100 = 9 wounded per killed; B: 300 / 100 = 3: they cannot both be true
    rows = [row("a-killed", "killed", best=100, bound="exact", claimant="A"),
            row("a-wounded", "wounded", best=900, bound="exact", claimant="A"),
            row("b-killed", "killed", best=100, bound="exact", claimant="B"),
            row("b-wounded", "wounded", best=300, bound="exact", claimant="B")]
    claims = ledger(tmp_path, rows)
    assert specs(claims) == [dict(kind="ratios_conflict", a="A", b="B")]  # killed 100 and 100: no factor
    assert holds(checks_of(claims)["ratios_conflict"], allowed_figures(claims, A)) is True
    # B 900 / 100 = 9 too: consistent, no conflict
    rows[3] = row("b-wounded", "wounded", best=900, bound="exact", claimant="B")
    claims = ledger(tmp_path, rows)
    assert holds(checks_of(claims)["ratios_conflict"], allowed_figures(claims, A)) is False


# _safe --------------------------------------------------------------------------------------------------------------

def test_safe__the_tests_answer_as_a_bool_false_where_a_figure_is_missing():
    seen = []
    assert robustness._safe(lambda c, f, s: seen.append((c, f, s)) or 1, "cell", "figs", "samples") is True
    assert seen == [("cell", "figs", "samples")]
    assert robustness._safe(lambda c, f, s: np.bool_(False), None, {}, {}) is False
    assert robustness._safe(lambda c, f, s: f["A"]["killed"], None, {"A": {}}, {}) is False  # KeyError
    with pytest.raises(ZeroDivisionError):  # any other error is a defect, not a missing figure
        robustness._safe(lambda c, f, s: 1 / 0, None, {}, {})


# _flips -------------------------------------------------------------------------------------------------------------

GRID_CELLS = cells(A, ["A", "B"])


def held_where(predicate):
    return np.array([predicate(c.label) for c in GRID_CELLS])


def test_flips__never_fails__nothing():
    assert robustness._flips(GRID_CELLS, held_where(lambda lab: True)) == ()


def test_flips__always_fails__every():
    assert robustness._flips(GRID_CELLS, held_where(lambda lab: False)) == ("every",)


def test_flips__the_values_that_fail_in_every_cell_that_has_them():
    # fails at ±20 % and wherever hedges are read as upper ends; every other value has a cell where it holds
    held = held_where(lambda lab: lab["approx_tolerance"] != 0.2 and lab["hedge_reading"] != "upper_bound")
    assert robustness._flips(GRID_CELLS, held) == ("with", (("approx_tolerance", (0.2,)),
                                                            ("hedge_reading", ("upper_bound",))))
    held = held_where(lambda lab: lab["upto_floor"] >= 0.5)  # floors 0 and 0.25, in the grid's order
    assert robustness._flips(GRID_CELLS, held) == ("with", (("upto_floor", (0.0, 0.25)),))


def test_flips__else_the_two_readings_under_which_it_fails_most_often():
    # fails only where the floor is 0 and "about" is ±20 %: 16 of the 48 cells with floor 0 (1/3), 16 of the 80
    # with ±20 % (1/5), 16 of 120 with each value of the four two-valued readings (2/15); 0 elsewhere
    held = held_where(lambda lab: not (lab["upto_floor"] == 0.0 and lab["approx_tolerance"] == 0.2))
    assert robustness._flips(GRID_CELLS, held) == ("most", (("upto_floor", 0.0, 1 / 3), ("approx_tolerance", 0.2, 0.2)))


def test_flips__equal_rates_in_the_grids_order():
    # fails where lognormal and unequal weights meet: 60 of the 120 cells of each (1/2); the distribution is
    # listed before the weights in the grid, so it comes first
    held = held_where(lambda lab: not (lab["distribution"] == "lognormal" and lab["weights"] == "unequal"))
    assert robustness._flips(GRID_CELLS, held) == ("most", (("distribution", "lognormal", 0.5),
                                                            ("weights", "unequal", 0.5)))


# evaluate -----------------------------------------------------------------------------------------------------------

@pytest.fixture
def small_grid(monkeypatch):
    monkeypatch.setattr(robustness, "GRID", SMALL)


def as_rows(table):
    return table.to_dict("records")


def test_evaluate__killed_times_over_a_small_grid(tmp_path, small_grid):
    # holds at ±5 % with hedges as stated (equal and unequal weights: 2 cells); fails at ±20 % and as "up to"
    table = robustness.evaluate(kursk_killed(tmp_path), A, draws=DRAWS)
    assert list(table.columns) == COLUMNS
    assert as_rows(table) == [dict(judgment=dict(kind="killed_times", hi="CSIS", lo="NIS", k=2.7,
                                                 hedges=["potentially"]),
                                   held=True, holds=2, cells=8, share=0.25,
                                   flips=("with", (("approx_tolerance", (0.2,)), ("hedge_reading", ("upper_bound",)))))]


def test_evaluate__killed_times_over_the_whole_grid(tmp_path):
    # as above in each of the 2 × 2 × 2 × 5 = 40 cells of every (tolerance, hedge reading): 2 of the 6 pairs hold
    r = as_rows(robustness.evaluate(kursk_killed(tmp_path), A, draws=16))[0]
    assert (r["held"], r["holds"], r["cells"], r["share"]) == (True, 80, 240, 1 / 3)
    assert r["flips"] == ("with", (("approx_tolerance", (0.2,)), ("hedge_reading", ("upper_bound",))))


def test_evaluate__holds_counts_the_cells_that_agree_with_the_briefs_own_reading(tmp_path, small_grid):
    # 60 % against "as high as 50 %": fails under every reading (exact figures), the brief's own among them
    claims = rates(tmp_path, dict(best=60, bound="exact"), dict(high=50))
    r = as_rows(robustness.evaluate(claims, A, draws=DRAWS))[0]
    assert (r["judgment"]["kind"], r["held"], r["holds"], r["share"], r["flips"]) == (
        "rate_within_ceiling", False, 8, 1.0, ())


def test_evaluate__the_briefs_own_weights_read_its_own_verdict(tmp_path, small_grid):
    # A 30 % (exact), B "as high as 50 %", drawn from 25 to 50 (floor 0.5). Equal weights: B's half of the pool
    # puts its 95th percentile above 30; A 2/3 (unequal): the top 5 % of the pool is B's top 15 %, above 30. With the
    # brief's weights all on A the pool is A's 30 alone: not above, so no cell of the grid agrees with it.
    # Its median is 30 in every cell: A's 30s carry at least half the mass and some of B's 64 draws lie below.
    claims = rates(tmp_path, dict(best=30, bound="exact"), dict(high=50))
    rows = as_rows(robustness.evaluate(claims, A, weights={"A": 1.0, "B": 0.0}, draws=DRAWS))
    assert [(r["judgment"]["kind"], r["held"], r["holds"], r["flips"]) for r in rows] == [
        ("rate_within_ceiling", True, 8, ()), ("pooled_median_within", True, 8, ()),
        ("pooled_band_above", False, 0, ("every",))]
    rows = as_rows(robustness.evaluate(claims, A, draws=DRAWS))
    assert [(r["held"], r["holds"]) for r in rows] == [(True, 8)] * 3


@pytest.mark.parametrize("weights", [{"C": 1.0}, {"A": 0.0, "B": 0.0, "C": 1.0}])
def test_evaluate__the_briefs_weights_leave_the_first_two_out__no_pool_to_judge(tmp_path, small_grid, weights):
    # the brief's pool is C's alone: A and B, the claimants judged, make no pool under its readings (it crashed,
    # blaming valid weights). A's 30 % within B's "as high as 50 %" is still judged.
    claims = ledger(tmp_path, [row("a-rate", "casualty_rate", best=30, bound="exact", claimant="A"),
                               row("b-rate", "casualty_rate", high=50, claimant="B"),
                               row("c-rate", "casualty_rate", best=20, bound="exact", claimant="C")])
    rows = as_rows(robustness.evaluate(claims, A, weights=weights, draws=DRAWS))
    assert [(r["judgment"], r["held"], r["holds"]) for r in rows] == [
        (dict(kind="rate_within_ceiling", x="A", y="B"), True, 8)]


def test_evaluate__no_judgment__an_empty_table(tmp_path):
    claims = ledger(tmp_path, [row("a-rate", "casualty_rate", best=30, bound="exact", claimant="A")])
    table = robustness.evaluate(claims, A, draws=DRAWS)
    assert table.empty and list(table.columns) == COLUMNS


def test_evaluate__the_judgment_made_as_the_brief_reads_the_hedges(tmp_path):
    # with hedges read as upper ends, "potentially 1,000" is "as high as 1,000": no least factor over NIS's 300
    table = robustness.evaluate(kursk_killed(tmp_path), Assumptions(hedge_reading="upper_bound"), draws=DRAWS)
    assert table.empty and list(table.columns) == COLUMNS


def test_evaluate__between_the_first_two_claimants_with_their_lenders_claims(tmp_path, small_grid):
    # C (third) is left out: A's killed 100 against B's 300 only (3.0), not against C's 1,000 (10.0)
    claims = ledger(tmp_path, [row("a", "killed", best=100, bound="exact", claimant="A"),
                               row("b", "killed", best=300, bound="exact", claimant="B"),
                               row("c", "killed", best=1000, bound="exact", claimant="C")])
    rows = as_rows(robustness.evaluate(claims, A, draws=DRAWS))
    assert [r["judgment"] for r in rows] == [dict(kind="killed_times", hi="B", lo="A", k=3.0, hedges=[])]
    assert (rows[0]["holds"], rows[0]["flips"]) == (8, ())  # exact figures: every reading agrees
    # B states its wounded only and borrows C's killed (100): 300 / 100 = 3 wounded per killed against A's
    # 900 / 100 = 9. C's claims stay for the borrowing, though C is third.
    claims = ledger(tmp_path, [row("a-killed", "killed", best=100, bound="exact", claimant="A"),
                               row("a-wounded", "wounded", best=900, bound="exact", claimant="A"),
                               row("b-wounded", "wounded", best=300, bound="exact", claimant="B"),
                               row("c-killed", "killed", best=100, bound="exact", claimant="C")])
    rows = as_rows(robustness.evaluate(claims, A, borrow={"killed": "C"}, draws=DRAWS))
    assert [(r["judgment"], r["held"], r["holds"]) for r in rows] == [
        (dict(kind="ratios_conflict", a="A", b="B"), True, 8)]


def test_evaluate__a_lender_beyond_the_first_two_is_neither_judged_nor_pooled(tmp_path, small_grid):
    # A's 30 % against B's "as high as 50 %"; both borrow C's killed (C is third). C's 90 % is no one's to judge:
    # no "C's rate within B's ceiling", and C's draws stay out of the pool. The pool of A's 30s and B's draws from
    # 25 to 50 (floor 0.5): the median is 30 (A's half of the mass and the fifth of B's below 30), within A's 30;
    # the 95th percentile lies among B's highest, above 30; both in every cell. (With C's 90s a third of the pool,
    # the median would be one of B's draws above 30.)
    claims = ledger(tmp_path, [row("a-rate", "casualty_rate", best=30, bound="exact", claimant="A"),
                               row("b-rate", "casualty_rate", high=50, claimant="B"),
                               row("c-rate", "casualty_rate", best=90, bound="exact", claimant="C"),
                               row("c-killed", "killed", best=100, bound="exact", claimant="C")])
    rows = as_rows(robustness.evaluate(claims, A, borrow={"killed": "C"}, draws=DRAWS))
    assert [(r["judgment"], r["held"], r["holds"]) for r in rows] == [
        (dict(kind="rate_within_ceiling", x="A", y="B"), True, 8), (dict(kind="pooled_median_within", c="A"), True, 8),
        (dict(kind="pooled_band_above", c="A"), True, 8)]


def test_evaluate__the_pool_draws_borrowed_figures_too(tmp_path, small_grid):
    # A: 30 % of 10,000 deployed. B: 1,000 killed and 4,000 wounded of A's 10,000 (borrowed): 50 %. Both exact, so
    # every cell draws the same: the pool is A's 64 draws of 30 and B's 64 of 50. Equal weights: A's carry exactly
    # half the mass (64 × 1/128), so the median is 30, within A's 30; unequal (A 2/3): 30 too. The 95th
    # percentile is B's 50, above 30, in every cell.
    claims = ledger(tmp_path, [row("a-deployed", "deployed", best=10000, bound="exact", claimant="A"),
                               row("a-rate", "casualty_rate", best=30, bound="exact", claimant="A"),
                               row("b-killed", "killed", best=1000, bound="exact", claimant="B"),
                               row("b-wounded", "wounded", best=4000, bound="exact", claimant="B")])
    rows = as_rows(robustness.evaluate(claims, A, borrow={"deployed": "A"}, draws=DRAWS))
    assert [(r["judgment"], r["held"], r["holds"]) for r in rows] == [
        (dict(kind="pooled_median_within", c="A"), True, 8), (dict(kind="pooled_band_above", c="A"), True, 8)]


# dependence ---------------------------------------------------------------------------------------------------------

# NIS about 300 killed and about 2,700 wounded from one briefing (±10 %: 270–330 and 2,430–2,970, uniform).
# Sharing one error, every draw is (2,430 + 540u) / (270 + 60u) = 9 wounded per killed and 10 % of casualties
# killed. Independent, R = W / K has P(R ≤ r) = (r (330² − K0²) / 2 − 2,430 (330 − K0)) / (540 × 60) with
# K0 = 2,430 / r (r ≤ 9), which is 0.05 at r = 7.847, and P(R ≥ r) = (2,970 (K1 − 270) − r (K1² − 270²) / 2) /
# (540 × 60) with K1 = 2,970 / r (r ≥ 9), 0.05 at r = 10.323. Killed as a share of casualties is 100 / (1 + R):
# from 100 / 11.323 = 8.832 % to 100 / 8.847 = 11.304 %.
BRIEFING = [row("nis-killed", "killed", best=300, error_group="nis-2025-01-13"),
            row("nis-wounded", "wounded", best=2700, error_group="nis-2025-01-13")]
COLS = ["claimant", "quantity", "p5", "p95", "value"]


def test_dependence__a_band_that_exists_only_under_independence(tmp_path):
    d = robustness.dependence(ledger(tmp_path, BRIEFING), A, draws=20_000)
    assert list(d.columns) == COLS
    assert d[["claimant", "quantity"]].values.tolist() == [["NIS", "wounded_per_killed"],
                                                           ["NIS", "killed_share_casualties"]]
    assert d["value"].tolist() == pytest.approx([9.0, 10.0])
    assert d["p5"].tolist() == pytest.approx([7.847, 8.832], abs=0.03)
    assert d["p95"].tolist() == pytest.approx([10.323, 11.304], abs=0.03)


def test_dependence__whatever_the_briefs_own_correlation(tmp_path):
    # independent against fully correlated, though the brief itself reads the briefing as sharing its error
    d = robustness.dependence(ledger(tmp_path, BRIEFING), Assumptions(correlation=1.0), draws=20_000)
    assert d["p5"].tolist() == pytest.approx([7.847, 8.832], abs=0.03)


def test_dependence__a_large_ratio_collapses_though_its_last_digits_differ(tmp_path):
    # about 1 killed and about 1,000,000 wounded, one error: 1,000,000 wounded per killed in every draw, up to
    # rounding in the last digits (about 1e-10 apart): the tolerance is relative to the ratio. Killed as a share of
    # casualties: 100 × 1 / 1,000,001 %.
    claims = ledger(tmp_path, [row("k", "killed", best=1, error_group="g"),
                               row("w", "wounded", best=1_000_000, error_group="g")])
    d = robustness.dependence(claims, A, draws=2_000)
    assert d["quantity"].tolist() == ["wounded_per_killed", "killed_share_casualties"]
    assert d["value"].tolist() == pytest.approx([1_000_000, 100 / 1_000_001])


def test_dependence__a_borrowed_figure_shares_its_lenders_error(tmp_path):
    # B's wounded and A's killed from one briefing; B borrows A's killed: B's ratios collapse; A has no wounded
    claims = ledger(tmp_path, [row("a-killed", "killed", best=300, claimant="A", error_group="g"),
                               row("b-wounded", "wounded", best=2700, claimant="B", error_group="g")])
    d = robustness.dependence(claims, A, borrow={"killed": "A"}, draws=2_000)
    assert d[["claimant", "quantity", "value"]].values.tolist() == [["B", "wounded_per_killed", pytest.approx(9.0)],
                                                                    ["B", "killed_share_casualties",
                                                                     pytest.approx(10.0)]]
    assert robustness.dependence(claims, A, draws=2_000).empty  # without the borrowing B has no ratio


def test_dependence__claims_without_an_error_group_column(tmp_path):
    # a validated ledger always has the column (blank where no group); claims built otherwise may not
    d = robustness.dependence(ledger(tmp_path, BRIEFING).drop(columns="error_group"), A, draws=2_000)
    assert d.empty and list(d.columns) == COLS


@pytest.mark.parametrize("rows", [
    [row("k", "killed", best=300), row("w", "wounded", best=2700)],                 # the column blank
    [row("k", "killed", best=300, error_group="a"), row("w", "wounded", best=2700, error_group="b")],  # two groups
    [row("k", "killed", best=300, bound="exact", error_group="g"),                   # exact: no band either way
     row("w", "wounded", best=2700, bound="exact", error_group="g")],
    [row("k", "killed", best=300, error_group="g")],                                 # no ratio to draw
    [row("k", "killed", best=500, bound="exact", error_group="g", as_of="2025-01"),  # every draw breaks killed ≤
     row("c", "casualties", best=300, bound="exact", error_group="g", as_of="2025-02")],  # casualties: none left
], ids=["blank", "two-groups", "exact", "killed-only", "all-dropped"])
def test_dependence__nothing_collapses(tmp_path, rows):
    d = robustness.dependence(ledger(tmp_path, rows), A, draws=2_000)
    assert d.empty and list(d.columns) == COLS
