"""The checks every report table gets from its metadata (no code per table): its row key is
unique, its shares lie within their bounds, and the relations it declares (and those of its
space, as far as its own rows go) hold on its exact values."""

from __future__ import annotations

import sys
from functools import lru_cache

import duckdb

from pipeline import cache
from pipeline.disclosure.cells import Table, build_system, number
from pipeline.disclosure.spec import SpecError, parse_table
from pipeline.models import discover
from pipeline.report.catalogue import report_tables
from pipeline.report.publication import spaces, table_rows


@lru_cache(maxsize=1)
def _code() -> str:
    from pipeline.disclosure import cells, spec
    from pipeline.report import publication

    return cache.key(cache.source_of(cells, spec, publication, sys.modules[__name__]))


def check_declarations(con: duckdb.DuckDBPyConnection, table_id: str, extra: tuple[str, ...] = (),
                       store: cache.Cache | None = None) -> list[str]:
    """The problems found; with a store, a table whose rows, declarations and checking code are
    those of an earlier run's gets that run's answer (a new delivery leaves most tables as they were)."""
    spec = next(t for t in report_tables(extra) if t.id == table_id)
    names, rows = table_rows(con, table_id)
    store = store or cache.Cache(None)
    k = cache.key(_code(), table_id, names, rows, spec.meta,
                  [m.meta.get("defines_space") for m in discover(extra) if m.meta.get("defines_space")])
    known = store.get("checks", k)
    if known is not None:
        return known
    problems = _problems(table_id, spec, names, rows, extra)
    store.put("checks", k, problems)
    return problems


def _problems(table_id: str, spec, names: list[str], rows: list[dict], extra: tuple[str, ...]) -> list[str]:
    problems = []
    key = [k for k in spec.key if k in names]
    if len(key) != len(spec.key):
        problems.append(f"key column(s) {', '.join(set(spec.key) - set(names))} are not in the table")
    seen = {}
    for i, r in enumerate(rows):
        k = tuple(r[c] for c in key)
        if k in seen:
            problems.append(f"rows {seen[k] + 1} and {i + 1} have the same key {k}")
        seen[k] = i
    sp = spaces(extra)
    try:
        tspec = parse_table(table_id, spec.meta, spec.sql.replace(".sql", ".yml"), sp)
    except SpecError as e:
        return problems + [str(e)]
    for name, c in tspec.columns.items():
        if name not in names:
            continue
        for i, r in enumerate(rows):
            c_row = c.for_row(r)
            v = number(r[name])
            if c_row.kind == "share" and v is not None and not -1e-9 <= v <= c_row.scale + 1e-9:
                problems.append(f"row {i + 1}: {name} = {v:g} is outside 0-{c_row.scale:g}")
            if c_row.kind in ("persons", "magnitude") and v is not None and v < 0:
                problems.append(f"row {i + 1}: {name} = {v:g} is negative")
    try:
        build_system([Table(table_id, names, rows, tspec)], sp)
    except SpecError as e:
        problems.append(str(e))
    return problems
