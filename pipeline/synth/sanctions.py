"""Synthetic sanction records, drawn from a simulated chunk (`almp generate`).

For every benefit group and quarter, each recipient (>= 1 week in the group's states
in the quarter) is sanctioned with probability target x r / mean(r), where the target
is the published quarterly share sanctioned and r a person factor:

* a persistent propensity z ~ Gamma(FRAILTY_SHAPE, 1 / FRAILTY_SHAPE) (mean 1), so the
  same people are sanctioned quarter after quarter: Bilag 3.15 has ~10 % a quarter
  but 21 % over 2013 (Tabel 1 vs Tabel 8);
* the municipality's factor: the one whose year's share is its published 2013 share / the
  national 21 % times the national (Tabel 8: 2.9-42.4 %; kommune_factors, annual_share);
* the herkomst's published share / the total, averaged over the quarters (Tabel 2,
  4, 7);
* (weeks in the group in the quarter / 13) ^ 0.5: a week's recipient is less exposed.

Targets (published_numbers.csv): kth jobparat / aktivitetsparat per quarter 2008Q1-
2014Q2 (Tabel 1), udh 2014Q1-Q2 (Tabel 3, held before), dagpenge 2008Q1-2013Q3
(Tabel 5). After the last published quarter they move linearly to 2022's annual shares
(the 2024 report Figur 3.1: jobparat 20 %, aktivitetsparat 6 %, dagpenge 6 %) times the
group's ANNUAL_TO_QUARTER, and stay there; before the first they stay at the first. Groups
without published shares get a small constant one (UNPUBLISHED).

A sanctioned person-quarter gets N records (NUMBER_CDF: 'så længe' sanctions are
reported per day, the 2024 report Tabel 3.1), on consecutive days from a random weekday of a
random week of the person in the group. Dagpenge recipients also get karantæne
(self-inflicted unemployment; left out of the tables by default) with
KARANTAENE_QUARTER, so that dagpenge with karantæne is near the 2024 report's 15 % a year.
"""

from __future__ import annotations

import csv
from functools import lru_cache

import numpy as np
import pyarrow as pa

from pipeline import REFERENCE, weeks

# state name -> (ydelse, target group)
GROUPS = {
    "kth_jobparat": ("kth", "kth_jobparat"), "kth_aktivitetsparat": ("kth", "kth_aktivitetsparat"),
    "udh_aabenlyst": ("udh", "udh_uddannelsesparat"), "udh_uddannelsesparat": ("udh", "udh_uddannelsesparat"),
    "udh_aktivitetsparat": ("udh", "udh_aktivitetsparat"), "dagpenge": ("dagpenge", "dagpenge"),
    "ressourceforloeb": ("ressourceforloeb", "ressourceforloeb"), "ledighedsydelse": ("ledighedsydelse", "ledighedsydelse"),
    "sygedagpenge": ("sygedagpenge", "sygedagpenge"),
}
# target group -> (published table, row value, herkomst table, 2022 annual share or None)
PUBLISHED = {
    "kth_jobparat": ("bilag_3_15_tabel_1", "kth|jobparat", "bilag_3_15_tabel_2", ("kth|jobparat", 20.0)),
    "kth_aktivitetsparat": ("bilag_3_15_tabel_1", "kth|aktivitetsparat", "bilag_3_15_tabel_2",
                            ("kth|aktivitetsparat", 6.0)),
    "udh_uddannelsesparat": ("bilag_3_15_tabel_3", "udh|alle_uddannelsesparate", "bilag_3_15_tabel_4", None),
    "udh_aktivitetsparat": ("bilag_3_15_tabel_3", "udh|aktivitetsparat", "bilag_3_15_tabel_4", None),
    "dagpenge": ("bilag_3_15_tabel_5", "dagpenge|i_alt", "bilag_3_15_tabel_7", ("dagpenge|i_alt", 6.0)),
}
UNPUBLISHED = {"ressourceforloeb": 3.0, "ledighedsydelse": 1.0, "sygedagpenge": 0.5}  # % a quarter, assumed
# quarterly share / annual share, per group, as the simulated population turns over (measured on the
# default extract; 2013's published kth: 9.95 % a quarter, Tabel 1, against 21 % a year, Tabel 8). The
# jobparate's was 0.57 until FRAILTY_SHAPE went from 0.35 to 0.8: then their 2022 share was 24.1 % (20)
# on the default data, as a quarter's sanction falls less often on the same persons; 0.57 x 20 / 24.1.
ANNUAL_TO_QUARTER = {"kth|jobparat": 0.47, "kth|aktivitetsparat": 0.32, "dagpenge|i_alt": 0.64}
# The frailty's shape sets how often a quarter's sanction falls on someone sanctioned before, so how the
# quarters' ~10 % add up to the year's share (Tabel 8: 21 % of 2013's kth recipients). At 0.35, 2013's
# national share was 19.1 % on 1,000,000 persons (80 of the 93 municipalities shown below their
# published share; the model's recipients now turn over faster than when it was set: in effect 2.5
# quarters of a year's recipient, annual_share's A(1) at 2.5 quarters). 0.8 is the shape whose A(1) at
# 2.5 quarters is 21 %: 21.3 % on the default data (3 December 2026); the 2024 report's counts per
# sanctioned person (held out) moved with it, kontanthjælp's one sanction 37.2 -> 41.0 % (41).
FRAILTY_SHAPE = 0.8
KARANTAENE_QUARTER = 0.06
HERKOMST = ("dansk_oprindelse", "indvandrer_vestlig", "efterkommer_vestlig", "indvandrer_ikke_vestlig",
            "efterkommer_ikke_vestlig")
