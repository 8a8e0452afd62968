from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.db.models.expressions import RawSQL

from lib.fiscal import fiscal_year_of, today_in_tokyo
from lib.slots import SLOT_CHOICES
from lib.text.kana import normalize_reading
from lib.text.names import name_key
from talent.validators import validate_phone


class Area(models.Model):
    """A 地区 of the city: where a volunteer can go, where an organization is."""

    name = models.CharField("地区名", max_length=50, unique=True)
    furigana = models.CharField("ふりがな", max_length=100, blank=True)
    sort_order = models.PositiveIntegerField("表示順", default=0)

    class Meta:
        verbose_name = "地区"
        verbose_name_plural = "地区"
        ordering = ["sort_order", "furigana", "name"]

    def __str__(self) -> str:
        return self.name


class ProfileKind(models.TextChoices):
    INSTRUCTOR = "instructor", "講師"
    IT_VOLUNTEER = "it_volunteer", "ITボランティア"
    SCHOOL_SUPPORT = "school_support", "学校支援ボランティア"


class Fee(models.TextChoices):
    FREE = "free", "無償"
    HONORARIUM = "honorarium", "謝礼希望"
    TRAVEL_ONLY = "travel_only", "交通費のみ"


class ProfileStatus(models.TextChoices):
    DRAFT = "draft", "下書き"
    PENDING = "pending", "審査待ち"
    PUBLISHED = "published", "公開中"
    SUSPENDED = "suspended", "停止中"
    # Not renewed for the current 年度 (talent/renewal.py): out of matching and of requesters'
    # search, data kept; renewing publishes it again.
    LAPSED = "lapsed", "更新待ち"
    # 退会: the person's data is erased (volunteers/personal_data.py); the row stays, anonymous,
    # so that their activities still count in the reports.
    WITHDRAWN = "withdrawn", "退会"
    # The volunteer's own pause (休止): out of matching until they resume.
    PAUSED = "paused", "休止中"


# Fields a volunteer may consent to publish. Contact data (email, phone) is never among them:
# it reaches coordinators, and the requester of a confirmed match, only (talent/privacy.py).
CONSENTABLE_FIELDS = (
    ("furigana", "ふりがな"),
    ("experience", "経験・資格"),
    ("bio", "自己紹介"),
)
# The fields the derived token columns are computed from.
TEXT_FIELDS = frozenset({"display_name", "furigana", "skills", "experience", "bio"})


# The weight of each field in ``Profile.search_vector`` (the SQL below): the privacy gate cuts
# the vector to the weights of the fields a viewer may see (talent.privacy).
SEARCH_WEIGHTS = {
    "display_name": "A",
    "skills": "A",
    "experience": "B",
    "bio": "C",
    "furigana": "D",
}


# 五十音順: by the stored reading (always hiragana, see Profile.clean), people without a reading
# last. The cluster's collation is C, so hiragana sort by code point, which is the kana table's
# order (あ ぃ い … か が き ぎ …: a voiced kana right after its plain one).
READING_ORDER = (
    Case(When(furigana="", then=Value(1)), default=Value(0), output_field=IntegerField()).asc(),
    "furigana",
    "id",
)


def current_fiscal_year() -> int:
    """The 年度 of today in Asia/Tokyo (a new registration is valid through its March 31)."""
    return fiscal_year_of(today_in_tokyo())


def _tsvector_sql() -> RawSQL:
    # Sudachi cuts the text in Python; PostgreSQL's parser then only has to split on spaces.
    # Name and skills weigh most, experience next, the self-introduction least. The reading
    # has a weight of its own (D) so that a search can leave it out where furigana is private
    # (talent/search.py); the search ranks D like A.
    return RawSQL(
        "setweight(to_tsvector('simple'::regconfig, tok_name), 'A') || "
        "setweight(to_tsvector('simple'::regconfig, tok_skills), 'A') || "
        "setweight(to_tsvector('simple'::regconfig, tok_experience), 'B') || "
        "setweight(to_tsvector('simple'::regconfig, tok_bio), 'C') || "
        "setweight(to_tsvector('simple'::regconfig, tok_reading), 'D')",
        [],
    )


