"""Disclosure control (STATISTICS.md §7) on hand-made tables, and the publication outputs."""

from pipeline.report.disclosure import SUPPRESSED, Protection, published_rows, suppress

PROT = Protection(persons=("antal",), shares={"andel": ("antal", "n")}, groups=("g",), total=("k", ("i_alt",)),
                  additive=("antal",))


def table(*cells):
    return [{"g": g, "k": k, "antal": a, "n": n, "andel": None if n is None else 100 * a / n} for g, k, a, n in cells]


def test_a_group_with_one_suppressed_cell_gets_a_second():
    rows = table(("x", "a", 3, 50), ("x", "b", 10, 50), ("x", "c", 20, 50), ("x", "i_alt", 33, 150))
    flags = suppress(rows, PROT, 5)
    # a = 3 < 5 is suppressed; alone it would be 33 - 10 - 20, so the smallest other (b = 10) goes too
    assert {(0, "antal"), (1, "antal")} <= flags
    assert (2, "antal") not in flags and (3, "antal") not in flags
    # the shares of suppressed counts go with them
    assert (0, "andel") in flags and (1, "andel") in flags and (2, "andel") not in flags


def test_a_total_that_would_reveal_the_cell_is_suppressed():
    rows = table(("y", "a", 4, 40), ("y", "b", 0, 40), ("y", "i_alt", 4, 80))
    flags = suppress(rows, PROT, 5)
    # b is 0 (describes nobody, shown); the only way to hide a = 4 is to hide the total as well
    assert (0, "antal") in flags and (2, "antal") in flags and (1, "antal") not in flags


def test_two_suppressed_cells_need_nothing_more_and_groups_are_apart():
    rows = table(("x", "a", 3, 50), ("x", "b", 2, 50), ("x", "c", 20, 50), ("x", "i_alt", 25, 150),
                 ("z", "a", 30, 50), ("z", "i_alt", 30, 50))
    flags = suppress(rows, PROT, 5)
    assert {c for c in flags if c[1] == "antal"} == {(0, "antal"), (1, "antal")}


def test_shares_on_small_denominators_are_suppressed():
    rows = table(("x", "a", 0, 4), ("x", "i_alt", 0, 4))
    pub, n = published_rows(rows, PROT, 5)
    # 0 of 4 is a count of nobody, but the share describes a group of four persons
    assert pub[0]["antal"] == 0 and pub[0]["andel"] == SUPPRESSED and n == 2


