import pytest

from pipeline import weeks
from tests.conftest import query
from tests.sqlrun import run_models
from tests.dreamfix import write_dream
from tests.population import A, FIRST, LAST, PERSONS, R


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    base = tmp_path_factory.mktemp("spells")
    write_dream(base / "data", PERSONS, FIRST, LAST)
    run_models(base / "data", base / "out", ["anciennity"])
    return base / "out"


def spells_of(out, pnr):
    return query(out, """SELECT family, w_from, w_to, weeks_on_benefit, left_censored FROM spells
                         JOIN persons USING (person_id) WHERE pnr = ? ORDER BY family, w_from""", [pnr])


def test_a_three_week_gap_is_bridged(out):
    # A ... A+9 and A+13 ... A+20: blank A+10, A+11, A+12 = 3 weeks -> one spell of 21 calendar weeks,
    # 10 + 8 = 18 of them on the benefit
    assert spells_of(out, "S01") == [("kth_udh", A, A + 20, 18, False)]


def test_a_four_week_gap_splits(out):
    assert spells_of(out, "S02") == [("kth_udh", A, A + 9, 10, False), ("kth_udh", A + 14, A + 20, 7, False)]


def test_left_censoring(out):
    assert spells_of(out, "S03") == [("kth_udh", FIRST, FIRST + 9, 10, True)]


def test_families_pool_kth_and_udh_but_not_sygedagpenge(out):
    assert spells_of(out, "S06") == [("kth_udh", A + 5, A + 8, 4, False), ("sygedagpenge", A, A + 4, 5, False)]


def test_anciennity_in_the_reference_week(out):
    # S05: one spell from R-99 (udh and kth pooled, the 3-week gap R-1 ... R+1 bridged):
    # anciennity at R = R - (R - 99) + 1 = 100 weeks; R itself is a gap week
    rows = query(out, """SELECT family, anciennitet_uger, on_benefit_at_reference FROM anciennity
                         JOIN persons USING (person_id) WHERE pnr = 'S05'""")
    assert rows == [("kth_udh", 100, False)]
    # S04: the 4-week gap R-2 ... R+1 ends the spell before R; the next starts at R+2: no spell covers R
    assert query(out, "SELECT count(*) FROM anciennity JOIN persons USING (person_id) WHERE pnr = 'S04'") == [(0,)]
    # P04: 140 in R-260 ... R -> anciennity 261
    assert query(out, "SELECT anciennitet_uger FROM anciennity JOIN persons USING (person_id) WHERE pnr = 'P04'") == [(261,)]


def test_max_gap_is_a_parameter(tmp_path):
    # with --max-gap-weeks 4, S02's 4-week gap is bridged too: one spell A ... A+20, 17 weeks on benefit
    write_dream(tmp_path / "data", {"S02": PERSONS["S02"]}, FIRST, LAST)
    run_models(tmp_path / "data", tmp_path / "out", ["spells"], max_gap_weeks=4)
    assert spells_of(tmp_path / "out", "S02") == [("kth_udh", A, A + 20, 17, False)]


def test_spells_never_overlap_and_cover_their_runs(out):
    overlaps = query(out, """SELECT count(*) FROM spells a JOIN spells b ON a.person_id = b.person_id
                             AND a.family = b.family AND a.spell_no < b.spell_no AND b.w_from <= a.w_to""")
    assert overlaps == [(0,)]
    assert weeks.label(R) == "2014-W20"
