from datetime import UTC, date, datetime

from web.templatetags.web_tags import jdate, jdates, jdatetime


def test_it_writes_a_date_the_japanese_way_with_the_weekday():
    assert jdate(date(2026, 4, 15)) == "2026年4月15日(水)"


def test_it_names_every_weekday():
    week = [jdate(date(2026, 4, 13 + i))[-3:] for i in range(7)]
    assert week == ["(月)", "(火)", "(水)", "(木)", "(金)", "(土)", "(日)"]


def test_it_shows_an_aware_datetime_on_the_tokyo_calendar():
    # 20:00 UTC on the 14th is 05:00 on the 15th in Tokyo.
    moment = datetime(2026, 4, 14, 20, 0, tzinfo=UTC)
    assert jdate(moment) == "2026年4月15日(水)"
    assert jdatetime(moment) == "2026年4月15日(水) 05:00"


def test_it_leaves_missing_values_empty():
    assert jdate(None) == ""
    assert jdate("") == ""


def test_it_joins_several_dates():
    assert jdates([date(2026, 1, 1), date(2026, 12, 31)]) == "2026年1月1日(木)、2026年12月31日(木)"


def test_it_works_in_a_template():
    from django.template import Context, Template

    out = Template("{% load web_tags %}{{ d|jdate }}").render(Context({"d": date(2026, 2, 3)}))
    assert out == "2026年2月3日(火)"
