"""Issue 9: say exactly what each source claimed. Expected values are worked out by hand from the article:
NIS (attribution ours): 10,000–11,000 deployed, about 300 killed, about 2,700 wounded.
CSIS (Seth Jones): casualty rates "could be as high as 50%", "potentially 1,000" killed, "around 11,000" deployed.
"""

import io
import json
import math

import numpy as np
import pandas as pd
import pytest

from analysis.uncertainty import bands
from analysis.judgments import consistency
from analysis.wording import sentences as wording
from analysis.uncertainty.derive import allowed_figures, stated_figures
from analysis.uncertainty.distributions import STATED, Assumptions, allowed_interval, claim_interval, read_hedges, stated_interval
from analysis.ledger.validate import validate
from analysis.uncertainty.montecarlo import simulate
from analysis.ledger.selection import select

approx = pytest.approx
HEADER = ("claim_id,metric,low,best,high,unit,bound,claimant,spokesperson,conduit,published,as_of,source_url,quote,"
          "notes\n")


def ledger_of(tmp_path, rows: str, extra_header: str = "") -> pd.DataFrame:
    """A small inline ledger, validated like the real one."""
    path = tmp_path / "ledger.csv"
    header = HEADER.rstrip("\n") + (("," + extra_header) if extra_header else "") + "\n"
    path.write_text(header + rows, encoding="utf-8")
    return validate(path)


@pytest.fixture(scope="module")
def claims(ledger):
    return select(ledger)


def row(claims, claim_id):
    return claims.set_index("claim_id").loc[claim_id]


# 1. An open-ended bound is never a figure the source put forward -------------------------------------------------

def test_stated_interval__up_to__has_no_low_end_and_no_point(claims):
    v = stated_interval(row(claims, "csis-casualty-rate"))
    assert v.high == 50 and v.point is None and v.open_low and not v.open_high


def test_flags__casualty_rate_casualties_wounded__are_consistent_with_csis_bound(claims):
    # NIS (with ±10 %): rate 2,700/11,000–3,300/10,000 = 24.5–33.0 %, within "as high as 50 %"; casualties
    # 2,700–3,300 within 50 % × 12,100 = 6,050; wounded 2,430–2,970 within 6,050 − 900 = 5,150.
    figs = allowed_figures(claims, Assumptions())
    f = consistency.flags(figs).set_index("quantity")
    for q in ("casualty_rate", "casualties", "wounded"):
        assert f.loc[q, "verdict"] == "consistent"
        assert f.loc[q, "bound_of"] == "CSIS"
    assert figs["CSIS"]["casualties"].value.high == approx(6050)
    assert figs["CSIS"]["wounded"].value.high == approx(5150)


def test_flags__killed__disagreement_at_least_2_7_times(claims):
    # CSIS ≥ 1,000 × 0.9 = 900; NIS ≤ 300 × 1.1 = 330; 900 / 330 = 2.727…
    f = consistency.flags(allowed_figures(claims, Assumptions())).set_index("quantity")
    assert f.loc["killed", "verdict"] == "disagreement"
    assert f.loc["killed", "factor"] == approx(900 / 330)
    assert (f.loc["killed", "higher"], f.loc["killed", "lower"]) == ("CSIS", "NIS")


def test_verdict__contradiction__when_stated_and_implied_cannot_both_be_true(tmp_path):
    led = ledger_of(tmp_path, (
        "a-k,killed,,100,,persons,exact,A,,,,,https://e.org/,100 killed,\n"
        "a-w,wounded,,900,,persons,exact,A,,,,,https://e.org/,900 wounded,\n"
        "b-c,casualties,,5000,,persons,exact,B,,,,,https://e.org/,5000 casualties,\n"))
    # A implies 100 + 900 = 1,000 casualties; B states 5,000: an implied figure against a stated one.
    f = consistency.flags(stated_figures(select(led))).set_index("quantity")
    assert f.loc["casualties", "verdict"] == "contradiction"
    assert f.loc["casualties", "factor"] == approx(5.0)


