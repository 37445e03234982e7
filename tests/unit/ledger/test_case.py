"""analysis.ledger.case: a case folder — a ledger with, beside it, the case's params.yaml (its title) and sources.csv
(its outlets). Issue 18: every brief was titled after Kursk, and read Kursk's sources, whatever its ledger."""

from __future__ import annotations

import pytest

from analysis.errors import ParameterError
from analysis.ledger import case
from analysis.paths import DATA_DIR, SOURCES
from ledgers import row, write


def test_title__from_the_case_params_file(tmp_path):
    (tmp_path / "params.yaml").write_text('title: "Losses at Avdiivka: what the sources claim"\n', encoding="utf-8")
    assert case.title(tmp_path / "claims.csv") == "Losses at Avdiivka: what the sources claim"


@pytest.mark.parametrize("params", [None, 'title: ""\n', "seed: 7\n", "title:\n"])
def test_title__else_from_the_folder_of_a_claims_csv(tmp_path, params):
    folder = tmp_path / "avdiivka-2024"
    folder.mkdir()
    if params is not None:
        (folder / "params.yaml").write_text(params, encoding="utf-8")
    assert case.title(folder / "claims.csv") == "Claims in avdiivka-2024"


def test_title__else_from_the_file_name(tmp_path):
    assert case.title(tmp_path / "sudan-2024.csv") == "Claims in sudan-2024.csv"


def test_title__of_several_ledgers_is_the_first_one_s(tmp_path):
    (tmp_path / "params.yaml").write_text("title: First\n", encoding="utf-8")
    assert case.title([tmp_path / "claims.csv", DATA_DIR / "later-reports.csv"]) == "First"


def test_title__kursk_is_the_case_in_data():
    assert case.title(DATA_DIR / "claims.csv") == "North Korean losses in Kursk: what the sources claim"


def test_title__a_broken_params_file_is_named(tmp_path):
    (tmp_path / "params.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="params.yaml"):
        case.title(tmp_path / "claims.csv")


def test_title__not_text_is_refused(tmp_path):
    (tmp_path / "params.yaml").write_text("title: 2025\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="title"):
        case.title(tmp_path / "claims.csv")


def test_sources__beside_the_ledger_when_there(tmp_path):
    assert case.sources(tmp_path / "claims.csv") == SOURCES
    (tmp_path / "sources.csv").write_text("source_url,outlet\n", encoding="utf-8")
    assert case.sources(tmp_path / "claims.csv") == tmp_path / "sources.csv"
    assert case.sources([tmp_path / "claims.csv", DATA_DIR / "claims.csv"]) == tmp_path / "sources.csv"


def test_files__the_case_files_a_brief_reads_beside_its_ledger(tmp_path):
    write(tmp_path / "claims.csv", [row("a-k", best="300")])
    assert case.files(tmp_path / "claims.csv") == []
    (tmp_path / "sources.csv").write_text("source_url,outlet\n", encoding="utf-8")
    (tmp_path / "params.yaml").write_text("title: T\n", encoding="utf-8")
    assert case.files(tmp_path / "claims.csv") == [tmp_path / "params.yaml", tmp_path / "sources.csv"]
