import json
import re
from pathlib import Path
from html.parser import HTMLParser

import pytest

from tests.conftest import run_cli
from tests.dreamfix import write_dream
from tests.population import FIRST, LAST, PERSONS

pytestmark = pytest.mark.e2e  # runs the whole pipeline through the CLI

HOSTILE = '<script>alert("x")</script>'


class _Checker(HTMLParser):
    """Every opened non-void tag is closed in order: well-formed enough to be valid."""

    VOID = {"meta", "img", "br", "hr", "link", "input"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.scripts = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]} ")
        else:
            self.stack.pop()


@pytest.fixture(scope="module")
def out(tmp_path_factory, with_figures):
    base = tmp_path_factory.mktemp("report")
    persons = {k: PERSONS[k] for k in ("P01", "P04", "P15")}
    persons[HOSTILE] = PERSONS["P07"]
    persons["P04"] = PERSONS["P04"]
    write_dream(base / "data", persons, FIRST, LAST, fmt="csv")
    # a duplicate row carrying the hostile pnr, so it shows in the report's rejected rows
    path = base / "data" / "dream.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines + [lines[-1]]), encoding="utf-8")
    assert run_cli("run", "--data", base / "data", "--out", base / "out", "--max-rejected", "5") == 0
    return base / "out"


def test_html_is_well_formed_and_escapes_hostile_strings(out):
    pages = sorted((out / "report").glob("*.html"))
    assert {"index.html", "udskrift.html", "tabel_3_1.html", "datakvalitet.html"} <= {p.name for p in pages}
    assert "&lt;script&gt;" in (out / "report" / "datakvalitet.html").read_text(encoding="utf-8")  # the rejected pnr
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert HOSTILE not in html, page.name
        checker = _Checker()
        checker.feed(html)
        # the one script is the site's own file (the search), never an inline one
        assert checker.errors == [] and checker.stack == [] and checker.scripts == 1, page.name
        assert html.count("<script") == html.count('<script src="site.js" defer></script>') == 1


def test_report_shows_published_beside_reproduced(out):
    html = (out / "report" / "tabel_3_1.html").read_text(encoding="utf-8")
    assert "553.900" in html and "229.300" in html  # published I alt and førtidspension counts
    assert "82,9" in html  # the source's own error is flagged
    assert "sql/marts/tabel_3_1.sql" in html and "CREATE OR REPLACE TABLE tabel_3_1" in html


def test_run_json_provenance(out):
    run = json.loads((out / "run.json").read_text())
    assert run["parameters"]["reference_week"] == "2014-W20"
    assert run["sql_variables"]["min_weeks_1aar"] == 42 and run["sql_variables"]["min_weeks_5aar"] == 208
    dream = [i for i in run["inputs"] if i["extract"] == "dream"][0]
    assert len(dream["sha256"]) == 64 and dream["rows_in"] == dream["accepted"] + dream["rejected"]
    assert {"dream", "tabel_3_1", "report"} <= set(run["timings_seconds"])
    assert "tables/tabel_3_1.csv" in run["outputs"]


def test_report_rerenders_from_the_warehouse(out, capsys):
    (out / "report" / "index.html").unlink()
    assert run_cli("report", "--out", out) == 0
    assert (out / "report" / "index.html").exists()


