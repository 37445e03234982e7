"""`brief new`, then claims, then `brief validate` and `brief build -f` (issue 18): a new case builds from its own
folder, from any working directory, titled after the case and citing its own sources."""

import json

import pytest

from analysis.publish.cli import main

pytestmark = pytest.mark.slow  # a real build: kernel, HTML, PDF

CLAIMS = [  # two claimants' killed figures that overlap only in part: the bottom line's tension
    'gamma-killed,killed,,10000,,persons,approximate,Gamma Officials,,,2025-03-01,,https://example.org/gamma,'
    '"about 10,000 killed",,,,,,,,,',
    'delta-killed,killed,,9000,,persons,approximate,Delta Monitor,,,2025-03-02,,https://example.org/delta,'
    '"about 9,000 killed",,,,,,,,,',
]


def test_new_case__validates_and_builds_from_its_params_file(tmp_path, monkeypatch, capsys):
    case = tmp_path / "cases" / "river-crossing"
    assert main(["new", str(case)]) == 0
    ledger = case / "claims.csv"
    header = ledger.read_text(encoding="utf-8").splitlines()[0]
    ledger.write_text(header + "\n" + "\n".join(CLAIMS) + "\n", encoding="utf-8")
    (case / "sources.csv").write_text((case / "sources.csv").read_text(encoding="utf-8")
                                      + "https://example.org/gamma,Gamma Gazette,,,,\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(ledger)]) == 0
    assert capsys.readouterr().out.startswith("ok: 2 claims in ")
    monkeypatch.chdir(tmp_path)  # not the case folder: the params file's paths are its own
    out = case / "report"
    assert main(["build", "-f", str(case / "params.yaml"), "--out", str(out), "--quiet",
                 "-p", "draws", "5000", "-p", "sensitivity_draws", "1000"]) == 0
    html = (out / "briefing.html").read_text(encoding="utf-8")
    assert "<title>Claims in river-crossing</title>" in html and "<h1>Claims in river-crossing</h1>" in html
    assert "Gamma Gazette" in html and "North Korea" not in html
    assert "Gamma Officials’ 10,000 (read as 9,000–11,000) and Delta Monitor’s 9,000" in html
    assert set(json.loads((out / "results.json").read_text())["claims"]) == {"gamma-killed", "delta-killed"}
