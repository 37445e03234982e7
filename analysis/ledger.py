"""Load the claims ledger (CSV) and validate it: every problem at once, each naming file, line and column."""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

import pandas as pd

from analysis import schema
from analysis.errors import LedgerError, Problem
from analysis.paths import display

NUMBER_IN_TEXT = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _decode(path: Path, name: str) -> str:
    """The file's text, refusing an empty file, a byte-order mark and bytes that are not UTF-8."""
    data = path.read_bytes()
    if data.startswith(codecs.BOM_UTF8):
        raise LedgerError([Problem(name, 1, "", "file starts with a UTF-8 byte-order mark (BOM), as Excel's "
                                   "'CSV UTF-8' writes; save it as plain UTF-8 without BOM")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise LedgerError([Problem(name, line, "", f"byte 0x{data[e.start]:02x} is not valid UTF-8 (the file looks "
                                   "Latin-1 or Windows-1252 encoded); save it as UTF-8")]) from None
    if not text.strip():
        raise LedgerError([Problem(name, 1, "", "file is empty: expected a header row naming the columns "
                                   + ", ".join(schema.columns()))])
    return text


def read_table(path: str | Path) -> tuple[pd.DataFrame, list[int]]:
    """The ledger's cells as text, with the CSV line on which each row starts; structural problems raise."""
    path = Path(path)
    name = display(path)
    text = _decode(path, name)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    rows: list[list[str]] = []
    lines: list[int] = []
    try:
        header = [h.strip() for h in next(reader)]
        start = reader.line_num + 1
        for record in reader:
            if record and "".join(record).strip():
                if len(record) != len(header):
                    problems.append(Problem(name, start, "", f"has {len(record)} fields; the header has {len(header)}"))
                else:
                    rows.append(record)
                    lines.append(start)
            start = reader.line_num + 1
    except csv.Error as e:
        raise LedgerError([Problem(name, reader.line_num, "", f"is not well-formed CSV: {e}")]) from None
    missing = [c for c in schema.columns() if c not in header]
    problems += [Problem(name, 1, c, "is missing from the header") for c in missing]
    dupes = sorted({h for h in header if header.count(h) > 1})
    problems += [Problem(name, 1, c, "appears more than once in the header") for c in dupes]
    if not problems and not rows:
        problems.append(Problem(name, 1, "", "no claims: the file has a header but no rows"))
    if problems:
        raise LedgerError(problems)
    frame = pd.DataFrame(rows, columns=header, dtype="str")
    return frame, lines


def _failure_problems(err, name: str, lines: list[int]) -> list[Problem]:
    """Turn pandera's failure cases into Problems with CSV line numbers."""
    out = []
    for case in err.failure_cases.itertuples(index=False):
        idx = case.index
        line = lines[int(idx)] if idx is not None and not pd.isna(idx) else 1
        value = case.failure_case
        shown = f" (got {value!r})" if isinstance(value, str) else ""
        out.append(Problem(name, line, str(case.column), f"{case.check}{shown}"))
    return out


def _numbers(df: pd.DataFrame) -> dict[str, pd.Series]:
    """The low/best/high columns as float, blanks as NaN (cells already checked to be plain numbers)."""
    return {c: pd.to_numeric(df[c].where(df[c] != ""), errors="raise").astype("float64") for c in schema.NUMBER_COLUMNS}


def _domain_problems(df: pd.DataFrame, nums: dict[str, pd.Series], name: str, lines: list[int]) -> list[Problem]:
    """Rules across columns: bounds set and ordered, units, percent range, quotes carrying their numbers."""
    units = schema.metric_units()
    needs = schema.bound_fields()
    problems: list[Problem] = []

    def flag(mask: pd.Series, column: str, message) -> None:
        for i in mask[mask.fillna(False).astype(bool)].index:
            text = message(i) if callable(message) else message
            problems.append(Problem(name, lines[i], column, text))

    for c in schema.NUMBER_COLUMNS:
        flag(nums[c] < 0, c, lambda i, c=c: f"must not be negative (got {df.at[i, c]})")
    flag(nums["low"].isna() & nums["best"].isna() & nums["high"].isna(), "low",
         "none of low, best, high is set: a claim needs at least one number")
    for bound, fields in needs.items():
        for c in fields:
            flag((df["bound"] == bound) & nums[c].isna(), c, f"is required when bound is '{bound}'")
    for a, b in (("low", "best"), ("best", "high"), ("low", "high")):
        flag(nums[a] > nums[b], a, lambda i, a=a, b=b: f"{a} ({df.at[i, a]}) is greater than {b} ({df.at[i, b]})")
    is_percent = df["unit"] == "percent"
    for c in schema.NUMBER_COLUMNS:
        flag(is_percent & (nums[c] > 100), c, lambda i, c=c: f"a percent must lie within 0-100 (got {df.at[i, c]})")
    expected = df["metric"].map(units)
    flag(expected.notna() & df["unit"].isin(set(units.values())) & (df["unit"] != expected), "unit",
         lambda i: f"metric '{df.at[i, 'metric']}' is counted in {expected[i]}, not {df.at[i, 'unit']}")
    for i, quote, *values in zip(df.index.tolist(), df["quote"].tolist(),
                                 *(df[c].tolist() for c in schema.NUMBER_COLUMNS)):
        found = {float(n.replace(",", "")) for n in NUMBER_IN_TEXT.findall(quote) if n.replace(",", "")}
        for c, v in zip(schema.NUMBER_COLUMNS, values):
            if v and not v.startswith("-") and float(v) not in found:
                problems.append(Problem(name, lines[i], "quote", f"does not contain the number {v} given in '{c}'"))
    if "supersedes" in df.columns:
        ids = dict(zip(df["claim_id"], df.index))
        for i, target in zip(df.index, df["supersedes"]):
            if not target:
                continue
            j = ids.get(target)
            if j is None:
                problems.append(Problem(name, lines[i], "supersedes", f"names claim '{target}', which is not in the ledger"))
            elif (df.at[j, "claimant"], df.at[j, "metric"]) != (df.at[i, "claimant"], df.at[i, "metric"]):
                problems.append(Problem(name, lines[i], "supersedes",
                                        f"names claim '{target}' of another claimant or metric"))
            elif target == df.at[i, "claim_id"]:
                problems.append(Problem(name, lines[i], "supersedes", "a claim cannot supersede itself"))
    from analysis import provenance

    return problems + provenance.problems(df, name, lines)


def validate(path: str | Path) -> pd.DataFrame:
    """Validate a ledger and return it typed (numbers as float, blanks as NaN); raise LedgerError listing every problem."""
    import pandera.errors

    path = Path(path)
    name = display(path)
    if not path.is_file():
        raise LedgerError([Problem(name, 0, "", "no such file")])
    df, lines = read_table(path)
    problems: list[Problem] = []
    try:
        schema.text_schema().validate(df, lazy=True)
    except pandera.errors.SchemaErrors as err:
        problems += _failure_problems(err, name, lines)
    # Rows whose numbers or categories are malformed skip the cross-column rules, so each fault is reported once.
    rule_inputs = {*schema.NUMBER_COLUMNS, "metric", "unit", "bound", "supersedes"}
    bad_lines = {p.line for p in problems if p.column in rule_inputs}
    ok = [i for i in df.index if lines[i] not in bad_lines]
    checked = df.loc[ok]
    nums = _numbers(checked)
    problems += _domain_problems(checked, nums, name, lines)
    if problems:
        raise LedgerError(problems)
    typed = df.copy()
    for c in schema.NUMBER_COLUMNS:
        typed[c] = nums[c]
    from analysis.provenance import defaults

    for column, default in defaults().items():  # optional columns: absent or blank means their declared default
        typed[column] = typed[column].where(typed[column] != "", default) if column in typed.columns else default
    typed.attrs["path"] = str(path)
    typed.attrs["lines"] = lines
    return typed


load = validate
