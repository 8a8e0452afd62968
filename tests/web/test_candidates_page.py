"""The coordinator's candidates page: reasons in words, filters widened by GET, no-fit answer."""

import re

import pytest
from django.urls import reverse

from tests import factories

TOPICS = ("書道", "陶芸", "英会話", "料理", "囲碁", "将棋", "俳句", "写真")


@pytest.fixture
def phone_course(school_a):
    return factories.request(
        school_a,
        title="スマホ講座の講師",
        description="シニア向けにスマホの使い方を教えてくださる方",
        kind_wanted="instructor",
        dates=[],
    )


def page(as_user, user, req, **params):
    res = as_user(user).get(reverse("coordinator_request", args=[req.pk]), params)
    assert res.status_code == 200
    return res.content.decode()


def names(html):
    return re.findall(r'<a href="/coord/profiles/\d+/">([^<]+)</a>さん', html)


@pytest.mark.django_db
def test_reasons_are_words_with_one_entry_per_topic_and_no_decimals(
    as_user, coordinator, phone_course
):
    factories.profile(
        kind="it_volunteer", display_name="情報 一郎", skills="スマートフォンとスマホの相談"
    )
    html = page(as_user, coordinator, phone_course)
    chips = re.findall(r'<mark class="chip[^"]*">([^<]+)</mark>', html)
    # スマホ and スマートフォン are one topic, under the volunteer's word.
    assert sum("スマートフォン" in c or "スマホ" in c for c in chips) == 1
    assert "合う度合い 高" in html or "合う度合い 中" in html or "合う度合い 低" in html
    section = html[html.index('id="h-candidates"') :]
    assert not re.search(r"\d\.\d", section)  # no raw decimal anywhere in the candidates


@pytest.mark.django_db
def test_an_inferred_match_is_marked(as_user, coordinator, school_a):
    req = factories.request(
        school_a, title="パソコンの使い方", description="使い方の相談", dates=[]
    )
    factories.profile(display_name="情報 花子", skills="スマホの使い方")
    html = page(as_user, coordinator, req)
    assert "スマホ ≈ パソコン" in html
    assert "意味の近いことばで合ったもの" in html


@pytest.mark.django_db
def test_widening_or_narrowing_the_kind_filter_changes_the_list(as_user, coordinator, phone_course):
    factories.profile(kind="it_volunteer", display_name="情報 一郎", skills="スマホの相談")
    factories.profile(kind="instructor", display_name="講師 次郎", skills="スマホ講座")
    # Default: the request's kind is a preference, so both are listed, the wanted kind first.
    assert names(page(as_user, coordinator, phone_course)) == ["講師 次郎", "情報 一郎"]
    # Narrowed: only instructors.
    narrow = page(
        as_user, coordinator, phone_course, kinds="instructor", kind_strict="1", filters="1"
    )
    assert names(narrow) == ["講師 次郎"]
    assert "種別が違う：1人" in narrow
    # Another kind only.
    it_only = page(
        as_user, coordinator, phone_course, kinds="it_volunteer", kind_strict="1", filters="1"
    )
    assert names(it_only) == ["情報 一郎"]


@pytest.mark.django_db
def test_nothing_fits_says_so_with_what_was_filtered(as_user, coordinator, school_a):
    # Every request says 講座 and 体験: the words are learnt to be generic.
    for topic in TOPICS:
        factories.request(school_a, title=f"{topic}の体験講座", description="講座", dates=[])
        factories.profile(display_name=f"{topic} 太郎", skills=f"{topic}の講座")
    req = factories.request(school_a, title="ボッチャの体験講座", description="講座", dates=[])
    html = page(as_user, coordinator, req)
    assert "条件に合う方が見つかりませんでした" in html
    assert "書道 太郎" not in html and "陶芸 太郎" not in html
    assert "種別が違う：0人" in html


@pytest.mark.django_db
def test_a_list_of_weak_candidates_only_is_marked_as_such(as_user, coordinator, school_a):
    for topic in TOPICS:
        factories.request(school_a, title=f"{topic}の体験講座", description="講座", dates=[])
        factories.profile(display_name=f"{topic} 太郎", skills=f"{topic}の講座")
    factories.profile(display_name="人形 花子", skills="人形劇の上演と、子ども向けの工作")
    weak = factories.request(
        school_a, title="人形浄瑠璃と文楽の鑑賞講座", description="伝統芸能の義太夫節", dates=[]
    )
    html = page(as_user, coordinator, weak)
    assert names(html)[0] == "人形 花子"
    assert "はっきり合う方はいませんでした" in html
    strong = factories.request(school_a, title="人形劇の上演", description="子ども会で", dates=[])
    html = page(as_user, coordinator, strong)
    assert names(html)[0] == "人形 花子"
    assert "はっきり合う方はいませんでした" not in html


@pytest.mark.django_db
def test_a_volunteer_is_told_when_no_open_request_fits(as_user, volunteer, school_a):
    factories.request(school_a, title="ボッチャの体験", description="体育館で", dates=[])
    html = as_user(volunteer).get(reverse("volunteer_home")).content.decode()
    assert "条件に合う依頼が見つかりませんでした" in html
    assert "ボッチャの体験" not in html


@pytest.mark.django_db
def test_a_volunteer_is_told_when_the_requests_shown_fit_only_weakly(as_user, volunteer, school_a):
    # The volunteer offers 読み聞かせ and 絵本; the request shares only 絵本, among other topics.
    factories.request(
        school_a, title="絵本作家の講演と、版画・製本・紙芝居の制作体験",
        description="図工室で木版画を彫り、和紙で製本し、紙芝居の舞台も作ります", dates=[],
    )  # fmt: skip
    html = as_user(volunteer).get(reverse("volunteer_home")).content.decode()
    assert "絵本作家の講演" in html
    assert "はっきり合う依頼はありませんでした" in html
    factories.request(school_a, title="絵本の読み聞かせ", description="朝の読書の時間に", dates=[])
    html = as_user(volunteer).get(reverse("volunteer_home")).content.decode()
    assert "はっきり合う依頼はありませんでした" not in html


@pytest.mark.django_db
def test_a_volunteer_sees_a_fitting_request(as_user, volunteer, school_a):
    factories.request(school_a, title="絵本の読み聞かせ", description="朝の読書の時間に", dates=[])
    html = as_user(volunteer).get(reverse("volunteer_home")).content.decode()
    assert "絵本の読み聞かせ" in html
    assert "条件に合う依頼が見つかりませんでした" not in html
