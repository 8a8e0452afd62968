"""One audit row per disclosure (a response, page, mail or export) listing every profile it
showed, instead of one row per profile shown: the old rows are carried over one for one."""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def carry_over(apps, schema_editor):
    ContactView = apps.get_model("talent", "ContactView")
    Disclosure = apps.get_model("talent", "Disclosure")
    for old in ContactView.objects.iterator():
        row = Disclosure.objects.create(
            viewer_id=old.viewer_id,
            channel=old.channel,
            profile_ids=[old.profile_id],
            fields=["email", "phone"],
        )
        Disclosure.objects.filter(pk=row.pk).update(at=old.at)  # auto_now_add on create
        # The old table did not say which contact fields were shown: both are listed.


class Migration(migrations.Migration):
    dependencies = [
        ("talent", "0005_profile_reading_weight_d"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Disclosure",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("channel", models.CharField(max_length=20, verbose_name="経路")),
                (
                    "profile_ids",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.BigIntegerField(), size=None, verbose_name="人材ID"
                    ),
                ),
                (
                    "fields",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.CharField(max_length=30),
                        size=None,
                        verbose_name="見せた項目",
                    ),
                ),
                (
                    "at",
                    models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="閲覧日時"),
                ),
                (
                    "viewer",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="閲覧者",
                    ),
                ),
            ],
            options={
                "verbose_name": "連絡先の閲覧記録",
                "verbose_name_plural": "連絡先の閲覧記録",
                "ordering": ["-at", "-id"],
            },
        ),
        migrations.RunPython(carry_over, migrations.RunPython.noop),
        migrations.DeleteModel(
            name="ContactView",
        ),
        migrations.AddIndex(
            model_name="disclosure",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["profile_ids"], name="disclosure_profile_ids_gin"
            ),
        ),
    ]
