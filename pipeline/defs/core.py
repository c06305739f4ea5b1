"""Core model assets: person-week category, spells, anciennity; computed once, reused."""

from __future__ import annotations

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline.defs.ingest import activation, code_list, dream, loentimer, sanctions, visitation
from pipeline.settings import AlmpSettings
from pipeline.warehouse import extract_variables, row_count, run_sql


def _model(name: str, sql: str, deps, description: str, group: str = "core", table: str | None = None):
    @dg.asset(name=name, group_name=group, deps=deps, description=description,
              metadata={"sql": f"sql/{sql}.sql"})
    def _asset(settings: AlmpSettings, duckdb: DuckDBResource) -> dg.MaterializeResult:
        with duckdb.get_connection() as con:
            run_sql(con, sql, extract_variables(con, settings))
            n = row_count(con, table or name)
        return dg.MaterializeResult(metadata={"rows": n, "sql": f"sql/{sql}.sql"})

    return _asset


category_runs = _model("category_runs", "core/category_runs", [dream, visitation, code_list],
                       "Person-week category with visitation, as runs (STATISTICS.md §1).")
spells = _model("spells", "core/spells", [category_runs],
                "Spells per benefit family, gaps of <= max_gap_weeks bridged (STATISTICS.md §2).")
anciennity = _model("anciennity", "core/anciennity", [spells],
                    "Anciennity in the reference week of every spell covering it (STATISTICS.md §2).")
activation_offer_weeks = _model("activation_offer_weeks", "core/activation_offer_weeks",
                                [category_runs, activation, code_list],
                                "Activation hours per person, week and offer; from the activation extract, or from "
                                "DREAM codes (a lower bound) where it is absent.")
activation_weeks = _model("activation_weeks", "core/activation_weeks", [activation_offer_weeks],
                          "Activation hours (capped at 37) and offers per person-week (STATISTICS.md §4).")
company_offers_quarter = _model("company_offers_quarter", "core/company_offers_quarter",
                                [activation_offer_weeks, spells],
                                "Long-term recipients in the quarter and their company-based offers (Tabel 4.1's "
                                "population).")
m16_activation = _model("m16_activation", "core/m16_activation", [activation_offer_weeks, category_runs],
                        "Weeks on each benefit group and activation hours by offer per year (seed 004).",
                        table="m16_activation_by_offer_totals")
periods = _model("periods", "core/periods", [dream],
                 "Quarters and years wholly inside the extract, as week intervals (a week belongs to its Thursday's).")
sanction_events = _model("sanction_events", "core/sanction_events", [sanctions, category_runs, periods, code_list],
                         "Sanction records with person, period, visitation of the week, herkomst, municipality "
                         "(STATISTICS.md §5).")
sanction_recipients = _model("sanction_recipients", "core/sanction_recipients", [category_runs, periods],
                             "Recipients of each sanctioned benefit per quarter and year, with visitation, herkomst, "
                             "municipality.")
sanction_cells = _model("sanction_cells", "core/sanction_cells", [sanction_events, sanction_recipients],
                        "Every cell of the sanction tables: recipients, sanctions, sanctioned, share (STATISTICS.md §5).")
dq_sanctions = _model("dq_sanctions", "quality/sanctions", [sanction_events, sanction_recipients],
                      "How the sanctions extract fits the register: records outside DREAM, the extract, the "
                      "recipients.", group="quality")
state_runs = _model("state_runs", "core/state_runs", [category_runs, code_list],
                    "What a person lives on per run: category, family, kilde (public support, education, other); "
                    "and the modal_kilde macro.")
reference_paths = _model("reference_paths", "core/reference_paths", [state_runs, anciennity],
                         "Persons on support in the reference week: anciennity band, prior support, state in the "
                         "following quarter (Bilag 3.2-3.7).")
cohort_spells = _model("cohort_spells", "core/cohort_spells", [spells, state_runs, periods],
                       "Spells starting in the cohort year: duration, ended or censored, destination "
                       "(STATISTICS.md §6).")
loentimer_weeks = _model("loentimer_weeks", "core/loentimer_weeks", [loentimer, dream],
                         "Paid hours spread over ISO weeks pro rata by days (a view), and dq_loentimer.",
                         table="loentimer_month_weeks")
udkant_persons = _model("udkant_persons", "core/udkant_persons", [category_runs, code_list],
                        "The persons of the characteristics tables in the reference week: group, age, sex, origin, "
                        "municipality, region (Bilag 3.8, 3.9, 3.11).")
jobpraemie_maalgruppe = _model("jobpraemie_maalgruppe", "core/jobpraemie_maalgruppe",
                               [category_runs, periods, loentimer, dream],
                               "The job premium's target group per year end (qualifying, member, municipality), and "
                               "the group's paid hours per calendar year (jobpraemie_timer, loentimer_aar).")
dq_unknown_codes = _model("dq_unknown_codes", "quality/unknown_codes", [category_runs],
                          "DREAM codes not in the code list: weeks and persons.", group="quality")
dq_visitation = _model("dq_visitation", "quality/visitation", [category_runs],
                       "How the visitation extract fits the register.", group="quality")
