"""The sentences of "What later reports said" (issue 19), on the real ledgers: each revision with its direction and
size, comparisons like for like as arithmetic, hedges, relays and readings kept, echoes with their reason.
Ratios worked out by hand: 600 / 300 = 2.00, 2,000 / 600 = 3.33, 300 / 1,000 = 0.30, 3,000 / 5,000 = 0.60."""

import re

import pandas as pd
import pytest
from markupsafe import Markup

from analysis.judgments import hindsight as later
from analysis.ledger import grades, selection
from analysis.ledger.validate import validate
from analysis.uncertainty.intervals import Interval
from analysis.wording import hindsight as words
from ledgers import row, write

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
def table(h, by_id):
    return words.comparison_table(h.comparisons, h.nearer, h.echoes, by_id, refs)


def rows_of_group(table, name):
    """{the later figure's words: its cells} of one quantity of the comparisons table, as text."""
    group = next(g for g in table["groups"] if g["name"] == name)
    return {str(r["later"]): [str(c) for c in r["cells"]] for r in group["rows"]}


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


def test_same_time_is_marked_and_only_of_figures_by_18_february(table):
    # the article's latest figure is CSIS's of 4 February 2025: "at the same time" runs 14 days on, to 18 February.
    # Of the later ledger's like-for-like claims, Western officials' (January), HUR's and Ukraine's (February) fall
    # in it; NIS's of March and the UK's of March and June do not.
    marked = {re.search(r"\[(.*)\]$", str(r["later"])).group(1): r["when"]
              for g in table["groups"] for r in g["rows"]}
    same = {ids for ids, w in marked.items() if w == "at the same time"}
    assert {i for ids in same for i in ids.split(", ")} == {
        "west-2025-01-killed", "west-2025-01-wounded", "hur-2025-02-casualties", "ukr-2025-02-casualties",
        "ukr-2025-02-deployed"}
    assert {i for ids, w in marked.items() if w == "" for i in ids.split(", ")} == {
        "nis-2025-03-casualties", "uk-2025-03-casualties", "uk-2025-06-casualties", "uk-2025-06-deployed"}


def test_columns_are_the_articles_claimants_and_each_quantity_gives_their_figures(table):
    assert table["columns"] == ["NIS", "CSIS"]
    assert [g["name"] for g in table["groups"]] == ["killed", "casualties", "wounded", "wounded per killed",
                                                     "casualty rate", "troops deployed"]
    article = {g["name"]: g["article"] for g in table["groups"]}
    # our attribution and the hedges an implied figure rests on stay beside it: NIS's figures are attributed by us;
    # CSIS's casualties are 50 % of 11,000 = 5,500 ("could be as high as"), its wounded per killed
    # (5,500 - 1,000) / 1,000 = 4.5 rests on "could be" and "potentially"
    assert article["killed"] == ["about 300 (our attribution)", "potentially 1,000"]
    assert article["casualties"] == ["3,000 (implied; our attribution)", "at most 5,500 (implied; hedged “could be”)"]
    assert article["wounded per killed"] == ["9.0 (implied; our attribution)",
                                             "at most 4.5 (implied; hedged “could be”, “potentially”)"]
    assert [g["heading"] for g in table["groups"]][:2] == ["Killed: the article’s", "Casualties: the article’s"]


def test_western_officials_killed_as_arithmetic_with_the_echo(table):
    # 300 / 1,000 = 0.30; 1,000 / 1,000 = 1.00, nearer; CSIS's (4 February) may echo Western officials' (January)
    assert rows_of_group(table, "killed") == {
        "Western officials: about 1,000 (2025-01)[west-2025-01-killed]": [
            "0.30: lower", "1.00: the same figure; nearer; the article’s may echo it"]}


