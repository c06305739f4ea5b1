"""The SQL models as Dagster assets, built from what `pipeline.models` discovers in sql/ (and a
researcher's own folder): one asset per table a model makes, its upstream assets read from
the SQL. The report's tables (sql/marts, the own folder) are exported to tables/.

Checks come from the declarations, as PUDL generates its checks from its metadata: for
every report table, its row key is unique, its shares lie within 0-100 (0-1 for a
probability), and its declared relations hold; and every `sql/checks/<asset>__<name>.sql`
is a blocking check on <asset> that passes when the query returns no rows.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline import SQL_DIR, delivery, periods
from pipeline.defs.shards import person_shard_asset
from pipeline.defs.tags import WAREHOUSE
from pipeline.models import PYTHON_TABLES, Model, discover, table_owner, upstream, variables_read
from pipeline.settings import AlmpSettings
from pipeline.shards import sharded_models
from pipeline.warehouse import export_table, extract_variables, row_count, run_sql

GROUPS = {"core": "core", "marts": "marts", "quality": "quality", "own": "egne"}
CHECKS_DIR = SQL_DIR / "checks"


def _deps(m: Model, models: tuple[Model, ...]) -> list[dg.AssetKey]:
    """The assets a model reads; and `dream`, whose extract weeks every model gets as variables
    (extract_first_week, extract_last_week), where nothing it reads leads there already."""
    owner = table_owner(models)
    deps = [owner[t] for t in upstream(m, models) if owner[t] not in m.tables]
    if "dream" not in _ancestors(deps, models, owner):
        deps.append("dream")
    return [dg.AssetKey(d) for d in dict.fromkeys(deps)]


def _ancestors(deps: list[str], models: tuple[Model, ...], owner: dict) -> set:
    by_table = {t: m for m in models for t in m.tables}
    seen, todo = set(), list(deps)
    while todo:
        a = todo.pop()
        if a in seen:
            continue
        seen.add(a)
        if a in by_table:
            m = by_table[a]
            todo += [owner[t] for t in upstream(m, models) if owner[t] not in m.tables]
    return seen


PERIODS = dg.DynamicPartitionsDefinition(name=periods.PARTITIONS)


def _period_tables(models: tuple[Model, ...]) -> dict[str, str]:
    """table -> its period column, for the tables of models declared `partitions: <column>` (a
    period's rows rest on that period's data alone)."""
    return {t: str(m.meta["partitions"]) for m in models if m.meta.get("partitions") for t in m.tables}


def _model_asset(m: Model, models: tuple[Model, ...]):
    exported = m.layer in ("marts", "own")
    deps, group = _deps(m, models), GROUPS[m.layer]
    meta = {"sql": m.sql_path()}
    # a report table by period is partitioned by quarter in Dagster (a backfill of any range from the
    # UI or `dagster asset materialize --partition-range`); a run without a partition (almp run, the
    # nightly job) makes every period. The core tables by period stay whole in Dagster: Dagster 1.13
    # cannot run a partitioned asset after a partitioned one in a run without a partition
    # (dagster-io/dagster#28597), and almp run is such a run. A partition run of a mart still reads
    # only the range's periods of them.
    column = m.meta.get("partitions") if exported else None
    period_tables = _period_tables(models)
    upstream_parts = {t: period_tables[t] for t in upstream(m, models) if t in period_tables}
    partitioning = {"partitions_def": PERIODS, "backfill_policy": dg.BackfillPolicy.single_run()} if column else {}
    reads = variables_read(m, models)
    by_period = m.meta.get("partitions")
    # the extracts a table by period rests on: a new delivery's changes to them decide its periods to redo
    extracts = sorted(a for a in _ancestors([d.path[-1] for d in deps], models, table_owner(models))
                      if a in PYTHON_TABLES) if by_period else []

    def run(context, settings: AlmpSettings, duckdb: DuckDBResource) -> dict:
        with duckdb.get_connection() as con:
            variables = {k: v for k, v in extract_variables(con, settings).items() if reads is None or k in reads}
            if column and context.has_partition_key_range:
                r = context.partition_key_range
                n = periods.run_for_periods(con, m.path, variables, m.tables, str(column), upstream_parts,
                                            r.start, r.end, exported)
                context.log.info(f"{m.name}: {n} periods of {r.start} ... {r.end} recomputed")
            elif not (by_period and settings.previous_warehouse and _changed_periods(
                    con, m, settings, extracts, str(by_period), upstream_parts, exported, variables)):
                run_sql(con, m.path, variables)
            if "periods" in m.tables:  # a delivery's new quarters become partitions
                known = set(context.instance.get_dynamic_partitions(periods.PARTITIONS))
                new = [q for q in periods.quarters(con) if q not in known]
                if new:
                    context.instance.add_dynamic_partitions(periods.PARTITIONS, new)
            if exported:
                for t in m.tables:
                    export_table(con, t, Path(settings.work_dir) / "tables")
            # rows of each table (a view's are not counted: that would compute it, e.g. every paid hour by week)
            views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
            return {t: None if t in views else row_count(con, t) for t in m.tables}

    if len(m.tables) == 1:
        @dg.asset(name=m.tables[0], group_name=group, deps=deps, description=m.description, metadata=meta,
                  op_tags=WAREHOUSE, **partitioning)
        def _one(context, settings: AlmpSettings, duckdb: DuckDBResource) -> dg.MaterializeResult:
            n = run(context, settings, duckdb)
            rows = n[m.tables[0]]
            return dg.MaterializeResult(metadata={**({"rows": rows} if rows is not None else {}), **meta})

        return _one

    specs = [dg.AssetSpec(t, group_name=group, deps=deps, metadata=meta,
                          description=f"{m.description} (table {t} of {m.path.name})") for t in m.tables]

    @dg.multi_asset(name=m.name, specs=specs, can_subset=True, op_tags=WAREHOUSE, **partitioning)
    def _many(context, settings: AlmpSettings, duckdb: DuckDBResource):
        n = run(context, settings, duckdb)  # the file runs whole: a subset still gets its siblings made
        for key in sorted(context.selected_asset_keys, key=lambda k: m.tables.index(k.path[-1])):
            rows = n[key.path[-1]]
            yield dg.MaterializeResult(asset_key=key, metadata={**({"rows": rows} if rows is not None else {}), **meta})

    return _many


def _changed_periods(con, m: Model, settings: AlmpSettings, extracts: list[str], column: str,
                     upstream_parts: dict, ordered: bool, variables: dict) -> bool:
    """A table by period on a new delivery: the last run's rows, with the periods from the first week
    the delivery changed recomputed (pipeline/delivery.py). False: it must be computed whole."""
    changed = [e for e in extracts if e in settings.changed_extracts.split(",")]
    delivery.attach(con, settings.previous_warehouse)
    try:
        kept = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = ?",
                                          [delivery.PREV]).fetchall()}
        if any(t not in kept for t in m.tables):
            return False
        changes = [w for w in (delivery.first_changed_week(con, e) for e in changed) if w is not None]
        if changes and min(changes) <= delivery.extract_first_week(con):
            return False
        for t in m.tables:
            con.execute(f'CREATE OR REPLACE TABLE main."{t}" AS SELECT * FROM {delivery.PREV}."{t}"')
    finally:
        delivery.detach(con)  # before the model's SQL: its names must not resolve in the last run's database
    first = delivery.first_quarter_from(con, min(changes)) if changes else None
    if first is not None:
        last = periods.quarters(con)[-1]
        periods.run_for_periods(con, m.path, variables, m.tables, column, upstream_parts, first, last, ordered)
    con.execute(f"CREATE TABLE IF NOT EXISTS {delivery.RECOMPUTED} (tabel VARCHAR, fra_kvartal VARCHAR)")
    con.execute(f"INSERT INTO {delivery.RECOMPUTED} SELECT unnest(?), ?", [list(m.tables), first])
    return True


def _declared_checks(m: Model, extra: tuple[str, ...]):
    """Key unique, shares within bounds, declared relations hold: from the table's metadata."""
    table = m.tables[0]

    @dg.asset_check(asset=table, name="erklaeringer_holder", blocking=True, op_tags=WAREHOUSE,
                    description="The row key is unique, shares lie within 0-100 (probabilities 0-1) and the "
                                "relations declared in the table's metadata hold.")
    def _check(settings: AlmpSettings, duckdb: DuckDBResource) -> dg.AssetCheckResult:
        from pipeline.report.checks import check_declarations

        with duckdb.get_connection() as con:
            problems = check_declarations(con, table, extra, settings.cache())
        return dg.AssetCheckResult(passed=not problems, metadata={"problems": len(problems),
                                                                  "first": "; ".join(problems[:5]) or "none"})

    return _check


