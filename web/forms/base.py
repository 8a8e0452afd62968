"""What every page form shares: the one-time token and the wording of the usual errors."""

from django import forms

from web import once

DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d"]


def required(what: str, verb: str = "入力") -> dict:
    return {"required": f"{what}を{verb}してください。"}


def max_length(what: str, n: int) -> dict:
    return {"max_length": f"{what}は{n}文字以内で入力してください。"}


_required = required  # under a name the keyword argument of ``text`` does not hide


def text(label: str, max_length_: int, *, required: bool = True, **kwargs) -> forms.CharField:
    """A text field whose error messages name it by its label (「お名前を入力してください。」,
    「お名前は100文字以内で入力してください。」)."""
    messages = {**(_required(label) if required else {}), **max_length(label, max_length_)}
    return forms.CharField(
        label=label, max_length=max_length_, required=required, error_messages=messages, **kwargs
    )


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
