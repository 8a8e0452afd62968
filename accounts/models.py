from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q


class Role(models.TextChoices):
    COORDINATOR = "coordinator", "コーディネーター"
    REQUESTER = "requester", "依頼者（学校・公民館・団体）"
    VOLUNTEER = "volunteer", "ボランティア・講師"


class User(AbstractUser):
    """A login. The role decides what the person may see and do (see accounts/roles.py)."""

    role = models.CharField("役割", max_length=20, choices=Role.choices, default=Role.VOLUNTEER)
    organization = models.ForeignKey(
        "matching.Organization",
        verbose_name="所属団体",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    # When the person agreed to the terms of use (sign-up page); empty for staff-made logins.
    terms_accepted_at = models.DateTimeField("利用規約に同意した日時", null=True, blank=True)

    class Meta:
        verbose_name = "ユーザー"
        verbose_name_plural = "ユーザー"
        constraints = [
            # A requester always speaks for exactly one organization; nobody else has one.
            models.CheckConstraint(
                condition=(Q(role="requester") & Q(organization__isnull=False))
                | (~Q(role="requester") & Q(organization__isnull=True)),
                name="user_organization_only_for_requesters",
            )
        ]

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def is_requester(self) -> bool:
        return self.role == Role.REQUESTER

    @property
    def is_volunteer(self) -> bool:
        return self.role == Role.VOLUNTEER
