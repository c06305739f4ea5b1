"""Period partitions: recomputing the rows of some quarters (and their years) of the per-period
tables, without rebuilding the rest of their history.

A model whose metadata says `partitions: <column>` makes a table whose rows for a period depend
only on that period's data: the column holds the period (`periode`: '2014Q2' or '2014'; or `aar`:
the year). In Dagster such a report table is partitioned by quarter (`kvartal`, the quarters of
the `periods` table, added as a delivery brings them); a core table so declared is read by
period. A run over quarters q0 ... q1 runs the model's SQL in a scratch schema where `periods`
and every table by period it reads hold only those quarters and the years they touch, then puts
the new rows in place of the old ones of those periods. A run with no partition (almp run, the
nightly job) computes every period, as before.

The rows end in the order a full run gives them (periods in time order, each period's rows in
the order the model's SQL gave them), so the exported tables are the same files.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.errors import AlmpError
from pipeline.warehouse import run_definitions, run_sql

PARTITIONS = "kvartal"  # the name of Dagster's dynamic partitions: the quarters of the deliveries
SCRATCH = "periodeudsnit"  # the schema a partition run computes in


def quarters(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The quarters of the `periods` table (those wholly inside the DREAM extract), in order."""
    return [r[0] for r in con.execute("SELECT periode FROM periods WHERE periodetype = 'kvartal' ORDER BY w0")
            .fetchall()]


def labels(con: duckdb.DuckDBPyConnection, first: str, last: str) -> list[tuple[str, str, int]]:
    """The periods a quarter range recomputes: its quarters and the years they touch (a year row
    rests on every week of the year), as (periodetype, periode, aar)."""
    return [tuple(r) for r in con.execute(
        "WITH q AS (SELECT * FROM periods WHERE periodetype = 'kvartal' AND periode BETWEEN ? AND ?) "
        "SELECT periodetype, periode, aar FROM periods "
        "WHERE periode IN (SELECT periode FROM q) OR (periodetype = 'aar' AND aar IN (SELECT aar FROM q)) "
        "ORDER BY w0, periodetype", [first, last]).fetchall()]


def _in(column: str, alias: str = "") -> str:
    """The condition 'this row's period is one of the range's' for a partition column."""
    col = f'{alias + "." if alias else ""}"{column}"'
    if column == "aar":
        return f"{col} IN (SELECT aar FROM {SCRATCH}.periods WHERE periodetype = 'aar')"
    return f"CAST({col} AS VARCHAR) IN (SELECT periode FROM {SCRATCH}.periods)"


def run_for_periods(con: duckdb.DuckDBPyConnection, path: Path, variables: dict, tables: tuple[str, ...],
                    column: str, upstream: dict[str, str], first: str, last: str, ordered: bool) -> int:
    """Recompute the rows of quarters first ... last (and their years) of the model at `path`;
    `upstream` maps each table by period it reads to its period column. The number of periods."""
    periods = labels(con, first, last)
    if not periods:
        return 0
    con.execute(f"DROP SCHEMA IF EXISTS {SCRATCH} CASCADE")
    con.execute(f"CREATE SCHEMA {SCRATCH}")
    try:
        con.execute(f"CREATE TABLE {SCRATCH}.periods AS SELECT * FROM main.periods "
                    f"WHERE (periodetype, periode) IN (SELECT (t, p) FROM (VALUES {_values(periods)}) v(t, p, a))")
        for table, col in upstream.items():
            con.execute(f'CREATE VIEW {SCRATCH}."{table}" AS SELECT * FROM main."{table}" WHERE {_in(col)}')
        con.execute(f"USE {SCRATCH}")  # the model's tables are made here; what it does not find here, in main
        try:
            run_sql(con, path, variables)
        finally:
            con.execute("USE main")
        for t in tables:
            _merge(con, t, column, ordered)
        # its views and macros, made in the scratch schema and dropped with it, again in main (as a
        # whole run leaves them: a macro of a core model serves the report tables)
        run_definitions(con, path)
    finally:
        con.execute(f"DROP SCHEMA IF EXISTS {SCRATCH} CASCADE")
    return len(periods)


def _values(periods: list[tuple]) -> str:
    return ", ".join("(" + ", ".join(_sql(v) for v in p) + ")" for p in periods)


def _sql(v) -> str:
    return str(v) if isinstance(v, int) else "'" + str(v).replace("'", "''") + "'"


def _merge(con: duckdb.DuckDBPyConnection, table: str, column: str, ordered: bool) -> None:
    """The range's periods of main.<table> replaced by the scratch schema's rows. A report table
    (`ordered`) is rewritten with its periods in time order and each period's rows in the order they
    were made (rowid), which is the order a full run gives: its SQL orders by period first."""
    new = f'{SCRATCH}."{table}"'
    if not ordered:
        con.execute(f'DELETE FROM main."{table}" WHERE {_in(column)}')
        con.execute(f'INSERT INTO main."{table}" SELECT * FROM {new} WHERE {_in(column)}')
        return
    match = ("p.periodetype = 'aar' AND p.aar = x.aar" if column == "aar"
             else f'p.periode = CAST(x."{column}" AS VARCHAR)')
    cols = ", ".join(f'"{r[0]}"' for r in con.execute(f'DESCRIBE main."{table}"').fetchall())
    kept = con.execute(f'SELECT count(*) FROM main."{table}" WHERE NOT ({_in(column)})').fetchone()[0]
    made = con.execute(f"SELECT count(*) FROM {new} WHERE {_in(column)}").fetchone()[0]
    con.execute(f"""
        CREATE TABLE {SCRATCH}._merged AS
        SELECT {cols} FROM (
            SELECT x.*, p.w0 AS _w0, p.periodetype AS _pt, x.rowid AS _rid
            FROM main."{table}" x JOIN main.periods p ON {match} WHERE NOT ({_in(column, "x")})
            UNION ALL
            SELECT x.*, p.w0, p.periodetype, x.rowid FROM {new} x JOIN main.periods p ON {match}
            WHERE {_in(column, "x")}
        ) ORDER BY _w0, _pt DESC, _rid""")
    after = con.execute(f"SELECT count(*) FROM {SCRATCH}._merged").fetchone()[0]
    if after != kept + made:  # a row whose period is not in `periods`: the declaration does not fit the table
        raise AlmpError(f"{table}: partitions by {column}, but {kept + made - after} of its rows have a period "
                        f"that is not in the periods table")
    con.execute(f'CREATE OR REPLACE TABLE main."{table}" AS SELECT * FROM {SCRATCH}._merged')
    con.execute(f"DROP TABLE {SCRATCH}._merged")
