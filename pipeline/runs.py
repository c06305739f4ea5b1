"""Runs over time on one output folder (docs/DATA_CONTRACT.md, "Runs over time").

* **One run at a time**: `OUT/.almp.lock` is locked (flock) by the running run and names its pid,
  host and start; a second run names it and stops (exit 1), or waits (`--wait`). The operating
  system lets go of the lock when its process ends, however it ends.
* **Nothing half-written**: a run builds in `OUT/.staging-*`; publishing moves the previous
  outputs aside, the new ones in, then deletes the old, with a journal (`OUT/.publishing`) so
  that a run killed while publishing is rolled back by the next run, which also removes the
  staging folders killed runs left.
* **Fingerprints**: every input file's SHA-256, the code (its Python, SQL, metadata and reference
  data) and the parameters. A run on the same fingerprint as the last finished one changes
  nothing and says so in seconds; one where only some optional extracts changed recomputes only
  what depends on them. `OUT/runs.jsonl` logs every run; `almp status` reads it.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import socket
import time
from datetime import datetime, timezone
from pathlib import Path

from pipeline import ASSETS, ROOT, SQL_DIR
from pipeline.errors import AlmpError
from pipeline.ingest.files import sha256
from pipeline.models import PYTHON_TABLES

LOCK, JOURNAL, LOG = ".almp.lock", ".publishing", "runs.jsonl"
PUBLISHED = ("warehouse.duckdb", "tables", "publication", "figures", "report", "run.json", "rejected",
             "revisions.csv")
# the extracts of the data folder: each is read by the ingestion asset of its name (dream/ or
# dream.parquet -> dream); the code list is the project's own reference data
EXTRACTS = tuple(a for a in PYTHON_TABLES if a != "code_list")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Lock:
    """OUT/.almp.lock, held for the life of a run: an advisory lock of the operating system
    (flock), so a run that dies for any reason, SIGKILL included, lets go of it at once; the file's
    text only names the holder for the next run's message."""

    def __init__(self, out: Path, wait: bool = False, poll: float = 2.0):
        self.path, self.wait, self.poll = Path(out) / LOCK, wait, poll
        self.fd: int | None = None

    def _try(self) -> int | None:
        """The locked file's descriptor, or None when another process holds it."""
        fd = os.open(self.path, os.O_CREAT | os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        try:  # the holder before us may have removed the file as we opened it: lock the one at the path
            if os.fstat(fd).st_ino == os.stat(self.path).st_ino:
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)
        return self._try()

    def __enter__(self):
        told = False
        while (fd := self._try()) is None:
            holder = self.holder() or {}
            who = f"pid {holder.get('pid')} on {holder.get('host')}, started {holder.get('started')}"
            if not self.wait:
                raise AlmpError(f"{self.path.parent} is in use by almp run ({who}); wait for it or rerun with --wait")
            if not told:
                print(f"almp: waiting for the run holding {self.path.parent} ({who})", flush=True)
                told = True
            time.sleep(self.poll)
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "started": now()}).encode())
        self.fd = fd
        return self

    def holder(self) -> dict | None:
        """Who holds the folder now; None when no one does (a file a dead run left names no one)."""
        if self.fd is None:
            fd = self._try() if self.path.exists() else None
            if fd is not None:
                os.close(fd)
                return None
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return None

    def __exit__(self, *exc):
        if self.fd is not None:
            self.path.unlink(missing_ok=True)  # still holding it: a waiter retries on a new file
            os.close(self.fd)
            self.fd = None
        return False


def recover(out: Path) -> list[str]:
    """What killed runs left: roll back a half-done publish, remove staging folders (call it
    holding the lock). The list of what was done."""
    out = Path(out)
    done = []
    journal = out / JOURNAL
    if journal.exists():
        j = json.loads(journal.read_text(encoding="utf-8"))
        previous = Path(j["previous"])
        if previous.exists():
            for name in PUBLISHED:
                # killed while moving the new outputs in: none of them stays beside the old ones
                # (killed while moving the old aside: the ones not yet moved are still in place)
                if j.get("phase") == "in" or (previous / name).exists():
                    _remove(out / name)
                if (previous / name).exists():
                    (previous / name).replace(out / name)
            shutil.rmtree(previous, ignore_errors=True)
            done.append("rolled back a publish that a killed run left half done")
        journal.unlink()
    for p in sorted(out.glob(".staging-*")) + sorted(out.glob(".previous-*")):
        shutil.rmtree(p, ignore_errors=True)
        done.append(f"removed {p.name}, left by a run that did not finish")
    return done


