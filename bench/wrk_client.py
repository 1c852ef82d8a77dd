"""Running wrk (Debian's package) and reading its report, for bench/run.py."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


@dataclass
class Measure:
    """What one wrk run gave: requests (or answers) per second, the 99th percentile latency, and
    whatever went wrong (non-2xx/3xx statuses, socket errors, unexpected quiz statuses)."""

    rate: float
    p99_ms: float
    errors: int = 0
    problems: list[str] = field(default_factory=list)
    extra: dict[str, float] = field(default_factory=dict)


def run_wrk(args: list[str], timeout: float) -> str:
    result = subprocess.run(
        ["wrk", *args], capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"wrk {' '.join(args)} failed: {result.stderr or result.stdout}")
    return result.stdout


def get(
    url: str, seconds: int, threads: int, connections: int, headers: dict[str, str] | None = None
) -> Measure:
    """Requests per second and p99 latency of GET `url`; responses other than 2xx/3xx and socket
    errors are counted as errors."""
    args = [f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in (headers or {}).items():
        args += ["-H", f"{name}: {value}"]
    output = run_wrk([*args, url], timeout=seconds + 60)
    return parse(output)


def parse(output: str) -> Measure:
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m|h)\s*$", output, re.MULTILINE)
    if not rate or not p99:
        raise RuntimeError(f"could not read wrk's report:\n{output}")
    measure = Measure(float(rate[1]), float(p99[1]) * UNITS_MS[p99[2]])
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non_2xx:
        measure.errors += int(non_2xx[1])
        measure.problems.append(f"{non_2xx[1]} responses not 2xx/3xx")
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if sockets:
        count = sum(int(n) for n in sockets.groups())
        measure.errors += count
        measure.extra["socket_errors"] = count
        measure.problems.append(f"socket errors: {sockets[0].removeprefix('Socket errors: ')}")
    return measure


def quiz_runs(
    base_url: str,
    quiz_path: str,
    answers: list[tuple[str, list[str]]],
    seconds: int,
    connections: int,
    script: Path,
) -> Measure:
    """Answer POSTs per second in whole quiz runs, one connection per wrk thread (see the Lua
    script); the p99 is that of the answer POSTs alone."""
    origin = base_url.rstrip("/")
    specs = [f"{question}={','.join(options)}" for question, options in answers]
    args = [f"-t{connections}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    args += ["-s", str(script), base_url, "--", quiz_path, origin, *specs]
    output = run_wrk(args, timeout=seconds + 60)
    line = re.search(
        r"^QUIZ answers=(\d+) runs=(\d+) errors=(\d+) seconds=([\d.]+) p99_ms=([\d.]+) "
        r"unexpected=(.+)$",
        output,
        re.MULTILINE,
    )
    if not line:
        raise RuntimeError(f"could not read the quiz script's report:\n{output}")
    answered, runs, errors, elapsed = int(line[1]), int(line[2]), int(line[3]), float(line[4])
    measure = Measure(answered / elapsed if elapsed else 0.0, float(line[5]), errors)
    measure.extra = {"runs_per_s": runs / elapsed if elapsed else 0.0, "answers": answered}
    measure.extra["runs"] = runs
    if line[6] != "-":
        measure.problems.append(f"unexpected statuses (request=status xcount): {line[6]}")
    if errors:
        measure.problems.append(f"{errors} answer POSTs did not answer 303")
    # Statuses are judged by the script (the first start may be a 400 that asks for a CSRF token);
    # socket errors and timeouts of any request in the runs count as errors here.
    overall = parse(output)
    if overall.extra.get("socket_errors"):
        measure.errors += int(overall.extra["socket_errors"])
        measure.problems += [p for p in overall.problems if p.startswith("socket errors")]
    return measure


def scripted(
    base_url: str, seconds: int, connections: int, script: Path, args: list[str]
) -> Measure:
    """Requests per second and p99 of a wrk Lua script's requests; one connection per wrk
    thread, so the script's state (cookie, phase) is one visitor's. The script prints
    `CLASS failures=N` at the end, counted as errors."""
    wrk_args = [f"-t{connections}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    wrk_args += ["-s", str(script)]
    output = run_wrk([*wrk_args, base_url, "--", *args], timeout=seconds + 60)
    measure = parse(output)
    failed = re.search(r"^CLASS failures=(\d+)$", output, re.MULTILINE)
    if failed and int(failed[1]):
        measure.errors += int(failed[1])
        measure.problems.append(f"{failed[1]} joins or answers refused")
    return measure
