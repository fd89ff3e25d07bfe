"""Load on the web page (issue 18): N concurrent users against `sedp serve` on 127.0.0.1, next to the same work
done by `sedp render` from the command line. Usage: .venv/bin/python bench/web_load.py [--quick] [--users N]

Web side: a server with one worker process per core (PDF off, as `sedp render` without --pdf); every user starts
at once, with its own client (cookies, CSRF token): the home page, the upload of one sample program, the
validation report, render, polling the documents page until it is done, the zip of all documents (checked: one
.docx per planned document). Command-line side: the same samples, one `sedp render --jobs 1` program per user,
as many at a time as the server has workers, all queued at once. Per user: the time from the common start to its
documents; median and 95th percentile, failures, peak memory of the server's (or the programs') whole process tree
(PSS, bench/measure.py's sampler, every 20 ms). The sides alternate (web, command line, web, ...) over --rounds.
Talks only to 127.0.0.1; every wait has a timeout, and the server is stopped whatever happens.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from measure import _tree_rss_kib  # noqa: E402

SEDP = str(Path(sys.executable).with_name("sedp"))
SAMPLES = (ROOT / "examples" / "kyrgyz_aa" / "ak_kyya_2025_2027.yaml",
           ROOT / "examples" / "mongolia_onhs" / "zag_2026.yaml")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
STATE = re.compile(r'<body[^>]*data-state="(\w+)"')
ERRORS = re.compile(r'id="summary"[^>]*data-errors="(\d+)"')


@dataclass
class Side:
    """One side's rounds: every user's time, the failures (with why), the peak memory of each round."""

    times: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    peaks_mib: list[float] = field(default_factory=list)
    walls: list[float] = field(default_factory=list)

    def text(self) -> str:
        if not self.times:
            return "no user finished"
        times = sorted(self.times)
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        return (f"median {statistics.median(times):.1f} s, 95th percentile {p95:.1f} s per user; the last user "
                f"{statistics.median(self.walls):.1f} s; peak {max(self.peaks_mib):.0f} MiB; "
                f"failures {len(self.failures)}")


class Sampler:
    """The peak memory of the process trees of the given pids (read again at each sample), every 20 ms."""

    def __init__(self, pids: Callable[[], list[int]]) -> None:
        self.pids, self.peak_kib, self._done = pids, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._done.is_set():
            self.peak_kib = max(self.peak_kib, sum(_tree_rss_kib(pid) for pid in self.pids()))
            self._done.wait(0.02)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._done.set()
        self._thread.join()


def planned(sample: Path) -> int:
    from sedp_core.rendering.render import planned_documents
    from sedp_core.validation.validate import validate_file

    result = validate_file(sample)
    return len(planned_documents(result.program, result.methodology))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(workers: int, log: Path, timeout: float) -> tuple[subprocess.Popen[bytes], str]:
    import httpx2

    port = free_port()
    env = {**os.environ, "SEDP_WEB_PDF": "0"}
    with log.open("wb") as out:
        proc = subprocess.Popen([SEDP, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers",
                                 str(workers)], stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if httpx2.get(f"{base}/healthz", timeout=5).status_code == 200:
                return proc, base
        except httpx2.TransportError:
            time.sleep(0.3)
    stop(proc)
    raise SystemExit(f"`sedp serve` did not start:\n{log.read_text(errors='replace')[-3000:]}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.wait()


def web_user(base: str, sample: Path, expected: int, timeout: float) -> None:
    """One officer's whole visit; raises on anything an officer would see go wrong."""
    import httpx2

    deadline = time.monotonic() + timeout
    with httpx2.Client(base_url=base, follow_redirects=True, timeout=timeout) as client:
        home = client.get("/")
        home.raise_for_status()
        token = CSRF.search(home.text)
        assert token, "no CSRF token on the home page"
        report = client.post("/upload", data={"csrf_token": token[1]},
                             files={"file": (sample.name, sample.read_bytes(), "application/yaml")})
        report.raise_for_status()
        errors = ERRORS.search(report.text)
        assert errors and errors[1] == "0", f"report: {errors[1] if errors else 'no summary'} errors"
        where = str(report.url).rstrip("/")
        token = CSRF.search(report.text.split('id="render"', 1)[-1])
        assert token, "no render form"
        page = client.post(f"{where}/render", data={"csrf_token": token[1]})
        while (state := STATE.search(page.text)) and state[1] == "running":
            if time.monotonic() > deadline:
                raise TimeoutError("rendering did not finish")
            time.sleep(1)
            page = client.get(f"{where}/documents")
        assert state and state[1] == "done", f"state {state[1] if state else 'missing'}"
        archive = client.get(f"{where}/all.zip")
        archive.raise_for_status()
        with zipfile.ZipFile(BytesIO(archive.content)) as z:
            docs = [n for n in z.namelist() if n.endswith(".docx")]
        assert len(docs) == expected, f"{len(docs)} documents in the zip, {expected} planned"


