"""`almp generate`: write a synthetic set of extracts in exactly the input layout.

Persons are simulated in chunks of CHUNK persons and written as they come (one
Parquet row group, or one block of CSV lines, per chunk), so the full population
(5.3 million persons × 1,700 weeks) is written without ever holding the matrix.
Files are written under a temporary name and renamed at the end: an interrupted
run leaves no half-written extract behind.
"""

from __future__ import annotations

import csv
import json
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from pipeline import REFERENCE, rle, weeks
from pipeline.synth import keyed, people
from pipeline.synth.model import POPULATION_16_64, Chain
from pipeline.synth.jobindsats import JobindsatsExports
from pipeline.synth.loentimer import kommune_factors, loentimer
from pipeline.synth.sanctions import sanctions
from pipeline.synth.simulate import simulate_chunk
from pipeline.synth.workers import in_order, spawn_pool

CHUNK = 50_000
PNR_OFFSET = 1_000_000


@dataclass
class GenerateOptions:
    out: Path
    persons: int = 200_000
    seed: int = 2014
    start: str = "2008-W01"
    end: str = "2022-W52"
    layout: str = "wide"  # wide | yearly
    fmt: str = "parquet"  # parquet | csv


class _TableSink:
    """Append Arrow tables to one Parquet or CSV file, written under a temp name."""

    def __init__(self, path: Path, fmt: str):
        self.path = path
        self.tmp = path.with_name(path.name + ".partial")
        self.fmt = fmt
        self.writer = None

    def write(self, table: pa.Table) -> None:
        if self.writer is None:
            if self.fmt == "parquet":
                self.writer = pq.ParquetWriter(self.tmp, table.schema, compression="zstd")
            else:
                self.writer = pacsv.CSVWriter(self.tmp, table.schema)
        self.writer.write_table(table)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.tmp.replace(self.path)


