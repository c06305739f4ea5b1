"""Who the simulated persons are: sex, age, origin and region, given their benefit in the reference week.

Bilag 3.8 of Nye veje mod job (2015) describes each benefit group in week 20 2014: mean age, the
shares of women, of each origin and of each region, beside the population aged 16-64. A person's
attributes are drawn from the profile of the state they are in in that week (the population's for
the self-supporting), so the characteristics tables land near the published ones and a group's
sanctions by origin, its municipalities and its ages follow. The published numbers are read from
published_numbers.csv, the one place they live; the states the appendix has no row for get a
plausible profile of their own (`OWN`, approximate, not published).

The reference week is a fixed calendar week, not a column of the extract, so every delivery with
the same start draws the same persons (a delivery ending before it is simulated on to it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

ORIGINS = ("dansk_oprindelse", "indvandrer_vestlig", "efterkommer_vestlig", "indvandrer_ikke_vestlig",
           "efterkommer_ikke_vestlig")  # herkomst 1..5
REGIONS = ("hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland")
REFERENCE_WEEK = "2014-W20"  # Bilag 3.8's week (the pipeline's default reference week)
# state -> Bilag 3.8 group where the names differ. Forrevalidering is counted in revalidering's row (its
# category's group), so its persons are drawn from that row: with a profile of its own (the population's
# regions and origins) the row's Midtjylland was 23.8 % on the default data against 29 and 25.5 % on
# 1,000,000 persons.
GROUP = {"udh_aabenlyst": "udh_aabenlyst_uddannelsesparat", "forrevalidering": "revalidering"}
POPULATION = "befolkning_16_64"
YOUTH = ("udh_aabenlyst", "udh_uddannelsesparat", "udh_aktivitetsparat")  # uddannelseshjælp: under 30
AGE_CONCENTRATION = 5.0  # of the beta distribution of age within its range: a broad spread around the mean


@dataclass(frozen=True)
class Profile:
    mean_age: float
    age_range: tuple[int, int]
    women: float  # share, 0-1
    origin: tuple[float, ...]  # probabilities of herkomst 1..5
    region: tuple[float, ...] | None  # probabilities of REGIONS; None: as the municipalities' weights


# States Bilag 3.8 has no row for: approximate profiles (mean age, range, share of women, share of
# non-Danish origin spread as in the population), so that SU is young, barsel female, efterløn old.
OWN = {"dagpenge": (40, (18, 64), 0.48, None), "arbejdsmarkedsydelse": (50, (25, 64), 0.5, None),
       "saerlig_uddannelsesydelse": (50, (25, 64), 0.5, None), "su": (24, (18, 35), 0.56, None),
       "barsel": (31, (20, 45), 0.9, None), "efterloen": (62, (60, 64), 0.5, None),
       "kth_integrationsloven": (32, (18, 64), 0.5, (0.0, 0.1, 0.0, 0.9, 0.0))}
OWN["integrationsydelse"] = OWN["kth_integrationsloven"]  # its successor for new arrivals (from 2015)

# Who has been in the integration programme by the reference week and is in job or education then
# (IN_JOB or no benefit) or still in the programme gets the programme's profile, whatever their state
# then; their sex and age are drawn given where they are one to INTEGRATION_YEARS years after their
# first week in it (Integration, from the simulation), by Bayes with the integration annex's Tabel 4 as
# the likelihood: the young far more often in job or education after the programme (16-29: 14, 25, 38
# and 44 % one to four years after the start; 30-49: 13-23 %; 50-60: 5-8 %), men a little more than
# women from the second year. Drawn from the population's profile, those in job were as old as anyone
# (40-46 % of the 50-60-year-olds in job three years on); drawn given the reference week only, 8 of 15
# synthetic 50-60-year-olds were in job four years on. INTEGRATION: the states of the programme; IN_JOB:
# where Tabel 4 counts a person in job or education (no benefit, or SU).
INTEGRATION = ("kth_integrationsloven", "integrationsydelse")
IN_JOB = ("su",)
INTEGRATION_AGE_GROUPS = ((16, 29), (30, 49), (50, 60))  # Tabel 4's rows (older: as 50-60, younger: as 16-29)
INTEGRATION_SEXES = ("kvinder", "maend")  # Tabel 4's rows, koen 2 and 1
# the pipeline's defaults for Tabel 4 (settings.py; a test holds them equal): the last start of the
# cohort, and the years after the start. The simulation follows the programme's starters up to the last
# start's last year, so that a delivery ending earlier draws the same persons as a longer one.
INTEGRATION_COHORT_END = "2013-W35"
INTEGRATION_YEARS = 4
# A person's years after the start are far from independent (in job one year, mostly the next too): the
# likelihood as if they were (the product over the years) sorts the ages more sharply than Tabel 4
# does, and the mean over the years less so. On the default data, in job or education four years on,
# by age (published 44, 23 and 8 %): the product 53, 18 and 14 %; the mean 39, 33 and 32 %. The
# product to the power OUTCOME_WEIGHT: the four years count as two independent ones.
OUTCOME_WEIGHT = 0.5


@dataclass(frozen=True)
class Integration:
    """Who has been in the integration programme by the reference week (members), the ISO year of their
    first week in it (start_year), and whether they are in job or education one, two, ... years after
    it (outcomes: (n, INTEGRATION_YEARS); 1 yes, 0 no, -1 not observed)."""
    members: np.ndarray
    start_year: np.ndarray
    outcomes: np.ndarray


def _published_group(group: str) -> dict[str, float]:
    from pipeline.report.catalogue import published_numbers

    return {row.split("|", 1)[1]: value for (row, column), (value, _) in published_numbers().get("bilag_3_8", {}).items()
            if row.split("|", 1)[0] == group and column == "vaerdi"}


def _normalised(values: list[float]) -> tuple[float, ...]:
    total = sum(values)
    return tuple(v / total for v in values)


def _from_bilag(group: str, age_range: tuple[int, int]) -> Profile:
    g = _published_group(group)
    return Profile(g["gns_alder"], age_range, g["kvinder"] / 100, _normalised([g.get(o, 0.0) for o in ORIGINS]),
                   _normalised([g.get(f"region_{r}", 0.0) for r in REGIONS]))


@lru_cache(maxsize=4)
def profiles(state_names: tuple[str, ...]) -> tuple[Profile, ...]:
    """One profile per state, in order, and the population's last (for the self-supporting)."""
    population = _from_bilag(POPULATION, (16, 64))
    out = []
    for name in state_names:
        if name in OWN:
            age, rng, women, origin = OWN[name]
            out.append(Profile(age, rng, women, origin or population.origin, None))
        else:
            out.append(_from_bilag(GROUP.get(name, name), (18, 29) if name in YOUTH else (16, 64)))
    return (*out, population)


