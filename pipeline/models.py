"""The SQL models: discovered from sql/ (and a researcher's own folder), read, not listed.

Every `.sql` file under `sql/core`, `sql/marts`, `sql/quality` (and `--models DIR`) is a
model. Parsing it (sqlglot, DuckDB dialect) tells which tables and views it makes (each one
an asset), which table macros it defines, and which tables and macros it reads: those are
its upstream assets. Its metadata stands beside it in `<name>.yml` (title, source, columns,
relations for disclosure control, figure, notes); its description is the metadata's
`description` or the first paragraph of the file's header comment.

A model that reads a table no asset makes is an error when the definitions load, naming
the file and the table.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import sqlglot
import yaml
from sqlglot import exp

from pipeline import SQL_DIR
from pipeline.errors import AlmpError

logging.getLogger("sqlglot").setLevel(logging.ERROR)  # "RESET ..." parses as a command: fine

LAYERS = ("core", "marts", "quality")

# The tables the Python assets make (ingestion): asset name -> tables.
PYTHON_TABLES = {
    "dream": ("persons", "kommune_runs", "person_kommune", "dream_runs", "dream_extract"),
    "code_list": ("codes", "categories", "kommuner", "codes_validity"),
    "visitation": ("visitation",),
    "activation": ("activation",),
    "sanctions": ("sanctions",),
    "loentimer": ("loentimer",),
    "jobindsats": ("jobindsats", "jobindsats_files", "jobindsats_ydelser", "jobindsats_maalinger"),
}


class ModelError(AlmpError):
    """A model that cannot be wired: it names the file and what is wrong."""

    exit_code = 2


@dataclass(frozen=True)
class Model:
    path: Path
    layer: str  # core | marts | quality | own
    tables: tuple[str, ...]  # the tables and views it makes, in order
    macros: tuple[str, ...]  # the table macros it defines
    reads: tuple[str, ...]  # tables and views it reads (not its own, not temporary)
    calls: tuple[str, ...]  # table macros it calls (defined elsewhere or here)
    macro_reads: dict = field(default_factory=dict, hash=False, compare=False)  # macro -> tables its body reads
    meta: dict = field(default_factory=dict, hash=False, compare=False)
    description: str = ""
    variables: tuple[str, ...] | None = ()  # the SQL variables it reads (getvariable('...')); None: a name not literal

    @property
    def name(self) -> str:
        return self.path.stem

    def sql_path(self) -> str:
        """The file as the report and the asset metadata name it (relative to the project, or absolute)."""
        try:
            return str(self.path.relative_to(SQL_DIR.parent))
        except ValueError:
            return str(self.path)


def _header(text: str) -> str:
    """The first paragraph of the header comment, as one line."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        body = line[2:].strip()
        if not body:
            if lines:
                break
            continue
        lines.append(body)
    first = " ".join(lines)
    m = re.match(r"(.+?\.)(\s|$)", first)
    return (m.group(1) if m else first)[:300]


