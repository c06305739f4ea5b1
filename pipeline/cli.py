"""The `almp` command line (DATA_CONTRACT.md §1).

Exit codes: 0 success, 2 bad arguments, 3 bad input data, 1 anything else; a user
error prints a message, never a traceback (use --verbose for one).

`almp run` builds everything in OUT/.staging-<pid>/ and only moves the result into
OUT when the whole run succeeded: a failed run publishes nothing half-written, and
leaves the previous outputs as they were. Rejected input rows are always kept in
OUT/rejected/.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import tempfile
import sys
import time
from pathlib import Path

from pipeline import weeks
from pipeline.errors import AlmpError, UsageError

CACHE = ".cache"  # OUT/.cache: figures and disclosure work kept between runs (pipeline/cache.py)



def _week_arg(value: str) -> str:
    try:
        weeks.parse_week(value)
    except weeks.WeekError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return value


def _parser() -> argparse.ArgumentParser:
    from pipeline.report.render import code_version

    p = argparse.ArgumentParser(prog="almp", description="Register statistics on Danish active labour market "
                                "policy: DREAM extracts -> DuckDB -> report.")
    p.add_argument("--verbose", action="store_true", help="show Dagster's log and tracebacks")
    p.add_argument("--version", action="version", version=f"almp {code_version()}")
    sub = p.add_subparsers(dest="command", required=True)
    fmt = argparse.ArgumentDefaultsHelpFormatter  # every option's help shows its default

    run = sub.add_parser("run", help="load every extract in --data, materialise all assets, write --out",
                         formatter_class=fmt)
    run.add_argument("--data", required=True, type=Path, help="folder of extracts (DATA_CONTRACT.md §2)")
    run.add_argument("--out", required=True, type=Path, help="output folder (DATA_CONTRACT.md §3)")
    run.add_argument("--reference-week", type=_week_arg, default="2014-W20", help="Tabel 3.1's stock week (ISO week, YYYY-Www)")
    run.add_argument("--select", nargs="+", help="only these assets (Dagster selection syntax, e.g. 'tabel_3_1+'); "
                     "their inputs are taken from OUT's existing warehouse")
    run.add_argument("--max-gap-weeks", type=int, default=3, help="gaps of at most this many weeks are bridged within a spell")
    run.add_argument("--long-term-pct", type=int, default=80,
                     help="per cent of the weeks on public support that make it long-term")
    run.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                     help="any other parameter (`almp params` lists them with their defaults and meanings), "
                          "e.g. --set activation_end_week=2014-W26 --set company_quarter=2014Q1 (repeatable)")
    run.add_argument("--memory-limit", default="10GB",
                     help="DuckDB's memory limit; it spills to disk beyond it")
    run.add_argument("--max-rejected", type=int, default=0,
                     help="rejected input rows tolerated before the run stops with exit code 3")
    run.add_argument("--wait", action="store_true",
                     help="if another run holds --out, wait for it to finish instead of stopping at once")
    run.add_argument("--quiet", action="store_true",
                     help="no progress and no closing summary: only warnings, errors and the report's path")
    run.add_argument("--force", action="store_true",
                     help="run everything even if nothing changed since the last run")
    run.add_argument("--shards", type=int, default=1, metavar="N",
                     help="compute the person-level models in N person shards (by a hash of pnr), each in a "
                          "database of its own, and combine them: the same tables, in bounded memory per shard "
                          "(docs/PERFORMANCE.md)")
    run.add_argument("--models", action="append", default=[], type=Path, metavar="DIR",
                     help="a folder of your own SQL models with their metadata (docs/EXTENDING.md), run with the "
                          "package's models: new assets, report sections and publication tables (repeatable)")

    gen = sub.add_parser("generate", help="write a synthetic set of extracts in the input layout", formatter_class=fmt)
    gen.add_argument("--out", required=True, type=Path, help="the data folder to write (DREAM, the other extracts, "
                     "jobindsats/ and synthetic.json)")
    gen.add_argument("--persons", type=int, default=200_000, help="synthetic persons (the population aged 16-64 is "
                     "3.56 million: counts in the report are scaled up)")
    gen.add_argument("--seed", type=int, default=2014, help="the same seed gives the same files, byte for byte")
    gen.add_argument("--start", type=_week_arg, default="2008-W01", help="first ISO week of the extract")
    gen.add_argument("--end", type=_week_arg, default="2022-W52", help="last ISO week; a later --end repeats the "
                     "history of an earlier one (a later delivery)")
    gen.add_argument("--layout", choices=("wide", "yearly"), default="wide",
                     help="DREAM as one wide file (y_YYWW columns) or one file a year (y_WW columns)")
    gen.add_argument("--format", choices=("parquet", "csv"), default="parquet", help="file format of the extracts")
    gen.add_argument("--workers", type=int, default=None, help="processes that simulate the persons (default: the "
                     "machine's cores, at most 4); the files are the same whatever the number")

    rep = sub.add_parser("report", help="re-render the report from already materialised tables", formatter_class=fmt)
    rep.add_argument("--out", required=True, type=Path, help="the output folder of almp run")

    sub.add_parser("params", help="list every parameter of the statistics with its default and meaning")

    ji = sub.add_parser("jobindsats", help="Jobindsats tables: fetch one from the API into a data folder",
                        formatter_class=fmt)
    jsub = ji.add_subparsers(dest="jobindsats_command", required=True)
    fe = jsub.add_parser("fetch", help="fetch a table from the Jobindsats API (key in JOBINDSATS_API_KEY)",
                         formatter_class=fmt)
    fe.add_argument("--table", required=True, help="the table's id, e.g. Y01A02")
    fe.add_argument("--period", required=True, help="the API's period selection, e.g. 2021M01, 'l(m:12)', 2020QMAT02")
    fe.add_argument("--area", default="Hele landet", help="an area or '*'")
    fe.add_argument("--filter", action="append", default=[], metavar="DIMENSION=VALUE",
                    help="a dimension selection, e.g. _kon=* (repeatable)")
    fe.add_argument("--api", choices=("v2", "v3"), default="v2", help="the API version")
    fe.add_argument("--format", choices=("json", "csv"), default="json", help="v2 only; v3 answers JSON")
    fe.add_argument("--retries", type=int, default=4, help="retries on no answer, 429 and 5xx")
    fe.add_argument("--out", required=True, type=Path, help="the folder to write to, e.g. DATA/jobindsats")

    st = sub.add_parser("status", help="the last runs on an output folder, what they saw, and what is stale now",
                        formatter_class=fmt)
    st.add_argument("--out", required=True, type=Path, help="the output folder of almp run")
    st.add_argument("--data", type=Path, help="the data folder to compare with (default: the last run's)")
    return p


def _quiet_dagster(verbose: bool) -> None:
    os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")
    if not verbose:
        logging.getLogger("dagster").setLevel(logging.CRITICAL)
        for name in ("dagster", "alembic", "sqlalchemy"):
            logging.getLogger(name).propagate = False
    import warnings

    warnings.filterwarnings("ignore")


def _settings(pairs: list[str]) -> dict:
    """--set NAME=VALUE pairs, checked against AlmpSettings (bad ones are exit 2)."""
    from pipeline.settings import AlmpSettings

    fields = AlmpSettings.model_fields
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or name not in fields or name in ("data_dir", "work_dir"):
            known = ", ".join(f for f in fields if f not in ("data_dir", "work_dir"))
            raise UsageError(f"--set {pair}: expected NAME=VALUE with NAME one of {known}")
        kind = fields[name].annotation
        try:
            if kind is bool:
                if value.lower() not in ("true", "false", "1", "0", "ja", "nej"):
                    raise ValueError(f"{value!r} is not true or false")
                out[name] = value.lower() in ("true", "1", "ja")
            else:
                out[name] = int(value) if kind is int else value
            if kind is str and "week" in name:
                weeks.parse_week(value)
            if name in ("company_quarter", "flow_quarter"):
                weeks.quarter_weeks(value)
        except (ValueError, weeks.WeekError) as e:
            raise UsageError(f"--set {pair}: {e}") from None
    return out


def cmd_run(args) -> int:
    from pipeline.runs import Lock, recover

    if args.shards < 1:
        raise UsageError(f"--shards {args.shards}: give 1 (no shards) or more")
    if not args.data.is_dir():
        raise UsageError(f"--data {args.data}: no such folder")
    for d in args.models:
        if not d.is_dir():
            raise UsageError(f"--models {d}: no such folder")
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    with Lock(out, wait=args.wait):
        for done in recover(out):
            print(f"almp: {done}", file=sys.stderr)
        return _run(args, out)


def _run(args, out: Path) -> int:
    import dagster as dg
    from dagster._core.errors import DagsterAssetCheckFailedError  # raised by a blocking check (not exported)

    from pipeline import cache, delivery, revisions, runs, tune_gc
    from pipeline.defs import all_assets, build_resources, close_warehouse
    from pipeline.errors import InputError
    from pipeline.progress import Progress
    from pipeline.report.catalogue import report_tables
    from pipeline.report.pdf import print_pdf
    from pipeline.report.render import PRINT_PAGE, render_report, write_meta

    own = tuple(str(d.resolve()) for d in args.models)
    params = {"reference_week": args.reference_week, "max_gap_weeks": args.max_gap_weeks,
              "long_term_pct": args.long_term_pct, "max_rejected": args.max_rejected, **_settings(args.set),
              "models_dir": ",".join(own)}
    started = runs.now()
    t0, t_start = time.perf_counter(), time.time()
    # what changed since the last finished run: nothing (a no-op), some optional extracts (recompute
    # what depends on them), or DREAM, the code or the parameters (everything)
    fingerprint = runs.fingerprint(args.data, build_resources(args.data, out, **params)["settings"].parameters(), own)
    previous = runs.last_run(out)
    changed = runs.changes(previous and previous.get("fingerprint"), fingerprint)
    if not args.select and not args.force and not (changed["files"] or changed["code"] or changed["parameters"]):
        print(f"almp: nothing has changed since the run that finished {previous.get('finished')} (same input files, "
              f"code and parameters): the outputs in {out} are current", file=sys.stderr)
        runs.log_run(out, {"started": started, "finished": runs.now(), "outcome": "uændret",
                           "seconds": round(time.perf_counter() - t0, 2), "data": str(args.data.resolve())})
        print(out / "report" / "index.html")
        return 0
    selection = args.select
    incremental = (not selection and not args.force and previous is not None and not changed["code"]
                   and not changed["parameters"] and runs.optional_only(changed["extracts"]))
    if incremental:  # only optional extracts changed: they and what depends on them
        selection = [f"{e}*" for e in sorted(changed["extracts"])]
    recomputed = selection or "alt"
    # a fresh folder per run, never a reused path: DuckDB keeps a database instance per path
    # for the life of the process, so a second run in one process (tests, notebooks) must
    # not open a path whose file an earlier, failed run removed
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{os.getpid()}-", dir=out))
    if selection and (out / "warehouse.duckdb").exists():  # the rest stays as the last run left it
        shutil.copy2(out / "warehouse.duckdb", staging / "warehouse.duckdb")
        delivery.forget(staging / "warehouse.duckdb")
        if (out / "tables").exists():
            shutil.copytree(out / "tables", staging / "tables")
    # the tables by period recompute only the periods the delivery changed (pipeline/delivery.py) when the
    # code and parameters are the last run's
    since = {}
    if (not args.select and not args.force and runs.whole(previous) and not changed["code"]
            and not changed["parameters"] and (out / "warehouse.duckdb").exists()):
        since = {"previous_warehouse": str(out / "warehouse.duckdb"),
                 "changed_extracts": ",".join(sorted(e for e in changed["extracts"] if e))}
    try:
        resources = build_resources(args.data.resolve(), staging, memory_limit=args.memory_limit,
                                    cache_dir=str(out / CACHE), report_pages=False, **params, **since)
        assets, checks = all_assets(own, args.shards)
        tune_gc()
        shard_steps = args.shards + 1 if args.shards > 1 else 0  # the person shards' graph: split, N shards, combine
        progress = Progress(None if selection else len(assets) + len(checks) + shard_steps,
                            mode="quiet" if args.quiet or args.verbose else "auto")
        try:
            log_level = "DEBUG" if args.verbose else "CRITICAL"
            result = dg.materialize([*assets, *checks], selection=selection, resources=resources,
                                    instance=progress.attach(dg.DagsterInstance.ephemeral()), raise_on_error=True,
                                    run_config={"loggers": {"console": {"config": {"log_level": log_level}}}})
        except InputError as e:
            if (staging / "rejected").exists():
                shutil.rmtree(out / "rejected", ignore_errors=True)
                (staging / "rejected").replace(out / "rejected")
            _discard(staging)
            runs.log_run(out, {"started": started, "finished": runs.now(), "outcome": "fejl i inddata"})
            # the rejected rows are published: name the file where the user will find it
            raise InputError(e.file, e.problem.replace(str(staging), str(out)), e.row, e.column) from None
        except DagsterAssetCheckFailedError as e:  # a blocking check stopped its asset's step
            failed = [line.strip() for line in str(e).splitlines()[1:] if line.strip()]
            raise _checks_failed(out, staging, started, failed) from None
        except BaseException:
            _discard(staging)
            raise
        finally:
            progress.close()
        if not result.success:
            _discard(staging)
            raise AlmpError("the run failed; rerun with --verbose for Dagster's log")
        evaluations = result.get_asset_check_evaluations()
        for e in evaluations:  # a warning (advarsel) is said, and the run goes on
            if not e.passed and e.severity == dg.AssetCheckSeverity.WARN:
                print(f"almp: advarsel: {e.asset_key.to_user_string()} {e.asset_check_key.name}: "
                      f"{e.metadata.get('offending_rows').value if e.metadata.get('offending_rows') else ''} rows "
                      f"({e.metadata['first'].value if e.metadata.get('first') else ''})", file=sys.stderr)
        failed_checks = [e.asset_check_key.name for e in evaluations
                         if not e.passed and e.severity != dg.AssetCheckSeverity.WARN]
        if failed_checks:
            raise _checks_failed(out, staging, started, failed_checks)
        n_warnings = sum(1 for e in evaluations if not e.passed and e.severity == dg.AssetCheckSeverity.WARN)
        timings = {ev.step_key: round(ev.event_specific_data.duration_ms / 1000, 3)
                   for ev in result.get_step_success_events()}
        timings["total"] = round(time.perf_counter() - t0, 3)
        revised = None
        if previous is not None and (out / "tables").exists():
            rows = revisions.compare(out / "tables", staging / "tables", {t.id: list(t.key) for t in report_tables(own)})
            revisions.write(rows, staging / "revisions.csv")
            revised = revisions.summary(rows)
        con = resources["duckdb"]
        finished = runs.now()
        with con.get_connection() as c:
            by_period = delivery.recomputed(c)
            write_meta(c, periods_recomputed=by_period, timings=timings, started=started,
                       finished=finished, fingerprint=fingerprint,
                       previous_run={"started": previous.get("started"), "finished": previous.get("finished"),
                                     "fingerprint": previous.get("fingerprint")} if previous else None,
                       recomputed=recomputed, revisions=revised, shards=args.shards)
            html = render_report(c, staging, draw_figures=False, extra=own)  # the report asset drew the figures
        print_pdf(html.with_name(PRINT_PAGE), shown_as=out / "report" / PRINT_PAGE)  # the staging folder is renamed
    finally:  # the warehouse file is moved or removed next: its open database goes first
        close_warehouse(staging / "warehouse.duckdb")
    shutil.rmtree(staging / "tmp", ignore_errors=True)
    runs.publish(staging, out)
    cache.prune(out / CACHE, since=t_start)  # keep what this run used: the next delivery's likely hits
    runs.log_run(out, {"started": started, "finished": finished, "outcome": "ok",
                       "recomputed": recomputed, "seconds": timings["total"],
                       "first_changed_week": by_period and by_period["first_changed_week"],
                       "data": str(args.data.resolve()), "changed_files": changed["files"][:20],
                       "fingerprint": fingerprint})
    if not args.quiet:
        _summary(out, timings["total"], recomputed, n_warnings)
    print(out / "report" / "index.html")
    return 0


def _summary(out: Path, seconds: float, recomputed, n_warnings: int) -> None:
    """The closing lines of a run: how long, what it made, where to find it."""
    n_tables = len(list((out / "tables").glob("*.csv")))
    n_figures = len(list((out / "figures").glob("*.png")))
    what = "everything" if recomputed == "alt" else f"what depends on {', '.join(recomputed)}"
    print(f"almp: done in {seconds:.0f} s (recomputed {what}): {n_tables} tables, {n_figures} figures, "
          f"{n_warnings} {'warning' if n_warnings == 1 else 'warnings'}", file=sys.stderr)
    print(f"almp: report {out / 'report' / 'index.html'}; for release {out / 'publication'} (after disclosure "
          f"control); exact tables {out / 'tables'} (secure environment only)", file=sys.stderr)


def _checks_failed(out: Path, staging: Path, started: str, failed: list[str]) -> AlmpError:
    """A run stopped by failed checks (whether Dagster raised or returned them): nothing of it is
    kept, the run log says which checks, and the error to raise names them."""
    from pipeline import runs

    _discard(staging)
    runs.log_run(out, {"started": started, "finished": runs.now(), "outcome": "kontrol fejlede", "checks": failed})
    return AlmpError(f"asset check(s) failed, nothing published: {', '.join(failed)}")


def _discard(staging: Path) -> None:
    """A failed run's staging folder: its warehouse closed, then removed."""
    from pipeline.defs import close_warehouse

    close_warehouse(staging / "warehouse.duckdb")
    shutil.rmtree(staging, ignore_errors=True)


