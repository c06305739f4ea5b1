"""Secondary suppression (a mixed-integer programme) and the audit (linear programmes),
both with HiGHS through highspy, one connected component of cells at a time.

The audit is the attacker: knowing every published cell and every declared relation, and
that counts and magnitudes are never negative, it bounds each suppressed cell by
minimising and maximising it. A cell is protected when its interval is at least its
protection level wide (never a single value).

The programme chooses the secondary cells: a binary s per published cell (1 = suppressed,
fixed for primary cells), minimising sum((1 + ln(1 + value)) x (places + dependents) x s): few
and small cells, written in few places and with few shares resting on them,
subject to, in every relation, (1) no suppressed cell alone among the relation's published
cells, and (2) the other suppressed cells of the relation holding at least what a primary
cell's own value lacks of its protection level (it can fall to 0 while they rise, and rise
by what they can give up). Where the audit still narrows a cell too much, a cut
(one more suppressed cell among its neighbours) is added and the programme solved again.
Single-threaded, no time limit: the same tables give the same cells.
"""

from __future__ import annotations

import math
from collections import defaultdict

import highspy
import numpy as np

INF = highspy.kHighsInf
_DECIDED = (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kUnbounded,
            highspy.HighsModelStatus.kUnboundedOrInfeasible)


def _highs() -> highspy.Highs:
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 0)
    return h


def components(cells: list, relations: list) -> list[tuple[list, list]]:
    """Cells joined by relations, as (cell idents, relation indexes); cells in no relation
    are components of their own."""
    parent = {c: c for c in cells}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for terms, *_ in relations:
        first = find(terms[0][0])
        for ident, _ in terms[1:]:
            r = find(ident)
            if r != first:
                parent[r] = first
    members = defaultdict(list)
    for c in cells:
        members[find(c)].append(c)
    rels = defaultdict(list)
    for k, (terms, *_) in enumerate(relations):
        rels[find(terms[0][0])].append(k)
    return [(sorted(m), rels.get(root, [])) for root, m in sorted(members.items(), key=lambda kv: min(kv[1]))]


def audit(cells: dict, relations: list, comp_cells: list, comp_rels: list, hidden: set,
          targets: list | None = None, level: dict | None = None) -> tuple[dict, dict]:
    """The attacker: the hidden cells and the unknowns are variables from 0 up, the shown cells
    constants. For each target (default: every hidden published cell) its (low, high) by linear
    programming and, for those narrower than their level, the shown cells whose values bind the
    bounds (a nonzero reduced cost, were they variables fixed at their value: hiding one of them
    is the cut that can widen the interval)."""
    def level_of(c):
        return level[c] if level is not None else 0.0

    if targets is None:
        targets = [c for c in comp_cells if c in hidden and cells[c].published]
    out, binding = {}, {}
    rels_of = defaultdict(list)
    for k in comp_rels:
        for i, _ in relations[k][0]:
            rels_of[i].append(k)
    targets = [c for c in targets if not _certified(cells, relations, rels_of, hidden, c, level_of(c), out)]
    if not targets:
        return out, binding
    # variables: the hidden cells and the unknowns; a shown cell is a constant on the right-hand side
    free = [c for c in comp_cells if c in hidden or not cells[c].published]
    col = {c: j for j, c in enumerate(free)}
    rows_lo, rows_hi = [], []
    a = defaultdict(list)  # column -> [(row, coef)]
    shown_in = defaultdict(list)  # shown cell -> [(row, coef)]: its reduced cost is -sum(coef * row dual)
    for r, k in enumerate(comp_rels):
        terms, _, sense = relations[k]
        rhs = 0.0
        for ident, coef in terms:
            if ident in col:
                a[col[ident]].append((r, coef))
            else:
                rhs -= coef * cells[ident].value
                shown_in[ident].append((r, coef))
        rows_lo.append(rhs)
        rows_hi.append(rhs if sense == "eq" else INF)
    starts, index, value = [], [], []
    for j in range(len(free)):
        starts.append(len(index))
        for r, coef in a[j]:
            index.append(r)
            value.append(coef)
    starts.append(len(index))
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = len(free), len(comp_rels)
    lp.col_cost_ = np.zeros(len(free))
    lp.col_lower_ = np.zeros(len(free))
    lp.col_upper_ = np.full(len(free), INF)
    lp.row_lower_ = np.array(rows_lo, dtype=float)
    lp.row_upper_ = np.array(rows_hi, dtype=float)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(value, dtype=float)
    h = _highs()
    h.passModel(lp)
    shown_cells = sorted(shown_in)
    # a shown cell's reduced cost, were it a variable fixed at its value: -(its column) . (row duals)
    from scipy.sparse import csr_matrix

    entries = [(n, r, coef) for n, c in enumerate(shown_cells) for r, coef in shown_in[c]]
    shown_matrix = csr_matrix(([e[2] for e in entries], ([e[0] for e in entries], [e[1] for e in entries])),
                              shape=(len(shown_cells), len(comp_rels)))

    def solve(j: int, sense: float, duals: bool = False):
        """min (sense 1) or max (sense -1) of cell j; with duals, also the shown cells that bind it."""
        h.changeColCost(j, sense)
        h.run()
        status = h.getModelStatus()
        if status not in _DECIDED:  # a warm start gone astray: solve this one from scratch
            h.clearSolver()
            h.run()
            status = h.getModelStatus()
        bind = set()
        if status == highspy.HighsModelStatus.kOptimal:
            value = sense * h.getInfo().objective_function_value
            if duals:
                reduced = shown_matrix @ np.asarray(h.getSolution().row_dual)
                bind = {shown_cells[n] for n in np.flatnonzero(np.abs(reduced) > 1e-9)}
        elif sense < 0:  # maximising: unbounded
            value = math.inf
        else:
            raise RuntimeError(f"disclosure audit: the relations around {free[j]} have no solution ({status}); "
                               "a declared relation does not hold")
        h.changeColCost(j, 0.0)
        return (value, bind) if duals else value

    def bound_by(j: int, sense: float) -> set:
        return solve(j, sense, duals=True)[1]

    for c in targets:
        j = col[c]
        high = solve(j, -1.0)
        low = solve(j, 1.0) if high != math.inf else 0.0  # unbounded above: protected whatever the low
        out[c] = (max(0.0, low), high)
        if high - low < level_of(c):  # narrowed: which shown cells bind it (the cut hides one of them)
            bind = bound_by(j, -1.0) | bound_by(j, 1.0)
            binding[c] = sorted(i for i in bind if not cells[i].known)
    return out, binding


