"""The "What later reports said" section: left out with `later = ""`, present by default, ledger text escaped; made
by compute (Brief.later), only rendered here."""

import csv

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


def test_empty_later_leaves_the_section_out():
    none = compute(draws=2_000, sensitivity_draws=500, later="")
    assert none.later is None and none.later_claims is None
    assert later_section.section(none).data == ""


def test_the_section_by_default(brief):
    html = later_section.section(brief, in_bottom_line=False).data
    assert "What later reports said" in html
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
    html = later_section.section(early).data
    assert "No later report is dated on or before 2024-12" in html


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
    html = later_section.section(compute(draws=2_000, sensitivity_draws=500, later=str(path))).data
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>Officials</b>" not in html and "&lt;b&gt;Officials&lt;/b&gt;" in html


def test_a_later_ledger_of_another_article_is_left_out_with_a_note():
    from conftest import FIXTURES

    other = compute(ledger=str(FIXTURES / "fictional_ledger.csv"), draws=2_000, sensitivity_draws=500)
    html = later_section.section(other).data
    assert "revise claims of another ledger (nis-deployed, nis-killed, nis-wounded)" in html
    assert "<table" not in html


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
    html = later_section.section(dated, in_bottom_line=False).data
    assert "Western officials said about 1,000 killed (2025-01)" in html
    assert "NIS later said about 2,000 killed (2025-09-02)" in html


def test_compute_makes_the_later_view_once(monkeypatch):
    from analysis.judgments import hindsight

    calls = []
    analyse = hindsight.analyse
    monkeypatch.setattr(hindsight, "analyse", lambda *a, **k: calls.append(1) or analyse(*a, **k))
    b = compute(draws=2_000, sensitivity_draws=500)
    assert len(calls) == 1
    h = b.later.hindsight
    row = h.hindsight[(h.hindsight["metric"] == "killed") & (h.hindsight["article_claimant"] == "NIS")
                      & (h.hindsight["later_claimant"] == "NIS")].iloc[0]
    assert row["ratio"].point == pytest.approx(0.15)  # 300 / 2,000: the NIS's own September figure
    assert set(b.later_claims["claim_id"]) == set(h.known["claim_id"])  # one load for the engine and the section


def test_the_section_only_renders_what_compute_made(brief, monkeypatch):
    # No file read, no draws, no chart drawn here: the PNG comes from brief_charts.draw, like every other chart's.
    from analysis.judgments import hindsight
    from analysis.present import later_chart

    def refuse(*_a, **_k):
        raise AssertionError("the section read, drew or simulated")

    for module, name in ((hindsight, "load"), (hindsight, "analyse"), (hindsight, "_sides"), (hindsight, "timeline"),
                         (later_chart, "chart")):
        monkeypatch.setattr(module, name, refuse)
    html = later_section.section(brief, {"later": b"not really a png"}).data
    assert html.count("data:image/png;base64,bm90IHJlYWxseSBhIHBuZw==") == 1  # base64 of the bytes given


def _chart_table(html: str) -> list[list[str]]:
    """The rows of the section's chart-data table, each cell's text."""
    import re

    table = html.split('<table class="chart-data">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S)
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)]
            for r in rows]


def test_the_later_reports_chart_has_its_data_table_like_every_chart(brief):
    html = later_section.section(brief, {"later": b"png"}).data
    assert html.index('<table class="chart-data">') < html.index("<img ")  # the table above its chart
    rows = _chart_table(html)
    # as stated, drawn at the stated figure: NIS's September 2025 "about 2,000" killed
    assert ["Killed", "NIS", "nis-2025-09-killed", "2025-09-02", "about 2,000", "2,000"] in rows
    # a bound is drawn at its stated end, never at a reading of ours, its hedge kept: the UK's "highly likely" more
    # than 6,000
    assert ["Casualties (killed + wounded)", "UK MoD", "uk-2025-06-casualties", "2025-06-15",
            "highly likely at least 6,000", "6,000"] in rows
    # the NIS's killed and wounded of one date, summed for the casualties panel: 300 + 2,700 = 3,000
    assert ["Casualties (killed + wounded)", "NIS", "nis-killed + nis-wounded", "2025-01-13",
            "implied: about 300 killed + about 2,700 wounded", "3,000"] in rows
    assert [r[0] for r in rows] == sorted((r[0] for r in rows), key=["Killed", "Casualties (killed + wounded)",
                                                                      "Troops deployed"].index)  # panel order
    assert len(rows) == len(brief.later.hindsight.timeline)
