"""Calibrate the synthetic model's long-term shares by simulation.

The duration components are fitted in closed form to (p1, p5) per state, but routed
prior support (people arriving from another benefit) and sanction gaps shift the
simulated shares. This script simulates the model as `almp generate` runs it (from
2008, with the fitted yearly levels and the reforms), measures the shares of Tabel 3.1
exactly as the pipeline defines them (>= 42 of the 52 weeks before R on public support,
>= 208 of the 260), and moves the targets the components are fitted to by the error, a
few times over. The result is written to assets/reference/synthetic_model.json,
which `almp generate` reads. Run it after changing pipeline/synth/model.py:

    python -m pipeline.synth.calibrate [--persons 600000] [--rounds 6] [--levels] [--workers N]

The persons are simulated in chunks, in --workers processes (default: the cores, at most 4): the
fit is the same whatever the number.

It then fits the yearly entry levels (model.LEVEL_GROUPS) by simulating 2008-2022 (`fit_levels`):
the mploy analysis's Tabel 6.1 for 2012-2016 and the 2024 report's recipients in 2022, the
temporary benefits' long-stay exit after 2016 to the job premium's target group of 2022, and the
mix of a group's states to Tabel 3.1's week (`entry_mix`); `--levels` fits only those.

`--check` measures the fitted model the way a user meets it: it generates the default extract
(200,000 persons unless --persons), runs the whole pipeline on it, and prints the calibration
report, every declared target (assets/reference/calibration_targets.csv: kalibrering, what the
model is fitted to, and kontrol, held out) beside what the run reproduced, with its band. The
report is also the page kalibrering.html and report/kalibrering.csv of every synthetic run.

    python -m pipeline.synth.calibrate --check [--persons 200000] [--dir build/kalibrering]
"""

from __future__ import annotations

import argparse
import copy
import json
import shutil
from pathlib import Path

import numpy as np

from pipeline import weeks
from pipeline.report import calibration
from pipeline.report.catalogue import published_numbers
from pipeline.synth import people
from pipeline.synth.generate import _kommuner
from pipeline.synth.model import (EXIT_LEVELS, FIXED_SHAPE, LEVEL_FIRST_YEAR, LEVEL_GROUPS, LEVEL_PARTS, LEVEL_PERSONS,
                                  LEVEL_PERSONS_YEAR, LEVEL_SETTLES, LEVEL_YEARS, LONG_1, LONG_5, MODEL_FILE,
                                  NOT_SUPPORT, POPULATION_16_64, STATES, Chain, fit_components, load_effective_targets,
                                  load_exit_levels, load_levels, load_long_exit, load_mix, mixed_states)
from pipeline.synth.simulate import simulate_chunk
from pipeline.synth.workers import default_workers, in_order, spawn_pool

WEEKS = 262  # 260 weeks of look-back, the reference week, and one spare


def measure(chain: Chain, persons: int, seed: int) -> dict[str, tuple[float, float, int]]:
    """Tabel 3.1's long-term shares per state in the reference week, on the model as `almp generate`
    runs it: from the default extract's first week, with the yearly levels and the reforms. A group
    whose entries fell before 2014 (revalidering, ledighedsydelse) has an older stock than the
    stationary chain's, so the durations are fitted to the shares on this path, not the stationary one."""
    hits = _summed_over_chunks(_measure_chunk, chain, persons, seed)
    return {k: (v[1] / max(v[0], 1), v[2] / max(v[0], 1), int(v[0])) for k, v in hits.items()}


def _measure_chunk(chain: Chain, n: int, seed: int, no: int) -> dict[str, np.ndarray]:
    """One chunk's persons in the reference week per state: all, with one and with five years of support."""
    kcodes, kp = _kommuner()
    kregion = people.kommune_regions(kcodes)
    support_state = chain.public_support
    first = weeks.parse_week(f"{LEVEL_FIRST_YEAR}-W01")
    r = weeks.parse_week(people.REFERENCE_WEEK) - first  # the reference week's column
    assert r >= WEEKS - 1, "the path must hold the five years before the reference week"
    ch = simulate_chunk(chain, n, r + 1, 1, seed, no, kcodes, kp, first, kregion, follow_integration=False)
    on = (ch.state >= 0) & ~ch.gap
    sup = on & support_state[np.maximum(ch.state, 0)]
    w1 = sup[:, r - 52:r].sum(1)
    w5 = sup[:, r - 260:r].sum(1)
    at_r = np.where(on[:, r], ch.state[:, r], -1)
    hits = {}
    for i, s in enumerate(chain.states):
        m = at_r == i
        hits[s.name] = np.array([m.sum(), (m & (w1 >= LONG_1)).sum(), (m & (w5 >= LONG_5)).sum()], dtype=np.int64)
    return hits


