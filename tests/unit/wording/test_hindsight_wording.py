"""The sentences of "What later reports said" (issue 19), on the real ledgers: each revision with its direction and
size, comparisons like for like as arithmetic, hedges, relays and readings kept, echoes with their reason.
Ratios worked out by hand: 600 / 300 = 2.00, 2,000 / 600 = 3.33, 300 / 1,000 = 0.30, 3,000 / 5,000 = 0.60."""

import re

import pytest
from markupsafe import Markup

from analysis.judgments import hindsight as later
from analysis.ledger import grades, selection
from analysis.ledger.validate import validate
from analysis.wording import hindsight as words

from conftest import ROOT

_SOURCES = grades.load(ROOT / "data" / "sources.csv")
OUTLETS = dict(zip(_SOURCES["source_url"], _SOURCES["outlet"]))


def refs(ids):
    return Markup("[{}]").format(", ".join(ids))


@pytest.fixture(scope="module")
def h():
    article = validate(ROOT / "data" / "claims.csv")
    combined = later.combine(article, later.load(ROOT / "data" / "later-reports.csv", article))
    return later.analyse(selection.latest(article), combined, draws=2_000, seed=7)


@pytest.fixture(scope="module")
def by_id(h):
    return h.combined.set_index("claim_id")


@pytest.fixture  # per test: mutmut maps a function to the tests that call it, and a module fixture calls it once
def compared(h, by_id):
    return dict(((g, str(t).split(",")[1].strip().split(" said")[0].split(" imply")[0]), t)
                for g, t in words.comparison_sentences(h.comparisons, h.nearer, h.echoes, by_id, refs, OUTLETS))


def test_relay_is_the_first_link_of_the_conduit():
    lawmaker = "Lee Seong-kweun (deputy chair, National Assembly Intelligence Committee)"
    assert words.relay(f"{lawmaker}; The Korea Herald, relayed by Newsloup") == lawmaker
    assert words.relay("BBC (Frank Gardner; BBC Russian service), relayed by The Moscow Times") == \
        "BBC (Frank Gardner; BBC Russian service), relayed by The Moscow Times"
    assert words.relay("") == ""


def test_possessive():
    assert (words.possessive("NIS"), words.possessive("Western officials"), words.possessive("UK MoD")) == (
        "NIS’s", "Western officials’", "UK MoD’s")


def test_nis_killed_figures_a_change_of_scope_is_not_a_revision(h, by_id):
    # NIS's about 300 (13 January) counts the first deployment; its about 600 (30 April) counts all deployments:
    # another count, not a revision of the first, so no ratio is given. Its about 2,000 (2 September) revises the
    # April count of the same scope: 2,000 / 600 = 3.33 times the previous figure.
    r = h.revisions
    text = words.revision_sentence(r[(r["claimant"] == "NIS") & (r["metric"] == "killed")], by_id, refs, OUTLETS)
    # Each claim's scope, source and full relay are said once, in the later claims table its footnote links to; the
    # sentence keeps its date, its relay's name, our reading of its word and our attribution.
    assert text == (
        "NIS’s killed figures: about 300 (2025-01-13; our attribution)[nis-killed]; then about 600 (2025-04-30; via "
        "Lee Seong-kweun)[nis-2025-04-killed], a count of all deployments, not first deployment (Kursk): not a "
        "revision, so not compared; then about 2,000 (2025-09-02; via Lee Seong-kweun; &#34;war dead&#34; read by "
        "us as killed)[nis-2025-09-killed], 3.33 times the previous figure: higher.")