# The municipality is drawn within the profile's region by the municipalities' weights, so each
# municipality of a region had the region's share of its people at the edge of the labour market: Lolland
# 17 % on the default data, where Bilag 3.11's prose has 27 %. Where Bilag 3.11 publishes a municipality's
# share, its weight is multiplied by g for the persons at the edge in the reference week (EDGE_STATES:
# udkant_persons' group `alle`) and by h for everyone else, g and h solved (kommune_edge_factors) so that
# its expected share at the edge is the published one and its expected number of persons stays as with
# the weights alone. The other municipalities keep their weights.
EDGE_STATES = ("kth_jobparat", "kth_aktivitetsparat", "udh_aabenlyst", "udh_uddannelsesparat", "udh_aktivitetsparat",
               "sygedagpenge", "revalidering", "forrevalidering", "ressourceforloeb", "foertidspension", "fleksjob",
               "ledighedsydelse", "kth_integrationsloven")


def edge_by_kommune() -> dict[int, float]:
    """Bilag 3.11: municipality code -> the published share (0-1) of its people aged 16-64 at the edge."""
    from pipeline.report.catalogue import published_numbers

    return {int(key): value / 100 for (key, column), (value, _) in published_numbers().get("bilag_3_11", {}).items()
            if column == "andel" and key.isdigit()}


