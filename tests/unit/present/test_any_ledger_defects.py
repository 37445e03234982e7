"""Issue 18: ledgers other than Kursk's, each a defect found by trying them (or by tests/property/test_any_ledger.py),
fixed with this test first. Expected text is worked out by hand from the rows written here."""

from __future__ import annotations

import re

import pytest
from markupsafe import Markup

from analysis.brief.compute import compute
from analysis.present import annex, tables
from analysis.present import sections as present
from analysis.present.quantities import figure_text
from ledgers import row, write

pytestmark = pytest.mark.integration  # whole briefs computed: left out of the mutation run (tests/MUTATION.md)

FAST = dict(draws=2_000, sensitivity_draws=500)


def brief(tmp_path, rows, **params):
    return compute(ledger=str(write(tmp_path / "claims.csv", rows)), **FAST, **params)


def plain(markup) -> str:
    """Text without footnote markers (the claim ids in brackets)."""
    return re.sub(r'<sup class="ref">.*?</sup>', "", str(markup))


def judgment(b, heading_start: str):
    found = [j for j in present.key_judgments(b) if j.heading.startswith(heading_start)]
    assert len(found) == 1, [j.heading for j in present.key_judgments(b)]
    return found[0]


def test_killed_in_tension__key_judgments_say_the_overlap_in_part(tmp_path):
    # "about 10,000" read ±10 % is 9,000–11,000; "about 9,000" is 8,100–9,900: they overlap (9,000–9,900), but
    # Alpha's 10,000 lies outside Beta's 8,100–9,900 (Beta's 9,000 lies within Alpha's 9,000–11,000): a tension,
    # which has no factor. It crashed the bottom line (math.floor of NaN).
    b = brief(tmp_path, [row("a-k", best="10000", bound="approximate", claimant="Alpha Ministry"),
                         row("b-k", best="9000", bound="approximate", claimant="Beta Monitor")])
    # Over the grid's tolerances: at ±5 % 9,500–10,500 and 8,550–9,450 are disjoint (still not consistent); at
    # ±20 % 8,000–12,000 and 7,200–10,800 each hold the other's figure (consistent). 2 of 3 tolerances, both hedge
    # readings (no hedge): 4 of 6 pairs, 40 cells each: 160 of 240.
    deaths = judgment(b, "Killed")
    assert deaths.heading == "Killed, between claimants"
    assert plain(deaths.text).startswith(
        "Alpha Ministry: about 10,000; Beta Monitor: about 9,000: the ranges overlap, but Alpha Ministry’s figure "
        "lies outside Beta Monitor’s range (in 160 of 240 of our readings).")


def test_killed_against_zero__no_ratio_is_given(tmp_path):
    # 10 killed against 0 killed cannot both be true, but 10 / 0 is no number: "at least inf times" crashed the
    # flags (math.floor of infinity) and the robustness grid (a division by zero).
    b = brief(tmp_path, [row("z-k", best="0", bound="exact", claimant="Zeta"),
                         row("c-k", best="10", bound="exact", claimant="CSIS")])
    flags = annex.flags_section(b).data
    assert ("Killed: Zeta’s 0 and CSIS’s 10 cannot both be true; CSIS’s figure is above Zeta’s figure of 0 (no "
            "ratio to 0 can be given).") in flags
    deaths = judgment(b, "Killed")
    assert plain(deaths.text).startswith("CSIS: 10; Zeta: 0: CSIS’s is above Zeta’s figure of 0 (no ratio to 0 can "
                                         "be given).")
    assert b.robustness.empty  # the one judgment it could make between them is a ratio: there is none


def test_rate_floor__is_never_called_an_upper_bound(tmp_path):
    # Alpha: at least 3,490 casualties of exactly 10,000 deployed → a rate of at least 34.9 %, a floor. Delta states
    # "at least 33.3%". The bottom line called Alpha's floor an "upper bound", the sentence written for a ceiling.
    b = brief(tmp_path, [row("a-c", "casualties", low="3490", claimant="Alpha Ministry"),
                         row("a-d", "deployed", best="10000", bound="exact", claimant="Alpha Ministry"),
                         row("d-r", "casualty_rate", low="33.3", claimant="Delta Monitor")])
    flags = plain(annex.flags_section(b).data)
    assert ("Delta Monitor’s at least 33.3% and Alpha Ministry’s lower bound of 34.9% overlap: consistent, though a "
            "bound tests little.") in flags
    assert "upper bound" not in flags
    assert not b.bottom_line  # a comparison consistent against a bound is not a judgment for the bottom line


