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
    kind: str = "bars"  # bars: reproduced vs published per row; lines: a line per series over x; ranking: sorted bars
    x: str = "aar"  # lines: the x column
    series: str = "gruppe"  # lines: one line per value of this column
    only: tuple[str, object] | None = None  # (column, value or tuple of values, may name a parameter as
    # "{sanction_ranking_year}"): the figure shows only these rows
    xlabel: str = "Anciennitet på ydelsen, hele år (10 = ti år og derover)"
    collapse_table: bool = False  # long tables (98 municipalities ...) are folded away in the HTML
    key: tuple[str, ...] = ("kategori",)  # the columns that name a row in published_numbers.csv (joined by "|")
    row_header: str = "Ydelse"


# Readable names of the values of the long-format tables (sanctions), for labels and legends.
VALUE_LABELS = {
    "i_alt": "I alt", "hele_landet": "Hele landet", "uoplyst": "Uoplyst", "jobparat": "Jobparate",
    "aktivitetsparat": "Aktivitetsparate", "alle_uddannelsesparate": "Alle uddannelsesparate",
    "aabenlyst_uddannelsesparat": "Åbenlyst uddannelsesparate", "uddannelsesparat": "Øvrige uddannelsesparate",
    "dansk_oprindelse": "Dansk oprindelse", "indvandrer_vestlig": "Indvandrere, vestlige",
    "efterkommer_vestlig": "Efterkommere, vestlige", "indvandrer_ikke_vestlig": "Indvandrere, ikke-vestlige",
    "efterkommer_ikke_vestlig": "Efterkommere, ikke-vestlige", "kth": "Kontanthjælp", "udh": "Uddannelseshjælp",
    "dagpenge": "Dagpenge", "dagpenge_alle_typer": "Dagpenge inkl. karantæne", "ressourceforloeb": "Ressourceforløb",
    "ledighedsydelse": "Ledighedsydelse", "sygedagpenge": "Sygedagpenge", "kh_system": "Kontanthjælpssystemet",
    "dp_system": "Dagpengesystemet",
}
SANCTION_COLUMNS = (Column("antal_modtagere", "Modtagere", False), Column("antal_sanktioner", "Sanktioner", False),
                    Column("antal_sanktionerede", "Sanktionerede", False),
                    Column("andel_sanktionerede", "Andel sanktionerede, pct.", True))
SANCTION_SHARE = (("andel_sanktionerede", "Andel sanktionerede (pct.)"),)
SANCTION_KEY = ("periode", "kategori", "vaerdi")
HERKOMST = ("i_alt", "dansk_oprindelse", "indvandrer_vestlig", "efterkommer_vestlig", "indvandrer_ikke_vestlig",
            "efterkommer_ikke_vestlig")
SANCTION_NOTES = (
    "Modtagere: personer med mindst én uge på ydelsen i perioden (kvartal/år = de uger, hvis torsdag ligger i "
    "perioden). Sanktioner: sanktioner med ydelsen dateret i en uge i perioden (typer udeladt: "
    "{sanction_excluded_types}). Andel sanktionerede = sanktionerede, der også er modtagere i cellen, ÷ modtagere × 100; "
    "sanktioner til personer, der ikke er modtagere, tæller i antal, ikke i andelen (se datakvalitet).",
    "Visitation: personens visitation i sanktionens uge; uoplyst hvis ingen. Kun perioder, der ligger helt inde i "
    "udtrækket. Kilden (Jobindsats) er et andet udtræk end DREAM: niveauerne kan afvige, også med rigtige data.",
)


