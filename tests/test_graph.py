"""The asset graph read from sql/: the same assets and edges as the hand-written graph it replaced,
but for the mistakes that graph had (each named here), and a snapshot so a change in dependencies
shows in review (ALMP_UPDATE_SNAPSHOT=1 rewrites it)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline.defs import all_assets
from pipeline.models import ModelError, discover, parse_sql

HERE = Path(__file__).parent
CATEGORY_TABLES = {"code_list"}  # categories, kommuner, codes: the hand-written graph never named them


def graph(extra: tuple[str, ...] = ()) -> dict:
    assets, checks = all_assets(extra)
    out = {}
    for a in assets:
        for spec in a.specs:
            out[spec.key.to_user_string()] = {"deps": sorted(d.asset_key.to_user_string() for d in spec.deps),
                                              "group": spec.group_name, "description": spec.description or ""}
    return out


def test_the_discovered_graph_is_the_hand_written_one_with_its_mistakes_fixed():
    old = json.loads((HERE / "graph_hand_written.json").read_text(encoding="utf-8"))
    # activation by week became activation by run (issue 18); the by-week tables stay, as views of the runs
    renamed = {"activation_weeks": "activation_runs", "activation_offer_weeks": "activation_offer_runs"}
    old = {renamed.get(k, k): [renamed.get(d, d) for d in v] for k, v in old.items()}
    new = {k: v["deps"] for k, v in graph().items()}
    # one table, one asset: the hand-written m16_activation made two tables under one name
    assert set(old) - set(new) == {"m16_activation"}
    assert set(new) - set(old) == {"m16_activation_by_offer", "m16_activation_by_offer_totals", "loentimer_aar",
                                   "jobpraemie_timer", "loentimer_month_weeks", "dq_loentimer", "disclosure",
                                   # Jobindsats (issue 15) came after the hand-written graph
                                   "jobindsats", "jobindsats_afstemning_celler", "jobindsats_register",
                                   "jobindsats_afstemning", "afstemning_jobindsats", "afstemning_jobindsats_sanktioner",
                                   # kapitel 7, revalidering (issue 19)
                                   "revalidering_forloeb", "revalidering_aar", "figur_7_4", "revalidering_udfald",
                                   "integration_figur_3", "integration_figur_4",
                                   "integration_figur_5", "integration_grupper", "integration_tabel_4", "figur_7_5",
                                   "activation_weeks", "activation_offer_weeks"}
    fixed = {  # asset: (edges the hand-written graph had and the SQL never reads, edges it missed)
        "cohort_spells": ({"periods"}, {"category_runs"}),  # never read periods; reads category_runs
        "loentimer_andel_ydelse": ({"loentimer_weeks"}, {"loentimer"}),  # reads loentimer
        # paid hours carry DREAM's person ids since ingestion: e24_fokusmaal no longer joins persons (issue 18)
        "e24_fokusmaal": ({"loentimer_weeks"}, {"loentimer", "loentimer_month_weeks"}),
        "e24_resultatmaal": ({"loentimer_weeks"}, {"loentimer", "loentimer_month_weeks", "state_runs"}),
        "dq_visitation": ({"category_runs"}, {"visitation", "dream"}),  # reads visitation and persons only
        "m16_aktiveringsgrad": ({"m16_activation"}, {"m16_activation_by_offer_totals"}),
        "m16_redskaber": ({"m16_activation"}, {"m16_activation_by_offer", "m16_activation_by_offer_totals"}),
        # the table macro activation_rate (Tabel 3.2 and the integration annex's Figur 3) lives beside the
        # activation_runs it reads, and reads the spells
        "activation_runs": (set(), {"category_runs", "spells"}),
        "report": (set(old["report"]) - {"dq_unknown_codes", "dq_visitation", "dq_sanctions"},
                   {"disclosure", "dq_loentimer"}),  # the tables reach the report through disclosure control
    }
    for asset in sorted(set(old) & set(new)):
        removed, added = set(old[asset]) - set(new[asset]), set(new[asset]) - set(old[asset])
        if asset in fixed:
            assert (removed, added - CATEGORY_TABLES) == (fixed[asset][0], fixed[asset][1] - CATEGORY_TABLES), asset
            continue
        # the other differences are edges the hand-written lists left out: tables the SQL reads
        # (categories, kommuner, persons, periods through a macro, a table read beside its source)
        assert not removed or asset == "periods", (asset, removed)
        assert added <= CATEGORY_TABLES | {"dream", "periods", "category_runs", "state_runs", "cohort_spells",
                                           "jobpraemie_timer", "loentimer_aar", "visitation"}, (asset, added)


def test_the_graph_snapshot_is_current():
    path = HERE / "graph_snapshot.json"
    now = graph()
    if os.environ.get("ALMP_UPDATE_SNAPSHOT") == "1":
        path.write_text(json.dumps(now, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8")) == now, \
        "the asset graph changed: review the difference, then rerun with ALMP_UPDATE_SNAPSHOT=1"


def test_a_model_that_reads_a_table_no_asset_makes_is_an_error(tmp_path):
    (tmp_path / "mine.sql").write_text("CREATE OR REPLACE TABLE mine AS SELECT * FROM no_such_table;\n",
                                       encoding="utf-8")
    with pytest.raises(ModelError, match=r"mine\.sql: reads table no_such_table, which no model"):
        discover((str(tmp_path),))


def test_a_model_reads_what_its_sql_reads_through_ctes_macros_and_temp_tables(tmp_path):
    p = tmp_path / "x.sql"
    p.write_text("""
CREATE OR REPLACE TEMP TABLE scratch AS SELECT * FROM spells;
CREATE OR REPLACE TABLE x AS
WITH a AS (SELECT * FROM scratch JOIN persons USING (person_id))
SELECT * FROM a, sanction_table('aar', 'kth', [{'dimension': 'i_alt', 'vaerdi': 'i_alt'}]);
""", encoding="utf-8")
    m = parse_sql(p, "own")
    assert m.tables == ("x",) and set(m.reads) == {"spells", "persons"} and m.calls == ("sanction_table",)


def test_a_step_sets_the_variables_its_sql_and_every_macro_read(tmp_path):
    """Only the SQL variables a model can read are set for its step: those its file names, and those
    of every file that defines a macro (a macro reads them where it is called). A name that is not a
    literal could be any: then all are set (None)."""
    from dataclasses import replace

    from pipeline.models import variables_named, variables_read

    assert variables_named("SELECT getvariable('a'), GETVARIABLE( 'b' ), getvariable('a')") == ("a", "b")
    assert variables_named("SELECT getvariable('x_' || 'y')") is None
    mine = tmp_path / "mine.sql"
    mine.write_text("CREATE OR REPLACE TABLE mine AS SELECT getvariable('cohort_year') AS y "
                    "FROM bridged_spells(category_runs);\n", encoding="utf-8")
    models = discover((str(tmp_path),))
    m = next(x for x in models if x.name == "mine")
    reads = variables_read(m, models)
    # its own, and bridged_spells's (sql/core/spells.sql: max_gap_weeks), which it calls
    assert {"cohort_year", "max_gap_weeks"} <= reads
    # every macro's variables: a macro's file is read whole, whether called here or not
    assert all(set(x.variables) <= reads for x in models if x.macros)
    assert "jobpraemie_pct" not in reads  # read by no macro and not by this model
    assert variables_read(replace(m, variables=None), models) is None