def _grown(w: float, f: float) -> float:
    """The share a category of weight share w gets when its weight is multiplied by f (the rest kept)."""
    return w * f / (1 - w + w * f)


def kommune_edge_factors(share: float, a: float, p: float, edge_in_region: float, other_in_region: float,
                         edge_overall: float, other_overall: float) -> tuple[float, float]:
    """(g, h) for one municipality: its weight times g for the persons at the edge and times h for the
    others, so that its expected persons at the edge over all its persons is `share` and its expected
    persons stay as with g = h = 1. a: its weight's share of its region's, p: of the country's; the
    expected persons whose municipality is drawn within its region (edge, other) and from the whole
    country (edge, other: the profiles without a region). Given h, g has a closed form (the edge persons
    drawn within the region make up the rest of its edge persons); h is found by bisection (its persons
    rise with h)."""
    total = (edge_in_region + other_in_region) * a + (edge_overall + other_overall) * p
    edge = share * total

    def g_for(h: float) -> float:
        x = (edge - edge_overall * _grown(p, h)) / edge_in_region  # its share of the region's edge persons
        x = min(max(x, 1e-9), 1 - 1e-9)
        return x * (1 - a) / (a * (1 - x))

    lo, hi = 1e-6, 1e6
    for _ in range(200):
        h = (lo * hi) ** 0.5
        g = g_for(h)
        persons = (edge_in_region * _grown(a, g) + edge_overall * _grown(p, h)
                   + other_in_region * _grown(a, h) + other_overall * _grown(p, h))
        lo, hi = (h, hi) if persons < total else (lo, h)
    h = (lo * hi) ** 0.5
    return g_for(h), h


def kommune_regions(kommune_codes: np.ndarray) -> np.ndarray:
    """Index into REGIONS of each municipality (kommuner.csv)."""
    import csv

    from pipeline import REFERENCE

    with open(REFERENCE / "kommuner.csv", encoding="utf-8") as f:
        region = {int(r["kommune"]): REGIONS.index(r["region"]) for r in csv.DictReader(f)}
    return np.array([region[int(k)] for k in kommune_codes], dtype=np.int8)


def _categorical(rng: np.random.Generator, p: np.ndarray, n: int) -> np.ndarray:
    return _pick(np.cumsum(p), rng.random(n))


def _pick(cdf: np.ndarray, u: np.ndarray) -> np.ndarray:
    """The category (an index) of each uniform draw u by a cumulative distribution."""
    return np.minimum(np.searchsorted(cdf, u, side="right"), len(cdf) - 1)


@lru_cache(maxsize=1)
def integration_job_shares() -> dict[str, tuple[float, ...]]:
    """Tabel 4's share in job or education (0-1) one to INTEGRATION_YEARS years after the start, per row
    (alder_16_29, ..., kvinder, maend)."""
    from pipeline.report.catalogue import published_numbers

    t4 = published_numbers().get("integration_tabel_4", {})
    labels = [f"alder_{lo}_{hi}" for lo, hi in INTEGRATION_AGE_GROUPS] + list(INTEGRATION_SEXES)
    return {label: tuple(t4[(f"{label}|{k}", "andel")][0] / 100 for k in range(1, INTEGRATION_YEARS + 1))
            for label in labels}


# Who is activated, by origin: the integration annex's Figur 4 has 52 % of kontanthjælp's recipients of
# Danish origin and 42 % of the non-western immigrants outside the programme, with two to three years'
# anciennity, with an offer in the last 12 weeks (week 20 2014). The model's chance of an offer does not
# know origin, so the origin is drawn given it: on kontanthjælp (ORIGIN_BY_ACTIVATION), by Bayes with
# an offer in the 12 weeks to the reference week (simulate), the activated's likelihood of origin o is
# rho_o = r_o / r (r_o the published share, r their mean at the state's origin shares; the other
# origins at r), the others' (1 - a rho_o) / (1 - a), a the state's activated share in the run: the
# origins' shares stay the profile's (a rho_o + (1 - a) (1 - a rho_o) / (1 - a) = 1), and among them the
# activated share is a rho_o, published over the mean.
ORIGIN_BY_ACTIVATION = ("kth_jobparat", "kth_aktivitetsparat")
ACTIVATION_ORIGIN_ROWS = {1: "dansk_oprindelse_2", 4: "ikke_vestlige_uden_for_2"}  # herkomst -> Figur 4 row


