"""Forms of the pages. They check the shape of what was typed (required, lengths, formats) and
hand it to the domain services, which apply the rules; the services' errors are put back on
these forms by web.access.add_domain_error."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from lib.slots import BANDS, SLOT_CHOICES, WEEKDAYS
from matching.models import Audience, Organization, TimeBand
from talent.models import CONSENTABLE_FIELDS, Area, Fee, ProfileKind, ProfileStatus
from talent.validators import PHONE_MESSAGE, PHONE_PATTERN
from web import once

DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d"]
MAX_DATES = 5


def _required(what: str, verb: str = "入力") -> dict:
    return {"required": f"{what}を{verb}してください。"}


def _max_length(what: str, n: int) -> dict:
    return {"max_length": f"{what}は{n}文字以内で入力してください。"}


class OnceForm(forms.Form):
    """A form that carries a one-time token (web/once.py): a double click creates one record."""

    once = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("once", once.new_token())

    def clean_once(self):
        token = self.cleaned_data.get("once", "")
        if not once.is_valid(token):
            raise forms.ValidationError(
                "画面が古くなっています。お手数ですが、ページを開き直してから送信してください。"
            )
        return token


# ---------------------------------------------------------------- accounts


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "ユーザー名かパスワードが違います。大文字・小文字や全角・半角も確かめてください。"
        ),
        "inactive": "このアカウントは使えなくなっています。コーディネーターにお問い合わせください。",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "ユーザー名"
        self.fields["username"].error_messages = _required("ユーザー名")
        self.fields["password"].error_messages = _required("パスワード")
        self.fields["username"].widget.attrs.update(autocapitalize="none", autocomplete="username")


class ResetRequestForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "登録したメールアドレス"
        self.fields["email"].error_messages = {
            **_required("メールアドレス"),
            "invalid": "メールアドレスの形（例: hanako@example.jp）で入力してください。",
        }


class ResetPasswordForm(SetPasswordForm):
    pass


class SignupForm(OnceForm):
    username = forms.RegexField(
        label="ユーザー名（ログインに使います）",
        regex=r"^[A-Za-z0-9_.@+-]+$",
        max_length=150,
        help_text="半角の英字・数字と「_ . - @ +」が使えます。例: hanako-sato",
        error_messages={
            **_required("ユーザー名"),
            "invalid": "ユーザー名は半角の英字・数字と「_ . - @ +」だけで入力してください。",
        },
        widget=forms.TextInput(attrs={"autocapitalize": "none", "autocomplete": "username"}),
    )
    email = forms.EmailField(
        label="メールアドレス",
        required=False,
        help_text="パスワードを忘れたときの再設定に使います。なくても登録できます。",
        error_messages={
            "invalid": "メールアドレスの形（例: hanako@example.jp）で入力してください。"
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label="パスワード",
        help_text="8文字以上で、ほかで使っていないものにしてください。",
        error_messages=_required("パスワード"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="パスワード（確認のためもう一度）",
        error_messages=_required("確認用のパスワード"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    public_fields = forms.MultipleChoiceField(
        label="依頼者（学校・公民館など）にも見せてよい項目",
        choices=CONSENTABLE_FIELDS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "チェックしなかった項目は、コーディネーターだけが見ます。"
            "お名前・できること・活動できる地区と時間帯は、審査のあと公開されます。"
            "電話番号とメールアドレスは公開されず、活動が決まった依頼先にだけ伝わります。"
        ),
    )
    terms = forms.BooleanField(
        label="利用規約と個人情報の取り扱いを読み、同意します",
        error_messages={
            "required": "登録するには、利用規約と個人情報の取り扱いへの同意が必要です。"
        },
    )

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error(
                "password2",
                "確認用のパスワードが一致しません。同じものをもう一度入力してください。",
            )
        return data


# ---------------------------------------------------------------- profiles


class AvailabilityField(forms.MultipleChoiceField):
    """The weekly grid (曜日 × 午前/午後/夜間). Rendered as a table by the template."""

    def __init__(self, **kwargs):
        super().__init__(choices=SLOT_CHOICES, required=False, **kwargs)


class ProfileForm(OnceForm):
    kind = forms.ChoiceField(
        label="登録の種類",
        choices=ProfileKind.choices,
        widget=forms.RadioSelect,
        error_messages=_required("登録の種類", "選択"),
    )
    display_name = forms.CharField(
        label="お名前",
        max_length=100,
        error_messages={**_required("お名前"), **_max_length("お名前", 100)},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    furigana = forms.CharField(
        label="ふりがな",
        max_length=200,
        required=False,
        help_text="ひらがなで入力してください。例: さとう はなこ",
        error_messages=_max_length("ふりがな", 200),
    )
    skills = forms.CharField(
        label="できること・教えられること",
        max_length=4000,
        help_text="例: 書道（小学生の書写）、スマホの使い方の相談、読み聞かせ",
        error_messages={
            **_required("できること・教えられること"),
            **_max_length("できること・教えられること", 4000),
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    experience = forms.CharField(
        label="経験・資格",
        max_length=4000,
        required=False,
        error_messages=_max_length("経験・資格", 4000),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    bio = forms.CharField(
        label="自己紹介",
        max_length=4000,
        required=False,
        error_messages=_max_length("自己紹介", 4000),
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
        error_messages=_required("謝礼についての希望", "選択"),
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
            **_max_length("電話番号", 30),
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
        error_messages=_max_length("市の登録番号", 50),
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
    SERVICE_FIELDS = (*ProfileForm.SERVICE_FIELDS, "external_id")


class ScreeningForm(OnceForm):
    note = forms.CharField(
        label="差し戻しの理由（本人に表示されます）",
        max_length=2000,
        required=False,
        error_messages=_max_length("理由", 2000),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# ---------------------------------------------------------------- requests


class RequestForm(OnceForm):
    title = forms.CharField(
        label="件名",
        max_length=200,
        help_text="例: 3年生の書写の授業にゲストティーチャーを",
        error_messages={**_required("件名"), **_max_length("件名", 200)},
    )
    description = forms.CharField(
        label="お願いしたいこと",
        max_length=4000,
        help_text="どんな場で、何をしてほしいかを書いてください。人数や持ち物などもあれば。",
        error_messages={
            **_required("お願いしたいこと"),
            **_max_length("お願いしたいこと", 4000),
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    kind_wanted = forms.ChoiceField(
        label="どんな方に来てほしいか",
        choices=[("", "特に指定しない"), *ProfileKind.choices],
        required=False,
    )
    time_band = forms.ChoiceField(
        label="時間帯",
        choices=[("", "決まっていない"), *TimeBand.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    start_time = forms.TimeField(
        label="開始時刻",
        required=False,
        error_messages={"invalid": "時刻は「10:30」のように入力してください。"},
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    end_time = forms.TimeField(
        label="終了時刻",
        required=False,
        error_messages={"invalid": "時刻は「11:30」のように入力してください。"},
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    day_contact = forms.CharField(
        label="当日の担当者",
        max_length=200,
        required=False,
        help_text="例: 教務 山田（当日の連絡先 0123-45-6789）。確定した方にだけ伝えます。",
        error_messages=_max_length("当日の担当者", 200),
    )
    place = forms.CharField(
        label="場所",
        max_length=200,
        required=False,
        help_text="例: 本校 図工室",
        error_messages=_max_length("場所", 200),
    )
    audience = forms.MultipleChoiceField(
        label="対象",
        choices=Audience.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    headcount = forms.IntegerField(
        label="来てほしい人数",
        min_value=1,
        max_value=50,
        initial=1,
        error_messages={
            **_required("来てほしい人数"),
            "invalid": "人数は半角の数字で入力してください（例: 2）。",
            "min_value": "人数は1人以上にしてください。",
            "max_value": "人数は50人までにしてください。それより多いときはご相談ください。",
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, MAX_DATES + 1):
            self.fields[f"date_{i}"] = forms.DateField(
                label=f"日程{i}",
                required=False,
                input_formats=DATE_FORMATS,
                error_messages={
                    "invalid": "日付は「2026-04-15」のように、年-月-日で入力してください。"
                },
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and start >= end:
            self.add_error("end_time", "終了時刻は開始時刻より後にしてください。")
        return data

    @classmethod
    def initial_from(cls, req) -> dict:
        """The form's initial values for editing ``req``."""
        initial = {
            k: getattr(req, k)
            for k in (
                "title",
                "description",
                "kind_wanted",
                "time_band",
                "start_time",
                "end_time",
                "day_contact",
                "place",
                "audience",
                "headcount",
            )
        }
        for i, d in enumerate(req.dates[:MAX_DATES], start=1):
            initial[f"date_{i}"] = d
        return initial

    def date_fields(self):
        return [self[f"date_{i}"] for i in range(1, MAX_DATES + 1)]

    def more_dates_used(self) -> bool:
        """Whether the extra date inputs hold anything (then they are shown open)."""
        extra = self.date_fields()[1:]
        return any(f.value() or f.errors for f in extra)

    def service_data(self) -> dict:
        data = {
            k: self.cleaned_data[k]
            for k in (
                "title",
                "description",
                "kind_wanted",
                "time_band",
                "start_time",
                "end_time",
                "day_contact",
                "place",
                "audience",
            )
        }
        data["headcount"] = self.cleaned_data["headcount"]
        data["dates"] = [
            d for i in range(1, MAX_DATES + 1) if (d := self.cleaned_data.get(f"date_{i}"))
        ]
        return data