# P(N <= n) for n = 1, 2, ...: records per sanctioned person-quarter
NUMBER_CDF = {
    "kth": np.cumsum([0.56, 0.17, 0.08, 0.05, 0.03, 0.02, 0.02, 0.015, 0.01, 0.01] + [0.0025] * 10 + [0.0]),
    "udh": np.cumsum([0.56, 0.17, 0.08, 0.05, 0.03, 0.02, 0.02, 0.015, 0.01, 0.01] + [0.0025] * 10 + [0.0]),
    "dagpenge": np.cumsum([0.86, 0.1, 0.03, 0.01]),
}
TYPES = {  # sanction type of a single record; runs of several are 'så længe' per day: periodesanktion
    "kth": (("periodesanktion", 0.72), ("punktsanktion", 0.18), ("skaerpet_raadighed", 0.05), ("ophoer", 0.05)),
    "udh": (("periodesanktion", 0.75), ("punktsanktion", 0.15), ("skaerpet_raadighed", 0.05), ("ophoer", 0.05)),
    "dagpenge": (("saa_laenge", 0.8), ("tab_af_ydelse", 0.2)),
    "ressourceforloeb": (("periodesanktion", 0.8), ("punktsanktion", 0.2)),
    "ledighedsydelse": (("periodesanktion", 0.9), ("tab_af_ydelse", 0.1)),
    "sygedagpenge": (("bortfald", 1.0),),
}


@lru_cache(maxsize=1)
def _published() -> dict:
    """(table id, row) -> the published share sanctioned (catalogue.published_numbers' andel_sanktionerede)."""
    from pipeline.report.catalogue import published_numbers

    return {(table, row): value for table, cells in published_numbers().items()
            for (row, column), (value, _) in cells.items() if column == "andel_sanktionerede"}


def _quarter_number(label: str) -> int:
    return int(label[:4]) * 4 + int(label[5]) - 1


@lru_cache(maxsize=None)
def quarterly_target(group: str, quarter: str) -> float:
    """The share (0-1) of the group's recipients sanctioned in the quarter."""
    if group in UNPUBLISHED:
        return UNPUBLISHED[group] / 100
    table, row, _, end = PUBLISHED[group]
    pub = {_quarter_number(k.split("|")[0]): v for (t, k), v in _published().items()
           if t == table and k.split("|", 1)[1] == row}
    q = _quarter_number(quarter)
    first, last = min(pub), max(pub)
    if q <= first:
        return pub[first] / 100
    if q in pub:
        return pub[q] / 100
    goal_q = _quarter_number("2022Q4")
    goal = end[1] * ANNUAL_TO_QUARTER[end[0]] if end else pub[last]
    if q >= goal_q:
        return goal / 100
    t = (q - last) / (goal_q - last)
    return (pub[last] * (1 - t) + goal * t) / 100


# A year's kth recipient is on it about three quarters of the year, in effect: with the frailty above,
# a factor f on the quarterly chance gives the year's share A(f) = 1 - E[(1 - min(s z f, 0.95))^3], s
# such that the quarters' mean is 2013's (Tabel 1). Measured on 1,000,000 persons (3 December 2026),
# factors of 1.66 and 2.02 gave 1.36 and 1.51 times the national year's share; A with 3 quarters
# gives 1.37 and 1.52, with 4 quarters 1.32 and 1.45.
ANNUAL_QUARTERS = 3