@lru_cache(maxsize=1)
def activation_by_origin() -> dict[int, float]:
    """herkomst -> the published share (0-1) with an offer in the last 12 weeks (Figur 4, ACTIVATION_ORIGIN_ROWS)."""
    from pipeline.report.catalogue import published_numbers

    f4 = published_numbers().get("integration_figur_4", {})
    return {h: f4[(row, "andel_tilbud")][0] / 100 for h, row in ACTIVATION_ORIGIN_ROWS.items()}


def origin_given_activation(origin: np.ndarray, activated: np.ndarray, rates: dict[int, float]) -> np.ndarray:
    """(n, 5): each person's origin probabilities given whether they were activated (ORIGIN_BY_ACTIVATION's
    comment): the profile's origin shares times rho_o if activated, (1 - a rho_o) / (1 - a) if not,
    normalised; a = the share activated among them."""
    origin = np.asarray(origin, float)
    r_o = np.array([rates.get(h, np.nan) for h in range(1, len(origin) + 1)])
    known = ~np.isnan(r_o)
    mean = (origin[known] * r_o[known]).sum() / origin[known].sum()
    rho = np.where(known, r_o / mean, 1.0)
    a = min(max(float(activated.mean()) if len(activated) else 0.0, 1e-9), 0.999 / rho.max())  # 1 - a rho > 0
    like = np.where(activated[:, None], rho[None, :], (1 - a * rho[None, :]) / (1 - a))
    post = origin[None, :] * like
    return post / post.sum(1, keepdims=True)


@lru_cache(maxsize=1)
def women_by_origin() -> dict[str, dict[int, float]]:
    """Bilag 3.9: per group (Bilag 3.8's names), herkomst -> the published share of women (0-1) among its
    recipients of that origin (Danish origin and non-western immigrants)."""
    from pipeline.report.catalogue import published_numbers

    out: dict[str, dict[int, float]] = {}
    for (key, column), (value, _) in published_numbers().get("bilag_3_9", {}).items():
        group, origin = key.split("|")
        if column == "andel_kvinder" and origin in ORIGINS:
            out.setdefault(group, {})[ORIGINS.index(origin) + 1] = value / 100
    return out


def women_given_origin(women: float, origin: np.ndarray, published: dict[int, float]) -> np.ndarray:
    """(5,): the share of women for each herkomst 1..5 in a group: Bilag 3.9's where published, and for the
    other origins the one that keeps the group's share of women (Bilag 3.8's, the profile's) at the
    profile's origin shares, within 0.05-0.95: sex and origin are drawn together, not apart."""
    origin = np.asarray(origin, float)
    w = np.full(len(origin), np.nan)
    for h, share in published.items():
        w[h - 1] = share
    known = ~np.isnan(w)
    rest = origin[~known].sum()
    other = (women - (origin[known] * w[known]).sum()) / rest if rest > 0 else women
    return np.where(known, w, min(max(other, 0.05), 0.95))


def outcome_likelihood(shares: np.ndarray, outcomes: np.ndarray, weight: float = 1.0) -> np.ndarray:
    """(n, G): the chance of each person's observed outcomes (1 in job or education, 0 not, -1 not
    observed) in each group g whose share in job or education k years after the start is shares[g, k - 1],
    as if the years were independent, to the power `weight` (OUTCOME_WEIGHT)."""
    y = outcomes[:, None, :]
    return np.where(y == 1, shares[None], np.where(y == 0, 1 - shares[None], 1.0)).prod(axis=2) ** weight


def _ages(rng: np.random.Generator, profile: Profile, size) -> np.ndarray:
    """Ages at the reference year from the profile's beta distribution on its range (draw's docstring)."""
    lo, hi = profile.age_range
    m = min(max((profile.mean_age + 0.5 - lo) / (hi + 1 - lo), 0.02), 0.98)
    return lo + (hi + 1 - lo) * rng.beta(AGE_CONCENTRATION * m, AGE_CONCENTRATION * (1 - m), size)