def _kommuner() -> tuple[np.ndarray, np.ndarray]:
    with open(REFERENCE / "kommuner.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    codes = np.array([int(r["kommune"]) for r in rows], dtype=np.int16)
    w = np.array([float(r["vaegt"]) for r in rows])
    return codes, w / w.sum()


def _week_arrays(matrix: np.ndarray) -> list[pa.Array]:
    return [pa.array(matrix[:, j], type=pa.int16(), mask=matrix[:, j] == 0) for j in range(matrix.shape[1])]


def _offers() -> dict[int, tuple[str, str | None]]:
    with open(REFERENCE / "dream_codes.csv", encoding="utf-8") as f:
        return {int(r["code"]): (r["offer"], r["sector"] or None) for r in csv.DictReader(f) if r["offer"]}


def _activation(chunk, chain: Chain, first_week: int, years: list[int], pnr: np.ndarray, offers: dict,
                seed: int) -> pa.Table | None:
    """One activation spell per run of a DREAM activation code, so the extract and the
    register agree: dated from a day in the run's first week to a day in its last (so
    first and last weeks are partial), blank end if still running at the extract's end,
    hours per week from the state's calibration; 5 % also get a mentor (excluded
    from activation hours) alongside."""
    row, code, c0, c1 = rle.encode(chunk.codes)
    keep = np.isin(code, np.array(list(offers), dtype=code.dtype))
    row, code, c0, c1 = row[keep], code[keep], c0[keep], c1[keep]
    if len(row) == 0:
        return None
    hours = chain.activation[chunk.state[row, c0], 2]
    last_col = chunk.codes.shape[1] - 1
    # keyed by the person and the spell's first week: the same in a later delivery
    who, since = pnr[row], first_week + c0
    start_off, end_off = keyed.integers(0, 3, seed, 20, who, since), keyed.integers(0, 3, seed, 21, who, since)
    noise = keyed.choice([-2.0, 0.0, 0.0, 2.0], [1, 1, 1, 1], seed, 22, who, since)
    out = {k: [] for k in ("pnr", "start", "slut", "tilbud", "sektor", "timer_pr_uge", "kommune")}
    mentor = keyed.uniform(seed, 23, who, since) < 0.05
    y0 = years[0]
    for k in range(len(row)):
        offer, sector = offers[int(code[k])]
        start = weeks.monday(first_week + int(c0[k])) + timedelta(days=int(start_off[k]))
        slut = None if c1[k] == last_col else weeks.monday(first_week + int(c1[k])) + timedelta(days=6 - int(end_off[k]))
        kom = int(chunk.kommune[row[k], min(max(start.year - y0, 0), len(years) - 1)])
        h = float(min(37.0, hours[k] + noise[k]))
        spells = [(offer, sector, h)] + ([("mentor", None, 4.0)] if mentor[k] else [])
        for tilbud, sektor, timer in spells:
            out["pnr"].append(int(pnr[row[k]]))
            out["start"].append(start)
            out["slut"].append(slut)
            out["tilbud"].append(tilbud)
            out["sektor"].append(sektor)
            out["timer_pr_uge"].append(timer)
            out["kommune"].append(kom)
    return pa.table({"pnr": pa.array(out["pnr"], pa.int64()), "start": pa.array(out["start"], pa.date32()),
                     "slut": pa.array(out["slut"], pa.date32()), "tilbud": pa.array(out["tilbud"], pa.string()),
                     "sektor": pa.array(out["sektor"], pa.string()),
                     "timer_pr_uge": pa.array(out["timer_pr_uge"], pa.float64()),
                     "kommune": pa.array(out["kommune"], pa.int16())})


def _visitation(chunk, chain: Chain, first_week: int, pnr: np.ndarray, seed: int) -> pa.Table | None:
    row, st, c0, c1 = rle.encode(chunk.state.astype(np.int16) + 1)
    st = st - 1
    vis = [s.visitation for s in chain.states]
    keep = np.array([vis[s] is not None for s in st], dtype=bool) if len(st) else np.zeros(0, bool)
    row, st, c0, c1 = row[keep], st[keep], c0[keep], c1[keep]
    if len(row) == 0:
        return None
    prob = np.array([vis[s][2] for s in st])
    written = keyed.uniform(seed, 10, pnr[row], first_week + c0) < prob  # keyed: the same in a later delivery
    row, st, c0, c1 = row[written], st[written], c0[written], c1[written]
    last_col = chunk.state.shape[1] - 1
    fra, til = [], []
    early = keyed.integers(0, 4, seed, 11, pnr[row], first_week + c0)  # decisions are often dated a few days early
    before = keyed.integers(0, 52, seed, 12, pnr[row], first_week + c0)
    for k in range(len(row)):
        start_monday = weeks.monday(first_week + int(c0[k]))
        back = timedelta(weeks=int(before[k])) if c0[k] == 0 else timedelta(days=int(early[k]))
        fra.append(start_monday - back)
        til.append(None if c1[k] == last_col else weeks.monday(first_week + int(c1[k])) + timedelta(days=6))
    return pa.table({
        "pnr": pa.array(pnr[row]),
        "fra_dato": pa.array(fra, type=pa.date32()),
        "til_dato": pa.array(til, type=pa.date32()),
        "ydelse": pa.array([vis[s][0] for s in st]),
        "kategori": pa.array([vis[s][1] for s in st]),
    })


class _Chunks:
    """What every chunk needs, built once per process, and the tables of one chunk. A chunk's
    draws depend only on the seed and its number (simulate_chunk, keyed), so chunks can be made in
    any process, in any order, and written in theirs: the files are the same byte for byte."""

    def __init__(self, opts: GenerateOptions):
        self.opts = opts
        self.first = weeks.parse_week(opts.start)
        self.n_weeks = weeks.parse_week(opts.end) - self.first + 1
        y0, y1 = weeks.iso(self.first)[0], weeks.iso(self.first + self.n_weeks - 1)[0]
        self.years = list(range(y0, y1 + 1))
        self.chain = Chain.build()
        self.kcodes, self.kp = _kommuner()
        self.kregion = people.kommune_regions(self.kcodes)
        self.offers = _offers()
        self.loentilskud = np.array([c for c, (offer, _) in self.offers.items() if offer == "loentilskud"],
                                    dtype=np.int16)
        self.factors = kommune_factors(self.kcodes, opts.seed)
        self.state_names = [s.name for s in self.chain.states]
        self.wide_names = [weeks.wide_column(self.first + j) for j in range(self.n_weeks)]

    def portal(self) -> JobindsatsExports:
        return JobindsatsExports(self.first, self.n_weeks, self.years, self.kcodes)

    def make(self, chunk_no: int, lo: int, n: int) -> dict:
        """The chunk's tables (DREAM by file, the other extracts, None where empty) and its part of
        the portal's cells."""
        opts, first, years = self.opts, self.first, self.years
        ch = simulate_chunk(self.chain, n, self.n_weeks, len(years), opts.seed, chunk_no, self.kcodes, self.kp,
                            first, self.kregion)
        pnr = np.arange(PNR_OFFSET + lo, PNR_OFFSET + lo + n, dtype=np.int64)
        person_cols = {"pnr": pa.array(pnr), "koen": pa.array(ch.koen),
                       "foedselsaar": pa.array(ch.foedselsaar), "herkomst": pa.array(ch.herkomst)}
        dream = {}
        if opts.layout == "wide":
            cols = dict(person_cols)
            cols.update({f"nykom{y}": pa.array(ch.kommune[:, i]) for i, y in enumerate(years)})
            cols.update(zip(self.wide_names, _week_arrays(ch.codes)))
            dream[None] = pa.table(cols)
        else:
            for i, y in enumerate(years):
                block = np.zeros((n, 53), dtype=np.int16)
                for w in range(1, weeks.weeks_in_year(y) + 1):
                    j = weeks.week_index(y, w) - first
                    if 0 <= j < self.n_weeks:
                        block[:, w - 1] = ch.codes[:, j]
                cols = dict(person_cols)
                cols[f"nykom{y}"] = pa.array(ch.kommune[:, i])
                cols.update(zip([f"y_{w:02d}" for w in range(1, 54)], _week_arrays(block)))
                dream[y] = pa.table(cols)
        san = sanctions(ch, self.state_names, first, years, pnr, opts.seed, chunk_no)
        portal = self.portal()
        portal.add(ch, PNR_OFFSET + lo, san)
        return {"n": n, "dream": dream, "visitation": _visitation(ch, self.chain, first, pnr, opts.seed),
                "activation": _activation(ch, self.chain, first, years, pnr, self.offers, opts.seed),
                "sanctions": san,
                "loentimer": loentimer(ch, self.state_names, first, years, pnr, self.loentilskud, self.factors,
                                       opts.seed),
                "portal": portal.partial()}


_WORKER: _Chunks | None = None


def _init_worker(opts: GenerateOptions) -> None:
    global _WORKER
    _WORKER = _Chunks(opts)


def _make_in_worker(chunk_no: int, lo: int, n: int) -> dict:
    """A chunk's result with its tables as compressed Arrow IPC bytes: the results that wait for the
    writer hold less memory (at 300,000 persons the writer's peak fell from 1,348 to 1,005 MB)."""
    return _packed(_WORKER.make(chunk_no, lo, n))


def _packed(v):
    """Every Arrow table in a result (its values, and DREAM's dict of files) as LZ4-compressed IPC bytes."""
    if isinstance(v, dict):
        return {k: _packed(x) for k, x in v.items()}
    if not isinstance(v, pa.Table):
        return v
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, v.schema, options=pa.ipc.IpcWriteOptions(compression="lz4")) as w:
        w.write_table(v)
    return sink.getvalue().to_pybytes()


