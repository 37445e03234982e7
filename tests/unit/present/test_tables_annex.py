"""The claims table says each fact once; the annex names every source and hashes every input (issue 21)."""

import csv
import hashlib
import re

import pytest

from analysis.brief.compute import compute
from analysis.present import annex, tables
from conftest import ROOT

pytestmark = pytest.mark.integration  # whole briefs computed: left out of the mutation run (tests/MUTATION.md)

JONES = ("Seth Jones from the Center for Strategic and International Studies estimated that casualty rates could be as "
         "high as 50%, with potentially 1,000 soldiers killed")


@pytest.fixture(scope="module")
def brief():
    return compute(draws=5_000, sensitivity_draws=1_000)


@pytest.fixture(scope="module")
def claims_html(brief):
    return tables.claims_table(brief).data


def test_claims_table__one_row_per_claim_and_a_quote_said_once(claims_html):
    for claim_id in ("nis-deployed", "nis-killed", "nis-wounded", "csis-casualty-rate", "csis-killed",
                     "csis-deployed"):
        assert claims_html.count(f'<tr id="claim-{claim_id}"') == 1
    # Jones's sentence holds three claims (rate, killed, force): printed once, beside all three
    assert claims_html.count(JONES) == 1
    assert claims_html.count("Reports indicate that approximately 300 North Korean troops have died") == 1


def test_claims_table__what_each_claimant_implies_beside_its_claims(claims_html):
    text = re.sub(r"<[^>]+>", "", claims_html)
    # NIS: 300 + 2,700 = 3,000 casualties; 3,000 / 11,000 to 3,000 / 10,000 = 27.3–30.0%; 2,700 / 300 = 9.0
    assert "Casualties (killed + wounded): 3,000" in text
    assert "Casualty rate (casualties / deployed): 27.3–30.0%" in text
    assert "Wounded per killed: 9.0" in text
    # CSIS: as high as 50% of about 11,000 is at most 5,500 casualties, less potentially 1,000 killed at most 4,500
    # wounded; the hedges stay with the figures that rest on them
    assert "Casualties (killed + wounded): at most 5,500 (hedged: “could be”)" in text
    assert "Wounded: at most 4,500 (hedged: “could be”, “potentially”)" in text
    # our reading, as the comparisons use it: "about 300" as 270–330
    assert "read as 270–330" in text


def test_claims_table__a_grade_column_and_ids_that_never_break(claims_html):
    assert "<th scope=\"col\">Grade</th>" in claims_html
    assert '<code class="id">csis-casualty-rate</code>' in claims_html
    assert "Table 1." in claims_html


def test_claims_table__ledger_text_is_escaped(tmp_path):
    rows = list(csv.DictReader((ROOT / "data" / "claims.csv").open(encoding="utf-8")))
    rows[0]["quote"] = rows[0]["quote"].replace("The South Korean", "The <b>South</b> Korean")
    rows[0]["claimant"] = "<i>NIS</i>"
    for r in rows:
        if r["claimant"] == "NIS":
            r["claimant"] = "<i>NIS</i>"
    path = tmp_path / "claims.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    b = compute(ledger=str(path), draws=2_000, sensitivity_draws=500, later="")
    out = tables.claims_table(b).data
    assert "<b>South</b>" not in out and "&lt;b&gt;South&lt;/b&gt;" in out
    assert "<i>NIS</i>" not in out and "&lt;i&gt;NIS&lt;/i&gt;" in out


def test_flags__tension_is_defined_only_where_a_comparison_is_one(brief):
    assert "tension" not in set(brief.flags["verdict"])  # the article's claims: disagreements and consistent pairs
    assert "Tension" not in annex.flags_section(brief).data


def test_sources__every_source_a_used_claim_cites_later_reports_included(brief):
    listed = annex.sources_section(brief).data
    later = list(csv.DictReader((ROOT / "data" / "later-reports.csv").open(encoding="utf-8")))
    article = list(csv.DictReader((ROOT / "data" / "claims.csv").open(encoding="utf-8")))
    cited = {r[c] for r in later + article for c in ("source_url", "attributed_by", "dated_by") if r.get(c)}
    assert len(cited) >= 16
    for url in cited:
        assert f'href="{url.replace("&", "&amp;")}"' in listed, url
    assert listed.count("<li>") == len(cited)  # each once


def test_sources__later_reports_left_out_leave_their_sources_out():
    b = compute(draws=2_000, sensitivity_draws=500, later="")
    assert "themoscowtimes.com" not in annex.sources_section(b).data


def test_reproducibility__hashes_every_input_file(brief):
    shown = annex.reproducibility(brief).data
    for name in ("data/claims.csv", "data/later-reports.csv", "data/sources.csv", "data/reference_ratios.csv",
                 "data/scopes.csv", "notebooks/briefing.ipynb"):
        digest = hashlib.sha256((ROOT / name).read_bytes()).hexdigest()
        # a two-column table, each hash in line with its file's name (issue 21: the annex shorter on paper)
        row = f'<tr><th scope="row"><code>{name}</code></th><td><code class="sha">{digest}</code></td></tr>'
        assert shown.count(row) == 1, name
    assert shown.count("<tr>") == 6


def _text(html: str) -> str:
    return " ".join(re.sub(r"<sup.*?</sup>|<[^>]+>", " ", html).split())


