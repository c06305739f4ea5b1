"""Load the DREAM register (wide or yearly layout, Parquet or CSV) into DuckDB.

The register is read in batches of rows; each batch becomes a person × week code
matrix that is run-length encoded at once (`pipeline.rle`), so memory is bounded by
the batch, whatever the size of the extract. What lands in the warehouse:

* `persons(person_id, pnr, koen, foedselsaar, herkomst)`: one row per person.
* `kommune_runs(person_id, aar_from, aar_to, kommune)`: the municipality per year
  (`nykomYYYY`) as maximal runs of years in one municipality (a person moves seldom: at
  full scale about 6 million runs for 175 million person-years); a year without a value
  is in no run. The view `person_kommune(person_id, aar, kommune)` has one row per year.
* `dream_runs(person_id, code, w_from, w_to)`: maximal runs of one code; weeks are
  week indexes (pipeline.weeks). Blank weeks are the weeks in no run: nothing is
  dropped, a blank week is simply not a run, and every person is in `persons`.
* `dream_extract`: the extract's first and last week and its layout.
* `ingest_files`, `ingest_rejects`: rows in / accepted / rejected per file, and every
  rejected row with its reason.

A row is rejected (kept with its reason) when its pnr is missing or duplicated, a
week cell is not an integer code, koen/herkomst/foedselsaar is out of range, or the
line cannot be parsed (too few or too many fields: a truncated file). A problem with
the file as a whole (unreadable, malformed or missing week columns, no pnr column)
stops the run at once with exit code 3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline import rle, weeks
from pipeline.errors import InputError
from pipeline.ingest import files, sas
from pipeline.ingest.rejects import Rejects

PNR_ALIASES = ("pnr", "lobenr")
KOEN_ALIASES = ("koen", "kon")
_NYKOM = re.compile(r"^nykom(\d{4})$")
_YEAR_FILE = re.compile(r"^dream(\d{4})$", re.IGNORECASE)
BATCH_CELLS = 16_000_000  # cells per batch: ~32 MB of int16 codes
PERSON_COLUMNS = ["_row", "pnr", "koen", "foedselsaar", "herkomst"]
WEEK_BLOCK = 64  # week columns copied into the matrix together


@dataclass
class FileColumns:
    """How the columns of one DREAM file map onto the model."""

    pnr: str
    koen: str | None = None
    foedselsaar: str | None = None
    herkomst: str | None = None
    nykom: dict[int, str] = field(default_factory=dict)  # year -> column
    weeks: list[tuple[str, int]] = field(default_factory=list)  # (column, week index), in week order
    extra_week: str | None = None  # yearly layout: y_53 in a year without week 53
    ignored: list[str] = field(default_factory=list)


def _resolve_columns(path: Path, header: list[str], year: int | None) -> FileColumns:
    lower = {}
    for name in header:
        key = name.strip().lower()
        if key in lower:
            raise InputError(path, f"column name appears twice (case-insensitively): '{name}'", column=name)
        lower[key] = name
    pnr = next((lower[a] for a in PNR_ALIASES if a in lower), None)
    if pnr is None:
        raise InputError(path, f"no person id column (one of {', '.join(PNR_ALIASES)}); columns start "
                               f"{', '.join(header[:5])}")
    fc = FileColumns(pnr=pnr, koen=next((lower[a] for a in KOEN_ALIASES if a in lower), None),
                     foedselsaar=lower.get("foedselsaar"), herkomst=lower.get("herkomst"))
    used = {pnr, fc.koen, fc.foedselsaar, fc.herkomst}
    seen: dict[int, str] = {}
    for key, name in lower.items():
        if name in used:
            continue
        if m := _NYKOM.match(key):
            fc.nykom[int(m.group(1))] = name
        elif key.startswith("y_"):
            try:
                if year is None:
                    w = weeks.parse_wide_column(key)
                else:
                    wk = weeks.parse_yearly_column(key)
                    if wk == 53 and weeks.weeks_in_year(year) == 52:
                        fc.extra_week = name
                        continue
                    w = weeks.week_index(year, wk)
            except weeks.WeekError as e:
                raise InputError(path, f"malformed week column: {e}", column=name) from None
            if w in seen:
                raise InputError(path, f"two columns for week {weeks.label(w)}: {seen[w]} and {name}",
                                 column=name)
            seen[w] = name
        else:
            fc.ignored.append(name)
    if not seen:
        raise InputError(path, "no week columns (y_YYWW in the wide layout, y_01 … y_53 in dreamYYYY files)")
    first, last = min(seen), max(seen)
    if year is not None:
        first, last = weeks.week_index(year, 1), weeks.week_index(year, weeks.weeks_in_year(year))
    missing = [w for w in range(first, last + 1) if w not in seen]
    if missing:
        shown = ", ".join(weeks.label(w) for w in missing[:5])
        raise InputError(path, f"{len(missing)} week column(s) missing between {weeks.label(first)} and "
                               f"{weeks.label(last)} (e.g. {shown}); a missing week would silently be blank")
    fc.weeks = [(seen[w], w) for w in range(first, last + 1)]
    return fc


def _parquet_header(path: Path) -> list[str]:
    try:
        return pq.read_schema(path).names
    except Exception as e:  # pyarrow raises several types for a damaged file
        raise InputError(path, f"not a readable Parquet file (truncated or damaged?): {e}") from None


_NO_KOMMUNE = -1  # a year without a municipality, in the matrix below (codes are 0-9999)


def _kommune_runs(batch: pa.Table, years: list[int]):
    """The batch's municipality per year as runs of years: (row, kommune, first year, last year).
    A year between the file's nykom columns that has none is in no run, as a blank value."""
    first = years[0]
    matrix = np.full((batch.num_rows, years[-1] - first + 1), _NO_KOMMUNE, dtype=np.int32)
    for y in years:
        matrix[:, y - first] = pc.fill_null(batch.column(f"nykom{y}").cast(pa.int32()), _NO_KOMMUNE).to_numpy()
    row, kom, c0, c1 = rle.encode(matrix, keep_blank=True)
    keep = kom != _NO_KOMMUNE
    return (row[keep], kom[keep], (c0[keep] + first).astype(np.int16), (c1[keep] + first).astype(np.int16))


