"""Export → import of the 名簿 round-trips: the coordinator's xlsx and CSV (UTF-8 with BOM,
CP932) come back in as the same people, formula-looking text included."""

import io

import pytest

from talent.importing import import_file
from talent.models import Profile
from tests import factories

pytestmark = pytest.mark.django_db

FIELDS = (
    "display_name", "furigana", "kind", "status", "skills", "experience", "bio", "availability",
    "fee", "email", "phone", "external_id", "public_fields",
)  # fmt: skip


def people():
    central, east = factories.area("中央地区"), factories.area("東地区")
    factories.profile(
        display_name="青木 一郎", furigana="あおき いちろう", skills="=1+2 の計算を教えます",
        bio="-元教員です", areas=[central, east], availability=["mon_am", "wed_pm"],
        email="aoki@example.jp", phone="090-1111-2222", external_id="R-1",
        public_fields=["furigana", "bio"], fee="honorarium",
    )  # fmt: skip
    factories.profile(
        display_name="佐藤 花子", furigana="さとう はなこ", kind="it_volunteer",
        skills="スマホ相談", experience="ITパスポート", status="pending", areas=[central],
    )  # fmt: skip


def snapshot():
    return [
        ({f: getattr(p, f) for f in FIELDS}, sorted(a.name for a in p.areas.all()))
        for p in Profile.objects.order_by("display_name")
    ]


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/exports/profiles.xlsx", "名簿.xlsx"),
        ("/api/exports/profiles.csv", "名簿.csv"),
        ("/api/exports/profiles.csv?encoding=cp932", "名簿.csv"),
    ],
    ids=["xlsx", "csv-bom", "csv-cp932"],
)
def test_the_exported_roster_imports_back_as_the_same_people(api, coordinator, url, name):
    people()
    before = snapshot()
    response = api.as_(coordinator).get(url)
    assert response.status_code == 200
    Profile.objects.all().delete()
    result = import_file(lambda: io.BytesIO(response.content), name)
    assert result.imported == 2
    assert snapshot() == before
    aoki = Profile.objects.get(external_id="R-1")
    assert aoki.formula_fields == ["skills", "bio"]
