"""The "What later reports said" section: left out with `later = ""`, present by default, ledger text escaped."""

import csv
import html as htmllib
import re

import pytest

from analysis import params
from analysis.present import later_section
from analysis.brief.compute import compute
from analysis.errors import BriefError

from conftest import ROOT

LATER = ROOT / "data" / "later-reports.csv"

pytestmark = pytest.mark.integration  # whole briefs computed: left out of the mutation run (tests/MUTATION.md)


@pytest.fixture(scope="module")
def brief():
    return compute(draws=5_000, sensitivity_draws=1_000)


def test_the_notebook_declares_later_with_the_real_ledger_as_default():
    assert params.declared()["later"] == "data/later-reports.csv"


def test_empty_later_leaves_the_section_out(brief):
    assert later_section.section(brief, "").data == "" == later_section.summary(brief, "").data


def table_rows(html: str, css_class: str) -> list[list[str]]:
    """The cells of the table of that class, row by row, as text (tags dropped, spaces joined)."""
    table = re.search(rf'<table class="{css_class}">(.*?)</table>', html, flags=re.S).group(1)
    return [[" ".join(re.sub(r"<[^>]+>", "", c).split()) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)]
            for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.S)]


def test_the_section_by_default(brief):
    html = " ".join(later_section.section(brief, "data/later-reports.csv").data.split())  # lines joined
    assert "What later reports said, in full" in html and "<details" in html  # the annex part, folded in the HTML
    n = sum(1 for _ in LATER.open(encoding="utf-8")) - 1
    assert html.count('<li id="claim-') == n             # every later claim listed, footnote targets included
    # 17 claims: Western officials (2), Ukraine (2) and HUR (1) by 18 February 2025, 14 days after CSIS's 4 February;
    # the count opens the body's short version
    summary = " ".join(later_section.summary(brief, "data/later-reports.csv").data.split())
    assert "5 at the same time as its figures (dated on or before 2025-02-18, 14 days after its latest) and 12 later" \
        in summary
    # the comparisons (in the body's short version): one table, a row per later figure of the article's scope, a
    # column per article claimant
    compared = table_rows(summary, "compared")
    assert compared[0] == ["Later figure", "NIS", "CSIS"]
    assert ["Killed: the article’s", "about 300 (our attribution)", "potentially 1,000"] in compared
    # 300 / 1,000 = 0.30; 1,000 / 1,000 = 1.00, the figure CSIS may echo (Western officials' is earlier)
    assert ["Western officials: about 1,000 (2025-01)[west-2025-01-killed] (at the same time)", "0.30: lower",
            "1.00: the same figure; nearer; the article’s may echo it"] in compared
    # NIS's own mid-March figure of the first deployment tests the implied 3,000: at most 3,000 / 4,000 = 0.75;
    # CSIS's at most 50 % of 11,000 = 5,500: at most 5,500 / 4,000 = 1.375
    assert ["Casualties: the article’s", "3,000 (implied; our attribution)",
            "at most 5,500 (implied; hedged “could be”)"] in compared
    assert ["NIS: at least 4,000 (2025-03)[nis-2025-03-casualties]", "at most 0.75: lower",
            "at most 1.38: consistent"] in compared
    # 300 counts the first deployment, 600 (April) all deployments: not compared; 2,000 / 600 = 3.33
    assert "a count of all deployments, not first deployment (Kursk): not a revision, so not compared; then about 2,000 " \
        "(2025-09-02; via Lee Seong-kweun" in html and "3.33 times the previous figure: higher" in html
    assert not re.search(r"\(\d+ %\)", html)  # no probability word restates arithmetic or a bound
    assert html.count("<img ") == 1


def test_as_of_before_the_later_reports(brief):
    early = compute(draws=5_000, sensitivity_draws=1_000, as_of="2024-12")
    html = later_section.summary(early, "data/later-reports.csv").data
    assert "No later report is dated on or before 2024-12" in html
    assert later_section.section(early, "data/later-reports.csv").data == ""  # nothing for the annex


def test_presentation_reads_no_other_later_ledger(brief):
    # the section renders what compute made; a brief computed with another later ledger is an error, not a second
    # computation in the presentation
    with pytest.raises(BriefError, match="computed with later = 'data/later-reports.csv', not 'other.csv'"):
        later_section.section(brief, "other.csv")


def test_ledger_text_is_escaped(tmp_path):
    rows = list(csv.DictReader(LATER.open(encoding="utf-8")))
    row = next(r for r in rows if r["claim_id"] == "west-2025-01-killed")
    row.update(claimant="<b>Officials</b>", quote="Around 1,000 <script>alert(1)</script> killed",
               conduit="<i>x</i>")
    path = tmp_path / "later.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(row), lineterminator="\n")
        w.writeheader()
        w.writerow(row)
    escaped = compute(draws=5_000, sensitivity_draws=1_000, later=str(path))
    html = later_section.section(escaped, str(path)).data
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>Officials</b>" not in html and "&lt;b&gt;Officials&lt;/b&gt;" in html


def test_a_later_ledger_of_another_article_is_left_out_with_a_note():
    from conftest import FIXTURES

    other = compute(ledger=str(FIXTURES / "fictional_ledger.csv"), draws=2_000, sensitivity_draws=500)
    html = later_section.summary(other, "data/later-reports.csv").data
    assert "revise claims of another ledger (nis-deployed, nis-killed, nis-wounded)" in html
    assert "<table" not in html and later_section.section(other, "data/later-reports.csv").data == ""


