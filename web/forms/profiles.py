"""The profile forms: a volunteer's own, a paper registration, screening."""

from django import forms

from lib.slots import BANDS, SLOT_CHOICES, WEEKDAYS
from talent.models import CONSENTABLE_FIELDS, Area, Fee, ProfileKind, ProfileStatus
from talent.validators import PHONE_MESSAGE, PHONE_PATTERN
from web.forms.base import OnceForm, max_length, required, text


class AvailabilityField(forms.MultipleChoiceField):
    """The weekly grid (曜日 × 午前/午後/夜間). Rendered as a table by the template."""

    def __init__(self, **kwargs):
        super().__init__(choices=SLOT_CHOICES, required=False, **kwargs)


class ProfileForm(OnceForm):
    kind = forms.ChoiceField(
        label="登録の種類",
        choices=ProfileKind.choices,
        widget=forms.RadioSelect,
        error_messages=required("登録の種類", "選択"),
    )
    display_name = text(
        "お名前",
        100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    furigana = text(
        "ふりがな",
        200,
        required=False,
        help_text="ひらがなで入力してください。例: さとう はなこ",
    )
    skills = text(
        "できること・教えられること",
        4000,
        help_text="例: 書道（小学生の書写）、スマホの使い方の相談、読み聞かせ",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    experience = text(
        "経験・資格",
        4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    bio = text(
        "自己紹介",
        4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    areas = forms.ModelMultipleChoiceField(
        label="活動できる地区",
        queryset=Area.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = AvailabilityField(label="活動できる曜日と時間帯")
    fee = forms.ChoiceField(
        label="謝礼について",
        choices=Fee.choices,
        initial=Fee.FREE,
        widget=forms.RadioSelect,
        error_messages=required("謝礼についての希望", "選択"),
    )
    email = forms.EmailField(
        label="メールアドレス",
        required=False,
        error_messages={
            "invalid": "メールアドレスの形（例: hanako@example.jp）で入力してください。"
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.RegexField(
        label="電話番号",
        regex=PHONE_PATTERN,
        max_length=30,
        required=False,
        help_text="例: 090-1234-5678",
        error_messages={
            "invalid": PHONE_MESSAGE,
            **max_length("電話番号", 30),
        },
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    public_fields = forms.MultipleChoiceField(
        label="依頼者にも見せてよい項目",
        choices=CONSENTABLE_FIELDS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="電話番号とメールアドレスは公開されず、活動が決まった依頼先にだけ伝わります。",
    )

    SERVICE_FIELDS = (
        "kind", "display_name", "furigana", "skills", "experience", "bio",
        "availability", "fee", "email", "phone", "public_fields",
    )  # fmt: skip

    def availability_grid(self):
        """Rows of the weekly grid: (weekday label, [(code, band label, checked, input id)])."""
        if self.is_bound:
            chosen = set(self.data.getlist("availability"))
        else:
            chosen = set(self.initial.get("availability") or [])
        return [
            (
                day_label,
                [
                    (f"{day}_{band}", band_label, f"{day}_{band}" in chosen, f"slot-{day}-{band}")
                    for band, band_label in BANDS
                ],
            )
            for day, day_label in WEEKDAYS
        ]

    bands = BANDS

    def service_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.SERVICE_FIELDS if k in self.cleaned_data}


class PaperProfileForm(ProfileForm):
    """A coordinator typing in a paper registration form."""

    external_id = forms.CharField(
        label="市の登録番号（紙の登録票にあれば）",
        max_length=50,
        required=False,
        error_messages=max_length("市の登録番号", 50),
    )
    status = forms.ChoiceField(
        label="登録後の状態",
        choices=[
            (ProfileStatus.PUBLISHED, "公開する（本人確認・審査済み）"),
            (ProfileStatus.PENDING, "審査待ちにする"),
            (ProfileStatus.DRAFT, "下書きにする"),
        ],
        initial=ProfileStatus.PUBLISHED,
        widget=forms.RadioSelect,
    )
    birth_year = forms.IntegerField(
        label="生まれ年（西暦、任意：同じ人の重複登録を見分けるため）",
        required=False,
        min_value=1900,
        max_value=2100,
        error_messages={
            "invalid": "生まれ年は西暦の数字で入力してください（例: 1955）。",
            "min_value": "1900以降の年を入力してください。",
            "max_value": "正しい年を入力してください。",
        },
    )
    SERVICE_FIELDS = (*ProfileForm.SERVICE_FIELDS, "external_id", "birth_year")


class ScreeningForm(OnceForm):
    note = forms.CharField(
        label="差し戻しの理由（本人に表示されます）",
        max_length=2000,
        required=False,
        error_messages=max_length("理由", 2000),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
