"""results.json is strict JSON with documented nulls; `brief diff` reads only a brief's results.json (exit 2
otherwise) and words each change as the brief does (issues 10 and 13)."""

import copy
import json
import math
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from analysis.brief import diff
from analysis.brief import results
from analysis.publish.cli import main


def fig(claimant, quantity, stated, band, **extra):
    low, point, high = stated if stated is not None else (None, None, None)
    p5, p25, p50, p75, p95 = band
    return dict(claimant=claimant, quantity=quantity, status="stated", claim_ids=[f"{claimant.lower()}-{quantity}"],
                stated=None if stated is None else dict(low=low, point=point, high=high),
                band=dict(p5=p5, p25=p25, p50=p50, p75=p75, p95=p95), open_bounds=[], **extra)


OLD = dict(
    schema_version=1, evidence="undated", ledger="data/claims.csv", ledger_sha256="a" * 64, parameters={},
    claims=["nis-killed", "nis-wounded"],
    figures=[fig("NIS", "killed", (300, 300, 300), (272, 285, 300, 315, 328)),
             fig("NIS", "wounded", (2700, 2700, 2700), (2450, 2565, 2700, 2835, 2950))],
    flags=[dict(quantity="killed", claimants=["NIS", "CSIS"], verdict="disagreement", claim_ids=[], text="")])
NEW = dict(
    OLD, ledger_sha256="b" * 64, claims=["nis-killed-2", "csis-killed"],
    figures=[fig("NIS", "killed", (600, 600, 600), (545, 570, 600, 630, 655)),
             fig("CSIS", "killed", (1000, 1000, 1000), (905, 950, 1000, 1050, 1095))],
    flags=[dict(quantity="killed", claimants=["NIS", "CSIS"], verdict="consistent", claim_ids=[], text="")])


def write(tmp_path, name, data) -> Path:
    p = tmp_path / name
    p.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return p


# ---------------------------------------------------------------- diff.compare and report, worked by hand


def test_diff__compare__every_kind_of_change():
    assert [str(c) for c in diff.compare(OLD, NEW)] == [
        "ledger: aaaaaaaaaaaa → bbbbbbbbbbbb",
        "claim csis-killed: added to the brief",
        "claim nis-killed-2: added to the brief",
        "claim nis-killed: removed (was in the brief)",
        "claim nis-wounded: removed (was in the brief)",
        "NIS killed: 300 → 600",
        "NIS killed: median 300; 50% band 280–320; 90% band 270–330 → median 600; 50% band 570–630; 90% band 540–660",
        "CSIS killed: added 1,000",
        "NIS wounded: removed (was 2,700)",
        "Killed: NIS vs CSIS: disagreement → consistent",
    ]
    assert [c.kind for c in diff.compare(OLD, NEW)] == ["ledger", "claim", "claim", "claim", "claim", "figure", "band",
                                                       "figure", "figure", "flag"]


def test_diff__band_only__no_figure_change():
    new = copy.deepcopy(OLD)
    new["figures"][0]["band"]["p95"] = 340
    assert [(c.kind, str(c)) for c in diff.compare(OLD, new)] == [
        ("band", "NIS killed: median 300; 50% band 280–320; 90% band 270–330 → "
                 "median 300; 50% band 280–320; 90% band 270–340")]


def test_diff__ledger_only():
    new = dict(OLD, ledger_sha256="c" * 64)
    assert [(c.kind, c.old, c.new) for c in diff.compare(OLD, new)] == [("ledger", "a" * 12, "c" * 12)]


def test_diff__range_figure__uses_brief_formatting():
    old = dict(OLD, figures=[fig("NIS", "casualty_rate", (27.2727, None, 30.0), (27.5, 28.1, 28.6, 29.2, 29.8))])
    new = copy.deepcopy(old)
    new["figures"][0]["stated"]["high"] = 31.0
    assert [str(c) for c in diff.compare(old, new)] == ["NIS casualty rate (casualties / deployed): 27.3–30.0% → "
                                                        "27.3–31.0%"]


