"""Synthetic Jobindsats exports, made from the synthetic register as the portal makes its
tables, so that the default run has something to reconcile with (docs/METODE.md,
"Afstemning med Jobindsats").

The register's rules (a week belongs to the period of its Thursday; a person counts in the
municipality of the year the period ends in; full-time persons = weeks on the benefit / weeks
in the period) are applied to the simulated weeks; then the portal's own treatment: counts
rounded to tens, every total computed and rounded on its own (never the sum of the rounded
rows), cells with fewer than SUPPRESS_BELOW persons suppressed, the portal's period and area
labels, and three of its formats:

* Y01A02 (A-dagpenge) by month, the portal's CSV export (BOM, ';', Område, Køn);
* Y30R21 (the benchmark's full-time persons on public support by Ydelsesgrupper), by moving
  annual total (2022QMAT04), API v2 JSON;
* the share of kontanthjælp recipients sanctioned by quarter and year, API v3 JSON
  (suppressed cells null).

Only the last complete calendar year of the extract is exported (and the one before it for
the benchmark): a short extract with no complete year gets no folder. The sums are
accumulated chunk by chunk, like the rest of the generator: memory does not grow with
the population.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline import REFERENCE, weeks

SUPPRESS_BELOW = 5  # persons: fewer, and the portal shows no number
ROUND_TO = 10
HELE_LANDET = "Hele landet"
BENCHMARK = "Forventet og faktisk antal fuldtidspersoner på offentlig forsørgelse: Faktisk antal"
# the benchmark's Ydelsesgrupper, in the portal's words (assets/reference/jobindsats_ydelser.csv maps them)
BENCHMARK_GROUPS = ("Ydelsesgrupper i alt", "A-dagpenge mv.", "Kontanthjælp", "Sygedagpenge", "Fleksjob",
                    "Førtidspension")
SANCTIONED = ("kth",)  # the sanction table's benefit (the category of sanction_recipients)
EXCLUDED_TYPES = ("karantaene",)  # as the register's default sanction_excluded_types


@dataclass(frozen=True)
class Period:
    label: str  # as the portal writes it
    c0: int  # first and last column of the extract (weeks whose Thursday lies in the period)
    c1: int
    year: int  # the year the period ends in: the person's municipality of that year

    @property
    def n_weeks(self) -> int:
        return self.c1 - self.c0 + 1


def _read(name: str) -> list[dict]:
    with open(REFERENCE / name, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def category_codes() -> dict[str, set[int]]:
    """The code list's categories -> their DREAM codes."""
    out: dict[str, set[int]] = {}
    for r in _read("dream_codes.csv"):
        if r["category"]:
            out.setdefault(r["category"], set()).add(int(r["code"]))
    return out


def category_families() -> dict[str, str]:
    """categories.csv: a category -> its family (the pipeline's anciennity), for those that have one."""
    return {r["category"]: r["family"] for r in _read("categories.csv") if r["family"]}


def _benefit_categories() -> dict[str, set[str]]:
    """The portal's benefit labels -> the register's categories (the project's own mapping)."""
    public = {r["category"] for r in _read("categories.csv") if r["public_support"] == "1"}
    out = {}
    for r in _read("jobindsats_ydelser.csv"):
        if r["slags"] == "ydelsesgruppe":
            out[r["maerke"]] = public if r["kategorier"] == "*" else set(r["kategorier"].split("+"))
    return out


def _rounded(x: float) -> int:
    """To the nearest ten, halves up (the portal's rounding of counts)."""
    return int(np.floor(x / ROUND_TO + 0.5)) * ROUND_TO