def test_sentence__within_bound__names_the_bound(claims):
    figs = allowed_figures(claims, Assumptions())
    f = consistency.flags(figs)
    r = f[f["quantity"] == "casualty_rate"].iloc[0]
    text = wording.comparison(r, figs, "percent")
    assert "within CSIS’s upper bound of 50%" in text and "outside" not in text


# 2. Stated figures hold no assumption of ours; the user's readings are honoured everywhere ---------------------------

def test_stated_figures__csis_rate_and_casualties__are_bounds(claims):
    csis = stated_figures(claims)["CSIS"]
    rate, cas = csis["casualty_rate"].value, csis["casualties"].value
    assert (rate.open_low, rate.point, rate.high) == (True, None, 50)
    assert (cas.open_low, cas.point, cas.high) == (True, None, approx(5500))  # 50 % × 11,000
    assert csis["wounded"].value.high == approx(4500) and csis["wounded"].value.open_low  # 5,500 − 1,000


@pytest.mark.parametrize("floor, p5", [(0.5, 25 + 0.05 * 25), (0.8, 40 + 0.05 * 10), (0.25, 12.5 + 0.05 * 37.5)])
def test_bands__upto_floor__is_honoured(claims, floor, p5):
    # the CSIS rate is read as uniform on [floor × 50, 50]: its 5th percentile is floor·50 + 5 % of the width
    b = bands.summarise(claims, Assumptions(upto_floor=floor), draws=100_000, seed=3)
    assert b["CSIS"]["casualty_rate"].percentiles()["p5"] == approx(p5, abs=0.15)


def test_claim_interval__atleast_ceiling__is_honoured():
    r = dict(low=200.0, best=float("nan"), high=float("nan"), bound="at_least", unit="persons")
    assert (claim_interval(r, Assumptions(atleast_ceiling=3.0)).high) == 600
    assert allowed_interval(r).open_high and math.isinf(allowed_interval(r).high)


# 3. Hedges are kept --------------------------------------------------------------------------------------------------

def test_ledger__hedges_recorded(ledger):
    h = dict(zip(ledger["claim_id"], ledger["hedge"]))
    assert h["csis-killed"] == "potentially" and h["csis-casualty-rate"] == "could be" and h["nis-killed"] == ""


def test_claim_figure__hedge_replaces_about(claims):
    assert wording.claim_figure(row(claims, "csis-killed")) == "potentially 1,000"
    assert wording.claim_figure(row(claims, "csis-casualty-rate")) == "could be as high as 50%"
    assert wording.claim_figure(row(claims, "nis-killed")) == "about 300"


def test_read_hedges__upper_bound__reads_potentially_1000_as_a_ceiling(claims):
    read = read_hedges(claims, "upper_bound").set_index("claim_id")
    assert read.loc["csis-killed", "bound"] == "up_to" and read.loc["csis-killed", "high"] == 1000
    assert read.loc["nis-killed", "bound"] == "approximate"  # unhedged claims unchanged
    # read as "up to 1,000", CSIS's killed no longer contradicts NIS's 270–330
    f = consistency.flags(allowed_figures(read.reset_index(), Assumptions())).set_index("quantity")
    assert f.loc["killed", "verdict"] == "consistent"


def test_read_hedges__exclude__drops_hedged_claims(claims):
    read = read_hedges(claims, "exclude")
    assert set(read["claim_id"]) == {"nis-deployed", "nis-killed", "nis-wounded", "csis-deployed"}


def test_ledger__hedge_not_in_quote__refused(tmp_path):
    from analysis.errors import LedgerError

    with pytest.raises(LedgerError, match="column 'hedge': 'maybe' does not appear in the quote"):
        ledger_of(tmp_path, "a,killed,,10,,persons,exact,A,,,,,https://e.org/,10 killed,,maybe\n", "hedge")