class _Sink:
    """Append Arrow tables to one staging Parquet file."""

    def __init__(self, path: Path):
        self.path, self.writer = path, None

    def write(self, table: pa.Table) -> None:
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.path, table.schema, compression="zstd")
        self.writer.write_table(table)

    def close(self) -> bool:
        if self.writer is not None:
            self.writer.close()
        return self.writer is not None


@dataclass
class DreamLoad:
    layout: str
    files: list[dict]
    first_week: int
    last_week: int


def _int_problem(col: str, dtype: str, lo: int, hi: int, what: str) -> tuple[str, str]:
    """(value expression, reason expression) for an integer column of any source type."""
    c = files.sql_ident(col)
    if dtype.upper() in ("VARCHAR", "BLOB"):
        val = f"TRY_CAST(nullif(trim(CAST({c} AS VARCHAR)), '') AS INTEGER)"
        present = f"nullif(trim(CAST({c} AS VARCHAR)), '') IS NOT NULL"
    elif dtype.upper() in ("FLOAT", "DOUBLE") or dtype.upper().startswith("DECIMAL"):
        val = f"CASE WHEN {c} = round({c}) THEN TRY_CAST({c} AS INTEGER) END"
        present = f"{c} IS NOT NULL"
    else:
        val = f"TRY_CAST({c} AS INTEGER)"
        present = f"{c} IS NOT NULL"
    reason = (f"CASE WHEN {present} AND ({val} IS NULL OR {val} NOT BETWEEN {lo} AND {hi}) "
              f"THEN {files.sql_str(col + ': ')} || CAST({c} AS VARCHAR) || {files.sql_str(' ' + what)} END")
    return val, reason