# The fit simulates its persons in chunks of CHUNK (each drawn from the seed and its number), in
# WORKERS processes (`--workers`; 1: in this one). The counts are integers summed over the chunks,
# so the fit is the same whatever the number of workers.
CHUNK = 100_000
WORKERS = 1
_POOL = None


def _summed_over_chunks(per_chunk, chain: Chain, persons: int, seed: int):
    """per_chunk(chain, n, seed, chunk number) for every chunk of `persons`, summed (dicts of
    integer counts and arrays, key by key)."""
    global _POOL
    jobs = [(min(CHUNK, persons - lo), seed, no) for no, lo in enumerate(range(0, persons, CHUNK))]
    if WORKERS > 1 and len(jobs) > 1:
        _POOL = _POOL or spawn_pool(WORKERS)  # one pool for every round: a process takes seconds to start
        parts = in_order(_POOL, per_chunk, [(chain, *job) for job in jobs], WORKERS + 1)
    else:
        parts = (per_chunk(chain, *job) for job in jobs)
    total = None
    for part in parts:
        total = part if total is None else _sum(total, part)
    return total


def _sum(a, b):
    if isinstance(a, dict):
        return {k: _sum(a[k], b[k]) for k in a}
    if isinstance(a, tuple):
        return tuple(_sum(x, y) for x, y in zip(a, b))
    return a + b


def weeks_in_force() -> dict[str, int]:
    """State -> the weeks its benefit had existed by the reference week, for the benefits Tabel 6.1
    prints as 0 before a year (ressourceforløb: from 2013, 71 weeks by week 20 2014)."""
    full_time, _ = level_targets()
    ref = weeks.parse_week(people.REFERENCE_WEEK)
    out = {}
    for g, names in LEVEL_GROUPS.items():
        by_year = full_time[g]
        started = [y for y in sorted(by_year) if by_year[y] > 0 and by_year.get(y - 1) == 0]
        for n in names if started else ():
            out[n] = ref - weeks.parse_week(f"{started[0]}-W01")
    return out