def test_uk_nearest_and_latest_hedged_both_times(table):
    # 3,000 / more than 5,000 = at most 0.60; 5,500 / 5,000 = 1.10; 3,000 / 6,000 = 0.50; 5,500 / 6,000 = 0.92,
    # below 1 as stated: consistent only because CSIS's "around 11,000", read as +/-10 %, gives 50 % of 12,100 =
    # 6,050
    cas = rows_of_group(table, "casualties")
    assert cas["Defence Intelligence (UK MoD): highly likely at least 5,000 (2025-03)[uk-2025-03-casualties]"] == [
        "at most 0.60: lower", "at most 1.10: consistent"]
    assert cas["Defence Intelligence (UK MoD): highly likely at least 6,000 (2025-06-15)[uk-2025-06-casualties]"] == [
        "at most 0.50: lower", "at most 0.92: consistent*"]
    # an implied later figure keeps its claims' hedge: the UK's rate 6,000 / 11,000 = 54.5 %, "highly likely"
    rate = rows_of_group(table, "casualty rate")
    assert ("Defence Intelligence (UK MoD): at least 54.5%, implied by its figures (2025-06-15; hedged “highly "
            "likely”)[uk-2025-06-casualties, uk-2025-06-deployed]") in rate


def test_another_scope_is_said_plainly(table):
    # each claimant's latest stated figure of each quantity it counts for another scope, with its date; JCS's scope
    # is "not stated" in the later ledger
    assert table["unlike"] == (
        "Not compared, as they count another scope than the article’s (first deployment (Kursk)), so the difference "
        "may be one of scope, not of fact: NIS (all deployments): about 15,000 troops deployed (2025-04-30)"
        "[nis-2025-04-deployed], about 2,000 killed (2025-09-02; &#34;war dead&#34; read by us as killed)"
        "[nis-2025-09-killed], about 4,100 wounded (2025-04-30)[nis-2025-04-wounded]; Russia (later deployments): "
        "6,000 troops deployed (2025-06-17; &#34;ordered the dispatch&#34; read by us as deployed)"
        "[russia-2025-06-deployed]; North Korea (later deployments): 9 killed (2025-12; &#34;loss of nine lives&#34; "
        "read by us as killed)[nk-2025-12-killed]; South Korea JCS (not stated): about 4,000 casualties (2025-03-27)"
        "[jcs-2025-03-casualties].")


def test_no_probability_word_restates_arithmetic(table, h, by_id):
    texts = [c for g in table["groups"] for r in g["rows"] for c in [r["later"], *r["cells"]]] + [
        words.revision_sentence(g, by_id, refs, OUTLETS) for _, g in h.revisions.groupby(["claimant", "metric"])]
    for t in texts:
        assert not re.search(r"\(\d+ %\)|almost certainly|very likely|roughly even|almost no chance|unlikely", t), t


def test_echo_sentence_names_its_reason(h):
    texts = words.echo_sentences(h.echoes, h.combined, refs)
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
    assert words.relation(Interval(inf, inf), "", "higher") == "higher (a ratio over 0 is undefined)"
    assert words.relation(Interval(0.3, 0.3, 0.3), "", "lower") == "0.30: lower"
    assert words.relation(Interval(0.0, inf, open_low=True, open_high=True), "both", "consistent") == (
        "no bounded ratio (both figures are open bounds)")


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
    assert said == "at most 0.92: consistent*"
    assert words.relation(Interval(0.9, 1.1), "", "consistent") == "0.90–1.10: consistent"
    assert words.relation(Interval(1.05, 1.2), "", "consistent") == (
        "1.05–1.20: consistent*")
    assert words.relation(Interval(0.8, 1.0), "", "consistent") == "0.80–1.00: consistent"   # reaches 1 as stated


# ------------------------------------------------------------------------------------------------------------------
# Small hand-made claims: every figure below is worked out by hand from these rows (300 + 2,700 = 3,000 implied
# casualties; 4,000 / 3,000 = 1.33; 5,000 / 4,000 = 1.25; 300 / 1,000 = 0.30; 300 / 2,000 = 0.15; 900 / 1,000 = 0.90;
# 900 / 2,000 = 0.45).


