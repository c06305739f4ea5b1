"""How close the synthetic model lands on its declared targets, measured on a run.

`assets/reference/calibration_targets.csv` declares the targets: published cells of the report's
tables (a table, a row key and a column, `*` and `?` as in file names), each with a band (±
percentage points, ± per cent of the published count, or ± the measure's own unit) and a set:
`kalibrering`, what the model is fitted to, and `kontrol`, held out, which shows whether the model
is right and not only fitted. The published value itself comes from published_numbers.csv, the one
place the sources' numbers live.

A target is compared with what the report shows: counts scaled to the population, shares as they
are. On synthetic data this is the model's fit, not the statistics' correctness (the hand-computed
tests pin those), and the report says which is which (docs/METODE.md, "Den syntetiske model").
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from fnmatch import fnmatchcase

from pipeline import REFERENCE

TARGETS = REFERENCE / "calibration_targets.csv"
SETS = ("kalibrering", "kontrol")
UNITS = {"pp": "procentpoint", "pct": "pct.", "enheder": "i målets enhed"}


@dataclass(frozen=True)
class Target:
    saet: str
    table_id: str
    row: str  # a pattern over the published row keys
    column: str  # a pattern over the columns
    graense: float
    enhed: str  # pp | pct | enheder
    hvorfor: str

    def matches(self, table_id: str, key: str, column: str) -> bool:
        return table_id == self.table_id and fnmatchcase(key, self.row) and fnmatchcase(column, self.column)

    def difference(self, value: float, published: float) -> float:
        """In the band's unit: percentage points and own units as they are, counts relative (per cent).
        A published count of 0 (a benefit before it existed) is met only by 0: anything else is
        infinitely far, in no band."""
        if self.enhed == "pct":
            if published == 0:
                return 0.0 if value == 0 else math.inf
            return (value - published) / published * 100
        return value - published


def targets() -> list[Target]:
    with open(TARGETS, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out = []
    for i, r in enumerate(rows, start=2):
        if r["saet"] not in SETS or r["enhed"] not in UNITS:
            raise ValueError(f"{TARGETS.name} line {i}: set must be one of {SETS} and unit one of {tuple(UNITS)}")
        out.append(Target(r["saet"], r["table_id"], r["row"], r["column"], float(r["graense"]), r["enhed"],
                          r["hvorfor"]))
    return out


def evaluate(cells: dict[str, list[dict]], declared: list[Target] | None = None) -> list[dict]:
    """One row per published cell a target names: the run's value beside the published one.

    cells: table id -> the report's published cells of that table (render.comparison's cells:
    key, column, label, row, value, published). A cell two targets name is judged by the first.
    `inden_for` is None where the run has no value (the table is not in the run, or the cell is
    hidden by disclosure control)."""
    declared = targets() if declared is None else declared
    out, seen = [], set()
    for order, t in enumerate(declared):
        for c in cells.get(t.table_id, []):
            place = (t.table_id, c["key"], c["column"])
            if c["published"] is None or place in seen or not t.matches(*place):
                continue
            seen.add(place)
            diff = None if c["value"] is None else t.difference(c["value"], c["published"])
            out.append({"saet": t.saet, "table_id": t.table_id, "noegle": c["key"], "kolonne": c["column"],
                        "raekke": c["row"], "maal": c["label"], "offentliggjort": c["published"],
                        "reproduceret": c["value"], "afvigelse": diff, "graense": t.graense, "enhed": t.enhed,
                        "inden_for": None if diff is None else abs(diff) <= t.graense + 1e-9,
                        "hvorfor": t.hvorfor, "orden": order})
    out.sort(key=lambda r: (SETS.index(r["saet"]), r["orden"], r["noegle"], r["kolonne"]))
    return out


def status(results: list[dict], most: int | None = 8) -> dict[str, dict]:
    """Per set: targets, within the band, outside it, without a value; the `most` worst misfits
    first (by how many bands away; None: every one)."""
    out = {}
    for s in SETS:
        rows = [r for r in results if r["saet"] == s]
        outside = [r for r in rows if r["inden_for"] is False]
        out[s] = {"maal": len(rows), "inden_for": sum(r["inden_for"] is True for r in rows),
                  "uden_for": len(outside), "uden_vaerdi": sum(r["inden_for"] is None for r in rows),
                  "vaerste": sorted(outside, key=lambda r: -abs(r["afvigelse"]) / r["graense"])[:most]}
    return out


COLUMNS = ("saet", "table_id", "noegle", "kolonne", "offentliggjort", "reproduceret", "afvigelse", "graense", "enhed",
           "inden_for")


def write_csv(results: list[dict], path) -> None:
    """The calibration report as CSV (dot decimals, as tables/ and revisions.csv), in the order of evaluate."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        for r in results:
            w.writerow(["" if r[c] is None else (round(r[c], 4) if isinstance(r[c], float) else r[c])
                        for c in COLUMNS])


def read_csv(path) -> list[dict]:
    """The rows write_csv wrote, with their numbers and verdicts as evaluate gives them."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        for c in ("offentliggjort", "reproduceret", "afvigelse", "graense"):
            r[c] = float(r[c]) if r[c] != "" else None
        r["inden_for"] = {"True": True, "False": False, "": None}[r["inden_for"]]
    return rows
