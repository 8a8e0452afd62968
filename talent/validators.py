"""Validators shared by the model, the API and the pages, so the rule is written once."""

from django.core.validators import RegexValidator

# Digits (half- or full-width), hyphens of either width, the long vowel mark people type for a
# hyphen, brackets, plus and spaces: what a phone number looks like on a paper form.
PHONE_PATTERN = r"^[0-9０-９+\-－ー() ]{0,30}$"
PHONE_MESSAGE = "電話番号は数字とハイフンで入力してください（例: 090-1234-5678）。"

validate_phone = RegexValidator(PHONE_PATTERN, PHONE_MESSAGE, code="invalid")