# 4. Attribution: ours where the source does not make it -------------------------------------------------------------

def test_stated_sentence__inferred_attribution_says_so(claims):
    outlets = {"https://www.channelnewsasia.com/world/ukraine-russia-war-north-korean-soldiers-killed-fighting-4853646":
               "CNA (channelnewsasia.com)"}
    text = wording.stated(dict(row(claims, "nis-killed")), outlets)
    assert text == "about 300 killed reported (attributed to NIS by us, after CNA; the source names no claimant)"


def test_stated_sentence__person_estimated(claims):
    assert wording.stated(dict(row(claims, "csis-killed")), {}) == "Seth Jones (CSIS) estimated potentially 1,000 killed"


def test_ledger__inferred_without_source__refused(tmp_path):
    from analysis.errors import LedgerError

    with pytest.raises(LedgerError, match="column 'attributed_by': is required when attribution is 'inferred'"):
        ledger_of(tmp_path, "a,killed,,10,,persons,exact,A,,,,,https://e.org/,10 killed,,inferred,\n",
                  "attribution,attributed_by")


# 5. Derived numbers are implications, with every input in the footnote ----------------------------------------------

def test_implied__csis_casualties__footnotes_both_inputs(claims):
    q = stated_figures(claims)["CSIS"]["casualties"]
    assert q.status == "implied" and q.claim_ids == ("csis-casualty-rate", "csis-deployed")


def test_implied_sentence__keeps_hedges():
    rows = pd.DataFrame([dict(claimant="CSIS", spokesperson="Seth Jones", hedge="could be", attribution="stated",
                              attributed_by="")])
    assert wording.implied(rows, "at most 5,500", {}) == ("the figures of Seth Jones (CSIS), hedged “could be”, imply "
                                                          "at most 5,500")


# 6. No input counted twice -------------------------------------------------------------------------------------------

def test_intervals__killed_share_of_casualties__counts_killed_once(tmp_path):
    # killed 200–400, wounded 1,000–3,000: k/(k+w) is least at 200/3,200 = 6.25 % and greatest at 400/1,400 = 28.57 %.
    # Naive interval arithmetic gives 200/3,400 = 5.9 % to 400/1,200 = 33.3 %.
    led = ledger_of(tmp_path, (
        "k,killed,200,,400,persons,range,A,,,,,https://e.org/,200 to 400,\n"
        "w,wounded,1000,,3000,persons,range,A,,,,,https://e.org/,1000 to 3000,\n"))
    v = stated_figures(select(led))["A"]["killed_share_casualties"].value
    assert (v.low, v.high) == (approx(6.25), approx(100 * 400 / 1400))


def test_intervals__killed_from_casualties_minus_wounded__stays_within_100_percent(tmp_path):
    # casualties 1,000–2,000 and wounded 800–1,500 give killed = c − w; killed ÷ casualties = 1 − w/c is greatest
    # at c = 2,000, w = 800: 60 %, least where w ≥ c: 0. Naive: killed 0–1,200 over casualties 1,000–2,000 → 0–120 %.
    led = ledger_of(tmp_path, (
        "c,casualties,1000,,2000,persons,range,A,,,,,https://e.org/,1000 to 2000,\n"
        "w,wounded,800,,1500,persons,range,A,,,,,https://e.org/,800 to 1500,\n"))
    figs = stated_figures(select(led))["A"]
    assert figs["killed"].value.high == approx(1200) and figs["killed"].value.low == 0
    assert (figs["killed_share_casualties"].value.low, figs["killed_share_casualties"].value.high) == (0, approx(60))


# 7. One claimant's tail does not ruin another's band ---------------------------------------------------------------

