"""`brief new DIR` (issue 18): a case folder to fill in — a ledger with its header and one commented example row, an
empty later ledger, a sources.csv and a params.yaml — refused over a folder that holds anything."""

from __future__ import annotations

import csv

import pytest

from analysis import params as P
from analysis.errors import LedgerError
from analysis.ledger import schema
from analysis.ledger.validate import validate
from analysis.publish.cli import main
from conftest import ROOT


def header(path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def test_new__creates_the_four_files(tmp_path, capsys):
    case = tmp_path / "cases" / "avdiivka"  # parents are made
    assert main(["new", str(case)]) == 0
    assert sorted(p.name for p in case.iterdir()) == ["claims.csv", "later-reports.csv", "params.yaml", "sources.csv"]
    kursk = header(ROOT / "data" / "claims.csv")
    optional = [f["name"] for f in schema.field_metadata()["optionalFields"]]
    assert header(case / "claims.csv") == kursk + [c for c in optional if c not in kursk]  # + supersedes
    assert header(case / "later-reports.csv") == header(case / "claims.csv")
    assert (case / "later-reports.csv").read_text(encoding="utf-8").count("\n") == 1  # the header alone
    assert (case / "sources.csv").read_text(encoding="utf-8") == (
        ",".join(header(ROOT / "data" / "sources.csv")) + "\n")
    assert P.load_file(case / "params.yaml") == {"title": "", "ledger": str(case / "claims.csv"),
                                                  "later": str(case / "later-reports.csv")}
    out = capsys.readouterr().out
    assert f"brief build -f {case / 'params.yaml'} --out {case / 'report'}" in out


def test_new__the_example_row_is_a_comment_and_a_valid_claim_without_its_hash(tmp_path):
    case = tmp_path / "case"
    main(["new", str(case)])
    with pytest.raises(LedgerError, match="no claims: the file has a header but no rows"):
        validate(case / "claims.csv")
    lines = (case / "claims.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and lines[1].startswith("# ")
    (case / "claims.csv").write_text(lines[0] + "\n" + lines[1][2:] + "\n", encoding="utf-8")
    claim = validate(case / "claims.csv").iloc[0]
    assert (claim["metric"], claim["best"], claim["bound"]) == ("killed", 300, "approximate")


@pytest.mark.parametrize("what", ["a file in it", "a file in its place"])
def test_new__refuses_a_folder_that_holds_anything(tmp_path, capsys, what):
    case = tmp_path / "case"
    if what == "a file in it":
        case.mkdir()
        (case / "notes.txt").write_text("mine")
    else:
        case.write_text("mine")
    assert main(["new", str(case)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"brief new: {case} already exists and is not an empty folder; give a new or empty one"
    assert (case / "notes.txt").read_text() == "mine" if case.is_dir() else case.read_text() == "mine"


def test_new__an_empty_folder_is_filled(tmp_path):
    (tmp_path / "case").mkdir()
    assert main(["new", str(tmp_path / "case")]) == 0
    assert (tmp_path / "case" / "params.yaml").is_file()


def test_validate__one_claim_is_one_claim(tmp_path, capsys):
    from ledgers import row, write

    path = write(tmp_path / "claims.csv", [row("a-k", best="300")])
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.startswith("ok: 1 claim in ")


def test_build_f__kursk_s_case_file_names_the_default_brief(tmp_path, monkeypatch):
    # README: `brief build -f data/params.yaml` builds the default brief; its paths are data/'s, from anywhere.
    import analysis.publish.build

    seen = {}
    monkeypatch.setattr(analysis.publish.build, "build",
                        lambda values, out, **_kw: seen.update(analysis.publish.build.resolved_parameters(values)))
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-f", str(ROOT / "data" / "params.yaml"), "--out", str(tmp_path / "r")]) == 0
    assert seen == {"title": "North Korean losses in Kursk: what the sources claim",
                    "ledger": str(ROOT / "data" / "claims.csv"), "later": str(ROOT / "data" / "later-reports.csv")}
