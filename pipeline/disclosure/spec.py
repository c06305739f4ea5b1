"""What a published table declares for disclosure control, read from its metadata file.

Every column has a kind:

* ``key``, ``label``, ``text``, ``flag``, ``constant``: not cells (they name a row, or
  hold something that describes nobody, such as the number of weeks in a quarter);
* ``persons``: a frequency count;
* ``magnitude``: a sum over persons (hours, kroner, weeks, sanctions counted as
  events), with the column counting its contributors (``persons``) and, where the
  table carries it, the largest single contribution (``largest``) for the dominance
  rule;
* ``share``: numerator / denominator x ``scale`` (100, or 1 for a probability); the
  numerator is a column, or implied (then the count it implies, share x denominator,
  is a cell of its own); the denominator is a column, or the sum of some rows
  (``{sum: column, by: [...], exclude: {...}}``: a virtual total);
* ``mean``: numerator / denominator, a value per person (hours per person, age);
* ``derived``: computed from other cells (``from``), e.g. a rank, a change, a premium;
  ``cumulative: <column>`` when it also rests on every earlier row in that order (a
  Kaplan-Meier survival rests on every earlier week's events).

Relations are the linear equations (or inequalities) the published cells satisfy, that an
attacker can use: ``rows`` (a total row is the sum of member rows, per group; a listed
member no table shows is an unknown), ``margin`` (a column is the sum of other columns,
``sense: ge`` for at least), ``parts`` (member rows' implied counts add up to a whole the
attacker is taken to know, e.g. the persons with a sex given), ``recursion`` (next[k+1] =
next[k] - minus[k]) and ``periods`` (a year is the sum of its quarters, a quarter of its months, a
moving annual total of its four quarters; with ``weights: weeks`` each period weighs by its
number of weeks, for a value per week such as full-time persons). A table may put its
cells in a shared ``space``, so that the same cell published in two tables is one cell, and
a space's relations hold over every table in it. Columns whose names start with ``_`` are
helpers for these rules (contributors, largest contributions, membership): never published.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PLAIN_KINDS = frozenset({"key", "label", "text", "flag", "constant"})
COUNT_KINDS = frozenset({"persons", "magnitude"})
CELL_KINDS = frozenset({"persons", "magnitude", "share", "mean", "derived"})
KINDS = PLAIN_KINDS | CELL_KINDS
RELATION_TYPES = ("rows", "margin", "parts", "recursion", "periods")
REPORT_KEYS = {"label", "unit", "decimals", "scaled"}  # read by the report, not by disclosure control
COLUMN_KEYS = {"kind", "of", "scale", "persons", "largest", "per_person_max", "from", "cumulative", "by_row"} | REPORT_KEYS


class SpecError(ValueError):
    """A declaration that cannot be right (names the file and the key)."""


@dataclass(frozen=True)
class Ref:
    """A cell another cell rests on: a column of the same row, or with some key values set
    (a column of another row of the same space, e.g. hele landet's)."""

    column: str
    set: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class VirtualSum:
    """A denominator that is no column: the sum of `column` over the rows of a group."""

    column: str
    by: tuple[str, ...]
    exclude: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def group(self, row: dict) -> tuple[str, ...]:
        return tuple(str(row.get(b)) for b in self.by)

    def members(self, rows: list[dict]) -> dict[tuple[str, ...], list[int]]:
        """Each group's member rows (their places, in order), the excluded rows left out; one pass."""
        excluded = {c: set(vals) for c, vals in self.exclude}
        groups: dict = {}
        for j, r in enumerate(rows):
            if not any(str(r.get(c)) in vals for c, vals in excluded.items()):
                groups.setdefault(self.group(r), []).append(j)
        return groups


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    kind: str
    persons: str | None = None  # magnitude: contributors (a count column, or a share: its implied count)
    largest: str | None = None  # magnitude: the largest single contribution
    per_person_max: float | None = None  # magnitude without contributors: the most one person adds
    num: str | None = None  # share/mean: numerator column (None: implied)
    den: str | VirtualSum | None = None  # share/mean: denominator column or a virtual sum
    scale: float = 100.0  # share: 100 (percent) or 1 (a fraction)
    rests_on: tuple[Ref, ...] = ()  # derived
    cumulative: str | None = None  # derived: also every earlier row in this order
    by_row: tuple = ()  # ((key column, value, ColumnSpec), ...): another kind on those rows (long tables)

    def for_row(self, row: dict) -> "ColumnSpec":
        for col, value, spec in self.by_row:
            if str(row.get(col)) == value:
                return spec
        return self

    @property
    def is_cell(self) -> bool:
        return self.kind in CELL_KINDS


@dataclass(frozen=True)
class Relation:
    type: str
    columns: tuple[str, ...] = ()  # the cells it holds for (a share stands for its implied count)
    by: tuple[str, ...] | None = None  # rows/recursion/periods: groups (default: the other key columns)
    column: str | None = None  # rows/periods: the key column that varies; recursion: the order
    total: tuple[tuple[str, str], ...] = ()  # rows: the total row; margin: ((total column, ""), *key values set)
    members: tuple[tuple[str, tuple[str, ...]], ...] | None = None  # rows/parts: filter; None = the rest
    exclude: tuple[tuple[str, tuple[str, ...]], ...] = ()  # rows: neither total nor member; margin, periods: rows left out
    member_columns: tuple[str, ...] = ()  # margin
    next: str | None = None  # recursion
    minus: tuple[str, ...] = ()  # recursion
    sense: str = "eq"  # eq: sum = 0; ge: sum >= 0 (the total is at least the members)
    total_unknown: bool = False  # rows: a group without a total row still has one, unpublished
    others: bool = False  # rows: the members listed are not all; an unknown rest completes the sum
    whole: str | None = None  # parts: the helper column holding the whole
    same_as: tuple | None = None  # parts: (column, key values set): the count the whole equals where it does
    weights: str | None = None  # periods: 'weeks' when the cells are per week of the period (full-time persons)


@dataclass(frozen=True)
class SpaceRef:
    """Where a table's cells live in a shared space: the space's key columns from the table's
    columns (`key`) or constants (`set`), values renamed (`rename`), columns renamed (`columns`)."""

    name: str
    key: tuple[tuple[str, str], ...] = ()
    set: tuple[tuple[str, str], ...] = ()
    rename: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    columns: tuple = ()  # ((table column, (space column, key values set)), ...)
    selection: bool = False  # the table shows a selection of the space's rows, not all of a total's members


@dataclass(frozen=True)
class Space:
    name: str
    key: tuple[str, ...]
    columns: dict = field(default_factory=dict)  # column name -> ColumnSpec (defaults for tables)
    relations: tuple[Relation, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    id: str
    key: tuple[str, ...]
    columns: dict  # column name -> ColumnSpec
    relations: tuple[Relation, ...] = ()
    space: SpaceRef | None = None


def _pairs(d, where: str) -> tuple:
    if d is None:
        return ()
    if not isinstance(d, dict):
        raise SpecError(f"{where}: expected a mapping, got {d!r}")
    return tuple((str(k), str(v)) for k, v in d.items())


def _filters(d, where: str) -> tuple:
    """{column: value or [values]} -> ((column, (values...)), ...)"""
    if d is None:
        return ()
    if not isinstance(d, dict):
        raise SpecError(f"{where}: expected a mapping of column -> value(s), got {d!r}")
    return tuple((str(k), tuple(str(x) for x in (v if isinstance(v, list) else [v]))) for k, v in d.items())


def _tuple(v, where: str) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        return (v,)
    if not isinstance(v, list):
        raise SpecError(f"{where}: expected a list, got {v!r}")
    return tuple(str(x) for x in v)


def parse_column(name: str, d: dict | str, where: str, inherited: ColumnSpec | None = None) -> ColumnSpec:
    if isinstance(d, str):
        d = {"kind": d}
    unknown = set(d) - COLUMN_KEYS
    if unknown:
        raise SpecError(f"{where}: column {name}: unknown key(s) {', '.join(sorted(unknown))} "
                        f"(known: {', '.join(sorted(COLUMN_KEYS))})")
    if "kind" not in d and inherited is not None:
        return inherited
    kind = d.get("kind")
    if kind not in KINDS:
        raise SpecError(f"{where}: column {name}: kind must be one of {', '.join(sorted(KINDS))}, got {kind!r}")
    num = den = None
    if kind in ("share", "mean"):
        of = d.get("of")
        if not isinstance(of, list) or len(of) != 2:
            raise SpecError(f"{where}: column {name}: a {kind} needs of: [numerator or null, denominator]")
        num = of[0]
        if isinstance(of[1], dict):
            s = of[1].get("sum")
            if s is None:
                raise SpecError(f"{where}: column {name}: a virtual denominator is {{sum: column, by: [...]}}")
            den = VirtualSum(str(s), _tuple(of[1].get("by"), where), _filters(of[1].get("exclude"), where))
        else:
            den = of[1]
    if kind == "magnitude" and not (d.get("persons") or d.get("per_person_max")):
        raise SpecError(f"{where}: column {name}: a magnitude needs persons (the column counting its contributors) "
                        "or per_person_max (the most one person can add)")
    rests = []
    for r in d.get("from", []) or []:
        rests.append(Ref(str(r)) if isinstance(r, str) else Ref(str(r["column"]), _pairs(r.get("set"), where)))
    by_row = tuple((str(col), str(value), parse_column(name, spec, where))
                   for col, values in (d.get("by_row") or {}).items() for value, spec in values.items())
    ppm = d.get("per_person_max")
    return ColumnSpec(name=name, kind=kind, persons=d.get("persons"), largest=d.get("largest"),
                      per_person_max=None if ppm is None else float(ppm), num=num, den=den,
                      scale=float(d.get("scale", 100)), rests_on=tuple(rests), cumulative=d.get("cumulative"),
                      by_row=by_row)


def parse_relation(d: dict, where: str) -> Relation:
    types = [t for t in RELATION_TYPES if t in d]
    if len(types) != 1:
        raise SpecError(f"{where}: a relation is one of {', '.join(RELATION_TYPES)}: {d!r}")
    t = types[0]
    body = d[t] or {}
    columns = _tuple(d.get("columns"), where)
    by = _tuple(body["by"], where) if "by" in body else None
    if t == "rows":
        if "total" not in body:
            raise SpecError(f"{where}: a rows relation needs total: {{column: value}}")
        members = body.get("members", "rest")
        sense = str(body.get("sense", "eq"))
        if sense not in ("eq", "ge"):
            raise SpecError(f"{where}: a relation's sense is eq or ge, got {sense!r}")
        return Relation(type=t, columns=columns, by=by, total=_pairs(body["total"], where), sense=sense,
                        members=None if members == "rest" else _filters(members, where),
                        exclude=_filters(body.get("exclude"), where),
                        total_unknown=bool(body.get("total_unknown")), others=bool(body.get("others")))
    if t == "margin":
        sense = str(body.get("sense", "eq"))
        if sense not in ("eq", "ge"):
            raise SpecError(f"{where}: a margin's sense is eq or ge, got {sense!r}")
        total = body["total"]  # a column of the row, or {column, set}: of another row (the cohort's week 0)
        column, sets = (str(total), ()) if isinstance(total, str) else (str(total["column"]), _pairs(total.get("set"), where))
        return Relation(type=t, columns=(), total=((column, ""),) + sets, sense=sense,
                        member_columns=_tuple(body["members"], where), exclude=_filters(body.get("exclude"), where))
    if t == "parts":
        return Relation(type=t, columns=(str(body["column"]),), by=by, members=_filters(body["members"], where),
                        whole=str(body["whole"]), same_as=_column_ref(body.get("same_as"), where))
    if t == "recursion":
        return Relation(type=t, by=by, column=str(body["order"]), next=str(body["next"]),
                        minus=_tuple(body["minus"], where))
    weights = body.get("weights")
    if weights not in (None, "weeks"):
        raise SpecError(f"{where}: a periods relation's weights are 'weeks' (a mean over the period's weeks), "
                        f"got {weights!r}")
    return Relation(type=t, columns=columns, by=by, column=str(body.get("column", "periode")), weights=weights,
                    exclude=_filters(body.get("exclude"), where))


def _column_ref(d, where: str) -> tuple | None:
    """A column of the same row, or {column, set}: of the row with those key values."""
    if d is None:
        return None
    return (str(d), ()) if isinstance(d, str) else (str(d["column"]), _pairs(d.get("set"), where))


def parse_space_ref(d, where: str) -> SpaceRef | None:
    if d is None:
        return None
    if isinstance(d, str):
        return SpaceRef(name=d)
    rename = tuple((str(c), _pairs(m, where)) for c, m in (d.get("rename") or {}).items())
    columns = []
    for c, m in (d.get("columns") or {}).items():  # a column -> a space column, maybe of another row
        columns.append((str(c), (str(m), ()) if isinstance(m, str) else (str(m["column"]), _pairs(m.get("set"), where))))
    return SpaceRef(name=str(d["name"]), key=_pairs(d.get("key"), where), set=_pairs(d.get("set"), where),
                    rename=rename, columns=tuple(columns), selection=bool(d.get("selection", False)))


def parse_space(d: dict, where: str) -> Space:
    columns = {n: parse_column(n, c, where) for n, c in (d.get("columns") or {}).items()}
    return Space(name=str(d["name"]), key=_tuple(d["key"], where), columns=columns,
                 relations=tuple(parse_relation(r, where) for r in d.get("relations", []) or []))


def parse_table(table_id: str, meta: dict, where: str, spaces: dict[str, Space] | None = None) -> TableSpec:
    """The disclosure declarations of one table from its metadata (columns, key, relations,
    space); columns the table does not declare take their space's declaration."""
    space = parse_space_ref(meta.get("space"), where)
    columns = {}
    if space is not None:
        if spaces is None or space.name not in spaces:
            raise SpecError(f"{where}: space {space.name!r} is defined by no model (defines_space)")
        columns.update(spaces[space.name].columns)
    for name, d in (meta.get("columns") or {}).items():
        columns[name] = parse_column(name, d, where, columns.get(name))
        if columns[name] is None:
            raise SpecError(f"{where}: column {name} has no kind")
    for c in columns.values():
        for dep in (c.persons, c.num, c.den if isinstance(c.den, str) else None):
            if dep is not None and dep not in columns and not dep.startswith("_"):
                raise SpecError(f"{where}: column {c.name} rests on {dep}, which the table does not declare")
    return TableSpec(id=table_id, key=_tuple(meta.get("key"), where), columns=columns,
                     relations=tuple(parse_relation(r, where) for r in meta.get("relations", []) or []),
                     space=space)
