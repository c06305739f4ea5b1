"""The optional `jobindsats/` folder: tables of the Jobindsats portal and its API, as they are
delivered (DATA_CONTRACT.md §2.6), into one long table.

Formats, told apart by their content, not their names: the portal's and API v2's CSV (`;`,
decimal comma, UTF-8 with or without a BOM, the area column `Area` or `Område`); API v2 JSON
(a list whose first element has `Variables` and `Data`); API v3 JSON (`columns` and `rows`, or a
client's `{"results": {name: {columns, rows}}}`); NDJSON (one object a line, as some clients
save v2 rows); the portal's Excel export (the header is the row that holds `Periode`).

Every value is kept as published: a total row (`Hele landet`, `Køn i alt`, `I alt`, ...) is a row
flagged `total`, never recomputed; a suppressed cell (`null`, empty, `.`, `..`) is NULL with
`undertrykt = true`, never 0. An API error saved as data, a truncated file, a CSV with another
delimiter, an unknown period form or area name is an InputError (exit 3) naming the file, the row
and the problem: a file is loaded whole or the run stops.
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from pipeline import REFERENCE
from pipeline.errors import InputError
from pipeline.ingest.files import sha256

FOLDER = "jobindsats"
SUFFIXES = (".csv", ".json", ".ndjson", ".txt", ".xlsx")
AREA_COLUMNS = ("Area", "Område", "Omraade", "Omrade")
PERIOD_COLUMNS = ("Periode", "Period")
SUPPRESSED = ("", ".", "..", "-", "x")
API_KEY_ERROR = "Forkert nøgle eller nøglen er udløbet."
TABLE_ID = re.compile(r"^([A-Z]\d{2}[A-Z]\d{2})", re.IGNORECASE)

TABLE_DDL = """CREATE OR REPLACE TABLE jobindsats (tabel_id VARCHAR, maalegruppe VARCHAR, maaling VARCHAR,
    periode VARCHAR, periodetype VARCHAR, periode_start DATE, periode_slut DATE, omraade VARCHAR, kommune INTEGER,
    niveau VARCHAR, dimensioner MAP(VARCHAR, VARCHAR), total BOOLEAN, vaerdi DOUBLE, undertrykt BOOLEAN,
    kilde_fil VARCHAR, kilde_raekke BIGINT)"""
FILES_DDL = """CREATE OR REPLACE TABLE jobindsats_files (kilde_fil VARCHAR, format VARCHAR, tabel_id VARCHAR,
    maalinger VARCHAR[], perioder VARCHAR[], omraader BIGINT, raekker BIGINT, celler BIGINT, undertrykte BIGINT,
    sha256 VARCHAR)"""


# -- periods -------------------------------------------------------------------------------------

_MONTH = re.compile(r"^(\d{4})M(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})[KQ]0?([1-4])$")
_QMAT = re.compile(r"^(\d{4})QMAT0?([1-4])$")
_YEAR = re.compile(r"^(\d{4})(?:Y01)?$")


def _quarter_end(year: int, q: int) -> date:
    month = 3 * q
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: str) -> tuple[str, date, date]:
    """A Jobindsats period label -> (periodetype M | K | QMAT | Y, first day, last day). ValueError
    for any other form."""
    s = str(text).strip().upper()
    if m := _MONTH.match(s):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            raise ValueError(f"period {text!r}: month {mo} is not 01-12")
        return "M", date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    if m := _QMAT.match(s):  # the four quarters ending with quarter q of year y
        y, q = int(m[1]), int(m[2])
        start_q, start_y = (q % 4) + 1, y - 1 if q < 4 else y
        return "QMAT", date(start_y, 3 * start_q - 2, 1), _quarter_end(y, q)
    if m := _QUARTER.match(s):
        y, q = int(m[1]), int(m[2])
        return "K", date(y, 3 * q - 2, 1), _quarter_end(y, q)
    if m := _YEAR.match(s):
        y = int(m[1])
        return "Y", date(y, 1, 1), date(y, 12, 31)
    raise ValueError(f"period {text!r} is none of the forms 2021M01, 2014K2/2014Q2/2024Q04, 2020QMAT02, "
                     "2024Y01/2014")


# -- areas ---------------------------------------------------------------------------------------

def _fold(name: str) -> str:
    """A name as compared: lower case, å/aa, æ, ø folded, 'Kommune' and punctuation dropped."""
    s = unicodedata.normalize("NFC", str(name)).strip().lower()
    s = s.replace("å", "aa").replace("æ", "ae").replace("ø", "oe")
    s = re.sub(r"\b(kommune|kommunes|regionskommune)\b", "", s)
    return re.sub(r"[^a-z0-9]+", "", s)


# spellings seen beside the project's list (assets/reference/kommuner.csv): folded alike already
# unless listed here (the portal's "Københavns" and "Bornholms", old names)
_VARIANTS = {"koebenhavns": 101, "bornholms": 400, "broenderslevdronninglund": 810, "nordfyn": 480,
             "vesthimmerlands": 820}
_REGIONS = {"hovedstaden": "Region Hovedstaden", "sjaelland": "Region Sjælland", "syddanmark": "Region Syddanmark",
            "midtjylland": "Region Midtjylland", "nordjylland": "Region Nordjylland"}
_RAR = ("hovedstaden", "sjaelland", "fyn", "sydjylland", "vestjylland", "oestjylland", "nordjylland", "bornholm")


class Areas:
    """Area names -> (kommune code | None, niveau kommune | region | rar | hele_landet)."""

    def __init__(self, path: Path = REFERENCE / "kommuner.csv"):
        with open(path, encoding="utf-8") as f:
            self.kommuner = {int(r["kommune"]): r["navn"] for r in csv.DictReader(f)}
        self.by_name = {_fold(n): k for k, n in self.kommuner.items()}
        self.by_name.update(_VARIANTS)

    def lookup(self, name: str) -> tuple[int | None, str]:
        f = _fold(name)
        if f in ("helelandet", "landet", "danmark", "ialt"):
            return None, "hele_landet"
        if f in self.by_name:
            return self.by_name[f], "kommune"
        if f.removeprefix("region") in _REGIONS:
            return None, "region"
        if f.startswith("rar") and f.removeprefix("rar") in _RAR:  # the regional labour market councils
            return None, "rar"
        raise ValueError(f"area {name!r} is not a municipality of the project's list (or a known spelling of one), "
                         "a region, an RAR area or Hele landet")


# -- reading -------------------------------------------------------------------------------------

@dataclass
class Grid:
    """A table as read: its column labels and its rows (raw values), with each row's place in the file."""

    fmt: str
    columns: list[str]
    rows: list[list]
    row_numbers: list[int]
    table_id: str | None = None