def test_bands_table__each_row_one_line_its_note_a_mark_explained_once_under_it(brief):
    # Issue 21: the Note column's words wrapped most of the 24 rows to two lines on A4. Each note is now a mark, said
    # once under the table. By hand from data/claims.csv: NIS's killed, about 300 (270–330), and CSIS's, potentially
    # 1,000 (900–1,100), do not overlap, so the pool has no middle for killed and the three ratios over killed (†);
    # CSIS's casualty rate is a ceiling ("as high as 50%"), so its and the pool's wounded, casualties and casualty
    # rate, and its own killed share of casualties and wounded per killed, rest on our reading of that bound (‡).
    table = tables.bands_table(brief).data
    body = table[table.index("<tbody>"):table.index("</tbody>")]
    rows = re.findall(r"<tr.*?</tr>", body, re.S)
    assert len(rows) == 24   # eight quantities, each for NIS, CSIS and the pool
    marks = [re.findall(r'<td class="mark">(.*?)</td>', r, re.S) for r in rows]
    assert all(len(m) == 1 for m in marks)
    marks = [m[0] for m in marks]
    assert marks.count("†") == 4 and marks.count("‡") == 3 * 2 + 2 and marks.count("") == 12
    assert "no middle" not in body and "set by our reading" not in body
    after = re.sub(r"<[^>]+>", "", table[table.index("</table>"):])   # a mark is joined to its note (no-break space)
    assert after.count("†") == 1 and after.count("‡") == 1
    assert ("†\u00a0The claimants’ figures do not overlap: the pool has no meaningful middle, and its median "
            "would be a figure nobody claimed. ‡\u00a0Set by our reading of a bound.") in after
    assert table.count("<col ") == 6   # widths set once, in a colgroup


def test_an_attribution_of_ours_stays_visible_wherever_its_claims_are_used(brief):
    # Issue 20, finding 8: the article names no claimant for NIS's three figures (data/claims.csv: attribution
    # "inferred"); the brief attributes them. Every part of the annex that names NIS beside one of its figures says
    # so, tables included; CSIS's figures (Jones named by the article) carry no such mark.
    flags = _text(annex.flags_section(brief).data)
    assert "Killed: NIS’s (our attribution) 300 (read as 270–330) and CSIS’s hedged (“potentially”) 1,000" in flags
    assert "is at least 2.7 times NIS’s (our attribution)." in flags     # 900 / 330 = 2.72
    assert "CSIS’s (our attribution)" not in flags
    robustness = _text(annex.robustness_section(brief).data)
    assert "NIS’s (our attribution) casualty rate lies within CSIS’s upper bound" in robustness
    bands = _text(tables.bands_table(brief).data)
    assert bands.count("NIS (our attribution)") == 8   # NIS's eight figures: three stated, five implied
    sensitivity = _text(annex.sensitivity_section(brief).data)
    assert "The casualty rate moves most with NIS (our attribution) wounded" in sensitivity
    assert "NIS (our attribution) killed nis-killed 270 to 330 NIS (our attribution)" in sensitivity
    wars = _text(annex.history_section(brief).data)
    assert "NIS (our attribution; 9.0): within the reference wars" in wars   # 2,700 / 300
    assert "CSIS (at most 4.5;" in wars


def test_the_person_is_named_with_the_institution_where_the_source_names_them(brief, claims_html):
    # The article: "Seth Jones from the Center for Strategic and International Studies estimated": the bottom line
    # names him with CSIS, Table 1 heads CSIS's claims with him.
    assert "CSIS <span class=\"muted\">(Seth Jones)</span>" in claims_html
    bottom = " ".join(t for item in brief.bottom_line for t, _ in item.parts)
    assert "Seth Jones (CSIS): potentially 1,000" in bottom and "NIS (our attribution): about 300" in bottom


def test_robustness__says_which_judgments_the_grid_remakes(brief):
    # the bottom line's first item judges NIS's implied casualties against later reports: not a grid judgment
    text = _text(annex.robustness_section(brief).data)
    assert "Each judgment of the bottom line" not in text
    assert ("Each judgment between the article’s claimants, re-made under every combination of the analyst’s "
            "readings:") in text
    assert "Judgments of the article’s figures against later reports are not in this grid." in text


def test_robustness__dependence_said_once_for_both_of_nis_collapsing_bands(brief):
    # NIS's killed and wounded come from one briefing: shared, their error cancels in 2,700 / 300 = 9.0 wounded per
    # killed and 300 / 3,000 = 10% of casualties killed. One sentence names both (issue 21: it was said twice).
    text = _text(annex.robustness_section(brief).data)
    assert text.count("Dependence:") == 1
    assert ("Dependence: if NIS’s (our attribution) figures from one briefing share their error (correlation 1), its "
            "wounded per killed is 9.0 and its killed as share of casualties is 10% in every draw; their 90% bands of "
            ) in text


CRS = "Congressional Research Service, RL32492, American War and Military Operations Casualties: Lists and Statistics"


def test_reference_wars__each_citation_said_once_under_the_table(brief):
    # Issue 21: the Source column printed a CRS citation of 3-4 lines in each of three rows. data/reference_ratios.csv
    # cites three distinct sources: CRS's principal wars table (World War II, Korea), the same table and its note on
    # wounded (Vietnam) and CBO's working paper (Iraq). Each row names its source by number; each is cited once.
    html = annex.history_section(brief).data
    table = html[html.index("<table"):html.index("</table>")]
    assert CRS not in table and "Congressional Budget Office" not in table
    cells = re.findall(r'<td class="ref">(.*?)</td>', table, re.S)
    assert cells == ["1", "1", "2", "3"]   # World War II, Korea, Vietnam, Iraq
    after = _text(html[html.index("</table>"):])
    assert after.count(CRS) == 2 and after.count("Congressional Budget Office") == 1
    assert (f"Sources: 1 {CRS} (principal wars table). 2 {CRS} (principal wars table and its note on wounded). "
            "3 Congressional Budget Office, Working Paper 2014-08.") in after