def test_figures_of_another_scope_alone_are_one_sentence(h, by_id):
    # NIS's 30 April figures of wounded (4,100), wounded per killed (4,100 / 600, implied), casualty rate (4,700 /
    # 15,000, implied) and troops deployed (15,000) count all deployments; its earlier ones the first deployment:
    # no step of one scope, so no revision sentence each, one sentence for all four. Its killed (300 -> 600 -> 2,000)
    # and casualties (3,000 -> at least 4,000 -> 4,700) have a step of one scope: a sentence each.
    texts = [str(t) for t in words.revision_sentences(h.revisions, by_id, refs, OUTLETS)]
    assert [t.split(":")[0] for t in texts] == [
        "NIS’s killed figures", "NIS’s casualties figures", "UK MoD’s casualties figures",
        "NIS’s wounded, wounded per killed, casualty rate and troops deployed figures of 2025-04-30 count all "
        "deployments, not first deployment (Kursk)"]
    assert texts[-1] == (
        "NIS’s wounded, wounded per killed, casualty rate and troops deployed figures of 2025-04-30 count all "
        "deployments, not first deployment (Kursk): not revisions of its earlier figures, so not compared"
        "[nis-2025-04-wounded, nis-2025-04-killed, nis-2025-04-casualties, nis-2025-04-deployed].")


def test_uk_floor_revision_keeps_the_hedge(h, by_id):
    r = h.revisions
    text = str(words.revision_sentence(r[r["claimant"] == "UK MoD"], by_id, refs, OUTLETS))
    assert text.count("highly likely at least") == 2
    assert "a floor 1.20 times the previous: higher." in text
    assert text.startswith("UK MoD’s casualties figures: highly likely at least 5,000")


def test_same_time_is_never_later(compared):
    same = [k for g, k in compared if g == "same_time"]
    assert same == ["Volodymyr Zelensky (Ukraine)", "Western officials", "Kyrylo Budanov (HUR)"]
    for (g, _), t in compared.items():
        assert t.startswith("At the same time, " if g == "same_time" else "Later, ")
        assert "later said" not in t or g == "later"


def test_western_officials_killed_as_arithmetic_with_the_echo(compared):
    assert compared[("same_time", "Western officials")] == (
        "At the same time, Western officials said about 1,000 killed (2025-01; via BBC)[west-2025-01-killed]. "
        "Against it, the "
        "article’s NIS figure (about 300) is 0.30 of it: lower; the article’s CSIS figure (potentially 1,000) is 1.00 "
        "of it: the same figure, and CSIS’s may echo it (an earlier identical figure from another claimant); CSIS’s "
        "lies nearer it, by the ratios as stated.")


def test_uk_nearest_and_latest_hedged_both_times(compared):
    t = str(compared[("later", "Defence Intelligence (UK MoD)")])
    # read in HuffPost UK, which the footnote names: no relay beside the figure
    assert "said highly likely at least 5,000 casualties (2025-03)[uk-2025-03-casualties]" in t
    assert "the like-for-like figure nearest in date, and highly likely at least 6,000 casualties (2025-06-15" in t
    assert "Against the first, the article’s NIS figure (implied: 3,000) is at most 0.60 of it: lower" in t
    assert "against the latest, the article’s NIS figure (implied: 3,000) is at most 0.50 of it: lower" in t


def test_readings_and_relays_are_kept(compared):
    t = str(compared[("same_time", "Volodymyr Zelensky (Ukraine)")])
    assert ("at least 4,000 casualties (2025-02-02; via Associated Press interview; &#34;had been lost&#34; read by "
            "us as casualties)") in t


def test_another_scope_is_said_plainly(compared):
    assert compared[("later", "Kim Jong Un (North Korea)")] == (
        "Later, Kim Jong Un (North Korea) said 9 killed (2025-12; via KCNA; &#34;loss of nine lives&#34; read by us "
        "as killed)[nk-2025-12-killed]: its scope (later deployments) is not the article’s "
        "(first deployment (Kursk)): not like for like, so it does not test the article’s figures (the difference "
        "may be one of scope, not of fact).")


def test_no_probability_word_restates_arithmetic(compared, h, by_id):
    texts = list(compared.values()) + [words.revision_sentence(g, by_id, refs, OUTLETS)
                                       for _, g in h.revisions.groupby(["claimant", "metric"])]
    for t in texts:
        assert not re.search(r"\(\d+ %\)|almost certainly|very likely|roughly even|almost no chance|unlikely", t), t


