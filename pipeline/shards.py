"""Person shards: the person-level core models computed per group of persons, then combined.

Almost every statistic is a sum over persons, and each person's history is independent of
the others'. The core models declared `shard: person` in their metadata (`<model>.yml`) make
rows of one person from that person's rows alone (runs, spells, activation, recipients per
period). With `almp run --shards N` they are computed in N shards instead of once:

1. `split`: the warehouse's person-level inputs are written to Parquet, one file per shard
   and table; a person belongs to shard `hash(pnr) % N` (DuckDB's hash: the same person
   lands in the same shard in every extract, also a pnr that is not in DREAM). The small
   reference tables the models read (codes, categories, municipalities, periods) go whole
   to every shard, and the run's SQL variables (the extract's weeks among them) beside them.
2. `run_shard`: each shard loads its files into a DuckDB database of its own and runs the
   sharded models there, exactly the SQL an unsharded run executes, and writes their tables
   to Parquet. A shard reads and writes files only: shards run in parallel, on this machine
   (Dagster's multiprocess executor) or on a cluster's workers with shared storage.
3. `combine`: the warehouse gets each sharded table as the union of the shards' rows, and
   the models' views and macros; the marts then run on them as in an unsharded run.

Person keys are global: person_id is numbered at ingestion, before the split. The models
that number across persons (sanction events, the reference paths' requests) or sum over
them (sanction cells, paid hours by year) are not declared and run on the combined tables.
A sharded run's tables equal an unsharded run's, exactly (tests/test_shards.py).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb

from pipeline import SQL_DIR
from pipeline.models import Model, ModelError, discover, in_order, upstream
from pipeline.warehouse import run_definitions, run_sql, set_variables

# the person-level inputs and how a row finds its person's shard
PERSON_INPUTS = {"persons": "pnr", "visitation": "pnr", "activation": "pnr", "sanctions": "pnr",
                 "loentimer": "person_id", "kommune_runs": "person_id", "person_kommune": "person_id",
                 "dream_runs": "person_id"}
# small tables every shard gets whole
REFERENCE = ("codes", "categories", "kommuner", "codes_validity", "periods", "dream_extract")


def sharded_models(extra: tuple[str, ...] = ()) -> list[Model]:
    """The models declared `shard: person`, dependencies first; each checked to read nothing but
    person-level inputs, reference tables and other sharded models' tables."""
    ordered = in_order(extra=extra)
    chosen = [m for m in ordered if m.meta.get("shard") == "person"]
    check_declared(chosen, tuple(ordered))
    return chosen


def check_declared(chosen: list[Model], models: tuple[Model, ...]) -> None:
    made = {t for m in chosen for t in m.tables}
    for m in chosen:
        if m.layer != "core":
            raise ModelError(f"{m.path.with_suffix('.yml')}: declared shard: person, but only the core models "
                             f"(sql/core) are computed in shards; a report table is made once, from their tables")
        for t in upstream(m, models):
            if t not in made and t not in PERSON_INPUTS and t not in REFERENCE:
                raise ModelError(f"{m.path.with_suffix('.yml')}: declared shard: person, but reads {t}, which is "
                                 f"neither a person-level input ({', '.join(PERSON_INPUTS)}) nor a reference "
                                 f"table nor made by another sharded model")


def inputs(models: list[Model]) -> list[str]:
    """The tables the sharded models read that none of them makes (the run's SQL variables, the
    extract's weeks among them, go to the shards in variables.json)."""
    made = {t for m in models for t in m.tables}
    every = discover()
    needed = {t for m in models for t in upstream(m, every) if t not in made}
    return [t for t in (*PERSON_INPUTS, *REFERENCE) if t in needed]


def _shard_of(table: str, n: int) -> str:
    if PERSON_INPUTS[table] == "pnr":
        return f"SELECT *, hash(pnr) % {n} AS _shard FROM {table}"
    # a row whose person_id is NULL (paid hours of a pnr DREAM does not know) is kept, in one shard
    return (f"SELECT t.*, hash(p.pnr) % {n} AS _shard FROM {table} t "
            f"LEFT JOIN (SELECT person_id, pnr FROM persons) p USING (person_id)")


