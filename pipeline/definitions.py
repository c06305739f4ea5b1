"""The Dagster definitions: every asset, one DuckDB warehouse, in-process execution.

`dagster dev -m pipeline.definitions` shows the graph; it reads the data folder from
ALMP_DATA (default data/synthetic) and writes to ALMP_OUT (default reports/dagster).
`almp run` materialises the same assets with resources for its own run. The job `almp_alt` (every
asset) runs on a schedule (`hver_nat`, 02:00 Europe/Copenhagen) and on a sensor on the data folder
(`ny_levering`), pipeline/defs/operations.py; `make dagster` serves them with the daemon and a
DAGSTER_HOME in the project (.dagster/), docs/OPERATIONS.md.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import dagster as dg

from pipeline import ROOT, tune_gc
from pipeline.defs import all_assets, build_resources
from pipeline.defs.operations import delivery_sensor, nightly_schedule
from pipeline.defs.tags import WAREHOUSE
from pipeline.shards import sharded_models

_data = Path(os.environ.get("ALMP_DATA", ROOT / "data" / "synthetic")).resolve()
_out = Path(os.environ.get("ALMP_OUT", ROOT / "reports" / "dagster")).resolve()
_out.mkdir(parents=True, exist_ok=True)  # DuckDB creates the warehouse file, not its folder
_own = tuple(d for d in os.environ.get("ALMP_MODELS", "").split(",") if d)  # a researcher's own model folders
_shards = int(os.environ.get("ALMP_SHARDS", "1"))  # > 1: the person-level models in person shards
_assets, _checks = all_assets(_own, _shards)
tune_gc()  # a run worker imports this module, then runs every step in its process

everything = dg.define_asset_job("almp_alt", selection=dg.AssetSelection.all(),
                                 description="Every asset and check: ingestion, models, disclosure, report.")
_jobs = [everything]
if _shards > 1:
    # the person shards: the part of the run that grows with the population, and what it reads
    _jobs.append(dg.define_asset_job("almp_personer", selection=dg.AssetSelection.assets(
        *[t for m in sharded_models(_own) for t in m.tables]).upstream(),
                                     description=f"The person-level core models in {_shards} person shards, "
                                                 "and the ingestion they read."))


def _executor() -> dg.ExecutorDefinition:
    """In process, one step after another; with shards, the executor ALMP_EXECUTOR names
    ("module:attribute", default Dagster's multiprocess executor; on a cluster e.g.
    dagster_k8s:k8s_job_executor or dagster_docker:docker_executor, docs/PERFORMANCE.md): the shards
    side by side (ALMP_WORKERS at a time, default 2), the warehouse steps one at a time."""
    if _shards == 1:
        return dg.in_process_executor
    module, _, name = os.environ.get("ALMP_EXECUTOR", "dagster:multiprocess_executor").partition(":")
    executor = getattr(importlib.import_module(module), name)
    return executor.configured({
        "max_concurrent": int(os.environ.get("ALMP_WORKERS", "2")),
        "tag_concurrency_limits": [{"key": k, "value": v, "limit": 1} for k, v in WAREHOUSE.items()]})


_settle = int(os.environ.get("ALMP_SETTLE_SECONDS", "120"))  # how long the data folder must be still

defs = dg.Definitions(assets=_assets, asset_checks=_checks, jobs=_jobs,
                      schedules=[nightly_schedule(everything, _data, _own)],
                      sensors=[delivery_sensor(everything, _data, _assets, _own, _settle)],
                      resources=build_resources(_data, _out, models_dir=",".join(_own)),
                      executor=_executor())
