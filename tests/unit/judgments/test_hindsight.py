"""What later reports said: the later ledger, the timeline, hindsight. Expectations worked out by hand from the reports.

NIS, 30 April 2025: about 600 killed, 4,700 casualties, 4,100 injured, 15,000 sent; 2 September 2025: about 2,000
killed. Western officials to the BBC, January 2025: about 1,000 killed and 3,000 wounded. UK MoD: more than 5,000
casualties (March 2025), more than 6,000 (15 June 2025). The article: NIS about 300 killed and 2,700 wounded,
CSIS potentially 1,000 killed.
"""

import csv
import math

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


def _row(h, metric, article_claimant, later_claimant):
    r = h[(h["metric"] == metric) & (h["article_claimant"] == article_claimant) & (h["later_claimant"] == later_claimant)]
    assert len(r) == 1, f"expected one row for {metric} {article_claimant} vs {later_claimant}, got {len(r)}"
    return r.iloc[0]


def _hindsight(article, combined, as_of=None):
    return later.hindsight(selection.latest(article), combined, draws=DRAWS, seed=7, as_of=as_of)


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
    assert len(validate(both)) == 20


def test_sources_describe_every_report_and_point_only_inside(combined):
    s = pd.read_csv(SOURCES, dtype=str, keep_default_na=False)
    assert list(s.columns) == ["source_url", "outlet", "headline", "kind", "published", "description"]
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

def test_ratio_of_nis_january_to_april_killed_is_a_half(article, combined):
    r = _row(_hindsight(article, combined, "2025-04-30"), "killed", "NIS", "NIS")
    assert (r["ratio"].low, r["ratio"].point, r["ratio"].high) == (0.5, 0.5, 0.5)  # 300 / 600
    assert r["later_ids"] == ("nis-2025-04-killed",)
    assert r["p_below"] == 1.0  # 300 ± 10 % never reaches 600 ± 10 %
    # Read with "about" as ±10 %: between 270 / 660 = 0.409 and 330 / 540 = 0.611, the draws within it.
    assert (r["ratio_read"].low, r["ratio_read"].high) == pytest.approx((270 / 660, 330 / 540))
    assert 270 / 660 <= r["p5"] < r["p50"] < r["p95"] <= 330 / 540
    assert r["p50"] == pytest.approx(0.5, abs=0.01)


def test_against_nis_september_csis_lies_nearer_than_nis_itself(article, combined):
    h = _hindsight(article, combined)
    assert _row(h, "killed", "NIS", "NIS")["ratio"].point == pytest.approx(0.15)   # 300 / 2,000
    assert _row(h, "killed", "CSIS", "NIS")["ratio"].point == pytest.approx(0.5)   # 1,000 / 2,000
    near = later.nearer(selection.latest(article), combined, draws=DRAWS, seed=7)
    r = near[(near["later_claimant"] == "NIS") & (near["metric"] == "killed")].iloc[0]
    # |log(0.15)| = 1.90 against |log(0.5)| = 0.69; with ±10 % the closest NIS gets is log(1,800/330) = 1.70 and the
    # farthest CSIS gets is log(2,200/900) = 0.89: CSIS is nearer in every draw.
    assert (r["first"], r["second"], r["p_first"]) == ("NIS", "CSIS", 0.0)


def test_an_open_later_bound_caps_the_ratio_never_a_figure(article, combined):
    # NIS's implied 3,000 casualties (300 + 2,700) against the UK's "more than 6,000": 3,000 / 6,000 = 0.5 is a
    # ceiling; "more than" states no upper end, so the ratio has no floor of its own (0, never an assumption of ours).
    r = _row(_hindsight(article, combined), "casualties", "NIS", "UK MoD")
    assert r["article_status"] == "implied" and r["open_bound"] == "at_most"
    assert (r["ratio"].low, r["ratio"].high) == (0.0, 0.5)
    from analysis.wording.hindsight import ratio_words
    assert ratio_words(r["ratio"], r["open_bound"]) == "at most 0.50"


