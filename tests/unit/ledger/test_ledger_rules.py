"""ledger.validate on small inline ledgers: each rule's exact message, file, line and column (issues 10, 11, 13)."""

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import LedgerError
from analysis.ledger.validate import validate
from ledgers import problems, row, write


@pytest.fixture
def ledger(tmp_path):
    def make(*rows, name="claims.csv", extra=()):
        return write(tmp_path / name, list(rows), extra)
    return make


# ---------------------------------------------------------------- supersedes


def test_validate__supersedes_two_cycle__refused_naming_both(ledger):
    p = ledger(row("a", best=300, supersedes="b"), row("b", best=600, supersedes="a"))
    text = "is part of a cycle: a (line 2) → b (line 3) → a; a claim cannot be replaced by one it replaces " \
           "(the brief would drop them all)"
    assert problems(p) == [("claims.csv", 2, "supersedes", text), ("claims.csv", 3, "supersedes", text)]


def test_validate__supersedes_three_cycle__refused_naming_all_three(ledger):
    p = ledger(row("a", best=1, supersedes="c"), row("b", best=2, supersedes="a"), row("c", best=3, supersedes="b"),
               row("d", best=4))
    found = problems(p)
    assert [(f[1], f[2]) for f in found] == [(2, "supersedes"), (3, "supersedes"), (4, "supersedes")]
    assert all("a (line 2) → c (line 4) → b (line 3) → a" in f[3] for f in found)


def test_validate__supersedes_chain_without_cycle__accepted(ledger):
    p = ledger(row("a", best=1), row("b", best=2, supersedes="a"), row("c", best=3, supersedes="b"))
    assert problems(p) == []


def test_validate__supersedes_another_claimants_claim__refused(ledger):
    p = ledger(row("nis", best=300, supersedes="csis"), row("csis", best=1000, claimant="CSIS"))
    assert problems(p) == [("claims.csv", 2, "supersedes",
                            "names claim 'csis' (line 3) of claimant 'CSIS' and metric 'killed'; a claim supersedes "
                            "only one of its own claimant and metric ('NIS', 'killed')")]


def test_validate__supersedes_another_metric__refused(ledger):
    p = ledger(row("k", best=300, supersedes="w"), row("w", "wounded", best=2700))
    assert [f[:3] for f in problems(p)] == [("claims.csv", 2, "supersedes")]
    assert "of claimant 'NIS' and metric 'wounded'" in problems(p)[0][3]


def test_validate__supersedes_itself__refused(ledger):
    assert problems(ledger(row("a", best=1, supersedes="a"))) == [
        ("claims.csv", 2, "supersedes", "a claim cannot supersede itself")]


def test_validate__supersedes_unknown__refused(ledger):
    assert problems(ledger(row("a", best=1, supersedes="zz"))) == [
        ("claims.csv", 2, "supersedes", "names claim 'zz', which is not in the ledger")]


# ---------------------------------------------------------------- numbers


def test_validate__zero_killed__is_a_claim(ledger):
    df = validate(ledger(row("k", best=0, quote="0 killed")))
    assert df.loc[0, "best"] == 0.0 and str(df.loc[0, "best"]) == "0.0"  # +0, not -0


@pytest.mark.parametrize("metric", ["wounded", "casualties", "casualty_rate"])
def test_validate__zero_of_other_metrics__is_a_claim(ledger, metric):
    assert problems(ledger(row("x", metric, best=0))) == []


@pytest.mark.parametrize("cells, column", [(dict(best=0), "best"), (dict(low=0, high=11000), "low")])
def test_validate__zero_deployed__refused(ledger, cells, column):
    assert problems(ledger(row("d", "deployed", **cells))) == [
        ("claims.csv", 2, column, "0 deployed is refused: a casualty rate over a force of 0 is undefined")]


def test_validate__minus_zero__refused(ledger):
    assert problems(ledger(row("k", best="-0", quote="0"))) == [
        ("claims.csv", 2, "best", "must not be negative (got -0)")]


def test_validate__400_digit_number__refused_shortly(ledger):
    big = "1" * 400
    assert problems(ledger(row("k", best=big))) == [
        ("claims.csv", 2, "best", "a count of persons must lie within 0-10,000,000 (got 111111111111… (400 characters))")]


def test_validate__400_digit_percent__refused(ledger):
    assert problems(ledger(row("r", "casualty_rate", high="9" * 400))) == [
        ("claims.csv", 2, "high", "a percent must lie within 0-100 (got 999999999999… (400 characters))")]


