"""The report's tables: what each shows, in which order, with which notes.

One entry per table of the report; `render` turns each into a section with the
reproduced values beside the published ones (assets/reference/published_numbers.csv),
a figure, the SQL that made it, and its notes. Titles and notes may use the run's
parameters ({reference_week}, {activation_end_week}, ...) and SQL variables.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class Params(dict):
    """The run's parameters for titles and notes; one the run did not record (a partial
    --select run) stays visible as {name} instead of failing."""

    def __missing__(self, key):
        return "{" + key + "}"


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    share: bool  # a percentage (compared directly) or a count (scaled for synthetic data)
    decimals: int = 1  # shares: decimals shown (a probability 0-1 wants more)


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
    label_columns: tuple[str, ...] = ()  # tables without a label column: the row label is these values
    percent: bool = True  # lines: the y axis is a percentage (0-100); else counts or probabilities
    html_every: int = 1  # long curves: the HTML table shows every n-th x (the files have all)
    stack: tuple[str, ...] = ()  # kind "stacked": the share columns stacked; panels by `series`


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
    "kth_udh": "Kontant- og uddannelseshjælp", "revalidering": "Revalidering", "fleksjob": "Fleksjob",
    "foertidspension": "Førtidspension", "arbejdsmarkedsydelse": "Arbejdsmarkedsydelse",
    "saerlig_uddannelsesydelse": "Særlig uddannelsesydelse", "kth_integrationsloven": "Kontanthjælp (integrationsloven)",
    "forrevalidering": "Forrevalidering", "rotationsvikar": "Rotationsvikar", "udkant": "Udkanten (målgruppen)",
    "samme_ydelse": "Samme ydelse", "anden_offentlig": "Anden offentlig forsørgelse",
    "selvforsoergelse": "Selvforsørgelse", "uddannelse": "Uddannelse (SU, voksenlærling)",
    "andet_ikke_offentlig": "Andet, ikke offentlig", "offentlig": "Offentlig forsørgelse i alt",
    "ikke_offentlig": "Ikke offentlig forsørgelse i alt", "under_1": "Under 1 år", "1_3": "1–3 år", "3_5": "3–5 år",
    "over_5": "Over 5 år", "alle": "Alle", "uden_tilbud": "Intet tilbud de seneste 12 måneder",
    "uden_tilbud_og_100_timer": "Hverken tilbud eller 100 løntimer", "faerre_end_4_samtaler": "Færre end 4 samtaler",
    "kvalificerede": "Kvalificerede", "medlemmer": "Medlemmer", "nye": "Nye", "fornyede": "Fornyede",
    "igen": "Indtrådt igen", "over_0": "Over 0 (nogen ordinære timer)", "kth_i_alt": "Kontanthjælp i alt",
    "integrationsydelse": "Integrationsydelse / SHO-ydelse", "jobafklaring": "Jobafklaring",
    "kth_jobparat": "Kontanthjælp, jobparate", "kth_aktivitetsparat": "Kontanthjælp, aktivitetsparate",
    "udh_aabenlyst_uddannelsesparat": "Uddannelseshjælp, åbenlyst uddannelsesparate",
    "udh_uddannelsesparat": "Uddannelseshjælp, uddannelsesparate",
    "udh_aktivitetsparat": "Uddannelseshjælp, aktivitetsparate", "befolkning_16_64": "Befolkningen 16–64 år",
    "antal": "Antal i alt", "gns_alder": "Gennemsnitlig alder (år)", "maend": "Mænd", "kvinder": "Kvinder",
    "region_hovedstaden": "Region Hovedstaden", "region_sjaelland": "Region Sjælland",
    "region_syddanmark": "Region Syddanmark", "region_midtjylland": "Region Midtjylland",
    "region_nordjylland": "Region Nordjylland", "dagpenge_mv": "Dagpenge mv.", "sygedagpenge_mv": "Sygedagpenge mv.",
    "revalidering_mv": "Revalidering mv.", "midlertidige_i_alt": "I alt midlertidige ydelser", "efterloen": "Efterløn",
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



def _prior_support_table(id: str, title: str, source: str, label_columns: tuple, row_header: str,
                         figure_title: str, shown: tuple, note: str) -> ReportTable:
    """Bilag 3.2-3.4: prior support (sql/core/reference_paths.sql, prior_support_table)."""
    return ReportTable(
        id=id, title=title, source=source, sql=f"marts/{id}.sql", inputs="reference_paths (sql/core/reference_paths.sql)",
        columns=(Column("antal", "Antal", False), Column("andel", "Andel, pct.", True)),
        figure=(("andel", "Andel (pct.)"),), key=("ydelse", "anciennitet", "kilde"), label_columns=label_columns,
        row_header=row_header, figure_title=figure_title, kind="bars", only=("kilde", shown), notes=(note,))


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
                 Column("antal_ikke_1aar", "Ikke aktiveret det seneste år, antal", False),
                 Column("andel_ikke_1aar", "pct.", True),
                 Column("antal_ikke_3aar", "… de seneste tre år, antal", False),
                 Column("andel_ikke_3aar", "pct.", True),
                 Column("antal_ikke_5aar", "… de seneste fem år, antal", False),
                 Column("andel_ikke_5aar", "pct.", True)),
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
    ReportTable(
        id="figur_3_1", title="Figur 3.1 Fuldtidspersoner på offentlig forsørgelse pr. kvartal",
        source="seed 001 l. 1023–1056 (figurens tal er tabt; tekstens juni 2014); kilde: Jobindsats (offentliggjort)",
        sql="marts/figur_3_1.sql", inputs="category_runs, periods",
        columns=(Column("uger", "Uger på ydelsen", False), Column("fuldtidspersoner", "Fuldtidspersoner", False)),
        figure=(("fuldtidspersoner", "Fuldtidspersoner"),), key=("periode", "kategori"),
        label_columns=("periode", "kategori"), row_header="Kvartal · ydelse",
        figure_title="Figur 3.1: fuldtidspersoner pr. kvartal",
        kind="lines", x="periode", series="kategori", xlabel="Kvartal", percent=False, collapse_table=True,
        only=("kategori", ("i_alt", "udkant", "foertidspension", "sygedagpenge", "kth", "dagpenge", "fleksjob")),
        notes=("Fuldtidspersoner = uger på ydelsen i kvartalet ÷ kvartalets uger (13 eller 14 ISO-uger; en uge hører "
               "til kvartalet for sin torsdag). Udkanten: al offentlig forsørgelse undtagen dagpenge, kontanthjælp "
               "under integrationsloven og rotationsvikarer. Kilden er månedlig; vi viser kvartaler.",),
    ),
    ReportTable(
        id="figur_3_3",
        title="Figur 3.3 Andel på samme ydelse, anden offentlig forsørgelse og selvforsørgelse uger efter "
              "forløbets start, forløb startet i {cohort_year}",
        source="seed 001 l. 1243–1256 (figurens tal er tabt; tekstens etårspunkter)",
        sql="marts/figur_3_3.sql", inputs="cohort_spells (sql/core/cohort_spells.sql), state_runs",
        columns=(Column("antal", "Forløb", False), Column("samme_ydelse", "Samme ydelse, pct.", True),
                 Column("anden_offentlig", "Anden offentlig, pct.", True),
                 Column("selvforsoergelse", "Selvforsørgelse, pct.", True)),
        figure=(("samme_ydelse", "Andel (pct.)"),), key=("familie", "uge"), label_columns=("familie", "uge"),
        row_header="Ydelse · uger efter start", figure_title="Figur 3.3: tilstand uger efter forløbets start",
        kind="stacked", x="uge", series="familie", stack=("samme_ydelse", "anden_offentlig", "selvforsoergelse"),
        only=("familie", ("kth_udh", "sygedagpenge")), xlabel="Uger efter start", collapse_table=True, html_every=13,
        notes=("Forløb: uger på ydelsesfamilien med huller på højst {max_gap_weeks} uger bygget over; kohorten er "
               "forløb med første uge i {cohort_year} (forløb, der starter i udtrækkets første uge, er udeladt). "
               "Tilstand i uge k efter start: ydelsen (samme familie), anden offentlig forsørgelse eller "
               "selvforsørgelse (alt andet, også blanke uger og SU). Kun k, hvor hele kohorten stadig ses.",
               "Kilden taler om kontanthjælp; her er kontant- og uddannelseshjælp puljet som i rapportens "
               "anciennitet."),
    ),
    ReportTable(
        id="anciennitet_km", title="Overlevelseskurver (Kaplan–Meier) for forløbenes varighed, forløb startet i "
                                   "{cohort_year}",
        source="STATISTICS.md §6; ingen offentliggjorte tal", sql="marts/anciennitet_km.sql",
        inputs="cohort_spells (sql/core/cohort_spells.sql)",
        columns=(Column("n_risiko", "I risiko", False), Column("n_afgang", "Afgange", False),
                 Column("n_censur", "Censurerede", False), Column("overlevelse", "Overlevelse S(k)", True, 4)),
        figure=(("overlevelse", "Andel stadig i forløbet, S(k)"),), key=("familie", "uge"),
        label_columns=("familie", "uge"), row_header="Ydelse · uge", figure_title="Kaplan–Meier: P(varighed > k uger)",
        kind="lines", x="uge", series="familie", percent=False, xlabel="Uger", collapse_table=True, html_every=26,
        only=("familie", ("kth_udh", "sygedagpenge", "dagpenge", "ressourceforloeb", "ledighedsydelse")),
        notes=("Varighed T = sidste uge − første uge + 1. Forløbet slutter (afgang ved T), hvis de "
               "{max_gap_weeks}+1 uger efter sidste uge alle ligger i udtrækket og ingen har kode 997 (udvandret) "
               "eller 999 (død); ellers censureres det ved T. Antal i risiko, afgange og censurerede er ikke "
               "opskaleret i figuren.",),
    ),
    ReportTable(
        id="anciennitet_cif", title="Kumuleret afgang efter destination (konkurrerende afgange), forløb startet i "
                                    "{cohort_year}",
        source="STATISTICS.md §6 (Aalen–Johansen); ingen offentliggjorte tal", sql="marts/anciennitet_cif.sql",
        inputs="anciennitet_km, cohort_spells",
        columns=(Column("n_afgang", "Afgange", False), Column("kumuleret_incidens", "Kumuleret incidens", True, 4)),
        figure=(("kumuleret_incidens", "Kumuleret andel afgået"),), key=("familie", "uge", "destination"),
        label_columns=("familie", "destination", "uge"), row_header="Ydelse · destination · uge",
        figure_title="Kontant- og uddannelseshjælp: kumuleret afgang efter destination",
        kind="lines", x="uge", series="destination", percent=False, xlabel="Uger", collapse_table=True,
        html_every=26, only=("familie", "kth_udh"),
        notes=("Destination: tilstanden i ugen efter forløbets sidste uge (anden offentlig forsørgelse eller "
               "selvforsørgelse). Destinationernes kumulerede incidens summerer til 1 − S(k) (kontrolleret).",),
    ),
    _prior_support_table(
        "bilag_3_2", "Bilag 3.2 Forsørgelseskilde inden start for personer på fleksjob, revalidering, "
                     "førtidspension og ressourceforløb i uge {reference_week}",
        "seed 001 l. 2117–2127, tekst l. 1170–1181 (80–90 pct. var offentligt forsørgede før)",
        ("ydelse", "kilde"), "Ydelse · forsørgelseskilde", "Bilag 3.2: forsørgelseskilde inden start",
        ("offentlig", "ikke_offentlig"),
        "Forsørgelseskilde = hyppigste tilstand i de {prior_weeks} uger før forløbets første uge (lige mange: den "
        "seneste uge vinder; blanke uger = selvforsørgelse). Kun personer med under fem år på ydelsen; uoplyst, hvor "
        "ugerne ligger før udtrækket (andele er af de oplyste)."),
    _prior_support_table(
        "bilag_3_3", "Bilag 3.3 Forsørgelseskilde inden start for personer på kontant- eller uddannelseshjælp i uge "
                     "{reference_week}, efter anciennitet",
        "seed 001 l. 2129–2150, tekst l. 1189–1200", ("anciennitet", "kilde"), "Anciennitet · forsørgelseskilde",
        "Bilag 3.3: forsørgelseskilde inden kontant-/uddannelseshjælp", ("ikke_offentlig", "uddannelse"),
        "Som Bilag 3.2; anciennitet på kontant- og uddannelseshjælp puljet. 'Ikke offentlig' = beskæftigelse, "
        "uddannelse eller anden selvforsørgelse (DREAM skelner ikke beskæftigelse fra anden selvforsørgelse)."),
    _prior_support_table(
        "bilag_3_4", "Bilag 3.4 Forsørgelseskilde inden start for personer på sygedagpenge i uge {reference_week}, "
                     "efter anciennitet",
        "seed 001 l. 2158–2172, tekst l. 1202–1210", ("anciennitet", "kilde"), "Anciennitet · forsørgelseskilde",
        "Bilag 3.4: forsørgelseskilde inden sygedagpenge", ("ikke_offentlig", "dagpenge"),
        "Som Bilag 3.2. Kildens 'i beskæftigelse' svarer her til 'ikke offentlig' (DREAM har ingen "
        "beskæftigelsesmarkør)."),
) + tuple(
    ReportTable(
        id=id, title=f"{name} Afgang kvartalet efter for personer på {what} i uge {{reference_week}}, efter anciennitet",
        source=source, sql=f"marts/{id}.sql", inputs="reference_paths (sql/core/reference_paths.sql)",
        columns=(Column("antal", "Antal", False), Column("andel", "Andel, pct.", True),
                 Column("andel_blandt_afgange", "Andel blandt afgange, pct.", True)),
        figure=(("andel", "Andel af gruppen (pct.)"), ("andel_blandt_afgange", "Andel blandt afgange (pct.)")),
        key=("anciennitet", "tilstand"), label_columns=("anciennitet", "tilstand"), row_header="Anciennitet · tilstand",
        figure_title=f"{name}: tilstand kvartalet efter, {what}", kind="bars",
        notes=("Tilstand = hyppigste tilstand i de {exit_window_weeks} uger efter uge {reference_week} (uge 21–32 "
               "2014); samme ydelse = samme familie (kontant- og uddannelseshjælp puljet). Afgange = alle andre. "
               "Personer, hvis uger ligger efter udtrækket, er udeladt.",),
    )
    for id, name, what, source in (
        ("bilag_3_5", "Bilag 3.5", "kontanthjælp", "seed 001 l. 2174–2180, tekst l. 1265–1291 (19/39/60/74 pct.)"),
        ("bilag_3_6", "Bilag 3.6", "uddannelseshjælp", "seed 001 l. 2183–2189 (tal tabt)"),
        ("bilag_3_7", "Bilag 3.7", "sygedagpenge", "seed 001 l. 2191–2198 (tal tabt)"),
    )
) + (
    ReportTable(
        id="overgange_kvartal", title="Figur 3.2 Overgange mellem ydelser fra {flow_quarter} til kvartalet efter",
        source="seed 001 l. 1170–1188 (et rutediagram uden tal)", sql="marts/overgange_kvartal.sql",
        inputs="state_runs, periods", columns=(Column("antal", "Personer", False), Column("andel", "Andel af fra, pct.", True)),
        figure=(("andel", "Andel af fra-rækken"),), key=("fra", "til"), label_columns=("fra", "til"),
        row_header="Fra · til", figure_title="Overgange fra {flow_quarter} til næste kvartal (andel af fra-rækken)",
        kind="matrix", collapse_table=True,
        notes=("Hver persons hyppigste tilstand i hvert kvartal (lige mange: den seneste uge); alle med mindst én uge "
               "på offentlig forsørgelse i et af de to kvartaler.",),
    ),
    ReportTable(
        id="e24_fokusmaal", title="Fokusmål (2024-rapporten, boks 6.5) blandt personer med mindst "
                                  "{focus_anciennity_weeks} ugers anciennitet i uge {reference_week}",
        source="seed 003 boks 6.5; ingen offentliggjorte tal", sql="marts/e24_fokusmaal.sql",
        inputs="anciennity, activation_weeks",
        columns=(Column("antal", "Personer", False), Column("andel", "Andel, pct.", True)),
        figure=(("andel", "Andel (pct.)"),), key=("maal",), label_columns=("maal",), row_header="Mål",
        figure_title="Fokusmål (2024)", kind="bars",
        notes=("Mål, hvis udtræk mangler (løntimer, samtaler), står tomme med grunden i tabellen; de opfindes ikke.",),
    ),
    ReportTable(
        id="e24_resultatmaal", title="Resultatmål (2024-rapporten): selvforsørgelse og uddannelse 3 og 6 måneder "
                                     "efter forløbets start, forløb startet i {cohort_year}",
        source="seed 003 boks 6.7–6.8; ingen offentliggjorte tal", sql="marts/e24_resultatmaal.sql",
        inputs="cohort_spells, state_runs",
        columns=(Column("antal", "Forløb", False), Column("andel_selvforsoergelse", "Selvforsørgelse, pct.", True),
                 Column("andel_uddannelse", "Uddannelse, pct.", True), Column("andel_arbejde", "Arbejde, pct.", True)),
        figure=(("andel_selvforsoergelse", "Selvforsørgelse (pct.)"), ("andel_uddannelse", "Uddannelse (pct.)")),
        key=("familie", "uger_efter_start"), label_columns=("familie", "uger_efter_start"),
        row_header="Ydelse · uger efter start", figure_title="Resultatmål: tilstand 13 og 26 uger efter start",
        kind="bars",
        notes=("Arbejde: selvforsørget i ugen og med ordinære løntimer i den (månedens timer fordelt på dens ISO-uger "
               "efter dage). Uden loentimer-udtrækket står kolonnen tom: DREAM kan ikke skelne arbejde fra anden "
               "selvforsørgelse.",),
    ),
    ReportTable(
        id="bilag_3_8", title="Bilag 3.8 Karakteristik af borgere i udkanten af arbejdsmarkedet, uge {reference_week}",
        source="seed 001 l. 2199–2357; kilde: DREAM (kildens også CPR og lovmodellen)", sql="marts/bilag_3_8.sql",
        inputs="category_runs, persons, person_kommune, kommuner",
        columns=(Column("antal", "Antal", False), Column("vaerdi", "Andel, pct. / alder, år", True)),
        figure=(("vaerdi", "Dansk oprindelse (pct.)"),), key=("gruppe", "maal"), label_columns=("gruppe", "maal"),
        row_header="Gruppe · mål", figure_title="Bilag 3.8: andel af dansk oprindelse efter ydelse",
        kind="bars", only=("maal", "dansk_oprindelse"), collapse_table=True,
        notes=("Gruppe = kategori med visitation i referenceugen; revalidering inkl. forrevalidering; 'Alle' er "
               "grupperne og kontanthjælp under integrationsloven (kilden tæller integration under kontanthjælp). "
               "Alder = årstal − fødselsår; region = bopælskommunens region i året. Befolkningen 16–64: alle i "
               "DREAM-udtrækket i den alder (syntetiske data: den simulerede befolkning).",
               "Familietype og børn (CPR og lovmodellen) er ikke i DREAM og beregnes ikke; kildens '<0,5 pct.' er "
               "ikke et tal og sammenlignes ikke.",),
    ),
    ReportTable(
        id="bilag_3_9", title="Bilag 3.9 Personer på offentlig forsørgelse uge {reference_week} efter oprindelse og køn",
        source="seed 001 l. 2359–2400; kilde: DREAM", sql="marts/bilag_3_9.sql", inputs="udkant_persons",
        columns=(Column("antal", "Personer", False), Column("andel_maend", "Mænd, pct.", True),
                 Column("andel_kvinder", "Kvinder, pct.", True)),
        figure=(("andel_kvinder", "Andel kvinder (pct.)"),), key=("gruppe", "herkomst"),
        label_columns=("gruppe", "herkomst"), row_header="Gruppe · oprindelse",
        figure_title="Bilag 3.9: andel kvinder blandt ikke-vestlige indvandrere efter ydelse", kind="bars",
        only=("herkomst", "indvandrer_ikke_vestlig"), collapse_table=True,
        notes=("Grupperne som i Bilag 3.8. Befolkningen 16–64: kildens note (2. kvartal 2014) sammenlignes med "
               "referenceugen.",),
    ),
    ReportTable(
        id="bilag_3_11", title="Bilag 3.11 Borgere i udkanten af arbejdsmarkedet som andel af befolkningen mellem 16 og "
                               "64 år, efter kommune, uge {reference_week}",
        source="seed 001 l. 2436–2438 (kortets tal er tabt; teksten l. 1331–1338); kilde: DREAM",
        sql="marts/bilag_3_11.sql", inputs="udkant_persons, kommuner",
        columns=(Column("antal_befolkning", "Befolkning 16–64", False), Column("antal", "I udkanten", False),
                 Column("andel", "Andel, pct.", True)),
        figure=(("andel", "Andel af befolkningen 16–64 år (pct.)"),), key=("kommune",), label_columns=("navn",),
        row_header="Kommune", figure_title="Bilag 3.11: borgere i udkanten som andel af befolkningen 16–64 år",
        kind="ranking", collapse_table=True,
        notes=("Udkanten: Bilag 3.8's grupper i referenceugen, 16–64 år; kommune = bopæl i året (nykom). Syntetiske "
               "data fordeler ydelserne ens på kommunerne, så forskellene er stikprøvestøj.",),
    ),
    ReportTable(
        id="m16_tabel_6_1", title="Tabel 6.1 (mploy) Fuldtidspersoner på offentlige forsørgelsesydelser efter ydelse og år",
        source="seed 004 l. 2342–2391; kilde: Jobindsats.dk og mploys beregninger", sql="marts/m16_tabel_6_1.sql",
        inputs="category_runs, periods",
        columns=(Column("fuldtidspersoner", "Fuldtidspersoner", False),),
        figure=(("fuldtidspersoner", "Fuldtidspersoner"),), key=("gruppe", "aar"), label_columns=("aar", "gruppe"),
        row_header="År · ydelse", figure_title="Tabel 6.1 (mploy): fuldtidspersoner efter ydelse",
        kind="lines", x="aar", series="gruppe", xlabel="År (ISO-år)", percent=False, collapse_table=True,
        only=("gruppe", ("midlertidige_i_alt", "dagpenge_mv", "kth_udh", "sygedagpenge_mv", "foertidspension",
                         "fleksjob", "efterloen")),
        notes=("Fuldtidspersoner = uger på ydelsen i året ÷ årets ISO-uger (52 eller 53). Dagpenge mv. omfatter "
               "arbejdsmarkedsydelse og særlig uddannelsesydelse; kontanthjælp omfatter kontanthjælp under "
               "integrationsloven; sygedagpenge mv. jobafklaring; revalidering mv. forrevalidering; efterløn er "
               "DREAM-kode 621. Kildens 2016 er 4. kvt. 2015–3. kvt. 2016; vi bruger kalenderår.",),
    ),
    # Seeds 000/002: the reform commission's paid-hours result measure and job premium (notes seed-000-002.md)
    ReportTable(
        id="jobpraemie_figur_1",
        title="Figur 1 (kommissionen) Jobpræmiens målgruppe ved hvert årsskifte, hvis ordningen var startet ultimo "
              "{jobpraemie_start_aar}",
        source="seed 002 l. 365–370 (figurens tal er tabt; tekstens ultimo 2022 l. 344); kilde: DREAM",
        sql="marts/jobpraemie_figur_1.sql", inputs="jobpraemie_maalgruppe (sql/core/jobpraemie_maalgruppe.sql)",
        columns=(Column("personer", "Personer", False),),
        figure=(("personer", "Personer"),), key=("aar", "gruppe"), label_columns=("aar", "gruppe"),
        row_header="År · gruppe", figure_title="Figur 1: jobpræmiens målgruppe ved årsskiftet",
        kind="lines", x="aar", series="gruppe", xlabel="Årsskifte (ultimo året)", percent=False, collapse_table=True,
        only=("gruppe", ("kvalificerede", "medlemmer")),
        notes=("Kvalificerede: over {jobpraemie_over_alder} år (årstal − fødselsår) med mindst {jobpraemie_min_weeks} af "
               "de seneste {jobpraemie_window_weeks} uger på midlertidige ydelser ({jobpraemie_kategorier}; ikke "
               "dagpenge) og ikke på {jobpraemie_udelukket} eller kode {jobpraemie_udelukket_koder} i årets sidste "
               "ISO-uge. Tekstens 'omkring 60.000 personer i dag (ultimo 2022)' er de kvalificerede.",
               "Medlemmer: en person, der kvalificerer sig, er i målgruppen i {jobpraemie_periode_aar} årsskifter; "
               "kvalificerer personen sig igen ved det følgende årsskifte, begynder en ny periode (fornyede), ellers "
               "udtræder personen og kan indtræde igen senere (igen). Et medlem på en udelukkende ydelse ved "
               "årsskiftet tælles ikke det år. Syntetiske data er stationære: figurens fald efter 2018 kan ikke "
               "ses i dem.",),
    ),
    ReportTable(
        id="loentimer_kommune",
        title="Resultatmål for løntimer: målgruppens ordinære løntimer efter kommune og år",
        source="seed 002 l. 37–41 (anbefaling 1.2.b; intet offentliggjort); kilde: DREAM og løntimer (eIndkomst)",
        sql="marts/loentimer_kommune.sql", inputs="jobpraemie_maalgruppe, jobpraemie_timer, kommuner",
        columns=(Column("personer", "Personer i målgruppen", False),
                 Column("andel_med_ordinaere_timer", "Med ordinære timer, pct.", True),
                 Column("ordinaere_timer_pr_person", "Ordinære timer pr. person", True, 0),
                 Column("stoettede_timer_pr_person", "Støttede timer pr. person", True, 0),
                 Column("rang", "Rang", True, 0),
                 Column("aendring_timer_pr_person", "Ændring i timer pr. person", True, 0),
                 Column("aendring_rang", "Ændring i rang", True, 0)),
        figure=(("ordinaere_timer_pr_person", "Ordinære løntimer pr. person i målgruppen"),),
        key=("aar", "kommune"), label_columns=("aar", "navn"), row_header="År · kommune",
        figure_title="Resultatmål: ordinære løntimer pr. person i målgruppen efter kommune, {jobpraemie_visningsaar}",
        kind="ranking", only=("aar", "{jobpraemie_visningsaar}"), percent=False, collapse_table=True,
        notes=("År = timernes kalenderår; målgruppen er medlemmerne ultimo året før i deres bopælskommune ved "
               "årsskiftet (den kommune, der får præmien). Ordinære timer: eIndkomst uden støtte; støttede: "
               "fleksjob og løntilskud. Rang 1 = flest ordinære timer pr. person; ændring i rang > 0 = rykket op. "
               "Kræver loentimer-udtrækket (ellers tom). Små kommuner i syntetiske data har få personer i "
               "målgruppen: rangen er mest støj.",),
    ),
    ReportTable(
        id="jobpraemie",
        title="Jobpræmie efter kommune og år: {jobpraemie_kr_pr_time} kr. pr. ordinær løntime over "
              "{jobpraemie_bundgraense_timer} timer pr. person",
        source="seed 002 l. 275–283 (tabel 1), l. 395–444; kilde: DREAM og løntimer (eIndkomst)",
        sql="marts/jobpraemie.sql", inputs="loentimer_kommune",
        columns=(Column("personer", "Personer", False), Column("ordinaere_timer", "Ordinære timer", False),
                 Column("bundgraense_timer", "Bundgrænse, timer", False),
                 Column("praemie_kr", "Jobpræmie, kr.", False),
                 Column("praemie_uden_bundgraense_kr", "Uden bundgrænse, kr.", False),
                 Column("praemie_kr_pr_person", "Præmie pr. person, kr.", True, 0)),
        figure=(("praemie_kr_pr_person", "Jobpræmie pr. person i målgruppen, kr."),),
        key=("aar", "kommune"), label_columns=("aar", "navn"), row_header="År · kommune",
        figure_title="Jobpræmie pr. person i målgruppen efter kommune, {jobpraemie_visningsaar}",
        kind="ranking", only=("aar", "{jobpraemie_visningsaar}"), percent=False, collapse_table=True,
        notes=("Præmie = {jobpraemie_kr_pr_time} kr. × max(0, målgruppens ordinære timer − {jobpraemie_bundgraense_timer} "
               "× personer i målgruppen), for hver kommune: bundgrænsen er et gennemsnit for kommunens målgruppe, ikke "
               "pr. person. Hele landet er summen af kommunernes præmier. Antal og kroner er opskaleret for "
               "syntetiske data.",),
    ),
    ReportTable(
        id="jobpraemie_scenarier",
        title="Statens udgift til jobpræmien ved andre satser pr. time, mio. kr. om året",
        source="seed 002 l. 395 (ca. 1½ mia. kr. uden bundgrænse), l. 407 (250–300 mio. kr.), l. 419 (45 mio. kr. "
               "pr. 10 kr.)",
        sql="marts/jobpraemie_scenarier.sql", inputs="jobpraemie",
        columns=(Column("personer", "Personer", False), Column("udgift_mio_kr", "Med bundgrænse, mio. kr.", False),
                 Column("udgift_uden_bundgraense_mio_kr", "Uden bundgrænse, mio. kr.", False)),
        figure=(("udgift_mio_kr", "Udgift med bundgrænse, mio. kr."),), key=("aar", "sats"),
        label_columns=("aar", "sats"), row_header="År · kr. pr. time",
        figure_title="Jobpræmiens udgift efter sats pr. time (med bundgrænse), {jobpraemie_visningsaar}",
        kind="lines", x="sats", series="aar", xlabel="Jobpræmie, kr. pr. ordinær løntime", percent=False,
        collapse_table=True, only=("aar", "{jobpraemie_visningsaar}"),
        notes=("Udgift = sats × summen over kommunerne af timerne over deres bundgrænse (med) eller af alle ordinære "
               "timer (uden). Kommissionens tal gælder 'i dag'; vi sammenligner med {jobpraemie_visningsaar}. "
               "Kilden: hver 10 kr. mere koster rundt regnet 45 mio. kr.; her er det forskellen mellem to "
               "nabosatser.",),
    ),
    ReportTable(
        id="jobpraemie_figur_2",
        title="Figur 2 (kommissionen) Målgruppen ultimo {jobpraemie_figur2_aar} efter ordinære løntimer pr. uge i "
              "gennemsnit over de følgende fem år",
        source="seed 002 l. 377–385 (figurens tal er tabt; tekstens andele l. 377); kilde: DREAM og løntimer",
        sql="marts/jobpraemie_figur_2.sql", inputs="jobpraemie_maalgruppe, jobpraemie_timer",
        columns=(Column("antal", "Personer", False), Column("andel", "Andel, pct.", True)),
        figure=(("andel", "Andel af målgruppen (pct.)"),), key=("timer_pr_uge",), label_columns=("timer_pr_uge",),
        row_header="Ordinære timer pr. uge", figure_title="Figur 2: målgruppen efter ordinære løntimer pr. uge",
        kind="bars",
        notes=("Personer, der kvalificerer sig ultimo {jobpraemie_figur2_aar}; timer pr. uge = alle ordinære timer i de "
               "fem kalenderår ÷ årenes dage/7. 'Få timer' (kildens 'godt 20 pct.') læser vi som under 1 time om "
               "ugen. Kræver løntimer for alle fem år.",),
    ),
    ReportTable(
        id="jobpraemie_figur_3",
        title="Figur 3 (kommissionen) Ordinære løntimer pr. person i målgruppen pr. år efter kommune, "
              "{jobpraemie_figur3_aar}",
        source="seed 002 l. 395–405 (figurens tal er tabt; tekstens 265 og 230 timer); kilde: DREAM og løntimer",
        sql="marts/jobpraemie_figur_3.sql", inputs="loentimer_kommune",
        columns=(Column("personer", "Personår", False), Column("ordinaere_timer_pr_person", "Timer pr. person pr. år",
                                                               True, 0)),
        figure=(("ordinaere_timer_pr_person", "Ordinære løntimer pr. person pr. år"),), key=("kommune",),
        label_columns=("navn",), row_header="Kommune",
        figure_title="Figur 3: ordinære løntimer pr. person i målgruppen, {jobpraemie_figur3_aar}",
        kind="ranking", percent=False, collapse_table=True,
        notes=("Kommunens ordinære timer i årene ÷ dens personer i målgruppen i årene (medlemmer, model fra ultimo "
               "{jobpraemie_start_aar}). Laveste femtedel: de 20 pct. af kommunerne med færrest timer pr. person, "
               "samlet. Syntetiske data har få personer pr. kommune, så spredningen mellem kommunerne er mest "
               "stikprøvestøj; den laveste femtedel ligger derfor langt under kildens 230.",),
    ),
    ReportTable(
        id="loentimer_andel_ydelse",
        title="Andel af ydelsesmodtagerne med lønnede timer, {loentimer_kvartal}",
        source="seed 002 l. 29–33; kilde: DREAM og løntimer (eIndkomst)",
        sql="marts/loentimer_andel_ydelse.sql", inputs="category_runs, loentimer",
        columns=(Column("antal_modtagere", "Modtagere hele kvartalet", False),
                 Column("antal_med_timer", "Med lønnede timer", False),
                 Column("andel_med_timer", "Andel med lønnede timer, pct.", True)),
        figure=(("andel_med_timer", "Andel med lønnede timer (pct.)"),), key=("ydelse",), label_columns=("ydelse",),
        figure_title="Andel af ydelsesmodtagerne med lønnede timer, {loentimer_kvartal}", kind="bars",
        notes=("Modtagere: på ydelsen i alle kvartalets uger (så timerne er arbejde under ydelsen, ikke efter); "
               "lønnede timer: mindst én time, ordinær eller støttet, i kvartalets tre måneder. 'Kontanthjælp i alt' "
               "er kontanthjælp inkl. under integrationsloven. Syntetiske småjob er kalibreret til målgruppen, ikke "
               "til denne andel.",),
    ),
)

# The report's chapters, in the order of the source reports; a table is in the first chapter
# whose prefixes match its id.
CHAPTERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Nye veje mod job (2015), kapitel 3: borgerne i udkanten og deres forløb",
     ("tabel_3_1", "figur_3_1", "figur_3_3", "anciennitet_", "overgange_kvartal", "bilag_3_2", "bilag_3_3", "bilag_3_8",
      "bilag_3_9", "bilag_3_11",
      "bilag_3_4", "bilag_3_5", "bilag_3_6", "bilag_3_7")),
    ("Nye veje mod job (2015), kapitel 3: indsatsen over for dem", ("tabel_3_2", "figur_3_5", "figur_3_8", "figur_3_6",
                                                                   "bilag_3_13")),
    ("Nye veje mod job (2015), kapitel 4: virksomhedsrettet indsats", ("tabel_4_1", "figur_4_")),
    ("Nye veje mod job (2015), bilag 3.15: sanktioner", ("bilag_3_15_",)),
    ("Anbefalinger til fremtidens beskæftigelsesindsats (2024): sanktioner og mål", ("e24_",)),
    ("mploy for STAR (2016–17), kapitel 6: aktiveringsgrad og redskaber", ("m16_",)),
    ("Kommissionens anbefalinger (ca. 2023): løntimer som resultatmål og jobpræmie til kommunerne",
     ("jobpraemie", "loentimer_")),
)


def chapter_of(table_id: str) -> int:
    return next((i for i, (_, prefixes) in enumerate(CHAPTERS) if table_id.startswith(prefixes)), len(CHAPTERS))

