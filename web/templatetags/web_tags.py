"""Template helpers for the pages: Japanese dates, highlighted words, one-time form tokens."""

import re
from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from lib.jdates import jdate as format_jdate
from web import once

register = template.Library()


@register.filter
def jdate(value) -> str:
    """2026年4月15日(水): the form people in Japan read dates in. Datetimes are shown in the
    site's time zone; anything else (None, "") becomes an empty string."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return format_jdate(value)


@register.filter
def jdatetime(value) -> str:
    """2026年4月15日(水) 14:05."""
    if not isinstance(value, datetime):
        return jdate(value)
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{jdate(local)} {local:%H:%M}"


@register.filter
def highlight(text, terms) -> str:
    """Escape ``text`` and wrap each occurrence of one of ``terms`` in <mark>."""
    text = "" if text is None else str(text)
    words = sorted({str(t) for t in terms or () if str(t).strip()}, key=len, reverse=True)
    if not words:
        return conditional_escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(conditional_escape(text[pos : m.start()]))
        out.append(format_html("<mark>{}</mark>", m.group(0)))
        pos = m.end()
    out.append(conditional_escape(text[pos:]))
    return mark_safe("".join(str(part) for part in out))


@register.simple_tag
def once_field() -> str:
    """A hidden one-time token for a small form (a button) that is never re-shown with errors."""
    return format_html('<input type="hidden" name="{}" value="{}">', once.FIELD, once.new_token())


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.simple_tag
def widget(field):
    """Render a field's input tied to its help text and its errors for screen readers."""
    described = []
    attrs = {}
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_errors")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def choice_labels(values, kind: str) -> str:
    """「児童・保護者」: the Japanese labels of a list of codes (audience, slot, consent)."""
    from lib.slots import SLOT_CHOICES
    from matching.models import Audience
    from talent.models import CONSENTABLE_FIELDS, ProfileKind

    table = {
        "audience": dict(Audience.choices),
        "kind": dict(ProfileKind.choices),
        "slot": dict(SLOT_CHOICES),
        "consent": dict(CONSENTABLE_FIELDS),
    }[kind]
    # Slot labels already hold a 「・」 (水曜・午前), so slots are separated by 「、」.
    sep = "、" if kind == "slot" else "・"
    return sep.join(str(table.get(v, v)) for v in values or ())


@register.filter
def jdates(values) -> str:
    """Several dates, joined with 「、」."""
    return "、".join(jdate(v) for v in values or ())


@register.filter
def reason_text(value) -> str:
    """A matcher reason value in words (the matcher may send booleans, numbers, lists, dicts)."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, dict):
        return "、".join(f"{k}: {reason_text(v)}" for k, v in value.items())
    if isinstance(value, list | tuple | set):
        return "・".join(reason_text(v) for v in value) or "—"
    return str(value)


@register.filter
def slot_label(code: str) -> str:
    return choice_labels([code], "slot")


@register.simple_tag
def recent_fiscal_years(count: int = 3) -> list[tuple[int, str]]:
    """This 年度 and the ones before it, as (2026, "令和8年度") pairs, newest first."""
    from lib.fiscal import fiscal_year_of, wareki_fiscal_year

    current = fiscal_year_of(timezone.localdate())
    return [(y, wareki_fiscal_year(y)) for y in range(current, current - count, -1)]
