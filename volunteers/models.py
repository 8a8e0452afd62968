from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class HoursState(models.TextChoices):
    RECORDED = "recorded", "ボランティアの確認待ち"
    AGREED = "agreed", "双方で確認済み"
    DISPUTED = "disputed", "食い違いあり（コーディネーター確認待ち）"
    RESOLVED = "resolved", "コーディネーターが確定"


class ActivityRecord(models.Model):
    """What happened when a confirmed match was carried out (コミュニティ・キャリア)."""

    match = models.OneToOneField(
        "matching.Match", verbose_name="マッチング", on_delete=models.PROTECT, related_name="record"
    )
    date = models.DateField("活動日")
    hours = models.DecimalField(
        "活動時間",
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("24"))],
    )
    requester_feedback = models.TextField("依頼者からの感想", max_length=2000, blank=True)
    rating = models.PositiveSmallIntegerField(
        "評価", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    volunteer_feedback = models.TextField("ボランティアからの感想", max_length=2000, blank=True)
    participants = models.PositiveIntegerField(
        "参加者数", null=True, blank=True, validators=[MaxValueValidator(10000)]
    )
    # The volunteer's own figure: equal to ``hours`` when they confirm, different when they
    # correct it (then a coordinator decides and writes the agreed figure into ``hours``).
    volunteer_hours = models.DecimalField(
        "ボランティアが申告した時間",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("24"))],
    )
    hours_state = models.CharField(
        "時間の確認", max_length=20, choices=HoursState.choices, default=HoursState.RECORDED
    )
    volunteer_confirmed_at = models.DateTimeField("ボランティアの確認日時", null=True, blank=True)
    resolution_note = models.TextField("コーディネーターの判断", max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "活動記録"
        verbose_name_plural = "活動記録"
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date} {self.match}"
