"""BriefParams: every value checked against its type and range before anything runs; YAML read safely."""

import dataclasses
import datetime as dt

import pytest

from analysis import params as P
from analysis.errors import BriefError, ParameterError

LEDGER = ["NIS", "CSIS"]


def _refused(values, ledger=None):
    with pytest.raises(ParameterError) as info:
        P.check(values, ledger)
    return str(info.value)


def test_check__normalises_types():
    assert P.check({"approx_tolerance": 0, "seed": 7, "claimants": ["NIS"]}) == {
        "approx_tolerance": 0.0, "seed": 7, "claimants": ["NIS"]}
    assert type(P.check({"approx_tolerance": 0})["approx_tolerance"]) is float


TAKES = ("approx_tolerance, as_of, atleast_ceiling, borrow, claimants, correlation, distribution, draws, "
         "hedge_reading, later, ledger, seed, sensitivity_draws, since, title, upto_floor, weights")  # sorted by hand
DATE_RULE = "must be a real date YYYY, YYYY-MM or YYYY-MM-DD (or empty for the latest), got"


@pytest.mark.parametrize("values, message", [
    ({"sede": 1}, f"unknown parameter 'sede'; the brief takes: {TAKES}"),
    ({"results_path": "x"}, f"unknown parameter 'results_path'; the brief takes: {TAKES}"),  # the build writes it
    # wrong types: each kind of default named in words, with the default itself
    ({"seed": "x"}, "parameter 'seed' must be integer (like its default 20250101), got 'x'"),
    ({"draws": True}, "parameter 'draws' must be integer (like its default 200000), got True"),
    ({"upto_floor": "x"}, "parameter 'upto_floor' must be number (like its default 0.5), got 'x'"),
    ({"title": 2025}, "parameter 'title' must be text (like its default ''), got 2025"),
    ({"claimants": "NIS"}, "parameter 'claimants' must be list (like its default []), got 'NIS'"),
    ({"weights": [1]}, "parameter 'weights' must be mapping (like its default {}), got [1]"),
    # ranges: 2**63 - 1 = 9,223,372,036,854,775,807
    ({"draws": -5}, "parameter 'draws' must be from 1 to 10,000,000, got -5"),
    ({"draws": 0}, "parameter 'draws' must be from 1 to 10,000,000, got 0"),
    ({"draws": 1_000_000_000_000}, "parameter 'draws' must be from 1 to 10,000,000, got 1,000,000,000,000"),
    ({"sensitivity_draws": 10_000_001}, "parameter 'sensitivity_draws' must be from 1 to 10,000,000, got 10,000,001"),
    ({"seed": -1}, "parameter 'seed' must be from 0 to 9,223,372,036,854,775,807, got -1"),
    ({"approx_tolerance": 1}, "parameter 'approx_tolerance' must be from 0 to 1 (exclusive), got 1.0"),
    ({"approx_tolerance": -0.1}, "parameter 'approx_tolerance' must be from 0 to 1 (exclusive), got -0.1"),
    ({"approx_tolerance": float("nan")},
     "parameter 'approx_tolerance' must be a finite number from 0 to 1 (exclusive), got nan"),
    ({"upto_floor": 1.5}, "parameter 'upto_floor' must be from 0 to 1, got 1.5"),
    ({"atleast_ceiling": 0.5}, "parameter 'atleast_ceiling' must be from 1 to 100, got 0.5"),
    ({"atleast_ceiling": 100.5}, "parameter 'atleast_ceiling' must be from 1 to 100, got 100.5"),
    ({"atleast_ceiling": float("inf")}, "parameter 'atleast_ceiling' must be a finite number from 1 to 100, got inf"),
    ({"distribution": "triangular"}, "parameter 'distribution' must be one of uniform, lognormal, got 'triangular'"),
    # kinds
    ({"weights": {"NIS": float("nan")}},
     "parameter 'weights': the weight of NIS must be a finite number, 0 or more, got nan"),
    ({"weights": {"NIS": float("inf")}},
     "parameter 'weights': the weight of NIS must be a finite number, 0 or more, got inf"),
    ({"weights": {"NIS": -1}}, "parameter 'weights': the weight of NIS must be a finite number, 0 or more, got -1"),
    ({"weights": {"NIS": "x"}}, "parameter 'weights': the weight of NIS must be a finite number, 0 or more, got 'x'"),
    ({"weights": {"NIS": True}}, "parameter 'weights': the weight of NIS must be a finite number, 0 or more, got True"),
    ({"weights": {1: 2}}, "parameter 'weights': claimant 1 must be text"),
    ({"weights": {"NIS": 0, "CSIS": 0}}, "parameter 'weights': at least one weight must be above 0 (all are 0)"),
    ({"claimants": ["NIS", 3]}, "parameter 'claimants' must list claimant names (text), got 3"),
    ({"claimants": ["NIS", " "]}, "parameter 'claimants' must list claimant names (text), got ' '"),
    ({"borrow": {"force": "NIS"}},
     "parameter 'borrow': 'force' is not a metric; one of deployed, killed, wounded, casualties, casualty_rate"),
    ({"borrow": {"killed": 3}}, "parameter 'borrow': borrow killed from a claimant (text), got 3"),
    ({"ledger": []}, "parameter 'ledger' must be a path or a list of paths, got []"),
    ({"ledger": ["a.csv", 3]}, "parameter 'ledger' must be a path or a list of paths, got ['a.csv', 3]"),
    ({"ledger": ["a.csv", " "]}, "parameter 'ledger' must be a path or a list of paths, got ['a.csv', ' ']"),
    ({"as_of": "yesterday"}, f"parameter 'as_of' {DATE_RULE} 'yesterday'"),
    ({"as_of": "2025-13-45"}, f"parameter 'as_of' {DATE_RULE} '2025-13-45'"),
    ({"as_of": "2025-02-30"}, f"parameter 'as_of' {DATE_RULE} '2025-02-30'"),
    ({"as_of": "2025-13"}, f"parameter 'as_of' {DATE_RULE} '2025-13'"),
    ({"as_of": "0000"}, f"parameter 'as_of' {DATE_RULE} '0000'"),  # there is no year 0
    ({"as_of": "2025-2-3"}, f"parameter 'as_of' {DATE_RULE} '2025-2-3'"),
    ({"as_of": True}, f"parameter 'as_of' {DATE_RULE} True"),  # not the year 1 (True is an int in Python)
    ({"as_of": 2025.0}, f"parameter 'as_of' {DATE_RULE} 2025.0"),
    ({"as_of": dt.datetime(2025, 2, 1, 12)}, f"parameter 'as_of' {DATE_RULE} datetime.datetime(2025, 2, 1, 12, 0)"),
])
def test_check__refuses_with_the_allowed_range(values, message):
    assert _refused(values) == message