def annual_share(f: np.ndarray, quarterly: float, quarters: float = ANNUAL_QUARTERS) -> np.ndarray:
    """A(f): the share of a year's recipients sanctioned at least once when each quarter's chance is
    min(s z f, 0.95), z the persons' frailty (a fixed sample of Gamma(FRAILTY_SHAPE), mean 1) and s
    such that the mean chance at f = 1 is `quarterly`."""
    z = np.random.default_rng(0).gamma(FRAILTY_SHAPE, 1 / FRAILTY_SHAPE, 5_000)
    s = quarterly
    for _ in range(30):  # the cap takes some probability away: scale up until the mean hits
        s *= quarterly / np.minimum(s * z, 0.95).mean()
    p = np.minimum(s * z[None, :] * np.asarray(f, float)[:, None], 0.95)
    return 1 - ((1 - p) ** quarters).mean(axis=1)


@lru_cache(maxsize=1)
def kommune_factors() -> dict[int, float]:
    """Per municipality, the factor on the quarterly chance that gives its published 2013 share of the
    year's kth recipients sanctioned (Tabel 8) relative to the national share: A(f) = A(1) x published /
    national (annual_share), so Skive's 42.4 % against 21 % gets the factor whose year's share is 2.02
    times the national one, not 2.02 (which gave 29 % on 1,000,000 persons: a high chance a quarter
    falls on those sanctioned before)."""
    with open(REFERENCE / "kommuner.csv", encoding="utf-8") as f:
        codes = [r["kommune"] for r in csv.DictReader(f)]
    pub = _published()
    national = pub[("bilag_3_15_tabel_8", "2013|kth|hele_landet")]
    quarters = [pub[("bilag_3_15_tabel_1", f"2013Q{q}|kth|i_alt")] for q in range(1, 5)]
    quarterly = sum(quarters) / 400
    grid = np.concatenate([[0.0], np.geomspace(0.01, 20, 400)])
    shares = annual_share(np.append(grid, 1.0), quarterly)  # A(1) computed with the curve's grid
    curve, at_one = shares[:-1], shares[-1]  # rising in f: inverted by interpolation
    ratio = np.array([pub.get(("bilag_3_15_tabel_8", f"2013|kth|{c}"), national) / national for c in codes])
    factors = np.interp(at_one * ratio, curve, grid)
    return {int(c): float(f) for c, f in zip(codes, factors)}


@lru_cache(maxsize=None)
def herkomst_factors(group: str) -> np.ndarray:
    """Index herkomst 1..5 (0 = unknown): published share / total, averaged over quarters."""
    out = np.ones(6)
    if group not in PUBLISHED:
        return out
    table, row, htable, _ = PUBLISHED[group]
    ydelse = row.split("|")[0]
    pub = _published()
    totals = {k.split("|")[0]: v for (t, k), v in pub.items() if t == htable and k.endswith(f"|{ydelse}|i_alt")}
    for i, h in enumerate(HERKOMST, start=1):
        ratios = [pub[(htable, f"{q}|{ydelse}|{h}")] / tot for q, tot in totals.items()
                  if (htable, f"{q}|{ydelse}|{h}") in pub and tot > 0]
        out[i] = float(np.mean(ratios)) if ratios else 1.0
    return out


def _quarters(first_week: int, n_weeks: int) -> list[tuple[str, int, int]]:
    """(label, first column, last column) of the quarters the chunk's weeks touch."""
    labels = [weeks.quarter_label(first_week + j) for j in range(n_weeks)]
    out, start = [], 0
    for j in range(1, n_weeks + 1):
        if j == n_weeks or labels[j] != labels[start]:
            out.append((labels[start], start, j - 1))
            start = j
    return out