class RequestForOrganizationForm(RequestForm):
    """A coordinator posting in an organization's name (a request taken by phone)."""

    organization = forms.ModelChoiceField(
        label="依頼する団体",
        queryset=Organization.objects.all(),
        empty_label="選んでください",
        error_messages=_required("依頼する団体", "選択"),
    )
    field_order = ["organization"]


class CompleteForm(OnceForm):
    date = forms.DateField(
        label="活動した日",
        input_formats=DATE_FORMATS,
        error_messages={
            **_required("活動した日"),
            "invalid": "日付は「2026-04-15」のように、年-月-日で入力してください。",
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    hours = forms.DecimalField(
        label="活動した時間（時間）",
        max_digits=4,
        decimal_places=1,
        min_value=0.5,
        max_value=24,
        error_messages={
            **_required("活動した時間"),
            "invalid": "時間は数字で入力してください（例: 1.5）。",
            "min_value": "時間は0.5時間以上で入力してください。",
            "max_value": "時間は24時間以内で入力してください。",
            "max_decimal_places": "時間は0.5のように、小数第1位まで入力してください。",
        },
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )
    requester_feedback = forms.CharField(
        label="依頼者からの感想",
        max_length=2000,
        required=False,
        error_messages=_max_length("感想", 2000),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    participants = forms.IntegerField(
        label="参加した人数（児童・受講者など）",
        required=False,
        min_value=0,
        max_value=10000,
        error_messages={"invalid": "人数は半角の数字で入力してください（例: 25）。"},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    rating = forms.TypedChoiceField(
        label="評価",
        choices=[("", "つけない"), *((str(i), f"{i}") for i in range(5, 0, -1))],
        coerce=int,
        empty_value=None,
        required=False,
    )


# ---------------------------------------------------------------- search


class TalentSearchForm(forms.Form):
    q = forms.CharField(
        label="ことばで探す",
        required=False,
        max_length=200,
        help_text="例: 書道 / スマホ 相談 / 英語 -有償 / やまだ",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(
        label="種類", choices=[("", "すべて"), *ProfileKind.choices], required=False
    )
    area = forms.ModelChoiceField(
        label="地区", queryset=Area.objects.all(), required=False, empty_label="すべて"
    )
    weekday = forms.ChoiceField(label="曜日", choices=[("", "指定なし"), *WEEKDAYS], required=False)
    band = forms.ChoiceField(label="時間帯", choices=[("", "指定なし"), *BANDS], required=False)
    fee = forms.ChoiceField(label="謝礼", choices=[("", "すべて"), *Fee.choices], required=False)
    status = forms.ChoiceField(
        label="状態", choices=[("", "すべて"), *ProfileStatus.choices], required=False
    )
