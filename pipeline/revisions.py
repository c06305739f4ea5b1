"""Revisions: the cells of the previous run's exact tables that a new delivery changed, and the rows
(periods) that are new or gone. Written to OUT/revisions.csv and shown in the report's
"Revisioner"; a row is found by its table's key columns (its metadata)."""

from __future__ import annotations

import csv
from pathlib import Path

COLUMNS = ["table_id", "noegle", "kolonne", "tidligere", "ny", "art"]


def _read(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def compare(previous: Path, new: Path, keys: dict[str, list[str]]) -> list[dict]:
    """Changed cells, new rows and removed rows, table by table, in a fixed order."""
    out = []
    for path in sorted(Path(new).glob("*.csv")):
        tid = path.stem
        old_path = Path(previous) / path.name
        if not old_path.exists():
            out.append({"table_id": tid, "noegle": "", "kolonne": "", "tidligere": "", "ny": "", "art": "ny tabel"})
            continue
        names, rows = _read(path)
        _, old_rows = _read(old_path)
        key = [k for k in keys.get(tid, []) if k in names] or names[:1]
        new_by = {tuple(r[k] for k in key): r for r in rows}
        old_by = {tuple(r.get(k, "") for k in key): r for r in old_rows}
        for k, r in new_by.items():
            label = "|".join(k)
            if k not in old_by:
                out.append({"table_id": tid, "noegle": label, "kolonne": "", "tidligere": "", "ny": "", "art": "ny række"})
                continue
            o = old_by[k]
            for c in names:
                if c not in key and o.get(c, "") != r[c]:
                    out.append({"table_id": tid, "noegle": label, "kolonne": c, "tidligere": o.get(c, ""), "ny": r[c],
                                "art": "ændret"})
        for k in old_by:
            if k not in new_by:
                out.append({"table_id": tid, "noegle": "|".join(k), "kolonne": "", "tidligere": "", "ny": "",
                            "art": "fjernet række"})
    return out


def write(rows: list[dict], path: Path) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
    return path


def summary(rows: list[dict]) -> dict:
    """Per table: changed cells, new rows, removed rows; and the first changed cells to show."""
    tables: dict = {}
    for r in rows:
        t = tables.setdefault(r["table_id"], {"ændret": 0, "ny række": 0, "fjernet række": 0, "ny tabel": 0})
        t[r["art"]] += 1
    return {"tables": tables, "cells_changed": sum(t["ændret"] for t in tables.values()),
            "rows_new": sum(t["ny række"] for t in tables.values()),
            "first": [r for r in rows if r["art"] == "ændret"][:50]}
