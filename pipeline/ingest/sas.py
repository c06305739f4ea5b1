"""SAS datasets, as Statistics Denmark's research servers deliver the registers: `.sas7bdat` and
SAS transport `.xpt`. Each is read in chunks of at most CHUNK_CELLS cells (rows × columns: a wide DREAM file of
1,700 week columns gets chunks of about 6,000 rows) with pyreadstat and written chunk
by chunk to a Parquet file in a temporary folder, which the loaders then read as any Parquet
extract: the same validation, and the same row numbers (row n of the SAS file is row n of the
Parquet file). Memory is bounded by one chunk; the disk holds the Parquet copy while the file loads.

SAS stores numbers as doubles, so DREAM's codes arrive as 130.0: the loaders accept a whole number
and reject anything else with its reason, as they do for Parquet doubles. Dates with a SAS date
format arrive as dates.
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.errors import InputError
from pipeline.ingest import files

CHUNK_CELLS = 10_000_000  # about 80 MB of doubles per chunk, whatever the file's width


def _reader(path: Path):
    import pyreadstat

    return pyreadstat.read_sas7bdat if path.suffix.lower() == ".sas7bdat" else pyreadstat.read_xport


def _schema(first: pa.Table) -> pa.Schema:
    """The first chunk's types, a column it has only missing values in taken as text."""
    return pa.schema([pa.field(f.name, pa.string() if pa.types.is_null(f.type) else f.type) for f in first.schema])


def to_parquet(path: Path, folder: Path, chunk_rows: int | None = None) -> Path:
    """Write the SAS file at path to folder/<stem>.parquet, chunk by chunk (chunk_rows rows, by default
    CHUNK_CELLS over the file's columns); InputError if it cannot be read."""
    import pyreadstat

    target = Path(folder) / f"{path.stem}.parquet"
    writer, schema, row = None, None, 0
    try:
        if chunk_rows is None:
            _, meta = _reader(path)(str(path), metadataonly=True)
            chunk_rows = max(1_000, CHUNK_CELLS // max(len(meta.column_names), 1))
        for chunk, _meta in pyreadstat.read_file_in_chunks(_reader(path), str(path), chunksize=chunk_rows,
                                                           output_format="polars"):
            table = chunk.to_arrow()
            if writer is None:
                schema = _schema(table)
                writer = pq.ParquetWriter(target, schema, compression="zstd")
            try:
                table = table.cast(schema)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as e:
                raise InputError(path, f"rows {row + 1}-{row + table.num_rows}: a column changes type ({e})") from None
            writer.write_table(table)
            row += table.num_rows
    except InputError:
        raise
    except Exception as e:  # pyreadstat raises its own errors (ReadstatError, PyreadstatError) and OSError
        raise InputError(path, f"not a readable SAS file (truncated or damaged?): {e}") from None
    finally:
        if writer is not None:
            writer.close()
    if writer is None:
        raise InputError(path, "holds no rows")
    return target


@contextmanager
def as_parquet(path: Path):
    """The SAS file as a Parquet file for the duration of the block (a temporary copy, then removed)."""
    with tempfile.TemporaryDirectory(prefix="almp-sas-") as tmp:
        yield to_parquet(path, Path(tmp))


@contextmanager
def readable(path: Path):
    """What a loader reads for the file at path during the block: the file itself, or for a SAS
    file its Parquet copy (as_parquet), removed when the block ends, also when loading fails."""
    if files.file_format(path) != "sas":
        yield path
        return
    with as_parquet(path) as copy:
        yield copy
