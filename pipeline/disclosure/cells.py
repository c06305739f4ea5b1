"""The published tables as one system of cells and linear relations.

A cell is a count (persons) or a magnitude (hours, kroner, weeks, events) with an
identity: the table's id (or its space's name), the row's key and the column. The same
identity written in two tables is one cell. A share or mean whose numerator is no column
implies a cell of its own (share x denominator); a share of a sum of rows implies a
virtual total. Everything else (shares, means, ranks, changes) is derived: it is shown
only when every cell it rests on is shown.

Relations are linear equations sum(coef x cell) = 0 (or >= 0) over identities; a cell
they need that no table publishes is an unknown (value None), which an attacker can
only bound.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from pipeline.disclosure.spec import COUNT_KINDS, ColumnSpec, Relation, Space, SpecError, TableSpec, VirtualSum

Ident = tuple  # (namespace, key values, column)
Place = tuple  # (table id, row index, column)
_YEAR = re.compile(r"^\d{4}$")
_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})M(0[1-9]|1[0-2])$")
_QMAT = re.compile(r"^(\d{4})QMAT0([1-4])$")


def _period_parts(p: str) -> list[tuple[str, ...]]:
    """The ways a period label splits into smaller ones: a year into its quarters and into its
    months, a quarter into its months, a moving annual total (2020QMAT02) into its four quarters."""
    if _YEAR.match(p):
        return [tuple(f"{p}Q{q}" for q in range(1, 5)), tuple(f"{p}M{m:02d}" for m in range(1, 13))]
    if (m := _QUARTER.match(p)):
        y, q = int(m.group(1)), int(m.group(2))
        return [tuple(f"{y}M{k:02d}" for k in range(3 * q - 2, 3 * q + 1))]
    if (m := _QMAT.match(p)):
        y, q = int(m.group(1)), int(m.group(2))
        return [tuple(f"{y - (k <= 0)}Q{k + 4 * (k <= 0)}" for k in range(q - 3, q + 1))]
    return []


def _period_weeks(p: str) -> float:
    """The ISO weeks whose Thursday lies in the period (the register's weeks of a period)."""
    if _YEAR.match(p):
        y = int(p)
        start, end = date(y, 1, 1), date(y, 12, 31)
    elif (m := _QUARTER.match(p)):
        y, q = int(m.group(1)), int(m.group(2))
        start, end = date(y, 3 * q - 2, 1), date(y + (q == 4), 1 if q == 4 else 3 * q + 1, 1) - timedelta(days=1)
    elif (m := _MONTH.match(p)):
        y, k = int(m.group(1)), int(m.group(2))
        start, end = date(y, k, 1), date(y + (k == 12), 1 if k == 12 else k + 1, 1) - timedelta(days=1)
    elif _QMAT.match(p):
        return sum(_period_weeks(q) for q in _period_parts(p)[0])
    else:
        raise SpecError(f"a period weighed by its weeks is a year, quarter, month or moving annual total, got {p!r}")
    first_thursday = start + timedelta(days=(3 - start.weekday()) % 7)
    return float(max(0, (end - first_thursday).days // 7 + 1))


@dataclass
class Cell:
    ident: Ident
    kind: str  # persons | magnitude
    value: float | None  # None: published nowhere (an unknown)
    contributors: float | None = None
    largest: float | None = None
    per_person_max: float | None = None
    places: list = field(default_factory=list)  # where it is written (an implied cell: its share's place)
    known: bool = False  # not written anywhere, but taken as known to an attacker (a whole of `parts`)
    implied: bool = False  # no column: the count a share implies, or the sum a share is of (written as the share)
    dependents: int = 0  # the shares, means and derived values written elsewhere that rest on it
    primary: str = ""  # why it is suppressed as primary ("" = not)

    @property
    def published(self) -> bool:
        return self.value is not None


@dataclass
class Table:
    """A table to publish: its id, column names, rows (dicts) and declarations."""

    id: str
    columns: list[str]
    rows: list[dict]
    spec: TableSpec


@dataclass
class System:
    cells: dict = field(default_factory=dict)  # Ident -> Cell
    relations: list = field(default_factory=list)  # [(((Ident, coef), ...), description, sense)]
    derived: dict = field(default_factory=dict)  # Place -> frozenset of Idents it rests on
    direct: dict = field(default_factory=dict)  # Place -> Ident (a count written there)
    chains: list = field(default_factory=list)  # recursions, in order: [(next[k], (minus[k]...), next[k+1]), ...]


def number(v) -> float | None:
    if v is None or isinstance(v, bool):
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


class _Namespace:
    """The rows of one table, or of every table in a space, by key."""

    def __init__(self, name: str, key: tuple[str, ...]):
        self.name, self.key = name, key
        self.rows: dict[tuple, dict] = {}  # key values -> {column: Ident}
        # key values -> the columns a table that lists all its rows publishes there (not a selection)
        self.listed: dict[tuple, set] = {}
        self.helpers: dict[tuple, dict] = {}  # key values -> {helper column: value}

    def ident(self, key: tuple, column: str) -> Ident:
        return (self.name, key, column)

    def put(self, key: tuple, column: str, ident: Ident, selection: bool = False) -> None:
        self.rows.setdefault(key, {})[column] = ident
        if not selection:
            self.listed.setdefault(key, set()).add(column)


class _Builder:
    def __init__(self, tables: list[Table], spaces: dict[str, Space]):
        self.tables, self.spaces = tables, spaces
        self.system = System()
        self.namespaces: dict[str, _Namespace] = {}
        self._groups: dict = {}  # (table, virtual sum) -> {group: member rows} (_virtual_total)

    # --- identities ---------------------------------------------------------------------------
    def _namespace_of(self, t: Table) -> _Namespace:
        spec = t.spec
        if spec.space is None:
            key = spec.key or tuple(c for c in t.columns if c in spec.columns and spec.columns[c].kind == "key")
            if t.id in self.namespaces:
                raise SpecError(f"table {t.id} is given twice")
            self.namespaces[t.id] = _Namespace(t.id, key)
            return self.namespaces[t.id]
        space = self.spaces[spec.space.name]
        return self.namespaces.setdefault(space.name, _Namespace(space.name, space.key))

    def _row_key(self, t: Table, row: dict, ns: _Namespace) -> tuple:
        ref = t.spec.space
        if ref is None:
            return tuple(str(row.get(k)) for k in ns.key)
        fixed, from_col = dict(ref.set), dict(ref.key)
        rename = {c: dict(m) for c, m in ref.rename}
        out = []
        for k in ns.key:
            if k in fixed:
                v = fixed[k]
            else:
                col = from_col.get(k, k)
                if col not in row:
                    raise SpecError(f"{t.id}: space {ns.name} needs key {k}: map it (space.key) or set it (space.set)")
                v = str(row[col])
            out.append(rename.get(k, {}).get(v, v))
        return tuple(out)

    def _locate(self, t: Table, ns: _Namespace, key: tuple, column: str, overrides: tuple = ()) -> tuple[tuple, str]:
        """The (key, space column) of a table column in a row: the space may map the column to
        another name, or to a cell of another row (key values set)."""
        mapped = dict(t.spec.space.columns).get(column) if t.spec.space is not None else None
        if mapped is not None:
            column, sets = mapped
            overrides = tuple(sets) + tuple(overrides)
        if overrides:
            k = list(key)
            for name, value in overrides:
                if name not in ns.key:
                    raise SpecError(f"{t.id}: {column}: {name} is not a key column of {ns.name} ({', '.join(ns.key)})")
                i = ns.key.index(name)
                if value.startswith(("-", "+")) and value[1:].isdigit():  # a relative year/week: "-1"
                    value = str(int(k[i]) + int(value))
                k[i] = value
            key = tuple(k)
        return key, column

    def _add_cell(self, ident: Ident, kind: str, value, place: Place | None, implied: bool = False, **extra) -> Cell:
        cells = self.system.cells
        c = cells.get(ident)
        if c is None:
            c = cells[ident] = Cell(ident, kind, value, places=[place] if place else [], implied=implied, **extra)
            return c
        if c.value is not None and value is not None and abs(c.value - value) > 1e-6 * max(1.0, abs(value)):
            first = c.places[0] if c.places else ("?", -1)
            raise SpecError(f"cell {ident[2]} {'|'.join(ident[1])} of {ident[0]} is {c.value:g} in {first[0]} "
                            f"(row {first[1] + 1}) but {value:g} in {place[0] if place else '?'} (row "
                            f"{place[1] + 1 if place else '?'}): they are declared the same cell; fix the space mapping")
        if c.value is None and value is not None:
            c.value, c.kind = value, kind
        if place:
            c.places.append(place)
        for k, v in extra.items():
            if getattr(c, k) is None and v is not None:
                setattr(c, k, v)
        return c

    # --- building -------------------------------------------------------------------------------
    def build(self) -> System:
        rels = []
        staged = []
        for t in self.tables:
            ns = self._namespace_of(t)
            keys = [self._row_key(t, r, ns) for r in t.rows]
            seen = {}
            for i, key in enumerate(keys):
                if t.spec.space is None and key in seen:
                    raise SpecError(f"{t.id}: rows {seen[key] + 1} and {i + 1} have the same key "
                                    f"({', '.join(ns.key)} = {', '.join(key)})")
                seen[key] = i
            staged.append((t, ns, keys))
            rels += [(r, ns.name, t.id) for r in t.spec.relations]
        # each row's column declarations, once for the three passes below
        specs = {t.id: [list(self._specs(t, row)) for row in t.rows] for t, _, _ in staged}
        for t, ns, keys in staged:
            for i, (row, key) in enumerate(zip(t.rows, keys)):
                self._counts(t, i, row, key, ns, specs[t.id][i])
        for t, ns, keys in staged:
            for i, (row, key) in enumerate(zip(t.rows, keys)):
                self._shares(t, i, row, key, ns, specs[t.id][i])
        for t, ns, keys in staged:
            for i, (row, key) in enumerate(zip(t.rows, keys)):
                self._derived(t, i, row, key, ns, specs[t.id][i])
            self._cumulative(t)
        for name, space in sorted(self.spaces.items()):
            if name in self.namespaces:
                rels += [(r, name, f"space {name}") for r in space.relations]
        for rel, ns_name, where in rels:
            self._instantiate(rel, self.namespaces[ns_name], where)
        self._check_relations()
        for rests in self.system.derived.values():
            for ident in rests:
                if ident in self.system.cells:
                    self.system.cells[ident].dependents += 1
        return self.system

    def _specs(self, t: Table, row: dict):
        for c in t.columns:
            spec = t.spec.columns.get(c)
            if spec is not None:
                yield c, spec.for_row(row)

    def _contributors(self, t: Table, row: dict, spec: ColumnSpec):
        if not spec.persons:
            return None
        p = t.spec.columns.get(spec.persons)
        v = number(row.get(spec.persons))
        if p is not None and p.kind == "share" and p.num is None and v is not None:  # its implied count
            den = number(row.get(p.den)) if isinstance(p.den, str) else None
            return None if den is None else round(v * den / p.scale)
        return v

    def _counts(self, t: Table, i: int, row: dict, key: tuple, ns: _Namespace, specs: list) -> None:
        for c, spec in specs:
            if spec.kind not in COUNT_KINDS:
                continue
            v = number(row.get(c))
            if v is None:
                continue
            k, col = self._locate(t, ns, key, c)
            ident = ns.ident(k, col)
            self._add_cell(ident, spec.kind, v, (t.id, i, c),
                           contributors=self._contributors(t, row, spec) if spec.kind == "magnitude" else None,
                           largest=number(row.get(spec.largest)) if spec.largest else None,
                           per_person_max=spec.per_person_max)
            self.system.direct[(t.id, i, c)] = ident
            ns.put(k, col, ident, _selection(t))
        for c in t.columns:
            if c.startswith("_"):
                ns.helpers.setdefault(key, {})[c] = row.get(c)

    def _ref(self, t: Table, i: int, key: tuple, ns: _Namespace, column: str, overrides: tuple = ()) -> set:
        """The cells a reference to a column rests on: a count's own cell; a share's or a derived
        column's cells (same row); an implied count where the column is a share of another row."""
        spec = t.spec.columns.get(column)
        if not overrides and spec is not None and spec.kind not in COUNT_KINDS and spec.kind in ("share", "mean",
                                                                                                 "derived"):
            return set(self.system.derived.get((t.id, i, column), ()))
        k, col = self._locate(t, ns, key, column, overrides)
        row = ns.rows.get(k, {})
        ident = row.get(col) or row.get(col + "#n") or ns.ident(k, col)
        return {ident}

    def _shares(self, t: Table, i: int, row: dict, key: tuple, ns: _Namespace, specs: list) -> None:
        for c, spec in specs:
            if spec.kind not in ("share", "mean"):
                continue
            v = number(row.get(c))
            if v is None:
                continue
            if isinstance(spec.den, VirtualSum):
                den_ident, den_value = self._virtual_total(t, i, ns, c, spec.den)
                rests = {den_ident}
            elif spec.den.startswith("_"):  # a helper: taken as known, like the whole of `parts`
                den_value = number(row.get(spec.den))
                rests = set()
            else:
                rests = self._ref(t, i, key, ns, spec.den)
                den_value = number(row.get(spec.den))
            if spec.num is not None:
                rests |= self._ref(t, i, key, ns, spec.num)
            elif den_value is not None:
                implied = v * den_value / (spec.scale if spec.kind == "share" else 1.0)
                kind = "persons" if spec.kind == "share" else "magnitude"
                if kind == "persons":
                    implied = float(round(implied))
                k, col = self._locate(t, ns, key, c + "#n")
                ident = ns.ident(k, col)
                self._add_cell(ident, kind, implied, (t.id, i, c), implied=True,
                               contributors=den_value if kind == "magnitude" else None)
                ns.put(k, col, ident, _selection(t))
                rests.add(ident)
            self.system.derived[(t.id, i, c)] = frozenset(rests)

    def _derived(self, t: Table, i: int, row: dict, key: tuple, ns: _Namespace, specs: list) -> None:
        for c, spec in specs:
            if spec.kind != "derived" or number(row.get(c)) is None:
                continue
            rests: set = set()
            for r in spec.rests_on:
                rests |= self._ref(t, i, key, ns, r.column, r.set)
            self.system.derived[(t.id, i, c)] = frozenset(rests)

    def _virtual_total(self, t: Table, i: int, ns: _Namespace, column: str, vs: VirtualSum):
        group = vs.group(t.rows[i])
        ident = (ns.name, ("#sum", t.id) + group, column + "#sum")
        if ident not in self.system.cells:
            members = self._group_members(t, vs).get(group, [])
            value = sum(number(t.rows[j].get(vs.column)) or 0.0 for j in members)
            self._add_cell(ident, "persons", value, (t.id, i, column), implied=True)
            parts = []
            for j in members:
                k, col = self._locate(t, ns, self._row_key(t, t.rows[j], ns), vs.column)
                parts.append((ns.rows.get(k, {}).get(col) or ns.ident(k, col), -1.0))
            self.system.relations.append((((ident, 1.0), *parts), f"{t.id}: {column}'s denominator = sum of "
                                          f"{vs.column}", "eq"))
        else:
            self.system.cells[ident].places.append((t.id, i, column))
        return ident, self.system.cells[ident].value

    def _group_members(self, t: Table, vs: VirtualSum) -> dict:
        """A virtual sum's groups in a table -> their member rows (in order), found in one pass."""
        if (t.id, vs) not in self._groups:
            self._groups[(t.id, vs)] = vs.members(t.rows)
        return self._groups[(t.id, vs)]

    def _cumulative(self, t: Table) -> None:
        for c, spec in t.spec.columns.items():
            if spec.kind != "derived" or not spec.cumulative or c not in t.columns:
                continue
            order = spec.cumulative
            group_cols = [k for k in t.columns if k in t.spec.columns and t.spec.columns[k].kind == "key" and k != order]
            groups = defaultdict(list)
            for i, row in enumerate(t.rows):
                if (t.id, i, c) in self.system.derived:
                    groups[tuple(str(row.get(k)) for k in group_cols)].append((number(row.get(order)), i))
            for members in groups.values():
                acc: set = set()
                for _, i in sorted(members):
                    acc |= self.system.derived[(t.id, i, c)]
                    self.system.derived[(t.id, i, c)] = frozenset(acc)

    # --- relations ------------------------------------------------------------------------------
    def _cell(self, ns: _Namespace, key: tuple, column: str, kind: str = "persons") -> Ident:
        """The cell of a column in a row (a share column: its implied count), or an unknown."""
        row = ns.rows.get(key, {})
        ident = row.get(column) or row.get(column + "#n")
        if ident is None:
            ident = ns.ident(key, column)
            if ident not in self.system.cells:
                self.system.cells[ident] = Cell(ident, kind, None)
        return ident

    def _emit(self, terms: list, what: str, sense: str = "eq") -> None:
        merged: dict = {}
        for ident, coef in terms:
            merged[ident] = merged.get(ident, 0.0) + coef
        terms = tuple((i, c) for i, c in merged.items() if c != 0)
        if len(terms) >= 2:
            self.system.relations.append((terms, what, sense))

    def _instantiate(self, rel: Relation, ns: _Namespace, where: str) -> None:
        idx = {k: i for i, k in enumerate(ns.key)}

        def check(cols):
            for k in cols:
                if k not in idx:
                    raise SpecError(f"{where}: relation on {k}, which is not a key column of {ns.name} "
                                    f"({', '.join(ns.key)})")

        if rel.type == "margin":
            total, sets, members = rel.total[0][0], rel.total[1:], rel.member_columns
            exc = {c: set(v) for c, v in rel.exclude}
            check(list(exc) + [c for c, _ in sets])
            for key, cols in sorted(ns.rows.items()):
                if any(key[idx[c]] in v for c, v in exc.items()):
                    continue
                tkey = tuple(dict(sets).get(k, v) for k, v in zip(ns.key, key))
                tcols = ns.rows.get(tkey, {})
                if (total in tcols or total + "#n" in tcols) and any(m in cols or m + "#n" in cols for m in members):
                    terms = [(self._cell(ns, tkey, total), 1.0)] + [(self._cell(ns, key, m), -1.0) for m in members]
                    self._emit(terms, f"{where}: {total} {'=' if rel.sense == 'eq' else '>='} {' + '.join(members)}",
                               rel.sense)
            return
        if rel.type == "recursion":
            order = rel.column
            check([order])
            by = rel.by if rel.by is not None else tuple(k for k in ns.key if k != order)
            series = defaultdict(dict)
            for key, cols in ns.rows.items():
                series[tuple(key[idx[b]] for b in by)][number(key[idx[order]])] = (key, cols)
            for s in series.values():
                chain = []
                for k, (key, cols) in sorted(s.items()):
                    nxt = s.get(k + 1)
                    if nxt is None or rel.next not in cols or rel.next not in nxt[1]:
                        continue
                    minus = tuple(self._cell(ns, key, m) for m in rel.minus)
                    terms = [(nxt[1][rel.next], 1.0), (cols[rel.next], -1.0)] + [(m, 1.0) for m in minus]
                    self._emit(terms, f"{where}: {rel.next}[k+1] = {rel.next}[k] - {' - '.join(rel.minus)}")
                    chain.append((cols[rel.next], minus, nxt[1][rel.next]))
                if chain:
                    self.system.chains.append(chain)
            return
        if rel.type == "periods":
            check([rel.column])
            pos = idx[rel.column]
            exc = {c: set(v) for c, v in rel.exclude}
            check(list(exc))
            present = {(key[:pos] + key[pos + 1:], key[pos]) for key in ns.rows}
            for key in sorted(ns.rows):
                if any(key[idx[c]] in v for c, v in exc.items()):
                    continue
                p, rest = key[pos], key[:pos] + key[pos + 1:]
                for parts in _period_parts(p):
                    if not any((rest, q) in present for q in parts):
                        continue  # none of the parts is published: nothing to recover from
                    for col in rel.columns:
                        if col not in ns.rows[key] and col + "#n" not in ns.rows[key]:
                            continue
                        w = _period_weeks if rel.weights == "weeks" else (lambda _: 1.0)
                        total = self._cell(ns, key, col)
                        kind = self.system.cells[total].kind
                        terms = [(total, w(p))]
                        for q in parts:
                            terms.append((self._cell(ns, rest[:pos] + (q,) + rest[pos:], col, kind), -w(q)))
                        self._emit(terms, f"{where}: {col} of {p} = the {'weighted ' if rel.weights else ''}sum "
                                          f"of {', '.join(parts)}")
            return
        mem = {c: tuple(v) for c, v in rel.members} if rel.members is not None else None
        exc = {c: set(v) for c, v in rel.exclude}
        tot = dict(rel.total)
        if rel.by is not None:
            by = rel.by
        elif mem is not None:  # the columns neither the total nor the members fix
            by = tuple(k for k in ns.key if k not in mem and k not in exc and k not in tot)
        else:
            by = tuple(k for k in ns.key if k not in tot and k not in exc)
        check([c for c in list(tot) + list(mem or {}) + list(exc) if not c.startswith("_")] + list(by))

        def val(key, c):  # a key column, or a helper the rows carry (membership of a pool)
            return key[idx[c]] if c in idx else str(ns.helpers.get(key, {}).get(c))

        groups = defaultdict(lambda: ([], []))
        for key in ns.rows:
            g = tuple(key[idx[b]] for b in by)
            if all(val(key, c) == v for c, v in tot.items()):
                groups[g][0].append(key)
            elif any(val(key, c) in vals for c, vals in exc.items()):
                continue
            elif mem is None or all(val(key, c) in vals for c, vals in mem.items()):
                groups[g][1].append(key)
        enumerable = mem is not None and not rel.others and all(c in mem for c in ns.key if c not in by) \
            and all(c in idx for c in mem)
        for g, (totals, members) in sorted(groups.items()):
            if rel.type == "parts":
                self._parts(rel, ns, g, members, where)
                continue
            if not members or not (totals or rel.total_unknown):
                continue
            if enumerable:  # every listed member is in the sum: a row, or an unknown no table shows
                listed = []
                for combo in itertools.product(*mem.values()):
                    k = [""] * len(ns.key)
                    for b, v in zip(by, g):
                        k[idx[b]] = v
                    for c, v in zip(mem, combo):
                        k[idx[c]] = v
                    listed.append(tuple(k))
                members = sorted(set(members) | set(listed))
            if not totals:  # total_unknown: the group's total, published nowhere
                k = list(members[0])
                for c, v in tot.items():
                    k[idx[c]] = v
                totals = [tuple(k)]
            for col in rel.columns:
                sense, of = rel.sense, members
                if not enumerable:  # the members are the rows a table publishes the column in (below)
                    sense, of = _published_members(ns, members, col, rel.sense)
                    if not of:
                        continue
                for tkey in totals:
                    tcell = self._cell(ns, tkey, col)
                    if not self.system.cells[tcell].published and not rel.total_unknown:
                        continue
                    kind = self.system.cells[tcell].kind
                    terms = [(tcell, 1.0)] + [(self._cell(ns, m, col, kind), -1.0) for m in of]
                    if rel.others:
                        terms.append((self._cell(ns, tkey, col + "#resten", kind), -1.0))
                    self._emit(terms, f"{where}: {col} of {dict(tot)} {'=' if sense == 'eq' else '>='} the sum of "
                                      "its members", sense)

    def _parts(self, rel: Relation, ns: _Namespace, g: tuple, members: list, where: str) -> None:
        """Member rows' implied counts add up to a whole that the rows carry as a helper."""
        if not members:
            return
        col = rel.columns[0]
        wholes = {number(ns.helpers.get(m, {}).get(rel.whole)) for m in members}
        wholes.discard(None)
        if len(wholes) != 1:
            raise SpecError(f"{where}: parts of {col}: the rows of {g} carry different wholes in {rel.whole}")
        whole = wholes.pop()
        same = None
        if rel.same_as:
            column, sets = rel.same_as
            key = tuple(dict(sets).get(k, v) for k, v in zip(ns.key, members[0]))
            same = self.system.cells.get(ns.rows.get(key, {}).get(column))
        if same is not None and same.value == whole:
            ident = same.ident  # the whole is a published count (the group's persons): that cell
        else:  # not published as such: taken as known to an attacker (it is near the group's persons)
            ident = (ns.name, ("#whole",) + g + tuple(sorted(set(m for mk in members for m in mk))), rel.whole)
            self._add_cell(ident, "persons", whole, None, known=True)
        self._emit([(ident, 1.0)] + [(self._cell(ns, m, col), -1.0) for m in sorted(members)],
                   f"{where}: {col} of {len(members)} rows adds up to {rel.whole}")

    def _check_relations(self) -> None:
        for terms, what, sense in self.system.relations:
            values = [self.system.cells[i].value for i, _ in terms]
            if any(v is None for v in values):
                continue
            s = sum(v * coef for v, (_, coef) in zip(values, terms))
            scale = max(1.0, max(abs(v) for v in values))
            if (abs(s) if sense == "eq" else -s) > 1e-6 * scale:
                ident = terms[0][0]
                raise SpecError(f"declared relation does not hold ({what}) at {'|'.join(ident[1])} of {ident[0]}: "
                                f"off by {s:g}")


def _selection(t: Table) -> bool:
    """A table whose rows are a selection of its space's (it proves no total's members complete)."""
    return t.spec.space is not None and t.spec.space.selection


def _published_members(ns: _Namespace, members: list, col: str, sense: str) -> tuple[str, list]:
    """A total's members that no declaration lists are the rows a table publishes the column in.
    A row that shows other columns only says nothing of this one: a municipality with sanctions
    but no recipients has no row where recipients are listed, and taking the rows that are there
    as all members would tell the attacker it had no sanctions. A table that lists all its rows
    (its zeros too, or only zeros left out) makes the sum exact; where only selections publish
    the column (the municipalities Jobindsats publishes), the total is at least their sum."""
    def shown(m, cols):
        return col in cols or col + "#n" in cols

    of = [m for m in members if shown(m, ns.rows.get(m, {}))]
    if any(shown(m, ns.listed.get(m, ())) for m in of):
        return sense, of
    return "ge", of


def build_system(tables: list[Table], spaces: dict[str, Space]) -> System:
    """The cells, relations and derived places of the tables (a SpecError names a
    declaration that contradicts the data)."""
    return _Builder(tables, spaces).build()
