from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    COORDINATOR = "coordinator", "コーディネーター"
    REQUESTER = "requester", "依頼者（学校・公民館・団体）"
    VOLUNTEER = "volunteer", "ボランティア・講師"


class User(AbstractUser):
    """A login. The role decides what the person may see and do (see accounts/roles.py).

    A requester's organization is not here but in matching.Membership: accounts sits below
    matching and knows nothing of organizations."""

    role = models.CharField("役割", max_length=20, choices=Role.choices, default=Role.VOLUNTEER)
    # When the person agreed to the terms of use (sign-up page); empty for staff-made logins.
    terms_accepted_at = models.DateTimeField("利用規約に同意した日時", null=True, blank=True)

    class Meta:
        verbose_name = "ユーザー"
        verbose_name_plural = "ユーザー"
