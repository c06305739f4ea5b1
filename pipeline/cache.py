"""A content-addressed store of work a run can take from the last one instead of doing again.

An entry is named by the SHA-256 of everything its result depends on (the data it is made
from, the code that makes it, the parameters), so a hit is by construction what the work
would produce again: no invalidation rules, no timestamps to trust. Two kinds of work use
it: a figure (its PNG and SVG; drawing is most of the report's time) and one connected
component of disclosure control (its hidden cells and intervals). A new delivery that
leaves most tables as they were redraws and re-solves only what changed.

The store lives in OUT/.cache/ (beside the outputs it serves, outside the published ones).
An entry is written to a temporary name and renamed, so a killed run leaves no half entry;
every use touches it, and `prune` drops what the last successful run did not use.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import tempfile
from pathlib import Path


def key(*parts) -> str:
    """The SHA-256 of the parts as canonical JSON (sorted keys; anything else as its str)."""
    text = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def source_of(*modules) -> str:
    """The text of the modules that do a piece of work: part of its key, so new code redoes it."""
    return "".join(Path(m.__file__).read_text(encoding="utf-8") for m in modules)


class Cache:
    """root None: a cache that never hits and keeps nothing (a run with no OUT to keep it in)."""

    def __init__(self, root: Path | str | None):
        self.root = Path(root) if root else None
        self.hits = 0
        self.misses = 0

    def _dir(self, kind: str, k: str) -> Path:
        return self.root / kind / k[:2] / k

    def _touch(self, path: Path) -> None:
        try:
            os.utime(path)
        except OSError:
            pass

    def get_files(self, kind: str, k: str, targets: list[Path]) -> bool:
        """Copy the entry's files to targets (by position); False when there is none."""
        if self.root is None:
            return False
        d = self._dir(kind, k)
        sources = [d / t.name for t in targets]
        if not all(s.is_file() for s in sources):
            self.misses += 1
            return False
        for s, t in zip(sources, targets):
            t.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(s, t)
        self._touch(d)
        self.hits += 1
        return True

    def put_files(self, kind: str, k: str, paths: list[Path]) -> None:
        if self.root is None:
            return
        d = self._dir(kind, k)
        d.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=d.parent))
        for p in paths:
            shutil.copyfile(p, tmp / p.name)
        self._replace(tmp, d)

    def get(self, kind: str, k: str):
        """The stored object, or None."""
        if self.root is None:
            return None
        d = self._dir(kind, k)
        try:
            with open(d / "value.pickle", "rb") as f:
                value = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError):
            self.misses += 1
            return None
        self._touch(d)
        self.hits += 1
        return value

    def put(self, kind: str, k: str, value) -> None:
        if self.root is None:
            return
        d = self._dir(kind, k)
        d.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=d.parent))
        with open(tmp / "value.pickle", "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        self._replace(tmp, d)

    @staticmethod
    def _replace(tmp: Path, d: Path) -> None:
        try:
            tmp.replace(d)  # another writer may have put the same entry first: theirs is as good
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)


def prune(root: Path, since: float) -> int:
    """Remove the entries not used since `since` (a time.time()), and leftover temporary ones;
    the number removed."""
    root = Path(root)
    removed = 0
    if not root.is_dir():
        return 0
    for kind in root.iterdir():
        for bucket in kind.iterdir() if kind.is_dir() else ():
            for entry in bucket.iterdir():
                if entry.name.startswith(".tmp-") or entry.stat().st_mtime < since - 2:  # coarse clocks
                    shutil.rmtree(entry, ignore_errors=True)
                    removed += 1
    return removed