INF = float("inf")
NAN = float("nan")
MINI = [
    row("a-k", best=300, claimant="Alpha", as_of="2025-01-13"),
    row("a-w", "wounded", best=2700, claimant="Alpha", as_of="2025-01-13"),
    row("a-w2", "wounded", high=2700, claimant="Alpha", as_of="2025-01-13"),
    row("a-c2", "casualties", best=4000, claimant="Alpha", as_of="2025-06", conduit="Radio One (news desk)",
        source_url="https://radio.example/"),
    row("b-k1", best=1000, claimant="Beta Officials", spokesperson="Jane Roe", as_of="2025-02", hedge="potentially",
        conduit="Kyiv Independent, citing Beta; Newswire", quote="potentially 1000"),
    row("b-k2", best=2000, bound="exact", claimant="Beta Officials", spokesperson="Jane Roe", as_of="2025-09-02",
        conduit="Delta Radio (morning show)", source_url="https://delta.example/",
        reading="war dead read by us as killed"),
    row("b-c1", "casualties", best=4000, claimant="Beta Officials", as_of="2025-02"),
    row("b-c2", "casualties", best=5000, claimant="Beta Officials", as_of="2025-09-02"),
    row("c-k", best=900, claimant="Gamma", as_of="2025-01-10"),
    row("i-k", best=500, claimant="Iota", attribution="inferred", attributed_by="https://other.example/",
        as_of="2025-01-10"),
    row("e-k", best=1000, claimant="Echo Desk", published="2025-02-04", conduit="Radio One (news desk)",
        source_url="https://radio.example/"),
    row("x-k", best=1000, claimant="Xi Desk", as_of="2025-01-20", conduit="Wire, citing Xi"),
    row("y-k", best=1000, claimant="Ypsilon", as_of="2024-12"),
]


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    path = write(tmp_path_factory.mktemp("mini") / "claims.csv", MINI,
                 extra=("hedge", "reading", "attribution", "attributed_by"))
    return validate(path)


@pytest.fixture(scope="module")
def mini_id(mini):
    return mini.set_index("claim_id")


def rows_of(by_id, *ids):
    return by_id.loc[list(ids)].reset_index()


def point(x):
    return Interval(x, x, x)


def test_relay_name__the_first_links_name_without_title_or_later_links__not_the_outlet_read():
    assert words.relay_name("Kyiv Independent, citing Beta; Newswire") == "Kyiv Independent"
    assert words.relay_name("Delta Radio (morning show)") == "Delta Radio"
    assert words.relay_name("Delta Radio (morning show)", "Delta Radio (Kyiv)") == ""
    assert words.relay_name("") == ""


def test_possessive__a_name_ending_in_s_takes_the_apostrophe_alone():
    assert [words.possessive(n) for n in ("Beta Officials", "Alpha", "HUR", "Xi Desk")] == [
        "Beta Officials’", "Alpha’s", "HUR’s", "Xi Desk’s"]


def test_context__date_relay_reading_hedges_and_our_attribution(mini_id):
    assert words.context(rows_of(mini_id, "a-k")) == ["undated"]
    # the relay's name (the outlet it was read in is the URL itself when no outlet is known)
    assert words.context(rows_of(mini_id, "b-k1"), "2025-02", {}) == ["2025-02", "via Kyiv Independent"]
    # the relay is the outlet the claim was read in: the footnote names it; our reading stays
    delta = {"https://delta.example/": "Delta Radio (Kyiv)"}
    assert words.context(rows_of(mini_id, "b-k2"), "2025-09-02", delta) == [
        "2025-09-02", "war dead read by us as killed"]
    # a figure named again, or in a table's cell: all but its relay (our reading stays)
    assert words.context(rows_of(mini_id, "b-k2"), "2025-09-02", {}, full=False) == [
        "2025-09-02", "war dead read by us as killed"]
    assert words.context(rows_of(mini_id, "b-k1"), "2025-02", {}, full=False) == ["2025-02"]
    assert words.context(rows_of(mini_id, "i-k"), "2025-01-10", full=False) == ["2025-01-10", "our attribution"]
    # an implied figure keeps the hedges of the claims it rests on
    assert words.context(rows_of(mini_id, "b-k1", "b-k2"), "2025-09-02", {}) == [
        "2025-09-02", "via Kyiv Independent", "via Delta Radio", "war dead read by us as killed",
        "hedged “potentially”"]


