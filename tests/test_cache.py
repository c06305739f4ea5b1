"""The cache of work kept between runs (pipeline/cache.py): a hit is what the work gives afresh,
a change to what the work rests on misses, and what a run did not use is pruned."""

from __future__ import annotations

import os
import time

from pipeline.cache import Cache, key, prune
from pipeline.disclosure import Rules, protect
from tests.test_disclosure import HIERARCHY, hierarchy_rows, table


def test_files_come_back_as_they_were_put_and_only_under_their_key(tmp_path):
    store = Cache(tmp_path / "c")
    src = tmp_path / "a.png"
    src.write_bytes(b"\x89PNG pixels")
    k = key("figur", [1, 2.5, "x"])
    store.put_files("figur", k, [src])
    got = tmp_path / "out" / "a.png"
    assert store.get_files("figur", k, [got]) and got.read_bytes() == b"\x89PNG pixels"
    assert not store.get_files("figur", key("figur", [1, 2.5, "y"]), [got])  # one value differs: a miss
    assert (store.hits, store.misses) == (1, 1)
    assert not Cache(None).get_files("figur", k, [got]) and Cache(None).get("x", k) is None  # no store: no hits


def test_the_key_is_canonical():
    assert key({"b": 1, "a": (1, 2)}) == key({"a": [1, 2], "b": 1})  # key order and tuple/list do not matter
    assert key(1.0) != key(1.5) and key("a", "b") != key("ab")


def test_prune_keeps_what_the_last_run_used_and_drops_the_rest(tmp_path):
    store = Cache(tmp_path)
    store.put("k", key(1), "old")
    store.put("k", key(2), "used")
    old = time.time() - 3600
    for k in (key(1), key(2)):
        os.utime(tmp_path / "k" / k[:2] / k, (old, old))
    (tmp_path / "k" / "ff" / ".tmp-killed").mkdir(parents=True)  # a killed run's half-written entry
    since = time.time()
    assert store.get("k", key(2)) == "used"  # this run uses entry 2 only
    assert prune(tmp_path, since) == 2  # entry 1 and the half entry
    assert store.get("k", key(2)) == "used" and store.get("k", key(1)) is None
    assert not (tmp_path / "k" / "ff" / ".tmp-killed").exists()


def _outcome(out) -> tuple:
    return sorted(out.suppressed), sorted(out.places), sorted(out.intervals.items()), out.failures


def test_disclosure_takes_unchanged_components_from_the_cache_with_the_same_result(tmp_path):
    # two independent tables (two components): the hierarchy of test_disclosure, and a copy under
    # another id; the second run changes one cell of the copy, so only its component is solved again
    one = table("h", HIERARCHY, hierarchy_rows())
    two = table("h2", HIERARCHY, hierarchy_rows())
    fresh = protect([one, two], {}, Rules())
    store = Cache(tmp_path)
    first = protect([one, two], {}, Rules(), store)
    assert (store.hits, store.misses) == (0, 2)
    again = protect([one, two], {}, Rules(), Cache(tmp_path))
    assert _outcome(first) == _outcome(again) == _outcome(fresh)
    rows = hierarchy_rows()
    # y|b 12 -> 11 and y's total 57 -> 56, alle|b 22 -> 21, alle's total 90 -> 89: the relations still hold
    for r in rows:
        if (r["g"], r["k"]) in (("y", "b"), ("y", "i_alt"), ("alle", "b"), ("alle", "i_alt")):
            r["antal"] -= 1
    changed = table("h2", HIERARCHY, rows)
    store = Cache(tmp_path)
    revised = protect([one, changed], {}, Rules(), store)
    assert (store.hits, store.misses) == (1, 1)
    assert _outcome(revised) == _outcome(protect([one, changed], {}, Rules()))
    assert revised.failures == []


def test_a_tables_declared_checks_are_kept_for_the_same_rows_and_made_again_for_others(tmp_path):
    import duckdb

    from pipeline.report.checks import check_declarations

    con = duckdb.connect()
    con.execute("CREATE TABLE tabel_3_1 (kategori VARCHAR, label VARCHAR, antal BIGINT, antal_1aar BIGINT, "
                "andel_1aar DOUBLE, antal_5aar BIGINT, andel_5aar DOUBLE)")
    # 40 of 50 = 80 %, 20 of 50 = 40 %: within 0-100
    con.execute("INSERT INTO tabel_3_1 VALUES ('dagpenge', 'Dagpenge', 50, 40, 80.0, 20, 40.0)")
    fresh = check_declarations(con, "tabel_3_1")
    store = Cache(tmp_path)
    assert check_declarations(con, "tabel_3_1", (), store) == fresh and (store.hits, store.misses) == (0, 1)
    store = Cache(tmp_path)
    assert check_declarations(con, "tabel_3_1", (), store) == fresh and (store.hits, store.misses) == (1, 0)
    # another row: checked again, and a share of 120 % is found
    con.execute("UPDATE tabel_3_1 SET andel_1aar = 120.0")
    store = Cache(tmp_path)
    problems = check_declarations(con, "tabel_3_1", (), store)
    assert (store.hits, store.misses) == (0, 1)
    assert any("andel_1aar = 120 is outside 0-100" in p for p in problems), problems
    assert problems == check_declarations(con, "tabel_3_1")
