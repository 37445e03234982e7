"""Load the claims ledger (one CSV file, or several read as one) and validate it: every problem at once, each naming
file, line and column.

The files are read in chunks of rows, and text that repeats (metric, claimant, outlet, dates) is kept once, so a
ledger of a million rows validates in a fraction of the memory its text would take as separate strings. Rules of
one row are checked per chunk; rules across rows (unique ids, `supersedes`, one claimant's figures agreeing with
each other) over the whole ledger at the end.
"""

from __future__ import annotations

import codecs
import csv
import errno
import re
import stat
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.ledger import schema
from analysis.errors import LedgerError, Problem
from analysis.paths import display

NUMBER_IN_TEXT = re.compile(r"\d[\d,]*(?:\.\d+)?")
# Small numbers a source writes in words ("the loss of nine lives"): each counts as its figure in a quote.
NUMBER_WORDS = {w: float(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
WORD_IN_TEXT = re.compile(r"[a-z]+")
CHUNK_ROWS = 50_000
# Where one claimant's figures of one date must agree: the first is part of the second.
PARTS = (("killed", "casualties"), ("wounded", "casualties"), ("casualties", "deployed"),
         ("killed", "deployed"), ("wounded", "deployed"))
_MAX_OTHERS = 3  # how many other rows a message names before "and N more"
SCOPES_FILE = "scopes.csv"  # beside a ledger file: the phrases its `scope` column may take (columns scope, description)
_MAX_LISTED = 8  # how many of those phrases a message lists before "and N more"
PROVENANCE_COLUMNS = {"hedge", "attribution", "attributed_by", "lineage"}

Ledger = str | Path | Iterable[str | Path]


@dataclass
class _Rows:
    """Where each row of the combined ledger came from (its file and first CSV line), and which rows have faults."""

    names: list[str] = field(default_factory=list)
    file: array = field(default_factory=lambda: array("i"))
    line: array = field(default_factory=lambda: array("q"))
    faulty: set[int] = field(default_factory=set)

    def add(self, file: int, lines: list[int]) -> None:
        self.file.extend([file] * len(lines))
        self.line.extend(lines)

    def where(self, i: int) -> tuple[str, int]:
        return self.names[self.file[i]], self.line[i]

    def problem(self, i: int, column: str, message: str) -> Problem:
        """A problem of row `i` (a position in the combined ledger); the row is marked faulty."""
        self.faulty.add(i)
        name, line = self.where(i)
        return Problem(name, line, column, message)

    def at(self, i: int) -> str:
        """A row's place as text: 'line 3' in a single-file ledger, 'other.csv:3' across files."""
        name, line = self.where(i)
        return f"{name}:{line}" if len(self.names) > 1 else f"line {line}"


def _paths(ledger: Ledger) -> list[Path]:
    if isinstance(ledger, (str, Path)):
        return [Path(ledger)]
    paths = [Path(p) for p in ledger]
    if not paths:
        raise LedgerError([Problem("ledger", 0, "", "no ledger file given")])
    return paths


def _name(path: Path) -> str:
    try:
        return display(path)
    except (OSError, RuntimeError):  # a symlink loop cannot be resolved
        return str(path)


def _unreadable(path: Path) -> str | None:
    """Why the file cannot be read as a ledger, or None when it can."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "no such file"
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "is a symbolic link loop (too many levels of symbolic links), not a file"
        return f"cannot be read: {e.strerror}"
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    if not stat.S_ISREG(mode):
        return "is not a regular file"
    try:
        path.open("rb").close()
    except PermissionError:
        return "cannot be read: permission denied"
    except OSError as e:
        return f"cannot be read: {e.strerror}"
    return None


def _decode_problem(path: Path, name: str) -> Problem:
    """Where the bytes stop being UTF-8 (read again only after decoding has failed)."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        start = e.start
    return Problem(name, data[:start].count(b"\n") + 1, "", f"byte 0x{data[start]:02x} is not valid UTF-8 (the file "
                   "looks Latin-1 or Windows-1252 encoded); save it as UTF-8")


def _shared(column: pd.Series) -> pd.Series:
    """The column with equal strings kept once (the rows point at one copy), as the pandas string dtype."""
    codes, uniques = pd.factorize(column.to_numpy())
    values = uniques.take(codes)
    return pd.Series(pd.array(values, dtype="str"), index=column.index)


def is_comment(record: list[str]) -> bool:
    """A comment line: its first field starts with '#' (no claim id can: schema's claim_id pattern), such as the
    example row `brief new` writes. Comment lines are skipped wherever they stand."""
    return bool(record) and record[0].lstrip().startswith("#")


def _chunks(path: Path, name: str, problems: list[Problem]):
    """Yield (header, rows, lines) chunks of the file's records; structural problems are appended to `problems`."""
    with path.open("rb") as f:
        if f.read(3) == codecs.BOM_UTF8:
            problems.append(Problem(name, 1, "", "file starts with a UTF-8 byte-order mark (BOM), as Excel's "
                                    "'CSV UTF-8' writes; save it as plain UTF-8 without BOM"))
            return
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, strict=True)
        try:
            header = None
            for record in reader:
                if "".join(record).strip() and not is_comment(record):
                    header = [h.strip() for h in record]
                    break
            if header is None:
                problems.append(Problem(name, 1, "", "file is empty: expected a header row naming the columns "
                                        + ", ".join(schema.columns())))
                return
            missing = [c for c in schema.columns() if c not in header]
            problems += [Problem(name, 1, c, "is missing from the header") for c in missing]
            dupes = sorted({h for h in header if header.count(h) > 1})
            problems += [Problem(name, 1, c, "appears more than once in the header") for c in dupes]
            usable = not missing and not dupes
            rows: list[list[str]] = []
            lines: list[int] = []
            seen = False
            start = reader.line_num + 1
            for record in reader:
                if record and "".join(record).strip() and not is_comment(record):
                    seen = True
                    if len(record) != len(header):
                        problems.append(Problem(name, start, "", f"has {len(record)} fields; the header has "
                                                f"{len(header)}"))
                    elif usable:
                        rows.append(record)
                        lines.append(start)
                        if len(rows) == CHUNK_ROWS:
                            yield header, rows, lines
                            rows, lines = [], []
                start = reader.line_num + 1
            if rows:
                yield header, rows, lines
            if not seen and usable:
                problems.append(Problem(name, 1, "", "no claims: the file has a header but no rows"))
        except csv.Error as e:
            problems.append(Problem(name, reader.line_num, "", f"is not well-formed CSV: {e}"))
        except UnicodeDecodeError:
            problems.append(_decode_problem(path, name))


def _failure_problems(cases: pd.DataFrame, rows: _Rows) -> list[Problem]:
    """Turn pandera's failure cases (every check here is of one cell of text) into Problems with file and line."""
    return [rows.problem(int(i), str(column), f"{check} (got {value!r})")
            for i, column, check, value in zip(cases["index"], cases["column"], cases["check"], cases["failure_case"])]


def _shown(text: str) -> str:
    """A cell as quoted in a message, shortened when it is a wall of digits."""
    return text if len(text) <= 20 else f"{text[:12]}… ({len(text)} characters)"


def _numbers(df: pd.DataFrame) -> dict[str, pd.Series]:
    """The low/best/high columns as float, blanks (and cells already refused as malformed) as NaN."""
    return {c: pd.to_numeric(df[c], errors="coerce").astype("float64") for c in schema.NUMBER_COLUMNS}


def _row_problems(df: pd.DataFrame, nums: dict[str, pd.Series], rows: _Rows) -> list[Problem]:
    """Rules within one row: numbers in range, bounds set and ordered, units, quotes carrying their numbers."""
    units = schema.metric_units()
    needs = schema.bound_fields()
    rules = schema.number_rules()
    problems: list[Problem] = []

    def flag(mask: pd.Series, column: str, message) -> None:
        for i in mask.index[mask.to_numpy()]:
            text = message(i) if callable(message) else message
            problems.append(rows.problem(i, column, text))

    negative = {c: df[c].str.startswith("-") for c in schema.NUMBER_COLUMNS}
    for c in schema.NUMBER_COLUMNS:
        flag(negative[c], c, lambda i, c=c: f"must not be negative (got {_shown(df.at[i, c])})")
    flag(nums["low"].isna() & nums["best"].isna() & nums["high"].isna(), "low",
         "none of low, best, high is set: a claim needs at least one number")
    for bound, fields in needs.items():
        for c in fields:
            flag((df["bound"] == bound) & nums[c].isna(), c, f"is required when bound is '{bound}'")
    for a, b in (("low", "best"), ("best", "high"), ("low", "high")):
        flag(nums[a] > nums[b], a, lambda i, a=a, b=b: f"{a} ({_shown(df.at[i, a])}) is greater than {b} "
                                                       f"({_shown(df.at[i, b])})")
    for unit in ("persons", "percent"):
        rule = rules[unit]
        is_unit = df["unit"] == unit
        for c in schema.NUMBER_COLUMNS:
            value, text = nums[c], df[c]
            flag(is_unit & ~negative[c] & ~(value <= rule["maximum"]) & value.notna(), c,
                 lambda i, c=c, unit=unit, rule=rule: (
                     f"a percent must lie within 0-{rule['maximum']:,} (got {_shown(df.at[i, c])})" if unit == "percent"
                     else f"a count of persons must lie within 0-{rule['maximum']:,} (got {_shown(df.at[i, c])})"))
            decimals = text.str.extract(r"\.(\d*?)0*$", expand=False).str.len()
            flag(is_unit & (value <= rule["maximum"]) & (decimals > rule["decimals"]), c,
                 lambda i, c=c, rule=rule: (
                     f"a count of persons is a whole number (got {_shown(df.at[i, c])})" if rule["decimals"] == 0
                     else f"a percent takes at most {rule['decimals']} decimals (got {_shown(df.at[i, c])})"))
    for metric in rules["nonZero"]:
        for c in schema.NUMBER_COLUMNS:
            flag((df["metric"] == metric) & (nums[c] == 0) & ~negative[c], c,
                 f"0 {metric} is refused: a casualty rate over a force of 0 is undefined")
    expected = df["metric"].map(units)
    flag(expected.notna() & df["unit"].isin(set(units.values())) & (df["unit"] != expected), "unit",
         lambda i: f"metric '{df.at[i, 'metric']}' is counted in {expected[i]}, not {df.at[i, 'unit']}")
    in_quote: dict[str, set[float]] = {}  # the numbers in each distinct quote
    for i, quote, *values in zip(df.index.tolist(), df["quote"].tolist(),
                                 *(df[c].tolist() for c in schema.NUMBER_COLUMNS)):
        found = in_quote.get(quote)
        if found is None:
            words = {NUMBER_WORDS[w] for w in WORD_IN_TEXT.findall(quote.lower()) if w in NUMBER_WORDS}
            found = in_quote[quote] = {float(n.replace(",", "")) for n in NUMBER_IN_TEXT.findall(quote)} | words
        for c, v in zip(schema.NUMBER_COLUMNS, values):
            if v and not v.startswith("-") and float(v) not in found:
                problems.append(rows.problem(i, "quote", f"does not contain the number {_shown(v)} given in '{c}'"))
    return problems


def _check_chunk(header: list[str], records: list[list[str]], offset: int, rows: _Rows, text_schema
                 ) -> tuple[pd.DataFrame, list[Problem]]:
    """One chunk's cells checked against the schema and the rules of one row; returns it typed."""
    import pandera.errors

    raw = pd.DataFrame(records, columns=header, index=pd.RangeIndex(offset, offset + len(records)))
    df = pd.DataFrame({c: _shared(raw[c]) for c in header})
    del raw
    try:
        text_schema.validate(df, lazy=True)
    except pandera.errors.SchemaErrors as err:
        cases = err.failure_cases
    else:
        cases = pd.DataFrame({"index": [], "column": [], "check": [], "failure_case": []})
    problems = _failure_problems(cases, rows)
    # Rows whose numbers are malformed skip the cross-column rules, so each fault is reported once (a bad metric,
    # unit or bound matches none of the rules that read it).
    bad = {int(i) for i, c in zip(cases["index"], cases["column"]) if c in schema.NUMBER_COLUMNS}
    keep = df.index.difference(sorted(bad))
    checked = df.loc[keep]
    nums = _numbers(df)
    problems += _row_problems(checked, {c: v.loc[keep] for c, v in nums.items()}, rows)
    typed = df.assign(**nums)
    typed.attrs = {}
    return typed, problems


def _others(ids: list[int], rows: _Rows) -> str:
    shown = ", ".join(rows.at(j) for j in ids[:_MAX_OTHERS])
    return shown + (f" and {len(ids) - _MAX_OTHERS} more" if len(ids) > _MAX_OTHERS else "")


def _duplicate_ids(df: pd.DataFrame, rows: _Rows) -> list[Problem]:
    problems = []
    for c in schema.unique_columns():
        values = df[c]
        dup = values.duplicated(keep=False) & (values != "")
        for value, group in values[dup].groupby(values[dup]):
            positions = group.index.tolist()
            for i in positions:
                others = [j for j in positions if j != i]
                problems.append(rows.problem(i, c, f"is not unique: the same {c} '{value}' is used on another row "
                                             f"({_others(others, rows)})"))
    return problems


def _supersedes(df: pd.DataFrame, rows: _Rows) -> list[Problem]:
    """Each `supersedes` names an existing claim of the same claimant and metric, and no chain returns to itself."""
    problems: list[Problem] = []
    has = df["supersedes"] != ""
    if not has.any():
        return problems
    ids = df["claim_id"]
    first = ~ids.duplicated()
    index = pd.Index(ids[first].to_numpy())
    where = np.flatnonzero(first.to_numpy())
    sources = np.flatnonzero(has.to_numpy())
    found = index.get_indexer(df["supersedes"].to_numpy()[sources])
    claimant, metric = df["claimant"].to_numpy(), df["metric"].to_numpy()
    succ: dict[int, int] = {}
    for i, k in zip(sources.tolist(), found.tolist()):
        target = df.at[i, "supersedes"]
        if k < 0:
            problems.append(rows.problem(i, "supersedes", f"names claim '{target}', which is not in the ledger"))
            continue
        j = int(where[k])
        if j == i:
            problems.append(rows.problem(i, "supersedes", "a claim cannot supersede itself"))
        elif (claimant[j], metric[j]) != (claimant[i], metric[i]):
            problems.append(rows.problem(
                i, "supersedes", f"names claim '{target}' ({rows.at(j)}) of claimant '{claimant[j]}' and metric "
                f"'{metric[j]}'; a claim supersedes only one of its own claimant and metric "
                f"('{claimant[i]}', '{metric[i]}')"))
        else:
            succ[i] = j
    done: set[int] = set()
    for start in succ:
        chain: list[int] = []
        position: dict[int, int] = {}  # where each claim of the chain being followed sits in it
        node = start
        while node in succ and node not in done and node not in position:
            position[node] = len(chain)
            chain.append(node)
            node = succ[node]
        if node in position:
            cycle = chain[position[node]:]
            text = " → ".join(f"{ids.iat[n]} ({rows.at(n)})" for n in cycle) + f" → {ids.iat[cycle[0]]}"
            for n in cycle:
                problems.append(rows.problem(n, "supersedes", f"is part of a cycle: {text}; a claim cannot be "
                                             "replaced by one it replaces (the brief would drop them all)"))
        done.update(chain)
    return problems


def _scope_list(path: Path, problems: list[Problem]) -> list[str] | None:
    """The phrases of the scopes.csv beside a ledger file, in its order, or None when there is none. What is wrong
    with that file itself (a missing column, a blank, malformed or repeated phrase) is added to `problems`."""
    found = path.parent / SCOPES_FILE
    if not found.is_file():
        return None
    name = _name(found)
    rule = schema.optional_field("scope")
    phrases: dict[str, int] = {}
    try:
        with found.open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f, strict=True)
            header = [h.strip() for h in next(reader, [])]
            missing = [c for c in ("scope", "description") if c not in header]
            if missing:
                problems.extend(Problem(name, 1, c, "is missing from the header") for c in missing)
                return []
            start = reader.line_num + 1
            for record in reader:
                line, start = start, reader.line_num + 1
                if not "".join(record).strip():
                    continue
                if len(record) != len(header):
                    problems.append(Problem(name, line, "", f"has {len(record)} fields; the header has {len(header)}"))
                    continue
                cells = dict(zip(header, record))
                phrase = cells["scope"]
                if not phrase.strip():
                    problems.append(Problem(name, line, "scope", "is required but blank"))
                elif not re.fullmatch(rule["pattern"], phrase):
                    problems.append(Problem(name, line, "scope", f"must be {rule['patternText']} (got {phrase!r})"))
                elif phrase in phrases:
                    problems.append(Problem(name, line, "scope",
                                            f"'{phrase}' is listed twice (line {phrases[phrase]})"))
                else:
                    phrases[phrase] = line
                if not cells["description"].strip():
                    problems.append(Problem(name, line, "description", "is required but blank"))
    except (csv.Error, UnicodeDecodeError, OSError) as e:
        problems.append(Problem(name, 0, "", f"cannot be read as CSV: {e}"))
    return list(phrases)