def test_an_up_to_article_claim_stays_a_bound(article, combined):
    # CSIS "as high as 50%" against the NIS's implied 4,700 / 15,000 = 31.33 %: at most 50 / 31.33 = 1.60.
    r = _row(_hindsight(article, combined), "casualty_rate", "CSIS", "NIS")
    assert r["open_bound"] == "at_most"
    assert r["ratio"].high == pytest.approx(50 / (100 * 4700 / 15000))
    assert r["ratio"].low == 0  # "as high as" states no low end: no floor of ours enters the stated ratio


def test_csis_killed_matches_western_officials(article, combined):
    r = _row(_hindsight(article, combined), "killed", "CSIS", "Western officials")
    assert r["ratio"].point == 1.0  # 1,000 / 1,000


def test_before_any_later_report_there_is_no_hindsight(article, combined):
    assert _hindsight(article, combined, "2024-12").empty


def test_timing_where_dates_differ():
    # data here; analysis.wording.hindsight.timing_caveat says it (tests/unit/wording/test_hindsight_words.py)
    assert later.timing("", "2025-09-02") == "undated"
    assert later.timing("2025-01-13", "2025-09-02") == "after"
    assert later.timing("2025-01-13", "2025-01-13") == ""
    assert later.timing("2025-01-13", "") == ""


# -------------------------------------------------------------------------------------------------- timeline

def test_timeline_joins_killed_and_wounded_into_implied_casualties(combined):
    tl = later.timeline(combined)
    cas = tl[(tl["metric"] == "casualties") & (tl["status"] == "implied")].set_index("claimant")
    assert cas.at["NIS", "point"] == 3000          # 300 + 2,700, the article's, dated by the NIS briefing it reports
    assert cas.at["NIS", "source"] == "article" and cas.at["NIS", "date"] == "2025-01-13"
    assert cas.at["Western officials", "point"] == 4000  # 1,000 + 3,000
    assert cas.at["Western officials", "date"] == "2025-01"
    assert cas.at["Western officials", "x"] == pd.Timestamp("2025-01-15")  # a month sits at its middle


def test_timeline_as_of_february_2025(combined):
    tl = later.timeline(combined, "2025-02")
    dated = tl[tl["date"] != ""]
    assert set(dated["claimant"]) == {"NIS", "CSIS", "Western officials", "Ukraine"}  # the article: 13 Jan, 4 Feb
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
def test_diff__article_brief_against_the_all_reports_brief__revisions_with_their_dates(tmp_path):
    """brief diff between the article's brief and the all-reports brief lists NIS's revisions with their dates."""
    from analysis.brief import diff
    from analysis.brief import results
    from analysis.brief.compute import compute

    fast = dict(draws=2_000, sensitivity_draws=500)
    article = results.to_dict(compute(**fast))
    everything = results.to_dict(compute(ledger=["data/claims.csv", "data/later-reports.csv"], **fast))
    shown = {str(c) for c in diff.compare(article, everything)}
    assert "NIS killed: 300 (2025-01-13) → 2,000 (2025-09-02)" in shown  # the NIS briefing of 2 September 2025
    assert "NIS wounded: 2,700 (2025-01-13) → 4,100 (2025-04-30)" in shown


def test_analyse__draws_both_sides_once_for_the_ratios_and_the_nearer_figure(article, combined, monkeypatch):
    # The section's ratios and its "whose figure lies nearer" rest on the same draws: made once, not once for each.
    calls = []
    sides = later._sides
    monkeypatch.setattr(later, "_sides", lambda *a, **k: calls.append(1) or sides(*a, **k))
    h = later.analyse(selection.latest(article), combined, draws=DRAWS, seed=7)
    assert len(calls) == 1
    # the same tables as asked for one at a time: 300 / 2,000 = 0.15; 1,000 / 2,000 = 0.5; CSIS nearer in every draw
    assert _row(h.hindsight, "killed", "NIS", "NIS")["ratio"].point == pytest.approx(0.15)
    assert _row(h.hindsight, "killed", "CSIS", "NIS")["ratio"].point == pytest.approx(0.5)
    r = h.nearer[(h.nearer["later_claimant"] == "NIS") & (h.nearer["metric"] == "killed")].iloc[0]
    assert (r["first"], r["second"], r["p_first"]) == ("NIS", "CSIS", 0.0)
    assert list(h.known["claim_id"]) == list(combined.loc[combined["source"] == "later", "claim_id"])
    assert h.timeline.equals(later.timeline(combined))
