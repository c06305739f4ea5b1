"""What a new delivery changed since the last run: per extract, the first week whose data differ.

A quarterly delivery repeats every earlier week (a few of them revised) and adds a quarter. The
tables by period (models declared `partitions:`, pipeline/periods.py) rest on each period's own
data, so their periods that end before the first changed week are the last run's rows exactly:
a new delivery recomputes only the periods from the one holding that week on (`almp run`, when
the code and parameters are the last run's).

The first changed week of an extract is found by comparing the ingested tables with the last
run's warehouse (attached read-only as `prev`), persons matched by pnr (person_id is numbered
anew by every ingestion):

* DREAM: the runs of codes, the new ones cut at the old extract's last week; for the persons
  whose runs differ, week by week, so one revised week of a long run counts from that week, not
  from the run's start (beyond PRECISE_PERSONS persons, from the first differing run's start).
  A change in the persons' characteristics, or in the extract's first week, changes everything:
  the first week of the extract is returned. So does a change in the municipalities by year
  up to the old extract's last year. When every person has the number the last run gave them
  (the usual case), the tables are compared by person_id, without a join. A person's runs are
  distinct rows, so they are compared as sets (EXCEPT: at 1,000,000 persons 0.5 s where EXCEPT
  ALL takes 1.6 s).
* Sanctions: the rows (without their place in the file), by the week of the sanction.
* Visitation: the records cut at the old extract's last week, by their first week.

An extract with no rule here that has changed returns the first week too: everything recomputes.
"""

from __future__ import annotations

import duckdb

PREV = "prev"  # the alias of the last run's warehouse, attached read-only while a model runs
PRECISE_PERSONS = 100_000  # at most this many persons' differing runs are compared week by week
TABLE = "_leverance_aendringer"  # the first changed week per extract, found once per run
RECOMPUTED = "_perioder_genberegnet"  # per table by period: the first quarter recomputed (NULL: none)


def forget(warehouse) -> None:
    """Drop what a run found about its delivery from a copy of its warehouse (a run that starts from the
    last run's warehouse, when only optional extracts changed, must find its own)."""
    con = duckdb.connect(str(warehouse))
    try:
        con.execute(f"DROP TABLE IF EXISTS {TABLE}")
        con.execute(f"DROP TABLE IF EXISTS {RECOMPUTED}")
    finally:
        con.close()


def attach(con: duckdb.DuckDBPyConnection, path: str) -> None:
    if con.execute("SELECT count(*) FROM duckdb_databases() WHERE database_name = ?", [PREV]).fetchone()[0] == 0:
        con.execute(f"ATTACH '{path}' AS {PREV} (READ_ONLY)")


def detach(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"DETACH DATABASE IF EXISTS {PREV}")


def _extract_weeks(con: duckdb.DuckDBPyConnection, db: str) -> tuple[int, int]:
    return con.execute(f"SELECT first_week, last_week FROM {db}.dream_extract").fetchone()


def extract_first_week(con: duckdb.DuckDBPyConnection) -> int:
    """The new delivery's first week: a change from it on changes every period."""
    return _extract_weeks(con, "main")[0]


def _dream(con: duckdb.DuckDBPyConnection) -> int | None:
    first, last = _extract_weeks(con, "main")
    old_first, old_last = _extract_weeks(con, PREV)
    if first != old_first or last < old_last:  # weeks gone: the periods they held must go too
        return min(first, old_first)
    persons = "SELECT person_id, pnr, koen, foedselsaar, herkomst FROM {db}.persons"
    if _differs(con, persons.format(db="main"), persons.format(db=PREV)):
        # persons numbered anew (some came or went): matched by pnr; their characteristics must be the same
        attributes = "SELECT pnr, koen, foedselsaar, herkomst FROM {db}.persons"
        if _differs(con, attributes.format(db="main"), attributes.format(db=PREV)):
            return first
        who = "p.pnr", "JOIN {db}.persons p USING (person_id)"
    else:  # the same persons with the same numbers (the usual case): no join
        who = "person_id", ""

    def rows(table: str, columns: str, db: str, where: str = "") -> str:
        return f"SELECT {who[0]} AS who, {columns} FROM {db}.{table} {who[1].format(db=db)} {where}"

    last_year = con.execute(f"SELECT max(aar_to) FROM {PREV}.kommune_runs").fetchone()[0]
    last_year = int(last_year) if last_year is not None else -1
    kommune = f"kommune, aar_from, least(aar_to, {last_year}) AS aar_to"
    if _differs(con, rows("kommune_runs", kommune, "main", f"WHERE aar_from <= {last_year}"),
                rows("kommune_runs", kommune, PREV)):
        return first
    old_runs = rows("dream_runs", "code, w_from, w_to", PREV)
    new_runs = rows("dream_runs", f"code, w_from, least(w_to, {old_last}) AS w_to", "main", f"WHERE w_from <= {old_last}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE _runs_changed AS {_either_only(new_runs, old_runs, 'EXCEPT')}")
    try:
        n, earliest = con.execute("SELECT count(DISTINCT who), min(w_from) FROM _runs_changed").fetchone()
        if n == 0:
            return old_last + 1  # the earlier weeks are the same: what changed is the weeks added
        if n > PRECISE_PERSONS:
            return earliest
        # week by week for the persons whose runs differ: the first week whose code differs
        week = con.execute(f"""
            WITH changed AS (SELECT DISTINCT who FROM _runs_changed),
                 o AS (SELECT who, code, unnest(range(w_from, w_to + 1)) AS w
                       FROM ({old_runs}) SEMI JOIN changed USING (who)),
                 n AS (SELECT who, code, unnest(range(w_from, w_to + 1)) AS w
                       FROM ({new_runs}) SEMI JOIN changed USING (who))
            SELECT min(coalesce(o.w, n.w)) FROM o FULL JOIN n USING (who, w) WHERE o.code IS DISTINCT FROM n.code
            """).fetchone()[0]
        return week if week is not None else old_last + 1
    finally:
        con.execute("DROP TABLE IF EXISTS _runs_changed")


