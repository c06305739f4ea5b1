"""Simulate one chunk of persons through the weekly state model.

A chunk is a fixed number of persons with its own random stream (seed, chunk
number), so the output for a seed does not depend on how the writer batches it and
a full-population extract is made chunk by chunk in bounded memory.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipeline import weeks
from pipeline.synth import people
from pipeline.synth.model import (COMPANY_DIGITS, HISTORY_RECENT, HISTORY_SHARE, HISTORY_WEEKS, IN_FORCE_FROM, OFFER_PERSISTENCE,
                                  REFORMS, Chain)

MOVE_PROB_PER_YEAR = 0.03


@dataclass
class Chunk:
    codes: np.ndarray  # (n, W) int16, 0 = blank
    state: np.ndarray  # (n, W) int8, index into STATES, -1 = self-support
    koen: np.ndarray
    foedselsaar: np.ndarray
    herkomst: np.ndarray
    kommune: np.ndarray  # (n, years) municipality per calendar year
    gap: np.ndarray  # (n, W) bool: a sanction gap week (blank code inside a benefit state)


def simulate_chunk(chain: Chain, n: int, n_weeks: int, n_years: int, seed: int, chunk_no: int,
                   kommune_codes: np.ndarray, kommune_p: np.ndarray, first_week: int | None = None,
                   kommune_region: np.ndarray | None = None, follow_integration: bool = True) -> Chunk:
    """first_week: the extract's first week (weeks.parse_week); the persons' attributes are drawn
    given their state in people.REFERENCE_WEEK (or in the first week when the extract starts after
    it, or when first_week is None), and the integration programme's starters' sex and age given where
    they are after it (people.Integration). A delivery that ends before those weeks is simulated on to
    them, so that it draws the same persons as a longer one; follow_integration=False (a fit that
    measures the states alone) stops at the extract's end or the reference week."""
    rng = np.random.default_rng([seed, chunk_no])
    ref = weeks.parse_week(people.REFERENCE_WEEK)
    ref_col = max(ref - first_week, 0) if first_week is not None else 0
    ref_year = weeks.iso(first_week + ref_col)[0] if first_week is not None else weeks.iso(ref)[0]
    y0 = weeks.iso(first_week)[0] if first_week is not None else ref_year
    states = chain.states
    base = np.array([s.code for s in states], dtype=np.int16)
    act_share, act_weeks = chain.activation[:, 0], chain.activation[:, 1]
    act_on = np.where(act_share > 0, act_share / np.maximum(1 - act_share, 1e-9) / act_weeks, 0)
    act_off = 1 / act_weeks
    gap_p = np.array([s.gap_prob for s in states])
    entry_offer, wait_weeks = chain.entry_offer, chain.activation_wait
    by_anciennity, family = chain.activation_by_anciennity, chain.family
    cap = by_anciennity.shape[1] - 1
    act_codes = [np.array(list(s.activation), dtype=np.int16) for s in states]
    act_cdf = [np.cumsum(np.array(list(s.activation.values()), float)) / max(sum(s.activation.values()), 1)
               for s in states]

    hidden_to_state = chain.hidden_to_state
    exit_prob = chain.exit_prob  # with first_week: the year's (Chain.entry_in)
    dest_cdf = chain.destination_cdf
    start = chain.start_in(y0, first_week) if first_week is not None else chain.stationary
    hidden = np.searchsorted(np.cumsum(start), rng.random(n), side="right")
    hidden = np.minimum(hidden, chain.n_hidden - 1)
    min_weeks = chain.hidden_min_weeks
    # stationary start of the minimum-stay counter: in the minimum phase with
    # probability d0 / (d0 + mean), and then uniformly far into it
    mean_h = np.concatenate([[1.0], chain.means.reshape(-1)])
    d0 = min_weeks[hidden]
    in_min = rng.random(n) < d0 / (d0 + mean_h[hidden])
    left = np.where(in_min, np.floor(rng.random(n) * d0).astype(np.int32) + 1, 0).astype(np.int32)
    active = np.zeros(n, dtype=np.int16)  # current activation code, 0 = none
    wait = np.zeros(n, dtype=np.int16)  # weeks left before an offer can start (model.ACTIVATION_WAIT)
    # weeks in the family of benefits, capped (model.ACTIVATION_BY_ANCIENNITY); those on a benefit at
    # the start count as long-term (an extract starts years before the weeks the reports measure)
    st0 = hidden_to_state[hidden]
    tenure = np.where(st0 >= 0, cap, 0).astype(np.int16)
    gap_left = np.zeros(n, dtype=np.int8)
    # weeks on public support in the last HISTORY_WEEKS, kept as a ring of weeks (those on a benefit at
    # the start count as long-term, as for tenure): who makes a move into a state of HISTORY_SHARE, from a
    # stream of its own (the main stream's draws do not depend on it)
    supported = np.append(chain.public_support, False)  # state -1: self-support
    history = np.asfortranarray(np.repeat(supported[st0][:, None], HISTORY_WEEKS, axis=1))  # by week: columns
    support_weeks = history.sum(1, dtype=np.int16)
    year_weeks = history[:, :52].sum(1, dtype=np.int16)  # the same over the last 52 weeks
    recent_weeks = history[:, :HISTORY_RECENT].sum(1, dtype=np.int16)  # and over the last HISTORY_RECENT
    # (S + 1, 3): the shares of the moves into each state chosen by the year's support, the five years'
    # and the recent weeks', summed: a move's draw below the first is chosen by the year, below the second
    # by the five years, below the third by the recent weeks
    by_support = np.array([HISTORY_SHARE.get(s.name, (0.0, 0.0, 0.0)) for s in states] + [(0.0, 0.0, 0.0)])
    by_support = np.cumsum(by_support, axis=1)
    choose = np.random.default_rng([seed, chunk_no, 9])

    # the kind of a person's last offer in the stay (1 company-based, 0 not, -1 none yet), kept with
    # probability OFFER_PERSISTENCE by the next offer, from a stream of its own (the main stream's draws
    # are the same as without it; the kept kind only picks the code within that kind, by the same draw)
    last_kind = np.full(n, -1, dtype=np.int8)
    keep_p = np.array([OFFER_PERSISTENCE.get(s.name, 0.0) for s in states])
    kinds_of = [np.isin(c % 10, COMPANY_DIGITS).astype(np.int8) for c in act_codes]
    kind_cdf = [[_sub_cdf(act_cdf[s], kinds_of[s] == k) for k in (0, 1)] for s in range(len(states))]
    persist = np.random.default_rng([seed, chunk_no, 13])

    def draw_activation(idx: np.ndarray) -> None:
        st = hidden_to_state[hidden[idx]]
        for s in np.unique(st):
            if s < 0 or len(act_codes[s]) == 0:
                continue
            sel = idx[st == s]
            u = rng.random(len(sel))
            pick = np.searchsorted(act_cdf[s], u, side="right")
            if keep_p[s] > 0:
                keep = (last_kind[sel] >= 0) & (persist.random(len(sel)) < keep_p[s])
                for k in (0, 1):
                    index_k, cdf_k = kind_cdf[s][k]
                    mine = keep & (last_kind[sel] == k)
                    if mine.any() and len(index_k):
                        at = np.minimum(np.searchsorted(cdf_k, u[mine], side="right"), len(index_k) - 1)
                        pick[mine] = index_k[at]
            active[sel] = act_codes[s][pick]
            last_kind[sel] = kinds_of[s][pick]

    # stationary start for the activation sub-chain too
    start_active = np.nonzero((st0 >= 0) & (rng.random(n) < np.where(st0 >= 0, act_share[st0], 0)))[0]
    draw_activation(start_active)

    codes = np.zeros((n, n_weeks), dtype=np.int16)
    state = np.zeros((n, n_weeks), dtype=np.int8)
    gap = np.zeros((n, n_weeks), dtype=bool)
    state_at_ref = None
    last_offer = np.full(n, -10**6, dtype=np.int32)  # the last week with an offer (people.ORIGIN_BY_ACTIVATION)
    activated_at_ref = None
    # who has been in the integration programme by the reference week, their first week in it, and
    # whether they are in job or education whole years after it (their profile: people.draw), up to
    # follow_col: the cohort's last start's last year, simulated on to even when the extract ends before
    integration_states = [i for i, s in enumerate(states) if s.name in people.INTEGRATION]
    in_job_states = [i for i, s in enumerate(states) if s.name in people.IN_JOB]
    programme_start = np.full(n, -1, dtype=np.int32)
    outcomes = np.full((n, people.INTEGRATION_YEARS), -1, dtype=np.int8)
    due: dict[int, list[tuple[np.ndarray, int]]] = {}  # week -> (persons, years after their start)
    follow_col = -1
    if follow_integration and first_week is not None and first_week <= weeks.parse_week(people.INTEGRATION_COHORT_END):
        follow_col = weeks.parse_week(people.INTEGRATION_COHORT_END) + 52 * people.INTEGRATION_YEARS - first_week
    year = None
    in_force = sorted(weeks.parse_week(w) for w in IN_FORCE_FROM.values())
    for t in range(max(n_weeks, ref_col + 1, follow_col + 1)):
        # a new year (its entry levels) or the week a benefit comes into force
        if first_week is not None and (weeks.iso(first_week + t)[0] != year or first_week + t in in_force):
            year = weeks.iso(first_week + t)[0]
            exit_prob, dest_cdf = chain.entry_in(year, first_week + t)
        st = hidden_to_state[hidden]
        on_benefit = st >= 0
        # sanction gaps: 1-3 blank weeks inside a kth/udh stay
        start_gap = on_benefit & (gap_left == 0) & (rng.random(n) < np.where(on_benefit, gap_p[st], 0))
        gap_left[start_gap] = rng.integers(1, 4, start_gap.sum())
        in_gap = gap_left > 0
        week = np.where(on_benefit, np.where(active > 0, active, base[st]), 0)
        week[in_gap] = 0
        if t < n_weeks:
            codes[:, t] = week
            state[:, t] = st
            gap[:, t] = in_gap
        if t <= ref_col:
            last_offer[on_benefit & (active > 0) & ~in_gap] = t  # only the weeks up to the reference week count
            starting = np.nonzero((programme_start < 0) & np.isin(st, integration_states))[0]
            programme_start[starting] = t
            for k in range(1, people.INTEGRATION_YEARS + 1):
                if len(starting) and t + 52 * k <= follow_col:
                    due.setdefault(t + 52 * k, []).append((starting, k))
        for who, k in due.pop(t, ()):  # Tabel 4's in job or education: no code (SU: an education code)
            outcomes[who, k - 1] = (week[who] == 0) | np.isin(st[who], in_job_states)
        if t == ref_col:
            state_at_ref = st.copy()
            activated_at_ref = last_offer > t - 12  # an offer in the 12 weeks to the reference week
        gap_left[in_gap] -= 1
        ring = t % HISTORY_WEEKS
        now = supported[st]
        weeks_now = now.astype(np.int16)
        support_weeks += weeks_now - history[:, ring]
        year_weeks += weeks_now - history[:, (t - 52) % HISTORY_WEEKS]
        recent_weeks += weeks_now - history[:, (t - HISTORY_RECENT) % HISTORY_WEEKS]
        history[:, ring] = now

        # move between hidden states
        u = rng.random(n)
        moving = np.nonzero((left == 0) & (u < exit_prob[hidden]))[0]
        left[left > 0] -= 1
        tenure[on_benefit & (tenure < cap)] += 1
        if len(moving):
            before = st[moving]
            cdf = dest_cdf[hidden[moving]]
            drawn = np.minimum((rng.random(len(moving))[:, None] > cdf).sum(1), chain.n_hidden - 1)
            kinds = _kinds(choose.random(len(drawn)), by_support[hidden_to_state[drawn]], hidden[moving])
            hidden[moving] = _by_history(hidden[moving], drawn, kinds, year_weeks[moving], support_weeks[moving],
                                         recent_weeks[moving])
            tenure[moving[family[hidden_to_state[hidden[moving]]] != family[before]]] = 0  # state -1: off benefit
            left[moving] = min_weeks[hidden[moving]]
            active[moving] = 0
            last_kind[moving] = -1
            gap_left[moving] = 0
        # activation on/off for those who stayed in a benefit state
        st = hidden_to_state[hidden]
        stay = np.ones(n, dtype=bool)
        stay[moving] = False
        u = rng.random(n)
        stop = stay & (active > 0) & (st >= 0) & (u < act_off[np.maximum(st, 0)])
        active[stop] = 0
        begin = np.nonzero(stay & (active == 0) & ~stop & (st >= 0) & (wait == 0)
                           & (u < np.where(st >= 0, act_on[st] * by_anciennity[st, tenure], 0)))[0]
        draw_activation(begin)
        wait[wait > 0] -= 1
        # a new stay may begin with an offer at once (model.ENTRY_OFFER: new recipients are activated sooner)
        entering = moving[st[moving] >= 0]
        draw_activation(entering[rng.random(len(entering)) < entry_offer[st[entering]]])
        wait[moving] = np.where(st[moving] >= 0, wait_weeks[np.maximum(st[moving], 0)], 0)

    if first_week is not None:
        register_reforms(chain, codes, state, first_week)
    # the persons' attributes from a stream of their own, so that a longer extract (a later --end)
    # draws the same persons and the same weeks up to the shorter one's end: a later delivery
    rng = np.random.default_rng([seed, chunk_no, 5])
    if kommune_region is None:
        kommune_region = people.kommune_regions(kommune_codes)
    year_of_col = np.array([weeks.iso(first_week + c)[0] if first_week is not None else ref_year
                            for c in range(ref_col + 1)], dtype=np.int16)
    integration = people.Integration(programme_start >= 0, year_of_col[np.maximum(programme_start, 0)], outcomes)
    koen, foedselsaar, herkomst, at_ref = people.draw(rng, state_at_ref, tuple(s.name for s in states), ref_year,
                                                      kommune_codes, kommune_p, kommune_region, integration,
                                                      activated_at_ref)
    # the municipality in the reference year, and moves from there backwards and then forwards in
    # time (in that order, and past the extract's end when it ends before that year, so that a
    # delivery's municipality-years do not depend on where it ends)
    yr = max(ref_year - y0, 0)
    kommune = np.empty((n, max(n_years, yr + 1)), dtype=np.int16)
    kommune[:, yr] = at_ref
    kcdf = np.cumsum(kommune_p)
    for y in [*range(yr - 1, -1, -1), *range(yr + 1, kommune.shape[1])]:
        before = kommune[:, y - 1] if y > yr else kommune[:, y + 1]
        move = rng.random(n) < MOVE_PROB_PER_YEAR
        new = kommune_codes[np.minimum(np.searchsorted(kcdf, rng.random(n)), len(kcdf) - 1)]
        kommune[:, y] = np.where(move, new, before)
    kommune = kommune[:, :n_years]
    return Chunk(codes, state, koen, foedselsaar, herkomst, kommune, gap)


