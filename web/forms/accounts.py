"""Log-in, password reset and sign-up forms."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from talent.models import CONSENTABLE_FIELDS
from web.forms.base import OnceForm, required


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
        self.fields["username"].error_messages = required("ユーザー名")
        self.fields["password"].error_messages = required("パスワード")
        self.fields["username"].widget.attrs.update(autocapitalize="none", autocomplete="username")


class ResetRequestForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "登録したメールアドレス"
        self.fields["email"].error_messages = {
            **required("メールアドレス"),
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
            **required("ユーザー名"),
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
        error_messages=required("パスワード"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="パスワード（確認のためもう一度）",
        error_messages=required("確認用のパスワード"),
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
