"""The Dagster definitions: every asset, one DuckDB warehouse, in-process execution.

`dagster dev -m pipeline.definitions` shows the graph; it reads the data folder from
ALMP_DATA (default data/synthetic) and writes to ALMP_OUT (default reports/dagster).
`almp run` materialises the same assets with resources for its own run.
"""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from pipeline import ROOT
from pipeline.defs import all_assets, build_resources

_data = Path(os.environ.get("ALMP_DATA", ROOT / "data" / "synthetic")).resolve()
_out = Path(os.environ.get("ALMP_OUT", ROOT / "reports" / "dagster")).resolve()
_out.mkdir(parents=True, exist_ok=True)  # DuckDB creates the warehouse file, not its folder
_own = tuple(d for d in os.environ.get("ALMP_MODELS", "").split(",") if d)  # a researcher's own model folders
_assets, _checks = all_assets(_own)

defs = dg.Definitions(assets=_assets, asset_checks=_checks,
                      resources=build_resources(_data, _out, models_dir=",".join(_own)),
                      executor=dg.in_process_executor)
