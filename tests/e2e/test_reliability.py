"""Hostile and careless input through the real command line (a subprocess each): the exit code, a message and no
traceback, and, where a report existed, its files byte-identical afterwards. Issue 13's cases, one test each."""

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.publish import build as B
from analysis.publish import outputs as O
from conftest import FIXTURES, ROOT

FAST = ["-p", "draws", "2000", "-p", "sensitivity_draws", "500", "--quiet"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def brief(*args, timeout=120):
    r = subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], cwd=ROOT, env=ENV, capture_output=True,
                       text=True, timeout=timeout)
    assert "Traceback" not in r.stdout + r.stderr, r.stderr[-3000:]
    return r


def digests(folder):
    return {n: hashlib.sha256((folder / n).read_bytes()).hexdigest() for n in O.OUTPUTS if (folder / n).exists()}


@pytest.fixture
def previous(tmp_path):
    """A folder holding a published report (stand-in bytes: these cases are refused before anything runs)."""
    out, work = tmp_path / "report", tmp_path / "work"
    work.mkdir()
    for name in O.OUTPUTS:
        (work / name).write_text(f"previous {name}")
    O.claim(out)
    O.publish(out, work, "previous-key")
    return out


def _yaml(tmp_path, text):
    p = tmp_path / "params.yaml"
    p.write_text(text, encoding="utf-8")
    return p


BOMB = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 9))


@pytest.mark.parametrize("args, message", [
    (["-p", "claimants", "[KCNA]"], "no claims for claimant 'KCNA' (the ledger has NIS, CSIS)"),
    (["-p", "claimants", "[NIS"], "parameter 'claimants': '[NIS' is not YAML"),
    (["-p", "draws", "-5"], "parameter 'draws' must be from 1 to 10,000,000, got -5"),
    (["-p", "draws", "0"], "parameter 'draws' must be from 1 to 10,000,000, got 0"),
    (["-p", "draws", "1000000000000"], "parameter 'draws' must be from 1 to 10,000,000"),
    (["-p", "weights", "{NIS: .nan}"], "the weight of NIS must be a finite number, 0 or more, got nan"),
    (["-p", "weights", "{NIS: .inf, CSIS: 1}"], "the weight of NIS must be a finite number"),
    (["-p", "as_of", "yesterday"], "parameter 'as_of' must be a real date YYYY, YYYY-MM or YYYY-MM-DD"),
    (["-p", "as_of", "2025-13-45"], "got '2025-13-45'"),
    (["-p", "as_of", "2025-02-30"], "got '2025-02-30'"),
    (["-p", "borrow", "{deployed: Nobody}"], "borrows deployed from 'Nobody', who has no claims"),
    (["-p", "approx_tolerance", "1.5"], "parameter 'approx_tolerance' must be from 0 to 1 (exclusive), got 1.5"),
    (["-p", "ledger", FIXTURES / "bad"], "is a directory, not a file"),
])
@pytest.mark.integration  # runs the CLI in a subprocess
def test_bad_parameter__refused_before_anything_runs(previous, args, message):
    before = digests(previous)
    r = brief("build", "--out", previous, *args)
    assert r.returncode == 1 and message in r.stderr, r.stderr
    assert digests(previous) == before


@pytest.mark.parametrize("text, message", [
    ("seed: [1\n", "line 2, column 1: while parsing a flow sequence"),
    ("seed: !!python/object:os.system [echo]\n", "the tag tag:yaml.org,2002:python/object:os.system is not allowed"),
    (BOMB + "claimants: [*l8]\n", "aliases (*name) are not allowed"),  # 9**8 names once expanded: refused at once
    ("seed: 1\nseed: 2\n", "line 2, column 1: duplicate key 'seed' (first on line 1)"),
    ("<<: 3\nseed: 1\n", "merge keys (<<) are not allowed"),
])
def test_bad_parameter_file__one_line(previous, tmp_path, text, message):
    before = digests(previous)
    r = brief("build", "--out", previous, "-f", _yaml(tmp_path, text), timeout=30)
    assert r.returncode == 1 and message in r.stderr
    assert len([line for line in r.stderr.splitlines() if "params.yaml" in line]) == 1
    assert digests(previous) == before


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_out_system_folder__refused_even_with_force(force):
    before = sorted(os.listdir("/etc"))
    r = brief("build", "--out", "/etc", *force)
    assert r.returncode == 1 and "--out /etc: the folder holds files that are not a brief" in r.stderr
    assert sorted(os.listdir("/etc")) == before