def _scopes(df: pd.DataFrame, paths: list[Path], rows: _Rows) -> list[Problem]:
    """Each file's scopes against the scopes.csv beside it, if any: a well-formed phrase it does not list is refused
    (a malformed one is refused by the schema's pattern already)."""
    problems: list[Problem] = []
    scope = df["scope"]
    formed = (scope != "") & scope.str.fullmatch(schema.optional_field("scope")["pattern"])
    file_of = np.asarray(rows.file)
    for k, path in enumerate(paths):
        listed = _scope_list(path, problems)
        if listed is None:
            continue
        shown = ", ".join(listed[:_MAX_LISTED]) + (f" and {len(listed) - _MAX_LISTED} more" if len(listed) > _MAX_LISTED
                                                   else "")
        where = _name(path.parent / SCOPES_FILE)
        bad = (file_of == k) & formed.to_numpy(dtype=bool) & ~scope.isin(listed).to_numpy()
        for i in np.flatnonzero(bad).tolist():
            problems.append(rows.problem(i, "scope", f"'{scope.iat[i]}' is not a scope listed in {where} ({shown})"))
    return problems


def _identities(df: pd.DataFrame, ok: np.ndarray, rows: _Rows) -> list[Problem]:
    """One claimant's figures of one date agree: killed and wounded within casualties, each within deployed."""
    date = df["as_of"].where(df["as_of"] != "", df["published"])
    low, best, high = df["low"], df["best"], df["high"]
    floor = low.fillna(best)  # an "up to" claim has no floor: it never exceeds anything
    floor_col = pd.Series(np.where(low.notna(), "low", "best"), index=df.index)
    ceiling = high.fillna(best).fillna(np.inf)
    # A claim replaced by one of the same date is a correction: it never reaches a brief beside its successor.
    has = df["supersedes"] != ""
    replaced = df["claim_id"].map(dict(zip(df.loc[has, "supersedes"], date[has]))).eq(date)
    live = ok & ~replaced & df["metric"].isin({m for pair in PARTS for m in pair})
    d = pd.DataFrame({"claimant": df["claimant"], "date": date, "metric": df["metric"], "floor": floor,
                      "ceiling": ceiling})[live]
    problems: list[Problem] = []
    for part, whole in PARTS:
        small = d[d["metric"] == part]
        big = d[d["metric"] == whole]
        tightest = big.loc[big.groupby(["claimant", "date"])["ceiling"].idxmin()]
        cap = small.join(tightest.set_index(["claimant", "date"])["ceiling"].rename("cap")
                         .to_frame().assign(cap_row=tightest.index.to_numpy()), on=["claimant", "date"])
        for i, cap_value, j in cap.loc[cap["floor"] > cap["cap"], ["cap", "cap_row"]].itertuples():
            j = int(j)
            problems.append(rows.problem(
                i, floor_col[i], f"{part} ({'at least ' if floor_col[i] == 'low' else ''}{floor[i]:,.0f}) is more "
                f"than {whole} ({'at most ' if pd.notna(high[j]) else ''}{cap_value:,.0f}) in claim "
                f"'{df.at[j, 'claim_id']}' ({rows.at(j)}) of the same claimant and date: {part} cannot exceed {whole}"))
    return problems