def split(con: duckdb.DuckDBPyConnection, folder: Path, n: int, models: list[Model], variables: dict) -> None:
    """Write each shard's inputs to folder/in/<table>/<k>.parquet (reference tables to
    folder/in/<table>.parquet) and the run's SQL variables to folder/variables.json."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "in").mkdir(parents=True)
    for t in inputs(models):
        if t not in PERSON_INPUTS:
            con.execute(f"COPY (SELECT * FROM {t}) TO '{folder / 'in' / t}.parquet' (FORMAT parquet)")
            continue
        (folder / "in" / t).mkdir()
        # one pass writes every shard (a folder per shard value, the shard column left out of the
        # files), then each shard's file gets its shard's name
        con.execute(f"COPY ({_shard_of(t, n)}) TO '{folder / 'in' / t}' "
                    f"(FORMAT parquet, PARTITION_BY (_shard), FILENAME_PATTERN 'rows', OVERWRITE_OR_IGNORE)")
        for k in range(n):
            written = sorted((folder / "in" / t / f"_shard={k}").glob("*.parquet"))
            target = folder / "in" / t / f"{k}.parquet"
            if written:
                if len(written) > 1:  # DuckDB split the shard's rows over several files: one file
                    con.execute(f"COPY (SELECT * FROM read_parquet({[str(w) for w in written]})) "
                                f"TO '{target}' (FORMAT parquet)")
                else:
                    written[0].replace(target)
            else:  # no rows in this shard: an empty file with the table's columns
                con.execute(f"COPY (SELECT * FROM {t} LIMIT 0) TO '{target}' (FORMAT parquet)")
            shutil.rmtree(folder / "in" / t / f"_shard={k}", ignore_errors=True)
    (folder / "variables.json").write_text(json.dumps(variables, sort_keys=True), encoding="utf-8")


def run_shard(folder: Path, k: int, models: list[Model], memory_limit: str | None = None) -> dict:
    """Run the sharded models on shard k's inputs in a database of the shard's own; write
    their tables to folder/out/<k>/<table>.parquet. Returns rows per table."""
    work = folder / "work" / str(k)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    out = folder / "out" / str(k)
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(work / "shard.duckdb"), config={"memory_limit": memory_limit} if memory_limit else {})
    try:
        for t in inputs(models):
            source = folder / "in" / t / f"{k}.parquet" if t in PERSON_INPUTS else folder / "in" / f"{t}.parquet"
            con.execute(f"CREATE TABLE {t} AS SELECT * FROM read_parquet('{source}')")
        variables = json.loads((folder / "variables.json").read_text(encoding="utf-8"))
        rows = {}
        for m in models:
            run_sql(con, m.path, variables)
            for t in _tables_of(con, m):
                con.execute(f"COPY {t} TO '{out / t}.parquet' (FORMAT parquet)")
                rows[t] = con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
    finally:
        con.close()
        shutil.rmtree(work, ignore_errors=True)
    return rows


def _tables_of(con: duckdb.DuckDBPyConnection, m: Model) -> list[str]:
    """The model's tables that are tables (its views are made again from them)."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    return [t for t in m.tables if t in tables]


def combine(con: duckdb.DuckDBPyConnection, folder: Path, n: int, models: list[Model], variables: dict) -> dict:
    """Each sharded model's tables as the union of the shards' rows (shard 0's first), then its
    views and macros made by its own statements. Returns rows per table."""
    set_variables(con, variables)
    con.execute((SQL_DIR / "macros.sql").read_text(encoding="utf-8"))
    rows = {}
    for m in models:
        made = [t for t in m.tables if (folder / "out" / "0" / f"{t}.parquet").exists()]
        for t in made:
            files = [str(folder / "out" / str(k) / f"{t}.parquet") for k in range(n)]
            con.execute(f"CREATE OR REPLACE TABLE {t} AS SELECT * FROM read_parquet({files})")
            rows[t] = con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        run_definitions(con, m.path)
    shutil.rmtree(folder)  # the shards' files are the warehouse's tables now
    return rows