def _error_body(path: Path, text: str) -> None:
    body = text.strip().lstrip("\ufeff")
    if API_KEY_ERROR.rstrip(".") in body[:200]:
        raise InputError(path, f"the file holds the API's error message {API_KEY_ERROR!r} (a wrong or expired key), "
                               "not a table: fetch it again with a valid key")


def _json_error(path: Path, doc) -> None:
    if isinstance(doc, dict) and "code" in doc and ("cause" in doc or "message" in doc):
        raise InputError(path, f"the file holds an API error (HTTP {doc.get('code')}: "
                               f"{doc.get('cause') or doc.get('message')}), not a table")
    if isinstance(doc, dict) and set(doc) == {API_KEY_ERROR}:
        _error_body(path, API_KEY_ERROR)


def _read_json(path: Path, text: str) -> list[Grid]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines[:3]):
            return [_read_ndjson(path, lines)]
        raise InputError(path, f"not valid JSON ({e.msg} at character {e.pos}): a truncated or damaged file",
                         row=e.lineno, row_word="line") from None
    _json_error(path, doc)
    if isinstance(doc, list) and doc and isinstance(doc[0], dict) and "Variables" in doc[0] and "Data" in doc[0]:
        labels = [v.get("Label") if isinstance(v, dict) else str(v) for v in doc[0]["Variables"]]
        data = doc[0]["Data"]
        return [Grid("api_v2_json", labels, data, list(range(1, len(data) + 1)))]
    if isinstance(doc, dict) and "columns" in doc and "rows" in doc:
        return [Grid("api_v3_json", list(doc["columns"]), doc["rows"], list(range(1, len(doc["rows"]) + 1)))]
    if isinstance(doc, dict) and isinstance(doc.get("results"), dict):
        grids = []
        for name, t in sorted(doc["results"].items()):
            if isinstance(t, dict) and "columns" in t and "rows" in t:
                grids.append(Grid("api_v3_json", list(t["columns"]), t["rows"], list(range(1, len(t["rows"]) + 1)),
                                  table_id=name))
        failures = doc.get("failures") or {}
        if failures:
            name, why = sorted(failures.items())[0]
            raise InputError(path, f"the client that saved this file recorded failures ({name}: {str(why)[:200]}); "
                                   "a table it lacks would look loaded: fetch again")
        if grids:
            return grids
    raise InputError(path, "JSON that is neither API v2 data ([{Variables, Data}]) nor API v3 ({columns, rows})")


