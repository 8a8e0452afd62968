"""The demo city loads through the services, is as large as promised, and loads only once."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User
from matching.models import Match, Organization, Request, SynonymGroup
from talent.models import Area, Profile
from volunteers.models import ActivityRecord

pytestmark = pytest.mark.django_db


def load() -> str:
    out = StringIO()
    call_command("load_demo_city", stdout=out)
    return out.getvalue()


def test_the_demo_city_is_complete_and_varied():
    text = load()
    assert Area.objects.count() >= 5
    assert Organization.objects.count() >= 8
    assert {o.kind for o in Organization.objects.all()} == {"school", "kominkan", "community"}
    assert Profile.objects.count() >= 40
    assert {p.kind for p in Profile.objects.all()} == {
        "instructor",
        "it_volunteer",
        "school_support",
    }
    assert Profile.objects.filter(status="pending").exists()  # something to screen
    assert Request.objects.count() >= 15
    assert SynonymGroup.objects.count() >= 20
    # Matches in several statuses, reached through legal moves, and one completed activity.
    assert {m.status for m in Match.objects.all()} >= {"proposed", "confirmed", "completed"}
    assert ActivityRecord.objects.exists()
    for role in ("coordinator", "requester", "volunteer"):
        assert User.objects.filter(role=role).exists()
    assert "tsunagu-demo-2026" in text
    assert "coordinator" in text


def test_every_demo_profile_is_tokenized_and_searchable():
    load()
    assert not Profile.objects.filter(tok_skills="").exists()
    assert not Request.objects.filter(tok_title="").exists()


def test_loading_twice_changes_nothing():
    load()
    counts = (Profile.objects.count(), Request.objects.count(), Match.objects.count())
    text = load()
    assert "すでに読み込まれています" in text
    assert (Profile.objects.count(), Request.objects.count(), Match.objects.count()) == counts


def test_demo_logins_work_with_the_printed_password(api):
    load()
    res = api.post(
        "/api/auth/token/",
        {"username": "coordinator", "password": "tsunagu-demo-2026"},
        format="json",
    )
    assert res.status_code == 200


def test_the_demo_login_table_lines_up_in_a_terminal():
    from lib.text.width import display_width

    text = load()
    lines = text.split("デモ用ログイン")[1].splitlines()[1:]
    rows = [line for line in lines if line.startswith("  ")]
    assert rows[0].split() == ["役割", "ユーザー名", "所属"]
    assert len(rows) == 1 + User.objects.count()
    # The username column starts at the same display column on every row (コーディネーター is
    # 8 characters but 16 columns wide; padding by characters would misalign it).
    starts = set()
    for row in rows[1:]:
        username = row.split()[1]
        starts.add(display_width(row[: row.index(username)]))
    assert starts == {2 + 16 + 2}
