"""The "What later reports said" section: left out with `later = ""`, present by default, ledger text escaped."""

import csv
import html as htmllib
import re

import pytest

from analysis import params
from analysis.present import later_section
from analysis.brief.compute import compute

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


def test_the_section_by_default(brief):
    html = later_section.section(brief, "data/later-reports.csv").data
    assert "What later reports said, in full" in html and "<details" in html  # the annex part, folded in the HTML
    n = sum(1 for _ in LATER.open(encoding="utf-8")) - 1
    assert html.count('<tr id="claim-') == n             # every later claim listed, footnote targets included
    assert "NIS later said about 2,000 killed (2025-09-02)" in html
    # 300 / 2,000 = 0.15 and 1,000 / 2,000 = 0.50: CSIS's figure lies nearer NIS's own latest in every draw.
    assert "the article’s NIS figure (about 300) is 0.15 of it" in html
    assert ("the article’s CSIS figure (potentially 1,000) is 0.50 of it; CSIS’s figure almost certainly (99 %) lies nearer"
            in html)  # the hedge stays; the probability in ICD 203's words with its number
    assert "right for its date" in html
    assert html.count("<img ") == 1


def test_as_of_before_the_later_reports(brief):
    early = compute(draws=5_000, sensitivity_draws=1_000, as_of="2024-12")
    html = later_section.summary(early, "data/later-reports.csv").data
    assert "No later report is dated on or before 2024-12" in html
    assert later_section.section(early, "data/later-reports.csv").data == ""  # nothing for the annex


def test_ledger_text_is_escaped(brief, tmp_path):
    rows = list(csv.DictReader(LATER.open(encoding="utf-8")))
    row = next(r for r in rows if r["claim_id"] == "west-2025-01-killed")
    row.update(claimant="<b>Officials</b>", quote="Around 1,000 <script>alert(1)</script> killed",
               conduit="<i>x</i>")
    path = tmp_path / "later.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(row), lineterminator="\n")
        w.writeheader()
        w.writerow(row)
    html = later_section.section(brief, str(path)).data
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
    assert "Western officials said about 1,000 killed (2025-01)" in html
    assert "NIS later said about 2,000 killed (2025-09-02)" in html


def test_in_short__each_later_figure_as_its_claimant_gave_it_by_date(brief):
    """The body's short version: the later claims' own figures and dates, quantity by quantity, nothing worked out."""
    html = later_section.summary(brief, "data/later-reports.csv").data
    text = " ".join(htmllib.unescape(re.sub(r"<sup.*?</sup>|<[^>]+>", "", html)).split())
    # NIS's later killed figures, as later-reports.csv gives them: about 600 (30 April 2025) and about 2,000 (2
    # September; "war dead" in the source), both of all deployments where the article's count the first
    assert ("Killed: Western officials about 1,000 (2025-01); NIS about 600 (2025-04-30; scope: all deployments); "
            "NIS about 2,000 (2025-09-02; scope: all deployments; \"war dead\" read by us as killed)") in text
    assert "Figure 2" in text and 'href="#Later-reports-in-full"' in html
    assert "<img" not in html and "0.15" not in text  # no chart, no ratio: those are in the annex