def test_out_folder_with_the_users_own_results__refused_and_kept(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "results.json").write_text('{"mine": 1}')
    r = brief("build", "--out", mine, "--force")
    assert r.returncode == 1 and "holds files that are not a brief (results.json)" in r.stderr
    assert (mine / "results.json").read_text() == '{"mine": 1}' and os.listdir(mine) == ["results.json"]


def _loop(tmp_path):
    loop = tmp_path / "loop.csv"
    loop.symlink_to(loop)
    return loop


@pytest.mark.parametrize("make, message", [
    (_loop, "is a symlink loop"),
    (lambda p: p, "is a directory, not a file"),
    (lambda p: p / "missing.csv", "no such file"),
])
@pytest.mark.integration  # runs the CLI in a subprocess
def test_validate_and_build__bad_ledger_file_named_in_one_line(previous, tmp_path, make, message):
    path = make(tmp_path)
    r = brief("validate", path)
    assert r.returncode == 1 and message in r.stderr and str(path) in r.stderr
    before = digests(previous)
    r = brief("build", "--out", previous, "-p", "ledger", path)
    assert r.returncode == 1 and message in r.stderr
    assert digests(previous) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_validate__unreadable_ledger(tmp_path):
    p = tmp_path / "claims.csv"
    p.write_text("x")
    p.chmod(0)
    r = brief("validate", p)
    assert r.returncode == 1 and "not readable" in r.stderr


@pytest.mark.parametrize("text, message", [
    ("scenarios:\n  index.html: {}\n", "scenario name 'index.html' is taken by the batch's own files"),
    ("scenarios:\n  1: {seed: 1}\n  '1': {seed: 2}\n", "duplicate key '1' (first on line 2)"),
])
def test_batch_file__refused_before_building(tmp_path, text, message):
    p = tmp_path / "scenarios.yaml"
    p.write_text(text)
    r = brief("batch", p, "--out", tmp_path / "out")
    assert r.returncode == 1 and message in r.stderr
    assert not (tmp_path / "out").exists()


# --- with a real report: the kernel runs -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real(tmp_path_factory):
    out = tmp_path_factory.mktemp("real") / "report"
    assert brief("build", "--out", out, *FAST).returncode == 0
    return out


def _copy(real, tmp_path):
    import shutil

    out = tmp_path / "report"
    shutil.copytree(real, out, symlinks=True)
    return out


def _leftovers(out):
    return sorted(p.name for p in out.iterdir() if p.name.startswith(O.BUILDING))


@pytest.mark.slow
def test_kernel_error__mapped_to_our_message(real, tmp_path):
    out = _copy(real, tmp_path)
    before = digests(out)
    r = brief("build", "--out", out, "-p", "ledger", FIXTURES / "fictional_ledger.csv", "-p", "as_of", "2024", *FAST)
    assert r.returncode == 1 and "brief build: no claims known by 2024" in r.stderr  # every claim is dated 2025
    assert "notebook cell" not in r.stderr
    assert digests(out) == before and _leftovers(out) == []


@pytest.mark.slow
def test_unquoted_yaml_date__built_as_that_date(tmp_path):
    out = tmp_path / "feb"
    r = brief("build", "--out", out, "-f", _yaml(tmp_path, "as_of: 2025-02-01\n"), *FAST)
    assert r.returncode == 0, r.stderr
    assert '"as_of": "2025-02-01"' in (out / "results.json").read_text()


def _foreground():
    """In the child: Ctrl-C acts, as in a terminal. A shell runs a background job (`make test &`, CI's nohup) with
    SIGINT ignored, and Python keeps an ignored SIGINT ignored: the build would then rightly not stop."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for_building(out, timeout_s=60):
    """Until a build's working folder appears under `out`: the build is under way (its imports and signal handlers
    done), whatever the machine's load; a fixed sleep would race the start-up."""
    deadline = time.monotonic() + timeout_s
    while not list(Path(out).rglob(f"{O.BUILDING}*")):
        assert time.monotonic() < deadline, f"no build started under {out}"
        time.sleep(0.05)


