"""The privacy gate itself (talent.privacy): for every field and every relation, exactly which
fields arrive (the table is written out in tests/support/privacy_world.py), one query per
call, and one disclosure row per call."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.utils import timezone

from talent import privacy
from talent.models import Disclosure, Profile
from tests import factories
from tests.support.privacy_world import CASES, EXPECTED, build, viewer_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build()


def _viewer(world, subject, relation):
    return viewer_of(world, subject, relation) or AnonymousUser()


@pytest.mark.parametrize(("relation", "subject"), CASES)
def test_each_relation_receives_exactly_its_fields(world, relation, subject):
    viewer = _viewer(world, subject, relation)
    [view] = privacy.profile_views(viewer, [world.subjects[subject]], channel="api")
    assert set(view.fields) == EXPECTED[relation][subject]
    planted = world.subjects[subject]
    for name in EXPECTED["coordinator"][subject]:
        expected = getattr(planted, name) if name in view.fields else None
        if name == "areas" and name in view.fields:
            expected = ["雲雀丘地区"]
        assert view.value(name) == expected, name


@pytest.mark.parametrize(
    ("relation", "expected"),
    [
        ("anonymous", "anonymous"),
        ("coordinator", "coordinator"),
        ("self", "self"),
        ("other_volunteer", "none"),
        ("requester_none", "none"),
        ("requester_proposed", "proposed"),
        ("requester_confirmed", "confirmed"),
        ("requester_completed", "confirmed"),
        ("requester_other_org", "none"),
        ("requester_cancelled", "none"),
    ],
)
def test_the_relation_of_each_viewer(world, relation, expected):
    viewer = _viewer(world, "private", relation)
    assert privacy.relations(viewer, [world.subjects["private"]]) == {
        world.subjects["private"].pk: expected
    }


def test_fields_asked_for_narrow_what_is_returned(world):
    coordinator = world.viewers["coordinator"]
    [view] = privacy.profile_views(
        coordinator, [world.subjects["private"]], channel="web", fields={"display_name", "phone"}
    )
    assert view.fields == {"display_name", "phone"}
    assert view.value("bio") is None and view["email"] is None


def test_unknown_channels_and_fields_are_programming_errors(world):
    coordinator = world.viewers["coordinator"]
    with pytest.raises(ValueError):
        privacy.profile_views(coordinator, [], channel="fax")
    with pytest.raises(ValueError):
        privacy.profile_views(coordinator, [], channel="api", fields={"password"})


def test_one_query_for_the_relations_of_a_whole_list(world, django_assert_num_queries):
    profiles = list(Profile.objects.prefetch_related("areas"))
    assert len(profiles) == 3
    teacher = world.viewers["requester_none"]
    with django_assert_num_queries(1):  # the requester's matches; nothing disclosed
        privacy.profile_views(teacher, profiles, channel="api")
    with django_assert_num_queries(0):
        privacy.profile_views(world.viewers["other_volunteer"], profiles, channel="api")
        privacy.profile_views(
            world.viewers["coordinator"], profiles, channel="web", fields={"display_name"}
        )


def test_visible_fields_is_pure(world, django_assert_num_queries):
    with django_assert_num_queries(0):
        fields = privacy.visible_fields(
            world.viewers["requester_confirmed"],
            world.subjects["private"],
            relation=privacy.Relation.CONFIRMED,
        )
    assert "phone" in fields and "bio" not in fields


# -- disclosures -------------------------------------------------------------------------------


def test_a_list_shown_to_a_coordinator_is_one_disclosure_row(world):
    coordinator = world.viewers["coordinator"]
    no_contact = factories.profile(display_name="連絡先 なし", email="", phone="")
    profiles = [world.subjects["private"], world.subjects["public"], no_contact]
    privacy.profile_views(coordinator, profiles, channel="web")
    row = Disclosure.objects.get()
    assert row.viewer == coordinator
    assert row.channel == "web"
    assert row.profile_ids == sorted([world.subjects["private"].pk, world.subjects["public"].pk])
    assert row.fields == ["email", "phone"]


def test_only_the_contact_fields_shown_are_recorded(world):
    privacy.profile_views(
        world.viewers["coordinator"], [world.subjects["private"]], channel="mail", fields={"phone"}
    )
    row = Disclosure.objects.get()
    assert (row.fields, row.channel) == (["phone"], "mail")


@pytest.mark.parametrize(
    ("relation", "recorded"),
    [
        ("anonymous", False),
        ("self", False),
        ("other_volunteer", False),
        ("requester_none", False),
        ("requester_proposed", False),
        ("requester_confirmed", True),
        ("requester_completed", True),
        ("requester_other_org", False),
        ("requester_cancelled", False),
        ("coordinator", True),
    ],
)
def test_a_disclosure_is_recorded_exactly_when_contact_data_reaches_someone_else(
    world, relation, recorded
):
    viewer = _viewer(world, "private", relation)
    privacy.profile_views(viewer, [world.subjects["private"]], channel="api")
    assert Disclosure.objects.exists() is recorded


def test_no_row_when_nothing_is_disclosed(world):
    privacy.profile_views(
        world.viewers["coordinator"],
        [world.subjects["private"]],
        channel="web",
        fields={"display_name", "furigana", "skills"},
    )
    assert not Disclosure.objects.exists()


# -- retention -------------------------------------------------------------------------------


def _row(days_ago: int) -> Disclosure:
    row = Disclosure.objects.create(channel="api", profile_ids=[1], fields=["phone"])
    Disclosure.objects.filter(pk=row.pk).update(at=timezone.now() - timedelta(days=days_ago))
    return row


def test_purge_keeps_the_retention_period(settings):
    settings.TSUNAGU_CONTACT_LOG_DAYS = 30
    old, recent = _row(31), _row(29)
    out = StringIO()
    call_command("purge_disclosures", stdout=out)
    assert out.getvalue() == "30日より前の閲覧記録を 1 件削除しました。\n"
    assert list(Disclosure.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not Disclosure.objects.filter(pk=old.pk).exists()


def test_purge_days_can_be_given(settings):
    settings.TSUNAGU_CONTACT_LOG_DAYS = 365
    _row(10)
    keep = _row(2)
    call_command("purge_disclosures", "--days", "5", stdout=StringIO())
    assert list(Disclosure.objects.values_list("pk", flat=True)) == [keep.pk]


@pytest.mark.parametrize(
    ("raw", "ok"), [("30", 30), (None, 365), ("0", None), ("thirty", None), ("-1", None)]
)
def test_the_retention_setting_fails_loudly(monkeypatch, raw, ok):
    from django.core.exceptions import ImproperlyConfigured

    from config.env import env_int

    if raw is None:
        monkeypatch.delenv("TSUNAGU_CONTACT_LOG_DAYS", raising=False)
    else:
        monkeypatch.setenv("TSUNAGU_CONTACT_LOG_DAYS", raw)
    if ok is None:
        with pytest.raises(ImproperlyConfigured):
            env_int("TSUNAGU_CONTACT_LOG_DAYS", 365, minimum=1)
    else:
        assert env_int("TSUNAGU_CONTACT_LOG_DAYS", 365, minimum=1) == ok