class JobindsatsExports:
    """Accumulates the portal's cells over the generator's chunks; `write` puts the files."""

    def __init__(self, first_week: int, n_weeks: int, years: list[int], kommune_codes: np.ndarray):
        self.years = years
        thursdays = [weeks.thursday(first_week + j) for j in range(n_weeks)]
        self.first_week = first_week
        complete = [y for y in years if weeks.week_index(y, 1) >= first_week
                    and weeks.week_index(y, weeks.weeks_in_year(y)) <= first_week + n_weeks - 1]
        self.active = bool(complete)
        if not self.active:
            return
        last = complete[-1]

        def cols(pred) -> tuple[int, int]:
            js = [j for j, t in enumerate(thursdays) if pred(t)]
            return js[0], js[-1]

        self.months = [Period(f"{last}M{m:02d}", *cols(lambda t, m=m: t.year == last and t.month == m), last)
                       for m in range(1, 13)]
        self.quarters = [Period(f"{last}Q{q:02d}", *cols(lambda t, q=q: t.year == last and (t.month - 1) // 3 + 1 == q),
                                last) for q in range(1, 5)]
        self.year = Period(f"{last}Y01", *cols(lambda t: t.year == last), last)
        self.qmat = [Period(f"{y}QMAT04", *cols(lambda t, y=y: t.year == y), y) for y in complete[-2:]]
        self.kommuner = {int(k): i for i, k in enumerate(kommune_codes)}
        self.names = {int(r["kommune"]): r["navn"] for r in _read("kommuner.csv")}
        self.codes = np.array(sorted(self.names), dtype=np.int64)
        codes_of = category_codes()
        benefit = _benefit_categories()

        def lut(categories: set[str]) -> np.ndarray:
            table = np.zeros(1000, dtype=bool)
            for c in categories:
                table[list(codes_of.get(c, ()))] = True
            return table

        self.luts = {"A-dagpenge": lut(benefit["A-dagpenge"])}
        self.luts.update({g: lut(benefit[g]) for g in BENCHMARK_GROUPS})
        self.luts["_kth"] = lut(set(SANCTIONED))
        # cells: (what, group, period label) -> per area [persons, weeks]; area len(kommuner) = Hele landet
        self.cells: dict[tuple, np.ndarray] = {}
        self.by_sex: dict[tuple, np.ndarray] = {}  # Hele landet by sex: (period, koen) -> [persons, weeks]

    def _area(self, kommune_of_year: np.ndarray) -> np.ndarray:
        lut = np.full(1000, len(self.kommuner), dtype=np.int64)  # unknown municipality: Hele landet only
        for k, i in self.kommuner.items():
            lut[k] = i
        return lut[np.clip(kommune_of_year.astype(np.int64), 0, 999)]

    def _add(self, key: tuple, area: np.ndarray, weeks_on: np.ndarray, extra: np.ndarray | None = None) -> None:
        n_areas = len(self.kommuner) + 1
        acc = self.cells.setdefault(key, np.zeros((n_areas, 3), dtype=np.int64))
        on = weeks_on > 0
        for col, values in ((0, on), (1, weeks_on), (2, extra if extra is not None else np.zeros_like(on))):
            per_area = np.bincount(area, weights=values, minlength=n_areas).astype(np.int64)
            acc[:, col] += per_area
            acc[-1, col] += int(values.sum()) - int(per_area[-1])  # Hele landet: everyone, with or without a municipality

    def add(self, chunk, pnr0: int, sanctions) -> None:
        if not self.active:
            return
        y0 = self.years[0]

        def area_of(p: Period) -> np.ndarray:
            return self._area(chunk.kommune[:, min(max(p.year - y0, 0), len(self.years) - 1)])

        def weeks_on(group: str, p: Period) -> np.ndarray:
            return self.luts[group][chunk.codes[:, p.c0:p.c1 + 1]].sum(axis=1)

        for p in self.months:
            w = weeks_on("A-dagpenge", p)
            self._add(("Y01A02", "A-dagpenge", p.label), area_of(p), w)
            for koen in (1, 2):
                acc = self.by_sex.setdefault((p.label, koen), np.zeros(2, dtype=np.int64))
                mine = chunk.koen == koen
                acc += [int((w[mine] > 0).sum()), int(w[mine].sum())]
        for p in self.qmat:
            area = area_of(p)
            for g in BENCHMARK_GROUPS:
                self._add(("Y30R21", g, p.label), area, weeks_on(g, p))
        sanctioned_weeks = self._sanction_weeks(chunk, pnr0, sanctions)  # the year's weeks only
        lo = self.year.c0
        for p in self.quarters + [self.year]:
            w = weeks_on("_kth", p)
            hit = sanctioned_weeks[:, p.c0 - lo:p.c1 - lo + 1].any(axis=1) & (w > 0)
            self._add(("sanktioner", "Kontanthjælp", p.label), area_of(p), w, hit)

    def partial(self) -> tuple[dict, dict]:
        """The cells accumulated here, for another JobindsatsExports to merge (a chunk made elsewhere)."""
        return (self.cells, self.by_sex) if self.active else ({}, {})

    def merge(self, partial: tuple[dict, dict]) -> None:
        """Add the cells of `partial` (integer sums: the order of the chunks does not matter)."""
        if not self.active:
            return
        for mine, theirs in zip((self.cells, self.by_sex), partial):
            for key, acc in theirs.items():
                if key in mine:
                    mine[key] += acc
                else:
                    mine[key] = acc.copy()

    def _sanction_weeks(self, chunk, pnr0: int, sanctions) -> np.ndarray:
        """(persons, weeks of the exported year) True where the person has a counted kontanthjælp
        sanction dated in the week (the year's columns only: bounded by the chunk, not the extract)."""
        out = np.zeros((chunk.codes.shape[0], self.year.n_weeks), dtype=bool)
        if sanctions is None:
            return out
        counted = np.isin(sanctions.column("ydelse").to_numpy(zero_copy_only=False), SANCTIONED) \
            & ~np.isin(sanctions.column("sanktionstype").to_numpy(zero_copy_only=False), EXCLUDED_TYPES)
        days = (sanctions.column("dato").to_numpy().astype("datetime64[D]")
                - np.datetime64(weeks.EPOCH, "D")).astype(np.int64)
        col = days // 7 - self.first_week - self.year.c0  # the date's ISO week (indices count from a Monday)
        row = sanctions.column("pnr").to_numpy() - pnr0
        keep = counted & (col >= 0) & (col < out.shape[1])
        out[row[keep], col[keep]] = True
        return out

    # -- writing ---------------------------------------------------------------------------------------------

    def _areas(self):
        """(portal name, area index) for every municipality, Hele landet last."""
        return [(self.names[int(k)], i) for k, i in sorted(self.kommuner.items()) if int(k) in self.names] \
            + [(HELE_LANDET, len(self.kommuner))]

    @staticmethod
    def _count(persons: int, value: float) -> int | None:
        return None if persons < SUPPRESS_BELOW else _rounded(value)

    def write(self, folder: Path) -> list[Path]:
        if not self.active:
            return []
        folder.mkdir(parents=True, exist_ok=True)
        written = [self._write_y01a02(folder), self._write_benchmark(folder), self._write_sanctions(folder)]
        for tmp in written:
            tmp.replace(tmp.with_name(tmp.name.removesuffix(".partial")))
        return [p.with_name(p.name.removesuffix(".partial")) for p in written]

    def _write_y01a02(self, folder: Path) -> Path:
        def text(v: int | None) -> str:
            return ".." if v is None else str(v)

        lines = ["Område;Periode;Køn;Antal personer;Antal fuldtidspersoner"]
        for p in self.months:
            acc = self.cells[("Y01A02", "A-dagpenge", p.label)]
            for name, i in self._areas():
                persons, wk = int(acc[i, 0]), int(acc[i, 1])
                lines.append(f"{name};{p.label};Køn i alt;{text(self._count(persons, persons))};"
                             f"{text(self._count(persons, wk / p.n_weeks))}")
            for koen, label in ((2, "Kvinder"), (1, "Mænd")):
                persons, wk = (int(v) for v in self.by_sex[(p.label, koen)])
                lines.append(f"{HELE_LANDET};{p.label};{label};{text(self._count(persons, persons))};"
                             f"{text(self._count(persons, wk / p.n_weeks))}")
        path = folder / "Y01A02_a-dagpenge_maaned.csv.partial"
        path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
        return path

    def _write_benchmark(self, folder: Path) -> Path:
        data = []
        for p in self.qmat:
            for name, i in self._areas():
                for g in BENCHMARK_GROUPS:
                    acc = self.cells[("Y30R21", g, p.label)]
                    v = self._count(int(acc[i, 0]), int(acc[i, 1]) / p.n_weeks)
                    data.append([name, p.label, g, ".." if v is None else v])
        doc = [{"Variables": [{"Label": "Area"}, {"Label": "Periode"}, {"Label": "Ydelsesgrupper"},
                              {"Label": BENCHMARK}], "Data": data}]
        path = folder / "Y30R21_benchmark.json.partial"
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    def _write_sanctions(self, folder: Path) -> Path:
        rows = []
        for p in self.quarters + [self.year]:
            acc = self.cells[("sanktioner", "Kontanthjælp", p.label)]
            for name, i in self._areas():
                persons, hit = int(acc[i, 0]), int(acc[i, 2])
                shown = persons >= SUPPRESS_BELOW
                share = round(100 * hit / persons, 1) if shown and persons else None
                rows.append([name, p.label, "Kontanthjælp", self._count(persons, persons),
                             self._count(persons, hit) if shown else None, share])
        doc = {"columns": ["Område", "Periode", "Ydelsesgrupper", "Antal modtagere", "Antal sanktionerede",
                           "Andel sanktionerede (pct.)"], "rows": rows}
        path = folder / "sanktioner_kontanthjaelp.json.partial"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        return path