def test_echo_sentence_names_its_reason(h):
    texts = words.echo_sentences(h.echoes, h.combined, refs, OUTLETS)
    assert texts[0] == (
        "CSIS’s potentially 1,000 killed (2025-02-04)[csis-killed] may echo Western officials’ about 1,000 "
        "(2025-01)[west-2025-01-killed] (an earlier identical figure from another claimant).")
    # the echoed claim is named by its figure, date and footnote (its relay and reading are in its own sentence and
    # row); an attribution of ours stays: NIS's 10,000–11,000 is ours
    csis = next(str(t) for t in texts if t.startswith("CSIS’s about 11,000"))
    assert "may echo NIS’s 10,000–11,000 (undated; our attribution)[nis-deployed] (the ledger notes" in csis
    jcs = next(str(t) for t in texts if t.startswith("South Korea JCS"))
    assert "(earlier identical figures from other claimants)" in jcs
    assert "(an identical figure from another claimant of about the same date)" in jcs


def test_times_and_ratio_words():
    from analysis.uncertainty.intervals import Interval

    assert words.times(Interval(2.0, 2.0, 2.0)) == "2.00 times"
    assert words.times(Interval(4000 / 3000, float("inf"), open_high=True)) == "at least 1.33 times"
    assert words.times(Interval(0.0, 1.175, open_low=True)) == "at most 1.18 times"
    assert words.times(Interval(1.2, 1.2, 1.2), "floor") == "a floor 1.20 times the previous"
    assert words.ratio_words(Interval(0.0, 0.5, open_low=True), "at_most") == "at most 0.50"
    assert words.ratio_words(Interval(10_000 / 11_000, 1.0)) == "0.91–1.00"


def test_ratios_over_zero_and_between_two_bounds_in_words():
    from analysis.uncertainty.intervals import Interval

    inf = float("inf")
    assert words.ratio_words(Interval(inf, inf)) == "undefined (a ratio over 0)"          # 150 against 0
    assert words.ratio_words(Interval(inf, inf, open_high=True), "at_least") == "undefined (a ratio over 0)"
    assert words.ratio_words(Interval(0.0, inf, open_low=True, open_high=True), "both") == (
        "unbounded (both figures are open bounds)")                                     # up to 30 % against up to 40 %
    assert words.times(Interval(inf, inf)) == "undefined (the previous figure was 0)"
    assert words.relation(Interval(inf, inf), "", "higher") == "is higher (a ratio over 0 is undefined)"
    assert words.relation(Interval(0.3, 0.3, 0.3), "", "lower") == "is 0.30 of it: lower"
    assert words.relation(Interval(0.0, inf, open_low=True, open_high=True), "both", "consistent") == (
        "has no bounded ratio to it (both figures are open bounds)")


def test_caveats__what_a_later_date_allows__never_that_a_count_only_grows():
    # Issue 20, finding 4: estimates are revised both ways; a later date allows only that a later figure may count
    # losses up to that later date.
    said = " ".join(words.caveats(later=True))
    assert "only grows" not in said
    assert said.startswith("A later figure may count losses up to its own, later date: where it is higher, the "
                           "article’s figure may still have been right for the date it describes; where it is lower, "
                           "one of the two counts was revised down.")
    assert len(words.caveats(later=False)) == 1 and words.caveats(later=False)[0].startswith("Claimants count in")


def test_relation__consistent_only_by_our_tolerance_says_so():
    # CSIS's at most 5,500 casualties against the UK's more than 6,000: as stated the ratio is at most 0.92, below 1;
    # only "about" read as +/-10 % (6,050 / 5,400 = 1.12 at its widest) lets it reach 1. It must not say "the ratio
    # spans 1" of a ratio printed as at most 0.92.
    from analysis.uncertainty.intervals import Interval

    said = words.relation(Interval(0.0, 5500 / 6000, open_low=True), "at_most", "consistent")
    assert said == ("is at most 0.92 of it: consistent only with our tolerance on “about” (as stated, the ratio lies "
                    "below 1)")
    assert words.relation(Interval(0.9, 1.1), "", "consistent") == "is 0.90–1.10 of it: consistent (the ratio spans 1)"
    assert words.relation(Interval(1.05, 1.2), "", "consistent").endswith("(as stated, the ratio lies above 1)")
