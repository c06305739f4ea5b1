"""The publication outputs: publication/<table_id>.csv and publication/report.xlsx, every
report table after disclosure control (pipeline/report/disclosure.py, STATISTICS.md §7).

Which columns count persons, which shares rest on which counts, and which rows add up
to which total are declared here per table (PROTECTION), with a default for the rest:
columns named antal*/n_* (and Tabel 4.1's offer columns) count persons; a share's
numerator is the antal_* column of the same name, its denominator the table's antal,
antal_modtagere or n_risiko.
"""

from __future__ import annotations

import csv
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from pipeline.report.catalogue import TABLES, Params, ReportTable
from pipeline.report.disclosure import SUPPRESSED, Protection, published_rows, small_cells
from pipeline.warehouse import table_exists

_SANCTION_SHARES = {"andel_sanktionerede": ("antal_sanktionerede", "antal_modtagere")}
_BY_VALUE = dict(groups=("periode",), total=("vaerdi", ("i_alt",)))
PROTECTION: dict[str, Protection] = {
    "tabel_3_1": Protection(persons=("antal", "antal_1aar", "antal_5aar"),
                            shares={"andel_1aar": ("antal_1aar", "antal"), "andel_5aar": ("antal_5aar", "antal")},
                            total=("kategori", ("i_alt",)), additive=("antal", "antal_1aar", "antal_5aar"),
                            not_members=("kategori", ("i_alt_uden_foertidspension",))),
    # visitation: a person can be in two categories in a quarter, so only sanctions add up
    "bilag_3_15_tabel_1": Protection(persons=("antal_modtagere", "antal_sanktioner", "antal_sanktionerede"),
                                     shares=_SANCTION_SHARES, additive=("antal_sanktioner",), **_BY_VALUE),
    "bilag_3_15_tabel_3": Protection(persons=("antal_modtagere", "antal_sanktioner", "antal_sanktionerede"),
                                     shares=_SANCTION_SHARES, additive=("antal_sanktioner",),
                                     not_members=("vaerdi", ("alle_uddannelsesparate",)), **_BY_VALUE),
    "bilag_3_15_tabel_8": Protection(persons=("antal_modtagere", "antal_sanktioner", "antal_sanktionerede"),
                                     shares=_SANCTION_SHARES, groups=("periode",), total=("vaerdi", ("hele_landet",)),
                                     additive=("antal_sanktioner", "antal_modtagere")),
}
for _t in ("bilag_3_15_tabel_2", "bilag_3_15_tabel_4", "bilag_3_15_tabel_7"):  # one herkomst per person
    PROTECTION[_t] = Protection(persons=("antal_modtagere", "antal_sanktioner", "antal_sanktionerede"),
                                shares=_SANCTION_SHARES,
                                additive=("antal_modtagere", "antal_sanktioner", "antal_sanktionerede"), **_BY_VALUE)
# the paid-hours tables: municipalities add up to hele_landet per year; hours, ranks and kroner
# of a municipality rest on its persons in the group
_PER_PERSON = ("ordinaere_timer", "stoettede_timer", "ordinaere_timer_pr_person", "stoettede_timer_pr_person", "rang",
               "aendring_timer_pr_person", "aendring_rang", "bundgraense_timer", "timer_over_bundgraense", "praemie_kr",
               "praemie_uden_bundgraense_kr", "praemie_kr_pr_person")
_PER_PERSON_MEANS = {c: "personer" for c in _PER_PERSON}
_BY_KOMMUNE = dict(groups=("aar",), total=("kommune", ("hele_landet",)), means=_PER_PERSON_MEANS)
PROTECTION["loentimer_kommune"] = Protection(
    persons=("personer", "antal_med_ordinaere_timer"),
    shares={"andel_med_ordinaere_timer": ("antal_med_ordinaere_timer", "personer")},
    additive=("personer", "antal_med_ordinaere_timer"), **_BY_KOMMUNE)
PROTECTION["jobpraemie"] = Protection(persons=("personer",), additive=("personer",), **_BY_KOMMUNE)
# the municipalities add up to hele_landet; laveste_femtedel pools some of them (in neither sum nor total)
PROTECTION["jobpraemie_figur_3"] = Protection(persons=("personer",), means=_PER_PERSON_MEANS,
                                              total=("kommune", ("hele_landet",)), additive=("personer",),
                                              not_members=("kommune", ("laveste_femtedel",)))
