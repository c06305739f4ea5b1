"""almp: reproducible register statistics on Danish active labour market policy."""

from pathlib import Path

__version__ = "0.1.0"

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
REFERENCE = ASSETS / "reference"
SQL_DIR = ROOT / "sql"
