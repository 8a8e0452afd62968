"""The upload → preview → confirm pages: who may use them, what a stale or reused upload
does, and that a refused file imports nothing."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from talent.models import Profile, StagedImport
from tests import factories

pytestmark = pytest.mark.django_db

GOOD = "kind,display_name,furigana,skills,bio\ninstructor,山田 太郎,やまだ たろう,書道,\n"


def upload(client, content: str, name: str = "people.csv"):
    return client.post(
        "/coord/import/", {"file": SimpleUploadedFile(name, content.encode())}, follow=True
    )


def test_only_coordinators_may_upload(as_user, volunteer, school_a):
    teacher = factories.user("requester", username="teacher", organization=school_a)
    assert as_user(None).get("/coord/import/").status_code == 302
    for user in (volunteer, teacher):
        assert as_user(user).get("/coord/import/").status_code == 403
        assert upload(as_user(user), GOOD).status_code == 403
    assert not StagedImport.objects.exists()


def test_upload_preview_confirm_imports_once(as_user, coordinator):
    client = as_user(coordinator)
    page = upload(client, GOOD)
    assert "<strong>1人</strong>を登録できます" in page.content.decode()
    assert not Profile.objects.exists()  # the preview writes nothing
    staged = StagedImport.objects.get()
    done = client.post(f"/coord/import/{staged.pk}/", follow=True)
    assert "山田 太郎" in done.content.decode()
    assert Profile.objects.count() == 1
    again = client.post(f"/coord/import/{staged.pk}/")
    assert again.status_code == 409
    assert "すでに取り込みました" in again.content.decode()
    assert Profile.objects.count() == 1


def test_a_bad_file_shows_each_problem_and_imports_nothing(as_user, coordinator):
    client = as_user(coordinator)
    page = upload(client, GOOD + "wizard,佐藤 花子,,,\n")
    text = page.content.decode()
    assert page.status_code == 400
    assert "3行目" in text and "「wizard」が分かりません" in text and "空です" in text
    staged = StagedImport.objects.get()
    assert client.post(f"/coord/import/{staged.pk}/").status_code == 400
    assert not Profile.objects.exists()


def test_an_expired_upload_is_refused(as_user, coordinator):
    client = as_user(coordinator)
    upload(client, GOOD)
    staged = StagedImport.objects.get()
    StagedImport.objects.filter(pk=staged.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.post(f"/coord/import/{staged.pk}/")
    assert response.status_code == 409
    assert "もう一度アップロード" in response.content.decode()
    assert not Profile.objects.exists()


def test_another_coordinator_cannot_see_or_confirm_my_upload(as_user, coordinator):
    upload(as_user(coordinator), GOOD)
    staged = StagedImport.objects.get()
    other = factories.user("coordinator", username="coordinator2")
    assert as_user(other).get(f"/coord/import/{staged.pk}/").status_code == 404
    assert as_user(other).post(f"/coord/import/{staged.pk}/").status_code == 404
    assert not Profile.objects.exists()


def test_duplicates_are_offered_and_the_choice_is_kept(as_user, coordinator):
    factories.profile(display_name="山田 太郎", furigana="やまだ たろう", phone="090-1111-2222")
    client = as_user(coordinator)
    content = "kind,display_name,furigana,skills,bio,phone\ninstructor,山田　太郎,ヤマダ タロウ,書道,,09011112222\n"
    text = upload(client, content).content.decode()
    assert "同じ人です" in text and 'name="dup-2" value="skip" checked' in text
    staged = StagedImport.objects.get()
    client.post(f"/coord/import/{staged.pk}/", {"dup-2": "new"})
    assert Profile.objects.filter(name_key="山田太郎").count() == 2
