"""The `loentimer` extract: pnr, maaned (YYYY-MM), timer, type (ordinaer | stoettet).

Paid hours per person and month as reported to the income register (DATA_CONTRACT.md
§2.5). A missing pnr, a month that is not YYYY-MM (or outside 1980-2100), hours that
are not a number or outside 0-744 (a month has at most 31 x 24 hours; decimal point
or comma), or a type other than ordinaer/stoettet rejects the row. Hours of persons not
in DREAM are kept and counted (sql/core/loentimer_weeks.sql).

It is the largest extract (a billion rows for the whole population), so what lands is lean: the
person's id from DREAM's `persons` (NULL for a pnr DREAM does not know), the month, the hours and
whether they are supported (`stoettet`, a boolean: a text column of a billion rows cost a third of
the load's time to write); not the pnr, file or row, which every later query would otherwise join or
carry. A rejected row keeps its file, row and reason in `ingest_rejects` as in every extract. The
month's layout is checked with GLOB (four digits, a dash, two digits), not a regular expression: the
same test, a tenth of the time (the expression was a quarter of the load's time).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.ingest.rejects import Rejects
from pipeline.ingest.tabular import ExtractSpec, load_extract

TYPES = ("ordinaer", "stoettet")

SPEC = ExtractSpec(
    name="loentimer",
    columns=("pnr", "maaned", "timer", "type"),
    numeric=("timer",),
    typed=("timer",),
    target_ddl="CREATE OR REPLACE TABLE loentimer (person_id BIGINT, maaned DATE, timer DOUBLE, stoettet BOOLEAN)",
    fields={"maaned": "TRY_STRPTIME(r_maaned, '%Y-%m')::DATE",
            "timer": "TRY_CAST(r_timer AS DOUBLE)", "type": "lower(replace(r_type, 'ø', 'oe'))"},
    checks=[("r_pnr IS NULL", "'pnr is missing'"),
            ("maaned IS NULL OR NOT (r_maaned GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]')",
             "'maaned: ''' || coalesce(r_maaned, '') || ''' is not YYYY-MM'"),
            ("year(maaned) NOT BETWEEN 1980 AND 2100", "'maaned ' || r_maaned || ' is out of range (1980-2100)'"),
            ("timer IS NULL", "'timer: ''' || coalesce(CAST(r_timer AS VARCHAR), '') || ''' is not a number'"),
            ("NOT (timer >= 0 AND timer <= 744)", "'timer ' || timer || ' is outside 0-744 hours a month'"),
            ("type IS NULL OR type NOT IN ('ordinaer', 'stoettet')",
             "'type: ''' || coalesce(r_type, '') || ''' is not ordinaer or stoettet'")],
    insert="p.person_id, r.maaned, r.timer, r.type = 'stoettet'",
    join="LEFT JOIN persons p ON p.pnr = r.r_pnr",
)


def load_loentimer(con: duckdb.DuckDBPyConnection, data_dir: Path, rejects: Rejects) -> list[dict]:
    return load_extract(con, data_dir, SPEC, rejects, "loentimer")
