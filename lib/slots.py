"""Weekly availability: weekday × time band, stored as slot codes such as ``"wed_pm"``.

The matcher wants a bitmask (bit ``day * 3 + band``); this module is the only place that knows
the mapping, so the API, the pages, the engine and the benchmarks cannot disagree about it.
Django-free: the models, the engine and the pages all import it.
"""

from collections.abc import Iterable
from datetime import date

WEEKDAYS = (
    ("mon", "月"),
    ("tue", "火"),
    ("wed", "水"),
    ("thu", "木"),
    ("fri", "金"),
    ("sat", "土"),
    ("sun", "日"),
)
BANDS = (("am", "午前"), ("pm", "午後"), ("night", "夜間"))

SLOT_CHOICES = [
    (f"{day}_{band}", f"{day_label}曜・{band_label}")
    for day, day_label in WEEKDAYS
    for band, band_label in BANDS
]
SLOT_CODES = frozenset(code for code, _ in SLOT_CHOICES)
_DAY_INDEX = {day: i for i, (day, _) in enumerate(WEEKDAYS)}
_BAND_INDEX = {band: i for i, (band, _) in enumerate(BANDS)}


def bit(day: int, band: int) -> int:
    """The bit of weekday ``day`` (0 = Monday) in band ``band`` (0 morning, 1 afternoon, 2 night)."""
    return 1 << (day * 3 + band)


ALL_SLOTS = (1 << (len(WEEKDAYS) * len(BANDS))) - 1


def slot_bit(code: str) -> int:
    day, band = code.split("_")
    return bit(_DAY_INDEX[day], _BAND_INDEX[band])


def slots_to_mask(codes: Iterable[str]) -> int:
    mask = 0
    for code in codes:
        mask |= slot_bit(code)
    return mask


def slot_groups(weekdays: Iterable[int], band: int | None = None) -> tuple[int, ...]:
    """The availability a request needs, as groups for ``Query.required_slots``.

    One group per distinct weekday (0 = Monday) of the request's dates: the slot of ``band``
    (0 morning, 1 afternoon, 2 night) on that day, or any of its three bands when the request
    names none. With no dates but a band, one group: that band on any day. Neither: no need.
    A row passes when its availability meets every group (bit ``day * 3 + band``).
    """
    bands = (0, 1, 2) if band is None else (band,)
    days = sorted(set(weekdays))
    if not days:
        if band is None:
            return ()
        return (sum(bit(day, band) for day in range(7)),)
    return tuple(sum(bit(day, b) for b in bands) for day in days)


def request_slot_groups(dates: Iterable[date], time_band: str) -> tuple[int, ...]:
    """What a request needs of a person's week, as masks that must each be met (one per date's
    weekday; see slot_groups)."""
    band = _BAND_INDEX[time_band] if time_band else None
    return slot_groups((d.weekday() for d in dates), band)


_SLOT_BITS = tuple((code, slot_bit(code)) for code, _ in SLOT_CHOICES)


def mask_to_slots(mask: int) -> list[str]:
    return [code for code, slot in _SLOT_BITS if mask & slot]


def request_slots(dates: Iterable[date], time_band: str) -> list[str]:
    """The slots a request's dates need, as codes for display: each date's weekday, in its band
    (every band if none); nothing without dates."""
    dates = list(dates)
    if not dates:
        return []
    mask = 0
    for group in request_slot_groups(dates, time_band):
        mask |= group
    return mask_to_slots(mask)


def slots_of(*, weekday: str | None = None, time_band: str | None = None) -> list[str]:
    """The slot codes of one weekday (any band) or one band (any weekday): the filters that
    find people free at some time that day, or on some day in that band."""
    codes = []
    for code, _ in SLOT_CHOICES:
        day, band = code.split("_")
        if weekday in (None, day) and time_band in (None, band):
            codes.append(code)
    return codes
