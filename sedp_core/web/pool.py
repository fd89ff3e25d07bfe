"""The worker processes that validate and render, so one large program never blocks other users' pages.

A `concurrent.futures.ProcessPoolExecutor` started with forkserver (spawn where there is none): the server's
threads and open sockets are never forked into a worker. A worker that dies (a crash, the out-of-memory killer)
breaks the whole pool and every job in it; the pool is then made again, and each broken job is tried once more alone, in
a process of its own: the other users' jobs succeed, and only the job that breaks its own process too is reported
as a crash, to its own user.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

__all__ = ["JobPool", "WorkerCrashed"]


class WorkerCrashed(Exception):
    """The job broke its worker process twice."""


class JobPool:
    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _context(self) -> Any:
        methods = multiprocessing.get_all_start_methods()
        if "forkserver" in methods:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["sedp_core.web.jobs"])
            return context
        return multiprocessing.get_context("spawn")

    def _current(self) -> ProcessPoolExecutor:
        from sedp_core.web.jobs import warm_up

        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(self.workers, mp_context=self._context(), initializer=warm_up)
            return self._pool

    def _renew(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is broken:  # another job may have made the new pool already
                self._pool = None
                broken.shutdown(wait=False, cancel_futures=True)

    async def run(self, function: Callable[..., Any], *args: Any) -> Any:
        """`function(*args)` in a worker; `WorkerCrashed` when it breaks a worker of its own as well."""
        pool = self._current()
        try:
            return await asyncio.wrap_future(pool.submit(function, *args))
        except BrokenProcessPool:
            self._renew(pool)
        # Every job of a broken pool fails together; each is tried again alone, in a process of its own, so
        # only the job that broke the pool fails (for its own user) and the others succeed.
        from sedp_core.web.jobs import warm_up

        alone = ProcessPoolExecutor(1, mp_context=self._context(), initializer=warm_up)
        try:
            return await asyncio.wrap_future(alone.submit(function, *args))
        except BrokenProcessPool:
            raise WorkerCrashed from None
        finally:
            alone.shutdown(wait=False)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