def test_figures_from_the_cache_are_the_figures_drawn_afresh(out, tmp_path, with_figures):
    import duckdb

    from pipeline.cache import Cache
    from pipeline.report.render import render_report

    cached = sorted((out / "figures").glob("*"))
    assert cached and len(list((out / ".cache" / "figur").rglob("*.png"))) == len(cached) // 2
    with duckdb.connect(str(out / "warehouse.duckdb"), read_only=True) as con:
        store = Cache(out / ".cache")
        render_report(con, tmp_path / "cached", store=store)  # every figure a hit
        assert (store.hits, store.misses) == (len(cached) // 2, 0)
        render_report(con, tmp_path / "fresh", store=Cache(None))  # every figure drawn
    for f in cached:
        assert (tmp_path / "cached" / "figures" / f.name).read_bytes() == f.read_bytes()
        assert (tmp_path / "fresh" / "figures" / f.name).read_bytes() == f.read_bytes(), f.name


@pytest.fixture(scope="module")
def sample(tmp_path_factory, with_figures):
    """The committed sample run once, with its figures: the whole catalogue in the site."""
    from pipeline import ROOT

    out = tmp_path_factory.mktemp("sample")
    assert run_cli("run", "--data", ROOT / "data_samples" / "synthetic_300", "--out", out) == 0
    return out


def test_the_committed_sample_runs(sample):
    tmp_path = sample
    html = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert "SYNTETISKE DATA" in html  # synthetic results are labelled as synthetic, always
    from pipeline.report.catalogue import report_tables

    TABLES = report_tables()

    for spec in TABLES:  # every table of the catalogue on its own page and on the print page, with its figure
        assert f'id="{spec.id}"' in (tmp_path / "report" / f"{spec.id}.html").read_text(encoding="utf-8")
        assert f'href="{spec.id}.html"' in html
        if not spec.figure:
            continue
        assert (tmp_path / "figures" / f"{spec.id}.png").stat().st_size > 1000
        assert (tmp_path / "figures" / f"{spec.id}.svg").exists()
    # every published cell is shown beside its reproduced value, where the sample has the row
    import csv

    import duckdb

    from pipeline import REFERENCE
    from pipeline.report.render import comparison

    with open(REFERENCE / "published_numbers.csv", encoding="utf-8") as f:
        published = {(r["table_id"], r["row"], r["column"]) for r in csv.DictReader(f)}
    shown = set()
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        for spec in TABLES:
            for row in comparison(con, spec, 1.0):
                key = "|".join(str(row[k]) for k in spec.key)
                shown |= {(spec.id, key, c["column"]) for c in row["cells"] if c["published"] is not None}
    # rows exist where someone is: a 300-person sample lacks a few anciennity bands (Figur 3.5, 3.8, the
    # integration annex's Figur 4)
    # and prior kilder (Bilag 3.3, 3.4), and the small benefits of Bilag 3.2 (a handful of persons on
    # revalidering or fleksjob with under five years); every other published cell must be on show
    # (revalidering: the source's 2000 and 2004 lie before the sample's first year, 2008)
    missing = {p for p in published - shown if p[0] not in ("bilag_3_2", "bilag_3_3", "bilag_3_4", "figur_3_5",
                                                             "figur_3_8", "integration_figur_4")
               and not (p[1][:4].isdigit() and int(p[1][:4]) < 2008)}
    assert missing == set()
    assert len(shown) > 0.95 * len(published)
    # the tables carried from the sources, never computed, are shown as such
    sources = (tmp_path / "report" / "kilder.html").read_text(encoding="utf-8")
    assert 'id="kilder"' in sources and "ikke beregnet" in sources and 'id="e24_figur_7_10"' in sources


@pytest.mark.skipif(__import__("pipeline.report.pdf", fromlist=["browser"]).browser() is None,
                    reason="no Chromium on this machine to print the report")
def test_the_report_prints_to_pdf(out, monkeypatch):
    from pipeline.report.pdf import print_pdf

    monkeypatch.setenv("ALMP_PDF", "1")
    pdf = print_pdf(out / "report" / "udskrift.html")
    assert pdf is not None and pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000


# --- the site in a real browser (Debian's chromium, driven by Playwright; `make browser` installs it) ---

# English words that no Danish sentence of the report has; a note left in English shows one of them
ENGLISH = {"the", "of", "and", "with", "from", "which", "is", "are", "this", "that", "but", "only", "printed",
           "rounded", "source", "error", "records", "recipients", "share", "week", "weeks", "not"}

# the text a reader sees: visible text nodes, less code, SQL and what is marked as English (the loader's reasons)
VISIBLE_TEXT = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest("code, pre, [lang='en'], script, style") || !el.checkVisibility()) continue;
    parts.push(node.textContent);
  }
  return parts.join(" ");
}"""


@pytest.fixture(scope="module")
def browser():
    from pipeline.report.pdf import FLAGS, browser as chromium

    exe = chromium()
    if exe is None:
        pytest.skip("no Chromium on this machine (`make browser` installs Debian's chromium where apt-get can)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (make venv)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=[f for f in FLAGS if f != "--headless"])
        yield b
        b.close()


def _internal_codes() -> set[str]:
    """The coded values a reader must see by name (kth, foertidspension, kth_jobparat ...)."""
    from pipeline.report.catalogue import internal_codes

    codes = set(internal_codes())
    assert {"kth", "foertidspension", "loentilskud", "kth_aktivitetsparat"} <= codes
    assert not codes & {"jobparat", "uoplyst", "igen"}  # Danish words, not codes
    return codes


def test_every_page_loads_in_danish_with_every_link_resolving(sample, browser):
    import re
    from urllib.parse import unquote, urlparse

    folder = sample / "report"
    pages = sorted(folder.glob("*.html"))
    codes = _internal_codes()
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    ids: dict = {}
    links = []
    for path in pages:
        assert page.goto(path.as_uri()).ok, path.name
        assert page.title(), path.name
        ids[path.name] = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        links += [(path.name, h) for h in page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")]
        text = page.evaluate(VISIBLE_TEXT)
        words = set(re.findall(r"[A-Za-zÆØÅæøå0-9_]+", text))
        assert not words & ENGLISH, (path.name, sorted(words & ENGLISH))
        assert not words & codes and not {w for w in words if re.fullmatch(r"[a-z0-9]+_[a-z0-9_]+", w)}, \
            (path.name, sorted(words & codes), sorted(w for w in words if "_" in w)[:10])
        # nothing wider than the page: a wide table scrolls inside its box
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path.name
    assert errors == []
    data_links = 0
    for source, href in links:
        url = urlparse(href)
        assert url.scheme == "file", (source, href)  # nothing outside the run's folder
        target = Path(unquote(url.path))
        assert target.exists(), (source, href)
        if url.fragment and target.suffix == ".html":
            assert url.fragment in ids[target.name], (source, href)
        data_links += "/publication/" in url.path and target.suffix == ".csv"
    from pipeline.report.catalogue import report_tables

    assert data_links >= len(report_tables())  # every table's "Data" link, on its page and on the print page


def test_figures_are_in_danish_with_names_not_codes(sample):
    """The SVGs keep their text as text: every title, label, legend and source line can be read back."""
    import re
    import xml.etree.ElementTree as ET

    codes = _internal_codes()
    svgs = sorted((sample / "figures").glob("*.svg"))
    assert len(svgs) > 30
    for svg in svgs:
        texts = [t.text or "" for t in ET.parse(svg).iter("{http://www.w3.org/2000/svg}text")]
        words = set(re.findall(r"[A-Za-zÆØÅæøå0-9_]+", " ".join(texts)))
        assert "SYNTETISKE" in words and "Kilde" in words, svg.name  # the stamp and the source line
        assert not words & ENGLISH and not words & codes, (svg.name, sorted(words & (ENGLISH | codes)))
        assert not [w for w in words if re.fullmatch(r"[a-z0-9]+_[a-z0-9_]+", w)], svg.name


def test_search_finds_tables_by_title(sample, browser):
    page = browser.new_page()
    page.goto((sample / "report" / "index.html").as_uri())
    total = page.locator("#indhold li[data-titel]").count()
    page.fill("#soeg", "sanktioner kvartal")
    shown = page.locator("#indhold li[data-titel]:visible")
    titles = [t.lower() for t in shown.all_inner_texts()]
    assert 0 < len(titles) < total and all("sanktion" in t and "kvartal" in t for t in titles)
    assert page.inner_text("#fundne") == f"{len(titles)} tabeller fundet"
    page.fill("#soeg", "")
    assert page.locator("#indhold li[data-titel]:visible").count() == total
    # from any other page the box opens the start page with the query
    page.goto((sample / "report" / "tabel_3_1.html").as_uri())
    page.fill("#soeg", "Bilag 3.15")
    page.press("#soeg", "Enter")
    page.wait_for_url("**/index.html?q=*")
    assert all("bilag 3.15" in t.lower() for t in page.locator("#indhold li[data-titel]:visible").all_inner_texts())


def test_long_tables_keep_their_header_in_view(sample, browser):
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    page.goto((sample / "report" / "afstemning_jobindsats.html").as_uri())
    box = page.locator(".tabel-boks.lang").first
    assert box.evaluate("b => b.scrollHeight > b.clientHeight")  # long: it scrolls in its box
    box.evaluate("b => { b.scrollTop = 400; }")
    gap = box.evaluate("b => b.querySelector('thead').getBoundingClientRect().top - b.getBoundingClientRect().top")
    assert abs(gap) <= 2  # the header stays at the top of the box


def test_print_shows_every_table_whole(sample, browser):
    from pipeline.report.catalogue import report_tables

    page = browser.new_page()
    page.emulate_media(media="print")
    page.goto((sample / "report" / "udskrift.html").as_uri())
    state = page.evaluate("""() => Array.from(document.querySelectorAll('table')).map(t => {
        const box = t.closest('.tabel-boks');
        return [t.checkVisibility(), !box || box.scrollHeight <= box.clientHeight + 1];
    })""")
    assert state and all(visible and whole for visible, whole in state)
    shown = set(page.eval_on_selector_all("section.tabel", "els => els.map(e => e.id)"))
    assert {t.id for t in report_tables()} <= shown
    images = page.eval_on_selector_all("figure img", "els => els.map(i => i.loading)")
    assert images and set(images) == {"eager"}  # printed pages load their figures; the site's load lazily


def test_a_synthetic_run_reports_its_calibration_and_a_register_run_does_not(sample, out):
    import csv

    from pipeline.report import calibration

    index = (sample / "report" / "index.html").read_text(encoding="utf-8")
    assert "Den syntetiske models tilpasning" in index and 'href="kalibrering.html"' in index
    page = (sample / "report" / "kalibrering.html").read_text(encoding="utf-8")
    assert "Kalibreringsmål:" in page and "Kontrolmål:" in page
    rows = list(csv.DictReader(open(sample / "report" / "kalibrering.csv", encoding="utf-8")))
    declared = calibration.targets()
    assert {r["saet"] for r in rows} == {"kalibrering", "kontrol"}
    # every row is a declared target's cell; each cell once; the verdict is the band's
    assert len({(r["table_id"], r["noegle"], r["kolonne"]) for r in rows}) == len(rows)
    for r in rows:
        t = next(t for t in declared if t.matches(r["table_id"], r["noegle"], r["kolonne"]))
        assert r["saet"] == t.saet and float(r["graense"]) == t.graense
        if r["afvigelse"] not in ("", "inf"):
            assert (r["inden_for"] == "True") == (abs(float(r["afvigelse"])) <= t.graense + 1e-9)
        # a share with a declared denominator has its uncertainty (the column is in the table's rows),
        # and so has a count of more than no synthetic persons
        counted = t.enhed == "pct" and r["reproduceret"] != "" and float(r["reproduceret"]) > 0
        if t.naevner or counted:
            assert (r["usikkerhed"] != "") == bool((t.naevner and r["afvigelse"] != "") or counted), (t.table_id, t.naevner)
        elif t.enhed != "pp":  # a mean age: none; a share without naevner: the report's own where it has one
            assert r["usikkerhed"] == "", (t.table_id, t.enhed)
        elif r["usikkerhed"] != "":
            assert float(r["usikkerhed"]) > 0 and r["afvigelse"] != "", t.table_id
        if r["inden_for"] == "False" and r["usikkerhed"]:
            assert (r["inden_for_usikkerhed"] == "True") == (
                abs(float(r["afvigelse"])) <= t.graense + float(r["usikkerhed"]) + 1e-9)
    assert any(r["usikkerhed"] for r in rows) and "Usikkerhed (±)" in page
    run = json.loads((sample / "run.json").read_text(encoding="utf-8"))
    assert run["calibration"]["kalibrering"]["maal"] == sum(r["saet"] == "kalibrering" for r in rows)
    # the summary ranks the tables by their largest share difference beyond its sampling noise on
    # synthetic data (the first number column), by the difference itself on register data
    import html as html_

    def summary_numbers(folder):
        text = (folder / "report" / "index.html").read_text(encoding="utf-8")
        body = text[text.index('id="sammenfatning"'):]
        body = body.split("<h3>Tabellerne</h3>")[-1].split("</table>")[0]  # the tables' ranking, before the model's misses
        head = re.findall(r"<th[^>]*>(.*?)</th>", body)
        rows = [re.findall(r"<td[^>]*>(.*?)</td>", r) for r in re.findall(r"<tr><td.*?</tr>", body, flags=re.S)]
        first = [html_.unescape(re.sub(r"<[^>]+>", "", r[1])).replace(".", "").replace(",", ".") for r in rows]
        return head, [float(x) if x.strip() not in ("", "–") else -1.0 for x in first]

    head, excess = summary_numbers(sample)
    assert "ud over usikkerheden" in head[1] and excess == sorted(excess, reverse=True)
    head, diff = summary_numbers(out)
    assert head[1] == "Andele: største afvigelse (procentpoint)" and diff == sorted(diff, reverse=True)
    # on synthetic data the largest differences that are the model's targets say so; on register data none
    summary = (sample / "report" / "index.html").read_text(encoding="utf-8").split('id="sammenfatning"')[1]
    ranking = summary.split("<h3>Tabellerne</h3>")[1].split("</table>")[0]
    assert "[kalibreringsmål" in ranking
    # ... and where the model misses its band, the cell is the model's, listed apart, not ranked as a difference
    assert "uden for båndet]" not in ranking
    misses = [r for r in rows if r["inden_for"] == "False" and r["inden_for_usikkerhed"] != "True"]
    listed = summary.split('id="modellens-afvigelser"')
    assert len(listed) == (2 if misses else 1)  # after the tables' ranking, only where there are misses
    if misses:
        assert listed[1].split("</table>")[0].count('class="uden-for"') == len(misses)
    assert "mål]" not in (out / "report" / "index.html").read_text(encoding="utf-8").split('id="sammenfatning"')[1]
    # register data (no synthetic.json): no calibration page, file or lead
    assert not (out / "report" / "kalibrering.html").exists() and not (out / "report" / "kalibrering.csv").exists()
    assert "tilpasning" not in (out / "report" / "index.html").read_text(encoding="utf-8")
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["calibration"] is None


def test_the_summary_marks_the_differences_that_are_the_models_targets():
    """render._mark_targets: a compared share that a calibration row names gets its set, and "uden for
    båndet" where the model misses the band; a cell no target names gets nothing. The cells where the
    model misses its band leave the table's summary (its largest and mean differences, its five worst)
    for `model_misses`: the summary ranks the tables by what the model does not explain."""
    from pipeline.report.render import _mark_targets

    a = {"key": "x", "column": "andel", "diff": -9.0, "excess": 7.0}  # the model's misfit
    b = {"key": "y", "column": "andel", "diff": 1.5}
    d = {"key": "w", "column": "andel", "diff": -3.0, "excess": 0.5}
    c = {"key": "z", "column": "andel", "diff": 4.0}
    sections = [{"id": "t1", "shares": [a, b, d]}, {"id": "t2", "shares": [c]}]
    fit = [{"table_id": "t1", "noegle": "x", "kolonne": "andel", "saet": "kalibrering", "inden_for": False},
           {"table_id": "t1", "noegle": "y", "kolonne": "andel", "saet": "kontrol", "inden_for": True},
           {"table_id": "t1", "noegle": "z", "kolonne": "andel", "saet": "kontrol", "inden_for": False}]
    _mark_targets(sections, fit)
    assert a["maal"] == "kalibreringsmål, uden for båndet"
    assert b["maal"] == "kontrolmål"
    assert "maal" not in c and "maal" not in d  # t2's z: the target is t1's; w: no target
    t1, t2 = sections
    assert t1["model_misses"] == [a] and t2["model_misses"] == []
    # t1 without a: largest |diff| max(1.5, 3.0) = 3.0, mean (1.5 + 3.0) / 2 = 2.25; beyond the noise
    # max(|1.5| (no noise), 0.5) = 1.5; the worst by excess: b (1.5) before d (0.5)
    assert (t1["max_share_diff"], t1["mean_share_diff"], t1["max_share_excess"]) == (3.0, 2.25, 1.5)
    assert t1["worst"] == [b, d]
    assert (t2["max_share_diff"], t2["max_share_excess"], t2["worst"]) == (4.0, 4.0, [c])