def _integration_ages(rng: np.random.Generator, profile: Profile, likelihood: np.ndarray, shift: np.ndarray,
                      tries: int = 32) -> np.ndarray:
    """Ages at the reference year from the profile's beta distribution, each candidate kept with a chance
    in proportion to the likelihood (n, age groups) of the person's outcomes in its age group at the
    start (the age then: the whole years less shift, the years from the start to the reference year):
    Bayes. The first kept of `tries` candidates; a person with none kept takes the last."""
    n = len(likelihood)
    keep_p = likelihood / likelihood.max(1, keepdims=True)
    ages = _ages(rng, profile, (n, tries))
    bounds = np.array([g[0] for g in INTEGRATION_AGE_GROUPS[1:]])
    group = np.searchsorted(bounds, np.floor(ages) - shift[:, None], side="right")
    kept = rng.random((n, tries)) < np.take_along_axis(keep_p, group, axis=1)
    first = np.where(kept.any(1), kept.argmax(1), tries - 1)
    return ages[np.arange(n), first]


def draw(rng: np.random.Generator, state_at_ref: np.ndarray, state_names: tuple[str, ...], ref_year: int,
         kommune_codes: np.ndarray, kommune_p: np.ndarray, kommune_region: np.ndarray,
         integration: Integration | None = None, activated: np.ndarray | None = None):
    """(koen 1/2, foedselsaar, herkomst 1..5, kommune in the reference year) per person.

    Age at the reference year: lo + (hi - lo) x Beta(k m, k (1 - m)), m = (mean + 0.5 - lo) / (hi - lo),
    floored to whole years (the +0.5 makes the floored mean the published one). The municipality:
    the region from the profile, then a municipality of that region by the municipalities' weights.
    integration: the programme's former participants; those in job or education in the reference week
    (IN_JOB or no benefit) or still in the programme get the programme's profile, and their sex and age
    by Bayes given their outcomes after the start (INTEGRATION); those on another benefit keep its profile.
    activated: whether each had an offer in the 12 weeks to the reference week; on ORIGIN_BY_ACTIVATION's
    benefits the origin is drawn given it (origin_given_activation)."""
    n = len(state_at_ref)
    ps = profiles(tuple(state_names))
    which = np.where(state_at_ref >= 0, state_at_ref, len(ps) - 1)
    programme_group = len(ps)  # the programme's former participants after the profiles
    if integration is not None:
        idx = {name: i for i, name in enumerate(state_names)}
        in_job = (state_at_ref < 0) | np.isin(state_at_ref, [idx[s] for s in IN_JOB])
        in_programme = np.isin(state_at_ref, [idx[s] for s in INTEGRATION])
        which = np.where(integration.members & (in_job | in_programme), programme_group, which)
        ps = (*ps, ps[idx[INTEGRATION[0]]])
        shares = integration_job_shares()
    koen = np.ones(n, dtype=np.int8)
    age = np.zeros(n)
    herkomst = np.ones(n, dtype=np.int8)
    kommune = np.empty(n, dtype=np.int16)
    edge = np.isin(state_at_ref, [i for i, name in enumerate(state_names) if name in EDGE_STATES])
    w_edge, w_other = _kommune_weights(ps, which, edge, kommune_codes, kommune_p, kommune_region)
    for i in np.unique(which):  # in state order: the draws are the same for the same persons
        sel = np.nonzero(which == i)[0]
        p = ps[i]
        if i == programme_group:
            outcomes = integration.outcomes[sel]
            by_sex = outcome_likelihood(np.array([shares[s] for s in INTEGRATION_SEXES]), outcomes,
                                        OUTCOME_WEIGHT)
            women = p.women * by_sex[:, 0] / (p.women * by_sex[:, 0] + (1 - p.women) * by_sex[:, 1])
            koen[sel] = np.where(rng.random(len(sel)) < women, 2, 1)
            by_age = outcome_likelihood(np.array([shares[f"alder_{lo}_{hi}"] for lo, hi in INTEGRATION_AGE_GROUPS]),
                                        outcomes, OUTCOME_WEIGHT)
            age[sel] = _integration_ages(rng, p, by_age, ref_year - integration.start_year[sel])
        else:
            u_sex = rng.random(len(sel))  # the sex is set after the origin, from this draw
            age[sel] = _ages(rng, p, len(sel))
        if activated is not None and i < len(state_names) and state_names[i] in ORIGIN_BY_ACTIVATION:
            post = origin_given_activation(np.array(p.origin), activated[sel], activation_by_origin())
            u = rng.random(len(sel))  # as _categorical draws, each person by his or her own probabilities
            herkomst[sel] = np.minimum((u[:, None] >= np.cumsum(post, 1)).sum(1), len(p.origin) - 1) + 1
        else:
            herkomst[sel] = _categorical(rng, np.array(p.origin), len(sel)) + 1
        if i != programme_group:  # the sex given the origin where Bilag 3.9 has the group, else the profile's
            group = GROUP.get(state_names[i], state_names[i]) if i < len(state_names) else POPULATION
            published = women_by_origin().get(group)
            w = p.women if published is None else women_given_origin(p.women, np.array(p.origin), published)[herkomst[sel] - 1]
            koen[sel] = np.where(u_sex < w, 2, 1)
        if p.region is None:
            kommune[sel] = kommune_codes[_by_edge(rng.random(len(sel)), edge[sel], w_edge, w_other)]
        else:
            region = _categorical(rng, np.array(p.region), len(sel))
            for r in range(len(REGIONS)):
                in_r = sel[region == r]
                mine = kommune_region == r
                kommune[in_r] = kommune_codes[_by_edge(rng.random(len(in_r)), edge[in_r],
                                                       np.where(mine, w_edge, 0.0), np.where(mine, w_other, 0.0))]
    foedselsaar = (ref_year - np.floor(age)).astype(np.int16)
    return koen, foedselsaar, herkomst, kommune


