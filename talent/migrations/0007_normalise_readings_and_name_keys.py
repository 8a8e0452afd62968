"""Store every existing reading in hiragana and fill the folded name used to find duplicates."""

from django.db import migrations

from lib.text.kana import normalize_reading
from lib.text.names import name_key


def forwards(apps, schema_editor):
    Profile = apps.get_model("talent", "Profile")
    changed = []
    for profile in Profile.objects.only("id", "display_name", "furigana", "name_key").iterator(
        chunk_size=2000
    ):
        reading, key = normalize_reading(profile.furigana), name_key(profile.display_name)
        if (reading, key) != (profile.furigana, profile.name_key):
            profile.furigana, profile.name_key = reading, key
            changed.append(profile)
    Profile.objects.bulk_update(changed, ["furigana", "name_key"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("talent", "0006_year_records_import_and_readings")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
