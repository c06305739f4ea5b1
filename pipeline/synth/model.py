"""The weekly state model behind `almp generate`.

Every person moves, week by week, through a Markov chain of hidden states. A hidden
state is a benefit state (a DREAM code block, e.g. "kontanthjælp, aktivitetsparat")
and one of two duration *components*: a short-stay and a long-stay one, each with a
constant weekly exit probability. Mixing two geometric durations is the simplest way
to get both a fast-turning inflow and a long-term stock, which is what Tabel 3.1
shows for every benefit. Self-support (blank weeks) is the state `O`.

Calibration, all in closed form:

* Stocks. Each benefit state s has a target stock share pi_s (published stock in week
  20 2014 / the 16-64 population 3,562,700). In a stationary chain the stock of a
  geometric component with mean duration m holds people whose elapsed time A has
  P(A >= a) = q^a, q = 1 - 1/m. So the share of the stock with >= 42 weeks behind it
  (Tabel 3.1's "80 % of the previous year") and with >= 208 weeks (five years) are
  mixtures of q_short^a and q_long^a. `fit_components` picks the two means and the
  long component's stock share that reproduce the published pair of shares; the long
  component may have a minimum stay (a counter in the simulation) where a pure
  geometric tail cannot give a high one-year and a moderate five-year share at once.
* Flows. Leaving s goes to O or, with the inflow shares below, straight to
  another benefit (sygedagpenge -> fleksjob, ressourceforløb -> førtidspension, ...).
  Stationary inflow to s must equal its outflow pi_s * sum_k v_k / m_k; whatever the
  routed inflow does not cover comes from O, which fixes O's entry hazards exactly.
* Feedback. Routed prior support and the short sanction gaps move the simulated
  long-term shares a little off the analytic ones; `pipeline.synth.calibrate`
  simulates, measures and shifts the targets the components are fitted to
  (`effective_targets` in assets/reference/synthetic_model.json).

The initial state of every person is drawn from the stationary distribution, and
geometric durations are memoryless, so no burn-in is needed, with left-censored spells
as in the real register.

Time: the chain above is the 2014 one. Each year scales the entries into a benefit group
by a factor (LEVEL_GROUPS; `entry_levels` in the model file, fitted by simulation to the
yearly levels the sources publish), the first week's distribution is scaled the same way,
and the reforms relabel what the register shows before them (REFORMS). Who a person is
(sex, age, origin, region) is drawn given the benefit in week 20 2014, and for the integration
programme's participants given where they are after it (pipeline/synth/people.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from pipeline import REFERENCE, weeks

POPULATION_16_64 = 3_562_700  # Bilag 3.8 (Nye veje mod job (2015)): the population the stocks are shares of
LONG_1, LONG_5 = 42, 208  # >= 80 % of 52 and of 260 weeks (docs/METODE.md)
MODEL_FILE = REFERENCE / "synthetic_model.json"
NOT_SUPPORT = ("su", "barsel", "efterloen")  # states that are not public support (Tabel 3.1's note)
FIXED_SHAPE = ("kth_integrationsloven",)  # stays set by another table than Tabel 3.1: calibrate.py keeps (p1, p5)


@dataclass(frozen=True)
class State:
    name: str
    stock: float  # persons in the state in a typical week (published or approximate)
    p1: float  # share of the stock with >= 42 of the previous 52 weeks on support
    p5: float  # ... with >= 208 of the previous 260 weeks
    code: int  # passive DREAM code
    activation: dict = field(default_factory=dict)  # activation code -> weight
    activation_share: float = 0.0  # share of weeks in the state with an activation code
    visitation: tuple | None = None  # (ydelse, kategori, probability a record is written)
    gap_prob: float = 0.0  # weekly probability of a 1-3 week sanction gap (blank weeks)
    short_mean: float = 10.0  # preferred mean of the short-stay component, weeks
    calibrated: bool = True  # published Tabel 3.1 row (True) or a plausible background state


# About two thirds of the company placements are in private firms (Nye veje mod job (2015), kapitel 4, on
# the firms that take them). Every block's løntilskud (digits 5, 6) and virksomhedspraktik (7, 8) split
# their weight so, private : public; they had equal weights, a choice with no source.
PRIVATE_SHARE = 2 / 3


def _block(base: int, digits=(3, 4, 5, 6, 7, 8, 9), weights=(4, 1, 1, 1, 2, 2, 1)) -> dict:
    """The activation codes base + digit at their weights, each private/public pair split PRIVATE_SHARE :
    1 - PRIVATE_SHARE. The order of the codes and each pair's total stay, so an offer's draw picks the
    same kind of offer as with equal weights; only the sector can differ."""
    w = dict(zip(digits, weights))
    for private, public in ((5, 6), (7, 8)):  # løntilskud, virksomhedspraktik
        if private in w and public in w:
            pair = w[private] + w[public]
            w[private], w[public] = PRIVATE_SHARE * pair, (1 - PRIVATE_SHARE) * pair
    return {base + d: v for d, v in w.items()}


# Company-based offers (løntilskud and virksomhedspraktik, digits 5-8) at a factor on the block's weights
# per state. The aktivitetsparate, not ready for work, had 0.4 (with the default weights 31 % of
# kontanthjælp's aktivitetsparate with two years' anciennity had a company-based offer in 12 weeks,
# against about 18 % in Figur 3.8; a company share of offers of 0.5 x 18 / 31 = 0.29 is W / (W + 6) with
# W = 2.45, 0.41 of 6). Since the offers grew with the anciennity factors, that gave 24-25 % on
# 1,000,000 persons, and the integration annex's Figur 5 (the share of each group's activated who had a
# company-based offer, nytteindsats included, January-October 2014) had 51 % of them against the
# published 27 %, the uddannelsesparate 68 % against 42 % and the jobparate 67 % against 77 %. With k
# offers per activated person, 1 - (1 - c)^k of them has one, c the company share of offers (digits 5-9):
# k = ln(1 - share) / ln(1 - c) from the model's c and share, then the c that gives the target and the
# factor f on the 6 weight of digits 5-8 with (6 f + nytte) / (5 + 6 f + nytte) = c. Aktivitetsparate:
# Figur 3.8's 18 % from c = 0.405 x 18 / 25 = 0.29, f = 0.17 (Figur 5's 27 % would need 0.05 and put
# Figur 3.8 at 12 %); uddannelsesparate (åbenlyst too): k = 1.30, c = 0.342, f = 0.27; jobparate:
# k = 1.26, c = 0.688, f = 1.67. Uddannelseshjælp's aktivitetsparate follow kontanthjælp's.
# The aktivitetsparate get no nytteindsats (NO_NYTTEINDSATS) and twice the factor, which keeps their
# company share of offers (digits 5-9): 6 x 0.34 / (5 + 6 x 0.34) = 0.290, (6 x 0.17 + 1) / (5 + 6 x 0.17 + 1) = 0.288.
# The åbenlyst uddannelsesparate "skal ligesom jobparate kontanthjælpsmodtagere ... arbejde for ydelsen",
# so their offers are the jobparate's (1.67; without løntilskud, below); the uddannelsesparate keep 0.27
# without nytteindsats, and Figur 5's uddannelsesparate (both groups) stay at 42 % (42.2 on the default data).
COMPANY_FACTOR = {"kth_aktivitetsparat": 0.34, "udh_aktivitetsparat": 0.34, "kth_jobparat": 1.67,
                  "udh_uddannelsesparat": 0.27, "udh_aabenlyst": 1.67,
                  "kth_integrationsloven": 0.14}  # the integration programme: at its state in STATES
# Who may have which offer (Nye veje mod job (2015), its account of the benefits' rules): nytteindsats
# "er primært målrettet stærkere borgere i målgruppen", the jobparate and the åbenlyst uddannelsesparate,
# so the others get none (Tabel 4.1, held out, has 0.2, 0.1 and 1.1 % of the aktivitetsparate on
# kontant- and uddannelseshjælp and of the uddannelsesparate in it, where the block's weight gave 7.6,
# 9.3 and 10.1 %); "åbenlyst uddannelsesparate uddannelseshjælpsmodtagere kan dog ikke få ansættelse
# med løntilskud" (Tabel 4.1: 1.4 %; the block gave 8.1 %).
NO_NYTTEINDSATS = ("kth_aktivitetsparat", "udh_aktivitetsparat", "udh_uddannelsesparat")
NO_LOENTILSKUD = ("udh_aabenlyst",)
# The åbenlyst uddannelsesparate: "skal personen som udgangspunkt arbejde for ydelsen ... og så vidt muligt
# vare, indtil den unge starter på uddannelse", and nytteindsats is the offer whose "formål er at personen
# skal arbejde for sin ydelse" (Nye veje mod job (2015)). Their company-based weight (virksomhedspraktik's
# and nytteindsats') is split evenly between praktik and nytteindsats, where the jobparate's block gave
# nytteindsats 1 of 7.68. The company-based share of their offers, and so Figur 5, does not change.
# Chosen after the report showed their nytteindsats far below Tabel 4.1's (5.8 % of the row against
# 20.9 on 1,000,000 persons), a column no target names: that row is not independent evidence of it.
WORK_FOR_BENEFIT = ("udh_aabenlyst",)
# Whose offers are company-based is a trait of the person, not a new draw each time: among kontant- and
# uddannelseshjælp's aktivitetsparate, a person's next offer in a stay is of the same kind as the last
# (company-based: digits 5-9, or not) with probability OFFER_PERSISTENCE, and drawn afresh from the block
# otherwise (the first offer of a stay always afresh). The kinds' shares of offers stay the block's (a
# chain that keeps the kind with probability p and else draws it has the draw's shares as its
# stationary ones), so Figur 3.8's share with one in 12 weeks stays; what falls is the share of the
# activated with one at some time in ten months, the integration annex's Figur 5 (27 %): with k offers
# each drawn afresh it is 1 - (1 - c)^k (41 % on the default data), with the kind kept about c = 0.29.
# Figur 3.8 (18 % at two years' anciennity) and Figur 5 can only both hold if the same persons have the
# company-based offers again and again: some of the aktivitetsparate can work in a firm, some cannot.
# Measured on the default data (3 December 2026): Figur 5 41.1 % with p = 0, 30.4 with 0.9, 28.1 with 1
# (published 27); Figur 3.8 at two years 13.4, 18.8 and 17.6 % (18; 313 persons, so by chance: the seven
# anciennity groups together had 574, 556 and 555 persons with one). Nothing but the offers' codes moves.
OFFER_PERSISTENCE = {"kth_aktivitetsparat": 1.0, "udh_aktivitetsparat": 1.0}
COMPANY_DIGITS = (5, 6, 7, 8, 9)  # løntilskud, virksomhedspraktik, nytteindsats: virksomhedsrettet


def _block_company(base: int, state: str) -> dict:
    """The block's weights with the company-based codes (digits 5-8) at COMPANY_FACTOR[state], without
    nytteindsats (digit 9) for NO_NYTTEINDSATS and løntilskud (5, 6) for NO_LOENTILSKUD, and praktik and
    nytteindsats evenly for WORK_FOR_BENEFIT."""
    c = COMPANY_FACTOR[state]
    lt = 0.0 if state in NO_LOENTILSKUD else c
    praktik, nytte = 2 * c, 0.0 if state in NO_NYTTEINDSATS else 1.0  # each of 7 and 8; 9
    if state in WORK_FOR_BENEFIT:  # the pair and nytteindsats half each of what they had together
        praktik, nytte = (4 * c + nytte) / 4, (4 * c + nytte) / 2
    digits, weights = (3, 4, 5, 6, 7, 8, 9), (4, 1, lt, lt, praktik, praktik, nytte)
    kept = [(d, w) for d, w in zip(digits, weights) if w > 0]
    return _block(base, tuple(d for d, _ in kept), tuple(w for _, w in kept))


def _block_without_nytteindsats(base: int) -> dict:
    """Blocks 740, 750, 760 and 810 have no 9 (nytteindsats) code in the code list."""
    return _block(base, (3, 4, 5, 6, 7, 8), (4, 1, 1, 1, 2, 2))


# Published Tabel 3.1 (week 20 2014): stock, and the long-term shares computed from
# the printed counts (antal_1aar / antal, antal_5aar / antal), not the rounded percents.
STATES: tuple[State, ...] = (
    # sygedagpenge's offers: "de aktive tilbud for sygedagpengemodtagere består næsten udelukkende af
    # virksomhedspraktik og øvrig vejledning og opkvalificering" (mploy for STAR, Analyse af reglerne om
    # statens refusion, 2016/17): guidance (893) and praktik (897, 898) at the block's weights, 4 : 4. It
    # had every offer code of its block (education and løntilskud too, the weights 4 : 1 : 2 : 4)
    State("sygedagpenge", 82_100, 25_400 / 82_100, 4_100 / 82_100, 890,
          _block(890, (3, 7, 8), (4, 2, 2)), 0.05, short_mean=20),
    State("udh_aabenlyst", 3_900, 800 / 3_900, 100 / 3_900, 140, _block_company(140, "udh_aabenlyst"), 0.25,
          ("udh", "aabenlyst_uddannelsesparat", 1.0), 0.004, short_mean=30),
    State("udh_uddannelsesparat", 15_500, 6_800 / 15_500, 1_700 / 15_500, 140,
          _block_company(140, "udh_uddannelsesparat"), 0.25,
          ("udh", "uddannelsesparat", 0.85), 0.004, short_mean=60),
    State("udh_aktivitetsparat", 25_100, 19_500 / 25_100, 7_100 / 25_100, 720,
          _block_company(720, "udh_aktivitetsparat"), 0.25,
          ("udh", "aktivitetsparat", 0.85), 0.004, short_mean=60),
    State("kth_jobparat", 28_400, 19_900 / 28_400, 11_400 / 28_400, 130, _block_company(130, "kth_jobparat"), 0.25,
          ("kth", "jobparat", 0.85), 0.004, short_mean=70),
    State("kth_aktivitetsparat", 75_400, 67_800 / 75_400, 47_600 / 75_400, 730,
          _block_company(730, "kth_aktivitetsparat"), 0.25,
          ("kth", "aktivitetsparat", 0.85), 0.004, short_mean=70),
    State("arbejdsmarkedsydelse", 8_100, 6_900 / 8_100, 1_400 / 8_100, 152, short_mean=20),
    State("saerlig_uddannelsesydelse", 3_700, 3_000 / 3_700, 800 / 3_700, 151, short_mean=20),
    # revalidering is mostly ordinary education: the 2024 report's Figur 7.5 has about 70 % of its
    # full-time activated in ordinary education and about 20 % in company-based offers in 2013, where
    # the block's weights gave 9 % and 54 %. Weights 1 : 7 : 2 (guidance, education, company-based,
    # the last split as in the block: løntilskud 1 : 1, virksomhedspraktik 2 : 2) gave 8.3, 74.8 and
    # 17.0 % of the weeks on 200,000 persons; each weight by its weeks per unit: 1.2 : 6.5 : 2.3. Those
    # gave 66 and 22 % of the full-time activated (200,000 and 1,000,000 persons, 2 December 2026);
    # each weight by published / reproduced: 1.0 : 6.9 : 2.1
    State("revalidering", 8_100, 7_700 / 8_100, 3_800 / 8_100, 760,
          _block(760, (3, 4, 5, 6, 7, 8), (1.0, 6.9, 2.1 / 6, 2.1 / 6, 2.1 / 3, 2.1 / 3)), 0.4,
          short_mean=40),
    # ressourceforløb's offers are mentor, praktik and guidance, seldom løntilskud: the reform commission
    # has 2 % of its recipients with paid hours in Q3 2021, and the blocks' weight of 1 per løntilskud
    # code gave 9.0 % (supported hours) on 200,000 persons; 0.15 each leaves 1/6 of that
    State("ressourceforloeb", 4_000, 3_700 / 4_000, 2_200 / 4_000, 810,
          _block(810, (3, 4, 5, 6, 7, 8), (4, 1, 0.15, 0.15, 2, 2)), 0.3, short_mean=40),
    State("fleksjob", 56_600, 56_100 / 56_600, 50_100 / 56_600, 771, short_mean=100),
    State("ledighedsydelse", 13_700, 13_300 / 13_700, 11_000 / 13_700, 740, _block_without_nytteindsats(740), 0.25,
          short_mean=40),
    State("foertidspension", 229_300, 228_100 / 229_300, 217_000 / 229_300, 783, short_mean=400),
    # Background states: not rows of Tabel 3.1, sizes approximate (2014), there so the
    # extract has dagpenge, SU, barsel, efterløn ... as a register does.
    State("dagpenge", 100_000, 0.35, 0.05, 111, _block_without_nytteindsats(210),
          0.25, short_mean=12, calibrated=False),
    # The integration programme (three years): Nye veje mod job (2015)'s integration annex, Tabel 4, has
    # 13, 21, 30 and 34 % of the 2009-2013 starters in job or education one to four years after the
    # start. With the stays of the other background states (short mean 30 weeks) the model had 48 and
    # 68 %; long stays (short mean 300 weeks, 87 % and 50 % of the stock with one and five years on
    # support) and leavers going on to kontanthjælp (INFLOW_FROM: 4 % of the aktivitetsparate's
    # entrants, 2 % of the jobparate's) give 11.3, 21.3, 28.7 and 35.4 % on 400,000 persons (a cohort
    # of 1,061); with half that move 14.8, 25.8, 33.5 and 42.4 %, without it 12, 26, 37 and 44 % on
    # 100,000. The cohort is about 550 persons at the default size, so each point varies by about ±4.
    # Its stays are not fitted to Tabel 3.1, where it is no row (FIXED_SHAPE): calibrate.py had moved its
    # shares to 87.3 and 49.1 %, where fit_components jumps to a long component with a 39-week minimum
    # stay, and its starters in job or education fell to 3.0, 12.5, 20.7 and 27.7 % (200,000 persons,
    # 3 December 2026). At 86.3 and 48.3 %, where the fit had them before, 12.3, 20.6, 29.4 and 39.2 %;
    # at 87 and 50 % 10.2, 17.2, 25.0 and 33.1.
    # Its offers: the integration annex's Figur 4 has 85 % of the participants with two to three years
    # on kontanthjælp with an offer in the last 12 weeks, and Figur 5 20 % of the participants touched
    # in January-October 2014 in virksomhedspraktik and 7 % in løntilskud. With 30 % of the weeks
    # activated and the block's weights the model had 49-61 %, 35 % and 22 % (default data). An on/off
    # chain with a share s of the weeks and offers of 10 weeks has an offer in 12 weeks with probability
    # 1 - (1 - s)(1 - a)^11, a = s / (10 (1 - s)): s = 0.5 gives 84 %. It has about 1.7 offers per
    # person touched in the ten months (1.07 with s = 0.3: 1 - (1 - 4/12)^k = 35 %), so the targets need
    # 1 - 0.8^(1 / 1.7) = 12 % of the offers in praktik and 1 - 0.93^(1 / 1.7) = 4 % in løntilskud:
    # a factor of 0.2 on the company-based weights (COMPANY_FACTOR) gives 10.6 and 5.3 %. Measured on the
    # default data (3 December 2026): 78-87 % with an offer by year of anciennity (77.8 % at two to three
    # years, 72 persons), 24.3 % in praktik and 13.1 % in løntilskud: more offers per person than 1.7;
    # scaled by ln(1 - target) / ln(1 - measured), 0.80 and 0.52, the factor is 0.2 x 0.7 = 0.14
    State("kth_integrationsloven", 12_000, 0.863, 0.483, 710, _block_company(710, "kth_integrationsloven"), 0.5,
          short_mean=300, calibrated=False),
    # Integrationsydelse (from 1 September 2015, IN_FORCE_FROM) for those who have not lived in Denmark
    # 7 of the last 8 years: a nominal stock of 10,000 (the mploy analysis's Tabel 6.1 has 10,175
    # full-time persons in 2016; its yearly levels are fitted), long stays as under integrationsloven,
    # sanctions and offers as kontanthjælp's (block 700: 703-709)
    State("integrationsydelse", 10_000, 0.8, 0.4, 700, _block(700), 0.3, gap_prob=0.004, short_mean=30,
          calibrated=False),
    State("forrevalidering", 1_500, 0.6, 0.2, 750, _block(750, (3, 4, 7, 8), (2, 1, 1, 1)), 0.3,
          short_mean=20, calibrated=False),
    State("su", 250_000, 0.7, 0.15, 651, short_mean=30, calibrated=False),
    State("barsel", 45_000, 0.05, 0.0, 881, short_mean=20, calibrated=False),
    State("efterloen", 90_000, 0.9, 0.4, 621, short_mean=100, calibrated=False),
)

# The company-based offers' kinds and sectors: Tabel 4.1 of Nye veje mod job (2015) has, per group, the
# long-term recipients with løntilskud or virksomhedspraktik, public or private, in 2014Q2. PRIVATE_SHARE
# split every pair 2 : 1, where the table has løntilskud mostly public on dagpenge (9.7 against 5.6 %)
# and nearly none for the aktivitetsparate and the uddannelsesparate (0.1-1.6 %), whose company-based
# offers are praktik. Each block named here keeps its weight of digits 5-8 (so the company share of
# offers, Figur 3.8's, Figur 5's and Figur 7.5's, does not move) and splits it among the digits it has
# by the row's shares (a share of persons in a quarter: near the share of offers where few have two).
TABEL_4_1_ROWS = {"dagpenge": "dagpenge", "sygedagpenge": "sygedagpenge", "kth_aktivitetsparat": "kth_aktivitetsparat",
                  "kth_jobparat": "kth_jobparat", "ledighedsydelse": "fleksjobvisiterede", "revalidering": "revalidering",
                  "udh_aabenlyst": "udh_aabenlyst_uddannelsesparat", "udh_aktivitetsparat": "udh_aktivitetsparat",
                  "udh_uddannelsesparat": "udh_uddannelsesparat"}
TABEL_4_1_DIGITS = {5: "loentilskud_privat", 6: "loentilskud_offentlig", 7: "virksomhedspraktik_privat",
                    8: "virksomhedspraktik_offentlig"}


def _tabel_4_1() -> dict[str, dict[str, float]]:
    """Tabel 4.1's published shares: row -> column -> per cent (catalogue.published_numbers)."""
    from pipeline.report.catalogue import published_numbers

    out: dict[str, dict[str, float]] = {}
    for (row, column), (value, _) in published_numbers().get("tabel_4_1", {}).items():
        out.setdefault(row, {})[column] = value
    return out


