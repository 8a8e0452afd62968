import re

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from talent.filters import MAX_ID
from talent.models import Area


@extend_schema_field(
    {
        "type": "array",
        "items": {"type": "string"},
        "maxItems": 50,
        "description": "地区の名前のリスト（送るときは ID の数値も使えます）",
    }
)
class AreaListField(serializers.Field):
    """地区 given as a list of names or ids (or one string split by 、 , ・); read as names."""

    default_error_messages = {
        "invalid": "地区は名前か ID のリストで指定してください。",
        "unknown": "登録されていない地区です: {names}",
    }

    def to_representation(self, value):
        return [area.name for area in value.all()]

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = [p for p in re.split(r"[、,，・\s]+", data) if p]
        if not isinstance(data, list) or len(data) > 50:
            self.fail("invalid")
        names = [d.strip() for d in data if isinstance(d, str)]
        ids = [d for d in data if isinstance(d, int) and not isinstance(d, bool)]
        if any(not 0 < i <= MAX_ID for i in ids):
            self.fail("invalid")
        if len(names) + len(ids) != len(data):
            self.fail("invalid")
        found = list(Area.objects.filter(name__in=names)) + list(Area.objects.filter(id__in=ids))
        missing = set(names) - {a.name for a in found}
        missing |= {str(i) for i in set(ids) - {a.id for a in found}}
        if missing:
            self.fail("unknown", names="、".join(sorted(missing)))
        return found


class IdField(serializers.PrimaryKeyRelatedField):
    """A reference by id: a whole number (or a string of ASCII digits, as forms send), in the
    range of a PostgreSQL bigint. ``1.5`` is refused, not read as 1; ``1e309`` and
    ``99999999999999999999`` are refused, not sent to the database."""

    default_error_messages = {
        "incorrect_type": "ID は整数で指定してください。",
        "does_not_exist": "ID {pk_value} は見つかりません。",
    }

    def to_internal_value(self, data):
        if isinstance(data, str) and data.isascii() and data.isdigit():
            data = int(data)
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 0 < data <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


class TextField(serializers.CharField):
    """A CharField that refuses numbers and booleans instead of quietly turning them into text."""

    default_error_messages = {"invalid": "文字列で指定してください。"}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)
