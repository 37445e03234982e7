"""BriefParams: every value checked against its type and range before anything runs; YAML read safely."""

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


@pytest.mark.parametrize("values, message", [
    ({"sede": 1}, "unknown parameter 'sede'"),
    ({"seed": "x"}, "parameter 'seed' must be integer"),
    ({"draws": True}, "parameter 'draws' must be integer"),
    ({"results_path": "x"}, "set by the build itself"),
    ({"draws": -5}, "parameter 'draws' must be from 1 to 10,000,000, got -5"),
    ({"draws": 0}, "parameter 'draws' must be from 1 to 10,000,000, got 0"),
    ({"draws": 1_000_000_000_000}, "parameter 'draws' must be from 1 to 10,000,000, got 1,000,000,000,000"),
    ({"sensitivity_draws": 10_000_001}, "'sensitivity_draws' must be from 1 to 10,000,000"),
    ({"seed": -1}, "parameter 'seed' must be from 0 to"),
    ({"approx_tolerance": 1}, "parameter 'approx_tolerance' must be from 0 to 1 (exclusive), got 1.0"),
    ({"approx_tolerance": -0.1}, "'approx_tolerance' must be from 0 to 1 (exclusive)"),
    ({"approx_tolerance": float("nan")}, "'approx_tolerance' must be a finite number from 0 to 1"),
    ({"upto_floor": 1.5}, "parameter 'upto_floor' must be from 0 to 1, got 1.5"),
    ({"atleast_ceiling": 0.5}, "parameter 'atleast_ceiling' must be from 1 to 100, got 0.5"),
    ({"atleast_ceiling": float("inf")}, "'atleast_ceiling' must be a finite number"),
    ({"distribution": "triangular"}, "parameter 'distribution' must be one of uniform, lognormal, got 'triangular'"),
    ({"weights": {"NIS": float("nan")}}, "the weight of NIS must be a finite number, 0 or more, got nan"),
    ({"weights": {"NIS": float("inf")}}, "the weight of NIS must be a finite number"),
    ({"weights": {"NIS": -1}}, "the weight of NIS must be a finite number, 0 or more, got -1"),
    ({"weights": {"NIS": 0, "CSIS": 0}}, "at least one weight must be above 0"),
    ({"borrow": {"force": "NIS"}}, "'force' is not a metric"),
    ({"as_of": "yesterday"}, "parameter 'as_of' must be a real date YYYY, YYYY-MM or YYYY-MM-DD"),
    ({"as_of": "2025-13-45"}, "got '2025-13-45'"),
    ({"as_of": "2025-02-30"}, "got '2025-02-30'"),
    ({"as_of": "2025-2-3"}, "got '2025-2-3'"),
    ({"title": 2025}, "parameter 'title' must be text"),
])
def test_check__refuses_with_the_allowed_range(values, message):
    assert message in _refused(values)


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
    assert _refused({"as_of": value}) == ("parameter 'as_of' must be a real date YYYY, YYYY-MM or YYYY-MM-DD "
                                          f"(or empty for the latest), got {value!r}")


@pytest.mark.parametrize("values, message", [
    ({"claimants": ["KCNA"]}, "no claims for claimant 'KCNA' (the ledger has NIS, CSIS)"),
    ({"borrow": {"deployed": "Nobody"}}, "borrows deployed from 'Nobody', who has no claims (the ledger has NIS, CSIS)"),
    ({"weights": {"KCNA": 1}}, "names claimant 'KCNA', who has no claims"),
])
def test_check__claimant_names_against_the_ledger(values, message):
    assert message in _refused(values, LEDGER)
    assert P.check(values) == values  # without a ledger to compare with, the names are not judged


def test_check__every_problem_at_once():
    lines = _refused({"draws": 0, "seed": -1, "sede": 1}).splitlines()
    assert len(lines) == 3