@pytest.mark.parametrize("value, ok", [("10000000", True), ("10000001", False), ("300.0", True)])
def test_validate__persons_ceiling__ten_million(ledger, value, ok):
    found = problems(ledger(row("k", best=value, quote=value)))
    assert found == ([] if ok else [("claims.csv", 2, "best",
                                     f"a count of persons must lie within 0-10,000,000 (got {value})")])


def test_validate__fraction_of_a_person__refused(ledger):
    assert problems(ledger(row("k", best="0.0000000001"))) == [
        ("claims.csv", 2, "best", "a count of persons is a whole number (got 0.0000000001)")]


@pytest.mark.parametrize("value, ok", [("27.25", True), ("50.00", True), ("100", True), ("0.0000000001", False),
                                       ("100.01", False)])
def test_validate__percent_range_and_decimals(ledger, value, ok):
    found = problems(ledger(row("r", "casualty_rate", high=value)))
    if ok:
        assert found == []
    elif value == "100.01":
        assert found == [("claims.csv", 2, "high", "a percent must lie within 0-100 (got 100.01)")]
    else:
        assert found == [("claims.csv", 2, "high", "a percent takes at most 2 decimals (got 0.0000000001)")]


def test_validate__exponent__not_a_plain_number(ledger):
    found = problems(ledger(row("k", best="1e-10", quote="1")))
    assert [(f[1], f[2]) for f in found] == [(2, "best")]
    assert found[0][3].startswith("is not a plain number")


# ---------------------------------------------------------------- one claimant's figures agree


def test_validate__killed_above_force__refused_naming_rows(ledger):
    p = ledger(row("d", "deployed", low=10000, high=11000), row("k", best=12000))
    assert problems(p) == [("claims.csv", 3, "best",
                            "killed (12,000) is more than deployed (at most 11,000) in claim 'd' (line 2) of the same "
                            "claimant and date: killed cannot exceed deployed")]


@pytest.mark.parametrize("part, whole, part_cells, whole_cells, message", [
    ("wounded", "casualties", dict(best=3000), dict(best=2000),
     "wounded (3,000) is more than casualties (2,000) in claim 'w' (line 3) of the same claimant and date: "
     "wounded cannot exceed casualties"),
    ("killed", "casualties", dict(low=500), dict(best=400),
     "killed (at least 500) is more than casualties (400) in claim 'w' (line 3) of the same claimant and date: "
     "killed cannot exceed casualties"),
    ("casualties", "deployed", dict(best=12000), dict(high=11000),
     "casualties (12,000) is more than deployed (at most 11,000) in claim 'w' (line 3) of the same claimant and "
     "date: casualties cannot exceed deployed"),
    ("wounded", "deployed", dict(low=11001, high=12000), dict(best=11000),
     "wounded (at least 11,001) is more than deployed (11,000) in claim 'w' (line 3) of the same claimant and "
     "date: wounded cannot exceed deployed"),
])
def test_validate__part_above_whole__refused(ledger, part, whole, part_cells, whole_cells, message):
    p = ledger(row("p", part, **part_cells), row("w", whole, **whole_cells))
    assert problems(p) == [("claims.csv", 2, "low" if "low" in part_cells else "best", message)]


@pytest.mark.parametrize("other", [dict(claimant="CSIS"), dict(as_of="2025-03"), dict(published="2025-04-30")])
def test_validate__killed_above_force__other_claimant_or_date__accepted(ledger, other):
    """Across claimants (or dates) reinforcements may explain it: the brief flags it, validate does not refuse."""
    assert problems(ledger(row("d", "deployed", best=11000), row("k", best=12000, **other))) == []


def test_validate__equal_part_and_whole__accepted(ledger):
    assert problems(ledger(row("d", "deployed", best=3000), row("c", "casualties", best=3000))) == []


def test_validate__up_to_killed__no_floor__accepted(ledger):
    assert problems(ledger(row("d", "deployed", best=11000), row("k", high=20000))) == []


def test_validate__corrected_same_date__only_the_correction_counts(ledger):
    p = ledger(row("d", "deployed", best=11000), row("k1", best=12000, quote="12000"),
               row("k2", best=300, supersedes="k1"))
    assert problems(p) == []


# ---------------------------------------------------------------- names and dates


