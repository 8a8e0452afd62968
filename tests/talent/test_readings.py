"""Readings are stored in hiragana whatever was typed, and 五十音順 puts blanks last."""

import pytest

from talent import services
from talent.models import Profile
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("サトウ ハナコ", "さとう はなこ"),
        ("ｻﾄｳ ﾊﾅｺ", "さとう はなこ"),
        ("さとう　はなこ", "さとう はなこ"),  # an ideographic space
        ("  ヴァイオリン ケン ", "ゔぁいおりん けん"),
        ("コーヒー", "こーひー"),  # the long-vowel mark stays
        ("", ""),
    ],
)
def test_readings_are_stored_in_hiragana(typed, stored):
    assert factories.profile(display_name="山田", furigana=typed).furigana == stored


def test_an_edit_through_the_service_is_normalised_too(coordinator):
    profile = factories.profile(display_name="山田", furigana="やまだ")
    services.profile_edit(actor=coordinator, profile=profile, data={"furigana": "ヤマダ タロウ"})
    profile.refresh_from_db()
    assert profile.furigana == "やまだ たろう"


def test_gojuon_order_by_reading_with_blanks_last(api, coordinator):
    for name, reading in (
        ("読みなし", ""), ("佐藤", "サトウ"), ("青木", "アオキ"), ("加藤", "かとう"), ("後藤", "ごとう"),
    ):  # fmt: skip
        factories.profile(display_name=name, furigana=reading)
    expected = ["青木", "加藤", "後藤", "佐藤", "読みなし"]
    assert [p.display_name for p in Profile.objects.all()] == expected
    response = api.as_(coordinator).get("/api/profiles/")
    assert [p["display_name"] for p in response.json()["results"]] == expected