def test_diff__split_pool__worded_as_the_brief_does():
    old = dict(OLD, figures=[fig("Pooled", "killed", None, (276, 300, None, 999, 1080), split=True)])
    new = copy.deepcopy(old)
    new["figures"][0]["band"]["p95"] = 1200
    # one place for the band: the tens that 276 needs at two significant figures (the spread, 804 or 924, needs
    # tens too): 276 -> 280, 1,080 -> 1,080, 1,200 -> 1,200
    assert [str(c) for c in diff.compare(old, new)] == [
        "Pooled killed: the claimants’ figures do not overlap, so the pool has no meaningful middle; 90% band "
        "280–1,080 spans both → the claimants’ figures do not overlap, so the pool has no meaningful middle; "
        "90% band 280–1,200 spans both"]


def test_diff__band__a_change_the_brief_does_not_show__is_no_change():
    new = copy.deepcopy(OLD)
    new["figures"][0]["band"]["p95"] = 332  # 328 and 332 both read 330 at two significant figures
    assert diff.compare(OLD, new) == []


@pytest.mark.parametrize("status, old_text, new_text", [
    # a stated 27.3 % carries three figures: 25.04 -> 25.0, 26.12 -> 26.1, 28.47 -> 28.5, 29.54 -> 29.5, 29.64 -> 29.6
    ("stated", "median 27.3%; 50% band 26.1–28.5%; 90% band 25.0–29.5%",
     "median 27.3%; 50% band 26.1–28.5%; 90% band 25.0–29.6%"),
    # a derived figure carries two: 25.04 -> 25, 26.12 -> 26, 28.47 -> 28, 29.54 -> 30, 29.64 -> 30: no change shown
    ("implied", None, None)])
def test_diff__band__significant_figures_of_the_stated_figure(status, old_text, new_text):
    old = dict(OLD, figures=[dict(fig("NIS", "casualty_rate", (27.3, 27.3, 27.3), (25.04, 26.12, 27.31, 28.47, 29.54)),
                                  status=status)])
    new = copy.deepcopy(old)
    new["figures"][0]["band"]["p95"] = 29.64
    expected = [] if old_text is None else [
        diff.Change("band", "NIS casualty rate (casualties / deployed)", old_text, new_text)]
    assert diff.compare(old, new) == expected


def test_diff__band__resting_on_a_bound__says_it_is_our_reading():
    old = dict(OLD, figures=[dict(fig("CSIS", "killed", (None, None, 1000), (550, 660, 770, 880, 990)),
                                  open_bounds=["up_to"])])
    new = copy.deepcopy(old)
    new["figures"][0]["band"]["p50"] = 800
    assert diff.compare(old, new) == [diff.Change(
        "band", "CSIS killed", "set by our reading of a bound: median 770; 50% band 660–880; 90% band 550–990",
        "set by our reading of a bound: median 800; 50% band 660–880; 90% band 550–990")]


def test_diff__report__no_changes():
    assert diff.report(diff.compare(OLD, copy.deepcopy(OLD))) == "no changes: same claims, figures, bands and flags"


def test_diff__report__one_line_per_change():
    new = dict(OLD, ledger_sha256="c" * 64)
    assert diff.report(diff.compare(OLD, new)) == "[ledger] ledger: aaaaaaaaaaaa → cccccccccccc"


# ---------------------------------------------------------------- brief diff: exit codes


