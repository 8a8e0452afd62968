"""Keep the talent search's scans serial: no parallel workers for profiles and their areas.

A search page asks for a count and 20 rows. At 100,000 profiles the planner sometimes chose a
parallel plan for it (Gather Merge over a parallel bitmap heap scan, or over the area links with
the text condition checked row by row, without the GIN index): starting the workers and merging
cost more than the scan, and p95 of the benchmark_search command doubled (about 27 ms serial,
50-60 ms with parallel plans in the same run). With ``parallel_workers = 0`` every one of the
benchmark's 400 plans was serial and used profile_search_gin. Nothing that reads these tables
is a large analytical scan that parallel workers would speed up.
"""

from django.db import migrations

TABLES = ("talent_profile", "talent_profile_areas")


class Migration(migrations.Migration):
    dependencies = [("talent", "0002_external_id_message")]

    operations = [
        migrations.RunSQL(
            [f"ALTER TABLE {table} SET (parallel_workers = 0)" for table in TABLES],
            [f"ALTER TABLE {table} RESET (parallel_workers)" for table in TABLES],
        )
    ]
