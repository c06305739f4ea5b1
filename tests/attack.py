"""An output checker's attack on publication/, independent of the pipeline's own audit.

* `search_relations` looks in the exact tables (tables/*.csv) for the linear relations an attacker
  sees in them: a row that is the sum of the other rows of its group (or of all but one pooled
  row), a column that is the sum of other columns, a Kaplan-Meier-like recursion, the same cell
  (same key values) in two tables, and a year that is the sum of its quarters. Nothing of the
  tables' declarations is used but their key columns.
* `attack` bounds every suppressed count of publication/*.csv by linear programming (SciPy's
  linprog, not the pipeline's HiGHS calls) from the published values, with the declared
  relations and the searched ones, and returns the cells it can narrow below their protection.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections import defaultdict
from pathlib import Path

import numpy as np

SUPPRESSED = "."
_Q = re.compile(r"^(\d{4})Q([1-4])$")


def _num(v):
    try:
        return float(v.replace(",", ".") if isinstance(v, str) else v)  # publication/ has decimal commas
    except (TypeError, ValueError):
        return None


def read(folder: Path) -> dict[str, tuple[list[str], list[dict]]]:
    out = {}
    for p in sorted(Path(folder).glob("*.csv")):
        raw = p.read_bytes()
        danish = raw.startswith(b"\xef\xbb\xbf")  # publication/ is for Danish Excel: a BOM, ';'; tables/ is not
        with open(p, encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f, delimiter=";" if danish else ","))
        out[p.stem] = (list(rows[0]) if rows else [], rows)
    return out


def _counts(rows: list[dict], names: list[str], key: list[str]) -> list[str]:
    """Columns that hold whole numbers on every row (counts, as far as the data tell)."""
    out = []
    for c in names:
        if c in key:
            continue
        vals = [_num(r[c]) for r in rows if r[c] not in ("", SUPPRESSED)]
        if vals and all(v is not None and v == int(v) and v >= 0 for v in vals) and any(vals):
            out.append(c)
    return out


def search_relations(exact: dict, keys: dict) -> list[tuple]:
    """[(((table, row, column), coef), ...), ...]: relations that hold on the exact tables."""
    found = []
    for t, (names, rows) in exact.items():
        key = [k for k in keys.get(t, []) if k in names]
        counts = _counts(rows, names, key)
        # (a) a total row: a value of a key column whose row is the sum of the other rows of its group,
        # in every group it stands in (so a coincidence of small numbers in one group is no relation)
        for d in key:
            by = [k for k in key if k != d]
            groups = defaultdict(list)
            for i, r in enumerate(rows):
                groups[tuple(r[b] for b in by)].append(i)
            for c in counts:
                for t_value in sorted({r[d] for r in rows}):
                    hits, ok = [], True
                    for g in groups.values():
                        tot = [i for i in g if rows[i][d] == t_value]
                        others = [i for i in g if rows[i][d] != t_value]
                        if not tot or len(others) < 2:
                            continue
                        vals = [_num(rows[i][c]) for i in others]
                        if None in vals or _num(rows[tot[0]][c]) != sum(vals):
                            ok = False
                            break
                        if sum(1 for v in vals if v) >= 2:
                            hits.append((((t, tot[0], c), 1.0), *[((t, j, c), -1.0) for j in others]))
                    if ok and len(hits) >= 2:
                        found += hits
        # (b) a column = the sum of other columns, on every row
        for c in counts:
            for k in (2, 3):
                for sub in itertools.combinations([o for o in counts if o != c], k):
                    ok = nontrivial = 0
                    for r in rows:
                        v, parts = _num(r[c]), [_num(r[o]) for o in sub]
                        if v is None or None in parts:
                            continue
                        if abs(v - sum(parts)) > 1e-9:
                            ok = -1
                            break
                        ok += 1
                        nontrivial += sum(1 for p in parts if p) >= 2
                    if ok > 0 and nontrivial >= 2:
                        found += [(((t, i, c), 1.0), *[((t, i, o), -1.0) for o in sub]) for i in range(len(rows))]
        # (c) a recursion over a whole-number key: a[k+1] = a[k] - b[k] - c[k]
        for order in [k for k in key if all(_num(r[k]) is not None for r in rows)]:
            by = [k for k in key if k != order]
            series = defaultdict(dict)
            for i, r in enumerate(rows):
                series[tuple(r[b] for b in by)][int(_num(r[order]))] = i
            for a, b, c in itertools.permutations(counts, 3):
                if b > c:
                    continue
                steps, ok = [], True
                for s in series.values():
                    for k, i in s.items():
                        j = s.get(k + 1)
                        if j is None:
                            continue
                        vals = [_num(rows[j][a]), _num(rows[i][a]), _num(rows[i][b]), _num(rows[i][c])]
                        if None in vals:
                            continue
                        if vals[0] != vals[1] - vals[2] - vals[3]:
                            ok = False
                            break
                        steps.append((((t, j, a), 1.0), ((t, i, a), -1.0), ((t, i, b), 1.0), ((t, i, c), 1.0)))
                    if not ok:
                        break
                if ok and len(steps) >= 3:
                    found += steps
    # (d) the same cell in two tables: the same key values and column, the same value
    cells = defaultdict(list)
    for t, (names, rows) in exact.items():
        key = [k for k in keys.get(t, []) if k in names]
        for c in _counts(rows, names, key):
            for i, r in enumerate(rows):
                cells[(frozenset((k, r[k]) for k in key), c)].append((t, i, _num(r[c])))
    pairs = defaultdict(list)  # (table a, table b, column) -> [(equal, relation)]: two tables with the same
    for (_, c), places in cells.items():  # key columns may still count different people (kth, udh)
        for a, b in itertools.combinations(places, 2):
            if a[0] != b[0]:
                pairs[(a[0], b[0], c)].append((a[2] == b[2], (((a[0], a[1], c), 1.0), ((b[0], b[1], c), -1.0))))
    for results in pairs.values():
        if sum(e for e, _ in results) >= 3 and sum(e for e, _ in results) >= 0.9 * len(results):
            found += [rel for e, rel in results if e]
    # (e) a year = the sum of its quarters (same other key values), in one table or two
    years, quarters = {}, defaultdict(dict)
    for t, (names, rows) in exact.items():
        if "periode" not in names:
            continue
        key = [k for k in keys.get(t, []) if k in names and k != "periode"]
        for c in _counts(rows, names, key + ["periode"]):
            for i, r in enumerate(rows):
                rest = (frozenset((k, r[k]) for k in key), c)
                if re.match(r"^\d{4}$", r["periode"]):
                    years.setdefault((rest, r["periode"]), (t, i, c))
                elif (m := _Q.match(r["periode"])):
                    quarters[(rest, m.group(1))][m.group(2)] = (t, i, c)
    patterns = defaultdict(list)  # (year's table, quarters' tables, column) -> [(holds, relation)]
    for k, ycell in years.items():
        qs = quarters.get(k)
        if qs and len(qs) == 4:
            yv = _num(exact[ycell[0]][1][ycell[1]][ycell[2]])
            qv = [_num(exact[q[0]][1][q[1]][q[2]]) for q in qs.values()]
            if yv and None not in qv:
                pattern = (ycell[0], tuple(sorted({q[0] for q in qs.values()})), ycell[2])
                patterns[pattern].append((yv == sum(qv), ((ycell, 1.0), *[(q, -1.0) for q in qs.values()])))
    for results in patterns.values():  # a relation only where it holds for every year of the pattern
        if len(results) >= 2 and all(h for h, _ in results):
            found += [rel for _, rel in results]
    return found


def attack(relations: list[tuple], value_of, levels: dict, at_least: list[tuple] = ()) -> list[tuple]:
    """The hidden cells the relations narrow below their level: [(cell, low, high, level)].
    `relations` are ((cell, coef), ...) equations = 0, `at_least` inequalities >= 0, over any
    hashable cells; value_of(cell) is the published value, or None for a hidden or unknown cell
    (bounded below by 0). Solved per connected group of hidden cells, with sparse matrices."""
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix

    known = {}
    for rel in (*relations, *at_least):
        for p, _ in rel:
            if p not in known:
                known[p] = value_of(p)
    rels = [(rel, "eq") for rel in relations] + [(rel, "ge") for rel in at_least]
    rels = [(rel, sense) for rel, sense in rels if any(known[p] is None for p, _ in rel)]
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for rel, _ in rels:
        free = [p for p, _ in rel if known[p] is None]
        for p in free[1:]:
            parent[find(p)] = find(free[0])
    groups = defaultdict(list)
    for k, (rel, _) in enumerate(rels):
        groups[find(next(p for p, _ in rel if known[p] is None))].append(k)
    weak = []
    for ks in groups.values():
        hidden = sorted({p for k in ks for p, _ in rels[k][0] if known[p] is None}, key=repr)
        targets = [p for p in hidden if p in levels]
        if not targets:
            continue
        col = {p: j for j, p in enumerate(hidden)}
        mats = {"eq": ([], [], [], []), "ge": ([], [], [], [])}
        for k in ks:
            rel, sense = rels[k]
            r_i, c_i, v_i, rhs = mats[sense]
            r = len(rhs)
            total = 0.0
            for p, coef in rel:
                if known[p] is None:
                    r_i.append(r)
                    c_i.append(col[p])
                    v_i.append(coef if sense == "eq" else -coef)  # ge: sum >= 0 as -sum <= 0
                else:
                    total -= coef * known[p]
            rhs.append(total if sense == "eq" else -total)
        kw = {}
        for sense, (r_i, c_i, v_i, rhs) in mats.items():
            if rhs:
                m = csr_matrix((v_i, (r_i, c_i)), shape=(len(rhs), len(hidden)))
                kw.update({"A_eq": m, "b_eq": rhs} if sense == "eq" else {"A_ub": m, "b_ub": rhs})
        for p in targets:
            c = np.zeros(len(hidden))
            c[col[p]] = 1.0
            lo = linprog(c, bounds=(0, None), method="highs", **kw)
            hi = linprog(-c, bounds=(0, None), method="highs", **kw)
            assert lo.status in (0, 3) and hi.status in (0, 3), (p, lo.message, hi.message)  # 3: unbounded
            low = lo.fun if lo.status == 0 else 0.0
            high = -hi.fun if hi.status == 0 else float("inf")
            if high - low < levels[p] - 1e-6:
                weak.append((p, low, high, levels[p]))
    return weak