def calibrate(persons: int, rounds: int, seed: int = 7) -> dict:
    """The effective targets of every state's duration components, moved by the error of the shares
    measured on the path (`measure`) a few times over, from the model file's (a refit after a change
    starts near its answer) or the published shares. Returns, for each state, its targets of the round
    where its own shares measured best: the moves need not converge (ressourceforløb's one-year share
    went 84, 85, 43, 62, 41, 82 % over six rounds on 600,000 persons, its target pushed to the bound
    and back), and the last round's move is never measured. One best round for all states let
    ressourceforløb's swings choose it: with the moves into sygedagpenge from dagpenge the first round
    (unchanged targets) was kept, its sygedagpenge one-year share 38.9 % against 30.9, where the third
    round had 31.0 (its ressourceforløb 70 against 93). A state's shares depend a little on the
    others' stays through the moves between them, so the kept combination is measured by --check."""
    fitted = load_effective_targets()
    start = {s.name: tuple(fitted.get(s.name, (s.p1, s.p5))) for s in STATES}
    eff = {**start, **{s.name: (s.p1, s.p5) for s in STATES if s.name in FIXED_SHAPE}}
    age = weeks_in_force()
    # per state: (its largest error, the targets it had) in the round it measured best
    best = {s.name: (float("inf"), eff[s.name]) for s in STATES}
    for k in range(rounds):
        chain = Chain.build(eff)
        got = measure(chain, persons, seed + k)
        worst = 0.0
        for s in STATES:
            p1, p5, n = got[s.name]
            # shares of public support are always 0 for SU, barsel and efterløn: keep their shape; a
            # state nobody is in in the reference week (integrationsydelse, from 2015) has no shares; the
            # integration programme's stays are set by its annex's Tabel 4 (model.FIXED_SHAPE)
            if s.name in NOT_SUPPORT or s.name in FIXED_SHAPE or n < 30:
                continue
            e1, e5 = eff[s.name]
            error = max(abs(p1 - s.p1), abs(p5 - s.p5))
            best[s.name] = min(best[s.name], (error, (e1, e5)), key=lambda b: b[0])
            worst = max(worst, error) if s.calibrated else worst
            # a benefit younger than a share's window: its stock's share over the window comes from
            # its entrants' earlier benefits, not its own stays, and moving the stays' target to meet
            # it only ran that to its bound (ressourceforløb's five-year share to 0.998, its stays so
            # long that no yearly level could fill it): the published share shapes its stays
            weeks_old = age.get(s.name)  # None: older than either window
            eff[s.name] = (float(np.clip(e1 + 0.8 * (s.p1 - p1), 0.002, 0.998))
                           if weeks_old is None or weeks_old >= 52 else s.p1,
                           float(np.clip(e5 + 0.8 * (s.p5 - p5), 0.001, 0.998))
                           if weeks_old is None or weeks_old >= 260 else s.p5)
        print(f"round {k + 1}: largest error on a Tabel 3.1 row {100 * worst:.1f} pp")
        for s in STATES:
            p1, p5, n = got[s.name]
            print(f"  {s.name:28s} n={n:6d} 1aar {100 * p1:5.1f} (target {100 * s.p1:5.1f})  "
                  f"5aar {100 * p5:5.1f} (target {100 * s.p5:5.1f})")
    kept = {name: target for name, (_, target) in best.items()}
    print("kept each state's targets of its best round; largest error then: "
          + ", ".join(f"{name} {100 * error:.1f} pp" for name, (error, _) in best.items() if error < float("inf")))
    for line in shape_changes(start, kept):
        print(line)
    return {"effective_targets": kept, "persons": persons, "rounds": rounds,
            "note": "written by python -m pipeline.synth.calibrate; read by pipeline.synth.model"}


def shape_changes(before: dict[str, tuple[float, float]], after: dict[str, tuple[float, float]]) -> list[str]:
    """A line for every state whose stays change their shape between two sets of targets: fit_components
    is a search on a grid, and a small move of (p1, p5) can change the long component's minimum stay
    (the integration programme's went from none to 39 weeks for a move of one point, and its starters in
    job or education halved: model.FIXED_SHAPE). Such a state's other tables are worth checking."""
    lines = []
    for s in STATES:
        if s.name not in before or s.name not in after:
            continue
        _, d_before, _, v_before = fit_components(*before[s.name], s.short_mean)
        _, d_after, _, v_after = fit_components(*after[s.name], s.short_mean)
        if d_before != d_after:  # (the long share alone can swing where both components are alike)
            lines.append(f"note: {s.name}'s stays change shape: minimum stay {d_before:g} -> {d_after:g} weeks, "
                         f"long component {100 * v_before:.0f} -> {100 * v_after:.0f} % of the stock; check its tables")
    return lines


def level_targets() -> tuple[dict[str, dict[int, float]], dict[str, float]]:
    """Tabel 6.1's full-time persons per group, 2012-2016, and 2012's for 2008-2011 (per part of a
    group, model.LEVEL_PARTS, from its first year); and the 2024
    report's recipients in LEVEL_PERSONS_YEAR per group of LEVEL_PERSONS (its Tabel 3.1, every
    bucket of sanctions summed)."""
    pub = published_numbers()
    t61 = pub["m16_tabel_6_1"]
    full_time = {}
    for group in LEVEL_GROUPS:
        by_year = {y: t61[(f"{group}|{y}", "fuldtidspersoner")][0] for y in LEVEL_YEARS}
        full_time[group] = {y: by_year[max(y, LEVEL_YEARS[0])] for y in range(LEVEL_FIRST_YEAR, LEVEL_YEARS[-1] + 1)}
    for part, (_, _, first) in LEVEL_PARTS.items():
        full_time[part] = {y: t61[(f"{part}|{y}", "fuldtidspersoner")][0] for y in LEVEL_YEARS if y >= first}
    persons = {g: sum(v for (row, col), (v, _) in pub["e24_tabel_3_1"].items()
                      if row.startswith(f"{LEVEL_PERSONS_YEAR}|{system}|") and col == "antal_modtagere")
               for g, (system, _) in LEVEL_PERSONS.items()}
    return full_time, persons


