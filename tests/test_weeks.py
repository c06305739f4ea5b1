from datetime import date

import pytest

from pipeline import weeks


def test_y_1401_is_the_week_starting_monday_2013_12_30():
    w = weeks.parse_wide_column("y_1401")
    assert weeks.monday(w) == date(2013, 12, 30)
    assert weeks.label(w) == "2014-W01"
    # the week before is the last week of 2013: 2013 has 52 ISO weeks
    assert weeks.label(w - 1) == "2013-W52"


def test_two_digit_years_90_and_later_are_1900s():
    assert weeks.monday(weeks.parse_wide_column("y_9001")) == date(1990, 1, 1)  # the epoch, week index 0
    assert weeks.parse_wide_column("y_9001") == 0
    assert weeks.iso(weeks.parse_wide_column("y_0001"))[0] == 2000


def test_week_53_exists_only_in_long_years():
    assert weeks.weeks_in_year(2015) == 53 and weeks.weeks_in_year(2020) == 53
    assert weeks.weeks_in_year(2014) == 52 and weeks.weeks_in_year(2026) == 53
    w = weeks.parse_wide_column("y_1553")
    assert weeks.monday(w) == date(2015, 12, 28)
    assert weeks.label(w + 1) == "2016-W01"  # Monday 2016-01-04
    with pytest.raises(weeks.WeekError):
        weeks.parse_wide_column("y_1453")
    with pytest.raises(weeks.WeekError):
        weeks.parse_wide_column("y_1400")
    with pytest.raises(weeks.WeekError):
        weeks.parse_week("2014-W54")


def test_a_week_belongs_to_the_quarter_of_its_thursday():
    # 2019-W01 starts Monday 2018-12-31; its Thursday is 2019-01-03
    assert weeks.quarter_label(weeks.parse_week("2019-W01")) == "2019Q1"
    # 2015-W53: Monday 2015-12-28, Thursday 2015-12-31
    assert weeks.quarter_label(weeks.parse_week("2015-W53")) == "2015Q4"
    # 2014-W27: Monday 2014-06-30, Thursday 2014-07-03 -> third quarter
    assert weeks.quarter_label(weeks.parse_week("2014-W27")) == "2014Q3"


def test_week_arithmetic_across_a_53_week_year():
    # 2014-W20 minus 260 weeks: 2010-W20 is -208 (2010-2013 have 52 weeks each),
    # 2009 has 53 weeks, so -260 lands on 2009-W21, not 2009-W20
    r = weeks.parse_week("2014-W20")
    assert weeks.label(r - 208) == "2010-W20"
    assert weeks.label(r - 260) == "2009-W21"


def test_date_to_week():
    assert weeks.week_of_date(date(2014, 5, 18)) == weeks.parse_week("2014-W20")  # a Sunday
    assert weeks.week_of_date(date(2014, 5, 12)) == weeks.parse_week("2014-W20")  # its Monday
    # first week whose Monday is on or after a Tuesday is the next week
    assert weeks.first_week_with_monday_on_or_after(date(2014, 5, 13)) == weeks.parse_week("2014-W21")
    assert weeks.first_week_with_monday_on_or_after(date(2014, 5, 12)) == weeks.parse_week("2014-W20")


def test_periods_read_as_danish_statistics_write_them():
    from pipeline.report.catalogue import Params

    assert weeks.danish("2014-W20") == "uge 20 2014" and weeks.danish("2015-W01") == "uge 1 2015"
    assert weeks.danish("2014Q2") == "2014K2"
    assert [weeks.danish(v) for v in ("2014", "2021M01", "2020QMAT02", "kth", 2013)] == \
        ["2014", "2021M01", "2020QMAT02", "kth", 2013]  # a year, a month, a moving total, a code: as they are
    p = Params({"reference_week": "2014-W20", "company_quarter": "2014Q2", "cohort_year": 2012})
    assert "Bilag 3.8, {reference_week}; {company_quarter}; {cohort_year}; {ukendt}".format_map(p) == \
        "Bilag 3.8, uge 20 2014; 2014K2; 2012; {ukendt}"
    assert "{company_quarter}".format_map(p.machine()) == "2014Q2"  # filters compare with the stored value
