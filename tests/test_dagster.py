import dagster as dg
import pytest

from pipeline.defs import all_assets, build_resources
from tests.dreamfix import write_dream
from tests.population import FIRST, LAST, PERSONS


def test_definitions_load_with_the_whole_graph(monkeypatch, tmp_path):
    monkeypatch.setenv("ALMP_OUT", str(tmp_path / "out"))
    monkeypatch.setenv("ALMP_DATA", str(tmp_path / "data"))
    import importlib

    import pipeline.definitions as d

    importlib.reload(d)
    graph = d.defs.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert {"dream", "visitation", "code_list", "category_runs", "spells", "anciennity", "tabel_3_1", "report"} <= keys
    assert dg.AssetKey("category_runs") in graph.get(dg.AssetKey("tabel_3_1")).parent_keys


@pytest.mark.e2e
def test_materialize_in_process(tmp_path):
    write_dream(tmp_path / "data", {k: PERSONS[k] for k in ("P01", "P15")}, FIRST, LAST)
    (tmp_path / "work").mkdir()
    assets, checks = all_assets()
    result = dg.materialize([*assets, *checks], resources=build_resources(tmp_path / "data", tmp_path / "work"),
                            instance=dg.DagsterInstance.ephemeral())
    assert result.success
    assert all(e.passed for e in result.get_asset_check_evaluations())
    assert (tmp_path / "work" / "tables" / "tabel_3_1.csv").exists()
    # run by Dagster (the UI, the nightly job), the report asset writes the site itself (almp run
    # leaves that to the end of the run, with the timings)
    assert (tmp_path / "work" / "report" / "index.html").exists() and (tmp_path / "work" / "run.json").exists()