def split_as_tabel_4_1(block: dict, row: dict[str, float]) -> dict:
    """The block with its weight of digits 5-8 (those it has) split among them by the row's shares; a
    digit whose share is 0 is left out. A block without them, or a row with none of them, as it was."""
    base = min(block) // 10 * 10
    have = [d for d in TABEL_4_1_DIGITS if base + d in block]
    weight = sum(block[base + d] for d in have)
    shares = {d: row.get(TABEL_4_1_DIGITS[d], 0.0) for d in have}
    if not have or sum(shares.values()) <= 0:
        return dict(block)
    out = {c: w for c, w in block.items() if c - base not in have}
    for d in have:
        if shares[d] > 0:
            out[base + d] = weight * shares[d] / sum(shares.values())
    return dict(sorted(out.items()))


_ROWS = _tabel_4_1()
STATES = tuple(replace(s, activation=split_as_tabel_4_1(s.activation, _ROWS[TABEL_4_1_ROWS[s.name]]))
               if s.name in TABEL_4_1_ROWS else s for s in STATES)

# Benefits a reform introduced: before the reform week their weeks are registered as the benefit
# they replaced (the hidden dynamics stay as they are; only the register's label is older).
# Uddannelseshjælp replaced kontanthjælp for those under 30 from 1 January 2014, all at once;
# ressourceforløb began in 2013 (with the fitted levels nobody enters it before, and it fills up
# from 0 as the real programme did; without them it would appear in 2013 at its 2014 stock).
# (new state, replaced by, week)
REFORMS: tuple[tuple[str, str, str], ...] = (
    ("udh_aabenlyst", "kth_jobparat", "2014-W01"),
    ("udh_uddannelsesparat", "kth_jobparat", "2014-W01"),
    ("udh_aktivitetsparat", "kth_aktivitetsparat", "2014-W01"),
    ("ressourceforloeb", "kth_aktivitetsparat", "2013-W01"),
)
# Benefits a reform introduced for new recipients only: nobody enters them before the week the law
# took effect (those already on the older benefit stay there), so they fill up from 0.
IN_FORCE_FROM: dict[str, str] = {"integrationsydelse": "2015-W36"}  # 1 September 2015

