"""The briefing notebook in JupyterLab, as a reader opens it: a real `jupyter lab` on a free loopback port with a
token, Debian's chromium opening notebooks/briefing.ipynb, Run All, and then no cell in error and the bottom line on
the page. The server and its kernel are always stopped, also when the test fails; the notebook file is left as it
was (autosave off)."""

import contextlib
import hashlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import psutil
import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow
NOTEBOOK = "notebooks/briefing.ipynb"
SETTINGS = {  # no autosave (the test must not rewrite the notebook), no news or update checks (no network)
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(base: str, token: str, path: str, method: str = "GET"):
    req = urllib.request.Request(f"{base}{path}", method=method, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=10) as r:
        body = r.read()
    return json.loads(body) if body else None


def _stop(proc: subprocess.Popen, base: str, token: str) -> None:
    """Shut the kernels down through the server, then the server (SIGTERM, then SIGKILL); kill any kernel left."""
    children = []
    with contextlib.suppress(psutil.Error):
        children = psutil.Process(proc.pid).children(recursive=True)  # the kernel and its helpers, by pid
    with contextlib.suppress(Exception):
        for kernel in _api(base, token, "/api/kernels"):
            _api(base, token, f"/api/kernels/{kernel['id']}", "DELETE")
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the server's own process group (start_new_session)
            proc.wait(timeout=10)
    for child in children:
        with contextlib.suppress(psutil.Error):
            child.kill()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on the project, its own config, runtime and settings folders in a temporary folder;
    stopped after the module's tests, whatever they did."""
    tmp_path = tmp_path_factory.mktemp("lab")
    port, token = _free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    settings = tmp_path / "settings"
    for name, values in SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values))
    runtime = tmp_path / "runtime"
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_RUNTIME_DIR=str(runtime),
               JUPYTER_DATA_DIR=str(tmp_path / "data"),  # no user-level kernelspec: the venv's python3 kernel
               JUPYTER_PREFER_ENV_PATH="1",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    log = open(tmp_path / "lab.log", "wb")
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
           "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={ROOT}",
           f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}",
           "--LabApp.expose_app_in_browser=True", "--ServerApp.terminals_enabled=False"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"jupyter lab exited ({proc.returncode}):\n{(tmp_path / 'lab.log').read_text()[-3000:]}")
            with contextlib.suppress(OSError):
                if _api(base, token, "/api/status") is not None:
                    break
            if time.monotonic() > deadline:
                pytest.fail(f"jupyter lab did not answer in 90 s:\n{(tmp_path / 'lab.log').read_text()[-3000:]}")
            time.sleep(0.5)
        yield dict(base=base, token=token, proc=proc, runtime=runtime, log=tmp_path / "lab.log")
    finally:
        _stop(proc, base, token)
        log.close()


RUN_STATE = """() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const cells = Array.from(panel.content.model.cells).filter(c => c.type === 'code');
    const outputs = cells.map(c => c.outputs.toJSON());
    return {counts: cells.map(c => c.executionCount), status: panel.sessionContext.session?.kernel?.status,
            errors: outputs.flat().filter(o => o.output_type === 'error').map(o => `${o.ename}: ${o.evalue}`),
            html: outputs.flat().map(o => (o.data || {})['text/html'] || '').join('\\n')};
}"""


def test_notebook_runs_in_jupyterlab(lab, chromium):
    before = hashlib.sha256((ROOT / NOTEBOOK).read_bytes()).hexdigest()
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside = []

    def route(r):  # the page talks to our server only
        if r.request.url.startswith(lab["base"]):
            r.continue_()
        else:
            outside.append(r.request.url[:120])
            r.abort()

    page.route("**/*", route)
    try:
        page.goto(f"{lab['base']}/lab/tree/{NOTEBOOK}?token={lab['token']}", timeout=120_000)
        page.wait_for_function("""() => { const p = window.jupyterapp && window.jupyterapp.shell.currentWidget;
            return p && p.context && p.context.path === 'notebooks/briefing.ipynb' && p.sessionContext.session
                   && p.sessionContext.session.kernel && p.sessionContext.session.kernel.status === 'idle'; }""",
                               timeout=120_000, polling=500)
        assert all(c is None for c in page.evaluate(RUN_STATE)["counts"]), "the notebook is committed with outputs"
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_function(f"""() => {{ const s = ({RUN_STATE})();
            return s.status === 'idle' && (s.errors.length > 0 || s.counts.every(c => c !== null)); }}""",
                               timeout=180_000, polling=500)
        state = page.evaluate(RUN_STATE)
        assert state["errors"] == []
        assert all(isinstance(c, int) for c in state["counts"])
        # the bottom line, with the article's figures, and the charts, rendered in the page
        assert 'class="bluf"' in state["html"] and state["html"].count("data:image/png;base64,") >= 3
        bluf = page.locator(".jp-OutputArea-output section.bluf")
        bluf.scroll_into_view_if_needed()
        assert bluf.is_visible()
        # the article's figures in their places: the NIS's about 300 killed in its row of Table 1, and beneath NIS's
        # claims what they imply: wounded per killed (2,700 / 300 = 9.0) and casualty rate (3,000 / 11,000 to
        # 3,000 / 10,000); beneath CSIS's, its casualties a bound (50 % of about 11,000: at most 5,500)
        figure = page.locator(".jp-OutputArea-output tr#claim-nis-killed td[data-label='Figure']")
        assert figure.evaluate("td => td.firstChild.textContent") == "about 300"  # before its bound's note
        groups = page.locator(".jp-OutputArea-output table.claims tbody.claimant")

        def implied(group: int, label: str) -> str:
            item = groups.nth(group).locator("tr.implied li").filter(has_text=f"{label}:")
            return item.locator(".fig").text_content()

        assert implied(0, "Wounded per killed") == "9.0"
        assert implied(0, "Casualty rate (casualties / deployed)") == "27.3–30.0%"
        assert implied(1, "Casualties (killed + wounded)") == "at most 5,500"
        heading = page.get_by_role("heading", name="Bottom line up front")
        assert heading.count() >= 1
        assert outside == []
    finally:
        context.close()
    assert hashlib.sha256((ROOT / NOTEBOOK).read_bytes()).hexdigest() == before, "the test changed the notebook"


def test_stopping_leaves_no_server_and_no_kernel(lab):
    """The stopping code itself, on the server above and the kernel that ran the notebook (or a new one)."""
    if not _api(lab["base"], lab["token"], "/api/kernels"):
        _api(lab["base"], lab["token"], "/api/kernels", "POST")
        time.sleep(1)
    pids = [p.pid for p in psutil.Process(lab["proc"].pid).children(recursive=True)]
    assert pids, "no kernel process is running"
    _stop(lab["proc"], lab["base"], lab["token"])
    assert lab["proc"].poll() is not None
    time.sleep(0.5)
    alive = [pid for pid in pids if psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]
    assert alive == [], "a kernel was left running"
    assert not list(lab["runtime"].glob("kernel-*.json"))