def _interrupt_during_build(out, sig):
    p = subprocess.Popen([sys.executable, "-m", "analysis", "build", "--out", str(out), "--force", *FAST],
                         cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         preexec_fn=_foreground)
    _wait_for_building(out)
    p.send_signal(sig)
    try:
        stdout, stderr = p.communicate(timeout=60)
    finally:
        p.kill()
    return p.returncode, stdout + stderr


@pytest.mark.slow
@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 130)])
def test_ctrl_c_and_sigterm__one_line_and_the_report_kept(real, tmp_path, sig, code):
    out = _copy(real, tmp_path)
    before = digests(out)
    rc, output = _interrupt_during_build(out, sig)
    assert "Traceback" not in output and rc == code, output[-2000:]
    assert "interrupted; the previous report (if any) is untouched" in output
    assert digests(out) == before and _leftovers(out) == []


@pytest.mark.slow
def test_kill_9__old_set_or_new_and_the_next_build_tidies(real, tmp_path):
    out = _copy(real, tmp_path)
    before = digests(out)
    rc, _ = _interrupt_during_build(out, signal.SIGKILL)  # mid-build: its working folder is left behind
    assert rc == -9 and _leftovers(out), "the kill left no working folder: nothing to tidy"
    assert digests(out) == before  # --force with the same inputs: a new set would have the same bytes as the old
    r = brief("build", "--out", out, *FAST)  # the next build into the folder tidies first, then finds it up to date
    assert r.returncode == 0 and "up to date" in r.stderr
    assert _leftovers(out) == [] and len([p for p in out.iterdir() if p.name.startswith(O.GENERATION)]) == 1


def _consistent_seed(out):
    """The seed the folder's set was built with, after checking results.json, the HTML and the key agree."""
    import json

    seed = json.loads((out / "results.json").read_text())["parameters"]["seed"]
    assert f"seed {seed}" in (out / "briefing.html").read_text(encoding="utf-8")
    key = B.input_key(B.resolved_parameters({"seed": seed, "draws": 2000, "sensitivity_draws": 500}))
    assert O.up_to_date(out, key)
    return seed


@pytest.mark.slow
def test_two_builds_into_one_folder__each_result_a_consistent_set(tmp_path):
    out = tmp_path / "race"
    procs = [subprocess.Popen([sys.executable, "-m", "analysis", "build", "--out", str(out), "-p", "seed", str(s),
                               *FAST], cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for s in (11, 21)]  # one round: each takes a few seconds on a loaded machine, and they do overlap
    try:
        outputs = [p.communicate(timeout=180) for p in procs]
    finally:
        for p in procs:
            p.kill()
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert any("waiting for another build" in err for _, err in outputs)  # they did run at once
    seed = _consistent_seed(out)
    assert seed in (11, 21)
    r = brief("build", "--out", out, "-p", "seed", seed, *FAST)
    assert r.returncode == 0 and "up to date" in r.stderr


def _processes_naming(text):
    """Processes whose command line names `text` (a test's own folder): what a batch might leave behind."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if text in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace"):
                found.append(int(pid))
        except OSError:
            pass
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="lists processes through /proc")
def test_batch_ctrl_c__one_line_and_nothing_left_running(tmp_path):
    scenarios = tmp_path / "scenarios.yaml"
    scenarios.write_text("defaults: {draws: 2000, sensitivity_draws: 500}\nscenarios:\n  a: {seed: 1}\n  b: {seed: 2}\n")
    out = tmp_path / "batch-out"
    p = subprocess.Popen([sys.executable, "-m", "analysis", "batch", str(scenarios), "--out", str(out), "--jobs", "2"],
                         cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         preexec_fn=_foreground)
    _wait_for_building(out)
    p.send_signal(signal.SIGINT)
    try:
        _, err = p.communicate(timeout=60)
    finally:
        p.kill()
    assert p.returncode == 130 and "Traceback" not in err, err[-2000:]
    assert err.strip().splitlines()[-1] == "brief batch: interrupted; the previous report (if any) is untouched"
    deadline = time.monotonic() + 10
    while _processes_naming(str(out)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_naming(str(out)) == []
    assert not [p for p in out.rglob(f"{O.BUILDING}*")]
