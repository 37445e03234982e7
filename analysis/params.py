"""The brief's parameters in one model (`BriefParams`: name, type, default, allowed range, help), checking user values
against it before anything runs, and reading parameter files as safe YAML.

Adding a parameter is one line in `BriefParams` (and the same name and default in the notebook's parameters cell
and README's table, which tests hold to this model).
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import json
import math
import os
import re
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from types import MappingProxyType

import yaml

from analysis.errors import ParameterError
from analysis.paths import NOTEBOOK, check_file, resolve

__all__ = ["BriefParams", "ParameterError", "check", "parse_cli", "load_file", "load_yaml", "declared"]

PATH_PARAMETERS = ("ledger", "since", "later")  # resolved against the caller's working directory before the run
# Monte Carlo draws per quantity, at most: memory stays flat (draws are binned in chunks), so the ceiling bounds
# time — 10 million draws take about 7 s a quantity here, a minute or two for a whole brief.
DRAWS_MAX = 10_000_000
SEED_MAX = 2**63 - 1
BY_GRADE = "by_grade"  # weights: each claimant's by its sources' grades (analysis.ledger.grades)
METRICS = ("deployed", "killed", "wounded", "casualties", "casualty_rate")
YAML_MAX_BYTES = 1_000_000  # a parameter or batch file is a few lines; anything this big is a mistake or an attack


@dataclass(frozen=True)
class Spec:
    """What one parameter accepts: its help text, an inclusive numeric range, a set of choices, or a kind of check."""

    help: str
    low: float | None = None
    high: float | None = None
    high_open: bool = False
    choices: tuple[str, ...] = ()
    kind: str = ""  # path | date | claimants | weights | borrow: checked by the functions below


# `param` runs only while BriefParams is defined, at import, before mutmut can switch a mutant on; its results are
# held by tests in a fresh process (tests/test_notebook.py, tests/test_params.py), see tests/MUTATION.md.
def param(default, help: str, **spec) -> object:  # pragma: no mutate block
    """A BriefParams field: its default and Spec, in one line."""
    if isinstance(default, dict):
        return field(default_factory=lambda: MappingProxyType(dict(default)), metadata={"spec": Spec(help, **spec)})
    return field(default=default, metadata={"spec": Spec(help, **spec)})


@dataclass(frozen=True)
class BriefParams:
    """Every parameter of a brief: one line each (default, help, allowed range). Frozen: its inputs do not change."""

    ledger: str = param("data/claims.csv", "the claims ledger (CSV), or a list of ledgers read as one", kind="ledger")
    claimants: tuple[str, ...] = param((), "claimants to compare; empty: all in the ledger", kind="claimants")
    weights: Mapping[str, float] | str = param({}, "pool weights by claimant, or by_grade: by each claimant's source "
                                               "grades (analysis.ledger.grades); empty: equal", kind="weights")
    distribution: str = param("uniform", "how a range is read", choices=("uniform", "lognormal"))
    approx_tolerance: float = param(0.10, '"about X" read as X -/+ this fraction', low=0, high=1, high_open=True)
    upto_floor: float = param(0.5, '"as high as X" read as between this fraction of X and X', low=0, high=1)
    atleast_ceiling: float = param(2.0, '"at least X" read as between X and this multiple of X', low=1, high=100)
    draws: int = param(200_000, "Monte Carlo draws per quantity", low=1, high=DRAWS_MAX)
    sensitivity_draws: int = param(50_000, "draws for each sensitivity run", low=1, high=DRAWS_MAX)
    seed: int = param(20250101, "random seed: same seed, same numbers", low=0, high=SEED_MAX)
    as_of: str = param("", "use only claims dated on or before this date (YYYY[-MM[-DD]]); empty: latest", kind="date")
    borrow: Mapping[str, str] = param({}, "fill a metric a claimant lacks from another claimant", kind="borrow")
    hedge_reading: str = param("as_stated", 'how a hedged claim ("potentially X") is read',
                               choices=("as_stated", "upper_bound", "exclude"))
    correlation: float = param(0.0, "0: claims independent; 1: one error group shares one error", low=0, high=1)
    title: str = param("", "the brief's title; empty: the case's (params.yaml beside the ledger), else "
                       "'Claims in <its folder>'")
    since: str = param("", "an earlier results.json or report folder to compare with", kind="path")
    later: str = param("data/later-reports.csv", "later reports beside the article's claims; empty: none", kind="path")

    @classmethod
    def specs(cls) -> dict[str, Spec]:
        """Each parameter's Spec, by name, in declaration order."""
        return {f.name: f.metadata["spec"] for f in fields(cls)}

    @classmethod
    def defaults(cls) -> dict[str, object]:
        """Each parameter's default as the notebook writes it (lists and dicts, not tuples and mapping proxies)."""
        return {f.name: _plain(f.default if f.default is not MISSING else f.default_factory()) for f in fields(cls)}

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """Every parameter's name, in declaration order (the notebook's parameters cell declares the same)."""
        return tuple(f.name for f in fields(cls))

    @classmethod
    def from_values(cls, values: Mapping[str, object], ledger_claimants: list[str] | None = None) -> BriefParams:
        """The parameters with `values` applied, every value checked as `brief build` checks it before a run (`checked`:
        names, types, ranges, that each file exists, claimant names against the ledger, or against `ledger_claimants`
        where given); paths stay as given (analysis.paths.resolve reads them)."""
        if ledger_claimants is None:
            checked(values)
        normal = check(values, ledger_claimants)
        frozen = {k: tuple(v) if isinstance(v, list) else MappingProxyType(v) if isinstance(v, dict) else v
                  for k, v in normal.items()}
        return cls(**frozen)

    def values(self) -> dict[str, object]:
        """Every parameter as plain values (lists and dicts), as the notebook's parameters cell takes them."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}


def help_text() -> str:
    """Every parameter with its help and default, as `brief build --help` lists them."""
    lines = ["parameters (-p NAME VALUE, or a YAML file with -f):"]
    for name, spec in BriefParams.specs().items():
        allowed = (f"; one of {', '.join(spec.choices)}" if spec.choices else
                   f"; {_range_text(spec)}" if spec.low is not None else "")
        lines.append(f"  {name:<18} {spec.help}{allowed} (default: {BriefParams.defaults()[name]!r})")
    return "\n".join(lines)


def _plain(value):
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):
        return dict(value)
    return value


def _type_name(default) -> str:
    """The type of a default as `defaults()` gives it (plain lists and dicts), in words."""
    return {int: "integer", float: "number", str: "text", list: "list", dict: "mapping"}[type(default)]


def _fits(default, value) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    if isinstance(default, (tuple, list)):
        return isinstance(value, list)
    if isinstance(default, Mapping):
        return isinstance(value, dict)
    return isinstance(value, type(default))


def _range_text(spec: Spec) -> str:
    return f"from {spec.low:,} to {spec.high:,}" + (" (exclusive)" if spec.high_open else "")


def _number(name: str, value, spec: Spec) -> list[str]:
    if spec.low is None:  # not a number (every numeric parameter has both bounds)
        return []
    if isinstance(value, float) and not math.isfinite(value):
        return [f"parameter '{name}' must be a finite number {_range_text(spec)}, got {value}"]
    if value < spec.low or value > spec.high or (spec.high_open and value >= spec.high):
        return [f"parameter '{name}' must be {_range_text(spec)}, got {value:,}"]
    return []


DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")  # whole text: no trailing newline, ASCII digits


def as_date_text(value) -> str | None:
    """A date parameter as YYYY[-MM[-DD]] text if it is a real date (an unquoted YAML date counts), else None."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):  # an unquoted year; true and false become "True" and "False", not dates
        value = str(value)
    if not isinstance(value, str):
        return None
    if value == "":
        return ""
    if not DATE.fullmatch(value):
        return None
    try:
        dt.date.fromisoformat((value + "-01-01")[:10])  # a year or a month alone: its first day must exist
    except ValueError:
        return None
    return value