def test_published_outputs_have_no_small_cells_and_the_workbook_opens(tmp_path):
    from openpyxl import load_workbook

    from pipeline.report.publication import check_publication
    from tests.conftest import run_cli
    from tests.dreamfix import write_dream
    from pipeline import weeks

    w = weeks.parse_week
    persons = {f"P{i}": [(890, w("2014-W01"), w("2014-W30"))] for i in range(3)}  # 3 on sygedagpenge: < 5
    persons |= {f"K{i}": [(730, w("2012-W01"), w("2014-W40"))] for i in range(12)}  # 12 on kth
    persons |= {f"R{i}": [(760, w("2012-W01"), w("2014-W40"))] for i in range(8)}  # 8 on revalidering
    data, out = tmp_path / "data", tmp_path / "out"
    write_dream(data, persons, w("2013-W01"), w("2014-W52"))
    assert run_cli("run", "--data", data, "--out", out) == 0
    import csv

    with open(out / "publication" / "tabel_3_1.csv", encoding="utf-8") as f:
        pub = {r["kategori"]: r for r in csv.DictReader(f)}
    assert pub["sygedagpenge"]["antal"] == "."  # 3 persons: suppressed
    # alone it could be read off I alt; the smallest other row (revalidering, 8) goes too, kth (12) stays
    assert pub["revalidering"]["antal"] == "." and pub["kth_aktivitetsparat"]["antal"] == "12"
    exact = (out / "tables" / "tabel_3_1.csv").read_text(encoding="utf-8")
    assert "sygedagpenge,Sygedagpenge,3," in exact  # tables/ stays exact
    assert check_publication(out / "publication", 5) == []
    wb = load_workbook(out / "publication" / "report.xlsx")
    assert wb.sheetnames[:3] == ["Forside", "Indhold", "Noter"] and "tabel_3_1" in wb.sheetnames
    ws = wb["tabel_3_1"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(i for i, r in enumerate(values) if r[0] == "kategori")
    body = {r[0]: r for r in values[header + 1:]}
    assert body["kth_aktivitetsparat"][2] == 12 and isinstance(body["kth_aktivitetsparat"][2], int)
    assert body["sygedagpenge"][2] == SUPPRESSED
    html = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert "Diskretionering" in html


def test_a_hostile_label_is_escaped(tmp_path):
    from pipeline.report.render import _label

    row = {"periode": "2014", "kategori": "kth", "dimension": "kommune", "vaerdi": "<script>alert(1)</script>"}
    label = _label(row, {})
    from jinja2 import Environment
    env = Environment(autoescape=True)
    assert "<script>" not in env.from_string("{{ x }}").render(x=label)


def test_a_share_that_implies_a_small_count_is_suppressed():
    prot = Protection(shares={"andel": (None, "n"), "s": (None, "n")}, fractions=("s",))
    rows = [{"n": 200, "andel": 1.5, "s": 0.015},  # 1.5 % of 200 = 3 persons; 0.015 of 200 = 3
            {"n": 200, "andel": 5.0, "s": 0.05},  # 10 persons: shown
            {"n": 200, "andel": 0.0, "s": 0.0}]  # nobody: shown
    assert suppress(rows, prot, 5) == {(0, "andel"), (0, "s")}


def test_per_person_values_go_with_their_persons():
    """A municipality with 3 persons in the job premium's group: its hours per person (400 = the
    three persons' hours / 3) would describe them; the second-smallest municipality (8 persons)
    is hidden as well so 3 cannot be had from hele landet (31) - 8 - 20, and its hours with it."""
    from pipeline.report.publication import PROTECTION

    prot = PROTECTION["loentimer_kommune"]
    rows = [{"aar": 2019, "kommune": k, "personer": p, "antal_med_ordinaere_timer": a,
             "andel_med_ordinaere_timer": 100 * a / p, "ordinaere_timer_pr_person": h, "rang": r}
            for k, p, a, h, r in (("101", 3, 2, 400.0, 1), ("147", 8, 6, 300.0, 2), ("461", 20, 5, 100.0, 3),
                                  ("hele_landet", 31, 13, (3 * 400 + 8 * 300 + 20 * 100) / 31, None))]
    flags = suppress(rows, prot, 5)
    assert {(0, "personer"), (0, "ordinaere_timer_pr_person"), (0, "rang"), (0, "andel_med_ordinaere_timer")} <= flags
    assert {(1, "personer"), (1, "ordinaere_timer_pr_person")} <= flags
    assert (2, "ordinaere_timer_pr_person") not in flags and (3, "personer") not in flags


def test_figur_3_hides_a_second_municipality_so_hele_landet_does_not_reveal_the_first():
    """Figur 3 of the commission: person-years 3 (København), 20, 30 and 53 for hele landet. 3 is
    hidden, and alone it would be 53 - 20 - 30, so the next smallest (20) goes too, hours with it;
    laveste_femtedel pools municipalities and is no member of the sum."""
    from pipeline.report.publication import PROTECTION

    rows = [{"kommune": k, "personer": p, "ordinaere_timer_pr_person": h}
            for k, p, h in (("101", 3, 400.0), ("147", 20, 250.0), ("461", 30, 200.0), ("laveste_femtedel", 30, 200.0),
                            ("hele_landet", 53, (3 * 400 + 20 * 250 + 30 * 200) / 53))]
    flags = suppress(rows, PROTECTION["jobpraemie_figur_3"], 5)
    assert {(0, "personer"), (0, "ordinaere_timer_pr_person"), (1, "personer"), (1, "ordinaere_timer_pr_person")} <= flags
    assert (2, "personer") not in flags and (3, "personer") not in flags and (4, "personer") not in flags