def _read_ndjson(path: Path, lines: list[str]) -> Grid:
    rows, columns = [], None
    for i, line in enumerate(lines, start=1):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(path, f"not valid JSON ({e.msg}): a truncated or damaged line", row=i,
                             row_word="line") from None
        _json_error(path, obj)
        if not isinstance(obj, dict):
            raise InputError(path, "a line that is not an object", row=i, row_word="line")
        if columns is None:
            columns = list(obj)
        if list(obj) != columns:
            raise InputError(path, f"the line's fields {list(obj)} differ from the first line's", row=i,
                             row_word="line")
        rows.append(list(obj.values()))
    return Grid("ndjson", columns or [], rows, list(range(1, len(rows) + 1)))


def _read_csv(path: Path, text: str) -> Grid:
    lines = text.splitlines()
    if not lines:
        raise InputError(path, "the file is empty")
    header = lines[0]
    if ";" not in header:
        sep = "," if "," in header else "\t" if "\t" in header else None
        what = {",": "commas", "\t": "tabs"}.get(sep, "no delimiter")
        raise InputError(path, f"the header is separated by {what}, not by ';' as the portal and the API write it",
                         row=1)
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    columns, body = rows[0], rows[1:]
    out, numbers = [], []
    for i, r in enumerate(body, start=2):
        if not r or all(not c.strip() for c in r):
            continue
        if len(r) != len(columns):
            raise InputError(path, f"{len(r)} fields where the header has {len(columns)} (a truncated or damaged "
                                   "line?)", row=i)
        out.append(r)
        numbers.append(i)
    return Grid("csv", columns, out, numbers)


def _read_xlsx(path: Path) -> Grid:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # a damaged zip, not a workbook
        raise InputError(path, f"cannot be read as an Excel workbook: {e}") from None
    ws = wb.worksheets[0]
    header_at, columns, rows, numbers = None, [], [], []
    for i, r in enumerate(ws.iter_rows(values_only=True), start=1):
        cells = ["" if v is None else v for v in r]
        if header_at is None:
            if any(str(v).strip() in PERIOD_COLUMNS for v in cells):
                header_at, columns = i, [str(v).strip() for v in cells]
                while columns and not columns[-1]:
                    columns.pop()
            continue
        cells = cells[:len(columns)]
        if all(str(v).strip() == "" for v in cells):
            continue
        rows.append(cells + [""] * (len(columns) - len(cells)))
        numbers.append(i)
    wb.close()
    if header_at is None:
        raise InputError(path, "no row with a 'Periode' column: not a Jobindsats export")
    return Grid("xlsx", columns, rows, numbers)


def read_file(path: Path) -> list[Grid]:
    """The tables of one file, in whatever format it is."""
    if path.suffix.lower() == ".xlsx":
        return [_read_xlsx(path)]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # an export saved by Excel in Windows' encoding
    _error_body(path, text)
    if not text.strip():
        raise InputError(path, "the file is empty")
    if text.lstrip().startswith(("{", "[")):
        return _read_json(path, text)
    return [_read_csv(path, text)]


# -- values --------------------------------------------------------------------------------------