def test_figure_and_cite__an_implied_figure_is_marked_as_the_sentence_needs(mini_id):
    ak = rows_of(mini_id, "a-k", "a-w")
    assert words.figure(point(3000), "implied", ak, "casualties") == "implied: 3,000"
    assert words.figure(point(3000), "implied", ak, "casualties", marked=False) == "3,000"
    assert words.figure(point(3000), "implied", ak, "casualties", marked="after") == "3,000, implied by its figures"
    assert words.figure(point(1000), "stated", rows_of(mini_id, "b-k1"), "killed") == "potentially 1,000"
    assert words.cite(point(3000), "implied", ("a-k", "a-w"), "casualties", mini_id, refs) == (
        "implied: 3,000 (undated)[a-k, a-w]")
    assert words.cite(point(3000), "implied", ("a-k", "a-w"), "casualties", mini_id, refs, "2025-01-13", {},
                      "after") == "3,000, implied by its figures (2025-01-13)[a-k, a-w]"


def test_ratio_words__every_kind_of_ratio():
    assert words.ratio_words(Interval(NAN, INF)) == "undefined"                           # 0 against 0
    assert words.ratio_words(Interval(0.3, INF)) == "undefined (a ratio over 0)"          # against 0–1,000
    assert words.ratio_words(Interval(0.3, INF, open_high=True)) == "at least 0.30"
    assert words.ratio_words(Interval(0.3, INF), "at_least") == "at least 0.30"
    assert words.ratio_words(Interval(0.0, INF, open_low=True, open_high=True)) == (
        "unbounded (both figures are open bounds)")
    assert words.ratio_words(Interval(0.2, 0.5), "both") == "unbounded (both figures are open bounds)"
    assert words.ratio_words(Interval(0.0, 0.5, open_low=True)) == "at most 0.50"
    assert words.ratio_words(Interval(0.2, 0.5), "at_most") == "at most 0.50"
    assert words.ratio_words(Interval(1.2, INF, open_high=True)) == "at least 1.20"
    assert words.ratio_words(Interval(1.2, 1.5), "at_least") == "at least 1.20"
    assert words.ratio_words(Interval(1.2, 1.5)) == "1.20–1.50"
    assert words.ratio_words(Interval(0.301, 0.304)) == "0.30"


def test_relation__the_side_an_open_bound_caps_and_a_ratio_over_0():
    assert words.relation(Interval(0.2, 0.5), "at_most", "lower") == "at most 0.50: lower"
    assert words.relation(Interval(INF, INF), "", "undefined") == "no ratio (a ratio over 0 is undefined)"
    assert words.relation(Interval(0.0, INF), "", "lower") == "lower (a ratio over 0 is undefined)"
    # 10,000 / 11,000 = 0.91 up to 11,000 / 11,000 = 1.00: as stated the ratio reaches 1
    assert words.relation(Interval(10_000 / 11_000, 1.0), "", "consistent") == "0.91–1.00: consistent"
    assert words.relation(Interval(1.0, 1.2), "", "consistent") == "1.00–1.20: consistent"
    assert words.relation(point(1.0), "", "the same") == "1.00: the same figure"