class Profile(models.Model):
    """What one person can offer. Written only through talent/services.py."""

    kind = models.CharField("種別", max_length=20, choices=ProfileKind.choices)
    display_name = models.CharField("氏名", max_length=100)
    furigana = models.CharField("ふりがな", max_length=200, blank=True)
    skills = models.TextField("できること・教えられること", max_length=4000)
    experience = models.TextField("経験・資格", max_length=4000, blank=True)
    bio = models.TextField("自己紹介", max_length=4000, blank=True)
    areas = models.ManyToManyField(Area, verbose_name="活動できる地区", blank=True)
    availability = ArrayField(
        models.CharField(max_length=10, choices=SLOT_CHOICES),
        verbose_name="活動できる時間帯",
        default=list,
        blank=True,
    )
    fee = models.CharField("謝礼", max_length=20, choices=Fee.choices, default=Fee.FREE)
    email = models.EmailField("メールアドレス", blank=True)
    phone = models.CharField("電話番号", max_length=30, blank=True, validators=[validate_phone])
    public_fields = ArrayField(
        models.CharField(max_length=20, choices=CONSENTABLE_FIELDS),
        verbose_name="公開に同意した項目",
        default=list,
        blank=True,
    )
    status = models.CharField(
        "状態", max_length=20, choices=ProfileStatus.choices, default=ProfileStatus.PENDING
    )
    screening_note = models.TextField("差し戻しの理由", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="ログイン",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="profile",
    )
    external_id = models.CharField("市の登録番号", max_length=50, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        "生まれ年", null=True, blank=True, help_text="同じ人の重複登録を見分けるため（任意）"
    )
    # The 年度 this registration is valid for (through its March 31): set on registration,
    # moved on by renewing (talent/renewal.py).
    valid_fiscal_year = models.PositiveSmallIntegerField(
        "登録の有効年度", default=current_fiscal_year
    )
    # Fields whose value looked like a spreadsheet formula when imported (=, +, -, @, tab or CR
    # first): stored as typed, and every export must neutralise them (a leading ').
    formula_fields = ArrayField(
        models.CharField(max_length=30),
        verbose_name="数式に見える項目",
        default=list,
        blank=True,
        editable=False,
    )
    # When this person was last proposed for anything: the matcher spreads work by it.
    last_proposed_at = models.DateTimeField("最後に提案された日時", null=True, blank=True)
    created_at = models.DateTimeField("登録日時", auto_now_add=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)
    # When the registration was first published: the 年度 reports count publications by it.
    published_at = models.DateTimeField("初回公開日時", null=True, blank=True, editable=False)

    # Derived, written on every save (talent/text.py): the analyzer's terms, space-joined.
    tok_name = models.TextField(default="", editable=False)
    tok_reading = models.TextField(default="", editable=False)
    tok_skills = models.TextField(default="", editable=False)
    tok_experience = models.TextField(default="", editable=False)
    tok_bio = models.TextField(default="", editable=False)
    # The name folded for duplicate detection (talent/duplicates.py): 髙橋 and 高橋 alike.
    name_key = models.CharField(max_length=100, default="", editable=False, db_index=True)
    # Set by a database trigger to the writing transaction's id: the matcher's in-memory index
    # polls rows newer than its last snapshot horizon (matching/index_cache.py).
    index_xid = models.BigIntegerField(default=0, editable=False, db_index=True)
    search_vector = models.GeneratedField(
        expression=_tsvector_sql(), output_field=SearchVectorField(), db_persist=True
    )

    class Meta:
        verbose_name = "人材"
        verbose_name_plural = "人材"
        ordering = list(READING_ORDER)
        indexes = [
            GinIndex(fields=["search_vector"], name="profile_search_gin"),
            # The matcher counts withdrawals whenever a worker opens a saved index
            # (matching/index_cache.py): a few rows, found without reading the table.
            models.Index(
                fields=["id"], name="profile_withdrawn", condition=models.Q(status="withdrawn")
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="profile_external_id_unique",
                violation_error_message="この市の登録番号はすでに別の人材に使われています。",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        # Tokens must follow the text on every write path (API, pages, import, admin), in the
        # same transaction; PostgreSQL cannot run Sudachi, so this is the one place to do it.
        from talent.text import profile_terms

        update_fields = kwargs.get("update_fields")
        if update_fields is None or TEXT_FIELDS & set(update_fields):
            terms = profile_terms(self)
            terms["name_key"] = name_key(self.display_name)
            for field, value in terms.items():
                setattr(self, field, value)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *terms}
        super().save(*args, **kwargs)

    def clean(self):
        # Every form and service runs full_clean before saving (the admin too); the bulk import
        # applies the same function (talent/importing).
        self.furigana = normalize_reading(self.furigana)

    @property
    def is_published(self) -> bool:
        return self.status == ProfileStatus.PUBLISHED


class Disclosure(models.Model):
    """Contact data shown to someone other than the volunteer: one row per response, page,
    mail or export (talent.privacy.profile_views), listing every profile it showed."""

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="閲覧者",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    channel = models.CharField("経路", max_length=20)
    profile_ids = ArrayField(models.BigIntegerField(), verbose_name="人材ID")
    fields = ArrayField(models.CharField(max_length=30), verbose_name="見せた項目")
    at = models.DateTimeField("閲覧日時", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "連絡先の閲覧記録"
        verbose_name_plural = "連絡先の閲覧記録"
        ordering = ["-at", "-id"]
        indexes = [GinIndex(fields=["profile_ids"], name="disclosure_profile_ids_gin")]

    def __str__(self) -> str:
        return f"{self.viewer_id} → {len(self.profile_ids)}人 ({self.channel})"


class FiscalYearRecord(models.Model):
    """One volunteer's 年度: the renewal of the registration and the ボランティア保険."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="year_records")
    fiscal_year = models.PositiveSmallIntegerField("年度")
    renewed_at = models.DateTimeField("更新日時", null=True, blank=True)
    renewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="更新した人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # When the volunteer was asked to renew for this 年度 (once per 年度).
    renewal_requested_at = models.DateTimeField("更新の案内日時", null=True, blank=True)
    insured = models.BooleanField("ボランティア保険に加入", default=False)
    insurance_policy = models.CharField(
        "保険の内容", max_length=200, blank=True, help_text="保険の名称・証券番号など"
    )
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    class Meta:
        verbose_name = "年度ごとの登録・保険"
        verbose_name_plural = "年度ごとの登録・保険"
        ordering = ["-fiscal_year", "profile_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "fiscal_year"], name="fiscal_year_record_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile_id} {self.fiscal_year}年度"


class StagedImport(models.Model):
    """An uploaded file kept between its preview and the coordinator's confirmation."""

    id = models.UUIDField(primary_key=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField("ファイル名", max_length=255)
    content = models.BinaryField("内容")
    created_at = models.DateTimeField("アップロード日時", auto_now_add=True)
    expires_at = models.DateTimeField("有効期限")
    imported_at = models.DateTimeField("取り込み日時", null=True, blank=True)
    imported_count = models.PositiveIntegerField("取り込んだ件数", default=0)
    # The first people imported, for the result page.
    imported_ids = ArrayField(models.BigIntegerField(), default=list, blank=True)

    class Meta:
        verbose_name = "取り込み待ちのファイル"
        verbose_name_plural = "取り込み待ちのファイル"

    def __str__(self) -> str:
        return self.filename
