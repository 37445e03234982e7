"""The build's recipe without a kernel: output folders refused or claimed, the set published atomically (a crash
at any point leaves the old set or the new one), leftovers tidied, the cache observed, the atomic writer."""

import os
import threading
import time

import pytest

from analysis.publish import build as B
from analysis.publish import outputs as O
from analysis import paths
from analysis.errors import BriefError, BuildError, OutputError


def _stage(folder, tag):
    """A fake build's four outputs, each naming its set."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in O.OUTPUTS:
        (folder / name).write_text(f"{tag}:{name}")
    return folder


def _publish(out, tag, tmp_path):
    work = _stage(tmp_path / f"work-{tag}-{time.perf_counter_ns()}", tag)
    O.claim(out)
    O.publish(out, work, f"key-{tag}")


def _set_of(out):
    """Which set the folder shows (every file and the key must agree), or None when there is none."""
    tags = {(out / name).read_text().split(":")[0] for name in O.OUTPUTS if (out / name).exists()}
    key = out / O.CURRENT / O.KEY_FILE
    if not tags and not key.exists():
        return None
    assert len(tags) == 1 and all((out / n).exists() for n in O.OUTPUTS), f"mixed set: {tags}"
    (tag,) = tags
    assert key.read_text().strip() == f"key-{tag}"
    return tag


def test_publish__shows_the_new_set_and_removes_the_old(tmp_path):
    out = tmp_path / "out"
    _publish(out, "A", tmp_path)
    _publish(out, "B", tmp_path)
    assert _set_of(out) == "B"
    assert [p.name for p in out.iterdir() if p.name.startswith(O.GENERATION)] == [os.readlink(out / O.CURRENT)]
    assert O.up_to_date(out, "key-B") and not O.up_to_date(out, "key-A")


def _crashing(monkeypatch, at):
    """Make the at-th file-system call of publish (replace, symlink, link, rename) raise, as a kill would stop it."""
    calls = {"n": 0}
    for name in ("replace", "symlink", "link"):
        real = getattr(os, name)

        def wrapped(*args, _real=real, **kw):
            calls["n"] += 1
            if calls["n"] == at:
                raise OSError("crash injected")
            return _real(*args, **kw)

        monkeypatch.setattr(os, name, wrapped)
    return calls


@pytest.mark.parametrize("earlier", ["published", "plain files", "none"])
def test_publish__a_crash_at_any_point_leaves_the_old_set_or_the_new(tmp_path, monkeypatch, earlier):
    at, finished = 1, False
    while not finished and at < 40:
        out = tmp_path / f"out-{at}"
        if earlier == "published":
            _publish(out, "A", tmp_path)
        elif earlier == "plain files":  # a brief built before this layout: plain files and the key beside them
            _stage(out, "A")
            (out / O.KEY_FILE).write_text("key-A\n")
        work = _stage(tmp_path / f"work-{at}", "B")
        with monkeypatch.context() as m:
            calls = _crashing(m, at)
            try:
                O.claim(out)
                O.publish(out, work, "key-B")
                finished = True
            except OSError as e:
                assert str(e) == "crash injected"
        shown = _set_of(out) if earlier != "plain files" or (out / O.CURRENT).exists() else \
            {(out / n).read_text() for n in O.OUTPUTS} == {f"A:{n}" for n in O.OUTPUTS} and "A"
        assert shown in ({"A", "B"} if earlier != "none" else {None, "B"}), (at, shown)
        O.tidy(out)
        _publish(out, "C", tmp_path)  # the next build recovers and tidies what the crash left
        assert _set_of(out) == "C"
        assert len([p for p in out.iterdir() if p.name.startswith((O.GENERATION, O.BUILDING))]) == 1
        at += 1
    assert finished and calls["n"] > 3  # every call of a complete publish was crashed once


def test_tidy__removes_leftovers_of_killed_builds_but_not_the_published_set(tmp_path):
    out = tmp_path / "out"
    _publish(out, "A", tmp_path)
    (out / f"{O.BUILDING}x1").mkdir()
    (out / f"{O.GENERATION}x2").mkdir()
    (out / f"{O.CURRENT}.new").symlink_to("nowhere")
    (tmp_path / ".out-building-abc").mkdir()  # the layout before: working folders beside the output
    O.tidy(out)
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".brief-")) == [
        O.CURRENT, os.readlink(out / O.CURRENT)]
    assert not (tmp_path / ".out-building-abc").exists()
    assert _set_of(out) == "A"


@pytest.mark.parametrize("setup, message", [
    (lambda d: (d / "results.json").write_text('{"mine": 1}'), "holds files that are not a brief (results.json)"),
    (lambda d: (d / "notes.txt").write_text("mine"), "holds files that are not a brief (notes.txt)"),
    (lambda d: (d / "sub").mkdir(), "holds files that are not a brief (sub)"),
])
def test_output_folder__refuses_a_folder_that_is_not_a_brief(tmp_path, setup, message):
    d = tmp_path / "d"
    d.mkdir()
    setup(d)
    with pytest.raises(OutputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        O.output_folder(d)


def test_output_folder__refuses_system_folders_and_files(tmp_path):
    for folder in ("/etc", "/"):
        with pytest.raises(OutputError, match="holds files that are not a brief"):
            O.output_folder(folder)
    (tmp_path / "f").write_text("x")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        O.output_folder(tmp_path / "f")


def test_output_folder__accepts_new_empty_marked_and_earlier_briefs(tmp_path):
    assert O.output_folder(tmp_path / "new") == tmp_path / "new"
    (tmp_path / "empty").mkdir()
    assert O.output_folder(tmp_path / "empty") == tmp_path / "empty"
    marked = _stage(tmp_path / "marked", "A")
    O.claim(marked)
    (marked / "notes.txt").write_text("the user's, beside a brief")
    assert O.output_folder(marked) == marked
    earlier = _stage(tmp_path / "earlier", "A")
    (earlier / O.KEY_FILE).write_text("key-A\n")
    assert O.output_folder(earlier) == earlier
    assert O.output_folder(paths.REPORTS_DIR) == paths.REPORTS_DIR  # the project's own, README and all


def test_lock__a_second_build_waits_for_the_first(tmp_path):
    out = tmp_path / "out"
    O.claim(out)
    order, said = [], []

    def second():
        with O.locked(out, said.append):
            order.append("second")

    with O.locked(out):
        t = threading.Thread(target=second)
        t.start()
        time.sleep(0.3)
        order.append("first")
    t.join(5)
    assert order == ["first", "second"]
    assert said == [f"waiting for another build into {out} to finish"]


def _fake_build_into(out, tmp_path, values):
    """A folder that holds a published set under the key these values give, as a real build would leave it."""
    key = B.input_key(B.resolved_parameters(values))
    work = _stage(tmp_path / "work-cached", "A")
    O.claim(out)
    O.publish(out, work, key)


def _no_kernel(_workdir, _sockets=None):
    raise RuntimeError("a kernel was started")


def test_build__up_to_date_starts_no_kernel(tmp_path, monkeypatch):
    out = tmp_path / "out"
    _fake_build_into(out, tmp_path, {"seed": 7})
    monkeypatch.setattr(B, "start_kernel", _no_kernel)
    assert B.build({"seed": 7}, out, verbose=False) is False
    with pytest.raises(BriefError, match="a kernel was started"):  # other parameters, or --force: a kernel is started
        B.build({"seed": 8}, out, verbose=False)
    with pytest.raises(BriefError, match="a kernel was started"):
        B.build({"seed": 7}, out, force=True, verbose=False)
    assert {(out / n).read_text() for n in O.OUTPUTS} == {f"A:{n}" for n in O.OUTPUTS}  # the set as it was
    assert O.up_to_date(out, B.input_key(B.resolved_parameters({"seed": 7})))


def test_build__an_edited_ledger_is_rebuilt(tmp_path, monkeypatch):
    ledger = tmp_path / "claims.csv"
    ledger.write_bytes((paths.DEFAULT_LEDGER).read_bytes())
    out = tmp_path / "out"
    _fake_build_into(out, tmp_path, {"ledger": str(ledger)})
    monkeypatch.setattr(B, "start_kernel", _no_kernel)
    assert B.build({"ledger": str(ledger)}, out, verbose=False) is False
    ledger.write_bytes(ledger.read_bytes().replace(b"2700", b"2800"))
    with pytest.raises(BriefError, match="a kernel was started"):
        B.build({"ledger": str(ledger)}, out, verbose=False)


def test_build__a_failing_step_is_named_and_typed(tmp_path, monkeypatch):
    def boom(_workdir, _sockets=None):
        raise RuntimeError("no kernel spec")

    monkeypatch.setattr(B, "start_kernel", boom)
    with pytest.raises(BriefError, match="starting the kernel failed: RuntimeError: no kernel spec"):
        B.build({}, tmp_path / "out", verbose=False)
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(O.BUILDING)]


def test_write_atomic__replaces_whole_or_not_at_all(tmp_path, monkeypatch):
    target = tmp_path / "index.html"
    paths.write_atomic(target, "old")
    assert paths.write_atomic(target, "new") == target and target.read_text() == "new"

    def full_disk(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError):
        paths.write_atomic(target, "never")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]  # no temporary file left


def test_publish__over_a_copy_made_with_cp_r(tmp_path):
    import shutil

    out = tmp_path / "out"
    _publish(out, "A", tmp_path)
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)  # follows the links: plain files, and .brief-current as a real folder
    assert not (copy / "results.json").is_symlink() and O.up_to_date(copy, "key-A")
    _publish(copy, "B", tmp_path)
    O.tidy(copy)
    assert _set_of(copy) == "B" and _set_of(out) == "A"
    assert len([p for p in copy.iterdir() if p.name.startswith((O.GENERATION, O.BUILDING))]) == 1


def test_step__a_signal_a_library_turned_into_another_error_stays_an_interruption():
    # SIGTERM while jupyter_client starts the kernel came back as "starting the kernel failed: TypeError: expected a
    # message argument" (exit 1) instead of "interrupted" (130): once the command line's handler has seen a signal,
    # any error a step raises is the interruption
    from analysis.publish import build

    with pytest.raises(BuildError, match="starting the kernel failed: TypeError: x"):
        with build.step("starting the kernel"):
            raise TypeError("x")
    build.INTERRUPTED.set()
    try:
        with pytest.raises(KeyboardInterrupt):
            with build.step("starting the kernel"):
                raise TypeError("expected a message argument")
    finally:
        build.INTERRUPTED.clear()