PROTECTION["jobpraemie_figur_2"] = Protection(persons=("antal",), shares={"andel": ("antal", None)},
                                              total=("timer_pr_uge", ("i_alt",)), additive=("antal",),
                                              not_members=("timer_pr_uge", ("over_0",)))
PROTECTION["bilag_3_11"] = Protection(persons=("antal_befolkning", "antal"), shares={"andel": ("antal", "antal_befolkning")},
                                       total=("kommune", ("hele_landet",)), additive=("antal_befolkning", "antal"))
PROTECTION["bilag_3_8"] = Protection(persons=("antal", "personer"), means={"vaerdi": "personer"})
PERSON_COLUMNS_EXTRA = {"loentilskud_offentlig", "virksomhedspraktik_offentlig", "loentilskud_privat",
                        "virksomhedspraktik_privat", "nyttejob", "fleksjob", "total", "personer"}
SHARE_PREFIXES = ("andel", "aktiveringsgrad", "samme_ydelse", "anden_offentlig", "selvforsoergelse", "overlevelse")


def protection(table_id: str, columns: list[str]) -> Protection:
    if table_id in PROTECTION:
        return PROTECTION[table_id]
    persons = tuple(c for c in columns if c.startswith(("antal", "n_")) or c in PERSON_COLUMNS_EXTRA)
    den = next((c for c in ("antal", "antal_modtagere", "n_risiko") if c in columns), None)
    shares = {}
    for c in columns:
        if c.startswith(SHARE_PREFIXES):
            num = "antal_" + c[len("andel_"):] if c.startswith("andel_") else None
            shares[c] = (num if num in columns else None, den)
    return Protection(persons=persons, shares=shares, fractions=("overlevelse",))


def table_rows(con: duckdb.DuckDBPyConnection, table: str) -> tuple[list[str], list[dict]]:
    """A table's column names and its rows as dicts."""
    cur = con.execute(f"SELECT * FROM {table}")
    names = [d[0] for d in cur.description]
    return names, [dict(zip(names, r)) for r in cur.fetchall()]


def protect(rows: list[dict], columns: list[str], table_id: str, min_cell: int) -> tuple[list[dict], int]:
    """The table's rows after disclosure control, and how many cells were suppressed."""
    return published_rows(rows, protection(table_id, columns), min_cell)


