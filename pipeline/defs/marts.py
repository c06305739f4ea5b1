"""Mart assets: the report's tables, each one SQL model in sql/marts/, exported to tables/."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline.defs.core import (
    activation_offer_weeks,
    activation_weeks,
    anciennity,
    category_runs,
    company_offers_quarter,
    m16_activation,
    cohort_spells,
    jobpraemie_maalgruppe,
    udkant_persons,
    loentimer_weeks,
    periods,
    reference_paths,
    sanction_cells,
    sanction_events,
    sanction_recipients,
    spells,
    state_runs,
)
from pipeline.settings import AlmpSettings
from pipeline.warehouse import export_table, extract_variables, row_count, run_sql


def _mart(name: str, deps, description: str):
    sql = f"sql/marts/{name}.sql"

    @dg.asset(name=name, group_name="marts", deps=deps, description=description, metadata={"sql": sql})
    def _asset(settings: AlmpSettings, duckdb: DuckDBResource) -> dg.MaterializeResult:
        with duckdb.get_connection() as con:
            run_sql(con, f"marts/{name}", extract_variables(con, settings))
            export_table(con, name, Path(settings.work_dir) / "tables")
            n = row_count(con, name)
        return dg.MaterializeResult(metadata={"rows": n, "sql": sql})

    return _asset


tabel_3_1 = _mart("tabel_3_1", [category_runs],
                  "Tabel 3.1: stock and long-term public support in the reference week (STATISTICS.md §3).")
tabel_3_2 = _mart("tabel_3_2", [activation_weeks, spells],
                  "Tabel 3.2: hours-based activation among persons with >= 26 weeks' anciennity (STATISTICS.md §4).")
figur_3_5 = _mart("figur_3_5", [activation_weeks, spells],
                  "Figur 3.5: share with an active offer in the last 12 weeks by anciennity band (Bilag 3.14).")
figur_3_8 = _mart("figur_3_8", [figur_3_5],
                  "Figur 3.8: share with a company-based offer in the last 12 weeks by anciennity band.")
figur_3_6 = _mart("figur_3_6", [activation_weeks, spells],
                  "Figur 3.6: time since the last active offer by kontanthjælp anciennity band.")
bilag_3_13 = _mart("bilag_3_13", [activation_weeks, spells],
                   "Bilag 3.13: first offer within the first three months of spells starting January-June 2014.")

tabel_4_1 = _mart("tabel_4_1", [company_offers_quarter],
                  "Tabel 4.1: long-term recipients in company-based offers by type and sector, in the quarter.")
figur_4_1 = _mart("figur_4_1", [company_offers_quarter],
                  "Figur 4.1: long-term recipients in company-based offers by benefit and herkomst.")
figur_4_2 = _mart("figur_4_2", [company_offers_quarter],
                  "Figur 4.2: long-term recipients in company-based offers by municipality, dagpenge vs others.")
figur_4_3 = _mart("figur_4_3", [activation_offer_weeks, category_runs],
                  "Figur 4.3: full-time persons in company-based activation per full-time person, by municipality.")
m16_aktiveringsgrad = _mart("m16_aktiveringsgrad", [m16_activation],
                            "Seed 004: full-time persons activated / full-time persons on the benefit, per group and year.")
m16_redskaber = _mart("m16_redskaber", [m16_activation],
                      "Seed 004: tool mix and tool-specific activation rates per group and year.")

bilag_3_15_tabel_1 = _mart("bilag_3_15_tabel_1", [sanction_cells],
                           "Bilag 3.15 Tabel 1: kontanthjælp sanctions and share sanctioned per quarter by visitation.")
bilag_3_15_tabel_2 = _mart("bilag_3_15_tabel_2", [sanction_cells],
                           "Bilag 3.15 Tabel 2: share of kontanthjælp recipients sanctioned per quarter by herkomst.")
bilag_3_15_tabel_3 = _mart("bilag_3_15_tabel_3", [sanction_cells],
                           "Bilag 3.15 Tabel 3: uddannelseshjælp sanctions and share sanctioned per quarter by visitation.")
bilag_3_15_tabel_4 = _mart("bilag_3_15_tabel_4", [sanction_cells],
                           "Bilag 3.15 Tabel 4: share of uddannelseshjælp recipients sanctioned per quarter by herkomst.")
bilag_3_15_tabel_5 = _mart("bilag_3_15_tabel_5", [sanction_cells],
                           "Bilag 3.15 Tabel 5: dagpenge sanctions and share sanctioned per quarter.")
bilag_3_15_tabel_7 = _mart("bilag_3_15_tabel_7", [sanction_cells],
                           "Bilag 3.15 Tabel 7: share of dagpenge recipients sanctioned per quarter by herkomst.")
bilag_3_15_tabel_8 = _mart("bilag_3_15_tabel_8", [sanction_cells],
                           "Bilag 3.15 Tabel 8: kontanthjælp sanctions and share sanctioned per municipality and year.")
e24_figur_3_1 = _mart("e24_figur_3_1", [sanction_cells],
                      "Seed 003 Figur 3.1: persons and share sanctioned per target group and year (karantæne apart).")
e24_tabel_3_1 = _mart("e24_tabel_3_1", [sanction_events, sanction_recipients],
                      "Seed 003 Tabel 3.1: persons by number of sanctions in the year, kontanthjælp and dagpenge systems.")

figur_3_1 = _mart("figur_3_1", [category_runs, periods],
                  "Figur 3.1: full-time persons on public support per quarter by category.")
figur_3_3 = _mart("figur_3_3", [cohort_spells],
                  "Figur 3.3: share of a spell cohort on the same benefit, other support, self-support k weeks on.")
anciennitet_km = _mart("anciennitet_km", [cohort_spells],
                       "Kaplan-Meier survival of spell duration per family (STATISTICS.md §6).")
anciennitet_cif = _mart("anciennitet_cif", [anciennitet_km],
                        "Cumulative incidence of leaving a spell, to other public support or self-support.")
bilag_3_2 = _mart("bilag_3_2", [reference_paths], "Bilag 3.2: prior support before fleksjob, revalidering, "
                  "førtidspension and ressourceforløb.")
bilag_3_3 = _mart("bilag_3_3", [reference_paths], "Bilag 3.3: prior support before kontant-/uddannelseshjælp.")
bilag_3_4 = _mart("bilag_3_4", [reference_paths], "Bilag 3.4: prior support before sygedagpenge.")
bilag_3_5 = _mart("bilag_3_5", [reference_paths], "Bilag 3.5: state in the following quarter, kontanthjælp.")
bilag_3_6 = _mart("bilag_3_6", [reference_paths], "Bilag 3.6: state in the following quarter, uddannelseshjælp.")
bilag_3_7 = _mart("bilag_3_7", [reference_paths], "Bilag 3.7: state in the following quarter, sygedagpenge.")
overgange_kvartal = _mart("overgange_kvartal", [state_runs, periods],
                          "Figur 3.2: transitions between states from one quarter to the next.")
e24_fokusmaal = _mart("e24_fokusmaal", [activation_weeks, anciennity, loentimer_weeks],
                      "Seed 003 focus targets (offers; paid hours and meetings where extracts exist).")
e24_resultatmaal = _mart("e24_resultatmaal", [cohort_spells, loentimer_weeks],
                         "Seed 003 outcome targets: self-support / education 3 and 6 months after a spell starts.")
m16_tabel_6_1 = _mart("m16_tabel_6_1", [category_runs, periods],
                      "Seed 004 Tabel 6.1: full-time persons on public income support per year by benefit group.")
bilag_3_8 = _mart("bilag_3_8", [udkant_persons],
                  "Bilag 3.8: number, mean age, sex, origin and region of each benefit group in the reference week.")
bilag_3_9 = _mart("bilag_3_9", [udkant_persons], "Bilag 3.9: sex by origin for each benefit group in the reference week.")
bilag_3_11 = _mart("bilag_3_11", [udkant_persons],
                   "Bilag 3.11: the edge of the labour market as a share of the 16-64 population by municipality.")
loentimer_kommune = _mart("loentimer_kommune", [jobpraemie_maalgruppe],
                          "The result measure: the target group's paid hours per municipality and year, rank, change.")
jobpraemie = _mart("jobpraemie", [loentimer_kommune],
                   "The job premium per municipality and year: 60 kr. x hours above 230 x persons.")
jobpraemie_scenarier = _mart("jobpraemie_scenarier", [jobpraemie],
                             "The job premium's national cost at 40-100 kr. per hour, with and without the floor.")
jobpraemie_figur_1 = _mart("jobpraemie_figur_1", [jobpraemie_maalgruppe],
                           "Figur 1: the target group per year end had the model started at end 2012.")
jobpraemie_figur_2 = _mart("jobpraemie_figur_2", [jobpraemie_maalgruppe],
                           "Figur 2: the end-2014 group by average ordinary hours per week over five years.")
jobpraemie_figur_3 = _mart("jobpraemie_figur_3", [loentimer_kommune],
                           "Figur 3: ordinary hours per person per year by municipality, 2018-2019.")
loentimer_andel_ydelse = _mart("loentimer_andel_ydelse", [category_runs, loentimer_weeks],
                               "Share of recipients with paid hours in a quarter, by benefit (Q3 2021).")

MARTS = [tabel_3_1, tabel_3_2, figur_3_5, figur_3_8, figur_3_6, bilag_3_13, tabel_4_1, figur_4_1, figur_4_2,
         figur_4_3, m16_aktiveringsgrad, m16_redskaber, bilag_3_15_tabel_1, bilag_3_15_tabel_2, bilag_3_15_tabel_3,
         bilag_3_15_tabel_4, bilag_3_15_tabel_5, bilag_3_15_tabel_7, bilag_3_15_tabel_8, e24_figur_3_1, e24_tabel_3_1,
         figur_3_1, figur_3_3, anciennitet_km, anciennitet_cif, bilag_3_2, bilag_3_3, bilag_3_4, bilag_3_5, bilag_3_6,
         bilag_3_7, overgange_kvartal, e24_fokusmaal, e24_resultatmaal, bilag_3_8, bilag_3_9, bilag_3_11, m16_tabel_6_1,
         loentimer_kommune, jobpraemie, jobpraemie_scenarier,
         jobpraemie_figur_1, jobpraemie_figur_2, jobpraemie_figur_3, loentimer_andel_ydelse]


@dg.asset_check(asset=tabel_3_2, blocking=True,
                description="Shares within 0-100; activation hours never above possible hours.")
def tabel_3_2_bounds(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as con:
        bad = con.execute("""SELECT count(*) FROM tabel_3_2 WHERE andel_aktiveret NOT BETWEEN 0 AND 100
                             OR aktiveringsgrad NOT BETWEEN 0 AND 100 OR activation_hours > possible_hours""").fetchone()[0]
    return dg.AssetCheckResult(passed=bad == 0, metadata={"rows_out_of_bounds": bad})


@dg.asset_check(asset=tabel_3_1, blocking=True, description="I alt is the sum of the rows; no share outside 0-100.")
def tabel_3_1_adds_up(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as con:
        bad = con.execute("""
            WITH rows AS (SELECT * FROM tabel_3_1 WHERE kategori NOT LIKE 'i_alt%'),
                 tot AS (SELECT * FROM tabel_3_1 WHERE kategori = 'i_alt')
            SELECT (SELECT sum(antal) FROM rows) <> (SELECT antal FROM tot)
                OR (SELECT sum(antal_1aar) FROM rows) <> (SELECT antal_1aar FROM tot)
                OR (SELECT sum(antal_5aar) FROM rows) <> (SELECT antal_5aar FROM tot)
                OR (SELECT count(*) FROM tabel_3_1 WHERE andel_1aar NOT BETWEEN 0 AND 100
                                                     OR andel_5aar NOT BETWEEN 0 AND 100
                                                     OR antal_1aar > antal OR antal_5aar > antal) > 0
        """).fetchone()[0]
    return dg.AssetCheckResult(passed=not bad)


@dg.asset_check(asset=bilag_3_15_tabel_8, blocking=True,
                description="Per year, the municipalities (and 'uoplyst') sum to Hele landet in sanctions and "
                            "recipients, as the published Tabel 8 does (134.556).")
def bilag_3_15_tabel_8_adds_up(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as con:
        bad = con.execute("""
            SELECT list(periode) FROM (
                SELECT periode,
                       sum(antal_sanktioner) FILTER (WHERE dimension = 'kommune') AS s_k,
                       any_value(antal_sanktioner) FILTER (WHERE dimension = 'i_alt') AS s_t,
                       sum(antal_modtagere) FILTER (WHERE dimension = 'kommune') AS r_k,
                       any_value(antal_modtagere) FILTER (WHERE dimension = 'i_alt') AS r_t
                FROM bilag_3_15_tabel_8 GROUP BY periode)
            WHERE s_k <> s_t OR r_k <> r_t""").fetchone()[0] or []
    return dg.AssetCheckResult(passed=not bad, metadata={"years_not_adding_up": ", ".join(bad) or "none"})


@dg.asset_check(asset=sanction_cells, blocking=True,
                description="Sanctions of the quarters of a year sum to the year's in every cell (Tabel 1's 2013 "
                            "quarters sum to Tabel 8's total); visitation categories sum to i alt; shares within "
                            "0-100 and sanctioned recipients never more than recipients or sanctioned.")
def sanction_cells_add_up(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as con:
        quarters = con.execute("""
            WITH q AS (SELECT p.aar, c.kategori, c.dimension, c.vaerdi, sum(c.antal_sanktioner) AS s
                       FROM sanction_cells c JOIN periods p USING (periodetype, periode)
                       WHERE c.periodetype = 'kvartal' GROUP BY ALL),
                 y AS (SELECT CAST(periode AS INTEGER) AS aar, kategori, dimension, vaerdi, antal_sanktioner AS s
                       FROM sanction_cells WHERE periodetype = 'aar')
            SELECT count(*) FROM y FULL JOIN q USING (aar, kategori, dimension, vaerdi)
            WHERE (SELECT count(*) FROM periods WHERE periodetype = 'aar' AND aar = coalesce(y.aar, q.aar)) > 0
              AND coalesce(y.s, 0) <> coalesce(q.s, 0)""").fetchone()[0]
        visitation = con.execute("""
            SELECT count(*) FROM (
                SELECT periodetype, periode, kategori,
                       any_value(antal_sanktioner) FILTER (WHERE dimension = 'i_alt') AS t,
                       coalesce(sum(antal_sanktioner) FILTER (WHERE dimension = 'visitation'
                                AND vaerdi <> 'alle_uddannelsesparate'), 0) AS v
                FROM sanction_cells WHERE kategori IN ('kth', 'udh') GROUP BY ALL)
            WHERE t <> v""").fetchone()[0]
        bounds = con.execute("""
            SELECT count(*) FROM sanction_cells
            WHERE andel_sanktionerede NOT BETWEEN 0 AND 100 OR antal_sanktionerede_modtagere > antal_modtagere
               OR antal_sanktionerede_modtagere > antal_sanktionerede OR antal_sanktionerede > antal_sanktioner""").fetchone()[0]
    return dg.AssetCheckResult(passed=quarters == 0 and visitation == 0 and bounds == 0,
                               metadata={"cells_quarters_not_adding_up": quarters,
                                         "cells_visitation_not_adding_up": visitation, "cells_out_of_bounds": bounds})


@dg.asset_check(asset=anciennitet_cif, blocking=True,
                description="Survival within 0-1 and never rising; the destinations' cumulative incidences add up "
                            "to 1 - survival; Figur 3.3's three shares add up to 100.")
def curves_add_up(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as con:
        km = con.execute("""
            SELECT count(*) FROM (SELECT overlevelse, lag(overlevelse) OVER (PARTITION BY familie ORDER BY uge) AS prev
                                  FROM anciennitet_km)
            WHERE overlevelse NOT BETWEEN 0 AND 1 OR overlevelse > prev + 1e-12""").fetchone()[0]
        cif = con.execute("""
            SELECT count(*) FROM (SELECT familie, uge, sum(kumuleret_incidens) AS c FROM anciennitet_cif GROUP BY ALL)
            JOIN anciennitet_km USING (familie, uge) WHERE abs(c - (1 - overlevelse)) > 1e-9""").fetchone()[0]
        f33 = con.execute("""SELECT count(*) FROM figur_3_3
                             WHERE abs(samme_ydelse + anden_offentlig + selvforsoergelse - 100) > 1e-9
                                OR least(samme_ydelse, anden_offentlig, selvforsoergelse) < 0""").fetchone()[0]
    return dg.AssetCheckResult(passed=km == 0 and cif == 0 and f33 == 0,
                               metadata={"km_rows_bad": km, "cif_rows_bad": cif, "figur_3_3_rows_bad": f33})


@dg.asset_check(asset=jobpraemie, blocking=True,
                description="The municipalities sum to Hele landet (persons, hours, premium); the premium is never "
                            "negative and never above the premium without the floor.")
def jobpraemie_adds_up(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as con:
        bad = con.execute("""
            SELECT list(aar) FROM (
                SELECT aar, sum(personer) FILTER (WHERE kommune <> 'hele_landet') AS p_k,
                       any_value(personer) FILTER (WHERE kommune = 'hele_landet') AS p_t,
                       sum(praemie_kr) FILTER (WHERE kommune <> 'hele_landet') AS k_k,
                       any_value(praemie_kr) FILTER (WHERE kommune = 'hele_landet') AS k_t,
                       bool_or(praemie_kr < 0 OR praemie_kr > praemie_uden_bundgraense_kr) AS out_of_bounds
                FROM jobpraemie GROUP BY aar)
            WHERE p_k <> p_t OR abs(k_k - k_t) > 1e-6 * greatest(1, k_t) OR out_of_bounds""").fetchone()[0] or []
    return dg.AssetCheckResult(passed=not bad, metadata={"years_not_adding_up": ", ".join(map(str, bad)) or "none"})
