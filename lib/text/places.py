"""Places and times a request names in its own words: 「南公民館で」「木曜の午前か土曜の午前」.

Many requests arrive with the place and the time only in the text (a paper form typed in, a
date not fixed yet). The matcher uses what is found as a preference — people of that 地区, people
free at that time rank higher — never as a filter: the text may mention a place for another
reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from lib.slots import BANDS, WEEKDAYS

AREA_SUFFIX = "地区"
# Words that, right after an area's stem, make it a place in that area (南公民館, 東中学校).
PLACE_WORDS = (
    "地区", "公民館", "小学校", "中学校", "小", "中", "集会所", "自治会", "町内会",
    "地域", "図書館", "コミュニティセンター", "児童館", "老人クラブ",
)  # fmt: skip

_DAY = "".join(label for _, label in WEEKDAYS)
_DAY_RE = re.compile(rf"([{_DAY}])曜")
_WEEKEND_RE = re.compile(r"土日|週末")
_BAND_WORDS = (("午前", 0), ("朝", 0), ("午後", 1), ("夜", 2), ("夕方", 2))
_BAND_RE = re.compile("|".join(w for w, _ in _BAND_WORDS))
_BAND_OF = dict(_BAND_WORDS)
# How far after a weekday its band may stand: 「木曜の午前」「土曜日の午後」.
_BAND_REACH = 5


def areas_named(text: str, areas: Mapping[int, str]) -> tuple[int, ...]:
    """Ids of the areas (id → name such as 南地区) that ``text`` names as places."""
    text = unicodedata.normalize("NFKC", text or "")
    found = []
    for area_id, name in areas.items():
        name = unicodedata.normalize("NFKC", name)
        stem = name.removesuffix(AREA_SUFFIX)
        if name in text or (stem and any(stem + word in text for word in PLACE_WORDS)):
            found.append(area_id)
    return tuple(sorted(found))


def slots_named(text: str) -> tuple[str, ...]:
    """Slot codes (``thu_am``) for the weekdays and time bands ``text`` names.

    A weekday with a band right after it is that slot; a weekday alone is any band of that
    day; a band alone (「夜間」) is that band on any day; 土日 is Saturday and Sunday.
    """
    text = unicodedata.normalize("NFKC", text or "")
    days = {label: code for code, label in WEEKDAYS}
    slots: set[str] = set()
    used_bands: set[int] = set()
    for match in _DAY_RE.finditer(text):
        day = days[match.group(1)]
        band = _BAND_RE.search(text, match.end(), match.end() + _BAND_REACH)
        if band:
            used_bands.add(band.start())
            slots.add(f"{day}_{BANDS[_BAND_OF[band.group()]][0]}")
        else:
            slots.update(f"{day}_{b}" for b, _ in BANDS)
    if _WEEKEND_RE.search(text):
        slots.update(f"{d}_{b}" for d in ("sat", "sun") for b, _ in BANDS)
    if not slots:
        for band in _BAND_RE.finditer(text):
            if band.start() not in used_bands:
                code = BANDS[_BAND_OF[band.group()]][0]
                slots.update(f"{d}_{code}" for d, _ in WEEKDAYS)
    return tuple(sorted(slots))