def test_later_only_for_figures_after_the_articles(tmp_path):
    # Dated as the citing reports date them: NIS 13 January 2025, CSIS (Seth Jones) 4 February 2025. Western
    # officials spoke to the BBC in January, before the CSIS figure: "said", not "later said".
    a = (ROOT / "data" / "claims.csv").read_text(encoding="utf-8").splitlines()
    rows = list(csv.reader(a))
    for r in rows[1:]:
        r[11] = "2025-01-13" if r[0].startswith("nis-") else "2025-02-04"
    path = tmp_path / "claims.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    dated = compute(ledger=str(path), draws=2_000, sensitivity_draws=500)
    html = later_section.section(dated, "data/later-reports.csv").data
    assert ["Western officials: about 1,000 (2025-01)[west-2025-01-killed] (at the same time)", "0.30: lower",
            "1.00: the same figure; nearer; the article’s may echo it"] in table_rows(
                later_section.summary(dated, "data/later-reports.csv").data, "compared")
    assert "then about 2,000 (2025-09-02; via Lee Seong-kweun" in html


def test_any_later_ledger_of_the_fictional_one__no_inf_no_nan(tmp_path):
    # a later ledger of the fictional article with 0 killed (a ratio over 0), two ceilings of a rate, an undated claim
    from conftest import FIXTURES

    path = tmp_path / "later.csv"
    path.write_text(
        "claim_id,metric,low,best,high,unit,bound,claimant,spokesperson,conduit,published,as_of,source_url,quote,notes,"
        "supersedes\n"
        "l-a-killed,killed,,0,,persons,exact,Ministry A (fictional),,,2025-06-01,2025-06-01,https://example.org/l1,"
        "0 killed,x,f-a-killed-1\n"
        "l-c-killed,killed,,100,,persons,approximate,Observer C,,Radio X; Paper Y,2025-07,,https://example.org/l2,"
        "about 100,x,\n"
        "l-c-wounded,wounded,,0,,persons,exact,Observer C,,Radio X; Paper Y,2025-07,,https://example.org/l2,0 wounded,x,\n"
        "l-d-rate,casualty_rate,,,40,percent,up_to,Observer D,,,,,https://example.org/l3,up to 40%,x,\n",
        encoding="utf-8")
    other = compute(ledger=str(FIXTURES / "fictional_ledger.csv"), draws=2_000, sensitivity_draws=500, later=str(path))
    html = later_section.section(other, str(path)).data
    text = re.sub(r"<[^>]+>", " ", re.sub(r'src="data:[^"]+"', "", html))
    assert not re.search(r"\b(inf|nan)\b", text, flags=re.I)
    compared = table_rows(later_section.summary(other, str(path)).data, "compared")
    assert ["Ministry A (fictional): 0 (2025-06-01)[l-a-killed]", "higher (a ratio over 0 is undefined)"] == \
        compared[2][:2]                                                    # 150-200 killed against 0
    assert "Observer C: about 100 (2025-07)[l-c-killed]" in [r[0] for r in compared]


def test_in_short__the_comparisons_and_the_figures_of_another_scope_by_name(brief):
    """The body's short version: the article's figures against later ones of the same count, and every other later
    figure it cannot compare, with its scope; no chart (Figure 2 is in the annex)."""
    html = later_section.summary(brief, "data/later-reports.csv").data
    text = " ".join(htmllib.unescape(re.sub(r"<sup.*?</sup>|<[^>]+>", "", html)).split())
    # NIS's later figures of all deployments, as later-reports.csv gives them (its latest killed: about 2,000 of 2
    # September), and North Korea's 9 of its later deployments: named, not compared
    assert ("Not compared, as they count another scope than the article’s (first deployment (Kursk)), so the "
            "difference may be one of scope, not of fact: NIS (all deployments): about 15,000 troops deployed "
            "(2025-04-30), about 2,000 killed (2025-09-02; \"war dead\" read by us as killed), about 4,100 wounded "
            "(2025-04-30);") in text
    assert "North Korea (later deployments): 9 killed (2025-12; \"loss of nine lives\" read by us as killed)" in text
    # our reading of a later claim's words stays beside its figure in the table too (Western officials' wounded are
    # our remainder of their 4,000 "battle casualties")
    assert "Western officials: about 3,000 (2025-01; remainder of 4,000 \"battle casualties\", which include missing " \
        "and captured) (at the same time)" in text
    assert "Figure 2" in text and 'href="#Later-reports-in-full"' in html and "<img" not in html
    assert "Each cell: the article’s figure ÷ the later one, as stated" in text


def test_the_later_claims_table_says_revises_only_within_one_scope(brief):
    # later-reports.csv: NIS's April 600 names its January 300 (first deployment) though it counts all deployments;
    # its September 2,000 names the April 600, of the same scope; UK MoD's June floor its March one (first deployment).
    html = " ".join(later_section.section(brief, "data/later-reports.csv").data.split())
    assert 'after <code class="id">nis-killed</code>, another scope' in html
    assert 'revises <code class="id">nis-2025-04-killed</code>' in html
    assert 'revises <code class="id">uk-2025-03-casualties</code>' in html
    assert 'revises <code class="id">nis-killed</code>' not in html
    # Kim Jong Un's words, as the EurAsian Times quotes KCNA: not the outlet's headline
    assert "“heartrending loss of nine lives”" in html and "Regiment Suffered" not in html


def test_in_short__says_where_the_later_claims_are_used_and_who_dated_the_article(brief):
    text = " ".join(later_section.summary(brief, "data/later-reports.csv").data.split())
    # the article dates none of its figures: 2025-01-13 and 2025-02-04 are ours, after CNA and Yonhap
    assert "its figures dated 2025-01-13, 2025-02-04 (some or all by us, from other reports: Table 1 says which)" in text
    assert "The rest of this brief uses only the article’s claims" not in text
    assert "in the bottom line’s judgments of the article’s figures against them" in text
