"""Run-length encoding of a person × week code matrix, vectorised with NumPy.

This is the heart of the DREAM path: a wide register row becomes a handful of
(code, first week, last week) runs, so nothing downstream ever holds the full
person-week matrix. Blank weeks (code 0) are not emitted: a week that lies in no
run is a blank week, and the person table says who exists.
"""

from __future__ import annotations

import numpy as np


def encode(matrix: np.ndarray, keep_blank: bool = False):
    """Return (row, code, col_from, col_to) arrays for the runs of each row.

    `matrix` is (persons × weeks), integer, 0 meaning blank. Runs are maximal:
    two neighbouring runs in a row always have different codes.
    """
    n, w = matrix.shape
    if n == 0 or w == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, matrix.dtype.type(0) * empty, empty, empty
    starts = np.empty((n, w), dtype=bool)
    starts[:, 0] = True
    np.not_equal(matrix[:, 1:], matrix[:, :-1], out=starts[:, 1:])
    row, col = np.nonzero(starts)  # row-major: sorted by row, then week
    code = matrix[row, col]
    last = np.empty_like(col)
    last[:-1] = col[1:] - 1
    last[-1] = w - 1
    row_ends = np.ones(len(row), dtype=bool)
    row_ends[:-1] = row[1:] != row[:-1]
    last[row_ends] = w - 1
    if not keep_blank:
        nz = code != 0
        row, code, col, last = row[nz], code[nz], col[nz], last[nz]
    return row, code, col, last