class DreamReader:
    """Streams one DREAM file: validated person rows and their code matrix."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, source: Path, file_id: int, year: int | None):
        """source: what is read, the file itself or a SAS file's Parquet copy (sas.readable); path names
        the file in messages."""
        self.con, self.path, self.source, self.file_id, self.year = con, path, source, file_id, year
        self.fmt = files.file_format(path)
        if self.fmt == "csv":
            self.dialect, header = files.sniff_csv(path)
        else:
            header = _parquet_header(self.source)
        self.cols = _resolve_columns(path, header, year)
        self.header = header
        self.rejects_name = f"dream_rej_{file_id}"

    def _select(self) -> str:
        fc = self.cols
        if self.fmt == "csv":
            # decimal-comma files may write integers as 130,0: read them as numbers and
            # reject what is not a whole number; otherwise DuckDB parses integers directly
            whole = "DOUBLE" if self.dialect.decimal == "," else None
            types = {}
            for name in self.header:
                if name == fc.pnr or name in fc.ignored:
                    types[name] = "VARCHAR"
                elif name in (fc.koen, fc.foedselsaar, fc.herkomst) or name in fc.nykom.values():
                    types[name] = whole or "INTEGER"
                else:
                    types[name] = whole or "SMALLINT"
            source = files.csv_source(self.path, self.dialect, types, self.rejects_name)
            dtypes = types
            row_expr = "NULL::BIGINT AS _row"
        else:
            source = f"read_parquet({files.sql_str(str(self.source))}, file_row_number=true)"
            try:
                dtypes = dict(self.con.execute(
                    f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {source})").fetchall())
            except duckdb.Error as e:
                raise InputError(self.path, f"not a readable Parquet file: {e}") from None
            row_expr = "file_row_number + 1 AS _row"
        reasons, select = [], [row_expr, f"trim(CAST({files.sql_ident(fc.pnr)} AS VARCHAR)) AS pnr"]
        for alias, col, lo, hi, what in (("koen", fc.koen, 1, 2, "is not 1 (man) or 2 (woman)"),
                                         ("foedselsaar", fc.foedselsaar, 1880, 2030, "is not a birth year"),
                                         ("herkomst", fc.herkomst, 1, 5, "is not a herkomst code 1-5")):
            if col is None:
                select.append(f"NULL::INTEGER AS {alias}")
                continue
            val, why = _int_problem(col, dtypes[col], lo, hi, what)
            select.append(f"{val} AS {alias}")
            reasons.append(why)
        for y, col in sorted(fc.nykom.items()):
            val, why = _int_problem(col, dtypes[col], 0, 9999, "is not a municipality code")
            select.append(f"{val} AS nykom{y}")
            reasons.append(why)
        week_cols = [c for c, _ in fc.weeks] + ([fc.extra_week] if fc.extra_week else [])
        # a blank week (NULL) arrives as code 0, so a week column converts to NumPy without a copy
        # (DuckDB fills them on its own threads, while Python encodes the batch before)
        for col in week_cols:
            if dtypes[col].upper() == "SMALLINT":
                select.append(f"coalesce({files.sql_ident(col)}, 0) AS {files.sql_ident('w:' + col)}")
            else:
                val, why = _int_problem(col, dtypes[col], -32768, 32767, "is not an integer DREAM code")
                select.append(f"coalesce(CAST({val} AS SMALLINT), 0) AS {files.sql_ident('w:' + col)}")
                reasons.append(why)
        if fc.extra_week:
            x = files.sql_ident(fc.extra_week)
            reasons.append(f"CASE WHEN {x} IS NOT NULL THEN {files.sql_str(fc.extra_week + ': ')} || "
                           f"CAST({x} AS VARCHAR) || ' in week 53 of {self.year}, a year with 52 ISO weeks' END")
        reason = f"nullif(concat_ws('; ', {', '.join(reasons)}), '')" if reasons else "NULL::VARCHAR"
        select.append(f"{reason} AS _reason")
        return f"SELECT {', '.join(select)} FROM {source}"

    def batches(self):
        """Yield (arrow batch, int16 code matrix) per batch of rows."""
        n_weeks = len(self.cols.weeks)
        batch_rows = max(1024, BATCH_CELLS // max(n_weeks, 1))
        try:
            reader = self.con.sql(self._select()).to_arrow_reader(batch_rows)
            for batch in reader:
                yield batch
        except duckdb.Error as e:
            raise InputError(self.path, f"cannot be read: {str(e).splitlines()[0]}") from None

    def week_matrix(self, batch: pa.RecordBatch) -> np.ndarray:
        """The batch's person x week codes, row-major as rle.encode reads them. The week columns are
        copied in blocks of 64 (stacked, then written transposed): one column at a time writes every
        row's cache line once per week, two and a half times slower at 1,700 weeks."""
        names = [f"w:{c}" for c, _ in self.cols.weeks]
        m = np.empty((batch.num_rows, len(names)), dtype=np.int16)
        for j in range(0, len(names), WEEK_BLOCK):
            block = names[j:j + WEEK_BLOCK]
            m[:, j:j + len(block)] = np.stack([batch.column(c).to_numpy(zero_copy_only=False) for c in block]).T
        return m

    def parse_failures(self) -> list[tuple]:
        return files.csv_rejected_lines(self.con, self.rejects_name) if self.fmt == "csv" else []


