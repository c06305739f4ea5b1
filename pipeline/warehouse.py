"""Running the SQL models of sql/ against the warehouse, and exporting tables."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from pipeline import SQL_DIR


def _literal(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def set_variables(con: duckdb.DuckDBPyConnection, variables: dict) -> None:
    if variables:  # one statement list, not one round trip per variable
        con.execute("; ".join(f"SET VARIABLE {name} = {_literal(value)}" for name, value in variables.items()))


def run_sql(con: duckdb.DuckDBPyConnection, model: str | Path, variables: dict | None = None) -> None:
    """Execute a model (sql/<model>.sql, or a file's path: all its statements) with the given
    variables set."""
    if variables:
        set_variables(con, variables)
    con.execute((SQL_DIR / "macros.sql").read_text(encoding="utf-8"))
    path = model if isinstance(model, Path) else SQL_DIR / f"{model}.sql"
    con.execute(path.read_text(encoding="utf-8"))


_CREATE = re.compile(r"CREATE\s+(?:OR\s+REPLACE\s+)?(TEMP\s+|TEMPORARY\s+)?(TABLE|VIEW|MACRO|FUNCTION)\s+"
                     r"(?:IF\s+NOT\s+EXISTS\s+)?\"?(\w+)", re.IGNORECASE)


def run_definitions(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """A model's views, macros and functions (not its temporary ones), made again where its tables
    were put by other means (shards, periods); no other statement of it runs again."""
    for statement in duckdb.extract_statements(path.read_text(encoding="utf-8")):
        text = "\n".join(ln for ln in statement.query.strip().splitlines() if not ln.lstrip().startswith("--"))
        match = _CREATE.match(text.strip())
        if match and not match.group(1) and match.group(2).upper() in ("VIEW", "MACRO", "FUNCTION"):
            con.execute(text)


def extract_variables(con: duckdb.DuckDBPyConnection, settings) -> dict:
    """The run's SQL variables (AlmpSettings.sql_variables) plus what the extracts say for the whole
    population: the DREAM extract's first and last week, which every model after ingestion reads,
    and whether an activation extract has any row (activation_extract)."""
    first, last = con.execute("SELECT first_week, last_week FROM dream_extract").fetchone()
    return {**settings.sql_variables(), "extract_first_week": first, "extract_last_week": last,
            "activation_extract": has_rows(con, "activation")}


def has_rows(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Whether the table exists and has a row."""
    return table_exists(con, table) and con.execute(f'SELECT EXISTS (SELECT 1 FROM "{table}")').fetchone()[0]


def table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """A table or view of that name: bound, not read (0.3 ms; the catalogue functions cost 3-4 ms a
    call, and a report asks some 600 times)."""
    try:
        con.execute(f'SELECT 1 FROM "{name}" LIMIT 0')
        return True
    except duckdb.CatalogException:
        return False


def export_table(con: duckdb.DuckDBPyConnection, table: str, folder: Path) -> list[Path]:
    """tables/<table>.csv and .parquet, exact and unsuppressed; the disclosure helpers (columns
    named _...) stay in the warehouse."""
    folder.mkdir(parents=True, exist_ok=True)
    csv_path, pq_path = folder / f"{table}.csv", folder / f"{table}.parquet"
    names = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if not r[0].startswith("_")]
    select = f"SELECT {', '.join(chr(34) + n + chr(34) for n in names)} FROM {table}"
    con.execute(f"COPY ({select}) TO '{csv_path}' (HEADER, DELIMITER ',')")
    con.execute(f"COPY ({select}) TO '{pq_path}' (FORMAT parquet)")
    return [csv_path, pq_path]


def row_count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
