"""What later reports said: the later ledger, the timeline, hindsight. Expectations worked out by hand from the reports.

NIS, 30 April 2025: about 600 killed, 4,700 casualties, 4,100 injured, 15,000 sent; 2 September 2025: about 2,000
killed. Western officials to the BBC, January 2025: about 1,000 killed and 3,000 wounded. UK MoD: more than 5,000
casualties (March 2025), more than 6,000 (15 June 2025). The article: NIS about 300 killed and 2,700 wounded,
CSIS potentially 1,000 killed.
"""

import csv
import datetime as dt
import math
import warnings

import numpy as np
import pandas as pd
import pytest

from analysis.uncertainty import derive
from analysis.judgments import hindsight as later
from analysis.ledger import selection
from analysis.errors import LedgerError
from analysis.ledger.validate import validate

from conftest import ROOT

LATER = ROOT / "data" / "later-reports.csv"
SOURCES = ROOT / "data" / "sources.csv"
DRAWS = 20_000


@pytest.fixture(scope="module")
def article():
    return validate(ROOT / "data" / "claims.csv")


@pytest.fixture(scope="module")
def combined(article):
    return later.combine(article, later.load(LATER, article))


# ------------------------------------------------------------------------------------------------ the data

def test_every_later_row_is_dated_and_cited(combined):
    rows = combined[combined["source"] == "later"]
    assert len(rows) >= 14  # the reports found for issue 11; more may be added
    for _, r in rows.iterrows():
        assert r["source_url"].startswith("https://"), r["claim_id"]
        assert r["published"] and r["as_of"], f"{r['claim_id']}: needs both dates"
        assert r["as_of"] <= r["published"] or r["published"].startswith(r["as_of"]), r["claim_id"]
        assert len(r["quote"].split()) <= 12, f"{r['claim_id']}: quote only the few words carrying the figure"


def test_every_figure_is_in_its_quote_across_both_files(article, tmp_path):
    # The ledger's own rule (every low/best/high appears in the quote), on both files read as one.
    a = pd.read_csv(ROOT / "data" / "claims.csv", dtype=str, keep_default_na=False)
    b = pd.read_csv(LATER, dtype=str, keep_default_na=False)
    both = tmp_path / "both.csv"
    pd.concat([a, b]).fillna("").to_csv(both, index=False)
    assert len(validate(both)) == 6 + 17  # the article's six claims and the later ledger's seventeen


def test_sources_describe_every_report_and_point_only_inside(combined):
    s = pd.read_csv(SOURCES, dtype=str, keep_default_na=False)
    assert list(s.columns) == ["source_url", "outlet", "headline", "kind", "published", "description",
                               "reliability", "credibility", "grade_reason"]
    assert set(combined["source_url"]) <= set(s["source_url"])
    later_urls = set(combined.loc[combined["source"] == "later", "source_url"])
    assert (s[s["source_url"].isin(later_urls)]["published"] != "").all()
    assert (s["outlet"] != "").all()


def test_revisions_are_chained_across_files(combined):
    by_id = combined.set_index("claim_id")
    assert by_id.at["nis-2025-09-killed", "supersedes"] == "nis-2025-04-killed"
    assert by_id.at["nis-2025-04-killed", "supersedes"] == "nis-killed"       # into data/claims.csv
    assert by_id.at["nis-2025-04-wounded", "supersedes"] == "nis-wounded"
    assert by_id.at["uk-2025-06-casualties", "supersedes"] == "uk-2025-03-casualties"


# ------------------------------------------------------------------------------------------- the loader

def _write_later(tmp_path, **change):
    rows = list(csv.DictReader(LATER.open(encoding="utf-8")))
    rows = [r for r in rows if r["claim_id"] == "nis-2025-04-killed"]
    rows[0].update(change)
    path = tmp_path / "later.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return path


def test_an_id_used_in_both_files_is_refused(article, tmp_path):
    path = _write_later(tmp_path, claim_id="nis-killed", supersedes="")
    with pytest.raises(LedgerError) as e:
        later.load(path, article)
    (p,) = e.value.problems
    assert (p.path, p.line, p.column) == ("later.csv", 2, "claim_id")
    assert "also a claim id in the article's ledger" in p.message


def test_supersedes_into_the_article_names_another_claimants_claim(article, tmp_path):
    path = _write_later(tmp_path, supersedes="csis-killed")
    with pytest.raises(LedgerError) as e:
        later.load(path, article)
    (p,) = e.value.problems
    assert (p.path, p.line, p.column) == ("later.csv", 2, "supersedes")
    assert "CSIS's killed, not NIS's killed" in p.message


def test_a_bad_row_is_named_in_the_later_file_not_a_copy(article, tmp_path):
    path = _write_later(tmp_path, best="650")  # 650 is not in "about 600 had been killed"
    with pytest.raises(LedgerError) as e:
        later.load(path, article)
    (p,) = e.value.problems
    assert (p.path, p.line, p.column) == ("later.csv", 2, "quote")
    assert "650" in p.message


def test_a_scope_the_scopes_beside_the_later_file_do_not_list_is_refused(article, tmp_path):
    (tmp_path / "scopes.csv").write_text("scope,description\nall deployments,Every contingent.\n", encoding="utf-8")
    path = _write_later(tmp_path, scope="later deployments")
    with pytest.raises(LedgerError) as e:
        later.load(path, article)
    (p,) = e.value.problems
    assert (p.path, p.line, p.column) == ("later.csv", 2, "scope")
    assert p.message == "'later deployments' is not a scope listed in scopes.csv (all deployments)"


def test_supersedes_naming_no_claim_in_either_file(article, tmp_path):
    path = _write_later(tmp_path, supersedes="nis-killed-typo")
    with pytest.raises(LedgerError) as e:
        later.load(path, article)
    assert "nis-killed-typo" in str(e.value) and "later.csv:2" in str(e.value)


# ---------------------------------------------------------------------------- as_of, before and after revisions

@pytest.mark.parametrize("as_of, killed", [
    ("2025-04-29", None),    # only the article's nis-killed is known: no later NIS figure yet
    ("2025-04-30", 600.0),   # the April briefing
    ("2025-09-01", 600.0),
    ("2025-09-02", 2000.0),  # the September revision
    ("", 2000.0),
])
def test_nis_latest_killed_before_and_after_each_revision(combined, as_of, killed):
    latest = later.latest_later(combined, as_of or None)
    nis = latest[(latest["claimant"] == "NIS") & (latest["metric"] == "killed")]
    assert (nis["best"].tolist() or [None]) == [killed]


@pytest.mark.parametrize("as_of, claimant, low", [
    ("2025-02", "NIS", None), ("2025-03", "NIS", 4000.0), ("2025-04-29", "NIS", 4000.0), ("2025-04-30", "NIS", None),
    ("2025-03", "UK MoD", 5000.0), ("2025-06-14", "UK MoD", 5000.0), ("2025-06-15", "UK MoD", 6000.0),
])
def test_latest_casualties_before_and_after_each_revision(combined, as_of, claimant, low):
    latest = later.latest_later(combined, as_of)
    row = latest[(latest["claimant"] == claimant) & (latest["metric"] == "casualties")]
    if low is None and as_of == "2025-04-30":
        assert row["bound"].tolist() == ["approximate"] and row["best"].tolist() == [4700.0]
    else:
        assert (row["low"].tolist() or [None]) == [low]


def test_nis_april_implies_4100_wounded_and_6_8_wounded_per_killed(combined):
    # 4,700 casualties - 600 killed = 4,100 wounded (what Lee also said); 4,100 / 600 = 6.83 wounded per killed.
    april = later.latest_later(combined, "2025-04-30")
    nis = april[(april["claimant"] == "NIS") & (april["metric"] != "wounded")]
    figures = derive.stated_figures(nis)["NIS"]
    assert figures["wounded"].status == "implied"
    assert figures["wounded"].value.point == pytest.approx(4100)
    assert figures["wounded_per_killed"].value.point == pytest.approx(4100 / 600)
    assert round(figures["wounded_per_killed"].value.point, 2) == 6.83
    assert figures["casualty_rate"].value.point == pytest.approx(100 * 4700 / 15000)  # 31.3 % of all 15,000 sent


# ------------------------------------------------------------------------------------------------- hindsight

def test_same_time_until_fourteen_days_after_the_articles_latest_claim():
    # the article's latest claim: CSIS, 4 February 2025; 14 days on is 18 February
    assert later.same_time_until(selection.latest(validate(ROOT / "data" / "claims.csv"))) == "2025-02-18"
    claims = pd.DataFrame({"as_of": ["2025-01", "2024"], "published": ["", ""]})
    assert later.same_time_until(claims) == "2025-02-14"  # the month's last day, 31 January, and 14 days
    assert later.same_time_until(claims.assign(as_of=["2024", ""])) == "2025-01-14"
    assert later.same_time_until(claims.assign(as_of=["", ""])) == ""  # an undated article: everything is later
    assert later.last_day("2024-02") == dt.date(2024, 2, 29)


@pytest.mark.parametrize("date, group", [
    ("2025-01", "same_time"),     # Western officials, by mid-January
    ("2025-02", "same_time"),     # HUR: February may mean 1 February, before the 18th
    ("2025-02-18", "same_time"), ("2025-02-19", "later"),
    ("2025-03", "later"),         # NIS's mid-March briefing
    ("", "later"),                # an undated claim of the later ledger
])
def test_group_of_a_date(date, group):
    assert later.group_of(date, "2025-02-18") == group
    assert later.group_of(date, "") == "later"  # the article dates nothing: no claim is "at the same time"


@pytest.fixture(scope="module")
def h(article, combined):
    return later.analyse(selection.latest(article), combined, draws=DRAWS, seed=7)


def _rows(table, metric, article_claimant, later_claimant):
    return table[(table["metric"] == metric) & (table["article_claimant"] == article_claimant)
                 & (table["later_claimant"] == later_claimant)]


def test_no_contemporaneous_claim_is_labelled_later(h):
    t = h.comparisons
    assert set(t.loc[t["group"] == "same_time", "later_claimant"]) == {"Western officials", "Ukraine", "HUR"}
    assert not (t["later_claimant"].isin(["Western officials", "Ukraine", "HUR"]) & (t["group"] == "later")).any()


def test_force_size_pairs_like_with_like(h):
    # NIS's 10,000-11,000 (first deployment) against the UK's about 11,000 "initially deployed" (first deployment):
    # 10,000 / 11,000 = 0.909 to 11,000 / 11,000 = 1.0, and with +/-10 % on "about" 10,000 / 12,100 = 0.826 to
    # 11,000 / 9,900 = 1.11: consistent. NIS's own about 15,000 counts all deployments: named, not compared.
    (uk,) = [r for _, r in _rows(h.comparisons, "deployed", "NIS", "UK MoD").iterrows()]
    assert (uk["like"], uk["group"], uk["pick"], uk["verdict"]) == (True, "later", "nearest in date and latest",
                                                                   "consistent")
    assert (uk["ratio"].low, uk["ratio"].high) == pytest.approx((10_000 / 11_000, 1.0))
    assert (uk["ratio_read"].low, uk["ratio_read"].high) == pytest.approx((10_000 / 12_100, 11_000 / 9_900))
    (nis,) = [r for _, r in _rows(h.comparisons, "deployed", "NIS", "NIS").iterrows()]
    assert (nis["like"], nis["pick"], nis["later_scope"]) == (False, "other scope", "all deployments")


def test_nis_mid_march_casualties_test_the_implied_3000(h):
    # NIS's 300 + 2,700 = 3,000 against its own "more than 4,000" of mid-March, the same first deployment:
    # 3,000 / 4,000 = 0.75 at most ("more than" states no upper end), lower
    (r,) = [r for _, r in _rows(h.comparisons, "casualties", "NIS", "NIS").iterrows()]
    assert (r["article_status"], r["later_ids"], r["like"], r["open_bound"]) == (
        "implied", ("nis-2025-03-casualties",), True, "at_most")
    assert (r["ratio"].low, r["ratio"].high, r["verdict"]) == (0.0, 0.75, "lower")


