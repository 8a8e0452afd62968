from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.expressions import RawSQL

from talent.models import Area, ProfileKind
from talent.validators import validate_phone


class OrganizationKind(models.TextChoices):
    SCHOOL = "school", "学校"
    KOMINKAN = "kominkan", "公民館"
    COMMUNITY = "community", "地域団体"


class Organization(models.Model):
    """A school, 公民館 or community group that may post requests."""

    name = models.CharField("団体名", max_length=200)
    kind = models.CharField("種別", max_length=20, choices=OrganizationKind.choices)
    area = models.ForeignKey(
        Area, verbose_name="地区", null=True, blank=True, on_delete=models.PROTECT
    )
    address = models.CharField("所在地", max_length=300, blank=True)
    phone = models.CharField("電話番号", max_length=30, blank=True, validators=[validate_phone])
    email = models.EmailField("メールアドレス", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "団体"
        verbose_name_plural = "団体"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A requester's login speaking for one organization (a teacher for their school).

    Kept here rather than as a field of the User so that accounts, below matching, needs
    nothing of it; matching.services.requester_create makes the login and this row in one
    transaction, and matching.selectors.organization_id_of reads it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="ログイン",
        on_delete=models.CASCADE,
        related_name="membership",
    )
    organization = models.ForeignKey(
        Organization, verbose_name="所属団体", on_delete=models.PROTECT, related_name="memberships"
    )

    class Meta:
        verbose_name = "団体の所属"
        verbose_name_plural = "団体の所属"

    def __str__(self) -> str:
        return f"{self.user} ({self.organization})"


class TimeBand(models.TextChoices):
    AM = "am", "午前"
    PM = "pm", "午後"
    NIGHT = "night", "夜間"


class Audience(models.TextChoices):
    CHILDREN = "children", "児童"
    STUDENTS = "students", "生徒"
    ADULTS = "adults", "成人"
    SENIORS = "seniors", "高齢者"
    PARENTS_CHILDREN = "parents_children", "親子"
    TEACHERS = "teachers", "教職員"


class RequestStatus(models.TextChoices):
    DRAFT = "draft", "下書き"
    OPEN = "open", "募集中"
    FILLED = "filled", "充足"
    CLOSED = "closed", "終了"
    CANCELLED = "cancelled", "取り下げ"


