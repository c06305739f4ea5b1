"""Progress of a run on the command line: which step, how many of how many, how long.

On a terminal one line is rewritten as steps finish; in a log (standard error not a terminal)
only the long steps get a line each, so a nightly log shows where the time went without a line
per step; `--quiet` says nothing. The steps are Dagster's: the events are read as the in-process
executor hands them to the run's instance."""

from __future__ import annotations

import sys
import time

LONG_STEP_SECONDS = 5.0


def _clock(seconds: float) -> str:
    m, s = divmod(int(seconds), 60)
    return f"{m} min {s:02d} s" if m else f"{s} s"


class Progress:
    def __init__(self, total: int | None, stream=None, mode: str = "auto"):
        self.total, self.stream = total, stream or sys.stderr
        self.mode = mode if mode != "auto" else ("live" if self.stream.isatty() else "long")
        self.done, self.t0, self.started, self.width = 0, time.perf_counter(), {}, 0

    def attach(self, instance):
        """Listen to the instance's events (the run's steps starting and finishing)."""
        if self.mode == "quiet":
            return instance
        handle = instance.handle_new_event

        def listen(event, *args, **kwargs):
            handle(event, *args, **kwargs)
            de = event.dagster_event
            if de is not None and de.step_key:
                if de.event_type_value == "STEP_START":
                    self.started[de.step_key] = time.perf_counter()
                    self._show(de.step_key)
                elif de.event_type_value == "STEP_SUCCESS":
                    self.step_done(de.step_key, time.perf_counter() - self.started.get(de.step_key, time.perf_counter()))

        instance.handle_new_event = listen
        return instance

    def _count(self) -> str:
        return f"{self.done}/{self.total}" if self.total else str(self.done)

    def _show(self, step: str) -> None:
        if self.mode == "live":
            line = f"almp: [{self._count()}] {step} · {_clock(time.perf_counter() - self.t0)}"
            self.stream.write("\r" + line.ljust(self.width))
            self.width = len(line)
            self.stream.flush()

    def step_done(self, step: str, seconds: float) -> None:
        self.done += 1
        if self.mode == "live":
            self._show(step)
        elif self.mode == "long" and seconds >= LONG_STEP_SECONDS:
            print(f"almp: [{self._count()}] {step}: {seconds:.0f} s (run {_clock(time.perf_counter() - self.t0)})",
                  file=self.stream, flush=True)

    def close(self) -> None:
        if self.mode == "live" and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
