"""Rejected input rows, kept with their reason.

Every extract's loader adds the rows it refuses here. They go to the warehouse
(`ingest_rejects`) and to `OUT/rejected/<extract>.csv`, also when the run stops
because of them, so the analyst can see and fix every one.
"""

from __future__ import annotations

import csv
from dataclasses import astuple, dataclass, fields
from pathlib import Path

from pipeline.errors import InputError

SHOWN_IN_MESSAGE = 5


@dataclass
class Rejected:
    extract: str
    file: str
    row: int | None
    row_word: str  # 'line' for CSV (1 = header), 'row' for Parquet (1 = first row)
    pnr: str | None
    reason: str
    raw: str | None


class Rejects:
    def __init__(self):
        self.rows: list[Rejected] = []

    def add(self, extract: str, file, row, reason: str, pnr=None, raw=None, row_word="row") -> None:
        self.rows.append(Rejected(extract, str(file), None if row is None else int(row), row_word,
                                  None if pnr is None else str(pnr), reason, raw))

    def count(self, extract: str | None = None) -> int:
        return sum(1 for r in self.rows if extract is None or r.extract == extract)

    def write_csv(self, folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for extract in sorted({r.extract for r in self.rows}):
            path = folder / f"{extract}.csv"
            with open(path, "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f)
                w.writerow([fl.name for fl in fields(Rejected)])
                w.writerows(astuple(r) for r in self.rows if r.extract == extract)
            written.append(path)
        return written

    def as_columns(self) -> dict[str, list]:
        return {fl.name: [getattr(r, fl.name) for r in self.rows] for fl in fields(Rejected)}

    def error(self, where: Path) -> InputError:
        """The exit-3 error for a run with rejected rows, naming the first few."""
        first = self.rows[0]
        lines = [f"  {r.file}, {r.row_word} {r.row}: {r.reason}" for r in self.rows[:SHOWN_IN_MESSAGE]]
        more = len(self.rows) - SHOWN_IN_MESSAGE
        tail = f"\n  … and {more} more" if more > 0 else ""
        err = InputError(first.file, f"{len(self.rows)} row(s) rejected; all of them with their reasons are in "
                                     f"{where}\n" + "\n".join(lines) + tail)
        return err