def test_nearest_in_date_and_the_latest(h):
    # the UK's like-for-like figures: more than 5,000 (March 2025) is nearer 13 January than more than 6,000 (June):
    # 3,000 / 5,000 = 0.6 and 3,000 / 6,000 = 0.5, each at most
    rows = _rows(h.comparisons, "casualties", "NIS", "UK MoD")
    assert list(rows["pick"]) == ["nearest in date", "latest"]
    assert [r.high for r in rows["ratio"]] == [0.6, 0.5]
    assert list(rows["later_ids"]) == [("uk-2025-03-casualties",), ("uk-2025-06-casualties",)]


def test_csis_killed_is_western_officials_figure_and_may_echo_it(h):
    (r,) = [r for _, r in _rows(h.comparisons, "killed", "CSIS", "Western officials").iterrows()]
    assert (r["ratio"].point, r["verdict"], r["group"]) == (1.0, "the same", "same_time")  # 1,000 / 1,000
    assert r["echo"] == ("csis-killed", "west-2025-01-killed")
    (n,) = [r for _, r in h.nearer.iterrows()]  # |log 1.0| = 0 against |log 0.3| = 1.2: CSIS's is nearer
    assert (n["later_ids"], n["metric"], n["nearer"], n["farther"]) == (("west-2025-01-killed",), "killed", "CSIS",
                                                                         "NIS")


def test_a_figure_of_another_scope_is_named_not_compared(h):
    # NIS's September 2,000 killed counts all deployments; the article's 300 counts the first: no like-for-like row
    rows = _rows(h.comparisons, "killed", "NIS", "NIS")
    assert list(rows["like"]) == [False] and list(rows["later_ids"]) == [("nis-2025-09-killed",)]


def test_an_open_later_bound_caps_the_ratio_never_a_figure(h):
    # NIS's implied 3,000 casualties (300 + 2,700) against the UK's "more than 6,000": 3,000 / 6,000 = 0.5 is a
    # ceiling; "more than" states no upper end, so the ratio has no floor of its own (0, never an assumption of ours).
    r = _rows(h.comparisons, "casualties", "NIS", "UK MoD").iloc[-1]
    assert r["open_bound"] == "at_most"
    assert (r["ratio"].low, r["ratio"].high) == (0.0, 0.5)
    from analysis.wording.hindsight import ratio_words
    assert ratio_words(r["ratio"], r["open_bound"]) == "at most 0.50"


def test_an_up_to_article_claim_stays_a_bound(h):
    # CSIS "as high as 50%" against the UK's implied more than 6,000 / about 11,000 = 54.5 %: at most 50 / 54.5 = 0.92
    (r,) = [r for _, r in _rows(h.comparisons, "casualty_rate", "CSIS", "UK MoD").iterrows()]
    assert r["open_bound"] == "at_most"
    assert r["ratio"].high == pytest.approx(50 / (100 * 6000 / 11000))
    assert r["ratio"].low == 0  # "as high as" states no low end: no floor of ours enters the stated ratio


def test_wounded_per_killed_at_the_same_time(h):
    # Western officials: 3,000 / 1,000 = 3.0 wounded per killed; NIS 2,700 / 300 = 9.0: 3.0 times theirs
    (r,) = [r for _, r in _rows(h.comparisons, "wounded_per_killed", "NIS", "Western officials").iterrows()]
    assert (r["ratio"].point, r["verdict"]) == (pytest.approx(3.0), "higher")


def test_before_any_later_report_there_is_no_hindsight(article, combined):
    early = later.analyse(selection.latest(article), combined, draws=DRAWS, seed=7, as_of="2024-12")
    assert early.comparisons.empty and early.revisions.empty


def _steps(h, claimant, metric):
    r = h.revisions
    return r[(r["claimant"] == claimant) & (r["metric"] == metric)]


def test_nis_revised_killed_300_600_2000_and_the_scope_widened(h):
    steps = _steps(h, "NIS", "killed")
    assert [v.point for v in steps["value"]] == [300, 600, 2000]
    assert list(steps["date"]) == ["2025-01-13", "2025-04-30", "2025-09-02"]
    assert [None if r is None else r.point for r in steps["ratio"]] == [None, 2.0, pytest.approx(2000 / 600)]
    assert list(steps["direction"])[1:] == ["higher", "higher"]
    assert list(steps["scope_changed"]) == [False, True, False]  # first deployment, then all deployments


def test_nis_wounded_per_killed_fell_from_9_0_to_6_8(h):
    steps = _steps(h, "NIS", "wounded_per_killed")
    assert [v.point for v in steps["value"]] == [9.0, pytest.approx(4100 / 600)]  # 2,700 / 300; 4,100 / 600
    assert steps["ratio"].iloc[1].point == pytest.approx((4100 / 600) / 9.0)
    assert steps["direction"].iloc[1] == "lower"


def test_nis_casualties_3000_then_more_than_4000_then_4700(h):
    steps = _steps(h, "NIS", "casualties")
    assert list(steps["status"]) == ["implied", "stated", "stated"]
    up, then = steps["ratio"].iloc[1], steps["ratio"].iloc[2]
    assert (up.low, up.high, steps["direction"].iloc[1]) == (4000 / 3000, math.inf, "higher")
    # about 4,700 after "more than 4,000": at most 4,700 / 4,000 = 1.175 times, which spans 1: consistent with it
    assert (then.low, then.high, steps["direction"].iloc[2]) == (0.0, 4700 / 4000, "consistent")


def test_uk_raised_its_floor_from_5000_to_6000(h):
    steps = _steps(h, "UK MoD", "casualties")
    r = steps.iloc[1]
    assert (r["compared"], r["ratio"].point, r["direction"]) == ("floor", 1.2, "higher")


def test_echoes_across_every_quantity(h):
    # an identical figure another claimant gave earlier (or in overlapping dates), and the ledger's own lineage
    got = {(r["claim_id"], r["echoes"], r["kind"]) for _, r in h.echoes.iterrows()}
    assert got == {
        ("csis-killed", "west-2025-01-killed", "earlier"),           # 1,000 killed: January, then 4 February
        ("csis-deployed", "nis-deployed", "lineage"),                 # the ledger's lineage (nis-deployed is undated)
        ("uk-2025-06-deployed", "csis-deployed", "earlier"),          # about 11,000 deployed
        ("hur-2025-02-casualties", "ukr-2025-02-casualties", "lineage"),
        ("nis-2025-03-casualties", "ukr-2025-02-casualties", "earlier"),  # 4,000 casualties, from February
        ("nis-2025-03-casualties", "hur-2025-02-casualties", "earlier"),
        ("jcs-2025-03-casualties", "ukr-2025-02-casualties", "earlier"),
        ("jcs-2025-03-casualties", "hur-2025-02-casualties", "earlier"),
        ("jcs-2025-03-casualties", "nis-2025-03-casualties", "same time"),  # March against 27 March
    }


# -------------------------------------------------------------------------------------------------- timeline

def test_timeline_joins_killed_and_wounded_into_implied_casualties(combined):
    tl = later.timeline(combined)
    cas = tl[(tl["metric"] == "casualties") & (tl["status"] == "implied")].set_index("claimant")
    assert cas.at["NIS", "point"] == 3000          # 300 + 2,700, the article's, dated by the NIS briefing it reports
    assert cas.at["NIS", "source"] == "article" and cas.at["NIS", "date"] == "2025-01-13"
    assert cas.at["Western officials", "point"] == 4000  # 1,000 + 3,000
    assert cas.at["Western officials", "date"] == "2025-01"
    assert cas.at["Western officials", "x"] == pd.Timestamp("2025-01-15")  # a month sits at its middle


def test_the_chart_joins_a_claimants_figures_only_within_one_scope(combined):
    from analysis.present.later_chart import joins

    tl = later.timeline(combined)
    nis = tl[(tl["claimant"] == "NIS") & tl["x"].notna()]
    # killed: 300 (first deployment) stands alone; 600 and 2,000 (all deployments) are one line
    assert [ys for _, ys in joins(nis[nis["metric"] == "killed"])] == [[600, 2000]]
    # casualties: the implied 3,000 and "more than 4,000" (first deployment) one line, 4,700 (all) alone
    assert [ys for _, ys in joins(nis[nis["metric"] == "casualties"])] == [[3000, 4000]]
    assert set(tl.loc[tl["claimant"] == "Russia", "scope"]) == {"later deployments"}


def test_timeline_as_of_february_2025(combined):
    tl = later.timeline(combined, "2025-02")
    dated = tl[tl["date"] != ""]
    # the article: 13 Jan, 4 Feb; HUR's "about 4,000" is dated February 2025
    assert set(dated["claimant"]) == {"NIS", "CSIS", "Western officials", "Ukraine", "HUR"}
    assert set(dated["metric"]) == {"killed", "casualties", "deployed"}


@pytest.mark.integration  # draws the later chart twice
def test_chart_has_one_panel_per_metric_and_the_same_bytes_twice(combined):
    from analysis.present import charts
    from analysis.present import later_chart

    tl = later.timeline(combined)
    order = derive.claimant_order(combined)
    fig = later_chart.chart(tl, order)
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["Killed", "Casualties (killed + wounded)", "Troops deployed"]
    assert charts.png(fig) == charts.png(later_chart.chart(tl, order))
    st = later_chart.styles(order)
    assert len({(s["color"], s["marker"]) for s in st.values()}) == len(order)


def test_labels_do_not_overlap_each_other_or_markers():
    from analysis.present.later_chart import CHAR_W, TEXT_H, place_labels

    labels = [(0.1, 0.5, "Western officials"), (0.15, 0.5, "Ukraine"), (0.3, 0.5, "NIS")]
    points = [(0.1, 0.5), (0.15, 0.5), (0.3, 0.5)]
    spots = place_labels(labels, points)
    boxes = [(x, y - TEXT_H / 2, x + CHAR_W * len(t), y + TEXT_H / 2) for (x, y), (_, _, t) in zip(spots, labels)]
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            a, b = boxes[i], boxes[j]
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (labels[i], labels[j])
        for px, py in points:
            a = boxes[i]
            assert not (a[0] < px < a[2] and a[1] < py < a[3]), (labels[i], px, py)


def test_plot_dates():
    assert later._plot_date("2025-03") == pd.Timestamp("2025-03-15")
    assert later._plot_date("2025") == pd.Timestamp("2025-07-01")
    assert later._plot_date("") is None
    assert not math.isnan(later._plot_date("2025-04-30").value)


@pytest.mark.integration  # computes two whole briefs
def test_diff__article_brief_against_the_timeline__revisions_with_their_dates(tmp_path):
    """brief diff between the article's brief and the timeline brief lists NIS's revisions with their dates."""
    from analysis.brief import diff
    from analysis.brief import results
    from analysis.brief.compute import compute

    fast = dict(draws=2_000, sensitivity_draws=500)
    article = results.to_dict(compute(**fast))
    timeline = results.to_dict(compute(ledger=["data/claims.csv", "data/later-reports.csv"], **fast))
    shown = {str(c) for c in diff.compare(article, timeline)}
    assert "NIS killed: 300 (2025-01-13) → 2,000 (2025-09-02)" in shown  # the NIS briefing of 2 September 2025
    assert "NIS wounded: 2,700 (2025-01-13) → 4,100 (2025-04-30)" in shown


def test_echoes_of_a_brief_without_nis(combined):
    # a brief of CSIS alone shows the later claims and CSIS's: rows keep their ledger index (not 0, 1, 2 …)
    got = {(r["claim_id"], r["echoes"], r["kind"]) for _, r in later.echoes(combined[combined["claimant"] != "NIS"]
                                                                             ).iterrows()}
    assert got == {("csis-killed", "west-2025-01-killed", "earlier"),
                   ("uk-2025-06-deployed", "csis-deployed", "earlier"),
                   ("hur-2025-02-casualties", "ukr-2025-02-casualties", "lineage"),
                   ("jcs-2025-03-casualties", "ukr-2025-02-casualties", "earlier"),
                   ("jcs-2025-03-casualties", "hur-2025-02-casualties", "earlier")}