# The model moves through time: the entries into a group's states (from self-support and routed
# from another benefit) are scaled by a factor per year, fitted (`python -m pipeline.synth.calibrate --levels`) so that the yearly
# full-time persons per group follow the mploy analysis's Tabel 6.1 (2012-2016), the groups as
# that table's (sql/marts/m16_tabel_6_1.sql), and stay at 2012's level in 2008-2011 (fitted too,
# from the default extract's first year); later years take 2016's factor, or lie on the line to
# 2022's where that is fitted (LEVEL_PERSONS). A group the table
# prints as 0 in a year (ressourceforløb before its 2013 start) has factor 0 then. Groups not
# listed keep their 2014 level throughout.
LEVEL_GROUPS: dict[str, tuple[str, ...]] = {
    "dagpenge_mv": ("dagpenge", "arbejdsmarkedsydelse", "saerlig_uddannelsesydelse"),
    "kth_udh": ("kth_jobparat", "kth_aktivitetsparat", "udh_aabenlyst", "udh_uddannelsesparat", "udh_aktivitetsparat"),
    "sygedagpenge_mv": ("sygedagpenge",), "revalidering_mv": ("revalidering", "forrevalidering"),
    "ressourceforloeb": ("ressourceforloeb",), "ledighedsydelse": ("ledighedsydelse",), "fleksjob": ("fleksjob",),
    "foertidspension": ("foertidspension",), "efterloen": ("efterloen",),
    "integrationsydelse": ("integrationsydelse",),
}
# Within a group the entries go to its states by their published stocks, but routing and the
# reforms move the mix. Each Tabel 3.1 state of a group with more than one state has a constant
# factor on its entries (`entry_mix`, fitted with the levels to the week's stock; the group's level
# then keeps its total). Fitted: kontanthjælp's aktivitetsparate 1.035, its jobparate 0.96;
# arbejdsmarkedsydelse and særlig uddannelsesydelse 0.83 and 0.84 beside dagpenge.
# A part of a group that Tabel 6.1 prints as a row of its own from a year on: uddannelseshjælp
# within kontant- and uddannelseshjælp from 2014. The group's level keeps the total; the part's
# states have a factor of their own per year from then (1 before), fitted to the row (`entry_levels`,
# under the part's name). With the group's factor alone uddannelseshjælp grew from 45,300 full-time
# persons in 2014 to 47,200 in 2015 on the default data, where the table has it fall from 42,678 to
# 41,919, and kontanthjælp fell short.
LEVEL_PARTS: dict[str, tuple[str, tuple[str, ...], int]] = {  # part -> (group, its states, first year)
    "udh": ("kth_udh", ("udh_aabenlyst", "udh_uddannelsesparat", "udh_aktivitetsparat"), 2014),
}


