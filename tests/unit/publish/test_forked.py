"""Charts drawn two at a time: same bytes as one at a time, and a failing child never loses a job."""

import os
import signal
from types import SimpleNamespace

import pytest

from analysis import forked
from analysis.present import brief_charts
from analysis.brief.compute import compute
from conftest import FIXTURES, ROOT

needs_fork = pytest.mark.skipif(not forked.can_fork(), reason="needs fork, two cores and no BRIEF_SERIAL_CHARTS")


@needs_fork
def test_results_by_name_whoever_ran_them():
    pids = forked.run({"a": lambda: str(os.getpid()).encode(), "b": lambda: str(os.getpid()).encode()})
    assert set(pids) == {"a", "b"}
    assert pids["b"] == str(os.getpid()).encode()  # the second half runs here
    assert pids["a"] != pids["b"]  # the first half in the child


@needs_fork
def test_a_job_failing_in_the_child_runs_here():
    parent = os.getpid()

    def only_here():
        if os.getpid() != parent:
            raise RuntimeError("child trouble")
        return b"ran here"

    assert forked.run({"flaky": only_here, "other": lambda: b"x"}) == {"flaky": b"ran here", "other": b"x"}


def test_a_real_error_still_surfaces():
    def broken():
        raise ValueError("bad chart")

    with pytest.raises(ValueError, match="bad chart"):
        forked.run({"broken": broken, "fine": lambda: b"x"})


@pytest.mark.parametrize("ledger, charts", [
    # NIS's 300 / 2,700 are dated; data/later-reports.csv revises its claims: the later reports' chart
    (ROOT / "data" / "claims.csv", ["claims", "distribution", "tornado", "later"]),
    (FIXTURES / "fictional_ledger.csv", ["claims", "distribution", "tornado"]),  # later reports of another
])
def test_charts_drawn_in_parallel_are_the_same_bytes(ledger, charts):
    b = compute(ledger=str(ledger), draws=20_000, sensitivity_draws=5_000, seed=1)
    drawn = brief_charts.draw(b)
    assert list(drawn) == charts
    for name in charts:
        assert drawn[name] == brief_charts.CHARTS[name](b), name
        assert drawn[name].startswith(b"\x89PNG")


def test_serial_where_the_cores_are_taken(monkeypatch):
    monkeypatch.setenv(forked.SERIAL_ENV, "true")
    assert not forked.can_fork()
    pids = forked.run({"a": lambda: str(os.getpid()).encode(), "b": lambda: str(os.getpid()).encode()})
    assert pids["a"] == pids["b"] == str(os.getpid()).encode()


def _children(monkeypatch) -> list:
    """The children forked.run starts, recorded (to read how each ended)."""
    import multiprocessing

    made = []
    real = multiprocessing.get_context

    def get_context(method):
        ctx = real(method)

        class Recorded(ctx.Process):
            def start(self):
                made.append(self)
                super().start()

        return SimpleNamespace(Process=Recorded, Pipe=ctx.Pipe)

    monkeypatch.setattr(forked.multiprocessing, "get_context", get_context)
    return made


@needs_fork
def test_an_error_here_leaves_no_child_behind(monkeypatch):
    import multiprocessing
    import time

    def slow():
        time.sleep(30)
        return b"late"

    def broken():
        raise ValueError("bad chart")

    children = _children(monkeypatch)
    with pytest.raises(ValueError, match="bad chart"):
        forked.run({"slow": slow, "broken": broken})
    # the slow child was stopped, not waited for: killed (SIGKILL), not finished (exit code 0)
    assert [c.exitcode for c in children] == [-signal.SIGKILL]
    assert multiprocessing.active_children() == []


def test_an_os_error_here_surfaces_as_itself():
    def unreadable():
        raise OSError("font missing")

    with pytest.raises(OSError, match="font missing"):
        forked.run({"fine": lambda: b"x", "unreadable": unreadable})


@needs_fork
def test_a_silent_child_is_given_up_after_the_timeout(monkeypatch):
    import multiprocessing
    import time

    parent = os.getpid()

    def stalls_in_the_child():
        if os.getpid() != parent:
            time.sleep(30)
        return b"ran here"

    monkeypatch.setattr(forked, "CHILD_TIMEOUT_S", 0.5)
    children = _children(monkeypatch)
    assert forked.run({"stalls": stalls_in_the_child, "other": lambda: b"x"}) == {"stalls": b"ran here", "other": b"x"}
    # given up after the timeout: the child was killed in its sleep, and its job ran here instead
    assert [c.exitcode for c in children] == [-signal.SIGKILL]
    assert multiprocessing.active_children() == []