def measure_levels(chain: Chain, persons: int,
                   seed: int) -> tuple[dict[str, dict[int, float]], dict[str, float], dict[str, float]]:
    """On a simulated 2008-2022: full-time persons per group (and part) and year as Tabel 6.1 counts them
    (registered weeks, sanction gaps left out, over the weeks of the year), the recipients in
    LEVEL_PERSONS_YEAR (persons with a registered week), and the persons registered in each of
    mixed_states() in Tabel 3.1's week, all scaled to the population."""
    year, years = _level_years()
    total, recipients, stocks = _summed_over_chunks(_measure_levels_chunk, chain, persons, seed)
    scale = POPULATION_16_64 / persons
    full_time = {g: {y: float(v[i] * scale / (year == y).sum()) for i, y in enumerate(years) if y <= LEVEL_YEARS[-1]}
                 for g, v in total.items()}
    return full_time, {g: n * scale for g, n in recipients.items()}, {n: v * scale for n, v in stocks.items()}


def _level_years() -> tuple[np.ndarray, list[int]]:
    """The year of every week of the simulated 2008-2022, and the years."""
    first, last = weeks.parse_week(f"{LEVEL_FIRST_YEAR}-W01"), weeks.parse_week(f"{LEVEL_PERSONS_YEAR}-W52")
    return (np.array([weeks.iso(first + t)[0] for t in range(last - first + 1)]),
            list(range(LEVEL_FIRST_YEAR, LEVEL_PERSONS_YEAR + 1)))


def _measure_levels_chunk(chain: Chain, n: int, seed: int, no: int) -> tuple[dict, dict, dict]:
    """One chunk's registered weeks per group and year, recipients in LEVEL_PERSONS_YEAR (with the
    job premium's target group under JOBPRAEMIE) and persons in mixed_states() in Tabel 3.1's week."""
    kcodes, kp = _kommuner()
    kregion = people.kommune_regions(kcodes)
    first = weeks.parse_week(f"{LEVEL_FIRST_YEAR}-W01")
    year, years = _level_years()
    index = {s.name: i for i, s in enumerate(chain.states)}
    counted = {**LEVEL_GROUPS, **{part: names for part, (_, names, _) in LEVEL_PARTS.items()}}
    in_year = year == LEVEL_PERSONS_YEAR
    ye = int(np.nonzero(in_year)[0][-1])  # the year's last week: the job premium's year end
    temp, excluded = _jobpraemie_states(chain)
    window, min_weeks, over = _jobpraemie_rule()
    r = weeks.parse_week(people.REFERENCE_WEEK) - first
    ch = simulate_chunk(chain, n, len(year), len(years), seed, no, kcodes, kp, first, kregion)
    registered = ch.codes != 0
    stocks = {s: int(((ch.state[:, r] == index[s]) & registered[:, r]).sum()) for s in mixed_states()}
    total = {}
    for g, names in counted.items():
        per_week = (np.isin(ch.state, [index[s] for s in names]) & registered).sum(0)
        total[g] = np.array([per_week[year == y].sum() for y in years], dtype=np.int64)
    recipients = {}
    for g, (_, names) in LEVEL_PERSONS.items():
        on = np.isin(ch.state[:, in_year], [index[s] for s in names]) & registered[:, in_year]
        recipients[g] = int(on.any(axis=1).sum())
    # the job premium's target group at the year end, as sql/core/jobpraemie_maalgruppe.sql qualifies it
    weeks_on = (np.isin(ch.state[:, ye - window + 1:ye + 1], temp) & registered[:, ye - window + 1:ye + 1]).sum(1)
    out = np.isin(ch.state[:, ye], excluded) & registered[:, ye]
    recipients[JOBPRAEMIE] = int(((weeks_on >= min_weeks) & (LEVEL_PERSONS_YEAR - ch.foedselsaar > over) & ~out).sum())
    return total, recipients, stocks