def ledger_claimants(path: str | Path) -> list[str] | None:
    """The claimants a ledger names, read cheaply (no validation); None when it cannot be read as CSV."""
    try:
        with open(path, encoding="utf-8", newline="") as f:  # comment lines skipped, as ledger.validate does
            records = [r for r in csv.reader(f) if r and not r[0].lstrip().startswith("#")]
        if not records or "claimant" not in records[0]:
            return []
        at = records[0].index("claimant")
        return list(dict.fromkeys(r[at].strip() for r in records[1:] if len(r) > at and r[at]))
    except (OSError, UnicodeDecodeError, csv.Error):
        return None


def _against_ledger(name: str, value, have: list[str]) -> list[str]:
    listed = ", ".join(have)
    if name == "claimants":
        return [f"no claims for claimant '{c}' (the ledger has {listed})" for c in value if c not in have]
    if name == "weights":
        return [f"parameter 'weights' names claimant '{c}', who has no claims (the ledger has {listed})"
                for c in value if c not in have]
    if name == "borrow":
        return [f"parameter 'borrow' borrows {m} from '{c}', who has no claims (the ledger has {listed})"
                for m, c in value.items() if c not in have]
    return []


def _kind_problems(value, spec: Spec) -> list[str]:
    if spec.kind == "claimants":
        return [f"parameter 'claimants' must list claimant names (text), got {c!r}"
                for c in value if not isinstance(c, str) or not c.strip()]
    if spec.kind == "weights":
        out = [f"parameter 'weights': claimant {c!r} must be text" for c in value if not isinstance(c, str)]
        for c, w in value.items():
            if isinstance(w, bool) or not isinstance(w, (int, float)) or not math.isfinite(w) or w < 0:
                out.append(f"parameter 'weights': the weight of {c} must be a finite number, 0 or more, got {w!r}")
        if value and not out and sum(value.values()) == 0:
            out.append("parameter 'weights': at least one weight must be above 0 (all are 0)")
        return out
    if spec.kind == "borrow":
        out = []
        for m, c in value.items():
            if m not in METRICS:
                out.append(f"parameter 'borrow': {m!r} is not a metric; one of {', '.join(METRICS)}")
            if not isinstance(c, str):
                out.append(f"parameter 'borrow': borrow {m} from a claimant (text), got {c!r}")
        return out
    return []