@pytest.mark.parametrize("column, value", [("claimant", "CSIS "), ("claimant", " CSIS"), ("spokesperson", "Seth Jones "),
                                           ("conduit", "Express ")])
def test_validate__spaces_around_a_name__refused(ledger, column, value):
    assert problems(ledger(row("k", best=1, **{column: value}))) == [
        ("claims.csv", 2, column, f"has leading or trailing spaces: remove them (they would make another name) "
                                  f"(got {value!r})")]


def test_validate__spaces_in_quote__kept(ledger):
    df = validate(ledger(row("k", best=1, quote=" about 1 ")))
    assert df.loc[0, "quote"] == " about 1 "


@pytest.mark.parametrize("column, value, ok", [("published", "2025-02-30", False), ("as_of", "2025-02-29", False),
                                               ("as_of", "2024-02-29", True), ("as_of", "2025-04-31", False),
                                               ("as_of", "2025-02", True)])
def test_validate__calendar_dates(ledger, column, value, ok):
    found = problems(ledger(row("k", best=1, **{column: value})))
    assert found == ([] if ok else [("claims.csv", 2, column, f"is not a calendar date (no such day in that month) "
                                                              f"(got {value!r})")])


# ---------------------------------------------------------------- the file itself


def test_validate__directory__one_problem(tmp_path):
    with pytest.raises(LedgerError) as info:
        validate(tmp_path)
    assert [(p.line, p.column, p.message) for p in info.value.problems] == [(0, "", "is a directory, not a file")]


def test_validate__symlink_loop__one_problem(tmp_path):
    (tmp_path / "a.csv").symlink_to(tmp_path / "b.csv")
    (tmp_path / "b.csv").symlink_to(tmp_path / "a.csv")
    with pytest.raises(LedgerError) as info:
        validate(tmp_path / "a.csv")
    assert [p.message for p in info.value.problems] == [
        "is a symbolic link loop (too many levels of symbolic links), not a file"]


def test_validate__unreadable__one_problem(ledger, monkeypatch):
    p = ledger(row("k", best=1))
    real_open = Path.open

    def deny(self, *a, **k):
        if self == p:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *a, **k)

    monkeypatch.setattr(Path, "open", deny)
    assert problems(p) == [("claims.csv", 0, "", "cannot be read: permission denied")]


def test_validate__missing_file__one_problem(tmp_path):
    assert problems(tmp_path / "nope.csv") == [("nope.csv", 0, "", "no such file")]


@pytest.mark.integration  # runs the CLI in a subprocess
@pytest.mark.parametrize("make", ["directory", "loop"])
def test_cli_validate__bad_path__one_line_no_traceback(tmp_path, make):
    if make == "directory":
        target = tmp_path
        expected = ("is a directory, not a file",)
    else:
        target = tmp_path / "a.csv"
        target.symlink_to(tmp_path / "b.csv")
        (tmp_path / "b.csv").symlink_to(target)
        expected = ("is a symbolic link loop", "is a symlink loop")  # ledger's words, or the CLI's own check
    r = subprocess.run([sys.executable, "-m", "analysis", "validate", str(target)], capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])})
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert any(e in r.stderr for e in expected) and str(target) in r.stderr
    assert len(r.stderr.strip().splitlines()) <= 2  # the problem (after "1 problem(s) in the ledger:")


# ---------------------------------------------------------------- cross-column messages (issue 10)


def test_validate__field_count__names_line(ledger, tmp_path):
    p = ledger(row("a", best=1), row("b", best=2))
    text = p.read_text().splitlines()
    p.write_text("\n".join([text[0], text[1] + ",extra", text[2]]) + "\n")
    assert problems(p) == [("claims.csv", 2, "", "has 16 fields; the header has 15")]


def test_validate__malformed_csv__names_line(ledger):
    p = ledger(row("a", best=1), row("b", best=2))
    text = p.read_text().splitlines()
    p.write_text("\n".join([text[0], text[1], 'c,killed,,3,,persons,approximate,NIS,,,,,u,"3" x,']) + "\n")
    found = problems(p)
    assert [(f[1], f[2]) for f in found] == [(3, "")]
    assert found[0][3].startswith("is not well-formed CSV: ")


@pytest.mark.parametrize("bound, cells, column", [("range", dict(low=1), "high"), ("range", dict(high=2), "low"),
                                                  ("up_to", dict(best=1), "high"), ("at_least", dict(best=1), "low"),
                                                  ("exact", dict(low=1), "best"), ("approximate", dict(high=1), "best")])
