"""The hand-computed fixture population for Tabel 3.1, spells and anciennity.

Reference week R = 2014-W20. The extract runs 2009-W01 ... 2014-W30. Every person is
a list of (DREAM code, first week, last week). The comment on each says which row of
Tabel 3.1 it lands in and why, with the week arithmetic.
"""

from datetime import timedelta

from pipeline import weeks

R = weeks.parse_week("2014-W20")
FIRST = weeks.parse_week("2009-W01")
LAST = weeks.parse_week("2014-W30")
A = weeks.parse_week("2012-W10")  # start of the spell examples

PERSONS = {
    # sygedagpenge at R; 890 in R-42 ... R: the 52-week window R-52 ... R-1 holds 42 support weeks -> >= 42: long 1 year
    "P01": [(890, R - 42, R)],
    # sygedagpenge at R; 41 support weeks in the window -> not long-term (the boundary)
    "P02": [(890, R - 41, R)],
    # udh 140 at R with a record 'aabenlyst_uddannelsesparat' covering R's Monday -> udh_aabenlyst; 10 weeks -> no/no
    "P03": [(140, R - 10, R)],
    # udh 140 at R, no record -> block default uddannelsesparat; 140 in R-260 ... R: 52 of 52 and 260 of 260 -> yes/yes
    "P04": [(140, R - 260, R)],
    # udh 720 at R -> udh_aktivitetsparat; dagpenge R-208 ... R-53 (156 weeks) + 720 R-52 ... R (52 before R):
    # 5-year window 156 + 52 = 208 >= 208 -> yes (the boundary); 1 year 52 -> yes
    "P05": [(111, R - 208, R - 53), (720, R - 52, R)],
    # kth 130 at R but a record 'aktivitetsparat' covers R's Monday -> kth_aktivitetsparat (visitation wins); 30 weeks -> no/no
    "P06": [(130, R - 30, R)],
    # kth 130 at R, no record -> kth_jobparat; 130 in R-207 ... R: 52 -> yes, 207 < 208 -> no
    "P07": [(130, R - 207, R)],
    # kth 730 at R; a record 'jobparat' covers only R-60 ... R-21 -> block default at R: kth_aktivitetsparat.
    # Support in R-52 ... R-1: R-52 ... R-21 (32 weeks) + R-10 ... R-1 (10 weeks) = 42 (SU 651 is not support) -> yes
    "P08": [(730, R - 60, R - 21), (651, R - 20, R - 11), (730, R - 10, R)],
    # arbejdsmarkedsydelse since R-52: 52 -> yes; 52 < 208 -> no
    "P09": [(152, R - 52, R)],
    # særlig uddannelsesydelse at R; rotationsvikar (522, public support) R-100 ... R-1: 52 -> yes, 100 -> no
    "P10": [(522, R - 100, R - 1), (151, R, R)],
    # revalidering at R; forrevalidering R-260 ... R-1 (public support): yes/yes
    "P11": [(750, R - 260, R - 1), (760, R, R)],
    # ressourceforløb at R; integrationsydelse (700, NOT public support) R-100 ... R-1: no/no
    "P12": [(700, R - 100, R - 1), (810, R, R)],
    # fleksjob at R; ledighedsydelse 740 from before the 5-year window: yes/yes
    "P13": [(740, R - 270, R - 1), (771, R, R)],
    # ledighedsydelse (activation code 745) at R; 774 (fleksjob) R-45 ... R-1: 45 -> yes; no
    "P14": [(774, R - 45, R - 1), (745, R, R)],
    # førtidspension since the extract's first week: yes/yes
    "P15": [(783, FIRST, LAST)],
    # dagpenge at R: no row of Tabel 3.1
    "P16": [(111, R - 5, R + 5)],
    # blank at R (kth before): not counted. Its visitation record covers no Monday.
    "P17": [(130, R - 30, R - 1)],
    # unknown code 555 at R: category 'ukendt', not counted, reported
    "P18": [(555, R - 2, R + 1)],
    # 997 (emigrated) at R: category 'andet', not counted
    "P19": [(997, R, LAST)],
    # udh 140 at R with a record 'aktivitetsparat' ending on R's Monday -> udh_aktivitetsparat; 3 weeks -> no/no
    "P20": [(140, R - 3, R)],
    # --- spells (not in any row at R) ---
    # kth A ... A+9, 3 blank weeks, kth A+13 ... A+20: the gap is bridged -> one spell A ... A+20, 18 weeks on benefit
    "S01": [(130, A, A + 9), (130, A + 13, A + 20)],
    # a 4-week gap splits: spells A ... A+9 and A+14 ... A+20
    "S02": [(130, A, A + 9), (130, A + 14, A + 20)],
    # running in the extract's first week: left-censored spell FIRST ... FIRST+9
    "S03": [(130, FIRST, FIRST + 9)],
    # udh 140 R-99 ... R-50 then kth 130 R-49 ... R-3 (family kth_udh pooled), blank R-2 ... R+1 (4 weeks: but
    # the spell goes on at R+2), kth R+2 ... R+5. The gap R-2 ... R+1 is 4 weeks -> two spells; in a 3-week
    # variant S05 it would be bridged. Anciennity at R: S05 only.
    "S04": [(140, R - 99, R - 50), (130, R - 49, R - 3), (130, R + 2, R + 5)],
    # udh R-99 ... R-50, kth R-49 ... R-2, blank R-1 ... R+1 (3 weeks, bridged), kth R+2 ... R+5:
    # one spell R-99 ... R+5; anciennity at R = R - (R-99) + 1 = 100; not on the benefit at R itself
    "S05": [(140, R - 99, R - 50), (130, R - 49, R - 2), (130, R + 2, R + 5)],
    # sygedagpenge then kth with no gap: two families, two spells, neither bridged into the other
    "S06": [(890, A, A + 4), (130, A + 5, A + 8)],
}