def mixed_states() -> tuple[str, ...]:
    calibrated = {s.name for s in STATES if s.calibrated}
    return tuple(n for names in LEVEL_GROUPS.values() if len(names) > 1 for n in names if n in calibrated)


LEVEL_YEARS = tuple(range(2012, 2017))  # the years Tabel 6.1 publishes
LEVEL_FIRST_YEAR = 2008  # the default extract's first year: 2008-2011 are held at 2012's level
# 2022: the 2024 report's Tabel 3.1 counts the year's recipients in the kontanthjælp system
# (kontant- and uddannelseshjælp) and the dagpenge system; the two groups' factors for 2022 are
# fitted to those persons, and 2017-2021 lie on the line from 2016's factor to 2022's (the
# kontanthjælp system shrank after 2016: the job premium's target group fell after 2018).
LEVEL_PERSONS_YEAR = 2022
# The benefits a reform introduced, still filling up in Tabel 6.1's last year: no source we reproduce
# says they went on growing, so their entries go on the line from 2016's factor to the one whose
# equilibrium stock is 2016's full-time persons (that level / the group's nominal stock) in
# LEVEL_PERSONS_YEAR. With 2016's factor held instead, integrationsydelse grew to 5.8 times its
# 2016 level by 2022, and the job premium's target group of 2022 to 109,000 (published about 60,000).
LEVEL_SETTLES = ("ressourceforloeb", "integrationsydelse")
LEVEL_PERSONS: dict[str, tuple[str, tuple[str, ...]]] = {  # group -> (row of e24_tabel_3_1, states counted)
    "kth_udh": ("kh_system", ("kth_jobparat", "kth_aktivitetsparat", "udh_aabenlyst", "udh_uddannelsesparat",
                              "udh_aktivitetsparat")),
    "dagpenge_mv": ("dp_system", ("dagpenge",)),
}

# The long-term recipients of the temporary benefits: the job premium's target group (over 30, at
# least 125 of the last 156 weeks on them) fell after 2018, to about 60,000 at the end of 2022 (the
# reform commission), while the year's recipients in the kontanthjælp system stayed many (the 2024
# report). With 2014's durations held, the model's group of 2022 was 100,000. The long-stay component
# of the group's benefits (sygedagpenge aside: its long stays are few and limited by law) leaves at a
# weekly probability scaled by one factor, no source saying which benefit's fell most: 1 up to
# LONG_EXIT_FROM, then on the line to LEVEL_PERSONS_YEAR's, fitted to that count (`long_exit`).
# The fleksjob reform of 1 January 2013 (flex jobs of a few hours) let those on ledighedsydelse, the
# benefit between flex jobs, find one sooner: Tabel 6.1 has ledighedsydelse fall from 16,795 full-time
# persons in 2013 to 14,332 in 2016 while fleksjob grew from 53,187 to 63,950. Its stays are long
# (most of its recipients have had five years of support), so fewer entries could not make that fall:
# the fitted entry factor of 2014 stood at its floor (0.02), with 9 new recipients in Bilag 3.13's
# half year on the default data. From the first year given, a state's weekly exit probability (both
# components) has a factor per year, fitted to its group's Tabel 6.1 row in place of the group's entry
# level, which holds the year before's (`exit_levels`; 1 before, the last fitted year's after).
EXIT_LEVELS: dict[str, tuple[str, int]] = {"ledighedsydelse": ("ledighedsydelse", 2014)}  # state -> (group, first year)

LONG_EXIT_STATES = ("kth_jobparat", "kth_aktivitetsparat", "kth_integrationsloven", "integrationsydelse",
                    "revalidering", "forrevalidering", "ressourceforloeb")
LONG_EXIT_FROM = 2016

# Where a state's inflow comes from: the share of the people entering `dst` who come
# straight from `src` (the rest come from self-support). Follows Nye veje mod job (2015)'s Figur 3.2
# and its prose: 80-90 % of new revalidering, fleksjob, ressourceforløb
# and førtidspension recipients were on public support before, two thirds to three
# quarters from kontanthjælp or sygedagpenge; revalidering and fleksjob mostly from
# sygedagpenge, førtidspension and ressourceforløb evenly from both. Kontant- and uddannelseshjælp's
# and sygedagpenge's from Bilag 3.3 and 3.4 (support in the twelve weeks before the start): 27 % of
# the kth/udh recipients with under a year came from public support and 20 % from SU, 16 % of the
# sygedagpenge recipients from dagpenge and at most 13 % from other sources, mostly not public support
# (self-employment, SU, barsel; docs/METODE.md, "Where the
# recipients came from"; the measured share is lower than the routed one, as a stay of under seven
# of the twelve weeks is not the most frequent source: fleksjob and førtidspension route 92 % of their
# entrants, for 84.5 and 79.6 % of their recipients with public support before, Bilag 3.2; 85 % routed
# gave 74 and 76 %).
INFLOW_FROM: dict[str, dict[str, float]] = {
    "fleksjob": {"sygedagpenge": 0.5, "ledighedsydelse": 0.2, "kth_aktivitetsparat": 0.12,
                 "revalidering": 0.05, "ressourceforloeb": 0.05},
    # revalidering's entrants of 2013 by their support before (Nye veje mod job (2015), Figur 7.4):
    # sygedagpenge 57 %, kontanthjælp 21, self-support 18, others about 4. With 10 % each from dagpenge
    # and forrevalidering, the others were 19.2 % and sygedagpenge 42.4 (1,000,000 persons); with these,
    # after a refit, sygedagpenge 57.3 % and self-support 21.0 (3 December 2026)
    "revalidering": {"sygedagpenge": 0.6, "kth_aktivitetsparat": 0.2, "dagpenge": 0.03,
                     "forrevalidering": 0.02},
    "ressourceforloeb": {"sygedagpenge": 0.4, "kth_aktivitetsparat": 0.4, "udh_aktivitetsparat": 0.1,
                         "ledighedsydelse": 0.05},
    "foertidspension": {"sygedagpenge": 0.33, "kth_aktivitetsparat": 0.44, "ressourceforloeb": 0.05,
                        "fleksjob": 0.05, "ledighedsydelse": 0.05},
    # ledighedsydelse is for those visited to fleksjob, between flex jobs: nearly all come from
    # public support. With 35 % from self-support, and no history behind them, the fitted stays were
    # 5 to 9 years (a minimum of 260 weeks; EXIT_LEVELS has the rest)
    "ledighedsydelse": {"fleksjob": 0.6, "sygedagpenge": 0.2, "kth_aktivitetsparat": 0.1, "ressourceforloeb": 0.05},
    "arbejdsmarkedsydelse": {"dagpenge": 0.6},
    "saerlig_uddannelsesydelse": {"dagpenge": 0.6},
    "kth_aktivitetsparat": {"kth_jobparat": 0.15, "sygedagpenge": 0.27, "dagpenge": 0.14, "udh_aktivitetsparat": 0.05,
                            "kth_integrationsloven": 0.04, "su": 0.05},
    "kth_jobparat": {"dagpenge": 0.47, "arbejdsmarkedsydelse": 0.05, "sygedagpenge": 0.05, "kth_aktivitetsparat": 0.1,
                     "kth_integrationsloven": 0.02, "su": 0.1},
    "udh_aktivitetsparat": {"udh_uddannelsesparat": 0.1, "sygedagpenge": 0.15, "dagpenge": 0.05, "su": 0.2},
    "udh_uddannelsesparat": {"udh_aabenlyst": 0.1, "su": 0.4, "dagpenge": 0.1},
    "udh_aabenlyst": {"su": 0.35, "dagpenge": 0.1},
    "dagpenge": {"sygedagpenge": 0.5, "kth_jobparat": 0.01},
    "sygedagpenge": {"dagpenge": 0.27, "kth_aktivitetsparat": 0.01, "kth_jobparat": 0.003, "udh_aktivitetsparat": 0.003,
                     "fleksjob": 0.01, "ledighedsydelse": 0.01},
    "su": {"udh_uddannelsesparat": 0.05},
}