def load_yaml(text: str):
    """YAML as yaml.safe_load reads it, through libyaml when PyYAML has it (8x faster: the models'
    metadata is read at every start)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def parse_sql(path: Path, layer: str) -> Model:
    text = path.read_text(encoding="utf-8")
    try:
        statements = [s for s in sqlglot.parse(text, read="duckdb") if s is not None]
    except sqlglot.errors.ParseError as e:
        raise ModelError(f"{path}: cannot parse: {str(e).splitlines()[0]}") from None
    tables, macros, temp, reads, calls, macro_reads = [], [], set(), [], [], {}
    for s in statements:
        params: set = set()
        name = ""
        if isinstance(s, exp.Create):
            kind = (s.args.get("kind") or "").upper()
            props = s.args.get("properties")
            is_temp = props is not None and any(isinstance(p, exp.TemporaryProperty) for p in props.expressions)
            target = s.this
            if kind == "MACRO" or isinstance(target, exp.UserDefinedFunction):
                name = target.this.name if isinstance(target.this, exp.Table) else target.name
                params = {e.name for e in target.expressions}
                if not is_temp:
                    macros.append(name)
            else:
                name = target.this.name if isinstance(target, exp.Schema) else target.name
                (temp.add if is_temp else tables.append)(name)
        ctes = {c.alias_or_name for c in s.find_all(exp.CTE)}
        for t in s.find_all(exp.Table):
            if isinstance(t.this, exp.Anonymous):
                calls.append(t.this.name)
                continue
            if t.name and t.name not in ctes | temp | params | {name}:
                if name in macros:
                    macro_reads.setdefault(name, []).append(t.name)
                if t.name not in tables:
                    reads.append(t.name)
    meta_path = path.with_suffix(".yml")
    meta = {}
    if meta_path.exists():
        try:
            meta = load_yaml(meta_path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as e:
            raise ModelError(f"{meta_path}: not valid YAML: {e}") from None
        if not isinstance(meta, dict):
            raise ModelError(f"{meta_path}: expected a mapping of keys (title, columns, ...)")
    own = set(tables)
    return Model(path=path, layer=layer, tables=tuple(tables), macros=tuple(macros),
                 reads=tuple(dict.fromkeys(r for r in reads if r not in own)),
                 calls=tuple(dict.fromkeys(calls)), meta=meta,
                 macro_reads={k: tuple(dict.fromkeys(v)) for k, v in macro_reads.items()},
                 description=str(meta.get("description") or _header(text)), variables=variables_named(text))


_GETVARIABLE = re.compile(r"getvariable\(\s*'(\w+)'\s*\)", re.IGNORECASE)


def variables_named(text: str) -> tuple[str, ...] | None:
    """The variables SQL text reads, in order of first use; None if it reads one whose name is not
    a literal (it may read any)."""
    names = _GETVARIABLE.findall(text)
    if len(names) != len(re.findall(r"getvariable\s*\(", text, re.IGNORECASE)):
        return None
    return tuple(dict.fromkeys(names))


@lru_cache(maxsize=1)
def _shared_macro_variables() -> tuple[str, ...] | None:
    """The variables of sql/macros.sql: read once, not once per model asset."""
    return variables_named((SQL_DIR / "macros.sql").read_text(encoding="utf-8"))


def variables_read(model: Model, models: tuple[Model, ...]) -> frozenset[str] | None:
    """The variables a model's step must set: those it names, those of every model that defines a
    macro (a macro reads them where it is called) and those of macros.sql. None: all of them.
    Each SET VARIABLE is a statement (~0.3 ms): setting ~10, not all ~60, saves ~20 ms a step."""
    named = [model.variables, _shared_macro_variables(), *(m.variables for m in models if m.macros)]
    if any(v is None for v in named):
        return None
    return frozenset(n for v in named for n in v)


def model_folders(extra: tuple[str, ...] = ()) -> tuple[tuple[Path, str], ...]:
    return tuple((SQL_DIR / layer, layer) for layer in LAYERS) + tuple((Path(d).resolve(), "own") for d in extra)


@lru_cache(maxsize=8)
def discover(extra: tuple[str, ...] = ()) -> tuple[Model, ...]:
    """Every model of sql/ (and of the extra folders), checked: each table is made once and
    every table and macro a model reads is made by some asset."""
    models = []
    for folder, layer in model_folders(extra):
        if not folder.is_dir():
            raise ModelError(f"--models {folder}: no such folder")
        models += [parse_sql(p, layer) for p in sorted(folder.glob("*.sql"))]
    maker: dict[str, str] = {t: a for a, ts in PYTHON_TABLES.items() for t in ts}
    macro_of: dict[str, Model] = {}
    for m in models:
        for t in m.tables:
            if t in maker:
                raise ModelError(f"{m.path}: makes table {t}, which {maker[t]} makes too")
            maker[t] = m.name
        for mac in m.macros:
            macro_of[mac] = m
    for m in models:
        if m.layer in ("marts", "own") and m.tables != (m.name,):
            raise ModelError(f"{m.path}: a report table's model makes one table named as its file ({m.name}); "
                             f"it makes {', '.join(m.tables) or 'none'}")
        for t in m.reads:
            if t not in maker:
                raise ModelError(f"{m.path}: reads table {t}, which no model or ingestion asset makes")
        for c in m.calls:
            if c not in macro_of and c.lower() not in _BUILTIN_TABLE_FUNCTIONS:
                raise ModelError(f"{m.path}: calls table macro {c}, which no model defines")
    return tuple(models)


_BUILTIN_TABLE_FUNCTIONS = {"range", "generate_series", "unnest", "read_csv", "read_parquet", "read_csv_auto",
                            "read_json", "glob", "generate_subscripts", "query_table"}


def upstream(model: Model, models: tuple[Model, ...]) -> tuple[str, ...]:
    """The tables a model depends on: those it reads, and for each table macro it calls the
    tables the macro's body reads (one of them made by the macro's own model, so that the
    macro exists by then)."""
    macro_of = {mac: m for m in models for mac in m.macros}
    deps = list(model.reads)
    for c in model.calls:
        m = macro_of.get(c)
        if m is not None and m is not model:
            body = m.macro_reads.get(c, ())
            deps += list(body) if any(t in m.tables for t in body) else [*body, m.tables[0]]
    return tuple(dict.fromkeys(deps))


def table_owner(models: tuple[Model, ...]) -> dict[str, str]:
    """table -> the asset that makes it: the table itself for SQL models (one asset per table),
    the ingestion asset for the Python ones."""
    out = {t: a for a, ts in PYTHON_TABLES.items() for t in ts}
    for m in models:
        out.update({t: t for t in m.tables})
    return out


def marts(extra: tuple[str, ...] = ()) -> tuple[Model, ...]:
    """The report's tables: the models of sql/marts and the researcher's folders."""
    return tuple(m for m in discover(extra) if m.layer in ("marts", "own"))


def in_order(targets: list[str] | None = None, extra: tuple[str, ...] = ()) -> list[Model]:
    """The models the target tables need (default: every model), dependencies first: the order in
    which a plain runner (the fast tests, the benchmark) executes them without Dagster."""
    models = discover(extra)
    by_table = {t: m for m in models for t in m.tables}
    done, out = set(), []

    def visit(m: Model) -> None:
        if m.name in done:
            return
        done.add(m.name)
        for t in upstream(m, models):
            if t in by_table and by_table[t] is not m:
                visit(by_table[t])
        out.append(m)

    for t in targets or [t for m in models for t in m.tables]:
        visit(by_table[t])
    return out