def test_times__every_kind_of_revision_ratio():
    assert words.times(Interval(NAN, INF)) == "undefined"
    assert words.times(point(0.8), "ceiling") == "a ceiling 0.80 times the previous"
    assert words.times(Interval(1.5, INF)) == "at least 1.50 times"
    assert words.times(Interval(1.2, 3.0, open_high=True)) == "at least 1.20 times"
    assert words.times(Interval(4000 / 2750, 1.5)) == "1.45–1.50 times"


def test_unlike__a_scope_not_recorded_is_said_so(mini_id):
    # Alpha's implied 3,000 casualties (no scope recorded; 300 + 2,700) and Beta's about 2,000 killed and about 5,000
    # casualties of all deployments, against an article of the first deployment; Beta's implied rate of the same
    # figures is left out (it states figures of that scope); a like-for-like row is not named
    beta = dict(later_scope="all deployments", like=False, article_scope="first deployment",
                later_date="2025-09-02")
    rows = pd.DataFrame([
        comparison(("a-k", "a-w"), point(3000), "Beta Officials", ("b-c1",), point(4000), point(0.75), "other scope",
                   metric="casualties", later_claimant="Alpha", later_status="implied", later_date="2025-01-13",
                   like=False, article_scope="first deployment"),
        comparison(("b-k2",), point(2000), "Gamma", ("c-k",), point(900), point(0.45), "other scope", **beta),
        comparison(("b-k2",), point(2000), "Alpha", ("a-k",), point(300), point(0.15), "other scope", **beta),
        comparison(("b-c2",), point(5000), "Gamma", ("c-k",), point(900), point(0.18), "other scope",
                   metric="casualties", **beta),
        comparison(("b-c2", "b-k2"), point(0.4), "Gamma", ("c-k",), point(900), point(0.18), "other scope",
                   metric="casualty_rate", later_status="implied", **beta),
        comparison(("b-k1",), point(1000), "Gamma", ("c-k",), point(900), point(0.9), "latest")])
    assert words.unlike(rows, mini_id, refs) == (
        "Not compared, as they count another scope than the article’s (first deployment), so the difference may be "
        "one of scope, not of fact: Alpha (a scope not recorded): implied: 3,000 casualties (2025-01-13)[a-k, a-w]; "
        "Beta Officials (all deployments): 2,000 killed (2025-09-02; war dead read by us as killed)[b-k2], about "
        "5,000 casualties (2025-09-02)[b-c2].")
    assert words.unlike(rows.iloc[5:], mini_id, refs) == "" == words.unlike(rows.iloc[:0], mini_id, refs)


def test_caveats__how_claimants_count__whole():
    assert words.caveats(later=False) == [
        "Claimants count in their own ways: “casualties” may include the missing and captured, and “losses” need not "
        "mean deaths; each later claim’s notes (the later ledger) say how it was read, and where the metric is our "
        "reading, the brief says so beside it."]


def comparison(later_ids, later, article_claimant, article_ids, article, ratio, pick, **cells):
    out = dict(metric="killed", article_claimant=article_claimant, article_status="stated", article_ids=article_ids,
               article_date="2025-01-13", article_scope="", article=article, later_claimant="Beta Officials",
               later_status="stated", later_ids=later_ids, later_date="", later_scope="", later=later,
               group="later", like=True, pick=pick, ratio=ratio, ratio_read=ratio, open_bound="", verdict="lower",
               echo=())
    out.update(cells)
    return out