# The share of the long-stay component's leavers who go straight to another benefit (the
# routed flow out of the state is unchanged; the long stayers take most of it).
LONG_ROUTED = {"kth_jobparat": 0.8, "kth_aktivitetsparat": 0.9, "udh_aktivitetsparat": 0.8,
               "udh_uddannelsesparat": 0.4, "sygedagpenge": 0.7}
# Where the long stayers' routed moves go first: the programmes for those far from work. Each
# destination keeps its routed inflow; only who makes it changes. Tabel 3.1: 93 % of ressourceforløb's
# recipients and 99 % of fleksjob's had public support in at least 80 % of the year before, which
# recipients routed from a short sygedagpenge stay (a few weeks) do not have. Not revalidering:
# less than half its recipients had five years of support (47 %), and with it among these its
# simulated five-year share rose to 59 %. They also keep their routed inflow where a source is
# asked for more leavers than it has (cap_routing).
LONG_DESTINATIONS = ("ressourceforloeb", "fleksjob", "foertidspension", "ledighedsydelse")
# The destinations whose routed inflow a capped source keeps (cap_routing): the programmes above, and
# revalidering, whose entrants come mostly from sygedagpenge (Nye veje mod job (2015): 80-90 % of its
# recipients were on public support before); cut with the others, 43 % of its spells started from
# self-support (Bilag 3.2: 47-55 % on the default data)
ROUTED_FIRST = LONG_DESTINATIONS + ("revalidering",)
# Who enters ressourceforløb: a component does not remember what came before the stay, and ressourceforløb,
# younger than Tabel 3.1's five-year window, cannot reach its long-term shares by its own stays
# (calibrate.weeks_in_force). Its entrants from sygedagpenge (40 % of its inflow) had the support of their
# sickness alone, those from self-support were drawn from everyone: 84.4 % of its recipients had a year of
# support behind them and 35.5 % five, against the published 93 and 55 % (default data, 2 December 2026).
# Two shares of the moves from a benefit into a state (HISTORY_SHARE: by the year, by the five years; drawn
# per move from a stream of its own) go, within a week's leavers of one hidden state, to those with the
# most weeks of public support in the last 52 weeks, and then to those of the rest with the most in the
# last HISTORY_WEEKS (ties by their order in the chunk); the others take the rest of the week's
# destinations in the order they were drawn. The moves themselves are unchanged; only who makes them.
# No move from self-support is chosen: there the weeks of support tell who left a benefit lately (a
# leaver of kontanthjælp or of the integration programme), not who is far from work. With them chosen
# (0.5 and 0.29, refitted; 1,000,000 persons, 3 December 2026) kontanthjælp's leavers with under a year
# going to other support were 30.8 % (Bilag 3.5, held out: 19; 22.9 % before, 25.5-26.4 % without them), a
# different refit each, so an indication only. (The integration programme's starters in job or education
# fell in those refits too, but from its stays: FIXED_SHAPE.)
# One share by the five years alone could not give both of Tabel 3.1's shares: on 1,000,000 persons all
# of the moves so gave 93.3 and 78.1 % (all by the last 52 weeks: 98.7 and 44.6 %), 0.45 gave 86.5 and
# 57.7 % and 0.6 86.9 and 62.9 %: the year's share, set by those not chosen, stayed short of 93 (0.37 was
# used, for 55 % five years on). With both and none from self-support, on a model refitted for others
# (1,000,000 persons): 0.55 and 0.22 gave 90.5 and 52.4 %, 0.65 and 0.25 91.3 and 50.3, 0.6 and 0.4 94.2
# and 59.7, 0.8 and 0.2 94.7 and 51.5; 0.7 and 0.3 lie between the last two (every move from a benefit
# chosen), and calibrate.py refits the stays after. Not fleksjob,
# førtidspension or ledighedsydelse, which reach their shares by their own stays: chosen by the five years
# (all of them), ledighedsydelse's five-year share rose from 79.5 to 88.7 % (published 80.3 %), beyond what
# its stays can fit, and førtidspension's refitted stays were shorter, its stock falling 15 % from 2013 to
# 2016 where Tabel 6.1 has 10 %.
HISTORY_WEEKS = 260
# Who enters revalidering from another benefit: Bilag 3.2 reads the support before the start as the most
# frequent of the twelve weeks before it, so an entrant routed from a stay of under seven weeks counts as
# from self-support; its moves from a benefit go to the week's leavers with the most weeks of support in
# the last HISTORY_RECENT (12; as many count the same, so no longer history is preferred): 73.3 % of its
# recipients came from public support after the refit, 61.9 before (1,000,000 persons; the prose: 80-90 %),
# its five-year share in Tabel 3.1 49.7 % (47). Chosen by the year instead, 64.8 % on the default data,
# and the five-year share 53 %.
HISTORY_RECENT = 12
HISTORY_SHARE = {"ressourceforloeb": (0.7, 0.3, 0.0), "revalidering": (0.0, 0.0, 1.0)}

# Who arrives from another benefit stays longer: among kontant- and uddannelseshjælp's recipients in week
# 20 2014, 27 % of those with less than a year behind them came from public support, 36-37 % of those
# with one to five years; on sygedagpenge 16 % and 26 % from dagpenge (Nye veje mod job (2015), Bilag 3.3 and 3.4).
# A routed entrant's odds of landing in the long-stay component are these times a self-supporting
# entrant's; the self-supporting entrants' split is solved so that the state's inflow still lands in its
# components as the stationary chain needs (entry_weights). With the same odds (1) the shares were
# 21-22 % at every anciennity on 100,000 persons. Kontanthjælp's odds were 3, and its jobparate's and
# aktivitetsparate's entrants from dagpenge 40 and 10 % (INFLOW_FROM): Bilag 3.3's recipients from
# self-support were 75.3, 69.8 and 66.5 % under one, one to three and three to five years on 1,000,000
# persons (published 73, 64, 63); with 4, 47 and 14 %, after a refit, 71.2, 66.7 and 60.7 (3 December 2026).
ROUTED_LONG_ODDS = {"sygedagpenge": 4.0, "kth_jobparat": 4.0, "kth_aktivitetsparat": 4.0,
                    "udh_aabenlyst": 3.0, "udh_uddannelsesparat": 3.0, "udh_aktivitetsparat": 3.0}


# The chance that a new stay begins with an activation offer at once (besides the state's weekly
# chance to start one): new recipients are activated sooner than the stock (Bilag 3.13: the share
# whose first offer comes within three months, uddannelseshjælp 65 %, kontanthjælp 50 %,
# ledighedsydelse 50 %). Closed form from a calibration report of the model, where c of the new
# stays had an offer within 13 weeks without it: e = 1 - (1 - published) / (1 - c); c = 46.6 %
# (uddannelseshjælp) and 41.2 % (ledighedsydelse) on 200,000 persons, and for kontanthjælp 41.4 %
# (55.2 % with e = 0.235: 1 - 0.448 / 0.765). Sygedagpenge (25 % against 19) and ressourceforløb
# (26 against 30) are left as they are: e cannot be negative, and 4 points is within noise there.
# With ACTIVATION_SHORTFALL the chain starts offers more often, so c rose: uddannelseshjælp gave
# 71.0 % with e = 0.345 (1 - c = 0.29 / 0.655 = 0.443) and 59.1 % with e = 0.21 (1 - c = 0.409 /
# 0.79 = 0.518), two draws of the same model; on their mean 1 - c = 0.48, e = 1 - 0.35 / 0.48 = 0.27.
# Ledighedsydelse had none since its offers grew with ACTIVATION_BY_ANCIENNITY (ACTIVATION_WAIT); with
# the wait of two weeks and no offer at once 41.4 % of its new stays had one within three months on
# 1,000,000 persons (3 December 2026; 50 published): e = 1 - 0.5 / 0.586 = 0.147.
ENTRY_OFFER = {"udh_aabenlyst": 0.27, "udh_uddannelsesparat": 0.27, "udh_aktivitetsparat": 0.27,
               "kth_jobparat": 0.147, "kth_aktivitetsparat": 0.147, "ledighedsydelse": 0.147}

