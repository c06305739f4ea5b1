"""Disclosure control on hand-made tables where the attack is known: the audit finds each planted
leak with secondary suppression off, and none with it on (docs/METODE.md, "Diskretionering")."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.disclosure import SUPPRESSED, Rules, Table, protect, published_rows
from pipeline.disclosure.spec import SpecError, parse_space, parse_table

OFF = Rules(secondary=False)
ON = Rules()


def table(tid: str, meta: dict, rows: list[dict], spaces=None) -> Table:
    return Table(tid, list(rows[0]), rows, parse_table(tid, meta, f"{tid}.yml", spaces or {}))


def hidden(out, tid: str) -> set:
    return {(r, c) for t, r, c in out.places if t == tid}


HIERARCHY = {"key": ["g", "k"], "columns": {"g": "key", "k": "key", "antal": "persons"},
             "relations": [{"rows": {"total": {"k": "i_alt"}}, "columns": ["antal"]},
                           {"rows": {"total": {"g": "alle"}}, "columns": ["antal"]}]}


def hierarchy_rows():
    # two groups x, y of members a, b, c with their totals, and a grand total 'alle' over the groups:
    # x: 3 + 10 + 20 = 33; y: 15 + 12 + 30 = 57; alle: a 18, b 22, c 50, i_alt 90
    rows = []
    for g, (a, b, c) in (("x", (3, 10, 20)), ("y", (15, 12, 30)), ("alle", (18, 22, 50))):
        rows += [{"g": g, "k": "a", "antal": a}, {"g": g, "k": "b", "antal": b}, {"g": g, "k": "c", "antal": c},
                 {"g": g, "k": "i_alt", "antal": a + b + c}]
    return rows


def test_a_two_level_hierarchy_leaks_its_small_cell_without_secondary_and_not_with_it():
    t = table("h", HIERARCHY, hierarchy_rows())
    off = protect([t], {}, OFF)
    # x|a = 3 < 5 is primary; alone it is 33 - 10 - 20 = 3 exactly: the audit pins it
    assert hidden(off, "h") == {(0, "antal")}
    assert off.failures == [("h", ("x", "a"), "antal")] and off.intervals[off.failures[0]] == (3.0, 3.0)
    on = protect([t], {}, ON)
    assert on.failures == []
    h = hidden(on, "h")
    assert (0, "antal") in h and len(h) >= 4  # x|a needs a partner in its row (group x) and its column (a)
    for c in on.suppressed:  # every hidden cell is at least 5 wide
        lo, hi = on.intervals[c]
        assert hi - lo >= 5
    # x|a with its partners: x|a + x|b = 13 from x's total, x|a + y|a = 18 from a's total: the audit's
    # interval for x|a is [0, 13] at least (min of the two sums), not [3, 3]
    assert on.intervals[("h", ("x", "a"), "antal")][1] - on.intervals[("h", ("x", "a"), "antal")][0] >= 5


def test_a_margin_between_columns_is_a_relation():
    meta = {"key": ["g"], "columns": {"g": "key", "antal": "persons", "maend": "persons", "kvinder": "persons"},
            "relations": [{"margin": {"total": "antal", "members": ["maend", "kvinder"]}}]}
    # 9 = 5 + 4: kvinder 4 < 5 is hidden; antal - maend gives it back unless one more goes
    rows = [{"g": "a", "antal": 9, "maend": 5, "kvinder": 4}, {"g": "b", "antal": 40, "maend": 22, "kvinder": 18}]
    t = table("m", meta, rows)
    off = protect([t], {}, OFF)
    assert off.failures and off.intervals[("m", ("a",), "kvinder")] == (4.0, 4.0)
    on = protect([t], {}, ON)
    assert on.failures == [] and hidden(on, "m") == {(0, "kvinder"), (0, "maend")}  # the cheaper partner: 5 < 9
    assert on.intervals[("m", ("a",), "kvinder")] == (0.0, 9.0)  # 0 ... antal


KM = {"key": ["uge"], "columns": {"uge": "key", "n_risiko": "persons", "n_afgang": "persons", "n_censur": "persons",
                                  "overlevelse": {"kind": "derived", "from": ["n_afgang", "n_risiko"],
                                                  "cumulative": "uge"}},
      "relations": [{"recursion": {"order": "uge", "next": "n_risiko", "minus": ["n_afgang", "n_censur"]}}]}


def km_rows(spec):
    rows, s = [], 1.0
    for k, (n, d, c) in enumerate(spec):
        s *= 1 - d / n
        rows.append({"uge": k, "n_risiko": n, "n_afgang": d, "n_censur": c, "overlevelse": s})
    return rows


def test_a_kaplan_meier_series_gives_back_a_hidden_exit_through_its_risk_sets():
    # week 1 has 3 exits: n_risiko 100 -> 90 at week 2 with 7 censored, so 100 - 90 - 7 = 3
    rows = km_rows([(120, 20, 0), (100, 3, 7), (90, 30, 10), (50, 20, 10), (20, 20, 0)])
    t = table("km", KM, rows)
    off = protect([t], {}, OFF)
    assert off.intervals[("km", ("1",), "n_afgang")] == (3.0, 3.0) and off.failures
    on = protect([t], {}, ON)
    assert on.failures == []
    h = hidden(on, "km")
    assert (1, "n_afgang") in h
    # the survival curve from the first hidden exit on: S(1) = S(0) x (1 - 3/100) would give it back
    assert {(k, "overlevelse") for k in range(1, 5)} <= h and (0, "overlevelse") not in h
    lo, hi = on.intervals[("km", ("1",), "n_afgang")]
    assert hi - lo >= 5


def test_two_tables_sharing_a_cell_treat_it_alike():
    space = parse_space({"name": "s", "key": ["g", "k"]}, "s.yml")
    meta = {"key": ["g", "k"], "columns": {"g": "key", "k": "key", "antal": "persons"}, "space": "s",
            "relations": [{"rows": {"total": {"k": "i_alt"}}, "columns": ["antal"]}]}
    # table one: group x by k; table two: only x's total and a (3) -- a cell both publish
    one = table("one", meta, [{"g": "x", "k": "a", "antal": 3}, {"g": "x", "k": "b", "antal": 30},
                              {"g": "x", "k": "c", "antal": 40}, {"g": "x", "k": "i_alt", "antal": 73}], {"s": space})
    two = table("two", {**meta, "relations": []}, [{"g": "x", "k": "b", "antal": 30},
                                                    {"g": "x", "k": "i_alt", "antal": 73}], {"s": space})
    on = protect([one, two], {"s": space}, ON)
    cells = on.system.cells
    assert len(cells[("s", ("x", "b"), "antal")].places) == 2  # one cell, published twice
    # b is the cheapest partner of a (30 < 40): hidden in both tables, or the second table would give it back
    assert ((0, "antal") in hidden(on, "two")) == ((1, "antal") in hidden(on, "one"))
    assert on.failures == []
    off_two = protect([one, two], {"s": space}, OFF)
    assert off_two.failures



def test_a_total_sums_the_rows_that_publish_its_column_and_a_selection_only_bounds_it():
    # a year and its quarters by municipality (a, b, c, d), as the sanction tables: one table lists every
    # municipality for the year; one shows the quarters' totals; a third (as the Jobindsats comparison) shows
    # recipients per quarter for the municipalities Jobindsats publishes only (a and b):
    #   year:   recipients a 20 + b 30 + c 0 + d 8 = 58;  sanctions a 10 + b 12 + c 3 + d 0 = 25 (c's 3 < 5)
    #   quarters' sanctions 6 + 7 + 6 + 6 = 25; recipients a 15, 14, 16, 15 and b 22, 21, 20, 23 of 43, 40, 42, 45
    #   (d has 6, 5, 6, 7 recipients in the quarters and no row in the selection)
    space = parse_space({"name": "s", "key": ["periode", "k"],
                         "columns": {"periode": "key", "k": "key", "modtagere": "persons", "sanktioner": "persons"},
                         "relations": [{"rows": {"total": {"k": "i_alt"}}, "columns": ["modtagere", "sanktioner"]},
                                       {"periods": {"column": "periode"}, "columns": ["sanktioner"]}]}, "s.yml")
    sp = {"s": space}
    meta = {"key": ["periode", "k"], "columns": {"periode": "key", "k": "key", "modtagere": "persons",
                                                 "sanktioner": "persons"}, "space": "s"}
    year = [{"periode": "2014", "k": k, "modtagere": m, "sanktioner": s}
            for k, m, s in (("a", 20, 10), ("b", 30, 12), ("c", 0, 3), ("d", 8, 0), ("i_alt", 58, 25))]
    quarters = [{"periode": f"2014Q{q}", "k": "i_alt", "modtagere": m, "sanktioner": s}
                for q, m, s in ((1, 43, 6), (2, 40, 7), (3, 42, 6), (4, 45, 6))]
    chosen = [{"periode": f"2014Q{q}", "k": k, "modtagere": m}
              for k, ms in (("a", (15, 14, 16, 15)), ("b", (22, 21, 20, 23))) for q, m in zip((1, 2, 3, 4), ms)]

    def tables(selection: bool):
        ref = {"name": "s", "selection": True} if selection else "s"
        return [table("aar", meta, year, sp), table("kvartal", meta, quarters, sp),
                table("udvalg", {**meta, "columns": {k: v for k, v in meta["columns"].items() if k != "sanktioner"},
                                 "space": ref}, chosen, sp)]

    # read as a list of every member, the selection says a quarter's recipients are a's and b's: 43 = 15 + 22 fails
    with pytest.raises(SpecError, match="does not hold"):
        protect(tables(selection=False), sp, ON)
    on = protect(tables(selection=True), sp, ON)
    assert on.failures == []
    cells = on.system.cells
    # no quarter's sanctions are claimed to be a's and b's alone (their rows show recipients only): that claim
    # would give 25 = a 10 + b 12 from the quarters, so c's 3 + d's 0 = 0, and the audit would pin c at 0
    q1 = ("s", ("2014Q1", "i_alt"), "sanktioner")
    assert not any(any(i == q1 for i, _ in terms) and any(i[1][1] == "a" for i, _ in terms)
                   for terms, _, _ in on.system.relations)
    # a quarter's recipients are at least the selection's: 43 >= 15 + 22
    q1m = ("s", ("2014Q1", "i_alt"), "modtagere")
    assert any(sense == "ge" and any(i == q1m for i, _ in terms) for terms, _, sense in on.system.relations)
    c = ("s", ("2014", "c"), "sanktioner")
    assert c in on.suppressed
    for ident in on.suppressed:  # the attacker's interval holds the truth and is at least 5 wide
        lo, hi = on.intervals[ident]
        assert lo - 1e-9 <= cells[ident].value <= hi + 1e-9 and hi - lo >= 5, (ident, lo, hi)

def test_a_magnitude_dominated_by_one_person_is_primary():
    meta = {"key": ["k"], "columns": {"k": "key", "personer": "persons",
                                      "timer": {"kind": "magnitude", "persons": "personer", "largest": "_max"}},
            "relations": [{"rows": {"total": {"k": "i_alt"}}, "columns": ["personer", "timer"]}]}
    # a: 12 persons with 1,000 hours, one of them 700 (70 % > 50 %): hidden though 12 >= 5
    # b: 3 persons (< 5): hidden; c: 20 persons, 2,000 hours, nobody over 300: shown
    rows = [{"k": "a", "personer": 12, "timer": 1000.0, "_max": 700.0},
            {"k": "b", "personer": 3, "timer": 150.0, "_max": 60.0},
            {"k": "c", "personer": 20, "timer": 2000.0, "_max": 300.0},
            {"k": "i_alt", "personer": 35, "timer": 3150.0, "_max": 700.0}]
    t = table("mag", meta, rows)
    off = protect([t], {}, OFF)
    reasons = {c[1][0]: off.system.cells[c].primary for c in off.suppressed if c[2] == "timer"}
    assert reasons == {"a": "én person har over 50 pct. af værdien", "b": "hviler på færre end 5 personer"}
    on = protect([t], {}, ON)
    assert on.failures == []
    # hours: a and b cover each other (a + b = 3,150 - 2,000 = 1,150: each within 0 ... 1,150, wider than 20 pct.
    # of its value); persons: b's 3 needs a partner, the cheapest is a's 12 (b + a = 15: each within 0 ... 15)
    assert hidden(on, "mag") == {(0, "timer"), (1, "timer"), (0, "personer"), (1, "personer")}
    assert on.intervals[("mag", ("a",), "timer")] == (0.0, 1150.0)
    assert on.intervals[("mag", ("b",), "personer")] == (0.0, 15.0)
    assert "_max" not in published_rows(t, on.places)[0]  # a helper is never published


def test_shares_follow_their_counts_and_a_share_without_numerator_implies_one():
    meta = {"key": ["k"], "columns": {"k": "key", "antal": "persons",
                                      "andel": {"kind": "share", "of": [None, "antal"]}},
            "relations": [{"rows": {"total": {"k": "i_alt"}}, "columns": ["antal", "andel"]}]}
    # 1.5 % of 200 = 3 persons: the share implies a count under 5 and goes; 4.0 % of 300 = 12 stays
    rows = [{"k": "a", "antal": 200, "andel": 1.5}, {"k": "b", "antal": 300, "andel": 4.0},
            {"k": "c", "antal": 500, "andel": 3.0}, {"k": "i_alt", "antal": 1000, "andel": 3.0}]
    t = table("sh", meta, rows)
    on = protect([t], {}, ON)
    h = hidden(on, "sh")
    assert (0, "andel") in h and (0, "antal") not in h  # the count of 200 is no secret, its 3 persons are
    # 3 + 12 + 15 = 30 = 3 % of 1000: with a's hidden, one more share goes, or 30 - 12 - 15 gives 3 back
    assert len({r for r, c in h if c == "andel"}) >= 2 and on.failures == []
    pub = published_rows(t, on.places, {"andel": 1})
    assert pub[0]["andel"] == SUPPRESSED and pub[0]["antal"] == 200


def test_a_declared_relation_that_does_not_hold_is_an_error():
    meta = {**HIERARCHY}
    rows = hierarchy_rows()
    rows[3]["antal"] = 34  # x's total is 33
    with pytest.raises(SpecError, match="does not hold"):
        protect([table("h", meta, rows)], {}, ON)


@st.composite
def random_tables(draw):
    """A two-way table (r rows x c columns) with row totals, column totals and a grand total, counts
    0-40 (many under 5), optionally a second table repeating some cells."""
    n_r, n_c = draw(st.integers(2, 5)), draw(st.integers(2, 5))
    cells = [[draw(st.integers(0, 40)) for _ in range(n_c)] for _ in range(n_r)]
    rows = []
    for i in range(n_r + 1):
        for j in range(n_c + 1):
            if i < n_r and j < n_c:
                v = cells[i][j]
            elif i < n_r:
                v = sum(cells[i])
            elif j < n_c:
                v = sum(cells[k][j] for k in range(n_r))
            else:
                v = sum(map(sum, cells))
            rows.append({"r": f"r{i}" if i < n_r else "i_alt", "c": f"c{j}" if j < n_c else "i_alt", "antal": v})
    return rows, draw(st.booleans())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_tables())
def test_property_no_suppressed_cell_is_pinned_or_narrow(case):
    rows, with_margins = case
    meta = {"key": ["r", "c"], "columns": {"r": "key", "c": "key", "antal": "persons"},
            "relations": [{"rows": {"total": {"c": "i_alt"}}, "columns": ["antal"]}] +
                         ([{"rows": {"total": {"r": "i_alt"}}, "columns": ["antal"]}] if with_margins else [])}
    out = protect([table("p", meta, rows)], {}, ON)
    assert out.failures == []
    for c in out.suppressed:  # the attacker's interval holds the truth and is at least 5 wide
        lo, hi = out.intervals[c]
        assert lo - 1e-9 <= out.system.cells[c].value <= hi + 1e-9 and hi - lo >= 5, (c, lo, hi)
    for i, r in enumerate(rows):  # every small count is hidden
        if 0 < r["antal"] < 5:
            assert (i, "antal") in hidden(out, "p")


def test_period_weeks_and_parts_follow_the_thursday_rule():
    from pipeline.disclosure.cells import _period_parts, _period_weeks

    # 1 January 2021 is a Friday: January's Thursdays are the 7th, 14th, 21st and 28th (4 weeks); Q1 2021 has 12
    # Thursdays; 2020 (from Wednesday 1 January to Thursday 31 December) has 53 Thursdays, 2021 has 52
    assert (_period_weeks("2021M01"), _period_weeks("2021Q1"), _period_weeks("2021")) == (4, 12, 52)
    assert _period_weeks("2020") == 53 and _period_weeks("2021QMAT04") == 52
    assert _period_parts("2021QMAT02") == [("2020Q3", "2020Q4", "2021Q1", "2021Q2")]
    assert _period_parts("2021Q2") == [("2021M04", "2021M05", "2021M06")]
    assert _period_parts("2021")[0] == ("2021Q1", "2021Q2", "2021Q3", "2021Q4") and len(_period_parts("2021")[1]) == 12


def test_full_time_persons_of_a_quarter_give_back_a_hidden_month_through_the_weeks():
    # full-time persons = weeks on the benefit / weeks in the period. 2021: January, February and March have 4
    # weeks each, Q1 12. Months 10, 2, 10 full-time persons (40, 8, 40 weeks); Q1 = 88 / 12. February's 2 rests on 3
    # persons (< 5): hidden, but 12 x Q1 - 4 x January - 4 x March = 88 - 40 - 40 = 8 weeks = 2 full-time persons
    meta = {"key": ["maal", "periode"],
            "columns": {"maal": "key", "periode": "key",
                        "ft": {"kind": "persons", "by_row": {"maal": {"fuldtid": {
                            "kind": "magnitude", "persons": "_n", "per_person_max": 1}}}}},
            "relations": [{"periods": {"column": "periode", "weights": "weeks", "exclude": {"maal": ["personer"]}},
                           "columns": ["ft"]}]}
    rows = [{"maal": "fuldtid", "periode": p, "ft": v, "_n": n}
            for p, v, n in (("2021M01", 10.0, 12), ("2021M02", 2.0, 3), ("2021M03", 10.0, 12), ("2021Q1", 88 / 12, 20))]
    # persons are not additive over months: excluded, or the relation would not hold (and be an error)
    rows += [{"maal": "personer", "periode": p, "ft": v, "_n": v} for p, v in (("2021M01", 12), ("2021M02", 3),
                                                                             ("2021M03", 12), ("2021Q1", 20))]
    t = table("f", meta, rows)
    off = protect([t], {}, OFF)
    assert (1, "ft") in hidden(off, "f")
    lo, hi = off.intervals[("f", ("fuldtid", "2021M02"), "ft")]
    assert hi - lo == pytest.approx(0, abs=1e-6) and lo == pytest.approx(2.0)  # pinned by the weighted sum
    on = protect([t], {}, ON)
    assert on.failures == [] and len(hidden(on, "f") & {(0, "ft"), (2, "ft"), (3, "ft")}) >= 1


def test_a_share_of_a_virtual_sum_rests_on_the_sum_of_its_groups_members():
    """A denominator that is no column ({sum: antal, by: [g], exclude: ...}) is one implied cell per
    group, equal to the sum of its members' counts, rows of the excluded kind left out."""
    from pipeline.disclosure.cells import build_system

    meta = {"key": ["g", "k"], "columns": {
        "g": "key", "k": "key", "antal": "persons",
        "andel": {"kind": "share", "of": ["antal", {"sum": "antal", "by": ["g"], "exclude": {"k": ["i_alt"]}}]}}}
    # group x: a 6, b 14 (the sum 20; i_alt left out); group y: a 30, b 10 (the sum 40)
    rows = [{"g": "x", "k": "a", "antal": 6, "andel": 30.0}, {"g": "x", "k": "b", "antal": 14, "andel": 70.0},
            {"g": "x", "k": "i_alt", "antal": 20, "andel": 100.0},
            {"g": "y", "k": "a", "antal": 30, "andel": 75.0}, {"g": "y", "k": "b", "antal": 10, "andel": 25.0}]
    system = build_system([table("v", meta, rows)], {})
    sums = {ident[1]: c.value for ident, c in system.cells.items() if ident[2] == "andel#sum"}
    assert sums == {("#sum", "v", "x"): 20.0, ("#sum", "v", "y"): 40.0}
    # one relation per group: the sum minus its two members (x: a, b; not i_alt) is 0
    relations = {terms[0][0][1][2]: sorted(i[1][1] for i, coef in terms[1:])
                 for terms, what, _ in system.relations if "denominator" in what}
    assert relations == {"x": ["a", "b"], "y": ["a", "b"]}
    # every share rests on its own count and its group's sum
    assert system.derived[("v", 0, "andel")] == {("v", ("x", "a"), "antal"), ("v", ("#sum", "v", "x"), "andel#sum")}
    assert system.derived[("v", 2, "andel")] == {("v", ("x", "i_alt"), "antal"), ("v", ("#sum", "v", "x"), "andel#sum")}