def test_a_later_draw_with_more_casualties_than_troops_is_dropped_as_the_briefs_own_are(h):
    # Issue 20, finding 6. The UK's "more than 6,000" casualties of about 11,000 troops (15 June 2025): "at least X"
    # read as X to 2X (6,000-12,000) and "about" as +/-10 % (9,900-12,100), so some draws put more casualties than
    # troops: a rate above 100 %, which Method says is dropped. Each such draw is left out of every ratio (NaN), as
    # the brief's own bands leave it out, and the share of draws in which the article's is lower counts only the
    # draws kept.
    (r,) = [r for _, r in _rows(h.comparisons, "casualty_rate", "NIS", "UK MoD").iterrows()]
    snaps = later.snapshots(selection.latest(h.article_claims), h.combined, draws=DRAWS, seed=7)
    uk = next(s for s in snaps if s.claimant == "UK MoD" and s.date == "2025-06-15")
    rate = uk.mc["casualty_rate"].value
    kept = rate[~pd.isna(rate)]
    assert 0 < len(kept) < len(rate)                  # some draws were dropped, not all
    assert kept.max() <= 100
    assert pd.isna(uk.mc["casualties"].value).sum() == len(rate) - len(kept)  # the whole draw, every quantity
    assert 0 <= r["p_below"] <= 1 and r["draws_kept"] == len(kept)


# ------------------------------------------------------------------ small hand-made cases (mutation testing, issue 10)
# Every expectation below is worked out by hand from the figures written in the test, not read off the code.

from analysis.uncertainty.derive import Quantity  # noqa: E402
from analysis.uncertainty.intervals import Interval  # noqa: E402
from ledgers import row, write  # noqa: E402

NAN = math.nan


def test_level__a_figure_a_bound_at_its_stated_end_a_range_mid_way():
    assert later._level(Interval(270, 330, 300)) == 300               # "about 300": its figure
    assert later._level(Interval(5000, math.inf, open_high=True)) == 5000  # "more than 5,000": at 5,000
    assert later._level(Interval(0, 50, open_low=True)) == 50           # "as high as 50": at 50
    assert later._level(Interval(10_000, 11_000)) == 10_500             # 10,000-11,000: half-way


def test_last_day_of_a_year_a_month_and_a_day():
    assert later.last_day("2025") == dt.date(2025, 12, 31)
    assert later.last_day("2025-02") == dt.date(2025, 2, 28)
    assert later.last_day("2025-04") == dt.date(2025, 4, 30)
    assert later.last_day("2025-04-07") == dt.date(2025, 4, 7)


def test_same_time_until_counts_the_days_asked_for():
    claims = pd.DataFrame({"as_of": ["2025-01-13", "2025-02-04"], "published": ["", ""]})
    assert later.same_time_until(claims, days=0) == "2025-02-04"
    assert later.same_time_until(claims, days=1) == "2025-02-05"
    assert later.same_time_until(claims) == "2025-02-18"  # 4 February and 14 days
    # a published date stands in for a blank as_of: 20 March and 14 days is 3 April
    assert later.same_time_until(pd.DataFrame({"as_of": ["", "2025-01"], "published": ["2025-03-20", ""]})) \
        == "2025-04-03"


def test_plot_date_of_a_day_is_that_day():
    assert later._plot_date("2025-04-30") == pd.Timestamp("2025-04-30")
    assert later._plot_date("2024") == pd.Timestamp("2024-07-01")


def test_days_between_claim_dates():
    assert later._days("2025-01-13", "2025-01-20") == 7
    assert later._days("2025-01-20", "2025-01-13") == 7               # either way round
    assert later._days("2025-01-13", "2025-02") == 33                 # February at its middle, the 15th
    assert later._days("2025-01-13", "") == math.inf                  # an undated figure is nowhere near
    # no anchor: the days from the start of time to the figure's first day (1 January 2025), so the earliest is
    # the nearest
    assert later._days("", "2025-01") == float(dt.date(2025, 1, 1).toordinal())
    assert later._days("", "2025-03-02") == float(dt.date(2025, 3, 2).toordinal())
    assert later._days("", "") == math.inf


def test_ratio_keeps_the_open_ends_of_its_terms():
    r = later._ratio(Interval(10, 20, 15), Interval(5, 10, 5))
    assert (r.low, r.high, r.point, r.open_low, r.open_high) == (1.0, 4.0, 3.0, False, False)  # 10/10, 20/5, 15/5
    # "as high as 20" over 5-10: 0/10 to 20/5, its low end open (the source gave none)
    r = later._ratio(Interval(0, 20, open_low=True), Interval(5, 10))
    assert (r.low, r.high, r.open_low, r.open_high) == (0.0, 4.0, True, False)
    # 10-20 over "at least 5": 10/inf = 0 to 20/5 = 4, low end open
    r = later._ratio(Interval(10, 20), Interval(5, math.inf, open_high=True))
    assert (r.low, r.high, r.open_low, r.open_high) == (0.0, 4.0, True, False)
    # "at least 10" over 5-10: 10/10 = 1 to infinity, high end open
    r = later._ratio(Interval(10, math.inf, open_high=True), Interval(5, 10))
    assert (r.low, r.high, r.open_low, r.open_high) == (1.0, math.inf, False, True)
    # 10-20 over "as high as 10": 10/10 = 1 to 20/0 = infinity, high end open
    r = later._ratio(Interval(10, 20), Interval(0, 10, open_low=True))
    assert (r.low, r.high, r.open_low, r.open_high) == (1.0, math.inf, False, True)


@pytest.mark.parametrize("ratio, read, verdict", [
    (Interval(NAN, 2.0), Interval(0.5, 2.0), "undefined"),
    (Interval(0.5, NAN), Interval(0.5, 2.0), "undefined"),
    (Interval(0.5, 2.0), Interval(NAN, 2.0), "undefined"),
    (Interval(0.5, 2.0), Interval(0.5, NAN), "undefined"),
    (Interval(1.0, 1.0, 1.0), Interval(0.8, 1.2), "the same"),            # 1,000 against 1,000
    (Interval(1.0, 1.0, open_low=True), Interval(0.8, 1.2), "consistent"),  # an open end is not the same figure
    (Interval(1.0, 1.0, open_high=True), Interval(0.8, 1.2), "consistent"),
    (Interval(1.0, 1.2), Interval(0.9, 1.3), "consistent"),
    (Interval(0.5, 0.9), Interval(0.4, 0.99), "lower"),
    (Interval(0.5, 0.9), Interval(0.4, 1.0), "consistent"),                # the read ratio reaches 1
    (Interval(1.1, 1.5), Interval(1.01, 1.6), "higher"),
    (Interval(1.1, 1.5), Interval(1.0, 1.6), "consistent"),
    (Interval(1.0, 1.0, 1.0), Interval(1.0, 1.0, 1.0), "the same"),
    (Interval(1.0, 1.5), Interval(1.0, 1.5), "consistent"),               # only one end at 1: not the same
    (Interval(0.5, 1.0), Interval(0.5, 1.0), "consistent"),
])
def test_verdict(ratio, read, verdict):
    assert later._verdict(ratio, read) == verdict


def _q(*bounds, value=None, ids=("x",), status="stated"):
    return Quantity(value, ids, status, open_bounds=frozenset(bounds))


@pytest.mark.parametrize("a, b, side", [
    ((), (), ""),
    (("up_to",), (), "at_most"),       # "as high as" over a figure: the ratio is at most its end over the figure
    ((), ("at_least",), "at_most"),    # a figure over "at least": at most
    (("at_least",), (), "at_least"),
    ((), ("up_to",), "at_least"),
    (("up_to",), ("up_to",), "both"),
    (("at_least",), ("at_least",), "both"),
    (("up_to", "at_least"), (), "both"),
])
def test_open_side(a, b, side):
    assert later._open_side(_q(*a), _q(*b)) == side


def test_distance_from_one_on_a_log_scale():
    assert later._distance(Interval(0.5, 2.0)) == (0.0, pytest.approx(math.log(2)))      # spans 1
    assert later._distance(Interval(1.0, 4.0)) == (0.0, pytest.approx(math.log(4)))      # touches 1
    assert later._distance(Interval(0.25, 1.0)) == (0.0, pytest.approx(math.log(4)))
    assert later._distance(Interval(2.0, 4.0)) == (pytest.approx(math.log(2)), pytest.approx(math.log(4)))
    assert later._distance(Interval(0.25, 0.5)) == (pytest.approx(math.log(2)), pytest.approx(math.log(4)))
    assert later._distance(Interval(0.0, 0.5)) == (pytest.approx(math.log(2)), math.inf)   # 0 is infinitely far
    assert later._distance(Interval(2.0, math.inf)) == (pytest.approx(math.log(2)), math.inf)


def test_figure_key_is_the_numbers_whatever_the_bound():
    assert later._figure_key({"low": NAN, "best": 4000.0, "high": NAN}) == (4000.0,)
    assert later._figure_key({"low": 4000.0, "best": NAN, "high": NAN}) == (4000.0,)
    assert later._figure_key({"low": 10.0, "best": 12.0, "high": 15.0}) == (10.0, 12.0, 15.0)
    assert later._figure_key({"low": 10.0, "best": NAN, "high": 15.0}) == (10.0, 15.0)


@pytest.mark.parametrize("prev, cur, pb, cb, expected", [
    # two floors: "at least 5,000" then "at least 6,000": 6,000 / 5,000 = 1.2, higher
    (Interval(5000, math.inf, open_high=True), Interval(6000, math.inf, open_high=True), "at_least", "at_least",
     ((1.2, 1.2, 1.2), "floor", "higher")),
    (Interval(6000, math.inf, open_high=True), Interval(3000, math.inf, open_high=True), "at_least", "at_least",
     ((0.5, 0.5, 0.5), "floor", "lower")),
    # two ceilings: "as high as 50" then "as high as 40": 40 / 50 = 0.8, lower
    (Interval(0, 50, open_low=True), Interval(0, 40, open_low=True), "up_to", "up_to",
     ((0.8, 0.8, 0.8), "ceiling", "lower")),
    (Interval(0, 50, open_low=True), Interval(0, 50, open_low=True), "up_to", "up_to",
     ((1.0, 1.0, 1.0), "ceiling", "unchanged")),
    # a floor of 0 cannot be divided by
    (Interval(0, math.inf, open_high=True), Interval(6000, math.inf, open_high=True), "at_least", "at_least",
     ((NAN, NAN, None), "floor", "undefined")),
    # figures: 300 then 600: 2.0, higher; 600 then 600: unchanged; 600 then 300: lower
    (Interval(300, 300, 300), Interval(600, 600, 600), "approximate", "approximate", ((2.0, 2.0, 2.0), "figure",
                                                                                      "higher")),
    (Interval(600, 600, 600), Interval(600, 600, 600), "approximate", "approximate", ((1.0, 1.0, 1.0), "figure",
                                                                                      "unchanged")),
    (Interval(600, 600, 600), Interval(300, 300, 300), "exact", "exact", ((0.5, 0.5, 0.5), "figure", "lower")),
    # 10-20 then 15: 15/20 = 0.75 to 15/10 = 1.5, spans 1
    (Interval(10, 20), Interval(15, 15, 15), "range", "exact", ((0.75, 1.5, None), "figure", "consistent")),
    # 10-20 then 20: 20/20 = 1 to 20/10 = 2, which includes 1; 10-20 then 10: 0.5 to 1, which includes 1
    (Interval(10, 20), Interval(20, 20, 20), "range", "exact", ((1.0, 2.0, None), "figure", "consistent")),
    (Interval(10, 20), Interval(10, 10, 10), "range", "exact", ((0.5, 1.0, None), "figure", "consistent")),
    # "more than 4,000" then about 4,700: at most 4,700 / 4,000 = 1.175 (a floor and a figure: the figures)
    (Interval(4000, math.inf, open_high=True), Interval(4700, 4700, 4700), "at_least", "approximate",
     ((0.0, 1.175, None), "figure", "consistent")),
    # a floor then a ceiling are not two floors: "at least 10" then "as high as 5": 0/inf to 5/10, lower
    (Interval(10, math.inf, open_high=True), Interval(0, 5, open_low=True), "at_least", "up_to",
     ((0.0, 0.5, None), "figure", "lower")),
    # 0 then 0: 0/0 is undefined
    (Interval(0, 0, 0), Interval(0, 0, 0), "exact", "exact", ((NAN, NAN, NAN), "figure", "undefined")),
])
def test_step(prev, cur, pb, cb, expected):
    ratio, what, direction = later._step(prev, cur, pb, cb)
    (low, high, point), w, d = expected
    got = (ratio.low, ratio.high, ratio.point)
    assert [("nan" if isinstance(x, float) and math.isnan(x) else x) for x in got] == \
        [("nan" if isinstance(x, float) and math.isnan(x) else pytest.approx(x) if x is not None else None)
         for x in (low, high, point)]
    assert (what, direction) == (w, d)


