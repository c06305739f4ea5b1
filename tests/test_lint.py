"""The project's own checks on its sources: Python through ruff, SQL through sqlfluff (the rules
in pyproject.toml), and no file pointing to a document the repository does not hold."""

from __future__ import annotations

import re
import subprocess
import sys

from pipeline import ROOT


def _tracked() -> list[str]:
    out = subprocess.run(["git", "-C", str(ROOT), "ls-files"], capture_output=True, text=True)
    if out.returncode != 0:  # not a git checkout (an unpacked release): every file under the project
        return [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file() and ".venv" not in p.parts]
    return out.stdout.split()


def test_python_passes_ruff():
    out = subprocess.run([sys.executable, "-m", "ruff", "check", "pipeline", "tests"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:]


def test_sql_passes_sqlfluff():
    # a bound on the time: a linter that hangs fails the test instead of holding the suite
    out = subprocess.run([sys.executable, "-m", "sqlfluff", "lint", "sql"], cwd=ROOT, capture_output=True, text=True,
                         timeout=900)
    assert out.returncode == 0, out.stdout[-3000:]


def test_no_file_refers_to_a_document_the_repository_does_not_hold():
    """The team's reference shelf is not part of the product: nothing outside the tests points
    there, and every document named (docs/*.md, *.md) is in the repository."""
    files = set(_tracked())
    bad = []
    for f in sorted(files):
        if f.startswith("tests/") or f.endswith((".csv", ".parquet", ".png", ".xlsx")):
            continue
        try:
            text = (ROOT / f).read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        if re.search(r"\.\./shared|STATISTICS\.md|seed 00[0-4] l\.", text):
            bad.append(f"{f}: points at the team's shelf")
        for doc in set(re.findall(r"\b((?:docs/)?[A-Z][A-Z_]+\.md)\b", text)):
            if doc not in files and f"docs/{doc}" not in files and not (ROOT / f).parent.joinpath(doc).exists():
                bad.append(f"{f}: names {doc}, which is not in the repository")
    assert bad == []