def _sanction_table(id: str, title: str, source: str, row_header: str, figure_title: str, notes: tuple,
                    **kw) -> ReportTable:
    """A sanction table (long format, STATISTICS.md §5): by default shares per quarter as lines."""
    defaults = dict(sql=f"marts/{id}.sql", inputs="sanction_cells (sql/core/sanction_cells.sql)",
                    columns=SANCTION_COLUMNS, figure=SANCTION_SHARE, key=SANCTION_KEY, kind="lines", x="periode",
                    series="vaerdi", xlabel="Kvartal", collapse_table=True)
    return ReportTable(id=id, title=title, source=source, row_header=row_header, figure_title=figure_title,
                       notes=notes, **{**defaults, **kw})


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
        kind="lines",
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
        kind="lines",
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
    ReportTable(
        id="tabel_4_1",
        title="Tabel 4.1 Personer på langvarig offentlig forsørgelse, der har været aktiveret i et virksomhedsrettet "
              "tilbud, {company_quarter}",
        source="seed 001 l. 3987–4035; kilde: særkørsel på Jobindsats' datagrundlag (offentliggjort)",
        sql="marts/tabel_4_1.sql", inputs="company_offers_quarter (sql/core/company_offers_quarter.sql)",
        columns=(Column("antal", "Antal personer", False),
                 Column("loentilskud_offentlig", "Løntilskud offentlig", True),
                 Column("virksomhedspraktik_offentlig", "Virksomhedspraktik offentlig", True),
                 Column("loentilskud_privat", "Løntilskud privat", True),
                 Column("virksomhedspraktik_privat", "Virksomhedspraktik privat", True),
                 Column("nyttejob", "Nyttejob", True), Column("fleksjob", "Fleksjob", True),
                 Column("total", "Total", True)),
        figure=(("total", "Total (unikke personer)"), ("virksomhedspraktik_privat", "Virksomhedspraktik privat")),
        figure_title="Tabel 4.1: andel i virksomhedsrettet tilbud blandt langvarigt forsørgede",
        notes=("Population: personer med ydelsen i kvartalet og mindst {min_anciennity_weeks} ugers anciennitet i "
               "deres sidste uge med ydelsen i kvartalet. Kildens regel (seks sammenhængende måneder med højst én "
               "kalendermåned uden ydelse) er tilnærmet med vores forløbsregel (huller på højst {max_gap_weeks} uger).",
               "Andele af rækkens personer med mindst én uge i tilbuddet i kvartalet; Total tæller unikke personer. "
               "Total-rækken er alle rækkers personer tilsammen (det personvægtede gennemsnit, som i kilden). "
               "Fleksjobvisiterede = fleksjob og ledighedsydelse."),
    ),
    ReportTable(
        id="figur_4_1",
        title="Figur 4.1 Langvarigt forsørgede i virksomhedsrettet tilbud efter ydelse og herkomst, {company_quarter}",
        source="seed 001 l. 4077–4083 (værdier tabt i kilden)",
        sql="marts/figur_4_1.sql", inputs="company_offers_quarter",
        columns=(Column("antal", "Antal", False), Column("andel_virksomhedsrettet", "Andel i virksomhedsrettet tilbud", True)),
        figure=(("andel_virksomhedsrettet", "Andel i virksomhedsrettet tilbud (pct.)"),),
        figure_title="Figur 4.1: virksomhedsrettet tilbud efter ydelse og herkomst",
        notes=("Virksomhedsrettet: virksomhedspraktik, løntilskud eller nyttejob (ikke fleksjob). Population som Tabel 4.1.",),
        collapse_table=True,
    ),
    ReportTable(
        id="figur_4_2",
        title="Figur 4.2 Langvarigt forsørgede i virksomhedsrettet tilbud efter kommune, {company_quarter}",
        source="seed 001 l. 4092–4099 (værdier tabt i kilden)",
        sql="marts/figur_4_2.sql", inputs="company_offers_quarter",
        columns=(Column("antal", "Antal", False), Column("andel_virksomhedsrettet", "Andel i virksomhedsrettet tilbud", True)),
        figure=(("andel_virksomhedsrettet", "Andel i virksomhedsrettet tilbud inkl. fleksjob (pct.)"),),
        figure_title="Figur 4.2: virksomhedsrettet tilbud efter kommune (dagpenge og øvrige)",
        kind="ranking", collapse_table=True,
        notes=("Virksomhedsrettet: virksomhedspraktik, løntilskud, fleksjob eller nyttejob, som i kildens figur. "
               "Øvrige = kontant- og uddannelseshjælp, revalidering, sygedagpenge og fleksjobvisiterede. Kommune i "
               "kvartalets år.",),
    ),
    ReportTable(
        id="figur_4_3",
        title="Figur 4.3 Fuldtidsaktiverede i virksomhedsrettet indsats som andel af alle fuldtidspersoner, "
              "{company_quarter}",
        source="seed 001 l. 4108–4114 (værdier tabt i kilden; teksten: ca. 12 pct. i de højeste, under 5 pct. i de "
               "laveste kommuner)",
        sql="marts/figur_4_3.sql", inputs="activation_offer_weeks, category_runs",
        columns=(Column("fuldtidspersoner", "Fuldtidspersoner", False),
                 Column("andel_fuldtidsaktiverede", "Fuldtidsaktiverede i virksomhedsrettet indsats, pct.", True)),
        figure=(("andel_fuldtidsaktiverede", "Andel fuldtidsaktiverede (pct.)"),),
        figure_title="Figur 4.3: fuldtidsaktiverede i virksomhedsrettet indsats efter kommune",
        kind="ranking", collapse_table=True,
        notes=("Ydelser: kontant- og uddannelseshjælp, revalidering, forrevalidering, ressourceforløb, "
               "ledighedsydelse og sygedagpenge. Fuldtidspersoner = uger på ydelserne ÷ uger i kvartalet; "
               "fuldtidsaktiverede = virksomhedsrettede aktiveringstimer i de uger ÷ {full_time_hours} ÷ uger i kvartalet.",),
    ),
    ReportTable(
        id="m16_aktiveringsgrad",
        title="Aktiveringsgrad (fuldtidspersoner) efter ydelsesgruppe og år (mploy 2016–17, figur 6.1)",
        source="seed 004 l. 2394–2414, 2481–2497; kilde: Jobindsats og mploy (offentliggjort)",
        sql="marts/m16_aktiveringsgrad.sql", inputs="m16_activation (sql/core/m16_activation.sql)",
        columns=(Column("fuldtidspersoner", "Fuldtidspersoner", False),
                 Column("fuldtidsaktiverede", "Fuldtidsaktiverede", False),
                 Column("aktiveringsgrad", "Aktiveringsgrad, pct.", True)),
        figure=(("aktiveringsgrad", "Aktiveringsgrad (pct.)"),),
        figure_title="Aktiveringsgrad: fuldtidsaktiverede ÷ fuldtidspersoner på ydelsen",
        kind="lines", x="aar", series="gruppe", xlabel="År (ISO-år)", collapse_table=True,
        notes=("Aktiveringsgrad = fuldtidsaktiverede ÷ fuldtidspersoner × 100; mentor og voksenlærling tæller ikke. "
               "Kildens 2016 er 4. kvt. 2015–3. kvt. 2016; vi bruger kalenderår (ISO), og år uden for udtrækket "
               "kan ikke reproduceres.",),
    ),
    ReportTable(
        id="m16_redskaber",
        title="Redskabssammensætning og aktiveringsgrad pr. redskab (mploy 2016–17, figur 6.1–6.2)",
        source="seed 004 l. 2422–2424, 2646–2651, 2740–2743",
        sql="marts/m16_redskaber.sql", inputs="m16_activation (sql/core/m16_activation.sql)",
        columns=(Column("fuldtidsaktiverede", "Fuldtidsaktiverede", False),
                 Column("andel_af_aktivering", "Andel af aktiviteten, pct.", True),
                 Column("aktiveringsgrad_redskab", "Aktiveringsgrad for redskabet, pct.", True)),
        figure=(("andel_af_aktivering", "Redskabets andel af aktiviteten (pct.), alle ydelser"),),
        figure_title="Redskabssammensætning, alle ydelser i Figur 6.1's population",
        kind="lines", x="aar", series="tilbud", only=("gruppe", "i_alt"), xlabel="År (ISO-år)", collapse_table=True,
    ),
    _sanction_table(
        "bilag_3_15_tabel_1",
        "Bilag 3.15 Tabel 1 Rådighedssanktioner til og andel sanktionerede kontanthjælpsmodtagere pr. kvartal",
        "seed 001 l. 3021–3083; kilde: Jobindsats.dk (offentliggjort), sanktionsudtræk og DREAM (reproduceret)",
        "Kvartal · visitation", "Bilag 3.15 Tabel 1: andel sanktionerede kontanthjælpsmodtagere pr. kvartal",
        SANCTION_NOTES + ("Kildens '.' (diskretionerede små tal) er ikke med blandt de offentliggjorte tal.",),
        only=("vaerdi", ("i_alt", "jobparat", "aktivitetsparat")),
    ),
    _sanction_table(
        "bilag_3_15_tabel_2", "Bilag 3.15 Tabel 2 Andel sanktionerede kontanthjælpsmodtagere efter herkomst pr. kvartal",
        "seed 001 l. 3091–3147; kilde: Jobindsats.dk", "Kvartal · herkomst",
        "Bilag 3.15 Tabel 2: andel sanktionerede kontanthjælpsmodtagere efter herkomst",
        SANCTION_NOTES[:1] + ("Herkomst fra DREAM; uoplyst hvor den mangler eller personen ikke er i DREAM.",),
        only=("vaerdi", HERKOMST),
    ),
    _sanction_table(
        "bilag_3_15_tabel_3",
        "Bilag 3.15 Tabel 3 Rådighedssanktioner til og andel sanktionerede uddannelseshjælpsmodtagere pr. kvartal",
        "seed 001 l. 3169–3196; kilde: Jobindsats.dk", "Kvartal · visitation",
        "Bilag 3.15 Tabel 3: andel sanktionerede uddannelseshjælpsmodtagere pr. kvartal",
        SANCTION_NOTES + ("Uddannelseshjælpen begyndte 1. januar 2014: kilden har kun 1. og 2. kvartal 2014.",),
        only=("vaerdi", ("i_alt", "alle_uddannelsesparate", "aktivitetsparat")),
    ),
    _sanction_table(
        "bilag_3_15_tabel_4",
        "Bilag 3.15 Tabel 4 Andel sanktionerede uddannelseshjælpsmodtagere efter herkomst pr. kvartal",
        "seed 001 l. 3228–3263; kilde: Jobindsats.dk", "Kvartal · herkomst",
        "Bilag 3.15 Tabel 4: andel sanktionerede uddannelseshjælpsmodtagere efter herkomst", SANCTION_NOTES[:1],
        only=("vaerdi", HERKOMST),
    ),
    _sanction_table(
        "bilag_3_15_tabel_5",
        "Bilag 3.15 Tabel 5 Rådighedssanktioner til og andel sanktionerede dagpengemodtagere pr. kvartal",
        "seed 001 l. 3273–3310; kilde: Jobindsats, RAM, DFDG, RAM-BI", "Kvartal",
        "Bilag 3.15 Tabel 5: andel sanktionerede dagpengemodtagere pr. kvartal",
        SANCTION_NOTES[:1] + ("Kilden har ingen andel fra 4. kvt. 2013 (skift af datakilde) og kalder tallene fra "
                              "4. kvt. 2013 til 3. kvt. 2014 usikre.",),
        series="kategori",
    ),
    _sanction_table(
        "bilag_3_15_tabel_7", "Bilag 3.15 Tabel 7 Andel sanktionerede dagpengemodtagere efter herkomst pr. kvartal",
        "seed 001 l. 3315–3370; kilde: Jobindsats.dk (Tabel 6 mangler i kilden)", "Kvartal · herkomst",
        "Bilag 3.15 Tabel 7: andel sanktionerede dagpengemodtagere efter herkomst", SANCTION_NOTES[:1],
        only=("vaerdi", HERKOMST),
    ),
    _sanction_table(
        "bilag_3_15_tabel_8",
        "Bilag 3.15 Tabel 8 Rådighedssanktioner til og andel sanktionerede kontanthjælpsmodtagere efter kommune og år",
        "seed 001 l. 3419–3532; kilde: Jobindsats.dk", "År · kommune",
        "Bilag 3.15 Tabel 8: andel sanktionerede kontanthjælpsmodtagere efter kommune, {sanction_ranking_year}",
        SANCTION_NOTES[:1] + ("En sanktion tæller i kommunen på sanktionen; en modtager i sin kommune i året "
                              "(nykomÅÅÅÅ). Kommunerne summerer til hele landet (kontrolleret).",),
        kind="ranking", only=("periode", "{sanction_ranking_year}"),
    ),
    _sanction_table(
        "e24_figur_3_1", "Figur 3.1 (2024) Antal og andel sanktionerede efter målgruppe og år",
        "seed 003 l. 3229–3241, tal fra teksten l. 3130–3176; kilde: Jobindsats.dk, KY og DFDG", "År · målgruppe",
        "Figur 3.1 (2024): andel sanktionerede efter målgruppe, 2022",
        SANCTION_NOTES[:1] + ("Karantæne (selvforskyldt ledighed) er udeladt som i figuren; 'Dagpenge inkl. "
                              "karantæne' svarer til tekstens 'ca. 15 pct.'. En person med flere målgrupper i året "
                              "tæller i hver.",),
        kind="bars", only=("periode", "2022"),
    ),
    _sanction_table(
        "e24_tabel_3_1", "Tabel 3.1 (2024) Personer i kontanthjælps- og dagpengesystemet efter antal sanktioner i året",
        "seed 003 l. 3242–3281; kilde: KY og DFDG", "År · system · sanktioner pr. person",
        "Tabel 3.1 (2024): sanktionerede efter antal sanktioner i året, 2022",
        ("Blandt årets modtagere (kontanthjælpssystemet: kontant- eller uddannelseshjælp i mindst én uge; "
         "dagpengesystemet: dagpenge). Hver sanktion tæller (en 'så længe'-sanktion indberettes pr. dag); karantæne "
         "er udeladt. Kildens antal er afrundede.",),
        inputs="sanction_events, sanction_recipients",
        columns=(Column("antal_modtagere", "Personer", False), Column("antal_sanktioner", "Sanktioner", False),
                 Column("andel_sanktionerede", "Andel blandt sanktionerede, pct.", True)),
        figure=(("andel_sanktionerede", "Andel blandt sanktionerede (pct.)"),), kind="bars", only=("periode", "2022"),
    ),
)
