"""The report's tables, read from the metadata beside each SQL model (sql/marts/<id>.yml, and
a researcher's own folder): what each shows, in which chapter and order, with which notes.

`render` turns each into a section with the reproduced values beside the published ones
(assets/reference/published_numbers.csv), a figure, the SQL that made it, and its notes.
Titles and notes may use the run's parameters ({reference_week}, ...) and SQL variables.
The chapters, the bibliography and the names of coded values are reference data in
assets/reference/ (chapters.yml, publications.yml, labels.csv).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline import REFERENCE, weeks
from pipeline.disclosure.spec import REPORT_KEYS
from pipeline.models import Model, ModelError, discover, load_yaml, marts, upstream


class Params(dict):
    """The run's parameters for titles and notes; one the run did not record (a partial
    --select run) stays visible as {name} instead of failing. Weeks and quarters read as Danish
    statistics write them (uge 20 2014, 2014K2); `machine()` gives them as stored (for filters)."""

    def __missing__(self, key):
        return "{" + key + "}"

    def __getitem__(self, key):
        value = super().__getitem__(key)  # a list of codes (kth,revalidering) reads as their names
        if isinstance(value, str) and "," in value:
            return ", ".join(named(weeks.danish(v.strip())) for v in value.split(","))
        value = weeks.danish(value)
        return named(value) if isinstance(value, str) else value

    def machine(self) -> dict:
        return _Machine(self)


class _Machine(dict):
    def __missing__(self, key):
        return "{" + key + "}"


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    share: bool  # not scaled for synthetic data (a share, mean, rank); False: a count, scaled
    decimals: int = 1  # decimals shown (a probability 0-1 wants more)
    unit: str = ""
    kind: str = "persons"  # the disclosure kind: share, persons, magnitude, mean, derived, constant ...


@dataclass(frozen=True)
class ReportTable:
    id: str
    title: str
    source: str  # the citation, as a reader sees it
    sql: str  # the model's file, relative to the project (or absolute for a researcher's own)
    inputs: str  # upstream tables, for the lineage line
    columns: tuple[Column, ...]
    figure: tuple[tuple[str, str], ...]  # (column, panel title) pairs shown in the figure
    figure_title: str
    notes: tuple[str, ...] = field(default_factory=tuple)
    kind: str = "bars"  # bars | lines | ranking | stacked | matrix | scatter
    x: str = "aar"  # lines: the x column
    series: str = "gruppe"  # lines: one line per value of this column
    only: tuple[str, object] | None = None  # (column, value or values, may name a parameter): rows the figure shows
    xlabel: str = "Anciennitet på ydelsen, hele år (10 = ti år og derover)"
    collapse_table: bool = False  # long tables (98 municipalities ...): figure first, the table scrolls in its box
    key: tuple[str, ...] = ("kategori",)  # the columns that name a row (published_numbers.csv joins them by "|")
    row_header: str = "Ydelse"
    label_columns: tuple[str, ...] = ()  # tables without a label column: the row label is these values
    percent: bool = True  # lines: the y axis is a percentage (0-100); else counts or probabilities
    html_every: int = 1  # long curves: the HTML table shows every n-th x (the files have all)
    stack: tuple[str, ...] = ()  # kind "stacked": the share columns stacked; panels by `series`
    chapter: str = "egne"
    order: int = 0
    sort_by_size: str | None = None  # the report lists the rows by this column's size, largest first (hidden last)
    html_rows: int | None = None  # the HTML shows the first n rows (after sort_by_size); the files have all
    compare_with: tuple[tuple[str, str], ...] = ()  # (column, column): the second is the first's "published" value
    meta: dict = field(default_factory=dict, compare=False, hash=False)  # the whole metadata (disclosure reads it)


FIGURE_KINDS = ("bars", "lines", "ranking", "stacked", "matrix", "scatter")
REQUIRED = ("title", "key", "columns")
TABLE_KEYS = {"description", "title", "source", "chapter", "order", "key", "label_columns", "row_header", "collapse",
              "html_every", "columns", "figure", "notes", "relations", "space", "defines_space", "partitions",
              "sort_by_size", "html_rows", "compare_with"}


@lru_cache(maxsize=1)
def publications() -> dict:
    return load_yaml((REFERENCE / "publications.yml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def chapters() -> tuple[tuple[str, str], ...]:
    return tuple((c["id"], c["title"]) for c in load_yaml((REFERENCE / "chapters.yml").read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def value_labels() -> dict:
    """Readable names of coded values (kth -> Kontanthjælp), for labels and legends."""
    with open(REFERENCE / "labels.csv", encoding="utf-8") as f:
        return {r["vaerdi"]: r["navn"] for r in csv.DictReader(f)}


_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


@lru_cache(maxsize=1)
def internal_codes() -> dict[str, str]:
    """The coded values a reader must never see as codes, with their names: those with an
    underscore (kth_aktivitetsparat), a name's word spelt without æ, ø, å (foertidspension), or an
    abbreviation (kth, udh). A code that is itself a Danish word (jobparat, uoplyst) is not one of them."""
    out = {}
    for code, name in value_labels().items():
        words = name.lower().split()
        if "_" in code or (code not in words and (len(code) <= 3 or code in {w.translate(_ASCII) for w in words})):
            out[code] = name
    return out


def named(text: str) -> str:
    """text with every internal code in it replaced by its name ("kth_jobparat, Dansk oprindelse"
    -> "Kontanthjælp, jobparate, Dansk oprindelse")."""
    codes = internal_codes()
    return re.sub(r"[a-z0-9_]+", lambda m: codes.get(m.group(0), m.group(0)), text)


def cite(source: dict | None) -> str:
    """A table's source as a reader reads it: the publication (title, publisher, year), where
    in it, the data, and a note."""
    if not source:
        return ""
    parts = []
    pub = source.get("publication")
    if pub:
        p = publications().get(pub)
        if p is None:
            raise ModelError(f"source.publication {pub!r} is not in assets/reference/publications.yml")
        parts.append(f"{p['title']} ({p['publisher']}, {p['year']})" + (f", {source['ref']}" if source.get("ref") else ""))
    elif source.get("ref"):
        parts.append(source["ref"])
    if source.get("note"):
        parts.append(source["note"])
    if source.get("data"):
        parts.append(f"data: {source['data']}")
    return "; ".join(parts)


def _space_kinds(models: tuple[Model, ...]) -> dict[str, dict[str, str]]:
    """space name -> column -> kind, from the models that define a space: a table in a space
    may leave its columns' kinds to it (a share there is not scaled as a count)."""
    out = {}
    for m in models:
        d = m.meta.get("defines_space")
        if d:
            out[str(d["name"])] = {str(k): str(v if isinstance(v, str) else v.get("kind", "persons"))
                                   for k, v in (d.get("columns") or {}).items()}
    return out