def validate(ledger: Ledger) -> pd.DataFrame:
    """Validate a ledger — one CSV file, or a list of files read as one — and return it typed (numbers as float,
    blanks as NaN); raise LedgerError listing every problem, each naming its file, line and column."""
    paths = _paths(ledger)
    text_schema = schema.text_schema()
    rows = _Rows()
    problems: list[Problem] = []
    frames: list[pd.DataFrame] = []
    offset = 0
    for file, path in enumerate(paths):
        name = _name(path)
        rows.names.append(name)
        why = _unreadable(path)
        if why:
            problems.append(Problem(name, 0, "", why))
            continue
        for header, records, lines in _chunks(path, name, problems):
            rows.add(file, lines)
            typed, found = _check_chunk(header, records, offset, rows, text_schema)
            del records
            frames.append(typed)
            problems += found
            offset += len(typed)
    if not frames:
        raise LedgerError(problems)
    df = pd.concat(frames)  # chunks are numbered on from each other
    del frames
    extra = [c for c in df.columns if c not in schema.NUMBER_COLUMNS and df[c].hasnans]
    if extra:  # a column only some files have
        df = df.fillna({c: "" for c in extra})
    if PROVENANCE_COLUMNS & set(df.columns):  # the optional provenance rules (analysis.ledger.provenance), once
        from analysis.ledger import provenance

        problems += [rows.problem(p.line, p.column, p.message) for p in provenance.problems(df, "", range(len(df)))]
    for f in schema.field_metadata().get("optionalFields", []):  # absent or blank: its declared default
        column, default = f["name"], f.get("default", "")
        df[column] = df[column].where(df[column] != "", default) if column in df.columns else default
    ok = np.ones(len(df), dtype=bool)
    ok[sorted(rows.faulty)] = False
    problems += _duplicate_ids(df, rows)
    problems += _supersedes(df, rows)
    problems += _identities(df, ok, rows)
    problems += _scopes(df, paths, rows)
    if problems:
        raise LedgerError(problems)
    df.attrs["lines"] = tuple(rows.line)  # each row's first line in its own file (read by analysis.judgments.hindsight)
    return df