def discover(data_dir: Path) -> tuple[str, list[tuple[Path, int | None]]]:
    """('wide' | 'yearly', [(file, year or None)])."""
    found = files.find_extract(data_dir, "dream")
    if not found:
        raise InputError(data_dir, "no DREAM extract: expected dream.parquet / dream.csv, or files in dream/")
    yearly = [(p, int(m.group(1))) for p in found if (m := _YEAR_FILE.match(p.stem))]
    if yearly and len(yearly) != len(found):
        other = [p.name for p in found if not _YEAR_FILE.match(p.stem)]
        raise InputError(data_dir / "dream", f"mixes dreamYYYY files with other files ({', '.join(other[:3])})")
    if yearly:
        years = [y for _, y in yearly]
        if len(set(years)) != len(years):
            raise InputError(data_dir / "dream", "two files for the same year")
        gaps = sorted(set(range(min(years), max(years) + 1)) - set(years))
        if gaps:
            raise InputError(data_dir / "dream", f"yearly files missing for {', '.join(map(str, gaps))}")
        return "yearly", sorted(yearly, key=lambda t: t[1])
    return "wide", [(p, None) for p in found]


def load_dream(con: duckdb.DuckDBPyConnection, data_dir: Path, staging: Path, rejects: Rejects) -> DreamLoad:
    """Read every DREAM file into staging Parquet, then build the warehouse tables."""
    layout, found = discover(data_dir)
    staging.mkdir(parents=True, exist_ok=True)
    persons_sink = _Sink(staging / "dream_persons.parquet")
    runs_sink = _Sink(staging / "dream_runs.parquet")
    kommune_sink = _Sink(staging / "dream_kommune.parquet")
    file_stats, first_week, last_week = [], None, None
    parse_failed: dict[int, list[int]] = {}  # file -> CSV lines the parser refused
    next_row_id = 0
    for file_id, (path, year) in enumerate(found):
        with sas.readable(path) as source:  # a SAS file: its Parquet copy, removed once the file is read
            rd = DreamReader(con, path, source, file_id, year)
            fw, lw = rd.cols.weeks[0][1], rd.cols.weeks[-1][1]
            if layout == "wide" and first_week is not None and (fw, lw) != (first_week, last_week):
                raise InputError(path, f"covers {weeks.label(fw)}…{weeks.label(lw)} but the other DREAM files "
                                       f"cover {weeks.label(first_week)}…{weeks.label(last_week)}")
            first_week = fw if first_week is None else min(first_week, fw)
            last_week = lw if last_week is None else max(last_week, lw)
            accepted = rejected = 0
            accepted_ordinals, pending = 0, []  # csv: line numbers are only known after the scan
            for batch in rd.batches():
                n = batch.num_rows
                reason = batch.column("_reason").to_pylist()
                pnr = batch.column("pnr").to_pylist()
                bad = [r is not None or not p for r, p in zip(reason, pnr)]
                bad_idx = [i for i, b in enumerate(bad) if b]
                if bad_idx:
                    rows = batch.column("_row").to_pylist()
                    for i in bad_idx:
                        why = reason[i] or "pnr is missing"
                        pending.append((rows[i], accepted_ordinals + i, pnr[i], why))
                ok = np.logical_not(np.array(bad, dtype=bool))
                # only the person columns are filtered, and the batch's week matrix is indexed by the same
                # mask: filtering the whole batch copied every week column (a quarter of the load at 1,700 weeks)
                good = batch.select(PERSON_COLUMNS + [f"nykom{y}" for y in sorted(rd.cols.nykom)])
                matrix = rd.week_matrix(batch)
                if bad_idx:
                    good, matrix = good.filter(pa.array(ok)), matrix[ok]
                k = good.num_rows
                row_ids = np.arange(next_row_id, next_row_id + k, dtype=np.int64)
                src_rows = (good.column("_row") if rd.fmt != "csv" else
                            pa.array(np.nonzero(ok)[0] + accepted_ordinals, type=pa.int64()))
                persons_sink.write(pa.table({
                    "row_id": row_ids, "file_id": pa.array(np.full(k, file_id, dtype=np.int32)),
                    "src_row": src_rows, "pnr": good.column("pnr"), "koen": good.column("koen"),
                    "foedselsaar": good.column("foedselsaar"), "herkomst": good.column("herkomst")}))
                if rd.cols.nykom:
                    r, kom, y0, y1 = _kommune_runs(good, sorted(rd.cols.nykom))
                    kommune_sink.write(pa.table({"row_id": row_ids[r], "aar_from": y0, "aar_to": y1, "kommune": kom}))
                r, code, c0, c1 = rle.encode(matrix)
                runs_sink.write(pa.table({"row_id": row_ids[r], "code": code,
                                          "w_from": (c0 + fw).astype(np.int32), "w_to": (c1 + fw).astype(np.int32)}))
                next_row_id += k
                accepted += k
                rejected += len(bad_idx)
                accepted_ordinals += n
        # rows the CSV parser refused (wrong number of fields, non-integer cells)
        failures = rd.parse_failures()
        failed_lines = sorted({int(f[0]) for f in failures})
        if rd.fmt == "csv" and pending:
            lines = files.lines_of_accepted([p[1] for p in pending], failed_lines)
            pending = [(int(line), o, p, w) for line, (_, o, p, w) in zip(lines, pending)]
        for row, _, p, why in pending:
            rejects.add("dream", path, row, why, pnr=p, row_word="line" if rd.fmt == "csv" else "row")
        by_line: dict[int, list] = {}
        for line, col, etype, raw, msg in failures:
            by_line.setdefault(int(line), []).append((col, etype, raw, msg))
        for line, errs in by_line.items():
            why = "; ".join(_describe_parse_error(c, t, m) for c, t, _, m in errs)
            rejects.add("dream", path, line, why, raw=errs[0][2], row_word="line")
        rejected += len(by_line)
        parse_failed[file_id] = failed_lines
        file_stats.append({"extract": "dream", "file": str(path), "format": rd.fmt,
                           "rows_in": accepted + rejected, "accepted": accepted, "rejected": rejected,
                           "ignored_columns": ", ".join(rd.cols.ignored),
                           "bytes": path.stat().st_size, "sha256": files.sha256(path)})
    persons_sink.close()
    if not runs_sink.close():
        runs_sink.write(pa.table({"row_id": pa.array([], pa.int64()), "code": pa.array([], pa.int16()),
                                  "w_from": pa.array([], pa.int32()), "w_to": pa.array([], pa.int32())}))
        runs_sink.close()
    has_kommune = kommune_sink.close()
    if persons_sink.writer is None:
        raise InputError(found[0][0], "no readable person rows in the DREAM extract")
    for file_id, n in _build_tables(con, staging, layout, has_kommune, rejects, found, parse_failed).items():
        file_stats[file_id]["accepted"] -= n
        file_stats[file_id]["rejected"] += n
    return DreamLoad(layout, file_stats, first_week, last_week)