def sanctions(chunk, state_names: list[str], first_week: int, years: list[int], pnr: np.ndarray, seed: int,
              chunk_no: int) -> pa.Table | None:
    """The draws of a (benefit group, quarter) come from a stream of their own, so a later delivery
    (a longer extract) repeats every complete quarter of an earlier one."""
    n, n_weeks = chunk.state.shape
    z = np.random.default_rng([seed, chunk_no, 3]).gamma(FRAILTY_SHAPE, 1 / FRAILTY_SHAPE, n)
    lut = np.ones(1000)
    for code, f in kommune_factors().items():
        lut[code] = f
    kommune_factor = lut[np.clip(chunk.kommune, 0, 999)]
    quarters = _quarters(first_week, n_weeks)
    y0 = years[0]
    out_person, out_col, out_day, out_ydelse, out_type = [], [], [], [], []

    def emit(person, col, day, ydelse, types):
        out_person.append(person)
        out_col.append(col)
        out_day.append(day)
        out_ydelse.extend([ydelse] * len(person))
        out_type.extend(types)

    groups = list(dict.fromkeys(g for _, g in GROUPS.values()))
    group_of_state = np.full(len(state_names) + 1, -1, dtype=np.int8)  # index state + 1 (-1 = self-support)
    for st, name in enumerate(state_names):
        if name in GROUPS:
            group_of_state[st + 1] = groups.index(GROUPS[name][1])
    week_group = group_of_state[chunk.state.astype(np.int16) + 1]
    starts = np.array([c0 for _, c0, _ in quarters])
    for gi, group in enumerate(groups):
        ydelse = next(y for y, g in GROUPS.values() if g == group)
        in_group = week_group == gi
        counts = np.add.reduceat(in_group.view(np.uint8), starts, axis=1, dtype=np.int16)  # (n, quarters)
        hf = herkomst_factors(group)[np.clip(chunk.herkomst, 0, 5)]
        for qi, (label, c0, c1) in enumerate(quarters):
            count = counts[:, qi]
            idx = np.nonzero(count > 0)[0]
            if len(idx) == 0:
                continue
            year_col = min(max(int(label[:4]) - y0, 0), len(years) - 1)
            r = z[idx] * kommune_factor[idx, year_col] * hf[idx] * np.sqrt(count[idx] / 13)
            target = quarterly_target(group, label)
            scale = target / r.mean()
            for _ in range(4):  # the cap at 0.95 takes some probability away: scale up until the mean hits
                p = np.minimum(scale * r, 0.95)
                scale *= target / max(p.mean(), 1e-12)
            rng = np.random.default_rng([seed, chunk_no, 3, gi, int(label[:4]), int(label[-1])])
            hit = idx[rng.random(len(idx)) < p]
            draws = [(hit, ydelse, NUMBER_CDF.get(ydelse))]
            if ydelse == "dagpenge":
                draws.append((idx[rng.random(len(idx)) < KARANTAENE_QUARTER], "karantaene", None))
            for who, kind, cdf in draws:
                if len(who) == 0:
                    continue
                # a random week of the person in the group in the quarter
                k = (rng.random(len(who)) * count[who]).astype(np.int32)
                sub = np.cumsum(in_group[who, c0:c1 + 1], axis=1)
                col = c0 + (sub <= k[:, None]).sum(axis=1)
                day = rng.integers(0, 5, len(who))
                if kind == "karantaene":
                    emit(who, col, day, "dagpenge", ["karantaene"] * len(who))
                    continue
                many = np.searchsorted(cdf, rng.random(len(who)), side="right") + 1 if cdf is not None \
                    else np.ones(len(who), dtype=np.int64)
                names, probs = zip(*TYPES[kind])
                single = rng.choice(np.array(names), size=len(who), p=np.array(probs))
                reps = np.repeat(np.arange(len(who)), many)
                offset = np.arange(len(reps)) - np.repeat(np.cumsum(many) - many, many)
                types = np.where(np.repeat(many, many) > 1, "periodesanktion" if kind != "dagpenge" else "saa_laenge",
                                 single[reps])
                emit(who[reps], col[reps], day[reps] + offset, kind, list(types))
    if not out_person:
        return None
    person = np.concatenate(out_person)
    col = np.concatenate(out_col)
    day = np.concatenate(out_day)
    dato = np.datetime64(weeks.monday(first_week), "D") + (7 * col + day).astype("timedelta64[D]")
    year = dato.astype("datetime64[Y]").astype(int) + 1970
    kommune = chunk.kommune[person, np.clip(year - y0, 0, len(years) - 1)]
    order = np.lexsort((dato, person))
    return pa.table({
        "pnr": pa.array(pnr[person][order]),
        "dato": pa.array(dato[order]),
        "ydelse": pa.array(np.array(out_ydelse)[order]),
        "sanktionstype": pa.array(np.array(out_type)[order]),
        "kommune": pa.array(kommune[order].astype(np.int16)),
    })