def test_comparison_table__two_figures_two_article_claimants_nearer_echoes_and_an_empty_cell(mini_id):
    k1, k2 = dict(later_date="2025-02"), dict(later_date="2025-09-02")
    rows = pd.DataFrame([
        comparison(("b-k1",), point(1000), "Alpha", ("a-k",), point(300), point(0.3), "nearest in date", **k1),
        comparison(("b-k1",), point(1000), "Gamma", ("c-k",), point(900), point(0.9), "nearest in date", **k1,
                   echo=("b-k1", "c-k")),
        comparison(("b-k2",), point(2000), "Alpha", ("a-k",), point(300), point(0.15), "latest", **k2,
                   echo=("a-k", "b-k2")),
        comparison(("b-k2",), point(2000), "Gamma", ("c-k",), point(900), point(0.45), "latest", **k2),
        # a casualties figure set against Gamma's only: Alpha's cell and figure stay empty; listed after killed
        comparison(("b-c1",), point(4000), "Gamma", ("c-k",), point(900), point(0.225), "latest", metric="casualties",
                   later_date="2025-02")])
    # which of the article's claimants lies nearer each figure: Gamma's for b-k1 (the other rows are another
    # figure's or another quantity's)
    near = pd.DataFrame([(("zz",), "killed", "Alpha", "Gamma"), (("b-k1",), "wounded", "Alpha", "Gamma"),
                         (("b-k1",), "killed", "Gamma", "Alpha")], columns=["later_ids", "metric", "nearer", "farther"])
    # Gamma's c-k may derive from Beta's b-k1 (lineage); Beta's b-k2 is of about Alpha's a-k's date. The other rows
    # name one of a pair's claims with another claim.
    echo = pd.DataFrame([("b-k1", "Beta Officials", "zz", "Zed", "earlier"), ("zz", "Zed", "c-k", "Gamma", "earlier"),
                         ("zz", "Zed", "b-k1", "Beta Officials", "earlier"), ("c-k", "Gamma", "zz", "Zed", "earlier"),
                         ("c-k", "Gamma", "b-k1", "Beta Officials", "lineage"),
                         ("b-k2", "Beta Officials", "a-k", "Alpha", "same time")],
                        columns=["claim_id", "claimant", "echoes", "echoes_claimant", "kind"])
    said = words.comparison_table(rows, near, echo, mini_id, refs)
    assert said["columns"] == ["Alpha", "Gamma"] and said["unlike"] == ""
    killed, casualties = said["groups"]
    assert (killed["name"], killed["heading"], killed["article"]) == ("killed", "Killed: the article’s",
                                                                       ["about 300", "about 900"])
    # the relay and our reading stay in the later claims table the footnote links to
    assert [(r["later"], r["when"], r["cells"]) for r in killed["rows"]] == [
        ("Jane Roe (Beta Officials): potentially 1,000 (2025-02)[b-k1]", "",
         ["0.30: lower", "0.90: lower; nearer; the article’s may echo it"]),
        ("Jane Roe (Beta Officials): 2,000 (2025-09-02; war dead read by us as killed)[b-k2]", "",
         ["0.15: lower; it may echo the article’s", "0.45: lower"])]
    assert casualties["article"] == ["", "about 900"]
    assert [(r["later"], r["cells"]) for r in casualties["rows"]] == [
        ("Beta Officials: about 4,000 (2025-02)[b-c1]", ["", "0.23: lower"])]
    # without a nearer table: no "nearer"
    assert "nearer" not in str(words.comparison_table(rows, near.iloc[:0], echo, mini_id, refs))


def test_comparison_table__an_implied_later_figure_against_an_attribution_of_ours(mini_id):
    # Alpha's 300 + 2,700 = 3,000 implied casualties at the same time, against Iota's about 500 (attributed by us):
    # 500 / 3,000 = 0.17
    rows = pd.DataFrame([comparison(("a-k", "a-w"), point(3000), "Iota", ("i-k",), point(500), point(500 / 3000),
                                    "nearest in date and latest", metric="casualties", later_claimant="Alpha",
                                    later_status="implied", later_date="2025-01-13", group="same_time")])
    said = words.comparison_table(rows, NO_NEAR, NO_ECHO, mini_id, refs)
    assert said["columns"] == ["Iota"]
    (g,) = said["groups"]
    assert g["article"] == ["about 500 (our attribution)"]
    assert [(r["later"], r["when"], r["cells"]) for r in g["rows"]] == [
        ("Alpha: 3,000, implied by its figures (2025-01-13)[a-k, a-w]", "at the same time", ["0.17: lower"])]
    assert words.comparison_table(rows.iloc[:0], NO_NEAR, NO_ECHO, mini_id, refs) == dict(
        columns=[], groups=[], unlike="")


