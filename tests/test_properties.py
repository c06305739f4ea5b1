"""Invariants that hold on any extract: checked on synthetic extracts from two seeds."""

import pytest

from tests.conftest import query, run_cli

pytestmark = pytest.mark.e2e  # runs the whole pipeline through the CLI


@pytest.fixture(scope="module", params=[1, 2])
def out(request, tmp_path_factory):
    base = tmp_path_factory.mktemp(f"prop{request.param}")
    assert run_cli("generate", "--out", base / "data", "--persons", 3000, "--seed", request.param,
                   "--start", "2009-W01", "--end", "2014-W52") == 0
    assert run_cli("run", "--data", base / "data", "--out", base / "out") == 0
    return base / "out"


def test_runs_and_category_runs_never_overlap(out):
    for table in ("dream_runs", "category_runs"):
        overlaps = query(out, f"""SELECT count(*) FROM (SELECT person_id, w_from, w_to,
                                  lag(w_to) OVER (PARTITION BY person_id ORDER BY w_from) AS prev FROM {table})
                                  WHERE prev >= w_from""")
        assert overlaps == [(0,)], table
    # splitting by visitation and validity keeps every week: same weeks in both
    assert query(out, "SELECT sum(w_to - w_from + 1) FROM dream_runs") == \
        query(out, "SELECT sum(w_to - w_from + 1) FROM category_runs")


def test_spells_never_overlap_and_contain_their_weeks(out):
    assert query(out, """SELECT count(*) FROM (SELECT w_from, lag(w_to) OVER (PARTITION BY person_id, family
                         ORDER BY w_from) AS prev FROM spells) WHERE prev >= w_from""") == [(0,)]
    assert query(out, "SELECT count(*) FROM spells WHERE weeks_on_benefit > w_to - w_from + 1") == [(0,)]
    # gaps between spells of a family are longer than the bridged maximum (3)
    assert query(out, """SELECT count(*) FROM (SELECT w_from, lag(w_to) OVER (PARTITION BY person_id, family
                         ORDER BY w_from) AS prev FROM spells) WHERE w_from - prev - 1 <= 3""") == [(0,)]


def test_tables_add_up_and_shares_are_shares(out):
    assert query(out, """SELECT sum(antal) FILTER (WHERE kategori NOT LIKE 'i_alt%')
                                = sum(antal) FILTER (WHERE kategori = 'i_alt')
                         FROM tabel_3_1""") == [(True,)]
    for table, cols in {"tabel_3_1": ("andel_1aar", "andel_5aar"),
                        "tabel_3_2": ("andel_aktiveret", "andel_ikke_aktiveret", "aktiveringsgrad"),
                        "figur_3_5": ("andel_tilbud", "andel_virksomhedsrettet"),
                        "figur_3_6": ("andel_ikke_1aar", "andel_ikke_3aar", "andel_ikke_5aar"),
                        "bilag_3_13": ("andel_tilbud_3_mdr",),
                        "tabel_4_1": ("loentilskud_offentlig", "virksomhedspraktik_privat", "nyttejob", "fleksjob", "total"),
                        "m16_aktiveringsgrad": ("aktiveringsgrad",),
                        "m16_redskaber": ("andel_af_aktivering",)}.items():
        cond = " OR ".join(f"{c} < 0 OR {c} > 100" for c in cols)
        assert query(out, f"SELECT count(*) FROM {table} WHERE {cond}") == [(0,)], table
    assert query(out, "SELECT count(*) FROM tabel_3_2 WHERE activation_hours > possible_hours") == [(0,)]
    assert query(out, "SELECT count(*) FROM activation_weeks WHERE hours > 37 OR hours > hours_uncapped + 1e-9") == [(0,)]
    # not activated within 1 year <= within 3 years <= within 5 years, in reverse
    assert query(out, "SELECT count(*) FROM figur_3_6 WHERE antal_ikke_5aar > antal_ikke_3aar "
                      "OR antal_ikke_3aar > antal_ikke_1aar") == [(0,)]
    # every tool's share of activation adds up to 100 per group and year
    assert query(out, """SELECT count(*) FROM (SELECT gruppe, aar, sum(andel_af_aktivering) s FROM m16_redskaber
                         GROUP BY ALL) WHERE abs(s - 100) > 1e-6""") == [(0,)]


def test_recipients_per_period_are_the_weeks_in_the_period(out):
    """sanction_recipients finds a run's periods by their numbers (issue 18); the reference expands the
    runs to weeks and joins every week to every period that holds it: the same rows, both ways."""
    reference = """
        WITH w AS (SELECT person_id, category AS ydelse, visitation, unnest(range(w_from, w_to + 1)) AS week
                   FROM category_runs
                   WHERE category IN ('kth', 'udh', 'dagpenge', 'ressourceforloeb', 'ledighedsydelse', 'sygedagpenge'))
        SELECT p.periodetype, p.periode, w.person_id, w.ydelse,
               coalesce(list_sort(list_distinct(list(w.visitation) FILTER (WHERE w.visitation IS NOT NULL))),
                        CAST([] AS VARCHAR[])) AS visitationer
        FROM w JOIN periods p ON w.week BETWEEN p.w0 AND p.w1
        GROUP BY ALL"""
    made = "SELECT periodetype, periode, person_id, ydelse, visitationer FROM sanction_recipients"
    assert query(out, f"SELECT count(*) FROM ({made})")[0][0] > 1000
    assert query(out, f"SELECT count(*) FROM ({made} EXCEPT ALL SELECT * FROM ({reference}))") == [(0,)]
    assert query(out, f"SELECT count(*) FROM (SELECT * FROM ({reference}) EXCEPT ALL {made})") == [(0,)]