def test_step__undefined_when_only_one_end_is_nan():
    # 0-10 over 0-0: 0/0 is NaN at the low end, 10/0 infinite at the high end
    assert later._step(Interval(0, 0, 0), Interval(0, 10), "exact", "range")[2] == "undefined"


# ---------------------------------------------------------------- the loader and the raw files, on hand-made files

from pathlib import Path  # noqa: E402

from analysis.errors import Problem  # noqa: E402


def _small(path, rows):
    """A ledger of these rows (with scope and lineage columns), validated."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return validate(write(path, rows, extra=("scope", "lineage")))


def _article(tmp_path):
    """NIS: about 300 killed, 2,700 wounded (13 January 2025, first deployment); CSIS: 1,000 killed (4 February)."""
    return _small(tmp_path / "a" / "claims.csv", [
        row("n-k", "killed", best=300, as_of="2025-01-13", scope="first"),
        row("n-w", "wounded", best=2700, as_of="2025-01-13", scope="first"),
        row("c-k", "killed", best=1000, claimant="CSIS", as_of="2025-02-04", scope="first")])


def _with_blank_line(path, after_line):
    """The file with a blank line inserted after line `after_line` (the reader skips it; line numbers move on)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:after_line] + ["\n"] + lines[after_line:]), encoding="utf-8")
    return path


def test_load__no_such_file(tmp_path):
    with pytest.raises(LedgerError) as e:
        later.load(tmp_path / "none.csv", _article(tmp_path))
    assert e.value.problems == [Problem("none.csv", 0, "", "no such file")]


def test_load__supersedes_into_the_article_kept_and_the_path_recorded(tmp_path):
    path = write(tmp_path / "later.csv", [
        row("n-k2", "killed", best=600, as_of="2025-04-30", supersedes="n-k"),
        row("n-k3", "killed", best=2000, as_of="2025-09-02", supersedes="n-k2"),
        row("n-c", "casualties", best=4700, as_of="2025-04-30")])
    got = later.load(_with_blank_line(path, 2), _article(tmp_path))
    assert list(got["claim_id"]) == ["n-k2", "n-k3", "n-c"]
    assert list(got["supersedes"]) == ["n-k", "n-k2", ""]
    assert got.attrs["path"] == str(path)


def test_load__a_later_file_without_supersedes(tmp_path):
    path = write(tmp_path / "later.csv", [row("n-k2", "killed", best=600, as_of="2025-04-30")])
    got = later.load(path, _article(tmp_path))
    assert list(got["claim_id"]) == ["n-k2"] and list(got["supersedes"]) == [""]


def test_load__problems_name_the_right_line_after_a_blank_one(tmp_path):
    # line 1 the header, 2 a good revision, 3 blank, 4 NIS's killed naming CSIS's killed, 5 NIS's killed naming
    # NIS's wounded, 6 an id the article uses
    path = write(tmp_path / "later.csv", [
        row("n-k2", "killed", best=600, as_of="2025-04-30", supersedes="n-k"),
        row("n-k3", "killed", best=700, as_of="2025-05-30", supersedes="c-k"),
        row("n-k4", "killed", best=800, as_of="2025-06-30", supersedes="n-w"),
        row("c-k", "killed", best=900, claimant="CSIS", as_of="2025-07-30")])
    with pytest.raises(LedgerError) as e:
        later.load(_with_blank_line(path, 2), _article(tmp_path))
    assert e.value.problems == [  # in line order
        Problem("later.csv", 4, "supersedes", "names claim 'c-k' of the article's ledger, which is CSIS's killed, "
                                              "not NIS's killed"),
        Problem("later.csv", 5, "supersedes", "names claim 'n-w' of the article's ledger, which is NIS's wounded, "
                                              "not NIS's killed"),
        Problem("later.csv", 6, "claim_id", "'c-k' is also a claim id in the article's ledger; ids must be unique "
                                            "across the two files")]


def test_load__a_validation_problem_is_named_as_the_file_is_shown(tmp_path, monkeypatch):
    # inside the project a file is shown by its path from the root; the copy validated in a temporary folder must not
    # leak its own name into the problem
    monkeypatch.setattr(later, "display", lambda p: f"shown/{Path(p).name}")
    (tmp_path / "scopes.csv").write_text("scope,description\nfirst,The first.\n", encoding="utf-8")
    path = write(tmp_path / "later.csv", [row("n-k2", "killed", best=600, as_of="2025-04-30", scope="second"),
                                          row("n-k3", "killed", best=650, quote="600", as_of="2025-05-30")],
                 extra=("scope",))
    with pytest.raises(LedgerError) as e:
        later.load(path, _article(tmp_path))
    got = sorted((p.path, p.line, p.column) for p in e.value.problems)
    assert got == [("shown/later.csv", 2, "scope"), ("shown/later.csv", 3, "quote")]


def test_load__a_bad_scopes_file_beside_it_is_named_as_shown(tmp_path, monkeypatch):
    monkeypatch.setattr(later, "display", lambda p: f"shown/{Path(p).name}")
    (tmp_path / "scopes.csv").write_text("scope\nfirst\n", encoding="utf-8")  # no description column
    path = write(tmp_path / "later.csv", [row("n-k2", "killed", best=600, as_of="2025-04-30", scope="first")],
                 extra=("scope",))
    with pytest.raises(LedgerError) as e:
        later.load(path, _article(tmp_path))
    # the scopes file lacks a column (so it lists no scope) and the row's scope is therefore not listed
    assert [(p.path, p.line, p.column) for p in e.value.problems] == [("shown/later.csv", 2, "scope"),
                                                                      ("shown/scopes.csv", 1, "description")]


def test_load__the_scopes_beside_the_file_are_the_ones_read(tmp_path):
    # "second" is listed beside the later file: accepted there, though no scopes file is beside the article's
    (tmp_path / "scopes.csv").write_text("scope,description\nsecond,The second.\n", encoding="utf-8")
    path = write(tmp_path / "later.csv", [row("n-k2", "killed", best=600, as_of="2025-04-30", scope="second")],
                 extra=("scope",))
    assert list(later.load(path, _article(tmp_path))["scope"]) == ["second"]


def test_claim_ids_and_foreign_targets_read_the_raw_file(tmp_path):
    path = tmp_path / "later.csv"
    path.write_bytes('claim_id,supersedes\r\nk\u00e9,\r\nb,k\u00e9\r\nc,x\r\n,y\r\n"d\r\ne",\r\n'.encode("utf-8"))
    assert later.claim_ids(path) == {"k\u00e9", "b", "c", "d\r\ne"}  # the blank id is no id; a quoted line break kept
    assert later.foreign_targets(path) == {"x", "y"}  # "k\u00e9" is the file's own
    bare = tmp_path / "bare.csv"
    bare.write_text("claim_id,metric\na,killed\n", encoding="utf-8")
    assert later.claim_ids(bare) == {"a"} and later.foreign_targets(bare) == set()
    none = tmp_path / "none.csv"
    none.write_text("metric,supersedes\nkilled,\nkilled,z\n", encoding="utf-8")
    assert later.claim_ids(none) == set() and later.foreign_targets(none) == {"z"}


def test_data_row_numbers_skip_blank_and_short_records():
    rows = [["a", "b"], ["1", "2"], [], [" ", ""], ["3"], ["4", "5"], ["", "x"]]
    assert later._data_row_numbers(rows, rows[0]) == [1, 5, 6]


def test_combine__the_article_first_a_revised_id_the_later_files_and_blanks_filled():
    article = pd.DataFrame({"claim_id": ["a1", "a2", "a3"], "metric": ["killed"] * 3}, index=[5, 6, 7])
    article = article.assign(spokesperson="s", conduit="c", published="p", as_of="o", notes="n")
    lat = pd.DataFrame({"claim_id": ["a2", "l1"], "metric": ["wounded", "killed"], "supersedes": ["a1", ""]},
                       index=[3, 4])
    out = later.combine(article, lat)
    assert list(out["claim_id"]) == ["a1", "a3", "a2", "l1"]
    assert list(out.index) == [0, 1, 2, 3]
    assert list(out["source"]) == ["article", "article", "later", "later"]
    assert list(out["metric"]) == ["killed", "killed", "wounded", "killed"]
    assert list(out["supersedes"]) == ["", "", "a1", ""]
    for c, v in dict(spokesperson="s", conduit="c", published="p", as_of="o", notes="n").items():
        assert list(out[c]) == [v, v, "", ""], c


# ------------------------------------------------------- a small case: the article, then later reports out of order
#
# The article: NIS about 300 killed and 2,700 wounded (13 January 2025), CSIS 1,000 killed and 11,000 deployed
# (4 February), all the first deployment. Later (written to the file out of date order): Western officials 1,000
# killed (January 2025: at the same time, up to 18 February); the UK at least 5,000 casualties (March), then at least
# 6,000 (15 June); NIS 600 killed and 4,100 wounded (30 April), then 2,000 killed of all deployments (2 September);
# Russia 100 killed (1 May) and 200 killed (1 July), both of all deployments.

LATER_ROWS = [
    row("n-k3", "killed", best=2000, bound="exact", as_of="2025-09-02", scope="all", supersedes="n-k2"),
    row("u-c2", "casualties", low=6000, claimant="UK MoD", as_of="2025-06-15", scope="first", supersedes="u-c1"),
    row("r-k2", "killed", best=200, bound="exact", claimant="Russia", as_of="2025-07-01", scope="all"),
    row("w-k", "killed", best=1000, bound="exact", claimant="Western officials", as_of="2025-01", scope="first"),
    row("n-k2", "killed", best=600, bound="exact", as_of="2025-04-30", scope="first", supersedes="n-k"),
    row("n-w2", "wounded", best=4100, bound="exact", as_of="2025-04-30", scope="first", supersedes="n-w"),
    row("u-c1", "casualties", low=5000, claimant="UK MoD", as_of="2025-03", scope="first"),
    row("r-k", "killed", best=100, bound="exact", claimant="Russia", as_of="2025-05-01", scope="all"),
]


def _case_article(tmp_path):
    return _small(tmp_path / "a" / "claims.csv", [
        row("n-k", "killed", best=300, as_of="2025-01-13", scope="first"),
        row("n-w", "wounded", best=2700, as_of="2025-01-13", scope="first"),
        row("c-k", "killed", best=1000, bound="exact", claimant="CSIS", as_of="2025-02-04", scope="first"),
        row("c-d", "deployed", best=11000, bound="exact", claimant="CSIS", as_of="2025-02-04", scope="first")])


_LOADED: dict[str, tuple] = {}


