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
    kind: str = "bars"  # bars: reproduced vs published per row; bands: a line per group over anciennity years


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
    ReportTable(
        id="figur_3_5",
        title="Figur 3.5 Anciennitet på ydelsen og andel med en aktiv indsats i de seneste {offer_lookback_weeks} uger, "
              "uge {reference_week}",
        source="seed 001 l. 1865–1873, metode Bilag 3.14 l. 2539–2553; kilde: DREAM",
        sql="marts/figur_3_5.sql", inputs="category_runs, spells, activation_weeks",
        columns=(Column("antal", "Antal", False), Column("andel_tilbud", "Andel med aktiv indsats, pct.", True)),
        figure=(("andel_tilbud", "Andel med en aktiv indsats (pct.)"),),
        figure_title="Figur 3.5: andel med aktiv indsats i de seneste 12 uger efter anciennitet (år)",
        kind="bands",
        notes=("Anciennitet i uge {reference_week} med huller på højst {max_gap_weeks} uger bygget over; år = hele "
               "52-ugers år; under {min_offer_anciennity_weeks} ugers anciennitet indgår ikke; 10 = ti år og derover. "
               "Kun ét punkt er offentliggjort (Bilag 3.14: 51 pct.); resten af figuren er tabt i kilden.",
               "Anciennitet kan ikke være ældre end udtrækkets første uge: forløb, der løber ved udtrækkets start, "
               "er venstrecensurerede og samles i det år, udtrækket tillader."),
    ),
    ReportTable(
        id="figur_3_8",
        title="Figur 3.8 Anciennitet på ydelsen og andel med en virksomhedsrettet indsats i de seneste "
              "{offer_lookback_weeks} uger, uge {reference_week}",
        source="seed 001 l. 1985–1993, tal i teksten l. 4044–4051; kilde: DREAM",
        sql="marts/figur_3_8.sql", inputs="figur_3_5",
        columns=(Column("antal", "Antal", False),
                 Column("andel_virksomhedsrettet", "Andel med virksomhedsrettet indsats, pct.", True)),
        figure=(("andel_virksomhedsrettet", "Andel med virksomhedsrettet indsats (pct.)"),),
        figure_title="Figur 3.8: andel med virksomhedsrettet indsats i de seneste 12 uger efter anciennitet (år)",
        kind="bands",
        notes=("Virksomhedsrettet: virksomhedspraktik, løntilskud og nytteindsats. Samme population og år som Figur 3.5.",),
    ),
    ReportTable(
        id="figur_3_6",
        title="Figur 3.6 Kontanthjælpsanciennitet og tid siden sidste aktive tilbud, uge {reference_week}",
        source="seed 001 l. 1877–1896; kilde: DREAM",
        sql="marts/figur_3_6.sql", inputs="category_runs, spells, activation_weeks",
        columns=(Column("antal", "Antal", False),
                 Column("andel_ikke_1aar", "Ikke aktiveret det seneste år, pct.", True),
                 Column("andel_ikke_3aar", "… de seneste tre år, pct.", True),
                 Column("andel_ikke_5aar", "… de seneste fem år, pct.", True)),
        figure=(("andel_ikke_1aar", "Ikke aktiveret seneste år"), ("andel_ikke_3aar", "… seneste tre år"),
                ("andel_ikke_5aar", "… seneste fem år")),
        figure_title="Figur 3.6: andel uden aktivt tilbud efter kontanthjælpsanciennitet",
        notes=("Kontanthjælpsmodtagere i uge {reference_week}; anciennitet tæller kontant- og uddannelseshjælp med "
               "huller på højst {max_gap_weeks} uger bygget over. Et år = 52 uger til og med referenceugen.",),
    ),
    ReportTable(
        id="bilag_3_13",
        title="Bilag 3.13 Andel, der får første tilbud inden for de første tre måneder på ydelsen, "
              "forløb startet {first_offer_from_week}–{first_offer_to_week}",
        source="seed 001 l. 1836–1858, 2536–2538; kilde: Jobindsats (offentliggjort), aktivering og DREAM (reproduceret)",
        sql="marts/bilag_3_13.sql", inputs="spells, category_runs, activation_weeks",
        columns=(Column("antal", "Nye forløb", False),
                 Column("andel_tilbud_3_mdr", "Tilbud inden for tre måneder, pct.", True)),
        figure=(("andel_tilbud_3_mdr", "Første tilbud inden for tre måneder (pct.)"),),
        figure_title="Bilag 3.13: første tilbud inden for de første tre måneder",
        notes=("Forløb, der slutter inden for {first_offer_window_weeks} uger, og forløb, der løber ved udtrækkets "
               "start, indgår ikke. Gruppen er kategorien i forløbets første uge.",),
    ),
)
