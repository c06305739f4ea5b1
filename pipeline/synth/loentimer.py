"""Synthetic paid hours (the `loentimer` extract) per person and month, drawn from a
simulated chunk (`almp generate`).

Only persons with a week on public support in the extract get rows: every statistic that
uses hours looks at them alone, and the whole population would add some 25 rows per
person-year. Per week:

* a blank week (no benefit: employment or other self-support) is worked, ordinary, by a
  "worker" at WORK_HOURS x the person's intensity (0.3-1: part time to full time); a person
  is a worker with probability WORK_P x (1 - u) ** WORK_EXP, u = the person's share of the
  extract's first U_WEEKS weeks on the temporary benefits of the job premium (a fixed window, so a
  later delivery does not change an earlier month). The commission's target group (end 2014)
  averages 265 ordinary hours a person a year in 2018-2019 (its Figur 3), and about 40 % of it has
  some ordinary hour in five years (Figur 2): those who leave work about as often as others
  (WORK_EXP 0.1), and the ~60 % without an hour are mostly those who stay on benefits;
* once a year, with chance OCCASIONAL_YEAR_P, a week of odd jobs (about OCCASIONAL_HOURS) in a
  week on a benefit of SMALL_JOB_STATES or without work: Figur 2's "few hours" (about 20 % of
  the target group have some ordinary hours in five years but under one a week);
* a week on kontanthjælp, sygedagpenge, ressourceforløb ... or dagpenge: for persons with the
  small-job trait (SMALL_P; on ressourceforløb RESSOURCE_SMALL_P), a small ordinary job of the
  person's size (lognormal around SMALL_HOURS) in a week with probability SMALL_WEEK_P (odd
  jobs, not a steady job). The commission has 9 % of kontanthjælp and 2 % of ressourceforløb
  recipients with paid hours in Q3 2021, any hour (sql/marts/loentimer_andel_ydelse.sql); the
  supported hours of løntilskud offers give about 10 % of the model's kontanthjælp recipients
  already (its offer mix), so the trait is rare: 20 % of recipients had it before the calibration
  report (docs/METODE.md) showed 25 % with hours against 9 %;
* fleksjob: FLEKS_HOURS supported; a løntilskud week: LOENTILSKUD_HOURS supported.

Each municipality has a factor exp(KOMMUNE_SD x z) on the chance to work and on the small
jobs (the commission's Figur 3 spreads the municipalities so that the lowest fifth averages
230 hours against 265 nationally). Weeks are summed into the month of their Thursday (the
pipeline spreads the months back over the weeks by days); hours are rounded to whole hours.

Every draw is keyed by the person (and the week), pipeline/synth/keyed.py: a longer extract repeats
a shorter one's months.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pyarrow as pa

from pipeline import weeks
from pipeline.synth import keyed
from pipeline.synth.model import NOT_SUPPORT

TEMP_STATES = ("sygedagpenge", "kth_jobparat", "kth_aktivitetsparat", "revalidering", "ressourceforloeb",
               "kth_integrationsloven", "integrationsydelse", "forrevalidering")
SMALL_JOB_STATES = TEMP_STATES + ("dagpenge", "udh_aabenlyst", "udh_uddannelsesparat", "udh_aktivitetsparat")
WORK_HOURS = 37.0
WORK_P = 0.95
WORK_EXP = 0.1
SMALL_P = 0.02
RESSOURCE_SMALL_P = 0.005
SMALL_HOURS = 6.0
SMALL_WEEK_P = 0.1
SMALL_SD = 0.8
FLEKS_HOURS = 18.0
LOENTILSKUD_HOURS = 30.0
KOMMUNE_SD = 0.10
OCCASIONAL_YEAR_P = 0.05
OCCASIONAL_HOURS = 8.0
U_WEEKS = 260


def kommune_factors(codes: np.ndarray, seed: int) -> dict[int, float]:
    z = np.random.default_rng([seed, 99]).standard_normal(len(codes))
    return {int(c): float(np.exp(KOMMUNE_SD * v)) for c, v in zip(codes, z)}


def _month_of_weeks(first_week: int, n_weeks: int) -> tuple[np.ndarray, list]:
    """Column -> month number (0, 1, ...) by the week's Thursday, and the months' first days."""
    thursdays = [weeks.monday(first_week + j) + timedelta(days=3) for j in range(n_weeks)]
    keys = [(d.year, d.month) for d in thursdays]
    months = sorted(set(keys))
    index = {m: i for i, m in enumerate(months)}
    return np.array([index[k] for k in keys]), months


SLICE = 10_000  # persons per pass: the (persons x weeks) hour matrices stay ~20 MB each


def loentimer(chunk, state_names: list[str], first_week: int, years: list[int], pnr: np.ndarray,
              loentilskud_codes: np.ndarray, factors: dict[int, float], seed: int) -> pa.Table | None:
    idx = {s: i for i, s in enumerate(state_names)}
    support = (chunk.state >= 0) & ~np.isin(chunk.state, [idx[s] for s in NOT_SUPPORT])
    keep = np.nonzero(support.any(axis=1))[0]
    if len(keep) == 0:
        return None
    n_weeks = chunk.state.shape[1]
    # the chunk's calendar and municipality factors, shared by its slices
    col_year = np.clip([weeks.iso(first_week + j)[0] - years[0] for j in range(n_weeks)], 0, len(years) - 1)
    month, months = _month_of_weeks(first_week, n_weeks)
    starts = np.r_[0, np.nonzero(np.diff(month))[0] + 1]
    labels = np.array([f"{y:04d}-{mo:02d}" for y, mo in months])
    lookup = np.zeros(max(factors) + 1, dtype=np.float32)
    for k, v in factors.items():
        lookup[k] = v
    return pa.concat_tables([_hours(chunk, idx, keep[i:i + SLICE], pnr, loentilskud_codes, col_year, starts, labels,
                                    lookup, seed, first_week) for i in range(0, len(keep), SLICE)])


def _occasional(ordinary: np.ndarray, st: np.ndarray, idx: dict, worker: np.ndarray, pnr_kept: np.ndarray,
                f: np.ndarray, seed: int, first_week: int) -> None:
    """A week of odd jobs a year with chance OCCASIONAL_YEAR_P, in a week the person is on a benefit
    of SMALL_JOB_STATES or without work (not a worker): the commission's "few hours" (about 20 % of
    the target group have some ordinary hours in five years but under one a week). The year's week
    is keyed by the person and the ISO year, so a longer extract repeats a shorter one's."""
    n_weeks = st.shape[1]
    y0, y1 = weeks.iso(first_week)[0], weeks.iso(first_week + n_weeks - 1)[0]
    candidate = np.isin(st, [idx[s] for s in SMALL_JOB_STATES]) | ((st < 0) & ~worker[:, None])
    for y in range(y0, y1 + 1):
        r = np.nonzero(keyed.uniform(seed, 46, pnr_kept, y) < OCCASIONAL_YEAR_P)[0]
        c = weeks.week_index(y, 1) - first_week + \
            np.floor(keyed.uniform(seed, 47, pnr_kept[r], y) * weeks.weeks_in_year(y)).astype(np.int64)
        inside = (c >= 0) & (c < n_weeks)
        r, c = r[inside], c[inside]
        r, c = r[candidate[r, c]], c[candidate[r, c]]
        hours = OCCASIONAL_HOURS * (0.5 + keyed.uniform(seed, 48, pnr_kept[r], y))  # 0.5-1.5 x the mean
        ordinary[r, c] += (hours * f[r, c]).astype(np.float32)