def run_users(users: list[Callable[[], None]], concurrency: int) -> tuple[list[float], list[str], float]:
    """Start every user at once (at most `concurrency` running); each one's time from the common start."""
    times: list[float] = []
    failures: list[str] = []
    start = time.perf_counter()

    def one(user: Callable[[], None]) -> None:
        try:
            user()
            times.append(time.perf_counter() - start)
        except Exception as error:  # a failure is counted and reported, the others go on
            failures.append(f"{type(error).__name__}: {error}"[:300])

    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, users))
    return times, failures, time.perf_counter() - start


def web_round(side: Side, samples: list[Path], expected: dict[Path, int], workers: int, tmp: Path,
              timeout: float) -> None:
    proc, base = start_server(workers, tmp / "serve.log", timeout)
    try:
        with Sampler(lambda: [proc.pid]) as sampler:
            times, failures, wall = run_users(
                [lambda s=s: web_user(base, s, expected[s], timeout) for s in samples], len(samples))
    finally:
        stop(proc)
    side.times += times
    side.failures += failures
    side.walls.append(wall)
    side.peaks_mib.append(sampler.peak_kib / 1024)


def cli_round(side: Side, samples: list[Path], expected: dict[Path, int], workers: int, tmp: Path,
              timeout: float) -> None:
    running: list[int] = []

    def program(no: int, sample: Path) -> None:
        out = tmp / f"cli_{no}"
        proc = subprocess.Popen([SEDP, "render", str(sample), "--out", str(out), "--jobs", "1"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        running.append(proc.pid)
        try:
            _, err = proc.communicate(timeout=timeout)
        finally:
            running.remove(proc.pid)
            if proc.poll() is None:
                proc.kill()
        if proc.returncode != 0:
            raise RuntimeError(f"sedp render exited with {proc.returncode}: {err.decode(errors='replace')[-300:]}")
        docs = list(out.rglob("*.docx"))
        shutil.rmtree(out)
        assert len(docs) == expected[sample], f"{len(docs)} documents, {expected[sample]} planned"

    with Sampler(lambda: list(running)) as sampler:
        times, failures, wall = run_users([lambda n=n, s=s: program(n, s) for n, s in enumerate(samples)], workers)
    side.times += times
    side.failures += failures
    side.walls.append(wall)
    side.peaks_mib.append(sampler.peak_kib / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="4 users, one round: check that the harness works")
    parser.add_argument("--users", type=int, default=None, help="concurrent users (default 20; 4 with --quick)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="server workers (default: cores)")
    parser.add_argument("--rounds", type=int, default=1, help="rounds per side, the sides alternating")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds any one user may take")
    args = parser.parse_args()
    users = args.users or (4 if args.quick else 20)
    samples = [SAMPLES[i % len(SAMPLES)] for i in range(users)]  # the methodologies alternate
    expected = {s: planned(s) for s in SAMPLES}
    web, cli = Side(), Side()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="sedp-web-load-") as tmp_name:
        for no in range(args.rounds):
            print(f"round {no + 1}: {users} web users ...", file=sys.stderr, flush=True)
            web_round(web, samples, expected, args.workers, Path(tmp_name), args.timeout)
            print(f"round {no + 1}: {users} `sedp render` programs ...", file=sys.stderr, flush=True)
            cli_round(cli, samples, expected, args.workers, Path(tmp_name), args.timeout)
    load_after = os.getloadavg()
    kinds = ", ".join(f"{sum(1 for s in samples if s == k)} × {k.name} ({expected[k]} documents)" for k in SAMPLES)
    print(f"{users} users ({kinds}), {args.workers} workers, {args.rounds} round(s), {os.cpu_count()} cores, "
          f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after")
    print(f"web page (`sedp serve`): {web.text()}")
    print(f"command line (`sedp render --jobs 1`, {args.workers} at a time): {cli.text()}")
    for failure in web.failures + cli.failures:
        print(f"failure: {failure}")
    sys.exit(1 if web.failures or cli.failures else 0)


if __name__ == "__main__":
    main()