def monday(w):
    return weeks.monday(w)


VISITATION = [
    {"pnr": "P03", "fra_dato": monday(R - 10), "til_dato": monday(R) + timedelta(days=6), "ydelse": "udh",
     "kategori": "aabenlyst_uddannelsesparat"},
    # dated a Saturday: the first Monday it covers is R-5's
    {"pnr": "P06", "fra_dato": monday(R - 5) - timedelta(days=2), "til_dato": None, "ydelse": "kth",
     "kategori": "aktivitetsparat"},
    {"pnr": "P08", "fra_dato": monday(R - 60), "til_dato": monday(R - 21) + timedelta(days=6), "ydelse": "kth",
     "kategori": "jobparat"},
    # Tuesday to Sunday of one week: covers no Monday, applies to no week
    {"pnr": "P17", "fra_dato": monday(R - 10) + timedelta(days=1), "til_dato": monday(R - 10) + timedelta(days=6),
     "ydelse": "kth", "kategori": "aktivitetsparat"},
    {"pnr": "P20", "fra_dato": monday(R - 3), "til_dato": monday(R), "ydelse": "udh", "kategori": "aktivitetsparat"},
    # a person not in DREAM: counted in the data-quality section
    {"pnr": "X99", "fra_dato": monday(R - 3), "til_dato": None, "ydelse": "kth", "kategori": "jobparat"},
]

# (antal, antal_1aar, antal_5aar) per row, from the comments above
EXPECTED = {
    "sygedagpenge": (2, 1, 0),  # P01 yes/no, P02 no/no
    "udh_aabenlyst_uddannelsesparat": (1, 0, 0),  # P03
    "udh_uddannelsesparat": (1, 1, 1),  # P04
    "udh_aktivitetsparat": (2, 1, 1),  # P05 yes/yes, P20 no/no
    "kth_jobparat": (1, 1, 0),  # P07
    "kth_aktivitetsparat": (2, 1, 0),  # P06 no/no, P08 yes/no
    "arbejdsmarkedsydelse": (1, 1, 0),  # P09
    "saerlig_uddannelsesydelse": (1, 1, 0),  # P10
    "revalidering": (1, 1, 1),  # P11
    "ressourceforloeb": (1, 0, 0),  # P12
    "fleksjob": (1, 1, 1),  # P13
    "ledighedsydelse": (1, 1, 0),  # P14
    "foertidspension": (1, 1, 1),  # P15
    # 2+1+1+2+1+2+1+1+1+1+1+1+1 = 16; 1+0+1+1+1+1+1+1+1+0+1+1+1 = 11; 0+0+1+1+0+0+0+0+1+0+1+0+1 = 5
    "i_alt": (16, 11, 5),
    "i_alt_uden_foertidspension": (15, 10, 4),  # i_alt minus P15
}