def test_cli_diff__changes__exit_1(tmp_path, capsys):
    assert main(["diff", str(write(tmp_path, "a.json", OLD)), str(write(tmp_path, "b.json", NEW))]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "[ledger] ledger: aaaaaaaaaaaa → bbbbbbbbbbbb" and len(out) == 10


def test_cli_diff__same__exit_0(tmp_path, capsys):
    a = write(tmp_path, "a.json", OLD)
    assert main(["diff", str(a), str(a)]) == 0
    assert capsys.readouterr().out == "no changes: same claims, figures, bands and flags\n"


def test_cli_diff__report_folder(tmp_path, capsys):
    (tmp_path / "old").mkdir()
    write(tmp_path / "old", "results.json", OLD)
    assert main(["diff", str(tmp_path / "old"), str(tmp_path / "old")]) == 0


NOT_RESULTS = {
    "list": ([], "(the top level is a list, not an object)"),
    "null": (None, "(the top level is null, not an object)"),
    "figure without band": (dict(OLD, figures=[{k: v for k, v in OLD["figures"][0].items() if k != "band"}]),
                            "(figure 1 (NIS killed) has no 'band')"),
    "band as string": (dict(OLD, figures=[dict(OLD["figures"][0], band="wide")]),
                       "(figure 1 (NIS killed): 'band' is a string, not an object)"),
    "inf string": (dict(OLD, figures=[dict(OLD["figures"][0], band=dict(OLD["figures"][0]["band"], p95="inf"))]),
                   "(figure 1 (NIS killed): band 'p95' is 'inf', not a number)"),
    "stated true": (dict(OLD, figures=[dict(OLD["figures"][0], stated=dict(low=True, point=1, high=2))]),
                    "(figure 1 (NIS killed): stated 'low' is True, not a number)"),
    "no figures": ({k: v for k, v in OLD.items() if k != "figures"}, "('figures' is missing, not a list)"),
    "figures object": (dict(OLD, figures={}), "('figures' is an object, not a list)"),
    "figure a number": (dict(OLD, figures=[3]), "(figure 1 is a number, not an object)"),
    "figure without claimant": (dict(OLD, figures=[{"quantity": "killed"}]), "(figure 1 has no 'claimant')"),
    "flag malformed": (dict(OLD, flags=[{"quantity": "killed", "claimants": ["NIS"], "verdict": "x"}]),
                       "(flag 1 is not a quantity, two claimants and a verdict)"),
    "claims numbers": (dict(OLD, claims=[1, 2]), "('claims' holds something other than claim ids)"),
    "sha number": (dict(OLD, ledger_sha256=5), "('ledger_sha256' is not a string)"),
}


@pytest.mark.parametrize("case", sorted(NOT_RESULTS))
def test_cli_diff__not_results__exit_2(tmp_path, capsys, case):
    data, why = NOT_RESULTS[case]
    bad = write(tmp_path, "bad.json", data)
    assert main(["diff", str(write(tmp_path, "ok.json", OLD)), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err == f"brief diff: {bad}: not a brief's results.json {why}\n"


@pytest.mark.parametrize("text, why", [("{\"figures\": NaN}", "NaN is not strict JSON"),
                                       ("[Infinity]", "Infinity is not strict JSON"),
                                       ("not json", "Expecting value: line 1 column 1 (char 0)")])
def test_cli_diff__not_strict_json__exit_2(tmp_path, capsys, text, why):
    bad = write(tmp_path, "bad.json", text)
    assert main(["diff", str(bad), str(bad)]) == 2
    assert capsys.readouterr().err == f"brief diff: {bad}: not a brief's results.json (not strict JSON: {why})\n"


def test_cli_diff__missing__exit_2(tmp_path, capsys):
    assert main(["diff", str(tmp_path / "nope.json"), str(tmp_path / "nope.json")]) == 2
    assert capsys.readouterr().err == f"brief diff: {tmp_path / 'nope.json'}: no such file\n"


def test_cli_diff__folder_without_results__exit_2(tmp_path, capsys):
    assert main(["diff", str(tmp_path), str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"brief diff: {tmp_path}: the folder holds no results.json\n"


# ---------------------------------------------------------------- results.json: strict numbers, documented nulls


def test_results_num__rounds_to_six_digits():
    assert results._num(2.727272727) == 2.72727
    assert results._num(10999.6) == 10999.6
    assert results._num(1e308) == 1e308
    assert results._num(None) is None


@pytest.mark.parametrize("value, where, reason", [
    (math.inf, "band.p50", results.INFINITE), (-math.inf, "stated.low", results.INFINITE),
    (math.nan, "band.p5", results.NOT_A_NUMBER)])
def test_results_num__not_finite__null_with_reason(value, where, reason):
    undefined = {}
    assert results._num(value, where, undefined) is None
    assert undefined == {where: reason}


def test_results_num__no_single_figure__null_without_reason():
    undefined = {}
    assert results._num(math.nan, "stated.point", undefined) is None
    assert undefined == {}
    assert results._num(math.nan, "stated.high", undefined) is None
    assert undefined == {"stated.high": results.NOT_A_NUMBER}


def test_results_dumps__refuses_nan():
    with pytest.raises(ValueError):
        results.dumps({"x": math.nan})
    assert results.dumps({"b": 1, "a": None}) == '{\n  "a": null,\n  "b": 1\n}\n'


def _stub_brief(wpk_band, weights):
    """The few attributes results.to_dict reads, as a brief of one claimant claiming 0 killed would have them."""
    q = lambda name, low, point, high: SimpleNamespace(  # noqa: E731
        status="stated", claim_ids=[f"x-{name}"], breach=False, open_bounds=set(), split=False,
        value=SimpleNamespace(low=low, point=point, high=high, open_low=False, open_high=False))
    stated = {"X": {"killed": q("killed", 0.0, 0.0, 0.0), "wounded_per_killed": q("wpk", math.inf, None, math.inf)}}
    bands = {("X", "killed"): dict(p5=0.0, p25=0.0, p50=0.0, p75=0.0, p95=0.0), ("X", "wounded_per_killed"): wpk_band}
    return SimpleNamespace(
        stated=stated, pooled={}, band=lambda c, n: bands[(c, n)], binned={}, others=({}, {}), flags=pd.DataFrame(columns=[
            "quantity", "claimant_a", "claimant_b", "verdict", "claim_ids", "text", "echo", "factor", "p_a_greater"]),
        robustness=pd.DataFrame({"judgment": ["j"], "holds": [1], "cells": [2], "share": [math.inf], "flips": [""]}),
        dependence=pd.DataFrame(columns=["claimant", "quantity", "p5", "p95", "value"]),
        params={"weights": weights, "seed": 1}, ledger_path=Path("data/claims.csv"), ledger_sha256="d" * 64,
        ledger_name=lambda: "data/claims.csv",
        evidence_date=lambda: "undated", claims=pd.DataFrame({"claim_id": ["x-killed"]}),
        ledger=pd.DataFrame({"claim_id": ["x-killed"], "as_of": [""], "published": [""]}))


def test_results_to_dict__zero_killed__strict_json_and_reasons():
    b = _stub_brief(dict(p5=math.inf, p25=math.inf, p50=math.nan, p75=math.inf, p95=math.inf), {"X": math.nan})
    data = results.to_dict(b)
    text = results.dumps(data)  # strict: would raise on NaN or Infinity
    assert "Infinity" not in text and "NaN" not in text and '"inf"' not in text
    wpk = data["figures"][1]
    assert wpk["stated"] == dict(low=None, point=None, high=None)
    assert wpk["band"] == dict(p5=None, p25=None, p50=None, p75=None, p95=None)
    assert wpk["undefined"] == {"stated.low": results.INFINITE, "stated.high": results.INFINITE,
                                "band.p5": results.INFINITE, "band.p25": results.INFINITE,
                                "band.p50": results.NOT_A_NUMBER, "band.p75": results.INFINITE,
                                "band.p95": results.INFINITE}
    assert "undefined" not in data["figures"][0]
    assert data["parameters"]["weights"] == {"X": None}
    assert data["robustness"] == [dict(judgment="j", holds=1, cells=2, share=None, flips="")]
    assert data["undefined"] == {"robustness[0].share": results.INFINITE, "parameters.weights.X": results.NOT_A_NUMBER}
    assert results.check(json.loads(text)) == data


def test_results_to_dict__all_finite__no_undefined_key():
    b = _stub_brief(dict(p5=1.0, p25=2.0, p50=3.0, p75=4.0, p95=5.0), {})
    b.robustness = b.robustness.assign(share=0.5)
    data = results.to_dict(b)
    assert "undefined" not in data and all("undefined" not in f for f in data["figures"][:1])
    assert data["figures"][0]["band"] == dict(p5=0.0, p25=0.0, p50=0.0, p75=0.0, p95=0.0)


def test_results_load__roundtrip(tmp_path):
    p = write(tmp_path, "results.json", results.dumps(OLD))
    assert results.load(p) == OLD
    assert results.load(tmp_path) == OLD


# ---------------------------------------------------------------- diff: each path, compared as whole Change values


def test_diff__compare__exact_change_values():
    assert diff.compare(OLD, NEW)[7:] == [
        diff.Change("figure", "CSIS killed", "", "1,000"),
        diff.Change("figure", "NIS wounded", "2,700", ""),
        diff.Change("flag", "Killed: NIS vs CSIS", "disagreement", "consistent")]
    assert diff.compare(OLD, NEW)[1] == diff.Change("claim", "claim csis-killed", "", "to the brief")
    assert diff.compare(OLD, NEW)[3] == diff.Change("claim", "claim nis-killed", "in the brief", "")


def test_diff__flag_added_and_removed():
    new = dict(OLD, flags=[dict(quantity="wounded", claimants=["NIS", "CSIS"], verdict="tension")])
    assert diff.compare(OLD, new) == [
        diff.Change("flag", "Wounded: NIS vs CSIS", "", "tension"),
        diff.Change("flag", "Killed: NIS vs CSIS", "disagreement", "")]


def test_diff__same_verdict__no_flag_change():
    new = dict(OLD, flags=[dict(OLD["flags"][0], text="reworded", claim_ids=["x"])])
    assert diff.compare(OLD, new) == []


def test_diff__pooled_figure_added__shown_by_its_band():
    pooled = fig("Pooled", "killed", None, (280, 290, 300, 310, 320))
    assert diff.compare(OLD, dict(OLD, figures=OLD["figures"] + [pooled])) == [
        diff.Change("figure", "Pooled killed", "", "median 300; 50% band 290–310; 90% band 280–320")]
    assert diff.compare(dict(OLD, figures=OLD["figures"] + [pooled]), OLD) == [
        diff.Change("figure", "Pooled killed", "median 300; 50% band 290–310; 90% band 280–320", "")]


def test_diff__unknown_quantity__own_name_and_ratio_format():
    old = dict(OLD, figures=[fig("NIS", "mystery", (9.04, 9.04, 9.04), (8, 8.5, 9, 9.5, 10))],
               flags=[dict(quantity="mystery", claimants=["NIS", "CSIS"], verdict="tension")])
    # 9.04 and 9.54 both carry three figures, so the band keeps its wording (three figures) and only the figure moves
    new = dict(old, figures=[fig("NIS", "mystery", (9.54, 9.54, 9.54), (8, 8.5, 9, 9.5, 10))],
               flags=[dict(quantity="mystery", claimants=["NIS", "CSIS"], verdict="consistent")])
    assert diff.compare(old, new) == [diff.Change("figure", "NIS mystery", "9.0", "9.5"),
                                      diff.Change("flag", "mystery: NIS vs CSIS", "tension", "consistent")]


@pytest.mark.parametrize("low, point, high, text", [
    (2250, 4500, 4500, "4,500 (range 2,250–4,500)"), (2250, None, 4500, "2,250–4,500"),
    (None, None, 4500, "at most 4,500"), (2250, None, None, "at least 2,250"),
    (None, None, None, "not bounded by the claims"), (4500, 4500, 4500, "4,500")])
def test_diff__stated__brief_wording(low, point, high, text):
    assert diff._stated(fig("CSIS", "wounded", (low, point, high), (1, 2, 3, 4, 5))) == text


@pytest.mark.parametrize("only", ["p5", "p25", "p50", "p75", "p95"])
def test_diff__band__one_defined_percentile_is_shown(only):
    f = fig("NIS", "killed", None, tuple(300 if k == only else None for k in ("p5", "p25", "p50", "p75", "p95")))
    assert diff._band(f) != "" and "300" in diff._band(f)


def test_diff__band__none_defined():
    assert diff._band(fig("NIS", "killed", None, (None,) * 5)) == ""


def test_diff__change_text():
    assert str(diff.Change("figure", "X killed", "1", "2")) == "X killed: 1 → 2"
    assert str(diff.Change("figure", "X killed", "", "2")) == "X killed: added 2"
    assert str(diff.Change("figure", "X killed", "1", "")) == "X killed: removed (was 1)"


@pytest.mark.parametrize("case, data, why", [
    ("no sha", {k: v for k, v in OLD.items() if k != "ledger_sha256"}, "('ledger_sha256' is missing)"),
    ("open_bounds string", dict(OLD, figures=[dict(OLD["figures"][0], open_bounds="up_to")]),
     "(figure 1 (NIS killed): 'open_bounds' is not a list of bound kinds)"),
    ("band missing p25", dict(OLD, figures=[dict(OLD["figures"][0], band=dict(p5=1, p50=2, p75=3, p95=4))]),
     "(figure 1 (NIS killed): band 'p25' is missing)"),
    ("stated list", dict(OLD, figures=[dict(OLD["figures"][0], stated=[1, 2])]),
     "(figure 1 (NIS killed): 'stated' is a list, not an object)"),
    ("flag three claimants", dict(OLD, flags=[dict(OLD["flags"][0], claimants=["A", "B", "C"])]),
     "(flag 1 is not a quantity, two claimants and a verdict)"),
    ("flag verdict number", dict(OLD, flags=[dict(OLD["flags"][0], verdict=1)]),
     "(flag 1 is not a quantity, two claimants and a verdict)"),
    ("flag claimant number", dict(OLD, flags=[dict(OLD["flags"][0], claimants=["A", 2])]),
     "(flag 1 is not a quantity, two claimants and a verdict)"),
    ("flag a string", dict(OLD, flags=["x"]), "(flag 1 is not a quantity, two claimants and a verdict)"),
    ("figure without quantity", dict(OLD, figures=[{"claimant": "NIS"}]), "(figure 1 has no 'quantity')"),
    ("claims missing", {k: v for k, v in OLD.items() if k != "claims"}, "('claims' is missing, not a list)"),
    ("flags null", dict(OLD, flags=None), "('flags' is null, not a list)"),
    ("band true", dict(OLD, figures=[dict(OLD["figures"][0], band=dict(OLD["figures"][0]["band"], p5=True))]),
     "(figure 1 (NIS killed): band 'p5' is True, not a number)"),
])
def test_results_check__names_what_is_wrong(case, data, why):
    with pytest.raises(results.NotResults) as info:
        results.check(copy.deepcopy(data), "r.json")
    assert str(info.value) == f"r.json: not a brief's results.json {why}"


def test_results_check__accepts_a_brief():
    assert results.check(copy.deepcopy(NEW)) == NEW


def test_results_num__overlapping_flag_factor__documented_null():
    undefined = {}
    assert results._num(math.nan, "factor", undefined) is None and undefined == {}
    assert results._num(math.inf, "factor", undefined) is None and undefined == {"factor": results.INFINITE}


@pytest.mark.parametrize("stated", [(27.3, None, 30.0), (30.0, None, 33.3)])
def test_diff__band__three_figures_from_either_end_of_a_stated_range(stated):
    # 27.3 (or 33.3) carries three figures, 30.0 one: the band keeps three, from whichever end carries them
    f = fig("NIS", "casualty_rate", stated, (25.04, 26.12, 27.31, 28.47, 29.54))
    assert diff._band(f) == "median 27.3%; 50% band 26.1–28.5%; 90% band 25.0–29.5%"


def test_diff__figure__with_the_dates_of_its_claims():
    old = dict(OLD, figures=[fig("NIS", "killed", (300, 300, 300), (272, 285, 300, 315, 328), dated=["2025-01-13"])])
    new = dict(OLD, figures=[fig("NIS", "killed", (2000, 2000, 2000), (272, 285, 300, 315, 328),
                                 dated=["2025-09-01", "2025-09-02"])])
    assert diff.compare(old, new) == [
        diff.Change("figure", "NIS killed", "300 (2025-01-13)", "2,000 (2025-09-01, 2025-09-02)")]
    undated = dict(OLD, figures=[fig("NIS", "killed", (2000, 2000, 2000), (272, 285, 300, 315, 328), dated=[])])
    assert diff.compare(old, undated) == [diff.Change("figure", "NIS killed", "300 (2025-01-13)", "2,000")]


def test_diff__stated__a_ceiling_below_one():
    # "at most 0.5" wounded per killed: a ceiling under 1 has no low end to print, and none is invented
    assert diff._stated(fig("CSIS", "wounded_per_killed", (None, None, 0.5), (1, 2, 3, 4, 5))) == "at most 0.5"


def test_diff__band__figure_without_a_status__two_figures():
    # results.check does not require 'status' (a hand-made file may lack it): such a band reads at two figures
    f = {k: v for k, v in fig("NIS", "killed", (300, 300, 300), (272, 285, 300, 315, 328)).items() if k != "status"}
    assert diff._band(f) == "median 300; 50% band 280–320; 90% band 270–330"
