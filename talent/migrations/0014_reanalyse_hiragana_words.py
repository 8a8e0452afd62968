"""Analyse stored profile text again: hiragana words Sudachi cut into pieces (しょどう, すまほ)
are now read as the word (lib/text/kana_words.py)."""

from django.db import migrations

from talent.text import reanalyse


def forwards(apps, schema_editor):
    reanalyse(
        apps.get_model("talent", "Profile"),
        {"tok_skills": "skills", "tok_experience": "experience", "tok_bio": "bio"},
    )


class Migration(migrations.Migration):
    dependencies = [("talent", "0013_profile_withdrawn_index")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
