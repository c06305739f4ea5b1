"""The fast way to test a model: ingest a hand-made extract and run only the SQL models a table
needs, straight into a DuckDB file, without Dagster or the rest of the pipeline.

    out = run_models(data_dir, tmp_path / "out", ["tabel_3_1"], reference_week="2014-W21")
    query(out, "SELECT ... FROM tabel_3_1")

The models run in the order their dependencies give (read from their SQL, as the asset graph
is); the report tables are exported to out/tables/ as the pipeline exports them.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.defs.ingest import OPTIONAL, ingest_dream, ingest_extract
from pipeline.ingest.codes import load_code_list
from pipeline.ingest.jobindsats import load_jobindsats
from pipeline.models import discover, in_order, upstream
from pipeline.settings import AlmpSettings
from pipeline.shards import combine, inputs, run_shard, sharded_models, split
from pipeline.warehouse import export_table, extract_variables, run_sql


def run_models(data: Path, out: Path, targets: list[str] | None = None, shards: int = 1, **params) -> Path:
    """Ingest data and run the models the targets need (default: every model) into out; with
    shards > 1 the person-level models in that many person shards (pipeline/shards.py)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    settings = AlmpSettings(data_dir=str(Path(data).resolve()), work_dir=str(out.resolve()), **params)
    models = in_order(targets)
    needed = {t for m in models for t in upstream(m, discover())}
    with duckdb.connect(str(out / "warehouse.duckdb")) as con:
        load_code_list(con, settings.sql_variables())
        ingest_dream(con, settings)
        for name in OPTIONAL:
            if name in needed:
                ingest_extract(con, settings, name)
        if "jobindsats" in needed:
            load_jobindsats(con, Path(data))
        variables = extract_variables(con, settings)
        done = set()
        if shards > 1:
            person_models = sharded_models()
            shard_inputs = set(inputs(person_models))
            for m in models:  # what the shards read that a model makes (periods), once, before them
                if set(m.tables) & shard_inputs:
                    run_sql(con, m.path, variables)
                    done.add(m.name)
            folder = out / "shards"
            split(con, folder, shards, person_models, variables)
            for k in range(shards):
                run_shard(folder, k, person_models)
            combine(con, folder, shards, person_models, variables)
            done |= {m.name for m in person_models}
        for m in models:
            if m.name in done:
                continue
            run_sql(con, m.path, variables)
            if m.layer in ("marts", "own"):
                export_table(con, m.tables[0], out / "tables")
    return out
