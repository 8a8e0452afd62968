"""Weekly availability: weekday × time band, stored as slot codes such as ``"wed_pm"``.

The matcher wants a bitmask (bit ``day * 3 + band``); this module is the only place that knows
the mapping, so the API, the pages and the engine cannot disagree about it.
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


def slot_bit(code: str) -> int:
    day, band = code.split("_")
    return 1 << (_DAY_INDEX[day] * 3 + _BAND_INDEX[band])


def slots_to_mask(codes: Iterable[str]) -> int:
    mask = 0
    for code in codes:
        mask |= slot_bit(code)
    return mask


def request_slot_groups(dates: Iterable[date], time_band: str) -> tuple[int, ...]:
    """What a request needs of a person's week, as masks that must each be met (one per date's
    weekday; see matching.engine.attributes.slot_groups)."""
    from matching.engine.attributes import slot_groups

    band = _BAND_INDEX[time_band] if time_band else None
    return slot_groups((d.weekday() for d in dates), band)


def mask_to_slots(mask: int) -> list[str]:
    return [code for code, _ in SLOT_CHOICES if mask & slot_bit(code)]


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