def test_validate__bound_without_its_value(ledger, bound, cells, column):
    assert problems(ledger(row("a", bound=bound, **cells))) == [
        ("claims.csv", 2, column, f"is required when bound is '{bound}'")]


def test_validate__no_number_set(ledger):
    assert problems(ledger(row("a", bound="up_to", quote="many"))) == [
        ("claims.csv", 2, "high", "is required when bound is 'up_to'"),
        ("claims.csv", 2, "low", "none of low, best, high is set: a claim needs at least one number")]


def test_validate__unit_against_metric(ledger):
    assert problems(ledger(row("a", best=5, unit="percent"))) == [
        ("claims.csv", 2, "unit", "metric 'killed' is counted in persons, not percent")]


@pytest.mark.parametrize("a, b", [("low", "best"), ("best", "high")])
def test_validate__bounds_out_of_order(ledger, a, b):
    p = ledger(row("a", bound="range", **{a: 20, b: 10}, **({"low": 5} if a == "best" else {"high": 30})))
    assert (f"{a} (20) is greater than {b} (10)") in [f[3] for f in problems(p) if f[2] == a]


def test_validate__typed_frame__exact(ledger):
    """The typed ledger: numbers as float, blanks as NaN, text kept, supersedes added when the file lacks it."""
    df = validate(ledger(row("d", "deployed", low=10000, high=11000), row("k", best=300, as_of="2025-01")))
    expected = pd.DataFrame({
        "claim_id": ["d", "k"], "metric": ["deployed", "killed"], "low": [10000.0, float("nan")],
        "best": [float("nan"), 300.0], "high": [11000.0, float("nan")], "unit": ["persons", "persons"],
        "bound": ["range", "approximate"], "claimant": ["NIS", "NIS"], "spokesperson": ["", ""],
        "conduit": ["", ""], "published": ["", ""], "as_of": ["", "2025-01"],
        "source_url": ["https://example.org/"] * 2, "quote": ["10000 and 11000", "300"], "notes": ["", ""],
        "supersedes": ["", ""], "attribution": ["stated", "stated"]})
    expected = expected.astype({c: "str" for c in expected.columns if c not in ("low", "best", "high")})
    pd.testing.assert_frame_equal(df[list(expected.columns)], expected)
    # every other optional column the schema declares is there, holding its declared default
    from analysis.ledger import schema
    others = {f["name"]: f.get("default", "") for f in schema.field_metadata()["optionalFields"]
              if f["name"] not in expected.columns}
    assert list(df.columns) == list(expected.columns)[:16] + [
        c for c in df.columns[16:] if c in others or c == "attribution"]
    assert all(df[c].tolist() == [d, d] for c, d in others.items())


def test_validate__duplicate_id__names_other_line(ledger):
    p = ledger(row("a", best=1), row("a", best=2))
    assert problems(p) == [
        ("claims.csv", 2, "claim_id", "is not unique: the same claim_id 'a' is used on another row (line 3)"),
        ("claims.csv", 3, "claim_id", "is not unique: the same claim_id 'a' is used on another row (line 2)")]


def test_validate__many_duplicates__message_stays_short(ledger):
    p = ledger(*[row("a", best=i) for i in range(1, 7)])
    first = problems(p)[0]
    assert first == ("claims.csv", 2, "claim_id", "is not unique: the same claim_id 'a' is used on another row "
                                                  "(line 3, line 4, line 5 and 2 more)")


def test_validate__chunks__same_result_as_one_read(ledger, monkeypatch):
    """A ledger read in chunks of 2 rows gives the same frame and the same problems as one read."""
    from analysis.ledger import validate as L

    rows = [row(f"k{i}", best=i + 1, as_of=f"2025-0{i % 9 + 1}") for i in range(7)]
    rows[5] = row("k5", best=12000)
    rows.append(row("d", "deployed", best=11000))
    p = ledger(*rows)
    whole = problems(p)
    monkeypatch.setattr(L, "CHUNK_ROWS", 2)
    assert problems(p) == whole == [("claims.csv", 7, "best", "killed (12,000) is more than deployed (11,000) in "
                                     "claim 'd' (line 9) of the same claimant and date: killed cannot exceed deployed")]
    ok = [r for r in rows if r["claim_id"] != "k5"]
    q = ledger(*ok, name="ok.csv")
    chunked = validate(q)
    monkeypatch.setattr(L, "CHUNK_ROWS", 50_000)
    pd.testing.assert_frame_equal(chunked, validate(q))
    assert chunked["claim_id"].tolist() == [r["claim_id"] for r in ok]


