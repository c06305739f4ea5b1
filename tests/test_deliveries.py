"""Quarterly deliveries on one output folder, end to end through the CLI (DATA_CONTRACT.md, "Runs
over time"): a rerun on the same delivery is a no-op; a revised optional extract recomputes what
depends on it and equals a fresh run; the next delivery (one more quarter, a week revised for a few
persons) lists exactly the cells that changed; a fresh run in another process (another hash seed,
another thread schedule) gives byte-identical tables; a second run on the folder is refused, and a
killed run leaves the outputs as they were and its leftovers to the next run to remove."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import runs
from tests.conftest import run_cli

pytestmark = pytest.mark.e2e

GEN = ["--persons", 1500, "--seed", 21, "--start", "2010-W01"]


def tables(folder):
    return {p.name: p.read_bytes() for p in sorted((folder / "tables").glob("*.csv"))}


def cells(folder, name, key):
    with open(folder / "tables" / name, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return {"|".join(r[k] for k in key): r for r in rows}


def revision_rows(out):
    with open(out / "revisions.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def cli_subprocess(*args, env_extra=None):
    env = {**os.environ, "PYTHONHASHSEED": "12345", **(env_extra or {})}
    return subprocess.Popen([sys.executable, "-m", "pipeline.cli", *map(str, args)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def sanctions_withdrawn(data, copy, out):
    """The delivery with its first 20 sanctions withdrawn, run on out: only what reads sanctions reruns.
    The copy's folder and the run's run.json."""
    shutil.copytree(data, copy)
    san = pq.read_table(copy / "sanctions.parquet")
    pq.write_table(san.slice(20), copy / "sanctions.parquet")
    assert run_cli("run", "--data", copy, "--out", out) == 0
    meta = json.loads((out / "run.json").read_text())
    assert meta["recomputed"] == ["sanctions*"]
    return copy, meta


def test_deliveries_over_time(tmp_path, capsys):
    d1, d2, out = tmp_path / "d1", tmp_path / "d2", tmp_path / "out"
    assert run_cli("generate", "--out", d1, "--end", "2022-W39", *GEN) == 0
    assert run_cli("generate", "--out", d2, "--end", "2022-W52", *GEN) == 0
    # delivery 2 revises week 2016-W20 of its first three persons: their benefit is withdrawn
    dream = pq.read_table(d2 / "dream.parquet")
    col = dream.column("y_1620").to_pylist()
    revised = [i for i, v in enumerate(col) if v is not None][:3]
    for i in revised:
        col[i] = None
    pq.write_table(dream.set_column(dream.schema.get_field_index("y_1620"), "y_1620", pa.array(col, pa.int16())),
                   d2 / "dream.parquet")

    # delivery 1, then the same again: nothing to do, and nothing touched
    assert run_cli("run", "--data", d1, "--out", out) == 0
    first = tables(out)
    run_json = (out / "run.json").read_bytes()
    capsys.readouterr()
    t0 = time.perf_counter()
    assert run_cli("run", "--data", d1, "--out", out) == 0
    assert time.perf_counter() - t0 < 30  # generous: it hashes the inputs and stops (typically ~1 s)
    assert "nothing has changed" in capsys.readouterr().err
    assert (out / "run.json").read_bytes() == run_json and tables(out) == first
    assert runs.runs(out)[-1]["outcome"] == "uændret"

    # the sanctions extract is revised (its first 20 sanctions withdrawn): only what reads it reruns
    d1s, meta = sanctions_withdrawn(d1, tmp_path / "d1s", out)
    assert meta["previous_run"]["fingerprint"]["files"]["sanctions.parquet"] != \
        meta["fingerprint"]["files"]["sanctions.parquet"]
    after_sanctions = tables(out)
    assert run_cli("run", "--data", d1s, "--out", tmp_path / "fresh_s") == 0
    assert tables(tmp_path / "fresh_s") == after_sanctions  # incremental = a fresh full run
    changed = [n for n in first if first[n] != after_sanctions[n]]
    assert changed and "tabel_3_1.csv" not in changed and "anciennitet_km.csv" not in changed, changed

    # delivery 2: one more quarter and the revised week; the revision list is exactly the difference
    before = tmp_path / "before"
    shutil.copytree(out / "tables", before / "tables")
    assert run_cli("run", "--data", d2, "--out", out) == 0
    meta = json.loads((out / "run.json").read_text())
    assert meta["recomputed"] == "alt"  # DREAM changed: all of it, but ...
    # ... the tables by period only from the quarter of the revised week 2016-W20 (April-June 2016: 2016Q2);
    # their earlier periods are the last run's rows (the fresh run below makes the same tables)
    assert meta["periods_recomputed"]["first_changed_week"]["dream"] == "2016-W20"
    assert meta["periods_recomputed"]["from_quarter"]["figur_3_1"] == "2016Q2"
    assert meta["periods_recomputed"]["from_quarter"]["sanction_recipients"] == "2016Q2"
    capsys.readouterr()
    assert run_cli("status", "--out", out, "--data", d2) == 0  # the last runs, what they saw, what is stale
    said = capsys.readouterr().out
    assert "the delivery changed from dream 2016-W20" in said and "current: the files" in said
    rows = revision_rows(out)
    listed = {(r["table_id"], r["noegle"], r["kolonne"]) for r in rows if r["art"] == "ændret"}
    from pipeline.report.catalogue import report_tables
    keys = {t.id: list(t.key) for t in report_tables()}
    expected = set()
    for name in sorted(p.name for p in (out / "tables").glob("*.csv")):
        tid = name[:-4]
        new = cells(out, name, keys.get(tid) or [])
        old = cells(before, name, keys.get(tid) or [])
        key = [k for k in (keys.get(tid) or []) if k in next(iter(new.values()), {})]
        for k, r in new.items():
            if k in old:
                expected |= {(tid, k, c) for c in r if c not in key and old[k][c] != r[c]}
    assert listed == expected and len(listed) > 0
    for r in rows:  # every listed cell says what it was and what it is
        if r["art"] == "ændret":
            tid = r["table_id"]
            assert cells(before, f"{tid}.csv", keys.get(tid) or [])[r["noegle"]][r["kolonne"]] == r["tidligere"]
            assert cells(out, f"{tid}.csv", keys.get(tid) or [])[r["noegle"]][r["kolonne"]] == r["ny"]
    assert any(r["art"] == "ny række" and "2022" in r["noegle"] for r in rows)  # the new quarter's periods
    assert 'href="revisioner.html"' in (out / "report" / "index.html").read_text(encoding="utf-8")
    revised_page = (out / "report" / "revisioner.html").read_text(encoding="utf-8")
    assert "ændrede celler" in revised_page
    # the last run was on delivery 1 with its first 20 sanctions withdrawn: against it, delivery 2's sanctions
    # differ from the earliest of those 20 on, so the sanction tables recompute from that week's quarter
    y, w, _ = min(pq.read_table(d1 / "sanctions.parquet").slice(0, 20).column("dato").to_pylist()).isocalendar()
    assert meta["periods_recomputed"]["first_changed_week"]["sanctions"] == f"{y}-W{w:02d}"
    quarters = sorted({q for q in meta["periods_recomputed"]["from_quarter"].values() if q})
    assert "2016Q2" in quarters and f"uge {w} {y}" in revised_page and "DREAM uge 20 2016" in revised_page
    assert f"kun kvartalerne fra {', '.join(quarters)} og de år" in revised_page
    delivered = tables(out)

    # a fresh run of delivery 2 in another process: byte-identical tables and publication
    fresh = cli_subprocess("run", "--data", d2, "--out", tmp_path / "fresh2")
    assert fresh.wait(timeout=900) == 0, fresh.stderr.read()
    assert tables(tmp_path / "fresh2") == delivered
    for p in sorted((out / "publication").glob("*.csv")):
        assert p.read_bytes() == (tmp_path / "fresh2" / "publication" / p.name).read_bytes(), p.name

    # a run holding the folder: a second one is refused at once and names it; then it is killed
    proc = cli_subprocess("run", "--data", d1, "--out", out)
    deadline = time.time() + 120
    while time.time() < deadline:
        holder = runs.Lock(out).holder()
        if holder and holder["pid"] == proc.pid and any((s / "warehouse.duckdb").exists()
                                                       for s in out.glob(".staging-*")):
            break
        time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("the run in the subprocess did not start")
    capsys.readouterr()
    assert run_cli("run", "--data", d2, "--out", out) == 1
    assert f"pid {proc.pid}" in capsys.readouterr().err
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert list(out.glob(".staging-*")), "the killed run should have left its staging folder"
    assert tables(out) == delivered  # the outputs are the last finished run's, whole
    capsys.readouterr()
    assert run_cli("run", "--data", d2, "--out", out) == 0  # delivery 2 is current: a no-op that cleans up
    err = capsys.readouterr().err
    assert "removed .staging-" in err and "nothing has changed" in err
    assert not list(out.glob(".staging-*")) and not (out / runs.LOCK).exists()
    assert tables(out) == delivered

    # delivery 2 with its first 20 sanctions withdrawn: only what reads sanctions reruns, from the last
    # run's warehouse, which holds what that run found about delivery 2; this run finds its own: only the
    # sanctions changed, from the week of the earliest withdrawn sanction
    _, meta = sanctions_withdrawn(d2, tmp_path / "d2s", out)
    found = meta["periods_recomputed"]
    assert list(found["first_changed_week"]) == ["sanctions"], found
    assert "figur_3_1" not in found["from_quarter"] and "sanction_cells" in found["from_quarter"]
