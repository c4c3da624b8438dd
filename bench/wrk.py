"""Drive a fixed-time load with wrk: the requests are replayed round-robin, every response's
status is checked, and wrk's own latency histogram gives the percentiles."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import tempfile

from bench.scenario import Request

SCRIPT = r"""
local requests = {%(requests)s}
local expect = %(expect)s
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("offset", #threads * 7)
end

function init(args)
  wrong = 0
  position = offset
  prepared = {}
  for i, r in ipairs(requests) do
    local headers = {["Cookie"] = r.cookie}
    if r.body ~= "" then headers["Content-Type"] = "application/x-www-form-urlencoded" end
    prepared[i] = wrk.format(r.method, r.path, headers, r.body ~= "" and r.body or nil)
  end
end

function request()
  position = position + 1
  return prepared[(position %% #prepared) + 1]
end

function response(status, headers, body)
  local location = headers["Location"] or headers["location"] or ""
  if (expect ~= 0 and status ~= expect) or status >= 400 or string.find(location, "/login", 1, true) then
    wrong = wrong + 1
  end
end

function done(summary, latency, requests)
  local unexpected = 0
  for _, thread in ipairs(threads) do unexpected = unexpected + thread:get("wrong") end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p95_us": %%d, "p99_us": %%d, "max_us": %%d, '
    .. '"socket_errors": %%d, "status_errors": %%d, "unexpected": %%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, e.connect + e.read + e.write + e.timeout, e.status, unexpected))
end
"""


@dataclasses.dataclass(frozen=True)
class Result:
    requests: int
    per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    errors: int

    def as_dict(self) -> dict:
        return self.__dict__.copy()


def run(port: int, requests: list[Request], *, expect: int, seconds: int, connections: int, threads: int = 2) -> Result:
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(SCRIPT % {"requests": ", ".join(_lua(r) for r in requests), "expect": expect})
        script.flush()
        output = subprocess.run(
            [
                "wrk",
                f"-t{min(threads, connections)}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "5s",
                "-s",
                script.name,
                f"http://127.0.0.1:{port}",
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    figures = json.loads(line.removeprefix("BENCH "))
    return Result(
        requests=figures["requests"],
        per_second=figures["requests"] / (figures["duration_us"] / 1e6),
        p50_ms=figures["p50_us"] / 1000,
        p95_ms=figures["p95_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        max_ms=figures["max_us"] / 1000,
        # "unexpected" already holds every 4xx and 5xx, which wrk's status count holds too.
        errors=figures["socket_errors"] + figures["unexpected"],
    )


def best_of(rounds: list[Result]) -> Result:
    """The fastest of several loads of one page, with the errors of them all: a round slowed by
    something else on the machine says nothing of the page, but an error in any round is an error."""
    fastest = max(rounds, key=lambda result: result.per_second)
    return dataclasses.replace(fastest, errors=sum(result.errors for result in rounds))


def _lua(request: Request) -> str:
    method, path, cookie, body = (
        _quote(value) for value in (request.method, request.path, request.cookie, request.body)
    )
    return f"{{method={method}, path={path}, cookie={cookie}, body={body}}}"


def _quote(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
    return "'" + escaped + "'"
