"""Source grades (issue 19): the Admiralty code of each source in sources.csv — reliability A–F of the source,
credibility 1–6 of the information — checked when the file is read, a claim's grade, and the pool's weights by grade.
Expected grades are read by hand from data/sources.csv."""

import csv
from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import LedgerError
from analysis.ledger import grades
from analysis.ledger.validate import validate

from conftest import ROOT

EXPRESS = "https://www.express.co.uk/"
HEADER = "source_url,outlet,headline,kind,published,description,reliability,credibility,grade_reason\n"


def _sources(tmp_path, *lines: str, header: str = HEADER) -> Path:
    path = tmp_path / "sources.csv"
    path.write_text(header + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _problems(path) -> list[tuple[str, int, str, str]]:
    with pytest.raises(LedgerError) as e:
        grades.load(path)
    return [(Path(p.path).name, p.line, p.column, p.message) for p in e.value.problems]


@pytest.fixture(scope="module")
def sources():
    return grades.load(ROOT / "data" / "sources.csv")


def test_the_real_sources_are_all_graded(sources):
    assert len(sources) == 16
    assert (sources["reliability"] != "").all() and (sources["credibility"] != "").all()
    assert (sources["grade_reason"] != "").all()


def test_grade_of_a_claim_is_its_sources_grade(sources):
    claims = validate([ROOT / "data" / "claims.csv", ROOT / "data" / "later-reports.csv"]).set_index("claim_id")
    assert grades.grade_of(claims.loc["nis-killed"], sources) == ("E", "3")            # read at the Express
    assert grades.grade_of(claims.loc["nis-2025-04-killed"], sources) == ("B", "2")    # The Korea Herald
    assert grades.grade_of(claims.loc["west-2025-01-killed"], sources) == ("C", "3")   # The Moscow Times
    assert grades.grade_of(EXPRESS, sources) == ("E", "3")                              # or by its URL


def test_no_grade_for_an_unknown_or_ungraded_source(tmp_path, sources):
    assert grades.grade_of("https://example.org/", sources) is None
    path = _sources(tmp_path, "https://example.org/a,A,,,,,,,")
    assert grades.grade_of("https://example.org/a", grades.load(path)) is None
    assert grades.grade_of("https://example.org/a", pd.DataFrame()) is None  # no sources.csv at all


def test_a_sources_file_without_grade_columns_is_ungraded_not_refused(tmp_path):
    path = _sources(tmp_path, "https://example.org/a,A,,,,", header=HEADER.rsplit(",reliability", 1)[0] + "\n")
    assert grades.grade_of("https://example.org/a", grades.load(path)) is None


@pytest.mark.parametrize("cells, column, message", [
    ("G,2,reason", "reliability", "must be one of A, B, C, D, E, F (the source's reliability), got 'G'"),
    ("b,2,reason", "reliability", "must be one of A, B, C, D, E, F (the source's reliability), got 'b'"),
    ("B,7,reason", "credibility", "must be one of 1, 2, 3, 4, 5, 6 (the information's credibility), got '7'"),
    ("B,0,reason", "credibility", "must be one of 1, 2, 3, 4, 5, 6 (the information's credibility), got '0'"),
    ("B,2.0,reason", "credibility", "must be one of 1, 2, 3, 4, 5, 6 (the information's credibility), got '2.0'"),
    ("B,,reason", "credibility", "is blank but reliability is set: a grade is both letter and number"),
    (",2,reason", "reliability", "is blank but credibility is set: a grade is both letter and number"),
    ("B,2,", "grade_reason", "is required when the source is graded: one line on why"),
])
def test_a_bad_grade_is_refused_naming_file_line_and_column(tmp_path, cells, column, message):
    path = _sources(tmp_path, f"{EXPRESS},Express,,,,,E,3,ok", f"https://example.org/a,A,,,,,{cells}")
    assert _problems(path) == [("sources.csv", 3, column, message)]


def test_every_bad_grade_at_once_and_a_url_listed_twice(tmp_path):
    path = _sources(tmp_path, f"{EXPRESS},Express,,,,,Z,9,ok", f"{EXPRESS},Express again,,,,,E,3,ok")
    assert _problems(path) == [
        ("sources.csv", 2, "credibility", "must be one of 1, 2, 3, 4, 5, 6 (the information's credibility), got '9'"),
        ("sources.csv", 2, "reliability", "must be one of A, B, C, D, E, F (the source's reliability), got 'Z'"),
        ("sources.csv", 3, "source_url", "is listed twice (line 2): one grade per source")]


@pytest.mark.integration  # computes a brief
def test_a_bad_grade_stops_the_brief_with_the_line(tmp_path, monkeypatch):
    from analysis.brief import compute as C

    rows = list(csv.reader((ROOT / "data" / "sources.csv").open(encoding="utf-8")))
    rows[1][rows[0].index("reliability")] = "H"
    path = tmp_path / "sources.csv"  # beside the ledger: the case's own sources file
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    ledger = tmp_path / "claims.csv"
    ledger.write_bytes((ROOT / "data" / "claims.csv").read_bytes())
    with pytest.raises(LedgerError, match=r"sources.csv:2: column 'reliability': must be one of A, B, C, D, E, F"):
        C.compute(ledger=str(ledger), later="", draws=1_000, sensitivity_draws=500)


@pytest.mark.parametrize("grade, weight", [
    (("A", "1"), 1.0),          # 5 × 5 / 25
    (("B", "2"), 0.64),         # 4 × 4 / 25
    (("C", "3"), 0.36),         # 3 × 3 / 25
    (("D", "2"), 0.32),         # 2 × 4 / 25
    (("E", "3"), 0.12),         # 1 × 3 / 25
    (("F", "6"), 0.04),         # cannot be judged: as low as E and 5
    (("A", "6"), 0.2),          # 5 × 1 / 25
    (None, 0.04),               # ungraded: as F6
])
def test_weight_of_a_grade(grade, weight):
    assert grades.weight(grade) == pytest.approx(weight)


def test_claimant_weights_are_the_mean_of_their_claims_weights(tmp_path):
    path = _sources(tmp_path, "https://a.example/,A,,,,,B,2,ok", "https://b.example/,B,,,,,E,3,ok")
    claims = pd.DataFrame({"claimant": ["NIS", "NIS", "CSIS", "Zed"],
                           "source_url": ["https://a.example/", "https://b.example/", "https://b.example/",
                                          "https://nowhere.example/"]})
    w = grades.claimant_weights(claims, grades.load(path))
    assert w == pytest.approx({"NIS": (0.64 + 0.12) / 2, "CSIS": 0.12, "Zed": 0.04})
    assert list(w) == ["NIS", "CSIS", "Zed"]  # ledger order


def test_grade_words():
    from analysis.wording.grades import grade_note, grade_words

    assert grade_words(("B", "2")) == "B2 (usually reliable source; information probably true)"
    assert grade_words(("F", "6")) == ("F6 (source’s reliability cannot be judged; information’s truth cannot be "
                                       "judged)")
    assert grade_words(None) == "ungraded"
    assert grade_note(("E", "3")) == "graded E3 (unreliable source; information possibly true)"
    assert grade_note(None) == "source not graded"


@pytest.mark.integration  # computes a brief
def test_the_claims_table_shows_each_claims_grade():
    import re

    from analysis.brief.compute import compute
    from analysis.present.tables import claims_table

    html = claims_table(compute(draws=1_000, sensitivity_draws=500)).data
    rows = re.findall(r'<tr id="claim-([^"]+)">(.*?)</tr>', html, flags=re.S)
    assert len(rows) == 6
    for claim_id, cells in rows:  # all six read at the Express: E3, its code in the Grade column
        assert '<td data-label="Grade" class="grade">E3</td>' in cells, claim_id
    # the code's key once, beneath the table
    assert html.count("E3 (unreliable source; information possibly true)") == 1