def _unpacked(v):
    """_packed undone."""
    if isinstance(v, dict):
        return {k: _unpacked(x) for k, x in v.items()}
    return pa.ipc.open_stream(v).read_all() if isinstance(v, bytes) else v


def _chunk_results(chunks: _Chunks, jobs: list[tuple[int, int, int]], workers: int):
    """The chunks' results in order: made here with one worker, else in worker processes, at most
    workers + 1 ahead of the writer (memory stays bounded by the chunk size, not the population)."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield chunks.make(*job)
        return
    with spawn_pool(workers, _init_worker, (chunks.opts,)) as pool:
        for result in in_order(pool, _make_in_worker, jobs, workers + 1):
            yield _unpacked(result)


def generate(opts: GenerateOptions, workers: int = 1) -> dict:
    """Write every extract. `workers` processes make the chunks (1: this process); the files do not
    depend on it."""
    first, last = weeks.parse_week(opts.start), weeks.parse_week(opts.end)
    if last < first:
        raise ValueError(f"--end {opts.end} is before --start {opts.start}")
    if opts.persons < 1:
        raise ValueError("--persons must be at least 1")
    chunks = _Chunks(opts)
    out = Path(opts.out)
    out.mkdir(parents=True, exist_ok=True)
    ext = "parquet" if opts.fmt == "parquet" else "csv"
    sinks = {name: _TableSink(out / f"{name}.{ext}", opts.fmt)
             for name in ("visitation", "activation", "sanctions", "loentimer")}
    if opts.layout == "wide":
        dream_sinks = {None: _TableSink(out / f"dream.{ext}", opts.fmt)}
    else:
        (out / "dream").mkdir(exist_ok=True)
        dream_sinks = {y: _TableSink(out / "dream" / f"dream{y}.{ext}", opts.fmt) for y in chunks.years}
    portal = chunks.portal()
    counted = {"visitation": "visitation_records", "activation": "activation_spells", "sanctions": "sanctions",
               "loentimer": "loentimer_records"}
    counts = {"persons": 0, **{c: 0 for c in counted.values()}}
    jobs = [(no, lo, min(CHUNK, opts.persons - lo)) for no, lo in enumerate(range(0, opts.persons, CHUNK))]
    for result in _chunk_results(chunks, jobs, workers):
        for key, table in result["dream"].items():
            dream_sinks[key].write(table)
        for name, key in counted.items():
            if result[name] is not None:
                sinks[name].write(result[name])
                counts[key] += result[name].num_rows
        portal.merge(result["portal"])
        counts["persons"] += result["n"]
    for s in [*dream_sinks.values(), *sinks.values()]:
        s.close()
    counts["jobindsats_files"] = len(portal.write(out / "jobindsats"))
    manifest = {
        "synthetic": True,
        "generator": "almp generate (weekly state model, pipeline/synth/model.py)",
        "options": {k: str(v) for k, v in asdict(opts).items() if k != "out"},
        "population_base": POPULATION_16_64,
        "persons_per_synthetic_person": POPULATION_16_64 / opts.persons,
        "weeks": chunks.n_weeks,
        "counts": counts,
    }
    (out / "synthetic.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest
