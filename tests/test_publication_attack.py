"""The publication attacked as an output checker would: on a synthetic extract with every extract
(2008-2022), every declared relation holds on the exact tables, no total-like relation hides
undeclared in them, and a linear-programming attack on publication/*.csv -- with the declared
relations and those searched out of the tables -- narrows no suppressed count below its level."""

from __future__ import annotations

import duckdb
import numpy as np
import pytest

from pipeline.disclosure import Rules
from pipeline.disclosure.cells import build_system
from pipeline.report.catalogue import report_tables
from pipeline.report.publication import disclosure_tables
from tests.attack import SUPPRESSED, attack, read, search_relations
from tests.conftest import run_cli

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    base = tmp_path_factory.mktemp("attack")
    assert run_cli("generate", "--out", base / "data", "--persons", 20000, "--seed", 11,
                   "--start", "2008-W01", "--end", "2022-W52") == 0
    assert run_cli("run", "--data", base / "data", "--out", base / "out") == 0
    return base / "out"


@pytest.fixture(scope="module")
def system(out):
    with duckdb.connect(str(out / "warehouse.duckdb"), read_only=True) as con:
        tables, spaces = disclosure_tables(con, report_tables())
    return tables, build_system(tables, spaces)  # raises if a declared relation does not hold


def _keys(system) -> dict:
    """Each table's key columns (their kind in the metadata): what names a row, nothing more."""
    tables, _ = system
    return {t.id: [c for c in t.columns if c in t.spec.columns and t.spec.columns[c].kind == "key"] for t in tables}


def test_every_declared_relation_holds_on_the_exact_tables(system):
    tables, sys_ = system
    assert len(tables) >= 40 and len(sys_.relations) > 1000
    for terms, what, sense in sys_.relations:  # build_system checked them; here once more, plainly
        values = [sys_.cells[i].value for i, _ in terms]
        if None not in values:
            total = sum(v * c for v, (_, c) in zip(values, terms))
            assert (abs(total) if sense == "eq" else -total) <= 1e-6 * max(1.0, *map(abs, values)), what


def test_no_total_like_relation_in_the_exact_tables_is_undeclared(out, system):
    _, sys_ = system
    found = search_relations(read(out / "tables"), _keys(system))
    assert len(found) > 500  # the search does find the tables' structure
    # a cell that is 0 drops out of any relation, found or declared: compared without such cells, a
    # relation that holds only because a cell is 0 (a year with no revalidering start from
    # sygedagpenge: i_alt = the other sources) is the declared one in substance
    def nonzero(rel: dict) -> dict:
        return {i: c for i, c in rel.items() if sys_.cells[i].value != 0}

    declared = [nonzero(dict(terms)) for terms, _, sense in sys_.relations if sense == "eq"]
    by_cell: dict = {}
    for k, rel in enumerate(declared):
        for i in rel:
            by_cell.setdefault(i, []).append(k)
    undeclared = []
    for rel in found:
        idents = {}
        for place, coef in rel:
            ident = sys_.direct.get(place)
            if ident is None:
                break  # not a count cell (a derived column): not a relation over cells
            idents[ident] = idents.get(ident, 0.0) + coef
        else:
            idents = nonzero({i: c for i, c in idents.items() if c})
            if not idents:
                continue  # the same cell twice: one cell, nothing to declare
            # is it a combination of declared relations? the declared ones near its cells, by least squares
            near = sorted({k for i in idents for k in by_cell.get(i, [])})
            cols = sorted({i for k in near for i in declared[k]} | set(idents), key=repr)
            at = {c: j for j, c in enumerate(cols)}
            a = np.zeros((len(near), len(cols)))
            for r, k in enumerate(near):
                for i, c in declared[k].items():
                    a[r, at[i]] = c
            f = np.zeros(len(cols))
            for i, c in idents.items():
                f[at[i]] = c
            if near:
                x = np.linalg.lstsq(a.T, f, rcond=None)[0]
                if np.abs(a.T @ x - f).max() < 1e-6:
                    continue
            undeclared.append(sorted(idents, key=repr)[:4])
    assert not undeclared, f"{len(undeclared)} relations in the tables are not declared, e.g. {undeclared[:3]}"


