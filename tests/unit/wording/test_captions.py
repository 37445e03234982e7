"""The words around the charts (analysis.wording.figures): what each caption and alt text says, for any ledger."""

from analysis.wording import figures as words


def test_claims_caption_says_the_tolerance_in_force():
    text = words.claims_caption("20%")
    assert "grey: our reading, “about” as ±20%." in text and text.endswith("Table 1 gives every figure.")


def test_distribution_caption_names_the_pool_only_where_there_is_one():
    assert words.distribution_caption(True).startswith("Top: the pooled draws of the casualty rate")
    assert "and the pool’s" in words.distribution_caption(True)
    single = words.distribution_caption(False)
    assert single.startswith("Top: the draws of the casualty rate") and "pool" not in single


def test_alt_texts_state_the_numbers_and_where_a_table_of_them_is():
    assert words.claims_alt([("Killed", [words.claim_point("NIS", "stated", "about 300", "270–330")]),
                             ("Wounded", [])]) == (
        "Range plot of what each claimant's claims state and imply, one panel per quantity. Killed: NIS stated about "
        "300 (read as 270–330). Table 1 gives the same figures.")
    assert words.band_point("Pooled", None, "26–33%", "24–48%") == (
        "Pooled: median no meaningful middle, 50% band 26–33%, 90% band 24–48%")
    assert words.swing_point("NIS wounded", "2,430 to 2,970", "NIS’s", "26.0%", "31.1%", "5.1", True, "no draw fits") \
        == "NIS wounded from 2,430 to 2,970 moves NIS’s median from 26.0% to 31.1% (5.1 points)"
    assert words.swing_point("A wounded", "1 to 2", "A’s", "—", "—", "—", False, "no draw fits") == (
        "A wounded from 1 to 2: at one end no draw fits A’s other figures")
    assert words.timeline_alt(["NIS killed: 300 (2025-01-13), 600 (2025-04-30)"]) == (
        "Timeline of claims. NIS killed: 300 (2025-01-13), 600 (2025-04-30). “What later reports said”, in the body, "
        "lists every later figure with its date.")


def test_a_rate_given_directly_is_said_with_its_claim():
    before, after = words.rate_given("Seth Jones (CSIS)", "could be as high as 50%")
    assert before == "Seth Jones (CSIS) gives the casualty rate directly (could be as high as 50%)"
    assert after == ", so no other input moves it; its band is our reading of that claim, "