def cmd_generate(args) -> int:
    from pipeline.synth.generate import GenerateOptions, generate
    from pipeline.synth.workers import default_workers

    if args.persons < 1:
        raise UsageError("--persons must be at least 1")
    if weeks.parse_week(args.end) < weeks.parse_week(args.start):
        raise UsageError(f"--end {args.end} is before --start {args.start}")
    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1")
    t0 = time.perf_counter()
    m = generate(GenerateOptions(out=args.out, persons=args.persons, seed=args.seed, start=args.start,
                                 end=args.end, layout=args.layout, fmt=args.format),
                 workers=args.workers or default_workers())
    c = m["counts"]
    print(f"wrote {c['persons']} persons × {m['weeks']} weeks ({args.layout}, {args.format}), "
          f"{c['visitation_records']} visitation records, {c['activation_spells']} activation spells, "
          f"{c['sanctions']} sanctions and {c['loentimer_records']} monthly paid-hours records "
          f"to {args.out} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


def cmd_report(args) -> int:
    import duckdb

    from pipeline.cache import Cache
    from pipeline.report.pdf import print_pdf
    from pipeline.report.render import PRINT_PAGE, render_report

    db = args.out / "warehouse.duckdb"
    if not db.exists():
        raise UsageError(f"--out {args.out}: no warehouse.duckdb; run `almp run` first")
    try:
        con = duckdb.connect(str(db))
    except duckdb.IOException as e:  # say so at once rather than wait for a lock
        raise AlmpError(f"{db} cannot be opened (is another almp or dagster process using it?): {e}") from None
    with con:
        path = render_report(con, args.out, store=Cache(args.out / CACHE))
    print_pdf(path.with_name(PRINT_PAGE))
    print(path)
    return 0


def cmd_status(args) -> int:
    """What ran on --out, on which inputs, and whether the outputs are current."""
    from pipeline import runs

    out = args.out.resolve()
    log = runs.runs(out)
    if not log and not (out / "run.json").exists():
        raise UsageError(f"--out {args.out}: no run has written here")
    holder = runs.Lock(out).holder()
    if holder:
        print(f"running now: pid {holder['pid']} on {holder.get('host')}, started {holder.get('started')}")
    print("last runs:")
    for r in log[-5:]:
        what = r.get("recomputed")
        took = f" in {r['seconds']} s" if r.get("seconds") is not None else ""
        what = "" if what is None else f", recomputed: {what if isinstance(what, str) else ' '.join(what)}"
        since = r.get("first_changed_week")  # the tables by period recomputed from there (pipeline/delivery.py)
        since = f"; the delivery changed from {', '.join(f'{e} {w}' for e, w in since.items() if w)}" if since else ""
        print(f"  {r.get('started')} → {r.get('finished')}: {r.get('outcome')}{took}{what}{since}")
    last = runs.last_run(out)
    if last is None:
        print("no finished run: nothing is current")
        return 0
    fp = last.get("fingerprint") or {}
    print(f"inputs of the last finished run ({last.get('finished')}):")
    for f, h in sorted(fp.get("files", {}).items()):
        print(f"  {f}  sha256 {h[:16]}…")
    data = args.data or (Path(last["data_dir"]) if last.get("data_dir") else None)
    if data is None or not Path(data).is_dir():
        print("the data folder is not here: cannot say what is stale")
        return 0
    params = last.get("parameters") or {}
    current = runs.fingerprint(Path(data), params, tuple(d for d in str(params.get("models_dir", "")).split(",") if d))
    ch = runs.changes(fp, current)
    if not ch["files"] and not ch["code"]:
        print(f"current: the files in {data} and the code are as the last run saw them")
        return 0
    print("stale:")
    for f in ch["files"]:
        print(f"  {f}: {'new' if f not in fp.get('files', {}) else 'gone' if f not in current['files'] else 'changed'}"
              f" (recomputes {runs.extract_of(f) or 'everything'} and what depends on it)")
    if ch["code"]:
        print("  the code has changed since (recomputes everything)")
    return 0


def cmd_jobindsats(args) -> int:
    from pipeline.ingest.jobindsats_fetch import fetch

    filters = {}
    for pair in args.filter:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UsageError(f"--filter {pair}: expected DIMENSION=VALUE, e.g. _kon=*")
        filters[name] = value
    path = fetch(args.table, args.period, args.area, args.out, api=args.api, fmt=args.format, filters=filters,
                 retries=args.retries)
    print(path)
    return 0


def cmd_params(args) -> int:
    """Every parameter with its default and meaning: what --set NAME=VALUE can change."""
    from pipeline.settings import parameter_docs

    docs = parameter_docs()
    width = max(len(n) for n, _, _ in docs)
    for name, default, meaning in docs:
        print(f"{name:<{width}}  {default!s:<22}  {meaning}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _quiet_dagster(args.verbose)
    try:
        return {"run": cmd_run, "generate": cmd_generate, "report": cmd_report,
                "status": cmd_status, "jobindsats": cmd_jobindsats, "params": cmd_params}[args.command](args)
    except AlmpError as e:
        if args.verbose:
            raise
        print(f"almp: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("almp: interrupted", file=sys.stderr)
        return 1
    except Exception as e:  # a bug, not a user error: say so briefly
        if args.verbose:
            raise
        print(f"almp: internal error: {type(e).__name__}: {e} (rerun with --verbose for the traceback)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