def _sql_check(path: Path):
    """A check file: blocking, unless its first comment starts with 'advarsel' (a warning: the
    check is shown failed in Dagster and the report, the run goes on)."""
    asset, _, name = path.stem.partition("__")
    warning = _first_comment(path).lower().startswith("advarsel")

    @dg.asset_check(asset=asset, name=name, blocking=not warning, description=_first_comment(path),
                    op_tags=WAREHOUSE)
    def _check(duckdb: DuckDBResource) -> dg.AssetCheckResult:
        with duckdb.get_connection() as con:
            con.execute((SQL_DIR / "macros.sql").read_text(encoding="utf-8"))
            cur = con.execute(path.read_text(encoding="utf-8"))
            names = [d[0] for d in cur.description]
            rows = cur.fetchall()
        first = "; ".join(", ".join(f"{k}={v}" for k, v in zip(names, r)) for r in rows[:3])
        return dg.AssetCheckResult(passed=not rows, metadata={"offending_rows": len(rows), "first": first or "none"},
                                   severity=dg.AssetCheckSeverity.WARN if warning else dg.AssetCheckSeverity.ERROR)

    return _check


def _first_comment(path: Path) -> str:
    lines = [ln[2:].strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith("--")]
    return " ".join(lines) or path.stem


def model_assets(extra: tuple[str, ...] = (), shards: int = 1) -> tuple[list, list]:
    """Every SQL model's assets, and the checks on them; with shards > 1 the person-level models
    are one graph-backed asset that computes them in that many person shards (defs/shards.py)."""
    models = discover(extra)
    person_models = sharded_models(extra) if shards > 1 else []
    assets = [_model_asset(m, models) for m in models if m not in person_models]
    if person_models:
        assets.append(person_shard_asset(shards, person_models, models))
    checks = [_declared_checks(m, extra) for m in models if m.layer in ("marts", "own")]
    made = {t for m in models for t in m.tables}
    for folder in (CHECKS_DIR, *(Path(d) / "checks" for d in extra)):
        for path in sorted(folder.glob("*__*.sql")) if folder.is_dir() else ():
            if path.stem.partition("__")[0] not in made:
                from pipeline.models import ModelError

                raise ModelError(f"{path}: checks asset {path.stem.partition('__')[0]}, which no model makes")
            checks.append(_sql_check(path))
    return assets, checks


def report_table_ids(extra: tuple[str, ...] = ()) -> list[str]:
    return [m.tables[0] for m in discover(extra) if m.layer in ("marts", "own")]
