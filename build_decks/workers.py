"""The processes that lay out PDF parts, on every core.

They fork from a server process (multiprocessing's forkserver) that has imported WeasyPrint
and the layout code once: WeasyPrint takes most of a second to import, and a build started
from the command line would otherwise wait for it before the first part is laid out.
`warm()` starts that server at the beginning of a build, so it imports WeasyPrint on another
core while this process reads and plans the content; every later build of the same process
(`watch`, `serve`, the tests) finds it running. A worker never outlives its build: an
interrupt or SIGTERM kills them all at once, and a worker dies with the server, which ends
when this process does.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import multiprocessing.forkserver
import os
import queue
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor

# What the server imports before it forks a worker: WeasyPrint and the workers' jobs, warmed
# up (server.py).
PRELOAD = ["build_decks.render.server"]
CONTEXT = multiprocessing.get_context("forkserver")


def cores() -> int:
    return os.cpu_count() or 1


def warm() -> bool:
    """Start the workers' server now (once per process; a later call only says whether it
    runs): False where there is no core to spare, or where it cannot start (no temporary
    folder for its socket, no process left), and the PDFs are laid out in this process."""
    if cores() < 2:
        return False
    CONTEXT.set_forkserver_preload(PRELOAD)
    try:
        multiprocessing.forkserver.ensure_running()
    except OSError:
        return False
    return True


class Workers:
    """Worker processes that end with the build: when it is done, when it fails or is
    interrupted (the workers are killed at once), and when this process dies (Linux: a
    parent-death signal ends a worker with the server, which ends with this process).

    A job is handed over by a thread of its own: a worker cannot start before the server has
    imported WeasyPrint, and the build goes on with the other outputs meanwhile."""

    def __init__(self, count: int) -> None:
        self.before = set(multiprocessing.active_children())
        self.executor: Executor = ProcessPoolExecutor(count, mp_context=CONTEXT,
                                                      initializer=_worker_start)
        self.jobs: queue.SimpleQueue = queue.SimpleQueue()
        self.feeder = threading.Thread(target=self._hand_over, name="pdf-jobs", daemon=True)
        self.feeder.start()

    def submit(self, fn: Callable, /, *args: object) -> Future:
        future: Future = Future()
        self.jobs.put((future, fn, args))
        return future

    def _hand_over(self) -> None:
        while (job := self.jobs.get()) is not None:
            future, fn, args = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                self.executor.submit(fn, *args).add_done_callback(
                    lambda done, future=future: _copy(done, future))
            except BaseException as error:  # the pool broke, or was shut down
                future.set_exception(error)

    def stop(self, at_once: bool = False) -> None:
        """Wait for the workers to end (`at_once`: kill them first)."""
        self.jobs.put(None)
        self.feeder.join()
        ours = [p for p in multiprocessing.active_children() if p not in self.before]
        if at_once:
            for process in ours:
                with contextlib.suppress(OSError):
                    process.kill()
        self.executor.shutdown(wait=True, cancel_futures=True)
        for process in ours:
            process.join(timeout=5)


def _copy(done: Future, future: Future) -> None:
    if done.cancelled():
        future.cancel()
    elif (error := done.exception()) is not None:
        future.set_exception(error)
    else:
        future.set_result(done.result())


def _worker_start() -> None:
    """In each worker: Ctrl-C is the build's to handle (it stops the workers), SIGTERM ends
    the worker, and the worker dies with its parent, the server."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