def _hours(chunk, idx: dict, rows: np.ndarray, pnr: np.ndarray, loentilskud_codes: np.ndarray, col_year: np.ndarray,
           starts: np.ndarray, labels: np.ndarray, lookup: np.ndarray, seed: int, first_week: int) -> pa.Table:
    st, codes, kommune, pnr_kept = chunk.state[rows], chunk.codes[rows], chunk.kommune[rows], pnr[rows]
    n, n_weeks = st.shape
    u = np.isin(st[:, :U_WEEKS], [idx[s] for s in TEMP_STATES]).mean(axis=1)
    f = lookup[kommune[:, col_year]]  # (n, W): the factor of the week's municipality
    worker = keyed.uniform(seed, 40, pnr_kept) < WORK_P * (1 - u) ** WORK_EXP * lookup[kommune[:, 0]]
    intensity = (0.3 + 0.7 * keyed.uniform(seed, 41, pnr_kept)).astype(np.float32)
    ordinary = np.where((st < 0) & worker[:, None], WORK_HOURS * intensity[:, None] * f, np.float32(0))
    small_p = np.where(st == idx["ressourceforloeb"], RESSOURCE_SMALL_P, SMALL_P) * f
    small = np.isin(st, [idx[s] for s in SMALL_JOB_STATES]) & (keyed.uniform(seed, 42, pnr_kept)[:, None] < small_p)
    r, c = np.nonzero(small)  # a week of odd jobs, drawn for the candidate weeks alone
    small[r, c] = keyed.uniform(seed, 43, pnr_kept[r], first_week + c) < SMALL_WEEK_P
    # the odd jobs' size varies by person (lognormal, mean SMALL_HOURS): a few reach 100 hours a year
    normal = np.sqrt(-2 * np.log1p(-keyed.uniform(seed, 44, pnr_kept))) * np.cos(2 * np.pi * keyed.uniform(seed, 45, pnr_kept))
    size = (SMALL_HOURS * np.exp(SMALL_SD * normal - SMALL_SD ** 2 / 2)).astype(np.float32)
    ordinary += np.where(small, size[:, None] * f, np.float32(0))
    _occasional(ordinary, st, idx, worker, pnr_kept, f, seed, first_week)
    supported = np.where(st == idx["fleksjob"], np.float32(FLEKS_HOURS), np.float32(0)) + \
        np.where(np.isin(codes, loentilskud_codes), np.float32(LOENTILSKUD_HOURS), np.float32(0))
    parts = []
    for kind, hours in (("ordinaer", ordinary), ("stoettet", supported)):
        m = np.add.reduceat(hours, starts, axis=1).round()
        r, c = np.nonzero(m > 0)
        parts.append(pa.table({"pnr": pa.array(pnr_kept[r]), "maaned": pa.array(labels[c]),
                               "timer": pa.array(m[r, c].astype(np.float64)),
                               "type": pa.array(np.full(len(r), kind))}))
    return pa.concat_tables(parts)
