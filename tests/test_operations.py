"""The nightly schedule and the delivery sensor (pipeline/defs/operations.py), evaluated with
Dagster's build contexts on a data folder the test changes: not by waiting for the clock."""

from __future__ import annotations

import json
import os
import time

import dagster as dg
import pytest

from pipeline.defs import all_assets
from pipeline.defs.operations import TAG, delivery_sensor, file_stats, nightly_schedule, signature


@pytest.fixture(scope="module")
def graph():
    assets, _ = all_assets()
    return assets, dg.define_asset_job("almp_alt", selection=dg.AssetSelection.all())


@pytest.fixture
def data(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    for name in ("dream.parquet", "visitation.parquet", "activation.parquet", "sanctions.parquet",
                 "loentimer.parquet"):
        (d / name).write_text(name)
    old = time.time() - 3600  # delivered an hour ago: the folder is still
    for p in d.iterdir():
        os.utime(p, (old, old))
    return d


def tick(definition, instance, cursor=None):
    if isinstance(definition, dg.ScheduleDefinition):
        with dg.build_schedule_context(instance=instance) as ctx:
            return definition.evaluate_tick(ctx)
    with dg.build_sensor_context(instance=instance, cursor=cursor) as ctx:
        return definition.evaluate_tick(ctx)


def finish_a_run(instance, tags):
    """A finished run carrying the tags, as the job would leave in the instance's history."""
    @dg.asset(name="stand_in")
    def stand_in():
        return 1

    assert dg.materialize([stand_in], instance=instance, tags=tags).success


def test_the_schedule_is_nightly_at_two_in_copenhagen(graph, data):
    schedule = nightly_schedule(graph[1], data)
    assert schedule.cron_schedule == "0 2 * * *" and schedule.execution_timezone == "Europe/Copenhagen"


def test_a_night_with_nothing_new_is_skipped_and_says_so(graph, data):
    schedule = nightly_schedule(graph[1], data)
    with dg.instance_for_test() as instance:
        first = tick(schedule, instance)
        assert len(first.run_requests) == 1 and first.run_requests[0].asset_selection is None  # everything
        sig = first.run_requests[0].tags[TAG]
        assert sig == signature(file_stats(data))
        finish_a_run(instance, {TAG: sig})
        t0 = time.perf_counter()
        night = tick(schedule, instance)
        assert night.run_requests == [] and "nothing new" in night.skip_message
        assert time.perf_counter() - t0 < 10  # generous: stats and the code's hash, typically 0.1 s
        (data / "sanctions.parquet").write_text("a revised extract")  # a new delivery of one extract
        again = tick(schedule, instance)
        assert len(again.run_requests) == 1 and again.run_requests[0].tags[TAG] != sig


def test_the_sensor_requests_a_run_per_delivery_and_only_what_changed(graph, data):
    assets, job = graph
    sensor = delivery_sensor(job, data, assets, settle_seconds=60)
    with dg.instance_for_test() as instance:
        first = tick(sensor, instance)
        assert len(first.run_requests) == 1 and first.run_requests[0].asset_selection is None
        assert first.run_requests[0].run_key == first.run_requests[0].tags[TAG]
        assert json.loads(first.cursor) == file_stats(data)
        same = tick(sensor, instance, first.cursor)
        assert same.run_requests == [] and "no new or changed extract" in same.skip_message

        # a revised sanctions extract, still being copied: wait; then still: its assets and downstream
        (data / "sanctions.parquet").write_text("revised sanctions")
        busy = tick(sensor, instance, first.cursor)
        assert busy.run_requests == [] and "waiting until it has been still" in busy.skip_message
        old = time.time() - 600
        os.utime(data / "sanctions.parquet", (old, old))
        revised = tick(sensor, instance, first.cursor)
        (request,) = revised.run_requests
        selected = {k.to_user_string() for k in request.asset_selection}
        assert "sanctions" in selected and "sanction_events" in selected and "e24_tabel_3_1" in selected
        assert "report" in selected and "publication" in selected  # the report shows them
        assert not selected & {"dream", "spells", "visitation", "loentimer", "tabel_3_1", "anciennitet_km"}
        assert "sanctions.parquet" in request.tags["almp/changed"]

        # a new DREAM delivery: everything
        (data / "dream.parquet").write_text("one more quarter")
        os.utime(data / "dream.parquet", (old, old))
        dream = tick(sensor, instance, revised.cursor)
        assert dream.run_requests[0].asset_selection is None


def test_a_partial_file_is_a_delivery_under_way(graph, data):
    assets, job = graph
    (data / "dream.parquet.partial").write_text("half")
    with dg.instance_for_test() as instance:
        result = tick(delivery_sensor(job, data, assets, settle_seconds=0), instance)
    assert result.run_requests == [] and ".partial" in result.skip_message