def check(values: Mapping[str, object], ledger_claimants: list[str] | None = None) -> dict[str, object]:
    """Refuse unknown names, wrong types and values outside their range, every problem at once; return the values
    normalised (floats as floats, dates as text). Claimant names are checked against `ledger_claimants` when given."""
    specs = BriefParams.specs()
    defaults = BriefParams.defaults()
    problems: list[str] = []
    out: dict[str, object] = {}
    for name, value in values.items():
        if name not in specs:
            problems.append(f"unknown parameter '{name}'; the brief takes: {', '.join(sorted(specs))}")
            continue
        spec, default = specs[name], defaults[name]
        if spec.kind == "ledger" and isinstance(value, list):  # several files read as one ledger
            if not value or not all(isinstance(v, str) and v.strip() for v in value):
                problems.append(f"parameter '{name}' must be a path or a list of paths, got {value!r}")
            else:
                out[name] = value
            continue
        if spec.kind == "date":
            text = as_date_text(value)
            if text is None:
                problems.append(f"parameter '{name}' must be a real date YYYY, YYYY-MM or YYYY-MM-DD "
                                f"(or empty for the latest), got {value!r}")
            else:
                out[name] = text
            continue
        if spec.kind == "weights" and isinstance(value, str):  # the one text a weight takes
            if value != BY_GRADE:
                problems.append(f"parameter '{name}' must be a mapping of claimant to weight, or {BY_GRADE} (weights "
                                f"by source grade), got {value!r}")
            out[name] = value
            continue
        if not _fits(default, value):
            problems.append(f"parameter '{name}' must be {_type_name(default)} (like its default {default!r}), "
                            f"got {value!r}")
            continue
        if isinstance(default, float):
            value = float(value)
        found = _number(name, value, spec)
        if spec.choices and value not in spec.choices:
            found.append(f"parameter '{name}' must be one of {', '.join(spec.choices)}, got {value!r}")
        found += _kind_problems(value, spec)
        if not found and ledger_claimants is not None:
            found = _against_ledger(name, value, ledger_claimants)
        problems += found
        out[name] = value
    if problems:
        raise ParameterError("\n".join(problems))
    return out


def resolve_paths(values: dict[str, object]) -> dict[str, object]:
    """Path parameters made absolute (working directory, then project root); each must be a readable file or folder."""
    out = dict(values)
    for name in PATH_PARAMETERS:
        if isinstance(out.get(name), list):
            out[name] = [str(check_file(resolve(v), f"parameter '{name}'", error=ParameterError)) for v in out[name]]
        elif out.get(name):
            out[name] = str(check_file(resolve(out[name]), f"parameter '{name}'", folder_ok=(name == "since"),
                                       error=ParameterError))
    return out


def checked(values: Mapping[str, object]) -> dict[str, object]:
    """Values checked in full before a build: names, types, ranges, paths, and claimant names against the ledger."""
    out = resolve_paths(check(values))
    if any(out.get(k) for k in ("claimants", "weights", "borrow")):
        ledger = out.get("ledger") or str(resolve(BriefParams.ledger))
        files = ledger if isinstance(ledger, list) else [ledger]
        found = [ledger_claimants(f) for f in files]
        have = None if any(h is None for h in found) else list(dict.fromkeys(c for h in found for c in h))
        if have:  # an unreadable ledger is reported, row by row, when the build validates it
            check(out, have)
    return out


