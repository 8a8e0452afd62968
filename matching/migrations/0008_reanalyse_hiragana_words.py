"""Analyse stored request text again: hiragana words Sudachi cut into pieces (しょどう, すまほ)
are now read as the word (lib/text/kana_words.py)."""

from django.db import migrations

from talent.text import reanalyse


def forwards(apps, schema_editor):
    reanalyse(
        apps.get_model("matching", "Request"),
        {"tok_title": "title", "tok_description": "description"},
    )


class Migration(migrations.Migration):
    dependencies = [("matching", "0007_interest_and_request_times")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
