"""Nightly operations in Dagster (docs/OPERATIONS.md): a schedule at 02:00 Europe/Copenhagen and a
sensor on the data folder, both targeting the job of every asset.

Both look at the data folder cheaply (each file's size and modification time, not its bytes: a
full-population DREAM is gigabytes) and the code, and
* the schedule skips the night when a finished or running run already carries that signature (the
  run's tag `almp/inputs`): a night with nothing new is a skipped tick that says so, in a second;
* the sensor requests a run when a file is new, changed or gone since its last request (its cursor),
  once the folder has been still for `settle_seconds` (a delivery being copied in is not taken half
  way); when only optional extracts changed, the run materialises them and what depends on them.
One run at a time: the instance's run queue takes one run (.dagster/dagster.yaml)."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import dagster as dg

from pipeline import runs

TAG = "almp/inputs"
ACTIVE = [dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.QUEUED,
          dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING]


def file_stats(data: Path) -> dict[str, list[int]]:
    """{file relative to the data folder: [size, mtime_ns]}."""
    return {str(p.relative_to(data)): [(st := p.stat()).st_size, st.st_mtime_ns] for p in runs.data_files(data)}


def signature(stats: dict, own: tuple[str, ...] = ()) -> str:
    """The inputs (file stats) and the code, in 16 hex digits: a run's tag and the sensor's run key."""
    code = runs.code_fingerprint(own)
    return hashlib.sha256(json.dumps({"files": stats, "code": code}, sort_keys=True).encode()).hexdigest()[:16]


def nightly_schedule(job, data: Path, own: tuple[str, ...] = ()) -> dg.ScheduleDefinition:
    @dg.schedule(name="hver_nat", cron_schedule="0 2 * * *", execution_timezone="Europe/Copenhagen", job=job,
                 default_status=dg.DefaultScheduleStatus.RUNNING,
                 description=f"Every night at 02:00 (Copenhagen): a run when {data} or the code changed since the "
                             "last run, else a skipped tick that says so.")
    def hver_nat(context: dg.ScheduleEvaluationContext):
        stats = file_stats(data)
        if not stats:
            return dg.SkipReason(f"no extracts in {data}")
        sig = signature(stats, own)
        done = context.instance.get_runs(filters=dg.RunsFilter(tags={TAG: sig}, statuses=ACTIVE), limit=1)
        if done:
            r = done[0]
            return dg.SkipReason(f"nothing new in {data} or the code since run {r.run_id[:8]} ({r.status.value}): "
                                 "its outputs are current")
        return dg.RunRequest(tags={TAG: sig})

    return hver_nat


def delivery_sensor(job, data: Path, assets: list, own: tuple[str, ...] = (),
                    settle_seconds: int = 120) -> dg.SensorDefinition:
    @dg.sensor(name="ny_levering", job=job, minimum_interval_seconds=60,
               description=f"A new, changed or removed file in {data} requests a run (once the folder has been "
                           f"still for {settle_seconds} s); optional extracts alone rerun what depends on them.")
    def ny_levering(context: dg.SensorEvaluationContext):
        stats = file_stats(data)
        if not stats:
            return dg.SkipReason(f"no extracts in {data}")
        if any(f.endswith(".partial") for f in stats):
            return dg.SkipReason(f"a delivery is being written to {data} (a .partial file)")
        still = time.time() - max(m for _, m in stats.values()) / 1e9
        if still < settle_seconds:
            return dg.SkipReason(f"{data} changed {still:.0f} s ago: waiting until it has been still for "
                                 f"{settle_seconds} s")
        before = json.loads(context.cursor) if context.cursor else None
        if before == stats:
            return dg.SkipReason(f"no new or changed extract in {data}")
        changed = sorted(f for f in set(stats) | set(before or {}) if (before or {}).get(f) != stats.get(f))
        extracts = {runs.extract_of(f) for f in changed}
        context.update_cursor(json.dumps(stats, sort_keys=True))
        sig = signature(stats, own)
        selection = None
        if before is not None and runs.optional_only(extracts):
            keys = dg.AssetSelection.assets(*sorted(extracts)).downstream().resolve(assets)
            selection = sorted(keys, key=lambda k: k.to_user_string())
        return dg.RunRequest(run_key=sig, asset_selection=selection,
                             tags={TAG: sig, "almp/changed": ", ".join(changed)[:500]})

    return ny_levering