def test_bands__nis_share__exact_whatever_csis_does(claims):
    a = Assumptions(upto_floor=0.0)
    draws = 100_000
    exact = simulate(claims, a, draws, 11)["NIS"]["killed_share_casualties"].value
    b = bands.summarise(claims, a, draws, 11)["NIS"]["killed_share_casualties"].percentiles()
    want = np.percentile(exact, [5, 25, 50, 75, 95])
    width = exact.max() - exact.min()
    for got, w in zip([b[f"p{p}"] for p in (5, 25, 50, 75, 95)], want):
        assert got == approx(w, abs=width / 2000)


# 8. Impossible values: dropped by a declared rule, and counted ----------------------------------------------------

def test_simulate__draws_with_casualties_below_killed__are_dropped(claims):
    # With upto_floor 0 the CSIS rate is uniform on 0–50 %; casualties = rate × deployed fall below killed (about
    # 1,000 of about 11,000, i.e. a rate under about 9.1 %) in about 9.1/50 = 18 % of the draws.
    a = Assumptions(upto_floor=0.0)
    b = bands.summarise(claims, a, draws=200_000, seed=5)["CSIS"]["casualties"]
    dropped = b.dropped.get("wounded", 0)  # casualties below killed: wounded < 0
    assert dropped / 200_000 == approx(1000 / 11000 / 0.5, abs=0.01)
    assert b.counts.sum() == 200_000 - dropped
    assert bands.summarise(claims, Assumptions(), draws=50_000, seed=5)["CSIS"]["casualties"].dropped == {}


def test_implied_rate_over_100__is_said_in_words_not_printed(tmp_path):
    led = ledger_of(tmp_path, (
        "k,killed,,2500,,persons,exact,A,,,,,https://e.org/,2500 killed,\n"
        "w,wounded,,100,,persons,exact,A,,,,,https://e.org/,100 wounded,\n"
        "d,deployed,,1200,,persons,exact,B,,,,,https://e.org/,1200 deployed,\n"))
    figs = stated_figures(select(led), borrow={"deployed": "B"})
    q = figs["A"]["casualty_rate"]
    assert q.value.low == approx(2600 / 1200 * 100) and q.breach
    assert "more casualties than troops deployed" in wording.breach("casualty_rate")
    assert "reinforcements" in wording.breach("casualty_rate")


# 9. No pooled median where the pool is split ---------------------------------------------------------------------

def test_pool__killed_is_split(claims):
    b = bands.summarise(claims, Assumptions(), draws=50_000, seed=1)
    assert bands.pool(b)["killed"].split and not bands.pool(b)["casualty_rate"].split


# 10. One basis for the reference wars ----------------------------------------------------------------------------

def test_reference__vietnam_counts_every_wounded():
    from analysis.ledger import reference

    ref = reference.load().set_index("ref_id")
    assert ref.loc["us-vietnam", "wounded"] == 303_644  # 153,303 hospitalised + 150,341 not
    assert ref.loc["us-vietnam", "wounded_per_killed"] == approx(303_644 / 47_434)  # 6.40
    assert "1946" in ref.loc["us-ww2", "conflict"]
    assert set(ref.columns) >= {"killed_definition", "wounded_definition"}


def test_history__csis_bound_is_placed_as_a_bound():
    from analysis.ledger import reference
    from analysis.wording import reference_wars as history

    ref = reference.load()
    assert history.place_interval(0, 4.5, True, ref).startswith("below US forces in Vietnam War (6.4)")


# 11. No false precision --------------------------------------------------------------------------------------------

def test_band__rounded_to_two_significant_figures():
    p = dict(p5=10049.7, p25=10249.7, p50=10500.9, p75=10750.6, p95=10950.3)
    # two significant figures would merge 10,049.7 and 10,249.7 into 10,000: three are used
    assert wording.band(p, "persons") == "median 10,500; 50% band 10,200–10,800; 90% band 10,000–11,000"
    assert wording.band(dict(p5=25.99, p25=27.96, p50=30.12, p75=37.48, p95=47.50), "percent") == \
        "median 30%; 50% band 28–37%; 90% band 26–48%"


