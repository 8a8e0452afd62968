"""matching/0005_membership on a database made before it: requesters' organizations move
from the old accounts_user.organization_id column into Membership, and the column goes.
(A database made from scratch is every test run's own: it never had the column.)"""

import importlib

import pytest
from django.db import connection

from matching.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db

migration = importlib.import_module("matching.migrations.0005_membership")


def test_old_links_are_copied_and_the_old_column_dropped(school_a, school_b):
    teacher = factories.user("volunteer", username="old-teacher")
    other = factories.user("coordinator", username="old-coordinator")
    with connection.cursor() as cur:  # the schema the old accounts/0002 made
        cur.execute(
            "ALTER TABLE accounts_user ADD COLUMN organization_id bigint"
            " REFERENCES matching_organization (id)"
        )
        cur.execute(
            "UPDATE accounts_user SET organization_id = %s WHERE id = %s", [school_b.pk, teacher.pk]
        )
        cur.execute(migration.COPY_AND_DROP)
        cur.execute(
            "SELECT count(*) FROM information_schema.columns"
            " WHERE table_name = 'accounts_user' AND column_name = 'organization_id'"
        )
        assert cur.fetchone() == (0,)
    links = set(Membership.objects.values_list("user__username", "organization_id"))
    assert links == {("old-teacher", school_b.pk)}
    assert not Membership.objects.filter(user=other).exists()


def test_on_a_new_database_it_does_nothing(teacher_a):
    before = list(Membership.objects.values_list("user_id", "organization_id"))
    with connection.cursor() as cur:
        cur.execute(migration.COPY_AND_DROP)
    assert list(Membership.objects.values_list("user_id", "organization_id")) == before