def _report_table(m: Model, models: tuple[Model, ...]) -> ReportTable:
    meta, where = m.meta, m.path.with_suffix(".yml")
    missing = [k for k in REQUIRED if k not in meta]
    if missing:
        raise ModelError(f"{where}: missing {', '.join(missing)} (see docs/EXTENDING.md)")
    unknown = set(meta) - TABLE_KEYS
    if unknown:
        raise ModelError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    chapter = meta.get("chapter", "egne")
    if chapter not in dict(chapters()):
        raise ModelError(f"{where}: chapter {chapter!r} is not in assets/reference/chapters.yml")
    columns = []
    space = meta.get("space")
    in_space = _space_kinds(models).get(str(space["name"] if isinstance(space, dict) else space), {}) if space else {}
    for name, c in meta["columns"].items():
        c = {"kind": c} if isinstance(c, str) else (c or {})
        if "label" in c:
            kind = c.get("kind", in_space.get(name, "persons"))
            scaled = c.get("scaled", kind in ("persons", "magnitude"))
            columns.append(Column(name, str(c["label"]), not scaled, int(c.get("decimals", 1 if not scaled else 0)),
                                  str(c.get("unit", "")), kind))
    fig = meta.get("figure") or {}
    if fig and fig.get("kind", "bars") not in FIGURE_KINDS:
        raise ModelError(f"{where}: figure.kind must be one of {', '.join(FIGURE_KINDS)}")
    only = None
    if fig.get("only"):
        (col, vals), = fig["only"].items()
        only = (col, tuple(str(v) for v in vals) if isinstance(vals, list) else str(vals))
    panels = tuple((str(a), str(b)) for a, b in fig.get("panels", []))
    shown = {c.name for c in columns}
    compare_with = tuple((str(a), str(b)) for a, b in (meta.get("compare_with") or {}).items())
    for a, b in compare_with:
        if a not in shown or b not in meta["columns"]:
            raise ModelError(f"{where}: compare_with {a}: {b} needs a shown column (with a label) and a column")
    if meta.get("sort_by_size") and meta["sort_by_size"] not in shown:
        raise ModelError(f"{where}: sort_by_size {meta['sort_by_size']!r} is not a shown column (with a label)")
    defaults = ReportTable.__dataclass_fields__
    return ReportTable(
        id=m.name, title=str(meta["title"]), source=cite(meta.get("source")), sql=m.sql_path(),
        inputs=", ".join(upstream(m, models)), columns=tuple(columns), figure=panels,
        figure_title=str(fig.get("title", meta["title"])), notes=tuple(str(n) for n in meta.get("notes", [])),
        kind=str(fig.get("kind", "bars")) if panels else "none", x=str(fig.get("x", defaults["x"].default)),
        series=str(fig.get("series", defaults["series"].default)), only=only,
        xlabel=str(fig.get("xlabel", defaults["xlabel"].default)), collapse_table=bool(meta.get("collapse", False)),
        key=tuple(meta["key"]), row_header=str(meta.get("row_header", "Ydelse")),
        label_columns=tuple(meta.get("label_columns", ())), percent=bool(fig.get("percent", True)),
        html_every=int(meta.get("html_every", 1)), stack=tuple(fig.get("stack", ())), chapter=chapter,
        order=int(meta.get("order", 0)), sort_by_size=meta.get("sort_by_size"),
        html_rows=int(meta["html_rows"]) if meta.get("html_rows") else None, compare_with=compare_with, meta=meta)


def report_tables(extra: tuple[str, ...] = ()) -> tuple[ReportTable, ...]:
    """Every table of the report, in chapter order (then each table's order, then its id)."""
    models = discover(extra)
    ids = [c for c, _ in chapters()]
    tables = [_report_table(m, models) for m in marts(extra)]
    return tuple(sorted(tables, key=lambda t: (ids.index(t.chapter), t.order, t.id)))


def chapter_title(chapter: str) -> str:
    return dict(chapters()).get(chapter, "Øvrige tabeller")


@lru_cache(maxsize=1)
def published_numbers() -> dict:
    """table id -> {(row, column): (value, note)} from assets/reference/published_numbers.csv, read once
    (its source lines are for the project's own tests)."""
    out: dict = {}
    with open(REFERENCE / "published_numbers.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            out.setdefault(r["table_id"], {})[(r["row"], r["column"])] = (float(r["value"]), r.get("note") or "")
    return out


__all__ = ["Column", "Params", "ReportTable", "REPORT_KEYS", "chapter_title", "chapters", "cite", "internal_codes",
           "named", "published_numbers", "report_tables", "value_labels"]
