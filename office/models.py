from django.core.validators import MinValueValidator
from django.db import models


class Indicator(models.TextChoices):
    """The figures of the 年度 report the city may set a target (成果目標) for."""

    REGISTERED = "profiles.registered", "新規登録者数"
    PUBLISHED = "profiles.published", "公開した登録者数"
    ACTIVE = "profiles.active", "活動した登録者数"
    REPEAT = "profiles.active_more_than_once", "2回以上活動した登録者数"
    POSTED = "requests.posted", "依頼件数"
    FILLED = "requests.filled", "充足した依頼件数"
    CONFIRMED = "matches.confirmed", "確定したマッチング件数"
    COMPLETED = "activities.completed", "活動件数"
    HOURS = "activities.hours", "活動時間（時間）"


class Target(models.Model):
    """A target for one indicator in one 年度, entered by the city (admin)."""

    fiscal_year = models.PositiveSmallIntegerField(
        "年度（西暦）", validators=[MinValueValidator(2000)]
    )
    indicator = models.CharField("指標", max_length=40, choices=Indicator.choices)
    value = models.DecimalField(
        "目標値", max_digits=9, decimal_places=1, validators=[MinValueValidator(0)]
    )
    note = models.CharField("メモ", max_length=200, blank=True)

    class Meta:
        verbose_name = "成果目標"
        verbose_name_plural = "成果目標"
        ordering = ["-fiscal_year", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "indicator"],
                name="target_one_per_indicator_and_year",
                violation_error_message="この年度のこの指標の目標はすでに登録されています。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year}年度 {self.get_indicator_display()}"
