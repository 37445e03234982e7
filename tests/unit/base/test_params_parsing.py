"""Parameters as they arrive: `-p` pairs, YAML files, the notebook's parameters cell, paths and ledgers on disk.
Every message is asserted whole: it is what the user reads."""

import json
from pathlib import Path

import pytest

from analysis import params as P
from analysis.errors import ParameterError


def _error(call, *args, **kwargs) -> ParameterError:
    with pytest.raises(ParameterError) as info:
        call(*args, **kwargs)
    assert type(info.value) is ParameterError  # not the BriefError that check_file raises by default
    return info.value


# --- load_yaml -----------------------------------------------------------------------------------------------------

def test_load_yaml__size__the_limit_itself_read(monkeypatch):
    monkeypatch.setattr(P, "YAML_MAX_BYTES", 10)
    assert P.load_yaml("seed: 1234", "f") == {"seed": 1234}  # 10 characters: at the limit, read


def test_load_yaml__size__one_over_the_limit_refused(monkeypatch):
    monkeypatch.setattr(P, "YAML_MAX_BYTES", 10)
    assert str(_error(P.load_yaml, "seed: 12345", "f")) == "f: 11 characters; a parameter file is at most 10"


def test_load_yaml__size__the_real_limit_in_the_message():
    text = "a: " + "x" * 1_000_001  # 1,000,004 characters
    assert str(_error(P.load_yaml, text, "big.yaml")) == (
        "big.yaml: 1,000,004 characters; a parameter file is at most 1,000,000")


def test_load_yaml__unlocated__no_line_and_column():
    assert str(_error(P.load_yaml, "seed: 1\nseed: 2\n", "f", located=False)) == (
        "f: duplicate key 'seed' (first on line 1)")


def test_load_yaml__empty_document__none():
    assert P.load_yaml("", "f") is None


def test_load_yaml__sequence_key__refused_by_yaml_itself():
    # only scalar keys are compared for duplicates; a sequence key is left to PyYAML, which refuses it
    assert str(_error(P.load_yaml, "[a]: 1\n", "f")) == (
        "f: line 1, column 1: while constructing a mapping found unhashable key")


# --- read_text and load_file ---------------------------------------------------------------------------------------

def test_read_text__missing__named_by_what_it_is(tmp_path):
    missing = tmp_path / "nope.yaml"
    assert str(_error(P.read_text, missing, "scenario file")) == f"scenario file: no such file: {missing}"


def test_read_text__size__the_limit_itself_read(tmp_path, monkeypatch):
    monkeypatch.setattr(P, "YAML_MAX_BYTES", 10)
    p = tmp_path / "p.yaml"
    p.write_text("seed: 1234")  # 10 bytes
    assert P.read_text(p, "parameter file") == "seed: 1234"


def test_read_text__size__one_over_the_limit_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(P, "YAML_MAX_BYTES", 10)
    p = tmp_path / "p.yaml"
    p.write_text("seed: 12345")  # 11 bytes
    assert str(_error(P.read_text, p, "parameter file")) == f"{p}: 11 bytes; a parameter file is at most 10"


def test_read_text__utf8__read_as_utf8(tmp_path):
    p = tmp_path / "p.yaml"
    p.write_bytes("title: Курск\n".encode("utf-8"))
    assert P.read_text(p, "parameter file") == "title: Курск\n"


@pytest.mark.parametrize("error, reason", [
    (PermissionError(13, "Permission denied"), "Permission denied"),  # its strerror, not "[Errno 13] ..."
    (OSError("the disk went away"), "the disk went away"),            # no strerror: the error itself
])
def test_read_text__unreadable__one_line(tmp_path, monkeypatch, error, reason):
    p = tmp_path / "p.yaml"
    p.write_text("seed: 1\n")

    def fail(self, *args, **kwargs):
        raise error

    monkeypatch.setattr(Path, "read_text", fail)  # root reads any file: the failure is simulated
    assert str(_error(P.read_text, p, "parameter file")) == f"{p}: cannot read it: {reason}"


def _bad_file(tmp_path, kind):
    p = tmp_path / kind
    if kind == "dir":
        p.mkdir()
    elif kind == "loop":
        p.symlink_to(p)
    elif kind == "binary":
        p.write_bytes(b"seed: \xff\n")  # 0xff is the 7th byte, byte 6 counted from 0
    elif kind == "list":
        p.write_text("[1, 2]\n")
    elif kind == "duplicate":
        p.write_text("seed: 1\nseed: 2\n")
    return p


@pytest.mark.parametrize("kind, message", [
    ("missing", "parameter file: no such file: {p}"),
    ("dir", "parameter file: {p} is a directory, not a file"),
    ("loop", "parameter file: {p} is a symlink loop"),
    ("binary", "{p}: not UTF-8 text (invalid start byte at byte 6)"),
    ("list", "{p}: expected a mapping of parameter names to values"),
    ("duplicate", "{p}: line 2, column 1: duplicate key 'seed' (first on line 1)"),
])
def test_load_file__one_line_per_bad_file(tmp_path, kind, message):
    p = _bad_file(tmp_path, kind)
    assert str(_error(P.load_file, p)) == message.format(p=p)