JOBPRAEMIE = "jobpraemie"  # measure_levels' key for the job premium's target group in LEVEL_PERSONS_YEAR


def _defaults() -> dict:
    """The SQL variables of a run without parameters (pipeline/settings.py): the target group's rule
    as sql/core/jobpraemie_maalgruppe.sql reads it."""
    from pipeline.settings import AlmpSettings

    return AlmpSettings(data_dir="", work_dir="").sql_variables()


def _jobpraemie_rule() -> tuple[int, int, int]:
    """(window weeks, minimum weeks in it, age to be over), as a run without parameters has them."""
    v = _defaults()
    return v["jobpraemie_window_weeks"], v["jobpraemie_min_weeks"], v["jobpraemie_over_alder"]


def _jobpraemie_states(chain: Chain) -> tuple[list[int], list[int]]:
    """The states whose weeks count towards the target group and those that exclude at the year end,
    by the category of each state's passive code in the code list and the pipeline's defaults."""
    from pipeline.synth.jobindsats import category_codes

    codes, defaults = category_codes(), _defaults()

    def states_of(setting: str) -> list[int]:
        wanted = set().union(*(codes.get(c, set()) for c in defaults[setting].split(",")))
        return [i for i, st in enumerate(chain.states) if st.code in wanted]

    return states_of("jobpraemie_kategorier"), states_of("jobpraemie_udelukket")


def settled_levels(targets: dict[str, dict[int, float]]) -> dict[str, float]:
    """model.LEVEL_SETTLES' factors in LEVEL_PERSONS_YEAR: the factor whose equilibrium stock is the
    last published level, that level / the group's nominal stock (a chain's stock is in proportion
    to its entries)."""
    nominal = {s.name: s.stock for s in STATES}
    return {g: targets[g][LEVEL_YEARS[-1]] / sum(nominal[n] for n in LEVEL_GROUPS[g]) for g in LEVEL_SETTLES}


