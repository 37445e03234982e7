"""The words around the charts (analysis.wording.figures): what each caption and alt text says, for any ledger."""

from analysis.wording import figures as words


def test_claims_caption_says_the_tolerance_in_force():
    assert words.claims_caption("20%") == (
        # the markers take each claimant's colour; the thin black line is the figure, the grey bar our reading
        "Each claimant has its own colour and marker, in every chart. Filled marker: stated by the source; hollow: "
        "worked out from the claimant’s own figures. A range is marked at its ends; a bound at the end it states, "
        "dashed towards the end it leaves open (an arrow: open past the panel’s edge). Thin black line: as stated or "
        "implied; grey bar: our reading, “about” as ±20%. Table 1 gives every figure.")


def test_distribution_caption_names_the_pool_only_where_there_is_one():
    assert words.distribution_caption(True) == (
        "Each claimant’s band of the casualty rate (killed and wounded as a share of the force) and, last, the pool’s: "
        "thin line 5th–95th percentile, thick 25th–75th, tick the median. The bands table below gives the same "
        "figures.")
    assert words.distribution_caption(True, split=True) == (
        "Each claimant’s band of the casualty rate (killed and wounded as a share of the force) and, last, the pool’s: "
        "thin line 5th–95th percentile, thick 25th–75th, tick the median; the claimants’ figures do not overlap, so "
        "the pool’s row is its 90% band alone. The bands table below gives the same figures.")
    assert words.distribution_caption(False) == (
        "Each claimant’s band of the casualty rate (killed and wounded as a share of the force): thin line 5th–95th "
        "percentile, thick 25th–75th, tick the median. The bands table below gives the same figures.")


def test_alt_texts_state_the_numbers_and_where_a_table_of_them_is():
    assert words.claims_alt([("Killed", [words.claim_point("NIS", "stated", "about 300", "270–330"),
                                         words.claim_point("CSIS", "stated", "potentially 1,000", "900–1,100")]),
                             ("Wounded", []), ("Casualties", [words.claim_point("NIS", "implied", "3,000", "stated")])]) \
        == ("Range plot of what each claimant's claims state and imply, one panel per quantity. Killed: NIS stated "
            "about 300 (read as 270–330); CSIS stated potentially 1,000 (read as 900–1,100). Casualties: NIS implied "
            "3,000 (read as stated). Table 1 gives the same figures.")
    assert words.distribution_alt(True, [words.band_point("NIS", "29%", "28–30%", "26–32%"),
                                         words.band_point("CSIS", "38%", "31–44%", "26–49%")]) == (
        "Casualty-rate chart, percent of the force: each claimant's band and the pool's. NIS: median 29%, 50% band "
        "28–30%, 90% band 26–32%; CSIS: median 38%, 50% band 31–44%, 90% band 26–49%. The bands table gives the same "
        "figures.")
    assert words.distribution_alt(False, [words.band_point("NIS", "29%", "28–30%", "26–32%")]) == (
        "Casualty-rate chart, percent of the force: each claimant's band. NIS: median 29%, 50% band 28–30%, 90% band "
        "26–32%. The bands table gives the same figures.")
    assert words.tornado_alt(["a", "b"]) == (
        "Tornado chart of the casualty-rate median’s change with each input at the low and high end of its range: "
        "a; b. The table below the chart gives the same figures.")
    assert words.band_point("Pooled", None, "26–33%", "24–48%") == (
        "Pooled: median no meaningful middle, 50% band 26–33%, 90% band 24–48%")
    assert words.swing_point("NIS wounded", "2,430 to 2,970", "NIS’s", "26.0%", "31.1%", "5.1", True, "no draw fits") \
        == "NIS wounded from 2,430 to 2,970 moves NIS’s median from 26.0% to 31.1% (5.1 points)"
    assert words.swing_point("A wounded", "1 to 2", "A’s", "—", "—", "—", False, "no draw fits") == (
        "A wounded from 1 to 2: at one end no draw fits A’s other figures")
    assert words.timeline_alt(["NIS killed: 300 (2025-01-13), 600 (2025-04-30)", "CSIS killed: 1,000 (2025-02-04)"]) \
        == ("Timeline of claims. NIS killed: 300 (2025-01-13), 600 (2025-04-30); CSIS killed: 1,000 (2025-02-04). "
            "“What later reports said”, in the body, lists every later figure with its date.")


def test_a_rate_given_directly_is_said_with_its_claim():
    before, after = words.rate_given("Seth Jones (CSIS)", "could be as high as 50%")
    assert before == "Seth Jones (CSIS) gives the casualty rate directly (could be as high as 50%)"
    assert after == ", so no other input moves it; its band is our reading of that claim, "


def test_band_key__explains_only_the_marks_a_table_uses():
    assert words.band_mark(split=True, bound=False) == "†"
    assert words.band_mark(split=False, bound=True) == "‡"
    assert words.band_mark(split=True, bound=True) == "†"   # the pool's own gap says more than its bound
    assert words.band_mark(split=False, bound=False) == ""
    assert words.band_key({"†", "‡", ""}) == (
        "†\u00a0The claimants’ figures do not overlap: the pool has no meaningful middle, and its median would be a "
        "figure nobody claimed. ‡\u00a0Set by our reading of a bound.")
    assert words.band_key({"‡"}) == "‡\u00a0Set by our reading of a bound."
    assert words.band_key({""}) == ""
