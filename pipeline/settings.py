"""Run settings: where the data is, where the run writes, and every parameter of the
statistics (defaulted to the report's values, recorded in run.json and the report)."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import dagster as dg

from pipeline import REFERENCE, weeks


JOBPRAEMIE = ("jobpraemie_kategorier", "jobpraemie_pct", "jobpraemie_window_weeks", "jobpraemie_over_alder",
              "jobpraemie_udelukket", "jobpraemie_udelukket_koder", "jobpraemie_periode_aar", "jobpraemie_start_aar",
              "jobpraemie_kr_pr_time", "jobpraemie_bundgraense_timer", "jobpraemie_scenarie_satser",
              "jobpraemie_figur2_aar", "jobpraemie_figur2_graenser", "jobpraemie_figur3_aar",
              "jobpraemie_visningsaar", "loentimer_kvartal")


class AlmpSettings(dg.ConfigurableResource):
    data_dir: str
    work_dir: str  # the run writes here: warehouse.duckdb, tables/, figures/, report/ ...
    cache_dir: str = ""  # figures and disclosure work kept between runs (pipeline/cache.py); "" = work_dir/.cache
    # the report asset writes the site's pages; almp run sets False and writes them once, after the
    # run, with its timings (the asset still draws the figures)
    report_pages: bool = True
    # almp run on a new delivery (pipeline/delivery.py): the last run's warehouse and the extracts whose files
    # changed since it; the tables by period then recompute only the periods from the first week that changed
    previous_warehouse: str = ""
    changed_extracts: str = ""
    reference_week: str = "2014-W20"  # Tabel 3.1's stock week (Nye veje mod job (2015): uge 20 2014)
    max_gap_weeks: int = 3  # spells: gaps of at most this many weeks are bridged
    long_term_pct: int = 80  # "offentligt forsørget i mindst 80 pct. af ..."
    window_1aar: int = 52  # weeks in "det forudgående år"
    window_5aar: int = 260  # weeks in "de forudgående fem år"
    max_rejected: int = 0  # more rejected input rows than this stops the run (exit 3)
    activation_end_week: str = "2014-W31"  # Tabel 3.2: last week of the period (end of July 2014)
    activation_period_weeks: int = 13  # Tabel 3.2: "de seneste tre måneder"
    min_anciennity_weeks: int = 26  # Tabel 3.2: "mindst seks måneder på ydelsen"
    full_time_hours: int = 37  # "Aktivering 37 timer ugentlig regnes som fuld tid"
    offer_lookback_weeks: int = 12  # Figur 3.5/3.8: an offer in "de seneste 12 uger" (weeks 9-20 2014)
    min_offer_anciennity_weeks: int = 12  # Figur 3.5/3.8: "under 12 ugers anciennitet ... indgår ikke"
    first_offer_from_week: str = "2014-W01"  # Bilag 3.13: spells starting January-June 2014
    first_offer_to_week: str = "2014-W26"  # Bilag 3.13: spells starting up to this week (end of June 2014)
    first_offer_window_weeks: int = 13  # Bilag 3.13: "inden for de første tre måneder"
    company_quarter: str = "2014Q2"  # Tabel 4.1, Figur 4.1-4.3: "2. kvartal 2014"
    # Sanctions (docs/METODE.md): types left out of every sanction table, comma-separated. The 2024 report's leaves
    # karantæne out ("I tabellen indgår sanktionen karantæne ikke"); Bilag 3.15 counts "rådighedssanktioner",
    # which karantæne for self-inflicted unemployment is not. e24_figur_3_1 also shows dagpenge with it.
    sanction_excluded_types: str = "karantaene"
    sanction_ranking_year: int = 2013  # Bilag 3.15 Tabel 8's year: the municipal ranking figure shows it
    # Anciennity curves, exits and flows (docs/METODE.md)
    cohort_year: int = 2012  # Figur 3.3 and the Kaplan-Meier curves: spells started in 2012
    curve_weeks: int = 156  # Figur 3.3: weeks after the start (three years)
    km_weeks: int = 260  # anciennitet_km: k = 0 ... 260
    prior_weeks: int = 12  # Bilag 3.2-3.4: prior support = most frequent category in the 12 weeks before the start
    exit_window_weeks: int = 12  # Bilag 3.5-3.7: most frequent category in weeks 21-32 2014 (after week 20)
    flow_quarter: str = "2014Q2"  # overgange_kvartal: from this quarter to the next
    outcome_weeks_short: int = 13  # the 2024 report outcome targets: 3 months after the spell starts
    outcome_weeks_long: int = 26  # the 2024 report outcome targets: 6 months after the spell starts
    focus_anciennity_weeks: int = 52  # the 2024 report focus target: at least 12 months' anciennity
    # Revalidering (Nye veje mod job (2015) kapitel 7; sql/core/revalidering_forloeb.sql): a revalidering course
    # "with a forrevalidering before it" had one ending within this many weeks before its start, and a forrevalidering
    # course "goes on" to revalidering when one starts within this many weeks after it ends
    revalidering_forrevalidering_uger: int = 52
    revalidering_kohorte_fra: int = 2008  # the outcome curve: courses started in this year ...
    revalidering_kohorte_til: int = 2012  # ... to this year (inclusive)
    revalidering_opfoelgning_aar: int = 10  # the outcome curve: years after the start ("over en tiårig periode")
    integration_first_week: str = "2014-W01"  # the integration annex's Figur 3: "januar-oktober 2014" ...
    integration_last_week: str = "2014-W44"  # ... = the ISO weeks whose Thursday is in January-October 2014
    integration_kohorte_fra: str = "2009-W01"  # the annex's Tabel 4: programme starts from this week ...
    integration_kohorte_til: str = "2013-W35"  # ... to this week
    integration_horisont_aar: int = 4  # Tabel 4: one, two, ... years after the start
    # Disclosure control (docs/METODE.md, "Diskretionering"): no published cell describes fewer persons, none can
    # be derived from the others.
    min_cell: int = 5
    dominance_pct: int = 50  # a magnitude (hours, kroner, sanctions) where one person holds more than this is hidden
    magnitude_protection_pct: int = 20  # a hidden magnitude may not be narrowed below this pct. of its value
    secondary_suppression: bool = True  # off only to see what the audit finds without it
    kontakt: str = ""  # the workbook cover's contact (name, unit, e-mail); empty: stated as not given
    summary_min_count: int = 1000  # the report's summary: relative differences of counts only where the published is this or more
    # A researcher's own models: a folder of SQL files with metadata (docs/EXTENDING.md), run beside sql/.
    models_dir: str = ""
    # Paid hours and the job premium (the reform commission; sql/core/jobpraemie_maalgruppe.sql).
    # The temporary benefits of the target group: kontanthjælp (incl. under integrationsloven), SHO-ydelse (DREAM's
    # integrationsydelse codes), forrevalidering, revalidering, sygedagpenge, jobafklaring, ressourceforløb.
    jobpraemie_kategorier: str = ("kth,kth_integrationsloven,integrationsydelse,forrevalidering,revalidering,"
                                  "sygedagpenge,jobafklaring,ressourceforloeb")
    jobpraemie_pct: int = 80  # "i mindst 80 pct. af tiden de seneste tre år" ...
    jobpraemie_window_weeks: int = 156  # ... = at least 125 of the last 156 weeks
    jobpraemie_over_alder: int = 30  # "personer over 30 år": age (year - birth year) above this
    jobpraemie_udelukket: str = "fleksjob,ledighedsydelse,foertidspension"  # categories at the year end that exclude
    jobpraemie_udelukket_koder: str = "997,999"  # codes at the year end that exclude (emigrated, dead)
    jobpraemie_periode_aar: int = 5  # an entrant stays five year ends; renewed if still qualifying
    jobpraemie_start_aar: int = 2012  # the first year end of the model (Figur 1: "ved udgangen af 2012")
    jobpraemie_kr_pr_time: int = 60  # the premium per ordinary paid hour above the floor
    jobpraemie_bundgraense_timer: int = 230  # the floor: hours per person in the group, on the group's average
    jobpraemie_scenarie_satser: str = "40,50,60,70,80,90,100"  # the what-if premiums, kr. per hour
    jobpraemie_figur2_aar: int = 2014  # Figur 2: the group qualifying at end 2014, hours in the next five years
    jobpraemie_figur2_graenser: str = "1,5,10,20,30"  # Figur 2's bands of ordinary hours per week (0 stands apart)
    jobpraemie_figur3_aar: str = "2018,2019"  # Figur 3: hours per person per year in these years, by municipality
    jobpraemie_visningsaar: int = 2019  # the year the league table and premium figures show
    loentimer_kvartal: str = "2021Q3"  # the share of recipients with paid hours (the reform commission: 3. kvartal 2021)

    def cache(self):
        from pipeline.cache import Cache

        return Cache(self.cache_dir or Path(self.work_dir) / ".cache")

    def parameters(self) -> dict:
        return {k: getattr(self, k) for k in ("reference_week", "max_gap_weeks", "long_term_pct", "window_1aar",
                                              "window_5aar", "max_rejected", "activation_end_week",
                                              "activation_period_weeks", "min_anciennity_weeks", "full_time_hours",
                                              "offer_lookback_weeks", "min_offer_anciennity_weeks",
                                              "first_offer_from_week", "first_offer_to_week",
                                              "first_offer_window_weeks", "company_quarter",
                                              "sanction_excluded_types", "sanction_ranking_year", "cohort_year", "curve_weeks",
                                              "km_weeks", "prior_weeks", "exit_window_weeks", "flow_quarter",
                                              "outcome_weeks_short", "outcome_weeks_long", "focus_anciennity_weeks",
                                              "revalidering_forrevalidering_uger", "revalidering_kohorte_fra",
                                              "revalidering_kohorte_til", "revalidering_opfoelgning_aar",
                                              "integration_first_week", "integration_last_week",
                                              "integration_kohorte_fra", "integration_kohorte_til",
                                              "integration_horisont_aar", "min_cell",
                                              "dominance_pct", "magnitude_protection_pct",
                                              "secondary_suppression", "summary_min_count", "kontakt", "models_dir")
                + JOBPRAEMIE}

    def model_folders(self) -> tuple[str, ...]:
        """The researcher's own model folders (none by default)."""
        return tuple(d for d in self.models_dir.split(",") if d.strip())

    def sql_variables(self) -> dict:
        """The values the SQL models read with getvariable()."""
        share = Fraction(self.long_term_pct, 100)  # exact: 0.8 * 260 in floats is 208.00000000000003
        return {
            "reference_week": weeks.parse_week(self.reference_week),
            "max_gap_weeks": self.max_gap_weeks,
            "window_1aar": self.window_1aar,
            "window_5aar": self.window_5aar,
            "min_weeks_1aar": math.ceil(share * self.window_1aar),
            "min_weeks_5aar": math.ceil(share * self.window_5aar),
            "activation_end_week": weeks.parse_week(self.activation_end_week),
            "activation_period_weeks": self.activation_period_weeks,
            "min_anciennity_weeks": self.min_anciennity_weeks,
            "full_time_hours": self.full_time_hours,
            "offer_lookback_weeks": self.offer_lookback_weeks,
            "min_offer_anciennity_weeks": self.min_offer_anciennity_weeks,
            "first_offer_from_week": weeks.parse_week(self.first_offer_from_week),
            "first_offer_to_week": weeks.parse_week(self.first_offer_to_week),
            "first_offer_window_weeks": self.first_offer_window_weeks,
            "company_first_week": weeks.quarter_weeks(self.company_quarter)[0],
            "company_last_week": weeks.quarter_weeks(self.company_quarter)[1],
            "sanction_excluded_types": ",".join(t.strip().lower() for t in self.sanction_excluded_types.split(",")
                                                if t.strip()),
            "sanction_ranking_year": self.sanction_ranking_year,
            "cohort_year": self.cohort_year,
            "curve_weeks": self.curve_weeks,
            "km_weeks": self.km_weeks,
            "prior_weeks": self.prior_weeks,
            "exit_window_weeks": self.exit_window_weeks,
            "flow_first_week": weeks.quarter_weeks(self.flow_quarter)[0],
            "flow_last_week": weeks.quarter_weeks(self.flow_quarter)[1],
            "outcome_weeks_short": self.outcome_weeks_short,
            "outcome_weeks_long": self.outcome_weeks_long,
            "focus_anciennity_weeks": self.focus_anciennity_weeks,
            "revalidering_forrevalidering_uger": self.revalidering_forrevalidering_uger,
            "revalidering_kohorte_fra": self.revalidering_kohorte_fra,
            "revalidering_kohorte_til": self.revalidering_kohorte_til,
            "revalidering_opfoelgning_aar": self.revalidering_opfoelgning_aar,
            "integration_first_week": weeks.parse_week(self.integration_first_week),
            "integration_last_week": weeks.parse_week(self.integration_last_week),
            "integration_kohorte_fra": weeks.parse_week(self.integration_kohorte_fra),
            "integration_kohorte_til": weeks.parse_week(self.integration_kohorte_til),
            "integration_horisont_aar": self.integration_horisont_aar,
            **{k: getattr(self, k) for k in JOBPRAEMIE},
            "jobpraemie_min_weeks": math.ceil(Fraction(self.jobpraemie_pct, 100) * self.jobpraemie_window_weeks),
            "loentimer_first_week": weeks.quarter_weeks(self.loentimer_kvartal)[0],
            "loentimer_last_week": weeks.quarter_weeks(self.loentimer_kvartal)[1],
            "kommuner_csv": str(REFERENCE / "kommuner.csv"),
            "codes_csv": str(REFERENCE / "dream_codes.csv"),
            "categories_csv": str(REFERENCE / "categories.csv"),
        }


# set by the command line, not with --set
INTERNAL = ("data_dir", "work_dir", "cache_dir", "report_pages", "models_dir", "previous_warehouse", "changed_extracts")


def parameter_docs() -> list[tuple[str, object, str]]:
    """(name, default, meaning) of every parameter, in the order of AlmpSettings, the meaning read
    from the comment on its line or the comment lines just above it (this file is the one place
    a parameter is described)."""
    import ast

    source = Path(__file__).read_text(encoding="utf-8")
    lines = source.splitlines()
    cls = next(n for n in ast.parse(source).body if isinstance(n, ast.ClassDef) and n.name == "AlmpSettings")
    out = []
    for node in cls.body:
        if not isinstance(node, ast.AnnAssign) or node.target.id in INTERNAL:
            continue
        name = node.target.id
        last = lines[node.end_lineno - 1]
        meaning = last.split("  # ", 1)[1].strip() if "  # " in last else ""
        above, k = [], node.lineno - 2
        while k >= 0 and lines[k].strip().startswith("#"):
            above.insert(0, lines[k].strip().lstrip("# ").strip())
            k -= 1
        meaning = " ".join(x for x in (" ".join(above), meaning) if x)
        out.append((name, AlmpSettings.model_fields[name].default, meaning))
    return out
