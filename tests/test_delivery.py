"""What a new delivery changed (pipeline/delivery.py): the first week whose data differ from the last
run's, per extract, on two hand-made warehouses. Persons are matched by pnr: the new ingestion numbers
them anew (here A and B swap person_id)."""

from __future__ import annotations

import duckdb
import pytest

from pipeline import delivery

OLD_RUNS = [(1, 10, 100, 150), (1, 20, 151, 199),  # A: code 10 in weeks 100-150, 20 in 151-199
            (2, 30, 120, 199)]                      # B: code 30 in weeks 120-199
# the next delivery: weeks 100-212; A and B swap person_id; both go on after week 199
NEW_RUNS = [(2, 10, 100, 150), (2, 20, 151, 212),
            (1, 30, 120, 212)]


def _warehouse(path, last, runs, persons=(("A", 1), ("B", 2)), born=1970, sanctions=(), visitation=()):
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE dream_extract (layout VARCHAR, first_week INTEGER, last_week INTEGER, "
                "first_label VARCHAR, last_label VARCHAR)")
    con.execute("INSERT INTO dream_extract VALUES ('wide', 100, ?, '', '')", [last])
    con.execute("CREATE TABLE persons (person_id BIGINT, pnr VARCHAR, koen INTEGER, foedselsaar INTEGER, "
                "herkomst INTEGER)")
    for pnr, pid in persons:
        con.execute("INSERT INTO persons VALUES (?, ?, 1, ?, 1)", [pid, pnr, born])
    con.execute("CREATE TABLE kommune_runs AS SELECT person_id, 101 AS kommune, 2014::SMALLINT AS aar_from, "
                "(CASE WHEN ? > 199 THEN 2015 ELSE 2014 END)::SMALLINT AS aar_to FROM persons", [last])
    con.execute("CREATE TABLE dream_runs (person_id BIGINT, code SMALLINT, w_from INTEGER, w_to INTEGER)")
    con.executemany("INSERT INTO dream_runs VALUES (?, ?, ?, ?)", runs)
    con.execute("CREATE TABLE sanctions (pnr VARCHAR, dato DATE, ydelse VARCHAR, sanktionstype VARCHAR, "
                "kommune INTEGER, week INTEGER, src_file VARCHAR, src_row BIGINT)")
    for row in sanctions:
        con.execute("INSERT INTO sanctions VALUES (?, DATE '2014-01-01', 'kth', 'nedsaettelse', 101, ?, 'f', ?)", row)
    con.execute("CREATE TABLE visitation (pnr VARCHAR, fra_dato DATE, til_dato DATE, ydelse VARCHAR, "
                "kategori VARCHAR, w_first INTEGER, w_last INTEGER, src_file VARCHAR, src_row BIGINT)")
    for row in visitation:
        con.execute("INSERT INTO visitation VALUES (?, DATE '2014-01-01', NULL, 'kth', ?, ?, ?, 'f', ?)", row)
    # quarters of 13 weeks from week 100: 100-112, 113-125, ..., 204-216
    con.execute("CREATE TABLE periods AS SELECT 'kvartal' AS periodetype, 'Q' || lpad(i::VARCHAR, 2, '0') AS periode, "
                "2014 AS aar, 100 + 13 * i AS w0, 112 + 13 * i AS w1 FROM range(9) t(i) WHERE 112 + 13 * i <= ?",
                [last])
    return con


@pytest.fixture
def old(tmp_path):
    path = tmp_path / "old.duckdb"
    _warehouse(path, 199, OLD_RUNS, sanctions=[("A", 130, 1), ("B", 160, 2)],
               visitation=[("A", "kth_jobparat", 110, None, 1)]).close()
    return str(path)


def _first(con, old, extract):
    delivery.attach(con, old)
    try:
        return delivery.first_changed_week(con, extract)
    finally:
        delivery.detach(con)