# --- YAML: parameter files, batch files and `-p` values -----------------------------------------------------------

_ALLOWED_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("null", "bool", "int", "float", "str", "seq", "map", "timestamp")}


class _SafeLoader(yaml.SafeLoader):
    """YAML's safe loader, stricter: no aliases (so no alias bombs), no merge keys, only plain tags, no duplicate
    keys (1 and "1" count as the same key). Pure Python: parameter files are a few lines."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed",
                                              self.peek_event().start_mark)
        return super().compose_node(parent, index)

    def construct_object(self, node, deep=False):
        if node.tag not in _ALLOWED_TAGS:
            raise yaml.constructor.ConstructorError(None, None, f"the tag {node.tag} is not allowed", node.start_mark)
        return super().construct_object(node, deep)

    def construct_mapping(self, node, deep=False):
        seen: dict[str, int] = {}
        for key, _ in node.value:
            if key.tag == "tag:yaml.org,2002:merge":
                raise yaml.constructor.ConstructorError(None, None, "merge keys (<<) are not allowed", key.start_mark)
            if isinstance(key, yaml.ScalarNode):
                k = str(self.construct_object(key))
                if k in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key '{k}' (first on line {seen[k]})", key.start_mark)
                seen[k] = key.start_mark.line + 1
        return super().construct_mapping(node, deep)


def load_yaml(text: str, source: str, located: bool = True):
    """YAML text as Python values, safely; any problem is a one-line ParameterError naming `source` (and, when
    `located`, the line and column)."""
    if len(text) > YAML_MAX_BYTES:
        raise ParameterError(f"{source}: {len(text):,} characters; a parameter file is at most {YAML_MAX_BYTES:,}")
    try:
        return yaml.load(text, Loader=_SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark and located else ""
        what = " ".join(x for x in (e.context, e.problem) if x)
        raise ParameterError(f"{source}: {where}{what}") from None
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as e:
        raise ParameterError(f"{source}: not valid YAML: {' '.join(str(e).split())}") from None


def read_text(path: str | Path, what: str) -> str:
    """A parameter or batch file's text; a missing, unreadable or non-UTF-8 file is one ParameterError line."""
    p = check_file(Path(path), what, error=ParameterError)
    if p.stat().st_size > YAML_MAX_BYTES:
        raise ParameterError(f"{path}: {p.stat().st_size:,} bytes; a parameter file is at most {YAML_MAX_BYTES:,}")
    try:
        return p.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise ParameterError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise ParameterError(f"{path}: cannot read it: {e.strerror or e}") from None


def parse_cli(pairs: list[tuple[str, str]]) -> dict[str, object]:
    """`-p NAME VALUE` pairs as typed values: text stays text, other types are read as YAML (`[NIS, CSIS]`)."""
    defaults = BriefParams.defaults()
    out = {}
    for name, raw in pairs:
        default = defaults.get(name)
        listed = name == "ledger" and raw.lstrip().startswith("[")  # several ledgers: a YAML list
        out[name] = raw if isinstance(default, str) and not listed else load_yaml(
            raw, f"parameter '{name}': {raw!r} is not YAML", located=False)
    return out


def load_file(path: str | Path) -> dict[str, object]:
    """Parameters from a YAML file: a mapping of name to value. A relative path in it (ledger, later, since) is the
    file's: resolved against the file's folder, so a case's params.yaml works from any working directory."""
    data = load_yaml(read_text(path, "parameter file"), str(path))
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ParameterError(f"{path}: expected a mapping of parameter names to values")
    folder = Path(path).absolute().parent

    def beside(value):
        if not isinstance(value, str) or not value or Path(value).expanduser().is_absolute():
            return value  # empty (none), absolute, or not text (which `check` refuses)
        return os.path.normpath(folder / value)

    for name in PATH_PARAMETERS:
        if name in data:
            data[name] = [beside(v) for v in data[name]] if isinstance(data[name], list) else beside(data[name])
    return data


def declared(notebook: str | Path = NOTEBOOK) -> dict[str, object]:
    """The notebook's parameters and their default values, read from the cell tagged `parameters` (for the test
    that holds the notebook to BriefParams)."""
    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            tree = ast.parse("".join(cell["source"]))
            return {node.targets[0].id: ast.literal_eval(node.value) for node in tree.body
                    if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)}
    raise ParameterError(f"{notebook}: no cell tagged 'parameters'")

