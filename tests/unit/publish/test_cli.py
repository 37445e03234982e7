"""The command line's own behaviour, without a kernel: `-f` and `-p` together, errors as one line."""

import pytest

import analysis.publish.build
from analysis.publish.cli import main


@pytest.fixture
def captured(monkeypatch):
    seen = {}

    def fake_build(values, out, force=False, progress=True, **_kw):
        seen.update(values=analysis.publish.build.resolved_parameters(values), out=out, force=force)
        return True

    monkeypatch.setattr(analysis.publish.build, "build", fake_build)
    return seen


def test_build_f__file_values_then_p_overrides(tmp_path, captured):
    f = tmp_path / "params.yaml"
    f.write_text("seed: 7\nclaimants: [NIS]\nas_of: 2025-02-01\nweights: {NIS: 2, CSIS: 1}\n")
    assert main(["build", "-f", str(f), "-p", "seed", "8", "--out", str(tmp_path / "r")]) == 0
    assert captured["values"] == {"seed": 8, "claimants": ["NIS"], "as_of": "2025-02-01",
                                  "weights": {"NIS": 2, "CSIS": 1}}


def test_build__since_flag_is_the_since_parameter(tmp_path, captured):
    earlier = tmp_path / "results.json"
    earlier.write_text("{}")
    assert main(["build", "--since", str(earlier), "--out", str(tmp_path / "r")]) == 0
    assert captured["values"] == {"since": str(earlier)}


def test_build__an_os_error_is_one_line(tmp_path, monkeypatch, capsys):
    def read_only(*_a, **_k):
        raise PermissionError(13, "Permission denied", "/read-only/report")

    monkeypatch.setattr(analysis.publish.build, "build", read_only)
    assert main(["build", "--out", str(tmp_path / "r")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "brief build: Permission denied: /read-only/report"


def test_ctrl_c__one_line_and_exit_130(tmp_path, monkeypatch, capsys):
    def interrupted(*_a, **_k):
        raise KeyboardInterrupt

    monkeypatch.setattr(analysis.publish.build, "build", interrupted)
    assert main(["build", "--out", str(tmp_path / "r")]) == 130
    assert capsys.readouterr().err == "brief build: interrupted; the previous report (if any) is untouched\n"


@pytest.mark.parametrize("text", ["[]", "null", '{"figures": [{"claimant": "NIS", "quantity": "killed"}]}'])
def test_diff__json_that_is_not_a_brief_is_exit_2_in_one_line(tmp_path, capsys, text):
    good = tmp_path / "good.json"
    good.write_text('{"figures": [], "flags": [], "claims": [], "parameters": {}}')
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    assert main(["diff", str(good), str(bad)]) == 2
    err = capsys.readouterr().err
    assert "not a brief's results.json" in err and len(err.strip().splitlines()) == 1
