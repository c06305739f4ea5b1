"""Disclosure control of the published tables, all at once (the same cell in two tables gets
the same treatment): primary rules, secondary suppression, the audit, and what each table
shows. The exact tables are never touched; a suppressed cell is written as "."."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace

from pipeline import cache
from pipeline.cache import Cache
from pipeline.disclosure import solve
from pipeline.disclosure.cells import System, Table, build_system
from pipeline.disclosure.solve import audit, choose_secondary, components
from pipeline.disclosure.spec import Space

SUPPRESSED = "."


@dataclass(frozen=True)
class Rules:
    """The parameters of disclosure control (recorded in run.json and the report)."""

    min_cell: int = 5  # no published cell describes fewer persons
    dominance_pct: float = 50.0  # a magnitude where one person holds more than this share is primary
    magnitude_protection_pct: float = 20.0  # a hidden magnitude's interval must be this wide (pct. of its value)
    secondary: bool = True  # False: primary suppression only (to show what the audit finds)
    max_rounds: int = 100  # audit-and-cut rounds per component before the whole component is hidden
    workers: int = 2  # threads for the independent components (the result does not depend on it)

    def level(self, kind: str, value: float) -> float:
        """How wide a suppressed cell's feasible interval must be."""
        if kind == "magnitude":
            return max(1.0, self.magnitude_protection_pct / 100 * abs(value))
        return float(self.min_cell)


@dataclass
class Outcome:
    system: System
    suppressed: set  # idents of published cells suppressed (primary and secondary)
    places: set  # (table, row, column) written as "."
    intervals: dict  # ident -> (low, high) from the final audit
    failures: list  # idents the audit could narrow below their level (must be empty)
    rounds: int = 0
    per_table: dict = field(default_factory=dict)


# the code a component's result depends on (part of its cache key)
_SOLVER_CODE = cache.key(cache.source_of(solve, sys.modules[__name__]))


def primary_reason(cell, rules: Rules) -> str:
    v = cell.value
    if not v:  # a zero describes nobody (a count), or nobody's amount (a magnitude): shown
        return ""
    if cell.kind == "persons":
        return f"færre end {rules.min_cell} personer" if 0 < v < rules.min_cell else ""
    n = cell.contributors
    if n is not None and 0 < n < rules.min_cell:
        return f"hviler på færre end {rules.min_cell} personer"
    if n is None and cell.per_person_max and 0 < v < rules.min_cell * cell.per_person_max:
        return f"kan hvile på færre end {rules.min_cell} personer"
    if cell.largest is not None and v > 0 and cell.largest > rules.dominance_pct / 100 * v:
        return f"én person har over {rules.dominance_pct:g} pct. af værdien"
    return ""


def chain_blocks(system, level: dict) -> set:
    """A recursion (a Kaplan-Meier risk set) publishes each step's exits as the difference of two
    shown totals. Where a step holds a primary cell, hide the totals inside a block of consecutive
    steps until the block's exits reach the protection level: then no step of it can be told
    apart. (The programme and the audit then finish the job; this saves them a round per step.)"""
    cells = system.cells
    out = set()
    for chain in system.chains:
        i = 0
        while i < len(chain):
            _, minus, _ = chain[i]
            if not any(cells[m].primary for m in minus):
                i += 1
                continue
            need = max(level[m] for m in minus)
            total, j = sum(cells[m].value or 0.0 for m in minus), i
            out |= {m for m in minus if cells[m].primary}
            while total < need and j + 1 < len(chain):
                out.add(chain[j][2])  # the total after step j, inside the block
                j += 1
                total += sum(cells[m].value or 0.0 for m in chain[j][1])
                out |= {m for m in chain[j][1] if cells[m].published}
            i = j + 1
    return {c for c in out if cells[c].published and not cells[c].known and cells[c].value}


def _component(job: tuple) -> tuple[set, dict, int]:
    """One connected component: its suppressed cells, their intervals, and the rounds it took.
    Runs in a worker process; it sees only its own cells and relations."""
    cells, relations, comp_cells, level, rules, blocks = job
    comp_rels = list(range(len(relations)))
    hidden = {c for c in comp_cells if cells[c].primary}
    if not comp_rels:  # a cell in no relation: nothing bounds it from above
        return hidden, {c: (0.0, float("inf")) for c in hidden}, 0
    if not rules.secondary:
        found, _ = audit(cells, relations, comp_cells, comp_rels, hidden, level=level)
        return hidden, found, 0
    # audit and cut until no hidden cell can be narrowed below its level; hidden cells stay hidden
    # in later rounds, so a cell once protected stays protected (its interval only widens)
    cuts: list = []
    targets = None
    intervals: dict = {}
    hidden |= blocks
    rounds = 0
    for r in range(rules.max_rounds + 1):
        before = hidden
        if r < rules.max_rounds:
            hidden = choose_secondary(cells, relations, comp_cells, comp_rels, level, cuts, keep=before)
        else:  # nothing lighter converged: hide the component (its zeros describe nobody)
            hidden = {c for c in comp_cells if cells[c].published and not cells[c].known and (cells[c].value or c in before)}
        rounds = r + 1
        if targets is not None:
            targets = sorted(set(targets) | (hidden - before))
        found, binding = audit(cells, relations, comp_cells, comp_rels, hidden, targets, level)
        intervals.update(found)
        weak = [c for c, (lo, hi) in found.items() if hi - lo < level[c] - 1e-9]
        if not weak:
            break
        cuts += [binding[c] for c in weak if binding.get(c)]
        targets = weak
    return hidden, intervals, rounds


def _jobs(system, level: dict, rules: Rules, blocks: set) -> list:
    cells = system.cells
    jobs = []
    for comp_cells, comp_rels in components(sorted(cells), system.relations):
        if not any(cells[c].primary for c in comp_cells):
            continue
        mine = set(comp_cells)
        jobs.append(({c: cells[c] for c in comp_cells}, [system.relations[k] for k in comp_rels], comp_cells,
                     {c: level[c] for c in comp_cells}, rules, blocks & mine))
    return jobs


def _job_key(job: tuple) -> str:
    """What a component's result depends on: its cells and relations as published, the rules and
    the solving code (not the number of workers: the result does not depend on it)."""
    cells, relations, comp_cells, level, rules, blocks = job
    described = [(c, cells[c].kind, cells[c].value, cells[c].contributors, cells[c].largest, cells[c].per_person_max,
                  cells[c].places, cells[c].known, cells[c].implied, cells[c].dependents, cells[c].primary, level[c])
                 for c in comp_cells]
    return cache.key(_SOLVER_CODE, described, relations, replace(rules, workers=0).__repr__(), sorted(blocks))


def protect(tables: list[Table], spaces: dict[str, Space], rules: Rules, store: Cache | None = None) -> Outcome:
    """Protect the tables. A component solved before with the same cells, relations and rules is
    taken from `store` (a new delivery that changes a few tables re-solves their components only)."""
    store = store or Cache(None)
    system = build_system(tables, spaces)
    cells = system.cells
    for c in cells.values():
        c.primary = primary_reason(c, rules)
    level = {i: rules.level(c.kind, c.value or 0.0) for i, c in cells.items()}
    suppressed: set = set()
    intervals: dict = {}
    rounds = 0
    blocks = chain_blocks(system, level) if rules.secondary else set()
    jobs = _jobs(system, level, rules, blocks)
    # the components are independent: solved side by side (HiGHS releases the GIL), biggest first;
    # every component's result is the same whatever the order
    from concurrent.futures import ThreadPoolExecutor

    keys = [_job_key(j) for j in jobs]
    results = {i: r for i in range(len(jobs)) if (r := store.get("diskretionering", keys[i])) is not None}
    order = sorted((i for i in range(len(jobs)) if i not in results), key=lambda i: -len(jobs[i][2]))
    with ThreadPoolExecutor(max_workers=max(1, rules.workers)) as pool:
        for i, r in zip(order, pool.map(_component, [jobs[i] for i in order])):
            results[i] = r
            store.put("diskretionering", keys[i], r)
    for i in range(len(jobs)):
        hidden, found, r = results[i]
        suppressed |= hidden
        intervals.update(found)
        rounds = max(rounds, r)
    for c in suppressed:
        if c not in intervals:
            intervals[c] = (0.0, float("inf"))
    failures = sorted(c for c in suppressed if intervals[c][1] - intervals[c][0] < level[c] - 1e-9)
    places = {p for c in suppressed for p in cells[c].places}
    for place, rests in system.derived.items():
        if rests & suppressed:
            places.add(place)
    out = Outcome(system, suppressed, places, intervals, failures, rounds)
    out.per_table = _per_table(tables, out, rules, level)
    return out


def _per_table(tables: list[Table], out: Outcome, rules: Rules, level: dict) -> dict:
    cells = out.system.cells
    stats = {}
    hidden_in: dict = {}  # table -> its suppressed cells (one pass, not one per table)
    for c in out.suppressed:
        for table in {p[0] for p in cells[c].places}:
            hidden_in.setdefault(table, set()).add(c)
    places_in: dict = {}
    for p in out.places:
        places_in[p[0]] = places_in.get(p[0], 0) + 1
    for t in tables:
        mine = hidden_in.get(t.id, set())
        primary = sorted(c for c in mine if cells[c].primary)
        narrowest = None
        for c in sorted(mine, key=str):  # ties go to the first cell by name, not the hash order
            lo, hi = out.intervals[c]
            ratio = (hi - lo) / level[c] if level[c] else float("inf")
            if narrowest is None or ratio < narrowest[0]:
                narrowest = (ratio, c, lo, hi)
        reasons: dict = {}
        for c in primary:
            reasons[cells[c].primary] = reasons.get(cells[c].primary, 0) + 1
        stats[t.id] = {
            "rows": len(t.rows),
            "cells_suppressed": places_in.get(t.id, 0),
            "primary": len(primary),
            "secondary": len(mine) - len(primary),
            "primary_reasons": reasons,
            "narrowest": None if narrowest is None else {
                "cell": f"{narrowest[1][2]} {'|'.join(narrowest[1][1])}", "low": narrowest[2],
                "high": narrowest[3], "width_over_level": narrowest[0]},
        }
    return stats


def published_rows(table: Table, places: set, decimals: dict | None = None) -> list[dict]:
    """The table's rows as published: suppressed cells as '.', helper columns (_...) left out,
    values rounded where `decimals` says (shares to one decimal)."""
    decimals = decimals or {}
    out = []
    for i, r in enumerate(table.rows):
        row = {}
        for c in table.columns:
            if c.startswith("_"):
                continue
            v = r.get(c)
            if (table.id, i, c) in places:
                v = SUPPRESSED
            elif c in decimals and isinstance(v, float):
                v = round(v, decimals[c])
            row[c] = v
        out.append(row)
    return out
