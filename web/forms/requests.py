"""The request forms (a requester's own, one taken by phone) and the activity record."""

from django import forms

from matching.models import Audience, Organization, TimeBand
from talent.models import ProfileKind
from web.forms.base import DATE_FORMATS, OnceForm, max_length, required, text

MAX_DATES = 5


# The request's own fields the form edits one to one (dates and headcount have fields of
# their own): the same list fills the form for editing and hands its values to the service.
EDITED_FIELDS = (
    "title",
    "description",
    "kinds_wanted",
    "kinds_strict",
    "time_band",
    "start_time",
    "end_time",
    "day_contact",
    "place",
    "audience",
)


class RequestForm(OnceForm):
    title = text(
        "件名",
        200,
        help_text="例: 3年生の書写の授業にゲストティーチャーを",
    )
    description = text(
        "お願いしたいこと",
        4000,
        help_text="どんな場で、何をしてほしいかを書いてください。人数や持ち物などもあれば。",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    kinds_wanted = forms.MultipleChoiceField(
        label="どんな方が役に立ちそうですか（いくつでも。選ばなければ、どなたでも）",
        choices=ProfileKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kinds_strict = forms.BooleanField(
        label="選んだ種別の方に限る（選ばなければ、ほかの種別の方も候補に入ります）",
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
    day_contact = text(
        "当日の担当者",
        200,
        required=False,
        help_text="例: 教務 山田（当日の連絡先 0123-45-6789）。確定した方にだけ伝えます。",
    )
    place = text(
        "場所",
        200,
        required=False,
        help_text="例: 本校 図工室",
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
            **required("来てほしい人数"),
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
        initial = {k: getattr(req, k) for k in (*EDITED_FIELDS, "headcount")}
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
        data = {k: self.cleaned_data[k] for k in EDITED_FIELDS}
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
        error_messages=required("依頼する団体", "選択"),
    )
    field_order = ["organization"]


class CompleteForm(OnceForm):
    date = forms.DateField(
        label="活動した日",
        input_formats=DATE_FORMATS,
        error_messages={
            **required("活動した日"),
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
            **required("活動した時間"),
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
        error_messages=max_length("感想", 2000),
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
