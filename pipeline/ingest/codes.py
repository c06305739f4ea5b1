"""The DREAM code list and the categories (assets/reference/), into the warehouse.

`codes_validity` holds each code's category with its validity as week indexes
(blank = open), checked: every category exists, no code has overlapping periods.
New codes (hjemrejseydelse, seniorpension, the 2025 kontanthjælp groups, ...) are
added to dream_codes.csv with a valid_from: no code change needed.
"""

from __future__ import annotations

import duckdb

from pipeline import weeks
from pipeline.errors import InputError
from pipeline.warehouse import run_sql

CODES_FILE = "assets/reference/dream_codes.csv"


def load_code_list(con: duckdb.DuckDBPyConnection, variables: dict) -> tuple[int, int]:
    run_sql(con, "ingest/codes", variables)
    rows = con.execute("SELECT code, category, visitation_default, valid_from, valid_to FROM codes").fetchall()
    known = {r[0] for r in con.execute("SELECT category FROM categories").fetchall()}
    out = []
    for code, category, vis, vf, vt in rows:
        if category not in known:
            raise InputError(CODES_FILE, f"code {code}: category '{category}' is not in categories.csv")
        try:
            out.append((code, category, vis, weeks.parse_week(vf) if vf else None, weeks.parse_week(vt) if vt else None))
        except weeks.WeekError as e:
            raise InputError(CODES_FILE, f"code {code}: {e}") from None
    by_code: dict[int, list] = {}
    for r in out:
        by_code.setdefault(r[0], []).append(r)
    for code, rs in by_code.items():
        rs.sort(key=lambda r: -(2**31) if r[3] is None else r[3])
        for a, b in zip(rs, rs[1:]):
            if a[4] is None or b[3] is None or b[3] <= a[4]:
                raise InputError(CODES_FILE, f"code {code} has overlapping validity periods")
    con.execute("CREATE OR REPLACE TABLE codes_validity (code SMALLINT, category VARCHAR, "
                "visitation_default VARCHAR, valid_from_w INTEGER, valid_to_w INTEGER)")
    con.executemany("INSERT INTO codes_validity VALUES (?, ?, ?, ?, ?)", out)
    return len(out), len(known)