def test_load_file__empty__no_parameters(tmp_path):
    p = tmp_path / "empty.yaml"
    p.write_text("# nothing set\n")
    assert P.load_file(p) == {}


def test_load_file__mapping__as_written(tmp_path):
    p = tmp_path / "p.yaml"
    p.write_text("seed: 7\nclaimants: [NIS]\n")
    assert P.load_file(str(p)) == {"seed": 7, "claimants": ["NIS"]}


# --- parse_cli -----------------------------------------------------------------------------------------------------

def test_parse_cli__ledger_list__read_as_yaml_even_after_spaces():
    assert P.parse_cli([("ledger", "  [a.csv, b.csv]")]) == {"ledger": ["a.csv", "b.csv"]}


def test_parse_cli__ledger_path__stays_text():
    assert P.parse_cli([("ledger", "data/x.csv")]) == {"ledger": "data/x.csv"}


def test_parse_cli__other_text_in_brackets__stays_text():
    # only the ledger takes a list where its default is text
    assert P.parse_cli([("title", "[draft] Kursk"), ("since", "[old]")]) == {
        "title": "[draft] Kursk", "since": "[old]"}


def test_parse_cli__unknown_name__read_as_yaml():
    # no default to say it is text: read as YAML, for check to refuse by name
    assert P.parse_cli([("sede", "7")]) == {"sede": 7}


def test_parse_cli__bad_yaml__unlocated_one_line():
    assert str(_error(P.parse_cli, [("seed", "1\nseed: 2")])) == (
        "parameter 'seed': '1\\nseed: 2' is not YAML: mapping values are not allowed here")


# --- declared ------------------------------------------------------------------------------------------------------

def _notebook(tmp_path, cells) -> Path:
    p = tmp_path / "nb.ipynb"
    p.write_text(json.dumps({"cells": cells}), encoding="utf-8")
    return p


def test_declared__reads_plain_assignments_of_the_tagged_cell(tmp_path):
    nb = _notebook(tmp_path, [
        {"cell_type": "markdown", "source": ["# no metadata at all"]},
        {"cell_type": "code", "metadata": {}, "source": ["seed = 1\n"]},                       # metadata, no tags
        {"cell_type": "code", "metadata": {"tags": ["other"]}, "source": ["seed = 2\n"]},
        {"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": [
            "seed = 7\n", "claimants = ['NIS']\n", "title = 'Курск'\n",
            "draws: int = 5\n",   # annotated: not a plain assignment
            "print(seed)\n",      # an expression
            "a.b = 3\n",          # an attribute, not a name
        ]},
    ])
    assert P.declared(nb) == {"seed": 7, "claimants": ["NIS"], "title": "Курск"}


def test_declared__no_tagged_cell(tmp_path):
    nb = _notebook(tmp_path, [{"cell_type": "code", "metadata": {"tags": ["other"]}, "source": ["seed = 1\n"]}])
    assert str(_error(P.declared, nb)) == f"{nb}: no cell tagged 'parameters'"


# --- resolve_paths -------------------------------------------------------------------------------------------------

def test_resolve_paths__relative_paths_against_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "a.csv").write_text("claimant\n")
    (tmp_path / "b.csv").write_text("claimant\n")
    (tmp_path / "old").mkdir()
    monkeypatch.chdir(tmp_path)
    values = {"ledger": ["a.csv", "b.csv"], "since": "old", "later": "a.csv", "seed": 7}
    assert P.resolve_paths(values) == {"ledger": [str(tmp_path / "a.csv"), str(tmp_path / "b.csv")],
                                       "since": str(tmp_path / "old"), "later": str(tmp_path / "a.csv"), "seed": 7}
    assert values["ledger"] == ["a.csv", "b.csv"]  # the caller's values are left as they were


def test_resolve_paths__one_ledger_and_empty_paths(tmp_path, monkeypatch):
    (tmp_path / "a.csv").write_text("claimant\n")
    monkeypatch.chdir(tmp_path)
    assert P.resolve_paths({"ledger": "a.csv", "since": "", "later": ""}) == {
        "ledger": str(tmp_path / "a.csv"), "since": "", "later": ""}


def test_resolve_paths__missing_file_in_a_ledger_list(tmp_path):
    (tmp_path / "a.csv").write_text("claimant\n")
    missing = tmp_path / "b.csv"
    assert str(_error(P.resolve_paths, {"ledger": [str(tmp_path / "a.csv"), str(missing)]})) == (
        f"parameter 'ledger': no such file: {missing}")


@pytest.mark.parametrize("name", ["ledger", "later"])
def test_resolve_paths__folder__refused_but_for_since(tmp_path, name):
    assert str(_error(P.resolve_paths, {name: str(tmp_path)})) == (
        f"parameter '{name}': {tmp_path} is a directory, not a file")


