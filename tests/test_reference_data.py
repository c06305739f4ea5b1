"""The reference data: every published number is traceable to its line in the source, and
every one is shown in the report.

Where in the team's copies of the reports (../shared/seeds) each number stands is the tests'
business, not the product's: tests/fixtures/source_lines.csv, joined here by (file, table, row,
column). The shipped reference data cites the publications only."""

import csv
import re

import pytest

from pipeline import REFERENCE, ROOT

SEEDS = ROOT.parent / "shared" / "seeds"
SOURCE_LINES = ROOT / "tests" / "fixtures" / "source_lines.csv"


def with_source_lines(name: str) -> list[dict]:
    """assets/reference/<name>.csv's rows, each with the seed file and line it was read from."""
    with open(SOURCE_LINES, encoding="utf-8") as f:
        where = {(r["table_id"], r["row"], r["column"]): r for r in csv.DictReader(f) if r["file"] == name}
    with open(REFERENCE / f"{name}.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(where) == len(rows), f"{name}.csv and tests/fixtures/source_lines.csv list different cells"
    return [{**r, **{k: where[(r["table_id"], r["row"], r["column"])][k] for k in ("seed_file", "line")}} for r in rows]


def published_rows():
    return with_source_lines("published_numbers")


def danish(value: str) -> list[str]:
    """The ways a number can be printed in the source: 57.200, 9,7, 22 (a text value, a
    literature table's effect sign, as itself)."""
    if value in EFFECT_SIGNS:
        return [value]
    v = float(value)
    forms = set()
    if v == int(v):
        n = int(v)
        forms |= {str(n), f"{n:,}".replace(",", ".")}
    forms.add(value.replace(".", ","))
    return sorted(forms)


EFFECT_SIGNS = ("+", "0", "-")  # the literature tables' effects: significant positive, none, negative


def assert_traceable(rows: list[dict]) -> None:
    """Every row has a number (or an effect sign), a seed file and a line."""
    for r in rows:
        if r["value"] not in EFFECT_SIGNS:
            float(r["value"])
        assert r["seed_file"].endswith(".txt") and int(r["line"]) > 0, r


def test_reference_rows_are_well_formed():
    rows = published_rows()
    assert len(rows) > 150
    keys = [(r["table_id"], r["row"], r["column"]) for r in rows]
    assert len(keys) == len(set(keys)), "a published cell is listed twice"
    assert_traceable(rows)


def not_on_their_lines(rows: list[dict]) -> list[str]:
    """The rows whose value is not printed on their seed file's line (in any Danish form). A
    number the source gives in words or as a range ("1½ mia. kr.", "250-300 mio. kr.": the value
    is then its reading, e.g. the midpoint) quotes the source's words in its note as «...»:
    those words must stand on the line."""
    seeds: dict[str, list[str]] = {}
    missing = []
    for r in rows:
        lines = seeds.setdefault(r["seed_file"], (SEEDS / r["seed_file"]).read_text(encoding="utf-8").splitlines())
        line = lines[int(r["line"]) - 1]
        quoted = re.findall(r"«([^»]+)»", r.get("note") or "")
        if quoted and all(q in line for q in quoted):
            continue
        if not any(re.search(rf"(?<![\d.,]){re.escape(f)}(?![\d]|,\d)", line) for f in danish(r["value"])):
            missing.append(f"{r['table_id']} {r['row']} {r['column']} = {r['value']} not on l. {r['line']}: {line!r}")
    return missing


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the team's reference shelf (../shared/seeds) is not beside the clone")
def test_every_published_number_is_on_its_source_line():
    assert not_on_their_lines(published_rows()) == []


def reference_table_rows():
    return with_source_lines("reference_tables")


def test_the_shipped_reference_data_cites_publications_not_the_shelf():
    """No file name or line number of the team's copies in what a user gets: a source is a
    publication (title, year), the table it names stands in the title."""
    for name in ("published_numbers", "reference_tables", "calibration_targets"):
        text = (REFERENCE / f"{name}.csv").read_text(encoding="utf-8")
        assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt|\bl\. \d", text), name


def test_reference_tables_are_well_formed_and_titled():
    rows = reference_table_rows()
    titled = {r["table_id"] for r in rows if r["title"] and r["kind"] and r["source"]}
    assert titled == {r["table_id"] for r in rows}  # every table has its title, kind and source
    assert_traceable(rows)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the team's reference shelf (../shared/seeds) is not beside the clone")
def test_every_reference_table_number_is_on_its_source_line():
    assert not_on_their_lines(reference_table_rows()) == []


def test_the_commissions_tabel_2_adds_up():
    """Tabel 2 (the reform commission's recommendations), carried as reference data: its lines are sums of others
    (1 = 2+3+4, 6 = 1+5, 10 = 6+7+8+9), e.g. full time 149,2 + 8,3 + 6,7 = 164,2 and
    134,4 - 1,4 - 5,4 - 64,5 = 63,1; 10 hours 40,9 - 0,4 - 1,0 - 64,5 = -25,0."""
    rows = [r for r in reference_table_rows() if r["table_id"] == "jobpraemie_tabel_2"]
    for col in ("Fuld tid", "10 timer pr. uge"):
        v = {int(r["row"].split(".")[0]): float(r["value"]) for r in rows if r["column"] == col}
        assert sorted(v) == list(range(1, 11))
        assert v[1] == pytest.approx(v[2] + v[3] + v[4], abs=0.051)
        assert v[6] == pytest.approx(v[1] + v[5], abs=0.051)
        assert v[10] == pytest.approx(v[6] + v[7] + v[8] + v[9], abs=0.051)


def _table(table_id: str) -> dict[tuple[str, str], float]:
    return {(r["row"], r["column"]): float(r["value"]) for r in reference_table_rows() if r["table_id"] == table_id}


def test_the_expenditure_tables_add_up_except_the_sources_own_rounding():
    """Tabel 2.1-2.3 (seed 001 l. 758-921), carried as reference data. Tabel 2.1: the active
    column's groups sum to the Delsum (1.970 + 270 + 3.530 + 680 + 620 + 210 + 10 + 50 + 0 =
    7.340) and Delsum + 2.310 + 3.580 + 320 = 13.550 (I alt). Tabel 2.2: each row's three cost
    types make its total, except the source's revalidender (560 + 90 + 20 = 670, printed 680).
    Tabel 2.3: ordinær + øvrig = i alt, except revalidender (330 + 240 = 570, printed 560) and the
    delsum (480 + 2.770 = 3.250, printed 3.240): the source's own slips, kept as printed."""
    t = _table("tabel_2_1")
    groups = ("Dagpengemodtagere m.v.", "Uddannelsesydelsesmodtagere (midlertidig ordning)", "Kontanthjælpsmodtagere",
              "Revalidender (inkl. forrevalidering)", "Sygedagpengemodtagere", "Ledighedsydelsesmodtagere",
              "Ressourceforløbsydelsesmodtagere", "Fleksjob og skånejob", "Førtidspensionister (Socialministeriet)")
    assert sum(t[(g, "Aktiv indsats")] for g in groups) == t[("Delsum", "Aktiv indsats")] == 7340
    assert sum(t[(g, "Forsørgelse")] for g in groups) == t[("Delsum", "Forsørgelse")] == 116430
    assert t[("Delsum", "Aktiv indsats")] + 2310 + 3580 + 320 == t[("I alt", "Aktiv indsats")] == 13550
    t2 = _table("tabel_2_2")
    slips = []
    for row in {r for r, _ in t2}:
        parts = sum(t2[(row, c)] for c in ("Driftsudgifter", "Følgeudgifter", "Merudgifter til løntilskud"))
        if parts != t2[(row, "Aktiv indsats i alt")]:
            slips.append(row)
    assert slips == ["Revalidender (inkl. forrevalidering)"]
    t3 = _table("tabel_2_3")
    slips = [row for row in {r for r, _ in t3}
             if t3[(row, "Ordinær uddannelse")] + t3[(row, "Øvrig vejledning og opkvalificering")] != t3[(row, "I alt")]]
    assert sorted(slips) == ["Delsum ikke-arbejdsmarkedsparate", "Revalidender (inkl. forrevalidering)"]


def test_a_reference_tables_rows_are_unique():
    """Two rows with one label would show as one (Tabel 2.1 has '- heraf ikke-arbejdsmarkedsparate'
    under kontanthjælp and under the delsum)."""
    rows = reference_table_rows()
    keys = [(r["table_id"], r["row"], r["column"]) for r in rows]
    assert len(keys) == len(set(keys))


def test_the_sources_slips_are_flagged_where_they_stand():
    """Tabel 2.2's delsum of følgeudgifter: 340 + 90 + 40 + 20 + 0 + 50 = 540 for the
    ikke-arbejdsmarkedsparate rows, printed 550; that cell and the three row slips above carry
    a note ("Kildens fejl"), which the report shows under the table."""
    t2 = _table("tabel_2_2")
    rows = ("- heraf ikke-arbejdsmarkedsparate", "Revalidender (inkl. forrevalidering)", "Sygedagpengemodtagere",
            "Ledighedsydelsesmodtagere", "Ressourceforløbsydelsesmodtagere", "Personer i fleksjob")
    assert sum(t2[(r, "Følgeudgifter")] for r in rows) == 540 != t2[("Delsum ikke-arbejdsmarkedsparate", "Følgeudgifter")]
    flagged = {(r["table_id"], r["row"], r["column"]) for r in reference_table_rows() if "Kildens fejl" in r["note"]}
    assert flagged == {("tabel_2_2", "Revalidender (inkl. forrevalidering)", "Aktiv indsats i alt"),
                       ("tabel_2_2", "Delsum ikke-arbejdsmarkedsparate", "Følgeudgifter"),
                       ("tabel_2_3", "Revalidender (inkl. forrevalidering)", "I alt"),
                       ("tabel_2_3", "Delsum ikke-arbejdsmarkedsparate", "I alt")}


def test_the_unit_cost_tables_hold_together():
    """Tabel 6.4 (seed 004 l. 2865-2898): the six shares sum to 100 (10 + 10 + 59 + 9 + 11 + 1).
    Tabel 6.7: gross = establishment + follow-up + mentor (17.211 + 8.071 + 9.620 = 34.902;
    51.633 + 12.107 + 44.200 = 107.940) and net = gross - 38,5 % of mentor (34.902 - 3.703,7 =
    31.198,3 ~ 31.199). Tabel 6.5: net = 61,5 % of gross inside the ceilings, 50 % outside
    (143.076 x 0,615 = 87.991,7 ~ 87.992)."""
    t4 = _table("m16_tabel_6_4")
    assert sum(v for (r, c), v in t4.items() if c == "pct.") == 100
    t7 = _table("m16_tabel_6_7")
    for col in ("Lav pris", "Høj pris"):
        parts = [t7[(r, col)] for r in ("Udgifter til etablering (opsøgning og udplacering)", "Udgifter til opfølgning",
                                        "Udgifter til mentor")]
        gross = t7[("Samlede enhedsomkostninger (brutto)", col)]
        assert sum(parts) == gross
        assert t7[("Samlede enhedsomkostninger (netto)", col)] == pytest.approx(gross - 0.385 * parts[2], abs=1)
    t5 = _table("m16_tabel_6_5")
    for (row, col), gross in t5.items():
        if col == "Brutto":
            rate = 0.5 if row.startswith("Udenfor") else 0.615
            assert t5[(row, "Netto")] == pytest.approx(gross * rate, abs=1), row


def test_the_lovmodel_tables_hold_together():
    """Bilag 3.10 (seed 001 l. 2401-2434): each household row sums to its 100 (e.g. 1 + 41 + 58).
    Bilag 3.12 (l. 2439-2534): with and without a vocational education sum to 100 in every group
    (26 + 74, ..., 59 + 41). Bilag 3.8's family types sum to 100 per group within the rounding
    of four printed percentages (14 + 13 + 13 + 60 = 100; ledighedsydelse 40 + 7 + 11 + 41 = 99)."""
    t10 = _table("bilag_3_10")
    for row in {r for r, _ in t10}:
        assert sum(t10[(row, c)] for c in ("Uoplyst, pct.", "Udlejningsbolig, pct.", "Ejerbolig, pct.")) == \
            t10[(row, "I alt, pct.")] == 100
    t12 = _table("bilag_3_12")
    for g in {c for _, c in t12}:
        assert t12[("Med erhvervskompetencegivende uddannelse, pct.", g)] + \
            t12[("Uden erhvervskompetencegivende uddannelse, pct.", g)] == 100
    t8 = _table("bilag_3_8_familie")
    for g in {c for r, c in t8 if r == "Gift, pct."}:
        assert abs(sum(t8[(r, g)] for r in ("Gift, pct.", "Samlevende, pct.", "Samboende, pct.", "Enlig, pct.")) - 100) <= 1