def test_a_delivery_that_only_adds_weeks_changed_from_the_week_after_the_old_last(tmp_path, old):
    con = _warehouse(tmp_path / "new.duckdb", 212, NEW_RUNS, persons=(("A", 2), ("B", 1)))
    # the runs cut at the old last week 199 are the old runs: the first changed week is 199 + 1
    assert _first(con, old, "dream") == 200
    # the quarter holding week 200: quarters start at 100 + 13i, 100 + 13 * 7 = 191 ... 203 holds it
    assert delivery.first_quarter_from(con, 200) == "Q07"


def test_one_revised_week_of_a_long_run_counts_from_that_week_not_from_the_run(tmp_path, old):
    # B's run 120-199 now has code 31 in week 141: the runs differ from week 120 on, the weeks from 141
    revised = [NEW_RUNS[0], NEW_RUNS[1], (1, 30, 120, 140), (1, 31, 141, 141), (1, 30, 142, 212)]
    con = _warehouse(tmp_path / "new.duckdb", 212, revised, persons=(("A", 2), ("B", 1)))
    assert _first(con, old, "dream") == 141
    # and a week withdrawn (no code in week 160 for A): the first week with a code in one and not the other
    gap = [NEW_RUNS[0], (2, 20, 151, 159), (2, 20, 161, 212), NEW_RUNS[2]]
    con2 = _warehouse(tmp_path / "new2.duckdb", 212, gap, persons=(("A", 2), ("B", 1)))
    assert _first(con2, old, "dream") == 160


def test_changed_characteristics_or_a_shorter_extract_change_everything(tmp_path, old):
    born = _warehouse(tmp_path / "born.duckdb", 212, NEW_RUNS, persons=(("A", 2), ("B", 1)), born=1971)
    assert _first(born, old, "dream") == 100  # the extract's first week: every period recomputes
    shorter = _warehouse(tmp_path / "short.duckdb", 190, [(1, 10, 100, 150), (1, 20, 151, 190), (2, 30, 120, 190)])
    assert _first(shorter, old, "dream") == 100  # weeks 191-199 are gone, and the periods they held


def test_sanctions_and_visitation_by_the_week_of_the_first_differing_row(tmp_path, old):
    # the same two sanctions (at other places in the file) and a new one in week 205
    con = _warehouse(tmp_path / "new.duckdb", 212, NEW_RUNS, persons=(("A", 2), ("B", 1)),
                     sanctions=[("X", 205, 1), ("A", 130, 2), ("B", 160, 3)],
                     visitation=[("A", "kth_jobparat", 110, 205, 1)])
    assert _first(con, old, "sanctions") == 205
    # the open record is closed in week 205, after the old last week: no earlier week differs
    assert _first(con, old, "visitation") is None
    # a record whose category was revised: from its first week
    con2 = _warehouse(tmp_path / "new2.duckdb", 212, NEW_RUNS, persons=(("A", 2), ("B", 1)),
                      sanctions=[("A", 130, 1)], visitation=[("A", "kth_aktivitetsparat", 110, None, 1)])
    assert _first(con2, old, "visitation") == 110
    assert _first(con2, old, "sanctions") == 160  # B's sanction in week 160 is withdrawn


def test_an_extract_without_a_rule_changes_everything_and_each_is_found_once(tmp_path, old):
    con = _warehouse(tmp_path / "new.duckdb", 212, NEW_RUNS, persons=(("A", 2), ("B", 1)))
    assert _first(con, old, "loentimer") == 100
    con.execute(f"UPDATE {delivery.TABLE} SET foerste_uge = 150 WHERE extract = 'loentimer'")
    assert _first(con, old, "loentimer") == 150  # kept in the warehouse for the run's other tables


def test_the_same_numbering_compares_without_a_join_and_finds_the_same_weeks(tmp_path, old):
    same = [(1, 10, 100, 150), (1, 20, 151, 212), (2, 30, 120, 140), (2, 31, 141, 141), (2, 30, 142, 212)]
    con = _warehouse(tmp_path / "new.duckdb", 212, same)  # A is 1 and B is 2, as in the last run
    assert _first(con, old, "dream") == 141
    # a municipality revised in a year the last run had (2014) changes every period
    con.execute("UPDATE kommune_runs SET kommune = 147 WHERE person_id = 1")
    con.execute(f"DELETE FROM {delivery.TABLE}")
    assert _first(con, old, "dream") == 100
