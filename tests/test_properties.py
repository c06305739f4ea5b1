"""Invariants that hold on any extract: checked on synthetic extracts from two seeds."""

import json

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


def test_sanctions_are_in_the_periods_that_hold_their_week(out):
    """sanction_events finds a sanction's quarter and year by their labels (issue 18); the reference
    joins its week with every period by range: the same periods, NULL outside the complete ones."""
    reference = """
        SELECT e.event_id, q.periode, y.periode FROM sanction_events e
        LEFT JOIN periods q ON q.periodetype = 'kvartal' AND e.week BETWEEN q.w0 AND q.w1
        LEFT JOIN periods y ON y.periodetype = 'aar' AND e.week BETWEEN y.w0 AND y.w1"""
    made = "SELECT event_id, kvartal, aar FROM sanction_events"
    assert query(out, "SELECT count(*) FILTER (WHERE kvartal IS NOT NULL) FROM sanction_events")[0][0] > 100
    assert query(out, f"SELECT count(*) FROM (({made}) EXCEPT ALL ({reference}))") == [(0,)]
    assert query(out, f"SELECT count(*) FROM (({reference}) EXCEPT ALL ({made}))") == [(0,)]


def test_target_group_weeks_are_the_weeks_in_the_window(out):
    """The job premium's target group counts a run's weeks in each 156-week window by candidate
    years (issue 18); the reference expands the runs to weeks and counts those in the window."""
    v = json.loads((out / "run.json").read_text(encoding="utf-8"))["sql_variables"]
    reference = f"""
        WITH ye AS (SELECT aar, w1 AS ye_week FROM periods WHERE periodetype = 'aar'),
        w AS (SELECT person_id, unnest(range(w_from, w_to + 1)) AS week FROM category_runs
              WHERE list_contains(string_split('{v["jobpraemie_kategorier"]}', ','), category)),
        per AS (SELECT w.person_id, ye.aar, count(*) AS uger FROM w JOIN ye
                  ON w.week BETWEEN ye.ye_week - {v["jobpraemie_window_weeks"]} + 1 AND ye.ye_week GROUP BY ALL)
        SELECT m.aar, m.person_id, coalesce(per.uger, 0) FROM jobpraemie_maalgruppe m
        LEFT JOIN per ON per.person_id = m.person_id AND per.aar = m.aar"""
    made = "SELECT aar, person_id, uger_midlertidig FROM jobpraemie_maalgruppe"
    assert query(out, "SELECT count(*) FILTER (WHERE kvalificeret) FROM jobpraemie_maalgruppe")[0][0] > 10
    assert query(out, f"SELECT count(*) FROM (({made}) EXCEPT ALL ({reference}))") == [(0,)]
    assert query(out, f"SELECT count(*) FROM (({reference}) EXCEPT ALL ({made}))") == [(0,)]
