"""Run a few independent jobs side by side: half in a forked child, half here (the brief's charts, on 2 cores)."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable

CHILD_TIMEOUT_S = 60  # a child silent this long is given up on and its jobs run here
SERIAL_ENV = "BRIEF_SERIAL_CHARTS"  # set (1, true) where the cores are already busy: a batch's builds side by side


def _cores() -> int:
    """The cores this process may run on (its affinity where the platform says, else all)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def can_fork() -> bool:
    """Whether this platform can fork (Linux, macOS), there is a second core to gain from it, and it is not taken."""
    serial = os.environ.get(SERIAL_ENV, "").strip().lower() not in ("", "0", "false", "no")
    return "fork" in multiprocessing.get_all_start_methods() and _cores() > 1 and not serial


def _child(jobs: dict[str, Callable[[], bytes]], conn) -> None:
    """In the forked child: run the jobs, send their bytes back; on any failure send nothing, so the parent runs them."""
    try:
        sys.stdout = sys.stderr = open(os.devnull, "w")  # the kernel's streams belong to the parent
        conn.send({name: job() for name, job in jobs.items()})
    except BaseException:
        pass
    finally:
        conn.close()


def _receive(conn) -> dict[str, bytes]:
    """What the child sent, or nothing if it died or stayed silent for CHILD_TIMEOUT_S."""
    try:
        return conn.recv() if conn.poll(CHILD_TIMEOUT_S) else {}
    except (EOFError, OSError):
        return {}


def run(jobs: dict[str, Callable[[], bytes]]) -> dict[str, bytes]:
    """Each job's bytes, by name. The first half of the jobs runs in a forked child while this process runs the rest.

    Where fork is unavailable, or the child fails, a job runs here instead: what a job returns never depends on
    where it ran, so the output is the same bytes either way.
    """
    names = list(jobs)
    ahead = {n: jobs[n] for n in names[: len(names) // 2]} if can_fork() else {}
    if not ahead:
        return {n: jobs[n]() for n in names}
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(ahead, send), daemon=True)
    try:
        child.start()
    except (AssertionError, OSError):  # e.g. a daemonic process may not have children; out of processes
        receive.close()
        send.close()
        return {n: jobs[n]() for n in names}
    send.close()
    there: dict[str, bytes] = {}
    try:
        here = {n: jobs[n]() for n in names if n not in ahead}
        there = _receive(receive)
    finally:  # also when a job here raised: never leave the child behind
        receive.close()
        child.join(5 if there else 0)  # it sent: give it a moment to exit, then stop it
        if child.is_alive():
            child.kill()
            child.join()
    done = {**here, **there}
    return {n: done[n] if n in done else jobs[n]() for n in names}
