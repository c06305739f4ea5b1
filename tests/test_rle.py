import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from pipeline import rle


def test_runs_by_hand():
    m = np.array([[0, 130, 130, 0, 0, 130, 730, 730],
                  [0, 0, 0, 0, 0, 0, 0, 0],
                  [783, 783, 783, 783, 783, 783, 783, 783]], dtype=np.int16)
    row, code, c0, c1 = rle.encode(m)
    # row 0: 130 in weeks 1-2, 130 in week 5, 730 in weeks 6-7; row 1 blank; row 2 one run
    assert list(zip(row, code, c0, c1)) == [(0, 130, 1, 2), (0, 130, 5, 5), (0, 730, 6, 7), (2, 783, 0, 7)]


@settings(max_examples=200, deadline=None)
@given(arrays(np.int16, st.tuples(st.integers(0, 6), st.integers(0, 12)), elements=st.sampled_from([0, 130, 730, 890])))
def test_runs_decode_to_the_matrix_and_never_overlap(m):
    row, code, c0, c1 = rle.encode(m)
    back = np.zeros_like(m)
    for r, c, a, b in zip(row, code, c0, c1):
        assert c != 0 and a <= b
        assert (back[r, a:b + 1] == 0).all()  # runs never overlap
        back[r, a:b + 1] = c
    assert (back == m).all()
    # maximal: two runs of one row that touch have different codes
    for i in range(len(row) - 1):
        if row[i] == row[i + 1] and c1[i] + 1 == c0[i + 1]:
            assert code[i] != code[i + 1]