def _case(tmp_path, rows=LATER_ROWS):
    """The article and both ledgers combined. The default case is validated and loaded once, by the first test that
    asks (the loader's own tests load their files themselves): each mutant's run stays short."""
    if rows is LATER_ROWS and "case" in _LOADED:
        return _LOADED["case"]
    article = _case_article(tmp_path)
    (tmp_path / "b").mkdir()
    path = write(tmp_path / "b" / "later.csv", list(rows), extra=("scope",))
    out = article, later.combine(article, later.load(path, article))
    if rows is LATER_ROWS:
        _LOADED["case"] = out
    return out


def test_timeline__every_claim_by_metric_claimant_and_date_with_implied_casualties(tmp_path):
    _, combined = _case(tmp_path)
    tl = later.timeline(combined)
    assert list(tl.columns) == ["claim_id", "claimant", "metric", "unit", "bound", "source", "status", "date", "scope",
                                "low", "point", "high", "supersedes", "y", "x"]
    assert list(tl["claim_id"]) == ["c-d", "c-k", "n-k", "n-k2", "n-k3", "r-k", "r-k2", "w-k",
                                    "n-k + n-w", "n-k2 + n-w2", "u-c1", "u-c2"]
    assert list(tl.index) == list(range(12))
    implied = tl.set_index("claim_id").loc[["n-k + n-w", "n-k2 + n-w2"]]
    # 300 + 2,700 = 3,000 (the article's); 600 + 4,100 = 4,700 (the later report's)
    assert list(implied["point"]) == [3000, 4700] and list(implied["low"]) == [3000, 4700]
    assert list(implied["high"]) == [3000, 4700] and list(implied["y"]) == [3000, 4700]
    assert list(implied["source"]) == ["article", "later"]
    assert list(implied["date"]) == ["2025-01-13", "2025-04-30"] and list(implied["scope"]) == ["first", "first"]
    assert set(implied["status"]) == {"implied"} and set(implied["bound"]) == {"implied"}
    assert set(implied["unit"]) == {"persons"} and set(implied["supersedes"]) == {""}
    uk = tl[tl["claimant"] == "UK MoD"].iloc[0]
    assert (uk["low"], uk["high"], uk["y"]) == (5000, math.inf, 5000) and math.isnan(uk["point"])  # at 5,000
    assert (uk["status"], uk["source"], uk["bound"], uk["date"]) == ("stated", "later", "at_least", "2025-03")
    assert uk["x"] == pd.Timestamp("2025-03-15")
    nk = tl[tl["claim_id"] == "n-k"].iloc[0]  # about 300, as stated: 300
    assert (nk["low"], nk["point"], nk["high"], nk["y"]) == (300, 300, 300, 300)
    n3 = tl[tl["claim_id"] == "n-k3"].iloc[0]
    assert (n3["supersedes"], n3["scope"], n3["y"], n3["unit"], n3["metric"]) == ("n-k2", "all", 2000, "persons",
                                                                                  "killed")


def test_timeline__as_of_claimants_and_metrics(tmp_path):
    _, combined = _case(tmp_path)
    assert list(later.timeline(combined, "2025-03")["claim_id"]) == ["c-d", "c-k", "n-k", "w-k", "n-k + n-w", "u-c1"]
    assert list(later.timeline(combined, claimants=["UK MoD", "CSIS"])["claim_id"]) == ["c-d", "c-k", "u-c1", "u-c2"]
    assert list(later.timeline(combined, claimants=[])["claim_id"])[:3] == ["c-d", "c-k", "n-k"]  # none named: all
    assert list(later.timeline(combined, metrics=("killed",))["claim_id"]) == ["c-k", "n-k", "n-k2", "n-k3", "r-k",
                                                                              "r-k2", "w-k"]
    got = later.timeline(combined, metrics=("casualties", "deployed"))
    assert list(got["claim_id"]) == ["n-k + n-w", "n-k2 + n-w2", "u-c1", "u-c2", "c-d"]
    assert later.timeline(combined, metrics=("wounded",))["claim_id"].tolist() == ["n-w", "n-w2"]
    none = later.timeline(combined, "2024-12")  # nothing known yet
    assert none.empty and list(none.columns) == list(later.timeline(combined).columns)


def test_timeline__implied_casualties_keep_an_open_end_and_the_article_as_source(tmp_path):
    # A: at least 100 killed + 200 wounded = at least 300 (drawn at 300); B: as high as 100 killed + 200 wounded =
    # 200 to 300, as high as 300 (drawn at 300); C and D the same with the bound on the wounded. E: killed in the
    # article and wounded later, same date and scope: the article's. F: a stated casualties figure: nothing implied.
    # G: killed and wounded of two scopes: nothing implied.
    article = _small(tmp_path / "a" / "claims.csv", [
        row("e-k", "killed", best=10, bound="exact", claimant="E", as_of="2025-03-01")])
    rows = [row("a-k", "killed", low=100, claimant="A", as_of="2025-03-01"),
            row("a-w", "wounded", best=200, bound="exact", claimant="A", as_of="2025-03-01"),
            row("b-k", "killed", high=100, claimant="B", as_of="2025-03-01"),
            row("b-w", "wounded", best=200, bound="exact", claimant="B", as_of="2025-03-01"),
            row("c-k", "killed", best=200, bound="exact", claimant="C", as_of="2025-03-01"),
            row("c-w", "wounded", low=100, claimant="C", as_of="2025-03-01"),
            row("d-k", "killed", best=200, bound="exact", claimant="D", as_of="2025-03-01"),
            row("d-w", "wounded", high=100, claimant="D", as_of="2025-03-01"),
            row("e-w", "wounded", best=20, bound="exact", claimant="E", as_of="2025-03-01"),
            row("f-k", "killed", best=1, bound="exact", claimant="F", as_of="2025-03-01"),
            row("f-w", "wounded", best=2, bound="exact", claimant="F", as_of="2025-03-01"),
            row("f-c", "casualties", best=4, bound="exact", claimant="F", as_of="2025-03-01"),
            row("g-k", "killed", best=1, bound="exact", claimant="G", as_of="2025-03-01", scope="one"),
            row("g-w", "wounded", best=2, bound="exact", claimant="G", as_of="2025-03-01", scope="two")]
    combined = later.combine(article, _small(tmp_path / "b" / "later.csv", rows))
    tl = later.timeline(combined, metrics=("casualties",)).set_index("claimant")
    assert list(tl.index) == ["A", "B", "C", "D", "E", "F"]
    assert (tl.at["A", "low"], tl.at["A", "high"], tl.at["A", "y"]) == (300, math.inf, 300)
    assert (tl.at["B", "low"], tl.at["B", "high"], tl.at["B", "y"]) == (200, 300, 300)
    assert tl.loc[["A", "B", "C", "D"], "point"].isna().all()  # a bound puts no figure forward
    assert (tl.at["C", "low"], tl.at["C", "high"], tl.at["C", "y"]) == (300, math.inf, 300)
    assert (tl.at["D", "low"], tl.at["D", "high"], tl.at["D", "y"]) == (200, 300, 300)
    assert (tl.at["E", "point"], tl.at["E", "source"], tl.at["E", "claim_id"]) == (30, "article", "e-k + e-w")
    assert (tl.at["F", "status"], tl.at["F", "claim_id"]) == ("stated", "f-c")
    assert set(tl.loc[["A", "B", "C", "D"], "source"]) == {"later"}


def test_implied_casualties__the_article_whichever_of_the_two_it_gave():
    # killed later and wounded in the article: still the article's (only the source column matters here)
    claims = pd.DataFrame({"claim_id": ["k", "w"], "claimant": ["X", "X"], "metric": ["killed", "wounded"],
                           "low": [NAN, NAN], "best": [1.0, 2.0], "high": [NAN, NAN], "bound": ["exact", "exact"],
                           "unit": ["persons", "persons"], "source": ["later", "article"]})
    dates, scopes = pd.Series(["2025", "2025"]), pd.Series(["", ""])
    (r,) = later._implied_casualties(claims, dates, scopes)
    assert (r["source"], r["point"], r["claim_id"], r["date"], r["scope"]) == ("article", 3.0, "k + w", "2025", "")
    (r,) = later._implied_casualties(claims.assign(source="later"), dates, scopes)
    assert r["source"] == "later"


# ------------------------------------------------------------------------------------ snapshots, on the small case

from analysis.uncertainty.distributions import Assumptions  # noqa: E402

SMALL = 400  # draws: enough for a percentile to within a few thousandths of a uniform's width


def _who(snaps):
    return [(s.claimant, s.date, s.scope, s.group) for s in snaps]


def test_snapshots__the_articles_then_each_later_report_in_date_order(tmp_path):
    article, combined = _case(tmp_path)
    snaps = later.snapshots(article, combined, draws=SMALL, seed=1)
    assert _who(snaps) == [("NIS", "2025-01-13", "first", "article"), ("CSIS", "2025-02-04", "first", "article"),
                           ("Western officials", "2025-01", "first", "same_time"),
                           ("UK MoD", "2025-03", "first", "later"), ("NIS", "2025-04-30", "first", "later"),
                           ("Russia", "2025-05-01", "all", "later"), ("UK MoD", "2025-06-15", "first", "later"),
                           ("Russia", "2025-07-01", "all", "later"), ("NIS", "2025-09-02", "all", "later")]
    nis = snaps[4]
    assert list(nis.claims["claim_id"]) == ["n-k2", "n-w2"]
    assert not {"_date", "_scope", "_row", "_key"} & set(nis.claims.columns)
    assert list(nis.stated) == ["killed", "wounded", "casualties", "killed_share_casualties", "wounded_per_killed"]
    assert nis.stated["casualties"].value.point == 4700                       # 600 + 4,100
    assert nis.stated["wounded_per_killed"].value.point == pytest.approx(4100 / 600)
    assert (nis.read["killed"].value.low, nis.read["killed"].value.high) == (600, 600)  # exact: no tolerance
    assert len(nis.mc["killed"].value) == SMALL and set(nis.mc["casualties"].value) == {4700}
    art = snaps[0]
    assert list(art.claims["claim_id"]) == ["n-k", "n-w"]
    assert (art.stated["killed"].value.low, art.stated["killed"].value.high) == (300, 300)       # as stated
    assert (art.read["killed"].value.low, art.read["killed"].value.high) == pytest.approx((270, 330))  # +/-10 %
    assert 270 <= art.mc["killed"].value.min() < 275 and 325 < art.mc["killed"].value.max() <= 330  # uniform


def test_snapshots__as_of_and_the_readings_asked_for(tmp_path):
    article, combined = _case(tmp_path)
    snaps = later.snapshots(article, combined, Assumptions(approx_tolerance=0.2, atleast_ceiling=3.0), draws=SMALL,
                            seed=1, as_of="2025-04-30")
    assert _who(snaps)[2:] == [("Western officials", "2025-01", "first", "same_time"),
                               ("UK MoD", "2025-03", "first", "later"), ("NIS", "2025-04-30", "first", "later")]
    art = snaps[0]
    assert (art.read["killed"].value.low, art.read["killed"].value.high) == pytest.approx((240, 360))  # +/-20 %
    assert 240 <= art.mc["killed"].value.min() < 250 and 350 < art.mc["killed"].value.max() <= 360
    uk = snaps[3].mc["casualties"].value  # "at least 5,000" read as 5,000 to 3 x 5,000
    assert 5000 <= uk.min() and 10_000 < uk.max() <= 15_000


