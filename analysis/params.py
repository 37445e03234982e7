"""The notebook's declared parameters, and checking user values against them before anything runs."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import yaml

from analysis.errors import ParameterError
from analysis.paths import NOTEBOOK

__all__ = ["ParameterError"]

PATH_PARAMETERS = ("ledger", "since")  # resolved against the caller's working directory before the run
INTERNAL = ("results_path",)           # set by the build itself




def declared(notebook: str | Path = NOTEBOOK) -> dict[str, object]:
    """The notebook's parameters and their default values, read from the cell tagged `parameters`."""
    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            source = "".join(cell["source"])
            tree = ast.parse(source)
            return {node.targets[0].id: ast.literal_eval(node.value) for node in tree.body
                    if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)}
    raise ParameterError(f"{notebook}: no cell tagged 'parameters'")


def _type_name(value) -> str:
    return {bool: "true/false", int: "integer", float: "number", str: "text", list: "list", dict: "mapping"}.get(
        type(value), type(value).__name__)


def _fits(default, value) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def parse_cli(pairs: list[tuple[str, str]], declared_params: dict[str, object]) -> dict[str, object]:
    """`-p NAME VALUE` pairs as typed values: text stays text, other types are read as YAML (`[NIS, CSIS]`)."""
    out = {}
    for name, raw in pairs:
        default = declared_params.get(name)
        out[name] = raw if isinstance(default, str) else yaml.safe_load(raw)
    return out


def check(values: dict[str, object], declared_params: dict[str, object]) -> dict[str, object]:
    """Refuse unknown names and wrong types, every problem at once; return the values, floats as floats."""
    problems = []
    for name, value in values.items():
        if name in INTERNAL:
            problems.append(f"parameter '{name}' is set by the build itself")
        elif name not in declared_params:
            problems.append(f"unknown parameter '{name}'; the notebook declares: {', '.join(sorted(declared_params))}")
        elif not _fits(declared_params[name], value):
            problems.append(f"parameter '{name}' must be {_type_name(declared_params[name])} "
                            f"(like its default {declared_params[name]!r}), got {value!r}")
    if problems:
        raise ParameterError("\n".join(problems))
    return {k: float(v) if isinstance(declared_params[k], float) else v for k, v in values.items()}


def load_file(path: str | Path) -> dict[str, object]:
    """Parameters from a YAML file: a mapping of name to value."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ParameterError(f"{path}: expected a mapping of parameter names to values")
    return data