def test_derived_force__rounded_to_the_digits_its_inputs_carry(tmp_path):
    # 1,920 casualties (3 figures) over a rate of 17.45–50 % (4 figures): 1,920 / 0.5 = 3,840 to
    # 1,920 / 0.1745 = 11,002.87 deployed, which 4 figures put at 3,840–11,000 (it was printed "3,840–11,003").
    b = brief(tmp_path, [row("a-c", "casualties", best="1920", bound="exact", claimant="Alpha Ministry"),
                         row("a-r", "casualty_rate", low="17.45", high="50", claimant="Alpha Ministry")])
    assert figure_text("Alpha Ministry", "deployed", b) == "3,840–11,000"


def test_sensitivity__an_end_with_no_draw_that_fits_is_said_not_printed_nan(tmp_path):
    # Wounded about 2,700 (read 2,430–2,970), casualties "up to 2,800" (read, for the bands, as 1,400–2,800), a rate
    # of about 30 %. Wounded at its high end, 2,970, exceeds every casualties draw; casualties at its low end, 1,400,
    # lies below every wounded draw: no draw survives at those ends, so there is no median to give. The section
    # printed "from 30.0% to — (nan percentage points)" and "nan" in its table.
    b = brief(tmp_path, [row("a-w", "wounded", best="2700", claimant="Alpha Ministry"),
                         row("a-c", "casualties", high="2800", claimant="Alpha Ministry"),
                         row("a-r", "casualty_rate", best="30", claimant="Alpha Ministry")])
    html = annex.sensitivity_section(b, {"tornado": b""}).data
    assert "nan" not in html.lower()
    assert ("<p>No input moves a casualty rate across its whole range: at one end of each, no draw fits the claimant’s "
            "other figures (the table says which).</p>") in html
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", html, re.S)
    wounded = [r for r in rows if '<code class="id">a-w</code>' in r][0]
    casualties = [r for r in rows if '<code class="id">a-c</code>' in r][0]
    assert re.findall(r"<td[^>]*>(.*?)</td>", wounded)[-2:] == ["no draw fits", "—"]
    assert re.findall(r"<td[^>]*>(.*?)</td>", casualties)[-3::2] == ["no draw fits", "—"]


def test_header__titled_after_the_case_not_kursk(tmp_path):
    # No title given: the case's own (its params.yaml's title, else its folder's name), never "North Korean losses".
    folder = tmp_path / "avdiivka"
    folder.mkdir()
    b = brief(folder, [row("a-k", best="300")])
    assert "<h1>Claims in avdiivka</h1>" in present.header(b, "").data
    assert "<h1>Given</h1>" in present.header(b, "Given").data
    (folder / "params.yaml").write_text("title: Avdiivka <2024>\n", encoding="utf-8")
    assert "<h1>Avdiivka &lt;2024&gt;</h1>" in present.header(brief(folder, [row("a-k", best="300")]), "").data


def test_sources__a_case_folder_s_own_sources_csv(tmp_path):
    # The claims table names the outlet the case's sources.csv gives its URL, not data/sources.csv's.
    (tmp_path / "sources.csv").write_text("source_url,outlet,headline,kind,published,description\n"
                                          "https://example.org/,Example Gazette,,,,\n", encoding="utf-8")
    b = brief(tmp_path, [row("a-k", best="300")])
    assert b.outlets() == {"https://example.org/": "Example Gazette"}
    assert "Example Gazette" in tables.claims_table(b).data and "Example Gazette" in annex.sources_section(b).data


def test_later__an_empty_later_ledger_is_no_later_report(tmp_path):
    # `brief new` writes later-reports.csv with its header alone: the brief has no later report to set beside its
    # claims, and the build must not fail on "no claims" in it.
    from analysis.present import later_section

    later = tmp_path / "later-reports.csv"
    later.write_text(",".join(__import__("ledgers").COLUMNS) + "\n", encoding="utf-8")
    b = brief(tmp_path, [row("a-k", best="300")], later=str(later))
    assert b.later is None
    assert later_section.view(b, str(later)) is None
    assert later_section.section(b, str(later)).data == ""