def number(value, fmt: str) -> float | None:
    """A published value: None when suppressed; a number from a JSON number, or a text with a
    decimal comma (the Excel export may also have '.' as thousands separator). ValueError otherwise."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, (int, float)):
        return float(value)
    s = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if s in SUPPRESSED:
        return None
    if "," in s:
        s = s.replace(".", "").replace(",", ".")
    elif fmt == "xlsx" and re.fullmatch(r"-?\d{1,3}(\.\d{3})+", s):
        s = s.replace(".", "")
    return float(s)


def _is_total(value: str) -> bool:
    v = str(value).strip().lower()
    return v == "i alt" or v.endswith(" i alt") or v in ("hele landet", "total", "alle")


@dataclass
class Loaded:
    rows: list[dict]
    files: list[dict]


def load_grid(path: Path, grid: Grid, areas: Areas, rel: str) -> tuple[list[dict], dict]:
    cols = [str(c).strip() for c in grid.columns]
    area_col = next((c for c in cols if c in AREA_COLUMNS), None)
    period_col = next((c for c in cols if c in PERIOD_COLUMNS), None)
    if area_col is None or period_col is None:
        raise InputError(path, f"no {'area (Area/Område)' if area_col is None else 'period (Periode)'} column among "
                               f"{cols}")
    ia, ip = cols.index(area_col), cols.index(period_col)
    rest = [i for i in range(len(cols)) if i not in (ia, ip)]
    # a column is a measure when every value in it is a number or suppressed, else a dimension
    measures, dims = [], []
    for i in rest:
        try:
            for r in grid.rows:
                number(r[i], grid.fmt)
            measures.append(i)
        except (ValueError, IndexError):
            dims.append(i)
    if not measures:
        raise InputError(path, f"no column of numbers among {cols}: nothing to load")
    table_id = grid.table_id or (m[1].upper() if (m := TABLE_ID.match(path.name)) else path.stem)
    out, periods, seen_areas = [], {}, set()
    for r, line in zip(grid.rows, grid.row_numbers):
        if len(r) != len(cols):
            raise InputError(path, f"{len(r)} values where there are {len(cols)} columns", row=line)
        label = str(r[ip]).strip()
        try:
            if label not in periods:
                periods[label] = parse_period(label)
            kommune, niveau = areas.lookup(str(r[ia]))
        except ValueError as e:
            raise InputError(path, str(e), row=line, column=period_col if label not in periods else area_col) from None
        ptype, start, end = periods[label]
        seen_areas.add(str(r[ia]).strip())
        dimensions = {cols[i]: str(r[i]).strip() for i in dims}
        total = niveau == "hele_landet" or any(_is_total(v) for v in dimensions.values())
        for i in measures:
            v = number(r[i], grid.fmt)
            group, _, short = cols[i].rpartition(": ")
            out.append({"tabel_id": table_id, "maalegruppe": group or None, "maaling": cols[i], "periode": label,
                        "periodetype": ptype, "periode_start": start, "periode_slut": end,
                        "omraade": str(r[ia]).strip(), "kommune": kommune, "niveau": niveau,
                        "dimensioner": dimensions, "total": total, "vaerdi": v, "undertrykt": v is None,
                        "kilde_fil": rel, "kilde_raekke": line})
    if not out:
        raise InputError(path, "no rows: an empty table would look loaded")
    stats = {"kilde_fil": rel, "format": grid.fmt, "tabel_id": table_id, "maalinger": [cols[i] for i in measures],
             "perioder": sorted(periods, key=lambda p: (periods[p][1], periods[p][2])), "omraader": len(seen_areas),
             "raekker": len(grid.rows), "celler": len(out), "undertrykte": sum(1 for o in out if o["undertrykt"])}
    return out, stats


def load_mappings(con: duckdb.DuckDBPyConnection) -> None:
    """The project's mapping of Jobindsats benefits and measures to the register's
    (assets/reference/jobindsats_ydelser.csv, jobindsats_maalinger.csv): what the reconciliation
    compares (sql/core/jobindsats_afstemning.sql)."""
    con.execute("CREATE OR REPLACE TABLE jobindsats_ydelser AS SELECT slags, maerke, ydelse, kategorier, "
                "coalesce(note, '') AS note FROM read_csv(?, header = true, all_varchar = true)",
                [str(REFERENCE / "jobindsats_ydelser.csv")])
    con.execute("CREATE OR REPLACE TABLE jobindsats_maalinger AS SELECT CAST(orden AS INTEGER) AS orden, moenster, "
                "maal, CAST(tolerance_pct AS DOUBLE) AS tolerance_pct, CAST(tolerance_abs AS DOUBLE) AS tolerance_abs, "
                "grunde FROM read_csv(?, header = true, all_varchar = true)",
                [str(REFERENCE / "jobindsats_maalinger.csv")])


def files(data_dir: Path) -> list[Path]:
    folder = Path(data_dir) / FOLDER
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                  and not p.name.startswith("."))


def load_jobindsats(con: duckdb.DuckDBPyConnection, data_dir: Path) -> list[dict]:
    """Every file of DATA/jobindsats/ into `jobindsats` and `jobindsats_files` (both empty when
    there is no folder); the files' stats."""
    areas = Areas()
    rows, stats = [], []
    for path in files(data_dir):
        rel = str(path.relative_to(data_dir))
        for grid in read_file(path):
            out, st = load_grid(path, grid, areas, rel)
            rows += out
            stats.append({**st, "sha256": sha256(path)})
    con.execute(TABLE_DDL)
    con.execute(FILES_DDL)
    load_mappings(con)
    if rows:
        keys = [k for k in rows[0] if k != "dimensioner"]
        table = pa.table({**{k: [r[k] for r in rows] for k in keys},
                          "dim_keys": [list(r["dimensioner"]) for r in rows],
                          "dim_values": [list(r["dimensioner"].values()) for r in rows]})
        con.register("new_jobindsats", table)
        con.execute(f"INSERT INTO jobindsats SELECT {', '.join(keys[:10])}, map(dim_keys, dim_values), "
                    f"{', '.join(keys[10:])} FROM new_jobindsats ORDER BY kilde_fil, kilde_raekke, maaling")
        con.unregister("new_jobindsats")
        con.register("new_files", pa.Table.from_pylist(stats))
        con.execute("INSERT INTO jobindsats_files SELECT kilde_fil, format, tabel_id, maalinger, perioder, omraader, "
                    "raekker, celler, undertrykte, sha256 FROM new_files ORDER BY kilde_fil, tabel_id")
        con.unregister("new_files")
    return stats
