"""Progress on the command line (pipeline/progress.py), fed by a real Dagster run's events."""

from __future__ import annotations

import io
import time

import dagster as dg

from pipeline import progress as progress_module
from pipeline.progress import Progress


class FakeClock:
    """The progress lines' clock: only the 'slow' step moves it (by 10 s), so which step is long does
    not depend on how loaded the machine is."""

    now = 0.0

    @classmethod
    def perf_counter(cls) -> float:
        return cls.now


@dg.asset
def slow():
    FakeClock.now += 10.0
    time.sleep(0.05)
    return 1


@dg.asset
def fast(slow):
    return slow + 1


@dg.asset_check(asset=fast)
def fast_ok(fast):
    return dg.AssetCheckResult(passed=fast == 2)


def run(mode: str, monkeypatch=None) -> str:
    stream = io.StringIO()
    p = Progress(3, stream=stream, mode=mode)
    assert dg.materialize([slow, fast, fast_ok], instance=p.attach(dg.DagsterInstance.ephemeral())).success
    p.close()
    assert p.done == 3  # two assets and the check: three steps
    return stream.getvalue()


def test_a_terminal_sees_one_line_rewritten_with_step_and_count():
    out = run("live")
    assert "\ralmp: [0/3] slow" in out and "[3/3] fast_fast_ok" in out and "\n" not in out
    assert out.endswith("\r")  # the line is cleared at the end, the summary comes next


def test_a_log_gets_a_line_per_long_step_only(monkeypatch):
    # on the fake clock 'slow' takes 10 s and the other steps none: one line, at the default 5 s
    monkeypatch.setattr(progress_module, "time", FakeClock)
    assert progress_module.LONG_STEP_SECONDS == 5.0
    out = run("long")
    lines = out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("almp: [1/3] slow: ")


def test_quiet_says_nothing():
    stream = io.StringIO()
    p = Progress(3, stream=stream, mode="quiet")
    assert dg.materialize([slow, fast, fast_ok], instance=p.attach(dg.DagsterInstance.ephemeral())).success
    assert stream.getvalue() == "" and p.done == 0
