"""How close the synthetic model lands on its declared targets, measured on a run.

`assets/reference/calibration_targets.csv` declares the targets: published cells of the report's
tables (a table, a row key and a column, `*` and `?` as in file names), each with a band (±
percentage points, ± per cent of the published count, or ± the measure's own unit) and a set:
`kalibrering`, what the model is fitted to, and `kontrol`, held out, which shows whether the model
is right and not only fitted. The published value itself comes from published_numbers.csv, the one
place the sources' numbers live.

A target is compared with what the report shows: counts scaled to the population, shares as they
are. A share of persons whose row holds how many persons it is of (the target's `naevner` column)
also gets its uncertainty: two standard errors of a share of that many persons drawn at the
published share, 200 x sqrt(p (1 - p) / n) percentage points (a share without it takes the report's
own, from the persons its disclosure declaration divides by); a count, two standard errors of a
Poisson count of the synthetic persons behind it, 200 / sqrt(n) per cent. A difference outside the band but
within band + that uncertainty cannot tell a model that misses from too few synthetic persons in
the cell (Bilag 3.13's ledighedsydelse is 8 persons at the default 200,000), and says so.

On synthetic data this is the model's fit, not the statistics' correctness (the hand-computed
tests pin those), and the report says which is which (docs/METODE.md, "Den syntetiske model").
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from fnmatch import fnmatchcase

from pipeline import REFERENCE

TARGETS = REFERENCE / "calibration_targets.csv"
REASONS = REFERENCE / "calibration_reasons.csv"  # why the model misses a target where that is known
SETS = ("kalibrering", "kontrol")
UNITS = {"pp": "procentpoint", "pct": "pct.", "enheder": "i målets enhed"}


def _covers(pattern, table_id: str, key: str, column: str) -> bool:
    """Whether a target's or a reason's cells (its table, row and column patterns) include this one."""
    return table_id == pattern.table_id and fnmatchcase(key, pattern.row) and fnmatchcase(column, pattern.column)


@dataclass(frozen=True)
class Target:
    saet: str
    table_id: str
    row: str  # a pattern over the published row keys
    column: str  # a pattern over the columns
    graense: float
    enhed: str  # pp | pct | enheder
    hvorfor: str
    naevner: str = ""  # the row's column with the persons a share is of ("": none)

    def matches(self, table_id: str, key: str, column: str) -> bool:
        return _covers(self, table_id, key, column)

    def difference(self, value: float, published: float) -> float:
        """In the band's unit: percentage points and own units as they are, counts relative (per cent).
        A published count of 0 (a benefit before it existed) is met only by 0: anything else is
        infinitely far, in no band."""
        if self.enhed == "pct":
            if published == 0:
                return 0.0 if value == 0 else math.inf
            return (value - published) / published * 100
        return value - published

    def uncertainty(self, cell: dict) -> float | None:
        """Two standard errors in the band's unit. A share (pp): from the persons in its row (the
        cell's raw row, column naevner), at the published share. A count (pct): from the count of
        synthetic persons behind it, the cell before scaling (`raw`), as a Poisson count's,
        200 / sqrt(raw) per cent (for full-time persons, whose persons each count a part of the
        year, an upper bound). A share without naevner: the report's own uncertainty of the cell
        (`noise`, from the persons its disclosure declaration divides by, a sum over a group
        included). None without them."""
        if self.enhed == "pct" and not cell.get("share"):
            raw = cell.get("raw")
            return 200 / math.sqrt(float(raw)) if raw and raw > 0 else None
        if self.enhed != "pp":
            return None
        if not self.naevner:  # the report's own: the persons of the share's declared denominator (render._share_noise)
            return cell.get("noise")
        return share_noise(cell["published"], (cell.get("raw_row") or {}).get(self.naevner))


def share_noise(published: float, n: float | None) -> float | None:
    """Two standard errors, in percentage points, of a share of n synthetic persons drawn at the
    published share (as Target.uncertainty); None without n."""
    if not n or n <= 0 or published is None:
        return None
    p = min(max(published / 100, 0.0), 1.0)
    return 200 * math.sqrt(p * (1 - p) / n)


def share_persons(rows: list[dict], column, columns: dict) -> list[float | None]:
    """Per row, the synthetic persons a share column is of (its declared denominator, before scaling),
    where that denominator counts persons: a column of the row, or the sum of a column over the
    row's group (the disclosure declaration's `of`); None where it is not a count of persons."""
    from pipeline.disclosure.cells import number
    from pipeline.disclosure.spec import VirtualSum

    out = []
    sums: dict = {}  # virtual sum -> {group: its total}
    for r in rows:
        spec = column.for_row(r)
        den = spec.den if spec.kind == "share" else None
        name = den.column if isinstance(den, VirtualSum) else den
        if name is None or getattr(columns.get(name), "kind", None) != "persons":
            out.append(None)
        elif isinstance(den, VirtualSum):
            if den not in sums:  # summed as disclosure control sums the denominator (VirtualSum.members)
                sums[den] = {g: sum(number(rows[j].get(den.column)) or 0.0 for j in js)
                             for g, js in den.members(rows).items()}
            out.append(sums[den].get(den.group(r)))
        else:
            out.append(number(r.get(name)))
    return out


def targets() -> list[Target]:
    with open(TARGETS, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out = []
    for i, r in enumerate(rows, start=2):
        if r["saet"] not in SETS or r["enhed"] not in UNITS:
            raise ValueError(f"{TARGETS.name} line {i}: set must be one of {SETS} and unit one of {tuple(UNITS)}")
        out.append(Target(r["saet"], r["table_id"], r["row"], r["column"], float(r["graense"]), r["enhed"],
                          r["hvorfor"], r.get("naevner") or ""))
    return out


@dataclass(frozen=True)
class Reason:
    """Why the model misses a target, where that is known (calibration_reasons.csv): the cells it
    covers (a table, a row key and a column pattern, as Target's: _covers) and the reason in Danish, shown
    beside a miss in the report and its CSV. docs/METODE.md has the measurements behind it."""
    table_id: str
    row: str
    column: str
    hvorfor: str

    def matches(self, table_id: str, key: str, column: str) -> bool:
        return _covers(self, table_id, key, column)


def reasons() -> list[Reason]:
    with open(REASONS, encoding="utf-8", newline="") as f:
        return [Reason(r["table_id"], r["row"], r["column"], r["hvorfor"]) for r in csv.DictReader(f)]


def evaluate(cells: dict[str, list[dict]], declared: list[Target] | None = None,
             known: list[Reason] | None = None) -> list[dict]:
    """One row per published cell a target names: the run's value beside the published one.

    cells: table id -> the report's published cells of that table (render.comparison's cells:
    key, column, label, row, value, published, raw_row). A cell two targets name is judged by the
    first. `inden_for` is None where the run has no value (the table is not in the run, or the cell
    is hidden by disclosure control); `inden_for_usikkerhed` is True where a cell outside its band is
    within band + usikkerhed (Target.uncertainty), False where outside that too, None otherwise.
    `kendt_aarsag`: for a cell outside its band, the first known reason that covers it ("" if none)."""
    declared = targets() if declared is None else declared
    known = reasons() if known is None else known
    out, seen = [], set()
    for order, t in enumerate(declared):
        for c in cells.get(t.table_id, []):
            place = (t.table_id, c["key"], c["column"])
            if c["published"] is None or place in seen or not t.matches(*place):
                continue
            seen.add(place)
            diff = None if c["value"] is None else t.difference(c["value"], c["published"])
            inside = None if diff is None else abs(diff) <= t.graense + 1e-9
            noise = t.uncertainty(c) if diff is not None else None
            out.append({"saet": t.saet, "table_id": t.table_id, "noegle": c["key"], "kolonne": c["column"],
                        "raekke": c["row"], "maal": c["label"], "offentliggjort": c["published"],
                        "reproduceret": c["value"], "afvigelse": diff, "graense": t.graense, "enhed": t.enhed,
                        "inden_for": inside, "usikkerhed": noise,
                        "inden_for_usikkerhed": (abs(diff) <= t.graense + noise + 1e-9
                                                 if inside is False and noise is not None else None),
                        "hvorfor": t.hvorfor, "orden": order,
                        "kendt_aarsag": next((k.hvorfor for k in known if k.matches(*place)), "")
                        if inside is False else ""})
    out.sort(key=lambda r: (SETS.index(r["saet"]), r["orden"], r["noegle"], r["kolonne"]))
    return out


def status(results: list[dict], most: int | None = 8) -> dict[str, dict]:
    """Per set: targets, within the band, outside it (and of those, how many within the uncertainty),
    without a value; the `most` worst misfits first (by how many bands away beyond the uncertainty,
    then how many bands away; None: every one)."""
    out = {}
    for s in SETS:
        rows = [r for r in results if r["saet"] == s]
        outside = [r for r in rows if r["inden_for"] is False]
        out[s] = {"maal": len(rows), "inden_for": sum(r["inden_for"] is True for r in rows),
                  "uden_for": len(outside), "uden_vaerdi": sum(r["inden_for"] is None for r in rows),
                  "inden_for_usikkerhed": sum(r.get("inden_for_usikkerhed") is True for r in outside),
                  "vaerste": sorted(outside, key=_badness)[:most]}
    return out


def _badness(r: dict) -> tuple:
    """A misfit's order, worst first: how many bands away beyond the uncertainty, then how many bands away."""
    return (-max(abs(r["afvigelse"]) - (r.get("usikkerhed") or 0), 0) / r["graense"], -abs(r["afvigelse"]) / r["graense"])


def misses(results: list[dict]) -> list[dict]:
    """The targets the model misses beyond doubt: outside the band and outside band + uncertainty (or
    without an uncertainty), the worst first, calibrated and held out together."""
    return sorted((r for r in results if r["inden_for"] is False and r.get("inden_for_usikkerhed") is not True),
                  key=lambda r: (*_badness(r), SETS.index(r["saet"]), r["table_id"], r["noegle"], r["kolonne"]))


COLUMNS = ("saet", "table_id", "noegle", "kolonne", "offentliggjort", "reproduceret", "afvigelse", "graense", "enhed",
           "inden_for", "usikkerhed", "inden_for_usikkerhed", "kendt_aarsag")


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
        for c in ("offentliggjort", "reproduceret", "afvigelse", "graense", "usikkerhed"):
            r[c] = float(r[c]) if r[c] != "" else None
        for c in ("inden_for", "inden_for_usikkerhed"):
            r[c] = {"True": True, "False": False, "": None}[r[c]]
    return rows
