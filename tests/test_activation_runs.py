"""Activation in runs of weeks (activation_offer_runs, activation_runs) against a week-by-week
reference written here in Python, on random activation spells: overlapping, starting and ending
mid-week, open-ended, beginning before and ending after the extract, with mentor and
voksenlærling beside the offers that count. The runs, expanded to weeks, must give every
week's hours, capped hours and offers; and a sum over any period by interval overlap
(exact_sum_weeks) must be exactly the sum over its weeks one by one.
"""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from pipeline import weeks
from tests.conftest import query
from tests.dreamfix import write_activation, write_dream
from tests.sqlrun import run_models

FIRST, LAST = weeks.parse_week("2013-W01"), weeks.parse_week("2014-W26")
FULL_TIME = 37.0
OFFERS = [("vejledning_opkvalificering", None), ("virksomhedspraktik", "privat"), ("virksomhedspraktik", "offentlig"),
          ("loentilskud", "privat"), ("nytteindsats", None), ("mentor", None), ("voksenlaerling", None)]
NOT_ACTIVATION = {"mentor", "voksenlaerling"}


def random_spells(seed: int, n_persons: int = 40) -> list[tuple]:
    rng = random.Random(seed)
    lo, hi = weeks.monday(FIRST) - timedelta(days=40), weeks.monday(LAST) + timedelta(days=40)
    rows = []
    for i in range(n_persons):
        for _ in range(rng.randint(0, 6)):
            start = lo + timedelta(days=rng.randint(0, (hi - lo).days))
            slut = None if rng.random() < 0.15 else start + timedelta(days=rng.choice([0, 1, 3, 6, 7, 13, 30, 200]))
            tilbud, sektor = rng.choice(OFFERS)
            rows.append((f"P{i:03d}", start, slut, tilbud, sektor, rng.choice([5.0, 12.5, 20.0, 30.0, 37.0])))
    return rows


def reference(rows: list[tuple]) -> dict:
    """(pnr, week) -> {(tilbud, sektor): hours}: each spell's hours in each week it covers, as the
    methods define them: timer_pr_uge x the days of the week it covers / 7; an open spell runs to
    the extract's last Sunday."""
    out: dict = {}
    end_of_extract = weeks.monday(LAST) + timedelta(days=6)
    for pnr, start, slut, tilbud, sektor, timer in rows:
        slut = slut or end_of_extract
        for w in range(max(FIRST, weeks.week_of_date(start)), min(LAST, weeks.week_of_date(slut)) + 1):
            mon = weeks.monday(w)
            days = (min(slut, mon + timedelta(days=6)) - max(start, mon)).days + 1
            cell = out.setdefault((pnr, w), {})
            cell[(tilbud, sektor)] = cell.get((tilbud, sektor), 0.0) + timer * days / 7
    return out


@pytest.fixture(scope="module", params=[1, 2, 3])
def case(request, tmp_path_factory):
    base = tmp_path_factory.mktemp(f"runs{request.param}")
    rows = random_spells(request.param)
    persons = {f"P{i:03d}": [(130, FIRST, LAST)] for i in range(40)}  # kontanthjælp throughout
    write_dream(base / "data", persons, FIRST, LAST)
    write_activation(base / "data", rows)
    run_models(base / "data", base / "out", ["activation_runs"])
    return base / "out", reference(rows)


def test_offer_runs_expanded_are_the_weekly_reference(case):
    out, ref = case
    got = {(p, w, t, s): (h, c) for p, w, t, s, h, c in query(out, """
        SELECT pnr, week, tilbud, sektor, hours, hours_capped FROM activation_offer_weeks JOIN persons USING (person_id)""")}
    want = {}
    for (pnr, w), cell in ref.items():
        counted = sum(h for (t, _), h in cell.items() if t not in NOT_ACTIVATION)
        for (t, s), h in cell.items():
            capped = 0.0 if t in NOT_ACTIVATION else h * min(1.0, FULL_TIME / counted)
            want[(pnr, w, t, s)] = (h, capped)
    assert got.keys() == want.keys()
    for k, (h, c) in want.items():
        assert got[k][0] == pytest.approx(h, abs=1e-5) and got[k][1] == pytest.approx(c, abs=1e-5), k