class Request(models.Model):
    """What an organization asks for. Written only through matching/services.py."""

    organization = models.ForeignKey(
        Organization, verbose_name="依頼団体", on_delete=models.PROTECT, related_name="requests"
    )
    title = models.CharField("件名", max_length=200)
    description = models.TextField("依頼内容", max_length=4000)
    # The kinds of people who could help (several, or none: any kind). A preference unless
    # ``kinds_strict``. ``kind_wanted`` is the first round's single kind, kept in step by
    # matching.services for API compatibility: the one kind when exactly one is wanted.
    kind_wanted = models.CharField(
        "求める人材の種別", max_length=20, choices=ProfileKind.choices, blank=True
    )
    kinds_wanted = ArrayField(
        models.CharField(max_length=20, choices=ProfileKind.choices),
        verbose_name="役に立ちそうな種別",
        default=list,
        blank=True,
    )
    kinds_strict = models.BooleanField("この種別の方に限る", default=False)
    dates = ArrayField(models.DateField(), verbose_name="日程", default=list, blank=True)
    time_band = models.CharField("時間帯", max_length=10, choices=TimeBand.choices, blank=True)
    start_time = models.TimeField("開始時刻", null=True, blank=True)
    end_time = models.TimeField("終了時刻", null=True, blank=True)
    # Who the volunteer asks for on the day; shown to the volunteer only once confirmed.
    day_contact = models.CharField("当日の担当者", max_length=200, blank=True)
    place = models.CharField("場所", max_length=200, blank=True)
    audience = ArrayField(
        models.CharField(max_length=20, choices=Audience.choices),
        verbose_name="対象",
        default=list,
        blank=True,
    )
    headcount = models.PositiveSmallIntegerField(
        "必要な人数", default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    status = models.CharField(
        "状態", max_length=20, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("登録日時", auto_now_add=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    tok_title = models.TextField(default="", editable=False)
    tok_description = models.TextField(default="", editable=False)
    index_xid = models.BigIntegerField(default=0, editable=False, db_index=True)
    search_vector = models.GeneratedField(
        expression=RawSQL(
            "setweight(to_tsvector('simple'::regconfig, tok_title), 'A') || "
            "setweight(to_tsvector('simple'::regconfig, tok_description), 'B')",
            [],
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = "依頼"
        verbose_name_plural = "依頼"
        ordering = ["-created_at", "-id"]
        indexes = [GinIndex(fields=["search_vector"], name="request_search_gin")]
        constraints = [
            models.CheckConstraint(condition=Q(headcount__gte=1), name="request_headcount_min_1"),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(start_time__lt=models.F("end_time")),
                name="request_start_before_end",
                violation_error_message="終了時刻は開始時刻より後にしてください。",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # As for profiles: tokens follow the text on every write path, in the same transaction.
        from lib.text import analyze_joined

        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"title", "description"} & set(update_fields):
            self.tok_title = analyze_joined(self.title)
            self.tok_description = analyze_joined(self.description)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "tok_title", "tok_description"}
        super().save(*args, **kwargs)


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", "提案中"
    ACCEPTED = "accepted", "承諾済み"
    DECLINED = "declined", "辞退"
    CONFIRMED = "confirmed", "確定"
    COMPLETED = "completed", "完了"
    CANCELLED = "cancelled", "取り消し"


# Confirmed and completed matches take one of a request's places (its headcount).
PLACE_HOLDING = (MatchStatus.CONFIRMED, MatchStatus.COMPLETED)
# Matches still under way: what cancelling their request cancels.
IN_PROGRESS = (MatchStatus.PROPOSED, MatchStatus.ACCEPTED, MatchStatus.CONFIRMED)


class MatchQuerySet(models.QuerySet):
    def live(self):
        """Every match but the cancelled ones: a cancelled match does not count anywhere (the
        same person may be proposed again; see the unique constraint below)."""
        return self.exclude(status=MatchStatus.CANCELLED)

    def in_progress(self):
        return self.filter(status__in=IN_PROGRESS)

    def holding_places(self):
        return self.filter(status__in=PLACE_HOLDING)


class Match(models.Model):
    """One person proposed for one request. Moves only through matching.services
    (``match_propose``, ``match_set_status``)."""

    request = models.ForeignKey(
        Request, verbose_name="依頼", on_delete=models.CASCADE, related_name="matches"
    )
    profile = models.ForeignKey(
        "talent.Profile", verbose_name="人材", on_delete=models.PROTECT, related_name="matches"
    )
    status = models.CharField(
        "状態", max_length=20, choices=MatchStatus.choices, default=MatchStatus.PROPOSED
    )
    note = models.TextField("メモ", blank=True, max_length=2000)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("提案日時", auto_now_add=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        verbose_name = "マッチング"
        verbose_name_plural = "マッチング"
        ordering = ["-created_at", "-id"]
        constraints = [
            # One live proposal per person and request; a cancelled one may be proposed again.
            models.UniqueConstraint(
                fields=["request", "profile"],
                condition=~Q(status="cancelled"),
                name="match_one_live_per_request_profile",
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} ← {self.profile}"


class Interest(models.Model):
    """A volunteer's やってみたい: a raised hand on an open request, until taken back."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="interests")
    profile = models.ForeignKey(
        "talent.Profile", on_delete=models.CASCADE, related_name="interests"
    )
    created_at = models.DateTimeField("手を挙げた日時", auto_now_add=True)

    class Meta:
        verbose_name = "やってみたい"
        verbose_name_plural = "やってみたい"
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["request", "profile"], name="interest_once")]

    def __str__(self) -> str:
        return f"{self.profile} → {self.request}"


class MatchEvent(models.Model):
    """Who moved a match from one status to another, when, and why: the audit trail."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "マッチング履歴"
        verbose_name_plural = "マッチング履歴"

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class SynonymGroup(models.Model):
    """A group of words a coordinator treats as the same need (domain synonym list)."""

    terms = models.TextField(
        "同義語", help_text="同じ意味として扱う語を、読点（、）・カンマ・改行で区切って入力します。"
    )
    note = models.CharField("メモ", max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "同義語グループ"
        verbose_name_plural = "同義語リスト"
        ordering = ["id"]

    def __str__(self) -> str:
        return "・".join(self.term_list())

    def term_list(self) -> list[str]:
        import re

        return [t.strip() for t in re.split(r"[、,，\n]+", self.terms) if t.strip()]


class IndexTombstone(models.Model):
    """A deleted profile or request, written by a database trigger (migration 0002), so that
    every process's in-memory index drops the row on its next poll, whatever path deleted it."""

    table_name = models.CharField(max_length=63)
    row_id = models.BigIntegerField()
    xid = models.BigIntegerField(db_index=True)
    at = models.DateTimeField(db_default=models.functions.Now())

    def __str__(self) -> str:
        return f"{self.table_name}#{self.row_id}"
