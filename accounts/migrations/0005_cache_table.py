"""The database cache table (settings.CACHES): throttle counters shared by every worker.

Made by a migration, not by a separate `createcachetable` step, because `migrate` is the one
schema command (INTERFACE: setup).
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS tsunagu_cache")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_security")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