# Activation falls with anciennity (Figur 3.5, Nye veje mod job (2015): for ledighedsydelse and the
# aktivitetsparate kontanthjælpsmodtagere the chance of an offer in the last 12 weeks falls with the
# years on the benefit; 51 % of the aktivitetsparate with 1-2 years had one, against 47 % of the
# whole stock in 13 weeks in Tabel 3.2). The state's weekly chance to start an offer is multiplied
# by a factor by the weeks the person has been in the benefit's family (categories.csv, as the
# pipeline counts anciennity: kontanthjælp and uddannelseshjælp are one) without leaving it:
# ((before week, factor), ..., (None, factor for every later week)).
# The factors keep the stock's share near Tabel 3.2's: about a third of the aktivitetsparate stock
# of week 20 2014 has under three years and half has six or more (the model's Figur 3.5 rows).
ACTIVATION_BY_ANCIENNITY = {
    "kth_aktivitetsparat": ((156, 1.2), (312, 1.0), (None, 0.88)),
    "ledighedsydelse": ((156, 1.2), (312, 1.0), (None, 0.88)),
}

# Weeks into a new stay before the state's weekly chance of an offer applies: sygedagpenge's
# follow-up comes first, and only 19 % of new recipients have an offer within three months
# (Bilag 3.13) against 37 % of the stock in 13 weeks (Tabel 3.2). Without a wait the model gave
# 31.2 % on 200,000 persons, a weekly start chance a with 1 - (1 - a)^12 = 0.312, a = 0.031; a
# share of 19 % leaves ln(0.81) / ln(1 - a) = 6.8 weeks of chance, so the wait is 5 weeks.
# Ledighedsydelse: with a new stay's chance 1.2 times the stock's (ACTIVATION_BY_ANCIENNITY) and an
# offer at once for 15 % of them (ENTRY_OFFER), 62.2 % had one within three months on 1,000,000
# persons (published 50 %). Without the offer at once 1 - 0.378 / 0.85 = 55.5 %, a weekly chance
# a = 1 - 0.445^(1/13) = 0.060; 50 % leaves ln(0.5) / ln(1 - a) = 11.1 of the 13 weeks: a wait of 2.
ACTIVATION_WAIT = {"sygedagpenge": 5, "ledighedsydelse": 2}

# Tabel 3.2 (Nye veje mod job (2015), July 2014): share activated in 13 weeks and the hours-based
# activation rate, both in %, per state. `activation_params` turns them into the
# activation sub-chain of the state (share of weeks activated, mean length of an
# activation spell, hours per week while activated).
ACTIVATION_TARGETS = {
    "dagpenge": (62, 27), "kth_jobparat": (65, 32), "kth_aktivitetsparat": (47, 18), "udh_aabenlyst": (71, 43),
    "udh_uddannelsesparat": (73, 37), "udh_aktivitetsparat": (60, 27), "sygedagpenge": (37, 12),
    "revalidering": (88, 77), "ressourceforloeb": (38, 10), "ledighedsydelse": (52, 13),
}
DEFAULT_ACTIVATION_WEEKS, DEFAULT_ACTIVATION_HOURS = 10.0, 30.0
# The chain's share activated in 13 weeks is that of someone in the state all 13; Tabel 3.2's
# population includes those who enter or leave the group during the weeks, so the reproduced share
# falls short of the chain's. Measured on the default 200,000 persons (the calibration report,
# percentage points): the chain aims that much higher. Where the row is too small to measure
# (udh åbenlyst uddannelsesparate, ressourceforløb: standard error over 4 points) it takes the
# mean of its kind (uddannelseshjælp 2.5, the rest 2.0). The hours-based rate is unchanged: the
# share of weeks activated stays, the spells get shorter and more frequent. The udh åbenlyst
# uddannelsesparate still fell 4.4 and 5.9 points short on 1,000,000 and 200,000 persons with 2.5
# (their stays are short, so few of Tabel 3.2's population were there all 13 weeks): 7.
ACTIVATION_SHORTFALL = {
    "dagpenge": 3.8, "kth_jobparat": 2.6, "kth_aktivitetsparat": 1.3, "udh_aabenlyst": 7.0,
    "udh_uddannelsesparat": 3.0, "udh_aktivitetsparat": 2.0, "sygedagpenge": 3.8, "ressourceforloeb": 2.0,
}
# The same for the hours-based rate, where it fell short on both sizes (points: revalidering 2.3
# and 3.8, udh åbenlyst uddannelsesparate 2.6 and 4.0, on 1,000,000 and 200,000 persons).
ACTIVATION_GRAD_SHORTFALL = {"revalidering": 2.5, "udh_aabenlyst": 3.0}


def activation_params(andel: float, grad: float, period: int = 13) -> tuple[float, float, float]:
    """(share of weeks activated s, mean activation spell L in weeks, hours h).

    grad = s * h / 37, so s = grad * 37 / h, with h = 37 where those touched are
    activated most of the time (grad / andel > 0.75) and 30 otherwise. A stationary
    on/off chain is activated at some point in `period` weeks with probability
    1 - (1 - s)(1 - a)^(period - 1), a = s / ((1 - s) L): solve that = andel for L."""
    a_, g_ = andel / 100, grad / 100
    hours = 37.0 if g_ / a_ > 0.75 else 30.0
    share = g_ * 37 / hours
    start = 1 - ((1 - a_) / (1 - share)) ** (1 / (period - 1))
    return share, share / ((1 - share) * start), hours


def tail(a, min_weeks, mean):
    """P(A >= a) for the elapsed time A of people in the stock of a component whose
    durations are min_weeks + a geometric stay with the given mean (stationary)."""
    a = np.asarray(a, dtype=float)
    q = 1 - 1 / np.asarray(mean, dtype=float)
    inside = (min_weeks - a + mean) / (min_weeks + mean)
    beyond = mean * q ** np.maximum(a - min_weeks, 0) / (min_weeks + mean)
    return np.where(a <= min_weeks, inside, beyond)


def fit_components(p1: float, p5: float, short_mean: float) -> tuple[float, float, float, float]:
    """Fit (short_mean, long_min_weeks, long_mean, long_stock_share) so that the stock's
    elapsed-time tail has P(A >= 42) = p1 and P(A >= 208) = p5.

    The short component is geometric; the long one has a minimum stay (programmes such
    as revalidering last years, which a geometric tail cannot give together with a
    low five-year share). Of the fits that match, the one with the short mean closest
    to `short_mean` and the smallest minimum stay wins."""
    target = np.array([p1, p5])
    marks = np.array([LONG_1, LONG_5], dtype=float)
    ms = np.geomspace(1.5, 5_000, 90)
    d0 = np.array([0, 13, 26, 39, 52, 78, 104, 130, 156, 182, 208, 260], dtype=float)
    ml = np.geomspace(1.5, 60_000, 120)
    a = tail(marks, 0, ms[:, None])  # (S, 2)
    b = tail(marks, d0[:, None, None], ml[None, :, None])  # (D, L, 2)
    a = a[:, None, None, :]
    b = b[None]
    d = b - a
    dd = (d * d).sum(-1)
    v = np.clip(np.where(dd > 0, ((target - a) * d).sum(-1) / np.where(dd > 0, dd, 1), 0), 0, 1)
    err = (((a + v[..., None] * d) - target) ** 2).sum(-1)
    err = err + 1e-5 * np.log(ms / short_mean)[:, None, None] ** 2 + 1e-7 * d0[None, :, None]
    i, j, k = np.unravel_index(np.argmin(err), err.shape)
    return float(ms[i]), float(d0[j]), float(ml[k]), float(v[i, j, k])


ROUTED_CAP = 0.95  # at most this share of a state's leavers go straight to another benefit