def write_publication(con: duckdb.DuckDBPyConnection, out: Path, meta: dict, min_cell: int) -> dict:
    """publication/<id>.csv for every report table, and publication/report.xlsx."""
    folder = Path(out) / "publication"
    folder.mkdir(parents=True, exist_ok=True)
    tables, stats = [], {}
    for spec in TABLES:
        if not table_exists(con, spec.id):
            continue
        names, rows = table_rows(con, spec.id)
        pub, n = protect(rows, names, spec.id, min_cell)
        with open(folder / f"{spec.id}.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(names)
            w.writerows([["" if r[c] is None else r[c] for c in names] for r in pub])
        tables.append((spec, names, pub))
        stats[spec.id] = {"rows": len(rows), "suppressed_cells": n}
    write_workbook(folder / "report.xlsx", tables, meta, min_cell)
    return stats


def check_publication(folder: Path, min_cell: int) -> list[str]:
    """Every published person count is 0, suppressed or at least min_cell: the list of offenders."""
    bad = []
    for path in sorted(Path(folder).glob("*.csv")):
        with open(path, encoding="utf-8") as f:
            reader = csv.DictReader(f)
            rows = [{k: _number(v) for k, v in r.items()} for r in reader]
        prot = protection(path.stem, list(rows[0]) if rows else [])
        bad += [f"{path.name} row {i + 2} {c} = {v}" for i, c, v in small_cells(rows, prot, min_cell)]
    return bad


def _number(v: str):
    if v in ("", SUPPRESSED):
        return None if v == "" else v
    try:
        return float(v)
    except ValueError:
        return v


def write_workbook(path: Path, tables: list[tuple[ReportTable, list[str], list[dict]]], meta: dict,
                   min_cell: int) -> Path:
    """The workbook in publication style: Forside, Indhold, Noter, one sheet per table (title,
    source and notes above the data; numbers as numbers with Danish formats; '.' = suppressed)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    params = {**meta.get("sql_variables", {}), **meta.get("parameters", {})}
    fmt = Params(params)
    wb = Workbook()
    cover = wb.active
    cover.title = "Forside"
    synthetic = meta.get("synthetic")
    cover_rows = [
        ("Borgere i udkanten af arbejdsmarkedet – reproducerede registertabeller", True),
        ("almp: aktiv beskæftigelsespolitik, registerstatistik", False),
        ("", False),
        (f"Data: {'SYNTETISKE DATA (almp generate), ikke registerdata' if synthetic else meta.get('data_dir', '')}", False),
        (f"Referenceuge: {params.get('reference_week', '')}; diskretionering: celler under {min_cell} personer "
         f"vises som '{SUPPRESSED}'", False),
        (f"Dannet: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}; kodeversion: "
         f"{meta.get('code_version', '')}", False),
        ("Kontakt: [navn, enhed, e-mail]", False),
    ]
    for i, (text, bold) in enumerate(cover_rows, start=1):
        cover.cell(row=i, column=1, value=text).font = Font(bold=bold, size=14 if i == 1 else 11)
    cover.column_dimensions["A"].width = 110
    contents = wb.create_sheet("Indhold")
    contents.append(["Ark", "Tabel", "Kilde"])
    for c in contents[1]:
        c.font = Font(bold=True)
    notes = wb.create_sheet("Noter")
    notes.column_dimensions["A"].width = 24
    notes.column_dimensions["B"].width = 120
    notes.append(["Emne", "Note"])
    for c in notes[1]:
        c.font = Font(bold=True)
    notes.append(["Diskretionering", f"Ingen celle beskriver færre end {min_cell} personer: små antal er erstattet af "
                  f"'{SUPPRESSED}', et ekstra antal skjules, hvor en total ellers ville afsløre det, og andele skjules, "
                  f"når deres tæller er skjult eller nævneren er under {min_cell} (STATISTICS.md §7). De eksakte tabeller "
                  "ligger i tables/ i det sikre miljø."])
    notes.append(["Uger", "ISO-uger; en uge hører til den måned, det kvartal og år, dens torsdag ligger i."])
    if synthetic:
        notes.append(["Syntetiske data", "Tallene er beregnet på syntetiske data og er ikke offentlig statistik."])
    header_fill = PatternFill("solid", fgColor="DDE6F0")
    for spec, names, rows in tables:
        ws = wb.create_sheet(spec.id[:31])
        title = spec.title.format_map(fmt)
        ws.append([title])
        ws["A1"].font = Font(bold=True, size=12)
        ws.append([f"Kilde: {spec.source}"])
        ws.append([f"SQL: sql/{spec.sql}; bygger på {spec.inputs}"])
        for n in spec.notes:
            ws.append([n.format_map(fmt)])
            ws.cell(row=ws.max_row, column=1).alignment = Alignment(wrap_text=False)
        ws.append([])
        ws.append(names)
        header_row = ws.max_row
        for c in ws[header_row]:
            c.font = Font(bold=True)
            c.fill = header_fill
        shares = {col.name for col in spec.columns if col.share} | {c for c in names if c.startswith(SHARE_PREFIXES)}
        formats = {c: ("0.0000" if c in ("overlevelse", "kumuleret_incidens") else "0.0") if c in shares else "#,##0"
                   for c in names}
        for row_no, r in enumerate(rows, start=header_row + 1):  # ws.max_row is O(rows): count ourselves
            ws.append([r[c] for c in names])
            for j, c in enumerate(names, start=1):
                cell = ws.cell(row=row_no, column=j)
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    cell.number_format = formats[c]
                elif cell.value == SUPPRESSED:
                    cell.alignment = Alignment(horizontal="right")
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
        for j, c in enumerate(names, start=1):
            ws.column_dimensions[ws.cell(row=header_row, column=j).column_letter].width = max(10, min(40, len(c) + 4))
        contents.append([spec.id[:31], title, spec.source])
        contents.cell(row=contents.max_row, column=1).hyperlink = f"#'{spec.id[:31]}'!A1"
    contents.column_dimensions["A"].width = 22
    contents.column_dimensions["B"].width = 100
    contents.column_dimensions["C"].width = 60
    wb.save(path)
    return path
