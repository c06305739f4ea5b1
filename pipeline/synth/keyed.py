"""Random numbers keyed by what they are about (a person, a week, a spell's first week), not drawn in
sequence: a draw for person 1000007's spell from week 312 is the same whether the extract ends in
2021 or in 2022, so a later delivery (`almp generate --end` later) repeats the earlier one's history.
A sequential stream cannot: one more spell anywhere shifts every draw after it.

The hash is SplitMix64's finaliser over the seed, a stream number and the keys (uint64 arithmetic
wraps, as it should)."""

from __future__ import annotations

import numpy as np

_M1, _M2, _GOLD = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB), np.uint64(0x9E3779B97F4A7C15)


def _mix(z: np.ndarray) -> np.ndarray:
    z = (z ^ (z >> np.uint64(30))) * _M1
    z = (z ^ (z >> np.uint64(27))) * _M2
    return z ^ (z >> np.uint64(31))


def uniform(seed: int, stream: int, *keys) -> np.ndarray:
    """Uniforms in [0, 1), one per element of the (broadcast) keys."""
    start = np.uint64((seed * int(_GOLD) + stream) % 2**64)  # wraps as uint64 would, without numpy's warning
    z = _mix(np.full(np.broadcast_shapes(*(np.shape(k) for k in keys)), start, dtype=np.uint64))
    for k in keys:
        z = _mix(z ^ (np.asarray(k).astype(np.int64).astype(np.uint64) + _GOLD))
    return (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53


def integers(low: int, high: int, seed: int, stream: int, *keys) -> np.ndarray:
    """Integers in [low, high)."""
    return low + np.floor(uniform(seed, stream, *keys) * (high - low)).astype(np.int64)


def choice(values, p, seed: int, stream: int, *keys) -> np.ndarray:
    cdf = np.cumsum(np.asarray(p, dtype=float))
    i = np.searchsorted(cdf / cdf[-1], uniform(seed, stream, *keys), side="right")
    return np.asarray(values)[np.minimum(i, len(cdf) - 1)]
