"""The report's tables: what each shows, in which order, with which notes.

One entry per table of the report; `render` turns each into a section with the
reproduced values beside the published ones (assets/reference/published_numbers.csv),
a figure, the SQL that made it, and its notes. Titles and notes may use the run's
parameters ({reference_week}, {activation_end_week}, ...) and SQL variables.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    share: bool  # a percentage (compared directly) or a count (scaled for synthetic data)


@dataclass(frozen=True)
class ReportTable:
    id: str
    title: str
    source: str
    sql: str  # path under sql/
    inputs: str  # upstream assets, for the lineage line
    columns: tuple[Column, ...]
    figure: tuple[tuple[str, str], ...]  # (share column, panel title) pairs shown in the figure
    figure_title: str
    notes: tuple[str, ...] = field(default_factory=tuple)
    needs: str | None = None  # an extract without which the table is marked as not computed


TABLES: tuple[ReportTable, ...] = (
    ReportTable(
        id="tabel_3_1",
        title="Tabel 3.1 Antal offentligt forsørgede opdelt efter ydelse, uge {reference_week}",
        source="seed 001 l. 1103–1156; kilde: DREAM",
        sql="marts/tabel_3_1.sql", inputs="category_runs (sql/core/category_runs.sql)",
        columns=(Column("antal", "Antal i ugen", False),
                 Column("antal_1aar", "≥ 80 pct. af forudgående år, antal", False),
                 Column("andel_1aar", "pct.", True),
                 Column("antal_5aar", "≥ 80 pct. af forudgående fem år, antal", False),
                 Column("andel_5aar", "pct.", True)),
        figure=(("andel_1aar", "≥ 80 % af det forudgående år"), ("andel_5aar", "≥ 80 % af de forudgående fem år")),
        figure_title="Tabel 3.1: andel offentligt forsørgede i mindst 80 pct. af perioden",
        notes=(
            "Offentlig forsørgelse: dagpenge, arbejdsmarkedsydelse, særlig uddannelsesydelse, kontanthjælp (inkl. under "
            "integrationsloven), uddannelseshjælp, rotationsvikarer, sygedagpenge, revalidering, forrevalidering, "
            "førtidspension, fleksjob, ledighedsydelse og ressourceforløb.",
            "Langvarig: mindst {min_weeks_1aar} af {window_1aar} uger og mindst {min_weeks_5aar} af {window_5aar} uger "
            "før referenceugen (ugen selv tæller ikke med; 80 pct. rundet op). Uger før udtrækkets første uge tæller "
            "som ikke forsørget.",
        ),
    ),
    ReportTable(
        id="tabel_3_2",
        title="Tabel 3.2 Aktiveringsgrad de seneste {activation_period_weeks} uger til og med {activation_end_week} "
              "blandt personer, der har været mindst {min_anciennity_weeks} uger på ydelsen",
        source="seed 001 l. 1745–1807; kilde: STAR (offentliggjort), aktiveringsudtræk og DREAM (reproduceret)",
        sql="marts/tabel_3_2.sql", inputs="category_runs, spells, activation_weeks (sql/core/activation_weeks.sql)",
        columns=(Column("antal", "Antal", False),
                 Column("andel_aktiveret", "Andel aktiveret, pct.", True),
                 Column("andel_ikke_aktiveret", "Andel ikke aktiveret, pct.", True),
                 Column("aktiveringsgrad", "Aktiveringsgrad", True),
                 Column("aktiveringsgrad_beroerte", "Aktiveringsgrad blandt de berørte", True)),
        figure=(("andel_aktiveret", "Andel aktiveret"), ("aktiveringsgrad", "Aktiveringsgrad (timer)")),
        figure_title="Tabel 3.2: andel aktiveret og timebaseret aktiveringsgrad",
        notes=(
            "Aktiveringsgrad = aktiveringstimer ÷ mulige timer ({full_time_hours} timer pr. uge på ydelsen) × 100; "
            "timer i en uge = timer pr. uge × dage dækket ÷ 7, summeret over overlappende forløb og loftet ved "
            "{full_time_hours}; voksenlærling og mentor tæller ikke med.",
            "Population: personer med ydelsen i perioden, hvis forløb (huller på højst {max_gap_weeks} uger bygget "
            "over) i deres sidste uge med ydelsen i perioden havde mindst {min_anciennity_weeks} ugers anciennitet. "
            "Kilden udelader desuden ikke-visiterede og personer på barsel; det gør vi ikke (STATISTICS.md §4).",
            "Aktiveringsgrad blandt de berørte = aktiveringsgrad ÷ andel aktiveret × 100.",
        ),
    ),
)