def _certified(cells: dict, relations: list, rels_of: dict, hidden: set, c, level: float, out: dict) -> bool:
    """A cheap certificate, before any programme: a hidden cell in one relation only, beside hidden
    cells in that relation only, can trade with them alone. A partner with the opposite sign (a total
    and its member) rises with it without end; partners with the same sign give up their values
    to it, and it gives up its own: its interval holds [0, its value + theirs]. Certified only with
    room to spare (twice the level), so the narrowest intervals reported are always computed."""
    mine = rels_of[c]
    if len(mine) != 1:
        return False
    terms = relations[mine[0]][0]
    own = next(coef for i, coef in terms if i == c)
    once = {i for i, _ in terms if (i in hidden or not cells[i].published) and i != c and len(rels_of[i]) == 1}
    if not once:
        return False
    if any(coef * own < 0 for i, coef in terms if i in once):
        out[c] = (0.0, math.inf)
        return True
    if any(not cells[i].published for i in once):
        return False
    width = cells[c].value + sum(cells[i].value for i in once)
    if width >= 2 * level:
        out[c] = (0.0, width)  # at least this wide: a certificate, not the exact interval
        return True
    return False


def choose_secondary(cells: dict, relations: list, comp_cells: list, comp_rels: list, level: dict,
                     cuts: list, keep: set = frozenset()) -> set:
    """The published cells to suppress in the component: the primary ones, those in `keep`
    (hidden in an earlier round), and the fewest and smallest others the constraints need."""
    pub = [c for c in comp_cells if cells[c].published and not cells[c].known]
    j_of = {c: j for j, c in enumerate(pub)}
    n = len(pub)
    h = _highs()
    h.setOptionValue("mip_rel_gap", 0.0)
    lower = np.array([1.0 if cells[c].primary or c in keep else 0.0 for c in pub])
    # a zero describes nobody and protects nobody (it cannot give up anything): never a secondary cell
    upper = np.array([1.0 if cells[c].value != 0 or lower[j] else 0.0 for j, c in enumerate(pub)])
    # what hiding a cell loses: its size (few and small cells), times the places it is written and the
    # shares, means and curves that rest on it and would go with it
    cost = np.array([(1.0 + math.log1p(abs(cells[c].value))) * (len(cells[c].places) + cells[c].dependents)
                     + 1e-7 * j for j, c in enumerate(pub)])
    h.addVars(n, lower, upper)
    h.changeColsCost(n, np.arange(n, dtype=np.int32), cost)
    h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n))

    def add_row(lo, hi, idx, vals):
        if idx:
            h.addRow(lo, hi, len(idx), np.array(idx, dtype=np.int32), np.array(vals, dtype=float))

    for k in comp_rels:
        terms = relations[k][0]
        members = [i for i, _ in terms if i in j_of]
        unknown = sum(1 for i, _ in terms if not cells[i].published)
        for i in members:
            others = [j_of[o] for o in members if o != i]
            if not unknown:  # (1) never alone: s_i <= sum of the others
                add_row(-INF, 0.0, [j_of[i]] + others, [1.0] + [-1.0] * len(others))
            if cells[i].primary and others:  # (2) the others hold what the cell's own value lacks of its level
                cap = [abs(cells[o].value) for o in members if o != i]
                need = min(max(0.0, level[i] - abs(cells[i].value)), sum(cap))
                if need > 0:
                    add_row(need, INF, others, cap)
    for group in cuts:
        add_row(1.0, INF, [j_of[c] for c in group if c in j_of], [1.0] * sum(1 for c in group if c in j_of))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return {c for j, c in enumerate(pub) if upper[j]}  # nothing lighter is certain: hide the component
    s = h.getSolution().col_value
    return {c for c, v in zip(pub, s) if v > 0.5}
