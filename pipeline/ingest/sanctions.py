"""The `sanctions` extract: pnr, dato, ydelse, sanktionstype, kommune.

`ydelse` is one of YDELSER; `sanktionstype` is read case-blind with æ/ø/å spelt
ae/oe/aa and spaces or hyphens as underscores ("Ophør af ydelse" -> ophoer), and
must be one of SANKTIONSTYPER (the Jobindsats types named in Nye veje mod job (2015) Bilag 3.15
and the 2024 report Boks 3.1) or an alias of one. A missing pnr, a bad or out-of-range
(1980-2100) date, an unknown ydelse or sanktionstype, or a non-integer kommune
rejects the row. Sanctions of persons who are not in DREAM, or dated outside the
DREAM extract, are valid records: they are kept, counted in the data-quality section
(sql/quality/sanctions.sql) and belong to no period of the tables.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.ingest.rejects import Rejects
from pipeline.ingest.tabular import ExtractSpec, load_extract, sql_list

YDELSER = ("kth", "udh", "dagpenge", "ressourceforloeb", "ledighedsydelse", "sygedagpenge")
SANKTIONSTYPER = {
    "periodesanktion": "kth/udh: the help is withheld for the days of absence (also 'så længe' for dagpenge)",
    "saa_laenge": "'så længe'-sanktion (the 2024 report): no benefit until the person makes contact again",
    "punktsanktion": "a fixed amount is deducted (kth/udh)",
    "nedsaettelse": "reduction by three sanction rates (kth, the 2024 report)",
    "skaerpet_raadighed": "skærpet rådighedssanktion: help stopped for up to three months",
    "ophoer": "ophør af ydelse: the help stops (an offer refused)",
    "karantaene": "dagpenge: three weeks' karantæne for self-inflicted unemployment",
    "tab_af_ydelse": "loss of the right to the benefit (dagpenge, ledighedsydelse, sygedagpenge)",
    "bortfald": "sygedagpenge: the benefit lapses",
}
ALIASES = {"ophoer_af_ydelse": "ophoer", "ophoer_af_ydelsen": "ophoer", "skaerpet_raadighedssanktion": "skaerpet_raadighed",
           "saalaenge": "saa_laenge", "saa_laenge_sanktion": "saa_laenge", "saalaengesanktion": "saa_laenge",
           "tab_af_retten": "tab_af_ydelse", "tab_af_ret": "tab_af_ydelse", "karantaene_selvforskyldt_ledighed": "karantaene"}

_NORMALISED = ("regexp_replace(replace(replace(replace(lower(r_sanktionstype), 'æ', 'ae'), 'ø', 'oe'), 'å', 'aa'), "
               "'[ \\-]+', '_', 'g')")
_TYPE = "CASE " + " ".join(f"WHEN n_type = '{a}' THEN '{t}'" for a, t in ALIASES.items()) + " ELSE n_type END"

SPEC = ExtractSpec(
    name="sanctions",
    columns=("pnr", "dato", "ydelse", "sanktionstype", "kommune"),
    numeric=("kommune",),
    target_ddl="""CREATE OR REPLACE TABLE sanctions (pnr VARCHAR, dato DATE, ydelse VARCHAR, sanktionstype VARCHAR,
                  kommune INTEGER, week INTEGER, src_file VARCHAR, src_row BIGINT)""",
    fields={"dato": "almp_date(r_dato)", "ydelse": "lower(r_ydelse)", "n_type": _NORMALISED,
            "kommune": "TRY_CAST(r_kommune AS INTEGER)"},
    checks=[("r_pnr IS NULL", "'pnr is missing'"),
            ("dato IS NULL", "'dato: ''' || coalesce(r_dato, '') || ''' is not a date'"),
            ("year(dato) NOT BETWEEN 1980 AND 2100", "'dato ' || dato || ' is out of range (1980-2100)'"),
            (f"ydelse IS NULL OR ydelse NOT IN ({sql_list(YDELSER)})",
             f"'ydelse: ''' || coalesce(r_ydelse, '') || ''' is not one of {', '.join(YDELSER)}'"),
            (f"n_type IS NULL OR ({_TYPE}) NOT IN ({sql_list(SANKTIONSTYPER)})",
             "'sanktionstype: ''' || coalesce(r_sanktionstype, '') || ''' is not a known sanction type'"),
            ("r_kommune IS NOT NULL AND kommune IS NULL", "'kommune: ''' || r_kommune || ''' is not a municipality code'")],
    insert=f"r_pnr, dato, ydelse, {_TYPE}, kommune, week_of(dato), src_file, src_row",
)


def load_sanctions(con: duckdb.DuckDBPyConnection, data_dir: Path, rejects: Rejects) -> list[dict]:
    return load_extract(con, data_dir, SPEC, rejects, "sanctions")
