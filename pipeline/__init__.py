"""almp: reproducible register statistics on Danish active labour market policy."""

from pathlib import Path

__version__ = "0.1.0"

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
REFERENCE = ASSETS / "reference"
SQL_DIR = ROOT / "sql"


def tune_gc() -> None:
    """Python's cycle collector, set for a run that makes and holds many objects (Dagster's
    definitions and events, the disclosure system's cells, matplotlib's artists): the youngest
    generation is collected every 50,000 allocations, not every 700, so the older ones, which hold
    nearly everything, are gone through far less often. A collector only frees memory: what a run
    computes is the same (docs/PERFORMANCE.md, "Python's garbage collector")."""
    import gc

    gc.set_threshold(50_000, 20, 20)