# ---------------------------------------------------------------- several files as one ledger (issue 11)


def test_validate__two_files__read_as_one(ledger):
    a = ledger(row("nis-k1", best=300, as_of="2025-01-13"), name="claims.csv")
    b = ledger(row("nis-k2", best=600, as_of="2025-04-30", supersedes="nis-k1"), name="later.csv")
    df = validate([a, b])
    assert df["claim_id"].tolist() == ["nis-k1", "nis-k2"]
    assert df["supersedes"].tolist() == ["", "nis-k1"]
    assert df["best"].tolist() == [300.0, 600.0]


def test_validate__two_files__single_path_api_unchanged(ledger):
    a = ledger(row("k", best=300))
    pd.testing.assert_frame_equal(validate(a), validate([a]))
    pd.testing.assert_frame_equal(validate(str(a)), validate(a))


def test_validate__two_files__duplicate_id_across_files(ledger):
    a = ledger(row("k", best=300), name="claims.csv")
    b = ledger(row("x", best=1), row("k", best=600), name="later.csv")
    assert [f for f in problems([a, b]) if f[2] == "claim_id"] == [
        ("claims.csv", 2, "claim_id", "is not unique: the same claim_id 'k' is used on another row (later.csv:3)"),
        ("later.csv", 3, "claim_id", "is not unique: the same claim_id 'k' is used on another row (claims.csv:2)")]


def test_validate__two_files__supersedes_other_claimant_in_other_file(ledger):
    a = ledger(row("csis-k", best=1000, claimant="CSIS"), row("nis-k", best=300), name="claims.csv")
    b = ledger(row("nis-k2", best=600, as_of="2025-04-30", supersedes="csis-k"), name="later.csv")
    assert problems([a, b]) == [
        ("later.csv", 2, "supersedes", "names claim 'csis-k' (claims.csv:2) of claimant 'CSIS' and metric 'killed'; "
                                       "a claim supersedes only one of its own claimant and metric ('NIS', 'killed')")]


def test_validate__two_files__errors_name_their_file(ledger):
    a = ledger(row("k", best=300), name="claims.csv")
    b = ledger(row("w", "wounded", best="lots", quote="lots"), name="later.csv")
    found = problems([a, b])
    assert [(f[0], f[1], f[2]) for f in found] == [("later.csv", 2, "best")]


def test_validate__two_files__cycle_across_files(ledger):
    a = ledger(row("a", best=1, supersedes="b"), name="claims.csv")
    b = ledger(row("b", best=2, supersedes="a"), name="later.csv")
    text = "is part of a cycle: a (claims.csv:2) → b (later.csv:2) → a; a claim cannot be replaced by one it " \
           "replaces (the brief would drop them all)"
    assert problems([a, b]) == [("claims.csv", 2, "supersedes", text), ("later.csv", 2, "supersedes", text)]


def test_validate__two_files__extra_column_in_one(ledger):
    a = ledger(row("k", best=300, reviewer="ana"), name="claims.csv", extra=("reviewer",))
    b = ledger(row("w", "wounded", best=2700), name="later.csv")
    assert validate([a, b])["reviewer"].tolist() == ["ana", ""]


def test_validate__two_files__one_missing(ledger, tmp_path):
    a = ledger(row("k", best=300))
    assert problems([a, tmp_path / "later.csv"]) == [("later.csv", 0, "", "no such file")]


def test_validate__empty_list__refused():
    with pytest.raises(LedgerError) as info:
        validate([])
    assert [(p.path, p.line, p.column, p.message) for p in info.value.problems] == [
        ("ledger", 0, "", "no ledger file given")]


# ---------------------------------------------------------------- required cells, optional columns' checks


@pytest.mark.parametrize("column", ["claimant", "source_url", "unit", "bound"])
def test_validate__required_but_blank(ledger, column):
    # a blank unit or bound is not also 'not one of' its values, and skips the rules that read it
    assert problems(ledger(row("k", best=1, **{column: ""}))) == [
        ("claims.csv", 2, column, "is required but blank (got '')")]