def test_resolve_paths__missing_single_path(tmp_path):
    missing = tmp_path / "old.json"
    assert str(_error(P.resolve_paths, {"since": str(missing)})) == f"parameter 'since': no such file: {missing}"


# --- ledger_claimants and checked ----------------------------------------------------------------------------------

def _ledger(tmp_path, name, *claimants) -> str:
    p = tmp_path / name
    p.write_text("claimant,metric\n" + "".join(f"{c},killed\n" for c in claimants), encoding="utf-8")
    return str(p)


def test_ledger_claimants__distinct_stripped_in_order(tmp_path):
    p = _ledger(tmp_path, "a.csv", " NIS", "CSIS", "NIS ", "", "Генштаб")
    assert P.ledger_claimants(p) == ["NIS", "CSIS", "Генштаб"]


def test_ledger_claimants__line_breaks_inside_a_quoted_field_kept(tmp_path):
    # the csv module reads the file's own line ends (newline=""): "A\r\nB" is one name, not "A\nB"
    p = tmp_path / "a.csv"
    p.write_bytes(b'claimant,metric\r\n"A\r\nB",killed\r\n')
    assert P.ledger_claimants(p) == ["A\r\nB"]


@pytest.mark.parametrize("content, expected", [
    (b"claimant\n\xff\n", None),   # not UTF-8
    (b"metric\nkilled\n", []),      # no claimant column: no names
])
def test_ledger_claimants__unreadable_or_without_the_column(tmp_path, content, expected):
    p = tmp_path / "a.csv"
    p.write_bytes(content)
    assert P.ledger_claimants(p) == expected


def test_ledger_claimants__missing__none(tmp_path):
    assert P.ledger_claimants(tmp_path / "nope.csv") is None


@pytest.mark.parametrize("values, message", [
    ({"claimants": ["KCNA"]}, "no claims for claimant 'KCNA' (the ledger has Zed, Ann)"),
    ({"weights": {"KCNA": 1}},
     "parameter 'weights' names claimant 'KCNA', who has no claims (the ledger has Zed, Ann)"),
    ({"borrow": {"killed": "KCNA"}},
     "parameter 'borrow' borrows killed from 'KCNA', who has no claims (the ledger has Zed, Ann)"),
])
def test_checked__names_against_the_given_ledger(tmp_path, values, message):
    ledger = _ledger(tmp_path, "a.csv", "Zed", "Ann")
    assert str(_error(P.checked, {"ledger": ledger, **values})) == message


def test_checked__names_in_the_given_ledger_accepted(tmp_path):
    # "Zed" is in no ledger of the project: only the given one is read
    ledger = _ledger(tmp_path, "a.csv", "Zed")
    assert P.checked({"ledger": ledger, "claimants": ["Zed"], "later": ""}) == {
        "ledger": ledger, "claimants": ["Zed"], "later": ""}


def test_checked__ledger_list__names_of_every_file(tmp_path):
    a, b = _ledger(tmp_path, "a.csv", "Zed"), _ledger(tmp_path, "b.csv", "Ann", "Zed")
    assert P.checked({"ledger": [a, b], "claimants": ["Ann", "Zed"], "later": ""})["claimants"] == ["Ann", "Zed"]
    assert str(_error(P.checked, {"ledger": [a, b], "claimants": ["KCNA"]})) == (
        "no claims for claimant 'KCNA' (the ledger has Zed, Ann)")


def test_checked__an_unreadable_ledger_is_left_to_the_build(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"claimant\n\xff\n")
    good = _ledger(tmp_path, "a.csv", "Zed")
    for ledger in (str(bad), [good, str(bad)]):
        assert P.checked({"ledger": ledger, "claimants": ["KCNA"], "later": ""})["claimants"] == ["KCNA"]


def test_checked__values_checked_before_paths(tmp_path):
    # a bad value is reported as such, before its missing ledger is looked for
    assert str(_error(P.checked, {"seed": -1, "ledger": str(tmp_path / "nope.csv")})) == (
        "parameter 'seed' must be from 0 to 9,223,372,036,854,775,807, got -1")


# --- load_file: paths in a parameter file are the file's ---------------------------------------------------------

def test_load_file__relative_paths_resolve_against_the_file_s_folder(tmp_path, monkeypatch):
    # Issue 18: a case's params.yaml says `ledger: claims.csv`, meaning the one beside it, wherever the command runs.
    case = tmp_path / "case"
    case.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    p = case / "params.yaml"
    p.write_text("ledger: claims.csv\nlater: sub/later.csv\nsince: ''\nseed: 7\ntitle: claims.csv\n")
    assert P.load_file(p) == {"ledger": str(case / "claims.csv"), "later": str(case / "sub" / "later.csv"),
                              "since": "", "seed": 7, "title": "claims.csv"}
    p.write_text(f"ledger: [claims.csv, {tmp_path / 'other.csv'}]\nsince: ../old\n")
    assert P.load_file(Path("..") / "case" / "params.yaml") == {
        "ledger": [str(case / "claims.csv"), str(tmp_path / "other.csv")], "since": str(tmp_path / "old")}
