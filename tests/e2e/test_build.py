"""`brief build` end to end on the real ledger: hand-computed figures in HTML and PDF, offline, reproducible, atomic."""

import hashlib
import html as html_module
import json
import re
import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from analysis.publish.cli import main
from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow
OUTPUTS = ("briefing.html", "briefing.pdf", "results.json", "briefing.ipynb")


def _digests(folder):
    return {f: hashlib.sha256((folder / f).read_bytes()).hexdigest() for f in OUTPUTS}


def _pdf_text(path):
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture(scope="module")
def report(built_brief):
    """The session's one brief of the real ledger (tests/conftest.py); tests that change a report copy it first."""
    return built_brief


@pytest.fixture(scope="module")
def html(report):
    return (report / "briefing.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pdf_text(report):
    return re.sub(r"\s+", " ", _pdf_text(report / "briefing.pdf"))


TITLE = "North Korean losses in Kursk: what the sources claim"


def test_each_output_holds_this_brief(report, html):
    data = json.loads((report / "results.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    assert data["claims"] == ["nis-deployed", "nis-killed", "nis-wounded", "csis-casualty-rate", "csis-killed",
                              "csis-deployed"]  # the ledger's six claims, in its order
    pdf = PdfReader(report / "briefing.pdf")
    assert pdf.metadata.title == TITLE
    assert pdf.metadata.creation_date.isoformat() == "2000-01-01T00:00:00+00:00"  # fixed: same inputs, same bytes
    assert f"<title>{TITLE}</title>" in html
    nb = json.loads((report / "briefing.ipynb").read_text(encoding="utf-8"))
    injected = next(c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", []))
    assert "seed = 20250101\n" in "".join(injected["source"])  # the build records every parameter it ran with


# Table 1's figures, worked out by hand: (quantity, NIS's, CSIS's), each a claim's own words where the claimant
# states it, else what its own claims imply. NIS: 10,000–11,000 deployed, about 300 killed, about 2,700 wounded.
# CSIS: a rate that "could be as high as 50%", "potentially 1,000" killed, about 11,000.
DERIVED = [
    # stated; 50 % of 11,000 − 1,000
    ("Wounded", "about 2,700", "at most 4,500 (hedged: “could be”, “potentially”)"),
    # 300 + 2,700; 50 % of 11,000
    ("Casualties (killed + wounded)", "3,000", "at most 5,500 (hedged: “could be”)"),
    # 3,000 / 11,000 to 3,000 / 10,000; the rate as stated
    ("Casualty rate (casualties / deployed)", "27.3–30.0%", "could be as high as 50%"),
    # 300 / 11,000 to 300 / 10,000; 1,000 / 11,000
    ("Killed as share of force", "2.7–3.0%", "9.1% (hedged: “potentially”)"),
    # 2,700 / 300; 4,500 / 1,000
    ("Wounded per killed", "9.0", "at most 4.5 (hedged: “could be”, “potentially”)"),
]


def _table1_cells(html: str) -> dict:
    """Table 1's figure for each (quantity, claimant): a claim row's figure, or an implied figure with its hedges;
    and whether it is stated."""
    table = html.split('<table class="claims">', 1)[1].split("</table>", 1)[0]
    cells = {}
    for group in table.split('<tbody class="claimant">')[1:]:
        who = re.search(r'scope="rowgroup">([^<]*)', group).group(1).strip()
        for label, fig in re.findall(r'<span class="muted">([^<]*)</span></td>\s*<td class="num" data-label="Figure">'
                                     r'<span class="fig">([^<]*)</span>', group):
            cells[(label, who)] = (fig, "stated")
        for label, fig, hedged in re.findall(r'<li>([^:<]+): <span class="fig">([^<]*)</span>( \(hedged: [^)]*\))?',
                                             group):
            cells[(label, who)] = (fig + hedged, "implied")
    return cells


@pytest.mark.parametrize("row, nis, csis", DERIVED, ids=[r[0] for r in DERIVED])
def test_hand_computed_figures_in_their_cells_of_html_and_pdf(html, pdf_text, row, nis, csis):
    cells = _table1_cells(html)
    assert (cells[(row, "NIS")][0], cells[(row, "CSIS")][0]) == (nis, csis)
    # in the PDF's Table 1 (with Figure 1, whose caption an extractor may read first), an implied figure reads
    # "Label: figure (hedged: …)"; a stated one is in
    # its claim's row
    table1 = pdf_text.split("Table 1.", 1)[1].split("What later reports said", 1)[0]  # (Figure 1 is a picture)
    for who, fig in (("NIS", nis), ("CSIS", csis)):
        assert (f"{row}: {fig}" if cells[(row, who)][1] == "implied" else fig) in table1, (row, who)


def test_html_is_offline_and_codeless(html):
    text = re.sub(r"data:image/png;base64,[^\"]*", "", html).lower()
    assert "<script" not in text
    assert "cdn" not in text and "mathjax" not in text and "require.js" not in text
    assert not re.search(r"""src=["']https?://""", html) and "<link" not in html  # nothing loaded from the web
    assert re.findall(r"<a [^>]*href=\"https?://", html)  # sources are links, each opening a new tab without an opener
    assert all('target="_blank"' in a and 'rel="noopener noreferrer"' in a
               for a in re.findall(r"<a [^>]*href=\"https?://[^>]*>", html))
    assert "input_area" not in html and "In&nbsp;[" not in html and "import " not in html
    assert 'font-family: "DejaVu Sans"' in html
    assert "data:image/png;base64," in html


def test_results_json_has_figures_with_bands_and_ids(report):
    data = json.loads((report / "results.json").read_text())
    fig = {(f["claimant"], f["quantity"]): f for f in data["figures"]}
    nis = fig[("NIS", "wounded_per_killed")]
    assert nis["stated"] == {"low": 9.0, "point": 9.0, "high": 9.0}
    assert nis["claim_ids"] == ["nis-killed", "nis-wounded"]
    band = nis["band"]
    assert band["p5"] < band["p50"] < band["p95"]
    # "as high as 50 %" is a ceiling: no low end, no point; the casualties it implies are "at most 5,500"
    assert fig[("CSIS", "casualty_rate")]["stated"] == {"low": None, "point": None, "high": 50.0}
    assert fig[("CSIS", "casualties")]["stated"] == {"low": None, "point": None, "high": 5500.0}
    assert ("Pooled", "casualty_rate") in fig
    verdicts = {f["quantity"]: f["verdict"] for f in data["flags"]}
    assert {q: verdicts[q] for q in ("casualty_rate", "casualties", "wounded")} == dict.fromkeys(
        ("casualty_rate", "casualties", "wounded"), "consistent")
    assert verdicts["killed"] == "disagreement"
    split = [f for f in data["figures"] if f.get("split")]
    assert {f["quantity"] for f in split} >= {"killed"}  # 270-330 and 900-1,100 leave a gap
    assert all(f["band"]["p50"] is None and f["p50_null_reason"] for f in split)
    judged = {r["judgment"]: r for r in data["robustness"]}
    assert judged["NIS’s (our attribution) casualty rate lies within CSIS’s upper bound"]["share"] == 1.0


def test_executed_notebook_has_no_timing_metadata(report):
    nb = json.loads((report / "briefing.ipynb").read_text())
    text = json.dumps(nb)
    assert "start_time" not in text and "iopub.execute_input" not in text and "duration" not in text


def test_two_builds_are_byte_identical(report, tmp_path):
    assert main(["build", "--out", str(tmp_path), "--quiet", "--force"]) == 0
    assert _digests(tmp_path) == _digests(report)


def test_unchanged_rebuild_is_recognised(report):
    # that it starts no kernel is observed in test_publish.py::test_build__up_to_date_starts_no_kernel
    r = subprocess.run([sys.executable, "-m", "analysis", "build", "--out", str(report)], capture_output=True, text=True)
    assert r.returncode == 0 and "up to date" in r.stderr


def test_broken_ledger_leaves_previous_report(report, tmp_path):
    out = tmp_path / "kept"
    shutil.copytree(report, out)
    before = _digests(out)
    rc = main(["build", "--out", str(out), "--quiet", "-p", "ledger", str(FIXTURES / "bad" / "negative.csv")])
    assert rc == 1
    assert _digests(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".brief-building-")]


def test_a_bad_borrow_is_one_clear_line_and_the_report_is_kept(report, tmp_path, capsys):
    out = tmp_path / "kept"
    shutil.copytree(report, out)
    before = _digests(out)
    # borrowing a metric the lender does not state (the NIS gives killed and wounded, not casualties): only the
    # kernel, which derives the figures, can tell; the user reads their parameter's problem, not a notebook cell's
    assert main(["build", "--out", str(out), "--quiet", "-p", "borrow", "{casualties: NIS}"]) == 1
    err = capsys.readouterr().err  # after the step lines: the problem on one line, then that the report is kept
    assert err.endswith("\nbrief build: parameter 'borrow' borrows casualties from 'NIS', who states no casualties\n"
                        "brief build: failed; the previous report (if any) is untouched\n")
    assert "Traceback" not in err and "notebook cell" not in err
    assert _digests(out) == before


def test_since_a_folder_without_results_is_one_clear_line(tmp_path, capsys):
    empty = tmp_path / "not-a-report"
    empty.mkdir()
    assert main(["build", "--out", str(tmp_path / "r"), "--quiet", "--since", str(empty)]) == 1
    err = capsys.readouterr().err
    assert err.endswith(f"\nbrief build: {empty}: the folder holds no results.json\n"
                        "brief build: failed; the previous report (if any) is untouched\n")
    assert "Traceback" not in err and "notebook cell" not in err


def test_a_failing_cell_is_named(tmp_path, capsys, monkeypatch):
    # a defect, not bad input: the cell that failed and the error, on one line
    notebook = tmp_path / "briefing.ipynb"
    notebook.write_text((ROOT / "notebooks" / "briefing.ipynb").read_text(encoding="utf-8").replace(
        "brief = compute(params)", "brief = compute(params); 1 / 0"), encoding="utf-8")
    from analysis.publish import build

    with pytest.raises(build.BuildError) as e:
        build.build({"draws": 2000, "sensitivity_draws": 500}, tmp_path / "r", notebook=notebook, progress=False,
                    verbose=False)
    assert str(e.value).startswith("notebook cell 2 ('from IPython.display import display') failed: "
                                   "ZeroDivisionError: division by zero")


def test_unknown_parameter_refused_before_execution(tmp_path, capsys, monkeypatch):
    import analysis.publish.build

    def no_kernel(*_a):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(analysis.publish.build, "start_kernel", no_kernel)
    assert main(["build", "--out", str(tmp_path / "r"), "-p", "sede", "7"]) == 1
    assert "unknown parameter 'sede'" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_wrong_type_refused(tmp_path, capsys):
    assert main(["build", "--out", str(tmp_path / "r"), "-p", "draws", "many"]) == 1
    assert "parameter 'draws' must be integer" in capsys.readouterr().err


def test_ledger_text_is_escaped(tmp_path):
    ledger = tmp_path / "xss.csv"
    header = ",".join((ROOT / "data" / "claims.csv").read_text(encoding="utf-8").splitlines()[0].split(",")[:15])
    ledger.write_text(header + "\n" + ",".join([
        "x-killed", "killed", "", "300", "", "persons", "approximate", "Fictional <b>Desk</b>", "", "", "", "",
        "https://example.org/", '"<script>alert(1)</script> about 300 died"', "fictional test row"]) + "\n",
        encoding="utf-8")
    out = tmp_path / "r"
    assert main(["build", "--out", str(out), "--quiet", "-p", "ledger", str(ledger), "-p", "draws", "2000",
                 "-p", "sensitivity_draws", "500"]) == 0
    html = (out / "briefing.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "<b>Desk</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" in _pdf_text(out / "briefing.pdf")


def test_plain_papermill_run_with_other_seed(tmp_path):
    out = tmp_path / "out.ipynb"
    r = subprocess.run([sys.executable, "-m", "papermill", "notebooks/briefing.ipynb", str(out), "-p", "seed", "7",
                        "-p", "draws", "5000", "-p", "sensitivity_draws", "1000", "-k", "python3",
                        "--no-progress-bar"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    nb = json.loads(out.read_text(encoding="utf-8"))
    assert nb["metadata"]["papermill"]["parameters"] == {"seed": 7, "draws": 5000, "sensitivity_draws": 1000}
    # the brief ran with them: its reproducibility section lists the parameters it used
    repro = next(o["data"]["text/html"] for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]
                 if "text/html" in o.get("data", {}) and '<dl class="repro">' in "".join(o["data"]["text/html"]))
    code = re.search(r"<dt>Parameters</dt><dd><code>(.*?)</code>", "".join(repro)).group(1)
    used = json.loads(html_module.unescape(code))
    assert (used["seed"], used["draws"], used["sensitivity_draws"]) == (7, 5000, 1000)


def test_plain_papermill_run_gets_the_checks_of_brief_build(tmp_path, capsys):
    # "at least X" read as up to 1,000 X: params allow 1 to 100; the notebook's own run refuses it as the build does.
    rule = "parameter 'atleast_ceiling' must be from 1 to 100, got 1,000.0"
    assert main(["build", "--out", str(tmp_path / "r"), "--quiet", "-p", "atleast_ceiling", "1000"]) == 1
    assert f"brief build: {rule}\n" in capsys.readouterr().err
    r = subprocess.run([sys.executable, "-m", "papermill", "notebooks/briefing.ipynb", str(tmp_path / "out.ipynb"),
                        "-p", "atleast_ceiling", "1000", "-k", "python3", "--no-progress-bar"],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 1
    assert f"ParameterError: {rule}" in r.stderr


def test_pdf_step_failure_named_and_report_kept(report, tmp_path, capsys, monkeypatch):
    import analysis.publish.build

    def no_disk(*_args, **_kw):
        raise OSError(28, "No space left on device")

    out = tmp_path / "kept"
    shutil.copytree(report, out)
    before = _digests(out)
    monkeypatch.setattr(analysis.publish.build, "render_pdf", no_disk)
    assert main(["build", "--out", str(out), "--quiet", "--force", "-p", "draws", "2000",
                 "-p", "sensitivity_draws", "500"]) == 1
    assert "rendering the PDF failed: OSError: [Errno 28] No space left on device" in capsys.readouterr().err
    assert _digests(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".brief-building-")]
