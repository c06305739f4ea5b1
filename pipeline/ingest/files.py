"""Finding extracts in a data folder and reading their headers.

An extract `name` is `name.parquet|csv|sas7bdat|xpt` in the folder, or every such file
in a sub-folder `name/`. File and column names are matched case-insensitively.
CSV files are sniffed, never guessed silently: the delimiter is whichever of `;` `,`
tab `|` splits the header line into the most fields (a tie is an error), the
encoding is UTF-8 unless the bytes are not valid UTF-8 (then Latin-1), and a `;`
file is taken to use the decimal comma, as Danish exports do.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import InputError

FORMATS = {".parquet": "parquet", ".csv": "csv", ".sas7bdat": "sas", ".xpt": "sas"}
DELIMITERS = [";", ",", "\t", "|"]


@dataclass(frozen=True)
class CsvDialect:
    delimiter: str
    encoding: str  # DuckDB's name: utf-8 | latin-1
    decimal: str


def find_extract(data_dir: Path, name: str) -> list[Path]:
    """All files of the extract `name`, sorted; [] if it is absent."""
    data_dir = Path(data_dir)
    found = []
    for p in sorted(data_dir.iterdir()):
        stem, suffix = p.stem.lower(), p.suffix.lower()
        if p.is_file() and stem == name and suffix in FORMATS:
            found.append(p)
        elif p.is_dir() and p.name.lower() == name:
            found.extend(q for q in sorted(p.iterdir()) if q.is_file() and q.suffix.lower() in FORMATS)
    return found


def file_format(path: Path) -> str:
    return FORMATS[path.suffix.lower()]


def sniff_csv(path: Path) -> tuple[CsvDialect, list[str]]:
    with open(path, "rb") as f:
        head = f.read(1 << 20)
    if not head.strip():
        raise InputError(path, "the file is empty")
    try:
        text = head.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as e:
        if e.start < len(head) - 4:  # not just a multi-byte character cut by the 1 MiB read
            text, encoding = head.decode("latin-1"), "latin-1"
        else:
            text, encoding = head[: e.start].decode("utf-8"), "utf-8"
    text = text.lstrip("\ufeff")
    header_line = text.splitlines()[0] if text.splitlines() else ""
    counts = {d: len(next(csv.reader(io.StringIO(header_line), delimiter=d))) for d in DELIMITERS}
    best = max(counts.values())
    winners = [d for d, c in counts.items() if c == best]
    if best < 2 or len(winners) > 1:
        raise InputError(path, "cannot tell the delimiter from the header line "
                               f"(fields per delimiter: {counts}); expected ';' or ','", row=1, row_word="line")
    delim = winners[0]
    header = [h.strip() for h in next(csv.reader(io.StringIO(header_line), delimiter=delim))]
    return CsvDialect(delim, encoding, "," if delim == ";" else "."), header


_HASHED: dict[tuple, str] = {}  # (path, size, mtime_ns) -> hash: a run fingerprints its inputs, then ingests them


def sha256(path: Path) -> str:
    st = Path(path).stat()
    key = (str(Path(path).resolve()), st.st_size, st.st_mtime_ns)
    if key not in _HASHED:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 22), b""):
                h.update(block)
        _HASHED[key] = h.hexdigest()
    return _HASHED[key]


def sql_str(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def sql_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def csv_source(path: Path, dialect: CsvDialect, types: dict[str, str], rejects: str) -> str:
    """A DuckDB read_csv() call with the given column types (in header order) that
    stores rows it cannot parse in the temp tables `<rejects>_errors/_scans`."""
    cols = "{" + ", ".join(f"{sql_str(k)}: {sql_str(v)}" for k, v in types.items()) + "}"
    return (f"read_csv({sql_str(str(path))}, delim={sql_str(dialect.delimiter)}, header=true, "
            f"auto_detect=false, columns={cols}, encoding={sql_str(dialect.encoding)}, "
            f"decimal_separator={sql_str(dialect.decimal)}, quote='\"', escape='\"', "
            f"store_rejects=true, rejects_table={sql_str(rejects + '_errors')}, "
            f"rejects_scan={sql_str(rejects + '_scans')}, null_padding=false)")


def csv_rejected_lines(con, rejects: str) -> list[tuple]:
    """(line, column, error_type, raw line, message) of every row DuckDB refused."""
    rows = con.execute(f"SELECT line, column_name, error_type::VARCHAR, csv_line, error_message "
                       f"FROM {rejects}_errors ORDER BY line").fetchall()
    con.execute(f"DROP TABLE IF EXISTS {rejects}_errors; DROP TABLE IF EXISTS {rejects}_scans")
    return rows


def lines_of_accepted(ordinals, rejected_lines: list[int], header_lines: int = 1):
    """File line numbers (1-based) of the accepted rows with the given 0-based ordinals,
    knowing which lines were rejected (every non-header line is one row)."""
    import numpy as np

    ordinals = np.asarray(ordinals, dtype=np.int64)
    rej = np.unique(np.asarray(rejected_lines, dtype=np.int64))
    line = ordinals + header_lines + 1
    # shift past every rejected line at or before the candidate line, repeatedly
    while True:
        shifted = ordinals + header_lines + 1 + np.searchsorted(rej, line, side="right")
        if np.array_equal(shifted, line):
            return line
        line = shifted