@pytest.mark.parametrize("column", ["published", "as_of"])
def test_validate__date_format(ledger, column):
    assert problems(ledger(row("k", best=1, **{column: "2025-13"}))) == [
        ("claims.csv", 2, column, "must be an ISO date: YYYY, YYYY-MM or YYYY-MM-DD (got '2025-13')")]


def test_validate__blank_quote__both_problems(ledger):
    assert problems(ledger(row("a", best=1, quote=""))) == [
        ("claims.csv", 2, "quote", "does not contain the number 1 given in 'best'"),
        ("claims.csv", 2, "quote", "is required but blank (got '')")]


def test_validate__optional_column_checked__supersedes_with_space(ledger):
    assert problems(ledger(row("a", best=1), row("b", best=2, supersedes="a "))) == [
        ("claims.csv", 3, "supersedes", "has leading or trailing spaces: remove them (they would make another name) "
                                        "(got 'a ')"),
        ("claims.csv", 3, "supersedes", "names claim 'a ', which is not in the ledger")]


def test_validate__pattern_of_claim_id(ledger):
    found = problems(ledger(row("-bad id", best=1)))
    assert found == [("claims.csv", 2, "claim_id", "must be a match for ^[A-Za-z0-9][A-Za-z0-9._-]*$ (got '-bad id')")]


# ---------------------------------------------------------------- encodings, long cells, long lists


def test_validate__latin1__line_of_the_bad_byte(tmp_path):
    p = tmp_path / "claims.csv"
    header = ",".join(["claim_id", "metric", "low", "best", "high", "unit", "bound", "claimant", "spokesperson",
                       "conduit", "published", "as_of", "source_url", "quote", "notes"])
    p.write_bytes(b"\n" + header.encode() + b"\na,killed,,1,,persons,approximate,NIS,,,,,u,1,caf\xe9\n")
    assert problems(p) == [("claims.csv", 3, "", "byte 0xe9 is not valid UTF-8 (the file looks Latin-1 or "
                                                 "Windows-1252 encoded); save it as UTF-8")]


@pytest.mark.parametrize("digits, shown", [(20, "12345678901234567890"),
                                           (21, "123456789012… (21 characters)")])
def test_validate__long_number__shortened_past_20_characters(ledger, digits, shown):
    value = "1234567890" * 2 + "1" * (digits - 20)
    assert problems(ledger(row("k", best=value))) == [
        ("claims.csv", 2, "best", f"a count of persons must lie within 0-10,000,000 (got {shown})")]


def test_validate__three_other_duplicates__all_named(ledger):
    assert problems(ledger(*[row("a", best=i) for i in range(1, 5)]))[0] == (
        "claims.csv", 2, "claim_id", "is not unique: the same claim_id 'a' is used on another row (line 3, line 4, line 5)")


def test_validate__blank_ids__required_not_duplicate(ledger):
    assert problems(ledger(row("", best=1), row("", best=2))) == [
        ("claims.csv", 2, "claim_id", "is required but blank (got '')"),
        ("claims.csv", 3, "claim_id", "is required but blank (got '')")]


def test_validate__negative__no_quote_problem(ledger):
    assert problems(ledger(row("k", best="-300", quote="300"))) == [
        ("claims.csv", 2, "best", "must not be negative (got -300)")]


def test_validate__bad_bound__one_problem(ledger):
    assert problems(ledger(row("k", best=300, bound="roughly"))) == [
        ("claims.csv", 2, "bound", "must be one of exact, approximate, range, up_to, at_least (got 'roughly')")]


# ---------------------------------------------------------------- the file's structure, exact messages


def test_validate__header_only__exact(tmp_path):
    p = write(tmp_path / "claims.csv", [])
    assert problems(p) == [("claims.csv", 1, "", "no claims: the file has a header but no rows")]


def test_validate__empty__names_the_columns(tmp_path):
    (tmp_path / "claims.csv").write_text("\n  \n", encoding="utf-8")
    assert problems(tmp_path / "claims.csv") == [
        ("claims.csv", 1, "", "file is empty: expected a header row naming the columns claim_id, metric, low, best, "
                              "high, unit, bound, claimant, spokesperson, conduit, published, as_of, source_url, "
                              "quote, notes")]


def test_validate__duplicate_header__exact(ledger):
    p = ledger(row("k", best=1))
    lines = p.read_text().splitlines()
    p.write_text(lines[0] + ",notes\n" + lines[1] + ",x\n")
    assert problems(p) == [("claims.csv", 1, "notes", "appears more than once in the header")]