def cap_routing(routing: np.ndarray, first: np.ndarray) -> np.ndarray:
    """routing (P(next = d | leaving s)) with no state routing more than ROUTED_CAP of its leavers;
    self-support makes up the rest of each destination's inflow. Where the declared shares ask
    more of a state, its moves to the other destinations give way first, those to `first` (the
    programmes for those far from work) only if they alone ask more. Sygedagpenge and kontanthjælp's
    aktivitetsparate are asked for 108 % and 114 % of their leavers; cut evenly, ressourceforløb got
    84 % of its inflow from them where INFLOW_FROM gives 95 %, and 16.5 % from self-support."""
    out = routing.copy()
    excess = np.maximum(out.sum(1) - ROUTED_CAP, 0)
    others = out[:, ~first].sum(1)
    give = np.where(others > 0, 1 - np.minimum(excess, others) / np.maximum(others, 1e-15), 1)
    out[:, ~first] *= give[:, None]
    total = out.sum(1)
    return out * np.where(total > ROUTED_CAP, ROUTED_CAP / np.maximum(total, 1e-15), 1)[:, None]


@dataclass
class Chain:
    """The hidden-state Markov chain, ready to simulate.

    Hidden state 0 is self-support; state 1 + 2*i + k is component k of STATES[i].
    """

    states: tuple[State, ...]
    means: np.ndarray  # (S, 2) mean of the geometric part of a stay, weeks
    min_weeks: np.ndarray  # (S, 2) minimum stay before the geometric part (0 for the short component)
    long_share: np.ndarray  # (S,) stock share of the long component
    entry_hazard: np.ndarray  # (S,) weekly probability that a self-supporting person enters s
    routing: np.ndarray  # (S, S) probability that a person leaving s goes straight to d
    long_routed: np.ndarray = None  # (S,) share of the long component's leavers routed (0: as the short)
    flow_short: np.ndarray = None  # (S,) stationary weekly outflow of each component
    flow_long: np.ndarray = None
    levels: dict = None  # group or part -> {year: factor on the entries into its states} (LEVEL_GROUPS, LEVEL_PARTS)
    long_exit: dict = None  # {year: factor on the long-stay exit of LONG_EXIT_STATES}, beyond LONG_EXIT_FROM
    mix: dict = None  # state -> constant factor on its entries within its group (mixed_states)
    exit_levels: dict = None  # state -> {year: factor on its weekly exit} (EXIT_LEVELS)

    @classmethod
    def build(cls, targets: dict[str, tuple[float, float]] | None = None,
              levels: dict[str, dict[int, float]] | None = None,
              long_exit: dict[int, float] | None = None, mix: dict[str, float] | None = None,
              exit_levels: dict[str, dict[int, float]] | None = None) -> "Chain":
        targets = targets if targets is not None else load_effective_targets()
        levels = levels if levels is not None else load_levels()
        long_exit = long_exit if long_exit is not None else load_long_exit()
        exit_levels = exit_levels if exit_levels is not None else load_exit_levels()
        mix = mix if mix is not None else load_mix()
        states = STATES
        means = np.zeros((len(states), 2))
        min_weeks = np.zeros((len(states), 2))
        long_share = np.zeros(len(states))
        for i, s in enumerate(states):
            p1, p5 = targets.get(s.name, (s.p1, s.p5))
            ms, d0, ml, v = fit_components(p1, p5, s.short_mean)
            means[i] = ms, ml
            min_weeks[i] = 0, d0
            long_share[i] = v
        pi = np.array([s.stock for s in states]) / POPULATION_16_64
        stay = means + min_weeks
        flow = pi * ((1 - long_share) / stay[:, 0] + long_share / stay[:, 1])
        index = {s.name: i for i, s in enumerate(states)}
        routing = np.zeros((len(states), len(states)))  # P(next = dst | leaving src)
        for dst, sources in INFLOW_FROM.items():
            for src, share in sources.items():
                routing[index[src], index[dst]] = share * flow[index[dst]] / flow[index[src]]
        routing = cap_routing(routing, np.array([s.name in ROUTED_FIRST for s in states]))
        from_o = flow - routing.T @ flow
        # who is routed: the same flow out of s, but the long component's leavers first (Nye veje mod job (2015)
        # prose: 19 % of kth leavers under one year go to other support, 74 % over five)
        flow_s = pi * (1 - long_share) / stay[:, 0]
        flow_l = pi * long_share / stay[:, 1]
        long_routed = np.zeros(len(states))
        for name, share in LONG_ROUTED.items():
            i = index[name]
            total = routing[i].sum() * flow[i]
            long_routed[i] = min(share, total / max(flow_l[i], 1e-15), 0.95) if total > 0 else 0
        return cls(states, means, min_weeks, long_share, from_o / (1 - pi.sum()), routing, long_routed,
                   flow_s, flow_l, levels, long_exit, mix, exit_levels)

    def factors(self, year: int, week: int | None = None) -> np.ndarray:
        """(S,) the year's factor on the entries into each state (1 where no level is fitted); with a
        week (weeks.parse_week), 0 for the states not yet in force then (IN_FORCE_FROM)."""
        out = np.ones(len(self.states))
        index = {s.name: i for i, s in enumerate(self.states)}
        if week is not None:
            out[[index[n] for n, w in IN_FORCE_FROM.items() if weeks.parse_week(w) > week]] = 0.0
        for group, names in LEVEL_GROUPS.items():
            by_year = (self.levels or {}).get(group)
            if not by_year:
                continue
            # between two fitted years on the line; before the first and after the last as the nearest
            out[[index[n] for n in names]] *= on_the_line(by_year, year)
        for part, (_, names, first) in LEVEL_PARTS.items():
            by_year = (self.levels or {}).get(part)
            if by_year and year >= first:  # after its last fitted year as the last
                out[[index[n] for n in names]] *= on_the_line(by_year, year)
        for name, f in (self.mix or {}).items():
            out[index[name]] *= f
        return out

    def entry_in(self, year: int, week: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The year's exit probabilities (self-support's entry hazard scaled by the year's factors)
        and destination distribution (Chain.destinations), in a week if given (IN_FORCE_FROM)."""
        f = self.factors(year, week)
        exit_prob = self.exit_prob.copy()
        exit_prob[0] = (self.entry_hazard * f).sum()
        long = [2 + 2 * i for i, s in enumerate(self.states) if s.name in LONG_EXIT_STATES]
        exit_prob[long] = np.minimum(exit_prob[long] * self.exit_factor(year), 1.0)
        for i, s in enumerate(self.states):
            by_year = (self.exit_levels or {}).get(s.name)
            if by_year and year >= min(by_year):  # 1 before its first fitted year, its last's after
                at = [1 + 2 * i, 2 + 2 * i]
                exit_prob[at] = np.minimum(exit_prob[at] * on_the_line(by_year, year), 1.0)
        return exit_prob, self.destinations(f)

    def exit_factor(self, year: int) -> float:
        """The factor on LONG_EXIT_STATES' long-stay exit in a year: 1 up to LONG_EXIT_FROM, then on
        the line to the fitted years' (the last one's after them)."""
        if not self.long_exit or year <= LONG_EXIT_FROM:
            return 1.0
        return on_the_line({LONG_EXIT_FROM: 1.0, **self.long_exit}, year)

    def start_in(self, year: int, week: int | None = None) -> np.ndarray:
        """(H,) the distribution of the first week: the stationary one with each state's stock scaled by
        its entry factor in the extract's first year (in equilibrium a stock is in proportion to its
        entry; nobody in a state not yet in force in the first week), self-support taking the rest."""
        out = self.stationary.copy()
        out[1:] *= np.repeat(self.factors(year, week), 2)
        out[0] = max(1 - out[1:].sum(), 0)
        return out / out.sum()

    @property
    def n_hidden(self) -> int:
        return 1 + 2 * len(self.states)

    def entry_weights(self) -> np.ndarray:
        """(S, 2): which component a person entering s lands in (inflow balance)."""
        stay = self.means + self.min_weeks
        w = np.stack([(1 - self.long_share) / stay[:, 0], self.long_share / stay[:, 1]], 1)
        return w / w.sum(1, keepdims=True)

    @cached_property
    def public_support(self) -> np.ndarray:
        """(S,) whether each state is public support (not NOT_SUPPORT)."""
        return np.array([s.name not in NOT_SUPPORT for s in self.states])

    @cached_property
    def routed_in(self) -> np.ndarray:
        """(S,) the share of each state's stationary inflow routed straight from public support."""
        flow, public = self.flow_short + self.flow_long, self.public_support
        return (self.routing[public].T @ flow[public]) / flow

    def entry_weights_by_origin(self) -> tuple[np.ndarray, np.ndarray]:
        """(the others, routed from public support), each (S, 2): entry_weights with the odds of the long
        component of an entrant straight from public support ROUTED_LONG_ODDS times the others'; in
        proportion to the stationary inflows they give entry_weights."""
        a = self.entry_weights()[:, 1]
        odds = np.array([ROUTED_LONG_ODDS.get(s.name, 1.0) for s in self.states])
        rho = np.clip(self.routed_in, 0.0, 1.0)  # the share of each state's inflow routed from public support
        lo, hi = np.zeros_like(a), np.ones_like(a)
        for _ in range(60):  # the mixture rises with the self-supporting share: bisect it
            p = (lo + hi) / 2
            mixed = rho * odds * p / (1 - p + odds * p) + (1 - rho) * p
            lo, hi = np.where(mixed < a, p, lo), np.where(mixed < a, hi, p)
        p = (lo + hi) / 2
        routed = odds * p / (1 - p + odds * p)
        return np.stack([1 - p, p], 1), np.stack([1 - routed, routed], 1)

    @cached_property
    def stationary(self) -> np.ndarray:
        pi = np.array([s.stock for s in self.states]) / POPULATION_16_64
        out = np.zeros(self.n_hidden)
        out[0] = 1 - pi.sum()
        out[1::2] = pi * (1 - self.long_share)
        out[2::2] = pi * self.long_share
        return out

    @cached_property
    def exit_prob(self) -> np.ndarray:
        """(H,) weekly probability of leaving each hidden state once its minimum stay is over."""
        out = np.zeros(self.n_hidden)
        out[0] = self.entry_hazard.sum()
        out[1:] = (1 / self.means).reshape(-1)
        return out

    @cached_property
    def activation(self) -> np.ndarray:
        """(S, 3): share of weeks activated, mean activation spell (weeks), hours per week."""
        out = np.zeros((len(self.states), 3))
        for i, s in enumerate(self.states):
            if s.name in ACTIVATION_TARGETS and s.activation:
                andel, grad = ACTIVATION_TARGETS[s.name]
                out[i] = activation_params(andel + ACTIVATION_SHORTFALL.get(s.name, 0.0),
                                           grad + ACTIVATION_GRAD_SHORTFALL.get(s.name, 0.0))
            else:
                out[i] = s.activation_share, DEFAULT_ACTIVATION_WEEKS, DEFAULT_ACTIVATION_HOURS
        return out

    @cached_property
    def activation_wait(self) -> np.ndarray:
        """(S,) weeks into a new stay before offers can start (ACTIVATION_WAIT)."""
        return np.array([ACTIVATION_WAIT.get(s.name, 0) for s in self.states], dtype=np.int16)

    @cached_property
    def activation_by_anciennity(self) -> np.ndarray:
        """(S, W + 1): the factor on a state's weekly chance to start an offer after w weeks in its
        family (ACTIVATION_BY_ANCIENNITY), w capped at W, the last bound given."""
        bounds = [b for steps in ACTIVATION_BY_ANCIENNITY.values() for b, _ in steps if b is not None]
        out = np.ones((len(self.states), max(bounds, default=0) + 1))
        for i, s in enumerate(self.states):
            lo = 0
            for until, factor in ACTIVATION_BY_ANCIENNITY.get(s.name, ()):
                out[i, lo:until] = factor
                lo = until if until is not None else out.shape[1]
        return out

    @cached_property
    def family(self) -> np.ndarray:
        """(S + 1,) the family of each state as the pipeline's anciennity has it: its passive code's
        category (dream_codes.csv) and that category's family (categories.csv: kontanthjælp and
        uddannelseshjælp are one, revalidering and forrevalidering one); a state whose category has
        none is a family of its own. The last entry, -1, is off benefit (a state index of -1)."""
        from pipeline.synth.jobindsats import category_codes, category_families

        category = {code: c for c, codes in category_codes().items() for code in codes}
        family = category_families()
        names = [family.get(category.get(s.code), s.name) for s in self.states]
        return np.append(np.unique(names, return_inverse=True)[1], -1).astype(np.int16)

    @cached_property
    def entry_offer(self) -> np.ndarray:
        """(S,) the chance that a new stay in the state begins with an activation offer (ENTRY_OFFER)."""
        return np.array([ENTRY_OFFER.get(s.name, 0.0) for s in self.states])

    @cached_property
    def hidden_min_weeks(self) -> np.ndarray:
        """(H,) minimum stay of each hidden state, weeks."""
        return np.concatenate([[0], self.min_weeks.reshape(-1)]).astype(np.int32)

    @cached_property
    def destination_cdf(self) -> np.ndarray:
        """(H, H): cumulative distribution of the next hidden state, given a move (every factor 1)."""
        return self.destinations(np.ones(len(self.states)))

    def destinations(self, factors: np.ndarray) -> np.ndarray:
        """(H, H): destination_cdf with the entries into each state scaled by its factor (a year's
        levels): from self-support by the entry weights, and the routed moves from another benefit,
        whose shortfall or excess is made up by leaving to self-support."""
        h = self.n_hidden
        ew, ew_routed = self.entry_weights_by_origin()
        dest = np.zeros((h, h))
        # from self-support: into state s, component by entry weight
        into = (self.entry_hazard * factors)[:, None] * ew
        if into.sum() > 0:
            dest[0, 1:] = into.reshape(-1) / into.sum()
        for i in range(len(self.states)):
            # a leaver of public support enters the long component more often (ROUTED_LONG_ODDS)
            into_component = ew_routed if self.public_support[i] else ew
            per_leaver = (self.routing[i], self.routing[i])  # P(straight to d | leaving s), short and long
            if self.long_routed is not None and self.long_routed[i] > 0 and self.routing[i].sum() > 0:
                per_leaver = self._routed_by_component(i)
            for k, p in enumerate(per_leaver):
                row = np.zeros(h)
                row[1:] = ((p * factors)[:, None] * into_component).reshape(-1)
                routed = row[1:].sum()
                if routed > 1:
                    row[1:] /= routed
                row[0] = 1 - min(routed, 1.0)
                dest[1 + 2 * i + k] = row
        return np.cumsum(dest, axis=1)

    def _routed_by_component(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """(short, long): P(straight to d | leaving s from that component). The long component routes
        long_routed of its leavers, to LONG_DESTINATIONS first; the short one the rest of each
        destination's routed flow, so that every destination keeps its inflow from s."""
        fs, fl = self.flow_short[i], self.flow_long[i]
        flow = self.routing[i] * (fs + fl)  # routed weekly flow from s to each destination
        budget = self.long_routed[i] * fl
        first = flow * np.array([d.name in LONG_DESTINATIONS for d in self.states])
        long_flow = first * min(1.0, budget / first.sum()) if first.sum() > 0 else np.zeros_like(flow)
        rest, others = budget - long_flow.sum(), flow - long_flow
        if rest > 0 and others.sum() > 0:
            long_flow = long_flow + others * min(1.0, rest / others.sum())
        return np.maximum(flow - long_flow, 0) / fs, long_flow / fl

    @cached_property
    def hidden_to_state(self) -> np.ndarray:
        """(H,) index into STATES, -1 for self-support."""
        return np.concatenate([[-1], np.repeat(np.arange(len(self.states)), 2)])


def _model_file() -> dict:
    """The fitted model file as written by pipeline.synth.calibrate ({} before the first fit)."""
    return json.loads(MODEL_FILE.read_text(encoding="utf-8")) if MODEL_FILE.exists() else {}


def load_effective_targets() -> dict[str, tuple[float, float]]:
    return {k: tuple(v) for k, v in _model_file().get("effective_targets", {}).items()}


def on_the_line(by_year: dict[int, float], year: int) -> float:
    """A yearly factor in a year: between two fitted years on the line, before the first and after
    the last as the nearest."""
    years = sorted(by_year)
    return float(np.interp(year, years, [by_year[y] for y in years]))


def load_exit_levels() -> dict[str, dict[int, float]]:
    return {s: {int(y): f for y, f in ys.items()} for s, ys in _model_file().get("exit_levels", {}).items()}


def load_long_exit() -> dict[int, float]:
    return {int(y): f for y, f in _model_file().get("long_exit", {}).items()}


def load_mix() -> dict[str, float]:
    return dict(_model_file().get("entry_mix", {}))


def load_levels() -> dict[str, dict[int, float]]:
    return {g: {int(y): f for y, f in ys.items()} for g, ys in _model_file().get("entry_levels", {}).items()}
