"""`almp jobindsats fetch` against a local stand-in for the API that answers with responses
written after the documented formats (no test touches the network): the key goes in the header
and nowhere else, a refused key and a 422 are reported and nothing is written, a 503 is retried."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from tests.conftest import run_cli

KEY = "hemmelig-noegle-1234"
V2_JSON = [{"Variables": [{"Label": "Area"}, {"Label": "Periode"}, {"Label": "Køn"}, {"Label": "Antal personer"}],
            "Data": [["Hele landet", "2021M01", "Køn i alt", "144315"], ["Hele landet", "2021M01", "Kvinder", "72405"]]}]
V3_JSON = {"columns": ["Periode", "Område", "Køn", "Antal personer"],
           "rows": [["2021M01", "Hele landet", "Køn i alt", 144315], ["2021M01", "Brøndby", "Kvinder", None]]}


class Api(BaseHTTPRequestHandler):
    script: list = []  # (status, body) answered in turn
    seen: list = []  # (path, Authorization header)

    def do_GET(self):  # noqa: N802 (the server's name)
        Api.seen.append((self.path, self.headers.get("Authorization")))
        status, body = Api.script.pop(0) if Api.script else (500, b"no more answers")
        self.send_response(status)
        self.end_headers()
        self.wfile.write(body if isinstance(body, bytes) else body.encode("utf-8"))

    def log_message(self, *args):
        pass


@pytest.fixture
def api(monkeypatch):
    server = HTTPServer(("127.0.0.1", 0), Api)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("JOBINDSATS_API_URL", f"http://127.0.0.1:{server.server_port}")
    monkeypatch.setenv("JOBINDSATS_API_KEY", KEY)
    monkeypatch.setenv("ALMP_FETCH_BACKOFF", "0.01")
    Api.script, Api.seen = [], []
    yield Api
    server.shutdown()


def fetch(tmp_path, *extra) -> int:
    return run_cli("jobindsats", "fetch", "--table", "Y01A02", "--period", "2021M01", "--out", tmp_path / "j", *extra)


def test_v2_sends_the_key_in_the_header_and_writes_a_table_the_loader_reads(api, tmp_path, capsys):
    api.script = [(200, json.dumps(V2_JSON))]
    assert fetch(tmp_path, "--filter", "_kon=*") == 0
    (path, auth), = api.seen
    assert auth == KEY and path.startswith("/v2/data/Y01A02/json/?") and "period=2021M01" in path
    assert "area=Hele+landet" in path and "_kon=%2A" in path and KEY not in path
    written = tmp_path / "j" / "Y01A02_v2.json"
    assert json.loads(written.read_text(encoding="utf-8")) == V2_JSON
    assert [p.name for p in (tmp_path / "j").iterdir()] == ["Y01A02_v2.json"]  # no .partial left
    assert KEY not in capsys.readouterr().out + capsys.readouterr().err


def test_v3_uses_a_bearer_token(api, tmp_path):
    api.script = [(200, json.dumps(V3_JSON))]
    assert fetch(tmp_path, "--api", "v3") == 0
    (path, auth), = api.seen
    assert auth == f"Bearer {KEY}" and path.startswith("/v3/data/y01a02?") and "format=json" in path
    assert (tmp_path / "j" / "Y01A02_v3.json").exists()


def test_a_refused_key_is_said_plainly_and_nothing_is_written(api, tmp_path, capsys):
    api.script = [(200, '{"Forkert nøgle eller nøglen er udløbet.":""}')]  # v2 answers 200 with this body
    assert fetch(tmp_path) == 2
    err = capsys.readouterr().err
    assert "refused the key" in err and "JOBINDSATS_API_KEY" in err and KEY not in err
    assert not (tmp_path / "j").exists()


def test_a_422_names_the_cause(api, tmp_path, capsys):
    api.script = [(422, json.dumps({"code": 422, "cause": "Unknown hierarchies: ['_omrade']", "request_id": "x"}))]
    assert fetch(tmp_path, "--api", "v3") == 2
    assert "422" in capsys.readouterr().err
    assert not (tmp_path / "j").exists()


def test_a_busy_api_is_asked_again(api, tmp_path, capsys):
    api.script = [(503, "busy"), (429, "slow down"), (200, json.dumps(V2_JSON))]
    assert fetch(tmp_path) == 0
    assert len(api.seen) == 3 and "trying again" in capsys.readouterr().err


def test_no_key_is_a_usage_error(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("JOBINDSATS_API_KEY", raising=False)
    assert fetch(tmp_path) == 2
    assert "JOBINDSATS_API_KEY" in capsys.readouterr().err
