"""benchmark_search runs end to end on a small set, shows the GIN index in its plan, and
leaves the existing data exactly as it was."""

from io import StringIO

import pytest
from django.core.management import call_command

from talent.models import Area, Profile

pytestmark = pytest.mark.django_db


def test_it_measures_and_leaves_nothing_behind(bank):
    before = sorted(Profile.objects.values_list("id", "updated_at"))
    areas_before = Area.objects.count()
    out = StringIO()
    call_command("benchmark_search", "--profiles", "400", "--queries", "10", stdout=out)
    text = out.getvalue()
    assert "400 profiles generated" in text
    for label in ("full text, coordinator", "full text, volunteer", "baseline: ILIKE"):
        line = next(line for line in text.splitlines() if label in line)
        assert line.count("ms") == 4
    assert "Bitmap Index Scan on profile_search_gin" in text
    assert "rolled back" in text
    assert sorted(Profile.objects.values_list("id", "updated_at")) == before
    assert Area.objects.count() == areas_before
