"""`brief batch`: scenario files checked up front; scenarios built in parallel; failures reported, others built."""

import json

import pytest

from analysis.publish import batch
from analysis import params as P
from analysis.publish.cli import main
from conftest import FIXTURES

FAST = "  draws: 5000\n  sensitivity_draws: 1000\n"


def _write(tmp_path, text):
    p = tmp_path / "scenarios.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_defaults_merge_and_types(tmp_path):
    p = _write(tmp_path, "defaults:\n  seed: 7\nscenarios:\n  a: {claimants: [NIS]}\n  b: {seed: 8, approx_tolerance: 0}\n")
    assert batch.load(p) == {"a": {"seed": 7, "claimants": ["NIS"]}, "b": {"seed": 8, "approx_tolerance": 0.0}}


@pytest.mark.parametrize("text, message", [
    ("scenarios: {}\n", "expected a mapping 'scenarios:'"),
    ("nothing: 1\n", "expected a mapping 'scenarios:'"),
    ("scenarios:\n  '../escape': {}\n", "scenario name '../escape' must be letters"),
    ("scenarios:\n  a: {sede: 7}\n", "scenario 'a': unknown parameter 'sede'"),
    ("scenarios:\n  a: {draws: lots}\n", "scenario 'a': parameter 'draws' must be integer"),
    ("scenarios:\n  a: [1, 2]\n", "scenario 'a' must be a mapping"),
    ("defaults: 3\nscenarios:\n  a: {}\n", "'defaults' must be a mapping"),
    ("scenarios:\n  a: {seed: [\n", "while parsing"),
    ("scenarios:\n  index.html: {}\n", "scenario name 'index.html' is taken by the batch's own files"),
    ("scenarios:\n  INDEX.HTML: {}\n", "scenario name 'INDEX.HTML' is taken"),
    ("scenarios:\n  1: {seed: 1}\n  '1': {seed: 2}\n", "line 3, column 3: duplicate key '1' (first on line 2)"),
    ("scenarios:\n  a: {draws: 0}\n", "scenario 'a': parameter 'draws' must be from 1 to 10,000,000, got 0"),
    ("scenarios:\n  a: {claimants: [KCNA]}\n", "scenario 'a': no claims for claimant 'KCNA' (the ledger has NIS, CSIS)"),
    ("defaults: &d {seed: 1}\nscenarios:\n  a: *d\n", "aliases (*name) are not allowed"),
])
def test_bad_scenario_files_refused(tmp_path, text, message):
    with pytest.raises(P.ParameterError) as info:
        batch.load(_write(tmp_path, text))
    assert message in str(info.value)


def test_cli_refuses_bad_file_before_building(tmp_path, capsys):
    p = _write(tmp_path, "scenarios:\n  a: {sede: 7}\n  b: {seed: x}\n")
    assert main(["batch", str(p), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "scenario 'a': unknown parameter 'sede'" in err and "scenario 'b': parameter 'seed' must be integer" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_batch_builds_in_parallel_and_keeps_going(tmp_path, capsys):
    bad = FIXTURES / "bad" / "negative.csv"
    p = _write(tmp_path, f"defaults:\n{FAST}scenarios:\n  nis-only: {{claimants: [NIS]}}\n"
                         f"  csis-only: {{claimants: [CSIS]}}\n  broken: {{ledger: '{bad}'}}\n")
    out = tmp_path / "out"
    assert main(["batch", str(p), "--out", str(out), "--jobs", "2"]) == 1
    err = capsys.readouterr().err
    assert "2 of 3 scenarios built" in err
    assert "scenario 'broken' failed:" in err and "must not be negative" in err
    for name in ("nis-only", "csis-only"):
        for f in ("briefing.html", "briefing.pdf", "briefing.ipynb", "results.json"):
            assert (out / name / f).is_file(), (name, f)
    assert not (out / "broken" / "briefing.html").exists()  # its folder holds no brief
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="nis-only/briefing.html"' in index and 'href="csis-only/briefing.pdf"' in index
    assert "failed: 1 problem(s) in the ledger" in index
    # NIS alone: casualty rate median near 3,000 / 10,500 = 28.57 % (force uniform on 10,000-11,000); CSIS alone:
    # near 37.5 % (read as uniform on 25-50 %); each claimant's median killed is near its stated 300 and 1,000.
    for name, claimant, rate, killed in (("nis-only", "NIS", 28.57, 300), ("csis-only", "CSIS", 37.5, 1000)):
        figures = {f["quantity"]: f for f in json.loads((out / name / "results.json").read_text())["figures"]}
        p50 = figures["casualty_rate"]["band"]["p50"]
        assert p50 == pytest.approx(rate, abs=0.6)
        assert figures["killed"]["band"]["p50"] == pytest.approx(killed, rel=0.02)
        assert f"{p50:.1f}%" in index and f"{claimant}: {figures['killed']['band']['p50']:,.0f}" in index
