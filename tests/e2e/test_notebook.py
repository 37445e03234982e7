"""The notebook is committed without outputs and declares the parameters of BriefParams, with the same defaults."""

import json
import re

import yaml

from analysis import params as P
from conftest import ROOT


def test_notebooks_have_no_outputs():
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, path


def test_parameters_cell__declares_the_names_and_defaults_of_brief_params():
    assert P.declared() == P.BriefParams.defaults()


def test_brief_params__defaults_worked_out_from_the_article_and_readme():
    d = P.BriefParams()
    assert (d.seed, d.draws, d.sensitivity_draws, d.approx_tolerance) == (20250101, 200_000, 50_000, 0.10)
    assert d.claimants == () and dict(d.weights) == {} and d.as_of == ""


def _readme_parameters():
    """README's parameter table: each row's names and the defaults written in backticks in its second column."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("| parameter | default | meaning |", 1)[1].split("\n\n", 1)[0]
    rows = {}
    for line in table.splitlines()[2:]:
        names_cell, default_cell = line.split("|")[1:3]
        names = re.findall(r"`([a-z_]+)`", names_cell)
        defaults = [yaml.safe_load(d) for d in re.findall(r"`([^`]*)`", default_cell)]
        for i, name in enumerate(names):
            rows[name] = defaults[i] if i < len(defaults) else None
    return rows


def test_readme_parameter_table__lists_every_parameter_with_its_default():
    rows = _readme_parameters()
    defaults = P.BriefParams.defaults()
    assert set(rows) == set(defaults)
    for name, shown in rows.items():
        if shown is not None:  # the title's default is left to the brief
            assert shown == defaults[name], name


def test_readme_parameter_table__states_each_numeric_range():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1]: line for line in text.splitlines() if line.startswith("| `")}
    for name, spec in P.BriefParams.specs().items():
        if spec.low is not None and spec.high is not None and spec.high < 1e9:
            row = next(line for names, line in rows.items() if f"`{name}`" in names)
            assert P._range_text(spec) in row, name


def test_the_notebook_writes_no_results_json__the_build_does():
    # results.json is published by analysis/publish/build.py alone, from the Brief the notebook computed.
    nb = json.loads((ROOT / "notebooks" / "briefing.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "write" not in code and "open(" not in code
    assert "results_path" not in P.declared()


def test_markdown_claims_nothing_about_the_data():
    # Any valid ledger is a real input: what the claimants say, and whether they agree, is worded from the data
    # (analysis.wording), never in the notebook's fixed text.
    nb = json.loads((ROOT / "notebooks" / "briefing.ipynb").read_text(encoding="utf-8"))
    markdown = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    for said in ("NIS", "CSIS", "both claimants", "do not disagree", "the one quantity"):
        assert said not in markdown, said


def test_the_notebook_tells_the_story_in_the_briefs_order_and_its_markdown_claims_nothing():
    """Parameters first; then the body (bottom line, the claims, later reports) and the annex. The markdown frames
    the sections and says nothing about the data: no figure, no claimant (those come from the ledger)."""
    import csv

    nb = json.loads((ROOT / "notebooks" / "briefing.ipynb").read_text(encoding="utf-8"))
    assert "parameters" in nb["cells"][0]["metadata"].get("tags", [])
    headings = [line for c in nb["cells"] if c["cell_type"] == "markdown"
                for line in "".join(c["source"]).splitlines() if line.startswith("## ")]
    assert headings == ["## Bottom line up front", "## The claims and what they imply", "## Annex"]
    claimants = {r["claimant"] for f in ("claims.csv", "later-reports.csv")
                 for r in csv.DictReader((ROOT / "data" / f).open(encoding="utf-8"))}
    for cell in (c for c in nb["cells"] if c["cell_type"] == "markdown"):
        text = "".join(cell["source"])
        assert not re.search(r"\d", text), text
        assert not [c for c in claimants if re.search(rf"\b{re.escape(c)}\b", text)], text