def test_validate__crlf_file__quote_keeps_its_line_break(tmp_path):
    p = write(tmp_path / "claims.csv", [row("k", best=5, quote="five\r\nkilled 5")])
    p.write_bytes(p.read_bytes().replace(b"\n", b"\r\n").replace(b"\r\r\n", b"\r\n"))
    df = validate(p)
    assert df.loc[0, "quote"] == "five\r\nkilled 5"


@pytest.mark.parametrize("where", ["stat", "open"])
def test_validate__io_error__one_problem(ledger, monkeypatch, where):
    p = ledger(row("k", best=1))
    real = getattr(Path, where)

    def fail(self, *a, **k):
        if self == p:
            raise OSError(5, "Input/output error")
        return real(self, *a, **k)

    monkeypatch.setattr(Path, where, fail)
    assert problems(p) == [("claims.csv", 0, "", "cannot be read: Input/output error")]


def test_validate__number_with_spaces__one_problem(ledger):
    found = problems(ledger(row("k", best=" 300", quote="300")))
    assert [(f[1], f[2]) for f in found] == [(2, "best")] and found[0][3].startswith("is not a plain number")


def test_validate__up_to_killed__zero_casualties__accepted(ledger):
    """'Up to 100 killed' has no floor: beside a claim of 0 casualties it is not a breach."""
    assert problems(ledger(row("c", "casualties", best=0), row("k", high=100))) == []


def test_validate__every_bad_supersedes_reported(ledger):
    assert problems(ledger(row("a", best=1, supersedes="zz"), row("b", best=2, supersedes="b"),
                           row("c", best=3, claimant="CSIS"), row("d", best=4, supersedes="c"))) == [
        ("claims.csv", 2, "supersedes", "names claim 'zz', which is not in the ledger"),
        ("claims.csv", 3, "supersedes", "a claim cannot supersede itself"),
        ("claims.csv", 5, "supersedes", "names claim 'c' (line 4) of claimant 'CSIS' and metric 'killed'; a claim "
                                        "supersedes only one of its own claimant and metric ('NIS', 'killed')")]


def test_validate__bad_metric_or_unit__one_problem_each(ledger):
    assert problems(ledger(row("a", "captured", best=5), row("b", best=5, unit="heads"))) == [
        ("claims.csv", 2, "metric", "must be one of deployed, killed, wounded, casualties, casualty_rate "
                                    "(got 'captured')"),
        ("claims.csv", 3, "unit", "must be one of persons, percent (got 'heads')")]


def test_validate__bom__exact(ledger):
    p = ledger(row("k", best=1))
    p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes())
    assert problems(p) == [("claims.csv", 1, "", "file starts with a UTF-8 byte-order mark (BOM), as Excel's "
                                                 "'CSV UTF-8' writes; save it as plain UTF-8 without BOM")]


def test_validate__blank_optional_cell__its_declared_default(ledger):
    df = validate(ledger(row("k", best=1, attribution=""), row("w", "wounded", best=2, attribution="inferred",
                                                              attributed_by="https://example.org/r"),
                         extra=("attribution", "attributed_by")))
    assert df["attribution"].tolist() == ["stated", "inferred"]


def test_validate__rows_numbered_on_across_chunks_and_files(ledger, monkeypatch):
    from analysis.ledger import validate as L

    monkeypatch.setattr(L, "CHUNK_ROWS", 2)
    a = ledger(*[row(f"a{i}", best=i + 1) for i in range(3)], name="claims.csv")
    b = ledger(*[row(f"b{i}", "wounded", best=i + 1) for i in range(3)], name="later.csv")
    df = validate([a, b])
    assert df.index.tolist() == [0, 1, 2, 3, 4, 5]
    assert df["claim_id"].tolist() == ["a0", "a1", "a2", "b0", "b1", "b2"]
    assert df.attrs["lines"] == (2, 3, 4, 2, 3, 4)


def test_validate__provenance_and_row_problems__both_reported(ledger):
    p = ledger(row("a", best="lots", quote="lots", hedge=""), row("b", best=2, hedge="potentially"),
               extra=("hedge",))
    assert [(f[1], f[2]) for f in problems(p)] == [(2, "best"), (3, "hedge")]


# ---------------------------------------------------------------- paths and messages the integration tests also see