def _by_edge(u: np.ndarray, edge: np.ndarray, w_edge: np.ndarray, w_other: np.ndarray) -> np.ndarray:
    """Each person's municipality (an index) from his or her uniform draw u, by the edge persons' weights
    or the others' (as _categorical, one draw a person whichever the weights)."""
    out = np.empty(len(u), dtype=np.int64)
    for mask, w in ((edge, w_edge), (~edge, w_other)):
        if mask.any():
            out[mask] = _pick(np.cumsum(w) / w.sum(), u[mask])
    return out


def _kommune_weights(ps: tuple[Profile, ...], which: np.ndarray, edge: np.ndarray, kommune_codes: np.ndarray,
                     kommune_p: np.ndarray, kommune_region: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The municipalities' weights for the persons at the edge and for the others: kommune_p, with each
    municipality Bilag 3.11 publishes times its (g, h) (kommune_edge_factors), from the expected persons
    each profile puts in each region (this chunk's)."""
    w_edge, w_other = kommune_p.astype(float).copy(), kommune_p.astype(float).copy()
    published = edge_by_kommune()
    if not published:
        return w_edge, w_other
    in_region = np.zeros((2, len(REGIONS)))  # (edge, other) x region: expected persons drawn within it
    overall = np.zeros(2)  # (edge, other): persons drawn from the whole country
    for k, mask in enumerate((edge, ~edge)):
        counts = np.bincount(which[mask], minlength=len(ps))
        for i in np.nonzero(counts)[0]:
            if ps[i].region is None:
                overall[k] += counts[i]
            else:
                in_region[k] += counts[i] * np.array(ps[i].region)
    for code, share in sorted(published.items()):
        at = np.nonzero(kommune_codes == code)[0]
        if len(at) == 0 or in_region[0, kommune_region[at[0]]] <= 0:  # not drawn, or nobody at the edge to place
            continue
        j, r = at[0], kommune_region[at[0]]
        a = kommune_p[j] / kommune_p[kommune_region == r].sum()
        g, h = kommune_edge_factors(share, a, kommune_p[j], in_region[0, r], in_region[1, r], overall[0], overall[1])
        w_edge[j] *= g
        w_other[j] *= h
    return w_edge, w_other
