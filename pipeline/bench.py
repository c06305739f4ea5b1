"""`make bench`: time and peak memory per stage of the DREAM path, at several sizes,
beside the floor we compare with: a vectorised NumPy run-length encoding of the
same person × week matrix, held whole in memory.

Every stage runs in its own process, so its peak resident memory is its own:

  generate   almp generate (simulate + write Parquet, streaming by chunks)
  ingest     DREAM Parquet -> validated rows -> runs in DuckDB (streaming by batches)
  sasprep    the same DREAM written as SAS transport (.xpt) with pyreadstat (setup; up to SAS_MAX_PERSONS)
  sasingest  the ingest from that .xpt: chunked SAS reader -> Parquet copy -> the same loader
  spells     code list + visitation + category_runs + spells (SQL in DuckDB)
  sanctions  sanctions extract + periods, sanction_events, sanction_recipients, sanction_cells
  curves     state_runs, anciennity, reference_paths, cohort_spells, figur_3_3, anciennitet_km, figur_3_1
  paidhours  loentimer extract + the job premium's target group, its hours, loentimer_kommune, jobpraemie
  marts      the activation extract and every other SQL model (what disclosure control needs)
  disclosure disclosure control over every report table: primary, secondary, the audit
  pipeline   the whole pipeline as a user runs it, `almp run` on the generated extracts (every
             extract, every table, the report; not its PDF, which is a browser's work), with
             its slowest steps from run.json
  baseline   read the whole matrix into NumPy, then rle.encode it (read and encode timed apart)

The last line per size sets the whole pipeline beside the baseline (issue 18's measure: at most
3 times the floor at 1,000,000 persons).

    python -m pipeline.bench [--sizes 10000x520 100000x520 1000000x520] [--dir build/bench]

`--reruns` measures runs over time instead (`make bench-reruns`), through `almp run` on one output
folder: a full run, a rerun on the same delivery, a revised sanctions extract, and the next
delivery (one quarter more), each beside the full run's time.

    python -m pipeline.bench --reruns [--sizes 100000x520 1000000x782]

`--standin` runs its stand-in: 1,000,000 persons over the same 1,700 weeks at a 2 GB memory limit (a
fifth of the default), generated once and kept, `almp run` in about 6 minutes: compare two versions
of the code on it, one run after the other.

`--full` runs the full population (5.3 million persons x 1,700 weeks, every extract) end to end,
generation and `almp run`, and writes the result into docs/PERFORMANCE.md (not part of make test).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from pipeline import weeks

DEFAULT_SIZES = ("10000x520", "100000x520", "1000000x520")
RERUN_SIZES = ("100000x520", "1000000x782")  # issue 14's sizes: the second takes about 10 minutes
MEMORY_LIMIT = "10GB"  # as almp run's default
START = "2005-W01"
SAS_MAX_PERSONS = 100_000  # pyreadstat writes a SAS file from one frame in memory: the SAS stages stop here


class _TreePeak:
    """The largest resident memory of this process and its children together, sampled every 0.2 s
    while the block runs (ru_maxrss counts one process only)."""

    def __enter__(self):
        import threading

        import psutil

        me = psutil.Process()
        self.peak_mb, self._stop = 0, threading.Event()

        def sample():
            while not self._stop.wait(0.2):
                total = 0
                for p in [me, *me.children(recursive=True)]:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:  # a worker that has just ended
                        pass
                self.peak_mb = max(self.peak_mb, round(total / 2**20))

        self._thread = threading.Thread(target=sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _warehouse(db: Path):
    import duckdb

    return duckdb.connect(str(db), config={"memory_limit": MEMORY_LIMIT})


def _variables(con, data: Path, folder: Path) -> dict:
    """The SQL variables a run would set (defaults, plus the ingested extract's weeks)."""
    from pipeline.settings import AlmpSettings
    from pipeline.warehouse import extract_variables

    return extract_variables(con, AlmpSettings(data_dir=str(data), work_dir=str(folder)))


def _inside(variables: dict) -> dict:
    """The bench's extract starts 2005: a reference week and cohort inside it."""
    first, last = variables["extract_first_week"], variables["extract_last_week"]
    return {"reference_week": first + (last - first) * 3 // 4, "cohort_year": weeks.iso(first + (last - first) // 3)[0]}


def stage(name: str, folder: Path, persons: int, n_weeks: int, start: str = START,
          memory_limit: str = MEMORY_LIMIT) -> dict:
    """One stage, timed; memory_limit: almp run's (the pipeline stage)."""
    data, db = folder / "data", folder / "warehouse.duckdb"
    t0 = time.perf_counter()
    extra = {}
    if name == "generate":
        from pipeline.synth.generate import GenerateOptions, generate
        from pipeline.synth.workers import default_workers

        end = weeks.label(weeks.parse_week(start) + n_weeks - 1)
        with _TreePeak() as tree:  # the worker processes' memory counts too
            generate(GenerateOptions(out=data, persons=persons, seed=1, start=start, end=end),
                     workers=default_workers())
        extra["peak_mb"] = max(tree.peak_mb, round(_peak_mb()))  # every process together
        extra["mb_on_disk"] = round(sum(p.stat().st_size for p in data.rglob("*") if p.is_file()) / 2**20, 1)
    elif name == "ingest":
        from pipeline.ingest.dream import load_dream
        from pipeline.ingest.rejects import Rejects

        db.unlink(missing_ok=True)
        with _warehouse(db) as con:
            load = load_dream(con, data, folder / "tmp", Rejects())
            con.execute("CREATE OR REPLACE TABLE dream_extract AS SELECT ? AS first_week, ? AS last_week",
                        [load.first_week, load.last_week])
            extra["runs"] = con.execute("SELECT count(*) FROM dream_runs").fetchone()[0]
    elif name in ("sasprep", "sasingest") and persons > SAS_MAX_PERSONS:
        extra["skipped"] = f"over {SAS_MAX_PERSONS} persons"
    elif name == "sasprep":
        import polars as pl
        import pyreadstat

        (folder / "sas").mkdir(exist_ok=True)
        pyreadstat.write_xport(pl.read_parquet(data / "dream.parquet"), str(folder / "sas" / "dream.xpt"))
        extra["mb_on_disk"] = round((folder / "sas" / "dream.xpt").stat().st_size / 2**20, 1)
    elif name == "sasingest":
        from pipeline.ingest.dream import load_dream
        from pipeline.ingest.rejects import Rejects

        with _warehouse(folder / "sas.duckdb") as con:
            load_dream(con, folder / "sas", folder / "tmp_sas", Rejects())
            extra["runs"] = con.execute("SELECT count(*) FROM dream_runs").fetchone()[0]
    elif name == "spells":
        from pipeline.ingest.codes import load_code_list
        from pipeline.ingest.rejects import Rejects
        from pipeline.ingest.visitation import load_visitation
        from pipeline.warehouse import run_sql

        with _warehouse(db) as con:
            variables = _variables(con, data, folder)
            load_code_list(con, variables)
            load_visitation(con, data, Rejects())
            run_sql(con, "core/category_runs", variables)
            run_sql(con, "core/spells", variables)
            extra["spells"] = con.execute("SELECT count(*) FROM spells").fetchone()[0]
    elif name == "sanctions":
        from pipeline.ingest.rejects import Rejects
        from pipeline.ingest.sanctions import load_sanctions
        from pipeline.warehouse import run_sql

        with _warehouse(db) as con:
            variables = _variables(con, data, folder)
            load_sanctions(con, data, Rejects())
            for model in ("periods", "sanction_events", "sanction_recipients", "sanction_cells"):
                run_sql(con, f"core/{model}", variables)
            extra["sanctions"] = con.execute("SELECT count(*) FROM sanctions").fetchone()[0]
            extra["cells"] = con.execute("SELECT count(*) FROM sanction_cells").fetchone()[0]
    elif name == "curves":
        from pipeline.warehouse import run_sql

        with _warehouse(db) as con:
            variables = _variables(con, data, folder)
            variables.update(_inside(variables))
            for model in ("core/state_runs", "core/anciennity", "core/reference_paths", "core/cohort_spells",
                          "marts/figur_3_3", "marts/anciennitet_km", "marts/figur_3_1"):
                run_sql(con, model, variables)
            extra["cohort_spells"] = con.execute("SELECT count(*) FROM cohort_spells").fetchone()[0]
            extra["reference_persons"] = con.execute("SELECT count(*) FROM reference_paths").fetchone()[0]
    elif name == "paidhours":
        from pipeline.ingest.loentimer import load_loentimer
        from pipeline.ingest.rejects import Rejects
        from pipeline.warehouse import run_sql

        with _warehouse(db) as con:
            variables = _variables(con, data, folder)
            load_loentimer(con, data, Rejects())
            for model in ("core/jobpraemie_maalgruppe", "marts/loentimer_kommune", "marts/jobpraemie",
                          "marts/jobpraemie_figur_1"):
                run_sql(con, model, variables)
            extra["loentimer_rows"] = con.execute("SELECT count(*) FROM loentimer").fetchone()[0]
            extra["group_rows"] = con.execute("SELECT count(*) FROM jobpraemie_maalgruppe").fetchone()[0]
    elif name == "marts":
        from pipeline.ingest.activation import load_activation
        from pipeline.ingest.jobindsats import load_jobindsats
        from pipeline.ingest.rejects import Rejects
        from pipeline.models import in_order
        from pipeline.warehouse import run_sql, table_exists

        with _warehouse(db) as con:
            variables = _variables(con, data, folder)
            variables.update(_inside(variables))
            load_activation(con, data, Rejects())
            load_jobindsats(con, data)  # the Jobindsats exports the generator writes, for the reconciliation
            ran = 0
            for m in in_order():
                if not all(table_exists(con, t) for t in m.tables):
                    run_sql(con, m.path, variables)
                    ran += 1
            extra["models"] = ran
    elif name == "disclosure":
        from pipeline.disclosure import Rules
        from pipeline.report.publication import run_disclosure

        with _warehouse(db) as con:
            out = run_disclosure(con, Rules())
            cells = out.system.cells
            extra.update(cells=len(cells), relations=len(out.system.relations),
                         primary=sum(1 for c in out.suppressed if cells[c].primary),
                         secondary=sum(1 for c in out.suppressed if not cells[c].primary),
                         failures=len(out.failures), rounds=out.rounds)
    elif name == "pipeline":
        out = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", "--data", str(data), "--out",
                              str(folder / "run"), "--quiet", "--memory-limit", memory_limit],
                             capture_output=True, text=True, env={**os.environ, "ALMP_PDF": "0"})
        if out.returncode != 0:
            raise SystemExit(f"almp run failed: {out.stderr[-2000:]}")
        steps = json.loads((folder / "run" / "run.json").read_text(encoding="utf-8"))["timings_seconds"]
        extra["slowest"] = " ".join(f"{k}:{s:.0f}" for k, s in slowest_steps(steps)[:8])
        extra["steps"] = steps
        shutil.rmtree(folder / "run", ignore_errors=True)
        return {"stage": name, "seconds": round(time.perf_counter() - t0, 2),
                "peak_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024), **extra}
    elif name == "baseline":
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        from pipeline import rle

        table = pq.read_table(data / "dream.parquet", columns=[c for c in pq.read_schema(data / "dream.parquet").names
                                                             if c.startswith("y_")])
        m = np.empty((table.num_rows, table.num_columns), dtype=np.int16)
        for j, col in enumerate(table.columns):
            m[:, j] = pc.fill_null(col, 0).to_numpy()
        del table
        t_read = time.perf_counter() - t0
        t1 = time.perf_counter()
        row, *_ = rle.encode(m)
        extra["encode_seconds"] = round(time.perf_counter() - t1, 2)
        extra["read_seconds"] = round(t_read, 2)
        extra["runs"] = len(row)
    else:
        raise SystemExit(f"unknown stage {name}")
    return {"stage": name, "seconds": round(time.perf_counter() - t0, 2), "peak_mb": round(_peak_mb()), **extra}


def _almp(*args) -> float:
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "pipeline.cli", *map(str, args)], capture_output=True, text=True,
                         env={**os.environ, "ALMP_PDF": "0"})
    if out.returncode != 0:
        raise SystemExit(f"almp {' '.join(map(str, args))} failed: {out.stderr[-2000:]}")
    return round(time.perf_counter() - t0, 1)


