"""Disclosure control for the publication outputs (STATISTICS.md §7).

Register data may leave the secure environment only as tables in which no cell
describes fewer than `min_cell` persons. For one table (a list of row dicts):

1. primary: a person count with 0 < value < min_cell is suppressed (zero is shown:
   it describes nobody);
2. secondary: where rows add up to a total row (declared per table: the group
   columns, the total row, the additive columns), a group with exactly one
   suppressed member gets a second one (the smallest non-zero count left, else the
   total), so the suppressed cell cannot be recovered as total minus the others;
   repeated until nothing changes;
3. shares: a percentage is suppressed when its numerator is suppressed, or its
   denominator is suppressed or below min_cell; a share without a numerator column
   also when the count it implies (share x denominator) describes fewer than
   min_cell persons;
4. per-person values (hours per person, a rank, a premium): suppressed with the person count
   they rest on (declared per table), since a value of one or two persons describes them.

The exact tables in tables/ are never touched; suppressed cells are written as "."
(as Jobindsats does).
"""

from __future__ import annotations

from dataclasses import dataclass, field

SUPPRESSED = "."


@dataclass(frozen=True)
class Protection:
    persons: tuple[str, ...] = ()  # columns that count persons
    shares: dict = field(default_factory=dict)  # share column -> (numerator column or None, denominator column)
    groups: tuple[str, ...] = ()  # rows with equal values here form an additive group ...
    total: tuple[str, tuple] | None = None  # ... whose total row has one of these values in this column
    additive: tuple[str, ...] = ()  # the person counts that add up over a group's members
    not_members: tuple[str, tuple] | None = None  # rows in neither the sum nor the total (pooled overlaps)
    fractions: tuple[str, ...] = ()  # shares given as 0-1 (a probability), not as percentages
    means: dict = field(default_factory=dict)  # per-person value column -> the person count it rests on


def suppress(rows: list[dict], prot: Protection, min_cell: int) -> set[tuple[int, str]]:
    """The (row index, column) cells to suppress."""
    flags: set[tuple[int, str]] = set()
    for i, r in enumerate(rows):
        for c in prot.persons:
            v = r.get(c)
            if v is not None and 0 < v < min_cell:
                flags.add((i, c))
    if prot.total is not None and prot.additive:
        groups: dict[tuple, dict] = {}
        tcol, tvals = prot.total
        for i, r in enumerate(rows):
            if prot.not_members and r.get(prot.not_members[0]) in prot.not_members[1]:
                continue
            g = groups.setdefault(tuple(r.get(c) for c in prot.groups), {"total": None, "members": []})
            if r.get(tcol) in tvals:
                g["total"] = i
            else:
                g["members"].append(i)
        changed = True
        while changed:
            changed = False
            for g in groups.values():
                if g["total"] is None:
                    continue
                for c in prot.additive:
                    hidden = [i for i in g["members"] if (i, c) in flags]
                    if len(hidden) != 1 or (g["total"], c) in flags:
                        continue
                    candidates = sorted((rows[i].get(c) or 0, i) for i in g["members"]
                                        if (i, c) not in flags and (rows[i].get(c) or 0) > 0)
                    flags.add((candidates[0][1], c) if candidates else (g["total"], c))
                    changed = True
    for i, r in enumerate(rows):
        for c, (num, den) in prot.shares.items():
            v = r.get(c)
            if v is None:
                continue
            d = r.get(den) if den is not None else None
            small = den is not None and (d is None or d < min_cell)
            implied = num is None and d is not None and 0 < v * d / (1 if c in prot.fractions else 100) < min_cell - 1e-9
            if (num is not None and (i, num) in flags) or (den is not None and (i, den) in flags) or small or implied:
                flags.add((i, c))
    for i, r in enumerate(rows):
        for c, den in prot.means.items():
            if r.get(c) is not None and ((i, den) in flags or (r.get(den) or 0) < min_cell):
                flags.add((i, c))
    return flags


def published_rows(rows: list[dict], prot: Protection, min_cell: int) -> tuple[list[dict], int]:
    """The rows with suppressed cells as ".", and how many cells were suppressed."""
    flags = suppress(rows, prot, min_cell)
    out = [{c: (SUPPRESSED if (i, c) in flags else v) for c, v in r.items()} for i, r in enumerate(rows)]
    return out, len(flags)


def small_cells(rows: list[dict], prot: Protection, min_cell: int) -> list[tuple[int, str, float]]:
    """Published person counts that describe fewer than min_cell persons (must be none)."""
    return [(i, c, r[c]) for i, r in enumerate(rows) for c in prot.persons
            if r.get(c) not in (None, SUPPRESSED) and 0 < r[c] < min_cell]
