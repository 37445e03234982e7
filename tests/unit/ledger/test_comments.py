"""Issue 18: a ledger may carry comment lines (a line starting with '#'), as `brief new`'s example row does; the
validator, the brief and the parameter check read past them, and every line number stays the file's own."""

from pathlib import Path

from analysis import params as P
from analysis.errors import LedgerError
from analysis.ledger.validate import validate
from ledgers import COLUMNS

HEADER = ",".join(COLUMNS)
ROW = "a-k,killed,,300,,persons,approximate,Alpha Ministry,,,,,https://example.org/,about 300 killed,"
EXAMPLE = ('# ex-killed,killed,,300,,persons,approximate,Example Ministry,,,2025-01,2025-01-13,https://example.org/,'
           '"""about 300 killed, 2,700 wounded""",an example: copy it without the #')


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "claims.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_comment_lines__skipped_before_and_after_the_header(tmp_path):
    path = write(tmp_path, "# Claims of the case: one a row.", HEADER, EXAMPLE, ROW, "#", "  # indented")
    df = validate(path)
    assert list(df["claim_id"]) == ["a-k"]
    assert df.attrs["lines"] == (4,)  # the file's own line: two comments above it


def test_comment_lines__a_problem_names_the_file_s_line(tmp_path):
    path = write(tmp_path, HEADER, EXAMPLE, ROW.replace(",300,", ",-300,"))
    try:
        validate(path)
    except LedgerError as e:
        assert [(p.line, p.column) for p in e.problems] == [(3, "best")]
    else:
        raise AssertionError("a negative number was accepted")


def test_comment_lines__only_a_comment_is_no_claims(tmp_path):
    path = write(tmp_path, HEADER, EXAMPLE)
    try:
        validate(path)
    except LedgerError as e:
        assert [p.message for p in e.problems] == ["no claims: the file has a header but no rows"]
    else:
        raise AssertionError("a ledger of comments was accepted")


def test_ledger_claimants__reads_past_comments(tmp_path):
    assert P.ledger_claimants(write(tmp_path, "# a note", HEADER, EXAMPLE, ROW)) == ["Alpha Ministry"]