def test_snapshots__draws_are_keyed_by_claim_and_seed(tmp_path):
    article, combined = _case(tmp_path)
    one = later.snapshots(article, combined, draws=SMALL, seed=1)
    again = later.snapshots(article, combined, draws=SMALL, seed=1)
    other = later.snapshots(article, combined, draws=SMALL, seed=2)
    alone = later.snapshots(article[article["claimant"] == "NIS"], combined, draws=SMALL, seed=1)
    assert (one[0].mc["killed"].value == again[0].mc["killed"].value).all()
    assert (one[0].mc["killed"].value != other[0].mc["killed"].value).any()
    assert (one[0].mc["killed"].value == alone[0].mc["killed"].value).all()  # CSIS's claims shift nothing of NIS's
    assert (one[3].mc["casualties"].value != other[3].mc["casualties"].value).any()  # a later claim's too
    lognormal = later.snapshots(article, combined, Assumptions(distribution="lognormal"), draws=SMALL, seed=1)
    x = lognormal[0].mc["killed"].value  # 270-330 as a lognormal's 5th to 95th percentiles: about 5 % each side
    assert (x < 270).any() and (x > 330).any()


def test_snapshots__a_correction_of_the_same_date_replaces_its_claim(tmp_path):
    rows = [r for r in LATER_ROWS if r["claim_id"] not in ("n-k3",)] + [
        row("n-k2b", "killed", best=650, bound="exact", as_of="2025-04-30", scope="first", supersedes="n-k2")]
    article, combined = _case(tmp_path, rows)
    (nis,) = [s for s in later.snapshots(article, combined, draws=SMALL, seed=1) if s.date == "2025-04-30"]
    assert list(nis.claims["claim_id"]) == ["n-w2", "n-k2b"]
    assert nis.stated["killed"].value.point == 650 and nis.stated["casualties"].value.point == 4750


def test_snapshot_dates_and_scopes_per_quantity(tmp_path):
    # the article's NIS: killed of 13 January (first deployment), wounded of January (all deployments)
    article = _small(tmp_path / "a" / "claims.csv", [
        row("n-k", "killed", best=300, as_of="2025-01-13", scope="first"),
        row("n-w", "wounded", best=2700, as_of="2025-01", scope="all")])
    lat = _small(tmp_path / "b" / "later.csv", [row("n-k2", "killed", best=600, as_of="2025-04", scope="all")])
    art, nis = later.snapshots(article, later.combine(article, lat), draws=10, seed=1)
    assert (art.date, art.scope) == ("2025-01-13", "first + all")
    assert (art.date_of("killed"), art.scope_of("killed")) == ("2025-01-13", "first")
    assert (art.date_of("wounded"), art.scope_of("wounded")) == ("2025-01", "all")
    assert (art.date_of("casualties"), art.scope_of("casualties")) == ("2025-01-13", "first + all")
    assert (nis.date_of("killed"), nis.scope_of("killed")) == ("2025-04", "all")


def test_scope_and_date_of_a_figure():
    claims = pd.DataFrame({"claim_id": ["a", "b", "c", "d"], "scope": ["one", "two", "one", ""],
                           "as_of": ["2025-01", "2025-01-01", "", ""], "published": ["", "", "", "2024-12-31"]})
    assert later._scope_of(claims, ("a", "b", "c")) == "one + two"
    assert later._scope_of(claims, ("c", "a")) == "one"
    assert later._scope_of(claims.drop(columns="scope"), ("a", "b")) == ""  # a ledger without scopes
    assert list(later._scope_col(claims.drop(columns="scope"))) == ["", "", "", ""]
    assert later._scope_col(claims.drop(columns="scope")).index.equals(claims.index)
    # January and 1 January begin on the same day: the first listed stands
    assert later._date_of(claims, ("a", "b")) == "2025-01"
    assert later._date_of(claims.iloc[::-1], ("a", "b")) == "2025-01-01"
    assert later._date_of(claims, ("c",)) == ""
    assert later._date_of(claims, ("c", "d")) == "2024-12-31"  # the published date when as_of is blank
    assert later._date_of(claims, ("d", "a")) == "2025-01"


def test_a_later_claimants_draw_that_breaks_an_identity_is_nan_in_every_quantity(tmp_path):
    # NIS later: exactly 600 killed of 400-800 casualties: a draw of fewer than 600 casualties implies fewer than 0
    # wounded, so about half the draws are dropped, in every quantity alike; the article's NIS keeps every draw
    article = _case_article(tmp_path)
    lat = _small(tmp_path / "b" / "later.csv", [
        row("n-k2", "killed", best=600, bound="exact", as_of="2025-04-30", scope="first"),
        row("n-c2", "casualties", low=400, high=800, as_of="2025-04-30", scope="first")])
    snaps = later.snapshots(article, later.combine(article, lat), draws=SMALL, seed=3)
    mc = snaps[2].mc
    gone = np.isnan(mc["casualties"].value)
    assert 0.35 * SMALL < gone.sum() < 0.65 * SMALL
    for q in ("killed", "wounded", "wounded_per_killed"):
        assert (np.isnan(mc[q].value) == gone).all(), q
    assert mc["casualties"].value[~gone].min() >= 600
    assert not any(np.isnan(q.value).any() for q in snaps[0].mc.values())
    # in the comparison of killed, only the draws both keep count: the article's 270-330 is below 600 in each
    (r,) = [r for _, r in later.comparisons(snaps).iterrows() if r["metric"] == "killed"
            and r["article_claimant"] == "NIS"]
    assert r["draws_kept"] == SMALL - gone.sum() and r["p_below"] == 1.0
    assert r["p50"] == pytest.approx(0.5, abs=0.01)  # 270-330 over 600, the dropped draws in no percentile


def test_without_breaches_leaves_clean_draws_alone():
    q = {"killed": Quantity(np.array([1.0, 2.0]), ("k",), "stated"),
         "wounded": Quantity(np.array([3.0, 4.0]), ("w",), "implied", breach=np.array([False, False]))}
    assert later._without_breaches(q) is q
    out = later._without_breaches({**q, "wounded": Quantity(np.array([3.0, 4.0]), ("w",), "implied",
                                                            breach=np.array([False, True]))})
    assert out["killed"].value[0] == 1.0 and math.isnan(out["killed"].value[1])
    assert out["wounded"].value[0] == 3.0 and math.isnan(out["wounded"].value[1])
    assert out["killed"].claim_ids == ("k",)  # only the values change


# ------------------------------------------------------------------------------- comparisons, on the small case

def _table(tmp_path, **kw):
    article, combined = _case(tmp_path)
    snaps = later.snapshots(article, combined, draws=SMALL, seed=1, **kw)
    return later.comparisons(snaps, later.echoes(combined))


def test_comparisons__who_against_whom_and_which_figure(tmp_path):
    t = _table(tmp_path)
    assert list(t.columns) == later.COMPARISON_COLUMNS
    got = [(r["metric"], r["article_claimant"], r["later_claimant"], r["group"], r["pick"], r["like"])
           for _, r in t.iterrows()]
    assert got == [
        ("killed", "NIS", "Western officials", "same_time", "nearest in date and latest", True),
        ("killed", "NIS", "NIS", "later", "nearest in date and latest", True),   # 600 (first); not 2,000 (all)
        ("killed", "NIS", "Russia", "later", "other scope", False),              # its latest: 200
        ("killed", "CSIS", "Western officials", "same_time", "nearest in date and latest", True),
        ("killed", "CSIS", "NIS", "later", "nearest in date and latest", True),
        ("killed", "CSIS", "Russia", "later", "other scope", False),
        ("wounded", "NIS", "NIS", "later", "nearest in date and latest", True),
        ("casualties", "NIS", "UK MoD", "later", "nearest in date", True),       # March: 61 days from 13 January
        ("casualties", "NIS", "UK MoD", "later", "latest", True),                # 15 June: 153 days
        ("casualties", "NIS", "NIS", "later", "nearest in date and latest", True),
        ("wounded_per_killed", "NIS", "NIS", "later", "nearest in date and latest", True)]
    assert list(t["later_ids"]) == [("w-k",), ("n-k2",), ("r-k2",), ("w-k",), ("n-k2",), ("r-k2",), ("n-w2",),
                                    ("u-c1",), ("u-c2",), ("n-k2", "n-w2"), ("n-k2", "n-w2")]
    assert list(t["article_ids"])[6:] == [("n-w",)] + [("n-k", "n-w")] * 4
    assert list(t["article_status"]) == ["stated"] * 7 + ["implied"] * 4
    assert list(t["later_status"]) == ["stated"] * 9 + ["implied"] * 2
    assert list(t["article_date"]) == ["2025-01-13"] * 3 + ["2025-02-04"] * 3 + ["2025-01-13"] * 5
    assert list(t["later_date"]) == ["2025-01", "2025-04-30", "2025-07-01", "2025-01", "2025-04-30", "2025-07-01",
                                     "2025-04-30", "2025-03", "2025-06-15", "2025-04-30", "2025-04-30"]
    assert set(t["article_scope"]) == {"first"}
    assert list(t["later_scope"]) == ["first", "first", "all", "first", "first", "all"] + ["first"] * 5
    assert t["like"].dtype == bool


def test_comparisons__ratios_verdicts_bounds_and_draws(tmp_path):
    t = _table(tmp_path)
    r = t.iloc[0]  # about 300 against exactly 1,000: 0.3; with +/-10 %, 270/1,000 to 330/1,000
    assert (r["ratio"].low, r["ratio"].high, r["ratio"].point) == pytest.approx((0.3, 0.3, 0.3))
    assert (r["ratio_read"].low, r["ratio_read"].high) == pytest.approx((0.27, 0.33))
    assert (r["verdict"], r["open_bound"], r["echo"]) == ("lower", "", ())
    # the draws: 270-330 uniform over 1,000: the 5th, 50th and 95th percentiles 0.273, 0.300, 0.327
    assert (r["p5"], r["p50"], r["p95"]) == pytest.approx((0.273, 0.300, 0.327), abs=0.002)
    assert (r["p_below"], r["draws_kept"]) == (1.0, SMALL)
    r = t.iloc[2]  # about 300 against Russia's 200 (all deployments): 1.35-1.65, higher; never below
    assert (r["ratio"].point, r["verdict"], r["p_below"]) == (pytest.approx(1.5), "higher", 0.0)
    assert r["p50"] == pytest.approx(1.5, abs=0.01)
    r = t.iloc[3]  # CSIS's 1,000 and Western officials' 1,000: the same, and possibly an echo
    assert (r["ratio"].point, r["verdict"], r["echo"]) == (1.0, "the same", ("c-k", "w-k"))
    assert (r["p5"], r["p50"], r["p95"], r["p_below"]) == (1.0, 1.0, 1.0, 0.0)  # equal in every draw: not below
    r = t.iloc[7]  # 3,000 against "at least 5,000": at most 0.6, from 0 (no upper end stated); read, at most 0.66
    assert (r["ratio"].low, r["ratio"].high, r["ratio"].open_low, r["ratio"].open_high) == (0.0, 0.6, True, False)
    assert (r["ratio_read"].low, r["ratio_read"].high) == pytest.approx((0.0, 0.66))
    assert (r["open_bound"], r["verdict"], r["p_below"]) == ("at_most", "lower", 1.0)
    assert t.iloc[8]["ratio"].high == 0.5  # 3,000 / 6,000
    r = t.iloc[10]  # 2,700 / 300 = 9.0 against 4,100 / 600 = 6.83: 54 / 41 = 1.32, higher
    assert r["ratio"].point == pytest.approx(54 / 41) and r["verdict"] == "higher"
    assert list(t["echo"]).count(()) == 10


def test_comparisons__without_echoes_and_with_none_to_compare(tmp_path):
    article, combined = _case(tmp_path)
    snaps = later.snapshots(article, combined, draws=SMALL, seed=1)
    assert set(later.comparisons(snaps)["echo"]) == {()}
    empty = later.comparisons(snaps[:2])
    assert empty.empty and list(empty.columns) == later.COMPARISON_COLUMNS and empty["like"].dtype == bool


