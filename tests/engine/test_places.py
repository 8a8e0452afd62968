"""Places and times a request names in its text (lib/text/places.py)."""

import pytest

from lib.text.places import areas_named, slots_named

AREAS = {1: "中央地区", 2: "南地区", 3: "桜ヶ丘地区", 4: "東地区"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("南公民館で絵手紙教室を始めます", (2,)),
        ("東中学校の書道部です", (4,)),
        ("中央地区の自治会です", (1,)),
        ("桜ヶ丘小学校の1年生", (3,)),
        ("南米の料理を紹介します", ()),  # 南 alone is not a place
        ("東地区と南地区の合同行事", (2, 4)),
    ],
)
def test_areas_named_finds_places_by_name_or_stem_and_place_word(text, expected):
    assert areas_named(text, AREAS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("木曜の午前か土曜の午前が希望です", ("sat_am", "thu_am")),
        ("月曜日の午後", ("mon_pm",)),
        ("水曜", ("wed_am", "wed_night", "wed_pm")),
        ("社会人向け英会話講座（夜間）", tuple(sorted(f"{d}_night" for d in
            ("mon", "tue", "wed", "thu", "fri", "sat", "sun")))),
        ("土日のどちらか", ("sat_am", "sat_night", "sat_pm", "sun_am", "sun_night", "sun_pm")),
        ("書道の講師を探しています", ()),
    ],
)  # fmt: skip
def test_slots_named_reads_weekdays_and_bands(text, expected):
    assert slots_named(text) == expected
