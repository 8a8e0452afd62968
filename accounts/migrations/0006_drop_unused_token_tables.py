"""Drop the token tables nothing uses any more.

- ``knox_authtoken``: django-rest-knox's own migrations create it even though the project swaps
  in ``accounts.ApiToken`` (KNOX_TOKEN_MODEL); left there, its foreign key to the user table
  would make every TRUNCATE of accounts_user (test flushes) fail.
- ``authtoken_token``: DRF's never-expiring plaintext tokens from before; they no longer
  authenticate, and keeping the secrets around serves nobody.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_cache_table"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [
        migrations.RunSQL(
            "DROP TABLE IF EXISTS knox_authtoken; DROP TABLE IF EXISTS authtoken_token CASCADE;",
            reverse_sql=migrations.RunSQL.noop,
        )
    ]
