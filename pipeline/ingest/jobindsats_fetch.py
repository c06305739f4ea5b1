"""`almp jobindsats fetch`: one table from the Jobindsats API (v2 or v3) into a data folder's
jobindsats/, in the form the loader reads (pipeline/ingest/jobindsats.py).

The key comes from the environment (JOBINDSATS_API_KEY), is sent in the Authorization header
(v2: the key; v3: `Bearer <key>`) and is never printed, logged or written. A response is
checked by the loader before it is kept: an error body (a refused key, a v3 422) is reported,
never saved as data. The file is written as `<name>.partial` and renamed when whole, so the
Dagster sensor never takes a file half written. Connection errors, 429 and 5xx answers are
retried with exponential backoff.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from pipeline.errors import AlmpError, InputError, UsageError
from pipeline.ingest.jobindsats import API_KEY_ERROR, Areas, load_grid, read_file

BASE_URL = "https://api.jobindsats.dk"
KEY_VARIABLE = "JOBINDSATS_API_KEY"
RETRY_STATUS = (429, 500, 502, 503, 504)


class FetchError(AlmpError):
    """The API refused the request (a bad key, a bad parameter): exit 2, nothing written."""

    exit_code = 2


def url_of(api: str, table: str, fmt: str, period: str, area: str, filters: dict[str, str],
           base: str = BASE_URL) -> str:
    query = {"period": period, "area": area, **filters}
    if api == "v2":
        return f"{base}/v2/data/{urllib.parse.quote(table)}/{fmt}/?{urllib.parse.urlencode(query)}"
    return f"{base}/v3/data/{urllib.parse.quote(table.lower())}?{urllib.parse.urlencode({**query, 'format': 'json'})}"


def _request(url: str, api: str, key: str, retries: int, backoff: float, timeout: float) -> bytes:
    headers = {"Authorization": key if api == "v2" else f"Bearer {key}", "Accept": "*/*",
               "User-Agent": "almp (https://github.com/almp)"}
    for attempt in range(retries + 1):
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=timeout) as r:
                return r.read()
        except urllib.error.HTTPError as e:
            body = e.read()
            if e.code in RETRY_STATUS and attempt < retries:
                wait = backoff * 2 ** attempt
                print(f"almp: the API answered {e.code}; trying again in {wait:g} s "
                      f"({attempt + 1} of {retries})", file=sys.stderr)
                time.sleep(wait)
                continue
            _refused(e.code, body)
            raise FetchError(f"the API answered HTTP {e.code}: {_cause(body)}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as e:
            if attempt < retries:
                wait = backoff * 2 ** attempt
                print(f"almp: no answer from the API ({getattr(e, 'reason', e)}); trying again in {wait:g} s "
                      f"({attempt + 1} of {retries})", file=sys.stderr)
                time.sleep(wait)
                continue
            raise AlmpError(f"no answer from {urllib.parse.urlsplit(url).netloc} after {retries + 1} attempts: "
                            f"{getattr(e, 'reason', e)}") from None
    raise AssertionError("unreachable")


def _cause(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:
        return text[:200] or "(no body)"
    if isinstance(doc, dict):
        return str(doc.get("cause") or doc.get("message") or doc)[:200]
    return text[:200]


def _refused(status: int | None, body: bytes) -> None:
    text = body.decode("utf-8", "replace")
    if API_KEY_ERROR.rstrip(".") in text[:300] or status in (401, 403):
        raise FetchError(f"the API refused the key in {KEY_VARIABLE} (wrong or expired): "
                         "get a new one at jobindsats.dk and set it")


def fetch(table: str, period: str, area: str, out: Path, api: str = "v2", fmt: str = "json",
          filters: dict[str, str] | None = None, base: str | None = None, retries: int = 4,
          backoff: float | None = None, timeout: float = 60.0) -> Path:
    """Fetch one table into OUT/<TABLE>_<api>.<ext>; the path written."""
    key = os.environ.get(KEY_VARIABLE, "").strip()
    if not key:
        raise UsageError(f"set {KEY_VARIABLE} to your Jobindsats API key (it is read from the environment only)")
    if api == "v3":
        fmt = "json"
    base = (base or os.environ.get("JOBINDSATS_API_URL") or BASE_URL).rstrip("/")
    backoff = float(os.environ.get("ALMP_FETCH_BACKOFF", "2")) if backoff is None else backoff
    url = url_of(api, table, fmt, period, area, filters or {}, base)
    body = _request(url, api, key, retries, backoff, timeout)
    _refused(200, body)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{table.upper()}_{api}.{fmt}"
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=out)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(body)
        try:  # what the loader cannot read is not kept
            for grid in read_file(Path(tmp)):
                load_grid(Path(tmp), grid, Areas(), target.name)
        except InputError as e:
            raise FetchError(f"the API's answer is not a table the loader can read: {e.problem}") from None
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target
