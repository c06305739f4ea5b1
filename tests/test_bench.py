"""The benchmark's bookkeeping (its timings are never asserted)."""

import json

from pipeline import bench, weeks


def _write_meta(folder, persons, start, end):
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "synthetic.json").write_text(
        json.dumps({"options": {"persons": str(persons), "start": start, "end": end}}), encoding="utf-8")


def test_full_runs_on_kept_extracts_only_of_the_same_size(tmp_path):
    # 1,700 weeks from 1990-W01 end in 2022-W30 (1990-W01 + 1,699 weeks)
    end = weeks.label(weeks.parse_week(bench.FULL_START) + 1_700 - 1)
    assert end == "2022-W30"
    same = tmp_path / "same"
    _write_meta(same, 5_300_000, bench.FULL_START, end)
    assert bench._kept_extracts(same, 5_300_000, 1_700) is not None  # when they were written
    other = tmp_path / "other"
    _write_meta(other, 1_000_000, bench.FULL_START, end)  # the stand-in's extracts: another size
    assert bench._kept_extracts(other, 5_300_000, 1_700) is None
    shorter = tmp_path / "shorter"
    _write_meta(shorter, 5_300_000, bench.FULL_START, "2022-W29")
    assert bench._kept_extracts(shorter, 5_300_000, 1_700) is None
    assert bench._kept_extracts(tmp_path / "none", 5_300_000, 1_700) is None
