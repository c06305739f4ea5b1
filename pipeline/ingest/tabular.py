"""One loader for the small row-per-record extracts (visitation, activation, ...).

Every cell is read as text (CSV) or cast to text (Parquet), trimmed, blank -> NULL,
and exposed to the extract's SQL as `r_<column>`; numeric columns of a decimal-comma
file get their comma turned into a point first. A column the spec declares `typed`
that a Parquet file holds as numbers is passed as a DOUBLE instead: turning a hundred
million paid hours into text and back was most of their load (a check's message then
casts it: `CAST(r_<column> AS VARCHAR)`). The extract's spec then parses the
fields and lists its checks in order: the first failing check is the row's reason.
Rows with a reason are rejected (kept with file, line/row and reason); rows the CSV
parser refuses (wrong number of fields) too. The rest go into the target table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pyarrow.types as pt

from pipeline import SQL_DIR
from pipeline.errors import InputError
from pipeline.ingest import files, sas
from pipeline.ingest.rejects import Rejects

DATE_MACRO = """CREATE OR REPLACE TEMP MACRO almp_date(x) AS
    coalesce(TRY_CAST(x AS DATE), TRY_STRPTIME(x, '%d-%m-%Y')::DATE, TRY_STRPTIME(x, '%d.%m.%Y')::DATE)"""


def sql_list(values) -> str:
    return ", ".join(f"'{v}'" for v in values)


def date_checks(start: str, end: str) -> list[tuple[str, str]]:
    """The checks every extract with a from/to date pair makes, in order."""
    return [
        (f"{start} IS NULL", f"'{start}: ''' || coalesce(r_{start}, '') || ''' is not a date'"),
        (f"r_{end} IS NOT NULL AND {end} IS NULL", f"'{end}: ''' || r_{end} || ''' is not a date'"),
        (f"year({start}) NOT BETWEEN 1980 AND 2100", f"'{start} ' || {start} || ' is out of range (1980-2100)'"),
        (f"year({end}) NOT BETWEEN 1980 AND 2100", f"'{end} ' || {end} || ' is out of range (1980-2100)'"),
        (f"{end} < {start}", f"'{end} ' || {end} || ' is before {start} ' || {start}"),
    ]


@dataclass
class ExtractSpec:
    name: str
    columns: tuple[str, ...]  # required columns, lower case
    target_ddl: str  # CREATE TABLE of the target (replaced at each load)
    fields: dict[str, str]  # parsed field -> SQL over r_<column>
    checks: list[tuple[str, str]]  # (condition that is bad, reason SQL), in order
    insert: str  # SELECT list for the target, over the parsed fields (+ src_file, src_row)
    numeric: tuple[str, ...] = ()
    typed: tuple[str, ...] = ()  # numeric columns passed as DOUBLE when a Parquet file holds numbers
    join: str = ""  # joined to the accepted rows (alias r) for the insert, e.g. the person ids
    aliases: dict[str, tuple[str, ...]] = field(default_factory=lambda: {"pnr": ("pnr", "lobenr")})


def load_extract(con: duckdb.DuckDBPyConnection, data_dir: Path, spec: ExtractSpec, rejects: Rejects,
                 target: str) -> list[dict]:
    """Load every file of the extract into `target`; returns per-file stats."""
    con.execute(DATE_MACRO)
    con.execute((SQL_DIR / "macros.sql").read_text(encoding="utf-8"))
    con.execute(spec.target_ddl)
    stats = []
    for file_id, path in enumerate(files.find_extract(data_dir, spec.name)):
        with sas.readable(path) as source_path:  # a SAS file: its Parquet copy, removed after the file
            fmt = files.file_format(path)
            rej = f"{spec.name}_rej_{file_id}"
            decimal = "."
            if fmt == "csv":
                dialect, header = files.sniff_csv(path)
                decimal = dialect.decimal
                source = files.csv_source(path, dialect, {h: "VARCHAR" for h in header}, rej)
                row = "row_number() OVER () + 1"  # ordinal + 2: the line if no line was refused (fixed below)
            else:
                try:
                    schema = pq.read_schema(source_path)
                except Exception as e:
                    raise InputError(path, f"not a readable Parquet file (truncated or damaged?): {e}") from None
                header = schema.names
                source = f"read_parquet({files.sql_str(str(source_path))}, file_row_number=true)"
                row = "file_row_number + 1"
            lower = {h.strip().lower(): h for h in header}
            resolved, missing = {}, []
            for col in spec.columns:
                names = spec.aliases.get(col, (col,))
                hit = next((lower[n] for n in names if n in lower), None)
                if hit is None:
                    missing.append(col)
                resolved[col] = hit
            if missing:
                raise InputError(path, f"missing column(s): {', '.join(missing)} (expected {', '.join(spec.columns)})")
            raw = []
            for col, src in resolved.items():
                text = f"nullif(trim(CAST({files.sql_ident(src)} AS VARCHAR)), '')"
                if fmt != "csv" and col in spec.typed and _is_number(schema.field(src).type):
                    text = f"CAST({files.sql_ident(src)} AS DOUBLE)"
                elif col in spec.numeric and decimal == ",":
                    text = f"replace({text}, ',', '.')"
                raw.append(f"{text} AS r_{col}")
            parsed = ", ".join(f"{expr} AS {name}" for name, expr in spec.fields.items())
            reason = "CASE " + " ".join(f"WHEN {bad} THEN {why}" for bad, why in spec.checks) + " END"
            # A CSV file is staged (its reader's refused lines and the line numbers come from one pass);
            # a Parquet file streams through the checks instead, so no copy of the whole extract is held
            # (a billion monthly paid hours): once into the target, and once more for the rejected rows
            # only when fewer rows landed than the file holds
            kind, stg = ("TABLE", "stg_extract") if fmt == "csv" else ("VIEW", "stg_extract_view")
            try:
                con.execute(f"""
                    CREATE OR REPLACE TEMP {kind} {stg} AS
                    WITH src AS (SELECT {row} AS src_row, {', '.join(raw)} FROM {source}),
                         parsed AS (SELECT *, {parsed} FROM src)
                    SELECT src_row, r_pnr, {', '.join(spec.fields)}, {reason} AS reason FROM parsed
                """)  # the raw text of the other columns is not kept
                n_ok = con.execute(f"INSERT INTO {target} SELECT {spec.insert} FROM (SELECT *, "
                                   f"{files.sql_str(str(path))} AS src_file FROM {stg} WHERE reason IS NULL) r "
                                   f"{spec.join}").fetchone()[0]
                n_all = (con.execute(f"SELECT count(*) FROM {stg}").fetchone()[0] if fmt == "csv"
                         else pq.read_metadata(source_path).num_rows)
                bad = [] if n_ok == n_all else con.execute(
                    f"SELECT src_row, r_pnr, reason FROM {stg} WHERE reason IS NOT NULL ORDER BY src_row").fetchall()
            except duckdb.Error as e:
                raise InputError(path, f"cannot be read: {str(e).splitlines()[0]}") from None
            n_in = n_ok + len(bad)
            failures = files.csv_rejected_lines(con, rej) if fmt == "csv" else []
            word = "line" if fmt == "csv" else "row"
            if fmt == "csv" and bad:
                lines = files.lines_of_accepted([b[0] - 2 for b in bad], [int(f[0]) for f in failures])
                bad = [(int(line), p, r) for line, (_, p, r) in zip(lines, bad)]
            for src_row, pnr, why in bad:
                rejects.add(spec.name, path, src_row, why, pnr=pnr, row_word=word)
            for line, col, etype, raw_line, msg in failures:
                rejects.add(spec.name, path, int(line), f"{str(etype).lower()}: {msg}", raw=raw_line, row_word="line")
            n_failed = len({f[0] for f in failures})
            stats.append({"extract": spec.name, "file": str(path), "format": fmt, "rows_in": n_in + n_failed,
                          "accepted": n_ok, "rejected": n_in - n_ok + n_failed,
                          "ignored_columns": ", ".join(h for h in header if h not in resolved.values()),
                          "bytes": path.stat().st_size, "sha256": files.sha256(path)})
            con.execute(f"DROP {kind} {stg}")
    return stats


def _is_number(t) -> bool:
    return pt.is_integer(t) or pt.is_floating(t) or pt.is_decimal(t)
