"""Forms for bringing organizations and their requesters on board (web/views/onboarding.py)."""

from django import forms

from matching.models import Organization
from talent.validators import PHONE_MESSAGE, PHONE_PATTERN
from web.forms.base import OnceForm, required, text


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["name", "kind", "area", "address", "phone", "email"]
        error_messages = {
            "name": required("団体名"),
            "kind": required("種別", "選択"),
            "email": {"invalid": "メールアドレスの形が正しくありません（例: info@example.jp）。"},
        }
        help_texts = {"phone": "例: 0123-45-6789", "email": "団体の代表アドレス（任意）"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.attrs.update({"inputmode": "tel", "pattern": PHONE_PATTERN})
        self.fields["phone"].error_messages["invalid"] = PHONE_MESSAGE
        self.fields["area"].empty_label = "選んでください（任意）"

    def service_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.Meta.fields}


class InviteForm(OnceForm):
    email = forms.EmailField(
        label="招待する方のメールアドレス",
        max_length=254,
        error_messages={
            **required("メールアドレス"),
            "invalid": "メールアドレスの形が正しくありません（例: yamada@school.example.jp）。",
        },
    )


class AcceptForm(forms.Form):
    name = text(
        "お名前",
        150,
    )
    username = forms.RegexField(
        label="ログイン名",
        max_length=150,
        regex=r"^[\w.@+-]+$",
        help_text="半角の英数字と @ . + - _ が使えます。例: daiichi-yamada",
        error_messages={
            **required("ログイン名"),
            "invalid": "ログイン名は半角の英数字と @ . + - _ で入力してください。",
        },
    )
    password1 = forms.CharField(
        label="パスワード",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="8文字以上。ほかのサービスと同じものは避けてください。",
        error_messages=required("パスワード"),
    )
    password2 = forms.CharField(
        label="パスワード（確認）",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages=required("パスワード（確認）"),
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error(
                "password2", "確認用のパスワードが一致しません。同じものを入力してください。"
            )
        return data


class AcceptByCodeForm(AcceptForm):
    code = forms.CharField(
        label="招待コード",
        max_length=20,
        help_text="紙に書かれた8文字のコード（例: ABCD-2345）",
        error_messages=required("招待コード"),
    )
    email = forms.EmailField(
        label="メールアドレス（お知らせの送り先）",
        required=False,
        error_messages={
            "invalid": "メールアドレスの形が正しくありません（例: yamada@example.jp）。"
        },
    )
    field_order = ["code", "name", "email", "username", "password1", "password2"]
