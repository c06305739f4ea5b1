"""The Dagster definitions: every asset, one DuckDB warehouse, in-process execution.

`dagster dev -m pipeline.definitions` shows the graph; it reads the data folder from
ALMP_DATA (default data/synthetic) and writes to ALMP_OUT (default reports/dagster).
`almp run` materialises the same assets with resources for its own run. The job `almp_alt` (every
asset) runs on a schedule (`hver_nat`, 02:00 Europe/Copenhagen) and on a sensor on the data folder
(`ny_levering`), pipeline/defs/operations.py; `make dagster` serves them with the daemon and a
DAGSTER_HOME in the project (.dagster/), docs/OPERATIONS.md.
"""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from pipeline import ROOT
from pipeline.defs import all_assets, build_resources
from pipeline.defs.operations import delivery_sensor, nightly_schedule

_data = Path(os.environ.get("ALMP_DATA", ROOT / "data" / "synthetic")).resolve()
_out = Path(os.environ.get("ALMP_OUT", ROOT / "reports" / "dagster")).resolve()
_out.mkdir(parents=True, exist_ok=True)  # DuckDB creates the warehouse file, not its folder
_own = tuple(d for d in os.environ.get("ALMP_MODELS", "").split(",") if d)  # a researcher's own model folders
_assets, _checks = all_assets(_own)

everything = dg.define_asset_job("almp_alt", selection=dg.AssetSelection.all(),
                                 description="Every asset and check: ingestion, models, disclosure, report.")
_settle = int(os.environ.get("ALMP_SETTLE_SECONDS", "120"))  # how long the data folder must be still

defs = dg.Definitions(assets=_assets, asset_checks=_checks, jobs=[everything],
                      schedules=[nightly_schedule(everything, _data, _own)],
                      sensors=[delivery_sensor(everything, _data, _assets, _own, _settle)],
                      resources=build_resources(_data, _out, models_dir=",".join(_own)),
                      executor=dg.in_process_executor)