def test_check__bounds_themselves_accepted():
    # closed ranges take both ends; approx_tolerance is open at 1 only
    top = {"upto_floor": 1, "atleast_ceiling": 100, "draws": 10_000_000, "sensitivity_draws": 1,
           "seed": 2**63 - 1, "correlation": 1, "approx_tolerance": 0}
    assert P.check(top) == {"upto_floor": 1.0, "atleast_ceiling": 100.0, "draws": 10_000_000,
                            "sensitivity_draws": 1, "seed": 2**63 - 1, "correlation": 1.0, "approx_tolerance": 0.0}
    assert P.check({"approx_tolerance": 0.999}) == {"approx_tolerance": 0.999}


def test_check__kinds_accepted():
    values = {"claimants": ["NIS", "CSIS"], "weights": {"NIS": 0, "CSIS": 2.5}, "borrow": {"deployed": "NIS"},
              "ledger": ["a.csv", "b.csv"], "distribution": "lognormal", "hedge_reading": "exclude", "title": "T"}
    assert P.check(values) == values


@pytest.mark.parametrize("value, text", [
    ("2025", "2025"), ("2025-02", "2025-02"), ("2024-02-29", "2024-02-29"), ("", ""),
    (dt.date(2025, 2, 1), "2025-02-01"), (2025, "2025"),
])
def test_check__as_of_real_dates_accepted_as_text(value, text):
    assert P.check({"as_of": value}) == {"as_of": text}


@pytest.mark.parametrize("value", ["2025\n", "2025-02-01\n", "\uff12\uff10\uff12\uff15", "\u0662\u0660\u0662\u0665-01"])
def test_check__as_of__trailing_newline_or_other_digits_refused(value):
    # "2025\n" (a YAML block scalar) sorted before every 2025 date and dropped them; fullwidth or Arabic-Indic
    # digits sorted after every date. Both were accepted as dates.
    assert _refused({"as_of": value}) == f"parameter 'as_of' {DATE_RULE} {value!r}"


@pytest.mark.parametrize("values, message", [
    ({"claimants": ["KCNA", "NIS", "Генштаб"]},
     "no claims for claimant 'KCNA' (the ledger has NIS, CSIS)\n"
     "no claims for claimant 'Генштаб' (the ledger has NIS, CSIS)"),
    ({"borrow": {"deployed": "Nobody", "killed": "NIS"}},
     "parameter 'borrow' borrows deployed from 'Nobody', who has no claims (the ledger has NIS, CSIS)"),
    ({"weights": {"KCNA": 1, "CSIS": 1}},
     "parameter 'weights' names claimant 'KCNA', who has no claims (the ledger has NIS, CSIS)"),
])
def test_check__claimant_names_against_the_ledger(values, message):
    assert _refused(values, LEDGER) == message
    assert P.check(values) == values  # without a ledger to compare with, the names are not judged


def test_check__claimant_names__not_judged_when_the_value_is_already_wrong():
    # a weight of -1 is the problem; that KCNA is not in the ledger is not said as well
    assert _refused({"weights": {"KCNA": -1}}, LEDGER) == (
        "parameter 'weights': the weight of KCNA must be a finite number, 0 or more, got -1")


def test_check__every_problem_at_once():
    values = {"sede": 1, "ledger": [], "as_of": "x", "draws": "x", "seed": -1,
              "distribution": "x"}
    assert _refused(values) == "\n".join([
        f"unknown parameter 'sede'; the brief takes: {TAKES}",
        "parameter 'ledger' must be a path or a list of paths, got []",
        f"parameter 'as_of' {DATE_RULE} 'x'",
        "parameter 'draws' must be integer (like its default 200000), got 'x'",
        "parameter 'seed' must be from 0 to 9,223,372,036,854,775,807, got -1",
        "parameter 'distribution' must be one of uniform, lognormal, got 'x'",
    ])


def test_check__every_value_after_a_ledger_list_still_checked():
    assert P.check({"ledger": ["a.csv"], "seed": 7, "as_of": 2025}) == {"ledger": ["a.csv"], "seed": 7, "as_of": "2025"}


def test_from_values__frozen_and_typed():
    p = P.BriefParams.from_values({"claimants": ["NIS"], "weights": {"NIS": 2}, "seed": 7, "as_of": 2025})
    assert (p.claimants, dict(p.weights), p.seed, p.as_of, p.draws) == (("NIS",), {"NIS": 2}, 7, "2025", 200_000)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.draws = 5
    with pytest.raises(TypeError):
        p.weights["NIS"] = 3
    assert p.values()["claimants"] == ["NIS"] and p.values()["weights"] == {"NIS": 2}


def test_from_values__names_checked_against_the_ledger_given():
    with pytest.raises(ParameterError) as info:
        P.BriefParams.from_values({"claimants": ["KCNA"]}, ["NIS"])
    assert str(info.value) == "no claims for claimant 'KCNA' (the ledger has NIS)"


def test_parse_cli__text_stays_text_others_are_yaml():
    assert P.parse_cli([("claimants", "[NIS]"), ("title", "2025"), ("seed", "7"), ("as_of", "2025-02-01")]) == {
        "claimants": ["NIS"], "title": "2025", "seed": 7, "as_of": "2025-02-01"}


@pytest.mark.parametrize("text, message", [
    ("a: &x [1, 2]\nb: *x\n", "f.yaml: line 2, column 4: aliases (*name) are not allowed"),
    ("a: &a [x, x]\nb: &b [*a, *a]\nclaimants: [*b, *b]\n",
     "f.yaml: line 2, column 8: aliases (*name) are not allowed"),
    ("seed: !!python/object:os.system [echo]\n",
     "f.yaml: line 1, column 7: the tag tag:yaml.org,2002:python/object:os.system is not allowed"),
    ("seed: !custom 3\n", "f.yaml: line 1, column 7: the tag !custom is not allowed"),
    ("x: !!set {a, b}\n", "f.yaml: line 1, column 4: the tag tag:yaml.org,2002:set is not allowed"),
    ("base: &b {seed: 1}\n<<: *b\n", "f.yaml: line 2, column 5: aliases (*name) are not allowed"),
    ("<<: 3\nseed: 1\n", "f.yaml: line 1, column 1: merge keys (<<) are not allowed"),
    ("seed: 1\nseed: 2\n", "f.yaml: line 2, column 1: duplicate key 'seed' (first on line 1)"),
    ("weights: {NIS: 1, NIS: 2}\n", "f.yaml: line 1, column 19: duplicate key 'NIS' (first on line 1)"),
    ("scenarios:\n  1: {}\n  '1': {}\n", "f.yaml: line 3, column 3: duplicate key '1' (first on line 2)"),
    ("x: 1\ntrue: 1\nTrue: 2\n", "f.yaml: line 3, column 1: duplicate key 'True' (first on line 2)"),
    ("seed: [1\n",
     "f.yaml: line 2, column 1: while parsing a flow sequence expected ',' or ']', but got '<stream end>'"),
    ("a: 'open\n", "f.yaml: line 2, column 1: while scanning a quoted scalar found unexpected end of stream"),
    # a timestamp that is no date fails in the constructor, unmarked
    ("as_of: 2025-02-30\n", "f.yaml: not valid YAML: day is out of range for month"),
    # two refused tags: the outer mapping's values are built before what is nested in them, so line 2 is named
    ("a: {b: !x 1}\nc: !y 2\n", "f.yaml: line 2, column 4: the tag !y is not allowed"),
])
def test_load_yaml__refuses_in_one_line(text, message):
    with pytest.raises(ParameterError) as info:
        P.load_yaml(text, "f.yaml")
    assert str(info.value) == message
    assert isinstance(info.value, BriefError)


def test_load_yaml__plain_documents_and_dates():
    assert P.load_yaml("as_of: 2025-02-01\nweights: {NIS: 2, CSIS: 1}\nclaimants: [NIS, CSIS]\n", "f") == {
        "as_of": dt.date(2025, 2, 1), "weights": {"NIS": 2, "CSIS": 1}, "claimants": ["NIS", "CSIS"]}


def test_parse_cli__bad_yaml_in_one_line():
    with pytest.raises(ParameterError) as info:
        P.parse_cli([("claimants", "[NIS")])
    assert str(info.value) == ("parameter 'claimants': '[NIS' is not YAML: while parsing a flow sequence "
                               "expected ',' or ']', but got '<stream end>'")


def test_help_text__every_parameter_with_its_help_and_default():
    text = P.help_text()
    lines = text.splitlines()
    assert lines[0] == "parameters (-p NAME VALUE, or a YAML file with -f):"
    assert len(lines) == 1 + len(P.BriefParams.specs())
    assert '  approx_tolerance   "about X" read as X -/+ this fraction; from 0 to 1 (exclusive) (default: 0.1)' in lines
    assert "  distribution       how a range is read; one of uniform, lognormal (default: 'uniform')" in lines
    assert "  claimants          claimants to compare; empty: all in the ledger (default: [])" in lines
    assert ("  as_of              use only claims dated on or before this date (YYYY[-MM[-DD]]); empty: latest "
            "(default: '')") in lines
    assert "  draws              Monte Carlo draws per quantity; from 1 to 10,000,000 (default: 200000)" in lines


def test_cli_build_help__lists_the_parameters(capsys):
    from analysis.publish.cli import main

    with pytest.raises(SystemExit):
        main(["build", "--help"])
    out = capsys.readouterr().out
    assert out.rstrip().endswith(P.help_text().rstrip())


def test_every_default_has_one_home__the_seed_written_once_in_the_code():
    # The notebook's parameters cell and README repeat it (tests hold them to BriefParams); the code does not.
    from conftest import ROOT

    homes = [p.relative_to(ROOT).as_posix() for p in (ROOT / "analysis").rglob("*.py")
             if "20250101" in p.read_text(encoding="utf-8")]
    assert homes == ["analysis/params.py"]
