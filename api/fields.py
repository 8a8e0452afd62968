import re

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from talent.models import Area


@extend_schema_field({"type": "array", "items": {"type": "string"}})
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
        if len(names) + len(ids) != len(data):
            self.fail("invalid")
        found = list(Area.objects.filter(name__in=names)) + list(Area.objects.filter(id__in=ids))
        missing = set(names) - {a.name for a in found}
        missing |= {str(i) for i in set(ids) - {a.id for a in found}}
        if missing:
            self.fail("unknown", names="、".join(sorted(missing)))
        return found


class TextField(serializers.CharField):
    """A CharField that refuses numbers and booleans instead of quietly turning them into text."""

    default_error_messages = {"invalid": "文字列で指定してください。"}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)