def step(claimant, metric, k, ids, date, scope, value=None, status="stated", ratio=None, direction=None,
         changed=False):
    return dict(claimant=claimant, metric=metric, step=k, group="article" if k == 0 else "later", ids=ids,
                status=status, date=date, scope=scope, value=value, bound="approximate", ratio=ratio,
                compared=None if k == 0 else "figure", direction=direction, scope_changed=changed)


def test_revision_sentences__order_implied_figures_and_other_scopes_in_one_sentence(mini_id):
    beta, alpha = "Beta Officials", "Alpha"
    revisions = pd.DataFrame([
        step(beta, "killed", 0, ("b-k1",), "2025-02", "first deployment", point(1000)),
        step(beta, "killed", 1, ("b-k2",), "2025-09-02", "all deployments", point(2000), changed=True),
        step(beta, "killed", 2, ("b-k3",), "", "later deployments", point(9), changed=True),
        step(beta, "casualties", 0, ("b-c1",), "2025-02", "first deployment", point(4000)),
        step(beta, "casualties", 1, ("b-c2",), "2025-09-02", "first deployment", point(5000), ratio=point(1.25),
             direction="higher"),
        step(alpha, "casualties", 0, ("a-k", "a-w"), "2025-01-13", "", point(3000), status="implied"),
        step(alpha, "casualties", 1, ("a-c2",), "2025-06", "", point(4000), ratio=point(4000 / 3000),
             direction="higher"),
        step(beta, "wounded", 0, ("b-w1",), "2025-02", "first deployment", point(3000)),
        step(beta, "wounded", 1, ("b-w2",), "2025-09-02", "all deployments", point(4000), changed=True)])
    radio = {"https://radio.example/": "Radio One"}  # a-c2 was read in Radio One, its relay: not named again
    assert [str(t) for t in words.revision_sentences(revisions, mini_id, refs, radio)] == [
        "Beta Officials’ casualties figures: about 4,000 (2025-02)[b-c1]; then about 5,000 (2025-09-02)[b-c2], 1.25 "
        "times the previous figure: higher.",
        "Alpha’s casualties figures: 3,000, implied by its figures (2025-01-13)[a-k, a-w]; then about 4,000 "
        "(2025-06)[a-c2], 1.33 times the previous figure: higher.",
        "Beta Officials’ killed and wounded figures of 2025-09-02 count all deployments, not first deployment: not "
        "revisions of its earlier figures, so not compared[b-k2, b-w2].",
        "Beta Officials’ killed figures of no date count later deployments, not all deployments: not revisions of "
        "its earlier figures, so not compared[b-k3]."]


def test_echo_sentences__reasons_grouped_in_ledger_order(mini):
    echo = pd.DataFrame([("e-k", "Echo Desk", "a-k", "Alpha", "lineage"),
                         ("e-k", "Echo Desk", "y-k", "Ypsilon", "earlier"),
                         ("e-k", "Echo Desk", "x-k", "Xi Desk", "earlier")],
                        columns=["claim_id", "claimant", "echoes", "echoes_claimant", "kind"])
    # e-k is dated by its publication (no as_of); the echoed claims by figure, date and footnote only
    assert words.echo_sentences(echo, mini, refs) == [
        "Echo Desk’s about 1,000 killed (2025-02-04)[e-k] may echo Alpha’s about 300 (2025-01-13)[a-k] "
        "(the ledger notes it may derive from the other); and Ypsilon’s about 1,000 (2024-12)[y-k] and Xi Desk’s "
        "about 1,000 (2025-01-20)[x-k] (earlier identical figures from other claimants)."]