def _remove(p: Path) -> None:
    if p.is_dir():
        shutil.rmtree(p)
    elif p.exists():
        p.unlink()


def publish(staging: Path, out: Path) -> None:
    """Move the staging folder's outputs into OUT: the previous ones aside first, under a journal."""
    out = Path(out)
    previous = out / f".previous-{os.getpid()}"

    def journal(phase: str) -> None:
        (out / JOURNAL).write_text(json.dumps({"staging": str(staging), "previous": str(previous), "phase": phase}),
                                   encoding="utf-8")

    journal("aside")
    previous.mkdir(exist_ok=True)
    for name in PUBLISHED:
        if (out / name).exists():
            (out / name).replace(previous / name)
    journal("in")
    for name in PUBLISHED:
        if (staging / name).exists():
            (staging / name).replace(out / name)
    (out / JOURNAL).unlink()
    shutil.rmtree(previous, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)


def data_files(data: Path) -> list[Path]:
    """Every file of the data folder, hidden ones aside, in a fixed order."""
    data = Path(data)
    if not data.is_dir():
        return []
    return [p for p in sorted(data.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(data).parts)]


def input_files(data: Path) -> dict[str, str]:
    """{path relative to the data folder: SHA-256} of every file in it."""
    return {str(p.relative_to(data)): sha256(p) for p in data_files(data)}


def code_fingerprint(extra: tuple[str, ...] = ()) -> str:
    """The code a run runs: the package's Python, the SQL and its metadata, the reference data and
    templates, and a researcher's own models."""
    h = hashlib.sha256()
    folders = [ROOT / "pipeline", SQL_DIR, ASSETS, *(Path(d) for d in extra)]
    for folder in folders:
        for p in sorted(folder.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts:
                h.update(str(p.relative_to(folder.parent)).encode())
                h.update(p.read_bytes())
    return h.hexdigest()


def fingerprint(data: Path, parameters: dict, extra: tuple[str, ...] = ()) -> dict:
    return {"files": input_files(data), "code": code_fingerprint(extra),
            "parameters": hashlib.sha256(json.dumps(parameters, sort_keys=True, default=str).encode()).hexdigest()}


def extract_of(path: str) -> str | None:
    """The ingestion asset that reads a file of the data folder (dream/dream2014.csv -> dream)."""
    first = Path(path).parts[0]
    stem = Path(first).stem.lower()
    return stem if stem in EXTRACTS else None


def optional_only(extracts: set) -> bool:
    """Only optional extracts changed (not DREAM, not a file no extract reads): what depends on
    them is recomputed, the rest kept."""
    return bool(extracts) and not extracts & {"dream", None}


def whole(previous: dict | None) -> bool:
    """Whether the last run left every table made from its inputs: a full run, or one that recomputed
    what depends on the optional extracts that changed (`sanctions*`), not one limited by --select."""
    what = (previous or {}).get("recomputed")
    return what == "alt" or (isinstance(what, list) and bool(what)
                             and all(w.endswith("*") and w[:-1] in EXTRACTS for w in what))


def changes(previous: dict | None, current: dict) -> dict:
    """What differs between two fingerprints: {"files": [...], "extracts": {...}, "code": bool,
    "parameters": bool}; previous None = everything."""
    if not previous:
        return {"files": sorted(current["files"]), "extracts": set(EXTRACTS), "code": True,
                "parameters": True, "first": True}
    old, new = previous.get("files", {}), current["files"]
    files = sorted(f for f in set(old) | set(new) if old.get(f) != new.get(f))
    return {"files": files, "extracts": {extract_of(f) for f in files}, "code": previous.get("code") != current["code"],
            "parameters": previous.get("parameters") != current["parameters"], "first": False}


def last_run(out: Path) -> dict | None:
    """The last finished run's run.json, if the outputs are there."""
    p = Path(out) / "run.json"
    if not p.exists() or not (Path(out) / "warehouse.duckdb").exists():
        return None
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return None


def log_run(out: Path, entry: dict) -> None:
    with open(Path(out) / LOG, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")


def runs(out: Path) -> list[dict]:
    p = Path(out) / LOG
    if not p.exists():
        return []
    return [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