def fit_levels(persons: int, rounds: int, seed: int = 11, damping: float = 0.7
               ) -> tuple[dict[str, dict[int, float]], dict[int, float], dict[str, float], dict[str, dict[int, float]]]:
    """The entry factors per group and year (model.LEVEL_GROUPS) that make the simulated full-time
    persons follow Tabel 6.1 and the recipients of LEVEL_PERSONS_YEAR the 2024 report, the
    factor on the temporary benefits' long-stay exit in that year (model.LONG_EXIT_STATES) that
    makes the job premium's target group the reform commission's, and the constant factor per
    state of a group (model.mixed_states) that makes its stock in Tabel 3.1's week the published
    one, the group's level keeping the total, and the exit factors (model.EXIT_LEVELS) that take
    over from a group's entry level from their first year: each round simulates 2008-2022 and moves a factor by
    its relative error (damped: a stock answers with a lag), other simulated persons every round."""
    targets, person_targets = level_targets()
    group_target = published_numbers()["jobpraemie_figur_1"][(f"{LEVEL_PERSONS_YEAR}|kvalificerede", "personer")][0]
    long_exit = {LEVEL_PERSONS_YEAR: load_long_exit().get(LEVEL_PERSONS_YEAR, 1.0)}
    # from the model file's levels where it has them (a refit after a change to the chain starts
    # near its answer), else from 1
    fitted = load_levels()
    levels = {g: {y: 0.0 if t == 0 else fitted.get(g, {}).get(y, 1.0) for y, t in ts.items()}
              for g, ts in targets.items()}
    for g in person_targets:
        levels[g][LEVEL_PERSONS_YEAR] = fitted.get(g, {}).get(LEVEL_PERSONS_YEAR, levels[g][LEVEL_YEARS[-1]])
    for g, factor in settled_levels(targets).items():  # not fitted
        levels[g][LEVEL_PERSONS_YEAR] = factor
    eff = load_effective_targets()
    published = {st.name: st.stock for st in STATES}
    fitted_mix, fitted_exits = load_mix(), load_exit_levels()  # each reads the model file
    mix = {n: fitted_mix.get(n, 1.0) for n in mixed_states()}
    exits = {n: {y: fitted_exits.get(n, {}).get(y, 1.0) for y in LEVEL_YEARS if y >= first}
             for n, (_, first) in EXIT_LEVELS.items()}
    by_exit = {g: (n, first) for n, (g, first) in EXIT_LEVELS.items()}
    history = []
    for k in range(rounds):
        # other persons every round, and the mean of the last rounds' factors returned: fitted to one
        # draw, a small group's factor carried that draw's noise (AVERAGED_ROUNDS)
        got, got_persons, got_stocks = measure_levels(Chain.build(eff, levels, long_exit, mix, exits), persons,
                                                      seed + k)
        worst = 0.0
        for g, ts in targets.items():
            for y, t in ts.items():
                if t == 0:
                    continue
                ratio = t / max(got[g][y], 1.0)
                worst = max(worst, abs(1 / ratio - 1)) if y in LEVEL_YEARS else worst
                if g in by_exit and y >= by_exit[g][1]:  # the exit moves; the entries hold the year before's
                    n = by_exit[g][0]
                    exits[n][y] = float(np.clip(exits[n][y] / ratio ** damping, 0.05, 20.0))
                    levels[g][y] = levels[g][y - 1]
                    continue
                levels[g][y] = float(np.clip(levels[g][y] * ratio ** damping, 0.02, 50.0))
        for g, t in person_targets.items():
            ratio = t / max(got_persons[g], 1.0)
            worst = max(worst, abs(1 / ratio - 1))
            levels[g][LEVEL_PERSONS_YEAR] = float(np.clip(levels[g][LEVEL_PERSONS_YEAR] * ratio ** damping, 0.02, 50.0))
        ratio = got_persons[JOBPRAEMIE] / group_target  # too many long-term recipients: they leave faster
        worst = max(worst, abs(ratio - 1))
        # the group answers slowly (its members have three years on the benefits behind them): a
        # stronger step than the levels'
        long_exit[LEVEL_PERSONS_YEAR] = float(np.clip(long_exit[LEVEL_PERSONS_YEAR] * ratio ** 2, 0.1, 20.0))
        for names in LEVEL_GROUPS.values():
            mine = [n for n in names if n in mix]
            for n in mine:
                worst = max(worst, abs(got_stocks[n] / published[n] - 1))
                mix[n] = float(np.clip(mix[n] * (published[n] / max(got_stocks[n], 1.0)) ** damping, 0.2, 5.0))
            if mine and len(mine) == len(names):  # every state has a factor: their mean stays 1 (the level's part)
                mean = sum(published[n] * mix[n] for n in mine) / sum(published[n] for n in mine)
                for n in mine:
                    mix[n] /= mean
        print(f"round {k + 1}: largest error on a Tabel 6.1 cell (2012-2016), a {LEVEL_PERSONS_YEAR} count "
              "or a state's stock in Tabel 3.1's week: "
              f"{100 * worst:.1f} %", flush=True)
        for g in targets:
            print(f"  {g:18s} " + " ".join(f"{y}: {got[g][y]:9.0f} / {targets[g][y]:9.0f}" for y in LEVEL_YEARS
                                            if y in targets[g])
                  + (f" {LEVEL_PERSONS_YEAR} persons: {got_persons[g]:9.0f} / {person_targets[g]:9.0f}"
                     if g in person_targets else ""))
        print(f"  job premium's target group {LEVEL_PERSONS_YEAR}: {got_persons[JOBPRAEMIE]:9.0f} / {group_target:9.0f}"
              f" (long-stay exit factor now {long_exit[LEVEL_PERSONS_YEAR]:.3f})", flush=True)
        print("  Tabel 3.1's week: " + " ".join(f"{n} {got_stocks[n]:7.0f} / {published[n]:7.0f} (mix now {mix[n]:.3f})"
                                                for n in mix), flush=True)
        print("  exit factors: " + " ".join(f"{n} {y}: {f:.3f}" for n, ys in exits.items() for y, f in ys.items()),
              flush=True)
        history.append(copy.deepcopy((levels, long_exit, mix, exits)))
    return _mean_of_last(history, AVERAGED_ROUNDS)


