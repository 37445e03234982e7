"""The optional `scope` column (issue 19): a short controlled phrase per claim, checked against the scopes.csv that
lies beside the ledger file, every problem naming file, line and column."""

from pathlib import Path

import pytest

from analysis.ledger.validate import validate
from ledgers import problems, row, write

from conftest import ROOT

SCOPES = "scope,description\nfirst deployment (Kursk),The first contingent.\nall deployments,Every contingent.\n"


@pytest.fixture
def ledger(tmp_path):
    def make(*rows, name="claims.csv", scopes: str | None = SCOPES, folder: Path | None = None):
        where = folder or tmp_path
        where.mkdir(exist_ok=True)
        if scopes is not None:
            (where / "scopes.csv").write_text(scopes, encoding="utf-8")
        return write(where / name, list(rows), ("scope",))
    return make


def test_scope__listed_phrases_and_blank__accepted(ledger):
    df = validate(ledger(row("k", best=300, scope="first deployment (Kursk)"), row("w", "wounded", best=2700),
                         row("k2", best=600, as_of="2025-04", scope="all deployments")))
    assert df["scope"].tolist() == ["first deployment (Kursk)", "", "all deployments"]


def test_scope__not_in_scopes_csv__refused_naming_file_line_column_and_the_phrases(ledger):
    p = ledger(row("k", best=300, scope="first deployment"), row("w", "wounded", best=2700, scope="all deployments"))
    assert problems(p) == [("claims.csv", 2, "scope", "'first deployment' is not a scope listed in scopes.csv "
                                                      "(first deployment (Kursk), all deployments)")]


def test_scope__without_scopes_csv__any_phrase_of_the_pattern(ledger):
    p = ledger(row("k", best=300, scope="first deployment"), scopes=None)
    assert problems(p) == []


@pytest.mark.parametrize("value", ["First deployment", "all deployments.", "all  deployments", "a" * 41,
                                   "kursk; later", "1st deployment"])
def test_scope__not_a_short_lowercase_phrase__refused_once(ledger, value):
    # refused for its form only, with or without scopes.csv (not also as a phrase missing from the list)
    for scopes in (SCOPES, None):
        assert problems(ledger(row("k", best=300, scope=value), scopes=scopes)) == [
            ("claims.csv", 2, "scope", "must be a short phrase that begins in lower case: letters, digits, single "
                                       f"spaces and ( ) , ' - only, at most 40 characters (got {value!r})")]


def test_scope__forty_characters__accepted(ledger):
    assert problems(ledger(row("k", best=300, scope="a" * 40), scopes=None)) == []


def test_scope__each_file_against_the_scopes_beside_it(ledger, tmp_path):
    a = ledger(row("k", best=300, scope="first deployment (Kursk)"), name="claims.csv")
    b = ledger(row("k2", best=600, as_of="2025-04", scope="later deployments"), name="later.csv",
               scopes="scope,description\nlater deployments,Sent from mid-2025.\n", folder=tmp_path / "other")
    assert problems([a, b]) == []
    c = ledger(row("k3", best=600, as_of="2025-04", scope="later deployments"), name="later.csv")
    assert problems([a, c]) == [("later.csv", 2, "scope", "'later deployments' is not a scope listed in scopes.csv "
                                                          "(first deployment (Kursk), all deployments)")]


@pytest.mark.parametrize("text, expected", [
    ("scope\nall deployments\n", [("scopes.csv", 1, "description", "is missing from the header")]),
    ("scope,description\nall deployments,\n", [("scopes.csv", 2, "description", "is required but blank")]),
    ("scope,description\nAll deployments,Every one.\n",
     [("scopes.csv", 2, "scope", "must be a short phrase that begins in lower case: letters, digits, single spaces "
                                 "and ( ) , ' - only, at most 40 characters (got 'All deployments')")]),
    ("scope,description\nall deployments,One.\nall deployments,Two.\n",
     [("scopes.csv", 3, "scope", "'all deployments' is listed twice (line 2)")]),
])
def test_scope__a_bad_scopes_csv__refused_naming_its_line_and_column(ledger, text, expected):
    assert problems(ledger(row("k", best=300), scopes=text)) == expected


def test_scope__the_real_ledgers_and_their_scopes():
    df = validate([ROOT / "data" / "claims.csv", ROOT / "data" / "later-reports.csv"])
    listed = {line.split(",")[0] for line in (ROOT / "data" / "scopes.csv").read_text().splitlines()[1:]}
    assert set(df["scope"]) - {""} <= listed
    assert df.set_index("claim_id").at["nis-2025-09-killed", "scope"] == "all deployments"
