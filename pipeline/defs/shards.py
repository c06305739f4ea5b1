"""The person-level core models as one graph-backed asset per run with `--shards N`
(pipeline/shards.py): a step writes each shard's inputs, Dagster maps one step per shard
over them (a dynamic output), and a last step combines the shards' tables in the warehouse.
Each table of the sharded models stays an asset of its own name, so the marts depend on
them as in an unsharded run.

The shard steps open no warehouse: under the multiprocess executor (or a cluster's executor
with shared storage, docs/PERFORMANCE.md) they run side by side while the warehouse steps
keep to one at a time (their op tag, pipeline/defs/tags.py)."""

from __future__ import annotations

import inspect
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline import shards
from pipeline.defs.tags import WAREHOUSE
from pipeline.models import Model, table_owner
from pipeline.settings import AlmpSettings
from pipeline.warehouse import extract_variables

ASSET = "personer_i_shards"


def shard_folder(settings: AlmpSettings) -> Path:
    return Path(settings.work_dir) / "shards"


def person_shard_asset(n: int, person_models: list[Model], models: tuple[Model, ...]) -> dg.AssetsDefinition:
    tables = [t for m in person_models for t in m.tables]
    owner = table_owner(models)
    upstream = sorted({owner[t] for t in shards.inputs(person_models)})

    @dg.op(name="del_personer", ins={a: dg.In(dg.Nothing) for a in upstream}, out=dg.DynamicOut(int),
           tags=WAREHOUSE, description=f"The person-level inputs split into {n} shards by hash(pnr) % {n}.")
    def split_persons(context, settings: AlmpSettings, duckdb: DuckDBResource):
        with duckdb.get_connection() as con:
            shards.split(con, shard_folder(settings), n, person_models, extract_variables(con, settings))
        for k in range(n):
            yield dg.DynamicOutput(k, mapping_key=f"shard_{k}")

    @dg.op(name="personshard", description="One shard's person-level models, in a database of its own.")
    def run_shard(context, settings: AlmpSettings, duckdb: DuckDBResource, k: int) -> int:
        # the warehouse's memory limit for the shard's own database (the warehouse is not opened)
        rows = shards.run_shard(shard_folder(settings), k, person_models, duckdb.connection_config.get("memory_limit"))
        context.log.info(f"shard {k}: " + ", ".join(f"{t} {r:,}" for t, r in rows.items()))
        return k

    @dg.op(name="saml_personer", out={t: dg.Out(dg.Nothing) for t in tables}, tags=WAREHOUSE,
           description="The shards' tables combined in the warehouse, with the models' views and macros.")
    def combine_persons(context, settings: AlmpSettings, duckdb: DuckDBResource, done: list[int]):
        with duckdb.get_connection() as con:
            rows = shards.combine(con, shard_folder(settings), n, person_models, extract_variables(con, settings))
        for t, r in rows.items():
            context.log.info(f"{t}: {r:,} rows from {len(done)} shards")

    def graph(**upstream_done):
        outs = combine_persons(split_persons(**upstream_done).map(run_shard).collect())
        return dict(zip(tables, outs))

    # the graph's inputs are the upstream assets, named as Dagster reads them: from the signature
    graph.__signature__ = inspect.Signature([inspect.Parameter(a, inspect.Parameter.KEYWORD_ONLY)
                                             for a in upstream])
    return dg.graph_multi_asset(
        name=ASSET, group_name="core",
        ins={a: dg.AssetIn(key=a, dagster_type=dg.Nothing) for a in upstream},
        outs={t: dg.AssetOut(dagster_type=dg.Nothing, description=f"{m.description} (table {t} of {m.path.name}, "
                             f"computed in {n} person shards)", metadata={"sql": m.sql_path()})
              for m in person_models for t in m.tables},
    )(graph)
