"""Runs over time on one output folder (docs/DATA_CONTRACT.md, "Runs over time").

* **One run at a time**: `OUT/.almp.lock` holds the running run's pid, host and start; a second
  run names it and stops (exit 1), or waits (`--wait`). A lock whose process is gone is stale.
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

LOCK, JOURNAL, LOG = ".almp.lock", ".publishing", "runs.jsonl"
PUBLISHED = ("warehouse.duckdb", "tables", "publication", "figures", "report", "run.json", "rejected",
             "revisions.csv")
EXTRACTS = {"dream": "dream", "visitation": "visitation", "activation": "activation", "sanctions": "sanctions",
            "loentimer": "loentimer"}  # input file (or folder) stem -> the ingestion asset that reads it


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Lock:
    """OUT/.almp.lock, held for the life of a run."""

    def __init__(self, out: Path, wait: bool = False, poll: float = 2.0):
        self.path, self.wait, self.poll = Path(out) / LOCK, wait, poll

    def __enter__(self):
        told = False
        while True:
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                holder = self.holder()
                if holder is None or (holder.get("host") == socket.gethostname() and not _alive(holder["pid"])):
                    self.path.unlink(missing_ok=True)  # stale: its run is gone
                    continue
                if not self.wait:
                    raise AlmpError(f"{self.path.parent} is in use by almp run (pid {holder['pid']} on "
                                    f"{holder.get('host')}, started {holder.get('started')}); wait for it or rerun "
                                    "with --wait") from None
                if not told:
                    print(f"almp: waiting for the run holding {self.path.parent} (pid {holder['pid']}, started "
                          f"{holder.get('started')})", flush=True)
                    told = True
                time.sleep(self.poll)
                continue
            with os.fdopen(fd, "w") as f:
                json.dump({"pid": os.getpid(), "host": socket.gethostname(), "started": now()}, f)
            return self

    def holder(self) -> dict | None:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return None

    def __exit__(self, *exc):
        holder = self.holder()
        if holder and holder.get("pid") == os.getpid():
            self.path.unlink(missing_ok=True)
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
                if (previous / name).exists():
                    _remove(out / name)
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
    (out / JOURNAL).write_text(json.dumps({"staging": str(staging), "previous": str(previous)}), encoding="utf-8")
    previous.mkdir(exist_ok=True)
    for name in PUBLISHED:
        if (out / name).exists():
            (out / name).replace(previous / name)
    for name in PUBLISHED:
        if (staging / name).exists():
            (staging / name).replace(out / name)
    (out / JOURNAL).unlink()
    shutil.rmtree(previous, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)


def input_files(data: Path) -> dict[str, str]:
    """{path relative to the data folder: SHA-256} of every file in it (hidden ones aside)."""
    data = Path(data)
    return {str(p.relative_to(data)): sha256(p) for p in sorted(data.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(data).parts)}


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
    return EXTRACTS.get(Path(first).stem.lower())


def changes(previous: dict | None, current: dict) -> dict:
    """What differs between two fingerprints: {"files": [...], "extracts": {...}, "code": bool,
    "parameters": bool}; previous None = everything."""
    if not previous:
        return {"files": sorted(current["files"]), "extracts": set(EXTRACTS.values()), "code": True,
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