def test_comparisons__an_undated_article_figure_is_anchored_at_the_articles_latest_date(tmp_path):
    # NIS's killed is undated; the article's latest date is CSIS's 4 February, and "at the same time" ends on the
    # 18th. Of X's two figures then, 10 February (6 days on) is nearer than 1 January (34 days before); from the
    # start of time, 1 January would be.
    article = _small(tmp_path / "a" / "claims.csv", [
        row("n-k", "killed", best=300, scope="first"),
        row("c-k", "killed", best=1000, claimant="CSIS", as_of="2025-02-04", scope="first")])
    lat = _small(tmp_path / "b" / "later.csv", [
        row("x-1", "killed", best=400, claimant="X", as_of="2025-01-01", scope="first"),
        row("x-2", "killed", best=500, claimant="X", as_of="2025-02-10", scope="first"),
        row("x-3", "killed", best=700, claimant="X", as_of="2025-03-20", scope="first")])
    t = later.comparisons(later.snapshots(article, later.combine(article, lat), draws=10, seed=1))
    nis = t[t["article_claimant"] == "NIS"]
    assert list(zip(nis["later_ids"], nis["pick"], nis["group"], nis["article_date"])) == [
        (("x-2",), "nearest in date and latest", "same_time", ""),
        (("x-3",), "nearest in date and latest", "later", "")]


def test_comparisons__equally_near_figures_the_earlier_is_nearest(tmp_path):
    article = _small(tmp_path / "a" / "claims.csv", [row("n-k", "killed", best=300, as_of="2025-03-10")])
    lat = _small(tmp_path / "b" / "later.csv", [
        row("x-1", "killed", best=400, claimant="X", as_of="2025-03-05"),
        row("x-2", "killed", best=500, claimant="X", as_of="2025-03-15")])
    t = later.comparisons(later.snapshots(article, later.combine(article, lat), draws=10, seed=1))
    assert list(zip(t["later_ids"], t["pick"], t["group"])) == [(("x-1",), "nearest in date", "same_time"),
                                                                (("x-2",), "latest", "same_time")]


def test_nearer__whose_ratio_lies_nearer_1_like_for_like_only():
    t = pd.DataFrame({
        "like": [True, True, True, True, True, True, False, True, True, True, True],
        "later_ids": [("z",), ("x",), ("x",), ("x",), ("y",), ("y",), ("y",), ("w",), ("w",), ("v",), ("v",)],
        "metric": ["killed"] * 11,
        "article_claimant": ["A", "A", "B", "D", "B", "A", "C", "B", "A", "A", "B"],
        "ratio": [Interval(1.0, 1.0),                                           # z: one claimant, first
                  Interval(0.9, 1.1), Interval(2.0, 3.0), Interval(0.95, 1.0),  # x: A and D span 1, B is far
                  Interval(0.8, 1.5), Interval(0.5, 2.0), Interval(5.0, 5.0),   # y: B and A overlap; C unlike
                  Interval(2.0, 4.0), Interval(0.5, 1.0),                       # w: B's least = A's greatest
                  Interval(0.5, 1.0), Interval(2.0, 4.0)]})                     # v: the same, A first
    got = later.nearer(t)
    assert list(got.columns) == ["later_ids", "metric", "nearer", "farther"]
    assert [tuple(r) for r in got.itertuples(index=False)] == [(("x",), "killed", "A", "B"),
                                                               (("x",), "killed", "D", "B")]
    assert list(later.nearer(t.iloc[:0]).columns) == ["later_ids", "metric", "nearer", "farther"]
    assert list(later.nearer(t.iloc[:1]).columns) == ["later_ids", "metric", "nearer", "farther"]


def test_nearer__on_the_small_case(tmp_path):
    # Western officials' 1,000: CSIS's 1,000 (ratio 1) nearer than NIS's 300 (0.3); NIS's 600 of April: CSIS's
    # 1,000 (1.67, log 0.51) nearer than NIS's 300 (0.5, log 0.69). Russia's figure is of another scope.
    got = later.nearer(_table(tmp_path))
    assert [tuple(r) for r in got.itertuples(index=False)] == [(("w-k",), "killed", "CSIS", "NIS"),
                                                               (("n-k2",), "killed", "CSIS", "NIS")]


# ---------------------------------------------------------------------------- echoes, revisions, the whole analysis

def test_echoes__the_same_figure_given_earlier_or_at_the_same_time_and_lineage(tmp_path):
    # 500 killed: Y in January, X on 10 January (within January: the same time), Z at least 500 on 1 March (the
    # same numbers), K on 1 March too (the same day: the same time), X again on 1 April; W undated; V's 500 is
    # wounded; U's 400-600 another figure. T's 700 names W's claim as its lineage; S's 500 names Y's (so no second
    # row for Y). Q's 800 of March names R's of August as
    # its lineage: R's 800 is not an echo of Q's; known by April, R's claim is not known and Q's lineage names none.
    article = _small(tmp_path / "a" / "claims.csv", [row("a", "deployed", best=11000, claimant="A")])
    rows = [row("y", "killed", best=500, claimant="Y", as_of="2025-01"),
            row("x1", "killed", best=500, claimant="X", as_of="2025-01-10"),
            row("z", "killed", low=500, claimant="Z", as_of="2025-03-01"),
            row("k", "killed", best=500, claimant="K", as_of="2025-03-01"),
            row("x2", "killed", best=500, claimant="X", as_of="2025-04-01"),
            row("w", "killed", best=500, claimant="W"),
            row("q", "killed", best=800, claimant="Q", as_of="2025-03", lineage="r"),
            row("v", "wounded", best=500, claimant="V", as_of="2025-05"),
            row("u", "killed", low=400, high=600, claimant="U", as_of="2025-05"),
            row("t", "killed", best=700, claimant="T", as_of="2025-06", lineage="w"),
            row("s", "killed", best=500, claimant="S", as_of="2025-07", lineage="y"),
            row("r", "killed", best=800, claimant="R", as_of="2025-08")]
    combined = later.combine(article, _small(tmp_path / "b" / "later.csv", rows))
    got = later.echoes(combined)
    assert list(got.columns) == ["claim_id", "claimant", "echoes", "echoes_claimant", "kind"]
    assert [tuple(r) for r in got.itertuples(index=False)] == [
        ("x1", "X", "y", "Y", "same time"),
        ("z", "Z", "y", "Y", "earlier"), ("z", "Z", "x1", "X", "earlier"),
        ("k", "K", "y", "Y", "earlier"), ("k", "K", "x1", "X", "earlier"), ("k", "K", "z", "Z", "same time"),
        ("x2", "X", "y", "Y", "earlier"), ("x2", "X", "z", "Z", "earlier"), ("x2", "X", "k", "K", "earlier"),
        ("q", "Q", "r", "R", "lineage"),
        ("t", "T", "w", "W", "lineage"),
        ("s", "S", "y", "Y", "lineage"), ("s", "S", "x1", "X", "earlier"), ("s", "S", "z", "Z", "earlier"),
        ("s", "S", "k", "K", "earlier"), ("s", "S", "x2", "X", "earlier")]
    # known by April
    assert [tuple(r) for r in later.echoes(combined, "2025-04").itertuples(index=False)] == [
        ("x1", "X", "y", "Y", "same time"),
        ("z", "Z", "y", "Y", "earlier"), ("z", "Z", "x1", "X", "earlier"),
        ("k", "K", "y", "Y", "earlier"), ("k", "K", "x1", "X", "earlier"), ("k", "K", "z", "Z", "same time"),
        ("x2", "X", "y", "Y", "earlier"), ("x2", "X", "z", "Z", "earlier"), ("x2", "X", "k", "K", "earlier")]
    assert later.echoes(combined.iloc[:2]).empty


def test_echoes__a_ledger_without_lineage():
    claims = pd.DataFrame({"claim_id": ["a", "b"], "claimant": ["A", "B"], "metric": ["killed", "killed"],
                           "low": [NAN, NAN], "best": [5.0, 5.0], "high": [NAN, NAN],
                           "as_of": ["2025-01-01", "2025-01-02"], "published": ["", ""]})
    assert [tuple(r) for r in later.echoes(claims).itertuples(index=False)] == [("b", "B", "a", "A", "earlier")]


def test_bound_of_a_figure():
    s = later.Snapshot("X", "", "", "later", pd.DataFrame({"claim_id": ["a", "b"], "bound": ["exact", "up_to"]}),
                       {}, {}, {})
    assert later._bound_of(s, _q(value=None, ids=("b",))) == "up_to"
    assert later._bound_of(s, _q(value=None, ids=("a",))) == "exact"
    assert later._bound_of(s, _q("at_least", ids=("a", "b"), status="implied")) == "at_least"
    assert later._bound_of(s, _q("up_to", ids=("a", "b"), status="implied")) == "up_to"
    assert later._bound_of(s, _q("up_to", "at_least", ids=("a", "b"), status="implied")) == "implied"
    assert later._bound_of(s, _q(ids=("a", "b"), status="implied")) == "implied"
    assert later._bound_of(s, _q(ids=("a", "b"), status="borrowed")) == "implied"


def test_revisions__each_claimants_own_figures_step_by_step(tmp_path):
    article, combined = _case(tmp_path)
    r = later.revisions(later.snapshots(article, combined, draws=10, seed=1))
    assert list(r.columns) == ["claimant", "metric", "step", "group", "ids", "status", "date", "scope", "value",
                               "bound", "ratio", "compared", "direction", "scope_changed"]
    assert list(zip(r["claimant"], r["metric"], r["step"])) == [
        ("NIS", "killed", 0), ("NIS", "killed", 1), ("NIS", "killed", 2), ("Russia", "killed", 0),
        ("Russia", "killed", 1), ("NIS", "wounded", 0), ("NIS", "wounded", 1), ("NIS", "casualties", 0),
        ("NIS", "casualties", 1), ("UK MoD", "casualties", 0), ("UK MoD", "casualties", 1),
        ("NIS", "wounded_per_killed", 0), ("NIS", "wounded_per_killed", 1)]
    k = r.iloc[:3]  # 300, 600, 2,000: twice, then 3.33 times, the last of all deployments
    assert list(k["group"]) == ["article", "later", "later"]
    assert list(k["ids"]) == [("n-k",), ("n-k2",), ("n-k3",)] and set(k["status"]) == {"stated"}
    assert list(k["date"]) == ["2025-01-13", "2025-04-30", "2025-09-02"]
    assert list(k["scope"]) == ["first", "first", "all"] and list(k["scope_changed"]) == [False, False, True]
    assert [v.point for v in k["value"]] == [300, 600, 2000]
    assert list(k["bound"]) == ["approximate", "exact", "exact"]
    assert k["ratio"].iloc[0] is None and pd.isna(k["compared"].iloc[0]) and pd.isna(k["direction"].iloc[0])
    assert [x.point for x in k["ratio"].iloc[1:]] == [2.0, pytest.approx(2000 / 600)]
    assert list(k["compared"].iloc[1:]) == ["figure", "figure"] and list(k["direction"].iloc[1:]) == ["higher"] * 2
    assert list(r["scope_changed"].iloc[3:5]) == [False, False]  # Russia: all deployments both times
    c = r.iloc[7:11]  # NIS: 3,000 implied, then 4,700 implied; the UK: at least 5,000, then at least 6,000
    assert list(c["status"]) == ["implied", "implied", "stated", "stated"]
    assert list(c["bound"]) == ["implied", "implied", "at_least", "at_least"]
    assert list(c["ids"]) == [("n-k", "n-w"), ("n-k2", "n-w2"), ("u-c1",), ("u-c2",)]
    assert c["ratio"].iloc[1].point == pytest.approx(4700 / 3000) and c["direction"].iloc[1] == "higher"
    assert (c["compared"].iloc[3], c["ratio"].iloc[3].point, c["direction"].iloc[3]) == ("floor", 1.2, "higher")
    w = r.iloc[11:]  # 9.0 then 6.83: lower
    assert w["direction"].iloc[1] == "lower" and w["ratio"].iloc[1].point == pytest.approx((4100 / 600) / 9)
    assert r["scope_changed"].dtype == bool