def reruns(sizes: list[str], folder: Path) -> None:
    """A full run; the same delivery again; a revised sanctions extract; one more quarter of DREAM."""
    import pyarrow.parquet as pq

    print(f"{'size':>16} {'run':>34} {'seconds':>8} {'÷ full':>7}", flush=True)
    for size in sizes:
        persons, n_weeks = (int(x) for x in size.lower().split("x"))
        base = folder / f"reruns-{size}"
        shutil.rmtree(base, ignore_errors=True)
        first = weeks.parse_week(START)
        end1, end2 = weeks.label(first + n_weeks - 1), weeks.label(first + n_weeks - 1 + 13)
        d1, d2, out = base / "d1", base / "d2", base / "out"
        for d, end in ((d1, end1), (d2, end2)):
            _almp("generate", "--out", d, "--persons", persons, "--start", START, "--end", end)
        full = _almp("run", "--data", d1, "--out", out)
        rows = [("full run (delivery 1)", full), ("same delivery again", _almp("run", "--data", d1, "--out", out))]
        san = pq.read_table(d1 / "sanctions.parquet")
        pq.write_table(san.slice(max(san.num_rows // 100, 1)), d1 / "sanctions.parquet")  # 1 % withdrawn
        rows.append(("revised sanctions extract", _almp("run", "--data", d1, "--out", out)))
        rows.append(("next delivery (+1 quarter of DREAM)", _almp("run", "--data", d2, "--out", out)))
        for name, seconds in rows:
            print(f"{size:>16} {name:>34} {seconds:>8} {seconds / full:>7.0%}", flush=True)
        shutil.rmtree(base, ignore_errors=True)


def slowest_steps(steps: dict) -> list[tuple[str, float]]:
    """run.json's step timings, slowest first (ties by name), without the total."""
    return [(k, s) for s, k in sorted(((s, k) for k, s in steps.items() if k != "total"), reverse=True)]


FULL_PERSONS, FULL_WEEKS, FULL_START = 5_300_000, 1_700, "1990-W01"  # DREAM's population and length
PERFORMANCE = Path(__file__).resolve().parent.parent / "docs" / "PERFORMANCE.md"
FULL_BEGIN, FULL_END = "<!-- bench --full: begin -->", "<!-- bench --full: end -->"


def _child(name: str, folder: Path, persons: int, n_weeks: int, start: str = START,
           memory_limit: str = MEMORY_LIMIT) -> dict:
    """One stage in its own process (its peak memory its own), as the stage table prints it."""
    out = subprocess.run([sys.executable, "-m", "pipeline.bench", "--stage", name, "--dir", str(folder),
                          "--persons", str(persons), "--weeks", str(n_weeks), "--start", start,
                          "--memory-limit", memory_limit],
                         capture_output=True, text=True)
    if out.returncode != 0:
        print(out.stderr, file=sys.stderr)
        raise SystemExit(f"stage {name} failed at {persons}x{n_weeks}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _kept_extracts(folder: Path, persons: int, n_weeks: int) -> str | None:
    """When folder/data holds the extracts of an earlier --full --keep of the same size: when they
    were written (else None)."""
    meta = folder / "data" / "synthetic.json"
    if not meta.exists():
        return None
    options = json.loads(meta.read_text(encoding="utf-8")).get("options", {})
    end = weeks.label(weeks.parse_week(FULL_START) + n_weeks - 1)
    if (str(options.get("persons")), options.get("start"), options.get("end")) != (str(persons), FULL_START, end):
        return None
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(meta.stat().st_mtime))


def full(folder: Path, persons: int = FULL_PERSONS, n_weeks: int = FULL_WEEKS, keep: bool = False) -> None:
    """The full population end to end: generate every extract, then `almp run` on it, each timed
    with its peak memory; the result (with the date, the machine and every step of the run over a
    second) replaces the --full section of docs/PERFORMANCE.md. With keep, the extracts stay in
    folder/data, and the next --full --keep runs on them instead of generating them again (half an
    hour); its table says so (regenerate them after a change to the generator: delete the folder)."""
    import platform

    kept = _kept_extracts(folder, persons, n_weeks) if keep else None
    if kept is None:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    started = time.strftime("%Y-%m-%d %H:%M")
    gen = None if kept else _child("generate", folder, persons, n_weeks, FULL_START)
    print(f"generate {gen or 'kept from ' + kept}", flush=True)
    run = _child("pipeline", folder, persons, n_weeks, FULL_START)
    print(f"pipeline {run['seconds']} s, peak {run['peak_mb']} MB", flush=True)
    steps = run.pop("steps", {})
    end = weeks.label(weeks.parse_week(FULL_START) + n_weeks - 1)
    lines = [FULL_BEGIN, "",
             f"Measured {started} by `python -m pipeline.bench --full` on {platform.node() or 'this machine'}: "
             f"{os.cpu_count()} cores, {_memory_gb()} GB of memory, Python {platform.python_version()}.",
             f"{persons:,} persons x {n_weeks:,} weeks ({FULL_START} ... {end}), every extract.", "",
             "| stage | seconds | peak MB | detail |", "|---|---:|---:|---|",
             (f"| generate | {gen['seconds']:.0f} | {gen['peak_mb']} | {gen.get('mb_on_disk', '')} MB on disk |" if gen
              else f"| generate | | | the extracts of {kept}, kept (`--full --keep`), not generated again |"),
             f"| almp run (whole pipeline, no PDF) | {run['seconds']:.0f} | {run['peak_mb']} | |", "",
             "The run's steps over a second (run.json):", "", "| step | seconds |", "|---|---:|"]
    lines += [f"| {k} | {s:.0f} |" for k, s in slowest_steps(steps) if s >= 1]
    lines += ["", FULL_END]
    text = PERFORMANCE.read_text(encoding="utf-8") if PERFORMANCE.exists() else "# Performance\n\n"
    if FULL_BEGIN in text:
        text = text[:text.index(FULL_BEGIN)] + "\n".join(lines) + text[text.index(FULL_END) + len(FULL_END):]
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
    PERFORMANCE.write_text(text, encoding="utf-8")
    print(f"written to {PERFORMANCE}", flush=True)
    if not keep:
        shutil.rmtree(folder, ignore_errors=True)


# A stand-in for the full population, minutes a run instead of half an hour: its 1,700 weeks for
# 1,000,000 persons, with DuckDB's memory limit cut in proportion (10 GB / 5.3), so each step meets
# about the memory pressure it meets at full scale. Its run took a quarter of the full run's (401 s
# against 1,644 s on 2 December 2026; its largest steps 4.1 to 6 times smaller), docs/PERFORMANCE.md.
STANDIN_PERSONS, STANDIN_MEMORY = 1_000_000, "2GB"


def standin(folder: Path) -> None:
    """`almp run` on the stand-in, its steps over a second. The extracts are generated once and kept in
    folder/data (delete the folder to generate them again), so two versions of the code compare on the
    same files, one run after the other."""
    if not (folder / "data" / "synthetic.json").exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        gen = _child("generate", folder, STANDIN_PERSONS, FULL_WEEKS, FULL_START)
        print(f"generate {gen['seconds']:.0f} s, peak {gen['peak_mb']} MB", flush=True)
    run = _child("pipeline", folder, STANDIN_PERSONS, FULL_WEEKS, FULL_START, memory_limit=STANDIN_MEMORY)
    print(f"almp run {run['seconds']:.0f} s, peak {run['peak_mb']} MB "
          f"({STANDIN_PERSONS:,} persons x {FULL_WEEKS:,} weeks, memory limit {STANDIN_MEMORY})", flush=True)
    steps = run.get("steps", {})
    for k, sec in slowest_steps(steps):
        if sec >= 1:
            print(f"  {k:<40} {sec:7.1f}", flush=True)


def _memory_gb() -> int:
    try:
        return round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)
    except (ValueError, OSError):
        return 0


def main() -> None:
    ap = argparse.ArgumentParser(description="Benchmark the DREAM path beside a NumPy RLE baseline.")
    ap.add_argument("--sizes", nargs="+", default=list(DEFAULT_SIZES), help="PERSONSxWEEKS")
    ap.add_argument("--dir", type=Path, default=Path("build/bench"))
    ap.add_argument("--stage", help=argparse.SUPPRESS)
    ap.add_argument("--persons", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--weeks", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--start", default=START, help=argparse.SUPPRESS)
    ap.add_argument("--memory-limit", default=MEMORY_LIMIT, help=argparse.SUPPRESS)
    ap.add_argument("--reruns", action="store_true", help="time runs over time instead of the stages")
    ap.add_argument("--standin", action="store_true",
                    help="the full population's stand-in: 1,000,000 persons x 1,700 weeks at a 2 GB memory limit")
    ap.add_argument("--full", action="store_true",
                    help="the full population (5.3 million x 1,700 weeks) end to end, into docs/PERFORMANCE.md")
    ap.add_argument("--keep", action="store_true",
                    help="with --full: keep the extracts, and run on the kept ones when they are there")
    args = ap.parse_args()
    if args.full:
        full(args.dir / "full", keep=args.keep)
        return
    if args.reruns:
        reruns(args.sizes if args.sizes != list(DEFAULT_SIZES) else list(RERUN_SIZES), args.dir)
        return
    if args.standin:
        standin(args.dir / "standin")
        return
    if args.stage:  # child process: one stage
        print(json.dumps(stage(args.stage, args.dir, args.persons, args.weeks, args.start, args.memory_limit)))
        return
    print(f"{'size':>16} {'stage':>9} {'seconds':>8} {'peak MB':>8}  detail", flush=True)
    for size in args.sizes:
        persons, n_weeks = (int(x) for x in size.lower().split("x"))
        folder = args.dir / size
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        results = {}
        for name in ("generate", "ingest", "sasprep", "sasingest", "spells", "sanctions", "curves", "paidhours",
                     "marts", "disclosure", "pipeline", "baseline"):
            r = results[name] = _child(name, folder, persons, n_weeks)
            detail = ", ".join(f"{k}={v}" for k, v in r.items() if k not in ("stage", "seconds", "peak_mb", "steps"))
            print(f"{size:>16} {name:>9} {r['seconds']:>8} {r['peak_mb']:>8}  {detail}", flush=True)
        ratio = results["ingest"]["seconds"] / max(results["baseline"]["seconds"], 1e-9)
        print(f"{size:>16} ingest (streaming, validated, into DuckDB) = {ratio:.1f} × baseline (read whole matrix + "
              f"RLE); peak memory {results['ingest']['peak_mb']} MB vs {results['baseline']['peak_mb']} MB", flush=True)
        ratio = results["pipeline"]["seconds"] / max(results["baseline"]["seconds"], 1e-9)
        print(f"{size:>16} whole pipeline (almp run) = {ratio:.1f} × baseline; peak memory "
              f"{results['pipeline']['peak_mb']} MB", flush=True)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