def test_from_values__frozen_and_typed():
    p = P.BriefParams.from_values({"claimants": ["NIS"], "weights": {"NIS": 2}})
    assert p.claimants == ("NIS",) and p.weights["NIS"] == 2 and p.draws == 200_000
    with pytest.raises(Exception):
        p.draws = 5
    with pytest.raises(TypeError):
        p.weights["NIS"] = 3
    assert p.values()["claimants"] == ["NIS"] and p.values()["weights"] == {"NIS": 2}


def test_parse_cli__text_stays_text_others_are_yaml():
    assert P.parse_cli([("claimants", "[NIS]"), ("title", "2025"), ("seed", "7"), ("as_of", "2025-02-01")]) == {
        "claimants": ["NIS"], "title": "2025", "seed": 7, "as_of": "2025-02-01"}


@pytest.mark.parametrize("text, message", [
    ("a: &x [1, 2]\nb: *x\n", "line 2, column 4: aliases (*name) are not allowed"),
    ("a: &a [x, x]\nb: &b [*a, *a]\nclaimants: [*b, *b]\n", "aliases (*name) are not allowed"),
    ("seed: !!python/object:os.system [echo]\n", "the tag tag:yaml.org,2002:python/object:os.system is not allowed"),
    ("seed: !custom 3\n", "the tag !custom is not allowed"),
    ("x: !!set {a, b}\n", "not allowed"),
    ("base: &b {seed: 1}\n<<: *b\n", "line 2, column 5: aliases (*name) are not allowed"),
    ("<<: 3\nseed: 1\n", "merge keys (<<) are not allowed"),
    ("seed: 1\nseed: 2\n", "line 2, column 1: duplicate key 'seed' (first on line 1)"),
    ("weights: {NIS: 1, NIS: 2}\n", "duplicate key 'NIS'"),
    ("scenarios:\n  1: {}\n  '1': {}\n", "line 3, column 3: duplicate key '1' (first on line 2)"),
    ("seed: [1\n", "f.yaml: line 2, column 1: while parsing a flow sequence expected ',' or ']', but got '<stream end>'"),
    ("a: 'open\n", "f.yaml: line 2, column 1: while scanning a quoted scalar found unexpected end of stream"),
])
def test_load_yaml__refuses_in_one_line(text, message):
    with pytest.raises(ParameterError) as info:
        P.load_yaml(text, "f.yaml")
    assert message in str(info.value) and "\n" not in str(info.value)
    assert isinstance(info.value, BriefError)


def test_load_yaml__plain_documents_and_dates():
    assert P.load_yaml("as_of: 2025-02-01\nweights: {NIS: 2, CSIS: 1}\nclaimants: [NIS, CSIS]\n", "f") == {
        "as_of": dt.date(2025, 2, 1), "weights": {"NIS": 2, "CSIS": 1}, "claimants": ["NIS", "CSIS"]}


def test_load_yaml__size_bounded():
    with pytest.raises(ParameterError, match="at most 1,000,000"):
        P.load_yaml("a: " + "x" * 1_000_001, "big.yaml")


def test_parse_cli__bad_yaml_in_one_line():
    with pytest.raises(ParameterError) as info:
        P.parse_cli([("claimants", "[NIS")])
    assert str(info.value) == ("parameter 'claimants': '[NIS' is not YAML: while parsing a flow sequence "
                               "expected ',' or ']', but got '<stream end>'")


def _bad_file(tmp_path, kind):
    p = tmp_path / kind
    if kind == "dir":
        p.mkdir()
    elif kind == "loop":
        p.symlink_to(p)
    elif kind == "binary":
        p.write_bytes(b"seed: \xff\n")
    elif kind == "list":
        p.write_text("[1, 2]\n")
    return p


@pytest.mark.parametrize("kind, message", [
    ("missing", "no such file"), ("dir", "is a directory, not a file"), ("loop", "is a symlink loop"),
    ("binary", "not UTF-8"), ("list", "expected a mapping"),
])
def test_load_file__one_line_per_bad_file(tmp_path, kind, message):
    with pytest.raises(ParameterError) as info:
        P.load_file(_bad_file(tmp_path, kind))
    assert message in str(info.value) and "\n" not in str(info.value)