def test_runs_expanded_are_the_weekly_reference(case):
    out, ref = case
    got = {(p, w): (h, u, t) for p, w, h, u, t in query(out, """
        SELECT pnr, week, hours, hours_uncapped, tilbud FROM activation_weeks JOIN persons USING (person_id)""")}
    assert got.keys() == ref.keys()
    for (pnr, w), cell in ref.items():
        counted = [(t, h) for (t, _), h in cell.items() if t not in NOT_ACTIVATION]  # both sectors of an offer
        uncapped = sum(h for _, h in counted)
        h, u, offers = got[(pnr, w)]
        assert u == pytest.approx(uncapped, abs=1e-5) and h == pytest.approx(min(uncapped, FULL_TIME), abs=1e-5)
        assert (offers or []) == sorted({t for t, _ in counted}), (pnr, w)


def test_runs_of_a_person_never_overlap_and_are_never_empty(case):
    out, _ = case
    for table in ("activation_runs", "activation_offer_runs"):
        assert query(out, f"SELECT count(*) FROM {table} WHERE w_to < w_from") == [(0,)]
    assert query(out, """SELECT count(*) FROM (SELECT w_from, lag(w_to) OVER (PARTITION BY person_id ORDER BY w_from)
                         AS prev FROM activation_runs) WHERE prev >= w_from""") == [(0,)]


def test_sums_by_overlap_are_exactly_the_sums_by_week(case):
    out, _ = case
    rng = random.Random(7)
    for _ in range(20):
        a = rng.randint(FIRST - 5, LAST)
        b = rng.randint(a, LAST + 5)
        by_runs = query(out, """SELECT person_id, exact_sum_weeks(hours, least(w_to, ?) - greatest(w_from, ?) + 1)
                                FROM activation_runs WHERE w_from <= ? AND w_to >= ? GROUP BY ALL ORDER BY 1""",
                        [b, a, b, a], macros=True)
        by_weeks = query(out, """SELECT person_id, exact_sum(hours) FROM activation_weeks
                                 WHERE week BETWEEN ? AND ? GROUP BY ALL ORDER BY 1""", [a, b], macros=True)
        assert by_runs == by_weeks, (a, b)  # equal to the last bit, not approximately


def test_a_spell_in_one_partial_week(tmp_path):
    # Thursday to Saturday of one week at 21 h: 21 x 3 / 7 = 9 hours, one run of one week
    w = weeks.parse_week("2014-W10")
    thu = weeks.monday(w) + timedelta(days=3)
    write_dream(tmp_path / "data", {"A": [(130, FIRST, LAST)]}, FIRST, LAST)
    write_activation(tmp_path / "data", [("A", thu, thu + timedelta(days=2), "nytteindsats", None, 21.0)])
    run_models(tmp_path / "data", tmp_path / "out", ["activation_runs"])
    assert query(tmp_path / "out", "SELECT w_from, w_to, hours, tilbud FROM activation_runs") == [
        (w, w, 9.0, ["nytteindsats"])]


def test_a_long_spell_is_three_runs_not_its_weeks(tmp_path):
    # Wednesday of week w to Tuesday of week w + 10 at 14 h: 14 x 5/7 = 10 in w, 14 in w+1 ... w+9,
    # 14 x 2/7 = 4 in w+10
    w = weeks.parse_week("2014-W02")
    start = weeks.monday(w) + timedelta(days=2)
    write_dream(tmp_path / "data", {"A": [(130, FIRST, LAST)]}, FIRST, LAST)
    write_activation(tmp_path / "data", [("A", start, weeks.monday(w + 10) + timedelta(days=1), "loentilskud",
                                          "privat", 14.0)])
    run_models(tmp_path / "data", tmp_path / "out", ["activation_runs"])
    assert query(tmp_path / "out", "SELECT w_from, w_to, hours FROM activation_runs ORDER BY w_from") == [
        (w, w, 10.0), (w + 1, w + 9, 14.0), (w + 10, w + 10, 4.0)]
