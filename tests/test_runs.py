"""Runs over time on one output folder (pipeline/runs.py, pipeline/revisions.py): the lock, what a
killed run leaves, fingerprints and what they say changed, the revision list. The pieces by hand
here; tests/test_deliveries.py runs them end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

import pytest

from pipeline import revisions, runs
from pipeline.errors import AlmpError


def test_a_second_lock_names_the_holder_and_is_refused(tmp_path):
    with runs.Lock(tmp_path):
        holder = json.loads((tmp_path / runs.LOCK).read_text())
        assert holder["pid"] == os.getpid()
        with pytest.raises(AlmpError) as e:
            with runs.Lock(tmp_path):
                pass
        assert f"pid {os.getpid()}" in str(e.value) and holder["started"] in str(e.value)
        assert "--wait" in str(e.value)
    assert not (tmp_path / runs.LOCK).exists()  # released on exit


def test_a_lock_whose_process_is_gone_is_taken_over(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # reaped: its pid no longer names a process
    (tmp_path / runs.LOCK).write_text(json.dumps({"pid": dead.pid, "host": os.uname().nodename,
                                                  "started": "2026-01-01T00:00:00+00:00"}))
    with runs.Lock(tmp_path):
        assert json.loads((tmp_path / runs.LOCK).read_text())["pid"] == os.getpid()


def test_wait_takes_the_lock_when_the_holder_lets_go(tmp_path):
    first = runs.Lock(tmp_path).__enter__()
    threading.Timer(0.3, first.__exit__).start()  # the first run ends
    t0 = time.perf_counter()
    with runs.Lock(tmp_path, wait=True, poll=0.05):
        waited = time.perf_counter() - t0
    assert waited >= 0.25


def _outputs(folder, tag):
    (folder / "tables").mkdir(parents=True)
    (folder / "tables" / "t.csv").write_text(f"a\n{tag}\n")
    (folder / "run.json").write_text(json.dumps({"tag": tag}))


def test_publish_replaces_the_outputs_and_leaves_nothing_behind(tmp_path):
    out, staging = tmp_path, tmp_path / ".staging-1-x"
    _outputs(out, "old")
    _outputs(staging, "new")
    runs.publish(staging, out)
    assert (out / "tables" / "t.csv").read_text() == "a\nnew\n"
    assert sorted(p.name for p in out.iterdir()) == ["run.json", "tables"]


def test_recover_rolls_back_a_publish_killed_half_way(tmp_path):
    """The journal is written, the previous tables moved aside and the new run.json moved in, then
    the process dies: the next run puts the previous outputs back whole (not one run's tables and
    the other's run.json) and removes the staging folder."""
    out = tmp_path
    _outputs(out, "old")
    staging = out / ".staging-7-x"
    _outputs(staging, "new")
    previous = out / ".previous-7"
    (out / runs.JOURNAL).write_text(json.dumps({"staging": str(staging), "previous": str(previous)}))
    previous.mkdir()
    for name in ("tables", "run.json"):
        (out / name).replace(previous / name)
    (staging / "run.json").replace(out / "run.json")  # killed here
    done = runs.recover(out)
    assert json.loads((out / "run.json").read_text()) == {"tag": "old"}
    assert (out / "tables" / "t.csv").read_text() == "a\nold\n"
    assert sorted(p.name for p in out.iterdir()) == ["run.json", "tables"]
    assert any("rolled back" in d for d in done) and any(".staging-7-x" in d for d in done)


def test_changes_names_the_extracts_behind_the_changed_files(tmp_path):
    data = tmp_path / "data"
    (data / "dream").mkdir(parents=True)
    for name in ("dream/dream2014.csv", "sanctions.csv", "visitation.parquet"):
        (data / name).write_text(name)
    fp1 = runs.fingerprint(data, {"reference_week": "2014-W20"})
    assert runs.changes(fp1, runs.fingerprint(data, {"reference_week": "2014-W20"}))["files"] == []
    (data / "sanctions.csv").write_text("revised")
    (data / ".hidden").write_text("not an input")
    ch = runs.changes(fp1, runs.fingerprint(data, {"reference_week": "2014-W20"}))
    assert ch["files"] == ["sanctions.csv"] and ch["extracts"] == {"sanctions"}
    assert not ch["code"] and not ch["parameters"]
    (data / "dream" / "dream2015.csv").write_text("a new year")
    ch = runs.changes(fp1, runs.fingerprint(data, {"reference_week": "2014-W21"}))
    assert ch["extracts"] == {"sanctions", "dream"} and ch["parameters"]
    assert runs.changes(None, fp1)["first"]


def test_only_a_run_that_left_every_table_current_is_a_base_for_the_next_delivery():
    # a full run, and one that recomputed what depends on the changed optional extracts, left every table
    # made from their inputs; a run limited by --select did not, and no run at all is no base
    assert runs.whole({"recomputed": "alt"}) and runs.whole({"recomputed": ["loentimer*", "sanctions*"]})
    assert not runs.whole({"recomputed": ["tabel_3_1+"]}) and not runs.whole({"recomputed": ["dream*", "x*"]})
    assert not runs.whole(None) and not runs.whole({"recomputed": []})


def test_revisions_list_changed_cells_new_and_removed_rows_by_key(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    # rows in another order are the same rows: found by the key (aar, kategori), not the line
    (old / "t.csv").write_text("aar,kategori,antal,andel\n2014,a,10,50.0\n2014,b,10,50.0\n2015,a,4,100.0\n")
    (new / "t.csv").write_text("aar,kategori,antal,andel\n2014,b,10,50.0\n2014,a,12,54.5\n2016,a,3,100.0\n")
    (new / "u.csv").write_text("x\n1\n")
    rows = revisions.compare(old, new, {"t": ["aar", "kategori"]})
    assert [(r["table_id"], r["noegle"], r["kolonne"], r["tidligere"], r["ny"], r["art"]) for r in rows] == [
        ("t", "2014|a", "antal", "10", "12", "ændret"),
        ("t", "2014|a", "andel", "50.0", "54.5", "ændret"),
        ("t", "2016|a", "", "", "", "ny række"),
        ("t", "2015|a", "", "", "", "fjernet række"),
        ("u", "", "", "", "", "ny tabel"),
    ]
    s = revisions.summary(rows)
    assert s["cells_changed"] == 2 and s["rows_new"] == 1
    assert s["tables"]["t"] == {"ændret": 2, "ny række": 1, "fjernet række": 1, "ny tabel": 0}


def test_recover_after_a_kill_while_the_new_outputs_moved_in(tmp_path):
    """Killed after the old outputs went aside and some new ones (here revisions.csv, which the
    previous run did not have) moved in: none of the new stays beside the old."""
    out = tmp_path
    _outputs(out, "old")
    previous = out / ".previous-9"
    previous.mkdir()
    for name in ("tables", "run.json"):
        (out / name).replace(previous / name)
    (out / "revisions.csv").write_text("table_id\n")  # the new run's, moved in before the kill
    (out / runs.JOURNAL).write_text(json.dumps({"staging": str(out / ".staging-9-x"), "previous": str(previous),
                                                "phase": "in"}))
    runs.recover(out)
    assert sorted(p.name for p in out.iterdir()) == ["run.json", "tables"]
    assert json.loads((out / "run.json").read_text()) == {"tag": "old"}


def test_recover_after_a_kill_while_the_old_outputs_went_aside(tmp_path):
    """Killed after tables went aside but before run.json did: both are back, nothing is lost."""
    out = tmp_path
    _outputs(out, "old")
    previous = out / ".previous-8"
    previous.mkdir()
    (out / "tables").replace(previous / "tables")
    (out / runs.JOURNAL).write_text(json.dumps({"staging": str(out / ".staging-8-x"), "previous": str(previous),
                                                "phase": "aside"}))
    runs.recover(out)
    assert sorted(p.name for p in out.iterdir()) == ["run.json", "tables"]
    assert (out / "tables" / "t.csv").read_text() == "a\nold\n"
    assert json.loads((out / "run.json").read_text()) == {"tag": "old"}


def test_the_lock_is_let_go_when_its_process_is_killed(tmp_path):
    """A run killed with SIGKILL cannot remove its lock file; the operating system lets go of the
    lock, and the next run takes it at once."""
    code = ("import sys, time; from pipeline import runs; l = runs.Lock(sys.argv[1]).__enter__(); "
            "print('locked', flush=True); time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    with pytest.raises(AlmpError, match=f"pid {proc.pid}"):
        runs.Lock(tmp_path).__enter__()
    assert runs.Lock(tmp_path).holder()["pid"] == proc.pid
    proc.kill()
    proc.wait()
    assert (tmp_path / runs.LOCK).exists() and runs.Lock(tmp_path).holder() is None
    with runs.Lock(tmp_path):
        assert runs.Lock(tmp_path).holder()["pid"] == os.getpid()


def test_a_failed_disclosure_audit_publishes_nothing_and_names_the_check(tmp_path, capsys):
    """The audit is a blocking check: with secondary suppression off, the fixture's small cells of Tabel 3.1 can
    be derived from its totals, the run stops with exit 1 and says which check, and nothing is published."""
    from tests.conftest import run_cli
    from tests.dreamfix import write_dream
    from tests.population import FIRST, LAST, PERSONS

    write_dream(tmp_path / "data", PERSONS, FIRST, LAST, fmt="csv")
    out = tmp_path / "out"
    code = run_cli("run", "--data", tmp_path / "data", "--out", out, "--select", "*tabel_3_1", "disclosure",
                   "--set", "secondary_suppression=false")
    err = capsys.readouterr().err
    assert code == 1
    assert "asset check(s) failed, nothing published: disclosure: revision_bestaaet" in err
    assert "internal error" not in err
    assert sorted(p.name for p in out.iterdir()) == [".cache", "runs.jsonl"]  # no tables, no staging folder
    last = runs.runs(out)[-1]
    assert last["outcome"] == "kontrol fejlede" and last["checks"] == ["disclosure: revision_bestaaet"]