# ICD 203 ------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("p, words", [(1.0, "almost certainly (99 %)"), (0.9, "very likely (90 %)"),
                                      (0.5, "roughly even chance (50 %)"), (0.3, "unlikely (30 %)"),
                                      (0.1, "very unlikely (10 %)"), (0.0, "almost no chance (1 %)"),
                                      (0.7, "likely (70 %)")])
def test_estimative__icd_203(p, words):
    assert wording.estimative(p) == words


# Dependence and echoes -------------------------------------------------------------------------------------------

def test_correlation_1__nis_wounded_per_killed_collapses_to_9(claims):
    s = simulate(claims, Assumptions(correlation=1.0), 10_000, 2)["NIS"]["wounded_per_killed"].value
    assert s.min() == approx(9.0) and s.max() == approx(9.0)  # 2,700(1+e) / 300(1+e)
    s0 = simulate(claims, Assumptions(correlation=0.0), 10_000, 2)["NIS"]["wounded_per_killed"].value
    assert s0.max() - s0.min() > 2  # independent: (2,970/270) − (2,430/330) ≈ 3.6 at the extremes


def test_echo__deployed_agreement_may_be_an_echo(claims):
    lineage = dict(zip(claims["claim_id"], claims["lineage"]))
    f = consistency.flags(allowed_figures(claims, Assumptions()), lineage).set_index("quantity")
    assert bool(f.loc["deployed", "echo"]) and not bool(f.loc["killed", "echo"])


def test_dependence__nis_band_exists_only_under_independence(claims):
    from analysis.judgments import robustness

    d = robustness.dependence(claims, Assumptions(), seed=4).set_index(["claimant", "quantity"])
    assert d.loc[("NIS", "wounded_per_killed"), "value"] == approx(9.0)  # 2,700 / 300, whatever the shared error
    assert d.loc[("NIS", "killed_share_casualties"), "value"] == approx(10.0)  # 300 / 3,000
    # independent: about 300 ± 10 % and about 2,700 ± 10 % give a 90 % band around 7.9-10.4
    assert d.loc[("NIS", "wounded_per_killed"), "p5"] == approx(7.9, abs=0.15)
    assert ("CSIS", "wounded_per_killed") not in d.index


@pytest.mark.integration  # re-computes the judgments over the robustness grid
def test_robustness__judgments_and_what_flips_them(claims):
    from analysis.judgments import robustness

    r = wording.robustness_table(robustness.evaluate(claims, Assumptions(), seed=4)).set_index("judgment")
    # 900/330 = 2.73 ≥ 2.7 at ±5 % and ±10 %; at ±20 %: 800/360 = 2.2 < 2.7; and read as "up to 1,000" CSIS's
    # killed has no floor at all: it holds in 2 of 3 tolerances × 1 of 2 hedge readings = 80 of 240 cells
    k = r.loc["CSIS’s hedged (“potentially”) killed figure is at least 2.7 times NIS’s"]
    assert (k["holds"], k["cells"], k["flips"]) == (80, 240, "“about” read as ±20%; hedged figures read as upper ends")
    # NIS's highest rate, 3,300 / 10,000 = 33 % even at ±10 % (36 % at ±20 %), never reaches 50 %
    assert r.loc["NIS’s casualty rate lies within CSIS’s upper bound", "share"] == 1.0


def test_zero_killed__ratio_is_undefined_in_words_and_not_compared(tmp_path):
    led = ledger_of(tmp_path, (
        "a-k,killed,,0,,persons,exact,A,,,,,https://e.org/,0 killed,\n"
        "a-w,wounded,,40,,persons,exact,A,,,,,https://e.org/,40 wounded,\n"
        "b-k,killed,,5,,persons,exact,B,,,,,https://e.org/,5 killed,\n"
        "b-w,wounded,,20,,persons,exact,B,,,,,https://e.org/,20 wounded,\n"))
    figs = stated_figures(select(led))
    assert math.isinf(figs["A"]["wounded_per_killed"].value.low)  # 40 / 0
    assert figs["A"]["killed_share_casualties"].value.low == 0  # 0 / 40: a real 0 %
    f = consistency.flags(figs)
    assert "wounded_per_killed" not in set(f["quantity"])  # an undefined ratio is compared with nothing
    assert wording.undefined("wounded_per_killed").startswith("undefined (the claims give no one killed")