def _sanctions(con: duckdb.DuckDBPyConnection) -> int | None:
    rows = "SELECT pnr, dato, ydelse, sanktionstype, kommune, week FROM {db}.sanctions"
    either = _either_only(rows.format(db="main"), rows.format(db=PREV), "EXCEPT ALL")
    return con.execute(f"SELECT min(week) FROM ({either})").fetchone()[0]  # None: the same sanctions


def _visitation(con: duckdb.DuckDBPyConnection) -> int | None:
    """The records cut at the old extract's last week (a record the new delivery closes after it, or one
    it adds after it, changes no earlier week); records of one person, ydelse and start date keep their
    order in the file, which decides between them (sql/core/category_runs.sql)."""
    old_last = _extract_weeks(con, PREV)[1]
    rows = (f"SELECT pnr, ydelse, kategori, fra_dato, w_first, least(coalesce(w_last, {old_last}), {old_last}) AS w_last, "
            f"row_number() OVER (PARTITION BY pnr, ydelse, fra_dato ORDER BY src_file, src_row) AS orden "
            f"FROM {{db}}.visitation WHERE w_first <= {old_last}")
    either = _either_only(rows.format(db="main"), rows.format(db=PREV), "EXCEPT ALL")
    return con.execute(f"SELECT min(w_first) FROM ({either})").fetchone()[0]


def _either_only(new: str, old: str, except_: str) -> str:
    """The rows of either query that the other has not: `EXCEPT` compares them as sets, `EXCEPT ALL`
    counts repeated rows."""
    return f"(({new}) {except_} ({old})) UNION ALL (({old}) {except_} ({new}))"


def _differs(con: duckdb.DuckDBPyConnection, new: str, old: str) -> bool:
    """Whether two queries give other rows; as sets: their rows are distinct (a person's runs do not
    overlap, nor do their years), and EXCEPT is some four times faster than EXCEPT ALL."""
    return con.execute(f"SELECT EXISTS ({_either_only(new, old, 'EXCEPT')})").fetchone()[0]


RULES = {"dream": _dream, "sanctions": _sanctions, "visitation": _visitation}


def first_changed_week(con: duckdb.DuckDBPyConnection, extract: str) -> int | None:
    """The first week whose data differ from the last run's, for one changed extract (attached
    `prev`); found once per run and kept in the warehouse's TABLE. None: no week differs."""
    con.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (extract VARCHAR, foerste_uge INTEGER)")
    known = con.execute(f"SELECT foerste_uge FROM {TABLE} WHERE extract = ?", [extract]).fetchall()
    if known:
        return known[0][0]
    rule = RULES.get(extract)
    week = rule(con) if rule is not None else extract_first_week(con)
    con.execute(f"INSERT INTO {TABLE} VALUES (?, ?)", [extract, week])
    return week


def first_quarter_from(con: duckdb.DuckDBPyConnection, week: int) -> str | None:
    """The first quarter of the periods table that holds or follows `week`; None: no such quarter."""
    row = con.execute("SELECT periode FROM periods WHERE periodetype = 'kvartal' AND w1 >= ? ORDER BY w0 LIMIT 1",
                      [week]).fetchone()
    return row[0] if row else None


def recomputed(con: duckdb.DuckDBPyConnection) -> dict | None:
    """For run.json and the report: the first week each changed extract differs from (as a week label),
    and per table by period the first quarter recomputed (None: none); None when the run was whole."""
    from pipeline.warehouse import table_exists
    from pipeline.weeks import label

    if not table_exists(con, RECOMPUTED):
        return None
    weeks = con.execute(f"SELECT extract, foerste_uge FROM {TABLE} ORDER BY extract").fetchall() \
        if table_exists(con, TABLE) else []
    return {"first_changed_week": {e: None if w is None else label(w) for e, w in weeks},
            "from_quarter": dict(con.execute(f"SELECT tabel, fra_kvartal FROM {RECOMPUTED} ORDER BY tabel").fetchall())}
