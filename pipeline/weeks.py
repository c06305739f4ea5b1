"""ISO weeks as integers.

Every table in the warehouse stores weeks as a *week index*: the number of whole
weeks since Monday 1990-01-01, which is the first day of ISO week 1990-W01. Adding
and subtracting weeks is then plain integer arithmetic, and runs of weeks are
[w_from, w_to] intervals. A week belongs to the month, quarter and year of its
Thursday (the ISO rule), so those are derived from the Thursday.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

EPOCH = date(1990, 1, 1)  # Monday of ISO week 1990-W01
_LABEL = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)
_WIDE = re.compile(r"^y_(\d{2})(\d{2})$", re.IGNORECASE)
_YEARLY = re.compile(r"^y_(\d{2})$", re.IGNORECASE)


class WeekError(ValueError):
    """A week label or column name that is not a real ISO week."""


def weeks_in_year(year: int) -> int:
    """52 or 53: 28 December always lies in the last ISO week of its year."""
    return date(year, 12, 28).isocalendar().week


def week_index(year: int, week: int) -> int:
    if not 1 <= week <= weeks_in_year(year):
        raise WeekError(f"{year} has no ISO week {week} (it has {weeks_in_year(year)})")
    return (date.fromisocalendar(year, week, 1) - EPOCH).days // 7


def parse_week(label: str) -> int:
    """'2014-W20' (or '2014W20') -> week index."""
    m = _LABEL.match(str(label))
    if not m:
        raise WeekError(f"'{label}' is not an ISO week like 2014-W20")
    return week_index(int(m.group(1)), int(m.group(2)))


def monday(index: int) -> date:
    return EPOCH + timedelta(weeks=int(index))


def thursday(index: int) -> date:
    return monday(index) + timedelta(days=3)


def iso(index: int) -> tuple[int, int]:
    y, w, _ = monday(index).isocalendar()
    return y, w


def label(index: int) -> str:
    y, w = iso(index)
    return f"{y}-W{w:02d}"


def week_of_date(d: date) -> int:
    """Index of the ISO week that contains the day d."""
    return (d - EPOCH).days // 7


def first_week_with_monday_on_or_after(d: date) -> int:
    return -((EPOCH - d).days // 7)  # ceil((d - EPOCH) / 7)


def two_digit_year(yy: int) -> int:
    """DREAM's week columns: YY >= 90 is 19YY, otherwise 20YY."""
    return 1900 + yy if yy >= 90 else 2000 + yy


def parse_wide_column(name: str) -> int:
    """'y_1401' -> index of 2014-W01 (the week starting Monday 2013-12-30)."""
    m = _WIDE.match(name)
    if not m:
        raise WeekError(f"column '{name}' is not a week column like y_1401")
    return week_index(two_digit_year(int(m.group(1))), int(m.group(2)))


def parse_yearly_column(name: str) -> int:
    """'y_07' -> 7 (the week number within the file's year)."""
    m = _YEARLY.match(name)
    if not m or not 1 <= int(m.group(1)) <= 53:
        raise WeekError(f"column '{name}' is not a week column y_01 … y_53")
    return int(m.group(1))


def wide_column(index: int) -> str:
    y, w = iso(index)
    return f"y_{y % 100:02d}{w:02d}"


def quarter_label(index: int) -> str:
    t = thursday(index)
    return f"{t.year}Q{(t.month - 1) // 3 + 1}"


def quarter_weeks(quarter: str) -> tuple[int, int]:
    """'2014Q2' (or '2014K2') -> (first, last) week index of the weeks whose Thursday is in it."""
    m = re.match(r"^\s*(\d{4})[QK]([1-4])\s*$", quarter, re.IGNORECASE)
    if not m:
        raise WeekError(f"'{quarter}' is not a quarter like 2014Q2")
    y, q = int(m.group(1)), int(m.group(2))
    start = date(y, 3 * q - 2, 1)
    end = date(y + (q == 4), 1 if q == 4 else 3 * q + 1, 1) - timedelta(days=1)
    first = week_of_date(start) + (thursday(week_of_date(start)) < start)
    last = week_of_date(end) - (thursday(week_of_date(end)) > end)
    return first, last


_DK_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_DK_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")


def danish(value):
    """A period as Danish statistics write it, for what a reader sees: 2014-W20 -> uge 20 2014,
    2014Q2 -> 2014K2; anything else as it is. Files for machines keep the ISO forms."""
    if not isinstance(value, str):
        return value
    if (m := _DK_WEEK.match(value)):
        return f"uge {int(m.group(2))} {m.group(1)}"
    if (m := _DK_QUARTER.match(value)):
        return f"{m.group(1)}K{m.group(2)}"
    return value