# A small group (ressourceforløb: about 400 of 300,000 simulated persons) is measured with a few per
# cent of noise, and a round moves its factor by it: the last round's factors overshot ressourceforløb's
# Tabel 6.1 by 9-15 % on the default data. The fit returns the mean of its last rounds' factors, each
# round on other persons, so the mean is over draws as well as over the fit's steps.
AVERAGED_ROUNDS = 6


def _mean_of_last(history: list, n: int):
    """The mean of the last n rounds' (levels, long_exit, mix, exits), each factor by itself."""
    last = history[-n:]
    levels = {g: {y: float(np.mean([h[0][g][y] for h in last])) for y in ys} for g, ys in last[-1][0].items()}
    long_exit = {y: float(np.mean([h[1][y] for h in last])) for y in last[-1][1]}
    mix = {s: float(np.mean([h[2][s] for h in last])) for s in last[-1][2]}
    exits = {s: {y: float(np.mean([h[3][s][y] for h in last])) for y in ys} for s, ys in last[-1][3].items()}
    return levels, long_exit, mix, exits


def check(persons: int, folder: Path) -> int:
    """Generate, run, and print the calibration report; the number of targets outside their band."""
    from pipeline.cli import main as almp

    data, out = folder / "data", folder / "out"
    if not (data / "dream.parquet").exists():
        if almp(["generate", "--out", str(data), "--persons", str(persons)]) != 0:
            raise SystemExit("almp generate failed")
    if almp(["run", "--data", str(data), "--out", str(out)]) != 0:
        raise SystemExit(f"almp run failed; see {out}")
    report = out / "report" / "kalibrering.csv"
    shutil.copyfile(report, folder / "kalibrering.csv")
    outside = 0
    for saet, st in calibration.status(calibration.read_csv(report), most=None).items():
        outside += st["uden_for"]
        print(f"{saet}: {st['inden_for']} of {st['maal']} targets within their band, {st['uden_for']} outside "
              f"({st['inden_for_usikkerhed']} of them within the uncertainty), {st['uden_vaerdi']} without a value")
        for r in st["vaerste"]:
            noise = f", uncertainty {r['usikkerhed']:.1f}" if r["usikkerhed"] is not None else ""
            print(f"  {r['table_id']:24s} {r['noegle']:40s} {r['kolonne']:24s} published {r['offentliggjort']:10.1f}"
                  f"  reproduced {r['reproduceret']:10.1f}  off by {r['afvigelse']:7.1f} {r['enhed']}"
                  f" (band {r['graense']:g}{noise})")
    print(f"calibration report: {folder / 'kalibrering.csv'}; the run's report: {out / 'report' / 'kalibrering.html'}")
    return outside


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", type=int, help="persons to simulate (600,000 for the fit; 200,000 for --check)")
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--check", action="store_true", help="generate, run the pipeline and print the calibration report")
    ap.add_argument("--levels", action="store_true",
                    help="fit only the yearly entry levels to Tabel 6.1 (keeping the fitted Tabel 3.1 targets)")
    ap.add_argument("--dir", type=Path, default=Path("build/kalibrering"), help="where --check generates and runs")
    ap.add_argument("--workers", type=int, default=None, help="processes that simulate (default: the machine's "
                    "cores, at most 4); the fit is the same whatever the number")
    args = ap.parse_args()
    global WORKERS
    WORKERS = args.workers or default_workers()
    if args.check:
        check(args.persons or 200_000, args.dir)
        return
    args.persons = args.persons or 600_000
    model = json.loads(MODEL_FILE.read_text(encoding="utf-8")) if MODEL_FILE.exists() else {}
    if not args.levels:
        model.update(calibrate(args.persons, args.rounds))
        MODEL_FILE.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")  # the levels fit reads them
    levels, long_exit, mix, exits = fit_levels(min(args.persons, 300_000), 2 * args.rounds + 2)
    model["entry_levels"] = levels
    model["long_exit"] = {str(y): f for y, f in long_exit.items()}
    model["entry_mix"] = mix
    model["exit_levels"] = {n: {str(y): f for y, f in ys.items()} for n, ys in exits.items()}
    MODEL_FILE.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_FILE}")
    if _POOL is not None:
        _POOL.shutdown()


if __name__ == "__main__":
    main()