# Mutants the issue found unnoticed: each now fails a test -------------------------------------------------------

def test_derive__deployed_from_casualties_and_rate(tmp_path):
    # 3,000 casualties at a 30 % rate: 100 × 3,000 / 30 = 10,000 deployed (c / r would give 100)
    led = ledger_of(tmp_path, (
        "c,casualties,,3000,,persons,exact,A,,,,,https://e.org/,3000 casualties,\n"
        "r,casualty_rate,,30,,percent,exact,A,,,,,https://e.org/,30%,\n"))
    v = stated_figures(select(led))["A"]["deployed"].value
    assert (v.low, v.point, v.high) == (approx(10_000), approx(10_000), approx(10_000))


def test_interval_division__by_zero_is_infinite_not_zero():
    from analysis.uncertainty.intervals import Interval

    q = Interval(1.0, 2.0) / Interval(0.0, 1.0)
    assert q.low == 1.0 and math.isinf(q.high)
    assert math.isnan((Interval(0.0, 0.0) / Interval(0.0, 0.0)).high)  # 0/0 has no value


def test_percent_caps__about_95_percent_stays_within_100():
    r = dict(low=float("nan"), best=95.0, high=float("nan"), bound="approximate", unit="percent")
    assert allowed_interval(r, Assumptions(approx_tolerance=0.10)).high == 100  # 95 × 1.1 = 104.5, capped
    iv = claim_interval(r, Assumptions(approx_tolerance=0.10, distribution="lognormal"))
    from analysis.uncertainty.distributions import rng_for, sample

    x = sample(iv, "approximate", "percent", 20_000, rng_for(1, "cap"), "lognormal")
    assert x.max() <= 100.0 and x.max() == 100.0  # the lognormal's upper tail reaches past 100 and is cut there


def test_weights__negative_or_not_finite_refused():
    from analysis.uncertainty.montecarlo import normalised_weights

    assert normalised_weights(["A", "B"], {"A": 3, "B": 1}) == {"A": 0.75, "B": 0.25}
    for bad in ({"A": -1, "B": 2}, {"A": float("nan"), "B": 1}, {"A": float("inf"), "B": 1}, {"A": 0, "B": 0}):
        with pytest.raises(ValueError):
            normalised_weights(["A", "B"], bad)


def test_tornado__pooled_path_watches_the_pool(claims):
    from analysis.uncertainty.sensitivity import tornado

    t = tornado(claims, Assumptions(), draws=20_000, seed=2, who="Pooled")
    assert set(t["watched"]) == {"Pooled"}
    assert "nis-wounded" in set(t["claim_id"])  # NIS's wounded moves the pool's median as it moves NIS's
    pooled = bands.pool(bands.summarise(claims, Assumptions(), 20_000, 2))["casualty_rate"].percentiles()["p50"]
    assert t["base_p50"].iloc[0] == approx(pooled)


def test_charts__dollar_signs_in_ledger_text_are_plain_text(tmp_path):
    # matplotlib would read "$\\nosuchcommand$" as mathtext and fail (ValueError): ledger text is data
    from analysis.present import charts
    from analysis.uncertainty.intervals import Interval

    names = ["$\\nosuchcommand$ desk", "$x^2$"]
    rows = [dict(quantity="killed", label="Killed", unit="persons", claimant=c, status="stated",
                 value=Interval(v, v, v), read=Interval(v * 0.9, v * 1.1, v)) for c, v in zip(names, (10.0, 20.0))]
    png = charts.png(charts.claims_chart(rows, names))
    assert png.startswith(b"\x89PNG")