NO_NEAR = pd.DataFrame(columns=["later_ids", "metric", "nearer", "farther"])
NO_ECHO = pd.DataFrame(columns=["claim_id", "claimant", "echoes", "echoes_claimant", "kind"])


def test_comparison_table__one_later_figure_against_an_implied_figure_capped_by_an_up_to_claim(mini_id):
    # Alpha's about 300 killed + up to 2,700 wounded imply 300-3,000 casualties, capped by the "up to": against
    # Beta's about 5,000 the ratio is 300 / 5,000 = 0.06 to 3,000 / 5,000 = 0.60, said "at most 0.60".
    rows = pd.DataFrame([comparison(("b-c2",), point(5000), "Alpha", ("a-k", "a-w2"), Interval(300, 3000),
                                    Interval(0.06, 0.6), "nearest in date and latest", metric="casualties",
                                    article_status="implied", later_date="2025-09-02", open_bound="at_most")])
    (g,) = words.comparison_table(rows, NO_NEAR, NO_ECHO, mini_id, refs)["groups"]
    assert g["article"] == ["300–3,000 (implied)"]
    assert [(r["later"], r["cells"]) for r in g["rows"]] == [
        ("Beta Officials: about 5,000 (2025-09-02)[b-c2]", ["at most 0.60: lower"])]


def test_comparison_table__at_the_same_time_two_figures_of_one_claimant(mini_id):
    # 4,000 / 4,000 = 1.00 (the same figure); 4,000 / 5,000 = 0.80
    rows = pd.DataFrame([
        comparison(("b-c1",), point(4000), "Alpha", ("a-c2",), point(4000), point(1.0), "nearest in date",
                   metric="casualties", later_date="2025-02", group="same_time", verdict="the same"),
        comparison(("b-c2",), point(5000), "Alpha", ("a-c2",), point(4000), point(0.8), "latest",
                   metric="casualties", later_date="2025-09-02", group="same_time")])
    (g,) = words.comparison_table(rows, NO_NEAR, NO_ECHO, mini_id, refs)["groups"]
    assert [(r["later"], r["when"], r["cells"]) for r in g["rows"]] == [
        ("Beta Officials: about 4,000 (2025-02)[b-c1]", "at the same time", ["1.00: the same figure"]),
        ("Beta Officials: about 5,000 (2025-09-02)[b-c2]", "at the same time", ["0.80: lower"])]


def test_comparison_note__says_how_to_read_each_mark_with_the_briefs_tolerance_and_draws():
    note = words.comparison_note("10%", "200,000")
    assert note == (
        "The comparisons table’s ratios: the article’s figure ÷ the other claimant’s of the same quantity and scope, "
        "by interval arithmetic on the figures as stated (“at most” where an open bound — “up to”, “more than” — caps "
        "the ratio, “at least” where it floors it): lower or higher where the whole ratio, each “about” read as ±10%, "
        "lies below or above 1; consistent where it spans 1 (consistent*: as stated it misses 1, and only our "
        "tolerance on “about” reaches it); “nearer”: of the article’s figures, the one whose ratio as stated lies "
        "nearer 1; “may echo”: see below. Of each claimant’s like-for-like figures the table uses the one nearest "
        "the article’s in date and the latest; <em>implied</em> figures as in <em>Method</em>. Each ratio’s band "
        "under the brief’s readings (200,000 seeded draws) is in results.json (<code>hindsight</code>).")
    assert "&lt;" in words.comparison_note("<b>", "1")  # the values are escaped, the note's own markup kept


def test_when__only_a_claim_of_the_articles_time_is_marked():
    # the later claims list and the comparisons table mark "at the same time" only; a later claim is the rule
    assert words.when("same_time") == "at the same time"
    assert words.when("later") == "" == words.when("")