def _sub_cdf(cdf: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The indices of the codes in mask and their cdf among themselves (the block's weights renormalised),
    to map a uniform draw to a code of one kind."""
    weights = np.diff(np.concatenate([[0.0], cdf]))[mask]
    return np.nonzero(mask)[0], np.cumsum(weights) / weights.sum() if weights.sum() > 0 else weights


def _kinds(u: np.ndarray, bounds: np.ndarray, source: np.ndarray) -> np.ndarray:
    """How each drawn move is given (model.HISTORY_SHARE): 1 by the year's support if its draw u is below
    bounds[:, 0], 2 by the five years' if below bounds[:, 1], 3 by the recent weeks' if below bounds[:, 2],
    else 0 (as drawn). From self-support (hidden state 0) none is chosen: there the weeks of support tell
    who left a benefit lately (kontanthjælp's leavers, the integration programme's), not who is far from work."""
    above = (u[:, None] >= bounds).sum(1)  # the first bound u is below, counted from 0
    kinds = np.where(above < bounds.shape[1], above + 1, 0)
    kinds[source == 0] = 0
    return kinds


def _by_history(source: np.ndarray, drawn: np.ndarray, kinds: np.ndarray, *rankings: np.ndarray) -> np.ndarray:
    """The destinations drawn for a week's movers, given again within each source hidden state: those of
    kind k (1, 2, ...; model.HISTORY_SHARE) to the movers not yet given one with the most weeks of support
    in rankings[k - 1], kind 1 first, and those of kind 0 to the others in the order drawn. Each source
    keeps its destinations; stable sorts break every tie (the movers' order)."""
    if not kinds.any():
        return drawn
    out = drawn.copy()
    for src in np.unique(source[kinds > 0]):
        at = np.nonzero(source == src)[0]  # this source's movers, in order
        free = np.ones(len(at), dtype=bool)
        for k, ranking in enumerate(rankings, start=1):
            mine = drawn[at][kinds[at] == k]  # its destinations of kind k, in the order drawn
            if len(mine) == 0:
                continue
            cand = np.nonzero(free)[0]
            best = cand[np.argsort(-ranking[at][cand].astype(np.int32), kind="stable")[:len(mine)]]
            out[at[best]] = mine
            free[best] = False
        out[at[free]] = drawn[at][kinds[at] == 0]
    return out


def register_reforms(chain: Chain, codes: np.ndarray, state: np.ndarray, first_week: int) -> None:
    """Label the weeks before a reform (model.REFORMS) with the benefit it replaced, in place: the
    state and the DREAM code (the same digit of the older benefit's block: 723 -> 733, 813 -> 733)."""
    index = {s.name: i for i, s in enumerate(chain.states)}
    for new, old, week in REFORMS:
        since = weeks.parse_week(week) - first_week  # the reform week's column
        if since <= 0:
            continue
        i, j = index[new], index[old]
        before = state[:, :since]  # a view: changed in place
        mask = before == i
        before[mask] = j
        coded = mask & (codes[:, :since] != 0)
        codes[:, :since][coded] += chain.states[j].code - chain.states[i].code