def test_a_linear_programming_attack_on_the_publication_recovers_nothing(out, system):
    _, sys_ = system
    published = read(out / "publication")
    rules = Rules()

    def shown_at(place):
        t, i, c = place
        v = published[t][1][i][c]
        return None if v == SUPPRESSED else float(v.replace(",", ".")) if v != "" else None  # decimal comma

    def value_of(cell):
        if isinstance(cell, tuple) and len(cell) == 3 and cell in sys_.cells:
            c = sys_.cells[cell]
            if c.value is None:
                return None  # published nowhere
            if c.known:
                return c.value
            places = c.places or []
            if not places:
                return None
            if c.implied:  # implied by a share: known (exactly, to be safe) when a share on it is shown
                return c.value if any(shown_at(p) is not None for p in places) else None
            return shown_at(places[0])
        return shown_at(cell)

    eq = [tuple(terms) for terms, _, sense in sys_.relations if sense == "eq"]
    ge = [tuple(terms) for terms, _, sense in sys_.relations if sense == "ge"]
    for rel in search_relations(read(out / "tables"), _keys(system)):
        eq.append(tuple((sys_.direct.get(p, p), c) for p, c in rel))
    # the targets: every count written as "." in publication/, and every count a hidden share would
    # have implied that is itself small (a share's implied total that is large is no secret)
    hidden = {}
    for ident, cell in sys_.cells.items():
        if cell.value is None or cell.known or not cell.places or value_of(ident) is not None:
            continue
        if not cell.implied or 0 < cell.value < rules.min_cell:
            hidden[ident] = rules.level(cell.kind, cell.value)
    assert len(hidden) > 200  # there is something to attack
    weak = attack(eq, value_of, hidden, ge)
    assert weak == [], f"{len(weak)} suppressed cells narrowed, e.g. {weak[:3]}"
    # and the publication itself: no person count under 5 is shown
    for t, (names, rows) in published.items():
        for r in rows:
            assert r  # every table has its header and rows


def test_the_publication_states_its_audit(out):
    import json

    doc = json.loads((out / "publication" / "disclosure.json").read_text(encoding="utf-8"))
    assert doc["rules"]["min_cell"] == 5 and doc["audit"]["failures"] == 0
    assert doc["audit"]["primary"] > 0 and doc["audit"]["secondary"] > 0
    t = doc["tables"]["bilag_3_15_tabel_8"]
    assert t["primary"] > 0 and t["narrowest"]["width_over_level"] >= 1
    from openpyxl import load_workbook

    wb = load_workbook(out / "publication" / "report.xlsx", read_only=True)
    assert "Diskretionering" in wb.sheetnames


def test_the_workbook_reads_as_a_statistics_office_publishes(out):
    """Read back with openpyxl: Danish headers with the table's labels, numbers formatted by kind, codes
    as names, '.' where a cell is hidden, a frozen header and an Excel table on every table sheet."""
    from openpyxl import load_workbook

    wb = load_workbook(out / "publication" / "report.xlsx")
    assert [c.value for c in wb["Forside"]["A"]][6].startswith("Kontakt:")
    ws = wb["bilag_3_15_tabel_8"]
    (table,) = ws.tables.values()
    first, last = table.ref.split(":")
    header_row = int(first[1:])
    header = [c.value for c in ws[header_row]]
    assert header == ["Periode", "Ydelse", "Opdeling", "Værdi", "Modtagere", "Sanktioner", "Sanktionerede",
                      "Andel sanktionerede, pct."]
    assert ws.freeze_panes == f"A{header_row + 1}"
    rows = list(ws.iter_rows(min_row=header_row + 1, max_row=int(last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))))
    assert rows and {r[1].value for r in rows} == {"Kontanthjælp"}  # the code kth shown by its name
    kommuner = {r[3].value for r in rows if r[2].value == "Kommune"}
    assert "København" in kommuner and not any(str(k).isdigit() for k in kommuner)  # names, not codes
    for r in rows:
        for c in r[4:7]:  # counts: thousands separators, whole numbers, or '.' when hidden
            assert c.value == "." or (c.number_format == "#,##0" and float(c.value).is_integer())
        share = r[7]
        assert share.value in (".", None) or (share.number_format == "0.0" and round(share.value, 1) == share.value)
    assert any(c.value == "." for r in rows for c in r)  # hidden cells are marked, never blank or 0