def test_validate__symlink_loop__named_by_its_own_path(tmp_path):
    # a loop cannot be resolved to a display path: the problem names the path as given
    (tmp_path / "a.csv").symlink_to(tmp_path / "b.csv")
    (tmp_path / "b.csv").symlink_to(tmp_path / "a.csv")
    with pytest.raises(LedgerError) as info:
        validate(tmp_path / "a.csv")
    assert [p.path for p in info.value.problems] == [str(tmp_path / "a.csv")]


def test_validate__fifo__not_a_regular_file(tmp_path):
    os.mkfifo(tmp_path / "pipe.csv")
    with pytest.raises(LedgerError) as info:
        validate(tmp_path / "pipe.csv")
    assert [(p.line, p.column, p.message) for p in info.value.problems] == [(0, "", "is not a regular file")]


def test_validate__missing_column__exact_message(tmp_path):
    p = tmp_path / "claims.csv"
    p.write_text("claim_id,metric,low,best,high,unit,bound,claimant,spokesperson,conduit,published,as_of,source_url,"
                 "notes\nx1,killed,,300,,persons,approximate,NIS,,,,,https://example.org/,\n", encoding="utf-8")
    assert problems(p) == [("claims.csv", 1, "quote", "is missing from the header")]


def test_validate__low_equal_to_best_and_best_to_high__accepted(ledger):
    # 10,000-11,000 with a best of 10,000, and a best equal to the high end: equal ends are not "greater than"
    assert problems(ledger(row("d1", "deployed", low=10000, best=10000, high=11000),
                           row("d2", "deployed", low=10000, best=11000, high=11000, claimant="CSIS"))) == []


def test_validate__cycle_reached_from_a_tail__names_only_the_cycle(ledger):
    # a replaces b, b replaces c, c replaces b: the cycle is b → c → b; a only leads into it
    p = ledger(row("a", best=1, supersedes="b"), row("b", best=2, supersedes="c"), row("c", best=3, supersedes="b"))
    text = "is part of a cycle: b (line 3) → c (line 4) → b; a claim cannot be replaced by one it replaces " \
           "(the brief would drop them all)"
    assert problems(p) == [("claims.csv", 3, "supersedes", text), ("claims.csv", 4, "supersedes", text)]


def test_validate__blank_lines_commas_and_spaces__skipped(ledger):
    # a spreadsheet's export may hold lines of bare commas or spaces: before the header and between claims they are
    # blank, never a header or a claim of empty cells
    p = ledger(row("k", best=300), row("w", "wounded", best=2700))
    lines = p.read_text(encoding="utf-8").splitlines()
    p.write_text("\n".join([",,,", lines[0], lines[1], "   ", "," * (len(lines[0].split(",")) - 1), lines[2], ""]),
                 encoding="utf-8")
    assert problems(p) == []
    assert list(validate(p)["claim_id"]) == ["k", "w"]


def test_validate__unreadable_first_file__the_next_is_still_checked(ledger, tmp_path):
    # one run names every problem: a missing first file does not stop the check of the second
    second = ledger(row("k", best=-300))
    with pytest.raises(LedgerError) as info:
        validate([tmp_path / "nope.csv", second])
    assert {(Path(p.path).name, p.line, p.column, p.message) for p in info.value.problems} == {
        ("nope.csv", 0, "", "no such file"), ("claims.csv", 2, "best", "must not be negative (got -300)")}


def test_validate__faulty_row__left_out_of_the_identity_checks(ledger):
    # the killed row's conduit has a trailing space: that row is faulty, so its 12,000 is not also compared with the
    # force (one problem per fault, not a second one built on a row already refused)
    p = ledger(row("d", "deployed", low=10000, high=11000), row("k", best=12000, conduit="CNA "))
    assert [(f[1], f[2]) for f in problems(p)] == [(3, "conduit")]


def test_validate__a_small_number_written_in_words_is_in_the_quote(ledger):
    # KCNA via The EurAsian Times: "heartrending loss of nine lives" carries 9; "Twelve" 12; "nine" is not 19
    assert problems(ledger(row("a", best=9, quote="heartrending loss of nine lives"))) == []
    assert problems(ledger(row("a", best=12, quote="Twelve soldiers"))) == []
    assert problems(ledger(row("a", best=19, quote="loss of nine lives"))) == [
        ("claims.csv", 2, "quote", "does not contain the number 19 given in 'best'")]
    assert problems(ledger(row("a", best=9, quote="canine units"))) == [  # a word, not part of one
        ("claims.csv", 2, "quote", "does not contain the number 9 given in 'best'")]