def _describe_parse_error(column, etype, message) -> str:
    if etype == "CAST":
        m = re.search(r'Could not convert string "(.*)" to', message or "")
        value = f"'{m.group(1)}'" if m else "the value"
        return f"{column}: {value} is not a whole number (a DREAM code, koen, herkomst, year or municipality)"
    if etype in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
        return f"{etype.lower()} ({message}); truncated or broken line?"
    return f"{etype.lower()}: {message}"


def _build_tables(con, staging: Path, layout: str, has_kommune: bool, rejects: Rejects, found,
                  parse_failed: dict[int, list[int]]) -> dict[int, int]:
    """Build the warehouse tables; returns the rows rejected as duplicates per file."""
    p = lambda name: files.sql_str(str(staging / name))  # noqa: E731
    con.execute(f"CREATE OR REPLACE TEMP TABLE stg_persons AS SELECT * FROM read_parquet({p('dream_persons.parquet')})")
    # duplicated pnr within one file: every copy is rejected, we cannot tell which one is right
    dups = con.execute("""
        SELECT file_id, pnr, list(src_row ORDER BY src_row) AS src_rows, list(row_id) AS row_ids
        FROM stg_persons GROUP BY file_id, pnr HAVING count(*) > 1 ORDER BY file_id, min(src_row)
    """).fetchall()
    dup_rejected: dict[int, int] = {}
    if dups:
        for file_id, pnr, src_rows, _ in dups:
            dup_rejected[file_id] = dup_rejected.get(file_id, 0) + len(src_rows)
            path = found[file_id][0]
            is_csv = files.file_format(path) == "csv"
            where = files.lines_of_accepted(src_rows, parse_failed.get(file_id, [])) if is_csv else src_rows
            word = "lines" if is_csv else "rows"
            for row in where:
                rejects.add("dream", path, int(row), f"pnr {pnr} appears {len(src_rows)} times "
                            f"({word} {', '.join(map(str, where))})", pnr=pnr,
                            row_word="line" if is_csv else "row")
        con.execute("CREATE OR REPLACE TEMP TABLE dup_rows AS SELECT unnest(row_ids) AS row_id FROM "
                    "(SELECT list(row_id) AS row_ids FROM stg_persons GROUP BY file_id, pnr HAVING count(*) > 1)")
        con.execute("DELETE FROM stg_persons WHERE row_id IN (SELECT row_id FROM dup_rows)")
    if layout == "wide":
        # one row per person: the row id is the person id
        con.execute("CREATE OR REPLACE TEMP TABLE person_map AS SELECT row_id, row_id AS person_id FROM stg_persons")
    else:
        con.execute("""CREATE OR REPLACE TEMP TABLE person_map AS
            SELECT row_id, dense_rank() OVER (ORDER BY pnr) - 1 AS person_id FROM stg_persons""")
    con.execute("""
        CREATE OR REPLACE TABLE persons AS
        SELECT m.person_id, any_value(s.pnr) AS pnr,
               arg_max(s.koen, s.file_id) FILTER (WHERE s.koen IS NOT NULL) AS koen,
               arg_max(s.foedselsaar, s.file_id) FILTER (WHERE s.foedselsaar IS NOT NULL) AS foedselsaar,
               arg_max(s.herkomst, s.file_id) FILTER (WHERE s.herkomst IS NOT NULL) AS herkomst
        FROM stg_persons s JOIN person_map m USING (row_id)
        GROUP BY m.person_id ORDER BY m.person_id
    """)
    if has_kommune:
        kommune = (f"SELECT m.person_id, k.kommune, k.aar_from, k.aar_to FROM read_parquet({p('dream_kommune.parquet')}) k "
                   "JOIN person_map m USING (row_id)")
        con.execute(f"CREATE OR REPLACE TABLE kommune_runs AS {_runs_sql(kommune, layout, 'kommune', 'aar')}")
    else:
        con.execute("CREATE OR REPLACE TABLE kommune_runs (person_id BIGINT, kommune INTEGER, aar_from SMALLINT, "
                    "aar_to SMALLINT)")
    con.execute("""CREATE OR REPLACE VIEW person_kommune AS
        SELECT person_id, CAST(unnest(range(aar_from, aar_to + 1)) AS SMALLINT) AS aar, kommune FROM kommune_runs""")
    runs = (f"SELECT m.person_id, r.code, r.w_from, r.w_to FROM read_parquet({p('dream_runs.parquet')}) r "
            "JOIN person_map m USING (row_id)")
    con.execute(f"CREATE OR REPLACE TABLE dream_runs AS {_runs_sql(runs, layout, 'code', 'w')}")
    return dup_rejected


def _runs_sql(pieces: str, layout: str, value: str, unit: str) -> str:
    """A person's runs, in order. In the yearly layout a run that goes on across new year is
    split between two files: the pieces that meet with the same value are joined."""
    lo, hi = f"{unit}_from", f"{unit}_to"
    if layout == "wide":
        return f"{pieces} ORDER BY person_id, {lo}"
    return f"""
        WITH r AS ({pieces}),
        flagged AS (
            SELECT *, CASE WHEN lag({value}) OVER w = {value} AND lag({hi}) OVER w = {lo} - 1 THEN 0 ELSE 1 END AS new_run
            FROM r WINDOW w AS (PARTITION BY person_id ORDER BY {lo})),
        numbered AS (SELECT *, sum(new_run) OVER (PARTITION BY person_id ORDER BY {lo}) AS run_no FROM flagged)
        SELECT person_id, any_value({value}) AS {value}, min({lo}) AS {lo}, max({hi}) AS {hi}
        FROM numbered GROUP BY person_id, run_no ORDER BY person_id, {lo}"""