def test_band__one_decimal_place_for_every_percentile():
    # Jones's killed read around 1,000: p25 = 949.7 and p75 = 1,049.9. Each at two significant figures gives 950 and
    # 1,000, a median equal to the top of its band. One place for the band, the tens that 949.7 and the spread
    # (1,095 - 905 = 190) need: 950, 1,000 and 1,050; 905 -> 900 (ties to even) and 1,095 -> 1,100.
    p = dict(p5=905.0, p25=949.7, p50=1000.2, p75=1049.9, p95=1095.0)
    assert wording.band(p, "persons") == "median 1,000; 50% band 950–1,050; 90% band 900–1,100"


@pytest.mark.parametrize("data, words", [
    ((), ""), (("every",), "fails under every reading"),
    (("with", (("upto_floor", (0.0, 0.25)), ("correlation", (1.0,)))),
     "“as high as X” read as no lower than 0% of X or “as high as X” read as no lower than 25% of X; "
     "claims of one briefing sharing their error"),
    (("most", (("distribution", "lognormal", 0.5), ("weights", "unequal", 0.25))),
     "no single reading; fails most often with ranges read as lognormal (50% of its cells) or unequal weights "
     "(25% of its cells)")])
def test_flips__plain_words_never_parameter_names(data, words):
    # issue 20, finding 10: no parameter names (approx_tolerance, hedge_reading, upper_bound) in the body's prose
    assert wording.flips(data) == words
    for name in ("approx_tolerance", "upto_floor", "hedge_reading", "upper_bound", "as_stated", "correlation"):
        assert name not in words


def test_comparison__a_disagreement_is_said_as_arithmetic_with_no_probability_word():
    # NIS about 300 (270-330) against CSIS potentially 1,000 (900-1,100): 900 / 330 = 2.73, floored to 2.7. The draws
    # put CSIS's above NIS's in every draw: that restates 1,000 > 300, so no "almost certainly (99 %)" is said.
    from analysis.judgments.consistency import flags
    from analysis.uncertainty.derive import Quantity
    from analysis.uncertainty.intervals import Interval
    figs = {"NIS": {"killed": Quantity(Interval(270, 330, 300), ("nis-killed",), "stated")},
            "CSIS": {"killed": Quantity(Interval(900, 1100, 1000), ("csis-killed",), "stated")}}
    row = flags(figs, {}, lambda a, b, n: 0.0).iloc[0]
    text = wording.comparison(row, figs, "persons", lambda c, n: ["potentially"] if c == "CSIS" else [])
    assert text == ("Killed: NIS’s 300 (read as 270–330) and CSIS’s hedged (“potentially”) 1,000 (read as "
                    "900–1,100) cannot both be true; CSIS’s hedged (“potentially”) figure is at least 2.7 times NIS’s.")



@pytest.mark.parametrize("args, words", [
    # the article: none of its 6 figures dated by the source; 5 dated by us (CNA, Yonhap), NIS's force undated
    (dict(dates=["2025-01-13"] * 2 + ["2025-02-04"] * 3, n=6, by_source=0, by_us=5, undated=1),
     "as of 2025-02-04 (the source dates none of its 6 figures: 5 are dated by us from other reports, 1 has no "
     "date)"),
    (dict(dates=["2025-04"], n=2, by_source=1, by_us=0, undated=1),
     "as of 2025-04 (the source dates 1 of its 2 figures: 1 has no date)"),
    (dict(dates=["2025-04", "2025-05"], n=2, by_source=2, by_us=0, undated=0), "as of 2025-05"),
    (dict(dates=[], n=3, by_source=0, by_us=0, undated=3), "undated: the source gives no date for these figures")])
def test_evidence_date__says_who_dated_the_figures(args, words):
    # issue 20, finding 2: not "1 carries no date" when the source dates none of its figures
    assert wording.evidence_date(**args) == words
