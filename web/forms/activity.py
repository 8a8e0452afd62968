"""Forms for after the activity (web/views/activity.py)."""

from django import forms

from web.forms.base import max_length, required

HOURS_ERRORS = {
    **required("活動した時間"),
    "invalid": "時間は数字で入力してください（例: 1.5）。",
    "min_value": "時間は0.5時間以上で入力してください。",
    "max_value": "時間は24時間以内で入力してください。",
    "max_decimal_places": "時間は0.5のように、小数第1位まで入力してください。",
}


def _hours_field(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=4,
        decimal_places=1,
        min_value=0.5,
        max_value=24,
        error_messages=HOURS_ERRORS,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )


class ConfirmHoursForm(forms.Form):
    hours = _hours_field("活動した時間（時間）")
    comment = forms.CharField(
        label="ひとこと感想",
        max_length=2000,
        required=False,
        error_messages=max_length("感想", 2000),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResolveForm(forms.Form):
    hours = _hours_field("確定する時間")
    note = forms.CharField(label="判断のメモ", max_length=2000, required=False)