def test_revisions__none_without_a_later_figure():
    def snap(group, value, cid):
        claims = pd.DataFrame({"claim_id": [cid], "bound": ["exact"], "as_of": ["2025"], "published": [""],
                               "scope": [""]})
        return later.Snapshot("X", "2025", "", group, claims, {"killed": _q(value=Interval(value, value, value),
                                                                           ids=(cid,))}, {}, {})
    empty = later.revisions([snap("article", 1, "a"), snap("article", 2, "b")])
    assert empty.empty and empty["scope_changed"].dtype == bool
    assert later.revisions([snap("article", 1, "a")]).empty
    got = later.revisions([snap("article", 1, "a"), snap("later", 2, "b")])
    assert pd.isna(got["direction"].iloc[0]) and got["direction"].iloc[1] == "higher"


def test_latest_later__each_claimants_latest_later_claim(tmp_path):
    _, combined = _case(tmp_path)
    got = later.latest_later(combined)
    assert list(got["claim_id"]) == ["n-k3", "u-c2", "r-k2", "w-k", "n-w2"]  # CSIS's latest are the article's
    assert list(got.index) == [0, 1, 2, 3, 4] and list(got.columns) == list(combined.columns)  # no old index kept
    assert list(later.latest_later(combined, "2025-04-30")["claim_id"]) == ["w-k", "n-k2", "n-w2", "u-c1"]


def test_analyse__every_table_known_by_as_of(tmp_path):
    article, combined = _case(tmp_path)
    h = later.analyse(article, combined, Assumptions(approx_tolerance=0.2), draws=50, seed=4, as_of="2025-04-30")
    assert h.combined is combined and h.article_claims is article
    assert list(h.known["claim_id"]) == ["w-k", "n-k2", "n-w2", "u-c1"]
    assert h.until == "2025-02-18"
    assert _who(h.snapshots)[2:] == [("Western officials", "2025-01", "first", "same_time"),
                                     ("UK MoD", "2025-03", "first", "later"), ("NIS", "2025-04-30", "first", "later")]
    assert len(h.snapshots[0].mc["killed"].value) == 50
    assert (h.snapshots[0].read["killed"].value.low, h.snapshots[0].read["killed"].value.high) == \
        pytest.approx((240, 360))
    again = later.snapshots(article, combined, draws=50, seed=4, as_of="2025-04-30")
    assert (h.snapshots[0].mc["killed"].value != again[0].mc["killed"].value).any()  # 240-360, not 270-330
    assert (h.snapshots[3].mc["casualties"].value == again[3].mc["casualties"].value).all()  # the seed: the same
    assert list(h.comparisons["later_ids"])[:2] == [("w-k",), ("n-k2",)]
    assert h.comparisons.iloc[2]["echo"] == ("c-k", "w-k")  # CSIS's 1,000 and Western officials' 1,000
    assert [tuple(r) for r in h.nearer.itertuples(index=False)] == [(("w-k",), "killed", "CSIS", "NIS"),
                                                                   (("n-k2",), "killed", "CSIS", "NIS")]
    assert list(zip(h.revisions["claimant"], h.revisions["metric"])) == [("NIS", "killed")] * 2 + [
        ("NIS", "wounded")] * 2 + [("NIS", "casualties")] * 2 + [("NIS", "wounded_per_killed")] * 2
    assert list(h.echoes["claim_id"]) == ["c-k"]
    assert list(h.timeline["claim_id"]) == ["c-d", "c-k", "n-k", "n-k2", "w-k", "n-k + n-w", "n-k2 + n-w2", "u-c1"]
    early = later.analyse(article, combined, draws=50, seed=4, as_of="2025-01")
    assert list(early.echoes["claim_id"]) == [] and list(early.known["claim_id"]) == ["w-k"]


def test_load__an_empty_file_and_a_ragged_row_are_the_ledgers_problems(tmp_path):
    empty = tmp_path / "later.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(LedgerError) as e:
        later.load(empty, _article(tmp_path))
    assert [(p.path, p.line) for p in e.value.problems] == [("later.csv", 1)]
    path = write(tmp_path / "ragged.csv", [row("n-k2", "killed", best=600, as_of="2025-04-30", supersedes="n-k")])
    path.write_text(path.read_text(encoding="utf-8") + "n-k3,killed\n", encoding="utf-8")
    with pytest.raises(LedgerError) as e:
        later.load(path, _article(tmp_path))
    assert [(p.path, p.line, p.message) for p in e.value.problems] == [("ragged.csv", 3,
                                                                        "has 2 fields; the header has 16")]


def _snap(claimant, group, value, cid, draws):
    """A snapshot made by hand: one killed figure, exactly `value`, with the given draws."""
    claims = pd.DataFrame({"claim_id": [cid], "bound": ["exact"], "as_of": ["2025"], "published": [""], "scope": [""]})
    iv = Interval(value, value, value)
    return later.Snapshot(claimant, "2025", "", group, claims, {"killed": _q(value=iv, ids=(cid,))},
                          {"killed": _q(value=iv, ids=(cid,))}, {"killed": _q(value=draws, ids=(cid,))})


def test_comparisons__a_later_claimant_whose_every_draw_is_dropped():
    # the article's 300 killed against a later 600 whose every draw broke an identity (NaN): the stated figures still
    # compare (300 / 600 = 0.5), the draws give nothing
    snaps = [_snap("NIS", "article", 300, "a", np.full(4, 300.0)), _snap("X", "later", 600, "b", np.full(4, NAN))]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no mean or percentile of nothing
        (r,) = [r for _, r in later.comparisons(snaps).iterrows()]
    assert (r["ratio"].point, r["verdict"], r["draws_kept"]) == (0.5, "lower", 0)
    assert all(math.isnan(r[c]) for c in ("p5", "p50", "p95", "p_below"))
    assert r["article"] == Interval(300, 300, 300) and r["later"] == Interval(600, 600, 600)


def test_comparisons__the_5th_50th_and_95th_percentiles_of_the_ratios_draws():
    # draws 1, 2, ..., 100 over a constant 1: the q-th percentile (linear) is 1 + q / 100 x 99: 5.95, 50.5, 95.05;
    # no draw of the article's is below the later 1
    snaps = [_snap("NIS", "article", 50, "a", np.arange(1.0, 101.0)), _snap("X", "later", 1, "b", np.ones(100))]
    (r,) = [r for _, r in later.comparisons(snaps).iterrows()]
    assert (r["p5"], r["p50"], r["p95"]) == pytest.approx((5.95, 50.5, 95.05))
    assert (r["p_below"], r["draws_kept"]) == (0.0, 100)
    # against draws of 50.5: the article's 1-50 are below, 50 of 100
    snaps[1] = _snap("X", "later", 1, "b", np.full(100, 50.5))
    (r,) = [r for _, r in later.comparisons(snaps).iterrows()]
    assert r["p_below"] == 0.5


def test_comparisons__each_article_claimant_whatever_the_first_gives(tmp_path):
    # NIS (first) gives no wounded; CSIS's 2,000 wounded still meets the later 4,000: 0.5
    article = _small(tmp_path / "a" / "claims.csv", [
        row("n-k", "killed", best=300, as_of="2025-01-13"),
        row("c-w", "wounded", best=2000, bound="exact", claimant="CSIS", as_of="2025-01-13")])
    lat = _small(tmp_path / "b" / "later.csv", [row("x-w", "wounded", best=4000, bound="exact", claimant="X",
                                                    as_of="2025-05")])
    t = later.comparisons(later.snapshots(article, later.combine(article, lat), draws=20, seed=1))
    assert [(r["article_claimant"], r["later_claimant"], r["ratio"].point) for _, r in t.iterrows()] == [
        ("CSIS", "X", 0.5)]


def test_no_runtime_warning_from_a_figure_of_0(tmp_path):
    # 0 killed: wounded per killed is 40 / 0; the article's 0 killed over the later 0 is 0 / 0, its 40 wounded
    # over the later 0 is 40 / 0
    article = _small(tmp_path / "a" / "claims.csv", [row("n-k", "killed", best=0, bound="exact", as_of="2025-01"),
                                                     row("n-w", "wounded", best=40, bound="exact", as_of="2025-01")])
    lat = _small(tmp_path / "b" / "later.csv", [row("n-k2", "killed", best=0, bound="exact", as_of="2025-05"),
                                                row("n-w2", "wounded", best=0, bound="exact", as_of="2025-05")])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        t = later.comparisons(later.snapshots(article, later.combine(article, lat), draws=20, seed=1))
    t = t.set_index("metric")
    assert t.at["killed", "verdict"] == "undefined"  # 0 / 0
    assert t.at["wounded", "ratio"].low == math.inf and t.at["wounded", "verdict"] == "higher"  # 40 / 0


def test_implied_casualties_of_one_date_in_two_scopes_keep_the_ledgers_order(tmp_path):
    article = _small(tmp_path / "a" / "claims.csv", [row("a", "deployed", best=1, claimant="A")])
    rows = [row("z-k", "killed", best=1, bound="exact", as_of="2025-03-01", scope="zeta"),
            row("z-w", "wounded", best=2, bound="exact", as_of="2025-03-01", scope="zeta"),
            row("a-k", "killed", best=10, bound="exact", as_of="2025-03-01", scope="alpha"),
            row("a-w", "wounded", best=20, bound="exact", as_of="2025-03-01", scope="alpha")]
    tl = later.timeline(later.combine(article, _small(tmp_path / "b" / "later.csv", rows)), metrics=("casualties",))
    assert list(zip(tl["scope"], tl["point"])) == [("zeta", 3), ("alpha", 30)]


def test_comparisons__an_undated_article_from_the_start_of_time(tmp_path):
    # nothing in the article is dated: every later figure is later, and the earliest (January) is the nearest
    article = _small(tmp_path / "a" / "claims.csv", [row("n-k", "killed", best=300)])
    lat = _small(tmp_path / "b" / "later.csv", [
        row("x-1", "killed", best=400, claimant="X", as_of="2025-01-01"),
        row("x-2", "killed", best=500, claimant="X", as_of="2025-03-01"),
        row("x-3", "killed", best=600, claimant="X", as_of="2025-02-01")])
    t = later.comparisons(later.snapshots(article, later.combine(article, lat), draws=10, seed=1))
    assert list(zip(t["later_ids"], t["pick"], t["group"])) == [(("x-1",), "nearest in date", "later"),
                                                                (("x-2",), "latest", "later")]


def test_comparisons__the_articles_latest_date_of_two_that_begin_the_same_day_is_the_first(tmp_path):
    # A's January and B's 1 January begin on the same day; the first, January, anchors C's undated figure at
    # 15 January: X's 19 January (4 days) is nearer than its 10 January (5 days), and is its latest
    article = _small(tmp_path / "a" / "claims.csv", [
        row("a-k", "killed", best=1, claimant="A", as_of="2025-01"),
        row("b-k", "killed", best=2, claimant="B", as_of="2025-01-01"),
        row("c-k", "killed", best=3, claimant="C")])
    lat = _small(tmp_path / "b" / "later.csv", [
        row("x-1", "killed", best=400, claimant="X", as_of="2025-01-10"),
        row("x-2", "killed", best=500, claimant="X", as_of="2025-01-19")])
    t = later.comparisons(later.snapshots(article, later.combine(article, lat), draws=10, seed=1))
    c = t[t["article_claimant"] == "C"]
    assert list(zip(c["later_ids"], c["pick"])) == [(("x-2",), "nearest in date and latest")]


def test_snapshots__a_percentage_drawn_from_a_lognormal_stays_at_most_100(tmp_path):
    # about 95 % read as 85.5-104.5 % is cut at 100 %, and a lognormal's draws beyond it are too
    article = _small(tmp_path / "a" / "claims.csv", [row("r", "casualty_rate", best=95, as_of="2025-01")])
    (snap,) = later.snapshots(article, later.combine(article, article.iloc[:0]), Assumptions(distribution="lognormal"),
                              draws=SMALL, seed=1)
    x = snap.mc["casualty_rate"].value
    assert x.max() == 100.0 and x.min() < 95
