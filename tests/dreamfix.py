"""Hand-made DREAM and visitation extracts for the tests, written independently of
the synthetic generator: persons are lists of (code, first week, last week)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import weeks


def matrix(persons: dict, first: int, last: int) -> np.ndarray:
    m = np.zeros((len(persons), last - first + 1), dtype=np.int16)
    for i, segs in enumerate(persons.values()):
        for code, a, b in segs:
            a, b = max(a, first), min(b, last)  # weeks outside the extract are not in it
            if a <= b:
                m[i, a - first: b - first + 1] = code
    return m


def _write(table: pa.Table, path: Path, fmt: str, delimiter: str = ",", encoding: str = "utf-8",
           decimal_comma: bool = False) -> None:
    if fmt == "parquet":
        pq.write_table(table, path)
        return
    with open(path, "w", newline="", encoding=encoding) as f:
        w = csv.writer(f, delimiter=delimiter)
        w.writerow(table.column_names)
        for row in zip(*[c.to_pylist() for c in table.columns]):
            out = []
            for v in row:
                if v is None:
                    out.append("")
                elif decimal_comma and isinstance(v, int) and not isinstance(v, bool):
                    out.append(f"{v},0")
                else:
                    out.append(v)
            w.writerow(out)


def write_dream(folder: Path, persons: dict, first: int, last: int, layout: str = "wide", fmt: str = "parquet",
                delimiter: str = ",", encoding: str = "utf-8", decimal_comma: bool = False,
                kommune: dict | None = None, foedselsaar: dict | None = None) -> None:
    """kommune: {pnr: municipality code}, written as nykomYYYY for every year (wide layout);
    foedselsaar: {pnr: birth year} (default 1960, 1961, ... in order)."""
    folder.mkdir(parents=True, exist_ok=True)
    m = matrix(persons, first, last)
    n = len(persons)
    base = {"pnr": list(persons), "koen": [1 + i % 2 for i in range(n)],
            "foedselsaar": [(foedselsaar or {}).get(p, 1960 + i) for i, p in enumerate(persons)],
            "herkomst": [1 + i % 5 for i in range(n)]}
    ext = "parquet" if fmt == "parquet" else "csv"
    kw = dict(delimiter=delimiter, encoding=encoding, decimal_comma=decimal_comma)
    if layout == "wide":
        cols = dict(base)
        if kommune:
            for year in range(weeks.iso(first)[0], weeks.iso(last)[0] + 1):
                cols[f"nykom{year}"] = [kommune.get(p) for p in persons]
        for j in range(m.shape[1]):
            cols[weeks.wide_column(first + j)] = pa.array(m[:, j], mask=m[:, j] == 0)
        _write(pa.table(cols), folder / f"dream.{ext}", fmt, **kw)
        return
    (folder / "dream").mkdir(exist_ok=True)
    for year in range(weeks.iso(first)[0], weeks.iso(last)[0] + 1):
        cols = dict(base)
        cols[f"nykom{year}"] = [101] * n
        for wk in range(1, 54):
            col = np.zeros(n, dtype=np.int16)
            if wk <= weeks.weeks_in_year(year):
                j = weeks.week_index(year, wk) - first
                if 0 <= j < m.shape[1]:
                    col = m[:, j]
            cols[f"y_{wk:02d}"] = pa.array(col, mask=col == 0)
        _write(pa.table(cols), folder / "dream" / f"dream{year}.{ext}", fmt, **kw)


def write_visitation(folder: Path, records: list[dict], fmt: str = "parquet") -> None:
    table = pa.table({k: [r.get(k) for r in records] for k in ("pnr", "fra_dato", "til_dato", "ydelse", "kategori")},
                     schema=pa.schema([("pnr", pa.string()), ("fra_dato", pa.date32()), ("til_dato", pa.date32()),
                                       ("ydelse", pa.string()), ("kategori", pa.string())]))
    _write(table, folder / f"visitation.{'parquet' if fmt == 'parquet' else 'csv'}", fmt)


def write_sanctions(folder: Path, rows: list[tuple], delimiter: str = ",") -> None:
    """rows: (pnr, dato, ydelse, sanktionstype, kommune), written as CSV as given."""
    lines = [delimiter.join(["pnr", "dato", "ydelse", "sanktionstype", "kommune"])]
    lines += [delimiter.join("" if v is None else str(v) for v in r) for r in rows]
    (folder / "sanctions.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_activation(folder: Path, rows: list[tuple], delimiter: str = ",", decimal_comma: bool = False) -> None:
    """rows: (pnr, start, slut or None, tilbud, sektor or None, timer_pr_uge), municipality 101."""
    lines = [delimiter.join(["pnr", "start", "slut", "tilbud", "sektor", "timer_pr_uge", "kommune"])]
    for pnr, start, slut, tilbud, sektor, timer in rows:
        t = f"{timer:.1f}".replace(".", ",") if decimal_comma else f"{timer:.1f}"
        lines.append(delimiter.join([pnr, start.isoformat(), slut.isoformat() if slut else "", tilbud, sektor or "", t,
                                     "101"]))
    (folder / "activation.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
